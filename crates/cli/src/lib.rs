//! The `rackscope` command line: catalog queries, predictions, fit and comparison tables.
//!
//! [`run`] takes the arguments and standard input as values and writes to strings, so the whole
//! CLI is testable in-process; `main.rs` only connects it to the real process streams.
//! Exit codes: 0 success, 1 bad input or usage, 2 an internal problem (the embedded catalog
//! failed to load, which the test suite rules out).

use std::fmt::Write as _;

use clap::{Parser, Subcommand, ValueEnum};
use rackscope::catalog::CatalogFiles;
use rackscope::hardware::Chip;
use rackscope::llm::Model;
use rackscope::precision::Precision;
use rackscope::scenario::{
    RawChipRef, RawConcurrency, RawHardware, RawModelRef, RawPrecision, RawWorkload, Scenario,
};
use rackscope::{Catalog, Efficiency, Known, RawScenario};

mod chart;
mod fleet;
mod rank;

#[derive(Parser, Debug)]
#[command(
    name = "rackscope",
    version,
    about = "LLM inference hardware: fit, speed, cost and sources"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Query and validate the catalog.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Predict a scenario (a JSON file, or `-` for standard input).
    Predict {
        /// Scenario file, or `-` for standard input.
        scenario: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Which chips and systems can hold a model, with how many chips, at each precision.
    Fit {
        /// Model id.
        model: String,
        /// Prompt plus output tokens one request holds (default 4096).
        #[arg(long, default_value_t = 4096)]
        context: u32,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Chips or models side by side.
    Compare {
        /// Comma-separated chip ids.
        #[arg(long, value_delimiter = ',', conflicts_with = "models")]
        chips: Vec<String>,
        /// Comma-separated model ids.
        #[arg(long, value_delimiter = ',')]
        models: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The model's error against the published measurements (Markdown).
    Accuracy,
    /// Rank options (a model on catalog hardware, or through an API) under a risk profile: hard
    /// constraints exclude, weighted terms rank the rest, every term explained.
    Rank(RankArgs),
    /// The cheapest mixed fleet for a demand mix (requests per day per model and latency class),
    /// with capacity headroom and what changes if one hardware type becomes unavailable
    /// (docs/fleet.md).
    Fleet {
        /// Demand file (JSON).
        demand: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Draw a chart as SVG or PNG, or export its data as CSV or JSON.
    #[command(after_help = CHART_HELP)]
    Chart(ChartArgs),
}

const CHART_HELP: &str = "Kinds:
  price-performance   $ per million output tokens against tokens/s per chip (needs --scenario with a cost section)
  roofline            attainable FLOP/s against arithmetic intensity; --scenario places its steps
  memory-fit          a model's memory at bf16, fp8 and int4 against the chips needed
  throughput-latency  tokens/s per chip against time per output token as the batch grows
  tco                 cumulative on-premise cost against the API bill (needs --scenario with cost.api)
  specs               memory, bandwidth, compute and power of chips
  rack-density        accelerators, memory and power per rack

Examples:
  rackscope chart specs --chips nvidia-h20,alibaba-zhenwu-m890 --out specs.svg
  rackscope chart price-performance --scenario examples/charts/price-performance.json --out pp.png
  rackscope chart memory-fit --models glm-5 --format csv";

#[derive(clap::Args, Debug)]
struct ChartArgs {
    /// Chart kind (see below).
    kind: String,
    /// Scenario file (workload, precisions, targets, cost) the chart is computed for.
    #[arg(long)]
    scenario: Option<String>,
    #[command(flatten)]
    picks: Picks,
    /// Comma-separated weight precisions (memory-fit).
    #[arg(long, value_delimiter = ',')]
    precisions: Vec<String>,
    /// A risk profile, preset or file (price-performance): excluded options are grey, and the
    /// labelled ones are the Pareto set across cost, speed and risk (docs/risk.md).
    #[arg(long)]
    profile: Option<String>,
    /// Output file; its extension (.svg, .png, .csv, .json) sets the format.
    #[arg(long)]
    out: Option<String>,
    /// Output format when it differs from the file extension, or without --out.
    #[arg(long, value_enum)]
    format: Option<ChartFormat>,
    /// Width in pixels.
    #[arg(long, default_value_t = 1200)]
    width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = 800)]
    height: u32,
    /// Colours for a light or dark page.
    #[arg(long, value_enum, default_value_t = ChartTheme::Light)]
    theme: ChartTheme,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ChartFormat {
    Svg,
    Png,
    Csv,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ChartTheme {
    Light,
    Dark,
}

#[derive(Subcommand, Debug)]
enum CatalogCommand {
    /// List ids, names and kinds.
    List {
        /// Only this kind.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Every fact of one record, with its provenance.
    Show {
        /// Chip, system or model id.
        id: String,
    },
    /// Validate catalog files: the embedded ones, or a directory holding the six data files.
    Validate {
        /// Directory with catalog.json, sources.json, chips.json, systems.json, models.json and
        /// calibration.json.
        dir: Option<String>,
    },
}

/// The chips, systems and models a chart or a ranking compares (empty: the command's default).
#[derive(clap::Args, Debug)]
struct Picks {
    /// Comma-separated chip ids.
    #[arg(long, value_delimiter = ',')]
    chips: Vec<String>,
    /// Comma-separated system ids.
    #[arg(long, value_delimiter = ',')]
    systems: Vec<String>,
    /// Comma-separated model ids.
    #[arg(long, value_delimiter = ',')]
    models: Vec<String>,
}

/// `rackscope rank` options.
#[derive(clap::Args, Debug)]
struct RankArgs {
    /// A preset (eu-bank, cn-state, startup) or a profile file (JSON; docs/risk.md).
    #[arg(long)]
    profile: String,
    /// Base scenario (workload, precision, cost inputs); its hardware and model are replaced by
    /// each option's. Default: 1000 in / 1000 out tokens, fp8, 3 years, $0.10/kWh, PUE 1.3, 60 %.
    #[arg(long)]
    scenario: Option<String>,
    #[command(flatten)]
    picks: Picks,
    /// Leave out API options.
    #[arg(long)]
    no_apis: bool,
    /// Options shown in the table.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Table,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Kind {
    Chip,
    System,
    Model,
}

/// Reads a file for `predict` or `catalog validate`; injected so tests need no file system.
pub type ReadFile<'a> = &'a dyn Fn(&str) -> std::io::Result<String>;

/// Writes a file for `chart --out`; injected so tests need no file system.
pub type WriteFile<'a> = &'a dyn Fn(&str, &[u8]) -> std::io::Result<()>;

/// Where the CLI reads and writes files.
#[derive(Clone, Copy)]
#[allow(missing_debug_implementations)] // Holds closures.
pub struct Io<'a> {
    /// Reads a file.
    pub read: ReadFile<'a>,
    /// Writes a file.
    pub write: WriteFile<'a>,
}

/// Runs the CLI. `args` exclude the program name. Returns the exit code.
#[must_use]
pub fn run(args: &[&str], stdin: &str, out: &mut String, err: &mut String) -> i32 {
    run_with_files(args, stdin, out, err, &|p| std::fs::read_to_string(p))
}

/// [`run`] with an explicit file reader (files are written to disk).
#[must_use]
pub fn run_with_files(
    args: &[&str],
    stdin: &str,
    out: &mut String,
    err: &mut String,
    read: ReadFile<'_>,
) -> i32 {
    run_with_io(args, stdin, out, err, Io { read, write: &|p, b| std::fs::write(p, b) })
}

/// [`run`] with explicit file access.
#[must_use]
pub fn run_with_io(
    args: &[&str],
    stdin: &str,
    out: &mut String,
    err: &mut String,
    io: Io<'_>,
) -> i32 {
    let read = io.read;
    let cli = match Cli::try_parse_from(std::iter::once("rackscope").chain(args.iter().copied())) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            let code = if e.use_stderr() {
                err.push_str(&text);
                1
            } else {
                out.push_str(&text);
                0
            };
            return code;
        }
    };
    let catalog = match Catalog::embedded() {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(err, "error: the embedded catalog is invalid:\n{e}");
            return 2;
        }
    };
    match cli.command {
        Command::Catalog { command } => match command {
            CatalogCommand::List { kind, format } => {
                list(&catalog, kind, format, out);
                0
            }
            CatalogCommand::Show { id } => show(&catalog, &id, out, err),
            CatalogCommand::Validate { dir } => validate(dir.as_deref(), read, out, err),
        },
        Command::Predict { scenario, format } => {
            let (name, text) = if scenario == "-" {
                ("<stdin>".to_owned(), stdin.to_owned())
            } else {
                match read(&scenario) {
                    Ok(t) => (scenario.clone(), t),
                    Err(e) => {
                        let _ = writeln!(err, "error: {scenario}: cannot read the file: {e}");
                        return 1;
                    }
                }
            };
            predict(&catalog, &name, &text, format, out, err)
        }
        Command::Fit { model, context, format } => fit(&catalog, &model, context, format, out, err),
        Command::Compare { chips, models, format } => {
            compare(&catalog, &chips, &models, format, out, err)
        }
        Command::Chart(args) => chart::run(&catalog, &args, io, out, err),
        Command::Rank(args) => rank::run(&catalog, &args, io, out, err),
        Command::Fleet { demand, format } => fleet::run(&catalog, &demand, format, io, out, err),
        Command::Accuracy => {
            let eff = Efficiency::CALIBRATED;
            out.push_str(
                &rackscope::calibration::accuracy(&catalog, &eff).to_markdown(&catalog, &eff),
            );
            0
        }
    }
}

/// ` (did you mean "x"?)` for the closest id of `kind`, or nothing.
fn hint(catalog: &Catalog, id: &str, kind: &str) -> String {
    catalog.suggest(id, kind).map(|s| format!(" (did you mean \"{s}\"?)")).unwrap_or_default()
}

fn json(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

fn list(catalog: &Catalog, kind: Option<Kind>, format: Format, out: &mut String) {
    let mut rows: Vec<(String, String, &str, String)> = Vec::new();
    if kind.is_none_or(|k| k == Kind::Chip) {
        rows.extend(
            catalog
                .chips()
                .iter()
                .map(|c| (c.id.clone(), c.name.clone(), "chip", c.vendor.clone())),
        );
    }
    if kind.is_none_or(|k| k == Kind::System) {
        rows.extend(
            catalog
                .systems()
                .iter()
                .map(|s| (s.id.clone(), s.name.clone(), "system", s.vendor.clone())),
        );
    }
    if kind.is_none_or(|k| k == Kind::Model) {
        rows.extend(
            catalog
                .models()
                .iter()
                .map(|m| (m.id.clone(), m.name.clone(), "model", m.developer.clone())),
        );
    }
    match format {
        Format::Json => out.push_str(&json(&serde_json::Value::Array(
            rows.iter()
                .map(|(id, name, kind, maker)| serde_json::json!({"id": id, "name": name, "kind": kind, "maker": maker}))
                .collect(),
        ))),
        Format::Table => {
            let w = rows.iter().map(|r| r.0.len()).max().unwrap_or(2);
            let _ = writeln!(out, "{:w$}  {:6}  name", "id", "kind");
            for (id, name, kind, _) in rows {
                let _ = writeln!(out, "{id:w$}  {kind:6}  {name}");
            }
        }
    }
}

fn fact_text<T: Copy>(k: &Known<T>, show: impl Fn(T) -> String) -> String {
    match k {
        Known::Fact(f) => {
            let p = &f.provenance;
            let mut s = format!(
                "{} [{}, {}; {}]",
                show(f.value),
                p.confidence,
                p.date,
                p.sources.join(", ")
            );
            if let Some(n) = &p.note {
                let _ = write!(s, " note: {n}");
            }
            s
        }
        Known::Missing { reason } => format!("missing: {reason}"),
    }
}

fn show(catalog: &Catalog, id: &str, out: &mut String, err: &mut String) -> i32 {
    if let Some(c) = catalog.chip(id) {
        let _ = writeln!(
            out,
            "{} ({}), {} · origin {} · {}",
            c.name,
            c.id,
            c.vendor,
            c.origin,
            c.status.label()
        );
        for (name, v) in chip_facts(c) {
            let _ = writeln!(out, "  {name:20} {v}");
        }
        if let Some(x) = &c.china_export_status {
            let _ = writeln!(out, "  {:20} {x}", "china export status");
        }
        if !c.notes.is_empty() {
            let _ = writeln!(out, "  notes: {}", c.notes);
        }
        return 0;
    }
    if let Some(s) = catalog.system(id) {
        let _ = writeln!(
            out,
            "{} ({}), {} · {} · origin {}",
            s.name,
            s.id,
            s.vendor,
            s.kind.label(),
            s.origin
        );
        let _ = writeln!(
            out,
            "  {:20} {}",
            "accelerator",
            s.accelerator.as_deref().unwrap_or("not in catalog")
        );
        let count = |v: f64| format!("{v}");
        for (name, v) in [
            ("accelerators", fact_text(&s.accelerators, count)),
            ("per node", fact_text(&s.accelerators_per_node, count)),
            ("racks", fact_text(&s.racks, count)),
            ("scale-up domain", fact_text(&s.scale_up_domain, count)),
            ("total memory", fact_text(&s.total_memory, |b| format!("{:.1} TB", b.as_tb()))),
            ("power", fact_text(&s.power, |w| format!("{:.1} kW", w.as_kw()))),
            ("price", fact_text(&s.price, |m| format!("{} {:.0}", m.currency.code(), m.amount))),
        ] {
            let _ = writeln!(out, "  {name:20} {v}");
        }
        if !s.notes.is_empty() {
            let _ = writeln!(out, "  notes: {}", s.notes);
        }
        return 0;
    }
    if let Some(m) = catalog.model(id) {
        let _ = writeln!(
            out,
            "{} ({}), {} · origin {} · {} · licence {}",
            m.name,
            m.id,
            m.developer,
            m.origin,
            m.openness.label(),
            m.licence.as_deref().unwrap_or("not stated")
        );
        let _ =
            writeln!(out, "  {:20} {} ({})", "attention", m.attention.label(), m.attention_note);
        for (name, v) in model_facts(m) {
            let _ = writeln!(out, "  {name:20} {v}");
        }
        for p in &m.api_prices {
            let price = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |x| format!("{x}"));
            let _ = writeln!(
                out,
                "  api: {} — {} in / {} out per M tokens, {} [{}, {}]",
                p.provider,
                price(p.input_per_mtok),
                price(p.output_per_mtok),
                p.currency.code(),
                p.confidence,
                p.as_of
            );
        }
        if !m.notes.is_empty() {
            let _ = writeln!(out, "  notes: {}", m.notes);
        }
        return 0;
    }
    let hint = hint(catalog, id, "any");
    let _ = writeln!(err, "error: unknown id \"{id}\"{hint}");
    1
}

fn chip_facts(c: &Chip) -> Vec<(&'static str, String)> {
    let tf = |f: rackscope::units::FlopsPerSecond| format!("{:.0} TFLOPS", f.as_tflops());
    vec![
        ("memory", fact_text(&c.memory, |b| format!("{:.0} GB", b.as_gb()))),
        (
            "memory bandwidth",
            fact_text(&c.memory_bandwidth, |b| format!("{:.0} GB/s", b.as_gb_per_s())),
        ),
        ("bf16 dense", fact_text(&c.bf16_dense, tf)),
        ("fp8 dense", fact_text(&c.fp8_dense, tf)),
        ("fp4 dense", fact_text(&c.fp4_dense, tf)),
        ("int8 dense", fact_text(&c.int8_dense, |f| format!("{:.0} TOPS", f.as_tflops()))),
        ("tdp", fact_text(&c.tdp, |w| format!("{:.0} W", w.raw()))),
        (
            "scale-up bandwidth",
            fact_text(&c.scale_up_bandwidth, |b| format!("{:.0} GB/s", b.as_gb_per_s())),
        ),
        ("price", fact_text(&c.price, |m| format!("{} {:.0}", m.currency.code(), m.amount))),
    ]
}

fn model_facts(m: &Model) -> Vec<(&'static str, String)> {
    let count = |v: f64| format!("{v}");
    let a = &m.arch;
    let mut v = vec![
        ("total params", fact_text(&m.total_params, |p| format!("{}B", p.as_billions()))),
        ("active params", fact_text(&m.active_params, |p| format!("{}B", p.as_billions()))),
        ("context length", fact_text(&m.context_length, count)),
    ];
    for (name, k) in [
        ("layers", &a.layers),
        ("hidden size", &a.hidden_size),
        ("heads", &a.num_heads),
        ("kv heads", &a.num_kv_heads),
        ("head dim", &a.head_dim),
        ("kv lora rank", &a.kv_lora_rank),
        ("index top-k", &a.index_topk),
        ("experts routed", &a.experts_routed),
        ("experts per token", &a.experts_per_token),
        ("experts shared", &a.experts_shared),
    ] {
        if let Some(k) = k {
            v.push((name, fact_text(k, count)));
        }
    }
    v
}

fn validate(dir: Option<&str>, read: ReadFile<'_>, out: &mut String, err: &mut String) -> i32 {
    let Some(dir) = dir else {
        return match Catalog::embedded() {
            Ok(c) => {
                let _ = writeln!(
                    out,
                    "ok: embedded catalog {} — {} chips, {} systems, {} models, {} sources, {} measurements",
                    c.version(),
                    c.chips().len(),
                    c.systems().len(),
                    c.models().len(),
                    c.sources().len(),
                    c.measurements().len()
                );
                0
            }
            Err(e) => {
                let _ = writeln!(err, "{e}");
                1
            }
        };
    };
    let names = ["catalog", "sources", "chips", "systems", "models", "calibration"];
    let mut texts = Vec::new();
    for n in names {
        let path = format!("{}/{n}.json", dir.trim_end_matches('/'));
        match read(&path) {
            Ok(t) => texts.push((path, t)),
            Err(e) => {
                let _ = writeln!(err, "error: {path}: cannot read the file: {e}");
                return 1;
            }
        }
    }
    let f = |i: usize| (texts[i].0.as_str(), texts[i].1.as_str());
    let files = CatalogFiles {
        meta: f(0),
        sources: f(1),
        chips: f(2),
        systems: f(3),
        models: f(4),
        calibration: f(5),
    };
    match Catalog::from_files(files) {
        Ok(c) => {
            let _ = writeln!(
                out,
                "ok: {dir} — {} chips, {} systems, {} models",
                c.chips().len(),
                c.systems().len(),
                c.models().len()
            );
            0
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            let _ = writeln!(err, "{} problem(s)", e.0.len());
            1
        }
    }
}

fn predict(
    catalog: &Catalog,
    name: &str,
    text: &str,
    format: Format,
    out: &mut String,
    err: &mut String,
) -> i32 {
    let raw = match RawScenario::from_json(name, text) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return 1;
        }
    };
    match rackscope::predict(&raw, catalog, name) {
        Ok(p) => {
            match format {
                Format::Json => {
                    out.push_str(&json(
                        &serde_json::to_value(p.report(catalog)).unwrap_or_default(),
                    ));
                }
                Format::Table => out.push_str(&p.to_text(catalog)),
            }
            0
        }
        Err(errors) => {
            for e in &errors.0 {
                let _ = writeln!(err, "error: {e}");
            }
            1
        }
    }
}

/// A scenario that asks only "how many chips": one request of `context` tokens.
fn fit_scenario(chip: &str, model: &str, precision: Precision, context: u32) -> RawScenario {
    RawScenario {
        hardware: RawHardware {
            chip: Some(RawChipRef::Id(chip.to_owned())),
            system: None,
            count: None,
        },
        model: RawModelRef::Id(model.to_owned()),
        precision: RawPrecision {
            weights: Some(precision.label().to_owned()),
            kv_cache: None,
            compute: None,
        },
        parallelism: None,
        workload: RawWorkload {
            input_tokens: context.saturating_sub(1).max(1),
            output_tokens: 1,
            concurrency: RawConcurrency::Fixed(1),
        },
        latency_targets: None,
        runtime: None,
        cost: None,
        assumptions: Default::default(),
        derive: Vec::new(),
    }
}

fn fit(
    catalog: &Catalog,
    model: &str,
    context: u32,
    format: Format,
    out: &mut String,
    err: &mut String,
) -> i32 {
    let Some(m) = catalog.model(model) else {
        let hint = hint(catalog, model, "model");
        let _ = writeln!(err, "error: unknown model id \"{model}\"{hint}");
        return 1;
    };
    let precisions = [Precision::Bf16, Precision::Fp8, Precision::Int4];
    let eff = Efficiency::CALIBRATED;
    let mut rows = Vec::new();
    let mut first_error = None;
    for chip in catalog.chips() {
        let mut cells = Vec::new();
        for p in precisions {
            let raw = fit_scenario(&chip.id, &m.id, p, context);
            let cell = match Scenario::resolve(&raw, catalog, "fit") {
                Ok(s) => rackscope::plan::min_chips(&s, &eff)
                    .map_or_else(|| "—".to_owned(), |n| n.to_string()),
                Err(e) => {
                    first_error.get_or_insert_with(|| e.to_string());
                    "missing data".to_owned()
                }
            };
            cells.push(cell);
        }
        rows.push((chip, cells));
    }
    if rows.iter().all(|(_, c)| c.iter().all(|x| x == "missing data")) {
        let _ = writeln!(err, "error: cannot size {model}: {}", first_error.unwrap_or_default());
        return 1;
    }
    match format {
        Format::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|(c, cells)| {
                    let mut o = serde_json::Map::new();
                    o.insert("chip".into(), c.id.clone().into());
                    for (p, cell) in precisions.iter().zip(cells) {
                        let val = cell
                            .parse::<u64>()
                            .map_or_else(|_| serde_json::Value::Null, Into::into);
                        o.insert(p.label().into(), val);
                    }
                    serde_json::Value::Object(o)
                })
                .collect();
            out.push_str(&json(&serde_json::Value::Array(v)));
        }
        Format::Table => {
            let _ = writeln!(
                out,
                "{}: fewest chips that hold the weights and one {context}-token request",
                m.name
            );
            let w = rows.iter().map(|r| r.0.id.len()).max().unwrap_or(4);
            let _ = writeln!(out, "{:w$}  {:>12}  {:>12}  {:>12}", "chip", "bf16", "fp8", "int4");
            for (c, cells) in &rows {
                let _ = writeln!(
                    out,
                    "{:w$}  {:>12}  {:>12}  {:>12}",
                    c.id, cells[0], cells[1], cells[2]
                );
            }
            let _ = writeln!(
                out,
                "\n\"missing data\": a fact the sizing needs is missing; see `rackscope catalog show CHIP`."
            );
            let _ = writeln!(
                out,
                "The runtime keeps 10 % of memory in reserve (runtime.memory_utilization 0.9)."
            );
        }
    }
    0
}

fn compare(
    catalog: &Catalog,
    chips: &[String],
    models: &[String],
    format: Format,
    out: &mut String,
    err: &mut String,
) -> i32 {
    let mut table: Vec<(String, Vec<(&'static str, String)>)> = Vec::new();
    if !chips.is_empty() {
        for id in chips {
            let Some(c) = catalog.chip(id) else {
                let hint = hint(catalog, id, "chip");
                let _ = writeln!(err, "error: --chips: unknown chip id \"{id}\"{hint}");
                return 1;
            };
            table.push((c.id.clone(), chip_facts(c)));
        }
    } else if !models.is_empty() {
        for id in models {
            let Some(m) = catalog.model(id) else {
                let hint = hint(catalog, id, "model");
                let _ = writeln!(err, "error: --models: unknown model id \"{id}\"{hint}");
                return 1;
            };
            let mut facts =
                vec![("openness", m.openness.label().to_owned()), ("origin", m.origin.clone())];
            facts.extend(model_facts(m));
            table.push((m.id.clone(), facts));
        }
    } else {
        let _ = writeln!(err, "error: give --chips a,b,... or --models a,b,...");
        return 1;
    }
    match format {
        Format::Json => {
            let v: Vec<_> = table
                .iter()
                .map(|(id, facts)| {
                    let mut o = serde_json::Map::new();
                    o.insert("id".into(), id.clone().into());
                    for (k, val) in facts {
                        o.insert((*k).into(), val.clone().into());
                    }
                    serde_json::Value::Object(o)
                })
                .collect();
            out.push_str(&json(&serde_json::Value::Array(v)));
        }
        Format::Table => {
            for (id, facts) in &table {
                let _ = writeln!(out, "{id}");
                for (k, val) in facts {
                    let _ = writeln!(out, "  {k:20} {val}");
                }
            }
        }
    }
    0
}

//! Chart builders: each kind runs the core over the catalog and returns a [`Chart`].
//!
//! Options that cannot be computed (a missing fact, no price) are left out of the drawing and
//! named in the notes with the reason; only malformed requests are errors.

use rackscope::Prediction;
use rackscope::catalog::Catalog;
use rackscope::error::{Error, ErrorKind, Errors};
use rackscope::hardware::{Chip, System};
use rackscope::llm::{Model, Openness};
use rackscope::perf::{self, Deployment, Efficiency, Step};
use rackscope::precision::Precision;
use rackscope::provenance::{Confidence, Known};
use rackscope::risk::{self, ExportControls};
use rackscope::scenario::{
    ModelNumbers, RawChipRef, RawConcurrency, RawHardware, RawModelRef, RawScenario, RawWorkload,
    Scenario,
};
use rackscope::uncertainty::{Metric, Ranges, default_ranges};
use rackscope::units::{Bytes, BytesPerSecond, FlopsPerSecond, Watts};

use crate::model::{
    Axis, Bars, Body, Cell, Draw, Group, Hue, Key, Panel, Point, RefLine, Series, Shape, Stack,
    Stacked, Xy,
};
use crate::{Chart, ChartKind, Meta, Request};

/// The name errors give the chart request.
const INPUT: &str = "chart request";

/// Chips compared when a request names none: the H20/H200/B200 generations, AMD's and Huawei's
/// flagships and Alibaba's two Zhenwu parts.
pub const DEFAULT_CHIPS: [&str; 8] = [
    "nvidia-h20",
    "nvidia-h200-sxm",
    "nvidia-b200",
    "amd-mi300x",
    "huawei-ascend-910c",
    "alibaba-zhenwu-810e",
    "alibaba-zhenwu-m890",
    "cambricon-mlu590",
];

/// Systems compared when a request names none: the rack-scale systems and an 8-GPU node.
pub const DEFAULT_SYSTEMS: [&str; 5] = [
    "alibaba-panjiu-al128",
    "nvidia-gb200-nvl72",
    "nvidia-gb300-nvl72",
    "huawei-cloudmatrix-384",
    "nvidia-hgx-h200",
];

/// Models placed on the price-performance chart when a request names none.
pub const DEFAULT_MODELS: [&str; 4] =
    ["llama-3.1-70b", "qwen3-235b-a22b", "deepseek-v3", "gpt-oss-120b"];

/// The most options (hardware × models) a price-performance chart draws ranges for. A range
/// re-runs the planner and cost model about seventy times (35–90 µs an option), and past about
/// this many options the bars hide each other; the whole-catalog chart (every chip × every model)
/// says so in a note instead, and stays as fast as it was.
pub const MAX_RANGED_OPTIONS: usize = 120;

/// The model sized by the memory-fit chart when neither the scenario nor the request names one.
pub const DEFAULT_MEMORY_MODEL: &str = "deepseek-v3";

pub(crate) fn build(kind: ChartKind, catalog: &Catalog, req: &Request) -> Result<Chart, Errors> {
    check_ids(catalog, req)?;
    match kind {
        ChartKind::PricePerformance => price_performance(catalog, req),
        ChartKind::Roofline => roofline(catalog, req),
        ChartKind::MemoryFit => memory_fit(catalog, req),
        ChartKind::ThroughputLatency => throughput_latency(catalog, req),
        ChartKind::Tco => tco(catalog, req),
        ChartKind::Specs => Ok(specs(catalog, req)),
        ChartKind::RackDensity => Ok(rack_density(catalog, req)),
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers.

fn check_ids(catalog: &Catalog, req: &Request) -> Result<(), Errors> {
    let mut errors = Vec::new();
    let lists: [(&str, &str, &[String]); 3] = [
        ("chips", "chip", &req.chips),
        ("systems", "system", &req.systems),
        ("models", "model", &req.models),
    ];
    for (path, kind, ids) in lists {
        for (i, id) in ids.iter().enumerate() {
            let found = match kind {
                "chip" => catalog.chip(id).is_some(),
                "system" => catalog.system(id).is_some(),
                _ => catalog.model(id).is_some(),
            };
            if !found {
                errors.push(Error::new(
                    INPUT,
                    format!("{path}[{i}]"),
                    ErrorKind::UnknownId {
                        kind,
                        id: id.clone(),
                        suggestion: catalog.suggest(id, kind),
                    },
                ));
            }
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Errors(errors)) }
}

fn meta(catalog: &Catalog, title: String, subtitle: String, notes: Vec<String>) -> Meta {
    Meta {
        title,
        subtitle,
        notes,
        source_line: format!("rackscope · data: {} (as of {})", catalog.version(), catalog.as_of()),
        catalog_version: catalog.version().to_owned(),
        as_of: catalog.as_of().to_owned(),
    }
}

fn chart(kind: ChartKind, meta: Meta, body: Option<Body>) -> Result<Chart, Errors> {
    Ok(Chart { kind, meta, body })
}

/// A display name without the parenthetical and without the vendor's name in front.
pub(crate) fn short_name(name: &str, vendor: &str) -> String {
    let base = name.split(" (").next().unwrap_or(name).trim();
    let first_vendor_word = vendor.split_whitespace().next().unwrap_or("");
    let stripped = base
        .strip_prefix(vendor)
        .or_else(|| base.strip_prefix(first_vendor_word))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(base);
    stripped.to_owned()
}

fn chip_name(c: &Chip) -> String {
    short_name(&c.name, &c.vendor)
}

fn system_name(s: &System) -> String {
    short_name(&s.name, &s.vendor)
}

fn model_name(m: &Model) -> String {
    m.name.split(" (").next().unwrap_or(&m.name).trim().to_owned()
}

/// The chips a request names, or the default set plus the scenario's chip.
fn compared_chips<'a>(catalog: &'a Catalog, req: &Request) -> Vec<&'a Chip> {
    let mut chips: Vec<&Chip> =
        ids_or(&req.chips, &DEFAULT_CHIPS).into_iter().filter_map(|id| catalog.chip(id)).collect();
    if req.chips.is_empty()
        && let Some(c) = req.scenario.as_ref().and_then(chip_id).and_then(|id| catalog.chip(&id))
        && !chips.iter().any(|x| x.id == c.id)
    {
        chips.push(c);
    }
    chips
}

fn ids_or<'a>(given: &'a [String], defaults: &'a [&'a str]) -> Vec<&'a str> {
    if given.is_empty() { defaults.to_vec() } else { given.iter().map(String::as_str).collect() }
}

/// The base scenario: the request's, or a documented default workload with no hardware cost.
fn base_scenario(req: &Request) -> RawScenario {
    req.scenario.clone().unwrap_or_else(|| RawScenario {
        hardware: RawHardware {
            chip: Some(RawChipRef::Id("nvidia-h200-sxm".into())),
            system: None,
            count: None,
        },
        model: RawModelRef::Id("llama-3.1-70b".into()),
        precision: rackscope::scenario::RawPrecision::default(),
        parallelism: None,
        workload: RawWorkload {
            input_tokens: 1000,
            output_tokens: 1000,
            concurrency: RawConcurrency::Fixed(32),
        },
        latency_targets: None,
        runtime: None,
        cost: None,
        assumptions: std::collections::BTreeMap::new(),
        derive: Vec::new(),
    })
}

fn workload_text(raw: &RawScenario) -> String {
    let w = &raw.workload;
    let load = match &w.concurrency {
        RawConcurrency::Fixed(n) => format!("{n} requests in flight"),
        RawConcurrency::Max(_) => "as many requests as fit".to_owned(),
    };
    format!("{} input + {} output tokens per request, {load}", w.input_tokens, w.output_tokens)
}

fn model_id(raw: &RawScenario) -> Option<String> {
    match &raw.model {
        RawModelRef::Id(id) => Some(id.clone()),
        _ => None,
    }
}

fn chip_id(raw: &RawScenario) -> Option<String> {
    match &raw.hardware.chip {
        Some(RawChipRef::Id(id)) => Some(id.clone()),
        _ => None,
    }
}

/// The first line of an error list, shortened for a footnote.
fn first_error(e: &Errors) -> String {
    e.0.first().map_or_else(|| "unknown error".to_owned(), Error::short_reason)
}

/// Low-confidence facts a prediction rests on, as `record field (confidence)`.
fn weak_facts(p: &Prediction) -> Vec<String> {
    let mut out: Vec<String> = p
        .scenario
        .facts
        .iter()
        .filter(|f| f.provenance.confidence.is_low())
        .map(|f| {
            format!(
                "{} {} ({})",
                f.record,
                f.field.split_once('.').map_or(f.field, |x| x.1),
                f.provenance.confidence.label()
            )
        })
        .collect();
    if let Some(c) = &p.scenario.cost {
        let system =
            p.scenario.system.as_ref().map_or(p.scenario.chip.id.as_str(), |s| s.id.as_str());
        for (record, price) in [(p.scenario.chip.id.as_str(), c.accelerator), (system, c.system)] {
            if let Some((_, conf)) = price
                && conf.is_low()
            {
                out.push(format!("{record} price ({})", conf.label()));
            }
        }
        if let Some(api) = &c.api
            && api.confidence.is_low()
        {
            out.push(format!("{} API price ({})", api.label, api.confidence.label()));
        }
    }
    out
}

fn push_unique(list: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for i in items {
        if !list.contains(&i) {
            list.push(i);
        }
    }
}

/// "Not plotted (n): reason (k options); …", one entry per distinct reason.
fn left_out_note(items: &[(String, String)]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let mut reasons: Vec<(&str, Vec<&str>)> = Vec::new();
    for (option, reason) in items {
        match reasons.iter_mut().find(|r| r.0 == reason) {
            Some(r) => r.1.push(option),
            None => reasons.push((reason, vec![option])),
        }
    }
    let parts: Vec<String> = reasons
        .iter()
        .map(|(reason, options)| match options.as_slice() {
            [one] => format!("{one}: {reason}"),
            many => format!("{reason} ({} options)", many.len()),
        })
        .collect();
    Some(format!("Not plotted ({}): {}.", items.len(), parts.join("; ")))
}

fn low_confidence_note(weak: &[String]) -> Option<String> {
    (!weak.is_empty())
        .then(|| format!("Hollow markers rest on low-confidence inputs: {}.", weak.join(", ")))
}

fn origin_hue(origin: &str) -> Hue {
    match origin {
        "US" => Hue::Blue,
        "CN" => Hue::Vermillion,
        _ => Hue::Green,
    }
}

fn origin_label(origin: &str) -> &'static str {
    match origin {
        "US" => "US hardware",
        "CN" => "Chinese hardware",
        _ => "other hardware",
    }
}

fn openness_shape(o: Openness) -> Shape {
    match o {
        Openness::OpenWeight => Shape::Circle,
        Openness::OpenSource => Shape::Triangle,
        Openness::PartiallyOpen => Shape::Square,
        Openness::Closed | Openness::Unknown => Shape::Diamond,
    }
}

fn cost_text(raw: &RawScenario) -> String {
    raw.cost.as_ref().map_or_else(String::new, |c| {
        format!(
            "; {} years, ${}/kWh, PUE {}, {} % utilised",
            c.amortisation_years,
            c.electricity_usd_per_kwh,
            c.pue,
            (c.utilisation * 100.0).round()
        )
    })
}

// ---------------------------------------------------------------------------------------------
// 1. Price-performance.

enum Hardware<'a> {
    Chip(&'a Chip),
    System(&'a System),
}

fn price_performance(catalog: &Catalog, req: &Request) -> Result<Chart, Errors> {
    let base = base_scenario(req);
    if base.cost.is_none() {
        return Err(Errors(vec![Error::new(
            INPUT,
            "scenario.cost",
            ErrorKind::MissingField(
                "cost inputs (amortisation_years, electricity_usd_per_kwh, pue, utilisation): \
                 a price-performance chart needs them",
            ),
        )]));
    }
    let mut hardware: Vec<Hardware<'_>> = Vec::new();
    if req.chips.is_empty() && req.systems.is_empty() {
        hardware.extend(
            catalog.chips().iter().filter(|c| c.price.value().is_some()).map(|c| Hardware::Chip(c)),
        );
        hardware.extend(
            catalog
                .systems()
                .iter()
                .filter(|s| s.price.value().is_some())
                .map(|s| Hardware::System(s)),
        );
    } else {
        hardware.extend(req.chips.iter().filter_map(|id| catalog.chip(id)).map(Hardware::Chip));
        hardware
            .extend(req.systems.iter().filter_map(|id| catalog.system(id)).map(Hardware::System));
    }
    let models: Vec<&Model> = ids_or(&req.models, &DEFAULT_MODELS)
        .into_iter()
        .filter_map(|id| catalog.model(id))
        .collect();

    let n_options = hardware.len() * models.len();
    let ranged = n_options <= MAX_RANGED_OPTIONS;
    // With a risk profile: each point's broken constraints and risk score (`risk::assess`).
    let controls = match &req.profile {
        Some(_) => Some(ExportControls::embedded(catalog)?),
        None => None,
    };
    let mut assessed: Vec<(Vec<String>, Option<f64>)> = Vec::new();
    let mut profile_notes: Vec<String> = Vec::new();
    let mut points: Vec<(Point, Hue, Shape, &'static str, Openness)> = Vec::new();
    let mut predictions: Vec<Prediction> = Vec::new();
    let mut left_out: Vec<(String, String)> = Vec::new();
    let mut weak_all: Vec<String> = Vec::new();
    for hw in &hardware {
        for m in &models {
            let mut raw = base.clone();
            raw.model = RawModelRef::Id(m.id.clone());
            let (hw_id, hw_name, origin) = match hw {
                Hardware::Chip(c) => {
                    raw.hardware = RawHardware {
                        chip: Some(RawChipRef::Id(c.id.clone())),
                        system: None,
                        count: None,
                    };
                    (c.id.as_str(), chip_name(c), c.origin.as_str())
                }
                Hardware::System(s) => {
                    raw.hardware =
                        RawHardware { chip: None, system: Some(s.id.clone()), count: None };
                    (s.id.as_str(), system_name(s), s.origin.as_str())
                }
            };
            let p = match rackscope::predict(&raw, catalog, INPUT) {
                Ok(p) => p,
                Err(e) => {
                    left_out.push((format!("{hw_id} × {}", m.id), first_error(&e)));
                    continue;
                }
            };
            let cost = p.cost.as_ref();
            let Some(usd) = cost.and_then(|c| c.usd_per_million_output_tokens) else {
                let why =
                    cost.and_then(|c| c.gaps.first().cloned()).unwrap_or_else(|| "no price".into());
                left_out.push((format!("{hw_id} × {}", m.id), why));
                continue;
            };
            let e = &p.plan.estimate;
            let weak = weak_facts(&p);
            let chips = e.deployment.chips();
            points.push((
                Point {
                    x: e.output_tokens_per_s_per_chip().raw(),
                    y: usd.raw(),
                    label: match hw {
                        Hardware::Chip(_) => format!("{hw_name} ×{chips} · {}", model_name(m)),
                        Hardware::System(_) => {
                            format!("{hw_name} ({chips} chips) · {}", model_name(m))
                        }
                    },
                    show_label: false,
                    low_confidence: !weak.is_empty(),
                    x_range: None,
                    y_range: None,
                },
                origin_hue(origin),
                openness_shape(m.openness),
                origin_label(origin),
                m.openness,
            ));
            if let (Some(profile), Some(controls)) = (&req.profile, &controls) {
                let tpot = Some(e.tpot.raw() * 1e3);
                let a = risk::assess(
                    profile,
                    controls,
                    &p.scenario.chip,
                    m,
                    hw_id,
                    Some(usd.raw()),
                    tpot,
                );
                assessed.push((a.excluded, a.risk_score));
            }
            if ranged {
                predictions.push(p);
            }
            push_unique(&mut weak_all, weak);
        }
    }
    if ranged {
        for (pt, p) in points.iter_mut().zip(&predictions) {
            let r = default_ranges(p);
            pt.0.x_range = scaled(&r, Metric::OutputTokensPerSPerChip, pt.0.x);
            pt.0.y_range = scaled(&r, Metric::UsdPerMtok, pt.0.y);
        }
    }

    // Pareto frontier: no other (eligible) option is both faster per chip and cheaper per token.
    let eligible = |i: usize| assessed.get(i).is_none_or(|a| a.0.is_empty());
    let mut order: Vec<usize> = (0..points.len()).filter(|&i| eligible(i)).collect();
    rackscope::sort::by(&mut order, |&a, &b| points[b].0.x.total_cmp(&points[a].0.x));
    let mut frontier: Vec<usize> = Vec::new();
    let mut best_y = f64::INFINITY;
    for i in order {
        if points[i].0.y < best_y {
            best_y = points[i].0.y;
            frontier.push(i);
        }
    }
    if assessed.is_empty() {
        for &i in &frontier {
            points[i].0.show_label = true;
        }
    } else {
        // With a profile, the labelled options are those no eligible option beats on cost,
        // speed and the profile's risk score at once.
        let index: Vec<usize> = (0..points.len()).filter(|&i| eligible(i)).collect();
        let keys: Vec<[f64; 3]> = index
            .iter()
            .map(|&i| [points[i].0.y, -points[i].0.x, -assessed[i].1.unwrap_or(f64::NEG_INFINITY)])
            .collect();
        for (&i, on) in index.iter().zip(risk::pareto(&keys)) {
            points[i].0.show_label = on;
        }
        let mut reasons: Vec<(String, usize)> = Vec::new();
        for (i, (why, _)) in assessed.iter().enumerate() {
            if why.is_empty() {
                continue;
            }
            points[i].1 = Hue::Grey;
            points[i].3 = "excluded by the profile";
            for w in why {
                match reasons.iter_mut().find(|r| &r.0 == w) {
                    Some(r) => r.1 += 1,
                    None => reasons.push((w.clone(), 1)),
                }
            }
        }
        let name = req.profile.as_ref().map_or("", |p| p.name.as_str());
        let n_excluded = assessed.iter().filter(|a| !a.0.is_empty()).count();
        let why: Vec<String> = reasons.iter().map(|(w, n)| format!("{w} ({n})")).collect();
        profile_notes.push(format!(
            "Profile \u{201c}{name}\u{201d}: {n_excluded} option{} excluded (grey){}{}. Labelled: eligible options that no other eligible option beats on cost, speed and the profile's risk score together (docs/risk.md).",
            if n_excluded == 1 { "" } else { "s" },
            if why.is_empty() { "" } else { ": " },
            why.join("; ")
        ));
    }
    let mut series: Vec<Series> = Vec::new();
    if frontier.len() > 1 {
        let mut f: Vec<Point> = frontier.iter().map(|&i| points[i].0.clone()).collect();
        rackscope::sort::by(&mut f, |a, b| a.x.total_cmp(&b.x));
        for p in &mut f {
            p.show_label = false;
            p.x_range = None;
            p.y_range = None;
        }
        series.push(Series {
            name: "Pareto frontier".into(),
            hue: Hue::Grey,
            shape: Shape::Circle,
            draw: Draw::Line,
            dashed: true,
            points: f,
        });
    }
    let mut keys: Vec<Key> = Vec::new();
    for (p, hue, shape, origin, openness) in points {
        let name = format!("{origin} · {} model", openness.label());
        match series.iter_mut().find(|s| s.name == name) {
            Some(s) => s.points.push(p),
            None => series.push(Series {
                name,
                hue,
                shape,
                draw: Draw::Points,
                dashed: false,
                points: vec![p],
            }),
        }
        if !keys.iter().any(|k| k.label == origin) {
            keys.push(Key { label: origin.to_owned(), hue: Some(hue), shape: None, hollow: false });
        }
        let olabel = format!("{} model", openness.label());
        if !keys.iter().any(|k| k.label == olabel) {
            keys.push(Key { label: olabel, hue: None, shape: Some(shape), hollow: false });
        }
    }
    rackscope::sort::by(&mut keys, |a, b| {
        (a.hue.is_none(), &a.label).cmp(&(b.hue.is_none(), &b.label))
    });
    if frontier.len() > 1 {
        keys.push(Key {
            label: "Pareto frontier (labelled)".into(),
            hue: Some(Hue::Grey),
            shape: None,
            hollow: false,
        });
    }
    let mut notes = Vec::new();
    if !weak_all.is_empty() {
        keys.push(Key {
            label: "low-confidence input".into(),
            hue: None,
            shape: Some(Shape::Circle),
            hollow: true,
        });
    }
    notes.extend(low_confidence_note(&weak_all));
    notes.extend(left_out_note(&left_out));
    notes.extend(profile_notes);
    if !ranged {
        notes.push(format!("Ranges are not drawn: the chart compares {n_options} options, more than the {MAX_RANGED_OPTIONS} whose ranges are computed (each re-runs the model about seventy times); pick fewer chips or models to see them."));
    } else if !predictions.is_empty() {
        notes.push("Bars: each option's likely range on both axes, from the confidence of its inputs and the model's error measured on the calibration set (docs/uncertainty.md).".into());
    }
    notes.push("Each option uses the fewest chips that hold the model. $ per million output tokens: capital and power cost over decode's share of the time. A chip's price is the accelerator alone unless the scenario adds server and network costs; a system's price covers the system.".into());
    let title = "Price-performance: cost per token against speed per chip".to_owned();
    let subtitle = format!("{}{}", workload_text(&base), cost_text(&base));
    let empty = series.iter().all(|s| s.points.is_empty());
    let body = (!empty).then(|| {
        Body::Xy(Xy {
            x: Axis { label: "Output tokens/s per chip".into(), log: true },
            y: Axis { label: "US$ per million output tokens".into(), log: true },
            series,
            h_lines: Vec::new(),
            v_lines: Vec::new(),
            keys,
        })
    });
    chart(ChartKind::PricePerformance, meta(catalog, title, subtitle, notes), body)
}

/// The range of `m` in `r`, scaled to `at` (the same metric in another unit: per chip, per
/// million tokens); `None` when the range is missing or its point is not positive.
fn scaled(r: &Ranges, m: Metric, at: f64) -> Option<(f64, f64)> {
    let x = r.get(m)?;
    (x.point > 0.0 && x.point.is_finite()).then(|| (at * x.low / x.point, at * x.high / x.point))
}

// ---------------------------------------------------------------------------------------------
// 2. Roofline.

fn step_point(step: &Step, replica_chips: u32, label: &str) -> Option<(f64, f64)> {
    let flops = step.dense_flops.raw() + step.expert_flops.raw() + step.attention_flops.raw();
    let bytes =
        step.dense_weight_bytes.raw() + step.expert_weight_bytes.raw() + step.kv_bytes.raw();
    let t = step.time().raw();
    (flops > 0.0 && bytes > 0.0 && t > 0.0 && !label.is_empty())
        .then(|| (flops / bytes, flops / t / f64::from(replica_chips.max(1)) / 1e12))
}

fn roofline(catalog: &Catalog, req: &Request) -> Result<Chart, Errors> {
    let prediction = match &req.scenario {
        Some(raw) => {
            let mut raw = raw.clone();
            raw.cost = None; // The roofline does not depend on prices.
            Some(rackscope::predict(&raw, catalog, "scenario")?)
        }
        None => None,
    };
    let precision = prediction.as_ref().map_or(Precision::Bf16, |p| p.scenario.precision.compute);
    let mut ids = ids_or(&req.chips, &DEFAULT_CHIPS[..6]);
    if let Some(p) = &prediction
        && !ids.contains(&p.scenario.chip.id.as_str())
        && catalog.chip(&p.scenario.chip.id).is_some()
    {
        ids.push(catalog.chip(&p.scenario.chip.id).map_or("", |c| c.id.as_str()));
    }
    let mut series = Vec::new();
    let mut notes = Vec::new();
    let mut left_out = Vec::new();
    let mut weak = Vec::new();
    let (lo, hi) = (0.5_f64, 20_000.0_f64);
    for (i, id) in ids.iter().enumerate() {
        let Some(c) = catalog.chip(id) else { continue };
        let (bw, peak) = (&c.memory_bandwidth, c.compute(precision));
        let (Some(b), Some(f)) = (bw.fact(), peak.fact()) else {
            let field = if bw.value().is_none() {
                "memory_bandwidth"
            } else {
                Chip::compute_field(precision)
            };
            left_out.push(format!("{} ({field} missing)", chip_name(c)));
            continue;
        };
        let low = b.provenance.confidence.is_low() || f.provenance.confidence.is_low();
        for (fact, conf) in [
            ("memory bandwidth", b.provenance.confidence),
            (Chip::compute_field(precision), f.provenance.confidence),
        ] {
            if conf.is_low() {
                weak.push(format!("{} {fact} ({})", chip_name(c), conf.label()));
            }
        }
        let bw_tb = b.value.raw() / 1e12; // TB/s: TFLOP/s per FLOP/byte
        let peak_t = f.value.as_tflops();
        let ridge = peak_t / bw_tb;
        let pts = [(lo, bw_tb * lo), (ridge, peak_t), (hi, peak_t)];
        series.push(Series {
            name: format!("{} ({:.1} TB/s, {:.0} TFLOPS)", chip_name(c), bw_tb, peak_t),
            hue: Hue::nth(i),
            shape: Shape::Circle,
            draw: Draw::Line,
            dashed: low,
            points: pts
                .iter()
                .map(|&(x, y)| Point {
                    x,
                    y,
                    label: chip_name(c),
                    show_label: false,
                    low_confidence: low,
                    x_range: None,
                    y_range: None,
                })
                .collect(),
        });
    }
    let mut subtitle =
        format!("Datasheet peaks at {} (dense); dashed roofs rest on estimates", precision.label());
    if let Some(p) = &prediction {
        let e = &p.plan.estimate;
        let r = e.deployment.parallelism.replica_chips();
        let name = format!("{} on {}", model_name(&p.scenario.model), chip_name(&p.scenario.chip));
        let mut pts = Vec::new();
        for (step, what) in [(&e.decode, "decode"), (&e.prefill, "prefill")] {
            if let Some((x, y)) = step_point(step, r, what) {
                pts.push(Point {
                    x,
                    y,
                    label: format!("{what} ({}-bound)", step.bound().label()),
                    show_label: true,
                    low_confidence: !weak_facts(p).is_empty(),
                    x_range: None,
                    y_range: None,
                });
            }
        }
        series.push(Series {
            name: format!("{name}: achieved"),
            hue: Hue::Grey,
            shape: Shape::Diamond,
            draw: Draw::Points,
            dashed: false,
            points: pts,
        });
        subtitle = format!(
            "{subtitle}; points: {name}, {}",
            workload_text(req.scenario.as_ref().unwrap_or(&base_scenario(req)))
        );
        notes.push("Achieved points are the model's estimate per chip, after its efficiency factors and overheads; roofs are datasheet peaks.".into());
    }
    if !left_out.is_empty() {
        notes.push(format!("No roof (fact missing): {}.", left_out.join(", ")));
    }
    if !weak.is_empty() {
        notes.push(format!("Low-confidence inputs: {}.", weak.join(", ")));
    }
    let body = (!series.is_empty()).then(|| {
        Body::Xy(Xy {
            x: Axis { label: "Arithmetic intensity (FLOP per byte)".into(), log: true },
            y: Axis { label: "Attainable TFLOP/s per chip".into(), log: true },
            series,
            h_lines: Vec::new(),
            v_lines: Vec::new(),
            keys: Vec::new(),
        })
    });
    chart(
        ChartKind::Roofline,
        meta(
            catalog,
            "Roofline: where each chip runs out of bandwidth or compute".into(),
            subtitle,
            notes,
        ),
        body,
    )
}

// ---------------------------------------------------------------------------------------------
// 3. Memory fit.

fn memory_fit(catalog: &Catalog, req: &Request) -> Result<Chart, Errors> {
    let base = base_scenario(req);
    let model_ref =
        req.models.first().cloned().or_else(|| req.scenario.as_ref().and_then(model_id));
    let model_id = model_ref.unwrap_or_else(|| DEFAULT_MEMORY_MODEL.to_owned());
    let Some(model) = catalog.model(&model_id) else {
        return Err(Errors(vec![Error::new(
            INPUT,
            "scenario.model",
            ErrorKind::UnknownId {
                kind: "model",
                id: model_id.clone(),
                suggestion: catalog.suggest(&model_id, "model"),
            },
        )]));
    };
    let (numbers, facts) = ModelNumbers::of(model, INPUT)?;
    let util = base.runtime.as_ref().and_then(|r| r.memory_utilization).unwrap_or(0.9);
    let tokens = f64::from(base.workload.input_tokens) + f64::from(base.workload.output_tokens);
    let requests = match base.workload.concurrency {
        RawConcurrency::Fixed(n) => f64::from(n),
        RawConcurrency::Max(_) => 1.0,
    };
    let precisions = if req.precisions.is_empty() {
        vec![Precision::Bf16, Precision::Fp8, Precision::Int4]
    } else {
        req.precisions.clone()
    };
    let chips = compared_chips(catalog, req);
    let mut weak: Vec<String> = facts
        .iter()
        .filter(|f| f.provenance.confidence.is_low())
        .map(|f| format!("{} {} ({})", f.record, f.field, f.provenance.confidence.label()))
        .collect();
    let mut groups = Vec::new();
    for p in &precisions {
        let kv = if *p == Precision::Fp8 { Precision::Fp8 } else { Precision::Bf16 };
        let w = perf::weight_bytes(&numbers, *p).as_gb();
        let k = perf::kv_bytes_per_request(&numbers, kv, tokens).as_gb() * requests;
        let stacks = chips
            .iter()
            .map(|c| match c.memory.fact() {
                Some(f) => {
                    let cap = f.value.as_gb();
                    let n = ((w + k) / (cap * util)).ceil().max(1.0);
                    if f.provenance.confidence.is_low() {
                        push_unique(
                            &mut weak,
                            [format!(
                                "{} memory ({})",
                                chip_name(c),
                                f.provenance.confidence.label()
                            )],
                        );
                    }
                    Stack {
                        name: chip_name(c),
                        values: vec![w, k, (1.0 - util) * cap * n],
                        mark: Some(n * cap),
                        note: format!("{n:.0} chip{}", if n > 1.0 { "s" } else { "" }),
                        missing: false,
                    }
                }
                None => Stack {
                    name: chip_name(c),
                    values: vec![w, k, 0.0],
                    mark: None,
                    note: "memory missing".into(),
                    missing: true,
                },
            })
            .collect();
        groups.push(Group { name: format!("{} weights", p.label()), stacks });
    }
    let mut notes = vec![format!(
        "Chips needed: the fewest whose memory, less a {:.0} % reserve for activations and the runtime, holds the weights and the KV cache; a serving layout may round up (tensor parallelism in powers of two).",
        (1.0 - util) * 100.0
    )];
    let missing: Vec<String> =
        chips.iter().filter(|c| c.memory.value().is_none()).map(|c| chip_name(c)).collect();
    if !missing.is_empty() {
        notes.push(format!("Memory capacity missing (no count): {}.", missing.join(", ")));
    }
    if !weak.is_empty() {
        notes.push(format!("Low-confidence inputs: {}.", weak.join(", ")));
    }
    let subtitle = format!(
        "KV cache for {requests:.0} request(s) of {tokens:.0} tokens (fp8 KV with fp8 weights, bf16 otherwise)"
    );
    let body = (!chips.is_empty()).then(|| {
        Body::Stacked(Stacked {
            y: Axis { label: "Memory (GB)".into(), log: false },
            parts: vec!["weights".into(), "KV cache".into(), "reserve".into()],
            mark_label: "memory of the chips needed".into(),
            groups,
        })
    });
    chart(
        ChartKind::MemoryFit,
        meta(
            catalog,
            format!("Memory fit: {} at each precision", model_name(model)),
            subtitle,
            notes,
        ),
        body,
    )
}

// ---------------------------------------------------------------------------------------------
// 4. Throughput against latency.

fn throughput_latency(catalog: &Catalog, req: &Request) -> Result<Chart, Errors> {
    let base = base_scenario(req);
    let chip_ids: Vec<String> = if req.chips.is_empty() {
        match chip_id(&base) {
            Some(id) if req.scenario.is_some() => vec![id],
            _ => vec!["nvidia-h20".into(), "nvidia-h200-sxm".into(), "nvidia-b200".into()],
        }
    } else {
        req.chips.clone()
    };
    let model_ids: Vec<String> = if req.models.is_empty() {
        vec![model_id(&base).unwrap_or_else(|| "llama-3.1-70b".into())]
    } else {
        req.models.clone()
    };
    let eff = Efficiency::CALIBRATED;
    let mut series = Vec::new();
    let mut left_out = Vec::new();
    let mut weak_all = Vec::new();
    for c in &chip_ids {
        for m in &model_ids {
            let mut raw = base.clone();
            raw.hardware.chip = Some(RawChipRef::Id(c.clone()));
            raw.hardware.system = None;
            raw.model = RawModelRef::Id(m.clone());
            raw.workload.concurrency = RawConcurrency::Max("max".into());
            raw.latency_targets = None;
            raw.cost = None; // Speed does not depend on prices: keep them out of the caveats.
            let p = match rackscope::predict(&raw, catalog, INPUT) {
                Ok(p) => p,
                Err(e) => {
                    left_out.push((format!("{c} × {m}"), first_error(&e)));
                    continue;
                }
            };
            let weak = weak_facts(&p);
            let pts = sweep(
                &p.scenario,
                p.plan.estimate.deployment,
                &eff,
                p.plan.estimate.batch_per_replica,
                !weak.is_empty(),
            );
            push_unique(&mut weak_all, weak);
            let e = &p.plan.estimate;
            series.push(Series {
                name: format!(
                    "{} ×{} · {}",
                    chip_name(&p.scenario.chip),
                    e.deployment.chips(),
                    model_name(&p.scenario.model)
                ),
                hue: Hue::nth(series.len()),
                shape: Shape::Circle,
                draw: Draw::LinePoints,
                dashed: false,
                points: pts,
            });
        }
    }
    let target =
        req.scenario.as_ref().and_then(|s| s.latency_targets.as_ref()).and_then(|t| t.tpot_ms);
    let v_lines = target
        .map(|t| RefLine { at: t, label: format!("TPOT target {t} ms") })
        .into_iter()
        .collect();
    let mut notes = vec!["Each point is one batch size per replica (1, 2, 4, … up to what memory and the runtime allow); prefill time included.".to_owned()];
    notes.extend(low_confidence_note(&weak_all));
    notes.extend(left_out_note(&left_out));
    let body = (!series.is_empty()).then(|| {
        Body::Xy(Xy {
            x: Axis { label: "Time per output token (ms)".into(), log: false },
            y: Axis { label: "Output tokens/s per chip".into(), log: false },
            series,
            h_lines: Vec::new(),
            v_lines,
            keys: Vec::new(),
        })
    });
    let chips = base.hardware.count.map_or_else(
        || "the fewest chips that hold the model".to_owned(),
        |n| format!("{n} chips each"),
    );
    let subtitle = format!(
        "{} input + {} output tokens per request; {chips}",
        base.workload.input_tokens, base.workload.output_tokens
    );
    chart(
        ChartKind::ThroughputLatency,
        meta(catalog, "Throughput against latency as the batch grows".into(), subtitle, notes),
        body,
    )
}

fn sweep(s: &Scenario, d: Deployment, eff: &Efficiency, max_batch: f64, low: bool) -> Vec<Point> {
    let mut pts = Vec::new();
    let mut b = 1.0_f64;
    loop {
        let batch = b.min(max_batch.max(1.0));
        let e = perf::evaluate(s, d, eff, Some(batch));
        pts.push(Point {
            x: e.tpot.as_ms(),
            y: e.output_tokens_per_s_per_chip().raw(),
            label: format!("batch {:.0}", e.batch_per_replica),
            show_label: false,
            low_confidence: low,
            x_range: None,
            y_range: None,
        });
        if batch >= max_batch || pts.len() > 24 {
            break;
        }
        b *= 2.0;
    }
    pts
}

// ---------------------------------------------------------------------------------------------
// 5. TCO over time.

fn tco(catalog: &Catalog, req: &Request) -> Result<Chart, Errors> {
    let Some(raw) = &req.scenario else {
        return Err(Errors(vec![Error::new(
            INPUT,
            "scenario",
            ErrorKind::MissingField(
                "a scenario with a cost section that names an API: the TCO chart needs one",
            ),
        )]));
    };
    if raw.cost.as_ref().is_none_or(|c| c.api.is_none()) {
        return Err(Errors(vec![Error::new(
            "scenario",
            "cost.api",
            ErrorKind::MissingField(
                "an API to compare against (cost.api.model or explicit prices)",
            ),
        )]));
    }
    let p = rackscope::predict(raw, catalog, "scenario")?;
    let weak = weak_facts(&p);
    let hw = format!("{} × {}", p.plan.estimate.deployment.chips(), chip_name(&p.scenario.chip));
    let model = model_name(&p.scenario.model);
    let api_label =
        p.scenario.cost.as_ref().and_then(|c| c.api.as_ref()).map_or_else(String::new, |a| {
            a.label.split(" (").next().unwrap_or(&a.label).to_owned()
        });
    let title = format!("Cost over time: {model} on {hw} against the {api_label} API");
    let mut notes = Vec::new();
    let body = match &p.cost {
        Some(c) => match (c.capex, c.api_tco) {
            (Some(capex), Some(api_total)) => {
                let months = (c.years * 12.0).round().max(1.0) as u32;
                let energy_month = c.energy_cost_per_year.map_or(0.0, |e| e.raw() / 12.0);
                if c.energy_cost_per_year.is_none() {
                    notes.push(
                        "Electricity is not counted: the chip's power is not published.".into(),
                    );
                }
                let api_month = api_total.raw() / f64::from(months);
                let low = !weak.is_empty();
                // Each line's band: its total's range, in proportion month by month.
                let ranges = default_ranges(&p);
                let band = |m| scaled(&ranges, m, 1.0);
                let line =
                    |name: &str, hue, range: Option<(f64, f64)>, f: &dyn Fn(f64) -> f64| Series {
                        name: name.to_owned(),
                        hue,
                        shape: Shape::Circle,
                        draw: Draw::Line,
                        dashed: false,
                        points: (0..=months)
                            .map(|m| {
                                let m = f64::from(m);
                                let y = f(m) / 1e6;
                                Point {
                                    x: m,
                                    y,
                                    label: format!("month {m:.0}"),
                                    show_label: false,
                                    low_confidence: low,
                                    x_range: None,
                                    y_range: range.map(|(lo, hi)| (y * lo, y * hi)),
                                }
                            })
                            .collect(),
                    };
                let capex = capex.raw();
                let series = vec![
                    line(
                        "on-premise (hardware up front, then power)",
                        Hue::Blue,
                        band(Metric::TcoUsd),
                        &|m| capex + energy_month * m,
                    ),
                    line(
                        &format!("API ({api_label}) for the same tokens"),
                        Hue::Vermillion,
                        band(Metric::ApiTcoUsd),
                        &|m| api_month * m,
                    ),
                ];
                let mut v_lines = Vec::new();
                if api_month > energy_month {
                    let be = capex / (api_month - energy_month);
                    if be <= f64::from(months) {
                        v_lines
                            .push(RefLine { at: be, label: format!("break-even: month {be:.1}") });
                    } else {
                        notes.push(format!(
                            "No break-even within {months} months (at month {be:.0})."
                        ));
                    }
                } else {
                    notes.push(
                        "The API costs less per month than the power alone: no break-even.".into(),
                    );
                }
                Some(Body::Xy(Xy {
                    x: Axis { label: "Months".into(), log: false },
                    y: Axis { label: "Cumulative cost (million US$)".into(), log: false },
                    series,
                    h_lines: Vec::new(),
                    v_lines,
                    keys: Vec::new(),
                }))
            }
            _ => {
                notes.push(format!("Nothing to draw: {}.", c.gaps.join("; ")));
                None
            }
        },
        None => None,
    };
    if matches!(&body, Some(Body::Xy(xy)) if xy.series.iter().any(|s| s.points.iter().any(|p| p.y_range.is_some())))
    {
        notes.push("Shaded bands: the range of each line's total over the period, from the confidence of its inputs and the model's measured error (docs/uncertainty.md), applied in proportion month by month.".into());
    }
    notes.push(format!(
        "Volume: the tokens the deployment serves at its utilisation; at full load it could serve {:.1} billion output tokens a month.",
        p.cost.as_ref().map_or(0.0, |c| c.capacity_output_tokens_per_month.raw() / 1e9)
    ));
    if let Some(n) = low_confidence_note(&weak) {
        notes.push(n.replace("Hollow markers rest", "These lines rest"));
    }
    let subtitle = format!("{}{}", workload_text(raw), cost_text(raw));
    chart(ChartKind::Tco, meta(catalog, title, subtitle, notes), body)
}

// ---------------------------------------------------------------------------------------------
// 6. Specs and 7. rack density.

fn cell<T: Copy>(k: &Known<T>, f: impl Fn(T) -> f64) -> Cell {
    match k {
        Known::Fact(fact) => Cell {
            value: Some(f(fact.value)),
            range: fact.range.map(|(a, b)| (f(a), f(b))),
            confidence: fact.provenance.confidence.label().to_owned(),
            missing_reason: None,
        },
        Known::Missing { reason } => Cell {
            value: None,
            range: None,
            confidence: "missing".into(),
            missing_reason: Some(reason.clone()),
        },
    }
}

fn worse(a: &str, b: &str) -> String {
    let rank = |c: &str| Confidence::from_catalog_label(c).map_or(9, |c| c as u8);
    if rank(a) >= rank(b) { a.to_owned() } else { b.to_owned() }
}

fn ratio(a: &Cell, b: &Cell, what: &str) -> Cell {
    match (a.value, b.value) {
        (Some(x), Some(y)) if y > 0.0 => Cell {
            value: Some(x / y),
            range: None,
            confidence: worse(&a.confidence, &b.confidence),
            missing_reason: None,
        },
        _ => Cell {
            value: None,
            range: None,
            confidence: "missing".into(),
            missing_reason: Some(
                a.missing_reason
                    .clone()
                    .or_else(|| b.missing_reason.clone())
                    .unwrap_or_else(|| format!("{what} not published")),
            ),
        },
    }
}

fn low_cells_note(bars: &Bars) -> Vec<String> {
    let mut notes = Vec::new();
    let mut weak = Vec::new();
    let mut missing = 0;
    for p in &bars.panels {
        for (c, e) in p.cells.iter().zip(&bars.entities) {
            if c.is_low_confidence() {
                weak.push(format!("{e} {} ({})", p.metric.to_lowercase(), c.confidence));
            }
            if c.value.is_none() {
                missing += 1;
            }
        }
    }
    if !weak.is_empty() {
        notes.push(format!("Hatched bars are of low confidence: {}.", weak.join(", ")));
    }
    if missing > 0 {
        notes.push(format!("{missing} values were never published and are shown as \"missing\", not as zero; the reasons are in the data export."));
    }
    notes
}

fn specs(catalog: &Catalog, req: &Request) -> Chart {
    let chips = compared_chips(catalog, req);
    let panel = |metric: &str, unit: &str, f: &dyn Fn(&Chip) -> Cell| Panel {
        metric: metric.into(),
        unit: unit.into(),
        cells: chips.iter().map(|c| f(c)).collect(),
    };
    let bars = Bars {
        entities: chips.iter().map(|c| chip_name(c)).collect(),
        panels: vec![
            panel("Memory", "GB", &|c| cell(&c.memory, Bytes::as_gb)),
            panel("Memory bandwidth", "TB/s", &|c| {
                cell(&c.memory_bandwidth, |b: BytesPerSecond| b.raw() / 1e12)
            }),
            panel("BF16 dense", "TFLOPS", &|c| cell(&c.bf16_dense, FlopsPerSecond::as_tflops)),
            panel("FP8 dense", "TFLOPS", &|c| cell(&c.fp8_dense, FlopsPerSecond::as_tflops)),
            panel("Power (TDP)", "W", &|c| cell(&c.tdp, Watts::raw)),
        ],
    };
    let notes = low_cells_note(&bars);
    let body = (!chips.is_empty()).then_some(Body::Bars(bars));
    Chart {
        kind: ChartKind::Specs,
        meta: meta(
            catalog,
            "Accelerator specifications".into(),
            "Per chip, as published; dense (not sparse) compute".into(),
            notes,
        ),
        body,
    }
}

fn rack_density(catalog: &Catalog, req: &Request) -> Chart {
    let systems: Vec<&System> = ids_or(&req.systems, &DEFAULT_SYSTEMS)
        .into_iter()
        .filter_map(|id| catalog.system(id))
        .collect();
    let per_system: Vec<(Cell, Cell, Cell, Cell)> = systems
        .iter()
        .map(|s| {
            (
                cell(&s.accelerators, |v| v),
                cell(&s.racks, |v| v),
                cell(&s.total_memory, Bytes::as_tb),
                cell(&s.power, Watts::as_kw),
            )
        })
        .collect();
    let bars = Bars {
        entities: systems.iter().map(|s| system_name(s)).collect(),
        panels: vec![
            Panel {
                metric: "Accelerators".into(),
                unit: "per system".into(),
                cells: per_system.iter().map(|c| c.0.clone()).collect(),
            },
            Panel {
                metric: "Racks".into(),
                unit: "per system".into(),
                cells: per_system.iter().map(|c| c.1.clone()).collect(),
            },
            Panel {
                metric: "Accelerators per rack".into(),
                unit: "chips".into(),
                cells: per_system.iter().map(|c| ratio(&c.0, &c.1, "racks per system")).collect(),
            },
            Panel {
                metric: "Memory per rack".into(),
                unit: "TB".into(),
                cells: per_system.iter().map(|c| ratio(&c.2, &c.1, "racks per system")).collect(),
            },
            Panel {
                metric: "Power per rack".into(),
                unit: "kW".into(),
                cells: per_system.iter().map(|c| ratio(&c.3, &c.1, "racks per system")).collect(),
            },
        ],
    };
    let notes = low_cells_note(&bars);
    let body = (!systems.is_empty()).then_some(Body::Bars(bars));
    Chart {
        kind: ChartKind::RackDensity,
        meta: meta(
            catalog,
            "Rack density: accelerators, memory and power per rack".into(),
            "Per-rack values divide the system's published totals by its racks".into(),
            notes,
        ),
        body,
    }
}

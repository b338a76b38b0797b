//! Repository chores, run as `cargo xtask <task>`:
//!
//! - `accuracy [--check]`: regenerates `docs/accuracy.md` from the calibration set (or checks it
//!   is up to date);
//! - `schemas [--check]`: regenerates the JSON Schemas of the data, scenario and report formats;
//! - `gallery [--check]`: redraws the chart gallery in `docs/charts/` with `rackscope chart`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rackscope::{Catalog, Efficiency};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    match args.first().map(String::as_str) {
        Some("accuracy") => write_or_check(&root().join("docs/accuracy.md"), &accuracy()?, check),
        Some("schemas") => {
            for (path, text) in schemas()? {
                write_or_check(&root().join(path), &text, check)?;
            }
            Ok(())
        }
        Some("gallery") => {
            for (path, text) in gallery()? {
                write_or_check(&root().join(path), &text, check)?;
            }
            Ok(())
        }
        _ => bail!("usage: cargo xtask accuracy|schemas|gallery [--check]"),
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The accuracy report's text.
fn accuracy() -> Result<String> {
    let catalog = Catalog::embedded().map_err(|e| anyhow::anyhow!("{e}"))?;
    let eff = Efficiency::CALIBRATED;
    Ok(rackscope::calibration::accuracy(&catalog, &eff).to_markdown(&catalog, &eff))
}

/// The gallery: one chart of each kind, drawn by the `rackscope chart` command itself, and a
/// README listing the commands.
const GALLERY: [(&str, &str); 7] = [
    ("price-performance", "--scenario examples/charts/price-performance.json"),
    ("roofline", "--scenario examples/charts/tco.json"),
    ("memory-fit", "--models deepseek-v3"),
    (
        "throughput-latency",
        "--scenario examples/charts/tco.json --chips nvidia-h20,nvidia-h200-sxm,nvidia-b200,amd-mi300x",
    ),
    ("tco", "--scenario examples/charts/tco.json"),
    ("specs", ""),
    ("rack-density", ""),
];

fn gallery() -> Result<Vec<(String, String)>> {
    let root = root();
    let mut files = Vec::new();
    let mut readme = String::from(
        "# Chart gallery\n\n\
         Every chart kind, drawn from the catalog by `rackscope chart`.\n\
         Regenerate them all with `cargo xtask gallery` (CI runs `cargo xtask gallery --check`).\n\
         The command under each chart draws it alone; add `--format csv` or `--format json` for its data.\n",
    );
    for (kind, options) in GALLERY {
        let out = format!("docs/charts/{kind}.svg");
        let mut args = vec!["chart", kind];
        args.extend(options.split_whitespace());
        args.extend(["--width", "1200", "--height", "800", "--out", out.as_str()]);
        let written = std::cell::RefCell::new(Vec::new());
        let read = |p: &str| std::fs::read_to_string(root.join(p));
        let write = |_: &str, bytes: &[u8]| {
            written.borrow_mut().extend_from_slice(bytes);
            Ok(())
        };
        let (mut o, mut e) = (String::new(), String::new());
        let io = rackscope_cli::Io { read: &read, write: &write };
        if rackscope_cli::run_with_io(&args, "", &mut o, &mut e, io) != 0 {
            bail!("rackscope {}: {e}", args.join(" "));
        }
        let svg = String::from_utf8(written.into_inner())?;
        files.push((out.clone(), svg));
        readme.push_str(&format!(
            "\n## {kind}\n\n![{kind}]({kind}.svg)\n\n```\nrackscope {}\n```\n",
            args.join(" ")
        ));
    }
    files.push(("docs/charts/README.md".to_owned(), readme));
    Ok(files)
}

fn schemas() -> Result<Vec<(&'static str, String)>> {
    use rackscope::catalog::raw::*;
    fn one<T: schemars::JsonSchema>() -> Result<String> {
        Ok(serde_json::to_string_pretty(&schemars::schema_for!(T))? + "\n")
    }
    Ok(vec![
        ("data/schema/catalog.schema.json", one::<RawCatalogMeta>()?),
        ("data/schema/sources.schema.json", one::<RawSourcesFile>()?),
        ("data/schema/chips.schema.json", one::<RawChipsFile>()?),
        ("data/schema/systems.schema.json", one::<RawSystemsFile>()?),
        ("data/schema/models.schema.json", one::<RawModelsFile>()?),
        ("data/schema/calibration.schema.json", one::<RawCalibrationFile>()?),
        ("docs/schema/scenario.schema.json", one::<rackscope::RawScenario>()?),
        ("docs/schema/report.schema.json", one::<rackscope::Report>()?),
        ("docs/schema/profile.schema.json", one::<rackscope::risk::RawProfile>()?),
        ("docs/schema/demand.schema.json", one::<rackscope::fleet::RawDemand>()?),
    ])
}

fn write_or_check(path: &Path, text: &str, check: bool) -> Result<()> {
    if check {
        let old =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        if old != text {
            bail!("{} is out of date: run `cargo xtask` to regenerate it", path.display());
        }
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

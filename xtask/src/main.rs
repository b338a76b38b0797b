//! Repository chores, run as `cargo xtask <task>`:
//!
//! - `accuracy [--check]`: regenerates `docs/accuracy.md` from the calibration set (or checks it
//!   is up to date);
//! - `schemas [--check]`: regenerates the JSON Schemas of the data, scenario and report formats.

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
        _ => bail!("usage: cargo xtask accuracy|schemas [--check]"),
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

//! `rackscope chart`: parses the options into a chart request and writes what the chart crate
//! draws. No chart logic lives here.

use std::fmt::Write as _;

use rackscope::{Catalog, Precision, RawScenario};
use rackscope_charts::{ChartKind, Request, Theme};

use crate::{ChartArgs, ChartFormat, ChartTheme, Io};

/// Largest width or height accepted, in pixels (a 16-megapixel PNG).
const MAX_SIDE: u32 = 4000;
/// Smallest width or height that leaves room for a title, axes and notes.
const MIN_SIDE: u32 = 240;

pub(crate) fn run(
    catalog: &Catalog,
    a: &ChartArgs,
    io: Io<'_>,
    out: &mut String,
    err: &mut String,
) -> i32 {
    match try_run(catalog, a, io, out) {
        Ok(()) => 0,
        Err(lines) => {
            for l in lines {
                let _ = writeln!(err, "error: {l}");
            }
            1
        }
    }
}

fn try_run(
    catalog: &Catalog,
    a: &ChartArgs,
    io: Io<'_>,
    out: &mut String,
) -> Result<(), Vec<String>> {
    let Some(kind) = ChartKind::from_id(&a.kind) else {
        let ids: Vec<&str> = ChartKind::ALL.iter().map(|k| k.id()).collect();
        return Err(vec![format!("chart kind \"{}\" is not one of: {}", a.kind, ids.join(", "))]);
    };
    let format = output_format(a)?;
    for (name, v) in [("--width", a.width), ("--height", a.height)] {
        if !(MIN_SIDE..=MAX_SIDE).contains(&v) {
            return Err(vec![format!("{name}: expected {MIN_SIDE} to {MAX_SIDE} pixels, got {v}")]);
        }
    }
    let mut precisions = Vec::new();
    for (i, p) in a.precisions.iter().enumerate() {
        match Precision::from_label(p) {
            Some(p) => precisions.push(p),
            None => {
                return Err(vec![format!(
                    "--precisions[{i}]: \"{p}\" is not one of bf16, fp16, fp8, int8, int4, fp4"
                )]);
            }
        }
    }
    let scenario = match &a.scenario {
        Some(path) => {
            let text =
                (io.read)(path).map_err(|e| vec![format!("{path}: cannot read the file: {e}")])?;
            Some(RawScenario::from_json(path, &text).map_err(|e| vec![e.to_string()])?)
        }
        None => None,
    };
    let request = Request {
        scenario,
        chips: a.picks.chips.clone(),
        systems: a.picks.systems.clone(),
        models: a.picks.models.clone(),
        precisions,
        profile: match &a.profile {
            Some(arg) => Some(crate::rank::profile(arg, io)?),
            None => None,
        },
    };
    let chart = rackscope_charts::build(kind, catalog, &request)
        .map_err(|e| e.0.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let theme = match a.theme {
        ChartTheme::Light => Theme::Light,
        ChartTheme::Dark => Theme::Dark,
    };
    let bytes: Vec<u8> = match format {
        ChartFormat::Svg => {
            chart.to_svg(a.width, a.height, theme).map_err(|e| vec![e.to_string()])?.into_bytes()
        }
        ChartFormat::Png => {
            chart.to_png(a.width, a.height, theme).map_err(|e| vec![e.to_string()])?
        }
        ChartFormat::Csv => chart.to_csv().into_bytes(),
        ChartFormat::Json => (chart.to_json() + "\n").into_bytes(),
    };
    match &a.out {
        Some(path) => {
            (io.write)(path, &bytes)
                .map_err(|e| vec![format!("{path}: cannot write the file: {e}")])?;
            let _ = writeln!(out, "wrote {path} ({} bytes)", bytes.len());
        }
        None if format == ChartFormat::Png => {
            return Err(vec!["--out: a PNG must be written to a file (--out chart.png)".into()]);
        }
        None => out.push_str(&String::from_utf8_lossy(&bytes)),
    }
    Ok(())
}

fn output_format(a: &ChartArgs) -> Result<ChartFormat, Vec<String>> {
    let from_ext = match &a.out {
        None => None,
        Some(path) => {
            let ext = path.rsplit_once('.').map(|x| x.1.to_ascii_lowercase());
            match ext.as_deref() {
                Some("svg") => Some(ChartFormat::Svg),
                Some("png") => Some(ChartFormat::Png),
                Some("csv") => Some(ChartFormat::Csv),
                Some("json") => Some(ChartFormat::Json),
                _ if a.format.is_some() => None,
                _ => {
                    return Err(vec![format!(
                        "--out: \"{path}\" has no .svg, .png, .csv or .json extension; add one or give --format"
                    )]);
                }
            }
        }
    };
    match (from_ext, a.format) {
        (Some(e), Some(f)) if e != f => Err(vec![
            format!("--format {f:?} does not match the extension of --out; drop one of them")
                .to_lowercase(),
        ]),
        (Some(e), _) => Ok(e),
        (None, Some(f)) => Ok(f),
        (None, None) => Ok(ChartFormat::Svg),
    }
}

//! The data behind a chart as CSV, and a text alternative for readers who cannot see it.

use std::fmt::Write as _;

use crate::Chart;
use crate::model::{Body, Draw};
use crate::render::human;

/// Quotes a CSV field and neutralises spreadsheet formulas: a text cell starting with `=`, `+`,
/// `-` or `@` gets a leading apostrophe, so opening the file cannot run anything.
pub(crate) fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// A number without binary floating-point noise (`153.6`, not `153.59999999999997`); empty
/// when it is not finite.
fn num(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let rounded: f64 = format!("{v:.11e}").parse().unwrap_or(v);
    format!("{rounded}")
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(String::new, num)
}

pub(crate) fn csv(chart: &Chart) -> String {
    let mut out = String::new();
    match &chart.body {
        None => out.push_str("note\n"),
        Some(Body::Xy(xy)) => {
            let _ = writeln!(
                out,
                "series,label,{},{},x_low,x_high,y_low,y_high,low_confidence",
                field(&xy.x.label),
                field(&xy.y.label)
            );
            for s in &xy.series {
                for p in &s.points {
                    let (x_lo, x_hi) = p.x_range.unzip();
                    let (lo, hi) = p.y_range.unzip();
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{},{},{},{},{}",
                        field(&s.name),
                        field(&p.label),
                        num(p.x),
                        num(p.y),
                        opt(x_lo),
                        opt(x_hi),
                        opt(lo),
                        opt(hi),
                        p.low_confidence
                    );
                }
            }
            for l in &xy.v_lines {
                let _ = writeln!(out, "reference,{},{},,,,,,", field(&l.label), num(l.at));
            }
            for l in &xy.h_lines {
                let _ = writeln!(out, "reference,{},,{},,,,,", field(&l.label), num(l.at));
            }
        }
        Some(Body::Bars(b)) => {
            out.push_str("entity,metric,unit,value,low,high,confidence,missing_reason\n");
            for p in &b.panels {
                for (e, c) in b.entities.iter().zip(&p.cells) {
                    let (lo, hi) = c.range.unzip();
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{},{},{},{}",
                        field(e),
                        field(&p.metric),
                        field(&p.unit),
                        opt(c.value),
                        opt(lo),
                        opt(hi),
                        field(&c.confidence),
                        field(c.missing_reason.as_deref().unwrap_or(""))
                    );
                }
            }
        }
        Some(Body::Stacked(st)) => {
            let _ = writeln!(out, "group,name,part,{},mark,note", field(&st.y.label));
            for g in &st.groups {
                for s in &g.stacks {
                    for (part, v) in st.parts.iter().zip(&s.values) {
                        let _ = writeln!(
                            out,
                            "{},{},{},{},{},{}",
                            field(&g.name),
                            field(&s.name),
                            field(part),
                            num(*v),
                            opt(s.mark),
                            field(&s.note)
                        );
                    }
                }
            }
        }
    }
    // Notes follow the data as one quoted cell each, starting with `#`.
    for n in chart.meta.notes.iter().chain(std::iter::once(&chart.meta.source_line)) {
        let _ = writeln!(out, "{}", field(&format!("# {}", n.replace(['\n', '\r'], " "))));
    }
    out
}

pub(crate) fn alt_text(chart: &Chart) -> String {
    let mut out = format!("{}. {}.", chart.meta.title, chart.meta.subtitle);
    match &chart.body {
        None => out.push_str(" No data to draw."),
        Some(Body::Xy(xy)) => {
            let _ = write!(out, " {} against {}.", xy.y.label, xy.x.label);
            for s in &xy.series {
                let labelled: Vec<String> = s
                    .points
                    .iter()
                    .filter(|p| p.show_label)
                    .map(|p| match (p.x_range, p.y_range) {
                        (Some(x), Some(y)) => format!(
                            "{} ({}, {}; range {}–{}, {}–{})",
                            p.label,
                            human(p.x),
                            human(p.y),
                            human(x.0),
                            human(x.1),
                            human(y.0),
                            human(y.1)
                        ),
                        _ => format!("{} ({}, {})", p.label, human(p.x), human(p.y)),
                    })
                    .collect();
                let finite: Vec<_> =
                    s.points.iter().filter(|p| p.x.is_finite() && p.y.is_finite()).collect();
                if finite.is_empty() {
                    let _ = write!(out, " {}: no points with numbers.", s.name);
                } else if labelled.is_empty() {
                    let (x0, x1) = range(finite.iter().map(|p| p.x));
                    let (y0, y1) = range(finite.iter().map(|p| p.y));
                    let n = finite.len();
                    let _ = write!(
                        out,
                        " {}: {n} point{}, x {}–{}, y {}–{}",
                        s.name,
                        if n == 1 { "" } else { "s" },
                        human(x0),
                        human(x1),
                        human(y0),
                        human(y1)
                    );
                    // A band along a line: its width where the line ends.
                    if s.draw == Draw::Line
                        && let Some((lo, hi)) = finite.last().and_then(|p| p.y_range)
                    {
                        let _ = write!(out, ", range at the end {}–{}", human(lo), human(hi));
                    }
                    out.push('.');
                } else {
                    let _ = write!(out, " {}: {}.", s.name, labelled.join("; "));
                }
            }
            for l in xy.v_lines.iter().chain(&xy.h_lines) {
                let _ = write!(out, " {}.", l.label);
            }
        }
        Some(Body::Bars(b)) => {
            for p in &b.panels {
                let cells: Vec<String> = b
                    .entities
                    .iter()
                    .zip(&p.cells)
                    .map(|(e, c)| match c.value {
                        Some(v) if v.is_finite() => format!("{e} {} ({})", human(v), c.confidence),
                        Some(_) => format!("{e} not a number"),
                        None => format!("{e} missing"),
                    })
                    .collect();
                let _ = write!(out, " {} ({}): {}.", p.metric, p.unit, cells.join(", "));
            }
        }
        Some(Body::Stacked(st)) => {
            for g in &st.groups {
                let cells: Vec<String> = g
                    .stacks
                    .iter()
                    .map(|s| {
                        let total: f64 = s.values.iter().sum();
                        format!("{} needs {} GB, {}", s.name, human(total), s.note)
                    })
                    .collect();
                let _ = write!(out, " {}: {}.", g.name, cells.join("; "));
            }
        }
    }
    for n in &chart.meta.notes {
        let _ = write!(out, " {n}");
    }
    out
}

fn range(it: impl Iterator<Item = f64>) -> (f64, f64) {
    it.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)))
}

//! Catalog facts as table cells: the value as text, and where it came from or why it is missing.
//!
//! **Architecture Invariant:** a missing fact becomes a "missing" cell with its reason, never a
//! number; nothing here invents or defaults a value.

use rackscope::Catalog;
use rackscope::hardware::{Chip, System};
use rackscope::llm::Model;
use rackscope::money::{Currency, Money};
use rackscope::provenance::{Confidence, Fact, Known};
use rackscope::units::{Bytes, BytesPerSecond, FlopsPerSecond, Params, Watts};

use crate::format::num;
use crate::i18n::Key;

/// Where a value came from, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    /// How far it can be trusted.
    pub confidence: Confidence,
    /// When it was published or retrieved.
    pub date: String,
    /// Source references (URLs or documents; for user records, the user's text).
    pub references: Vec<String>,
    /// The catalog's remark, if any.
    pub note: Option<String>,
    /// The range the source gave, as text.
    pub range: Option<String>,
}

/// One table cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text with no provenance of its own (a name, a label).
    Text(String),
    /// A sourced number.
    Fact {
        /// The value with its unit.
        text: String,
        /// Its provenance.
        provenance: Provenance,
    },
    /// A number nobody published.
    Missing {
        /// Why.
        reason: String,
    },
    /// The field does not apply to this record.
    NotApplicable,
}

/// One table row: a label and a cell per column.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What the row shows.
    pub label: Key,
    /// One cell per compared record.
    pub cells: Vec<Cell>,
}

fn provenance<T: Copy>(catalog: &Catalog, f: &Fact<T>, show: impl Fn(T) -> String) -> Provenance {
    let p = &f.provenance;
    Provenance {
        confidence: p.confidence,
        date: p.date.clone(),
        references: p
            .sources
            .iter()
            .map(|id| catalog.source(id).map_or_else(|| id.clone(), |s| s.reference.clone()))
            .collect(),
        note: p.note.clone(),
        range: f.range.map(|(lo, hi)| format!("{} – {}", show(lo), show(hi))),
    }
}

fn known<T: Copy>(catalog: &Catalog, k: &Known<T>, show: impl Fn(T) -> String) -> Cell {
    match k {
        Known::Fact(f) => {
            Cell::Fact { text: show(f.value), provenance: provenance(catalog, f, &show) }
        }
        Known::Missing { reason } => Cell::Missing { reason: reason.clone() },
    }
}

fn opt_known<T: Copy>(catalog: &Catalog, k: Option<&Known<T>>, show: impl Fn(T) -> String) -> Cell {
    k.map_or(Cell::NotApplicable, |k| known(catalog, k, show))
}

fn text(s: &str) -> Cell {
    if s.is_empty() { Cell::NotApplicable } else { Cell::Text(s.to_owned()) }
}

fn opt_text(s: Option<&str>) -> Cell {
    s.map_or(Cell::NotApplicable, text)
}

fn gb(b: Bytes) -> String {
    format!("{} GB", num(b.as_gb()))
}

fn bandwidth(b: BytesPerSecond) -> String {
    let g = b.as_gb_per_s();
    if g >= 1000.0 { format!("{} TB/s", num(g / 1000.0)) } else { format!("{} GB/s", num(g)) }
}

fn tflops(f: FlopsPerSecond) -> String {
    format!("{} TFLOPS", num(f.as_tflops()))
}

fn tops(f: FlopsPerSecond) -> String {
    format!("{} TOPS", num(f.as_tflops()))
}

fn watts(w: Watts) -> String {
    if w.raw() >= 10_000.0 {
        format!("{} kW", num(w.as_kw()))
    } else {
        format!("{} W", num(w.raw()))
    }
}

fn money(m: Money) -> String {
    match m.currency {
        Currency::Usd => crate::format::usd(m.amount),
        Currency::Cny => format!("¥{} (CNY)", num(m.amount)),
    }
}

fn count(v: f64) -> String {
    num(v)
}

fn billions(p: Params) -> String {
    format!("{}B", num(p.as_billions()))
}

fn tokens(v: f64) -> String {
    format!("{} tokens", num(v))
}

/// The Compare table for chips.
#[must_use]
pub fn chip_rows(catalog: &Catalog, chips: &[&Chip]) -> Vec<Row> {
    let row = |label, f: &dyn Fn(&Chip) -> Cell| Row {
        label,
        cells: chips.iter().map(|c| f(c)).collect(),
    };
    vec![
        row(Key::Vendor, &|c| text(&c.vendor)),
        row(Key::Origin, &|c| text(&c.origin)),
        row(Key::Status, &|c| text(c.status.label())),
        row(Key::Release, &|c| opt_text(c.release.as_deref())),
        row(Key::Memory, &|c| known(catalog, &c.memory, gb)),
        row(Key::MemoryType, &|c| opt_text(c.memory_type.as_deref())),
        row(Key::MemoryBandwidth, &|c| known(catalog, &c.memory_bandwidth, bandwidth)),
        row(Key::Bf16Dense, &|c| known(catalog, &c.bf16_dense, tflops)),
        row(Key::Fp8Dense, &|c| known(catalog, &c.fp8_dense, tflops)),
        row(Key::Fp4Dense, &|c| known(catalog, &c.fp4_dense, tflops)),
        row(Key::Int8Dense, &|c| known(catalog, &c.int8_dense, tops)),
        row(Key::Tdp, &|c| known(catalog, &c.tdp, watts)),
        row(Key::ScaleUpBandwidth, &|c| known(catalog, &c.scale_up_bandwidth, bandwidth)),
        row(Key::Interconnect, &|c| opt_text(c.scale_up_interconnect.as_deref())),
        row(Key::Price, &|c| known(catalog, &c.price, money)),
        row(Key::ExportStatus, &|c| opt_text(c.china_export_status.as_deref())),
    ]
}

/// The Compare table for systems.
#[must_use]
pub fn system_rows(catalog: &Catalog, systems: &[&System]) -> Vec<Row> {
    let row = |label, f: &dyn Fn(&System) -> Cell| Row {
        label,
        cells: systems.iter().map(|c| f(c)).collect(),
    };
    vec![
        row(Key::Vendor, &|s| text(&s.vendor)),
        row(Key::Origin, &|s| text(&s.origin)),
        row(Key::SystemKind, &|s| text(s.kind.label())),
        row(Key::Accelerator, &|s| match &s.accelerator {
            Some(id) => Cell::Text(catalog.chip(id).map_or_else(|| id.clone(), |c| c.name.clone())),
            None => text(&s.accelerator_note),
        }),
        row(Key::Accelerators, &|s| known(catalog, &s.accelerators, count)),
        row(Key::AcceleratorsPerNode, &|s| known(catalog, &s.accelerators_per_node, count)),
        row(Key::Racks, &|s| known(catalog, &s.racks, count)),
        row(Key::ScaleUpDomain, &|s| known(catalog, &s.scale_up_domain, count)),
        row(Key::TotalMemory, &|s| known(catalog, &s.total_memory, gb)),
        row(Key::Power, &|s| known(catalog, &s.power, watts)),
        row(Key::Price, &|s| known(catalog, &s.price, money)),
        row(Key::Release, &|s| opt_text(s.release.as_deref())),
    ]
}

/// The Compare table for models.
#[must_use]
pub fn model_rows(catalog: &Catalog, models: &[&Model]) -> Vec<Row> {
    let row = |label, f: &dyn Fn(&Model) -> Cell| Row {
        label,
        cells: models.iter().map(|c| f(c)).collect(),
    };
    vec![
        row(Key::Developer, &|m| text(&m.developer)),
        row(Key::Origin, &|m| text(&m.origin)),
        row(Key::Openness, &|m| text(m.openness.label())),
        row(Key::Release, &|m| opt_text(m.release_date.as_deref())),
        row(Key::TotalParams, &|m| known(catalog, &m.total_params, billions)),
        row(Key::ActiveParams, &|m| known(catalog, &m.active_params, billions)),
        row(Key::ContextLength, &|m| known(catalog, &m.context_length, tokens)),
        row(Key::Attention, &|m| text(m.attention.label())),
        row(Key::Layers, &|m| opt_known(catalog, m.arch.layers.as_ref(), count)),
        row(Key::HiddenSize, &|m| opt_known(catalog, m.arch.hidden_size.as_ref(), count)),
        row(Key::Heads, &|m| opt_known(catalog, m.arch.num_heads.as_ref(), count)),
        row(Key::KvHeads, &|m| opt_known(catalog, m.arch.num_kv_heads.as_ref(), count)),
        row(Key::Experts, &|m| opt_known(catalog, m.arch.experts_routed.as_ref(), count)),
        row(Key::ExpertsPerToken, &|m| {
            opt_known(catalog, m.arch.experts_per_token.as_ref(), count)
        }),
        row(Key::NativePrecision, &|m| opt_text(m.native_precision.map(|p| p.label()))),
        row(Key::Licence, &|m| opt_text(m.licence.as_deref())),
        row(Key::ApiPrice, &|m| match m.api_prices.first() {
            None => Cell::NotApplicable,
            Some(p) => {
                let cur = if p.currency == Currency::Usd { "$" } else { "¥" };
                let side = |v: Option<f64>| {
                    v.map_or_else(|| "?".to_owned(), |x| format!("{cur}{}", num(x)))
                };
                Cell::Fact {
                    text: format!(
                        "{} / {} per Mtok",
                        side(p.input_per_mtok),
                        side(p.output_per_mtok)
                    ),
                    provenance: Provenance {
                        confidence: p.confidence,
                        date: p.as_of.clone(),
                        references: p
                            .sources
                            .iter()
                            .map(|id| {
                                catalog
                                    .source(id)
                                    .map_or_else(|| id.clone(), |s| s.reference.clone())
                            })
                            .collect(),
                        note: Some(match &p.note {
                            Some(n) => format!("{} — {n}", p.provider),
                            None => p.provider.clone(),
                        }),
                        range: None,
                    },
                }
            }
        }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_stays_missing() {
        let catalog = Catalog::embedded().expect("catalog");
        let chips: Vec<&Chip> = catalog.chips().iter().map(|c| &**c).collect();
        let rows = chip_rows(&catalog, &chips);
        let cells = rows.iter().flat_map(|r| r.cells.iter());
        let missing = cells.clone().filter(|c| matches!(c, Cell::Missing { .. })).count();
        assert!(missing > 0, "the catalog has missing facts and they show as missing");
        for c in cells {
            if let Cell::Fact { text, .. } = c {
                assert!(!text.is_empty());
            }
        }
        let h200 = catalog.chip("nvidia-h200-sxm").expect("h200");
        let rows = chip_rows(&catalog, &[h200]);
        let mem = rows.iter().find(|r| r.label == Key::Memory).expect("memory row");
        assert!(
            matches!(&mem.cells[0], Cell::Fact { text, provenance } if text == "141 GB" && !provenance.references.is_empty())
        );
    }
}

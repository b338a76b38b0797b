//! Documented rules that fill a missing fact from other catalog facts. A rule runs only when the
//! scenario asks for it (`"derive": ["chip.memory_bandwidth"]`); the value it gives is an
//! estimate whose provenance names the rule, the catalog chips it used and their sources, so the
//! result labels it and the ranges (`uncertainty`) widen accordingly. Rules never run silently.

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::hardware::Chip;
use crate::provenance::{Confidence, Fact, Provenance};
use crate::units::BytesPerSecond;

/// The rules: scenario key and what it does.
pub const RULES: [(&str, &str); 1] = [(
    "chip.memory_bandwidth",
    "memory bandwidth per GB of memory, median over the catalog chips with the same memory type \
     (official or reported figures), times this chip's memory",
)];

/// The memory type as a comparable token: `HBM2e` and `HBM2E (Tom's)` are both `HBM2E`.
fn memory_kind(s: &str) -> Option<String> {
    let token = s.split(|c: char| c.is_whitespace() || c == '(' || c == ',').next()?.trim();
    (!token.is_empty()).then(|| token.to_ascii_uppercase())
}

/// Memory bandwidth from memory type and capacity ([`RULES`]).
///
/// # Errors
///
/// The chip's memory type or capacity is unknown, or no other catalog chip with the same memory
/// type has published memory and bandwidth; the message says which.
pub fn memory_bandwidth(catalog: &Catalog, chip: &Chip) -> Result<Fact<BytesPerSecond>, String> {
    let kind = chip
        .memory_type
        .as_deref()
        .and_then(memory_kind)
        .ok_or_else(|| format!("{}.memory_type is not in the catalog", chip.id))?;
    let memory = chip.memory.value().ok_or_else(|| format!("{}.memory is missing", chip.id))?;
    let trusted = |c: Confidence| matches!(c, Confidence::Official | Confidence::Reported);
    let mut peers: Vec<(f64, &Chip)> = catalog
        .chips()
        .iter()
        .filter(|c| c.id != chip.id)
        .filter(|c| {
            c.memory_type.as_deref().and_then(memory_kind).as_deref() == Some(kind.as_str())
        })
        .filter_map(|c| {
            let (m, b) = (c.memory.fact()?, c.memory_bandwidth.fact()?);
            let ok = trusted(m.provenance.confidence) && trusted(b.provenance.confidence);
            let gb = m.value.as_gb();
            (ok && gb > 0.0).then(|| (b.value.as_gb_per_s() / gb, &**c))
        })
        .collect();
    if peers.is_empty() {
        return Err(format!(
            "no other catalog chip with {kind} memory has published memory and bandwidth"
        ));
    }
    crate::sort::by(&mut peers, |a, b| a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let n = peers.len();
    let median =
        if n % 2 == 1 { peers[n / 2].0 } else { (peers[n / 2 - 1].0 + peers[n / 2].0) / 2.0 };
    let (lo, hi) = (peers[0].0, peers[n - 1].0);
    let mut sources: Vec<String> = Vec::new();
    for (_, c) in &peers {
        for s in c.memory_bandwidth.fact().iter().flat_map(|f| f.provenance.sources.iter()) {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
    }
    let gb = memory.as_gb();
    let names: Vec<&str> = peers.iter().map(|(_, c)| c.id.as_str()).collect();
    let note = format!(
        "derived (rule chip.memory_bandwidth): {gb:.0} GB × {median:.1} GB/s per GB = {:.0} GB/s; \
         median over {n} catalog chips with {kind} memory ({}), whose ratios run {lo:.1}–{hi:.1} GB/s \
         per GB; memory type as the catalog gives it: \"{}\"",
        gb * median,
        names.join(", "),
        chip.memory_type.as_deref().unwrap_or_default()
    );
    Ok(Fact {
        value: BytesPerSecond::from_gb_per_s(gb * median),
        range: Some((
            BytesPerSecond::from_gb_per_s(gb * lo),
            BytesPerSecond::from_gb_per_s(gb * hi),
        )),
        provenance: Arc::new(Provenance {
            sources,
            date: catalog.as_of().to_owned(),
            confidence: Confidence::Estimate,
            note: Some(note),
        }),
    })
}

#[cfg(all(test, feature = "embedded"))]
mod tests {
    use super::*;

    #[test]
    fn hbm2e_chips_give_the_zhenwu_810e_a_bandwidth_and_say_how() {
        let catalog = Catalog::embedded().expect("catalog");
        let chip = catalog.chip("alibaba-zhenwu-810e").expect("810e");
        let f = memory_bandwidth(&catalog, chip).expect("derivable");
        let (lo, hi) = f.range.expect("range");
        assert!(
            lo.as_gb_per_s() <= f.value.as_gb_per_s() && f.value.as_gb_per_s() <= hi.as_gb_per_s()
        );
        assert_eq!(f.provenance.confidence, Confidence::Estimate);
        let note = f.provenance.note.as_deref().unwrap_or_default();
        assert!(note.contains("HBM2E") && note.contains("nvidia-a100-80gb-sxm"), "{note}");
        // No peer: a chip whose memory type no other chip shares.
        let mlu370 = catalog.chip("cambricon-mlu370-x8").expect("mlu370");
        assert!(memory_bandwidth(&catalog, mlu370).is_err());
    }
}

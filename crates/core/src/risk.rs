//! A risk profile: hard constraints that exclude options, and weighted terms that rank the rest.
//!
//! An *option* is a model served either on premise on catalog hardware (the planner and cost
//! model size it under a base scenario) or through one of the model's listed APIs. Each option
//! gets documented attributes: model openness and licence, where weights and data live, the
//! jurisdictions of the model's developer and the chip's maker, the chip's export-control status
//! for the buyer's region (`data/export-controls.json`, sourced), and the chip's supply status.
//! A profile ([`Profile`], JSON; presets in `data/profiles/`) turns them into a ranking that is
//! explained term by term ([`Ranking::to_text`]). It is a transparent tool, not a verdict: the
//! weights are the user's.
//!
//! Terms, each in 0–1 (1 is best; `docs/risk.md` has the rules):
//! - `cost`: $ per million output tokens, log-scaled between the cheapest and dearest eligible
//!   option;
//! - `performance`: time per output token, log-scaled the same way (on premise only: APIs do not
//!   publish it);
//! - `openness`: 1 for open weights under a permissive licence (Apache-2.0, MIT), 0.5 under a
//!   licence with conditions, 0 for closed models; unknown stays unknown;
//! - `jurisdiction`: the share of the parties (model developer, chip maker; for an API, the
//!   provider, taken as the developer's country) whose country is in the profile's trusted list;
//! - `export_control`: 1 domestic or allowed, 0.5 licence required, 0 barred; unknown stays
//!   unknown;
//! - `supply`: 1 shipping (or an API available now), 0.5 announced, 0.25 roadmap, 0
//!   discontinued.
//!
//! A term whose value is unknown is left out of that option's score and named; it is never
//! counted as 0 or 1. Options are ranked by how many weighted terms are unknown (fewest first),
//! then by score, so missing data is never rewarded either.

use std::fmt::Write as _;

use serde::Deserialize;

use crate::catalog::Catalog;
use crate::error::{Error, ErrorKind, Errors, parse_json};
use crate::hardware::{Chip, Status};
use crate::llm::{Model, Openness};
use crate::provenance::{Confidence, Provenance};
use crate::scenario::{RawChipRef, RawHardware, RawModelRef, RawScenario};

/// The preset profiles: `(name, file, JSON)`.
pub const PRESETS: [(&str, &str, &str); 3] = [
    ("eu-bank", "data/profiles/eu-bank.json", include_str!("../../../data/profiles/eu-bank.json")),
    (
        "cn-state",
        "data/profiles/cn-state.json",
        include_str!("../../../data/profiles/cn-state.json"),
    ),
    ("startup", "data/profiles/startup.json", include_str!("../../../data/profiles/startup.json")),
];

/// The export-control file compiled into the library: `(file, JSON)`.
pub const EXPORT_CONTROLS: (&str, &str) =
    ("data/export-controls.json", include_str!("../../../data/export-controls.json"));

/// A profile as written (JSON).
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawProfile {
    /// Display name.
    pub name: String,
    /// What the profile stands for.
    #[serde(default)]
    pub description: String,
    /// Where the buyer is (`CN`, `EU`, `US`): sets domestic chips and export-control statuses.
    pub buyer_region: String,
    /// Countries (or `EU`) whose developers, chip makers and providers the buyer trusts.
    #[serde(default)]
    pub trusted_jurisdictions: Vec<String>,
    /// Hard constraints: an option that breaks one is excluded, with the reason.
    #[serde(default)]
    pub constraints: RawConstraints,
    /// Weights of the terms (default 1 each).
    #[serde(default)]
    pub weights: RawWeights,
}

/// Hard constraints as written.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawConstraints {
    /// Weights and data stay on premise: API options are excluded.
    #[serde(default)]
    pub on_premise_only: bool,
    /// Only models whose weights can be downloaded.
    #[serde(default)]
    pub open_weights_only: bool,
    /// Allowed chip makers' countries (`["CN"]`: domestic silicon only).
    #[serde(default)]
    pub chip_origins: Option<Vec<String>>,
    /// Allowed model developers' countries.
    #[serde(default)]
    pub model_origins: Option<Vec<String>>,
    /// Export-control statuses to exclude (`barred`, `licence-required`, `unknown`, ...).
    #[serde(default)]
    pub exclude_export_statuses: Vec<String>,
    /// Most dollars per million output tokens.
    #[serde(default)]
    pub max_usd_per_mtok: Option<f64>,
    /// Longest time per output token, ms.
    #[serde(default)]
    pub max_tpot_ms: Option<f64>,
}

/// Term weights as written (each ≥ 0; default 1).
#[derive(Clone, Copy, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawWeights {
    #[serde(default = "one")]
    pub cost: f64,
    #[serde(default = "one")]
    pub performance: f64,
    #[serde(default = "one")]
    pub openness: f64,
    #[serde(default = "one")]
    pub jurisdiction: f64,
    #[serde(default = "one")]
    pub export_control: f64,
    #[serde(default = "one")]
    pub supply: f64,
}

fn one() -> f64 {
    1.0
}

impl Default for RawWeights {
    fn default() -> Self {
        RawWeights {
            cost: 1.0,
            performance: 1.0,
            openness: 1.0,
            jurisdiction: 1.0,
            export_control: 1.0,
            supply: 1.0,
        }
    }
}

/// An export-control status for a buyer region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExportStatus {
    /// Made in the buyer's region.
    Domestic,
    /// Sold without a licence.
    Allowed,
    /// Sold only under an export licence.
    LicenceRequired,
    /// Not exportable to the region.
    Barred,
    /// No classified status: not in `data/export-controls.json`.
    Unknown,
}

impl ExportStatus {
    /// Every status, in order.
    pub const ALL: [ExportStatus; 5] = [
        ExportStatus::Domestic,
        ExportStatus::Allowed,
        ExportStatus::LicenceRequired,
        ExportStatus::Barred,
        ExportStatus::Unknown,
    ];

    /// The label used in files (`licence-required`).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ExportStatus::Domestic => "domestic",
            ExportStatus::Allowed => "allowed",
            ExportStatus::LicenceRequired => "licence-required",
            ExportStatus::Barred => "barred",
            ExportStatus::Unknown => "unknown",
        }
    }

    fn from_label(s: &str) -> Option<ExportStatus> {
        ExportStatus::ALL.into_iter().find(|x| x.label() == s)
    }

    fn term(self) -> Option<f64> {
        match self {
            ExportStatus::Domestic | ExportStatus::Allowed => Some(1.0),
            ExportStatus::LicenceRequired => Some(0.5),
            ExportStatus::Barred => Some(0.0),
            ExportStatus::Unknown => None,
        }
    }
}

/// A resolved profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// Display name.
    pub name: String,
    /// What it stands for.
    pub description: String,
    /// The buyer's region.
    pub buyer_region: String,
    /// Trusted jurisdictions.
    pub trusted: Vec<String>,
    /// API options excluded.
    pub on_premise_only: bool,
    /// Closed (and unknown-openness) models excluded.
    pub open_weights_only: bool,
    /// Allowed chip origins (`None`: any).
    pub chip_origins: Option<Vec<String>>,
    /// Allowed model origins (`None`: any).
    pub model_origins: Option<Vec<String>>,
    /// Export statuses excluded.
    pub exclude_export: Vec<ExportStatus>,
    /// Cost ceiling.
    pub max_usd_per_mtok: Option<f64>,
    /// Latency ceiling.
    pub max_tpot_ms: Option<f64>,
    /// Weights in [`TERMS`] order.
    pub weights: [f64; 6],
}

/// The score's terms, in order.
pub const TERMS: [&str; 6] =
    ["cost", "performance", "openness", "jurisdiction", "export_control", "supply"];

impl Profile {
    /// The hard constraints a chip breaks for this buyer (chip origin, export status), each as
    /// a reason naming the constraint; empty when the chip is allowed.
    #[must_use]
    pub fn chip_exclusions(&self, chip: &Chip, controls: &ExportControls) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(origins) = &self.chip_origins
            && !origins.contains(&chip.origin)
        {
            out.push(format!("chip made in {} (chip_origins {})", chip.origin, origins.join(", ")));
        }
        let (status, _) = controls.status(chip, &self.buyer_region);
        if self.exclude_export.contains(&status) {
            out.push(format!(
                "export status {} for {} (exclude_export_statuses)",
                status.label(),
                self.buyer_region
            ));
        }
        out
    }

    /// Parses and checks a profile; `file` names it in errors.
    ///
    /// # Errors
    ///
    /// Malformed JSON or unknown fields (with the field path), an unknown export status, a
    /// negative or non-finite weight or ceiling, or weights that are all zero.
    pub fn from_json(file: &str, text: &str) -> Result<Profile, Errors> {
        let raw: RawProfile = parse_json(file, text)?;
        Profile::resolve(file, &raw)
    }

    /// A preset by name (`eu-bank`, `cn-state`, `startup`).
    #[must_use]
    pub fn preset(name: &str) -> Option<Profile> {
        let (_, file, text) = PRESETS.iter().find(|p| p.0 == name)?;
        Profile::from_json(file, text).ok()
    }

    /// Checks a raw profile.
    ///
    /// # Errors
    ///
    /// As [`Profile::from_json`].
    pub fn resolve(file: &str, raw: &RawProfile) -> Result<Profile, Errors> {
        let mut errors = Vec::new();
        let invalid = |path: &str, got: String, expected: &str| {
            Error::new(file, path, ErrorKind::Invalid { got, expected: expected.into() })
        };
        if raw.name.trim().is_empty() {
            errors.push(Error::new(file, "name", ErrorKind::MissingField("a name")));
        }
        if raw.buyer_region.trim().is_empty() {
            errors.push(Error::new(file, "buyer_region", ErrorKind::MissingField("a region code")));
        }
        let w = raw.weights;
        let weights =
            [w.cost, w.performance, w.openness, w.jurisdiction, w.export_control, w.supply];
        for (name, v) in TERMS.iter().zip(weights) {
            if !(v.is_finite() && v >= 0.0) {
                errors.push(invalid(&format!("weights.{name}"), v.to_string(), "a number >= 0"));
            }
        }
        if weights.iter().all(|v| *v == 0.0) {
            errors.push(invalid("weights", "all zero".into(), "at least one weight above 0"));
        }
        let mut exclude = Vec::new();
        for (i, s) in raw.constraints.exclude_export_statuses.iter().enumerate() {
            match ExportStatus::from_label(s) {
                Some(x) => exclude.push(x),
                None => errors.push(invalid(
                    &format!("constraints.exclude_export_statuses[{i}]"),
                    format!("{s:?}"),
                    "one of domestic, allowed, licence-required, barred, unknown",
                )),
            }
        }
        let c = &raw.constraints;
        for (path, v) in [
            ("constraints.max_usd_per_mtok", c.max_usd_per_mtok),
            ("constraints.max_tpot_ms", c.max_tpot_ms),
        ] {
            if let Some(v) = v
                && !(v.is_finite() && v > 0.0)
            {
                errors.push(invalid(path, v.to_string(), "a number > 0"));
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        Ok(Profile {
            name: raw.name.clone(),
            description: raw.description.clone(),
            buyer_region: raw.buyer_region.clone(),
            trusted: raw.trusted_jurisdictions.clone(),
            on_premise_only: c.on_premise_only,
            open_weights_only: c.open_weights_only,
            chip_origins: c.chip_origins.clone(),
            model_origins: c.model_origins.clone(),
            exclude_export: exclude,
            max_usd_per_mtok: c.max_usd_per_mtok,
            max_tpot_ms: c.max_tpot_ms,
            weights,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExportFile {
    schema_version: u32,
    #[serde(default)]
    #[allow(dead_code)]
    description: String,
    records: Vec<RawExportRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExportRecord {
    chip: String,
    buyer_region: String,
    status: String,
    #[serde(default)]
    since: Option<String>,
    sources: Vec<String>,
    date: String,
    confidence: String,
    #[serde(default)]
    note: Option<String>,
}

/// One chip's export-control status for a buyer region, with its provenance.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRecord {
    /// Chip id.
    pub chip: String,
    /// Buyer region.
    pub buyer_region: String,
    /// Status.
    pub status: ExportStatus,
    /// Since when, if the sources say.
    pub since: Option<String>,
    /// Sources, date, confidence and the catalog's wording.
    pub provenance: Provenance,
}

/// The export-control statuses (`data/export-controls.json`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportControls {
    /// Every record.
    pub records: Vec<ExportRecord>,
}

impl ExportControls {
    /// Parses the file and checks it against the catalog (chip and source ids).
    ///
    /// # Errors
    ///
    /// Malformed JSON, unknown chip or source ids, unknown statuses or confidences; each names
    /// the record and field.
    pub fn from_json(file: &str, text: &str, catalog: &Catalog) -> Result<ExportControls, Errors> {
        let raw: RawExportFile = parse_json(file, text)?;
        let mut errors = Vec::new();
        if raw.schema_version != 1 {
            errors.push(Error::new(
                file,
                "schema_version",
                ErrorKind::Invalid { got: raw.schema_version.to_string(), expected: "1".into() },
            ));
        }
        let mut records = Vec::new();
        for (i, r) in raw.records.iter().enumerate() {
            let path = |f: &str| format!("records[{i}].{f}");
            if catalog.chip(&r.chip).is_none() {
                errors.push(Error::new(
                    file,
                    path("chip"),
                    ErrorKind::UnknownId {
                        kind: "chip",
                        id: r.chip.clone(),
                        suggestion: catalog.suggest(&r.chip, "chip"),
                    },
                ));
            }
            for (j, s) in r.sources.iter().enumerate() {
                if catalog.source(s).is_none() {
                    errors.push(Error::new(
                        file,
                        path(&format!("sources[{j}]")),
                        ErrorKind::UnknownId { kind: "source", id: s.clone(), suggestion: None },
                    ));
                }
            }
            let status = ExportStatus::from_label(&r.status)
                .filter(|s| !matches!(s, ExportStatus::Domestic | ExportStatus::Unknown));
            let confidence = Confidence::from_catalog_label(&r.confidence);
            if status.is_none() {
                errors.push(Error::new(
                    file,
                    path("status"),
                    ErrorKind::Invalid {
                        got: format!("{:?}", r.status),
                        expected: "one of allowed, licence-required, barred".into(),
                    },
                ));
            }
            if confidence.is_none() {
                errors.push(Error::new(
                    file,
                    path("confidence"),
                    ErrorKind::Invalid {
                        got: format!("{:?}", r.confidence),
                        expected: "one of official, reported, estimate, rumour".into(),
                    },
                ));
            }
            if let (Some(status), Some(confidence)) = (status, confidence) {
                records.push(ExportRecord {
                    chip: r.chip.clone(),
                    buyer_region: r.buyer_region.clone(),
                    status,
                    since: r.since.clone(),
                    provenance: Provenance {
                        sources: r.sources.clone(),
                        date: r.date.clone(),
                        confidence,
                        note: r.note.clone(),
                    },
                });
            }
        }
        if errors.is_empty() { Ok(ExportControls { records }) } else { Err(Errors(errors)) }
    }

    /// The file compiled into the library, checked against `catalog`.
    ///
    /// # Errors
    ///
    /// As [`ExportControls::from_json`] (the test suite keeps the compiled file valid).
    pub fn embedded(catalog: &Catalog) -> Result<ExportControls, Errors> {
        ExportControls::from_json(EXPORT_CONTROLS.0, EXPORT_CONTROLS.1, catalog)
    }

    /// A chip's status for a buyer region: domestic when the chip is made there (a rule), the
    /// listed status otherwise, and unknown when none is listed.
    #[must_use]
    pub fn status(&self, chip: &Chip, buyer_region: &str) -> (ExportStatus, Option<&ExportRecord>) {
        if chip.origin == buyer_region {
            return (ExportStatus::Domestic, None);
        }
        match self.records.iter().find(|r| r.chip == chip.id && r.buyer_region == buyer_region) {
            Some(r) => (r.status, Some(r)),
            None => (ExportStatus::Unknown, None),
        }
    }
}

/// Which options to consider (empty lists: every record in the catalog).
#[derive(Clone, Debug, Default)]
pub struct Candidates {
    /// Chip ids.
    pub chips: Vec<String>,
    /// System ids.
    pub systems: Vec<String>,
    /// Model ids.
    pub models: Vec<String>,
    /// Leave out API options.
    pub no_apis: bool,
}

/// Where an option runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Placement {
    /// On premise, on catalog hardware.
    OnPremise {
        /// Chip or system id.
        hardware: String,
        /// Chips the planner chose.
        chips: u32,
    },
    /// Through an API provider.
    Api {
        /// Provider name as the catalog gives it.
        provider: String,
    },
}

/// One term of an option's score.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreTerm {
    /// Term name ([`TERMS`]).
    pub name: &'static str,
    /// Value in 0–1 (`None`: unknown, left out of the score).
    pub value: Option<f64>,
    /// The profile's weight.
    pub weight: f64,
    /// What the value rests on (`chip origin US; model developer CN`).
    pub why: String,
}

/// An option with its attributes, terms, score and (if excluded) why.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// `Llama-3.1-70B on 8 × NVIDIA H200` or `GLM-5 via Z.ai`.
    pub label: String,
    /// Model id.
    pub model: String,
    /// Where it runs.
    pub placement: Placement,
    /// Dollars per million output tokens (API: output price plus the workload's input share).
    pub usd_per_mtok: Option<f64>,
    /// Time per output token, ms (on premise only).
    pub tpot_ms: Option<f64>,
    /// The terms, in [`TERMS`] order.
    pub terms: Vec<ScoreTerm>,
    /// Weighted mean of the known terms, 0–1.
    pub score: f64,
    /// Terms with a weight above 0 whose value is unknown. Options are ranked by this first
    /// (fewest unknowns first), then by score: missing data is never rewarded, nor scored as 0.
    pub unknown_terms: usize,
    /// Weighted mean of the non-cost, non-performance terms (1: least risk); `None` if none known.
    pub risk_score: Option<f64>,
    /// Not dominated on cost, performance and risk by another eligible option.
    pub pareto: bool,
    /// Hard constraints it breaks (empty: eligible).
    pub excluded: Vec<String>,
}

/// The result of ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    /// The profile used.
    pub profile: Profile,
    /// Eligible options, best first.
    pub ranked: Vec<Ranked>,
    /// Excluded options, each with its reasons.
    pub excluded: Vec<Ranked>,
    /// Options the model could not compute (`label`, reason).
    pub not_computed: Vec<(String, String)>,
}

/// Builds, constrains, scores and sorts the options.
#[must_use]
pub fn rank(
    catalog: &Catalog,
    controls: &ExportControls,
    profile: &Profile,
    base: &RawScenario,
    candidates: &Candidates,
) -> Ranking {
    let ids =
        |given: &[String], all: Vec<String>| if given.is_empty() { all } else { given.to_vec() };
    let chips = ids(&candidates.chips, catalog.chips().iter().map(|c| c.id.clone()).collect());
    let systems = if candidates.chips.is_empty() || !candidates.systems.is_empty() {
        ids(&candidates.systems, catalog.systems().iter().map(|s| s.id.clone()).collect())
    } else {
        Vec::new()
    };
    let models: Vec<&Model> =
        ids(&candidates.models, catalog.models().iter().map(|m| m.id.clone()).collect())
            .iter()
            .filter_map(|id| catalog.model(id))
            .collect();
    let ratio =
        f64::from(base.workload.input_tokens) / f64::from(base.workload.output_tokens.max(1));

    let mut options = Vec::new();
    let mut not_computed = Vec::new();
    let hardware = chips.iter().map(|c| (c, true)).chain(systems.iter().map(|s| (s, false)));
    for (hw, is_chip) in hardware {
        for m in &models {
            let mut raw = base.clone();
            raw.model = RawModelRef::Id(m.id.clone());
            raw.hardware = if is_chip {
                RawHardware { chip: Some(RawChipRef::Id(hw.clone())), system: None, count: None }
            } else {
                RawHardware { chip: None, system: Some(hw.clone()), count: None }
            };
            let label_hw = catalog
                .chip(hw)
                .map(|c| c.name.clone())
                .or_else(|| catalog.system(hw).map(|s| s.name.clone()))
                .unwrap_or_else(|| hw.clone());
            match crate::predict(&raw, catalog, "rank") {
                Ok(p) => {
                    let e = &p.plan.estimate;
                    let chips_n = e.deployment.chips();
                    options.push(Draft {
                        label: format!("{} on {chips_n} × {label_hw}", m.name),
                        model: m,
                        chip: Some(std::sync::Arc::clone(&p.scenario.chip)),
                        placement: Placement::OnPremise { hardware: hw.clone(), chips: chips_n },
                        usd_per_mtok: p
                            .cost
                            .as_ref()
                            .and_then(|c| c.usd_per_million_output_tokens)
                            .map(|x| x.raw()),
                        tpot_ms: Some(e.tpot.raw() * 1e3),
                    });
                }
                Err(e) => not_computed.push((
                    format!("{} on {label_hw}", m.name),
                    e.0.first().map_or_else(|| "not computed".into(), Error::short_reason),
                )),
            }
        }
    }
    if !candidates.no_apis {
        for m in &models {
            for a in &m.api_prices {
                let usd = match (a.currency, a.output_per_mtok) {
                    (crate::money::Currency::Usd, Some(o)) => {
                        Some(o + ratio * a.input_per_mtok.unwrap_or(0.0))
                    }
                    _ => None,
                };
                options.push(Draft {
                    label: format!("{} via {}", m.name, a.provider),
                    model: m,
                    chip: None,
                    placement: Placement::Api { provider: a.provider.clone() },
                    usd_per_mtok: usd,
                    tpot_ms: None,
                });
            }
        }
    }

    // Constraints, then the attribute terms; cost and performance are scaled over the eligible.
    let mut scored: Vec<Ranked> = options.iter().map(|d| d.assess(profile, controls)).collect();
    let eligible: Vec<usize> =
        (0..scored.len()).filter(|&i| scored[i].excluded.is_empty()).collect();
    let scale = |values: Vec<f64>| {
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (lo, hi)
    };
    let (c_lo, c_hi) = scale(
        eligible.iter().filter_map(|&i| scored[i].usd_per_mtok.filter(|v| *v > 0.0)).collect(),
    );
    let (t_lo, t_hi) =
        scale(eligible.iter().filter_map(|&i| scored[i].tpot_ms.filter(|v| *v > 0.0)).collect());
    for r in &mut scored {
        r.terms[0].value = r.usd_per_mtok.filter(|v| *v > 0.0).map(|v| log_scale(v, c_lo, c_hi));
        r.terms[0].why = r.usd_per_mtok.map_or_else(
            || "not priced".into(),
            |v| format!("${v:.3} per M output tokens (eligible range ${c_lo:.3}–${c_hi:.3})"),
        );
        r.terms[1].value = r.tpot_ms.filter(|v| *v > 0.0).map(|v| log_scale(v, t_lo, t_hi));
        r.terms[1].why = r.tpot_ms.map_or_else(
            || "not published for APIs".into(),
            |v| format!("TPOT {v:.1} ms (eligible range {t_lo:.1}–{t_hi:.1} ms)"),
        );
        r.score = weighted(&r.terms, |_| true).unwrap_or(0.0);
        r.unknown_terms = r.terms.iter().filter(|t| t.weight > 0.0 && t.value.is_none()).count();
        r.risk_score = weighted(&r.terms, |n| n != "cost" && n != "performance");
    }
    let (mut ranked, mut excluded): (Vec<Ranked>, Vec<Ranked>) =
        scored.into_iter().partition(|r| r.excluded.is_empty());
    mark_pareto(&mut ranked);
    crate::sort::by(&mut ranked, |a, b| {
        a.unknown_terms
            .cmp(&b.unknown_terms)
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.label.cmp(&b.label))
    });
    crate::sort::by(&mut excluded, |a, b| a.label.cmp(&b.label));
    Ranking { profile: profile.clone(), ranked, excluded, not_computed }
}

/// One on-premise option assessed alone: the hard constraints it breaks, its attribute terms
/// and its risk score (cost and performance stay unknown: they are scaled only across a
/// ranking). For charts that place options themselves.
#[must_use]
pub fn assess(
    profile: &Profile,
    controls: &ExportControls,
    chip: &std::sync::Arc<Chip>,
    model: &Model,
    hardware: &str,
    usd_per_mtok: Option<f64>,
    tpot_ms: Option<f64>,
) -> Ranked {
    let draft = Draft {
        label: format!("{} on {hardware}", model.name),
        model,
        chip: Some(std::sync::Arc::clone(chip)),
        placement: Placement::OnPremise { hardware: hardware.to_owned(), chips: 0 },
        usd_per_mtok,
        tpot_ms,
    };
    let mut r = draft.assess(profile, controls);
    r.risk_score = weighted(&r.terms, |n| n != "cost" && n != "performance");
    r
}

/// Reasons counted and sorted: most frequent first, then alphabetically. A plain list, not a
/// map, and a `dyn` iterator, so the browser build carries one small copy.
#[must_use]
pub fn grouped(reasons: &mut dyn Iterator<Item = &str>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = Vec::new();
    for r in reasons {
        match v.iter_mut().find(|(x, _)| x == r) {
            Some((_, n)) => *n += 1,
            None => v.push((r.to_owned(), 1)),
        }
    }
    crate::sort::by(&mut v, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Writes grouped reasons under a heading (nothing when there are none), at most `limit` lines.
pub(crate) fn write_groups(
    s: &mut String,
    heading: &str,
    groups: &[(String, usize)],
    limit: usize,
) {
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{heading}:");
    for (why, n) in groups.iter().take(limit) {
        let _ = writeln!(s, "  {why}: {n}");
    }
    if groups.len() > limit {
        let _ = writeln!(s, "  … {} other reasons", groups.len() - limit);
    }
}

/// 1 at `lo`, 0 at `hi`, logarithmic in between (1 when all are equal).
fn log_scale(v: f64, lo: f64, hi: f64) -> f64 {
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return 1.0;
    }
    ((hi.ln() - v.ln()) / (hi.ln() - lo.ln())).clamp(0.0, 1.0)
}

fn weighted(terms: &[ScoreTerm], include: impl Fn(&str) -> bool) -> Option<f64> {
    let (mut sum, mut w) = (0.0, 0.0);
    for t in terms.iter().filter(|t| include(t.name) && t.weight > 0.0) {
        if let Some(v) = t.value {
            sum += v * t.weight;
            w += t.weight;
        }
    }
    (w > 0.0).then(|| sum / w)
}

/// Marks options not dominated on (cost ↓, TPOT ↓, risk score ↑); unknowns count as worst.
fn mark_pareto(options: &mut [Ranked]) {
    let keys: Vec<[f64; 3]> = options
        .iter()
        .map(|r| {
            [
                r.usd_per_mtok.unwrap_or(f64::INFINITY),
                r.tpot_ms.unwrap_or(f64::INFINITY),
                -r.risk_score.unwrap_or(f64::NEG_INFINITY),
            ]
        })
        .collect();
    for (r, on) in options.iter_mut().zip(pareto(&keys)) {
        r.pareto = on;
    }
}

/// For each point (every coordinate: lower is better), whether no other point is at least as
/// good on every coordinate and better on one.
#[must_use]
pub fn pareto<const N: usize>(points: &[[f64; N]]) -> Vec<bool> {
    points
        .iter()
        .map(|a| {
            !points.iter().any(|b| {
                b.iter().zip(a).all(|(x, y)| x <= y) && b.iter().zip(a).any(|(x, y)| x < y)
            })
        })
        .collect()
}

struct Draft<'a> {
    label: String,
    model: &'a Model,
    chip: Option<std::sync::Arc<Chip>>,
    placement: Placement,
    usd_per_mtok: Option<f64>,
    tpot_ms: Option<f64>,
}

impl Draft<'_> {
    fn assess(&self, p: &Profile, controls: &ExportControls) -> Ranked {
        let m = self.model;
        let mut excluded = Vec::new();
        let api = matches!(self.placement, Placement::Api { .. });
        if p.on_premise_only && api {
            excluded.push("runs on the API provider's servers (on_premise_only)".to_owned());
        }
        let open = matches!(
            m.openness,
            Openness::OpenWeight | Openness::OpenSource | Openness::PartiallyOpen
        );
        if p.open_weights_only && !open {
            excluded.push(format!("model openness is {} (open_weights_only)", m.openness.label()));
        }
        if let Some(origins) = &p.model_origins
            && !origins.contains(&m.origin)
        {
            excluded.push(format!(
                "model developer in {} (model_origins {})",
                m.origin,
                origins.join(", ")
            ));
        }
        let export = self.chip.as_ref().map(|c| controls.status(c, &p.buyer_region));
        match &self.chip {
            Some(c) => excluded.extend(p.chip_exclusions(c, controls)),
            None if p.chip_origins.is_some() => {
                excluded.push("the API's hardware is not known (chip_origins)".to_owned());
            }
            None => {}
        }
        if let Some(max) = p.max_usd_per_mtok {
            match self.usd_per_mtok {
                Some(v) if v <= max => {}
                Some(v) => excluded
                    .push(format!("${v:.3} per M output tokens > ${max} (max_usd_per_mtok)")),
                None => excluded.push("cost not known (max_usd_per_mtok)".to_owned()),
            }
        }
        if let Some(max) = p.max_tpot_ms {
            match self.tpot_ms {
                Some(v) if v <= max => {}
                Some(v) => excluded.push(format!("TPOT {v:.1} ms > {max} ms (max_tpot_ms)")),
                None => excluded.push("TPOT not known (max_tpot_ms)".to_owned()),
            }
        }

        let licence = m.licence.as_deref().unwrap_or("");
        let (openness, openness_why) = match m.openness {
            Openness::Closed => (Some(0.0), "closed model".to_owned()),
            Openness::Unknown => (None, "openness unknown".to_owned()),
            _ if licence.is_empty() => {
                (None, "open weights, licence not in the catalog".to_owned())
            }
            _ if is_permissive(licence) => (Some(1.0), format!("open weights, {licence}")),
            _ => (Some(0.5), format!("open weights with conditions: {licence}")),
        };
        let mut parties = vec![("model developer", m.origin.as_str())];
        match &self.chip {
            Some(c) => parties.push(("chip maker", c.origin.as_str())),
            None => {
                parties.push(("API provider (the developer's country is used)", m.origin.as_str()))
            }
        }
        let trusted = parties.iter().filter(|(_, o)| p.trusted.iter().any(|t| t == o)).count();
        let jurisdiction = Some(trusted as f64 / parties.len() as f64);
        let jurisdiction_why =
            parties.iter().map(|(who, o)| format!("{who} {o}")).collect::<Vec<_>>().join("; ");
        let (export_value, export_why) = match export {
            Some((status, rec)) => (
                status.term(),
                match rec {
                    Some(r) => format!(
                        "{} for {} ({}, {}{})",
                        status.label(),
                        r.buyer_region,
                        r.provenance.confidence,
                        r.provenance.date,
                        r.since.as_ref().map_or_else(String::new, |s| format!(", since {s}"))
                    ),
                    None if status == ExportStatus::Domestic => {
                        format!("made in {}", p.buyer_region)
                    }
                    None => format!("no classified status for {}", p.buyer_region),
                },
            ),
            None => (None, "not applicable to an API".to_owned()),
        };
        let (supply, supply_why) = match &self.chip {
            Some(c) => (
                Some(match c.status {
                    Status::Shipping => 1.0,
                    Status::Announced => 0.5,
                    Status::Roadmap => 0.25,
                    Status::Discontinued => 0.0,
                }),
                format!("chip {}", c.status.label()),
            ),
            None => (Some(1.0), "API available now".to_owned()),
        };
        let w = p.weights;
        let terms = vec![
            ScoreTerm { name: TERMS[0], value: None, weight: w[0], why: String::new() },
            ScoreTerm { name: TERMS[1], value: None, weight: w[1], why: String::new() },
            ScoreTerm { name: TERMS[2], value: openness, weight: w[2], why: openness_why },
            ScoreTerm { name: TERMS[3], value: jurisdiction, weight: w[3], why: jurisdiction_why },
            ScoreTerm { name: TERMS[4], value: export_value, weight: w[4], why: export_why },
            ScoreTerm { name: TERMS[5], value: supply, weight: w[5], why: supply_why },
        ];
        Ranked {
            label: self.label.clone(),
            model: m.id.clone(),
            placement: self.placement.clone(),
            usd_per_mtok: self.usd_per_mtok,
            tpot_ms: self.tpot_ms,
            terms,
            score: 0.0,
            unknown_terms: 0,
            risk_score: None,
            pareto: false,
            excluded,
        }
    }
}

/// Apache-2.0 and MIT (exactly, or as a family note) are permissive; anything with conditions
/// (a community licence, a modified MIT with attribution, a research licence) is not.
fn is_permissive(licence: &str) -> bool {
    let l = licence.trim();
    (l.starts_with("Apache-2.0") || l.starts_with("MIT")) && !l.contains("Modified")
}

impl Ranking {
    /// The ranking as a plain-text table: the top `top` options with every term, the Pareto
    /// frontier, and the excluded and not-computed options grouped by reason.
    #[must_use]
    pub fn to_text(&self, top: usize) -> String {
        let p = &self.profile;
        let mut s = String::new();
        let _ = writeln!(s, "profile: {} — {}", p.name, p.description);
        let weights: Vec<String> =
            TERMS.iter().zip(p.weights).map(|(n, w)| format!("{n} {w}")).collect();
        let _ = writeln!(
            s,
            "buyer region {}; trusted: {}; weights: {}",
            p.buyer_region,
            p.trusted.join(", "),
            weights.join(", ")
        );
        let _ = writeln!(
            s,
            "{} eligible, {} excluded by the profile's constraints, {} not computed\n\
             The ranking does not measure model quality: pass --models to rank models you \
             consider interchangeable.\n",
            self.ranked.len(),
            self.excluded.len(),
            self.not_computed.len()
        );
        for (i, r) in self.ranked.iter().take(top).enumerate() {
            let unknown = match r.unknown_terms {
                0 => String::new(),
                n => format!("  ({n} weighted term{} unknown)", if n == 1 { "" } else { "s" }),
            };
            let _ = writeln!(
                s,
                "{:>2}. {:.2}  {}{}{unknown}",
                i + 1,
                r.score,
                r.label,
                if r.pareto { "  [Pareto: cost, performance, risk]" } else { "" }
            );
            for t in &r.terms {
                let v = match t.value {
                    _ if t.weight == 0.0 => "weight 0, not scored".to_owned(),
                    Some(v) => format!("{v:.2} × {}", t.weight),
                    None => "unknown, left out".to_owned(),
                };
                let _ = writeln!(s, "      {:<14} {:<21} {}", t.name, v, t.why);
            }
        }
        if self.ranked.len() > top {
            let _ = writeln!(s, "… and {} more eligible options", self.ranked.len() - top);
        }
        let excluded =
            grouped(&mut self.excluded.iter().flat_map(|r| r.excluded.iter().map(String::as_str)));
        write_groups(&mut s, "excluded (reason: options)", &excluded, usize::MAX);
        let not_computed = grouped(&mut self.not_computed.iter().map(|(_, why)| why.as_str()));
        write_groups(&mut s, "not computed (reason: options)", &not_computed, 12);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::pareto;

    #[test]
    fn pareto_keeps_what_nothing_beats() {
        let pts = [[1.0, 5.0], [2.0, 2.0], [3.0, 3.0], [2.0, 2.0], [5.0, 1.0]];
        // [3, 3] is beaten by [2, 2]; equal points do not beat each other.
        assert_eq!(pareto(&pts), vec![true, true, false, true, true]);
        assert_eq!(pareto::<2>(&[]), Vec::<bool>::new());
    }
}

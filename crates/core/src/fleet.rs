//! A mixed fleet: the cheapest set of deployments that serves a demand mix under a risk profile,
//! with its capacity headroom and what changes if one hardware type becomes unavailable.
//!
//! A demand file lists lines (a model, requests per day, prompt and output lengths, a latency
//! class). For every line and every allowed hardware type, the planner sizes one *unit* (the
//! fewest chips that hold the model, at the largest batch that meets the line's latency targets)
//! and the cost model prices it per year. A line needs `ceil(required tokens/s ÷ unit tokens/s)`
//! units. The fleet picks one hardware type per line so that the total cost per year is least,
//! within any per-type availability limit (`available`); the search is exact (branch and bound)
//! and says so when a node limit stops it early. The method is documented in `docs/fleet.md`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::catalog::Catalog;
use crate::error::{Error, ErrorKind, Errors, parse_json};
use crate::risk::{ExportControls, Profile, RawProfile};
use crate::scenario::{
    RawChipRef, RawConcurrency, RawCost, RawHardware, RawLatencyTargets, RawModelRef, RawPrecision,
    RawScenario, RawWorkload,
};

/// Nodes the search may visit before it stops and reports the best fleet found so far.
const NODE_LIMIT: u64 = 2_000_000;
const SECONDS_PER_DAY: f64 = 86_400.0;

/// A demand file as written.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawDemand {
    /// A preset name (`eu-bank`, `cn-state`, `startup`) or an inline profile; its hard
    /// constraints on chips (origin, export status) and models (openness, origin) apply.
    #[serde(default)]
    pub profile: Option<RawProfileRef>,
    /// Candidate chip ids (default: every chip in the catalog).
    #[serde(default)]
    pub hardware: Vec<String>,
    /// Most chips of a type that can be had (`{"nvidia-h200-sxm": 256}`).
    #[serde(default)]
    pub available: BTreeMap<String, u32>,
    /// Price per accelerator in USD for chips the catalog gives no USD price for (missing, or in
    /// CNY without `cost.cny_per_usd`); labelled assumptions.
    #[serde(default)]
    pub prices_usd: BTreeMap<String, f64>,
    /// Weight precision for every line (default: each model's native precision).
    #[serde(default)]
    pub precision: Option<String>,
    /// Cost inputs (amortisation, electricity, PUE, utilisation, optional host costs).
    pub cost: RawCost,
    /// The demand mix.
    pub demand: Vec<RawDemandLine>,
}

/// A profile by preset name or inline.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum RawProfileRef {
    /// A preset name.
    Preset(String),
    /// An inline profile.
    Inline(Box<RawProfile>),
}

/// One line of demand.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawDemandLine {
    /// Catalog model id.
    pub model: String,
    /// Requests per day.
    pub requests_per_day: f64,
    /// Prompt tokens per request.
    pub input_tokens: u32,
    /// Generated tokens per request.
    pub output_tokens: u32,
    /// `interactive` (TPOT ≤ 50 ms, TTFT ≤ 2 s unless given) or `batch` (no targets).
    #[serde(default = "interactive")]
    pub latency: String,
    /// TPOT target, ms (overrides the class's).
    #[serde(default)]
    pub tpot_ms: Option<f64>,
    /// TTFT target, ms (overrides the class's).
    #[serde(default)]
    pub ttft_ms: Option<f64>,
    /// Peak load over the daily average (default 1: demand spread evenly over the day).
    #[serde(default = "one")]
    pub peak_factor: f64,
}

fn interactive() -> String {
    "interactive".into()
}
fn one() -> f64 {
    1.0
}

/// The interactive class's targets: a reading speed of about 20 tokens/s and a two-second wait.
pub const INTERACTIVE_TPOT_MS: f64 = 50.0;
/// See [`INTERACTIVE_TPOT_MS`].
pub const INTERACTIVE_TTFT_MS: f64 = 2000.0;

/// One way to serve a line: a hardware type, its unit, and the units needed.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Chip id.
    pub hardware: String,
    /// Chips per unit.
    pub chips_per_unit: u32,
    /// Output tokens/s one unit serves within the line's targets.
    pub unit_tokens_per_s: f64,
    /// Cost per unit per year (capital over the amortisation years plus electricity).
    pub unit_usd_per_year: f64,
    /// Units needed.
    pub units: u32,
    /// Whether the price is the demand file's assumption rather than the catalog's.
    pub price_assumed: bool,
}

impl Choice {
    /// Chips in all units.
    #[must_use]
    pub fn chips(&self) -> u32 {
        self.units.saturating_mul(self.chips_per_unit)
    }
    /// Cost of all units per year.
    #[must_use]
    pub fn usd_per_year(&self) -> f64 {
        f64::from(self.units) * self.unit_usd_per_year
    }
}

/// A line with the choices that can serve it and the ones that cannot.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Model id.
    pub model: String,
    /// Output tokens per second the line needs at peak.
    pub required_tokens_per_s: f64,
    /// Ways to serve it, cheapest first.
    pub choices: Vec<Choice>,
    /// Hardware left out, with why (constraint, missing fact, no price, target not met).
    pub left_out: Vec<(String, String)>,
}

/// A fleet: one choice per line.
#[derive(Clone, Debug, PartialEq)]
pub struct Fleet {
    /// Index into each line's `choices`.
    pub picks: Vec<usize>,
    /// Total cost per year.
    pub usd_per_year: f64,
    /// Chips per hardware type.
    pub chips: BTreeMap<String, u32>,
    /// False when the node limit stopped the search before it proved this is the cheapest.
    pub proven: bool,
}

/// What happens when one hardware type becomes unavailable.
#[derive(Clone, Debug, PartialEq)]
pub struct Outage {
    /// The hardware type removed.
    pub hardware: String,
    /// The fleet without it, or why there is none (lines that cannot be served).
    pub fleet: Result<Fleet, Vec<String>>,
}

/// The plan: lines, the cheapest fleet, and outages.
#[derive(Clone, Debug, PartialEq)]
pub struct FleetPlan {
    /// The profile applied, if any.
    pub profile: Option<Profile>,
    /// Amortisation years (for the total over the period).
    pub years: f64,
    /// Every line.
    pub lines: Vec<Line>,
    /// The cheapest fleet, or the lines no allowed hardware can serve.
    pub fleet: Result<Fleet, Vec<String>>,
    /// One per hardware type the fleet uses.
    pub outages: Vec<Outage>,
}

impl RawDemand {
    /// Parses a demand file; `file` names it in errors.
    ///
    /// # Errors
    ///
    /// Malformed JSON or unknown fields, with the field path.
    pub fn from_json(file: &str, text: &str) -> Result<RawDemand, Errors> {
        parse_json(file, text).map_err(Errors::from)
    }
}

/// Sizes every line on every allowed hardware type and finds the cheapest fleet.
///
/// # Errors
///
/// Problems in the demand file that no plan can go around, each with its field path: unknown
/// model or chip ids, bad numbers, an unknown latency class, an invalid profile.
pub fn plan(
    catalog: &Catalog,
    controls: &ExportControls,
    d: &RawDemand,
    file: &str,
) -> Result<FleetPlan, Errors> {
    let mut errors = Vec::new();
    let err = |path: String, kind: ErrorKind| Error::new(file, path, kind);
    let invalid =
        |got: String, expected: &str| ErrorKind::Invalid { got, expected: expected.into() };

    let profile = match &d.profile {
        None => None,
        Some(RawProfileRef::Preset(name)) => match Profile::preset(name) {
            Some(p) => Some(p),
            None => {
                errors.push(err(
                    "profile".into(),
                    invalid(
                        format!("{name:?}"),
                        "a preset (eu-bank, cn-state, startup) or a profile object",
                    ),
                ));
                None
            }
        },
        Some(RawProfileRef::Inline(raw)) => match Profile::resolve(file, raw) {
            Ok(p) => Some(p),
            Err(e) => {
                errors.extend(e.0.into_iter().map(|mut x| {
                    x.path = format!("profile.{}", x.path);
                    x
                }));
                None
            }
        },
    };
    if d.demand.is_empty() {
        errors.push(err("demand".into(), ErrorKind::MissingField("at least one demand line")));
    }
    let hardware: Vec<String> = if d.hardware.is_empty() {
        catalog.chips().iter().map(|c| c.id.clone()).collect()
    } else {
        d.hardware.clone()
    };
    for (i, id) in d.hardware.iter().enumerate() {
        if catalog.chip(id).is_none() {
            errors.push(err(
                format!("hardware[{i}]"),
                ErrorKind::UnknownId {
                    kind: "chip",
                    id: id.clone(),
                    suggestion: catalog.suggest(id, "chip"),
                },
            ));
        }
    }
    for (key, map) in [
        ("available", d.available.keys().collect::<Vec<_>>()),
        ("prices_usd", d.prices_usd.keys().collect()),
    ] {
        for id in map {
            if catalog.chip(id).is_none() {
                errors.push(err(
                    format!("{key}.{id}"),
                    ErrorKind::UnknownId {
                        kind: "chip",
                        id: id.clone(),
                        suggestion: catalog.suggest(id, "chip"),
                    },
                ));
            }
        }
    }
    for (id, usd) in &d.prices_usd {
        if !(usd.is_finite() && *usd > 0.0 && *usd < 1e9) {
            errors.push(err(
                format!("prices_usd.{id}"),
                invalid(usd.to_string(), "a price in USD > 0"),
            ));
        }
    }
    for (i, l) in d.demand.iter().enumerate() {
        let path = |f: &str| format!("demand[{i}].{f}");
        if catalog.model(&l.model).is_none() {
            errors.push(err(
                path("model"),
                ErrorKind::UnknownId {
                    kind: "model",
                    id: l.model.clone(),
                    suggestion: catalog.suggest(&l.model, "model"),
                },
            ));
        }
        if !(l.requests_per_day.is_finite()
            && l.requests_per_day > 0.0
            && l.requests_per_day < 1e13)
        {
            errors.push(err(
                path("requests_per_day"),
                invalid(l.requests_per_day.to_string(), "a number > 0"),
            ));
        }
        for (f, v) in [("input_tokens", l.input_tokens), ("output_tokens", l.output_tokens)] {
            if v == 0 {
                errors.push(err(path(f), invalid("0".into(), "at least 1")));
            }
        }
        if !(l.peak_factor.is_finite() && (1.0..=100.0).contains(&l.peak_factor)) {
            errors.push(err(
                path("peak_factor"),
                invalid(l.peak_factor.to_string(), "a number from 1 to 100"),
            ));
        }
        if !matches!(l.latency.as_str(), "interactive" | "batch") {
            errors.push(err(
                path("latency"),
                invalid(format!("{:?}", l.latency), "interactive or batch"),
            ));
        }
        for (f, v) in [("tpot_ms", l.tpot_ms), ("ttft_ms", l.ttft_ms)] {
            if let Some(v) = v
                && !(v.is_finite() && v > 0.0)
            {
                errors.push(err(path(f), invalid(v.to_string(), "a number > 0")));
            }
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }

    let mut lines = Vec::new();
    for l in &d.demand {
        let required =
            l.requests_per_day * f64::from(l.output_tokens) / SECONDS_PER_DAY * l.peak_factor;
        let mut line = Line {
            model: l.model.clone(),
            required_tokens_per_s: required,
            choices: Vec::new(),
            left_out: Vec::new(),
        };
        let model = catalog.model(&l.model);
        if let (Some(p), Some(m)) = (&profile, model) {
            let closed =
                matches!(m.openness, crate::llm::Openness::Closed | crate::llm::Openness::Unknown);
            if p.open_weights_only && closed {
                line.left_out.push((
                    "every chip".into(),
                    format!("model openness is {} (open_weights_only)", m.openness.label()),
                ));
            }
            if let Some(origins) = &p.model_origins
                && !origins.contains(&m.origin)
            {
                line.left_out.push((
                    "every chip".into(),
                    format!("model developer in {} (model_origins)", m.origin),
                ));
            }
        }
        if !line.left_out.is_empty() {
            lines.push(line);
            continue;
        }
        for hw in &hardware {
            let Some(chip) = catalog.chip(hw) else { continue };
            if let Some(p) = &profile {
                let why = p.chip_exclusions(chip, controls);
                if !why.is_empty() {
                    line.left_out.push((hw.clone(), why.join("; ")));
                    continue;
                }
            }
            let mut cost = d.cost.clone();
            // `prices_usd` fills a price the catalog does not give in USD (missing, or in CNY
            // with no exchange rate); a USD catalog price is never overridden.
            let catalog_usd = chip.price.value().and_then(|m| m.to_usd(d.cost.cny_per_usd));
            let price_assumed = catalog_usd.is_none() && d.prices_usd.contains_key(hw);
            if price_assumed {
                cost.accelerator_usd = d.prices_usd.get(hw).copied();
            }
            let (tpot, ttft) = match l.latency.as_str() {
                "batch" => (l.tpot_ms, l.ttft_ms),
                _ => (
                    Some(l.tpot_ms.unwrap_or(INTERACTIVE_TPOT_MS)),
                    Some(l.ttft_ms.unwrap_or(INTERACTIVE_TTFT_MS)),
                ),
            };
            let raw = RawScenario {
                hardware: RawHardware {
                    chip: Some(RawChipRef::Id(hw.clone())),
                    system: None,
                    count: None,
                },
                model: RawModelRef::Id(l.model.clone()),
                precision: RawPrecision {
                    weights: d.precision.clone(),
                    kv_cache: None,
                    compute: None,
                },
                parallelism: None,
                workload: RawWorkload {
                    input_tokens: l.input_tokens,
                    output_tokens: l.output_tokens,
                    concurrency: RawConcurrency::Max("max".into()),
                },
                latency_targets: Some(RawLatencyTargets { ttft_ms: ttft, tpot_ms: tpot }),
                runtime: None,
                cost: Some(cost),
                assumptions: BTreeMap::new(),
                derive: Vec::new(),
            };
            match crate::predict(&raw, catalog, file) {
                Err(e) => line.left_out.push((
                    hw.clone(),
                    e.0.first().map_or_else(|| "not computed".into(), Error::short_reason),
                )),
                Ok(p) if !p.plan.meets_targets() => {
                    line.left_out.push((hw.clone(), "cannot meet the latency targets".into()))
                }
                Ok(p) => {
                    let e = &p.plan.estimate;
                    let per_year = p.cost.as_ref().and_then(|c| c.cost_per_year).map(|x| x.raw());
                    let tps = e.output_tokens_per_s.raw();
                    match per_year {
                        _ if !(tps.is_finite() && tps > 0.0) => {
                            line.left_out.push((hw.clone(), "no throughput".into()))
                        }
                        None => {
                            let gap = p.cost.as_ref().and_then(|c| c.gaps.first().cloned());
                            let why = gap.unwrap_or_else(|| format!("{hw} is not priced"));
                            line.left_out.push((hw.clone(), format!("{why} (or prices_usd.{hw})")));
                        }
                        Some(c) => {
                            let units = (required / tps).ceil().max(1.0);
                            if units > f64::from(u32::MAX) {
                                line.left_out.push((
                                    hw.clone(),
                                    "needs more units than can be counted".into(),
                                ));
                                continue;
                            }
                            line.choices.push(Choice {
                                hardware: hw.clone(),
                                chips_per_unit: e.deployment.chips(),
                                unit_tokens_per_s: tps,
                                unit_usd_per_year: c,
                                units: units as u32,
                                price_assumed,
                            });
                        }
                    }
                }
            }
        }
        crate::sort::by(&mut line.choices, |a, b| {
            a.usd_per_year().total_cmp(&b.usd_per_year()).then_with(|| a.hardware.cmp(&b.hardware))
        });
        lines.push(line);
    }

    let fleet = cheapest(&lines, &d.available, None);
    let outages = match &fleet {
        Ok(f) => f
            .chips
            .keys()
            .map(|hw| Outage {
                hardware: hw.clone(),
                fleet: cheapest(&lines, &d.available, Some(hw)),
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    Ok(FleetPlan { profile, years: d.cost.amortisation_years, lines, fleet, outages })
}

/// The cheapest assignment of one choice per line within availability, without `without`.
fn cheapest(
    lines: &[Line],
    available: &BTreeMap<String, u32>,
    without: Option<&String>,
) -> Result<Fleet, Vec<String>> {
    let options: Vec<Vec<usize>> = lines
        .iter()
        .map(|l| {
            (0..l.choices.len()).filter(|&i| Some(&l.choices[i].hardware) != without).collect()
        })
        .collect();
    let unserved: Vec<String> = lines
        .iter()
        .zip(&options)
        .filter(|(_, o)| o.is_empty())
        .map(|(l, _)| format!("{}: no allowed hardware can serve it", l.model))
        .collect();
    if !unserved.is_empty() {
        return Err(unserved);
    }
    // Lower bound for the lines not yet assigned: each at its cheapest remaining choice.
    let floor: Vec<f64> = lines
        .iter()
        .zip(&options)
        .map(|(l, o)| o.iter().map(|&i| l.choices[i].usd_per_year()).fold(f64::INFINITY, f64::min))
        .collect();
    let mut suffix = vec![0.0; lines.len() + 1];
    for i in (0..lines.len()).rev() {
        suffix[i] = suffix[i + 1] + floor[i];
    }
    let mut s = Search {
        lines,
        options: &options,
        available,
        suffix,
        best: None,
        nodes: 0,
        picks: Vec::new(),
        used: BTreeMap::new(),
    };
    s.go(0, 0.0);
    let proven = s.nodes < NODE_LIMIT;
    match s.best {
        Some((usd, picks)) => {
            let mut chips = BTreeMap::new();
            for (l, &p) in lines.iter().zip(&picks) {
                let c = &l.choices[p];
                *chips.entry(c.hardware.clone()).or_insert(0u32) += c.chips();
            }
            Ok(Fleet { picks, usd_per_year: usd, chips, proven })
        }
        None => Err(vec!["no fleet fits within the available chips".into()]),
    }
}

struct Search<'a> {
    lines: &'a [Line],
    options: &'a [Vec<usize>],
    available: &'a BTreeMap<String, u32>,
    suffix: Vec<f64>,
    best: Option<(f64, Vec<usize>)>,
    nodes: u64,
    picks: Vec<usize>,
    used: BTreeMap<&'a str, u32>,
}

impl<'a> Search<'a> {
    fn go(&mut self, i: usize, cost: f64) {
        self.nodes += 1;
        if self.nodes >= NODE_LIMIT {
            return;
        }
        if let Some((b, _)) = &self.best
            && cost + self.suffix[i] >= *b
        {
            return;
        }
        if i == self.lines.len() {
            self.best = Some((cost, self.picks.clone()));
            return;
        }
        let line = &self.lines[i];
        for &k in &self.options[i] {
            let c = &line.choices[k];
            let used = self.used.get(c.hardware.as_str()).copied().unwrap_or(0);
            let total = used.saturating_add(c.chips());
            if self.available.get(&c.hardware).is_some_and(|&max| total > max) {
                continue;
            }
            self.used.insert(c.hardware.as_str(), total);
            self.picks.push(k);
            self.go(i + 1, cost + c.usd_per_year());
            self.picks.pop();
            self.used.insert(c.hardware.as_str(), used);
        }
    }
}

impl FleetPlan {
    /// The plan as a plain-text report.
    #[must_use]
    pub fn to_text(&self, catalog: &Catalog) -> String {
        let mut s = String::new();
        let name = |id: &str| catalog.chip(id).map_or_else(|| id.to_owned(), |c| c.name.clone());
        if let Some(p) = &self.profile {
            let _ = writeln!(s, "profile: {} — {}", p.name, p.description);
        }
        let fleet = match &self.fleet {
            Ok(f) => f,
            Err(why) => {
                let _ = writeln!(s, "no fleet can serve this demand:");
                for w in why {
                    let _ = writeln!(s, "  {w}");
                }
                self.left_out_text(&mut s);
                return s;
            }
        };
        let _ = writeln!(
            s,
            "cheapest fleet: ${:.0} per year, ${:.0} over {} years{}",
            fleet.usd_per_year,
            fleet.usd_per_year * self.years,
            self.years,
            if fleet.proven {
                ""
            } else {
                " (search stopped at its node limit: the cheapest found, not proven)"
            }
        );
        for (hw, n) in &fleet.chips {
            let _ = writeln!(s, "  {n} × {}", name(hw));
        }
        let _ = writeln!(s, "\nper demand line:");
        for (l, &p) in self.lines.iter().zip(&fleet.picks) {
            let c = &l.choices[p];
            let capacity = f64::from(c.units) * c.unit_tokens_per_s;
            let _ = writeln!(
                s,
                "  {}: {} × {} chips of {}; needs {:.0} output tokens/s, serves {:.0} (headroom {:.0} %); ${:.0} per year{}",
                l.model,
                c.units,
                c.chips_per_unit,
                name(&c.hardware),
                l.required_tokens_per_s,
                capacity,
                (capacity / l.required_tokens_per_s - 1.0) * 100.0,
                c.usd_per_year(),
                if c.price_assumed { " (price from prices_usd, an assumption)" } else { "" }
            );
            if let Some(next) = l.choices.iter().find(|x| x.hardware != c.hardware) {
                let _ = writeln!(
                    s,
                    "      cheapest alternative: {} at ${:.0} per year",
                    name(&next.hardware),
                    next.usd_per_year()
                );
            }
        }
        let _ = writeln!(s, "\nif one hardware type becomes unavailable:");
        for o in &self.outages {
            match &o.fleet {
                Ok(f) => {
                    let moved: Vec<String> = self
                        .lines
                        .iter()
                        .zip(fleet.picks.iter().zip(&f.picks))
                        .filter(|(l, (a, b))| l.choices[**a].hardware != l.choices[**b].hardware)
                        .map(|(l, (_, b))| {
                            format!("{} → {}", l.model, name(&l.choices[*b].hardware))
                        })
                        .collect();
                    let _ = writeln!(
                        s,
                        "  without {}: ${:.0} per year ({:+.0} %); {}",
                        name(&o.hardware),
                        f.usd_per_year,
                        (f.usd_per_year / fleet.usd_per_year - 1.0) * 100.0,
                        moved.join(", ")
                    );
                }
                Err(why) => {
                    let _ = writeln!(
                        s,
                        "  without {}: no fleet — {}",
                        name(&o.hardware),
                        why.join("; ")
                    );
                }
            }
        }
        self.left_out_text(&mut s);
        s
    }

    fn left_out_text(&self, s: &mut String) {
        let reasons = crate::risk::grouped(
            &mut self.lines.iter().flat_map(|l| l.left_out.iter().map(|(_, why)| why.as_str())),
        );
        crate::risk::write_groups(s, "hardware left out (reason: line × chip pairs)", &reasons, 10);
    }
}

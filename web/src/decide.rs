//! The Decide view's logic, without DOM: the risk-profile form and the fleet form as text, read
//! into the core's [`RawProfile`] and [`RawDemand`] with every problem on its field, the URL keys
//! of the risk form, and the reasons of a ranking or a fleet grouped for display.
//!
//! Nothing is scored or sized here: [`rackscope::risk::rank`] and [`rackscope::fleet::plan`] do
//! that. The form keeps what the user typed; reading it is the house's two stages (text, then the
//! core's checks, whose error paths name the field).

use std::collections::BTreeMap;

use rackscope::RawScenario;
use rackscope::fleet::{RawDemand, RawDemandLine, RawProfileRef};
use rackscope::risk::{ExportStatus, Profile, RawConstraints, RawProfile, RawWeights, TERMS};

use crate::i18n::{Key, Lang, t};

/// The preset names, then `custom` (no constraints, every weight 1).
pub const PRESETS: [&str; 4] = ["eu-bank", "cn-state", "startup", "custom"];

/// The risk form's URL keys (`docs/url-format.md`), in the order they are written.
pub const URL_KEYS: [&str; 10] =
    ["rp", "rw", "rreg", "rtrust", "ronprem", "ropen", "rchip", "rexcl", "rmaxusd", "rmaxtpot"];

/// The risk profile as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskForm {
    /// The preset the form started from ([`PRESETS`]).
    pub preset: String,
    /// Weights in [`TERMS`] order.
    pub weights: [String; 6],
    /// Buyer region (`EU`, `CN`, `US`).
    pub region: String,
    /// Trusted jurisdictions, comma-separated.
    pub trusted: String,
    /// API options excluded.
    pub on_premise_only: bool,
    /// Closed models excluded.
    pub open_weights_only: bool,
    /// Allowed chip origins, comma-separated (empty: any).
    pub chip_origins: String,
    /// Export statuses excluded, in [`ExportStatus::ALL`] order.
    pub exclude: [bool; 5],
    /// Cost ceiling, $ per million output tokens (empty: none).
    pub max_usd: String,
    /// TPOT ceiling, ms (empty: none).
    pub max_tpot: String,
}

/// A field of the risk form, for placing a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RiskField {
    /// One weight ([`TERMS`] index).
    Weight(usize),
    /// The weights together (all zero).
    Weights,
    /// Buyer region.
    Region,
    /// Export statuses.
    Exclude,
    /// Cost ceiling.
    MaxUsd,
    /// TPOT ceiling.
    MaxTpot,
    /// Anything else the core names.
    Other,
}

/// A problem with a field: text that cannot be read, or the core's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Expected (the message key), got (the text).
    Text(Key, String),
    /// The core's message (English, as every core message).
    Core(String),
    /// A message of the app.
    Note(Key),
}

impl Problem {
    /// In words.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Text(k, got) => format!("{}, {} `{got}`", t(lang, *k), t(lang, Key::Got)),
            Problem::Core(m) => m.clone(),
            Problem::Note(k) => t(lang, *k).to_owned(),
        }
    }
}

fn num(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

fn list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn show(v: f64) -> String {
    // `2` not `2.0`: weights and ceilings are typed as whole numbers most of the time.
    let s = v.to_string();
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

impl RiskForm {
    /// The form filled from a preset; `custom` (or an unknown name) is no constraint, weights 1,
    /// a buyer in the US.
    #[must_use]
    pub fn preset(name: &str) -> RiskForm {
        let Some(p) = Profile::preset(name) else {
            return RiskForm {
                preset: "custom".into(),
                weights: std::array::from_fn(|_| "1".to_owned()),
                region: "US".into(),
                trusted: "US".into(),
                on_premise_only: false,
                open_weights_only: false,
                chip_origins: String::new(),
                exclude: [false; 5],
                max_usd: String::new(),
                max_tpot: String::new(),
            };
        };
        RiskForm {
            preset: name.to_owned(),
            weights: p.weights.map(show),
            region: p.buyer_region,
            trusted: p.trusted.join(", "),
            on_premise_only: p.on_premise_only,
            open_weights_only: p.open_weights_only,
            chip_origins: p.chip_origins.map(|o| o.join(", ")).unwrap_or_default(),
            exclude: ExportStatus::ALL.map(|s| p.exclude_export.contains(&s)),
            max_usd: p.max_usd_per_mtok.map(show).unwrap_or_default(),
            max_tpot: p.max_tpot_ms.map(show).unwrap_or_default(),
        }
    }

    /// Reads the text (stage one), then checks it with the core (stage two).
    ///
    /// # Errors
    ///
    /// Every problem, on its field.
    pub fn read(&self) -> Result<(RawProfile, Profile), Vec<(RiskField, Problem)>> {
        let mut errors = Vec::new();
        let mut weights = [0.0; 6];
        for (i, text) in self.weights.iter().enumerate() {
            match num(text) {
                Some(v) => weights[i] = v,
                None => errors
                    .push((RiskField::Weight(i), Problem::Text(Key::ExpectWeight, text.clone()))),
            }
        }
        let ceiling = |text: &str, field, errors: &mut Vec<_>| {
            if text.trim().is_empty() {
                return None;
            }
            let v = num(text);
            if v.is_none() {
                errors.push((field, Problem::Text(Key::ExpectOptPositive, text.to_owned())));
            }
            v
        };
        let max_usd = ceiling(&self.max_usd, RiskField::MaxUsd, &mut errors);
        let max_tpot = ceiling(&self.max_tpot, RiskField::MaxTpot, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let (name, description) = match Profile::preset(&self.preset) {
            Some(p) if *self == RiskForm::preset(&self.preset) => (p.name, p.description),
            _ => ("Custom".to_owned(), String::new()),
        };
        let [cost, performance, openness, jurisdiction, export_control, supply] = weights;
        let origins = list(&self.chip_origins);
        let raw = RawProfile {
            name,
            description,
            buyer_region: self.region.trim().to_owned(),
            trusted_jurisdictions: list(&self.trusted),
            constraints: RawConstraints {
                on_premise_only: self.on_premise_only,
                open_weights_only: self.open_weights_only,
                chip_origins: (!origins.is_empty()).then_some(origins),
                model_origins: None,
                exclude_export_statuses: ExportStatus::ALL
                    .iter()
                    .zip(self.exclude)
                    .filter(|(_, on)| *on)
                    .map(|(s, _)| s.label().to_owned())
                    .collect(),
                max_usd_per_mtok: max_usd,
                max_tpot_ms: max_tpot,
            },
            weights: RawWeights {
                cost,
                performance,
                openness,
                jurisdiction,
                export_control,
                supply,
            },
        };
        match Profile::resolve("profile", &raw) {
            Ok(p) => Ok((raw, p)),
            Err(e) => Err(e
                .0
                .iter()
                .map(|e| (risk_field(&e.path), Problem::Core(e.kind.to_string())))
                .collect()),
        }
    }

    /// The URL pairs that differ from the preset's form (the preset itself unless `eu-bank`).
    #[must_use]
    pub fn to_url(&self) -> Vec<(String, String)> {
        let base = RiskForm::preset(&self.preset);
        let mut out = Vec::new();
        for (i, key) in URL_KEYS.iter().enumerate() {
            let (mine, theirs) = (self.url_value(i), base.url_value(i));
            if (i == 0 && mine != "eu-bank") || (i > 0 && mine != theirs) {
                out.push(((*key).to_owned(), mine));
            }
        }
        out
    }

    fn url_value(&self, i: usize) -> String {
        let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
        match i {
            0 => self.preset.clone(),
            1 => self.weights.join(","),
            2 => self.region.clone(),
            3 => self.trusted.clone(),
            4 => flag(self.on_premise_only),
            5 => flag(self.open_weights_only),
            6 => self.chip_origins.clone(),
            7 => ExportStatus::ALL
                .iter()
                .zip(self.exclude)
                .filter(|(_, on)| *on)
                .map(|(s, _)| s.label())
                .collect::<Vec<_>>()
                .join(","),
            8 => self.max_usd.clone(),
            _ => self.max_tpot.clone(),
        }
    }

    /// The form a link's pairs describe, and the pairs that cannot be used: `(key, got,
    /// expected)`. Text fields are kept as written (their field shows any problem).
    #[must_use]
    pub fn from_url(pairs: &[(String, String)]) -> (RiskForm, Vec<(String, String, Key)>) {
        let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        let mut errors = Vec::new();
        let mut bad = |k: &str, v: &str, e: Key| errors.push((k.to_owned(), v.to_owned(), e));
        let preset = match get("rp") {
            Some(p) if PRESETS.contains(&p) => p,
            Some(p) => {
                bad("rp", p, Key::ExpectPreset);
                "eu-bank"
            }
            None => "eu-bank",
        };
        let mut f = RiskForm::preset(preset);
        if let Some(v) = get("rw") {
            let parts: Vec<&str> = v.split(',').collect();
            match <[&str; 6]>::try_from(parts) {
                Ok(w) => f.weights = w.map(|s| s.trim().to_owned()),
                Err(_) => bad("rw", v, Key::ExpectSixWeights),
            }
        }
        for (k, slot) in [
            ("rreg", &mut f.region),
            ("rtrust", &mut f.trusted),
            ("rchip", &mut f.chip_origins),
            ("rmaxusd", &mut f.max_usd),
            ("rmaxtpot", &mut f.max_tpot),
        ] {
            if let Some(v) = get(k) {
                v.clone_into(slot);
            }
        }
        for (k, slot) in [("ronprem", &mut f.on_premise_only), ("ropen", &mut f.open_weights_only)]
        {
            match get(k) {
                Some("1") => *slot = true,
                Some("0") => *slot = false,
                Some(v) => bad(k, v, Key::ExpectFlag),
                None => {}
            }
        }
        if let Some(v) = get("rexcl") {
            let mut ex = [false; 5];
            for s in list(v) {
                match ExportStatus::ALL.iter().position(|x| x.label() == s) {
                    Some(i) => ex[i] = true,
                    None => bad("rexcl", v, Key::ExpectStatuses),
                }
            }
            f.exclude = ex;
        }
        errors.dedup();
        (f, errors)
    }
}

/// A change to the risk form: the field; the new text comes with it (`1`/`0` for a box).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RiskEdit {
    /// Start again from a preset (the text is its name).
    Preset,
    /// A weight ([`TERMS`] index).
    Weight(usize),
    /// Buyer region.
    Region,
    /// Trusted jurisdictions.
    Trusted,
    /// On premise only.
    OnPremise,
    /// Open weights only.
    OpenWeights,
    /// Chip origins.
    ChipOrigins,
    /// One export status ([`ExportStatus::ALL`] index).
    Exclude(usize),
    /// Cost ceiling.
    MaxUsd,
    /// TPOT ceiling.
    MaxTpot,
}

impl RiskForm {
    /// The form after `edit` with text `v`.
    #[must_use]
    pub fn edit(&self, edit: RiskEdit, v: String) -> RiskForm {
        let mut f = self.clone();
        let on = v == "1";
        match edit {
            RiskEdit::Preset => return RiskForm::preset(&v),
            RiskEdit::Weight(i) => f.weights[i.min(5)] = v,
            RiskEdit::Region => f.region = v,
            RiskEdit::Trusted => f.trusted = v,
            RiskEdit::OnPremise => f.on_premise_only = on,
            RiskEdit::OpenWeights => f.open_weights_only = on,
            RiskEdit::ChipOrigins => f.chip_origins = v,
            RiskEdit::Exclude(i) => f.exclude[i.min(4)] = on,
            RiskEdit::MaxUsd => f.max_usd = v,
            RiskEdit::MaxTpot => f.max_tpot = v,
        }
        f
    }
}

/// A change to the fleet form; the text comes with it (a chip id for [`FleetEdit::AddChip`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FleetEdit {
    /// A line's model.
    Model(usize),
    /// A line's requests per day.
    Requests(usize),
    /// A line's input tokens.
    Input(usize),
    /// A line's output tokens.
    Output(usize),
    /// A line's latency class (`batch` or `interactive`).
    Latency(usize),
    /// A line's peak factor.
    Peak(usize),
    /// Add a line (a copy of the last one).
    AddLine,
    /// Remove a line.
    RemoveLine(usize),
    /// Add a candidate chip.
    AddChip,
    /// Remove a candidate chip (index in `chips`).
    RemoveChip(usize),
    /// Availability of a candidate chip (index in `chips`).
    Available(usize),
    /// Assumed price of a candidate chip (index in `chips`).
    Price(usize),
    /// Whether the risk profile applies (`1`/`0`).
    UseProfile,
}

impl FleetForm {
    /// The form after `edit` with text `v`.
    #[must_use]
    pub fn edit(&self, edit: FleetEdit, v: String) -> FleetForm {
        let mut f = self.clone();
        match edit {
            FleetEdit::Available(i) if i < f.chips.len() => f.chips[i].available = v,
            FleetEdit::Price(i) if i < f.chips.len() => f.chips[i].price = v,
            FleetEdit::AddLine => {
                let last = f.lines.last().cloned().unwrap_or_default();
                f.lines.push(last);
            }
            FleetEdit::RemoveLine(i) if i < f.lines.len() && f.lines.len() > 1 => {
                f.lines.remove(i);
            }
            FleetEdit::AddChip if !v.is_empty() && !f.chips.iter().any(|c| c.id == v) => {
                f.chips.push(ChipForm::new(&v));
            }
            FleetEdit::RemoveChip(i) if i < f.chips.len() => {
                f.chips.remove(i);
            }
            FleetEdit::UseProfile => f.use_profile = v == "1",
            FleetEdit::Model(i)
            | FleetEdit::Requests(i)
            | FleetEdit::Input(i)
            | FleetEdit::Output(i)
            | FleetEdit::Latency(i)
            | FleetEdit::Peak(i) => {
                if let Some(l) = f.lines.get_mut(i) {
                    match edit {
                        FleetEdit::Model(_) => l.model = v,
                        FleetEdit::Requests(_) => l.requests = v,
                        FleetEdit::Input(_) => l.input = v,
                        FleetEdit::Output(_) => l.output = v,
                        FleetEdit::Latency(_) => l.batch = v == "batch",
                        _ => l.peak = v,
                    }
                }
            }
            _ => {}
        }
        f
    }
}

/// The origin of the chip an option runs on (a system's accelerator's); `None` for an API or an
/// unknown record.
#[must_use]
pub fn chip_origin(catalog: &rackscope::Catalog, hardware: &str) -> Option<String> {
    let chip = match catalog.chip(hardware) {
        Some(c) => c,
        None => catalog.chip(catalog.system(hardware)?.accelerator.as_deref()?)?,
    };
    Some(chip.origin.clone())
}

fn risk_field(path: &str) -> RiskField {
    match path {
        "weights" => RiskField::Weights,
        "buyer_region" => RiskField::Region,
        "constraints.max_usd_per_mtok" => RiskField::MaxUsd,
        "constraints.max_tpot_ms" => RiskField::MaxTpot,
        p if p.starts_with("constraints.exclude_export_statuses") => RiskField::Exclude,
        p => p
            .strip_prefix("weights.")
            .and_then(|n| TERMS.iter().position(|t| *t == n))
            .map_or(RiskField::Other, RiskField::Weight),
    }
}

pub use rackscope::risk::grouped;

/// One demand line as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineForm {
    /// Model id.
    pub model: String,
    /// Requests per day.
    pub requests: String,
    /// Prompt tokens per request.
    pub input: String,
    /// Output tokens per request.
    pub output: String,
    /// Whether the line is batch (no latency targets) rather than interactive.
    pub batch: bool,
    /// Peak over average.
    pub peak: String,
}

impl Default for LineForm {
    fn default() -> Self {
        LineForm {
            model: "llama-3.1-70b".into(),
            requests: "100000".into(),
            input: "1000".into(),
            output: "300".into(),
            batch: false,
            peak: "2".into(),
        }
    }
}

/// A candidate chip with its limits as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChipForm {
    /// Chip id.
    pub id: String,
    /// Most chips of this type (empty: no limit).
    pub available: String,
    /// Assumed USD price per accelerator (empty: the catalog's).
    pub price: String,
}

/// The fleet planner's form. The cost inputs and the weight precision are the Calculator's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FleetForm {
    /// Demand lines.
    pub lines: Vec<LineForm>,
    /// Candidate chips (none: every chip in the catalog).
    pub chips: Vec<ChipForm>,
    /// Whether the risk form's profile applies.
    pub use_profile: bool,
}

impl ChipForm {
    fn new(id: &str) -> ChipForm {
        ChipForm { id: id.to_owned(), available: String::new(), price: String::new() }
    }
}

impl Default for FleetForm {
    fn default() -> Self {
        FleetForm {
            lines: vec![LineForm::default()],
            chips: ["nvidia-h200-sxm", "amd-mi300x", "intel-gaudi3", "nvidia-l40s"]
                .map(ChipForm::new)
                .to_vec(),
            use_profile: false,
        }
    }
}

/// Problems by the core's field path (`demand[0].requests_per_day`, `available.amd-mi300x`).
pub type PathErrors = Vec<(String, Problem)>;

impl FleetForm {
    /// Reads the text into a demand (stage one; the core checks the rest). `base` gives the cost
    /// inputs and the weight precision; `profile` is applied when the form asks for it.
    ///
    /// Returns the demand and the problems with the text, by path. When there are problems the
    /// demand has a valid placeholder in each field that cannot be read, so the core can still
    /// name the other fields' problems; it is `None` only when the Calculator has no cost inputs.
    #[must_use]
    pub fn read(
        &self,
        base: &RawScenario,
        profile: Option<&RawProfile>,
    ) -> (Option<RawDemand>, PathErrors) {
        let mut errors = Vec::new();
        let mut bad = |path: String, k: Key, text: &str| {
            errors.push((path, Problem::Text(k, text.to_owned())));
        };
        let mut demand = Vec::new();
        for (i, l) in self.lines.iter().enumerate() {
            let path = |f: &str| format!("demand[{i}].{f}");
            let requests = num(&l.requests).unwrap_or_else(|| {
                bad(path("requests_per_day"), Key::ExpectPositive, &l.requests);
                1.0
            });
            let peak = num(&l.peak).unwrap_or_else(|| {
                bad(path("peak_factor"), Key::ExpectPeak, &l.peak);
                1.0
            });
            let mut tokens = [1u32; 2];
            for (k, (f, text)) in
                [("input_tokens", &l.input), ("output_tokens", &l.output)].into_iter().enumerate()
            {
                match text.trim().parse::<u32>() {
                    Ok(v) => tokens[k] = v,
                    Err(_) => bad(path(f), Key::ExpectCount, text),
                }
            }
            demand.push(RawDemandLine {
                model: l.model.clone(),
                requests_per_day: requests,
                input_tokens: tokens[0],
                output_tokens: tokens[1],
                latency: if l.batch { "batch" } else { "interactive" }.into(),
                tpot_ms: None,
                ttft_ms: None,
                peak_factor: peak,
            });
        }
        let mut available = BTreeMap::new();
        let mut prices = BTreeMap::new();
        for c in &self.chips {
            if !c.available.trim().is_empty() {
                match c.available.trim().parse::<u32>() {
                    Ok(n) => {
                        available.insert(c.id.clone(), n);
                    }
                    Err(_) => bad(format!("available.{}", c.id), Key::ExpectWhole, &c.available),
                }
            }
            if !c.price.trim().is_empty() {
                match num(&c.price) {
                    Some(v) => {
                        prices.insert(c.id.clone(), v);
                    }
                    None => bad(format!("prices_usd.{}", c.id), Key::ExpectOptPositive, &c.price),
                }
            }
        }
        let Some(cost) = base.cost.clone() else {
            errors.push(("cost".into(), Problem::Note(Key::FleetNeedsCost)));
            return (None, errors);
        };
        let demand = RawDemand {
            profile: profile
                .filter(|_| self.use_profile)
                .map(|p| RawProfileRef::Inline(Box::new(p.clone()))),
            hardware: self.chips.iter().map(|c| c.id.clone()).collect(),
            available,
            prices_usd: prices,
            precision: base.precision.weights.clone(),
            cost,
            demand,
        };
        (Some(demand), errors)
    }

    /// The fleet for this form, or every problem by path: the text's, then the core's on the
    /// other fields.
    ///
    /// # Errors
    ///
    /// Any problem; no plan is made while a field cannot be read.
    pub fn plan(
        &self,
        catalog: &rackscope::Catalog,
        controls: &rackscope::risk::ExportControls,
        base: &RawScenario,
        profile: Option<&RawProfile>,
    ) -> Result<rackscope::fleet::FleetPlan, PathErrors> {
        let (demand, mut errors) = self.read(base, profile);
        let Some(demand) = demand else { return Err(errors) };
        match rackscope::fleet::plan(catalog, controls, &demand, "fleet") {
            Ok(p) if errors.is_empty() => Ok(p),
            Ok(_) => Err(errors),
            Err(e) => {
                for e in e.0 {
                    if !errors.iter().any(|(p, _)| *p == e.path) {
                        errors.push((e.path.clone(), Problem::Core(e.kind.to_string())));
                    }
                }
                Err(errors)
            }
        }
    }
}

/// The form field a core path names (its element id) and its label, for the list of problems.
#[must_use]
pub fn field_of(path: &str) -> Option<(String, Key)> {
    if let Some(rest) = path.strip_prefix("demand[") {
        let (i, f) = rest.split_once("].")?;
        let (suffix, key) = match f {
            "model" => ("model", Key::Model),
            "requests_per_day" => ("requests", Key::RequestsPerDay),
            "input_tokens" => ("in", Key::InputTokens),
            "output_tokens" => ("out", Key::OutputTokens),
            "latency" => ("latency", Key::Latency),
            "peak_factor" => ("peak", Key::PeakFactor),
            _ => return None,
        };
        return Some((format!("d{i}-{suffix}"), key));
    }
    if let Some(id) = path.strip_prefix("available.") {
        return Some((format!("d-avail-{id}"), Key::AvailableChips));
    }
    if let Some(id) = path.strip_prefix("prices_usd.") {
        return Some((format!("d-price-{id}"), Key::AssumedPrice));
    }
    path.starts_with("profile").then(|| ("d-profile".to_owned(), Key::ApplyProfile))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rackscope::Catalog;
    use rackscope::risk::ExportControls;

    fn base() -> RawScenario {
        let (raw, errors) = crate::params::parse(&crate::params::Params::defaults());
        assert!(errors.is_empty());
        raw.expect("the default scenario")
    }

    #[test]
    fn presets_read_back_to_themselves() {
        for name in ["eu-bank", "cn-state", "startup"] {
            let (_, mut p) = RiskForm::preset(name).read().expect(name);
            let mut want = Profile::preset(name).expect(name);
            p.exclude_export.sort();
            want.exclude_export.sort();
            assert_eq!(p, want, "{name}");
        }
        let (raw, p) = RiskForm::preset("custom").read().expect("custom");
        assert_eq!(raw.name, "Custom");
        assert!(p.weights.iter().all(|w| (w - 1.0).abs() < 1e-12), "{:?}", p.weights);
        assert!(p.chip_origins.is_none() && !p.on_premise_only);
    }

    #[test]
    fn risk_errors_land_on_their_field() {
        let mut f = RiskForm::preset("eu-bank");
        f.weights[1] = "lots".into();
        f.max_usd = "cheap".into();
        let e = f.read().expect_err("bad text");
        assert_eq!(
            e,
            vec![
                (RiskField::Weight(1), Problem::Text(Key::ExpectWeight, "lots".into())),
                (RiskField::MaxUsd, Problem::Text(Key::ExpectOptPositive, "cheap".into())),
            ]
        );
        let mut f = RiskForm::preset("eu-bank");
        f.weights[4] = "-1".into();
        f.max_tpot = "0".into();
        f.region = " ".into();
        let e = f.read().expect_err("core checks");
        let fields: Vec<RiskField> = e.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec![RiskField::Region, RiskField::Weight(4), RiskField::MaxTpot]);
        assert!(matches!(&e[1].1, Problem::Core(m) if m.contains(">= 0")), "{e:?}");
        let mut f = RiskForm::preset("custom");
        f.weights = std::array::from_fn(|_| "0".to_owned());
        assert_eq!(f.read().expect_err("all zero")[0].0, RiskField::Weights);
    }

    #[test]
    fn the_url_carries_what_differs_from_the_preset() {
        assert!(RiskForm::preset("eu-bank").to_url().is_empty());
        let mut f = RiskForm::preset("cn-state");
        f.weights[0] = "3".into();
        f.exclude[3] = false;
        f.max_tpot = "40".into();
        let pairs = f.to_url();
        assert_eq!(
            pairs,
            [
                ("rp", "cn-state"),
                ("rw", "3,1,1,2,2,2"),
                ("rexcl", "licence-required,unknown"),
                ("rmaxtpot", "40")
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        assert_eq!(RiskForm::from_url(&pairs), (f, vec![]));
        let bad: Vec<(String, String)> = [
            ("rp", "bank"),
            ("rw", "1,2"),
            ("ronprem", "yes"),
            ("rexcl", "banned"),
            ("rmaxusd", "x"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .to_vec();
        let (f, e) = RiskForm::from_url(&bad);
        let keys: Vec<&str> = e.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(keys, ["rp", "rw", "ronprem", "rexcl"]);
        assert_eq!(f.max_usd, "x", "kept as typed; the field shows the problem");
        assert_eq!(f.preset, "eu-bank");
    }

    #[test]
    fn the_fleet_form_reads_into_a_demand_and_errors_name_the_field() {
        let catalog = Catalog::embedded().expect("catalog");
        let controls = ExportControls::embedded(&catalog).expect("controls");
        let paths = |e: &PathErrors| e.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        let form = FleetForm::default();
        let (d, e) = form.read(&base(), None);
        let d = d.expect("a demand");
        assert!(e.is_empty(), "{e:?}");
        assert!((d.demand[0].requests_per_day - 100_000.0).abs() < 1e-9);
        assert_eq!(d.precision.as_deref(), Some("fp8"));
        let plan = form.plan(&catalog, &controls, &base(), None).expect("plans");
        assert!(plan.fleet.is_ok(), "{:?}", plan.fleet);

        // Text that cannot be read, and (at the same time) a number the core rejects.
        let mut form = FleetForm::default();
        form.lines[0].requests = "many".into();
        form.lines.push(LineForm {
            output: "0.5".into(),
            peak: "200".into(),
            ..LineForm::default()
        });
        form = form.edit(FleetEdit::Available(1), "-2".into());
        let e = form.plan(&catalog, &controls, &base(), None).expect_err("problems");
        assert_eq!(
            paths(&e),
            [
                "demand[0].requests_per_day",
                "demand[1].output_tokens",
                "available.amd-mi300x",
                "demand[1].peak_factor"
            ]
        );
        assert_eq!(e[0].1.message(Lang::En), "expected a positive number, got `many`");
        assert!(matches!(&e[3].1, Problem::Core(m) if m.contains("1 to 100")), "{e:?}");

        // The core's problems, by path; an inline profile's are under `profile.`.
        let mut form = FleetForm::default();
        form.lines[0].requests = "0".into();
        form.lines[0].model = "lama-3.1-70b".into();
        form = form.edit(FleetEdit::UseProfile, "1".into());
        let profile = RawProfile { name: "x".into(), ..RawProfile::default() };
        let e = form.plan(&catalog, &controls, &base(), Some(&profile)).expect_err("problems");
        assert_eq!(
            paths(&e),
            ["profile.buyer_region", "demand[0].model", "demand[0].requests_per_day"],
            "{e:?}"
        );
        assert_eq!(
            field_of("demand[0].requests_per_day"),
            Some(("d0-requests".into(), Key::RequestsPerDay))
        );
        assert_eq!(
            field_of("available.amd-mi300x"),
            Some(("d-avail-amd-mi300x".into(), Key::AvailableChips))
        );
        assert_eq!(field_of("profile.buyer_region").map(|f| f.0), Some("d-profile".into()));
        assert_eq!(field_of("cost"), None);

        let mut no_cost = base();
        no_cost.cost = None;
        let e =
            FleetForm::default().plan(&catalog, &controls, &no_cost, None).expect_err("no cost");
        assert_eq!(e, vec![("cost".to_owned(), Problem::Note(Key::FleetNeedsCost))]);
    }

    #[test]
    fn fleet_edits() {
        let f = FleetForm::default().edit(FleetEdit::AddLine, String::new());
        assert_eq!(f.lines.len(), 2);
        let f = f
            .edit(FleetEdit::Latency(1), "batch".into())
            .edit(FleetEdit::RemoveLine(0), String::new());
        assert_eq!(f.lines.len(), 1);
        assert!(f.lines[0].batch);
        assert_eq!(
            f.edit(FleetEdit::RemoveLine(0), String::new()).lines.len(),
            1,
            "one line stays"
        );
        let f = f
            .edit(FleetEdit::AddChip, "huawei-ascend-910c".into())
            .edit(FleetEdit::AddChip, "amd-mi300x".into());
        assert_eq!(f.chips.len(), 5, "a chip is listed once");
        let f = f
            .edit(FleetEdit::Price(4), "25000".into())
            .edit(FleetEdit::RemoveChip(0), String::new());
        assert_eq!(
            f.chips[3],
            ChipForm {
                id: "huawei-ascend-910c".into(),
                available: String::new(),
                price: "25000".into()
            }
        );
    }

    #[test]
    fn reasons_are_grouped_most_first() {
        let g = grouped(&mut ["b", "a", "b", "c", "a", "b", "d"].into_iter());
        assert_eq!(g, vec![("b".into(), 3), ("a".into(), 2), ("c".into(), 1), ("d".into(), 1)]);
    }
}

//! The calculator's parameters, defined once: URL key, scenario path, kind, default.
//!
//! Form fields and URL parameters are both text. [`Params`] holds that text; [`parse`] turns it
//! into a [`RawScenario`] (the core's raw input) or names every field it cannot read. Range
//! checks beyond "is it a positive number" are the core's: its errors carry the scenario path,
//! which [`Param::for_core_path`] maps back to the field.

use rackscope::scenario::{
    RawApiChoice, RawChipRef, RawConcurrency, RawCost, RawHardware, RawLatencyTargets, RawModelRef,
    RawPrecision, RawWorkload,
};
use rackscope::{Precision, RawScenario};

use crate::i18n::Key;

/// What text a parameter accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A catalog id; may be empty only where another parameter supplies the record.
    Id,
    /// Free text, may be empty.
    Text,
    /// A whole number ≥ 0.
    Whole,
    /// A whole number ≥ 1.
    Count,
    /// A whole number ≥ 1, or empty (the planner decides).
    OptCount,
    /// A whole number ≥ 1, or `max`.
    Concurrency,
    /// A precision label, or empty (the core's default).
    Precision,
    /// A number > 0.
    Positive,
    /// A number > 0, or empty (not given).
    OptPositive,
    /// `field=value unit` entries separated by `;`, or empty: values for facts the catalog lacks.
    Assumptions,
}

/// Why a parameter's text cannot be read: what it expected. Rendered through [`crate::i18n`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A catalog id (not empty).
    Id,
    /// A whole number ≥ 0.
    Whole,
    /// A whole number ≥ 1.
    Count,
    /// A whole number ≥ 1, or empty.
    OptCount,
    /// A whole number ≥ 1 or `max`.
    Concurrency,
    /// A precision label.
    Precision,
    /// A positive number.
    Positive,
    /// A positive number, or empty.
    OptPositive,
    /// Exactly one of `chip` and `system`.
    OneHardware,
    /// `field=value unit` entries separated by `;`.
    Assumptions,
}

impl Expect {
    /// The message key that says what was expected.
    #[must_use]
    pub fn key(self) -> Key {
        match self {
            Expect::Id => Key::ExpectId,
            Expect::Assumptions => Key::ExpectAssumptions,
            Expect::Whole => Key::ExpectWhole,
            Expect::Count => Key::ExpectCount,
            Expect::OptCount => Key::ExpectOptCount,
            Expect::Concurrency => Key::ExpectConcurrency,
            Expect::Precision => Key::ExpectPrecision,
            Expect::Positive => Key::ExpectPositive,
            Expect::OptPositive => Key::ExpectOptPositive,
            Expect::OneHardware => Key::ExpectOneHardware,
        }
    }
}

/// One parameter whose text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamError {
    /// Which parameter.
    pub param: Param,
    /// The text as given.
    pub got: String,
    /// What it should have been.
    pub expected: Expect,
}

macro_rules! params {
    ($($name:ident => $key:literal, $path:literal, $kind:ident, $default:literal, $label:ident;)+) => {
        /// A calculator parameter.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)] // Each is documented by its URL key in docs/url-format.md.
        pub enum Param { $($name),+ }

        impl Param {
            /// Every parameter, in form order.
            pub const ALL: &[Param] = &[$(Param::$name),+];

            /// The URL query key.
            #[must_use]
            pub fn key(self) -> &'static str {
                match self { $(Param::$name => $key),+ }
            }

            /// The scenario field it fills (`latency_targets.tpot_ms`).
            #[must_use]
            pub fn core_path(self) -> &'static str {
                match self { $(Param::$name => $path),+ }
            }

            /// What text it accepts.
            #[must_use]
            pub fn kind(self) -> Kind {
                match self { $(Param::$name => Kind::$kind),+ }
            }

            /// The text it has when the URL does not give it (URL format version 1).
            #[must_use]
            pub fn default_text(self) -> &'static str {
                match self { $(Param::$name => $default),+ }
            }

            /// Its label.
            #[must_use]
            pub fn label(self) -> Key {
                match self { $(Param::$name => Key::$label),+ }
            }
        }
    };
}

// The defaults are examples/h200-llama70b.json, so the first screen matches the CLI's example.
params! {
    Chip => "chip", "hardware.chip", Id, "nvidia-h200-sxm", Hardware;
    System => "system", "hardware.system", Id, "", Hardware;
    Count => "count", "hardware.count", OptCount, "8", Count;
    Model => "model", "model", Id, "llama-3.1-70b", Model;
    Weights => "weights", "precision.weights", Precision, "fp8", Weights;
    KvCache => "kv", "precision.kv_cache", Precision, "", KvCache;
    Compute => "compute", "precision.compute", Precision, "", Compute;
    InputTokens => "in", "workload.input_tokens", Whole, "1000", InputTokens;
    OutputTokens => "out", "workload.output_tokens", Count, "1000", OutputTokens;
    Concurrency => "conc", "workload.concurrency", Concurrency, "64", Concurrency;
    TtftMs => "ttft_ms", "latency_targets.ttft_ms", OptPositive, "2000", TtftTarget;
    TpotMs => "tpot_ms", "latency_targets.tpot_ms", OptPositive, "50", TpotTarget;
    AcceleratorUsd => "acc_usd", "cost.accelerator_usd", OptPositive, "", AcceleratorPrice;
    SystemUsd => "sys_usd", "cost.system_usd", OptPositive, "", SystemPrice;
    ServerUsd => "server_usd", "cost.server_usd_per_accelerator", OptPositive, "5000", ServerPrice;
    NetworkUsd => "net_usd", "cost.network_usd_per_accelerator", OptPositive, "3000", NetworkPrice;
    Years => "years", "cost.amortisation_years", Positive, "3", Years;
    Electricity => "kwh_usd", "cost.electricity_usd_per_kwh", Positive, "0.10", Electricity;
    Pue => "pue", "cost.pue", Positive, "1.3", Pue;
    Utilisation => "util", "cost.utilisation", Positive, "0.6", Utilisation;
    CnyPerUsd => "cny_per_usd", "cost.cny_per_usd", OptPositive, "", CnyPerUsd;
    ApiModel => "api_model", "cost.api.model", Text, "glm-5", ApiModel;
    ApiProvider => "api_provider", "cost.api.provider", Text, "Z.ai", ApiProvider;
    ApiInput => "api_in_usd", "cost.api.input_usd_per_mtok", OptPositive, "", ApiInputPrice;
    ApiOutput => "api_out_usd", "cost.api.output_usd_per_mtok", OptPositive, "", ApiOutputPrice;
    Assumptions => "assume", "assumptions", Assumptions, "", Assumptions;
}

impl Param {
    /// Looks a parameter up by its URL key.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Param> {
        Param::ALL.iter().copied().find(|p| p.key() == key)
    }

    /// The parameter a core error at `path` belongs to (the longest matching scenario path).
    #[must_use]
    pub fn for_core_path(path: &str) -> Option<Param> {
        if path == "workload" {
            return Some(Param::InputTokens);
        }
        if path == "cost.api" {
            return Some(Param::ApiModel);
        }
        // `derive` entries are typed in the assumptions field (`chip.memory_bandwidth=derive`).
        if path == "derive" || path.starts_with("derive[") {
            return Some(Param::Assumptions);
        }
        Param::ALL
            .iter()
            .copied()
            .filter(|p| {
                let cp = p.core_path();
                path == cp
                    || path.strip_prefix(cp).is_some_and(|rest| {
                        rest.starts_with('.') || rest.starts_with('[') || rest.starts_with(' ')
                    })
            })
            .max_by_key(|p| p.core_path().len())
    }
}

/// The text of every parameter, as typed in the form or given in the URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    values: Vec<String>,
}

impl Params {
    /// Every parameter at its default.
    #[must_use]
    pub fn defaults() -> Params {
        Params { values: Param::ALL.iter().map(|p| p.default_text().to_owned()).collect() }
    }

    /// A parameter's text.
    #[must_use]
    pub fn get(&self, p: Param) -> &str {
        self.values.get(p as usize).map_or("", String::as_str)
    }

    /// Sets a parameter's text.
    pub fn set(&mut self, p: Param, text: impl Into<String>) {
        if let Some(v) = self.values.get_mut(p as usize) {
            *v = text.into();
        }
    }

    /// Chooses a chip (clearing the system) or a system (clearing the chip).
    pub fn set_hardware(&mut self, choice: &Hardware) {
        match choice {
            Hardware::Chip(id) => {
                self.set(Param::Chip, id.clone());
                self.set(Param::System, "");
            }
            Hardware::System(id) => {
                self.set(Param::System, id.clone());
                self.set(Param::Chip, "");
            }
        }
    }

    /// The hardware choice, when exactly one of chip and system is given.
    #[must_use]
    pub fn hardware(&self) -> Option<Hardware> {
        match (self.get(Param::Chip).trim(), self.get(Param::System).trim()) {
            (c, "") if !c.is_empty() => Some(Hardware::Chip(c.to_owned())),
            ("", s) if !s.is_empty() => Some(Hardware::System(s.to_owned())),
            _ => None,
        }
    }
}

/// The hardware a scenario runs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hardware {
    /// A catalog chip id.
    Chip(String),
    /// A catalog system id.
    System(String),
}

impl Hardware {
    /// The `<select>` value: `chip:ID` or `system:ID`.
    #[must_use]
    pub fn option_value(&self) -> String {
        match self {
            Hardware::Chip(id) => format!("chip:{id}"),
            Hardware::System(id) => format!("system:{id}"),
        }
    }

    /// Parses a `<select>` value.
    #[must_use]
    pub fn from_option_value(v: &str) -> Option<Hardware> {
        if let Some(id) = v.strip_prefix("chip:") {
            Some(Hardware::Chip(id.to_owned()))
        } else {
            v.strip_prefix("system:").map(|id| Hardware::System(id.to_owned()))
        }
    }
}

/// Reads every parameter. Returns the scenario when all of them could be read, and every
/// parameter that could not.
#[must_use]
pub fn parse(params: &Params) -> (Option<RawScenario>, Vec<ParamError>) {
    let mut r = Reader { params, errors: Vec::new() };
    let hardware = match params.hardware() {
        Some(h) => Some(h),
        None => {
            let p =
                if params.get(Param::Chip).trim().is_empty() { Param::Chip } else { Param::System };
            r.errors.push(ParamError {
                param: p,
                got: params.get(p).to_owned(),
                expected: Expect::OneHardware,
            });
            None
        }
    };
    let count = r.opt_count(Param::Count);
    let model = r.id(Param::Model);
    let weights = r.precision(Param::Weights);
    let kv_cache = r.precision(Param::KvCache);
    let compute = r.precision(Param::Compute);
    let input_tokens = r.whole(Param::InputTokens);
    let output_tokens = r.count(Param::OutputTokens);
    let concurrency = r.concurrency(Param::Concurrency);
    let ttft_ms = r.opt_positive(Param::TtftMs);
    let tpot_ms = r.opt_positive(Param::TpotMs);
    let accelerator_usd = r.opt_positive(Param::AcceleratorUsd);
    let system_usd = r.opt_positive(Param::SystemUsd);
    let server_usd = r.opt_positive(Param::ServerUsd);
    let network_usd = r.opt_positive(Param::NetworkUsd);
    let years = r.positive(Param::Years);
    let electricity = r.positive(Param::Electricity);
    let pue = r.positive(Param::Pue);
    let utilisation = r.positive(Param::Utilisation);
    let cny_per_usd = r.opt_positive(Param::CnyPerUsd);
    let api_model = r.text(Param::ApiModel);
    let api_provider = r.text(Param::ApiProvider);
    let api_in = r.opt_positive(Param::ApiInput);
    let api_out = r.opt_positive(Param::ApiOutput);
    let assumed = r.assumptions(Param::Assumptions).unwrap_or_default();
    let errors = r.errors;
    if !errors.is_empty() {
        return (None, errors);
    }
    // Every reader succeeded, so every Option below is Some (or a legitimately absent value).
    let (
        Some(hardware),
        Some(count),
        Some(model),
        Some(input_tokens),
        Some(output_tokens),
        Some(concurrency),
        Some(amortisation_years),
        Some(electricity_usd_per_kwh),
        Some(pue),
        Some(utilisation),
    ) = (
        hardware,
        count,
        model,
        input_tokens,
        output_tokens,
        concurrency,
        years,
        electricity,
        pue,
        utilisation,
    )
    else {
        return (None, errors);
    };
    let (chip, system) = match hardware {
        Hardware::Chip(id) => (Some(RawChipRef::Id(id)), None),
        Hardware::System(id) => (None, Some(id)),
    };
    let api = if !api_model.is_empty() {
        Some(RawApiChoice {
            model: Some(api_model),
            provider: (!api_provider.is_empty()).then_some(api_provider),
            input_usd_per_mtok: None,
            output_usd_per_mtok: None,
        })
    } else if api_in.flatten().is_some() || api_out.flatten().is_some() {
        Some(RawApiChoice {
            model: None,
            provider: None,
            input_usd_per_mtok: api_in.flatten(),
            output_usd_per_mtok: api_out.flatten(),
        })
    } else {
        None
    };
    let scenario = RawScenario {
        hardware: RawHardware { chip, system, count },
        model: RawModelRef::Id(model),
        precision: RawPrecision {
            weights: weights.flatten(),
            kv_cache: kv_cache.flatten(),
            compute: compute.flatten(),
        },
        parallelism: None,
        workload: RawWorkload { input_tokens, output_tokens, concurrency },
        latency_targets: Some(RawLatencyTargets {
            ttft_ms: ttft_ms.flatten(),
            tpot_ms: tpot_ms.flatten(),
        }),
        runtime: None,
        cost: Some(RawCost {
            accelerator_usd: accelerator_usd.flatten(),
            system_usd: system_usd.flatten(),
            server_usd_per_accelerator: server_usd.flatten(),
            network_usd_per_accelerator: network_usd.flatten(),
            amortisation_years,
            electricity_usd_per_kwh,
            pue,
            utilisation,
            cny_per_usd: cny_per_usd.flatten(),
            api,
        }),
        assumptions: assumed.0,
        derive: assumed.1,
    };
    (Some(scenario), errors)
}

/// Reads one parameter's text against its kind, for the URL decoder's check.
#[must_use]
pub fn check(params: &Params, p: Param) -> Option<ParamError> {
    let mut r = Reader { params, errors: Vec::new() };
    match p.kind() {
        Kind::Id if p == Param::Chip || p == Param::System => {}
        Kind::Id => {
            r.id(p);
        }
        Kind::Text => {}
        Kind::Whole => {
            r.whole(p);
        }
        Kind::Count => {
            r.count(p);
        }
        Kind::OptCount => {
            r.opt_count(p);
        }
        Kind::Concurrency => {
            r.concurrency(p);
        }
        Kind::Precision => {
            r.precision(p);
        }
        Kind::Positive => {
            r.positive(p);
        }
        Kind::OptPositive => {
            r.opt_positive(p);
        }
        Kind::Assumptions => {
            r.assumptions(p);
        }
    }
    r.errors.pop()
}

/// Assumed values by key, and the keys to derive by a rule.
type Assumed =
    (std::collections::BTreeMap<String, rackscope::scenario::RawAssumption>, Vec<String>);

struct Reader<'a> {
    params: &'a Params,
    errors: Vec<ParamError>,
}

impl Reader<'_> {
    fn fail<T>(&mut self, p: Param, expected: Expect) -> Option<T> {
        self.errors.push(ParamError { param: p, got: self.params.get(p).to_owned(), expected });
        None
    }

    /// `chip.memory_bandwidth=4000 GB/s; chip.fp8_dense=600 TFLOPS` → the scenario's
    /// `assumptions` (the core checks the field names and units and labels them in the report);
    /// `chip.memory_bandwidth=derive` → its `derive` list (a documented rule, labelled too).
    fn assumptions(&mut self, p: Param) -> Option<Assumed> {
        let mut out = std::collections::BTreeMap::new();
        let mut derive = Vec::new();
        for entry in self.params.get(p).split(';').map(str::trim).filter(|e| !e.is_empty()) {
            if let Some((key, "derive")) = entry.split_once('=').map(|(k, v)| (k.trim(), v.trim()))
                && !key.is_empty()
            {
                derive.push(key.to_owned());
                continue;
            }
            let parsed = entry.split_once('=').and_then(|(key, rest)| {
                let (value, unit) = rest.trim().split_once(char::is_whitespace)?;
                let value = value.parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0)?;
                let (key, unit) = (key.trim(), unit.trim());
                (!key.is_empty() && !unit.is_empty()).then(|| {
                    let note = Some("entered in the calculator".to_owned());
                    (
                        key.to_owned(),
                        rackscope::scenario::RawAssumption { value, unit: unit.to_owned(), note },
                    )
                })
            });
            match parsed {
                Some((key, a)) => {
                    out.insert(key, a);
                }
                None => return self.fail(p, Expect::Assumptions),
            }
        }
        Some((out, derive))
    }

    fn text(&mut self, p: Param) -> String {
        self.params.get(p).trim().to_owned()
    }

    fn id(&mut self, p: Param) -> Option<String> {
        let s = self.params.get(p).trim();
        if s.is_empty() { self.fail(p, Expect::Id) } else { Some(s.to_owned()) }
    }

    fn whole(&mut self, p: Param) -> Option<u32> {
        match self.params.get(p).trim().parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => self.fail(p, Expect::Whole),
        }
    }

    fn count(&mut self, p: Param) -> Option<u32> {
        match self.params.get(p).trim().parse::<u32>() {
            Ok(n) if n >= 1 => Some(n),
            _ => self.fail(p, Expect::Count),
        }
    }

    fn opt_count(&mut self, p: Param) -> Option<Option<u32>> {
        let s = self.params.get(p).trim();
        if s.is_empty() {
            return Some(None);
        }
        match s.parse::<u32>() {
            Ok(n) if n >= 1 => Some(Some(n)),
            _ => self.fail(p, Expect::OptCount),
        }
    }

    fn concurrency(&mut self, p: Param) -> Option<RawConcurrency> {
        let s = self.params.get(p).trim();
        if s.eq_ignore_ascii_case("max") {
            return Some(RawConcurrency::Max("max".into()));
        }
        match s.parse::<u32>() {
            Ok(n) if n >= 1 => Some(RawConcurrency::Fixed(n)),
            _ => self.fail(p, Expect::Concurrency),
        }
    }

    fn precision(&mut self, p: Param) -> Option<Option<String>> {
        let s = self.params.get(p).trim();
        if s.is_empty() {
            return Some(None);
        }
        match Precision::from_label(&s.to_ascii_lowercase()) {
            Some(pr) => Some(Some(pr.label().to_owned())),
            None => self.fail(p, Expect::Precision),
        }
    }

    fn number(s: &str) -> Option<f64> {
        let v = s.trim().parse::<f64>().ok()?;
        (v.is_finite() && v > 0.0).then_some(v)
    }

    fn positive(&mut self, p: Param) -> Option<f64> {
        match Self::number(self.params.get(p)) {
            Some(v) => Some(v),
            None => self.fail(p, Expect::Positive),
        }
    }

    fn opt_positive(&mut self, p: Param) -> Option<Option<f64>> {
        let s = self.params.get(p).trim();
        if s.is_empty() {
            return Some(None);
        }
        match Self::number(s) {
            Some(v) => Some(Some(v)),
            None => self.fail(p, Expect::OptPositive),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assumptions_fill_unpublished_facts() {
        let catalog = rackscope::Catalog::embedded().expect("embedded catalog");
        let mut p = Params::defaults();
        p.set(Param::Chip, "alibaba-zhenwu-m890");
        p.set(Param::Count, "16");
        p.set(Param::Weights, "bf16");
        let (raw, errors) = parse(&p);
        assert_eq!(errors, vec![]);
        let missing = rackscope::predict(&raw.expect("parses"), &catalog, "url").map(|_| ());
        assert!(missing.is_err(), "the M890's bandwidth is unpublished");

        p.set(Param::Assumptions, " chip.memory_bandwidth=4000 GB/s; chip.bf16_dense=300 TFLOPS ;");
        let (raw, errors) = parse(&p);
        assert_eq!(errors, vec![]);
        let raw = raw.expect("parses");
        assert_eq!(raw.assumptions.len(), 2);
        let report = rackscope::predict(&raw, &catalog, "url").expect("predicts").report(&catalog);
        assert!(
            report
                .sources
                .iter()
                .any(|s| s.field == "chip.memory_bandwidth" && s.confidence == "assumption")
        );

        // A documented rule instead of a typed value: labelled an estimate, with its note.
        p.set(Param::Assumptions, "chip.memory_bandwidth=derive; chip.bf16_dense=300 TFLOPS");
        let raw = parse(&p).0.expect("parses");
        assert_eq!(raw.derive, vec!["chip.memory_bandwidth".to_owned()]);
        let report = rackscope::predict(&raw, &catalog, "url").expect("predicts").report(&catalog);
        assert!(
            report
                .sources
                .iter()
                .any(|s| s.field == "chip.memory_bandwidth" && s.confidence == "estimate")
        );

        for bad in [
            "chip.memory_bandwidth",
            "chip.memory_bandwidth=fast GB/s",
            "=4000 GB/s",
            "chip.tdp=400",
            "chip.tdp=-1 W",
        ] {
            p.set(Param::Assumptions, bad);
            let (_, errors) = parse(&p);
            assert_eq!(errors.len(), 1, "{bad}");
            assert_eq!(errors[0].param, Param::Assumptions);
        }
    }

    #[test]
    fn defaults_parse_and_predict() {
        let (raw, errors) = parse(&Params::defaults());
        assert_eq!(errors, vec![]);
        let catalog = rackscope::Catalog::embedded().expect("embedded catalog");
        let raw = raw.expect("defaults parse");
        let prediction = rackscope::predict(&raw, &catalog, "url").expect("defaults predict");
        assert!(prediction.report(&catalog).fits);
    }

    #[test]
    fn bad_text_is_named() {
        let mut p = Params::defaults();
        p.set(Param::TpotMs, "abc");
        p.set(Param::Count, "0");
        p.set(Param::Weights, "fp7");
        let (raw, errors) = parse(&p);
        assert!(raw.is_none());
        let named: Vec<(Param, &str, Expect)> =
            errors.iter().map(|e| (e.param, e.got.as_str(), e.expected)).collect();
        assert_eq!(
            named,
            vec![
                (Param::Count, "0", Expect::OptCount),
                (Param::Weights, "fp7", Expect::Precision),
                (Param::TpotMs, "abc", Expect::OptPositive),
            ]
        );
    }

    #[test]
    fn hardware_needs_exactly_one() {
        let mut p = Params::defaults();
        p.set(Param::System, "nvidia-gb200-nvl72");
        let (_, errors) = parse(&p);
        assert_eq!(errors[0].expected, Expect::OneHardware);
        p.set_hardware(&Hardware::System("nvidia-gb200-nvl72".into()));
        assert_eq!(p.get(Param::Chip), "");
        assert!(parse(&p).1.is_empty());
    }

    #[test]
    fn core_paths_map_to_fields() {
        assert_eq!(Param::for_core_path("latency_targets.tpot_ms"), Some(Param::TpotMs));
        assert_eq!(Param::for_core_path("cost.api.model"), Some(Param::ApiModel));
        assert_eq!(Param::for_core_path("cost.api"), Some(Param::ApiModel));
        assert_eq!(Param::for_core_path("model.layers"), Some(Param::Model));
        assert_eq!(Param::for_core_path("hardware.chip"), Some(Param::Chip));
        assert_eq!(Param::for_core_path("cost.pue"), Some(Param::Pue));
        assert_eq!(Param::for_core_path("cost"), None);
        // The assumptions field holds every entry, so its errors land there.
        assert_eq!(Param::for_core_path("assumptions"), Some(Param::Assumptions));
        assert_eq!(Param::for_core_path("derive[0]"), Some(Param::Assumptions));
        assert_eq!(
            Param::for_core_path("assumptions.chip.memory_bandwidth.unit"),
            Some(Param::Assumptions)
        );
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = Param::ALL.iter().map(|p| p.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Param::ALL.len());
    }
}

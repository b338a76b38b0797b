//! The bodies of the fuzz targets, one function per input rackscope reads.
//!
//! The targets in `fuzz/fuzz_targets/` call these, and the integration tests (`tests/fuzz.rs`)
//! compile this same file as a module and run every file of `fuzz/corpus/` and
//! `fuzz/regressions/` through it on stable Rust, so the fuzzer and the regression test cannot
//! drift apart. A body panics when an input breaks a rule; the rules are the issue's: no panic
//! on any input, an accepted input gives finite numbers, a rejected one gives a message, and
//! stored user data round-trips unchanged.

use std::sync::OnceLock;

use rackscope::catalog::{CatalogFiles, EMBEDDED};
use rackscope::{Catalog, Errors, RawScenario, Report};
use rackscope_web::i18n::Lang;
use rackscope_web::storage::{self, Loaded};
use rackscope_web::url;

/// The embedded catalog, parsed once.
pub fn embedded() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::embedded().expect("the embedded catalog validates"))
}

/// Fuzz target `catalog`: the first byte picks which catalog file the rest replaces (the others
/// are the embedded ones); an accepted catalog must give finite predictions.
pub fn catalog(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut files: CatalogFiles<'_> = EMBEDDED;
    let slot = match which % 6 {
        0 => &mut files.meta,
        1 => &mut files.sources,
        2 => &mut files.chips,
        3 => &mut files.systems,
        4 => &mut files.models,
        _ => &mut files.calibration,
    };
    slot.1 = text;
    match Catalog::from_files(files) {
        Ok(c) => {
            // Predictions over a few (possibly changed) records whose facts are all published,
            // and over the first of each kind.
            let pick = |ids: &[&str], first: Option<&str>| -> Vec<String> {
                let mut out: Vec<String> = ids
                    .iter()
                    .filter(|id| c.lookup(id).is_some())
                    .map(|id| (*id).to_owned())
                    .collect();
                out.extend(first.map(str::to_owned).filter(|f| !out.contains(f)));
                out
            };
            let first_chip = c.chips().first().map(|x| x.id.as_str());
            let first_system = c.systems().first().map(|x| x.id.as_str());
            let first_model = c.models().first().map(|x| x.id.as_str());
            let hardware = pick(&["nvidia-h200-sxm", "amd-mi300x"], first_chip)
                .into_iter()
                .map(|id| format!("{{\"chip\": {id:?}}}"))
                .chain(
                    pick(&["nvidia-gb200-nvl72"], first_system)
                        .into_iter()
                        .map(|id| format!("{{\"system\": {id:?}}}")),
                );
            let models = pick(&["llama-3.1-8b", "deepseek-v3"], first_model);
            for hw in hardware {
                for model in &models {
                    let _ = predict_checked(&scenario_for(&hw, model), &c);
                }
            }
        }
        Err(e) => check_errors(&e),
    }
}

/// Fuzz target `scenario`: scenario JSON, resolved, planned and costed against the catalog.
pub fn scenario(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match RawScenario::from_json("scenario.json", text) {
        Ok(raw) => {
            let _ = predict_checked(&raw, embedded());
        }
        Err(e) => assert!(!e.to_string().is_empty(), "an empty message for {text:?}"),
    }
}

/// Fuzz target `hf_config`: a pasted Hugging Face `config.json`, imported, added to the catalog
/// and run on eight H200s.
pub fn hf_config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match rackscope::hf::import_str("config.json", text, "fuzz-model") {
        Ok(raw) => {
            let mut c = embedded().clone();
            match c.add_model(&raw, "config.json") {
                Ok(()) => {
                    let s = scenario_for("{\"chip\": \"nvidia-h200-sxm\", \"count\": 8}", &raw.id);
                    let _ = predict_checked(&s, &c);
                }
                Err(e) => check_errors(&e),
            }
        }
        Err(e) => check_errors(&e),
    }
}

/// Fuzz target `url_state`: a query string, decoded, re-encoded and evaluated as the app does.
pub fn url_state(data: &[u8]) {
    let Ok(query) = std::str::from_utf8(data) else { return };
    let (state, errors) = url::decode(query);
    for e in &errors {
        assert!(!e.message(Lang::En).is_empty());
        assert!(!e.message(Lang::Zh).is_empty());
    }
    let again = url::encode(&state);
    if again.len() <= url::MAX_LEN {
        assert_eq!(url::decode(&again).0, state, "{query:?} re-encoded as {again:?}");
    }
    let ev = rackscope_web::state::evaluate(embedded(), &state.params);
    if let Some(r) = &ev.report {
        assert_finite(r, query);
    }
}

/// Fuzz target `stored_data`: text found in `localStorage` (or an imported file): loaded,
/// migrated, merged into the catalog, and imported next to existing records.
pub fn stored_data(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match storage::load(Some(text)) {
        Loaded::Data(d) => {
            let (_, statuses) = storage::merge(embedded(), &d);
            assert_eq!(statuses.len(), d.chips.len() + d.models.len(), "a record was dropped");
            let saved = storage::serialize(&d);
            assert_eq!(storage::parse(&saved).as_ref(), Ok(&d), "saving changed {text:?}");
        }
        Loaded::Unreadable { text: kept, error } => {
            assert_eq!(kept, text, "unreadable text must be kept as it was");
            assert!(!error.is_empty());
        }
    }
    // Imported next to a stored record: every record is either added or listed with reasons,
    // what was added makes it into the catalog, and the stored record is kept unless replaced.
    let current = storage::UserData {
        chips: vec![serde_json::json!({"id": "stored", "name": "kept even though broken"})],
        models: Vec::new(),
    };
    match storage::import(embedded(), &current, text) {
        Ok(imported) => {
            let incoming = storage::parse(text).expect("import read it");
            let total = incoming.chips.len() + incoming.models.len();
            assert_eq!(imported.added + imported.rejected.len(), total, "a record went missing");
            assert!(imported.rejected.iter().all(|r| !r.errors.is_empty()));
            let (_, statuses) = storage::merge(embedded(), &imported.data);
            let bad: Vec<_> = statuses.iter().filter(|s| !s.errors.is_empty()).collect();
            let kept = imported.data.chips.contains(&current.chips[0]);
            assert_eq!(bad.len(), usize::from(kept), "an imported record is not usable: {bad:?}");
        }
        Err(e) => assert!(!e.is_empty()),
    }
}

/// A scenario on `hardware` (a JSON object) with `model`, at the calculator's defaults.
pub fn scenario_for(hardware: &str, model: &str) -> RawScenario {
    let text = format!(
        r#"{{"hardware": {hardware}, "model": {model:?},
            "workload": {{"input_tokens": 1000, "output_tokens": 1000, "concurrency": 64}},
            "latency_targets": {{"ttft_ms": 2000, "tpot_ms": 50}},
            "cost": {{"amortisation_years": 3, "electricity_usd_per_kwh": 0.1, "pue": 1.3,
                      "utilisation": 0.6, "server_usd_per_accelerator": 5000,
                      "network_usd_per_accelerator": 3000}}}}"#
    );
    RawScenario::from_json("fuzz", &text).expect("the template parses")
}

/// Runs [`rackscope::predict`]; a result must be all finite numbers, an error must say what.
///
/// # Errors
///
/// The core's errors, checked to be non-empty and to have messages.
pub fn predict_checked(raw: &RawScenario, catalog: &Catalog) -> Result<Report, Errors> {
    match rackscope::predict(raw, catalog, "scenario.json") {
        Ok(p) => {
            let report = p.report(catalog);
            assert_finite(&report, &format!("{raw:?}"));
            let _ = p.to_text(catalog);
            Ok(report)
        }
        Err(e) => {
            check_errors(&e);
            Err(e)
        }
    }
}

/// Panics unless every error has a message and there is at least one.
pub fn check_errors(e: &Errors) {
    assert!(!e.0.is_empty(), "an error without problems");
    for err in &e.0 {
        assert!(!err.kind.to_string().is_empty(), "an empty message: {err:?}");
    }
}

/// Panics naming the first number in the report that is not finite.
pub fn assert_finite(r: &Report, input: &str) {
    if let Some(field) = non_finite(r) {
        panic!("report.{field} is not finite for {input}");
    }
}

/// The first number in the report that is NaN or infinite (its JSON path), if any. Breakdown
/// values are text: they must not spell `NaN` or `inf`.
#[must_use]
pub fn non_finite(r: &Report) -> Option<String> {
    let opt = |v: Option<f64>| v.unwrap_or(0.0);
    let m = &r.memory;
    let (d, p) = (&r.decode, &r.prefill);
    let mut numbers: Vec<(&str, f64)> = vec![
        ("systems", opt(r.systems)),
        ("racks", opt(r.racks)),
        ("deployment.batch_per_replica", r.deployment.batch_per_replica),
        ("memory.capacity_bytes_per_chip", m.capacity_bytes_per_chip),
        ("memory.weights_bytes_per_chip", m.weights_bytes_per_chip),
        ("memory.kv_cache_bytes_per_chip", m.kv_cache_bytes_per_chip),
        ("memory.reserve_bytes_per_chip", m.reserve_bytes_per_chip),
        ("memory.weights_bytes_total", m.weights_bytes_total),
        ("memory.kv_cache_bytes_per_token", m.kv_cache_bytes_per_token),
        ("memory.kv_cache_bytes_per_request", m.kv_cache_bytes_per_request),
        ("memory.max_requests_per_replica", m.max_requests_per_replica),
        ("decode.output_tokens_per_s", d.output_tokens_per_s),
        ("decode.output_tokens_per_s_per_chip", d.output_tokens_per_s_per_chip),
        ("decode.tpot_ms", d.tpot_ms),
        ("prefill.ttft_ms", p.ttft_ms),
        ("prefill.input_tokens_per_s", p.input_tokens_per_s),
        ("prefill.time_share", p.time_share),
        ("latency_targets.ttft_ms", opt(r.latency_targets.ttft_ms)),
        ("latency_targets.tpot_ms", opt(r.latency_targets.tpot_ms)),
    ];
    for (name, s) in [("decode.step", &d.step), ("prefill.step", &p.step)] {
        for (field, v) in [
            ("tokens", s.tokens),
            ("bytes_dense_weights", s.bytes_dense_weights),
            ("bytes_expert_weights", s.bytes_expert_weights),
            ("bytes_kv_cache", s.bytes_kv_cache),
            ("flops_dense", s.flops_dense),
            ("flops_experts", s.flops_experts),
            ("flops_attention", s.flops_attention),
            ("ms_dense", s.ms_dense),
            ("ms_experts", s.ms_experts),
            ("ms_attention", s.ms_attention),
            ("ms_communication", s.ms_communication),
            ("ms_overhead", s.ms_overhead),
            ("ms_total", s.ms_total),
        ] {
            if !v.is_finite() {
                return Some(format!("{name}.{field}"));
            }
        }
    }
    if let Some(c) = &r.cost {
        numbers.extend([
            ("cost.usd_per_million_output_tokens", opt(c.usd_per_million_output_tokens)),
            ("cost.usd_per_million_input_tokens", opt(c.usd_per_million_input_tokens)),
            ("cost.capex_usd", opt(c.capex_usd)),
            ("cost.cost_per_year_usd", opt(c.cost_per_year_usd)),
            ("cost.energy_cost_per_year_usd", opt(c.energy_cost_per_year_usd)),
            ("cost.power_kw", opt(c.power_kw)),
            ("cost.years", c.years),
            ("cost.tco_usd", opt(c.tco_usd)),
            ("cost.api_tco_usd", opt(c.api_tco_usd)),
            ("cost.break_even_output_tokens_per_month", opt(c.break_even_output_tokens_per_month)),
            ("cost.capacity_output_tokens_per_month", c.capacity_output_tokens_per_month),
        ]);
    }
    if let Some((name, _)) = numbers.iter().find(|(_, v)| !v.is_finite()) {
        return Some((*name).to_owned());
    }
    for range in &r.ranges {
        let shares = range.causes.iter().map(|c| c.share);
        if [range.point, range.low, range.high].into_iter().chain(shares).any(|v| !v.is_finite()) {
            return Some(format!("ranges[{}]", range.metric));
        }
    }
    r.breakdown
        .iter()
        .find(|t| t.value.contains("NaN") || t.value.contains("inf"))
        .map(|t| format!("breakdown[{}] = {:?}", t.term, t.value))
}

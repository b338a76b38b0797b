//! Random scenarios with hostile numbers and ids, through `rackscope::predict`.
//!
//! Every numeric field of a scenario (and of an inline chip, an inline model and the assumptions)
//! is drawn from sane values and from the edges: zero, negative zero, negative, denormal, huge,
//! NaN and infinite. Ids are catalog ids, ids of the wrong kind and unknown ids. The scenarios are
//! built as Rust values, not JSON, so NaN and infinity get in (the web form's text parser can
//! produce them). The property: a result has only finite numbers, and an error names what was
//! wrong; with known ids, every field given a non-finite or negative value is named.

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::Config;
use rackscope::catalog::raw::{RawChip, RawChipsFile, RawFact, RawModel, RawModelsFile};
use rackscope::scenario::{
    RawApiChoice, RawAssumption, RawChipRef, RawConcurrency, RawCost, RawHardware,
    RawLatencyTargets, RawModelRef, RawParallelism, RawPrecision, RawRuntime, RawWorkload,
};
use rackscope::{RawScenario, catalog::EMBEDDED};

use crate::catalog;
use crate::fuzz::bodies::non_finite;

/// How often a field gets an edge value instead of a plausible one: never (so some scenarios
/// evaluate), rarely, often, or mostly.
const EDGE_WEIGHT: [u32; 4] = [0, 1, 6, 40];

/// A number for a field: plausible (in `lo..hi`) or, with the level's weight, one of the edges.
fn num(level: usize, lo: f64, hi: f64) -> BoxedStrategy<f64> {
    let edge = EDGE_WEIGHT[level];
    if edge == 0 {
        return (lo..hi).boxed();
    }
    let edges = prop_oneof![
        Just(0.0),
        Just(-0.0),
        -1e6f64..-1e-6,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MIN_POSITIVE / 4.0),
        Just(5e-324),
        Just(1e300),
        Just(f64::MAX),
        any::<f64>(),
    ];
    prop_oneof![100 => lo..hi, edge => edges].boxed()
}

/// A whole number for a field: plausible (in `lo..hi`) or an edge.
fn whole(level: usize, lo: u32, hi: u32) -> BoxedStrategy<u32> {
    let edge = EDGE_WEIGHT[level];
    if edge == 0 {
        return (lo..hi).boxed();
    }
    prop_oneof![
        100 => lo..hi,
        edge => prop_oneof![Just(0u32), Just(u32::MAX), Just(1u32 << 20), any::<u32>()],
    ]
    .boxed()
}

/// A factor for a catalog fact's value: plausible (a quarter to four times it) or an edge.
fn factor(level: usize) -> BoxedStrategy<f64> {
    num(level, 0.25, 4.0)
}

fn maybe<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    prop_oneof![1 => Just(None), 3 => s.prop_map(Some)].boxed()
}

/// Whether a value must be rejected wherever it appears: every numeric input is positive and
/// finite (zero is allowed in a few fields, so it is not counted here).
fn hostile(v: f64) -> bool {
    !v.is_finite() || v < 0.0
}

/// Catalog ids of every kind, ids of the wrong kind, and unknown ones.
/// The first five of each list are known ids of the right kind.
const CHIP_IDS: &[&str] = &[
    "nvidia-h200-sxm",
    "nvidia-h100-sxm",
    "amd-mi300x",
    "alibaba-zhenwu-m890",
    "nvidia-rtx-3090",
    "nvidia-gb200-nvl72",
    "llama-3.1-8b",
    "no-such-chip",
    "",
];
const SYSTEM_IDS: &[&str] = &["nvidia-gb200-nvl72", "nvidia-h200-sxm", "no-such-system"];
const MODEL_IDS: &[&str] = &[
    "llama-3.1-8b",
    "llama-3.1-70b",
    "deepseek-v3",
    "qwen3-235b-a22b",
    "mixtral-8x7b",
    "gpt-4",
    "nvidia-h200-sxm",
    "no-such-model",
];
const PRECISIONS: &[&str] = &["bf16", "fp16", "fp8", "int8", "int4", "fp4", "fp7", ""];

/// A random scenario and the paths of the fields given hostile values.
#[derive(Clone, Debug)]
struct Case {
    raw: RawScenario,
    /// The ids are all known, so resolution gets as far as the numbers.
    known_ids: bool,
}

/// The H200 and Llama 3.1 70B records as written; the inline records start from them.
fn records() -> (RawChip, RawModel) {
    static RECORDS: OnceLock<(RawChip, RawModel)> = OnceLock::new();
    RECORDS
        .get_or_init(|| {
            let chips: RawChipsFile = serde_json::from_str(EMBEDDED.chips.1).expect("chips.json");
            let models: RawModelsFile =
                serde_json::from_str(EMBEDDED.models.1).expect("models.json");
            let chip = chips.chips.into_iter().find(|c| c.id == "nvidia-h200-sxm").expect("H200");
            let model = models.models.into_iter().find(|m| m.id == "llama-3.1-70b").expect("Llama");
            (chip, model)
        })
        .clone()
}

/// Multiplies `fact`'s value by `k` (an edge value replaces it), keeping unit and provenance.
fn scale(fact: &mut Option<RawFact>, k: Option<f64>) {
    if let (Some(f), Some(k)) = (fact.as_mut(), k)
        && let Some(v) = f.value
    {
        f.value = Some(if k.is_finite() && k > 0.1 { v * k } else { k });
        f.range = None;
    }
}

fn case() -> impl Strategy<Value = Case> {
    prop_oneof![3 => Just(0usize), 2 => Just(1usize), 2 => Just(2usize), 1 => Just(3usize)]
        .prop_flat_map(case_at)
}

/// A random scenario whose fields take edge values at `level`'s rate.
#[allow(clippy::too_many_lines)] // One strategy per field of the scenario, in its order.
fn case_at(level: usize) -> impl Strategy<Value = Case> {
    let id = |ids: &'static [&'static str], known: usize| prop_oneof![6 => prop::sample::select(&ids[..known]), 1 => prop::sample::select(ids)];
    let hardware = (
        prop_oneof![
            4 => id(CHIP_IDS, 5).prop_map(|id| (Some(id), None, false)),
            1 => id(SYSTEM_IDS, 1).prop_map(|id| (None, Some(id), false)),
            1 => Just((None, None, true)),
        ],
        maybe(whole(level, 1, 65)),
        prop::collection::vec(maybe(factor(level)), 7),
    );
    let model = (
        prop_oneof![
            4 => id(MODEL_IDS, 5).prop_map(Some),
            1 => Just(None),
        ],
        prop::collection::vec(
            maybe(prop_oneof![Just(0.5), Just(1.0), Just(2.0), factor(level)]),
            7,
        ),
    );
    let precision = prop::collection::vec(maybe(prop::sample::select(PRECISIONS)), 3);
    let parallelism = prop_oneof![
        3 => Just(None),
        1 => prop::collection::vec(maybe(whole(level, 1, 9)), 4).prop_map(Some),
    ];
    let workload = (whole(level, 1, 8000), whole(level, 1, 4000), maybe(whole(level, 1, 513)));
    let targets = maybe((maybe(num(level, 100.0, 10_000.0)), maybe(num(level, 5.0, 200.0))));
    let runtime = maybe((
        maybe(whole(level, 1, 4097)),
        maybe(whole(level, 1, 16_385)),
        maybe(num(level, 0.5, 1.0)),
    ));
    let cost = maybe((
        (
            maybe(num(level, 1e3, 1e5)),
            maybe(num(level, 1e5, 1e7)),
            maybe(num(level, 1.0, 2e4)),
            maybe(num(level, 1.0, 2e4)),
            maybe(num(level, 6.0, 8.0)),
        ),
        (num(level, 1.0, 10.0), num(level, 0.02, 0.5), num(level, 1.0, 2.0), num(level, 0.1, 1.0)),
        maybe((
            maybe(id(MODEL_IDS, 5)),
            maybe(num(level, 0.1, 100.0)),
            maybe(num(level, 0.1, 100.0)),
        )),
    ));
    let assumptions = prop::collection::vec(
        prop_oneof![
            (Just(("chip.memory_bandwidth", "GB/s")), num(level, 1e3, 8e3)),
            (Just(("chip.bf16_dense", "TFLOPS")), num(level, 100.0, 2e3)),
            (Just(("chip.memory", "GB")), num(level, 16.0, 300.0)),
            (Just(("chip.tdp", "W")), num(level, 100.0, 2e3)),
            (Just(("model.layers", "count")), (8u32..128).prop_map(f64::from)),
            (Just(("model.total_params", "B")), num(level, 1.0, 1e3)),
        ],
        0..3,
    );
    (hardware, model, precision, parallelism, workload, targets, runtime, cost, assumptions)
        .prop_map(|(hw, model, precision, par, work, targets, runtime, cost, assumptions)| {
            let (chip_record, model_record) = records();
            let ((chip_id, system_id, inline_chip), count, chip_values) = hw;
            let chip = if inline_chip {
                let mut c = chip_record;
                c.id = "my-chip".into();
                let facts = [
                    &mut c.memory,
                    &mut c.memory_bandwidth,
                    &mut c.bf16_dense,
                    &mut c.fp8_dense,
                    &mut c.tdp,
                    &mut c.scale_up_bandwidth,
                    &mut c.price,
                ];
                for (f, k) in facts.into_iter().zip(chip_values) {
                    scale(f, k);
                }
                Some(RawChipRef::Inline(Box::new(c)))
            } else {
                chip_id.map(|id| RawChipRef::Id(id.to_owned()))
            };
            let (model_id, model_values) = model;
            let known_model = model_id.is_none_or(|m| MODEL_IDS[..5].contains(&m));
            let model = match model_id {
                Some(id) => RawModelRef::Id(id.to_owned()),
                None => {
                    let mut m = model_record;
                    m.id = "my-model".into();
                    let facts = [
                        &mut m.total_params,
                        &mut m.active_params,
                        &mut m.context_length,
                        &mut m.layers,
                        &mut m.hidden_size,
                        &mut m.num_heads,
                        &mut m.num_kv_heads,
                    ];
                    for (f, k) in facts.into_iter().zip(model_values) {
                        scale(f, k);
                    }
                    RawModelRef::Inline(Box::new(m))
                }
            };
            let known_chip = inline_chip
                || chip_id.is_some_and(|c| CHIP_IDS[..5].contains(&c))
                || system_id == Some("nvidia-gb200-nvl72");
            let pick = |i: usize| precision[i].filter(|p| !p.is_empty()).map(str::to_owned);
            let raw = RawScenario {
                hardware: RawHardware { chip, system: system_id.map(str::to_owned), count },
                model,
                precision: RawPrecision { weights: pick(0), kv_cache: pick(1), compute: pick(2) },
                parallelism: par.map(|p| RawParallelism {
                    tensor: p[0],
                    pipeline: p[1],
                    expert: p[2],
                    data: p[3],
                }),
                workload: RawWorkload {
                    input_tokens: work.0,
                    output_tokens: work.1,
                    concurrency: work
                        .2
                        .map_or_else(|| RawConcurrency::Max("max".into()), RawConcurrency::Fixed),
                },
                latency_targets: targets
                    .map(|(ttft_ms, tpot_ms)| RawLatencyTargets { ttft_ms, tpot_ms }),
                runtime: runtime.map(|(b, t, u)| RawRuntime {
                    max_batch_size: b,
                    max_tokens_per_step: t,
                    memory_utilization: u,
                }),
                cost: cost.map(|(opt, req, api)| RawCost {
                    accelerator_usd: opt.0,
                    system_usd: opt.1,
                    server_usd_per_accelerator: opt.2,
                    network_usd_per_accelerator: opt.3,
                    cny_per_usd: opt.4,
                    amortisation_years: req.0,
                    electricity_usd_per_kwh: req.1,
                    pue: req.2,
                    utilisation: req.3,
                    api: api.map(|(model, i, o)| RawApiChoice {
                        model: model.map(str::to_owned),
                        provider: None,
                        input_usd_per_mtok: i,
                        output_usd_per_mtok: o,
                    }),
                }),
                assumptions: assumptions
                    .into_iter()
                    .map(|((key, unit), value): ((&str, &str), f64)| {
                        (key.to_owned(), RawAssumption { value, unit: unit.to_owned(), note: None })
                    })
                    .collect(),
                derive: Vec::new(),
            };
            Case { raw, known_ids: known_chip && known_model }
        })
}

/// The paths of the fields whose value must be rejected wherever it appears.
fn hostile_paths(raw: &RawScenario) -> Vec<String> {
    let mut out = Vec::new();
    let mut num = |path: &str, v: Option<f64>| {
        if v.is_some_and(hostile) {
            out.push(path.to_owned());
        }
    };
    if let Some(t) = &raw.latency_targets {
        num("latency_targets.ttft_ms", t.ttft_ms);
        num("latency_targets.tpot_ms", t.tpot_ms);
    }
    if let Some(r) = &raw.runtime {
        num("runtime.memory_utilization", r.memory_utilization);
    }
    if let Some(c) = &raw.cost {
        num("cost.accelerator_usd", c.accelerator_usd);
        num("cost.system_usd", c.system_usd);
        num("cost.server_usd_per_accelerator", c.server_usd_per_accelerator);
        num("cost.network_usd_per_accelerator", c.network_usd_per_accelerator);
        num("cost.cny_per_usd", c.cny_per_usd);
        num("cost.amortisation_years", Some(c.amortisation_years));
        num("cost.electricity_usd_per_kwh", Some(c.electricity_usd_per_kwh));
        num("cost.pue", Some(c.pue));
        num("cost.utilisation", Some(c.utilisation));
        if let Some(a) = &c.api {
            num("cost.api.input_usd_per_mtok", a.input_usd_per_mtok);
            num("cost.api.output_usd_per_mtok", a.output_usd_per_mtok);
        }
    }
    for (key, a) in &raw.assumptions {
        num(&format!("assumptions.{key}"), Some(a.value));
    }
    let fact = |f: &Option<RawFact>| f.as_ref().and_then(|f| f.value);
    if let Some(RawChipRef::Inline(c)) = &raw.hardware.chip {
        for (name, f) in [
            ("memory", &c.memory),
            ("memory_bandwidth", &c.memory_bandwidth),
            ("bf16_dense", &c.bf16_dense),
            ("fp8_dense", &c.fp8_dense),
            ("tdp", &c.tdp),
            ("scale_up_bandwidth", &c.scale_up_bandwidth),
            ("price", &c.price),
        ] {
            num(&format!("hardware.chip.{name}"), fact(f));
        }
    }
    if let RawModelRef::Inline(m) = &raw.model {
        for (name, f) in [
            ("total_params", &m.total_params),
            ("active_params", &m.active_params),
            ("context_length", &m.context_length),
            ("layers", &m.layers),
            ("hidden_size", &m.hidden_size),
            ("num_heads", &m.num_heads),
            ("num_kv_heads", &m.num_kv_heads),
        ] {
            num(&format!("model.{name}"), fact(f));
        }
    }
    out
}

proptest! {
    #![proptest_config(Config { cases: 10_000, failure_persistence: None, ..Config::default() })]

    /// See issue 6: a result is finite numbers, or an error that names the field.
    #[test]
    fn every_result_is_finite_or_a_named_error(case in case()) {
        let bad = hostile_paths(&case.raw);
        match rackscope::predict(&case.raw, catalog(), "scenario.json") {
            Ok(p) => {
                let report = p.report(catalog());
                prop_assert_eq!(non_finite(&report), None);
                prop_assert!(bad.is_empty(), "accepted hostile values in {:?}", bad);
            }
            Err(errors) => {
                prop_assert!(!errors.0.is_empty());
                for e in &errors.0 {
                    prop_assert!(!e.kind.to_string().is_empty(), "{:?}", e);
                }
                // An inline record that does not validate stops resolution before the numbers
                // that need it (assumptions, costs), so only the record's own fields are named.
                let record = |p: &String| p.starts_with("hardware.chip.") || p.starts_with("model.");
                let record_failed = errors.0.iter().any(|e| {
                    e.path.starts_with("hardware.chip.") || e.path.starts_with("model.")
                });
                let named: Vec<&String> = if record_failed {
                    bad.iter().filter(|p| record(p)).collect()
                } else {
                    bad.iter().collect()
                };
                if case.known_ids {
                    for path in named {
                        prop_assert!(
                            errors.0.iter().any(|e| e.path.starts_with(path.as_str())),
                            "{} is not named in {}", path, errors
                        );
                    }
                }
            }
        }
    }
}

//! Invariants of the performance and cost model, checked over random scenarios.
//!
//! Scenarios are drawn from chips whose bandwidth, compute and memory are all published and
//! from sizable open models. A scenario outside a property's domain (it does not resolve, or
//! does not fit) is discarded explicitly with `prop_assume!`.

use proptest::prelude::*;
use rackscope::perf::{Deployment, Estimate, evaluate};
use rackscope::plan::{min_chips, plan};
use rackscope::scenario::{Load, Parallelism};
use rackscope::{Efficiency, RawScenario, Scenario};

use crate::catalog;

/// Chips with published memory, memory bandwidth, BF16 compute and TDP (some without FP8 or a
/// scale-up bandwidth, so those fallbacks are exercised too).
const CHIPS: &[&str] = &[
    "nvidia-a100-80gb-sxm",
    "nvidia-h100-sxm",
    "nvidia-h20",
    "nvidia-h200-sxm",
    "nvidia-b200",
    "nvidia-l40s",
    "nvidia-rtx-3090",
    "amd-mi300x",
    "amd-mi325x",
    "intel-gaudi3",
    "biren-br100",
    "cambricon-mlu370-x8",
];
const MODELS: &[&str] =
    &["llama-3.1-8b", "llama-3.1-70b", "qwen3-235b-a22b", "deepseek-v3", "glm-5", "mixtral-8x7b"];
const WEIGHTS: &[&str] = &["bf16", "fp8", "int4"];
const EFF: &Efficiency = &Efficiency::CALIBRATED;

/// One random scenario, as the JSON fields that vary.
#[derive(Clone, Debug)]
struct Case {
    chip: &'static str,
    model: &'static str,
    weights: &'static str,
    input: u32,
    output: u32,
    /// `None`: `"max"`.
    concurrency: Option<u32>,
    chips: u32,
}

impl Case {
    /// The scenario JSON, with `extra` top-level fields (`"assumptions": {...},`) spliced in.
    fn json(&self, extra: &str) -> String {
        let concurrency = self.concurrency.map_or_else(|| "\"max\"".to_owned(), |n| n.to_string());
        format!(
            r#"{{ {extra}
              "hardware": {{"chip": "{}", "count": {}}},
              "model": "{}",
              "precision": {{"weights": "{}"}},
              "workload": {{"input_tokens": {}, "output_tokens": {}, "concurrency": {concurrency}}} }}"#,
            self.chip, self.chips, self.model, self.weights, self.input, self.output
        )
    }

    fn raw(&self, extra: &str) -> RawScenario {
        let json = self.json(extra);
        RawScenario::from_json("case.json", &json)
            .unwrap_or_else(|e| panic!("generated scenario does not parse: {e}\n{json}"))
    }

    fn resolve(&self, extra: &str) -> Option<Scenario> {
        Scenario::resolve(&self.raw(extra), catalog(), "case.json").ok()
    }

    fn bandwidth_gb_per_s(&self) -> f64 {
        catalog().chip(self.chip).and_then(|c| c.memory_bandwidth.value()).unwrap().as_gb_per_s()
    }

    fn memory_gb(&self) -> f64 {
        catalog().chip(self.chip).and_then(|c| c.memory.value()).unwrap().as_gb()
    }
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::sample::select(CHIPS),
        proptest::sample::select(MODELS),
        proptest::sample::select(WEIGHTS),
        1u32..=32_768,
        1u32..=4096,
        prop_oneof![Just(None), (1u32..=4096).prop_map(Some)],
        1u32..=64,
    )
        .prop_map(|(chip, model, weights, input, output, concurrency, chips)| Case {
            chip,
            model,
            weights,
            input,
            output,
            concurrency,
            chips,
        })
}

/// Every problem with the numbers of an estimate: each must be finite and non-negative.
fn bad_numbers(e: &Estimate) -> Vec<String> {
    let m = &e.memory;
    let named = [
        ("output_tokens_per_s", e.output_tokens_per_s.raw()),
        ("input_tokens_per_s", e.input_tokens_per_s.raw()),
        ("tpot", e.tpot.raw()),
        ("ttft", e.ttft.raw()),
        ("prefill_per_token", e.prefill_per_token.raw()),
        ("prefill_time_share", e.prefill_time_share),
        ("batch_per_replica", e.batch_per_replica),
        ("memory.capacity", m.capacity.raw()),
        ("memory.weights", m.weights.raw()),
        ("memory.kv_cache", m.kv_cache.raw()),
        ("memory.reserve", m.reserve.raw()),
        ("memory.weights_total", m.weights_total.raw()),
        ("memory.kv_per_token", m.kv_per_token.raw()),
        ("memory.kv_per_request", m.kv_per_request.raw()),
        ("memory.max_requests_per_replica", m.max_requests_per_replica),
        ("decode.time", e.decode.time().raw()),
        ("prefill.time", e.prefill.time().raw()),
    ];
    named
        .iter()
        .filter(|(_, v)| !(v.is_finite() && *v >= 0.0))
        .map(|(name, v)| format!("{name} = {v}"))
        .collect()
}

/// The deployment the planner picks for a scenario, if it fits.
fn planned(s: &Scenario) -> Option<Deployment> {
    plan(s, EFF, "case.json").ok().map(|p| p.estimate.deployment)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any prediction that succeeds has finite, non-negative speeds, latencies and memory.
    #[test]
    fn predictions_are_finite_and_non_negative(c in case()) {
        let Ok(p) = rackscope::predict(&c.raw(""), catalog(), "case.json") else {
            return Ok(()); // A typed error is a valid outcome.
        };
        let bad = bad_numbers(&p.plan.estimate);
        prop_assert!(bad.is_empty(), "{c:?}: {}", bad.join(", "));
        let r = p.report(catalog());
        prop_assert!(r.chips >= 1);
        for (name, v) in [
            ("decode.output_tokens_per_s", r.decode.output_tokens_per_s),
            ("decode.tpot_ms", r.decode.tpot_ms),
            ("prefill.ttft_ms", r.prefill.ttft_ms),
            ("memory.weights_bytes_per_chip", r.memory.weights_bytes_per_chip),
            ("memory.kv_cache_bytes_per_chip", r.memory.kv_cache_bytes_per_chip),
        ] {
            prop_assert!(v.is_finite() && v >= 0.0, "{c:?}: report {name} = {v}");
        }
    }

    /// More memory bandwidth never lowers output tokens/s for the same deployment.
    #[test]
    fn more_bandwidth_never_lowers_throughput(c in case()) {
        let base = c.resolve("");
        prop_assume!(base.is_some());
        let base = base.unwrap();
        let d = planned(&base);
        prop_assume!(d.is_some());
        let d = d.unwrap();
        let faster = c
            .resolve(&format!(
                r#""assumptions": {{"chip.memory_bandwidth": {{"value": {}, "unit": "GB/s"}}}},"#,
                c.bandwidth_gb_per_s() * 1.5
            ))
            .expect("the same scenario with an assumed bandwidth resolves");
        let slow = evaluate(&base, d, EFF, None);
        let fast = evaluate(&faster, d, EFF, None);
        prop_assert!(
            fast.output_tokens_per_s.raw() >= slow.output_tokens_per_s.raw() * (1.0 - 1e-12),
            "{c:?} on {d:?}: {} tokens/s with 1.5× bandwidth < {} tokens/s",
            fast.output_tokens_per_s.raw(),
            slow.output_tokens_per_s.raw()
        );
        prop_assert!(fast.tpot.raw() <= slow.tpot.raw() * (1.0 + 1e-12), "{c:?}: TPOT rose");
        prop_assert!(fast.ttft.raw() <= slow.ttft.raw() * (1.0 + 1e-12), "{c:?}: TTFT rose");
    }

    /// Twice the memory per chip never needs more chips.
    #[test]
    fn more_memory_never_needs_more_chips(c in case()) {
        let base = c.resolve("");
        prop_assume!(base.is_some());
        let base = base.unwrap();
        let bigger = c
            .resolve(&format!(
                r#""assumptions": {{"chip.memory": {{"value": {}, "unit": "GB"}}}},"#,
                c.memory_gb() * 2.0
            ))
            .expect("the same scenario with an assumed memory resolves");
        let small = min_chips(&base, EFF);
        let big = min_chips(&bigger, EFF);
        // `None` (fits on no size tried) counts as infinitely many chips.
        let ok = match (small, big) {
            (_, None) => small.is_none(),
            (None, Some(_)) => true,
            (Some(s), Some(b)) => b <= s,
        };
        prop_assert!(ok, "{c:?}: {big:?} chips with 2× memory, {small:?} without");
    }

    /// A longer context never shrinks the KV cache one request holds.
    #[test]
    fn longer_context_never_shrinks_kv_per_request(c in case(), more_input in 0u32..=32_768, more_output in 0u32..=4096) {
        let longer = Case { input: c.input + more_input, output: c.output + more_output, ..c.clone() };
        let (short, long) = (c.resolve(""), longer.resolve(""));
        prop_assume!(short.is_some() && long.is_some());
        let d = Deployment { parallelism: Parallelism { tensor: 1, pipeline: 1, expert: 1, data: 1 } };
        let a = evaluate(&short.unwrap(), d, EFF, None).memory;
        let b = evaluate(&long.unwrap(), d, EFF, None).memory;
        prop_assert!(
            b.kv_per_request.raw() >= a.kv_per_request.raw(),
            "{c:?} → {longer:?}: KV per request {} < {}",
            b.kv_per_request.raw(),
            a.kv_per_request.raw()
        );
        prop_assert!(b.kv_per_request.raw() > 0.0, "{longer:?}: no KV cache");
    }

    /// $/Mtok × tokens adds back up to the yearly cost.
    #[test]
    fn cost_per_token_times_tokens_is_cost_per_year(
        c in case(),
        accelerator in 1_000.0f64..100_000.0,
        kwh in 0.01f64..0.5,
        pue in 1.0f64..2.0,
        utilisation in 0.05f64..=1.0,
        years in 1.0f64..8.0,
    ) {
        let cost = format!(
            r#""cost": {{"accelerator_usd": {accelerator}, "server_usd_per_accelerator": 4000,
                "network_usd_per_accelerator": 1500, "amortisation_years": {years},
                "electricity_usd_per_kwh": {kwh}, "pue": {pue}, "utilisation": {utilisation}}},"#
        );
        let p = rackscope::predict(&c.raw(&cost), catalog(), "case.json");
        prop_assume!(p.is_ok());
        let cost = p.unwrap().cost.expect("a cost section gives a cost estimate");
        let (Some(year), Some(out), Some(inp)) = (
            cost.cost_per_year,
            cost.usd_per_million_output_tokens,
            cost.usd_per_million_input_tokens,
        ) else {
            prop_assert!(false, "{c:?}: every part is priced and the TDP is published, yet {cost:?}");
            unreachable!()
        };
        let year = year.raw();
        prop_assert!(year.is_finite() && year > 0.0, "{c:?}: cost per year {year}");
        prop_assert!(out.raw() >= 0.0 && inp.raw() >= 0.0, "{c:?}: negative $/Mtok");
        let sum = out.raw() * cost.output_tokens_per_year.raw() / 1e6
            + inp.raw() * cost.input_tokens_per_year.raw() / 1e6;
        prop_assert!(
            ((sum - year) / year).abs() <= 1e-9,
            "{c:?}: ${sum} from $/Mtok × tokens, ${year} per year"
        );
    }
}

#[test]
fn property_chips_have_the_numbers_the_properties_need() {
    for id in CHIPS {
        let chip = catalog().chip(id).unwrap_or_else(|| panic!("{id} is not a chip"));
        assert!(chip.memory.value().is_some(), "{id}.memory is missing");
        assert!(chip.memory_bandwidth.value().is_some(), "{id}.memory_bandwidth is missing");
        assert!(chip.bf16_dense.value().is_some(), "{id}.bf16_dense is missing");
        assert!(chip.tdp.value().is_some(), "{id}.tdp is missing (the cost property needs it)");
    }
    for id in MODELS {
        assert!(catalog().model(id).is_some(), "{id} is not a model");
    }
}

/// A small linear congruential generator: deterministic, no dependencies.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
}

#[test]
fn ten_thousand_random_deployments_give_finite_numbers() {
    // One resolved scenario per chip, model and weight format; the loop varies the rest.
    let mut bases = Vec::new();
    for chip in CHIPS {
        for model in MODELS {
            for weights in WEIGHTS {
                let c =
                    Case { chip, model, weights, input: 1, output: 1, concurrency: None, chips: 1 };
                match Scenario::resolve(&c.raw(""), catalog(), "case.json") {
                    Ok(s) => bases.push(s),
                    Err(e) => panic!("{c:?} does not resolve: {e}"),
                }
            }
        }
    }
    let mut rng = Lcg(0x5eed);
    let mut fitting = 0;
    for i in 0..10_000 {
        let mut s = bases[rng.range(0, bases.len() as u32 - 1) as usize].clone();
        s.input_tokens = rng.range(1, 131_072);
        s.output_tokens = rng.range(1, 16_384);
        s.load = if rng.range(0, 1) == 0 {
            Load::MaxThroughput
        } else {
            Load::Concurrency(rng.range(1, 100_000))
        };
        let parallelism = Parallelism {
            tensor: 1 << rng.range(0, 4),
            pipeline: rng.range(1, 8),
            expert: if s.model_numbers.moe.is_some() { 1 << rng.range(0, 6) } else { 1 },
            data: rng.range(1, 16),
        };
        let batch_cap = (rng.range(0, 3) == 0).then(|| f64::from(rng.range(1, 512)));
        let e = evaluate(&s, Deployment { parallelism }, EFF, batch_cap);
        fitting += usize::from(e.fits);
        let bad = bad_numbers(&e);
        assert!(
            bad.is_empty(),
            "case {i}: {} on {} × {} ({:?}), {} in / {} out, {:?}: {}",
            s.model.id,
            parallelism.replica_chips() * parallelism.data,
            s.chip.id,
            s.precision.weights,
            s.input_tokens,
            s.output_tokens,
            s.load,
            bad.join(", ")
        );
    }
    // The sweep must exercise both sides of the fit boundary to mean something.
    assert!((100..=9_900).contains(&fitting), "{fitting} of 10,000 deployments fit");
}

//! Ranges from provenance (`rackscope::uncertainty`): they contain the point estimate, narrowing a
//! fact's confidence never widens them, the model error matches the calibration set, and the
//! explanation people read is snapshotted.

use proptest::prelude::*;
use rackscope::uncertainty::{self, Metric, ModelError, Spreads};
use rackscope::{Efficiency, Prediction, RawScenario};

use crate::catalog;

/// Chips with published prices or low-confidence facts among those the model can size.
const CHIPS: &[&str] = &[
    "nvidia-h200-sxm",
    "nvidia-h100-sxm",
    "nvidia-h20",
    "nvidia-b200",
    "amd-mi300x",
    "nvidia-a100-80gb-sxm",
];
const MODELS: &[&str] =
    &["llama-3.1-8b", "llama-3.1-70b", "qwen3-235b-a22b", "deepseek-v3", "glm-5"];

/// The scenario for a case; cost inputs (with an API comparison) make every metric appear.
fn scenario(chip: &str, model: &str, input: u32, output: u32, concurrency: u32) -> RawScenario {
    let json = format!(
        r#"{{ "hardware": {{"chip": "{chip}"}}, "model": "{model}", "precision": {{"weights": "fp8"}},
             "workload": {{"input_tokens": {input}, "output_tokens": {output}, "concurrency": {concurrency}}},
             "cost": {{"amortisation_years": 3, "electricity_usd_per_kwh": 0.1, "pue": 1.3,
                      "utilisation": 0.6, "api": {{"model": "glm-5", "provider": "Z.ai"}}}} }}"#
    );
    RawScenario::from_json("case.json", &json).expect("generated scenario parses")
}

/// The prediction for a case, or `None` when the case is outside the model's domain.
fn check(raw: &RawScenario) -> Option<Prediction> {
    rackscope::predict(raw, catalog(), "case.json").ok()
}

#[test]
fn the_model_error_is_the_one_the_calibration_set_gives() {
    let acc = rackscope::calibration::accuracy(catalog(), &Efficiency::CALIBRATED);
    let (p10, p90) = acc.throughput_signed_p10_p90;
    let m = ModelError::MEASURED;
    assert_eq!(m.points, acc.throughput_n, "update ModelError::MEASURED (points)");
    assert!((m.p10 - p10).abs() < 5e-4, "update ModelError::MEASURED: p10 is {p10:.4}");
    assert!((m.p90 - p90).abs() < 5e-4, "update ModelError::MEASURED: p90 is {p90:.4}");
}

#[test]
fn a_low_confidence_fact_is_named_as_the_main_cause() {
    // The Zhenwu M890's bandwidth and FP8 compute are unpublished: the example fills them with
    // labelled assumptions, which carry the widest spread the chip has.
    let raw = RawScenario::from_json(
        "zhenwu-m890-glm5.json",
        include_str!("../examples/zhenwu-m890-glm5.json"),
    )
    .expect("example parses");
    let p = check(&raw).expect("example predicts");
    let r = uncertainty::default_ranges(&p);
    let tput = r.get(Metric::OutputTokensPerS).expect("throughput range");
    assert!(
        tput.causes.iter().any(|c| c.input == "alibaba-zhenwu-m890.fp8_dense"),
        "{:?}",
        tput.causes
    );
    insta::assert_snapshot!("ranges_zhenwu_m890_glm5", ranges_text(&p));
}

#[test]
fn ranges_of_a_priced_h200_deployment() {
    let p = check(&scenario("nvidia-h200-sxm", "llama-3.1-70b", 1000, 1000, 64)).expect("predicts");
    insta::assert_snapshot!("ranges_h200_llama70b", ranges_text(&p));
}

/// The ranges section of the text report.
fn ranges_text(p: &Prediction) -> String {
    let text = p.to_text(catalog());
    let start = text.find("ranges (").expect("a ranges section");
    let end = text[start..].find("\n\n").map_or(text.len(), |e| start + e);
    text[start..end].to_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn ranges_contain_the_point_and_narrowing_never_widens(
        chip in prop::sample::select(CHIPS),
        model in prop::sample::select(MODELS),
        input in 128u32..8192,
        output in 64u32..4096,
        concurrency in 1u32..256,
        level in 0usize..4,
    ) {
        let p = check(&scenario(chip, model, input, output, concurrency));
        prop_assume!(p.is_some());
        let p = p.unwrap_or_else(|| unreachable!());
        let wide = uncertainty::default_ranges(&p);
        for r in &wide.ranges {
            prop_assert!(r.low <= r.point + 1e-9 && r.point <= r.high + 1e-9, "{r:?}");
            prop_assert!(r.low.is_finite() && r.high.is_finite(), "{r:?}");
        }
        // One confidence level made narrower (official, reported, estimate or rumour).
        let mut narrow = Spreads::DEFAULT;
        match level {
            0 => narrow.official = 0.0,
            1 => narrow.reported = 0.05,
            2 => narrow.estimate = 0.10,
            _ => narrow.rumour = 0.15,
        }
        let tight = uncertainty::ranges(&p, &narrow, &ModelError::MEASURED);
        for (w, t) in wide.ranges.iter().zip(&tight.ranges) {
            prop_assert_eq!(w.metric, t.metric);
            let tol = 1e-9 * w.point.abs().max(1.0);
            prop_assert!(t.low >= w.low - tol && t.high <= w.high + tol, "wide {w:?}\nnarrow {t:?}");
        }
    }
}

#[test]
fn a_derived_fact_is_an_estimate_that_names_its_rule() {
    let json = |derive: &str| {
        format!(
            r#"{{ "hardware": {{"chip": "alibaba-zhenwu-810e", "count": 8}}, "model": "qwen3-32b",
                 "precision": {{"weights": "bf16"}},
                 "workload": {{"input_tokens": 1000, "output_tokens": 500, "concurrency": 16}},
                 "assumptions": {{"chip.bf16_dense": {{"value": 300, "unit": "TFLOPS", "note": "test input"}}}},
                 "derive": [{derive}] }}"#
        )
    };
    let raw =
        RawScenario::from_json("s.json", &json(r#""chip.memory_bandwidth""#)).expect("parses");
    let p = check(&raw).expect("the rule supplies the bandwidth");
    let used = p.scenario.facts.iter().find(|f| f.field == "chip.memory_bandwidth").expect("used");
    assert_eq!(used.provenance.confidence, rackscope::Confidence::Estimate);
    let note = used.provenance.note.as_deref().unwrap_or_default();
    assert!(note.starts_with("derived (rule chip.memory_bandwidth)"), "{note}");
    let r = uncertainty::default_ranges(&p);
    let tput = r.get(Metric::OutputTokensPerS).expect("range");
    assert!(
        tput.causes.iter().any(|c| c.input == "alibaba-zhenwu-810e.memory_bandwidth"),
        "{:?}",
        tput.causes
    );

    let errors = |derive: &str| {
        let raw = RawScenario::from_json("s.json", &json(derive)).expect("parses");
        rackscope::predict(&raw, catalog(), "s.json")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    insta::assert_snapshot!(
        "derive_errors",
        format!("{}\n{}", errors(r#""chip.memory_bandwidt""#), errors(r#""model.layers""#))
    );
}

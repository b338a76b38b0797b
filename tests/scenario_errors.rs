//! Scenario input problems and the messages people read, checked through `rackscope::predict`.
//!
//! Each case is a scenario as a user would write it; the snapshot is what `check` makes of it:
//! a short summary of the prediction, or every error with its file and field path.

use rackscope::RawScenario;

use crate::catalog;

/// Parses, resolves, plans and costs `scenario_json` as `scenario.json`, and describes the result.
fn check(scenario_json: &str) -> String {
    let raw = match RawScenario::from_json("scenario.json", scenario_json) {
        Ok(raw) => raw,
        Err(e) => return format!("error: {e}"),
    };
    let prediction = match rackscope::predict(&raw, catalog(), "scenario.json") {
        Ok(p) => p,
        Err(errors) => {
            return errors.0.iter().map(|e| format!("error: {e}\n")).collect::<String>();
        }
    };
    let r = prediction.report(catalog());
    let d = &r.deployment;
    let mut out = format!(
        "{} on {} × {}: fits {}, TP {} × PP {} × EP {} × DP {}, batch {:.0} ({})\n\
         output {:.0} tokens/s, TPOT {:.2} ms, TTFT {:.1} ms\n",
        r.model.id,
        r.chips,
        r.hardware.chip,
        r.fits,
        d.tensor,
        d.pipeline,
        d.expert,
        d.data,
        d.batch_per_replica,
        d.batch_limit,
        r.decode.output_tokens_per_s,
        r.decode.tpot_ms,
        r.prefill.ttft_ms,
    );
    if let Some(c) = &r.cost {
        let money =
            |v: Option<f64>| v.map_or_else(|| "not priced".to_owned(), |x| format!("${x:.4}"));
        out += &format!(
            "cost: {} per M output tokens, {} per M input tokens\n",
            money(c.usd_per_million_output_tokens),
            money(c.usd_per_million_input_tokens)
        );
    }
    for s in r.sources.iter().filter(|s| s.confidence == "assumption") {
        out += &format!(
            "assumption: {} {} = {} ({})\n",
            s.record,
            s.field,
            s.value,
            s.note.as_deref().unwrap_or("")
        );
    }
    for w in &r.warnings {
        out += &format!("warning: {w}\n");
    }
    out
}

/// A valid scenario: Llama 3.1 70B at FP8 on eight H200s.
const VALID: &str = r#"{
  "hardware": {"chip": "nvidia-h200-sxm", "count": 8},
  "model": "llama-3.1-70b",
  "precision": {"weights": "fp8"},
  "workload": {"input_tokens": 1000, "output_tokens": 1000, "concurrency": 64}
}"#;

/// `VALID` with one text replaced (the replacement must apply).
fn edit(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "VALID does not contain {from:?}");
    VALID.replacen(from, to, 1)
}

#[test]
fn valid_scenario() {
    insta::assert_snapshot!("valid_scenario", check(VALID));
}

#[test]
fn malformed_json() {
    insta::assert_snapshot!("malformed_json", check(&VALID[..VALID.len() - 3]));
}

#[test]
fn missing_workload() {
    let json = r#"{"hardware": {"chip": "nvidia-h200-sxm", "count": 8}, "model": "llama-3.1-70b"}"#;
    insta::assert_snapshot!("missing_workload", check(json));
}

#[test]
fn unknown_chip_with_suggestion() {
    // "nvidia-h200" is one edit from "nvidia-h800" but a prefix of "nvidia-h200-sxm"; a truncated id
    // is the likelier typo, so the prefix wins.
    insta::assert_snapshot!(
        "unknown_chip_with_suggestion",
        check(&edit("\"nvidia-h200-sxm\"", "\"nvidia-h200\""))
    );
}

#[test]
fn unknown_chip_typo() {
    insta::assert_snapshot!(
        "unknown_chip_typo",
        check(&edit("\"nvidia-h200-sxm\"", "\"nvidia-h20-sxm\""))
    );
}

#[test]
fn chip_id_that_is_a_system() {
    insta::assert_snapshot!(
        "chip_id_that_is_a_system",
        check(&edit("\"nvidia-h200-sxm\"", "\"nvidia-gb200-nvl72\""))
    );
}

#[test]
fn unknown_model() {
    insta::assert_snapshot!("unknown_model", check(&edit("\"llama-3.1-70b\"", "\"llama-3-70b\"")));
}

#[test]
fn negative_count() {
    insta::assert_snapshot!("negative_count", check(&edit("\"count\": 8", "\"count\": -8")));
}

#[test]
fn zero_count() {
    insta::assert_snapshot!("zero_count", check(&edit("\"count\": 8", "\"count\": 0")));
}

#[test]
fn concurrency_lots() {
    insta::assert_snapshot!(
        "concurrency_lots",
        check(&edit("\"concurrency\": 64", "\"concurrency\": \"lots\""))
    );
}

#[test]
fn zero_concurrency_and_zero_output() {
    insta::assert_snapshot!(
        "zero_concurrency_and_zero_output",
        check(&edit(
            "\"output_tokens\": 1000, \"concurrency\": 64",
            "\"output_tokens\": 0, \"concurrency\": 0"
        ))
    );
}

#[test]
fn unknown_precision() {
    insta::assert_snapshot!("unknown_precision", check(&edit("\"fp8\"", "\"fp6\"")));
}

#[test]
fn unknown_field() {
    insta::assert_snapshot!("unknown_field", check(&edit("\"workload\"", "\"workloads\"")));
}

#[test]
fn request_longer_than_context() {
    insta::assert_snapshot!(
        "request_longer_than_context",
        check(&edit("\"input_tokens\": 1000", "\"input_tokens\": 200000"))
    );
}

/// `VALID` with a cost section whose fields are `fields`.
fn with_cost(fields: &str) -> String {
    edit(
        "\"precision\"",
        &format!(
            "\"cost\": {{\"amortisation_years\": 4, \"electricity_usd_per_kwh\": 0.1, \"pue\": 1.3, \
             \"utilisation\": 0.7{fields}}},\n  \"precision\""
        ),
    )
}

#[test]
fn cost_valid() {
    insta::assert_snapshot!(
        "cost_valid",
        check(&with_cost(", \"accelerator_usd\": 32000, \"server_usd_per_accelerator\": 5000"))
    );
}

#[test]
fn cost_nan_as_string() {
    insta::assert_snapshot!(
        "cost_nan_as_string",
        check(&with_cost(", \"accelerator_usd\": \"NaN\""))
    );
}

#[test]
fn cost_number_out_of_range() {
    insta::assert_snapshot!(
        "cost_number_out_of_range",
        check(&with_cost(", \"accelerator_usd\": 1e400"))
    );
}

#[test]
fn cost_huge_and_negative_values() {
    // FIXME: 1e300 is echoed as a 301-digit integer (`f64::to_string`); `{:e}` would be readable.
    insta::assert_snapshot!(
        "cost_huge_and_negative_values",
        check(&with_cost(
            ", \"accelerator_usd\": 1e300, \"network_usd_per_accelerator\": -5, \"cny_per_usd\": 0"
        ))
    );
}

#[test]
fn cost_pue_below_one() {
    insta::assert_snapshot!(
        "cost_pue_below_one",
        check(&with_cost("").replace("\"pue\": 1.3", "\"pue\": 0.9"))
    );
}

/// A Zhenwu M890 scenario; Alibaba has not published its memory bandwidth.
const M890: &str = r#"{
  "hardware": {"chip": "alibaba-zhenwu-m890", "count": 8},
  "model": "qwen3-235b-a22b",
  "precision": {"weights": "int8"},
  "workload": {"input_tokens": 2000, "output_tokens": 500, "concurrency": 32}
}"#;

#[test]
fn zhenwu_m890_missing_memory_bandwidth() {
    insta::assert_snapshot!("zhenwu_m890_missing_memory_bandwidth", check(M890));
}

#[test]
fn zhenwu_m890_with_assumed_memory_bandwidth() {
    // The M890 has no published compute either, so that is assumed too.
    let json = M890.replace(
        "\"workload\"",
        r#""assumptions": {
    "chip.memory_bandwidth": {"value": 4000, "unit": "GB/s", "note": "test"},
    "chip.bf16_dense": {"value": 600, "unit": "TFLOPS", "note": "FP16 figure from one newsletter"}
  },
  "workload""#,
    );
    let summary = check(&json);
    assert!(summary.contains("assumption: alibaba-zhenwu-m890 chip.memory_bandwidth"), "{summary}");
    insta::assert_snapshot!("zhenwu_m890_with_assumed_memory_bandwidth", summary);

    // The report's source list labels the value as an assumption.
    let raw = RawScenario::from_json("scenario.json", &json).expect("parses");
    let report =
        rackscope::predict(&raw, catalog(), "scenario.json").expect("predicts").report(catalog());
    let bw = report
        .sources
        .iter()
        .find(|s| s.field == "chip.memory_bandwidth")
        .expect("memory bandwidth is listed under sources");
    assert_eq!(bw.confidence, "assumption");
    assert_eq!(bw.note.as_deref(), Some("test"));
}

#[test]
fn unknown_assumption_key() {
    let json = M890.replace(
        "\"workload\"",
        r#""assumptions": {"chip.memory_bw": {"value": 4000, "unit": "GB/s"}},
  "workload""#,
    );
    insta::assert_snapshot!("unknown_assumption_key", check(&json));
}

#[test]
fn assumption_with_wrong_unit() {
    let json = M890.replace(
        "\"workload\"",
        r#""assumptions": {"chip.memory_bandwidth": {"value": 4000, "unit": "GiB/s"}},
  "workload""#,
    );
    insta::assert_snapshot!("assumption_with_wrong_unit", check(&json));
}

#[test]
fn closed_model_is_infeasible() {
    insta::assert_snapshot!(
        "closed_model_is_infeasible",
        check(&edit("\"llama-3.1-70b\"", "\"gpt-4\""))
    );
}

#[test]
fn model_too_big_for_the_chips_given() {
    let json = r#"{
  "hardware": {"chip": "nvidia-h200-sxm", "count": 1},
  "model": "llama-3.1-405b",
  "precision": {"weights": "bf16"},
  "workload": {"input_tokens": 1000, "output_tokens": 1000, "concurrency": 1}
}"#;
    insta::assert_snapshot!("model_too_big_for_the_chips_given", check(json));
}

#[test]
fn model_too_big_with_no_count_picks_the_fewest_chips() {
    let json = r#"{
  "hardware": {"chip": "nvidia-h200-sxm"},
  "model": "llama-3.1-405b",
  "precision": {"weights": "bf16"},
  "workload": {"input_tokens": 1000, "output_tokens": 1000, "concurrency": 1}
}"#;
    insta::assert_snapshot!("model_too_big_with_no_count_picks_the_fewest_chips", check(json));
}

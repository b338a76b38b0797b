//! The command line, run in-process through `rackscope_cli::run`: exit codes, JSON shapes and
//! the table people read.

use serde_json::Value;

/// Runs the CLI with `args` (without the program name) and `stdin`: (exit code, stdout, stderr).
fn cli(args: &[&str], stdin: &str) -> (i32, String, String) {
    let (mut out, mut err) = (String::new(), String::new());
    let code = rackscope_cli::run(args, stdin, &mut out, &mut err);
    (code, out, err)
}

/// Runs the CLI, expects success, and parses standard output as JSON.
fn cli_json(args: &[&str], stdin: &str) -> Value {
    let (code, out, err) = cli(args, stdin);
    assert_eq!(code, 0, "rackscope {}: exit {code}\nstderr:\n{err}", args.join(" "));
    serde_json::from_str(&out).unwrap_or_else(|e| {
        panic!("rackscope {}: stdout is not JSON ({e}):\n{out}", args.join(" "))
    })
}

/// Llama 3.1 70B at FP8 on eight H200s, 1000 in / 1000 out, 64 requests in flight.
const H200_LLAMA_70B: &str = r#"{
  "hardware": {"chip": "nvidia-h200-sxm", "count": 8},
  "model": "llama-3.1-70b",
  "precision": {"weights": "fp8"},
  "workload": {"input_tokens": 1000, "output_tokens": 1000, "concurrency": 64}
}"#;

/// The same with a cost section.
const H200_LLAMA_70B_COST: &str = r#"{
  "hardware": {"chip": "nvidia-h200-sxm", "count": 8},
  "model": "llama-3.1-70b",
  "precision": {"weights": "fp8"},
  "workload": {"input_tokens": 1000, "output_tokens": 1000, "concurrency": 64},
  "cost": {"accelerator_usd": 32000, "server_usd_per_accelerator": 5000,
           "network_usd_per_accelerator": 2000, "amortisation_years": 4,
           "electricity_usd_per_kwh": 0.1, "pue": 1.3, "utilisation": 0.7,
           "api": {"input_usd_per_mtok": 0.6, "output_usd_per_mtok": 0.8}}
}"#;

#[test]
fn catalog_list_chips_as_json() {
    let v = cli_json(&["catalog", "list", "--kind", "chip", "--format", "json"], "");
    let items = v.as_array().unwrap_or_else(|| panic!("not an array: {v}"));
    assert!(items.len() >= 45, "{} chips listed", items.len());
    for item in items {
        for key in ["id", "name", "kind"] {
            assert!(item.get(key).is_some_and(Value::is_string), "no string `{key}` in {item}");
        }
        assert_eq!(item["kind"], "chip", "{item}");
    }
    assert!(items.iter().any(|i| i["id"] == "nvidia-h20"));
}

#[test]
fn catalog_list_everything_as_json() {
    let v = cli_json(&["catalog", "list", "--format", "json"], "");
    let items = v.as_array().unwrap_or_else(|| panic!("not an array: {v}"));
    for kind in ["chip", "system", "model"] {
        assert!(items.iter().any(|i| i["kind"] == kind), "no {kind} listed");
    }
    assert!(items.len() >= 45 + 12 + 49, "{} records listed", items.len());
}

#[test]
fn catalog_list_table() {
    let (code, out, err) = cli(&["catalog", "list", "--kind", "model"], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("glm-5") && out.contains("deepseek-v3.2"), "{out}");
}

#[test]
fn catalog_show_h20() {
    let (code, out, err) = cli(&["catalog", "show", "nvidia-h20"], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("4000"), "the H20's 4000 GB/s is not shown:\n{out}");
}

#[test]
fn catalog_show_unknown_id() {
    let (code, out, err) = cli(&["catalog", "show", "nvidia-h20-sxm"], "");
    assert_eq!(code, 1, "stdout:\n{out}");
    assert!(err.contains("nvidia-h20-sxm"), "{err}");
}

#[test]
fn catalog_validate_embedded() {
    let (code, out, err) = cli(&["catalog", "validate"], "");
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
}

#[test]
fn predict_json_has_the_documented_keys() {
    let v = cli_json(&["predict", "-", "--format", "json"], H200_LLAMA_70B_COST);
    let paths: &[&[&str]] = &[
        &["fits"],
        &["chips"],
        &["decode", "output_tokens_per_s"],
        &["decode", "tpot_ms"],
        &["prefill", "ttft_ms"],
        &["memory"],
        &["cost"],
        &["cost", "usd_per_million_output_tokens"],
        &["breakdown"],
        &["sources"],
    ];
    for path in paths {
        let mut at = &v;
        for key in *path {
            at = at.get(key).unwrap_or_else(|| panic!("no `{}` in the report", path.join(".")));
        }
        assert!(!at.is_null(), "`{}` is null", path.join("."));
    }
    assert_eq!(v["fits"], true);
    assert_eq!(v["chips"], 8);
    assert!(
        v["decode"]["output_tokens_per_s"].as_f64().is_some_and(|x| x > 1000.0),
        "{}",
        v["decode"]
    );
    assert!(v["breakdown"].as_array().is_some_and(|b| !b.is_empty()));
    assert!(v["sources"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn predict_without_cost_has_null_cost() {
    let v = cli_json(&["predict", "-", "--format", "json"], H200_LLAMA_70B);
    assert!(v["cost"].is_null(), "{}", v["cost"]);
}

#[test]
fn predict_malformed_json_names_stdin() {
    let (code, out, err) = cli(&["predict", "-", "--format", "json"], "{\"hardware\": ");
    assert_eq!(code, 1, "stdout:\n{out}");
    assert!(err.contains("<stdin>"), "stderr does not name the input:\n{err}");
}

#[test]
fn predict_missing_file() {
    let (code, _, err) = cli(&["predict", "/nonexistent/scenario.json"], "");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("/nonexistent/scenario.json"), "{err}");
}

#[test]
fn predict_missing_fact_is_an_input_error() {
    let scenario = H200_LLAMA_70B.replace("nvidia-h200-sxm", "alibaba-zhenwu-m890");
    let (code, _, err) = cli(&["predict", "-"], &scenario);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("chip.memory_bandwidth"), "{err}");
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let (code, _, err) = cli(&["forecast"], "");
    assert_eq!(code, 1, "{err}");
}

#[test]
fn fit_glm5_lists_chips() {
    let (code, out, err) = cli(&["fit", "glm-5"], "");
    assert_eq!(code, 0, "{err}");
    for chip in ["nvidia-h200-sxm", "nvidia-b200"] {
        assert!(out.contains(chip), "{chip} is not listed:\n{out}");
    }
}

#[test]
fn fit_unknown_model() {
    let (code, _, err) = cli(&["fit", "glm-6"], "");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("glm-6"), "{err}");
}

#[test]
fn compare_chips_prints_both() {
    let (code, out, err) = cli(&["compare", "--chips", "nvidia-h20,nvidia-h200-sxm"], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("nvidia-h20") && out.contains("nvidia-h200-sxm"), "{out}");
}

#[test]
fn compare_models_prints_both() {
    let (code, out, err) = cli(&["compare", "--models", "llama-3.1-70b,qwen3-235b-a22b"], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("llama-3.1-70b") && out.contains("qwen3-235b-a22b"), "{out}");
}

#[test]
fn accuracy_runs() {
    let (code, out, err) = cli(&["accuracy"], "");
    assert_eq!(code, 0, "{err}");
    assert!(!out.is_empty());
}

#[test]
fn predict_table() {
    let (code, out, err) = cli(&["predict", "-", "--format", "table"], H200_LLAMA_70B);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("predict_table_h200x8_llama_3_1_70b_fp8", out);
}

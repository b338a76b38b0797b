//! The mixed-fleet planner (`rackscope::fleet`, `rackscope fleet`): the fleet meets the demand it
//! was given within availability, no other assignment is cheaper, the report people read is
//! snapshotted, and bad demand files get errors that name the field.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rackscope::fleet::{self, RawDemand};
use rackscope::risk::ExportControls;

use crate::catalog;

fn cli(args: &[&str], files: &[(&str, &str)]) -> (i32, String, String) {
    let (mut out, mut err) = (String::new(), String::new());
    let read = |p: &str| {
        files.iter().find(|f| f.0 == p).map(|f| f.1.to_owned()).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory")
        })
    };
    let code = rackscope_cli::run_with_files(args, "", &mut out, &mut err, &read);
    (code, out, err)
}

const EXAMPLE: &str = include_str!("../examples/fleet/demand.json");

#[test]
fn fleet_example_table() {
    let (code, out, err) = cli(&["fleet", "demand.json"], &[("demand.json", EXAMPLE)]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("fleet_example", out);
}

#[test]
fn a_domestic_only_profile_leaves_out_imported_chips() {
    let demand = EXAMPLE.replacen('{', r#"{ "profile": "cn-state","#, 1);
    let (code, out, err) =
        cli(&["fleet", "demand.json", "--format", "json"], &[("demand.json", &demand)]);
    // Every candidate chip in the example is imported: no fleet, and each is named.
    assert_eq!(code, 1, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(v["fleet"]["error"].is_array(), "{v}");
    let left_out = v["choices"][0]["left_out"].as_array().expect("left_out");
    assert!(
        left_out.iter().any(|x| x["reason"].as_str().is_some_and(|r| r.contains("chip_origins")))
    );
}

#[test]
fn bad_demand_files_name_the_field() {
    let cases = [
        (
            "unknown_field",
            r#"{"cost": {"amortisation_years": 3, "electricity_usd_per_kwh": 0.1, "pue": 1.3, "utilisation": 0.6}, "demand": [], "colour": 1}"#,
        ),
        (
            "empty_demand",
            r#"{"cost": {"amortisation_years": 3, "electricity_usd_per_kwh": 0.1, "pue": 1.3, "utilisation": 0.6}, "demand": []}"#,
        ),
        (
            "bad_line",
            r#"{"cost": {"amortisation_years": 3, "electricity_usd_per_kwh": 0.1, "pue": 1.3, "utilisation": 0.6},
            "hardware": ["nvidia-h2000"], "prices_usd": {"nvidia-h20": -5},
            "demand": [{"model": "glm5", "requests_per_day": -1, "input_tokens": 0, "output_tokens": 10, "latency": "fast", "peak_factor": 0.5}]}"#,
        ),
        (
            "bad_profile",
            r#"{"profile": "eu", "cost": {"amortisation_years": 3, "electricity_usd_per_kwh": 0.1, "pue": 1.3, "utilisation": 0.6},
            "demand": [{"model": "glm-5", "requests_per_day": 10, "input_tokens": 10, "output_tokens": 10}]}"#,
        ),
    ];
    let mut report = String::new();
    for (name, text) in cases {
        let (code, out, err) = cli(&["fleet", "demand.json"], &[("demand.json", text)]);
        assert_eq!(code, 1, "{name}: {out}");
        report.push_str(&format!("--- {name}\n{err}"));
    }
    let (code, _, err) = cli(&["fleet", "missing.json"], &[]);
    assert_eq!(code, 1);
    report.push_str(&format!("--- missing_file\n{err}"));
    insta::assert_snapshot!("fleet_errors", report);
}

const MODELS: &[&str] =
    &["llama-3.1-8b", "llama-3.1-70b", "qwen3-32b", "mixtral-8x7b", "deepseek-v3"];
const CHIPS: &[&str] =
    &["nvidia-h200-sxm", "amd-mi300x", "intel-gaudi3", "nvidia-l40s", "nvidia-h100-sxm"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_fleet_meets_its_demand_and_nothing_cheaper_does(
        lines in prop::collection::vec(
            (prop::sample::select(MODELS), 1_000.0f64..5_000_000.0, 100u32..8000, 50u32..2000, any::<bool>()),
            1..=3,
        ),
        limit in prop::option::of((prop::sample::select(CHIPS), 1u32..64)),
    ) {
        let demand: Vec<serde_json::Value> = lines.iter().map(|(m, r, i, o, batch)| serde_json::json!({
            "model": m, "requests_per_day": r, "input_tokens": i, "output_tokens": o,
            "latency": if *batch { "batch" } else { "interactive" },
        })).collect();
        let mut available = BTreeMap::new();
        if let Some((chip, n)) = limit {
            available.insert(chip.to_owned(), n);
        }
        let text = serde_json::json!({
            "hardware": CHIPS, "available": available, "precision": "fp8",
            "cost": {"amortisation_years": 3, "electricity_usd_per_kwh": 0.1, "pue": 1.3, "utilisation": 0.6},
            "demand": demand,
        }).to_string();
        let d = RawDemand::from_json("random.json", &text).expect("parses");
        let controls = ExportControls::embedded(catalog()).expect("controls");
        let plan = fleet::plan(catalog(), &controls, &d, "random.json").expect("plans");
        let Ok(f) = &plan.fleet else { return Ok(()) };
        let mut used: BTreeMap<&str, u32> = BTreeMap::new();
        for (l, &k) in plan.lines.iter().zip(&f.picks) {
            let c = &l.choices[k];
            prop_assert!(f64::from(c.units) * c.unit_tokens_per_s >= l.required_tokens_per_s * (1.0 - 1e-12));
            *used.entry(c.hardware.as_str()).or_default() += c.chips();
        }
        for (chip, n) in &available {
            prop_assert!(used.get(chip.as_str()).copied().unwrap_or(0) <= *n);
        }
        // Brute force: no assignment within availability is cheaper.
        let mut best = f64::INFINITY;
        let mut idx = vec![0usize; plan.lines.len()];
        'outer: loop {
            let mut cost = 0.0;
            let mut chips: BTreeMap<&str, u32> = BTreeMap::new();
            for (l, &k) in plan.lines.iter().zip(&idx) {
                let c = &l.choices[k];
                cost += c.usd_per_year();
                *chips.entry(c.hardware.as_str()).or_default() += c.chips();
            }
            if available.iter().all(|(h, n)| chips.get(h.as_str()).copied().unwrap_or(0) <= *n) {
                best = best.min(cost);
            }
            for (i, k) in idx.iter_mut().enumerate() {
                *k += 1;
                if *k < plan.lines[i].choices.len() {
                    continue 'outer;
                }
                *k = 0;
            }
            break;
        }
        prop_assert!(f.usd_per_year <= best * (1.0 + 1e-9), "fleet {} vs brute force {best}", f.usd_per_year);
    }
}

#[test]
fn an_assumed_price_fills_a_price_the_catalog_gives_only_in_cny() {
    // The H20's catalog price is in CNY; without an exchange rate, prices_usd supplies one and
    // the choice is labelled as priced by an assumption. A USD catalog price is never replaced.
    let text = r#"{ "hardware": ["nvidia-h20", "nvidia-h200-sxm"],
        "prices_usd": {"nvidia-h20": 16000, "nvidia-h200-sxm": 1},
        "cost": {"amortisation_years": 3, "electricity_usd_per_kwh": 0.1, "pue": 1.3, "utilisation": 0.6},
        "demand": [{"model": "qwen3-32b", "requests_per_day": 100000, "input_tokens": 1000, "output_tokens": 300}] }"#;
    let d = RawDemand::from_json("demand.json", text).expect("parses");
    let controls = ExportControls::embedded(catalog()).expect("controls");
    let plan = fleet::plan(catalog(), &controls, &d, "demand.json").expect("plans");
    let choices = &plan.lines[0].choices;
    let h20 = choices.iter().find(|c| c.hardware == "nvidia-h20").expect("h20 priced");
    assert!(h20.price_assumed);
    let h200 = choices.iter().find(|c| c.hardware == "nvidia-h200-sxm").expect("h200");
    assert!(!h200.price_assumed);
}

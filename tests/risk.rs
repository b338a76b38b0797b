//! Risk profiles and ranking (`rackscope::risk`, `rackscope rank`): presets and the export-control
//! file load, hard constraints never let an excluded option through, the explanation people read
//! is snapshotted, and bad profiles get errors that name the field.

use proptest::prelude::*;
use rackscope::risk::{
    self, Candidates, ExportControls, ExportStatus, Placement, Profile, RawProfile,
};
use rackscope::{Catalog, RawScenario};

use crate::catalog;

/// Runs `rackscope rank` in-process with a profile file `profile.json` whose text is `profile`.
fn rank_cli(args: &[&str], profile: &str) -> (i32, String, String) {
    let (mut out, mut err) = (String::new(), String::new());
    let read = |p: &str| {
        if p == "profile.json" {
            Ok(profile.to_owned())
        } else {
            Err(std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory"))
        }
    };
    let mut all = vec!["rank"];
    all.extend_from_slice(args);
    let code = rackscope_cli::run_with_files(&all, "", &mut out, &mut err, &read);
    (code, out, err)
}

fn controls() -> ExportControls {
    ExportControls::embedded(catalog()).expect("the export-control file is valid")
}

fn base() -> RawScenario {
    RawScenario::from_json(
        "base.json",
        r#"{ "hardware": {"chip": "nvidia-h200-sxm"}, "model": "llama-3.1-70b",
             "precision": {"weights": "fp8"},
             "workload": {"input_tokens": 1000, "output_tokens": 500, "concurrency": 32},
             "cost": {"amortisation_years": 3, "electricity_usd_per_kwh": 0.1, "pue": 1.3, "utilisation": 0.6} }"#,
    )
    .expect("base parses")
}

#[test]
fn presets_and_the_export_control_file_load() {
    for (name, file, text) in risk::PRESETS {
        let p = Profile::from_json(file, text).unwrap_or_else(|e| panic!("preset {name}: {e}"));
        assert!(!p.name.is_empty());
        assert!(Profile::preset(name).is_some());
    }
    let c = controls();
    let h20 = catalog().chip("nvidia-h20").expect("h20");
    assert_eq!(c.status(h20, "CN").0, ExportStatus::LicenceRequired);
    let ascend = catalog().chip("huawei-ascend-910c").expect("910c");
    assert_eq!(c.status(ascend, "CN").0, ExportStatus::Domestic);
    // A chip with no classified status is unknown, never allowed.
    let gaudi = catalog().chip("intel-gaudi3").expect("gaudi3");
    assert_eq!(c.status(gaudi, "CN").0, ExportStatus::Unknown);
}

#[test]
fn rank_eu_bank_table() {
    let (code, out, err) = rank_cli(
        &[
            "--profile",
            "eu-bank",
            "--chips",
            "nvidia-h200-sxm,amd-mi300x,huawei-ascend-910c",
            "--models",
            "mixtral-8x7b,gpt-oss-120b,qwen3-235b-a22b,glm-5,gpt-4o",
            "--top",
            "3",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("rank_eu_bank", out);
}

#[test]
fn rank_json_carries_terms_and_exclusions() {
    let (code, out, err) = rank_cli(
        &["--profile", "cn-state", "--models", "glm-5,qwen3-235b-a22b", "--format", "json"],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let excluded = v["excluded"].as_array().expect("excluded");
    assert!(
        excluded
            .iter()
            .any(|o| o["excluded"][0].as_str().is_some_and(|s| s.contains("chip_origins")))
    );
    for o in v["ranked"].as_array().expect("ranked") {
        assert_eq!(o["placement"], "on-premise", "{o}");
        assert_eq!(o["terms"].as_array().map(Vec::len), Some(risk::TERMS.len()));
    }
}

#[test]
fn bad_profiles_name_the_field() {
    let cases = [
        ("unknown_field", r#"{"name": "x", "buyer_region": "EU", "colour": "red"}"#),
        ("negative_weight", r#"{"name": "x", "buyer_region": "EU", "weights": {"cost": -1}}"#),
        (
            "zero_weights",
            r#"{"name": "x", "buyer_region": "EU", "weights": {"cost": 0, "performance": 0, "openness": 0, "jurisdiction": 0, "export_control": 0, "supply": 0}}"#,
        ),
        (
            "unknown_status",
            r#"{"name": "x", "buyer_region": "CN", "constraints": {"exclude_export_statuses": ["forbidden"]}}"#,
        ),
        (
            "bad_ceiling",
            r#"{"name": "x", "buyer_region": "CN", "constraints": {"max_tpot_ms": 0}}"#,
        ),
        ("not_json", "{"),
    ];
    let mut report = String::new();
    for (name, text) in cases {
        let (code, out, err) = rank_cli(&["--profile", "profile.json"], text);
        assert_eq!(code, 1, "{name}: {out}");
        report.push_str(&format!("--- {name}\n{err}"));
    }
    let (code, _, err) = rank_cli(&["--profile", "eu-banks"], "");
    assert_eq!(code, 1);
    report.push_str(&format!("--- unknown_preset\n{err}"));
    let (code, _, err) = rank_cli(&["--profile", "startup", "--models", "glm5"], "");
    assert_eq!(code, 1);
    report.push_str(&format!("--- unknown_model\n{err}"));
    insta::assert_snapshot!("rank_errors", report);
}

/// A profile drawn at random: every constraint on or off.
fn profile_strategy() -> impl Strategy<Value = Profile> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::option::of(prop::sample::subsequence(vec!["US", "CN", "FR"], 1..=2)),
        prop::option::of(prop::sample::subsequence(vec!["US", "CN", "FR"], 1..=2)),
        prop::sample::subsequence(
            vec!["allowed", "licence-required", "barred", "unknown", "domestic"],
            0..=3,
        ),
        prop::option::of(0.01f64..20.0),
        prop::option::of(5.0f64..100.0),
        prop::sample::select(vec!["CN", "EU", "US"]),
    )
        .prop_map(|(on_prem, open, chips, models, statuses, usd, tpot, region)| {
            let mut raw = RawProfile {
                name: "random".into(),
                buyer_region: region.into(),
                ..RawProfile::default()
            };
            raw.trusted_jurisdictions = vec!["US".into()];
            let c = &mut raw.constraints;
            c.on_premise_only = on_prem;
            c.open_weights_only = open;
            c.chip_origins = chips.map(|v| v.into_iter().map(String::from).collect());
            c.model_origins = models.map(|v| v.into_iter().map(String::from).collect());
            c.exclude_export_statuses = statuses.into_iter().map(String::from).collect();
            c.max_usd_per_mtok = usd;
            c.max_tpot_ms = tpot;
            Profile::resolve("random", &raw).expect("valid random profile")
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_hard_constraint_never_lets_an_excluded_option_through(profile in profile_strategy()) {
        let cat: &Catalog = catalog();
        let controls = controls();
        let candidates = Candidates {
            chips: ["nvidia-h200-sxm", "nvidia-h20", "amd-mi300x", "huawei-ascend-910c", "intel-gaudi3"]
                .map(String::from).to_vec(),
            systems: Vec::new(),
            models: ["llama-3.1-70b", "glm-5", "mixtral-8x7b", "gpt-4o", "qwen3-32b"].map(String::from).to_vec(),
            no_apis: false,
        };
        let r = risk::rank(cat, &controls, &profile, &base(), &candidates);
        for o in &r.ranked {
            let model = cat.model(&o.model).expect("model");
            let chip = match &o.placement {
                Placement::OnPremise { hardware, .. } => Some(cat.chip(hardware).expect("chip")),
                Placement::Api { .. } => None,
            };
            prop_assert!(!(profile.on_premise_only && chip.is_none()), "{o:?}");
            if profile.open_weights_only {
                prop_assert!(!matches!(model.openness, rackscope::llm::Openness::Closed | rackscope::llm::Openness::Unknown), "{o:?}");
            }
            if let Some(origins) = &profile.model_origins {
                prop_assert!(origins.contains(&model.origin), "{o:?}");
            }
            if let Some(origins) = &profile.chip_origins {
                prop_assert!(chip.is_some_and(|c| origins.contains(&c.origin)), "{o:?}");
            }
            if let Some(c) = chip {
                prop_assert!(!profile.exclude_export.contains(&controls.status(c, &profile.buyer_region).0), "{o:?}");
            }
            if let Some(max) = profile.max_usd_per_mtok {
                prop_assert!(o.usd_per_mtok.is_some_and(|v| v <= max), "{o:?}");
            }
            if let Some(max) = profile.max_tpot_ms {
                prop_assert!(o.tpot_ms.is_some_and(|v| v <= max), "{o:?}");
            }
            prop_assert!((0.0..=1.0).contains(&o.score), "{o:?}");
        }
        for o in &r.excluded {
            prop_assert!(!o.excluded.is_empty());
        }
        // Sorted: fewest unknown terms first, then by score.
        for w in r.ranked.windows(2) {
            prop_assert!((w[0].unknown_terms, -w[0].score) <= (w[1].unknown_terms, -w[1].score));
        }
    }
}

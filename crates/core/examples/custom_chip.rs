//! Uses rackscope as another project would: load the catalog, add a custom chip, evaluate a
//! scenario on it, and print the breakdown.
//!
//! Run with `cargo run -p rackscope --example custom_chip`.

use rackscope::catalog::raw::RawChip;
use rackscope::{Catalog, RawScenario};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut catalog = Catalog::embedded()?;

    // A chip that is not in the catalog, with the provenance of each number stated.
    let chip: RawChip = serde_json::from_str(
        r#"{
          "id": "example-npu", "name": "Example NPU (hypothetical)", "vendor": "Example Corp",
          "origin": "DE", "status": "roadmap",
          "memory": {"value": 128, "unit": "GB", "sources": ["vendor briefing"], "date": "2026-11", "confidence": "estimate"},
          "memory_bandwidth": {"value": 4, "unit": "TB/s", "sources": ["vendor briefing"], "date": "2026-11", "confidence": "estimate"},
          "bf16_dense": {"value": 800, "unit": "TFLOPS", "sources": ["vendor briefing"], "date": "2026-11", "confidence": "estimate"},
          "fp8_dense": {"value": 1600, "unit": "TFLOPS", "sources": ["vendor briefing"], "date": "2026-11", "confidence": "estimate"},
          "fp4_dense": {"missing": "not announced"},
          "int8_dense": {"missing": "not announced"},
          "tdp": {"value": 700, "unit": "W", "sources": ["vendor briefing"], "date": "2026-11", "confidence": "estimate"},
          "scale_up_bandwidth": {"value": 800, "unit": "GB/s", "sources": ["vendor briefing"], "date": "2026-11", "confidence": "estimate"},
          "price": {"missing": "not priced"}
        }"#,
    )?;
    catalog.add_chip(&chip, "example-npu")?;

    let scenario = RawScenario::from_json(
        "example",
        r#"{
          "hardware": {"chip": "example-npu", "count": 8},
          "model": "deepseek-v3",
          "precision": {"weights": "fp8"},
          "workload": {"input_tokens": 2000, "output_tokens": 500, "concurrency": "max"},
          "latency_targets": {"tpot_ms": 50}
        }"#,
    )?;
    let prediction = rackscope::predict(&scenario, &catalog, "example")?;
    print!("{}", prediction.to_text(&catalog));
    Ok(())
}

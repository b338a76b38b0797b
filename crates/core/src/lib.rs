//! rackscope: which accelerators, racks and open models give the best price-performance for an
//! LLM inference workload, and on what evidence.
//!
//! The crate has three parts:
//!
//! - a **catalog** of chips, systems and models ([`Catalog`]) in which every number carries its
//!   source, date and confidence, and numbers nobody published are explicit [`Known::Missing`]
//!   facts, never guesses;
//! - a **performance model** ([`perf`]) that turns a [`Scenario`] into memory use, decode and
//!   prefill times and throughput, from bytes moved and FLOPs against the chips' bandwidth and
//!   compute, with a few global efficiency factors measured against published results
//!   ([`calibration`]);
//! - a **cost model** ([`cost`]): capital and power cost, $ per million tokens, TCO against an
//!   API and the break-even volume.
//!
//! Input is handled in two stages: JSON parses into raw types ([`RawScenario`]) using nothing but
//! the input, then resolves against the catalog ([`Scenario::resolve`]). Errors name the file,
//! the field path and what was expected.
//!
//! **Architecture Invariant:** the crate does no I/O, reads no clock and uses no randomness; it
//! builds for `wasm32-unknown-unknown`. With the `embedded` feature (default) the catalog is compiled
//! in from `data/`; without it, [`Catalog::from_files`] reads the same files given as text.
//!
//! # Example
//!
//! ```
//! use rackscope::{Catalog, RawScenario};
//! let catalog = Catalog::embedded()?;
//! let raw = RawScenario::from_json("example", r#"{
//!   "hardware": {"chip": "nvidia-h200-sxm", "count": 8},
//!   "model": "llama-3.1-70b",
//!   "precision": {"weights": "fp8"},
//!   "workload": {"input_tokens": 1000, "output_tokens": 1000, "concurrency": "max"}
//! }"#)?;
//! let prediction = rackscope::predict(&raw, &catalog, "example")?;
//! let report = prediction.report(&catalog);
//! assert!(report.fits);
//! assert!(report.decode.output_tokens_per_s > 1000.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod calibration;
pub mod catalog;
pub mod cost;
pub mod derive;
pub mod error;
pub mod fleet;
pub mod hardware;
pub mod hf;
pub mod llm;
pub mod money;
pub mod perf;
pub mod plan;
pub mod precision;
pub mod provenance;
pub mod report;
pub mod risk;
pub mod scenario;
pub mod sort;
pub mod uncertainty;
pub mod units;

pub use catalog::Catalog;
pub use error::{Error, ErrorKind, Errors};
pub use perf::Efficiency;
pub use precision::Precision;
pub use provenance::{Confidence, Known};
pub use report::{Prediction, Report};
pub use scenario::{RawScenario, Scenario};

/// Resolves, plans and costs a scenario with the calibrated efficiency factors.
///
/// # Errors
///
/// Every input problem (with its path inside `file`), a fact the calculation needs that the
/// catalog marks as missing, or a model that does not fit on the hardware given.
pub fn predict(raw: &RawScenario, catalog: &Catalog, file: &str) -> Result<Prediction, Errors> {
    predict_with(raw, catalog, file, &Efficiency::CALIBRATED)
}

/// [`predict`] with explicit efficiency factors (for sensitivity studies).
///
/// # Errors
///
/// As [`predict`].
pub fn predict_with(
    raw: &RawScenario,
    catalog: &Catalog,
    file: &str,
    eff: &Efficiency,
) -> Result<Prediction, Errors> {
    let scenario = Scenario::resolve(raw, catalog, file)?;
    let plan = plan::plan(&scenario, eff, file)?;
    let cost = scenario.cost.as_ref().map(|c| cost::estimate(&scenario, &plan.estimate, c));
    Ok(Prediction { scenario, plan, cost, efficiency: *eff })
}

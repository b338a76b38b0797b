//! Integration tests: one test binary, one module per boundary.

// The embedded catalog: coverage, provenance of every number, and errors for broken catalogs.
mod catalog;
// Scenario input errors and their messages, checked through `rackscope::predict`.
mod scenario_errors;
// Property tests of the performance and cost model's invariants.
mod physics;
// The command line, in-process: exit codes, JSON output and tables.
mod cli;
// Ranges from provenance: containment, monotonicity, the model error, explanations.
mod uncertainty;
// Risk profiles and `rackscope rank`: presets, hard constraints, explanations, profile errors.
mod risk;
// The mixed-fleet planner and `rackscope fleet`: demand met, cheapest, errors.
mod fleet;
// Charts: SVG snapshots of every kind, CSV and alt text, PNG output, odd data and sizes,
// escaping, and `rackscope chart`.
mod charts;
// The fuzz targets' corpus and crash inputs, through the targets' own bodies.
mod fuzz;
// Random scenarios with hostile numbers: every result is finite or a named error.
mod hostile;

use std::sync::OnceLock;

/// The embedded catalog, parsed once for the whole test binary.
fn catalog() -> &'static rackscope::Catalog {
    static CATALOG: OnceLock<rackscope::Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| match rackscope::Catalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("the embedded catalog does not load:\n{e}"),
    })
}

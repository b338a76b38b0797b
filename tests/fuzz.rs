//! The fuzz corpus and every crash input the fuzzer found, replayed on stable Rust.
//!
//! The bodies are the fuzz targets' own (`fuzz/src/lib.rs`, compiled here as a module), so a
//! regression the fuzzer caught once fails `cargo test` from then on. Files live in
//! `fuzz/corpus/TARGET/` (a minimised corpus) and `fuzz/regressions/TARGET/` (crash inputs,
//! named after what they broke).

use std::path::{Path, PathBuf};

#[path = "../fuzz/src/lib.rs"]
pub(crate) mod bodies;

/// Runs every corpus and regression file of `target` through `body`; names each file that
/// panics, and fails if there were no files at all.
fn check(target: &str, body: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files: Vec<PathBuf> = ["corpus", "regressions"]
        .iter()
        .filter_map(|d| std::fs::read_dir(root.join(d).join(target)).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus for fuzz target {target}");
    let failed: Vec<String> = files
        .iter()
        .filter(|p| {
            let data = std::fs::read(p).expect("readable corpus file");
            std::panic::catch_unwind(|| body(&data)).is_err()
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(failed.is_empty(), "fuzz target {target} fails on:\n{}", failed.join("\n"));
}

#[test]
fn catalog() {
    check("catalog", bodies::catalog);
}

#[test]
fn scenario() {
    check("scenario", bodies::scenario);
}

#[test]
fn hf_config() {
    check("hf_config", bodies::hf_config);
}

#[test]
fn url_state() {
    check("url_state", bodies::url_state);
}

#[test]
fn stored_data() {
    check("stored_data", bodies::stored_data);
}

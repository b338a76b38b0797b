//! Fuzz target `catalog`: the body is `rackscope_fuzz::catalog`, shared with the regression test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rackscope_fuzz::catalog(data));

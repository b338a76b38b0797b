//! Fuzz target `stored_data`: the body is `rackscope_fuzz::stored_data`, shared with the regression test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rackscope_fuzz::stored_data(data));

//! Fuzz target `scenario`: the body is `rackscope_fuzz::scenario`, shared with the regression test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rackscope_fuzz::scenario(data));

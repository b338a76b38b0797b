//! Fuzz target `hf_config`: the body is `rackscope_fuzz::hf_config`, shared with the regression test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rackscope_fuzz::hf_config(data));

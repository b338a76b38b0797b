//! Fuzz target `url_state`: the body is `rackscope_fuzz::url_state`, shared with the regression test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rackscope_fuzz::url_state(data));

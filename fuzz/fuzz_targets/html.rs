//! cargo-fuzz target `html`: see fuzz/common.rs for what an input does.
#![no_main]

#[path = "../common.rs"]
#[allow(dead_code)]
mod common;
#[path = "../harmless.rs"]
#[allow(dead_code)]
mod harmless;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("feedwright-fuzz-{}", std::process::id()));
    if let Err(problem) = common::one("html", data, 0, &dir) {
        panic!("{problem}");
    }
});

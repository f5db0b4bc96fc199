//! cargo-fuzz target `front_matter`: see feedwright_testkit::fuzz (testkit/src/fuzz.rs) for what an input does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("feedwright-fuzz-{}", std::process::id()));
    if let Err(problem) = feedwright_testkit::fuzz::one(feedwright::run, "front-matter", data, 0, &dir) {
        panic!("{problem}");
    }
});

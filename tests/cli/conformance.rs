//! The conformance suite: `tests/conformance/FAMILY/RULE.{valid,invalid}.xml`,
//! written by `scripts/conformance-gen.py`, one rule or family per pair. Each
//! file states the W3C error codes it must get (`<!-- expect: CODE ... -->`,
//! `none`, or `unsupported`); the W3C Feed Validation Service gives every
//! file the same error / no-error verdict (`scripts/w3c-agreement.py
//! --corpus tests/conformance --split all`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

use crate::util::{Site, repo};

/// Every file under `tests/conformance/`, sorted.
fn files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![repo().join("tests/conformance")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { dirs.push(path) } else { files.push(path) }
        }
    }
    files.sort();
    files
}

/// The codes after `expect:` in the file's first comment.
fn expected(path: &PathBuf) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("<!-- expect:").unwrap_or_else(|| panic!("{}: no `expect:` comment", path.display()));
    let rest = &text[start + "<!-- expect:".len()..];
    rest[..rest.find("-->").unwrap()].split_whitespace().map(str::to_owned).collect()
}

#[test]
fn every_conformance_feed_gets_exactly_its_expected_errors() {
    let site = Site::new();
    let files = files();
    assert!(files.len() >= 60, "the suite is missing: {}", files.len());
    let mut wrong = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for path in &files {
        let expect = expected(path);
        let name = path.to_string_lossy().into_owned();
        let output = site.run(&["check", "--format", "json", &name]);
        let code = output.status.code().unwrap_or(-1);
        if expect == ["unsupported"] {
            let stderr = String::from_utf8_lossy(&output.stderr);
            if code != 2 || !stderr.contains("unsupported") {
                wrong.push(format!("{name}: want exit 2 and `unsupported`, got {code}: {stderr}"));
            }
            continue;
        }
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        let got: BTreeSet<String> = report["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect();
        let want: BTreeSet<String> = expect.into_iter().filter(|c| c != "none").collect();
        if name.contains(".valid.") {
            valid += 1;
        } else {
            invalid += 1;
        }
        if got != want || (code == 0) != want.is_empty() {
            wrong.push(format!("{name}: want {want:?}, got {got:?} (exit {code})"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(valid > 0 && invalid > 0, "twins: {valid} valid, {invalid} invalid");
}

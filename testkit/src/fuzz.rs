//! What one fuzz input does, shared by the stable fuzz driver
//! (examples/fuzz-targets.rs) and the cargo-fuzz targets (fuzz/fuzz_targets/):
//! it becomes a site (or a feed, for `check`), runs through feedwright in
//! process (`Run`: `feedwright::run`, passed in so that this crate does not
//! depend on feedwright), and the invariants are checked.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::Rng;

/// feedwright's entry point: `feedwright::run`.
pub type Run = fn(Vec<String>) -> ExitCode;

const CONFIGS: &[&str] = &[
    "[site]\ntitle = \"Fuzz & <site>\"\nurl = \"https://example.com/\"\ntimezone = \"America/Los_Angeles\"\n[feeds]\nentries = \"all\"\n",
    "[site]\ntitle = \"F\"\nurl = \"https://example.com/blog/\"\nlanguage = \"fr\"\npermalink = \"/{year}/{month}/{day}/{slug}.html\"\nauthor = { name = \"A ]]>\", email = \"a@example.com\" }\n[feeds]\ncontent = \"summary\"\nentries = 3\n",
    "[site]\ntitle = \"F\"\nurl = \"http://127.0.0.1:8080/\"\n[feeds]\nformats = [\"json\", \"atom\"]\n",
];

/// One input turned into the files of a site: (relative path, bytes).
fn site_files(target: &str, input: &[u8], rng_seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng::new(rng_seed);
    match target {
        "front-matter" => vec![("articles/2026-01-02-a.md".into(), input.to_vec())],
        "html" => {
            let ext = ["md", "html", "txt"][rng.below(3)];
            let mut text = b"---\ntitle: Fuzzed body\ndate: 2026-01-02\n---\n".to_vec();
            text.extend_from_slice(input);
            vec![(format!("articles/2026-01-02-a.{ext}"), text)]
        }
        _ => {
            // `build`: the input split into up to four articles, and a config.
            let mut files = vec![("feedwright.toml".into(), CONFIGS[rng.below(CONFIGS.len())].as_bytes().to_vec())];
            let parts: Vec<&[u8]> = input.split(|&b| b == 0x1e).take(4).collect();
            for (index, part) in parts.iter().enumerate() {
                let ext = ["md", "html", "txt", "markdown"][rng.below(4)];
                files.push((format!("articles/sub{}/2026-01-0{}-p{index}.{ext}", index % 2, index + 1), part.to_vec()));
            }
            files
        }
    }
}

fn succeeds(run: Run, args: &[&str]) -> bool {
    run(std::iter::once("feedwright").chain(args.iter().copied()).map(str::to_owned).collect()) == ExitCode::SUCCESS
}

/// Runs one input; `Err` names a broken invariant.
pub fn one(run: Run, target: &str, input: &[u8], seed: u64, dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    if target == "check" {
        let file = dir.join("feed");
        std::fs::write(&file, input).unwrap();
        succeeds(run, &["check", "--format", "json", &file.to_string_lossy()]);
        return Ok(());
    }
    std::fs::write(dir.join("feedwright.toml"), CONFIGS[0]).unwrap();
    for (path, bytes) in site_files(target, input, seed) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let config = dir.join("feedwright.toml");
    if !succeeds(run, &["build", "--quiet", "--config", &config.to_string_lossy()]) {
        return Ok(());
    }
    let feeds: Vec<PathBuf> = ["rss.xml", "atom.xml", "feed.json"]
        .iter()
        .map(|name| dir.join("feeds").join(name))
        .filter(|path| path.exists())
        .collect();
    let mut args = vec!["check".to_owned(), "--format".into(), "json".into()];
    args.extend(feeds.iter().map(|p| p.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if !succeeds(run, &args) {
        return Err("the feeds of a successful build fail `feedwright check`".into());
    }
    if let Ok(bytes) = std::fs::read(dir.join("feeds/feed.json")) {
        let feed: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| format!("feed.json is not JSON: {e}"))?;
        for item in feed["items"].as_array().into_iter().flatten() {
            if let Some(html) = item["content_html"].as_str()
                && let Some(problem) = crate::harmless::executable_in_html(html)
            {
                return Err(format!("sanitised HTML holds {problem}"));
            }
        }
    }
    Ok(())
}

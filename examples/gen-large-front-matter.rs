//! One article with very large front matter, in each shape a site could
//! write it in, for `make bench` and the tests (issue 10: an 8 MB YAML front
//! matter took minutes to read).
//!
//! ```text
//! cargo run --release --example gen-large-front-matter -- SHAPE FILE [--summary-bytes N] [--list N]
//! ```
//!
//! Writes one article to `FILE` (its folder must exist). Shapes:
//!
//! - `yaml-block`: `summary: |`, a block scalar of `--summary-bytes` (default
//!   7,000,000) in lines of about 70 characters, and `tags:` as a block list
//!   of `--list` entries (default 100,000);
//! - `yaml-flow`: the summary as one double-quoted line, the tags as one flow
//!   list `tags: [a, b, …]`;
//! - `yaml-plain`: the summary as one plain (unquoted) line, the tags as one
//!   comma-separated string;
//! - `yaml-people`: `authors:` and `categories:` with `--list` entries each
//!   (authors as `{name, email}` maps), and a short summary;
//! - `toml`: `+++` front matter, the summary a `"""` multi-line string, the
//!   tags an array.
//!
//! Every tenth list entry repeats an earlier one in capitals (`TAG-00001`
//! after `tag-00001`), so de-duplication is exercised; `expected_tags` says
//! what the feeds must hold. Deterministic: the same arguments give the same
//! bytes. The generator itself is `feedwright_testkit::large_front_matter`.

use std::process::ExitCode;

use feedwright_testkit::large_front_matter::{Shape, article};

const USAGE: &str = "usage: gen-large-front-matter SHAPE FILE [--summary-bytes N] [--list N]\n\
                     SHAPE: yaml-block, yaml-flow, yaml-plain, yaml-people, toml";

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok((shape, file, summary_bytes, list)) => {
            let text = article(shape, summary_bytes, list);
            match std::fs::write(&file, &text) {
                Ok(()) => {
                    println!("wrote {file} ({} bytes, {})", text.len(), shape.name());
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("gen-large-front-matter: cannot write `{file}`: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(message) => {
            eprintln!("gen-large-front-matter: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<(Shape, String, usize, usize), String> {
    let shape = args.next().ok_or("missing SHAPE")?;
    let shape = Shape::ALL.into_iter().find(|s| s.name() == shape).ok_or(format!("unknown shape `{shape}`"))?;
    let file = args.next().ok_or("missing FILE")?;
    let (mut summary_bytes, mut list) = (7_000_000, 100_000);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("`{flag}` needs a number"))?;
        let value: usize = value.parse().map_err(|_| format!("`{flag}`: not a number: `{value}`"))?;
        match flag.as_str() {
            "--summary-bytes" => summary_bytes = value,
            "--list" => list = value,
            _ => return Err(format!("unknown option `{flag}`")),
        }
    }
    Ok((shape, file, summary_bytes, list))
}

//! One article with very large front matter, in each shape a site could
//! write it in, for `make bench` and the tests (issue 10: an 8 MB YAML front
//! matter took minutes to read).
//!
//! ```text
//! cargo run --release --example gen-large-front-matter -- SHAPE FILE [--summary-bytes N] [--list N]
//! (the command line is examples/gen-large-front-matter.rs)
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
//! bytes.

use std::fmt::Write as _;

/// How the front matter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    YamlBlock,
    YamlFlow,
    YamlPlain,
    YamlPeople,
    Toml,
}

impl Shape {
    pub const ALL: [Shape; 5] = [Shape::YamlBlock, Shape::YamlFlow, Shape::YamlPlain, Shape::YamlPeople, Shape::Toml];

    pub fn name(self) -> &'static str {
        match self {
            Shape::YamlBlock => "yaml-block",
            Shape::YamlFlow => "yaml-flow",
            Shape::YamlPlain => "yaml-plain",
            Shape::YamlPeople => "yaml-people",
            Shape::Toml => "toml",
        }
    }
}

/// Entry `i` of a list: `tag-00007`, or every tenth one, the capitalised
/// repeat of an earlier one.
pub fn list_entry(i: usize) -> String {
    if i % 10 == 9 { format!("TAG-{:05}", i - 9) } else { format!("tag-{i:05}") }
}

/// The tags the feeds must carry for a list of `n` entries: each first
/// spelling once, in order.
pub fn expected_tags(n: usize) -> Vec<String> {
    (0..n).filter(|i| i % 10 != 9).map(list_entry).collect()
}

/// Words of the summary, about 70 characters a line; `bytes` long in all
/// (give or take a line), starting with `Summary start` and ending with
/// `summary end` so tests can find both ends.
pub fn summary_lines(bytes: usize) -> Vec<String> {
    let words = ["lorem", "ipsum", "dolor", "sit", "amet", "café", "crème", "naïve", "x<y", "a&b"];
    let mut lines = vec!["Summary start".to_owned()];
    let mut total = 0;
    let mut i = 0usize;
    while total < bytes {
        let mut line = String::new();
        while line.len() < 70 {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(words[i % words.len()]);
            i = i.wrapping_mul(31).wrapping_add(7) % 1_000_003;
        }
        total += line.len() + 1;
        lines.push(line);
    }
    lines.push("summary end".to_owned());
    lines
}

/// The whole article file.
pub fn article(shape: Shape, summary_bytes: usize, list: usize) -> String {
    let lines = summary_lines(summary_bytes);
    let entries: Vec<String> = (0..list).map(list_entry).collect();
    let mut out = String::with_capacity(summary_bytes + list * 16 + 200);
    let title = "A very large front matter";
    let date = "2026-01-30T18:00:00-08:00";
    let yaml_head = format!("---\ntitle: {title}\ndate: {date}\nslug: large-{}\n", shape.name());
    match shape {
        Shape::Toml => {
            let _ = writeln!(out, "+++\ntitle = \"{title}\"\ndate = {date}\nslug = \"large-{}\"", shape.name());
            let _ = writeln!(out, "summary = \"\"\"\n{}\"\"\"", lines.join("\n"));
            out.push_str("tags = [");
            for (i, entry) in entries.iter().enumerate() {
                out.push_str(if i == 0 { "\"" } else { ", \"" });
                out.push_str(entry);
                out.push('"');
            }
            out.push_str("]\n+++\n");
        }
        Shape::YamlBlock => {
            out.push_str(&yaml_head);
            out.push_str("summary: |\n");
            for line in &lines {
                let _ = writeln!(out, "  {line}");
            }
            out.push_str("tags:\n");
            for entry in &entries {
                let _ = writeln!(out, "  - {entry}");
            }
            out.push_str("---\n");
        }
        Shape::YamlFlow => {
            out.push_str(&yaml_head);
            let _ = writeln!(out, "summary: \"{}\"", lines.join(" "));
            let _ = writeln!(out, "tags: [{}]\n---", entries.join(", "));
        }
        Shape::YamlPlain => {
            out.push_str(&yaml_head);
            let _ = writeln!(out, "summary: {}", lines.join(" "));
            let _ = writeln!(out, "tags: {}\n---", entries.join(", "));
        }
        Shape::YamlPeople => {
            out.push_str(&yaml_head);
            let _ = writeln!(out, "summary: {}", lines[..lines.len().min(3)].join(" "));
            out.push_str("authors:\n");
            for (i, entry) in entries.iter().enumerate() {
                let _ = writeln!(out, "  - name: Author {entry}\n    email: a{i}@example.com");
            }
            out.push_str("categories:\n");
            for entry in &entries {
                let _ = writeln!(out, "  - {entry}");
            }
            out.push_str("---\n");
        }
    }
    out.push_str("\nThe body is short: the front matter is what is large.\n");
    out
}

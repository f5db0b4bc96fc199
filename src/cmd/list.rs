//! `feedwright list [--format json]`: every article with its status, date,
//! id, slug, title, file and tags (and, in JSON, its URL).
//!
//! The text form is a table for people: a header row, columns aligned by
//! the width characters take on a terminal, titles longer than
//! `TITLE_WIDTH` cut with `…`. The JSON form is for scripts: every value in
//! full.

use std::io::Write;

use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::cache::BuildCache;
use crate::catalog::{self, Catalog, Discovered};
use crate::cli::{ListArgs, ListFormat};
use crate::config;
use crate::diagnostic::Diagnostic;
use crate::error::Failure;
use crate::model::date;

/// The widest a title is shown in the table, in terminal columns.
const TITLE_WIDTH: usize = 50;

#[derive(Serialize)]
struct Listed<'a> {
    status: &'static str,
    date: String,
    id: &'a str,
    /// JSON only: the table is wide enough without it.
    url: &'a str,
    slug: &'a str,
    title: &'a str,
    tags: &'a [String],
    file: &'a str,
}

pub(crate) fn run(args: &ListArgs) -> Result<(), Failure> {
    let (settings, warnings) = config::load(args.site.overrides(None)).map_err(Failure::Config)?;
    super::print_diagnostics(&warnings);
    let now = date::build_time()
        .map_err(|m| Failure::Config(vec![Diagnostic::error(None, m).with_code("invalid-source-date-epoch")]))?;
    let discovered = Discovered::find(&settings).map_err(|d| Failure::Config(vec![d]))?;
    let cached = BuildCache::open(&settings, false).articles();
    let catalog = Catalog::load(&settings, &discovered, now, catalog::Options::default(), cached.as_ref());
    let listed: Vec<Listed<'_>> = catalog
        .articles
        .iter()
        .map(|(status, p)| Listed {
            status: status.name(),
            date: p.published.to_rfc3339(),
            id: &p.id,
            url: p.url.as_str(),
            slug: &p.slug,
            title: &p.title,
            tags: &p.tags,
            file: &p.file,
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &listed).map_err(std::io::Error::from).and_then(|()| writeln!(out))
        }
        ListFormat::Text => print_table(&mut out, &listed),
    }
    .and_then(|()| out.flush());
    // A closed pipe (`feedwright list | head`) is not an error.
    if let Err(err) = written
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Failure::Io(anyhow::Error::new(err).context("cannot write the list")));
    }
    if catalog.diagnostics.has_errors() {
        return Err(Failure::Input(catalog.diagnostics.into_sorted()));
    }
    // Warnings too: a typo'd key drops data whichever command reads it.
    super::print_diagnostics(&catalog.diagnostics.into_sorted());
    Ok(())
}

const HEADER: [&str; 7] = ["STATUS", "DATE", "ID", "SLUG", "TITLE", "FILE", "TAGS"];

/// The table: the header, then one row per article, columns two spaces
/// apart, no trailing space.
fn print_table(out: &mut impl Write, listed: &[Listed<'_>]) -> std::io::Result<()> {
    let rows: Vec<[String; 7]> = listed
        .iter()
        .map(|l| {
            [
                cell(l.status),
                cell(&l.date),
                cell(l.id),
                cell(l.slug),
                cut(&cell(l.title), TITLE_WIDTH),
                cell(l.file),
                cell(&l.tags.join(", ")),
            ]
        })
        .collect();
    let header = HEADER.map(str::to_owned);
    let mut widths = [0; 7];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, value) in widths.iter_mut().zip(row) {
            *width = (*width).max(value.width());
        }
    }
    let mut line = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        line.clear();
        for (i, (value, width)) in row.iter().zip(widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(value);
            line.extend(std::iter::repeat_n(' ', width - value.width()));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// A value as one table cell: control characters (a file name may hold a
/// line feed) shown as `?`, so every row stays one line.
fn cell(value: &str) -> String {
    value.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// `value` within `max` terminal columns, cut with `…` when longer.
fn cut(value: &str, max: usize) -> String {
    if value.width() <= max {
        return value.to_owned();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in value.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.truncate(kept.trim_end().len());
    kept.push('…');
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed<'a>(status: &'static str, title: &'a str, tags: &'a [String]) -> Listed<'a> {
        Listed {
            status,
            date: "2026-01-10T09:00:00-08:00".into(),
            id: "tag:example.com,2026-01-10:post",
            url: "https://example.com/2026/01/post/",
            slug: "post",
            title,
            tags,
            file: "articles/2026-01-10-post.md",
        }
    }

    #[test]
    fn the_table_has_a_header_and_aligned_columns() {
        let tags = ["a".to_owned(), "b c".to_owned()];
        let rows = [listed("published", "Crème brûlée", &tags), listed("draft", "東京の話", &[])];
        let mut out = Vec::new();
        print_table(&mut out, &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\
STATUS     DATE                       ID                               SLUG  TITLE         FILE                         TAGS
published  2026-01-10T09:00:00-08:00  tag:example.com,2026-01-10:post  post  Crème brûlée  articles/2026-01-10-post.md  a, b c
draft      2026-01-10T09:00:00-08:00  tag:example.com,2026-01-10:post  post  東京の話      articles/2026-01-10-post.md
"
        );
    }

    #[test]
    fn long_titles_are_cut_to_the_column() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("exactly 10", 10), "exactly 10");
        assert_eq!(cut("a title that is too long", 10), "a title t…");
        assert_eq!(cut("a title  that", 9), "a title…");
        assert_eq!(cut("東京東京東京", 7), "東京東…");
        assert_eq!(cut("東京東京東京", 7).width(), 7);
        assert_eq!(cell("a\nb\u{1b}[31m"), "a?b?[31m");
    }
}

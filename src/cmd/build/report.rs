//! What a build did or, with `--check`, would do: per feed, the entries
//! added, changed and removed; printed for people (stderr) and as JSON for
//! bots (stdout, `--report json`).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::earlier::OnDisk;
use crate::cache;
use crate::cli::{BuildArgs, ChangeReport};
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::error::Failure;
use crate::format::Format;
use crate::model::{Entry, Published};
use crate::output::OutputFile;

/// One entry in a change list.
#[derive(Debug, Serialize)]
struct Change {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// What a build does (or, with `--check`, would do) to one feed file.
#[derive(Debug, Serialize)]
pub(super) struct FeedReport {
    file: String,
    format: &'static str,
    /// `written`, `unchanged`, or with `--check`: `fresh` or `stale`.
    pub(super) status: &'static str,
    added: Vec<Change>,
    changed: Vec<Change>,
    removed: Vec<Change>,
    /// The bytes differ in something other than the entries listed.
    other_changes: bool,
}

impl FeedReport {
    /// A feed the build leaves as it is, without looking at its entries.
    fn unchanged(settings: &Settings, format: Format, path: &std::path::Path, status: &'static str) -> Self {
        FeedReport {
            file: settings.display_path(path),
            format: format.name(),
            status,
            added: Vec::new(),
            changed: Vec::new(),
            removed: Vec::new(),
            other_changes: false,
        }
    }

    /// What writing `file` changes. The entry lists (`detailed`) cost a
    /// parse of the old file, so they are made only when someone reads them
    /// (`--check`, `--report`).
    pub(super) fn compare(
        settings: &Settings,
        format: Format,
        file: &OutputFile,
        previous: Option<&mut OnDisk>,
        entries: &[Entry],
        detailed: bool,
    ) -> Self {
        let differs = previous.as_ref().is_none_or(|p| p.bytes != file.bytes);
        // Identical bytes, identical entries: no need to parse the old file.
        let seen: &[Published] = match previous {
            Some(previous) if differs && detailed => {
                let _ = previous.parse();
                previous.entries.as_deref().unwrap_or_default()
            }
            _ => &[],
        };
        let by_id: HashMap<&str, &Published> = seen.iter().map(|s| (s.id.as_str(), s)).collect();
        let current: HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        let change = |e: &Entry| Change { id: e.id.clone(), title: e.title.clone(), url: Some(e.url.to_string()) };
        let mut added = Vec::new();
        let mut changed = Vec::new();
        if differs && detailed {
            for entry in entries {
                match by_id.get(entry.id.as_str()) {
                    None => added.push(change(entry)),
                    Some(old) if !same_for_format(format, old, entry) => changed.push(change(entry)),
                    Some(_) => {}
                }
            }
        }
        let removed: Vec<Change> = seen
            .iter()
            .filter(|s| !current.contains(s.id.as_str()))
            .map(|s| Change { id: s.id.clone(), title: s.title.clone().unwrap_or_default(), url: s.url.clone() })
            .collect();
        let other_changes = differs && detailed && added.is_empty() && changed.is_empty() && removed.is_empty();
        FeedReport {
            file: settings.display_path(&file.path),
            format: format.name(),
            status: if differs { "stale" } else { "fresh" },
            added,
            changed,
            removed,
            other_changes,
        }
    }
}

/// `looks_the_same_as`, limited to what the format can carry.
fn same_for_format(format: Format, old: &Published, entry: &Entry) -> bool {
    let mut comparable = entry.clone();
    if format != Format::Json {
        comparable.image = None;
    }
    if format == Format::Rss {
        comparable.external_url = None;
    }
    old.looks_the_same_as(&comparable) && (format == Format::Rss || old.updated == Some(entry.updated))
}

/// The report of a build whose feeds already stand (see `Index::still_holds`).
pub(super) fn report_nothing_changed(
    args: &BuildArgs,
    settings: &Settings,
    output_paths: &[PathBuf],
    last: &cache::LastBuild,
    warnings: &[Diagnostic],
) -> Result<(), Failure> {
    let status = if args.check { "fresh" } else { "unchanged" };
    let reports: Vec<FeedReport> = settings
        .feeds
        .formats
        .iter()
        .zip(output_paths)
        .map(|(format, path)| FeedReport::unchanged(settings, *format, path, status))
        .collect();
    emit(args, &reports, &last.held_back, warnings, last.articles, last.entries);
    Ok(())
}

/// A draft or future article, as reports list it: (file, title, status, date).
pub(super) type HeldBack = (String, String, String, chrono::DateTime<chrono::FixedOffset>);

/// Prints warnings and the summary (stderr), the change lists of `--check`,
/// and the JSON report (stdout) when asked.
pub(super) fn emit(
    args: &BuildArgs,
    reports: &[FeedReport],
    held_back: &[HeldBack],
    warnings: &[Diagnostic],
    articles: usize,
    entries: usize,
) {
    if let Some(ChangeReport::Json) = args.report {
        #[derive(Serialize)]
        struct Held<'a> {
            file: &'a str,
            title: &'a str,
            status: &'a str,
            date: String,
        }
        #[derive(Serialize)]
        struct Report<'a> {
            feeds: &'a [FeedReport],
            held_back: Vec<Held<'a>>,
        }
        let held = held_back
            .iter()
            .map(|(file, title, status, date)| Held { file, title, status, date: date.to_rfc3339() })
            .collect();
        let mut out = std::io::stdout().lock();
        let _ = serde_json::to_writer_pretty(&mut out, &Report { feeds: reports, held_back: held });
        let _ = writeln!(out);
    }
    let mut err = std::io::stderr().lock();
    if args.check {
        for report in reports {
            if report.status == "fresh" {
                continue;
            }
            let _ = writeln!(
                err,
                "{} is out of date: {} added, {} changed, {} removed{}",
                report.file,
                report.added.len(),
                report.changed.len(),
                report.removed.len(),
                if report.other_changes { "; other content differs" } else { "" }
            );
            for (label, list) in [("added", &report.added), ("changed", &report.changed), ("removed", &report.removed)]
            {
                for change in list {
                    let _ = writeln!(err, "  {label:<8} {}  {}", change.id, change.title);
                }
            }
        }
    }
    if args.quiet {
        return;
    }
    for warning in warnings {
        let _ = writeln!(err, "{warning}");
    }
    for (file, _, status, date) in held_back {
        let why = match status.as_str() {
            "draft" => "draft, not published".to_owned(),
            _ => format!("dated {}, published by the first build after that", date.to_rfc3339()),
        };
        let _ = writeln!(err, "note: {file}: {why}");
    }
    let listed: Vec<String> = reports.iter().map(|r| format!("{} ({})", r.file, r.status)).collect();
    let verb = if args.check { "checked" } else { "built" };
    let count = reports.len();
    let _ = writeln!(
        err,
        "{verb} {count} feed{} from {articles} article{} ({} entr{} per feed): {}",
        if count == 1 { "" } else { "s" },
        if articles == 1 { "" } else { "s" },
        entries,
        if entries == 1 { "y" } else { "ies" },
        listed.join(", ")
    );
}

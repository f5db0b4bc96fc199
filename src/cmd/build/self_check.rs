//! The check every feed passes before it replaces the published one, and
//! what it remembers for the next build (see `cache::Checked`).

use std::borrow::Borrow;
use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use super::locate::{FeedText, Source};
use super::made::Made;
use super::report::{FeedReport, FeedStatus};
use crate::cache;
use crate::check::{KnownClean, Severity};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Location};
use crate::format::Layout;

/// What the self-check says of one feed file, for the next build: what it
/// found, located in the file, and which entries are known clean.
pub(super) struct Verdict {
    found: Vec<Diagnostic>,
    entries: KnownEntries,
}

enum KnownEntries {
    /// Checked without any finding: these entries, in this context.
    Clean { context: u128, entries: HashSet<u128> },
    /// Not checked: the file on disk already has these bytes.
    Unchanged,
    /// Findings, or no layout: none.
    None,
}

/// Runs `check` on every feed whose bytes differ from the file on disk, in
/// parallel, and turns its findings into diagnostics: one in an entry is
/// reported at the line of the article it came from (see `locate`), one
/// elsewhere at the feed file. Entries whose bytes were checked before in
/// the same surroundings, with no finding at all, are left out of the
/// document checked (entries are checked on their own; what relates them,
/// unique ids and dates, the model guarantees); a finding in what is left
/// is located in the whole file by checking that. The head and tail are
/// always checked. A file left as it is was checked by the build that wrote
/// it: its findings are the ones that build recorded, so a warning is
/// repeated on every build until its cause is fixed, and checked again when
/// there is no record (a fresh clone).
pub(super) fn self_check(
    settings: &Settings,
    made: &[impl Borrow<Made> + Sync],
    reports: &[FeedReport],
    known_clean: &std::sync::Arc<KnownClean>,
    checked_before: &cache::Checked,
    sources: &[Source<'_>],
) -> (Vec<Diagnostic>, Vec<Verdict>) {
    type Found = (Diagnostic, Option<String>);
    let results: Vec<(Vec<Found>, Verdict)> = made
        .par_iter()
        .zip(reports)
        .map(|(made, report)| {
            let made: &Made = made.borrow();
            let shown = settings.display_path(&made.file.path);
            let bytes = &made.file.bytes;
            let recorded = (report.status == FeedStatus::Fresh).then(|| checked_before.findings(bytes)).flatten();
            let (found, entries) = match recorded {
                Some(found) => (found.to_vec(), KnownEntries::Unchanged),
                None => check_one(made, &shown, known_clean, checked_before),
            };
            let feed = FeedText::new(made.format, &shown, bytes, made.layout.as_ref());
            let moved = found.iter().map(|finding| from_article(&feed, finding, sources)).collect();
            (moved, Verdict { found, entries })
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut verdicts = Vec::new();
    for (found, verdict) in results {
        diagnostics.extend(found);
        verdicts.push(verdict);
    }
    (merge_feeds(diagnostics), verdicts)
}

/// Checks one feed file: its findings, located in the file, and the
/// verdict for the next build.
fn check_one(
    made: &Made,
    shown: &str,
    known_clean: &std::sync::Arc<KnownClean>,
    checked_before: &cache::Checked,
) -> (Vec<Diagnostic>, KnownEntries) {
    let bytes = &made.file.bytes;
    let hashes = made.layout.as_ref().map(|layout| {
        let entries: Vec<u128> = layout.entries.iter().map(|r| cache::entry_hash(&bytes[r.clone()])).collect();
        (layout, layout.context_hash(bytes), entries)
    });
    let check = |document: &[u8]| crate::check::check_knowing(document, Some(known_clean.clone()));
    // With every entry known, the head and tail (its date may have
    // moved) are still checked, around the first entry.
    let partial = hashes.as_ref().and_then(|(layout, context, entries)| {
        let before = checked_before.entries(*context)?;
        layout.with_only(bytes, |i| !before.contains(&entries[i])).or_else(|| layout.with_only(bytes, |i| i == 0))
    });
    let result = match partial {
        Some(document) => match check(&document) {
            Ok((_, findings)) if findings.iter().all(|f| f.severity == Severity::Info) => Ok(findings),
            _ => check(bytes).map(|(_, findings)| findings),
        },
        None if made.layout.as_ref().is_some_and(|layout| clean_in_parts(bytes, layout, known_clean)) => Ok(Vec::new()),
        None => check(bytes).map(|(_, findings)| findings),
    };
    let findings: Vec<crate::check::Finding> = match result {
        Ok(findings) => findings.into_iter().filter(|f| f.severity != Severity::Info).collect(),
        Err(err) => {
            let error = Diagnostic::error(Some(Location::file(shown)), format!("cannot check the feed: {err}"))
                .with_code("cannot-check");
            return (vec![error], KnownEntries::None);
        }
    };
    let known = match hashes {
        Some((_, context, entries)) if findings.is_empty() => {
            KnownEntries::Clean { context, entries: entries.into_iter().collect() }
        }
        _ => KnownEntries::None,
    };
    (diagnostics(findings, shown), known)
}

/// Whether `check` finds nothing but notes in the document `bytes`,
/// checked in parts of about `PART_BYTES` (the head and tail around a run
/// of entries), on every core. A large document is then checked in about
/// the time of its share of the cores rather than on one, and each check
/// holds only its part in memory (the JSON Feed check reads a document into
/// a tree). Entries are checked on their own here as they are in a
/// rebuild (see `self_check`): what relates them the model guarantees.
/// When a part has a finding, the caller checks the whole document, so
/// that every finding is reported at its line in the file.
pub(super) fn clean_in_parts(bytes: &[u8], layout: &Layout, known_clean: &Arc<KnownClean>) -> bool {
    /// About this many bytes of entries a part.
    const PART_BYTES: usize = 4 << 20;
    layout.runs_of(PART_BYTES).into_par_iter().all(|run| {
        layout.with_range(bytes, run).is_some_and(|part| {
            matches!(crate::check::check_knowing(part.as_slice(), Some(known_clean.clone())),
                Ok((_, findings)) if findings.iter().all(|f| f.severity == Severity::Info))
        })
    })
}

/// What `check` finds in `document` (not `Info`), as diagnostics at the
/// file shown as `shown`.
pub(super) fn findings_in(document: &[u8], shown: &str, known_clean: &Arc<KnownClean>) -> Vec<Diagnostic> {
    match crate::check::check_knowing(document, Some(known_clean.clone())) {
        Ok((_, findings)) => {
            diagnostics(findings.into_iter().filter(|f| f.severity != Severity::Info).collect(), shown)
        }
        Err(err) => vec![
            Diagnostic::error(Some(Location::file(shown)), format!("cannot check the feed: {err}"))
                .with_code("cannot-check"),
        ],
    }
}

fn diagnostics(findings: Vec<crate::check::Finding>, shown: &str) -> Vec<Diagnostic> {
    findings
        .into_iter()
        .map(|f| {
            let line = usize::try_from(f.pos.line).unwrap_or(usize::MAX);
            let column = usize::try_from(f.pos.col).unwrap_or(usize::MAX);
            let location = Some(Location::at_column(shown, line, column));
            let diagnostic = match f.severity {
                Severity::Error => Diagnostic::error(location, f.message),
                _ => Diagnostic::warning(location, f.message),
            };
            diagnostic.with_code(f.code).with_hint(f.hint)
        })
        .collect()
}

/// A finding of the check, as the author should see it: at the article
/// whose entry holds it, with where it is in the feed, else at the feed
/// file. An error is a bug of feedwright's unless an article causes it, and
/// says so.
fn from_article(feed: &FeedText<'_>, finding: &Diagnostic, sources: &[Source<'_>]) -> (Diagnostic, Option<String>) {
    let (mut shown, place) = match feed.to_article(finding, sources) {
        Some((moved, place)) => (moved, Some(place)),
        None => {
            let mut kept = finding.clone();
            kept.message = format!("the new feed fails its check: {}", finding.message);
            (kept, None)
        }
    };
    if shown.is_error() {
        shown.hint =
            Some("this is a feedwright bug unless the article causes it: please report it with the article".into());
    }
    (shown, place)
}

/// The same finding about the same article line, once per feed format, is
/// one diagnostic naming each feed: `… (in `feeds/rss.xml:20`, `feeds/atom.xml:18`)`.
fn merge_feeds(found: Vec<(Diagnostic, Option<String>)>) -> Vec<Diagnostic> {
    let mut merged: Vec<(Diagnostic, Vec<String>)> = Vec::with_capacity(found.len());
    // By where, what kind and what.
    type Key = (Option<Location>, Option<Box<str>>, String);
    let mut at: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for (diagnostic, place) in found {
        let Some(place) = place else {
            merged.push((diagnostic, Vec::new()));
            continue;
        };
        let key = (diagnostic.location.clone(), diagnostic.code.clone(), diagnostic.message.clone());
        match at.get(&key) {
            Some(&index) => merged[index].1.push(place),
            None => {
                at.insert(key, merged.len());
                merged.push((diagnostic, vec![place]));
            }
        }
    }
    let with_places = |(mut diagnostic, places): (Diagnostic, Vec<String>)| {
        if !places.is_empty() {
            let places: Vec<String> = places.iter().map(|place| format!("`{place}`")).collect();
            diagnostic.message = format!("{} (in {})", diagnostic.message, places.join(", "));
        }
        diagnostic
    };
    merged.into_iter().map(with_places).collect()
}

/// The self-check's verdicts for the next build: what it found in each
/// file, the files checked clean now, and the records of unchanged files.
pub(super) fn kept_verdicts<'m>(
    verdicts: impl IntoIterator<Item = ((&'m Made, cache::FileHash), Verdict)>,
    mut before: cache::Checked,
) -> cache::Checked {
    let mut next = cache::Checked::default();
    for ((made, hash), verdict) in verdicts {
        let bytes = &made.file.bytes;
        next.record_findings(hash, verdict.found);
        match verdict.entries {
            KnownEntries::Clean { context, entries } => next.insert(context, entries),
            KnownEntries::Unchanged => {
                if let Some(layout) = &made.layout {
                    let context = layout.context_hash(bytes);
                    if let Some(entries) = before.take(context) {
                        next.insert(context, entries);
                    }
                }
            }
            KnownEntries::None => {}
        }
    }
    next
}

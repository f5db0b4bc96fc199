//! The check every feed passes before it replaces the published one, and
//! what it remembers for the next build (see `cache::Checked`).

use std::collections::HashSet;

use rayon::prelude::*;

use super::report::FeedReport;
use super::{Made, cannot_save};
use crate::cache;
use crate::check::{KnownClean, Severity};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// What the self-check says of one feed file, for the next build.
pub(super) enum Verdict {
    /// Checked without any finding: these entries, in this context.
    Clean { context: u128, entries: HashSet<u128> },
    /// Not checked: the file on disk already has these bytes.
    Unchanged,
    /// Not recorded: findings, or no layout.
    Other,
}

/// Runs `check` on every feed whose bytes differ from the file on disk, in
/// parallel, and turns its findings into diagnostics naming the feed file.
/// Entries whose bytes were checked before in the same surroundings, with
/// no finding at all, are left out of the document checked (entries are
/// checked on their own; what relates them, unique ids and dates, the
/// model guarantees); a finding in what is left is located in the whole
/// file by checking that. The head and tail are always checked.
pub(super) fn self_check(
    settings: &Settings,
    made: &[Made],
    reports: &[FeedReport],
    known_clean: KnownClean,
    checked_before: &cache::Checked,
) -> (Vec<Diagnostic>, Vec<Verdict>) {
    let known_clean = std::sync::Arc::new(known_clean);
    let results: Vec<(Vec<Diagnostic>, Verdict)> = made
        .par_iter()
        .zip(reports)
        .map(|(made, report)| {
            if report.status == "fresh" {
                return (Vec::new(), Verdict::Unchanged);
            }
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
                layout
                    .with_only(bytes, |i| !before.contains(&entries[i]))
                    .or_else(|| layout.with_only(bytes, |i| i == 0))
            });
            let result = match partial {
                Some(document) => match check(&document) {
                    Ok((_, findings)) if findings.iter().all(|f| f.severity == Severity::Info) => Ok(findings),
                    _ => check(bytes).map(|(_, findings)| findings),
                },
                None => check(bytes).map(|(_, findings)| findings),
            };
            let shown = settings.display_path(&made.file.path);
            let findings: Vec<crate::check::Finding> = match result {
                Ok(findings) => findings.into_iter().filter(|f| f.severity != Severity::Info).collect(),
                Err(err) => {
                    let error =
                        Diagnostic::error(Some(Location::file(&shown)), format!("cannot check the feed: {err}"));
                    return (vec![error], Verdict::Other);
                }
            };
            let verdict = match hashes {
                Some((_, context, entries)) if findings.is_empty() => {
                    Verdict::Clean { context, entries: entries.into_iter().collect() }
                }
                _ => Verdict::Other,
            };
            let diagnostics = findings
                .into_iter()
                .map(|f| {
                    let location = Some(Location::at(&shown, usize::try_from(f.pos.line).unwrap_or(usize::MAX)));
                    let message = format!("the new feed fails its check: {} [{}]", f.message, f.code);
                    let hint =
                        "this is a feedwright bug unless an article causes it: please report it with the article";
                    match f.severity {
                        Severity::Error => Diagnostic::error(location, message).with_hint(hint),
                        _ => Diagnostic::warning(location, message).with_hint(f.hint),
                    }
                })
                .collect();
            (diagnostics, verdict)
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut verdicts = Vec::new();
    for (found, verdict) in results {
        diagnostics.extend(found);
        verdicts.push(verdict);
    }
    (diagnostics, verdicts)
}

/// Keeps the self-check's verdicts for the next build: the files checked
/// clean now, and the records of unchanged files.
pub(super) fn keep_verdicts(
    settings: &Settings,
    made: &[Made],
    verdicts: Vec<Verdict>,
    before: &mut cache::Checked,
    diagnostics: &mut Diagnostics,
) {
    let mut next = cache::Checked::default();
    for (made, verdict) in made.iter().zip(verdicts) {
        match verdict {
            Verdict::Clean { context, entries } => next.insert(context, entries),
            Verdict::Unchanged => {
                if let Some(layout) = &made.layout {
                    let context = layout.context_hash(&made.file.bytes);
                    if let Some(entries) = before.take(context) {
                        next.insert(context, entries);
                    }
                }
            }
            Verdict::Other => {}
        }
    }
    if let Err(err) = next.save(settings) {
        diagnostics.push(cannot_save(&err, "check every entry again"));
    }
}

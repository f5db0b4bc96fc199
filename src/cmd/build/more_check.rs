//! The check of the feeds beyond the main ones (see `more_feeds`), which
//! hold the same entries many times over: a feed per tag repeats each
//! entry once per tag, in every format.
//!
//! So each entry is checked once, in the document of every entry the main
//! feeds leave out (the main feeds' own are checked with them), and each
//! document for its own parts: its head and tail, around its first entry.
//! An entry's bytes are the same in every document, and what relates
//! entries (unique ids and dates) the model guarantees. When anything is
//! found, in that document of all entries or in a document's parts, the
//! documents concerned are checked whole instead, so every finding is
//! reported at its line in the file written.

use std::sync::Arc;

use rayon::prelude::*;

use super::more_feeds::Extras;
use super::report::{FeedReport, FeedStatus};
use super::self_check::{clean_in_parts, findings_in};
use crate::check::KnownClean;
use crate::config::Settings;
use crate::diagnostic::Diagnostic;

/// What the check finds in the documents beyond the main feeds whose bytes
/// changed (`reports`, in the order of `extras.documents`); a document
/// left as it is was checked by the build that wrote it.
pub(super) fn check(
    settings: &Settings,
    extras: &Extras,
    reports: &[FeedReport],
    known_clean: &Arc<KnownClean>,
) -> Vec<Diagnostic> {
    let changed: Vec<_> = extras
        .documents
        .iter()
        .zip(reports)
        .filter(|(_, report)| report.status == FeedStatus::Stale)
        .map(|(extra, _)| extra)
        .collect();
    if changed.is_empty() {
        return Vec::new();
    }
    // Every entry not in the main feeds, once per format.
    let entries_clean = extras
        .rest
        .par_iter()
        .all(|(_, written)| written.layout.as_ref().is_some_and(|l| clean_in_parts(&written.bytes, l, known_clean)));
    changed
        .par_iter()
        .flat_map(|extra| {
            let made = &extra.made;
            let shown = settings.display_path(&made.file.path);
            let whole = || findings_in(&made.file.bytes, &shown, known_clean);
            match (&made.layout, entries_clean) {
                (Some(layout), true) => match layout.with_only(&made.file.bytes, |i| i == 0) {
                    Some(parts) if findings_in(&parts, &shown, known_clean).is_empty() => Vec::new(),
                    _ => whole(),
                },
                _ => whole(),
            }
        })
        .collect()
}

//! `build -v`: what was skipped and what the build cache saved, one `info:`
//! line each (nothing without `-v`).

use crate::catalog::Discovered;
use crate::cmd::verbose;

/// Every file of the articles folder that is not an article, and why.
pub(super) fn skipped(discovered: &Discovered) {
    for skipped in &discovered.skipped {
        verbose(format_args!("skipped {}: {}", skipped.shown, skipped.why));
    }
}

pub(super) fn nothing_changed() {
    verbose(format_args!(
        "nothing changed since the last build (no article file or feed touched, no date came due): \
         the feeds on disk are kept as they are"
    ));
}

/// How many of the `found` article files had to be `read` (the others came
/// from the cache, if there was one).
pub(super) fn read(had_cache: bool, found: usize, read: usize) {
    if !had_cache {
        verbose(format_args!("no build cache to compare with: every article is read"));
    }
    let cached = found.saturating_sub(read);
    verbose(format_args!("{cached} of {found} article files taken from the build cache (unchanged), {read} read"));
}

/// How many of the feed's `entries` were not rendered again.
pub(super) fn rendered(reused: usize, entries: usize) {
    let again = entries.saturating_sub(reused);
    verbose(format_args!(
        "{reused} of {entries} entries reused as the last build rendered them, {again} rendered again"
    ));
}

pub(super) fn unchanged(file: &str) {
    verbose(format_args!("{file} unchanged: left as it was, not rewritten"));
}

pub(super) fn no_ping() {
    verbose(format_args!("no feed file changed: the hub is not pinged"));
}

/// How many of the oldest archive pages are left as the last build wrote
/// them, and the entries not rendered for them (see `Plan::freeze`).
pub(super) fn frozen(pages: usize, entries: usize) {
    if pages > 0 {
        let plural = if pages == 1 { "" } else { "s" };
        verbose(format_args!(
            "{pages} archive page{plural} left as the last build wrote them: their {entries} entries not rendered"
        ));
    }
}

/// A frozen archive page would not have come out the same: the build
/// starts again (see `Plan::verify`).
pub(super) fn again() {
    verbose(format_args!(
        "an entry of an archive page left as it was moved its date (a newer article took it): building again, every page"
    ));
}

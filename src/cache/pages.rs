//! What the last build wrote in each RFC 5005 archive page: enough to know,
//! before rendering anything, that a page would come out the same bytes
//! again, so that its entries are neither rendered, formatted, checked nor
//! written (see `cmd/build/more_feeds::Plan::freeze`).
//!
//! A page's bytes are a function of the settings and this executable (the
//! cache's `Key`), its number and whether a newer page follows it, and of
//! its entries: each one's id, its rendering (the cache record it was
//! rendered from, kept only when the rendering depended on nothing but its
//! own article: `Origin::source`) and its final `updated` (which
//! `distinct_updated` may have moved by a few seconds). All of that is
//! recorded here, and a page is only ever reused while its files on disk
//! are as that build left them.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::Key;

/// The archive pages of the last build, page 1 (the oldest) first.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Pages {
    pub(super) key: Key,
    pages: Vec<Page>,
}

/// One archive page as the last build wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Page {
    /// Whether a newer page followed it (its `next-archive` link was that
    /// page, not the current feed).
    pub(crate) followed: bool,
    /// Its entries, newest first.
    pub(crate) entries: Vec<PageEntry>,
}

/// One entry of an archive page, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PageEntry {
    pub(crate) id: String,
    /// The cache record its rendering came from (see `Origin::source`).
    pub(crate) source: u128,
    /// Its `updated` as written: the instant and the UTC offset, since both
    /// are in the bytes.
    pub(crate) updated: (i64, u32, i32),
}

impl PageEntry {
    /// `updated` as a `PageEntry` keeps it.
    pub(crate) fn date(updated: &DateTime<FixedOffset>) -> (i64, u32, i32) {
        (updated.timestamp(), updated.timestamp_subsec_nanos(), updated.offset().local_minus_utc())
    }
}

impl Pages {
    pub(crate) fn new(pages: Vec<Page>) -> Pages {
        Pages { key: Key::default(), pages }
    }

    /// Page `number` (from 1) as the last build wrote it.
    pub(crate) fn page(&self, number: usize) -> Option<&Page> {
        self.pages.get(number.checked_sub(1)?)
    }
}

//! The three feed formats: file names, media types, and dispatch to the
//! writer of each. Types from the `rss` and `atom_syndication` crates never
//! leave this module.

mod atom;
mod json_feed;
mod rss;

use serde::Deserialize;
use url::Url;

use crate::model::{Feed, Published};

/// A feed format, as named in `feedwright.toml` (`formats = ["rss", "atom", "json"]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Format {
    Rss,
    Atom,
    Json,
}

impl Format {
    pub(crate) const ALL: [Format; 3] = [Format::Rss, Format::Atom, Format::Json];

    /// The file the format is written to in the output folder.
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            Format::Rss => "rss.xml",
            Format::Atom => "atom.xml",
            Format::Json => "feed.json",
        }
    }

    /// The name used in `feedwright.toml` and in reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Json => "json",
        }
    }

    /// The media type a server should send, and the type of self links.
    pub(crate) fn media_type(self) -> &'static str {
        match self {
            Format::Rss => "application/rss+xml",
            Format::Atom => "application/atom+xml",
            Format::Json => "application/feed+json",
        }
    }

    /// The feed as this format's bytes. `self_url` is where the file is served.
    pub(crate) fn write(self, feed: &Feed, self_url: &Url) -> Vec<u8> {
        match self {
            Format::Rss => rss::write(feed, self_url),
            Format::Atom => atom::write(feed, self_url),
            Format::Json => json_feed::write(feed, self_url),
        }
    }

    /// The entries of a feed file in this format, as readers see them.
    pub(crate) fn read(self, bytes: &[u8]) -> Result<Vec<Published>, String> {
        match self {
            Format::Rss => rss::read(bytes),
            Format::Atom => atom::read(bytes),
            Format::Json => json_feed::read(bytes),
        }
    }

    /// What the history will read of `entry` from this format's file, for
    /// the formats that carry every value it reads as written (JSON Feed);
    /// `None` for the others, whose files are parsed instead.
    pub(crate) fn seen(self, entry: &crate::model::Entry) -> Option<crate::model::history::Seen> {
        match self {
            Format::Json => Some(json_feed::seen(entry)),
            Format::Rss | Format::Atom => None,
        }
    }

    /// The formats in the order their files tell the most about published
    /// entries: JSON Feed keeps every field as written, RSS has no
    /// `updated`.
    pub(crate) const MOST_FAITHFUL_FIRST: [Format; 3] = [Format::Json, Format::Atom, Format::Rss];
}

/// A generous guess at a feed file's size, so the writer's buffer is
/// allocated once: growing a 100 MB buffer by doubling copies it again and
/// again and faults in every page twice.
fn capacity_for(feed: &Feed) -> usize {
    let per_entry = |e: &crate::model::Entry| {
        let content = e.content_html.as_ref().map_or(0, String::len);
        // Escaping (`<` as `&lt;`) grows markup by about a fifth.
        content + content / 4 + 2 * e.summary.len() + 1024
    };
    feed.entries.iter().map(per_entry).sum::<usize>() + 4096
}

/// The name the generator gives itself in every feed.
const GENERATOR: &str = "feedwright";
const GENERATOR_URI: &str = "https://github.com/feedwright/feedwright";

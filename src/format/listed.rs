//! The feed documents a build writes, as feeds.opml and index.html list them.

use url::Url;

use super::Format;

/// One feed document a build writes, as feeds.opml and index.html list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Listed {
    /// "Example News" for the main feeds, "Example News — tag: protests" for the others.
    pub(crate) title: String,
    pub(crate) format: Format,
    /// Where the file is served (absolute): the OPML `xmlUrl`.
    pub(crate) url: Url,
    /// The page the feed is about (the site, or the tag's page if known): `htmlUrl`.
    pub(crate) html_url: Url,
    /// The file, relative to the output folder, `/`-separated: "atom.xml", "tags/protests/rss.xml", "archive/3/atom.xml".
    pub(crate) path: String,
    pub(crate) kind: Kind,
}

/// What a listed feed is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(dead_code)] // Until feeds.opml lists them.
pub(crate) enum Kind {
    Main,
    Tag(String),
    Author(String),
    Category(String),
    Archive(usize),
}

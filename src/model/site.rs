//! The site as the configuration resolved it: what the articles are read
//! against (its URL, zone, permalink, default author). Here, below both
//! `config` (which makes it) and the stages that read it, so that neither
//! depends on the other's internals.

use url::Url;

use super::Person;
use super::permalink::Permalink;

/// Whether entries carry the article's full HTML or only its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ContentMode {
    #[default]
    Full,
    Summary,
}

/// The site, resolved: every value checked and every default decided.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub(crate) title: String,
    /// Absolute http(s) URL ending in `/`.
    pub(crate) url: Url,
    pub(crate) description: String,
    pub(crate) language: Option<String>,
    pub(crate) author: Option<Person>,
    pub(crate) timezone: chrono_tz::Tz,
    pub(crate) permalink: Permalink,
    /// What ends an article's summary in its body (`[articles]
    /// summary_separator`, `<!--more-->` by default; empty: none).
    pub(crate) summary_separator: String,
    /// The site folder (of `feedwright.toml`): where enclosures' files are
    /// looked for.
    pub(crate) folder: std::path::PathBuf,
    /// `[site] icon`, `logo` and `[podcast]`.
    pub(crate) media: super::podcast::SiteMedia,
}

//! The entry model every format writer reads: typed values, no XML, no I/O.
//!
//! `normalize` turns parsed articles into `Entry`s; `Feed` is what one feed
//! file holds, whatever its format.

pub(crate) mod date;
pub(crate) mod history;
pub(crate) mod normalize;
pub(crate) mod permalink;

use chrono::{DateTime, FixedOffset};
use url::Url;

/// A person named as an author (Atom `author`, RSS `dc:creator`, JSON Feed `authors`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    /// Never empty.
    pub(crate) name: String,
    pub(crate) email: Option<String>,
    pub(crate) uri: Option<Url>,
}

impl Person {
    /// A person, or `None` when the name is empty once white space is folded.
    pub(crate) fn new(name: &str, email: Option<String>, uri: Option<Url>) -> Option<Self> {
        let name = crate::text::collapse_whitespace(name);
        (!name.is_empty()).then_some(Person { name, email, uri })
    }
}

/// A plain `local@domain` address: one `@`, no spaces, a dot-free or dotted
/// domain, nothing a mail client would reject outright.
pub(crate) fn parse_email(text: &str) -> Result<String, String> {
    let text = text.trim();
    let valid = text.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && text.chars().all(|c| c.is_ascii_graphic() && !"()<>[],;:\\\"".contains(c) || !c.is_ascii())
    });
    if valid { Ok(text.to_owned()) } else { Err(format!("`{text}` is not an email address")) }
}

/// One entry of a feed: an article, resolved and rendered.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// Permanent id: Atom `id`, RSS `guid`, JSON Feed `id`.
    pub(crate) id: String,
    /// Plain text, white space folded, never empty.
    pub(crate) title: String,
    /// The article's page (Atom `link rel="alternate"`, RSS `link`, JSON `url`).
    pub(crate) url: Url,
    /// For link posts: the page the article is about (JSON `external_url`,
    /// Atom `link rel="related"`).
    pub(crate) external_url: Option<Url>,
    pub(crate) published: DateTime<FixedOffset>,
    /// Never before `published`.
    pub(crate) updated: DateTime<FixedOffset>,
    pub(crate) authors: Vec<Person>,
    /// Plain text: RSS `description`, Atom `summary`, JSON `summary`.
    pub(crate) summary: String,
    /// Sanitised HTML with absolute links, or `None` in summary-only feeds.
    pub(crate) content_html: Option<String>,
    /// Tags and categories, in the order written, without duplicates.
    pub(crate) tags: Vec<String>,
    pub(crate) language: Option<String>,
    pub(crate) image: Option<Url>,
}

/// An entry as an already published feed shows it: what readers have seen.
/// Read back from our own output (or a foreign feed), so every field may be
/// missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Published {
    pub(crate) id: String,
    pub(crate) title: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) external_url: Option<String>,
    pub(crate) published: Option<DateTime<FixedOffset>>,
    pub(crate) updated: Option<DateTime<FixedOffset>>,
    pub(crate) summary: Option<String>,
    pub(crate) content_html: Option<String>,
    pub(crate) image: Option<String>,
}

impl Published {
    /// Whether a reader would see `entry` as this entry unchanged: same
    /// title, link, summary, content, external link and image.
    pub(crate) fn looks_the_same_as(&self, entry: &Entry) -> bool {
        let summary = (!entry.summary.is_empty()).then_some(entry.summary.as_str());
        self.title.as_deref() == Some(entry.title.as_str())
            && self.url.as_deref() == Some(entry.url.as_str())
            && self.summary.as_deref() == summary
            && self.content_html.as_deref() == entry.content_html.as_deref()
            && self.external_url.as_deref() == entry.external_url.as_ref().map(Url::as_str)
            && self.image.as_deref() == entry.image.as_ref().map(Url::as_str)
    }
}

/// Feed-level values shared by every format.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FeedMeta {
    pub(crate) title: String,
    pub(crate) description: String,
    /// The site's home page.
    pub(crate) home_url: Url,
    /// A permanent id for the feed (Atom `id`).
    pub(crate) id: String,
    pub(crate) language: Option<String>,
    pub(crate) author: Option<Person>,
    /// The newest `updated` among the entries: never the clock.
    pub(crate) updated: DateTime<FixedOffset>,
}

/// What one feed file holds: its metadata and its entries, newest first.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Feed {
    pub(crate) meta: FeedMeta,
    pub(crate) entries: Vec<Entry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["a@b.c", "first.last+tag@example.co.uk", "x@localhost"] {
            assert!(parse_email(ok).is_ok(), "{ok}");
        }
        for bad in ["", "a", "@b", "a@", "a@@b", "a b@c", "a@b..c", "<a@b>"] {
            assert!(parse_email(bad).is_err(), "{bad}");
        }
    }
}

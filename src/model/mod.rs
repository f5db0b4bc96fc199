//! The entry model every format writer reads: typed values, no XML.
//!
//! `normalize` turns a parsed article into a `Pending` entry (every value
//! resolved, the body still as written); `Pending::render` turns it into an
//! `Entry`, reading the body from the article file when only the front
//! matter was read (the one read this module does, through `source`).
//! `Feed` is what one feed file holds, whatever its format. `history` is
//! what readers have seen (ids, dates), `site` the resolved site values
//! both the configuration and the articles are read against.

pub(crate) mod date;
pub(crate) mod enclosure;
pub(crate) mod groups;
pub(crate) mod history;
pub(crate) mod language;
pub(crate) mod normalize;
mod page_url;
pub(crate) mod permalink;
pub(crate) mod podcast;
mod similarity;
mod site;

pub(crate) use site::{ContentMode, Site};

use chrono::{DateTime, FixedOffset};
use url::Url;

/// A person named as an author (Atom `author`, RSS `dc:creator`, JSON Feed `authors`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// An email address as feed validators accept it: `local@domain` where the
/// local part is letters, digits and `_+.'-`, and the domain has at least
/// two dot-separated labels of letters, digits and `-`.
pub(crate) fn parse_email(text: &str) -> Result<String, String> {
    let text = text.trim();
    let label_ok = |l: &str| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let valid = text.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && local.chars().all(|c| c.is_ascii_alphanumeric() || "_+.'-".contains(c))
            && domain.contains('.')
            && domain.split('.').all(label_ok)
    });
    if valid { Ok(text.to_owned()) } else { Err(format!("`{text}` is not an email address")) }
}

/// Splits the common `Name <name@example.com>` author form into its name
/// and address; anything else is a plain name.
pub(crate) fn split_name_and_email(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if let Some(open) = text.rfind('<')
        && text.ends_with('>')
    {
        let address = text[open + 1..text.len() - 1].trim();
        if address.contains('@') {
            return (text[..open].trim().to_owned(), Some(address.to_owned()));
        }
    }
    (text.to_owned(), None)
}

/// An absolute URL (any scheme), canonical.
pub(crate) fn parse_absolute_url(text: &str) -> Result<Url, String> {
    match Url::parse(text.trim()) {
        Ok(url) => Ok(canonical_url(url)),
        Err(url::ParseError::RelativeUrlWithoutBase) => Err(format!("`{text}` is not an absolute URL")),
        Err(err) => Err(format!("`{text}` is not a valid URL: {err}")),
    }
}

/// `url` as feeds must carry it: characters RFC 3986 does not allow in a
/// URI (`|`, `[`, `]` outside the host, `^`, `{`, `}`, `` ` ``, `\`) are
/// percent-encoded, and percent-escapes are upper case (the canonical form
/// validators expect).
pub(crate) fn canonical_url(url: Url) -> Url {
    let text = url.as_str();
    let start = url[..url::Position::BeforePath].len();
    let (head, tail) = text.split_at(start);
    let needs_work = tail.bytes().enumerate().any(|(i, b)| {
        b"|[]^{}`\\".contains(&b)
            || (b == b'%' && tail.as_bytes().get(i + 1..i + 3).is_some_and(|h| h.iter().any(u8::is_ascii_lowercase)))
    });
    if !needs_work {
        return url;
    }
    let mut fixed = String::with_capacity(text.len() + 8);
    fixed.push_str(head);
    let bytes = tail.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b"|[]^{}`\\".contains(&b) {
            fixed.push_str(&format!("%{b:02X}"));
        } else if b == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            fixed.push('%');
            fixed.push(char::from(bytes[i + 1].to_ascii_uppercase()));
            fixed.push(char::from(bytes[i + 2].to_ascii_uppercase()));
            i += 2;
        } else {
            fixed.push(char::from(b));
        }
        i += 1;
    }
    Url::parse(&fixed).unwrap_or(url)
}

/// One entry of a feed: an article, resolved and rendered.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
    /// Plain text, never empty: RSS `description`, Atom `summary`, JSON `summary`.
    pub(crate) summary: String,
    /// Sanitised HTML with absolute links, never empty; `None` in
    /// summary-only feeds and for an empty body.
    pub(crate) content_html: Option<String>,
    /// Tags and categories, in the order written, without duplicates.
    pub(crate) tags: Vec<String>,
    pub(crate) language: Option<String>,
    pub(crate) image: Option<Url>,
    /// Enclosures and podcast episode values.
    pub(crate) media: enclosure::EntryMedia,
}

/// An entry as an already published feed shows it: what readers have seen.
/// Read back from our own output (or a foreign feed), so every field may be
/// missing. `C` is how the content is kept: its HTML as read (`String`), or
/// only a hash of it where nothing but equality matters (`history::Seen`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Published<C = String> {
    pub(crate) id: String,
    pub(crate) title: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) external_url: Option<String>,
    pub(crate) published: Option<DateTime<FixedOffset>>,
    pub(crate) updated: Option<DateTime<FixedOffset>>,
    pub(crate) summary: Option<String>,
    pub(crate) content: Option<C>,
    pub(crate) image: Option<String>,
    /// The first enclosure's URL: a new file is news to subscribers.
    #[serde(default)]
    pub(crate) enclosure: Option<String>,
}

/// Content as a published entry keeps it, compared with an entry's HTML.
pub(crate) trait KeptContent {
    fn is(&self, html: &str) -> bool;
}

impl KeptContent for String {
    fn is(&self, html: &str) -> bool {
        self == html
    }
}

impl KeptContent for u128 {
    fn is(&self, html: &str) -> bool {
        *self == history::content_hash(html)
    }
}

impl<C: KeptContent> Published<C> {
    /// Whether a reader would see `entry` as this entry unchanged: same
    /// title, link, summary (an empty one is none), content, external link
    /// and image.
    pub(crate) fn looks_the_same_as(&self, entry: &Entry) -> bool {
        let content = match (&self.content, entry.content_html.as_deref()) {
            (None, None) => true,
            (Some(kept), Some(html)) => kept.is(html),
            _ => false,
        };
        let summary = (!entry.summary.is_empty()).then_some(entry.summary.as_str());
        content
            && self.title.as_deref() == Some(entry.title.as_str())
            && self.url.as_deref() == Some(entry.url.as_str())
            && self.summary.as_deref() == summary
            && self.external_url.as_deref() == entry.external_url.as_ref().map(Url::as_str)
            && self.image.as_deref() == entry.image.as_ref().map(Url::as_str)
            && self.enclosure.as_deref() == entry.media.enclosures.first().map(|e| e.url.as_str())
    }
}

impl Published {
    /// The same entry with its content kept as a hash (`history::Seen`).
    pub(crate) fn into_seen(self) -> Published<u128> {
        Published {
            content: self.content.as_deref().map(history::content_hash),
            id: self.id,
            title: self.title,
            url: self.url,
            external_url: self.external_url,
            published: self.published,
            updated: self.updated,
            summary: self.summary,
            image: self.image,
            enclosure: self.enclosure,
        }
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
    pub(crate) links: FeedLinks,
    /// The site's icon, logo and podcast.
    pub(crate) media: podcast::SiteMedia,
}

/// What a feed document links to besides its site and itself: a WebSub
/// hub, its neighbours in an RFC 5005 archive, a stylesheet. The archive
/// links are folder URLs (ending in `/`): each format's writer adds its
/// own file name, so an RSS archive page links to RSS pages.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FeedLinks {
    pub(crate) hub: Option<Url>,
    /// This document is an archive page (RFC 5005 `fh:archive`).
    pub(crate) archive: bool,
    /// The current (subscription) document, from an archive page.
    pub(crate) current: Option<Url>,
    /// The archive page holding the entries just older than this document's.
    pub(crate) prev_archive: Option<Url>,
    /// The archive page holding the entries just newer (archive pages only).
    pub(crate) next_archive: Option<Url>,
    /// The `href` of the CSS that makes the document readable in a browser,
    /// relative to the document (RSS and Atom only).
    pub(crate) stylesheet: Option<String>,
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
        for ok in ["a@b.c", "first.last+tag@example.co.uk", "o'neil@e.com"] {
            assert!(parse_email(ok).is_ok(), "{ok}");
        }
        for bad in
            ["", "a", "@b", "a@", "a@@b", "a b@c", "a@b..c", "<a@b>", "x@localhost", "c=x@e.com", "e@exa_mple.com"]
        {
            assert!(parse_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn name_and_email() {
        assert_eq!(split_name_and_email("Bob <bob@example.com>"), ("Bob".into(), Some("bob@example.com".into())));
        assert_eq!(split_name_and_email("Bob"), ("Bob".into(), None));
        assert_eq!(split_name_and_email("a <b>"), ("a <b>".into(), None));
    }

    #[test]
    fn urls_are_canonical() {
        let url = Url::parse("https://e.com/a|b/%c3%bc?q=[1]^{2}`x").unwrap();
        assert_eq!(canonical_url(url).as_str(), "https://e.com/a%7Cb/%C3%BC?q=%5B1%5D%5E%7B2%7D%60x");
        let fine = Url::parse("https://[::1]/x").unwrap();
        assert_eq!(canonical_url(fine).as_str(), "https://[::1]/x");
    }
}

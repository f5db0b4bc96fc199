//! `Feed` -> JSON Feed 1.1, through serde structs whose field order is the
//! output's key order.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::Serialize;
use url::Url;

use super::parts::Written;
use crate::model::history::{Seen, content_hash};
use crate::model::{Entry, Feed, Person, Published};

const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    /// The archive page with the next older items (RFC 5005's `prev-archive`).
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    icon: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    favicon: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<Hub<'a>>,
    items: Vec<Item<'a>>,
}

/// A WebSub hub (JSON Feed 1.1 `hubs`).
#[derive(Serialize)]
struct Hub<'a> {
    r#type: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<super::media::Attachment<'a>>,
}

pub(super) fn write(feed: &Feed, self_url: &Url, earlier: &[Option<&[u8]>]) -> Written {
    by_entry(feed, self_url, earlier).unwrap_or_else(|| Written::whole(whole(feed, self_url)))
}

/// The whole document at once, as serde_json writes it.
pub(super) fn whole(feed: &Feed, self_url: &Url) -> Vec<u8> {
    document(feed, self_url, &feed.entries)
}

/// The summary and content HTML of an item this module wrote (`item` is
/// its bytes), as the entry had them.
pub(super) fn rendering(item: &[u8]) -> Option<(String, Option<String>)> {
    #[derive(serde::Deserialize)]
    struct Rendering {
        #[serde(default)]
        summary: String,
        #[serde(default)]
        content_html: Option<String>,
    }
    let rendering: Rendering = serde_json::from_slice(item).ok()?;
    Some((rendering.summary, rendering.content_html))
}

/// The items one at a time, on every core: serde_json writes an item alone
/// as it writes it inside the document, but four spaces further left.
/// `earlier[i]`, when there is one, is what an earlier build wrote for entry
/// `i` (an entry of equal value): used as it is.
fn by_entry(feed: &Feed, self_url: &Url, earlier: &[Option<&[u8]>]) -> Option<Written> {
    const TAIL: &[u8] = b"\n  ]\n}\n";
    let write_item = |entry: &Entry| {
        let mut alone = Vec::with_capacity(super::size_hint(&[entry]));
        serde_json::to_writer_pretty(&mut alone, &item(entry)).expect("serialising to memory cannot fail");
        // A JSON string holds no raw line break: every one is indentation.
        let mut indented = Vec::with_capacity(alone.len() + alone.len() / 8);
        for (index, line) in alone.split(|&b| b == b'\n').enumerate() {
            if index > 0 {
                indented.extend_from_slice(b"\n    ");
            }
            indented.extend_from_slice(line);
        }
        indented
    };
    // The document holding only the first item shows the head around it.
    let first = document(feed, self_url, feed.entries.get(..1)?);
    let first_item = write_item(&feed.entries[0]);
    let head_len = first.len().checked_sub(TAIL.len() + first_item.len())?;
    if !(first.ends_with(TAIL) && first[head_len..first.len() - TAIL.len()] == first_item) {
        return None;
    }
    let capacity = super::size_hint(&feed.entries.iter().collect::<Vec<_>>());
    Written::build(&first[..head_len], feed.entries.len(), b",\n    ", TAIL, capacity, |index| {
        Some(match earlier.get(index) {
            Some(Some(bytes)) => Cow::Borrowed(*bytes),
            _ => Cow::Owned(write_item(&feed.entries[index])),
        })
    })
}

/// The JSON Feed document for `feed`, holding only `entries`.
fn document(feed: &Feed, self_url: &Url, entries: &[Entry]) -> Vec<u8> {
    let meta = &feed.meta;
    let document = JsonFeed {
        version: VERSION,
        title: &meta.title,
        home_page_url: meta.home_url.as_str(),
        feed_url: self_url.as_str(),
        description: &meta.description,
        next_url: meta
            .links
            .prev_archive
            .as_ref()
            .and_then(|folder| Some(folder.join(super::Format::Json.file_name()).ok()?.to_string())),
        language: meta.language.as_deref(),
        icon: meta.media.logo.as_ref().map(Url::as_str),
        favicon: meta.media.icon.as_ref().map(Url::as_str),
        authors: meta.author.iter().map(author).collect(),
        hubs: meta.links.hub.iter().map(|hub| Hub { r#type: "WebSub", url: hub.as_str() }).collect(),
        items: entries.iter().map(item).collect(),
    };
    let mut out = Vec::with_capacity(super::size_hint(&entries.iter().collect::<Vec<_>>()));
    serde_json::to_writer_pretty(&mut out, &document).expect("serialising to memory cannot fail");
    out.push(b'\n');
    out
}

fn item(entry: &Entry) -> Item<'_> {
    Item {
        id: &entry.id,
        url: entry.url.as_str(),
        external_url: entry.external_url.as_ref().map(Url::as_str),
        title: &entry.title,
        content_html: entry.content_html.as_deref(),
        // A summary-only feed still needs content (JSON Feed 1.1 §items).
        content_text: entry.content_html.is_none().then_some(entry.summary.as_str()),
        summary: &entry.summary,
        image: entry.image.as_ref().map(Url::as_str),
        date_published: rfc3339(&entry.published),
        date_modified: rfc3339(&entry.updated),
        authors: entry.authors.iter().map(author).collect(),
        tags: &entry.tags,
        language: entry.language.as_deref(),
        attachments: super::media::attachments(entry),
    }
}

fn author(person: &Person) -> Author<'_> {
    Author {
        name: &person.name,
        url: person
            .uri
            .as_ref()
            .map(Url::to_string)
            .or_else(|| person.email.as_ref().map(|email| format!("mailto:{email}"))),
    }
}

fn rfc3339(date: &DateTime<FixedOffset>) -> String {
    date.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// What `read` will make of `entry` once written, as the history keeps it:
/// JSON Feed carries every value the history reads, as written, so this is
/// known without writing and parsing (tested below).
pub(super) fn seen(entry: &Entry) -> Seen {
    Seen {
        id: entry.id.clone(),
        title: Some(entry.title.clone()),
        url: Some(entry.url.to_string()),
        external_url: entry.external_url.as_ref().map(Url::to_string),
        published: Some(entry.published),
        updated: Some(entry.updated),
        summary: (!entry.summary.is_empty()).then(|| entry.summary.clone()),
        content: entry.content_html.as_deref().map(content_hash),
        image: entry.image.as_ref().map(Url::to_string),
        enclosure: entry.media.enclosures.first().map(|e| e.url.to_string()),
    }
}

pub(super) fn read(bytes: &[u8]) -> Result<Vec<Published>, String> {
    let document: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let items = document.get("items").and_then(|i| i.as_array()).ok_or("no `items` array")?;
    let text = |item: &serde_json::Value, key: &str| item.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let date = |item: &serde_json::Value, key: &str| {
        item.get(key).and_then(|v| v.as_str()).and_then(|d| DateTime::parse_from_rfc3339(d).ok())
    };
    Ok(items
        .iter()
        .filter_map(|item| {
            Some(Published {
                id: text(item, "id")?,
                title: text(item, "title"),
                url: text(item, "url"),
                external_url: text(item, "external_url"),
                published: date(item, "date_published"),
                updated: date(item, "date_modified"),
                summary: text(item, "summary"),
                content: text(item, "content_html"),
                image: text(item, "image"),
                enclosure: item
                    .get("attachments")
                    .and_then(|a| a.get(0))
                    .and_then(|a| a.get("url"))
                    .and_then(|u| u.as_str())
                    .map(str::to_owned),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FeedMeta;

    fn date(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn what_is_seen_of_an_entry_is_what_reading_it_back_gives() {
        let url = |u: &str| Url::parse(u).unwrap();
        let base = Entry {
            id: "tag:example.com,2026-01-01:a".into(),
            title: "A & <b>".into(),
            url: url("https://example.com/a/"),
            external_url: None,
            published: date("2026-01-01T10:00:00+05:45"),
            updated: date("2026-01-02T10:00:00.250Z"),
            authors: vec![],
            summary: "Sum \"q\" \u{1F600}".into(),
            content_html: Some("<p>x</p>".into()),
            tags: vec!["t".into()],
            language: Some("en".into()),
            image: None,
            media: crate::model::enclosure::EntryMedia {
                enclosures: vec![crate::model::enclosure::Enclosure {
                    url: url("https://example.com/a.mp3"),
                    mime_type: "audio/mpeg".into(),
                    length: 12,
                }],
                ..Default::default()
            },
        };
        let entries = vec![
            base.clone(),
            Entry {
                id: "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66".into(),
                summary: String::new(),
                content_html: None,
                external_url: Some(url("https://elsewhere.example/x?y=1")),
                image: Some(url("https://example.com/i.png")),
                published: date("1999-12-31T23:59:59-12:00"),
                updated: date("1999-12-31T23:59:59-12:00"),
                ..base.clone()
            },
        ];
        let feed = Feed {
            meta: FeedMeta {
                title: "T".into(),
                description: "D".into(),
                home_url: url("https://example.com/"),
                id: "https://example.com/".into(),
                language: None,
                author: None,
                updated: date("2026-01-02T10:00:00Z"),
                links: Default::default(),
                media: Default::default(),
            },
            entries,
        };
        let read_back: Vec<Seen> = read(&write(&feed, &url("https://example.com/feed.json"), &[]).bytes)
            .unwrap()
            .into_iter()
            .map(Published::into_seen)
            .collect();
        let seen: Vec<Seen> = feed.entries.iter().map(seen).collect();
        assert_eq!(read_back, seen);
        // The same offsets too (equality of dates compares instants only).
        let offsets = |list: &[Seen]| {
            list.iter()
                .map(|s| (s.published.map(|d| d.offset().local_minus_utc()), s.updated.map(|d| d.to_rfc3339())))
                .collect::<Vec<_>>()
        };
        assert_eq!(offsets(&read_back), offsets(&seen));
    }
}

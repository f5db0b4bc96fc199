//! `Feed` -> JSON Feed 1.1, through serde structs whose field order is the
//! output's key order.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::Serialize;
use url::Url;

use crate::model::{Entry, Feed, Person, Published};

const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    items: Vec<Item<'a>>,
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
}

pub(super) fn write(feed: &Feed, self_url: &Url) -> Vec<u8> {
    let meta = &feed.meta;
    let document = JsonFeed {
        version: VERSION,
        title: &meta.title,
        home_page_url: meta.home_url.as_str(),
        feed_url: self_url.as_str(),
        description: &meta.description,
        language: meta.language.as_deref(),
        authors: meta.author.iter().map(author).collect(),
        items: feed.entries.iter().map(item).collect(),
    };
    let mut out = Vec::with_capacity(super::capacity_for(feed));
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
                content_html: text(item, "content_html"),
                image: text(item, "image"),
            })
        })
        .collect())
}

//! `Feed` -> RSS 2.0 (with the content, Dublin Core and Atom namespaces the
//! RSS Best Practices Profile recommends), written by the `rss` crate.
//!
//! Mapping: title -> `title`; summary (as escaped HTML) -> `description`;
//! content -> `content:encoded`; id -> `guid` (a permalink only when the id
//! is the entry's URL); published -> `pubDate` (RFC 822, four-digit year);
//! authors -> `dc:creator` (RSS `author` must be an email address); tags ->
//! `category`; the feed's own URL -> `atom:link rel="self"`.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use rss::extension::dublincore::DublinCoreExtension;
use url::Url;

use super::{Format, GENERATOR};
use crate::model::{Entry, Feed, Published};
use crate::text::escape_html;

const DOCS: &str = "https://www.rssboard.org/rss-specification";

pub(super) fn write(feed: &Feed, self_url: &Url) -> Vec<u8> {
    let meta = &feed.meta;
    let self_link = atom_syndication::Link {
        href: self_url.to_string(),
        rel: "self".into(),
        mime_type: Some(Format::Rss.media_type().into()),
        ..Default::default()
    };
    let channel = rss::Channel {
        title: meta.title.clone(),
        link: meta.home_url.to_string(),
        description: meta.description.clone(),
        language: meta.language.clone(),
        last_build_date: Some(rfc822(&meta.updated)),
        generator: Some(GENERATOR.into()),
        docs: Some(DOCS.into()),
        atom_ext: Some(rss::extension::atom::AtomExtension { links: vec![self_link] }),
        items: feed.entries.iter().map(item).collect(),
        namespaces: BTreeMap::new(),
        ..Default::default()
    };
    let mut out = channel.pretty_write_to(Vec::new(), b' ', 2).expect("writing XML to memory cannot fail");
    out.push(b'\n');
    out
}

fn item(entry: &Entry) -> rss::Item {
    let is_permalink = entry.id == entry.url.as_str();
    rss::Item {
        title: Some(entry.title.clone()),
        link: Some(entry.url.to_string()),
        description: (!entry.summary.is_empty()).then(|| escape_html(&entry.summary)),
        guid: Some(rss::Guid { value: entry.id.clone(), permalink: is_permalink }),
        pub_date: Some(rfc822(&entry.published)),
        categories: entry.tags.iter().map(|tag| rss::Category { name: tag.clone(), domain: None }).collect(),
        content: entry.content_html.clone(),
        dublin_core_ext: (!entry.authors.is_empty()).then(|| DublinCoreExtension {
            creators: entry.authors.iter().map(|a| a.name.clone()).collect(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// RFC 822 as updated by RFC 1123 and written in the RSS 2.0 examples:
/// two-digit day, four-digit year, numeric zone. chrono's English names,
/// never the machine's locale.
fn rfc822(date: &DateTime<FixedOffset>) -> String {
    date.format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

pub(super) fn read(bytes: &[u8]) -> Result<Vec<Published>, String> {
    let channel = rss::Channel::read_from(bytes).map_err(|e| e.to_string())?;
    Ok(channel
        .items
        .iter()
        .filter_map(|item| {
            Some(Published {
                id: item.guid.as_ref()?.value.clone(),
                title: item.title.clone(),
                url: item.link.clone(),
                external_url: None,
                published: item.pub_date.as_deref().and_then(|d| DateTime::parse_from_rfc2822(d).ok()),
                updated: None,
                summary: item.description.as_deref().map(unescape_html),
                content_html: item.content.clone(),
                image: None,
            })
        })
        .collect())
}

/// The reverse of `escape_html`, for descriptions we wrote.
fn unescape_html(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")
}

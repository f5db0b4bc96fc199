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

use super::parts::{self, Written};
use super::{Format, GENERATOR};
use crate::model::{Entry, Feed, Published};
use crate::text::{escape_html, unescape_html};

const DOCS: &str = "https://www.rssboard.org/rss-specification";

pub(super) fn write(feed: &Feed, self_url: &Url, earlier: &[Option<&[u8]>]) -> Written {
    let uses = super::Uses::of(feed);
    parts::by_cutting(feed, earlier, b"</channel>", "lastBuildDate", |entries| document(feed, uses, self_url, entries))
}

/// The whole document at once, as the `rss` crate writes a feed.
#[cfg(test)]
pub(super) fn whole(feed: &Feed, self_url: &Url) -> Vec<u8> {
    document(feed, super::Uses::of(feed), self_url, &feed.entries.iter().collect::<Vec<_>>())
}

/// The RSS document for `feed`, holding only `entries`. Its head declares
/// the namespaces the whole feed uses, whichever entries it holds.
fn document(feed: &Feed, uses: super::Uses, self_url: &Url, entries: &[&Entry]) -> Vec<u8> {
    let meta = &feed.meta;
    let atom_link = |rel: &str, href: &str, media_type: Option<&str>| atom_syndication::Link {
        href: href.into(),
        rel: rel.into(),
        mime_type: media_type.map(Into::into),
        ..Default::default()
    };
    let media_type = Some(Format::Rss.media_type());
    let mut links = vec![atom_link("self", self_url.as_str(), media_type)];
    links.extend(meta.links.hub.iter().map(|hub| atom_link("hub", hub.as_str(), None)));
    links.extend(
        super::paging_links(&meta.links, Format::Rss).iter().map(|(rel, url)| atom_link(rel, url.as_str(), media_type)),
    );
    // As the crate declares them for the items that use them.
    let mut namespaces = BTreeMap::new();
    if uses.content {
        namespaces.insert("content".to_owned(), CONTENT_NAMESPACE.to_owned());
    }
    if uses.authors {
        namespaces.insert("dc".to_owned(), rss::extension::dublincore::NAMESPACE.to_owned());
    }
    let mut extensions = rss::extension::ExtensionMap::default();
    if meta.links.archive {
        namespaces.insert("fh".to_owned(), super::HISTORY_NAMESPACE.to_owned());
        let archive = rss::extension::Extension { name: "fh:archive".into(), ..Default::default() };
        extensions.entry("fh".into()).or_default().insert("archive".into(), vec![archive]);
    }
    super::media::rss_namespaces(feed, uses.images, &mut namespaces);
    let channel = rss::Channel {
        title: meta.title.clone(),
        link: meta.home_url.to_string(),
        description: meta.description.clone(),
        language: meta.language.clone(),
        last_build_date: Some(rfc822(&meta.updated)),
        generator: Some(GENERATOR.into()),
        docs: Some(DOCS.into()),
        atom_ext: Some(rss::extension::atom::AtomExtension { links }),
        extensions,
        items: entries.iter().map(|entry| item(entry, meta.media.podcast.is_some())).collect(),
        namespaces,
        ..Default::default()
    };
    let mut channel = channel;
    super::media::rss_channel(&mut channel, meta, self_url);
    let out = Vec::with_capacity(super::size_hint(entries));
    let out = channel.pretty_write_to(out, b' ', 2).expect("writing XML to memory cannot fail");
    let mut out = hex_escape_outside_cdata(&out);
    out.push(b'\n');
    super::finish_head(out, &meta.links)
}

const CONTENT_NAMESPACE: &str = "http://purl.org/rss/1.0/modules/content/";

/// Rewrites `&amp;` as `&#x26;` and `&lt;` as `&#x3C;` outside CDATA
/// sections: the same characters, in the form the RSS Best Practices
/// Profile recommends so that readers (and validators) know a `<` or `&` in
/// a title is text, not markup.
fn hex_escape_outside_cdata(xml: &[u8]) -> Vec<u8> {
    const OPEN: &[u8] = b"<![CDATA[";
    const CLOSE: &[u8] = b"]]>";
    let mut out = Vec::with_capacity(xml.len() + xml.len() / 64);
    let mut rest = xml;
    while !rest.is_empty() {
        let (plain, cdata) = match find(rest, OPEN) {
            Some(at) => rest.split_at(at),
            None => (rest, &b""[..]),
        };
        let mut text = plain;
        while let Some(at) = memchr::memchr(b'&', text) {
            out.extend_from_slice(&text[..at]);
            let tail = &text[at..];
            if tail.starts_with(b"&amp;") {
                out.extend_from_slice(b"&#x26;");
                text = &tail[5..];
            } else if tail.starts_with(b"&lt;") {
                out.extend_from_slice(b"&#x3C;");
                text = &tail[4..];
            } else {
                out.push(b'&');
                text = &tail[1..];
            }
        }
        out.extend_from_slice(text);
        if cdata.is_empty() {
            break;
        }
        let end = find(cdata, CLOSE).map_or(cdata.len(), |at| at + CLOSE.len());
        out.extend_from_slice(&cdata[..end]);
        rest = &cdata[end..];
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn item(entry: &Entry, podcast: bool) -> rss::Item {
    let is_permalink = entry.id == entry.url.as_str();
    let mut item = rss::Item {
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
    };
    super::media::rss_item(&mut item, entry, podcast);
    item
}

/// RFC 822 as updated by RFC 1123 and written in the RSS 2.0 examples:
/// two-digit day, four-digit year, numeric zone. chrono's English names,
/// never the machine's locale. Zones that are not a whole or half hour
/// (Nepal's +0545) trip up readers and validators, so those dates are
/// written in UTC, the same instant.
fn rfc822(date: &DateTime<FixedOffset>) -> String {
    let offset = date.offset().local_minus_utc();
    if offset % 1800 == 0 {
        date.format("%a, %d %b %Y %H:%M:%S %z").to_string()
    } else {
        date.naive_utc().format("%a, %d %b %Y %H:%M:%S +0000").to_string()
    }
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
                content: item.content.clone(),
                image: None,
                enclosure: super::media::first_url(item.enclosure.iter().map(|e| e.url.as_str())),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_outside_cdata_are_hex() {
        let xml = b"<t>a &amp; b &lt; c &gt; &quot;</t><d><![CDATA[x &amp; &lt;p&gt;]]></d><t>&amp;</t>";
        assert_eq!(
            String::from_utf8(hex_escape_outside_cdata(xml)).unwrap(),
            "<t>a &#x26; b &#x3C; c &gt; &quot;</t><d><![CDATA[x &amp; &lt;p&gt;]]></d><t>&#x26;</t>"
        );
    }

    #[test]
    fn odd_zones_are_written_in_utc() {
        let nepal = DateTime::parse_from_rfc3339("2026-01-10T00:00:00+05:45").unwrap();
        assert_eq!(rfc822(&nepal), "Fri, 09 Jan 2026 18:15:00 +0000");
        let india = DateTime::parse_from_rfc3339("2026-01-10T00:00:00+05:30").unwrap();
        assert_eq!(rfc822(&india), "Sat, 10 Jan 2026 00:00:00 +0530");
    }
}

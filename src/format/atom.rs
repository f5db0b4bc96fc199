//! `Feed` -> Atom 1.0 (RFC 4287), written by `atom_syndication`.
//!
//! Every entry has an author: its own, else the feed's (the site author, or
//! the site title when the site names none), as §4.1.1 requires.
//!
//! The content (`type="html"`) is written in a CDATA section, as RSS's
//! `content:encoded` is, rather than escaped: the crate would escape every
//! `<` of the HTML as `&lt;`, which costs the writer a copy and every
//! reader (and our own self-check) an entity per tag. Readers see the same
//! text either way (XML 1.0 §2.7).

use atom_syndication as atom;
use url::Url;

use super::parts::{self, Written};
use super::{Format, GENERATOR, GENERATOR_URI};
use crate::model::{Entry, Feed, Person, Published};
use crate::text::{escape_html, unescape_html};

pub(super) fn write(feed: &Feed, self_url: &Url, earlier: &[Option<&[u8]>]) -> Written {
    let uses = super::Uses::of(feed);
    parts::by_cutting(feed, earlier, b"</feed>", "updated", |entries| document(feed, uses, self_url, entries))
}

/// The whole document at once, as `atom_syndication` writes a feed.
#[cfg(test)]
pub(super) fn whole(feed: &Feed, self_url: &Url) -> Vec<u8> {
    document(feed, super::Uses::of(feed), self_url, &feed.entries.iter().collect::<Vec<_>>())
}

/// The Atom document for `feed`, holding only `entries`.
fn document(feed: &Feed, uses: super::Uses, self_url: &Url, entries: &[&Entry]) -> Vec<u8> {
    let meta = &feed.meta;
    let feed_author = meta.author.clone().unwrap_or(Person {
        name: meta.title.clone(),
        email: None,
        uri: Some(meta.home_url.clone()),
    });
    let mut namespaces = std::collections::BTreeMap::new();
    let mut extensions = atom::extension::ExtensionMap::default();
    if meta.links.archive {
        namespaces.insert("fh".to_owned(), super::HISTORY_NAMESPACE.to_owned());
        let archive = atom::extension::Extension { name: "fh:archive".into(), ..Default::default() };
        extensions.entry("fh".into()).or_default().insert("archive".into(), vec![archive]);
    }
    let document = atom::Feed {
        title: text(&meta.title),
        id: meta.id.clone(),
        updated: meta.updated,
        authors: vec![person(&feed_author)],
        links: feed_links(meta, self_url),
        namespaces,
        extensions,
        generator: Some(atom::Generator { value: GENERATOR.into(), uri: Some(GENERATOR_URI.into()), version: None }),
        subtitle: Some(text(&meta.description)),
        lang: meta.language.clone(),
        entries: entries.iter().enumerate().map(|(at, e)| entry(e, at)).collect(),
        ..Default::default()
    };
    let mut document = document;
    super::media::atom_feed(&mut document, feed, uses.images);
    let config = atom::WriteConfig { write_document_declaration: true, indent_size: Some(2) };
    let out = Vec::with_capacity(super::size_hint(entries));
    let mut out = document.write_with_config(out, config).expect("writing XML to memory cannot fail");
    out.push(b'\n');
    super::finish_head(content_in_cdata(out, entries), &meta.links)
}

/// What the crate writes as the content of the entry at `at`, replaced by
/// the content itself in `content_in_cdata`: two private-use characters
/// around the entry's index, which the crate writes as they are.
fn placeholder(at: usize) -> String {
    format!("\u{E000}{at}\u{E000}")
}

/// `xml` with each entry's content placeholder (see `placeholder`)
/// replaced by its HTML in a CDATA section. A placeholder is found with
/// the `</content>` after it: that end tag only ever ends a content
/// element (text has its `<` escaped), so a placeholder written in an
/// article's own text is never taken for one. One pass, in entry order.
fn content_in_cdata(xml: Vec<u8>, entries: &[&Entry]) -> Vec<u8> {
    const END: &[u8] = b"</content>";
    let html_bytes: usize = entries.iter().filter_map(|e| e.content_html.as_ref()).map(String::len).sum();
    if html_bytes == 0 && entries.iter().all(|e| e.content_html.is_none()) {
        return xml;
    }
    let mut out = Vec::with_capacity(xml.len() + html_bytes + 16 * entries.len());
    let mut rest = xml.as_slice();
    for (at, entry) in entries.iter().enumerate() {
        let Some(html) = &entry.content_html else { continue };
        let mut marker = placeholder(at).into_bytes();
        marker.extend_from_slice(END);
        let found = memchr::memmem::find(rest, &marker).expect("the crate writes each content placeholder as it is");
        out.extend_from_slice(&rest[..found]);
        push_cdata(&mut out, html);
        out.extend_from_slice(END);
        rest = &rest[found + marker.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// `text` as one CDATA section (none for empty text), each `]]>` in it
/// split across two sections, the only way to write it in CDATA.
fn push_cdata(out: &mut Vec<u8>, text: &str) {
    if text.is_empty() {
        return;
    }
    out.extend_from_slice(b"<![CDATA[");
    let mut rest = text.as_bytes();
    while let Some(at) = memchr::memmem::find(rest, b"]]>") {
        out.extend_from_slice(&rest[..at + 2]);
        out.extend_from_slice(b"]]><![CDATA[");
        rest = &rest[at + 2..];
    }
    out.extend_from_slice(rest);
    out.extend_from_slice(b"]]>");
}

/// The feed's links: its site, itself, its WebSub hub, its RFC 5005
/// neighbours.
fn feed_links(meta: &crate::model::FeedMeta, self_url: &Url) -> Vec<atom::Link> {
    let media_type = Format::Atom.media_type();
    let mut links =
        vec![link(meta.home_url.as_str(), "alternate", "text/html"), link(self_url.as_str(), "self", media_type)];
    if let Some(hub) = &meta.links.hub {
        links.push(atom::Link { href: hub.to_string(), rel: "hub".into(), ..Default::default() });
    }
    for (rel, url) in super::paging_links(&meta.links, Format::Atom) {
        links.push(link(url.as_str(), rel, media_type));
    }
    links
}

/// `entry`, the entry at `at` of its document, for the crate (its content
/// is a placeholder: see `content_in_cdata`).
fn entry(entry: &Entry, at: usize) -> atom::Entry {
    let mut links = vec![link(entry.url.as_str(), "alternate", "text/html")];
    if let Some(external) = &entry.external_url {
        links.push(link(external.as_str(), "related", "text/html"));
    }
    let mut written = atom::Entry {
        title: text(&entry.title),
        id: entry.id.clone(),
        updated: entry.updated,
        published: Some(entry.published),
        authors: entry.authors.iter().map(person).collect(),
        links,
        categories: entry.tags.iter().map(|tag| atom::Category { term: tag.clone(), ..Default::default() }).collect(),
        summary: (!entry.summary.is_empty())
            .then(|| atom::Text { lang: entry.language.clone(), ..text(&entry.summary) }),
        content: entry.content_html.as_ref().map(|_| atom::Content {
            value: Some(placeholder(at)),
            content_type: Some("html".into()),
            lang: entry.language.clone(),
            ..Default::default()
        }),
        ..Default::default()
    };
    super::media::atom_entry(&mut written, entry);
    written
}

/// A text construct for plain text. Text holding `<` or `&` is written as
/// escaped HTML (`type="html"`): readers render both alike, but in a
/// `type="text"` construct such characters look like undeclared markup to
/// validators (W3C `ContainsUndeclaredHTML`).
fn text(value: &str) -> atom::Text {
    if value.contains(['<', '&']) {
        atom::Text { value: escape_html(value), r#type: atom::TextType::Html, ..Default::default() }
    } else {
        atom::Text { value: value.into(), r#type: atom::TextType::Text, ..Default::default() }
    }
}

/// The plain text of a text construct we wrote (see `text`).
fn plain(text: &atom::Text) -> String {
    match text.r#type {
        atom::TextType::Html => unescape_html(&text.value),
        _ => text.value.clone(),
    }
}

fn person(p: &Person) -> atom::Person {
    atom::Person {
        name: p.name.clone(),
        email: p.email.clone(),
        uri: p.uri.as_ref().map(Url::to_string),
        ..Default::default()
    }
}

fn link(href: &str, rel: &str, media_type: &str) -> atom::Link {
    atom::Link { href: href.into(), rel: rel.into(), mime_type: Some(media_type.into()), ..Default::default() }
}

pub(super) fn read(bytes: &[u8]) -> Result<Vec<Published>, String> {
    let feed = atom::Feed::read_from(bytes).map_err(|e| e.to_string())?;
    let link = |entry: &atom::Entry, rel: &str| entry.links.iter().find(|l| l.rel == rel).map(|l| l.href.clone());
    Ok(feed
        .entries
        .iter()
        .map(|entry| Published {
            id: entry.id.clone(),
            title: Some(plain(&entry.title)),
            url: link(entry, "alternate"),
            external_url: link(entry, "related"),
            published: entry.published,
            updated: Some(entry.updated),
            summary: entry.summary.as_ref().map(plain),
            content: entry.content.as_ref().and_then(|c| c.value.clone()),
            image: None,
            enclosure: super::media::first_url(
                entry.links.iter().filter(|l| l.rel == "enclosure").map(|l| l.href.as_str()),
            ),
        })
        .collect())
}

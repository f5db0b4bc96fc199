//! Reading a site's *old* feed, written by another generator (jekyll-feed,
//! Hugo, Zola, Eleventy, WordPress …): RSS 2.0 (and RSS 1.0 / 0.9x), Atom
//! 1.0 (and 0.3) or JSON Feed, told apart by content.
//!
//! Unlike `format::Format::read`, which reads back what feedwright wrote,
//! this reads feeds nobody checked: it is a namespace-agnostic scan of the
//! few elements adopt needs (id, link, title, date), so that a feed with an
//! odd date, an unknown entity or a missing element still yields every
//! entry it holds. Only a file that is not XML or JSON at all, or whose
//! root is not a feed, is refused.

use chrono::{DateTime, FixedOffset};
use quick_xml::events::{BytesStart, Event};

/// One entry of an old feed, values as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct OldEntry {
    /// The id readers know it by: Atom `id`, RSS `guid`, JSON Feed `id`;
    /// for an RSS item without `guid`, its `link` (what readers fall back
    /// to).
    pub(super) id: String,
    /// Whether the id came from the link because the item had no guid.
    pub(super) id_from_link: bool,
    pub(super) link: Option<String>,
    pub(super) title: Option<String>,
    pub(super) date: Option<DateTime<FixedOffset>>,
    /// The 1-based line the entry starts on (0 for JSON).
    pub(super) line: usize,
}

/// What kind of feed a file is, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Rss,
    Atom,
    Json,
}

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Rss => "RSS",
            Kind::Atom => "Atom",
            Kind::Json => "JSON Feed",
        }
    }
}

/// The entries of an old feed, or why it cannot be read.
pub(super) fn read(bytes: &[u8]) -> Result<(Kind, Vec<OldEntry>), String> {
    let text = decode(bytes);
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.starts_with('{') {
        return read_json(trimmed).map(|entries| (Kind::Json, entries));
    }
    if !trimmed.starts_with('<') {
        return Err("it is neither XML (RSS, Atom) nor JSON (JSON Feed)".into());
    }
    read_xml(&text)
}

/// The file as text: UTF-8, or the encoding its XML declaration names
/// (old feeds in ISO-8859-1 or windows-1252 exist), else UTF-8 with bad
/// bytes replaced.
fn decode(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode(bytes).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
    let declared = head.find("encoding=").and_then(|at| {
        let rest = &head[at + "encoding=".len()..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let name = rest[1..].split(quote).next()?;
        encoding_rs::Encoding::for_label(name.as_bytes())
    });
    match declared {
        Some(encoding) => encoding.decode(bytes).0.into_owned(),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn read_json(text: &str) -> Result<Vec<OldEntry>, String> {
    let document: serde_json::Value =
        serde_json::from_str(text).map_err(|err| format!("it is not valid JSON ({err})"))?;
    let items = document
        .get("items")
        .and_then(|items| items.as_array())
        .ok_or("it is JSON but not a JSON Feed: there is no `items` array")?;
    let text_of = |item: &serde_json::Value, key: &str| match item.get(key) {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        // JSON Feed 1.0 said ids are strings, but some generators wrote numbers.
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Ok(items
        .iter()
        .filter_map(|item| {
            let link = text_of(item, "url");
            let (id, id_from_link) = match text_of(item, "id") {
                Some(id) => (id, false),
                None => (link.clone()?, true),
            };
            let date = ["date_published", "date_modified"]
                .into_iter()
                .find_map(|key| text_of(item, key).and_then(|d| parse_date(&d)));
            Some(OldEntry { id, id_from_link, link, title: text_of(item, "title"), date, line: 0 })
        })
        .collect())
}

/// The element of an entry whose text is being collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Guid,
    Link,
    Title,
    Published,
    Updated,
    Other,
}

/// An entry being read: its values and the depth of its element.
#[derive(Default)]
struct Open {
    entry: OldEntry,
    guid: Option<String>,
    id: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    /// The direct child being read, and its text so far.
    field: Option<(Field, String)>,
    depth: usize,
}

fn read_xml(text: &str) -> Result<(Kind, Vec<OldEntry>), String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut kind = None;
    let mut entries = Vec::new();
    let mut depth = 0usize;
    let mut open: Option<Open> = None;
    let mut lines = LineCounter { offset: 0, line: 1 };
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                let line = lines.line_at(text.as_bytes(), at);
                return Err(format!("it is not well-formed XML (line {line}: {err})"));
            }
        };
        match event {
            Event::Start(start) if kind.is_none() => {
                kind = Some(root_kind(&start)?);
                depth += 1;
            }
            Event::Empty(start) if kind.is_none() => kind = Some(root_kind(&start)?),
            Event::Start(start) => {
                depth += 1;
                element(&start, depth, lines.line_at(text.as_bytes(), at), &mut open, false);
            }
            Event::Empty(start) => element(&start, depth + 1, 0, &mut open, true),
            Event::End(_) => {
                if let Some(o) = open.as_mut() {
                    if depth == o.depth + 1 {
                        close_field(o);
                    } else if depth == o.depth
                        && let Some(done) = open.take()
                    {
                        entries.extend(finish(done, kind == Some(Kind::Atom)));
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) => push_text(&mut open, &t.xml10_content()),
            Event::CData(t) => push_text(&mut open, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => entity(&r).to_owned(),
                };
                push_text(&mut open, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match kind {
        Some(kind) => Ok((kind, entries)),
        None => Err("it holds no XML element".into()),
    }
}

/// The line of an offset, counted on from the last one asked for: the
/// entries of a feed are asked for in order, so a feed is scanned once
/// (counting from the start each time took the square of its size).
struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &[u8], offset: usize) -> usize {
        let offset = offset.min(text.len());
        if offset < self.offset {
            *self = LineCounter { offset: 0, line: 1 };
        }
        self.line += memchr::memchr_iter(b'\n', &text[self.offset..offset]).count();
        self.offset = offset;
        self.line
    }
}

/// The kind of feed its root element makes, or why it is none.
fn root_kind(root: &BytesStart<'_>) -> Result<Kind, String> {
    match root.local_name().into_inner() {
        "rss" | "RDF" => Ok(Kind::Rss),
        "feed" => Ok(Kind::Atom),
        other => Err(format!("it is XML, but its root element `<{other}>` is not `<rss>`, `<rdf:RDF>` or `<feed>`")),
    }
}

/// A start (or empty) element at `depth`: an entry opening, or a field of
/// the open entry.
fn element(start: &BytesStart<'_>, depth: usize, line: usize, open: &mut Option<Open>, empty: bool) {
    let name = start.local_name().into_inner().to_owned();
    match open {
        None if !empty && (name == "item" || name == "entry") => {
            *open = Some(Open { depth, entry: OldEntry { line, ..OldEntry::default() }, ..Open::default() });
        }
        Some(o) if depth == o.depth + 1 => {
            let field = match name.as_str() {
                "id" => Field::Id,
                "guid" => Field::Guid,
                "link" => Field::Link,
                "title" => Field::Title,
                "pubDate" | "published" | "issued" | "date" => Field::Published,
                "updated" | "modified" => Field::Updated,
                _ => Field::Other,
            };
            if field == Field::Link
                && let Some(href) = attribute(start, "href")
            {
                // Atom: the alternate link (no `rel` means alternate) is the page.
                let rel = attribute(start, "rel").unwrap_or_else(|| "alternate".into());
                if rel == "alternate" && o.entry.link.is_none() {
                    o.entry.link = Some(href.trim().to_owned());
                }
                o.field = None;
            } else if empty {
                o.field = None;
            } else {
                o.field = Some((field, String::new()));
            }
        }
        _ => {}
    }
}

fn attribute(start: &BytesStart<'_>, name: &str) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn push_text(open: &mut Option<Open>, text: &str) {
    if let Some((_, buffer)) = open.as_mut().and_then(|o| o.field.as_mut()) {
        buffer.push_str(text);
    }
}

/// The text of a predefined entity; others (`&nbsp;` in a feed that is
/// not quite XML) as a space or as written.
fn entity(name: &str) -> &str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        _ => "",
    }
}

fn close_field(open: &mut Open) {
    let Some((field, value)) = open.field.take() else { return };
    let value = value.trim().to_owned();
    if value.is_empty() {
        return;
    }
    let slot = match field {
        Field::Id => &mut open.id,
        Field::Guid => &mut open.guid,
        Field::Link => &mut open.entry.link,
        Field::Title => &mut open.entry.title,
        Field::Published => &mut open.published,
        Field::Updated => &mut open.updated,
        Field::Other => return,
    };
    if slot.is_none() {
        *slot = Some(value);
    }
}

/// The entry, if it has anything to identify it by. Atom entries are
/// known by `id`; RSS items by `guid`, else by their link.
fn finish(open: Open, atom: bool) -> Option<OldEntry> {
    let Open { mut entry, guid, id, published, updated, .. } = open;
    let id = if atom { id.or(guid) } else { guid.or(id) };
    match id {
        Some(id) => entry.id = id,
        None => {
            entry.id = entry.link.clone()?;
            entry.id_from_link = true;
        }
    }
    entry.date = published.as_deref().and_then(parse_date).or_else(|| updated.as_deref().and_then(parse_date));
    Some(entry)
}

/// RFC 3339 (Atom, JSON Feed, `dc:date`), RFC 2822 (RSS), or any form an
/// article's `date` takes, in UTC.
pub(super) fn parse_date(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| DateTime::parse_from_rfc2822(text).ok())
        .or_else(|| crate::model::date::parse(text, chrono_tz::UTC).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jekyll_feed_atom() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title type="html">Blog</title><id>https://example.com/feed.xml</id>
<entry><title type="html">Tom &amp;amp; Jerry</title>
<link href="https://example.com/2023/01/29/tom.html" rel="alternate" type="text/html" title="Tom"/>
<published>2023-01-29T18:30:22-08:00</published><updated>2023-01-29T18:30:22-08:00</updated>
<id>https://example.com/2023/01/29/tom.html</id>
<source><id>https://other.example/</id><title>No</title></source></entry>
</feed>"#;
        let (kind, entries) = read(xml.as_bytes()).unwrap();
        assert_eq!(kind, Kind::Atom);
        assert_eq!(entries.len(), 1);
        let e = &entries[0];
        assert_eq!(e.id, "https://example.com/2023/01/29/tom.html");
        assert_eq!(e.link.as_deref(), Some("https://example.com/2023/01/29/tom.html"));
        assert_eq!(e.title.as_deref(), Some("Tom &amp; Jerry"));
        assert_eq!(e.date.unwrap().to_rfc3339(), "2023-01-29T18:30:22-08:00");
        assert_eq!(e.line, 3);
    }

    #[test]
    fn hugo_rss_and_items_without_guid() {
        let xml = "<rss version=\"2.0\"><channel><title>x</title>\
<item><title>A</title><link>https://e.com/a/</link><pubDate>Sun, 29 Jan 2023 18:30:22 -0800</pubDate>\
<guid>https://e.com/a/</guid></item>\
<item><title>B</title><link>https://e.com/b/</link><pubDate>not a date</pubDate></item>\
<item><title>no id</title></item></channel></rss>";
        let (kind, entries) = read(xml.as_bytes()).unwrap();
        assert_eq!(kind, Kind::Rss);
        assert_eq!(entries.len(), 2);
        assert_eq!((entries[0].id.as_str(), entries[0].id_from_link), ("https://e.com/a/", false));
        assert_eq!((entries[1].id.as_str(), entries[1].id_from_link), ("https://e.com/b/", true));
        assert_eq!(entries[1].date, None);
    }

    #[test]
    fn json_feed() {
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","items":[
            {"id":"https://e.com/a/","url":"https://e.com/a/","title":"A","date_published":"2023-01-29T00:00:00Z"},
            {"id":7,"title":"B"}, {"title":"nothing"}]}"#;
        let (kind, entries) = read(json.as_bytes()).unwrap();
        assert_eq!(kind, Kind::Json);
        assert_eq!(entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["https://e.com/a/", "7"]);
    }

    #[test]
    fn what_is_not_a_feed_says_why() {
        assert!(read(b"hello").unwrap_err().contains("neither XML"));
        assert!(read(b"<html><body/></html>").unwrap_err().contains("`<html>`"));
        assert!(read(b"{\"a\":1}").unwrap_err().contains("no `items`"));
        assert!(read(b"{").unwrap_err().contains("not valid JSON"));
        assert!(read(b"<rss><channel><item><title>x</rss").unwrap_err().contains("not well-formed"));
    }

    #[test]
    fn utf16_feeds_with_a_bom_are_decoded() {
        let text = "\u{feff}<rss><channel><item><title>Ünï</title><guid>urn:x:1</guid></item></channel></rss>";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (_, entries) = read(&bytes).unwrap();
        assert_eq!(entries[0].title.as_deref(), Some("Ünï"));
    }

    #[test]
    fn latin1_feeds_are_decoded() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf".to_vec();
        bytes.extend([0xE9]);
        bytes.extend(b"</title><guid>urn:x:1</guid></item></channel></rss>");
        let (_, entries) = read(&bytes).unwrap();
        assert_eq!(entries[0].title.as_deref(), Some("Café"));
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        /// No input makes the reader panic: an answer or a reason.
        #[test]
        fn any_input_is_read_or_refused(text in "(<rss>|<feed>|<item>|<entry>|</item>|</entry>|<id>|</id>|<guid>|</guid>|<link href='x'/>|<title>|</title>|&amp;|&#xD800;|&#99999999;|&nbsp;|<!\\[CDATA\\[|\\]\\]>|\\{|\"items\":\\[|\\]|\\}|x|\\n){0,16}") {
            let _ = read(text.as_bytes());
        }
    }
}

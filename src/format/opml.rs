//! `feeds.opml`: the manifest of a build's output, every feed document it
//! wrote as an OPML 2.0 subscription list (<http://opml.org/spec2.opml>), so
//! a reader can import them and tools can find them.
//!
//! The main feeds are outlines at the top of the body, which a reader
//! importing the list subscribes to without a folder; the feeds by tag,
//! author and category and the archive pages are each in a folder of their
//! own (a nested outline), which readers show as one. The bytes depend only
//! on what is given (no clock): `dateModified` is the newest entry's date.

use chrono::{DateTime, FixedOffset};
use url::Url;

use super::Format;
use super::listed::{Group, Listed, grouped};

/// The manifest's name in the output folder.
pub(crate) const FILE_NAME: &str = "feeds.opml";

/// The OPML document listing `feeds` of the site titled `site_title`.
/// `date`: when the newest entry was published or updated, if any.
pub(crate) fn write(
    site_title: &str,
    home_url: &Url,
    feeds: &[Listed],
    date: Option<DateTime<FixedOffset>>,
) -> Vec<u8> {
    let mut out = String::with_capacity(512 + feeds.len() * 256);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n");
    out.push_str(&format!("    <title>{}</title>\n", text(&format!("{} — feeds", site_title.trim()))));
    if let Some(date) = date {
        // RFC 822 dates, as the spec asks (`to_rfc2822` writes the 4-digit
        // year RFC 1123 made usual).
        out.push_str(&format!("    <dateModified>{}</dateModified>\n", date.to_rfc2822()));
    }
    out.push_str("    <docs>http://opml.org/spec2.opml</docs>\n  </head>\n  <body>\n");
    for (group, members) in grouped(feeds) {
        let indent = if group == Group::Main {
            "    "
        } else {
            out.push_str(&format!("    <outline text=\"{}\">\n", attribute(group.label())));
            "      "
        };
        for feed in members.iter().flat_map(|(_, formats)| formats) {
            outline(&mut out, indent, feed, home_url);
        }
        if group != Group::Main {
            out.push_str("    </outline>\n");
        }
    }
    out.push_str("  </body>\n</opml>\n");
    out.into_bytes()
}

/// One subscription: `type="rss"` is what the spec calls every feed
/// outline, whatever its format; `version` tells the format where the spec
/// (or usage) has a word for it: "RSS" for RSS 2.0, "ATOM" for Atom (the
/// spec: "no known values for Atom feeds, but they certainly could be
/// provided"); none for JSON Feed, which has no usual value.
fn outline(out: &mut String, indent: &str, feed: &Listed, home_url: &Url) {
    let title = attribute(&feed.title);
    let version = match feed.format {
        Format::Rss => " version=\"RSS\"",
        Format::Atom => " version=\"ATOM\"",
        Format::Json => "",
    };
    let html_url = if feed.html_url.as_str().is_empty() { home_url } else { &feed.html_url };
    out.push_str(&format!(
        "{indent}<outline type=\"rss\" text=\"{title}\" title=\"{title}\" description=\"{}\" xmlUrl=\"{}\" htmlUrl=\"{}\"{version}/>\n",
        attribute(feed.format.label()),
        attribute(feed.url.as_str()),
        attribute(html_url.as_str()),
    ));
}

/// The `xmlUrl` of every outline of an OPML document, in document order,
/// each once: the feeds a manifest lists (ours, or any OPML 1.0/2.0 file).
/// The error says where the document is not well-formed XML.
pub(crate) fn feed_urls(bytes: &[u8]) -> Result<Vec<String>, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let (mut urls, mut buf) = (Vec::<String>::new(), Vec::new());
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            let line = crate::text::line_of_offset(bytes, usize::try_from(reader.error_position()).unwrap_or(0));
            format!("line {line}: {e}")
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "outline" => {
                let url = e.attributes().flatten().find(|a| a.key.local_name().as_ref() == "xmlUrl").and_then(|a| {
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.trim().to_owned())
                });
                if let Some(url) = url.filter(|u| !u.is_empty() && !urls.contains(u)) {
                    urls.push(url);
                }
            }
            Event::Eof => return Ok(urls),
            _ => {}
        }
        buf.clear();
    }
}

/// Text content: the markup characters escaped, characters XML cannot
/// hold (control characters) left out.
fn text(s: &str) -> String {
    crate::text::escape_html(&crate::text::strip_non_xml_chars(s))
}

/// An attribute value: as `text`, and tabs and line breaks as character
/// references, which attribute normalisation would otherwise turn into
/// spaces.
fn attribute(s: &str) -> String {
    text(s).replace('\t', "&#9;").replace('\n', "&#10;").replace('\r', "&#13;")
}

#[cfg(test)]
mod tests {
    use quick_xml::Reader;
    use quick_xml::events::Event;

    use super::*;
    use crate::format::listed::Kind;
    use crate::format::listed::tests::listed;

    fn home() -> Url {
        Url::parse("https://example.com/").unwrap()
    }

    fn date() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-03-01T09:30:00+01:00").unwrap()
    }

    /// Every outline: (depth, its attributes by name, unescaped).
    fn outlines(bytes: &[u8]) -> Vec<(usize, std::collections::BTreeMap<String, String>)> {
        let mut reader = Reader::from_reader(bytes);
        let (mut depth, mut found, mut buf) = (0, Vec::new(), Vec::new());
        loop {
            let event = reader.read_event_into(&mut buf).expect("well-formed OPML");
            let (element, opens) = match &event {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) if e.name().as_ref() == "outline" => {
                    depth -= 1;
                    buf.clear();
                    continue;
                }
                Event::Eof => break,
                _ => {
                    buf.clear();
                    continue;
                }
            };
            if element.name().as_ref() == "outline" {
                let attributes = element
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let key = a.key.as_ref().to_owned();
                        (key, a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned())
                    })
                    .collect();
                found.push((depth, attributes));
                depth += usize::from(opens);
            }
            buf.clear();
        }
        found
    }

    #[test]
    fn lists_every_feed_with_its_urls_and_type() {
        let feeds = vec![
            listed(Kind::Main, Format::Rss, "Example News"),
            listed(Kind::Main, Format::Json, "Example News"),
            listed(Kind::Tag("protests".into()), Format::Atom, "Example News — tag: protests"),
            listed(Kind::Archive(1), Format::Atom, "Example News — archive 1"),
        ];
        let bytes = write("Example News", &home(), &feeds, Some(date()));
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"), "{text}");
        assert!(text.contains("<title>Example News — feeds</title>"), "{text}");
        assert!(text.contains("<dateModified>Sun, 1 Mar 2026 09:30:00 +0100</dateModified>"), "{text}");
        let found = outlines(&bytes);
        let subscriptions: Vec<_> = found.iter().filter(|(_, a)| a.contains_key("xmlUrl")).collect();
        assert_eq!(subscriptions.len(), 4);
        for (_, a) in &subscriptions {
            assert_eq!(a["type"], "rss");
            assert!(a["xmlUrl"].starts_with("https://example.com/feeds/"), "{a:?}");
            assert_eq!(a["htmlUrl"], "https://example.com/");
            assert_eq!(a["text"], a["title"]);
        }
        assert_eq!(subscriptions[0].1["version"], "RSS");
        assert!(!subscriptions[1].1.contains_key("version"), "JSON Feed has no version value");
        assert_eq!(subscriptions[2].1["xmlUrl"], "https://example.com/feeds/tags/protests/atom.xml");
        assert_eq!(subscriptions[2].1["version"], "ATOM");
        let depths: Vec<usize> = found.iter().map(|(depth, _)| *depth).collect();
        assert_eq!(depths, [0, 0, 0, 1, 0, 1], "main feeds at the top, the others in their folder");
        let folders: Vec<_> =
            found.iter().filter(|(_, a)| !a.contains_key("xmlUrl")).map(|(_, a)| &a["text"]).collect();
        assert_eq!(folders, ["By tag", "Archives"]);
        // The main feeds are at the top; the others inside their folder.
        assert!(text.contains("  <body>\n    <outline type=\"rss\" text=\"Example News\""), "{text}");
        assert!(text.contains("<outline text=\"By tag\">\n      <outline type=\"rss\""), "{text}");
    }

    #[test]
    fn escapes_hostile_titles_and_reads_back_as_written() {
        let hostile = "A & <b>\"q\"</b> ]]> 'x'\u{1}\tend\nline";
        let mut feed = listed(Kind::Tag("<script>".into()), Format::Rss, hostile);
        feed.url = Url::parse("https://example.com/feeds/tags/a%26b/rss.xml?x=1&y=\"2\"").unwrap();
        let bytes = write("<Site> & \"co\"", &home(), std::slice::from_ref(&feed), None);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(!text.contains("<b>") && !text.contains('\u{1}') && !text.contains("<dateModified>"), "{text}");
        assert!(text.contains("<title>&lt;Site&gt; &amp; &quot;co&quot; — feeds</title>"), "{text}");
        let found = outlines(&bytes);
        let (_, a) = found.iter().find(|(_, a)| a.contains_key("xmlUrl")).unwrap();
        assert_eq!(a["title"], "A & <b>\"q\"</b> ]]> 'x'\tend\nline");
        assert_eq!(a["xmlUrl"], feed.url.as_str());
    }

    #[test]
    fn same_feeds_same_bytes_in_any_order() {
        let feeds = vec![
            listed(Kind::Author("Ann".into()), Format::Atom, "N — author: Ann"),
            listed(Kind::Main, Format::Atom, "N"),
            listed(Kind::Category("World".into()), Format::Rss, "N — category: World"),
            listed(Kind::Tag("x".into()), Format::Rss, "N — tag: x"),
        ];
        let mut shuffled = feeds.clone();
        shuffled.rotate_left(2);
        let a = write("N", &home(), &feeds, Some(date()));
        assert_eq!(a, write("N", &home(), &shuffled, Some(date())));
        assert_eq!(a, write("N", &home(), &feeds, Some(date())));
        let text = String::from_utf8(a).unwrap();
        let order: Vec<usize> = ["By tag", "By author", "By category"].iter().map(|g| text.find(g).expect(g)).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    }

    #[test]
    fn feed_urls_reads_back_what_write_lists() {
        let feeds = vec![
            listed(Kind::Main, Format::Rss, "N"),
            listed(Kind::Tag("a&b".into()), Format::Atom, "N — tag: a&b"),
            listed(Kind::Archive(1), Format::Atom, "N — archive 1"),
        ];
        let urls = feed_urls(&write("N", &home(), &feeds, None)).unwrap();
        assert_eq!(
            urls,
            [
                "https://example.com/feeds/rss.xml",
                "https://example.com/feeds/tags/a&b/atom.xml",
                "https://example.com/feeds/archive/1/atom.xml"
            ]
        );
        let foreign = br#"<opml version="1.0"><body><outline text="x"><outline xmlUrl=" https://a/f " /><outline xmlUrl="https://a/f"/></outline></body></opml>"#;
        assert_eq!(feed_urls(foreign).unwrap(), ["https://a/f"]);
        let broken = feed_urls(b"<opml>\n<body>\n<outline xmlUrl='x'></body>").unwrap_err();
        assert!(broken.starts_with("line 3"), "{broken}");
    }

    #[test]
    fn no_feeds_is_still_a_document() {
        let bytes = write("N", &home(), &[], None);
        assert!(outlines(&bytes).is_empty());
        assert!(String::from_utf8(bytes).unwrap().contains("<body>\n  </body>"));
    }
}

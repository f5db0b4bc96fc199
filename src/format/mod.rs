//! The three feed formats: file names, media types, and dispatch to the
//! writer of each. Types from the `rss` and `atom_syndication` crates never
//! leave this module.

mod atom;
pub(crate) mod index_page;
mod json_feed;
mod listed;
mod media;
pub(crate) mod opml;
mod parts;
mod rss;
pub(crate) mod stylesheet;

pub(crate) use listed::{Kind, Listed};
pub(crate) use parts::{Layout, Written};

use serde::Deserialize;
use url::Url;

use crate::model::{Feed, FeedLinks, Published};

/// A feed format, as named in `feedwright.toml` (`formats = ["rss", "atom", "json"]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Format {
    Rss,
    Atom,
    Json,
}

impl Format {
    pub(crate) const ALL: [Format; 3] = [Format::Rss, Format::Atom, Format::Json];

    /// The file the format is written to in the output folder.
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            Format::Rss => "rss.xml",
            Format::Atom => "atom.xml",
            Format::Json => "feed.json",
        }
    }

    /// The name used in `feedwright.toml` and in reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Json => "json",
        }
    }

    /// The media type a server should send, and the type of self links.
    pub(crate) fn media_type(self) -> &'static str {
        match self {
            Format::Rss => "application/rss+xml",
            Format::Atom => "application/atom+xml",
            Format::Json => "application/feed+json",
        }
    }

    /// The feed as this format's bytes, written an entry at a time (see
    /// `parts`). `self_url` is where the file is served. `earlier[i]`, when
    /// there is one, is what an earlier build of this feedwright wrote in
    /// this format for an entry equal to entry `i`, used as it is.
    pub(crate) fn write(self, feed: &Feed, self_url: &Url, earlier: &[Option<&[u8]>]) -> Written {
        match self {
            Format::Rss => rss::write(feed, self_url, earlier),
            Format::Atom => atom::write(feed, self_url, earlier),
            Format::Json => json_feed::write(feed, self_url, earlier),
        }
    }

    /// The entries of a feed file in this format, as readers see them.
    pub(crate) fn read(self, bytes: &[u8]) -> Result<Vec<Published>, String> {
        match self {
            Format::Rss => rss::read(bytes),
            Format::Atom => atom::read(bytes),
            Format::Json => json_feed::read(bytes),
        }
    }

    /// What the history will read of `entry` from this format's file, for
    /// the formats that carry every value it reads as written (JSON Feed);
    /// `None` for the others, whose files are parsed instead.
    pub(crate) fn seen(self, entry: &crate::model::Entry) -> Option<crate::model::history::Seen> {
        match self {
            Format::Json => Some(json_feed::seen(entry)),
            Format::Rss | Format::Atom => None,
        }
    }

    /// The formats in the order their files tell the most about published
    /// entries: JSON Feed keeps every field as written, RSS has no
    /// `updated`.
    pub(crate) const MOST_FAITHFUL_FIRST: [Format; 3] = [Format::Json, Format::Atom, Format::Rss];
}

/// The summary and content HTML of an entry, read back from its item in a
/// JSON Feed file feedwright wrote.
pub(crate) fn json_rendering(item: &[u8]) -> Option<(String, Option<String>)> {
    json_feed::rendering(item)
}

/// A generous guess at the size of a document holding `entries`, so that
/// its buffer is allocated once rather than grown (and copied) again and
/// again: once per entry, for 10,000 entries, in three formats.
fn size_hint(entries: &[&crate::model::Entry]) -> usize {
    let per_entry = |e: &&crate::model::Entry| {
        let content = e.content_html.as_ref().map_or(0, String::len);
        // Escaping (`<` as `&lt;`) grows markup by about a fifth.
        content + content / 4 + 2 * e.summary.len() + 1024
    };
    entries.iter().map(per_entry).sum::<usize>() + 2048
}

/// What the entries of a whole feed use, which the head of each of its
/// documents declares whichever entries it holds: worked out once per
/// feed, not once per entry written (with 100,000 entries, once per entry
/// is ten billion looks).
#[derive(Debug, Clone, Copy)]
struct Uses {
    content: bool,
    authors: bool,
    images: bool,
}

impl Uses {
    fn of(feed: &Feed) -> Uses {
        Uses {
            content: feed.entries.iter().any(|e| e.content_html.is_some()),
            authors: feed.entries.iter().any(|e| !e.authors.is_empty()),
            images: feed.entries.iter().any(|e| e.image.is_some()),
        }
    }
}

/// RFC 5005's namespace, for `fh:archive`.
const HISTORY_NAMESPACE: &str = "http://purl.org/syndication/history/1.0";

/// The RFC 5005 links of a document in `format`: (rel, URL of the
/// neighbouring document in the same format).
fn paging_links(links: &FeedLinks, format: Format) -> Vec<(&'static str, Url)> {
    [("current", &links.current), ("prev-archive", &links.prev_archive), ("next-archive", &links.next_archive)]
        .into_iter()
        .filter_map(|(rel, folder)| Some((rel, folder.as_ref()?.join(format.file_name()).ok()?)))
        .collect()
}

/// The XML writers' head, finished: an `<?xml-stylesheet?>` instruction
/// after the XML declaration (the first line) when there is a stylesheet,
/// and `fh:archive` written as the empty element RFC 5005 defines (the
/// crates write an element with only white space in it).
fn finish_head(xml: Vec<u8>, links: &FeedLinks) -> Vec<u8> {
    let mut xml = xml;
    if links.archive
        && let Some(open) = memchr::memmem::find(&xml, b"<fh:archive>")
        && let Some(close) = memchr::memmem::find(&xml[open..], b"</fh:archive>")
        && xml[open + 12..open + close].iter().all(u8::is_ascii_whitespace)
    {
        xml.splice(open..open + close + 13, b"<fh:archive/>".iter().copied());
    }
    let (Some(href), Some(line_end)) = (links.stylesheet.as_deref(), memchr::memchr(b'\n', &xml)) else { return xml };
    let instruction = format!("{}\n", stylesheet::processing_instruction(href));
    let mut out = Vec::with_capacity(xml.len() + instruction.len());
    out.extend_from_slice(&xml[..=line_end]);
    out.extend_from_slice(instruction.as_bytes());
    out.extend_from_slice(&xml[line_end + 1..]);
    out
}

/// The name the generator gives itself in every feed.
const GENERATOR: &str = "feedwright";
const GENERATOR_URI: &str = "https://github.com/feedwright/feedwright";

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset};

    use super::*;
    use crate::model::{Entry, FeedMeta, Person};

    fn date(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    /// Entries that differ in every way a writer cares about.
    fn feed(entries: usize) -> Feed {
        let base = Entry {
            id: "tag:example.com,2026-01-01:a".into(),
            title: "A & <b> “quoted” ]]> end".into(),
            url: url("https://example.com/a/"),
            external_url: None,
            published: date("2026-01-01T10:00:00+05:45"),
            updated: date("2026-01-02T10:00:00.250Z"),
            authors: vec![Person { name: "Ann".into(), email: Some("ann@example.com".into()), uri: None }],
            summary: "Sum \"q\" & <i>x</i> \u{1F600}".into(),
            content_html: Some(
                "<p>x ]]> y &amp; <a href=\"https://e.com/?a=1&amp;b=2\">l</a></p>\n<pre>  two\n lines</pre>".into(),
            ),
            tags: vec!["t".into(), "a & b".into()],
            language: Some("en".into()),
            image: None,
            media: crate::model::enclosure::EntryMedia {
                enclosures: vec![crate::model::enclosure::Enclosure {
                    url: url("https://example.com/a.mp3?x=1&y=2"),
                    mime_type: "audio/mpeg".into(),
                    length: 1234,
                }],
                duration: Some(61),
                episode: Some(3),
                transcripts: vec![crate::model::enclosure::Transcript {
                    url: url("https://example.com/a.vtt"),
                    mime_type: "text/vtt".into(),
                }],
                ..Default::default()
            },
        };
        let variants = [
            base.clone(),
            Entry {
                id: "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66".into(),
                summary: String::new(),
                content_html: None,
                authors: vec![],
                tags: vec![],
                language: None,
                external_url: Some(url("https://elsewhere.example/x?y=1")),
                image: Some(url("https://example.com/i.png")),
                media: Default::default(),
                published: date("1999-12-31T23:59:59-12:00"),
                updated: date("1999-12-31T23:59:59-12:00"),
                ..base.clone()
            },
            Entry { title: "Plain".into(), content_html: Some(String::new()), ..base.clone() },
        ];
        Feed {
            meta: FeedMeta {
                title: "T & co".into(),
                description: "D".into(),
                home_url: url("https://example.com/"),
                id: "https://example.com/".into(),
                language: Some("en-US".into()),
                author: None,
                updated: date("2026-01-02T10:00:00Z"),
                links: Default::default(),
                media: crate::model::podcast::SiteMedia {
                    icon: Some(url("https://example.com/icon.png")),
                    logo: Some(url("https://example.com/logo.png")),
                    podcast: Some(crate::model::podcast::Podcast {
                        author: "Ann & co".into(),
                        owner_name: "Ann".into(),
                        owner_email: "ann@example.com".into(),
                        image: url("https://example.com/art.jpg"),
                        categories: vec![("News".into(), vec!["Tech News".into()]), ("Technology".into(), vec![])],
                        explicit: false,
                        kind: "episodic".into(),
                        locked: true,
                        guid: None,
                    }),
                },
            },
            entries: (0..entries)
                .map(|i| Entry { id: format!("{}-{i}", variants[i % 3].id), ..variants[i % 3].clone() })
                .collect(),
        }
    }

    fn whole(format: Format, feed: &Feed, self_url: &Url) -> Vec<u8> {
        match format {
            Format::Rss => rss::whole(feed, self_url),
            Format::Atom => atom::whole(feed, self_url),
            Format::Json => json_feed::whole(feed, self_url),
        }
    }

    #[test]
    fn written_an_entry_at_a_time_is_written_whole() {
        // 1,030 entries: written in batches of 512.
        for entries in [1, 2, 3, 7, 1030] {
            let feed = feed(entries);
            for format in Format::ALL {
                let self_url = url(&format!("https://example.com/{}", format.file_name()));
                let written = format.write(&feed, &self_url, &[]);
                let layout = written.layout.as_ref().unwrap_or_else(|| panic!("{format:?} was written whole"));
                assert_eq!(layout.entries.len(), entries);
                assert_eq!(
                    String::from_utf8(written.bytes.clone()).unwrap(),
                    String::from_utf8(whole(format, &feed, &self_url)).unwrap(),
                    "{format:?} with {entries} entries"
                );
            }
        }
    }

    /// Atom content goes in CDATA (see `atom`): every reader gets the HTML
    /// back as it was, `]]>` and text that looks like the writer's
    /// placeholder included, and a check finds nothing.
    #[test]
    fn atom_content_in_cdata_reads_back_as_written() {
        let mut feed = feed(7);
        let tricky = "<p>\u{E000}0\u{E000} ]]> ]]]]> ]]&gt; \u{E000}1\u{E000}&lt;/content&gt; end]]</p>";
        feed.entries[0].title = "\u{E000}0\u{E000}".into();
        feed.entries[0].summary = "\u{E000}0\u{E000}</content>".into();
        feed.entries[1].content_html = Some(tricky.into());
        feed.entries[3].content_html = Some("]]>".into());
        let self_url = url("https://example.com/atom.xml");
        let written = Format::Atom.write(&feed, &self_url, &[]);
        assert!(written.layout.is_some());
        let text = String::from_utf8(written.bytes.clone()).unwrap();
        assert!(!text.contains("\u{E000}</content>"), "a placeholder was left: {text}");
        let read = Format::Atom.read(&written.bytes).unwrap();
        assert_eq!(read.len(), feed.entries.len());
        for (entry, read) in feed.entries.iter().zip(&read) {
            let written = entry.content_html.clone().filter(|html| !html.is_empty());
            assert_eq!(read.content.clone().filter(|html| !html.is_empty()), written, "{}", entry.id);
        }
        assert_eq!(read[0].title.as_deref(), Some("\u{E000}0\u{E000}"));
        let (_, findings) = crate::check::check_knowing(written.bytes.as_slice(), None).unwrap();
        // (The fixture's ids `urn:uuid:…-1` are not UUIDs: not this test's business.)
        let bad: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == crate::check::Severity::Error && f.code != "InvalidUUID")
            .collect();
        assert!(bad.is_empty(), "{bad:?}");
    }

    /// (Its head still declares what the whole feed uses: here the kept
    /// entries use all of it.)
    #[test]
    fn a_feed_without_some_entries_is_that_feed_written_without_them() {
        let feed = feed(5);
        for format in Format::ALL {
            let self_url = url(&format!("https://example.com/{}", format.file_name()));
            let written = format.write(&feed, &self_url, &[]);
            let layout = written.layout.unwrap();
            let fewer = Feed { entries: vec![feed.entries[0].clone(), feed.entries[4].clone()], ..feed.clone() };
            assert_eq!(
                layout.with_only(&written.bytes, |i| i == 0 || i == 4).unwrap(),
                whole(format, &fewer, &self_url),
                "{format:?}"
            );
        }
    }
}

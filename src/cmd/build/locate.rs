//! From a finding in a feed file the build made to the article it came
//! from: the author edits `articles/x.md`, never `feeds/rss.xml`.
//!
//! The feed's layout says which entry's bytes hold the finding; the element
//! (or JSON key) it is in says which value of the article it is about, and
//! the article's `Lines` where that value was written.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Location};
use crate::format::{Format, Layout};
use crate::model::normalize::Lines;

/// Where an entry's values came from.
pub(super) struct Source<'a> {
    pub(super) file: &'a str,
    pub(super) lines: &'a Lines,
}

/// A feed file and where its entries are.
pub(super) struct FeedText<'a> {
    pub(super) format: Format,
    /// As messages name it.
    pub(super) shown: &'a str,
    pub(super) bytes: &'a [u8],
    pub(super) layout: Option<&'a Layout>,
    /// Where each line ends, found once (on the first finding) for all of
    /// a file's findings: a feed can be 100 MB.
    line_ends: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> FeedText<'a> {
    pub(super) fn new(format: Format, shown: &'a str, bytes: &'a [u8], layout: Option<&'a Layout>) -> Self {
        FeedText { format, shown, bytes, layout, line_ends: std::cell::OnceCell::new() }
    }

    /// `finding`, located in this feed file, moved to the article whose
    /// entry holds it, with where it was in the feed (`feeds/rss.xml:20`);
    /// `None` for a finding outside every entry (the feed's head).
    pub(super) fn to_article(&self, finding: &Diagnostic, sources: &[Source<'_>]) -> Option<(Diagnostic, String)> {
        let location = finding.location.as_ref()?;
        let line_ends = self.line_ends.get_or_init(|| memchr::memchr_iter(b'\n', self.bytes).collect());
        let offset = offset_of(line_ends, self.bytes.len(), location.line?, location.column.unwrap_or(1))?;
        let entries = &self.layout?.entries;
        let index = entries.partition_point(|range| range.end <= offset);
        let range = entries.get(index).filter(|range| range.start <= offset)?;
        let source = sources.get(index)?;
        let field = match self.format {
            Format::Json => json_key(self.bytes, range, offset),
            Format::Rss | Format::Atom => xml_element(self.bytes, range, offset),
        };
        let line = field.and_then(|field| line_of(field, source.lines)).unwrap_or(1);
        let mut moved = finding.clone();
        moved.location = Some(Location::at(source.file, line));
        Some((moved, location_text(self.shown, location)))
    }
}

fn location_text(shown: &str, location: &Location) -> String {
    match location.line {
        Some(line) => format!("{shown}:{line}"),
        None => shown.to_owned(),
    }
}

/// The byte offset of `line`:`column` (both from 1; a column past the end
/// of its line is the line's end) in a text of `len` bytes whose line
/// breaks are at `line_ends`.
fn offset_of(line_ends: &[usize], len: usize, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 { 0 } else { line_ends.get(line - 2)? + 1 };
    let end = line_ends.get(line.max(1) - 1).copied().unwrap_or(len);
    Some((start + column.saturating_sub(1)).min(end))
}

/// The local name of the innermost element open at `offset` in the entry
/// `range` (`encoded` for `content:encoded`), skipping markup inside CDATA;
/// an element starting at `offset` is that element.
fn xml_element<'b>(bytes: &'b [u8], range: &Range<usize>, offset: usize) -> Option<&'b str> {
    let entry = &bytes[range.start..range.end];
    let offset = offset.clamp(range.start, range.end) - range.start;
    let starts_here = entry.get(offset..offset + 2).is_some_and(|two| two[0] == b'<' && two[1].is_ascii_alphabetic());
    let mut before = &entry[..if starts_here { offset + 1 } else { offset }];
    // Inside a CDATA section, the element is the one the section is in.
    if let Some(cdata) = memchr::memmem::rfind(before, b"<![CDATA[")
        && memchr::memmem::rfind(&before[cdata..], b"]]>").is_none()
    {
        before = &before[..cdata];
    }
    let mut end = before.len();
    while let Some(at) = memchr::memrchr(b'<', &before[..end]) {
        let rest = &entry[at + 1..];
        if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let name_len = rest.iter().position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
            let name = std::str::from_utf8(&rest[..name_len.unwrap_or(rest.len())]).ok()?;
            // An element closed before `offset` is not the one it is in.
            let closing = format!("</{name}>");
            if memchr::memmem::find(&before[at..], closing.as_bytes()).is_none() {
                return Some(name.rsplit(':').next().unwrap_or(name));
            }
        }
        end = at;
    }
    None
}

/// The JSON Feed key whose value holds `offset` in the item `range`.
fn json_key<'b>(bytes: &'b [u8], range: &Range<usize>, offset: usize) -> Option<&'b str> {
    let before = &bytes[range.start..offset.min(range.end)];
    // A key is `"name":`; inside a string value every quote is escaped, so
    // the last such pattern before the offset is the key being read.
    let mut end = before.len();
    while let Some(colon) = memchr::memrchr(b':', &before[..end]) {
        if colon > 0 && before[colon - 1] == b'"' {
            let open = memchr::memrchr(b'"', &before[..colon - 1])?;
            let key = std::str::from_utf8(&before[open + 1..colon - 1]).ok()?;
            if (open == 0 || before[open - 1] != b'\\') && !key.contains('\\') {
                return Some(key);
            }
        }
        end = colon;
    }
    None
}

/// The line where the value an element or key carries was written.
fn line_of(field: &str, lines: &Lines) -> Option<usize> {
    match field {
        "title" => lines.title,
        "description" | "summary" => lines.summary.or(Some(lines.body)),
        "content" | "encoded" | "content_html" | "content_text" => Some(lines.body),
        "category" | "tags" => lines.tags,
        "author" | "authors" | "name" | "email" | "uri" | "creator" | "contributor" | "avatar" => lines.authors,
        "image" | "banner_image" | "thumbnail" => lines.image,
        "enclosure"
        | "attachments"
        | "size_in_bytes"
        | "mime_type"
        | "duration"
        | "duration_in_seconds"
        | "transcript"
        | "episode"
        | "season"
        | "episodeType" => lines.enclosure,
        "external_url" => lines.link,
        "language" | "lang" => lines.lang,
        "link" => lines.link.or(lines.slug).or(lines.title),
        "pubDate" | "published" | "date_published" => lines.date,
        "updated" | "date_modified" => lines.updated.or(lines.date),
        "guid" | "id" => lines.id.or(lines.slug),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines() -> Lines {
        Lines {
            title: Some(2),
            summary: None,
            authors: Some(4),
            tags: Some(5),
            link: None,
            image: None,
            lang: None,
            date: None,
            updated: None,
            id: None,
            slug: None,
            url: None,
            expires: None,
            enclosure: Some(6),
            body: 8,
        }
    }

    #[test]
    fn offsets_count_lines_and_columns_from_one() {
        let text = b"ab\ncde\nf";
        let ends: Vec<usize> = memchr::memchr_iter(b'\n', text).collect();
        let at = |line, column| offset_of(&ends, text.len(), line, column);
        assert_eq!(at(1, 1), Some(0));
        assert_eq!(at(1, 99), Some(2));
        assert_eq!(at(2, 2), Some(4));
        assert_eq!(at(2, 99), Some(6));
        assert_eq!(at(3, 1), Some(7));
        assert_eq!(at(4, 1), None);
    }

    #[test]
    fn the_innermost_open_element_names_the_value() {
        let item = b"<item><title>a &lt;b&gt; c</title><description><![CDATA[<p>x</p>]]></description></item>";
        let range = 0..item.len();
        let at = |needle: &str| memchr::memmem::find(item, needle.as_bytes()).unwrap();
        assert_eq!(xml_element(item, &range, at("a &lt;")), Some("title"));
        assert_eq!(xml_element(item, &range, at("x</p>")), Some("description"));
        assert_eq!(xml_element(item, &range, at("</item>")), Some("item"));
        assert_eq!(xml_element(item, &range, at("<title>")), Some("title"));
        let atom = b"<entry><content:encoded>t</content:encoded></entry>";
        assert_eq!(xml_element(atom, &(0..atom.len()), 24), Some("encoded"));
    }

    #[test]
    fn the_last_key_before_the_offset_names_the_value() {
        let item = br#"{"id": "x", "title": "a \"b\": c", "content_html": "<p>\"q\":</p>"}"#;
        let range = 0..item.len();
        let at = |needle: &str| memchr::memmem::find(item, needle.as_bytes()).unwrap();
        assert_eq!(json_key(item, &range, at("a \\\"b")), Some("title"));
        assert_eq!(json_key(item, &range, at("<p>")), Some("content_html"));
    }

    #[test]
    fn fields_map_to_their_lines() {
        assert_eq!(line_of("title", &lines()), Some(2));
        assert_eq!(line_of("description", &lines()), Some(8));
        assert_eq!(line_of("category", &lines()), Some(5));
        assert_eq!(line_of("guid", &lines()), None);
        assert_eq!(line_of("enclosure", &lines()), Some(6));
    }
}

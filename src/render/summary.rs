//! Plain-text summaries: the first paragraph of the rendered HTML, cut on a
//! word boundary.

/// Longest summary, in characters, before the ellipsis.
const MAX_CHARS: usize = 300;

/// The text of the first non-empty `<p>` of `html` (or of all of it when it
/// has no paragraph), cut to `MAX_CHARS`. `html` is serialised by our own
/// renderers, so its tags and entities are well formed.
pub(crate) fn from_html(html: &str) -> String {
    let mut rest = html;
    while let Some(start) = find_paragraph(rest) {
        let inner = &rest[start..];
        let end = inner.find("</p>").unwrap_or(inner.len());
        let text = crate::text::collapse_whitespace(&strip_tags(&inner[..end]));
        if !text.is_empty() {
            return truncate(&text);
        }
        rest = &inner[end..];
    }
    truncate(&crate::text::collapse_whitespace(&strip_tags(html)))
}

/// The body before the first `separator` (Hugo's `<!--more-->`, Jekyll's
/// `excerpt_separator`), when the body has one, as Hugo and Jekyll cut it:
/// on the text as written.
pub(crate) fn before_separator<'b>(body: &'b str, separator: &str) -> Option<&'b str> {
    if separator.is_empty() {
        return None;
    }
    body.find(separator).map(|at| &body[..at])
}

/// All the text of `html` (every paragraph, not only the first), cut to
/// `MAX_CHARS`: the summary an author marked with a separator.
pub(crate) fn all_text(html: &str) -> String {
    truncate(&crate::text::collapse_whitespace(&strip_tags(html)))
}

fn find_paragraph(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<p") {
        let at = from + i;
        let after = html[at + 2..].chars().next();
        if matches!(after, Some('>' | ' ')) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Text with the tags removed and the entities our serialisers write decoded.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if separates_words(tag) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    decode_entities(&text)
}

/// Block and line-break tags end a word; inline tags (`em`, `a`) do not.
fn separates_words(tag: &str) -> bool {
    let name = tag.trim_start_matches('/');
    let name = name.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
    matches!(
        name.to_ascii_lowercase().as_str(),
        "p" | "br"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "blockquote"
            | "pre"
            | "hr"
            | "dd"
            | "dt"
            | "figcaption"
            | "section"
            | "article"
    )
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{A0}")
        .replace("&amp;", "&")
}

/// `text` cut to at most `MAX_CHARS` characters on a word boundary, with `…`.
pub(crate) fn truncate(text: &str) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text.to_owned();
    }
    let cut = text.char_indices().nth(MAX_CHARS).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-—".contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_paragraph_as_text() {
        assert_eq!(
            from_html("<h2>Head</h2>\n<p>One <em>two</em> &amp; three &lt;4&gt;</p><p>Next</p>"),
            "One two & three <4>"
        );
        assert_eq!(from_html("<p> </p><p>Second</p>"), "Second");
        assert_eq!(from_html("<pre>code</pre>"), "code");
        assert_eq!(from_html(""), "");
    }

    #[test]
    fn the_text_before_a_separator() {
        let body = "First *para*.\n\nSecond.\n<!--more-->\nRest.\n";
        assert_eq!(before_separator(body, "<!--more-->"), Some("First *para*.\n\nSecond.\n"));
        assert_eq!(before_separator(body, "<!-- more -->"), None);
        assert_eq!(before_separator(body, ""), None);
        assert_eq!(all_text("<p>First <em>para</em>.</p>\n<p>Second.</p>"), "First para. Second.");
    }

    #[test]
    fn long_text_is_cut_on_a_word() {
        let long = "word ".repeat(100);
        let cut = truncate(long.trim());
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= MAX_CHARS + 1);
        let unbroken = "x".repeat(400);
        assert_eq!(truncate(&unbroken).chars().count(), MAX_CHARS + 1);
    }
}

//! Small text facts shared by the stages: which characters XML 1.0 allows,
//! line numbers of byte offsets, and HTML escaping of plain text.

/// Whether XML 1.0 (§2.2 `Char`) allows `c` anywhere in a document.
///
/// Rust strings cannot hold surrogates, so what is left to exclude is the C0
/// controls other than tab, LF and CR, and U+FFFE and U+FFFF.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// `s` without the characters XML 1.0 forbids. Borrows when there are none,
/// which is the common case.
pub(crate) fn strip_non_xml_chars(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// The 1-based line that byte `offset` of `text` is on.
pub(crate) fn line_of_offset(text: &[u8], offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text[..end].iter().filter(|&&b| b == b'\n').count()
}

/// Plain text as HTML text: `&`, `<`, `>` and `"` escaped.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Collapses every run of white space to one space and trims the ends, the
/// way a reader shows a title.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_stripped() {
        assert_eq!(strip_non_xml_chars("a\u{0}b\u{1F}c\u{FFFE}d\te\n"), "abcd\te\n");
        assert!(matches!(strip_non_xml_chars("fine ✓"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn line_numbers_are_one_based() {
        assert_eq!(line_of_offset(b"a\nb\nc", 0), 1);
        assert_eq!(line_of_offset(b"a\nb\nc", 2), 2);
        assert_eq!(line_of_offset(b"a\nb\nc", 99), 3);
    }

    #[test]
    fn html_escaping() {
        assert_eq!(escape_html(r#"a < b & "c" > d"#), "a &lt; b &amp; &quot;c&quot; &gt; d");
    }
}

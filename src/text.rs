//! Small text facts shared by the stages: which characters XML 1.0 allows,
//! line numbers of byte offsets, and HTML escaping of plain text.

/// Whether `c` may appear in a feed: XML 1.0 allows it (§2.2 `Char`: no C0
/// control but tab, LF and CR, no U+FFFE or U+FFFF) and does not discourage
/// it (§2.2: no DEL, no C1 control, no noncharacter), and it is not U+FFFD,
/// the mark of text that was decoded wrongly. Validators flag all of these
/// and readers show them as garbage.
pub(crate) fn is_xml_char(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => true,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FDD0}'..='\u{FDEF}' | '\u{FFFD}' => false,
        _ => (u32::from(c) & 0xFFFE) != 0xFFFE,
    }
}

/// Whether every character of `s` passes `is_xml_char`. Scans bytes: only
/// text with control bytes or with the UTF-8 lead bytes of C1 controls
/// (0xC2), of U+F000–U+FFFF (0xEF) or of the supplementary planes (0xF0+)
/// needs the character-level check.
pub(crate) fn all_xml_chars(s: &str) -> bool {
    // Bytes that start or are a character worth a closer look: C0 controls,
    // DEL, C1 (U+0080..U+009F), U+F000..U+FFFF (nonchars, U+FFFD) and
    // beyond the BMP. Non-short-circuit operators, a chunk at a time, so the
    // scan compiles to vector compares.
    let suspicious = |b: u8| {
        ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
            | (b == 0x7F)
            | (b == 0xC2)
            | (b == 0xEF)
            | (b >= 0xF0)
    };
    let clean = s.as_bytes().chunks(64).all(|chunk| !chunk.iter().fold(false, |found, &b| found | suspicious(b)));
    clean || s.chars().all(is_xml_char)
}

/// What HTML5 makes of the C1 code points (§13.2.5.80, numeric character
/// references): the Windows-1252 characters authors meant. `&#150;` in
/// Markdown reaches us as U+0096 but means an en dash.
pub(crate) fn windows_1252_for_c1(c: char) -> Option<char> {
    let mapped = match u32::from(c) {
        0x80 => '€',
        0x82 => '‚',
        0x83 => 'ƒ',
        0x84 => '„',
        0x85 => '…',
        0x86 => '†',
        0x87 => '‡',
        0x88 => 'ˆ',
        0x89 => '‰',
        0x8A => 'Š',
        0x8B => '‹',
        0x8C => 'Œ',
        0x8E => 'Ž',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0x98 => '˜',
        0x99 => '™',
        0x9A => 'š',
        0x9B => '›',
        0x9C => 'œ',
        0x9E => 'ž',
        0x9F => 'Ÿ',
        _ => return None,
    };
    Some(mapped)
}

/// `s` without the characters `is_xml_char` rejects, C1 controls turned
/// into what HTML5 makes of them. Borrows when there are none, which is the
/// common case.
pub(crate) fn strip_non_xml_chars(s: &str) -> std::borrow::Cow<'_, str> {
    if all_xml_chars(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(
            s.chars().filter_map(|c| if is_xml_char(c) { Some(c) } else { windows_1252_for_c1(c) }).collect(),
        )
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

/// The reverse of `escape_html`, for text we escaped ourselves.
pub(crate) fn unescape_html(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&quot;", "\"").replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")
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
        assert_eq!(strip_non_xml_chars("x\u{96}y\u{81}z\u{7F}\u{FDD0}\u{1FFFF}\u{FFFD}"), "x–yz");
        assert!(matches!(strip_non_xml_chars("fine ✓"), std::borrow::Cow::Borrowed(_)));
        for (text, ok) in [
            ("plain “curly” text\t\n", true),
            ("© « » 🎉", true),
            ("a\u{85}", false),
            ("\u{FFFF}", false),
            ("\u{1FFFE}", false),
            ("x\u{1}", false),
        ] {
            assert_eq!(all_xml_chars(text), ok, "{text:?}");
            assert_eq!(all_xml_chars(text), text.chars().all(is_xml_char), "{text:?}");
        }
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

//! The one-line edit that writes an id into an article's front matter,
//! leaving every other byte as it was (line ends, a BOM, key order,
//! comments).
//!
//! YAML (`---`): a line `id: "…"` before the closing fence. TOML (`+++`):
//! `id = "…"` in the `[extra]` table (Zola refuses unknown top-level keys,
//! and feedwright reads `extra.id` as `id`), right after an existing
//! `[extra]` header or in a new one at the end. No front matter: a new
//! `---` block holding only the id. Whether the article still reads the
//! same (title, date, URL) is checked by the caller on the result.

/// The line end a file uses: its first line's.
fn line_end(text: &str) -> &'static str {
    match text.find('\n') {
        Some(at) if text[..at].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// A double-quoted string, as YAML and TOML both read it.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The lines of `text` after the BOM, each with its offset and its text
/// without the line end.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut offset = start;
    text[start..].split_inclusive('\n').map(move |line| {
        let at = offset;
        offset += line.len();
        (at, line.trim_end_matches(['\n', '\r']))
    })
}

/// `text` with `id` added to its front matter, or why it cannot be.
pub(super) fn insert_id(text: &str, id: &str) -> Result<String, String> {
    if text.contains('\r') && !text.contains("\r\n") {
        return Err("its lines end in a bare CR (classic Mac OS); save it with LF or CRLF line ends".into());
    }
    let eol = line_end(text);
    let mut all = lines(text);
    let Some((first_at, first)) = all.next() else {
        // Empty, or only a BOM (kept).
        return Ok(format!("{text}---{eol}id: {}{eol}---{eol}", quoted(id)));
    };
    let (fence, yaml) = match first.trim_end() {
        "---" => ("---", true),
        "+++" => ("+++", false),
        _ => {
            let block = format!("---{eol}id: {}{eol}---{eol}", quoted(id));
            return Ok(format!("{}{block}{}", &text[..first_at], &text[first_at..]));
        }
    };
    let mut extra_end = None;
    for (at, line) in all {
        let bare = line.trim_end();
        if bare == fence || (yaml && bare == "...") {
            let (at, added) = match (yaml, extra_end) {
                (true, _) => (at, format!("id: {}{eol}", quoted(id))),
                (false, Some(after_header)) => (after_header, format!("id = {}{eol}", quoted(id))),
                (false, None) => (at, format!("[extra]{eol}id = {}{eol}", quoted(id))),
            };
            return Ok(format!("{}{added}{}", &text[..at], &text[at..]));
        }
        if !yaml && extra_end.is_none() && is_extra_header(line) {
            extra_end = Some(at + text[at..].find('\n').map_or(text.len() - at, |i| i + 1));
        }
    }
    Err(format!("its front matter opened by `{fence}` is never closed"))
}

/// `[extra]`, with any spaces or comment.
fn is_extra_header(line: &str) -> bool {
    let bare: String = line.split('#').next().unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    bare == "[extra]"
}

/// `text` with the id written on its 1-based `line` (`id: …` or
/// `id = …`) replaced by `id`, for `--force`.
pub(super) fn replace_id(text: &str, line: usize, id: &str) -> Result<String, String> {
    let (at, old) = lines(text).nth(line.saturating_sub(1)).ok_or("its `id` line is not in the file")?;
    let indent = &old[..old.len() - old.trim_start().len()];
    let key = old.trim_start();
    let rest = key.strip_prefix("extra.id").or_else(|| key.strip_prefix("id")).ok_or("its `id` is not on one line")?;
    let name = &key[..key.len() - rest.len()];
    let new_line = match rest.trim_start().chars().next() {
        Some(':') => format!("{indent}{name}: {}", quoted(id)),
        Some('=') => format!("{indent}{name} = {}", quoted(id)),
        _ => return Err("its `id` is not written as `id: …` or `id = …` on one line".into()),
    };
    Ok(format!("{}{new_line}{}", &text[..at], &text[at + old.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "https://example.com/2023/01/29/post.html";

    #[test]
    fn yaml_gets_a_line_before_the_closing_fence() {
        assert_eq!(
            insert_id("---\ntitle: A\n---\nbody\n", ID).unwrap(),
            format!("---\ntitle: A\nid: \"{ID}\"\n---\nbody\n")
        );
        assert_eq!(
            insert_id("\u{feff}---\r\ntitle: A\r\nsummary: |\r\n  x\r\n...\r\nbody", ID).unwrap(),
            format!("\u{feff}---\r\ntitle: A\r\nsummary: |\r\n  x\r\nid: \"{ID}\"\r\n...\r\nbody")
        );
        assert_eq!(insert_id("---\n---\n", "urn:x:\"q\"").unwrap(), "---\nid: \"urn:x:\\\"q\\\"\"\n---\n");
    }

    #[test]
    fn toml_gets_an_extra_table() {
        assert_eq!(
            insert_id("+++\ntitle = \"A\"\n[taxonomies]\ntags = [\"a\"]\n+++\nbody", ID).unwrap(),
            format!("+++\ntitle = \"A\"\n[taxonomies]\ntags = [\"a\"]\n[extra]\nid = \"{ID}\"\n+++\nbody")
        );
        assert_eq!(
            insert_id("+++\r\ntitle = \"A\"\r\n[ extra ] # mine\r\nfoo = 1\r\n[taxonomies]\r\n+++\r\n", ID).unwrap(),
            format!("+++\r\ntitle = \"A\"\r\n[ extra ] # mine\r\nid = \"{ID}\"\r\nfoo = 1\r\n[taxonomies]\r\n+++\r\n")
        );
    }

    #[test]
    fn no_front_matter_gets_a_block() {
        assert_eq!(
            insert_id("# Title\r\n\r\nText", ID).unwrap(),
            format!("---\r\nid: \"{ID}\"\r\n---\r\n# Title\r\n\r\nText")
        );
        assert_eq!(insert_id("", ID).unwrap(), format!("---\nid: \"{ID}\"\n---\n"));
        assert_eq!(insert_id("\u{feff}", ID).unwrap(), format!("\u{feff}---\nid: \"{ID}\"\n---\n"));
    }

    #[test]
    fn what_cannot_be_edited_says_why() {
        assert!(insert_id("---\ntitle: A\n", ID).unwrap_err().contains("never closed"));
        assert!(insert_id("---\rtitle: A\r---\r", ID).unwrap_err().contains("bare CR"));
    }

    #[test]
    fn force_replaces_the_id_line() {
        assert_eq!(
            replace_id("---\ntitle: A\nid: urn:x:old # c\n---\n", 3, ID).unwrap(),
            format!("---\ntitle: A\nid: \"{ID}\"\n---\n")
        );
        assert_eq!(
            replace_id("+++\r\n[extra]\r\n  id = 'x'\r\n+++\r\n", 3, ID).unwrap(),
            format!("+++\r\n[extra]\r\n  id = \"{ID}\"\r\n+++\r\n")
        );
        assert!(replace_id("---\nid:\n  - x\n---\n", 2, ID).is_ok());
        assert!(replace_id("---\ntitle: x\n---\n", 2, ID).is_err());
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        /// Whatever the file, the edit only adds: every byte of the file is
        /// still there, in order, around one inserted piece.
        #[test]
        fn the_edit_only_inserts(text in "(---|\\+\\+\\+|# T|\\[extra\\]|id = 1|a: b|\\.\\.\\.|\\r\\n|\\n|\\r|\u{feff}| |x){0,12}") {
            if let Ok(new) = insert_id(&text, ID) {
                let cut = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).find(|&i| {
                    new.starts_with(&text[..i]) && new.ends_with(&text[i..]) && new.len() > text.len()
                });
                prop_assert!(cut.is_some(), "{:?} -> {:?}", text, new);
            }
        }
    }
}

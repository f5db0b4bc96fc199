//! First stage of `check`: look at the first bytes, decide what the
//! document is (JSON or XML) and which character encoding it is in, and hand
//! the XML parser a UTF-8 stream.
//!
//! UTF-8 documents (by far the most common) are streamed as they are, so a
//! 1 GB feed is never held in memory; `xml::Tracker` validates the UTF-8 as
//! it goes. Other encodings (UTF-16, ISO-8859-1, windows-1252, ...) are
//! decoded into memory first with `encoding_rs`. The declared encoding is
//! compared with the byte order mark and with what the bytes look like.
//!
//! Owns the encoding findings (UnicodeError, InvalidEncoding, UnknownEncoding,
//! ObscureEncoding, BadCharacters). Uses only `finding`; it parses neither
//! XML nor JSON beyond the XML declaration's `encoding`.

use std::io::{self, BufRead, Cursor, Read};

use super::finding::{Findings, Pos};

/// How many bytes are looked at before deciding.
const SNIFF: usize = 4096;

/// What `open` made of the input.
pub(crate) enum Opened<'a> {
    /// A JSON document, read whole (JSON Feeds are small).
    Json(Vec<u8>),
    /// An XML document as a UTF-8 stream; `ascii_only` when it was declared
    /// US-ASCII, so that any other byte is an encoding error.
    Xml(XmlStream<'a>),
    /// Nothing can be read (unknown encoding); the finding says why.
    Unreadable,
}

pub(crate) struct XmlStream<'a> {
    pub(crate) reader: Box<dyn BufRead + 'a>,
    pub(crate) ascii_only: bool,
}

/// Reads the start of `input` and decides. Only I/O errors are `Err`.
pub(crate) fn open<'a, R: BufRead + 'a>(mut input: R, findings: &mut Findings) -> io::Result<Opened<'a>> {
    let mut head = Vec::with_capacity(SNIFF);
    (&mut input).take(SNIFF as u64).read_to_end(&mut head)?;

    // UTF-16 by byte order mark, or by the `<?` of a declaration without one.
    let utf16 = match head.as_slice() {
        [0xFF, 0xFE, ..] | [b'<', 0, b'?', 0, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] | [0, b'<', 0, b'?', ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        return open_utf16(encoding, head, input, findings);
    }

    let bom = head.starts_with(&[0xEF, 0xBB, 0xBF]);
    if bom {
        head.drain(..3);
    }
    if starts_like_json(&head) {
        input.read_to_end(&mut head)?;
        return Ok(Opened::Json(head));
    }

    let declared = declared_encoding(&head);
    let label = declared.as_deref().map(str::to_ascii_lowercase);
    match label.as_deref() {
        None | Some("utf-8" | "utf8") => Ok(classify(head, Box::new(input), false)),
        Some("us-ascii" | "ascii") => Ok(classify(head, Box::new(input), true)),
        Some(label) => open_declared(label, declared.as_deref().unwrap_or_default(), bom, head, input, findings),
    }
}

/// A UTF-16 document (`head` and the rest of `input`), decoded whole; its
/// declaration must say UTF-16.
fn open_utf16<'a, R: BufRead + 'a>(
    encoding: &'static encoding_rs::Encoding,
    head: Vec<u8>,
    mut input: R,
    findings: &mut Findings,
) -> io::Result<Opened<'a>> {
    let mut all = head;
    input.read_to_end(&mut all)?;
    let (text, _, malformed) = encoding.decode(&all);
    if malformed {
        findings.error(
            "UnicodeError",
            Pos::START,
            format!("bytes that are not valid {}", encoding.name()),
            "save the file again as UTF-8",
        );
    }
    let text = text.trim_start_matches('\u{FEFF}').to_owned();
    if let Some(declared) = declared_encoding(text.as_bytes())
        && !declared.to_ascii_lowercase().starts_with("utf-16")
    {
        findings.error(
            "InvalidEncoding",
            Pos::START,
            format!("the document is UTF-16 but declares encoding `{declared}`"),
            "declare `encoding=\"UTF-16\"`, or better, save as UTF-8",
        );
    }
    Ok(classify(text.into_bytes(), Box::new(io::empty()), false))
}

/// A document that declares an encoding other than UTF-8 or US-ASCII
/// (`label`, lower case, as `declared`): unknown, contradicted by its bytes,
/// or decoded whole (UTF-8 `bom`: whether it started with one).
fn open_declared<'a, R: BufRead + 'a>(
    label: &str,
    declared: &str,
    bom: bool,
    head: Vec<u8>,
    mut input: R,
    findings: &mut Findings,
) -> io::Result<Opened<'a>> {
    let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) else {
        findings.error(
            "UnknownEncoding",
            Pos::START,
            format!("unknown XML character encoding `{declared}`"),
            "declare `encoding=\"UTF-8\"` and save the file as UTF-8",
        );
        return Ok(Opened::Unreadable);
    };
    if bom || label.starts_with("utf-16") {
        // A UTF-8 byte order mark, or ASCII-compatible bytes that claim
        // to be UTF-16: XML parsers reject both.
        findings.error(
            "InvalidEncoding",
            Pos::START,
            format!("the bytes are UTF-8 but the document declares encoding `{declared}`"),
            "declare `encoding=\"UTF-8\"`",
        );
        return Ok(classify(head, Box::new(input), false));
    }
    if !matches!(label, "iso-8859-1" | "latin1" | "iso-latin-1" | "windows-1252" | "cp1252") {
        findings.warning(
            "ObscureEncoding",
            Pos::START,
            format!("obscure XML character encoding `{declared}`"),
            "UTF-8 is the encoding every reader understands",
        );
    }
    let mut all = head;
    input.read_to_end(&mut all)?;
    if label.contains("8859-1") || label.contains("latin1") {
        // C1 control bytes in Latin-1 are nearly always windows-1252
        // or UTF-8 text mislabelled.
        if let Some(line) = line_of_first(&all, |b| (0x80..0xA0).contains(&b)) {
            findings.warning(
                "BadCharacters",
                Pos { line, col: 1 },
                format!("the bytes do not look like `{declared}` (C1 control characters)"),
                "declare the encoding the file is really in (often windows-1252 or UTF-8)",
            );
        }
    }
    let (text, malformed) = encoding.decode_without_bom_handling(&all);
    if malformed {
        findings.error(
            "UnicodeError",
            Pos::START,
            format!("bytes that are not valid `{declared}`"),
            "declare the encoding the file is really in",
        );
    }
    Ok(classify(text.into_owned().into_bytes(), Box::new(io::empty()), false))
}

fn classify<'a>(head: Vec<u8>, rest: Box<dyn BufRead + 'a>, ascii_only: bool) -> Opened<'a> {
    if starts_like_json(&head) {
        // Only reached for decoded (UTF-16) input, which is read whole.
        return Opened::Json(head);
    }
    Opened::Xml(XmlStream { reader: Box::new(Cursor::new(head).chain(rest)), ascii_only })
}

fn starts_like_json(bytes: &[u8]) -> bool {
    matches!(bytes.iter().find(|b| !b.is_ascii_whitespace()), Some(b'{' | b'['))
}

fn line_of_first(bytes: &[u8], pred: impl Fn(u8) -> bool) -> Option<u64> {
    let at = bytes.iter().position(|&b| pred(b))?;
    Some(1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64)
}

/// The `encoding` pseudo-attribute of an XML declaration at the very start
/// (leading whitespace tolerated: that is reported elsewhere).
pub(crate) fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &bytes[start..];
    if !rest.starts_with(b"<?xml") {
        return None;
    }
    let end = rest.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&rest[5..end]).ok()?;
    let at = decl.find("encoding")?;
    let after = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    let close = value.find(quote)?;
    Some(value[..close].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_declared_encoding() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (b"<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>", Some("utf-8")),
            (b"<?xml version='1.0' encoding = 'ISO-8859-1' ?><a/>", Some("ISO-8859-1")),
            (b"<?xml version=\"1.0\"?><a/>", None),
            (b"<a/>", None),
            (b"<?xml encoding=\"x", None),
        ];
        for (bytes, want) in cases {
            assert_eq!(declared_encoding(bytes).as_deref(), *want, "{}", String::from_utf8_lossy(bytes));
        }
    }
}

//! A small JSON parser that keeps the line and column of every value, so
//! JSON Feed findings can point at the member they are about (serde_json's
//! `Value` has no positions). Strict RFC 8259; nesting is capped so hostile
//! input cannot exhaust the stack.
//!
//! Syntax only: it reports through `SyntaxError`, not `Findings`, and knows
//! no JSON Feed member. Uses only `finding` (for `Pos`).

use super::finding::Pos;

const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Node>),
    /// Members in document order: key, key position, value.
    Object(Vec<(String, Pos, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) pos: Pos,
    pub(crate) value: Value,
}

impl Node {
    /// The first member `key` of an object.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => members.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| v),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// A syntax error: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) pos: Pos,
    pub(crate) message: String,
}

/// Parses one JSON document (surrounding whitespace allowed).
#[cfg(test)]
pub(crate) fn parse(bytes: &[u8]) -> Result<Node, SyntaxError> {
    parse_streaming_items(bytes, None)
}

/// The members of the root object before its `items`, and one element of
/// `items`.
pub(crate) type OnItem<'f> = &'f mut dyn FnMut(&[(String, Pos, Node)], Node);

/// Parses one JSON document (surrounding whitespace allowed). With
/// `on_item`, each element of the root object's `items` array goes to it as
/// soon as it is parsed and is not kept (the root's `items` is left empty):
/// a 100 MB feed is never held as a tree.
pub(crate) fn parse_streaming_items(bytes: &[u8], on_item: Option<OnItem<'_>>) -> Result<Node, SyntaxError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let mut parser = Parser::new(std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or(""));
            parser.skip_to_end();
            return Err(SyntaxError { pos: parser.pos(), message: "invalid UTF-8".to_owned() });
        }
    };
    let mut parser = Parser::new(text);
    parser.whitespace();
    let node = match on_item {
        Some(on_item) if parser.peek() == Some('{') => {
            let pos = parser.pos();
            Node { pos, value: parser.object(0, Some(on_item))? }
        }
        _ => parser.value(0)?,
    };
    parser.whitespace();
    if parser.peek().is_some() {
        return Err(parser.error("trailing characters after the JSON value"));
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
    line: u64,
    col: u64,
}

/// The index of the first byte below 0x20 (chunks without an early exit,
/// so the scan compiles to vector compares).
fn first_control(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 32;
    let mut start = 0;
    for chunk in bytes.chunks(CHUNK) {
        if chunk.iter().fold(false, |found, &b| found | (b < 0x20)) {
            return chunk.iter().position(|&b| b < 0x20).map(|at| start + at);
        }
        start += chunk.len();
    }
    None
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser { text, at: 0, line: 1, col: 1 }
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, col: self.col }
    }

    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError { pos: self.pos(), message: message.to_owned() }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_to_end(&mut self) {
        while self.bump().is_some() {}
    }

    fn whitespace(&mut self) {
        // Byte at a time: whitespace is ASCII, and pretty JSON is mostly indentation.
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            match b {
                b' ' | b'\t' | b'\r' => self.col += 1,
                b'\n' => {
                    self.line += 1;
                    self.col = 1;
                }
                _ => break,
            }
            self.at += 1;
        }
    }

    fn expect(&mut self, word: &str) -> Result<(), SyntaxError> {
        if self.text[self.at..].starts_with(word) {
            for _ in word.chars() {
                self.bump();
            }
            Ok(())
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        let pos = self.pos();
        let value = match self.peek() {
            Some('{') => self.object(depth, None)?,
            Some('[') => self.array(depth, None)?,
            Some('"') => Value::String(self.string()?),
            Some('t') => self.expect("true").map(|_| Value::Bool(true))?,
            Some('f') => self.expect("false").map(|_| Value::Bool(false))?,
            Some('n') => self.expect("null").map(|_| Value::Null)?,
            Some('-' | '0'..='9') => self.number()?,
            Some(_) => return Err(self.error("expected a JSON value")),
            None => return Err(self.error("unexpected end of input")),
        };
        Ok(Node { pos, value })
    }

    /// An object; with `on_item`, its `items` array goes to that (see
    /// `parse_streaming_items`).
    fn object(&mut self, depth: usize, mut on_item: Option<OnItem<'_>>) -> Result<Value, SyntaxError> {
        self.bump();
        let mut members = Vec::new();
        self.whitespace();
        if self.peek() == Some('}') {
            self.bump();
            return Ok(Value::Object(members));
        }
        loop {
            self.whitespace();
            let key_pos = self.pos();
            if self.peek() != Some('"') {
                return Err(self.error("expected a string key"));
            }
            let key = self.string()?;
            self.whitespace();
            let at = self.pos();
            if self.bump() != Some(':') {
                return Err(SyntaxError { pos: at, message: "expected `:` after the key".to_owned() });
            }
            self.whitespace();
            let value = match on_item.as_deref_mut() {
                Some(on_item) if key == "items" && self.peek() == Some('[') => {
                    let pos = self.pos();
                    Node { pos, value: self.array(depth + 1, Some(&mut |item| on_item(&members, item)))? }
                }
                _ => self.value(depth + 1)?,
            };
            members.push((key, key_pos, value));
            self.whitespace();
            let at = self.pos();
            match self.bump() {
                Some(',') => continue,
                Some('}') => return Ok(Value::Object(members)),
                _ => return Err(SyntaxError { pos: at, message: "expected `,` or `}`".to_owned() }),
            }
        }
    }

    /// An array; with `each`, its elements go to that instead of into it.
    fn array(&mut self, depth: usize, mut each: Option<&mut dyn FnMut(Node)>) -> Result<Value, SyntaxError> {
        self.bump();
        let mut items = Vec::new();
        self.whitespace();
        if self.peek() == Some(']') {
            self.bump();
            return Ok(Value::Array(items));
        }
        loop {
            self.whitespace();
            let item = self.value(depth + 1)?;
            match each.as_deref_mut() {
                Some(each) => each(item),
                None => items.push(item),
            }
            self.whitespace();
            let at = self.pos();
            match self.bump() {
                Some(',') => continue,
                Some(']') => return Ok(Value::Array(items)),
                _ => return Err(SyntaxError { pos: at, message: "expected `,` or `]`".to_owned() }),
            }
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.bump();
        let mut out = String::new();
        loop {
            // A run of characters that stand for themselves, copied at once:
            // up to the next quote, backslash or control character. A string
            // holds no raw line break, so only the column moves.
            let rest = &self.text.as_bytes()[self.at..];
            let special = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
            let run = first_control(&rest[..special]).unwrap_or(special);
            if run > 0 {
                let plain = &self.text[self.at..self.at + run];
                out.push_str(plain);
                self.col += plain.chars().count() as u64;
                self.at += run;
            }
            let pos = self.pos();
            match self.bump() {
                None => return Err(self.error("unterminated string")),
                Some('"') => return Ok(out),
                Some('\\') => {
                    let c = match self.bump() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some('b') => '\u{8}',
                        Some('f') => '\u{c}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('u') => self.unicode_escape()?,
                        _ => return Err(SyntaxError { pos, message: "invalid escape".to_owned() }),
                    };
                    out.push(c);
                }
                Some(c) if (c as u32) < 0x20 => {
                    return Err(SyntaxError { pos, message: "control character in a string".to_owned() });
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.text.get(self.at..self.at + 4).filter(|d| d.chars().all(|c| c.is_ascii_hexdigit()));
        let Some(digits) = digits else { return Err(self.error("invalid \\u escape")) };
        let value = u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))?;
        for _ in 0..4 {
            self.bump();
        }
        Ok(value)
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let high = self.hex4()?;
        if (0xD800..0xDC00).contains(&high) {
            if self.text[self.at..].starts_with("\\u") {
                self.bump();
                self.bump();
                let low = self.hex4()?;
                if (0xDC00..0xE000).contains(&low) {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return char::from_u32(code).ok_or_else(|| self.error("invalid surrogate pair"));
                }
            }
            return Err(self.error("unpaired surrogate in \\u escape"));
        }
        char::from_u32(high).ok_or_else(|| self.error("unpaired surrogate in \\u escape"))
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.at;
        let bytes = self.text.as_bytes();
        let mut end = start;
        if bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        let int_start = end;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        if end == int_start || (bytes[int_start] == b'0' && end - int_start > 1) {
            return Err(self.error("invalid number"));
        }
        if bytes.get(end) == Some(&b'.') {
            end += 1;
            let frac = end;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            if end == frac {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(bytes.get(end), Some(b'e' | b'E')) {
            end += 1;
            if matches!(bytes.get(end), Some(b'+' | b'-')) {
                end += 1;
            }
            let exp = end;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            if end == exp {
                return Err(self.error("invalid number"));
            }
        }
        let number = self.text[start..end].parse::<f64>().map_err(|_| self.error("invalid number"))?;
        for _ in start..end {
            self.bump();
        }
        Ok(Value::Number(number))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_values_and_errors() {
        let node = parse(b"{\n  \"a\": [1, \"x\"],\n  \"b\": {\"c\": null}\n}").unwrap();
        assert_eq!(node.get("a").unwrap().pos, Pos { line: 2, col: 8 });
        assert_eq!(node.get("b").unwrap().get("c").unwrap().pos, Pos { line: 3, col: 14 });
        let err = parse(b"{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!(err.pos, Pos { line: 3, col: 1 });
        assert!(parse(b"[1, 2] x").is_err());
        assert!(parse(b"01").is_err());
        assert!(parse(&b"[".repeat(1000)).is_err());
        assert_eq!(parse(br#""\ud83c\udf89""#).unwrap().value, Value::String("🎉".into()));
        // Columns count characters, in runs and after escapes alike.
        let node = parse("{\"é😀\\n\": \"a\\tb€\", \"k\": 1}".as_bytes()).unwrap();
        assert_eq!(node.get("é😀\n").unwrap().value, Value::String("a\tb€".into()));
        assert_eq!(node.get("k").unwrap().pos, Pos { line: 1, col: 24 });
        assert_eq!(parse("\"é\u{1}\"".as_bytes()).unwrap_err().pos, Pos { line: 1, col: 3 });
    }
}

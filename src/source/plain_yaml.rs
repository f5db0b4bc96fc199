//! The shape nearly every YAML front matter has — top-level `key: value`
//! lines whose values are plain words, quoted strings without escapes,
//! `true`/`false`, or lists of such strings — read without a YAML parser.
//!
//! Why by hand: serde_yaml_ng sets up a full libyaml parser per document,
//! which made it the largest cost of reading 100,000 articles' front matter
//! (a quarter of a latest-20 build). This reader accepts only what it can
//! read exactly as serde_yaml_ng would and returns `None` for everything
//! else (numbers, nulls, nested maps, escapes, comments, anchors, multi-line
//! scalars, duplicate keys, unusual characters), which then goes to
//! serde_yaml_ng, errors and their lines included. A property test checks
//! it against serde_yaml_ng on generated documents.

use serde_yaml_ng::{Mapping, Value};

/// The document as serde_yaml_ng would read it, if it has the plain shape.
pub(super) fn read(text: &str) -> Option<Value> {
    // Characters YAML (libyaml) treats specially anywhere: tabs, CR, other
    // controls, NEL and the Unicode line and paragraph separators, BOM.
    if text.chars().any(|c| {
        (c < ' ' && c != '\n')
            || matches!(c, '\u{7F}'..='\u{9F}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
    }) {
        return None;
    }
    let mut map = Mapping::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim().is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if !is_key(key) || (!rest.is_empty() && !rest.starts_with(' ')) {
            return None;
        }
        let rest = rest.trim();
        let value = if rest.is_empty() {
            // A block list must follow: `- item` lines, indented or not.
            let mut items = Vec::new();
            let mut indent = None;
            while let Some(next) = lines.peek() {
                let Some(item) = next.trim_start().strip_prefix("- ") else { break };
                // Every item at the same indentation, as one list.
                let this = next.len() - next.trim_start().len();
                if *indent.get_or_insert(this) != this {
                    return None;
                }
                items.push(Value::String(scalar(item.trim(), false)?));
                lines.next();
            }
            if items.is_empty() {
                return None;
            }
            Value::Sequence(items)
        } else if let Some(inner) = rest.strip_prefix('[') {
            let inner = inner.strip_suffix(']')?;
            let items = if inner.trim().is_empty() {
                Vec::new()
            } else {
                inner.split(',').map(|item| scalar(item.trim(), true).map(Value::String)).collect::<Option<Vec<_>>>()?
            };
            Value::Sequence(items)
        } else {
            match rest {
                "true" | "True" | "TRUE" => Value::Bool(true),
                "false" | "False" | "FALSE" => Value::Bool(false),
                _ => Value::String(scalar(rest, false)?),
            }
        };
        let key = Value::String(key.to_owned());
        if map.contains_key(&key) {
            return None;
        }
        map.insert(key, value);
    }
    Some(Value::Mapping(map))
}

/// A key at the start of its line: letters, digits, `_` and `-`.
fn is_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A scalar that is a string and nothing else, as its text: quoted without
/// escapes, or plain and unmistakably not a number, boolean or null. `flow`
/// is set inside `[...]`, where `,[]{}` end a plain scalar.
fn scalar(raw: &str, flow: bool) -> Option<String> {
    if let Some(inner) = raw.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then(|| inner.to_owned());
    }
    if let Some(inner) = raw.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return (!inner.contains('\'')).then(|| inner.to_owned());
    }
    let first = raw.chars().next()?;
    // Indicators that start something other than a plain scalar, and `.`
    // (`.inf`, `.5`), `+` and `-` (signed numbers, `- ` lists).
    if "-?:,[]{}#&*!|>'\"%@`.+~".contains(first) {
        return None;
    }
    // `: ` starts a nested map and ` #` a comment (elsewhere `#` and `:` are
    // plain characters: `C#`, `10:30`).
    if raw.contains(['#', ':']) && (raw.contains(": ") || raw.contains(" #") || raw.ends_with(':')) {
        return None;
    }
    if flow && raw.contains([',', '[', ']', '{', '}', ':']) {
        return None;
    }
    if matches!(raw, "true" | "True" | "TRUE" | "false" | "False" | "FALSE" | "null" | "Null" | "NULL") {
        return None;
    }
    // Anything a number could be made of (`12`, `0x1F`, `1e3`, `1_000`)
    // goes to the parser, except a date's `YYYY-MM-DD...` shape, which
    // YAML reads as a string (serde_yaml_ng resolves no timestamps).
    if first.is_ascii_digit()
        && !looks_like_a_date(raw)
        && raw.chars().all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
    {
        return None;
    }
    Some(raw.to_owned())
}

/// `YYYY-MM-DD`, alone or followed by a time: no number has a `-` there.
fn looks_like_a_date(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-'
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn yaml(text: &str) -> Option<Value> {
        serde_yaml_ng::from_str::<Value>(text).ok()
    }

    #[test]
    fn reads_the_common_shapes() {
        let text = "title: Explained Project Council\ndate: 2019-01-01T13:14:15+01:00\ntags:\n  - opinion\n  - books\n\
                    author: \"Amara Okafor\"\ncategories: [a b, c]\ndraft: false\nsummary: 'It''s'\n";
        // The last line has an escaped quote: the whole document goes to the parser.
        assert_eq!(read(text), None);
        let text = text.replace("'It''s'", "'Its: fine'");
        assert_eq!(read(&text), yaml(&text));
        assert!(read(&text).is_some());
    }

    #[test]
    fn leaves_everything_else_to_the_parser() {
        for text in [
            "n: 12\n",
            "n: 1.5\n",
            "n: 0x1F\n",
            "n: ~\n",
            "n: null\n",
            "n: .inf\n",
            "n: -3\n",
            "a: b: c\n",
            "a: b # comment\n",
            "a: &x b\n",
            "a: *x\n",
            "a: \"esc\\n\"\n",
            "author:\n  name: X\n",
            "a: b\na: c\n",
            "a: |\n  text\n",
            "a: b\n  continued\n",
            "a:\n",
            "a: [x, [y]]\n",
            "a: b\tc\n",
            "a: 2019\n",
            "a: !tag b\n",
            "a: {b: c}\n",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    /// Lines made from tokens that trip YAML up; wherever the plain reader
    /// says yes, its value is serde_yaml_ng's.
    fn token() -> impl Strategy<Value = &'static str> {
        let usual = prop::sample::select(vec![
            "word",
            "Two Words",
            "café",
            "“quoted”",
            "2019-01-01",
            "2019-01-01T13:14:15+01:00",
            "a:b",
            "a#c",
            "\"dq\"",
            "'sq'",
            "yes",
            "No",
            "on",
            "1:30",
            "x-y",
            "true",
            "False",
            "\"a: b # c\"",
            "'[x]'",
            "it's",
            "a'b\"c",
            "10th",
            "3 days",
            "1st-2nd",
            "2019-1-1",
            "C++",
            "été 2026",
        ]);
        let tricky = prop::sample::select(vec![
            "null",
            "~",
            "12",
            "1.5",
            "1e3",
            "0x1F",
            "-1",
            "a: b",
            "a #c",
            "#c",
            "\"d\\\"q\"",
            "'s''q'",
            "[x, y]",
            "[]",
            "[x, [y]]",
            "{a: b}",
            "- x",
            "-x",
            "*x",
            "&x y",
            "!t x",
            "|",
            ">",
            "%x",
            "@x",
            "`x",
            ".5",
            ".inf",
            "+1",
            "x,y",
            "",
            " ",
            "?x",
            "1_000",
            "0o17",
            "a]",
            "2019",
            "1e",
            "0b1",
            "12:30:00",
        ]);
        prop_oneof![4 => usual, 1 => tricky]
    }

    fn line() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "title", "date", "tags", "author", "draft", "x-y", "_k", "summary", "slug", "lang", "a b", "1k",
        ]);
        (key, token(), prop::collection::vec(token(), 0..3), 0..10u8).prop_map(|(key, value, items, shape)| {
            let list = |indent: &str| items.iter().map(|i| format!("{indent}- {i}")).collect::<Vec<_>>().join("\n");
            match shape {
                0..=3 => format!("{key}: {value}"),
                4 => format!("{key}:\n{}", list("  ")),
                5 => format!("{key}:\n{}", list("")),
                6 | 7 => format!("{key}: [{}]", items.join(", ")),
                8 => format!("{key}:{value}"),
                _ => format!("{key}:\n  - {value}\n{}", list("    ")),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(6000))]
        #[test]
        fn agrees_with_serde_yaml(lines in prop::collection::vec(line(), 1..5)) {
            let text = lines.join("\n") + "\n";
            if let Some(value) = read(&text) {
                prop_assert_eq!(Some(value), yaml(&text), "{:?}", text);
            }
        }
    }
}

//! Front matter: split the YAML (`---`) or TOML (`+++`) block off an article
//! and read it into `FrontMatter`, keeping the line of every key so that
//! later errors can point at it.
//!
//! Key names from Hugo, Jekyll and Zola are accepted for the same things:
//! `description`/`excerpt` for `summary`, `publishDate`/`pubDate` for `date`,
//! `lastmod`/`last_modified_at`/`modified` for `updated`, `language` for `lang`,
//! `taxonomies.tags`/`taxonomies.categories`, Jekyll's `category` and
//! `published: false` (for `draft: true`), JSON Feed's `external_url` for
//! `link`. Other keys are ignored, except near-misses of ours
//! (`titel`), which get a warning.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::{Diagnostic, Location};
use crate::text::line_of_offset;

/// Which syntax the front matter is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    Yaml,
    Toml,
}

/// An article's text cut in two.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The front matter block, without its fences, if there is one.
    pub(crate) front: Option<Block<'a>>,
    pub(crate) body: &'a str,
    /// The 1-based line of the file the body starts on.
    pub(crate) body_line: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Block<'a> {
    pub(crate) syntax: Syntax,
    pub(crate) text: &'a str,
    /// The 1-based line of the file the block's first line is on.
    pub(crate) first_line: usize,
}

/// Why a front matter block could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct FrontMatterError {
    pub(crate) line: usize,
    /// The kind of problem, for reports (see `Diagnostic::code`).
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// Splits `text` (LF line ends, no BOM) into front matter and body. A file
/// that does not start with a fence line has no front matter.
pub(crate) fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let (syntax, fence) = match first_line(text) {
        "---" => (Syntax::Yaml, "---"),
        "+++" => (Syntax::Toml, "+++"),
        _ => {
            return Ok(Split { front: None, body: text, body_line: 1 });
        }
    };
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = start;
    for (index, line) in text[start..].split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        let closes = bare == fence || (syntax == Syntax::Yaml && bare == "...");
        if closes {
            return Ok(Split {
                front: Some(Block { syntax, text: &text[start..offset], first_line: 2 }),
                body: &text[offset + line.len()..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError {
        line: 1,
        code: "front-matter-syntax",
        message: format!("the front matter opened by `{fence}` on line 1 is never closed"),
        hint: format!("end the front matter with a line holding only `{fence}`"),
    })
}

fn first_line(text: &str) -> &str {
    text.split('\n').next().unwrap_or("").trim_end()
}

/// A value and the 1-based file line it was written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct At<T> {
    pub(crate) value: T,
    pub(crate) line: usize,
}

/// An author as written: a name, or a name with an email and a URI.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPerson {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) email: Option<String>,
    #[serde(default, alias = "url")]
    pub(crate) uri: Option<String>,
}

/// The front matter as the author wrote it, every value still text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub(crate) title: Option<At<String>>,
    pub(crate) date: Option<At<String>>,
    pub(crate) updated: Option<At<String>>,
    pub(crate) id: Option<At<String>>,
    pub(crate) slug: Option<At<String>>,
    pub(crate) summary: Option<At<String>>,
    pub(crate) authors: Vec<At<RawPerson>>,
    pub(crate) tags: Vec<String>,
    /// The line of the first tag key, for messages about tags.
    pub(crate) tags_line: usize,
    pub(crate) draft: bool,
    pub(crate) lang: Option<At<String>>,
    pub(crate) image: Option<At<String>>,
    pub(crate) link: Option<At<String>>,
}

/// The keys we read, as serde sees them. Each alias is a field of its own so
/// that Hugo pages carrying both `date` and `publishDate` are not an error.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Raw {
    title: Option<Text>,
    date: Option<DateText>,
    #[serde(rename = "publishDate")]
    publish_date: Option<DateText>,
    #[serde(rename = "pubDate")]
    pub_date: Option<DateText>,
    updated: Option<DateText>,
    lastmod: Option<DateText>,
    last_modified_at: Option<DateText>,
    modified: Option<DateText>,
    id: Option<Text>,
    slug: Option<Text>,
    summary: Option<String>,
    description: Option<String>,
    excerpt: Option<String>,
    author: Option<People>,
    authors: Option<People>,
    tags: Option<Words>,
    category: Option<Words>,
    categories: Option<Words>,
    taxonomies: Option<Taxonomies>,
    draft: Option<bool>,
    published: Option<bool>,
    lang: Option<String>,
    language: Option<String>,
    image: Option<Image>,
    images: Option<Vec<Image>>,
    link: Option<String>,
    external_url: Option<String>,
    extra: Option<Extra>,
}

/// Zola's `[extra]` table, where Zola allows keys of the site's own (it
/// refuses unknown top-level keys): its `id` is read as `id`, which is where
/// `feedwright adopt` writes an old feed's id in TOML front matter. The
/// rest is skipped unread, as an unknown key is (no alias of a YAML alias
/// bomb is expanded), and an `extra` that is not a table, or an `id` that
/// is not a string or number, is no id.
#[derive(Debug, Default)]
struct Extra(Option<String>);

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Extra;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
                let mut id = None;
                while let Some(TextOrSkip(key)) = map.next_key()? {
                    if key.as_deref() == Some("id") && id.is_none() {
                        id = map.next_value::<TextOrSkip>()?.0;
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                Ok(Extra(id))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Extra, A::Error> {
                de::IgnoredAny.visit_seq(seq).map(|_| Extra(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Extra, E> {
                Ok(Extra(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Extra, E> {
                Ok(Extra(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Extra, E> {
                Ok(Extra(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Extra, E> {
                Ok(Extra(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Extra, E> {
                Ok(Extra(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Extra, E> {
                Ok(Extra(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A string or whole number as text; any other value skipped unread.
struct TextOrSkip(Option<String>);

impl<'de> Deserialize<'de> for TextOrSkip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextOrSkip;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TextOrSkip, E> {
                Ok(TextOrSkip(Some(v.to_owned())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<TextOrSkip, E> {
                Ok(TextOrSkip(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<TextOrSkip, E> {
                Ok(TextOrSkip(Some(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<TextOrSkip, E> {
                Ok(TextOrSkip(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<TextOrSkip, E> {
                Ok(TextOrSkip(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<TextOrSkip, E> {
                Ok(TextOrSkip(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<TextOrSkip, A::Error> {
                de::IgnoredAny.visit_seq(seq).map(|_| TextOrSkip(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TextOrSkip, A::Error> {
                de::IgnoredAny.visit_map(map).map(|_| TextOrSkip(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Taxonomies {
    tags: Option<Words>,
    categories: Option<Words>,
}

/// Every key `Raw` reads, for the near-miss warning: the field names serde
/// derived for it (each alias is a field of its own), so that a key added to
/// `Raw` is known here without a second list.
fn known_keys() -> &'static [&'static str] {
    use serde::de::{self, Visitor};
    /// A deserializer that only records the fields of the struct asked for.
    struct Fields(&'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for &mut Fields {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("only the fields are read"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = fields;
            Err(de::Error::custom("only the fields are read"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    static KEYS: std::sync::OnceLock<&'static [&'static str]> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut fields = Fields(&[]);
        let _ = Raw::deserialize(&mut fields);
        fields.0
    })
}

/// Reads a front matter block. `file` names the article in messages.
pub(crate) fn parse(block: &Block<'_>, file: &str) -> Result<(FrontMatter, Vec<Diagnostic>), FrontMatterError> {
    let to_file_line = |line_in_block: usize| block.first_line + line_in_block.saturating_sub(1);
    if let Some(line) = nests_too_deep(block.text) {
        return Err(FrontMatterError {
            line: to_file_line(line),
            code: "front-matter-too-deep",
            message: format!("the front matter nests deeper than {MAX_NESTING} levels"),
            hint: "front matter holds a few flat values: remove the nested lists or maps".into(),
        });
    }
    let (raw, keys): (Raw, Vec<String>) = match block.syntax {
        Syntax::Yaml => {
            if block.text.trim().is_empty() {
                (Raw::default(), Vec::new())
            } else {
                // The plain shape without a YAML parser; the rest (and every
                // error, with its line) from serde_yaml_ng.
                let plain = super::plain_yaml::read(block.text).and_then(|value| Raw::deserialize(value).ok());
                let raw = match plain {
                    Some(raw) => raw,
                    None => serde_yaml_ng::from_str::<Raw>(block.text).map_err(|err| yaml_error(&err, to_file_line))?,
                };
                (raw, top_level_keys(block.text, Syntax::Yaml))
            }
        }
        Syntax::Toml => {
            let raw = toml::from_str::<Raw>(block.text).map_err(|err| {
                let line = err.span().map_or(1, |s| line_of_offset(block.text.as_bytes(), s.start));
                FrontMatterError {
                    line: to_file_line(line),
                    code: "front-matter-syntax",
                    message: format!("front matter: {}", err.message().trim_end().replace('\n', "; ")),
                    hint: "fix the TOML between the `+++` lines".into(),
                }
            })?;
            (raw, top_level_keys(block.text, Syntax::Toml))
        }
    };
    let line_of = |key: &str| to_file_line(key_line(block.text, key, block.syntax));
    let at = |key: &str, value: String| At { value, line: line_of(key) };

    let mut warnings = Vec::new();
    for key in &keys {
        if let Some(known) = near_miss(key) {
            warnings.push(
                Diagnostic::warning(
                    Some(Location::at(file, line_of(key))),
                    format!("unknown front matter key `{key}` is ignored"),
                )
                .with_hint(format!("did you mean `{known}`?"))
                .with_code("unknown-key"),
            );
        }
    }

    let first = |pairs: Vec<(&str, Option<String>)>| pairs.into_iter().find_map(|(k, v)| v.map(|v| at(k, v)));
    let mut authors = Vec::new();
    for (key, people) in [("author", raw.author), ("authors", raw.authors)] {
        if let Some(People(list)) = people {
            let line = line_of(key);
            authors.extend(list.into_iter().map(|value| At { value, line }));
        }
    }
    let taxonomies = raw.taxonomies.unwrap_or_default();
    let tags = [raw.tags, raw.category, raw.categories, taxonomies.tags, taxonomies.categories]
        .into_iter()
        .flatten()
        .flat_map(|Words(w)| w)
        .collect();
    let front = FrontMatter {
        title: raw.title.map(|Text(t)| at("title", t)),
        date: first(vec![
            ("date", raw.date.map(|d| d.0)),
            ("publishDate", raw.publish_date.map(|d| d.0)),
            ("pubDate", raw.pub_date.map(|d| d.0)),
        ]),
        updated: first(vec![
            ("updated", raw.updated.map(|d| d.0)),
            ("lastmod", raw.lastmod.map(|d| d.0)),
            ("last_modified_at", raw.last_modified_at.map(|d| d.0)),
            ("modified", raw.modified.map(|d| d.0)),
        ]),
        id: raw.id.map(|Text(t)| at("id", t)).or_else(|| {
            let Extra(id) = raw.extra?;
            Some(At { value: id?, line: to_file_line(extra_id_line(block.text)) })
        }),
        slug: raw.slug.map(|Text(t)| at("slug", t)),
        summary: first(vec![("summary", raw.summary), ("description", raw.description), ("excerpt", raw.excerpt)]),
        authors,
        tags,
        tags_line: ["tags", "category", "categories", "taxonomies"]
            .into_iter()
            .find(|key| keys.iter().any(|k| k == key))
            .map_or(block.first_line, line_of),
        draft: raw.draft.unwrap_or(false) || raw.published == Some(false),
        lang: first(vec![("lang", raw.lang), ("language", raw.language)]),
        image: raw
            .image
            .map(|Image(i)| at("image", i))
            .or_else(|| raw.images.and_then(|list| list.into_iter().next()).map(|Image(i)| at("images", i))),
        link: first(vec![("link", raw.link), ("external_url", raw.external_url)]),
    };
    let mut front = front;
    drop_escaped_forbidden_chars(&mut front, file, &mut warnings);
    Ok((front, warnings))
}

/// YAML and TOML escapes (`"\u0001"`) can put characters XML forbids into
/// values even when the file itself holds none: drop them here too, with a
/// warning at the key's line.
fn drop_escaped_forbidden_chars(front: &mut FrontMatter, file: &str, warnings: &mut Vec<Diagnostic>) {
    let mut dirty_lines = Vec::new();
    let mut clean = |value: &mut String, line: usize| {
        if !crate::text::all_xml_chars(value) {
            *value = value.chars().filter(|&c| crate::text::is_xml_char(c)).collect();
            dirty_lines.push(line);
        }
    };
    for field in [
        &mut front.title,
        &mut front.date,
        &mut front.updated,
        &mut front.id,
        &mut front.slug,
        &mut front.summary,
        &mut front.lang,
        &mut front.image,
        &mut front.link,
    ]
    .into_iter()
    .flatten()
    {
        clean(&mut field.value, field.line);
    }
    for author in &mut front.authors {
        clean(&mut author.value.name, author.line);
        for part in [&mut author.value.email, &mut author.value.uri].into_iter().flatten() {
            clean(part, author.line);
        }
    }
    let tags_line = front.tags_line;
    for tag in &mut front.tags {
        clean(tag, tags_line);
    }
    dirty_lines.sort_unstable();
    dirty_lines.dedup();
    for line in dirty_lines {
        warnings.push(
            Diagnostic::warning(
                Some(Location::at(file, line)),
                "a value holds characters XML forbids or discourages; they are dropped",
            )
            .with_hint("remove the escaped control characters (such as `\\u0001`) from the front matter")
            .with_code("control-character"),
        );
    }
}

fn yaml_error(err: &serde_yaml_ng::Error, to_file_line: impl Fn(usize) -> usize) -> FrontMatterError {
    let line = err.location().map_or(1, |l| l.line());
    // serde_yaml appends " at line L column C"; we give the line ourselves.
    let text = err.to_string();
    let message = match text.find(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    };
    FrontMatterError {
        line: to_file_line(line),
        code: "front-matter-syntax",
        message: format!("front matter: {message}"),
        hint: "fix the YAML between the `---` lines".into(),
    }
}

/// Deeper flow nesting (`[[[…`) than any article needs: the YAML parser's
/// time grows with the square of the depth, so such input is refused before
/// it is parsed.
const MAX_NESTING: usize = 64;

/// The 1-based line where `[` and `{` (outside quotes) first nest deeper
/// than `MAX_NESTING`, if they do.
fn nests_too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut line, mut quote) = (0usize, 1usize, None::<char>);
    for c in text.chars() {
        match (quote, c) {
            (_, '\n') => {
                line += 1;
                quote = None;
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(line);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The keys written at the start of a line (the top level of a block), for
/// the near-miss warning. A line scan, not a second parse: the block was
/// just parsed, and this runs for every article.
fn top_level_keys(text: &str, syntax: Syntax) -> Vec<String> {
    let sep = match syntax {
        Syntax::Yaml => ':',
        Syntax::Toml => '=',
    };
    text.lines()
        .filter_map(|line| {
            let (key, _) = line.split_once(sep)?;
            let key = key.trim_end().trim_matches(['"', '\'']);
            let plain = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
            (plain && !line.starts_with([' ', '\t'])).then(|| key.to_owned())
        })
        .collect()
}

/// The 1-based line of `key` at the top level of a block (1 when not found).
fn key_line(text: &str, key: &str, syntax: Syntax) -> usize {
    for (index, line) in text.lines().enumerate() {
        let Some(rest) = line.strip_prefix(key).or_else(|| {
            line.strip_prefix(['"', '\'']).and_then(|l| l.strip_prefix(key)).and_then(|l| l.strip_prefix(['"', '\'']))
        }) else {
            continue;
        };
        let rest = rest.trim_start();
        let sep = match syntax {
            Syntax::Yaml => ':',
            Syntax::Toml => '=',
        };
        if rest.starts_with(sep) {
            return index + 1;
        }
        if syntax == Syntax::Toml && rest.starts_with('.') {
            return index + 1;
        }
        if syntax == Syntax::Toml && line.trim_start().starts_with('[') {
            return index + 1;
        }
    }
    if syntax == Syntax::Toml {
        let table = format!("[{key}]");
        if let Some(index) = text.lines().position(|l| l.trim() == table) {
            return index + 1;
        }
    }
    1
}

/// The 1-based line of `id` in the `[extra]` table of a TOML block (or of
/// `extra.id` written as a dotted key), 1 when not found.
fn extra_id_line(text: &str) -> usize {
    let mut in_extra = false;
    for (index, line) in text.lines().enumerate() {
        let bare: String = line.split('#').next().unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
        if bare.starts_with('[') {
            in_extra = bare == "[extra]";
        } else if (in_extra && bare.starts_with("id=")) || bare.starts_with("extra.id=") {
            return index + 1;
        }
    }
    1
}

/// The key of ours that `key` is probably a typo of, if any.
fn near_miss(key: &str) -> Option<&'static str> {
    if known_keys().contains(&key) {
        return None;
    }
    let lower = key.to_lowercase();
    let length = lower.chars().count();
    known_keys().iter().copied().filter(|known| known.len() >= 3).find(|known| {
        let most = if known.len() <= 4 { 1 } else { 2 };
        // The distance is at least the difference in length: nearly every
        // key is ruled out without the distance, whose cost grows with the
        // key's length (a key of a million letters took 0.6 s).
        length.abs_diff(known.len()) <= most && edit_distance(&lower, &known.to_lowercase()) <= most
    })
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// A scalar read as text: a string, or a whole number (`title: 1984`).
#[derive(Debug)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A date as text: a string, or a TOML date-time value.
#[derive(Debug)]
struct DateText(String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as \"2026-01-30\" or \"2026-01-30T18:00:00-08:00\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.to_owned()))
            }
            // toml hands its date-time values over as a one-entry map.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DateText, A::Error> {
                let value = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(&mut map))?;
                Ok(DateText(value.to_string()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Tags: a list, or one string split on commas (or, without commas, on
/// white space, as Jekyll does).
#[derive(Debug)]
struct Words(Vec<String>);

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Words;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Words, E> {
                let words = if v.contains(',') {
                    v.split(',').map(str::to_owned).collect()
                } else {
                    v.split_whitespace().map(str::to_owned).collect()
                };
                Ok(Words(words))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Words, A::Error> {
                let mut words = Vec::new();
                while let Some(Text(word)) = seq.next_element()? {
                    words.push(word);
                }
                Ok(Words(words))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Authors: a name, a `{name, email, uri}` map, or a list of either.
#[derive(Debug)]
struct People(Vec<RawPerson>);

#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "a name or a map with `name`, `email` and `uri`")]
enum OnePerson {
    Name(String),
    Full(RawPerson),
}

impl From<OnePerson> for RawPerson {
    fn from(one: OnePerson) -> Self {
        match one {
            OnePerson::Name(name) => RawPerson { name, ..RawPerson::default() },
            OnePerson::Full(person) => person,
        }
    }
}

impl<'de> Deserialize<'de> for People {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = People;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name, a map with `name`, `email` and `uri`, or a list of them")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<People, E> {
                Ok(People(vec![RawPerson { name: v.to_owned(), ..RawPerson::default() }]))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<People, A::Error> {
                let person = RawPerson::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(People(vec![person]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<People, A::Error> {
                let mut people = Vec::new();
                while let Some(one) = seq.next_element::<OnePerson>()? {
                    people.push(one.into());
                }
                Ok(People(people))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// An image: a path or URL, or Jekyll's `{path: ...}` map.
#[derive(Debug)]
struct Image(String);

impl<'de> Deserialize<'de> for Image {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "an image path or URL")]
        enum Shape {
            Plain(String),
            Path { path: String },
            Url { url: String },
        }
        Ok(match Shape::deserialize(deserializer)? {
            Shape::Plain(s) | Shape::Path { path: s } | Shape::Url { url: s } => Image(s),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_keys_are_the_fields_serde_reads() {
        let keys = known_keys();
        assert_eq!(keys.len(), 28, "{keys:?}");
        for key in
            ["title", "publishDate", "last_modified_at", "taxonomies", "images", "link", "category", "external_url"]
        {
            assert!(keys.contains(&key), "{key}");
        }
    }

    #[test]
    fn zola_extra_id_is_the_id() {
        let (front, warnings) =
            parse_text("+++\ntitle = \"A\"\n[extra]\nfoo = 1\nid = \"https://e.com/a/\"\n+++\n").unwrap();
        assert_eq!(front.id, Some(At { value: "https://e.com/a/".into(), line: 5 }));
        assert!(warnings.is_empty());
        let (front, _) = parse_text("+++\nid = \"urn:x:top\"\n[extra]\nid = \"urn:x:extra\"\n+++\n").unwrap();
        assert_eq!(front.id.unwrap().value, "urn:x:top");
        // A theme's own `extra.id` table is not an id, and no error.
        let (front, _) = parse_text("+++\ntitle = \"A\"\n[extra.id]\nx = 1\n+++\n").unwrap();
        assert_eq!(front.id, None);
        let (front, _) = parse_text("---\nextra:\n  id: urn:x:y\n---\n").unwrap();
        assert_eq!(front.id.unwrap().value, "urn:x:y");
        for other in [
            "---\nextra: [[a], {b: [c]}]\n---\n",
            "---\nextra: 3\n---\n",
            "---\nextra:\n  id: [1]\n  ? [x]\n  : y\n---\n",
            "+++\n[extra]\nid = true\nwhen = 2020-01-01T00:00:00Z\n+++\n",
            "+++\n[extra]\nid = 2020-01-01\n+++\n",
        ] {
            assert_eq!(parse_text(other).unwrap().0.id, None, "{other}");
        }
    }

    fn parse_text(text: &str) -> Result<(FrontMatter, Vec<Diagnostic>), FrontMatterError> {
        let split = split(text).unwrap();
        parse(&split.front.unwrap(), "a.md")
    }

    #[test]
    fn splits_yaml_and_toml() {
        let s = split("---\ntitle: A\n---\nbody\n").unwrap();
        assert_eq!(s.front.as_ref().unwrap().text, "title: A\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
        let s = split("+++\ntitle = \"A\"\n+++\n\nbody").unwrap();
        assert_eq!(s.front.unwrap().syntax, Syntax::Toml);
        assert_eq!(s.body, "\nbody");
        let s = split("no front matter\n---\n").unwrap();
        assert!(s.front.is_none());
        let s = split("---\n---\n").unwrap();
        assert_eq!(s.front.unwrap().text, "");
        assert_eq!(s.body, "");
    }

    #[test]
    fn unterminated_is_an_error() {
        let err = split("---\ntitle: A\nbody\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn reads_keys_and_aliases_with_lines() {
        let (fm, warnings) = parse_text(
            "---\ntitle: Hello\npublishDate: 2026-01-30\nlastmod: 2026-02-01\ndescription: Sum\nauthor:\n  name: Ada\n  email: ada@example.com\ntaxonomies:\n  tags: [a, b]\ncategories: c, d\npublished: false\ntitel: typo\n---\n",
        )
        .unwrap();
        assert_eq!(fm.title, Some(At { value: "Hello".into(), line: 2 }));
        assert_eq!(fm.date, Some(At { value: "2026-01-30".into(), line: 3 }));
        assert_eq!(fm.updated.unwrap().value, "2026-02-01");
        assert_eq!(fm.summary.unwrap().value, "Sum");
        assert_eq!(fm.authors[0].value.email.as_deref(), Some("ada@example.com"));
        assert_eq!(fm.authors[0].line, 6);
        assert_eq!(fm.tags, ["c", " d", "a", "b"]);
        assert!(fm.draft);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].to_string().contains("a.md:13: unknown front matter key `titel`"));
    }

    #[test]
    fn jekyll_categories_and_json_feed_external_url() {
        // A string with commas splits on commas; one without, on white
        // space, as Jekyll splits `categories: foo bar`.
        for (text, tags) in [
            ("---\ntitle: T\ncategories: foo bar\n---\n", vec!["foo", "bar"]),
            ("---\ntitle: T\ncategories: \"foo bar, baz\"\n---\n", vec!["foo bar", " baz"]),
            ("---\ntitle: T\ncategory: release notes\n---\n", vec!["release", "notes"]),
            ("---\ntitle: T\ncategory: [Release Notes, go]\ntags: x\n---\n", vec!["x", "Release Notes", "go"]),
            ("+++\ntitle = \"T\"\ncategory = \"news\"\n+++\n", vec!["news"]),
        ] {
            let (fm, warnings) = parse_text(text).unwrap();
            assert_eq!(fm.tags, tags, "{text}");
            assert!(warnings.is_empty(), "{text}: {warnings:?}");
        }
        let (fm, _) = parse_text("---\ntitle: T\n\ncategory: a\n---\n").unwrap();
        assert_eq!(fm.tags_line, 4);
        let (fm, _) = parse_text("---\ntitle: T\nexternal_url: https://e.com/x\n---\n").unwrap();
        assert_eq!(fm.link, Some(At { value: "https://e.com/x".into(), line: 3 }));
        let (fm, _) = parse_text("---\ntitle: T\nexternal_url: https://e.com/x\nlink: https://e.com/y\n---\n").unwrap();
        assert_eq!(fm.link, Some(At { value: "https://e.com/y".into(), line: 4 }));
        assert_eq!(near_miss("externalurl"), Some("external_url"));
    }

    #[test]
    fn toml_dates_and_lists() {
        let (fm, _) = parse_text("+++\ntitle = \"T\"\ndate = 2026-01-30T18:00:00-08:00\ntags = [\"x\"]\nauthors = [\"A\", { name = \"B\", uri = \"https://b.example/\" }]\n+++\n").unwrap();
        assert_eq!(fm.date.unwrap(), At { value: "2026-01-30T18:00:00-08:00".into(), line: 3 });
        assert_eq!(fm.tags, ["x"]);
        assert_eq!(fm.authors.len(), 2);
        assert_eq!(fm.authors[1].value.uri.as_deref(), Some("https://b.example/"));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("---\ntitle: T\nx: {}{}\n---\n", "[".repeat(100_000), "]".repeat(100_000));
        let err = parse_text(&deep).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("nests deeper than 64"), "{}", err.message);
        assert!(parse_text("---\ntitle: \"[[[[\"\nextra: [[a], {b: [c]}]\n---\n").is_ok());
    }

    #[test]
    fn near_misses() {
        for (key, known) in [
            ("titel", Some("title")),
            ("Title", Some("title")),
            ("tgs", Some("tags")),
            ("publishdate", Some("publishDate")),
            ("weight", None),
            ("t", None),
        ] {
            assert_eq!(near_miss(key), known, "{key}");
        }
        assert_eq!(near_miss(&"k".repeat(1_000_000)), None);
    }

    #[test]
    fn type_errors_name_the_line() {
        let err = parse_text("---\ntitle: T\ndraft: maybe\n---\n").unwrap_err();
        assert_eq!(err.line, 3, "{err:?}");
        assert!(err.message.contains("draft"), "{}", err.message);
        let err = parse_text("+++\ntitle = \"T\"\ntags = 3\n+++\n").unwrap_err();
        assert_eq!(err.line, 3, "{err:?}");
        let err = parse_text("---\ntitle: [unclosed\n---\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }
}

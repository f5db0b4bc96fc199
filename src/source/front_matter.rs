//! Front matter: split the YAML (`---`) or TOML (`+++`) block off an article
//! and read it into `FrontMatter`, keeping the line of every key so that
//! later errors can point at it.
//!
//! Key names from Hugo, Jekyll and Zola are accepted for the same things:
//! `description`/`excerpt` for `summary`, `publishDate`/`pubDate` for `date`,
//! `lastmod`/`last_modified_at`/`modified` for `updated`, `language` for `lang`,
//! `taxonomies.tags`/`taxonomies.categories`, Jekyll's `category` and
//! `published: false` (for `draft: true`), JSON Feed's `external_url` for
//! `link`. Keys of the generators with no name of ours are read too: Hugo's
//! `expiryDate`, the page URL (`permalink`, `url`, `path`), Jekyll's
//! `excerpt_separator`, and what keeps a page out of the generator's lists
//! (`build.list`, `headless`, `eleventyExcludeFromCollections`, `permalink:
//! false`). A site's own names for our keys (`[articles.keys]`) are read as
//! ours (see `rename`). Other keys are ignored, except near-misses of ours
//! (`titel`), which get a warning.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

pub(crate) use super::rename::KeyMap;
use super::rename::{Renamed, Renames};
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
    /// The other values of the wrong type, each at its line (message,
    /// line): serde stops at the first, a second pass finds the rest.
    pub(crate) more: Vec<(usize, String)>,
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
        more: Vec::new(),
    })
}

fn first_line(text: &str) -> &str {
    text.split('\n').next().unwrap_or("").trim_end()
}

pub(crate) use super::At;
use super::media_keys;
pub(crate) use super::media_keys::{RawEnclosure, RawMedia};

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
    /// Hugo's `expiryDate`: from then on the article leaves the feeds.
    pub(crate) expires: Option<At<String>>,
    /// Why the generator never lists this page (Hugo `build.list: never`,
    /// `headless`, Eleventy `eleventyExcludeFromCollections`, `permalink:
    /// false`), as written: such an article is left out, with a note.
    pub(crate) excluded: Option<At<String>>,
    /// The page's own URL (`permalink`, `url` or `path`), with the key.
    pub(crate) page_url: Option<At<PageUrl>>,
    /// Jekyll's `excerpt_separator`.
    pub(crate) summary_separator: Option<At<String>>,
    /// Jekyll's `category` and `categories` alone (they are tags too), for
    /// the permalink's `{categories}` and a front-matter `:categories`.
    pub(crate) categories: Vec<String>,
    /// `(ours, as written)` for keys read under the site's own name
    /// (`[articles.keys]`), so that messages name the key the file has.
    pub(crate) renamed: Vec<(String, String)>,
    /// Enclosures and podcast episode values (`source::media_keys`).
    pub(crate) media: RawMedia,
}

/// A page URL written in the front matter, and under which key: Jekyll's
/// and Eleventy's `permalink` (with Jekyll's `:placeholders`), Hugo's
/// `url`, Zola's `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageUrl {
    pub(crate) key: &'static str,
    pub(crate) value: String,
}

impl FrontMatter {
    /// Our `key` as the file writes it: the site's name for it when
    /// `[articles.keys]` gave one and the file uses it.
    pub(crate) fn written_key<'a>(&'a self, key: &'a str) -> &'a str {
        self.renamed.iter().find(|(ours, _)| ours == key).map_or(key, |(_, theirs)| theirs)
    }
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
    // Hugo reads its keys in any case; these are the spellings in use.
    #[serde(rename = "expiryDate")]
    expiry_date: Option<DateText>,
    expirydate: Option<DateText>,
    unpublishdate: Option<DateText>,
    build: Option<BuildOptions>,
    /// Hugo's name for `build` before 0.145.
    #[serde(rename = "_build")]
    old_build: Option<BuildOptions>,
    headless: Option<bool>,
    #[serde(rename = "eleventyExcludeFromCollections")]
    eleventy_exclude: Option<Exclusion>,
    permalink: Option<PermalinkValue>,
    url: Option<Text>,
    path: Option<Text>,
    excerpt_separator: Option<String>,
    extra: Option<Extra>,
    /// Listing pages (Eleventy's and jekyll-paginate's `pagination`,
    /// Eleventy's `eleventyImport`) list posts; they are not posts.
    pagination: Option<de::IgnoredAny>,
    #[serde(rename = "eleventyImport")]
    eleventy_import: Option<de::IgnoredAny>,
    // Media (`source::media_keys`).
    enclosure: Option<media_keys::Files>,
    enclosures: Option<media_keys::Files>,
    duration: Option<media_keys::DurationText>,
    episode: Option<media_keys::Number>,
    season: Option<media_keys::Number>,
    #[serde(rename = "episode-type")]
    episode_type: Option<String>,
    explicit: Option<bool>,
    transcript: Option<media_keys::Files>,
}

/// Hugo's build options; only whether the page is listed matters here.
/// (`render: never` alone still lists the page, as in Hugo.)
#[derive(Debug, Default, Deserialize)]
#[serde(default, expecting = "Hugo build options, such as `list: never`")]
struct BuildOptions {
    list: Option<Setting>,
}

/// A build option: Hugo's word (`always`, `local`, `never`) or the boolean
/// older versions took.
#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "`always`, `local`, `never`, `true` or `false`")]
enum Setting {
    Flag(bool),
    Word(String),
}

impl Setting {
    /// Whether the page is left out of the site's feed: `never` (or
    /// `false`), and `local`, which keeps it out of the site-wide page
    /// collection Hugo's home feed is made from.
    fn hides(&self) -> Option<String> {
        match self {
            Setting::Flag(false) => Some("false".into()),
            Setting::Word(word) if matches!(word.to_ascii_lowercase().as_str(), "never" | "local") => {
                Some(word.clone())
            }
            _ => None,
        }
    }
}

/// Eleventy's `eleventyExcludeFromCollections`: `true`, or (Eleventy 3)
/// the names of the collections the page is left out of, which keeps it in
/// the others (so in the feed, as far as feedwright can tell).
#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "`true`, `false` or a list of collection names")]
enum Exclusion {
    Flag(bool),
    // Accepted for its shape only: nothing in it changes the feeds.
    Names(#[allow(dead_code)] Vec<de::IgnoredAny>),
}

/// Eleventy's `permalink: false` (the page is not written), or a URL.
#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "a URL path such as \"/blog/my-post/\", or `false`")]
enum PermalinkValue {
    Flag(bool),
    Path(String),
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

/// Reads a front matter block. `file` names the article in messages;
/// `names` are the site's own names for our keys (`[articles.keys]`).
pub(crate) fn parse(
    block: &Block<'_>,
    file: &str,
    names: &KeyMap,
) -> Result<(FrontMatter, Vec<Diagnostic>), FrontMatterError> {
    let to_file_line = |line_in_block: usize| block.first_line + line_in_block.saturating_sub(1);
    if let Some(line) = nests_too_deep(block.text) {
        return Err(FrontMatterError {
            line: to_file_line(line),
            code: "front-matter-too-deep",
            message: format!("the front matter nests deeper than {MAX_NESTING} levels"),
            hint: "front matter holds a few flat values: remove the nested lists or maps".into(),
            more: Vec::new(),
        });
    }
    let keys = top_level_keys(block.text, block.syntax);
    let renames = if names.is_empty() { Renames::default() } else { names.renames_for(&keys) };
    let raw = deserialize(block, &renames, to_file_line)?;
    let line_of = |key: &str| to_file_line(key_line(block.text, renames.written(key), block.syntax));
    let at = |key: &str, value: String| At { value, line: line_of(key) };

    let mut warnings = Vec::new();
    for key in keys.iter().filter(|key| !names.is_site_name(key)) {
        if let Some(known) = near_miss(key) {
            warnings.push(
                Diagnostic::warning(
                    Some(Location::at(file, to_file_line(key_line(block.text, key, block.syntax)))),
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
    // Jekyll's categories alone too, for `:categories` in a `permalink`.
    let categories: Vec<Words> =
        [&raw.category, &raw.categories].into_iter().flatten().map(|Words(w)| Words(w.clone())).collect();
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
        expires: first(vec![
            ("expiryDate", raw.expiry_date.map(|d| d.0)),
            ("expirydate", raw.expirydate.map(|d| d.0)),
            ("unpublishdate", raw.unpublishdate.map(|d| d.0)),
        ]),
        excluded: None,
        page_url: None,
        summary_separator: raw.excerpt_separator.map(|s| at("excerpt_separator", s)),
        categories: Vec::new(),
        renamed: renames.pairs().map(|(ours, theirs)| (ours.to_owned(), theirs.to_owned())).collect(),
        media: media_keys::Written {
            enclosure: raw.enclosure,
            enclosures: raw.enclosures,
            duration: raw.duration,
            episode: raw.episode,
            season: raw.season,
            episode_type: raw.episode_type,
            explicit: raw.explicit,
            transcript: raw.transcript,
        }
        .place(line_of),
    };
    let mut front = front;
    let listing = [("pagination", raw.pagination.is_some()), ("eleventyImport", raw.eleventy_import.is_some())]
        .into_iter()
        .find_map(|(key, present)| present.then_some(key));
    front.excluded = excluded(&raw.build, &raw.old_build, raw.headless, &raw.eleventy_exclude, &raw.permalink)
        .or_else(|| listing.map(|key| (key, format!("`{key}`, which marks a listing page,"))))
        .map(|(key, why)| at(key, why));
    front.page_url = page_url(raw.permalink, raw.url, raw.path)
        .map(|(key, value)| At { value: PageUrl { key, value }, line: line_of(key) });
    front.categories = categories.into_iter().flat_map(|Words(w)| w).collect();
    drop_escaped_forbidden_chars(&mut front, file, &mut warnings);
    Ok((front, warnings))
}

/// The front matter read into `Raw`, with the site's names for our keys
/// (`renames`) read as ours; errors at their line.
fn deserialize(
    block: &Block<'_>,
    renames: &Renames,
    to_file_line: impl Fn(usize) -> usize,
) -> Result<Raw, FrontMatterError> {
    match block.syntax {
        Syntax::Yaml => {
            if block.text.trim().is_empty() {
                return Ok(Raw::default());
            }
            // The plain shape without a YAML parser; the rest (and every
            // error, with its line) from serde_yaml_ng.
            let plain = super::plain_yaml::read(block.text).and_then(|value| {
                if renames.is_empty() {
                    Raw::deserialize(value).ok()
                } else {
                    Raw::deserialize(Renamed { inner: value, renames }).ok()
                }
            });
            if let Some(raw) = plain {
                return Ok(raw);
            }
            let parsed = if renames.is_empty() {
                serde_yaml_ng::from_str::<Raw>(block.text)
            } else {
                Raw::deserialize(Renamed { inner: serde_yaml_ng::Deserializer::from_str(block.text), renames })
            };
            parsed.map_err(|err| {
                let first = yaml_error(&err, block.text, &to_file_line);
                if renames.is_empty() { every_type_error(block, first, &to_file_line) } else { first }
            })
        }
        Syntax::Toml => {
            let parsed = if renames.is_empty() {
                toml::from_str::<Raw>(block.text)
            } else {
                toml::Deserializer::parse(block.text).and_then(|inner| Raw::deserialize(Renamed { inner, renames }))
            };
            parsed
                .map_err(|err| {
                    let line = err.span().map_or(1, |s| line_of_offset(block.text.as_bytes(), s.start));
                    FrontMatterError {
                        line: to_file_line(line),
                        code: "front-matter-syntax",
                        message: format!(
                            "front matter: {}",
                            crate::diagnostic::plain_words(err.message().trim_end()).replace('\n', "; ")
                        ),
                        hint: "fix the TOML between the `+++` lines".into(),
                        more: Vec::new(),
                    }
                })
                .map_err(|first| if renames.is_empty() { every_type_error(block, first, &to_file_line) } else { first })
        }
    }
}

/// Why the generator leaves the page out of its lists (so out of its
/// feeds), as the key and what it says, if it does: Hugo's `build.list`
/// (`_build` before Hugo 0.145) and `headless`, Eleventy's
/// `eleventyExcludeFromCollections` and `permalink: false`.
fn excluded(
    build: &Option<BuildOptions>,
    old_build: &Option<BuildOptions>,
    headless: Option<bool>,
    eleventy: &Option<Exclusion>,
    permalink: &Option<PermalinkValue>,
) -> Option<(&'static str, String)> {
    let listed = |key: &'static str, options: &Option<BuildOptions>| {
        let word = options.as_ref()?.list.as_ref()?.hides()?;
        Some((key, format!("`{key}: {{list: {word}}}`")))
    };
    listed("build", build)
        .or_else(|| listed("_build", old_build))
        .or_else(|| (headless == Some(true)).then(|| ("headless", "`headless: true`".to_owned())))
        .or_else(|| {
            matches!(eleventy, Some(Exclusion::Flag(true)))
                .then(|| ("eleventyExcludeFromCollections", "`eleventyExcludeFromCollections: true`".to_owned()))
        })
        .or_else(|| {
            matches!(permalink, Some(PermalinkValue::Flag(false)))
                .then(|| ("permalink", "`permalink: false`".to_owned()))
        })
}

/// The page's own URL as written, and the key it came from: `permalink`
/// (Jekyll, Eleventy) before `url` (Hugo) before `path` (Zola). A `true`
/// permalink means nothing (Eleventy's default).
fn page_url(
    permalink: Option<PermalinkValue>,
    url: Option<Text>,
    path: Option<Text>,
) -> Option<(&'static str, String)> {
    match permalink {
        Some(PermalinkValue::Path(value)) => Some(("permalink", value)),
        _ => url.map(|Text(v)| ("url", v)).or_else(|| path.map(|Text(v)| ("path", v))),
    }
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
        &mut front.expires,
        &mut front.summary_separator,
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

fn yaml_error(err: &serde_yaml_ng::Error, text: &str, to_file_line: impl Fn(usize) -> usize) -> FrontMatterError {
    let line = err.location().map_or(1, |l| l.line());
    // serde_yaml appends " at line L column C"; we give the line ourselves.
    let full = err.to_string();
    let message = match full.find(" at line ") {
        Some(cut) => full[..cut].to_owned(),
        None => full,
    };
    let hint = quote_hint(&message, text, line).unwrap_or_else(|| "fix the YAML between the `---` lines".into());
    let message = crate::diagnostic::plain_words(&message);
    FrontMatterError {
        line: to_file_line(line),
        code: "front-matter-syntax",
        message: format!("front matter: {message}"),
        hint,
        more: Vec::new(),
    }
}

/// `first`, with every other value of the wrong type in the block: serde
/// stops at the first, so each top-level key is read again on its own
/// (front matter is a few flat values: this is cheap, and runs only when
/// the block already failed). Only type errors: a syntax error leaves
/// nothing to read key by key. Not with the site's own key names
/// (`[articles.keys]`), whose renaming the whole-block read does.
fn every_type_error(
    block: &Block<'_>,
    mut first: FrontMatterError,
    to_file_line: impl Fn(usize) -> usize,
) -> FrontMatterError {
    if !first.message.contains("invalid type") && !first.message.contains("invalid value") {
        return first;
    }
    let mut found: Vec<(String, String)> = Vec::new();
    match block.syntax {
        Syntax::Yaml => {
            let Ok(map) = serde_yaml_ng::from_str::<serde_yaml_ng::Mapping>(block.text) else { return first };
            for (key, value) in map {
                let Some(name) = key.as_str().map(str::to_owned) else { continue };
                let mut one = serde_yaml_ng::Mapping::new();
                one.insert(key, value);
                if let Err(err) = Raw::deserialize(serde_yaml_ng::Value::Mapping(one)) {
                    let text = err.to_string();
                    let text = text.find(" at line ").map_or(text.as_str(), |cut| &text[..cut]).to_owned();
                    found.push((name, text));
                }
            }
        }
        Syntax::Toml => {
            let Ok(table) = toml::from_str::<toml::Table>(block.text) else { return first };
            for (name, value) in table {
                let mut one = toml::Table::new();
                one.insert(name.clone(), value);
                if let Err(err) = Raw::deserialize(toml::Value::Table(one)) {
                    found.push((name, err.message().trim_end().to_owned()));
                }
            }
        }
    }
    for (name, message) in found {
        let line = to_file_line(key_line(block.text, &name, block.syntax));
        let message = crate::diagnostic::plain_words(&message).replace('\n', "; ");
        let message = if message.starts_with(&format!("{name}: ")) { message } else { format!("{name}: {message}") };
        if line != first.line {
            first.more.push((line, format!("front matter: {message}")));
        }
    }
    first
}

/// For the YAML errors that mean "this plain value holds a character YAML
/// reads as syntax" (`title: Colon: in: title`, `title: @handle`,
/// `title: `code``), the line with its value quoted.
fn quote_hint(message: &str, text: &str, line: usize) -> Option<String> {
    const QUOTABLE: [&str; 3] = [
        "mapping values are not allowed in this context",
        "found character that cannot start any token",
        "did not find expected key",
    ];
    if !QUOTABLE.iter().any(|m| message.starts_with(m)) {
        return None;
    }
    let written = text.lines().nth(line.checked_sub(1)?)?;
    let (key, value) = written.trim_start().split_once(": ")?;
    let value = value.trim();
    let plain_key = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
    if !plain_key || value.is_empty() || value.starts_with(['"', '\'', '[', '{', '|', '>']) {
        return None;
    }
    let quoted = if value.contains('"') || value.contains('\\') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    };
    Some(format!("put the value in quotes: {key}: {quoted}"))
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

/// Whether `key` is a front-matter key feedwright reads (at the top level).
pub(crate) fn is_known_key(key: &str) -> bool {
    known_keys().contains(&key)
}

/// The key of ours closest to `key`, for a "did you mean": a near miss, or
/// one that differs only in case, `_` or `-`.
pub(crate) fn closest_key(key: &str) -> Option<&'static str> {
    let plain = |k: &str| k.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    near_miss(key).or_else(|| known_keys().iter().copied().find(|known| plain(known) == plain(key)))
}

/// Keys of ours too close to keys sites use for other things (`math`,
/// `built`) to be suggested for them.
const NEVER_SUGGESTED: &[&str] = &["url", "path", "build", "_build"];

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
    known_keys().iter().copied().filter(|known| known.len() >= 3 && !NEVER_SUGGESTED.contains(known)).find(|known| {
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
                // A TOML date arrives as a map; any other map is not a date.
                let value = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(&mut map))
                    .map_err(|_| de::Error::invalid_type(de::Unexpected::Map, &self))?;
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
    #[test]
    fn yaml_that_needs_quotes_says_so() {
        let text = "title: Colon: in: title\ndate: 2026-01-02\n";
        let err = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text).unwrap_err();
        let found = super::yaml_error(&err, text, |l| l + 1);
        assert_eq!(found.message, "front matter: mapping values are not allowed in this context");
        assert_eq!(found.hint, "put the value in quotes: title: \"Colon: in: title\"");
        assert_eq!(found.line, 2);
        let text = "title: `code` and \"quotes\"\n";
        let err = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text).unwrap_err();
        assert_eq!(
            super::yaml_error(&err, text, |l| l).hint,
            "put the value in quotes: title: '`code` and \"quotes\"'"
        );
        let text = "tags: [a, b\n";
        let err = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text).unwrap_err();
        assert_eq!(super::yaml_error(&err, text, |l| l).hint, "fix the YAML between the `---` lines");
    }

    use super::*;

    #[test]
    fn the_known_keys_are_the_fields_serde_reads() {
        let keys = known_keys();
        assert_eq!(keys.len(), 49, "{keys:?}");
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
        parse(&split.front.unwrap(), "a.md", &KeyMap::default())
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
    fn pages_the_generators_never_list() {
        for (text, why, line) in [
            ("---\ntitle: T\nbuild:\n  list: never\n  render: always\n---\n", "`build: {list: never}`", 3),
            ("---\nbuild: {list: local}\n---\n", "`build: {list: local}`", 2),
            ("+++\ntitle = \"T\"\n[_build]\nlist = false\n+++\n", "`_build: {list: false}`", 3),
            ("---\ntitle: T\nheadless: true\n---\n", "`headless: true`", 3),
            ("---\neleventyExcludeFromCollections: true\n---\n", "`eleventyExcludeFromCollections: true`", 2),
            ("---\ntitle: T\npermalink: false\n---\n", "`permalink: false`", 3),
        ] {
            let (fm, warnings) = parse_text(text).unwrap();
            assert_eq!(fm.excluded, Some(At { value: why.to_owned(), line }), "{text}");
            assert!(warnings.is_empty(), "{text}: {warnings:?}");
        }
        for listed in [
            "---\nbuild:\n  list: always\n  render: never\n---\n",
            "---\nheadless: false\n---\n",
            "---\neleventyExcludeFromCollections: [posts]\n---\n",
            "---\npermalink: true\n---\n",
        ] {
            assert_eq!(parse_text(listed).unwrap().0.excluded, None, "{listed}");
        }
        let err = parse_text("---\nbuild:\n  list: [never]\n---\n").unwrap_err();
        assert!(err.message.contains("`always`, `local`, `never`"), "{}", err.message);
    }

    #[test]
    fn expiry_page_urls_and_excerpt_separators() {
        let (fm, _) = parse_text(
            "---\ntitle: T\nexpiryDate: 2026-03-01\nurl: /notes/x/\npath: ignored\nexcerpt_separator: <!--cut-->\ncategories: Go News\ntags: [a]\n---\n",
        )
        .unwrap();
        assert_eq!(fm.expires, Some(At { value: "2026-03-01".into(), line: 3 }));
        assert_eq!(fm.page_url, Some(At { value: PageUrl { key: "url", value: "/notes/x/".into() }, line: 4 }));
        assert_eq!(fm.summary_separator.unwrap().value, "<!--cut-->");
        assert_eq!(fm.categories, ["Go", "News"]);
        let (fm, _) =
            parse_text("+++\ntitle = \"T\"\npath = \"blog/x\"\nexpirydate = 2026-03-01T00:00:00Z\n+++\n").unwrap();
        assert_eq!(fm.page_url.unwrap().value, PageUrl { key: "path", value: "blog/x".into() });
        assert_eq!(fm.expires.unwrap().value, "2026-03-01T00:00:00Z");
        let (fm, _) = parse_text("---\npermalink: /:year/:title/\nurl: /x/\n---\n").unwrap();
        assert_eq!(fm.page_url.unwrap().value.key, "permalink");
    }

    fn parse_mapped(text: &str, pairs: &[(&str, &str)]) -> Result<(FrontMatter, Vec<Diagnostic>), FrontMatterError> {
        let names = KeyMap::new(pairs.iter().map(|(o, t)| ((*o).to_owned(), (*t).to_owned())).collect());
        parse(&split(text).unwrap().front.unwrap(), "a.md", &names)
    }

    #[test]
    fn the_site_s_names_for_our_keys() {
        let map = [("title", "newstitle"), ("date", "published_on"), ("tags", "keywords")];
        for text in [
            "---\ntitle: Old\nnewstitle: News\npublished_on: 2026-01-30\nkeywords: [a, b]\n---\n",
            // Not the plain shape: through serde_yaml_ng.
            "---\ntitle: Old # a comment\nnewstitle: News\npublished_on: 2026-01-30\nkeywords:\n  - a\n  - b\n---\n",
            "+++\ntitle = \"Old\"\nnewstitle = \"News\"\npublished_on = 2026-01-30\nkeywords = [\"a\", \"b\"]\n+++\n",
        ] {
            let (fm, warnings) = parse_mapped(text, &map).unwrap();
            // The site's name wins over ours, and its line is the one given.
            assert_eq!(fm.title, Some(At { value: "News".into(), line: 3 }), "{text}");
            assert_eq!(fm.date, Some(At { value: "2026-01-30".into(), line: 4 }), "{text}");
            assert_eq!(fm.tags, ["a", "b"], "{text}");
            assert_eq!(fm.written_key("title"), "newstitle");
            assert_eq!(fm.written_key("slug"), "slug");
            assert!(warnings.is_empty(), "{text}: {warnings:?}");
        }
        // Without the site's name, ours is read as before.
        let (fm, _) = parse_mapped("---\ntitle: Old\n---\n", &map).unwrap();
        assert_eq!(fm.title.as_ref().unwrap().value, "Old");
        assert_eq!(fm.written_key("title"), "title");
        // Errors name the key as written, at its line.
        let err = parse_mapped("---\ntitle: T\nnewstitle: [a, b]\n---\n", &map).unwrap_err();
        assert_eq!(err.line, 3, "{err:?}");
        assert!(err.message.contains("newstitle"), "{}", err.message);
        let err = parse_mapped("+++\nnewstitle = [1]\n+++\n", &map).unwrap_err();
        assert_eq!(err.line, 2, "{err:?}");
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
            ("math", None),
            ("expirydate", None),
            ("expiryData", Some("expiryDate")),
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

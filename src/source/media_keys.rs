//! The media keys of the front matter as written: `enclosure`/`enclosures`
//! (a URL, or `{url, type, length}`, or a list of them), `transcript`
//! (the same shapes), and an episode's `duration`, `episode`, `season`,
//! `episode-type` and `explicit`. Resolved by `model::enclosure`.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::At;

/// The media values of one article, each with its line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawMedia {
    /// `enclosure` then `enclosures`, in the order written.
    pub(crate) enclosures: Vec<At<RawEnclosure>>,
    pub(crate) duration: Option<At<String>>,
    pub(crate) episode: Option<At<u32>>,
    pub(crate) season: Option<At<u32>>,
    pub(crate) episode_type: Option<At<String>>,
    pub(crate) explicit: Option<At<bool>>,
    pub(crate) transcripts: Vec<At<RawEnclosure>>,
}

/// A file as written: its URL (or path), and perhaps its type and length.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawEnclosure {
    pub(crate) url: String,
    pub(crate) mime_type: Option<String>,
    pub(crate) length: Option<u64>,
}

/// One file or a list of them.
#[derive(Debug, Default)]
pub(super) struct Files(pub(super) Vec<RawEnclosure>);

impl<'de> Deserialize<'de> for Files {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            url: String,
            #[serde(default, rename = "type", alias = "mime_type")]
            mime_type: Option<String>,
            #[serde(default, alias = "size_in_bytes")]
            length: Option<Number>,
        }
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "a URL, a table `{url, type, length}`, or a list of them")]
        enum One {
            Url(String),
            Table(Table),
        }
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "a URL, a table `{url, type, length}`, or a list of them")]
        enum Shape {
            One(One),
            Many(Vec<One>),
        }
        let one = |one: One| match one {
            One::Url(url) => RawEnclosure { url, ..Default::default() },
            One::Table(t) => RawEnclosure { url: t.url, mime_type: t.mime_type, length: t.length.map(|n| n.0) },
        };
        Ok(Files(match Shape::deserialize(deserializer)? {
            Shape::One(o) => vec![one(o)],
            Shape::Many(list) => list.into_iter().map(one).collect(),
        }))
    }
}

/// A whole number written as a number or as digits in a string (`"1234"`).
#[derive(Debug)]
pub(super) struct Number(pub(super) u64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                u64::try_from(v).map(Number).map_err(|_| E::custom("a whole number from 0 up"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                v.trim().parse().map(Number).map_err(|_| E::custom(format!("`{v}` is not a whole number")))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A duration: seconds as a number, or text (`00:30:01`).
#[derive(Debug)]
pub(super) struct DurationText(pub(super) String);

impl<'de> Deserialize<'de> for DurationText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DurationText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("seconds or `HH:MM:SS`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DurationText, E> {
                Ok(DurationText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DurationText, E> {
                Ok(DurationText(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DurationText, E> {
                Ok(DurationText(v.to_owned()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The raw serde values, placed at their keys' lines.
pub(super) struct Written {
    pub(super) enclosure: Option<Files>,
    pub(super) enclosures: Option<Files>,
    pub(super) duration: Option<DurationText>,
    pub(super) episode: Option<Number>,
    pub(super) season: Option<Number>,
    pub(super) episode_type: Option<String>,
    pub(super) explicit: Option<bool>,
    pub(super) transcript: Option<Files>,
}

impl Written {
    /// The values with their lines (`line_of(key)`). A number too large
    /// for an episode is kept as the largest one, for the check to judge.
    pub(super) fn place(self, line_of: impl Fn(&str) -> usize) -> RawMedia {
        let files = |key: &str, files: Option<Files>| {
            let line = line_of(key);
            files.map(|Files(list)| list.into_iter().map(|value| At { value, line }).collect::<Vec<_>>())
        };
        let number = |key: &str, n: Option<Number>| {
            n.map(|Number(n)| At { value: u32::try_from(n).unwrap_or(u32::MAX), line: line_of(key) })
        };
        let mut enclosures = files("enclosure", self.enclosure).unwrap_or_default();
        enclosures.extend(files("enclosures", self.enclosures).unwrap_or_default());
        RawMedia {
            enclosures,
            duration: self.duration.map(|DurationText(d)| At { value: d, line: line_of("duration") }),
            episode: number("episode", self.episode),
            season: number("season", self.season),
            episode_type: self.episode_type.map(|t| At { value: t, line: line_of("episode-type") }),
            explicit: self.explicit.map(|e| At { value: e, line: line_of("explicit") }),
            transcripts: files("transcript", self.transcript).unwrap_or_default(),
        }
    }
}

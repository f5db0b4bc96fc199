//! `[articles.keys]`: a site's own names for our front-matter keys
//! (`title = "newstitle"`), applied while the front matter is deserialised.
//!
//! Why a deserializer wrapper and not a rewrite of the text or a second
//! parse into a generic value: the parser (serde_yaml_ng, toml) still sees
//! the file as written, so every error keeps its line and names the key as
//! the author wrote it (`newstitle: invalid type …`), and a site without a
//! mapping pays nothing (the wrapper is not used at all).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

/// The site's names for our keys: `(ours, theirs)` pairs, as configured.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct KeyMap(Vec<(String, String)>);

impl KeyMap {
    /// `pairs` are `(our key, the site's name for it)`; `config` checked them
    /// (see `front_matter::check_key_map`).
    pub(crate) fn new(pairs: Vec<(String, String)>) -> Self {
        KeyMap(pairs)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `key` is one of the site's names (so no typo of ours).
    pub(crate) fn is_site_name(&self, key: &str) -> bool {
        self.0.iter().any(|(_, theirs)| theirs == key)
    }

    /// Our key for `name` when it is one of the site's names, else `name`.
    pub(crate) fn ours<'a>(&'a self, name: &'a str) -> &'a str {
        self.0.iter().find(|(_, theirs)| theirs == name).map_or(name, |(ours, _)| ours.as_str())
    }

    /// The renames one article needs, given the top-level keys it has: each
    /// site name present is read as ours, and our own key, when both are
    /// written, is then ignored (the site's name has priority).
    pub(super) fn renames_for(&self, present: &[String]) -> Renames {
        let has = |key: &str| present.iter().any(|k| k == key);
        let mut renames = Renames::default();
        for (ours, theirs) in &self.0 {
            if ours != theirs && has(theirs) {
                renames.read_as.push((theirs.clone(), ours.clone()));
            }
        }
        renames
    }
}

/// What one article's keys are read as.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Renames {
    /// `(written, read as)`.
    read_as: Vec<(String, String)>,
}

/// A key name no field has: what a shadowed key of ours is read as.
const SHADOWED: &str = "\u{0}shadowed";

impl Renames {
    pub(super) fn is_empty(&self) -> bool {
        self.read_as.is_empty()
    }

    /// The name a written key is read as.
    fn apply<'a>(&'a self, written: &'a str) -> &'a str {
        if let Some((_, ours)) = self.read_as.iter().find(|(theirs, _)| theirs == written) {
            return ours;
        }
        if self.read_as.iter().any(|(_, ours)| ours == written) {
            return SHADOWED;
        }
        written
    }

    /// The key written in the file for our `key`.
    pub(super) fn written<'a>(&'a self, key: &'a str) -> &'a str {
        self.read_as.iter().find(|(_, ours)| ours == key).map_or(key, |(theirs, _)| theirs)
    }

    /// `(ours, as written)` for each key read under another name.
    pub(super) fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.read_as.iter().map(|(theirs, ours)| (ours.as_str(), theirs.as_str()))
    }
}

/// `inner` with the top-level keys of the struct it gives renamed.
pub(super) struct Renamed<'r, D> {
    pub(super) inner: D,
    pub(super) renames: &'r Renames,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Renamed<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_struct(name, fields, StructVisitor { inner: visitor, renames: self.renames })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

struct StructVisitor<'r, V> {
    inner: V,
    renames: &'r Renames,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StructVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(RenamedMap { inner: map, renames: self.renames })
    }
}

struct RenamedMap<'r, A> {
    inner: A,
    renames: &'r Renames,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for RenamedMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(KeySeed { inner: seed, renames: self.renames })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

struct KeySeed<'r, K> {
    inner: K,
    renames: &'r Renames,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        self.inner.deserialize(KeyDeserializer { inner: deserializer, renames: self.renames })
    }
}

struct KeyDeserializer<'r, D> {
    inner: D,
    renames: &'r Renames,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDeserializer<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_any(KeyVisitor { inner: visitor, renames: self.renames })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_identifier(KeyVisitor { inner: visitor, renames: self.renames })
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_str(KeyVisitor { inner: visitor, renames: self.renames })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_string(KeyVisitor { inner: visitor, renames: self.renames })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum ignored_any
    }
}

/// Hands the key on renamed; any other kind of key as it is.
struct KeyVisitor<'r, V> {
    inner: V,
    renames: &'r Renames,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.inner.visit_str(self.renames.apply(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.inner.visit_str(self.renames.apply(v))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.inner.visit_str(self.renames.apply(&v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        match std::str::from_utf8(v) {
            Ok(text) => self.inner.visit_str(self.renames.apply(text)),
            Err(_) => self.inner.visit_bytes(v),
        }
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.inner.visit_bool(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.inner.visit_i64(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.inner.visit_u64(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.inner.visit_f64(v)
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<V::Value, E> {
        self.inner.visit_char(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_name_is_read_as_ours_and_shadows_ours() {
        let map = KeyMap::new(vec![("title".into(), "newstitle".into()), ("date".into(), "published_on".into())]);
        let present = ["newstitle".to_owned(), "title".to_owned(), "date".to_owned()];
        let renames = map.renames_for(&present);
        assert_eq!(renames.apply("newstitle"), "title");
        assert_eq!(renames.apply("title"), SHADOWED);
        // `published_on` is not written: `date` is read as ours.
        assert_eq!(renames.apply("date"), "date");
        assert_eq!(renames.written("title"), "newstitle");
        assert_eq!(renames.written("date"), "date");
        assert!(map.renames_for(&["date".to_owned()]).is_empty());
    }
}

//! The feeds beyond the main ones: which entries each per-tag, per-author
//! and per-category feed holds and the slug naming its folder, and which
//! entries each RFC 5005 archive page holds.
//!
//! Both are decided on the entries in feed order (newest first), before any
//! is rendered, so that only the entries some feed holds are rendered.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::Deserialize;

use super::normalize::slugify;
use crate::text::collapse_whitespace;

/// What a feed of its own is made for (`[feeds] by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Grouping {
    Tags,
    Authors,
    Categories,
}

impl Grouping {
    /// The folder under the output folder holding one folder per group.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Grouping::Tags => "tags",
            Grouping::Authors => "authors",
            Grouping::Categories => "categories",
        }
    }

    /// How a feed's title names what it is about ("Site — tag: x").
    pub(crate) fn label(self) -> &'static str {
        match self {
            Grouping::Tags => "tag",
            Grouping::Authors => "author",
            Grouping::Categories => "category",
        }
    }
}

/// One tag's (author's, category's) feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    pub(crate) by: Grouping,
    /// The spelling most entries use (the first in byte order on a tie).
    pub(crate) name: String,
    /// The folder's name: URL-safe, the same for every spelling.
    pub(crate) slug: String,
    /// The entries it holds, as indexes into the list grouped, newest
    /// first, at most the limit.
    pub(crate) members: Vec<usize>,
}

/// The groups of `names` (each entry's names under `by`, in feed order),
/// each holding its newest `limit` entries, sorted by slug. A tag written
/// `Web Dev` in one article and `web  dev` in another is one tag: names
/// are compared with white space collapsed and case folded.
pub(crate) fn groups<'a>(by: Grouping, names: impl IntoIterator<Item = Vec<&'a str>>, limit: usize) -> Vec<Group> {
    struct Seen {
        spellings: BTreeMap<String, usize>,
        members: Vec<usize>,
    }
    let mut by_key: HashMap<String, Seen> = HashMap::new();
    for (index, entry_names) in names.into_iter().enumerate() {
        let mut keys_here: Vec<String> = Vec::with_capacity(entry_names.len());
        for written in entry_names {
            let spelling = collapse_whitespace(written);
            if spelling.is_empty() {
                continue;
            }
            let key = key_of(&spelling);
            if keys_here.contains(&key) {
                continue;
            }
            let seen =
                by_key.entry(key.clone()).or_insert_with(|| Seen { spellings: BTreeMap::new(), members: Vec::new() });
            *seen.spellings.entry(spelling).or_default() += 1;
            if seen.members.len() < limit {
                seen.members.push(index);
            }
            keys_here.push(key);
        }
    }
    let mut keyed: Vec<(String, Group)> = by_key
        .into_iter()
        .map(|(key, seen)| {
            let most = seen.spellings.values().copied().max().unwrap_or_default();
            let name = seen.spellings.into_iter().find(|(_, n)| *n == most).map(|(s, _)| s).unwrap_or_default();
            let slug = bounded(slugify(&key), &key);
            (key, Group { by, name, slug, members: seen.members })
        })
        .collect();
    distinct_slugs(&mut keyed);
    let mut groups: Vec<Group> = keyed.into_iter().map(|(_, group)| group).collect();
    groups.sort_by(|a, b| a.slug.cmp(&b.slug));
    groups
}

/// The longest slug kept whole, in bytes: a folder name must fit every
/// filesystem (255 bytes), and a URL stay readable. (An "author" can be a
/// whole list of names and links, as real front matter shows.)
const LONGEST_SLUG: usize = 64;

/// `slug`, cut at a character boundary when it is longer than
/// `LONGEST_SLUG`, and then told apart from other cut slugs by a hash of
/// the whole name.
fn bounded(slug: String, key: &str) -> String {
    if slug.len() <= LONGEST_SLUG {
        return slug;
    }
    let mut end = LONGEST_SLUG;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    let hash = xxhash_rust::xxh3::xxh3_64(key.as_bytes()) as u32;
    format!("{}-{hash:08x}", slug[..end].trim_end_matches('-'))
}

/// The form two spellings of one name share.
fn key_of(spelling: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    spelling.nfc().flat_map(char::to_lowercase).collect()
}

/// Two names whose slugs are the same (`C` and `C++`, `a b` and `a-b`):
/// the one whose slug is its name as written keeps it, the others get a
/// short hash of their name after it, as does a name with no letter or
/// digit at all. A slug depends only on its name and on the names it
/// collides with, never on the order entries come in.
fn distinct_slugs(keyed: &mut [(String, Group)]) {
    let mut count: HashMap<String, usize> = HashMap::new();
    for (_, group) in keyed.iter() {
        *count.entry(group.slug.clone()).or_default() += 1;
    }
    for (key, group) in keyed.iter_mut() {
        let collides = count.get(&group.slug).is_some_and(|&n| n > 1);
        if group.slug.is_empty() || (collides && *key != group.slug) {
            let hash = xxhash_rust::xxh3::xxh3_64(key.as_bytes()) as u32;
            group.slug =
                if group.slug.is_empty() { format!("{hash:08x}") } else { format!("{}-{hash:08x}", group.slug) };
        }
    }
}

/// The RFC 5005 archive pages of a feed of `total` entries (newest first)
/// whose current document holds the newest `kept`: page 1 holds the
/// oldest `size` entries, page 2 the next `size`, and the newest page the
/// rest, so a page once full never changes while newer entries come.
/// Each page is a range of indexes into the feed's entries.
pub(crate) fn archive_pages(total: usize, kept: usize, size: usize) -> Vec<Range<usize>> {
    let archived = total.saturating_sub(kept);
    if size == 0 {
        return Vec::new();
    }
    (0..archived.div_ceil(size))
        .map(|page| {
            let oldest_first = page * size..(archived.min((page + 1) * size));
            total - oldest_first.end..total - oldest_first.start
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(lists: &[&[&'static str]]) -> Vec<Vec<&'static str>> {
        lists.iter().map(|l| l.to_vec()).collect()
    }

    #[test]
    fn spellings_are_one_group_named_as_most_write_it() {
        let found = groups(
            Grouping::Tags,
            names(&[&["Web Dev", "rust"], &["web  dev"], &["Web Dev"], &["Rust", "RUST"], &[" "]]),
            2,
        );
        let summary: Vec<(&str, &str, &[usize])> =
            found.iter().map(|g| (g.name.as_str(), g.slug.as_str(), g.members.as_slice())).collect();
        assert_eq!(summary, [("Rust", "rust", &[0, 3][..]), ("Web Dev", "web-dev", &[0, 1][..])]);
    }

    #[test]
    fn colliding_slugs_are_told_apart_by_a_hash() {
        let found = groups(Grouping::Tags, names(&[&["C", "C++", "a b", "a-b", "+"]]), 5);
        let slugs: Vec<&str> = found.iter().map(|g| g.slug.as_str()).collect();
        assert!(slugs.contains(&"c") && slugs.contains(&"a-b"), "{slugs:?}");
        assert_eq!(slugs.len(), 5);
        let mut distinct = slugs.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), 5, "{slugs:?}");
        let plus = found.iter().find(|g| g.name == "+").unwrap();
        assert_eq!(plus.slug.len(), 8);
        // The same names in another order: the same slugs.
        let again = groups(Grouping::Tags, names(&[&["+", "a-b", "a b", "C++", "C"]]), 5);
        assert_eq!(again.iter().map(|g| g.slug.as_str()).collect::<Vec<_>>(), slugs);
    }

    #[test]
    fn long_names_have_short_distinct_slugs() {
        let long = "Ann Example (https://github.com/ann-example, Example Corp), Émile Zola ".repeat(6);
        let other = format!("{long}and one more");
        let found = groups(Grouping::Authors, vec![vec![long.as_str(), other.as_str()]], 5);
        assert_eq!(found.len(), 2);
        for group in &found {
            assert!(group.slug.len() <= LONGEST_SLUG + 9, "{}", group.slug);
            assert!(group.slug.starts_with("ann-example-https-github-com-ann-example-example-corp"), "{}", group.slug);
        }
        assert_ne!(found[0].slug, found[1].slug);
    }

    #[test]
    fn archive_pages_fill_from_the_oldest() {
        // 10 entries, 3 kept, pages of 3: 7 archived (indexes 3..10).
        assert_eq!(archive_pages(10, 3, 3), [7..10, 4..7, 3..4]);
        assert_eq!(archive_pages(3, 3, 3), Vec::<Range<usize>>::new());
        assert_eq!(archive_pages(2, 3, 3), Vec::<Range<usize>>::new());
        // One more entry: the full pages are the same entries (counted
        // from the oldest), the newest page grows.
        assert_eq!(archive_pages(11, 3, 3), [8..11, 5..8, 3..5]);
    }

    proptest::proptest! {
        #[test]
        fn every_archived_entry_is_on_one_page(total in 0usize..200, kept in 1usize..20, size in 1usize..20) {
            let pages = archive_pages(total, kept, size);
            let mut seen: Vec<usize> = pages.iter().flat_map(|r| r.clone()).collect();
            seen.sort_unstable();
            let expected: Vec<usize> = (kept.min(total)..total).collect();
            proptest::prop_assert_eq!(seen, expected);
            for page in &pages[..pages.len().saturating_sub(1)] {
                proptest::prop_assert_eq!(page.len(), size);
            }
        }
    }
}

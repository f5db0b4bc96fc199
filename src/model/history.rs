//! What readers have already seen, read back from the published feeds, and
//! the two decisions that depend on it:
//!
//! - an article renamed or moved (so its generated id would change) keeps
//!   the id its entry already has, when it is unmistakably the same article;
//! - an entry's `updated` moves only when what a reader sees changes.
//!
//! The published feeds are committed with the site, so this works in a
//! fresh shallow clone: no git history, no cache.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use super::normalize::Pending;
use super::{Entry, Published};
use crate::config::ContentMode;

/// The entries of the feed as last published, by id.
#[derive(Debug, Default)]
pub(crate) struct History {
    by_id: HashMap<String, Seen>,
    rendered: HashMap<String, Rendered>,
}

/// Where an earlier build's rendering of an entry can be read back instead
/// of rendering its article again: kept by the cache with the history of
/// the JSON Feed file that build wrote, and used only for an article that
/// resolves to the same cache record (`Pending::source`: same file, same
/// settings, same feedwright), whose rendering is then the same.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Rendered {
    pub(crate) source: u128,
    /// The entry's item in that JSON Feed file.
    pub(crate) item: std::ops::Range<usize>,
    /// Whether its content HTML had no issue (see `check::KnownClean`).
    pub(crate) clean: bool,
}

/// A published entry as the history keeps it: every value a decision here
/// reads, with the content as a hash (it is large, and only ever compared).
/// The build cache keeps these for the feed it wrote, so that a rebuild
/// need not parse the published feed again.
pub(crate) type Seen = Published<u128>;

/// The hash `Seen` keeps of content HTML.
pub(crate) fn content_hash(html: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(html.as_bytes())
}

impl History {
    pub(crate) fn new(entries: Vec<Published>) -> Self {
        History::from_seen(entries.into_iter().map(Published::into_seen).collect())
    }

    pub(crate) fn from_seen(entries: Vec<Seen>) -> Self {
        History { by_id: entries.into_iter().map(|e| (e.id.clone(), e)).collect(), rendered: HashMap::new() }
    }

    /// The history kept by the cache, with what was rendered (by id).
    pub(crate) fn from_cache(entries: Vec<Seen>, rendered: Vec<(String, Rendered)>) -> Self {
        History { rendered: rendered.into_iter().collect(), ..History::from_seen(entries) }
    }

    /// The earlier rendering of the entry `id`, if it came from the article
    /// record `source`.
    pub(crate) fn rendered(&self, id: &str, source: Option<u128>) -> Option<&Rendered> {
        self.rendered.get(id).filter(|r| Some(r.source) == source)
    }

    /// Gives each article whose generated id is new the id of a published
    /// entry that no article claims any more, when both were published at
    /// the same instant and share their title or their content. An explicit
    /// `id` is never replaced, and an ambiguous match adopts nothing.
    /// Returns whether any id changed.
    pub(crate) fn inherit_ids(&self, pending: &mut [Pending], content: ContentMode) -> bool {
        if self.by_id.is_empty() {
            return false;
        }
        let claimed: rustc_hash::FxHashSet<&str> = pending.iter().map(|p| p.id.as_str()).collect();
        let orphans: Vec<&Seen> = self.by_id.values().filter(|p| !claimed.contains(p.id.as_str())).collect();
        if orphans.is_empty() {
            return false;
        }
        let mut adopted: HashSet<String> = HashSet::new();
        for entry in pending.iter_mut().filter(|p| !p.id_is_explicit && !self.by_id.contains_key(&p.id)) {
            let same_time: Vec<&&Seen> =
                orphans.iter().filter(|o| o.published == Some(entry.published) && !adopted.contains(&o.id)).collect();
            if same_time.is_empty() {
                continue;
            }
            // Rendering is the costly part; only articles with a candidate pay for it.
            let Ok((rendered, _)) = entry.clone().render(content) else { continue };
            let rendered_content = rendered.content_html.as_deref().map(content_hash);
            let matches: Vec<&&&Seen> = same_time
                .iter()
                .filter(|o| {
                    o.title.as_deref() == Some(rendered.title.as_str())
                        || (rendered_content.is_some() && o.content == rendered_content)
                })
                .collect();
            if let [only] = matches.as_slice() {
                entry.id = only.id.clone();
                adopted.insert(only.id.clone());
            }
        }
        !adopted.is_empty()
    }

    /// The entry's `updated` when the front matter gives none: unchanged if
    /// readers already saw exactly this entry, `now` if they saw something
    /// else under its id, and its publication date if it is new.
    pub(crate) fn settle_updated(&self, entry: &mut Entry, now: DateTime<FixedOffset>) {
        match self.by_id.get(&entry.id) {
            None => {}
            Some(seen) if seen.looks_the_same_as(entry) => {
                if let Some(updated) = seen.updated.filter(|u| *u >= entry.published) {
                    entry.updated = updated;
                }
            }
            Some(_) => entry.updated = now.max(entry.published),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    fn date(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn entry() -> Entry {
        Entry {
            id: "urn:x:1".into(),
            title: "T".into(),
            url: Url::parse("https://e.com/t/").unwrap(),
            external_url: None,
            published: date("2026-01-01T00:00:00Z"),
            updated: date("2026-01-01T00:00:00Z"),
            authors: vec![],
            summary: "S".into(),
            content_html: Some("<p>S</p>".into()),
            tags: vec![],
            language: None,
            image: None,
        }
    }

    fn seen(entry: &Entry, updated: &str) -> Published {
        Published {
            id: entry.id.clone(),
            title: Some(entry.title.clone()),
            url: Some(entry.url.to_string()),
            published: Some(entry.published),
            updated: Some(date(updated)),
            summary: Some(entry.summary.clone()),
            content: entry.content_html.clone(),
            ..Published::default()
        }
    }

    #[test]
    fn unchanged_entry_keeps_its_published_updated() {
        let mut e = entry();
        let history = History::new(vec![seen(&e, "2026-01-05T00:00:00Z")]);
        history.settle_updated(&mut e, date("2026-02-01T00:00:00Z"));
        assert_eq!(e.updated, date("2026-01-05T00:00:00Z"));
    }

    #[test]
    fn changed_entry_moves_to_now() {
        let mut e = entry();
        let history = History::new(vec![seen(&e, "2026-01-05T00:00:00Z")]);
        e.content_html = Some("<p>Fixed typo</p>".into());
        history.settle_updated(&mut e, date("2026-02-01T00:00:00Z"));
        assert_eq!(e.updated, date("2026-02-01T00:00:00Z"));
    }

    #[test]
    fn new_entry_keeps_its_own_date() {
        let mut e = entry();
        History::default().settle_updated(&mut e, date("2026-02-01T00:00:00Z"));
        assert_eq!(e.updated, date("2026-01-01T00:00:00Z"));
    }
}

//! What readers have already seen, read back from the published feeds, and
//! the two decisions that depend on it:
//!
//! - an article renamed or moved (so its generated id would change) keeps
//!   the id its entry already has, when it is unmistakably the same article
//!   (`inherit_ids`; the rule is spelled out at `Renames`);
//! - an entry's `updated` moves only when what a reader sees changes.
//!
//! The published feeds are committed with the site, so this works in a
//! fresh shallow clone: no git history, no cache.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;

use super::ContentMode;
use super::normalize::Pending;
use super::similarity::{BodyText, Similarity};
use super::{Entry, Published};

/// The entries of the feed as last published, by id.
#[derive(Debug, Default)]
pub(crate) struct History {
    by_id: HashMap<String, Seen>,
    rendered: HashMap<String, Rendered>,
    /// Where the content of published entries can be read back, for the
    /// few that a renamed article may have been (see `inherit_ids`).
    published: Option<Box<dyn PublishedContent>>,
}

/// Reads back the content HTML of published entries, which the history
/// keeps only as hashes: given by whoever read the published feed (the
/// build), and asked only when articles may have been renamed, for the few
/// entries they may have been.
pub(crate) trait PublishedContent: Send + Sync {
    /// The content HTML of each entry of `wanted` that has one, by id. Each
    /// id comes with where its item is in the published JSON Feed file when
    /// the cache knows it (`Rendered::item`).
    fn read(&self, wanted: &[(&str, Option<Range<usize>>)]) -> HashMap<String, String>;
}

impl std::fmt::Debug for dyn PublishedContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PublishedContent")
    }
}

/// Where an earlier build's rendering of an entry can be read back instead
/// of rendering its article again: kept by the cache with the history of
/// the JSON Feed file that build wrote, and used only for an article that
/// resolves to the same cache record (`Pending::source`: same file, same
/// settings, same feedwright), whose rendering is then the same. Where the
/// item is also lets the content of an orphaned entry be read back without
/// parsing the whole file (see `PublishedContent`).
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
        History {
            by_id: entries.into_iter().map(|e| (e.id.clone(), e)).collect(),
            rendered: HashMap::new(),
            published: None,
        }
    }

    /// The history kept by the cache, with what was rendered (by id).
    pub(crate) fn from_cache(entries: Vec<Seen>, rendered: Vec<(String, Rendered)>) -> Self {
        History { rendered: rendered.into_iter().collect(), ..History::from_seen(entries) }
    }

    /// The same history, able to read back the content of its entries.
    pub(crate) fn with_published(self, published: Box<dyn PublishedContent>) -> Self {
        History { published: Some(published), ..self }
    }

    /// The earlier rendering of the entry `id`, if it came from the article
    /// record `source`.
    pub(crate) fn rendered(&self, id: &str, source: Option<u128>) -> Option<&Rendered> {
        self.rendered.get(id).filter(|r| Some(r.source) == source)
    }

    /// Gives each article that looks renamed the id of the published entry
    /// it was, by the rule of `Renames`. An article looks renamed when its
    /// id is generated (not given by `id`) and new; the entries it may have
    /// been are the orphans: published entries whose id no article claims
    /// any more. Returns whether any id changed.
    ///
    /// Cheap when nothing was renamed, and on the builds after a rename:
    /// only articles and orphans published on a common day are compared,
    /// and of those only the ones no URL matches are rendered and read back
    /// (on every core).
    /// `held` are the ids of the articles not published (drafts, future):
    /// their entries are theirs, not orphans.
    pub(crate) fn inherit_ids(
        &self,
        pending: &mut [Pending],
        held: &[&str],
        content: ContentMode,
        templates: &crate::render::template::Context<'_>,
    ) -> bool {
        if self.by_id.is_empty() {
            return false;
        }
        let claimed: rustc_hash::FxHashSet<&str> =
            pending.iter().map(|p| p.id.as_str()).chain(held.iter().copied()).collect();
        let mut orphans: Vec<(&Seen, NaiveDate)> = self
            .by_id
            .values()
            .filter(|seen| !claimed.contains(seen.id.as_str()))
            .filter_map(|seen| Some((seen, seen.published?.date_naive())))
            .collect();
        if orphans.is_empty() {
            return false;
        }
        let orphan_days: HashSet<NaiveDate> = orphans.iter().map(|(_, day)| *day).collect();
        let newcomers: Vec<usize> = (0..pending.len())
            .filter(|&i| {
                let p = &pending[i];
                !p.id_is_explicit && !self.by_id.contains_key(&p.id) && orphan_days.contains(&p.published.date_naive())
            })
            .collect();
        if newcomers.is_empty() {
            return false;
        }
        let newcomer_days: HashSet<NaiveDate> = newcomers.iter().map(|&i| pending[i].published.date_naive()).collect();
        orphans.retain(|(_, day)| newcomer_days.contains(day));
        // By id: the order of a hash map is not the same from run to run.
        orphans.sort_by(|a, b| a.0.id.cmp(&b.0.id));

        let view: &[Pending] = pending;
        let mut newcomer_sides: Vec<Side<'_>> = newcomers
            .iter()
            .map(|&i| {
                let p = &view[i];
                Side { day: p.published.date_naive(), url: Some(p.url.as_str()), title: Some(&p.title), text: None }
            })
            .collect();
        let mut orphan_sides: Vec<Side<'_>> = orphans
            .iter()
            .map(|&(seen, day)| Side { day, url: seen.url.as_deref(), title: seen.title.as_deref(), text: None })
            .collect();
        let renames = Renames::start(&newcomer_sides, &orphan_sides);
        let (unmatched_newcomers, unmatched_orphans) = renames.unmatched();
        let texts: Vec<Option<Text>> = unmatched_newcomers
            .par_iter()
            .map(|&i| {
                // A body that cannot be read now fails the build later; here it only has no text.
                let (entry, ..) = view[newcomers[i]].clone().render(content, templates).ok()?;
                Some(match entry.content_html {
                    Some(html) => Text::Content(BodyText::of_html(&html)),
                    None => Text::Summary(BodyText::of_plain(&entry.summary)),
                })
            })
            .collect();
        for (&i, text) in unmatched_newcomers.iter().zip(texts) {
            newcomer_sides[i].text = text;
        }
        let wanted: Vec<&Seen> = unmatched_orphans.iter().map(|&j| orphans[j].0).collect();
        for (&j, text) in unmatched_orphans.iter().zip(self.texts_of(&wanted)) {
            orphan_sides[j].text = text;
        }
        let matches = renames.finish(&newcomer_sides, &orphan_sides, MAX_MEASURING_STEPS);

        for &(newcomer, orphan) in &matches {
            pending[newcomers[newcomer]].id = orphans[orphan].0.id.clone();
        }
        !matches.is_empty()
    }

    /// What readers read of each entry: the words of its content, read back
    /// from the published feed (and checked against the hash kept), or of
    /// its summary in a feed without content.
    fn texts_of(&self, entries: &[&Seen]) -> Vec<Option<Text>> {
        let wanted: Vec<(&str, Option<Range<usize>>)> = entries
            .iter()
            .filter(|seen| seen.content.is_some())
            .map(|seen| (seen.id.as_str(), self.rendered.get(&seen.id).map(|r| r.item.clone())))
            .collect();
        let contents = match &self.published {
            Some(published) if !wanted.is_empty() => published.read(&wanted),
            _ => HashMap::new(),
        };
        entries
            .par_iter()
            .map(|seen| match seen.content {
                Some(hash) => contents
                    .get(&seen.id)
                    .filter(|html| content_hash(html) == hash)
                    .map(|html| Text::Content(BodyText::of_html(html))),
                None => seen.summary.as_deref().map(|summary| Text::Summary(BodyText::of_plain(summary))),
            })
            .collect()
    }

    /// Whether readers have seen an entry with this id: its `updated` may
    /// then be settled against what they saw (see `settle_updated`).
    pub(crate) fn has_seen(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
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

/// One side of a possible rename: an article that looks renamed, or an
/// orphaned published entry.
#[derive(Debug)]
struct Side<'a> {
    /// The publication date as written (in its own UTC offset): the day a
    /// generated id carries.
    day: NaiveDate,
    /// Its page: the article's, or the one the entry shows.
    url: Option<&'a str>,
    title: Option<&'a str>,
    /// What readers read of it; `None` when it cannot be known (or is not
    /// needed: see `Renames::unmatched`).
    text: Option<Text>,
}

/// The words of an entry's content or, in a feed without content, of its
/// summary. A content is never compared with a summary.
#[derive(Debug, Clone)]
enum Text {
    Content(BodyText),
    Summary(BodyText),
}

impl Text {
    /// The kind and the key of its words (see `BodyText::key`).
    fn key(&self) -> (bool, u128) {
        match self {
            Text::Content(body) => (true, body.key()),
            Text::Summary(body) => (false, body.key()),
        }
    }

    /// How many word pairs a measure of its similarity goes through.
    fn len(&self) -> usize {
        match self {
            Text::Content(body) | Text::Summary(body) => body.len(),
        }
    }

    fn similarity(&self, other: &Text) -> Similarity {
        match (self, other) {
            (Text::Content(a), Text::Content(b)) | (Text::Summary(a), Text::Summary(b)) => a.similarity(b),
            _ => Similarity::NONE,
        }
    }
}

/// Measuring similarities takes at most this many steps (word pairs gone
/// through, about a nanosecond each) in one build, so that a mass rename of
/// edited articles on a few days does not take a quadratic time. Days are
/// taken oldest first; a day whose measures do not fit in what is left is
/// matched by its pages, words and titles only.
const MAX_MEASURING_STEPS: usize = 50_000_000;

/// Which renamed-looking article (`newcomers[i]`) was which orphaned
/// published entry (`orphans[j]`): the `(i, j)` pairs, found in two stages
/// so that texts are made only for the sides the first leaves unmatched.
///
/// The rule. An article and an orphan can match only if they were published
/// on the same day (the date as written, the one in a generated id: a
/// different time that day is fine, a different day is not). Among the
/// articles and orphans of one day, still unmatched, in this order:
///
/// 0. same page: the orphan already shows the article's URL (a build since
///    the rename published it under the adopted id), when no other article
///    or orphan of that day has that URL;
/// 1. same words: an article whose text (what readers read: its content, or
///    its summary in a feed without content; see `similarity`) has exactly
///    the words of one orphan's, when no other article or orphan of that day
///    has those words;
/// 2. similar words: an article and an orphan at least half of whose word
///    pairs are shared (Jaccard index ≥ 1/2), when each is strictly the
///    other's most similar;
/// 3. same title: an article and an orphan with the same title, when no
///    other article or orphan of that day has that title.
///
/// So two orphans with the same day and title are told apart by their words
/// (a ⟷ b in step 1 or 2), and if their words do not tell, neither is taken:
/// ties adopt nothing. Each orphan goes to at most one article and each
/// article takes at most one orphan; the answer depends on the sets, never
/// on their order.
struct Renames {
    /// For each day with both, the articles and the orphans not matched yet.
    days: BTreeMap<NaiveDate, (Vec<usize>, Vec<usize>)>,
    matches: Vec<(usize, usize)>,
}

impl Renames {
    /// Groups the sides by day and matches them by URL (step 0), which
    /// needs no text.
    fn start(newcomers: &[Side<'_>], orphans: &[Side<'_>]) -> Renames {
        let mut days: BTreeMap<NaiveDate, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for (i, side) in newcomers.iter().enumerate() {
            days.entry(side.day).or_default().0.push(i);
        }
        for (j, side) in orphans.iter().enumerate() {
            days.entry(side.day).or_default().1.push(j);
        }
        let mut matches = Vec::new();
        for (left, right) in days.values_mut() {
            pair_unique(left, right, |i| newcomers[i].url, |j| orphans[j].url, &mut matches);
        }
        days.retain(|_, (left, right)| !left.is_empty() && !right.is_empty());
        Renames { days, matches }
    }

    /// The articles and the orphans still to match: the only ones whose
    /// texts `finish` needs.
    fn unmatched(&self) -> (Vec<usize>, Vec<usize>) {
        let newcomers = self.days.values().flat_map(|(left, _)| left.iter().copied()).collect();
        let orphans = self.days.values().flat_map(|(_, right)| right.iter().copied()).collect();
        (newcomers, orphans)
    }

    /// Steps 1 to 3, with the texts of the unmatched sides, measuring
    /// similarities for at most `budget` steps (see `MAX_MEASURING_STEPS`).
    /// The pairs, by article.
    fn finish(self, newcomers: &[Side<'_>], orphans: &[Side<'_>], budget: usize) -> Vec<(usize, usize)> {
        let Renames { days, mut matches } = self;
        let mut budget = budget;
        let size = |text: &Option<Text>| text.as_ref().map_or(0, Text::len);
        for (mut left, mut right) in days.into_values() {
            // 1. The same words.
            let by_words = |i: usize| newcomers[i].text.as_ref().map(Text::key);
            let by_orphan_words = |j: usize| orphans[j].text.as_ref().map(Text::key);
            pair_unique(&mut left, &mut right, by_words, by_orphan_words, &mut matches);
            // 2. Similar words, each the other's most similar. Each pair
            // measured goes through the word pairs of both texts.
            let left_size: usize = left.iter().map(|&i| size(&newcomers[i].text)).sum();
            let right_size: usize = right.iter().map(|&j| size(&orphans[j].text)).sum();
            let steps = left_size.saturating_mul(right.len()).saturating_add(right_size.saturating_mul(left.len()));
            if !left.is_empty() && !right.is_empty() && steps <= budget {
                budget -= steps;
                let taken = most_similar(&left, &right, |i, j| match (&newcomers[i].text, &orphans[j].text) {
                    (Some(a), Some(b)) => a.similarity(b),
                    _ => Similarity::NONE,
                });
                take_out(&mut left, &mut right, &taken);
                matches.extend(taken);
            }
            // 3. The same title.
            pair_unique(&mut left, &mut right, |i| newcomers[i].title, |j| orphans[j].title, &mut matches);
        }
        matches.sort_unstable();
        matches
    }
}

/// The pairs of `left` and `right` at least half alike, each strictly the
/// other's most similar.
fn most_similar(
    left: &[usize],
    right: &[usize],
    similarity: impl Fn(usize, usize) -> Similarity,
) -> Vec<(usize, usize)> {
    let table: Vec<Vec<Similarity>> = left.iter().map(|&i| right.iter().map(|&j| similarity(i, j)).collect()).collect();
    let best_for_right: Vec<Option<usize>> =
        (0..right.len()).map(|b| strictly_best(table.iter().map(|row| row[b]))).collect();
    table
        .iter()
        .enumerate()
        .filter_map(|(a, row)| {
            let b = strictly_best(row.iter().copied())?;
            (best_for_right[b] == Some(a)).then_some((left[a], right[b]))
        })
        .collect()
}

/// Pairs each `left` with the `right` of the same key, where that key
/// belongs to exactly one of each (no key, no pair), and takes the pairs
/// out of both.
fn pair_unique<K: std::hash::Hash + Eq>(
    left: &mut Vec<usize>,
    right: &mut Vec<usize>,
    left_key: impl Fn(usize) -> Option<K>,
    right_key: impl Fn(usize) -> Option<K>,
    matches: &mut Vec<(usize, usize)>,
) {
    let mut by_key: HashMap<K, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for &i in left.iter() {
        if let Some(key) = left_key(i) {
            by_key.entry(key).or_default().0.push(i);
        }
    }
    for &j in right.iter() {
        if let Some(key) = right_key(j) {
            by_key.entry(key).or_default().1.push(j);
        }
    }
    let mut taken: Vec<(usize, usize)> = by_key
        .into_values()
        .filter_map(|(l, r)| match (l.as_slice(), r.as_slice()) {
            ([i], [j]) => Some((*i, *j)),
            _ => None,
        })
        .collect();
    taken.sort_unstable();
    take_out(left, right, &taken);
    matches.extend(taken);
}

/// Takes the sides of `pairs` out of `left` and `right`.
fn take_out(left: &mut Vec<usize>, right: &mut Vec<usize>, pairs: &[(usize, usize)]) {
    let (lefts, rights): (HashSet<usize>, HashSet<usize>) = pairs.iter().copied().unzip();
    left.retain(|i| !lefts.contains(i));
    right.retain(|j| !rights.contains(j));
}

/// The index of the one highest similarity of at least one half, if no
/// other equals it.
fn strictly_best(similarities: impl Iterator<Item = Similarity>) -> Option<usize> {
    let mut best: Option<(usize, Similarity)> = None;
    let mut tied = false;
    for (index, similarity) in similarities.enumerate() {
        if !similarity.at_least_half() {
            continue;
        }
        match best {
            Some((_, top)) if !similarity.above(top) => tied |= !top.above(similarity),
            _ => {
                best = Some((index, similarity));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(index, _)| index)
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
            media: Default::default(),
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

    const BODY: &str = "<p>The compiler had been self-hosting for years, and the standard library was \
        finally stable. A new release ships every six weeks, and editions gather the changes that would \
        break old code.</p>";
    const EDITED: &str = "<p>The compiler had been self-hosting for years, and the standard library was \
        finally stable. A new release ships every six weeks (on a Thursday), and editions gather the \
        changes that would break old code.</p>";
    const OTHER: &str = "<p>Bread needs flour, water, salt and time; the rest is patience and a hot oven.</p>";

    fn side(day: u32, title: &'static str, html: &str) -> Side<'static> {
        let text = (!html.is_empty()).then(|| Text::Content(BodyText::of_html(html)));
        Side { day: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(), url: None, title: Some(title), text }
    }

    /// Both stages at once, the texts given.
    fn match_renames(newcomers: &[Side<'_>], orphans: &[Side<'_>], budget: usize) -> Vec<(usize, usize)> {
        Renames::start(newcomers, orphans).finish(newcomers, orphans, budget)
    }

    fn at<'a>(url: &'a str, side: Side<'a>) -> Side<'a> {
        Side { url: Some(url), ..side }
    }

    /// Articles that look renamed, orphans, the pairs expected.
    type Case = (Vec<Side<'static>>, Vec<Side<'static>>, Vec<(usize, usize)>);

    #[test]
    fn renames_are_matched_by_day_then_words_then_title() {
        let table: Vec<Case> = vec![
            // Retitled, body unchanged.
            (vec![side(10, "New", BODY)], vec![side(10, "Old", BODY)], vec![(0, 0)]),
            // Retitled, body slightly edited.
            (vec![side(10, "New", EDITED)], vec![side(10, "Old", BODY)], vec![(0, 0)]),
            // Retitled, new body: a new article.
            (vec![side(10, "New", OTHER)], vec![side(10, "Old", BODY)], vec![]),
            // Same title, new body.
            (vec![side(10, "Same", OTHER)], vec![side(10, "Same", BODY)], vec![(0, 0)]),
            // Another day: never, whatever else is the same.
            (vec![side(11, "Same", BODY)], vec![side(10, "Same", BODY)], vec![]),
            // Two orphans of that day and title: the words tell which...
            (vec![side(10, "Same", EDITED)], vec![side(10, "Same", OTHER), side(10, "Same", BODY)], vec![(0, 1)]),
            // ... and when they do not, neither is taken.
            (
                vec![side(10, "Same", "<p>Quite new.</p>")],
                vec![side(10, "Same", OTHER), side(10, "Same", BODY)],
                vec![],
            ),
            // Two orphans with the same words: the title tells which.
            (vec![side(10, "B", BODY)], vec![side(10, "A", BODY), side(10, "B", BODY)], vec![(0, 1)]),
            // Two articles with the same words and title as one orphan: neither.
            (vec![side(10, "A", BODY), side(10, "A", BODY)], vec![side(10, "A", BODY)], vec![]),
            // Each takes its most similar, though the first is alike to both.
            (
                vec![side(10, "1", BODY), side(10, "2", EDITED)],
                vec![side(10, "x", EDITED), side(10, "y", BODY)],
                vec![(0, 1), (1, 0)],
            ),
            // A body matched by its words leaves the title to another.
            (
                vec![side(10, "Same", BODY), side(10, "Same", OTHER)],
                vec![side(10, "Same", "<p>A body since rewritten.</p>"), side(10, "Same", BODY)],
                vec![(0, 1), (1, 0)],
            ),
            // No text on either side: only the title can tell.
            (vec![side(10, "New", "")], vec![side(10, "Old", "")], vec![]),
        ];
        for (n, (newcomers, orphans, expected)) in table.iter().enumerate() {
            assert_eq!(&match_renames(newcomers, orphans, MAX_MEASURING_STEPS), expected, "case {n}");
            // The same sets in the other order give the same pairs.
            let reversed_n: Vec<Side<'_>> = newcomers.iter().rev().map(copy).collect();
            let reversed_o: Vec<Side<'_>> = orphans.iter().rev().map(copy).collect();
            let mut back: Vec<(usize, usize)> = match_renames(&reversed_n, &reversed_o, MAX_MEASURING_STEPS)
                .into_iter()
                .map(|(i, j)| (newcomers.len() - 1 - i, orphans.len() - 1 - j))
                .collect();
            back.sort_unstable();
            assert_eq!(&back, expected, "case {n}, reversed");
        }
    }

    fn copy<'a>(side: &Side<'a>) -> Side<'a> {
        let text = side.text.as_ref().map(|text| match text {
            Text::Content(body) => Text::Content(body.clone()),
            Text::Summary(body) => Text::Summary(body.clone()),
        });
        Side { day: side.day, url: side.url, title: side.title, text }
    }

    /// An orphan that already shows the article's page is the article, and
    /// needs no text; the others are left for the texts, which are made for
    /// them alone.
    #[test]
    fn the_same_page_matches_first_and_without_texts() {
        let newcomers = [at("https://e.com/a/", side(10, "A", "")), at("https://e.com/b/", side(10, "B", ""))];
        let orphans = [
            at("https://e.com/old-b/", side(10, "Old B", "")),
            at("https://e.com/a/", side(10, "Old A", "")),
            at("https://e.com/c/", side(11, "C", "")),
        ];
        let renames = Renames::start(&newcomers, &orphans);
        assert_eq!(renames.unmatched(), (vec![1], vec![0]));
        assert_eq!(renames.finish(&newcomers, &orphans, MAX_MEASURING_STEPS), [(0, 1)]);
        // Two orphans showing one page: the page does not tell.
        let orphans = [at("https://e.com/a/", side(10, "X", BODY)), at("https://e.com/a/", side(10, "A", OTHER))];
        assert_eq!(match_renames(&newcomers[..1], &orphans, MAX_MEASURING_STEPS), [(0, 1)]);
        // Nothing in common but the page, on another day: no.
        let orphans = [at("https://e.com/a/", side(9, "X", ""))];
        assert_eq!(match_renames(&newcomers[..1], &orphans, MAX_MEASURING_STEPS), []);
    }

    #[test]
    fn a_content_is_never_compared_with_a_summary() {
        let summary = Side { text: Some(Text::Summary(BodyText::of_plain("The body."))), ..side(10, "New", "") };
        let content = side(10, "Old", "<p>The body.</p>");
        assert_eq!(match_renames(&[summary], &[content], MAX_MEASURING_STEPS), []);
        let summary = Side { text: Some(Text::Summary(BodyText::of_plain("The body."))), ..side(10, "New", "") };
        let other = Side { text: Some(Text::Summary(BodyText::of_plain("The body!"))), ..side(10, "Old", "") };
        assert_eq!(match_renames(&[summary], &[other], MAX_MEASURING_STEPS), [(0, 0)]);
    }

    #[test]
    fn a_tie_in_similarity_takes_nothing() {
        let newcomers = [side(10, "New", EDITED)];
        let orphans = [side(10, "Old", BODY), side(10, "Older", BODY)];
        assert_eq!(match_renames(&newcomers, &orphans, MAX_MEASURING_STEPS), []);
    }

    /// Past the budget, a day is matched by its words and titles only.
    #[test]
    fn past_the_budget_only_words_and_titles_match() {
        let newcomers = [side(10, "Same", EDITED), side(10, "New", BODY)];
        let orphans = [side(10, "Same", OTHER), side(10, "Old", BODY)];
        assert_eq!(match_renames(&newcomers, &orphans, 0), [(0, 0), (1, 1)]);
        let newcomers = [side(10, "New", EDITED)];
        let orphans = [side(10, "Old", BODY)];
        assert_eq!(match_renames(&newcomers, &orphans, MAX_MEASURING_STEPS), [(0, 0)]);
        assert_eq!(match_renames(&newcomers, &orphans, 0), []);
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

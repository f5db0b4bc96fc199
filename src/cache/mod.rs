//! The build cache: what the last build read and wrote, so that a rebuild
//! does work in proportion to what changed, and nothing at all when
//! nothing changed.
//!
//! It lives in `.feedwright-cache/` in the site folder (outside the output
//! folder; ignore it in git): a small index (every article file's size and
//! mtime, the feed files' stamps, and what the last build reported), read on
//! every build; the resolved articles (`articles`), read only when
//! something changed; and what it keeps of the feed files it wrote
//! (`published`: their entries' history, renderings, bytes and check
//! verdicts). It is only ever a shortcut: deleting it is safe, and a cache
//! that is corrupt, from another feedwright build or for other settings is
//! ignored, never trusted. What it keeps of a feed file is used only while
//! that file holds exactly the bytes written, so ids and dates readers have
//! seen still come from the published feeds, and a fresh clone without a
//! cache builds the same bytes.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

mod articles;
mod pages;
mod published;

use articles::articles_file;
pub(crate) use articles::{Articles, Record, decode, encode, source_of};
pub(crate) use pages::{Page, PageEntry, Pages};
pub(crate) use published::{Checked, FileHash, Fragments, KeptHistory, entry_hash, entry_key};

use crate::config::Settings;
use crate::diagnostic::Diagnostic;

const DIR: &str = ".feedwright-cache";
const INDEX: &str = "index.bin";
const ARTICLES: &str = "articles.bin";
const HISTORY: &str = "history.bin";
const CHECKED: &str = "checked.bin";
const FRAGMENTS: &str = "fragments.bin";
const PAGES: &str = "pages.bin";
/// Bumped whenever what is cached, or how it is resolved, changes.
const FORMAT: &str = concat!("feedwright-build-cache 9 ", env!("CARGO_PKG_VERSION"));

/// What a cache must have been written by: this cache format and version,
/// and this very executable (its size and mtime), so that a rebuilt
/// feedwright never trusts what an older build of the same version
/// resolved, rendered or checked.
fn format_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().ok().and_then(|path| Stamp::of(&path));
        match exe {
            Some(stamp) => format!("{FORMAT} {}:{}", stamp.len, stamp.modified_ns),
            None => FORMAT.to_owned(),
        }
    })
}
/// What every file of the cache must have been written for: this very
/// executable (`format_id`) and these settings and flags (`settings_hash`).
/// One key for all six files: a file with another key is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Key {
    format: String,
    settings: u64,
}

impl Key {
    fn new(settings: &Settings, include_future: bool) -> Key {
        Key { format: format_id().to_owned(), settings: settings_hash(settings, include_future) }
    }
}

/// Files modified this close to the cache's writing may share their stamp
/// with a later edit (coarse mtimes), so they are never trusted.
const SETTLE: Duration = Duration::from_secs(2);

/// A file's size and modification time: if both are unchanged, so is the
/// file (as make and git assume).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    len: u64,
    modified_ns: u128,
}

impl Stamp {
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        Stamp::of_metadata(&std::fs::metadata(path).ok()?)
    }

    pub(crate) fn of_metadata(meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?.duration_since(SystemTime::UNIX_EPOCH).ok()?;
        Some(Stamp { len: meta.len(), modified_ns: modified.as_nanos() })
    }
}

/// A file and its stamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamped {
    pub(crate) path: PathBuf,
    pub(crate) stamp: Stamp,
}

/// What the last build reported, to report it again when nothing changed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct LastBuild {
    pub(crate) articles: usize,
    pub(crate) entries: usize,
    pub(crate) held_back: Vec<HeldBack>,
    /// Its warnings and notes: repeated by every build until their causes
    /// are fixed, as compilers repeat theirs.
    pub(crate) warnings: Vec<Diagnostic>,
    /// The earliest date of a future article, or of an expiry of a
    /// published one: from then on, a build has work to do even if no file
    /// changed.
    pub(crate) next_due: Option<DateTime<FixedOffset>>,
    /// How many feed files it wrote beyond the main feeds.
    pub(crate) more_files: usize,
}

/// A draft or future article, as reports list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct HeldBack {
    pub(crate) file: String,
    pub(crate) title: String,
    pub(crate) status: Held,
    pub(crate) date: DateTime<FixedOffset>,
}

/// Why an article is not in the feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Held {
    Draft,
    /// Dated after the build time: published by the first build after.
    Future,
    /// Its `expiryDate` (the `date` held) came: no longer published.
    Expired,
}

/// The small file read on every build (binary, like the articles: at
/// 100,000 articles it is read and compared on every no-change build).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Index {
    key: Key,
    written_ns: u128,
    /// A hash of every article file's path, in the order `discover` sorts
    /// them (by path bytes)...
    paths: u128,
    /// ...and their stamps, in the same order.
    stamps: Vec<Stamp>,
    outputs: Vec<Stamped>,
    /// The local files enclosures' lengths were read from, with those
    /// lengths: one of another size changes the feeds.
    measured: Vec<(PathBuf, u64)>,
    pub(crate) last: LastBuild,
}

/// One hash for a list of paths, in order.
fn paths_hash(files: &[Stamped]) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for file in files {
        hasher.update(file.path.as_os_str().as_encoded_bytes());
        // No path holds a NUL byte: the separator keeps `a`,`bc` from `ab`,`c`.
        hasher.update(&[0]);
    }
    hasher.digest128()
}

/// A hash of everything in the settings and flags that shapes the output.
fn settings_hash(settings: &Settings, include_future: bool) -> u64 {
    xxhash_rust::xxh3::xxh3_64(format!("{settings:?} {include_future}").as_bytes())
}

/// A hash of the settings, for `source_of`.
pub(crate) fn settings_key(settings: &Settings) -> u64 {
    settings_hash(settings, false)
}

fn now_ns() -> u128 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default()
}

impl Index {
    /// Whether the last build's output still stands: the same article files
    /// with the same stamps (none touched just before the cache was
    /// written), the feed files as it left them, and no future article due.
    fn still_holds(&self, articles: &[Stamped], outputs: &[PathBuf], now: DateTime<FixedOffset>) -> bool {
        let settled = self.written_ns.saturating_sub(SETTLE.as_nanos());
        articles.len() == self.stamps.len()
            && articles.iter().zip(&self.stamps).all(|(a, b)| a.stamp == *b && b.modified_ns < settled)
            && paths_hash(articles) == self.paths
            // The main feeds first, then every other file the build wrote
            // (feeds per tag, archive pages, feeds.opml, ...): all as it left them.
            && outputs.len() <= self.outputs.len()
            && outputs.iter().zip(&self.outputs).all(|(p, o)| *p == o.path)
            && self.outputs.iter().all(|o| Stamp::of(&o.path) == Some(o.stamp))
            && self.last.next_due.is_none_or(|due| now < due)
            && self.measured.iter().all(|(path, len)| std::fs::metadata(path).is_ok_and(|m| m.len() == *len))
    }
}

/// The build cache of a site: the six files, read and saved through this
/// one type under one `Key`. The index is read when it is opened (every
/// build needs it); the others when a build asks for them, since a build
/// with nothing to do needs none of them.
pub(crate) struct BuildCache {
    dir: PathBuf,
    key: Key,
    index: Option<Index>,
}

/// What a build leaves for the next one.
#[derive(Default)]
pub(crate) struct NextCache<'c> {
    /// Every good article's record.
    pub(crate) articles: Vec<Record<'c>>,
    /// Every article file with its stamp, in `discover`'s order.
    pub(crate) stamped: Vec<Stamped>,
    /// The local files enclosures were measured from, with their lengths.
    pub(crate) measured: Vec<(PathBuf, u64)>,
    /// The feed files written.
    pub(crate) outputs: &'c [PathBuf],
    pub(crate) last: LastBuild,
    pub(crate) history: Option<KeptHistory>,
    pub(crate) checked: Checked,
    pub(crate) fragments: Fragments,
    /// The archive pages written, if any.
    pub(crate) pages: Option<Pages>,
}

impl BuildCache {
    /// The cache of the site of `settings`, for these settings and flags.
    pub(crate) fn open(settings: &Settings, include_future: bool) -> BuildCache {
        let dir = settings.root.join(DIR);
        let key = Key::new(settings, include_future);
        let index = read::<Index>(&dir.join(INDEX)).filter(|index| index.key == key);
        BuildCache { dir, key, index }
    }

    /// Whether there is an index to compare the article files with.
    pub(crate) fn has_index(&self) -> bool {
        self.index.is_some()
    }

    /// What the last build reported, if its output still stands (see
    /// `Index::still_holds`).
    pub(crate) fn unchanged(
        &self,
        articles: &[Stamped],
        outputs: &[PathBuf],
        now: DateTime<FixedOffset>,
    ) -> Option<&LastBuild> {
        let index = self.index.as_ref()?;
        index.still_holds(articles, outputs, now).then_some(&index.last)
    }

    /// The resolved articles of the last build.
    pub(crate) fn articles(&self) -> Option<Articles> {
        let bytes = std::fs::read(self.dir.join(ARTICLES)).ok()?;
        Articles::from_bytes(bytes, &self.key)
    }

    /// The history kept for the feed file now holding `feed_bytes`.
    pub(crate) fn history(&self, feed_bytes: &[u8]) -> Option<crate::model::history::History> {
        published::load_history(&self.dir.join(HISTORY), &self.key, feed_bytes)
    }

    /// Which entries passed the self-check, and what it found.
    pub(crate) fn checked(&self) -> Checked {
        read::<Checked>(&self.dir.join(CHECKED)).filter(|checked| checked.key == self.key).unwrap_or_default()
    }

    /// Where each entry's bytes are in the feed files written.
    pub(crate) fn fragments(&self) -> Fragments {
        read::<Fragments>(&self.dir.join(FRAGMENTS)).filter(|f| f.key == self.key).unwrap_or_default()
    }

    /// The archive pages the last build wrote.
    pub(crate) fn pages(&self) -> Pages {
        read::<Pages>(&self.dir.join(PAGES)).filter(|p| p.key == self.key).unwrap_or_default()
    }

    /// Which of `paths` the last build wrote and are on disk as it left
    /// them (same size and modification time), in the same order.
    pub(crate) fn outputs_as_left(&self, paths: &[&Path]) -> Vec<bool> {
        let Some(index) = &self.index else { return vec![false; paths.len()] };
        let recorded: std::collections::HashMap<&Path, Stamp> =
            index.outputs.iter().map(|o| (o.path.as_path(), o.stamp)).collect();
        use rayon::prelude::*;
        paths.par_iter().map(|path| recorded.get(path).is_some_and(|&stamp| Stamp::of(path) == Some(stamp))).collect()
    }

    /// Saves what this build read and wrote, every file under this key.
    /// Failing to is not worth failing a build over, so the error is for a
    /// warning.
    pub(crate) fn save(&self, next: NextCache<'_>) -> anyhow::Result<()> {
        let NextCache { mut articles, stamped, measured, outputs, last, history, mut checked, mut fragments, pages } =
            next;
        let written_ns = now_ns();
        let replace = |name: &str, bytes: &[u8]| crate::output::replace_file(&self.dir.join(name), bytes);
        let remove = |name: &str| {
            let _ = std::fs::remove_file(self.dir.join(name));
        };
        articles.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
        checked.key = self.key.clone();
        fragments.key = self.key.clone();
        // Each file encoded and written on its own core (100,000 articles'
        // records and fragments take a while); the index after them all.
        let save_articles = || replace(ARTICLES, &articles_file(&self.key, written_ns, &articles)?);
        let save_history = || match &history {
            Some(history) => replace(HISTORY, &history.to_bytes(&self.key)?),
            None => {
                remove(HISTORY);
                Ok(())
            }
        };
        let save_checked = || replace(CHECKED, &postcard::to_stdvec(&checked)?);
        let save_fragments = || replace(FRAGMENTS, &postcard::to_stdvec(&fragments)?);
        let save_pages = || match pages {
            Some(mut pages) => {
                pages.key = self.key.clone();
                replace(PAGES, &postcard::to_stdvec(&pages)?)
            }
            None => {
                remove(PAGES);
                Ok(())
            }
        };
        let ((a, h), ((c, f), p)) = rayon::join(
            || rayon::join(save_articles, save_history),
            || rayon::join(|| rayon::join(save_checked, save_fragments), save_pages),
        );
        a.and(h).and(c).and(f).and(p)?;
        let outputs = outputs.iter().filter_map(|p| Some(Stamped { path: p.clone(), stamp: Stamp::of(p)? })).collect();
        let index = Index {
            key: self.key.clone(),
            written_ns,
            paths: paths_hash(&stamped),
            stamps: stamped.iter().map(|f| f.stamp).collect(),
            outputs,
            measured,
            last,
        };
        // The index last: a build that dies in between leaves an index that
        // does not match, and the next build simply reads more.
        replace(INDEX, &postcard::to_stdvec(&index)?)?;
        for old in OBSOLETE {
            let _ = std::fs::remove_file(self.dir.join(old));
        }
        Ok(())
    }
}

/// A cache file's value, if it can be read and decoded.
fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    postcard::from_bytes(&std::fs::read(path).ok()?).ok()
}

/// Files earlier feedwright versions kept in the cache folder.
const OBSOLETE: &[&str] = &["index.json", "articles.json", "build.json"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_holds_only_for_the_same_paths_and_stamps() {
        let stamp = |len| Stamp { len, modified_ns: 1_000_000_000 };
        let files = vec![
            Stamped { path: "articles/x.md".into(), stamp: stamp(1) },
            Stamped { path: "articles/y.md".into(), stamp: stamp(2) },
        ];
        let index = Index {
            key: Key { format: format_id().into(), settings: 0 },
            written_ns: 1_000_000_000_000,
            paths: paths_hash(&files),
            stamps: files.iter().map(|f| f.stamp).collect(),
            outputs: Vec::new(),
            measured: Vec::new(),
            last: LastBuild::default(),
        };
        let now = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap();
        assert!(index.still_holds(&files, &[], now));
        let mut renamed = files.clone();
        renamed[1].path = "articles/z.md".into();
        assert!(!index.still_holds(&renamed, &[], now));
        let mut touched = files.clone();
        touched[0].stamp = stamp(3);
        assert!(!index.still_holds(&touched, &[], now));
        assert!(!index.still_holds(&files[..1], &[], now));
        // Paths split differently hash differently.
        let split = |a: &str, b: &str| {
            paths_hash(&[Stamped { path: a.into(), stamp: stamp(1) }, Stamped { path: b.into(), stamp: stamp(1) }])
        };
        assert_ne!(split("ab", "c"), split("a", "bc"));
    }
}

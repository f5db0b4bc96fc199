//! The build cache: what the last build read and wrote, so that a rebuild
//! reads and resolves only the articles whose files changed, and does
//! nothing at all when nothing changed.
//!
//! It lives in `.feedwright-cache/` in the site folder (outside the output
//! folder; ignore it in git) as two files: a small index (every article
//! file's size and mtime, the feed files' stamps, and what the last build
//! reported), read on every build, and the resolved articles, read only
//! when something changed. It is only ever a shortcut: deleting it is safe,
//! and a cache that is corrupt, from another feedwright version or for
//! other settings is ignored, never trusted. Ids and dates readers have
//! seen come from the published feeds, never from here, so a fresh clone
//! without a cache builds the same bytes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::model::Entry;
use crate::model::history::{History, Rendered, Seen};
use crate::model::normalize::Pending;

const DIR: &str = ".feedwright-cache";
const INDEX: &str = "index.bin";
const ARTICLES: &str = "articles.bin";
const HISTORY: &str = "history.bin";
const CHECKED: &str = "checked.bin";
const FRAGMENTS: &str = "fragments.bin";
/// Bumped whenever what is cached, or how it is resolved, changes.
const FORMAT: &str = concat!("feedwright-build-cache 5 ", env!("CARGO_PKG_VERSION"));

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

/// One article as the last build resolved it, ready for the next cache:
/// its file, that file's stamp, and its resolved values as postcard bytes
/// (borrowed from the loaded cache when the file did not change).
#[derive(Debug, Clone)]
pub(crate) struct Record<'c> {
    pub(crate) path: PathBuf,
    pub(crate) stamp: Stamp,
    pub(crate) bytes: Cow<'c, [u8]>,
}

/// An article's resolved values and warnings as a cache record's bytes.
pub(crate) fn encode(pending: &Pending, warnings: &[Diagnostic]) -> Vec<u8> {
    postcard::to_stdvec(&(pending, warnings)).unwrap_or_default()
}

/// What stands for an article's source (`Pending::source`): its record and
/// its file's stamp, once the stamp has settled. A file edited within the
/// same coarse mtime tick as an earlier read could keep its stamp (and its
/// front matter, hence its record) with another body: such a file has no
/// source, so nothing rendered from it is reused.
pub(crate) fn source_of(record: &[u8], stamp: Option<Stamp>) -> Option<u128> {
    let stamp = stamp.filter(|s| s.modified_ns.saturating_add(SETTLE.as_nanos()) < now_ns())?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&stamp.len.to_le_bytes());
    hasher.update(&stamp.modified_ns.to_le_bytes());
    hasher.update(record);
    Some(hasher.digest128())
}

/// A cache record's values, if the bytes are sound.
pub(crate) fn decode(bytes: &[u8]) -> Option<(Pending, Vec<Diagnostic>)> {
    postcard::from_bytes(bytes).ok()
}

/// What the last build reported, to report it again when nothing changed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct LastBuild {
    pub(crate) articles: usize,
    pub(crate) entries: usize,
    /// Drafts and future articles: (file, title, status, date).
    pub(crate) held_back: Vec<(String, String, String, DateTime<FixedOffset>)>,
    /// The earliest date of a future article: from then on, a build has
    /// work to do even if no file changed.
    pub(crate) next_due: Option<DateTime<FixedOffset>>,
}

/// The small file read on every build (binary, like the articles: at
/// 100,000 articles it is read and compared on every no-change build).
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Index {
    format: String,
    settings: u64,
    written_ns: u128,
    /// A hash of every article file's path, in the order `discover` sorts
    /// them (by path bytes)...
    paths: u128,
    /// ...and their stamps, in the same order.
    stamps: Vec<Stamp>,
    outputs: Vec<Stamped>,
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

fn dir(settings: &Settings) -> PathBuf {
    settings.root.join(DIR)
}

fn now_ns() -> u128 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default()
}

impl Index {
    /// The index for these settings, if there is a sound one.
    pub(crate) fn load(settings: &Settings, include_future: bool) -> Option<Index> {
        let bytes = std::fs::read(dir(settings).join(INDEX)).ok()?;
        let index: Index = postcard::from_bytes(&bytes).ok()?;
        (index.format == format_id() && index.settings == settings_hash(settings, include_future)).then_some(index)
    }

    /// Whether the last build's output still stands: the same article files
    /// with the same stamps (none touched just before the cache was
    /// written), the feed files as it left them, and no future article due.
    pub(crate) fn still_holds(&self, articles: &[Stamped], outputs: &[PathBuf], now: DateTime<FixedOffset>) -> bool {
        let settled = self.written_ns.saturating_sub(SETTLE.as_nanos());
        articles.len() == self.stamps.len()
            && articles.iter().zip(&self.stamps).all(|(a, b)| a.stamp == *b && b.modified_ns < settled)
            && paths_hash(articles) == self.paths
            && outputs.len() == self.outputs.len()
            && outputs.iter().zip(&self.outputs).all(|(p, o)| *p == o.path && Stamp::of(p) == Some(o.stamp))
            && self.last.next_due.is_none_or(|due| now < due)
    }
}

/// The resolved articles of the last build. The file is a table (path,
/// stamp and record length of every article, sorted by path) followed by
/// the records. Only the table is decoded on loading; a record is decoded
/// when its file turns out unchanged (on whichever core reads that
/// article), and copied as it is into the next cache.
#[derive(Debug, Default)]
pub(crate) struct Articles {
    written_ns: u128,
    rows: Vec<Row>,
    /// Where each row's record starts in `bytes`, and one past the last.
    starts: Vec<usize>,
    bytes: Vec<u8>,
}

/// The start of the articles file.
#[derive(Debug, Serialize, Deserialize)]
struct ArticlesHead<'a> {
    format: Cow<'a, str>,
    settings: u64,
    written_ns: u128,
    rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    path: PathBuf,
    stamp: Stamp,
    len: usize,
}

impl Articles {
    pub(crate) fn load(settings: &Settings, include_future: bool) -> Option<Articles> {
        let bytes = std::fs::read(dir(settings).join(ARTICLES)).ok()?;
        Articles::from_bytes(bytes, settings_hash(settings, include_future))
    }

    /// The cache in `bytes`, if it is sound and for settings hashing to `settings`.
    fn from_bytes(bytes: Vec<u8>, settings: u64) -> Option<Articles> {
        let (head, records) = postcard::take_from_bytes::<ArticlesHead<'_>>(&bytes).ok()?;
        if head.format != format_id() || head.settings != settings {
            return None;
        }
        let mut starts = Vec::with_capacity(head.rows.len() + 1);
        let mut at = bytes.len() - records.len();
        starts.push(at);
        for row in &head.rows {
            at = at.checked_add(row.len).filter(|end| *end <= bytes.len())?;
            starts.push(at);
        }
        let (written_ns, rows) = (head.written_ns, head.rows);
        Some(Articles { written_ns, rows, starts, bytes })
    }

    /// The cached record of the article at `path`, if its file has not
    /// changed since.
    pub(crate) fn get(&self, path: &Path, stamp: Stamp) -> Option<&[u8]> {
        let found = self.rows.binary_search_by(|row| row.path.as_os_str().cmp(path.as_os_str())).ok()?;
        let settled = self.written_ns.saturating_sub(SETTLE.as_nanos());
        (self.rows[found].stamp == stamp && stamp.modified_ns < settled)
            .then(|| &self.bytes[self.starts[found]..self.starts[found + 1]])
    }
}

/// What the history keeps of a feed file this build wrote, so that the next
/// build need not parse that file again (it can be 100 MB). Tied to the
/// file's exact bytes, not to the settings: edited, replaced or written by
/// another version, the file is parsed as usual.
#[derive(Debug, Serialize, Deserialize)]
struct HistoryFile<'a> {
    format: Cow<'a, str>,
    feed: u128,
    seen: Cow<'a, [Seen]>,
    rendered: Cow<'a, [(String, Rendered)]>,
}

/// The history kept for a feed file holding exactly `feed_bytes`.
pub(crate) fn load_history(settings: &Settings, feed_bytes: &[u8]) -> Option<History> {
    let bytes = std::fs::read(dir(settings).join(HISTORY)).ok()?;
    let file: HistoryFile<'_> = postcard::from_bytes(&bytes).ok()?;
    (file.format == format_id() && file.feed == xxhash_rust::xxh3::xxh3_128(feed_bytes))
        .then(|| History::from_cache(file.seen.into_owned(), file.rendered.into_owned()))
}

/// Keeps `seen`, the history of the feed file now holding `feed_bytes`,
/// and where its entries' renderings are in it.
pub(crate) fn save_history(
    settings: &Settings,
    feed_bytes: &[u8],
    seen: &[Seen],
    rendered: &[(String, Rendered)],
) -> anyhow::Result<()> {
    let file = HistoryFile {
        format: Cow::Borrowed(format_id()),
        feed: xxhash_rust::xxh3::xxh3_128(feed_bytes),
        seen: Cow::Borrowed(seen),
        rendered: Cow::Borrowed(rendered),
    };
    crate::output::replace_file(&dir(settings).join(HISTORY), &postcard::to_stdvec(&file)?)
}

/// The entries of feeds this build checked and found without any finding,
/// by the hash of everything around them in their file (`Layout::
/// context_hash`) and then by the hash of their own bytes: the same bytes
/// in the same context need no second check. Tied to this very executable
/// (see `format_id`), whose checker gave the verdicts.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Checked {
    format: String,
    feeds: std::collections::HashMap<u128, std::collections::HashSet<u128>>,
}

impl Checked {
    pub(crate) fn load(settings: &Settings) -> Checked {
        let loaded = std::fs::read(dir(settings).join(CHECKED))
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Checked>(&bytes).ok());
        loaded.filter(|checked| checked.format == format_id()).unwrap_or_default()
    }

    /// The entries checked before in a file whose context hashes to `context`.
    pub(crate) fn entries(&self, context: u128) -> Option<&std::collections::HashSet<u128>> {
        self.feeds.get(&context)
    }

    /// Takes the record of the file with this context out.
    pub(crate) fn take(&mut self, context: u128) -> Option<std::collections::HashSet<u128>> {
        self.feeds.remove(&context)
    }

    /// Records that a file with this context and these entries passed.
    pub(crate) fn insert(&mut self, context: u128, entries: std::collections::HashSet<u128>) {
        self.feeds.insert(context, entries);
    }

    pub(crate) fn save(mut self, settings: &Settings) -> anyhow::Result<()> {
        self.format = format_id().to_owned();
        crate::output::replace_file(&dir(settings).join(CHECKED), &postcard::to_stdvec(&self)?)
    }
}

/// The hash `Checked` keeps of an entry's bytes.
pub(crate) fn entry_hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Where each entry's bytes are in the feed files a build wrote, by a hash
/// of the entry's whole value (`entry_key`): the next build copies the
/// bytes of an equal entry from the file on disk, if that file still holds
/// exactly what was written, instead of writing the entry again. Tied to
/// this very executable (see `format_id`), whose writers wrote them.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Fragments {
    format: String,
    files: Vec<FragmentFile>,
}

#[derive(Debug, Serialize, Deserialize)]
struct FragmentFile {
    name: String,
    hash: u128,
    entries: Vec<(u128, Range<usize>)>,
}

impl Fragments {
    pub(crate) fn load(settings: &Settings) -> Fragments {
        let loaded = std::fs::read(dir(settings).join(FRAGMENTS))
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Fragments>(&bytes).ok());
        loaded.filter(|fragments| fragments.format == format_id()).unwrap_or_default()
    }

    /// Where the entries are, by key, in the file `name` now holding `bytes`
    /// (`None` unless it is byte for byte the file recorded).
    pub(crate) fn in_file(&self, name: &str, bytes: &[u8]) -> Option<HashMap<u128, Range<usize>>> {
        let file = self.files.iter().find(|f| f.name == name)?;
        (file.hash == xxhash_rust::xxh3::xxh3_128(bytes)).then(|| file.entries.iter().cloned().collect())
    }

    /// Records where the entries are in the file `name` just written.
    pub(crate) fn record(&mut self, name: &str, bytes: &[u8], entries: Vec<(u128, Range<usize>)>) {
        let hash = xxhash_rust::xxh3::xxh3_128(bytes);
        self.files.push(FragmentFile { name: name.to_owned(), hash, entries });
    }

    pub(crate) fn save(mut self, settings: &Settings) -> anyhow::Result<()> {
        self.format = format_id().to_owned();
        crate::output::replace_file(&dir(settings).join(FRAGMENTS), &postcard::to_stdvec(&self)?)
    }
}

/// The key `Fragments` keeps for an entry: a hash of its whole value.
pub(crate) fn entry_key(entry: &Entry) -> u128 {
    xxhash_rust::xxh3::xxh3_128(&postcard::to_stdvec(entry).unwrap_or_default())
}

/// The articles file for `articles`, sorted by path.
fn articles_file(settings: u64, written_ns: u128, articles: &[Record<'_>]) -> anyhow::Result<Vec<u8>> {
    let rows = articles.iter().map(|a| Row { path: a.path.clone(), stamp: a.stamp, len: a.bytes.len() }).collect();
    let head = ArticlesHead { format: Cow::Borrowed(format_id()), settings, written_ns, rows };
    let mut file = postcard::to_stdvec(&head)?;
    file.reserve(articles.iter().map(|a| a.bytes.len()).sum());
    for article in articles {
        file.extend_from_slice(&article.bytes);
    }
    Ok(file)
}

/// Saves what this build read and wrote. Failing to is not worth failing a
/// build over, so the error is for a warning.
pub(crate) fn save(
    settings: &Settings,
    include_future: bool,
    mut articles: Vec<Record<'_>>,
    all_files: Vec<Stamped>,
    outputs: &[PathBuf],
    last: LastBuild,
) -> anyhow::Result<()> {
    let hash = settings_hash(settings, include_future);
    let written_ns = now_ns();
    articles.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    crate::output::replace_file(&dir(settings).join(ARTICLES), &articles_file(hash, written_ns, &articles)?)?;
    let outputs = outputs.iter().filter_map(|p| Some(Stamped { path: p.clone(), stamp: Stamp::of(p)? })).collect();
    let index = Index {
        format: format_id().into(),
        settings: hash,
        written_ns,
        paths: paths_hash(&all_files),
        stamps: all_files.iter().map(|f| f.stamp).collect(),
        outputs,
        last,
    };
    // The index last: a build that dies in between leaves an index that
    // does not match, and the next build simply reads more.
    crate::output::replace_file(&dir(settings).join(INDEX), &postcard::to_stdvec(&index)?)
}

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
            format: format_id().into(),
            settings: 0,
            written_ns: 1_000_000_000_000,
            paths: paths_hash(&files),
            stamps: files.iter().map(|f| f.stamp).collect(),
            outputs: Vec::new(),
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

    #[test]
    fn article_records_come_back_only_for_unchanged_files_and_sound_bytes() {
        let stamp = |len| Stamp { len, modified_ns: 1_000_000_000 };
        let record = |path: &str, len, bytes: &'static [u8]| Record {
            path: path.into(),
            stamp: stamp(len),
            bytes: Cow::Borrowed(bytes),
        };
        let records = [record("a.md", 1, b"first"), record("b.md", 2, b""), record("c.md", 3, b"third")];
        let file = articles_file(7, 10_000_000_000, &records).unwrap();
        let cache = Articles::from_bytes(file.clone(), 7).unwrap();
        assert_eq!(cache.get(Path::new("a.md"), stamp(1)), Some(&b"first"[..]));
        assert_eq!(cache.get(Path::new("b.md"), stamp(2)), Some(&b""[..]));
        assert_eq!(cache.get(Path::new("c.md"), stamp(3)), Some(&b"third"[..]));
        assert_eq!(cache.get(Path::new("c.md"), stamp(4)), None);
        assert_eq!(cache.get(Path::new("d.md"), stamp(3)), None);
        // Other settings, or records cut short: no cache at all.
        assert!(Articles::from_bytes(file.clone(), 8).is_none());
        assert!(Articles::from_bytes(file[..file.len() - 1].to_vec(), 7).is_none());
        // Garbage in a record is not an article.
        assert_eq!(decode(b"third"), None);
    }
}

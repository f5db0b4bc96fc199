//! What the cache keeps of the feed files the last build wrote, each tied
//! to a file's exact bytes: the history of its entries and where their
//! renderings are, which entries' bytes passed the self-check, and where
//! each entry's bytes are.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::Key;
use crate::diagnostic::Diagnostic;
use crate::model::Entry;
use crate::model::history::{History, Rendered, Seen};

/// What the history keeps of a feed file this build wrote, so that the next
/// build need not parse that file again (it can be 100 MB): the entries as
/// readers saw them, and where each entry's rendering is in the file. Used
/// only while the file holds exactly the bytes written; edited, replaced or
/// written by another version, the file is parsed as usual.
#[derive(Debug, Serialize, Deserialize)]
struct HistoryFile<'a> {
    key: Cow<'a, Key>,
    feed: u128,
    seen: Cow<'a, [Seen]>,
    rendered: Cow<'a, [(String, Rendered)]>,
}

/// The history of a feed file just written, for the next build.
pub(crate) struct KeptHistory {
    feed: u128,
    seen: Vec<Seen>,
    rendered: Vec<(String, Rendered)>,
}

impl KeptHistory {
    /// `seen`, the history of the feed file just written (`feed`), and
    /// where its entries' renderings are in it.
    pub(crate) fn new(feed: FileHash, seen: Vec<Seen>, rendered: Vec<(String, Rendered)>) -> Self {
        KeptHistory { feed: feed.0, seen, rendered }
    }

    pub(super) fn to_bytes(&self, key: &Key) -> anyhow::Result<Vec<u8>> {
        let file = HistoryFile {
            key: Cow::Borrowed(key),
            feed: self.feed,
            seen: Cow::Borrowed(&self.seen),
            rendered: Cow::Borrowed(&self.rendered),
        };
        Ok(postcard::to_stdvec(&file)?)
    }
}

/// The history kept in `path` for a feed file holding exactly `feed_bytes`.
pub(super) fn load_history(path: &std::path::Path, key: &Key, feed_bytes: &[u8]) -> Option<History> {
    let bytes = std::fs::read(path).ok()?;
    let file: HistoryFile<'_> = postcard::from_bytes(&bytes).ok()?;
    (*file.key == *key && file.feed == FileHash::of(feed_bytes).0)
        .then(|| History::from_cache(file.seen.into_owned(), file.rendered.into_owned()))
}

/// The entries of feeds this build checked and found without any finding,
/// by the hash of everything around them in their file (`Layout::
/// context_hash`) and then by the hash of their own bytes: the same bytes
/// in the same context need no second check. Tied to this very executable
/// (see `format_id`), whose checker gave the verdicts.
///
/// It also keeps what the check found in each feed file it wrote, by a hash
/// of the file's bytes (warnings: a feed with an error is never written),
/// so that a build leaving that file as it is reports them again.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Checked {
    pub(super) key: Key,
    feeds: std::collections::HashMap<u128, std::collections::HashSet<u128>>,
    findings: std::collections::HashMap<u128, Vec<Diagnostic>>,
}

impl Checked {
    /// The entries checked before in a file whose context hashes to `context`.
    pub(crate) fn entries(&self, context: u128) -> Option<&std::collections::HashSet<u128>> {
        self.feeds.get(&context)
    }

    /// What the check found in the feed file holding exactly `bytes`, if
    /// this cache recorded it.
    pub(crate) fn findings(&self, bytes: &[u8]) -> Option<&[Diagnostic]> {
        self.findings.get(&FileHash::of(bytes).0).map(Vec::as_slice)
    }

    /// Records what the check found in the feed file just written (`file`).
    pub(crate) fn record_findings(&mut self, file: FileHash, found: Vec<Diagnostic>) {
        self.findings.insert(file.0, found);
    }

    /// Takes the record of the file with this context out.
    pub(crate) fn take(&mut self, context: u128) -> Option<std::collections::HashSet<u128>> {
        self.feeds.remove(&context)
    }

    /// Records that a file with this context and these entries passed.
    pub(crate) fn insert(&mut self, context: u128, entries: std::collections::HashSet<u128>) {
        self.feeds.insert(context, entries);
    }
}

/// The hash the cache ties what it keeps of a feed file to: its exact
/// bytes. Worked out once per file a build writes (100,000 entries make a
/// file of hundreds of megabytes), and handed to every part that keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileHash(u128);

impl FileHash {
    pub(crate) fn of(bytes: &[u8]) -> FileHash {
        FileHash(xxhash_rust::xxh3::xxh3_128(bytes))
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
    pub(super) key: Key,
    files: Vec<FragmentFile>,
}

#[derive(Debug, Serialize, Deserialize)]
struct FragmentFile {
    name: String,
    hash: u128,
    entries: Vec<(u128, Range<usize>)>,
}

impl Fragments {
    /// Where the entries are, by key, in the file `name` now holding `bytes`
    /// (`None` unless it is byte for byte the file recorded).
    pub(crate) fn in_file(&self, name: &str, bytes: &[u8]) -> Option<HashMap<u128, Range<usize>>> {
        let file = self.files.iter().find(|f| f.name == name)?;
        (file.hash == FileHash::of(bytes).0).then(|| file.entries.iter().cloned().collect())
    }

    /// Records where the entries are in the file `name` just written (`file`).
    pub(crate) fn record(&mut self, name: &str, file: FileHash, entries: Vec<(u128, Range<usize>)>) {
        self.files.push(FragmentFile { name: name.to_owned(), hash: file.0, entries });
    }
}

/// The key `Fragments` keeps for an entry: a hash of its whole value.
pub(crate) fn entry_key(entry: &Entry) -> u128 {
    xxhash_rust::xxh3::xxh3_128(&postcard::to_stdvec(entry).unwrap_or_default())
}

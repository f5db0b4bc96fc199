//! The articles as the last build resolved them: a table (path, stamp and
//! record length of every article, sorted by path) followed by one
//! postcard record per article.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Key, SETTLE, Stamp, now_ns};
use crate::diagnostic::Diagnostic;
use crate::model::normalize::Pending;

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
/// source, so nothing rendered from it is reused. `settings` is
/// `settings_key` of the settings: they shape the rendering too (content
/// or summary only, the site's URL), not only the record.
pub(crate) fn source_of(settings: u64, record: &[u8], stamp: Option<Stamp>) -> Option<u128> {
    let stamp = stamp.filter(|s| s.modified_ns.saturating_add(SETTLE.as_nanos()) < now_ns())?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&settings.to_le_bytes());
    hasher.update(&stamp.len.to_le_bytes());
    hasher.update(&stamp.modified_ns.to_le_bytes());
    hasher.update(record);
    Some(hasher.digest128())
}

/// A cache record's values, if the bytes are sound.
pub(crate) fn decode(bytes: &[u8]) -> Option<(Pending, Vec<Diagnostic>)> {
    postcard::from_bytes(bytes).ok()
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
    key: Cow<'a, Key>,
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
    /// The cache in `bytes`, if it is sound and written under `key`.
    pub(super) fn from_bytes(bytes: Vec<u8>, key: &Key) -> Option<Articles> {
        let (head, records) = postcard::take_from_bytes::<ArticlesHead<'_>>(&bytes).ok()?;
        if *head.key != *key {
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

/// The articles file for `articles`, sorted by path.
pub(super) fn articles_file(key: &Key, written_ns: u128, articles: &[Record<'_>]) -> anyhow::Result<Vec<u8>> {
    let rows = articles.iter().map(|a| Row { path: a.path.clone(), stamp: a.stamp, len: a.bytes.len() }).collect();
    let head = ArticlesHead { key: Cow::Borrowed(key), written_ns, rows };
    let mut file = postcard::to_stdvec(&head)?;
    file.reserve(articles.iter().map(|a| a.bytes.len()).sum());
    for article in articles {
        file.extend_from_slice(&article.bytes);
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_records_come_back_only_for_unchanged_files_and_sound_bytes() {
        let stamp = |len| Stamp { len, modified_ns: 1_000_000_000 };
        let record = |path: &str, len, bytes: &'static [u8]| Record {
            path: path.into(),
            stamp: stamp(len),
            bytes: Cow::Borrowed(bytes),
        };
        let records = [record("a.md", 1, b"first"), record("b.md", 2, b""), record("c.md", 3, b"third")];
        let key = |settings| Key { format: "f".into(), settings };
        let file = articles_file(&key(7), 10_000_000_000, &records).unwrap();
        let cache = Articles::from_bytes(file.clone(), &key(7)).unwrap();
        assert_eq!(cache.get(Path::new("a.md"), stamp(1)), Some(&b"first"[..]));
        assert_eq!(cache.get(Path::new("b.md"), stamp(2)), Some(&b""[..]));
        assert_eq!(cache.get(Path::new("c.md"), stamp(3)), Some(&b"third"[..]));
        assert_eq!(cache.get(Path::new("c.md"), stamp(4)), None);
        assert_eq!(cache.get(Path::new("d.md"), stamp(3)), None);
        // Other settings, or records cut short: no cache at all.
        assert!(Articles::from_bytes(file.clone(), &key(8)).is_none());
        assert!(Articles::from_bytes(file[..file.len() - 1].to_vec(), &key(7)).is_none());
        // Garbage in a record is not an article.
        assert_eq!(decode(b"third"), None);
    }
}

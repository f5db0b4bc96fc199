//! What earlier builds left for this one: the feed files already
//! published, and what the cache keeps of them (the history of their
//! entries, where each entry's rendering and bytes are in them), read
//! before the build and kept after it.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::PathBuf;

use rayon::prelude::*;

use super::made::{Made, Origin};
use crate::cache;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::format::Format;
use crate::model::history::{History, PublishedContent, Rendered, Seen};
use crate::model::{Entry, Published};

/// A feed file already in the output folder, and its entries if readable.
pub(super) struct OnDisk {
    pub(super) format: Format,
    pub(super) bytes: Vec<u8>,
    pub(super) entries: Option<Vec<Published>>,
}

/// Reads the feed files already in the output folder (parsed later, and
/// only if needed).
pub(super) fn read_feeds_on_disk(settings: &Settings) -> Vec<OnDisk> {
    settings
        .feeds
        .formats
        .par_iter()
        .filter_map(|&format| {
            let bytes = std::fs::read(settings.out_dir.join(format.file_name())).ok()?;
            Some(OnDisk { format, bytes, entries: None })
        })
        .collect()
}

/// What readers have seen: kept by the cache for the exact bytes of the
/// feed file the last build wrote, or else parsed from the published file
/// that tells the most about its entries. The history takes the parsed
/// entries rather than a copy (they hold every entry's content); a change
/// report that needs them parses again. The others are parsed only if
/// their bytes change.
pub(super) fn history_of(
    settings: &Settings,
    cache: &cache::BuildCache,
    found: &mut [OnDisk],
    diagnostics: &mut Diagnostics,
) -> History {
    // Only a format whose history `Format::seen` knows is kept: JSON Feed,
    // the one parsed first anyway.
    let first = Format::MOST_FAITHFUL_FIRST[0];
    if let Some(feed) = found.iter().find(|d| d.format == first)
        && let Some(history) = cache.history(&feed.bytes)
    {
        return history.with_published(FeedContent::of(settings, first));
    }
    for format in Format::MOST_FAITHFUL_FIRST {
        let Some(feed) = found.iter_mut().find(|d| d.format == format) else { continue };
        match feed.parse() {
            Ok(()) => {
                let history = History::new(feed.entries.take().unwrap_or_default());
                return history.with_published(FeedContent::of(settings, format));
            }
            Err(why) => {
                let path = settings.out_dir.join(format.file_name());
                diagnostics.push(
                    Diagnostic::warning(
                        Some(Location::file(settings.display_path(&path))),
                        format!("the published feed cannot be read ({why}); it will be replaced"),
                    )
                    .with_hint("entry ids and dates are carried over from the published feeds when they can be read")
                    .with_code("unreadable-feed"),
                );
            }
        }
    }
    History::default()
}

/// The published feed file a history was read from, for reading back the
/// content of the entries it keeps only as hashes: only the entry's item
/// when the cache knows where it is, else the whole file, parsed again.
/// Asked only when articles may have been renamed, for a few entries; the
/// history checks what it gets against the hashes it keeps, so a file
/// changed in between gives no content rather than a wrong one.
struct FeedContent {
    format: Format,
    path: PathBuf,
}

impl FeedContent {
    fn of(settings: &Settings, format: Format) -> Box<dyn PublishedContent> {
        Box::new(FeedContent { format, path: settings.out_dir.join(format.file_name()) })
    }

    /// The bytes at `item` in the file, if it has them.
    fn item(&self, file: &mut std::fs::File, item: &Range<usize>) -> Option<Vec<u8>> {
        let end = u64::try_from(item.end).ok()?;
        if end > file.metadata().ok()?.len() {
            return None;
        }
        let mut bytes = vec![0; item.len()];
        file.seek(SeekFrom::Start(u64::try_from(item.start).ok()?)).ok()?;
        file.read_exact(&mut bytes).ok()?;
        Some(bytes)
    }
}

impl PublishedContent for FeedContent {
    fn read(&self, wanted: &[(&str, Option<Range<usize>>)]) -> HashMap<String, String> {
        let mut found = HashMap::new();
        let mut missing = HashSet::new();
        let mut file = std::fs::File::open(&self.path).ok();
        for (id, item) in wanted {
            let content = match (item, &mut file) {
                (Some(item), Some(file)) if self.format == Format::Json => self
                    .item(file, item)
                    .and_then(|bytes| crate::format::json_rendering(&bytes))
                    .and_then(|(_, content)| content),
                _ => None,
            };
            match content {
                Some(content) => {
                    found.insert((*id).to_owned(), content);
                }
                None => {
                    missing.insert(*id);
                }
            }
        }
        if !missing.is_empty() {
            let entries = std::fs::read(&self.path).ok().and_then(|bytes| self.format.read(&bytes).ok());
            for entry in entries.unwrap_or_default() {
                if let Some(content) = entry.content.filter(|_| missing.contains(entry.id.as_str())) {
                    found.insert(entry.id, content);
                }
            }
        }
        found
    }
}

impl OnDisk {
    pub(super) fn parse(&mut self) -> Result<(), String> {
        if self.entries.is_none() {
            self.entries = Some(self.format.read(&self.bytes)?);
        }
        Ok(())
    }
}

/// What the last build wrote in `format` for each of the entries whose
/// keys are `keys` (see `cache::Fragments`), where the file on disk is
/// still the one it wrote.
pub(super) fn entry_bytes<'d>(
    format: Format,
    on_disk: &'d [OnDisk],
    fragments: &cache::Fragments,
    keys: &[u128],
) -> Vec<Option<&'d [u8]>> {
    let Some(disk) = on_disk.iter().find(|d| d.format == format) else { return Vec::new() };
    let Some(at) = fragments.in_file(format.file_name(), &disk.bytes) else { return Vec::new() };
    keys.iter().map(|key| at.get(key).and_then(|range| disk.bytes.get(range.clone()))).collect()
}

/// What the history needs of the feed just written, for the next build
/// (see `history_of`); `hashes` are the files' (see `cache::FileHash`).
pub(super) fn kept_history(
    made: &[Made],
    hashes: &[cache::FileHash],
    entries: &[Entry],
    origins: &[Origin],
) -> Option<cache::KeptHistory> {
    let first = Format::MOST_FAITHFUL_FIRST[0];
    let (made, &hash) = made.iter().zip(hashes).find(|(made, _)| made.format == first)?;
    let seen: Vec<Seen> = entries.iter().filter_map(|entry| first.seen(entry)).collect();
    let items = made.layout.as_ref().map(|layout| layout.entries.as_slice()).unwrap_or_default();
    let rendered: Vec<(String, Rendered)> = entries
        .iter()
        .zip(origins)
        .zip(items)
        .filter_map(|((entry, origin), item)| {
            let rendered = Rendered { source: origin.source?, item: item.clone(), clean: origin.clean.is_some() };
            Some((entry.id.clone(), rendered))
        })
        .collect();
    Some(cache::KeptHistory::new(hash, seen, rendered))
}

/// Where each entry's bytes are in the files just written (whose hashes
/// are `hashes`), for the next build (see `cache::Fragments`).
pub(super) fn kept_fragments(made: &[Made], hashes: &[cache::FileHash], keys: &[u128]) -> cache::Fragments {
    let mut fragments = cache::Fragments::default();
    for (made, &hash) in made.iter().zip(hashes) {
        if let Some(layout) = &made.layout {
            let entries = keys.iter().copied().zip(layout.entries.iter().cloned()).collect();
            fragments.record(made.format.file_name(), hash, entries);
        }
    }
    fragments
}

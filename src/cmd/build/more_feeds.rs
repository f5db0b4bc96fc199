//! The feed documents beyond the main feeds: one feed per tag, author or
//! category (`[feeds] by`) and the RFC 5005 archive pages (`archives`), in
//! every configured format.
//!
//! Planned on the articles before anything is rendered, so that only the
//! entries some document holds are rendered; made after the main feeds
//! from the same rendered entries, each entry's bytes written once per
//! format and reused in every document holding it; then checked, compared
//! and written with the main feeds.
//!
//! The oldest archive pages are full and, in a site that only grows, never
//! change: a page the last build wrote that would come out the same again
//! is left as it is on disk, its entries not even rendered (see
//! `Plan::freeze`), so one more article costs what its own pages cost.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use url::Url;

use super::made::{Made, Origin};
use crate::cache::{self, BuildCache, PageEntry};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Location};
use crate::format::{Format, Kind, Listed, Written, index_page, opml, stylesheet};
use crate::model::groups::{self, Group, Grouping};
use crate::model::history::History;
use crate::model::normalize::Pending;
use crate::model::{Entry, Feed, FeedLinks, FeedMeta};
use crate::output::OutputFile;

/// The folder holding the archive pages, one folder per page.
const ARCHIVE: &str = "archive";

/// The file that makes RSS and Atom readable in a browser.
const STYLESHEET: &str = stylesheet::FILE_NAME;

/// The index page's name in the output folder.
const INDEX_PAGE: &str = "index.html";

/// How many of the newest entries the index page shows.
const INDEX_ENTRIES: usize = 10;

/// Which documents there are beyond the main feeds, and which entries each
/// holds: indexes into the published entries, newest first.
pub(super) struct Plan {
    groups: Vec<Group>,
    /// Page 1 (the oldest entries) first.
    pages: Vec<Range<usize>>,
    /// How many entries the main feeds hold.
    main: usize,
    /// Pages 1 to `frozen.len()` are left as the last build wrote them
    /// (see `freeze`): what it recorded of each.
    frozen: Vec<cache::Page>,
}

/// The documents beyond the main feeds, and, per format, the document of
/// every entry they hold that the main feeds do not (its entries are
/// checked there once; see `more_check`).
#[derive(Default)]
pub(super) struct Extras {
    pub(super) documents: Vec<Extra>,
    pub(super) rest: Vec<(Format, Written)>,
}

/// One document beyond the main feeds, made in one format.
pub(super) struct Extra {
    pub(super) listed: Listed,
    /// Its file; for a page left as it is (`frozen`), only its path, the
    /// bytes being on disk already.
    pub(super) made: Made,
    pub(super) frozen: bool,
}

impl Plan {
    pub(super) fn new(settings: &Settings, published: &[Pending]) -> Plan {
        let limit = settings.feeds.limit.take();
        let main = limit.min(published.len());
        let mut all = Vec::new();
        for &by in &settings.feeds.by {
            let names = published.iter().map(|pending| -> Vec<&str> {
                match by {
                    Grouping::Tags => pending.tags.iter().map(String::as_str).collect(),
                    Grouping::Authors => pending.authors.iter().map(|a| a.name.as_str()).collect(),
                    Grouping::Categories => pending.categories.iter().map(String::as_str).collect(),
                }
            });
            all.extend(groups::groups(by, names, limit));
        }
        let pages =
            if settings.feeds.archives { groups::archive_pages(published.len(), main, limit) } else { Vec::new() };
        Plan { groups: all, pages, main, frozen: Vec::new() }
    }

    /// Leaves the oldest archive pages as the last build wrote them when
    /// they would come out the same bytes: page 1 and each next one for as
    /// long as the page has a newer page after it now and had then (so its
    /// links are the same), holds the same entries (ids) from the same
    /// renderings (cache records) none of which readers have seen in the
    /// main feeds (whose `updated` the history could move), and its files
    /// are on disk as that build left them. Settings and this executable
    /// are the same, or the cache would not be read at all.
    ///
    /// Only a prefix of pages, the oldest entries: every entry rendered
    /// comes before every frozen one in feed order, so leaving them out
    /// changes no rendered entry's `updated` (see `distinct_updated`), and
    /// theirs are worked out again before anything is written (`verify`).
    /// Not with feeds per tag, author or category, which hold the entries
    /// of every page anyway.
    pub(super) fn freeze(&mut self, settings: &Settings, published: &[Pending], history: &History, cache: &BuildCache) {
        if !self.groups.is_empty() || self.pages.len() < 2 {
            return;
        }
        let last = cache.pages();
        let newest = self.pages.len();
        let formats = &settings.feeds.formats;
        // Every candidate page's files, looked at all at once.
        let paths: Vec<PathBuf> = (1..newest)
            .flat_map(|number| formats.iter().map(move |format| page_path(settings, number).join(format.file_name())))
            .collect();
        let as_left = cache.outputs_as_left(&paths.iter().map(PathBuf::as_path).collect::<Vec<_>>());
        let mut frozen = Vec::new();
        for ((at, page), as_left) in self.pages.iter().enumerate().take(newest - 1).zip(as_left.chunks(formats.len())) {
            let Some(record) = last.page(at + 1) else { break };
            let same = record.followed
                && record.entries.len() == page.len()
                && page.clone().zip(&record.entries).all(|(index, entry)| {
                    let pending = &published[index];
                    pending.id == entry.id && pending.source == Some(entry.source) && !history.has_seen(&pending.id)
                });
            if !same || !as_left.iter().all(|&left| left) {
                break;
            }
            frozen.push(record.clone());
        }
        super::verbose::frozen(frozen.len(), frozen.iter().map(|page| page.entries.len()).sum());
        self.frozen = frozen;
    }

    /// Whether the frozen pages' entries (`others`, what `keep_needed`
    /// gave back: with no feed per tag, exactly theirs, in feed order) get
    /// the `updated` the last build wrote, as `distinct_updated` would move
    /// them after the entries rendered (`taken`, their `updated` as
    /// settled). If not (an article newer than them took one of their
    /// dates), the build starts again without freezing any page.
    pub(super) fn verify(
        &self,
        taken: impl Iterator<Item = chrono::DateTime<chrono::FixedOffset>>,
        others: &[Pending],
    ) -> bool {
        if self.frozen.is_empty() {
            return true;
        }
        let mut taken: HashSet<_> = taken.collect();
        let recorded = self.frozen.iter().rev().flat_map(|page| &page.entries);
        let count: usize = self.frozen.iter().map(|page| page.entries.len()).sum();
        count == others.len()
            && recorded.zip(others).all(|(entry, pending)| {
                let mut updated = pending.updated;
                while !taken.insert(updated) {
                    updated += chrono::Duration::seconds(1);
                }
                pending.id == entry.id && PageEntry::date(&updated) == entry.updated
            })
    }

    /// What the next build needs to know of the archive pages (see
    /// `freeze`): the frozen ones as recorded, the others from the entries
    /// rendered (`entries` and `origins`: the main feed's, then the rest,
    /// in the plan's numbering). A page holding an entry whose rendering
    /// depended on other articles gets a record that never matches.
    pub(super) fn page_records(&self, entries: &[&Entry], origins: &[Origin]) -> Option<cache::Pages> {
        if self.pages.is_empty() {
            return None;
        }
        let newest = self.pages.len();
        let records = self.pages.iter().enumerate().map(|(at, page)| match self.frozen.get(at) {
            Some(record) => record.clone(),
            None => {
                let entries = page
                    .clone()
                    .map(|index| {
                        let (entry, origin) = (entries.get(index)?, origins.get(index)?);
                        let updated = PageEntry::date(&entry.updated);
                        Some(PageEntry { id: entry.id.clone(), source: origin.source?, updated })
                    })
                    .collect::<Option<Vec<_>>>()
                    .unwrap_or_default();
                cache::Page { followed: at + 1 < newest, entries }
            }
        });
        Some(cache::Pages::new(records.collect()))
    }

    /// How many entries the main feeds hold.
    pub(super) fn main(&self) -> usize {
        self.main
    }

    /// Leaves in `published` only the entries some feed holds (the main
    /// feeds' first, in the same order), numbers the plan's entries to
    /// match, and gives back the others.
    pub(super) fn keep_needed(&mut self, published: &mut Vec<Pending>) -> Vec<Pending> {
        let mut needed = vec![false; published.len()];
        needed[..self.main].fill(true);
        for group in &self.groups {
            for &member in &group.members {
                needed[member] = true;
            }
        }
        for page in &self.pages[self.frozen.len()..] {
            needed[page.clone()].fill(true);
        }
        // What each needed entry's index becomes once the others are gone.
        let mut renumbered = Vec::with_capacity(needed.len());
        let mut next = 0;
        for &is_needed in &needed {
            renumbered.push(next);
            next += usize::from(is_needed);
        }
        for group in &mut self.groups {
            for member in &mut group.members {
                *member = renumbered[*member];
            }
        }
        let frozen = self.frozen.len();
        for (at, page) in self.pages.iter_mut().enumerate() {
            // Every entry of a page is needed (a frozen page's none): its
            // range stays whole.
            *page = if at < frozen { 0..0 } else { renumbered[page.start]..renumbered[page.start] + page.len() };
        }
        let (mut kept, mut others) = (Vec::with_capacity(next), Vec::new());
        for (pending, is_needed) in std::mem::take(published).into_iter().zip(needed) {
            if is_needed { kept.push(pending) } else { others.push(pending) }
        }
        *published = kept;
        others
    }

    /// What the main feeds link to: the hub, the newest archive page, the
    /// stylesheet.
    pub(super) fn main_links(&self, settings: &Settings) -> FeedLinks {
        FeedLinks {
            hub: settings.feeds.hub.clone(),
            prev_archive: (!self.pages.is_empty()).then(|| page_folder(settings, self.pages.len())),
            stylesheet: settings.feeds.stylesheet.then(|| STYLESHEET.to_owned()),
            ..FeedLinks::default()
        }
    }

    /// Every document of the plan in every format. `main` is the main
    /// feed, `rest` the other entries rendered (in the plan's numbering,
    /// after the main feed's), `main_made` the main feed's files, whose
    /// entries' bytes are reused.
    pub(super) fn make(&self, settings: &Settings, main: &Feed, rest: Vec<Entry>, main_made: &[Made]) -> Extras {
        if self.groups.is_empty() && self.pages.is_empty() {
            return Extras::default();
        }
        let rest = Feed { meta: main.meta.clone(), entries: rest };
        let documents = self.documents(settings, main);
        let entry_at = |index: usize| match index.checked_sub(main.entries.len()) {
            None => &main.entries[index],
            Some(index) => &rest.entries[index],
        };
        let formats = &settings.feeds.formats;
        // Each entry's bytes in each format: the main feed's as written,
        // the others written once here (a document of them all).
        let rest_written: Vec<Written> =
            formats.par_iter().map(|format| format.write(&rest, &settings.feeds.url, &[])).collect();
        let bytes_of = |at: usize, index: usize| -> Option<&[u8]> {
            let (file, layout, index) = match index.checked_sub(main.entries.len()) {
                None => {
                    let made = main_made.iter().find(|made| made.format == formats[at])?;
                    (&made.file.bytes, made.layout.as_ref(), index)
                }
                Some(index) => (&rest_written[at].bytes, rest_written[at].layout.as_ref(), index),
            };
            Some(&file[layout?.entries.get(index)?.clone()])
        };
        // Each document in every format. Its feed holds copies of its
        // entries, made when it is written and dropped after: only the
        // documents being written hold copies (a feed per tag copies an
        // entry once per tag; 100,000 archived entries would be copied
        // whole).
        let made: Vec<Vec<Extra>> = documents
            .par_iter()
            .map(|document| {
                let feed = (!document.frozen).then(|| {
                    let entries: Vec<Entry> = document.members.iter().map(|&i| entry_at(i).clone()).collect();
                    Feed { meta: document.meta(&entries), entries }
                });
                let made = formats.iter().enumerate().map(|(at, &format)| {
                    let self_url = document.folder.join(format.file_name()).expect("a file name joins a folder URL");
                    let path = document.path.iter().fold(settings.out_dir.clone(), |path, part| path.join(part));
                    let path = path.join(format.file_name());
                    let written = feed.as_ref().map(|feed| {
                        let earlier: Vec<Option<&[u8]>> = document.members.iter().map(|&i| bytes_of(at, i)).collect();
                        format.write(feed, &self_url, &earlier)
                    });
                    let listed = Listed {
                        title: document.kind.title(&settings.site.title),
                        format,
                        url: self_url,
                        html_url: document.meta.home_url.clone(),
                        path: format!("{}/{}", document.path.join("/"), format.file_name()),
                        kind: document.kind.clone(),
                    };
                    let frozen = written.is_none();
                    let (bytes, layout) = written.map(|w| (w.bytes, w.layout)).unwrap_or_default();
                    Extra { listed, made: Made { format, file: OutputFile { path, bytes }, layout }, frozen }
                });
                made.collect()
            })
            .collect();
        // Format by format, each in the plan's order, as `feeds.opml` lists them.
        let mut extras = Extras::default();
        let mut per_document: Vec<std::vec::IntoIter<Extra>> = made.into_iter().map(Vec::into_iter).collect();
        for _ in formats {
            extras.documents.extend(per_document.iter_mut().filter_map(Iterator::next));
        }
        if !rest.entries.is_empty() {
            extras.rest = formats.iter().copied().zip(rest_written).collect();
        }
        extras
    }

    /// The documents of the plan, whatever the format.
    fn documents(&self, settings: &Settings, main: &Feed) -> Vec<Document> {
        let site = &settings.site;
        let stylesheet = settings.feeds.stylesheet.then(|| format!("../../{STYLESHEET}"));
        let mut documents = Vec::with_capacity(self.groups.len() + self.pages.len());
        for group in &self.groups {
            let path = vec![group.by.folder().to_owned(), group.slug.clone()];
            let folder = folder_url(settings, &path);
            let meta = FeedMeta {
                title: format!("{} — {}: {}", site.title, group.by.label(), group.name),
                id: folder.to_string(),
                links: FeedLinks {
                    hub: settings.feeds.hub.clone(),
                    stylesheet: stylesheet.clone(),
                    ..FeedLinks::default()
                },
                ..main.meta.clone()
            };
            let kind = match group.by {
                Grouping::Tags => Kind::Tag(group.name.clone()),
                Grouping::Authors => Kind::Author(group.name.clone()),
                Grouping::Categories => Kind::Category(group.name.clone()),
            };
            documents.push(Document { members: group.members.clone(), meta, folder, path, kind, frozen: false });
        }
        let count = self.pages.len();
        for (at, page) in self.pages.iter().enumerate() {
            let number = at + 1;
            let links = FeedLinks {
                archive: true,
                current: Some(settings.feeds.url.clone()),
                prev_archive: (number > 1).then(|| page_folder(settings, number - 1)),
                // The newest page's next document is the current one: every
                // page links both ways, as the W3C validator wants of an
                // archive (`ArchiveIncomplete`), also when it is the only one.
                next_archive: Some(if number < count {
                    page_folder(settings, number + 1)
                } else {
                    settings.feeds.url.clone()
                }),
                stylesheet: stylesheet.clone(),
                hub: None,
            };
            let path = vec![ARCHIVE.to_owned(), number.to_string()];
            let meta = FeedMeta { links, ..main.meta.clone() };
            let folder = page_folder(settings, number);
            documents.push(Document {
                members: page.clone().collect(),
                meta,
                folder,
                path,
                kind: Kind::Archive(number),
                frozen: at < self.frozen.len(),
            });
        }
        documents
    }
}

/// One document of the plan, before it is written in each format.
struct Document {
    /// Its entries, newest first.
    members: Vec<usize>,
    /// Its values; `updated` is set from its entries.
    meta: FeedMeta,
    /// The folder URL its files are served at.
    folder: Url,
    /// Its folder under the output folder, one name per level.
    path: Vec<String>,
    kind: Kind,
    /// An archive page left as the last build wrote it (see `Plan::freeze`).
    frozen: bool,
}

impl Document {
    /// The values of the document holding `entries`: its date is its
    /// newest entry's, so a full archive page keeps its bytes.
    fn meta(&self, entries: &[Entry]) -> FeedMeta {
        let updated = entries.iter().map(|e| e.updated).max().unwrap_or(self.meta.updated);
        FeedMeta { updated, ..self.meta.clone() }
    }
}

fn folder_url(settings: &Settings, path: &[String]) -> Url {
    let relative: String = path.iter().map(|part| format!("{part}/")).collect();
    settings.feeds.url.join(&relative).expect("slugs and numbers join a folder URL")
}

/// Where archive page `number`'s files are.
fn page_path(settings: &Settings, number: usize) -> PathBuf {
    settings.out_dir.join(ARCHIVE).join(number.to_string())
}

fn page_folder(settings: &Settings, number: usize) -> Url {
    folder_url(settings, &[ARCHIVE.to_owned(), number.to_string()])
}

/// The files that go with the feeds: `feeds.opml` listing every feed
/// written (main feeds first), `index.html` showing them and the newest
/// entries, and the stylesheet that makes RSS and Atom readable in a
/// browser.
pub(super) fn companions(settings: &Settings, main: &Feed, extras: &[Extra]) -> Vec<OutputFile> {
    let site = &settings.site;
    let main_listed = settings.feeds.formats.iter().map(|&format| Listed {
        title: site.title.clone(),
        format,
        url: settings.feeds.url.join(format.file_name()).expect("a file name joins a folder URL"),
        html_url: site.url.clone(),
        path: format.file_name().to_owned(),
        kind: Kind::Main,
    });
    let listed: Vec<Listed> = main_listed.chain(extras.iter().map(|extra| extra.listed.clone())).collect();
    let at = |name: &str| settings.out_dir.join(name);
    let opml = opml::write(&site.title, &site.url, &listed, Some(main.meta.updated));
    let index_site = index_page::IndexSite {
        title: site.title.clone(),
        description: site.description.clone(),
        language: site.language.clone(),
        home_url: site.url.clone(),
    };
    let latest: Vec<&Entry> = main.entries.iter().take(INDEX_ENTRIES).collect();
    let stylesheet_href = settings.feeds.stylesheet.then_some(STYLESHEET);
    let index = index_page::write(&index_site, &listed, &latest, stylesheet_href);
    let mut files =
        vec![OutputFile { path: at(opml::FILE_NAME), bytes: opml }, OutputFile { path: at(INDEX_PAGE), bytes: index }];
    if settings.feeds.stylesheet {
        files.push(OutputFile { path: at(STYLESHEET), bytes: stylesheet::CSS.as_bytes().to_vec() });
    }
    files
}

/// The most bytes a feed file should hold: the W3C Feed Validation
/// Service refuses longer ones, and many readers stop before.
const LARGEST_FEED: usize = 5_000_000;

/// A warning for a feed file too large for many readers.
pub(super) fn too_large(settings: &Settings, file: &OutputFile) -> Option<Diagnostic> {
    let size = file.bytes.len();
    (size > LARGEST_FEED).then(|| {
        let shown = settings.display_path(&file.path);
        let megabytes = size as f64 / 1_000_000.0;
        let hint = if settings.feeds.archives {
            "lower `entries` under `[feeds]`: the archive pages hold the older entries"
        } else {
            "set `archives = true` under `[feeds]` (the main feeds keep the newest `entries`, archive pages hold the rest), or lower `entries`"
        };
        Diagnostic::warning(
            Some(Location::file(shown.clone())),
            format!("`{shown}` is {megabytes:.1} MB: many feed readers and the W3C Feed Validation Service refuse feeds over 5 MB"),
        )
        .with_hint(hint)
        .with_code("feed-too-large")
    })
}

/// Feed files an earlier build wrote beyond the main feeds that this one
/// does not write (a tag no article has any more, archives turned off):
/// the output folder holds what `feeds.opml` lists and nothing else.
pub(super) fn leftovers(settings: &Settings, extras: &[Extra]) -> Vec<PathBuf> {
    let written: HashSet<&Path> = extras.iter().map(|extra| extra.made.file.path.as_path()).collect();
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.file_name()).collect();
    let mut found = Vec::new();
    for folder in [Grouping::Tags.folder(), Grouping::Authors.folder(), Grouping::Categories.folder(), ARCHIVE] {
        let Ok(subfolders) = std::fs::read_dir(settings.out_dir.join(folder)) else { continue };
        for subfolder in subfolders.flatten() {
            for name in &names {
                let path = subfolder.path().join(name);
                if !written.contains(path.as_path()) && path.is_file() {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    found
}

/// Removes the files `leftovers` found, and the folders they leave empty.
pub(super) fn remove(files: &[PathBuf]) -> std::io::Result<()> {
    for file in files {
        std::fs::remove_file(file)?;
        // Only an empty folder goes (`tags/x/`, then `tags/`): anything
        // else someone put there stays.
        if let Some(folder) = file.parent()
            && std::fs::remove_dir(folder).is_ok()
            && let Some(parent) = folder.parent()
        {
            let _ = std::fs::remove_dir(parent);
        }
    }
    Ok(())
}

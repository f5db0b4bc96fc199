//! Every article of a site, read, checked and resolved, each with its
//! status: published, draft, or waiting for its date. Shared by `build` and
//! `list`; reports every problem of every article at once.

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::cache::{self, Articles, Record, Stamp, Stamped};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::normalize::{Body, InFile, Pending, normalize};
use crate::source;

/// Whether an article is in the feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Published,
    Draft,
    /// Dated after the build time; published by a build after its date.
    Future,
    /// Its `expiryDate` is at or before the build time: it left the feeds.
    Expired,
}

impl Status {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Status::Published => "published",
            Status::Draft => "draft",
            Status::Future => "future",
            Status::Expired => "expired",
        }
    }
}

/// The site's articles, sorted newest first (ties in id order).
#[derive(Debug, Default)]
pub(crate) struct Catalog<'c> {
    pub(crate) articles: Vec<(Status, Pending)>,
    /// Warnings, and errors if any article is bad.
    pub(crate) diagnostics: Diagnostics,
    /// Every good article with its file's stamp, for the next build's cache:
    /// borrowed from this build's cache when it came from there.
    pub(crate) for_cache: Vec<Record<'c>>,
    /// How many articles were read from their files (the rest came from the
    /// cache).
    pub(crate) read: usize,
    /// Every article file that could be stamped, in `discover`'s order, for
    /// the next build's cache index.
    pub(crate) stamped: Vec<Stamped>,
}

/// The article files of a site, each with its stamp (size and mtime) once
/// `stamp` has run.
#[derive(Debug)]
pub(crate) struct Discovered {
    pub(crate) files: Vec<(source::SourceFile, Option<Stamp>)>,
    /// Whether `stamp` ran: without it, files are stamped as they are read.
    stamped: bool,
    pub(crate) warnings: Vec<Diagnostic>,
    /// What is in the articles folder but not an article (`build -v`).
    pub(crate) skipped: Vec<source::Skipped>,
}

impl Discovered {
    /// Finds every article file.
    pub(crate) fn find(settings: &Settings) -> Result<Discovered, Diagnostic> {
        let shown = |path: &std::path::Path| settings.display_path(path);
        let (files, warnings, skipped) = source::discover(&settings.articles_dir, &shown)?;
        let files = files.into_iter().map(|file| (file, None)).collect();
        Ok(Discovered { files, stamped: false, warnings, skipped })
    }

    /// Stamps every file (on every core: a stat each), to compare with a
    /// cache index before reading anything. A build without a cache skips
    /// this: it stamps each file from its open handle as it reads it.
    pub(crate) fn stamp(&mut self) {
        self.files.par_iter_mut().for_each(|(file, stamp)| *stamp = Stamp::of(&file.path));
        self.stamped = true;
    }

    /// The files that could be stamped (after `stamp`), for the cache index.
    pub(crate) fn stamped(&self) -> Vec<Stamped> {
        self.files.iter().filter_map(|(f, s)| Some(Stamped { path: f.path.clone(), stamp: (*s)? })).collect()
    }
}

/// How `Catalog::load` reads.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    /// Articles dated after `now` are published too.
    pub(crate) include_future: bool,
    /// Every good article's record is kept for the next build's cache.
    pub(crate) keep_records: bool,
}

impl<'c> Catalog<'c> {
    /// Reads every discovered article, taking unchanged ones from `cache`.
    /// `now` decides which are in the future.
    pub(crate) fn load(
        settings: &Settings,
        discovered: &Discovered,
        now: DateTime<FixedOffset>,
        options: Options,
        cache: Option<&'c Articles>,
    ) -> Self {
        Self::load_counted(settings, discovered, now, options, cache, &AtomicUsize::new(0))
    }

    /// `load`, adding one to `counter` per file read or taken from the
    /// cache (for `build`'s progress; an atomic, so no lock is taken).
    pub(crate) fn load_counted(
        settings: &Settings,
        discovered: &Discovered,
        now: DateTime<FixedOffset>,
        options: Options,
        cache: Option<&'c Articles>,
        counter: &AtomicUsize,
    ) -> Self {
        let Options { include_future, keep_records: for_cache } = options;
        let mut catalog = Catalog::default();
        catalog.diagnostics.extend(discovered.warnings.iter().cloned());
        let settings_key = cache::settings_key(settings);
        // Articles are independent: read them on every core, then merge in
        // file order so the result never depends on scheduling.
        let loaded: Vec<Loaded> = discovered
            .files
            .par_iter()
            .map(|(file, stamp)| {
                counter.fetch_add(1, Ordering::Relaxed);
                let stamp = match (discovered.stamped, cache) {
                    (true, _) => *stamp,
                    (false, Some(_)) => Stamp::of(&file.path),
                    (false, None) => None,
                };
                let record = cache.zip(stamp).and_then(|(cache, stamp)| cache.get(&file.path, stamp));
                // An enclosure's file of another size makes the record stale.
                let decoded = record
                    .and_then(|r| Some((r, cache::decode(r)?)))
                    .filter(|(_, (pending, _))| pending.measured.iter().all(|(path, len)| still_sized(path, *len)));
                if let Some((record, (mut pending, warnings))) = decoded {
                    pending.source = cache::source_of(settings_key, record, stamp);
                    return Loaded {
                        file,
                        stamp,
                        pending: Some(pending),
                        diagnostics: warnings,
                        record: Some(Cow::Borrowed(record)),
                        from_cache: true,
                    };
                }
                let (mut pending, diagnostics, read_stamp) = load_one(settings, file);
                let stamp = stamp.or(read_stamp);
                // Encoded here, on this core, for the next build's cache.
                let record = pending
                    .as_ref()
                    .filter(|_| for_cache && !diagnostics.iter().any(Diagnostic::is_error))
                    .map(|pending| Cow::Owned(cache::encode(pending, &diagnostics)));
                if let (Some(pending), Some(record)) = (&mut pending, &record) {
                    pending.source = cache::source_of(settings_key, record, stamp);
                }
                Loaded { file, stamp, pending, diagnostics, record, from_cache: false }
            })
            .collect();
        for loaded in loaded {
            if let Some(stamp) = loaded.stamp {
                catalog.stamped.push(Stamped { path: loaded.file.path.clone(), stamp });
            }
            if !loaded.from_cache {
                catalog.read += 1;
            }
            if let (Some(bytes), Some(stamp)) = (loaded.record, loaded.stamp) {
                catalog.for_cache.push(Record { path: loaded.file.path.clone(), stamp, bytes });
            }
            catalog.diagnostics.extend(loaded.diagnostics);
            if let Some(pending) = loaded.pending {
                if pending.updated_is_explicit && pending.updated > now + chrono::Duration::minutes(10) {
                    catalog.diagnostics.push(
                        Diagnostic::warning(
                            Some(at_line(&pending.file, pending.lines.updated)),
                            format!("`updated` {} is in the future", pending.updated.to_rfc3339()),
                        )
                        .with_code("date-in-the-future")
                        .with_hint(
                            "readers and validators distrust dates in the future: check the date and its time zone",
                        ),
                    );
                }
                if crate::model::date::is_far_future(pending.published, now) {
                    catalog.diagnostics.push(far_future(&pending));
                }
                let status = if pending.draft {
                    Status::Draft
                } else if pending.expires.is_some_and(|expires| expires <= now) {
                    Status::Expired
                } else if pending.published > now && !include_future {
                    Status::Future
                } else {
                    Status::Published
                };
                catalog.articles.push((status, pending));
            }
        }
        catalog.diagnostics.extend(duplicates(&catalog.articles));
        sort_newest_first(&mut catalog.articles, |(_, pending)| pending);
        catalog
    }
}

/// A `date` decades ahead: most likely a typo (`2062` for `2026`).
fn far_future(pending: &Pending) -> Diagnostic {
    let years = crate::model::date::FAR_FUTURE_YEARS;
    Diagnostic::warning(
        Some(at_line(&pending.file, pending.lines.date)),
        format!(
            "`date` {} is more than {years} years after this build: is the year a typo?",
            pending.published.format("%Y-%m-%d")
        ),
    )
    .with_code("far-future-date")
    .with_hint("the article is held back until that date: correct the year if it is a typo")
}

/// A file, at a line when there is one.
fn at_line(file: &str, line: Option<usize>) -> Location {
    match line {
        Some(line) => Location::at(file, line),
        None => Location::file(file),
    }
}

/// One article file, loaded or taken from the cache.
struct Loaded<'a, 'c> {
    file: &'a source::SourceFile,
    stamp: Option<Stamp>,
    pending: Option<Pending>,
    diagnostics: Vec<Diagnostic>,
    /// Its record for the next build's cache: the loaded cache's own bytes
    /// when it came from there.
    record: Option<Cow<'c, [u8]>>,
    from_cache: bool,
}

/// One article file -> its resolved values, or its problems; and its stamp
/// as read.
fn load_one(settings: &Settings, file: &source::SourceFile) -> (Option<Pending>, Vec<Diagnostic>, Option<Stamp>) {
    let (head, stamp) = match source::read_head(file) {
        Ok((head, metadata)) => (head, metadata.as_ref().and_then(Stamp::of_metadata)),
        Err(error) => return (None, vec![error], None),
    };
    let (article, mut diagnostics) = match source::article::parse(file, &head, &settings.keys) {
        Ok(parsed) => parsed,
        Err(errors) => return (None, errors, stamp),
    };
    // A page its generator never lists (Hugo `build.list: never`, Eleventy
    // `permalink: false`, …) is in none of its feeds either: a note, and
    // nothing else is asked of it (it may have no date or title).
    if let Some(excluded) = &article.front.excluded {
        diagnostics.push(
            Diagnostic::note(
                Some(Location::at(&article.file, excluded.line)),
                format!("{} leaves the page out of the site's lists: not an article of the feeds", excluded.value),
            )
            .with_hint("remove that key to publish it")
            .with_code("excluded-page"),
        );
        return (None, diagnostics, stamp);
    }
    // Bodies stay in their files until rendered: memory grows with the
    // number of articles, not with their length.
    let body = Body::InFile(InFile::new(file.clone(), &head, article.body_offset, &settings.keys));
    match normalize(article, body, &settings.site) {
        Ok((pending, notes)) => {
            // Kept with the article's warnings, in the cache too: a build
            // that takes the article from there notes the same things.
            diagnostics.extend(notes);
            (Some(pending), diagnostics, stamp)
        }
        Err(errors) => {
            diagnostics.extend(errors);
            (None, diagnostics, stamp)
        }
    }
}

/// Newest first; equal dates in id order, so ties never depend on file order.
/// Sorts positions, then moves each item once: a `Pending` is large, and a
/// merge sort of 100,000 of them spends its time copying them.
pub(crate) fn sort_newest_first<T>(items: &mut Vec<T>, pending: impl Fn(&T) -> &Pending) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (pending(&items[a]), pending(&items[b]));
        b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id))
    });
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| slots[at].take()));
}

/// Two articles must not share an id (readers would merge them) or a URL
/// (one page would hide the other), drafts included: publishing one later
/// must not break the build. Slugs may repeat where the permalink tells
/// them apart (`/{year}/{slug}/`). Both files are named.
fn duplicates(articles: &[(Status, Pending)]) -> Vec<Diagnostic> {
    // FxHash: 200,000 short keys at 100,000 articles, none chosen to collide
    // with another (a clash only costs time).
    let mut problems = Vec::new();
    let mut ids: rustc_hash::FxHashMap<&str, &str> = rustc_hash::FxHashMap::default();
    let mut urls: rustc_hash::FxHashMap<&str, &str> = rustc_hash::FxHashMap::default();
    for (_, entry) in articles {
        if let Some(first) = ids.get(entry.id.as_str()) {
            problems.push(
                Diagnostic::error(
                    Some(at_line(&entry.file, entry.lines.id.or(entry.lines.slug))),
                    format!("id `{}` is also the id of `{first}`", entry.id),
                )
                .with_code("duplicate-id")
                .with_hint("every article needs its own `id`: change or remove one of them"),
            );
        } else {
            ids.insert(&entry.id, &entry.file);
        }
        if let Some(first) = urls.get(entry.url.as_str()) {
            // The front matter's own URL (`permalink`, `url`, `path`) when it
            // gives one: that is what to change.
            let (line, hint) = match entry.lines.url {
                Some(line) => (Some(line), "give one of them another page URL in its front matter"),
                None => (entry.lines.slug, "give one of them another `slug:` in its front matter"),
            };
            problems.push(
                Diagnostic::error(
                    Some(at_line(&entry.file, line)),
                    format!("URL `{}` (slug `{}`) is also the URL of `{first}`", entry.url, entry.slug),
                )
                .with_code("duplicate-url")
                .with_hint(hint),
            );
        } else {
            urls.insert(entry.url.as_str(), &entry.file);
        }
    }
    problems
}

/// Whether the file at `path` is still `len` bytes long.
fn still_sized(path: &std::path::Path, len: u64) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == len)
}

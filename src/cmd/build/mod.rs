//! `feedwright build`: articles folder -> feed files.
//!
//! Reads and checks every article first, and writes nothing unless all of
//! them are good: a bad article fails the build with every problem listed,
//! and the feeds already published stay as they were. `--check` builds in
//! memory and compares with what is on disk instead of writing.

mod earlier;
mod locate;
mod report;
mod self_check;
mod timings;

use std::collections::HashSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::cache::{self, Held, HeldBack};
use crate::catalog::{Catalog, Discovered, Status, sort_newest_first};
use crate::check::KnownClean;
use crate::cli::BuildArgs;
use crate::config::{self, Settings};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::error::Failure;
use crate::format::{Format, Layout};
use crate::model::history::History;
use crate::model::normalize::{Lines, Pending};
use crate::model::{Entry, Feed, FeedMeta, date};
use crate::output::{self, BuildLock, Outcome, OutputFile};
use locate::Source;
use report::{FeedReport, FeedStatus, Summary};
use timings::Timings;

pub(crate) fn run(args: &BuildArgs) -> Result<(), Failure> {
    let mut summary = Summary::default();
    let outcome = build(args, &mut summary);
    // A failure prints its own diagnostics (see `lib.rs`); `--check`'s
    // stale feeds are not a failure of the build itself.
    summary.print(args, matches!(outcome, Err(ref failure) if !matches!(failure, Failure::Stale(_))));
    if let Some(format) = args.report {
        summary.print_report(format, &outcome);
    }
    outcome
}

fn build(args: &BuildArgs, summary: &mut Summary) -> Result<(), Failure> {
    let (settings, config_warnings) = config::load(&args.site, args.out.as_deref()).map_err(Failure::Config)?;
    let now = date::build_time()
        .map_err(|m| Failure::Config(vec![Diagnostic::error(None, m).with_code("invalid-source-date-epoch")]))?;
    let mut timings = Timings::start(args.timings);
    let mut discovered = Discovered::find(&settings).map_err(|d| Failure::Config(vec![d]))?;
    let output_paths: Vec<PathBuf> =
        settings.feeds.formats.iter().map(|format| settings.out_dir.join(format.file_name())).collect();
    // No article file changed, no feed file was touched, no future article
    // came due: the feeds on disk are what this build would write.
    // Without an index there is nothing to compare stamps with: files are
    // stamped as they are read.
    let index = cache::Index::load(&settings, args.include_future);
    if index.is_some() {
        discovered.stamp();
    }
    if let Some(index) = index
        && index.still_holds(&discovered.stamped(), &output_paths, now)
    {
        timings.lap("stat articles (nothing changed)");
        timings.report();
        let mut warnings = Diagnostics::default();
        warnings.extend(config_warnings);
        warnings.extend(index.last.warnings.iter().cloned());
        warnings.extend(discovered.warnings.iter().cloned());
        *summary = Summary::nothing_changed(args, &settings, &output_paths, &index.last, warnings.into_sorted());
        return deny_warnings(args, &summary.warnings).and_then(|()| stale_feeds(summary));
    }
    let cached = cache::Articles::load(&settings, args.include_future);
    let catalog = Catalog::load(&settings, &discovered, now, args.include_future, cached.as_ref(), !args.check);
    let Catalog { articles, mut diagnostics, for_cache, read: _, stamped } = catalog;
    diagnostics.extend(config_warnings);
    let mut published: Vec<Pending> = Vec::with_capacity(articles.len());
    // Not published, but theirs: a renamed article never adopts their ids.
    let mut held_ids: Vec<String> = Vec::new();
    for (status, pending) in articles {
        let held = match status {
            Status::Published => {
                published.push(pending);
                continue;
            }
            Status::Draft => Held::Draft,
            Status::Future => Held::Future,
        };
        held_ids.push(pending.id);
        summary.held_back.push(HeldBack {
            file: pending.file,
            title: pending.title,
            status: held,
            date: pending.published,
        });
    }
    if published.is_empty() && !diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::error(
                Some(Location::file(settings.display_path(&settings.articles_dir))),
                "there is no published article to build feeds from",
            )
            .with_code("no-article")
            .with_hint("add an article (drafts and future articles are not published), or point `--articles` at another folder"),
        );
    }
    if diagnostics.has_errors() {
        return Err(Failure::Input(diagnostics.into_sorted()));
    }
    // From reading the published feeds to replacing them, one build at a time.
    let _lock = if args.check {
        None
    } else {
        let shown = settings.display_path(&settings.out_dir);
        let lock = BuildLock::acquire(&settings.out_dir, || {
            eprintln!("waiting for another build to finish with `{shown}`");
        })
        .map_err(Failure::Io)?;
        lock.remove_stale_temporary_files();
        Some(lock)
    };

    timings.lap("read articles");
    let mut on_disk = earlier::read_feeds_on_disk(&settings);
    let history = earlier::history_of(&settings, &mut on_disk, &mut diagnostics);
    timings.lap("read published feeds");
    // The catalog is sorted already; an inherited id can move a tie.
    let held: Vec<&str> = held_ids.iter().map(String::as_str).collect();
    if history.inherit_ids(&mut published, &held, settings.feeds.content) {
        sort_newest_first(&mut published, |pending| pending);
    }
    summary.articles = published.len();
    let not_in_feed = published.split_off(settings.feeds.limit.take().min(published.len()));
    // Freeing 100,000 articles' values takes a while, and nothing waits for it.
    rayon::spawn(move || drop(not_in_feed));
    let published_json = on_disk.iter().find(|d| d.format == Format::Json).map(|d| d.bytes.as_slice());
    let (feed, origins) = match assemble(&settings, published, &history, published_json, now) {
        Ok((feed, origins, warnings)) => {
            diagnostics.extend(warnings);
            (feed, origins)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            return Err(Failure::Input(diagnostics.into_sorted()));
        }
    };
    summary.entries = feed.entries.len();
    timings.lap("render");

    // Entries equal to ones the last build wrote are copied from its files.
    let keys: Vec<u128> = feed.entries.par_iter().map(cache::entry_key).collect();
    let fragments_before = cache::Fragments::load(&settings);
    let made: Vec<Made> = settings
        .feeds
        .formats
        .par_iter()
        .map(|&format| {
            let earlier = earlier::entry_bytes(format, &on_disk, &fragments_before, &keys);
            let written = format.write(&feed, &self_url(&settings, format), &earlier);
            let file = OutputFile { path: settings.out_dir.join(format.file_name()), bytes: written.bytes };
            Made { format, file, layout: written.layout }
        })
        .collect();
    timings.lap("format");
    let detailed = args.check || args.report.is_some();
    summary.feeds = made
        .iter()
        .map(|made| {
            let previous = on_disk.iter_mut().find(|d| d.format == made.format);
            FeedReport::compare(&settings, made.format, &made.file, previous, &feed.entries, detailed)
        })
        .collect();

    timings.lap("compare");
    // Every feed about to replace another (or to be written for the first
    // time) must pass the same check `feedwright check` runs: a bad feed
    // never replaces a good one.
    let mut checked_before = cache::Checked::load(&settings);
    let known_clean: KnownClean = origins.iter().filter_map(|origin| origin.clean).collect();
    let sources: Vec<Source<'_>> = origins.iter().map(|o| Source { file: &o.file, lines: &o.lines }).collect();
    let (self_check, verdicts) =
        self_check::self_check(&settings, &made, &summary.feeds, known_clean, &checked_before, &sources);
    timings.lap("check");
    diagnostics.extend(self_check);
    if diagnostics.has_errors() {
        return Err(Failure::Input(diagnostics.into_sorted()));
    }
    // What this build has to say about the articles, said again by every
    // build until it is fixed (`cannot save the cache` is about this run).
    let found = diagnostics.into_sorted();
    deny_warnings(args, &found)?;
    summary.warnings = found;
    if args.check {
        timings.report();
        return stale_feeds(summary);
    }
    let outcomes = output::commit(&settings.out_dir, made.iter().map(|made| &made.file)).map_err(Failure::Io)?;
    timings.lap("write");
    let mut diagnostics = Diagnostics::default();
    earlier::keep_history(&settings, &made, &feed.entries, &origins, &mut diagnostics);
    self_check::keep_verdicts(&settings, &made, verdicts, &mut checked_before, &mut diagnostics);
    earlier::keep_fragments(&settings, &made, &keys, &mut diagnostics);
    let last = cache::LastBuild {
        articles: summary.articles,
        entries: summary.entries,
        next_due: summary.held_back.iter().filter(|held| held.status == Held::Future).map(|held| held.date).min(),
        held_back: summary.held_back.clone(),
        warnings: summary.warnings.clone(),
    };
    if let Err(err) = cache::save(&settings, args.include_future, for_cache, stamped, &output_paths, last) {
        diagnostics.push(cannot_save(&err, "read every article again"));
    }
    timings.lap("save cache");
    timings.report();
    summary.warnings.extend(diagnostics);
    for (report, outcome) in summary.feeds.iter_mut().zip(outcomes) {
        report.status = match outcome {
            Outcome::Written => FeedStatus::Written,
            Outcome::Unchanged => FeedStatus::Unchanged,
        };
    }
    Ok(())
}

/// `--deny-warnings`: any warning fails the build before anything is
/// written (notes are not warnings).
fn deny_warnings(args: &BuildArgs, found: &[Diagnostic]) -> Result<(), Failure> {
    if args.deny_warnings && found.iter().any(Diagnostic::is_warning) {
        return Err(Failure::Denied(found.to_vec()));
    }
    Ok(())
}

/// With `--check`, stale feeds fail the run (their changes are listed).
fn stale_feeds(summary: &Summary) -> Result<(), Failure> {
    match summary.stale() {
        0 => Ok(()),
        stale => Err(Failure::Stale(stale)),
    }
}

/// Renders the entries that made it into the feed, settles their `updated`
/// against what readers saw, and adds the feed-level values. The feed's date
/// is its newest entry's, never the clock's. Each entry's content HTML is
/// inspected here, once and on every core, rather than in the check of each
/// feed that carries it.
///
/// An article the last build rendered from the same cache record is not
/// rendered again: its summary and content are read back from its item in
/// the published JSON Feed (`published_json`, the very bytes that build
/// wrote; see `History::rendered`).
fn assemble(
    settings: &Settings,
    pending: Vec<Pending>,
    history: &History,
    published_json: Option<&[u8]>,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(Feed, Vec<Origin>, Vec<Diagnostic>), Vec<Diagnostic>> {
    type Rendered = (Entry, Origin, Vec<Diagnostic>);
    let rendered: Vec<Result<Rendered, Diagnostic>> = pending
        .into_par_iter()
        .map(|p| {
            let explicit = p.updated_is_explicit;
            let source = p.source;
            let (file, lines) = (p.file.clone(), p.lines);
            let earlier = history.rendered(&p.id, source).and_then(|earlier| {
                let item = published_json?.get(earlier.item.clone())?;
                Some((crate::format::json_rendering(item)?, earlier.clean))
            });
            let (mut entry, clean, warnings) = match earlier {
                Some(((summary, content_html), clean)) => {
                    let fingerprint =
                        content_html.as_deref().filter(|_| clean).map(crate::model::history::content_hash);
                    (p.into_entry(summary, content_html), fingerprint, Vec::new())
                }
                None => {
                    let (entry, warnings) = p.render(settings.feeds.content)?;
                    let fingerprint = entry.content_html.as_deref().and_then(KnownClean::fingerprint_if_clean);
                    (entry, fingerprint, warnings)
                }
            };
            if !explicit {
                history.settle_updated(&mut entry, now);
            }
            Ok((entry, Origin { source, clean, file, lines }, warnings))
        })
        .collect();
    let mut entries = Vec::with_capacity(rendered.len());
    let mut origins = Vec::with_capacity(rendered.len());
    let mut problems = Vec::new();
    for result in rendered {
        match result {
            Ok((entry, origin, warnings)) => {
                entries.push(entry);
                origins.push(origin);
                problems.extend(warnings);
            }
            Err(error) => problems.push(error),
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    let entries = distinct_updated(entries);
    let updated = entries.iter().map(|e| e.updated).max().expect("a feed is only assembled from at least one entry");
    let site = &settings.site;
    let feed = Feed {
        meta: FeedMeta {
            title: site.title.clone(),
            description: site.description.clone(),
            home_url: site.url.clone(),
            id: site.url.to_string(),
            language: site.language.clone(),
            author: site.author.clone(),
            updated,
        },
        entries,
    };
    Ok((feed, origins, problems))
}

/// Where an entry's rendering came from: its article's cache record, and
/// its content's fingerprint if that had no HTML issue.
pub(super) struct Origin {
    pub(super) source: Option<u128>,
    pub(super) clean: Option<u128>,
    /// The article, and where its values were written.
    pub(super) file: String,
    pub(super) lines: Lines,
}

/// A feed file this build made, and where its entries are in it.
pub(super) struct Made {
    pub(super) format: Format,
    pub(super) file: OutputFile,
    pub(super) layout: Option<Layout>,
}

/// Two entries with the same `updated` look like one entry edited twice to
/// some readers (and validators warn: W3C `DuplicateUpdated`), which is
/// common when articles carry only a date. Later entries in feed order move
/// forward by whole seconds until every `updated` is distinct: deterministic,
/// and stable from build to build since the moved dates are then published.
fn distinct_updated(mut entries: Vec<Entry>) -> Vec<Entry> {
    let mut taken = HashSet::new();
    for entry in &mut entries {
        while !taken.insert(entry.updated) {
            entry.updated += chrono::Duration::seconds(1);
        }
    }
    entries
}

/// The warning for a cache file that could not be saved: the next build
/// will `redo` what it would have saved.
fn cannot_save(err: &anyhow::Error, redo: &str) -> Diagnostic {
    Diagnostic::warning(None, format!("cannot save the build cache: {err:#}"))
        .with_hint(format!("the next build will {redo}; check that the site folder is writable"))
        .with_code("cannot-save-cache")
}

fn self_url(settings: &Settings, format: Format) -> url::Url {
    settings.feeds.url.join(format.file_name()).expect("a file name joins any base URL")
}

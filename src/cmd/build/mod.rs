//! `feedwright build`: articles folder -> feed files.
//!
//! Reads and checks every article first, and writes nothing unless all of
//! them are good: a bad article fails the build with every problem listed,
//! and the feeds already published stay as they were. `--check` builds in
//! memory and compares with what is on disk instead of writing.

mod earlier;
mod locate;
mod made;
mod more_check;
mod more_feeds;
mod progress;
mod report;
mod self_check;
mod timings;
mod verbose;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, FixedOffset};

use rayon::prelude::*;

use crate::cache::{self, BuildCache, Held, HeldBack, NextCache};
use crate::catalog::{self, Catalog, Discovered, Status, sort_newest_first};
use crate::check::KnownClean;
use crate::cli::BuildArgs;
use crate::config::{self, Settings};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::error::Failure;
use crate::format::Format;
use crate::model::history::History;
use crate::model::normalize::Pending;
use crate::model::{Entry, Feed, FeedMeta, date};
use crate::output::{self, BuildLock, Outcome, OutputFile};
use crate::render::template::{Context as TemplateContext, Links};
use locate::Source;
use made::{Made, Origin};
use progress::Progress;
use report::{FeedReport, FeedStatus, Summary};
use timings::Timings;

pub(crate) fn run(args: &BuildArgs) -> Result<(), Failure> {
    let mut summary = Summary::default();
    let mut outcome = match build(args, &mut summary, Freeze::Pages) {
        Ok(Err(Again)) => {
            verbose::again();
            summary = Summary::default();
            build(args, &mut summary, Freeze::Nothing).map(|_| ())
        }
        outcome => outcome.map(|_| ()),
    };
    if args.ping && outcome.is_ok() {
        outcome = ping(&summary);
    }
    // A failure prints its own diagnostics (see `lib.rs`); `--check`'s
    // stale feeds are not a failure of the build itself.
    summary.print(args, matches!(outcome, Err(ref failure) if !matches!(failure, Failure::Stale(_))));
    if let Some(format) = args.report {
        summary.print_report(format, &outcome);
    }
    outcome
}

/// Whether a build may leave archive pages as the last build wrote them
/// (see `more_feeds::Plan::freeze`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freeze {
    Pages,
    Nothing,
}

/// A build that found, once its entries were rendered, that a page it
/// meant to leave as it is would not come out the same (see
/// `more_feeds::Plan::verify`): it stopped before writing anything, and
/// starts again freezing nothing.
struct Again;

/// The stages of a build, in order (see `lib.rs`): each reads what the one
/// before it made, and any of them can stop the build before anything is
/// written.
fn build(args: &BuildArgs, summary: &mut Summary, freeze: Freeze) -> Result<Result<(), Again>, Failure> {
    let (settings, config_warnings) =
        config::load(args.site.overrides(args.out.as_deref())).map_err(Failure::Config)?;
    summary.root = Some(settings.root.clone());
    let now = date::build_time()
        .map_err(|m| Failure::Config(vec![Diagnostic::error(None, m).with_code("invalid-source-date-epoch")]))?;
    let mut timings = Timings::start(args.timings);
    let mut progress = Progress::start("finding");
    let cache = BuildCache::open(&settings, args.include_future);
    let mut discovered = Discovered::find(&settings).map_err(|d| Failure::Config(vec![d]))?;
    verbose::skipped(&discovered);
    let outputs: Vec<PathBuf> = settings.feeds.formats.iter().map(|f| settings.out_dir.join(f.file_name())).collect();
    if let Some(last) = nothing_changed(&cache, &mut discovered, &outputs, now) {
        let warnings = [config_warnings, last.warnings.clone(), discovered.warnings].concat();
        return repeat_last_build(args, &settings, &outputs, last, warnings, (timings, progress), summary).map(Ok);
    }
    let cached = cache.articles();
    progress.stage("reading", Some(discovered.files.len()));
    let articles = read_articles(args, &settings, cached.as_ref(), &discovered, now, summary, progress.counter())?;
    let Articles { mut published, held_ids, mut diagnostics, for_cache, stamped, measured, read } = articles;
    verbose::read(cache.has_index(), discovered.files.len(), read);
    diagnostics.extend(config_warnings);
    // From reading the published feeds to replacing them, one build at a time.
    let _lock = if args.check { None } else { Some(lock_output(&settings)?) };
    timings.lap("read articles");

    let mut on_disk = earlier::read_feeds_on_disk(&settings);
    let history = earlier::history_of(&settings, &cache, &mut on_disk, &mut diagnostics);
    timings.lap("read published feeds");
    // The catalog is sorted already; an inherited id can move a tie.
    let held: Vec<&str> = held_ids.iter().map(String::as_str).collect();
    // Where every published article is, for template links (`post_url`, `ref`).
    let links = Links::new(published.iter().map(|p| (p.file.as_str(), &p.url)));
    let templates = settings.template_context(&links);
    if history.inherit_ids(&mut published, &held, settings.feeds.content, &templates) {
        sort_newest_first(&mut published, |pending| pending);
    }
    summary.articles = published.len();
    let mut plan = more_feeds::Plan::new(&settings, &published);
    if freeze == Freeze::Pages {
        plan.freeze(&settings, &published, &history, &cache);
    }
    let not_in_feed = plan.keep_needed(&mut published);
    let published_json = on_disk.iter().find(|d| d.format == Format::Json).map(|d| d.bytes.as_slice());
    progress.stage("rendering", Some(published.len()));
    let reused = AtomicUsize::new(0);
    let counted = Counters { done: progress.counter(), reused: &reused };
    let shape = Shape { main: plan.main(), links: plan.main_links(&settings) };
    let assembled = assemble(&settings, published, shape, &history, published_json, now, &templates, counted);
    let (feed, rest, origins) = rendered(assembled, &mut diagnostics)?;
    if !plan.verify(feed.entries.iter().chain(&rest).map(|entry| entry.updated), &not_in_feed) {
        return Ok(Err(Again));
    }
    // Freeing 100,000 articles' values takes a while, and nothing waits for it.
    rayon::spawn(move || drop(not_in_feed));
    let pages = plan.page_records(&feed.entries.iter().chain(&rest).collect::<Vec<_>>(), &origins);
    summary.entries = feed.entries.len();
    timings.lap("render");
    verbose::rendered(reused.load(Ordering::Relaxed), summary.entries);
    progress.stage("formatting", None);

    // Entries equal to ones the last build wrote are copied from its files.
    let keys: Vec<u128> = feed.entries.par_iter().map(cache::entry_key).collect();
    let made = format_feeds(&settings, &feed, &on_disk, &cache.fragments(), &keys);
    let extras = plan.make(&settings, &feed, rest, &made);
    timings.lap("format");
    let detailed = args.check || args.report.is_some();
    summary.feeds = compare(&settings, &made, &mut on_disk, &feed.entries, detailed);
    let (extra_reports, leftovers, companions) =
        compare_extras(&settings, (&feed, &made, &extras.documents), summary, &mut diagnostics);
    timings.lap("compare");
    progress.stage("checking", None);

    // Every feed about to replace another (or to be written for the first
    // time) must pass the same check `feedwright check` runs: a bad feed
    // never replaces a good one.
    let checked_before = cache.checked();
    let reports = [summary.feeds.as_slice(), &extra_reports];
    let (verdicts, staged) = output::staged_while(to_stage(args, &settings, &made, &extras, &companions), || {
        check_feeds(&settings, &made, &extras, reports, &origins, &checked_before, &mut diagnostics)
    });
    timings.lap("check (and write the files aside)");
    if diagnostics.has_errors() {
        return Err(Failure::Input(diagnostics.into_sorted()));
    }
    // What this build has to say about the articles, said again by every
    // build until it is fixed (`cannot save the cache` is about this run).
    let found = diagnostics.into_sorted();
    deny_warnings(args, &found)?;
    summary.warnings = found;
    if args.check {
        progress.finish();
        timings.report();
        return stale_feeds(summary).map(Ok);
    }
    progress.stage("writing", None);

    let staged = staged.expect("files are staged unless `--check`").map_err(Failure::Io)?;
    write_feeds(&settings, (&made, &extras.documents), staged, &leftovers, summary)?;
    timings.lap("write");
    let more = extras.documents.iter().map(|e| &e.made.file).chain(&companions).map(|f| f.path.clone());
    let outputs: Vec<PathBuf> = outputs.into_iter().chain(more).collect();
    let next = NextCache {
        articles: for_cache,
        stamped,
        measured,
        outputs: &outputs,
        last: summary.last_build(),
        ..kept(&made, (&feed.entries, &origins, &keys), verdicts, checked_before, pages)
    };
    save_cache(&cache, next, summary);
    timings.lap("save cache");
    progress.finish();
    timings.report();
    Ok(Ok(()))
}

/// What the cache keeps of the main feeds just written (see `NextCache`),
/// each part tied to its file's hash, worked out once per file, on every
/// core.
fn kept<'c>(
    made: &[Made],
    (entries, origins, keys): (&[Entry], &[Origin], &[u128]),
    verdicts: Vec<self_check::Verdict>,
    checked_before: cache::Checked,
    pages: Option<cache::Pages>,
) -> NextCache<'c> {
    let hashes: Vec<cache::FileHash> = made.par_iter().map(|made| cache::FileHash::of(&made.file.bytes)).collect();
    let history = earlier::kept_history(made, &hashes, entries, origins);
    let checked = self_check::kept_verdicts(made.iter().zip(hashes.iter().copied()).zip(verdicts), checked_before);
    let fragments = earlier::kept_fragments(made, &hashes, keys);
    NextCache { history, checked, fragments, pages, ..NextCache::default() }
}

/// The entries `assemble` rendered, its warnings added to `diagnostics`;
/// or the build's failure, with every problem found.
fn rendered(
    assembled: Result<Assembled, Vec<Diagnostic>>,
    diagnostics: &mut Diagnostics,
) -> Result<(Feed, Vec<Entry>, Vec<Origin>), Failure> {
    match assembled {
        Ok((feed, rest, origins, warnings)) => {
            diagnostics.extend(warnings);
            Ok((feed, rest, origins))
        }
        Err(problems) => {
            diagnostics.extend(problems);
            Err(Failure::Input(std::mem::take(diagnostics).into_sorted()))
        }
    }
}

/// `--ping`: tells the WebSub hub of each feed file the build changed.
fn ping(summary: &Summary) -> Result<(), Failure> {
    let Some((hub, changed)) = &summary.ping else {
        let error = Diagnostic::error(None, "`--ping` needs a WebSub hub, and none is configured")
            .with_hint("add `hub = \"https://…/\"` (your hub's address) under `[feeds]`")
            .with_code("no-hub");
        return Err(Failure::Config(vec![error]));
    };
    if changed.is_empty() {
        verbose::no_ping();
        return Ok(());
    }
    crate::websub::publish(hub, changed).map_err(Failure::Ping)?;
    if crate::diagnostic::verbosity() != crate::diagnostic::Verbosity::Quiet {
        let plural = if changed.len() == 1 { "" } else { "s" };
        eprintln!("pinged {hub}: {} changed feed{plural} announced", changed.len());
    }
    Ok(())
}

/// A build with nothing to do: the last build's report, told again.
fn repeat_last_build(
    args: &BuildArgs,
    settings: &Settings,
    outputs: &[PathBuf],
    last: &cache::LastBuild,
    warnings: Vec<Diagnostic>,
    (mut timings, mut progress): (Timings, Progress),
    summary: &mut Summary,
) -> Result<(), Failure> {
    timings.lap("stat articles (nothing changed)");
    progress.finish();
    verbose::nothing_changed();
    timings.report();
    *summary = Summary::nothing_changed(args, settings, outputs, last, sorted(warnings));
    deny_warnings(args, &summary.warnings).and_then(|()| stale_feeds(summary))
}

/// The feeds beyond the main ones next to the files on disk, and the files
/// of earlier builds no feed is written to any more (see `more_feeds`).
/// Also warns of any feed file too large for many readers.
fn compare_extras(
    settings: &Settings,
    (feed, made, extras): (&Feed, &[Made], &[more_feeds::Extra]),
    summary: &mut Summary,
    diagnostics: &mut Diagnostics,
) -> (Vec<FeedReport>, Vec<PathBuf>, Vec<OutputFile>) {
    // (An archive page left as it is was warned about when it was written.)
    let more = extras.iter().filter(|extra| !extra.frozen).map(|extra| &extra.made.file);
    let files = made.iter().map(|made| &made.file).chain(more);
    diagnostics.extend(files.filter_map(|file| more_feeds::too_large(settings, file)));
    let reports: Vec<FeedReport> = extras.par_iter().map(|extra| FeedReport::of_extra(settings, extra)).collect();
    let leftovers = more_feeds::leftovers(settings, extras);
    summary.more = report::More::of(settings, &reports, &leftovers);
    let companions = more_feeds::companions(settings, feed, extras);
    let stale = companions.iter().filter(|file| !output::holds(file));
    summary.more.stale.extend(stale.map(|file| settings.display_path(&file.path)));
    (reports, leftovers, companions)
}

/// The self-check of the main feeds (see `self_check`) and of the others
/// (`more_check`), adding what it finds to `diagnostics`; its verdicts on
/// the main feeds.
fn check_feeds(
    settings: &Settings,
    main: &[Made],
    extras: &more_feeds::Extras,
    [main_reports, extra_reports]: [&[FeedReport]; 2],
    origins: &[Origin],
    checked_before: &cache::Checked,
    diagnostics: &mut Diagnostics,
) -> Vec<self_check::Verdict> {
    let known_clean: std::sync::Arc<KnownClean> =
        std::sync::Arc::new(origins.iter().filter_map(|origin| origin.clean).collect());
    // Findings in the main feeds' entries are shown at their articles.
    let sources: Vec<Source<'_>> = origins.iter().map(|o| Source { file: &o.file, lines: &o.lines }).collect();
    let (found, verdicts) =
        self_check::self_check(settings, main, main_reports, &known_clean, checked_before, &sources);
    diagnostics.extend(found);
    diagnostics.extend(more_check::check(settings, extras, extra_reports, &known_clean));
    verdicts
}

/// Each new feed next to the one on disk: what changed (entry by entry
/// when `detailed`).
fn compare(
    settings: &Settings,
    made: &[Made],
    on_disk: &mut [earlier::OnDisk],
    entries: &[Entry],
    detailed: bool,
) -> Vec<FeedReport> {
    made.iter()
        .map(|made| {
            let previous = on_disk.iter_mut().find(|d| d.format == made.format);
            FeedReport::compare(settings, made.format, &made.file, previous, entries, detailed)
        })
        .collect()
}

/// What the build writes aside while it checks (see `output::stage`), to
/// replace the published files only if the check passes: every file, the
/// main feeds, the others (but the archive pages left as they are), their
/// companions, in the order `write_feeds` reads their outcomes. Nothing
/// with `--check`.
fn to_stage<'f>(
    args: &BuildArgs,
    settings: &'f Settings,
    made: &'f [Made],
    extras: &'f more_feeds::Extras,
    companions: &'f [OutputFile],
) -> Option<(&'f std::path::Path, Vec<&'f OutputFile>)> {
    let more = extras.documents.iter().filter(|extra| !extra.frozen).map(|extra| &extra.made.file);
    let files = made.iter().map(|made| &made.file).chain(more);
    (!args.check).then(|| (settings.out_dir.as_path(), files.chain(companions).collect()))
}

/// Puts the staged files in place of the published ones (see
/// `output::stage`) and notes which were written and which left as they
/// were.
fn write_feeds(
    settings: &Settings,
    (made, extras): (&[Made], &[more_feeds::Extra]),
    staged: output::Staged<'_>,
    leftovers: &[PathBuf],
    summary: &mut Summary,
) -> Result<(), Failure> {
    let outcomes = staged.publish().map_err(Failure::Io)?;
    more_feeds::remove(leftovers).map_err(|err| Failure::Io(err.into()))?;
    let (main, more) = outcomes.split_at(made.len());
    // A frozen archive page was not staged: it is left as it is.
    let mut staged_more = more.iter().copied();
    let more: Vec<Outcome> = extras
        .iter()
        .map(|extra| if extra.frozen { Outcome::Unchanged } else { staged_more.next().unwrap_or(Outcome::Unchanged) })
        .collect();
    summary.more.written = more.iter().filter(|&&outcome| outcome == Outcome::Written).count();
    let written = |outcome: &&Outcome| **outcome == Outcome::Written;
    let changed = made.iter().zip(main).filter(|(_, o)| written(o)).map(|(made, _)| self_url(settings, made.format));
    let changed =
        changed.chain(extras.iter().zip(&more).filter(|(_, o)| written(o)).map(|(e, _)| e.listed.url.clone()));
    summary.ping = settings.feeds.hub.clone().map(|hub| (hub, changed.collect()));
    for (report, &outcome) in summary.feeds.iter_mut().zip(main) {
        report.status = match outcome {
            Outcome::Written => FeedStatus::Written,
            Outcome::Unchanged => {
                verbose::unchanged(&report.file);
                FeedStatus::Unchanged
            }
        };
    }
    Ok(())
}

/// Saves what the next build reuses; failing to is a warning, not a
/// failure: the feeds are written already.
fn save_cache(cache: &BuildCache, next: NextCache<'_>, summary: &mut Summary) {
    if let Err(err) = cache.save(next) {
        summary.warnings.push(
            Diagnostic::warning(None, format!("cannot save the build cache: {err:#}"))
                .with_hint("the next build will do all the work again; check that the site folder is writable")
                .with_code("cannot-save-cache"),
        );
    }
}

/// The last build's report, if no article file changed, no feed file was
/// touched and no future article came due: the feeds on disk are what this
/// build would write. Without an index there is nothing to compare stamps
/// with: files are stamped as they are read.
fn nothing_changed<'c>(
    cache: &'c BuildCache,
    discovered: &mut Discovered,
    outputs: &[PathBuf],
    now: DateTime<FixedOffset>,
) -> Option<&'c cache::LastBuild> {
    if !cache.has_index() {
        return None;
    }
    discovered.stamp();
    cache.unchanged(&discovered.stamped(), outputs, now)
}

/// The articles read, sorted out: published ones, the ids of drafts and
/// future ones (also listed in the summary), and what the cache keeps.
struct Articles<'c> {
    published: Vec<Pending>,
    held_ids: Vec<String>,
    diagnostics: Diagnostics,
    for_cache: Vec<cache::Record<'c>>,
    stamped: Vec<cache::Stamped>,
    /// The local files enclosures were measured from (`Pending::measured`).
    measured: Vec<(PathBuf, u64)>,
    /// How many article files were read (the others came from the cache).
    read: usize,
}

/// Reads every article (unchanged ones from the cache) and fails with
/// every problem found, or when none is published.
fn read_articles<'c>(
    args: &BuildArgs,
    settings: &Settings,
    cached: Option<&'c cache::Articles>,
    discovered: &Discovered,
    now: DateTime<FixedOffset>,
    summary: &mut Summary,
    counter: &AtomicUsize,
) -> Result<Articles<'c>, Failure> {
    let options = catalog::Options { include_future: args.include_future, keep_records: !args.check };
    let catalog = Catalog::load_counted(settings, discovered, now, options, cached, counter);
    let Catalog { articles, mut diagnostics, for_cache, read, stamped } = catalog;
    let measured = articles.iter().flat_map(|(_, pending)| pending.measured.iter().cloned()).collect();
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
            Status::Expired => Held::Expired,
        };
        held_ids.push(pending.id);
        let date = if held == Held::Expired { pending.expires.unwrap_or(pending.published) } else { pending.published };
        let (file, title) = (pending.file, pending.title);
        summary.held_back.push(HeldBack { file, title, status: held, date });
    }
    // The build after the first expiry to come has work to do.
    summary.next_expiry = published.iter().filter_map(|p| p.expires).min();
    if published.is_empty() && !diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::error(
                Some(Location::file(settings.display_path(&settings.articles_dir))),
                "there is no published article to build feeds from",
            )
            .with_code("no-article")
            .with_hint(no_article_hint(summary.held_back.len())),
        );
    }
    if diagnostics.has_errors() {
        return Err(Failure::Input(diagnostics.into_sorted()));
    }
    Ok(Articles { published, held_ids, diagnostics, for_cache, stamped, measured, read })
}

/// What to do when no article is published: with none at all (a new
/// site), the command that writes one; with only drafts and future ones,
/// that they are why. (An empty feed is not written: its date would have
/// to come from the clock, and the same articles must give the same bytes.)
fn no_article_hint(held_back: usize) -> String {
    let add = "`feedwright new \"My first article\" --publish`";
    if held_back == 0 {
        format!("add one with {add}, or point `--articles` at another folder")
    } else {
        let those = if held_back == 1 { "the one article is" } else { "every article is" };
        format!("{those} a draft, future or expired: publish one (remove `draft: true`), or add one with {add}")
    }
}

/// Takes the output folder's build lock (waiting for another build to
/// finish with it) and removes what a killed build left there.
fn lock_output(settings: &Settings) -> Result<BuildLock, Failure> {
    let shown = settings.display_path(&settings.out_dir);
    let lock = BuildLock::acquire(&settings.out_dir, || {
        eprintln!("waiting for another build to finish with `{shown}`");
    })
    .map_err(Failure::Io)?;
    lock.remove_stale_temporary_files();
    Ok(lock)
}

/// Each configured format's file, in parallel; entries equal to ones the
/// last build wrote are copied from the file on disk (see `earlier`).
fn format_feeds(
    settings: &Settings,
    feed: &Feed,
    on_disk: &[earlier::OnDisk],
    fragments: &cache::Fragments,
    keys: &[u128],
) -> Vec<Made> {
    settings
        .feeds
        .formats
        .par_iter()
        .map(|&format| {
            let earlier = earlier::entry_bytes(format, on_disk, fragments, keys);
            let written = format.write(feed, &self_url(settings, format), &earlier);
            let file = OutputFile { path: settings.out_dir.join(format.file_name()), bytes: written.bytes };
            Made { format, file, layout: written.layout }
        })
        .collect()
}

fn sorted(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut all = Diagnostics::default();
    all.extend(diagnostics);
    all.into_sorted()
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
#[allow(clippy::too_many_arguments)]
fn assemble(
    settings: &Settings,
    pending: Vec<Pending>,
    shape: Shape,
    history: &History,
    published_json: Option<&[u8]>,
    now: chrono::DateTime<chrono::FixedOffset>,
    templates: &TemplateContext<'_>,
    counters: Counters<'_>,
) -> Result<Assembled, Vec<Diagnostic>> {
    type Rendered = (Entry, Origin, Vec<Diagnostic>);
    let rendered: Vec<Result<Rendered, Diagnostic>> = pending
        .into_par_iter()
        .map(|p| {
            counters.done.fetch_add(1, Ordering::Relaxed);
            let explicit = p.updated_is_explicit;
            let source = p.source;
            let (file, lines) = (p.file.clone(), p.lines);
            let earlier = history.rendered(&p.id, source).and_then(|earlier| {
                let item = published_json?.get(earlier.item.clone())?;
                Some((crate::format::json_rendering(item)?, earlier.clean))
            });
            let (mut entry, clean, warnings, source) = match earlier {
                Some(((summary, content_html), clean)) => {
                    counters.reused.fetch_add(1, Ordering::Relaxed);
                    let fingerprint =
                        content_html.as_deref().filter(|_| clean).map(crate::model::history::content_hash);
                    (p.into_entry(summary, content_html), fingerprint, Vec::new(), source)
                }
                None => {
                    let (entry, warnings, reusable) = p.render(settings.feeds.content, templates)?;
                    let fingerprint = entry.content_html.as_deref().and_then(KnownClean::fingerprint_if_clean);
                    // Without a source, the next build renders it again.
                    (entry, fingerprint, warnings, source.filter(|_| reusable))
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
    let mut entries = distinct_updated(entries);
    let rest = entries.split_off(shape.main.min(entries.len()));
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
            links: shape.links,
            media: site.media.clone(),
        },
        entries,
    };
    Ok((feed, rest, origins, problems))
}

/// The main feed, the other entries rendered, where each came from, and
/// the warnings.
type Assembled = (Feed, Vec<Entry>, Vec<Origin>, Vec<Diagnostic>);

/// What `assemble` makes of the entries it renders: the first `main` are
/// the main feeds', which link as `links` says; the rest are for the other
/// feeds (see `more_feeds`).
struct Shape {
    main: usize,
    links: crate::model::FeedLinks,
}

/// What `assemble` counts as it goes, without a lock: entries done (for
/// the progress) and entries taken as the last build rendered them (`-v`).
#[derive(Clone, Copy)]
struct Counters<'a> {
    done: &'a AtomicUsize,
    reused: &'a AtomicUsize,
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

fn self_url(settings: &Settings, format: Format) -> url::Url {
    settings.feeds.url.join(format.file_name()).expect("a file name joins any base URL")
}

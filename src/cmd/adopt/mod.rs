//! `feedwright adopt FEED…`: keep the entry ids of a site's old feed.
//!
//! A site moved from Jekyll, Hugo, Zola or Eleventy had feeds whose ids are
//! the posts' URLs; feedwright mints `tag:` ids, so without this every
//! subscriber would see every post again. `adopt` reads the old feeds
//! (`old_feed`), finds each entry's article — by URL, else by title and
//! day (`matching`) — and writes the old id into the article's own front
//! matter (`edit`), where it moves with the file, survives a fresh clone
//! and does not depend on the cache. Every edit is read back the way a
//! build reads the article before it is written: it must give the old id
//! and leave the title, date and URL as they were.

mod edit;
mod matching;
mod old_feed;
mod report;

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use crate::catalog::{self, Catalog, Discovered};
use crate::cli::AdoptArgs;
use crate::config::{self, Settings};
use crate::diagnostic::{Diagnostic, Location};
use crate::error::{Exit, Failure};
use crate::model::date;
use crate::model::normalize::{Body, Pending, check_id, normalize};
use crate::source::SourceFile;
use matching::{Candidate, Found};
use old_feed::OldEntry;
use report::{Outcome, Report, Row};

/// Runs `adopt`, prints what went wrong if anything did, and gives the
/// exit code: 0 when every matched entry was adopted (or already was), 1
/// when one needs attention (a conflict, an ambiguous match, an id that
/// cannot be used, a file that cannot be edited) or an old feed is not a
/// feed, 2 for usage and configuration, 3 when a file cannot be read or
/// written.
pub(crate) fn run(args: &AdoptArgs) -> Exit {
    match adopt(args) {
        Ok(exit) => exit,
        Err(failure) => {
            failure.report("adopt: {}; nothing was written");
            failure.exit()
        }
    }
}

/// An old entry and the feed it came from.
struct Old {
    /// `file:line`, or the file for JSON.
    place: String,
    entry: OldEntry,
}

fn adopt(args: &AdoptArgs) -> Result<Exit, Failure> {
    let (settings, warnings) = config::load(args.site.overrides(args.out.as_deref())).map_err(Failure::Config)?;
    super::print_diagnostics(&warnings);
    let olds = match read_old_feeds(&args.feeds)? {
        Ok(olds) => olds,
        Err(bad) => {
            super::print_diagnostics(&bad);
            let plural = if bad.len() == 1 { " is not a feed" } else { "s are not feeds" };
            eprintln!("error: adopt: {} old feed{plural}; nothing was written", bad.len());
            return Ok(Exit::Failed);
        }
    };
    let now = date::build_time()
        .map_err(|m| Failure::Config(vec![Diagnostic::error(None, m).with_code("invalid-source-date-epoch")]))?;
    let discovered = Discovered::find(&settings).map_err(|d| Failure::Config(vec![d]))?;
    let options = catalog::Options { include_future: true, keep_records: false };
    let catalog = Catalog::load(&settings, &discovered, now, options, None);
    if catalog.diagnostics.has_errors() {
        return Err(Failure::Input(catalog.diagnostics.into_sorted()));
    }
    super::print_diagnostics(&catalog.diagnostics.into_sorted());
    let articles: Vec<&Pending> = catalog.articles.iter().map(|(_, p)| p).collect();
    let sources: HashMap<&str, &SourceFile> = discovered.files.iter().map(|(f, _)| (f.shown.as_str(), f)).collect();

    let mut report = Report::new(args.dry_run, olds.iter().map(|(feed, _)| feed.clone()).collect());
    let plans = plan(&olds, &articles, &settings, args.force, &mut report);
    let published = published_ids(&settings);
    let mut writes = Vec::new();
    for plan in plans {
        let article = articles[plan.article];
        let Some(source) = sources.get(article.file.as_str()) else {
            let why = Some("its file is not among the articles found".to_owned());
            report.push(Row { outcome: Outcome::CannotEdit, reason: why, ..plan.row });
            continue;
        };
        match edited(source, article, &plan, &settings) {
            Ok(text) => {
                let mut row = plan.row;
                row.warning = published.get(article.url.as_str()).filter(|(_, id)| *id != row.id).map(|(feed, id)| {
                    format!("`{feed}` published it as `{id}`: readers subscribed to the feedwright feed see it again")
                });
                report.push(row);
                writes.push((source.path.clone(), text));
            }
            Err(why) => report.push(Row { outcome: Outcome::CannotEdit, reason: Some(why), ..plan.row }),
        }
    }
    let matched: std::collections::HashSet<&str> = report.files().collect();
    report.not_in_old_feed =
        articles.iter().filter(|a| !matched.contains(a.file.as_str())).map(|a| a.file.clone()).collect();
    if !args.dry_run {
        for (path, text) in &writes {
            write_atomically(path, text.as_bytes()).map_err(Failure::Io)?;
        }
    }
    report.print(args.report.is_some()).map_err(|e| Failure::Io(anyhow::Error::new(e).context("cannot print")))?;
    let problems = report.problems();
    if problems.is_empty() {
        return Ok(Exit::Success);
    }
    super::print_diagnostics(&problems);
    let count = problems.len();
    eprintln!(
        "error: {count} old entr{} could not be adopted; {}",
        if count == 1 { "y" } else { "ies" },
        if args.dry_run { "nothing was written (dry run)" } else { "every other id was adopted" }
    );
    Ok(Exit::Failed)
}

/// Each old feed with its entries.
type OldFeeds = Vec<(report::OldFeed, Vec<Old>)>;

/// Every entry of every old feed, per feed; `-` is standard input. A file
/// that cannot be read is an I/O failure (exit 3), one that is not a feed
/// an input failure (exit 1), each naming the file and why; either way
/// nothing is written.
fn read_old_feeds(paths: &[std::path::PathBuf]) -> Result<Result<OldFeeds, Vec<Diagnostic>>, Failure> {
    let mut all = Vec::new();
    let mut bad = Vec::new();
    for path in paths {
        let name = if path.as_os_str() == "-" { "-".to_owned() } else { path.to_string_lossy().into_owned() };
        let bytes = if name == "-" {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map(|_| bytes)
        } else {
            std::fs::read(path)
        }
        .with_context(|| format!("cannot read the old feed `{name}`"))
        .map_err(Failure::Io)?;
        match old_feed::read(&bytes) {
            Ok((kind, entries)) => all.push((
                report::OldFeed { file: name.clone(), format: kind.name(), entries: entries.len() },
                entries
                    .into_iter()
                    .map(|entry| Old {
                        place: if entry.line > 0 { format!("{name}:{}", entry.line) } else { name.clone() },
                        entry,
                    })
                    .collect(),
            )),
            Err(why) => bad.push(
                Diagnostic::error(Some(Location::file(&name)), format!("cannot read the old feed: {why}"))
                    .with_hint("give an RSS 2.0, Atom 1.0 or JSON Feed file, as the old site published it")
                    .with_code("unreadable-old-feed"),
            ),
        }
    }
    Ok(if bad.is_empty() { Ok(all) } else { Err(bad) })
}

/// An adoption to write: the article (an index), the row that reports it,
/// and whether it replaces an explicit id (`--force`).
struct Plan {
    article: usize,
    row: Row,
    replace_line: Option<usize>,
}

/// Matches every entry and decides what each one's article gets; every
/// entry that is not to be written is reported here.
fn plan(olds: &OldFeeds, articles: &[&Pending], settings: &Settings, force: bool, report: &mut Report) -> Vec<Plan> {
    // The same entry twice (the old site's RSS and Atom feeds both given,
    // with the same ids and links) is one entry.
    let mut seen = std::collections::HashSet::new();
    let entries: Vec<&Old> = olds
        .iter()
        .flat_map(|(_, entries)| entries)
        .filter(|old| seen.insert((old.entry.id.clone(), old.entry.link.clone())))
        .collect();
    let candidates: Vec<Candidate<'_>> =
        articles.iter().map(|a| Candidate { url: &a.url, title: &a.title, published: a.published }).collect();
    let plain: Vec<OldEntry> = entries.iter().map(|old| old.entry.clone()).collect();
    let found = matching::match_entries(&plain, &candidates, &settings.site.url);
    let mut per_article: HashMap<usize, Vec<usize>> = HashMap::new();
    for (index, found) in found.iter().enumerate() {
        if let Found::Article(article, _) = found {
            per_article.entry(*article).or_default().push(index);
        }
    }
    let by_id: HashMap<&str, &str> = articles.iter().map(|a| (a.id.as_str(), a.file.as_str())).collect();
    let mut plans = Vec::new();
    for (index, (old, found)) in entries.iter().zip(&found).enumerate() {
        let row = Row::of(&old.place, &old.entry);
        let (article, how) = match found {
            Found::Article(article, how) => (*article, *how),
            Found::None(why) => {
                report.push(Row { outcome: Outcome::Unmatched, reason: Some(why.clone()), ..row });
                continue;
            }
            Found::Ambiguous(why) => {
                report.push(Row { outcome: Outcome::Ambiguous, reason: Some(why.clone()), ..row });
                continue;
            }
        };
        let pending = articles[article];
        let row = Row { file: Some(pending.file.clone()), matched_by: Some(how.name()), ..row };
        let rivals: Vec<&str> =
            per_article[&article].iter().filter(|&&i| i != index).map(|&i| entries[i].place.as_str()).collect();
        if !rivals.is_empty() {
            let why = format!("the entries at {} match the same article: ambiguous", rivals.join(", "));
            report.push(Row { outcome: Outcome::Ambiguous, reason: Some(why), ..row });
            continue;
        }
        match decide(&old.entry, pending, &by_id, force) {
            Ok(replace_line) => plans.push(Plan { article, row, replace_line }),
            Err((outcome, reason)) => report.push(Row { outcome, reason, ..row }),
        }
    }
    refuse_shared_ids(plans, articles, report)
}

/// What an article gets from its entry: a new `id` line, its `id` line
/// replaced (`Some(line)`, with `--force`), or nothing and why.
fn decide(
    entry: &OldEntry,
    article: &Pending,
    by_id: &HashMap<&str, &str>,
    force: bool,
) -> Result<Option<usize>, (Outcome, Option<String>)> {
    let id = entry.id.as_str();
    if let Err(why) = check_id(id) {
        let guid = if entry.id_from_link { " (the item has no guid; readers knew it by its link)" } else { "" };
        let why = format!("the old id `{id}`{guid} {why}, and an entry id must be an absolute URI (Atom requires one)");
        return Err((Outcome::InvalidId, Some(why)));
    }
    if article.id == id {
        let outcome = if article.id_is_explicit { Outcome::AlreadyAdopted } else { Outcome::SameId };
        return Err((outcome, None));
    }
    if let Some(other) = by_id.get(id) {
        return Err((Outcome::Conflict, Some(format!("`{id}` is already the id of `{other}`"))));
    }
    if article.id_is_explicit {
        if !force {
            let why = format!("its front matter already has the id `{}` (`--force` replaces it)", article.id);
            return Err((Outcome::Conflict, Some(why)));
        }
        return match article.lines.id {
            Some(line) => Ok(Some(line)),
            None => Err((Outcome::CannotEdit, Some("the line of its `id` is not known".into()))),
        };
    }
    Ok(None)
}

/// Two articles must not adopt one id (the old feed gave two posts the
/// same id): neither does.
fn refuse_shared_ids(plans: Vec<Plan>, articles: &[&Pending], report: &mut Report) -> Vec<Plan> {
    let mut count: HashMap<String, Vec<&str>> = HashMap::new();
    for plan in &plans {
        count.entry(plan.row.id.clone()).or_default().push(&articles[plan.article].file);
    }
    let shared: HashMap<String, String> =
        count.into_iter().filter(|(_, files)| files.len() > 1).map(|(id, files)| (id, files.join("`, `"))).collect();
    plans
        .into_iter()
        .filter_map(|plan| match shared.get(&plan.row.id) {
            Some(files) => {
                let why = format!("the old feed gives this id to several articles (`{files}`)");
                report.push(Row { outcome: Outcome::Conflict, reason: Some(why), ..plan.row });
                None
            }
            None => Some(plan),
        })
        .collect()
}

/// The article's file with the id written in, checked: read back as a
/// build reads it, it has the old id and the same title, date and URL.
fn edited(source: &SourceFile, article: &Pending, plan: &Plan, settings: &Settings) -> Result<String, String> {
    let bytes = std::fs::read(&source.path).map_err(|err| format!("cannot read it: {err}"))?;
    let text = String::from_utf8(bytes).map_err(|_| "it is not UTF-8".to_owned())?;
    let id = plan.row.id.as_str();
    let new = match plan.replace_line {
        Some(line) => edit::replace_id(&text, line, id)?,
        None => edit::insert_id(&text, id)?,
    };
    let lf = new.strip_prefix('\u{feff}').unwrap_or(&new).replace("\r\n", "\n");
    let (parsed, _) = crate::source::article::parse(source, &lf, &settings.keys)
        .map_err(|d| d.into_iter().next().map(|d| d.message).unwrap_or_default())?;
    let body = Body::Text(parsed.body.clone());
    let (after, _) = normalize(parsed, body, &settings.site).map_err(|errors| {
        let first = errors.into_iter().find(Diagnostic::is_error).map(|d| d.message).unwrap_or_default();
        format!("with the id added, it no longer reads: {first}")
    })?;
    let mut changed = Vec::new();
    if after.title != article.title {
        changed.push(format!("its title would become `{}`", after.title));
    }
    if after.published != article.published {
        changed.push("its date would change".to_owned());
    }
    if after.url != article.url {
        changed.push(format!("its URL would become `{}`", after.url));
    }
    if after.id != id {
        changed.push(format!("its id would be `{}`", after.id));
    }
    if changed.is_empty() {
        Ok(new)
    } else {
        Err(format!(
            "adding front matter changes how the file reads ({}): add `id: \"{id}\"` to it by hand",
            changed.join(", ")
        ))
    }
}

/// The id each URL has in the feeds feedwright already published (the
/// output folder), with the feed's file: adopting another id there changes
/// the entry for the feedwright feed's own subscribers.
fn published_ids(settings: &Settings) -> HashMap<String, (String, String)> {
    let mut ids = HashMap::new();
    for format in crate::format::Format::MOST_FAITHFUL_FIRST {
        let path = settings.out_dir.join(format.file_name());
        let Ok(bytes) = std::fs::read(&path) else { continue };
        for entry in format.read(&bytes).unwrap_or_default() {
            if let Some(url) = entry.url {
                ids.entry(url).or_insert_with(|| (settings.display_path(&path), entry.id));
            }
        }
    }
    ids
}

/// Replaces an article file atomically (a temporary file in its folder,
/// synced, renamed over it), keeping its permissions; a symbolic link is
/// followed, so the link stays a link.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let path = std::fs::canonicalize(path).with_context(|| format!("cannot find `{}`", path.display()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&path).map(|m| m.permissions()).ok();
    let mut temp = tempfile::Builder::new()
        .prefix(".feedwright-adopt-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    if let Some(permissions) = permissions {
        let _ = temp.as_file().set_permissions(permissions);
    }
    temp.persist(&path).with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}

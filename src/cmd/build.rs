//! `feedwright build`: articles folder -> feed files.
//!
//! Reads and checks every article first, and writes nothing unless all of
//! them are good: a bad article fails the build with every problem listed,
//! and the feeds already published stay as they were.

use std::collections::HashMap;
use std::io::Write;

use crate::cli::BuildArgs;
use crate::config::{self, Settings};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::error::Failure;
use crate::model::normalize::{Pending, normalize};
use crate::model::{Feed, FeedMeta};
use crate::output::{self, Outcome, OutputFile};
use crate::source;

pub(crate) fn run(args: &BuildArgs) -> Result<(), Failure> {
    let settings = config::load(args).map_err(Failure::Config)?;
    let mut diagnostics = Diagnostics::default();
    let shown = |path: &std::path::Path| settings.display_path(path);
    let (files, warnings) = source::discover(&settings.articles_dir, &shown).map_err(|d| Failure::Config(vec![d]))?;
    diagnostics.extend(warnings);

    let mut pending = Vec::new();
    for file in &files {
        let parsed = source::read_text(file).and_then(|text| source::article::parse(file, &text));
        match parsed {
            Ok((article, warnings)) => {
                diagnostics.extend(warnings);
                match normalize(article, &settings.site) {
                    Ok(entry) => pending.push(entry),
                    Err(errors) => diagnostics.extend(errors),
                }
            }
            Err(error) => diagnostics.push(error),
        }
    }
    let drafts = pending.iter().filter(|p| p.draft).count();
    pending.retain(|p| !p.draft);
    diagnostics.extend(duplicates(&pending));
    if pending.is_empty() && !diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::error(
                Some(Location::file(settings.display_path(&settings.articles_dir))),
                "there is no published article to build feeds from",
            )
            .with_hint("add an article (drafts are not published), or point `--articles` at another folder"),
        );
    }
    if diagnostics.has_errors() {
        return Err(Failure::Input(diagnostics.into_sorted()));
    }

    sort_newest_first(&mut pending);
    let article_count = pending.len();
    pending.truncate(settings.feeds.limit.take());
    let feed = assemble(&settings, pending);
    let files: Vec<OutputFile> = settings
        .feeds
        .formats
        .iter()
        .map(|format| OutputFile {
            path: settings.out_dir.join(format.file_name()),
            bytes: format.write(&feed, &self_url(&settings, format.file_name())),
        })
        .collect();
    let outcomes = output::commit(&settings.out_dir, &files).map_err(Failure::Io)?;

    if !args.quiet {
        let mut err = std::io::stderr().lock();
        for warning in diagnostics.into_sorted() {
            let _ = writeln!(err, "{warning}");
        }
        let _ = writeln!(err, "{}", summary(&settings, &files, &outcomes, article_count, feed.entries.len(), drafts));
    }
    Ok(())
}

/// Newest first; equal dates in id order, so ties never depend on file order.
fn sort_newest_first(entries: &mut [Pending]) {
    entries.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
}

/// Two articles must not share an id (readers would merge them) or a slug
/// (they would share a URL). Both files are named.
fn duplicates(entries: &[Pending]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut ids: HashMap<&str, &str> = HashMap::new();
    let mut slugs: HashMap<&str, &str> = HashMap::new();
    for entry in entries {
        if let Some(first) = ids.insert(&entry.id, &entry.file) {
            ids.insert(&entry.id, first);
            problems.push(
                Diagnostic::error(
                    Some(Location::file(&entry.file)),
                    format!("id `{}` is also the id of `{first}`", entry.id),
                )
                .with_hint("every article needs its own `id`: change or remove one of them"),
            );
        }
        if let Some(first) = slugs.insert(&entry.slug, &entry.file) {
            slugs.insert(&entry.slug, first);
            problems.push(
                Diagnostic::error(
                    Some(Location::file(&entry.file)),
                    format!("slug `{}` is also the slug of `{first}`", entry.slug),
                )
                .with_hint("give one of them another `slug:` in its front matter"),
            );
        }
    }
    problems
}

/// Renders the entries that made it into the feed and adds the feed-level
/// values. The feed's date is its newest entry's, never the clock's.
fn assemble(settings: &Settings, pending: Vec<Pending>) -> Feed {
    let entries: Vec<_> = pending.into_iter().map(|p| p.render(settings.feeds.content)).collect();
    let updated = entries.iter().map(|e| e.updated).max().expect("a feed is only assembled from at least one entry");
    let site = &settings.site;
    Feed {
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
    }
}

fn self_url(settings: &Settings, file_name: &str) -> url::Url {
    settings.feeds.url.join(file_name).expect("a file name joins any base URL")
}

fn summary(
    settings: &Settings,
    files: &[OutputFile],
    outcomes: &[Outcome],
    articles: usize,
    entries: usize,
    drafts: usize,
) -> String {
    let listed: Vec<String> = files
        .iter()
        .zip(outcomes)
        .map(|(file, outcome)| {
            let state = match outcome {
                Outcome::Written => "written",
                Outcome::Unchanged => "unchanged",
            };
            format!("{} ({state})", settings.display_path(&file.path))
        })
        .collect();
    let drafts = match drafts {
        0 => String::new(),
        1 => "; 1 draft not published".into(),
        n => format!("; {n} drafts not published"),
    };
    format!(
        "built {} from {articles} article{} ({entries} entr{} per feed{drafts}): {}",
        if files.len() == 1 { "1 feed".into() } else { format!("{} feeds", files.len()) },
        if articles == 1 { "" } else { "s" },
        if entries == 1 { "y" } else { "ies" },
        listed.join(", ")
    )
}

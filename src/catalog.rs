//! Every article of a site, read, checked and resolved, each with its
//! status: published, draft, or waiting for its date. Shared by `build` and
//! `list`; reports every problem of every article at once.

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::normalize::{Body, Pending, normalize};
use crate::source;

/// Whether an article is in the feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Published,
    Draft,
    /// Dated after the build time; published by a build after its date.
    Future,
}

impl Status {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Status::Published => "published",
            Status::Draft => "draft",
            Status::Future => "future",
        }
    }
}

/// The site's articles, sorted newest first (ties in id order).
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    pub(crate) articles: Vec<(Status, Pending)>,
    /// Warnings, and errors if any article is bad.
    pub(crate) diagnostics: Diagnostics,
}

impl Catalog {
    /// Reads every article under the configured folder. `now` decides which
    /// are in the future, unless `include_future`.
    pub(crate) fn load(
        settings: &Settings,
        now: DateTime<FixedOffset>,
        include_future: bool,
    ) -> Result<Self, Diagnostic> {
        let shown = |path: &std::path::Path| settings.display_path(path);
        let (files, warnings) = source::discover(&settings.articles_dir, &shown)?;
        let mut catalog = Catalog::default();
        catalog.diagnostics.extend(warnings);
        // Articles are independent: read them on every core, then merge in
        // file order so the result never depends on scheduling.
        let loaded: Vec<Loaded> = files.par_iter().map(|file| load_one(settings, file, now, include_future)).collect();
        for (article, diagnostics) in loaded {
            catalog.diagnostics.extend(diagnostics);
            catalog.articles.extend(article);
        }
        catalog.diagnostics.extend(duplicates(&catalog.articles));
        sort_newest_first(&mut catalog.articles);
        Ok(catalog)
    }
}

/// One article's status and resolved values (if it is good) and its findings.
type Loaded = (Option<(Status, Pending)>, Vec<Diagnostic>);

/// One article file -> its status and resolved values, or its problems.
fn load_one(
    settings: &Settings,
    file: &source::SourceFile,
    now: DateTime<FixedOffset>,
    include_future: bool,
) -> Loaded {
    let head = match source::read_head(file) {
        Ok(head) => head,
        Err(error) => return (None, vec![error]),
    };
    let (article, mut diagnostics) = match source::article::parse(file, &head) {
        Ok(parsed) => parsed,
        Err(error) => return (None, vec![error]),
    };
    // Bodies stay in their files until rendered: memory grows with the
    // number of articles, not with their length.
    let body = Body::InFile(file.clone());
    match normalize(article, body, &settings.site) {
        Ok(pending) => {
            if pending.updated_is_explicit && pending.updated > now + chrono::Duration::minutes(10) {
                diagnostics.push(
                    Diagnostic::warning(
                        Some(Location::file(&pending.file)),
                        format!("`updated` {} is in the future", pending.updated.to_rfc3339()),
                    )
                    .with_hint("readers and validators distrust dates in the future: check the date and its time zone"),
                );
            }
            let status = if pending.draft {
                Status::Draft
            } else if pending.published > now && !include_future {
                Status::Future
            } else {
                Status::Published
            };
            (Some((status, pending)), diagnostics)
        }
        Err(errors) => {
            diagnostics.extend(errors);
            (None, diagnostics)
        }
    }
}

/// Newest first; equal dates in id order, so ties never depend on file order.
pub(crate) fn sort_newest_first(articles: &mut [(Status, Pending)]) {
    articles.sort_by(|(_, a), (_, b)| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
}

/// Two articles must not share an id (readers would merge them) or a slug
/// (they would share a URL), drafts included: publishing one later must not
/// break the build. Both files are named.
fn duplicates(articles: &[(Status, Pending)]) -> Vec<Diagnostic> {
    use std::collections::HashMap;
    let mut problems = Vec::new();
    let mut ids: HashMap<&str, &str> = HashMap::new();
    let mut slugs: HashMap<&str, &str> = HashMap::new();
    for (_, entry) in articles {
        if let Some(first) = ids.get(entry.id.as_str()) {
            problems.push(
                Diagnostic::error(
                    Some(Location::file(&entry.file)),
                    format!("id `{}` is also the id of `{first}`", entry.id),
                )
                .with_hint("every article needs its own `id`: change or remove one of them"),
            );
        } else {
            ids.insert(&entry.id, &entry.file);
        }
        if let Some(first) = slugs.get(entry.slug.as_str()) {
            problems.push(
                Diagnostic::error(
                    Some(Location::file(&entry.file)),
                    format!("slug `{}` is also the slug of `{first}`", entry.slug),
                )
                .with_hint("give one of them another `slug:` in its front matter"),
            );
        } else {
            slugs.insert(&entry.slug, &entry.file);
        }
    }
    problems
}

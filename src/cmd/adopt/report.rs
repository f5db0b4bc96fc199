//! What `adopt` did with each old entry, for people (text on standard
//! output, grouped by outcome) and for scripts (`--report json`).

use std::io::Write;

use serde::Serialize;

use super::old_feed::OldEntry;
use crate::diagnostic::{Diagnostic, Location};

/// What became of one old entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Outcome {
    /// Its id is now in the article's front matter (or would be: dry run).
    Adopted,
    /// The article's front matter already has this id.
    AlreadyAdopted,
    /// The id feedwright makes for the article is this id already.
    SameId,
    /// The article has another explicit id, or the id is another's.
    Conflict,
    /// Two entries match one article, or one entry several articles.
    Ambiguous,
    /// The old id cannot be an entry id (not an absolute URI).
    InvalidId,
    /// The file cannot take the id without reading differently.
    CannotEdit,
    /// No article is the entry.
    Unmatched,
}

impl Outcome {
    /// Whether the outcome needs the author (exit 1).
    fn is_problem(self) -> bool {
        matches!(self, Outcome::Conflict | Outcome::Ambiguous | Outcome::InvalidId | Outcome::CannotEdit)
    }

    fn heading(self, dry_run: bool) -> &'static str {
        match self {
            Outcome::Adopted if dry_run => "would adopt (dry run: nothing written)",
            Outcome::Adopted => "adopted",
            Outcome::AlreadyAdopted => "already adopted",
            Outcome::SameId => "already the id feedwright makes (nothing to write)",
            Outcome::Conflict => "conflicts (not adopted)",
            Outcome::Ambiguous => "ambiguous (not adopted)",
            Outcome::InvalidId => "ids that cannot be used (not adopted)",
            Outcome::CannotEdit => "files that cannot take the id (not adopted)",
            Outcome::Unmatched => "old entries without an article",
        }
    }

    const ALL: [Outcome; 8] = [
        Outcome::Adopted,
        Outcome::AlreadyAdopted,
        Outcome::SameId,
        Outcome::Conflict,
        Outcome::Ambiguous,
        Outcome::InvalidId,
        Outcome::CannotEdit,
        Outcome::Unmatched,
    ];
}

/// One old entry and what became of it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Row {
    pub(super) outcome: Outcome,
    /// The old id.
    pub(super) id: String,
    /// Where the entry is: `file:line` (`-` is standard input).
    pub(super) entry: String,
    pub(super) title: Option<String>,
    pub(super) link: Option<String>,
    /// The article's file, when matched.
    pub(super) file: Option<String>,
    /// `url` or `title+date`, when matched.
    pub(super) matched_by: Option<&'static str>,
    pub(super) reason: Option<String>,
    pub(super) warning: Option<String>,
}

impl Row {
    pub(super) fn of(place: &str, entry: &OldEntry) -> Row {
        Row {
            outcome: Outcome::Adopted,
            id: entry.id.clone(),
            entry: place.to_owned(),
            title: entry.title.clone(),
            link: entry.link.clone(),
            file: None,
            matched_by: None,
            reason: None,
            warning: None,
        }
    }
}

/// An old feed as read.
#[derive(Debug, Clone, Serialize)]
pub(super) struct OldFeed {
    /// As given (`-` is standard input).
    pub(super) file: String,
    /// `RSS`, `Atom` or `JSON Feed`.
    pub(super) format: &'static str,
    pub(super) entries: usize,
}

/// Everything `adopt` reports.
#[derive(Debug, Serialize)]
pub(super) struct Report {
    pub(super) dry_run: bool,
    /// The old feeds, in the order given.
    pub(super) feeds: Vec<OldFeed>,
    pub(super) entries: Vec<Row>,
    /// Articles no old entry matched: normal for all but the newest, since
    /// an old feed holds only its newest entries.
    pub(super) not_in_old_feed: Vec<String>,
}

impl Report {
    pub(super) fn new(dry_run: bool, feeds: Vec<OldFeed>) -> Report {
        Report { dry_run, feeds, entries: Vec::new(), not_in_old_feed: Vec::new() }
    }

    pub(super) fn push(&mut self, row: Row) {
        self.entries.push(row);
    }

    /// The files of the articles some entry matched.
    pub(super) fn files(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().filter_map(|row| row.file.as_deref())
    }

    /// The entries that need the author, as errors at the article (or the
    /// old entry).
    pub(super) fn problems(&self) -> Vec<Diagnostic> {
        self.entries
            .iter()
            .filter(|row| row.outcome.is_problem())
            .map(|row| {
                let place = row.file.as_deref().unwrap_or(&row.entry);
                let reason = row.reason.as_deref().unwrap_or("");
                Diagnostic::error(
                    Some(Location::file(place)),
                    format!("old entry `{}` ({}) not adopted: {reason}", row.id, row.entry),
                )
                .with_code(match row.outcome {
                    Outcome::Conflict => "adopt-conflict",
                    Outcome::Ambiguous => "adopt-ambiguous",
                    Outcome::InvalidId => "adopt-invalid-id",
                    _ => "adopt-cannot-edit",
                })
            })
            .collect()
    }

    /// Prints the report on standard output: JSON, or text grouped by
    /// outcome. A closed pipe is no error.
    pub(super) fn print(&self, json: bool) -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let written = if json {
            serde_json::to_writer_pretty(&mut out, self).map_err(std::io::Error::from).and_then(|()| writeln!(out))
        } else {
            self.write_text(&mut out)
        }
        .and_then(|()| out.flush());
        match written {
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }

    fn write_text(&self, out: &mut impl Write) -> std::io::Result<()> {
        for feed in &self.feeds {
            let plural = if feed.entries == 1 { "y" } else { "ies" };
            writeln!(out, "{}: {}, {} entr{plural}", feed.file, feed.format, feed.entries)?;
        }
        for outcome in Outcome::ALL {
            let rows: Vec<&Row> = self.entries.iter().filter(|r| r.outcome == outcome).collect();
            if rows.is_empty() {
                continue;
            }
            writeln!(out, "{} ({}):", outcome.heading(self.dry_run), rows.len())?;
            for row in rows {
                let what = row.file.as_deref().or(row.title.as_deref()).unwrap_or("");
                let how = row.matched_by.map(|m| format!(" (by {m})")).unwrap_or_default();
                writeln!(out, "  {}  {what}  {}{how}", row.entry, row.id)?;
                if let Some(reason) = &row.reason {
                    writeln!(out, "    {reason}")?;
                }
                if let Some(warning) = &row.warning {
                    writeln!(out, "    warning: {warning}")?;
                }
            }
        }
        if !self.not_in_old_feed.is_empty() {
            writeln!(
                out,
                "articles not in the old feed ({}): normal for older posts, since a feed holds only the newest \
                 entries; they keep the ids feedwright makes",
                self.not_in_old_feed.len()
            )?;
            for file in &self.not_in_old_feed {
                writeln!(out, "  {file}")?;
            }
        }
        Ok(())
    }
}

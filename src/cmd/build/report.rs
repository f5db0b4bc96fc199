//! What a build did or, with `--check`, would do: per feed, the entries
//! added, changed and removed, the articles held back, and every error,
//! warning and note; printed for people (stderr) and, with `--report`, as
//! JSON or SARIF for bots (stdout) — in every case, a failed build too.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::earlier::OnDisk;
use crate::cache;
use crate::cache::{Held, HeldBack};
use crate::cli::{BuildArgs, ChangeReport};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Failure;
use crate::format::Format;
use crate::model::{Entry, Published};
use crate::output::OutputFile;

/// One entry in a change list.
#[derive(Debug, Serialize)]
struct Change {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// What became of a feed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum FeedStatus {
    /// Written with new bytes.
    Written,
    /// Left as it was: the build would write the same bytes.
    Unchanged,
    /// With `--check`: the file on disk is what the build would write.
    Fresh,
    /// With `--check`: it is not.
    Stale,
}

impl FeedStatus {
    fn name(self) -> &'static str {
        match self {
            FeedStatus::Written => "written",
            FeedStatus::Unchanged => "unchanged",
            FeedStatus::Fresh => "fresh",
            FeedStatus::Stale => "stale",
        }
    }
}

/// What a build does (or, with `--check`, would do) to one feed file.
#[derive(Debug, Serialize)]
pub(super) struct FeedReport {
    pub(super) file: String,
    format: &'static str,
    pub(super) status: FeedStatus,
    added: Vec<Change>,
    changed: Vec<Change>,
    removed: Vec<Change>,
    /// The bytes differ in something other than the entries listed.
    other_changes: bool,
    /// No file on disk yet: `--check` says so rather than list every entry
    /// as added. (Not in the JSON report, whose `added` lists them.)
    #[serde(skip)]
    missing: bool,
}

impl More {
    /// With `--check`: which of these files are stale, a few by name.
    fn print_stale(&self, err: &mut impl Write) {
        const SHOWN: usize = 20;
        let stale = self
            .stale
            .iter()
            .map(|f| (f, "is out of date"))
            .chain(self.removed.iter().map(|f| (f, "is no longer written: run `feedwright build` to remove it")));
        let count = self.stale.len() + self.removed.len();
        for (file, why) in stale.take(SHOWN) {
            let _ = writeln!(err, "{file} {why}");
        }
        if count > SHOWN {
            let _ = writeln!(err, "and {} more feed files are out of date", count - SHOWN);
        }
    }
}

impl FeedReport {
    /// A feed beyond the main ones: stale or fresh, without its entries
    /// (see `More`).
    /// An archive page left as the last build wrote it is fresh: its files
    /// were found as that build left them (see `more_feeds::Plan::freeze`).
    pub(super) fn of_extra(settings: &Settings, extra: &super::more_feeds::Extra) -> Self {
        let file = &extra.made.file;
        let fresh = extra.frozen || std::fs::read(&file.path).is_ok_and(|old| old == file.bytes);
        let status = if fresh { FeedStatus::Fresh } else { FeedStatus::Stale };
        FeedReport::unchanged(settings, extra.made.format, &file.path, status)
    }

    /// A feed the build leaves as it is, without looking at its entries.
    fn unchanged(settings: &Settings, format: Format, path: &std::path::Path, status: FeedStatus) -> Self {
        FeedReport {
            file: settings.display_path(path),
            format: format.name(),
            status,
            added: Vec::new(),
            changed: Vec::new(),
            removed: Vec::new(),
            other_changes: false,
            missing: false,
        }
    }

    /// What writing `file` changes. The entry lists (`detailed`) cost a
    /// parse of the old file, so they are made only when someone reads them
    /// (`--check`, `--report`).
    pub(super) fn compare(
        settings: &Settings,
        format: Format,
        file: &OutputFile,
        previous: Option<&mut OnDisk>,
        entries: &[Entry],
        detailed: bool,
    ) -> Self {
        let missing = previous.is_none();
        let differs = previous.as_ref().is_none_or(|p| p.bytes != file.bytes);
        // Identical bytes, identical entries: no need to parse the old file.
        let seen: &[Published] = match previous {
            Some(previous) if differs && detailed => {
                let _ = previous.parse();
                previous.entries.as_deref().unwrap_or_default()
            }
            _ => &[],
        };
        let by_id: HashMap<&str, &Published> = seen.iter().map(|s| (s.id.as_str(), s)).collect();
        let current: HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        let change = |e: &Entry| Change { id: e.id.clone(), title: e.title.clone(), url: Some(e.url.to_string()) };
        let mut added = Vec::new();
        let mut changed = Vec::new();
        if differs && detailed {
            for entry in entries {
                match by_id.get(entry.id.as_str()) {
                    None => added.push(change(entry)),
                    Some(old) if !same_for_format(format, old, entry) => changed.push(change(entry)),
                    Some(_) => {}
                }
            }
        }
        let removed: Vec<Change> = seen
            .iter()
            .filter(|s| !current.contains(s.id.as_str()))
            .map(|s| Change { id: s.id.clone(), title: s.title.clone().unwrap_or_default(), url: s.url.clone() })
            .collect();
        let other_changes = differs && detailed && added.is_empty() && changed.is_empty() && removed.is_empty();
        FeedReport {
            file: settings.display_path(&file.path),
            format: format.name(),
            status: if differs { FeedStatus::Stale } else { FeedStatus::Fresh },
            added,
            changed,
            removed,
            other_changes,
            missing,
        }
    }
}

impl FeedReport {
    /// `--check --report github`: a stale feed is an error on the feed file
    /// (as scripts/ci/action.sh words it from the JSON report).
    fn github_stale(&self, root: Option<&Path>, cwd: &Path) -> String {
        let file = match root {
            Some(root) => from_cwd(&root.join(&self.file), cwd),
            None => self.file.clone(),
        };
        let message = format!(
            "{} is out of date: {} added, {} changed, {} removed{}\nhelp: run `feedwright build` and commit the feeds",
            self.file,
            self.added.len(),
            self.changed.len(),
            self.removed.len(),
            if self.other_changes { "; other content differs" } else { "" }
        );
        crate::check::github_annotation("error", Some(&file), None, None, "stale-feed", &message)
    }
}

/// `looks_the_same_as`, limited to what the format can carry.
fn same_for_format(format: Format, old: &Published, entry: &Entry) -> bool {
    let mut comparable = entry.clone();
    if format != Format::Json {
        comparable.image = None;
    }
    if format == Format::Rss {
        comparable.external_url = None;
    }
    old.looks_the_same_as(&comparable) && (format == Format::Rss || old.updated == Some(entry.updated))
}

/// Everything a build has to say, gathered as it runs and printed once at
/// the end, whether it succeeded or not.
#[derive(Debug, Default)]
pub(super) struct Summary {
    pub(super) feeds: Vec<FeedReport>,
    pub(super) held_back: Vec<HeldBack>,
    /// Warnings and notes of a build that went through (a failed build's
    /// come with its failure).
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) articles: usize,
    pub(super) entries: usize,
    /// The earliest expiry (`expiryDate`) of a published article.
    pub(super) next_expiry: Option<DateTime<FixedOffset>>,
    /// The feeds beyond the main ones.
    pub(super) more: More,
    /// The WebSub hub, and the URLs of the feed files this build changed
    /// (`--ping` tells the hub of them).
    pub(super) ping: Option<(url::Url, Vec<url::Url>)>,
    /// The site folder, once the configuration is read: diagnostics name
    /// files relative to it, `--report github` relative to the current folder.
    pub(super) root: Option<PathBuf>,
}

/// The feed files beyond the main feeds (per tag, author and category,
/// archive pages): counted, and listed only when stale or removed, since
/// a site can have thousands.
#[derive(Debug, Default, Serialize)]
pub(super) struct More {
    pub(super) files: usize,
    pub(super) written: usize,
    /// Those whose bytes differ from the file on disk (or that are missing).
    pub(super) stale: Vec<String>,
    /// Those an earlier build wrote and this one does not: removed (with
    /// `--check`, stale).
    pub(super) removed: Vec<String>,
}

impl More {
    pub(super) fn of(settings: &Settings, reports: &[FeedReport], leftovers: &[PathBuf]) -> More {
        More {
            files: reports.len(),
            written: 0,
            stale: reports.iter().filter(|r| r.status == FeedStatus::Stale).map(|r| r.file.clone()).collect(),
            removed: leftovers.iter().map(|path| settings.display_path(path)).collect(),
        }
    }
}

impl Summary {
    /// The summary of a build whose feeds already stand (see
    /// `Index::still_holds`): the last build's, told again.
    pub(super) fn nothing_changed(
        args: &BuildArgs,
        settings: &Settings,
        output_paths: &[PathBuf],
        last: &cache::LastBuild,
        warnings: Vec<Diagnostic>,
    ) -> Summary {
        let status = if args.check { FeedStatus::Fresh } else { FeedStatus::Unchanged };
        let feeds = settings
            .feeds
            .formats
            .iter()
            .zip(output_paths)
            .map(|(format, path)| FeedReport::unchanged(settings, *format, path, status))
            .collect();
        let (articles, entries) = (last.articles, last.entries);
        let more = More { files: last.more_files, ..More::default() };
        Summary {
            feeds,
            held_back: last.held_back.clone(),
            warnings,
            articles,
            entries,
            next_expiry: last.next_due,
            more,
            root: Some(settings.root.clone()),
            ping: settings.feeds.hub.clone().map(|hub| (hub, Vec::new())),
        }
    }

    /// What the next build repeats if nothing changes.
    pub(super) fn last_build(&self) -> cache::LastBuild {
        cache::LastBuild {
            articles: self.articles,
            entries: self.entries,
            next_due: self
                .held_back
                .iter()
                .filter(|held| held.status == Held::Future)
                .map(|held| held.date)
                .chain(self.next_expiry)
                .min(),
            held_back: self.held_back.clone(),
            warnings: self.warnings.clone(),
            more_files: self.more.files,
        }
    }

    pub(super) fn stale(&self) -> usize {
        self.feeds.iter().filter(|r| r.status == FeedStatus::Stale).count()
            + self.more.stale.len()
            + self.more.removed.len()
    }

    /// Prints what people read on stderr: with `--check`, the change lists
    /// of stale feeds; then (unless `--quiet`) the warnings and notes, the
    /// articles held back and one closing line. A failed build prints only
    /// the change lists here: its diagnostics come with the failure.
    pub(super) fn print(&self, args: &BuildArgs, failed: bool) {
        let mut err = std::io::stderr().lock();
        if args.check {
            for report in self.feeds.iter().filter(|r| r.status == FeedStatus::Stale) {
                if report.missing {
                    let _ = writeln!(err, "{} does not exist yet: run `feedwright build`", report.file);
                    continue;
                }
                let _ = writeln!(
                    err,
                    "{} is out of date: {} added, {} changed, {} removed{}",
                    report.file,
                    report.added.len(),
                    report.changed.len(),
                    report.removed.len(),
                    if report.other_changes { "; other content differs" } else { "" }
                );
                for (label, list) in
                    [("added", &report.added), ("changed", &report.changed), ("removed", &report.removed)]
                {
                    for change in list {
                        let _ = writeln!(err, "  {label:<8} {}  {}", change.id, change.title);
                    }
                }
            }
        }
        if args.check {
            self.more.print_stale(&mut err);
        }
        if crate::diagnostic::verbosity() == crate::diagnostic::Verbosity::Quiet || failed {
            return;
        }
        for warning in &self.warnings {
            let _ = writeln!(err, "{}", crate::diagnostic::render(warning));
        }
        for held in &self.held_back {
            let why = match held.status {
                Held::Draft => "draft, not published".to_owned(),
                Held::Future => format!("dated {}, published by the first build after that", held.date.to_rfc3339()),
                Held::Expired => format!("expired {} (`expiryDate`), no longer published", held.date.to_rfc3339()),
            };
            let note = Diagnostic::note(Some(crate::diagnostic::Location::file(held.file.clone())), why);
            let _ = writeln!(err, "{}", crate::diagnostic::render(&note));
        }
        let listed: Vec<String> = self.feeds.iter().map(|r| format!("{} ({})", r.file, r.status.name())).collect();
        let verb = if args.check { "checked" } else { "built" };
        let count = self.feeds.len();
        let (articles, entries) = (self.articles, self.entries);
        let _ = writeln!(
            err,
            "{verb} {count} feed{} from {articles} article{} ({} entr{} per feed): {}",
            if count == 1 { "" } else { "s" },
            if articles == 1 { "" } else { "s" },
            entries,
            if entries == 1 { "y" } else { "ies" },
            listed.join(", ")
        );
        if self.more.files > 0 && !args.check {
            let removed = match self.more.removed.len() {
                0 => String::new(),
                n => format!(", {n} removed"),
            };
            let _ = writeln!(
                err,
                "and {} more feed files (per tag, author, category; archive pages): {} written{removed}",
                self.more.files, self.more.written
            );
        }
    }

    /// Prints the machine-readable report on stdout (`--report`), with the
    /// outcome: the diagnostics of a failure, or the warnings of a success.
    pub(super) fn print_report(&self, format: ChangeReport, outcome: &Result<(), Failure>) {
        let (status, diagnostics): (&str, Vec<Diagnostic>) = match outcome {
            Ok(()) => ("ok", self.warnings.clone()),
            Err(Failure::Stale(_)) => ("stale", self.warnings.clone()),
            Err(Failure::Config(found) | Failure::Input(found) | Failure::Denied(found) | Failure::Ping(found)) => {
                ("failed", found.clone())
            }
            Err(Failure::Io(error)) => {
                let message = error.chain().map(ToString::to_string).collect::<Vec<_>>().join(": ");
                let io = Diagnostic::error(None, message)
                    .with_code("io")
                    .with_hint("no feed was left half-written: each is its old or its new version");
                ("failed", vec![io])
            }
        };
        let exit = match outcome {
            Ok(()) => 0,
            Err(failure) => failure.exit() as u8,
        };
        let mut out = std::io::stdout().lock();
        let value = match format {
            ChangeReport::Json => self.json(status, exit, &diagnostics),
            ChangeReport::Sarif => sarif(&diagnostics),
            ChangeReport::Github => {
                let cwd = std::env::current_dir().unwrap_or_default();
                for diagnostic in &diagnostics {
                    let _ = writeln!(out, "{}", github(diagnostic, self.root.as_deref(), &cwd));
                }
                for report in self.feeds.iter().filter(|r| r.status == FeedStatus::Stale) {
                    let _ = writeln!(out, "{}", report.github_stale(self.root.as_deref(), &cwd));
                }
                return;
            }
        };
        let _ = serde_json::to_writer_pretty(&mut out, &value);
        let _ = writeln!(out);
    }

    fn json(&self, status: &str, exit: u8, diagnostics: &[Diagnostic]) -> serde_json::Value {
        let count = |severity| diagnostics.iter().filter(|d| d.severity == severity).count();
        let report = JsonReport {
            status,
            exit_code: exit,
            feeds: &self.feeds,
            more_feeds: &self.more,
            held_back: self
                .held_back
                .iter()
                .map(|held| JsonHeld {
                    file: &held.file,
                    title: &held.title,
                    status: held.status,
                    date: held.date.to_rfc3339(),
                })
                .collect(),
            diagnostics: diagnostics.iter().map(JsonDiagnostic::of).collect(),
            summary: JsonSummary {
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                notes: count(Severity::Note),
                articles: self.articles,
                entries: self.entries,
            },
        };
        serde_json::to_value(report).unwrap_or_default()
    }
}

/// `--report json`, in the order docs/ci.md documents it.
#[derive(Serialize)]
struct JsonReport<'a> {
    status: &'a str,
    exit_code: u8,
    feeds: &'a [FeedReport],
    more_feeds: &'a More,
    held_back: Vec<JsonHeld<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonHeld<'a> {
    file: &'a str,
    title: &'a str,
    status: Held,
    date: String,
}

/// A diagnostic as the JSON report gives it: one flat object.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    code: Option<&'a str>,
    message: &'a str,
    hint: Option<&'a str>,
}

impl<'a> JsonDiagnostic<'a> {
    fn of(d: &'a Diagnostic) -> Self {
        let location = d.location.as_ref();
        JsonDiagnostic {
            file: location.map(|l| l.file.as_str()),
            line: location.and_then(|l| l.line),
            column: location.and_then(|l| l.column),
            severity: d.severity,
            code: d.code.as_deref(),
            message: &d.message,
            hint: d.hint.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    notes: usize,
    articles: usize,
    entries: usize,
}

/// A build's diagnostics as SARIF 2.1.0, for code-scanning annotations.
fn sarif(diagnostics: &[Diagnostic]) -> serde_json::Value {
    let code = |d: &Diagnostic| d.code.as_deref().unwrap_or("feedwright").to_owned();
    let mut rules: Vec<String> = diagnostics.iter().map(code).collect();
    rules.sort_unstable();
    rules.dedup();
    let results: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            let text = match &d.hint {
                Some(hint) => format!("{}\nhelp: {hint}", d.message),
                None => d.message.clone(),
            };
            let mut result = serde_json::json!({
                "ruleId": code(d),
                "ruleIndex": rules.binary_search(&code(d)).unwrap_or(0),
                "level": level,
                "message": { "text": text },
            });
            if let Some(location) = &d.location {
                let mut region = serde_json::Map::new();
                if let Some(line) = location.line {
                    region.insert("startLine".into(), line.into());
                }
                if let Some(column) = location.column {
                    region.insert("startColumn".into(), column.into());
                }
                let mut physical =
                    serde_json::json!({ "artifactLocation": { "uri": location.file.replace('\\', "/") } });
                if !region.is_empty() {
                    physical["region"] = serde_json::Value::Object(region);
                }
                result["locations"] = serde_json::json!([{ "physicalLocation": physical }]);
            }
            result
        })
        .collect();
    let rule_objects: Vec<serde_json::Value> =
        rules.iter().map(|id| serde_json::json!({ "id": id, "name": id })).collect();
    crate::check::sarif_log(rule_objects, results, None)
}

/// One diagnostic as a GitHub Actions annotation (`--report github`): a
/// note becomes a `notice`, the hint a `help:` line, the code its title; the
/// file, named relative to the site folder in every other report, is named
/// relative to the current folder (the repository root, in a workflow).
fn github(d: &Diagnostic, root: Option<&Path>, cwd: &Path) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    // Files are named from the site folder, except the configuration file,
    // named as it was given (from the current folder): whichever exists.
    let file = d.location.as_ref().map(|l| {
        let given = Path::new(&l.file);
        match root.map(|root| root.join(given)) {
            Some(in_site) if in_site.exists() || !given.exists() => from_cwd(&in_site, cwd),
            _ => from_cwd(given, cwd),
        }
    });
    let line = d.location.as_ref().and_then(|l| l.line).map(|n| n as u64);
    let col = d.location.as_ref().and_then(|l| l.column).map(|n| n as u64);
    let message = match &d.hint {
        Some(hint) => format!("{}\nhelp: {hint}", d.message),
        None => d.message.clone(),
    };
    let title = d.code.as_deref().unwrap_or("feedwright");
    crate::check::github_annotation(level, file.as_deref(), line, col, title, &message)
}

/// `path` relative to `cwd` when inside it (also when one of them is
/// reached through a symbolic link, as `/tmp` is on macOS), else as it is.
fn from_cwd(path: &Path, cwd: &Path) -> String {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let shown = crate::config::display_relative(cwd, &absolute);
    if Path::new(&shown).is_relative() {
        return shown;
    }
    crate::config::display_relative(&real(cwd), &real(&absolute))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    #[test]
    fn annotations_escape_what_would_end_the_command() {
        let location = Location { file: "a,b: 100%.md".to_owned(), line: Some(3), column: Some(7) };
        let d = Diagnostic::error(Some(location), "50% off\r\nnow".to_owned())
            .with_code("invalid-date")
            .with_hint("write it, as `2026-01-30`");
        let root = Path::new("/site");
        assert_eq!(
            github(&d, Some(root), Path::new("/")),
            "::error file=site/a%2Cb%3A 100%25.md,line=3,col=7,title=invalid-date::\
             50%25 off%0D%0Anow%0Ahelp: write it, as `2026-01-30`"
        );
    }

    #[test]
    fn annotations_name_the_file_from_the_current_folder() {
        let location = Location { file: "articles/x.md".to_owned(), line: Some(4), column: None };
        let d = Diagnostic::warning(Some(location), "m".to_owned());
        assert_eq!(
            github(&d, Some(Path::new("/repo/site")), Path::new("/repo")),
            "::warning file=site/articles/x.md,line=4,title=feedwright::m"
        );
        assert_eq!(
            github(&d, Some(Path::new(".")), Path::new("/repo")),
            "::warning file=articles/x.md,line=4,title=feedwright::m"
        );
        let note = Diagnostic::note(None, "using feedwright.toml".to_owned());
        assert_eq!(github(&note, None, Path::new("/repo")), "::notice title=feedwright::using feedwright.toml");
    }
}

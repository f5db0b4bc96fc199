//! The command line, as clap derive structs. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  one or more articles are invalid; nothing was written
     (with --check: the feeds on disk are stale;
     with --deny-warnings: there were warnings)
  2  usage or configuration error; nothing was written
  3  reading or writing files failed; feeds already in place were kept";

/// Turns a folder of articles into RSS 2.0, Atom 1.0 and JSON Feed 1.1.
#[derive(Debug, Parser)]
#[command(name = "feedwright", version, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,

    #[command(flatten)]
    pub(crate) color: ColorArgs,

    #[command(flatten)]
    pub(crate) verbosity: VerbosityArgs,
}

/// `--color`, for every subcommand.
#[derive(Debug, Args)]
pub(crate) struct ColorArgs {
    /// Colour the errors, warnings and notes: `auto` when stderr is a
    /// terminal and `NO_COLOR` is not set; `always` even then.
    #[arg(long, value_name = "WHEN", value_enum, global = true, default_value_t)]
    pub(crate) color: crate::diagnostic::ColorChoice,
}

/// `-q` and `-v`, taken by every subcommand (before or after its name).
#[derive(Debug, Clone, Copy, Args)]
pub(crate) struct VerbosityArgs {
    /// Print only errors: no warnings, notes, summary or progress.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,

    /// Also print the files skipped as not articles and what the build
    /// cache saved (articles reused, feeds unchanged).
    #[arg(long, short, global = true)]
    pub(crate) verbose: bool,
}

impl VerbosityArgs {
    pub(crate) fn level(self) -> crate::diagnostic::Verbosity {
        use crate::diagnostic::Verbosity;
        match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Start a site: write feedwright.toml (every key, commented), an
    /// example article and a .gitignore for the build cache.
    Init(InitArgs),
    /// Build the feeds from the articles folder.
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
    /// Write a new article (a draft, unless --publish) and print its path.
    New(NewArgs),
    /// List every article with its status, date, id, slug and tags.
    List(ListArgs),
    /// Check RSS, Atom and JSON Feed files against the specs' rules.
    #[command(after_help = CHECK_EXIT_CODES)]
    Check(CheckArgs),
    /// Keep the entry ids of the site's old feed (Jekyll, Hugo, Zola,
    /// Eleventy …): write each matched entry's id into its article's front
    /// matter.
    #[command(after_help = ADOPT_EXIT_CODES)]
    Adopt(AdoptArgs),
    /// Tell the WebSub hub (`hub` under `[feeds]`) that feeds changed, so
    /// it pushes them to subscribers now.
    #[command(after_help = PING_EXIT_CODES)]
    Ping(PingArgs),
    /// Build, then serve the feeds folder over HTTP for a preview (a feed
    /// reader or a browser on this machine), rebuilding when an article or
    /// the configuration changes. Ctrl-C stops it.
    Serve(ServeArgs),
    /// Print a shell completion script on standard output.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on standard output: `feedwright man |
    /// man -l -`.
    Man(ManArgs),
}

const PING_EXIT_CODES: &str = "\
Exit codes:
  0  the hub accepted every feed
  1  the hub refused a feed or could not be reached (the others were sent)
  2  usage or configuration error (no `hub`, no feeds.opml, a bad URL);
     nothing was sent";

/// Which feeds to announce, to the configured hub.
#[derive(Debug, Args)]
pub(crate) struct PingArgs {
    /// The site configuration (default: `feedwright.toml` here or in the
    /// nearest folder above); its `[feeds] hub` is notified.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// The folder the feeds were built into, when not the configured one
    /// (`build --out DIR`): its feeds.opml lists the feeds to announce.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,

    /// The feed URLs to announce; without any, every feed listed in the
    /// output folder's feeds.opml.
    #[arg(value_name = "TOPIC_URL")]
    pub(crate) topics: Vec<String>,
}

/// Which manual page.
#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// The subcommand whose page to print (`build`, `check` …); without
    /// it, the page of `feedwright` itself.
    #[arg(value_name = "SUBCOMMAND")]
    pub(crate) subcommand: Option<String>,

    /// Write every page (`feedwright.1`, `feedwright-build.1` …) into DIR
    /// instead, as `make install-man` does.
    #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
    pub(crate) out: Option<PathBuf>,
}

/// The shell to complete in.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell (`bash`, `zsh`, `fish`, `powershell`, `elvish`).
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

const ADOPT_EXIT_CODES: &str = "\
Exit codes:
  0  every matched entry was adopted (or already was); unmatched entries
     are reported, not failures
  1  an entry needs attention (a conflict, an ambiguous match, an id that
     cannot be used, a file that cannot take it; the others were adopted),
     an old feed is not a feed, or an article is invalid (nothing written)
  2  usage or configuration error; nothing was written
  3  reading or writing a file failed";

/// The old feeds and what to do with their ids.
#[derive(Debug, Args)]
pub(crate) struct AdoptArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,

    /// The feeds the site published before (RSS, Atom or JSON Feed files,
    /// told apart by content); `-` reads standard input.
    #[arg(required = true, value_name = "FEED")]
    pub(crate) feeds: Vec<PathBuf>,

    /// Report what would be adopted; write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,

    /// Replace an `id` an article's front matter already has with the old
    /// feed's.
    #[arg(long)]
    pub(crate) force: bool,

    /// The folder of the feeds feedwright published (default: the
    /// configured one), to warn when adopting changes an id they show.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,

    /// Print the report as JSON on standard output instead of text.
    #[arg(long, value_name = "FORMAT", value_enum)]
    pub(crate) report: Option<AdoptReport>,
}

/// Machine-readable reports of `adopt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AdoptReport {
    /// Every old entry with its outcome, article and reason.
    Json,
}

const CHECK_EXIT_CODES: &str = "\
Exit codes:
  0  no errors (and no warnings, with --deny-warnings)
  1  errors found (or warnings, with --deny-warnings)
  2  usage or I/O problem";

/// Where to start a site.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The site folder, created if missing.
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,

    /// Replace feedwright.toml and the example article if they exist.
    #[arg(long)]
    pub(crate) force: bool,
}

/// The new article.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,

    /// The article's title.
    pub(crate) title: String,

    /// Tags, separated by commas.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub(crate) tags: Vec<String>,

    /// The publication date, in any form an article's `date` takes
    /// (`2026-01-30`, `2026-01-30 18:00`, RFC 3339, RFC 2822); without an
    /// offset, in the site's time zone. It also dates the file name and the
    /// id. Default: now (`SOURCE_DATE_EPOCH` when set).
    #[arg(long, value_name = "DATE")]
    pub(crate) date: Option<String>,

    /// The URL segment, also used in the file name and the id, made URL-safe
    /// (lower case, `-` between words). Default: from the title.
    #[arg(long, value_name = "SLUG")]
    pub(crate) slug: Option<String>,

    /// Create the article as a draft (`draft: true`), which builds leave
    /// out until the line is removed. The default.
    #[arg(long, conflicts_with = "publish")]
    pub(crate) draft: bool,

    /// Create the article ready to publish: the next build publishes it
    /// (or, if it is dated in the future, the first build after its date).
    #[arg(long)]
    pub(crate) publish: bool,
}

/// What to list and how.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,

    /// How to print the list.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub(crate) format: ListFormat,
}

/// Output formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ListFormat {
    /// One aligned line per article.
    Text,
    /// A JSON array.
    Json,
}

/// Which files to check and how to report.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Feed files to check; `-` reads standard input. A folder: the
    /// feeds in it and its sub-folders (`rss.xml`, `atom.xml`, `feed.json` and any other
    /// `.xml` or `.json` file that starts like a feed).
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,

    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub(crate) format: ReportFormat,

    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub(crate) deny_warnings: bool,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ReportFormat {
    /// Compiler-style lines: `file:line:col: severity[Code]: message`.
    Text,
    /// One JSON document listing every finding.
    Json,
    /// SARIF 2.1.0, for CI annotations.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`): one
    /// annotation per finding (docs/ci.md).
    Github,
}

/// Where the site is, for every command that reads one.
#[derive(Debug, Args)]
pub(crate) struct SiteArgs {
    /// The site configuration; the site folder is the folder it is in.
    /// Default: `feedwright.toml` in this folder or the nearest folder above.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Read articles from DIR instead of the configured folder.
    #[arg(long, value_name = "DIR")]
    pub(crate) articles: Option<PathBuf>,
}

/// What to build and how.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,

    /// Write feeds to DIR instead of the configured folder.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,

    /// Write nothing; exit 1 if the feeds on disk differ from what the
    /// articles produce, listing the entries added, changed and removed.
    #[arg(long)]
    pub(crate) check: bool,

    /// Also print a report on standard output, for bots: the entries added,
    /// changed and removed, and every error, warning and note (also when the
    /// build fails).
    #[arg(long, value_name = "FORMAT", value_enum)]
    pub(crate) report: Option<ChangeReport>,

    /// Fail (exit 1, nothing written) when there is any warning.
    #[arg(long)]
    pub(crate) deny_warnings: bool,

    /// Publish articles dated in the future now instead of waiting.
    #[arg(long)]
    pub(crate) include_future: bool,

    /// Print the time each stage took, and the peak memory by the end of each.
    #[arg(long)]
    pub(crate) timings: bool,

    /// After a successful build, notify the WebSub hub (`[feeds] hub`) of
    /// every feed file the build changed.
    #[arg(long, conflicts_with = "check")]
    pub(crate) ping: bool,
}

/// Where to serve the preview, and what to build.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,

    /// Write and serve the feeds in DIR instead of the configured folder.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,

    /// The TCP port (0: any free port; the address is printed).
    #[arg(long, short, value_name = "N", default_value_t = 8080)]
    pub(crate) port: u16,

    /// The address to listen on. The default is reachable from this
    /// machine only; any other address is served with a warning, since
    /// the preview is meant for you, not the network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,

    /// Publish articles dated in the future now instead of waiting.
    #[arg(long)]
    pub(crate) include_future: bool,
}

/// Machine-readable reports of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ChangeReport {
    /// The changes, held-back articles and diagnostics (docs/ci.md).
    Json,
    /// The diagnostics as SARIF 2.1.0, for code-scanning annotations.
    Sarif,
    /// Every error, warning and note as a GitHub Actions annotation
    /// (`::error file=…,line=…::…`), paths relative to the current folder.
    Github,
}

#[cfg(test)]
mod tests {
    use super::Cli;

    #[test]
    fn command_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

//! One module per subcommand, each with a `run(&Args)`.

pub(crate) mod adopt;
pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod init;
pub(crate) mod list;
pub(crate) mod new;

use std::sync::atomic::{AtomicU8, Ordering};

use crate::diagnostic::Diagnostic;

/// How much a command prints on stderr besides its errors (`-q`, `-v`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Verbosity {
    /// `-q`: errors only.
    Quiet = 0,
    Normal = 1,
    /// `-v`: also skipped files and the cache's decisions.
    Verbose = 2,
}

impl From<crate::cli::VerbosityArgs> for Verbosity {
    fn from(args: crate::cli::VerbosityArgs) -> Self {
        match (args.quiet, args.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }
}

/// Set once per run, from the command line, before the command starts:
/// every printer consults it rather than each command's arguments carrying
/// it through every stage.
static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

pub(crate) fn set_verbosity(verbosity: Verbosity) {
    VERBOSITY.store(verbosity as u8, Ordering::Relaxed);
}

pub(crate) fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        2 => Verbosity::Verbose,
        _ => Verbosity::Normal,
    }
}

/// With `-v`, one line on stderr about what was skipped or reused.
pub(crate) fn verbose(line: std::fmt::Arguments<'_>) {
    if verbosity() == Verbosity::Verbose {
        use std::io::Write;
        let _ = writeln!(std::io::stderr().lock(), "info: {line}");
    }
}

/// Prints warnings and notes on stderr, one after another (with `-q`, only
/// errors). A closed stderr leaves nowhere to print them, and is no reason
/// to fail.
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    use std::io::Write;
    let quiet = verbosity() == Verbosity::Quiet;
    let mut err = std::io::stderr().lock();
    for diagnostic in diagnostics.iter().filter(|d| !quiet || d.is_error()) {
        let _ = writeln!(err, "{}", crate::diagnostic::render(diagnostic));
    }
}

impl crate::cli::SiteArgs {
    /// What the command line overrides in the configuration (`out`: the
    /// `--out` of commands that write feeds).
    fn overrides<'a>(&'a self, out: Option<&'a std::path::Path>) -> crate::config::Overrides<'a> {
        crate::config::Overrides { config: self.config.as_deref(), articles: self.articles.as_deref(), out }
    }
}

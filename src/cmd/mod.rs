//! One module per subcommand, each with a `run(&Args)`.

pub(crate) mod adopt;
pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod init;
pub(crate) mod list;
pub(crate) mod new;
pub(crate) mod ping;
pub(crate) mod serve;

use crate::diagnostic::{Diagnostic, Verbosity, verbosity};

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

//! One module per subcommand, each with a `run(&Args)`.

pub(crate) mod adopt;
pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod init;
pub(crate) mod list;
pub(crate) mod new;

use crate::diagnostic::Diagnostic;

/// Prints warnings and notes on stderr, one after another. A closed stderr
/// leaves nowhere to print them, and is no reason to fail.
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    for diagnostic in diagnostics {
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

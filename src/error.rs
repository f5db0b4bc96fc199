//! How a run fails, and the one place that prints the failure and picks the
//! exit code (listed in `--help`).

use std::io::Write;
use std::process::ExitCode;

use crate::diagnostic::Diagnostic;

/// The process exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    Success = 0,
    /// One or more articles are invalid (nothing was written), or
    /// `build --check` found stale feeds.
    Failed = 1,
    /// Bad command line or configuration; nothing was written.
    Usage = 2,
    /// Reading or writing failed; feeds already in place were kept.
    Io = 3,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// Why a command did not succeed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The configuration (or a command-line override) is wrong.
    Config(Vec<Diagnostic>),
    /// One or more articles are wrong; every finding is listed.
    Input(Vec<Diagnostic>),
    /// The file system failed us; the chain says which path and why.
    Io(anyhow::Error),
    /// `--deny-warnings` and warnings (listed, with any notes).
    Denied(Vec<Diagnostic>),
    /// `build --check`: the feeds on disk are not what the articles produce
    /// (the details were already printed).
    Stale(usize),
    /// The feeds were written, but the WebSub hub was not told of them all
    /// (`build --ping`).
    Ping(Vec<Diagnostic>),
}

impl Failure {
    pub(crate) fn exit(&self) -> Exit {
        match self {
            Failure::Config(_) => Exit::Usage,
            Failure::Input(_) | Failure::Denied(_) | Failure::Stale(_) | Failure::Ping(_) => Exit::Failed,
            Failure::Io(_) => Exit::Io,
        }
    }

    /// Prints the failure to stderr once, headline first, then its causes.
    /// `outcome` is the closing line, with `{}` standing for the count
    /// ("build failed: {}; no feed was written").
    pub(crate) fn report(&self, outcome: &str) {
        let mut err = std::io::stderr().lock();
        // A closed stderr leaves nowhere to complain to; the exit code still tells.
        let _ = match self {
            Failure::Config(diagnostics) => print_all(&mut err, diagnostics, "configuration", outcome),
            Failure::Input(diagnostics) => print_all(&mut err, diagnostics, "article", outcome),
            Failure::Io(error) => print_io(&mut err, error),
            Failure::Denied(diagnostics) => print_denied(&mut err, diagnostics, outcome),
            Failure::Ping(diagnostics) => print_ping(&mut err, diagnostics),
            Failure::Stale(count) => writeln!(
                err,
                "error: {count} feed{} out of date: run `feedwright build` and commit the result",
                if *count == 1 { " is" } else { "s are" }
            ),
        };
    }
}

fn print_all(out: &mut impl Write, diagnostics: &[Diagnostic], what: &str, outcome: &str) -> std::io::Result<()> {
    for diagnostic in diagnostics {
        writeln!(out, "{}", crate::diagnostic::render(diagnostic))?;
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let plural = if errors == 1 { "" } else { "s" };
    closing(out, outcome.replace("{}", &format!("{errors} {what} error{plural}")))
}

fn print_denied(out: &mut impl Write, diagnostics: &[Diagnostic], outcome: &str) -> std::io::Result<()> {
    for diagnostic in diagnostics {
        writeln!(out, "{}", crate::diagnostic::render(diagnostic))?;
    }
    let warnings = diagnostics.iter().filter(|d| d.is_warning()).count();
    let plural = if warnings == 1 { "" } else { "s" };
    let count = format!("{warnings} warning{plural} and `--deny-warnings`");
    closing(out, outcome.replace("{}", &count))
}

/// The closing `error: ...` line, coloured as the diagnostics are.
fn print_ping(out: &mut impl Write, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    for diagnostic in diagnostics {
        writeln!(out, "{}", crate::diagnostic::render(diagnostic))?;
    }
    let refused = diagnostics.iter().filter(|d| d.is_error()).count();
    let them = if refused == 1 { "1 feed" } else { &format!("{refused} feeds") };
    closing(out, format!("the feeds were written, but the hub was not told of {them}: run `feedwright ping` to retry"))
}

fn closing(out: &mut impl Write, text: String) -> std::io::Result<()> {
    writeln!(out, "{}", crate::diagnostic::render(&Diagnostic::error(None, text)))
}

fn print_io(out: &mut impl Write, error: &anyhow::Error) -> std::io::Result<()> {
    writeln!(out, "error: {error}")?;
    for cause in error.chain().skip(1) {
        writeln!(out, "  caused by: {cause}")?;
    }
    writeln!(out, "  note: no feed was left half-written: each is its old or its new version")
}

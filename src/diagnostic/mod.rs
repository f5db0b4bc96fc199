//! Problems found in the user's files, with where they are and what to do.
//!
//! Every stage that reads user input returns `Diagnostic`s instead of
//! stopping at the first problem, so that one run reports every bad article.

mod render;

use std::fmt;

pub(crate) use render::{ColorChoice, render, render_plain, set_color, set_site};

/// How much a command prints on stderr besides its errors (`-q`, `-v`).
/// Kept here, beside the colour choice, because whatever prints to stderr
/// (the configuration's notes too, not only the commands) must follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Verbosity {
    /// `-q`: errors only.
    Quiet = 0,
    Normal = 1,
    /// `-v`: also skipped files and the cache's decisions.
    Verbose = 2,
}

/// Set once per run, from the command line, before the command starts:
/// every printer consults it rather than each command's arguments carrying
/// it through every stage.
static VERBOSITY: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(Verbosity::Normal as u8);

pub(crate) fn set_verbosity(verbosity: Verbosity) {
    VERBOSITY.store(verbosity as u8, std::sync::atomic::Ordering::Relaxed);
}

pub(crate) fn verbosity() -> Verbosity {
    match VERBOSITY.load(std::sync::atomic::Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        2 => Verbosity::Verbose,
        _ => Verbosity::Normal,
    }
}

/// How bad a finding is: errors stop the build; warnings do not, unless
/// `--deny-warnings`; notes only say what feedwright did with a value that
/// was fine to read (a slug made URL-safe, a page skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A file (by its path relative to the site folder) and, when known, a
/// line and a column (both from 1; the column counts characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct Location {
    pub(crate) file: String,
    pub(crate) line: Option<usize>,
    pub(crate) column: Option<usize>,
}

impl Location {
    pub(crate) fn file(file: impl Into<String>) -> Self {
        Self { file: file.into(), line: None, column: None }
    }

    pub(crate) fn at(file: impl Into<String>, line: usize) -> Self {
        Self { file: file.into(), line: Some(line), column: None }
    }

    pub(crate) fn at_column(file: impl Into<String>, line: usize, column: usize) -> Self {
        Self { file: file.into(), line: Some(line), column: Some(column) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{}:{line}:{column}", self.file),
            (Some(line), None) => write!(f, "{}:{line}", self.file),
            _ => f.write_str(&self.file),
        }
    }
}

/// One finding: `error: articles/a.md:3: message`, then `  help: hint`.
/// `code` names the kind of finding for machines (`--report json`), in
/// kebab case (`unknown-key`), or as the W3C names it for a feed rule.
///
/// `code` and `hint` are boxed `str`s, not `String`s, to keep a diagnostic
/// under 128 bytes: many functions return one as their error (clippy's
/// `result_large_err`). Both encode as strings do, in the cache too.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Diagnostic {
    pub(crate) severity: Severity,
    pub(crate) location: Option<Location>,
    pub(crate) code: Option<Box<str>>,
    pub(crate) message: String,
    pub(crate) hint: Option<Box<str>>,
}

impl Diagnostic {
    fn new(severity: Severity, location: Option<Location>, message: impl Into<String>) -> Self {
        Self { severity, location, code: None, message: message.into(), hint: None }
    }

    pub(crate) fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, location, message)
    }

    pub(crate) fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, location, message)
    }

    pub(crate) fn note(location: Option<Location>, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, location, message)
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into().into_boxed_str());
        self
    }

    pub(crate) fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into().into_boxed_str());
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub(crate) fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.severity.label();
        match &self.location {
            Some(location) => write!(f, "{label}: {location}: {}", self.message)?,
            None => write!(f, "{label}: {}", self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// Collects findings while a stage runs over many inputs.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// The findings in a stable order: by file, then line, errors first.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            a.location.cmp(&b.location).then(b.severity.cmp(&a.severity)).then(a.message.cmp(&b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_sorted().into_iter()
    }
}

/// serde's type words as a TOML or YAML user knows them (`a list`, not
/// `a sequence`); a Rust type name left in a message (`expected struct
/// PersonTable`, set where no `expecting` names the allowed values)
/// becomes "an allowed value": no message shows a Rust type.
pub(crate) fn plain_words(message: &str) -> String {
    let message = message
        .replace("a sequence", "a list")
        .replace("invalid type: sequence", "invalid type: list")
        .replace("expected a map", "expected a table or map");
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(at) = ["expected struct ", "expected enum ", "data did not match any variant of untagged enum "]
        .iter()
        .filter_map(|m| rest.find(m).map(|i| (i, *m)))
        .min()
    {
        let (index, marker) = at;
        out.push_str(&rest[..index]);
        let after = &rest[index + marker.len()..];
        let name_len = after.find(|c: char| !c.is_alphanumeric() && c != '_').unwrap_or(after.len());
        out.push_str(if marker.starts_with("expected") {
            "expected an allowed value"
        } else {
            "the value is none of those allowed"
        });
        rest = &after[name_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_hint() {
        let d = Diagnostic::error(Some(Location::at("articles/a.md", 3)), "missing `title`")
            .with_hint("add `title: ...` to the front matter");
        assert_eq!(
            d.to_string(),
            "error: articles/a.md:3: missing `title`\n  help: add `title: ...` to the front matter"
        );
    }

    #[test]
    fn sorted_by_file_then_line() {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::error(Some(Location::at("b", 1)), "x"));
        all.push(Diagnostic::warning(Some(Location::at("a", 9)), "y"));
        all.push(Diagnostic::error(Some(Location::at("a", 2)), "z"));
        let files: Vec<_> = all.into_sorted().into_iter().map(|d| d.location.unwrap().to_string()).collect();
        assert_eq!(files, ["a:2", "a:9", "b:1"]);
    }

    #[test]
    fn no_rust_type_names() {
        assert_eq!(
            plain_words("invalid type: integer `3`, expected struct PersonTable"),
            "invalid type: integer `3`, expected an allowed value"
        );
        assert_eq!(
            plain_words("data did not match any variant of untagged enum EntriesValue"),
            "the value is none of those allowed"
        );
        assert_eq!(
            plain_words("invalid type: sequence, expected a map"),
            "invalid type: list, expected a table or map"
        );
        assert_eq!(plain_words("expected enum A or enum B_c."), "expected an allowed value or enum B_c.");
    }

    #[test]
    fn small_enough_to_return_as_an_error() {
        assert!(std::mem::size_of::<Diagnostic>() < 128, "{}", std::mem::size_of::<Diagnostic>());
    }
}

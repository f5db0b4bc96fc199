//! Problems found in the user's files, with where they are and what to do.
//!
//! Every stage that reads user input returns `Diagnostic`s instead of
//! stopping at the first problem, so that one run reports every bad article.

use std::fmt;

/// How bad a finding is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub(crate) enum Severity {
    Warning,
    Error,
}

/// A file (by its path relative to the site folder) and, when known, a line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub(crate) struct Location {
    pub(crate) file: String,
    pub(crate) line: Option<usize>,
}

impl Location {
    pub(crate) fn file(file: impl Into<String>) -> Self {
        Self { file: file.into(), line: None }
    }

    pub(crate) fn at(file: impl Into<String>, line: usize) -> Self {
        Self { file: file.into(), line: Some(line) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// One finding: `error: articles/a.md:3: message`, then `  help: hint`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Diagnostic {
    pub(crate) severity: Severity,
    pub(crate) location: Option<Location>,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, location, message: message.into(), hint: None }
    }

    pub(crate) fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, location, message: message.into(), hint: None }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
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
}

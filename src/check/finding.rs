//! What `check` finds, and the one place findings are collected: `Finding`
//! (severity, W3C code, position, message, hint), `Findings` (per-document
//! collector that caps floods and sorts), and `Kind` (what the document
//! turned out to be).
//!
//! The bottom of `check/`: every other file of `check/` may use this one,
//! and this one uses only `html` (to inspect HTML values, skipping those the
//! caller already found clean). It knows nothing of XML, JSON or any format.

use std::collections::HashMap;
use std::sync::Arc;

use super::html::{self, HtmlIssue, KnownClean};

/// How bad a finding is. Ordered so that `max()` gives the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) struct Pos {
    pub(crate) line: u64,
    pub(crate) col: u64,
}

impl Pos {
    pub(crate) const START: Pos = Pos { line: 1, col: 1 };
}

/// One finding in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) severity: Severity,
    /// The W3C Feed Validation Service message name, e.g. `InvalidRFC2822Date`.
    pub(crate) code: &'static str,
    pub(crate) pos: Pos,
    pub(crate) message: String,
    pub(crate) hint: String,
}

impl Finding {
    pub(crate) fn new(
        severity: Severity,
        code: &'static str,
        pos: Pos,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self { severity, code, pos, message: message.into(), hint: hint.into() }
    }
}

/// Which kind of document a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Rss,
    Atom,
    JsonFeed,
    /// Not a feed we know, or unreadable before its root.
    Unknown,
}

/// Collects findings for one document. Identical repeats of a message on
/// the same line are dropped, and a flood of one code is cut short so that
/// a broken 1 GB file does not produce a 1 GB report.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    items: Vec<Finding>,
    per_code: HashMap<&'static str, usize>,
    /// HTML the caller already inspected (see `KnownClean`).
    known_clean: Option<Arc<KnownClean>>,
}

/// Beyond this many findings of one code in one file, the rest are counted
/// in a single closing note.
const MAX_PER_CODE: usize = 100;

impl Findings {
    /// An empty collection that takes the HTML values in `known_clean` as
    /// inspected.
    pub(crate) fn knowing(known_clean: Option<Arc<KnownClean>>) -> Findings {
        Findings { known_clean, ..Findings::default() }
    }

    pub(crate) fn push(&mut self, finding: Finding) {
        let count = self.per_code.entry(finding.code).or_insert(0);
        *count += 1;
        if *count <= MAX_PER_CODE {
            self.items.push(finding);
        }
    }

    pub(crate) fn error(&mut self, code: &'static str, pos: Pos, message: impl Into<String>, hint: impl Into<String>) {
        self.push(Finding::new(Severity::Error, code, pos, message, hint));
    }

    pub(crate) fn warning(
        &mut self,
        code: &'static str,
        pos: Pos,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Finding::new(Severity::Warning, code, pos, message, hint));
    }

    /// Whether any error was found.
    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether a finding with `code` was kept.
    pub(crate) fn has_code(&self, code: &str) -> bool {
        self.items.iter().any(|f| f.code == code)
    }

    /// An empty collection for the same document (same known HTML), whose
    /// findings `absorb` adds later.
    pub(crate) fn sibling(&self) -> Findings {
        Findings::knowing(self.known_clean.clone())
    }

    /// Adds the findings of a `sibling`, with its counts of those cut short.
    pub(crate) fn absorb(&mut self, other: Findings) {
        let mut kept: HashMap<&'static str, usize> = HashMap::new();
        for finding in other.items {
            *kept.entry(finding.code).or_insert(0) += 1;
            self.push(finding);
        }
        for (code, count) in other.per_code {
            *self.per_code.entry(code).or_insert(0) += count - kept.get(code).copied().unwrap_or(0);
        }
    }

    /// `html::inspect`, skipped for HTML the caller already found clean.
    fn html_issues(&self, html: &str, has_base: bool) -> Vec<HtmlIssue> {
        if self.known_clean.as_ref().is_some_and(|known| known.contains(html)) {
            return Vec::new();
        }
        html::inspect(html, has_base)
    }

    /// The warnings for the HTML value `markup` of `what` (an element or
    /// member name) at `pos`; `has_base` when an absolute base URI is in
    /// scope, which makes relative references resolvable.
    pub(crate) fn html_warnings(&mut self, markup: &str, has_base: bool, pos: Pos, what: &str) {
        for issue in self.html_issues(markup, has_base) {
            self.warning(issue.code, pos, format!("`{what}`: {}", issue.message), html::hint(issue.code));
        }
    }

    /// The findings by position, then code; with a note for any code that
    /// was cut short.
    pub(crate) fn into_sorted(mut self) -> Vec<Finding> {
        for (code, count) in &self.per_code {
            if *count > MAX_PER_CODE {
                let last = self.items.iter().filter(|f| f.code == *code).map(|f| f.pos).max().unwrap_or(Pos::START);
                self.items.push(Finding::new(
                    Severity::Info,
                    code,
                    last,
                    format!("{} more `{code}` findings not shown", count - MAX_PER_CODE),
                    "fix the ones shown and check again",
                ));
            }
        }
        self.items.sort_by(|a, b| a.pos.cmp(&b.pos).then(b.severity.cmp(&a.severity)).then(a.code.cmp(b.code)));
        self.items.dedup();
        self.items
    }
}

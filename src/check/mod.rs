//! `check`: judge a feed document (RSS 2.0 / 0.9x, Atom 1.0, JSON Feed 1.x)
//! the way the W3C Feed Validation Service does, offline and streaming.
//!
//! ```text
//! bytes -encoding::open-> UTF-8 stream -xml::parse-> Element subtrees
//!       -rss | atom rules-> Finding
//! bytes -json::parse-> spanned JSON value -json_feed rules-> Finding
//! ```
//!
//! The checker reads raw documents, never our model, so it judges foreign
//! feeds too. Every finding carries a stable code named after the W3C
//! validator's message (`InvalidRFC2822Date`, `MissingAtomSelfLink`, ...),
//! the W3C's severity for it, a 1-based line and column, a message and a
//! hint. Nothing here panics on any input and nothing is fetched: external
//! entities and DTDs are never read (see `xml`).

mod atom;
mod encoding;
mod html;
mod json;
mod json_feed;
mod report;
mod rss;
mod values;
mod xml;

use std::io::BufRead;
use std::sync::Arc;

pub(crate) use html::KnownClean;
pub(crate) use report::{FileReport, write_report};

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

/// Collects findings for one document. Identical repeats of a message on
/// the same line are dropped, and a flood of one code is cut short so that
/// a broken 1 GB file does not produce a 1 GB report.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    items: Vec<Finding>,
    per_code: std::collections::HashMap<&'static str, usize>,
    /// HTML the caller already inspected (see `KnownClean`).
    known_clean: Option<Arc<KnownClean>>,
}

/// Beyond this many findings of one code in one file, the rest are counted
/// in a single closing note.
const MAX_PER_CODE: usize = 100;

impl Findings {
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

    /// An empty collection for the same document (same known HTML), whose
    /// findings `absorb` adds later.
    pub(crate) fn sibling(&self) -> Findings {
        Findings { known_clean: self.known_clean.clone(), ..Findings::default() }
    }

    /// Adds the findings of a `sibling`, with its counts of those cut short.
    pub(crate) fn absorb(&mut self, other: Findings) {
        let mut kept: std::collections::HashMap<&'static str, usize> = std::collections::HashMap::new();
        for finding in other.items {
            *kept.entry(finding.code).or_insert(0) += 1;
            self.push(finding);
        }
        for (code, count) in other.per_code {
            *self.per_code.entry(code).or_insert(0) += count - kept.get(code).copied().unwrap_or(0);
        }
    }

    /// `html::inspect`, skipped for HTML the caller already found clean.
    pub(crate) fn html_issues(&self, html: &str, has_base: bool) -> Vec<html::HtmlIssue> {
        if self.known_clean.as_ref().is_some_and(|known| known.contains(html)) {
            return Vec::new();
        }
        html::inspect(html, has_base)
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

/// Which kind of document a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Rss,
    Atom,
    JsonFeed,
    /// Not a feed we know, or unreadable before its root.
    Unknown,
}

/// Checks one document read from `input` and returns its findings, sorted.
/// `Err` only for I/O failures of the input itself.
pub(crate) fn check(input: impl BufRead) -> std::io::Result<(Kind, Vec<Finding>)> {
    check_knowing(input, None)
}

/// `check`, with HTML values in `known_clean` taken as inspected: the same
/// findings, sooner, for a document whose HTML the caller has seen.
pub(crate) fn check_knowing(
    input: impl BufRead,
    known_clean: Option<Arc<KnownClean>>,
) -> std::io::Result<(Kind, Vec<Finding>)> {
    let mut findings = Findings { known_clean, ..Findings::default() };
    let kind = match encoding::open(input, &mut findings)? {
        encoding::Opened::Json(bytes) => {
            json_feed::check(&bytes, &mut findings);
            Kind::JsonFeed
        }
        encoding::Opened::Xml(stream) => xml::check(stream, &mut findings)?,
        encoding::Opened::Unreadable => Kind::Unknown,
    };
    Ok((kind, findings.into_sorted()))
}

/// `check` on bytes in memory (tests).
#[cfg(test)]
pub(crate) fn check_bytes(bytes: &[u8]) -> Vec<Finding> {
    match check(bytes) {
        Ok((_, findings)) => findings,
        Err(err) => panic!("reading a slice cannot fail: {err}"),
    }
}

/// `code@line:col` for every finding, for compact test assertions.
#[cfg(test)]
pub(crate) fn codes(bytes: &[u8]) -> Vec<String> {
    check_bytes(bytes).iter().map(|f| format!("{}@{}:{}", f.code, f.pos.line, f.pos.col)).collect()
}

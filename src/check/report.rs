//! Last stage of `check`: print the findings of every file as compiler-style
//! text, one JSON document, or SARIF 2.1.0 (for CI annotations).
//!
//! Owns the report formats and the `Summary` the exit code follows from.
//! Uses only `finding`; it knows nothing of the command line (`cmd/check.rs`
//! maps `--format` to `ReportFormat`) and never judges a document.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::finding::{Finding, Kind, Severity};

/// How the findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReportFormat {
    /// `file:line:col: severity[Code]: message` and a `help:` line, for people.
    Text,
    /// One JSON document: every file, its findings, and a summary.
    Json,
    /// SARIF 2.1.0, for code-scanning annotations in CI.
    Sarif,
}

/// One checked file: its name as given, what it was, and what was found;
/// or why it could not be read.
#[derive(Debug)]
pub(crate) struct FileReport {
    pub(crate) name: String,
    pub(crate) kind: Kind,
    pub(crate) findings: Vec<Finding>,
    pub(crate) io_error: Option<String>,
}

/// Counts over every file, which decide the exit code.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) infos: usize,
    pub(crate) unreadable: usize,
}

impl Summary {
    fn of(files: &[FileReport]) -> Self {
        let mut summary = Summary::default();
        for file in files {
            summary.unreadable += usize::from(file.io_error.is_some());
            for finding in &file.findings {
                match finding.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        summary
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Rss => "rss",
        Kind::Atom => "atom",
        Kind::JsonFeed => "json-feed",
        Kind::Unknown => "unknown",
    }
}

/// Writes the report for `files` to `out` (and the text summary to `err`).
pub(crate) fn write_report(
    format: ReportFormat,
    files: &[FileReport],
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Summary> {
    let summary = Summary::of(files);
    match format {
        ReportFormat::Text => text(files, summary, out, err)?,
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_report(files, summary))?;
            writeln!(out)?;
        }
        ReportFormat::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif(files))?;
            writeln!(out)?;
        }
    }
    for file in files {
        if let (Some(error), false) = (&file.io_error, format == ReportFormat::Text) {
            writeln!(err, "error: cannot read `{}`: {error}", file.name)?;
        }
    }
    Ok(summary)
}

fn text(files: &[FileReport], summary: Summary, out: &mut impl Write, err: &mut impl Write) -> io::Result<()> {
    for file in files {
        if let Some(error) = &file.io_error {
            writeln!(err, "error: cannot read `{}`: {error}", file.name)?;
            continue;
        }
        for f in &file.findings {
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}\n  help: {}",
                file.name,
                f.pos.line,
                f.pos.col,
                f.severity.label(),
                f.code,
                f.message,
                f.hint
            )?;
        }
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let checked = files.len() - summary.unreadable;
    writeln!(
        err,
        "checked {checked} file{}: {} error{}, {} warning{}",
        plural(checked),
        summary.errors,
        plural(summary.errors),
        summary.warnings,
        plural(summary.warnings)
    )
}

fn json_report(files: &[FileReport], summary: Summary) -> Value {
    let files: Vec<Value> = files
        .iter()
        .map(|file| {
            let findings: Vec<Value> = file
                .findings
                .iter()
                .map(|f| {
                    json!({
                        "severity": f.severity.label(),
                        "code": f.code,
                        "line": f.pos.line,
                        "column": f.pos.col,
                        "message": f.message,
                        "hint": f.hint,
                    })
                })
                .collect();
            let mut value = json!({ "file": file.name, "format": kind_name(file.kind), "findings": findings });
            if let Some(error) = &file.io_error {
                value["error"] = json!(error);
            }
            value
        })
        .collect();
    json!({
        "files": files,
        "summary": { "errors": summary.errors, "warnings": summary.warnings, "infos": summary.infos },
    })
}

fn sarif(files: &[FileReport]) -> Value {
    let mut rules: Vec<&'static str> = files.iter().flat_map(|f| f.findings.iter().map(|f| f.code)).collect();
    rules.sort_unstable();
    rules.dedup();
    let rule_objects: Vec<Value> = rules
        .iter()
        .map(|code| {
            json!({
                "id": code,
                "name": code,
                "helpUri": format!("https://validator.w3.org/feed/docs/error/{code}.html"),
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let uri = if file.name == "-" { "stdin".to_owned() } else { file.name.replace('\\', "/") };
        for f in &file.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            results.push(json!({
                "ruleId": f.code,
                "ruleIndex": rules.binary_search(&f.code).unwrap_or(0),
                "level": level,
                "message": { "text": format!("{}\nhelp: {}", f.message, f.hint) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": f.pos.line, "startColumn": f.pos.col },
                    }
                }],
            }));
        }
    }
    sarif_log(rule_objects, results, Some("https://validator.w3.org/feed/docs/"))
}

/// A SARIF 2.1.0 log of one feedwright run: `rules` (the `reportingDescriptor`s
/// the results' `ruleIndex` points into) and `results`. `build --report
/// sarif` writes one too.
pub(crate) fn sarif_log(rules: Vec<Value>, results: Vec<Value>, information_uri: Option<&str>) -> Value {
    let mut driver = json!({
        "name": "feedwright",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if let Some(uri) = information_uri {
        driver["informationUri"] = json!(uri);
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// One GitHub Actions workflow command (`::error file=…,line=…,col=…,title=…::message`),
/// escaped as the runner unescapes it (actions/toolkit's `command.ts`): `%`,
/// CR and LF in the message, and also `:` and `,` in the properties, so no
/// value can end the command early or start another one. `level` is
/// `error`, `warning` or `notice`. Also `build --report github`'s, so both
/// commands annotate alike. `check --format github` writes one per finding.
pub(crate) fn github_annotation(
    level: &str,
    file: Option<&str>,
    line: Option<u64>,
    col: Option<u64>,
    title: &str,
    message: &str,
) -> String {
    let data = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut properties = Vec::new();
    if let Some(file) = file {
        properties.push(format!("file={}", property(&file.replace('\\', "/"))));
        properties.extend(line.map(|line| format!("line={line}")));
        properties.extend(col.map(|col| format!("col={col}")));
    }
    properties.push(format!("title={}", property(title)));
    format!("::{level} {}::{}", properties.join(","), data(message))
}

/// `check --format github`: an annotation for every finding and for every
/// file that cannot be read, at the file as named (an absolute name inside
/// the current folder is made relative to it: GitHub wants paths from the
/// repository root, where workflow steps run).
pub(crate) fn github_report(files: &[FileReport], out: &mut impl Write) -> io::Result<()> {
    let cwd = std::env::current_dir().unwrap_or_default();
    for file in files {
        let path = std::path::Path::new(&file.name);
        let name = path.strip_prefix(&cwd).unwrap_or(path).to_string_lossy();
        let name = (file.name != "-").then_some(name.as_ref());
        if let Some(error) = &file.io_error {
            let message = format!("cannot read `{}`: {error}", file.name);
            writeln!(out, "{}", github_annotation("error", name, None, None, "feedwright check", &message))?;
        }
        for f in &file.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let message = format!("{}\nhelp: {}", f.message, f.hint);
            let (line, col) = (Some(f.pos.line), Some(f.pos.col));
            writeln!(out, "{}", github_annotation(level, name, line, col, f.code, &message))?;
        }
    }
    Ok(())
}

//! `feedwright check FILE...`: validate feeds and report every finding.
//!
//! Every file is checked, even after one fails to open; the exit code then
//! follows from everything found (see `--help`).

use std::fs::File;
use std::io::{self, BufReader};

use crate::check::{self, FileReport, Kind};
use crate::cli::{self, CheckArgs};
use crate::error::Exit;

/// Streams are read in chunks this big: large enough for throughput, small
/// enough that memory stays bounded on a 1 GB feed.
const BUFFER: usize = 256 * 1024;

/// Checks every file, prints the report, and returns the exit code.
pub(crate) fn run(args: &CheckArgs) -> Exit {
    let files: Vec<FileReport> = args.files.iter().map(|path| check_one(&path.to_string_lossy())).collect();
    let stdout = io::stdout();
    let stderr = io::stderr();
    let summary = match check::write_report(report_format(args.format), &files, &mut stdout.lock(), &mut stderr.lock())
    {
        Ok(summary) => summary,
        // A closed pipe (`| head`) is not a failure of the check itself.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => return Exit::Success,
        Err(err) => {
            eprintln!("error: cannot write the report: {err}");
            return Exit::Usage;
        }
    };
    if summary.unreadable > 0 {
        Exit::Usage
    } else if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        Exit::Failed
    } else {
        Exit::Success
    }
}

/// `--format`, as the report knows it.
fn report_format(format: cli::ReportFormat) -> check::ReportFormat {
    match format {
        cli::ReportFormat::Text => check::ReportFormat::Text,
        cli::ReportFormat::Json => check::ReportFormat::Json,
        cli::ReportFormat::Sarif => check::ReportFormat::Sarif,
    }
}

fn check_one(name: &str) -> FileReport {
    let result = if name == "-" {
        check::check(BufReader::with_capacity(BUFFER, io::stdin().lock()))
    } else {
        File::open(name).and_then(|file| check::check(BufReader::with_capacity(BUFFER, file)))
    };
    match result {
        Ok((kind, findings)) => FileReport { name: name.to_owned(), kind, findings, io_error: None },
        Err(err) => FileReport {
            name: name.to_owned(),
            kind: Kind::Unknown,
            findings: Vec::new(),
            io_error: Some(err.to_string()),
        },
    }
}

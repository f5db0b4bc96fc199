//! `feedwright check FILE...`: validate feeds and report every finding.
//!
//! Every file is checked, even after one fails to open; the exit code then
//! follows from everything found (see `--help`). A folder stands for the
//! feeds in it; a URL is refused with the command that checks it.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

use crate::check::{self, FileReport, Kind, Severity};
use crate::cli::{self, CheckArgs};
use crate::diagnostic::Verbosity;
use crate::error::Exit;

/// Streams are read in chunks this big: large enough for throughput, small
/// enough that memory stays bounded on a 1 GB feed.
const BUFFER: usize = 256 * 1024;

/// The files `feedwright build` writes: always checked in a folder.
const FEED_NAMES: [&str; 3] = ["rss.xml", "atom.xml", "feed.json"];

/// How much of another `.xml` or `.json` file is read to tell whether it
/// is a feed: its root element or `version` is near the start.
const SNIFF_BYTES: u64 = 4096;

/// Checks every file, prints the report, and returns the exit code.
pub(crate) fn run(args: &CheckArgs) -> Exit {
    if let Some(url) = args.files.iter().find(|path| is_url(path)) {
        let url = url.to_string_lossy();
        eprintln!("error: `{url}` is a URL: `feedwright check` reads files, folders or `-` (standard input)");
        eprintln!("  help: download it and check what arrives: curl -s '{url}' | feedwright check -");
        return Exit::Usage;
    }
    let names: Vec<Target> = args.files.iter().flat_map(|path| targets(path)).collect();
    let files: Vec<FileReport> = names.iter().map(Target::check).collect();
    let github = args.format == cli::ReportFormat::Github;
    let quiet =
        crate::diagnostic::verbosity() == Verbosity::Quiet && (args.format == cli::ReportFormat::Text || github);
    let shown = if quiet { errors_only(&files, args.deny_warnings) } else { Vec::new() };
    let stdout = io::stdout();
    // `--format github`: the annotations on stdout; the rest as with text
    // (the count line and unreadable files on stderr), minus its findings.
    let annotated =
        if github { check::github_report(if quiet { &shown } else { &files }, &mut stdout.lock()) } else { Ok(()) };
    let mut out: Box<dyn Write> = if github { Box::new(io::sink()) } else { Box::new(stdout.lock()) };
    let mut said = Vec::new();
    let written = annotated.and_then(|()| {
        if quiet {
            check::write_report(report_format(args.format), &shown, &mut out, &mut said)
        } else {
            check::write_report(report_format(args.format), &files, &mut out, &mut io::stderr().lock())
        }
    });
    if let Err(err) = written {
        // A closed pipe (`| head`) is not a failure of the check itself.
        if err.kind() == io::ErrorKind::BrokenPipe {
            return Exit::Success;
        }
        eprintln!("error: cannot write the report: {err}");
        return Exit::Usage;
    }
    // `-q`: of what goes to stderr, only the errors (not the count line).
    let said = String::from_utf8_lossy(&said);
    for line in said.lines().filter(|line| line.starts_with("error:")) {
        let _ = writeln!(io::stderr().lock(), "{line}");
    }
    exit_code(&files, args.deny_warnings)
}

/// The exit code for everything found (not only what `-q` shows).
fn exit_code(files: &[FileReport], deny_warnings: bool) -> Exit {
    let count = |severity: Severity| files.iter().flat_map(|f| &f.findings).filter(|f| f.severity == severity).count();
    if files.iter().any(|file| file.io_error.is_some()) {
        Exit::Usage
    } else if count(Severity::Error) > 0 || (deny_warnings && count(Severity::Warning) > 0) {
        Exit::Failed
    } else {
        Exit::Success
    }
}

/// `-q`: each file with only the findings that fail the check.
fn errors_only(files: &[FileReport], deny_warnings: bool) -> Vec<FileReport> {
    let fails = |severity: Severity| severity == Severity::Error || (deny_warnings && severity == Severity::Warning);
    files
        .iter()
        .map(|file| FileReport {
            name: file.name.clone(),
            kind: file.kind,
            findings: file.findings.iter().filter(|f| fails(f.severity)).cloned().collect(),
            io_error: file.io_error.clone(),
        })
        .collect()
}

/// `--format`, as the report knows it.
fn report_format(format: cli::ReportFormat) -> check::ReportFormat {
    match format {
        cli::ReportFormat::Text | cli::ReportFormat::Github => check::ReportFormat::Text,
        cli::ReportFormat::Json => check::ReportFormat::Json,
        cli::ReportFormat::Sarif => check::ReportFormat::Sarif,
    }
}

/// `http://…` or `https://…` that is not also a file of that name.
fn is_url(path: &Path) -> bool {
    let text = path.to_string_lossy().to_ascii_lowercase();
    (text.starts_with("http://") || text.starts_with("https://")) && !path.exists()
}

/// What to check for one argument.
enum Target {
    /// A file, or `-`.
    File(String),
    /// A folder with no feed in it: reported like a file that cannot be read.
    NoFeeds(String),
}

/// The file itself, or for a folder the feeds in it and in its sub-folders
/// (a build's feeds per tag and archive pages are two folders down;
/// hidden folders and links to folders are not followed), sorted by path:
/// `rss.xml`, `atom.xml` and `feed.json` whatever they hold (a broken feed
/// must not go unchecked), and every other `.xml` or `.json` file that
/// starts like a feed.
fn targets(path: &Path) -> Vec<Target> {
    let name = path.to_string_lossy().into_owned();
    if name == "-" || !path.is_dir() {
        return vec![Target::File(name)];
    }
    if std::fs::read_dir(path).is_err() {
        // Opening it reports why it cannot be read.
        return vec![Target::File(name)];
    }
    let mut feeds = Vec::new();
    let mut folders = vec![(path.to_path_buf(), 0)];
    while let Some((folder, depth)) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let (file, kind) = (entry.path(), entry.file_type());
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if kind.as_ref().is_ok_and(std::fs::FileType::is_dir) {
                if !hidden && depth < MAX_DEPTH {
                    folders.push((file, depth + 1));
                }
            } else if file.is_file() && is_feed_file(&file) {
                feeds.push(file);
            }
        }
    }
    feeds.sort();
    if feeds.is_empty() {
        return vec![Target::NoFeeds(name)];
    }
    feeds.into_iter().map(|file| Target::File(file.to_string_lossy().into_owned())).collect()
}

/// How many folders down a folder argument is searched for feeds.
const MAX_DEPTH: usize = 8;

fn is_feed_file(file: &Path) -> bool {
    let name = file.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if FEED_NAMES.contains(&name.as_str()) {
        return true;
    }
    let (xml, json) = (name.ends_with(".xml"), name.ends_with(".json"));
    if !xml && !json || name.starts_with('.') {
        return false;
    }
    let mut head = Vec::new();
    if File::open(file).and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut head)).is_err() {
        return false;
    }
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    if xml {
        ["<rss", "<feed", "<rdf:rdf"].iter().any(|root| head.contains(root))
    } else {
        head.contains("jsonfeed.org/version")
    }
}

impl Target {
    fn check(&self) -> FileReport {
        match self {
            Target::File(name) => check_one(name),
            Target::NoFeeds(name) => FileReport {
                name: name.clone(),
                kind: Kind::Unknown,
                findings: Vec::new(),
                io_error: Some(
                    "a folder with no feed in it (looked for rss.xml, atom.xml, feed.json and \
                     .xml and .json files that start like a feed)"
                        .to_owned(),
                ),
            },
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_apart_from_files() {
        assert!(is_url(Path::new("https://example.com/feed.xml")));
        assert!(is_url(Path::new("HTTP://example.com/")));
        assert!(!is_url(Path::new("feeds/rss.xml")) && !is_url(Path::new("-")));
    }

    #[test]
    fn a_folder_stands_for_the_feeds_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("rss.xml", "not even XML");
        write("index.xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>");
        write("sitemap.xml", "<?xml version=\"1.0\"?>\n<urlset/>");
        write("posts.json", "{\"version\": \"https://jsonfeed.org/version/1.1\"}");
        write("package.json", "{\"name\": \"x\"}");
        write("notes.txt", "<rss");
        std::fs::create_dir_all(dir.path().join("tags/x")).unwrap();
        write("tags/x/atom.xml", "<feed/>");
        std::fs::create_dir(dir.path().join(".hidden")).unwrap();
        write(".hidden/atom.xml", "<feed/>");
        let names: Vec<String> = targets(dir.path())
            .into_iter()
            .map(|t| match t {
                Target::File(name) => Path::new(&name).strip_prefix(dir.path()).unwrap().to_string_lossy().into_owned(),
                Target::NoFeeds(name) => panic!("no feeds in {name}"),
            })
            .collect();
        assert_eq!(names, ["index.xml", "posts.json", "rss.xml", "tags/x/atom.xml"]);
        let empty = tempfile::tempdir().unwrap();
        assert!(matches!(targets(empty.path()).as_slice(), [Target::NoFeeds(_)]));
    }
}

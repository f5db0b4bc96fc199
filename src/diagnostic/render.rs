//! How a diagnostic looks on stderr: today's first line
//! (`error: articles/a.md:4: message`, which people and CI logs grep), then,
//! when the file and line are known, the line itself with a caret under the
//! column and the code beside it, rustc style (drawn by annotate-snippets),
//! then the hint; coloured on a terminal.
//!
//! The line is read only now, at print time: a diagnostic may come from the
//! build cache, so it carries no copy of the text. Reading stops at the line
//! wanted and takes at most `MAX_LINE_BYTES` of it; a file that changed or
//! vanished since just loses its snippet.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, Ordering};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Effects, Style};

use super::{Diagnostic, Severity};

/// `--color`: whether diagnostics are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when stderr is a terminal and `NO_COLOR` is unset or empty.
    #[default]
    Auto,
    /// Always colour, even with `NO_COLOR` (an explicit flag wins, as
    /// no-color.org asks) and in pipes.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether stderr is a terminal and the
    /// environment (`NO_COLOR` set to anything but empty turns auto colour
    /// off, as does `TERM=dumb`).
    pub(crate) fn enabled(self, terminal: bool, env: impl Fn(&str) -> Option<String>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = env("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = env("TERM").is_some_and(|t| t == "dumb");
                terminal && !no_color && !dumb
            }
        }
    }
}

static COLOR: AtomicBool = AtomicBool::new(false);

/// The site folder as given on the command line (relative to the current
/// folder, or absolute) and the configuration file as diagnostics name it.
struct Site {
    root: PathBuf,
    config: String,
}

static SITE: RwLock<Option<Site>> = RwLock::new(None);

/// Colour diagnostics printed from now on (`--color`, decided once).
pub(crate) fn set_color(choice: ColorChoice) {
    use std::io::IsTerminal;
    let on = choice.enabled(std::io::stderr().is_terminal(), |name| std::env::var(name).ok());
    COLOR.store(on, Ordering::Relaxed);
}

/// The site folder: diagnostics name files relative to it, and print them
/// relative to where the user ran the command, so they are clickable.
/// `config` is how the configuration file is named (already relative to
/// the current folder).
pub(crate) fn set_site(root: &Path, config: &str) {
    if let Ok(mut site) = SITE.write() {
        *site = Some(Site { root: root.to_path_buf(), config: config.to_owned() });
    }
}

/// The most of a line read for a snippet; the rest is never read.
const MAX_LINE_BYTES: u64 = 4096;
/// The most characters of a line shown, around the column.
const MAX_LINE_CHARS: usize = 120;

/// The diagnostic as printed on stderr, without a final newline.
pub(crate) fn render(d: &Diagnostic) -> String {
    render_with(d, COLOR.load(Ordering::Relaxed))
}

/// As `render`, never coloured: for text shown outside the terminal
/// (`serve`'s error banner).
pub(crate) fn render_plain(d: &Diagnostic) -> String {
    render_with(d, false)
}

fn render_with(d: &Diagnostic, color: bool) -> String {
    let located = d.location.as_ref().map(|location| (location, resolve(&location.file)));
    let mut out = header(d, located.as_ref().map(|(location, (shown, _))| (*location, shown.as_str())), color);
    let snippet = located.as_ref().and_then(|(location, (_, path))| {
        let line = location.line?;
        let text = read_line(path, line)?;
        Some(snippet(d, &text, line, location.column, color))
    });
    match snippet {
        Some(snippet) => {
            out.push('\n');
            out.push_str(&snippet);
        }
        None => {
            if let Some(hint) = &d.hint {
                let help = paint(color, help_style(), "help");
                out.push_str(&format!("\n  {help}: {hint}"));
            }
        }
    }
    out
}

fn level_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Note => AnsiColor::Cyan,
    };
    color.on_default().effects(Effects::BOLD)
}

fn help_style() -> Style {
    AnsiColor::Cyan.on_default().effects(Effects::BOLD)
}

fn paint(color: bool, style: Style, text: &str) -> String {
    if color { format!("{style}{text}{style:#}") } else { text.to_owned() }
}

/// `error: articles/a.md:4: message`, as before snippets.
fn header(d: &Diagnostic, located: Option<(&super::Location, &str)>, color: bool) -> String {
    let label = paint(color, level_style(d.severity), d.severity.label());
    let rest = match located {
        Some((location, shown)) => {
            let shown = super::Location { file: shown.to_owned(), ..location.clone() };
            format!(": {shown}: {}", d.message)
        }
        None => format!(": {}", d.message),
    };
    format!("{label}{}", paint(color, Style::new().effects(Effects::BOLD), &rest))
}

/// The snippet under the header: the line, the caret (or the whole line
/// underlined when there is no column) labelled with the code, the hint.
fn snippet(d: &Diagnostic, text: &str, line: usize, column: Option<usize>, color: bool) -> String {
    let (shown, span) = window(text, column);
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let mut annotation = AnnotationKind::Primary.span(span);
    if let Some(code) = &d.code {
        annotation = annotation.label(code.as_ref());
    }
    let mut group = Group::with_level(level.clone())
        .element(Snippet::source(shown.as_str()).line_start(line).annotation(annotation));
    if let Some(hint) = &d.hint {
        group = group.element(Level::HELP.message(hint.as_ref()));
    }
    let renderer = if color {
        Renderer::styled()
            .error(level_style(Severity::Error))
            .warning(level_style(Severity::Warning))
            .note(level_style(Severity::Note))
            .help(help_style())
    } else {
        Renderer::plain()
    };
    let rendered = renderer.render(&[group]);
    rendered.trim_end_matches('\n').to_owned()
}

/// The part of `text` shown (at most `MAX_LINE_CHARS` characters around the
/// column, control and bidi characters replaced so the terminal shows what
/// is there) and the byte range underlined in it: from the column to the
/// end of its word, or the whole line without a column.
fn window(text: &str, column: Option<usize>) -> (String, std::ops::Range<usize>) {
    let chars: Vec<char> = text.chars().map(visible).collect();
    let at = column.map(|c| c.saturating_sub(1).min(chars.len()));
    let start = match at {
        Some(at) if chars.len() > MAX_LINE_CHARS => {
            at.saturating_sub(MAX_LINE_CHARS / 2).min(chars.len() - MAX_LINE_CHARS)
        }
        _ => 0,
    };
    let end = (start + MAX_LINE_CHARS).min(chars.len());
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let offset = shown.len();
    shown.extend(&chars[start..end]);
    let body = &chars[start..end];
    let byte = |i: usize| offset + body[..i].iter().map(|c| c.len_utf8()).sum::<usize>();
    let span = match at {
        Some(at) => {
            let from = at - start;
            let word = body[from..].iter().take_while(|c| !c.is_whitespace()).count().max(1);
            byte(from)..byte((from + word).min(body.len()))
        }
        None => {
            let first = body.iter().take_while(|c| c.is_whitespace()).count();
            let last = body.len() - body.iter().rev().take_while(|c| c.is_whitespace()).count();
            byte(first)..byte(last.max(first))
        }
    };
    if end < chars.len() {
        shown.push('…');
    }
    (shown, span)
}

/// A character as shown in a snippet: tabs as a space, other control
/// characters and bidi overrides (which would reorder the line on screen)
/// as `�`.
fn visible(c: char) -> char {
    match c {
        '\t' => ' ',
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
        c if c.is_control() => '\u{FFFD}',
        c => c,
    }
}

/// The file last read for a snippet, where its reader stands (the line it
/// reads next), and how many bytes were skipped so far in this run.
/// Diagnostics come sorted by file and line, so keeping the reader makes
/// printing every finding of a file one pass over it, not one per finding.
struct LastRead {
    path: PathBuf,
    reader: std::io::BufReader<std::fs::File>,
    next_line: usize,
}

static LAST_READ: std::sync::Mutex<Option<LastRead>> = std::sync::Mutex::new(None);
static SKIPPED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The most bytes skipped to reach lines in one run: past it (a hostile
/// file with a finding on each of a million lines, read out of order),
/// diagnostics go without snippets rather than make printing slow.
const MAX_SKIPPED: u64 = 256 * 1024 * 1024;

/// Line `line` (from 1) of the file at `path`, without its line break: at
/// most `MAX_LINE_BYTES` of it, the lines before skipped without keeping
/// them. None when the file is gone, not a plain file, or shorter.
fn read_line(path: &Path, line: usize) -> Option<String> {
    if line == 0 {
        return None;
    }
    let mut last = LAST_READ.lock().ok()?;
    let reusable = last.as_ref().is_some_and(|l| l.path == path && l.next_line <= line);
    if !reusable {
        *last = None;
        if !std::fs::metadata(path).ok()?.is_file() {
            return None;
        }
        let reader = std::io::BufReader::new(std::fs::File::open(path).ok()?);
        *last = Some(LastRead { path: path.to_path_buf(), reader, next_line: 1 });
    }
    let open = last.as_mut()?;
    let found = read_from(&mut open.reader, &mut open.next_line, line);
    if found.is_none() {
        *last = None;
    }
    found
}

/// Reads on from line `*current` to line `line` and returns it; `*current`
/// is then the line after it.
fn read_from(reader: &mut impl BufRead, current: &mut usize, line: usize) -> Option<String> {
    while *current < line {
        let buffer = reader.fill_buf().ok()?;
        if buffer.is_empty() || SKIPPED.load(Ordering::Relaxed) > MAX_SKIPPED {
            return None;
        }
        let used = match memchr::memchr(b'\n', buffer) {
            Some(at) => {
                *current += 1;
                at + 1
            }
            None => buffer.len(),
        };
        reader.consume(used);
        SKIPPED.fetch_add(used as u64, Ordering::Relaxed);
    }
    let mut bytes = Vec::new();
    reader.take(MAX_LINE_BYTES).read_until(b'\n', &mut bytes).ok()?;
    if bytes.is_empty() && line > 1 {
        return None;
    }
    if bytes.last() == Some(&b'\n') {
        *current += 1;
    } else {
        // The line was longer than we read: skip its rest, so the reader
        // stands at the next line.
        let mut rest = Vec::new();
        let mut limited = reader.take(MAX_SKIPPED);
        loop {
            rest.clear();
            let n = limited.by_ref().take(64 * 1024).read_until(b'\n', &mut rest).ok()?;
            SKIPPED.fetch_add(n as u64, Ordering::Relaxed);
            if n == 0 || rest.last() == Some(&b'\n') {
                break;
            }
        }
        *current += 1;
    }
    while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        bytes.pop();
    }
    let text = String::from_utf8_lossy(&bytes);
    let text = if line == 1 { text.trim_start_matches('\u{FEFF}') } else { &text };
    Some(text.to_owned())
}

/// The file as printed (relative to the current folder, `/` separators) and
/// where to read it. Locations are relative to the site folder, except the
/// configuration file's and files named on the command line, which are
/// already relative to the current folder: a name that does not exist in
/// the site folder is taken as it is.
fn resolve(file: &str) -> (String, PathBuf) {
    let as_given = || (file.to_owned(), PathBuf::from(file));
    let Ok(site) = SITE.read() else { return as_given() };
    let Some(site) = site.as_ref() else { return as_given() };
    if file == site.config || Path::new(file).is_absolute() {
        return as_given();
    }
    let joined = site.root.join(file);
    if !joined.exists() {
        return as_given();
    }
    (from_current_dir(&joined), joined)
}

fn from_current_dir(path: &Path) -> String {
    let relative = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path.strip_prefix(&cwd).unwrap_or(path).to_path_buf(),
        _ => path.to_path_buf(),
    };
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::super::Location;
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn auto_colour_needs_a_terminal_and_no_no_color() {
        assert!(ColorChoice::Auto.enabled(true, env(&[])));
        assert!(!ColorChoice::Auto.enabled(false, env(&[])));
        assert!(!ColorChoice::Auto.enabled(true, env(&[("NO_COLOR", "1")])));
        assert!(ColorChoice::Auto.enabled(true, env(&[("NO_COLOR", "")])));
        assert!(!ColorChoice::Auto.enabled(true, env(&[("TERM", "dumb")])));
        assert!(ColorChoice::Always.enabled(false, env(&[("NO_COLOR", "1")])));
        assert!(!ColorChoice::Never.enabled(true, env(&[])));
    }

    #[test]
    fn caret_under_the_column_to_the_end_of_the_word() {
        let (shown, span) = window("tags: [a, b]", Some(7));
        assert_eq!(&shown[span], "[a,");
        let (shown, span) = window("  whole line  ", None);
        assert_eq!(&shown[span], "whole line");
        let (_, span) = window("", None);
        assert_eq!(span, 0..0);
        let (shown, span) = window("abc", Some(9));
        assert_eq!((shown.as_str(), span), ("abc", 3..3));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let (shown, span) = window(&line, Some(501));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().count(), MAX_LINE_CHARS + 2);
        assert!(shown[span].starts_with('X'));
    }

    #[test]
    fn control_and_bidi_characters_are_replaced() {
        let (shown, _) = window("a\u{1b}[31mb\u{202E}c\td", None);
        assert_eq!(shown, "a\u{FFFD}[31mb\u{FFFD}c d");
    }

    #[test]
    fn reads_only_the_line_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "\u{FEFF}one\r\ntwo\nthree").unwrap();
        assert_eq!(read_line(&path, 1).as_deref(), Some("one"));
        assert_eq!(read_line(&path, 2).as_deref(), Some("two"));
        assert_eq!(read_line(&path, 3).as_deref(), Some("three"));
        assert_eq!(read_line(&path, 4), None);
        // Out of order, and the same line twice: read again from the start.
        assert_eq!(read_line(&path, 2).as_deref(), Some("two"));
        assert_eq!(read_line(&path, 2).as_deref(), Some("two"));
        assert_eq!(read_line(&path, 1).as_deref(), Some("one"));
        assert_eq!(read_line(&dir.path().join("gone"), 1), None);
        assert_eq!(read_line(dir.path(), 1), None);
        let other = dir.path().join("long.md");
        std::fs::write(&other, format!("{}\nsecond\n", "x".repeat(100_000))).unwrap();
        assert_eq!(read_line(&other, 1).map(|l| l.len()), Some(MAX_LINE_BYTES as usize));
        assert_eq!(read_line(&other, 2).as_deref(), Some("second"));
    }

    #[test]
    fn without_a_readable_line_the_one_line_form_stays() {
        let d = Diagnostic::error(Some(Location::at("/nonexistent/a.md", 3)), "bad").with_hint("fix it");
        assert_eq!(render_with(&d, false), "error: /nonexistent/a.md:3: bad\n  help: fix it");
        let d = Diagnostic::warning(None, "w");
        assert_eq!(render_with(&d, true), "\u{1b}[1m\u{1b}[33mwarning\u{1b}[0m\u{1b}[1m: w\u{1b}[0m");
    }

    #[test]
    fn snippet_under_the_first_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "---\ntitle: x\ntagz: [a]\n---\n").unwrap();
        let file = path.to_string_lossy().into_owned();
        let d = Diagnostic::warning(Some(Location::at_column(&file, 3, 1)), "unknown key `tagz`")
            .with_code("unknown-key")
            .with_hint("did you mean `tags`?");
        let text = render_with(&d, false);
        let expected = format!(
            "warning: {file}:3:1: unknown key `tagz`\n  |\n3 | tagz: [a]\n  | ^^^^^ unknown-key\n  |\n  = help: did you mean `tags`?"
        );
        assert_eq!(text, expected);
    }
}

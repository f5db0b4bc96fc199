//! `Article`: one article file's front matter and body exactly as authored,
//! plus its title when the body's first line carries it.

use std::path::Path;

use super::SourceFile;
use super::front_matter::{self, At, FrontMatter};
use crate::diagnostic::{Diagnostic, Location};
use crate::text::is_xml_char;

/// How the body is written, from the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum BodyFormat {
    /// `.md`, `.markdown`: CommonMark with tables, footnotes, strikethrough.
    Markdown,
    /// `.html`, `.htm`: an HTML fragment.
    Html,
    /// `.txt`: paragraphs of plain text.
    PlainText,
}

impl BodyFormat {
    pub(crate) fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(BodyFormat::Markdown),
            "html" | "htm" => Some(BodyFormat::Html),
            "txt" => Some(BodyFormat::PlainText),
            _ => None,
        }
    }
}

/// One article as authored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Article {
    /// The file as messages name it (relative to the site folder).
    pub(crate) file: String,
    /// The file name without its extension, e.g. `2026-01-30-dtla-erupts`.
    pub(crate) stem: String,
    /// The folders between the articles folder and the article (see
    /// `SourceFile::folder`).
    pub(crate) folder: String,
    pub(crate) format: BodyFormat,
    pub(crate) front: FrontMatter,
    /// From the front matter or, failing that, the body's first line.
    pub(crate) title: Option<At<String>>,
    pub(crate) body: String,
    /// Where the body starts in the file's text, when nothing before it
    /// was dropped: a later read of the file can take the body from there.
    pub(crate) body_offset: Option<usize>,
    /// The line the body starts on, for problems found in what it became.
    pub(crate) body_line: usize,
}

/// Reads an article's text, with the site's own names for our front-matter
/// keys (`names`). Characters XML forbids are dropped here, once, with a
/// warning per line, so no later stage ever sees them.
pub(crate) fn parse(
    file: &SourceFile,
    text: &str,
    names: &front_matter::KeyMap,
) -> Result<(Article, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let original_len = text.len();
    let cleaned;
    let text = if crate::text::all_xml_chars(text) {
        text
    } else {
        for (index, line) in text.split('\n').enumerate() {
            if let Some(bad) = line.chars().find(|&c| !is_xml_char(c)) {
                warnings.push(
                    Diagnostic::warning(
                        Some(Location::at(&file.shown, index + 1)),
                        format!("character U+{:04X}, which XML forbids or discourages, is dropped", u32::from(bad)),
                    )
                    .with_hint("remove the character from the file (or fix the encoding it came from)")
                    .with_code("control-character"),
                );
            }
        }
        cleaned = text.chars().filter(|&c| is_xml_char(c)).collect::<String>();
        &cleaned
    };

    // Every value of the wrong type, not only the first (`more`).
    let error_at = |e: front_matter::FrontMatterError| {
        let first = Diagnostic::error(Some(Location::at(&file.shown, e.line)), e.message)
            .with_hint(e.hint.clone())
            .with_code(e.code);
        let more = e.more.into_iter().map(|(line, message)| {
            Diagnostic::error(Some(Location::at(&file.shown, line)), message)
                .with_hint(e.hint.clone())
                .with_code(e.code)
        });
        std::iter::once(first).chain(more).collect::<Vec<_>>()
    };
    let split = front_matter::split(text).map_err(error_at)?;
    let front = match &split.front {
        Some(block) => {
            let (front, more) = front_matter::parse(block, &file.shown, names).map_err(error_at)?;
            warnings.extend(more);
            front
        }
        None => FrontMatter::default(),
    };

    let (title, body) = title_and_body(file.format, front.title.clone(), split.body, split.body_line);
    let stem = stem_of(file);
    // `body` is what is left of `text` after the front matter and title line.
    let body_offset = (text.len() == original_len).then(|| text.len() - body.len());
    let body_line = memchr::memchr_iter(b'\n', &text.as_bytes()[..text.len() - body.len()]).count() + 1;
    let article = Article {
        file: file.shown.clone(),
        stem,
        folder: file.folder.clone(),
        format: file.format,
        front,
        title,
        body: body.to_owned(),
        body_offset,
        body_line,
    };
    Ok((article, warnings))
}

/// The file name without its extension; for the `index.*` of a page
/// bundle, the name of its folder (`2026-01-30-trip/index.md` is
/// `2026-01-30-trip`), so its slug and URL are the folder's.
fn stem_of(file: &SourceFile) -> String {
    let name = if file.bundle { file.path.parent().and_then(Path::file_name) } else { file.path.file_stem() };
    name.map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The title, and the body without the line that carried it.
///
/// Plain text: the first non-empty line is the title when the front matter
/// has none, and is dropped when it repeats the front matter's title.
/// Markdown: a leading `# Heading` plays the same part.
fn title_and_body(
    format: BodyFormat,
    front_title: Option<At<String>>,
    body: &str,
    body_line: usize,
) -> (Option<At<String>>, &str) {
    let Some((index, line, rest)) = first_nonempty_line(body) else {
        return (front_title, body);
    };
    let candidate = match format {
        BodyFormat::PlainText => Some(line.trim()),
        BodyFormat::Markdown => line.trim_start().strip_prefix("# ").map(|h| h.trim().trim_end_matches('#').trim()),
        BodyFormat::Html => None,
    };
    let Some(candidate) = candidate.filter(|c| !c.is_empty()) else {
        return (front_title, body);
    };
    match front_title {
        None => (Some(At { value: candidate.to_owned(), line: body_line + index }), rest),
        Some(title)
            if crate::text::collapse_whitespace(&title.value) == crate::text::collapse_whitespace(candidate) =>
        {
            (Some(title), rest)
        }
        Some(title) => (Some(title), body),
    }
}

/// The index, text and what follows of the first line with something on it.
fn first_nonempty_line(body: &str) -> Option<(usize, &str, &str)> {
    let mut offset = 0;
    for (index, line) in body.split_inclusive('\n').enumerate() {
        if !line.trim().is_empty() {
            return Some((index, line.trim_end_matches('\n'), &body[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter::KeyMap;

    fn source(name: &str) -> SourceFile {
        let path = std::path::PathBuf::from(format!("articles/{name}"));
        SourceFile {
            format: BodyFormat::from_path(&path).unwrap(),
            shown: path.display().to_string(),
            bundle: path.file_stem().is_some_and(|s| s == "index"),
            folder: String::new(),
            path,
        }
    }

    #[test]
    fn a_bundle_is_named_after_its_folder() {
        let (a, _) = parse(
            &source("2026-01-30-trip/index.md"),
            "# Trip
",
            &KeyMap::default(),
        )
        .unwrap();
        assert_eq!(a.stem, "2026-01-30-trip");
        let (a, _) = parse(
            &source("posts/zola-post/index.html"),
            "<p>x</p>
",
            &KeyMap::default(),
        )
        .unwrap();
        assert_eq!(a.stem, "zola-post");
    }

    #[test]
    fn plain_text_title_is_the_first_line() {
        let (a, w) =
            parse(&source("2026-01-30-x.txt"), "\n\nThe Title\n\nFirst paragraph.\n", &KeyMap::default()).unwrap();
        assert!(w.is_empty());
        assert_eq!(a.title, Some(At { value: "The Title".into(), line: 3 }));
        assert_eq!(a.body, "\nFirst paragraph.\n");
        assert_eq!(a.stem, "2026-01-30-x");
    }

    #[test]
    fn plain_text_with_front_matter_title_keeps_a_different_first_line() {
        let (a, _) = parse(&source("x.txt"), "---\ntitle: T\n---\nNot the title.\n", &KeyMap::default()).unwrap();
        assert_eq!(a.title.unwrap().value, "T");
        assert_eq!(a.body, "Not the title.\n");
        let (a, _) = parse(&source("x.txt"), "---\ntitle: T\n---\nT\nBody.\n", &KeyMap::default()).unwrap();
        assert_eq!(a.body, "Body.\n");
    }

    #[test]
    fn markdown_heading_as_title() {
        let (a, _) = parse(&source("x.md"), "# Hello *world*\n\nText\n", &KeyMap::default()).unwrap();
        assert_eq!(a.title.unwrap().value, "Hello *world*");
        let (a, _) = parse(&source("x.md"), "Just text\n", &KeyMap::default()).unwrap();
        assert!(a.title.is_none());
    }

    #[test]
    fn forbidden_characters_warn_with_their_line() {
        let (a, w) = parse(&source("x.txt"), "Title\u{1}\nBody\u{0}\u{B}\n", &KeyMap::default()).unwrap();
        assert_eq!(a.title.unwrap().value, "Title");
        assert_eq!(a.body, "Body\n");
        let lines: Vec<_> = w.iter().map(|d| d.location.as_ref().unwrap().line).collect();
        assert_eq!(lines, [Some(1), Some(2)]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = parse(&source("x.md"), "---\ntitle: x\n", &KeyMap::default()).unwrap_err();
        assert_eq!(
            err[0].to_string().lines().next().unwrap(),
            "error: articles/x.md:1: the front matter opened by `---` on line 1 is never closed"
        );
    }
}

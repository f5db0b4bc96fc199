//! Reading input: find the article files under the articles folder and read
//! each into an `Article`. This is the only module that reads the articles
//! folder.

pub(crate) mod article;
pub(crate) mod emit;
pub(crate) mod front_matter;
mod media_keys;
mod plain_yaml;
mod rename;
mod select;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location};

pub(crate) use article::{Article, BodyFormat};
pub(crate) use select::{ArticlesDir, Selection};

/// A value and the 1-based file line it was written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct At<T> {
    pub(crate) value: T,
    pub(crate) line: usize,
}

/// An article file found by `discover`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct SourceFile {
    pub(crate) path: PathBuf,
    /// The path as messages show it: relative to the site folder.
    pub(crate) shown: String,
    pub(crate) format: BodyFormat,
    /// The `index.*` of a page bundle: the article is named after its folder.
    pub(crate) bundle: bool,
    /// The folders between the articles folder and the article, `/` between
    /// (for a bundle, up to the bundle's own folder), for the permalink's
    /// `{section}` and `{path}`. (A field of the cache's records: the cache
    /// format number changed with it.)
    pub(crate) folder: String,
}

/// A file or folder of the articles folder that is not an article, and
/// why (listed by `build -v`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    pub(crate) shown: String,
    pub(crate) why: &'static str,
}

/// What `discover` found: the articles, warnings, and what it skipped.
pub(crate) type Discovery = (Vec<SourceFile>, Vec<Diagnostic>, Vec<Skipped>);

/// Every article file under `dir`, sorted by path so that the order (and so
/// every tie-break) is the same on every machine. Hidden files and folders
/// are skipped; symbolic links are followed only when they stay inside `dir`.
///
/// Content folders of static site generators build as they are: a
/// sub-folder holding an `index.*` article is a page bundle (Hugo, Zola),
/// whose other files and folders are its resources, not articles; section
/// and home pages (`_index.*`) are not articles either. Of the rest, the
/// files `[articles] include` and `exclude` select.
pub(crate) fn discover(articles: &ArticlesDir, shown: &dyn Fn(&Path) -> String) -> Result<Discovery, Diagnostic> {
    let (dir, selection) = (articles.path.as_path(), &articles.selection);
    let root = dir.canonicalize().map_err(|err| {
        Diagnostic::error(Some(Location::file(shown(dir))), format!("cannot read the articles folder: {err}"))
            .with_code("cannot-read")
            .with_hint("create it, or name another with `--articles DIR` or `[articles] folder` in feedwright.toml")
    })?;
    if !root.is_dir() {
        return Err(Diagnostic::error(Some(Location::file(shown(dir))), "the articles folder is not a folder")
            .with_code("cannot-read"));
    }
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut skipped = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let found = list_folder(&folder, &root, shown, &mut warnings, &mut skipped)?;
        let bundle = folder != dir && found.iter().any(|(path, is_dir)| !is_dir && is_bundle_index(path));
        for (path, is_dir) in found {
            if bundle {
                if !is_dir && is_bundle_index(&path) {
                    let format = BodyFormat::from_path(&path).expect("an index has an article extension");
                    let folder = folder_of(folder.parent().unwrap_or(dir), dir);
                    files.push(SourceFile { shown: shown(&path), path, format, bundle: true, folder });
                } else {
                    skipped.push(Skipped { shown: shown(&path), why: "a resource of a page bundle, not an article" });
                }
            } else if is_dir {
                pending.push(path);
            } else if is_section_page(&path) {
                skipped.push(Skipped { shown: shown(&path), why: "a section page (`_index.*`), not an article" });
            } else if let Some(format) = BodyFormat::from_path(&path) {
                let folder = folder_of(&folder, dir);
                files.push(SourceFile { shown: shown(&path), path, format, bundle: false, folder });
            } else {
                skipped.push(Skipped { shown: shown(&path), why: "not an article file (.md, .html, .txt …)" });
            }
        }
    }
    if !selection.takes_all() {
        files.retain(|file| {
            let taken = selection.takes(file.path.strip_prefix(dir).unwrap_or(&file.path));
            if !taken {
                let why = "left out by `[articles] include`/`exclude` in feedwright.toml";
                skipped.push(Skipped { shown: file.shown.clone(), why });
            }
            taken
        });
    }
    skipped.sort_by(|a, b| a.shown.cmp(&b.shown));
    // Byte order of the paths: deterministic, and much cheaper than `Path` order.
    files.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    Ok((files, warnings, skipped))
}

/// `folder` relative to the articles folder `dir`, `/`-separated; empty
/// for `dir` itself.
fn folder_of(folder: &Path, dir: &Path) -> String {
    let relative = folder.strip_prefix(dir).unwrap_or(Path::new(""));
    let names: Vec<String> = relative.iter().map(|name| name.to_string_lossy().into_owned()).collect();
    names.join("/")
}

/// `index.md` (or `.html`, `.txt`, …): the article of a page bundle.
fn is_bundle_index(path: &Path) -> bool {
    path.file_stem().is_some_and(|stem| stem == "index") && BodyFormat::from_path(path).is_some()
}

/// `_index.md` and the like: a Hugo or Zola section (or home) page, not a post.
fn is_section_page(path: &Path) -> bool {
    path.file_stem().is_some_and(|stem| stem == "_index")
}

/// The entries of one folder worth looking at, each with whether it is a
/// folder to descend into (else a regular file). Hidden entries are left
/// out, and symbolic links that leave `root`, are broken or lead to a
/// folder (with a warning).
fn list_folder(
    folder: &Path,
    root: &Path,
    shown: &dyn Fn(&Path) -> String,
    warnings: &mut Vec<Diagnostic>,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<(PathBuf, bool)>, Diagnostic> {
    let cannot_list = |err: std::io::Error| {
        Diagnostic::error(Some(Location::file(shown(folder))), format!("cannot list the folder: {err}"))
            .with_code("cannot-read")
    };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(cannot_list)? {
        let entry = entry.map_err(cannot_list)?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            skipped.push(Skipped { shown: shown(&path), why: "hidden (its name starts with `.`)" });
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        let (is_dir, is_file) = if kind.is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(root) && !target.is_dir() => (false, target.is_file()),
                Ok(target) if target.starts_with(root) => {
                    // A link to a folder inside the tree would be read twice (or forever).
                    warnings.push(
                        Diagnostic::warning(
                            Some(Location::file(shown(&path))),
                            "symbolic link to a folder is not followed",
                        )
                        .with_code("link-not-followed"),
                    );
                    (false, false)
                }
                Ok(_) => {
                    if BodyFormat::from_path(&path).is_some() {
                        warnings.push(
                            Diagnostic::warning(
                                Some(Location::file(shown(&path))),
                                "symbolic link leading out of the articles folder is not followed",
                            )
                            .with_hint("copy the article into the articles folder instead")
                            .with_code("link-not-followed"),
                        );
                    }
                    (false, false)
                }
                Err(_) => {
                    warnings.push(
                        Diagnostic::warning(Some(Location::file(shown(&path))), "broken symbolic link is skipped")
                            .with_code("broken-link"),
                    );
                    (false, false)
                }
            }
        } else {
            (kind.is_dir(), kind.is_file())
        };
        if is_dir || is_file {
            found.push((path, is_dir));
        }
    }
    Ok(found)
}

/// Reads one file as text: UTF-8 (a BOM is dropped), LF line ends.
pub(crate) fn read_text(file: &SourceFile) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(&file.path).map_err(|err| {
        Diagnostic::error(Some(Location::file(&file.shown)), format!("cannot read the article: {err}"))
            .with_code("cannot-read")
    })?;
    decode_for(file, &bytes)
}

/// How much of an article `read_head` reads first: front matter and title
/// fit in it for nearly every article (the rest of the file is read when
/// they do not). Each byte read is also decoded and copied, so it is small.
const HEAD_BYTES: usize = 1024;

/// The start of an article: enough to hold its front matter and the first
/// line of its body (its title, for plain text), or all of it. Articles
/// that are not rendered need not be read past their front matter. With
/// it, the file's metadata as opened (no second lookup of its path).
pub(crate) fn read_head(file: &SourceFile) -> Result<(String, Option<std::fs::Metadata>), Diagnostic> {
    use std::io::Read;
    let cannot = |err: std::io::Error| {
        Diagnostic::error(Some(Location::file(&file.shown)), format!("cannot read the article: {err}"))
            .with_code("cannot-read")
    };
    let mut handle = std::fs::File::open(&file.path).map_err(cannot)?;
    let metadata = handle.metadata().ok();
    let mut bytes = Vec::with_capacity(HEAD_BYTES);
    (&mut handle).take(HEAD_BYTES as u64).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() == HEAD_BYTES {
        // Cut at the last whole line, so no UTF-8 sequence is split.
        let cut = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let head_ok = decode(&bytes[..cut]).ok().filter(|text| holds_front_matter_and_title(text));
        if let Some(text) = head_ok {
            return Ok((text, metadata));
        }
        handle.read_to_end(&mut bytes).map_err(cannot)?;
    }
    Ok((decode_for(file, &bytes)?, metadata))
}

/// Whether `text`, the start of a file, holds its whole front matter and the
/// first non-empty line after it.
fn holds_front_matter_and_title(text: &str) -> bool {
    match front_matter::split(text) {
        Ok(split) => split.body.lines().any(|l| !l.trim().is_empty()) && split.body.contains('\n'),
        Err(_) => false,
    }
}

fn decode_for(file: &SourceFile, bytes: &[u8]) -> Result<String, Diagnostic> {
    decode(bytes).map_err(|(offset, line)| {
        Diagnostic::error(
            Some(Location::at(&file.shown, line)),
            format!("the file is not valid UTF-8 (first bad byte at offset {offset})"),
        )
        .with_hint("save the file as UTF-8")
        .with_code("not-utf8")
    })
}

/// UTF-8 text with any BOM removed and CRLF and lone CR turned into LF, or
/// the byte offset and line of the first invalid byte.
fn decode(bytes: &[u8]) -> Result<String, (usize, usize)> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let offset = err.valid_up_to();
        (offset, crate::text::line_of_offset(bytes, offset))
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.contains('\r') {
        return Ok(text.to_owned());
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\rc\n").unwrap(), "a\nb\nc\n");
        assert_eq!(decode(b"ok\nok\n\xFFbad").unwrap_err(), (6, 3));
    }
}

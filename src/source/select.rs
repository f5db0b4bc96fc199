//! Which files of the articles folder are articles: `[articles] include`
//! and `exclude` in feedwright.toml, gitignore-style globs relative to the
//! folder, matched by the `ignore` crate (ripgrep's).

use std::ops::Deref;
use std::path::{Path, PathBuf};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// The articles folder and which of its files are articles.
#[derive(Clone)]
pub(crate) struct ArticlesDir {
    pub(crate) path: PathBuf,
    pub(crate) selection: Selection,
}

impl Deref for ArticlesDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

impl std::fmt::Debug for ArticlesDir {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticlesDir").field("path", &self.path).field("selection", &self.selection).finish()
    }
}

/// `include` (when given, only the files it matches are articles) and
/// `exclude` (the files it matches are not). Either may re-admit what an
/// earlier glob of its own list matched with `!glob`, as in `.gitignore`.
#[derive(Clone, Default)]
pub(crate) struct Selection {
    include: Option<Globs>,
    exclude: Option<Globs>,
}

#[derive(Clone)]
struct Globs {
    written: Vec<String>,
    matcher: Gitignore,
}

impl std::fmt::Debug for Selection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let written = |globs: &Option<Globs>| globs.as_ref().map(|g| g.written.clone());
        f.debug_struct("Selection")
            .field("include", &written(&self.include))
            .field("exclude", &written(&self.exclude))
            .finish()
    }
}

/// A glob that does not parse: its index in its list, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadGlob {
    pub(crate) index: usize,
    pub(crate) why: String,
}

impl Selection {
    /// The selection from the lists as written; the first bad glob of
    /// either list, and which list, on failure.
    pub(crate) fn new(include: Option<&[String]>, exclude: Option<&[String]>) -> Result<Self, (&'static str, BadGlob)> {
        Ok(Selection {
            include: include.map(Globs::new).transpose().map_err(|bad| ("include", bad))?,
            exclude: exclude.map(Globs::new).transpose().map_err(|bad| ("exclude", bad))?,
        })
    }

    /// Whether the file at `relative` (to the articles folder) is an article.
    pub(crate) fn takes(&self, relative: &Path) -> bool {
        let matched =
            |globs: &Globs| matches!(globs.matcher.matched_path_or_any_parents(relative, false), Match::Ignore(_));
        self.include.as_ref().is_none_or(matched) && !self.exclude.as_ref().is_some_and(matched)
    }

    pub(crate) fn takes_all(&self) -> bool {
        self.include.is_none() && self.exclude.is_none()
    }
}

impl Globs {
    fn new(written: &[String]) -> Result<Self, BadGlob> {
        // Root `.`: the paths matched are already relative to the folder.
        let mut builder = GitignoreBuilder::new(".");
        builder.allow_unclosed_class(false);
        for (index, glob) in written.iter().enumerate() {
            builder.add_line(None, glob).map_err(|err| BadGlob { index, why: reason(&err) })?;
        }
        let matcher = builder.build().map_err(|err| BadGlob { index: 0, why: reason(&err) })?;
        Ok(Globs { written: written.to_vec(), matcher })
    }
}

/// The glob parser's reason, without the glob it repeats.
fn reason(err: &ignore::Error) -> String {
    let text = err.to_string();
    match text.split_once("': ") {
        Some((_, why)) => why.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn select(include: Option<&[&str]>, exclude: &[&str]) -> Selection {
        let owned = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let include = include.map(owned);
        Selection::new(include.as_deref(), Some(&owned(exclude))).unwrap()
    }

    #[test]
    fn gitignore_style_globs() {
        let s = select(None, &["drafts/**", "*.txt", "/about.md", "!keep.txt", "old"]);
        let takes = |p: &str| s.takes(Path::new(p));
        assert!(takes("2026-01-01-a.md") && takes("posts/about.md") && takes("keep.txt") && takes("sub/keep.txt"));
        assert!(!takes("drafts/x.md") && !takes("drafts/deep/x.md") && !takes("notes.txt") && !takes("a/b.txt"));
        assert!(!takes("about.md") && !takes("old/x.md") && !takes("posts/old/x.md"));
        let s = select(Some(&["posts/", "/2026-*.md", "!posts/skip.md"]), &["posts/*/secret/**"]);
        let takes = |p: &str| s.takes(Path::new(p));
        assert!(takes("posts/a.md") && takes("posts/trip/index.md") && takes("2026-01-01-x.md"));
        assert!(!takes("pages/a.md") && !takes("x/2026-01-01-x.md") && !takes("posts/skip.md"));
        assert!(!takes("posts/a/secret/x.md"));
        assert!(Selection::default().takes(Path::new("any.md")) && Selection::default().takes_all());
    }

    #[test]
    fn bad_globs_name_their_list_and_place() {
        let list = ["ok/**".to_owned(), "a[b".to_owned()];
        let (which, bad) = Selection::new(None, Some(&list)).unwrap_err();
        assert_eq!((which, bad.index), ("exclude", 1));
        assert!(bad.why.contains("unclosed character class"), "{}", bad.why);
        let list = ["{a,b".to_owned()];
        let (which, bad) = Selection::new(Some(&list), None).unwrap_err();
        assert_eq!((which, bad.index), ("include", 0), "{}", bad.why);
    }
}

//! `feedwright init [DIR] [--force]`: writes a site that builds as it is —
//! `feedwright.toml` with every key of README's Configuration section
//! (the required ones set, the others commented out with their defaults),
//! one example article dated now, and the cache in `.gitignore`.
//!
//! Nothing is overwritten without `--force`: every file is checked before
//! the first is written, so a refusal leaves the folder as it was. An
//! existing `.gitignore` is never replaced, only given the cache's line.

use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Location};
use crate::error::Failure;
use crate::model::date;

/// The configuration `init` writes. Every key README's Configuration
/// section documents is here (a unit test holds it to that), commented out
/// at its default so that uncommenting one changes only what it says.
pub(crate) const CONFIG_TEMPLATE: &str = r#"# feedwright.toml: the site's configuration (README.md, "Configuration").
# The site folder is the folder this file is in; relative paths are
# relative to it. Lines starting with `#` are defaults or examples.

[site]
title = "My Site"                         # required: the feeds' title
url = "https://example.com/"              # required: the site's home page (absolute http(s) URL)
# description = "What the site is about"  # default: the title
# language = "en"                         # BCP 47 tag, like "en-US" or "pt-BR"
# timezone = "UTC"                        # IANA name, for dates written without an offset
# permalink = "/{year}/{month}/{slug}/"   # article URLs, relative to `url`
# permalink-dates = "as-written"          # or "site-timezone": the zone {year} {month} {day} read the date in
# slugs = "hugo"                          # or "jekyll", "zola": how file names become slugs
# author = { name = "Ada", email = "ada@example.com", uri = "https://example.com/ada/" }
# icon = "/favicon.png"                   # small square icon: Atom `icon`, JSON Feed `favicon`
# logo = "/logo.png"                      # larger logo: RSS `image`, Atom `logo`, JSON Feed `icon`

[feeds]
# folder = "feeds"                        # where rss.xml, atom.xml and feed.json are written
# url = "https://example.com/feeds/"      # where they are served (default: site url + folder)
# formats = ["rss", "atom", "json"]       # default: all three
# entries = 20                            # entries in each feed, or "all"
# content = "full"                        # "full" HTML, or "summary" only
# hub = "https://hub.example.com/"        # WebSub hub the feeds name; `feedwright ping` notifies it
# by = ["tags", "authors"]                # also a feed per tag / author / category ("categories")
# archives = true                         # RFC 5005 archive pages holding every older entry
# stylesheet = true                       # feed.css, so browsers show RSS and Atom as a page

[articles]
# folder = "articles"                     # where the articles are
# exclude = ["drafts/**", "*.txt"]        # gitignore-style globs of files that are not articles
# include = ["posts/**"]                  # when given, only the files it matches are articles
# summary-separator = "<!--more-->"       # ends the summary in a body ("" for none)
# templates = "auto"                      # template syntax in bodies: "auto", "hugo", "liquid", "nunjucks", "zola", "none"
# unknown-templates = "remove"            # a tag feedwright does not render: "remove" (warning), "keep", "error"

# [articles.keys]                         # the site's own names for front-matter keys
# title = "newstitle"
# date = "published_on"

# [articles.site-values]                  # what `{{ site.NAME }}` stands for in bodies
# repository = "https://github.com/example/blog"
"#;

/// The example article's slug (its file is `articles/DATE-welcome.md`).
const EXAMPLE_SLUG: &str = "welcome";

/// What goes into `.gitignore`: the build cache, which the next build
/// makes again (the feeds, which keep what readers saw, are committed).
const GITIGNORE_LINE: &str = ".feedwright-cache/";

pub(crate) fn run(args: &InitArgs) -> Result<(), Failure> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let now = date::build_time()
        .map_err(|m| Failure::Config(vec![Diagnostic::error(None, m).with_code("invalid-source-date-epoch")]))?;
    let article = format!("articles/{}-{EXAMPLE_SLUG}.md", now.format("%Y-%m-%d"));
    let files: [(&str, String); 2] = [(CONFIG_FILE, CONFIG_TEMPLATE.to_owned()), (&article, example_article(&now))];
    let problems = in_the_way(&dir, files.iter().map(|(name, _)| *name), args.force);
    if !problems.is_empty() {
        return Err(Failure::Config(problems));
    }
    // The folders first: one that cannot be made (a file in the way) fails
    // before any file is written.
    for (name, _) in &files {
        if let Some(parent) = dir.join(name).parent() {
            std::fs::create_dir_all(parent).map_err(|err| {
                Failure::Io(anyhow::Error::new(err).context(format!("cannot make the folder `{}`", parent.display())))
            })?;
        }
    }
    let mut done = Vec::new();
    for (name, text) in &files {
        let path = dir.join(name);
        write(&path, text.as_bytes())?;
        done.push(format!("wrote {}", shown(&dir, name)));
    }
    if let Some(what) = ignore_cache(&dir)? {
        done.push(what);
    }
    let next = if dir == Path::new(".") {
        "feedwright build".to_owned()
    } else {
        format!("cd {} && feedwright build", quoted(&dir.to_string_lossy()))
    };
    // The site is written: from here on nothing fails the command, not even
    // a closed pipe.
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for line in done {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "next: set `title` and `url` in {}, then run `{next}`", shown(&dir, CONFIG_FILE));
    Ok(())
}

/// What stops `init` before it writes anything: a file it would write
/// that is there already (unless `force`), a file where a folder must be.
fn in_the_way<'n>(dir: &Path, names: impl Iterator<Item = &'n str>, force: bool) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for name in names {
        let path = dir.join(name);
        let not_a_folder = path.ancestors().skip(1).find(|a| a.exists() && !a.is_dir());
        if let Some(file) = not_a_folder {
            let shown = crate::config::display_relative(Path::new("."), file);
            let error = Diagnostic::error(Some(Location::file(&shown)), "is a file, where init makes a folder")
                .with_hint("move it away, or run `feedwright init` in another folder")
                .with_code("not-a-folder");
            if !problems.contains(&error) {
                problems.push(error);
            }
        } else if !force && path.exists() {
            problems.push(exists(dir, name));
        }
    }
    problems
}

/// A file `init` would write is there already: named, with the way out.
fn exists(dir: &Path, name: &str) -> Diagnostic {
    Diagnostic::error(Some(Location::file(shown(dir, name))), "already exists; init never overwrites a file")
        .with_hint("run `feedwright init` in a new folder (`feedwright init my-site`), or add `--force` to replace it")
        .with_code("file-exists")
}

/// `name` in `dir` as the user wrote `dir`.
fn shown(dir: &Path, name: &str) -> String {
    crate::config::display_relative(Path::new("."), &dir.join(name))
}

/// `text` as a shell word, quoted when it needs to be.
fn quoted(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let result = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(path, bytes));
    result.map_err(|err| Failure::Io(anyhow::Error::new(err).context(format!("cannot write `{}`", path.display()))))
}

/// Adds the cache folder to `dir/.gitignore` (made if missing) unless it is
/// listed already; what was done, if anything.
fn ignore_cache(dir: &Path) -> Result<Option<String>, Failure> {
    let path = dir.join(".gitignore");
    let name = shown(dir, ".gitignore");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let listed = text.lines().any(|l| {
                let l = l.trim().trim_start_matches('/');
                l == GITIGNORE_LINE || l == GITIGNORE_LINE.trim_end_matches('/')
            });
            if listed {
                return Ok(None);
            }
            let separator = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
            write(&path, format!("{text}{separator}{GITIGNORE_LINE}\n").as_bytes())?;
            Ok(Some(format!("added {GITIGNORE_LINE} to {name}")))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            write(
                &path,
                format!("# feedwright's build cache, made again by every build\n{GITIGNORE_LINE}\n").as_bytes(),
            )?;
            Ok(Some(format!("wrote {name}")))
        }
        Err(err) => Err(Failure::Io(anyhow::Error::new(err).context(format!("cannot read `{}`", path.display())))),
    }
}

/// The example article: published (so the first build has an entry),
/// dated by the build clock so it is never in the future, and saying what
/// to do with it.
fn example_article(now: &chrono::DateTime<chrono::FixedOffset>) -> String {
    format!(
        r#"---
title: "Welcome"
date: {date}
tags: ["example"]
---

This is an example article. Each file in `articles/` is one entry of the
feeds: front matter between the `---` lines (`title`, `date`, `tags`,
`summary`, `draft`, …; README.md lists them all), then the body in
Markdown, HTML or plain text.

Write the next one with `feedwright new "A title" --publish`, then run
`feedwright build`. Delete this one when you have your own.
"#,
        date = now.format("%Y-%m-%dT%H:%M:%SZ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `key =` of README's Configuration example, as `table.key`.
    fn readme_keys() -> Vec<String> {
        let readme = include_str!("../../README.md");
        let section = &readme[readme.find("## Configuration").expect("README has a Configuration section")..];
        let block = &section[section.find("```toml\n").expect("a toml block") + 8..];
        let block = &block[..block.find("```").expect("the block ends")];
        keys_of(block)
    }

    fn keys_of(text: &str) -> Vec<String> {
        let mut table = String::new();
        let mut keys = Vec::new();
        for line in text.lines() {
            let line = line.trim_start_matches("# ").trim();
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
                table = name.to_owned();
            } else if let Some((key, _)) = line.split_once(" = ") {
                keys.push(format!("{table}.{}", key.trim()));
            }
        }
        keys
    }

    #[test]
    fn the_template_has_every_key_readme_documents() {
        let documented = readme_keys();
        assert!(documented.len() > 20, "{documented:?}");
        let written = keys_of(CONFIG_TEMPLATE);
        let missing: Vec<&String> = documented.iter().filter(|k| !written.contains(k)).collect();
        assert!(missing.is_empty(), "keys README documents that `init` does not write: {missing:?}");
    }

    #[test]
    fn the_template_parses_with_every_line_uncommented() {
        let uncommented: String = CONFIG_TEMPLATE
            .lines()
            .map(|l| l.strip_prefix("# ").filter(|rest| rest.contains(" = ") || rest.starts_with('[')).unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let value: Result<toml::Table, _> = toml::from_str(&uncommented);
        assert!(value.is_ok(), "{value:?}\n{uncommented}");
    }

    #[test]
    fn shell_words() {
        assert_eq!(quoted("my-site"), "my-site");
        assert_eq!(quoted("my site"), "'my site'");
        assert_eq!(quoted("it's"), r"'it'\''s'");
    }
}

//! `feedwright.toml` as written (`FileConfig`) -> the resolved, validated
//! `Settings` every later stage reads. Command-line overrides are merged here
//! and nowhere else.
//!
//! ```toml
//! [site]
//! title = "Example News"
//! url = "https://example.com/"           # required, absolute
//! description = "What the site is about"
//! language = "en-US"                     # BCP 47
//! timezone = "America/Los_Angeles"       # IANA name, for dates without an offset
//! permalink = "/{year}/{month}/{slug}/"  # article URLs, relative to `url`
//! permalink-dates = "as-written"         # or "site-timezone"
//! slugs = "hugo"                         # or "jekyll", "zola"
//! author = { name = "Ada", email = "ada@example.com", uri = "https://example.com/ada" }
//!
//! [feeds]
//! folder = "feeds"                       # where the feed files go
//! url = "https://example.com/feeds/"     # where they are served (default: url + folder)
//! formats = ["rss", "atom", "json"]
//! entries = 20                           # or "all"
//! content = "full"                       # or "summary"
//!
//! [articles]
//! folder = "articles"
//! exclude = ["drafts/**", "*.txt"]       # gitignore-style globs, relative to the folder
//! include = ["posts/**"]                 # when given, only these files are articles
//! summary-separator = "<!--more-->"      # ends the summary in a body ("" for none)
//! templates = "auto"                     # or "hugo", "liquid", "nunjucks", "zola", "none"
//! unknown-templates = "remove"           # or "keep", "error"
//!
//! [articles.keys]                        # the site's own names for front-matter keys
//! title = "newstitle"
//!
//! [articles.site-values]                 # what `{{ site.NAME }}` stands for in bodies
//! repository = "https://github.com/example/blog"
//! ```

use std::num::NonZeroUsize;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use url::Url;

use crate::diagnostic::{Diagnostic, Location};
use crate::format::Format;
pub(crate) use crate::model::groups::Grouping;
use crate::model::permalink::Permalink;
use crate::model::podcast::{APPLE_CATEGORIES, Podcast, SiteMedia};
pub(crate) use crate::model::{ContentMode, Site};
use crate::model::{Person, parse_absolute_url, parse_email};
use crate::source::front_matter::{self, KeyMap};
use crate::source::{ArticlesDir, Selection};
use crate::text::line_of_offset;

/// The configuration file exactly as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileConfig {
    site: SiteTable,
    #[serde(default)]
    feeds: FeedsTable,
    #[serde(default)]
    articles: ArticlesTable,
    /// A podcast: the iTunes and Podcasting 2.0 tags in the RSS feed.
    podcast: Option<PodcastTable>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", expecting = "a `[site]` table")]
struct SiteTable {
    /// Feed title (RSS `title`, Atom `title`, JSON Feed `title`).
    title: Spanned<String>,
    /// The site's home page; article URLs and relative links resolve against it.
    url: Spanned<String>,
    /// RSS `description`, Atom `subtitle`, JSON Feed `description`.
    description: Option<Spanned<String>>,
    /// RSS `language`, Atom `xml:lang`, JSON Feed `language`.
    language: Option<Spanned<String>>,
    /// The feed-level author, used for entries that name none.
    author: Option<PersonTable>,
    /// IANA time zone for dates written without an offset.
    timezone: Option<Spanned<String>>,
    /// Article URL pattern with `{year}`, `{month}`, `{day}`, `{slug}`, ….
    permalink: Option<Spanned<String>>,
    /// In which zone the permalink's dates are read.
    permalink_dates: Option<crate::model::permalink::PermalinkDates>,
    /// How file names become slugs.
    slugs: Option<crate::model::permalink::SlugStyle>,
    /// A small square image (Atom `icon`, JSON Feed `favicon`).
    icon: Option<Spanned<String>>,
    /// A larger image (RSS `image`, Atom `logo`, JSON Feed `icon`).
    logo: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[serde(expecting = "a table with `name` (and optionally `email` and `uri`), like `{ name = \"Ann\" }`")]
struct PersonTable {
    name: Spanned<String>,
    email: Option<Spanned<String>>,
    uri: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", expecting = "a `[feeds]` table")]
struct FeedsTable {
    folder: Option<PathBuf>,
    url: Option<Spanned<String>>,
    formats: Option<Vec<Format>>,
    entries: Option<EntriesValue>,
    content: Option<ContentMode>,
    by: Option<Vec<Grouping>>,
    archives: Option<bool>,
    stylesheet: Option<bool>,
    hub: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "`entries` must be a whole number (1 or more) or \"all\"")]
enum EntriesValue {
    Count(NonZeroUsize),
    Word(AllWord),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum AllWord {
    All,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", expecting = "an `[articles]` table")]
struct ArticlesTable {
    folder: Option<PathBuf>,
    /// Gitignore-style globs: when given, only the files they match are articles.
    include: Option<Vec<Spanned<String>>>,
    /// Gitignore-style globs: the files they match are not articles.
    exclude: Option<Vec<Spanned<String>>>,
    /// What ends an article's summary in its body (default `<!--more-->`).
    summary_separator: Option<Spanned<String>>,
    /// The site's own names for front-matter keys: `title = "newstitle"`.
    keys: Option<std::collections::BTreeMap<String, Spanned<String>>>,
    /// The template syntax bodies were written for (`auto`, `hugo`, …).
    templates: Option<crate::render::template::Syntax>,
    /// What becomes of template tags feedwright does not render.
    unknown_templates: Option<crate::render::template::Unknown>,
    /// What `{{ site.NAME }}` stands for (Jekyll's `_config.yml` values).
    site_values: Option<std::collections::BTreeMap<String, Spanned<String>>>,
}

/// How many entries the main feeds hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    All,
    Latest(NonZeroUsize),
}

impl Limit {
    pub(crate) fn take(self) -> usize {
        match self {
            Limit::All => usize::MAX,
            Limit::Latest(n) => n.get(),
        }
    }
}

/// What to write and where.
#[derive(Debug, Clone)]
pub(crate) struct FeedSettings {
    pub(crate) formats: Vec<Format>,
    pub(crate) limit: Limit,
    pub(crate) content: ContentMode,
    /// The URL the output folder is served at, ending in `/`.
    pub(crate) url: Url,
    /// `by`: a feed per tag, author or category too, each once, in a fixed order.
    pub(crate) by: Vec<Grouping>,
    /// `archives`: RFC 5005 archive pages for the entries the main feeds leave out.
    pub(crate) archives: bool,
    /// `stylesheet`: the CSS that makes RSS and Atom readable in a browser.
    pub(crate) stylesheet: bool,
    /// `hub`: the WebSub hub every feed names.
    pub(crate) hub: Option<Url>,
}

/// Everything a build needs to know, resolved from the file and the flags.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// The site folder; messages name files relative to it.
    pub(crate) root: PathBuf,
    /// The articles folder, with which of its files are articles.
    pub(crate) articles_dir: ArticlesDir,
    pub(crate) out_dir: PathBuf,
    pub(crate) site: Site,
    pub(crate) feeds: FeedSettings,
    /// `[articles.keys]`: the site's names for front-matter keys.
    pub(crate) keys: KeyMap,
    /// `[articles] templates` and `unknown-templates`.
    pub(crate) templates: crate::render::template::Templates,
    /// `[articles.site-values]`: `{{ site.NAME }}`'s text, by `NAME`.
    pub(crate) site_values: std::collections::BTreeMap<String, String>,
}

impl Settings {
    /// What template tags in the bodies may use: the site's settings, and
    /// where every article is (`links`).
    pub(crate) fn template_context<'a>(
        &'a self,
        links: &'a crate::render::template::Links,
    ) -> crate::render::template::Context<'a> {
        crate::render::template::Context {
            templates: self.templates,
            site: &self.site.url,
            links,
            values: &self.site_values,
            keys: &self.keys,
        }
    }

    /// `path` as the user knows it: relative to the site folder when inside it.
    pub(crate) fn display_path(&self, path: &Path) -> String {
        display_relative(&self.root, path)
    }
}

/// `path` relative to `root` when it is inside it, with `/` separators.
pub(crate) fn display_relative(root: &Path, path: &Path) -> String {
    let shown = path.strip_prefix(root).unwrap_or(path);
    let text = shown.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}

const DEFAULT_PERMALINK: &str = "/{year}/{month}/{slug}/";

/// Hugo's summary divider, which Jekyll sites set as `excerpt_separator`.
const DEFAULT_SUMMARY_SEPARATOR: &str = "<!--more-->";

/// What the command line says besides the configuration file: the file,
/// and the folders it overrides.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Overrides<'a> {
    /// `--config`; without it, the nearest `feedwright.toml` (see `discover`).
    pub(crate) config: Option<&'a Path>,
    /// `--articles`.
    pub(crate) articles: Option<&'a Path>,
    /// `--out`, for commands that write feeds.
    pub(crate) out: Option<&'a Path>,
}

/// Reads the configuration file and merges the overrides. Gives the
/// settings with the warnings about values that were usable only once
/// cleaned; every command prints those. (They stay out of `Settings`, whose
/// `Debug` text keys the build cache.) On failure, the errors, with any
/// warnings among them.
pub(crate) fn load(overrides: Overrides<'_>) -> Result<(Settings, Vec<Diagnostic>), Vec<Diagnostic>> {
    let discovered;
    let config_path = match overrides.config {
        Some(given) => given,
        None => {
            discovered = discover()?;
            discovered.as_path()
        }
    };
    let shown = config_path.to_string_lossy().into_owned();
    let text = std::fs::read_to_string(config_path).map_err(|err| {
        vec![
            Diagnostic::error(Some(Location::file(&shown)), format!("cannot read the configuration: {err}"))
                .with_hint("run feedwright in the site folder, or name the file with `--config PATH`")
                .with_code("cannot-read"),
        ]
    })?;
    let root = match config_path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    crate::diagnostic::set_site(&root, &shown);
    resolve(&text, &shown, &root, overrides)
}

/// The configuration's file name, looked for when `--config` is not given.
pub(crate) const CONFIG_FILE: &str = "feedwright.toml";

/// The nearest `feedwright.toml`: in the current folder (named as
/// `feedwright.toml`, as before), else in the closest folder above it, as
/// cargo finds `Cargo.toml`, so that commands work from anywhere in the
/// site (`articles/2026/`). A file found above is named on stderr: a
/// command run in the wrong folder must not quietly build another site.
pub(crate) fn discover() -> Result<PathBuf, Vec<Diagnostic>> {
    let here = Path::new(CONFIG_FILE);
    if here.is_file() {
        return Ok(here.to_path_buf());
    }
    // An unreadable current folder leaves only the name to try (and fail on).
    let found = std::env::current_dir().ok().and_then(|cwd| nearest_config(&cwd));
    match found {
        Some(path) => {
            // Named like any note (`-q` keeps it quiet), and at once: the
            // site folder, so every later message, depends on it.
            if crate::diagnostic::verbosity() != crate::diagnostic::Verbosity::Quiet {
                let note = Diagnostic::note(None, format!("using {}", path.display()));
                eprintln!("{}", crate::diagnostic::render(&note));
            }
            Ok(path)
        }
        None if here.exists() => Ok(here.to_path_buf()),
        None => Err(vec![no_config()]),
    }
}

/// The `feedwright.toml` in `start` or the closest folder above it.
fn nearest_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(CONFIG_FILE)).find(|path| path.is_file())
}

/// No configuration here or above: most likely a new user in an empty
/// folder, who needs the command that makes a site.
fn no_config() -> Diagnostic {
    Diagnostic::error(None, format!("no `{CONFIG_FILE}` in this folder or any folder above it"))
        .with_hint(
            "start a site here with `feedwright init` (or `feedwright init DIR`), \
             or name the configuration with `--config PATH`",
        )
        .with_code("no-config")
}

/// What resolving finds as it goes: errors (none may remain for settings
/// to exist) and warnings, each at the line of the value.
struct Found<'t> {
    text: &'t str,
    shown: &'t str,
    problems: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Found<'_> {
    fn at(&self, offset: usize) -> Option<Location> {
        Some(Location::at(self.shown, line_of_offset(self.text.as_bytes(), offset)))
    }

    /// An invalid value: `key` `why`, at the value's line.
    fn invalid<T>(&mut self, value: &Spanned<T>, message: String, hint: Option<String>) {
        let mut error = Diagnostic::error(self.at(value.span().start), message).with_code("invalid-value");
        if let Some(hint) = hint {
            error = error.with_hint(hint);
        }
        self.problems.push(error);
    }

    /// A text value without the characters XML forbids, with a warning
    /// when there were any. (TOML escapes such as "\u0001" can carry them.)
    fn clean(&mut self, key: &str, value: &Spanned<String>) -> String {
        let (cleaned, warning) = xml_text(key, value.get_ref());
        let location = self.at(value.span().start);
        self.warnings.extend(warning.map(|w| Diagnostic { location, ..w }));
        cleaned
    }

    /// The errors, with the warnings among them, in line order.
    fn into_errors(mut self) -> Vec<Diagnostic> {
        self.problems.extend(self.warnings);
        self.problems.sort_by(|a, b| a.location.cmp(&b.location));
        self.problems
    }
}

fn resolve(
    text: &str,
    shown: &str,
    root: &Path,
    overrides: Overrides<'_>,
) -> Result<(Settings, Vec<Diagnostic>), Vec<Diagnostic>> {
    let file: FileConfig = toml::from_str(text).map_err(|err| {
        let line = err.span().map(|span| line_of_offset(text.as_bytes(), span.start));
        let location = Location { file: shown.to_owned(), line, column: None };
        vec![
            Diagnostic::error(Some(location), toml_message(&err))
                .with_hint("see the configuration reference in README.md (`[site]`, `[feeds]`, `[articles]`)")
                .with_code("config-syntax"),
        ]
    })?;
    let mut found = Found { text, shown, problems: Vec::new(), warnings: Vec::new() };
    let site = site(&file.site, &mut found);
    let configured_folder = file.feeds.folder.clone().unwrap_or_else(|| PathBuf::from("feeds"));
    let feeds_url = feeds_url(&file.feeds, &configured_folder, site.as_ref().map(|s| &s.url), &mut found);
    let formats = formats(&file.feeds, &mut found);
    let hub = hub(&file.feeds, &mut found);
    let selection = selection(&file.articles, &mut found);
    let keys = key_map(&file.articles, &mut found);
    let site_values = site_values(&file.articles, &mut found);
    let mut site = site;
    if let (Some(site), Some(separator)) = (&mut site, &file.articles.summary_separator) {
        site.summary_separator = separator.get_ref().trim().to_owned();
    }
    if let Some(site) = &mut site {
        site.folder = root.to_path_buf();
        site.media = site_media(&file, site, &mut found);
    }
    let (Some(site), Some(url), true) = (site, feeds_url, found.problems.is_empty()) else {
        return Err(found.into_errors());
    };
    let limit = match file.feeds.entries {
        None => Limit::Latest(NonZeroUsize::new(20).expect("20 is not zero")),
        Some(EntriesValue::Count(n)) => Limit::Latest(n),
        Some(EntriesValue::Word(AllWord::All)) => Limit::All,
    };
    let templates = crate::render::template::Templates {
        syntax: file.articles.templates.unwrap_or_default(),
        unknown: file.articles.unknown_templates.unwrap_or_default(),
    };
    let articles_folder = file.articles.folder.unwrap_or_else(|| PathBuf::from("articles"));
    let settings = Settings {
        templates,
        articles_dir: ArticlesDir {
            path: overrides.articles.map(Path::to_path_buf).unwrap_or_else(|| root.join(articles_folder)),
            selection,
        },
        out_dir: overrides.out.map(Path::to_path_buf).unwrap_or_else(|| root.join(configured_folder)),
        root: root.to_path_buf(),
        site,
        feeds: FeedSettings {
            formats,
            limit,
            content: file.feeds.content.unwrap_or_default(),
            url,
            by: groupings(&file.feeds),
            archives: file.feeds.archives.unwrap_or(false),
            stylesheet: file.feeds.stylesheet.unwrap_or(true),
            hub,
        },
        keys,
        site_values,
    };
    Ok((settings, found.warnings))
}

/// `[site]`, resolved; `None` when a required value is missing or wrong
/// (the problem is in `found`).
fn site(table: &SiteTable, found: &mut Found<'_>) -> Option<Site> {
    let title = crate::text::collapse_whitespace(&found.clean("site.title", &table.title));
    let description = table
        .description
        .as_ref()
        .map(|d| crate::text::collapse_whitespace(&found.clean("site.description", d)))
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| title.clone());
    let url = parse_base_url(table.url.get_ref())
        .map_err(|why| {
            let hint = "write the site's absolute address, like `url = \"https://example.com/\"`";
            found.invalid(&table.url, format!("`site.url` {why}"), Some(hint.into()));
        })
        .ok();
    let language = table.language.as_ref().and_then(|lang| {
        if crate::model::language::is_language_tag(lang.get_ref()) {
            return Some(lang.get_ref().clone());
        }
        let message = format!("`site.language` `{}` is not a language tag", lang.get_ref());
        found.invalid(lang, message, Some("use a BCP 47 tag such as `en`, `en-US` or `pt-BR`".into()));
        None
    });
    let timezone = match &table.timezone {
        None => chrono_tz::UTC,
        Some(tz) => tz.get_ref().parse::<chrono_tz::Tz>().unwrap_or_else(|_| {
            let message = format!("`site.timezone` `{}` is not an IANA time zone", tz.get_ref());
            found.invalid(
                tz,
                message,
                Some("use a name such as `UTC`, `Europe/Paris` or `America/Los_Angeles`".into()),
            );
            chrono_tz::UTC
        }),
    };
    let permalink = match &table.permalink {
        None => Permalink::parse(DEFAULT_PERMALINK).ok(),
        Some(pattern) => Permalink::parse(pattern.get_ref())
            .map_err(|why| {
                let hint = format!("for example `permalink = \"{DEFAULT_PERMALINK}\"`");
                found.invalid(pattern, format!("`site.permalink` {why}"), Some(hint));
            })
            .ok(),
    }
    .map(|p| p.with_dates(table.permalink_dates.unwrap_or_default()).with_slugs(table.slugs.unwrap_or_default()));
    let author = table.author.as_ref().and_then(|person| author(person, found));
    if title.is_empty() {
        let error = Diagnostic::error(found.at(table.title.span().start), "`site.title` is empty")
            .with_hint("every feed needs a title: write the site's name after `title =`")
            .with_code("missing-value");
        found.problems.push(error);
        return None;
    }
    let summary_separator = DEFAULT_SUMMARY_SEPARATOR.to_owned();
    Some(Site {
        title,
        url: url?,
        description,
        language,
        author,
        timezone,
        permalink: permalink?,
        summary_separator,
        folder: PathBuf::new(),
        media: SiteMedia::default(),
    })
}

/// `site.author`: a name (perhaps `Name <email>`), an email, a page.
fn author(person: &PersonTable, found: &mut Found<'_>) -> Option<Person> {
    let name = found.clean("site.author.name", &person.name);
    let email = person.email.as_ref().and_then(|email| {
        parse_email(email.get_ref())
            .map_err(|why| found.invalid(email, format!("`site.author.email` {why}"), None))
            .ok()
    });
    let uri = person.uri.as_ref().and_then(|uri| {
        parse_absolute_url(uri.get_ref())
            .map_err(|why| found.invalid(uri, format!("`site.author.uri` {why}"), None))
            .ok()
    });
    let (name, written_email) = crate::model::split_name_and_email(&name);
    Person::new(&name, email.or(written_email.and_then(|e| parse_email(&e).ok())), uri)
}

/// Where the feed files are served: `feeds.url`, else the site's URL and
/// the output folder.
fn feeds_url(table: &FeedsTable, folder: &Path, site_url: Option<&Url>, found: &mut Found<'_>) -> Option<Url> {
    match (&table.url, site_url) {
        (Some(feeds_url), _) => parse_base_url(feeds_url.get_ref())
            .map_err(|why| found.invalid(feeds_url, format!("`feeds.url` {why}"), None))
            .ok(),
        (None, Some(site_url)) => match url_path_of(folder) {
            Some(path) => site_url.join(&path).ok(),
            None => {
                let error = Diagnostic::error(
                    Some(Location::file(found.shown)),
                    format!("`feeds.folder` `{}` is outside the site, so its URL cannot be guessed", folder.display()),
                )
                .with_hint("add `url = \"https://…/\"` under `[feeds]`: where the feed files are served")
                .with_code("invalid-value");
                found.problems.push(error);
                None
            }
        },
        (None, None) => None,
    }
}

/// `feeds.by`, each once, in a fixed order.
fn groupings(table: &FeedsTable) -> Vec<Grouping> {
    let mut by = table.by.clone().unwrap_or_default();
    by.sort();
    by.dedup();
    by
}

/// `feeds.hub`: an absolute http(s) URL (a hub is notified over HTTP).
fn hub(table: &FeedsTable, found: &mut Found<'_>) -> Option<Url> {
    let written = table.hub.as_ref()?;
    let hint = Some("write the hub's address, like `hub = \"https://hub.example.com/\"`".to_owned());
    match parse_absolute_url(written.get_ref()) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Some(url),
        Ok(url) => {
            found.invalid(written, format!("`feeds.hub` `{url}` is not an http or https URL"), hint);
            None
        }
        Err(why) => {
            found.invalid(written, format!("`feeds.hub` {why}"), hint);
            None
        }
    }
}

/// `feeds.formats`, each once, in a fixed order; all three by default.
fn formats(table: &FeedsTable, found: &mut Found<'_>) -> Vec<Format> {
    match &table.formats {
        Some(formats) if formats.is_empty() => {
            let error = Diagnostic::error(Some(Location::file(found.shown)), "`feeds.formats` is empty")
                .with_hint("list at least one of \"rss\", \"atom\", \"json\"")
                .with_code("invalid-value");
            found.problems.push(error);
            Vec::new()
        }
        Some(formats) => {
            let mut formats = formats.clone();
            formats.sort();
            formats.dedup();
            formats
        }
        None => Format::ALL.to_vec(),
    }
}

/// `articles.include` and `articles.exclude`; a bad glob is an error at its line.
fn selection(table: &ArticlesTable, found: &mut Found<'_>) -> Selection {
    let written = |list: &Option<Vec<Spanned<String>>>| {
        list.as_ref().map(|globs| globs.iter().map(|g| g.get_ref().clone()).collect::<Vec<_>>())
    };
    let (include, exclude) = (written(&table.include), written(&table.exclude));
    if include.as_ref().is_some_and(Vec::is_empty) {
        let error = Diagnostic::error(Some(Location::file(found.shown)), "`articles.include` is empty")
            .with_hint(
                "list the globs of the files that are articles, like `include = [\"posts/**\"]`, or remove the key",
            )
            .with_code("invalid-value");
        found.problems.push(error);
        return Selection::default();
    }
    match Selection::new(include.as_deref(), exclude.as_deref()) {
        Ok(selection) => selection,
        Err((key, bad)) => {
            let list = if key == "include" { &table.include } else { &table.exclude };
            let glob = &list.as_ref().expect("the bad glob's list is given")[bad.index];
            let message = format!("`articles.{key}` `{}` is not a valid glob: {}", glob.get_ref(), bad.why);
            let hint =
                "write gitignore-style globs relative to the articles folder, like `drafts/**`, `*.txt` or `/about.md`";
            found.invalid(glob, message, Some(hint.into()));
            Selection::default()
        }
    }
}

/// `[articles.site-values]`: the values a Jekyll site's `_config.yml` gave
/// its posts' `{{ site.NAME }}` (`repository`, `author`), as plain text.
/// `url` and `baseurl` come from `[site] url` and cannot be set here.
fn site_values(table: &ArticlesTable, found: &mut Found<'_>) -> std::collections::BTreeMap<String, String> {
    let mut values = std::collections::BTreeMap::new();
    for (name, value) in table.site_values.iter().flatten() {
        if matches!(name.as_str(), "url" | "baseurl") {
            let message =
                format!("`articles.site-values.{name}` cannot be set: `{{{{ site.{name} }}}}` comes from `[site] url`");
            found.invalid(value, message, Some(format!("remove the `{name}` line")));
        } else if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            let message = format!("`articles.site-values` `{name}` is not a name `{{{{ site.NAME }}}}` can use");
            found.invalid(value, message, Some("use letters, digits, `_` or `-`, like `repository`".into()));
        } else {
            let text = found.clean(&format!("articles.site-values.{name}"), value);
            values.insert(name.clone(), text);
        }
    }
    values
}

/// `[articles.keys]`: each of our keys (a key of README's table, or one of
/// the names it is also read as) with the site's name for it, a top-level
/// key name that stands for one of ours only.
fn key_map(table: &ArticlesTable, found: &mut Found<'_>) -> KeyMap {
    let Some(keys) = &table.keys else { return KeyMap::default() };
    let mut pairs: Vec<(String, String)> = Vec::new();
    // In the file's order, so that the second of two lines is the one blamed.
    let mut written: Vec<_> = keys.iter().collect();
    written.sort_by_key(|(_, theirs)| theirs.span().start);
    for (ours, theirs) in written {
        let name = theirs.get_ref().trim();
        if !front_matter::is_known_key(ours) {
            let hint = match front_matter::closest_key(ours) {
                Some(known) => format!("did you mean `{known}`?"),
                None => "map one of the front-matter keys in README's table, like `title = \"newstitle\"`".to_owned(),
            };
            let message = format!("`articles.keys.{ours}`: `{ours}` is not a front-matter key feedwright reads");
            let error =
                Diagnostic::error(found.at(theirs.span().start), message).with_hint(hint).with_code("unknown-key");
            found.problems.push(error);
        } else if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            let message = format!("`articles.keys.{ours}` `{name}` is not a top-level front-matter key name");
            let hint = "write the name the articles use, letters, digits, `_` or `-`, like `newstitle`";
            found.invalid(theirs, message, Some(hint.into()));
        } else if let Some((other, _)) = pairs.iter().find(|(_, t)| t == name) {
            let message = format!("`{name}` is mapped to both `{other}` and `{ours}` in `[articles.keys]`");
            let hint = "a key of the articles can stand for one key of feedwright's only: remove one of the two lines";
            found.invalid(theirs, message, Some(hint.into()));
        } else {
            pairs.push((ours.clone(), name.to_owned()));
        }
    }
    KeyMap::new(pairs)
}

/// `value` without the characters XML forbids or discourages (C1 controls
/// read as the Windows-1252 characters they stand for, as everywhere else),
/// and the warning to give when there were any, without its location. The
/// wording is the article reader's for front matter values.
fn xml_text(key: &str, value: &str) -> (String, Option<Diagnostic>) {
    if crate::text::all_xml_chars(value) {
        return (value.to_owned(), None);
    }
    let bad = || value.chars().filter(|&c| !crate::text::is_xml_char(c));
    let dropped = bad().any(|c| crate::text::windows_1252_for_c1(c).is_none());
    let replaced = bad().find_map(|c| Some((u32::from(c), crate::text::windows_1252_for_c1(c)?)));
    let (what, hint) = match replaced {
        None => (
            "they are dropped".to_owned(),
            "remove the escaped control characters (such as `\\u0001`) from the value".to_owned(),
        ),
        Some((code, meant)) if dropped => (
            format!(
                "they are dropped, but for C1 controls, read as the Windows-1252 characters they stand for (U+{code:04X} as `{meant}`)"
            ),
            "remove the escaped control characters (such as `\\u0001`), and write the characters meant themselves"
                .to_owned(),
        ),
        Some((code, meant)) => (
            format!("they are read as the Windows-1252 characters they stand for (U+{code:04X} as `{meant}`)"),
            format!("write the characters meant themselves, such as `{meant}`"),
        ),
    };
    let warning = Diagnostic::warning(None, format!("`{key}` holds characters XML forbids or discourages; {what}"))
        .with_hint(hint)
        .with_code("control-character");
    (crate::text::strip_non_xml_chars(value).into_owned(), Some(warning))
}

/// toml's message without its own copy of the source line (we print ours),
/// and serde's words for Rust types
/// (`expected struct X`, `a sequence`) said as TOML says them.
fn toml_message(err: &toml::de::Error) -> String {
    crate::diagnostic::plain_words(err.message().trim_end()).replace('\n', "; ")
}

/// An absolute http(s) URL, with a trailing `/` added so it works as a base.
fn parse_base_url(text: &str) -> Result<Url, String> {
    let mut url = parse_absolute_url(text)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{text}` must be an http or https address"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{text}` has no host name"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("`{text}` must not have a query or fragment"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(crate::model::canonical_url(url))
}

/// The URL path (ending in `/`) of a folder given relative to the site.
fn url_path_of(folder: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in folder.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?.to_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if parts.is_empty() {
        return Some(String::new());
    }
    Some(format!("{}/", parts.join("/")))
}

/// `[podcast]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PodcastTable {
    /// `itunes:author` (default: the site author's name, else the title).
    author: Option<Spanned<String>>,
    /// Apple's contact for the show: `{ name, email }` (required).
    owner: PersonTable,
    /// Square artwork, 1400 to 3000 pixels, JPEG or PNG (required).
    image: Spanned<String>,
    /// Apple categories: `"News"`, or `{ name = "News", subcategories = ["Tech News"] }`.
    categories: Spanned<Vec<CategoryValue>>,
    #[serde(default)]
    explicit: bool,
    /// `episodic` (default) or `serial`.
    #[serde(rename = "type")]
    kind: Option<Spanned<String>>,
    /// `podcast:locked` (default true).
    locked: Option<bool>,
    /// `podcast:guid`, when the show already has one.
    guid: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "a category name, or `{ name = \"News\", subcategories = [\"Tech News\"] }`")]
enum CategoryValue {
    Name(String),
    Table {
        name: String,
        #[serde(default)]
        subcategories: Vec<String>,
    },
}

/// `[site] icon`, `logo` and `[podcast]`, resolved against the site's URL.
fn site_media(file: &FileConfig, site: &Site, found: &mut Found<'_>) -> SiteMedia {
    let image = |key: &str, value: &Spanned<String>, found: &mut Found<'_>| {
        let resolved = match value.get_ref().trim().strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') => site.url.join(&format!("./{rest}")),
            _ => site.url.join(value.get_ref().trim()),
        };
        match resolved {
            Ok(url) if matches!(url.scheme(), "http" | "https") => Some(crate::model::canonical_url(url)),
            _ => {
                let hint = "write an `https://…` address or a path on the site (`/images/logo.png`)";
                found.invalid(
                    value,
                    format!("`{key}` `{}` is not an http(s) address", value.get_ref()),
                    Some(hint.into()),
                );
                None
            }
        }
    };
    let icon = file.site.icon.as_ref().and_then(|v| image("site.icon", v, found));
    let logo = file.site.logo.as_ref().and_then(|v| image("site.logo", v, found));
    let podcast = file.podcast.as_ref().and_then(|table| {
        let artwork = image("podcast.image", &table.image, found);
        podcast(table, site, artwork, found)
    });
    SiteMedia { icon, logo, podcast }
}

/// `[podcast]`, checked as Apple Podcasts and the W3C validator check it.
fn podcast(table: &PodcastTable, site: &Site, image: Option<Url>, found: &mut Found<'_>) -> Option<Podcast> {
    let problems_before = found.problems.len();
    if site.language.is_none() {
        found.invalid(
            &table.image,
            "`[podcast]` needs `site.language`: Apple Podcasts requires the show's language".into(),
            Some("add `language = \"en\"` (or the show's language) to `[site]`".into()),
        );
    }
    let owner_name = crate::text::collapse_whitespace(&found.clean("podcast.owner.name", &table.owner.name));
    let owner_email = match &table.owner.email {
        Some(email) => parse_email(email.get_ref())
            .map_err(|why| found.invalid(email, format!("`podcast.owner.email` {why}"), None))
            .ok(),
        None => {
            found.invalid(
                &table.owner.name,
                "`podcast.owner` needs an `email`: Apple Podcasts writes to it".into(),
                Some("write `owner = { name = \"Ann\", email = \"ann@example.com\" }`".into()),
            );
            None
        }
    };
    let mut categories = Vec::new();
    for value in table.categories.get_ref() {
        let (name, subs) = match value {
            CategoryValue::Name(name) => (name.trim(), Vec::new()),
            CategoryValue::Table { name, subcategories } => {
                (name.trim(), subcategories.iter().map(|s| s.trim().to_owned()).collect())
            }
        };
        match APPLE_CATEGORIES.iter().find(|(known, _)| *known == name) {
            Some((known, allowed)) => {
                if let Some(bad) = subs.iter().find(|s| !allowed.contains(&s.as_str())) {
                    let hint = if allowed.is_empty() {
                        format!("`{known}` has no subcategories")
                    } else {
                        format!("one of: {}", allowed.join(", "))
                    };
                    found.invalid(
                        &table.categories,
                        format!("`{bad}` is not an Apple Podcasts subcategory of `{known}`"),
                        Some(hint),
                    );
                }
                categories.push(((*known).to_owned(), subs));
            }
            None => {
                let names: Vec<&str> = APPLE_CATEGORIES.iter().map(|(n, _)| *n).collect();
                found.invalid(
                    &table.categories,
                    format!("`{name}` is not an Apple Podcasts category"),
                    Some(format!("one of: {}", names.join(", "))),
                );
            }
        }
    }
    if categories.is_empty() && found.problems.len() == problems_before {
        found.invalid(
            &table.categories,
            "`podcast.categories` is empty: Apple Podcasts requires a category".into(),
            Some("for example `categories = [\"News\"]`".into()),
        );
    }
    let kind = match &table.kind {
        None => "episodic".to_owned(),
        Some(kind) if matches!(kind.get_ref().as_str(), "episodic" | "serial") => kind.get_ref().clone(),
        Some(kind) => {
            found.invalid(
                kind,
                format!("`podcast.type` `{}` is neither `episodic` nor `serial`", kind.get_ref()),
                None,
            );
            String::new()
        }
    };
    let guid = table.guid.as_ref().and_then(|guid| match uuid::Uuid::parse_str(guid.get_ref().trim()) {
        Ok(uuid) => Some(uuid.to_string()),
        Err(_) => {
            found.invalid(
                guid,
                format!("`podcast.guid` `{}` is not a UUID", guid.get_ref()),
                Some("leave it out: feedwright makes it from the feed's URL (PSP-1)".into()),
            );
            None
        }
    });
    let author = match &table.author {
        Some(author) => crate::text::collapse_whitespace(&found.clean("podcast.author", author)),
        None => site.author.as_ref().map_or_else(|| site.title.clone(), |a| a.name.clone()),
    };
    if found.problems.len() > problems_before {
        return None;
    }
    Some(Podcast {
        author,
        owner_name,
        owner_email: owner_email?,
        image: image?,
        categories,
        explicit: table.explicit,
        kind,
        locked: table.locked.unwrap_or(true),
        guid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> Overrides<'static> {
        Overrides { config: Some(Path::new("site/feedwright.toml")), articles: None, out: None }
    }

    fn resolve_text(text: &str) -> Result<Settings, Vec<Diagnostic>> {
        resolve(text, "feedwright.toml", Path::new("site"), args()).map(|(settings, _)| settings)
    }

    /// Every finding, warnings or errors, as printed.
    fn findings(text: &str) -> Vec<String> {
        match resolve(text, "feedwright.toml", Path::new("site"), args()) {
            Ok((_, warnings)) => warnings.iter().map(ToString::to_string).collect(),
            Err(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    fn first_error(text: &str) -> String {
        resolve_text(text).unwrap_err()[0].to_string()
    }

    #[test]
    fn the_nearest_configuration_above_wins() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("site/articles/2026");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "").unwrap();
        assert_eq!(nearest_config(&deep), Some(dir.path().join(CONFIG_FILE)));
        std::fs::write(dir.path().join("site").join(CONFIG_FILE), "").unwrap();
        assert_eq!(nearest_config(&deep), Some(dir.path().join("site").join(CONFIG_FILE)));
        // A folder of that name is not a configuration.
        std::fs::create_dir(deep.join(CONFIG_FILE)).unwrap();
        assert_eq!(nearest_config(&deep), Some(dir.path().join("site").join(CONFIG_FILE)));
    }

    #[test]
    fn minimal_config_takes_defaults() {
        let s = resolve_text("[site]\ntitle = \"T\"\nurl = \"https://example.com/blog\"\n").unwrap();
        assert_eq!(s.site.url.as_str(), "https://example.com/blog/");
        assert_eq!(s.feeds.url.as_str(), "https://example.com/blog/feeds/");
        assert_eq!(s.site.description, "T");
        assert_eq!(s.site.timezone, chrono_tz::UTC);
        assert_eq!(s.feeds.formats, Format::ALL);
        assert_eq!(s.feeds.limit.take(), 20);
        assert_eq!(s.articles_dir.path, Path::new("site/articles"));
        assert!(s.articles_dir.selection.takes_all());
        assert_eq!(s.out_dir, Path::new("site/feeds"));
    }

    #[test]
    fn entries_all_and_count() {
        let base = "[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\n[feeds]\n";
        assert_eq!(resolve_text(&format!("{base}entries = \"all\"")).unwrap().feeds.limit, Limit::All);
        assert_eq!(resolve_text(&format!("{base}entries = 5")).unwrap().feeds.limit.take(), 5);
        assert!(resolve_text(&format!("{base}entries = 0")).is_err());
    }

    #[test]
    fn hub_is_an_absolute_http_url() {
        let base = "[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\n[feeds]\n";
        assert_eq!(resolve_text(base).unwrap().feeds.hub, None);
        let hub = resolve_text(&format!("{base}hub = \"https://hub.example.com/\"")).unwrap().feeds.hub;
        assert_eq!(hub.map(String::from).as_deref(), Some("https://hub.example.com/"));
        let got = first_error(&format!("{base}hub = \"/hub\""));
        assert!(got.starts_with("error: feedwright.toml:5: `feeds.hub` `/hub` is not an absolute URL"), "{got}");
        let got = first_error(&format!("{base}\nhub = \"ftp://hub.example.com/\""));
        assert!(
            got.starts_with("error: feedwright.toml:6: `feeds.hub` `ftp://hub.example.com/` is not an http"),
            "{got}"
        );
        assert!(got.contains("hub = \"https://hub.example.com/\""), "the hint shows the form: {got}");
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("[site]\ntitle = \"T\"\n", "error: feedwright.toml:1: missing field `url`"),
            (
                "[site]\ntitle = \"T\"\nurl = \"/relative/\"\n",
                "error: feedwright.toml:3: `site.url` `/relative/` is not an absolute URL",
            ),
            (
                "[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\ncolour = 1\n",
                "error: feedwright.toml:4: unknown field `colour`",
            ),
            (
                "[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\ntimezone = \"Mars/Olympus\"\n",
                "error: feedwright.toml:4: `site.timezone` `Mars/Olympus` is not an IANA time zone",
            ),
            (
                "[site]\ntitle = 3\nurl = \"https://e.com/\"\n",
                "error: feedwright.toml:2: invalid type: integer `3`, expected a string",
            ),
        ];
        for (text, expected) in cases {
            let got = first_error(text);
            assert!(got.starts_with(expected), "{text:?}\n got: {got}\nwant: {expected}");
        }
    }

    #[test]
    fn control_characters_warn_with_the_key_and_line() {
        let text = "[site]\ntitle = \"Si\\u0001te\"\nurl = \"https://e.com/\"\n\ndescription = \"De\\u001fsc\\u0096\"\nauthor = { name = \"A\\u0085da\" }\n";
        let (settings, warnings) = resolve(text, "feedwright.toml", Path::new("site"), args()).unwrap();
        // The values are as before this warning existed: the feeds' bytes do not change.
        assert_eq!(settings.site.title, "Site");
        assert_eq!(settings.site.description, "Desc–");
        assert_eq!(settings.site.author.unwrap().name, "A…da");
        let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "warning: feedwright.toml:2: `site.title` holds characters XML forbids or discourages; they are dropped\n  help: remove the escaped control characters (such as `\\u0001`) from the value",
                "warning: feedwright.toml:5: `site.description` holds characters XML forbids or discourages; they are dropped, but for C1 controls, read as the Windows-1252 characters they stand for (U+0096 as `–`)\n  help: remove the escaped control characters (such as `\\u0001`), and write the characters meant themselves",
                "warning: feedwright.toml:6: `site.author.name` holds characters XML forbids or discourages; they are read as the Windows-1252 characters they stand for (U+0085 as `…`)\n  help: write the characters meant themselves, such as `…`",
            ]
        );
        assert!(warnings.iter().all(|w| w.code.as_deref() == Some("control-character")));
        assert!(findings("[site]\ntitle = \"Plain “curly” ✓\"\nurl = \"https://e.com/\"\n").is_empty());
    }

    #[test]
    fn the_site_s_names_for_front_matter_keys() {
        let base =
            "[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\n[articles]\nsummary-separator = \"<!-- cut -->\"\n";
        let s =
            resolve_text(&format!("{base}[articles.keys]\ntitle = \"newstitle\"\ndate = \"published_on\"\n")).unwrap();
        assert_eq!(
            s.keys,
            KeyMap::new(vec![("title".into(), "newstitle".into()), ("date".into(), "published_on".into())])
        );
        assert_eq!(s.site.summary_separator, "<!-- cut -->");
        assert_eq!(resolve_text(&base[..base.len() - 36]).unwrap().site.summary_separator, "<!--more-->");
        assert_eq!(
            findings(&format!(
                "{base}[articles.keys]\ntitel = \"newstitle\"\nexpiry_date = \"ends\"\nsummary = \"a.b\"\n"
            )),
            [
                "error: feedwright.toml:7: `articles.keys.titel`: `titel` is not a front-matter key feedwright reads\n  help: did you mean `title`?",
                "error: feedwright.toml:8: `articles.keys.expiry_date`: `expiry_date` is not a front-matter key feedwright reads\n  help: did you mean `expiryDate`?",
                "error: feedwright.toml:9: `articles.keys.summary` `a.b` is not a top-level front-matter key name\n  help: write the name the articles use, letters, digits, `_` or `-`, like `newstitle`",
            ]
        );
        assert_eq!(
            findings(&format!("{base}[articles.keys]\ntitle = \"name\"\nsummary = \"name\"\n")),
            [
                "error: feedwright.toml:8: `name` is mapped to both `title` and `summary` in `[articles.keys]`\n  help: a key of the articles can stand for one key of feedwright's only: remove one of the two lines"
            ]
        );
    }

    #[test]
    fn site_values_for_template_tags() {
        let base = "[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\n[articles.site-values]\n";
        let s = resolve_text(&format!("{base}repository = \"https://github.com/x/y\"\n\"my-name\" = \"A\"\n")).unwrap();
        assert_eq!(s.site_values.get("repository").map(String::as_str), Some("https://github.com/x/y"));
        assert_eq!(s.site_values.get("my-name").map(String::as_str), Some("A"));
        assert_eq!(
            findings(&format!("{base}url = \"https://other.example/\"\n\"a.b\" = \"x\"\n")),
            [
                "error: feedwright.toml:5: `articles.site-values.url` cannot be set: `{{ site.url }}` comes from `[site] url`\n  help: remove the `url` line",
                "error: feedwright.toml:6: `articles.site-values` `a.b` is not a name `{{ site.NAME }}` can use\n  help: use letters, digits, `_` or `-`, like `repository`",
            ]
        );
    }

    #[test]
    fn warnings_come_with_the_errors() {
        let text = "[site]\ntitle = \"\\u0001\"\nurl = \"https://e.com/\"\n";
        assert_eq!(
            findings(text),
            [
                "error: feedwright.toml:2: `site.title` is empty\n  help: every feed needs a title: write the site's name after `title =`",
                "warning: feedwright.toml:2: `site.title` holds characters XML forbids or discourages; they are dropped\n  help: remove the escaped control characters (such as `\\u0001`) from the value",
            ]
        );
        let text = "[site]\ntitle = \"T\\u0002\"\nurl = \"/relative/\"\n";
        let got = findings(text);
        assert!(got[0].starts_with("warning: feedwright.toml:2: `site.title` holds"), "{got:?}");
        assert!(got[1].starts_with("error: feedwright.toml:3: `site.url`"), "{got:?}");
    }
}

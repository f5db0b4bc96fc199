//! `Article` + `Site` -> `Pending` entry: every default is decided here
//! (slug, id, URL, dates, authors), every value is checked, and every
//! problem is reported with the article's file and line.
//!
//! The body is not rendered yet: only the entries that make it into a feed
//! are (`Pending::render`).

use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone};
use url::Url;

use super::permalink::{Names, SlugStyle};
use super::{ContentMode, Site, parse_absolute_url};
use super::{Entry, Person, date, parse_email};
use crate::diagnostic::{Diagnostic, Location};
use crate::source::front_matter::{At, FrontMatter, KeyMap, PageUrl, RawPerson};
use crate::source::{Article, BodyFormat, SourceFile};
use crate::text::collapse_whitespace;

/// An article's body, as authored: in memory, or still in its file when
/// only the front matter was read (articles outside the feed are never
/// read further).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Body {
    Text(String),
    InFile(InFile),
}

/// A body still in its file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct InFile {
    pub(crate) file: SourceFile,
    start: Option<BodyStart>,
    /// The site's names for front-matter keys, to read the file again as
    /// it was read (usually none).
    names: KeyMap,
}

/// Where the body starts in the file's text, and a hash of the text before
/// it (front matter and title line): rendering takes the body from there
/// instead of parsing the front matter a second time, unless the file
/// changed in between.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
struct BodyStart {
    offset: usize,
    before: u64,
}

impl InFile {
    /// `text` is the start of the file (or all of it) as read, and
    /// `body_offset` where the parsed article's body starts in it.
    pub(crate) fn new(file: SourceFile, text: &str, body_offset: Option<usize>, names: &KeyMap) -> Self {
        let start = body_offset.and_then(|offset| {
            let before = text.get(..offset)?;
            Some(BodyStart { offset, before: xxhash_rust::xxh3::xxh3_64(before.as_bytes()) })
        });
        InFile { file, start, names: names.clone() }
    }

    /// The body in `text`, the whole file read again, if everything before
    /// it is as it was and nothing in it needs dropping.
    fn body_in<'t>(&self, text: &'t str) -> Option<&'t str> {
        let start = self.start?;
        let before = text.get(..start.offset)?;
        let body = &text[start.offset..];
        (xxhash_rust::xxh3::xxh3_64(before.as_bytes()) == start.before && crate::text::all_xml_chars(body))
            .then_some(body)
    }
}

/// An article resolved into entry values, body still as authored.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Pending {
    pub(crate) file: String,
    pub(crate) slug: String,
    pub(crate) draft: bool,
    pub(crate) id: String,
    /// The front matter gave `id`: history never replaces it.
    pub(crate) id_is_explicit: bool,
    /// The front matter gave `updated`: history never moves it.
    pub(crate) updated_is_explicit: bool,
    pub(crate) title: String,
    pub(crate) url: Url,
    pub(crate) external_url: Option<Url>,
    pub(crate) published: DateTime<FixedOffset>,
    pub(crate) updated: DateTime<FixedOffset>,
    pub(crate) authors: Vec<Person>,
    /// The front matter's summary, if any.
    pub(crate) summary: Option<String>,
    pub(crate) tags: Vec<String>,
    /// Jekyll's and Hugo's `categories` alone (they are among the tags
    /// too), for the per-category feeds.
    pub(crate) categories: Vec<String>,
    pub(crate) language: Option<String>,
    pub(crate) image: Option<Url>,
    /// Enclosures and episode values (`model::enclosure`).
    pub(crate) media: super::enclosure::EntryMedia,
    /// The local files enclosures' lengths were read from, with those
    /// lengths: a record of this article in the build cache holds only
    /// while they stay the same size.
    pub(crate) measured: Vec<super::enclosure::Measured>,
    /// Hugo's `expiryDate`: from then on the article is not published.
    pub(crate) expires: Option<DateTime<FixedOffset>>,
    /// What ends the summary in the body (`<!--more-->`), when the front
    /// matter gives none.
    summary_separator: Option<String>,
    format: BodyFormat,
    pub(crate) body: Body,
    /// Where each value readers see was written, to report a problem the
    /// feeds' check finds in this entry at the line the author edits.
    pub(crate) lines: Lines,
    /// A hash of this article's record in the build cache: the same hash,
    /// the same article resolved from the same file by the same build of
    /// feedwright (so the same rendering). Not part of the record itself.
    #[serde(skip)]
    pub(crate) source: Option<u128>,
}

impl Pending {
    /// Renders the body and settles the summary: the front matter's, else
    /// the first paragraph of the body. A body still in its file is read now
    /// (with the warnings that brings), or fails if the file cannot be.
    /// Template tags in the body and summary are rendered or removed (see
    /// `render::template`) as `templates` says. Also says whether the
    /// rendering may be reused while the article is unchanged: not when it
    /// links to other articles (their URLs may change) or has warnings
    /// (they must be given again by every build).
    pub(crate) fn render(
        mut self,
        content: ContentMode,
        templates: &crate::render::template::Context<'_>,
    ) -> Result<(Entry, Vec<Diagnostic>, bool), Diagnostic> {
        let whole_file;
        let (body, mut warnings) = match self.body {
            Body::Text(ref text) => (std::borrow::Cow::Borrowed(text.as_str()), Vec::new()),
            Body::InFile(ref in_file) => {
                whole_file = crate::source::read_text(&in_file.file)?;
                match in_file.body_in(&whole_file) {
                    // Its front matter's warnings were given when it was read.
                    Some(body) => (std::borrow::Cow::Borrowed(body), Vec::new()),
                    None => {
                        let (article, warnings) =
                            crate::source::article::parse(&in_file.file, &whole_file, &in_file.names).map_err(
                                |errors| {
                                    // Read before without an error: the file changed since.
                                    errors.into_iter().next().unwrap_or_else(|| {
                                        crate::diagnostic::Diagnostic::error(None, "the article cannot be read")
                                    })
                                },
                            )?;
                        (std::borrow::Cow::Owned(article.body), warnings)
                    }
                }
            }
        };
        let page = crate::render::template::Page {
            context: *templates,
            url: &self.url,
            title: &self.title,
            link: self.external_url.as_ref(),
        };
        let (html, report) = crate::render::body_to_html_in(self.format, &body, &page);
        let mut reusable = report.is_self_contained();
        let body_line = |offset| self.lines.body + crate::text::line_of_offset(body.as_bytes(), offset) - 1;
        let mut found = template_diagnostics(&self.file, report.findings, body_line);
        found.extend(more_template_tags(&self.file, report.more, self.lines.body));
        let before_separator = self
            .summary_separator
            .as_deref()
            .filter(|_| self.format != BodyFormat::PlainText)
            .and_then(|separator| crate::render::text_before_separator(&body, separator));
        let summary = match (self.summary.take(), before_separator) {
            (Some(summary), _) => {
                let (summary, report) = crate::render::summary_text(&summary, &page);
                reusable &= report.is_self_contained();
                let line = self.lines.summary.unwrap_or(self.lines.body);
                found.extend(template_diagnostics(&self.file, report.findings, |_| line));
                found.extend(more_template_tags(&self.file, report.more, line));
                summary
            }
            // The text before the separator, all of it, as Hugo and Jekyll
            // make their summaries; the content stays whole. Its template
            // tags are the body's, whose warnings are given above.
            (None, Some(before)) => {
                crate::render::summary_of_all(&crate::render::body_to_html_in(self.format, before, &page).0)
            }
            (None, None) => crate::render::summary_from_html(&html),
        };
        if let Some(refused) = found.iter().find(|d| d.is_error()) {
            return Err(refused.clone());
        }
        warnings.extend(found);
        // The renderers cannot produce these characters from clean input, but
        // entities such as `&#1;` in raw HTML can decode to them.
        let html = crate::text::strip_non_xml_chars(html.trim()).into_owned();
        let summary = crate::text::strip_non_xml_chars(&summary).into_owned();
        // Every entry carries some text (validators and readers want it): an
        // article with no words in its body is summed up by its title.
        let summary = if summary.trim().is_empty() { self.title.clone() } else { summary };
        let content_html = (content == ContentMode::Full && !html.is_empty()).then_some(html);
        Ok((self.into_entry(summary, content_html), warnings, reusable))
    }

    /// The entry, with the summary and content its rendering gave (now, or
    /// by an earlier build: see `History::rendered`).
    pub(crate) fn into_entry(self, summary: String, content_html: Option<String>) -> Entry {
        Entry {
            id: self.id,
            title: self.title,
            url: self.url,
            external_url: self.external_url,
            published: self.published,
            updated: self.updated,
            authors: self.authors,
            summary,
            content_html,
            tags: self.tags,
            language: self.language,
            image: self.image,
            media: self.media,
        }
    }
}

/// What the template pass could not render, as diagnostics at the lines of
/// the article's file (`line_of` maps an offset of the text passed).
fn template_diagnostics(
    file: &str,
    findings: Vec<crate::render::template::Finding>,
    line_of: impl Fn(usize) -> usize,
) -> Vec<Diagnostic> {
    use crate::render::template::Found;
    findings
        .into_iter()
        .map(|finding| {
            let location = Some(Location::at(file, line_of(finding.offset)));
            let tag = finding.tag;
            let (diagnostic, code, hint) = match finding.what {
                Found::Removed => (
                    Diagnostic::warning(location, format!("template tag `{tag}` removed: feedwright runs no template engine")),
                    "template-tag-removed",
                    "write out what the tag made, or set `unknown-templates = \"keep\"` under `[articles]` to keep it as text",
                ),
                Found::Refused => (
                    Diagnostic::error(location, format!("template tag `{tag}`: feedwright runs no template engine")),
                    "template-tag",
                    "write out what the tag made, or set `unknown-templates = \"remove\"` under `[articles]`",
                ),
                Found::Unclosed => (
                    Diagnostic::warning(location, format!("template tag `{tag}` is never closed: removed")),
                    "template-tag-unclosed",
                    "close the tag, or write the text in a code span if it is not a template",
                ),
                Found::NoSuchArticle | Found::AmbiguousArticle => (
                    Diagnostic::warning(
                        location,
                        match finding.what {
                            Found::NoSuchArticle => format!("`{tag}` names no published article: the link is left out"),
                            _ => format!("`{tag}` names more than one article: the link is left out"),
                        },
                    ),
                    "template-link-unknown",
                    "name the article's file as a path under the articles folder (e.g. `_posts/2020-01-01-name.md`)",
                ),
            };
            diagnostic.with_code(code).with_hint(hint)
        })
        .collect()
}

/// One warning for the template tags beyond those reported one by one.
fn more_template_tags(file: &str, more: usize, line: usize) -> Option<Diagnostic> {
    (more > 0).then(|| {
        Diagnostic::warning(
            Some(Location::at(file, line)),
            format!("{more} more template tags were removed, never closed, or linked to no article"),
        )
        .with_code("template-tag-removed")
        .with_hint("see the warnings above for the first ones; the text may not be what its generator read")
    })
}

/// The lines of an article (from 1) where its values were written: the
/// front-matter key, or where the body starts; `None` for a value that was
/// not written (a default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Lines {
    pub(crate) title: Option<usize>,
    pub(crate) summary: Option<usize>,
    pub(crate) authors: Option<usize>,
    pub(crate) tags: Option<usize>,
    pub(crate) link: Option<usize>,
    pub(crate) image: Option<usize>,
    pub(crate) lang: Option<usize>,
    pub(crate) date: Option<usize>,
    pub(crate) updated: Option<usize>,
    pub(crate) id: Option<usize>,
    pub(crate) slug: Option<usize>,
    /// `permalink`, `url` or `path`.
    pub(crate) url: Option<usize>,
    pub(crate) expires: Option<usize>,
    /// The first `enclosure`/`enclosures` key, else `duration`, …
    pub(crate) enclosure: Option<usize>,
    pub(crate) body: usize,
}

impl Lines {
    fn of(article: &Article) -> Lines {
        let front = &article.front;
        let line = |at: &Option<At<String>>| at.as_ref().map(|at| at.line);
        Lines {
            title: line(&article.title),
            summary: line(&front.summary),
            authors: front.authors.first().map(|at| at.line),
            tags: (!front.tags.is_empty() && front.tags_line > 0).then_some(front.tags_line),
            link: line(&front.link),
            image: line(&front.image),
            lang: line(&front.lang),
            date: line(&front.date),
            updated: line(&front.updated),
            id: line(&front.id),
            slug: line(&front.slug),
            url: front.page_url.as_ref().map(|at| at.line),
            expires: line(&front.expires),
            enclosure: front.media.enclosures.first().map(|at| at.line).or(front
                .media
                .duration
                .as_ref()
                .map(|at| at.line)),
            body: article.body_line,
        }
    }
}

/// Collects the problems of one article, and the notes on what was done
/// with values that were fine to read.
struct Problems<'a> {
    file: &'a str,
    found: Vec<Diagnostic>,
    notes: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn error(&mut self, line: Option<usize>, code: &str, message: impl Into<String>, hint: impl Into<String>) {
        let location = Location { file: self.file.to_owned(), line, column: None };
        self.found.push(Diagnostic::error(Some(location), message).with_hint(hint).with_code(code));
    }

    fn note(&mut self, line: usize, code: &str, message: impl Into<String>, hint: impl Into<String>) {
        let location = Location::at(self.file, line);
        self.notes.push(Diagnostic::note(Some(location), message).with_hint(hint).with_code(code));
    }

    /// A warning kept with the notes: the article is fine to publish.
    fn warn(&mut self, line: usize, code: &str, message: impl Into<String>, hint: impl Into<String>) {
        let location = Location::at(self.file, line);
        self.notes.push(Diagnostic::warning(Some(location), message).with_hint(hint).with_code(code));
    }
}

/// Resolves one article, whose body is `body` (its text, or its file when
/// only the head was read), with notes on values it had to adapt (a slug
/// made URL-safe). Errors come back all at once.
pub(crate) fn normalize(
    article: Article,
    body: Body,
    site: &Site,
) -> Result<(Pending, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut problems = Problems { file: &article.file, found: Vec::new(), notes: Vec::new() };
    let front = &article.front;
    let title = title(&article, &mut problems);
    let (file_date, file_slug) = match date::from_file_stem(&article.stem) {
        Some((day, rest)) => (Some(day), rest),
        None => (None, article.stem.as_str()),
    };
    // With no date in the file name, a `YYYY/MM/DD` in the page's own path
    // (Zola's `path`, which the Rust blog dates its posts by) or in the
    // folders above the file.
    let file_date = file_date
        .or_else(|| front.page_url.as_ref().and_then(|At { value, .. }| date::from_path(&value.value)))
        .or_else(|| date::from_path(&article.folder));
    let (published, updated) = dates(front, file_date, site.timezone, &mut problems);
    let slug = slug(front.slug.as_ref(), file_slug, &article.stem, site.permalink.slug_style(), &mut problems);
    let names = Names {
        slug: &slug,
        title: &title,
        filename: &article.stem,
        folder: &article.folder,
        categories: &front.categories,
    };
    // `./` first, so that a path whose first segment holds a `:` (a slug
    // `javascript:x` under the permalink `/{slug}/`) stays a path on the
    // site instead of being read as a URL with a scheme of its own.
    // The page's own URL when the front matter gives one; else the site's
    // permalink pattern.
    let own_url =
        front.page_url.as_ref().and_then(|written| page_url(written, front, &slug, published, site, &mut problems));
    let url = own_url.or_else(|| {
        published
            .and_then(|date| site.url.join(&format!("./{}", site.permalink.expand(&date, site.timezone, &names))).ok())
            .map(super::canonical_url)
    });
    let id = match &front.id {
        Some(At { value, line }) => check_id(value).unwrap_or_else(|why| {
            problems.error(
                Some(*line),
                "invalid-id",
                format!("`{}` `{value}` {why}", front.written_key("id")),
                "use an absolute URI such as `urn:uuid:…` or `tag:example.com,2026-01-30:post`, or leave `id` out",
            );
            String::new()
        }),
        None => published.map(|date| tag_uri(&site.url, &date, &slug)).unwrap_or_default(),
    };
    let mut authors: Vec<Person> = front.authors.iter().flat_map(|author| people(author, &mut problems)).collect();
    if authors.is_empty() {
        authors.extend(site.author.clone());
    }
    let language = front.lang.as_ref().and_then(|lang| language(lang, &mut problems));
    let base = url.as_ref().unwrap_or(&site.url);
    let image = front.image.as_ref().and_then(|image| link(front.written_key("image"), image, base, &mut problems));
    let external_url =
        front.link.as_ref().and_then(|link_to| link(front.written_key("link"), link_to, base, &mut problems));
    let (media, measured) = media(&article, base, site, &mut problems);
    let summary = front.summary.as_ref().map(|s| collapse_whitespace(&s.value)).filter(|s| !s.is_empty());
    let tags = distinct_tags(&front.tags);
    let expires = front.expires.as_ref().and_then(|at| expiry(front, at, site.timezone, &mut problems));
    // Jekyll's `excerpt_separator` before the site's; an empty one turns it off.
    let summary_separator = match &front.summary_separator {
        Some(At { value, .. }) => value.clone(),
        None => site.summary_separator.clone(),
    };
    let summary_separator = (summary.is_none() && !summary_separator.is_empty()).then_some(summary_separator);

    let (Some(published), Some(url), true) = (published, url, problems.found.is_empty()) else {
        return Err(problems.found);
    };
    let pending = Pending {
        file: article.file.clone(),
        slug,
        draft: front.draft,
        id,
        id_is_explicit: front.id.is_some(),
        updated_is_explicit: updated.is_some(),
        title,
        url,
        external_url,
        published,
        updated: updated.unwrap_or(published),
        authors,
        summary: summary.map(|s| crate::render::truncate_summary(&s)),
        tags,
        categories: distinct_tags(&front.categories),
        language,
        image,
        media,
        measured,
        expires,
        summary_separator,
        format: article.format,
        body,
        lines: Lines::of(&article),
        source: None,
    };
    Ok((pending, problems.notes))
}

/// The title, white space folded: the front matter's or the body's first
/// line (see `source::article`); never empty.
fn title(article: &Article, problems: &mut Problems<'_>) -> String {
    match &article.title {
        Some(At { value, line }) => {
            let title = collapse_whitespace(value);
            if title.is_empty() {
                let key = article.front.written_key("title");
                problems.error(
                    Some(*line),
                    "missing-title",
                    "the title is empty",
                    format!("write a title after `{key}:`"),
                );
            }
            title
        }
        None => {
            let hint = match article.format {
                BodyFormat::PlainText => {
                    "add `title: ...` to the front matter, or make the first line of the text the title"
                }
                BodyFormat::Markdown => "add `title: ...` to the front matter, or start the text with a `# Title` line",
                BodyFormat::Html => "add `title: ...` to the front matter",
            };
            problems.error(Some(1), "missing-title", "the article has no title", hint);
            String::new()
        }
    }
}

/// The publication date (the front matter's, else the file name's at
/// midnight in the site's zone) and the `updated` date if one is written,
/// never before it.
fn dates(
    front: &FrontMatter,
    file_date: Option<chrono::NaiveDate>,
    zone: chrono_tz::Tz,
    problems: &mut Problems<'_>,
) -> (Option<DateTime<FixedOffset>>, Option<DateTime<FixedOffset>>) {
    let published = match (&front.date, file_date) {
        (Some(At { value, line }), _) => match read_date(front.written_key("date"), value, *line, zone, problems) {
            Ok(date) => Some(date),
            Err(err) => {
                let key = front.written_key("date");
                problems.error(Some(*line), "invalid-date", format!("`{key}` {}", err.message), err.hint);
                None
            }
        },
        (None, Some(day)) => midnight(day, zone),
        (None, None) => {
            problems.error(
                Some(1),
                "missing-date",
                "the article has no date",
                "add `date: 2026-01-30` to the front matter, or start the file name with the date (`2026-01-30-slug.md`)",
            );
            None
        }
    };
    let updated = front.updated.as_ref().and_then(|At { value, line }| {
        let key = front.written_key("updated");
        match read_date(key, value, *line, zone, problems) {
            Ok(updated) if published.is_some_and(|p| updated < p) => {
                problems.error(
                    Some(*line),
                    "invalid-date",
                    format!("`{key}` `{value}` is before the publication date"),
                    "an article cannot be updated before it is published: fix either date",
                );
                None
            }
            Ok(updated) => Some(updated),
            Err(err) => {
                problems.error(Some(*line), "invalid-date", format!("`{key}` {}", err.message), err.hint);
                None
            }
        }
    });
    (published, updated)
}

/// A date as written; one in an odd form Jekyll reads (`2023-01-29
/// 18:30:22 2023 -0800`) with a warning saying how it was read.
fn read_date(
    key: &str,
    value: &str,
    line: usize,
    zone: chrono_tz::Tz,
    problems: &mut Problems<'_>,
) -> Result<DateTime<FixedOffset>, date::DateError> {
    let (date, unusual) = date::parse_noting(value, zone)?;
    if let Some(unusual) = unusual {
        problems.warn(
            line,
            "unusual-date",
            format!("`{key}` `{}` is read as {}: {}", value.trim(), date.to_rfc3339(), unusual.why),
            format!("Jekyll reads this form but other tools may not: write it as `{}`", unusual.standard),
        );
    }
    Ok(date)
}

/// Hugo's `expiryDate`, read like the other dates.
fn expiry(
    front: &FrontMatter,
    At { value, line }: &At<String>,
    zone: chrono_tz::Tz,
    problems: &mut Problems<'_>,
) -> Option<DateTime<FixedOffset>> {
    let key = front.written_key("expiryDate");
    match read_date(key, value, *line, zone, problems) {
        Ok(date) => Some(date),
        Err(err) => {
            problems.error(Some(*line), "invalid-date", format!("`{key}` {}", err.message), err.hint);
            None
        }
    }
}

/// The URL a front matter's `permalink` (Jekyll, Eleventy), `url` (Hugo)
/// or `path` (Zola) gives the page: a path on the site, resolved against
/// the site's URL whether or not it starts with `/` (as the generators
/// resolve it against their base URL), or a full URL on the site's own
/// host. `None` when it cannot be used: with an error when it is wrong,
/// or with a warning when it holds template syntax or a placeholder
/// feedwright does not know, and the site's permalink is used instead.
fn page_url(
    At { value: PageUrl { key, value }, line }: &At<PageUrl>,
    front: &FrontMatter,
    slug: &str,
    published: Option<DateTime<FixedOffset>>,
    site: &Site,
    problems: &mut Problems<'_>,
) -> Option<Url> {
    let shown = front.written_key(key);
    let written = value.trim();
    if written.contains("{{") || written.contains("{%") {
        problems.warn(
            *line,
            "template-in-permalink",
            format!("`{shown}` `{written}` is a template, which feedwright does not run: the site's permalink is used"),
            format!("write the page's path itself, like `{shown}: /blog/{slug}/`, or remove `{shown}`"),
        );
        return None;
    }
    let bad = |problems: &mut Problems<'_>, why: &str, hint: &str| {
        problems.error(Some(*line), "invalid-permalink", format!("`{shown}` `{written}` {why}"), hint.to_owned());
    };
    if let Ok(absolute) = Url::parse(written) {
        let same_site = absolute.scheme() == site.url.scheme()
            && absolute.host_str() == site.url.host_str()
            && absolute.port_or_known_default() == site.url.port_or_known_default();
        if !same_site {
            bad(
                problems,
                &format!("is not on the site `{}`", site.url),
                "write the page's path on the site, like `/blog/my-post/`; for a post about another page, put that page's address in `link:`",
            );
            return None;
        }
    }
    let path = if *key == "permalink" {
        let values = super::page_url::Placeholders {
            title: slug,
            slug: &slugify(slug),
            categories: &front.categories,
            date: published,
            zone: site.timezone,
        };
        match super::page_url::expand_jekyll(written, &values) {
            Ok(path) => path,
            Err(unknown) => {
                problems.warn(
                    *line,
                    "unknown-placeholder",
                    format!("`{shown}` `{written}` has the placeholder `:{unknown}`, which feedwright does not know: the site's permalink is used"),
                    "use `:year`, `:month`, `:day`, `:title`, `:slug` or `:categories`, or write the path itself",
                );
                return None;
            }
        }
    } else {
        written.to_owned()
    };
    match super::page_url::resolve(&path, key, &site.url) {
        Ok(url) => Some(super::canonical_url(url)),
        Err(why) => {
            bad(problems, why, "write the page's path on the site, like `/blog/my-post/`");
            None
        }
    }
}

/// The slug: the front matter's (made URL-safe, with a note, if it must
/// be), else the file name's without its date prefix, in the site's slug
/// style (`3.0-released` keeps its dot, as in Jekyll and Hugo).
fn slug(
    written: Option<&At<String>>,
    file_slug: &str,
    stem: &str,
    style: SlugStyle,
    problems: &mut Problems<'_>,
) -> String {
    match written {
        Some(At { value, line }) => match check_slug(value.trim()) {
            Ok(Slug::AsWritten(slug)) => slug,
            Ok(Slug::MadeUrlSafe(slug)) => {
                problems.note(
                    *line,
                    "slug-made-url-safe",
                    format!("`slug` `{}` is made URL-safe: `{slug}`", value.trim()),
                    format!("write `slug: {slug}` to use it as it is"),
                );
                slug
            }
            Err(why) => {
                problems.error(
                    Some(*line),
                    "invalid-slug",
                    format!("`slug` `{value}` {why}"),
                    "use letters, digits and `-`, like `my-first-post`",
                );
                String::new()
            }
        },
        None => {
            let slug = style.segment(file_slug);
            if slug.is_empty() {
                problems.error(
                    None,
                    "invalid-slug",
                    format!("cannot make a slug from the file name `{stem}`"),
                    "add `slug: my-post` to the front matter",
                );
            }
            slug
        }
    }
}

/// One author as written: a name (perhaps `Name <email>`), an email, a page.
/// The authors one `author` value names: one, or for a text of Markdown
/// links (see `markdown_link_authors`) one per link.
fn people(author: &At<RawPerson>, problems: &mut Problems<'_>) -> Vec<Person> {
    let plain = author.value.email.is_none() && author.value.uri.is_none();
    match markdown_link_authors(&author.value.name).filter(|_| plain) {
        Some(linked) => linked
            .into_iter()
            .filter_map(|(name, target)| Person::new(&name, None, parse_absolute_url(&target).ok()))
            .collect(),
        None => person(author, problems).into_iter().collect(),
    }
}

/// Authors written as Markdown links, as Hugo sites such as
/// OpenTelemetry's write them: `[Ann Lee](https://github.com/ann) (Example),
/// [Bo Chen](https://github.com/bo)`. Each link is an author: its text the
/// name, its target the author's page; what stands between the links
/// (affiliations, commas) is left out. `None` when the text is not made of
/// such links.
fn markdown_link_authors(text: &str) -> Option<Vec<(String, String)>> {
    let mut found = Vec::new();
    let mut rest = text.trim_start();
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after.find("](")?;
        let target_start = &after[close + 2..];
        let end = target_start.find(')')?;
        let (name, target) = (&after[..close], target_start[..end].trim());
        if name.contains('[') || target.contains(char::is_whitespace) {
            return None;
        }
        found.push((name.to_owned(), target.to_owned()));
        rest = &target_start[end + 1..];
    }
    // Text before the first link is not an affiliation: not this form.
    (!found.is_empty() && text.trim_start().starts_with('[')).then_some(found)
}

fn person(At { value, line }: &At<RawPerson>, problems: &mut Problems<'_>) -> Option<Person> {
    let mut invalid = |message: String, hint: &str| problems.error(Some(*line), "invalid-author", message, hint);
    let email = value.email.as_deref().and_then(|email| {
        parse_email(email).map_err(|why| invalid(format!("author email {why}"), "write it as `name@example.com`")).ok()
    });
    let uri = value.uri.as_deref().and_then(|uri| {
        parse_absolute_url(uri)
            .map_err(|why| invalid(format!("author uri {why}"), "write the author's page as `https://…`"))
            .ok()
    });
    // "Name <address>" is how many sites write an author; readers want them apart.
    let (name, written_email) = super::split_name_and_email(&value.name);
    let email = email.or_else(|| written_email.and_then(|e| parse_email(&e).ok()));
    let person = Person::new(&name, email, uri);
    if person.is_none() {
        invalid("an author has an empty name".into(), "give every author a name");
    }
    person
}

/// The article's language, if it is a tag feed readers know.
fn language(At { value, line }: &At<String>, problems: &mut Problems<'_>) -> Option<String> {
    if super::language::is_language_tag(value.trim()) {
        return Some(value.trim().to_owned());
    }
    problems.error(
        Some(*line),
        "invalid-language",
        format!("`lang` `{value}` is not a language tag feed readers know"),
        "use an ISO 639 language code, optionally with a region: `en`, `pt-BR`",
    );
    None
}

/// `image` or `link` as an absolute http(s) URL, resolved against the
/// article's page.
fn link(field: &str, At { value, line }: &At<String>, base: &Url, problems: &mut Problems<'_>) -> Option<Url> {
    match base.join(value.trim()) {
        Ok(resolved) if matches!(resolved.scheme(), "http" | "https") => Some(super::canonical_url(resolved)),
        _ => {
            problems.error(
                Some(*line),
                "invalid-url",
                format!("`{field}` `{value}` is not an http(s) address"),
                "write it as `https://…` or as a path on the site",
            );
            None
        }
    }
}

/// The article's enclosures and episode values (`model::enclosure`).
fn media(
    article: &Article,
    page: &Url,
    site: &Site,
    problems: &mut Problems<'_>,
) -> (super::enclosure::EntryMedia, Vec<super::enclosure::Measured>) {
    let places =
        super::enclosure::Places { page, site: &site.url, site_folder: &site.folder, article_file: &article.file };
    let resolved = super::enclosure::resolve(&article.front.media, &places).unwrap_or_else(|found| {
        for problem in found {
            problems.error(Some(problem.line), problem.code, problem.message, problem.hint);
        }
        Default::default()
    });
    if site.media.podcast.is_some()
        && let Some(w) = super::enclosure::unsupported_by_podcast_apps(&resolved.0, &article.front.media)
    {
        problems.warn(w.line, w.code, w.message, w.hint);
    }
    resolved
}

/// The tags with white space collapsed, empty ones dropped, and each tag
/// kept once, as first written, however its later repeats are capitalised.
/// A set of the lower-cased tags seen: linear in the number of tags (a
/// search of the list kept so far made 100,000 tags take minutes).
fn distinct_tags(written: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::with_capacity(written.len());
    let mut tags = Vec::new();
    for tag in written {
        let tag = collapse_whitespace(tag);
        if !tag.is_empty() && seen.insert(tag.to_lowercase()) {
            tags.push(tag);
        }
    }
    tags
}

fn midnight(day: chrono::NaiveDate, zone: chrono_tz::Tz) -> Option<DateTime<FixedOffset>> {
    zone.from_local_datetime(&day.and_time(NaiveTime::MIN))
        .earliest()
        .or_else(|| zone.from_local_datetime(&day.and_hms_opt(1, 0, 0)?).earliest())
        .map(|d| d.fixed_offset())
}

/// A slug from the front matter, as the URL and id use it.
#[derive(Debug, PartialEq, Eq)]
enum Slug {
    /// URL-safe as written (in NFC).
    AsWritten(String),
    /// Written with spaces or characters a URL cannot hold (`Hello World`,
    /// `100%`): made URL-safe the way a slug from the file name is, and the
    /// way Hugo, Jekyll and Zola do (`hello-world`, `100`).
    MadeUrlSafe(String),
}

/// A slug as written must be one path segment the output cannot escape
/// from. Letters of any script are kept as they are (`café-crème`): the URL
/// and the `tag:` id percent-encode them.
fn check_slug(slug: &str) -> Result<Slug, &'static str> {
    if slug.is_empty() {
        return Err("is empty");
    }
    if slug == "." || slug == ".." || slug.contains(['/', '\\']) {
        return Err("would leave its folder: it must be a single path segment");
    }
    if slug.starts_with('.') {
        return Err("starts with `.`, which would make a hidden file");
    }
    if !slug.chars().any(|c| c.is_whitespace() || c.is_control() || "?#%<>\"'`{}|^[]".contains(c)) {
        use unicode_normalization::UnicodeNormalization;
        return Ok(Slug::AsWritten(slug.nfc().collect()));
    }
    // slugify keeps letters, digits and `_` only: nothing left in it can
    // leave the folder or start a hidden file.
    match slugify(slug) {
        safe if safe.is_empty() => Err("has no letter or digit to make a URL-safe slug from"),
        safe => Ok(Slug::MadeUrlSafe(safe)),
    }
}

/// A slug from a title (`feedwright new`) or a front-matter slug that is
/// not URL-safe: lower case, runs of anything but letters, digits and `_`
/// turned into one `-`, no `-` at the ends. File names use the site's
/// `SlugStyle`, which keeps dots.
pub(crate) fn slugify(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut slug = String::with_capacity(text.len());
    // NFC, so that a name saved decomposed (as macOS does) gives the same
    // slug, URL and id as the same name composed.
    for c in text.nfc() {
        if c.is_alphanumeric() || c == '_' {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// URI schemes an entry id may use: registered with IANA and meant for
/// identifiers (validators warn about others).
const ID_SCHEMES: &[&str] = &["tag", "urn", "http", "https", "mailto", "ftp", "info", "did"];

/// An explicit id must be an absolute URI (RFC 4287 §4.2.6) in the canonical
/// form readers compare ids in, and a valid `tag:` or `urn:uuid:` when it is
/// one of those.
pub(crate) fn check_id(id: &str) -> Result<String, String> {
    let id = id.trim();
    if id.is_empty() {
        return Err("is empty".into());
    }
    if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("contains white space".into());
    }
    let Ok(parsed) = Url::parse(id) else { return Err("is not an absolute URI".into()) };
    if !ID_SCHEMES.contains(&parsed.scheme()) {
        return Err(format!("uses the scheme `{}:`, which is not one for identifiers", parsed.scheme()));
    }
    if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)) {
        return Err("has characters a URI cannot hold: percent-encode them".into());
    }
    let canonical = super::canonical_url(parsed).to_string();
    if canonical != id {
        return Err(format!("is not in canonical form (`{canonical}`)"));
    }
    if let Some(rest) = id.strip_prefix("tag:") {
        check_tag(rest)?;
    }
    if let Some(uuid) = id.strip_prefix("urn:uuid:") {
        let groups: Vec<&str> = uuid.split('-').collect();
        let shape = [8, 4, 4, 4, 12];
        let ok = groups.len() == 5
            && groups.iter().zip(shape).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
        if !ok {
            return Err("is not a valid `urn:uuid:` (8-4-4-4-12 hexadecimal digits)".into());
        }
    }
    Ok(id.to_owned())
}

/// RFC 4151: `authority,date:specific`, the authority a lower-case DNS name
/// or an email address, the date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn check_tag(rest: &str) -> Result<(), String> {
    let bad = || "is not a valid `tag:` URI (RFC 4151: `tag:example.com,2026-01-30:name`)".to_owned();
    let (entity, _specific) = rest.split_once(':').ok_or_else(bad)?;
    let (authority, date) = entity.rsplit_once(',').ok_or_else(bad)?;
    let dns = |s: &str| {
        !s.is_empty()
            && s.split('.')
                .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
    };
    let authority_ok = match authority.split_once('@') {
        Some((local, domain)) => !local.is_empty() && dns(domain),
        None => dns(authority),
    };
    let date_ok = match date.len() {
        4 => date.bytes().all(|b| b.is_ascii_digit()),
        7 => chrono::NaiveDate::parse_from_str(&format!("{date}-01"), "%Y-%m-%d").is_ok(),
        10 => chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        _ => false,
    };
    if authority_ok && date_ok { Ok(()) } else { Err(bad()) }
}

/// `tag:host,YYYY-MM-DD:path/slug` (RFC 4151): minted from the site's host,
/// the publication date as written and the slug, never from the title, so a
/// retitled article keeps its id.
pub(crate) fn tag_uri(site: &Url, date: &DateTime<FixedOffset>, slug: &str) -> String {
    // RFC 4151 authorities are DNS names: letters, digits, `-` and `.`.
    let host: String = site
        .host_str()
        .unwrap_or("localhost")
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '-' })
        .collect();
    let base_path = site.path().trim_matches('/');
    let mut specific = String::new();
    if !base_path.is_empty() {
        specific.push_str(base_path);
        specific.push('/');
    }
    // RFC 4151 `pchar`: unreserved, sub-delims, ':' and '@' pass; the rest is %-encoded.
    for byte in slug.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte) {
            specific.push(char::from(byte));
        } else {
            specific.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("tag:{host},{}:{specific}", date.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::permalink::Permalink;
    use crate::source::front_matter::{FrontMatter, RawPerson};

    fn site() -> Site {
        Site {
            title: "Site".into(),
            url: Url::parse("https://example.com/news/").unwrap(),
            description: "D".into(),
            language: None,
            author: Person::new("Site Author", None, None),
            timezone: "America/Los_Angeles".parse().unwrap(),
            permalink: Permalink::parse("/{year}/{month}/{slug}/").unwrap(),
            summary_separator: "<!--more-->".into(),
            folder: std::path::PathBuf::from("."),
            media: Default::default(),
        }
    }

    fn article(stem: &str, front: FrontMatter) -> Article {
        Article {
            file: format!("articles/{stem}.md"),
            stem: stem.into(),
            folder: String::new(),
            format: BodyFormat::Markdown,
            title: front.title.clone(),
            front,
            body: "Body *text*.\n".into(),
            body_offset: None,
            body_line: 1,
        }
    }

    fn body() -> Body {
        Body::Text("Body *text*.\n".into())
    }

    fn at(value: &str, line: usize) -> Option<At<String>> {
        Some(At { value: value.into(), line })
    }

    #[test]
    fn defaults_from_the_file_name() {
        let front = FrontMatter { title: at("  A   Title ", 2), ..FrontMatter::default() };
        let (p, notes) = normalize(article("2026-01-30-Hello World", front), body(), &site()).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(p.title, "A Title");
        assert_eq!(p.slug, "hello-world");
        assert_eq!(p.published.to_rfc3339(), "2026-01-30T00:00:00-08:00");
        assert_eq!(p.updated, p.published);
        assert_eq!(p.url.as_str(), "https://example.com/news/2026/01/hello-world/");
        assert_eq!(p.id, "tag:example.com,2026-01-30:news/hello-world");
        assert_eq!(p.authors[0].name, "Site Author");
        let links = crate::render::template::Links::default();
        let site_url = site().url;
        let templates = crate::render::template::Context {
            templates: Default::default(),
            site: &site_url,
            links: &links,
            values: &Default::default(),
            keys: &Default::default(),
        };
        let (entry, ..) = p.render(ContentMode::Full, &templates).unwrap();
        assert_eq!(entry.summary, "Body text.");
        assert_eq!(entry.content_html.as_deref(), Some("<p>Body <em>text</em>.</p>"));
    }

    #[test]
    fn id_ignores_title() {
        let one = FrontMatter { title: at("One", 2), date: at("2026-01-30 18:00", 3), ..FrontMatter::default() };
        let two = FrontMatter { title: at("Two", 2), ..one.clone() };
        assert_eq!(
            normalize(article("x", one), body(), &site()).unwrap().0.id,
            normalize(article("x", two), body(), &site()).unwrap().0.id
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let front = FrontMatter {
            title: at(" ", 2),
            date: at("2026-02-30", 3),
            updated: at("soon", 4),
            slug: at("../escape", 5),
            id: at("not a uri", 6),
            lang: at("english language", 7),
            authors: vec![At { value: RawPerson { name: "A".into(), email: Some("nope".into()), uri: None }, line: 8 }],
            image: at("javascript:alert(1)", 9),
            ..FrontMatter::default()
        };
        let errors = normalize(article("x", front), body(), &site()).unwrap_err();
        let lines: Vec<_> = errors.iter().map(|d| d.location.as_ref().unwrap().line.unwrap()).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 8, 7, 9], "{errors:#?}");
        assert!(errors[3].to_string().contains("`slug` `../escape` would leave its folder"));
    }

    #[test]
    fn missing_title_and_date() {
        let errors = normalize(article("notes", FrontMatter::default()), body(), &site()).unwrap_err();
        let text: Vec<_> = errors.iter().map(|d| d.message.clone()).collect();
        assert_eq!(text, ["the article has no title", "the article has no date"]);
    }

    #[test]
    fn a_date_in_a_form_only_jekyll_reads_is_read_with_a_warning() {
        let front = FrontMatter {
            title: at("T", 2),
            date: at("2023-01-29 18:30:22 2023 -0800", 3),
            updated: at("2023-02-01 09:00:00 +0000 UTC", 4),
            ..FrontMatter::default()
        };
        let (p, notes) = normalize(article("x", front), body(), &site()).unwrap();
        assert_eq!(p.published.to_rfc3339(), "2023-01-29T18:30:22-08:00");
        assert_eq!(p.updated.to_rfc3339(), "2023-02-01T09:00:00+00:00");
        assert_eq!(p.id, "tag:example.com,2023-01-29:news/x");
        let shown: Vec<String> = notes.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "warning: articles/x.md:3: `date` `2023-01-29 18:30:22 2023 -0800` is read as 2023-01-29T18:30:22-08:00: \
                 the year `2023` written again after the time, which is ignored\n  \
                 help: Jekyll reads this form but other tools may not: write it as `2023-01-29T18:30:22-08:00`",
                "warning: articles/x.md:4: `updated` `2023-02-01 09:00:00 +0000 UTC` is read as 2023-02-01T09:00:00+00:00: \
                 the zone name `UTC` after the offset, which is ignored\n  \
                 help: Jekyll reads this form but other tools may not: write it as `2023-02-01T09:00:00+00:00`",
            ]
        );
        assert!(notes.iter().all(|n| n.is_warning() && n.code.as_deref() == Some("unusual-date")));
    }

    #[test]
    fn updated_before_published_is_an_error() {
        let front = FrontMatter {
            title: at("T", 2),
            date: at("2026-01-30", 3),
            updated: at("2026-01-29", 4),
            ..FrontMatter::default()
        };
        let errors = normalize(article("x", front), body(), &site()).unwrap_err();
        assert!(errors[0].message.contains("before the publication date"));
    }

    #[test]
    fn explicit_ids() {
        for ok in [
            "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
            "tag:example.com,2026-01-30:a/b",
            "tag:a@b.org,2026:x",
            "https://e.com/p/1",
        ] {
            assert_eq!(check_id(ok).as_deref(), Ok(ok), "{ok}");
        }
        for (bad, why) in [
            ("tag:Example.com,2026:x", "not a valid `tag:`"),
            ("tag:example.com,2026-13:x", "not a valid `tag:`"),
            ("urn:uuid:1234", "not a valid `urn:uuid:`"),
            ("foo:bar", "scheme `foo:`"),
            ("HTTP://Example.COM:80/a/../b", "canonical form (`http://example.com/b`)"),
            ("https://e.com/a|b", "characters a URI cannot hold"),
        ] {
            let err = check_id(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }

    #[test]
    fn slugs_as_written_or_made_url_safe() {
        // (written, Ok((slug, made URL-safe)) or Err(part of the reason))
        for (written, want) in [
            ("my-first-post", Ok(("my-first-post", false))),
            // URL-safe as written: kept as it is, capitals included (it was
            // before notes existed, and its URL and id must not move).
            ("Hello", Ok(("Hello", false))),
            ("café-crème", Ok(("café-crème", false))),
            ("cafe\u{301}", Ok(("café", false))),
            ("a:b", Ok(("a:b", false))),
            ("hello big world", Ok(("hello-big-world", true))),
            ("Hello Big World", Ok(("hello-big-world", true))),
            ("Crème  Brûlée", Ok(("crème-brûlée", true))),
            ("100% sure?", Ok(("100-sure", true))),
            ("it's\tfine", Ok(("it-s-fine", true))),
            ("[draft] notes", Ok(("draft-notes", true))),
            ("", Err("is empty")),
            ("..", Err("would leave its folder")),
            (".", Err("would leave its folder")),
            ("a/b", Err("would leave its folder")),
            ("a b/c", Err("would leave its folder")),
            ("..\\x", Err("would leave its folder")),
            (".hidden", Err("starts with `.`")),
            (". x", Err("starts with `.`")),
            ("? #", Err("has no letter or digit")),
        ] {
            let got = check_slug(written).map(|slug| match slug {
                Slug::AsWritten(slug) => (slug, false),
                Slug::MadeUrlSafe(slug) => (slug, true),
            });
            match (got, want) {
                (Ok((got, made)), Ok((want, want_made))) => {
                    assert_eq!((got.as_str(), made), (want, want_made), "{written:?}")
                }
                (Err(got), Err(want)) => assert!(got.contains(want), "{written:?}: {got}"),
                (got, want) => panic!("{written:?}: {got:?}, not {want:?}"),
            }
        }
    }

    #[test]
    fn a_slug_made_url_safe_is_noted_with_its_line() {
        let front = FrontMatter {
            title: at("T", 2),
            date: at("2026-01-30", 3),
            slug: at(" Hello Big World ", 4),
            ..FrontMatter::default()
        };
        let (p, notes) = normalize(article("x", front), body(), &site()).unwrap();
        assert_eq!(p.slug, "hello-big-world");
        assert_eq!(p.url.as_str(), "https://example.com/news/2026/01/hello-big-world/");
        assert_eq!(p.id, "tag:example.com,2026-01-30:news/hello-big-world");
        assert_eq!(notes.len(), 1);
        assert_eq!(
            notes[0].to_string(),
            "note: articles/x.md:4: `slug` `Hello Big World` is made URL-safe: `hello-big-world`\n  \
             help: write `slug: hello-big-world` to use it as it is"
        );
        assert_eq!(notes[0].code.as_deref(), Some("slug-made-url-safe"));
        assert!(!notes[0].is_warning() && !notes[0].is_error());
    }

    #[test]
    fn non_ascii_slugs_are_percent_encoded_in_the_url_and_the_id() {
        let front = FrontMatter {
            title: at("T", 2),
            date: at("2026-01-30", 3),
            slug: at("café-crème", 4),
            ..FrontMatter::default()
        };
        let (p, notes) = normalize(article("x", front), body(), &site()).unwrap();
        assert!(notes.is_empty());
        assert_eq!(p.slug, "café-crème");
        assert_eq!(p.url.as_str(), "https://example.com/news/2026/01/caf%C3%A9-cr%C3%A8me/");
        assert_eq!(p.id, "tag:example.com,2026-01-30:news/caf%C3%A9-cr%C3%A8me");
    }

    #[test]
    fn a_colon_in_the_first_segment_stays_on_the_site() {
        let site = Site { permalink: Permalink::parse("/{slug}/").unwrap(), ..site() };
        for (slug, url) in [
            ("javascript:alert(1)", "https://example.com/news/javascript:alert(1)/"),
            ("https:evil.example", "https://example.com/news/https:evil.example/"),
            ("plain", "https://example.com/news/plain/"),
        ] {
            let front = FrontMatter {
                title: at("T", 2),
                date: at("2026-01-30", 3),
                slug: at(slug, 4),
                ..FrontMatter::default()
            };
            let (p, _) = normalize(article("x", front), body(), &site).unwrap();
            assert_eq!(p.url.as_str(), url, "{slug}");
        }
    }

    fn page_url_at(key: &'static str, value: &str, line: usize) -> Option<At<PageUrl>> {
        Some(At { value: PageUrl { key, value: value.into() }, line })
    }

    #[test]
    fn the_front_matter_sets_the_page_url() {
        for (key, written, url) in [
            (
                "permalink",
                "/:categories/:year/:month/:day/:title:output_ext",
                "https://example.com/news/go/2026/01/30/x.html",
            ),
            ("permalink", "blog/old-name/", "https://example.com/news/blog/old-name/"),
            ("permalink", "/blog/old-name/index.html", "https://example.com/news/blog/old-name/"),
            ("url", "/blog/x/", "https://example.com/news/blog/x/"),
            ("url", "https://example.com/news/b/", "https://example.com/news/b/"),
            ("path", "blog/x", "https://example.com/news/blog/x/"),
        ] {
            let front = FrontMatter {
                title: at("T", 2),
                date: at("2026-01-30 18:00", 3),
                page_url: page_url_at(key, written, 4),
                categories: vec!["Go".into()],
                ..FrontMatter::default()
            };
            let (p, notes) = normalize(article("x", front), body(), &site()).unwrap();
            assert_eq!(p.url.as_str(), url, "{written}");
            assert_eq!(p.lines.url, Some(4));
            // The id stays the slug's: a URL moved later keeps it.
            assert_eq!(p.id, "tag:example.com,2026-01-30:news/x");
            assert!(notes.is_empty(), "{notes:?}");
        }
    }

    #[test]
    fn a_page_url_that_cannot_be_used() {
        let front = |key, value: &str| FrontMatter {
            title: at("T", 2),
            date: at("2026-01-30", 3),
            page_url: page_url_at(key, value, 4),
            ..FrontMatter::default()
        };
        let errors =
            normalize(article("x", front("url", "https://elsewhere.example/x/")), body(), &site()).unwrap_err();
        assert_eq!(
            errors[0].to_string().lines().next().unwrap(),
            "error: articles/x.md:4: `url` `https://elsewhere.example/x/` is not on the site `https://example.com/news/`"
        );
        assert_eq!(errors[0].code.as_deref(), Some("invalid-permalink"));
        let errors = normalize(article("x", front("path", "../../x")), body(), &site()).unwrap_err();
        assert!(errors[0].message.contains("leaves the site's URL"), "{errors:?}");
        // Template syntax and unknown placeholders: the site's permalink, with a warning.
        for (written, code) in
            [("/posts/{{ page.fileSlug }}/", "template-in-permalink"), ("/:collection/:title/", "unknown-placeholder")]
        {
            let (p, notes) = normalize(article("x", front("permalink", written)), body(), &site()).unwrap();
            assert_eq!(p.url.as_str(), "https://example.com/news/2026/01/x/");
            assert_eq!(notes.len(), 1, "{notes:?}");
            assert!(notes[0].is_warning() && notes[0].code.as_deref() == Some(code), "{notes:?}");
            assert_eq!(notes[0].location.as_ref().unwrap().line, Some(4));
        }
    }

    #[test]
    fn expiry_dates() {
        let front = FrontMatter {
            title: at("T", 2),
            date: at("2026-01-30", 3),
            expires: at("2026-03-01", 4),
            ..FrontMatter::default()
        };
        let (p, _) = normalize(article("x", front.clone()), body(), &site()).unwrap();
        assert_eq!(p.expires.unwrap().to_rfc3339(), "2026-03-01T00:00:00-08:00");
        assert_eq!(p.lines.expires, Some(4));
        let errors =
            normalize(article("x", FrontMatter { expires: at("soon", 4), ..front }), body(), &site()).unwrap_err();
        assert!(errors[0].to_string().contains("articles/x.md:4: `expiryDate` `soon` is not a date"), "{errors:?}");
    }

    #[test]
    fn the_summary_is_the_text_before_the_separator() {
        let text = "First *para*.\n\nSecond para.\n\n<!--more-->\n\nThe rest.\n";
        let front = FrontMatter { title: at("T", 2), date: at("2026-01-30", 3), ..FrontMatter::default() };
        let render = |front: FrontMatter, site: &Site| {
            let article = Article { body: text.into(), ..article("x", front) };
            let (p, _) = normalize(article, Body::Text(text.into()), site).unwrap();
            let links = crate::render::template::Links::default();
            let templates = crate::render::template::Context {
                templates: Default::default(),
                site: &site.url,
                links: &links,
                values: &Default::default(),
                keys: &Default::default(),
            };
            p.render(ContentMode::Full, &templates).unwrap().0
        };
        let entry = render(front.clone(), &site());
        assert_eq!(entry.summary, "First para. Second para.");
        // The content stays whole, without the separator.
        assert_eq!(
            entry.content_html.as_deref(),
            Some("<p>First <em>para</em>.</p>\n<p>Second para.</p>\n\n<p>The rest.</p>")
        );
        // The front matter's summary wins; Jekyll's `excerpt_separator` is the article's own.
        let entry = render(FrontMatter { summary: at("Mine", 4), ..front.clone() }, &site());
        assert_eq!(entry.summary, "Mine");
        let entry = render(FrontMatter { summary_separator: at("Second", 4), ..front.clone() }, &site());
        assert_eq!(entry.summary, "First para.");
        // No separator: the first paragraph, as ever.
        let entry = render(front, &Site { summary_separator: String::new(), ..site() });
        assert_eq!(entry.summary, "First para.");
    }

    #[test]
    fn messages_name_a_key_as_the_file_writes_it() {
        let front = FrontMatter {
            title: at("T", 2),
            date: at("someday", 3),
            renamed: vec![("date".into(), "published_on".into())],
            ..FrontMatter::default()
        };
        let errors = normalize(article("x", front), body(), &site()).unwrap_err();
        assert!(errors[0].to_string().contains("articles/x.md:3: `published_on` `someday`"), "{errors:?}");
    }

    #[test]
    fn file_name_slugs_keep_dots_in_the_sites_style() {
        use crate::model::permalink::{PermalinkDates, SlugStyle};
        let front = || FrontMatter { title: at("Three Point Oh", 2), ..FrontMatter::default() };
        let (p, notes) = normalize(article("2023-01-29-3.0-Released", front()), body(), &site()).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            (p.slug.as_str(), p.url.as_str()),
            ("3.0-released", "https://example.com/news/2023/01/3.0-released/")
        );
        let jekyll = Site {
            permalink: Permalink::parse("/{categories}/{year}/{month}/{day}/{slug}.html")
                .unwrap()
                .with_slugs(SlugStyle::Jekyll)
                .with_dates(PermalinkDates::SiteTimezone),
            timezone: chrono_tz::UTC,
            ..site()
        };
        let dated =
            FrontMatter { date: at("2023-01-29T23:30:00-08:00", 3), categories: vec!["News".into()], ..front() };
        let (p, _) = normalize(article("2023-01-29-3.0-Released", dated), body(), &jekyll).unwrap();
        assert_eq!(p.url.as_str(), "https://example.com/news/news/2023/01/30/3.0-Released.html");
        // The id keeps the date as written.
        assert_eq!(p.id, "tag:example.com,2023-01-29:news/3.0-Released");
        // An explicit slug is used as written, whatever the style.
        let front = FrontMatter { slug: at("v1.0-Trio", 4), ..front() };
        let (p, _) = normalize(article("2023-01-29-x", front), body(), &site()).unwrap();
        assert_eq!(p.slug, "v1.0-Trio");
    }

    #[test]
    fn folders_and_titles_in_the_url() {
        let site = Site { permalink: Permalink::parse("/{section}/{path}/{title}/").unwrap(), ..site() };
        let mut a = article("2023-01-29-x", FrontMatter { title: at("Hello, World 2.0", 2), ..FrontMatter::default() });
        a.folder = "Posts/2023".into();
        let (p, _) = normalize(a, body(), &site).unwrap();
        assert_eq!(p.url.as_str(), "https://example.com/news/posts/posts/2023/hello-world-2.0/");
    }

    #[test]
    fn authors_written_as_markdown_links() {
        let linked = |text: &str| markdown_link_authors(text);
        assert_eq!(
            linked(
                "[Laurent Quérel](https://github.com/lquerel) (F5), [Joshua\n  MacDonald](https://github.com/jmacd) (ServiceNow)"
            ),
            Some(vec![
                ("Laurent Quérel".into(), "https://github.com/lquerel".into()),
                ("Joshua\n  MacDonald".into(), "https://github.com/jmacd".into()),
            ])
        );
        assert_eq!(linked("[Severin Neumann](https://github.com/svrnm), Cisco").map(|l| l.len()), Some(1));
        for plain in ["Ann Lee", "Ann [the editor]", "Ann (see [site](https://x.example))", "[broken](no close"] {
            assert_eq!(linked(plain), None, "{plain}");
        }
    }

    #[test]
    fn tags_are_kept_once_as_first_written() {
        let written: Vec<String> =
            ["Rust", " rust ", "web  dev", "", "RUST", "Web Dev", "Ünï", "üNÏ", "go"].map(String::from).into();
        assert_eq!(distinct_tags(&written), ["Rust", "web dev", "Ünï", "go"]);
        // Many tags: every first spelling, in order (a set, not a search of the list).
        let many: Vec<String> =
            (0..50_000).map(|i| if i % 2 == 0 { format!("t{i}") } else { format!("T{}", i - 1) }).collect();
        let kept = distinct_tags(&many);
        assert_eq!(kept.len(), 25_000);
        assert_eq!(kept[..2], ["t0", "t2"]);
    }

    #[test]
    fn slugs_and_tag_uris() {
        assert_eq!(slugify("My  Post: Part 2!"), "my-post-part-2");
        assert_eq!(slugify("Ünïcödé"), "ünïcödé");
        assert_eq!(slugify("---"), "");
        let date = DateTime::parse_from_rfc3339("2026-01-30T18:00:00-08:00").unwrap();
        let root = Url::parse("https://Example.COM/").unwrap();
        assert_eq!(tag_uri(&root, &date, "ünï"), "tag:example.com,2026-01-30:%C3%BCn%C3%AF");
    }
}

//! Article URL patterns such as `/{year}/{month}/{slug}/`, and the two
//! choices that decide what a migrated site's URLs look like: in which zone
//! the date placeholders are read, and how a file name becomes a slug.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};

/// One piece of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Year,
    ShortYear,
    Month,
    IMonth,
    Day,
    IDay,
    Hour,
    Minute,
    Second,
    Slug,
    Title,
    Filename,
    Section,
    Path,
    Categories,
}

/// Every placeholder, as written between braces. Names follow Jekyll's
/// (`short_year`, `i_month`, `i_day`, `categories`) and Hugo's (`section`,
/// `title`, `filename`) tokens; `path` is Zola's folder path.
const PLACEHOLDERS: &[(&str, Part)] = &[
    ("year", Part::Year),
    ("short_year", Part::ShortYear),
    ("month", Part::Month),
    ("i_month", Part::IMonth),
    ("day", Part::Day),
    ("i_day", Part::IDay),
    ("hour", Part::Hour),
    ("minute", Part::Minute),
    ("second", Part::Second),
    ("slug", Part::Slug),
    ("title", Part::Title),
    ("filename", Part::Filename),
    ("section", Part::Section),
    ("path", Part::Path),
    ("categories", Part::Categories),
];

/// Placeholders that name the article itself: a pattern needs one, so that
/// URLs differ by more than a date or a folder. Two articles that still
/// get the same URL (two titles slugified alike) are the duplicate-URL
/// error naming both files.
const NAMING: &[Part] = &[Part::Slug, Part::Title, Part::Filename];

/// In which zone `{year}`, `{month}`, `{day}` and the time placeholders
/// read the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum PermalinkDates {
    /// In the offset the date was written with (a date without one is in
    /// the site's zone anyway). The default: a URL never depends on the
    /// build machine or on the site's zone setting.
    #[default]
    AsWritten,
    /// In `[site] timezone`, as Jekyll does (`2023-01-29 23:30 -0800` is on
    /// the 30th in UTC) and Hugo does for dates with an offset.
    SiteTimezone,
}

/// How a file name (or folder name, or title for `{title}`) becomes a URL
/// segment: letters and digits of any script, `_` and `.` are kept, any
/// other run of characters becomes one `-`; `-` and `.` at the start and
/// `-` at the end are dropped, so no segment is hidden, `.` or `..`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SlugStyle {
    /// Lower case, dots kept: Hugo's paths (`3.0-Released.md` →
    /// `3.0-released`).
    #[default]
    Hugo,
    /// Case kept, dots kept: Jekyll's `:title` (`slugify` in its `pretty`
    /// mode, `cased: true`): `3.0-Released.md` → `3.0-Released`.
    Jekyll,
    /// Lower case, dots become `-` as well: Zola's default `slugify`
    /// (`3-0-released`), and feedwright's earlier default.
    Zola,
}

impl SlugStyle {
    /// `text` as one URL segment in this style; empty when nothing usable
    /// is left (`---`, `...`).
    pub(crate) fn segment(self, text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut slug = String::with_capacity(text.len());
        // NFC, so that a name saved decomposed (as macOS does) gives the
        // same slug, URL and id as the same name composed.
        for c in text.nfc() {
            let kept = c.is_alphanumeric() || c == '_' || (c == '.' && self != SlugStyle::Zola);
            if kept && !(c == '.' && slug.is_empty()) {
                if self == SlugStyle::Jekyll {
                    slug.push(c);
                } else {
                    slug.extend(c.to_lowercase());
                }
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        slug.trim_end_matches('-').to_owned()
    }
}

/// What an article gives a pattern besides its date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Names<'a> {
    /// The article's slug (front matter, else file name without its date).
    pub(crate) slug: &'a str,
    /// The article's title, as written.
    pub(crate) title: &'a str,
    /// The file name without its extension (a bundle's folder name), date
    /// prefix included.
    pub(crate) filename: &'a str,
    /// The folders between the articles folder and the article (for a
    /// bundle, and the folder holding the bundle), `/`-separated.
    pub(crate) folder: &'a str,
    /// Jekyll's `category`/`categories` as written.
    pub(crate) categories: &'a [String],
}

/// A checked pattern: starts with `/`, contains `{slug}`, `{title}` or
/// `{filename}`, and has no empty, `.` or `..` segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Permalink {
    parts: Vec<Piece>,
    dates: PermalinkDates,
    slugs: SlugStyle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Placeholder(Part),
}

impl Permalink {
    pub(crate) fn parse(pattern: &str) -> Result<Self, String> {
        if !pattern.starts_with('/') {
            return Err(format!("`{pattern}` must start with `/`"));
        }
        if pattern.contains("//") || pattern.contains("/../") || pattern.contains("/./") || pattern.ends_with("/..") {
            return Err(format!("`{pattern}` has an empty, `.` or `..` segment"));
        }
        let mut parts = Vec::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Piece::Literal(rest[..open].to_owned()));
            }
            let close = rest[open..].find('}').ok_or_else(|| format!("`{pattern}` has a `{{` without its `}}`"))?;
            let name = &rest[open + 1..open + close];
            let Some(&(_, part)) = PLACEHOLDERS.iter().find(|(known, _)| *known == name) else {
                let known: Vec<String> = PLACEHOLDERS.iter().map(|(n, _)| format!("{{{n}}}")).collect();
                return Err(format!(
                    "`{pattern}` has the unknown placeholder `{{{name}}}` (known: {})",
                    known.join(", ")
                ));
            };
            parts.push(Piece::Placeholder(part));
            rest = &rest[open + close + 1..];
        }
        if rest.contains('}') {
            return Err(format!("`{pattern}` has a `}}` without its `{{`"));
        }
        if !rest.is_empty() {
            parts.push(Piece::Literal(rest.to_owned()));
        }
        if !parts.iter().any(|p| matches!(p, Piece::Placeholder(part) if NAMING.contains(part))) {
            return Err(format!("`{pattern}` must contain `{{slug}}`, `{{title}}` or `{{filename}}`"));
        }
        if parts.iter().any(|p| matches!(p, Piece::Literal(l) if l.contains(['?', '#', '\\', ' ']))) {
            return Err(format!("`{pattern}` must be a plain path, without `?`, `#`, `\\` or spaces"));
        }
        Ok(Permalink { parts, dates: PermalinkDates::default(), slugs: SlugStyle::default() })
    }

    /// The same pattern reading dates as `dates` says.
    pub(crate) fn with_dates(self, dates: PermalinkDates) -> Self {
        Permalink { dates, ..self }
    }

    /// The same pattern making slugs from file names as `slugs` says.
    pub(crate) fn with_slugs(self, slugs: SlugStyle) -> Self {
        Permalink { slugs, ..self }
    }

    /// How file names become slugs under this site's settings.
    pub(crate) fn slug_style(&self) -> SlugStyle {
        self.slugs
    }

    /// The path for an article, without the leading `/`, ready to be joined
    /// to the site URL. The date is read in its own offset or in `zone`, as
    /// `PermalinkDates` says; placeholders that come out empty (no section,
    /// no categories) leave no empty segment (Jekyll squeezes `//` too).
    pub(crate) fn expand(&self, date: &DateTime<FixedOffset>, zone: chrono_tz::Tz, names: &Names<'_>) -> String {
        let local = match self.dates {
            PermalinkDates::AsWritten => date.naive_local(),
            PermalinkDates::SiteTimezone => date.with_timezone(&zone).naive_local(),
        };
        let mut out = String::new();
        for piece in &self.parts {
            let Piece::Placeholder(part) = piece else {
                if let Piece::Literal(text) = piece {
                    out.push_str(text);
                }
                continue;
            };
            let text = match part {
                Part::Year => format!("{:04}", local.year()),
                Part::ShortYear => format!("{:02}", local.year().rem_euclid(100)),
                Part::Month => format!("{:02}", local.month()),
                Part::IMonth => local.month().to_string(),
                Part::Day => format!("{:02}", local.day()),
                Part::IDay => local.day().to_string(),
                Part::Hour => format!("{:02}", local.hour()),
                Part::Minute => format!("{:02}", local.minute()),
                Part::Second => format!("{:02}", local.second()),
                Part::Slug => names.slug.to_owned(),
                Part::Title => Some(self.slugs.segment(names.title))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| names.slug.to_owned()),
                Part::Filename => Some(self.slugs.segment(names.filename))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| names.slug.to_owned()),
                Part::Section => names.folder.split('/').next().map(|s| self.slugs.segment(s)).unwrap_or_default(),
                Part::Path => self.folder_path(names.folder),
                Part::Categories => categories(names.categories),
            };
            out.push_str(&text);
        }
        squeeze_slashes(&out).trim_start_matches('/').to_owned()
    }

    /// Each folder as a URL segment, `/` between.
    fn folder_path(&self, folder: &str) -> String {
        let segments: Vec<String> =
            folder.split('/').map(|s| self.slugs.segment(s)).filter(|s| !s.is_empty()).collect();
        segments.join("/")
    }
}

/// Jekyll's `:categories`: each category lower-cased, one segment each,
/// `/` between, repeats dropped. Jekyll leaves them otherwise as written
/// (a space becomes `%20` in the URL, as it does here); characters that
/// would end the path or leave the folder become `-`.
fn categories(written: &[String]) -> String {
    let mut segments: Vec<String> = Vec::new();
    for category in written {
        let lower: String = category
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if "/\\?#%".contains(c) || c.is_control() { '-' } else { c })
            .collect();
        let segment = lower.trim_start_matches('.').to_owned();
        if !segment.is_empty() && !segments.contains(&segment) {
            segments.push(segment);
        }
    }
    segments.join("/")
}

fn squeeze_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names<'a>(slug: &'a str, folder: &'a str, categories: &'a [String]) -> Names<'a> {
        Names { slug, title: "Version 3.0: Released!", filename: "2023-01-29-3.0-Released", folder, categories }
    }

    #[test]
    fn expands_in_the_dates_own_offset() {
        let p = Permalink::parse("/{year}/{month}/{day}/{slug}/").unwrap();
        let date = DateTime::parse_from_rfc3339("2026-01-30T23:30:00-08:00").unwrap();
        assert_eq!(p.expand(&date, chrono_tz::UTC, &names("dtla", "", &[])), "2026/01/30/dtla/");
        let p = Permalink::parse("/posts/{slug}.html").unwrap();
        assert_eq!(p.expand(&date, chrono_tz::UTC, &names("x", "", &[])), "posts/x.html");
    }

    #[test]
    fn expands_in_the_site_zone_when_asked() {
        // Jekyll reads `date: 2023-01-29 23:30:00 -0800` in the site's zone.
        let p = Permalink::parse("/{year}/{month}/{day}/{slug}/").unwrap().with_dates(PermalinkDates::SiteTimezone);
        let date = DateTime::parse_from_rfc3339("2023-01-29T23:30:00-08:00").unwrap();
        assert_eq!(p.expand(&date, chrono_tz::UTC, &names("x", "", &[])), "2023/01/30/x/");
        let tokyo: chrono_tz::Tz = "Asia/Tokyo".parse().unwrap();
        let date = DateTime::parse_from_rfc3339("2023-12-31T20:00:00+00:00").unwrap();
        assert_eq!(p.expand(&date, tokyo, &names("x", "", &[])), "2024/01/01/x/");
    }

    #[test]
    fn every_placeholder() {
        let p = Permalink::parse(
            "/{short_year}-{i_month}-{i_day}-{hour}{minute}{second}/{section}/{path}/{categories}/{title}/{filename}/{slug}/",
        )
        .unwrap();
        let date = DateTime::parse_from_rfc3339("2023-02-03T04:05:06+00:00").unwrap();
        let cats = vec!["Release Notes".to_owned(), "../x/y".to_owned(), "release notes".to_owned()];
        assert_eq!(
            p.expand(&date, chrono_tz::UTC, &names("s", "Posts/2023", &cats)),
            "23-2-3-040506/posts/posts/2023/release notes/-x-y/version-3.0-released/2023-01-29-3.0-released/s/"
        );
        // Empty placeholders leave no empty segment.
        assert_eq!(
            p.expand(&date, chrono_tz::UTC, &names("s", "", &[])).split('/').filter(|s| s.is_empty()).count(),
            1
        );
        let jekyll = p.with_slugs(SlugStyle::Jekyll);
        assert!(jekyll.expand(&date, chrono_tz::UTC, &names("s", "", &[])).contains("/Version-3.0-Released/"));
    }

    #[test]
    fn slug_styles() {
        for (text, hugo, jekyll, zola) in [
            ("3.0-released", "3.0-released", "3.0-released", "3-0-released"),
            ("v1.0-Trio", "v1.0-trio", "v1.0-Trio", "v1-0-trio"),
            ("snake_case name", "snake_case-name", "snake_case-name", "snake_case-name"),
            (".hidden..x", "hidden..x", "hidden..x", "hidden-x"),
            ("..", "", "", ""),
            ("-.-", "", "", ""),
            ("Ünïcödé!", "ünïcödé", "Ünïcödé", "ünïcödé"),
        ] {
            assert_eq!(SlugStyle::Hugo.segment(text), hugo, "{text}");
            assert_eq!(SlugStyle::Jekyll.segment(text), jekyll, "{text}");
            assert_eq!(SlugStyle::Zola.segment(text), zola, "{text}");
        }
    }

    #[test]
    fn rejects_bad_patterns() {
        for bad in [
            "{slug}",
            "/{year}/",
            "/{slug",
            "/{name}/",
            "/{section}/{path}/",
            "/a//{slug}",
            "/../{slug}",
            "/{slug}?x",
            "/{slug}}",
        ] {
            assert!(Permalink::parse(bad).is_err(), "{bad}");
        }
        for good in ["/{title}/", "/{section}/{filename}/", "/{categories}/{year}/{month}/{day}/{slug}.html"] {
            assert!(Permalink::parse(good).is_ok(), "{good}");
        }
    }
}

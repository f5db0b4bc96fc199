//! A page URL written in an article's front matter — Jekyll's and
//! Eleventy's `permalink`, Hugo's `url`, Zola's `path` — as the generator
//! that wrote the site reads it.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use url::Url;

/// What Jekyll's placeholders in a front-matter `permalink` stand for.
pub(crate) struct Placeholders<'a> {
    /// `:title`: the slug as written (Jekyll keeps its case and dots).
    pub(crate) title: &'a str,
    /// `:slug`: the slug made URL-safe (lower case, `-` between words).
    pub(crate) slug: &'a str,
    /// `:categories`: Jekyll's `category`/`categories`, in lower case,
    /// joined with `/`.
    pub(crate) categories: &'a [String],
    /// The publication date (none when it is missing, an error already).
    pub(crate) date: Option<DateTime<FixedOffset>>,
    /// The site's time zone: Jekyll reads the date parts in it.
    pub(crate) zone: chrono_tz::Tz,
}

/// `pattern` with Jekyll's placeholders (`/:year/:title/`) replaced, runs
/// of `/` made one and a leading `/` added, as Jekyll's `URL` does; the name
/// of a placeholder feedwright does not know otherwise.
pub(crate) fn expand_jekyll(pattern: &str, values: &Placeholders<'_>) -> Result<String, String> {
    let date = values.date.map(|d| d.with_timezone(&values.zone));
    let part = |f: &dyn Fn(&DateTime<chrono_tz::Tz>) -> String| date.as_ref().map(f).unwrap_or_default();
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(colon) = rest.find(':') {
        out.push_str(&rest[..colon]);
        let after = &rest[colon + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(after.len());
        let name = &after[..name_len];
        let value = match name {
            // A colon not starting a name (`https://`) is kept.
            "" => ":".to_owned(),
            "year" => part(&|d| format!("{:04}", d.year())),
            "short_year" => part(&|d| format!("{:02}", d.year() % 100)),
            "month" => part(&|d| format!("{:02}", d.month())),
            "i_month" => part(&|d| d.month().to_string()),
            "day" => part(&|d| format!("{:02}", d.day())),
            "i_day" => part(&|d| d.day().to_string()),
            "hour" => part(&|d| format!("{:02}", d.hour())),
            "minute" => part(&|d| format!("{:02}", d.minute())),
            "second" => part(&|d| format!("{:02}", d.second())),
            "title" => values.title.to_owned(),
            "slug" => values.slug.to_owned(),
            "categories" => values
                .categories
                .iter()
                .map(|c| c.trim().to_lowercase())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join("/"),
            "output_ext" => ".html".to_owned(),
            unknown => return Err(unknown.to_owned()),
        };
        out.push_str(&value);
        rest = &after[name_len..];
    }
    out.push_str(rest);
    let mut path = String::with_capacity(out.len() + 1);
    for c in format!("/{out}").chars() {
        if !(c == '/' && path.ends_with('/')) {
            path.push(c);
        }
    }
    Ok(path)
}

/// The page's URL: `written` (a path on the site, with or without a leading
/// `/`, or a full URL on it) resolved against `site`. Zola's `path` always
/// names a folder (Zola adds the `/`); Eleventy's `permalink` names the
/// file written, whose `index.html` the URL leaves out.
pub(crate) fn resolve(written: &str, key: &str, site: &Url) -> Result<Url, &'static str> {
    if written.contains(['?', '#', '\\']) {
        return Err("is not a path: it holds `?`, `#` or `\\`");
    }
    let url = if Url::parse(written).is_ok() {
        site.join(written).map_err(|_| "is not a URL")?
    } else {
        let mut relative = written.trim_start_matches('/').to_owned();
        if key == "path" && !relative.is_empty() && !relative.ends_with('/') {
            relative.push('/');
        }
        if key == "permalink" && (relative == "index.html" || relative.ends_with("/index.html")) {
            relative.truncate(relative.len() - "index.html".len());
        }
        // `./` first, so that a first segment with a `:` stays a path.
        site.join(&format!("./{relative}")).map_err(|_| "is not a path on the site")?
    };
    if !url.as_str().starts_with(site.as_str()) {
        return Err("leaves the site's URL");
    }
    if url == *site {
        return Err("is the site's home page, not a page of its own");
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(categories: &[String]) -> Placeholders<'_> {
        Placeholders {
            title: "3.0-Released",
            slug: "3-0-released",
            categories,
            // 23:30 in Los Angeles is the next day in UTC: the site's zone decides.
            date: DateTime::parse_from_rfc3339("2026-01-31T07:30:05+00:00").ok(),
            zone: "America/Los_Angeles".parse().unwrap(),
        }
    }

    #[test]
    fn jekyll_placeholders() {
        let cats = vec!["Release Notes".to_owned(), "Go".to_owned()];
        for (pattern, want) in [
            ("/:year/:month/:day/:title/", "/2026/01/30/3.0-Released/"),
            ("/:categories/:year/:slug:output_ext", "/release notes/go/2026/3-0-released.html"),
            ("blog/:i_month/:i_day/:short_year/:hour:minute:second/", "/blog/1/30/26/233005/"),
            ("/blog/my-post/", "/blog/my-post/"),
        ] {
            assert_eq!(expand_jekyll(pattern, &values(&cats)).as_deref(), Ok(want), "{pattern}");
        }
        // No categories: the empty segment goes, as in Jekyll.
        assert_eq!(expand_jekyll("/:categories/:title/", &values(&[])).as_deref(), Ok("/3.0-Released/"));
        assert_eq!(expand_jekyll("/:collection/:title/", &values(&[])), Err("collection".to_owned()));
    }

    #[test]
    fn resolving_against_the_site() {
        let site = Url::parse("https://example.com/blog/").unwrap();
        for (written, key, want) in [
            ("/notes/my-post/", "url", Ok("https://example.com/blog/notes/my-post/")),
            ("notes/my-post", "path", Ok("https://example.com/blog/notes/my-post/")),
            ("/notes/my-post.html", "permalink", Ok("https://example.com/blog/notes/my-post.html")),
            ("/notes/my-post/index.html", "permalink", Ok("https://example.com/blog/notes/my-post/")),
            ("https://example.com/blog/x/", "url", Ok("https://example.com/blog/x/")),
            ("/a:b/", "url", Ok("https://example.com/blog/a:b/")),
            ("/../../etc/", "url", Err("leaves the site's URL")),
            ("https://example.com/other/", "url", Err("leaves the site's URL")),
            ("/", "url", Err("is the site's home page, not a page of its own")),
            ("/x/?a=1", "url", Err("is not a path: it holds `?`, `#` or `\\`")),
        ] {
            assert_eq!(resolve(written, key, &site).as_ref().map(Url::as_str), want.as_ref().map(|s| *s), "{written}");
        }
    }
}

//! Article URL patterns such as `/{year}/{month}/{slug}/`.

use chrono::{DateTime, Datelike, FixedOffset};

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Year,
    Month,
    Day,
    Slug,
}

/// A checked pattern: starts with `/`, contains `{slug}` (so that two
/// articles never share a URL unless they share a slug and a date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Permalink {
    parts: Vec<Part>,
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
                parts.push(Part::Literal(rest[..open].to_owned()));
            }
            let close = rest[open..].find('}').ok_or_else(|| format!("`{pattern}` has a `{{` without its `}}`"))?;
            let part = match &rest[open + 1..open + close] {
                "year" => Part::Year,
                "month" => Part::Month,
                "day" => Part::Day,
                "slug" => Part::Slug,
                other => {
                    return Err(format!(
                        "`{pattern}` has the unknown placeholder `{{{other}}}` (known: {{year}}, {{month}}, {{day}}, {{slug}})"
                    ));
                }
            };
            parts.push(part);
            rest = &rest[open + close + 1..];
        }
        if rest.contains('}') {
            return Err(format!("`{pattern}` has a `}}` without its `{{`"));
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        if !parts.contains(&Part::Slug) {
            return Err(format!("`{pattern}` must contain `{{slug}}`"));
        }
        if parts.iter().any(|p| matches!(p, Part::Literal(l) if l.contains(['?', '#', '\\', ' ']))) {
            return Err(format!("`{pattern}` must be a plain path, without `?`, `#`, `\\` or spaces"));
        }
        Ok(Permalink { parts })
    }

    /// The path for an article, without the leading `/`, ready to be joined
    /// to the site URL. The date is the one the author wrote, in its own
    /// offset, so that a URL never depends on the build machine's zone.
    pub(crate) fn expand(&self, date: &DateTime<FixedOffset>, slug: &str) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Year => out.push_str(&format!("{:04}", date.year())),
                Part::Month => out.push_str(&format!("{:02}", date.month())),
                Part::Day => out.push_str(&format!("{:02}", date.day())),
                Part::Slug => out.push_str(slug),
            }
        }
        out.trim_start_matches('/').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_in_the_dates_own_offset() {
        let p = Permalink::parse("/{year}/{month}/{day}/{slug}/").unwrap();
        let date = DateTime::parse_from_rfc3339("2026-01-30T23:30:00-08:00").unwrap();
        assert_eq!(p.expand(&date, "dtla"), "2026/01/30/dtla/");
        let p = Permalink::parse("/posts/{slug}.html").unwrap();
        assert_eq!(p.expand(&date, "x"), "posts/x.html");
    }

    #[test]
    fn rejects_bad_patterns() {
        for bad in ["{slug}", "/{year}/", "/{slug", "/{title}/", "/a//{slug}", "/../{slug}", "/{slug}?x", "/{slug}}"] {
            assert!(Permalink::parse(bad).is_err(), "{bad}");
        }
    }
}

//! `feedwright new "Title" [--tags a,b] [--date DATE] [--slug SLUG]
//! [--draft | --publish]`: writes a new article and prints its path.
//!
//! Standard output is the path and nothing else, for scripts; what `new`
//! decided besides (a draft or not, a slug made URL-safe) goes to stderr as
//! notes. The body is a placeholder, so the article is a draft unless
//! `--publish`: the next build must not publish it unread. Never overwrites
//! a file.

use chrono::{DateTime, Datelike, FixedOffset};
use chrono_tz::Tz;

use crate::cli::NewArgs;
use crate::config;
use crate::diagnostic::{Diagnostic, Location};
use crate::error::Failure;
use crate::model::date;
use crate::model::normalize::{slugify, tag_uri};
use crate::output;
use crate::source::emit;

/// The longest slug (in bytes) that keeps `YYYY-MM-DD-SLUG.md` within the
/// 255 bytes file systems allow in a name.
const MAX_SLUG_BYTES: usize = 240;

pub(crate) fn run(args: &NewArgs) -> Result<(), Failure> {
    let (settings, warnings) = config::load(args.site.overrides(None)).map_err(Failure::Config)?;
    super::print_diagnostics(&warnings);
    let title = crate::text::collapse_whitespace(&args.title);
    if title.is_empty() {
        return Err(usage(
            "empty-title",
            "the title is empty".into(),
            "give the article a title: `feedwright new \"My title\"`",
        ));
    }
    let (slug, slug_note) = slug_of(args.slug.as_deref(), &title)?;
    let date = publication_date(args.date.as_deref(), settings.site.timezone)?;
    let tags: Vec<String> =
        args.tags.iter().map(|t| crate::text::collapse_whitespace(t)).filter(|t| !t.is_empty()).collect();
    let id = tag_uri(&settings.site.url, &date, &slug);
    let draft = !args.publish;
    let path = settings.articles_dir.join(format!("{}-{slug}.md", date.format("%Y-%m-%d")));
    let text = emit::new_article(&title, &date, &id, &tags, draft);
    output::create_new(&path, text.as_bytes()).map_err(|err| {
        if err.kind() == std::io::ErrorKind::AlreadyExists {
            Failure::Config(vec![
                Diagnostic::error(
                    Some(Location::file(settings.display_path(&path))),
                    "the article already exists; it was left as it is",
                )
                .with_hint("pick another title or `--slug`, or edit the existing file")
                .with_code("article-exists"),
            ])
        } else {
            Failure::Io(anyhow::Error::new(err).context(format!("cannot write `{}`", path.display())))
        }
    })?;
    // The article is written: from here on nothing fails the command, not
    // even a closed pipe.
    {
        use std::io::Write;
        let _ = writeln!(std::io::stdout().lock(), "{}", settings.display_path(&path));
    }
    // Only a date given can be in the future; a clock that cannot be read
    // leaves the note general.
    let now = args.date.as_ref().and_then(|_| date::build_time().ok());
    let notes: Vec<Diagnostic> = slug_note.into_iter().chain([status_note(draft, &date, now)]).collect();
    super::print_diagnostics(&notes);
    Ok(())
}

/// A usage error of `new`: exit 2, nothing written.
fn usage(code: &str, message: String, hint: &str) -> Failure {
    Failure::Config(vec![Diagnostic::error(None, message).with_hint(hint).with_code(code)])
}

/// The slug from `--slug`, made URL-safe the way file names are (with a
/// note when that changed it), else from the title.
fn slug_of(given: Option<&str>, title: &str) -> Result<(String, Option<Diagnostic>), Failure> {
    let (slug, note) = match given {
        None => {
            let slug = slugify(title);
            if slug.is_empty() {
                return Err(usage(
                    "no-slug",
                    format!("cannot make a file name from the title `{title}`"),
                    "use a title with letters or digits, or give the file name with `--slug my-post`",
                ));
            }
            (slug, None)
        }
        Some(given) => {
            let slug = slugify(given);
            if slug.is_empty() {
                return Err(usage(
                    "bad-slug",
                    format!("`--slug` `{given}` has no letters or digits to make a URL segment of"),
                    "use letters, digits and `-`, like `--slug my-first-post`",
                ));
            }
            let note = (slug != given).then(|| {
                Diagnostic::note(None, format!("`--slug` `{given}` made URL-safe: `{slug}`"))
                    .with_code("slug-made-url-safe")
            });
            (slug, note)
        }
    };
    if slug.len() > MAX_SLUG_BYTES {
        let from = if given.is_some() { "`--slug`" } else { "the title" };
        return Err(usage(
            "slug-too-long",
            format!(
                "the slug made from {from} is too long for a file name: {} bytes, at most {MAX_SLUG_BYTES}",
                slug.len()
            ),
            "give a shorter one with `--slug`",
        ));
    }
    Ok((slug, note))
}

/// `--date` read as an article's `date` is (forms without an offset in the
/// site's zone), else the build time in the site's zone.
fn publication_date(given: Option<&str>, zone: Tz) -> Result<DateTime<FixedOffset>, Failure> {
    if let Some(text) = given {
        return date::parse(text, zone).map_err(|err| usage("bad-date", format!("`--date` {}", err.message), err.hint));
    }
    let now = date::build_time()
        .map_err(|m| usage("bad-clock", m, "unset it or give whole seconds since 1970"))?
        .with_timezone(&zone)
        .fixed_offset();
    // The article must be one a build can read: RFC 3339 years have four digits.
    if !(1000..=9999).contains(&now.year()) {
        return Err(usage(
            "bad-clock",
            format!("the build time `{}` is outside the years 1000 to 9999 that feeds can carry", now.to_rfc3339()),
            "give the date with `--date`, or set `SOURCE_DATE_EPOCH` to a time in those years",
        ));
    }
    Ok(now)
}

/// Whether and when the article will be published.
fn status_note(draft: bool, date: &DateTime<FixedOffset>, now: Option<DateTime<FixedOffset>>) -> Diagnostic {
    if draft {
        Diagnostic::note(None, "created as a draft: remove `draft: true` to publish it").with_code("created-as-draft")
    } else if now.is_some_and(|now| *date > now) {
        Diagnostic::note(None, format!("dated {}: the first build after that will publish it", date.to_rfc3339()))
            .with_code("dated-in-the-future")
    } else {
        Diagnostic::note(None, "not a draft: the next build will publish it").with_code("will-be-published")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn la() -> Tz {
        "America/Los_Angeles".parse().unwrap()
    }

    fn error_text(failure: Failure) -> String {
        match failure {
            Failure::Config(diagnostics) => diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
            other => panic!("not a usage error: {other:?}"),
        }
    }

    #[test]
    fn slugs_from_the_title_or_the_flag() {
        assert_eq!(slug_of(None, "Hello, World!").unwrap(), ("hello-world".into(), None));
        let (slug, note) = slug_of(Some("My Post!"), "Anything").unwrap();
        assert_eq!(slug, "my-post");
        assert_eq!(note.unwrap().to_string(), "note: `--slug` `My Post!` made URL-safe: `my-post`");
        assert_eq!(slug_of(Some("already-fine"), "!!!").unwrap(), ("already-fine".into(), None));
        let cases = [
            (None, "!!!", "error: cannot make a file name from the title `!!!`"),
            (Some("../"), "T", "error: `--slug` `../` has no letters or digits to make a URL segment of"),
            (Some(""), "T", "error: `--slug` `` has no letters or digits"),
        ];
        for (given, title, want) in cases {
            let got = error_text(slug_of(given, title).unwrap_err());
            assert!(got.starts_with(want), "{given:?} {title:?}: {got}");
            assert!(got.contains("\n  help: "), "{got}");
        }
        let long = "x".repeat(MAX_SLUG_BYTES + 1);
        let got = error_text(slug_of(Some(&long), "T").unwrap_err());
        assert!(got.starts_with("error: the slug made from `--slug` is too long for a file name: 241 bytes"), "{got}");
        assert!(slug_of(Some(&long[1..]), "T").is_ok());
    }

    #[test]
    fn dates_are_read_like_article_dates() {
        let got = publication_date(Some("2026-01-30"), la()).unwrap();
        assert_eq!(got.to_rfc3339(), "2026-01-30T00:00:00-08:00");
        let got = publication_date(Some("2026-07-04 18:30"), la()).unwrap();
        assert_eq!(got.to_rfc3339(), "2026-07-04T18:30:00-07:00");
        let got = publication_date(Some("2026-01-30T23:00:00Z"), la()).unwrap();
        assert_eq!(got.to_rfc3339(), "2026-01-30T23:00:00+00:00");
        assert_eq!(
            error_text(publication_date(Some("tomorrow"), la()).unwrap_err()),
            "error: `--date` `tomorrow` is not a date feedwright can read\n  help: write it as `2026-01-30`, `2026-01-30 18:00`, or `2026-01-30T18:00:00-08:00` (RFC 3339)"
        );
        let got = error_text(publication_date(Some("2026-02-30"), la()).unwrap_err());
        assert!(got.starts_with("error: `--date` `2026-02-30` is not a real date"), "{got}");
    }

    #[test]
    fn the_status_note_says_when_it_is_published() {
        let date = DateTime::parse_from_rfc3339("2030-01-01T00:00:00-08:00").unwrap();
        let before = DateTime::parse_from_rfc3339("2029-01-01T00:00:00Z").unwrap();
        let after = DateTime::parse_from_rfc3339("2031-01-01T00:00:00Z").unwrap();
        let note = |draft, now| status_note(draft, &date, now).to_string();
        assert_eq!(note(true, Some(before)), "note: created as a draft: remove `draft: true` to publish it");
        assert_eq!(
            note(false, Some(before)),
            "note: dated 2030-01-01T00:00:00-08:00: the first build after that will publish it"
        );
        assert_eq!(note(false, Some(after)), "note: not a draft: the next build will publish it");
        assert_eq!(note(false, None), "note: not a draft: the next build will publish it");
    }
}

//! Article dates as authors write them -> `DateTime<FixedOffset>`.
//!
//! Accepted forms, tried in this order:
//! - RFC 3339: `2026-01-30T18:00:00-08:00`, `2026-01-30 18:00:00Z`
//! - Jekyll's `2026-01-30 18:00:00 -0800`
//! - a local date-time: `2026-01-30T18:00`, `2026-01-30 18:00[:00[.123]]`
//! - a date: `2026-01-30` (midnight)
//! - RFC 2822: `Fri, 30 Jan 2026 18:00:00 -0800`
//!
//! Forms without an offset are read in the site's time zone. The result
//! keeps the offset it was written with, so output never depends on the
//! machine's zone.

use chrono::{DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// Years the three formats can all carry: RFC 822 and RFC 3339 need four digits.
const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// What is wrong with a date, as a message fragment and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateError {
    pub(crate) message: String,
    pub(crate) hint: &'static str,
}

const FORMS_HINT: &str = "write it as `2026-01-30`, `2026-01-30 18:00`, or `2026-01-30T18:00:00-08:00` (RFC 3339)";

pub(crate) fn parse(text: &str, zone: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    let text = text.trim();
    let mut parsed = parse_any(text, zone)?;
    // Local mean time (zones before ~1900) has offsets with seconds, which
    // no feed format can write: keep the instant, in UTC.
    if parsed.offset().local_minus_utc() % 60 != 0 {
        parsed = parsed.with_timezone(&chrono::Utc).fixed_offset();
    }
    if !YEARS.contains(&parsed.year()) || !YEARS.contains(&parsed.naive_utc().year()) {
        return Err(DateError {
            message: format!("`{text}` is outside the years 1000 to 9999 that feeds can carry"),
            hint: "check the year",
        });
    }
    Ok(parsed)
}

fn parse_any(text: &str, zone: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Ok(date);
    }
    if let Ok(date) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z") {
        return Ok(date);
    }
    for form in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, form) {
            return in_zone(text, naive, zone);
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return in_zone(text, day.and_time(chrono::NaiveTime::MIN), zone);
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(text) {
        return Ok(date);
    }
    Err(explain(text))
}

/// A local time in the site's zone. A time that happens twice (clocks going
/// back) is the first one; a time that never happens (clocks going forward)
/// is an error, since any choice would silently move the article.
fn in_zone(text: &str, naive: NaiveDateTime, zone: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(date) | LocalResult::Ambiguous(date, _) => Ok(date.fixed_offset()),
        LocalResult::None => Err(DateError {
            message: format!("`{text}` does not exist in the time zone {zone}: the clocks skip it"),
            hint: "give the time with its offset, like `2026-03-08T02:30:00-08:00`",
        }),
    }
}

/// Tells "a date that does not exist" from "not a date at all".
fn explain(text: &str) -> DateError {
    let looks_like_ymd = text.len() >= 10
        && text.is_char_boundary(10)
        && text[..10].bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if looks_like_ymd {
        let year: i32 = text[..4].parse().unwrap_or(0);
        let month: u32 = text[5..7].parse().unwrap_or(0);
        let day: u32 = text[8..10].parse().unwrap_or(0);
        if NaiveDate::from_ymd_opt(year, month, day).is_none() {
            return DateError { message: format!("`{text}` is not a real date"), hint: "check the month and the day" };
        }
        if text.len() > 10 {
            return DateError {
                message: format!("`{text}` has a time feedwright cannot read or that does not exist"),
                hint: FORMS_HINT,
            };
        }
    }
    DateError { message: format!("`{text}` is not a date feedwright can read"), hint: FORMS_HINT }
}

/// The time of this build: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set, else the clock. Only future
/// articles and edited entries without `updated` ever depend on it.
pub(crate) fn build_time() -> Result<DateTime<FixedOffset>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
            .map(|d| d.fixed_offset())
            .ok_or_else(|| format!("`SOURCE_DATE_EPOCH` `{text}` is not a number of seconds since 1970")),
        // Whole seconds: feeds never show sub-second precision.
        Err(_) => Ok(DateTime::from_timestamp(chrono::Utc::now().timestamp(), 0).unwrap_or_default().fixed_offset()),
    }
}

/// The `YYYY-MM-DD-` prefix of a file name, as in `2026-01-30-slug.md`.
pub(crate) fn from_file_stem(stem: &str) -> Option<(NaiveDate, &str)> {
    let prefix = stem.get(..10)?;
    let date = NaiveDate::parse_from_str(prefix, "%Y-%m-%d").ok()?;
    let rest = stem[10..].strip_prefix('-').unwrap_or(&stem[10..]);
    Some((date, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn la() -> Tz {
        "America/Los_Angeles".parse().unwrap()
    }

    #[test]
    fn accepted_forms() {
        let cases = [
            ("2026-01-30T18:00:00-08:00", "2026-01-30T18:00:00-08:00"),
            ("2026-01-30T18:00:00Z", "2026-01-30T18:00:00+00:00"),
            ("2026-01-30 18:00:00+01:00", "2026-01-30T18:00:00+01:00"),
            ("2026-01-30 18:00:00 -0800", "2026-01-30T18:00:00-08:00"),
            ("2026-01-30T18:00", "2026-01-30T18:00:00-08:00"),
            ("2026-01-30 18:00", "2026-01-30T18:00:00-08:00"),
            ("2026-01-30 18:00:05", "2026-01-30T18:00:05-08:00"),
            ("2026-07-04", "2026-07-04T00:00:00-07:00"),
            ("Fri, 30 Jan 2026 18:00:00 -0800", "2026-01-30T18:00:00-08:00"),
            ("30 Jan 2026 18:00 GMT", "2026-01-30T18:00:00+00:00"),
            ("  2026-01-30  ", "2026-01-30T00:00:00-08:00"),
        ];
        for (text, want) in cases {
            let got = parse(text, la()).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(got.to_rfc3339(), want, "{text}");
        }
    }

    #[test]
    fn rejected_forms() {
        let cases = [
            ("2026-02-30", "is not a real date"),
            ("2026-13-01", "is not a real date"),
            ("2026-01-30 25:00", "has a time feedwright cannot read"),
            ("yesterday", "is not a date feedwright can read"),
            ("", "is not a date feedwright can read"),
            ("0000-01-01", "outside the years"),
            ("0999-12-31", "outside the years"),
            ("2026-03-08 02:30", "the clocks skip it"),
        ];
        for (text, want) in cases {
            let err = parse(text, la()).unwrap_err();
            assert!(err.message.contains(want), "{text}: {}", err.message);
        }
        assert!(parse("+10000-01-01T00:00:00Z", la()).is_err());
    }

    #[test]
    fn ambiguous_local_time_is_the_first() {
        let got = parse("2026-11-01 01:30", la()).unwrap();
        assert_eq!(got.to_rfc3339(), "2026-11-01T01:30:00-07:00");
    }

    #[test]
    fn file_stem_dates() {
        let (date, rest) = from_file_stem("2026-01-30-dtla-erupts").unwrap();
        assert_eq!(date.to_string(), "2026-01-30");
        assert_eq!(rest, "dtla-erupts");
        assert!(from_file_stem("about").is_none());
        assert!(from_file_stem("2026-02-30-x").is_none());
    }
}

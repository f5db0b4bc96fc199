//! Article dates as authors write them -> `DateTime<FixedOffset>`.
//!
//! Accepted forms, tried in this order:
//! - RFC 3339: `2026-01-30T18:00:00-08:00`, `2026-01-30 18:00:00Z`
//! - Jekyll's `2026-01-30 18:00:00 -0800`
//! - a local date-time: `2026-01-30T18:00`, `2026-01-30 18:00[:00[.123]]`
//! - a date: `2026-01-30` (midnight)
//! - RFC 2822: `Fri, 30 Jan 2026 18:00:00 -0800`
//!
//! Then, with a note saying how the date was read (`Unusual`), the odd forms
//! Jekyll's lenient parse (Ruby's `Time.parse`) lets through, so that a
//! Jekyll site builds as it is:
//! - a month or day without its zero, or `/` between the parts: `2023-1-9`,
//!   `2023/01/29 18:30`
//! - a time without seconds before an offset: `2023-01-29 18:30 -0800`
//! - the year again before the offset: `2023-01-29 18:30:22 2023 -0800`
//! - a zone name, alone or after the offset (Go's `time.Time` as text):
//!   `2023-01-29 18:30:22 UTC`, `2023-01-29 18:30:22 +0000 UTC`
//! - the form of `git log` and `date`: `Sun Jan 29 18:30:22 2023 -0800`
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

/// A date in a form only a lenient parser reads: what is odd about it, and
/// the same date in a form read without a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unusual {
    /// What is odd, as a message fragment: "a month or day without its zero".
    pub(crate) why: String,
    /// How to write it: `2023-01-29T18:30:22-08:00`.
    pub(crate) standard: String,
}

/// Reads a date in any accepted form, the odd ones included.
pub(crate) fn parse(text: &str, zone: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    parse_noting(text, zone).map(|(date, _)| date)
}

/// Reads a date, saying how when it was written in an odd form.
pub(crate) fn parse_noting(text: &str, zone: Tz) -> Result<(DateTime<FixedOffset>, Option<Unusual>), DateError> {
    let text = text.trim();
    let (mut parsed, unusual) = match parse_any(text, zone) {
        Ok(parsed) => (parsed, None),
        Err(error) => match lenient(text, zone) {
            Some(Ok((parsed, unusual))) => (parsed, Some(unusual)),
            Some(Err(lenient_error)) => return Err(lenient_error),
            None => return Err(error),
        },
    };
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
    Ok((parsed, unusual))
}

/// The forms Jekyll reads and `parse_any` does not (see the module's
/// comment); `None` when `text` is not one of them either.
fn lenient(text: &str, zone: Tz) -> Option<Result<(DateTime<FixedOffset>, Unusual), DateError>> {
    let (date, time, offset, mut why, stray_year) = match lenient_parts(text) {
        Some(parts) => parts,
        None => like_git_log(text)?,
    };
    if time.is_none() && offset.is_some() {
        return None;
    }
    let naive = date.and_time(time.unwrap_or(chrono::NaiveTime::MIN));
    let parsed = match offset {
        Some(offset) => match offset.from_local_datetime(&naive) {
            LocalResult::Single(parsed) => parsed,
            _ => return None,
        },
        None => match in_zone(text, naive, zone) {
            Ok(parsed) => parsed,
            Err(error) => return Some(Err(error)),
        },
    };
    // Ruby's parse takes a zone only right after the time: Jekyll read this
    // time in its `timezone`. The offset written is what the author meant;
    // say so when the two differ.
    if stray_year
        && let LocalResult::Single(local) | LocalResult::Ambiguous(local, _) = zone.from_local_datetime(&naive)
        && local.fixed_offset() != parsed
    {
        why.push(format!(
            "the offset after the year is used, where Jekyll ignored it and read {} in the site's time zone",
            local.fixed_offset().to_rfc3339()
        ));
    }
    let fraction = if naive.and_utc().timestamp_subsec_nanos() == 0 { "" } else { "%.f" };
    let standard = match (time, offset) {
        (Some(_), Some(_)) => parsed.format(&format!("%Y-%m-%dT%H:%M:%S{fraction}%:z")).to_string(),
        (Some(_), None) => naive.format(&format!("%Y-%m-%d %H:%M:%S{fraction}")).to_string(),
        (None, _) => date.format("%Y-%m-%d").to_string(),
    };
    if why.is_empty() {
        why.push("an unusual form".to_owned());
    }
    Some(Ok((parsed, Unusual { why: why.join(", "), standard })))
}

/// A date, its time and offset if written, what is odd about it, and
/// whether the offset comes after a year (Ruby drops such an offset).
type Parts = (NaiveDate, Option<chrono::NaiveTime>, Option<FixedOffset>, Vec<String>, bool);

/// `Y-M-D` (or `Y/M/D`), then a time, the year again, an offset and a zone
/// name, each optional, each at most once, in that order.
fn lenient_parts(text: &str) -> Option<Parts> {
    let mut why = Vec::new();
    let date_end = text.find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '/')).unwrap_or(text.len());
    let (date_text, rest) = text.split_at(date_end);
    let separator = if date_text.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = date_text.split(separator).collect();
    let [year, month, day] = parts[..] else { return None };
    let digits = |s: &str, most: usize| !s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    if separator == '/' {
        why.push("`/` between the parts of the date".to_owned());
    }
    if month.len() < 2 || day.len() < 2 {
        why.push("a month or day without its leading zero".to_owned());
    }
    let rest =
        rest.strip_prefix(['T', 't']).map_or(rest, |r| if r.starts_with(char::is_whitespace) { rest } else { r });
    let mut tokens = rest.split_whitespace().peekable();
    let mut time = None;
    let mut offset = None;
    let mut stray_year = false;
    if let Some(token) =
        tokens.peek().copied().filter(|t| t.contains(':') && t.starts_with(|c: char| c.is_ascii_digit()))
    {
        tokens.next();
        let end =
            token.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ',')).unwrap_or(token.len());
        time = Some(lenient_time(&token[..end])?);
        if end < token.len() {
            offset = Some(zone_offset(&token[end..]).or_else(|| utc_name(&token[end..]))?);
        }
        if token[..end].matches(':').count() == 1 && tokens.peek().is_some() {
            why.push("a time without seconds".to_owned());
        }
    }
    if time.is_some()
        && offset.is_none()
        && let Some(&token) = tokens.peek()
        && token.len() == 4
        && token.bytes().all(|b| b.is_ascii_digit())
    {
        // Ruby skips it; another year than the date's is not guessed at.
        if token.parse::<i32>().ok()? != date.year() {
            return None;
        }
        tokens.next();
        stray_year = true;
        why.push(format!("the year `{token}` written again after the time, which is ignored"));
    }
    if offset.is_none()
        && let Some(found) = tokens.peek().and_then(|t| zone_offset(t))
    {
        tokens.next();
        offset = Some(found);
    }
    if let Some(name) = tokens.next() {
        match (offset, utc_name(name)) {
            (None, Some(utc)) => {
                offset = Some(utc);
                why.push(format!("the zone name `{name}` instead of an offset"));
            }
            (Some(_), _) if name.len() <= 5 && name.bytes().all(|b| b.is_ascii_alphabetic()) => {
                why.push(format!("the zone name `{name}` after the offset, which is ignored"));
            }
            _ => return None,
        }
    }
    if tokens.next().is_some() || (time.is_none() && why.is_empty()) {
        return None;
    }
    Some((date, time, offset, why, stray_year))
}

/// `18:30`, `18:30:22`, `18:30:22.123` (or `,123`).
fn lenient_time(text: &str) -> Option<chrono::NaiveTime> {
    let (clock, fraction) = match text.split_once(['.', ',']) {
        Some((clock, fraction)) => (clock, fraction),
        None => (text, ""),
    };
    let parts: Vec<u32> = clock
        .split(':')
        .map(|p| (!p.is_empty() && p.len() <= 2).then(|| p.parse().ok()).flatten())
        .collect::<Option<_>>()?;
    let (hour, minute, second) = match parts[..] {
        [hour, minute] if fraction.is_empty() => (hour, minute, 0),
        [hour, minute, second] => (hour, minute, second),
        _ => return None,
    };
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 9 {
        return None;
    }
    let nanos = if fraction.is_empty() { 0 } else { format!("{fraction:0<9}").parse().ok()? };
    chrono::NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
}

/// `-0800`, `-08:00`, `+01`, `Z`.
fn zone_offset(text: &str) -> Option<FixedOffset> {
    if text == "Z" || text == "z" {
        return FixedOffset::east_opt(0);
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..].chars().filter(|&c| c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || text[1..].matches(':').count() > 1 {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// `UTC`, `GMT` and `Z`, in any case.
fn utc_name(text: &str) -> Option<FixedOffset> {
    ["UTC", "GMT", "Z"].iter().any(|name| text.eq_ignore_ascii_case(name)).then(|| FixedOffset::east_opt(0)).flatten()
}

/// `Sun Jan 29 18:30:22 2023 -0800`, as `git log` and `date` print dates
/// (without the offset in the site's zone).
fn like_git_log(text: &str) -> Option<Parts> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let why = vec!["the form of `git log` and `date`".to_owned()];
    let joined = words.join(" ");
    if let Ok(parsed) = DateTime::parse_from_str(&joined, "%a %b %d %H:%M:%S %Y %z") {
        return Some((parsed.date_naive(), Some(parsed.time()), Some(*parsed.offset()), why, true));
    }
    let naive = NaiveDateTime::parse_from_str(&joined, "%a %b %d %H:%M:%S %Y").ok()?;
    Some((naive.date(), Some(naive.time()), None, why, false))
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

/// How far ahead of the build a date may be before it reads as a typo
/// (`2062` for `2026`) rather than an article scheduled on purpose.
pub(crate) const FAR_FUTURE_YEARS: i32 = 5;

/// Whether `date` is more than `FAR_FUTURE_YEARS` after `now`: still held
/// back as a future article, but worth a warning, since nobody schedules a
/// post for decades from now.
pub(crate) fn is_far_future(date: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> bool {
    use chrono::Months;
    now.checked_add_months(Months::new(12 * FAR_FUTURE_YEARS as u32)).is_some_and(|limit| date > limit)
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

/// The first `YYYY/MM/DD` run of segments in a URL path or folder path,
/// as in Zola's `path = "2022/10/28/gats-stabilization"` or a Jekyll-style
/// folder `2022/10/28/`: blogs whose posts carry their date only there.
pub(crate) fn from_path(path: &str) -> Option<NaiveDate> {
    let segments: Vec<&str> = path.split(['/', '\\']).collect();
    segments.windows(3).find_map(|w| {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(w[0], 4) && digits(w[1], 2) && digits(w[2], 2)) {
            return None;
        }
        NaiveDate::from_ymd_opt(w[0].parse().ok()?, w[1].parse().ok()?, w[2].parse().ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_paths() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(from_path("2022/10/28/gats-stabilization"), day(2022, 10, 28));
        assert_eq!(from_path("/inside-rust/2019/10/15/meeting/"), day(2019, 10, 15));
        assert_eq!(from_path("posts/2021/02/30/x"), None, "no such day");
        assert_eq!(from_path("2022/1/28/x"), None, "two digits, as permalinks write them");
        assert_eq!(from_path("v1/2022/10/x"), None);
        assert_eq!(from_path(""), None);
    }

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
    fn odd_forms_jekyll_reads_are_read_with_a_note() {
        // (written, read as, how to write it, part of what is odd)
        let cases = [
            (
                "2023-01-29 18:30:22 2023 -0800",
                "2023-01-29T18:30:22-08:00",
                "2023-01-29T18:30:22-08:00",
                "the year `2023` written again",
            ),
            (
                "2023-01-29 18:30:22 +0000 UTC",
                "2023-01-29T18:30:22+00:00",
                "2023-01-29T18:30:22+00:00",
                "the zone name `UTC` after the offset",
            ),
            (
                "2023-01-29 18:30:22 -0800 PST",
                "2023-01-29T18:30:22-08:00",
                "2023-01-29T18:30:22-08:00",
                "`PST` after the offset",
            ),
            (
                "2023-01-29 18:30:22 UTC",
                "2023-01-29T18:30:22+00:00",
                "2023-01-29T18:30:22+00:00",
                "the zone name `UTC` instead",
            ),
            ("2023-01-29 18:30:22 GMT", "2023-01-29T18:30:22+00:00", "2023-01-29T18:30:22+00:00", "`GMT` instead"),
            (
                "2023-01-29 18:30 -0800",
                "2023-01-29T18:30:00-08:00",
                "2023-01-29T18:30:00-08:00",
                "a time without seconds",
            ),
            (
                "2023-01-29 18:30:22.5 -08:00",
                "2023-01-29T18:30:22.500-08:00",
                "2023-01-29T18:30:22.500-08:00",
                "an unusual form",
            ),
            (
                "2023-01-9T18:30:22Z",
                "2023-01-09T18:30:22+00:00",
                "2023-01-09T18:30:22+00:00",
                "without its leading zero",
            ),
            ("2023/01/29", "2023-01-29T00:00:00-08:00", "2023-01-29", "`/` between"),
            ("2023/01/29 18:30:22 -0800", "2023-01-29T18:30:22-08:00", "2023-01-29T18:30:22-08:00", "`/` between"),
            ("Sun Jan 29 18:30:22 2023 -0800", "2023-01-29T18:30:22-08:00", "2023-01-29T18:30:22-08:00", "`git log`"),
            ("Wed Jul  5 09:00:00 2023", "2023-07-05T09:00:00-07:00", "2023-07-05 09:00:00", "`git log`"),
        ];
        for (text, read, standard, why) in cases {
            let (got, unusual) = parse_noting(text, la()).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(got.to_rfc3339(), read, "{text}");
            let unusual = unusual.unwrap_or_else(|| panic!("{text}: no note"));
            assert_eq!(unusual.standard, standard, "{text}");
            assert!(unusual.why.contains(why), "{text}: {}", unusual.why);
            // The form to write instead reads as the same instant, without a note.
            let (again, note) = parse_noting(&unusual.standard, la()).unwrap();
            assert_eq!((again, note), (got, None), "{text}");
        }
    }

    #[test]
    fn an_offset_after_a_stray_year_is_used_and_the_note_says_jekyll_did_not() {
        let (got, unusual) = parse_noting("Sun Jan 29 18:30:22 2023 -0500", la()).unwrap();
        assert_eq!(got.to_rfc3339(), "2023-01-29T18:30:22-05:00");
        assert!(unusual.unwrap().why.contains(", the offset after the year is used, where Jekyll ignored it"));
        let (got, unusual) = parse_noting("2023-01-29 18:30:22 2023 -0500", la()).unwrap();
        assert_eq!(got.to_rfc3339(), "2023-01-29T18:30:22-05:00");
        let why = unusual.unwrap().why;
        assert!(
            why.ends_with(
                "which is ignored, the offset after the year is used, where Jekyll ignored it and read \
                 2023-01-29T18:30:22-08:00 in the site's time zone"
            ),
            "{why}"
        );
    }

    #[test]
    fn every_form_accepted_before_has_no_note() {
        for text in [
            "2026-01-30T18:00:00-08:00",
            "2026-01-30 18:00:00 -0800",
            "2026-01-30 18:00",
            "2026-01-30",
            "2023-01-29T18:30:22.000Z",
            // chrono reads numbers of one digit too.
            "2023-1-9",
            "2023-1-9 8:05",
            "Fri, 30 Jan 2026 18:00:00 -0800",
        ] {
            assert_eq!(parse_noting(text, la()).unwrap().1, None, "{text}");
        }
    }

    #[test]
    fn odd_forms_that_stay_errors() {
        for (text, want) in [
            ("2023-01-29 18:30:22 2024 -0800", "has a time feedwright cannot read"),
            ("2023-01-29 18:30:22 -0800 somewhere", "has a time feedwright cannot read"),
            ("2023-01-29 18:30:22 PST", "has a time feedwright cannot read"),
            ("2023-1-32", "is not a date feedwright can read"),
            ("2023-01-29 -0800", "has a time feedwright cannot read"),
            ("2023-1-9 25:00", "is not a date feedwright can read"),
            ("2026-3-8 02:30", "the clocks skip it"),
            ("999/01/01", "is not a date feedwright can read"),
            ("0999-1-1", "outside the years"),
        ] {
            let err = parse(text, la()).unwrap_err();
            assert!(err.message.contains(want), "{text}: {}", err.message);
        }
        assert!(parse("0999-01-1", la()).is_err());
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

    #[test]
    fn far_future_is_more_than_five_years_ahead() {
        let at = |t: &str| DateTime::parse_from_rfc3339(t).unwrap();
        let now = at("2026-12-06T12:00:00Z");
        assert!(is_far_future(at("2062-01-01T00:00:00Z"), now));
        assert!(is_far_future(at("2031-12-07T00:00:00Z"), now));
        assert!(!is_far_future(at("2031-12-06T00:00:00Z"), now));
        assert!(!is_far_future(at("2027-01-01T00:00:00Z"), now));
    }
}

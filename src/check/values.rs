//! Value syntaxes shared by the format rules: RFC 822 and RFC 3339 dates,
//! W3CDTF, URIs and IRIs (with tag:, urn: and uuid), e-mail addresses,
//! MIME types and language tags. Each check follows what the W3C Feed
//! Validation Service accepts, and returns the W3C message name on failure.
//!
//! Plain functions of strings: they know no format, no position and no
//! `Findings` (the format rules turn a `Bad` into a finding), and use no
//! other file of `check/` (language tags come from `crate::model`).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// Why a value was rejected: a W3C code and a short reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bad {
    pub(crate) code: &'static str,
    pub(crate) reason: String,
}

fn bad(code: &'static str, reason: impl Into<String>) -> Bad {
    Bad { code, reason: reason.into() }
}

/// An RFC 822 date was accepted; `problematical` when only after removing
/// comments and odd whitespace (W3C: ProblematicalRFC822Date, a warning).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rfc822 {
    pub(crate) when: NaiveDateTime,
    pub(crate) problematical: bool,
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// RSS dates: RFC 822 section 5 with 2- or 4-digit years, as the W3C reads
/// them: names case-insensitive, a zone required (numeric, named or a
/// military letter). Errors: InvalidRFC2822Date, IncorrectDOW.
pub(crate) fn rfc822(value: &str) -> Result<Rfc822, Bad> {
    if let Some(parsed) = parse_822(value) {
        return parsed.map(|when| Rfc822 { when, problematical: false });
    }
    // The W3C retries without comments and surrounding whitespace; a date
    // that only passes then is "problematical" (a warning, not an error).
    // Like the W3C: drop `\x` escapes, then comments innermost first (an
    // unbalanced `(` stays and fails), and read spaces loosely.
    let mut cleaned = String::with_capacity(value.len());
    let mut opens: Vec<usize> = Vec::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            ')' if !opens.is_empty() => {
                cleaned.truncate(opens.pop().unwrap_or(0));
                cleaned.push(' ');
            }
            '(' => {
                opens.push(cleaned.len());
                cleaned.push(c);
            }
            _ => cleaned.push(c),
        }
    }
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ,", ",");
    match parse_822(&cleaned) {
        Some(parsed) => parsed.map(|when| Rfc822 { when, problematical: true }),
        None => Err(bad("InvalidRFC2822Date", "not an RFC 822 date-time")),
    }
}

/// `None` when the shape is wrong; `Some(Err)` when the shape is right but
/// the date is impossible.
fn parse_822(value: &str) -> Option<Result<NaiveDateTime, Bad>> {
    if value.is_empty() || value.starts_with(char::is_whitespace) || value.ends_with(char::is_whitespace) {
        return None;
    }
    let lower = value.to_ascii_lowercase();
    let mut rest = lower.as_str();
    let mut weekday = None;
    if let Some(comma) = rest.find(',') {
        let day = rest[..comma].trim_end();
        weekday = Some(DAYS.iter().position(|d| *d == day)?);
        rest = rest[comma + 1..].trim_start();
    }
    let mut parts = rest.split_whitespace();
    let day = parts.next()?;
    let month = parts.next()?;
    let year = parts.next()?;
    let time = parts.next()?;
    let zone = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    if !(1..=2).contains(&day.len()) || !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    if !(year.len() == 2 || year.len() == 4) || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let time_parts: Vec<&str> = time.split(':').collect();
    if !(2..=3).contains(&time_parts.len()) || time_parts.iter().any(|p| p.len() != 2 || !is_digits(p)) {
        return None;
    }
    let zone_ok = matches!(zone, "ut" | "gmt" | "z" | "est" | "edt" | "cst" | "cdt" | "mst" | "mdt" | "pst" | "pdt")
        || (zone.len() == 1 && zone.as_bytes()[0].is_ascii_lowercase() && zone != "j")
        || (zone.len() == 5 && matches!(zone.as_bytes()[0], b'+' | b'-') && is_digits(&zone[1..]));
    if !zone_ok {
        return None;
    }
    let mut year: i32 = year.parse().ok()?;
    if year < 100 {
        // Python's rfc822 (what the W3C uses): 00-68 is 20xx, 69-99 is 19xx.
        year += if year > 68 { 1900 } else { 2000 };
    }
    let day: u32 = day.parse().ok()?;
    let numbers: Vec<u32> = time_parts.iter().filter_map(|p| p.parse().ok()).collect();
    let (hour, minute, second) = (numbers[0], numbers[1], numbers.get(2).copied().unwrap_or(0));
    let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
        return Some(Err(bad("InvalidRFC2822Date", format!("day {day} does not exist in that month"))));
    };
    let Some(clock) = NaiveTime::from_hms_opt(hour, minute, second.min(59)) else {
        return Some(Err(bad("InvalidRFC2822Date", "the time is out of range")));
    };
    if let Some(weekday) = weekday
        && date.weekday().num_days_from_monday() as usize != weekday
    {
        let actual = DAYS[date.weekday().num_days_from_monday() as usize];
        return Some(Err(bad("IncorrectDOW", format!("that date is a {actual}"))));
    }
    Some(Ok(date.and_time(clock)))
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Atom and JSON Feed dates: RFC 3339 `date-time`, offset required
/// (InvalidRFC3339Date).
pub(crate) fn rfc3339(value: &str) -> Result<NaiveDateTime, Bad> {
    let invalid = || bad("InvalidRFC3339Date", "not an RFC 3339 date-time such as `2026-01-30T18:00:00Z`");
    let b = value.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return Err(invalid());
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let s = value.get(range)?;
        if is_digits(s) { s.parse().ok() } else { None }
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) =
        (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16), num(17..19))
    else {
        return Err(invalid());
    };
    let mut rest = &value[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(invalid());
        }
        rest = &fraction[digits..];
    }
    let offset_ok = rest == "Z"
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':'
            && is_digits(&rest[1..3])
            && is_digits(&rest[4..6])
            && rest[1..3].parse::<u32>().is_ok_and(|h| h < 24)
            && rest[4..6].parse::<u32>().is_ok_and(|m| m < 60));
    if !offset_ok {
        return Err(bad("InvalidRFC3339Date", "a time-zone offset (`Z` or `+hh:mm`) is required"));
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| bad("InvalidRFC3339Date", "that day does not exist"))?;
    let clock = NaiveTime::from_hms_opt(hour, minute, second.min(59).max(if second == 60 { 59 } else { 0 }))
        .filter(|_| second <= 60)
        .ok_or_else(|| bad("InvalidRFC3339Date", "the time is out of range"))?;
    Ok(date.and_time(clock))
}

/// `dc:date`: W3C-DTF, `YYYY[-MM[-DD[Thh:mm[:ss[.s]]TZD]]]` (InvalidW3CDTFDate).
pub(crate) fn w3cdtf(value: &str) -> Result<(), Bad> {
    let invalid = || bad("InvalidW3CDTFDate", "not a W3C-DTF date such as `2026-01-30T18:00:00Z`");
    let (date, time) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let fields: Vec<&str> = date.split('-').collect();
    let ok_lengths = [4, 2, 2];
    if fields.is_empty()
        || fields.len() > 3
        || fields.iter().zip(ok_lengths).any(|(f, n)| f.len() != n || !is_digits(f))
    {
        return Err(invalid());
    }
    let year: i32 = fields[0].parse().map_err(|_| invalid())?;
    let month: u32 = fields.get(1).map_or(Ok(1), |m| m.parse()).map_err(|_| invalid())?;
    let day: u32 = fields.get(2).map_or(Ok(1), |d| d.parse()).map_err(|_| invalid())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid)?;
    match time {
        None => Ok(()),
        Some(_) if fields.len() != 3 => Err(invalid()),
        Some(time) => {
            let full = if time.len() >= 5 && time.as_bytes().get(5) != Some(&b':') {
                // hh:mm without seconds
                format!("{date}T{}:00{}", &time[..5], &time[5..])
            } else {
                format!("{date}T{time}")
            };
            rfc3339(&full).map(|_| ()).map_err(|_| invalid())
        }
    }
}

/// A date more than a day in the future or before 1990 (ImplausibleDate).
pub(crate) fn implausible(when: NaiveDateTime) -> bool {
    when.year() < 1990 || when > Utc::now().naive_utc() + chrono::Duration::days(1)
}

/// How strict a URI check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UriKind {
    /// RSS: an absolute URI, ASCII only (IRIs are UriNotIri).
    FullUri,
    /// Atom: an absolute IRI (non-ASCII allowed).
    FullIri,
    /// Atom: an IRI reference, relative allowed.
    IriRef,
}

/// A URI was accepted, with a warning-worthy note if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UriNote {
    Fine,
    /// The scheme is not in IANA's registry (SchemeNotIANARegistered).
    UnregisteredScheme(String),
}

/// Characters RFC 3986 allows in a URI, besides letters and digits.
fn uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ";/?:@&=+$.-_!~*'()%,#[]".contains(c)
}

/// Checks a URI or IRI the way the W3C's `rfc2396`/`rfc3987` classes do.
/// Errors: InvalidTAG, InvalidUUID, InvalidURN, InvalidUriChar, UriNotIri,
/// and `full_code` (InvalidFullLink, InvalidURLAttribute, ...) when a full
/// URI is required and this is not one.
pub(crate) fn uri(value: &str, kind: UriKind, full_code: &'static str) -> Result<UriNote, Bad> {
    if value.is_empty() {
        return if kind == UriKind::IriRef { Ok(UriNote::Fine) } else { Err(bad(full_code, "empty")) };
    }
    if let Some(c) = value.chars().find(|c| c.is_ascii() && !uri_char(*c)) {
        return Err(bad("InvalidUriChar", format!("invalid character in a URI: {c:?}")));
    }
    if kind == UriKind::FullUri && !value.is_ascii() {
        return Err(bad("UriNotIri", "IRI found where URL expected: percent-encode the non-ASCII characters"));
    }
    let scheme = scheme(value);
    let Some(scheme) = scheme else {
        return if kind == UriKind::IriRef {
            Ok(UriNote::Fine)
        } else {
            Err(bad(full_code, "not a full URI: it has no scheme such as `https:`"))
        };
    };
    let lower = scheme.to_ascii_lowercase();
    match lower.as_str() {
        "tag" => {
            return if tag_uri(value) {
                Ok(UriNote::Fine)
            } else {
                Err(bad("InvalidTAG", "not a valid tag: URI (RFC 4151)"))
            };
        }
        "urn" => {
            let rest = &value[4..];
            if rest.len() >= 5 && rest[..5].eq_ignore_ascii_case("uuid:") {
                return if uuid(&rest[5..]) { Ok(UriNote::Fine) } else { Err(bad("InvalidUUID", "not a valid UUID")) };
            }
            return if urn(rest) { Ok(UriNote::Fine) } else { Err(bad("InvalidURN", "not a valid URN (RFC 2141)")) };
        }
        "http" | "https" | "ftp" => {
            let after = &value[scheme.len() + 1..];
            let host_ok = after.strip_prefix("//").is_some_and(|h| !h.is_empty() && !h.starts_with('/'));
            if !host_ok {
                return Err(bad(full_code, format!("`{lower}:` URIs need `//` and a host")));
            }
        }
        _ => {}
    }
    if value.len() == scheme.len() + 1 {
        return Err(bad(full_code, "nothing after the scheme"));
    }
    if IANA_SCHEMES.binary_search(&lower.as_str()).is_err() {
        return Ok(UriNote::UnregisteredScheme(lower));
    }
    Ok(UriNote::Fine)
}

/// The scheme of an absolute URI, if it has one.
pub(crate) fn scheme(value: &str) -> Option<&str> {
    let colon = value.find(':')?;
    let scheme = &value[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))).then_some(scheme)
}

/// RFC 4151: `tag:authority,date:specific[#fragment]`.
fn tag_uri(value: &str) -> bool {
    let Some(rest) = value.get(4..) else { return false };
    let Some((authority, rest)) = rest.split_once(',') else { return false };
    let host = authority.rsplit('@').next().unwrap_or("");
    let host_ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c));
    let Some((date, specific)) = rest.split_once(':') else { return false };
    let date_ok = match date.len() {
        4 => is_digits(date),
        // Byte lengths: a non-ASCII date is not a date, and must not be sliced.
        7 => date.is_ascii() && is_digits(&date[..4]) && &date[4..5] == "-" && is_digits(&date[5..]),
        10 => NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        _ => false,
    };
    host_ok && date_ok && specific.chars().all(|c| uri_char(c) && c != '[' && c != ']')
}

fn uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

fn urn(rest: &str) -> bool {
    let Some((nid, nss)) = rest.split_once(':') else { return false };
    let nid_ok = (2..=32).contains(&nid.len())
        && nid.starts_with(|c: char| c.is_ascii_alphanumeric())
        && nid.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    nid_ok && !nss.is_empty() && nss.chars().all(|c| c.is_ascii_alphanumeric() || "()+,-.:=@;$_!*'%/?#".contains(c))
}

/// URI schemes in IANA's registry that feeds use (sorted, for binary search).
const IANA_SCHEMES: &[&str] = &[
    "aaa",
    "about",
    "acap",
    "acct",
    "cap",
    "cid",
    "coap",
    "crid",
    "data",
    "dav",
    "dict",
    "dns",
    "doi",
    "dtn",
    "feed",
    "file",
    "ftp",
    "geo",
    "go",
    "gopher",
    "h323",
    "http",
    "https",
    "iax",
    "icap",
    "im",
    "imap",
    "info",
    "ipp",
    "iris",
    "itms",
    "jabber",
    "javascript",
    "ldap",
    "magnet",
    "mailto",
    "mid",
    "mms",
    "msrp",
    "msrps",
    "mtqp",
    "mupdate",
    "news",
    "nfs",
    "ni",
    "nntp",
    "opaquelocktoken",
    "pop",
    "pres",
    "rsync",
    "rtsp",
    "rtsps",
    "s3",
    "service",
    "session",
    "sftp",
    "shttp",
    "sieve",
    "sip",
    "sips",
    "skype",
    "sms",
    "snmp",
    "soap.beep",
    "soap.beeps",
    "spotify",
    "ssh",
    "steam",
    "stun",
    "svn",
    "tag",
    "tel",
    "telnet",
    "tftp",
    "tip",
    "tn3270",
    "turn",
    "tv",
    "udp",
    "urn",
    "vemmi",
    "webcal",
    "ws",
    "wss",
    "xmlrpc.beep",
    "xmlrpc.beeps",
    "xmpp",
    "z39.50r",
    "z39.50s",
];

/// `local@domain` as the W3C's e-mail regex accepts it.
/// The W3C's fallback for an address `addr_spec` refuses, `[\w._%+-]+@`
/// then a letter and `[\w.-]+` (e.g. `jo@localhost`): it then only warns
/// that the host may not exist (UnknownHost), since it would look it up.
pub(crate) fn simple_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else { return false };
    let word = |c: char| c.is_alphanumeric() || c == '_';
    !local.is_empty()
        && local.chars().all(|c| word(c) || "._%+-".contains(c))
        && domain.starts_with(|c: char| c.is_ascii_alphabetic())
        && domain.chars().all(|c| word(c) || ".-".contains(c))
}

pub(crate) fn addr_spec(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else { return false };
    let local_ok = !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || "_-+.'".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|tld| {
            (tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
                || (tld.len() <= 3 && tld.chars().all(|c| c.is_ascii_digit()))
        });
    local_ok && domain_ok
}

/// What an RSS e-mail element (managingEditor, webMaster, author) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Contact {
    /// `joe@example.com (Joe Smith)`, the recommended form.
    Recommended,
    /// A bare address (MissingRealName).
    MissingRealName,
    /// Another form with an address, e.g. `Joe <joe@example.com>` (EmailFormat).
    OtherFormat,
    /// An address whose host has no dot (UnknownHost, a warning).
    UnknownHost,
    /// No valid address (InvalidContact).
    Invalid,
}

/// Classifies an RSS e-mail value as the W3C's `email_with_name` does.
pub(crate) fn contact(value: &str) -> Contact {
    let value = value.trim();
    // A `mailto:` URL (RFC 2368, maybe with `?subject=`) is judged, as the
    // W3C does, by what it spells once percent-decoded.
    let decoded;
    let value = match value.strip_prefix("mailto:") {
        Some(url) => {
            decoded = percent_decode(url);
            decoded.as_str()
        }
        None => value,
    };
    if value.find('@').is_some_and(|at| at > 0) && !value.ends_with(')') {
        return if value.contains(' ') { Contact::OtherFormat } else { Contact::MissingRealName };
    }
    let address = match value.split_once('(') {
        Some((address, _)) => address.trim(),
        None => value,
    };
    let address = address.trim_start_matches('<').trim_end_matches('>');
    if addr_spec(address) {
        Contact::Recommended
    } else if simple_email(address) {
        Contact::UnknownHost
    } else {
        Contact::Invalid
    }
}

/// `%XX` escapes decoded (invalid ones kept as written).
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// A MIME media type with optional parameters (RFC 2045 tokens).
pub(crate) fn mime_type(value: &str) -> bool {
    let token = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_graphic() && !"()<>@,;:\\\"/[]?=".contains(c));
    let mut parts = value.split(';');
    let Some((kind, sub)) = parts.next().unwrap_or("").split_once('/') else { return false };
    token(kind.trim_start())
        && token(sub.trim_end())
        && !kind.starts_with(' ')
        && parts.all(|p| {
            p.split_once('=').is_some_and(|(k, v)| {
                let v = v.trim();
                token(k.trim()) && (token(v) || (v.len() >= 2 && v.starts_with('"') && v.ends_with('"')))
            })
        })
}

/// A language tag whose primary subtag is an ISO 639 code (InvalidLanguage):
/// the same table and rule the writers use.
pub(crate) fn language(value: &str) -> bool {
    crate::model::language::is_language_tag(value)
}

/// A non-negative integer written in plain digits.
pub(crate) fn non_negative_integer(value: &str) -> Option<u64> {
    if is_digits(value) { value.parse().ok().or(Some(u64::MAX)) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc822_dates() {
        let ok = [
            "Fri, 30 Jan 2026 12:00:00 -0800",
            "Sat, 07 Sep 2002 00:00:01 GMT",
            "1 Feb 26 08:00 Z",
            "sat, 07 sep 2002 00:00:01 gmt",
            "Thu, 12 Feb 2026 19:30:00 EST",
        ];
        for value in ok {
            assert!(rfc822(value).is_ok_and(|d| !d.problematical), "{value}");
        }
        assert!(rfc822("Sat, 07 Sep 2002 00:00:01 GMT (comment)").is_ok_and(|d| d.problematical));
        let bad_cases = [
            ("2026-01-30T12:00:00Z", "InvalidRFC2822Date"),
            ("Mon, 31 Feb 2026 12:00:00 GMT", "InvalidRFC2822Date"),
            ("Mon, 30 Jan 2026 12:00:00 GMT", "IncorrectDOW"),
            ("Fri, 30 Jan 2026 12:00:00", "InvalidRFC2822Date"),
            ("Fri, 30 Jan 2026 25:00:00 GMT", "InvalidRFC2822Date"),
            ("Fri, 30 Jan 2026 12:00:00 J", "InvalidRFC2822Date"),
        ];
        for (value, code) in bad_cases {
            assert_eq!(rfc822(value).map_err(|b| b.code), Err(code), "{value}");
        }
    }

    #[test]
    fn rfc3339_dates() {
        for value in ["2026-01-30T18:00:00Z", "2026-01-30T18:00:00.123-08:00", "2016-12-31T23:59:60Z"] {
            assert!(rfc3339(value).is_ok(), "{value}");
        }
        for value in
            ["2026-01-30T18:00:00", "2026-01-30 18:00:00Z", "2026-02-30T18:00:00Z", "2026-01-30T24:00:00Z", "x"]
        {
            assert!(rfc3339(value).is_err(), "{value}");
        }
    }

    #[test]
    fn uris() {
        use UriKind::*;
        let ok = [
            ("https://example.com/a?b#c", FullUri),
            ("tag:example.com,2026-01-30:a/b", FullUri),
            ("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", FullUri),
            ("mailto:a@example.com", FullUri),
            ("https://example.com/café", FullIri),
            ("../a.html", IriRef),
        ];
        for (value, kind) in ok {
            assert_eq!(uri(value, kind, "InvalidFullLink"), Ok(UriNote::Fine), "{value}");
        }
        let bad_cases = [
            ("/a/b", FullUri, "InvalidFullLink"),
            ("http:/a", FullUri, "InvalidFullLink"),
            ("https://example.com/a b", FullUri, "InvalidUriChar"),
            ("https://example.com/café", FullUri, "UriNotIri"),
            ("tag:example.com:x", FullUri, "InvalidTAG"),
            ("urn:uuid:xyz", FullUri, "InvalidUUID"),
        ];
        for (value, kind, code) in bad_cases {
            assert_eq!(uri(value, kind, "InvalidFullLink").map_err(|b| b.code), Err(code), "{value}");
        }
        assert_eq!(uri("foo:bar", FullUri, "X"), Ok(UriNote::UnregisteredScheme("foo".into())));
        assert!(IANA_SCHEMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn contacts_mime_and_languages() {
        assert_eq!(contact("joe@example.com (Joe)"), Contact::Recommended);
        assert_eq!(contact("joe@example.com"), Contact::MissingRealName);
        assert_eq!(contact("Joe <joe@example.com>"), Contact::OtherFormat);
        assert_eq!(contact("Joe Smith"), Contact::Invalid);
        assert!(mime_type("audio/mpeg") && mime_type("text/html; charset=utf-8"));
        assert!(!mime_type("audio") && !mime_type("audio/") && !mime_type("a b/c"));
        assert!(language("en") && language("en-US") && language("fil") && language("x-klingon"));
        assert!(!language("English") && !language("en_us") && !language("zz"));
        assert!(
            w3cdtf("2026").is_ok()
                && w3cdtf("2026-01-30T18:00Z").is_ok()
                && w3cdtf("2026-01-30T18:00:00+01:00").is_ok()
        );
        assert!(w3cdtf("30/01/2026").is_err() && w3cdtf("2026-01-30T18:00:00").is_err());
    }
}

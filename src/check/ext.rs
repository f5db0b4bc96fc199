//! Extension vocabularies the W3C Feed Validation Service checks, with its
//! codes: iTunes podcast elements (`InvalidTrueFalse`, `InvalidYesNoClean`,
//! `TooLong`, `InvalidDuration`, `UndefinedElement` where an element is not
//! defined, ...), geo / ICBM / GeoURL coordinates, `slash:`, trackback and
//! Creative Commons licenses. Rules follow the W3C's Python source
//! (`itunes.py`, `extension.py`, `validators.py`), not the vendors' specs:
//! users compare our verdict with the W3C's.
//!
//! Used by `rss` and `atom` for namespaced children of a channel, item,
//! feed or entry; uses `finding`, `values` and `xml` only.

use std::collections::HashSet;

use super::feedsync;
use super::finding::Findings;
use super::gbase;
use super::media;
use super::shared::{self, missing_attr};
use super::values::{self, UriKind};
use super::xml::Element;

pub(crate) const ITUNES_NS: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
const GEO_NS: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#";
const GEOURL_NS: &str = "http://geourl.org/rss/module/";
const ICBM_NS: &str = "http://postneo.com/icbm";
const SLASH_NS: &str = "http://purl.org/rss/1.0/modules/slash/";
const TRACKBACK_NS: &str = "http://madskills.com/public/xml/rss/module/trackback/";
const CC_NS: &str = "http://backend.userland.com/creativeCommonsRssModule";
const FEEDBURNER_NS: &str = "http://rssnamespace.org/feedburner/ext/1.0";
const OPENSEARCH_NS: &str = "http://a9.com/-/spec/opensearch/1.1/";
const OPENSEARCH10_NS: &str = "http://a9.com/-/spec/opensearchrss/1.0/";
const THR_NS: &str = "http://purl.org/syndication/thread/1.0";

/// Where an extension element sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// RSS `channel` or Atom `feed`.
    Channel,
    /// RSS `item` or Atom `entry`.
    Item,
    Other,
}

fn place(parent: &Element) -> Place {
    match parent.local.as_str() {
        "channel" | "feed" => Place::Channel,
        "item" | "entry" => Place::Item,
        _ => Place::Other,
    }
}

/// Judges `child` (below `parent`) when its namespace is one of those above;
/// `false` when the namespace is none of them (the caller decides).
pub(crate) fn judge(parent: &Element, child: &Element, out: &mut Findings) -> bool {
    let place = place(parent);
    let rss = parent.ns.is_empty();
    match (child.ns.as_str(), child.local.as_str()) {
        (ITUNES_NS, _) if rss && place != Place::Other => itunes(parent, child, place, out),
        (GEO_NS, "lat") | (GEOURL_NS | ICBM_NS, "latitude") => coordinate(child, 90.0, "InvalidLatitude", out),
        (GEO_NS, "long") | (GEOURL_NS | ICBM_NS, "longitude") => coordinate(child, 180.0, "InvalidLongitude", out),
        (SLASH_NS, "hit_parade") if place == Place::Item => {
            let ok = child.value().split(',').enumerate().all(|(i, part)| {
                let part = if i == 0 { part } else { part.trim_start() };
                !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())
            });
            if !ok {
                invalid(child, "InvalidCommaSeparatedIntegers", "comma-separated integers", "write e.g. `5,3,1`", out);
            }
        }
        (SLASH_NS, "comments") if place == Place::Item => non_negative(child, out),
        (TRACKBACK_NS, "ping" | "about") => {
            if place == Place::Item {
                full_uri(child, out);
            } else {
                undefined(parent, child, out);
            }
        }
        (CC_NS, "license") if place != Place::Other => full_uri(child, out),
        (media::MEDIA_NS, _) if place != Place::Other => media::judge(parent, child, place == Place::Item, out),
        (feedsync::SX_NS, "sharing") if place == Place::Channel => feedsync::sharing(child, out),
        (feedsync::SX_NS, "sync") if place == Place::Item => feedsync::sync(child, out),
        (feedsync::SX_NS, _) if place != Place::Other => undefined(parent, child, out),
        (OPENSEARCH_NS | OPENSEARCH10_NS, _) if place != Place::Other => opensearch(parent, child, place, out),
        (gbase::G_NS, _) if place == Place::Item => gbase::judge(parent, child, out),
        (gbase::G_NS, _) if place == Place::Channel => undefined(parent, child, out),
        (FEEDBURNER_NS, _) if place != Place::Other => feedburner(parent, child, place, out),
        (THR_NS, "total") if place == Place::Item => non_negative(child, out),
        // `thr:children` is RSS 1.0 only.
        (THR_NS, "children") => undefined(parent, child, out),
        (THR_NS, "in-reply-to") if place == Place::Item => in_reply_to(child, out),
        _ => return false,
    }
    true
}

/// OpenSearch response elements of a channel or feed (`extension.py`,
/// `opensearch.py`).
fn opensearch(parent: &Element, el: &Element, place: Place, out: &mut Findings) {
    let name = el.local.as_str();
    let query = name == "Query" && el.ns == OPENSEARCH_NS;
    if place != Place::Channel || !(query || matches!(name, "totalResults" | "startIndex" | "itemsPerPage")) {
        undefined(parent, el, out);
        return;
    }
    if !query {
        let ok = if name == "startIndex" {
            python_int(el.value()).is_some()
        } else {
            python_int(el.value()).is_some_and(|n| n >= 0)
        };
        if !ok {
            let (code, what) = if name == "startIndex" {
                ("InvalidInteger", "an integer")
            } else {
                ("InvalidNonNegativeInteger", "a non-negative integer")
            };
            invalid(el, code, what, "write a whole number", out);
        }
        return;
    }
    match el.attr("role") {
        None => missing_attr(el, "role", out),
        Some(role) => {
            let known = ["request", "example", "related", "correction", "subset", "superset"];
            if !role.contains(':') && !known.contains(&role) {
                attr_error(el, "InvalidLocalRole", "role", role, out);
            }
        }
    }
    for (attr, min) in [("totalResults", Some(0)), ("count", Some(0)), ("startIndex", None), ("startPage", None)] {
        let Some(value) = el.attr(attr).filter(|v| !v.is_empty() || min.is_some()) else { continue };
        match (python_int(value), min) {
            (Some(n), Some(min)) if n < min => attr_error(el, "InvalidNonNegativeInteger", attr, value, out),
            (None, Some(_)) => attr_error(el, "InvalidNonNegativeInteger", attr, value, out),
            (None, None) => attr_error(el, "InvalidInteger", attr, value, out),
            _ => {}
        }
    }
    if let Some(title) = el.attr("title")
        && title.chars().count() > 256
    {
        attr_error(el, "TooLong", "title", title, out);
    }
    if let Some(lang) = el.attr("language")
        && lang != "*"
        && !values::language(lang)
    {
        attr_error(el, "InvalidLanguage", "language", lang, out);
    }
    for attr in ["inputEncoding", "outputEncoding"] {
        if let Some(value) = el.attr(attr)
            && !charset(value)
        {
            attr_error(el, "InvalidEncoding", attr, value, out);
        }
    }
    if let Some(terms) = el.attr("searchTerms")
        && !terms.split_whitespace().all(url_encoded)
    {
        attr_error(el, "NotURLEncoded", "searchTerms", terms, out);
    }
}

/// Python's `int()`: optional spaces and sign, then digits.
fn python_int(value: &str) -> Option<i128> {
    let value = value.trim();
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(value.parse::<i128>().unwrap_or(if value.starts_with('-') { i128::MIN } else { i128::MAX }))
}

/// A character set name Python's `codecs` would know (the W3C's test):
/// the WHATWG labels, plus the usual Python spellings.
fn charset(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    encoding_rs::Encoding::for_label(lower.as_bytes()).is_some()
        || [
            "utf", "cp", "iso", "ibm", "mac", "latin", "ascii", "us-ascii", "euc", "shift", "big5", "gb", "koi8",
            "windows",
        ]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
}

/// `quote(unquote(v)) == v` with `%xx` upper-cased: unreserved characters
/// and `/` as they are, everything else percent-encoded.
fn url_encoded(value: &str) -> bool {
    let safe = |b: u8| b.is_ascii_alphanumeric() || b"_.-~/".contains(&b);
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let Some(byte) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            else {
                return false;
            };
            if safe(byte) {
                return false;
            }
            i += 3;
        } else if safe(bytes[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

fn attr_error(el: &Element, code: &'static str, name: &str, value: &str, out: &mut Findings) {
    out.error(
        code,
        el.pos,
        format!("invalid `{name}` attribute of `{}`: `{value}`", el.qname),
        "see the OpenSearch 1.1 specification",
    );
}

/// FeedBurner's elements, where `extension.py` defines them.
fn feedburner(parent: &Element, el: &Element, place: Place, out: &mut Findings) {
    let name = el.local.as_str();
    let defined = match place {
        Place::Item => matches!(name, "awareness" | "origEnclosureLink" | "origLink"),
        _ => matches!(
            name,
            "awareness" | "browserFriendly" | "emailServiceId" | "feedFlare" | "info" | "feedburnerHostname"
        ),
    };
    if !defined {
        undefined(parent, el, out);
        return;
    }
    match name {
        "awareness" | "origEnclosureLink" | "origLink" | "feedburnerHostname" => full_uri(el, out),
        "feedFlare" | "info" => {
            let attrs: &[&str] = if name == "info" { &["uri"] } else { &["href", "src"] };
            for attr in attrs {
                match el.attr(attr) {
                    None => missing_attr(el, attr, out),
                    Some(value) => {
                        if let Err(bad) = values::uri(value, UriKind::IriRef, "InvalidIRI") {
                            out.error(
                                bad.code,
                                el.pos,
                                format!("`{attr}` of `{}`: {}", el.qname, bad.reason),
                                "write a valid URL",
                            );
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// Whether at most one `ns:local` may appear in its parent (the W3C's
/// `noduplicates()` on an extension element).
fn single(ns: &str, local: &str) -> bool {
    match ns {
        ITUNES_NS => local != "category",
        media::MEDIA_NS => media::single(local),
        FEEDBURNER_NS => !matches!(local, "feedFlare" | "info"),
        SLASH_NS => matches!(local, "comments" | "hit_parade"),
        THR_NS => local == "total",
        gbase::G_NS => gbase::single(local),
        OPENSEARCH_NS | OPENSEARCH10_NS => matches!(local, "totalResults" | "startIndex" | "itemsPerPage"),
        TRACKBACK_NS => local == "ping",
        _ => false,
    }
}

/// DuplicateElement for the second of any single-valued extension element
/// among the children of `parent`: one pass, whatever their number.
pub(crate) fn duplicates(parent: &Element, out: &mut Findings) {
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    let mut reported: HashSet<(&str, &str)> = HashSet::new();
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for child in &parent.children {
        let key = (child.ns.as_str(), child.local.as_str());
        // The W3C counts these in Atom entries only (its RSS items keep
        // the names differently), and speaks at the eleventh.
        if key.0 == gbase::G_NS && gbase::max_ten(key.1) && !parent.ns.is_empty() {
            let count = counts.entry(key.1).or_insert(0);
            *count += 1;
            if *count == 11 {
                out.error(
                    "TooMany",
                    child.pos,
                    format!("`{}` holds more than ten `{}`", parent.qname, child.qname),
                    "keep at most ten",
                );
            }
        }
        if single(key.0, key.1) && !seen.insert(key) && reported.insert(key) {
            out.error(
                "DuplicateElement",
                child.pos,
                format!("`{}` contains more than one `{}`", parent.qname, child.qname),
                "keep only one",
            );
        }
    }
}

/// RFC 4685 `thr:in-reply-to`: `ref` an absolute IRI, `href` and `source`
/// IRI references, `type` a MIME type.
fn in_reply_to(el: &Element, out: &mut Findings) {
    for (name, kind, code) in [
        ("ref", UriKind::FullIri, "InvalidFullLink"),
        ("href", UriKind::IriRef, "InvalidIRI"),
        ("source", UriKind::IriRef, "InvalidIRI"),
    ] {
        if let Some(value) = el.attr(name)
            && let Err(bad) = values::uri(value, kind, code)
        {
            out.error(
                bad.code,
                el.pos,
                format!("`{name}` attribute of `{}`: {}", el.qname, bad.reason),
                "write a valid URI",
            );
        }
    }
    if let Some(kind) = el.attr("type")
        && !values::mime_type(kind)
    {
        out.error(
            "InvalidMIMEType",
            el.pos,
            format!("`type` attribute of `{}` must be a MIME type, not `{kind}`", el.qname),
            "write a media type such as `text/html`",
        );
    }
}

/// RFC 4685 attributes of an Atom `link` (`rel` as written or implied):
/// `thr:count` a non-negative integer, `thr:updated` an RFC 3339 date,
/// both only on `replies` links; `thr:when` is not RFC 4685 (NoThrWhen).
pub(crate) fn thr_link_attrs(el: &Element, rel: &str, out: &mut Findings) {
    for attr in el.attrs.iter().filter(|a| a.ns == THR_NS) {
        let known = matches!(attr.local.as_str(), "count" | "updated");
        if attr.local == "when" {
            out.error(
                "NoThrWhen",
                el.pos,
                "`thr:when` is not defined; RFC 4685 calls it `thr:updated`",
                "rename it `thr:updated`",
            );
        } else if known && rel != "replies" {
            out.error(
                "UnexpectedAttribute",
                el.pos,
                format!("`{}` belongs on `rel=\"replies\"` links only", attr.qname),
                "remove it, or make the link `rel=\"replies\"`",
            );
        }
        let bad = match attr.local.as_str() {
            "count" => values::non_negative_integer(attr.value.trim()).is_none().then_some("InvalidNonNegativeInteger"),
            "updated" => values::rfc3339(&attr.value).is_err().then_some("InvalidRFC3339Date"),
            _ => None,
        };
        if let Some(code) = bad {
            out.error(code, el.pos, format!("invalid `{}` value: `{}`", attr.qname, attr.value), "see RFC 4685");
        }
    }
}

/// The iTunes elements of channels and items, as `itunes.py` defines them.
fn itunes(parent: &Element, el: &Element, place: Place, out: &mut Findings) {
    let name = el.local.as_str();
    let channel_only = matches!(name, "owner" | "category" | "pubDate" | "new-feed-url" | "type");
    let item_only = matches!(name, "duration" | "title" | "episode" | "season" | "episodeType");
    let common = matches!(name, "author" | "block" | "explicit" | "keywords" | "subtitle" | "summary" | "image");
    if !(common || (channel_only && place == Place::Channel) || (item_only && place == Place::Item)) {
        undefined(parent, el, out);
        return;
    }
    match name {
        "author" | "keywords" | "subtitle" => too_long(el, 255, out),
        "summary" => too_long(el, 4000, out),
        // The W3C does not trim these two: ` true` is invalid.
        "explicit" if !matches!(el.text.to_ascii_lowercase().as_str(), "true" | "false") => {
            invalid(el, "InvalidTrueFalse", "`true` or `false`", "write `true` or `false`", out);
        }
        "block" if !matches!(el.text.to_ascii_lowercase().as_str(), "yes" | "no" | "clean") => {
            invalid(el, "InvalidYesNoClean", "`yes`, `no` or `clean`", "write `yes` to hide the podcast", out);
        }
        "image" => match el.attr("href") {
            None => missing_attr(el, "href", out),
            Some(href) if !http_url(href) => out.error(
                "InvalidURLAttribute",
                el.pos,
                format!("`href` attribute of `{}` must be a full http(s) URL, not `{href}`", el.qname),
                "write the image's absolute http(s) URL",
            ),
            Some(_) => {}
        },
        "owner" => owner(el, out),
        "category" => category(el, out),
        "pubDate" if values::rfc822(el.value()).is_err() => {
            invalid(
                el,
                "InvalidRFC2822Date",
                "an RFC 822 date-time",
                "write it like `Fri, 30 Jan 2026 18:00:00 -0800`",
                out,
            );
        }
        "new-feed-url" => full_uri(el, out),
        "type" if !matches!(el.value(), "episodic" | "serial") => {
            invalid(el, "InvalidItunesChannelType", "`episodic` or `serial`", "write `episodic` or `serial`", out);
        }
        "duration" if !duration(el.value()) => {
            invalid(el, "InvalidDuration", "a duration (`SS`, `MM:SS` or `HH:MM:SS`)", "write e.g. `1:02:03`", out);
        }
        "episode" | "season" if values::non_negative_integer(el.value()).is_none_or(|n| n == 0) => {
            invalid(el, "InvalidPositiveInteger", "a positive integer", "write a whole number from 1", out);
        }
        "episodeType" if !matches!(el.value(), "full" | "trailer" | "bonus") => {
            invalid(
                el,
                "InvalidItunesEpisodeType",
                "`full`, `trailer` or `bonus`",
                "write `full`, `trailer` or `bonus`",
                out,
            );
        }
        _ => {}
    }
}

/// `itunes:owner`: an `itunes:email` (required, an address) and a name.
fn owner(el: &Element, out: &mut Findings) {
    let mut seen = HashSet::new();
    for child in &el.children {
        if child.ns != ITUNES_NS || !matches!(child.local.as_str(), "email" | "name") {
            undefined(el, child, out);
            continue;
        }
        if !seen.insert(child.local.as_str()) {
            out.error(
                "DuplicateElement",
                child.pos,
                format!("`{}` contains more than one `{}`", el.qname, child.qname),
                "keep only one",
            );
        }
        match child.local.as_str() {
            "email" if !values::addr_spec(child.value()) && !values::simple_email(child.value()) => {
                invalid(child, "InvalidContact", "an email address", "write e.g. `podcast@example.com`", out);
            }
            "name" => too_long(child, 255, out),
            _ => {}
        }
    }
    if el.child(ITUNES_NS, "email").is_none() {
        out.error(
            "MissingElement",
            el.pos,
            format!("missing `{}` element: `itunes:email`", el.qname),
            "add an `<itunes:email>`",
        );
    }
}

/// `itunes:category`: a `text` attribute naming one of Apple's categories
/// (InvalidItunesCategory; a retired one is ObsoleteItunesCategory), and
/// subcategories of that category.
fn category(el: &Element, out: &mut Findings) {
    let Some(text) = el.attr("text") else {
        missing_attr(el, "text", out);
        return;
    };
    let listed =
        |table: &[(&str, &'static [&'static str])]| table.iter().find(|(name, _)| *name == text).map(|(_, subs)| *subs);
    category_name(
        el,
        text,
        VALID_ITUNES_CATEGORIES.iter().any(|(n, _)| *n == text),
        OLD_ITUNES_CATEGORIES.iter().any(|(n, _)| *n == text),
        out,
    );
    let (new_subs, old_subs) =
        (listed(VALID_ITUNES_CATEGORIES).unwrap_or(&[]), listed(OLD_ITUNES_CATEGORIES).unwrap_or(&[]));
    for sub in el.children_named(ITUNES_NS, "category") {
        match sub.attr("text") {
            None => missing_attr(sub, "text", out),
            Some(name) => category_name(sub, name, new_subs.contains(&name), old_subs.contains(&name), out),
        }
    }
}

fn category_name(el: &Element, text: &str, current: bool, retired: bool, out: &mut Findings) {
    if current {
        return;
    }
    let hint = "use a category from Apple's list (https://podcasters.apple.com/support/1691-apple-podcasts-categories)";
    if retired {
        out.warning("ObsoleteItunesCategory", el.pos, format!("`itunes:category` `{text}` is no longer used"), hint);
    } else {
        out.error("InvalidItunesCategory", el.pos, format!("`{text}` is not an iTunes category here"), hint);
    }
}

/// `itunes.py`'s duration: `\d+(:[0-5][0-9](:[0-5][0-9])?)?`.
fn duration(value: &str) -> bool {
    let mut parts = value.split(':');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest.len() <= 2
        && rest.iter().all(|p| {
            p.len() == 2
                && p.as_bytes()[0].is_ascii_digit()
                && p.as_bytes()[0] <= b'5'
                && p.as_bytes()[1].is_ascii_digit()
        })
}

/// `httpURL`: `http(s)://host[:port]` then `/` or the end.
fn http_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://")) else { return false };
    let host_port = rest.split('/').next().unwrap_or("");
    let host = host_port.split(':').next().unwrap_or("");
    host.contains('.')
        && host
            .split('.')
            .all(|label| !label.is_empty() && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

fn too_long(el: &Element, max: usize, out: &mut Findings) {
    let len = el.value().chars().count();
    if len > max {
        out.error(
            "TooLong",
            el.pos,
            format!("`{}` is {len} characters long, more than {max}", el.qname),
            format!("shorten it to at most {max} characters"),
        );
    }
}

fn coordinate(el: &Element, limit: f64, code: &'static str, out: &mut Findings) {
    if !el.value().parse::<f64>().is_ok_and(|v| (-limit..=limit).contains(&v)) {
        invalid(el, code, &format!("a number from -{limit} to {limit}"), "write decimal degrees, e.g. `48.85`", out);
    }
}

fn non_negative(el: &Element, out: &mut Findings) {
    if values::non_negative_integer(el.value()).is_none() {
        invalid(el, "InvalidNonNegativeInteger", "a non-negative integer", "write a whole number", out);
    }
}

/// `rfc2396_full`: an absolute URI.
fn full_uri(el: &Element, out: &mut Findings) {
    if let Err(bad) = values::uri(el.value(), UriKind::FullUri, "InvalidFullLink") {
        out.error(
            bad.code,
            el.pos,
            format!("`{}`: {}", el.qname, bad.reason),
            "write an absolute URL such as `https://example.com/page`",
        );
    }
}

fn invalid(el: &Element, code: &'static str, expected: &str, hint: &str, out: &mut Findings) {
    out.error(code, el.pos, format!("`{}` must be {expected}, not `{}`", el.qname, el.text), hint);
}

/// An element its vocabulary does not define here.
fn undefined(parent: &Element, child: &Element, out: &mut Findings) {
    shared::undefined(
        parent,
        child,
        "this element is not defined here; check the spelling and where it is placed",
        out,
    );
}

/// `valid_itunes_categories` of itunes.py: (category, subcategories), the
/// table the podcast writer holds its categories to.
const VALID_ITUNES_CATEGORIES: &[(&str, &[&str])] = crate::model::podcast::APPLE_CATEGORIES;
/// `old_itunes_categories` of itunes.py: (category, subcategories).
const OLD_ITUNES_CATEGORIES: &[(&str, &[&str])] = &[
    ("Arts", &["Literature"]),
    (
        "Arts & Entertainment",
        &[
            "Architecture",
            "Design",
            "Entertainment",
            "Games",
            "Performing Arts",
            "Photography",
            "Poetry",
            "Science Fiction",
        ],
    ),
    ("Audio Blogs", &[]),
    ("Business", &["Careers", "Finance", "Investing", "Management & Marketing", "News", "Shopping"]),
    ("Comedy", &[]),
    ("Education", &["Education Technology", "Higher Education", "K-12", "Language Courses", "Training"]),
    ("Family", &[]),
    ("Food", &[]),
    ("Games & Hobbies", &["Automotive", "Aviation", "Hobbies", "Other Games", "Video Games"]),
    ("Government & Organizations", &["Local", "National", "Non-Profit", "Regional"]),
    (
        "Health",
        &[
            "Alternative Health",
            "Diet & Nutrition",
            "Fitness",
            "Fitness & Nutrition",
            "Relationships",
            "Self-Help",
            "Sexuality",
        ],
    ),
    (
        "International",
        &[
            "Australian",
            "Belgian",
            "Brazilian",
            "Canadian",
            "Chinese",
            "Dutch",
            "French",
            "German",
            "Hebrew",
            "Italian",
            "Japanese",
            "Norwegian",
            "Polish",
            "Portuguese",
            "Spanish",
            "Swedish",
        ],
    ),
    ("Movies & Television", &[]),
    ("News & Politics", &[]),
    ("Politics", &[]),
    ("Public Radio", &[]),
    (
        "Religion & Spirituality",
        &["Buddhism", "Christianity", "Islam", "Judaism", "New Age", "Philosophy", "Other", "Spirituality"],
    ),
    ("Science & Medicine", &["Medicine", "Natural Sciences", "Social Sciences"]),
    ("Society & Culture", &["History"]),
    ("Sports & Recreation", &["Amateur", "College & High School", "Outdoor", "Professional"]),
    ("Talk Radio", &[]),
    (
        "Technology",
        &[
            "Computers",
            "Developers",
            "Gadgets",
            "Information Technology",
            "News",
            "Operating Systems",
            "Podcasting",
            "Smart Phones",
            "Software How-To",
            "Tech News",
            "Text/Speech",
        ],
    ),
    ("Transportation", &["Automotive", "Aviation", "Bicycles", "Commuting"]),
    ("Travel", &[]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_the_w3c_reads_them() {
        for ok in ["0", "3600", "59:59", "1:02:03", "100:00"] {
            assert!(duration(ok), "{ok}");
        }
        for bad in ["", "1:2", "1:60", "1:02:03:04", "1.5", " 12"] {
            assert!(!duration(bad), "{bad}");
        }
    }

    #[test]
    fn http_urls() {
        assert!(http_url("https://example.com/a.png"));
        assert!(http_url("http://cdn.example.com:8080"));
        assert!(!http_url("/a.png"));
        assert!(!http_url("ftp://example.com/a.png"));
    }
}

//! Media RSS (`http://search.yahoo.com/mrss/`), as the W3C Feed Validation
//! Service checks it (`media.py`): `media:content` attributes, thumbnails,
//! players, titles, hashes, ratings, restrictions, credits, and groups of
//! alternatives. Used by `ext` for media elements of a channel, item, feed
//! or entry; uses `finding`, `values` and `xml` only.

use super::finding::Findings;
use super::shared::{self, missing_attr};
use super::values::{self, UriKind};
use super::xml::Element;

pub(crate) const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";

/// Judges the media element `el` (below `parent`); `top` when `parent` is a
/// channel, item, feed or entry (where `media:content` and `media:group`
/// may appear only below items and entries, or in a group).
pub(crate) fn judge(parent: &Element, el: &Element, item_level: bool, out: &mut Findings) {
    match el.local.as_str() {
        "adult" => {
            out.warning("DeprecatedMediaAdult", el.pos, "`media:adult` is deprecated", "use `media:rating`");
            if !matches!(el.text.to_ascii_lowercase().as_str(), "true" | "false") {
                invalid(el, "InvalidTrueFalse", "must be `true` or `false`", out);
            }
        }
        "category" => attr_uri(el, "scheme", out),
        "copyright" => attr_uri(el, "url", out),
        "credit" => credit(el, out),
        "description" | "title" => text_type(el, out),
        "keywords" => {}
        "hash" => hash(el, out),
        "player" => {
            required_uri(el, out);
            positive(el, &["height", "width"], out);
        }
        "thumbnail" => {
            npt(el, &["time"], out);
            required_uri(el, out);
            positive(el, &["height", "width"], out);
        }
        "rating" => rating(el, out),
        "restriction" => restriction(el, out),
        "text" => {
            npt(el, &["start", "end"], out);
            text_type(el, out);
        }
        "content" if item_level => content(el, out),
        "group" if item_level => group(el, out),
        _ => undefined(parent, el, out),
    }
}

/// Media elements that may appear once in their parent.
pub(crate) fn single(local: &str) -> bool {
    matches!(local, "adult" | "copyright" | "description" | "title")
}

/// DuplicateElement for the second of a single media element in a group or
/// a `media:content` (`ext::duplicates` does channels and items).
fn duplicates(parent: &Element, out: &mut Findings) {
    let mut seen = std::collections::HashSet::new();
    for child in parent.children.iter().filter(|c| c.ns == MEDIA_NS && single(&c.local)) {
        if !seen.insert(child.local.as_str()) {
            out.error(
                "DuplicateElement",
                child.pos,
                format!("`{}` contains more than one `{}`", parent.qname, child.qname),
                "keep only one",
            );
            return;
        }
    }
}

fn group(el: &Element, out: &mut Findings) {
    duplicates(el, out);
    let mut contents = 0;
    for child in &el.children {
        if child.ns == MEDIA_NS {
            contents += usize::from(child.local == "content");
            judge(el, child, child.local == "content", out);
        }
    }
    if contents < 2 {
        out.error(
            "MediaGroupWithoutAlternatives",
            el.pos,
            "`media:group` must hold at least two `media:content` alternatives",
            "use a lone `media:content` outside a group",
        );
    }
}

fn content(el: &Element, out: &mut Findings) {
    for name in ["bitrate", "duration", "framerate", "samplingrate"] {
        if let Some(value) = el.attr(name)
            && !value.starts_with(|c: char| c.is_ascii_digit())
        {
            attr_invalid(el, "InvalidFloat", name, value, out);
        }
    }
    if let Some(value) = el.attr("channels")
        && values::non_negative_integer(value.trim()).is_none()
    {
        attr_invalid(el, "InvalidNonNegativeInteger", "channels", value, out);
    }
    positive(el, &["fileSize", "height", "width"], out);
    let checks: [(&str, &[&str], &'static str); 2] = [
        ("expression", &["sample", "full", "nonstop"], "InvalidMediaExpression"),
        ("medium", &["image", "audio", "video", "document", "executable"], "InvalidMediaMedium"),
    ];
    for (name, allowed, code) in checks {
        if let Some(value) = el.attr(name)
            && !value.is_empty()
            && !allowed.contains(&value)
        {
            attr_invalid(el, code, name, value, out);
        }
    }
    if let Some(value) = el.attr("isDefault")
        && !value.is_empty()
        && !matches!(value.to_ascii_lowercase().as_str(), "true" | "false")
    {
        attr_invalid(el, "InvalidTrueFalse", "isDefault", value, out);
    }
    if let Some(value) = el.attr("lang")
        && !value.is_empty()
        && !values::language(value)
    {
        attr_invalid(el, "InvalidLanguage", "lang", value, out);
    }
    if let Some(value) = el.attr("type")
        && !value.is_empty()
        && !values::mime_type(value)
    {
        attr_invalid(el, "InvalidMIMEAttribute", "type", value, out);
    }
    attr_uri(el, "url", out);
    duplicates(el, out);
    for child in el.children.iter().filter(|c| c.ns == MEDIA_NS) {
        judge(el, child, false, out);
    }
}

fn text_type(el: &Element, out: &mut Findings) {
    if let Some(kind) = el.attr("type")
        && !matches!(kind, "plain" | "html")
    {
        attr_invalid(el, "InvalidMediaTextType", "type", kind, out);
    }
    if let Some(lang) = el.attr("lang")
        && el.local == "text"
        && !values::language(lang)
    {
        attr_invalid(el, "InvalidLanguage", "lang", lang, out);
    }
}

fn credit(el: &Element, out: &mut Findings) {
    let scheme = el.attr("scheme").unwrap_or("urn:ebu");
    if let Some(role) = el.attr("role")
        && !role.is_empty()
        && ((scheme == "urn:ebu" && !EBU_ROLES.contains(&role)) || role != role.to_lowercase())
    {
        attr_invalid(el, "InvalidCreditRole", "role", role, out);
    }
    if scheme != "urn:ebu" {
        full_uri(el, "scheme", scheme, out);
    }
}

fn hash(el: &Element, out: &mut Findings) {
    let algo = el.attr("algo");
    if let Some(algo) = algo
        && !matches!(algo, "md5" | "sha-1")
    {
        attr_invalid(el, "InvalidMediaHash", "algo", algo, out);
    }
    let value = el.value();
    let want = if algo == Some("sha-1") { 40 } else { 32 };
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_alphanumeric()) || value.len() != want {
        invalid(el, "InvalidMediaHash", &format!("must be {want} hexadecimal digits"), out);
    }
}

fn rating(el: &Element, out: &mut Findings) {
    let scheme = el.attr("scheme").unwrap_or("urn:simple");
    let value = el.text.as_str();
    let ok = match scheme {
        "urn:simple" => matches!(value, "adult" | "nonadult"),
        "urn:mpaa" => matches!(value, "g" | "m" | "nc-17" | "pg" | "pg-13" | "r" | "x"),
        "urn:v-chip" => matches!(
            value,
            "14+"
                | "18+"
                | "c"
                | "c8"
                | "g"
                | "pg"
                | "tv-14"
                | "tv-g"
                | "tv-ma"
                | "tv-pg"
                | "tv-y"
                | "tv-y7"
                | "tv-y7-fv"
        ),
        // The ICRA label grammar is long; labels are rare and retired.
        "urn:icra" => value.starts_with("r (") && value.ends_with(')'),
        other => {
            full_uri(el, "scheme", other, out);
            true
        }
    };
    if !ok {
        invalid(el, "InvalidMediaRating", &format!("is not a `{scheme}` rating"), out);
    }
}

fn restriction(el: &Element, out: &mut Findings) {
    match el.attr("relationship") {
        None | Some("") => missing_attr(el, "relationship", out),
        Some("allow" | "deny") => {}
        Some(other) => attr_invalid(el, "InvalidMediaRestrictionRel", "relationship", other, out),
    }
    match el.attr("type").filter(|t| !t.is_empty()) {
        None if !el.text.is_empty() && !matches!(el.text.as_str(), "all" | "none") => {
            invalid(el, "InvalidMediaRestriction", "must be `all` or `none` without a `type`", out);
        }
        None | Some("country") => {}
        Some("uri") => full_uri(el, "value", el.text.trim(), out),
        Some(other) => attr_invalid(el, "InvalidMediaRestrictionType", "type", other, out),
    }
}

/// A `url` attribute, required, an absolute URI.
fn required_uri(el: &Element, out: &mut Findings) {
    match el.attr("url") {
        None | Some("") => missing_attr(el, "url", out),
        Some(_) => attr_uri(el, "url", out),
    }
}

fn attr_uri(el: &Element, name: &str, out: &mut Findings) {
    if let Some(value) = el.attr(name).filter(|v| !v.is_empty()) {
        full_uri(el, name, value, out);
    }
}

fn full_uri(el: &Element, name: &str, value: &str, out: &mut Findings) {
    if let Err(bad) = values::uri(value, UriKind::FullUri, "InvalidFullLink") {
        out.error(
            bad.code,
            el.pos,
            format!("`{name}` of `{}`: {}", el.qname, bad.reason),
            "write an absolute URL such as `https://example.com/video.mp4`",
        );
    }
}

fn positive(el: &Element, names: &[&str], out: &mut Findings) {
    for name in names {
        if let Some(value) = el.attr(name).filter(|v| !v.is_empty())
            && values::non_negative_integer(value.trim()).is_none_or(|n| n == 0)
        {
            attr_invalid(el, "InvalidPositiveInteger", name, value, out);
        }
    }
}

/// Normal Play Time, as `media.py` matches it: `now` or a digit first.
fn npt(el: &Element, names: &[&str], out: &mut Findings) {
    for name in names {
        if let Some(value) = el.attr(name).filter(|v| !v.is_empty())
            && !(value.starts_with("now") || value.starts_with(|c: char| c.is_ascii_digit()))
        {
            attr_invalid(el, "InvalidNPTTime", name, value, out);
        }
    }
}

fn attr_invalid(el: &Element, code: &'static str, name: &str, value: &str, out: &mut Findings) {
    out.error(
        code,
        el.pos,
        format!("invalid `{name}` attribute of `{}`: `{value}`", el.qname),
        "see the Media RSS specification (https://www.rssboard.org/media-rss)",
    );
}

fn invalid(el: &Element, code: &'static str, what: &str, out: &mut Findings) {
    out.error(
        code,
        el.pos,
        format!("`{}` {what}, not `{}`", el.qname, el.text),
        "see the Media RSS specification (https://www.rssboard.org/media-rss)",
    );
}

/// An element its vocabulary does not define here.
fn undefined(parent: &Element, child: &Element, out: &mut Findings) {
    shared::undefined(parent, child, "this Media RSS element is not defined here", out);
}

/// `media_credit.EBU` of media.py: the roles of the default `urn:ebu` scheme.
const EBU_ROLES: &[&str] = &[
    "actor",
    "adaptor",
    "anchor person",
    "animal trainer",
    "animator",
    "announcer",
    "armourer",
    "art director",
    "artist/performer",
    "assistant camera",
    "assistant chief lighting technician",
    "assistant director",
    "assistant producer",
    "assistant visual editor",
    "author",
    "broadcast assistant",
    "broadcast journalist",
    "camera operator",
    "carpenter",
    "casting",
    "causeur",
    "chief lighting technician",
    "choir",
    "choreographer",
    "clapper loader",
    "commentary or commentator",
    "commissioning broadcaster",
    "composer",
    "computer programmer",
    "conductor",
    "consultant",
    "continuity checker",
    "correspondent",
    "costume designer",
    "dancer",
    "dialogue coach",
    "director",
    "director of photography",
    "distribution company",
    "draughtsman",
    "dresser",
    "dubber",
    "editor/producer",
    "editor",
    "editor",
    "ensemble",
    "executive producer",
    "expert",
    "fight director",
    "floor manager",
    "focus puller",
    "foley artist",
    "foley editor",
    "foley mixer",
    "graphic assistant",
    "graphic designer",
    "greensman",
    "grip",
    "hairdresser",
    "illustrator",
    "interviewed guest",
    "interviewer",
    "key character",
    "key grip",
    "key talents",
    "leadman",
    "librettist",
    "lighting director",
    "lighting technician",
    "location manager",
    "lyricist",
    "make up artist",
    "manufacturer",
    "matte artist",
    "music arranger",
    "music group",
    "musician",
    "news reader",
    "orchestra",
    "participant",
    "photographer",
    "post",
    "producer",
    "production assistant",
    "production company",
    "production department",
    "production manager",
    "production secretary",
    "programme production researcher",
    "property manager",
    "publishing company",
    "puppeteer",
    "pyrotechnician",
    "reporter",
    "rigger",
    "runner",
    "scenario",
    "scenic operative",
    "script supervisor",
    "second assistant camera",
    "second assistant director",
    "second unit director",
    "set designer",
    "set dresser",
    "sign language",
    "singer",
    "sound designer",
    "sound mixer",
    "sound recordist",
    "special effects",
    "stunts",
    "subtitles",
    "technical director",
    "term",
    "translation",
    "transportation manager",
    "treatment/programme proposal",
    "vision mixer",
    "visual editor",
    "visual effects",
    "wardrobe",
    "witness",
    "artist",
    "performer",
    "editor",
    "producer",
    "treatment",
    "treatment proposal",
    "programme proposal",
];

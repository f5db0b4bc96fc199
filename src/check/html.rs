//! HTML carried inside feeds (RSS `description`, `content:encoded`, Atom
//! `type="html"` and `type="xhtml"`): what readers will mangle or that is
//! unsafe. A tolerant tag scanner, not an HTML parser: it reads tags and
//! attributes and never fails.
//!
//! W3C messages (all warnings): SecurityRisk, SecurityRiskAttr,
//! DangerousStyleAttr, ContainsRelRef, NotHtml, each with its `hint`; plus
//! `looks_like_html` for ContainsHTML / ContainsUndeclaredHTML.
//!
//! Owns the HTML tag and attribute tables and `KnownClean`. Works on plain
//! strings: it uses only `values` (URI schemes) and knows nothing of XML,
//! JSON, positions or `Findings` (`finding` turns its issues into findings).

use super::values;

/// HTML values already inspected and found clean, by 128-bit hash. A build
/// knows every entry's content before it writes three feeds carrying it:
/// inspecting each once, on every core, saves inspecting it again in each
/// feed's check. Only values with no issue at all are listed (an issue
/// depends on context, such as `xml:base`; no issue holds in any context).
#[derive(Debug, Default)]
pub(crate) struct KnownClean(std::collections::HashSet<u128>);

impl KnownClean {
    /// `html`'s fingerprint if it has no issue, for `KnownClean::from_iter`.
    pub(crate) fn fingerprint_if_clean(html: &str) -> Option<u128> {
        inspect(html, false).is_empty().then(|| xxhash_rust::xxh3::xxh3_128(html.as_bytes()))
    }

    pub(crate) fn contains(&self, html: &str) -> bool {
        !self.0.is_empty() && self.0.contains(&xxhash_rust::xxh3::xxh3_128(html.as_bytes()))
    }
}

impl FromIterator<u128> for KnownClean {
    fn from_iter<I: IntoIterator<Item = u128>>(fingerprints: I) -> Self {
        KnownClean(fingerprints.into_iter().collect())
    }
}

/// A finding inside one HTML value: W3C code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlIssue {
    pub(crate) code: &'static str,
    pub(crate) message: String,
}

/// Tags the W3C flags as dangerous (SecurityRisk).
const RISKY_TAGS: &[&str] = &[
    "applet",
    "comment",
    "embed",
    "frame",
    "frameset",
    "iframe",
    "link",
    "listing",
    "meta",
    "noscript",
    "object",
    "plaintext",
    "script",
    "xmp",
];

/// The W3C's allow-list of HTML attributes; anything else is SecurityRiskAttr
/// (`style` is judged by its content instead: DangerousStyleAttr). Three
/// harmless attributes of modern responsive images (`sizes`, `loading`,
/// `decoding`) are added: the list predates them, and flagging them would
/// only teach users to ignore the warning. So are the media attributes
/// feedwright keeps on `video`, `audio` and `track` (`controls`, `poster`,
/// `kind`, `srclang`, …, never `autoplay`): the W3C validator dropped its
/// list in 2022 (w3c/feedvalidator 0b130bd) and now flags only `on…`
/// event handlers, and `video`, `audio`, `source` and `track` are among
/// its acceptable elements.
const SAFE_ATTRS: &[&str] = &[
    "abbr",
    "accept",
    "accept-charset",
    "accesskey",
    "action",
    "align",
    "alt",
    "axis",
    "border",
    "cellpadding",
    "cellspacing",
    "char",
    "charoff",
    "charset",
    "checked",
    "cite",
    "class",
    "clear",
    "color",
    "cols",
    "colspan",
    "compact",
    "controls",
    "coords",
    "datetime",
    "decoding",
    "default",
    "dir",
    "disabled",
    "enctype",
    "for",
    "frame",
    "headers",
    "height",
    "href",
    "hreflang",
    "hspace",
    "id",
    "ismap",
    "kind",
    "label",
    "lang",
    "loading",
    "longdesc",
    "loop",
    "maxlength",
    "media",
    "method",
    "multiple",
    "muted",
    "name",
    "nohref",
    "noshade",
    "nowrap",
    "playsinline",
    "poster",
    "preload",
    "prompt",
    "readonly",
    "rel",
    "rev",
    "rows",
    "rowspan",
    "rules",
    "scope",
    "selected",
    "shape",
    "size",
    "sizes",
    "span",
    "src",
    "srclang",
    "srcset",
    "start",
    "style",
    "summary",
    "tabindex",
    "target",
    "title",
    "type",
    "usemap",
    "valign",
    "value",
    "vspace",
    "width",
    "xml:lang",
];

/// HTML element names (HTML 4 and HTML5); others are NotHtml.
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "basefont",
    "bdi",
    "bdo",
    "big",
    "blink",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "comment",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "listing",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "menu",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "plaintext",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "xmp",
];

/// Attributes whose value is a URL that readers resolve.
const URL_ATTRS: &[&str] = &["href", "src", "cite", "longdesc", "action", "background", "poster", "usemap"];

/// One tag as scanned: lowercased name and attributes.
struct Tag<'a> {
    name: String,
    attrs: Vec<(String, &'a str)>,
}

/// Scans `html` and reports every issue once per code and detail.
/// `has_base` says whether an absolute `xml:base` is in scope, which makes
/// relative references resolvable.
pub(crate) fn inspect(html: &str, has_base: bool) -> Vec<HtmlIssue> {
    let mut issues: Vec<HtmlIssue> = Vec::new();
    let mut add = |code: &'static str, message: String| {
        if !issues.iter().any(|i| i.code == code && i.message == message) {
            issues.push(HtmlIssue { code, message });
        }
    };
    let mut rest = html;
    // memchr, not `str::find`: the hottest loop of `check` on HTML-heavy
    // feeds, and its speed should not depend on what LLVM chooses to inline.
    while let Some(at) = memchr::memchr(b'<', rest.as_bytes()) {
        let after = &rest[at + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let closing = after.starts_with('/');
        let name_start = if closing { &after[1..] } else { after };
        if !name_start.starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest = after;
            continue;
        }
        let Some((tag, consumed)) = scan_tag(name_start) else {
            add("NotHtml", "a tag is not closed with `>` (truncated HTML?)".to_owned());
            break;
        };
        rest = &name_start[consumed..];
        if !tag.name.contains(':') && HTML_TAGS.binary_search(&tag.name.as_str()).is_err() {
            add("NotHtml", format!("`<{}>` is not an HTML element", tag.name));
        }
        if closing {
            continue;
        }
        if RISKY_TAGS.contains(&tag.name.as_str()) {
            add("SecurityRisk", format!("`<{}>` is potentially dangerous", tag.name));
        }
        for (name, value) in &tag.attrs {
            if name == "style" {
                let lower = value.to_ascii_lowercase();
                if ["expression", "javascript:", "behavior", "-moz-binding", "url("].iter().any(|p| lower.contains(p)) {
                    add(
                        "DangerousStyleAttr",
                        format!("`style` on `<{}>` contains potentially dangerous content", tag.name),
                    );
                }
            } else if !name.contains(':') && SAFE_ATTRS.binary_search(&name.as_str()).is_err() {
                add("SecurityRiskAttr", format!("`{name}` attribute on `<{}>`", tag.name));
            }
            if URL_ATTRS.contains(&name.as_str()) || name == "srcset" {
                let urls: Vec<&str> = if name == "srcset" {
                    value.split(',').filter_map(|c| c.split_whitespace().next()).collect()
                } else {
                    vec![value.trim()]
                };
                for url in urls {
                    let lower = url.to_ascii_lowercase();
                    if lower.starts_with("javascript:") || lower.starts_with("vbscript:") {
                        add("SecurityRisk", format!("`{name}` on `<{}>` runs script", tag.name));
                    } else if !has_base && is_relative(url) {
                        add("ContainsRelRef", format!("relative URL `{url}` in `{name}`"));
                    }
                }
            }
        }
    }
    issues
}

/// What to do about an issue `inspect` found, by its code.
pub(crate) fn hint(code: &str) -> &'static str {
    match code {
        "ContainsRelRef" => "make every link and image URL absolute (`https://...`)",
        "NotHtml" => "escape plain `<` as `&lt;` in the HTML, and close every tag",
        "DangerousStyleAttr" => "remove `url()`, `expression()` and scripts from inline styles",
        _ => "remove it: readers strip or refuse script, embeds and event handlers",
    }
}

/// A relative reference readers cannot resolve: no scheme and not only a
/// fragment (same-document links work in every reader).
pub(crate) fn is_relative(url: &str) -> bool {
    !url.is_empty() && !url.starts_with('#') && values::scheme(url).is_none()
}

/// Reads `name attr="v" ...>` (after `<` or `</`); returns the tag and the
/// bytes consumed, or `None` when no `>` ends it.
fn scan_tag(s: &str) -> Option<(Tag<'_>, usize)> {
    let name_len = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-')).unwrap_or(s.len());
    let mut tag = Tag { name: s[..name_len].to_ascii_lowercase(), attrs: Vec::new() };
    let bytes = s.as_bytes();
    let mut i = name_len;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        if bytes[i] == b'>' {
            return Some((tag, i + 1));
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let end = bytes[i + 1..].iter().position(|&b| b == quote)? + i + 1;
                value = &s[i + 1..end];
                i = end + 1;
            } else {
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'>')
                    .map_or(bytes.len(), |p| p + i);
                value = &s[i..end];
                i = end;
            }
        }
        if name.is_empty() {
            i += 1;
        } else {
            tag.attrs.push((name, value));
        }
    }
}

/// Whether plain text looks like it holds HTML markup the way the W3C
/// validator decides it (ContainsHTML, ContainsUndeclaredHTML): an end tag
/// of a known HTML element (`</b>`). A lone `<div>` in a title about
/// markup is text, and a start tag alone does not make it HTML.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find("</") {
        let after = &rest[at + 2..];
        let len = after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len());
        let name = after[..len].to_ascii_lowercase();
        if len > 0 && after[len..].trim_start().starts_with('>') && HTML_TAGS.binary_search(&name.as_str()).is_ok() {
            return true;
        }
        rest = &rest[at + 2..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_html_without_any_issue_is_known_clean() {
        // An issue in any context (here a relative link, fine under xml:base)
        // keeps the value out, so its check still runs in context.
        assert_eq!(KnownClean::fingerprint_if_clean("<p><a href=\"/rel\">y</a></p>"), None);
        let clean = "<p><a href=\"https://example.com/\">y</a></p>";
        let known: KnownClean = KnownClean::fingerprint_if_clean(clean).into_iter().collect();
        assert!(known.contains(clean));
        assert!(!known.contains("<p><script>x</script></p>"));
        assert!(!KnownClean::default().contains(clean));
    }

    fn codes(html: &str) -> Vec<&'static str> {
        inspect(html, false).into_iter().map(|i| i.code).collect()
    }

    #[test]
    fn finds_unsafe_and_relative_markup() {
        assert_eq!(codes("<p>Hello <a href=\"https://e.com/\" rel=\"noopener\">x</a></p>"), Vec::<&str>::new());
        assert_eq!(codes("<script>alert(1)</script>"), ["SecurityRisk"]);
        assert_eq!(codes("<img src=\"https://e.com/a.png\" onerror=\"x()\">"), ["SecurityRiskAttr"]);
        assert_eq!(codes("<a href=\"../a.html\">a</a>"), ["ContainsRelRef"]);
        assert_eq!(codes("<a href=\"#fn1\">1</a>"), Vec::<&str>::new());
        assert_eq!(
            codes("<img srcset=\"a.png 1x, https://e.com/b.png 2x\" src=\"https://e.com/a.png\">"),
            ["ContainsRelRef"]
        );
        assert_eq!(
            codes("<p style=\"background: url(javascript:x)\">"),
            ["DangerousStyleAttr", "SecurityRisk"].as_slice()[..1]
        );
        assert_eq!(codes("<blah>x</blah>"), ["NotHtml"]);
        assert_eq!(codes("<p>cut <a href=\"https://e.com/"), ["NotHtml"]);
        assert_eq!(codes("<a href=\"javascript:x()\">x</a>"), ["SecurityRisk"]);
        assert!(inspect("<a href=\"a.html\">a</a>", true).is_empty());
    }

    #[test]
    fn media_as_the_sanitiser_keeps_it_is_clean() {
        let media = "<video width=\"640\" poster=\"https://e.com/p.jpg\" controls=\"\" loop=\"\" muted=\"\" playsinline=\"\" preload=\"none\"><source src=\"https://e.com/a.mp4\" type=\"video/mp4\"><track kind=\"captions\" srclang=\"en\" label=\"English\" default=\"\" src=\"https://e.com/c.vtt\"></video><audio controls=\"\" src=\"https://e.com/a.mp3\"></audio>";
        assert_eq!(codes(media), Vec::<&str>::new());
        assert_eq!(codes("<video autoplay src=\"https://e.com/a.mp4\"></video>"), ["SecurityRiskAttr"]);
    }

    #[test]
    fn tells_html_from_text() {
        assert!(looks_like_html("Tag-like <b>bold</b> text"));
        assert!(looks_like_html("<p>para</p>"));
        assert!(!looks_like_html("Less < and greater > signs"));
        assert!(!looks_like_html("a <= b"));
        assert!(!looks_like_html("Entity-like &amp; text"));
        assert!(!looks_like_html("Why <div> Soup Persists"));
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(SAFE_ATTRS.windows(2).all(|w| w[0] < w[1]));
        assert!(HTML_TAGS.windows(2).all(|w| w[0] < w[1]));
    }
}

//! FeedSync (`http://feedsync.org/2007/feedsync`, "Simple Sharing
//! Extensions"), as the W3C Feed Validation Service checks it (`sse.py`):
//! `sx:sharing` on a channel or feed, `sx:sync` with its `sx:history` on an
//! item or entry. Used by `ext`; uses `finding`, `values` and `xml` only.

use super::finding::Findings;
use super::shared::{self, missing_attr};
use super::values::{self, UriKind};
use super::xml::Element;

pub(crate) const SX_NS: &str = "http://feedsync.org/2007/feedsync";

/// `sx:sharing`: `since` and `until` together, RFC 3339 dates in order;
/// `sx:related` links typed `complete` or `aggregated`.
pub(crate) fn sharing(el: &Element, out: &mut Findings) {
    let (since, until) = (el.attr("since"), el.attr("until"));
    if until.is_some() && since.is_none() {
        missing_attr(el, "since", out);
    }
    if since.is_some() && until.is_none() {
        missing_attr(el, "until", out);
    }
    for name in ["since", "until", "expires"] {
        date(el, name, out);
    }
    if let (Some(since), Some(until)) = (since, until)
        && since > until
    {
        out.error("SinceAfterUntil", el.pos, "`since` is after `until`", "swap the two dates");
    }
    for child in &el.children {
        if !child.is(SX_NS, "related") {
            undefined(el, child, out);
            continue;
        }
        match child.attr("link") {
            None => missing_attr(child, "link", out),
            Some(link) => {
                if let Err(bad) = values::uri(link, UriKind::FullUri, "InvalidFullLink") {
                    out.error(
                        bad.code,
                        child.pos,
                        format!("`link` of `sx:related`: {}", bad.reason),
                        "write an absolute URL",
                    );
                }
            }
        }
        match child.attr("type") {
            None => missing_attr(child, "type", out),
            Some("complete" | "aggregated") => {}
            Some(other) => out.error(
                "InvalidSseType",
                child.pos,
                format!("`type` of `sx:related` must be `complete` or `aggregated`, not `{other}`"),
                "write `complete` or `aggregated`",
            ),
        }
    }
}

/// `sx:sync`: an `id` (a URN namespace-specific string), a positive
/// `updates`, strict true/false flags, and an `sx:history`.
pub(crate) fn sync(el: &Element, out: &mut Findings) {
    for name in ["deleted", "noconflicts"] {
        if let Some(value) = el.attr(name)
            && !matches!(value, "true" | "false")
        {
            attr_error(el, "InvalidTrueFalse", name, value, out);
        }
    }
    match el.attr("id") {
        None => missing_attr(el, "id", out),
        Some(id) => nss(el, "id", id, out),
    }
    uint31(el, "updates", true, out);
    let mut history = false;
    for child in &el.children {
        match (child.ns.as_str(), child.local.as_str()) {
            (SX_NS, "history") => {
                history = true;
                if let Some(by) = child.attr("by") {
                    nss(child, "by", by, out);
                }
                uint31(child, "sequence", true, out);
                date(child, "when", out);
                if child.attr("by").is_none() && child.attr("when").is_none() {
                    out.error(
                        "MissingByAndWhenAttrs",
                        child.pos,
                        "`sx:history` needs a `by` or a `when` attribute",
                        "add `when=\"2026-01-30T18:00:00Z\"` and `by=\"...\"`",
                    );
                }
            }
            // Conflicting versions: whole items or entries, not judged here.
            (SX_NS, "conflicts") => {}
            _ => undefined(el, child, out),
        }
    }
    if !history {
        out.error("MissingElement", el.pos, "missing `sx:sync` element: `sx:history`", "add an `<sx:history>`");
    }
}

/// `rfc2141_nss` of sse.py.
fn nss(el: &Element, name: &str, value: &str, out: &mut Findings) {
    let bytes = value.as_bytes();
    let mut i = 0;
    let mut ok = !value.is_empty();
    while ok && i < bytes.len() {
        if bytes[i] == b'%' {
            ok = bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
            i += 3;
        } else {
            ok = bytes[i].is_ascii_alphanumeric() || b"()+,-.:=@;$_!*'/?#".contains(&bytes[i]);
            i += 1;
        }
    }
    if !ok {
        attr_error(el, "InvalidNSS", name, value, out);
    }
}

/// A positive integer below 2^31 (`UINT31`).
fn uint31(el: &Element, name: &str, required: bool, out: &mut Findings) {
    let Some(value) = el.attr(name) else {
        if required {
            missing_attr(el, name, out);
        }
        return;
    };
    match values::non_negative_integer(value.trim()) {
        Some(n) if n > 2_147_483_647 => attr_error(el, "IntegerOverflow", name, value, out),
        Some(n) if n > 0 => {}
        _ => attr_error(el, "InvalidPositiveInteger", name, value, out),
    }
}

fn date(el: &Element, name: &str, out: &mut Findings) {
    if let Some(value) = el.attr(name)
        && values::rfc3339(value).is_err()
    {
        attr_error(el, "InvalidRFC3339Date", name, value, out);
    }
}

fn attr_error(el: &Element, code: &'static str, name: &str, value: &str, out: &mut Findings) {
    out.error(
        code,
        el.pos,
        format!("invalid `{name}` attribute of `{}`: `{value}`", el.qname),
        "see the FeedSync specification",
    );
}

/// An element its vocabulary does not define here.
fn undefined(parent: &Element, child: &Element, out: &mut Findings) {
    shared::undefined(parent, child, "this FeedSync element is not defined here", out);
}

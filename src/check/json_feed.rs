//! Rules for JSON Feed 1.1 and 1.0, mirroring
//! `tests/fixtures/schemas/jsonfeed-1.1.schema.json` (required members,
//! types, URLs, RFC 3339 dates, language tags, MIME types, extension names)
//! plus what the schema cannot say: unique item ids, `next_url` differing
//! from `feed_url`, unknown members (typos) and the HTML in `content_html`.
//!
//! The W3C validator does not read JSON, so codes reuse its names for the
//! same kinds of problem (MissingElement, InvalidFullLink, ...); JSON syntax
//! errors are `JSONError`.
//!
//! Owns the JSON Feed member tables and rules. Judges `json::Node`s (it
//! never parses) with `values` and `finding`; it shares nothing with the
//! XML side of `check/`.

use std::collections::HashSet;

use super::finding::{Findings, Pos};
use super::json::{self, Node, Value};
use super::values::{self, UriKind, UriNote};

const V1: &str = "https://jsonfeed.org/version/1";
const V1_1: &str = "https://jsonfeed.org/version/1.1";

const TOP: &[&str] = &[
    "version",
    "title",
    "home_page_url",
    "feed_url",
    "description",
    "user_comment",
    "next_url",
    "icon",
    "favicon",
    "author",
    "authors",
    "language",
    "expired",
    "hubs",
    "items",
];
const ITEM: &[&str] = &[
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "author",
    "authors",
    "tags",
    "language",
    "attachments",
];
const AUTHOR: &[&str] = &["name", "url", "avatar"];
const ATTACHMENT: &[&str] = &["url", "mime_type", "title", "size_in_bytes", "duration_in_seconds"];
const HUB: &[&str] = &["type", "url"];

/// Checks a JSON Feed document. Items are checked as they are parsed and
/// dropped (their findings kept apart until the document turns out to be
/// JSON): memory stays near one item, plus the items that come before
/// `version` (which says how to read them).
pub(crate) fn check(bytes: &[u8], out: &mut Findings) {
    let mut item_findings = out.sibling();
    let mut before_version: Vec<Node> = Vec::new();
    let mut ids = HashSet::new();
    let mut on_item = |members: &[(String, Pos, Node)], node: Node| match members
        .iter()
        .find(|(key, _, _)| key == "version")
        .map(|(_, _, v)| v.as_str() == Some(V1))
    {
        Some(v1_0) => checked_item(&node, v1_0, &mut ids, &mut item_findings),
        None => before_version.push(node),
    };
    let parsed = json::parse_streaming_items(bytes, Some(&mut on_item));
    let root = match parsed {
        Ok(root) => root,
        Err(err) => {
            out.error(
                "JSONError",
                err.pos,
                format!("JSON syntax error: {}", err.message),
                "the file is not valid JSON",
            );
            return;
        }
    };
    if !matches!(root.value, Value::Object(_)) {
        out.error("InvalidValue", root.pos, "a JSON Feed is an object", "start the file with `{`");
        return;
    }
    let version = root.get("version").and_then(Node::as_str);
    match (root.get("version"), version) {
        (None, _) => missing(&root, "feed", "version", out),
        (Some(_), Some(V1 | V1_1)) => {}
        (Some(node), _) => out.error(
            "InvalidValue",
            node.pos,
            "invalid value for `version`",
            format!("write `\"version\": \"{V1_1}\"`"),
        ),
    }
    let v1_0 = version == Some(V1);
    members(&root, TOP, "feed", out);
    required_string(&root, "feed", "title", out);
    for key in ["description", "user_comment"] {
        optional_string(&root, key, out);
    }
    for key in ["home_page_url", "feed_url", "next_url", "icon", "favicon"] {
        url(&root, key, out);
    }
    if let (Some(next), Some(feed)) = (root.get("next_url"), root.get("feed_url"))
        && next.as_str().is_some()
        && next.as_str() == feed.as_str()
    {
        out.error(
            "InvalidValue",
            next.pos,
            "`next_url` must differ from `feed_url`",
            "point `next_url` at the next page",
        );
    }
    language(&root, out);
    if let Some(expired) = root.get("expired")
        && !matches!(expired.value, Value::Bool(_))
    {
        wrong_type(expired, "expired", "a boolean", out);
    }
    authors(&root, v1_0, out);
    if let Some(hubs) = root.get("hubs") {
        for hub in array(hubs, "hubs", true, out) {
            if object(hub, "hub", out) {
                members(hub, HUB, "hub", out);
                required_string(hub, "hub", "type", out);
                if hub.get("url").is_none() {
                    missing(hub, "hub", "url", out);
                }
                url(hub, "url", out);
            }
        }
    }
    match root.get("items") {
        None => missing(&root, "feed", "items", out),
        Some(items) => {
            // Streamed items are checked already; these came before `version`
            // (or `items` was no array).
            for item_node in before_version.iter().chain(array(items, "items", false, out)) {
                checked_item(item_node, v1_0, &mut ids, out);
            }
        }
    }
    out.absorb(item_findings);
}

fn checked_item(node: &Node, v1_0: bool, ids: &mut HashSet<String>, out: &mut Findings) {
    if object(node, "item", out) {
        item(node, v1_0, ids, out);
    }
}

/// One item: its members, id, links, content (and its HTML), dates, authors,
/// language, tags and attachments.
fn item(item: &Node, v1_0: bool, ids: &mut HashSet<String>, out: &mut Findings) {
    members(item, ITEM, "item", out);
    item_id(item, v1_0, ids, out);
    for key in ["url", "external_url", "image", "banner_image"] {
        url(item, key, out);
    }
    for key in ["title", "content_html", "content_text", "summary"] {
        optional_string(item, key, out);
    }
    if item.get("content_html").is_none() && item.get("content_text").is_none() {
        out.error(
            "MissingElement",
            item.pos,
            "missing `item` member: `content_html` or `content_text`",
            "add `content_html` or `content_text` (or both)",
        );
    }
    if let Some(html_node) = item.get("content_html")
        && let Some(html_text) = html_node.as_str()
    {
        out.html_warnings(html_text, false, html_node.pos, "content_html");
    }
    dates(item, out);
    authors(item, v1_0, out);
    language(item, out);
    if let Some(tags) = item.get("tags") {
        for tag in array(tags, "tags", false, out) {
            if tag.as_str().is_none() {
                wrong_type(tag, "tags", "a string", out);
            }
        }
    }
    if let Some(attachments) = item.get("attachments") {
        for node in array(attachments, "attachments", true, out) {
            attachment(node, out);
        }
    }
}

/// `id`: present, a string (a number in 1.0), not blank, unique.
fn item_id(item: &Node, v1_0: bool, ids: &mut HashSet<String>, out: &mut Findings) {
    match item.get("id") {
        None => missing(item, "item", "id", out),
        Some(id) => {
            let text = match &id.value {
                Value::String(s) => Some(s.clone()),
                // JSON Feed 1.0 readers coerce numbers; 1.1 says string.
                Value::Number(n) if v1_0 => Some(n.to_string()),
                _ => {
                    wrong_type(id, "id", "a string", out);
                    None
                }
            };
            if let Some(text) = text {
                if text.trim().is_empty() {
                    out.error("InvalidValue", id.pos, "`id` must not be blank", "give every item a unique id");
                } else if !ids.insert(text.clone()) {
                    out.warning(
                        "DuplicateEntries",
                        id.pos,
                        format!("two items with the same id `{text}`"),
                        "give every item its own id",
                    );
                }
            }
        }
    }
}

/// `date_published`, `date_modified`: RFC 3339, plausible.
fn dates(item: &Node, out: &mut Findings) {
    for key in ["date_published", "date_modified"] {
        if let Some(node) = item.get(key) {
            match node.as_str() {
                None => wrong_type(node, key, "a string", out),
                Some(text) => match values::rfc3339(text) {
                    Ok(when) => {
                        if values::implausible(when) {
                            out.warning(
                                "ImplausibleDate",
                                node.pos,
                                format!("implausible date: `{text}`"),
                                "check the clock and the time zone",
                            );
                        }
                    }
                    Err(bad) => out.error(
                        bad.code,
                        node.pos,
                        format!("`{key}` must be an RFC 3339 date-time: {} (`{text}`)", bad.reason),
                        "write e.g. `2026-01-30T18:00:00-08:00`",
                    ),
                },
            }
        }
    }
}

/// One of an item's `attachments`: an object with a `url` and a MIME type.
fn attachment(attachment: &Node, out: &mut Findings) {
    if !object(attachment, "attachment", out) {
        return;
    }
    members(attachment, ATTACHMENT, "attachment", out);
    if attachment.get("url").is_none() {
        missing(attachment, "attachment", "url", out);
    }
    url(attachment, "url", out);
    match attachment.get("mime_type") {
        None => missing(attachment, "attachment", "mime_type", out),
        Some(node) => match node.as_str() {
            Some(mime) if values::mime_type(mime) => {}
            Some(mime) => out.error(
                "InvalidMIMEType",
                node.pos,
                format!("`{mime}` is not a valid MIME type"),
                "write a media type such as `audio/mpeg`",
            ),
            None => wrong_type(node, "mime_type", "a string", out),
        },
    }
    optional_string(attachment, "title", out);
    for key in ["size_in_bytes", "duration_in_seconds"] {
        if let Some(node) = attachment.get(key)
            && !matches!(node.value, Value::Number(n) if n >= 0.0)
        {
            wrong_type(node, key, "a non-negative number", out);
        }
    }
}

/// `authors` (1.1) and the deprecated singular `author` (1.0).
fn authors(parent: &Node, v1_0: bool, out: &mut Findings) {
    let _ = v1_0;
    if let Some(list) = parent.get("authors") {
        for author in array(list, "authors", true, out) {
            person(author, out);
        }
    }
    if let Some(author) = parent.get("author") {
        person(author, out);
    }
}

fn person(author: &Node, out: &mut Findings) {
    if !object(author, "author", out) {
        return;
    }
    members(author, AUTHOR, "author", out);
    if AUTHOR.iter().all(|k| author.get(k).is_none()) {
        out.error(
            "MissingElement",
            author.pos,
            "an author object needs at least one of `name`, `url`, `avatar`",
            "add a `name`",
        );
    }
    optional_string(author, "name", out);
    url(author, "url", out);
    url(author, "avatar", out);
}

/// Unknown members (spec names are fixed; extensions start with `_`).
fn members(node: &Node, known: &[&str], what: &str, out: &mut Findings) {
    let Value::Object(members) = &node.value else { return };
    for (key, pos, value) in members {
        if let Some(name) = key.strip_prefix('_') {
            let ok = name.starts_with(|c: char| c.is_ascii_alphabetic()) && !name.contains('.');
            if !ok {
                out.error(
                    "InvalidValue",
                    *pos,
                    format!("invalid extension name `{key}`"),
                    "extension names are `_` then a letter, without `.`",
                );
            }
            match &value.value {
                Value::Object(inner) => {
                    for (inner_key, inner_pos, _) in inner {
                        if inner_key.contains('.') {
                            out.error(
                                "InvalidValue",
                                *inner_pos,
                                format!("extension member `{inner_key}` contains `.`"),
                                "remove `.` from extension member names",
                            );
                        }
                    }
                }
                _ => wrong_type(value, key, "an object", out),
            }
        } else if !known.contains(&key.as_str()) {
            out.warning(
                "QuestionableUsage",
                *pos,
                format!("undocumented member `{key}` in {what}"),
                "check the spelling; put your own data in an extension such as `_myapp`",
            );
        }
    }
}

fn missing(node: &Node, what: &str, key: &str, out: &mut Findings) {
    out.error("MissingElement", node.pos, format!("missing `{what}` member: `{key}`"), format!("add `\"{key}\"`"));
}

fn wrong_type(node: &Node, key: &str, expected: &str, out: &mut Findings) {
    out.error(
        "InvalidValue",
        node.pos,
        format!("`{key}` must be {expected}, not {}", node.type_name()),
        format!("make `{key}` {expected}"),
    );
}

fn object(node: &Node, what: &str, out: &mut Findings) -> bool {
    let is_object = matches!(node.value, Value::Object(_));
    if !is_object {
        wrong_type(node, what, "an object", out);
    }
    is_object
}

fn array<'a>(node: &'a Node, key: &str, non_empty: bool, out: &mut Findings) -> &'a [Node] {
    match &node.value {
        Value::Array(items) => {
            if non_empty && items.is_empty() {
                out.error(
                    "InvalidValue",
                    node.pos,
                    format!("`{key}` must not be empty"),
                    format!("remove `{key}` or add an entry"),
                );
            }
            items
        }
        _ => {
            wrong_type(node, key, "an array", out);
            &[]
        }
    }
}

fn required_string(node: &Node, what: &str, key: &str, out: &mut Findings) {
    match node.get(key) {
        None => missing(node, what, key, out),
        Some(value) if value.as_str().is_none() => wrong_type(value, key, "a string", out),
        Some(_) => {}
    }
}

fn optional_string(node: &Node, key: &str, out: &mut Findings) {
    if let Some(value) = node.get(key)
        && value.as_str().is_none()
    {
        wrong_type(value, key, "a string", out);
    }
}

fn url(node: &Node, key: &str, out: &mut Findings) {
    let Some(value) = node.get(key) else { return };
    let Some(text) = value.as_str() else {
        wrong_type(value, key, "a string", out);
        return;
    };
    match values::uri(text, UriKind::FullIri, "InvalidFullLink") {
        Ok(UriNote::Fine) => {}
        Ok(UriNote::UnregisteredScheme(scheme)) => out.warning(
            "SchemeNotIANARegistered",
            value.pos,
            format!("URI scheme not IANA registered: `{scheme}`"),
            "use an https URL",
        ),
        Err(bad) => out.error(
            bad.code,
            value.pos,
            format!("`{key}`: {} (`{text}`)", bad.reason),
            "write an absolute URL such as `https://example.com/page`",
        ),
    }
}

fn language(node: &Node, out: &mut Findings) {
    let Some(value) = node.get("language") else { return };
    match value.as_str() {
        Some(lang) if values::language(lang) => {}
        Some(lang) => out.error(
            "InvalidLanguage",
            value.pos,
            format!("`language` must be a language tag, not `{lang}`"),
            "write e.g. `en` or `en-US`",
        ),
        None => wrong_type(value, "language", "a string", out),
    }
}

#[cfg(test)]
mod tests {
    use crate::check::codes;

    const HEAD: &str = r#""version": "https://jsonfeed.org/version/1", "title": "T""#;

    #[test]
    fn items_are_checked_as_they_stream_past_or_after_the_version() {
        // Version first: items checked as parsed; duplicates across them found.
        let doc =
            format!(r#"{{{HEAD}, "items": [{{"id": "a", "content_text": "x"}}, {{"id": "a", "content_text": "y"}}]}}"#);
        assert_eq!(codes(doc.as_bytes()), ["DuplicateEntries@1:112"]);
        // Items before the version: kept until it is known (JSON Feed 1.0
        // allows a number id), then checked the same way.
        let doc = format!(r#"{{"items": [{{"id": 1, "content_text": "x"}}], {HEAD}}}"#);
        assert_eq!(codes(doc.as_bytes()), Vec::<String>::new());
        let doc = doc.replace("version/1\"", "version/1.1\"");
        assert_eq!(codes(doc.as_bytes()), ["InvalidValue@1:19"]);
    }

    #[test]
    fn a_syntax_error_after_bad_items_is_the_only_finding() {
        let doc = format!(r#"{{{HEAD}, "items": [{{"id": ""}}, {{"id": "b""#);
        let found = codes(doc.as_bytes());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("JSONError@"), "{found:?}");
    }
}

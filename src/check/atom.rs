//! Rules for Atom 1.0 (RFC 4287), mirroring
//! `tests/fixtures/schemas/atom.rng` (allowed children, counts, text
//! constructs, attributes), its Schematron annotations (authors, content or
//! alternate link), and the RFC prose and W3C rules the schema cannot
//! express: RFC 3339 dates, IRIs, one alternate link per type and
//! hreflang, summaries for out-of-line content, metadata before entries,
//! duplicate entries, self links and the HTML inside text constructs.
//!
//! Entries are judged as the parser closes them (`entry`), the feed at the
//! end (`finish`).
//!
//! Owns the Atom element tables and every Atom-only rule. Judges
//! `xml::Element`s handed over through `xml::Rules`; never parses, and
//! never uses `rss`: what both formats judge (link attributes, namespaces,
//! ids, HTML) is in `shared`.

use std::collections::HashSet;

use super::ext;
use super::finding::Findings;
use super::html;
use super::shared::{self, ATOM_NS, SeenIds, UnknownNamespaces};
use super::values::{self, UriKind, UriNote};
use super::xml::{self, Element, XML_NS};

const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Registered link relations (RFC 4287 and the IANA registry).
const REGISTERED_RELS: &[&str] = &[
    "about",
    "alternate",
    "appendix",
    "archives",
    "author",
    "bookmark",
    "canonical",
    "chapter",
    "collection",
    "contents",
    "copyright",
    "current",
    "describedby",
    "edit",
    "edit-media",
    "enclosure",
    "first",
    "glossary",
    "help",
    "hub",
    "icon",
    "index",
    "last",
    "latest-version",
    "license",
    "next",
    "next-archive",
    "payment",
    "prev",
    "prev-archive",
    "preview",
    "previous",
    "related",
    "replies",
    "search",
    "section",
    "self",
    "service",
    "start",
    "stylesheet",
    "subsection",
    "up",
    "version-history",
    "via",
    "working-copy",
    "working-copy-of",
];

/// Feed children that may appear at most once.
const FEED_SINGLE: &[&str] = &["generator", "icon", "id", "logo", "rights", "subtitle", "title", "updated"];
const FEED_MULTI: &[&str] = &["author", "category", "contributor", "link"];
const ENTRY_SINGLE: &[&str] = &["content", "id", "published", "rights", "source", "summary", "title", "updated"];
const ENTRY_MULTI: &[&str] = &["author", "category", "contributor", "link"];

/// What the Atom rules remember between entries.
#[derive(Debug, Default)]
pub(crate) struct Rules {
    /// The (id, updated) pairs seen.
    entries: SeenIds,
    first_id: Option<String>,
    all_same_id: bool,
    entry_count: usize,
    unknown_namespaces: UnknownNamespaces,
}

impl xml::Rules for Rules {
    /// Entries (an Atom `entry` right below the root: `feed/entry`) are
    /// judged as they close.
    fn closed(&mut self, element: &Element, ancestors: &[Element], out: &mut Findings) -> bool {
        let is_entry = ancestors.len() == 1 && element.is(ATOM_NS, "entry");
        if is_entry {
            self.entry(element, ancestors, out);
        }
        is_entry
    }

    /// Judges the feed (or a lone entry document) once it is complete.
    fn finish(&mut self, root: &Element, out: &mut Findings) {
        if root.local == "entry" {
            self.entry(root, &[], out);
            return;
        }
        self.children(root, FEED_SINGLE, FEED_MULTI, out);
        common_attrs(root, &[], out);
        required(root, &["id", "title", "updated"], out);
        if !root.children_named(ATOM_NS, "link").any(|l| l.attr("rel") == Some("self")) {
            out.warning(
                "MissingSelf",
                root.pos,
                "missing `atom:link` with `rel=\"self\"`",
                "add `<link rel=\"self\" href=\"FEED URL\" type=\"application/atom+xml\"/>`",
            );
        }
        let mut seen_entry = false;
        for child in &root.children {
            if child.is(ATOM_NS, "entry") {
                seen_entry = true;
            } else if seen_entry && child.ns == ATOM_NS {
                out.error(
                    "MisplacedMetadata",
                    child.pos,
                    format!("`{}` must appear before all entries", child.qname),
                    "move the feed's metadata above the first `<entry>`",
                );
            }
        }
        // The W3C calls it DuplicateIds only past 9 entries; below, each
        // repeat is a DuplicateEntries warning.
        if self.entry_count > 9 && self.all_same_id {
            out.error("DuplicateIds", root.pos, "all entries have the same id", "give every entry its own id");
        }
        duplicate_alternates(root, out);
    }
}

impl Rules {
    /// Judges one `entry` of a feed (`ancestors` is `[feed]`, whose
    /// metadata has been read: it must come before the entries).
    fn entry(&mut self, entry: &Element, ancestors: &[Element], out: &mut Findings) {
        let feed = ancestors.first();
        self.children(entry, ENTRY_SINGLE, ENTRY_MULTI, out);
        common_attrs(entry, &[], out);
        required(entry, &["id", "title", "updated"], out);
        let feed_has_author = feed.is_some_and(|f| f.child(ATOM_NS, "author").is_some());
        let source_has_author = entry.child(ATOM_NS, "source").is_some_and(|s| s.child(ATOM_NS, "author").is_some());
        if entry.child(ATOM_NS, "author").is_none() && !feed_has_author && !source_has_author {
            out.error(
                "MissingElement",
                entry.pos,
                "missing `entry` element: `author`",
                "add an `<author><name>...</name></author>` to the entry or to the feed",
            );
        }
        let content = entry.child(ATOM_NS, "content");
        let has_alternate =
            entry.children_named(ATOM_NS, "link").any(|l| matches!(l.attr("rel"), None | Some("alternate")));
        if content.is_none() && !has_alternate {
            out.error(
                "MissingContentOrAlternate",
                entry.pos,
                "missing content or alternate link",
                "add a `<content>` or a `<link rel=\"alternate\" href=\"...\"/>`",
            );
        }
        if let Some(content) = content {
            let kind = content.attr("type").unwrap_or("text");
            let out_of_line = content.attr("src").is_some();
            let binary = !out_of_line && !matches!(kind, "text" | "html" | "xhtml") && !is_textual_mime(kind);
            if (out_of_line || binary) && entry.child(ATOM_NS, "summary").is_none() {
                out.error(
                    "MissingSummary",
                    entry.pos,
                    "missing summary: the content is not inline text",
                    "add a `<summary>`",
                );
            }
        }
        let id = entry.child(ATOM_NS, "id").map(|e| e.value().to_owned()).unwrap_or_default();
        let updated = entry.child(ATOM_NS, "updated").map(|e| e.value().to_owned()).unwrap_or_default();
        if !id.is_empty() {
            self.entry_count += 1;
            match &self.first_id {
                None => {
                    self.first_id = Some(id.clone());
                    self.all_same_id = true;
                }
                Some(first) => self.all_same_id &= *first == id,
            }
            if !self.entries.first_time(&format!("{id}\u{0}{updated}")) {
                let at = entry.child(ATOM_NS, "id").map_or(entry.pos, |e| e.pos);
                out.warning(
                    "DuplicateEntries",
                    at,
                    format!("two entries with the same id `{id}` (and the same `updated`)"),
                    "give every entry its own id, or a new `updated` when it changes",
                );
            }
        }
        duplicate_alternates(entry, out);
    }

    /// Allowed children, counts, and each child's value.
    fn children(&mut self, parent: &Element, single: &[&str], multi: &[&str], out: &mut Findings) {
        ext::duplicates(parent, out);
        let mut seen: HashSet<&str> = HashSet::new();
        for child in &parent.children {
            if child.ns != ATOM_NS {
                self.extension(parent, child, out);
                continue;
            }
            let name = child.local.as_str();
            let entry_here = name == "entry" && parent.local == "feed";
            if !single.contains(&name) && !multi.contains(&name) && !entry_here {
                undefined(parent, child, out);
                continue;
            }
            if single.contains(&name) && !seen.insert(name) {
                out.error(
                    "DuplicateElement",
                    child.pos,
                    format!("`{}` contains more than one `{}`", parent.qname, child.qname),
                    "keep only one",
                );
            }
            if child.detached {
                continue;
            }
            self.value(child, out);
        }
    }

    fn extension(&mut self, parent: &Element, child: &Element, out: &mut Findings) {
        if child.ns.is_empty() {
            // The W3C treats an un-namespaced element as an extension of
            // unknown vocabulary: a warning, not UndefinedElement.
            out.warning(
                "UndeterminableVocabulary",
                child.pos,
                format!("missing namespace for `{}`", child.qname),
                "put extension elements in their own namespace (`xmlns:x=\"...\"`)",
            );
        } else if !ext::judge(parent, child, out) {
            self.unknown_namespaces.check(&child.ns, child.pos, out);
        }
    }

    fn value(&mut self, el: &Element, out: &mut Findings) {
        match el.local.as_str() {
            "title" | "subtitle" | "rights" | "summary" => text_construct(el, out),
            "content" => content(el, out),
            "updated" | "published" => {
                common_attrs(el, &[], out);
                no_children(el, out);
                no_whitespace(el, out);
                match values::rfc3339(el.value()) {
                    Ok(when) => {
                        if values::implausible(when) {
                            out.warning(
                                "ImplausibleDate",
                                el.pos,
                                format!("implausible date: `{}`", el.value()),
                                "check the clock and the time zone",
                            );
                        }
                    }
                    Err(bad) => out.error(
                        bad.code,
                        el.pos,
                        format!("`{}` must be an RFC 3339 date-time: {} (`{}`)", el.qname, bad.reason, el.value()),
                        "write e.g. `2026-01-30T18:00:00-08:00`",
                    ),
                }
            }
            "id" => {
                common_attrs(el, &[], out);
                no_children(el, out);
                no_whitespace(el, out);
                iri(el, el.value(), UriKind::FullIri, "`id`", out);
                non_canonical(el, out);
            }
            "icon" | "logo" => {
                common_attrs(el, &[], out);
                no_children(el, out);
                no_whitespace(el, out);
                iri(el, el.value(), UriKind::IriRef, &format!("`{}`", el.qname), out);
            }
            "link" => link(el, out),
            "category" => {
                common_attrs(el, &["term", "scheme", "label"], out);
                if el.attr("term").is_none() {
                    out.error("MissingAttribute", el.pos, "missing `category` attribute: `term`", "add `term=\"...\"`")
                }
                if let Some(scheme) = el.attr("scheme") {
                    iri(el, scheme, UriKind::FullIri, "`scheme` attribute of `category`", out);
                }
            }
            "author" | "contributor" => person(self, el, out),
            "generator" => {
                common_attrs(el, &["uri", "version"], out);
                no_children(el, out);
                if let Some(uri) = el.attr("uri") {
                    iri(el, uri, UriKind::IriRef, "`uri` attribute of `generator`", out);
                }
            }
            "source" => {
                common_attrs(el, &[], out);
                self.children(el, FEED_SINGLE, FEED_MULTI, out);
                duplicate_alternates(el, out);
            }
            _ => {}
        }
    }
}

fn undefined(parent: &Element, child: &Element, out: &mut Findings) {
    out.error(
        "UndefinedElement",
        child.pos,
        format!("undefined `{}` element: `{}`", parent.qname, child.qname),
        "check the spelling and case; put your own elements in their own namespace",
    );
}

fn required(el: &Element, names: &[&str], out: &mut Findings) {
    for name in names {
        if el.child(ATOM_NS, name).is_none() {
            out.error(
                "MissingElement",
                el.pos,
                format!("missing `{}` element: `{name}`", el.local),
                format!("add an `<{name}>`"),
            );
        }
    }
}

/// `xml:lang`, `xml:base`, and un-namespaced attributes beyond `allowed`.
fn common_attrs(el: &Element, allowed: &[&str], out: &mut Findings) {
    for attr in &el.attrs {
        if attr.ns.is_empty() && !allowed.contains(&attr.local.as_str()) {
            out.error(
                "UnexpectedAttribute",
                el.pos,
                format!("unexpected `{}` attribute on `{}` element", attr.qname, el.qname),
                "check the spelling and case, or remove it",
            );
        } else if attr.ns == XML_NS && attr.local == "lang" && !attr.value.is_empty() && !values::language(&attr.value)
        {
            out.error(
                "InvalidLanguage",
                el.pos,
                format!("`xml:lang` must be an ISO-639 language code, not `{}`", attr.value),
                "write a code such as `en` or `en-US`",
            );
        } else if attr.ns == XML_NS && attr.local == "base" {
            iri(el, &attr.value, UriKind::IriRef, "`xml:base`", out);
        }
    }
}

fn no_children(el: &Element, out: &mut Findings) {
    if let Some(child) = el.children.first() {
        undefined(el, child, out);
    }
}

/// Identifiers, dates and URIs written with spaces around them
/// (UnexpectedWhitespace): readers compare them as written.
fn no_whitespace(el: &Element, out: &mut Findings) {
    if el.text.len() != el.value().len() && !el.value().is_empty() {
        out.error(
            "UnexpectedWhitespace",
            el.pos,
            format!("whitespace around the value of `{}`", el.qname),
            "remove the spaces and line breaks around the value",
        );
    }
}

fn iri(el: &Element, value: &str, kind: UriKind, what: &str, out: &mut Findings) {
    // Values of elements come trimmed (see `no_whitespace`); a space
    // around an attribute's URI is a character a URI cannot hold.
    if value.len() != value.trim().len() {
        out.error(
            "InvalidUriChar",
            el.pos,
            format!("{what}: whitespace around the URI (`{value}`)"),
            "remove the spaces around the URI",
        );
        return;
    }
    let full_code = if kind == UriKind::IriRef { "InvalidIRI" } else { "InvalidFullLink" };
    match values::uri(value.trim(), kind, full_code) {
        Ok(UriNote::Fine) => {}
        Ok(UriNote::UnregisteredScheme(scheme)) => out.warning(
            "SchemeNotIANARegistered",
            el.pos,
            format!("URI scheme not IANA registered: `{scheme}`"),
            "use an http(s), tag: or urn: URI",
        ),
        Err(bad) => out.error(
            bad.code,
            el.pos,
            format!("{what}: {} (`{value}`)", bad.reason),
            "write an absolute URI such as `https://example.com/page`",
        ),
    }
}

/// http(s) ids whose scheme or host is not lower case, or with a default port.
fn non_canonical(el: &Element, out: &mut Findings) {
    let value = el.value();
    let Ok(url) = url::Url::parse(value) else { return };
    if !matches!(url.scheme(), "http" | "https") {
        return;
    }
    let scheme_len = url.scheme().len();
    let authority_end = value[scheme_len + 3..].find('/').map_or(value.len(), |i| i + scheme_len + 3);
    let authority = value.get(scheme_len + 3..authority_end).unwrap_or("");
    let written_scheme = &value[..scheme_len];
    let default_port = (url.scheme() == "http" && authority.ends_with(":80"))
        || (url.scheme() == "https" && authority.ends_with(":443"));
    let uppercase =
        written_scheme.chars().any(|c| c.is_ascii_uppercase()) || authority.chars().any(|c| c.is_ascii_uppercase());
    if default_port || uppercase {
        out.warning(
            "NonCanonicalURI",
            el.pos,
            format!("identifier `{value}` is not in canonical form (it would be `{url}`)"),
            "write ids in canonical form: readers compare them character by character",
        );
    }
}

fn is_textual_mime(kind: &str) -> bool {
    let lower = kind.to_ascii_lowercase();
    lower.starts_with("text/") || lower.ends_with("+xml") || lower.ends_with("/xml")
}

/// Atom text constructs: `type` is text, html or xhtml, and the value
/// matches it.
fn text_construct(el: &Element, out: &mut Findings) {
    common_attrs(el, &["type"], out);
    match el.attr("type").unwrap_or("text") {
        "text" => {
            no_children(el, out);
            if html::looks_like_html(&el.text) {
                out.warning(
                    "ContainsUndeclaredHTML",
                    el.pos,
                    format!("`{}` should not contain HTML unless declared in the type attribute", el.qname),
                    "add `type=\"html\"`, or remove the markup",
                );
            }
        }
        "html" => {
            no_children(el, out);
            shared::html_warnings(el, &el.text, out);
        }
        "xhtml" => xhtml(el, out),
        other => out.error(
            "InvalidTextType",
            el.pos,
            format!("type attribute must be \"text\", \"html\", or \"xhtml\", not `{other}`"),
            "write `type=\"html\"` for escaped HTML",
        ),
    }
}

fn xhtml(el: &Element, out: &mut Findings) {
    let divs: Vec<&Element> = el.children.iter().collect();
    let ok = divs.len() == 1 && divs[0].is(XHTML_NS, "div") && !el.has_text();
    if !ok {
        out.error(
            "MissingXhtmlDiv",
            el.pos,
            format!("missing xhtml:div in `{}`", el.qname),
            "wrap the content in one `<div xmlns=\"http://www.w3.org/1999/xhtml\">`",
        );
    }
    if let Some(div) = divs.first() {
        feed_elements_in_xhtml(div, out);
        let mut markup = String::new();
        serialize(div, &mut markup);
        shared::html_warnings(el, &markup, out);
    }
}

/// Elements of a feed vocabulary the W3C knows (Atom, APP, DC, ...) inside
/// XHTML content are misplaced (UndefinedElement), except within SVG
/// `metadata`; XHTML, SVG and MathML are content.
fn feed_elements_in_xhtml(div: &Element, out: &mut Findings) {
    let mut stack: Vec<&Element> = vec![div];
    while let Some(el) = stack.pop() {
        for child in &el.children {
            let content_ns = matches!(
                child.ns.as_str(),
                XHTML_NS | "http://www.w3.org/2000/svg" | "http://www.w3.org/1998/Math/MathML"
            );
            if !content_ns && shared::is_known_namespace(&child.ns) {
                if el.local != "metadata" {
                    undefined(el, child, out);
                }
                continue;
            }
            stack.push(child);
        }
    }
}

/// Writes an element tree as HTML-ish text for `html::inspect`.
fn serialize(el: &Element, into: &mut String) {
    into.push('<');
    into.push_str(&el.local);
    for attr in &el.attrs {
        into.push(' ');
        into.push_str(&attr.qname);
        into.push_str("=\"");
        into.push_str(&attr.value.replace('"', "&quot;"));
        into.push('"');
    }
    into.push('>');
    for child in &el.children {
        if child.ns == XHTML_NS {
            serialize(child, into);
        }
    }
    into.push_str("</");
    into.push_str(&el.local);
    into.push('>');
}

fn content(el: &Element, out: &mut Findings) {
    common_attrs(el, &["type", "src"], out);
    let kind = el.attr("type").unwrap_or("text");
    if let Some(src) = el.attr("src") {
        if el.attr("type").is_some_and(|t| matches!(t, "text" | "html" | "xhtml")) {
            out.error(
                "InvalidMIMEType",
                el.pos,
                format!("`content` with `src` must have a MIME media type, not `{kind}`"),
                "write the type of what `src` points to, e.g. `type=\"text/html\"`",
            );
        }
        iri(el, src, UriKind::IriRef, "`src` attribute of `content`", out);
        if el.has_text() || !el.children.is_empty() {
            out.error("UnexpectedText", el.pos, "`content` with `src` must be empty", "remove the text, or the `src`");
        }
    }
    match kind {
        "text" | "html" | "xhtml" if el.attr("src").is_none() => text_construct(el, out),
        "text" | "html" | "xhtml" => {}
        mime if !values::mime_type(mime) => out.error(
            "InvalidMIMEAttribute",
            el.pos,
            format!("`type` attribute of `content` must be text, html, xhtml or a MIME type, not `{mime}`"),
            "write `type=\"html\"` for escaped HTML",
        ),
        mime => {
            let xml = mime.ends_with("+xml") || mime.ends_with("/xml");
            if let (Some(child), false) = (el.children.first(), xml) {
                undefined(el, child, out);
            } else if xml && !el.children.is_empty() && el.has_text() {
                out.error(
                    "UnexpectedText",
                    el.pos,
                    format!("text beside the XML element in `{}`", el.qname),
                    "put all of the content inside one root element",
                );
            }
            if el.attr("src").is_none() && !is_textual_mime(mime) {
                let compact: String = el.text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
                let base64 = compact.len().is_multiple_of(4)
                    && compact.trim_end_matches('=').chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/');
                if !base64 {
                    out.error(
                        "NotBase64",
                        el.pos,
                        format!("`content` of type `{mime}` claims to be base64-encoded, but isn't"),
                        "base64-encode binary content",
                    );
                }
            }
        }
    }
}

fn link(el: &Element, out: &mut Findings) {
    common_attrs(el, &["href", "rel", "type", "hreflang", "title", "length"], out);
    if el.has_text() {
        out.warning(
            "AtomLinkNotEmpty",
            el.pos,
            "`link` should not have text (all data is in attributes)",
            "write it as an empty element: `<link href=\"...\"/>`",
        );
    }
    let rel = el.attr("rel").unwrap_or("alternate");
    match el.attr("href") {
        None => out.error("MissingHref", el.pos, "`link` must have an `href` attribute", "add `href=\"...\"`"),
        Some(href) => {
            iri(el, href, UriKind::IriRef, "`href` attribute of `link`", out);
            if rel == "self" && values::scheme(href).is_none() && !shared::has_absolute_base(el) {
                out.warning(
                    "RelativeSelf",
                    el.pos,
                    "relative `href` value on self link",
                    "write the feed's absolute URL",
                );
            }
        }
    }
    if !REGISTERED_RELS.contains(&rel) && values::scheme(rel).is_none() {
        out.warning(
            "UnregisteredAtomLinkRel",
            el.pos,
            format!("unregistered link relationship: `{rel}`"),
            "use a registered relation (alternate, self, related, enclosure, via...) or a full URI",
        );
    }
    if let Some(kind) = el.attr("type") {
        if !values::mime_type(kind) {
            out.error(
                "InvalidMIMEAttribute",
                el.pos,
                format!("`type` attribute of `link` must be a valid MIME type, not `{kind}`"),
                "write a media type such as `text/html`",
            );
        } else if rel == "self" && !kind.starts_with("application/atom+xml") {
            out.warning(
                "SelfNotAtom",
                el.pos,
                format!("\"self\" link references a non-Atom representation (`{kind}`)"),
                "point the self link at this Atom feed, typed `application/atom+xml`",
            );
        }
    }
    shared::link_hreflang_and_length(el, out);
    ext::thr_link_attrs(el, rel, out);
}

/// RFC 4287 4.1.1: at most one alternate link per type and hreflang.
fn duplicate_alternates(el: &Element, out: &mut Findings) {
    let mut seen = HashSet::new();
    for link in el.children_named(ATOM_NS, "link") {
        if matches!(link.attr("rel"), None | Some("alternate"))
            && !seen.insert((link.attr("type").unwrap_or(""), link.attr("hreflang").unwrap_or("")))
        {
            out.error(
                "DuplicateAtomLink",
                link.pos,
                "duplicate alternate links with the same type and hreflang",
                "keep one alternate link per type and language",
            );
        }
    }
}

fn person(rules: &mut Rules, el: &Element, out: &mut Findings) {
    common_attrs(el, &[], out);
    let mut seen = HashSet::new();
    for child in &el.children {
        if child.ns != ATOM_NS {
            rules.extension(el, child, out);
            continue;
        }
        if !matches!(child.local.as_str(), "name" | "uri" | "email") {
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
        common_attrs(child, &[], out);
        no_children(child, out);
        match child.local.as_str() {
            "email" if !values::addr_spec(child.value()) && values::simple_email(child.value()) => out.warning(
                "UnknownHost",
                child.pos,
                format!("the host of `{}` may not exist", child.value()),
                "write a full domain name, e.g. `name@example.com`",
            ),
            "email" if !values::addr_spec(child.value()) => out.error(
                "InvalidAddrSpec",
                child.pos,
                format!("`email` must be an email address, not `{}`", child.value()),
                "write a plain address such as `name@example.com`",
            ),
            "uri" => {
                no_whitespace(child, out);
                iri(child, child.value(), UriKind::IriRef, "`uri`", out);
            }
            "name" if child.value().contains('@') && child.value().split_whitespace().any(values::addr_spec) => out
                .warning(
                    "ContainsEmail",
                    child.pos,
                    "name should not contain email address",
                    "put the address in `<email>`",
                ),
            _ => {}
        }
    }
    if el.child(ATOM_NS, "name").is_none() {
        out.error("MissingElement", el.pos, format!("missing `{}` element: `name`", el.local), "add a `<name>`");
    }
}

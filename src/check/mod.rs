//! `check`: judge a feed document (RSS 2.0 / 0.9x, Atom 1.0, JSON Feed 1.x)
//! the way the W3C Feed Validation Service does, offline and streaming.
//!
//! ```text
//! bytes -encoding::open-> UTF-8 stream -xml::parse-> Element subtrees
//!       -rss | atom rules (chosen here, by the root element)-> Findings
//! bytes -json::parse_streaming_items-> spanned JSON values -json_feed rules-> Findings
//! Findings -into_sorted-> Vec<Finding> -report-> text | JSON | SARIF
//! ```
//!
//! The checker reads raw documents, never our model, so it judges foreign
//! feeds too. Every finding carries a stable code named after the W3C
//! validator's message (`InvalidRFC2822Date`, `MissingAtomSelfLink`, ...),
//! the W3C's severity for it, a 1-based line and column, a message and a
//! hint. Nothing here panics on any input and nothing is fetched: external
//! entities and DTDs are never read (see `xml`).
//!
//! This file only orchestrates: it decides which stages and which rules
//! judge a document, and owns no rule itself. Its files import each other
//! in one direction only, top to bottom (`layout` tests it):
//!
//! ```text
//! mod.rs     orchestration: encoding -> xml + (rss | atom), or json_feed
//! report     findings -> text, JSON, SARIF
//! rss, atom  the XML formats' rules; share only through `shared`
//! ext        extension vocabularies the W3C checks (iTunes, geo, slash, ...)
//! media      Media RSS, for `ext`
//! feedsync   FeedSync (sx:), for `ext`
//! gbase      Google Base (g:), for `ext`
//! json_feed  JSON Feed rules
//! shared     what RSS and Atom both judge: Atom links, namespaces, ids, HTML
//! xml        well-formedness and `Element` trees, handed to `xml::Rules`
//! json       JSON syntax with positions
//! encoding   sniffing and decoding the bytes
//! finding    Finding, Findings, Pos, Severity, Kind (the one diagnostic path)
//! html       HTML values: unsafe or mangled markup
//! values     value syntaxes: dates, URIs, e-mail, MIME types, languages
//! ```

mod atom;
mod encoding;
mod ext;
mod feedsync;
mod finding;
mod gbase;
mod html;
mod json;
mod json_feed;
mod media;
mod report;
mod rss;
mod shared;
mod values;
mod xml;

use std::io::BufRead;
use std::sync::Arc;

use finding::Findings;
pub(crate) use finding::{Finding, Kind, Severity};
pub(crate) use html::KnownClean;
pub(crate) use report::{FileReport, ReportFormat, github_annotation, github_report, sarif_log, write_report};

/// Checks one document read from `input` and returns its findings, sorted.
/// `Err` only for I/O failures of the input itself.
pub(crate) fn check(input: impl BufRead) -> std::io::Result<(Kind, Vec<Finding>)> {
    check_knowing(input, None)
}

/// `check`, with HTML values in `known_clean` taken as inspected: the same
/// findings, sooner, for a document whose HTML the caller has seen.
pub(crate) fn check_knowing(
    input: impl BufRead,
    known_clean: Option<Arc<KnownClean>>,
) -> std::io::Result<(Kind, Vec<Finding>)> {
    let mut findings = Findings::knowing(known_clean);
    let kind = match encoding::open(input, &mut findings)? {
        encoding::Opened::Json(bytes) => {
            json_feed::check(&bytes, &mut findings);
            Kind::JsonFeed
        }
        encoding::Opened::Xml(stream) => match xml::parse(stream, &mut findings, XmlRules::choose)? {
            // Never "0 errors" for what we do not judge: a well-formed RSS
            // 1.0 document is refused as unsupported (exit 2).
            Some(XmlRules::WellFormedOnly(Kind::Rss)) if !findings.has_errors() => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::Unsupported,
                    "unsupported format: RSS 1.0 (RDF Site Summary) is not checked; \
                     validate it at https://validator.w3.org/feed/",
                ));
            }
            rules => rules.map_or(Kind::Unknown, |rules| rules.kind()),
        },
        encoding::Opened::Unreadable => Kind::Unknown,
    };
    Ok((kind, findings.into_sorted()))
}

const ATOM03_NS: &str = "http://purl.org/atom/ns#";
const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// The rules an XML document is judged by, chosen by its root element.
enum XmlRules {
    Rss(rss::Rules),
    Atom(atom::Rules),
    /// Well-formedness only (RSS 1.0, Atom 0.3, unknown roots): what the
    /// document is.
    WellFormedOnly(Kind),
}

impl XmlRules {
    /// The rules for the document whose root element is `root`; reports an
    /// obsolete or unknown root, and judges the `rss` start tag.
    fn choose(root: &xml::Element, prolog: &xml::Prolog, out: &mut Findings) -> XmlRules {
        match (root.ns.as_str(), root.local.as_str()) {
            ("", "rss") => XmlRules::Rss(rss::Rules::new(root, prolog.netscape_doctype, out)),
            (shared::ATOM_NS, "feed" | "entry") => XmlRules::Atom(atom::Rules::default()),
            (ATOM03_NS, "feed") => {
                // The W3C's verdict on any element in the 0.3 namespace.
                out.error(
                    "ObsoleteNamespace",
                    root.pos,
                    "the pre-1.0 Atom namespace `http://purl.org/atom/ns#` is obsolete",
                    "use the Atom 1.0 namespace `http://www.w3.org/2005/Atom` (RFC 4287)",
                );
                out.warning(
                    "ObsoleteVersion",
                    root.pos,
                    "this is an Atom 0.3 feed, an obsolete version",
                    "upgrade to Atom 1.0 (RFC 4287, namespace http://www.w3.org/2005/Atom)",
                );
                XmlRules::WellFormedOnly(Kind::Atom)
            }
            (RDF_NS, "RDF") => XmlRules::WellFormedOnly(Kind::Rss),
            _ => {
                out.error(
                    "UndefinedElement",
                    root.pos,
                    format!("undefined root element: `{}`", root.qname),
                    "this is not an RSS, Atom or JSON feed",
                );
                XmlRules::WellFormedOnly(Kind::Unknown)
            }
        }
    }

    fn kind(&self) -> Kind {
        match self {
            XmlRules::Rss(_) => Kind::Rss,
            XmlRules::Atom(_) => Kind::Atom,
            XmlRules::WellFormedOnly(kind) => *kind,
        }
    }
}

impl xml::Rules for XmlRules {
    fn closed(&mut self, element: &xml::Element, ancestors: &[xml::Element], out: &mut Findings) -> bool {
        match self {
            XmlRules::Rss(rules) => rules.closed(element, ancestors, out),
            XmlRules::Atom(rules) => rules.closed(element, ancestors, out),
            XmlRules::WellFormedOnly(_) => false,
        }
    }

    fn finish(&mut self, root: &xml::Element, out: &mut Findings) {
        match self {
            XmlRules::Rss(rules) => rules.finish(root, out),
            XmlRules::Atom(rules) => rules.finish(root, out),
            XmlRules::WellFormedOnly(_) => {}
        }
    }
}

/// `check` on bytes in memory (tests).
#[cfg(test)]
pub(crate) fn check_bytes(bytes: &[u8]) -> Vec<Finding> {
    match check(bytes) {
        Ok((_, findings)) => findings,
        Err(err) => panic!("reading a slice cannot fail: {err}"),
    }
}

/// `code@line:col` for every finding, for compact test assertions.
#[cfg(test)]
pub(crate) fn codes(bytes: &[u8]) -> Vec<String> {
    check_bytes(bytes).iter().map(|f| format!("{}@{}:{}", f.code, f.pos.line, f.pos.col)).collect()
}

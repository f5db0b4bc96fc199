//! What the RSS and Atom rules share, so that neither imports the other:
//! the Atom namespace (RSS channels carry `atom:link`), the namespaces the
//! W3C validator knows (UnknownNamespace, once per namespace), the memory of
//! record ids for DuplicateEntries, the `hreflang` and `length` attributes
//! of an Atom link wherever it stands, and the HTML warnings of an element
//! (with its `xml:base`).
//!
//! Below `rss` and `atom`, above `xml`, `values` and `finding`: it may judge
//! an `xml::Element` but chooses no rules and knows no RSS or Atom element
//! besides the Atom link.

use std::collections::HashSet;

use super::finding::{Findings, Pos};
use super::values;
use super::xml::Element;

pub(crate) const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// Whether the W3C validator knows the namespace `ns`.
pub(crate) fn is_known_namespace(ns: &str) -> bool {
    KNOWN_NAMESPACES.binary_search(&ns).is_ok()
}

/// Namespaces the W3C validator knows; elements in others get UnknownNamespace.
const KNOWN_NAMESPACES: &[&str] = &[
    "http://a9.com/-/spec/opensearch/1.1/",
    "http://a9.com/-/spec/opensearchrss/1.0/",
    "http://backend.userland.com/blogChannelModule",
    "http://backend.userland.com/creativeCommonsRssModule",
    "http://base.google.com/ns/1.0",
    "http://madskills.com/public/xml/rss/module/pingback/",
    "http://madskills.com/public/xml/rss/module/trackback/",
    "http://media.tangent.org/rss/1.0/",
    "http://prismstandard.org/namespaces/1.2/basic/",
    "http://purl.org/atompub/tombstones/1.0",
    "http://purl.org/dc/elements/1.1/",
    "http://purl.org/dc/terms/",
    "http://purl.org/rss/1.0/",
    "http://purl.org/rss/1.0/modules/aggregation/",
    "http://purl.org/rss/1.0/modules/annotate/",
    "http://purl.org/rss/1.0/modules/company/",
    "http://purl.org/rss/1.0/modules/content/",
    "http://purl.org/rss/1.0/modules/event/",
    "http://purl.org/rss/1.0/modules/image/",
    "http://purl.org/rss/1.0/modules/link/",
    "http://purl.org/rss/1.0/modules/reference/",
    "http://purl.org/rss/1.0/modules/richequiv/",
    "http://purl.org/rss/1.0/modules/search/",
    "http://purl.org/rss/1.0/modules/servicestatus/",
    "http://purl.org/rss/1.0/modules/slash/",
    "http://purl.org/rss/1.0/modules/syndication/",
    "http://purl.org/rss/1.0/modules/taxonomy/",
    "http://purl.org/rss/1.0/modules/textinput/",
    "http://purl.org/syndication/history/1.0",
    "http://purl.org/syndication/thread/1.0",
    "http://rssnamespace.org/feedburner/ext/1.0",
    "http://search.yahoo.com/mrss/",
    "http://web.resource.org/cc/",
    "http://webns.net/mvcb/",
    "http://wellformedweb.org/CommentAPI/",
    "http://www.georss.org/georss",
    "http://www.google.com/schemas/play-podcasts/1.0",
    "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "http://www.opengis.net/gml",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "http://www.w3.org/2005/Atom",
    "http://www.w3.org/2007/app",
    "http://www.w3.org/XML/1998/namespace",
    "http://xmlns.com/foaf/0.1/",
    // Podcasting 2.0 (PSP-1's `podcast:` namespace).
    "https://podcastindex.org/namespace/1.0",
];

/// The namespaces of a document already reported as unknown: each is
/// reported once, at its first element.
#[derive(Debug, Default)]
pub(crate) struct UnknownNamespaces(HashSet<String>);

impl UnknownNamespaces {
    /// UnknownNamespace for the element at `pos` in namespace `ns`, unless
    /// the W3C knows `ns` or it was reported before.
    pub(crate) fn check(&mut self, ns: &str, pos: Pos, out: &mut Findings) {
        if KNOWN_NAMESPACES.binary_search(&ns).is_err() && self.0.insert(ns.to_owned()) {
            out.warning(
                "UnknownNamespace",
                pos,
                format!("use of unknown namespace: `{ns}`"),
                "check the namespace URI for typos; readers are unlikely to understand it",
            );
        }
    }
}

/// How many ids a document's duplicate check remembers: enough for any
/// real feed (the W3C service refuses files over 5 MB), and a ceiling on
/// memory (about 1 MB of hashes) for a hostile one.
const MAX_REMEMBERED_IDS: usize = 50_000;

/// The ids of the records (RSS guids, Atom id and updated) seen so far, as
/// 128-bit hashes (no false duplicates in practice), so memory stays small
/// however many records stream past.
#[derive(Debug, Default)]
pub(crate) struct SeenIds(HashSet<u128>);

impl SeenIds {
    /// Records `id`; `false` if it was seen before. Past the ceiling, new
    /// ids are no longer recorded (and so never reported as duplicates).
    pub(crate) fn first_time(&mut self, id: &str) -> bool {
        let key = xxhash_rust::xxh3::xxh3_128(id.as_bytes());
        if self.0.len() >= MAX_REMEMBERED_IDS {
            return !self.0.contains(&key);
        }
        self.0.insert(key)
    }
}

/// Whether an absolute `xml:base` is in scope at `el`.
pub(crate) fn has_absolute_base(el: &Element) -> bool {
    el.base.as_deref().is_some_and(|b| values::scheme(b).is_some())
}

/// The HTML warnings for `markup`, the HTML that `el` carries.
pub(crate) fn html_warnings(el: &Element, markup: &str, out: &mut Findings) {
    out.html_warnings(markup, has_absolute_base(el), el.pos, &el.qname);
}

/// The `hreflang` and `length` attributes of an Atom link, wherever it
/// stands (in an Atom feed, or as `atom:link` in RSS).
pub(crate) fn link_hreflang_and_length(el: &Element, out: &mut Findings) {
    if let Some(lang) = el.attr("hreflang")
        && !values::language(lang)
    {
        out.error(
            "InvalidLanguage",
            el.pos,
            format!("`hreflang` must be an ISO-639 language code, not `{lang}`"),
            "write e.g. `en`",
        );
    }
    if let Some(length) = el.attr("length")
        && values::non_negative_integer(length.trim()).is_none()
    {
        out.error(
            "InvalidNonNegativeInteger",
            el.pos,
            format!("`length` must be a non-negative integer, not `{length}`"),
            "write the size in bytes",
        );
    }
}

/// An element without an attribute it must have (MissingAttribute).
pub(crate) fn missing_attr(el: &Element, name: &str, out: &mut Findings) {
    out.error(
        "MissingAttribute",
        el.pos,
        format!("missing `{}` attribute: `{name}`", el.qname),
        format!("add `{name}=\"...\"`"),
    );
}

/// An element where its vocabulary does not define it (UndefinedElement);
/// `hint` names the vocabulary.
pub(crate) fn undefined(parent: &Element, child: &Element, hint: &str, out: &mut Findings) {
    out.error(
        "UndefinedElement",
        child.pos,
        format!("undefined `{}` element: `{}`", parent.qname, child.qname),
        hint.to_owned(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_namespaces_are_sorted_for_binary_search() {
        assert!(KNOWN_NAMESPACES.windows(2).all(|w| w[0] < w[1]));
    }
}

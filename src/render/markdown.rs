//! Markdown -> HTML with pulldown-cmark (CommonMark with the tables,
//! footnotes and strikethrough authors expect from GitHub and Hugo, and
//! the heading attributes `## Title {#id .class}` of Hugo and kramdown,
//! which are consumed, not shown).
//!
//! Markdown without raw HTML cannot produce markup the sanitiser would
//! remove: pulldown-cmark escapes all text, and the only attributes it
//! writes from the author's input are link and image URLs. For that common
//! case `to_html` resolves those URLs against the article's URL and drops
//! those whose scheme is not safe, and skips the (much slower) HTML
//! sanitiser. Anything with raw HTML or footnotes (whose fragment links
//! pulldown-cmark writes itself) goes through `to_raw_html` and the
//! sanitiser instead.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use url::Url;

pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// URL schemes a link or image may keep (the same as the sanitiser's
/// defaults that matter for articles).
const SAFE_SCHEMES: &[&str] =
    &["http", "https", "mailto", "ftp", "ftps", "tel", "sms", "xmpp", "irc", "ircs", "news", "geo"];

/// The body as HTML with absolute, safe URLs, or `None` when it holds raw
/// HTML or footnotes and must be sanitised.
pub(super) fn to_html(text: &str, base: &Url) -> Option<String> {
    let events: Vec<Event<'_>> = Parser::new_ext(text, options()).collect();
    let needs_sanitiser = events.iter().any(|e| {
        matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::FootnoteReference(_)
                | Event::Start(Tag::FootnoteDefinition(_))
        )
    });
    if needs_sanitiser {
        return None;
    }
    // A stack of "was this link kept?", to drop the end of a dropped link.
    let mut kept_links: Vec<bool> = Vec::new();
    let mut kept_images: Vec<bool> = Vec::new();
    let events = events.into_iter().filter_map(|event| match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let resolved = resolve(&dest_url, base);
            kept_links.push(resolved.is_some());
            resolved.map(|dest_url| Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::End(TagEnd::Link) => kept_links.pop().unwrap_or(false).then_some(event),
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let resolved = resolve(&dest_url, base);
            kept_images.push(resolved.is_some());
            resolved.map(|dest_url| Event::Start(Tag::Image { link_type, dest_url, title, id }))
        }
        Event::End(TagEnd::Image) => kept_images.pop().unwrap_or(false).then_some(event),
        // The sanitiser drops `id` and `class` (an `id` could clash with the
        // reader's page); dropping them here too keeps both paths alike.
        Event::Start(Tag::Heading { level, .. }) => {
            Some(Event::Start(Tag::Heading { level, id: None, classes: Vec::new(), attrs: Vec::new() }))
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events);
    Some(out)
}

/// The body as HTML with raw HTML passed through, for the sanitiser.
pub(super) fn to_raw_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(text, options()));
    out
}

/// `url` made absolute against `base`, or `None` if its scheme is unsafe.
fn resolve<'a>(url: &str, base: &Url) -> Option<CowStr<'a>> {
    let resolved = base.join(url.trim()).ok()?;
    SAFE_SCHEMES.contains(&resolved.scheme()).then(|| CowStr::from(String::from(resolved)))
}

//! `feed.css`: the stylesheet that makes RSS 2.0 and Atom 1.0 files
//! readable when opened in a browser, attached with
//! `<?xml-stylesheet type="text/css" href="…/feed.css"?>`.
//!
//! CSS rather than XSLT: browsers are dropping XSLT (Chrome turns it off
//! by default from version 158), while CSS on XML works in all of them.
//! CSS cannot make links or unescape HTML, so the stylesheet shows what
//! reads well as text (the feed's title and description; each entry's
//! title, date, author, summary, tags and address), hides what would look
//! like garbage (ids, escaped HTML content, self links), and says in a
//! note at the top what the page is. The same file styles `index.html`
//! (rules under `.feedwright-index`, which no feed element matches).

/// The file's name, next to the feeds in the output folder.
pub(crate) const FILE_NAME: &str = "feed.css";

/// The stylesheet's text.
pub(crate) const CSS: &str = include_str!("stylesheet.css");

/// The processing instruction that attaches the stylesheet at `href` to an
/// XML feed, placed after the XML declaration. `href` is escaped for the
/// pseudo-attribute (a `"` or `&` in a URL).
pub(crate) fn processing_instruction(href: &str) -> String {
    let href = crate::text::escape_html(href).replace("?>", "?&gt;");
    format!("<?xml-stylesheet type=\"text/css\" href=\"{href}\"?>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pi_escapes_its_href() {
        assert_eq!(
            processing_instruction("https://example.com/feeds/feed.css"),
            "<?xml-stylesheet type=\"text/css\" href=\"https://example.com/feeds/feed.css\"?>"
        );
        assert_eq!(
            processing_instruction("a\"b&c?>d"),
            "<?xml-stylesheet type=\"text/css\" href=\"a&quot;b&amp;c?&gt;d\"?>"
        );
    }

    #[test]
    fn css_has_no_markup_and_balanced_braces() {
        // Inlined in index.html's <style>: a `<` could end it early.
        assert!(!CSS.contains('<') && !CSS.contains('&'));
        assert_eq!(CSS.matches('{').count(), CSS.matches('}').count());
        for needle in [
            "rss::before",
            "|channel > |item",
            "atom|entry",
            "|rss *, atom|feed * { display: none; }",
            ".feedwright-index",
        ] {
            assert!(CSS.contains(needle), "{needle}");
        }
    }
}

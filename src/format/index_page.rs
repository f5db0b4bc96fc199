//! `index.html`: a small page for people who open the feeds folder in a
//! browser: what the site is, every feed with its format and address, the
//! latest entries, and `<link rel="alternate">` autodiscovery for the main
//! feeds, so a browser extension or a reader given the page's address finds
//! them. No script; the styles are `feed.css` (linked, or inlined when the
//! build writes no stylesheet file).

use crate::model::Entry;
use crate::text::{escape_html, strip_non_xml_chars};

use super::listed::{Group, Kind, Listed, grouped};

/// What the page says about the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndexSite {
    pub(crate) title: String,
    pub(crate) description: String,
    /// BCP 47, for `<html lang>`; "en" when the site names none.
    pub(crate) language: Option<String>,
    pub(crate) home_url: url::Url,
}

/// The most of an entry's summary the page shows, in characters: a
/// teaser, not the article.
const SUMMARY_CHARS: usize = 320;

/// The page, as UTF-8 bytes. `latest`: the entries to show, newest first.
/// `stylesheet_href`: where `feed.css` is, relative to the page; `None`
/// puts the same rules in a `<style>` element.
pub(crate) fn write(site: &IndexSite, feeds: &[Listed], latest: &[&Entry], stylesheet_href: Option<&str>) -> Vec<u8> {
    let mut out = String::with_capacity(4096 + feeds.len() * 200 + latest.len() * 600);
    head(&mut out, site, feeds, stylesheet_href);
    out.push_str("<body class=\"feedwright-index\">\n<header>\n");
    out.push_str(&format!("<h1>{}</h1>\n", text(&site.title)));
    if !site.description.trim().is_empty() && site.description.trim() != site.title.trim() {
        out.push_str(&format!("<p class=\"description\">{}</p>\n", text(&site.description)));
    }
    out.push_str(&format!(
        "<p><a href=\"{}\">Visit the site</a></p>\n</header>\n<main>\n",
        attr(site.home_url.as_str())
    ));
    feed_tables(&mut out, feeds);
    latest_entries(&mut out, latest);
    out.push_str("</main>\n<footer>\n<p>Written by feedwright.</p>\n</footer>\n</body>\n</html>\n");
    out.into_bytes()
}

/// `<head>`: the title, the autodiscovery links of the main feeds (RSS,
/// then Atom, then JSON Feed, the order browsers and readers pick the
/// first of), the styles.
fn head(out: &mut String, site: &IndexSite, feeds: &[Listed], stylesheet_href: Option<&str>) {
    let lang = site.language.as_deref().filter(|l| !l.trim().is_empty()).unwrap_or("en");
    out.push_str(&format!("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n", attr(lang)));
    out.push_str(
        "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    );
    out.push_str(&format!("<title>{} — feeds</title>\n", text(&site.title)));
    if !site.description.trim().is_empty() {
        out.push_str(&format!("<meta name=\"description\" content=\"{}\">\n", attr(&site.description)));
    }
    for feed in autodiscovered(feeds) {
        out.push_str(&format!(
            "<link rel=\"alternate\" type=\"{}\" title=\"{}\" href=\"{}\">\n",
            feed.format.media_type(),
            attr(&format!("{} ({})", feed.title, feed.format.label())),
            attr(feed.url.as_str()),
        ));
    }
    match stylesheet_href {
        Some(href) => out.push_str(&format!("<link rel=\"stylesheet\" href=\"{}\">\n", attr(href))),
        None => out.push_str(&format!("<style>\n{}</style>\n", super::stylesheet::CSS)),
    }
    out.push_str("</head>\n");
}

/// The main feeds, in format order: what `<link rel="alternate">` names.
pub(crate) fn autodiscovered(feeds: &[Listed]) -> Vec<&Listed> {
    let mut main: Vec<&Listed> = feeds.iter().filter(|f| f.kind == Kind::Main).collect();
    main.sort_by(|a, b| (a.format, &a.path).cmp(&(b.format, &b.path)));
    main
}

/// The autodiscovery lines for a site's `<head>`, as README tells people
/// to paste them: the same links as the index page's (a test holds README
/// to them).
#[cfg(test)]
pub(crate) fn autodiscovery_snippet(feeds: &[Listed]) -> String {
    let mut out = String::new();
    for feed in autodiscovered(feeds) {
        out.push_str(&format!(
            "<link rel=\"alternate\" type=\"{}\" title=\"{}\" href=\"{}\">\n",
            feed.format.media_type(),
            attr(&feed.title),
            attr(feed.url.as_str()),
        ));
    }
    out
}

/// Every feed, a table per group: one row per feed (the site, a tag, an
/// author, an archive page) with a link per format. The archive, long and
/// rarely subscribed to, is folded in a `<details>`.
fn feed_tables(out: &mut String, feeds: &[Listed]) {
    out.push_str("<section aria-labelledby=\"feeds\">\n<h2 id=\"feeds\">Subscribe</h2>\n");
    out.push_str(
        "<p class=\"note\">Copy a feed's address (right-click the format, then copy the link) into your feed reader. \
         RSS and Atom work in every reader; pick one.</p>\n",
    );
    for (group, members) in grouped(feeds) {
        let folded = group == Group::Archives;
        if folded {
            let pages = if members.len() == 1 { "1 page".to_owned() } else { format!("{} pages", members.len()) };
            out.push_str(&format!("<details>\n<summary>{} ({pages})</summary>\n", group.label()));
        }
        out.push_str(&format!(
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">Feed</th><th scope=\"col\">Formats</th></tr></thead>\n<tbody>\n",
            group.label()
        ));
        for (name, formats) in &members {
            let shown = match name {
                Some(name) => text(name),
                None => formats.first().map_or_else(String::new, |f| text(&f.title)),
            };
            out.push_str(&format!("<tr><th scope=\"row\">{shown}</th><td>"));
            let links: Vec<String> = formats
                .iter()
                .map(|f| {
                    format!(
                        "<a href=\"{}\" type=\"{}\" title=\"{}\">{}</a>",
                        attr(f.url.as_str()),
                        f.format.media_type(),
                        attr(&f.title),
                        f.format.label()
                    )
                })
                .collect();
            out.push_str(&links.join(" · "));
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        if folded {
            out.push_str("</details>\n");
        }
    }
    out.push_str("</section>\n");
}

/// The latest entries: title linked to the article, date, author, a
/// clipped summary.
fn latest_entries(out: &mut String, latest: &[&Entry]) {
    out.push_str("<section aria-labelledby=\"latest\">\n<h2 id=\"latest\">Latest entries</h2>\n");
    if latest.is_empty() {
        out.push_str("<p>Nothing published yet.</p>\n</section>\n");
        return;
    }
    out.push_str("<ol class=\"entries\">\n");
    for entry in latest {
        out.push_str(&format!(
            "<li><article>\n<h3><a href=\"{}\">{}</a></h3>\n<p class=\"meta\"><time datetime=\"{}\">{}</time>",
            attr(entry.url.as_str()),
            text(&entry.title),
            entry.published.to_rfc3339(),
            entry.published.format("%-d %B %Y"),
        ));
        let names: Vec<&str> = entry.authors.iter().map(|p| p.name.as_str()).collect();
        if !names.is_empty() {
            out.push_str(&format!(" · {}", text(&names.join(", "))));
        }
        out.push_str(&format!("</p>\n<p>{}</p>\n</article></li>\n", text(&clip(&entry.summary, SUMMARY_CHARS))));
    }
    out.push_str("</ol>\n</section>\n");
}

/// `s` cut to at most `max` characters, at a word boundary when there is
/// one, with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    let Some((cut, _)) = s.char_indices().nth(max) else { return s.to_owned() };
    let head = &s[..cut];
    let head = head.rfind(char::is_whitespace).filter(|&i| i > cut / 2).map_or(head, |i| &head[..i]);
    format!("{}…", head.trim_end().trim_end_matches([',', ';', ':', '.']))
}

/// HTML text: escaped, without the characters HTML forbids (controls).
fn text(s: &str) -> String {
    escape_html(&strip_non_xml_chars(s))
}

fn attr(s: &str) -> String {
    text(s)
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::DateTime;
    use url::Url;

    use super::*;
    use crate::format::Format;
    use crate::format::listed::tests::listed;
    use crate::model::Person;

    fn site() -> IndexSite {
        IndexSite {
            title: "Example News".into(),
            description: "What happens".into(),
            language: Some("en-US".into()),
            home_url: Url::parse("https://example.com/").unwrap(),
        }
    }

    pub(crate) fn entry(title: &str, summary: &str) -> Entry {
        Entry {
            id: "tag:example.com,2026:a".into(),
            title: title.into(),
            url: Url::parse("https://example.com/a/?x=1&y=2").unwrap(),
            external_url: None,
            published: DateTime::parse_from_rfc3339("2026-03-01T09:30:00+01:00").unwrap(),
            updated: DateTime::parse_from_rfc3339("2026-03-01T09:30:00+01:00").unwrap(),
            authors: vec![Person { name: "Ann <ann@x>".into(), email: None, uri: None }],
            summary: summary.into(),
            content_html: None,
            tags: vec![],
            language: None,
            image: None,
            media: Default::default(),
        }
    }

    fn feeds() -> Vec<Listed> {
        vec![
            listed(Kind::Main, Format::Json, "Example News"),
            listed(Kind::Main, Format::Rss, "Example News"),
            listed(Kind::Main, Format::Atom, "Example News"),
            listed(Kind::Tag("protests".into()), Format::Rss, "Example News — tag: protests"),
            listed(Kind::Archive(1), Format::Atom, "Example News — archive 1"),
        ]
    }

    fn page(entries: &[Entry], href: Option<&str>) -> String {
        let latest: Vec<&Entry> = entries.iter().collect();
        String::from_utf8(write(&site(), &feeds(), &latest, href)).unwrap()
    }

    #[test]
    fn autodiscovery_for_each_main_feed_only() {
        let html = page(&[], Some("feed.css"));
        let alternates: Vec<&str> = html.lines().filter(|l| l.starts_with("<link rel=\"alternate\"")).collect();
        assert_eq!(
            alternates,
            [
                "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Example News (RSS 2.0)\" href=\"https://example.com/feeds/rss.xml\">",
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Example News (Atom 1.0)\" href=\"https://example.com/feeds/atom.xml\">",
                "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Example News (JSON Feed 1.1)\" href=\"https://example.com/feeds/feed.json\">",
            ]
        );
        assert!(html.contains("<link rel=\"stylesheet\" href=\"feed.css\">"));
        assert!(!html.contains("<style>"));
        assert!(html.contains("<html lang=\"en-US\">"));
        assert_eq!(html.matches("<h1>").count(), 1);
        assert!(html.contains("href=\"https://example.com/feeds/tags/protests/rss.xml\""));
        assert!(html.contains("<details>\n<summary>Archives (1 page)</summary>"));
        assert!(html.contains("<p>Nothing published yet.</p>"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn entries_are_escaped_dated_and_clipped() {
        let long = "word ".repeat(200);
        let html = page(&[entry("<script>alert(1)</script> & \"q\"\u{1}", &long)], None);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</a></h3>"), "{html}");
        assert!(html.contains("href=\"https://example.com/a/?x=1&amp;y=2\""), "{html}");
        assert!(html.contains("<time datetime=\"2026-03-01T09:30:00+01:00\">1 March 2026</time> · Ann &lt;ann@x&gt;"));
        let summary = html.lines().find(|l| l.starts_with("<p>word")).unwrap();
        assert!(summary.ends_with("word…</p>") && summary.chars().count() < SUMMARY_CHARS + 10, "{summary}");
        assert!(html.contains("<style>\n"), "the stylesheet is inlined without a file");
    }

    #[test]
    fn deterministic_and_well_formed() {
        let entries = [entry("A", "a"), entry("B", "b")];
        let a = page(&entries, None);
        assert_eq!(a, page(&entries, None));
        // Every element this page writes is closed or void, so a generic XML
        // reader checks the nesting too (after the doctype).
        let body = &a[a.find("<html").unwrap()..];
        let voids = ["meta", "link"];
        let mut reader = quick_xml::Reader::from_str(body);
        reader.config_mut().check_end_names = false;
        let mut stack: Vec<String> = Vec::new();
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e)) => {
                    let name = e.name().as_ref().to_owned();
                    if !voids.contains(&name.as_str()) {
                        stack.push(name);
                    }
                }
                Ok(quick_xml::events::Event::End(e)) => {
                    assert_eq!(stack.pop().as_deref(), Some(e.name().as_ref()));
                }
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{e}: {body}"),
            }
        }
        assert!(stack.is_empty(), "{stack:?}");
    }

    #[test]
    fn snippet_lists_the_main_feeds() {
        let snippet = autodiscovery_snippet(&feeds());
        assert_eq!(snippet.lines().count(), 3);
        assert!(snippet.starts_with("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Example News\""));
    }

    #[test]
    fn clip_cuts_at_words() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("one two three four", 10), "one two…");
        assert_eq!(clip("one two, three four", 9), "one two…");
        assert_eq!(clip("ééééééééééééé", 5), "ééééé…");
    }
}

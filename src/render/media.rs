//! Markup of real sites that the sanitiser would damage, repaired around
//! it: `before` runs on the raw HTML, `after` on the sanitiser's output.
//!
//! - `<noscript>` is unwrapped: its content (mostly the real `<img>` of a
//!   lazy-loading image) is what a reader that runs no script shows, but
//!   HTML parsers with scripting on read it as text, which came out as
//!   escaped `&lt;img …&gt;`. The content ends where such a parser ends it
//!   (at the first `</noscript`, even inside a quoted value) and is
//!   sanitised on its own before it takes the element's place: a parser
//!   reading the markup otherwise (`<noscript><p title="</noscript><img
//!   onerror=…>">`) cannot turn text into markup.
//!
//! The scanner reads tags as an HTML tokenizer does (quoted values, raw
//! text of `script`, `style`, `iframe`, …, comments), so the boundaries it
//! rewrites are the ones the sanitiser's parser sees.
//! - Lazy-loading images (`<img src="data:…" data-src="photo.jpg">`, the
//!   lazysizes, WordPress and Hugo theme pattern) get their `data-src` and
//!   `data-srcset` as `src` and `srcset`: what a browser shows once the
//!   script has run. Their `src` is a placeholder (a data: URI, a blank
//!   gif, a blurred thumbnail) never worth showing.
//! - An `<img>` left without a `src` (a placeholder the sanitiser dropped)
//!   is removed, and so is an image repeating the one just before it with
//!   no text between: the lazy image and its `<noscript>` copy show once.
//! - An `<iframe>` (never kept: readers refuse them) of a YouTube or Vimeo
//!   player becomes a link to the video's page, its `title` as the link
//!   text, else the address; any other iframe goes with its content (an
//!   embed's address is often a tracker's or an ad's, not worth a link).

use std::borrow::Cow;

/// Attributes lazy loaders keep the real image address in, by preference.
const LAZY_SRC: &[&str] = &["data-src", "data-lazy-src", "data-original"];
const LAZY_SRCSET: &[&str] = &["data-srcset", "data-lazy-srcset"];

/// Elements whose content is text up to their closing tag: copied as they
/// are, so that markup-like text in them is left alone.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed", "noframes"];

/// The raw HTML with `<noscript>` unwrapped (its content as `clean` makes
/// it), lazy images made plain and iframes turned into links.
pub(super) fn before<'a>(html: &'a str, clean: &dyn Fn(&str) -> String) -> Cow<'a, str> {
    if !["<noscript", "<iframe", "data-src", "data-lazy", "data-original"].iter().any(|n| contains_ci(html, n)) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            let end = comment.find("-->").map_or(comment.len(), |e| e + 3);
            out.push_str(&rest[at..at + 4 + end]);
            rest = &comment[end..];
            continue;
        }
        // `<!DOCTYPE …>`, `<![CDATA[…`, `<?…`: a bogus comment up to `>`.
        if after.starts_with(['!', '?']) {
            let end = after.find('>').map_or(after.len(), |e| e + 1);
            out.push_str(&rest[at..at + 1 + end]);
            rest = &after[end..];
            continue;
        }
        let closing = after.starts_with('/');
        let name_start = if closing { &after[1..] } else { after };
        if !name_start.starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push('<');
            rest = after;
            continue;
        }
        let Some(tag) = scan_tag(name_start) else {
            out.push_str(&rest[at..]);
            return Cow::Owned(out);
        };
        let end = at + 1 + usize::from(closing) + tag.len;
        let (whole, mut next) = (&rest[at..end], &rest[end..]);
        match (tag.name.as_str(), closing) {
            ("noscript", false) => {
                let content_end = find_ci(next, "</noscript").unwrap_or(next.len());
                out.push_str(&clean(&without_noscript_tags(&next[..content_end])));
                next = skip_past_closing(next, "noscript");
            }
            ("plaintext", false) => {
                out.push_str(&rest[at..]);
                return Cow::Owned(out);
            }
            ("noscript" | "iframe", true) => {}
            ("img" | "source", false) => out.push_str(&lazy_image(&tag).map_or(Cow::Borrowed(whole), Cow::Owned)),
            ("iframe", false) => {
                out.push_str(&iframe_link(&tag));
                next = skip_past_closing(next, "iframe");
            }
            (name, false) if RAW_TEXT.contains(&name) => {
                let content_end = next.len() - skip_past_closing(next, name).len();
                out.push_str(whole);
                out.push_str(&next[..content_end]);
                next = &next[content_end..];
            }
            _ => out.push_str(whole),
        }
        rest = next;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The sanitised HTML without images that have no `src` (nor `srcset`),
/// or that repeat the image before them with no text between.
pub(super) fn after(html: String) -> String {
    if !html.contains("<img") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    // The last image kept: its `src` and where `out` ended after it.
    let mut last: Option<(String, usize)> = None;
    while let Some(at) = rest.find("<img") {
        out.push_str(&rest[..at]);
        let Some(tag) = scan_tag(&rest[at + 1..]).filter(|t| t.name == "img") else {
            out.push_str(&rest[at..at + 4]);
            rest = &rest[at + 4..];
            continue;
        };
        let end = at + 1 + tag.len;
        // An image may come from its `srcset` alone.
        let src = ["src", "srcset"].iter().find_map(|n| tag.attr(n).map(str::trim).filter(|s| !s.is_empty()));
        let repeats = matches!((&last, src), (Some((previous, since)), Some(src))
            if previous == src && no_text(&out[*since..]));
        if let (Some(src), false) = (src, repeats) {
            out.push_str(&rest[at..end]);
            last = Some((src.to_owned(), out.len()));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The tag rewritten with its lazy-loaded address as `src` (and `srcset`),
/// or `None` when it has none.
fn lazy_image(tag: &Tag<'_>) -> Option<String> {
    let lazy = |names: &[&str]| names.iter().find_map(|n| tag.attr(n)).filter(|v| !v.trim().is_empty());
    let (src, srcset) = (lazy(LAZY_SRC), lazy(LAZY_SRCSET));
    if src.is_none() && srcset.is_none() {
        return None;
    }
    let mut out = format!("<{}", tag.name);
    for (name, value) in &tag.attrs {
        let replaced = (name == "src" && src.is_some()) || (name == "srcset" && srcset.is_some());
        if replaced || LAZY_SRC.contains(&name.as_str()) || LAZY_SRCSET.contains(&name.as_str()) {
            continue;
        }
        push_attr(&mut out, name, *value);
    }
    for (name, value) in [("src", src), ("srcset", srcset)] {
        if let Some(value) = value {
            push_attr(&mut out, name, Some(value));
        }
    }
    out.push('>');
    Some(out)
}

/// A link standing for a video player's iframe, or nothing.
fn iframe_link(tag: &Tag<'_>) -> String {
    let Some(href) = tag.attr("src").or_else(|| tag.attr("data-src")).and_then(|src| video_page(src.trim())) else {
        return String::new();
    };
    let text = tag.attr("title").map(str::trim).filter(|t| !t.is_empty()).unwrap_or(&href);
    format!("<a href=\"{}\">{}</a>", escape(&href), escape(text))
}

/// The page of a YouTube or Vimeo video from its player's address.
fn video_page(src: &str) -> Option<String> {
    let absolute = if src.starts_with("//") { format!("https:{src}") } else { src.to_owned() };
    let url = url::Url::parse(&absolute).ok().filter(|u| matches!(u.scheme(), "http" | "https"))?;
    let host = url.host_str()?.trim_start_matches("www.");
    let mut segments = url.path_segments()?;
    let id = match (host, segments.next()) {
        ("youtube.com" | "youtube-nocookie.com", Some("embed")) => segments.next()?,
        ("player.vimeo.com", Some("video")) => segments.next()?,
        _ => return None,
    };
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    Some(if host == "player.vimeo.com" {
        format!("https://vimeo.com/{id}")
    } else {
        format!("https://www.youtube.com/watch?v={id}")
    })
}

/// A `<noscript>`'s content without the `<noscript>` start tags nested in
/// it (it holds no end tag: the first one ended it), so that a nested one
/// is unwrapped too instead of showing its content as escaped text. Safe
/// whatever the tags: the result is sanitised before it is used.
fn without_noscript_tags(content: &str) -> Cow<'_, str> {
    if !contains_ci(content, "<noscript") {
        return Cow::Borrowed(content);
    }
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = find_ci(rest, "<noscript") {
        out.push_str(&rest[..at]);
        let Some(tag) = scan_tag(&rest[at + 1..]) else { return Cow::Owned(out) };
        if tag.name == "noscript" {
            rest = &rest[at + 1 + tag.len..];
        } else {
            out.push_str(&rest[at..at + 1 + tag.len]);
            rest = &rest[at + 1 + tag.len..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `html` after the closing tag of `name` (case-insensitive), or empty.
fn skip_past_closing<'a>(html: &'a str, name: &str) -> &'a str {
    let needle = format!("</{name}");
    let Some(at) = find_ci(html, &needle) else { return "" };
    let after = &html[at + needle.len()..];
    after.find('>').map_or("", |end| &after[end + 1..])
}

/// Whether the HTML between two tags shows no text.
fn no_text(html: &str) -> bool {
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => return false,
            _ => {}
        }
    }
    true
}

fn push_attr(out: &mut String, name: &str, value: Option<&str>) {
    out.push(' ');
    out.push_str(name);
    if let Some(value) = value {
        out.push_str("=\"");
        out.push_str(&value.replace('"', "&quot;"));
        out.push('"');
    }
}

/// Text or an attribute value as HTML; `&` is left alone, since the
/// values come from HTML and may hold entities already.
fn escape(text: &str) -> String {
    text.replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Where the ASCII `needle` first is in `haystack`, ignoring ASCII case.
/// memchr finds the candidates by their first byte: every HTML body goes
/// through here, some of them megabytes long.
fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h)
        .find(|&i| h.get(i..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n)))
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    find_ci(haystack, needle).is_some()
}

/// A tag as scanned: lower-cased name, attributes with their raw values
/// (`None` for a bare attribute), and its length after the `<` (or `</`).
struct Tag<'a> {
    name: String,
    attrs: Vec<(String, Option<&'a str>)>,
    len: usize,
}

impl<'a> Tag<'a> {
    fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs.iter().find(|(n, _)| n == name).and_then(|(_, v)| *v)
    }
}

/// Reads `name attr="v" ...>` from just after `<` or `</`; `None` when no
/// `>` ends it. Quoted values may hold `>`.
fn scan_tag(s: &str) -> Option<Tag<'_>> {
    let bytes = s.as_bytes();
    let name_len =
        bytes.iter().position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>')).unwrap_or(bytes.len());
    let mut tag = Tag { name: s[..name_len].to_ascii_lowercase(), attrs: Vec::new(), len: 0 };
    let mut i = name_len;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        if bytes[i] == b'>' {
            tag.len = i + 1;
            return Some(tag);
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        // `=` can start a name (`<a =x>`): take it as part of the name.
        if i == start {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = None;
        if j < bytes.len() && bytes[j] == b'=' {
            i = j + 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let end = bytes[i + 1..].iter().position(|&b| b == quote)? + i + 1;
                value = Some(&s[i + 1..end]);
                i = end + 1;
            } else {
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'>')
                    .map_or(bytes.len(), |p| p + i);
                value = Some(&s[i..end]);
                i = end;
            }
        }
        if !tag.attrs.iter().any(|(n, _)| *n == name) {
            tag.attrs.push((name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(fragment: &str) -> String {
        fragment.to_owned()
    }

    #[test]
    fn noscript_is_unwrapped_and_lazy_images_made_plain() {
        let html = r#"<img src="data:image/gif;base64,R0lG" data-src="/a.jpg" data-srcset="/a.jpg 1x, /a2.jpg 2x" class="lazy" alt='say "hi"'><NoScript><img src="/a.jpg"></noscript>"#;
        assert_eq!(
            before(html, &same),
            r#"<img class="lazy" alt="say &quot;hi&quot;" src="/a.jpg" srcset="/a.jpg 1x, /a2.jpg 2x"><img src="/a.jpg">"#
        );
        let plain = "<p>No media <b>here</b></p>";
        assert!(matches!(before(plain, &same), Cow::Borrowed(_)));
    }

    #[test]
    fn raw_text_and_comments_are_left_alone() {
        let html = "<!-- <iframe src=x> --><script>var a = '<iframe src=\"https://e.com\">';</script><![CDATA[<noscript>]]><noscript>t</noscript>";
        assert_eq!(
            before(html, &same),
            "<!-- <iframe src=x> --><script>var a = '<iframe src=\"https://e.com\">';</script><![CDATA[<noscript>]]>t"
        );
    }

    #[test]
    fn noscript_content_ends_where_a_scripting_parser_ends_it() {
        let html = r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>after"#;
        let cleaned = before(html, &|fragment| format!("[{fragment}]"));
        assert_eq!(cleaned, r#"[<p title="]<img src=x onerror=alert(1)>">after"#);
        // A nested one is unwrapped too; its end tags are strays.
        let nested = "<noscript><NOSCRIPT class=x><noscripts><img src=a.png></noscript></noscript>b";
        assert_eq!(before(nested, &|f| format!("[{f}]")), "[<noscripts><img src=a.png>]b");
    }

    #[test]
    fn iframes_become_links() {
        for (html, want) in [
            (
                r#"<iframe width="560" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0" title="A video"></iframe>after"#,
                r#"<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">A video</a>after"#,
            ),
            (
                r#"<iframe src="//player.vimeo.com/video/76979871?h=1">fallback</iframe>"#,
                r#"<a href="https://vimeo.com/76979871">https://vimeo.com/76979871</a>"#,
            ),
            (r#"<iframe src="https://maps.example/embed?a=1&amp;b=2">no frames</iframe>x"#, "x"),
            (r#"<iframe src="https://www.youtube.com/embed/a%22b">t</iframe>x"#, "x"),
            (r#"<iframe src="javascript:alert(1)">x</iframe>y"#, "y"),
            (r#"<iframe>never closed"#, ""),
        ] {
            assert_eq!(before(html, &same), want, "{html}");
        }
    }

    #[test]
    fn images_without_src_or_repeated_go() {
        let html = r#"<p><img alt="x"><img src="https://e.com/a.jpg" class="lazy"> <img src="https://e.com/a.jpg"></p><p>text</p><p><img src="https://e.com/a.jpg"><img srcset="https://e.com/b.jpg 2x"></p>"#;
        assert_eq!(
            after(html.to_owned()),
            r#"<p><img src="https://e.com/a.jpg" class="lazy"> </p><p>text</p><p><img src="https://e.com/a.jpg"><img srcset="https://e.com/b.jpg 2x"></p>"#
        );
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for html in
            ["<", "<img", "<img src='x", "<iframe src=", "<noscript", "</", "<!--", "<img =x data-src=é>", "<script>"]
        {
            let _ = before(html, &same);
            let _ = after(html.to_owned());
        }
    }
}

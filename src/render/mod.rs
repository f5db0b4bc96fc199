//! Article bodies -> sanitised HTML with absolute links, and plain-text
//! summaries. Markdown options and the sanitiser policy live here, one
//! function each.
//!
//! Invariant: whatever the body, the HTML that leaves this module has no
//! script, style, frame, object or form element, no event-handler attribute,
//! no `javascript:`-like URL, and no relative URL in `href`, `src`, `cite`
//! or `srcset`.

mod markdown;
mod media;
mod plain_text;
mod summary;
pub(crate) mod template;

use std::borrow::Cow;

use url::Url;

use crate::source::BodyFormat;

pub(crate) use summary::{
    all_text as summary_of_all, before_separator as text_before_separator, from_html as summary_from_html,
    truncate as truncate_summary,
};

/// The body as sanitised HTML whose links are absolute against `base` (the
/// article's own URL).
pub(crate) fn body_to_html(format: BodyFormat, body: &str, base: &Url) -> String {
    match format {
        // Escaped by construction and without links: nothing to sanitise.
        BodyFormat::PlainText => plain_text::to_html(body),
        BodyFormat::Markdown => {
            markdown::to_html(body, base).unwrap_or_else(|| sanitize(&markdown::to_raw_html(body), base))
        }
        BodyFormat::Html => sanitize(body, base),
    }
}

/// `body_to_html` after the template pass (see `template`): the HTML, and
/// what that pass found (tags it could not render, at byte offsets of
/// `body`). Plain
/// text is not written for a generator, so it has no templates.
pub(crate) fn body_to_html_in(format: BodyFormat, body: &str, page: &template::Page<'_>) -> (String, template::Report) {
    let output = match format {
        BodyFormat::PlainText => return (body_to_html(format, body, page.url), template::Report::default()),
        BodyFormat::Markdown => template::Output::Markdown,
        BodyFormat::Html => template::Output::Html,
    };
    let (body, findings) = template::process(body, output, page);
    (body_to_html(format, &body, page.url), findings)
}

/// A summary written in the front matter, free of template tags.
pub(crate) fn summary_text(summary: &str, page: &template::Page<'_>) -> (String, template::Report) {
    let (text, findings) = template::process(summary, template::Output::Text, page);
    (crate::text::collapse_whitespace(&text), findings)
}

/// The sanitiser policy: ammonia's defaults (no script, style, iframe,
/// object, form, event handlers or dangerous URL schemes; comments dropped;
/// `rel="noopener noreferrer"` on links) plus responsive images and media
/// (`video`, `audio`, `source`, `track`, `picture`, `figure`), with every
/// relative URL made absolute against `base`. Media addresses (`src`,
/// `poster`) must be http(s); `video` and `audio` always get `controls`
/// and never `autoplay`. `media::before` and `media::after` repair what
/// real sites write around it (`<noscript>`, lazy images, iframes).
pub(super) fn sanitize(html: &str, base: &Url) -> String {
    let html = limit_nesting(html);
    let policy = policy(base);
    let html = media::before(&html, &|fragment| policy.clean(fragment).to_string());
    media::after(policy.clean(&html).to_string())
}

/// The ammonia builder for `sanitize`.
fn policy(base: &Url) -> ammonia::Builder<'static> {
    let srcset_base = base.clone();
    let mut builder = ammonia::Builder::default();
    builder
        .add_tag_attributes("img", &["srcset", "sizes", "loading"])
        .add_tags(&["picture", "source", "figure", "figcaption", "video", "audio", "track"])
        .add_tag_attributes("source", &["src", "srcset", "sizes", "media", "type"])
        .add_tag_attributes(
            "video",
            &["src", "poster", "controls", "width", "height", "loop", "muted", "playsinline", "preload"],
        )
        .add_tag_attributes("audio", &["src", "controls", "loop", "muted", "preload"])
        .add_tag_attributes("track", &["src", "kind", "srclang", "label", "default"])
        // Readers play nothing by themselves: without controls a video
        // could not be started at all.
        .set_tag_attribute_value("video", "controls", "")
        .set_tag_attribute_value("audio", "controls", "")
        // Validators flag these as unsafe or not HTML; readers drop them anyway.
        .rm_tags(&["bdo", "rtc"])
        .url_relative(ammonia::UrlRelative::RewriteWithBase(base.clone()))
        .attribute_filter(move |element, attribute, value| match (element, attribute) {
            (_, "srcset") => absolute_srcset(value, &srcset_base),
            // ammonia leaves `cite` alone, and lets media load from any of
            // its URL schemes: make them absolute and http(s) like `href`.
            (_, "cite" | "poster") | ("video" | "audio" | "source" | "track", "src") => srcset_base
                .join(value.trim())
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .map(|u| Cow::Owned(u.to_string())),
            _ => Some(Cow::Borrowed(value)),
        });
    builder
}

/// Elements nested deeper than any article needs (tens of thousands of
/// `<div>`) make HTML parsing take time that grows with the square of the
/// depth: opening tags beyond this depth are dropped (with their closing
/// tags), keeping the text.
const MAX_HTML_DEPTH: usize = 256;

/// Elements that have no closing tag, so they never nest.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

fn limit_nesting(html: &str) -> Cow<'_, str> {
    // Cheap test first: shallow documents have few tags.
    if html.matches('<').count() <= MAX_HTML_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut dropped) = (0usize, 0usize);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag_end = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        let tag = &rest[open..tag_end];
        let closing = tag.starts_with("</");
        let name: String = tag.trim_start_matches(['<', '/']).chars().take_while(char::is_ascii_alphanumeric).collect();
        let nests = !name.is_empty() && !tag.ends_with("/>") && !VOID.contains(&name.to_ascii_lowercase().as_str());
        let keep = match (nests, closing) {
            (false, _) => true,
            (true, false) if depth >= MAX_HTML_DEPTH => {
                dropped += 1;
                false
            }
            (true, false) => {
                depth += 1;
                true
            }
            (true, true) if dropped > 0 => {
                dropped -= 1;
                false
            }
            (true, true) => {
                depth = depth.saturating_sub(1);
                true
            }
        };
        if keep {
            out.push_str(tag);
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `srcset` with each candidate's URL made absolute; candidates whose URL is
/// not http(s) are dropped, and so is the attribute when none is left.
fn absolute_srcset<'a>(value: &'a str, base: &Url) -> Option<Cow<'a, str>> {
    let mut candidates = Vec::new();
    for candidate in value.split(',') {
        let mut parts = candidate.split_whitespace();
        let Some(url) = parts.next() else { continue };
        let Ok(url) = base.join(url) else { continue };
        if !matches!(url.scheme(), "http" | "https") {
            continue;
        }
        let descriptor: Vec<&str> = parts.collect();
        if descriptor.is_empty() {
            candidates.push(url.to_string());
        } else {
            candidates.push(format!("{url} {}", descriptor.join(" ")));
        }
    }
    (!candidates.is_empty()).then(|| Cow::Owned(candidates.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://example.com/2026/01/post/").unwrap()
    }

    fn md(text: &str) -> String {
        body_to_html(BodyFormat::Markdown, text, &base())
    }

    #[test]
    fn markdown_extensions() {
        assert!(md("| a | b |\n|---|---|\n| 1 | 2 |\n").contains("<table>"));
        assert!(md("~~gone~~").contains("<del>gone</del>"));
        assert!(md("x[^1]\n\n[^1]: note\n").contains("note"));
        assert_eq!(md("“curly” — quotes"), "<p>“curly” — quotes</p>\n");
    }

    #[test]
    fn links_become_absolute() {
        let html = md("[a](other/) [b](/root/) [c](../up.html) [d](#frag) [e](//cdn.example.net/x) ![i](img.png)");
        for want in [
            r#"href="https://example.com/2026/01/post/other/""#,
            r#"href="https://example.com/root/""#,
            r#"href="https://example.com/2026/01/up.html""#,
            r##"href="https://example.com/2026/01/post/#frag""##,
            r#"href="https://cdn.example.net/x""#,
            r#"src="https://example.com/2026/01/post/img.png""#,
        ] {
            assert!(html.contains(want), "{want} not in {html}");
        }
    }

    #[test]
    fn srcset_becomes_absolute() {
        let html = body_to_html(
            BodyFormat::Html,
            r#"<img src="a.png" srcset="a.png 1x, /b.png 2x, javascript:alert(1) 3x">"#,
            &base(),
        );
        assert!(
            html.contains(r#"srcset="https://example.com/2026/01/post/a.png 1x, https://example.com/b.png 2x""#),
            "{html}"
        );
    }

    #[test]
    fn hostile_html_is_removed() {
        let hostile = r#"<script>alert(1)</script><style>p{}</style><iframe src="x"></iframe>
<p onclick="evil()">hi <a href="javascript:alert(1)">x</a> <a href="vbscript:x">y</a>
<img src="data:image/png;base64,AAAA"><object data="x"></object><embed src="x">
<svg><script>alert(1)</script></svg><base href="https://evil.example/"><!-- c -- c -->
<form><input></form><math><mi>x</mi></math>"#;
        let html = body_to_html(BodyFormat::Html, hostile, &base());
        for bad in [
            "<script",
            "alert",
            "<style",
            "<iframe",
            "onclick",
            "javascript:",
            "vbscript:",
            "data:",
            "<object",
            "<embed",
            "<svg",
            "<base",
            "<!--",
            "<form",
            "<input",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<p>hi"));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let deep = format!("{}deep{}", "<div>".repeat(50_000), "</div>".repeat(50_000));
        let html = body_to_html(BodyFormat::Html, &deep, &base());
        assert!(html.contains("deep"));
        assert_eq!(html.matches("<div>").count(), MAX_HTML_DEPTH);
        assert_eq!(html.matches("</div>").count(), MAX_HTML_DEPTH);
        let shallow = "<div><p>a<br>b<img src=\"x.png\"></p></div>";
        assert_eq!(limit_nesting(shallow), shallow);
    }

    #[test]
    fn cite_becomes_absolute_or_goes() {
        let html = body_to_html(
            BodyFormat::Html,
            r#"<blockquote cite="../src">a</blockquote><q cite="javascript:x()">b</q><bdo dir="rtl">c</bdo>"#,
            &base(),
        );
        assert!(html.contains(r#"<blockquote cite="https://example.com/2026/01/src">"#), "{html}");
        assert!(!html.contains("javascript") && !html.contains("<bdo"), "{html}");
    }

    #[test]
    fn markdown_without_raw_html_matches_the_sanitised_path() {
        let text = "# T\n\n[a](other/ \"t\") [b](/root/) ![i](img.png) <https://x.example/> *e* **s** ~~d~~ `c < d`\n\n| a |\n|---|\n| 1 |\n\n```rust\nfn x() {}\n```\n\n> q\n\n- [mail](mailto:a@b.c)\n";
        let fast = markdown::to_html(text, &base()).expect("no raw HTML");
        let slow = sanitize(&markdown::to_raw_html(text), &base());
        // The sanitiser adds `rel` to links, drops `class` and writes `<img>` without `/`.
        let fast = fast.replace(" />", ">").replace(" class=\"language-rust\"", "");
        assert_eq!(fast, slow.replace(" rel=\"noopener noreferrer\"", ""));
    }

    #[test]
    fn dangerous_markdown_links_are_dropped() {
        let html =
            md("[x](javascript:alert(1)) [y](vbscript:x) ![z](data:image/png;base64,AA) [ok](https://ok.example/)");
        assert!(!html.contains("javascript") && !html.contains("vbscript") && !html.contains("data:"), "{html}");
        assert!(html.contains(r#"<a href="https://ok.example/""#), "{html}");
        assert!(html.contains(">x<") || html.contains("x "), "{html}");
    }

    #[test]
    fn raw_html_in_markdown_is_sanitised() {
        let html = md("Hello <script>x()</script> <b onmouseover=\"x()\">bold</b>\n\n<div><iframe></iframe></div>\n");
        assert!(!html.contains("script") && !html.contains("iframe") && !html.contains("onmouseover"), "{html}");
        assert!(html.contains("<b>bold</b>"));
    }

    #[test]
    fn media_is_kept_with_absolute_http_urls() {
        let html = body_to_html(
            BodyFormat::Html,
            r#"<figure><video autoplay width="640" poster="poster.jpg" onplay="x()"><source src="clip.mp4" type="video/mp4"><source src="ftp://e.com/c.webm"><track kind="captions" src="c.vtt" srclang="en" label="English">Your browser…</video><figcaption>Clip</figcaption></figure><audio src="javascript:alert(1)" controls loop></audio>"#,
            &base(),
        );
        assert_eq!(
            html,
            r#"<figure><video width="640" poster="https://example.com/2026/01/post/poster.jpg" controls=""><source src="https://example.com/2026/01/post/clip.mp4" type="video/mp4"><source><track kind="captions" src="https://example.com/2026/01/post/c.vtt" srclang="en" label="English">Your browser…</video><figcaption>Clip</figcaption></figure><audio controls="" loop=""></audio>"#
        );
    }

    #[test]
    fn noscript_images_show_once() {
        let html = body_to_html(
            BodyFormat::Html,
            r#"<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="photo.jpg" alt="A photo" class="lazyload"><noscript><img src="photo.jpg" alt="A photo"></noscript></p><noscript><img src="only.jpg"></noscript>"#,
            &base(),
        );
        assert_eq!(
            html,
            r#"<p><img alt="A photo" src="https://example.com/2026/01/post/photo.jpg"></p><img src="https://example.com/2026/01/post/only.jpg">"#
        );
        assert!(!html.contains("&lt;"));
    }

    #[test]
    fn heading_attributes_are_consumed() {
        assert_eq!(md("## Install {#install .wide}\n\nText"), "<h2>Install</h2>\n<p>Text</p>\n");
        let raw = md("## Install {#install}\n\n<b>x</b>");
        assert!(raw.starts_with("<h2>Install</h2>"), "{raw}");
    }

    #[test]
    fn iframes_leave_a_link() {
        let html = md(
            "Watch:\n\n<iframe src=\"https://www.youtube.com/embed/abc_DEF-123\" title=\"Launch\" allowfullscreen></iframe>\n",
        );
        assert!(
            html.contains(
                r#"<a href="https://www.youtube.com/watch?v=abc_DEF-123" rel="noopener noreferrer">Launch</a>"#
            ),
            "{html}"
        );
        assert!(!html.contains("iframe"), "{html}");
    }
}

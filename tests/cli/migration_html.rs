//! Issue 12: HTML real sites write comes out whole and valid. Images in
//! `<noscript>` (lazy loading) show once, as images, not as escaped text;
//! `video`, `audio`, `source` and `track` keep their media with absolute
//! http(s) URLs; heading attributes `{#id}` are consumed; YouTube iframes
//! leave a link.

use crate::util::Site;
use crate::validity::{assert_valid_and_read_back, expected_from_json_feed};

fn content(site: &Site, title: &str) -> String {
    let feed: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    let items = feed["items"].as_array().unwrap();
    let item = items.iter().find(|i| i["title"] == title).unwrap_or_else(|| panic!("no {title} in {feed}"));
    item["content_html"].as_str().unwrap().to_owned()
}

const LAZY: &str = r#"---
title: Lazy
date: 2026-01-30
---
<p>Before.</p>
<p><img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" data-src="/img/photo.jpg" data-srcset="/img/photo.jpg 1x, /img/photo@2x.jpg 2x" class="lazyload" alt="A photo"><noscript><img src="/img/photo.jpg" alt="A photo"></noscript></p>
<noscript><img src="only-noscript.png" alt="Fallback"></noscript>
<p>After.</p>
"#;

const MEDIA: &str = r#"---
title: Media
date: 2026-01-31
---
A clip:

<figure>
<video autoplay muted poster="poster.jpg" width="640"><source src="clip.webm" type="video/webm"><source src="/media/clip.mp4" type="video/mp4"><track kind="captions" src="clip.vtt" srclang="en" label="English">Your reader cannot play this.</video>
<figcaption>The clip</figcaption>
</figure>

<audio src="https://cdn.example.org/talk.mp3" onplay="alert(1)"></audio>

<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="The talk" allowfullscreen></iframe>
"#;

const HEADINGS: &str = "---\ntitle: Headings\ndate: 2026-02-01\n---\n## Install {#install .wide}\n\nRun it.\n\n### Next {#next}\n\n[up](#install)\n";

#[test]
fn issue_12_noscript_media_and_heading_attributes() {
    let site = Site::new();
    site.write("articles/lazy.html", LAZY).write("articles/media.md", MEDIA).write("articles/headings.md", HEADINGS);
    site.build_ok();

    let lazy = content(&site, "Lazy");
    assert!(!lazy.contains("&lt;") && !lazy.contains("<noscript") && !lazy.contains("data:"), "{lazy}");
    assert_eq!(lazy.matches("photo.jpg\"").count() + lazy.matches("photo.jpg 1x").count(), 2, "{lazy}");
    assert!(lazy.contains(r#"src="https://example.com/img/photo.jpg""#), "{lazy}");
    assert!(lazy.contains(r#"https://example.com/img/photo@2x.jpg 2x"#), "{lazy}");
    assert!(lazy.contains(r#"src="https://example.com/2026/01/lazy/only-noscript.png""#), "{lazy}");
    assert_eq!(lazy.matches("<img").count(), 2, "the lazy image and its noscript copy show once: {lazy}");

    let media = content(&site, "Media");
    for want in [
        r#"poster="https://example.com/2026/01/media/poster.jpg""#,
        r#"<source src="https://example.com/2026/01/media/clip.webm" type="video/webm">"#,
        r#"<source src="https://example.com/media/clip.mp4" type="video/mp4">"#,
        r#"<track kind="captions" src="https://example.com/2026/01/media/clip.vtt" srclang="en" label="English">"#,
        r#"controls="""#,
        "<figcaption>The clip</figcaption>",
        r#"src="https://cdn.example.org/talk.mp3""#,
        r#"<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer">The talk</a>"#,
    ] {
        assert!(media.contains(want), "{want} not in {media}");
    }
    for bad in ["autoplay", "onplay", "alert", "<iframe", "embed/"] {
        assert!(!media.contains(bad), "{bad} in {media}");
    }

    let headings = content(&site, "Headings");
    assert!(headings.contains("<h2>Install</h2>") && headings.contains("<h3>Next</h3>"), "{headings}");
    assert!(!headings.contains('{'), "{headings}");

    // The build's own check passed; the files are clean for `check` under
    // --deny-warnings too, and read back in feedparser and feed-rs.
    let output = site.run(&["check", "--deny-warnings", "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"]);
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_valid_and_read_back(&site, &expected_from_json_feed(&site));
}

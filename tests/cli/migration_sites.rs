//! Issue 12, end to end: a look-alike of a real Jekyll, Hugo, Zola and
//! Eleventy site (`tests/fixtures/migration/`) builds with nothing but its
//! `feedwright.toml`; every post is in the feeds at the URL the generator
//! itself gave it; no template syntax reaches a reader; the feeds are valid
//! and read back; and `feedwright adopt` on the generator's own feed makes
//! every entry keep its old id, in a fresh copy with no cache too.

use std::path::{Path, PathBuf};

use crate::util::{Site, repo};
use crate::validity::{assert_valid_and_read_back, expected_from_json_feed};

/// A copy of `tests/fixtures/migration/<kind>` in a temporary folder.
fn lookalike(kind: &str) -> Site {
    let site = Site::empty();
    copy_dir(&repo().join("tests/fixtures/migration").join(kind), site.path());
    site
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn json_items(site: &Site) -> Vec<serde_json::Value> {
    let feed: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    feed["items"].as_array().unwrap().clone()
}

/// The site-relative paths of the posts, sorted.
fn url_paths(site: &Site, base: &str) -> Vec<String> {
    let mut paths: Vec<String> = json_items(site)
        .iter()
        .map(|i| i["url"].as_str().unwrap().strip_prefix(base.trim_end_matches('/')).unwrap().to_owned())
        .collect();
    paths.sort();
    paths
}

fn expected_paths(site: &Site) -> Vec<String> {
    let mut paths: Vec<String> = site.read_string("expected-urls.txt").lines().map(str::to_owned).collect();
    paths.sort();
    paths
}

/// Text a template engine would have replaced, outside `<pre>` and `<code>`.
fn template_syntax(html: &str) -> Vec<String> {
    let mut text = html.to_owned();
    for (open, close) in [("<pre", "</pre>"), ("<code", "</code>")] {
        while let Some(start) = text.find(open) {
            let end = text[start..].find(close).map_or(text.len(), |e| start + e + close.len());
            text.replace_range(start..end, "");
        }
    }
    ["{%", "%}", "{{<", ">}}", "{{%", "%}}", "{{ "]
        .iter()
        .filter(|marker| text.contains(*marker))
        .map(|marker| (*marker).to_owned())
        .collect()
}

/// The text of the content's `<code>` elements, which a plain-text summary
/// may quote without its markup.
fn code_texts(html: &str) -> Vec<String> {
    html.split("<code")
        .skip(1)
        .filter_map(|rest| Some(rest[rest.find('>')? + 1..rest.find("</code>")?].to_owned()))
        .collect()
}

fn assert_no_template_syntax(site: &Site) {
    for item in json_items(site) {
        let content = item["content_html"].as_str().unwrap_or_default();
        for key in ["content_html", "summary", "title"] {
            let mut text = item[key].as_str().unwrap_or_default().to_owned();
            if key == "summary" {
                for code in code_texts(content) {
                    text = text.replace(
                        &code.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\""),
                        "",
                    );
                }
            }
            let found = template_syntax(&text);
            assert!(found.is_empty(), "{} {key} holds {found:?}:\n{text}", item["url"]);
        }
    }
}

/// Our own `check` with no warning, the schemas, and both readers agreeing
/// with the JSON Feed on every entry.
fn assert_valid(site: &Site) {
    let output = site.run(&["check", "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"]);
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success() && report.contains(" 0 errors, 0 warnings"), "check:\n{report}");
    assert_valid_and_read_back(site, &expected_from_json_feed(site));
}

/// The ids of the generator's own feed, without the feed's own id.
fn old_ids(site: &Site) -> Vec<String> {
    let old = site.read_string("old-feed.xml");
    let parsed = feed_rs::parser::parse(old.as_bytes()).unwrap();
    let mut ids: Vec<String> = parsed.entries.iter().map(|e| e.id.clone()).collect();
    ids.sort();
    ids
}

fn ids_in_every_format(site: &Site) -> Vec<String> {
    let [rss, atom, json] = site.feed_paths();
    let mut all: Vec<Vec<String>> = [rss, atom, json]
        .iter()
        .map(|path: &PathBuf| {
            let parsed = feed_rs::parser::parse(&std::fs::read(path).unwrap()[..]).unwrap();
            let mut ids: Vec<String> = parsed.entries.iter().map(|e| e.id.clone()).collect();
            ids.sort();
            ids
        })
        .collect();
    let json = all.pop().unwrap();
    for other in &all {
        assert_eq!(other, &json, "every format has the same ids");
    }
    json
}

/// The whole check for one look-alike; returns the site for more asserts.
fn migrates(kind: &str, base: &str) -> Site {
    let site = lookalike(kind);
    let stderr = site.build_ok();
    assert_eq!(url_paths(&site, base), expected_paths(&site), "{kind}: URLs differ from the generator's\n{stderr}");
    assert_no_template_syntax(&site);
    assert_valid(&site);

    let adopt = site.run(&["adopt", "old-feed.xml"]);
    let report = format!("{}{}", String::from_utf8_lossy(&adopt.stdout), String::from_utf8_lossy(&adopt.stderr));
    assert!(adopt.status.success(), "{kind}: adopt failed:\n{report}");
    site.build_ok();
    assert_eq!(ids_in_every_format(&site), old_ids(&site), "{kind}: every old id is kept\n{report}");
    assert_valid(&site);

    // Permanently: a copy without the cache builds the same ids.
    std::fs::remove_dir_all(site.path().join(".feedwright-cache")).ok();
    std::fs::remove_dir_all(site.path().join("feeds")).unwrap();
    site.build_ok();
    assert_eq!(ids_in_every_format(&site), old_ids(&site), "{kind}: ids kept without cache or feeds");
    site
}

fn item_by_url<'a>(items: &'a [serde_json::Value], path: &str) -> &'a serde_json::Value {
    items.iter().find(|i| i["url"].as_str().unwrap().ends_with(path)).unwrap_or_else(|| panic!("no item at {path}"))
}

#[test]
fn issue_12_a_jekyll_posts_folder_migrates() {
    let site = migrates("jekyll", "https://jekyll.example.org/");
    let items = json_items(&site);
    let sass = item_by_url(&items, "/news/2022/12/21/sass-converter-3.0-released/");
    let html = sass["content_html"].as_str().unwrap();
    assert!(html.contains("https://jekyll.example.org/news/2016/08/24/admin-initial-release/"), "{html}");
    assert!(!html.contains("Draft note for the team"), "a Liquid comment stays hidden: {html}");
    assert!(html.contains("https://github.com/example/jekyll-lookalike/issues/9000"), "site-values: {html}");
    let lenient = item_by_url(&items, "/news/2023/01/29/lenient-date-released/");
    let html = lenient["content_html"].as_str().unwrap();
    assert!(html.contains("{{ page.title }}"), "raw keeps its text: {html}");
    assert!(html.contains("site.process"), "highlight keeps its code: {html}");
    let excerpt = item_by_url(&items, "/news/2024/06/23/excerpt-separator/");
    assert_eq!(excerpt["summary"], "Only this first part is the excerpt: it stops at the separator.");
    assert!(excerpt["content_html"].as_str().unwrap().contains("{% for post in site.posts %}"), "code stays");
}

#[test]
fn issue_12_a_hugo_content_folder_migrates() {
    let site = migrates("hugo", "https://hugo.example.org/");
    let items = json_items(&site);
    let bundle = item_by_url(&items, "/blog/2022/collector-bundle/");
    let html = bundle["content_html"].as_str().unwrap();
    assert!(html.contains("https://hugo.example.org/blog/2022/collector-bundle/pipeline.png"), "{html}");
    assert!(!html.contains("TODO(reviewers)"), "a comment shortcode stays hidden: {html}");
    assert!(html.contains("w7Ft2ymGmfc"), "the video is linked: {html}");
    assert!(
        html.contains("{{&lt; figure src=\"x.png\" &gt;}}") || html.contains("{{< figure src=\"x.png\" >}}"),
        "{html}"
    );
    let cpp = item_by_url(&items, "/blog/2021/cpp/");
    assert!(cpp["content_html"].as_str().unwrap().contains("<figcaption>"), "{cpp}");
    // `author: '[Jane Doe](https://github.com/janedoe)'`: the name, and the link as her page.
    assert_eq!(cpp["authors"][0]["name"], "Jane Doe", "{cpp}");
    assert_eq!(cpp["authors"][0]["url"], "https://github.com/janedoe", "{cpp}");
}

#[test]
fn issue_12_a_zola_content_folder_migrates() {
    let site = migrates("zola", "https://zola.example.org/");
    let items = json_items(&site);
    let gats = item_by_url(&items, "/2022/10/28/gats-stabilization/");
    assert!(gats["date_published"].as_str().unwrap().starts_with("2022-10-28"), "the date of the path: {gats}");
    let meeting = item_by_url(&items, "/inside-rust/2019/10/15/compiler-team-meeting/");
    assert!(meeting["content_html"].as_str().unwrap().contains("Minutes are in the team"), "{meeting}");
}

#[test]
fn issue_12_an_eleventy_blog_folder_migrates() {
    let site = migrates("eleventy", "https://eleventy.example.org/");
    let items = json_items(&site);
    let video = item_by_url(&items, "/blog/video-channel/");
    assert_eq!(video["title"], "A New Video Channel");
    assert!(video["content_html"].as_str().unwrap().contains("Subscribe to get new videos"), "{video}");
}

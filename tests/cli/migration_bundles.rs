//! Issue 12: Hugo, Jekyll, Zola and Eleventy content folders build as they
//! are. Page bundles (`post/index.md` with its images) are articles named
//! after their folder, with relative links resolving against their URL;
//! section pages (`_index.md`) are not articles.

use crate::util::Site;

/// The JSON Feed's items.
fn items(site: &Site) -> Vec<serde_json::Value> {
    let feed: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    feed["items"].as_array().unwrap().clone()
}

fn urls(site: &Site) -> Vec<String> {
    let mut urls: Vec<String> = items(site).iter().map(|i| i["url"].as_str().unwrap().to_owned()).collect();
    urls.sort();
    urls
}

/// A Hugo-like `content/` folder: a section page without a date, two page
/// bundles (one dated by its folder name, one with an image, resources of
/// every article extension and a sub-folder), and an ordinary post.
fn hugo_site() -> Site {
    let site = Site::new();
    site.write("articles/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .write("articles/posts/_index.md", "+++\ntitle = \"Posts\"\n+++\nAll the posts.\n")
        .write(
            "articles/posts/trip/index.md",
            "---\ntitle: The trip\ndate: 2026-01-30\n---\n![Cover](cover.png)\n\nSee [the notes](notes/).\n",
        )
        .write("articles/posts/trip/cover.png", b"\x89PNG\r\n\x1a\n")
        .write("articles/posts/trip/extra.md", "not an article, no front matter\n")
        .write("articles/posts/trip/embed.html", "<p>a resource</p>\n")
        .write("articles/posts/trip/credits.txt", "a resource\n")
        .write("articles/posts/trip/script.js", "console.log(1)\n")
        .write("articles/posts/trip/gallery/one.md", "not an article either\n")
        .write("articles/posts/2026-02-03-zola-style/index.md", "+++\ntitle = \"Zola style\"\n+++\nHello.\n")
        .write("articles/posts/2026-02-04-plain.md", "---\ntitle: Plain\n---\nA post that is a file.\n");
    site
}

#[test]
fn issue_12_page_bundles_are_named_after_their_folder_and_resources_are_not_articles() {
    let site = hugo_site();
    let stderr = site.build_ok();
    assert!(!stderr.contains("_index"), "section pages are skipped quietly:\n{stderr}");
    assert!(!stderr.contains("extra.md") && !stderr.contains("gallery"), "resources are not read:\n{stderr}");
    assert_eq!(
        urls(&site),
        [
            "https://example.com/2026/01/trip/",
            "https://example.com/2026/02/plain/",
            "https://example.com/2026/02/zola-style/",
        ]
    );
    let items = items(&site);
    let zola = items.iter().find(|i| i["title"] == "Zola style").unwrap();
    assert!(zola["date_published"].as_str().unwrap().starts_with("2026-02-03"), "{zola}");
    let trip = items.iter().find(|i| i["title"] == "The trip").unwrap();
    let html = trip["content_html"].as_str().unwrap();
    assert!(html.contains(r#"src="https://example.com/2026/01/trip/cover.png""#), "{html}");
    assert!(html.contains(r#"href="https://example.com/2026/01/trip/notes/""#), "{html}");
    let rss = site.read_string("feeds/rss.xml");
    assert!(rss.contains("https://example.com/2026/01/trip/cover.png"), "{rss}");
    assert!(!rss.contains("/index/"), "{rss}");
}

#[test]
fn issue_12_a_section_page_without_a_date_does_not_fail_deny_warnings() {
    let site = hugo_site();
    let output = site.run(&["build", "--deny-warnings"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let output = site.run(&["list"]);
    let listed = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && !listed.contains("Home") && !listed.contains("Posts"), "{listed}");
}

#[test]
fn issue_12_an_index_at_the_top_of_the_articles_folder_stays_an_article() {
    let site = Site::new();
    site.write("articles/index.md", "---\ntitle: Top\ndate: 2026-01-05\n---\nHi.\n")
        .write("articles/2026-01-06-other.md", "---\ntitle: Other\n---\nHo.\n");
    site.build_ok();
    assert_eq!(urls(&site), ["https://example.com/2026/01/index/", "https://example.com/2026/01/other/"]);
}

fn config_with(articles: &str) -> String {
    format!("{}\n[articles]\n{articles}\n", crate::util::CONFIG)
}

/// A Jekyll-like folder with drafts, notes and pages beside the posts.
fn mixed_site(articles: &str) -> Site {
    let site = Site::with_config(&config_with(articles));
    site.write("articles/2026-01-01-first.md", "---\ntitle: First\n---\nOne.\n")
        .write("articles/about.md", "---\ntitle: About\n---\nNo date: a page.\n")
        .write("articles/posts/about.md", "---\ntitle: Posts about\ndate: 2026-01-03\n---\nA post.\n")
        .write("articles/drafts/2026-01-02-wip.md", "---\ntitle: WIP\n---\nNot yet.\n")
        .write("articles/notes.txt", "Notes\n\nNo date either.\n")
        .write("articles/keep.txt", "---\ndate: 2026-01-04\n---\nKept\n\nA kept text.\n")
        .write("articles/posts/trip/index.md", "---\ntitle: Trip\ndate: 2026-01-05\n---\n![](cover.png)\n");
    site
}

#[test]
fn issue_12_exclude_globs_are_gitignore_style() {
    let site = mixed_site(r#"exclude = ["drafts/**", "*.txt", "/about.md", "!keep.txt"]"#);
    let output = site.run(&["build", "--deny-warnings"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        urls(&site),
        [
            "https://example.com/2026/01/about/",
            "https://example.com/2026/01/first/",
            "https://example.com/2026/01/keep/",
            "https://example.com/2026/01/trip/",
        ]
    );
    let titles: Vec<String> = items(&site).iter().map(|i| i["title"].as_str().unwrap().to_owned()).collect();
    assert!(titles.contains(&"Posts about".to_owned()) && !titles.contains(&"About".to_owned()), "{titles:?}");
}

#[test]
fn issue_12_include_globs_keep_only_the_files_they_match() {
    let site = mixed_site(r#"include = ["posts/", "/2026-*.md"]"#);
    site.build_ok();
    assert_eq!(
        urls(&site),
        [
            "https://example.com/2026/01/about/",
            "https://example.com/2026/01/first/",
            "https://example.com/2026/01/trip/",
        ]
    );
    // Include and exclude together: exclude has the last word.
    let site = mixed_site("include = [\"posts/**\"]\nexclude = [\"trip/\"]");
    site.build_ok();
    assert_eq!(urls(&site), ["https://example.com/2026/01/about/"]);
}

#[test]
fn issue_12_a_bad_glob_is_a_configuration_error_at_its_line() {
    let site = mixed_site("exclude = [\n  \"drafts/**\",\n  \"posts/[ab\",\n]");
    let stderr = site.build_fails(2);
    let line = crate::util::CONFIG.lines().count() + 5;
    assert!(
        stderr.contains(&format!("error: feedwright.toml:{line}: `articles.exclude` `posts/[ab` is not a valid glob")),
        "{stderr}"
    );
    assert!(!site.path().join("feeds/feed.json").exists());
    let site = mixed_site("include = [\"{a,b\"]");
    let stderr = site.build_fails(2);
    assert!(stderr.contains("`articles.include` `{a,b` is not a valid glob"), "{stderr}");
    let site = mixed_site("include = []");
    let stderr = site.build_fails(2);
    assert!(stderr.contains("`articles.include` is empty"), "{stderr}");
}

#[test]
fn issue_12_a_changed_glob_is_seen_by_the_next_build_despite_the_cache() {
    let site = mixed_site(r#"exclude = ["drafts/**", "*.txt", "/about.md"]"#);
    site.build_ok();
    assert_eq!(urls(&site).len(), 3);
    site.write("feedwright.toml", config_with(r#"exclude = ["*.txt", "/about.md"]"#));
    site.build_ok();
    assert!(urls(&site).contains(&"https://example.com/2026/01/wip/".to_owned()), "{:?}", urls(&site));
    // A resource added to a bundle is not an article, and the bundle keeps its URL.
    site.write("articles/posts/trip/notes.md", "---\ntitle: Notes\ndate: 2026-01-09\n---\nA resource.\n");
    site.build_ok();
    assert_eq!(urls(&site).len(), 4);
    assert!(urls(&site).contains(&"https://example.com/2026/01/trip/".to_owned()), "{:?}", urls(&site));
}

#[test]
fn issue_12_a_post_without_a_date_takes_it_from_its_folders() {
    let site = Site::new();
    site.write("articles/2022/10/28/gats.md", "---\ntitle: From the folders\n---\nBody.\n")
        .write("articles/2023/05/01/bundle/index.md", "+++\ntitle = \"A bundle\"\n+++\nBody.\n")
        // A date written in the front matter wins over the folders'.
        .write("articles/2024/01/02/written.md", "---\ntitle: Written\ndate: 2024-03-04\n---\nBody.\n");
    site.build_ok();
    let published: Vec<(String, String)> = items(&site)
        .iter()
        .map(|i| (i["title"].as_str().unwrap().to_owned(), i["date_published"].as_str().unwrap()[..10].to_owned()))
        .collect();
    assert_eq!(
        published,
        [
            ("Written".to_owned(), "2024-03-04".to_owned()),
            ("A bundle".to_owned(), "2023-05-01".to_owned()),
            ("From the folders".to_owned(), "2022-10-28".to_owned()),
        ]
    );
    // A second build with nothing changed says and writes the same.
    let before = site.read("feeds/feed.json");
    site.build_ok();
    assert_eq!(site.read("feeds/feed.json"), before);
}

//! Issue 12: a migrated site keeps the URLs its generator gave its posts.
//! File-name slugs keep their dots as Jekyll and Hugo keep them, dates can
//! be read in the site's time zone as Jekyll reads them, and permalinks
//! have the placeholders real schemes use (`{categories}`, `{section}`,
//! `{path}`, `{title}`, `{filename}`, Jekyll's `{i_month}`…).

use crate::util::Site;
use crate::validity::{assert_valid_and_read_back, expected_from_json_feed};

fn urls(site: &Site) -> Vec<String> {
    let feed: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    let mut urls: Vec<String> =
        feed["items"].as_array().unwrap().iter().map(|i| i["url"].as_str().unwrap().to_owned()).collect();
    urls.sort();
    urls
}

fn config(site_keys: &str) -> String {
    format!("[site]\ntitle = \"Blog\"\nurl = \"https://example.com/\"\n{site_keys}\n[feeds]\nentries = \"all\"\n")
}

/// A Jekyll `_posts` folder: dotted file names, an offset that puts the
/// post on the next day in UTC, categories.
fn jekyll_posts(site: &Site) {
    site.write(
        "_posts/2023-01-29-3.0-released.md",
        "---\nlayout: post\ntitle: \"3.0 released\"\ndate: 2023-01-29 23:30:00 -0800\ncategories: release notes\n---\nBig news.\n",
    )
    .write("_posts/2023-02-01-v1.0-Trio.markdown", "---\ntitle: Trio\ndate: 2023-02-01 10:00:00 +0000\n---\nThree.\n")
    .write("_posts/2023-03-04-snake_case.md", "---\ntitle: Snakes\n---\nSss.\n");
}

#[test]
fn issue_12_jekyll_urls_in_the_site_timezone_with_categories() {
    let site = Site::with_config(&format!(
        "{}[articles]\nfolder = \"_posts\"\n",
        config(
            "timezone = \"UTC\"\npermalink = \"/{categories}/{year}/{month}/{day}/{slug}.html\"\npermalink-dates = \"site-timezone\"\nslugs = \"jekyll\"\n"
        )
    ));
    jekyll_posts(&site);
    site.build_ok();
    assert_eq!(
        urls(&site),
        [
            // Jekyll: `-0800` late on the 29th is the 30th in the site's UTC.
            "https://example.com/2023/02/01/v1.0-Trio.html",
            "https://example.com/2023/03/04/snake_case.html",
            "https://example.com/release/notes/2023/01/30/3.0-released.html",
        ]
    );
    assert_valid_and_read_back(&site, &expected_from_json_feed(&site));
}

#[test]
fn issue_12_dates_as_written_by_default_and_dots_kept() {
    let site = Site::with_config(&format!(
        "{}[articles]\nfolder = \"_posts\"\n",
        config("timezone = \"UTC\"\npermalink = \"/{year}/{i_month}/{i_day}/{slug}/\"\n")
    ));
    jekyll_posts(&site);
    site.build_ok();
    assert_eq!(
        urls(&site),
        [
            "https://example.com/2023/1/29/3.0-released/",
            "https://example.com/2023/2/1/v1.0-trio/",
            "https://example.com/2023/3/4/snake_case/",
        ]
    );
    // Zola's slugs, as feedwright made them before: dots become `-`.
    let zola = Site::with_config(&format!(
        "{}[articles]\nfolder = \"_posts\"\n",
        config("permalink = \"/{slug}/\"\nslugs = \"zola\"\n")
    ));
    jekyll_posts(&zola);
    zola.build_ok();
    assert_eq!(
        urls(&zola),
        ["https://example.com/3-0-released/", "https://example.com/snake_case/", "https://example.com/v1-0-trio/"]
    );
}

#[test]
fn issue_12_hugo_sections_paths_and_titles() {
    let site = Site::with_config(&format!(
        "{}[articles]\nfolder = \"content\"\n",
        config("permalink = \"/{section}/{title}/\"\n")
    ));
    site.write("content/_index.md", "---\ntitle: Home\n---\n")
        .write("content/posts/_index.md", "---\ntitle: Posts\n---\n")
        .write(
            "content/posts/first.md",
            "---\ntitle: \"Hello, World 2.0\"\ndate: 2024-05-01T10:00:00+02:00\n---\nHi.\n",
        )
        .write("content/posts/2024/kubecon/index.md", "---\ntitle: KubeCon NA\ndate: 2024-11-12\n---\nBundle.\n")
        .write("content/Notes/n1.md", "---\ntitle: A Note\ndate: 2024-06-01\n---\nNote.\n");
    site.build_ok();
    assert_eq!(
        urls(&site),
        [
            "https://example.com/notes/a-note/",
            "https://example.com/posts/hello-world-2.0/",
            "https://example.com/posts/kubecon-na/",
        ]
    );
    // Zola's `{path}`: every folder, and `{filename}` with its date.
    let site = Site::with_config(&format!(
        "{}[articles]\nfolder = \"content\"\n",
        config("permalink = \"/{path}/{filename}/\"\n")
    ));
    site.write("content/blog/2024/2024-01-02-new-year.md", "---\ntitle: New year\n---\nHi.\n")
        .write("content/top.md", "---\ntitle: Top\ndate: 2024-01-03\n---\nTop.\n");
    site.build_ok();
    assert_eq!(urls(&site), ["https://example.com/blog/2024/2024-01-02-new-year/", "https://example.com/top/"]);
}

#[test]
fn issue_12_patterns_that_would_collide_are_refused_or_caught() {
    let site = Site::with_config(&config("permalink = \"/{section}/{year}/\"\n"));
    site.write("articles/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\nA.\n");
    let stderr = site.build_fails(2);
    assert!(stderr.contains("must contain `{slug}`, `{title}` or `{filename}`"), "{stderr}");
    // Two titles that slugify alike: the duplicate-URL error names both files.
    let site = Site::with_config(&config("permalink = \"/{title}/\"\n"));
    site.write("articles/a.md", "---\ntitle: Same Title\ndate: 2024-01-01\n---\nA.\n")
        .write("articles/b.md", "---\ntitle: \"Same: Title!\"\ndate: 2024-01-02\n---\nB.\n");
    let stderr = site.build_fails(1);
    assert!(stderr.contains("a.md") && stderr.contains("b.md"), "{stderr}");
}

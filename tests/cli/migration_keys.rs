//! Issue 12: content folders of Hugo, Jekyll, Zola and Eleventy sites build
//! as they are: slugs that repeat across years, the dates Jekyll accepts,
//! and the keys those sites use.

use crate::util::{CONFIG, Site};

fn config_with_permalink(permalink: &str) -> String {
    CONFIG.replace("timezone = ", &format!("permalink = \"{permalink}\"\ntimezone = "))
}

#[test]
fn the_same_slug_in_two_years_is_two_articles() {
    let site = Site::with_config(&config_with_permalink("/blog/{year}/{slug}/"));
    site.write("articles/2023/kubecon-na.md", "---\ntitle: KubeCon 2023\ndate: 2023-11-06\n---\nChicago.\n");
    site.write("articles/2024/kubecon-na.md", "---\ntitle: KubeCon 2024\ndate: 2024-11-12\n---\nSalt Lake City.\n");
    let stderr = site.build_ok();
    assert!(!stderr.contains("error"), "{stderr}");
    let json = site.read_string("feeds/feed.json");
    assert!(json.contains("\"url\": \"https://example.com/blog/2023/kubecon-na/\""), "{json}");
    assert!(json.contains("\"url\": \"https://example.com/blog/2024/kubecon-na/\""), "{json}");
    assert!(json.contains("tag:example.com,2023-11-06:kubecon-na"), "{json}");
    assert!(json.contains("tag:example.com,2024-11-12:kubecon-na"), "{json}");
}

#[test]
fn the_same_url_is_an_error_naming_both_files_and_the_url() {
    let site = Site::with_config(&config_with_permalink("/blog/{year}/{slug}/"));
    site.write("articles/spring/kubecon.md", "---\ntitle: KubeCon EU\ndate: 2024-03-19\n---\nParis.\n");
    site.write("articles/fall/kubecon.md", "---\ntitle: KubeCon NA\ndate: 2024-11-12\n---\nSalt Lake City.\n");
    let stderr = site.build_fails(1);
    assert!(
        stderr.contains(
            "articles/spring/kubecon.md: URL `https://example.com/blog/2024/kubecon/` (slug `kubecon`) is also the URL of `articles/fall/kubecon.md`\n  help: give one of them another `slug:` in its front matter\n"
        ),
        "{stderr}"
    );
    assert!(!site.path().join("feeds").exists());

    // A `slug:` sets them apart.
    site.write(
        "articles/spring/kubecon.md",
        "---\ntitle: KubeCon EU\ndate: 2024-03-19\nslug: kubecon-eu\n---\nParis.\n",
    );
    site.build_ok();
}

#[test]
fn jekyll_category_space_separated_categories_and_external_url() {
    let site = Site::new();
    site.write(
        "articles/2024-05-01-link.md",
        "---\ntitle: A link\ncategory: release\ncategories: kubernetes cloud-native\ntags: a, b c\nexternal_url: https://kubernetes.io/blog/\n---\nWorth reading.\n",
    );
    site.write(
        "articles/2024-05-02-list.md",
        "+++\ntitle = \"A list\"\ncategory = [\"Release Notes\", \"go\"]\n+++\nBody.\n",
    );
    let stderr = site.build_ok();
    assert!(!stderr.contains("warning"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    let items = json["items"].as_array().unwrap();
    let tags = |i: usize| items[i]["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect::<Vec<_>>();
    assert_eq!(items[0]["title"], "A list");
    assert_eq!(tags(0), ["Release Notes", "go"]);
    assert_eq!(items[1]["external_url"], "https://kubernetes.io/blog/");
    assert_eq!(tags(1), ["a", "b c", "release", "kubernetes", "cloud-native"]);
    let rss = site.read_string("feeds/rss.xml");
    assert!(rss.contains("<category>cloud-native</category>"), "{rss}");
}

#[test]
fn dates_jekyll_reads_build_with_a_warning_saying_how_they_were_read() {
    let site = Site::new();
    site.write("articles/stray-year.md", "---\ntitle: Stray year\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nBody.\n");
    site.write("articles/go.md", "---\ntitle: Go\ndate: 2023-02-01 09:00:00 +0000 UTC\n---\nBody.\n");
    site.write("articles/slashes.md", "+++\ntitle = \"Slashes\"\ndate = \"2023/03/05\"\n+++\nBody.\n");
    site.write("articles/plain.md", "---\ntitle: Plain\ndate: 2023-1-9\n---\nBody.\n");
    let stderr = site.build_ok();
    assert!(
        stderr.contains(
            "warning: articles/stray-year.md:3: `date` `2023-01-29 18:30:22 2023 -0800` is read as 2023-01-29T18:30:22-08:00: the year `2023` written again after the time, which is ignored\n  help: Jekyll reads this form but other tools may not: write it as `2023-01-29T18:30:22-08:00`\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "warning: articles/go.md:3: `date` `2023-02-01 09:00:00 +0000 UTC` is read as 2023-02-01T09:00:00+00:00"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("warning: articles/slashes.md:3: `date` `2023/03/05` is read as 2023-03-05T00:00:00-08:00: `/` between the parts of the date\n  help: Jekyll reads this form but other tools may not: write it as `2023-03-05`\n"), "{stderr}");
    // A form read before without a word still is.
    assert!(!stderr.contains("plain.md"), "{stderr}");
    let json = site.read_string("feeds/feed.json");
    for date in
        ["2023-01-29T18:30:22-08:00", "2023-02-01T09:00:00Z", "2023-03-05T00:00:00-08:00", "2023-01-09T00:00:00-08:00"]
    {
        assert!(json.contains(&format!("\"date_published\": \"{date}\"")), "{date}: {json}");
    }
    // A second build reads the articles from the cache, with the same warnings.
    let again = site.build_ok();
    assert_eq!(again.matches("is read as").count(), 3, "{again}");

    // A stray year that is not the date's year is not guessed at.
    site.write("articles/stray-year.md", "---\ntitle: Stray year\ndate: 2023-01-29 18:30:22 2024 -0800\n---\nBody.\n");
    let stderr = site.build_fails(1);
    assert!(
        stderr.contains(
            "error: articles/stray-year.md:3: `date` `2023-01-29 18:30:22 2024 -0800` has a time feedwright cannot read"
        ),
        "{stderr}"
    );
}

/// `feedwright build` as of `epoch` (`SOURCE_DATE_EPOCH`); asserts success.
fn build_at(site: &Site, epoch: &str, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let output = site.run_in_env(&all, &[("TZ", "UTC"), ("LANG", "C"), ("SOURCE_DATE_EPOCH", epoch)]);
    let stderr = crate::util::one_line_form(&String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "build failed:\n{stderr}");
    stderr
}

const FEB_1: &str = "1769904000"; // 2026-02-01T00:00:00Z
const APR_1: &str = "1775001600"; // 2026-04-01T00:00:00Z

#[test]
fn an_expired_hugo_post_leaves_the_feeds() {
    let site = Site::new();
    site.write(
        "articles/posts/spring-sale/index.md",
        "+++\ntitle = \"Spring sale\"\ndate = 2026-01-15T09:00:00Z\nexpiryDate = 2026-03-01T00:00:00Z\n+++\nHalf price until March.\n",
    );
    site.write("articles/posts/2026-01-10-hello.md", "---\ntitle: Hello\nexpirydate: 2027-01-01\n---\nStill here.\n");
    // Before its expiry the post is in the feeds, and a future expiry is fine.
    let stderr = build_at(&site, FEB_1, &["--deny-warnings"]);
    assert!(!stderr.contains("expired"), "{stderr}");
    let json = site.read_string("feeds/feed.json");
    assert!(json.contains("Spring sale") && json.contains("Hello"), "{json}");

    // No file changed, but the expiry came: the next build has work to do.
    let stderr = build_at(&site, APR_1, &["--deny-warnings"]);
    assert!(
        stderr.contains(
            "note: articles/posts/spring-sale/index.md: expired 2026-03-01T00:00:00+00:00 (`expiryDate`), no longer published"
        ),
        "{stderr}"
    );
    for feed in ["feeds/feed.json", "feeds/rss.xml", "feeds/atom.xml"] {
        let text = site.read_string(feed);
        assert!(!text.contains("Spring sale") && text.contains("Hello"), "{feed}: {text}");
    }
    // And the same again, now from the cache.
    let again = build_at(&site, APR_1, &[]);
    assert!(again.contains("expired 2026-03-01T00:00:00+00:00"), "{again}");

    // A build as of a time before the expiry keeps it, as it did.
    std::fs::remove_dir_all(site.path().join("feeds")).unwrap();
    build_at(&site, FEB_1, &[]);
    assert!(site.read_string("feeds/feed.json").contains("Spring sale"));
}

#[test]
fn pages_the_generator_never_lists_are_left_out_with_a_note() {
    let site = Site::new();
    site.write("articles/2024-05-01-post.md", "---\ntitle: A post\n---\nBody.\n");
    // Hugo `build.list: never`, and `_build` before Hugo 0.145.
    site.write(
        "articles/2024-05-02-unlisted.md",
        "---\ntitle: Unlisted\nbuild:\n  list: never\n  render: always\n---\nBody.\n",
    );
    site.write("articles/old-build.md", "+++\ntitle = \"Old\"\n[_build]\nlist = false\n+++\nNo date, no matter.\n");
    // A headless bundle, without a date or a title.
    site.write("articles/shared/index.md", "---\nheadless: true\n---\nShared text.\n");
    site.write("articles/shared/part.md", "Resource.\n");
    // Eleventy.
    site.write(
        "articles/feed-page.md",
        "---\neleventyExcludeFromCollections: true\npermalink: /feed.xml\n---\n{{x}}\n",
    );
    site.write("articles/robots.md", "---\ntitle: Robots\npermalink: false\n---\nNot written.\n");
    // `render: never` alone still lists the page, as in Hugo.
    site.write(
        "articles/2024-05-03-rendered-elsewhere.md",
        "---\ntitle: Listed\nbuild:\n  render: never\n---\nBody.\n",
    );
    let output = site.run(&["build", "--deny-warnings"]);
    let stderr = crate::util::one_line_form(&String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{stderr}");
    for (file, why) in [
        ("2024-05-02-unlisted.md:3", "`build: {list: never}`"),
        ("old-build.md:3", "`_build: {list: false}`"),
        ("shared/index.md:2", "`headless: true`"),
        ("feed-page.md:2", "`eleventyExcludeFromCollections: true`"),
        ("robots.md:3", "`permalink: false`"),
    ] {
        let note = format!(
            "note: articles/{file}: {why} leaves the page out of the site's lists: not an article of the feeds\n  help: remove that key to publish it\n"
        );
        assert!(stderr.contains(&note), "{note}\n{stderr}");
    }
    assert!(!stderr.contains("warning") && !stderr.contains("error"), "{stderr}");
    let json = site.read_string("feeds/feed.json");
    assert!(json.contains("A post") && json.contains("Listed"), "{json}");
    for gone in ["Unlisted", "Old", "Shared", "Robots", "{{x}}"] {
        assert!(!json.contains(gone), "{gone}: {json}");
    }
}

#[test]
fn permalink_url_and_path_set_the_page_url() {
    let site = Site::new();
    // Jekyll, with placeholders; its image resolves against the new URL.
    site.write(
        "articles/_posts/2024-05-01-v1.0-trio.md",
        "---\ntitle: Trio\ncategories: Release Notes\npermalink: /:categories/:year/:month/:day/:title:output_ext\n---\n![cover](cover.png)\n",
    );
    // Eleventy: the file written, whose `index.html` the URL leaves out.
    site.write(
        "articles/posts/eleventy.md",
        "---\ntitle: Eleventy\ndate: 2024-05-02\npermalink: /blog/eleventy/index.html\n---\nBody.\n",
    );
    // Hugo `url`, a path from the site's root.
    site.write(
        "articles/posts/hugo/index.md",
        "+++\ntitle = \"Hugo\"\ndate = 2024-05-03\nurl = \"/archive/hugo-post/\"\n+++\n![](pic.jpg)\n",
    );
    // Zola `path`, without a leading or trailing `/`.
    site.write(
        "articles/blog/zola.md",
        "+++\ntitle = \"Zola\"\ndate = 2024-05-04\npath = \"notes/zola-post\"\n+++\nBody.\n",
    );
    site.build_ok();
    let json: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    let items = json["items"].as_array().unwrap();
    let urls: Vec<&str> = items.iter().map(|i| i["url"].as_str().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "https://example.com/notes/zola-post/",
            "https://example.com/archive/hugo-post/",
            "https://example.com/blog/eleventy/",
            "https://example.com/release/notes/2024/05/01/v1.0-trio.html",
        ]
    );
    assert!(items[1]["content_html"].as_str().unwrap().contains("https://example.com/archive/hugo-post/pic.jpg"));
    assert!(
        items[3]["content_html"].as_str().unwrap().contains("https://example.com/release/notes/2024/05/01/cover.png")
    );

    // Two pages with one URL: an error at the key's line.
    site.write(
        "articles/blog/zola.md",
        "+++\ntitle = \"Zola\"\ndate = 2024-05-04\npath = \"archive/hugo-post\"\n+++\nBody.\n",
    );
    let stderr = site.build_fails(1);
    assert!(stderr.contains("is also the URL of"), "{stderr}");
    assert!(
        stderr.contains("articles/posts/hugo/index.md:4: URL") || stderr.contains("articles/blog/zola.md:4: URL"),
        "{stderr}"
    );

    // A full URL on another host is an error with a hint.
    site.write(
        "articles/blog/zola.md",
        "+++\ntitle = \"Zola\"\ndate = 2024-05-04\npath = \"https://other.example/zola/\"\n+++\nBody.\n",
    );
    let stderr = site.build_fails(1);
    assert!(
        stderr.contains("error: articles/blog/zola.md:4: `path` `https://other.example/zola/` is not on the site `https://example.com/`\n  help: write the page's path on the site"),
        "{stderr}"
    );
}

#[test]
fn the_summary_is_the_text_before_more() {
    let site = Site::new();
    site.write(
        "articles/2024-05-01-hugo.md",
        "---\ntitle: Hugo\n---\nFirst paragraph.\n\nSecond paragraph.\n\n<!--more-->\n\nThe rest of the post.\n",
    );
    site.write(
        "articles/2024-05-02-jekyll.md",
        "---\ntitle: Jekyll\nexcerpt_separator: <!--excerpt-->\n---\nIntro one.\n\nIntro two.\n<!--excerpt-->\nMore.\n",
    );
    site.write(
        "articles/2024-05-03-own.md",
        "---\ntitle: Own\nsummary: Written by hand.\n---\nBody.\n\n<!--more-->\n\nRest.\n",
    );
    site.build_ok();
    let json: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    let items = json["items"].as_array().unwrap();
    let summary = |i: usize| items[i]["summary"].as_str().unwrap();
    assert_eq!(
        (summary(0), summary(1), summary(2)),
        ("Written by hand.", "Intro one. Intro two.", "First paragraph. Second paragraph.")
    );
    let content = items[2]["content_html"].as_str().unwrap();
    assert!(content.contains("The rest of the post.") && !content.contains("more"), "{content}");

    // A site-wide separator of the site's own.
    site.write("feedwright.toml", format!("{CONFIG}\n[articles]\nsummary-separator = \"Second\"\n"));
    site.build_ok();
    let json = site.read_string("feeds/feed.json");
    assert!(json.contains("\"summary\": \"First paragraph.\""), "{json}");
}

#[test]
fn the_site_s_own_names_for_keys() {
    let config =
        format!("{CONFIG}\n[articles.keys]\ntitle = \"newstitle\"\ndate = \"published_on\"\nsummary = \"teaser\"\n");
    let site = Site::with_config(&config);
    site.write(
        "articles/one.md",
        "---\ntitle: Internal name\nnewstitle: The headline\npublished_on: 2024-05-01\nteaser: In short.\n---\nBody.\n",
    );
    site.write("articles/two.md", "+++\ntitle = \"Plain title\"\ndate = 2024-05-02\n+++\nBody.\n");
    let stderr = site.build_ok();
    assert!(!stderr.contains("warning"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    let items = json["items"].as_array().unwrap();
    assert_eq!(items[1]["title"], "The headline");
    assert_eq!(items[1]["summary"], "In short.");
    assert_eq!(items[1]["date_published"], "2024-05-01T00:00:00-07:00");
    assert_eq!(items[0]["title"], "Plain title");

    // Problems name the key as the file writes it.
    site.write("articles/one.md", "---\nnewstitle: The headline\npublished_on: someday\n---\nBody.\n");
    let stderr = site.build_fails(1);
    assert!(stderr.contains("error: articles/one.md:3: `published_on` `someday` is not a date"), "{stderr}");
    site.write("articles/one.md", "---\nnewstitle: [a, b]\npublished_on: 2024-05-01\n---\nBody.\n");
    let stderr = site.build_fails(1);
    assert!(stderr.contains("error: articles/one.md:2: front matter: newstitle: invalid type"), "{stderr}");

    // A key feedwright does not read is a configuration error, with a did-you-mean.
    site.write("feedwright.toml", format!("{CONFIG}\n[articles.keys]\ntitel = \"newstitle\"\n"));
    let stderr = site.build_fails(2);
    assert!(
        stderr.contains("error: feedwright.toml:13: `articles.keys.titel`: `titel` is not a front-matter key feedwright reads\n  help: did you mean `title`?"),
        "{stderr}"
    );
}

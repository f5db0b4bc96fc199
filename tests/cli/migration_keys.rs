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

//! Issue 10: very large front matter is read whole and right (every tag,
//! de-duplicated as before), and slugs written with spaces or capitals are
//! made URL-safe with a note, non-ASCII slugs giving valid feeds. How fast
//! the large front matter is read is `make bench`'s business, not a test's.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::util::Site;
use crate::validity::{Expected, assert_valid_and_read_back, expected_from_json_feed};
use feedwright_testkit::large_front_matter::{Shape, article, expected_tags};

/// The issue's article at a smaller scale: a 200 KB summary and 5,000
/// list entries (4,500 distinct), in every shape it can be written in.
const SUMMARY_BYTES: usize = 200_000;
const LIST: usize = 5_000;

/// A JSON Feed item's string array, as strings.
fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn issue_10_large_front_matter_in_every_shape_gives_every_tag_once_in_valid_feeds() {
    let site = Site::new();
    for shape in Shape::ALL {
        site.write(&format!("articles/{}.md", shape.name()), article(shape, SUMMARY_BYTES, LIST));
    }
    site.write("articles/2026-01-02-small.md", "---\ntitle: Small\ntags: [a, A, b]\n---\nA normal article.\n");
    site.build_ok();

    let feed: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), Shape::ALL.len() + 1);
    let item = |shape: Shape| {
        let url = format!("https://example.com/2026/01/large-{}/", shape.name());
        items.iter().find(|i| i["url"] == url.as_str()).unwrap_or_else(|| panic!("no item at {url}"))
    };
    let tags = expected_tags(LIST);
    assert_eq!(tags.len(), LIST / 10 * 9);
    assert_eq!((tags[8].as_str(), tags[9].as_str()), ("tag-00008", "tag-00010"));
    for shape in Shape::ALL {
        // Every tag (`categories:` for the people shape), each first spelling once, in order.
        assert!(strings(&item(shape)["tags"]) == tags, "{}: tags differ", shape.name());
    }
    // The summary is read whole (its last words are there to be found) and cut to a sentence's length.
    let summaries: Vec<String> = [Shape::YamlBlock, Shape::YamlFlow, Shape::YamlPlain, Shape::Toml]
        .into_iter()
        .map(|shape| item(shape)["summary"].as_str().unwrap().to_owned())
        .collect();
    assert!(summaries[0].starts_with("Summary start lorem") && summaries[0].ends_with('…'), "{}", summaries[0]);
    assert!(summaries[0].chars().count() <= 301, "{}", summaries[0]);
    assert!(summaries.iter().all(|s| *s == summaries[0]), "the shapes' summaries differ: {summaries:#?}");
    let people = strings(&serde_json::Value::Array(
        item(Shape::YamlPeople)["authors"].as_array().unwrap().iter().map(|a| a["name"].clone()).collect(),
    ));
    assert_eq!(people.len(), LIST);
    assert_eq!((people[0].as_str(), people[LIST - 1].as_str()), ("Author tag-00000", "Author TAG-04990"));
    let small = items.iter().find(|i| i["title"] == "Small").unwrap();
    assert_eq!(strings(&small["tags"]), ["a", "b"]);

    // The same tags in RSS and Atom, and feeds every validator and reader accepts.
    let [rss, atom, _] = site.feed_paths();
    for path in [&rss, &atom] {
        let parsed = feed_rs::parser::parse(&std::fs::read(path).unwrap()[..]).unwrap();
        for entry in parsed.entries.iter().filter(|e| e.links[0].href.contains("/large-")) {
            let terms: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
            assert!(terms == tags, "{}: {} has {} categories", path.display(), entry.links[0].href, terms.len());
        }
    }
    assert_valid_and_read_back(&site, &expected_from_json_feed(&site));
}

// ---------------------------------------------------------------------------
// Slugs

fn la_midnight(day: &str) -> DateTime<Utc> {
    let tz: chrono_tz::Tz = "America/Los_Angeles".parse().unwrap();
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    tz.from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap()).unwrap().with_timezone(&Utc)
}

#[test]
fn issue_10_a_slug_with_spaces_is_made_url_safe_with_a_note() {
    let site = Site::new();
    site.write("articles/a.md", "---\ntitle: A\ndate: 2026-01-30\nslug: Hello Big World\n---\nBody.\n");
    site.write("articles/b.md", "+++\ntitle = \"B\"\ndate = 2026-01-29\nslug = \"What's new?\"\n+++\nBody.\n");
    let stderr = site.build_ok();
    assert_eq!(
        stderr,
        "note: articles/a.md:4: `slug` `Hello Big World` is made URL-safe: `hello-big-world`\n  \
         help: write `slug: hello-big-world` to use it as it is\n\
         note: articles/b.md:4: `slug` `What's new?` is made URL-safe: `what-s-new`\n  \
         help: write `slug: what-s-new` to use it as it is\n\
         built 3 feeds from 2 articles (2 entries per feed): feeds/rss.xml (written), feeds/atom.xml (written), \
         feeds/feed.json (written)\n"
    );
    let json = site.read_string("feeds/feed.json");
    for want in [
        "\"url\": \"https://example.com/2026/01/hello-big-world/\"",
        "\"id\": \"tag:example.com,2026-01-30:hello-big-world\"",
        "\"url\": \"https://example.com/2026/01/what-s-new/\"",
    ] {
        assert!(json.contains(want), "feed.json lacks {want}:\n{json}");
    }
    // The slug written as the note says: the same feeds, and no note.
    site.write("articles/a.md", "---\ntitle: A\ndate: 2026-01-30\nslug: hello-big-world\n---\nBody.\n");
    site.write("articles/b.md", "+++\ntitle = \"B\"\ndate = 2026-01-29\nslug = \"what-s-new\"\n+++\nBody.\n");
    let before = site.feed_paths().map(|p| std::fs::read(p).unwrap());
    let stderr = site.build_ok();
    assert!(!stderr.contains("note:"), "{stderr}");
    assert_eq!(site.feed_paths().map(|p| std::fs::read(p).unwrap()), before);
}

#[test]
fn issue_10_url_safe_slugs_are_used_as_written_and_unsafe_ones_still_fail() {
    let site = Site::new();
    site.write("articles/a.md", "---\ntitle: A\ndate: 2026-01-30\nslug: Hello-World_2\n---\nBody.\n");
    let stderr = site.build_ok();
    assert!(!stderr.contains("note:"), "{stderr}");
    assert!(site.read_string("feeds/feed.json").contains("\"url\": \"https://example.com/2026/01/Hello-World_2/\""));

    for (slug, why) in [
        ("a b/c", "`slug` `a b/c` would leave its folder: it must be a single path segment"),
        ("../x y", "`slug` `../x y` would leave its folder: it must be a single path segment"),
        (".x y", "`slug` `.x y` starts with `.`, which would make a hidden file"),
        ("\"? !\"", "`slug` `? !` has no letter or digit to make a URL-safe slug from"),
    ] {
        let site = Site::new();
        site.write("articles/a.md", format!("---\ntitle: A\ndate: 2026-01-30\nslug: {slug}\n---\nBody.\n"));
        let stderr = site.build_fails(1);
        assert!(
            stderr.starts_with(&format!(
                "error: articles/a.md:4: {why}\n  help: use letters, digits and `-`, like `my-first-post`\n"
            )),
            "{slug}: {stderr}"
        );
        assert!(!site.path().join("feeds").exists());
    }

    // A slug made URL-safe can clash with another article's like any slug.
    let site = Site::new();
    site.write("articles/2026-01-02-hello-world.md", "---\ntitle: One\n---\nBody.\n");
    site.write("articles/b.md", "---\ntitle: Two\ndate: 2026-01-03\nslug: Hello World\n---\nBody.\n");
    let stderr = site.build_fails(1);
    assert!(
        stderr.contains(
            "error: articles/b.md:4: URL `https://example.com/2026/01/hello-world/` (slug `hello-world`) is also the URL of `articles/2026-01-02-hello-world.md`"
        ),
        "{stderr}"
    );
}

#[test]
fn issue_10_non_ascii_slugs_give_valid_feeds_that_readers_agree_on() {
    let site = Site::new();
    // (file, slug line, day, URL path and id part as readers must see them)
    let articles = [
        ("articles/a.md", "slug: café-crème", "2026-01-05", "caf%C3%A9-cr%C3%A8me"),
        ("articles/b.md", "slug: Crème Brûlée Recipe", "2026-01-04", "cr%C3%A8me-br%C3%BBl%C3%A9e-recipe"),
        (
            "articles/c.md",
            "slug: 日本語 ノート",
            "2026-01-03",
            "%E6%97%A5%E6%9C%AC%E8%AA%9E-%E3%83%8E%E3%83%BC%E3%83%88",
        ),
        ("articles/2026-01-02-Ünïcödé Naïve.md", "", "2026-01-02", "%C3%BCn%C3%AFc%C3%B6d%C3%A9-na%C3%AFve"),
    ];
    let mut expected = Vec::new();
    for (index, (file, slug, day, encoded)) in articles.iter().enumerate() {
        let marker = format!("marker{index}x");
        site.write(file, format!("---\ntitle: Title {index}\ndate: {day}\n{slug}\n---\nBody with {marker}.\n"));
        let published = la_midnight(day);
        expected.push(Expected {
            id: format!("tag:example.com,{day}:{encoded}"),
            title: format!("Title {index}"),
            link: format!("https://example.com/2026/01/{encoded}/"),
            published,
            updated: published,
            marker,
        });
    }
    let stderr = site.build_ok();
    assert_eq!(stderr.matches("note:").count(), 2, "{stderr}");
    assert!(stderr.contains("`slug` `日本語 ノート` is made URL-safe: `日本語-ノート`"), "{stderr}");
    assert_valid_and_read_back(&site, &expected);
    // And feedwright's own check, the W3C rules, finds nothing to say.
    let output = site.run(&["check", "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
}

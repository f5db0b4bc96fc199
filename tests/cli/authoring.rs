//! The author's loop: `new` (a draft unless `--publish`; `--date`, `--slug`),
//! `list` (a table with titles), and warnings about `feedwright.toml`
//! printed by every command that reads it.

use std::process::{Command, Output, Stdio};

use crate::util::{CONFIG, Site};

/// 2027-01-15T08:00:00Z: midnight in Los Angeles, the test site's zone.
const EPOCH: &str = "1800000000";

const PUBLISHED: &str = "---\ntitle: Already out\ndate: 2026-01-10 09:00\n---\nA published article.\n";
const PUBLISHED_ID: &str = "tag:example.com,2026-01-10:already-out";

/// `feedwright ARGS` with the clock pinned.
fn run(site: &Site, args: &[&str]) -> Output {
    site.run_in_env(args, &[("TZ", "UTC"), ("LANG", "C"), ("SOURCE_DATE_EPOCH", EPOCH)])
}

/// Runs and asserts success; returns (stdout, stderr).
fn ok(site: &Site, args: &[&str]) -> (String, String) {
    let output = run(site, args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = crate::util::one_line_form(&String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "feedwright {args:?} failed:\n{stderr}");
    (stdout, stderr)
}

/// Runs and asserts exit code 2; returns stderr.
fn usage_error(site: &Site, args: &[&str]) -> String {
    let output = run(site, args);
    let stderr = crate::util::one_line_form(&String::from_utf8_lossy(&output.stderr));
    assert_eq!(output.status.code(), Some(2), "feedwright {args:?}:\n{stderr}");
    assert!(output.stdout.is_empty(), "stdout: {}", String::from_utf8_lossy(&output.stdout));
    stderr
}

fn feed_json(site: &Site) -> serde_json::Value {
    serde_json::from_slice(&site.read("feeds/feed.json")).unwrap()
}

fn feed_ids(site: &Site) -> Vec<String> {
    feed_json(site)["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
}

/// `list --format json`, as (status, id) pairs.
fn listed(site: &Site) -> Vec<(String, String)> {
    let (stdout, _) = ok(site, &["list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["status"].as_str().unwrap().to_owned(), r["id"].as_str().unwrap().to_owned()))
        .collect()
}

fn article_files(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.path().join("articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn new_creates_a_draft_that_the_next_build_leaves_out() {
    let site = Site::new();
    site.write("articles/2026-01-10-already-out.md", PUBLISHED);
    let (stdout, stderr) = ok(&site, &["new", "Work in progress", "--tags", "a,b"]);
    assert_eq!(stdout, "articles/2027-01-15-work-in-progress.md\n");
    assert_eq!(stderr, "note: created as a draft: remove `draft: true` to publish it\n");
    assert_eq!(
        site.read_string("articles/2027-01-15-work-in-progress.md"),
        "---\ntitle: \"Work in progress\"\ndate: 2027-01-15T00:00:00-08:00\n\
         id: \"tag:example.com,2027-01-15:work-in-progress\"\ntags: [\"a\", \"b\"]\ndraft: true\n---\n\n\
         Write the article here, in Markdown.\n"
    );

    let (_, stderr) = ok(&site, &["build"]);
    assert!(stderr.contains("note: articles/2027-01-15-work-in-progress.md: draft, not published"), "{stderr}");
    assert_eq!(feed_ids(&site), [PUBLISHED_ID]);
    for feed in ["feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"] {
        let text = site.read_string(feed);
        assert!(!text.contains("Write the article here"), "{feed} publishes the placeholder:\n{text}");
        assert!(!text.contains("work-in-progress"), "{feed} publishes the draft:\n{text}");
    }
    assert_eq!(
        listed(&site),
        [
            ("draft".to_owned(), "tag:example.com,2027-01-15:work-in-progress".to_owned()),
            ("published".to_owned(), PUBLISHED_ID.to_owned()),
        ]
    );

    // `--draft` says the default out loud.
    let (stdout, stderr) = ok(&site, &["new", "Another one", "--draft"]);
    assert_eq!(stdout, "articles/2027-01-15-another-one.md\n");
    assert_eq!(stderr, "note: created as a draft: remove `draft: true` to publish it\n");
    assert!(site.read_string("articles/2027-01-15-another-one.md").contains("\ndraft: true\n---\n"));
}

#[test]
fn new_with_publish_is_published_by_the_next_build() {
    let site = Site::new();
    let (stdout, stderr) = ok(&site, &["new", "Ready to go", "--publish"]);
    assert_eq!(stdout, "articles/2027-01-15-ready-to-go.md\n");
    assert_eq!(stderr, "note: not a draft: the next build will publish it\n");
    let text = site.read_string("articles/2027-01-15-ready-to-go.md");
    assert!(!text.contains("draft"), "{text}");
    ok(&site, &["build"]);
    assert_eq!(feed_ids(&site), ["tag:example.com,2027-01-15:ready-to-go"]);
    assert_eq!(feed_json(&site)["items"][0]["title"], "Ready to go");
}

#[test]
fn new_date_sets_the_file_name_the_date_and_the_id() {
    let site = Site::new();
    // Read in the site's time zone (America/Los_Angeles), as an article's `date` is.
    let (stdout, _) = ok(&site, &["new", "Spring piece", "--date", "2026-03-01 09:30", "--publish"]);
    assert_eq!(stdout, "articles/2026-03-01-spring-piece.md\n");
    let text = site.read_string("articles/2026-03-01-spring-piece.md");
    assert!(
        text.starts_with(
            "---\ntitle: \"Spring piece\"\ndate: 2026-03-01T09:30:00-08:00\nid: \"tag:example.com,2026-03-01:spring-piece\"\n---\n"
        ),
        "{text}"
    );
    // Summer time, a date alone, and a date with its own offset (kept as written).
    let (stdout, _) = ok(&site, &["new", "Summer piece", "--date", "2026-07-04", "--publish"]);
    assert_eq!(stdout, "articles/2026-07-04-summer-piece.md\n");
    assert!(site.read_string("articles/2026-07-04-summer-piece.md").contains("\ndate: 2026-07-04T00:00:00-07:00\n"));
    let (stdout, _) = ok(&site, &["new", "Late piece", "--date", "2026-05-31T23:30:00Z", "--publish"]);
    assert_eq!(stdout, "articles/2026-05-31-late-piece.md\n");
    assert!(site.read_string("articles/2026-05-31-late-piece.md").contains("\ndate: 2026-05-31T23:30:00Z\n"));

    ok(&site, &["build"]);
    let feed = feed_json(&site);
    let items: Vec<(&str, &str)> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["date_published"].as_str().unwrap()))
        .collect();
    assert_eq!(
        items,
        [
            ("tag:example.com,2026-07-04:summer-piece", "2026-07-04T00:00:00-07:00"),
            ("tag:example.com,2026-05-31:late-piece", "2026-05-31T23:30:00Z"),
            ("tag:example.com,2026-03-01:spring-piece", "2026-03-01T09:30:00-08:00"),
        ]
    );
}

#[test]
fn new_dated_in_the_future_waits_for_its_date() {
    let site = Site::new();
    site.write("articles/2026-01-10-already-out.md", PUBLISHED);
    let (stdout, stderr) = ok(&site, &["new", "Next year", "--date", "2030-01-01", "--publish"]);
    assert_eq!(stdout, "articles/2030-01-01-next-year.md\n");
    assert_eq!(stderr, "note: dated 2030-01-01T00:00:00-08:00: the first build after that will publish it\n");
    ok(&site, &["build"]);
    assert_eq!(feed_ids(&site), [PUBLISHED_ID]);
    assert_eq!(listed(&site)[0], ("future".to_owned(), "tag:example.com,2030-01-01:next-year".to_owned()));
}

#[test]
fn new_slug_names_the_file_the_url_and_the_id() {
    let site = Site::new();
    let (stdout, stderr) = ok(&site, &["new", "A long and winding title", "--slug", "Road Trip!", "--publish"]);
    assert_eq!(stdout, "articles/2027-01-15-road-trip.md\n");
    assert_eq!(
        stderr,
        "note: `--slug` `Road Trip!` made URL-safe: `road-trip`\nnote: not a draft: the next build will publish it\n"
    );
    assert!(
        site.read_string("articles/2027-01-15-road-trip.md")
            .contains("\nid: \"tag:example.com,2027-01-15:road-trip\"\n")
    );
    ok(&site, &["build"]);
    let item = &feed_json(&site)["items"][0];
    assert_eq!(item["id"], "tag:example.com,2027-01-15:road-trip");
    assert_eq!(item["url"], "https://example.com/2027/01/road-trip/");
    assert_eq!(item["title"], "A long and winding title");

    // A slug that is URL-safe already gets no note; one taken is refused.
    let (stdout, stderr) = ok(&site, &["new", "Other", "--slug", "other-slug"]);
    assert_eq!(stdout, "articles/2027-01-15-other-slug.md\n");
    assert_eq!(stderr, "note: created as a draft: remove `draft: true` to publish it\n");
    let before = site.read_string("articles/2027-01-15-road-trip.md");
    let stderr = usage_error(&site, &["new", "Something else", "--slug", "road-trip"]);
    assert_eq!(
        stderr,
        "error: articles/2027-01-15-road-trip.md: the article already exists; it was left as it is\n\
         \x20 help: pick another title or `--slug`, or edit the existing file\n\
         error: 1 configuration error; no article was written\n"
    );
    assert_eq!(site.read_string("articles/2027-01-15-road-trip.md"), before);
}

#[test]
fn new_refuses_bad_dates_slugs_and_flags_and_writes_nothing() {
    let site = Site::new();
    let cases: [(&[&str], &str); 5] = [
        (
            &["new", "T", "--date", "tomorrow"],
            "error: `--date` `tomorrow` is not a date feedwright can read\n\
             \x20 help: write it as `2026-01-30`, `2026-01-30 18:00`, or `2026-01-30T18:00:00-08:00` (RFC 3339)\n",
        ),
        (
            &["new", "T", "--date", "2026-02-30"],
            "error: `--date` `2026-02-30` is not a real date\n  help: check the month and the day\n",
        ),
        (
            &["new", "T", "--date", "2026-03-08 02:30"],
            "error: `--date` `2026-03-08 02:30` does not exist in the time zone America/Los_Angeles: the clocks skip it\n\
             \x20 help: give the time with its offset, like `2026-03-08T02:30:00-08:00`\n",
        ),
        (
            &["new", "T", "--slug", "!!!"],
            "error: `--slug` `!!!` has no letters or digits to make a URL segment of\n\
             \x20 help: use letters, digits and `-`, like `--slug my-first-post`\n",
        ),
        (
            &["new", "   "],
            "error: the title is empty\n  help: give the article a title: `feedwright new \"My title\"`\n",
        ),
    ];
    for (args, want) in cases {
        let stderr = usage_error(&site, args);
        assert_eq!(stderr, format!("{want}error: 1 configuration error; no article was written\n"), "{args:?}");
    }
    let stderr = usage_error(&site, &["new", "T", "--draft", "--publish"]);
    assert!(stderr.starts_with("error: the argument '--draft' cannot be used with '--publish'"), "{stderr}");
    assert!(article_files(&site).is_empty(), "{:?}", article_files(&site));
}

#[test]
fn list_prints_a_header_and_the_titles() {
    let site = Site::new();
    site.write("articles/2026-01-10-already-out.md", PUBLISHED);
    site.write(
        "articles/2026-01-11-long.md",
        "---\ntitle: A very long title that goes on and on, well past any sensible width for a table\n\
         date: 2026-01-11 09:00\ntags: [x, y z]\ndraft: true\n---\nBody.\n",
    );
    site.write("articles/2026-01-12-tokyo.md", "---\ntitle: 東京の話\ndate: 2026-01-12 09:00\n---\nBody.\n");
    let (stdout, stderr) = ok(&site, &["list"]);
    assert_eq!(stderr, "");
    assert_eq!(
        stdout,
        "\
STATUS     DATE                       ID                                      SLUG         TITLE                                              FILE                                TAGS
published  2026-01-12T09:00:00-08:00  tag:example.com,2026-01-12:tokyo        tokyo        東京の話                                           articles/2026-01-12-tokyo.md
draft      2026-01-11T09:00:00-08:00  tag:example.com,2026-01-11:long         long         A very long title that goes on and on, well past…  articles/2026-01-11-long.md         x, y z
published  2026-01-10T09:00:00-08:00  tag:example.com,2026-01-10:already-out  already-out  Already out                                        articles/2026-01-10-already-out.md
"
    );
    // The JSON form stays complete.
    let (stdout, _) = ok(&site, &["list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(list[1]["title"], "A very long title that goes on and on, well past any sensible width for a table");
    assert_eq!(list[1]["tags"], serde_json::json!(["x", "y z"]));
    assert_eq!(
        list[0].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["date", "file", "id", "slug", "status", "tags", "title", "url"]
    );
    assert_eq!(list[1]["url"], "https://example.com/2026/01/long/");
}

/// `feedwright list | head`: the reader goes away; that is not an error.
#[test]
fn list_into_a_closed_pipe_succeeds() {
    let site = Site::new();
    // Far more than a pipe holds (64 KiB), so writing must hit the closed end.
    for i in 0..1000 {
        site.write(&format!("articles/2026-01-01-post-{i}.md"), format!("---\ntitle: Post number {i}\n---\nBody.\n"));
    }
    for format in ["text", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_feedwright"))
            .args(["list", "--format", format])
            .current_dir(site.path())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{format}: {:?}\n{stderr}", output.status);
        assert_eq!(stderr, "", "{format}");
    }
}

/// A TOML escape such as `\u0001` puts a control character in a value: it
/// is still dropped (the feeds are the bytes they were), but every command
/// says so, naming the file and the line.
#[test]
fn control_characters_in_the_config_warn_with_the_line() {
    const WARNING: &str = "warning: feedwright.toml:2: `site.title` holds characters XML forbids or discourages; they are dropped\n\
                           \x20 help: remove the escaped control characters (such as `\\u0001`) from the value\n";
    let clean = Site::new();
    let site = Site::with_config(&CONFIG.replace("title = \"Test & <Site>\"", "title = \"Test \\u0001& <Site>\""));
    for site in [&clean, &site] {
        site.write("articles/2026-01-10-already-out.md", PUBLISHED);
        let file = std::fs::File::options().write(true).open(site.path().join("articles/2026-01-10-already-out.md"));
        file.unwrap().set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(60)).unwrap();
    }

    let (_, stderr) = ok(&clean, &["build"]);
    assert!(!stderr.contains("warning"), "{stderr}");
    let (_, stderr) = ok(&site, &["build"]);
    assert!(stderr.starts_with(WARNING), "{stderr}");
    for feed in ["feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"] {
        assert_eq!(site.read(feed), clean.read(feed), "{feed}");
    }
    // A build with nothing to do says it too.
    let (_, stderr) = ok(&site, &["build", "--timings"]);
    assert!(stderr.contains("nothing changed"), "{stderr}");
    assert!(stderr.contains(WARNING), "{stderr}");

    let (stdout, stderr) = ok(&site, &["list"]);
    assert_eq!(stderr, WARNING);
    assert!(stdout.starts_with("STATUS "), "{stdout}");
    let (stdout, stderr) = ok(&site, &["new", "Next"]);
    assert_eq!(stdout, "articles/2027-01-15-next.md\n");
    assert_eq!(stderr, format!("{WARNING}note: created as a draft: remove `draft: true` to publish it\n"));

    // With an error beside it, the warning is still given, in line order.
    site.write(
        "feedwright.toml",
        CONFIG
            .replace("title = \"Test & <Site>\"", "title = \"Test \\u0001& <Site>\"")
            .replace("timezone = \"America/Los_Angeles\"", "timezone = \"Mars/Olympus\""),
    );
    let output = run(&site, &["list"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = crate::util::one_line_form(&String::from_utf8_lossy(&output.stderr));
    assert!(stderr.starts_with(WARNING), "{stderr}");
    assert!(stderr.contains("error: feedwright.toml:6: `site.timezone` `Mars/Olympus` is not an IANA time zone"));
}

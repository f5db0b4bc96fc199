//! Issue 12: `feedwright adopt FEED…` keeps the entry ids a migrated site's
//! old feed gave its posts (jekyll-feed, Hugo, Zola and Eleventy feeds,
//! written here as look-alikes of what each generator's template writes),
//! so subscribers see no post twice.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::{CONFIG, Site};

fn config_with_permalink(permalink: &str) -> String {
    CONFIG.replace("timezone = ", &format!("permalink = \"{permalink}\"\ntimezone = "))
}

fn run(site: &Site, args: &[&str]) -> (i32, String, String) {
    let output = site.run(args);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The entry ids of each of the three feeds, in order.
fn ids(site: &Site) -> [Vec<String>; 3] {
    let json: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    let json_ids = json["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect();
    let between = |text: &str, open: &str, close: &str| -> Vec<String> {
        text.split(open).skip(1).map(|rest| rest.split(close).next().unwrap().to_owned()).collect()
    };
    let atom = site.read_string("feeds/atom.xml");
    // The feed's own <id> comes first.
    let atom_ids = between(&atom, "<id>", "</id>").into_iter().skip(1).collect();
    let rss = site.read_string("feeds/rss.xml");
    let rss_ids = rss
        .split("<guid")
        .skip(1)
        .map(|rest| rest.split_once('>').unwrap().1.split("</guid>").next().unwrap().to_owned())
        .collect();
    [rss_ids, atom_ids, json_ids]
}

fn assert_ids_everywhere(site: &Site, expected: &[&str]) {
    for (format, found) in ["rss", "atom", "json"].iter().zip(ids(site)) {
        for id in expected {
            assert!(found.iter().any(|f| f == id), "{format} lacks `{id}`: {found:?}");
        }
    }
}

/// A Jekyll `_posts` look-alike and the Atom feed jekyll-feed wrote for it:
/// `<id>` is `post.id | absolute_url` (the URL without `.html`), the link
/// the page.
fn jekyll_site() -> Site {
    let site = Site::with_config(&config_with_permalink("/{year}/{month}/{day}/{slug}.html"));
    site.write(
        "articles/2023-01-29-first-post.md",
        "---\nlayout: post\ntitle: \"First post\"\ndate: 2023-01-29 18:30:22 -0800\n---\nHello.\n",
    );
    site.write(
        "articles/2023-02-03-tom-and-jerry.md",
        "---\nlayout: post\ntitle: \"Tom & Jerry's day\"\ndate: 2023-02-03 09:00:00 -0800\n---\nA cartoon.\n",
    );
    site.write("articles/2022-05-01-older.md", "---\ntitle: Older\n---\nNot in the old feed.\n");
    site.write(
        "old/feed.xml",
        r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" >
<generator uri="https://jekyllrb.com/" version="4.3.2">Jekyll</generator>
<link href="https://example.com/feed.xml" rel="self" type="application/atom+xml" />
<updated>2023-02-03T09:00:00-08:00</updated><id>https://example.com/feed.xml</id>
<title type="html">Blog</title>
<entry><title type="html">Tom &amp;amp; Jerry’s day</title><link href="https://example.com/2023/02/03/tom-and-jerry.html" rel="alternate" type="text/html" title="Tom &amp;amp; Jerry’s day" /><published>2023-02-03T09:00:00-08:00</published><updated>2023-02-03T09:00:00-08:00</updated><id>https://example.com/2023/02/03/tom-and-jerry</id><content type="html" xml:base="https://example.com/2023/02/03/tom-and-jerry.html">&lt;p&gt;A cartoon.&lt;/p&gt;</content></entry>
<entry><title type="html">First post</title><link href="https://example.com/2023/01/29/first-post.html" rel="alternate" type="text/html" title="First post" /><published>2023-01-29T18:30:22-08:00</published><updated>2023-01-29T18:30:22-08:00</updated><id>https://example.com/2023/01/29/first-post</id></entry>
<entry><title type="html">Deleted since</title><link href="https://example.com/2022/12/01/gone.html" rel="alternate" type="text/html"/><published>2022-12-01T00:00:00-08:00</published><updated>2022-12-01T00:00:00-08:00</updated><id>https://example.com/2022/12/01/gone</id></entry>
</feed>
"#,
    );
    site
}

#[test]
fn jekyll_feed_ids_are_kept_in_every_format_after_adopt() {
    let site = jekyll_site();
    let (code, stdout, stderr) = run(&site, &["adopt", "old/feed.xml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("old/feed.xml: Atom, 3 entries"), "{stdout}");
    assert!(stdout.contains("adopted (2):"), "{stdout}");
    assert!(stdout.contains("articles/2023-01-29-first-post.md  https://example.com/2023/01/29/first-post (by url)"));
    assert!(stdout.contains("old entries without an article (1):"), "{stdout}");
    assert!(stdout.contains("no article has its URL `https://example.com/2022/12/01/gone.html`"), "{stdout}");
    assert!(stdout.contains("articles not in the old feed (1)"), "{stdout}");
    assert!(stdout.contains("  articles/2022-05-01-older.md"), "{stdout}");
    // A minimal edit: one line before the closing fence.
    assert_eq!(
        site.read_string("articles/2023-01-29-first-post.md"),
        "---\nlayout: post\ntitle: \"First post\"\ndate: 2023-01-29 18:30:22 -0800\nid: \"https://example.com/2023/01/29/first-post\"\n---\nHello.\n"
    );
    site.build_ok();
    assert_ids_everywhere(
        &site,
        &["https://example.com/2023/01/29/first-post", "https://example.com/2023/02/03/tom-and-jerry"],
    );
    // The RSS guid is not the link, so not a permalink.
    let rss = site.read_string("feeds/rss.xml");
    assert!(rss.contains("<guid isPermaLink=\"false\">https://example.com/2023/01/29/first-post</guid>"), "{rss}");

    // Again: nothing to do, each already adopted.
    let (code, stdout, _) = run(&site, &["adopt", "old/feed.xml"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("already adopted (2):"), "{stdout}");
}

#[test]
fn ids_survive_a_deleted_cache_and_a_rename_with_edits() {
    let site = jekyll_site();
    let git = |args: &[&str]| crate::util::git(site.path(), args, &[]);
    git(&["init", "-q"]);
    assert_eq!(run(&site, &["adopt", "old/feed.xml"]).0, 0);
    site.build_ok();
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "adopted"]);
    let before = ids(&site);

    // Deleted cache, then a fresh clone: the same ids.
    std::fs::remove_dir_all(site.path().join(".feedwright-cache")).ok();
    site.build_ok();
    assert_eq!(ids(&site), before);
    let clone = tempfile::tempdir().unwrap();
    crate::util::git(clone.path(), &["clone", "-q", site.path().to_str().unwrap(), "c"], &[]);
    std::fs::remove_dir_all(clone.path().join("c/feeds")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .arg("build")
        .current_dir(clone.path().join("c"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json = std::fs::read_to_string(clone.path().join("c/feeds/feed.json")).unwrap();
    assert!(json.contains("\"id\": \"https://example.com/2023/01/29/first-post\""), "{json}");

    // Renamed, retitled and edited in one commit: the id moves with the file.
    let text = site.read_string("articles/2023-01-29-first-post.md");
    std::fs::remove_file(site.path().join("articles/2023-01-29-first-post.md")).unwrap();
    site.write(
        "articles/2023-01-29-hello-world.md",
        text.replace("First post", "Hello, world").replace("Hello.", "Hello, all of it rewritten."),
    );
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "renamed"]);
    site.build_ok();
    assert_ids_everywhere(&site, &["https://example.com/2023/01/29/first-post"]);
    let json = site.read_string("feeds/feed.json");
    assert!(json.contains("https://example.com/2023/01/29/hello-world.html"), "{json}");
}

#[test]
fn dry_run_writes_nothing_and_json_reports_every_entry() {
    let site = jekyll_site();
    let before = site.read("articles/2023-01-29-first-post.md");
    let (code, stdout, stderr) = run(&site, &["adopt", "--dry-run", "old/feed.xml"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("would adopt (dry run: nothing written) (2):"), "{stdout}");
    assert_eq!(site.read("articles/2023-01-29-first-post.md"), before);

    let (code, stdout, _) = run(&site, &["adopt", "--dry-run", "--report", "json", "old/feed.xml"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["feeds"][0]["format"], "Atom");
    let entries = report["entries"].as_array().unwrap();
    let outcomes: Vec<&str> = entries.iter().map(|e| e["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes.iter().filter(|o| **o == "adopted").count(), 2, "{outcomes:?}");
    assert_eq!(outcomes.iter().filter(|o| **o == "unmatched").count(), 1, "{outcomes:?}");
    assert!(entries.iter().any(|e| e["matched_by"] == "url"
        && e["file"] == "articles/2023-02-03-tom-and-jerry.md"
        && e["entry"] == "old/feed.xml:6"));
    assert_eq!(report["not_in_old_feed"], serde_json::json!(["articles/2022-05-01-older.md"]));
    assert_eq!(site.read("articles/2023-01-29-first-post.md"), before);
}

#[test]
fn hugo_rss_guids_and_crlf_files() {
    // Hugo's RSS template: `<guid>{{ .Permalink }}</guid>`; a page bundle
    // and a CRLF file.
    let site = Site::with_config(&config_with_permalink("/posts/{slug}/"));
    site.write(
        "articles/posts/trip/index.md",
        "---\r\ntitle: \"A trip\"\r\ndate: 2024-03-01T10:00:00+01:00\r\ndraft: false\r\n---\r\nWe went.\r\n",
    );
    site.write("articles/posts/notes.md", "---\ntitle: Notes\ndate: 2024-03-05\n---\nSome.\n");
    site.write(
        "old/index.xml",
        r#"<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Blog</title><link>https://example.com/</link>
<item><title>Notes</title><link>https://example.com/posts/notes/</link><pubDate>Tue, 05 Mar 2024 00:00:00 +0000</pubDate><guid>https://example.com/posts/notes/</guid><description>Some.</description></item>
<item><title>A trip</title><link>http://example.com/posts/trip/</link><pubDate>Fri, 01 Mar 2024 10:00:00 +0100</pubDate><guid>http://example.com/posts/trip/</guid><description>We went.</description></item>
</channel></rss>"#,
    );
    let (code, stdout, stderr) = run(&site, &["adopt", "old/index.xml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("adopted (2):"), "{stdout}");
    assert_eq!(
        site.read_string("articles/posts/trip/index.md"),
        "---\r\ntitle: \"A trip\"\r\ndate: 2024-03-01T10:00:00+01:00\r\ndraft: false\r\nid: \"http://example.com/posts/trip/\"\r\n---\r\nWe went.\r\n"
    );
    site.build_ok();
    assert_ids_everywhere(&site, &["https://example.com/posts/notes/", "http://example.com/posts/trip/"]);
    // The guid is the link again: a permalink, as Hugo wrote it.
    let rss = site.read_string("feeds/rss.xml");
    assert!(rss.contains("<guid>https://example.com/posts/notes/</guid>"), "{rss}");
    assert!(rss.contains("<guid isPermaLink=\"false\">http://example.com/posts/trip/</guid>"), "{rss}");
}

#[test]
fn zola_toml_front_matter_gets_an_extra_table() {
    // Zola's atom.xml: `<id>{{ page.permalink | safe }}</id>`.
    let site = Site::with_config(&config_with_permalink("/blog/{slug}/"));
    site.write(
        "articles/first.md",
        "+++\ntitle = \"First\"\ndate = 2021-06-01\n[taxonomies]\ntags = [\"a\"]\n+++\nOne.\n",
    );
    site.write(
        "articles/second.md",
        "+++\ntitle = \"Second\"\ndate = 2021-06-02\n\n[extra]\ncomments = true\n+++\nTwo.\n",
    );
    site.write(
        "old/atom.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Blog</title><updated>2021-06-02T00:00:00+00:00</updated><id>https://example.com/atom.xml</id>
<entry xml:lang="en"><title>Second</title><published>2021-06-02T00:00:00+00:00</published><updated>2021-06-02T00:00:00+00:00</updated><link rel="alternate" type="text/html" href="https://www.example.com/blog/second/"/><id>https://www.example.com/blog/second/</id><content type="html">Two.</content></entry>
<entry xml:lang="en"><title>First</title><published>2021-06-01T00:00:00+00:00</published><updated>2021-06-01T00:00:00+00:00</updated><link rel="alternate" type="text/html" href="https://www.example.com/blog/first/"/><id>https://www.example.com/blog/first/</id></entry>
</feed>"#,
    );
    // Another host (www.): matched by title and day instead.
    let (code, stdout, stderr) = run(&site, &["adopt", "old/atom.xml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("(by title+date)"), "{stdout}");
    assert_eq!(
        site.read_string("articles/first.md"),
        "+++\ntitle = \"First\"\ndate = 2021-06-01\n[taxonomies]\ntags = [\"a\"]\n[extra]\nid = \"https://www.example.com/blog/first/\"\n+++\nOne.\n"
    );
    assert_eq!(
        site.read_string("articles/second.md"),
        "+++\ntitle = \"Second\"\ndate = 2021-06-02\n\n[extra]\nid = \"https://www.example.com/blog/second/\"\ncomments = true\n+++\nTwo.\n"
    );
    site.build_ok();
    assert_ids_everywhere(&site, &["https://www.example.com/blog/first/", "https://www.example.com/blog/second/"]);
}

#[test]
fn eleventy_json_feed_from_stdin_and_title_date_matching_across_time_zones() {
    // Eleventy's plugin-rss JSON template: `"id": absolutePostUrl`. The
    // site moved from `/posts/x/` to `/{year}/{slug}/`: titles and days
    // match (the old feed wrote UTC, the articles are in Los Angeles time).
    let site = Site::with_config(&config_with_permalink("/{year}/{slug}/"));
    site.write("articles/2024-01-10-late-night.md", "---\ntitle: \"Late night\"\ndate: 2024-01-10 22:00\n---\nZzz.\n");
    site.write("articles/2024-01-12-morning.md", "---\ntitle: Morning &amp; coffee\ndate: 2024-01-12\n---\nCoffee.\n");
    let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Blog","items":[
        {"id":"https://example.com/posts/late-night/","url":"https://example.com/posts/late-night/","title":"Late night","date_published":"2024-01-11T06:00:00Z"},
        {"id":"https://example.com/posts/morning/","url":"https://example.com/posts/morning/","title":"Morning & Coffee","date_published":"2024-01-12T08:00:00Z"}]}"#;
    let mut child = Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .args(["adopt", "-"])
        .current_dir(site.path())
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(json.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("-: JSON Feed, 2 entries"), "{stdout}");
    assert_eq!(stdout.matches("(by title+date)").count(), 2, "{stdout}");
    site.build_ok();
    assert_ids_everywhere(&site, &["https://example.com/posts/late-night/", "https://example.com/posts/morning/"]);
}

#[test]
fn ambiguous_titles_conflicts_and_unusable_ids_are_reported_not_adopted() {
    let site = Site::with_config(&config_with_permalink("/{year}/{slug}/"));
    site.write("articles/2024-02-01-weekly.md", "---\ntitle: Weekly notes\ndate: 2024-02-01\n---\nOne.\n");
    site.write("articles/2024-02-02-weekly-2.md", "---\ntitle: Weekly notes\ndate: 2024-02-02\n---\nTwo.\n");
    site.write(
        "articles/2024-03-01-mine.md",
        "---\ntitle: Mine\ndate: 2024-03-01\nid: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n---\nThree.\n",
    );
    site.write("articles/2024-04-01-hash.md", "---\ntitle: Hashed\ndate: 2024-04-01\n---\nFour.\n");
    for name in ["a", "b", "c"] {
        site.write(&format!("articles/2024-05-01-{name}.md"), format!("---\ntitle: {name}\n---\n{name}.\n"));
    }
    site.write(
        "old.xml",
        "<rss version=\"2.0\"><channel><title>x</title>\
<item><title>Weekly notes</title><link>https://example.com/old/weekly/</link><pubDate>Thu, 01 Feb 2024 12:00:00 +0000</pubDate><guid>https://example.com/old/weekly/</guid></item>\
<item><title>Mine</title><link>https://example.com/2024/mine/</link><guid>https://example.com/2024/mine/</guid></item>\
<item><title>Hashed</title><link>https://example.com/2024/hash/</link><guid isPermaLink=\"false\">5f0c3c1a9e</guid></item>\
<item><title>A</title><link>https://example.com/2024/a/</link><guid>urn:x:same</guid></item>\
<item><title>B</title><link>https://example.com/2024/b/</link><guid>urn:x:same</guid></item>\
<item><title>C</title><link>https://example.com/2024/c/</link><guid>urn:x:c1</guid></item>\
<item><title>C again</title><link>https://example.com/2024/c/index.html</link><guid>urn:x:c2</guid></item>\
</channel></rss>",
    );
    let before: Vec<Vec<u8>> = ["2024-02-01-weekly.md", "2024-03-01-mine.md", "2024-04-01-hash.md"]
        .map(|f| site.read(&format!("articles/{f}")))
        .to_vec();
    let (code, stdout, stderr) = run(&site, &["adopt", "old.xml"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("ambiguous (not adopted) (3):"), "{stdout}");
    assert!(stdout.contains("the entries at old.xml:1 match the same article: ambiguous"), "{stdout}");
    assert!(stdout.contains("conflicts (not adopted) (3):"), "{stdout}");
    assert!(
        stdout.contains(
            "the old feed gives this id to several articles (`articles/2024-05-01-a.md`, `articles/2024-05-01-b.md`)"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("2 articles have its title and date"), "{stdout}");
    assert!(
        stdout.contains("already has the id `urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e` (`--force` replaces it)"),
        "{stdout}"
    );
    assert!(stdout.contains("ids that cannot be used (not adopted) (1):"), "{stdout}");
    assert!(stdout.contains("the old id `5f0c3c1a9e` is not an absolute URI"), "{stdout}");
    assert!(stderr.contains("error: articles/2024-03-01-mine.md: old entry `https://example.com/2024/mine/` (old.xml:1) not adopted: its front matter already has the id"), "{stderr}");
    assert!(stderr.contains("error: 7 old entries could not be adopted; every other id was adopted"), "{stderr}");
    let after: Vec<Vec<u8>> = ["2024-02-01-weekly.md", "2024-03-01-mine.md", "2024-04-01-hash.md"]
        .map(|f| site.read(&format!("articles/{f}")))
        .to_vec();
    assert_eq!(before, after);

    // --force replaces the explicit id.
    let (code, stdout, stderr) = run(&site, &["adopt", "--force", "old.xml"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(site.read_string("articles/2024-03-01-mine.md").contains("\nid: \"https://example.com/2024/mine/\"\n"));
    site.build_ok();
}

#[test]
fn an_unreadable_old_feed_names_the_file_and_writes_nothing() {
    let site = jekyll_site();
    site.write("old/page.html", "<html><body>not a feed</body></html>");
    let before = site.read("articles/2023-01-29-first-post.md");
    let (code, _, stderr) = run(&site, &["adopt", "old/feed.xml", "old/page.html"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error: adopt: 1 old feed is not a feed; nothing was written"), "{stderr}");
    assert!(
        stderr.contains(
            "error: old/page.html: cannot read the old feed: it is XML, but its root element `<html>` is not"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = run(&site, &["adopt", "old/missing.xml"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("cannot read the old feed `old/missing.xml`"), "{stderr}");
    assert_eq!(site.read("articles/2023-01-29-first-post.md"), before);
}

#[test]
fn files_without_front_matter_and_the_feedwright_feed_warning() {
    let site = Site::with_config(&config_with_permalink("/{slug}/"));
    // A Markdown title line stays the title with front matter above it.
    site.write("articles/2024-05-01-plain.md", "# Plain title\n\nBody.\n");
    site.write("articles/2024-05-02-text.txt", "Text title\n\nBody of text.\n");
    site.build_ok();
    site.write(
        "old.xml",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title>\
<entry><title>Plain title</title><link href=\"https://example.com/plain/\"/><id>https://example.com/plain/</id><updated>2024-05-01T00:00:00Z</updated></entry>\
<entry><title>Text title</title><link href=\"https://example.com/text/\"/><id>https://example.com/text/</id><updated>2024-05-02T00:00:00Z</updated></entry></feed>",
    );
    let (code, stdout, stderr) = run(&site, &["adopt", "old.xml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let plain = site.read_string("articles/2024-05-01-plain.md");
    let text = site.read_string("articles/2024-05-02-text.txt");
    // The feedwright feeds built above published them as `tag:` ids.
    assert!(
        stdout.contains("warning: `feeds/feed.json` published it as `tag:example.com,2024-05-01:plain`"),
        "{stdout}"
    );
    assert!(
        plain.starts_with("---\nid: \"https://example.com/plain/\"\n---\n# Plain title\n"),
        "{plain}\n{stdout}{stderr}"
    );
    // A plain text file's first line stays its title below front matter
    // (were it not, adopt would refuse: every edit is read back first).
    assert_eq!(text, "---\nid: \"https://example.com/text/\"\n---\nText title\n\nBody of text.\n");
    site.build_ok();
    assert_ids_everywhere(&site, &["https://example.com/plain/", "https://example.com/text/"]);
    let json = site.read_string("feeds/feed.json");
    assert!(json.contains("\"title\": \"Plain title\"") && json.contains("\"title\": \"Text title\""), "{json}");
}

#[test]
fn config_and_articles_options_work_from_another_folder() {
    let site = jekyll_site();
    std::fs::rename(site.path().join("articles"), site.path().join("posts")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let config = site.path().join("feedwright.toml");
    let feed = site.path().join("old/feed.xml");
    let posts = site.path().join("posts");
    let output = Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .args([
            "adopt",
            "--config",
            config.to_str().unwrap(),
            "--articles",
            posts.to_str().unwrap(),
            feed.to_str().unwrap(),
        ])
        .current_dir(outside.path())
        .env_clear()
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("adopted (2):"), "{stdout}");
    assert!(
        site.read_string("posts/2023-01-29-first-post.md")
            .contains("id: \"https://example.com/2023/01/29/first-post\"")
    );

    // A missing configuration is a usage error.
    let output = Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .args(["adopt", feed.to_str().unwrap()])
        .current_dir(outside.path())
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
}

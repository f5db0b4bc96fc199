//! Publishing from CI: ids and dates that move only when readers would want
//! them to, `--check`, `--report json`, future articles, the build lock.

use std::process::Command;

use crate::util::Site;

const POST: &str = "---\ntitle: Original title\ndate: 2026-01-10 09:00\ntags: [a]\n---\nThe body of the post.\n";
const OTHER: &str = "---\ntitle: Other\ndate: 2026-01-11 09:00\n---\nAnother body.\n";

fn json(site: &Site) -> serde_json::Value {
    serde_json::from_slice(&site.read("feeds/feed.json")).unwrap()
}

fn ids(site: &Site) -> Vec<String> {
    json(site)["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
}

fn build_at(site: &Site, epoch: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    site.run_in_env(&all, &[("TZ", "UTC"), ("SOURCE_DATE_EPOCH", epoch)])
}

fn ok(output: std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

#[test]
fn retitling_renaming_and_moving_keep_the_id() {
    let site = Site::new();
    site.write("articles/2026-01-10-first-post.md", POST).write("articles/2026-01-11-other.md", OTHER);
    ok(build_at(&site, "1800000000", &[]));
    let original = ids(&site);

    // Retitle: the id never came from the title.
    site.write("articles/2026-01-10-first-post.md", POST.replace("Original title", "A better title"));
    ok(build_at(&site, "1800000000", &[]));
    assert_eq!(ids(&site), original);

    // Rename the file (new slug) and move it into a folder.
    std::fs::remove_file(site.path().join("articles/2026-01-10-first-post.md")).unwrap();
    site.write("articles/2026/renamed-post.md", POST.replace("Original title", "A better title"));
    ok(build_at(&site, "1800000000", &[]));
    assert_eq!(ids(&site), original);
    let item = &json(&site)["items"][1];
    assert_eq!(item["url"], "https://example.com/2026/01/renamed-post/");

    // Remove it: its entry goes. Re-add the original file: the same id comes back.
    std::fs::remove_file(site.path().join("articles/2026/renamed-post.md")).unwrap();
    ok(build_at(&site, "1800000000", &[]));
    assert_eq!(ids(&site), original[..1]);
    site.write("articles/2026-01-10-first-post.md", POST);
    ok(build_at(&site, "1800000000", &[]));
    assert_eq!(ids(&site), original);
}

#[test]
fn editing_one_article_moves_only_its_updated_and_the_feed_date() {
    let site = Site::new();
    site.write("articles/2026-01-10-post.md", POST).write("articles/2026-01-11-other.md", OTHER);
    ok(build_at(&site, "1800000000", &[]));
    let before = json(&site);
    let atom_before = site.read_string("feeds/atom.xml");

    // Nothing changed, a later build: no byte changes.
    ok(build_at(&site, "1800009999", &[]));
    assert_eq!(json(&site), before);
    assert_eq!(site.read_string("feeds/atom.xml"), atom_before);

    // A typo fix, built at 1800000000 + 1 day.
    site.write("articles/2026-01-10-post.md", POST.replace("The body", "The fixed body"));
    ok(build_at(&site, "1800086400", &[]));
    let after = json(&site);
    let edited = |doc: &serde_json::Value| doc["items"][1].clone();
    assert_eq!(edited(&after)["date_modified"], "2027-01-16T08:00:00Z");
    assert_eq!(edited(&after)["date_published"], edited(&before)["date_published"]);
    assert_eq!(after["items"][0], before["items"][0], "the other entry must not change");
    let atom = site.read_string("feeds/atom.xml");
    assert!(atom.contains("<updated>2027-01-16T08:00:00+00:00</updated>"), "{atom}");

    // And the next build keeps that date.
    ok(build_at(&site, "1800999999", &[]));
    assert_eq!(json(&site), after);
}

#[test]
fn explicit_updated_wins() {
    let site = Site::new();
    site.write("articles/2026-01-10-post.md", POST);
    ok(build_at(&site, "1800000000", &[]));
    site.write(
        "articles/2026-01-10-post.md",
        POST.replace("tags: [a]", "tags: [a]\nupdated: 2026-02-01").replace("body", "new body"),
    );
    ok(build_at(&site, "1800086400", &[]));
    assert_eq!(json(&site)["items"][0]["date_modified"], "2026-02-01T00:00:00-08:00");
}

#[test]
fn check_fails_on_stale_feeds_and_passes_on_fresh_ones() {
    let site = Site::new();
    site.write("articles/2026-01-10-post.md", POST);
    let output = build_at(&site, "1800000000", &["--check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!site.path().join("feeds").exists(), "--check wrote something");
    ok(build_at(&site, "1800000000", &[]));
    ok(build_at(&site, "1800000000", &["--check"]));

    site.write("articles/2026-01-11-other.md", OTHER);
    site.write("articles/2026-01-10-post.md", POST.replace("The body", "The edited body"));
    let before = site.read("feeds/rss.xml");
    let output = build_at(&site, "1800086400", &["--check", "--report", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(site.read("feeds/rss.xml"), before, "--check wrote something");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("feeds/atom.xml is out of date: 1 added, 1 changed, 0 removed"), "{stderr}");
    assert!(stderr.contains("  added    tag:example.com,2026-01-11:other  Other"), "{stderr}");
    assert!(stderr.contains("  changed  tag:example.com,2026-01-10:post  Original title"), "{stderr}");
    assert!(
        stderr.contains("error: 5 feeds are out of date: run `feedwright build` and commit the result"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rss = report["feeds"].as_array().unwrap().iter().find(|f| f["format"] == "rss").unwrap();
    assert_eq!(rss["status"], "stale");
    assert_eq!(rss["added"][0]["id"], "tag:example.com,2026-01-11:other");
    assert_eq!(rss["changed"][0]["title"], "Original title");
}

#[test]
fn report_json_lists_changes_and_held_back_articles() {
    let site = Site::new();
    site.write("articles/2026-01-10-post.md", POST);
    site.write("articles/draft.md", "---\ntitle: D\ndate: 2026-01-01\ndraft: true\n---\n");
    site.write("articles/later.md", "---\ntitle: Later\ndate: 2030-01-01T00:00:00Z\n---\n");
    let output = build_at(&site, "1800000000", &["--report", "json"]);
    let stderr = ok(output.clone());
    assert!(
        stderr.contains(
            "note: articles/later.md: dated 2030-01-01T00:00:00+00:00, published by the first build after that"
        ),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["feeds"][0]["status"], "written");
    assert_eq!(report["feeds"][0]["added"][0]["title"], "Original title");
    let held: Vec<_> = report["held_back"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect();
    assert_eq!(held, ["future", "draft"]);
    assert_eq!(ids(&site).len(), 1);

    // Once its date has passed (or with --include-future) it is published.
    ok(build_at(&site, "1900000000", &[]));
    assert_eq!(ids(&site).len(), 2);
    let site2 = Site::new();
    site2.write("articles/later.md", "---\ntitle: Later\ndate: 2030-01-01T00:00:00Z\n---\n");
    ok(build_at(&site2, "1800000000", &["--include-future"]));
    assert_eq!(ids(&site2).len(), 1);
}

#[test]
fn a_fresh_shallow_clone_builds_the_same_bytes() {
    let site = Site::new();
    site.write("articles/2026-01-10-first.md", POST).write("articles/2026-01-11-other.md", OTHER);
    ok(build_at(&site, "1800000000", &[]));
    // An edit published at a known time, then renamed: the state lives in feeds/.
    site.write("articles/2026-01-10-first.md", POST.replace("body", "edited body"));
    ok(build_at(&site, "1800086400", &[]));
    let git = |dir: &std::path::Path, args: &[&str]| crate::util::git(dir, args, &[]);
    git(site.path(), &["init", "-q"]);
    git(site.path(), &["add", "-A"]);
    git(site.path(), &["commit", "-q", "-m", "site"]);
    let clones = tempfile::tempdir().unwrap();
    let source = format!("file://{}", site.path().display());
    git(clones.path(), &["clone", "-q", "--depth", "1", &source, "clone"]);
    let clone = clones.path().join("clone");
    let output = Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .args(["build", "--check"])
        .current_dir(&clone)
        .env("SOURCE_DATE_EPOCH", "1900000000")
        .env("TZ", "Asia/Tokyo")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn concurrent_builds_both_succeed_with_valid_feeds() {
    let site = Site::new();
    for (name, contents) in feedwright_testkit::corpus::generate(150, 3, false) {
        site.write(&format!("articles/{name}"), contents);
    }
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_feedwright"))
            .arg("build")
            .current_dir(site.path())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> = (0..4).map(|_| spawn()).collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    crate::util::assert_relaxng("atom.rng", &[site.path().join("feeds/atom.xml")]);
    crate::util::assert_relaxng("rss20.rng", &[site.path().join("feeds/rss.xml")]);
    crate::util::assert_json_schema(&[site.path().join("feeds/feed.json")]);
    assert!(!site.path().join("feeds/.feedwright.lock").exists());
}

#[test]
fn a_killed_builds_lock_does_not_block_the_next() {
    let site = Site::new();
    site.write("articles/2026-01-10-post.md", POST);
    // A leftover lock file from a killed build: nobody holds it.
    site.write("feeds/.feedwright.lock", "");
    ok(site.run(&["build"]));
    // A build killed while holding the lock: the kernel releases it.
    let holder = Command::new("python3")
        .args([
            "-c",
            "import fcntl,sys,time; f=open(sys.argv[1],'w'); fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
        ])
        .arg(site.path().join("feeds/.feedwright.lock"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 is installed");
    let mut holder = holder;
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(holder.stdout.take().unwrap()), &mut line).unwrap();
    assert_eq!(line.trim(), "locked");
    holder.kill().unwrap();
    holder.wait().unwrap();
    let started = std::time::Instant::now();
    ok(site.run(&["build"]));
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn new_writes_an_article_that_builds_and_never_overwrites() {
    let site = Site::new();
    let output = site.run_in_env(
        &["new", "Hello: a \"quoted\" World!", "--tags", "a b,c", "--publish"],
        &[("TZ", "UTC"), ("SOURCE_DATE_EPOCH", "1800000000")],
    );
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // 1800000000 is 2027-01-15T08:00:00Z: midnight in Los Angeles, the site's zone.
    assert_eq!(stdout, "articles/2027-01-15-hello-a-quoted-world.md\n");
    let text = site.read_string("articles/2027-01-15-hello-a-quoted-world.md");
    assert!(text.starts_with("---\ntitle: \"Hello: a \\\"quoted\\\" World!\"\ndate: 2027-01-15T00:00:00-08:00\nid: \"tag:example.com,2027-01-15:hello-a-quoted-world\"\ntags: [\"a b\", \"c\"]\n---\n"), "{text}");
    ok(build_at(&site, "1800000000", &[]));
    assert_eq!(ids(&site), ["tag:example.com,2027-01-15:hello-a-quoted-world"]);
    assert_eq!(json(&site)["items"][0]["title"], "Hello: a \"quoted\" World!");

    let again = site.run_in_env(&["new", "Hello: a \"quoted\" World!"], &[("SOURCE_DATE_EPOCH", "1800000000")]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&again.stderr)
            .contains("error: articles/2027-01-15-hello-a-quoted-world.md: the article already exists")
    );
    assert_eq!(site.read_string("articles/2027-01-15-hello-a-quoted-world.md"), text);
}

#[test]
fn list_shows_every_article_with_its_status() {
    let site = Site::new();
    site.write("articles/2026-01-10-post.md", POST);
    site.write("articles/draft.md", "---\ntitle: D\ndate: 2026-01-01\ndraft: true\n---\n");
    site.write("articles/later.md", "---\ntitle: Later\ndate: 2030-01-01T00:00:00Z\ntags: [x]\n---\n");
    let output = site.run_in_env(&["list", "--format", "json"], &[("SOURCE_DATE_EPOCH", "1800000000")]);
    assert!(output.status.success());
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows: Vec<(String, String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["status"].as_str().unwrap().into(),
                r["slug"].as_str().unwrap().into(),
                r["file"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("future".into(), "later".into(), "articles/later.md".into()),
            ("published".into(), "post".into(), "articles/2026-01-10-post.md".into()),
            ("draft".into(), "draft".into(), "articles/draft.md".into()),
        ]
    );
    assert_eq!(list[0]["tags"][0], "x");
    let text = site.run_in_env(&["list"], &[("SOURCE_DATE_EPOCH", "1800000000")]);
    let text = String::from_utf8_lossy(&text.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("STATUS     DATE                       ID "), "{text}");
    assert!(lines[1].starts_with("future     2030-01-01T00:00:00+00:00  tag:example.com,2030-01-01:later "), "{text}");
}

/// The build cache is a shortcut only: edits are always seen, a corrupt or
/// missing cache changes nothing, and an unchanged site does no work.
#[test]
fn cache_never_changes_the_result() {
    let site = Site::new();
    site.write("articles/2026-01-10-post.md", POST).write("articles/2026-01-11-other.md", OTHER);
    ok(build_at(&site, "1800000000", &[]));
    let reference: Vec<Vec<u8>> = site.feed_paths().iter().map(|p| std::fs::read(p).unwrap()).collect();
    let feeds = |site: &Site| -> Vec<Vec<u8>> { site.feed_paths().iter().map(|p| std::fs::read(p).unwrap()).collect() };

    // An edit right after a build (same second, same size) is seen.
    site.write("articles/2026-01-10-post.md", POST.replace("The body", "Thy body"));
    ok(build_at(&site, "1800000000", &[]));
    assert!(json(&site)["items"][1]["content_html"].as_str().unwrap().contains("Thy body"));
    site.write("articles/2026-01-10-post.md", POST);

    // Garbage in the cache is ignored.
    for name in ["index.bin", "articles.bin", "history.bin", "checked.bin", "fragments.bin"] {
        site.write(&format!(".feedwright-cache/{name}"), b"\x00garbage{");
    }
    ok(build_at(&site, "1800000000", &[]));
    // (the edit and its revert moved `updated`; compare with a build without any cache)
    let with_cache = feeds(&site);
    std::fs::remove_dir_all(site.path().join(".feedwright-cache")).unwrap();
    ok(build_at(&site, "1800000000", &[]));
    assert_eq!(feeds(&site), with_cache);
    assert_eq!(reference.len(), with_cache.len());

    // With every file settled, a rebuild takes the shortcut and changes nothing.
    let settled = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in std::fs::read_dir(site.path().join("articles")).unwrap() {
        let file = std::fs::File::options().write(true).open(entry.unwrap().path()).unwrap();
        file.set_modified(settled).unwrap();
    }
    ok(build_at(&site, "1800000000", &[]));
    let stderr = ok(build_at(&site, "1800000000", &["--timings"]));
    assert!(stderr.contains("nothing changed"), "{stderr}");
    assert!(stderr.contains("feeds/rss.xml (unchanged)"), "{stderr}");
    assert_eq!(feeds(&site), with_cache);
    // ... unless a future article comes due.
    site.write("articles/later.md", "---\ntitle: Later\ndate: 2027-01-20T00:00:00Z\n---\nSoon.\n");
    let file = std::fs::File::options().write(true).open(site.path().join("articles/later.md")).unwrap();
    file.set_modified(settled).unwrap();
    ok(build_at(&site, "1800000000", &[]));
    assert_eq!(ids(&site).len(), 2);
    let stderr = ok(build_at(&site, "1900000000", &["--timings"]));
    assert!(!stderr.contains("nothing changed"), "{stderr}");
    assert_eq!(ids(&site).len(), 3);
    // The cache keeps the history of the feed it wrote; a published feed
    // with other bytes (here a date put back by hand) is read itself.
    let mut edited = json(&site);
    assert_eq!(edited["items"][0]["id"], "tag:example.com,2027-01-20:later");
    edited["items"][0]["date_modified"] = "2027-02-02T00:00:00Z".into();
    site.write("feeds/feed.json", serde_json::to_vec_pretty(&edited).unwrap());
    ok(build_at(&site, "1900000000", &[]));
    assert_eq!(json(&site)["items"][0]["date_modified"], "2027-02-02T00:00:00Z");
}

/// A rebuild reads back what the last build rendered (from its JSON Feed)
/// only for articles whose files did not change: an edit that keeps the
/// front matter and the size is still rendered, and the feeds equal a
/// build without any cache.
#[test]
fn renderings_are_reused_only_for_unchanged_articles() {
    let site = Site::new();
    site.write("articles/2026-01-10-post.md", POST).write("articles/2026-01-11-other.md", OTHER);
    let settle = |name: &str, seconds_ago: u64| {
        let file = std::fs::File::options().write(true).open(site.path().join(name)).unwrap();
        file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(seconds_ago)).unwrap();
    };
    settle("articles/2026-01-10-post.md", 60);
    settle("articles/2026-01-11-other.md", 60);
    ok(build_at(&site, "1800000000", &[]));
    let feeds = |site: &Site| -> Vec<Vec<u8>> { site.feed_paths().iter().map(|p| std::fs::read(p).unwrap()).collect() };

    let before = feeds(&site);
    // Only the body changes, to one of the same length.
    site.write("articles/2026-01-10-post.md", POST.replace("The body", "Our body"));
    ok(build_at(&site, "1800000000", &[]));
    let items = json(&site)["items"].clone();
    assert!(items[1]["content_html"].as_str().unwrap().contains("Our body"), "{items}");
    assert!(items[0]["content_html"].as_str().unwrap().contains("Another body"), "{items}");
    let with_cache = feeds(&site);
    std::fs::remove_dir_all(site.path().join(".feedwright-cache")).unwrap();
    ok(build_at(&site, "1800000000", &[]));
    assert_eq!(feeds(&site), with_cache);
    assert_ne!(before, with_cache);
}

/// Settings that change how articles render (here full content to summary
/// only) change what is rendered, though the articles and their front
/// matter did not change.
#[test]
fn renderings_are_not_reused_across_settings() {
    let site = Site::new();
    site.write("articles/2026-01-10-post.md", POST).write("articles/2026-01-11-other.md", OTHER);
    for name in ["articles/2026-01-10-post.md", "articles/2026-01-11-other.md"] {
        let file = std::fs::File::options().write(true).open(site.path().join(name)).unwrap();
        file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(60)).unwrap();
    }
    ok(build_at(&site, "1800000000", &[]));
    assert!(json(&site)["items"][0]["content_html"].is_string());
    site.write(
        "feedwright.toml",
        crate::util::CONFIG.replace("entries = \"all\"", "entries = \"all\"\ncontent = \"summary\""),
    );
    ok(build_at(&site, "1800000000", &[]));
    let items = json(&site)["items"].clone();
    assert!(items.as_array().unwrap().iter().all(|item| item.get("content_html").is_none()), "{items}");
}

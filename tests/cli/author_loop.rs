//! The author's loop as people meet it: `make feeds` in a download without
//! git and in a clone with a new, uncommitted article; warnings repeated by
//! every build; `--deny-warnings`; `--report` when a build fails; problems
//! the feeds' check finds reported at the article's line.

use std::path::Path;
use std::process::{Command, Output};

use crate::util::{Site, git, repo};

/// The sample site as a download has it: the Makefile, the configuration,
/// the articles and the committed feeds, and no `.git`.
fn download() -> Site {
    let site = Site::with_config(&std::fs::read_to_string(repo().join("feedwright.toml")).unwrap());
    // Folders too: the podcast episode is a page bundle.
    let mut folders = vec!["articles".to_owned(), "feeds".to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(repo().join(&folder)).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{folder}/{}", entry.file_name().into_string().unwrap());
            if entry.file_type().unwrap().is_dir() {
                folders.push(name);
            } else {
                site.write(&name, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    site.write("Makefile", std::fs::read(repo().join("Makefile")).unwrap());
    site
}

/// `make feeds` as a person runs it: no `SOURCE_DATE_EPOCH`, the real
/// clock, the test's own build of feedwright.
fn make_feeds(dir: &Path) -> Output {
    let output = Command::new("make")
        .args(["--no-print-directory", "feeds", &format!("FEEDWRIGHT={}", env!("CARGO_BIN_EXE_feedwright"))])
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("MAKEFLAGS")
        .output()
        .unwrap_or_else(|err| panic!("cannot run `make` ({err}); install it with: apt-get install -y make"));
    assert!(output.status.success(), "make feeds failed:\n{}", String::from_utf8_lossy(&output.stderr));
    output
}

fn feeds(dir: &Path) -> Vec<Vec<u8>> {
    ["rss.xml", "atom.xml", "feed.json"].iter().map(|f| std::fs::read(dir.join("feeds").join(f)).unwrap()).collect()
}

/// An article dated a minute ago by the real clock, as an author writes one.
fn article_dated_now(title: &str) -> String {
    let now = chrono::Utc::now() - chrono::Duration::minutes(1);
    format!("---\ntitle: {title}\ndate: {}\n---\nJust written.\n", now.format("%Y-%m-%dT%H:%M:%SZ"))
}

#[test]
fn a_download_without_git_builds_and_publishes_a_new_article() {
    let site = download();
    let committed = feeds(site.path());
    make_feeds(site.path());
    assert_eq!(feeds(site.path()), committed, "the committed feeds are what the committed articles give");

    site.write("articles/just-written.md", article_dated_now("Just written"));
    make_feeds(site.path());
    let rss = site.read_string("feeds/rss.xml");
    assert!(rss.contains("<title>Just written</title>"), "the new article is published:\n{rss}");
    // Running it again gives the same bytes: every date the first run
    // decided is in the feeds it wrote.
    let first = feeds(site.path());
    std::fs::remove_dir_all(site.path().join(".feedwright-cache")).unwrap();
    make_feeds(site.path());
    assert_eq!(feeds(site.path()), first);
}

#[test]
fn an_uncommitted_article_is_published_and_a_shallow_clone_builds_the_same_bytes() {
    let site = download();
    let dir = site.path();
    site.write(".gitignore", ".feedwright-cache/\nfeeds/.feedwright.lock\n");
    git(dir, &["init", "-q", "-b", "main"], &[]);
    git(dir, &["add", "."], &[]);
    // Committed long ago: the old Makefile pinned the clock to this.
    let past = [("GIT_AUTHOR_DATE", "2026-02-20T00:00:00Z"), ("GIT_COMMITTER_DATE", "2026-02-20T00:00:00Z")];
    git(dir, &["commit", "-q", "-m", "site"], &past);

    site.write("articles/not-committed-yet.md", article_dated_now("Not committed yet"));
    let edited = site.read_string("articles/2026-02-10-how-we-publish-this-feed.md");
    site.write("articles/2026-02-10-how-we-publish-this-feed.md", format!("{edited}\nAn edit, not committed.\n"));
    make_feeds(dir);
    let built = feeds(dir);
    let rss = String::from_utf8(built[0].clone()).unwrap();
    assert!(rss.contains("<title>Not committed yet</title>"), "the uncommitted article is published:\n{rss}");
    make_feeds(dir);
    assert_eq!(feeds(dir), built, "two runs of make feeds give the same bytes");

    git(dir, &["add", "."], &[]);
    git(dir, &["commit", "-q", "-m", "new article"], &[]);
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", dir.display());
    git(clone.path(), &["clone", "-q", "--depth", "1", &url, "site"], &[]);
    let clone = clone.path().join("site");
    // CI, later, in a shallow clone without the cache: the feeds are fresh,
    // and building writes the very same bytes.
    let check = Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .args(["build", "--check"])
        .current_dir(&clone)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(check.status.success(), "build --check in the clone:\n{}", String::from_utf8_lossy(&check.stderr));
    make_feeds(&clone);
    assert_eq!(feeds(&clone), built);
}

const TYPO: &str = "---\ntitle: A <b>bold</b> claim\ndate: 2026-01-02\ntgs: [a]\n---\nBody.\n";

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn every_build_repeats_the_warnings_until_the_file_is_fixed() {
    let site = Site::new();
    site.write("articles/typo.md", TYPO);
    site.write("articles/other.md", "---\ntitle: Other\ndate: 2026-01-01\n---\nText.\n");
    let mut seen = Vec::new();
    for build in 0..4 {
        // The cache trusts only files older than two seconds: let it settle
        // so the later builds take the "nothing changed" path.
        if build > 0 {
            std::thread::sleep(std::time::Duration::from_millis(2100));
        }
        if build == 3 {
            // Touched, not changed: the feeds stay as they are.
            let file = std::fs::File::options().append(true).open(site.path().join("articles/other.md")).unwrap();
            file.set_modified(std::time::SystemTime::now()).unwrap();
        }
        let stderr = site.build_ok();
        assert!(
            stderr.contains("warning: articles/typo.md:4: unknown front matter key `tgs` is ignored"),
            "build {build}:\n{stderr}"
        );
        assert!(
            stderr.contains("warning: articles/typo.md:2: `title` should not contain HTML"),
            "build {build}:\n{stderr}"
        );
        seen.push(stderr);
    }
    assert!(seen.windows(2).all(|w| {
        w[0].lines().filter(|l| l.starts_with("warning")).eq(w[1].lines().filter(|l| l.starts_with("warning")))
    }));
    site.write("articles/typo.md", TYPO.replace("tgs", "tags").replace("<b>bold</b>", "bold"));
    let fixed = site.build_ok();
    assert!(!fixed.contains("warning"), "{fixed}");
}

#[test]
fn deny_warnings_fails_and_writes_nothing() {
    let site = Site::new();
    site.write("articles/a.md", "---\ntitle: Fine\ndate: 2026-01-01\n---\nText.\n");
    site.build_ok();
    let before: Vec<Vec<u8>> = site.feed_paths().iter().map(|p| std::fs::read(p).unwrap()).collect();
    site.write("articles/typo.md", TYPO);
    let output = site.run(&["build", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("warning: articles/typo.md:4: unknown front matter key `tgs`"), "{text}");
    assert!(text.ends_with("error: build failed: 2 warnings and `--deny-warnings`; no feed was written\n"), "{text}");
    let after: Vec<Vec<u8>> = site.feed_paths().iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert_eq!(before, after, "nothing was written");
    // The same on the path where nothing changed since the last build.
    site.build_ok();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    site.build_ok();
    let output = site.run(&["build", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let output = site.run(&["build", "--check", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

#[test]
fn the_report_is_printed_when_the_build_fails() {
    let site = Site::new();
    site.write("articles/good.md", "---\ntitle: Good\ndate: 2026-01-01\ntgs: x\n---\nText.\n");
    site.write("articles/bad.md", "---\ntitle: Bad\ndate: 2026-13-45\n---\nText.\n");
    let output = site.run(&["build", "--report", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report on stdout");
    assert_eq!(report["status"], "failed");
    assert_eq!(report["exit_code"], 1);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let bad = diagnostics.iter().find(|d| d["file"] == "articles/bad.md").expect("the bad article is named");
    assert_eq!(bad["severity"], "error");
    assert_eq!(bad["line"], 3);
    assert!(bad["message"].as_str().unwrap().contains("2026-13-45"), "{bad}");
    assert!(bad["hint"].is_string() && bad["code"].is_string(), "{bad}");
    let typo = diagnostics.iter().find(|d| d["file"] == "articles/good.md").expect("warnings too");
    assert_eq!((typo["severity"].as_str(), typo["line"].as_u64()), (Some("warning"), Some(4)));
    assert_eq!(report["summary"]["errors"], 1);
    assert!(!site.path().join("feeds").exists());

    // SARIF, for code scanning: the same findings.
    let output = site.run(&["build", "--report", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let error = results.iter().find(|r| r["level"] == "error").unwrap();
    let location = &error["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "articles/bad.md");
    assert_eq!(location["region"]["startLine"], 3);

    // A configuration error is reported too.
    site.write("feedwright.toml", "[site]\ntitle = \"x\"\n");
    let output = site.run(&["build", "--report", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["exit_code"], 2);
    assert_eq!(report["diagnostics"][0]["file"], "feedwright.toml");
}

#[test]
fn the_feeds_check_points_at_the_article_line() {
    let site = Site::new();
    site.write("articles/a.md", "---\ndate: 2026-01-02\n\ntitle: Tags <em>matter</em>\n---\nBody.\n");
    let stderr = site.build_ok();
    let warning = stderr.lines().find(|l| l.contains("should not contain HTML")).unwrap_or_else(|| panic!("{stderr}"));
    assert!(warning.starts_with("warning: articles/a.md:4: "), "{warning}");
    assert!(warning.contains("feeds/rss.xml:"), "the feed line is still named: {warning}");
    assert!(!stderr.lines().any(|l| l.starts_with("warning: feeds/")), "{stderr}");
    let output = site.run(&["build", "--report", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = report["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "ContainsHTML").cloned();
    let found = found.expect("the finding keeps the W3C code");
    assert_eq!((found["file"].as_str(), found["line"].as_u64()), (Some("articles/a.md"), Some(4)));
}

/// An empty articles folder fails with a report too, and `--deny-warnings`
/// does not turn its notes (drafts held back) into a failure.
#[test]
fn an_empty_folder_is_reported_and_notes_are_not_warnings() {
    let site = Site::new();
    let output = site.run(&["build", "--report", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["status"], "failed");
    assert_eq!(report["diagnostics"][0]["code"], "no-article");
    assert_eq!(report["diagnostics"][0]["file"], "articles");

    site.write("articles/a.md", "---\ntitle: A\ndate: 2026-01-01\nslug: Made Safe\n---\nText.\n");
    site.write("articles/b.md", "---\ntitle: B\ndate: 2026-01-02\ndraft: true\n---\nText.\n");
    let output = site.run(&["build", "--deny-warnings", "--report", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!((report["summary"]["warnings"].as_u64(), report["summary"]["notes"].as_u64()), (Some(0), Some(1)));
    assert_eq!(report["held_back"][0]["status"], "draft");
}

//! Issue 10: an article renamed and retitled in one commit keeps its id
//! when its body is the same or alike, in every format, with the build
//! cache and without it (a fresh clone, whose history is the committed
//! feeds); and never takes the id of another article.

use crate::util::Site;

/// A body with a relative link and image: both are made absolute against the
/// article's URL, so its HTML changes with its file name, its words do not.
const BODY: &str = "The compiler had been self-hosting for years, and the standard library was finally \
stable. See [the notes](notes.html) for what changed.\n\n![The release party](party.png)\n\nA new release \
ships every six weeks, and editions gather the changes that would break old code.\n";

const OTHER: &str = "---\ntitle: Other\ndate: 2026-01-11 09:00\n---\nAnother body.\n";

fn article(title: &str, date: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\ntags: [rust]\n---\n{body}")
}

/// The two ways a build finds the published history.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cache {
    /// `.feedwright-cache/history.bin`, kept by the last build.
    Kept,
    /// None: the history is read from the committed feeds.
    Removed,
}

const BOTH: [Cache; 2] = [Cache::Kept, Cache::Removed];

/// Builds at a fixed time, first removing the cache if asked; returns the
/// `--report json` document.
fn build(site: &Site, cache: Cache) -> serde_json::Value {
    if cache == Cache::Removed {
        let _ = std::fs::remove_dir_all(site.path().join(".feedwright-cache"));
    }
    let output = site.run_in_env(&["build", "--report", "json"], &[("TZ", "UTC"), ("SOURCE_DATE_EPOCH", "1800000000")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    if cache == Cache::Kept {
        assert!(site.path().join(".feedwright-cache/history.bin").exists());
    }
    serde_json::from_slice(&output.stdout).unwrap()
}

/// `(title, id)` of every entry of each feed, in feed order, read back with
/// feed-rs (RSS `guid`, Atom `id`, JSON Feed `id`).
fn entries(site: &Site) -> [Vec<(String, String)>; 3] {
    site.feed_paths().map(|path| {
        let bytes = std::fs::read(&path).unwrap();
        let feed = feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        feed.entries
            .iter()
            .map(|e| (e.title.as_ref().map(|t| t.content.clone()).unwrap_or_default(), e.id.clone()))
            .collect()
    })
}

/// The id of the entry titled `title`, the same in all three feeds.
fn id_of(site: &Site, title: &str) -> String {
    let ids: Vec<String> = entries(site)
        .iter()
        .map(|feed| {
            let found: Vec<&String> = feed.iter().filter(|(t, _)| t == title).map(|(_, id)| id).collect();
            assert_eq!(found.len(), 1, "`{title}` in {feed:?}");
            found[0].clone()
        })
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "the feeds disagree: {ids:?}");
    ids[0].clone()
}

/// The ids the report lists under `what` (`added`, `changed`, `removed`),
/// the same for every feed.
fn reported(report: &serde_json::Value, what: &str) -> Vec<String> {
    let feeds = report["feeds"].as_array().unwrap();
    let lists: Vec<Vec<String>> = feeds
        .iter()
        .map(|feed| feed[what].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect())
        .collect();
    assert_eq!(feeds.len(), 3);
    assert!(lists.iter().all(|list| *list == lists[0]), "{what}: {lists:?}");
    lists[0].clone()
}

/// Publishes `old` as `old_file`, then in one step removes it and writes
/// `new` as `new_file`; returns the site, the old id and the report of the
/// second build.
fn rename(cache: Cache, old_file: &str, old: &str, new_file: &str, new: &str) -> (Site, String, serde_json::Value) {
    let site = Site::new();
    site.write(old_file, old).write("articles/2026-01-11-other.md", OTHER);
    build(&site, cache);
    let old_title = old.lines().find_map(|l| l.strip_prefix("title: ")).unwrap();
    let old_id = id_of(&site, old_title);
    std::fs::remove_file(site.path().join(old_file)).unwrap();
    site.write(new_file, new);
    let report = build(&site, cache);
    (site, old_id, report)
}

#[test]
fn renamed_and_retitled_with_the_same_body_keeps_its_id() {
    let mut feeds = Vec::new();
    for cache in BOTH {
        let (site, old_id, report) = rename(
            cache,
            "articles/2026-01-10-rust-at-ten.md",
            &article("Rust at ten", "2026-01-10 09:00", BODY),
            "articles/2026/rust-turns-ten.md",
            &article("Rust turns ten", "2026-01-10 09:00", BODY),
        );
        assert_eq!(old_id, "tag:example.com,2026-01-10:rust-at-ten");
        assert_eq!(id_of(&site, "Rust turns ten"), old_id, "{cache:?}");
        assert_eq!(reported(&report, "added"), Vec::<String>::new(), "{cache:?}");
        assert_eq!(reported(&report, "removed"), Vec::<String>::new(), "{cache:?}");
        assert_eq!(reported(&report, "changed"), [old_id.as_str()], "{cache:?}");
        let json: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
        let item = &json["items"][1];
        assert_eq!(item["url"], "https://example.com/2026/01/rust-turns-ten/");
        assert!(
            item["content_html"].as_str().unwrap().contains("https://example.com/2026/01/rust-turns-ten/party.png")
        );
        // The next build finds the same, and changes nothing.
        let again = build(&site, cache);
        assert_eq!(id_of(&site, "Rust turns ten"), old_id, "{cache:?}");
        assert_eq!(reported(&again, "changed"), Vec::<String>::new(), "{cache:?}");
        feeds.push(site.feed_paths().map(|path| std::fs::read(path).unwrap()));
    }
    assert!(feeds[0] == feeds[1], "the cache changed the feeds");
}

#[test]
fn renamed_and_retitled_with_a_small_edit_keeps_its_id() {
    for cache in BOTH {
        let edited = BODY
            .replace("was finally stable", "was stable at last")
            .replace("old code.", "old code. Nobody has to upgrade on the day.");
        let (site, old_id, report) = rename(
            cache,
            "articles/2026-01-10-rust-at-ten.md",
            &article("Rust at ten", "2026-01-10 09:00", BODY),
            "articles/2026-01-10-ten-years.md",
            &article("Ten years of Rust", "2026-01-10 09:00", &edited),
        );
        assert_eq!(id_of(&site, "Ten years of Rust"), old_id, "{cache:?}");
        assert_eq!(reported(&report, "added"), Vec::<String>::new(), "{cache:?}");
    }
}

#[test]
fn renamed_and_retitled_with_a_new_body_is_a_new_entry() {
    for cache in BOTH {
        let (site, old_id, report) = rename(
            cache,
            "articles/2026-01-10-rust-at-ten.md",
            &article("Rust at ten", "2026-01-10 09:00", BODY),
            "articles/2026-01-10-bread.md",
            &article("Baking bread", "2026-01-10 09:00", "Flour, water, salt and time; the rest is patience.\n"),
        );
        let new_id = id_of(&site, "Baking bread");
        assert_eq!(new_id, "tag:example.com,2026-01-10:bread", "{cache:?}");
        assert_eq!(reported(&report, "added"), [new_id], "{cache:?}");
        assert_eq!(reported(&report, "removed"), [old_id], "{cache:?}");
    }
}

/// The day is part of the rule: an article whose date moved to another day
/// is another entry (an explicit `id` keeps it).
#[test]
fn renamed_with_another_day_is_a_new_entry() {
    for cache in BOTH {
        let (site, old_id, _) = rename(
            cache,
            "articles/2026-01-10-rust-at-ten.md",
            &article("Rust at ten", "2026-01-10 09:00", BODY),
            "articles/2026-01-09-rust-at-ten-again.md",
            &article("Rust at ten", "2026-01-09 09:00", BODY),
        );
        assert_ne!(id_of(&site, "Rust at ten"), old_id, "{cache:?}");
        // Another time the same day is still the same day.
        let (site, old_id, _) = rename(
            cache,
            "articles/2026-01-10-rust-at-ten.md",
            &article("Rust at ten", "2026-01-10 09:00", BODY),
            "articles/rust-turns-ten.md",
            &article("Rust turns ten", "2026-01-10 21:30", BODY),
        );
        assert_eq!(id_of(&site, "Rust turns ten"), old_id, "{cache:?}");
    }
}

/// Two published entries of the same day and title both lose their
/// articles, and one renamed article with that title appears: its body
/// tells which it was, and a body like neither takes neither id.
#[test]
fn two_orphans_with_the_same_day_and_title_are_told_apart_by_the_body() {
    let first = "Notes on the compiler: it is self-hosting, the standard library is stable, and releases ship \
        every six weeks.\n";
    let second = "Notes on the kitchen: bread wants flour, water, salt and time, and an oven as hot as it gets.\n";
    for cache in BOTH {
        for (body, adopts) in [
            (first.replace("every six weeks", "every six weeks, on a Thursday"), Some(0)),
            (second.replace("as hot as it gets", "as hot as it will go"), Some(1)),
            ("Notes on the garden: the tomatoes are late this year, and the beans are early.\n".to_owned(), None),
        ] {
            let site = Site::new();
            site.write("articles/2026-01-10-notes.md", article("Notes", "2026-01-10 09:00", first))
                .write("articles/2026-01-10-more-notes.md", article("Notes", "2026-01-10 18:00", second))
                .write("articles/2026-01-11-other.md", OTHER);
            build(&site, cache);
            let old = ["tag:example.com,2026-01-10:notes", "tag:example.com,2026-01-10:more-notes"];
            std::fs::remove_file(site.path().join("articles/2026-01-10-notes.md")).unwrap();
            std::fs::remove_file(site.path().join("articles/2026-01-10-more-notes.md")).unwrap();
            site.write("articles/2026-01-10-renamed-notes.md", article("Notes", "2026-01-10 12:00", &body));
            let report = build(&site, cache);
            let expected = match adopts {
                Some(which) => old[which].to_owned(),
                None => "tag:example.com,2026-01-10:renamed-notes".to_owned(),
            };
            assert_eq!(id_of(&site, "Notes"), expected, "{cache:?}: {body}");
            let mut removed = reported(&report, "removed");
            removed.sort();
            let mut expected_removed: Vec<String> =
                old.iter().filter(|id| **id != expected).map(|id| (*id).to_owned()).collect();
            expected_removed.sort();
            assert_eq!(removed, expected_removed, "{cache:?}: {body}");
        }
    }
}

/// An article with an explicit `id` keeps it, even when a published entry
/// it looks exactly like is orphaned.
#[test]
fn an_explicit_id_is_never_replaced() {
    for cache in BOTH {
        let with_id = article("Rust turns ten", "2026-01-10 09:00", BODY)
            .replace("tags: [rust]", "id: \"urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\"");
        let (site, _, report) = rename(
            cache,
            "articles/2026-01-10-rust-at-ten.md",
            &article("Rust at ten", "2026-01-10 09:00", BODY),
            "articles/2026-01-10-rust-turns-ten.md",
            &with_id,
        );
        assert_eq!(id_of(&site, "Rust turns ten"), "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e", "{cache:?}");
        assert_eq!(reported(&report, "removed"), ["tag:example.com,2026-01-10:rust-at-ten"], "{cache:?}");
    }
}

/// Summary-only feeds carry no content: what readers saw, and what a
/// renamed article is recognised by, is the summary.
#[test]
fn summary_only_feeds_match_on_the_summary() {
    for cache in BOTH {
        let site = Site::with_config(&crate::util::CONFIG.replace("[feeds]\n", "[feeds]\ncontent = \"summary\"\n"));
        site.write("articles/2026-01-10-rust-at-ten.md", article("Rust at ten", "2026-01-10 09:00", BODY));
        build(&site, cache);
        let old_id = id_of(&site, "Rust at ten");
        std::fs::remove_file(site.path().join("articles/2026-01-10-rust-at-ten.md")).unwrap();
        site.write("articles/2026-01-10-turns-ten.md", article("Rust turns ten", "2026-01-10 09:00", BODY));
        build(&site, cache);
        assert_eq!(id_of(&site, "Rust turns ten"), old_id, "{cache:?}");
    }
}

/// Once a build has published a renamed article under the id it adopted,
/// the next builds find it by its page: a later rewrite keeps the id.
#[test]
fn after_the_rename_the_page_keeps_the_id() {
    for cache in BOTH {
        let (site, old_id, _) = rename(
            cache,
            "articles/2026-01-10-rust-at-ten.md",
            &article("Rust at ten", "2026-01-10 09:00", BODY),
            "articles/2026-01-10-rust-turns-ten.md",
            &article("Rust turns ten", "2026-01-10 09:00", BODY),
        );
        site.write(
            "articles/2026-01-10-rust-turns-ten.md",
            article("Baking bread", "2026-01-10 09:00", "Flour, water, salt and time; the rest is patience.\n"),
        );
        let report = build(&site, cache);
        assert_eq!(id_of(&site, "Baking bread"), old_id, "{cache:?}");
        assert_eq!(reported(&report, "changed"), [old_id.as_str()], "{cache:?}");
    }
}

/// The same in CI: the rename is committed, and a fresh shallow clone (no
/// cache, no history but the committed feeds) builds the very bytes the
/// author's checkout builds with its cache.
#[test]
fn a_shallow_clone_keeps_the_id_of_a_renamed_article() {
    let site = Site::new();
    site.write("articles/2026-01-10-rust-at-ten.md", article("Rust at ten", "2026-01-10 09:00", BODY))
        .write("articles/2026-01-11-other.md", OTHER)
        .write(".gitignore", ".feedwright-cache/\n");
    build(&site, Cache::Kept);
    let old_id = id_of(&site, "Rust at ten");
    let git = |dir: &std::path::Path, args: &[&str]| crate::util::git(dir, args, &[]);
    git(site.path(), &["init", "-q"]);
    git(site.path(), &["add", "-A"]);
    git(site.path(), &["commit", "-q", "-m", "site"]);
    git(site.path(), &["mv", "articles/2026-01-10-rust-at-ten.md", "articles/2026-01-10-rust-turns-ten.md"]);
    site.write("articles/2026-01-10-rust-turns-ten.md", article("Rust turns ten", "2026-01-10 09:00", BODY));
    git(site.path(), &["commit", "-q", "-a", "-m", "rename and retitle"]);

    let clones = tempfile::tempdir().unwrap();
    let source = format!("file://{}", site.path().display());
    git(clones.path(), &["clone", "-q", "--depth", "1", &source, "clone"]);
    let clone = clones.path().join("clone");
    assert!(!clone.join(".feedwright-cache").exists());
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .arg("build")
        .current_dir(&clone)
        .env("SOURCE_DATE_EPOCH", "1800000000")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    build(&site, Cache::Kept);
    assert_eq!(id_of(&site, "Rust turns ten"), old_id);
    for name in ["rss.xml", "atom.xml", "feed.json"] {
        let in_clone = std::fs::read(clone.join("feeds").join(name)).unwrap();
        assert!(in_clone == site.read(&format!("feeds/{name}")), "{name} differs in the clone");
    }
}

/// An article turned back into a draft keeps its entry's id for itself: a
/// renamed article of the same day with the same words does not adopt it.
#[test]
fn a_draft_keeps_its_id_from_a_look_alike() {
    for cache in BOTH {
        let site = Site::new();
        site.write("articles/other.md", OTHER);
        site.write("articles/first.md", article("First", "2026-01-10 09:00", BODY));
        build(&site, cache);
        let first = id_of(&site, "First");
        let drafted = article("First", "2026-01-10 09:00", BODY).replacen("tags:", "draft: true\ntags:", 1);
        site.write("articles/first.md", drafted);
        site.write("articles/copy.md", article("A copy", "2026-01-10 10:00", BODY));
        build(&site, cache);
        assert_ne!(id_of(&site, "A copy"), first, "{cache:?}");
    }
}

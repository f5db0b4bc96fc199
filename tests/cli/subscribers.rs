//! What subscribers get beyond the main feeds: a feed per tag, author and
//! category, RFC 5005 archives holding the whole history, WebSub hub
//! links, the stylesheet — every document valid and read back.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::util::{Site, assert_json_schema, assert_relaxng};
use crate::validity::{check_with_feed_rs, check_with_feedparser, expected_from_json_file};

const CONFIG: &str = r#"[site]
title = "Example News"
url = "https://news.example.com/"
description = "News for tests"
language = "en"
timezone = "UTC"
author = { name = "Desk", email = "desk@news.example.com" }

[feeds]
entries = ENTRIES
by = ["tags", "authors", "categories"]
archives = true
hub = "https://hub.example.com/"
"#;

fn config(entries: usize) -> String {
    CONFIG.replace("ENTRIES", &entries.to_string())
}

/// Every feed file under the output folder, by folder (relative to it).
fn documents(site: &Site) -> BTreeMap<String, Vec<PathBuf>> {
    documents_in(&site.path().join("feeds"))
}

/// Every feed file under `feeds`, by folder (relative to it).
fn documents_in(feeds: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let feeds = feeds.to_path_buf();
    let mut found: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let mut folders = vec![feeds.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if ["rss.xml", "atom.xml", "feed.json"].iter().any(|name| path.ends_with(name)) {
                let relative = folder.strip_prefix(&feeds).unwrap().to_string_lossy().into_owned();
                found.entry(relative).or_default().push(path);
            }
        }
    }
    for files in found.values_mut() {
        files.sort();
    }
    found
}

fn file_ending(files: &[PathBuf], name: &str) -> PathBuf {
    files.iter().find(|p| p.ends_with(name)).unwrap_or_else(|| panic!("no {name} in {files:?}")).clone()
}

#[test]
fn every_document_is_valid_checked_and_read_back() {
    let site = Site::with_config(&config(4));
    for (name, contents) in feedwright_testkit::corpus::generate(24, 11, false) {
        site.write(&format!("articles/{name}"), contents);
    }
    site.write(
        "articles/2026-03-01-categorised.md",
        "---\ntitle: Filed under two\ndate: 2026-03-01\ncategories: [Politics, \"City Hall\"]\n---\nBody.\n",
    );
    site.build_ok();
    let documents = documents(&site);
    assert!(documents.contains_key("archive/1") && documents.contains_key("categories/city-hall"), "{documents:?}");
    assert!(documents.keys().any(|k| k.starts_with("tags/")) && documents.keys().any(|k| k.starts_with("authors/")));
    let all: Vec<&PathBuf> = documents.values().flatten().collect();
    let mut sorted: Vec<PathBuf> = all.iter().map(|p| (*p).clone()).collect();
    sorted.sort();
    let listed = listed_in_manifest(&site.path().join("feeds"), "https://news.example.com/feeds/");
    assert_eq!(listed, sorted, "feeds.opml lists every feed file, and only those");
    let of = |name: &str| all.iter().filter(|p| p.ends_with(name)).map(|p| (*p).clone()).collect::<Vec<_>>();
    assert_relaxng("rss20.rng", &of("rss.xml"));
    assert_relaxng("atom.rng", &of("atom.xml"));
    assert_json_schema(&of("feed.json"));
    // The same check `feedwright check` runs, clean on every file.
    let mut args = vec!["check".to_owned(), "--deny-warnings".to_owned()];
    args.extend(all.iter().map(|p| p.to_string_lossy().into_owned()));
    let output = site.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    // Real readers on the main feeds, an archive page and a few others.
    let sample: Vec<&String> = documents.keys().take(6).collect();
    for folder in sample {
        let files = &documents[folder];
        let expected = expected_from_json_file(&file_ending(files, "feed.json"));
        assert!(!expected.is_empty(), "{folder} holds no entry");
        check_with_feedparser(&file_ending(files, "rss.xml"), &expected, false);
        check_with_feedparser(&file_ending(files, "atom.xml"), &expected, true);
        check_with_feed_rs(&file_ending(files, "atom.xml"), &expected, true);
        check_with_feed_rs(&file_ending(files, "feed.json"), &expected, true);
    }
}

/// The href of the first link with `rel` in an RSS or Atom document.
fn link(xml: &str, rel: &str) -> Option<String> {
    let at = xml.find(&format!("rel=\"{rel}\""))?;
    let start = xml[..at].rfind("href=\"")? + 6;
    Some(xml[start..].split('"').next()?.to_owned())
}

/// The ids in the documents met following `next` links from `start`.
fn walk(
    feeds: &Path,
    start: &str,
    next: impl Fn(&[u8]) -> Option<String>,
    ids: impl Fn(&[u8]) -> Vec<String>,
) -> Vec<String> {
    let mut seen = Vec::new();
    let mut visited = HashSet::new();
    let mut at = Some(format!("https://news.example.com/feeds/{start}"));
    while let Some(url) = at {
        assert!(visited.insert(url.clone()), "the chain loops at {url}");
        let relative = url.strip_prefix("https://news.example.com/feeds/").expect("a link under the feeds");
        let bytes = std::fs::read(feeds.join(relative)).unwrap_or_else(|e| panic!("{url}: {e}"));
        seen.extend(ids(&bytes));
        at = next(&bytes);
    }
    seen
}

fn xml_ids(bytes: &[u8]) -> Vec<String> {
    feed_rs::parser::parse(bytes).unwrap().entries.into_iter().map(|e| e.id).collect()
}

fn json_ids(bytes: &[u8]) -> Vec<String> {
    let document: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    document["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
}

fn json_next(bytes: &[u8]) -> Option<String> {
    let document: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    document["next_url"].as_str().map(str::to_owned)
}

/// Each format's chain, from the main feed back through `prev-archive`
/// (`next_url` in JSON Feed): every entry exactly once.
fn assert_chains_hold_every_entry_once(site: &Site, count: usize) {
    let feeds = site.path().join("feeds");
    let xml_prev = |bytes: &[u8]| link(std::str::from_utf8(bytes).unwrap(), "prev-archive");
    for (start, ids) in [
        ("atom.xml", walk(&feeds, "atom.xml", xml_prev, xml_ids)),
        ("rss.xml", walk(&feeds, "rss.xml", xml_prev, xml_ids)),
        ("feed.json", walk(&feeds, "feed.json", json_next, json_ids)),
    ] {
        let distinct: HashSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len(), "{start}: an entry is on two pages");
        assert_eq!(ids.len(), count, "{start}: the chain does not reach every entry");
    }
}

fn archive_pages(site: &Site) -> BTreeMap<String, Vec<u8>> {
    documents(site)
        .into_iter()
        .filter(|(folder, _)| folder.starts_with("archive/"))
        .flat_map(|(_, files)| files)
        .map(|path| (path.to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect()
}

fn changed_pages(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut changed: Vec<String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path.rsplit("/archive/").next().unwrap().split('/').next().unwrap().to_owned())
        .collect();
    changed.dedup();
    changed
}

#[test]
fn the_archive_chain_holds_every_entry_once_and_full_pages_keep_their_bytes() {
    let site = Site::with_config(&config(20).replace("by = [\"tags\", \"authors\", \"categories\"]\n", ""));
    let corpus = feedwright_testkit::corpus::generate(1000, 5, false);
    for (name, contents) in &corpus {
        site.write(&format!("articles/{name}"), contents);
    }
    let stderr = site.build_ok();
    assert!(stderr.contains("from 1000 articles"), "{stderr}");
    assert_chains_hold_every_entry_once(&site, 1000);
    // 980 archived entries: 49 full pages of 20.
    let before = archive_pages(&site);
    assert_eq!(before.len(), 49 * 3);

    // A new article pushes the oldest entry of the main feeds into a new
    // page 50; page 49 now links to it; pages 1 to 48 keep their bytes.
    site.write("articles/2026-03-01-newest.md", "---\ntitle: Newest\ndate: 2026-03-01\n---\nBody.\n");
    site.build_ok();
    assert_chains_hold_every_entry_once(&site, 1001);
    let after = archive_pages(&site);
    assert_eq!(changed_pages(&before, &after), ["49", "50"]);
    // One more: only the newest page changes.
    site.write("articles/2026-03-02-newer.md", "---\ntitle: Newer still\ndate: 2026-03-02\n---\nBody.\n");
    site.build_ok();
    assert_chains_hold_every_entry_once(&site, 1002);
    assert_eq!(changed_pages(&after, &archive_pages(&site)), ["50"]);
    // A rebuild changes nothing, and `--check` agrees.
    let again = archive_pages(&site);
    site.build_ok();
    assert_eq!(archive_pages(&site), again);
    assert!(site.run(&["build", "--check"]).status.success());
}

/// Sets the modification time of each of `files` (all articles if none)
/// back a minute: the build cache trusts only files that have settled (one
/// saved just now may be saved again within its timestamp's resolution),
/// and a page is only left as it is when its entries come from trusted
/// records. A file touched again gets another record.
fn settle(site: &Site, files: &[&Path]) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let all: Vec<PathBuf> =
        std::fs::read_dir(site.path().join("articles")).unwrap().flatten().map(|e| e.path()).collect();
    let files: Vec<&Path> = if files.is_empty() { all.iter().map(PathBuf::as_path).collect() } else { files.to_vec() };
    for path in files {
        std::fs::File::options().write(true).open(path).unwrap().set_modified(past).unwrap();
    }
}

/// The site's output folder is byte for byte what a first build of the
/// same articles, without cache or published feeds, writes.
fn assert_same_as_a_first_build(site: &Site, config: &str, step: &str) {
    let fresh = Site::with_config(config);
    for entry in std::fs::read_dir(site.path().join("articles")).unwrap().flatten() {
        std::fs::copy(entry.path(), fresh.path().join("articles").join(entry.file_name())).unwrap();
    }
    fresh.build_ok();
    let (ours, theirs) = (every_file(&site.path().join("feeds")), every_file(&fresh.path().join("feeds")));
    let differ: Vec<_> = ours.keys().chain(theirs.keys()).filter(|path| ours.get(*path) != theirs.get(*path)).collect();
    assert!(differ.is_empty(), "{step}: these files differ from a first build's: {differ:?}");
}

/// `build -v`'s line about the archive pages left as they were.
fn build_verbose(site: &Site) -> String {
    let output = site.run(&["build", "-v"]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

/// The oldest archive pages are left as the last build wrote them, their
/// entries not even rendered, when they would come out the same; whatever
/// edit comes, the output is what a first build of the same articles
/// writes.
#[test]
fn archive_pages_left_as_they_are_are_what_a_first_build_writes() {
    let config = config(20).replace("by = [\"tags\", \"authors\", \"categories\"]\n", "");
    let site = Site::with_config(&config);
    for (name, contents) in feedwright_testkit::corpus::generate(1000, 5, false) {
        site.write(&format!("articles/{name}"), contents);
    }
    // Page 1's newest entry will be updated the day a later article is
    // published: two entries with one date, which moves one of them.
    let oldest = {
        let mut names: Vec<_> = std::fs::read_dir(site.path().join("articles")).unwrap().flatten().collect();
        names.sort_by_key(|entry| entry.file_name());
        names[19].path()
    };
    let text = std::fs::read_to_string(&oldest).unwrap();
    std::fs::write(&oldest, text.replacen("---\n", "---\nupdated: 2026-05-01T00:00:00Z\n", 1)).unwrap();
    settle(&site, &[]);
    site.build_ok();
    let articles = site.path().join("articles");

    // A new article: pages 1 to 48 stay, 49 links to the new page 50.
    site.write("articles/2026-03-01-newest.md", "---\ntitle: Newest\ndate: 2026-03-01\n---\nBody.\n");
    settle(&site, &[&articles.join("2026-03-01-newest.md")]);
    let said = build_verbose(&site);
    assert!(said.contains("48 archive pages left as the last build wrote them: their 960 entries"), "{said}");
    assert_same_as_a_first_build(&site, &config, "a new article");

    // An edit on page 10: pages 1 to 9 stay.
    let mut names: Vec<PathBuf> = std::fs::read_dir(&articles).unwrap().flatten().map(|e| e.path()).collect();
    names.sort();
    let on_page_10 = &names[9 * 20 + 5];
    let text = std::fs::read_to_string(on_page_10).unwrap();
    std::fs::write(on_page_10, format!("{text}\nOne more paragraph.\n")).unwrap();
    settle(&site, &[on_page_10]);
    let said = build_verbose(&site);
    assert!(said.contains("9 archive pages left as the last build wrote them"), "{said}");
    assert_same_as_a_first_build(&site, &config, "an edit on page 10");

    // A page file changed by hand, another removed: written again.
    site.write("feeds/archive/3/atom.xml", "<feed/>");
    std::fs::remove_file(site.path().join("feeds/archive/5/feed.json")).unwrap();
    let said = build_verbose(&site);
    assert!(said.contains("2 archive pages left as the last build wrote them"), "{said}");
    assert_same_as_a_first_build(&site, &config, "page files touched");

    // A backdated article lands on page 2, an article goes from page 7.
    let backdated = std::fs::read_to_string(&names[30]).unwrap().replacen("title:", "title: Backdated twin of", 1);
    site.write("articles/0000-backdated.md", backdated);
    std::fs::remove_file(&names[7 * 20 + 3]).unwrap();
    settle(&site, &[&articles.join("0000-backdated.md")]);
    site.build_ok();
    assert_same_as_a_first_build(&site, &config, "a backdated article and a removed one");

    // An article published the day page 1's newest entry says it was
    // updated takes that date, so that entry moves a second on: page 1
    // would not come out the same, and the build starts again.
    site.write("articles/2026-05-01-same-day.md", "---\ntitle: Same day\ndate: 2026-05-01T00:00:00Z\n---\nBody.\n");
    settle(&site, &[&articles.join("2026-05-01-same-day.md")]);
    let said = build_verbose(&site);
    assert!(said.contains("building again, every page"), "{said}");
    assert_same_as_a_first_build(&site, &config, "a date taken");
    assert_chains_hold_every_entry_once(&site, 1002);
}

#[test]
fn spellings_of_a_tag_are_one_feed_and_feeds_no_longer_written_go() {
    let site = Site::with_config(&config(10).replace("archives = true\n", ""));
    let article = |file: &str, title: &str, date: &str, tags: &str| {
        site.write(
            &format!("articles/{file}"),
            format!("---\ntitle: {title}\ndate: {date}\ntags: {tags}\n---\nBody.\n"),
        );
    };
    article("a.md", "One", "2026-01-01", "[Web Dev, C]");
    article("b.md", "Two", "2026-01-02", "[\"web  dev\", \"C++\"]");
    article("c.md", "Three", "2026-01-03", "[Web Dev]");
    site.build_ok();
    let folders: Vec<String> = documents(&site).into_keys().filter(|k| k.starts_with("tags/")).collect();
    assert_eq!(folders.len(), 3, "{folders:?}");
    assert!(folders.contains(&"tags/web-dev".to_owned()) && folders.contains(&"tags/c".to_owned()), "{folders:?}");
    let plus = folders.iter().find(|f| f.starts_with("tags/c-")).expect("C++ has a slug of its own").clone();
    let web = site.read_string("feeds/tags/web-dev/atom.xml");
    assert!(web.contains("<title>Example News — tag: Web Dev</title>"), "{web}");
    assert_eq!(web.matches("<entry>").count(), 3);
    assert!(web.contains("<link href=\"https://news.example.com/feeds/tags/web-dev/atom.xml\" rel=\"self\""));
    let json: serde_json::Value = serde_json::from_slice(&site.read("feeds/tags/web-dev/feed.json")).unwrap();
    assert_eq!(json["feed_url"], "https://news.example.com/feeds/tags/web-dev/feed.json");
    assert_eq!(json["hubs"][0]["url"], "https://hub.example.com/");
    // `check` on the folder takes the feeds in its sub-folders too (3 tags,
    // one author and the main feeds, 3 formats each).
    let checked = site.run(&["check", "feeds"]);
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(checked.status.success() && stderr.contains("checked 15 files: 0 errors, 0 warnings"), "{stderr}");

    // Nothing changed: the next build says so and does nothing; a feed
    // per tag deleted by hand is noticed and written again.
    // (The cache trusts only stamps older than a moment: settle them.)
    let settled = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for file in ["a.md", "b.md", "c.md"] {
        let file = std::fs::File::options().write(true).open(site.path().join("articles").join(file)).unwrap();
        file.set_modified(settled).unwrap();
    }
    site.build_ok();
    let again = site.run(&["build", "-v"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing changed since the last build"));
    std::fs::remove_file(site.path().join("feeds/tags/web-dev/rss.xml")).unwrap();
    let again = site.run(&["build", "-v"]);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("nothing changed since the last build"));
    assert!(site.path().join("feeds/tags/web-dev/rss.xml").is_file());

    // Without `C++`, its feed is stale for `--check`, then removed.
    article("b.md", "Two", "2026-01-02", "[\"web  dev\"]");
    let check = site.run(&["build", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains(&format!("feeds/{plus}/rss.xml is no longer written")), "{stderr}");
    site.build_ok();
    assert!(!site.path().join("feeds").join(&plus).exists());
    assert!(site.run(&["build", "--check"]).status.success());
}

#[test]
fn hub_and_stylesheet_links_in_every_format_and_none_when_turned_off() {
    let site = Site::with_config(&config(10));
    site.write("articles/a.md", "---\ntitle: One\ndate: 2026-01-01\ntags: [x]\n---\nBody.\n");
    site.build_ok();
    let rss = site.read_string("feeds/rss.xml");
    assert!(rss.contains("<atom:link href=\"https://hub.example.com/\" rel=\"hub\"/>"), "{rss}");
    assert!(rss.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?xml-stylesheet type=\"text/css\" href=\"feed.css\"?>\n"
    ));
    let atom = site.read_string("feeds/atom.xml");
    assert!(atom.contains("<link href=\"https://hub.example.com/\" rel=\"hub\"/>"), "{atom}");
    let tag = site.read_string("feeds/tags/x/atom.xml");
    assert!(tag.contains("href=\"../../feed.css\""), "{tag}");
    assert!(site.path().join("feeds/feed.css").is_file());
    // One article: no archive page, and no link to one.
    assert!(!rss.contains("prev-archive") && !site.path().join("feeds/archive").exists());

    let off = config(10).replace("hub = \"https://hub.example.com/\"\n", "stylesheet = false\n");
    site.write("feedwright.toml", off);
    site.build_ok();
    for file in ["feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/tags/x/rss.xml"] {
        let text = site.read_string(file);
        assert!(!text.contains("xml-stylesheet") && !text.contains("hub.example.com"), "{file}: {text}");
    }
}

#[test]
fn bad_feeds_settings_name_the_line() {
    let site = Site::with_config(&config(10).replace("https://hub.example.com/", "ftp://hub.example.com/"));
    site.write("articles/a.md", "---\ntitle: One\ndate: 2026-01-01\n---\nBody.\n");
    let stderr = site.build_fails(2);
    assert!(
        stderr.contains("feedwright.toml:13: `feeds.hub` `ftp://hub.example.com/` is not an http or https URL"),
        "{stderr}"
    );
    site.write("feedwright.toml", config(10).replace("\"categories\"]", "\"colours\"]"));
    let stderr = site.build_fails(2);
    assert!(stderr.contains("feedwright.toml:"), "{stderr}");
    assert!(stderr.contains("colours"), "{stderr}");
}

/// The `xmlUrl`s of a `feeds.opml`, as files under `feeds` (its URL is
/// `base`).
fn listed_in_manifest(feeds: &Path, base: &str) -> Vec<PathBuf> {
    let opml = std::fs::read_to_string(feeds.join("feeds.opml")).unwrap();
    let mut listed: Vec<PathBuf> = opml
        .split("xmlUrl=\"")
        .skip(1)
        .map(|rest| {
            let url = rest.split('"').next().unwrap();
            let relative = url.strip_prefix(base).unwrap_or_else(|| panic!("{url} is not under {base}"));
            feeds.join(percent_decoded(relative))
        })
        .collect();
    listed.sort();
    listed
}

/// `%C3%A9` as `é`: the file name a URL path names.
fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            bytes.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()),
        ) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

fn every_file(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(at) = folders.pop() {
        for entry in std::fs::read_dir(&at).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if !entry.file_name().to_string_lossy().starts_with('.') {
                found.insert(path.strip_prefix(folder).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

/// The sample site (`make feeds`) enables feeds per tag and author,
/// archives, a hub and a podcast: the committed folder is what a build
/// writes, file for file; `feeds.opml` lists every feed in it; each is
/// valid, passes `check` and reads back in feedparser and feed-rs.
#[test]
fn the_sample_site_writes_every_document_its_manifest_lists() {
    let repo = crate::util::repo();
    let config = std::fs::read_to_string(repo.join("feedwright.toml")).unwrap();
    for key in ["by = [", "archives = true", "hub = ", "[podcast]"] {
        assert!(config.contains(key), "the sample site does not use `{key}`");
    }
    let out = tempfile::tempdir().unwrap();
    for (path, bytes) in every_file(&repo.join("feeds")) {
        let to = out.path().join(path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .args(["build", "--quiet", "--config"])
        .arg(repo.join("feedwright.toml"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let built = every_file(out.path());
    let committed = every_file(&repo.join("feeds"));
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "feeds/ holds other files than a build writes: run `make feeds` and commit the result"
    );
    for (path, bytes) in &built {
        assert!(committed[path] == *bytes, "feeds/{} is stale: run `make feeds` and commit the result", path.display());
    }
    let feeds = repo.join("feeds");
    let listed = listed_in_manifest(&feeds, "https://news.example.com/feeds/");
    let mut files: Vec<PathBuf> = documents_in(&feeds).into_values().flatten().collect();
    files.sort();
    assert_eq!(listed, files, "feeds.opml lists every feed file, and only those");
    let of = |name: &str| files.iter().filter(|p| p.ends_with(name)).cloned().collect::<Vec<_>>();
    assert_relaxng("rss20.rng", &of("rss.xml"));
    assert_relaxng("atom.rng", &of("atom.xml"));
    assert_json_schema(&of("feed.json"));
    let mut check = std::process::Command::new(env!("CARGO_BIN_EXE_feedwright"));
    check.args(["check", "--deny-warnings"]).args(&files);
    let checked = check.output().unwrap();
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stdout));
    for (folder, files) in documents_in(&feeds) {
        let expected = expected_from_json_file(&file_ending(&files, "feed.json"));
        assert!(!expected.is_empty(), "feeds/{folder} holds no entry");
        check_with_feedparser(&file_ending(&files, "rss.xml"), &expected, false);
        check_with_feedparser(&file_ending(&files, "atom.xml"), &expected, true);
        check_with_feed_rs(&file_ending(&files, "atom.xml"), &expected, true);
        check_with_feed_rs(&file_ending(&files, "feed.json"), &expected, true);
    }
}

//! What a successful build does: deterministic bytes, untouched unchanged
//! files, drafts, limits, warnings, and the repository's own sample feeds.

use std::path::PathBuf;

use crate::util::{Site, repo};

fn site_with(articles: &[(&str, &str)]) -> Site {
    let site = Site::new();
    for (file, text) in articles {
        site.write(file, text);
    }
    site
}

const ONE: &str = "---\ntitle: One\ndate: 2026-01-01 10:00\ntags: [a]\n---\nFirst *one*.\n";
const TWO: &str = "---\ntitle: Two\ndate: 2026-01-02T10:00:00+02:00\n---\nSecond.\n";

#[test]
fn output_is_identical_across_time_zones_and_locales() {
    let site = site_with(&[
        ("articles/one.md", ONE),
        ("articles/two.md", TWO),
        ("articles/2026-01-03-three.txt", "Three\n\nText.\n"),
    ]);
    let build = |env: &[(&str, &str)], out: &str| {
        let output = site.run_in_env(&["build", "--out", out], env);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        ["rss.xml", "atom.xml", "feed.json"].map(|f| site.read(&format!("{out}/{f}")))
    };
    let utc = build(&[("TZ", "UTC"), ("LANG", "C")], "out-utc");
    let tokyo = build(&[("TZ", "Asia/Tokyo"), ("LANG", "ja_JP.UTF-8"), ("LC_ALL", "ja_JP.UTF-8")], "out-tokyo");
    let again = build(&[("TZ", "America/New_York"), ("LANG", "de_DE.UTF-8")], "out-ny");
    assert_eq!(utc, tokyo);
    assert_eq!(utc, again);
}

/// Reading, rendering and writing run on every core; the bytes are those of
/// a one-thread build, whatever the number of threads and whether the
/// cache of an earlier build is there.
#[test]
fn output_is_identical_whatever_the_number_of_threads() {
    let site = Site::new();
    for i in 0..40 {
        let day = i % 28 + 1;
        site.write(
            &format!("articles/2026-01-{day:02}-post-{i}.md"),
            format!(
                "---\ntitle: Post {i} & <{i}>\ndate: 2026-01-{day:02} {:02}:00\ntags: [t{}]\n---\n\
                 Body *{i}* with [a link](/x/{i}).\n\n## Part\n\nMore “text” {i}.\n",
                i % 24,
                i % 5
            ),
        );
    }
    let build = |threads: &str, out: &str| {
        let output = site.run_in_env(&["build", "--out", out], &[("RAYON_NUM_THREADS", threads)]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        ["rss.xml", "atom.xml", "feed.json"].map(|f| site.read(&format!("{out}/{f}")))
    };
    let one = build("1", "out-1");
    assert_eq!(build("4", "out-4"), one);
    assert_eq!(build("7", "out-7"), one);
    std::fs::remove_dir_all(site.path().join(".feedwright-cache")).unwrap();
    assert_eq!(build("3", "out-3"), one);
}

#[test]
fn rebuild_without_changes_rewrites_nothing() {
    let site = site_with(&[("articles/one.md", ONE)]);
    site.build_ok();
    let stamps = |site: &Site| -> Vec<std::time::SystemTime> {
        site.feed_paths().iter().map(|p| std::fs::metadata(p).unwrap().modified().unwrap()).collect()
    };
    let before = stamps(&site);
    let bytes: Vec<Vec<u8>> = site.feed_paths().iter().map(|p| std::fs::read(p).unwrap()).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let stderr = site.build_ok();
    assert!(
        stderr.contains("feeds/rss.xml (unchanged), feeds/atom.xml (unchanged), feeds/feed.json (unchanged)"),
        "{stderr}"
    );
    assert_eq!(before, stamps(&site));
    let after: Vec<Vec<u8>> = site.feed_paths().iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert_eq!(bytes, after);
}

#[test]
fn feed_date_comes_from_the_newest_entry_not_the_clock() {
    let site = site_with(&[("articles/one.md", ONE), ("articles/two.md", TWO)]);
    site.build_ok();
    let atom = site.read_string("feeds/atom.xml");
    assert!(atom.contains("<updated>2026-01-02T10:00:00+02:00</updated>"), "{atom}");
    let rss = site.read_string("feeds/rss.xml");
    assert!(rss.contains("<lastBuildDate>Fri, 02 Jan 2026 10:00:00 +0200</lastBuildDate>"), "{rss}");
}

#[test]
fn drafts_are_not_published() {
    let site = site_with(&[
        ("articles/one.md", ONE),
        ("articles/draft.md", "---\ntitle: Secret draft\ndate: 2026-01-05\ndraft: true\n---\n"),
        ("articles/jekyll.md", "---\ntitle: Unpublished\ndate: 2026-01-06\npublished: false\n---\n"),
    ]);
    let stderr = site.build_ok();
    assert!(stderr.contains("note: articles/draft.md: draft, not published"), "{stderr}");
    assert!(stderr.contains("note: articles/jekyll.md: draft, not published"), "{stderr}");
    for path in site.feed_paths() {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(!text.contains("Secret draft") && !text.contains("Unpublished"));
    }
}

#[test]
fn entries_limit_keeps_the_newest() {
    let site = Site::with_config("[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\n[feeds]\nentries = 1\n");
    site.write("articles/one.md", ONE).write("articles/two.md", TWO);
    site.build_ok();
    let json: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    let titles: Vec<&str> = json["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Two"]);
}

#[test]
fn summary_mode_and_chosen_formats() {
    let site = Site::with_config(
        "[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\n[feeds]\nformats = [\"json\", \"atom\"]\ncontent = \"summary\"\n",
    );
    site.write("articles/one.md", ONE);
    site.build_ok();
    assert!(!site.path().join("feeds/rss.xml").exists());
    let atom = site.read_string("feeds/atom.xml");
    assert!(atom.contains("<summary>First one.</summary>") && !atom.contains("<content"), "{atom}");
    let json: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    assert_eq!(json["items"][0]["content_text"], "First one.");
    assert!(json["items"][0].get("content_html").is_none());
}

#[test]
fn forbidden_characters_are_dropped_with_a_warning() {
    let site =
        site_with(&[("articles/ctl.md", "---\ntitle: \"Bell\u{7} title\"\ndate: 2026-01-01\n---\nNul\u{0} here.\n")]);
    let stderr = site.build_ok();
    assert!(
        stderr.contains("warning: articles/ctl.md:2: character U+0007, which XML forbids or discourages, is dropped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: articles/ctl.md:5: character U+0000, which XML forbids or discourages, is dropped"),
        "{stderr}"
    );
    for path in site.feed_paths() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains('\u{7}') && !text.contains('\u{0}'), "{}", path.display());
        assert!(text.contains("Bell title"));
    }
}

#[test]
fn crlf_bom_and_typo_warnings() {
    let site = site_with(&[(
        "articles/win.md",
        "\u{FEFF}---\r\ntitle: Windows\r\ndate: 2026-01-01\r\ntagz: [x]\r\n---\r\nLine one\r\n",
    )]);
    let stderr = site.build_ok();
    assert!(
        stderr.contains(
            "warning: articles/win.md:4: unknown front matter key `tagz` is ignored\n  help: did you mean `tags`?"
        ),
        "{stderr}"
    );
    assert!(site.read_string("feeds/atom.xml").contains("<title>Windows</title>"));
}

/// The repository's `feeds/` is what `make feeds` produces from `articles/`,
/// and the sample feeds are pinned by snapshots.
#[test]
fn sample_feeds_are_fresh_and_pinned() {
    // Build on top of the committed feeds, as `make feeds` does: they carry
    // the ids and dates readers have seen.
    let out = tempfile::tempdir().unwrap();
    for name in ["rss.xml", "atom.xml", "feed.json"] {
        let _ = std::fs::copy(repo().join("feeds").join(name), out.path().join(name));
    }
    let config = repo().join("feedwright.toml");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .args(["build", "--quiet", "--config"])
        .arg(&config)
        .arg("--out")
        .arg(out.path())
        .env("TZ", "Pacific/Auckland")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for name in ["rss.xml", "atom.xml", "feed.json"] {
        let built = std::fs::read_to_string(out.path().join(name)).unwrap();
        let committed = std::fs::read_to_string(repo().join("feeds").join(name)).unwrap_or_default();
        assert!(built == committed, "feeds/{name} is stale: run `make feeds` and commit the result");
        insta::assert_snapshot!(name, built);
    }
    let schema_checked: Vec<PathBuf> = vec![repo().join("feeds/rss.xml")];
    crate::util::assert_relaxng("rss20.rng", &schema_checked);
    crate::util::assert_relaxng("atom.rng", &[repo().join("feeds/atom.xml")]);
    crate::util::assert_json_schema(&[repo().join("feeds/feed.json")]);
}

#[test]
fn sample_article_keeps_its_sections_and_paragraphs() {
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo().join("feeds/feed.json")).unwrap()).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "tag:news.example.com,2026-01-30:dtla-erupts")
        .unwrap();
    let html = item["content_html"].as_str().unwrap();
    assert_eq!(item["title"], "DTLA Erupts: Protesters and Police Clash After ICE Out Rally");
    assert_eq!(item["date_published"], "2026-01-30T18:00:00-08:00");
    for heading in [
        "Arrests and Police Response",
        "Why Los Angeles? A City on the Front Line",
        "Background: What Is the ‘ICE Out’ Movement?",
    ] {
        assert!(html.contains(&format!("<h2>{heading}</h2>")), "{heading}");
    }
    // Every non-heading line of the seed is its own paragraph, text untouched.
    let seed = std::fs::read_to_string(repo().join("articles/2026-01-30-dtla-erupts.txt")).unwrap();
    let body_lines: Vec<&str> =
        seed.split("---\n").nth(2).unwrap().lines().skip(1).filter(|l| !l.trim().is_empty()).collect();
    let paragraphs = html.matches("<p>").count();
    let headings = html.matches("<h2>").count();
    assert_eq!(headings, 8);
    assert_eq!(paragraphs + headings, body_lines.len());
    assert!(html.contains("<p>In Minneapolis, for illustration, thousands marched insub-zero temperatures, pressing the emotional and ideological breadth of the movement.</p>"));
}

/// Inputs that used to produce feeds validators warn about.
#[test]
fn validator_friendly_output_for_awkward_input() {
    let site = Site::with_config(
        "[site]\ntitle = \"Kathmandu & <Co>\"\nurl = \"https://example.com/a|b/\"\ntimezone = \"Asia/Kathmandu\"\nlanguage = \"ne\"\nauthor = { name = \"Desk <desk@example.com>\" }\n[feeds]\nentries = \"all\"\n",
    );
    site.write("articles/2026-01-10-one.md", "---\ntitle: One\n---\nText.\n")
        .write("articles/2026-01-10-two.md", "---\ntitle: Two\nauthor: Bob <bob@example.com>\n---\n")
        .write("articles/2026-01-11-three.md", "---\ntitle: \"3 < 4 & 5\"\n---\n&#150; dash\n");
    site.build_ok();
    let rss = site.read_string("feeds/rss.xml");
    let atom = site.read_string("feeds/atom.xml");
    // Nepal's +05:45 is written in UTC in RSS.
    assert!(rss.contains("<pubDate>Fri, 09 Jan 2026 18:15:00 +0000</pubDate>"), "{rss}");
    // `<` and `&` in plain text: hex references in RSS, escaped HTML in Atom.
    assert!(rss.contains("<title>Kathmandu &#x26; &#x3C;Co&gt;</title>"), "{rss}");
    assert!(atom.contains("<title type=\"html\">3 &amp;lt; 4 &amp;amp; 5</title>"), "{atom}");
    // URLs carry no character RFC 3986 forbids.
    assert!(rss.contains("<link>https://example.com/a%7Cb/</link>") && !rss.contains("a|b"), "{rss}");
    // Same-day entries get distinct `updated`.
    assert!(atom.contains("<updated>2026-01-10T00:00:00+05:45</updated>"), "{atom}");
    assert!(atom.contains("<updated>2026-01-10T00:00:01+05:45</updated>"), "{atom}");
    // "Name <address>" authors are split; an empty body has no empty content.
    assert!(atom.contains("<name>Bob</name>\n      <email>bob@example.com</email>"), "{atom}");
    assert!(atom.contains("<name>Desk</name>\n    <email>desk@example.com</email>"), "{atom}");
    assert!(!atom.contains("<content type=\"html\"></content>"), "{atom}");
    assert!(atom.contains("<summary>Two</summary>"), "{atom}");
    // `&#150;` in Markdown means an en dash, as in HTML.
    assert!(atom.contains("– dash"), "{atom}");
}

/// The bytes of all three feeds of a 1,000-article generated corpus (varied
/// content, every format, full archive), pinned by their hashes: a change
/// of structure must not change a byte of output. A deliberate change of
/// output updates the snapshot (`cargo insta review`) and says why.
#[test]
fn a_thousand_article_corpus_builds_the_same_bytes() {
    let site = Site::new();
    for (name, contents) in feedwright_testkit::corpus::generate(1000, 42, true) {
        site.write(&format!("articles/{name}"), contents);
    }
    let output = site.run_in_env(&["build", "-q"], &[("TZ", "UTC"), ("SOURCE_DATE_EPOCH", "1800000000")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let hashes: Vec<String> = site
        .feed_paths()
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            format!("{name} {} bytes {:032x}", bytes.len(), xxhash_rust::xxh3::xxh3_128(&bytes))
        })
        .collect();
    insta::assert_snapshot!("corpus-1000", hashes.join("\n"));
}

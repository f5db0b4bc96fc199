//! Enclosures, podcasts and images: what each format carries, read back by
//! feedparser and feed-rs, and the errors a bad enclosure or `[podcast]`
//! gives.

use crate::util::{CONFIG, Site, assert_json_schema, assert_relaxng, run_tool};

const PODCAST: &str = r#"
[podcast]
owner = { name = "Pod Owner", email = "owner@example.com" }
image = "/artwork.jpg"
categories = [{ name = "News", subcategories = ["Tech News"] }, "Technology"]
"#;

/// A podcast site: a page bundle with a local MP3 and a second, remote
/// enclosure; an article whose enclosure is in `static/`, with an image.
fn podcast_site() -> Site {
    let site = Site::with_config(&format!("{CONFIG}{PODCAST}"));
    site.write(
        "articles/2026-01-05-ep/index.md",
        "---\ntitle: Episode one\nenclosures:\n  - ep.mp3\n  - {url: 'https://cdn.example.net/ep.pdf', type: application/pdf, length: 999}\n\
         duration: '00:01:01'\nepisode: 1\nseason: 2\nepisode-type: full\nexplicit: false\ntranscript: ep.vtt\n---\nFirst episode.\n",
    )
    .write("articles/2026-01-05-ep/ep.mp3", vec![0u8; 1234])
    .write("articles/2026-01-05-ep/ep.vtt", "WEBVTT\n")
    .write(
        "articles/2026-01-06-two.md",
        "---\ntitle: Two\nenclosure: /audio/two.m4a\nimage: /images/two.jpg\nduration: 75\n---\nSecond episode.\n",
    )
    .write("static/audio/two.m4a", vec![0u8; 77]);
    site
}

/// Each entry's enclosure URLs as feedparser reads them, newest first.
fn feedparser_enclosures(feed: &std::path::Path) -> Vec<Vec<String>> {
    let script = "import feedparser, json, sys\nd = feedparser.parse(open(sys.argv[1], 'rb').read())\n\
                  assert not d.bozo, d.bozo_exception\n\
                  print(json.dumps([[(e.get('href'), e.get('type'), e.get('length')) for e in x.get('enclosures', [])] for x in d.entries]))";
    let output = run_tool(
        "python3",
        &["-c".as_ref(), script.as_ref(), feed.as_os_str()],
        "apt-get install -y python3 && python3 -m pip install feedparser",
    );
    assert!(output.status.success(), "feedparser: {}", String::from_utf8_lossy(&output.stderr));
    let found: Vec<Vec<(String, String, String)>> = serde_json::from_slice(&output.stdout).unwrap();
    found.into_iter().map(|list| list.into_iter().map(|(h, t, l)| format!("{h} {t} {l}")).collect()).collect()
}

#[test]
fn enclosures_reach_every_format_and_both_readers() {
    let site = podcast_site();
    site.build_ok();
    let [rss, atom, json] = site.feed_paths();
    let mp3 = "https://example.com/2026/01/ep/ep.mp3 audio/mpeg 1234";
    let pdf = "https://cdn.example.net/ep.pdf application/pdf 999";
    let m4a = "https://example.com/audio/two.m4a audio/mp4 77";
    // RSS 2.0 allows one enclosure per item: the first; Atom and JSON Feed carry all.
    assert_eq!(feedparser_enclosures(&rss), [vec![m4a.to_owned()], vec![mp3.to_owned()]]);
    assert_eq!(feedparser_enclosures(&atom), [vec![m4a.to_owned()], vec![mp3.to_owned(), pdf.to_owned()]]);

    let rs = |path: &std::path::Path| feed_rs::parser::parse(&std::fs::read(path).unwrap()[..]).unwrap();
    let rss_feed = rs(&rss);
    let content = &rss_feed.entries[1].media[0].content[0];
    assert_eq!(content.url.as_ref().map(|u| u.as_str()), Some("https://example.com/2026/01/ep/ep.mp3"));
    assert_eq!(content.size, Some(1234));
    let duration = rss_feed.entries[1].media.iter().find_map(|m| m.duration);
    assert_eq!(duration, Some(std::time::Duration::from_secs(61)));
    for path in [&atom, &json] {
        let parsed = rs(path);
        let links: Vec<(&str, Option<u64>)> = parsed.entries[1]
            .links
            .iter()
            .filter(|l| l.rel.as_deref() == Some("enclosure") || l.length.is_some())
            .map(|l| (l.href.as_str(), l.length))
            .collect();
        assert_eq!(
            links,
            [("https://example.com/2026/01/ep/ep.mp3", Some(1234)), ("https://cdn.example.net/ep.pdf", Some(999))],
            "{}",
            path.display()
        );
    }
    let document: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    assert_eq!(document["items"][1]["attachments"][0]["duration_in_seconds"], 61);
    assert_eq!(document["items"][1]["attachments"][1].get("duration_in_seconds"), None, "a PDF has no duration");

    assert_relaxng("rss20.rng", std::slice::from_ref(&rss));
    assert_relaxng("atom.rng", std::slice::from_ref(&atom));
    assert_json_schema(std::slice::from_ref(&json));
    let check = site.run(&["check", "feeds/"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    assert!(String::from_utf8_lossy(&check.stderr).contains("0 errors, 0 warnings"));
}

#[test]
fn a_podcast_feed_has_the_tags_apple_and_podcasting_2_need() {
    let site = podcast_site();
    site.build_ok();
    let rss = site.read_string("feeds/rss.xml");
    for wanted in [
        "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"",
        "xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"",
        "<itunes:author>Site Author</itunes:author>",
        "<itunes:category text=\"News\">\n      <itunes:category text=\"Tech News\"></itunes:category>",
        "<itunes:explicit>false</itunes:explicit>",
        "<itunes:image href=\"https://example.com/artwork.jpg\"></itunes:image>",
        "<itunes:email>owner@example.com</itunes:email>",
        "<itunes:type>episodic</itunes:type>",
        "<podcast:locked owner=\"owner@example.com\">yes</podcast:locked>",
        // PSP-1: UUIDv5 of `example.com/feeds/rss.xml` in the podcast namespace.
        "<podcast:guid>",
        "<itunes:duration>61</itunes:duration>",
        "<itunes:title>Episode one</itunes:title>",
        "<itunes:episode>1</itunes:episode>",
        "<itunes:season>2</itunes:season>",
        "<itunes:episodeType>full</itunes:episodeType>",
        "<podcast:transcript type=\"text/vtt\" url=\"https://example.com/2026/01/ep/ep.vtt\">",
        "<media:content medium=\"image\" type=\"image/jpeg\" url=\"https://example.com/images/two.jpg\">",
    ] {
        assert!(rss.contains(wanted), "rss.xml lacks {wanted}:\n{rss}");
    }
    // feedparser reads the show and the episode as podcast apps do.
    let script = "import feedparser, sys\nd = feedparser.parse(open(sys.argv[1], 'rb').read())\n\
                  e = d.entries[1]\nprint(d.feed.publisher_detail['email'], d.feed.image['href'], \
                  [t.term for t in d.feed.tags], e.itunes_duration, e.itunes_episode, e.itunes_season)";
    let rss_path = site.path().join("feeds/rss.xml");
    let output = run_tool(
        "python3",
        &["-c".as_ref(), script.as_ref(), rss_path.as_os_str()],
        "apt-get install -y python3 && python3 -m pip install feedparser",
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "owner@example.com https://example.com/artwork.jpg ['News', 'Tech News', 'Technology'] 61 1 2",
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A second build changes nothing: the guid and lengths are stable.
    assert!(site.build_ok().contains("unchanged"));
}

#[test]
fn a_new_file_of_another_size_changes_the_length_even_with_the_cache() {
    let site = podcast_site();
    site.build_ok();
    let length = "url=\"https://example.com/2026/01/ep/ep.mp3\" length=";
    assert!(site.read_string("feeds/rss.xml").contains(&format!("{length}\"1234\"")));
    // The article is untouched: only the file it names changed.
    site.write("articles/2026-01-05-ep/ep.mp3", vec![0u8; 2000]);
    site.build_ok();
    assert!(site.read_string("feeds/rss.xml").contains(&format!("{length}\"2000\"")));
    assert!(site.build_ok().contains("unchanged"));
}

#[test]
fn a_feed_without_podcast_has_no_itunes_tags_but_has_images_and_icons() {
    let config =
        CONFIG.replace("[feeds]", "icon = \"/icon.png\"\nlogo = \"https://cdn.example.net/logo.png\"\n\n[feeds]");
    let site = Site::with_config(&config);
    site.write("articles/2026-01-06-two.md", "---\ntitle: Two\nimage: two.webp\n---\nText.\n");
    site.build_ok();
    let rss = site.read_string("feeds/rss.xml");
    assert!(!rss.contains("itunes") && !rss.contains("podcast:"), "{rss}");
    assert!(rss.contains("<media:thumbnail url=\"https://example.com/2026/01/two/two.webp\">"), "{rss}");
    assert!(rss.contains("<image>\n      <url>https://cdn.example.net/logo.png</url>"), "{rss}");
    let atom = site.read_string("feeds/atom.xml");
    assert!(atom.contains("<icon>https://example.com/icon.png</icon>"), "{atom}");
    assert!(atom.contains("<logo>https://cdn.example.net/logo.png</logo>"), "{atom}");
    assert!(atom.contains("<media:content medium=\"image\" type=\"image/webp\""), "{atom}");
    let json: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    assert_eq!(json["icon"], "https://cdn.example.net/logo.png");
    assert_eq!(json["favicon"], "https://example.com/icon.png");
    let [rss, atom, json] = site.feed_paths();
    assert_relaxng("rss20.rng", &[rss]);
    assert_relaxng("atom.rng", &[atom]);
    assert_json_schema(&[json]);
}

#[test]
fn a_bad_enclosure_is_an_error_at_its_line() {
    let site = Site::new();
    site.write("articles/2026-01-06-a.md", "---\ntitle: A\n\nenclosure: /audio/none.mp3\n---\nText.\n").write(
        "articles/2026-01-07-b.md",
        "---\ntitle: B\nenclosure: {url: 'https://cdn.example.net/file', length: 5}\nduration: 1:99\n---\nText.\n",
    );
    let stderr = site.build_fails(1);
    assert!(
        stderr.contains(
            "error: articles/2026-01-06-a.md:4: enclosure `/audio/none.mp3`: its length is not given and no local file was found (looked for "
        ),
        "{stderr}"
    );
    assert!(stderr.contains("static/audio/none.mp3"), "{stderr}");
    assert!(stderr.contains("help: add `length:`"), "{stderr}");
    assert!(
        stderr.contains(
            "error: articles/2026-01-07-b.md:3: enclosure `https://cdn.example.net/file`: its type is not known"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("error: articles/2026-01-07-b.md:4: `duration` `1:99` is not a duration"), "{stderr}");
    assert!(!site.path().join("feeds/rss.xml").exists());
}

#[test]
fn an_episode_apple_cannot_play_is_warned_about() {
    let site = Site::with_config(&format!("{CONFIG}{PODCAST}"));
    site.write("articles/2026-01-06-a.md", "---\ntitle: A\nenclosure: /a.ogg\n---\nText.\n")
        .write("static/a.ogg", "OggS");
    let stderr = site.build_ok();
    assert!(
        stderr.contains("warning: articles/2026-01-06-a.md:3: Apple Podcasts does not play `ogg` files"),
        "{stderr}"
    );
}

#[test]
fn a_bad_podcast_table_names_the_value() {
    let config = format!("{CONFIG}{}", PODCAST.replace("\"Technology\"", "\"Gardening\""));
    let site = Site::with_config(&config);
    site.write("articles/2026-01-06-a.md", "---\ntitle: A\n---\nText.\n");
    let stderr = site.build_fails(2);
    assert!(
        stderr.contains("feedwright.toml:") && stderr.contains("`Gardening` is not an Apple Podcasts category"),
        "{stderr}"
    );
    let without_language = format!("{}{PODCAST}", CONFIG.replace("language = \"en\"\n", ""));
    let site = Site::with_config(&without_language);
    site.write("articles/2026-01-06-a.md", "---\ntitle: A\n---\nText.\n");
    assert!(site.build_fails(2).contains("`[podcast]` needs `site.language`"));
}

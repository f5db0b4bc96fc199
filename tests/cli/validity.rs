//! Every feed we write validates against the schema fixtures (xmllint, jing,
//! the jsonschema crate) and reads back correctly in two real parsers
//! (feedparser and feed-rs): same ids, titles, links, dates and content as
//! the articles they came from.

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::json;

use crate::util::{Site, assert_json_schema, assert_relaxng, run_tool};

/// What a reader must see for one article.
#[derive(Debug, Clone)]
pub(crate) struct Expected {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) link: String,
    pub(crate) published: DateTime<Utc>,
    pub(crate) updated: DateTime<Utc>,
    /// A word that only this article's body contains.
    pub(crate) marker: String,
}

const TITLES: &[(&str, &str)] = &[
    ("Plain title", "Plain title"),
    ("Ampersand & \"quotes\" and 'apostrophes'", "Ampersand & \"quotes\" and 'apostrophes'"),
    ("Less < and greater > signs", "Less < and greater > signs"),
    ("CDATA end ]]> inside", "CDATA end ]]> inside"),
    ("Emoji 🎉 and accents: café, naïve", "Emoji 🎉 and accents: café, naïve"),
    ("中文标题 with CJK", "中文标题 with CJK"),
    ("עברית right-to-left", "עברית right-to-left"),
    ("  Extra   spaces\taround  ", "Extra spaces around"),
    ("Tag-like <b>bold</b> text", "Tag-like <b>bold</b> text"),
    ("Entity-like &amp; text", "Entity-like &amp; text"),
];

fn la() -> chrono_tz::Tz {
    "America/Los_Angeles".parse().unwrap()
}

/// One article per index, cycling through body formats, front matter
/// syntaxes, date forms and title shapes. Returns (file, text, expected).
fn crafted(index: usize) -> (String, String, Expected) {
    let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Duration::days(index as i64 * 3);
    let local = day.and_hms_opt(6 + (index % 12) as u32, (index * 7 % 60) as u32, 0).unwrap();
    let (raw_title, title) = TITLES[index % TITLES.len()];
    let slug = format!("article-{index}");
    let marker = format!("marker{index}x");
    let explicit_id = index.is_multiple_of(5).then(|| format!("urn:uuid:00000000-0000-4000-8000-{index:012}"));

    // The date as written, and the instant and local date readers must see.
    let (date_line, written): (Option<String>, DateTime<chrono::FixedOffset>) = match index % 7 {
        0 => {
            let d = Utc.from_utc_datetime(&local).fixed_offset();
            (Some(d.to_rfc3339()), d)
        }
        1 => {
            let d = chrono::FixedOffset::east_opt(9 * 3600).unwrap().from_local_datetime(&local).unwrap();
            (Some(d.to_rfc3339()), d)
        }
        2 => (
            Some(day.format("%Y-%m-%d").to_string()),
            la().from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap()).unwrap().fixed_offset(),
        ),
        3 => (Some(local.format("%Y-%m-%d %H:%M").to_string()), in_la(local)),
        4 => {
            let d = chrono::FixedOffset::east_opt(3600).unwrap().from_local_datetime(&local).unwrap();
            (Some(d.to_rfc2822()), d)
        }
        5 => {
            let d = chrono::FixedOffset::west_opt(5 * 3600).unwrap().from_local_datetime(&local).unwrap();
            (Some(d.format("%Y-%m-%d %H:%M:%S %z").to_string()), d)
        }
        _ => (None, la().from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap()).unwrap().fixed_offset()),
    };
    let published = written.with_timezone(&Utc);
    let updated = if index.is_multiple_of(3) { published + Duration::hours(30) } else { published };
    let id = explicit_id.clone().unwrap_or_else(|| format!("tag:example.com,{}:{slug}", written.format("%Y-%m-%d")));
    let link = format!("https://example.com/{}/{slug}/", written.format("%Y/%m"));

    let format = ["md", "html", "txt", "md"][index % 4];
    let toml = index % 4 == 3;
    let file = format!("articles/{}-{slug}.{format}", day.format("%Y-%m-%d"));

    let mut fields: Vec<(&str, String)> = vec![("title", serde_json::to_string(raw_title).unwrap())];
    if let Some(date) = &date_line {
        fields.push(("date", serde_json::to_string(date).unwrap()));
    }
    if index.is_multiple_of(3) {
        fields.push(("updated", serde_json::to_string(&updated.to_rfc3339()).unwrap()));
    }
    if let Some(id) = &explicit_id {
        fields.push(("id", serde_json::to_string(id).unwrap()));
    }
    fields.push(("tags", serde_json::to_string(&["news", "tag with space", "ünïcode"][..=index % 3]).unwrap()));
    if index % 4 == 1 {
        fields.push(("summary", serde_json::to_string("A summary with <markup> & ampersands").unwrap()));
    }
    let front = if toml {
        let lines: Vec<String> = fields.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        format!("+++\n{}\n+++\n", lines.join("\n"))
    } else {
        let lines: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!("---\n{}\n---\n", lines.join("\n"))
    };
    let body = match format {
        "md" => format!(
            "First paragraph with {marker} and a [relative link](../other/) and *emphasis*.\n\n## A heading\n\n- item & one\n- item <two>\n\n> quote\n\n```\ncode <b>]]></b>\n```\n\n![image](img.png)\n\n<script>alert('x')</script>\n"
        ),
        "html" => format!(
            "<p>First paragraph with {marker} &amp; an <a href=\"/root/\" onclick=\"x()\">absolute</a> link.</p>\n<img src=\"pic.jpg\" onerror=\"x()\" srcset=\"pic.jpg 1x, pic2.jpg 2x\">\n<iframe src=\"https://evil.example/\"></iframe><a href=\"javascript:alert(1)\">bad</a>\n"
        ),
        _ => format!(
            "First paragraph with {marker} and <not a tag> & an ampersand.\nA Heading Line\nSecond paragraph, one per line.\n"
        ),
    };
    let text = format!("{front}{body}");
    (file, text, Expected { id, title: title.to_owned(), link, published, updated, marker })
}

fn in_la(local: NaiveDateTime) -> DateTime<chrono::FixedOffset> {
    la().from_local_datetime(&local).earliest().unwrap().fixed_offset()
}

/// Writes `count` crafted articles; returns what readers must see, newest first.
fn crafted_site(count: usize) -> (Site, Vec<Expected>) {
    let site = Site::new();
    let mut expected = Vec::new();
    for index in 0..count {
        let (file, text, want) = crafted(index);
        site.write(&file, text);
        expected.push(want);
    }
    expected.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
    (site, expected)
}

pub(crate) fn check_with_feedparser(feed: &Path, expected: &[Expected], with_updated: bool) {
    let list: Vec<_> = expected
        .iter()
        .map(|e| {
            json!({
                "id": e.id, "title": e.title, "link": e.link,
                "published": e.published.timestamp(),
                "updated": with_updated.then_some(e.updated.timestamp()),
                "marker": e.marker,
            })
        })
        .collect();
    let expected_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(expected_file.path(), serde_json::to_vec(&list).unwrap()).unwrap();
    let script = crate::util::repo().join("tests/readers/feedparser_check.py");
    let output = run_tool(
        "python3",
        &[script.as_os_str(), feed.as_os_str(), expected_file.path().as_os_str()],
        "apt-get install -y python3 && python3 -m pip install feedparser",
    );
    assert!(
        output.status.success(),
        "feedparser disagrees with the articles on {}:\n{}{}",
        feed.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The entities an HTML title of ours can hold.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

pub(crate) fn check_with_feed_rs(feed: &Path, expected: &[Expected], with_updated: bool) {
    let parsed = feed_rs::parser::parse(&std::fs::read(feed).unwrap()[..])
        .unwrap_or_else(|e| panic!("feed-rs cannot parse {}: {e}", feed.display()));
    assert_eq!(parsed.entries.len(), expected.len(), "{}", feed.display());
    for (got, want) in parsed.entries.iter().zip(expected) {
        let context = format!("{} entry {}", feed.display(), want.id);
        assert_eq!(got.id, want.id, "{context}");
        // An HTML title (Atom type="html") is shown rendered: compare its text.
        let title = got.title.as_ref().map(|t| {
            if t.content_type.essence().to_string() == "text/html" { unescape(&t.content) } else { t.content.clone() }
        });
        assert_eq!(title.as_deref(), Some(want.title.as_str()), "{context}");
        assert_eq!(got.links.first().map(|l| l.href.as_str()), Some(want.link.as_str()), "{context}");
        assert_eq!(got.published, Some(want.published), "{context}");
        if with_updated {
            assert_eq!(got.updated, Some(want.updated), "{context}");
        }
        let content = got.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
        assert!(content.contains(&want.marker), "{context}: content lacks {}: {content}", want.marker);
    }
}

#[test]
fn crafted_articles_validate_and_read_back_in_two_parsers() {
    let (site, expected) = crafted_site(70);
    site.build_ok();
    assert_valid_and_read_back(&site, &expected);
}

/// The site's three feeds pass their schemas (xmllint, jing, JSON Schema)
/// and read back as `expected` in feedparser and feed-rs.
pub(crate) fn assert_valid_and_read_back(site: &Site, expected: &[Expected]) {
    let [rss, atom, json] = site.feed_paths();
    assert_relaxng("rss20.rng", std::slice::from_ref(&rss));
    assert_relaxng("atom.rng", std::slice::from_ref(&atom));
    assert_json_schema(std::slice::from_ref(&json));
    check_with_feedparser(&rss, expected, false);
    check_with_feedparser(&atom, expected, true);
    // feedparser 6 reads RSS and Atom only; JSON Feed is read by feed-rs and the schema.
    check_with_feed_rs(&rss, expected, false);
    check_with_feed_rs(&atom, expected, true);
    check_with_feed_rs(&json, expected, true);
}

#[test]
fn sanitised_content_has_nothing_executable_and_only_absolute_links() {
    let (site, _) = crafted_site(12);
    site.build_ok();
    for path in site.feed_paths() {
        let text = std::fs::read_to_string(&path).unwrap();
        for bad in ["<script", "&lt;script", "javascript:", "onclick", "onerror", "<iframe", "&lt;iframe"] {
            assert!(!text.contains(bad), "{} contains {bad}", path.display());
        }
        for relative in [
            "href=\"/",
            "src=\"/",
            "href=\"..",
            "src=\"img",
            "href=&quot;/",
            "href=\\\"/",
            "href=\\\"..",
            "src=\\\"pic",
        ] {
            assert!(!text.contains(relative), "{} contains relative link {relative}", path.display());
        }
    }
}

/// What every reader must see, from the site's JSON Feed read with
/// serde_json: the reference the other formats and parsers must match.
pub(crate) fn expected_from_json_feed(site: &Site) -> Vec<Expected> {
    expected_from_json_file(&site.path().join("feeds/feed.json"))
}

/// What every reader must see of the JSON Feed file at `path`.
pub(crate) fn expected_from_json_file(path: &Path) -> Vec<Expected> {
    let document: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    document["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let date =
                |key: &str| DateTime::parse_from_rfc3339(item[key].as_str().unwrap()).unwrap().with_timezone(&Utc);
            let html = item["content_html"].as_str().unwrap();
            Expected {
                id: item["id"].as_str().unwrap().to_owned(),
                title: item["title"].as_str().unwrap().to_owned(),
                link: item["url"].as_str().unwrap().to_owned(),
                published: date("date_published"),
                updated: date("date_modified"),
                // The first few words of the body stand for the whole.
                marker: html.chars().take(20).collect(),
            }
        })
        .collect()
}

/// The generated corpus (every input form the tool accepts) builds into
/// feeds that validate and that both parsers read in full, with the same
/// ids, titles, links and dates in every format.
#[test]
fn varied_generated_corpus_validates_and_formats_agree() {
    // `make corpus-check` runs this on 1,000 articles; the default keeps `make test` quick.
    let size: usize = std::env::var("FEEDWRIGHT_CORPUS_SIZE").ok().and_then(|s| s.parse().ok()).unwrap_or(240);
    let site = Site::new();
    for (name, contents) in feedwright_testkit::corpus::generate(size, 7, true) {
        site.write(&format!("articles/{name}"), contents);
    }
    site.build_ok();
    let [rss, atom, json] = site.feed_paths();
    assert_relaxng("rss20.rng", std::slice::from_ref(&rss));
    assert_relaxng("atom.rng", std::slice::from_ref(&atom));
    assert_json_schema(std::slice::from_ref(&json));

    let expected = expected_from_json_feed(&site);
    let drafts = feedwright_testkit::corpus::generate(size, 7, true)
        .iter()
        .filter(|(_, c)| c.contains("\ndraft: true") || c.contains("\ndraft = true"))
        .count();
    assert_eq!(expected.len(), size - drafts);
    check_with_feedparser(&rss, &expected, false);
    check_with_feedparser(&atom, &expected, true);
    check_with_feed_rs(&rss, &expected, false);
    check_with_feed_rs(&atom, &expected, true);
    check_with_feed_rs(&json, &expected, true);
}

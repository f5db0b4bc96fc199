//! Property: arbitrary articles (any Unicode and markup in titles and
//! bodies, long strings, odd but valid dates and offsets, both front matter
//! syntaxes, all three body formats) build into feeds that feed-rs reads
//! back with the same ids, titles, links and publication dates, in every
//! format.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use proptest::prelude::*;

use crate::util::Site;

#[derive(Debug, Clone)]
struct Article {
    title: String,
    body: String,
    date: DateTime<FixedOffset>,
    explicit_id: bool,
    toml: bool,
    format: &'static str,
}

/// Title characters: any Unicode scalar that XML allows and that is not a
/// line break or tab (titles are one line), plus markup-heavy ones.
fn title_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec!['<', '>', '&', '"', '\'', ']', '[', ' ', '#', '*', '`', ':', '\\', '%', ';']),
        2 => prop::char::range('a', 'z'),
        3 => any::<char>(),
    ]
    .prop_filter("XML 1.0 characters, no control or line separators", |c| {
        !c.is_control()
            // U+FFFD is dropped: see `replacement_character_in_title_is_dropped_with_a_warning`.
            && !matches!(*c, '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{feff}' | '\u{fffd}')
            && (*c == ' ' || !c.is_whitespace())
            && !('\u{fdd0}'..='\u{fdef}').contains(c)
            // The noncharacters at the end of every plane (U+8FFFF), which
            // XML discourages, are dropped with a warning too.
            && (u32::from(*c) & 0xFFFE) != 0xFFFE
    })
}

fn article() -> impl Strategy<Value = Article> {
    (
        prop::collection::vec(title_char(), 1..120),
        prop::collection::vec(
            prop_oneof![
                Just("<script>alert(1)</script>".to_owned()),
                Just("]]>".to_owned()),
                Just("\n\n".to_owned()),
                Just("<b>bold</b> &amp; ".to_owned()),
                "[a-zA-Z0-9 .,]{1,30}",
                any::<String>().prop_map(|s| s.chars().filter(|c| !c.is_control()).collect()),
            ],
            0..12,
        ),
        1970i32..2025,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        -14i32 * 4..=14 * 4,
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec!["md", "html", "txt"]),
    )
        .prop_filter_map(
            "a title that is not blank",
            |(title, body, year, month, day, hour, minute, quarter_hours, explicit_id, toml, format)| {
                let title: String = title.into_iter().collect();
                if title.trim().is_empty() {
                    return None;
                }
                let offset = FixedOffset::east_opt(quarter_hours * 15 * 60)?;
                let date = offset.with_ymd_and_hms(year, month, day, hour, minute, 0).single()?;
                Some(Article { title, body: body.concat(), date, explicit_id, toml, format })
            },
        )
}

/// What a reader must see: (id, title, link, published).
type Seen = (String, String, String, DateTime<Utc>);

fn write_site(articles: &[Article]) -> (Site, Vec<Seen>) {
    let site = Site::new();
    let mut expected = Vec::new();
    for (index, article) in articles.iter().enumerate() {
        let slug = format!("p{index}");
        let id = if article.explicit_id {
            format!("urn:uuid:00000000-0000-4000-8000-{index:012}")
        } else {
            format!("tag:example.com,{}:{slug}", article.date.format("%Y-%m-%d"))
        };
        let title_json = serde_json::to_string(&article.title).unwrap();
        let date = article.date.to_rfc3339();
        let mut fields = vec![("title", title_json), ("date", format!("\"{date}\"")), ("slug", format!("\"{slug}\""))];
        if article.explicit_id {
            fields.push(("id", format!("\"{id}\"")));
        }
        let front = if article.toml {
            let lines: Vec<String> = fields.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            format!("+++\n{}\n+++\n", lines.join("\n"))
        } else {
            let lines: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            format!("---\n{}\n---\n", lines.join("\n"))
        };
        site.write(&format!("articles/{slug}.{}", article.format), format!("{front}{}", article.body));
        let link = format!("https://example.com/{}/{slug}/", article.date.format("%Y/%m"));
        let title = article.title.split_whitespace().collect::<Vec<_>>().join(" ");
        expected.push((id, title, link, article.date.with_timezone(&Utc)));
    }
    expected.sort();
    (site, expected)
}

/// The entities an HTML title of ours can hold.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

fn read_back(bytes: &[u8]) -> Result<Vec<Seen>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| e.to_string())?;
    let mut seen: Vec<Seen> = feed
        .entries
        .iter()
        .map(|entry| {
            let title = entry
                .title
                .as_ref()
                .map(|t| {
                    if t.content_type.essence().to_string() == "text/html" {
                        unescape(&t.content)
                    } else {
                        t.content.clone()
                    }
                })
                .unwrap_or_default();
            let link = entry.links.first().map(|l| l.href.clone()).unwrap_or_default();
            (entry.id.clone(), title, link, entry.published.unwrap_or_default())
        })
        .collect();
    seen.sort();
    Ok(seen)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, max_shrink_iters: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_articles_read_back_the_same(articles in prop::collection::vec(article(), 1..6)) {
        let (site, expected) = write_site(&articles);
        let output = site.run(&["build"]);
        prop_assert!(output.status.success(), "build failed:\n{}", String::from_utf8_lossy(&output.stderr));
        for path in site.feed_paths() {
            let seen = read_back(&std::fs::read(&path).unwrap());
            prop_assert!(seen.is_ok(), "feed-rs cannot read {}: {:?}", path.display(), seen);
            let seen = seen.unwrap();
            prop_assert_eq!(&seen, &expected, "{}", path.display());
        }
    }
}

/// U+FFFD marks text that was decoded wrongly; feeds that carry it draw the
/// W3C's BadCharacters warning. It is dropped like the characters XML
/// forbids, with a warning naming the line.
#[test]
fn replacement_character_in_title_is_dropped_with_a_warning() {
    let article = Article {
        title: "\u{fffd}l x".into(),
        body: String::new(),
        date: FixedOffset::east_opt(0).unwrap().with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap(),
        explicit_id: false,
        toml: false,
        format: "md",
    };
    let (site, mut expected) = write_site(&[article]);
    let stderr = site.build_ok();
    assert!(
        stderr.contains("articles/p0.md:2: character U+FFFD, which XML forbids or discourages, is dropped"),
        "{stderr}"
    );
    expected[0].1 = "l x".into();
    for path in site.feed_paths() {
        assert_eq!(read_back(&std::fs::read(&path).unwrap()).unwrap(), expected, "{}", path.display());
    }
}

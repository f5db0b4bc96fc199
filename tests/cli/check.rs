//! `feedwright check`: every rule has a feed that triggers it (line and
//! column asserted) and a clean feed that does not; reports, exit codes,
//! stdin; our own output passes; verdicts agree with xmllint/jsonschema on
//! the schema samples.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{Site, repo, run_tool, schema};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/check").join(name)).unwrap()
}

/// Runs `check --format json` on `files` in `site`; returns (exit code, report).
fn check_json(site: &Site, files: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json"];
    args.extend(files);
    let output = site.run(&args);
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().unwrap_or(-1), report)
}

/// `severity Code@line:col` for every finding in one file's report.
fn findings(report: &Value, index: usize) -> Vec<String> {
    report["files"][index]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!("{} {}@{}:{}", f["severity"].as_str().unwrap(), f["code"].as_str().unwrap(), f["line"], f["column"])
        })
        .collect()
}

/// Line and column (characters) of the first `anchor` in `text`.
fn position_of(text: &str, anchor: &str) -> (usize, usize) {
    let at = text.find(anchor).unwrap_or_else(|| panic!("anchor `{anchor}` not in the document"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// One rule case: the clean `base` with `from` replaced by `to` must give
/// `severity code` at the first `anchor`.
struct Case {
    base: &'static str,
    from: &'static str,
    to: &'static str,
    expect: &'static str,
    anchor: &'static str,
}

const fn case(
    base: &'static str,
    from: &'static str,
    to: &'static str,
    expect: &'static str,
    anchor: &'static str,
) -> Case {
    Case { base, from, to, expect, anchor }
}

const RSS: &str = "rss-clean.xml";
const ATOM: &str = "atom-clean.xml";
const JSON: &str = "feed-clean.json";

const CASES: &[Case] = &[
    // The document.
    case(RSS, "</channel>", "</chanel>", "error SAXError", "</chanel>"),
    case(RSS, "<title>One</title>", "<title>One&nbsp;</title>", "error UndefinedNamedEntity", "&nbsp;"),
    case(RSS, "<title>One</title>", "<title>One&#1;</title>", "error SAXError", "&#1;"),
    case(RSS, "<?xml", "\n<?xml", "error WPBlankLine", "<?xml"),
    case(RSS, "version=\"1.0\" encoding", "version=\"1.1\" encoding", "error BadXmlVersion", "<?xml"),
    case(RSS, "encoding=\"utf-8\"", "encoding=\"klingon\"", "error UnknownEncoding", "<?xml"),
    case(RSS, "encoding=\"utf-8\"", "encoding=\"koi8-r\"", "warning ObscureEncoding", "<?xml"),
    case(RSS, "encoding=\"utf-8\"", "encoding=\"utf-16\"", "error InvalidEncoding", "<?xml"),
    case(RSS, "<title>One</title>", "<title>One\u{1}</title>", "error SAXError", "\u{1}"),
    case(
        RSS,
        "<rss version",
        "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<rss version",
        "error ContainsSystemEntity",
        "<!DOCTYPE",
    ),
    case(RSS, "<title>One</title>", "<x:title>One</x:title>", "error UndeclaredPrefix", "<x:title>"),
    // RSS.
    case(RSS, "version=\"2.0\"", "version=\"3.0\"", "error InvalidRSSVersion", "<rss"),
    case(RSS, "<title>Example</title>", "", "error MissingTitle", "<channel>"),
    case(RSS, "<link>https://example.com/</link>", "", "error MissingLink", "<channel>"),
    case(RSS, "<description>Clean feed</description>", "", "error MissingDescription", "<channel>"),
    case(
        RSS,
        "<title>Example</title>",
        "<title>Example</title><title>Again</title>",
        "error DuplicateElement",
        "<title>Again",
    ),
    case(RSS, "<title>One</title>", "<title>One</title><summary>x</summary>", "error UndefinedElement", "<summary>"),
    case(
        RSS,
        "<title>One</title>",
        "<title>One</title><dc:creater xmlns:dc=\"http://purl.org/dc/elements/1.1/\">x</dc:creater>",
        "error UndefinedElement",
        "<dc:creater",
    ),
    case(
        RSS,
        "<title>One</title>",
        "<title>One</title><x:a xmlns:x=\"http://example.com/ns\">1</x:a>",
        "warning UnknownNamespace",
        "<x:a",
    ),
    case(
        RSS,
        "<title>One</title>",
        "<title>One &lt;b&gt;bold&lt;/b&gt;</title>",
        "warning ContainsHTML",
        "<title>One &lt;",
    ),
    case(RSS, "<title>One</title>", "<title></title>", "warning NotBlank", "<title></title>"),
    case(
        RSS,
        "<title>One</title>",
        "<title>One</title><content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">x</content:encoded>",
        "warning NeedDescriptionBeforeContent",
        "<content:encoded",
    ),
    case(
        RSS,
        "<title>One</title>\n      <link>https://example.com/one</link>\n      <description>&lt;p&gt;Hello &lt;a href=\"https://example.com/\"&gt;there&lt;/a&gt;&lt;/p&gt;</description>",
        "<link>https://example.com/one</link>",
        "error ItemMustContainTitleOrDescription",
        "<item>",
    ),
    case(RSS, "<link>https://example.com/one</link>", "<link>/one</link>", "error InvalidFullLink", "<link>/one"),
    case(
        RSS,
        "<link>https://example.com/one</link>",
        "<link>https://example.com/a b</link>",
        "error InvalidUriChar",
        "<link>https://example.com/a b",
    ),
    case(
        RSS,
        "<link>https://example.com/one</link>",
        "<link>https://example.com/café</link>",
        "error UriNotIri",
        "<link>https://example.com/caf",
    ),
    case(
        RSS,
        "<link>https://example.com/one</link>",
        "<link>foo:bar</link>",
        "warning SchemeNotIANARegistered",
        "<link>foo:bar",
    ),
    case(RSS, "2026 12:00:00 -0800", "2026 12:00 PST (local)", "warning ProblematicalRFC822Date", "<pubDate>"),
    case(RSS, "Fri, 30 Jan 2026 12:00:00 -0800", "2026-01-30T12:00:00Z", "error InvalidRFC2822Date", "<pubDate>"),
    case(
        RSS,
        "Fri, 30 Jan 2026 12:00:00 -0800",
        "Fri, 31 Feb 2026 12:00:00 -0800",
        "error InvalidRFC2822Date",
        "<pubDate>",
    ),
    case(RSS, "Fri, 30 Jan 2026 12:00:00 -0800", "Mon, 30 Jan 2026 12:00:00 -0800", "error IncorrectDOW", "<pubDate>"),
    case(
        RSS,
        "Fri, 30 Jan 2026 12:00:00 -0800",
        "Fri, 30 Jan 1987 12:00:00 -0800",
        "warning ImplausibleDate",
        "<pubDate>",
    ),
    case(RSS, "<guid isPermaLink=\"false\">", "<guid>", "error InvalidPermalink", "<guid>"),
    case(RSS, "<guid isPermaLink=\"false\">", "<guid>a b ", "error InvalidHttpGUID", "<guid>"),
    case(RSS, "<guid isPermaLink=\"false\">", "<guid isPermaLink=\"yes\">", "error InvalidBooleanAttribute", "<guid"),
    case(
        RSS,
        "<guid isPermaLink=\"false\">tag:example.com,2026:one</guid>",
        "<guid isPermaLink=\"false\">42</guid>",
        "warning NotSufficientlyUnique",
        "<guid",
    ),
    case(RSS, "<guid isPermaLink=\"false\">tag:example.com,2026:one</guid>", "", "warning MissingGuid", "<item>"),
    case(
        RSS,
        "</item>",
        "</item><item><title>Two</title><guid isPermaLink=\"false\">tag:example.com,2026:one</guid></item>",
        "error DuplicateValue",
        "<guid isPermaLink=\"false\">tag:example.com,2026:one</guid></item>",
    ),
    case(RSS, "<guid isPermaLink=\"false\">", "<guid isPermalink=\"false\">", "error UnexpectedAttribute", "<guid"),
    case(
        RSS,
        "<title>One</title>",
        "<title>One</title><enclosure url=\"https://example.com/a.mp3\" type=\"audio/mpeg\"/>",
        "error MissingAttribute",
        "<enclosure",
    ),
    case(
        RSS,
        "<title>One</title>",
        "<title>One</title><enclosure url=\"https://example.com/a.mp3\" length=\"1\" type=\"audio\"/>",
        "error InvalidMIMEAttribute",
        "<enclosure",
    ),
    case(
        RSS,
        "<title>One</title>",
        "<title>One</title><enclosure url=\"https://example.com/a.mp3\" length=\"-1\" type=\"audio/mpeg\"/>",
        "error UseZeroForUnknown",
        "<enclosure",
    ),
    case(
        RSS,
        "<title>One</title>",
        "<title>One</title><enclosure url=\"ftp://example.com/a.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
        "error InvalidURLAttribute",
        "<enclosure",
    ),
    case(
        RSS,
        "<title>One</title>",
        "<title>One</title><enclosure url=\"https://example.com/a.mp3\" length=\"1\" type=\"audio/mpeg\"/><enclosure url=\"https://example.com/b.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
        "warning DuplicateEnclosure",
        "<enclosure url=\"https://example.com/b",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><language>English</language>",
        "error InvalidLanguage",
        "<language>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><managingEditor>Joe</managingEditor>",
        "error InvalidContact",
        "<managingEditor>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><managingEditor>joe@example.com</managingEditor>",
        "warning MissingRealName",
        "<managingEditor>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><managingEditor>Joe &lt;joe@example.com&gt;</managingEditor>",
        "warning EmailFormat",
        "<managingEditor>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><ttl>soon</ttl>",
        "error InvalidPositiveInteger",
        "<ttl>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><skipHours><hour>25</hour></skipHours>",
        "error InvalidHour",
        "<hour>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><skipDays><day>Funday</day></skipDays>",
        "error InvalidDay",
        "<day>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><skipDays><day>Monday</day><day>Monday</day></skipDays>",
        "error DuplicateValue",
        "<day>Monday</day></skipDays>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><image><url>https://example.com/a.png</url><title>Example</title><link>https://example.com/</link><width>145</width></image>",
        "error InvalidWidth",
        "<width>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><image><url>https://example.com/a.png</url><title>Example</title><link>https://example.com/</link><height>0</height></image>",
        "error InvalidHeight",
        "<height>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><image><url>https://example.com/a.png</url><title>Other</title><link>https://example.com/</link></image>",
        "warning ImageTitleDoesntMatch",
        "<title>Other",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><image><url>https://example.com/a.png</url><title>Example</title></image>",
        "error MissingElement",
        "<image>",
    ),
    case(
        RSS,
        "<description>Clean feed</description>",
        "<description>Clean feed</description><cloud domain=\"a.example\" port=\"80\" path=\"/\" registerProcedure=\"p\" protocol=\"smtp\"/>",
        "error InvalidValue",
        "<cloud",
    ),
    case(
        RSS,
        "<atom:link href=\"https://example.com/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>",
        "",
        "warning MissingAtomSelfLink",
        "<channel>",
    ),
    case(RSS, "<atom:link href=\"https://example.com/rss.xml\"", "<atom:link", "error MissingHref", "<atom:link"),
    case(RSS, "href=\"https://example.com/rss.xml\"", "href=\"/rss.xml\"", "warning RelativeSelf", "<atom:link"),
    case(
        RSS,
        "type=\"application/rss+xml\"/>",
        "type=\"application/rss+xml\">x</atom:link>",
        "warning AtomLinkNotEmpty",
        "<atom:link",
    ),
    case(
        RSS,
        "&lt;p&gt;Hello",
        "&lt;script&gt;x()&lt;/script&gt;&lt;p&gt;Hello",
        "warning SecurityRisk",
        "<description>&lt;script",
    ),
    case(
        RSS,
        "&lt;p&gt;Hello",
        "&lt;p onclick=\"x()\"&gt;Hello",
        "warning SecurityRiskAttr",
        "<description>&lt;p onclick",
    ),
    case(
        RSS,
        "href=\"https://example.com/\"&gt;there",
        "href=\"/there\"&gt;there",
        "warning ContainsRelRef",
        "<description>&lt;p",
    ),
    case(RSS, "&lt;p&gt;Hello", "&lt;blah&gt;Hello", "warning NotHtml", "<description>&lt;blah"),
    case(
        RSS,
        "&lt;p&gt;Hello",
        "&lt;p style=\"background: url(javascript:x)\"&gt;Hello",
        "warning DangerousStyleAttr",
        "<description>&lt;p style",
    ),
    // Atom.
    case(
        ATOM,
        "<updated>2026-01-30T12:00:00Z</updated>\n    <link",
        "<updated>2026-01-30T12:00:00</updated>\n    <link",
        "error InvalidRFC3339Date",
        "<updated>2026-01-30T12:00:00</updated>",
    ),
    case(ATOM, "<id>tag:example.com,2026:one</id>", "", "error MissingElement", "<entry>"),
    case(
        ATOM,
        "<id>tag:example.com,2026:one</id>",
        "<id>tag:example.com:one</id>",
        "error InvalidTAG",
        "<id>tag:example.com:one",
    ),
    case(ATOM, "<id>https://example.com/</id>", "<id>/feed</id>", "error InvalidFullLink", "<id>/feed"),
    case(
        ATOM,
        "<id>https://example.com/</id>",
        "<id>https://Example.com:443/</id>",
        "warning NonCanonicalURI",
        "<id>https",
    ),
    case(ATOM, "<author><name>Ada</name></author>", "", "error MissingElement", "<entry>"),
    case(
        ATOM,
        "<author><name>Ada</name></author>",
        "<author><name>Ada</name><email>nope</email></author>",
        "error InvalidAddrSpec",
        "<email>",
    ),
    case(
        ATOM,
        "<author><name>Ada</name></author>",
        "<author><email>ada@example.com</email></author>",
        "error MissingElement",
        "<author>",
    ),
    case(
        ATOM,
        "<link href=\"https://example.com/atom.xml\" rel=\"self\" type=\"application/atom+xml\"/>",
        "",
        "warning MissingSelf",
        "<feed",
    ),
    case(
        ATOM,
        "type=\"application/atom+xml\"/>",
        "type=\"text/html\"/>",
        "warning SelfNotAtom",
        "<link href=\"https://example.com/atom.xml\"",
    ),
    case(
        ATOM,
        "<link href=\"https://example.com/one\"/>\n    <content type=\"html\">&lt;p&gt;Hello&lt;/p&gt;</content>",
        "",
        "error MissingContentOrAlternate",
        "<entry>",
    ),
    case(
        ATOM,
        "<link href=\"https://example.com/one\"/>",
        "<link href=\"https://example.com/one\"/><link href=\"https://example.com/two\"/>",
        "error DuplicateAtomLink",
        "<link href=\"https://example.com/two\"",
    ),
    case(
        ATOM,
        "<link href=\"https://example.com/one\"/>",
        "<link href=\"https://example.com/one\" rel=\"sideways\"/>",
        "warning UnregisteredAtomLinkRel",
        "<link href=\"https://example.com/one\"",
    ),
    case(
        ATOM,
        "<link href=\"https://example.com/one\"/>",
        "<link href=\"https://example.com/one\" type=\"html\"/>",
        "error InvalidMIMEAttribute",
        "<link href=\"https://example.com/one\"",
    ),
    case(ATOM, "<link href=\"https://example.com/one\"/>", "<link/>", "error MissingHref", "<link/>"),
    case(ATOM, "<title>One</title>", "<title type=\"markdown\">One</title>", "error InvalidTextType", "<title type"),
    case(
        ATOM,
        "<title>One</title>",
        "<title>One &lt;b&gt;x&lt;/b&gt;</title>",
        "warning ContainsUndeclaredHTML",
        "<title>One &lt;",
    ),
    case(
        ATOM,
        "<content type=\"html\">&lt;p&gt;Hello&lt;/p&gt;</content>",
        "<content type=\"xhtml\">Hello</content>",
        "error MissingXhtmlDiv",
        "<content",
    ),
    case(
        ATOM,
        "<content type=\"html\">&lt;p&gt;Hello&lt;/p&gt;</content>",
        "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><script>x()</script></div></content>",
        "warning SecurityRisk",
        "<content",
    ),
    case(
        ATOM,
        "<content type=\"html\">&lt;p&gt;Hello&lt;/p&gt;</content>",
        "<content type=\"application/octet-stream\">!!!</content><summary>s</summary>",
        "error NotBase64",
        "<content",
    ),
    case(
        ATOM,
        "<content type=\"html\">&lt;p&gt;Hello&lt;/p&gt;</content>",
        "<content type=\"video/mp4\" src=\"https://example.com/a.mp4\"/>",
        "error MissingSummary",
        "<entry>",
    ),
    case(ATOM, "<title>One</title>", "<title>One</title><foo>x</foo>", "error UndefinedElement", "<foo>"),
    case(ATOM, "<title>One</title>", "<title kind=\"x\">One</title>", "error UnexpectedAttribute", "<title kind"),
    case(
        ATOM,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"english\">",
        "error InvalidLanguage",
        "<feed",
    ),
    case(ATOM, "</entry>", "</entry>\n  <subtitle>late</subtitle>", "error MisplacedMetadata", "<subtitle>"),
    case(
        ATOM,
        "<title>Example</title>",
        "<title>Example</title><title>Again</title>",
        "error DuplicateElement",
        "<title>Again",
    ),
    case(
        ATOM,
        "</entry>",
        "</entry><entry><title>Two</title><id>tag:example.com,2026:one</id><updated>2026-01-30T12:00:00Z</updated><link href=\"https://example.com/two\"/></entry>",
        "warning DuplicateEntries",
        "<id>tag:example.com,2026:one</id><updated>2026-01-30T12:00:00Z</updated><link href=\"https://example.com/two\"",
    ),
    // JSON Feed.
    case(JSON, "\"title\": \"Example\",", "\"title\": \"Example\"", "error JSONError", "\"home_page_url\""),
    case(
        JSON,
        "\"version\": \"https://jsonfeed.org/version/1.1\"",
        "\"version\": \"1.1\"",
        "error InvalidValue",
        "\"1.1\"",
    ),
    case(JSON, "\"title\": \"Example\",", "", "error MissingElement", "{"),
    case(JSON, "\"id\": \"1\", ", "", "error MissingElement", "{ \"url\""),
    case(JSON, "\"content_html\": \"<p>Hello</p>\", ", "", "error MissingElement", "{ \"id\""),
    case(JSON, "\"url\": \"https://example.com/one\"", "\"url\": \"/one\"", "error InvalidFullLink", "\"/one\""),
    case(JSON, "2026-01-30T12:00:00Z", "2026-01-30T12:00:00", "error InvalidRFC3339Date", "\"2026-01-30T12:00:00\""),
    case(
        JSON,
        "\"content_html\"",
        "\"content_htm\": \"x\", \"content_html\"",
        "warning QuestionableUsage",
        "\"content_htm\"",
    ),
    case(
        JSON,
        "\"title\": \"Example\",",
        "\"title\": \"Example\", \"language\": \"English\",",
        "error InvalidLanguage",
        "\"English\"",
    ),
    case(JSON, "\"title\": \"Example\",", "\"title\": \"Example\", \"_1x\": {},", "error InvalidValue", "\"_1x\""),
    case(JSON, "\"title\": \"Example\",", "\"title\": \"Example\", \"authors\": [{}],", "error MissingElement", "{}"),
    case(JSON, "<p>Hello</p>", "<p>Hello <a href=\\\"/x\\\">x</a></p>", "warning ContainsRelRef", "\"<p>Hello <a"),
    case(
        JSON,
        "\"date_published\"",
        "\"attachments\": [{\"url\": \"https://example.com/a.mp3\", \"mime_type\": \"audio\"}], \"date_published\"",
        "error InvalidMIMEType",
        "\"audio\"",
    ),
    case(
        JSON,
        "\n  ]",
        ",\n    { \"id\": \"1\", \"content_text\": \"x\" }\n  ]",
        "warning DuplicateEntries",
        "\"1\", \"content_text\"",
    ),
];

#[test]
fn clean_fixtures_have_no_findings() {
    let site = Site::new();
    for name in [RSS, ATOM, JSON] {
        site.write(name, fixture(name));
    }
    let (code, report) = check_json(&site, &[RSS, ATOM, JSON]);
    for index in 0..3 {
        assert_eq!(findings(&report, index), Vec::<String>::new(), "file {index}");
    }
    assert_eq!(code, 0);
}

#[test]
fn every_rule_is_triggered_at_its_line_and_column() {
    let site = Site::new();
    let mut names = Vec::new();
    let mut documents = Vec::new();
    for (index, case) in CASES.iter().enumerate() {
        let base = fixture(case.base);
        assert!(base.contains(case.from), "case {index}: `{}` not in {}", case.from, case.base);
        let document = base.replacen(case.from, case.to, 1);
        let ext = if case.base.ends_with(".json") { "json" } else { "xml" };
        let name = format!("case-{index}.{ext}");
        site.write(&name, &document);
        names.push(name);
        documents.push(document);
    }
    let files: Vec<&str> = names.iter().map(String::as_str).collect();
    let (code, report) = check_json(&site, &files);
    assert_eq!(code, 1);
    let mut failures = Vec::new();
    for (index, case) in CASES.iter().enumerate() {
        let (line, col) = position_of(&documents[index], case.anchor);
        let want = format!("{}@{line}:{col}", case.expect);
        let got = findings(&report, index);
        if !got.contains(&want) {
            failures.push(format!(
                "case {index} ({} `{}` -> `{}`): want {want}, got {got:?}",
                case.base, case.from, case.to
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn text_report_is_compiler_style_and_exit_codes_follow_findings() {
    let site = Site::new();
    site.write("clean.xml", fixture(RSS));
    site.write("warn.xml", fixture(RSS).replace("<guid isPermaLink=\"false\">tag:example.com,2026:one</guid>", ""));
    site.write("bad.xml", fixture(RSS).replace("Fri, 30 Jan", "Mon, 30 Jan"));

    let output = site.run(&["check", "clean.xml"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "checked 1 file: 0 errors, 0 warnings\n");

    let output = site.run(&["check", "warn.xml"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "warn.xml:8:5: warning[MissingGuid]: item should contain a `guid` element\n  help: add a unique, unchanging `<guid>`\n"
    );
    assert_eq!(site.run(&["check", "--deny-warnings", "warn.xml"]).status.code(), Some(1));

    let output = site.run(&["check", "bad.xml", "clean.xml"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("bad.xml:13:7: error[IncorrectDOW]: "), "{stdout}");

    let output = site.run(&["check", "missing.xml", "clean.xml"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error: cannot read `missing.xml`:"), "{stderr}");
}

#[test]
fn reads_standard_input() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let feed = fixture(RSS).replace("<link>https://example.com/one</link>", "<link>/one</link>");
    child.stdin.take().unwrap().write_all(feed.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("-:10:7: error[InvalidFullLink]"));
}

#[test]
fn sarif_report_is_sarif_2_1_0() {
    let site = Site::new();
    site.write("bad.xml", fixture(RSS).replace("Fri, 30 Jan", "Mon, 30 Jan"));
    let output = site.run(&["check", "--format", "sarif", "bad.xml"]);
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "IncorrectDOW");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(13), Some(7)));
    assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "bad.xml");
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["rules"][0]["id"], "IncorrectDOW");
}

#[test]
fn never_panics_on_hostile_bytes() {
    let site = Site::new();
    let mut files = Vec::new();
    let seeds: [&[u8]; 6] = [
        b"\xff\xfe<\x00r\x00s\x00s\x00",
        b"\xef\xbb\xbf{\"items\": [",
        b"<!DOCTYPE a [<!ENTITY a \"&a;&a;\">]><a>&a;</a>",
        b"<rss version=\"2.0\"><channel><item><enclosure length=\"99999999999999999999999\"/></item></channel></rss>",
        b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\"",
        b"\x00\x00\x00<",
    ];
    for (index, bytes) in seeds.iter().enumerate() {
        let name = format!("hostile-{index}");
        site.write(&name, bytes);
        files.push(name);
    }
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let mut args = vec!["check"];
    args.extend(&files);
    let output = site.run(&args);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
}

/// The repository's sample site, built into a temporary folder.
#[test]
fn our_sample_feeds_have_no_findings() {
    let site = Site::new();
    let out = site.path().join("out");
    let config = repo().join("feedwright.toml");
    let output = site.run(&["build", "--config", config.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let files = ["out/rss.xml", "out/atom.xml", "out/feed.json"];
    let (code, report) = check_json(&site, &files);
    for (index, file) in files.iter().enumerate() {
        assert_eq!(findings(&report, index), Vec::<String>::new(), "{file}");
    }
    assert_eq!(code, 0);
}

/// The generated corpus (titles about markup such as `Why <div> Soup
/// Persists`, hostile HTML, every input form): no findings at all.
#[test]
fn feeds_built_from_the_generated_corpus_pass() {
    let site = Site::new();
    let articles = feedwright_testkit::corpus::generate(240, 7, true);
    for (name, text) in &articles {
        site.write(&format!("articles/{name}"), text);
    }
    site.build_ok();
    let files = ["feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"];
    let (_, report) = check_json(&site, &files);
    for (index, file) in files.iter().enumerate() {
        assert_eq!(findings(&report, index), Vec::<String>::new(), "{file}");
    }
}

fn verdict(report: &Value, index: usize) -> bool {
    report["files"][index]["findings"].as_array().unwrap().iter().all(|f| f["severity"] != "error")
}

/// Samples whose verdicts differ on purpose: the schemas are for RSS 2.0
/// and JSON Feed 1.1 only, while `check` also accepts RSS 0.92 and JSON
/// Feed 1.0 as the W3C validator and the JSON Feed spec do; and where the
/// W3C's verdict differs from the schema's (`skipHours` 24 is only
/// UseZeroForMidnight, a warning), the W3C's wins.
const OTHER_VERSIONS: &[&str] =
    &["rss-invalid-wrong-version.xml", "jsonfeed-invalid-version-1.json", "rss-invalid-skiphours-24.xml"];

/// Our verdict (error or not) on every schema sample agrees with xmllint
/// --relaxng (RSS, Atom) and the jsonschema crate (JSON Feed).
#[test]
fn verdicts_agree_with_the_schemas_on_their_samples() {
    let samples = repo().join("tests/fixtures/schemas/samples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&samples).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let site = Site::new();
    let files: Vec<String> = paths.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let file_refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let (_, report) = check_json(&site, &file_refs);
    let json_schema: Value =
        serde_json::from_slice(&std::fs::read(schema("jsonfeed-1.1.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&json_schema).unwrap();
    let mut disagreements = Vec::new();
    for (index, path) in paths.iter().enumerate() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let ours = verdict(&report, index);
        let theirs = if name.ends_with(".json") {
            let document: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
            validator.is_valid(&document)
        } else {
            let rng = if name.starts_with("atom") { "atom.rng" } else { "rss20.rng" };
            xmllint_accepts(rng, path)
        };
        let expected_agreement = !OTHER_VERSIONS.contains(&name.as_str());
        if (ours == theirs) != expected_agreement {
            disagreements.push(format!("{name}: check says valid={ours}, schema says valid={theirs}"));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

fn xmllint_accepts(rng: &str, file: &Path) -> bool {
    let schema = schema(rng);
    let args: Vec<&std::ffi::OsStr> =
        vec!["--noout".as_ref(), "--nonet".as_ref(), "--relaxng".as_ref(), schema.as_os_str(), file.as_os_str()];
    run_tool("xmllint", &args, "apt-get install -y libxml2-utils").status.success()
}

//! Hostile articles and configurations: one table entry per case, each a
//! small site with its expected outcome.
//!
//! - `publish`: the build succeeds within its time limit; the three feeds
//!   pass `feedwright check` with no error, validate against the RELAX NG and
//!   JSON schemas (checked in one batch at the end), read back in feed-rs
//!   with the same ids and titles in every format; their HTML holds nothing
//!   executable and only absolute links; and the JSON Feed's strings hold
//!   (`has`) or lack (`lacks`) the case's markers.
//! - `fails`: after a good build, the hostile files are added and the build
//!   exits with the case's code, stderr names what the case says (file and
//!   line), and the feeds in place are left byte-identical.
//!
//! Cases that expose a defect in feedwright are in `DEFECTS` and run by an
//! `#[ignore]`d test each (see the bottom of the file). How to add a case:
//! tests/README.md.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{CONFIG, Site, assert_json_schema, assert_relaxng};

use feedwright_testkit::harmless;

/// A good article every `fails` case builds first.
const GOOD: &str = "---\ntitle: Good\ndate: 2026-01-01\n---\nGood body.\n";

/// How long one build may take before the case counts as a hang.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// What the program did.
pub(crate) struct Ran {
    pub(crate) code: Option<i32>,
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: String,
}

/// Runs `feedwright ARGS` in `dir` with a cleaned environment, killing it
/// (and failing the test) if it runs longer than `limit`. Output goes
/// through files so a chatty child can never block on a full pipe.
pub(crate) fn run_limited(dir: &Path, args: &[&str], limit: Duration) -> Ran {
    let out = tempfile::tempfile().unwrap();
    let err = tempfile::tempfile().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_feedwright"));
    command.args(args).current_dir(dir).env_clear().envs([("TZ", "UTC"), ("LANG", "C")]);
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command.stdin(Stdio::null()).stdout(out.try_clone().unwrap()).stderr(err.try_clone().unwrap());
    let start = Instant::now();
    let mut child = command.spawn().expect("run feedwright");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("`feedwright {}` still running after {limit:?}: a hang", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let read = |mut file: File| {
        use std::io::{Read, Seek};
        let mut bytes = Vec::new();
        file.rewind().unwrap();
        file.read_to_end(&mut bytes).unwrap();
        bytes
    };
    Ran { code: status.code(), stdout: read(out), stderr: String::from_utf8_lossy(&read(err)).into_owned() }
}

/// The files of a case: written literally, or generated (big inputs).
#[derive(Clone, Copy)]
enum Files {
    Static(&'static [(&'static str, &'static [u8])]),
    Gen(fn() -> Vec<(String, Vec<u8>)>),
}

#[derive(Clone, Copy)]
enum Expect {
    /// The build succeeds with `entries` entries (when given).
    Publish { entries: Option<usize>, has: &'static [&'static str], lacks: &'static [&'static str] },
    /// The build exits with `code`; feeds in place are kept.
    Fail { code: i32 },
}

/// One hostile site.
#[derive(Clone, Copy)]
struct Case {
    name: &'static str,
    /// Replaces the default configuration (for `fails`: after the good build).
    config: Option<&'static str>,
    files: Files,
    /// Anything files cannot say: symbolic links, FIFOs, removals, odd names.
    setup: Option<fn(&Path)>,
    expect: Expect,
    /// Substrings stderr must hold (the file and line, the warning).
    stderr: &'static [&'static str],
    /// Seconds the build may take (a debug build).
    limit: u64,
}

const fn publish(name: &'static str, files: &'static [(&'static str, &'static [u8])]) -> Case {
    Case {
        name,
        config: None,
        files: Files::Static(files),
        setup: None,
        expect: Expect::Publish { entries: None, has: &[], lacks: &[] },
        stderr: &[],
        limit: 60,
    }
}

const fn fails(name: &'static str, code: i32, files: &'static [(&'static str, &'static [u8])]) -> Case {
    Case {
        name,
        config: None,
        files: Files::Static(files),
        setup: None,
        expect: Expect::Fail { code },
        stderr: &[],
        limit: 60,
    }
}

impl Case {
    const fn has(mut self, markers: &'static [&'static str]) -> Self {
        if let Expect::Publish { ref mut has, .. } = self.expect {
            *has = markers;
        }
        self
    }
    const fn lacks(mut self, markers: &'static [&'static str]) -> Self {
        if let Expect::Publish { ref mut lacks, .. } = self.expect {
            *lacks = markers;
        }
        self
    }
    const fn entries(mut self, count: usize) -> Self {
        if let Expect::Publish { ref mut entries, .. } = self.expect {
            *entries = Some(count);
        }
        self
    }
    const fn stderr(mut self, needles: &'static [&'static str]) -> Self {
        self.stderr = needles;
        self
    }
    const fn within(mut self, seconds: u64) -> Self {
        self.limit = seconds;
        self
    }
    const fn config(mut self, config: &'static str) -> Self {
        self.config = Some(config);
        self
    }
    const fn setup(mut self, setup: fn(&Path)) -> Self {
        self.setup = Some(setup);
        self
    }
    const fn generated(mut self, files: fn() -> Vec<(String, Vec<u8>)>) -> Self {
        self.files = Files::Gen(files);
        self
    }
}

// ---------------------------------------------------------------------------
// The cases.
// ---------------------------------------------------------------------------

/// Markers that no sanitised HTML may hold (checked on top of the scanner).
const EXEC: &[&str] = &["alert(", "evil.example"];

const CASES: &[Case] = &[
    // --- Characters XML 1.0 forbids, in every field: dropped with a warning.
    publish("xml_forbidden_in_markdown_body", &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\n---\nline one\n\nbo\x05dy\x00 here\x0c\n")])
        .has(&["body here"])
        .stderr(&["articles/2026-01-02-a.md:7"]),
    publish("xml_forbidden_in_html_body", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<p>ht\x06ml\x00</p>\n")])
        .has(&["html"])
        .stderr(&["articles/2026-01-02-a.html:5"]),
    publish("xml_forbidden_in_text_body", &[("articles/2026-01-02-a.txt", b"Title\n\nte\x07xt \xef\xbf\xbe body.\n")])
        .has(&["text  body", "Title"])
        .stderr(&["articles/2026-01-02-a.txt:3"]),
    publish(
        "xml_forbidden_in_title",
        &[(
            "articles/2026-01-02-a.md",
            b"---\ntitle: \"A\\x01B\\x0bC\\x1fD\\uFFFEE\\uFFFFF\"\ndate: 2026-01-02\n---\nBody.\n",
        )],
    )
    .has(&["ABCDEF"])
    .stderr(&["articles/2026-01-02-a.md:2"]),
    publish(
        "xml_forbidden_in_summary",
        &[(
            "articles/2026-01-02-a.md",
            b"---\ntitle: T\nsummary: \"S\\x02um\\x1bmary\"\ndate: 2026-01-02\n---\nBody.\n",
        )],
    )
    .has(&["Summary"])
    .stderr(&["articles/2026-01-02-a.md:3"]),
    publish(
        "xml_forbidden_in_author",
        &[("articles/2026-01-02-a.md", b"---\ntitle: T\nauthor: \"Ad\\x03a\"\ndate: 2026-01-02\n---\nBody.\n")],
    )
    .has(&["Ada"])
    .stderr(&["articles/2026-01-02-a.md:3"]),
    publish(
        "xml_forbidden_in_tags",
        &[("articles/2026-01-02-a.md", b"---\ntitle: T\ntags: [\"t\\x04ag\", \"ok\"]\ndate: 2026-01-02\n---\nBody.\n")],
    )
    .has(&["tag"])
    .stderr(&["articles/2026-01-02-a.md:3"]),
    publish(
        "xml_forbidden_in_toml_fields",
        &[(
            "articles/2026-01-02-a.md",
            b"+++\ntitle = \"To\\u0001ml\"\nsummary = \"Su\\u0008m\"\ndate = 2026-01-02\n+++\nBody.\n",
        )],
    )
    .has(&["Toml", "Sum"])
    .stderr(&["articles/2026-01-02-a.md:2"]),
    publish(
        "xml_forbidden_in_site_title",
        &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\n---\nBody.\n")],
    )
    .config("[site]\ntitle = \"Si\\u0001te\"\nurl = \"https://example.com/\"\ndescription = \"De\\u001fsc\"\n")
    .has(&["Site", "Desc"]),
    publish("nul_in_title", &[("articles/2026-01-02-a.md", b"---\ntitle: \"N\\0ul\"\ndate: 2026-01-02\n---\nBody.\n")])
        .has(&["Nul"])
        .stderr(&["articles/2026-01-02-a.md:2"]),
    // --- Encodings and line ends.
    fails("invalid_utf8_in_body", 1, &[("articles/bad.md", b"---\ntitle: T\ndate: 2026-01-02\n---\nok \xc3\x28 bad\n")])
        .stderr(&["articles/bad.md:5", "not valid UTF-8"]),
    fails("invalid_utf8_in_front_matter", 1, &[("articles/bad.md", b"---\ntitle: T\xff\ndate: 2026-01-02\n---\nok\n")])
        .stderr(&["articles/bad.md:2", "not valid UTF-8"]),
    fails("overlong_utf8", 1, &[("articles/bad.txt", b"Title\n\n\xc0\xafetc\n")]).stderr(&["articles/bad.txt:3"]),
    publish("bom", &[("articles/2026-01-02-a.md", b"\xef\xbb\xbf---\ntitle: With BOM\ndate: 2026-01-02\n---\nBody.\n")])
        .has(&["With BOM"])
        .lacks(&["\u{feff}"]),
    publish("bom_only_text_file", &[("articles/2026-01-01-good.md", GOOD.as_bytes()), ("articles/2026-01-02-x.txt", b"\xef\xbb\xbfTitle after BOM\n")])
        .has(&["Title after BOM"]),
    publish("crlf", &[("articles/2026-01-02-a.md", b"---\r\ntitle: Crlf\r\ndate: 2026-01-02\r\n---\r\nOne\r\ntwo\r\n\r\nthree\r\n")])
        .has(&["Crlf", "three"])
        .lacks(&["\r"]),
    publish("lone_cr", &[("articles/2026-01-02-a.md", b"---\rtitle: Lone\rdate: 2026-01-02\r---\rOne\r\rtwo\r")])
        .has(&["Lone", "two"])
        .lacks(&["\r", "title:"]),
    // --- Characters that mean something in XML, CDATA and JSON.
    publish("markup_in_title", &[("articles/2026-01-02-a.md", b"---\ntitle: \"a ]]> b < c & d \\\" e ' f <![CDATA[ g\"\ndate: 2026-01-02\n---\nBody.\n")])
        .has(&["a ]]> b < c & d \" e ' f <![CDATA[ g"]),
    publish("markup_in_author_and_tags", &[("articles/2026-01-02-a.md", b"---\ntitle: T\nauthor: {name: \"A ]]> <b>&amp;\", email: \"a@example.com\"}\ntags: [\"x ]]> y\", \"<i>&\\\"'\"]\ndate: 2026-01-02\n---\nBody.\n")])
        .has(&["A ]]> <b>&amp;", "x ]]> y", "<i>&\"'"]),
    publish("cdata_end_in_bodies", &[
        ("articles/2026-01-02-a.md", b"---\ntitle: Md\ndate: 2026-01-02\n---\nText ]]> here\n\n```\ncode ]]> <![CDATA[ x\n```\n\n<p>raw ]]></p>\n"),
        ("articles/2026-01-03-b.html", b"---\ntitle: Html\ndate: 2026-01-03\n---\n<p>a ]]> b <![CDATA[ c ]]> d</p>"),
        ("articles/2026-01-04-c.txt", b"Txt\n\nplain ]]> text ]]]]>>\n"),
    ])
    .entries(3)
    .has(&["Text ]]&gt; here", "code ]]&gt;", "plain ]]&gt; text"]),
    publish("markup_in_summary", &[("articles/2026-01-02-a.md", b"---\ntitle: T\nsummary: \"<script>alert(1)</script> ]]> & <b>\"\ndate: 2026-01-02\n---\nBody.\n")])
        .has(&["<script>alert(1)</script> ]]> & <b>"]),
    publish("markup_in_site_config", &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\n---\nBody.\n")])
        .config("[site]\ntitle = \"S ]]> <x> & \\\"q\\\"\"\nurl = \"https://example.com/\"\nauthor = { name = \"N ]]> <&>\" }\n")
        .has(&["S ]]> <x> & \"q\"", "N ]]> <&>"]),
    // --- Raw HTML that must be sanitised away.
    publish("script_in_markdown", &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\n---\nHi <script>alert(1)</script> there\n\n<SCRIPT SRC=https://evil.example/x.js></SCRIPT>\n\n<scr<script>ipt>alert(2)</script>\n")])
        .has(&["Hi  there"])
        // `<scr<script>ipt>alert(2)` leaves the harmless text `ipt>alert(2)`.
        .lacks(&["alert(1)", "evil.example"]),
    publish("style_iframe_object_embed", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<style>body{background:url(https://evil.example/)}</style><p style=\"x:expression(alert(1))\">p</p><iframe src=\"https://evil.example/\"></iframe><object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/e\"><applet code=\"evil.example\"></applet>kept\n")])
        .has(&["kept"])
        .lacks(EXEC),
    publish("svg_and_math_with_script", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<svg onload=\"alert(1)\"><script>alert(2)</script><a xlink:href=\"javascript:alert(3)\"><text>t</text></a><foreignObject><iframe src=\"https://evil.example/\"></iframe></foreignObject></svg><math><mtext><script>alert(4)</script></mtext></math>kept\n")])
        .has(&["kept"])
        .lacks(EXEC),
    publish("event_handlers", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<img src=x onerror=alert(1)><p ONCLICK=\"alert(2)\" onmouseover='alert(3)'>p</p><a href=\"/x\" onfocus=alert(4) autofocus>a</a><body onload=alert(5)>kept</body>\n")])
        .has(&["kept"])
        .lacks(EXEC),
    publish("dangerous_url_schemes_html", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<a href=\"javascript:alert(1)\">a</a><a href=\" JaVaScRiPt:alert(2)\">b</a><a href=\"jav&#x09;ascript:alert(3)\">c</a><a href=\"vbscript:msgbox(4)\">d</a><a href=\"data:text/html,<script>alert(5)</script>\">e</a><img src=\"data:image/svg+xml;base64,PHN2Zz4=\"><a href=\"&#106;avascript:alert(6)\">f</a>kept\n")])
        .has(&["kept"])
        .lacks(&["alert(", "vbscript", "msgbox", "data:"]),
    publish("dangerous_url_schemes_markdown", &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\n---\n[a](javascript:alert(1)) [b](JAVASCRIPT:alert(2)) [c](vbscript:msgbox(3)) [d](data:text/html;base64,PHNjcmlwdD4=) ![e](javascript:alert(4)) <javascript:alert(5)> [f][r]\n\n[r]: javascript:alert(6)\n")])
        .has(&["a b c d e"]),
    publish("base_form_meta_link", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<base href=\"https://evil.example/\"><form action=\"https://evil.example/\"><input name=x><button formaction=\"javascript:alert(1)\">b</button></form><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"><link rel=stylesheet href=\"https://evil.example/s.css\"><a href=\"rel/\">kept</a>\n")])
        .has(&["kept", "https://example.com/2026/01/a/rel/"])
        .lacks(EXEC),
    publish("unclosed_tags_and_comments", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<div><b>bold <i>italic <p>para <!-- a -- b --> <!-- <script>alert(1)</script> --> <!--[if IE]><script>alert(2)</script><![endif]--> <table><tr><td>cell kept")])
        .has(&["cell kept"])
        .lacks(&["alert(", "<!--"]),
    publish("unclosed_comment_in_markdown", &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\n---\nkept\n\n<!-- never closed <script>alert(1)</script>\n")])
        .has(&["kept"])
        .lacks(&["alert(", "<!--"]),
    publish("noscript_template_cdata_in_html", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript><template><script>alert(2)</script></template><![CDATA[<script>alert(3)</script>]]><textarea><script>alert(4)</script></textarea>kept")])
        .has(&["kept"])
        .lacks(&["onerror"]),
    // Issue 12: what the sanitiser now keeps or rewrites stays safe.
    publish("lazy_images_media_and_iframes_with_hostile_urls", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<img src=\"data:image/gif;base64,R0lG\" data-src=\"javascript:alert(1)\" data-srcset=\"javascript:alert(2) 2x\"><video poster=\"javascript:alert(3)\" src=\"data:video/mp4,x\" autoplay onplay=\"alert(4)\"><source src=\"vbscript:x\"><track src=\" JaVaScRiPt:alert(5)\"></video><audio src=\"ftp://evil.example/a.mp3\" autoplay></audio><iframe src=\"javascript:alert(6)//www.youtube.com/embed/x\"></iframe><iframe src=\"https://www.youtube.com/embed/x%22onload=alert(7)\"></iframe><noscript><img data-src=\"//evil.example/x\" src=\"https://ok.example/a.png\"></noscript>kept")])
        .has(&["kept", "<video controls=\"\">", "https://ok.example/a.png"])
        .lacks(&["alert(", "evil.example", "autoplay", "data:", "vbscript", "<iframe"]),
    publish("noscript_nested_unclosed_and_in_attributes", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<noscript><noscript><img src=x onerror=alert(1)></noscript></noscript><p>kept</p><noscript><a href=\"javascript:alert(3)\">unclosed")])
        .has(&["kept", "unclosed"])
        .lacks(&["onerror", "javascript:", "&lt;"]),
    publish("categories_that_would_leave_the_site", &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\ncategories: [\"../../etc\", \"a/b\", \"?x#y\", \"%2e%2e\", \"..\"]\n---\nBody.\n")])
        .config("[site]\ntitle = \"T\"\nurl = \"https://example.com/blog/\"\npermalink = \"/{categories}/{slug}/\"\n")
        .has(&["https://example.com/blog/-..-etc/a-b/-x-y/-2e-2e/a/"]),
    publish("html_in_plain_text_is_text", &[("articles/2026-01-02-a.txt", b"Plain\n\n<script>alert(1)</script> & <b>not bold</b>\n")])
        .has(&["&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt;"]),
    publish("script_in_title_stays_text", &[("articles/2026-01-02-a.md", b"---\ntitle: \"<script>alert(1)</script>\"\ndate: 2026-01-02\n---\nBody.\n")])
        .has(&["<script>alert(1)</script>"]),
    // --- Links, images and srcset: absolute against the article's URL.
    publish("relative_links_made_absolute", &[("articles/2026-01-02-a.html", b"---\ntitle: T\ndate: 2026-01-02\n---\n<a href=\"rel/\">1</a><a href=\"/root/\">2</a><a href=\"//cdn.example.org/p\">3</a><a href=\"#frag\">4</a><a href=\"?q=1\">5</a><a href=\"../up/\">6</a><img src=\"i.png\"><img src=\"/r.png\" srcset=\"a.png 1x, /b.png 2x, //c.example.org/c.png 3x, javascript:alert(1) 4x\"><a href=\"mailto:a@example.com\">m</a>\n")])
        .has(&[
            "https://example.com/2026/01/a/rel/",
            "https://example.com/root/",
            "https://cdn.example.org/p",
            "https://example.com/2026/01/a/#frag",
            "https://example.com/2026/01/a/?q=1",
            "https://example.com/2026/01/up/",
            "https://example.com/2026/01/a/i.png",
            "https://example.com/2026/01/a/a.png 1x, https://example.com/b.png 2x, https://c.example.org/c.png 3x",
            "mailto:a@example.com",
        ])
        .lacks(&["alert("]),
    publish("relative_links_in_markdown", &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\n---\n[1](rel/) [2](/root/) [3](//cdn.example.org/p) [4](#frag) ![i](i.png) [5](<with space.html>)\n")])
        .has(&[
            "https://example.com/2026/01/a/rel/",
            "https://example.com/root/",
            "https://cdn.example.org/p",
            "https://example.com/2026/01/a/#frag",
            "https://example.com/2026/01/a/i.png",
            "https://example.com/2026/01/a/with%20space.html",
        ]),
    publish("footnotes_and_raw_html_links", &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\n---\nText[^1] <a href=\"rel\">r</a>\n\n[^1]: Note with [link](../n/).\n")])
        .has(&["https://example.com/2026/01/a/rel", "https://example.com/2026/01/n/"]),
    publish("relative_image_and_link_front_matter", &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\nimage: pic.png\nlink: /elsewhere/\n---\nBody.\n")])
        .has(&["https://example.com/2026/01/a/pic.png", "https://example.com/elsewhere/"]),
    fails("javascript_link_front_matter", 1, &[("articles/a.md", b"---\ntitle: T\ndate: 2026-01-02\nlink: javascript:alert(1)\n---\nBody.\n")])
        .stderr(&["articles/a.md:4", "link"]),
    fails("javascript_image_front_matter", 1, &[("articles/a.md", b"---\ntitle: T\ndate: 2026-01-02\nimage: \"javascript:alert(1)\"\n---\nBody.\n")])
        .stderr(&["articles/a.md:4", "image"]),
    // --- Sizes.
    publish("title_100kb", &[]).generated(|| {
        vec![("articles/2026-01-02-a.md".into(), format!("---\ntitle: \"{}end\"\ndate: 2026-01-02\n---\nBody.\n", "x".repeat(100 * 1024)).into_bytes())]
    })
    .has(&["xxxxxxxxxxend"]),
    publish("body_2mb", &[]).generated(|| {
        let paragraph = "Lorem ipsum dolor sit amet, *consectetur* adipiscing elit & more <b>bold</b>.\n\n";
        let mut body = String::from("---\ntitle: Huge\ndate: 2026-01-02\n---\n");
        while body.len() < 2 << 20 {
            body.push_str(paragraph);
        }
        body.push_str("last paragraph marker\n");
        vec![("articles/2026-01-02-huge.md".into(), body.into_bytes())]
    })
    .has(&["last paragraph marker"]),
    publish("tags_10000", &[]).generated(|| {
        let tags: Vec<String> = (0..10_000).map(|i| format!("tag{i}")).collect();
        vec![("articles/2026-01-02-a.md".into(), format!("---\ntitle: T\ndate: 2026-01-02\ntags: [{}]\n---\nBody.\n", tags.join(", ")).into_bytes())]
    })
    .has(&["tag0", "tag9999"]),
    publish("empty_body", &[("articles/2026-01-02-a.md", b"---\ntitle: Empty body\ndate: 2026-01-02\n---\n")]).has(&["Empty body"]),
    publish("whitespace_body", &[("articles/2026-01-02-a.html", b"---\ntitle: Blank body\ndate: 2026-01-02\n---\n \n\t\n   ")]).has(&["Blank body"]),
    fails("whitespace_only_title", 1, &[("articles/a.md", b"---\ntitle: \"   \\t  \"\ndate: 2026-01-02\n---\nBody.\n")]).stderr(&["articles/a.md:2", "title"]),
    fails("empty_title", 1, &[("articles/a.md", b"---\ntitle: \"\"\ndate: 2026-01-02\n---\nBody.\n")]).stderr(&["articles/a.md:2", "title"]),
    fails("empty_file", 1, &[("articles/2026-01-02-a.md", b"")]).stderr(&["articles/2026-01-02-a.md", "no title"]),
    // --- Dates the docs accept.
    publish("date_forms_accepted", &[
        ("articles/a.md", b"---\ntitle: A\ndate: 2026-01-30T18:00:00-08:00\n---\n"),
        ("articles/b.md", b"---\ntitle: B\ndate: 2026-01-29T18:00:00.123456Z\n---\n"),
        ("articles/c.md", b"---\ntitle: C\ndate: 2026-01-28\n---\n"),
        ("articles/d.md", b"---\ntitle: D\ndate: 2026-01-27 18:00\n---\n"),
        ("articles/e.md", b"---\ntitle: E\ndate: 2026-01-26 18:00:00\n---\n"),
        ("articles/f.md", b"---\ntitle: F\ndate: 2026-01-25 18:00:00 -0800\n---\n"),
        ("articles/g.md", b"---\ntitle: G\ndate: Sat, 24 Jan 2026 18:00:00 -0800\n---\n"),
        ("articles/2026-01-23-h.md", b"---\ntitle: H\n---\n"),
        ("articles/i.md", b"+++\ntitle = \"I\"\ndate = 2026-01-22T18:00:00Z\n+++\n"),
        ("articles/j.md", b"+++\ntitle = \"J\"\ndate = 2026-01-21\n+++\n"),
        ("articles/k.md", b"---\ntitle: K\npublishDate: 2024-02-29\nlastmod: 2026-01-01\n---\n"),
    ])
    .entries(11)
    .has(&[
        "2026-01-30T18:00:00-08:00",
        "2026-01-27T18:00:00-08:00",
        "2026-01-25T18:00:00-08:00",
        "2026-01-23T00:00:00-08:00",
        "2024-02-29T00:00:00-08:00",
    ]),
    publish("date_before_1970_and_year_1000", &[
        ("articles/a.md", b"---\ntitle: Moon\ndate: 1969-07-20T20:17:40Z\n---\n"),
        ("articles/b.md", b"---\ntitle: Old\ndate: 1000-01-01T00:00:00Z\n---\n"),
    ])
    .entries(2)
    .has(&["1969-07-20T20:17:40", "1000-01-01T00:00:00"]),
    publish("far_future_is_held_back", &[("articles/2026-01-01-good.md", GOOD.as_bytes()), ("articles/b.md", b"---\ntitle: Future secret\ndate: 9999-12-31T23:59:59Z\n---\n")])
        .entries(1)
        .lacks(&["Future secret"]),
    publish("no_zone_uses_site_time_zone", &[("articles/a.md", b"---\ntitle: A\ndate: 2026-07-01 09:30\n---\n")]).has(&["2026-07-01T09:30:00-07:00"]),
    fails("dst_gap_local_time", 1, &[("articles/a.md", b"---\ntitle: Gap\ndate: 2026-03-08 02:30\n---\n")]).stderr(&["articles/a.md:3", "does not exist"]),
    // --- Dates they don't.
    fails("feb_30", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-02-30\n---\n")]).stderr(&["articles/a.md:3", "2026-02-30"]),
    fails("year_0", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 0000-01-01\n---\n")]).stderr(&["articles/a.md:3", "0000-01-01"]),
    fails("year_10000", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 10000-01-01\n---\n")]).stderr(&["articles/a.md:3", "10000-01-01"]),
    fails("year_999", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 0999-12-31\n---\n")]).stderr(&["articles/a.md:3"]),
    fails("month_13_hour_25", 1, &[
        ("articles/a.md", b"---\ntitle: A\ndate: 2026-13-01\n---\n"),
        ("articles/b.md", b"---\ntitle: B\ndate: 2026-01-01T25:00:00Z\n---\n"),
        ("articles/c.md", b"---\ntitle: C\ndate: 2026-01-01T10:00:00+25:00\n---\n"),
    ])
    .stderr(&["articles/a.md:3", "articles/b.md:3", "articles/c.md:3", "3 article errors"]),
    fails("date_words_and_types", 1, &[
        ("articles/a.md", b"---\ntitle: A\ndate: yesterday\n---\n"),
        ("articles/b.md", b"---\ntitle: B\ndate: \"\"\n---\n"),
        ("articles/c.md", b"---\ntitle: C\ndate: [2026, 1, 1]\n---\n"),
        ("articles/d.md", b"+++\ntitle = \"D\"\ndate = 20260101\n+++\n"),
    ])
    .stderr(&["articles/a.md:3", "articles/b.md:3", "articles/c.md:3", "articles/d.md:3"]),
    fails("timestamp_overflow", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-01T00:00:00+23:59\nupdated: 9999-12-31T23:59:59-23:59\n---\n")])
        .stderr(&["articles/a.md:4"]),
    // --- Duplicates.
    fails("duplicate_ids", 1, &[
        ("articles/one.md", b"---\ntitle: One\ndate: 2026-01-02\nid: urn:x:same\n---\n"),
        ("articles/two.md", b"---\ntitle: Two\ndate: 2026-01-03\nid: urn:x:same\n---\n"),
    ])
    .stderr(&["articles/two.md", "articles/one.md", "urn:x:same"]),
    fails("duplicate_slugs_by_front_matter", 1, &[
        ("articles/one.md", b"---\ntitle: One\ndate: 2026-01-02\nslug: same\n---\n"),
        ("articles/two.md", b"---\ntitle: Two\ndate: 2026-01-03\nslug: same\n---\n"),
    ])
    .stderr(&["articles/two.md", "articles/one.md", "same"]),
    fails("duplicate_slug_across_formats", 1, &[
        ("articles/2026-01-02-x.md", b"---\ntitle: One\n---\n"),
        ("articles/2026-01-02-x.html", b"---\ntitle: Two\n---\n"),
    ])
    .stderr(&["articles/2026-01-02-x", "slug `x`"]),
    fails("relative_id", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nid: ../../etc/passwd\n---\n")]).stderr(&["articles/a.md:4", "id"]),
    // --- Slugs and file names.
    fails("slug_dot_dot", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: ..\n---\n")]).stderr(&["articles/a.md:4", "slug"]),
    fails("slug_traversal", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: ../../../tmp/pwned\n---\n")]).stderr(&["articles/a.md:4", "slug"]),
    fails("slug_slash", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: a/b\n---\n")]).stderr(&["articles/a.md:4", "slug"]),
    fails("slug_absolute", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: /etc/passwd\n---\n")]).stderr(&["articles/a.md:4", "slug"]),
    fails("slug_backslash", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: \"..\\\\..\\\\x\"\n---\n")]).stderr(&["articles/a.md:4", "slug"]),
    fails("slug_empty", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: \"\"\n---\n")]).stderr(&["articles/a.md:4", "slug"]),
    fails("slug_dot", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: .\n---\n")]).stderr(&["articles/a.md:4", "slug"]),
    // Made URL-safe, as Hugo, Jekyll and Zola do, with a note (issue 10).
    publish("slug_with_spaces", &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: My post?\n---\n")])
        .entries(1)
        .has(&["https://example.com/2026/01/my-post/"])
        .stderr(&["note: articles/a.md:4: `slug` `My post?` is made URL-safe: `my-post`"]),
    fails("slug_leading_dot", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: .leading-dot\n---\n")]).stderr(&["articles/a.md:4", "`.leading-dot`"]),
    // A scheme-like first segment stays a path on the site (it was once read as a URL of its own).
    publish("slug_with_a_scheme_under_a_root_permalink", &[
        ("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: javascript:alert(1)\n---\n"),
        ("articles/b.md", b"---\ntitle: B\ndate: 2026-01-03\nslug: https:evil.example\n---\n"),
    ])
    .config("[site]\ntitle = \"T\"\nurl = \"https://example.com/blog/\"\npermalink = \"/{slug}/\"\n")
    .entries(2)
    .has(&["https://example.com/blog/javascript:alert(1)/", "https://example.com/blog/https:evil.example/"]),
    publish("slug_unicode", &[("articles/b.md", b"---\ntitle: B\ndate: 2026-01-03\nslug: caf\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac\n---\n")])
        .entries(1)
        .has(&["https://example.com/2026/01/caf%C3%A9-%E6%97%A5%E6%9C%AC/"]),
    publish("file_names_odd", &[
        ("articles/2026-01-02-a b c.md", b"---\ntitle: Spaces\n---\n"),
        ("articles/2026-01-03-ünïcødé.md", b"---\ntitle: Unicode\n---\n"),
        ("articles/x..md", b"---\ntitle: Dots\ndate: 2026-01-04\n---\n"),
        ("articles/.hidden.md", b"---\ntitle: Hidden secret\ndate: 2026-01-05\n---\n"),
        ("articles/.hidden-dir/x.md", b"---\ntitle: Hidden dir secret\ndate: 2026-01-05\n---\n"),
    ])
    .entries(3)
    .lacks(&["Hidden secret", "Hidden dir secret", "a b c/"]),
    fails("file_name_empty_slug", 1, &[("articles/2026-01-02-.md", b"---\ntitle: No slug\n---\n")]).stderr(&["articles/2026-01-02-.md", "slug"]),
    publish("file_name_with_newline_and_bad_bytes", &[("articles/2026-01-01-good.md", GOOD.as_bytes())]).setup(|site| {
        use std::os::unix::ffi::OsStrExt;
        let dir = site.join("articles");
        std::fs::write(dir.join("2026-01-02-new\nline.md"), "---\ntitle: Newline\n---\n").unwrap();
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"2026-01-03-bad\xff.md")), "---\ntitle: Bad bytes\nslug: bad-bytes\n---\n").unwrap();
    })
    .lacks(&["new\nline"]),
    // --- Front matter that does not parse.
    fails("unterminated_yaml", 1, &[("articles/a.md", b"---\ntitle: T\ndate: 2026-01-02\nBody.\n")]).stderr(&["articles/a.md:1", "never closed"]),
    fails("unterminated_toml", 1, &[("articles/a.md", b"+++\ntitle = \"T\"\n")]).stderr(&["articles/a.md:1", "never closed"]),
    fails("fence_only", 1, &[("articles/a.md", b"---")]).stderr(&["articles/a.md:1"]),
    fails("yaml_type_errors", 1, &[
        ("articles/a.md", b"---\ntitle: [a, b]\ndate: 2026-01-02\n---\n"),
        ("articles/b.md", b"---\ntitle: B\ndate: 2026-01-02\ntags: {a: 1}\n---\n"),
        ("articles/c.md", b"---\ntitle: C\ndate: 2026-01-02\ndraft: maybe\n---\n"),
        ("articles/d.md", b"---\n- just\n- a list\n---\n"),
    ])
    .stderr(&["articles/a.md:2", "articles/b.md:4", "articles/c.md:4", "articles/d.md:2"]),
    fails("yaml_syntax_error", 1, &[("articles/a.md", b"---\ntitle: T\ndate: 2026-01-02\ntags: [unclosed\n---\n")]).stderr(&["articles/a.md:", "front matter"]),
    fails("toml_type_and_syntax_errors", 1, &[
        ("articles/a.md", b"+++\ntitle = \"A\"\ndate = 2026-01-02\ndraft = \"yes\"\n+++\n"),
        ("articles/b.md", b"+++\ntitle = \n+++\n"),
        ("articles/c.md", b"+++\ntitle = 2026-01-02T00:00:00Z\ndate = 2026-01-02\n+++\n"),
    ])
    .stderr(&["articles/a.md:4", "articles/b.md:2", "articles/c.md:2"]),
    fails("yaml_duplicate_key", 1, &[("articles/a.md", b"---\ntitle: A\ntitle: B\ndate: 2026-01-02\n---\n")]).stderr(&["articles/a.md:2", "duplicate field `title`"]),
    fails("yaml_alias_bomb", 1, &[]).generated(|| {
        let mut yaml = String::from("---\ntitle: Bomb\ndate: 2026-01-02\nl0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for level in 1..10 {
            let previous = format!("*l{}", level - 1);
            yaml.push_str(&format!("l{level}: &l{level} [{}]\n", vec![previous; 10].join(",")));
        }
        yaml.push_str("tags: *l9\n---\nBody.\n");
        vec![("articles/bomb.md".into(), yaml.into_bytes())]
    })
    .stderr(&["articles/bomb.md"]),
    publish("yaml_alias_bomb_in_unknown_key", &[]).generated(|| {
        let mut yaml = String::from("---\ntitle: Bomb\ndate: 2026-01-02\nextra:\n  l0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for level in 1..10 {
            let previous = format!("*l{}", level - 1);
            yaml.push_str(&format!("  l{level}: &l{level} [{}]\n", vec![previous; 10].join(",")));
        }
        yaml.push_str("---\nBody.\n");
        vec![("articles/bomb.md".into(), yaml.into_bytes())]
    })
    .has(&["Bomb"]),
    // Issue 12: a listing page's `pagination` is skipped unread, bomb and all.
    publish("yaml_alias_bomb_in_a_listing_page", &[]).generated(|| {
        let mut yaml = String::from("---\ntitle: Bomb\npagination:\n  l0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for level in 1..10 {
            let previous = format!("*l{}", level - 1);
            yaml.push_str(&format!("  l{level}: &l{level} [{}]\n", vec![previous; 10].join(",")));
        }
        yaml.push_str("---\nBody.\n");
        vec![("articles/blog.md".into(), yaml.into_bytes()), ("articles/2026-01-01-good.md".into(), GOOD.as_bytes().to_vec())]
    })
    .entries(1)
    .lacks(&["Bomb"]),
    // Issue 12: template tags whose arguments carry scripts and bad URLs.
    publish("template_tags_with_hostile_arguments", &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\n---\n{% link javascript:alert(1) %} {% post_url ../../../etc/passwd %}\n\n{{< figure src=\"javascript:alert(3)\" caption=\"<script>alert(4)</script>\" link=\"vbscript:x\" >}}\n\n{{< youtube \"x\\\" onload=\\\"alert(5)\" >}} {{< vimeo \"1<img src=x onerror=alert(6)>\" >}}\n\n{{< param \"<script>\" >}} {% image \"javascript:alert(7)\", \"<b onclick=alert(8)>\" %} {% highlight \"><script>alert(9)</script> %}x{% endhighlight %}\n\nkept {{% comment %}}hidden{{% /comment %}}\n")])
        .has(&["kept"])
        .lacks(&["javascript:", "vbscript", "onload", "onclick", "onerror", "<script", "hidden", "passwd"]),
    // Issue 12: `{{ site.NAME }}` values are text, never markup.
    publish("site_values_are_text", &[("articles/2026-01-02-a.md", b"---\ntitle: T\ndate: 2026-01-02\n---\n{{ site.x }} and [l]({{ site.x }})\n")])
        .config("[site]\ntitle = \"T\"\nurl = \"https://example.com/\"\n[articles]\ntemplates = \"liquid\"\n[articles.site-values]\nx = \"<script>alert(1)</script>\"\n")
        .lacks(&["<script"]),
    // Issue 12: a date taken from a path must be a real day.
    fails("impossible_date_in_a_path", 1, &[
        ("articles/a.md", b"+++\ntitle = \"A\"\npath = \"2026/02/30/a\"\n+++\n"),
        ("articles/2026/13/01/b.md", b"+++\ntitle = \"B\"\n+++\n"),
    ])
    .stderr(&["articles/a.md", "articles/2026/13/01/b.md", "no date"]),
    publish("huge_yaml_document", &[]).generated(|| {
        let mut yaml = String::from("---\ntitle: Big front matter\ndate: 2026-01-02\nextra:\n");
        for i in 0..100_000 {
            yaml.push_str(&format!("  key{i}: \"value {i} with some padding text\"\n"));
        }
        yaml.push_str("---\nBody.\n");
        vec![("articles/big.md".into(), yaml.into_bytes())]
    })
    .has(&["Big front matter"]),
    fails("deeply_nested_toml", 1, &[]).generated(|| {
        let depth = 100_000;
        let toml = format!("+++\ntitle = \"Deep\"\ndate = 2026-01-02\nextra = {}{}\n+++\n", "[".repeat(depth), "]".repeat(depth));
        vec![("articles/deep.md".into(), toml.into_bytes())]
    })
    .stderr(&["articles/deep.md"]),
    fails("deeply_nested_toml_tables", 1, &[]).generated(|| {
        let depth = 50_000;
        let toml = format!("+++\ntitle = \"Deep\"\ndate = 2026-01-02\nextra = {}{}\n+++\n", "{a=".repeat(depth), "}".repeat(depth));
        vec![("articles/deep.md".into(), toml.into_bytes())]
    })
    .stderr(&["articles/deep.md"]),
    publish("deeply_nested_markdown", &[]).generated(|| {
        let depth = 50_000;
        vec![
            ("articles/2026-01-02-q.md".into(), format!("---\ntitle: Quotes\n---\n{}deep\n", "> ".repeat(depth)).into_bytes()),
            ("articles/2026-01-03-l.md".into(), format!("---\ntitle: Lists\n---\n{}deep\n", "- ".repeat(depth)).into_bytes()),
        ]
    })
    .entries(2),
    // --- Keys of other generators (issue 12): a page URL off the site is an
    // error; an unlisted page needs nothing else; a mapping to no key of ours.
    fails("page_url_off_the_site", 1, &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nurl: \"javascript:alert(1)\"\n---\nA.\n")])
        .stderr(&["articles/a.md:4", "is not on the site"]),
    publish("page_url_with_dot_segments", &[("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\npermalink: \"/%2e%2e/../:title/../x y/\"\n---\nA.\n")])
        .has(&["https://example.com/x%20y/"]),
    publish("unlisted_page_with_nothing_else", &[("articles/2026-01-01-good.md", GOOD.as_bytes()), ("articles/x.md", b"---\nheadless: true\n---\n")])
        .entries(1)
        .stderr(&["articles/x.md:2", "headless"]),
    fails("key_map_to_no_key", 2, &[])
        .config("[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\n[articles.keys]\ntitel = \"x\"\n")
        .stderr(&["feedwright.toml:5", "did you mean `title`?"]),
    // --- The folder itself.
    publish("symlink_loop", &[("articles/2026-01-01-good.md", GOOD.as_bytes())])
        .setup(|site| {
            let dir = site.join("articles");
            std::os::unix::fs::symlink("loop-b.md", dir.join("loop-a.md")).unwrap();
            std::os::unix::fs::symlink("loop-a.md", dir.join("loop-b.md")).unwrap();
            std::os::unix::fs::symlink("self", dir.join("self")).unwrap();
            std::fs::create_dir(dir.join("sub")).unwrap();
            std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
            std::os::unix::fs::symlink(&dir, dir.join("sub/abs-up")).unwrap();
        })
        .entries(1)
        .stderr(&["articles/loop-a.md", "articles/sub/up"]),
    publish("symlink_out_of_site", &[("articles/2026-01-01-good.md", GOOD.as_bytes())])
        .setup(|site| {
            let dir = site.join("articles");
            std::os::unix::fs::symlink("/etc/passwd", dir.join("passwd.md")).unwrap();
            std::os::unix::fs::symlink("../feedwright.toml", dir.join("config.txt")).unwrap();
            std::os::unix::fs::symlink("/etc", dir.join("etc")).unwrap();
        })
        .entries(1)
        .lacks(&["root:", "[site]"])
        .stderr(&["articles/passwd.md", "not followed", "articles/config.txt"]),
    publish("directory_named_like_an_article", &[("articles/x.md/2026-01-02-inner.md", b"---\ntitle: Inner\n---\nIn.\n")])
        .entries(1)
        .has(&["Inner"]),
    publish("fifo_named_like_an_article", &[("articles/2026-01-01-good.md", GOOD.as_bytes())])
        .setup(|site| {
            let status = Command::new("mkfifo").arg(site.join("articles/fifo.md")).status().unwrap();
            assert!(status.success());
        })
        .entries(1),
    fails("empty_articles_folder", 1, &[])
        .setup(|site| std::fs::remove_file(site.join("articles/2026-01-01-good.md")).unwrap())
        .stderr(&["articles", "no published article"]),
    fails("only_drafts", 1, &[("articles/2026-01-01-good.md", b"---\ntitle: Good\ndate: 2026-01-01\ndraft: true\n---\n")])
        .stderr(&["no published article"]),
    fails("articles_folder_is_a_file", 2, &[])
        .setup(|site| {
            std::fs::remove_dir_all(site.join("articles")).unwrap();
            std::fs::write(site.join("articles"), "not a folder").unwrap();
        })
        .stderr(&["articles"]),
    // --- Broken configuration (exit 2, nothing written).
    fails("config_missing_url", 2, &[]).config("[site]\ntitle = \"T\"\n").stderr(&["feedwright.toml:1", "url"]),
    fails("config_relative_url", 2, &[]).config("[site]\ntitle = \"T\"\nurl = \"/blog/\"\n").stderr(&["feedwright.toml:3", "site.url"]),
    fails("config_javascript_url", 2, &[]).config("[site]\ntitle = \"T\"\nurl = \"javascript:alert(1)//\"\n").stderr(&["feedwright.toml:3", "site.url"]),
    fails("config_unknown_key", 2, &[]).config("[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\ntitel = \"x\"\n").stderr(&["feedwright.toml:4", "titel"]),
    fails("config_empty", 2, &[]).config("").stderr(&["feedwright.toml"]),
    fails("config_invalid_utf8", 2, &[]).setup(|site| std::fs::write(site.join("feedwright.toml"), b"[site]\ntitle = \"\xff\"\n").unwrap()).stderr(&["feedwright.toml"]),
    fails("config_bad_values", 2, &[])
        .config("[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\ntimezone = \"Mars/Olympus\"\n")
        .stderr(&["feedwright.toml:4", "Mars/Olympus"]),
    fails("config_bad_entries", 2, &[]).config("[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\n[feeds]\nentries = -1\n").stderr(&["feedwright.toml:5"]),
    // Nesting deep enough to make parsers quadratic: refused (YAML) or flattened (HTML).
    fails("deeply_nested_yaml", 1, &[])
        .generated(|| {
            let depth = 100_000;
            let yaml =
                format!("---\ntitle: Deep\ndate: 2026-01-02\nextra: {}{}\n---\n", "[".repeat(depth), "]".repeat(depth));
            vec![("articles/deep.md".into(), yaml.into_bytes())]
        })
        .stderr(&["articles/deep.md"])
        .within(20),
    publish("deeply_nested_html", &[])
        .generated(|| {
            let depth = 50_000;
            vec![(
                "articles/2026-01-04-d.html".into(),
                format!("---\ntitle: Divs\n---\n{}deep", "<div>".repeat(depth)).into_bytes(),
            )]
        })
        .entries(1)
        .within(20),
];

/// Cases that expose a defect: each runs in its own `#[ignore]`d test below
/// until the defect is fixed, then moves up into `CASES`.
const DEFECTS: &[Case] = &[];

/// Big inputs, too slow for a debug build: `make stress` runs them on a
/// release build.
const STRESS: &[Case] = &[publish("body_20mb", &[])
    .generated(|| {
        let paragraph = "Lorem ipsum dolor sit amet, *consectetur* adipiscing elit & more <b>bold</b>.\n\n";
        let mut body = String::from("---\ntitle: Huge\ndate: 2026-01-02\n---\n");
        while body.len() < 20 << 20 {
            body.push_str(paragraph);
        }
        body.push_str("last paragraph marker\n");
        vec![("articles/2026-01-02-huge.md".into(), body.into_bytes())]
    })
    .has(&["last paragraph marker"])];

// ---------------------------------------------------------------------------
// Running a case.
// ---------------------------------------------------------------------------

fn write_files(site: &Site, files: Files) {
    match files {
        Files::Static(files) => {
            for (path, bytes) in files {
                site.write(path, bytes);
            }
        }
        Files::Gen(make) => {
            for (path, bytes) in make() {
                site.write(&path, bytes);
            }
        }
    }
}

fn read_feeds(site: &Site) -> Vec<Option<Vec<u8>>> {
    site.feed_paths().iter().map(|p| std::fs::read(p).ok()).collect()
}

/// Runs one case; returns the site (kept for the batch schema validation)
/// when it published.
fn run_case(case: &Case) -> Option<Site> {
    match case.expect {
        Expect::Publish { entries, has, lacks } => {
            let site = Site::with_config(case.config.unwrap_or(CONFIG));
            write_files(&site, case.files);
            if let Some(setup) = case.setup {
                setup(site.path());
            }
            let ran = run_limited(site.path(), &["build"], Duration::from_secs(case.limit));
            assert_eq!(ran.code, Some(0), "build failed:\n{}", ran.stderr);
            assert_stderr(&ran.stderr, case.stderr);
            assert_confined(&site);
            assert_feeds_publishable(&site, entries, has, lacks);
            Some(site)
        }
        Expect::Fail { code } => {
            let site = Site::new();
            site.write("articles/2026-01-01-good.md", GOOD);
            let first = run_limited(site.path(), &["build"], TIME_LIMIT);
            assert_eq!(first.code, Some(0), "the good build failed:\n{}", first.stderr);
            let before = read_feeds(&site);
            if let Some(config) = case.config {
                site.write("feedwright.toml", config);
            }
            write_files(&site, case.files);
            if let Some(setup) = case.setup {
                setup(site.path());
            }
            let ran = run_limited(site.path(), &["build"], Duration::from_secs(case.limit));
            assert_eq!(ran.code, Some(code), "wrong exit code; stderr:\n{}", ran.stderr);
            assert!(ran.stderr.starts_with("error: "), "stderr does not start with the error:\n{}", ran.stderr);
            assert_stderr(&ran.stderr, case.stderr);
            assert!(read_feeds(&site) == before, "a failed build changed the feeds in place");
            let names: Vec<String> = std::fs::read_dir(site.path().join("feeds"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n != ".feedwright.lock")
                .collect();
            // The three feeds, feeds.opml, index.html and feed.css.
            assert_eq!(names.len(), 6, "a failed build left files behind: {names:?}");
            None
        }
    }
}

/// The build wrote nothing but the feeds (and its cache): no file outside
/// the output folder, whatever the articles say.
fn assert_confined(site: &Site) {
    let mut top: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    top.retain(|name| !matches!(name.as_str(), "articles" | "feedwright.toml" | "feeds" | ".feedwright-cache"));
    assert!(top.is_empty(), "the build wrote outside the output folder: {top:?}");
    let mut feeds: Vec<String> = std::fs::read_dir(site.path().join("feeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    feeds.sort();
    let expected = ["atom.xml", "feed.css", "feed.json", "feeds.opml", "index.html", "rss.xml"];
    assert_eq!(feeds, expected, "files in the output folder");
}

fn assert_stderr(stderr: &str, needles: &[&str]) {
    assert!(!stderr.contains("panicked"), "feedwright panicked:\n{stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "stderr lacks `{needle}`:\n{stderr}");
    }
}

/// Every string in a JSON document, joined by newlines.
fn json_strings(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

fn assert_feeds_publishable(site: &Site, entries: Option<usize>, has: &[&str], lacks: &[&str]) {
    let paths = site.feed_paths();
    let ran = run_limited(
        site.path(),
        &["check", "--format", "json", "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"],
        TIME_LIMIT,
    );
    let report: Value =
        serde_json::from_slice(&ran.stdout).unwrap_or_else(|e| panic!("check printed no JSON ({e}):\n{}", ran.stderr));
    let errors: Vec<&Value> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty() && ran.code == Some(0), "feedwright check finds errors in our own feeds: {errors:#?}");

    let json: Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    let items = json["items"].as_array().unwrap();
    if let Some(count) = entries {
        assert_eq!(items.len(), count, "entries in feed.json");
    }
    let mut strings = String::new();
    json_strings(&json, &mut strings);
    for marker in has {
        assert!(strings.contains(marker), "feed.json lacks `{marker}`");
    }
    for marker in lacks {
        assert!(!strings.contains(marker), "feed.json holds `{marker}`");
    }
    for item in items {
        for key in ["id", "url"] {
            let value = item[key].as_str().unwrap_or("");
            assert!(!value.chars().any(|c| c.is_whitespace() || c.is_control()), "item {key} `{value:?}`");
        }
        let url = item["url"].as_str().unwrap();
        assert!(url.starts_with("https://example.com/") && url::Url::parse(url).is_ok(), "item url `{url}`");
        if let Some(html) = item["content_html"].as_str() {
            assert_harmless_html(html, "feed.json content_html");
        }
    }

    // The XML feeds, read back: same entries, same ids and titles; HTML harmless.
    let json_ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let json_titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap_or("")).collect();
    for path in &paths[..2] {
        let bytes = std::fs::read(path).unwrap();
        let feed = feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("feed-rs: {}: {e}", path.display()));
        let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, json_ids, "{}: ids", path.display());
        let titles: Vec<String> =
            feed.entries.iter().map(|e| e.title.as_ref().map(text_of).unwrap_or_default()).collect();
        assert_eq!(titles, json_titles, "{}: titles", path.display());
        for entry in &feed.entries {
            if let Some(body) = entry.content.as_ref().and_then(|c| c.body.as_deref()) {
                assert_harmless_html(body, &path.display().to_string());
            }
            // RSS readers show `description` as HTML.
            if let Some(summary) = &entry.summary {
                assert_harmless_html(&summary.content, &format!("{} summary", path.display()));
            }
        }
    }
}

/// What a reader shows for a feed-rs text: HTML titles are shown rendered.
fn text_of(text: &feed_rs::model::Text) -> String {
    if text.content_type.essence().to_string() == "text/html" {
        harmless::decode_entities(&text.content)
    } else {
        text.content.clone()
    }
}

/// Fails if `html` (sanitised output) holds an executable element,
/// attribute or URL, a comment, or a relative URL.
pub(crate) fn assert_harmless_html(html: &str, context: &str) {
    if let Some(problem) = harmless::executable_in_html(html) {
        panic!("{context}: {problem}:\n{}", html.chars().take(2000).collect::<String>());
    }
}

// ---------------------------------------------------------------------------
// The tests.
// ---------------------------------------------------------------------------

/// Runs `cases` on a few threads; returns the failures and the published sites.
fn run_all(cases: &[Case]) -> (Vec<String>, Vec<(&'static str, Site)>) {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new((Vec::new(), Vec::new()));
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(case) = cases.get(index) else { break };
                    let outcome = std::panic::catch_unwind(|| run_case(case));
                    let mut results = results.lock().unwrap_or_else(|e| e.into_inner());
                    match outcome {
                        Ok(Some(site)) => results.1.push((case.name, site)),
                        Ok(None) => {}
                        Err(panic) => {
                            let message = panic
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default();
                            results.0.push(format!(
                                "{}: {}",
                                case.name,
                                message.chars().take(3000).collect::<String>()
                            ));
                        }
                    }
                }
            });
        }
    });
    let (mut failures, sites) = results.into_inner().unwrap();
    failures.sort();
    (failures, sites)
}

fn assert_schemas(sites: &[(&'static str, Site)]) {
    let feeds = |index: usize| -> Vec<PathBuf> { sites.iter().map(|(_, s)| s.feed_paths()[index].clone()).collect() };
    assert_relaxng("rss20.rng", &feeds(0));
    assert_relaxng("atom.rng", &feeds(1));
    assert_json_schema(&feeds(2));
}

#[test]
fn hostile_cases() {
    let mut names: Vec<&str> = CASES.iter().chain(DEFECTS).map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), CASES.len() + DEFECTS.len(), "case names must be unique");
    let (failures, sites) = run_all(CASES);
    assert!(
        failures.is_empty(),
        "{} of {} hostile cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
    assert_schemas(&sites);
}

/// Runs the defect case `name` alone.
#[allow(dead_code)] // kept for the next defect case
fn defect(name: &str) {
    let case = DEFECTS.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no defect case `{name}`"));
    let (failures, sites) = run_all(std::slice::from_ref(case));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_schemas(&sites);
}

#[test]
#[ignore = "stress: a 20 MB article; `make stress` runs it on a release build"]
fn stress_cases() {
    let (failures, sites) = run_all(STRESS);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_schemas(&sites);
}

/// `feedwright new` makes the file name from the title: it stays in the
/// articles folder whatever the title says.
#[test]
fn new_keeps_hostile_titles_in_the_articles_folder() {
    let site = Site::new();
    for title in ["../../../outside/x", "/etc/passwd", "a/../../b", "..\\..\\c", "x\ny"] {
        let ran = run_limited(site.path(), &["new", title], TIME_LIMIT);
        assert_stderr(&ran.stderr, &[]);
        assert!(matches!(ran.code, Some(0 | 2)), "`new {title:?}`: exit {:?}\n{}", ran.code, ran.stderr);
    }
    let mut top: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["articles", "feedwright.toml"]);
    for entry in std::fs::read_dir(site.path().join("articles")).unwrap() {
        let entry = entry.unwrap();
        assert!(entry.file_type().unwrap().is_file(), "{:?} is not a file", entry.path());
    }
    assert!(!Path::new("/outside").exists());
}

#[test]
fn new_with_an_unusable_title_does_not_say_build_failed() {
    let site = Site::new();
    let ran = run_limited(site.path(), &["new", ".."], TIME_LIMIT);
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.starts_with("error: cannot make a file name from the title `..`"), "{}", ran.stderr);
    assert!(!ran.stderr.contains("build failed"), "`new` reports a failed build:\n{}", ran.stderr);
}

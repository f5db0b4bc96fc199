//! Template syntax of other generators in article bodies: Liquid (Jekyll),
//! Nunjucks (Eleventy), Hugo shortcodes and Zola shortcodes. Migrated posts
//! are full of it, and feedwright runs none of those template engines, so
//! without this pass readers would see `{{< figure … >}}` or, worse, the text
//! an author hid in `{{% comment %}}`.
//!
//! The pass runs on the body before it is rendered. The tags readers would
//! miss are rendered the way the generator renders them (figure, youtube,
//! vimeo, gist, highlight, raw, comment, image, link/post_url, ref/relref,
//! `site.url`, `site.baseurl`, `page.title`, `page.url`, the `url` filters);
//! every other tag is removed (its delimiters only, for paired tags: the
//! body stays) and reported, or kept, or refused, as configured.
//!
//! Template syntax inside code (Markdown code blocks and spans, HTML
//! `<pre>`/`<code>`) is left as written, except for the escapes authors use
//! there precisely because the generator would run it: Hugo's
//! `{{</* x */>}}` (shown as `{{< x >}}`) and Liquid's `{% raw %}`.
//!
//! Linear time on any input: every search for a closing delimiter or end
//! tag remembers where it found the next one (`Scan::find`), so no part of
//! the text is searched twice for the same thing.
//!
//! The files, each using only the ones listed before it (and this one):
//! `args` (the inside of a tag: name, arguments, quoting), `code` (the
//! code ranges left alone, and the escapes undone in them), `scan` (the
//! delimiters and the remembered searches for them), `links` (links to
//! other articles), `tags` (what each known tag becomes). This file holds
//! what the rest of the crate uses and the pass's driver: the output, the
//! walk through the text, and what becomes of a tag it cannot render.

use std::collections::BTreeMap;
use std::ops::Range;

use url::Url;

use crate::text::escape_html;

mod args;
mod code;
mod links;
mod scan;
mod tags;

pub(crate) use links::Links;
use scan::{End, Form, Memo, Opener};

/// Which template syntax the articles were written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Syntax {
    /// `{{< >}}`, `{{% %}}`, `{% %}`, and only those `{{ }}` that cannot
    /// be prose about templates (`site.…`, `page.…`, `"…" | url`, `name(…)`).
    #[default]
    Auto,
    Hugo,
    Liquid,
    Nunjucks,
    Zola,
    /// No template syntax: bodies are rendered as written.
    None,
}

/// What happens to a template tag feedwright does not render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Unknown {
    /// Removed, with a warning naming the file, line and tag.
    #[default]
    Remove,
    /// Kept as written, silently.
    Keep,
    /// The build fails, naming the file, line and tag.
    Error,
}

/// `[articles] templates` and `unknown-templates`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Templates {
    pub(crate) syntax: Syntax,
    pub(crate) unknown: Unknown,
}

/// What the pass writes rendered tags as: the body's own format, or plain
/// text (a summary from the front matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    Markdown,
    Html,
    Text,
}

/// What the site tells every article's rendering: the template settings,
/// the site's URL and where each article is (for `post_url`, `ref`, …).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) templates: Templates,
    pub(crate) site: &'a Url,
    pub(crate) links: &'a Links,
    /// `[articles.site-values]`: what `{{ site.NAME }}` stands for.
    pub(crate) values: &'a BTreeMap<String, String>,
    /// `[articles.keys]`, so that `{{ newstitle }}` is the title where
    /// the articles call their title so.
    pub(crate) keys: &'a crate::source::front_matter::KeyMap,
}

/// One article's view of the `Context`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Page<'a> {
    pub(crate) context: Context<'a>,
    pub(crate) url: &'a Url,
    pub(crate) title: &'a str,
    /// For link posts, the page the article is about (`external_url`).
    pub(crate) link: Option<&'a Url>,
}

/// A tag the pass could not render, at a byte offset of its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) offset: usize,
    pub(crate) what: Found,
    /// The tag as written, shortened to one line.
    pub(crate) tag: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// An unknown tag, removed (`unknown-templates = "remove"`).
    Removed,
    /// An unknown tag, refused (`unknown-templates = "error"`).
    Refused,
    /// An opening delimiter or paired tag never closed: the delimiter was
    /// removed (an unclosed comment hides the rest of the body).
    Unclosed,
    /// `post_url`, `link`, `ref`, `relref` naming no published article.
    NoSuchArticle,
    /// … naming more than one.
    AmbiguousArticle,
}

/// What the pass found besides the text it made.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// The tags it could not render.
    pub(crate) findings: Vec<Finding>,
    /// Whether a tag linked to another article: the text then depends on
    /// that article's URL, not only on this article and the settings.
    pub(crate) linked: bool,
    /// Findings beyond `MAX_FINDINGS`, only counted.
    pub(crate) more: usize,
}

/// The findings reported one by one in a text: a broken file (a megabyte of
/// `{{<`) says so without a million warnings.
const MAX_FINDINGS: usize = 50;

impl Report {
    /// Whether the text made depends only on the input and the settings,
    /// and there is nothing to say about it: a rendering safe to reuse
    /// while the article is unchanged.
    pub(crate) fn is_self_contained(&self) -> bool {
        self.findings.is_empty() && !self.linked
    }
}

/// `text` with its template tags rendered or removed, and what could not
/// be rendered. `Output` is the format of `text` (for Markdown and HTML,
/// code is left alone).
pub(crate) fn process(text: &str, output: Output, page: &Page<'_>) -> (String, Report) {
    let syntax = page.context.templates.syntax;
    if syntax == Syntax::None || (!text.contains("{%") && !text.contains("{{") && !text.contains("{#")) {
        return (text.to_owned(), Report::default());
    }
    let code = match output {
        Output::Markdown => code::markdown_code(text),
        Output::Html => code::html_code(text),
        Output::Text => Vec::new(),
    };
    let mut scan = Scan {
        text,
        page,
        output,
        out: Out::new(syntax, text.len()),
        report: Report::default(),
        code,
        liquid_body: false,
        site_prefix: None,
        memo: Vec::new(),
        end_memo: Vec::new(),
    };
    scan.liquid_body = syntax == Syntax::Auto && scan.find("{%", 0, true).is_some();
    scan.run();
    (scan.out.buf, scan.report)
}

/// The output, with the one guard that makes "no `{{<` outside code" hold
/// whatever the input: removing a tag can join the text around it into a
/// new opening delimiter (`{{{{< x >}}<`), so unprotected text never gets a
/// `<` or `%` right after `{{` (nor `%` after `{` when Liquid is on).
///
/// Likewise a removed tag between two backticks would join them into a
/// longer run and change which code spans Markdown sees: a space keeps
/// them apart (`junction`: a tag was handled since the last write).
struct Out {
    buf: String,
    hugo: bool,
    liquid: bool,
    junction: bool,
}

impl Out {
    fn new(syntax: Syntax, len: usize) -> Out {
        Out {
            buf: String::with_capacity(len),
            hugo: matches!(syntax, Syntax::Auto | Syntax::Hugo),
            liquid: !matches!(syntax, Syntax::Hugo | Syntax::None),
            junction: false,
        }
    }

    /// Keeps backticks on either side of a handled tag apart.
    fn separate(&mut self, s: &str) {
        if std::mem::take(&mut self.junction) && s.starts_with('`') && self.buf.ends_with('`') {
            self.buf.push(' ');
        }
    }

    /// Text the pass has not protected. The scanner stops at every `{`, so
    /// text never holds a `{` but at its start: a delimiter can only form
    /// where `s` joins what is already written.
    fn text(&mut self, s: &str) {
        let joins = match s.as_bytes().first() {
            Some(b'<') => self.hugo && self.buf.ends_with("{{"),
            Some(b'%') => (self.hugo && self.buf.ends_with("{{")) || (self.liquid && self.buf.ends_with('{')),
            _ => false,
        };
        if joins {
            let kept = self.buf.trim_end_matches('{').len();
            self.buf.truncate(kept);
        }
        if !s.is_empty() {
            self.separate(s);
        }
        self.buf.push_str(s);
    }

    /// Text to show exactly as it is (code, `raw`, escapes, rendered HTML).
    fn literal(&mut self, s: &str) {
        if !s.is_empty() {
            self.separate(s);
        }
        self.buf.push_str(s);
    }
}

/// The pass over one text. Its methods live with what they are about
/// (`scan`: delimiters, `tags`: known tags, `links`, `code`); those here
/// walk the text and write what no tag renders.
struct Scan<'t, 'p> {
    text: &'t str,
    page: &'p Page<'p>,
    output: Output,
    out: Out,
    report: Report,
    /// The code ranges of `text`, sorted.
    code: Vec<Range<usize>>,
    /// `text` holds a `{% %}` tag outside code: with `Syntax::Auto`, its
    /// `{{ … }}` are Liquid too (`{% for post in site.posts %}{{ post.title }}`).
    liquid_body: bool,
    /// Where the last `{{ site.url }}`/`{{ site.baseurl }}` run started in
    /// the output, and where it ended.
    site_prefix: Option<(usize, usize)>,
    memo: Vec<Memo<(&'static str, bool)>>,
    end_memo: Vec<Memo<End>>,
}

impl<'t> Scan<'t, '_> {
    fn syntax(&self) -> Syntax {
        self.page.context.templates.syntax
    }

    /// Copies the text, code ranges with `code`, everything else tag by tag.
    fn run(&mut self) {
        let text = self.text;
        let (mut at, mut next_code) = (0, 0);
        while at < text.len() {
            while self.code.get(next_code).is_some_and(|r| r.end <= at) {
                next_code += 1;
            }
            let limit = match self.code.get(next_code).cloned() {
                Some(range) if range.start <= at => {
                    self.code(&text[at..range.end]);
                    at = range.end;
                    continue;
                }
                Some(range) => range.start,
                None => text.len(),
            };
            let Some(brace) = text[at..limit].find('{').map(|i| at + i) else {
                self.out.text(&text[at..limit]);
                at = limit;
                continue;
            };
            self.out.text(&text[at..brace]);
            at = match self.opener(brace) {
                Some(opener) => {
                    self.out.junction = true;
                    let next = self.tag(brace, opener);
                    self.out.junction = true;
                    next
                }
                None => {
                    self.out.text("{");
                    brace + 1
                }
            };
        }
    }

    /// Handles the tag opening at `at`; the position to go on from.
    fn tag(&mut self, at: usize, opener: Opener) -> usize {
        let inner_start = at + opener.len;
        let Some((close_start, end)) = self.find(opener.close, inner_start, true) else {
            if opener.form == Form::Expression && self.syntax() == Syntax::Auto {
                self.out.text("{{");
                return at + 2;
            }
            self.finding(at, at + opener.len, Found::Unclosed);
            return inner_start;
        };
        let inner = &self.text[inner_start..close_start];
        if opener.escaped {
            let shown = &self.text[at..end].replacen("/*", "", 1);
            let shown = match shown.rfind("*/") {
                Some(i) => format!("{}{}", &shown[..i], &shown[i + 2..]),
                None => shown.clone(),
            };
            self.out.literal(&shown);
            return end;
        }
        match opener.form {
            Form::Comment => end,
            Form::Expression => self.expression(at, end, inner),
            Form::Angle | Form::Percent => self.shortcode(at, end, inner),
            Form::Block => self.block(at, end, inner),
        }
    }

    /// A tag feedwright does not render, at `at..end`.
    fn unknown(&mut self, at: usize, end: usize) -> usize {
        match self.page.context.templates.unknown {
            Unknown::Keep => self.out.literal(&self.text[at..end]),
            Unknown::Remove => self.finding(at, end, Found::Removed),
            Unknown::Error => self.finding(at, end, Found::Refused),
        }
        end
    }

    /// The end of a paired tag whose start was not rendered: it goes with
    /// its start, silently (the start was reported).
    fn closing(&mut self, at: usize, end: usize) -> usize {
        if self.page.context.templates.unknown == Unknown::Keep {
            self.out.literal(&self.text[at..end]);
        }
        end
    }

    fn finding(&mut self, at: usize, end: usize, what: Found) {
        if self.report.findings.len() >= MAX_FINDINGS {
            self.report.more += 1;
            return;
        }
        let tag = crate::text::collapse_whitespace(&self.text[at..end]);
        let tag = match tag.char_indices().nth(80) {
            Some((cut, _)) => format!("{}…", &tag[..cut]),
            None => tag,
        };
        self.report.findings.push(Finding { offset: at, what, tag });
    }

    /// An absolute URL: what `{{ site.url }}{{ site.baseurl }}` wrote just
    /// before it goes (Jekyll sites write `{{ site.baseurl }}{% post_url x %}`
    /// where our URL is absolute already).
    fn absolute_url(&mut self, url: &str) {
        if let Some((start, written)) = self.site_prefix.take()
            && written == self.out.buf.len()
        {
            self.out.buf.truncate(start);
        }
        self.out.literal(&self.escaped(url));
    }

    /// `text` as the output's text.
    fn escaped(&self, text: &str) -> String {
        match self.output {
            Output::Html => escape_html(text),
            Output::Markdown | Output::Text => text.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::code::markdown_code;
    use super::*;

    // The helpers below that are `pub(super)` serve the tests of every
    // file of the pass: most of them run the whole pass on a snippet.

    pub(super) fn site() -> Url {
        Url::parse("https://example.com/blog/").unwrap()
    }

    pub(super) fn links() -> Links {
        let a = Url::parse("https://example.com/blog/2020/01/x/").unwrap();
        let b = Url::parse("https://example.com/blog/2021/05/bundle/").unwrap();
        let c = Url::parse("https://example.com/blog/2022/02/twin/").unwrap();
        let d = Url::parse("https://example.com/blog/2023/02/twin/").unwrap();
        Links::new([
            ("_posts/2020-01-01-x.md", &a),
            ("content/posts/bundle/index.md", &b),
            ("content/2022/twin.md", &c),
            ("content/2023/twin.md", &d),
        ])
    }

    static NO_KEYS: std::sync::LazyLock<crate::source::front_matter::KeyMap> =
        std::sync::LazyLock::new(Default::default);

    /// `[articles.site-values]` as a Jekyll site's tests would give them.
    pub(super) fn values() -> &'static BTreeMap<String, String> {
        static VALUES: std::sync::LazyLock<BTreeMap<String, String>> = std::sync::LazyLock::new(|| {
            BTreeMap::from([("repository".to_owned(), "https://github.com/example/site".to_owned())])
        });
        &VALUES
    }

    pub(super) fn page_of<'a>(site: &'a Url, links: &'a Links) -> Page<'a> {
        static URL: std::sync::LazyLock<Url> =
            std::sync::LazyLock::new(|| Url::parse("https://example.com/blog/2026/01/post/").unwrap());
        let context = Context { templates: Templates::default(), site, links, values: values(), keys: &NO_KEYS };
        Page { context, url: &URL, title: "The Title", link: None }
    }

    pub(super) fn run_with(text: &str, output: Output, syntax: Syntax, unknown: Unknown) -> (String, Vec<Finding>) {
        let site = site();
        let links = links();
        let url = Url::parse("https://example.com/blog/2026/01/post/").unwrap();
        let context = Context {
            templates: Templates { syntax, unknown },
            site: &site,
            links: &links,
            values: values(),
            keys: &NO_KEYS,
        };
        let (text, report) = process(text, output, &Page { context, url: &url, title: "The Title", link: None });
        (text, report.findings)
    }

    pub(super) fn md(text: &str) -> (String, Vec<Finding>) {
        run_with(text, Output::Markdown, Syntax::Auto, Unknown::Remove)
    }

    pub(super) fn md_as(text: &str, syntax: Syntax) -> String {
        run_with(text, Output::Markdown, syntax, Unknown::Remove).0
    }

    pub(super) fn whats(findings: &[Finding]) -> Vec<Found> {
        findings.iter().map(|f| f.what).collect()
    }

    #[test]
    fn text_without_templates_is_unchanged() {
        for text in ["plain", "a { b } c", "{{ .Title }} in Go", "{{ name }}", "set {a, b}", "{#id}", ""] {
            assert_eq!(md(text), (text.to_owned(), Vec::new()), "{text}");
        }
    }

    #[test]
    fn unknown_tags_are_removed_kept_or_refused() {
        let text = "A {% include x.html %} B {{< note >}}body{{< /note >}} C {% note() %}zola{% end %} D {% image \"a.png\", \"alt\" %}";
        let (out, found) = md(text);
        assert_eq!(out, "A  B body C zola D <img src=\"a.png\" alt=\"alt\">");
        assert_eq!(whats(&found), [Found::Removed, Found::Removed, Found::Removed]);
        assert_eq!(found[0].tag, "{% include x.html %}");
        assert_eq!(found[1].tag, "{{< note >}}");
        assert_eq!(found[1].offset, text.find("{{<").unwrap());
        let (out, found) = run_with(text, Output::Markdown, Syntax::Auto, Unknown::Keep);
        assert!(found.is_empty());
        assert!(out.starts_with("A {% include x.html %} B {{< note >}}body{{< /note >}}"), "{out}");
        let (_, found) = run_with(text, Output::Markdown, Syntax::Auto, Unknown::Error);
        assert_eq!(whats(&found), [Found::Refused, Found::Refused, Found::Refused]);
        let nunjucks = r#"{% include "x.njk" %}{%- set y = 1 -%}{{ y | safe }}"#;
        assert_eq!(run_with(nunjucks, Output::Markdown, Syntax::Nunjucks, Unknown::Remove).1.len(), 3);
    }

    #[test]
    fn unclosed_and_nested_tags() {
        let (out, found) = md("a {{< figure src=x b {% c");
        assert_eq!(out, "a  figure src=x b  c");
        assert_eq!(whats(&found), [Found::Unclosed, Found::Unclosed]);
        let (out, _) = md("{{{{< x >}}< y");
        assert!(!out.contains("{{<"), "{out}");
        let (out, _) = md("{{{{<<<");
        assert!(!out.contains("{{<"), "{out}");
        // Removing a tag does not join backticks into another code span.
        assert_eq!(md("`{{<`{{<`").0, "`{{<` `");
        // A closing delimiter in code does not close a tag outside it.
        let (out, found) = md("{{%`%}}{{<` b");
        assert_eq!((out.as_str(), whats(&found).as_slice()), ("`%}}{{<` b", [Found::Unclosed].as_slice()));
        let (out, _) = md("{{< a {{< b >}} c >}}");
        assert!(!out.contains("{{<"), "{out}");
        let (out, found) = md("{% raw %} never ends {{< x >}}");
        assert_eq!(out, " never ends ");
        assert_eq!(whats(&found), [Found::Unclosed, Found::Removed]);
        let (_, found) = md("{{< highlight go >}} no end");
        assert_eq!(whats(&found), [Found::Unclosed]);
    }

    fn piece() -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "{{<",
            ">}}",
            "{{%",
            "%}}",
            "{%",
            "%}",
            "{{",
            "}}",
            "{#",
            "#}",
            "{",
            "}",
            "<",
            ">",
            "%",
            "/",
            "*",
            " ",
            "\n",
            "\n\n",
            "`",
            "```",
            "    ",
            "-",
            "(",
            ")",
            "\"",
            "=",
            "a",
            "é",
            "figure",
            "highlight",
            "comment",
            "endcomment",
            "/comment",
            "/highlight",
            "endhighlight",
            "youtube",
            "raw",
            "endraw",
            " src=\"a.png\"",
            "site.url",
            "post_url",
            "ref",
            "note",
            "/note",
            "end",
        ])
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// Any input: no panic, and (but where the author asked for a
        /// literal delimiter: `raw`, `{{</* */>}}`) no `{{<` outside code.
        #[test]
        fn never_panics_and_leaves_no_shortcode_outside_code(
            pieces in proptest::collection::vec(piece(), 0..40),
            syntax in proptest::sample::select(vec![Syntax::Auto, Syntax::Hugo, Syntax::Liquid, Syntax::Nunjucks, Syntax::Zola, Syntax::None]),
            output in proptest::sample::select(vec![Output::Markdown, Output::Html, Output::Text]),
        ) {
            let text = pieces.concat();
            let (out, findings) = run_with(&text, output, syntax, Unknown::Remove);
            proptest::prop_assert!(findings.iter().all(|f| text[f.offset..].starts_with('{')), "{:?}", findings);
            let literal = text.contains("raw") || text.contains("/*");
            if matches!(syntax, Syntax::Auto | Syntax::Hugo) && output == Output::Markdown && !literal {
                let code = markdown_code(&out);
                for (at, _) in out.match_indices("{{<") {
                    proptest::prop_assert!(code.iter().any(|r| r.contains(&at)), "{:?} -> {:?}", text, out);
                }
            }
        }
    }
}

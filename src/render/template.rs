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

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag as MdTag};
use url::Url;

use crate::text::escape_html;

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

/// Where each published article is, by the names template links use: its
/// file's path relative to any folder above it, with or without the
/// extension, and for a page bundle (`post/index.md`) its folder's path.
/// The names are worked out when a link is first looked up: most sites
/// have no template links, and some have 100,000 articles.
#[derive(Debug, Default)]
pub(crate) struct Links {
    articles: Vec<(String, Url)>,
    /// `None`: more than one article answers to the name.
    by_name: std::sync::OnceLock<HashMap<String, Option<usize>>>,
}

impl Links {
    /// `articles`: each article's file (as messages name it) and URL.
    pub(crate) fn new<'a>(articles: impl IntoIterator<Item = (&'a str, &'a Url)>) -> Links {
        let articles = articles.into_iter().map(|(file, url)| (file.to_owned(), url.clone())).collect();
        Links { articles, by_name: std::sync::OnceLock::new() }
    }

    fn by_name(&self) -> &HashMap<String, Option<usize>> {
        self.by_name.get_or_init(|| {
            let mut by_name: HashMap<String, Option<usize>> = HashMap::new();
            for (index, (file, url)) in self.articles.iter().enumerate() {
                for name in names_of(file) {
                    by_name
                        .entry(name)
                        .and_modify(|known| {
                            if known.is_some_and(|k| self.articles[k].1 != *url) {
                                *known = None;
                            }
                        })
                        .or_insert(Some(index));
                }
            }
            by_name
        })
    }

    /// The URL of the article `target` names (`_posts/2020-01-01-x.md`,
    /// `2020-01-01-x`, `/posts/x.md#part`, `../x`), fragment kept.
    fn find(&self, target: &str) -> Result<Url, Found> {
        let target = target.trim();
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target, None),
        };
        let path = path.split('?').next().unwrap_or_default();
        let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty() && *p != "." && *p != "..").collect();
        let key = parts.join("/").to_lowercase();
        let by_name = self.by_name();
        let found = by_name.get(&key).or_else(|| by_name.get(strip_extension(&key)));
        match found {
            Some(Some(index)) => {
                let mut url = self.articles[*index].1.clone();
                if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                    url.set_fragment(Some(fragment));
                }
                Ok(url)
            }
            Some(None) => Err(Found::AmbiguousArticle),
            None => Err(Found::NoSuchArticle),
        }
    }
}

fn strip_extension(path: &str) -> &str {
    let last = path.rsplit('/').next().unwrap_or(path);
    match last.rfind('.') {
        Some(dot) if dot > 0 => &path[..path.len() - (last.len() - dot)],
        _ => path,
    }
}

/// Every name `file` answers to, lower-cased (see `Links`).
fn names_of(file: &str) -> Vec<String> {
    let file = file.to_lowercase();
    let parts: Vec<&str> = file.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    let Some((last, folders)) = parts.split_last() else { return Vec::new() };
    let stem = strip_extension(last);
    let mut variants: Vec<Vec<&str>> = vec![parts.clone()];
    let mut without = folders.to_vec();
    without.push(stem);
    variants.push(without);
    if matches!(stem, "index" | "_index") && !folders.is_empty() {
        variants.push(folders.to_vec());
    }
    let mut names = Vec::new();
    for variant in variants {
        for start in 0..variant.len() {
            names.push(variant[start..].join("/"));
        }
    }
    names.sort();
    names.dedup();
    names
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

/// The longest link label `Scan::unlink` looks back for, in bytes.
const MAX_LABEL: usize = 1000;

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
        Output::Markdown => markdown_code(text),
        Output::Html => html_code(text),
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

/// The byte ranges of code blocks and code spans in Markdown, and of
/// `<pre>` and `<code>` in its HTML blocks.
fn markdown_code(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(text, super::markdown::options()).into_offset_iter() {
        match event {
            Event::Code(_) | Event::Start(MdTag::CodeBlock(_)) => ranges.push(range),
            Event::Start(MdTag::HtmlBlock) => {
                let start = range.start;
                ranges.extend(html_code(&text[range]).into_iter().map(|r| r.start + start..r.end + start));
            }
            _ => {}
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// The byte ranges of `<pre>` and `<code>` elements in HTML.
fn html_code(text: &str) -> Vec<Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find('<').map(|i| from + i) {
        let rest = &lower[at + 1..];
        let name = ["pre", "code"].into_iter().find(|name| {
            rest.starts_with(name) && matches!(rest.as_bytes().get(name.len()), Some(b'>' | b' ' | b'\t' | b'\n'))
        });
        let Some(name) = name else {
            from = at + 1;
            continue;
        };
        let close = format!("</{name}>");
        let end = lower[at..].find(&close).map_or(text.len(), |i| at + i + close.len());
        ranges.push(at..end);
        from = end;
    }
    ranges
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

/// The forms of tag delimiters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Hugo `{{< >}}`.
    Angle,
    /// Hugo `{{% %}}`.
    Percent,
    /// Liquid, Nunjucks, Zola `{% %}`.
    Block,
    /// Liquid, Nunjucks, Zola `{{ }}`.
    Expression,
    /// Nunjucks, Zola `{# #}`.
    Comment,
}

/// An opening delimiter: its form, length, closing delimiter, and whether
/// it is an escape (`{{</* x */>}}`) to show as the tag's text.
#[derive(Debug, Clone, Copy)]
struct Opener {
    form: Form,
    len: usize,
    close: &'static str,
    escaped: bool,
}

/// End tags searched for by paired tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// `{% endNAME %}`.
    Liquid(&'static str),
    /// `{{< /NAME >}}` or `{{% /NAME %}}`.
    Hugo(&'static str),
}

/// A search's answer, remembered: from `from`, the next match is at `found`
/// (or there is none), so any search starting in `from..=found` has the
/// same answer.
#[derive(Debug, Clone, Copy)]
struct Memo<K> {
    key: K,
    from: usize,
    found: Option<(usize, usize)>,
}

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

    /// The opening delimiter at `at`, if it is one of the syntax's.
    fn opener(&self, at: usize) -> Option<Opener> {
        let rest = &self.text[at..];
        let syntax = self.syntax();
        let hugo = matches!(syntax, Syntax::Auto | Syntax::Hugo);
        let liquid = !matches!(syntax, Syntax::Hugo | Syntax::None);
        let hashed = matches!(syntax, Syntax::Nunjucks | Syntax::Zola);
        let candidates: [(bool, &str, Form, &'static str, bool); 9] = [
            (hugo, "{{</*", Form::Angle, "*/>}}", true),
            (hugo, "{{%/*", Form::Percent, "*/%}}", true),
            (hugo, "{{<", Form::Angle, ">}}", false),
            (hugo, "{{%", Form::Percent, "%}}", false),
            (syntax == Syntax::Zola, "{{/*", Form::Expression, "*/}}", true),
            (syntax == Syntax::Zola, "{%/*", Form::Block, "*/%}", true),
            (liquid, "{%", Form::Block, "%}", false),
            (liquid, "{{", Form::Expression, "}}", false),
            (hashed, "{#", Form::Comment, "#}", false),
        ];
        candidates
            .into_iter()
            .find(|(on, open, ..)| *on && rest.starts_with(open))
            .map(|(_, open, form, close, escaped)| Opener { form, len: open.len(), close, escaped })
    }

    /// The next `needle` at or after `from`: `(start, end)`. With
    /// `outside_code`, only outside code: a tag's closing delimiter in code
    /// is code (`{{% x` then `` `%}}` `` is an unclosed tag, not a tag that
    /// ends in the middle of a code span). The body of a paired tag is
    /// the generator's, whatever Markdown makes of it, so end tags are
    /// looked for everywhere.
    fn find(&mut self, needle: &'static str, from: usize, outside_code: bool) -> Option<(usize, usize)> {
        let key = (needle, outside_code);
        if let Some(memo) = self.memo.iter().find(|m| m.key == key)
            && memo.from <= from
            && memo.found.is_none_or(|(start, _)| start >= from)
        {
            return memo.found;
        }
        let mut at = from;
        let found = loop {
            let Some(start) = self.text.get(at..).and_then(|rest| rest.find(needle)).map(|i| at + i) else {
                break None;
            };
            let next = self.code.partition_point(|r| r.end <= start);
            match self.code.get(next) {
                Some(range) if outside_code && range.start <= start => at = range.end,
                _ => break Some((start, start + needle.len())),
            }
        };
        let memo = Memo { key, from, found };
        match self.memo.iter_mut().find(|m| m.key == key) {
            Some(slot) => *slot = memo,
            None => self.memo.push(memo),
        }
        found
    }

    /// The next end tag `end` at or after `from`: `(start, end)`.
    fn find_end(&mut self, end: End, from: usize) -> Option<(usize, usize)> {
        if let Some(memo) = self.end_memo.iter().find(|m| m.key == end)
            && memo.from <= from
            && memo.found.is_none_or(|(start, _)| start >= from)
        {
            return memo.found;
        }
        let found = self.search_end(end, from);
        let memo = Memo { key: end, from, found };
        match self.end_memo.iter_mut().find(|m| m.key == end) {
            Some(slot) => *slot = memo,
            None => self.end_memo.push(memo),
        }
        found
    }

    fn search_end(&mut self, end: End, mut from: usize) -> Option<(usize, usize)> {
        loop {
            let (start, inner_start, close) = match end {
                End::Liquid(_) => {
                    let (start, after) = self.find("{%", from, false)?;
                    (start, after, "%}")
                }
                End::Hugo(_) => {
                    let angle = self.find("{{<", from, false);
                    let percent = self.find("{{%", from, false);
                    match (angle, percent) {
                        (Some(a), Some(p)) if p.0 < a.0 => (p.0, p.1, "%}}"),
                        (Some(a), _) => (a.0, a.1, ">}}"),
                        (None, Some(p)) => (p.0, p.1, "%}}"),
                        (None, None) => return None,
                    }
                }
            };
            let (close_start, close_end) = self.find(close, inner_start, false)?;
            let inner = trim_dashes(&self.text[inner_start..close_start]);
            let is_end = match end {
                End::Liquid(name) => inner.strip_prefix("end").is_some_and(|n| n.trim() == name),
                End::Hugo(name) => inner.strip_prefix('/').is_some_and(|n| n.trim() == name),
            };
            if is_end {
                return Some((start, close_end));
            }
            from = inner_start;
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

    /// `{{ … }}`.
    fn expression(&mut self, at: usize, end: usize, inner: &str) -> usize {
        let expression = trim_dashes(inner);
        if self.syntax() == Syntax::Auto && !self.liquid_body && !looks_like_a_template(expression) {
            self.out.text("{{");
            return at + 2;
        }
        if let Some((name, args)) = call(expression) {
            return self.named(at, end, &name, &args, Form::Expression);
        }
        let mut pipes = expression.split('|').map(str::trim);
        let value = pipes.next().unwrap_or_default();
        let filters: Vec<&str> = pipes.collect();
        let site = self.page.context.site;
        let text = match value {
            "site.url" => Some(site.origin().ascii_serialization()),
            "site.baseurl" => Some(site.path().trim_end_matches('/').to_owned()),
            "page.url" => Some(self.page.url.to_string()),
            other if other.starts_with("site.") => self.page.context.values.get(&other["site.".len()..]).cloned(),
            // The article's own values, as Jekyll (`page.x`) and Eleventy
            // (`x`) name them.
            name if !name.contains(['"', '\'', ' ', '(']) => {
                self.article_value(name.strip_prefix("page.").unwrap_or(name))
            }
            quoted => unquote(quoted),
        };
        let Some(text) = text else { return self.unknown(at, end) };
        let text = match filters.as_slice() {
            [] => text,
            [filter] if matches!(*filter, "url" | "relative_url" | "absolute_url") => {
                let url = site.join(&format!("./{}", text.trim_start_matches('/'))).map_or(text, String::from);
                self.absolute_url(&url);
                return end;
            }
            _ => return self.unknown(at, end),
        };
        match value {
            "site.url" | "site.baseurl" => {
                let start = match self.site_prefix {
                    Some((start, written)) if written == self.out.buf.len() => start,
                    _ => self.out.buf.len(),
                };
                self.out.literal(&self.escaped(&text));
                self.site_prefix = Some((start, self.out.buf.len()));
            }
            "page.url" => self.absolute_url(&text),
            _ => self.out.literal(&self.escaped(&text)),
        }
        end
    }

    /// A value of the article's front matter by the name the article gives
    /// it: its title and its link; other front-matter values are not kept.
    fn article_value(&self, name: &str) -> Option<String> {
        match self.page.context.keys.ours(name) {
            "title" => Some(self.page.title.to_owned()),
            "link" | "external_url" => self.page.link.map(Url::to_string),
            _ => None,
        }
    }

    /// Hugo's `{{< param NAME >}}`: the article's value, else the site's
    /// (`[articles.site-values]`, Hugo's site `params`).
    fn param(&mut self, at: usize, end: usize, args: &Args) -> usize {
        let value = args
            .get("name", 0)
            .and_then(|name| self.article_value(name).or_else(|| self.page.context.values.get(name).cloned()));
        match value {
            Some(value) => {
                let text = self.escaped(&value);
                self.out.literal(&text);
                end
            }
            None => self.unknown(at, end),
        }
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

    /// Hugo `{{< … >}}` and `{{% … %}}`.
    fn shortcode(&mut self, at: usize, end: usize, inner: &str) -> usize {
        let inner = inner.trim();
        if inner.starts_with('/') {
            // The end of a paired shortcode whose start was removed.
            return self.closing(at, end);
        }
        let inner = inner.strip_suffix('/').unwrap_or(inner).trim_end();
        let (name, rest) = split_name(inner);
        let args = Args::parse(rest);
        self.named(at, end, name, &args, Form::Angle)
    }

    /// Liquid, Nunjucks and Zola `{% … %}`.
    fn block(&mut self, at: usize, end: usize, inner: &str) -> usize {
        let inner = trim_dashes(inner);
        if let Some((name, args)) = call(inner) {
            // A Zola shortcode with a body, up to `{% end %}`: the body stays.
            return self.named(at, end, &name, &args, Form::Block);
        }
        let (name, rest) = split_name(inner);
        if name == "end" || (name.starts_with("end") && name.len() > 3) {
            return self.closing(at, end);
        }
        let args = Args::parse(rest);
        self.named(at, end, name, &args, Form::Block)
    }

    /// A tag by its name and arguments, whatever its delimiters.
    fn named(&mut self, at: usize, end: usize, name: &str, args: &Args, form: Form) -> usize {
        let end_tag = |name| match form {
            Form::Angle | Form::Percent => End::Hugo(name),
            _ => End::Liquid(name),
        };
        match name {
            "raw" if form == Form::Block => self.raw(at, end),
            "comment" if form != Form::Expression => self.comment(at, end, end_tag("comment")),
            "highlight" if form != Form::Expression => self.highlight(at, end, args, end_tag("highlight")),
            "figure" => self.figure(args).map_or_else(|| self.unknown(at, end), |()| end),
            "image" => self.image(args).map_or_else(|| self.unknown(at, end), |()| end),
            "youtube" | "vimeo" | "gist" | "x" | "tweet" | "twitter" | "instagram" => {
                self.media(name, args).map_or_else(|| self.unknown(at, end), |()| end)
            }
            "param" if matches!(form, Form::Angle | Form::Percent) => self.param(at, end, args),
            "ref" | "relref" | "link" | "post_url" => match args.get("path", 0) {
                Some(target) => self.link(at, end, name, target),
                None => self.unknown(at, end),
            },
            _ => self.unknown(at, end),
        }
    }

    /// `{% raw %}…{% endraw %}`: the body exactly as written.
    fn raw(&mut self, at: usize, end: usize) -> usize {
        match self.find_end(End::Liquid("raw"), end) {
            Some((body_end, after)) => {
                self.out.literal(&self.text[end..body_end]);
                after
            }
            None => {
                self.finding(at, end, Found::Unclosed);
                end
            }
        }
    }

    /// A comment: gone, and so is everything after an unclosed one (the
    /// author meant to hide it).
    fn comment(&mut self, at: usize, end: usize, end_tag: End) -> usize {
        match self.find_end(end_tag, end) {
            Some((_, after)) => after,
            None => {
                self.finding(at, end, Found::Unclosed);
                self.text.len()
            }
        }
    }

    /// `highlight LANG`: a code block in that language.
    fn highlight(&mut self, at: usize, end: usize, args: &Args, end_tag: End) -> usize {
        let Some((body_end, after)) = self.find_end(end_tag, end) else {
            self.finding(at, end, Found::Unclosed);
            return end;
        };
        let language: String = args
            .positional
            .first()
            .map(|l| l.chars().filter(|c| c.is_ascii_alphanumeric() || "_+-.#".contains(*c)).collect())
            .unwrap_or_default();
        let body = self.text[end..body_end].trim_start_matches([' ', '\t']);
        let body = body.strip_prefix("\r\n").or_else(|| body.strip_prefix('\n')).unwrap_or(body);
        // Jekyll runs Liquid in the block (hence `{% raw %}` in it); Hugo
        // shows `{{</* x */>}}` as `{{< x >}}`.
        let body = unescape_code(body, self.syntax());
        let body = body.trim();
        match self.output {
            Output::Markdown => {
                let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                if !self.out.buf.is_empty() && !self.out.buf.ends_with('\n') {
                    self.out.literal("\n");
                }
                self.out.literal(&format!("{fence}{language}\n{body}\n{fence}\n"));
            }
            Output::Html => {
                let class = if language.is_empty() { String::new() } else { format!(" class=\"language-{language}\"") };
                self.out.literal(&format!("<pre><code{class}>{}</code></pre>", escape_html(body)));
            }
            Output::Text => self.out.literal(body),
        }
        after
    }

    /// Hugo's `figure`: `<figure>` with the image and its caption.
    fn figure(&mut self, args: &Args) -> Option<()> {
        let src = args.get("src", 0)?;
        let caption = args.get("caption", usize::MAX).unwrap_or_default();
        let title = args.get("title", usize::MAX).unwrap_or_default();
        if self.output == Output::Text {
            let text = [title, caption].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
            self.out.literal(&text);
            return Some(());
        }
        let mut caption_html = inline_markdown(caption);
        let attribution = args.get("attr", usize::MAX).map(inline_markdown).unwrap_or_default();
        let attribution = match args.get("attrlink", usize::MAX) {
            Some(link) if !attribution.is_empty() => format!("<a href=\"{}\">{attribution}</a>", escape_html(link)),
            _ => attribution,
        };
        if !attribution.is_empty() {
            caption_html = [caption_html, attribution].join(" ").trim().to_owned();
        }
        let alt = args
            .get("alt", usize::MAX)
            .map_or_else(|| crate::render::summary_from_html(&inline_markdown(caption)), str::to_owned);
        let mut img = format!("<img src=\"{}\" alt=\"{}\"", escape_html(src), escape_html(&alt));
        for size in ["width", "height"] {
            if let Some(value) = args.get(size, usize::MAX).filter(|v| v.chars().all(|c| c.is_ascii_digit())) {
                img.push_str(&format!(" {size}=\"{value}\""));
            }
        }
        img.push('>');
        if let Some(link) = args.get("link", usize::MAX) {
            img = format!("<a href=\"{}\">{img}</a>", escape_html(link));
        }
        let mut html = format!("<figure>{img}");
        if !title.is_empty() || !caption_html.is_empty() {
            html.push_str("<figcaption>");
            if !title.is_empty() {
                html.push_str(&format!("<h4>{}</h4>", escape_html(title)));
            }
            if !caption_html.is_empty() {
                html.push_str(&format!("<p>{caption_html}</p>"));
            }
            html.push_str("</figcaption>");
        }
        html.push_str("</figure>");
        self.out.literal(&html);
        Some(())
    }

    /// Eleventy's `image` shortcode: `{% image "a.png", "alt" %}`.
    fn image(&mut self, args: &Args) -> Option<()> {
        let src = args.get("src", 0)?;
        let alt = args.get("alt", 1).unwrap_or_default();
        let html = match self.output {
            Output::Text => alt.to_owned(),
            _ => format!("<img src=\"{}\" alt=\"{}\">", escape_html(src), escape_html(alt)),
        };
        self.out.literal(&html);
        Some(())
    }

    /// youtube, vimeo, gist: a link readers can follow (feed readers drop
    /// the embedded players), with YouTube's thumbnail.
    fn media(&mut self, name: &str, args: &Args) -> Option<()> {
        let safe = |s: &str| {
            let ok = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-./".contains(c));
            ok.then(|| s.to_owned())
        };
        let (url, label, thumbnail) = match name {
            "youtube" => {
                let id = safe(args.get("id", 0)?)?;
                let title = args.get("title", usize::MAX).unwrap_or("Video on YouTube");
                let thumbnail = format!("https://i.ytimg.com/vi/{id}/hqdefault.jpg");
                (format!("https://www.youtube.com/watch?v={id}"), title.to_owned(), Some(thumbnail))
            }
            "vimeo" => {
                let id = safe(args.get("id", 0)?)?;
                let title = args.get("title", usize::MAX).unwrap_or("Video on Vimeo");
                (format!("https://vimeo.com/{id}"), title.to_owned(), None)
            }
            "instagram" => {
                let id = safe(args.get("id", 0)?)?;
                (format!("https://www.instagram.com/p/{id}/"), "Post on Instagram".to_owned(), None)
            }
            "x" | "tweet" | "twitter" => {
                // `x user="u" id="1"`, or an old `tweet 1` without the user.
                let (user, id) = match (args.get("user", 0), args.get("id", 1)) {
                    (Some(user), Some(id)) => (safe(user)?, safe(id)?),
                    (Some(id), None) => ("i".to_owned(), safe(id)?),
                    _ => return None,
                };
                (format!("https://x.com/{user}/status/{id}"), "Post on X".to_owned(), None)
            }
            _ => {
                // Hugo: `gist USER ID [FILE]`; jekyll-gist: `gist [USER/]ID [FILE]`.
                let first = safe(args.get("user", 0)?)?;
                let (path, file) = match args.get("id", 1).and_then(safe) {
                    Some(id) if !first.contains('/') => (format!("{first}/{id}"), args.get("file", 2)),
                    _ => (first, args.get("file", 1)),
                };
                let file = file.and_then(safe);
                let anchor = file.as_ref().map(|f| format!("#file-{}", f.replace('.', "-"))).unwrap_or_default();
                (format!("https://gist.github.com/{path}{anchor}"), format!("Gist {path}"), None)
            }
        };
        let html = match (self.output, thumbnail) {
            (Output::Text, _) => url,
            (_, Some(thumbnail)) => format!(
                "<figure><a href=\"{url}\"><img src=\"{thumbnail}\" alt=\"{label}\"></a><figcaption><a href=\"{url}\">{label}</a></figcaption></figure>",
                label = escape_html(&label)
            ),
            (_, None) => format!("<a href=\"{url}\">{}</a>", escape_html(&label)),
        };
        self.out.literal(&html);
        Some(())
    }

    /// `post_url`, `link`, `ref`, `relref`: the URL of the article named.
    fn link(&mut self, at: usize, end: usize, name: &str, target: &str) -> usize {
        self.report.linked = true;
        let extension = strip_extension(target).len();
        let extension = target[extension..].trim_start_matches('.').to_ascii_lowercase();
        let article = matches!(extension.as_str(), "" | "md" | "markdown" | "html" | "htm" | "txt");
        if name == "link" && !article {
            // Jekyll's `link` names any file of the site (a PDF, an image):
            // it is served at its path.
            let path = target.trim().trim_start_matches("./").trim_start_matches('/');
            if let Ok(url) = self.page.context.site.join(&format!("./{path}")) {
                self.absolute_url(url.as_str());
                return end;
            }
        }
        match self.page.context.links.find(target) {
            Ok(url) => self.absolute_url(url.as_str()),
            Err(what) => {
                self.finding(at, end, what);
                return self.unlink(end);
            }
        }
        end
    }

    /// After a link target that could not be found: in Markdown, the link
    /// `[text](…)` around it becomes its text (an empty target would link
    /// to the article itself).
    fn unlink(&mut self, end: usize) -> usize {
        let buf = &self.out.buf;
        if self.output != Output::Markdown || !buf.ends_with("](") || !self.text[end..].starts_with(')') {
            return end;
        }
        let label_end = buf.len() - 2;
        // A label is short and on one line: looking further back would make
        // a long line of such links take quadratic time.
        let mut window = label_end.saturating_sub(MAX_LABEL);
        while !buf.is_char_boundary(window) {
            window += 1;
        }
        let open = buf[window..label_end].rfind('[').map(|i| window + i);
        let Some(open) = open.filter(|&open| !buf[open..label_end].contains('\n')) else { return end };
        let open = if buf[..open].ends_with('!') { open - 1 } else { open };
        let text = buf[open..label_end].trim_start_matches('!').trim_start_matches('[').to_owned();
        self.out.buf.truncate(open);
        self.out.buf.push_str(&text);
        end + 1
    }

    /// Code, as written but for the escapes meant for the generator: Hugo's
    /// `{{</* x */>}}` and Liquid's `{% raw %}`/`{% endraw %}`.
    fn code(&mut self, code: &str) {
        let code = unescape_code(code, self.syntax());
        self.out.literal(&code);
    }
}

/// Code as written but for the escapes meant for the generator (see
/// `Scan::code`).
fn unescape_code(code: &str, syntax: Syntax) -> String {
    let hugo = matches!(syntax, Syntax::Auto | Syntax::Hugo);
    let liquid = !matches!(syntax, Syntax::Hugo | Syntax::None);
    // The next of each closing delimiter, remembered: searches only move
    // forward, so a megabyte of `{{</*` is read once, not once per `{`.
    let mut next: [(&str, Option<Option<usize>>); 3] = [("*/>}}", None), ("*/%}}", None), ("%}", None)];
    let mut find = |which: usize, from: usize| -> Option<usize> {
        let (needle, known) = &mut next[which];
        if !matches!(*known, Some(Some(at)) if at >= from) && !matches!(*known, Some(None)) {
            *known = Some(code[from..].find(*needle).map(|i| from + i));
        }
        known.flatten()
    };
    let mut out = String::with_capacity(code.len());
    let mut at = 0;
    while let Some(brace) = code[at..].find('{').map(|i| at + i) {
        out.push_str(&code[at..brace]);
        let rest = &code[brace..];
        let mut handled = None;
        let escapes = [(0, "{{</*", "*/>}}", "{{<", ">}}"), (1, "{{%/*", "*/%}}", "{{%", "%}}")];
        for (which, open, close_with, shown_open, shown_close) in escapes {
            if hugo
                && handled.is_none()
                && rest.starts_with(open)
                && let Some(close) = find(which, brace + open.len())
            {
                let inner = &code[brace + open.len()..close];
                handled = Some((format!("{shown_open}{inner}{shown_close}"), close + close_with.len()));
            }
        }
        if liquid
            && handled.is_none()
            && rest.starts_with("{%")
            && let Some(close) = find(2, brace + 2)
            && matches!(trim_dashes(&code[brace + 2..close]), "raw" | "endraw")
        {
            handled = Some((String::new(), close + 2));
        }
        match handled {
            Some((shown, after)) => {
                out.push_str(&shown);
                at = after;
            }
            None => {
                out.push('{');
                at = brace + 1;
            }
        }
    }
    out.push_str(&code[at..]);
    out
}

/// Whether `{{ expression }}` is surely a template in a body of unknown
/// syntax, not prose about templates (`{{ .Title }}`, `{{ name }}`).
fn looks_like_a_template(expression: &str) -> bool {
    let value = expression.split('|').next().unwrap_or_default().trim();
    value.starts_with("site.") || value.starts_with("page.") || unquote(value).is_some() || call(expression).is_some()
}

/// Liquid's `{%-`/`-%}` white-space control and the white space around.
fn trim_dashes(inner: &str) -> &str {
    let inner = inner.trim();
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    inner.strip_suffix('-').unwrap_or(inner).trim()
}

/// The tag's name and the rest.
fn split_name(inner: &str) -> (&str, &str) {
    let inner = inner.trim_start();
    let end = inner.find(|c: char| c.is_whitespace() || c == '(' || c == ',').unwrap_or(inner.len());
    (&inner[..end], &inner[end..])
}

/// A Zola call `name(key=value, …)`.
fn call(expression: &str) -> Option<(String, Args)> {
    let expression = expression.trim();
    let open = expression.find('(')?;
    let name = &expression[..open];
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let inner = expression.strip_suffix(')').filter(|_| valid)?.get(open + 1..)?;
    Some((name.to_owned(), Args::parse(inner)))
}

/// A quoted string's text.
fn unquote(value: &str) -> Option<String> {
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = value.strip_prefix(quote)?.strip_suffix(quote)?;
    (!inner.contains(quote)).then(|| inner.to_owned())
}

/// Caption Markdown as inline HTML (Hugo `markdownify`s it).
fn inline_markdown(text: &str) -> String {
    let html = super::markdown::to_raw_html(text);
    let html = html.trim();
    let html = html.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")).unwrap_or(html);
    html.to_owned()
}

/// A tag's arguments: positional, and `key=value` (Hugo, Zola) or
/// `key: value` (Liquid), quoted or not.
#[derive(Debug, Default, PartialEq, Eq)]
struct Args {
    positional: Vec<String>,
    named: Vec<(String, String)>,
}

impl Args {
    fn parse(text: &str) -> Args {
        let mut args = Args::default();
        let mut chars = text.char_indices().peekable();
        let mut pending_key: Option<String> = None;
        while let Some(&(start, c)) = chars.peek() {
            if c.is_whitespace() || c == ',' {
                chars.next();
                continue;
            }
            let value = if matches!(c, '"' | '\'' | '`') {
                chars.next();
                let mut value = String::new();
                while let Some((_, d)) = chars.next() {
                    match d {
                        '\\' if c != '`' => value.extend(chars.next().map(|(_, e)| e)),
                        d if d == c => break,
                        d => value.push(d),
                    }
                }
                value
            } else {
                let mut end = text.len();
                while let Some(&(i, d)) = chars.peek() {
                    // `key: value` (Liquid) wants the space: `https://…` is a value.
                    let colon = d == ':' && text[i + 1..].starts_with(char::is_whitespace);
                    if d.is_whitespace() || d == ',' || ((d == '=' || colon) && pending_key.is_none()) {
                        end = i;
                        break;
                    }
                    chars.next();
                }
                let word = text[start..end].to_owned();
                if end < text.len() && matches!(text.as_bytes()[end], b'=' | b':') {
                    chars.next();
                    pending_key = Some(word);
                    continue;
                }
                word
            };
            match pending_key.take() {
                Some(key) => args.named.push((key, value)),
                None => args.positional.push(value),
            }
        }
        args
    }

    /// The argument named `key`, or else the one at `position`.
    fn get(&self, key: &str, position: usize) -> Option<&str> {
        self.named
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .or_else(|| self.positional.get(position).map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Url {
        Url::parse("https://example.com/blog/").unwrap()
    }

    fn links() -> Links {
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
    fn values() -> &'static BTreeMap<String, String> {
        static VALUES: std::sync::LazyLock<BTreeMap<String, String>> = std::sync::LazyLock::new(|| {
            BTreeMap::from([("repository".to_owned(), "https://github.com/example/site".to_owned())])
        });
        &VALUES
    }

    #[test]
    fn the_article_s_own_values() {
        let site = site();
        let links = links();
        let keys = crate::source::front_matter::KeyMap::new(vec![("title".into(), "newstitle".into())]);
        let url = Url::parse("https://example.com/blog/post/").unwrap();
        let link = Url::parse("https://elsewhere.example/release/").unwrap();
        let templates = Templates { syntax: Syntax::Liquid, unknown: Unknown::Remove };
        let context = Context { templates, site: &site, links: &links, values: values(), keys: &keys };
        let page = Page { context, url: &url, title: "The Title", link: Some(&link) };
        let text = "[{{ newstitle }}]({{ external_url }}) {{ page.title }} {{ title }} {{ page.link }} {{ tags }}";
        let (out, report) = process(text, Output::Markdown, &page);
        assert_eq!(
            out,
            "[The Title](https://elsewhere.example/release/) The Title The Title https://elsewhere.example/release/ "
        );
        assert_eq!(report.findings.len(), 1, "only `tags`, whose value is not kept: {:?}", report.findings);
        let hugo = Context { templates: Templates { syntax: Syntax::Hugo, unknown: Unknown::Remove }, ..context };
        let (out, report) = process(
            "{{< param newstitle >}} {{% param \"repository\" %}} {{< param x >}}",
            Output::Markdown,
            &Page { context: hugo, ..page },
        );
        assert_eq!(out, "The Title https://github.com/example/site ");
        assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
        let page = Page { link: None, ..page };
        let (out, _) = process("<{{ external_url }}>", Output::Markdown, &page);
        assert_eq!(out, "<>");
    }

    #[test]
    fn site_values_stand_for_site_names() {
        let (out, findings) = run_with(
            "[#9]({{ site.repository }}/issues/9) {{ site.unknown }}",
            Output::Markdown,
            Syntax::Liquid,
            Unknown::Remove,
        );
        assert_eq!(out, "[#9](https://github.com/example/site/issues/9) ");
        assert_eq!(findings.len(), 1, "{findings:?}");
    }

    fn page_of<'a>(site: &'a Url, links: &'a Links) -> Page<'a> {
        static URL: std::sync::LazyLock<Url> =
            std::sync::LazyLock::new(|| Url::parse("https://example.com/blog/2026/01/post/").unwrap());
        let context = Context { templates: Templates::default(), site, links, values: values(), keys: &NO_KEYS };
        Page { context, url: &URL, title: "The Title", link: None }
    }

    fn run_with(text: &str, output: Output, syntax: Syntax, unknown: Unknown) -> (String, Vec<Finding>) {
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

    fn md(text: &str) -> (String, Vec<Finding>) {
        run_with(text, Output::Markdown, Syntax::Auto, Unknown::Remove)
    }

    fn md_as(text: &str, syntax: Syntax) -> String {
        run_with(text, Output::Markdown, syntax, Unknown::Remove).0
    }

    fn whats(findings: &[Finding]) -> Vec<Found> {
        findings.iter().map(|f| f.what).collect()
    }

    #[test]
    fn text_without_templates_is_unchanged() {
        for text in ["plain", "a { b } c", "{{ .Title }} in Go", "{{ name }}", "set {a, b}", "{#id}", ""] {
            assert_eq!(md(text), (text.to_owned(), Vec::new()), "{text}");
        }
    }

    #[test]
    fn hugo_figure() {
        let (out, found) = md(
            r#"{{< figure src="a.png" alt="An A" caption="The *first* letter" title="T" link="/big.png" width="20" >}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            out,
            "<figure><a href=\"/big.png\"><img src=\"a.png\" alt=\"An A\" width=\"20\"></a><figcaption><h4>T</h4><p>The <em>first</em> letter</p></figcaption></figure>"
        );
        let (out, _) = md(r#"{{< figure src="b.png" caption="A & B" />}}"#);
        assert_eq!(
            out,
            "<figure><img src=\"b.png\" alt=\"A &amp; B\"><figcaption><p>A &amp; B</p></figcaption></figure>"
        );
        // Hugo's attribution, and a figure written on many lines.
        let (out, _) = md(
            "{{< figure\n  src=\"/z.jpg\"\n  caption=\"Zion\"\n  attr=\"by *me*\" attrlink=\"https://me.example/\"\n>}}",
        );
        assert_eq!(
            out,
            "<figure><img src=\"/z.jpg\" alt=\"Zion\"><figcaption><p>Zion <a href=\"https://me.example/\">by <em>me</em></a></p></figcaption></figure>"
        );
        // `{{% %}}` renders the same.
        assert!(md(r#"{{% figure src="c.png" %}}"#).0.starts_with("<figure><img src=\"c.png\""));
    }

    #[test]
    fn videos_and_gists_become_links() {
        let youtube = "<figure><a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"><img src=\"https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg\" alt=\"Video on YouTube\"></a><figcaption><a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">Video on YouTube</a></figcaption></figure>";
        assert_eq!(md("{{< youtube dQw4w9WgXcQ >}}").0, youtube);
        assert_eq!(md(r#"{{< youtube id="dQw4w9WgXcQ" >}}"#).0, youtube);
        assert_eq!(md(r#"{{ youtube(id="dQw4w9WgXcQ") }}"#).0, youtube);
        assert_eq!(md("{% youtube dQw4w9WgXcQ %}").0, youtube);
        assert_eq!(md("{{< vimeo 146022717 >}}").0, "<a href=\"https://vimeo.com/146022717\">Video on Vimeo</a>");
        assert_eq!(
            md("{{< gist spf13 7896402 img.html >}}").0,
            "<a href=\"https://gist.github.com/spf13/7896402#file-img-html\">Gist spf13/7896402</a>"
        );
        assert_eq!(
            md("{% gist parkr/931c1c8d465a04042403 %}").0,
            "<a href=\"https://gist.github.com/parkr/931c1c8d465a04042403\">Gist parkr/931c1c8d465a04042403</a>"
        );
        assert_eq!(
            md(r#"{{< x user="someone" id="1724414854348357922" >}} {{< tweet 877500564405444608 >}} {{< instagram CxOWiQNP2MO >}}"#).0,
            "<a href=\"https://x.com/someone/status/1724414854348357922\">Post on X</a> <a href=\"https://x.com/i/status/877500564405444608\">Post on X</a> <a href=\"https://www.instagram.com/p/CxOWiQNP2MO/\">Post on Instagram</a>"
        );
        // An id that is not one is not put in a URL.
        let (out, found) = md(r#"{{< youtube "x\" onerror=\"y" >}}"#);
        assert_eq!((out.as_str(), whats(&found).as_slice()), ("", [Found::Removed].as_slice()));
    }

    #[test]
    fn highlight_becomes_a_fenced_code_block() {
        let (out, found) =
            md("Before\n{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< /highlight >}}\nAfter");
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(out, "Before\n```go\nfunc main() {}\n```\n\nAfter");
        let (out, _) = md("x {% highlight ruby linenos %}\ndef a = `b`\n```\n{% endhighlight %}");
        assert_eq!(out, "x \n````ruby\ndef a = `b`\n```\n````\n");
        // Jekyll runs Liquid in the block: `raw` keeps it from running.
        let (out, found) =
            md("{% highlight html %}\n{% raw %}\n<a href=\"{{ site.url }}\">\n{% endraw %}\n{% endhighlight %}");
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(out, "```html\n<a href=\"{{ site.url }}\">\n```\n");
        let (out, _) =
            run_with("{% highlight js %}a < b{% endhighlight %}", Output::Html, Syntax::Liquid, Unknown::Remove);
        assert_eq!(out, "<pre><code class=\"language-js\">a &lt; b</code></pre>");
    }

    #[test]
    fn raw_is_literal_and_comments_are_hidden() {
        let (out, found) = md("{% raw %}{{ page.title }} {% if %}{% endraw %} and {{ page.title }}");
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(out, "{{ page.title }} {% if %} and The Title");
        for text in [
            "a{% comment %}secret{% endcomment %}b",
            "a{{% comment %}}secret{{% /comment %}}b",
            "a{{< comment >}}secret{{< /comment >}}b",
            "a{%- comment -%}\nsecret {{< figure src=x >}}\n{%- endcomment -%}b",
        ] {
            assert_eq!(md(text), ("ab".to_owned(), Vec::new()), "{text}");
        }
        assert_eq!(run_with("a{# secret #}b", Output::Markdown, Syntax::Nunjucks, Unknown::Remove).0, "ab");
        // An unclosed comment still hides what follows it.
        let (out, found) = md("shown {{% comment %}} hidden forever");
        assert_eq!((out.as_str(), whats(&found).as_slice()), ("shown ", [Found::Unclosed].as_slice()));
    }

    #[test]
    fn links_to_articles() {
        let (out, found) = md(
            "[a]({% post_url 2020-01-01-x %}) [b]({% link _posts/2020-01-01-x.md %}) [c]({{< ref \"posts/bundle\" >}}) [d]({{< relref \"/bundle/index.md#part\" >}}) [e]({{< ref \"../2023/twin.md\" >}})",
        );
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            out,
            "[a](https://example.com/blog/2020/01/x/) [b](https://example.com/blog/2020/01/x/) [c](https://example.com/blog/2021/05/bundle/) [d](https://example.com/blog/2021/05/bundle/#part) [e](https://example.com/blog/2023/02/twin/)"
        );
        // Jekyll's `link` to a file that is not a post: its path on the site.
        assert_eq!(
            md("{% link assets/Paper.PDF %}"),
            ("https://example.com/blog/assets/Paper.PDF".to_owned(), Vec::new())
        );
        let (out, found) = md("[x]({% post_url 1999-01-01-gone %}) [y]({{< ref \"twin\" >}}) {% post_url nope %}");
        assert_eq!(out, "x y ");
        assert_eq!(whats(&found), [Found::NoSuchArticle, Found::AmbiguousArticle, Found::NoSuchArticle]);
        assert_eq!(found[0].offset, 4);
        assert_eq!(found[0].tag, "{% post_url 1999-01-01-gone %}");
    }

    #[test]
    fn site_and_page_variables_and_url_filters() {
        let (out, found) = md(
            "{{ site.url }}{{ site.baseurl }}/a.png {{ \"/img/x.png\" | url }} {{ '/y' | relative_url }} {{ page.url }}",
        );
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            out,
            "https://example.com/blog/a.png https://example.com/blog/img/x.png https://example.com/blog/y https://example.com/blog/2026/01/post/"
        );
        // Liquid's way of writing a delimiter: a quoted string.
        assert_eq!(md("Use {{ \"{% highlight \" }}lang %}").0, "Use {% highlight lang %}");
        // Jekyll 3 wrote the base URL before a link; our URLs are absolute.
        let (out, found) = md(
            "[a]({{ site.url }}{{ site.baseurl }}{% post_url 2020-01-01-x %}) [b]({{ site.baseurl }}{{ '/y' | relative_url }}) {{ site.baseurl }} {{ site.url }}{{ page.url }}",
        );
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            out,
            "[a](https://example.com/blog/2020/01/x/) [b](https://example.com/blog/y) /blog https://example.com/blog/2026/01/post/"
        );
        // A body with Liquid tags is Liquid: its `{{ }}` are too.
        let (out, found) = md("{% for post in site.posts %}{{ post.title }}{% endfor %} `{% x %}`");
        assert_eq!((out.as_str(), found.len()), (" `{% x %}`", 2));
        assert_eq!(md("`{% x %}` {{ name }}").0, "`{% x %}` {{ name }}");
        // Without a declared syntax, `{{ }}` that may be prose stays.
        assert_eq!(md("{{ site.title }} {{ .Title }} {{ x }}").0, " {{ .Title }} {{ x }}");
        assert_eq!(md_as("{{ x }} {{ .Title }}", Syntax::Liquid), " ");
        assert_eq!(md_as("{{ x }} {{< y >}}", Syntax::Hugo), "{{ x }} ");
        assert_eq!(md_as("{{ x }} {{< y >}} {% z %}", Syntax::None), "{{ x }} {{< y >}} {% z %}");
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
    fn code_is_left_alone_but_for_escapes() {
        let text = "`{{< figure src=x >}}` and\n\n```\n{% include x %}\n{{</* figure src=\"x\" */>}}\n{% raw %}{{ y }}{% endraw %}\n```\n\n    {{< indented >}}\n";
        let (out, found) = md(text);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            out,
            "`{{< figure src=x >}}` and\n\n```\n{% include x %}\n{{< figure src=\"x\" >}}\n{{ y }}\n```\n\n    {{< indented >}}\n"
        );
        // Outside code, the escape shows the tag too.
        assert_eq!(md("Write {{</* note */>}} or {{%/* x */%}}").0, "Write {{< note >}} or {{% x %}}");
        assert_eq!(md_as("{{/* youtube(id=\"x\") */}}", Syntax::Zola), "{{ youtube(id=\"x\") }}");
        // HTML code, in HTML and in Markdown's HTML blocks.
        let (out, found) = md("<pre>\n{{< x >}}\n</pre>\n\n{{< y >}}\n");
        assert_eq!((out.as_str(), found.len()), ("<pre>\n{{< x >}}\n</pre>\n\n\n", 1));
        let html = "<pre><code>{{< x >}}</code></pre><p>{{< y >}}<code class=\"c\">{% z %}</code></p>";
        let (out, found) = run_with(html, Output::Html, Syntax::Auto, Unknown::Remove);
        assert_eq!(out, "<pre><code>{{< x >}}</code></pre><p><code class=\"c\">{% z %}</code></p>");
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn summaries_as_text() {
        let (out, found) = run_with(
            "See {{< figure src=\"a.png\" caption=\"Cap\" >}} and {{< youtube abc >}} {% comment %}x{% endcomment %}{{< param x >}}",
            Output::Text,
            Syntax::Auto,
            Unknown::Remove,
        );
        assert_eq!(out, "See Cap and https://www.youtube.com/watch?v=abc ");
        assert_eq!(whats(&found), [Found::Removed]);
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

    #[test]
    fn huge_inputs_take_linear_time() {
        let start = std::time::Instant::now();
        let (_, report) = process(&"{{<".repeat(1000), Output::Markdown, &page_of(&site(), &links()));
        assert_eq!((report.findings.len(), report.more), (MAX_FINDINGS, 1000 - MAX_FINDINGS));
        for unit in
            ["{{<", "{%", "{{< x >}}", "{% raw %}", "{{< highlight >}}", "{{% comment %}}", "{{ ", "{{ site.", "{"]
        {
            let text = unit.repeat(1_000_000 / unit.len());
            let (out, _) = md(&text);
            assert!(!out.contains("{{<"), "{unit}");
            let (out, _) = run_with(&text, Output::Html, Syntax::Liquid, Unknown::Remove);
            assert!(out.len() <= text.len() * 2);
        }
        // In code too.
        for unit in ["{{</*", "{%", "{{%/*"] {
            let text = format!("```\n{}\n```\n", unit.repeat(1_000_000 / unit.len()));
            assert_eq!(md(&text).0, text);
        }
        // A long line of links to nothing.
        let text = "[a]({% post_url gone %}) ".repeat(40_000);
        assert_eq!(md(&text).0, "a ".repeat(40_000));
        // Far closers: every opener finds the one closer at the very end.
        let text = format!("{}{}", "{{< x ".repeat(200_000), ">}}");
        let _ = md(&text);
        let text = format!("{}{}", "{% raw %}{% endraw x %}".repeat(50_000), "{% endraw %}");
        let _ = md(&text);
        assert!(start.elapsed() < std::time::Duration::from_secs(20), "{:?}", start.elapsed());
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

    #[test]
    fn link_names() {
        assert_eq!(
            names_of("content/posts/a/index.md"),
            [
                "a",
                "a/index",
                "a/index.md",
                "content/posts/a",
                "content/posts/a/index",
                "content/posts/a/index.md",
                "index",
                "index.md",
                "posts/a",
                "posts/a/index",
                "posts/a/index.md"
            ]
        );
        assert_eq!(strip_extension("a/b.c/d"), "a/b.c/d");
        assert_eq!(strip_extension("a/3.0-released.md"), "a/3.0-released");
    }

    #[test]
    fn arguments() {
        let args = Args::parse(r#" go "linenos=table" src='a b.png' link: https://x.example/ k=v, "q\"x" `raw\`"#);
        assert_eq!(args.positional, ["go", "linenos=table", "q\"x", "raw\\"]);
        assert_eq!(
            args.named,
            [("src".into(), "a b.png".into()), ("link".into(), "https://x.example/".into()), ("k".into(), "v".into())]
        );
        assert_eq!(Args::parse(""), Args::default());
        assert_eq!(Args::parse("\"unclosed").positional, ["unclosed"]);
        assert_eq!(Args::parse("https://x.example/a").positional, ["https://x.example/a"]);
    }
}

//! What each known tag becomes: the values of `{{ … }}` (the site's, the
//! page's, the article's own, the `url` filters), and Hugo shortcodes and
//! Liquid, Nunjucks and Zola tags by name: figure, image, the media links,
//! highlight, raw, comment, param (links to articles are `links`).

use url::Url;

use super::args::{Args, call, looks_like_a_template, split_name, trim_dashes, unquote};
use super::code::unescape_code;
use super::scan::{End, Form};
use super::{Found, Output, Scan, Syntax};
use crate::text::escape_html;

impl Scan<'_, '_> {
    /// `{{ … }}`.
    pub(super) fn expression(&mut self, at: usize, end: usize, inner: &str) -> usize {
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

    /// Hugo `{{< … >}}` and `{{% … %}}`.
    pub(super) fn shortcode(&mut self, at: usize, end: usize, inner: &str) -> usize {
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
    pub(super) fn block(&mut self, at: usize, end: usize, inner: &str) -> usize {
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
}

/// Caption Markdown as inline HTML (Hugo `markdownify`s it).
fn inline_markdown(text: &str) -> String {
    let html = crate::render::markdown::to_raw_html(text);
    let html = html.trim();
    let html = html.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")).unwrap_or(html);
    html.to_owned()
}

#[cfg(test)]
mod tests {
    use url::Url;

    use super::super::tests::{links, md, md_as, run_with, site, values, whats};
    use super::super::{Context, Found, Output, Page, Syntax, Templates, Unknown, process};

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
}

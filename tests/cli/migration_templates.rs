//! Issue 12: template syntax of Jekyll (Liquid), Hugo (shortcodes),
//! Eleventy (Nunjucks) and Zola (shortcodes) in migrated posts never
//! reaches readers. The common tags are rendered as the generator renders
//! them; others are removed with a warning at their line (or kept, or
//! refused, as configured); code keeps its template syntax.

use crate::util::{CONFIG, Site};
use crate::validity::{assert_valid_and_read_back, expected_from_json_feed};

fn config(articles: &str) -> String {
    format!("{CONFIG}\n[articles]\n{articles}\n")
}

fn items(site: &Site) -> Vec<serde_json::Value> {
    let feed: serde_json::Value = serde_json::from_slice(&site.read("feeds/feed.json")).unwrap();
    feed["items"].as_array().unwrap().clone()
}

/// The JSON Feed item whose URL ends with `path`.
fn item(site: &Site, path: &str) -> serde_json::Value {
    let items = items(site);
    items
        .iter()
        .find(|i| i["url"].as_str().unwrap().ends_with(path))
        .unwrap_or_else(|| panic!("{path}: {items:?}"))
        .clone()
}

fn content(site: &Site, path: &str) -> String {
    item(site, path)["content_html"].as_str().unwrap().to_owned()
}

/// `html` without its `<pre>` and `<code>` elements.
fn outside_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let next = ["<pre", "<code"].iter().filter_map(|tag| rest.find(tag).map(|i| (i, *tag))).min();
        let Some((at, tag)) = next else { break };
        out.push_str(&rest[..at]);
        let close = format!("</{}>", &tag[1..]);
        rest = rest[at..].find(&close).map_or("", |i| &rest[at + i + close.len()..]);
    }
    out.push_str(rest);
    out
}

/// No template delimiter in any feed's summaries, nor in their contents
/// outside code, as every reader parses them.
fn assert_no_template_syntax(site: &Site) {
    let mut texts = Vec::new();
    for item in items(site) {
        texts.push(item["summary"].as_str().unwrap().to_owned());
        texts.push(outside_code(item["content_html"].as_str().unwrap_or_default()));
    }
    for path in &site.feed_paths()[..2] {
        let feed = feed_rs::parser::parse(&std::fs::read(path).unwrap()[..]).unwrap();
        for entry in feed.entries {
            texts.extend(entry.summary.map(|s| s.content));
            texts.extend(entry.content.and_then(|c| c.body).map(|body| outside_code(&body)));
        }
    }
    assert!(texts.len() > 4);
    for text in texts {
        for delimiter in ["{%", "%}", "{{<", "{{&lt;", "{{%", ">}}", "&gt;}}"] {
            assert!(!text.contains(delimiter), "{delimiter} in {text}");
        }
    }
}

#[test]
fn jekyll_posts_render_liquid_and_warn_about_the_rest() {
    let site = Site::with_config(&config("folder = \"_posts\""));
    site.write(
        "_posts/2020-01-01-first.md",
        r#"---
title: First
description: "Served from {{ site.url }}{{ site.baseurl }}"
---
Next is [the second]({% post_url 2020-02-02-second %}). {% raw %}Write {{ page.title }} literally.{% endraw %}

{% highlight ruby linenos %}
{% raw %}
puts "{{ site.url }}"
{% endraw %}
{% endhighlight %}

{% comment %}
A note the author hid.
{% endcomment %}
![logo]({{ site.baseurl }}/assets/logo.png)

{% include footer.html %}

```liquid
{{ page.title }}
```
"#,
    );
    site.write(
        "_posts/2020-02-02-second.md",
        "---\ntitle: Second\n---\nBack to [the first]({% link _posts/2020-01-01-first.md %}).\n\nAnd [gone]({% post_url 1999-01-01-gone %}).\n",
    );
    let stderr = site.build_ok();
    assert!(
        stderr.contains("warning: _posts/2020-01-01-first.md:18: template tag `{% include footer.html %}` removed: feedwright runs no template engine\n  help: write out what the tag made, or set `unknown-templates = \"keep\"` under `[articles]` to keep it as text\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: _posts/2020-02-02-second.md:6: `{% post_url 1999-01-01-gone %}` names no published article: the link is left out"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning:").count(), 2, "{stderr}");

    let first = content(&site, "/2020/01/first/");
    assert!(first.contains(r#"<a href="https://example.com/2020/02/second/">the second</a>"#), "{first}");
    assert!(first.contains("Write {{ page.title }} literally."), "{first}");
    assert!(first.contains("<pre><code class=\"language-ruby\">puts \"{{ site.url }}\"\n</code></pre>"), "{first}");
    assert!(first.contains(r#"<img src="https://example.com/assets/logo.png" alt="logo" />"#), "{first}");
    assert!(first.contains("<pre><code class=\"language-liquid\">{{ page.title }}\n</code></pre>"), "{first}");
    assert!(!site.read_string("feeds/feed.json").contains("hid"));
    assert_eq!(item(&site, "/2020/01/first/")["summary"], "Served from https://example.com");
    let second = content(&site, "/2020/02/second/");
    assert!(second.contains(r#"href="https://example.com/2020/01/first/""#), "{second}");
    assert_no_template_syntax(&site);
    assert_valid_and_read_back(&site, &expected_from_json_feed(&site));

    // The warnings come again on the next build, after another article changed.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    site.write("_posts/2020-03-03-third.md", "---\ntitle: Third\n---\nThird.\n");
    let again = site.build_ok();
    assert_eq!(again.matches("warning:").count(), 2, "{again}");
}

#[test]
fn hugo_shortcodes_render_and_hidden_text_stays_hidden() {
    let site = Site::with_config(&config("folder = \"content\""));
    site.write("content/_index.md", "---\ntitle: Home\n---\n{{< latest-posts >}}\n");
    site.write(
        "content/posts/trip/index.md",
        r#"+++
title = "The trip"
date = 2026-01-30
summary = 'A trip {{< emoji "smile" >}}'
+++
Off we go.

{{< figure src="cover.png" caption="The *view*" >}}

{{% comment %}}Remember to crop the photo.{{% /comment %}}

{{< youtube dQw4w9WgXcQ >}}

{{< note >}}
Bring a coat.
{{< /note >}}

See [the other post]({{< ref "other.md" >}}) and [nothing]({{< relref "nowhere" >}}).

```go-html-template
{{</* figure src="x.png" */>}}
```

{{< highlight go >}}
func main() {}
{{< /highlight >}}
"#,
    );
    site.write("content/posts/other.md", "---\ntitle: Other\ndate: 2026-01-20\n---\nOther {{< vimeo 146022717 >}}.\n");
    let stderr = site.build_ok();
    for want in [
        "warning: content/posts/trip/index.md:4: template tag `{{< emoji \"smile\" >}}` removed",
        "warning: content/posts/trip/index.md:14: template tag `{{< note >}}` removed",
        "warning: content/posts/trip/index.md:18: `{{< relref \"nowhere\" >}}` names no published article",
    ] {
        assert!(stderr.contains(want), "{want} not in {stderr}");
    }
    assert_eq!(stderr.matches("warning:").count(), 3, "{stderr}");

    let trip = content(&site, "/2026/01/trip/");
    for want in [
        r#"<figure><img src="https://example.com/2026/01/trip/cover.png" alt="The view"><figcaption><p>The <em>view</em></p></figcaption></figure>"#,
        r#"<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer"><img src="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg""#,
        "<p>Bring a coat.</p>",
        r#"<a href="https://example.com/2026/01/other/" rel="noopener noreferrer">the other post</a>"#,
        "{{&lt; figure src=\"x.png\" &gt;}}",
        "<pre><code>func main() {}\n</code></pre>",
    ] {
        assert!(trip.contains(want), "{want} not in {trip}");
    }
    assert!(!site.read_string("feeds/feed.json").contains("crop"));
    assert_eq!(item(&site, "/2026/01/trip/")["summary"], "A trip");
    assert!(content(&site, "/2026/01/other/").contains(r#"<a href="https://vimeo.com/146022717""#));
    // Only the code holds a shortcode.
    assert!(outside_code(&trip).find("{{").is_none(), "{trip}");
    let json = site.read_string("feeds/feed.json");
    assert!(!json.contains("{{&lt; emoji") && !json.contains("{{< note"), "{json}");
    assert_valid_and_read_back(&site, &expected_from_json_feed(&site));
}

#[test]
fn eleventy_nunjucks_and_zola_shortcodes() {
    let site = Site::with_config(&config("templates = \"nunjucks\""));
    site.write(
        "articles/posts/2024-03-01-hello.md",
        r#"---
title: Hello
---
{% include "partials/cta.njk" %}
{% image "./cat.png", "A cat" %}

![x]({{ "/img/x.png" | url }}) {# a draft note #}{{ title }} by {{ author }}
"#,
    );
    let stderr = site.build_ok();
    assert!(
        stderr.contains(
            "articles/posts/2024-03-01-hello.md:4: template tag `{% include \"partials/cta.njk\" %}` removed"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("articles/posts/2024-03-01-hello.md:7: template tag `{{ author }}` removed"), "{stderr}");
    let hello = content(&site, "/hello/");
    assert!(hello.contains(r#"<img src="https://example.com/2024/03/hello/cat.png" alt="A cat">"#), "{hello}");
    assert!(hello.contains(r#"<img src="https://example.com/img/x.png" alt="x">"#), "{hello}");
    assert!(!hello.contains("draft"), "{hello}");
    assert!(hello.contains("Hello by"), "the article's own title: {hello}");
    assert_no_template_syntax(&site);

    let site = Site::with_config(&config("templates = \"zola\""));
    site.write(
        "articles/2024-04-01-zola.md",
        "+++\ntitle = \"Zola\"\n+++\n{{ youtube(id=\"abc123\") }}\n\n{% note(kind=\"info\") %}\nKept body.\n{% end %}\n\nShow {{/* gist(url=\"x\") */}} as is.\n",
    );
    let stderr = site.build_ok();
    assert!(
        stderr.contains("articles/2024-04-01-zola.md:6: template tag `{% note(kind=\"info\") %}` removed"),
        "{stderr}"
    );
    let zola = content(&site, "/zola/");
    assert!(zola.contains("https://www.youtube.com/watch?v=abc123"), "{zola}");
    assert!(zola.contains("<p>Kept body.</p>"), "{zola}");
    assert!(zola.contains("Show {{ gist(url=\"x\") }} as is."), "{zola}");
    assert_no_template_syntax(&site);
    assert_valid_and_read_back(&site, &expected_from_json_feed(&site));
}

#[test]
fn unknown_templates_error_fails_naming_the_file_and_keep_keeps_them() {
    let site = Site::with_config(&config("unknown-templates = \"error\""));
    site.write("articles/2024-01-01-a.md", "---\ntitle: A\n---\nFine.\n\n{% include x.html %}\n");
    let stderr = site.build_fails(1);
    assert!(
        stderr.contains(
            "error: articles/2024-01-01-a.md:6: template tag `{% include x.html %}`: feedwright runs no template engine"
        ),
        "{stderr}"
    );
    assert!(!site.path().join("feeds/feed.json").exists());

    std::fs::write(site.path().join("feedwright.toml"), config("unknown-templates = \"keep\"")).unwrap();
    let stderr = site.build_ok();
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(content(&site, "/a/").contains("{% include x.html %}"));
}

#[test]
fn articles_about_templates_keep_their_prose_and_code() {
    let site = Site::new();
    let body = "Go templates write {{ .Title }}; Mustache writes {{ name }}.\n\nA shortcode looks like `{{< figure src=\"x\" >}}`.\n\n    {% include indented %}\n";
    site.write("articles/2024-01-01-templates.md", format!("---\ntitle: Templates\n---\n{body}"));
    let stderr = site.build_ok();
    assert!(!stderr.contains("warning"), "{stderr}");
    let html = content(&site, "/templates/");
    assert!(html.contains("Go templates write {{ .Title }}; Mustache writes {{ name }}."), "{html}");
    assert!(html.contains("<code>{{&lt; figure src=\"x\" &gt;}}</code>"), "{html}");
    assert!(html.contains("<pre><code>{% include indented %}\n</code></pre>"), "{html}");

    // `templates = "none"`: nothing is a template.
    std::fs::write(site.path().join("feedwright.toml"), config("templates = \"none\"")).unwrap();
    site.write("articles/2024-01-02-raw.md", "---\ntitle: Raw\n---\nKeep {% this %} and {{< that >}}.\n");
    let stderr = site.build_ok();
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(content(&site, "/raw/").contains("Keep {% this %} and {{&lt; that &gt;}}."));
}

#[test]
fn a_megabyte_of_broken_template_syntax_builds_quickly_with_few_warnings() {
    let site = Site::new();
    let body = format!("Start.\n\n{}\n\n{{% comment %}} never closed", "{{< {{% x".repeat(110_000));
    site.write("articles/2024-01-01-broken.md", format!("---\ntitle: Broken\n---\n{body}\n"));
    let started = std::time::Instant::now();
    let stderr = site.build_ok();
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
    assert!(stderr.matches("warning:").count() <= 51, "{}", &stderr[..2000.min(stderr.len())]);
    assert!(stderr.contains("more template tags were removed, never closed, or linked to no article"), "{stderr}");
    assert!(
        stderr.contains("warning: articles/2024-01-01-broken.md:6: template tag `{{<` is never closed: removed"),
        "{}",
        &stderr[..2000.min(stderr.len())]
    );
    let html = content(&site, "/broken/");
    assert!(html.starts_with("<p>Start.</p>") && !html.contains("never closed"), "{}", &html[..200.min(html.len())]);
    assert_no_template_syntax(&site);
}

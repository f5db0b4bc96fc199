//! The code of a body, which the pass leaves as written: where it is
//! (Markdown code blocks and spans, HTML `<pre>`/`<code>`), and the escapes
//! authors put in it for the generator, undone (the generator would have
//! undone them too).

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag as MdTag};

use super::args::trim_dashes;
use super::{Scan, Syntax};

/// The byte ranges of code blocks and code spans in Markdown, and of
/// `<pre>` and `<code>` in its HTML blocks.
pub(super) fn markdown_code(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(text, crate::render::markdown::options()).into_offset_iter() {
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
pub(super) fn html_code(text: &str) -> Vec<Range<usize>> {
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

impl Scan<'_, '_> {
    /// Code, as written but for the escapes meant for the generator: Hugo's
    /// `{{</* x */>}}` and Liquid's `{% raw %}`/`{% endraw %}`.
    pub(super) fn code(&mut self, code: &str) {
        let code = unescape_code(code, self.syntax());
        self.out.literal(&code);
    }
}

/// Code as written but for the escapes meant for the generator (see
/// `Scan::code`).
pub(super) fn unescape_code(code: &str, syntax: Syntax) -> String {
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

#[cfg(test)]
mod tests {
    use super::super::tests::{md, md_as, run_with};
    use super::super::{Output, Syntax, Unknown};

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
}

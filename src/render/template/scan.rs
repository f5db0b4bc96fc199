//! Finding delimiters: the opening delimiters of each syntax, and the
//! searches for closing delimiters and end tags. Every search remembers
//! its answer (`Memo`), which is what keeps the pass linear on any input.

use super::args::trim_dashes;
use super::{Scan, Syntax};

/// The forms of tag delimiters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
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
pub(super) struct Opener {
    pub(super) form: Form,
    pub(super) len: usize,
    pub(super) close: &'static str,
    pub(super) escaped: bool,
}

/// End tags searched for by paired tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    /// `{% endNAME %}`.
    Liquid(&'static str),
    /// `{{< /NAME >}}` or `{{% /NAME %}}`.
    Hugo(&'static str),
}

/// A search's answer, remembered: from `from`, the next match is at `found`
/// (or there is none), so any search starting in `from..=found` has the
/// same answer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Memo<K> {
    key: K,
    from: usize,
    found: Option<(usize, usize)>,
}

impl Scan<'_, '_> {
    /// The opening delimiter at `at`, if it is one of the syntax's.
    pub(super) fn opener(&self, at: usize) -> Option<Opener> {
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
    pub(super) fn find(&mut self, needle: &'static str, from: usize, outside_code: bool) -> Option<(usize, usize)> {
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
    pub(super) fn find_end(&mut self, end: End, from: usize) -> Option<(usize, usize)> {
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::{links, md, page_of, run_with, site};
    use super::super::{MAX_FINDINGS, Output, Syntax, Unknown, process};

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
}

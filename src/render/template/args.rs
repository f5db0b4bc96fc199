//! The inside of a tag: its name and the rest, its arguments (positional,
//! `key=value`, `key: value`, quoted or not), Zola's `name(…)` calls,
//! quoted strings and Liquid's white-space dashes. Plain functions of the
//! text: nothing here knows where the tag is or what it becomes.

/// Whether `{{ expression }}` is surely a template in a body of unknown
/// syntax, not prose about templates (`{{ .Title }}`, `{{ name }}`).
pub(super) fn looks_like_a_template(expression: &str) -> bool {
    let value = expression.split('|').next().unwrap_or_default().trim();
    value.starts_with("site.") || value.starts_with("page.") || unquote(value).is_some() || call(expression).is_some()
}

/// Liquid's `{%-`/`-%}` white-space control and the white space around.
pub(super) fn trim_dashes(inner: &str) -> &str {
    let inner = inner.trim();
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    inner.strip_suffix('-').unwrap_or(inner).trim()
}

/// The tag's name and the rest.
pub(super) fn split_name(inner: &str) -> (&str, &str) {
    let inner = inner.trim_start();
    let end = inner.find(|c: char| c.is_whitespace() || c == '(' || c == ',').unwrap_or(inner.len());
    (&inner[..end], &inner[end..])
}

/// A Zola call `name(key=value, …)`.
pub(super) fn call(expression: &str) -> Option<(String, Args)> {
    let expression = expression.trim();
    let open = expression.find('(')?;
    let name = &expression[..open];
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let inner = expression.strip_suffix(')').filter(|_| valid)?.get(open + 1..)?;
    Some((name.to_owned(), Args::parse(inner)))
}

/// A quoted string's text.
pub(super) fn unquote(value: &str) -> Option<String> {
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = value.strip_prefix(quote)?.strip_suffix(quote)?;
    (!inner.contains(quote)).then(|| inner.to_owned())
}

/// A tag's arguments: positional, and `key=value` (Hugo, Zola) or
/// `key: value` (Liquid), quoted or not.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Args {
    pub(super) positional: Vec<String>,
    named: Vec<(String, String)>,
}

impl Args {
    pub(super) fn parse(text: &str) -> Args {
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
    pub(super) fn get(&self, key: &str, position: usize) -> Option<&str> {
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

//! Article -> file text, for `feedwright new`.

use chrono::{DateTime, FixedOffset, SecondsFormat};

/// A new Markdown article: YAML front matter with an explicit `id`, so the
/// entry keeps it whatever happens to the title, slug or file later.
pub(crate) fn new_article(title: &str, date: &DateTime<FixedOffset>, id: &str, tags: &[String]) -> String {
    // JSON strings are valid YAML double-quoted scalars: every title is safe.
    let quote = |s: &str| serde_json::to_string(s).expect("strings serialise");
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", quote(title)));
    text.push_str(&format!("date: {}\n", date.to_rfc3339_opts(SecondsFormat::Secs, true)));
    text.push_str(&format!("id: {}\n", quote(id)));
    if !tags.is_empty() {
        let tags: Vec<String> = tags.iter().map(|t| quote(t)).collect();
        text.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    text.push_str("---\n\nWrite the article here, in Markdown.\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted() {
        let date = DateTime::parse_from_rfc3339("2026-01-30T18:00:00-08:00").unwrap();
        let text = new_article("A \"quoted\": title # not a comment", &date, "tag:e.com,2026-01-30:a", &["x y".into()]);
        assert_eq!(
            text,
            "---\ntitle: \"A \\\"quoted\\\": title # not a comment\"\ndate: 2026-01-30T18:00:00-08:00\nid: \"tag:e.com,2026-01-30:a\"\ntags: [\"x y\"]\n---\n\nWrite the article here, in Markdown.\n"
        );
    }
}

//! Article -> file text, for `feedwright new`.

use chrono::{DateTime, FixedOffset, SecondsFormat};

/// The placeholder body of a new article. `new` makes articles drafts by
/// default so that this text is never published by accident.
const PLACEHOLDER_BODY: &str = "Write the article here, in Markdown.";

/// A new Markdown article: YAML front matter with an explicit `id`, so the
/// entry keeps it whatever happens to the title, slug or file later, and
/// `draft: true` last (one line to delete to publish it) when `draft`.
pub(crate) fn new_article(title: &str, date: &DateTime<FixedOffset>, id: &str, tags: &[String], draft: bool) -> String {
    // JSON strings are valid YAML double-quoted scalars: every title is safe.
    let quote = |s: &str| serde_json::to_string(s).expect("strings serialise");
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", quote(title)));
    // Whole seconds unless the date given had a fraction: keep what was asked.
    text.push_str(&format!("date: {}\n", date.to_rfc3339_opts(SecondsFormat::AutoSi, true)));
    text.push_str(&format!("id: {}\n", quote(id)));
    if !tags.is_empty() {
        let tags: Vec<String> = tags.iter().map(|t| quote(t)).collect();
        text.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    if draft {
        text.push_str("draft: true\n");
    }
    text.push_str(&format!("---\n\n{PLACEHOLDER_BODY}\n"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted() {
        let date = DateTime::parse_from_rfc3339("2026-01-30T18:00:00-08:00").unwrap();
        let text =
            new_article("A \"quoted\": title # not a comment", &date, "tag:e.com,2026-01-30:a", &["x y".into()], false);
        assert_eq!(
            text,
            "---\ntitle: \"A \\\"quoted\\\": title # not a comment\"\ndate: 2026-01-30T18:00:00-08:00\nid: \"tag:e.com,2026-01-30:a\"\ntags: [\"x y\"]\n---\n\nWrite the article here, in Markdown.\n"
        );
    }

    #[test]
    fn drafts_say_so_last() {
        let date = DateTime::parse_from_rfc3339("2026-01-30T18:00:00.250Z").unwrap();
        assert_eq!(
            new_article("T", &date, "tag:e.com,2026-01-30:t", &[], true),
            "---\ntitle: \"T\"\ndate: 2026-01-30T18:00:00.250Z\nid: \"tag:e.com,2026-01-30:t\"\ndraft: true\n---\n\nWrite the article here, in Markdown.\n"
        );
    }
}

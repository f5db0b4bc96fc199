//! Plain-text bodies -> HTML paragraphs and headings.
//!
//! Plain text comes in two shapes, often mixed in one file:
//! - hard-wrapped: paragraphs of short lines, separated by blank lines;
//! - one paragraph per line, with no blank lines between them (text pasted
//!   from a web page or a word processor, like the sample article).
//!
//! A short standalone line that does not read as a sentence (no closing
//! punctuation, few words, mostly capitalised: "Arrests and Police
//! Response") becomes an `<h2>`. Text is escaped, never interpreted.

use crate::text::escape_html;

/// Lines longer than this are never hard-wrapped lines of a paragraph.
const WRAP_WIDTH: usize = 100;
/// Headings are at most this long.
const HEADING_MAX_CHARS: usize = 90;
const HEADING_MAX_WORDS: usize = 14;

#[derive(Debug, PartialEq, Eq)]
enum Block {
    Heading(String),
    Paragraph(String),
}

/// The body as HTML: `<h2>` headings and `<p>` paragraphs, one per line.
pub(crate) fn to_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + text.len() / 8);
    for block in blocks(text) {
        let (tag, content) = match &block {
            Block::Heading(t) => ("h2", t),
            Block::Paragraph(t) => ("p", t),
        };
        html.push('<');
        html.push_str(tag);
        html.push('>');
        html.push_str(&escape_html(content));
        html.push_str("</");
        html.push_str(tag);
        html.push_str(">\n");
    }
    html
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for group in text.split("\n\n") {
        let lines: Vec<&str> = group.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if lines.len() > 1 && is_hard_wrapped(&lines) {
            out.push(Block::Paragraph(lines.join(" ")));
            continue;
        }
        // One paragraph per line. A standalone line may be a heading when it
        // follows a finished sentence (or another heading), never when it
        // could be the middle of a wrapped paragraph.
        let mut previous: Option<&str> = None;
        for line in lines {
            let after_break = previous.is_none_or(|p| ends_sentence(p) || is_heading(p, Strictness::Lenient));
            if after_break && is_heading(line, Strictness::Lenient) {
                out.push(Block::Heading(line.to_owned()));
            } else {
                out.push(Block::Paragraph(line.to_owned()));
            }
            previous = Some(line);
        }
    }
    out
}

/// Hard-wrapped text has only short lines, and some line other than the
/// last stops mid-sentence without looking like a title.
fn is_hard_wrapped(lines: &[&str]) -> bool {
    lines.iter().all(|l| l.chars().count() <= WRAP_WIDTH)
        && lines[..lines.len() - 1].iter().any(|l| !ends_sentence(l) && !is_heading(l, Strictness::TitleCaseOnly))
}

fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    trimmed.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Words that title case leaves in lower case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "over", "per",
    "the", "to", "up", "via", "vs", "with", "is", "are", "de", "la", "le", "van", "von",
];

/// How sure a line must look before it is taken for a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strictness {
    /// Title case only ("Arrests and Police Response").
    TitleCaseOnly,
    /// Also any short line without closing punctuation ("Why this matters").
    Lenient,
}

/// Words a title never ends with, though a wrapped line often does.
const NEVER_LAST: &[&str] =
    &["a", "an", "and", "the", "of", "to", "for", "with", "from", "by", "in", "at", "on", "or", "nor", "but"];

fn is_heading(line: &str, strictness: Strictness) -> bool {
    if line.chars().count() > HEADING_MAX_CHARS || !line.chars().any(char::is_alphabetic) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() > HEADING_MAX_WORDS {
        return false;
    }
    // List items, quotes and datelines are not headings.
    if line.starts_with(['-', '*', '•', '>', '"', '“', '(', '[']) || line.trim_end().ends_with(['—', '-', ',']) {
        return false;
    }
    let last = line.trim_end_matches(['"', '\'', '”', '’', ')']);
    if last.ends_with(['.', '!', ',', ';', ':', '…']) {
        return false;
    }
    let last_word = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if NEVER_LAST.contains(&last_word.as_str()) {
        return false;
    }
    let title_case = is_title_case(&words);
    if last.ends_with('?') {
        // "What Is the ‘ICE Out’ Movement?" is a heading; "Why did it happen?" is a sentence.
        return title_case;
    }
    title_case || (strictness == Strictness::Lenient && words.len() <= 6)
}

/// Whether most significant words start with a capital (or are all capitals
/// or digits), and the first one does.
fn is_title_case(words: &[&str]) -> bool {
    let mut significant = 0;
    let mut capitalised = 0;
    for (index, word) in words.iter().enumerate() {
        let letters: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        let Some(first) = letters.chars().next() else { continue };
        let is_small = SMALL_WORDS.contains(&letters.to_lowercase().as_str());
        let is_capital = first.is_uppercase() || first.is_numeric() || !first.is_lowercase();
        if index == 0 && !is_capital {
            return false;
        }
        if is_small && index > 0 {
            continue;
        }
        significant += 1;
        if is_capital {
            capitalised += 1;
        }
    }
    significant > 0 && capitalised * 4 >= significant * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        blocks(text)
            .into_iter()
            .map(|b| match b {
                Block::Heading(t) => format!("h2 {t}"),
                Block::Paragraph(t) => format!("p {t}"),
            })
            .collect()
    }

    #[test]
    fn one_paragraph_per_line_with_headings() {
        let text = "A long first paragraph that goes on. It has two sentences and is long enough to be a paragraph on its own line.\nArrests and Police Response\nIt was verified by officers that arrests were made.\nWhy Los Angeles? A City on the Front Line\nBackground: What Is the ‘ICE Out’ Movement?\nFeelings were running high.\n";
        assert_eq!(
            kinds(text),
            [
                "p A long first paragraph that goes on. It has two sentences and is long enough to be a paragraph on its own line.",
                "h2 Arrests and Police Response",
                "p It was verified by officers that arrests were made.",
                "h2 Why Los Angeles? A City on the Front Line",
                "h2 Background: What Is the ‘ICE Out’ Movement?",
                "p Feelings were running high.",
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "This paragraph was wrapped at a short width by an\neditor, so its lines stop in the middle of a\nsentence.\n\nA Heading Here\n\nSecond paragraph, also\nwrapped.\n";
        assert_eq!(
            kinds(text),
            [
                "p This paragraph was wrapped at a short width by an editor, so its lines stop in the middle of a sentence.",
                "h2 A Heading Here",
                "p Second paragraph, also wrapped.",
            ]
        );
    }

    #[test]
    fn sentences_are_not_headings() {
        for line in [
            "Why did this happen?",
            "The end.",
            "In Minneapolis, for illustration, thousands marched in sub-zero temperatures, pressing on.",
            "- a list item",
            "LOS ANGELES —",
            "Note:",
            "Officers from the",
        ] {
            assert!(!is_heading(line, Strictness::Lenient), "{line}");
        }
        for line in [
            "Voices From the Streets",
            "Conclusion: Tension, Change, and What’s Next",
            "Why this matters",
            "2026 in Review",
        ] {
            assert!(is_heading(line, Strictness::Lenient), "{line}");
        }
    }

    #[test]
    fn wrapped_line_that_looks_like_a_title_stays_in_its_paragraph() {
        let text = "Officers from the\nLos Angeles Police Department and the\nsheriff arrived.\n";
        assert_eq!(kinds(text), ["p Officers from the Los Angeles Police Department and the sheriff arrived."]);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            to_html("a < b & c > d, said the \"man\".\n"),
            "<p>a &lt; b &amp; c &gt; d, said the &quot;man&quot;.</p>\n"
        );
        assert_eq!(to_html(""), "");
        assert_eq!(to_html("\n\n  \n"), "");
    }
}

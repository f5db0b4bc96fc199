//! How alike two bodies are as readers read them, for recognising a renamed
//! article by its body (`history::History::inherit_ids`).
//!
//! A body is reduced to its words: HTML tags and entities are skipped (so
//! link targets, which move with the article's URL, do not count), and so is
//! every character that is not a letter or a digit; case is folded. Two
//! bodies have the *same words* when these sequences are equal, and their
//! *similarity* is the Jaccard index of their sets of consecutive word pairs
//! (|A ∩ B| / |A ∪ B|), an exact fraction: a typo fixed in a paragraph or a
//! sentence added leaves it well above one half, a new body leaves it near
//! zero.
//!
//! Invariant: every value here is a pure function of the text, so the same
//! bodies give the same answer on any machine and in any order.

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// An odd constant (2^64 / φ) that spreads the bits of a word pair's hash.
const PAIR_MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// A body reduced to what `similarity` compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BodyText {
    /// A hash of the word sequence, or of the text itself when it has no
    /// word (an image alone, say): equal for the same words.
    exact: u128,
    /// The hashes of its consecutive word pairs (of its word, if only one),
    /// sorted, without duplicates. Empty when it has no word.
    pairs: Vec<u64>,
}

/// A similarity, kept as the exact fraction `shared / all` so that
/// comparisons never depend on rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Similarity {
    shared: u64,
    all: u64,
}

impl Similarity {
    /// No pair in common (or nothing to compare).
    pub(crate) const NONE: Similarity = Similarity { shared: 0, all: 1 };

    /// At least half of all the word pairs of the two bodies are shared.
    pub(crate) fn at_least_half(self) -> bool {
        self.shared > 0 && 2 * self.shared >= self.all
    }

    /// Whether `self` is a higher similarity than `other`.
    pub(crate) fn above(self, other: Similarity) -> bool {
        u128::from(self.shared) * u128::from(other.all) > u128::from(other.shared) * u128::from(self.all)
    }
}

impl BodyText {
    /// The words of sanitised HTML: the text between the tags.
    pub(crate) fn of_html(html: &str) -> BodyText {
        BodyText::of(html, true)
    }

    /// The words of plain text (a summary), where `<` and `&` are text.
    pub(crate) fn of_plain(text: &str) -> BodyText {
        BodyText::of(text, false)
    }

    fn of(text: &str, html: bool) -> BodyText {
        let mut hashes: Vec<u64> = Vec::new();
        for_each_word(text, html, |word| hashes.push(xxh3_64(word.as_bytes())));
        if hashes.is_empty() {
            let mut hasher = Xxh3::new();
            hasher.update(b"no words\0");
            hasher.update(text.as_bytes());
            return BodyText { exact: hasher.digest128(), pairs: Vec::new() };
        }
        // The sequence of the words' hashes stands for the words.
        let sequence: Vec<u8> = hashes.iter().flat_map(|hash| hash.to_le_bytes()).collect();
        let mut pairs: Vec<u64> = match hashes.as_slice() {
            [only] => vec![*only],
            // Any mix of the two hashes that depends on their order will do.
            _ => hashes.windows(2).map(|pair| (pair[0].rotate_left(31) ^ pair[1]).wrapping_mul(PAIR_MIX)).collect(),
        };
        pairs.sort_unstable();
        pairs.dedup();
        BodyText { exact: xxhash_rust::xxh3::xxh3_128(&sequence), pairs }
    }

    /// A key equal for bodies with the same words in the same order (or,
    /// without words, for the same text).
    pub(crate) fn key(&self) -> u128 {
        self.exact
    }

    /// How many distinct word pairs it has.
    pub(crate) fn len(&self) -> usize {
        self.pairs.len()
    }

    /// The Jaccard index of the two sets of word pairs; `NONE` when either
    /// body has no word.
    pub(crate) fn similarity(&self, other: &BodyText) -> Similarity {
        if self.pairs.is_empty() || other.pairs.is_empty() {
            return Similarity::NONE;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0u64);
        while let (Some(a), Some(b)) = (self.pairs.get(i), other.pairs.get(j)) {
            match a.cmp(b) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let all = (self.pairs.len() + other.pairs.len()) as u64 - shared;
        Similarity { shared, all }
    }
}

/// Calls `visit` with each word of `text`, lower case: runs of letters and
/// digits. In HTML, tags (`<…>`) and character references (`&amp;`,
/// `&#39;`) separate words and are not read.
fn for_each_word(text: &str, html: bool, mut visit: impl FnMut(&str)) {
    let mut word = String::new();
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if !c.is_ascii() && c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            visit(&word);
            word.clear();
        }
        if html && c == '<' {
            // Skip to the end of the tag (or of the text).
            for (_, c) in chars.by_ref() {
                if c == '>' {
                    break;
                }
            }
        } else if html && c == '&' {
            // A reference's name is short: look no further than 32 bytes.
            let rest = text.as_bytes().get(at + 1..).unwrap_or_default();
            let name = rest.iter().take(32).take_while(|b| b.is_ascii_alphanumeric() || **b == b'#').count();
            if name > 0 && rest.get(name) == Some(&b';') {
                // The reference and its `;` (all ASCII: one char per byte).
                for _ in 0..=name {
                    chars.next();
                }
            }
        }
    }
    if !word.is_empty() {
        visit(&word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "<p>Rust 1.0 came out in May 2015. The compiler had been self-hosting for years, \
        and the standard library was finally stable.</p>\n<p>Since then a new release ships every six weeks, \
        and editions gather the changes that would break old code.</p>";

    fn similarity(a: &str, b: &str) -> Similarity {
        BodyText::of_html(a).similarity(&BodyText::of_html(b))
    }

    fn words(text: &str, html: bool) -> Vec<String> {
        let mut words = Vec::new();
        for_each_word(text, html, |word| words.push(word.to_owned()));
        words
    }

    #[test]
    fn words_skip_tags_and_references() {
        assert_eq!(words("<p>Don&#39;t <a href=\"x/y\">STOP</a>&amp;go</p>", true), ["don", "t", "stop", "go"]);
        assert_eq!(words("a<b & c;d", false), ["a", "b", "c", "d"]);
        assert_eq!(words("Ünïcödé ÉTÉ 2026", true), ["ünïcödé", "été", "2026"]);
        assert_eq!(words("<p>unclosed <a href", true), ["unclosed"]);
        assert_eq!(words("AT&T &", true), ["at", "t"]);
        assert!(words("", true).is_empty());
    }

    #[test]
    fn links_and_markup_do_not_count() {
        let here = BodyText::of_html("<p>See <a href=\"https://e.com/old/img.png\">the <em>picture</em></a>.</p>");
        let moved = BodyText::of_html("<p>See <a href=\"https://e.com/new/img.png\">the picture</a>.</p>");
        assert_eq!(here.key(), moved.key());
        assert_eq!(here.similarity(&moved), Similarity { shared: 2, all: 2 });
        assert_eq!(BodyText::of_plain("See the picture.").key(), here.key());
    }

    /// (edited body, at least half alike): small edits stay above one half,
    /// new bodies fall far below it.
    #[test]
    fn small_edits_are_similar_and_new_bodies_are_not() {
        let table = [
            (BODY.replace("finally stable", "finaly stable"), true),
            (BODY.replace("</p>\n<p>Since", " It was a big day.</p>\n<p>Since"), true),
            (BODY.replace("six weeks", "six weeks, like clockwork"), true),
            ("<p>Something else entirely: a recipe for bread, with flour, water and salt.</p>".to_owned(), false),
            (
                "<p>Rust 2.0 will not come out in May: the compiler and the standard library stay stable.</p>"
                    .to_owned(),
                false,
            ),
            (String::new(), false),
        ];
        for (edited, alike) in table {
            let sim = similarity(BODY, &edited);
            assert_eq!(sim.at_least_half(), alike, "{edited}: {sim:?}");
        }
        // Identical words are alike as much as can be, however many.
        let (all, one) = (similarity(BODY, BODY), similarity("x y", "<i>X</i> Y"));
        assert!(!all.above(one) && !one.above(all) && one == Similarity { shared: 1, all: 1 });
    }

    #[test]
    fn similarities_order_exactly() {
        let half = Similarity { shared: 1, all: 2 };
        let third = Similarity { shared: 1, all: 3 };
        assert!(half.above(third) && !third.above(half) && !half.above(Similarity { shared: 2, all: 4 }));
        assert!(half.at_least_half() && !third.at_least_half() && !Similarity::NONE.at_least_half());
    }

    #[test]
    fn bodies_without_words_match_only_themselves() {
        let image = BodyText::of_html("<p><img src=\"https://e.com/a.png\"></p>");
        assert_eq!(image.key(), BodyText::of_html("<p><img src=\"https://e.com/a.png\"></p>").key());
        assert_ne!(image.key(), BodyText::of_html("<p><img src=\"https://e.com/b.png\"></p>").key());
        assert_eq!(image.similarity(&image), Similarity::NONE);
        assert_eq!(BodyText::of_html("word").similarity(&BodyText::of_html("Word!")), Similarity { shared: 1, all: 1 });
    }
}

//! Which article an old feed's entry is: by its URL first, then by its
//! title and publication day. Only an unambiguous match counts.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use url::Url;

use super::old_feed::OldEntry;

/// How an entry was matched to its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    Url,
    TitleAndDate,
}

impl How {
    pub(super) fn name(self) -> &'static str {
        match self {
            How::Url => "url",
            How::TitleAndDate => "title+date",
        }
    }
}

/// The article of an entry, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Found {
    Article(usize, How),
    /// Several articles are it: none is taken.
    Ambiguous(String),
    None(String),
}

/// What matching needs of an article.
pub(super) struct Candidate<'a> {
    pub(super) url: &'a Url,
    pub(super) title: &'a str,
    pub(super) published: DateTime<FixedOffset>,
}

/// The article (an index into `articles`) of each entry, in order. `base`
/// resolves relative links (old feeds have them).
pub(super) fn match_entries(entries: &[OldEntry], articles: &[Candidate<'_>], base: &Url) -> Vec<Found> {
    let mut by_url: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        by_url.entry(url_key(article.url)).or_default().push(index);
    }
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        by_title.entry(title_key(article.title)).or_default().push(index);
    }
    // URLs first, for every entry: an article matched by its URL is not a
    // candidate for another entry's title.
    let mut found: Vec<Option<Found>> = entries
        .iter()
        .map(|entry| {
            let key = link_of(entry).and_then(|link| base.join(link).ok()).map(|url| url_key(&url))?;
            match by_url.get(&key).map(Vec::as_slice) {
                Some([one]) => Some(Found::Article(*one, How::Url)),
                Some(many) if many.len() > 1 => Some(Found::Ambiguous(format!("{} articles have its URL", many.len()))),
                _ => None,
            }
        })
        .collect();
    let taken: std::collections::HashSet<usize> =
        found.iter().flatten().filter_map(|f| if let Found::Article(i, _) = f { Some(*i) } else { None }).collect();
    for (entry, slot) in entries.iter().zip(&mut found) {
        if slot.is_none() {
            *slot = Some(by_title_and_date(entry, articles, &by_title, &taken));
        }
    }
    found.into_iter().map(|f| f.unwrap_or_else(|| Found::None(String::new()))).collect()
}

/// The entry's page: its link, else its id when that is a web address
/// (jekyll-feed and Eleventy ids are the post's URL).
fn link_of(entry: &OldEntry) -> Option<&str> {
    entry.link.as_deref().or_else(|| {
        let id = entry.id.as_str();
        (id.starts_with("http://") || id.starts_with("https://")).then_some(id)
    })
}

fn by_title_and_date(
    entry: &OldEntry,
    articles: &[Candidate<'_>],
    by_title: &HashMap<String, Vec<usize>>,
    taken: &std::collections::HashSet<usize>,
) -> Found {
    let no_url = match link_of(entry) {
        Some(link) => format!("no article has its URL `{link}`"),
        None => "it has no link".to_owned(),
    };
    let Some(title) = entry.title.as_deref().map(title_key).filter(|t| !t.is_empty()) else {
        return Found::None(format!("{no_url}, and it has no title"));
    };
    let same_title: Vec<usize> =
        by_title.get(&title).map(|v| v.iter().copied().filter(|i| !taken.contains(i)).collect()).unwrap_or_default();
    if same_title.is_empty() {
        return Found::None(format!("{no_url}, and no article has its title"));
    }
    let Some(date) = entry.date else {
        return Found::None(format!("{no_url}, and it has no date to confirm its title by"));
    };
    let day = date.date_naive();
    let near: Vec<usize> =
        same_title.into_iter().filter(|&i| (articles[i].published.date_naive() - day).num_days().abs() <= 1).collect();
    match near.as_slice() {
        [one] => Found::Article(*one, How::TitleAndDate),
        [] => Found::None(format!("{no_url}; an article has its title but another date (more than a day apart)")),
        many => Found::Ambiguous(format!("{no_url}; {} articles have its title and date", many.len())),
    }
}

/// A URL as compared: `http` and `https` alike, host in lower case,
/// percent-escapes decoded, no `index.html` and no trailing slash, no
/// fragment.
pub(super) fn url_key(url: &Url) -> String {
    let scheme = match url.scheme() {
        "http" | "https" => "https",
        other => other,
    };
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let mut path = percent_decode(url.path());
    for index in ["index.html", "index.htm"] {
        if path.ends_with(&format!("/{index}")) {
            path.truncate(path.len() - index.len());
        }
    }
    let path = path.trim_end_matches('/');
    let query = url.query().map(|q| format!("?{}", percent_decode(q))).unwrap_or_default();
    format!("{scheme}://{host}{port}{path}{query}")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (bytes.get(i + 1).and_then(|&b| hex(b)), bytes.get(i + 2).and_then(|&b| hex(b)))
        {
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A title as compared: entities decoded, tags dropped, typographic quotes,
/// dashes and ellipses as their ASCII forms (Jekyll's `smartify` makes
/// them), white space collapsed, lower case.
pub(super) fn title_key(title: &str) -> String {
    let decoded = decode_entities(title);
    let mut plain = String::with_capacity(decoded.len());
    let mut in_tag = false;
    for c in decoded.chars() {
        match c {
            '<' if decoded.contains('>') => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' | '`' => plain.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => plain.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2212}' => plain.push('-'),
            '\u{2026}' => plain.push_str("..."),
            c => plain.extend(c.to_lowercase()),
        }
    }
    let mut key = crate::text::collapse_whitespace(&plain);
    while key.contains("--") {
        key = key.replace("--", "-");
    }
    key
}

/// HTML entities: the named ones titles hold, and numeric ones.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                "lsquo" => '\u{2018}',
                "rsquo" => '\u{2019}',
                "ldquo" => '\u{201c}',
                "rdquo" => '\u{201d}',
                "ndash" => '\u{2013}',
                "mdash" => '\u{2014}',
                "hellip" => '\u{2026}',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn urls_compare_without_scheme_slash_index_escapes_or_host_case() {
        let key = url_key(&url("https://example.com/2023/caf%C3%A9/"));
        for same in [
            "http://example.com/2023/café",
            "https://EXAMPLE.com/2023/caf%c3%a9/index.html",
            "https://example.com/2023/caf%C3%A9/index.htm#top",
            "https://example.com:443/2023/café/",
        ] {
            assert_eq!(url_key(&url(same)), key, "{same}");
        }
        assert_ne!(url_key(&url("https://example.com/2023/cafe/")), key);
        assert_ne!(url_key(&url("https://example.org/2023/café/")), key);
    }

    #[test]
    fn titles_compare_without_entities_typography_or_case() {
        assert_eq!(
            title_key("Tom &amp; Jerry’s  “Day” &#8211; Part 1…"),
            title_key("tom & jerry's \"day\" - part 1...")
        );
        assert_eq!(title_key("<em>Bold</em> move"), "bold move");
        assert_eq!(title_key("a < b"), "a < b");
        assert_eq!(title_key("R&D &bogus; &#xZZ;"), "r&d &bogus; &#xzz;");
    }

    fn entry(link: Option<&str>, title: &str, date: &str) -> OldEntry {
        OldEntry {
            id: link.unwrap_or("urn:x:1").to_owned(),
            link: link.map(str::to_owned),
            title: Some(title.to_owned()),
            date: DateTime::parse_from_rfc3339(date).ok(),
            ..OldEntry::default()
        }
    }

    #[test]
    fn url_first_then_title_and_day() {
        let urls = [url("https://e.com/a/"), url("https://e.com/b/"), url("https://e.com/c/"), url("https://e.com/d/")];
        let date = |d: &str| DateTime::parse_from_rfc3339(d).unwrap();
        let articles = [
            Candidate { url: &urls[0], title: "Alpha", published: date("2023-01-10T10:00:00+00:00") },
            Candidate { url: &urls[1], title: "Beta", published: date("2023-01-10T10:00:00+00:00") },
            Candidate { url: &urls[2], title: "Twin", published: date("2023-02-01T10:00:00+00:00") },
            Candidate { url: &urls[3], title: "Twin", published: date("2023-02-02T10:00:00+00:00") },
        ];
        let base = url("https://e.com/");
        let entries = [
            entry(Some("http://e.com/a/index.html"), "Other title", "2020-01-01T00:00:00Z"),
            entry(Some("/old/beta.html"), "BETA", "2023-01-11T02:00:00+09:00"),
            entry(Some("https://e.com/old/twin"), "Twin", "2023-02-01T12:00:00Z"),
            entry(None, "Beta", "2023-01-20T00:00:00Z"),
            entry(None, "Gamma", "2023-01-20T00:00:00Z"),
            // Alpha is taken by its URL: its title matches no other.
            entry(Some("https://e.com/x/"), "Alpha", "2023-01-10T10:00:00Z"),
        ];
        let found = match_entries(&entries, &articles, &base);
        assert_eq!(found[0], Found::Article(0, How::Url));
        assert_eq!(found[1], Found::Article(1, How::TitleAndDate));
        assert!(matches!(&found[2], Found::Ambiguous(why) if why.contains("2 articles have its title and date")));
        assert!(matches!(&found[3], Found::None(why) if why.contains("another date")), "{:?}", found[3]);
        assert_eq!(found[4], Found::None("it has no link, and no article has its title".into()));
        assert!(
            matches!(&found[5], Found::None(why) if why.ends_with("and no article has its title")),
            "{:?}",
            found[5]
        );
    }
}

//! `Listed`: one feed document a build writes, as the manifest
//! (`feeds.opml`) and the index page (`index.html`) list it.

use super::Format;

/// One feed document a build writes, as feeds.opml and index.html list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Listed {
    /// "Example News" for the main feeds, "Example News — tag: protests" for the others.
    pub(crate) title: String,
    pub(crate) format: Format,
    /// Where the file is served (absolute): the OPML `xmlUrl`.
    pub(crate) url: url::Url,
    /// The page the feed is about (the site, or the tag's page if known): `htmlUrl`.
    pub(crate) html_url: url::Url,
    /// The file, relative to the output folder, `/`-separated: "atom.xml", "tags/protests/rss.xml", "archive/3/atom.xml".
    pub(crate) path: String,
    pub(crate) kind: Kind,
}

/// What a feed document holds: the site's newest entries, those of one tag,
/// author or category, or one page of the RFC 5005 archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Main,
    Tag(String),
    Author(String),
    Category(String),
    Archive(usize),
}

/// The groups of a listing, in the order people look for them: the main
/// feeds first, the archive (rarely subscribed to) last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Group {
    Main,
    Tags,
    Authors,
    Categories,
    Archives,
}

impl Group {
    /// The heading of the group, in OPML and on the index page.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Group::Main => "Main feeds",
            Group::Tags => "By tag",
            Group::Authors => "By author",
            Group::Categories => "By category",
            Group::Archives => "Archives",
        }
    }
}

impl Kind {
    pub(crate) fn group(&self) -> Group {
        match self {
            Kind::Main => Group::Main,
            Kind::Tag(_) => Group::Tags,
            Kind::Author(_) => Group::Authors,
            Kind::Category(_) => Group::Categories,
            Kind::Archive(_) => Group::Archives,
        }
    }

    /// The name within the group ("protests", "Ann", "page 3"); `None` for
    /// the main feeds.
    pub(crate) fn name(&self) -> Option<String> {
        match self {
            Kind::Main => None,
            Kind::Tag(name) | Kind::Author(name) | Kind::Category(name) => Some(name.clone()),
            Kind::Archive(page) => Some(format!("page {page}")),
        }
    }

    /// The title of a feed of this kind on the site titled `site_title`:
    /// "Example News" for the main feeds, "Example News — tag: protests",
    /// "— author: Ann", "— category: World", "— archive 3" for the others.
    pub(crate) fn title(&self, site_title: &str) -> String {
        match self {
            Kind::Main => site_title.to_owned(),
            Kind::Tag(name) => format!("{site_title} — tag: {name}"),
            Kind::Author(name) => format!("{site_title} — author: {name}"),
            Kind::Category(name) => format!("{site_title} — category: {name}"),
            Kind::Archive(page) => format!("{site_title} — archive {page}"),
        }
    }

    /// Orders feeds within a group: names case-insensitively (then as
    /// written, so the order is total), archive pages by number.
    fn sort_key(&self) -> (Group, usize, String, String) {
        match self {
            Kind::Archive(page) => (Group::Archives, *page, String::new(), String::new()),
            other => {
                let name = other.name().unwrap_or_default();
                (other.group(), 0, name.to_lowercase(), name)
            }
        }
    }
}

impl Format {
    /// The format's name for people ("RSS 2.0").
    pub(crate) fn label(self) -> &'static str {
        match self {
            Format::Rss => "RSS 2.0",
            Format::Atom => "Atom 1.0",
            Format::Json => "JSON Feed 1.1",
        }
    }
}

/// The feeds of one site, tag, author or archive page (named, except the
/// site's), one per format.
pub(crate) type Named<'a> = (Option<String>, Vec<&'a Listed>);

/// The feeds in listing order, grouped: each group (`Group`), then each
/// feed of a group (a tag, an author, an archive page) with its formats in
/// the configured order. The order does not depend on the order given, so
/// the documents listing them are the same bytes for the same feeds.
pub(crate) fn grouped(feeds: &[Listed]) -> Vec<(Group, Vec<Named<'_>>)> {
    let mut sorted: Vec<&Listed> = feeds.iter().collect();
    sorted.sort_by(|a, b| {
        (a.kind.sort_key(), a.format, &a.path, &a.title).cmp(&(b.kind.sort_key(), b.format, &b.path, &b.title))
    });
    let mut groups: Vec<(Group, Vec<Named<'_>>)> = Vec::new();
    for feed in sorted {
        let group = feed.kind.group();
        if groups.last().is_none_or(|(g, _)| *g != group) {
            groups.push((group, Vec::new()));
        }
        let Some((_, members)) = groups.last_mut() else { continue };
        let name = feed.kind.name();
        match members.last_mut() {
            Some((last, formats)) if *last == name => formats.push(feed),
            _ => members.push((name, vec![feed])),
        }
    }
    groups
}

#[cfg(test)]
pub(crate) mod tests {
    use url::Url;

    use super::*;

    pub(crate) fn listed(kind: Kind, format: Format, title: &str) -> Listed {
        let dir = match &kind {
            Kind::Main => String::new(),
            Kind::Tag(t) => format!("tags/{t}/"),
            Kind::Author(a) => format!("authors/{a}/"),
            Kind::Category(c) => format!("categories/{c}/"),
            Kind::Archive(n) => format!("archive/{n}/"),
        };
        let path = format!("{dir}{}", format.file_name());
        Listed {
            title: title.into(),
            format,
            url: Url::parse("https://example.com/feeds/").unwrap().join(&path).unwrap(),
            html_url: Url::parse("https://example.com/").unwrap(),
            path,
            kind,
        }
    }

    #[test]
    fn titles_name_the_kind() {
        assert_eq!(Kind::Main.title("N"), "N");
        assert_eq!(Kind::Tag("protests".into()).title("Example News"), "Example News — tag: protests");
        assert_eq!(Kind::Author("Ann".into()).title("N"), "N — author: Ann");
        assert_eq!(Kind::Category("World".into()).title("N"), "N — category: World");
        assert_eq!(Kind::Archive(3).title("N"), "N — archive 3");
    }

    #[test]
    fn groups_in_a_fixed_order_whatever_the_order_given() {
        let feeds = vec![
            listed(Kind::Archive(10), Format::Atom, "A"),
            listed(Kind::Tag("b".into()), Format::Rss, "T"),
            listed(Kind::Archive(2), Format::Atom, "A"),
            listed(Kind::Main, Format::Json, "M"),
            listed(Kind::Tag("B".into()), Format::Rss, "T"),
            listed(Kind::Main, Format::Rss, "M"),
            listed(Kind::Tag("a".into()), Format::Atom, "T"),
            listed(Kind::Tag("a".into()), Format::Rss, "T"),
        ];
        let mut reversed = feeds.clone();
        reversed.reverse();
        let shape = |feeds: &[Listed]| {
            grouped(feeds)
                .into_iter()
                .map(|(g, members)| {
                    let members: Vec<(Option<String>, Vec<&'static str>)> = members
                        .into_iter()
                        .map(|(name, fs)| (name, fs.iter().map(|f| f.format.name()).collect()))
                        .collect();
                    (g, members)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&feeds), shape(&reversed));
        let got = shape(&feeds);
        assert_eq!(got.iter().map(|(g, _)| *g).collect::<Vec<_>>(), [Group::Main, Group::Tags, Group::Archives]);
        assert_eq!(got[0].1, [(None, vec!["rss", "json"])]);
        assert_eq!(
            got[1].1,
            [(Some("a".into()), vec!["rss", "atom"]), (Some("B".into()), vec!["rss"]), (Some("b".into()), vec!["rss"])]
        );
        let pages: Vec<_> = got[2].1.iter().map(|(n, _)| n.clone().unwrap()).collect();
        assert_eq!(pages, ["page 2", "page 10"]);
    }
}

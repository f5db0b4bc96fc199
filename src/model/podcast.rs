//! What a feed says about itself besides its title: the site's icon and
//! logo, and, when `[podcast]` is configured, the show (owner, artwork,
//! categories, …) that Apple Podcasts and the Podcasting 2.0 namespace
//! read (PSP-1). Resolved by `config`, written by `format::media`.

use url::Url;

/// The site's images and podcast, as every feed of the site carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SiteMedia {
    /// A small square image (Atom `icon`, JSON Feed `favicon`).
    pub(crate) icon: Option<Url>,
    /// A larger image (RSS `image`, Atom `logo`, JSON Feed `icon`).
    pub(crate) logo: Option<Url>,
    pub(crate) podcast: Option<Podcast>,
}

/// `[podcast]`: the show's values, all checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Podcast {
    /// `itunes:author`: `[podcast] author`, else the site author's name,
    /// else the site title.
    pub(crate) author: String,
    /// `itunes:owner` (Apple's contact for the show) and the owner of
    /// `podcast:locked`.
    pub(crate) owner_name: String,
    pub(crate) owner_email: String,
    /// `itunes:image`: square artwork, 1400–3000 px, JPEG or PNG.
    pub(crate) image: Url,
    /// Apple's categories, each with its subcategories.
    pub(crate) categories: Vec<(String, Vec<String>)>,
    pub(crate) explicit: bool,
    /// `episodic` or `serial`.
    pub(crate) kind: String,
    /// `podcast:locked`: other platforms may not import the feed.
    pub(crate) locked: bool,
    /// `podcast:guid` when given (a show that moved keeps its first one);
    /// else made from the feed's URL (`guid_for`).
    pub(crate) guid: Option<String>,
}

/// Apple Podcasts' categories and their subcategories (as the W3C Feed
/// Validation Service checks `itunes:category`).
pub(crate) const APPLE_CATEGORIES: &[(&str, &[&str])] = &[
    ("Arts", &["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"]),
    ("Business", &["Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"]),
    ("Comedy", &["Comedy Interviews", "Improv", "Stand-Up"]),
    ("Education", &["Courses", "How To", "Language Learning", "Self-Improvement"]),
    ("Fiction", &["Comedy Fiction", "Drama", "Science Fiction"]),
    ("Government", &[]),
    ("History", &[]),
    ("Health & Fitness", &["Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"]),
    ("Kids & Family", &["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"]),
    (
        "Leisure",
        &["Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"],
    ),
    ("Music", &["Music Commentary", "Music History", "Music Interviews"]),
    (
        "News",
        &[
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ],
    ),
    ("Religion & Spirituality", &["Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Spirituality"]),
    (
        "Science",
        &[
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ],
    ),
    ("Society & Culture", &["Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"]),
    (
        "Sports",
        &[
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ],
    ),
    ("Technology", &[]),
    ("True Crime", &[]),
    ("TV & Film", &["After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"]),
];

/// The namespace PSP-1 gives for `podcast:guid` UUIDs.
const PODCAST_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0xead4c236_bf58_58c6_a2c6_a6b28d128cb6);

/// `podcast:guid` of a feed served at `feed_url`: a UUIDv5 of the URL
/// without its scheme and trailing slashes (PSP-1, Podcasting 2.0 `guid`).
pub(crate) fn guid_for(feed_url: &str) -> String {
    let without_scheme = feed_url.split_once("://").map_or(feed_url, |(_, rest)| rest);
    let seed = without_scheme.trim_end_matches('/');
    uuid::Uuid::new_v5(&PODCAST_NAMESPACE, seed.as_bytes()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_is_the_namespace_s_example() {
        // The Podcasting 2.0 documentation's example: podcastindex.org/namespace/1.0.
        assert_eq!(guid_for("https://mp3s.nashownotes.com/pc20rss.xml"), "917393e3-1b1e-5cef-ace4-edaa54e1f810");
        assert_eq!(guid_for("http://mp3s.nashownotes.com/pc20rss.xml/"), guid_for("mp3s.nashownotes.com/pc20rss.xml"));
    }
}

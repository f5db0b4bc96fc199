//! Media in the three formats: enclosures, the article image as Media RSS,
//! the site's icon and logo, and the podcast tags (Apple's `itunes:`
//! namespace and Podcasting 2.0's `podcast:`, as PSP-1 lists them). The
//! writers call these with one line each; the head of a feed declares the
//! namespaces the whole feed uses (`rss_namespaces`), whichever entries a
//! document holds, so an entry's bytes are the same alone or in the feed.

use std::collections::BTreeMap;

use url::Url;

use crate::model::enclosure::media_type_of;
use crate::model::podcast::{Podcast, guid_for};
use crate::model::{Entry, Feed, FeedMeta};

pub(super) const ITUNES_NAMESPACE: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
pub(super) const PODCAST_NAMESPACE: &str = "https://podcastindex.org/namespace/1.0";
pub(super) const MEDIA_NAMESPACE: &str = "http://search.yahoo.com/mrss/";

type Extension = rss::extension::Extension;

/// An element; one without a value is written with empty text, so that
/// the writer keeps it on one line (`<a href="x"></a>`).
fn element(name: &str, value: Option<String>, attrs: &[(&str, &str)]) -> Extension {
    Extension {
        name: name.into(),
        value: Some(value.unwrap_or_default()),
        attrs: attrs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        children: BTreeMap::new(),
    }
}

/// Adds `elements` to an extension map, by prefix and name, after what
/// it holds (other code may have put extensions there too).
fn add_to(map: &mut rss::extension::ExtensionMap, elements: Vec<Extension>) {
    for el in elements {
        let (prefix, local) = el.name.split_once(':').unwrap_or(("", el.name.as_str()));
        let (prefix, local) = (prefix.to_owned(), local.to_owned());
        map.entry(prefix).or_default().entry(local).or_default().push(el);
    }
}

/// The namespaces an RSS feed's media use, by prefix.
pub(super) fn rss_namespaces(feed: &Feed, images: bool, namespaces: &mut BTreeMap<String, String>) {
    if feed.meta.media.podcast.is_some() {
        namespaces.insert("itunes".into(), ITUNES_NAMESPACE.into());
        namespaces.insert("podcast".into(), PODCAST_NAMESPACE.into());
    }
    if images {
        namespaces.insert("media".into(), MEDIA_NAMESPACE.into());
    }
}

/// The channel's `image` (the site logo) and podcast tags.
pub(super) fn rss_channel(channel: &mut rss::Channel, meta: &FeedMeta, self_url: &Url) {
    // RSS has one image: the logo, else the icon.
    channel.image = meta.media.logo.as_ref().or(meta.media.icon.as_ref()).map(|logo| rss::Image {
        url: logo.to_string(),
        title: channel.title.clone(),
        link: channel.link.clone(),
        ..Default::default()
    });
    if let Some(podcast) = &meta.media.podcast {
        add_to(&mut channel.extensions, podcast_channel(podcast, self_url));
    }
}

fn podcast_channel(podcast: &Podcast, self_url: &Url) -> Vec<Extension> {
    let mut owner = element("itunes:owner", None, &[]);
    // No text in an element with children: the writer indents them then.
    owner.value = None;
    owner.children.insert("itunes:name".into(), vec![element("itunes:name", Some(podcast.owner_name.clone()), &[])]);
    owner.children.insert("itunes:email".into(), vec![element("itunes:email", Some(podcast.owner_email.clone()), &[])]);
    let categories = podcast.categories.iter().map(|(name, subs)| {
        let mut category = element("itunes:category", None, &[("text", name)]);
        let subs: Vec<Extension> = subs.iter().map(|sub| element("itunes:category", None, &[("text", sub)])).collect();
        if !subs.is_empty() {
            category.value = None;
            category.children.insert("itunes:category".into(), subs);
        }
        category
    });
    let guid = podcast.guid.clone().unwrap_or_else(|| guid_for(self_url.as_str()));
    let locked = if podcast.locked { "yes" } else { "no" };
    let mut all = vec![
        element("itunes:author", Some(truncate(&podcast.author, 255)), &[]),
        owner,
        element("itunes:image", None, &[("href", podcast.image.as_str())]),
        element("itunes:explicit", Some(podcast.explicit.to_string()), &[]),
        element("itunes:type", Some(podcast.kind.clone()), &[]),
        element("podcast:locked", Some(locked.into()), &[("owner", &podcast.owner_email)]),
        element("podcast:guid", Some(guid), &[]),
    ];
    all.extend(categories);
    all
}

/// The item's enclosure (RSS 2.0 allows one: the first), its image as
/// Media RSS, and its episode tags when the feed is a podcast.
pub(super) fn rss_item(item: &mut rss::Item, entry: &Entry, podcast: bool) {
    item.enclosure = entry.media.enclosures.first().map(|e| rss::Enclosure {
        url: e.url.to_string(),
        length: e.length.to_string(),
        mime_type: e.mime_type.clone(),
    });
    let mut all = Vec::new();
    if let Some(image) = &entry.image {
        all.extend(media_image(image));
    }
    if podcast {
        all.extend(episode(entry));
    }
    add_to(&mut item.extensions, all);
}

/// `media:content medium="image"` and `media:thumbnail` for an image.
fn media_image(image: &Url) -> [Extension; 2] {
    let mut content = element("media:content", None, &[("url", image.as_str()), ("medium", "image")]);
    if let Some(kind) = media_type_of(image.path()).filter(|t| t.starts_with("image/")) {
        content.attrs.insert("type".into(), kind.into());
    }
    [content, element("media:thumbnail", None, &[("url", image.as_str())])]
}

fn episode(entry: &Entry) -> Vec<Extension> {
    let media = &entry.media;
    // Apple shows `itunes:title`; readers such as feed-rs keep the other
    // episode values only together with it.
    let mut all = vec![element("itunes:title", Some(entry.title.clone()), &[])];
    if let Some(seconds) = media.duration {
        all.push(element("itunes:duration", Some(seconds.to_string()), &[]));
    }
    if let Some(n) = media.episode {
        all.push(element("itunes:episode", Some(n.to_string()), &[]));
    }
    if let Some(n) = media.season {
        all.push(element("itunes:season", Some(n.to_string()), &[]));
    }
    if let Some(kind) = &media.episode_type {
        all.push(element("itunes:episodeType", Some(kind.clone()), &[]));
    }
    if let Some(explicit) = media.explicit {
        all.push(element("itunes:explicit", Some(explicit.to_string()), &[]));
    }
    for t in &media.transcripts {
        all.push(element("podcast:transcript", None, &[("url", t.url.as_str()), ("type", &t.mime_type)]));
    }
    all
}

/// At most `max` characters (Apple's and the W3C's limit for `itunes:author`).
fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The Atom feed's `icon` and `logo`, and the Media RSS namespace.
pub(super) fn atom_feed(document: &mut atom_syndication::Feed, feed: &Feed, images: bool) {
    document.icon = feed.meta.media.icon.as_ref().map(Url::to_string);
    document.logo = feed.meta.media.logo.as_ref().map(Url::to_string);
    if images {
        document.namespaces.insert("media".into(), MEDIA_NAMESPACE.into());
    }
}

/// The Atom entry's enclosures (`link rel="enclosure"`, every one) and image.
pub(super) fn atom_entry(document: &mut atom_syndication::Entry, entry: &Entry) {
    document.links.extend(entry.media.enclosures.iter().map(|e| atom_syndication::Link {
        href: e.url.to_string(),
        rel: "enclosure".into(),
        mime_type: Some(e.mime_type.clone()),
        length: Some(e.length.to_string()),
        ..Default::default()
    }));
    if let Some(image) = &entry.image {
        let map = &mut document.extensions;
        for el in media_image(image) {
            let local = el.name.trim_start_matches("media:").to_owned();
            let el = atom_syndication::extension::Extension {
                name: el.name,
                value: el.value,
                attrs: el.attrs,
                children: BTreeMap::new(),
            };
            map.entry("media".to_owned()).or_default().entry(local).or_default().push(el);
        }
    }
}

/// A JSON Feed attachment (§attachments).
#[derive(Debug, serde::Serialize)]
pub(super) struct Attachment<'a> {
    url: &'a str,
    mime_type: &'a str,
    size_in_bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration_in_seconds: Option<u64>,
}

/// Every enclosure of `entry` as a JSON Feed attachment; the episode's
/// duration goes with each audio or video file.
pub(super) fn attachments(entry: &Entry) -> Vec<Attachment<'_>> {
    entry
        .media
        .enclosures
        .iter()
        .map(|e| Attachment {
            url: e.url.as_str(),
            mime_type: &e.mime_type,
            size_in_bytes: e.length,
            duration_in_seconds: entry
                .media
                .duration
                .filter(|_| e.mime_type.starts_with("audio/") || e.mime_type.starts_with("video/")),
        })
        .collect()
}

/// The first enclosure's URL, as read back from any format.
pub(super) fn first_url<'a>(urls: impl IntoIterator<Item = &'a str>) -> Option<String> {
    urls.into_iter().next().map(str::to_owned)
}

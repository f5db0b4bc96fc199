//! An entry's media: its enclosures (audio, video, documents), and what a
//! podcast episode adds (duration, numbers, transcripts).
//!
//! `resolve` turns the front matter's `enclosure`/`enclosures`, `duration`,
//! `episode`, `season`, `episode-type`, `explicit` and `transcript` into
//! `EntryMedia`. A relative URL resolves against the article's page, a
//! root-relative one against the site, as other links do. When the URL is
//! on the site and names a file found locally (next to the article, in the
//! site folder, or in its `static/` folder, as Hugo serves it), its size
//! and type come from that file, so the author never writes them.

use std::path::{Path, PathBuf};

use url::Url;

use crate::source::front_matter::{At, RawEnclosure, RawMedia};

/// What an entry carries besides its text: enclosures and episode values.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct EntryMedia {
    /// In the order written; RSS carries only the first.
    pub(crate) enclosures: Vec<Enclosure>,
    /// Seconds (`itunes:duration`, JSON Feed `duration_in_seconds`).
    pub(crate) duration: Option<u64>,
    pub(crate) episode: Option<u32>,
    pub(crate) season: Option<u32>,
    /// `full`, `trailer` or `bonus`.
    pub(crate) episode_type: Option<String>,
    pub(crate) explicit: Option<bool>,
    pub(crate) transcripts: Vec<Transcript>,
}

/// A file attached to an entry: RSS `enclosure`, Atom `link rel="enclosure"`,
/// JSON Feed `attachments`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Enclosure {
    pub(crate) url: Url,
    /// A MIME type (`audio/mpeg`).
    pub(crate) mime_type: String,
    /// Bytes; RSS requires it.
    pub(crate) length: u64,
}

/// `podcast:transcript`: a transcript or captions file and its type.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Transcript {
    pub(crate) url: Url,
    pub(crate) mime_type: String,
}

/// One problem with a media value, at its front-matter line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MediaProblem {
    pub(crate) line: usize,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// Where relative media URLs and local files are looked up.
pub(crate) struct Places<'a> {
    /// The article's page (relative URLs resolve against it).
    pub(crate) page: &'a Url,
    /// The site's URL (root-relative URLs resolve against it).
    pub(crate) site: &'a Url,
    /// The site folder (the folder of `feedwright.toml`).
    pub(crate) site_folder: &'a Path,
    /// The article file, relative to the site folder (or absolute).
    pub(crate) article_file: &'a str,
}

/// A local file whose size is an enclosure's `length`: the build cache
/// watches it (`cache::Index`), since a new file changes the feeds.
pub(crate) type Measured = (PathBuf, u64);

/// The media values of an article (and the local files measured for
/// them), or every problem found in them.
pub(crate) fn resolve(raw: &RawMedia, places: &Places<'_>) -> Result<(EntryMedia, Vec<Measured>), Vec<MediaProblem>> {
    let mut problems = Vec::new();
    let mut measured = Vec::new();
    let enclosures =
        raw.enclosures.iter().filter_map(|at| enclosure(at, places, &mut measured, &mut problems)).collect();
    let duration = raw.duration.as_ref().and_then(|At { value, line }| match parse_duration(value) {
        Some(seconds) => Some(seconds),
        None => {
            problems.push(MediaProblem {
                line: *line,
                code: "invalid-duration",
                message: format!("`duration` `{value}` is not a duration"),
                hint: "write seconds (`1801`) or `HH:MM:SS` (`00:30:01`)".into(),
            });
            None
        }
    });
    let episode_type = raw.episode_type.as_ref().and_then(|At { value, line }| {
        let word = value.trim().to_ascii_lowercase();
        if matches!(word.as_str(), "full" | "trailer" | "bonus") {
            Some(word)
        } else {
            problems.push(MediaProblem {
                line: *line,
                code: "invalid-episode-type",
                message: format!("`episode-type` `{value}` is not an episode type"),
                hint: "write `full`, `trailer` or `bonus`".into(),
            });
            None
        }
    });
    let transcripts = raw.transcripts.iter().filter_map(|at| transcript(at, places, &mut problems)).collect();
    let positive = |at: &Option<At<u32>>, key: &str, problems: &mut Vec<MediaProblem>| {
        at.as_ref().and_then(|At { value, line }| {
            if *value == 0 {
                problems.push(MediaProblem {
                    line: *line,
                    code: "invalid-episode-number",
                    message: format!("`{key}` must be a number from 1 up, not 0"),
                    hint: format!("number the first {key} 1"),
                });
                None
            } else {
                Some(*value)
            }
        })
    };
    let episode = positive(&raw.episode, "episode", &mut problems);
    let season = positive(&raw.season, "season", &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let media = EntryMedia {
        enclosures,
        duration,
        episode,
        season,
        episode_type,
        explicit: raw.explicit.as_ref().map(|at| at.value),
        transcripts,
    };
    Ok((media, measured))
}

/// The file formats Apple Podcasts plays, by extension (the W3C Feed
/// Validation Service warns of any other in a podcast: `UnsupportedItunesFormat`).
const PODCAST_FORMATS: &[&str] = &["m4a", "mp3", "mov", "mp4", "m4v", "pdf", "epub"];

/// A warning when the episode's file (the first enclosure, the one RSS
/// carries) is in a format Apple Podcasts does not play.
pub(crate) fn unsupported_by_podcast_apps(media: &EntryMedia, raw: &RawMedia) -> Option<MediaProblem> {
    let first = media.enclosures.first()?;
    let extension = first.url.path().rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if PODCAST_FORMATS.contains(&extension.as_str()) {
        return None;
    }
    Some(MediaProblem {
        line: raw.enclosures.first()?.line,
        code: "unsupported-podcast-format",
        message: format!("Apple Podcasts does not play `{}` files such as `{}`", extension, first.url),
        hint: format!("publish the episode as {} (the first enclosure is the episode)", PODCAST_FORMATS.join(", ")),
    })
}

/// One enclosure: its URL made absolute, its type and length from the
/// front matter or, when missing, from the local file it names.
fn enclosure(
    at: &At<RawEnclosure>,
    places: &Places<'_>,
    measured: &mut Vec<Measured>,
    problems: &mut Vec<MediaProblem>,
) -> Option<Enclosure> {
    let At { value, line } = at;
    let line = *line;
    let url = absolute(&value.url, places).or_else(|| {
        problems.push(MediaProblem {
            line,
            code: "invalid-enclosure",
            message: format!("enclosure `{}` is not an http(s) address", value.url),
            hint: "write it as `https://…`, as a path on the site (`/audio/1.mp3`) or relative to the article".into(),
        });
        None
    })?;
    let local = local_file(&url, &value.url, places);
    let length = value.length.or_else(|| {
        let path = local?;
        let len = std::fs::metadata(&path).ok()?.len();
        measured.push((path, len));
        Some(len)
    });
    let mime_type = value
        .mime_type
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| media_type_of(url.path()).map(str::to_owned));
    let looked = || {
        let mut places_looked = candidates(&url, &value.url, places)
            .iter()
            .map(|p| p.strip_prefix(places.site_folder).unwrap_or(p).display().to_string())
            .collect::<Vec<_>>();
        places_looked.dedup();
        if places_looked.is_empty() {
            String::from("it is not on the site")
        } else {
            format!("looked for {}", places_looked.join(", "))
        }
    };
    match (mime_type, length) {
        (Some(mime_type), Some(length)) if valid_mime(&mime_type) => {
            Some(Enclosure { url, mime_type: mime_type.trim().to_owned(), length })
        }
        (Some(mime_type), Some(_)) => {
            problems.push(MediaProblem {
                line,
                code: "invalid-enclosure",
                message: format!("enclosure `type` `{mime_type}` is not a MIME type"),
                hint: "write a type such as `audio/mpeg`".into(),
            });
            None
        }
        (None, _) => {
            problems.push(MediaProblem {
                line,
                code: "enclosure-type",
                message: format!("enclosure `{}`: its type is not known from its name", value.url),
                hint: "add `type: audio/mpeg` (or the file's MIME type) to the enclosure".into(),
            });
            None
        }
        (Some(_), None) => {
            problems.push(MediaProblem {
                line,
                code: "enclosure-length",
                message: format!("enclosure `{}`: its length is not given and no local file was found ({})", value.url, looked()),
                hint: "add `length:` (the file's size in bytes), or put the file next to the article, in the site folder or in `static/`".into(),
            });
            None
        }
    }
}

fn transcript(
    At { value, line }: &At<RawEnclosure>,
    places: &Places<'_>,
    problems: &mut Vec<MediaProblem>,
) -> Option<Transcript> {
    let Some(url) = absolute(&value.url, places) else {
        problems.push(MediaProblem {
            line: *line,
            code: "invalid-transcript",
            message: format!("transcript `{}` is not an http(s) address", value.url),
            hint: "write it as `https://…` or as a path on the site".into(),
        });
        return None;
    };
    match value.mime_type.clone().or_else(|| media_type_of(url.path()).map(str::to_owned)) {
        Some(mime_type) if valid_mime(&mime_type) => Some(Transcript { url, mime_type }),
        _ => {
            problems.push(MediaProblem {
                line: *line,
                code: "invalid-transcript",
                message: format!("transcript `{}`: its type is not known", value.url),
                hint: "add `type:` (`text/vtt`, `application/x-subrip`, `text/html`, `text/plain`, `application/json`)"
                    .into(),
            });
            None
        }
    }
}

/// `written` as an absolute http(s) URL: relative to the article's page,
/// or to the site for a root-relative path (`/audio/1.mp3` under a site at
/// `https://e.com/blog/` is `https://e.com/blog/audio/1.mp3`, as Hugo's
/// `absURL` makes it).
fn absolute(written: &str, places: &Places<'_>) -> Option<Url> {
    let written = written.trim();
    let resolved = match written.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => places.site.join(&format!("./{rest}")),
        _ => places.page.join(written),
    };
    resolved.ok().filter(|url| matches!(url.scheme(), "http" | "https")).map(super::canonical_url)
}

/// The local file an enclosure's URL names, if any (see `candidates`).
fn local_file(url: &Url, written: &str, places: &Places<'_>) -> Option<PathBuf> {
    candidates(url, written, places).into_iter().find(|path| path.is_file())
}

/// Where the file of an enclosure at `url` (written `written`) may be, in
/// the order looked: next to the article, for a relative path (a page
/// bundle's file); then, by its path on the site, in the site folder and in
/// its `static/` folder (what Hugo serves as it is). Nothing for a URL off
/// the site; a path that climbs (`..`) is not looked for next to the article.
fn candidates(url: &Url, written: &str, places: &Places<'_>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let written = written.trim();
    let relative = !written.starts_with('/') && Url::parse(written).is_err();
    let written_path = percent_decode(written.split(['?', '#']).next().unwrap_or_default());
    if relative && !written_path.is_empty() && !written_path.split('/').any(|seg| seg == "..") {
        let article = places.site_folder.join(places.article_file);
        if let Some(folder) = article.parent() {
            found.push(folder.join(&written_path));
        }
    }
    let on_site = url
        .as_str()
        .strip_prefix(places.site.as_str())
        .map(|rest| percent_decode(rest.split(['?', '#']).next().unwrap_or_default()));
    if let Some(path) = on_site.filter(|p| !p.is_empty() && !p.split('/').any(|seg| seg == "..")) {
        found.push(places.site_folder.join(&path));
        found.push(places.site_folder.join("static").join(&path));
    }
    found
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `type/subtype`, as validators accept it.
fn valid_mime(text: &str) -> bool {
    let token = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c));
    text.trim().split_once('/').is_some_and(|(a, b)| token(a) && token(b.split(';').next().unwrap_or("").trim()))
}

/// The media type of a file name's extension, for the kinds of file feeds
/// attach: audio, video, documents, images, transcripts.
pub(crate) fn media_type_of(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next()?;
    let (_, extension) = name.rsplit_once('.')?;
    Some(match extension.to_ascii_lowercase().as_str() {
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "aac" => "audio/aac",
        "ogg" | "oga" => "audio/ogg",
        "opus" => "audio/opus",
        "wav" => "audio/wav",
        "flac" => "audio/flac",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "webm" => "video/webm",
        "ogv" => "video/ogg",
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "vtt" => "text/vtt",
        "srt" => "application/x-subrip",
        "html" | "htm" => "text/html",
        "txt" => "text/plain",
        "json" => "application/json",
        _ => return None,
    })
}

/// Seconds from `1801`, `30:01` or `00:30:01` (Apple's forms).
pub(crate) fn parse_duration(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let numbers: Vec<u64> = parts.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
    if numbers.len() > 1 && numbers[1..].iter().any(|&n| n >= 60) {
        return None;
    }
    numbers.iter().try_fold(0u64, |total, &n| total.checked_mul(60)?.checked_add(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1801"), Some(1801));
        assert_eq!(parse_duration("30:01"), Some(1801));
        assert_eq!(parse_duration("00:30:01"), Some(1801));
        assert_eq!(parse_duration("1:02:03"), Some(3723));
        for bad in ["", "a", "1:60", "1:2:3:4", "-1", "1.5", ":30"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn types_from_names() {
        assert_eq!(media_type_of("/a/b.MP3"), Some("audio/mpeg"));
        assert_eq!(media_type_of("x.ogg"), Some("audio/ogg"));
        assert_eq!(media_type_of("x.webp"), Some("image/webp"));
        assert_eq!(media_type_of("x"), None);
        assert_eq!(media_type_of("x.unknown"), None);
        assert!(valid_mime("audio/mpeg") && !valid_mime("audio") && !valid_mime("a b/c"));
    }

    fn raw(url: &str, mime_type: Option<&str>, length: Option<u64>) -> RawMedia {
        let value = RawEnclosure { url: url.into(), mime_type: mime_type.map(str::to_owned), length };
        RawMedia { enclosures: vec![At { value, line: 3 }], ..Default::default() }
    }

    #[test]
    fn urls_are_made_absolute_and_local_files_measured() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("articles/ep")).unwrap();
        std::fs::create_dir_all(dir.path().join("static/audio")).unwrap();
        std::fs::write(dir.path().join("articles/ep/one.mp3"), [0u8; 10]).unwrap();
        std::fs::write(dir.path().join("static/audio/two.ogg"), [0u8; 20]).unwrap();
        let page = Url::parse("https://e.com/blog/2026/ep/").unwrap();
        let site = Url::parse("https://e.com/blog/").unwrap();
        let places = Places { page: &page, site: &site, site_folder: dir.path(), article_file: "articles/ep/index.md" };
        let (one, measured) = resolve(&raw("one.mp3", None, None), &places).unwrap();
        assert_eq!(measured, [(dir.path().join("articles/ep/one.mp3"), 10)]);
        assert_eq!(
            one.enclosures,
            [Enclosure {
                url: Url::parse("https://e.com/blog/2026/ep/one.mp3").unwrap(),
                mime_type: "audio/mpeg".into(),
                length: 10
            }]
        );
        let (two, _) = resolve(&raw("/audio/two.ogg", None, None), &places).unwrap();
        assert_eq!(two.enclosures[0].url.as_str(), "https://e.com/blog/audio/two.ogg");
        assert_eq!((two.enclosures[0].length, two.enclosures[0].mime_type.as_str()), (20, "audio/ogg"));
        let (given, measured) =
            resolve(&raw("https://cdn.example/x.bin", Some("audio/mpeg"), Some(5)), &places).unwrap();
        assert!(measured.is_empty());
        assert_eq!(given.enclosures[0].length, 5);
        let missing = resolve(&raw("/audio/none.mp3", None, None), &places).unwrap_err();
        assert_eq!((missing[0].line, missing[0].code), (3, "enclosure-length"));
        assert!(missing[0].message.contains("static/audio/none.mp3"), "{}", missing[0].message);
        // A relative path names the file next to the article, not one of
        // the same name at the top of the site (served at another URL).
        std::fs::write(dir.path().join("three.mp3"), [0u8; 3]).unwrap();
        let elsewhere = resolve(&raw("three.mp3", None, None), &places).unwrap_err();
        assert!(
            elsewhere[0]
                .message
                .contains("looked for articles/ep/three.mp3, 2026/ep/three.mp3, static/2026/ep/three.mp3"),
            "{}",
            elsewhere[0].message
        );
        let untyped = resolve(&raw("https://cdn.example/x", None, Some(5)), &places).unwrap_err();
        assert_eq!(untyped[0].code, "enclosure-type");
        let climbing = resolve(&raw("../../../etc/passwd.mp3", None, None), &places).unwrap_err();
        assert_eq!(climbing[0].code, "enclosure-length");
        assert!(resolve(&raw("javascript:x", Some("a/b"), Some(1)), &places).is_err());
    }
}

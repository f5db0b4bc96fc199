//! Which file a request path names, and what media type it is served as.
//!
//! Only files inside the output folder are ever served: the path is
//! decoded once, any `.`/`..`/hidden segment or encoded slash refuses it,
//! and the file's canonical path (symlinks resolved) must still be under
//! the folder's canonical path.

use std::path::{Path, PathBuf};

/// The file `raw_path` (the request's path, still percent-encoded) names
/// inside `root` (canonical), or `None` when there is none or it may not
/// be served. A folder serves its `index.html`; there is no listing.
pub(crate) fn resolve(root: &Path, raw_path: &str) -> Option<PathBuf> {
    let rest = raw_path.strip_prefix('/')?;
    // An encoded `/` or `\` would let one segment act as two after decoding.
    let lowered = rest.to_ascii_lowercase();
    if lowered.contains("%2f") || lowered.contains("%5c") {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8().ok()?;
    let mut path = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        // Hidden files are the build's (`.feedwright.lock`, temporary files).
        if segment.starts_with('.') || segment.contains(['\\', '\0', ':']) {
            return None;
        }
        path.push(segment);
    }
    if path.is_dir() {
        path.push("index.html");
    }
    let real = path.canonicalize().ok()?;
    (real.starts_with(root) && real.is_file()).then_some(real)
}

/// The `Content-Type` of a served file. XML and JSON are told apart by
/// what they hold (a feed's file name is the site's choice); `as_xml`
/// (`?as=xml`) serves feeds and OPML as `text/xml`, which browsers show
/// instead of downloading.
pub(crate) fn media_type(path: &Path, bytes: &[u8], as_xml: bool) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let head = &bytes[..bytes.len().min(2048)];
    let holds = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    match extension.as_str() {
        "xml" | "opml" | "xsl" if as_xml => "text/xml; charset=utf-8",
        "xml" if holds(b"<rss") => "application/rss+xml; charset=utf-8",
        "xml" if holds(b"<feed") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "opml" => "text/x-opml; charset=utf-8",
        "xsl" | "xslt" => "application/xslt+xml; charset=utf-8",
        "json" if holds(b"jsonfeed.org/version") => "application/feed+json; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// Whether the type is text, worth compressing.
pub(crate) fn compressible(media_type: &str) -> bool {
    media_type.starts_with("text/")
        || media_type.starts_with("application/") && (media_type.contains("xml") || media_type.contains("json"))
        || media_type.starts_with("image/svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("feeds");
        std::fs::create_dir_all(root.join("tags/rust")).unwrap();
        std::fs::write(root.join("rss.xml"), "<rss/>").unwrap();
        std::fs::write(root.join("index.html"), "<html>").unwrap();
        std::fs::write(root.join("tags/rust/atom.xml"), "<feed/>").unwrap();
        std::fs::write(root.join(".feedwright.lock"), "").unwrap();
        std::fs::write(dir.path().join("feedwright.toml"), "secret").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    #[test]
    fn serves_files_inside_and_index_for_folders() {
        let (_dir, root) = site();
        assert_eq!(resolve(&root, "/rss.xml"), Some(root.join("rss.xml")));
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/tags/rust/atom.xml"), Some(root.join("tags/rust/atom.xml")));
        assert_eq!(resolve(&root, "/tags/%72ust/atom.xml"), Some(root.join("tags/rust/atom.xml")));
        // No listing of a folder without an index.
        assert_eq!(resolve(&root, "/tags/"), None);
        assert_eq!(resolve(&root, "/missing.xml"), None);
    }

    #[test]
    fn refuses_every_way_out() {
        let (_dir, root) = site();
        for path in [
            "/../feedwright.toml",
            "/%2e%2e/feedwright.toml",
            "/%2E%2E/feedwright.toml",
            "/..%2ffeedwright.toml",
            "/tags/..%2F..%2Ffeedwright.toml",
            "/..%5cfeedwright.toml",
            "/tags/../../feedwright.toml",
            "/.feedwright.lock",
            "/%00",
            "/%ff",
            "rss.xml",
        ] {
            assert_eq!(resolve(&root, path), None, "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_out_of_the_folder() {
        let (dir, root) = site();
        std::os::unix::fs::symlink(dir.path().join("feedwright.toml"), root.join("config.xml")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        assert_eq!(resolve(&root, "/config.xml"), None);
        assert_eq!(resolve(&root, "/up/feedwright.toml"), None);
    }

    #[test]
    fn media_types_follow_the_content() {
        let p = Path::new;
        assert_eq!(media_type(p("rss.xml"), b"<?xml?><rss>", false), "application/rss+xml; charset=utf-8");
        assert_eq!(media_type(p("atom.xml"), b"<?xml?><feed>", false), "application/atom+xml; charset=utf-8");
        assert_eq!(media_type(p("atom.xml"), b"<?xml?><feed>", true), "text/xml; charset=utf-8");
        assert_eq!(
            media_type(p("feed.json"), br#"{"version":"https://jsonfeed.org/version/1.1"}"#, false),
            "application/feed+json; charset=utf-8"
        );
        assert_eq!(media_type(p("feeds.opml"), b"<opml>", false), "text/x-opml; charset=utf-8");
        assert_eq!(media_type(p("feed.css"), b"", false), "text/css; charset=utf-8");
        assert_eq!(media_type(p("index.html"), b"", false), "text/html; charset=utf-8");
        assert!(compressible("application/rss+xml; charset=utf-8"));
        assert!(!compressible("image/png"));
    }
}

//! One request, one response: which file, which headers, whether the
//! client's copy is still good (304), and gzip when it asks for it. Pure
//! apart from reading the file, so it is tested without a socket.

use std::io::Write;
use std::time::SystemTime;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Method, Response, StatusCode, Uri};

use super::Shared;
use super::files;

/// Longer request targets get 414: no file of ours has a path this long.
pub(crate) const MAX_URI: usize = 8 * 1024;

pub(crate) type Reply = Response<Full<Bytes>>;

/// What a file is served as: its bytes (banner included) and validators.
struct Representation {
    body: Vec<u8>,
    media_type: &'static str,
    /// `None` when the bytes are not the file's alone (the error banner).
    modified: Option<SystemTime>,
}

pub(crate) fn respond(shared: &Shared, method: &Method, uri: &Uri, headers: &HeaderMap) -> Reply {
    let target = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    if target.len() > MAX_URI {
        return status(StatusCode::URI_TOO_LONG);
    }
    if method != Method::GET && method != Method::HEAD {
        let mut reply = status(StatusCode::METHOD_NOT_ALLOWED);
        reply.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return reply;
    }
    let as_xml = uri.query().is_some_and(|q| q.split('&').any(|pair| pair == "as=xml"));
    let Some(found) = find(shared, uri.path(), as_xml) else {
        return status(StatusCode::NOT_FOUND);
    };
    let (found, code) = found;
    let gzip = accepts_gzip(headers) && files::compressible(found.media_type);
    let hash = xxhash_rust::xxh3::xxh3_128(&found.body);
    // Strong validators differ between representations (RFC 9110 8.8.3.3).
    let etag = if gzip { format!("\"{hash:032x}-gz\"") } else { format!("\"{hash:032x}\"") };
    let mut builder = Response::builder()
        .header(header::ETAG, &etag)
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::VARY, "Accept-Encoding")
        .header(header::CONTENT_TYPE, found.media_type)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if let Some(modified) = found.modified {
        builder = builder.header(header::LAST_MODIFIED, httpdate::fmt_http_date(modified));
    }
    if code == StatusCode::OK && not_modified(headers, &etag, found.modified) {
        return builder.status(StatusCode::NOT_MODIFIED).body(Full::new(Bytes::new())).unwrap_or_else(|_| fallback());
    }
    let body = if gzip {
        builder = builder.header(header::CONTENT_ENCODING, "gzip");
        shared.gzipped(hash, &found.body)
    } else {
        Bytes::from(found.body)
    };
    // hyper sends no body to HEAD, but the length it would have had.
    builder.status(code).header(header::CONTENT_LENGTH, body.len()).body(Full::new(body)).unwrap_or_else(|_| fallback())
}

/// The file for `path`, with the error banner on the index while the last
/// build failed; `/` is an error page (503) if there is no index to show it on.
fn find(shared: &Shared, path: &str, as_xml: bool) -> Option<(Representation, StatusCode)> {
    let failure = shared.failure();
    let Some(file) = files::resolve(&shared.root, path) else {
        let message = failure.filter(|_| path == "/")?;
        let body = super::banner::page(&message);
        let page = Representation { body, media_type: "text/html; charset=utf-8", modified: None };
        return Some((page, StatusCode::SERVICE_UNAVAILABLE));
    };
    // The build replaces files by renaming, so a whole read is one version.
    let body = std::fs::read(&file).ok()?;
    let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
    let media_type = files::media_type(&file, &body, as_xml);
    let index = file == shared.root.join("index.html");
    let found = match failure {
        Some(message) if index => {
            Representation { body: super::banner::inject(&body, &message), media_type, modified: None }
        }
        _ => Representation { body, media_type, modified },
    };
    Some((found, StatusCode::OK))
}

/// RFC 9110 13.1.1 and 13.1.3: `If-None-Match` decides when present
/// (compared weakly, as it must be); otherwise `If-Modified-Since`.
fn not_modified(headers: &HeaderMap, etag: &str, modified: Option<SystemTime>) -> bool {
    if let Some(value) = headers.get(header::IF_NONE_MATCH) {
        let Ok(value) = value.to_str() else { return false };
        let ours = etag.trim_start_matches("W/");
        return value.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours);
    }
    let since = headers.get(header::IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok());
    match (since.and_then(|s| httpdate::parse_http_date(s).ok()), modified) {
        // HTTP dates have whole seconds; the file's time is finer.
        (Some(since), Some(modified)) => whole_seconds(modified) <= whole_seconds(since),
        _ => false,
    }
}

fn whole_seconds(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Whether `Accept-Encoding` takes gzip (`gzip`, `x-gzip` or `*`, with a
/// weight above 0).
pub(crate) fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |item| {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or("").to_ascii_lowercase();
            let weight = parts
                .filter_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            matches!(coding.as_str(), "gzip" | "x-gzip" | "*") && weight > 0.0
        },
    )
}

pub(crate) fn compress(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 4), flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(body);
    encoder.finish().unwrap_or_default()
}

/// A response with only a status and its reason as plain text.
pub(crate) fn status(code: StatusCode) -> Reply {
    let text = format!("{} {}\n", code.as_u16(), code.canonical_reason().unwrap_or(""));
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Full::new(Bytes::from(text)))
        .unwrap_or_else(|_| fallback())
}

/// Only for a header the builder refused, which ours never are.
fn fallback() -> Reply {
    let mut reply = Response::new(Full::new(Bytes::new()));
    *reply.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    reply
}

/// For tests: `Shared` over a folder.
#[cfg(test)]
pub(crate) fn shared_at(root: &std::path::Path) -> Shared {
    Shared::new(root.canonicalize().unwrap())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(shared: &Shared, uri: &str, headers: &[(&str, &str)]) -> Reply {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(header::HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
        }
        respond(shared, &Method::GET, &uri.parse().unwrap(), &map)
    }

    fn site() -> (tempfile::TempDir, Shared) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("rss.xml"), "<rss version=\"2.0\"><channel/></rss>".repeat(20)).unwrap();
        std::fs::write(dir.path().join("index.html"), "<html><body><h1>x</h1></body></html>").unwrap();
        let shared = shared_at(dir.path());
        (dir, shared)
    }

    fn header(reply: &Reply, name: header::HeaderName) -> &str {
        reply.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    #[test]
    fn etag_and_last_modified_give_304() {
        let (_dir, shared) = site();
        let first = get(&shared, "/rss.xml", &[]);
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(header(&first, header::CONTENT_TYPE), "application/rss+xml; charset=utf-8");
        let etag = header(&first, header::ETAG).to_owned();
        let modified = header(&first, header::LAST_MODIFIED).to_owned();
        assert_eq!(get(&shared, "/rss.xml", &[("if-none-match", &etag)]).status(), StatusCode::NOT_MODIFIED);
        let weak = format!("\"nope\", W/{etag}");
        assert_eq!(get(&shared, "/rss.xml", &[("if-none-match", &weak)]).status(), StatusCode::NOT_MODIFIED);
        assert_eq!(get(&shared, "/rss.xml", &[("if-modified-since", &modified)]).status(), StatusCode::NOT_MODIFIED);
        // If-None-Match decides when both are sent.
        let both = [("if-none-match", "\"other\""), ("if-modified-since", modified.as_str())];
        assert_eq!(get(&shared, "/rss.xml", &both).status(), StatusCode::OK);
        assert_eq!(
            get(&shared, "/rss.xml", &[("if-modified-since", "Thu, 01 Jan 1970 00:00:00 GMT")]).status(),
            StatusCode::OK
        );
    }

    #[test]
    fn gzip_only_when_asked() {
        let (_dir, shared) = site();
        assert!(accepts_gzip(
            &[(header::ACCEPT_ENCODING, HeaderValue::from_static("br, gzip;q=0.5"))].into_iter().collect()
        ));
        assert!(!accepts_gzip(
            &[(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip;q=0"))].into_iter().collect()
        ));
        let zipped = get(&shared, "/rss.xml", &[("accept-encoding", "gzip")]);
        assert_eq!(header(&zipped, header::CONTENT_ENCODING), "gzip");
        assert_eq!(header(&zipped, header::VARY), "Accept-Encoding");
        let again = get(&shared, "/rss.xml", &[("accept-encoding", "gzip")]);
        assert_eq!(header(&zipped, header::CONTENT_LENGTH), header(&again, header::CONTENT_LENGTH));
        assert_eq!(shared.gzipped.lock().unwrap().len(), 1, "compressed once, then kept");
        let plain = get(&shared, "/rss.xml", &[]);
        assert_ne!(header(&zipped, header::ETAG), header(&plain, header::ETAG));
        assert_eq!(header(&plain, header::CONTENT_ENCODING), "");
    }

    #[test]
    fn other_methods_long_targets_and_missing_files() {
        let (_dir, shared) = site();
        let post = respond(&shared, &Method::POST, &"/rss.xml".parse().unwrap(), &HeaderMap::new());
        assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(header(&post, header::ALLOW), "GET, HEAD");
        let long = format!("/{}", "a".repeat(MAX_URI));
        assert_eq!(get(&shared, &long, &[]).status(), StatusCode::URI_TOO_LONG);
        assert_eq!(get(&shared, "/nothing.xml", &[]).status(), StatusCode::NOT_FOUND);
        let as_xml = get(&shared, "/rss.xml?as=xml", &[]);
        assert_eq!(header(&as_xml, header::CONTENT_TYPE), "text/xml; charset=utf-8");
    }

    #[test]
    fn a_failed_build_shows_on_the_index_only() {
        let (dir, shared) = site();
        let before = header(&get(&shared, "/", &[]), header::ETAG).to_owned();
        shared.set_failure(Some("a.md:1: broken".into()));
        let index = get(&shared, "/", &[]);
        assert_ne!(header(&index, header::ETAG), before);
        assert_eq!(header(&index, header::LAST_MODIFIED), "");
        assert_eq!(get(&shared, "/", &[("if-none-match", &before)]).status(), StatusCode::OK);
        std::fs::remove_file(dir.path().join("index.html")).unwrap();
        assert_eq!(get(&shared, "/", &[]).status(), StatusCode::SERVICE_UNAVAILABLE);
        shared.set_failure(None);
        assert_eq!(get(&shared, "/", &[]).status(), StatusCode::NOT_FOUND);
    }
}

//! `feedwright serve` on loopback: the real binary on a free port, asked
//! with raw HTTP/1.1 requests (what readers send, byte for byte) and by
//! feedparser as a feed reader. Waits poll with generous limits: nothing
//! here asserts how fast anything happens.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::util::Site;

const PATIENCE: Duration = Duration::from_secs(60);

const ARTICLE: &str = "---\ntitle: First post\ndate: 2026-01-10\ntags: [rust]\n---\nHello, readers.\n";

/// `feedwright serve --port 0` in a site, with everything it prints on
/// stderr collected; killed when dropped if it is still running.
pub(crate) struct Server {
    child: Child,
    pub(crate) address: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    pub(crate) fn start(site: &Site) -> Self {
        Self::start_with(site, &[])
    }

    /// `feedwright serve --port 0 ARGS`.
    pub(crate) fn start_with(site: &Site, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_feedwright"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(site.path())
            .env_clear()
            .env("TZ", "UTC")
            .env("LANG", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run feedwright serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut text = collected.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        let mut server = Server { child, address: String::new(), stderr };
        let announced = server.wait_for_stderr("at http://");
        let start = announced.find("at http://").unwrap() + "at http://".len();
        let address = announced[start..].split('/').next().unwrap();
        server.address = address.to_owned();
        server
    }

    pub(crate) fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr holds `needle`; returns stderr.
    fn wait_for_stderr(&mut self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let text = self.stderr();
            if text.contains(needle) {
                return text;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("feedwright serve exited ({status}) before printing `{needle}`:\n{text}");
            }
            assert!(started.elapsed() < PATIENCE, "no `{needle}` on stderr:\n{text}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// `GET path` with `headers`; see `raw`.
    pub(crate) fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        self.request("GET", path, headers)
    }

    pub(crate) fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut text = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.address);
        for (name, value) in headers {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        text.push_str("\r\n");
        raw(&self.address, text.as_bytes())
    }

    /// Polls `path` until its body holds `needle` (or the patience runs out).
    fn poll_until(&self, path: &str, needle: &str) -> Reply {
        self.poll(path, needle, true)
    }

    /// Polls `path` until its body holds `needle` (`holds`) or no longer
    /// does (or the patience runs out).
    fn poll(&self, path: &str, needle: &str, holds: bool) -> Reply {
        let started = Instant::now();
        loop {
            let reply = self.get(path, &[]);
            if reply.text().contains(needle) == holds {
                return reply;
            }
            let what = if holds { "showed" } else { "stopped showing" };
            assert!(
                started.elapsed() < PATIENCE,
                "{path} never {what} `{needle}`:\n{}\n{}",
                reply.text(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends SIGINT (as Ctrl-C does) and waits for the exit.
    fn interrupt(mut self) -> std::process::ExitStatus {
        let status = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().expect("run kill");
        assert!(status.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(started.elapsed() < PATIENCE, "serve did not stop on SIGINT:\n{}", self.stderr());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, headers (names lowercased) and body.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: HashMap<String, String>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` as is and reads the whole response (the request asks
/// the server to close the connection after it).
pub(crate) fn raw(address: &str, request: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(request).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read the response");
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete head");
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Reply { status, headers, body: bytes[end + 4..].to_vec() }
}

/// The test site, with feeds per tag (`feeds/tags/<slug>/`).
fn site() -> Site {
    let site = Site::with_config(&format!("{}by = [\"tags\"]\n", crate::util::CONFIG));
    site.write("articles/2026-01-10-first.md", ARTICLE);
    site
}

#[test]
fn serves_each_file_with_its_media_type_and_validators() {
    let site = site();
    let server = Server::start(&site);
    for (path, media_type, holds) in [
        ("/", "text/html; charset=utf-8", "<html"),
        ("/index.html", "text/html; charset=utf-8", "<html"),
        ("/rss.xml", "application/rss+xml; charset=utf-8", "<rss"),
        ("/atom.xml", "application/atom+xml; charset=utf-8", "<feed"),
        ("/feed.json", "application/feed+json; charset=utf-8", "jsonfeed.org/version/1.1"),
        ("/feeds.opml", "text/x-opml; charset=utf-8", "<opml"),
        ("/feed.css", "text/css; charset=utf-8", ""),
        ("/tags/rust/rss.xml", "application/rss+xml; charset=utf-8", "First post"),
        ("/atom.xml?as=xml", "text/xml; charset=utf-8", "<feed"),
    ] {
        let reply = server.get(path, &[]);
        assert_eq!(reply.status, 200, "{path}: {}", reply.text());
        assert_eq!(reply.header("content-type"), media_type, "{path}");
        assert_eq!(reply.header("cache-control"), "no-cache", "{path}");
        assert_eq!(reply.header("vary"), "Accept-Encoding", "{path}");
        assert!(reply.header("etag").starts_with('"'), "{path}: a strong ETag");
        assert!(reply.header("last-modified").ends_with(" GMT"), "{path}");
        assert_eq!(reply.header("content-length"), reply.body.len().to_string(), "{path}");
        assert!(reply.text().contains(holds), "{path}");
    }
    assert_eq!(server.get("/rss.xml", &[]).body, site.read("feeds/rss.xml"));
    assert_eq!(server.get("/", &[]).body, site.read("feeds/index.html"));
    assert_eq!(server.get("/missing.xml", &[]).status, 404);
    // No listing of a folder without an index page.
    assert_eq!(server.get("/tags/", &[]).status, 404);
}

#[test]
fn conditional_requests_head_and_gzip() {
    let site = site();
    let server = Server::start(&site);
    let first = server.get("/atom.xml", &[]);
    let etag = first.header("etag").to_owned();
    let modified = first.header("last-modified").to_owned();

    let again = server.get("/atom.xml", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), etag);
    let since = server.get("/atom.xml", &[("If-Modified-Since", &modified)]);
    assert_eq!(since.status, 304);
    let other = server.get("/atom.xml", &[("If-None-Match", "\"something-else\"")]);
    assert_eq!(other.status, 200);

    let head = server.request("HEAD", "/atom.xml", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), first.body.len().to_string());
    assert_eq!(head.header("etag"), etag);

    let zipped = server.get("/atom.xml", &[("Accept-Encoding", "gzip, deflate, br")]);
    assert_eq!(zipped.header("content-encoding"), "gzip");
    assert_eq!(zipped.header("vary"), "Accept-Encoding");
    assert!(zipped.body.len() < first.body.len());
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&zipped.body[..]).read_to_end(&mut unzipped).unwrap();
    assert_eq!(unzipped, first.body);
    // The compressed copy has validators of its own, and revalidates too.
    let zipped_etag = zipped.header("etag").to_owned();
    assert_ne!(zipped_etag, etag);
    assert_eq!(server.get("/atom.xml", &[("Accept-Encoding", "gzip"), ("If-None-Match", &zipped_etag)]).status, 304);
    assert_eq!(server.get("/atom.xml", &[("Accept-Encoding", "gzip;q=0")]).header("content-encoding"), "");
}

#[test]
fn refuses_traversal_other_methods_and_long_targets() {
    let site = site();
    let server = Server::start(&site);
    let secret = "feedwright.toml";
    for path in [
        "/../feedwright.toml",
        "/%2e%2e/feedwright.toml",
        "/%2E%2E/%2e%2e/feedwright.toml",
        "/..%2ffeedwright.toml",
        "/..%2Ffeedwright.toml",
        "/tags/../../feedwright.toml",
        "/tags/..%2f..%2ffeedwright.toml",
        "/..%5cfeedwright.toml",
        "/.feedwright.lock",
        "/%00",
    ] {
        let reply = server.get(path, &[]);
        assert!(matches!(reply.status, 400 | 404), "{path}: {}", reply.status);
        assert!(!reply.text().contains("[site]"), "{path} leaked {secret}");
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.path().join(secret), site.path().join("feeds/config.xml")).unwrap();
        assert_eq!(server.get("/config.xml", &[]).status, 404);
    }
    let post = server.request("POST", "/rss.xml", &[("Content-Length", "0")]);
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), "GET, HEAD");
    assert_eq!(server.request("DELETE", "/rss.xml", &[]).status, 405);
    let long = format!("/{}", "a".repeat(10_000));
    assert_eq!(server.get(&long, &[]).status, 414);
}

#[test]
fn an_edit_shows_up_and_a_failed_rebuild_keeps_the_last_good_feeds() {
    let site = site();
    let server = Server::start(&site);
    assert!(server.get("/rss.xml", &[]).text().contains("First post"));

    site.write("articles/2026-01-10-first.md", ARTICLE.replace("First post", "Edited post"));
    server.poll_until("/rss.xml", "Edited post");
    site.write("articles/2026-01-11-second.md", "---\ntitle: Second post\ndate: 2026-01-11\n---\nMore.\n");
    server.poll_until("/feed.json", "Second post");

    // An article that cannot be read fails the rebuild …
    site.write("articles/2026-01-12-broken.md", "---\ntitle: [unclosed\n---\nBody.\n");
    let index = server.poll_until("/", "feedwright-build-error");
    assert!(index.text().contains("2026-01-12-broken.md"), "{}", index.text());
    // … the error is in the terminal too, the last good feeds are served,
    // and the file on disk has no banner.
    assert!(server.stderr().contains("still serving the last good feeds"), "{}", server.stderr());
    let rss = server.get("/rss.xml", &[]);
    assert_eq!(rss.status, 200);
    assert!(rss.text().contains("Second post"));
    assert!(!site.read_string("feeds/index.html").contains("feedwright-build-error"));

    // Fixed, the banner goes.
    std::fs::remove_file(site.path().join("articles/2026-01-12-broken.md")).unwrap();
    site.write("articles/2026-01-13-third.md", "---\ntitle: Third post\ndate: 2026-01-13\n---\nAgain.\n");
    server.poll_until("/rss.xml", "Third post");
    assert_eq!(server.poll("/", "feedwright-build-error", false).status, 200);
}

#[test]
fn a_configuration_change_rebuilds() {
    let site = site();
    let server = Server::start(&site);
    let config = site.read_string("feedwright.toml").replace("A site for tests", "A renamed description");
    site.write("feedwright.toml", config);
    server.poll_until("/rss.xml", "A renamed description");
}

#[test]
fn ctrl_c_stops_cleanly() {
    let site = site();
    let server = Server::start(&site);
    assert_eq!(server.get("/rss.xml", &[]).status, 200);
    let stderr = Arc::clone(&server.stderr);
    let status = server.interrupt();
    assert_eq!(status.code(), Some(0), "{}", stderr.lock().unwrap());
}

#[test]
fn a_bad_bind_address_is_a_usage_error() {
    let output = Site::new().run(&["serve", "--bind", "not-an-address"]);
    assert_eq!(output.status.code(), Some(2));
}

/// feedparser, as a feed reader polls: the second fetch sends back the
/// ETag (then the Last-Modified) it was given and gets 304.
#[test]
fn feedparser_gets_304_the_second_time() {
    let site = site();
    // -v: a line per request, to see the 304s from the server's side too.
    let mut server = Server::start_with(&site, &["-v"]);
    let script = r#"
import sys, feedparser
url = sys.argv[1]
first = feedparser.parse(url)
assert first.status == 200, first.status
assert first.entries[0].title == "First post", first.entries
assert first.etag and first.modified, (first.get("etag"), first.get("modified"))
by_etag = feedparser.parse(url, etag=first.etag)
assert by_etag.status == 304, by_etag.status
by_date = feedparser.parse(url, modified=first.modified)
assert by_date.status == 304, by_date.status
print("ok", first.headers.get("content-type"))
"#;
    for feed in ["/rss.xml", "/atom.xml"] {
        let url = server.url(feed);
        // Straight to loopback, whatever proxy the environment names.
        let output = Command::new("python3")
            .args(["-c", script, &url])
            .env("no_proxy", "*")
            .env("NO_PROXY", "*")
            .output()
            .expect("run python3 (apt-get install -y python3 && python3 -m pip install feedparser)");
        assert!(
            output.status.success(),
            "feedparser on {url}:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        server.wait_for_stderr(&format!("info: GET {feed} 304"));
    }
}

/// The load test behind BENCHMARKS.md's "serve under load": `CLIENTS`
/// keep-alive clients send `REQUESTS` requests in all (feeds, index,
/// gzip, revalidations) to the sample site; prints p50/p99 latency and
/// requests per second; fails on any error. Not timing-dependent, but
/// slow in a debug build, hence ignored:
/// `cargo test --release --test cli serve_load -- --ignored --nocapture`.
#[test]
#[ignore = "load test; run by hand for BENCHMARKS.md"]
fn serve_load() {
    const CLIENTS: usize = 4;
    const REQUESTS: usize = 4000;
    let site = Site::empty();
    copy_dir(&crate::util::repo().join("articles"), &site.path().join("articles"));
    std::fs::copy(crate::util::repo().join("feedwright.toml"), site.path().join("feedwright.toml")).unwrap();
    let server = Server::start(&site);
    let etag = server.get("/rss.xml", &[]).header("etag").to_owned();
    let asks: Vec<(&str, Vec<(&str, String)>)> = vec![
        ("/rss.xml", vec![]),
        ("/atom.xml", vec![("Accept-Encoding", "gzip".to_owned())]),
        ("/feed.json", vec![]),
        ("/", vec![("Accept-Encoding", "gzip".to_owned())]),
        ("/rss.xml", vec![("If-None-Match", etag)]),
        ("/tags/protests/atom.xml", vec![]),
    ];
    let started = Instant::now();
    let latencies: Vec<Duration> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..CLIENTS)
            .map(|client| {
                let (server, asks) = (&server, &asks);
                scope.spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
                    (0..REQUESTS / CLIENTS)
                        .map(|i| {
                            let (path, headers) = &asks[(i + client) % asks.len()];
                            let mut request = agent.get(server.url(path));
                            for (name, value) in headers {
                                request = request.header(*name, value);
                            }
                            let sent = Instant::now();
                            let mut reply = request.call().unwrap_or_else(|e| panic!("{path}: {e}"));
                            assert!(matches!(reply.status().as_u16(), 200 | 304), "{path}: {}", reply.status());
                            reply.body_mut().read_to_vec().unwrap();
                            sent.elapsed()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|worker| worker.join().unwrap()).collect()
    });
    let elapsed = started.elapsed();
    let mut sorted = latencies.clone();
    sorted.sort();
    let at = |q: f64| sorted[((sorted.len() as f64 * q) as usize).min(sorted.len() - 1)];
    println!(
        "{} requests from {CLIENTS} clients in {:.2} s: {:.0} requests/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; 0 errors",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        sorted[sorted.len() - 1].as_secs_f64() * 1e3,
    );
    assert_eq!(latencies.len(), REQUESTS);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

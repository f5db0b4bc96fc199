//! `feedwright ping`: WebSub publish notifications, sent to a hub the test
//! runs on loopback (no network), which records each request and answers
//! as told.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use crate::util::{CONFIG, Site};

/// One request the hub received.
#[derive(Debug, Clone)]
struct Received {
    request_line: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A WebSub hub on 127.0.0.1 answering every request with `status` and
/// `body`, one request per connection (`Connection: close`). The thread
/// lives until the test binary exits; it only ever waits for connections.
struct Hub {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Hub {
    fn start(status: u16, body: &'static str) -> Hub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://127.0.0.1:{}/hub", listener.local_addr().unwrap().port());
        let received = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&received);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream);
                let Some(request) = read_request(&mut reader) else { continue };
                record.lock().unwrap().push(request);
                let reason = if status < 300 { "OK" } else { "Refused" };
                let answer = format!(
                    "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = reader.get_mut().write_all(answer.as_bytes());
            }
        });
        Hub { url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn read_request(reader: &mut impl BufRead) -> Option<Received> {
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Received { request_line: request_line.trim_end().to_owned(), headers, body: String::from_utf8(body).ok()? })
}

/// A built site whose configuration names `hub`.
fn site_with_hub(hub: &str) -> Site {
    let site = Site::with_config(&format!("{CONFIG}hub = \"{hub}\"\n"));
    site.write("articles/2026-01-10-one.md", "---\ntitle: One\n---\nText.\n");
    site.build_ok();
    assert!(site.path().join("feeds/feeds.opml").is_file(), "the build lists its feeds for `ping`");
    site
}

fn form(topic: &str) -> String {
    let topic = topic.replace(':', "%3A").replace('/', "%2F");
    format!("hub.mode=publish&hub.topic={topic}&hub.url={topic}")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn ping_announces_every_feed_listed_one_form_post_each() {
    let hub = Hub::start(204, "");
    let site = site_with_hub(&hub.url);
    let output = site.run(&["ping"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains(&format!("pinged {}: 3 feeds announced", hub.url)), "{}", stderr(&output));
    let received = hub.received();
    let bodies: Vec<&str> = received.iter().map(|r| r.body.as_str()).collect();
    for feed in ["rss.xml", "atom.xml", "feed.json"] {
        let expected = form(&format!("https://example.com/feeds/{feed}"));
        assert!(bodies.contains(&expected.as_str()), "{expected} not in {bodies:?}");
    }
    assert_eq!(received.len(), 3, "{received:?}");
    for request in &received {
        assert_eq!(request.request_line, "POST /hub HTTP/1.1");
        assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
        assert!(request.header("user-agent").is_some_and(|ua| ua.starts_with("feedwright/")), "{request:?}");
    }
}

#[test]
fn ping_with_topics_announces_only_those() {
    let hub = Hub::start(202, "accepted");
    let site = site_with_hub(&hub.url);
    let topic = "https://example.com/feeds/atom.xml";
    let output = site.run(&["ping", topic]);
    assert!(output.status.success(), "{}", stderr(&output));
    let received = hub.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].body, form(topic));
    // -q: nothing on stderr when all went well.
    let quiet = site.run(&["ping", "-q", topic]);
    assert!(quiet.status.success() && quiet.stderr.is_empty(), "{}", stderr(&quiet));
}

#[test]
fn a_refusing_hub_is_an_error_naming_hub_topic_status_and_answer() {
    let hub = Hub::start(400, "Invalid topic:\n not served by this hub");
    let site = site_with_hub(&hub.url);
    let output = site.run(&["ping", "https://example.com/feeds/rss.xml"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains(&format!(
            "the WebSub hub {} refused to announce https://example.com/feeds/rss.xml: HTTP 400: Invalid topic: not served by this hub",
            hub.url
        )),
        "{text}"
    );
    assert!(text.contains("1 of 1 feeds not announced"), "{text}");

    let failing = Hub::start(500, "");
    let site = site_with_hub(&failing.url);
    let output = site.run(&["ping"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(failing.received().len(), 3, "every feed is tried");
    assert!(stderr(&output).contains("HTTP 500"), "{}", stderr(&output));
    assert!(stderr(&output).contains("try `feedwright ping` again later"), "{}", stderr(&output));
}

#[test]
fn an_unreachable_hub_fails_clearly() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let hub = format!("http://127.0.0.1:{port}/");
    let site = site_with_hub(&hub);
    let output = site.run(&["ping", "https://example.com/feeds/rss.xml"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains(&format!("could not reach the WebSub hub {hub} to announce https://example.com/feeds/rss.xml")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn ping_without_hub_list_or_good_topics_sends_nothing() {
    let site = Site::new();
    site.write("articles/2026-01-10-one.md", "---\ntitle: One\n---\nText.\n");
    site.build_ok();
    let output = site.run(&["ping"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("feedwright.toml: no WebSub hub is configured"), "{text}");
    assert!(text.contains("add `hub = \"https://…/\"`"), "{text}");

    let hub = Hub::start(204, "");
    let site = Site::with_config(&format!("{CONFIG}hub = \"{}\"\n", hub.url));
    let output = site.run(&["ping"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("feeds/feeds.opml: cannot read the list of feeds"), "{}", stderr(&output));
    assert!(stderr(&output).contains("run `feedwright build` first"), "{}", stderr(&output));

    let output = site.run(&["ping", "ftp://example.com/feed", "feeds/rss.xml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`ftp://example.com/feed` is not an http or https URL"), "{}", stderr(&output));
    assert!(stderr(&output).contains("`feeds/rss.xml` is not an http or https URL"), "{}", stderr(&output));
    assert!(hub.received().is_empty());

    let output = site.run(&["ping", "--config", "missing.toml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn ping_out_reads_the_list_of_the_folder_built_into() {
    let hub = Hub::start(204, "");
    let site = Site::with_config(&format!("{CONFIG}hub = \"{}\"\n", hub.url));
    site.write(
        "public/feeds.opml",
        "<opml version=\"2.0\"><head><title>T</title></head><body>\
         <outline text=\"By tag\"><outline type=\"rss\" text=\"T\" xmlUrl=\"https://example.com/feeds/tags/a/atom.xml\"/></outline>\
         </body></opml>",
    );
    let output = site.run(&["ping", "--out", "public"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let received = hub.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].body, form("https://example.com/feeds/tags/a/atom.xml"));
}

#[test]
fn build_ping_announces_only_the_feeds_it_changed() {
    let hub = Hub::start(204, "");
    let site = Site::with_config(&format!("{CONFIG}hub = \"{}\"\nby = [\"tags\"]\n", hub.url));
    site.write("articles/2026-01-10-one.md", "---\ntitle: One\ntags: [a]\n---\nText.\n");
    let first = site.run(&["build", "--ping"]);
    assert!(first.status.success(), "{}", stderr(&first));
    // The three main feeds and tag a's three.
    assert_eq!(hub.received().len(), 6, "{}", stderr(&first));
    assert!(stderr(&first).contains("6 changed feeds announced"), "{}", stderr(&first));
    // A new article tagged b: the main feeds and b's are new, a's are not.
    site.write("articles/2026-01-11-two.md", "---\ntitle: Two\ntags: [b]\n---\nText.\n");
    let second = site.run(&["build", "--ping"]);
    assert!(second.status.success(), "{}", stderr(&second));
    let bodies: Vec<String> = hub.received().into_iter().skip(6).map(|r| r.body).collect();
    assert_eq!(bodies.len(), 6, "{bodies:?}");
    assert!(bodies.contains(&form("https://example.com/feeds/tags/b/atom.xml")), "{bodies:?}");
    assert!(!bodies.iter().any(|b| b.contains("tags%2Fa%2F")), "{bodies:?}");
    // Nothing changed: no request.
    assert!(site.run(&["build", "--ping"]).status.success());
    assert_eq!(hub.received().len(), 12);
}

#[test]
fn build_ping_fails_clearly_when_the_hub_refuses_but_keeps_the_feeds() {
    let hub = Hub::start(500, "down for maintenance");
    let site = Site::with_config(&format!("{CONFIG}hub = \"{}\"\n", hub.url));
    site.write("articles/2026-01-10-one.md", "---\ntitle: One\n---\nText.\n");
    let output = site.run(&["build", "--ping"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("500") && text.contains("down for maintenance"), "{text}");
    assert!(
        text.contains("the feeds were written, but the hub was not told of 3 feeds: run `feedwright ping` to retry"),
        "{text}"
    );
    assert!(site.path().join("feeds/atom.xml").is_file());
    // Without a hub, `--ping` says what is missing.
    let bare = Site::new();
    bare.write("articles/2026-01-10-one.md", "---\ntitle: One\n---\nText.\n");
    let output = bare.run(&["build", "--ping"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`--ping` needs a WebSub hub"), "{}", stderr(&output));
}

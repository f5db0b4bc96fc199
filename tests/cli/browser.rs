//! Feeds a browser can show: rss.xml and atom.xml styled by feed.css (no
//! XSLT) and the feeds folder's index.html, opened in headless Chromium
//! (Debian's `chromium`). The DOM Chromium built must hold the entries'
//! titles, and for the feeds it must be the feed itself styled by the CSS,
//! not Chromium's XML tree viewer; screenshots go to
//! target/browser-screenshots/ for people to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::Site;

const TITLES: [&str; 2] = ["Ballot count delayed & disputed", "Bridge reopens after <repairs>"];

/// A built site with two articles whose titles need escaping.
fn built_site() -> Site {
    let site = Site::new();
    site.write(
        "articles/2026-01-10-ballots.md",
        "---\ntitle: \"Ballot count delayed & disputed\"\ntags: [elections]\nauthor: Ann Lee\n---\nThe count in the third district stopped at noon; officials gave no reason.\n",
    );
    site.write(
        "articles/2026-01-12-bridge.md",
        "---\ntitle: \"Bridge reopens after <repairs>\"\ntags: [transport, city]\n---\nTraffic is back on the river bridge after eight months of work on its cables and deck.\n",
    );
    site.build_ok();
    for feed in ["feeds/rss.xml", "feeds/atom.xml"] {
        assert!(site.read_string(feed).contains("<?xml-stylesheet type=\"text/css\" href=\"feed.css\"?>"), "{feed}");
    }
    site
}

/// Headless Chromium on `file`, with the flags a closed network and root
/// need, and `extra` (`--dump-dom`, `--screenshot=…`); its stdout.
fn chromium(file: &Path, extra: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    args.extend(extra.iter().cloned());
    args.push(format!("file://{}", file.display()));
    let output =
        Command::new("timeout").arg("120").arg("chromium").args(&args).env("TZ", "UTC").output().unwrap_or_else(
            |err| panic!("cannot run `timeout chromium` ({err}); install it with: apt-get install -y chromium"),
        );
    assert!(
        output.status.success(),
        "chromium failed on {} (install it with `apt-get install -y chromium`, or run `make test`): {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Where screenshots go: target/browser-screenshots/NAME.png.
fn screenshot(file: &Path, name: &str) -> PathBuf {
    let folder = crate::util::repo().join("target/browser-screenshots");
    std::fs::create_dir_all(&folder).unwrap();
    let png = folder.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&png);
    chromium(file, &[format!("--screenshot={}", png.display()), "--window-size=1200,1600".into()]);
    let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    // A blank page compresses to a few kilobytes; text makes it larger.
    assert!(size > 20_000, "{} is {size} bytes: nothing shown?", png.display());
    png
}

#[test]
fn rss_and_atom_are_readable_in_a_browser_without_xslt() {
    let site = built_site();
    for (feed, root) in [("rss.xml", "<rss"), ("atom.xml", "<feed")] {
        let path = site.path().join("feeds").join(feed);
        let dom = chromium(&path, &["--dump-dom".into()]);
        // Styled by feed.css, Chromium shows the feed's own elements; without
        // a stylesheet it shows its XML tree viewer (an XHTML page) instead.
        assert!(dom.trim_start().starts_with(root), "{feed}: not shown as a styled feed:\n{dom}");
        assert!(!dom.contains("xml-viewer"), "{feed}: Chromium's XML viewer, not the stylesheet:\n{dom}");
        // (Atom titles with markup characters are `type="html"`, escaped
        // twice in the file, so only the words are compared.)
        for words in ["Ballot count delayed", "disputed", "Bridge reopens after", "repairs"] {
            assert!(dom.contains(words), "{feed}: {words}:\n{dom}");
        }
        screenshot(&path, feed.trim_end_matches(".xml"));
    }
}

#[test]
fn the_index_page_lists_the_feeds_and_latest_entries() {
    let site = built_site();
    let path = site.path().join("feeds/index.html");
    assert_valid_html(&path);
    let html = site.read_string("feeds/index.html");
    assert!(!html.contains("<script"), "no script on the page");
    for format in ["application/rss+xml", "application/atom+xml", "application/feed+json"] {
        assert!(html.contains(&format!("<link rel=\"alternate\" type=\"{format}\"")), "{format}:\n{html}");
    }
    let dom = chromium(&path, &["--dump-dom".into()]);
    for title in TITLES {
        let escaped = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        assert!(dom.contains(&escaped), "{title}:\n{dom}");
    }
    for feed in ["rss.xml", "atom.xml", "feed.json"] {
        assert!(dom.contains(&format!("href=\"https://example.com/feeds/{feed}\"")), "{feed}:\n{dom}");
    }
    screenshot(&path, "index");
}

/// `path` parses as HTML5 without a single parse error (html5lib, the
/// WHATWG parsing algorithm, in strict mode).
fn assert_valid_html(path: &Path) {
    let script = "import sys, html5lib\nhtml5lib.HTMLParser(strict=True).parse(open(sys.argv[1], 'rb').read())\n";
    let output = crate::util::run_tool(
        "python3",
        &["-c".as_ref(), script.as_ref(), path.as_os_str()],
        "python3 -m pip install html5lib",
    );
    assert!(
        output.status.success(),
        "{} is not valid HTML5: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

//! Every user error: its full message (file, line, what to do), its exit
//! code, and that nothing was written.

use crate::util::{CONFIG, Site};

const GOOD: &str = "---\ntitle: Good\ndate: 2026-01-01\n---\nBody.\n";

/// Builds a site holding `articles` and returns stderr, asserting exit 1 and
/// that the good feeds built before were left byte-identical.
fn fails_with(articles: &[(&str, &[u8])]) -> String {
    let site = Site::new();
    site.write("articles/2026-01-01-good.md", GOOD);
    site.build_ok();
    let before: Vec<Vec<u8>> = site.feed_paths().iter().map(|p| std::fs::read(p).unwrap()).collect();
    for (file, text) in articles {
        site.write(file, text);
    }
    let stderr = site.build_fails(1);
    let after: Vec<Vec<u8>> = site.feed_paths().iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert_eq!(before, after, "a failed build changed the feeds");
    let leftovers = std::fs::read_dir(site.path().join("feeds")).unwrap().count();
    assert_eq!(leftovers, 3, "a failed build left files behind");
    stderr
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let stderr = fails_with(&[("articles/bad.md", b"---\ntitle: T\n---\nok \xff\xfe bad\n")]);
    assert_eq!(
        stderr,
        "error: articles/bad.md:4: the file is not valid UTF-8 (first bad byte at offset 20)\n  help: save the file as UTF-8\n\
         error: build failed: 1 article error; no feed was written\n"
    );
}

#[test]
fn unterminated_front_matter() {
    let stderr = fails_with(&[("articles/open.md", b"---\ntitle: T\ndate: 2026-01-01\nBody.\n")]);
    assert_eq!(
        stderr,
        "error: articles/open.md:1: the front matter opened by `---` on line 1 is never closed\n  help: end the front matter with a line holding only `---`\n\
         error: build failed: 1 article error; no feed was written\n"
    );
}

#[test]
fn missing_title() {
    let stderr = fails_with(&[("articles/2026-01-02-untitled.md", b"---\ndate: 2026-01-02\n---\nJust text.\n")]);
    assert_eq!(
        stderr,
        "error: articles/2026-01-02-untitled.md:1: the article has no title\n  help: add `title: ...` to the front matter, or start the text with a `# Title` line\n\
         error: build failed: 1 article error; no feed was written\n"
    );
}

#[test]
fn unparseable_and_impossible_dates() {
    let stderr = fails_with(&[
        ("articles/a.md", b"---\ntitle: A\ndate: next tuesday\n---\n"),
        ("articles/b.md", b"---\ntitle: B\ndate: 2026-02-30\n---\n"),
        ("articles/c.md", b"+++\ntitle = \"C\"\ndate = \"2026-01-01\"\nupdated = \"10000-01-01\"\n+++\n"),
    ]);
    assert_eq!(
        stderr,
        "error: articles/a.md:3: `date` `next tuesday` is not a date feedwright can read\n  help: write it as `2026-01-30`, `2026-01-30 18:00`, or `2026-01-30T18:00:00-08:00` (RFC 3339)\n\
         error: articles/b.md:3: `date` `2026-02-30` is not a real date\n  help: check the month and the day\n\
         error: articles/c.md:4: `updated` `10000-01-01` is not a date feedwright can read\n  help: write it as `2026-01-30`, `2026-01-30 18:00`, or `2026-01-30T18:00:00-08:00` (RFC 3339)\n\
         error: build failed: 3 article errors; no feed was written\n"
    );
}

#[test]
fn duplicate_id_names_both_files() {
    let stderr = fails_with(&[
        ("articles/one.md", b"---\ntitle: One\ndate: 2026-01-02\nid: urn:x:same\n---\n"),
        ("articles/two.md", b"---\ntitle: Two\ndate: 2026-01-03\nid: urn:x:same\n---\n"),
    ]);
    assert_eq!(
        stderr,
        "error: articles/two.md:4: id `urn:x:same` is also the id of `articles/one.md`\n  help: every article needs its own `id`: change or remove one of them\n\
         error: build failed: 1 article error; no feed was written\n"
    );
}

#[test]
fn duplicate_url_names_both_files() {
    // The same slug in the same month: the default permalink
    // `/{year}/{month}/{slug}/` gives both the same URL.
    let stderr = fails_with(&[
        ("articles/2026-01-02-same.md", b"---\ntitle: One\n---\n"),
        ("articles/sub/2026-01-04-same.md", b"---\ntitle: Two\n---\n"),
    ]);
    assert_eq!(
        stderr,
        "error: articles/sub/2026-01-04-same.md: URL `https://example.com/2026/01/same/` (slug `same`) is also the URL of `articles/2026-01-02-same.md`\n  help: give one of them another `slug:` in its front matter\n\
         error: build failed: 1 article error; no feed was written\n"
    );
}

#[test]
fn slug_that_would_leave_the_output_folder() {
    let stderr = fails_with(&[("articles/x.md", b"---\ntitle: X\ndate: 2026-01-02\nslug: ../../etc/passwd\n---\n")]);
    assert_eq!(
        stderr,
        "error: articles/x.md:4: `slug` `../../etc/passwd` would leave its folder: it must be a single path segment\n  help: use letters, digits and `-`, like `my-first-post`\n\
         error: build failed: 1 article error; no feed was written\n"
    );
}

#[test]
fn wrong_front_matter_types() {
    let stderr = fails_with(&[
        ("articles/y.md", b"---\ntitle: Y\ndate: 2026-01-02\ndraft: sometimes\n---\n"),
        ("articles/t.md", b"+++\ntitle = \"T\"\ndate = 2026-01-02\ntags = 7\n+++\n"),
    ]);
    assert_eq!(
        stderr,
        "error: articles/t.md:4: front matter: invalid type: integer `7`, expected a list of strings\n  help: fix the TOML between the `+++` lines\n\
         error: articles/y.md:4: front matter: draft: invalid type: string \"sometimes\", expected a boolean\n  help: fix the YAML between the `---` lines\n\
         error: build failed: 2 article errors; no feed was written\n"
    );
}

#[test]
fn every_bad_article_is_reported_in_one_run() {
    let stderr = fails_with(&[
        ("articles/a.md", b"---\ndate: 2026-01-02\n---\n"),
        ("articles/b.md", b"---\ntitle: B\n---\n"),
        ("articles/c.txt", b"\xff"),
    ]);
    let headlines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(
        headlines,
        [
            "error: articles/a.md:1: the article has no title",
            "error: articles/b.md:1: the article has no date",
            "error: articles/c.txt:1: the file is not valid UTF-8 (first bad byte at offset 0)",
            "error: build failed: 3 article errors; no feed was written",
        ]
    );
}

#[test]
fn empty_articles_folder() {
    let site = Site::new();
    let stderr = site.build_fails(1);
    assert_eq!(
        stderr,
        "error: articles: there is no published article to build feeds from\n  help: add one with `feedwright new \"My first article\" --publish`, or point `--articles` at another folder\n\
         error: build failed: 1 article error; no feed was written\n"
    );
    assert!(!site.path().join("feeds").exists());
}

#[test]
fn missing_configuration() {
    let site = Site::new();
    std::fs::remove_file(site.path().join("feedwright.toml")).unwrap();
    let stderr = site.build_fails(2);
    assert_eq!(
        stderr,
        "error: no `feedwright.toml` in this folder or any folder above it\n  help: start a site here with `feedwright init` (or `feedwright init DIR`), or name the configuration with `--config PATH`\n\
         error: build failed: 1 configuration error; no feed was written\n"
    );
}

#[test]
fn invalid_configuration() {
    let cases = [
        (
            "[site]\ntitle = \"T\"\n",
            "error: feedwright.toml:1: missing field `url`\n  help: see the configuration reference in README.md (`[site]`, `[feeds]`, `[articles]`)\n",
        ),
        (
            "[site]\ntitle = \"T\"\nurl = \"example.com\"\n",
            "error: feedwright.toml:3: `site.url` `example.com` is not an absolute URL\n  help: write the site's absolute address, like `url = \"https://example.com/\"`\n",
        ),
        (
            "[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\n\n[feeds]\nformat = [\"rss\"]\n",
            "error: feedwright.toml:6: unknown field `format`, expected one of `folder`, `url`, `formats`, `entries`, `content`, `hub`\n  help: see the configuration reference in README.md (`[site]`, `[feeds]`, `[articles]`)\n",
        ),
        (
            "[site]\ntitle = \"T\"\nurl = \"https://e.com/\"\npermalink = \"/{name}/\"\n",
            "error: feedwright.toml:4: `site.permalink` `/{name}/` has the unknown placeholder `{name}` (known: {year}, {short_year}, {month}, {i_month}, {day}, {i_day}, {hour}, {minute}, {second}, {slug}, {title}, {filename}, {section}, {path}, {categories})\n  help: for example `permalink = \"/{year}/{month}/{slug}/\"`\n",
        ),
    ];
    for (config, want) in cases {
        let site = Site::with_config(config);
        site.write("articles/2026-01-01-good.md", GOOD);
        let stderr = site.build_fails(2);
        assert_eq!(
            stderr,
            format!("{want}error: build failed: 1 configuration error; no feed was written\n"),
            "{config}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::with_config(CONFIG);
    let output = site.run(&["build", "--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
    let output = site.run(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Exit codes:"));
}

//! `feedwright init`, finding `feedwright.toml` in the folders above, and
//! the messages that tell a new user the next command: no configuration,
//! no article, no feed built yet, an article that exists.

use std::path::Path;
use std::process::{Command, Output};

use crate::util::Site;
use crate::validity::{assert_valid_and_read_back, expected_from_json_feed};

/// 2026-05-28T20:26:40Z (the self-check calls dates after the real clock implausible).
const NOW: &str = "1780000000";

/// `feedwright ARGS` in `dir`, with the clock pinned.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_feedwright"));
    command.args(args).current_dir(dir).env_clear().env("TZ", "UTC").env("LANG", "C");
    command.env("SOURCE_DATE_EPOCH", NOW);
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command.output().expect("run feedwright")
}

/// Exit code, stdout and stderr.
fn outcome(output: &Output) -> (Option<i32>, String, String) {
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const NO_CONFIG: &str = "error: no `feedwright.toml` in this folder or any folder above it\n\
    \x20 help: start a site here with `feedwright init` (or `feedwright init DIR`), or name the configuration with `--config PATH`\n";

#[test]
fn init_then_build_in_an_empty_folder_makes_valid_feeds() {
    let site = Site::empty();
    let (code, stdout, stderr) = outcome(&run_in(site.path(), &["init"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "wrote feedwright.toml\n\
         wrote articles/2026-05-28-welcome.md\n\
         wrote .gitignore\n\
         next: set `title` and `url` in feedwright.toml, then run `feedwright build`\n"
    );
    assert_eq!(stderr, "");
    assert!(site.read_string(".gitignore").lines().any(|l| l == ".feedwright-cache/"));
    assert!(site.read_string("articles/2026-05-28-welcome.md").contains("date: 2026-05-28T20:26:40Z\n"));

    let (code, _, stderr) = outcome(&run_in(site.path(), &["build"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.starts_with("built 3 feeds from 1 article"), "{stderr}");
    let expected = expected_from_json_feed(&site);
    assert_eq!(expected.len(), 1);
    assert_eq!(expected[0].title, "Welcome");
    assert_eq!(expected[0].id, "tag:example.com,2026-05-28:welcome");
    assert_valid_and_read_back(&site, &expected);
    // feedwright's own validator finds nothing to say either.
    let feeds = ["feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"];
    let (code, _, stderr) = outcome(&run_in(site.path(), &[&["check", "--deny-warnings"][..], &feeds].concat()));
    assert_eq!(code, Some(0), "{stderr}");
    // The cache stays out of git; the rest is the site.
    assert!(site.path().join(".feedwright-cache").is_dir());
}

#[test]
fn init_makes_the_folder_it_is_given() {
    let site = Site::empty();
    let (code, stdout, stderr) = outcome(&run_in(site.path(), &["init", "my blog"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "wrote my blog/feedwright.toml\n\
         wrote my blog/articles/2026-05-28-welcome.md\n\
         wrote my blog/.gitignore\n\
         next: set `title` and `url` in my blog/feedwright.toml, then run `cd 'my blog' && feedwright build`\n"
    );
    let (code, _, stderr) = outcome(&run_in(&site.path().join("my blog"), &["build"]));
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn init_overwrites_nothing_without_force() {
    let site = Site::empty();
    site.write("feedwright.toml", "[site]\ntitle = \"Mine\"\nurl = \"https://mine.example/\"\n");
    site.write(".gitignore", "target/");
    let (code, stdout, stderr) = outcome(&run_in(site.path(), &["init"]));
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: feedwright.toml: already exists; init never overwrites a file\n\
         \x20 help: run `feedwright init` in a new folder (`feedwright init my-site`), or add `--force` to replace it\n\
         error: 1 configuration error; nothing was written\n"
    );
    // Every file is checked before any is written.
    assert!(!site.path().join("articles").exists());
    assert_eq!(site.read_string(".gitignore"), "target/");
    assert!(site.read_string("feedwright.toml").contains("Mine"));

    // `--force` replaces the two files; an existing .gitignore is added to, once.
    let (code, stdout, stderr) = outcome(&run_in(site.path(), &["init", "--force"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("added .feedwright-cache/ to .gitignore\n"), "{stdout}");
    assert_eq!(site.read_string(".gitignore"), "target/\n.feedwright-cache/\n");
    assert!(site.read_string("feedwright.toml").contains("My Site"));
    let (code, stdout, _) = outcome(&run_in(site.path(), &["init", "--force"]));
    assert_eq!(code, Some(0));
    assert!(!stdout.contains(".gitignore"), "{stdout}");
    assert_eq!(site.read_string(".gitignore"), "target/\n.feedwright-cache/\n");
}

#[test]
fn commands_find_the_configuration_in_a_folder_above() {
    let site = Site::empty();
    assert_eq!(run_in(site.path(), &["init"]).status.code(), Some(0));
    let deep = site.path().join("articles/2027/drafts");
    std::fs::create_dir_all(&deep).unwrap();
    let config = site.path().canonicalize().unwrap().join("feedwright.toml");
    let note = format!("note: using {}\n", config.display());

    let (code, stdout, stderr) = outcome(&run_in(&deep, &["build"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.starts_with(&note), "{stderr}");
    assert_eq!(stdout, "");
    // The site folder is the configuration's: the feeds are written there.
    assert!(site.path().join("feeds/atom.xml").is_file());
    assert!(!deep.join("feeds").exists());

    let (code, stdout, stderr) = outcome(&run_in(&deep, &["list"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, note);
    assert!(stdout.contains("welcome"), "{stdout}");

    // `-q` prints errors only: the note too is left out.
    let (code, _, stderr) = outcome(&run_in(&deep, &["-q", "list"]));
    assert_eq!(code, Some(0));
    assert_eq!(stderr, "");

    // In the site folder itself, nothing to say.
    let (code, _, stderr) = outcome(&run_in(site.path(), &["list"]));
    assert_eq!(code, Some(0));
    assert_eq!(stderr, "");
}

#[test]
fn no_configuration_suggests_init() {
    let site = Site::empty();
    for (args, closing) in [
        (&["build"][..], "error: build failed: 1 configuration error; no feed was written\n"),
        (&["list"][..], "error: 1 configuration error; nothing was listed\n"),
        (&["new", "A title"][..], "error: 1 configuration error; no article was written\n"),
    ] {
        let (code, stdout, stderr) = outcome(&run_in(site.path(), args));
        assert_eq!(code, Some(2), "{args:?}");
        assert_eq!(stdout, "");
        assert_eq!(stderr, format!("{NO_CONFIG}{closing}"), "{args:?}");
    }
    assert_eq!(std::fs::read_dir(site.path()).unwrap().count(), 0, "nothing was written");
}

#[test]
fn check_before_any_build_says_to_build() {
    let site = Site::empty();
    assert_eq!(run_in(site.path(), &["init"]).status.code(), Some(0));
    let (code, _, stderr) = outcome(&run_in(site.path(), &["build", "--check"]));
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with(
            "feeds/rss.xml does not exist yet: run `feedwright build`\n\
             feeds/atom.xml does not exist yet: run `feedwright build`\n\
             feeds/feed.json does not exist yet: run `feedwright build`\n"
        ),
        "{stderr}"
    );
    assert!(!site.path().join("feeds").exists());
}

#[test]
fn no_article_says_how_to_add_one() {
    let site = Site::new();
    let stderr = site.build_fails(1);
    assert_eq!(
        stderr,
        "error: articles: there is no published article to build feeds from\n\
         \x20 help: add one with `feedwright new \"My first article\" --publish`, or point `--articles` at another folder\n\
         error: build failed: 1 article error; no feed was written\n"
    );
    site.write("articles/2026-01-01-draft.md", "---\ntitle: Draft\ndraft: true\n---\nNot yet.\n");
    assert_eq!(
        site.build_fails(1),
        "error: articles: there is no published article to build feeds from\n\
         \x20 help: the one article is a draft, future or expired: publish one (remove `draft: true`), or add one with `feedwright new \"My first article\" --publish`\n\
         error: build failed: 1 article error; no feed was written\n"
    );
    // The command it suggests is one that makes the build pass.
    assert_eq!(run_in(site.path(), &["new", "My first article", "--publish"]).status.code(), Some(0));
    site.build_ok();
}

#[test]
fn new_over_an_existing_article_leaves_it() {
    let site = Site::new();
    site.write("articles/2026-05-28-taken.md", "---\ntitle: Mine\n---\nKeep me.\n");
    let (code, stdout, stderr) = outcome(&run_in(site.path(), &["new", "Taken"]));
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: articles/2026-05-28-taken.md: the article already exists; it was left as it is\n\
         \x20 help: pick another title or `--slug`, or edit the existing file\n\
         error: 1 configuration error; no article was written\n"
    );
    assert_eq!(site.read_string("articles/2026-05-28-taken.md"), "---\ntitle: Mine\n---\nKeep me.\n");
}

#[test]
fn init_stops_before_writing_when_a_file_is_where_a_folder_goes() {
    let site = Site::empty();
    site.write("articles", "not a folder");
    let (code, stdout, stderr) = outcome(&run_in(site.path(), &["init", "--force"]));
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: articles: is a file, where init makes a folder\n\
         \x20 help: move it away, or run `feedwright init` in another folder\n\
         error: 1 configuration error; nothing was written\n"
    );
    assert!(!site.path().join("feedwright.toml").exists());
    assert!(!site.path().join(".gitignore").exists());
}

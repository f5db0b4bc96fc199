//! What users of other CLIs expect: `-q` and `-v` on every subcommand,
//! progress on a terminal (and never in a pipe), shell completions, the man
//! page, aligned `--timings`, and `check` on a folder or a URL.

use std::process::{Command, Output};

use crate::util::{Site, run_tool};

const BIN: &str = env!("CARGO_BIN_EXE_feedwright");

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn article(title: &str, day: u32) -> String {
    format!("---\ntitle: {title}\ndate: 2026-01-{day:02}\n---\nThe body of {title}.\n")
}

/// A site with `n` articles.
fn site_with(n: usize) -> Site {
    let site = Site::new();
    for i in 0..n {
        site.write(&format!("articles/post-{i:05}.md"), article(&format!("Post {i}"), 1 + (i % 28) as u32));
    }
    site
}

#[test]
fn quiet_prints_nothing_on_success_and_verbose_says_what_was_skipped() {
    let site = site_with(2);
    site.write("articles/_index.md", "---\ntitle: Section\n---\n");
    site.write("articles/.draft-notes.md", "scratch");
    site.write("articles/photo.jpg", "not text");
    site.write("articles/trip/index.md", article("Trip", 3));
    site.write("articles/trip/map.png", "image");

    let out = site.run(&["build", "-v"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    for skipped in [
        "info: skipped articles/_index.md: a section page",
        "info: skipped articles/.draft-notes.md: hidden",
        "info: skipped articles/photo.jpg: not an article file",
        "info: skipped articles/trip/map.png: a resource of a page bundle",
        "info: no build cache to compare with",
        "info: 0 of 3 article files taken from the build cache",
    ] {
        assert!(stderr.contains(skipped), "no `{skipped}` in:\n{stderr}");
    }
    assert!(stderr.contains("built 3 feeds"), "{stderr}");
    // Without -v, none of it.
    let out = site.run(&["build"]);
    assert!(!text(&out.stderr).contains("info:"), "{}", text(&out.stderr));
    // The flag goes before or after the subcommand.
    let out = site.run(&["-v", "build"]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("info: feeds/rss.xml unchanged: left as it was"), "{stderr}");

    let out = site.run(&["build", "--quiet"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "");
    // -q on every subcommand; never with -v.
    for args in [&["list", "-q"][..], &["-q", "check", "feeds/rss.xml"], &["new", "-q", "Another"]] {
        let out = site.run(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
    let out = site.run(&["build", "-q", "-v"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot be used with"), "{}", text(&out.stderr));
}

#[test]
fn verbose_says_what_the_cache_saved_and_excluded_files() {
    let site = Site::with_config(&format!("{}\n[articles]\nexclude = [\"old/**\"]\n", crate::util::CONFIG));
    site.write("articles/a.md", article("A", 1));
    site.write("articles/old/b.md", article("B", 2));
    let stderr = text(&site.run(&["build", "-v"]).stderr);
    assert!(stderr.contains("info: skipped articles/old/b.md: left out by `[articles] include`/`exclude`"), "{stderr}");
    // The cache trusts only stamps older than a moment; settle them.
    let settled = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let file = std::fs::File::options().write(true).open(site.path().join("articles/a.md")).unwrap();
    file.set_modified(settled).unwrap();
    site.run(&["build"]);
    let stderr = text(&site.run(&["build", "-v"]).stderr);
    assert!(stderr.contains("info: nothing changed since the last build"), "{stderr}");
}

/// `feedwright build` on a pseudo-terminal (`script`), with `env`; returns
/// everything the terminal showed.
fn build_on_a_terminal(site: &Site, args: &str, env: &[(&str, &str)]) -> String {
    let mut command = Command::new("script");
    command.args(["-qec", &format!("{BIN} build {args}"), "/dev/null"]).current_dir(site.path()).env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command.envs([("TZ", "UTC"), ("LANG", "C"), ("TERM", "xterm")]).envs(env.iter().copied());
    let output = command.output().unwrap_or_else(|err| {
        panic!("cannot run `script` ({err}); install it with: apt-get install -y bsdutils (or run `make test`)")
    });
    assert!(output.status.success(), "{}", text(&output.stdout));
    text(&output.stdout)
}

/// Test-only: progress appears after this many milliseconds instead of a second.
const SOON: (&str, &str) = ("FEEDWRIGHT_TEST_PROGRESS_AFTER_MS", "20");

#[test]
fn progress_shows_on_a_terminal_and_never_in_a_pipe() {
    // Big enough that the build outlasts the (lowered) delay.
    let site = site_with(1500);
    let shown = build_on_a_terminal(&site, "", &[SOON]);
    let stages = ["finding", "reading", "rendering", "formatting", "checking", "writing"];
    assert!(stages.iter().any(|stage| shown.contains(stage)), "no progress on the terminal:\n{shown}");
    // Cleared before the summary, which comes last.
    let summary = shown.rfind("built 3 feeds").expect("a summary");
    assert!(stages.iter().all(|stage| shown.rfind(stage).is_none_or(|at| at < summary)), "{shown:?}");

    // Never in CI logs, with -q, or in a pipe.
    for (args, env) in [("", &[SOON, ("CI", "true")][..]), ("-q", &[SOON])] {
        let shown = build_on_a_terminal(&site, args, env);
        assert!(!stages.iter().any(|stage| shown.contains(stage)), "{args} {env:?}:\n{shown}");
    }
    let piped = site.run_in_env(&["build"], &[SOON]);
    let stderr = text(&piped.stderr);
    assert!(!stderr.contains('\u{1b}') && !stages.iter().any(|stage| stderr.contains(stage)), "{stderr}");
}

#[test]
fn a_quick_build_shows_no_progress_even_on_a_terminal() {
    let site = site_with(2);
    let shown = build_on_a_terminal(&site, "", &[]);
    assert!(!shown.contains("reading") && !shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("built 3 feeds"), "{shown}");
}

fn feedwright(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run feedwright")
}

const SUBCOMMANDS: [&str; 9] = ["build", "new", "list", "check", "adopt", "ping", "serve", "completions", "man"];

#[test]
fn completions_load_in_bash_and_every_shell_names_the_subcommands() {
    let script = format!("source <({BIN} completions bash) && complete -p feedwright");
    let output = run_tool("bash", &["-c".as_ref(), script.as_ref()], "apt-get install -y bash");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("feedwright"), "{}", text(&output.stdout));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = feedwright(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", text(&output.stderr));
        let script = text(&output.stdout);
        for name in SUBCOMMANDS {
            assert!(script.contains(name), "{shell}: no `{name}`");
        }
    }
    let output = feedwright(&["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
}

/// `man -l FILE` with a fixed width and no pager: the page as text.
fn man(page: &std::path::Path) -> String {
    let output = Command::new("man")
        .arg("-l")
        .arg(page)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .unwrap_or_else(|err| {
            panic!("cannot run `man` ({err}); install it with: apt-get install -y man-db (or run `make test`)")
        });
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout)
}

#[test]
fn man_renders_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("feedwright.1");
    std::fs::write(&page, feedwright(&["man"]).stdout).unwrap();
    let shown = man(&page);
    assert!(shown.contains("feedwright - Turns a folder of articles"), "{shown}");
    assert!(shown.contains("--verbose") && shown.contains("Exit codes:"), "{shown}");
    for name in SUBCOMMANDS {
        assert!(shown.contains(&format!("feedwright-{name}(1)")), "no `{name}` in:\n{shown}");
    }
    std::fs::write(&page, feedwright(&["man", "build"]).stdout).unwrap();
    let shown = man(&page);
    assert!(shown.contains("feedwright-build") && shown.contains("--deny-warnings"), "{shown}");

    let out = dir.path().join("man1");
    std::fs::create_dir(&out).unwrap();
    assert!(feedwright(&["man", "--out", out.to_str().unwrap()]).status.success());
    for name in SUBCOMMANDS {
        let shown = man(&out.join(format!("feedwright-{name}.1")));
        assert!(shown.contains(&format!("feedwright-{name}")), "{shown}");
    }
    assert!(out.join("feedwright.1").is_file());
    let output = feedwright(&["man", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("the subcommands are init, build, new, list"), "{}", text(&output.stderr));
}

#[test]
fn timings_line_up_in_columns() {
    let site = site_with(3);
    let out = site.run(&["build", "--timings"]);
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|line| line.starts_with("timing: ")).collect();
    assert!(lines.len() >= 5, "{stderr}");
    assert!(lines.last().unwrap().starts_with("timing: total "), "{stderr}");
    // Every line as long as the others, the numbers ending in one column.
    assert!(lines.iter().all(|line| line.len() == lines[0].len()), "{stderr}");
    let ms_at: Vec<usize> = lines.iter().map(|line| line.find(" ms ").unwrap()).collect();
    assert!(ms_at.iter().all(|&at| at == ms_at[0]), "{stderr}");
    assert!(lines.iter().all(|line| line.ends_with('%')), "{stderr}");
}

#[test]
fn check_takes_a_folder_and_refuses_a_url() {
    let site = site_with(2);
    site.build_ok();
    site.write("feeds/index.xml", site.read("feeds/atom.xml"));
    site.write("feeds/sitemap.xml", "<?xml version=\"1.0\"?><urlset/>");
    let out = site.run(&["check", "feeds"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "checked 4 files: 0 errors, 0 warnings\n");
    let out = site.run(&["check", "--format", "json", "feeds"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = report["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(names, ["feeds/atom.xml", "feeds/feed.json", "feeds/index.xml", "feeds/rss.xml"]);
    // A broken feed in the folder fails the check.
    site.write("feeds/rss.xml", "<rss version=\"2.0\"><channel>");
    assert_eq!(site.run(&["check", "feeds"]).status.code(), Some(1));

    let out = site.run(&["check", "articles"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("error: cannot read `articles`: a folder with no feed in it"),
        "{}",
        text(&out.stderr)
    );

    let out = site.run(&["check", "https://example.com/feed.xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: `https://example.com/feed.xml` is a URL: `feedwright check` reads files, folders or `-` (standard input)\n  \
         help: download it and check what arrives: curl -s 'https://example.com/feed.xml' | feedwright check -\n"
    );
}

#[test]
fn make_installs_the_completions_and_man_pages_under_prefix() {
    let prefix = tempfile::tempdir().unwrap();
    let output = Command::new("make")
        .args(["-s", "install-extras"])
        .arg(format!("PREFIX={}", prefix.path().display()))
        .arg(format!("FEEDWRIGHT={BIN}"))
        .current_dir(crate::util::repo())
        .output()
        .unwrap_or_else(|err| panic!("cannot run `make` ({err}); install it with: apt-get install -y make"));
    assert!(output.status.success(), "{}", text(&output.stderr));
    for file in [
        "share/bash-completion/completions/feedwright",
        "share/zsh/site-functions/_feedwright",
        "share/fish/vendor_completions.d/feedwright.fish",
        "share/man/man1/feedwright.1",
        "share/man/man1/feedwright-build.1",
    ] {
        let path = prefix.path().join(file);
        assert!(std::fs::metadata(&path).is_ok_and(|m| m.len() > 100), "{file} missing or empty");
    }
}

//! How diagnostics look: the first line as before (`error: file:line:
//! message`), the snippet under it (the line, a caret, the code, the hint),
//! colour with `--color` and on a terminal, none with `NO_COLOR`, and paths
//! relative to where the command was run.

use std::process::Command;

use crate::util::{CONFIG, Site};

/// 2026-12-06T12:00:00Z: the build clock, so `2062` is decades ahead.
const EPOCH: &str = "1796558400";

/// A site with one problem of each kind the snippets show.
fn troubled_site() -> Site {
    let site = Site::new();
    site.write("articles/colon.md", "---\ntitle: Colon: in: title\ndate: 2026-01-02\n---\nBody.\n");
    site.write("articles/typo.md", "---\ntitle: Typo\ndate: 2026-01-03\ntagz: [a]\n---\nBody.\n");
    site.write("articles/types.md", "---\ntitle: Types\ndate: 2026-01-04\ntags: {a: 1}\n---\nBody.\n");
    site.write("articles/future.md", "---\ntitle: Far\ndate: 2062-01-02\n---\nBody.\n");
    site.write("articles/fine.md", "---\ntitle: Fine\ndate: 2026-01-05\n---\nBody.\n");
    site
}

fn stderr_of(site: &Site, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut all = vec![("TZ", "UTC"), ("LANG", "C"), ("SOURCE_DATE_EPOCH", EPOCH)];
    all.extend_from_slice(env);
    let output = site.run_in_env(args, &all);
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Escape characters made visible, so a snapshot shows the colours.
fn visible(text: &str) -> String {
    text.replace('\u{1b}', "␛")
}

#[test]
fn snippets_plain_when_piped() {
    let site = troubled_site();
    let stderr = stderr_of(&site, &["build"], &[]);
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    insta::assert_snapshot!("diagnostics-plain", stderr);
}

#[test]
fn warnings_of_a_successful_build_and_the_far_future_date() {
    let site = troubled_site();
    for bad in ["colon", "types"] {
        std::fs::remove_file(site.path().join(format!("articles/{bad}.md"))).unwrap();
    }
    let stderr = stderr_of(&site, &["build"], &[]);
    insta::assert_snapshot!("diagnostics-warnings", stderr);
}

#[test]
fn snippets_coloured_with_color_always() {
    let site = troubled_site();
    let stderr = stderr_of(&site, &["build", "--color", "always"], &[]);
    assert!(stderr.contains("\u{1b}[1m\u{1b}[31merror\u{1b}[0m"), "errors are red: {stderr}");
    assert!(stderr.contains("\u{1b}[1m\u{1b}[33mwarning\u{1b}[0m"), "warnings are yellow: {stderr}");
    insta::assert_snapshot!("diagnostics-coloured", visible(&stderr));
    // `--color` is global: it may come before the subcommand too.
    assert_eq!(stderr_of(&site, &["--color", "always", "build"], &[]), stderr);
    // An explicit `--color always` wins over NO_COLOR (no-color.org).
    assert_eq!(stderr_of(&site, &["build", "--color=always"], &[("NO_COLOR", "1")]), stderr);
}

#[test]
fn color_never_and_auto_in_a_pipe_are_plain() {
    let site = troubled_site();
    let plain = stderr_of(&site, &["build"], &[]);
    assert_eq!(stderr_of(&site, &["build", "--color", "never"], &[]), plain);
    assert_eq!(stderr_of(&site, &["build", "--color", "auto"], &[]), plain);
}

/// `script` gives the command a pseudo-terminal, as a user's shell would.
fn on_a_terminal(site: &Site, command: &str, env: &[(&str, &str)]) -> Option<String> {
    let binary = env!("CARGO_BIN_EXE_feedwright");
    let mut script = Command::new("script");
    script
        .args(["-qec", &format!("{binary} {command}"), "/dev/null"])
        .current_dir(site.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .envs(env.iter().copied());
    // Without `script` (util-linux) there is no terminal to test with.
    let output = script.output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn auto_colour_on_a_terminal_and_none_with_no_color() {
    let site = troubled_site();
    let Some(tty) = on_a_terminal(&site, "build", &[]) else {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    };
    assert!(tty.contains("\u{1b}[1m\u{1b}[31merror\u{1b}[0m"), "auto colour on a terminal: {tty:?}");
    let no_color = on_a_terminal(&site, "build", &[("NO_COLOR", "1")]).unwrap();
    assert!(no_color.contains("error: articles/colon.md:2:"), "{no_color:?}");
    assert!(!no_color.contains('\u{1b}'), "NO_COLOR turns auto colour off: {no_color:?}");
    let empty = on_a_terminal(&site, "build", &[("NO_COLOR", "")]).unwrap();
    assert!(empty.contains('\u{1b}'), "an empty NO_COLOR is unset: {empty:?}");
    let never = on_a_terminal(&site, "build --color never", &[]).unwrap();
    assert!(!never.contains('\u{1b}'), "{never:?}");
}

#[test]
fn paths_relative_to_where_the_command_ran() {
    let outer = Site::empty();
    let site = outer.path().join("blog");
    std::fs::create_dir_all(site.join("articles")).unwrap();
    std::fs::write(site.join("feedwright.toml"), CONFIG).unwrap();
    std::fs::write(site.join("articles/typo.md"), "---\ntitle: Typo\ndate: 2026-01-03\ntagz: [a]\n---\nBody.\n")
        .unwrap();
    let stderr = stderr_of(&outer, &["build", "--config", "blog/feedwright.toml"], &[]);
    assert!(
        stderr.starts_with("warning: blog/articles/typo.md:4: unknown front matter key `tagz` is ignored\n"),
        "{stderr}"
    );
    assert!(stderr.contains("4 | tagz: [a]"), "{stderr}");
    // The JSON report keeps naming files from the site folder.
    let output = outer.run_in_env(
        &["build", "--config", "blog/feedwright.toml", "--report", "json"],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("\"articles/typo.md\""), "{report}");
    // A configuration error names the file as it was given.
    std::fs::write(site.join("feedwright.toml"), CONFIG.replace("entries = \"all\"", "entries = \"some\"")).unwrap();
    let stderr = stderr_of(&outer, &["build", "--config", "blog/feedwright.toml"], &[]);
    insta::assert_snapshot!("diagnostics-config", stderr);
}

#[test]
fn config_type_errors_say_what_is_allowed() {
    for (line, expected) in [
        ("author = 3", "expected a table with `name` (and optionally `email` and `uri`)"),
        ("permalink = [\"x\"]", "invalid type: list, expected a string"),
    ] {
        let site = Site::with_config(
            &CONFIG.replace("author = { name = \"Site Author\", email = \"author@example.com\" }", line),
        );
        let stderr = stderr_of(&site, &["build"], &[]);
        assert!(stderr.contains(expected), "{line}: {stderr}");
        assert!(!stderr.contains("struct") && !stderr.contains("enum") && !stderr.contains("sequence"), "{stderr}");
    }
}

#[test]
fn a_diagnostic_without_a_line_keeps_its_one_line_form() {
    let site = Site::new();
    site.write("articles/a.md", b"---\ntitle: A\ndate: 2026-01-02\nslug: ../../etc\n---\nBody.\n");
    let stderr = stderr_of(&site, &["build"], &[]);
    // The file changed since it was read or has no line: no snippet.
    let site = Site::new();
    let stderr_missing = stderr_of(&site, &["build", "--config", "nope.toml"], &[]);
    assert_eq!(
        stderr_missing.lines().next().unwrap(),
        "error: nope.toml: cannot read the configuration: No such file or directory (os error 2)"
    );
    assert!(stderr_missing.lines().nth(1).unwrap().starts_with("  help: "), "{stderr_missing}");
    assert!(stderr.contains("4 | slug: ../../etc"), "{stderr}");
}

#[test]
fn every_type_error_in_the_front_matter_not_just_the_first() {
    let site = Site::new();
    site.write("articles/y.md", "---\ntitle: Y\ndate: [1]\ntags: {a: 1}\ndraft: maybe\n---\nBody.\n");
    site.write("articles/t.md", "+++\ntitle = 'T'\ndate = 2026-01-02\ntags = 7\ndraft = 'maybe'\n+++\nBody.\n");
    let stderr = crate::util::one_line_form(&stderr_of(&site, &["build"], &[]));
    let firsts: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        firsts,
        [
            "error: articles/t.md:4: front matter: tags: invalid type: integer `7`, expected a list of strings",
            "error: articles/t.md:5: front matter: invalid type: string \"maybe\", expected a boolean",
            "error: articles/y.md:3: front matter: date: invalid type: list, expected a date such as \"2026-01-30\" or \"2026-01-30T18:00:00-08:00\"",
            "error: articles/y.md:4: front matter: tags: invalid type: map, expected a list of strings",
            "error: articles/y.md:5: front matter: draft: invalid type: string \"maybe\", expected a boolean",
            "error: build failed: 5 article errors; no feed was written",
        ]
    );
}

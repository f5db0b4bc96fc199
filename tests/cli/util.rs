//! Test sites in temporary folders, the binary run on them, and the external
//! validators and readers the feeds are checked with.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site folder: `feedwright.toml` plus `articles/`, in a temporary folder.
pub(crate) struct Site {
    dir: tempfile::TempDir,
}

pub(crate) const CONFIG: &str = r#"[site]
title = "Test & <Site>"
url = "https://example.com/"
description = "A site for tests"
language = "en"
timezone = "America/Los_Angeles"
author = { name = "Site Author", email = "author@example.com" }

[feeds]
entries = "all"
"#;

impl Site {
    pub(crate) fn new() -> Self {
        Self::with_config(CONFIG)
    }

    pub(crate) fn with_config(config: &str) -> Self {
        let site = Site { dir: tempfile::tempdir().expect("temp dir") };
        site.write("feedwright.toml", config);
        std::fs::create_dir_all(site.path().join("articles")).unwrap();
        site
    }

    /// A temporary folder with nothing in it (the caller writes the site).
    pub(crate) fn empty() -> Self {
        Site { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    pub(crate) fn read(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.path().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    pub(crate) fn read_string(&self, relative: &str) -> String {
        String::from_utf8(self.read(relative)).unwrap()
    }

    /// `feedwright ARGS` in the site folder, with only PATH, TZ and LANG set.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.run_in_env(args, &[("TZ", "UTC"), ("LANG", "C")])
    }

    pub(crate) fn run_in_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_feedwright"));
        command.args(args).current_dir(self.path()).env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            command.env("PATH", path);
        }
        command.envs(env.iter().copied());
        command.output().expect("run feedwright")
    }

    /// Builds and asserts success; returns stderr in its one-line form
    /// (`one_line_form`).
    pub(crate) fn build_ok(&self) -> String {
        let output = self.run(&["build"]);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "build failed:\n{stderr}");
        one_line_form(&stderr)
    }

    /// Builds and asserts failure with `code`; returns stderr in its
    /// one-line form (`one_line_form`).
    pub(crate) fn build_fails(&self, code: i32) -> String {
        let output = self.run(&["build"]);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(code), "wrong exit code; stderr:\n{stderr}");
        one_line_form(&stderr)
    }

    pub(crate) fn feed_paths(&self) -> [PathBuf; 3] {
        ["rss.xml", "atom.xml", "feed.json"].map(|f| self.path().join("feeds").join(f))
    }
}

/// The repository's own folders.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn schema(name: &str) -> PathBuf {
    repo().join("tests/fixtures/schemas").join(name)
}

/// `git ARGS` in `dir` with a fixed identity and no system or user
/// configuration, plus `env`; fails the test (naming the install command)
/// when git is missing or the command fails. Returns stdout.
pub(crate) fn git(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|err| panic!("cannot run `git` ({err}); install it with: apt-get install -y git"));
    assert!(output.status.success(), "git {args:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs an external program the tests depend on; a missing one fails the
/// test with the command that installs it (never a silent skip).
pub(crate) fn run_tool(program: &str, args: &[&std::ffi::OsStr], install: &str) -> Output {
    match Command::new(program).args(args).output() {
        Ok(output) => output,
        Err(err) => panic!("cannot run `{program}` ({err}); install it with: {install} (or run `make test`)"),
    }
}

/// Validates XML files against a RELAX NG schema with both xmllint and jing.
pub(crate) fn assert_relaxng(schema_name: &str, files: &[PathBuf]) {
    let schema = schema(schema_name);
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["--noout".as_ref(), "--nonet".as_ref(), "--relaxng".as_ref(), schema.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let output = run_tool("xmllint", &args, "apt-get install -y libxml2-utils");
    assert!(
        output.status.success(),
        "xmllint --relaxng {schema_name} rejected a feed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut args: Vec<&std::ffi::OsStr> = vec![schema.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let output = run_tool("jing", &args, "apt-get install -y jing");
    assert!(
        output.status.success(),
        "jing {schema_name} rejected a feed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Validates JSON Feed files against our JSON Schema with the jsonschema crate.
pub(crate) fn assert_json_schema(files: &[PathBuf]) {
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(schema("jsonfeed-1.1.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).expect("schema compiles");
    for file in files {
        let document: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&document).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{} fails the JSON Feed schema:\n{}", file.display(), errors.join("\n"));
    }
}

/// Diagnostics as they read without their snippets: the first line, then
/// `  help: hint`. Tests of what a message says compare this form; the
/// snippets themselves (line, caret, code) are tested in `diagnostics.rs`.
pub(crate) fn one_line_form(stderr: &str) -> String {
    let mut out = String::with_capacity(stderr.len());
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        let gutter = trimmed.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start();
        if let Some(hint) = trimmed.strip_prefix("= help: ") {
            out.push_str("  help: ");
            out.push_str(hint);
        } else if gutter.starts_with('|') {
            continue;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

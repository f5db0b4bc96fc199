//! The CI integrations (issue 18): the GitHub Action's script
//! (`scripts/ci/action.sh`, which `action.yml` runs), the pre-commit hooks
//! through the real `pre-commit` tool, and the recipes docs/ci.md copies
//! from tests/fixtures/ci/, each run here as written as far as this machine
//! allows (no network: installs are skipped by putting the built binary
//! first on PATH, pushes go to a local bare repository).

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

use serde_yaml_ng::Value;

use crate::util::{CONFIG, Site, git, repo};

/// A folder holding this build's `feedwright` (and nothing else), to put
/// first on PATH, as the action's install step does.
fn bin_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_feedwright"), dir.path().join("feedwright")).unwrap();
    dir
}

fn path_with(bin: &Path) -> String {
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default())
}

fn article(title: &str, date: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n\nThe body of {title}.\n")
}

/// `date` on line 3 cannot be read; `tgs` on line 4 is a misspelt key.
const BROKEN: &str = "---\ntitle: \"Broken, on purpose: 100%\"\ndate: not-a-date\ntgs: [x]\n---\n\nBody.\n";

/// A repository folder with a site in `blog/` (a site in a sub-folder, so
/// paths must be turned from the site's into the repository's).
fn workspace() -> Site {
    let ws = Site::empty();
    ws.write("blog/feedwright.toml", CONFIG);
    ws.write("blog/articles/first.md", article("First", "2026-01-05T10:00:00Z"));
    ws
}

struct ActionRun {
    output: Output,
    outputs: HashMap<String, String>,
    annotations: Vec<String>,
}

/// `action.sh run` in `dir` as action.yml runs it: inputs in the
/// environment, outputs in $GITHUB_OUTPUT.
fn action(dir: &Path, inputs: &[(&str, &str)]) -> ActionRun {
    let bin = bin_dir();
    let temp = tempfile::tempdir().unwrap();
    let outputs_file = temp.path().join("github_output");
    let output = Command::new("bash")
        .arg(repo().join("scripts/ci/action.sh"))
        .arg("run")
        .current_dir(dir)
        .env_clear()
        .env("PATH", path_with(bin.path()))
        .env("TZ", "UTC")
        .env("LANG", "C")
        .env("GITHUB_OUTPUT", &outputs_file)
        .env("RUNNER_TEMP", temp.path())
        .envs(inputs.iter().copied())
        .output()
        .expect("run bash");
    let written = std::fs::read_to_string(&outputs_file).unwrap_or_default();
    let outputs = written.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.into(), v.into())).collect();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let annotations = stdout.lines().filter(|l| l.starts_with("::")).map(str::to_owned).collect();
    ActionRun { output, outputs, annotations }
}

fn titles(list: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(list).unwrap_or_else(|e| panic!("{list}: {e}"));
    value.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_owned()).collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn action_script_lists_new_entries_and_annotates_broken_articles() {
    let ws = workspace();
    let site = [("FEEDWRIGHT_SITE", "blog")];
    let first = action(ws.path(), &site);
    assert!(first.output.status.success(), "{}", stderr(&first.output));
    assert_eq!(titles(&first.outputs["added"]), ["First"], "each entry once, not once per feed");

    // Fresh: nothing to announce.
    let fresh = action(ws.path(), &site);
    assert!(fresh.output.status.success(), "{}", stderr(&fresh.output));
    assert_eq!((fresh.outputs["added"].as_str(), fresh.outputs["added-count"].as_str()), ("[]", "0"));
    assert_eq!((fresh.outputs["status"].as_str(), fresh.outputs["exit-code"].as_str()), ("ok", "0"));
    assert!(fresh.annotations.is_empty(), "{:?}", fresh.annotations);

    // A new article: `build --check` says the feeds are stale and names it,
    // then `build` lists it as added.
    ws.write("blog/articles/second.md", article("Second", "2026-01-06T10:00:00Z"));
    let stale = action(ws.path(), &[site[0], ("FEEDWRIGHT_COMMAND", "build --check")]);
    assert_eq!(stale.output.status.code(), Some(1), "{}", stderr(&stale.output));
    assert_eq!((stale.outputs["status"].as_str(), titles(&stale.outputs["added"])), ("stale", vec!["Second".into()]));
    assert_eq!(
        stale.annotations,
        [
            "::error file=blog/feeds/rss.xml,title=stale-feed::feeds/rss.xml is out of date: 1 added, 0 changed, 0 removed\
             %0Ahelp: run `feedwright build` and commit the feeds",
            "::error file=blog/feeds/atom.xml,title=stale-feed::feeds/atom.xml is out of date: 1 added, 0 changed, 0 removed\
             %0Ahelp: run `feedwright build` and commit the feeds",
            "::error file=blog/feeds/feed.json,title=stale-feed::feeds/feed.json is out of date: 1 added, 0 changed, 0 removed\
             %0Ahelp: run `feedwright build` and commit the feeds",
        ]
    );
    let direct = ws.run(&["build", "--check", "--config", "blog/feedwright.toml", "--report", "github"]);
    assert_eq!(String::from_utf8_lossy(&direct.stdout).lines().collect::<Vec<_>>(), stale.annotations);
    let built = action(ws.path(), &site);
    assert!(built.output.status.success(), "{}", stderr(&built.output));
    assert_eq!(titles(&built.outputs["added"]), ["Second"]);
    assert_eq!(built.outputs["added-count"], "1");
    assert_eq!((built.outputs["changed"].as_str(), built.outputs["removed"].as_str()), ("[]", "[]"));
    assert!(built.outputs["report"].ends_with("/feedwright-report.json"), "in RUNNER_TEMP");

    // A broken article: annotations at its file (from the repository root)
    // and line, a failing exit, and a SARIF file for code scanning.
    ws.write("blog/articles/broken.md", BROKEN);
    let sarif = ws.path().join("findings.sarif");
    let broken = action(ws.path(), &[site[0], ("FEEDWRIGHT_SARIF", sarif.to_str().unwrap())]);
    assert_eq!(broken.output.status.code(), Some(1), "{}", stderr(&broken.output));
    assert_eq!((broken.outputs["status"].as_str(), broken.outputs["exit-code"].as_str()), ("failed", "1"));
    assert!(
        broken
            .annotations
            .iter()
            .any(|a| a.starts_with("::error file=blog/articles/broken.md,line=3,title=invalid-date::")),
        "{:?}",
        broken.annotations
    );
    assert!(
        broken
            .annotations
            .iter()
            .any(|a| a.starts_with("::warning file=blog/articles/broken.md,line=4,title=unknown-key::")),
        "{:?}",
        broken.annotations
    );
    // The action's annotations are `build --report github`'s, line for line.
    let direct = ws.run(&["build", "--config", "blog/feedwright.toml", "--report", "github"]);
    let direct: Vec<String> = String::from_utf8_lossy(&direct.stdout).lines().map(str::to_owned).collect();
    assert_eq!(broken.annotations, direct);
    let sarif: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "blog/articles/broken.md");
}

#[test]
fn action_script_checks_feed_files() {
    let ws = workspace();
    let built = action(ws.path(), &[("FEEDWRIGHT_SITE", "blog")]);
    assert!(built.output.status.success(), "{}", stderr(&built.output));
    let check = [("FEEDWRIGHT_SITE", "blog"), ("FEEDWRIGHT_COMMAND", "check")];
    let clean = action(ws.path(), &check);
    assert!(clean.output.status.success(), "{}", stderr(&clean.output));
    assert_eq!((clean.outputs["status"].as_str(), clean.outputs["added"].as_str()), ("ok", "[]"));
    let rss = ws.read_string("blog/feeds/rss.xml").replace("<pubDate>", "<pubDate>not a date ");
    ws.write("blog/feeds/rss.xml", rss);
    let broken = action(ws.path(), &check);
    assert_eq!(broken.output.status.code(), Some(1), "{}", stderr(&broken.output));
    assert!(
        broken.annotations.iter().any(|a| a.starts_with("::error file=blog/feeds/rss.xml,line=")),
        "{:?}",
        broken.annotations
    );
}

#[test]
fn action_cache_key_is_the_version_and_the_source() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("out");
    let output = Command::new("bash")
        .arg(repo().join("scripts/ci/action.sh"))
        .arg("key")
        .env("GITHUB_OUTPUT", &file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let written = std::fs::read_to_string(&file).unwrap();
    let key = written.trim().strip_prefix("key=").unwrap();
    let (version, digest) = key.split_once('-').unwrap();
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    assert!(digest.len() == 16 && digest.chars().all(|c| c.is_ascii_hexdigit()), "{key}");
}

fn yaml(relative: &str) -> Value {
    let text = std::fs::read_to_string(repo().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{relative} is not YAML: {e}"))
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_else(|| panic!("`{key}` missing in {value:?}"))
}

/// Whether `program` is a shell builtin or on PATH (with feedwright's).
fn command_exists(program: &str) -> bool {
    let bin = bin_dir();
    Command::new("bash")
        .args(["-c", "command -v \"$0\"", program])
        .env("PATH", path_with(bin.path()))
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn action_yml_parses_and_runs_only_what_exists() {
    let action = yaml("action.yml");
    assert_eq!(str_of(&action["runs"], "using"), "composite");
    let inputs = action["inputs"].as_mapping().unwrap();
    let text = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    for used in text.split("inputs.").skip(1) {
        let name: String = used.chars().take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_').collect();
        assert!(inputs.contains_key(name.as_str()), "action.yml uses an undeclared input `{name}`");
    }
    for step in action["runs"]["steps"].as_sequence().unwrap() {
        if let Some(uses) = step["uses"].as_str() {
            let (name, version) = uses.split_once('@').unwrap();
            assert!(name.split('/').count() >= 2 && version.starts_with('v'), "pin `{uses}` to a major version");
            continue;
        }
        assert_eq!(str_of(step, "shell"), "bash", "{step:?}");
        for line in str_of(step, "run").lines() {
            let program = line.split_whitespace().next().unwrap();
            assert!(command_exists(program), "action.yml runs `{program}`, which is not installed");
            for script in line.split("$GITHUB_ACTION_PATH/").skip(1) {
                let script = script.split(['"', ' ']).next().unwrap();
                assert!(repo().join(script).is_file(), "action.yml runs {script}, which is not in the repository");
            }
            if line.contains("cargo install") {
                assert!(line.contains("--path \"$GITHUB_ACTION_PATH\""), "install from the action's own source");
            }
        }
    }
    // Every output is one the script writes (checked on a real run).
    let ws = workspace();
    let run = self::action(ws.path(), &[("FEEDWRIGHT_SITE", "blog")]);
    for (name, output) in action["outputs"].as_mapping().unwrap() {
        let name = name.as_str().unwrap();
        assert_eq!(str_of(output, "value"), format!("${{{{ steps.run.outputs.{name} }}}}"));
        assert!(run.outputs.contains_key(name), "action.sh does not write output `{name}`");
    }
}

/// `pre-commit ARGS` in `dir`, with its cache in a temporary folder and
/// this build's feedwright first on PATH; fails the test (with the install
/// command) when pre-commit is missing.
fn pre_commit(dir: &Path, home: &Path, bin: &Path, args: &[&str]) -> Output {
    Command::new("pre-commit")
        .args(args)
        .current_dir(dir)
        .env("PATH", path_with(bin))
        .env("PRE_COMMIT_HOME", home)
        .env("PRE_COMMIT_COLOR", "never")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("TZ", "UTC")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `pre-commit` ({e}); install it with: python3 -m pip install pre-commit (or run `make test`)"
            )
        })
}

fn all_output(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn hook_manifest_and_recipe_config_are_valid() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_sequence().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| str_of(h, "id")).collect();
    assert_eq!(ids, ["feedwright-check", "feedwright-build-check"]);
    for hook in hooks {
        // No language that installs anything: the hooks run the feedwright
        // the user installed, and the tests need no network.
        assert_eq!(str_of(hook, "language"), "system");
        let entry: Vec<&str> = str_of(hook, "entry").split_whitespace().collect();
        let bin = bin_dir();
        let help = Command::new(bin.path().join(entry[0])).args(&entry[1..]).arg("--help").output().unwrap();
        assert!(help.status.success(), "`{} --help` fails: {}", entry.join(" "), stderr(&help));
    }
    let recipe = yaml("tests/fixtures/ci/pre-commit-config.yaml");
    for hook in recipe["repos"][0]["hooks"].as_sequence().unwrap() {
        assert!(ids.contains(&str_of(hook, "id")), "{hook:?}");
    }
    // pre-commit's own schema checks.
    let (home, bin) = (tempfile::tempdir().unwrap(), bin_dir());
    for args in [
        ["validate-manifest", ".pre-commit-hooks.yaml"],
        ["validate-config", "tests/fixtures/ci/pre-commit-config.yaml"],
    ] {
        let output = pre_commit(&repo(), home.path(), bin.path(), &args);
        assert!(output.status.success(), "pre-commit {args:?}:\n{}", all_output(&output));
    }
}

/// A throwaway site repository with its feeds built and committed.
fn site_repo() -> Site {
    let site = Site::new();
    site.write("articles/first.md", article("First", "2026-01-05T10:00:00Z"));
    site.write(".gitignore", ".feedwright-cache/\nfeeds/.feedwright.lock\n");
    site.build_ok();
    git(site.path(), &["init", "-q", "-b", "main"], &[]);
    git(site.path(), &["add", "-A"], &[]);
    git(site.path(), &["commit", "-q", "-m", "site"], &[]);
    site
}

#[test]
fn pre_commit_hooks_pass_on_fresh_feeds_and_fail_on_broken_or_stale_ones() {
    let site = site_repo();
    let (home, bin) = (tempfile::tempdir().unwrap(), bin_dir());
    let repo_dir = repo();
    let try_repo = |hook: &str| {
        let repo_arg = repo_dir.to_str().unwrap();
        pre_commit(site.path(), home.path(), bin.path(), &["try-repo", repo_arg, hook, "--all-files"])
    };
    for hook in ["feedwright-check", "feedwright-build-check"] {
        let output = try_repo(hook);
        assert!(output.status.success(), "{hook} on fresh feeds:\n{}", all_output(&output));
    }

    // A broken feed being committed: the check fails, naming file and line.
    let rss = site.read_string("feeds/rss.xml");
    site.write("feeds/rss.xml", rss.replace("<pubDate>", "<pubDate>not a date "));
    git(site.path(), &["add", "feeds/rss.xml"], &[]);
    let output = try_repo("feedwright-check");
    let said = all_output(&output);
    assert!(!output.status.success(), "{said}");
    assert!(said.contains("feeds/rss.xml:") && said.contains("error[InvalidRFC2822Date]"), "{said}");
    git(site.path(), &["checkout", "HEAD", "--", "feeds/rss.xml"], &[]);

    // A new article without a rebuild: the committed feeds are stale.
    site.write("articles/second.md", article("Second", "2026-01-06T10:00:00Z"));
    git(site.path(), &["add", "articles/second.md"], &[]);
    let output = try_repo("feedwright-build-check");
    let said = all_output(&output);
    assert!(!output.status.success(), "{said}");
    assert!(said.contains("feeds/rss.xml is out of date: 1 added") && said.contains("Second"), "{said}");
}

#[test]
fn docs_show_the_recipes_the_tests_run() {
    let docs = std::fs::read_to_string(repo().join("docs/ci.md")).unwrap();
    for (file, fence) in [
        ("github-workflow.yml", "```yaml\n"),
        ("pre-commit-config.yaml", "```yaml\n"),
        ("gitlab-ci.yml", "```yaml\n"),
        ("Makefile", "```make\n"),
    ] {
        let recipe = std::fs::read_to_string(repo().join("tests/fixtures/ci").join(file)).unwrap();
        assert!(
            docs.contains(&format!("{fence}{recipe}```\n")),
            "docs/ci.md must show tests/fixtures/ci/{file} verbatim, in a {} block",
            fence.trim()
        );
        // Never a made-up URL: the repository is a placeholder to fill in.
        for url in recipe.split("https://").skip(1) {
            assert!(url.starts_with("github.com/OWNER/feedwright"), "{file}: https://{url}");
        }
    }
}

/// `make TARGET` in `dir` with feedwright on PATH.
fn make(dir: &Path, bin: &Path, target: &str) -> Output {
    Command::new("make")
        .args(["--no-print-directory", target])
        .current_dir(dir)
        .env("PATH", path_with(bin))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("TZ", "UTC")
        .output()
        .expect("run make (apt-get install -y make)")
}

#[test]
fn makefile_recipe_works_as_written() {
    let site = site_repo();
    let bin = bin_dir();
    std::fs::copy(repo().join("tests/fixtures/ci/Makefile"), site.path().join("Makefile")).unwrap();
    let ok = |target: &str| {
        let output = make(site.path(), bin.path(), target);
        assert!(output.status.success(), "make {target}:\n{}", all_output(&output));
    };
    ok("check-feeds");
    site.write("articles/second.md", article("Second", "2026-01-06T10:00:00Z"));
    let stale = make(site.path(), bin.path(), "check-feeds");
    assert!(!stale.status.success() && all_output(&stale).contains("out of date"), "{}", all_output(&stale));
    ok("publish");
    assert_eq!(git(site.path(), &["log", "-1", "--format=%s"], &[]).trim(), "Publish feeds");
    assert!(git(site.path(), &["show", "HEAD:feeds/rss.xml"], &[]).contains("Second"));
    ok("check-feeds");
    // Nothing changed: publish commits nothing.
    let head = git(site.path(), &["rev-parse", "HEAD"], &[]);
    ok("publish");
    assert_eq!(git(site.path(), &["rev-parse", "HEAD"], &[]), head);
}

/// Runs `lines` as one bash script in `dir` (`set -e`), with `env`.
fn bash_lines(dir: &Path, lines: &[String], env: &[(String, String)], bin: &Path) -> Output {
    Command::new("bash")
        .args(["-ec", &lines.join("\n")])
        .current_dir(dir)
        .env("PATH", path_with(bin))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("TZ", "UTC")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap()
}

fn strings(value: &Value) -> Vec<String> {
    value.as_sequence().map(|s| s.iter().map(|v| v.as_str().unwrap().to_owned()).collect()).unwrap_or_default()
}

#[test]
fn gitlab_recipe_works_as_written() {
    let ci = yaml("tests/fixtures/ci/gitlab-ci.yml");
    let variables: Vec<(String, String)> = ci["variables"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str().unwrap().to_owned(), v.as_str().unwrap().to_owned()))
        .collect();
    let template = &ci[".feedwright"];
    let before = strings(&template["before_script"]);
    assert!(before[0].contains("cargo install --locked --git \"$FEEDWRIGHT_GIT\""), "{before:?}");
    let site = site_repo();
    // The cached binary is there, as on every run after the first: the
    // install (which needs the network) is skipped, exactly as written.
    std::fs::create_dir_all(site.path().join(".feedwright-bin/bin")).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_feedwright"), site.path().join(".feedwright-bin/bin/feedwright"))
        .unwrap();
    let empty = tempfile::tempdir().unwrap();
    let job = |name: &str| {
        assert_eq!(str_of(&ci[name], "extends"), ".feedwright");
        let mut lines = before.clone();
        lines.extend(strings(&ci[name]["script"]));
        // PATH without feedwright: the recipe's own `export PATH` finds it.
        bash_lines(site.path(), &lines, &variables, empty.path())
    };
    let fresh = job("feeds-fresh");
    assert!(fresh.status.success(), "{}", all_output(&fresh));
    site.write("articles/second.md", article("Second", "2026-01-06T10:00:00Z"));
    let stale = job("feeds-fresh");
    assert!(!stale.status.success() && all_output(&stale).contains("out of date"), "{}", all_output(&stale));
    let built = job("feeds");
    assert!(built.status.success(), "{}", all_output(&built));
    let report: serde_json::Value = serde_json::from_str(&site.read_string("feedwright-report.json")).unwrap();
    assert_eq!(report["feeds"][0]["added"][0]["title"], "Second");
    for artifact in strings(&ci["feeds"]["artifacts"]["paths"]) {
        assert!(site.path().join(&artifact).exists(), "artifact {artifact} missing");
    }
}

/// The value of `${{ steps.ID.outputs.NAME }}` references in `text`.
fn substitute(text: &str, outputs: &HashMap<String, String>) -> String {
    let mut result = text.to_owned();
    for (name, value) in outputs {
        result = result.replace(&format!("${{{{ steps.feeds.outputs.{name} }}}}"), value);
    }
    assert!(!result.contains("${{"), "an expression the test does not evaluate: {result}");
    result
}

/// `steps.feeds.outputs.NAME != 'V'`, the one form of step condition the
/// recipe uses.
fn condition_holds(condition: &str, outputs: &HashMap<String, String>) -> bool {
    let (left, right) = condition.split_once(" != ").unwrap_or_else(|| panic!("condition `{condition}`"));
    let name = left.strip_prefix("steps.feeds.outputs.").unwrap();
    outputs[name] != right.trim_matches('\'')
}

/// Runs a job of the GitHub workflow recipe: checkout is the repository
/// as it is, the action is action.sh with the step's `with:` (and
/// action.yml's defaults), `run:` steps are bash with their `env:`.
fn run_job(job: &Value, dir: &Path, bin: &Path) -> (Vec<ActionRun>, Vec<Output>) {
    let declared = yaml("action.yml")["inputs"].clone();
    let (mut actions, mut runs) = (Vec::new(), Vec::new());
    let mut outputs = HashMap::new();
    for step in job["steps"].as_sequence().unwrap() {
        if let Some(uses) = step["uses"].as_str() {
            if uses.starts_with("actions/checkout@") {
                continue;
            }
            assert!(uses.starts_with("OWNER/feedwright@"), "{uses}");
            let mut env: Vec<(String, String)> = Vec::new();
            for (name, input) in declared.as_mapping().unwrap() {
                let name = name.as_str().unwrap();
                let given = step["with"].get(name).and_then(Value::as_str);
                let value = given.or(input["default"].as_str()).unwrap_or_default();
                env.push((format!("FEEDWRIGHT_{}", name.to_uppercase()), value.to_owned()));
            }
            for name in step["with"].as_mapping().map(|m| m.keys().collect::<Vec<_>>()).unwrap_or_default() {
                assert!(declared.get(name.as_str().unwrap()).is_some(), "the recipe gives an unknown input {name:?}");
            }
            let sarif = dir.join("feedwright.sarif");
            if env.iter().any(|(k, v)| k == "FEEDWRIGHT_SARIF" && v == "true") {
                env.retain(|(k, _)| k != "FEEDWRIGHT_SARIF");
                env.push(("FEEDWRIGHT_SARIF".into(), sarif.to_string_lossy().into_owned()));
            } else {
                env.retain(|(k, _)| k != "FEEDWRIGHT_SARIF");
            }
            let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let run = action(dir, &pairs);
            outputs.clone_from(&run.outputs);
            actions.push(run);
            continue;
        }
        if let Some(condition) = step["if"].as_str()
            && !condition_holds(condition, &outputs)
        {
            continue;
        }
        let env: Vec<(String, String)> = step["env"]
            .as_mapping()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.as_str().unwrap().to_owned(), substitute(v.as_str().unwrap(), &outputs)))
                    .collect()
            })
            .unwrap_or_default();
        let script = substitute(str_of(step, "run"), &outputs);
        runs.push(bash_lines(dir, &[script], &env, bin));
    }
    (actions, runs)
}

#[test]
fn github_workflow_recipe_works_as_written() {
    let workflow = yaml("tests/fixtures/ci/github-workflow.yml");
    let site = site_repo();
    let bin = bin_dir();
    // `git push` goes to a local bare repository.
    let remote = tempfile::tempdir().unwrap();
    git(remote.path(), &["init", "-q", "--bare", "-b", "main"], &[]);
    git(site.path(), &["remote", "add", "origin", remote.path().to_str().unwrap()], &[]);
    git(site.path(), &["push", "-q", "-u", "origin", "main"], &[]);

    // A pull request with fresh feeds passes, and writes the SARIF file.
    let (actions, _) = run_job(&workflow["jobs"]["fresh"], site.path(), bin.path());
    assert!(actions[0].output.status.success(), "{}", stderr(&actions[0].output));
    assert!(site.path().join("feedwright.sarif").is_file());
    std::fs::remove_file(site.path().join("feedwright.sarif")).unwrap();

    // A new article lands on main: built, committed, pushed, announced.
    site.write("articles/second.md", article("Second", "2026-01-06T10:00:00Z"));
    git(site.path(), &["add", "articles/second.md"], &[]);
    git(site.path(), &["commit", "-q", "-m", "second"], &[]);
    let (actions, runs) = run_job(&workflow["jobs"]["publish"], site.path(), bin.path());
    assert!(actions[0].output.status.success(), "{}", stderr(&actions[0].output));
    for run in &runs {
        assert!(run.status.success(), "{}", all_output(run));
    }
    assert_eq!(git(remote.path(), &["log", "-1", "--format=%s", "main"], &[]).trim(), "Publish feeds");
    let announced = String::from_utf8_lossy(&runs[1].stdout).into_owned();
    assert_eq!(announced, "new: Second https://example.com/2026/01/second/\n");

    // The next run has nothing to do: no commit, no announcement.
    let head = git(remote.path(), &["rev-parse", "main"], &[]);
    let (actions, runs) = run_job(&workflow["jobs"]["publish"], site.path(), bin.path());
    assert_eq!(actions[0].outputs["added-count"], "0");
    assert_eq!(runs.len(), 1, "the announcement is skipped");
    assert_eq!(git(remote.path(), &["rev-parse", "main"], &[]), head);
}

#[test]
fn check_format_github_annotates_each_finding() {
    let site = site_repo();
    let rss = site.read_string("feeds/rss.xml").replace("<pubDate>", "<pubDate>x ");
    let rss = rss.replacen("<channel>", "<channel><foo:bar xmlns:foo=\"http://x.example/\">y</foo:bar>", 1);
    site.write("bad.xml", rss);
    // An absolute path inside the current folder is named from it.
    let absolute = site.path().join("bad.xml");
    let output = site.run(&["check", "--format", "github", absolute.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with("::warning file=bad.xml,line=4,col=") && lines[0].contains("title=UnknownNamespace::")
    );
    assert!(lines[1].starts_with("::error file=bad.xml,line=") && lines[1].contains("%0Ahelp: "), "{stdout}");
    assert!(stderr(&output).contains("checked 1 file: 1 error, 1 warning"), "{}", stderr(&output));
    // -q: only what fails the check.
    let quiet = site.run(&["check", "-q", "--format", "github", "bad.xml"]);
    let stdout = String::from_utf8_lossy(&quiet.stdout);
    assert!(stdout.lines().count() == 1 && stdout.starts_with("::error file=bad.xml,"), "{stdout}");
    // A file that cannot be read is an annotation too (exit 2).
    let missing = site.run(&["check", "--format", "github", "gone.xml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stdout).starts_with("::error file=gone.xml,title=feedwright check::"));
}

#[test]
fn configuration_problems_are_annotated_at_the_configuration_file() {
    let ws = workspace();
    let annotations = |ws: &Site| {
        let run = action(ws.path(), &[("FEEDWRIGHT_SITE", "blog")]);
        let direct = ws.run(&["build", "--config", "blog/feedwright.toml", "--report", "github"]);
        let direct: Vec<String> = String::from_utf8_lossy(&direct.stdout).lines().map(str::to_owned).collect();
        assert_eq!(run.annotations, direct, "the action and `build --report github` agree");
        (run.output.status.code(), run.annotations)
    };
    // A warning in a build that goes through.
    ws.write("blog/feedwright.toml", CONFIG.replace("title = \"Test & <Site>\"", "title = \"Test\\u0007 Site\""));
    let (code, said) = annotations(&ws);
    assert_eq!(code, Some(0));
    assert!(said[0].starts_with("::warning file=blog/feedwright.toml,line=2,title=control-character::"), "{said:?}");
    // An error that stops it.
    ws.write("blog/feedwright.toml", format!("{CONFIG}\nbogus = [\n"));
    let (code, said) = annotations(&ws);
    assert_eq!(code, Some(2));
    assert!(said[0].starts_with("::error file=blog/feedwright.toml,line="), "{said:?}");
}

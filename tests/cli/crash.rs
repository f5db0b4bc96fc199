//! Crash safety: `feedwright build` killed with SIGKILL at many moments,
//! most of them while it writes the feeds, never leaves a feed that is not
//! either the complete old version or the complete new one, and the next
//! build succeeds.
//!
//! The articles flip between two states, A and B, that differ in every
//! entry (a paragraph and an explicit `updated`, so the bytes do not depend
//! on which feeds were in place before). Each round switches to the state
//! whose feeds are not in place, starts
//! a build and kills it: one round in three after a delay spread over the
//! whole build, the others a few milliseconds after the first temporary
//! file appears in the output folder, which is when the writing starts.
//!
//! `FEEDWRIGHT_CRASH_ARTICLES` and `FEEDWRIGHT_CRASH_KILLS` scale it up
//! (`make stress` runs 3,000 articles, tens of MB per feed, on a release
//! build).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::Site;

const CONFIG: &str = "[site]\ntitle = \"Crash\"\nurl = \"https://example.com/\"\n\n[feeds]\nentries = \"all\"\n";

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The corpus in state A or B.
fn write_state(site: &Site, corpus: &[(String, String)], b: bool) {
    for (name, contents) in corpus {
        let rest = contents.strip_prefix("---\n").expect("the corpus has YAML front matter");
        let (updated, extra) = if b {
            ("2026-01-02T00:00:00Z", "\n\nRevised: this paragraph is only in state B.\n")
        } else {
            ("2026-01-01T00:00:00Z", "")
        };
        site.write(&format!("articles/{name}"), format!("---\nupdated: {updated}\n{rest}{extra}"));
    }
}

fn feeds(site: &Site) -> Vec<Vec<u8>> {
    site.feed_paths().iter().map(|p| std::fs::read(p).unwrap_or_default()).collect()
}

fn spawn_build(site: &Site) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_feedwright"));
    command.args(["build", "--quiet"]).current_dir(site.path()).env_clear().envs([("TZ", "UTC"), ("LANG", "C")]);
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("run feedwright")
}

/// Temporary files a build left in the output folder.
fn temp_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    names.sort();
    names
}

/// Spins until a temporary file that is not in `before` appears in `out`
/// (the build started writing) or the build ends.
fn wait_for_writing(child: &mut Child, out: &Path, before: &[String], full_build: Duration) {
    let deadline = Instant::now() + full_build * 5 + Duration::from_secs(5);
    while temp_files(out) == before && Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        std::hint::spin_loop();
    }
}

/// Waits for a build to finish; fails the test after `limit`.
fn finish(mut child: Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("a build hung after a killed one");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn killed_builds_leave_old_or_new_feeds_and_the_next_build_succeeds() {
    let articles = env_number("FEEDWRIGHT_CRASH_ARTICLES", 60);
    let kills = env_number("FEEDWRIGHT_CRASH_KILLS", 51);
    let corpus = feedwright_testkit::corpus::generate(articles, 11, false);
    let site = Site::with_config(CONFIG);
    let out = site.path().join("feeds");

    // The two versions of every feed, and proof they do not depend on history.
    write_state(&site, &corpus, false);
    site.build_ok();
    let a = feeds(&site);
    write_state(&site, &corpus, true);
    let start = Instant::now();
    site.build_ok();
    let full_build = start.elapsed();
    let b = feeds(&site);
    write_state(&site, &corpus, false);
    site.build_ok();
    assert!(feeds(&site) == a, "the feeds of state A depend on the feeds in place before");
    for (old, new) in a.iter().zip(&b) {
        assert_ne!(old, new);
    }

    // How long the writing takes: from the first temporary file to the exit.
    let mut state_b = false;
    let mut window = Duration::ZERO;
    for _ in 0..2 {
        state_b = !state_b;
        write_state(&site, &corpus, state_b);
        let mut child = spawn_build(&site);
        wait_for_writing(&mut child, &out, &[], full_build);
        let started = Instant::now();
        assert!(finish(child, full_build * 10 + Duration::from_secs(30)).success());
        window = window.max(started.elapsed());
    }

    let mut writing = 0;
    let mut mid_write = 0;
    let mut left_behind = 0;
    // On a loaded machine fewer kills land inside the short writing window:
    // keep going (up to three times as many rounds) until enough have.
    let mut round = 0;
    while round < kills || (mid_write < 5 && round < kills * 3) {
        // The state whose feeds are not (all) in place, so there is something to write.
        state_b = feeds(&site) != b;
        write_state(&site, &corpus, state_b);
        let before = temp_files(&out);
        let mut child = spawn_build(&site);
        let spread = round % 3 == 0;
        if spread {
            // A moment anywhere in the build (deterministic, spread out).
            let fraction = (round * 37 % kills) as f64 / kills as f64;
            std::thread::sleep(full_build.mul_f64(fraction * 1.1));
        } else {
            // Wait for the writing to start, then a moment within it.
            wait_for_writing(&mut child, &out, &before, full_build);
            std::thread::sleep(window.mul_f64((round * 7919 % 100) as f64 / 300.0));
        }
        let finished = child.try_wait().unwrap().is_some();
        eprintln!(
            "DBG round {round} spread {spread} finished {finished} state_b {state_b} temps {:?}",
            temp_files(&out)
        );
        let _ = child.kill();
        child.wait().unwrap();
        let after = temp_files(&out);
        if !finished && !spread {
            writing += 1;
        }
        if !finished && after != before {
            mid_write += 1;
        }
        left_behind += after.len();

        for (index, ((now, old), new)) in feeds(&site).iter().zip(&a).zip(&b).enumerate() {
            assert!(
                now == old || now == new,
                "round {round}: {} is neither the old nor the new version ({} bytes; old {}, new {})",
                site.feed_paths()[index].display(),
                now.len(),
                old.len(),
                new.len()
            );
        }
        // Every eighth round, the next build runs to its end.
        if round % 8 == 7 {
            let status = finish(spawn_build(&site), full_build * 10 + Duration::from_secs(30));
            assert!(status.success(), "round {round}: the build after a killed one failed");
            let want = if state_b { &b } else { &a };
            assert!(&feeds(&site) == want, "round {round}: the completed build wrote other bytes");
        }
        // Stale temporary files would only slow the trigger down; the
        // `stale_temporary_files` test below is about them.
        for name in after {
            let _ = std::fs::remove_file(out.join(name));
        }
        round += 1;
    }
    site.build_ok();
    let want = if state_b { &b } else { &a };
    assert!(&feeds(&site) == want, "the final build wrote other bytes");
    eprintln!(
        "crash: {round} kills on {articles} articles ({} KB of feeds, full build {full_build:?}): \
         {writing} after the writing started, {mid_write} with half-written files (window {window:?}), {left_behind} temporary files left behind",
        b.iter().map(Vec::len).sum::<usize>() / 1024
    );
    // Timing on a loaded machine varies: require a good share, not all.
    assert!(writing >= round / 4, "only {writing} of {round} kills landed after the writing started");
    assert!(mid_write >= 5, "only {mid_write} of {round} kills landed while feeds were half-written");
}

/// A build killed while writing leaves its temporary files in the output
/// folder; the next build must remove them, or `git add feeds/` publishes
/// them.
#[test]
fn stale_temporary_files_are_removed_by_the_next_build() {
    let site = Site::with_config(CONFIG);
    let corpus = feedwright_testkit::corpus::generate(60, 5, false);
    write_state(&site, &corpus, false);
    site.build_ok();
    let out = site.path().join("feeds");
    // What a build killed between writing and renaming leaves behind.
    std::fs::write(out.join(".feedwright-AbC123.tmp"), b"<rss>half a feed").unwrap();
    write_state(&site, &corpus, true);
    site.build_ok();
    assert_eq!(temp_files(&out), Vec::<String>::new(), "temporary files left in the output folder");
}

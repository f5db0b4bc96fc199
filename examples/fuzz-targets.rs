//! Stable-toolchain fuzzing of feedwright, in process through
//! `feedwright::run` (the library's only entry point).
//!
//! ```text
//! cargo run --release --example fuzz-targets -- TARGET [--seconds N] [--seed S] [--corpus DIR] [--work DIR]
//! ```
//!
//! Targets: `front-matter` (front matter and article parsing), `html`
//! (Markdown/HTML bodies to sanitised HTML, through a whole build), `build`
//! (several articles and a varied configuration) and `check` (arbitrary bytes
//! as a feed). Inputs are the corpus files (`fuzz/corpus/TARGET/`) replayed
//! as they are, then mutations of them and of a dictionary of hostile
//! fragments, from a seeded splitmix64 generator: the same seed gives the
//! same inputs.
//!
//! Invariants: no panic; no input runs longer than 10 s; every successful
//! build's feeds pass `feedwright check` with no error; the HTML in
//! `feed.json` holds nothing executable (`feedwright_testkit::harmless`).
//!
//! Lines starting `fuzz:` report progress and findings (feedwright's own
//! messages go to stderr too: `scripts/fuzz.sh` filters them). Before each
//! input runs, it is saved to `WORK/current` so that a crash that kills the
//! process (a stack overflow) can be reproduced; a panic or invariant
//! failure is saved to `WORK/crash-N` and the run exits 1.

use feedwright_testkit::Rng;
use feedwright_testkit::fuzz::one as one_with;

/// One input through feedwright (see `feedwright_testkit::fuzz`).
fn one(target: &str, input: &[u8], seed: u64, dir: &std::path::Path) -> Result<(), String> {
    one_with(feedwright::run, target, input, seed, dir)
}

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIME_LIMIT: Duration = Duration::from_secs(10);

/// Fragments that mean something to one of the parsers.
const DICTIONARY: &[&str] = &[
    "---\n",
    "+++\n",
    "---",
    "+++",
    "\n",
    "\r\n",
    "\r",
    "\u{feff}",
    "\0",
    "\u{1}",
    "\u{b}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{85}",
    "\u{2028}",
    "title: ",
    "title = ",
    "date: ",
    "date = ",
    "updated: ",
    "slug: ",
    "id: ",
    "tags: ",
    "summary: ",
    "author: ",
    "draft: true\n",
    "link: ",
    "image: ",
    "lang: ",
    "categories: ",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    ": ",
    ", ",
    "&a ",
    "*a",
    "!!binary ",
    "!tag ",
    "- ",
    "  ",
    "\t",
    "2026-01-30",
    "2026-02-30",
    "2026-01-30T18:00:00-08:00",
    "0000-01-01",
    "10000-01-01",
    "1969-07-20",
    "9999-12-31T23:59:59Z",
    "Fri, 30 Jan 2026 18:00:00 -0800",
    "2026-03-08 02:30",
    "..",
    "../",
    "/",
    "\\",
    "%2e%2e",
    "<script>",
    "</script>",
    "<style>",
    "<iframe src=x>",
    "<object>",
    "<svg onload=alert(1)>",
    "<math>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "<a href=\"jav&#x09;ascript:x\">",
    "vbscript:",
    "data:text/html,",
    "<base href=\"//evil/\">",
    "<!--",
    "-->",
    "--",
    "<![CDATA[",
    "]]>",
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "&#x1;",
    "&lt;",
    "<p>",
    "</p>",
    "<div>",
    "<b>",
    "<table><tr><td>",
    "<noscript>",
    "<template>",
    "<textarea>",
    "srcset=\"a.png 1x, javascript:x 2x\"",
    "[x](javascript:alert(1))",
    "![i](i.png)",
    "[^1]",
    "[^1]: note\n",
    "<javascript:alert(1)>",
    "# Title\n",
    "## h\n",
    "> ",
    "```\n",
    "| a | b |\n|---|---|\n",
    "~~s~~",
    "*",
    "_",
    "`",
    "é",
    "日本",
    "🎉",
    "\u{202e}",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE rss [<!ENTITY x \"y\">]>",
    "&x;",
    "<rss version=\"2.0\">",
    "<channel>",
    "</channel>",
    "</rss>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    "</feed>",
    "<entry>",
    "</entry>",
    "<guid>",
    "<link>",
    "<pubDate>",
    "<updated>",
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [",
    "\"content_html\": ",
    "\"id\": ",
    "]}",
    "xml:base=\"",
    "xmlns:x=\"",
    "<x:y>",
    // Template syntax of other generators (render::template).
    "{{<",
    ">}}",
    "{{%",
    "%}}",
    "{%",
    "%}",
    "{{ site.url }}",
    "{% raw %}",
    "{% endraw %}",
    "{% comment %}",
    "{{% /comment %}}",
    "{{< highlight go >}}",
    "{{< /highlight >}}",
    "{{< figure src=\"a.png\" caption=\"c\" >}}",
    "{% post_url 2026-01-02-a %}",
    "{{</*",
    "*/>}}",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(input.len() + 1);
        match rng.below(7) {
            0 | 1 => {
                let fragment = rng.pick(DICTIONARY).as_bytes().to_vec();
                input.splice(at..at, fragment);
            }
            2 if !input.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(input.len());
                input.drain(at.min(input.len())..end);
            }
            3 if !input.is_empty() => {
                let index = rng.below(input.len());
                input[index] = rng.next_u64() as u8;
            }
            4 if !input.is_empty() => {
                // Repeat a slice: deep nesting and long strings.
                let start = rng.below(input.len());
                let end = (start + 1 + rng.below(32)).min(input.len());
                let slice = input[start..end].to_vec();
                let most = if rng.below(8) == 0 { 2000 } else { 8 };
                let times = 1 + rng.below(most);
                for _ in 0..times {
                    input.splice(start..start, slice.iter().copied());
                }
            }
            5 => {
                let byte = [0u8, b'\n', b'\r', 0xff, 0xc3, 0xe2, 0x80, b'"', b'<', b'&'][rng.below(10)];
                input.insert(at, byte);
            }
            _ => {
                let fragment = rng.pick(DICTIONARY).as_bytes().to_vec();
                let end = input.len();
                input.splice(end..end, fragment);
            }
        }
    }
    input.truncate(256 * 1024);
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(target) = args.first().cloned() else {
        eprintln!("usage: fuzz-targets TARGET [--seconds N] [--seed S] [--corpus DIR] [--work DIR]");
        return ExitCode::from(2);
    };
    let option = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let seconds: f64 = option("--seconds").and_then(|s| s.parse().ok()).unwrap_or(5.0);
    let seed: u64 = option("--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus_dir = option("--corpus").map(PathBuf::from).unwrap_or_else(|| root.join("fuzz/corpus").join(&target));
    let work = option("--work").map(PathBuf::from).unwrap_or_else(|| root.join("target/fuzz").join(&target));
    std::fs::create_dir_all(&work).unwrap();

    let mut corpus: Vec<Vec<u8>> = match std::fs::read_dir(&corpus_dir) {
        Ok(entries) => {
            let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            paths.sort();
            paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
        }
        Err(_) => Vec::new(),
    };
    if corpus.is_empty() {
        corpus.push(b"---\ntitle: Seed\ndate: 2026-01-02\n---\nBody.\n".to_vec());
    }

    // Panics are findings: report them on the `fuzz:` channel.
    let panic_message = Arc::new(Mutex::new(None::<String>));
    let hook_message = panic_message.clone();
    std::panic::set_hook(Box::new(move |info| {
        *hook_message.lock().unwrap() = Some(info.to_string());
    }));
    // A watchdog: an input running past the limit is a hang.
    let started = Arc::new(AtomicU64::new(0));
    let clock = Instant::now();
    {
        let started = started.clone();
        let work = work.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(200));
                let at = started.load(Ordering::SeqCst);
                if at != 0 && clock.elapsed().as_millis() as u64 - at > TIME_LIMIT.as_millis() as u64 {
                    println!(
                        "fuzz: HANG: an input ran past {TIME_LIMIT:?}; it is in {}",
                        work.join("current").display()
                    );
                    std::process::exit(1);
                }
            }
        });
    }

    let mut rng = Rng::new(seed);
    let site = work.join("site");
    let deadline = Duration::from_secs_f64(seconds);
    let mut executions = 0u64;
    let mut failures = 0u64;
    let replay = corpus.len();
    while executions < replay as u64 || clock.elapsed() < deadline {
        let (input, input_seed) = if (executions as usize) < replay {
            (corpus[executions as usize].clone(), executions)
        } else {
            let mut input = corpus[rng.below(corpus.len())].clone();
            if rng.below(4) == 0 {
                let other = &corpus[rng.below(corpus.len())];
                let cut = rng.below(other.len() + 1);
                input.extend_from_slice(&other[cut..]);
            }
            mutate(&mut rng, &mut input);
            (input, rng.next_u64())
        };
        std::fs::write(work.join("current"), &input).unwrap();
        started.store(clock.elapsed().as_millis().max(1) as u64, Ordering::SeqCst);
        let outcome = std::panic::catch_unwind(|| one(&target, &input, input_seed, &site));
        started.store(0, Ordering::SeqCst);
        executions += 1;
        let problem = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(problem)) => Some(problem),
            Err(_) => Some(format!("panic: {}", panic_message.lock().unwrap().take().unwrap_or_default())),
        };
        if let Some(problem) = problem {
            failures += 1;
            let saved = work.join(format!("crash-{failures}"));
            std::fs::write(&saved, &input).unwrap();
            println!("fuzz: {target}: FAILURE: {problem} (input seed {input_seed}; saved to {})", saved.display());
            if failures >= 5 {
                break;
            }
        }
    }
    println!(
        "fuzz: {target}: {executions} executions ({replay} corpus files replayed) in {:.1}s, {failures} failures",
        clock.elapsed().as_secs_f64()
    );
    if failures > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

//! Progress on a terminal for builds that take a while: a bar (or spinner)
//! on stderr naming the stage, drawn by its own thread.
//!
//! Shown only when stderr is a terminal, `CI` is not set, `TERM` is not
//! `dumb` and `-q` was not given, and only once the build has run for a
//! second: a quick build prints nothing more, and pipes and logs never see
//! it. The stages bump one atomic counter per article; the drawing thread
//! reads it ten times a second, so the hot loops take no lock.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before progress appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);
/// Test-only: milliseconds before progress appears, instead of a second, so
/// that a test can see it on a small site. Not a documented setting.
const SHOW_AFTER_ENV: &str = "FEEDWRIGHT_TEST_PROGRESS_AFTER_MS";
/// Redraws a second: fast enough to look alive, rare enough to cost nothing.
const TICK: Duration = Duration::from_millis(100);

/// The running build's progress; cleared when finished or dropped.
pub(super) struct Progress {
    shared: Arc<Shared>,
    ticker: Option<JoinHandle<()>>,
}

#[derive(Default)]
struct Shared {
    /// Items of the current stage done so far (articles read, rendered).
    done: AtomicUsize,
    /// The stage's name and how many items it has (if counted), and a
    /// number that changes with every stage.
    stage: Mutex<(&'static str, Option<usize>, usize)>,
    stopped: Mutex<bool>,
    wake: Condvar,
}

impl Progress {
    /// Starts the drawing thread if progress is to be shown at all, at the
    /// `first` stage.
    pub(super) fn start(first: &'static str) -> Self {
        let shared = Arc::new(Shared::default());
        *shared.stage.lock().unwrap_or_else(PoisonError::into_inner) = (first, None, 1);
        let ticker = wanted().then(|| {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new().name("progress".into()).spawn(move || draw(&shared, show_after())).ok()
        });
        Progress { shared, ticker: ticker.flatten() }
    }

    /// A progress that never draws (for tests of the stages themselves).
    #[cfg(test)]
    pub(super) fn hidden() -> Self {
        Progress { shared: Arc::new(Shared::default()), ticker: None }
    }

    /// The next stage begins: `total` items when it counts them with
    /// `counter`.
    pub(super) fn stage(&self, name: &'static str, total: Option<usize>) {
        self.shared.done.store(0, Ordering::Relaxed);
        let mut stage = self.shared.stage.lock().unwrap_or_else(PoisonError::into_inner);
        *stage = (name, total, stage.2 + 1);
    }

    /// What the current stage adds one to per item.
    pub(super) fn counter(&self) -> &AtomicUsize {
        &self.shared.done
    }

    /// Stops drawing and clears the line, before the summary is printed.
    pub(super) fn finish(&mut self) {
        *self.shared.stopped.lock().unwrap_or_else(PoisonError::into_inner) = true;
        self.shared.wake.notify_all();
        if let Some(ticker) = self.ticker.take() {
            let _ = ticker.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Whether to show progress at all.
fn wanted() -> bool {
    crate::diagnostic::verbosity() != crate::diagnostic::Verbosity::Quiet
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none()
        && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
}

fn show_after() -> Duration {
    let test_only = std::env::var(SHOW_AFTER_ENV).ok().and_then(|ms| ms.parse().ok());
    test_only.map_or(SHOW_AFTER, Duration::from_millis)
}

/// The drawing thread: waits out `after` (returning at once if the build
/// finishes first), then redraws every tick until stopped.
fn draw(shared: &Shared, after: Duration) {
    let started = Instant::now();
    let mut stopped = shared.stopped.lock().unwrap_or_else(PoisonError::into_inner);
    while !*stopped && started.elapsed() < after {
        let left = after.saturating_sub(started.elapsed());
        stopped = shared.wake.wait_timeout(stopped, left).unwrap_or_else(PoisonError::into_inner).0;
    }
    if *stopped {
        return;
    }
    // Drawn nowhere until the first stage is set up: no empty first frame.
    let bar = ProgressBar::hidden();
    bar.set_elapsed(started.elapsed());
    let mut shown_stage = 0;
    while !*stopped {
        drop(stopped);
        let (name, total, number) = *shared.stage.lock().unwrap_or_else(PoisonError::into_inner);
        let done = shared.done.load(Ordering::Relaxed) as u64;
        if number != shown_stage {
            shown_stage = number;
            bar.update(|state| {
                state.set_len(total.map_or(0, |total| total as u64));
                state.set_pos(done);
            });
            bar.set_style(style(total.is_some()));
            bar.set_message(name);
            if bar.is_hidden() {
                bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
            }
        }
        // One redraw a tick: the count, and the spinner turns.
        bar.update(|state| state.set_pos(done));
        stopped = shared.stopped.lock().unwrap_or_else(PoisonError::into_inner);
        if !*stopped {
            stopped = shared.wake.wait_timeout(stopped, TICK).unwrap_or_else(PoisonError::into_inner).0;
        }
    }
    bar.finish_and_clear();
}

/// A stage that counts its items, and one that does not.
const COUNTED: &str = "{spinner} {msg:<10} [{bar:30}] {human_pos}/{human_len} ({elapsed})";
const UNCOUNTED: &str = "{spinner} {msg:<10} ({elapsed})";

fn style(counted: bool) -> ProgressStyle {
    let template = if counted { COUNTED } else { UNCOUNTED };
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("=> ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_parse() {
        assert!(ProgressStyle::with_template(COUNTED).is_ok() && ProgressStyle::with_template(UNCOUNTED).is_ok());
    }

    #[test]
    fn a_quick_build_never_draws() {
        let shared = Shared::default();
        *shared.stopped.lock().unwrap() = true;
        // Returns at once, without waiting out the delay.
        let started = Instant::now();
        draw(&shared, Duration::from_secs(30));
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn stages_reset_the_count() {
        let progress = Progress::hidden();
        progress.stage("reading", Some(3));
        progress.counter().fetch_add(2, Ordering::Relaxed);
        progress.stage("rendering", Some(1));
        assert_eq!(progress.counter().load(Ordering::Relaxed), 0);
        assert_eq!(progress.shared.stage.lock().unwrap().0, "rendering");
    }
}

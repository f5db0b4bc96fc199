//! `--timings`: wall-clock time per stage.

use std::io::Write;

/// `--timings`: wall-clock time per stage, so a slow build points at its stage.
pub(super) struct Timings {
    enabled: bool,
    started: std::time::Instant,
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Timings {
    pub(super) fn start(enabled: bool) -> Self {
        let now = std::time::Instant::now();
        Timings { enabled, started: now, last: now, laps: Vec::new() }
    }

    pub(super) fn lap(&mut self, stage: &'static str) {
        if self.enabled {
            let now = std::time::Instant::now();
            self.laps.push((stage, now - self.last));
            self.last = now;
        }
    }

    pub(super) fn report(&self) {
        if !self.enabled {
            return;
        }
        let mut err = std::io::stderr().lock();
        for (stage, took) in &self.laps {
            let _ = writeln!(err, "timing: {stage:<22} {:>9.1} ms", took.as_secs_f64() * 1000.0);
        }
        let _ = writeln!(err, "timing: {:<22} {:>9.1} ms", "total", self.started.elapsed().as_secs_f64() * 1000.0);
    }
}

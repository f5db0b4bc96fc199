//! `--timings`: wall-clock time per stage, and the peak memory reached by
//! the end of each.

use std::fmt::Write as _;
use std::io::Write;
use std::time::Duration;

/// `--timings`: wall-clock time per stage, so a slow build points at its stage.
pub(super) struct Timings {
    enabled: bool,
    started: std::time::Instant,
    last: std::time::Instant,
    laps: Vec<(&'static str, Duration)>,
    /// The process' peak resident memory (bytes) when each lap ended, where
    /// the system tells it (Linux).
    peaks: Vec<Option<u64>>,
}

impl Timings {
    pub(super) fn start(enabled: bool) -> Self {
        let now = std::time::Instant::now();
        Timings { enabled, started: now, last: now, laps: Vec::new(), peaks: Vec::new() }
    }

    pub(super) fn lap(&mut self, stage: &'static str) {
        if self.enabled {
            let now = std::time::Instant::now();
            self.laps.push((stage, now - self.last));
            self.peaks.push(peak_resident_memory());
            self.last = now;
        }
    }

    pub(super) fn report(&self) {
        if !self.enabled {
            return;
        }
        let mut text = table(&self.laps, self.started.elapsed());
        for ((stage, _), peak) in self.laps.iter().zip(&self.peaks) {
            if let Some(bytes) = peak {
                let _ = writeln!(text, "memory: peak by the end of {stage}: {} MB", bytes / 1_000_000);
            }
        }
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

/// The process' peak resident set size so far (`VmHWM`), on Linux.
fn peak_resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|line| line.strip_prefix("VmHWM:"))?;
    let kilobytes: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kilobytes * 1024)
}

/// One line per stage and one for the total: the names left-aligned to the
/// longest, the milliseconds right-aligned on the decimal point, and each
/// stage's share of the total, so the slow stage stands out in a column.
fn table(laps: &[(&str, Duration)], total: Duration) -> String {
    let ms = |took: &Duration| format!("{:.1} ms", took.as_secs_f64() * 1000.0);
    let rows: Vec<(&str, String, Duration)> =
        laps.iter().map(|(stage, took)| (*stage, ms(took), *took)).chain([("total", ms(&total), total)]).collect();
    let name_width = rows.iter().map(|(stage, ..)| stage.chars().count()).max().unwrap_or(0);
    let time_width = rows.iter().map(|(_, time, _)| time.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (stage, time, took) in &rows {
        let share = if total.is_zero() { 0.0 } else { took.as_secs_f64() / total.as_secs_f64() * 100.0 };
        let _ = writeln!(out, "timing: {stage:<name_width$}  {time:>time_width$}  {share:>5.1}%");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up() {
        let laps = [
            ("stat articles (nothing changed)", Duration::from_micros(1_500)),
            ("render", Duration::from_micros(12_345_600)),
            ("write", Duration::from_micros(40)),
        ];
        let text = table(&laps, Duration::from_micros(12_347_140));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], "timing: stat articles (nothing changed)      1.5 ms    0.0%");
        assert_eq!(lines[1], "timing: render                           12345.6 ms  100.0%");
        assert_eq!(lines[3], "timing: total                            12347.1 ms  100.0%");
        // Every line is as long as the others: the columns line up.
        assert!(lines.iter().all(|line| line.len() == lines[0].len()), "{text}");
    }

    #[test]
    fn a_zero_total_divides_by_nothing() {
        assert_eq!(table(&[], Duration::ZERO), "timing: total  0.0 ms    0.0%\n");
    }
}

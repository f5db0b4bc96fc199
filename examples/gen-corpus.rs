//! Deterministic corpus generator for feedwright benchmarks and tests; the
//! generator itself is `feedwright_testkit::corpus` (its docs say what it
//! writes).
//!
//! ```text
//! cargo run --release --example gen-corpus -- N DIR [--seed S] [--varied]
//! ```
//!
//! Writes `N` article files into `DIR` (creating it; files with the same names
//! are overwritten, nothing else in `DIR` is touched) and prints a one-line
//! summary.

use std::env;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen-corpus N DIR [--seed S] [--varied]";

fn main() -> ExitCode {
    if env::args().skip(1).any(|arg| arg == "-h" || arg == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match Args::parse(env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen-corpus: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match feedwright_testkit::corpus::write(args.count, &args.dir, args.seed, args.varied) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("gen-corpus: {}: {err}", args.dir.display());
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

struct Args {
    count: usize,
    dir: PathBuf,
    seed: u64,
    varied: bool,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, String> {
        let mut positional = Vec::new();
        let mut seed = 1;
        let mut varied = false;
        while let Some(arg) = args.next() {
            if arg == "--varied" {
                varied = true;
            } else if arg == "--seed" {
                seed = parse_seed(&args.next().ok_or("--seed needs a value")?)?;
            } else if let Some(value) = arg.strip_prefix("--seed=") {
                seed = parse_seed(value)?;
            } else if arg.starts_with('-') && arg != "-" {
                return Err(format!("unknown option {arg}"));
            } else {
                positional.push(arg);
            }
        }
        let [count, dir]: [String; 2] =
            positional.try_into().map_err(|_| "expected exactly two arguments, N and DIR".to_string())?;
        let count: u32 = count.parse().map_err(|_| format!("N must be a whole number below 2^32, got {count:?}"))?;
        Ok(Self { count: count as usize, dir: PathBuf::from(dir), seed, varied })
    }
}

fn parse_seed(value: &str) -> Result<u64, String> {
    value.parse().map_err(|_| format!("--seed must be an unsigned 64-bit integer, got {value:?}"))
}

//! `feedwright check FILE...`: validate feeds and report every finding.

use crate::cli::CheckArgs;
use crate::error::Exit;

/// Checks every file, prints the report, and returns the exit code.
pub(crate) fn run(args: &CheckArgs) -> Exit {
    let _ = args;
    eprintln!("error: `feedwright check` is not implemented yet");
    Exit::Usage
}

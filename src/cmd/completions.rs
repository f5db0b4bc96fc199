//! `feedwright completions SHELL` and `feedwright man`: generated from the
//! same clap definition as `--help`, so they never fall behind it.

use std::io::{self, Write};

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::Exit;

/// The completion script for `shell`, on stdout.
pub(crate) fn completions(shell: clap_complete::Shell) -> Exit {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "feedwright", &mut script);
    write_out(&script)
}

/// A man page (roff) on stdout (`feedwright man | man -l -`), or every
/// page written into `--out`.
pub(crate) fn man(args: &ManArgs) -> Exit {
    // Built, as `--help` would be: subcommands get their `feedwright-NAME`
    // page names; `help` is no page of its own.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    if let Some(dir) = &args.out {
        return match clap_mangen::generate_to(command, dir) {
            Ok(()) => Exit::Success,
            Err(err) => {
                eprintln!("error: cannot write the man pages into `{}`: {err}", dir.display());
                Exit::Io
            }
        };
    }
    let page = match &args.subcommand {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = command.get_subcommands().map(clap::Command::get_name).collect();
                eprintln!("error: there is no subcommand `{name}`");
                eprintln!("  help: the subcommands are {}", names.join(", "));
                return Exit::Usage;
            }
        },
    };
    let mut roff = Vec::new();
    match clap_mangen::Man::new(page).render(&mut roff) {
        Ok(()) => write_out(&roff),
        Err(err) => {
            eprintln!("error: cannot render the man page: {err}");
            Exit::Io
        }
    }
}

fn write_out(bytes: &[u8]) -> Exit {
    match io::stdout().lock().write_all(bytes) {
        Ok(()) => Exit::Success,
        // `| head` closing the pipe is the reader's choice, not a failure.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Exit::Success,
        Err(err) => {
            eprintln!("error: cannot write to standard output: {err}");
            Exit::Io
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_names_every_subcommand() {
        use clap::ValueEnum;
        for shell in clap_complete::Shell::value_variants() {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "feedwright", &mut script);
            let script = String::from_utf8(script).unwrap();
            for name in ["build", "check", "list", "new", "adopt", "completions", "man"] {
                assert!(script.contains(name), "{shell}: no `{name}`");
            }
        }
    }
}

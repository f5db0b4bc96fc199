//! feedwright turns a folder of articles into RSS 2.0, Atom 1.0 and JSON Feed
//! 1.1 files.
//!
//! One data flow, one module per stage (`cmd/build/mod.rs::build` calls
//! them in this order; docs/architecture.md has the whole map):
//!
//! ```text
//! build   feedwright.toml -config-> Settings
//!         articles/ -source::discover-> SourceFile -source::article::parse-> Article
//!           -model::normalize-> Pending          (catalog: every article, cached ones
//!                                                  from cache::BuildCache; sorted)
//!         feeds/ on disk -model::history-> ids and dates readers saw (inherit_ids)
//!         Pending -render (Pending::render)-> Entry (sanitised HTML, absolute links)
//!         Feed -format::write-> bytes -check (self-check)-> -output::stage,
//!           written aside while the check runs; Staged::publish if it passes-> feeds/
//!         what was read and written -cache::BuildCache::save-> .feedwright-cache/
//! check   feed file -check-> Findings -check::report-> text | JSON | SARIF
//! ```
//!
//! Each stage is a plain function of its inputs. Only `source` reads the
//! articles folder (and `Pending::render` the body it left in the file);
//! only `output` writes feeds, and the cache writes only its own folder.
//! Types from the `rss` and `atom_syndication` crates never leave `format`,
//! and the model knows nothing about XML. Top-level modules import each
//! other in one direction only (`layout` tests it).

mod cache;
mod catalog;
mod check;
mod cli;
mod cmd;
mod config;
mod diagnostic;
mod error;
mod format;
#[cfg(test)]
mod layout;
mod model;
mod output;
mod render;
mod source;
mod text;
mod websub;

use std::ffi::OsString;
use std::process::ExitCode;

/// Parses `args` (program name first), runs the command, prints what went
/// wrong if anything did, and returns the exit code documented in `--help`.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    use clap::Parser;
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout and usage errors to stderr.
            let code = if err.use_stderr() { error::Exit::Usage } else { error::Exit::Success };
            let _ = err.print();
            return code.into();
        }
    };
    diagnostic::set_color(cli.color.color);
    diagnostic::set_verbosity(cli.verbosity.level());
    let outcome = match &cli.command {
        cli::Command::Init(args) => cmd::init::run(args),
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::New(args) => cmd::new::run(args),
        cli::Command::List(args) => cmd::list::run(args),
        cli::Command::Check(args) => return cmd::check::run(args).into(),
        cli::Command::Adopt(args) => return cmd::adopt::run(args).into(),
        cli::Command::Ping(args) => return cmd::ping::run(args).into(),
        cli::Command::Serve(args) => return cmd::serve::run(args).into(),
        cli::Command::Completions(args) => return cmd::completions::completions(args.shell).into(),
        cli::Command::Man(args) => return cmd::completions::man(args).into(),
    };
    match outcome {
        Ok(()) => error::Exit::Success.into(),
        Err(failure) => {
            let outcome = match &cli.command {
                cli::Command::Init(_) => "{}; nothing was written",
                cli::Command::Build(_) => "build failed: {}; no feed was written",
                cli::Command::New(_) => "{}; no article was written",
                // Without settings there is nothing to list.
                cli::Command::List(_) if matches!(failure, error::Failure::Config(_)) => "{}; nothing was listed",
                cli::Command::List(_) => "{}; the list leaves those articles out",
                _ => "{}",
            };
            failure.report(outcome);
            failure.exit().into()
        }
    }
}

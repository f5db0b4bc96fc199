//! `feedwright ping [TOPIC_URL…]`: notifies the configured WebSub hub that
//! feeds changed (`websub::publish`), the given ones or every feed the last
//! build listed in `feeds.opml`. `build --ping` does the same for the feeds
//! a build changed.

use std::path::Path;

use url::Url;

use crate::cli::PingArgs;
use crate::config::{self, Overrides};
use crate::diagnostic::{Diagnostic, Location, Verbosity, verbosity};
use crate::error::{Exit, Failure};
use crate::format::opml;

pub(crate) fn run(args: &PingArgs) -> Exit {
    let overrides = Overrides { config: args.config.as_deref(), articles: None, out: args.out.as_deref() };
    let (settings, warnings) = match config::load(overrides) {
        Ok(loaded) => loaded,
        Err(problems) => return refuse(Failure::Config(problems)),
    };
    super::print_diagnostics(&warnings);
    let Some(hub) = settings.feeds.hub.clone() else {
        let file = args.config.clone().unwrap_or_else(|| settings.root.join(config::CONFIG_FILE));
        let shown = settings.display_path(&file);
        let error =
            Diagnostic::error(Some(Location::file(shown)), "no WebSub hub is configured, so there is no one to ping")
                .with_hint("add `hub = \"https://…/\"` (your hub's address) under `[feeds]`, build, then ping")
                .with_code("no-hub");
        return refuse(Failure::Config(vec![error]));
    };
    let topics =
        if args.topics.is_empty() { listed_feeds(&settings.out_dir, &settings) } else { given_topics(&args.topics) };
    let topics = match topics {
        Ok(topics) => topics,
        Err(problems) => return refuse(Failure::Config(problems)),
    };
    for topic in &topics {
        super::verbose(format_args!("announcing {topic} to {hub}"));
    }
    match crate::websub::publish(&hub, &topics) {
        Ok(()) => {
            if verbosity() != Verbosity::Quiet {
                let plural = if topics.len() == 1 { "" } else { "s" };
                eprintln!("pinged {hub}: {} feed{plural} announced", topics.len());
            }
            Exit::Success
        }
        Err(errors) => {
            super::print_diagnostics(&errors);
            let refused = errors.len();
            let sent = topics.len() - refused.min(topics.len());
            let message = format!("{refused} of {} feeds not announced to {hub} ({sent} accepted)", topics.len());
            super::print_diagnostics(&[Diagnostic::error(None, message)]);
            Exit::Failed
        }
    }
}

/// Prints a failure that stopped the command before anything was sent.
fn refuse(failure: Failure) -> Exit {
    failure.report("{}; nothing was sent to the hub");
    failure.exit()
}

/// Topic URLs from the command line: absolute http(s) URLs.
fn given_topics(written: &[String]) -> Result<Vec<Url>, Vec<Diagnostic>> {
    let mut topics = Vec::new();
    let mut problems = Vec::new();
    for text in written {
        match crate::model::parse_absolute_url(text) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => topics.push(url),
            Ok(_) | Err(_) => problems.push(
                Diagnostic::error(
                    None,
                    format!("`{text}` is not an http or https URL, so it cannot be a feed to ping"),
                )
                .with_hint("give the feed's full address, like https://example.com/feeds/atom.xml")
                .with_code("invalid-topic"),
            ),
        }
    }
    if problems.is_empty() { Ok(topics) } else { Err(problems) }
}

/// Every feed `feeds.opml` in the output folder lists.
fn listed_feeds(out_dir: &Path, settings: &config::Settings) -> Result<Vec<Url>, Vec<Diagnostic>> {
    let path = out_dir.join(opml::FILE_NAME);
    let shown = settings.display_path(&path);
    let bytes = std::fs::read(&path).map_err(|error| {
        let hint = if error.kind() == std::io::ErrorKind::NotFound {
            "run `feedwright build` first (it writes the list of feeds), or name the feeds: `feedwright ping URL…`"
        } else {
            "check that the file is readable"
        };
        vec![
            Diagnostic::error(Some(Location::file(shown.clone())), format!("cannot read the list of feeds: {error}"))
                .with_hint(hint)
                .with_code("no-feed-list"),
        ]
    })?;
    let invalid = |message: String| {
        vec![
            Diagnostic::error(Some(Location::file(shown.clone())), message)
                .with_hint("run `feedwright build` to write it again")
                .with_code("invalid-feed-list"),
        ]
    };
    let urls = opml::feed_urls(&bytes).map_err(|why| invalid(format!("the list of feeds is not OPML: {why}")))?;
    if urls.is_empty() {
        return Err(invalid("the list of feeds lists no feed".into()));
    }
    given_topics(&urls).map_err(|mut problems| {
        for problem in &mut problems {
            problem.location = Some(Location::file(shown.clone()));
        }
        problems
    })
}

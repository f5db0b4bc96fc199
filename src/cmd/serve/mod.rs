//! `feedwright serve`: build, serve the output folder over HTTP, rebuild
//! on changes, until Ctrl-C.
//!
//! For previews: a feed reader or browser on this machine subscribes to
//! the feeds as readers will, with the validators and compression they
//! use. The build writes each file by renaming a finished temporary one,
//! so a request reads one whole version; a failed rebuild leaves the last
//! good files in place, and the error is shown on the index page.
//!
//! hyper serves (one connection per task, at most `MAX_CONNECTIONS` at a
//! time); files are read and compressed on tokio's bounded blocking pool;
//! `watch` rebuilds on the watcher's own thread.

mod banner;
mod files;
mod http;
mod watch;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};

use crate::cli::{BuildArgs, ServeArgs, SiteArgs};
use crate::diagnostic::{Diagnostic, Verbosity, verbosity};
use crate::error::{Exit, Failure};

/// Open connections at most; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 64;
/// Threads reading and compressing files at most.
const MAX_FILE_THREADS: usize = 8;
/// An idle or slow connection is closed after this long without a request.
const HEADER_TIMEOUT: Duration = Duration::from_secs(15);
/// How long Ctrl-C waits for requests being answered.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// What the request handlers share with the rebuilds.
pub(crate) struct Shared {
    /// The output folder, canonical.
    root: PathBuf,
    /// The last build's errors, while it failed.
    failure: RwLock<Option<String>>,
    /// Compressed copies by the hash of their uncompressed bytes: a feed
    /// is compressed once per version, not once per request.
    gzipped: std::sync::Mutex<std::collections::HashMap<u128, bytes::Bytes>>,
}

/// Compressed copies kept at most (then the store starts afresh): more
/// than the files of a site with a few hundred tags.
const GZIPPED_KEPT: usize = 1024;

impl Shared {
    fn new(root: PathBuf) -> Self {
        Shared { root, failure: RwLock::new(None), gzipped: Default::default() }
    }

    /// The gzip copy of `body` (whose hash is `hash`), compressed now if
    /// it is not kept already.
    fn gzipped(&self, hash: u128, body: &[u8]) -> bytes::Bytes {
        let kept = self.gzipped.lock().ok().and_then(|kept| kept.get(&hash).cloned());
        if let Some(kept) = kept {
            return kept;
        }
        let zipped = bytes::Bytes::from(http::compress(body));
        if let Ok(mut kept) = self.gzipped.lock() {
            if kept.len() >= GZIPPED_KEPT {
                kept.clear();
            }
            kept.insert(hash, zipped.clone());
        }
        zipped
    }

    fn failure(&self) -> Option<String> {
        self.failure.read().map(|f| f.clone()).unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    fn set_failure(&self, failure: Option<String>) {
        match self.failure.write() {
            Ok(mut slot) => *slot = failure,
            Err(poisoned) => *poisoned.into_inner() = failure,
        }
    }
}

pub(crate) fn run(args: &ServeArgs) -> Exit {
    match serve(args) {
        Ok(()) => Exit::Success,
        Err(failure) => {
            failure.report("{}; nothing was served");
            failure.exit()
        }
    }
}

fn serve(args: &ServeArgs) -> Result<(), Failure> {
    // Found once: every rebuild then reads the same file, without a note.
    let config = match &args.site.config {
        Some(config) => config.clone(),
        None => crate::config::discover().map_err(Failure::Config)?,
    };
    let site = SiteArgs { config: Some(config.clone()), articles: args.site.articles.clone() };
    let (settings, _warnings) = crate::config::load(site.overrides(args.out.as_deref())).map_err(Failure::Config)?;
    let build_args = BuildArgs {
        site,
        out: args.out.clone(),
        check: false,
        report: None,
        deny_warnings: false,
        include_future: args.include_future,
        timings: false,
        ping: false,
    };
    let root = canonical_out_dir(&settings.out_dir)?;
    let shared = Arc::new(Shared::new(root.clone()));
    rebuild(&build_args, &shared, None);
    let watched = watch::Watched {
        articles: absolute(&settings.articles_dir.path),
        config: absolute(&config),
        ignored: vec![root.clone(), absolute(&settings.out_dir), absolute(&settings.root.join(".feedwright-cache"))],
    };
    let on_change = {
        let shared = Arc::clone(&shared);
        let site_root = absolute(&settings.root);
        move |changed: &[PathBuf]| {
            let shown: Vec<&Path> = changed.iter().map(|p| p.strip_prefix(&site_root).unwrap_or(p)).collect();
            rebuild(&build_args, &shared, Some(&shown));
        }
    };
    let _watcher = watch::start(watched, on_change).map_err(|error| {
        Failure::Io(anyhow::Error::new(error).context("cannot watch the articles folder and the configuration"))
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(MAX_FILE_THREADS)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Failure::Io(anyhow::Error::new(e).context("cannot start the server")))?;
    let shown = settings.display_path(&settings.out_dir);
    runtime.block_on(listen(SocketAddr::new(args.bind, args.port), shown, shared))
}

fn canonical_out_dir(out_dir: &Path) -> Result<PathBuf, Failure> {
    std::fs::create_dir_all(out_dir)
        .and_then(|()| out_dir.canonicalize())
        .map_err(|e| Failure::Io(anyhow::Error::new(e).context(format!("cannot open `{}`", out_dir.display()))))
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// Builds, and keeps what the index page shows in step: the errors of a
/// failed build, or nothing once one succeeds.
fn rebuild(args: &BuildArgs, shared: &Shared, changed: Option<&[&Path]>) {
    let started = Instant::now();
    if let Some(changed) = changed
        && verbosity() != Verbosity::Quiet
    {
        let first = changed.first().map(|p| p.display().to_string()).unwrap_or_default();
        let more = if changed.len() > 1 { format!(" and {} more", changed.len() - 1) } else { String::new() };
        eprintln!("changed: {first}{more}; rebuilding");
    }
    match crate::cmd::build::run(args) {
        Ok(()) => {
            shared.set_failure(None);
            if changed.is_some() && verbosity() != Verbosity::Quiet {
                eprintln!("rebuilt in {} ms", started.elapsed().as_millis());
            }
        }
        Err(failure) => {
            failure.report("build failed: {}; still serving the last good feeds");
            shared.set_failure(Some(failure_text(&failure)));
        }
    }
}

/// The failure as plain text, for the index page.
fn failure_text(failure: &Failure) -> String {
    match failure {
        Failure::Config(diagnostics)
        | Failure::Input(diagnostics)
        | Failure::Denied(diagnostics)
        | Failure::Ping(diagnostics) => {
            diagnostics.iter().map(crate::diagnostic::render_plain).collect::<Vec<_>>().join("\n")
        }
        Failure::Io(error) => error.chain().map(ToString::to_string).collect::<Vec<_>>().join("\n  caused by: "),
        Failure::Stale(_) => "the feeds are out of date".to_owned(),
    }
}

async fn listen(address: SocketAddr, shown: String, shared: Arc<Shared>) -> Result<(), Failure> {
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
        let hint = "another program may be using the port: pick another with `--port N` (0: any free port)";
        Failure::Config(vec![
            Diagnostic::error(None, format!("cannot listen on {address}: {e}"))
                .with_hint(hint)
                .with_code("cannot-listen"),
        ])
    })?;
    let address = listener.local_addr().unwrap_or(address);
    if let Some(warning) = exposure_warning(address.ip()) {
        eprintln!("{}", crate::diagnostic::render(&warning));
    }
    let mut stop = Box::pin(stopped());
    // Always printed (also with -q): the address is what the command is for.
    eprintln!("serving {shown} at http://{address}/ (Ctrl-C stops)");
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT).max_buf_size(64 * 1024);
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&permits).acquire_owned() => permit,
            () = &mut stop => break,
        };
        let Ok(permit) = permit else { break };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it
                // was taken: try again shortly rather than spin.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let shared = Arc::clone(&shared);
        let service = hyper::service::service_fn(move |request| handle(Arc::clone(&shared), request));
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that hangs up mid-request is its own business.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await.is_err() {
        eprintln!("stopped without waiting longer for {} connection(s)", MAX_CONNECTIONS - permits.available_permits());
    } else if verbosity() != Verbosity::Quiet {
        eprintln!("stopped");
    }
    Ok(())
}

/// The warning for an address other machines can reach.
fn exposure_warning(ip: std::net::IpAddr) -> Option<Diagnostic> {
    let warning =
        Diagnostic::warning(None, format!("serving on {ip}: anyone who can reach this machine can read the feeds"))
            .with_hint("`serve` is for previews; leave out `--bind` to serve this machine only")
            .with_code("serve-not-loopback");
    (!ip.is_loopback()).then_some(warning)
}

async fn handle(
    shared: Arc<Shared>,
    request: hyper::Request<Incoming>,
) -> Result<http::Reply, std::convert::Infallible> {
    let (parts, _body) = request.into_parts();
    let asked = (verbosity() == Verbosity::Verbose).then(|| format!("{} {}", parts.method, parts.uri));
    let reply =
        tokio::task::spawn_blocking(move || http::respond(&shared, &parts.method, &parts.uri, &parts.headers)).await;
    let reply = reply.unwrap_or_else(|_| http::status(hyper::StatusCode::INTERNAL_SERVER_ERROR));
    // With -v, one line per request: what a feed reader asks, and how often.
    if let Some(asked) = asked {
        let gzip = if reply.headers().contains_key(hyper::header::CONTENT_ENCODING) { " (gzip)" } else { "" };
        super::verbose(format_args!("{asked} {}{gzip}", reply.status().as_u16()));
    }
    Ok(reply)
}

/// Resolves on Ctrl-C (SIGINT) or, on Unix, SIGTERM. The handlers are in
/// place when this returns, before the address is announced.
fn stopped() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                // Without handlers the default action (exit) still stops us.
                _ => std::future::pending().await,
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_is_served_without_a_warning() {
        for quiet in ["127.0.0.1", "127.0.0.2", "::1"] {
            assert!(exposure_warning(quiet.parse().unwrap()).is_none(), "{quiet}");
        }
        for exposed in ["0.0.0.0", "192.168.1.20", "::"] {
            let warning = exposure_warning(exposed.parse().unwrap()).expect(exposed);
            assert_eq!(warning.code.as_deref(), Some("serve-not-loopback"));
        }
    }

    #[test]
    fn a_failure_reads_as_plain_text() {
        let failure = Failure::Io(anyhow::anyhow!("disk full").context("cannot write `feeds/rss.xml`"));
        assert_eq!(failure_text(&failure), "cannot write `feeds/rss.xml`\n  caused by: disk full");
        let failure = Failure::Input(vec![Diagnostic::error(None, "bad date").with_code("bad-date")]);
        let text = failure_text(&failure);
        assert!(text.contains("bad date") && !text.contains('\u{1b}'), "{text}");
    }
}

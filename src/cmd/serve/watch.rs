//! Rebuilds when an article or the configuration changes: file events,
//! debounced so that an editor's save (write, rename, chmod) is one
//! rebuild. The output folder and the build cache are never watched for
//! their own sake: the build writes there, and must not trigger itself.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// Quiet time after the last change before rebuilding.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(200);

/// What to watch, as absolute paths.
#[derive(Debug, Clone)]
pub(crate) struct Watched {
    pub(crate) articles: PathBuf,
    pub(crate) config: PathBuf,
    /// Written by the build: the output folder and `.feedwright-cache`.
    pub(crate) ignored: Vec<PathBuf>,
}

impl Watched {
    /// Whether a change at `path` calls for a rebuild.
    pub(crate) fn wants(&self, path: &Path) -> bool {
        if self.ignored.iter().any(|dir| path.starts_with(dir)) {
            return false;
        }
        path == self.config || path.starts_with(&self.articles)
    }
}

/// Starts watching; `rebuild` runs on a thread of its own, one rebuild at
/// a time, once no change has come for `DEBOUNCE` (changes made during a
/// rebuild bring another). Dropping the returned watcher stops both.
pub(crate) fn start(
    watched: Watched,
    mut rebuild: impl FnMut(&[PathBuf]) + Send + 'static,
) -> notify::Result<RecommendedWatcher> {
    let (sender, changes) = mpsc::channel::<PathBuf>();
    let filter = watched.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| match event {
        // Reading a file is no change (the build itself reads every article).
        Ok(event) if matches!(event.kind, EventKind::Access(_)) => {}
        Ok(event) => {
            for path in event.paths.into_iter().filter(|path| filter.wants(path)) {
                // The receiver is gone only when serve is stopping.
                let _ = sender.send(path);
            }
        }
        Err(error) => eprintln!("warning: watching for changes: {error}"),
    })?;
    watcher.watch(&watched.articles, RecursiveMode::Recursive)?;
    // Editors save by renaming a new file over the old one, which ends a
    // watch on the file itself: its folder is watched instead. Watching a
    // folder twice would replace the recursive watch with this one.
    let config_dir = watched.config.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !config_dir.starts_with(&watched.articles) {
        watcher.watch(config_dir, RecursiveMode::NonRecursive)?;
    }
    std::thread::Builder::new().name("feedwright rebuild".into()).spawn(move || {
        while let Some(changed) = quiet_batch(&changes) {
            rebuild(&changed);
        }
    })?;
    Ok(watcher)
}

/// Waits for a change, then takes every change until none has come for
/// `DEBOUNCE`: the paths changed, each once, in order. `None` once the
/// watcher is dropped.
fn quiet_batch(changes: &mpsc::Receiver<PathBuf>) -> Option<Vec<PathBuf>> {
    let mut batch = vec![changes.recv().ok()?];
    loop {
        match changes.recv_timeout(DEBOUNCE) {
            Ok(path) => {
                if !batch.contains(&path) {
                    batch.push(path);
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => return Some(batch),
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_articles_and_the_configuration_count() {
        let watched = Watched {
            articles: PathBuf::from("/site"),
            config: PathBuf::from("/site/feedwright.toml"),
            ignored: vec![PathBuf::from("/site/feeds"), PathBuf::from("/site/.feedwright-cache")],
        };
        assert!(watched.wants(Path::new("/site/post.md")));
        assert!(watched.wants(Path::new("/site/feedwright.toml")));
        assert!(!watched.wants(Path::new("/site/feeds/rss.xml")));
        assert!(!watched.wants(Path::new("/site/.feedwright-cache/index")));
        assert!(!watched.wants(Path::new("/elsewhere/post.md")));
    }

    #[test]
    fn changes_close_together_are_one_batch() {
        let (sender, changes) = mpsc::channel();
        for name in ["a.md", "b.md", "a.md"] {
            sender.send(PathBuf::from(name)).unwrap();
        }
        assert_eq!(quiet_batch(&changes), Some(vec![PathBuf::from("a.md"), PathBuf::from("b.md")]));
        drop(sender);
        assert_eq!(quiet_batch(&changes), None);
    }
}

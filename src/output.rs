//! The only place that writes: feed files go to disk atomically, all
//! prepared before any is replaced, and a file whose bytes would not change
//! is not touched (its mtime stays).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// A file to write: where, and its complete contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputFile {
    pub(crate) path: PathBuf,
    pub(crate) bytes: Vec<u8>,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Written,
    Unchanged,
}

/// Writes `files` into `dir` (created if missing). Each file is written to a
/// temporary file in the same folder and synced; only when all are ready are
/// they renamed over the old ones, so a reader, or a build that dies, sees
/// every feed either whole and old or whole and new. (A build stages and
/// publishes in two steps, around its check.)
#[cfg(test)]
pub(crate) fn commit<'f>(dir: &Path, files: impl IntoIterator<Item = &'f OutputFile>) -> anyhow::Result<Vec<Outcome>> {
    stage(dir, files)?.publish()
}

/// Files staged by `stage`: written next to their targets and synced, not
/// yet in place. Dropped without `publish`, the temporary files delete
/// themselves and the old files stay as they were.
#[derive(Debug)]
pub(crate) struct Staged<'f> {
    dir: PathBuf,
    staged: Vec<(tempfile::NamedTempFile, &'f Path)>,
    outcomes: Vec<Outcome>,
    together: bool,
}

/// The first half of `commit`: every file whose bytes differ from the one
/// on disk is written to a temporary file in its folder and made durable.
/// A build runs this while it checks the feeds (the disk works while the
/// cores check) and publishes only if the check passes.
///
/// A few files are written and synced each on its own thread, so that
/// their waits for the disk overlap; their folders are synced after the
/// renames. Many (a feed per tag, archive pages: thousands) are written by
/// a few threads, a run of them each, and synced with the whole
/// filesystem, once before the renames and once after: two waits for the
/// disk instead of one per file and folder, with the same guarantee.
/// Either way no thread of the pool the build computes on waits for the
/// disk.
pub(crate) fn stage<'f>(dir: &Path, files: impl IntoIterator<Item = &'f OutputFile>) -> anyhow::Result<Staged<'f>> {
    /// More files to write than this: one sync of the filesystem.
    const ONE_BY_ONE: usize = 16;
    /// Threads writing many files.
    const WRITERS: usize = 4;
    let files: Vec<&OutputFile> = files.into_iter().collect();
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the output folder `{}`", dir.display()))?;
    let differs: Vec<bool> = files.iter().map(|file| !same_contents(&file.path, &file.bytes)).collect();
    let together = cfg!(unix) && differs.iter().filter(|&&d| d).count() > ONE_BY_ONE;
    let prepare = |file: &OutputFile| -> anyhow::Result<tempfile::NamedTempFile> {
        // Staged next to its file: the rename stays in one folder.
        let folder = file.path.parent().unwrap_or(dir);
        std::fs::create_dir_all(folder).with_context(|| format!("cannot create the folder `{}`", folder.display()))?;
        stage_one(folder, file, !together)
    };
    let to_write: Vec<&OutputFile> =
        files.iter().zip(&differs).filter(|(_, differs)| **differs).map(|(file, _)| *file).collect();
    // Creating a file costs the filesystem more than writing a small one:
    // many files go to a few threads in runs, a few each to its own.
    let per_thread = if together { to_write.len().div_ceil(WRITERS) } else { 1 };
    let prepared: Vec<anyhow::Result<tempfile::NamedTempFile>> = std::thread::scope(|scope| {
        let threads: Vec<_> = to_write
            .chunks(per_thread.max(1))
            .map(|run| scope.spawn(move || run.iter().map(|file| prepare(file)).collect::<Vec<_>>()))
            .collect();
        threads.into_iter().flat_map(|thread| thread.join().expect("a thread writing feed files panicked")).collect()
    });
    let mut prepared = prepared.into_iter();
    let mut staged = Vec::new();
    let mut outcomes = Vec::new();
    for (file, differs) in files.into_iter().zip(differs) {
        if differs {
            let temp = prepared.next().expect("one temporary file per file that differs")?;
            staged.push((temp, file.path.as_path()));
            outcomes.push(Outcome::Written);
        } else {
            outcomes.push(Outcome::Unchanged);
        }
    }
    if together {
        sync_filesystem(dir)?;
    }
    Ok(Staged { dir: dir.to_path_buf(), staged, outcomes, together })
}

/// Runs `work` on this thread while another stages `files` in `dir` (see
/// `stage`), when there are files to stage: what `work` gives, and the
/// files staged.
pub(crate) fn staged_while<'f, T>(
    files: Option<(&Path, Vec<&'f OutputFile>)>,
    work: impl FnOnce() -> T,
) -> (T, Option<anyhow::Result<Staged<'f>>>) {
    let Some((dir, files)) = files else { return (work(), None) };
    std::thread::scope(|scope| {
        let staging = scope.spawn(move || stage(dir, files));
        let done = work();
        (done, Some(staging.join().expect("the thread staging the feed files panicked")))
    })
}

impl Staged<'_> {
    /// The second half of `commit`: every staged file renamed over its
    /// target, and the renames made durable.
    pub(crate) fn publish(self) -> anyhow::Result<Vec<Outcome>> {
        let Staged { dir, staged, outcomes, together } = self;
        let mut folders: Vec<&Path> = Vec::new();
        for (temp, target) in staged {
            temp.persist(target).with_context(|| format!("cannot replace `{}`", target.display()))?;
            folders.extend(target.parent());
        }
        if together {
            sync_filesystem(&dir)?;
            return Ok(outcomes);
        }
        folders.sort();
        folders.dedup();
        for folder in folders {
            sync_dir(folder)?;
        }
        Ok(outcomes)
    }
}

/// Makes every write to the filesystem holding `dir` durable (`syncfs`).
fn sync_filesystem(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let folder = std::fs::File::open(dir).with_context(|| format!("cannot open `{}`", dir.display()))?;
        rustix::fs::syncfs(&folder).with_context(|| format!("cannot sync the files written in `{}`", dir.display()))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Whether `file` is on disk as it is in memory.
pub(crate) fn holds(file: &OutputFile) -> bool {
    same_contents(&file.path, &file.bytes)
}

/// Whether the file at `path` holds exactly `bytes`; its size is compared
/// before any byte is read.
fn same_contents(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Replaces a file that is not a feed (the build cache): atomically, so a
/// killed build leaves the old or the new one, but without syncing, since
/// losing it costs only time.
pub(crate) fn replace_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".feedwright-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    temp.write_all(bytes).with_context(|| format!("cannot write `{}`", path.display()))?;
    temp.persist(path).with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}

/// Writes a new file, refusing to replace one (`AlreadyExists`).
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A temporary file in `dir` holding `file`'s bytes, synced when `sync` says. Dropped unused,
/// it deletes itself.
fn stage_one(dir: &Path, file: &OutputFile, sync: bool) -> anyhow::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".feedwright-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Feeds are public files: readable by the web server, not only by us.
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut temp =
        builder.tempfile_in(dir).with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    let context = || format!("cannot write `{}`", temp_name(&file.path));
    temp.write_all(&file.bytes).with_context(context)?;
    if sync {
        temp.as_file().sync_all().with_context(context)?;
    }
    Ok(temp)
}

fn temp_name(path: &Path) -> String {
    path.display().to_string()
}

/// Makes the renames durable (POSIX needs the folder itself synced).
fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .with_context(|| format!("cannot sync the output folder `{}`", dir.display()))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Removes the temporary files a killed build left in `dir` and, `depth`
/// folders down, in its subfolders.
fn remove_temporary_files(dir: &Path, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".feedwright-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        } else if depth > 0 && entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_temporary_files(&entry.path(), depth - 1);
        }
    }
}

/// Holds the output folder for one build: a second build waits for the
/// first, so their writes never interleave. The lock is the kernel's (a
/// `flock` on `.feedwright.lock`), so a killed build releases it at once and
/// never leaves a stale lock behind; the file itself is removed when the
/// build ends.
#[derive(Debug)]
pub(crate) struct BuildLock {
    file: std::fs::File,
    path: PathBuf,
}

pub(crate) const LOCK_FILE: &str = ".feedwright.lock";

/// How long a build waits for another one before giving up.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(600);

impl BuildLock {
    /// Removes the temporary files a killed build left in the output folder.
    /// Only a lock holder may: no other build can be writing them.
    pub(crate) fn remove_stale_temporary_files(&self) {
        let Some(dir) = self.path.parent() else { return };
        // Feeds per tag and archive pages are two folders down (`tags/x/`).
        remove_temporary_files(dir, 2);
    }

    /// Takes the lock on `dir` (created if missing), waiting for another
    /// build to finish; `waiting` is called once if it has to wait.
    pub(crate) fn acquire(dir: &Path, waiting: impl FnOnce()) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the output folder `{}`", dir.display()))?;
        let path = dir.join(LOCK_FILE);
        let started = std::time::Instant::now();
        let mut waiting = Some(waiting);
        loop {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .with_context(|| format!("cannot open the lock file `{}`", path.display()))?;
            match file.try_lock() {
                Ok(()) => {
                    // The holder before us may have removed the file after we
                    // opened it: then our lock is on a file nobody else sees.
                    if same_file(&file, &path) {
                        return Ok(BuildLock { file, path });
                    }
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    if let Some(tell) = waiting.take() {
                        tell();
                    }
                    if started.elapsed() > LOCK_PATIENCE {
                        anyhow::bail!(
                            "another build has held `{}` for over {} seconds; if no build is running, delete the file",
                            path.display(),
                            LOCK_PATIENCE.as_secs()
                        );
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::Error(err)) => {
                    return Err(err).with_context(|| format!("cannot lock `{}`", path.display()));
                }
            }
        }
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        // Remove while still holding the lock; a waiter that opened the old
        // file notices (see `same_file`) and opens a new one.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &std::fs::File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_leaves_unchanged_files_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("feeds");
        let file = OutputFile { path: out.join("a.xml"), bytes: b"one".to_vec() };
        assert_eq!(commit(&out, std::slice::from_ref(&file)).unwrap(), [Outcome::Written]);
        let mtime = std::fs::metadata(&file.path).unwrap().modified().unwrap();
        assert_eq!(commit(&out, std::slice::from_ref(&file)).unwrap(), [Outcome::Unchanged]);
        assert_eq!(std::fs::metadata(&file.path).unwrap().modified().unwrap(), mtime);
        let changed = OutputFile { bytes: b"two".to_vec(), ..file };
        assert_eq!(commit(&out, std::slice::from_ref(&changed)).unwrap(), [Outcome::Written]);
        assert_eq!(std::fs::read(&changed.path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    /// What a build whose check fails does: the files were staged while it
    /// checked, and are dropped unpublished. Many files (synced together)
    /// and a few (each on its own thread) alike.
    #[test]
    fn staged_files_dropped_unpublished_leave_the_old_ones_and_no_temporary_file() {
        for count in [3, 40] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("feeds");
            let old: Vec<OutputFile> = (0..count)
                .map(|i| OutputFile { path: out.join(format!("t{i}")).join("a.xml"), bytes: b"old".to_vec() })
                .collect();
            commit(&out, &old).unwrap();
            let new: Vec<OutputFile> = old.iter().map(|f| OutputFile { bytes: b"new".to_vec(), ..f.clone() }).collect();
            let (checked, staged) = staged_while(Some((out.as_path(), new.iter().collect())), || "checked");
            assert_eq!(checked, "checked");
            drop(staged.unwrap().unwrap());
            for file in &old {
                assert_eq!(std::fs::read(&file.path).unwrap(), b"old");
                let names: Vec<String> = std::fs::read_dir(file.path.parent().unwrap())
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
                assert_eq!(names, ["a.xml"], "{count} files");
            }
            let (_, staged) = staged_while(Some((out.as_path(), new.iter().collect())), || ());
            let outcomes = staged.unwrap().unwrap().publish().unwrap();
            assert!(outcomes.iter().all(|&o| o == Outcome::Written));
            assert!(new.iter().all(|file| std::fs::read(&file.path).unwrap() == b"new"));
        }
    }

    #[test]
    fn lock_excludes_a_second_holder_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let first = BuildLock::acquire(dir.path(), || {}).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let second = std::thread::spawn(move || {
            BuildLock::acquire(&path, || tx.send("waiting").unwrap()).map(drop).unwrap();
        });
        assert_eq!(rx.recv().unwrap(), "waiting");
        drop(first);
        second.join().unwrap();
        assert!(!dir.path().join(LOCK_FILE).exists());
    }
}

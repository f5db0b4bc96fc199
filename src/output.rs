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
/// every feed either whole and old or whole and new.
pub(crate) fn commit(dir: &Path, files: &[OutputFile]) -> anyhow::Result<Vec<Outcome>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the output folder `{}`", dir.display()))?;
    let mut staged = Vec::new();
    let mut outcomes = Vec::new();
    for file in files {
        if std::fs::read(&file.path).is_ok_and(|old| old == file.bytes) {
            outcomes.push(Outcome::Unchanged);
            continue;
        }
        staged.push((stage(dir, file)?, &file.path));
        outcomes.push(Outcome::Written);
    }
    for (temp, target) in staged {
        temp.persist(target).with_context(|| format!("cannot replace `{}`", target.display()))?;
    }
    if outcomes.contains(&Outcome::Written) {
        sync_dir(dir)?;
    }
    Ok(outcomes)
}

/// A synced temporary file in `dir` holding `file`'s bytes. Dropped unused,
/// it deletes itself.
fn stage(dir: &Path, file: &OutputFile) -> anyhow::Result<tempfile::NamedTempFile> {
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
    temp.as_file().sync_all().with_context(context)?;
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
}

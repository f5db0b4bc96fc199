//! The floor `make bench` measures feedwright against: read every file of a
//! corpus once and write three output files as feedwright does (a temporary
//! file each, synced, then renamed over the old one), with nothing in
//! between: no parsing, rendering, formatting or checking. Each output file
//! is the corpus' bytes, in file-name order, so the three together are about
//! as large as feedwright's full-archive feeds of the same corpus (3× the
//! corpus against feedwright's ~3.6×).
//!
//! Usage: `io-floor CORPUS_DIR OUT_DIR`. Only the standard library, and the
//! three files are written on three threads, so that the floor is what the
//! machine's disk and page cache allow, not a straw man.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [corpus, out] = args.as_slice() else {
        eprintln!("usage: io-floor CORPUS_DIR OUT_DIR");
        std::process::exit(2);
    };
    if let Err(err) = run(corpus, out) {
        eprintln!("io-floor: {err}");
        std::process::exit(1);
    }
}

fn run(corpus: &Path, out: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    list(corpus, &mut files)?;
    files.sort();
    let mut bytes = Vec::new();
    for file in &files {
        bytes.extend_from_slice(&fs::read(file)?);
    }
    fs::create_dir_all(out)?;
    std::thread::scope(|scope| {
        let writers: Vec<_> = ["rss.xml", "atom.xml", "feed.json"]
            .into_iter()
            .map(|name| {
                let bytes = &bytes;
                scope.spawn(move || replace(&out.join(name), bytes))
            })
            .collect();
        writers.into_iter().try_for_each(|writer| writer.join().expect("a writer thread panicked"))
    })?;
    // The renames themselves made durable, as feedwright does.
    fs::File::open(out)?.sync_all()
}

/// Every regular file under `dir`, hidden ones included (the corpus has none).
fn list(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            list(&entry.path(), files)?;
        } else {
            files.push(entry.path());
        }
    }
    Ok(())
}

fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = path.with_extension("tmp");
    let mut file = fs::File::create(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    fs::rename(&temporary, path)
}

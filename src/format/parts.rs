//! A feed file written an entry at a time: the bytes before the entries,
//! each entry's bytes, and the bytes after, joined by a separator. Each
//! entry is written on its own, on every core, and its bytes do not depend
//! on the other entries, so a build knows which entries' bytes it checked
//! before (see `cmd::build`).
//!
//! The `rss` and `atom_syndication` crates write whole documents only, so
//! an entry's bytes are cut out of the document holding that entry alone:
//! with the same head and tail as the document without entries, the bytes
//! in between are the entry's, exactly as the crate writes them in a full
//! feed. A writer that ever stopped composing that way is caught (the cut
//! does not match) and the caller writes the whole document instead; tests
//! compare both ways on varied feeds.

use std::borrow::Cow;
use std::ops::Range;

use rayon::prelude::*;

use crate::model::{Entry, Feed};

/// A feed file's bytes, and where its parts are in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    pub(crate) bytes: Vec<u8>,
    /// Where each entry's own bytes are, in feed order; `None` when the
    /// file was written whole.
    pub(crate) layout: Option<Layout>,
}

/// Where the parts of a feed file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    pub(crate) head: Range<usize>,
    /// The feed's own date in the head (`lastBuildDate`, Atom `updated`):
    /// it moves with every new entry and no entry's check depends on it,
    /// so it is not part of the context.
    pub(crate) head_date: Option<Range<usize>>,
    pub(crate) entries: Vec<Range<usize>>,
    pub(crate) separator: &'static [u8],
    pub(crate) tail: Range<usize>,
}

impl Written {
    /// A file written whole, without a layout.
    pub(crate) fn whole(bytes: Vec<u8>) -> Self {
        Written { bytes, layout: None }
    }

    /// The file made of `head`, the `entries` joined by `separator`, and `tail`.
    #[cfg(test)]
    pub(crate) fn join<P: AsRef<[u8]> + Sync>(
        head: &[u8],
        entries: Vec<P>,
        separator: &'static [u8],
        tail: &[u8],
    ) -> Self {
        Written::build(head, entries.len(), separator, tail, 0, |i| Some(Cow::Borrowed(entries[i].as_ref())))
            .expect("every entry is there")
    }

    /// The file made of `head`, `count` entries joined by `separator`, and
    /// `tail`, where `entry(i)` writes entry `i` (`None`: it cannot be
    /// written on its own, and neither can the file). Entries are written on
    /// every core a few hundred at a time, each batch appended as it is
    /// done: the whole file is never held twice. `capacity` is a guess at
    /// the file's size.
    pub(crate) fn build<'e>(
        head: &[u8],
        count: usize,
        separator: &'static [u8],
        tail: &[u8],
        capacity: usize,
        entry: impl Fn(usize) -> Option<Cow<'e, [u8]>> + Sync,
    ) -> Option<Self> {
        const BATCH: usize = 512;
        let mut bytes = Vec::with_capacity(capacity);
        bytes.extend_from_slice(head);
        let head_range = 0..bytes.len();
        let mut ranges = Vec::with_capacity(count);
        for batch in (0..count).step_by(BATCH) {
            let written: Vec<Cow<'e, [u8]>> =
                (batch..count.min(batch + BATCH)).into_par_iter().map(&entry).collect::<Option<_>>()?;
            for piece in written {
                if !ranges.is_empty() {
                    bytes.extend_from_slice(separator);
                }
                let start = bytes.len();
                bytes.extend_from_slice(&piece);
                ranges.push(start..bytes.len());
            }
        }
        let tail_start = bytes.len();
        bytes.extend_from_slice(tail);
        let tail_range = tail_start..bytes.len();
        let layout = Layout { head: head_range, head_date: None, entries: ranges, separator, tail: tail_range };
        Some(Written { bytes, layout: Some(layout) })
    }
}

impl Layout {
    /// The document of `bytes` with only the entries `keep` says yes to
    /// (same head, separator and tail), or `None` if that leaves none.
    pub(crate) fn with_only(&self, bytes: &[u8], keep: impl Fn(usize) -> bool) -> Option<Vec<u8>> {
        let kept: Vec<&Range<usize>> =
            self.entries.iter().enumerate().filter(|(i, _)| keep(*i)).map(|(_, r)| r).collect();
        if kept.is_empty() {
            return None;
        }
        let mut out = bytes[self.head.clone()].to_vec();
        for (index, range) in kept.into_iter().enumerate() {
            if index > 0 {
                out.extend_from_slice(self.separator);
            }
            out.extend_from_slice(&bytes[range.clone()]);
        }
        out.extend_from_slice(&bytes[self.tail.clone()]);
        Some(out)
    }

    /// The document of `bytes` with only the entries in `range` (see
    /// `with_only`), or `None` if the range holds none.
    pub(crate) fn with_range(&self, bytes: &[u8], range: Range<usize>) -> Option<Vec<u8>> {
        let kept = self.entries.get(range)?;
        let size: usize = kept.iter().map(|r| r.len() + self.separator.len()).sum();
        let (first, rest) = kept.split_first()?;
        let mut out = Vec::with_capacity(self.head.len() + size + self.tail.len());
        out.extend_from_slice(&bytes[self.head.clone()]);
        out.extend_from_slice(&bytes[first.clone()]);
        for range in rest {
            out.extend_from_slice(self.separator);
            out.extend_from_slice(&bytes[range.clone()]);
        }
        out.extend_from_slice(&bytes[self.tail.clone()]);
        Some(out)
    }

    /// The entries in runs of about `bytes` bytes each (at least one entry
    /// a run), in order.
    pub(crate) fn runs_of(&self, bytes: usize) -> Vec<Range<usize>> {
        let mut runs = Vec::new();
        let (mut start, mut size) = (0, 0);
        for (index, range) in self.entries.iter().enumerate() {
            size += range.len();
            if size >= bytes {
                runs.push(start..index + 1);
                (start, size) = (index + 1, 0);
            }
        }
        if start < self.entries.len() {
            runs.push(start..self.entries.len());
        }
        runs
    }

    /// A hash of everything but the entries: an entry's check holds in
    /// another document only if this is the same.
    pub(crate) fn context_hash(&self, bytes: &[u8]) -> u128 {
        let head = &bytes[self.head.clone()];
        let (before, after) = match &self.head_date {
            Some(date) => (&head[..date.start], &head[date.end..]),
            None => (head, &b""[..]),
        };
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for part in [before, after, self.separator, &bytes[self.tail.clone()]] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        hasher.digest128()
    }
}

/// A feed in a format whose writer writes whole documents (`document(e)`
/// holds only the entries `e`): an entry at a time (see `cut`), or whole if
/// the documents do not compose.
pub(super) fn by_cutting(
    feed: &Feed,
    earlier: &[Option<&[u8]>],
    closing: &[u8],
    date_element: &str,
    document: impl Fn(&[&Entry]) -> Vec<u8> + Sync,
) -> Written {
    let all: Vec<&Entry> = feed.entries.iter().collect();
    cut(&feed.entries, earlier, closing, date_element, super::size_hint(&all), |entry| document(&Vec::from_iter(entry)))
        .unwrap_or_else(|| Written::whole(document(&all)))
}

/// Writes a document an entry at a time with a writer of whole documents
/// (`document(None)` has no entry, `document(Some(e))` only `e`), for
/// formats whose entries are the last children of their parent element,
/// each starting on a new line: they go just before the line that closes
/// the parent (`closing`, e.g. `</channel>`). `None` if the documents do not
/// compose that way.
///
/// `earlier[i]`, when there is one, is what an earlier build wrote for entry
/// `i` (an entry of equal value): used as it is instead of writing it.
pub(super) fn cut<E: Sync>(
    entries: &[E],
    earlier: &[Option<&[u8]>],
    closing: &[u8],
    date_element: &str,
    capacity: usize,
    document: impl Fn(Option<&E>) -> Vec<u8> + Sync,
) -> Option<Written> {
    let empty = document(None);
    let at = memchr::memmem::rfind(&empty, closing)?;
    let line = memchr::memrchr(b'\n', &empty[..at])?;
    if !empty[line + 1..at].iter().all(|&b| b == b' ') {
        return None;
    }
    let (head, tail) = empty.split_at(line);
    let mut written = Written::build(head, entries.len(), b"", tail, capacity, |index| {
        if let Some(Some(bytes)) = earlier.get(index) {
            return Some(Cow::Borrowed(*bytes));
        }
        let mut alone = document(Some(&entries[index]));
        let fits = alone.len() > head.len() + tail.len() && alone.starts_with(head) && alone.ends_with(tail);
        fits.then(|| {
            alone.truncate(alone.len() - tail.len());
            alone.drain(..head.len());
            Cow::Owned(alone)
        })
    })?;
    if let Some(layout) = &mut written.layout {
        layout.head_date = element_range(head, date_element);
    }
    Some(written)
}

/// Where the first `<name>...</name>` element is in `xml`.
fn element_range(xml: &[u8], name: &str) -> Option<Range<usize>> {
    let start = memchr::memmem::find(xml, format!("<{name}>").as_bytes())?;
    let close = format!("</{name}>");
    let end = start + memchr::memmem::find(&xml[start..], close.as_bytes())? + close.len();
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_join_and_documents_with_fewer_entries() {
        let written = Written::join(b"[", vec![b"a".to_vec(), b"bb".to_vec(), b"c".to_vec()], b", ", b"]");
        assert_eq!(written.bytes, b"[a, bb, c]");
        let layout = written.layout.as_ref().unwrap();
        assert_eq!(layout.entries, [1..2, 4..6, 8..9]);
        assert_eq!(layout.with_only(&written.bytes, |i| i != 1).unwrap(), b"[a, c]");
        assert_eq!(layout.with_only(&written.bytes, |_| false), None);
        // Runs of entries, as the self-check takes them in parts.
        assert_eq!(layout.with_range(&written.bytes, 1..3).unwrap(), b"[bb, c]");
        assert_eq!(layout.with_range(&written.bytes, 0..3).unwrap(), written.bytes);
        assert_eq!(layout.with_range(&written.bytes, 2..2), None);
        assert_eq!(layout.with_range(&written.bytes, 2..4), None);
        assert_eq!(layout.runs_of(2), [0..2, 2..3]);
        assert_eq!(layout.runs_of(1), [0..1, 1..2, 2..3]);
        assert_eq!(layout.runs_of(100), vec![0..3_usize]);
        for size in 1..6 {
            let runs = layout.runs_of(size);
            let joined: Vec<u8> = runs.iter().flat_map(|run| run.clone()).map(|i| i as u8).collect();
            assert_eq!(joined, [0, 1, 2], "every entry in one run, in order ({size})");
        }
        let other = Written::join(b"[", vec![b"z".to_vec()], b", ", b"]");
        assert_eq!(layout.context_hash(&written.bytes), other.layout.unwrap().context_hash(&other.bytes));
        let different = Written::join(b"(", vec![b"a".to_vec()], b", ", b"]");
        assert_ne!(layout.context_hash(&written.bytes), different.layout.unwrap().context_hash(&different.bytes));
    }

    #[test]
    fn cutting_finds_each_entry_or_gives_up() {
        let document = |entry: Option<&&str>| match entry {
            Some(e) => format!("<r>\n  <x/>\n  <e>{e}</e>\n</r>").into_bytes(),
            None => b"<r>\n  <x/>\n</r>".to_vec(),
        };
        let written = cut(&["1", "22"], &[], b"</r>", "x", 0, document).unwrap();
        assert_eq!(String::from_utf8(written.bytes.clone()).unwrap(), "<r>\n  <x/>\n  <e>1</e>\n  <e>22</e>\n</r>");
        assert_eq!(written.layout.unwrap().head_date, None);
        // A writer whose entries change what is around them cannot be cut.
        let moody = |entry: Option<&&str>| match entry {
            Some(e) => format!("<r n=\"{e}\">\n  <e/>\n</r>").into_bytes(),
            None => b"<r>\n</r>".to_vec(),
        };
        assert_eq!(cut(&["1"], &[], b"</r>", "x", 0, moody), None);
        // What an earlier build wrote for an entry is used as it is.
        let reused = cut(&["1", "22"], &[None, Some(b"\n  <e>old</e>")], b"</r>", "x", 0, document).unwrap();
        assert_eq!(String::from_utf8(reused.bytes).unwrap(), "<r>\n  <x/>\n  <e>1</e>\n  <e>old</e>\n</r>");
        // The feed's date is no part of the context.
        let dated = |date: &'static str| {
            move |entry: Option<&&str>| match entry {
                Some(e) => format!("<r>\n  <d>{date}</d>\n  <e>{e}</e>\n</r>").into_bytes(),
                None => format!("<r>\n  <d>{date}</d>\n</r>").into_bytes(),
            }
        };
        let one = cut(&["1"], &[], b"</r>", "d", 0, dated("monday")).unwrap();
        let two = cut(&["1"], &[], b"</r>", "d", 0, dated("tuesday")).unwrap();
        let context = |w: &Written| w.layout.as_ref().unwrap().context_hash(&w.bytes);
        assert_eq!(context(&one), context(&two));
        let three = cut(&["1"], &[], b"</r>", "x", 0, dated("tuesday")).unwrap();
        assert_ne!(context(&one), context(&three));
    }
}

//! The index on disk, beside the library (`index.bin` in the data
//! directory), so a reader opening a year of days has it at once. Raw
//! little-endian arrays after a header; read whole, checked, and thrown
//! away (rebuilt) on any mismatch of shape or of the ranking's build (the
//! stamp of its sources, [`STAMP`]). An index of the same build for a
//! library that has since grown by a few papers (a day fetched) is not
//! rebuilt: the new papers are folded into it ([`Index::fold`]), up to
//! [`FOLD_SHARE`] of the library. Written atomically.

use std::collections::HashMap;
use std::io;
use std::path::Path;

use super::bin::{In, Out, Sum};
use super::lsa::Lsa;
use super::tfidf::Doc;
use super::tfidf::TfIdf;
use super::{Index, doc};
use crate::digest::Digest;

pub const FILE: &str = "index.bin";
const MAGIC: &[u8; 8] = b"PBINDEX6";

/// The stamp of the ranking's sources this paperboy was built from (see
/// `stamp.rs`): an index saved by another build is never read.
pub const STAMP: &str = env!("PAPERBOY_RANK_STAMP");

/// The stamp as a number, for the header.
fn stamp() -> u64 {
    u64::from_str_radix(STAMP, 16).unwrap_or(0)
}

/// The largest share of an index's papers that may be folded in (placed in
/// a space learned without them, their words weighed by the old counts)
/// before it is built again: a tenth, about a month of days in a year's
/// library.
pub const FOLD_SHARE: f32 = 0.1;

pub use crate::fnv::Fnv;

/// The key of an index of `d`: `files` (each file's name, size and
/// modification time, as the caller has them) and every paper's id and
/// abstract length, in order. (What built it is the header's stamp.)
pub fn key(d: &Digest, files: &[(String, u64, u128)]) -> u64 {
    key_of(files, &tags(d))
}

/// [`key`] of a library whose papers' [`tags`] are `tags`.
fn key_of(files: &[(String, u64, u128)], tags: &[u64]) -> u64 {
    let mut h = Fnv::default();
    for (name, len, mtime) in files {
        h.add(name.as_bytes())
            .add(&len.to_le_bytes())
            .add(&mtime.to_le_bytes());
    }
    h.add(&(tags.len() as u64).to_le_bytes());
    for tag in tags {
        h.add(&tag.to_le_bytes());
    }
    h.0
}

/// What tells each paper of `d` from the others when an index is folded:
/// its id and its abstract's length (a paper whose text changed is new).
pub fn tags(d: &Digest) -> Vec<u64> {
    (0..d.len())
        .map(|i| {
            let mut h = Fnv::default();
            h.add(&d.papers()[i].id.0.to_le_bytes())
                .add(&(d.abstract_raw(i).len() as u64).to_le_bytes());
            h.0
        })
        .collect()
}

/// An index as saved: under the key of its library, each paper's tag (in
/// the index's order), and how many of its papers were folded in.
pub struct Saved {
    pub key: u64,
    pub tags: Vec<u64>,
    pub folded: u32,
    pub index: Index,
}

/// Saves an index: the magic, the stamp, the key, the tags, the arrays,
/// and a checksum of all that (so arrays spliced under another file's key,
/// or changed, are never taken for the index).
pub fn save(path: &Path, saved: &Saved) -> io::Result<()> {
    save_stamped(path, stamp(), saved)
}

/// [`save`] as the build of stamp `stamp` would.
fn save_stamped(path: &Path, stamp: u64, saved: &Saved) -> io::Result<()> {
    // Made once at its size: the arrays are tens of MB, and a vector
    // grown by doubling would copy them over and over.
    let mut out = Out(super::bin::vec_for(
        64 + 8 * saved.tags.len() + saved.index.tfidf.bytes() + saved.index.lsa.bytes(),
    ));
    out.0.extend_from_slice(MAGIC);
    out.0.extend_from_slice(&stamp.to_le_bytes());
    out.0.extend_from_slice(&saved.key.to_le_bytes());
    out.u32(saved.folded);
    out.u64s(&saved.tags);
    saved.index.tfidf.write(&mut out);
    saved.index.lsa.write(&mut out);
    let mut sum = Sum::default();
    sum.add(&out.0);
    out.0.extend_from_slice(&sum.value().to_le_bytes());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Checked whole when read (its sum), so it needs no flush to disk.
    crate::store::atomic::write_unsynced(path, &out.0, crate::store::atomic::Mode::Shared)
}

/// The index of the `papers` papers saved under `key`, if that is what
/// `path` holds.
pub fn load(path: &Path, key: u64, papers: usize) -> Option<Index> {
    read(path, Some(key))
        .filter(|s| s.index.len() == papers)
        .map(|s| s.index)
}

/// The index `path` holds, if it is one this build saved (under `key`,
/// when given): a regular file (a FIFO or a device there is never
/// opened), whole by its checksum, of a consistent shape.
pub fn read(path: &Path, key: Option<u64>) -> Option<Saved> {
    if !crate::store::atomic::regular_or_absent(path).ok()? {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    let left = file.metadata().ok()?.len().checked_sub(8)?;
    let mut r = In::new(io::BufReader::with_capacity(1 << 16, file), left + 8);
    let mut magic = [0u8; 8];
    r.fill(&mut magic)?;
    if &magic != MAGIC || r.u64()? != stamp() {
        return None;
    }
    let saved_key = r.u64()?;
    if key.is_some_and(|k| k != saved_key) {
        return None;
    }
    let folded = r.u32()?;
    let tags = r.u64s()?;
    let tfidf = TfIdf::read(&mut r)?;
    let lsa = Lsa::read(&mut r, tfidf.vocab.len(), tfidf.len())?;
    let sum = r.sum.value();
    let whole = r.u64()? == sum && r.done();
    (whole && tfidf.len() == tags.len()).then_some(Saved {
        key: saved_key,
        tags,
        folded,
        index: Index { tfidf, lsa },
    })
}

/// How an index came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Made {
    /// Read as saved.
    Cached,
    /// Read, and this many new papers folded in (built again later).
    Folded(usize),
    /// Built from the papers.
    Built,
}

/// The index of `d` (whose files are `files`, as [`key`] takes them) from
/// the cache at `path`: as saved when it is that of these papers; the
/// saved one with the new papers folded in when they are few enough
/// ([`FOLD_SHARE`]); else built. Saved in each of the last two cases (a
/// cache that cannot be written is only slower next time).
pub fn index(path: &Path, d: &Digest, files: &[(String, u64, u128)]) -> (Index, Made) {
    let tags = tags(d);
    let key = key_of(files, &tags);
    let saved = read(path, None);
    let saved = match saved {
        Some(s) if s.key == key && s.index.len() == d.len() => return (s.index, Made::Cached),
        other => other,
    };
    let (index, folded, made) = match saved.and_then(|s| fold(s, d, &tags)) {
        Some((index, folded, new)) => (index, folded, Made::Folded(new)),
        None => (Index::of_digest(d), 0, Made::Built),
    };
    let saved = Saved {
        key,
        tags,
        folded,
        index,
    };
    let _ = save(path, &saved);
    (saved.index, made)
}

/// Builds the index of `d` (whose files are `files`) and saves it.
pub fn rebuild(path: &Path, d: &Digest, files: &[(String, u64, u128)]) {
    let saved = Saved {
        key: key(d, files),
        tags: tags(d),
        folded: 0,
        index: Index::of_digest(d),
    };
    let _ = save(path, &saved);
}

/// `saved` with the papers of `d` it lacks (by `tags`) folded in and
/// those gone left out, in `d`'s order, with how many papers differ from
/// those it was built from and how many are new now; `None` when more than
/// [`FOLD_SHARE`] of the papers would.
fn fold(saved: Saved, d: &Digest, tags: &[u64]) -> Option<(Index, u32, usize)> {
    let mut at: HashMap<u64, usize, foldhash::fast::FixedState> =
        HashMap::with_capacity_and_hasher(saved.tags.len(), Default::default());
    at.extend(saved.tags.iter().enumerate().map(|(k, &t)| (t, k)));
    let from: Vec<Option<usize>> = tags.iter().map(|t| at.get(t).copied()).collect();
    let new = from.iter().filter(|f| f.is_none()).count();
    let gone = saved.tags.len() - (d.len() - new).min(saved.tags.len());
    let folded = saved.folded as usize + new + gone;
    if d.is_empty() || folded as f32 > FOLD_SHARE * d.len() as f32 {
        return None;
    }
    let fresh: Vec<Doc> = (from.iter().enumerate())
        .filter(|(_, f)| f.is_none())
        .map(|(i, _)| doc(d, i))
        .collect();
    Some((saved.index.fold_new(&from, &fresh), folded as u32, new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::{SAMPLE, SAMPLE_NAME};

    fn saved(d: &Digest, key: u64) -> Saved {
        Saved {
            key,
            tags: tags(d),
            folded: 0,
            index: Index::of_digest(d),
        }
    }

    #[test]
    fn an_index_comes_back_as_it_was_saved_and_only_under_its_key() {
        let d = Digest::parse(SAMPLE_NAME, SAMPLE);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let k = key(&d, &[("a.txt".into(), 10, 20)]);
        assert_ne!(k, key(&d, &[("a.txt".into(), 10, 21)]), "a touched file");
        let s = saved(&d, k);
        save(&path, &s).unwrap();
        let index = s.index;
        let n = d.len();
        let back = load(&path, k, n).expect("loads");
        assert_eq!(back.len(), index.len());
        assert_eq!(back.lsa.dims, index.lsa.dims);
        let q = 17;
        assert_eq!(back.scores(&back.like(q)), index.scores(&index.like(q)));
        assert_eq!(
            back.why(&back.like(q), 3, 4),
            index.why(&index.like(q), 3, 4)
        );
        assert!(load(&path, k ^ 1, n).is_none(), "another key");
        assert!(load(&path, k, n + 1).is_none(), "another library's count");
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        assert!(load(&path, k, n).is_none(), "cut short");
        let mut longer = bytes.clone();
        longer.push(0);
        std::fs::write(&path, &longer).unwrap();
        assert!(load(&path, k, n).is_none(), "trailing bytes");
        let mut changed = bytes.clone();
        let mid = changed.len() / 2;
        changed[mid] ^= 0x40;
        std::fs::write(&path, &changed).unwrap();
        assert!(load(&path, k, n).is_none(), "an array changed");
        assert!(load(&dir.path().join("none"), k, n).is_none());
    }

    #[test]
    fn an_index_another_build_of_the_ranking_saved_is_never_read() {
        let d = Digest::parse(SAMPLE_NAME, SAMPLE);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let files = [("a.txt".to_owned(), 10, 20)];
        let k = key(&d, &files);
        // Whole and of these very papers, but from other sources: not even
        // folded from.
        save_stamped(&path, stamp() ^ 1, &saved(&d, k)).unwrap();
        assert!(read(&path, None).is_none());
        assert!(load(&path, k, d.len()).is_none());
        let (_, made) = index(&path, &d, &files);
        assert_eq!(made, Made::Built);
        assert_eq!(index(&path, &d, &files).1, Made::Cached, "saved as built");
    }

    #[test]
    fn the_stamp_is_of_the_sources_this_was_built_from_and_follows_any_change() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(STAMP, super::super::stamp::of(root), "the build's stamp");
        let dir = tempfile::tempdir().unwrap();
        let rank = dir.path().join("src").join("rank");
        std::fs::create_dir_all(&rank).unwrap();
        std::fs::write(rank.join("mod.rs"), "pub mod lsa;").unwrap();
        let first = super::super::stamp::of(dir.path());
        std::fs::write(rank.join("mod.rs"), "pub mod lsb;").unwrap();
        let edited = super::super::stamp::of(dir.path());
        assert_ne!(first, edited, "a file edited, uncommitted");
        std::fs::write(rank.join("new.rs"), "").unwrap();
        let added = super::super::stamp::of(dir.path());
        assert_ne!(edited, added, "a file added");
        std::fs::write(dir.path().join("Cargo.lock"), "faer 0.24").unwrap();
        let locked = super::super::stamp::of(dir.path());
        assert_ne!(added, locked, "dependencies");
        std::fs::write(dir.path().join("README.md"), "not the ranking").unwrap();
        assert_eq!(locked, super::super::stamp::of(dir.path()), "other files");
    }
}

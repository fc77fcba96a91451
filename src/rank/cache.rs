//! The index on disk, beside the library (`index.bin` in the data
//! directory), so a reader opening a year of days has it at once. Raw
//! little-endian arrays after a header; read whole, checked, and thrown
//! away (rebuilt) on any mismatch: the key (the library's files and papers,
//! and this paperboy's version) or the shape. Written atomically.

use std::io;
use std::path::Path;

use super::Index;
use super::bin::{In, Out, Sum};
use super::lsa::Lsa;
use super::tfidf::TfIdf;
use crate::digest::Digest;

pub const FILE: &str = "index.bin";
const MAGIC: &[u8; 8] = b"PBINDEX4";

pub use crate::fnv::Fnv;

/// The key of an index of `d`: this paperboy's version, `files` (each
/// file's name, size and modification time, as the caller has them) and
/// every paper's id and abstract length, in order.
pub fn key(d: &Digest, files: &[(String, u64, u128)]) -> u64 {
    let mut h = Fnv::default();
    h.add(crate::VERSION.as_bytes());
    for (name, len, mtime) in files {
        h.add(name.as_bytes())
            .add(&len.to_le_bytes())
            .add(&mtime.to_le_bytes());
    }
    h.add(&(d.len() as u64).to_le_bytes());
    for i in 0..d.len() {
        h.add(&d.papers()[i].id.0.to_le_bytes());
        h.add(&(d.abstract_raw(i).len() as u64).to_le_bytes());
    }
    h.0
}

/// Saves `index` under `key`: the magic, the key, the arrays, and a
/// checksum of all that (so arrays spliced under another file's key, or
/// changed, are never taken for the index).
pub fn save(path: &Path, key: u64, index: &Index) -> io::Result<()> {
    let mut out = Out::default();
    out.0.extend_from_slice(MAGIC);
    out.0.extend_from_slice(&key.to_le_bytes());
    index.tfidf.write(&mut out);
    index.lsa.write(&mut out);
    let mut sum = Sum::default();
    sum.add(&out.0);
    out.0.extend_from_slice(&sum.value().to_le_bytes());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::store::atomic::write(path, &out.0, crate::store::atomic::Mode::Shared)
}

/// The index of the `papers` papers saved under `key`, if that is what
/// `path` holds: a regular file (a FIFO or a device there is never
/// opened), of this key, whole by its checksum, of exactly as many papers.
pub fn load(path: &Path, key: u64, papers: usize) -> Option<Index> {
    if !crate::store::atomic::regular_or_absent(path).ok()? {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    let left = file.metadata().ok()?.len().checked_sub(8)?;
    let mut r = In::new(io::BufReader::with_capacity(1 << 16, file), left + 8);
    let mut magic = [0u8; 8];
    r.fill(&mut magic)?;
    if &magic != MAGIC || r.u64()? != key {
        return None;
    }
    let tfidf = TfIdf::read(&mut r)?;
    let lsa = Lsa::read(&mut r, tfidf.vocab.len(), tfidf.len())?;
    let sum = r.sum.value();
    let whole = r.u64()? == sum && r.done();
    (whole && tfidf.len() == papers).then_some(Index { tfidf, lsa })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::{SAMPLE, SAMPLE_NAME};

    #[test]
    fn an_index_comes_back_as_it_was_saved_and_only_under_its_key() {
        let d = Digest::parse(SAMPLE_NAME, SAMPLE);
        let index = Index::of_digest(&d);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let k = key(&d, &[("a.txt".into(), 10, 20)]);
        assert_ne!(k, key(&d, &[("a.txt".into(), 10, 21)]), "a touched file");
        save(&path, k, &index).unwrap();
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
}

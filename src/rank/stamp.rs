//! The stamp of the ranking's sources: a hash of every file under
//! `src/rank` and of `Cargo.lock` (the stemmer's and the SVD's versions),
//! made by the build script (which includes this file), so an index cached
//! by another build of the ranking, committed or not, is never read as
//! this one's. Depends on nothing but std, for the build script's sake.

use std::path::{Path, PathBuf};

/// The files stamped, from the package root `root`: `src/rank/**` and
/// `Cargo.lock`, by path.
pub fn files(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => walk(&path, out),
                Ok(t) if t.is_file() => out.push(path),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&root.join("src").join("rank"), &mut out);
    let lock = root.join("Cargo.lock");
    if lock.is_file() {
        out.push(lock);
    }
    out.sort();
    out
}

/// The stamp of the files under `root`: FNV-1a over each one's path (from
/// `root`, with `/`), length and bytes, in order; as 16 hex digits.
pub fn of(root: &Path) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for path in files(root) {
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let name: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let bytes = std::fs::read(&path).unwrap_or_default();
        add(name.join("/").as_bytes());
        add(&(bytes.len() as u64).to_le_bytes());
        add(&bytes);
    }
    format!("{h:016x}")
}

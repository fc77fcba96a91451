//! The two file-system guarantees the store rests on: an exclusive lock, and
//! a write that is either wholly there or not at all.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

/// Holds an exclusive lock on a separate lock file until dropped. The data
/// file itself is replaced by rename, so it cannot carry the lock.
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Blocks until no other process holds the lock.
    pub fn acquire(path: &Path) -> io::Result<Lock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        file.lock()?;
        Ok(Lock { _file: file })
    }
}

/// Writes `bytes` to `path` atomically: a temp file in the same directory,
/// fsync, rename over the old file, fsync the directory. A crash at any
/// point leaves either the old file or the new one, never a mix.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("store");
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        // The rename is only durable once the directory entry is.
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        write(&p, b"one").unwrap();
        write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn lock_is_reentrant_across_drops() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.lock");
        drop(Lock::acquire(&p).unwrap());
        drop(Lock::acquire(&p).unwrap());
    }
}

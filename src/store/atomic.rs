//! The two file-system guarantees the store rests on: an exclusive lock, and
//! a write that is either wholly there or not at all.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// Holds an exclusive lock on a separate lock file until dropped. The data
/// file itself is replaced by rename, so it cannot carry the lock.
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Takes the lock, waiting while another process holds it for as long
    /// as `patience` says: it is asked, every few milliseconds, with how
    /// long the wait has been so far, and gives up by returning false
    /// (then the error is `WouldBlock`).
    pub fn acquire(path: &Path, patience: &mut dyn FnMut(Duration) -> bool) -> io::Result<Lock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(TryLockError::WouldBlock) => {
                    if !patience(start.elapsed()) {
                        return Err(io::ErrorKind::WouldBlock.into());
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::Error(e)) => return Err(e),
            }
        }
    }

    /// The lock if no one else holds it now.
    pub fn try_acquire(path: &Path) -> io::Result<Lock> {
        Lock::acquire(path, &mut |_| false)
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
    fn the_lock_excludes_others_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.lock");
        let held = Lock::try_acquire(&p).unwrap();
        // flock locks belong to an open file, so a second open in this
        // process is "another holder" as another process would be.
        let busy = Lock::try_acquire(&p).map(drop).unwrap_err();
        assert_eq!(busy.kind(), io::ErrorKind::WouldBlock);
        let mut asked = 0;
        let waited = Lock::acquire(&p, &mut |_| {
            asked += 1;
            asked < 3
        });
        assert!(
            waited.is_err() && asked == 3,
            "patience is asked until it gives up"
        );
        drop(held);
        Lock::try_acquire(&p).expect("free once dropped");
    }
}

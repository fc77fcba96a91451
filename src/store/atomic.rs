//! The two file-system guarantees the store rests on: an exclusive lock, and
//! a write that is either wholly there or not at all.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::Path;
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
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        // A lock file planted as a symlink is not followed.
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW).mode(0o600);
        }
        let file = options.open(path)?;
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

/// Who may read a file written here when it is new (a file that exists
/// keeps the mode it has: a user's `chmod` is never undone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// 0600: reading lists and notes, the record of what was shown.
    Private,
    /// 0666 less the umask, as any program's files.
    Shared,
}

/// Writes `bytes` to `path` atomically: a temp file in the same directory,
/// fsync, rename over the old file, fsync the directory. A crash at any
/// point leaves either the old file or the new one, never a mix. The temp
/// file has a random name and is created exclusively (`O_EXCL`), so a
/// symlink planted in its place is never followed; the rename replaces
/// `path` itself, never what a symlink there points to.
pub fn write(path: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
    write_as(path, bytes, mode, true)
}

/// [`write`] without waiting for the disk: for a file whose reader checks
/// it whole and rebuilds it when it fails (the ranking cache's checksum),
/// so a crash leaves the old file, the new one, or one that is refused,
/// never one that is believed. A cache of 280 MB costs its writing, not
/// the disk's flush.
pub fn write_unsynced(path: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
    write_as(path, bytes, mode, false)
}

fn write_as(path: &Path, bytes: &[u8], mode: Mode, sync: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("store");
    let prefix = format!(".{name}.tmp-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    builder.permissions(permissions(path, mode));
    #[cfg(not(unix))]
    let _ = mode;
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if sync {
        tmp.as_file().sync_all()?;
    }
    // On failure the temp file is removed when dropped.
    tmp.persist(path).map_err(|e| e.error)?;
    if !sync {
        return Ok(());
    }
    // The rename is only durable once the directory entry is.
    File::open(dir)?.sync_all()
}

/// The mode a new version of `path` gets: the one the file has, else
/// `mode`'s.
#[cfg(unix)]
fn permissions(path: &Path, mode: Mode) -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => fs::Permissions::from_mode(m.permissions().mode() & 0o7777),
        _ => fs::Permissions::from_mode(match mode {
            Mode::Private => 0o600,
            Mode::Shared => 0o666,
        }),
    }
}

/// Refuses a path that is not a regular file (a FIFO would block a read
/// forever, a device would be read without end): `Ok(false)` when there
/// is nothing there.
pub fn regular_or_absent(path: &Path) -> io::Result<bool> {
    match fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(true),
        Ok(m) => Err(io::Error::other(if m.is_dir() {
            "is a directory, not a file".to_owned()
        } else {
            "is not a regular file (a pipe or a device?); refusing to read it".to_owned()
        })),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        write(&p, b"one", Mode::Shared).unwrap();
        write(&p, b"two", Mode::Shared).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_0600_and_a_rewrite_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("lists.json");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        write(&p, b"one", Mode::Private).unwrap();
        assert_eq!(mode(&p), 0o600);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        write(&p, b"two", Mode::Private).unwrap();
        assert_eq!(mode(&p), 0o640, "a rewrite keeps the mode the file has");
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, b"precious").unwrap();
        let p = dir.path().join("lists.json");
        // The old temp names, and the file itself, pointing at the victim.
        for n in 0..4 {
            let planted = dir
                .path()
                .join(format!(".lists.json.tmp-{}-{n}", std::process::id()));
            std::os::unix::fs::symlink(&victim, planted).unwrap();
        }
        std::os::unix::fs::symlink(&victim, &p).unwrap();
        write(&p, b"new", Mode::Private).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        assert!(!fs::symlink_metadata(&p).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&p).unwrap(), b"new");
    }

    #[test]
    fn pipes_and_directories_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!regular_or_absent(&dir.path().join("none")).unwrap());
        assert!(regular_or_absent(dir.path()).is_err());
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let e = regular_or_absent(&fifo).unwrap_err().to_string();
                assert!(e.contains("not a regular file"), "{e}");
            }
        }
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

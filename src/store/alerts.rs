//! What `paperboy alerts` has printed, so each run prints only what is new
//! to each saved search: `alerts.txt` in the data directory, a line a
//! paper and search (`hzd1hs7v0q diffusion`). Saved the way the shown
//! papers are (`shown.rs`): under a lock, merged with what is on disk,
//! written to a synced temp file renamed over the old one.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::atomic;
use crate::digest::PaperId;

pub const FILE: &str = "alerts.txt";
pub const LOCK: &str = "alerts.lock";
const HEADER: &str = "paperboy alerts 1";
/// Papers sent to Zotero (`id zotero` lines), and its lock.
pub const ZOTERO: (&str, &str) = ("zotero.txt", "zotero.lock");

/// The record of one directory: (paper, search name) pairs printed.
#[derive(Debug, Default)]
pub struct Alerted {
    dir: PathBuf,
    file: &'static str,
    lock: &'static str,
    pairs: HashSet<(PaperId, String)>,
}

impl Alerted {
    /// Reads the record; none there is an empty one, and unreadable lines
    /// are passed over (the file is only ever replaced whole).
    pub fn open(dir: &Path) -> Alerted {
        Alerted::open_as(dir, FILE, LOCK)
    }

    /// The same kind of record in another file (what was sent to Zotero:
    /// [`ZOTERO`]).
    pub fn open_as(dir: &Path, file: &'static str, lock: &'static str) -> Alerted {
        Alerted {
            dir: dir.to_path_buf(),
            file,
            lock,
            pairs: read(&dir.join(file)),
        }
    }

    pub fn contains(&self, id: PaperId, search: &str) -> bool {
        self.pairs.contains(&(id, search.to_owned()))
    }

    /// Adds `pairs` and saves, merged with what another run saved meanwhile.
    pub fn record(&mut self, pairs: &[(PaperId, String)]) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let _lock = atomic::Lock::acquire(&self.dir.join(self.lock), &mut |t| {
            t < Duration::from_secs(5)
        })?;
        let path = self.dir.join(self.file);
        let mut all = read(&path);
        all.extend(self.pairs.drain());
        all.extend(pairs.iter().cloned());
        let mut lines: Vec<&(PaperId, String)> = all.iter().collect();
        lines.sort_unstable();
        let mut text = format!("{HEADER}\n");
        for (id, name) in lines {
            text.push_str(&format!("{id} {name}\n"));
        }
        let written = atomic::write(&path, text.as_bytes(), atomic::Mode::Private);
        self.pairs = all;
        written
    }
}

fn read(path: &Path) -> HashSet<(PaperId, String)> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashSet::new();
    };
    text.lines()
        .filter_map(|l| {
            let (id, name) = l.split_once(' ')?;
            Some((PaperId::parse(id)?, name.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_pairs_are_kept_and_merged() {
        let dir = tempfile::tempdir().unwrap();
        let a = PaperId::from_title("A");
        let b = PaperId::from_title("B");
        let mut one = Alerted::open(dir.path());
        let mut two = Alerted::open(dir.path());
        one.record(&[(a, "x".into())]).unwrap();
        two.record(&[(b, "y".into())]).unwrap();
        let back = Alerted::open(dir.path());
        assert!(back.contains(a, "x") && back.contains(b, "y"));
        assert!(!back.contains(a, "y"));
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(text.starts_with("paperboy alerts 1\n"), "{text}");
    }
}

//! The papers the reader has shown, so it can tell what is new: each id
//! with the day it was first on screen, in `shown.txt` beside the reading
//! lists. A line a paper, `id day` (`hzd1hs7v0q 2026-11-27`): a year of
//! daily pages (30k papers) is about 600 KB.
//!
//! Saved as the reading lists are: under a lock, re-read, merged (the union
//! of what is on disk and what is new, so two readers lose nothing of each
//! other's), written to a temp file that is synced and renamed over the
//! old one, so a crash leaves the old file or the new one, never a mix.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::atomic;
use crate::day::Day;
use crate::digest::PaperId;

pub const FILE: &str = "shown.txt";
pub const LOCK: &str = "shown.lock";
const HEADER: &str = "paperboy shown 1";

/// The record of one directory.
#[derive(Debug, Default)]
pub struct Shown {
    dir: PathBuf,
    /// Id -> the day it was first shown.
    ids: HashMap<PaperId, Day>,
}

impl Shown {
    /// Reads the record; none there is an empty one. Lines that cannot be
    /// read are passed over (the file is only ever replaced whole, so
    /// there are none unless someone edited it).
    pub fn open(dir: &Path) -> Shown {
        let mut s = Shown {
            dir: dir.to_path_buf(),
            ids: HashMap::new(),
        };
        s.ids = read(&s.path());
        s
    }

    fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, id: PaperId) -> bool {
        self.ids.contains_key(&id)
    }

    /// Every id shown, with its day.
    pub fn ids(&self) -> &HashMap<PaperId, Day> {
        &self.ids
    }

    /// Adds `ids` as first shown on `day` (those already known keep their
    /// day) and saves, merged with what another reader may have saved
    /// meanwhile. Waits at most a few seconds for the lock. An error names
    /// the file or directory it is about.
    pub fn record(&mut self, ids: &[PaperId], day: Day) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|e| at(&self.dir, e))?;
        let lock = self.dir.join(LOCK);
        let _lock = atomic::Lock::acquire(&lock, &mut |t| t < Duration::from_secs(5))
            .map_err(|e| at(&lock, e))?;
        let mut all = read(&self.path());
        for (id, d) in self.ids.drain() {
            let e = all.entry(id).or_insert(d);
            *e = (*e).min(d);
        }
        for &id in ids {
            all.entry(id).or_insert(day);
        }
        let mut lines: Vec<(PaperId, Day)> = all.iter().map(|(&i, &d)| (i, d)).collect();
        lines.sort_unstable();
        let mut text = String::with_capacity(HEADER.len() + 1 + lines.len() * 22);
        text.push_str(HEADER);
        text.push('\n');
        for (id, d) in lines {
            text.push_str(&format!("{id} {d}\n"));
        }
        let path = self.path();
        let written =
            atomic::write(&path, text.as_bytes(), atomic::Mode::Private).map_err(|e| at(&path, e));
        self.ids = all;
        written
    }
}

/// `e`, naming the file or directory it is about.
fn at(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

fn read(path: &Path) -> HashMap<PaperId, Day> {
    // A FIFO or a device in its place would block or never end.
    if !super::atomic::regular_or_absent(path).unwrap_or(false) {
        return HashMap::new();
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|l| {
            let (id, day) = l.split_once(' ')?;
            Some((PaperId::parse(id)?, Day::parse(day)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(t: &str) -> PaperId {
        PaperId::from_title(t)
    }

    #[test]
    fn recorded_ids_are_kept_with_their_first_day() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Shown::open(dir.path());
        assert!(s.is_empty());
        let d1 = Day::parse("2026-11-27").unwrap();
        s.record(&[id("a"), id("b")], d1).unwrap();
        s.record(&[id("a"), id("c")], d1.plus(1)).unwrap();
        let again = Shown::open(dir.path());
        assert_eq!(again.len(), 3);
        assert_eq!(again.ids()[&id("a")], d1, "first day kept");
        assert_eq!(again.ids()[&id("c")], d1.plus(1));
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(text.starts_with("paperboy shown 1\n"));
        assert!(text.contains(&format!("{} 2026-11-27\n", id("a"))));
    }

    #[test]
    fn two_readers_lose_nothing_of_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = Shown::open(dir.path());
        let mut two = Shown::open(dir.path());
        let day = Day::today();
        one.record(&[id("a")], day).unwrap();
        two.record(&[id("b")], day).unwrap();
        one.record(&[id("c")], day).unwrap();
        assert_eq!(Shown::open(dir.path()).len(), 3);
    }

    #[test]
    fn lines_that_cannot_be_read_are_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let good = id("a");
        std::fs::write(
            dir.path().join(FILE),
            format!("paperboy shown 1\n{good} 2026-11-27\nnonsense\n{good}x 2026\n"),
        )
        .unwrap();
        assert_eq!(Shown::open(dir.path()).len(), 1);
    }

    #[test]
    fn a_record_that_cannot_be_saved_says_where() {
        let dir = tempfile::tempdir().unwrap();
        // The config dir's place is taken by a file.
        let taken = dir.path().join("paperboy");
        std::fs::write(&taken, "").unwrap();
        let e = Shown::open(&taken)
            .record(&[id("a")], Day::today())
            .unwrap_err();
        assert!(e.to_string().contains(&taken.display().to_string()), "{e}");
        // The record's own place is taken by a directory.
        std::fs::create_dir(dir.path().join(FILE)).unwrap();
        let e = Shown::open(dir.path())
            .record(&[id("a")], Day::today())
            .unwrap_err();
        let file = dir.path().join(FILE).display().to_string();
        assert!(e.to_string().contains(&file), "{e}");
    }
}

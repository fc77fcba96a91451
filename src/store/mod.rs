//! Reading lists on disk: `lists.json` in the directory given (the config
//! dir, resolved by `main`). Every change takes the lock, re-reads the file,
//! applies itself to what is there now and writes atomically, so two
//! processes never lose each other's changes and a crash never corrupts it.

pub mod atomic;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::digest::PaperView;

pub const FILE: &str = "lists.json";
pub const LOCK: &str = "lists.lock";
pub const DEFAULT_LIST: &str = "bookmarks";
pub const VERSION: u32 = 1;

/// One saved paper, self-contained so a list outlives its digest.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub title: String,
    #[serde(rename = "abstract")]
    pub abstract_: String,
    pub date: Option<String>,
    pub source: String,
    #[serde(default)]
    pub line: u32,
    pub added: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Entry {
    pub fn from_paper(p: &PaperView<'_>) -> Entry {
        Entry {
            id: p.id.to_string(),
            title: p.title.to_owned(),
            abstract_: p.abstract_text().into_owned(),
            date: p.date.map(str::to_owned),
            source: p.source.to_owned(),
            line: p.line,
            added: now_rfc3339(),
            note: None,
        }
    }
}

/// The whole file.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Data {
    pub version: u32,
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<Entry>>,
    /// Paper id -> when it was marked read.
    #[serde(default)]
    pub read: BTreeMap<String, String>,
}

impl Default for Data {
    fn default() -> Self {
        Data {
            version: VERSION,
            lists: BTreeMap::new(),
            read: BTreeMap::new(),
        }
    }
}

/// One change, applied to whatever is on disk at the time.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Adds the entry unless the list already holds its id (creating the list).
    Add {
        list: String,
        entry: Entry,
    },
    Remove {
        list: String,
        id: String,
    },
    SetRead {
        id: String,
        read: bool,
    },
}

impl Data {
    fn apply(&mut self, op: &Op) {
        match op {
            Op::Add { list, entry } => {
                let l = self.lists.entry(list.clone()).or_default();
                if !l.iter().any(|e| e.id == entry.id) {
                    l.push(entry.clone());
                }
            }
            Op::Remove { list, id } => {
                if let Some(l) = self.lists.get_mut(list) {
                    l.retain(|e| &e.id != id);
                }
            }
            Op::SetRead { id, read: true } => {
                self.read.entry(id.clone()).or_insert_with(now_rfc3339);
            }
            Op::SetRead { id, read: false } => {
                self.read.remove(id);
            }
        }
    }
}

#[derive(Debug)]
pub enum StoreError {
    /// The directory or file could not be written.
    Io { path: PathBuf, source: io::Error },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Io { path, source } => {
                write!(
                    f,
                    "cannot save reading lists to {}: {source}",
                    path.display()
                )
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// The reading lists of one directory.
pub struct Store {
    dir: PathBuf,
    data: Data,
    /// List name -> ids, for the membership tests every drawn row makes.
    members: HashMap<String, HashSet<String>>,
    /// Things the user must be told (a corrupt file moved aside).
    pub notices: Vec<String>,
}

impl Store {
    /// Reads the store; a missing file is an empty store. A file that cannot
    /// be parsed is moved aside (never overwritten) and reported in `notices`.
    pub fn open(dir: &Path) -> Store {
        let mut s = Store {
            dir: dir.to_path_buf(),
            data: Data::default(),
            members: HashMap::new(),
            notices: Vec::new(),
        };
        // Without a lock (a read-only dir) reading still works.
        let _lock = atomic::Lock::acquire(&dir.join(LOCK)).ok();
        let data = s.read_disk().unwrap_or_default();
        s.set_data(data);
        s
    }

    fn set_data(&mut self, data: Data) {
        self.members = data
            .lists
            .iter()
            .map(|(name, l)| (name.clone(), l.iter().map(|e| e.id.clone()).collect()))
            .collect();
        self.data = data;
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn data(&self) -> &Data {
        &self.data
    }

    fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// What is on disk now; call with the lock held. `None` when a file is
    /// there that could be neither read nor moved aside: it must not be
    /// written over.
    fn read_disk(&mut self) -> Option<Data> {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Some(Data::default()),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => String::new(),
            Err(e) => {
                self.notices
                    .push(format!("cannot read {}: {e}", path.display()));
                return None;
            }
        };
        let parsed = serde_json::from_str::<Data>(&text)
            .map_err(|e| format!("line {}: {e}", e.line()))
            .and_then(|d| {
                if d.version == VERSION {
                    Ok(d)
                } else {
                    Err(format!("unknown version {}", d.version))
                }
            });
        match parsed {
            Ok(d) => Some(d),
            Err(why) => match self.move_aside(&path) {
                Ok(p) => {
                    self.notices.push(format!(
                        "{} could not be read ({why}); moved it aside to {} and started an empty store",
                        path.display(),
                        p.display()
                    ));
                    Some(Data::default())
                }
                Err(e) => {
                    self.notices.push(format!(
                        "{} could not be read ({why}) nor moved aside ({e}); it is left as it is and nothing will be saved over it",
                        path.display()
                    ));
                    None
                }
            },
        }
    }

    fn move_aside(&self, path: &Path) -> io::Result<PathBuf> {
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut aside = path.with_file_name(format!("{FILE}.corrupt-{stamp}"));
        let mut n = 1;
        while aside.exists() {
            aside = path.with_file_name(format!("{FILE}.corrupt-{stamp}-{n}"));
            n += 1;
        }
        std::fs::rename(path, &aside)?;
        Ok(aside)
    }

    /// Applies `ops` to the file as it is now, under the lock, and saves.
    /// On error nothing on disk changes and the in-memory copy is the last
    /// one read.
    pub fn apply(&mut self, ops: &[Op]) -> Result<(), StoreError> {
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        std::fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        let _lock = atomic::Lock::acquire(&self.dir.join(LOCK)).map_err(io_err(&self.dir))?;
        let Some(mut data) = self.read_disk() else {
            return Err(StoreError::Io {
                path: self.path(),
                source: io::Error::other("the existing file is unreadable, so it is left alone"),
            });
        };
        for op in ops {
            data.apply(op);
        }
        let mut json = serde_json::to_string_pretty(&data).map_err(|e| StoreError::Io {
            path: self.path(),
            source: io::Error::other(e),
        })?;
        json.push('\n');
        atomic::write(&self.path(), json.as_bytes()).map_err(io_err(&self.path()))?;
        self.set_data(data);
        Ok(())
    }

    /// Re-reads the file (another process may have changed it).
    pub fn reload(&mut self) {
        let _lock = atomic::Lock::acquire(&self.dir.join(LOCK)).ok();
        if let Some(d) = self.read_disk() {
            self.set_data(d);
        }
    }

    pub fn list(&self, name: &str) -> &[Entry] {
        self.data.lists.get(name).map_or(&[], Vec::as_slice)
    }

    /// The entry for paper `id` in `list`.
    pub fn entry(&self, list: &str, id: &str) -> Option<&Entry> {
        self.list(list).iter().find(|e| e.id == id)
    }

    /// Whether `name` is a list (`bookmarks` always is).
    pub fn has_list(&self, name: &str) -> bool {
        name == DEFAULT_LIST || self.data.lists.contains_key(name)
    }

    pub fn contains(&self, list: &str, id: &str) -> bool {
        self.members.get(list).is_some_and(|ids| ids.contains(id))
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.data.read.contains_key(id)
    }

    /// Every list with its count; `bookmarks` is always there.
    pub fn lists(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = self
            .data
            .lists
            .iter()
            .map(|(k, v)| (k.clone(), v.len()))
            .collect();
        if !self.data.lists.contains_key(DEFAULT_LIST) {
            out.insert(0, (DEFAULT_LIST.to_owned(), 0));
        }
        out
    }
}

/// Now as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Formats Unix seconds as UTC RFC 3339 (days-to-civil, proleptic Gregorian).
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> Entry {
        Entry {
            id: id.into(),
            title: format!("Title {id}"),
            abstract_: "Abstract.".into(),
            date: Some("Jul 29".into()),
            source: "d.txt".into(),
            line: 13,
            added: "2026-01-01T00:00:00Z".into(),
            note: None,
        }
    }

    fn add(list: &str, id: &str) -> Op {
        Op::Add {
            list: list.into(),
            entry: entry(id),
        }
    }

    #[test]
    fn rfc3339_known_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_823_999), "2026-11-27T23:59:59Z");
    }

    #[test]
    fn add_remove_read_round_trip_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path());
        assert_eq!(s.lists(), vec![("bookmarks".to_owned(), 0)]);
        s.apply(&[
            add("bookmarks", "a"),
            add("bookmarks", "a"),
            add("cite", "b"),
        ])
        .unwrap();
        s.apply(&[Op::SetRead {
            id: "a".into(),
            read: true,
        }])
        .unwrap();
        let again = Store::open(dir.path());
        assert_eq!(again.list("bookmarks").len(), 1);
        assert!(again.contains("cite", "b"));
        assert!(again.is_read("a"));
        s.apply(&[Op::Remove {
            list: "bookmarks".into(),
            id: "a".into(),
        }])
        .unwrap();
        assert!(Store::open(dir.path()).list("bookmarks").is_empty());
    }

    #[test]
    fn apply_merges_with_changes_made_by_others() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = Store::open(dir.path());
        let mut two = Store::open(dir.path());
        one.apply(&[add("bookmarks", "a")]).unwrap();
        two.apply(&[add("bookmarks", "b")]).unwrap();
        assert_eq!(two.list("bookmarks").len(), 2);
        one.reload();
        assert_eq!(one.list("bookmarks").len(), 2);
    }

    #[test]
    fn corrupt_file_is_moved_aside_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "{ not json").unwrap();
        let mut s = Store::open(dir.path());
        assert_eq!(s.notices.len(), 1);
        assert!(
            s.notices[0].contains("moved it aside to"),
            "{}",
            s.notices[0]
        );
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read_to_string(aside[0].path()).unwrap(),
            "{ not json"
        );
        s.apply(&[add("bookmarks", "a")]).unwrap();
        assert_eq!(Store::open(dir.path()).list("bookmarks").len(), 1);
    }

    #[test]
    fn missing_dir_is_created_on_save() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        let mut s = Store::open(&sub);
        s.apply(&[add("bookmarks", "x")]).unwrap();
        assert!(sub.join(FILE).exists());
    }
}

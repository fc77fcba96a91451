//! Reading lists on disk: `lists.json` in the directory given (the config
//! dir, resolved by `main`). Every change takes the lock, re-reads the file,
//! applies itself to what is there now and writes atomically, so two
//! processes never lose each other's changes and a crash never corrupts it.

pub mod alerts;
pub mod atomic;
mod name;
pub mod shown;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::digest::facts_view::Record;
use crate::digest::{Facts, Links, PaperView, sanitize};

pub use name::{DEFAULT_LIST, ListName, MAX_NAME, NameError};

pub const FILE: &str = "lists.json";
pub const LOCK: &str = "lists.lock";
/// The format version written. Version 1 (before arXiv ids, authors and
/// links were kept) reads as version 2 with those unknown.
pub const VERSION: u32 = 2;

/// One saved paper, self-contained so a list outlives its digest.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
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
    #[serde(default)]
    pub arxiv: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub author_count: Option<u32>,
    #[serde(default)]
    pub upvotes: Option<u32>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub links: Links,
    /// arXiv's categories, the primary one first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// arXiv's "Comments:".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The site's one-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// GitHub stars of the code.
    #[serde(default)]
    pub stars: Option<u32>,
    #[serde(default)]
    pub organization: Option<String>,
    /// The Hugging Face comment count.
    #[serde(default)]
    pub num_comments: Option<u32>,
    /// Image URLs (the teaser first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<String>,
}

impl Entry {
    pub fn from_paper(p: &PaperView<'_>) -> Entry {
        let f = p.facts;
        Entry {
            id: p.id.to_string(),
            title: p.title.to_owned(),
            abstract_: p.abstract_text().into_owned(),
            date: p.date.map(str::to_owned),
            source: p.source.to_owned(),
            line: p.line,
            added: now_rfc3339(),
            note: None,
            arxiv: f.arxiv.clone(),
            authors: f.authors.clone(),
            author_count: f.author_count,
            upvotes: f.upvotes,
            published: f.published.clone(),
            links: f.links(),
            categories: f.categories.clone(),
            comments: f.arxiv_comments.clone(),
            journal_ref: f.journal_ref.clone(),
            doi: f.doi.clone(),
            version: f.version.clone(),
            summary: f.summary.clone(),
            keywords: f.keywords.clone(),
            stars: f.stars,
            organization: f.organization.clone(),
            num_comments: f.comments,
            media: f.media.clone(),
        }
    }

    /// Every text made safe to print, every link a web URL or nothing.
    pub fn clean(&mut self) {
        let text = |s: &mut String| {
            if !sanitize::is_clean(s.as_bytes()) {
                *s = sanitize::clean(s).into_owned();
            }
        };
        let line = |s: &mut String| {
            if !sanitize::is_clean_line(s) {
                *s = sanitize::clean_line(s).into_owned();
            }
        };
        for s in [
            &mut self.id,
            &mut self.title,
            &mut self.source,
            &mut self.added,
        ] {
            line(s);
        }
        text(&mut self.abstract_);
        self.date
            .iter_mut()
            .chain(&mut self.arxiv)
            .chain(&mut self.published)
            .for_each(line);
        self.note.iter_mut().for_each(text);
        self.authors.iter_mut().for_each(line);
        self.categories.iter_mut().for_each(line);
        for t in [
            &mut self.comments,
            &mut self.journal_ref,
            &mut self.doi,
            &mut self.version,
        ] {
            t.iter_mut().for_each(line);
        }
        self.summary
            .iter_mut()
            .chain(&mut self.organization)
            .for_each(line);
        self.keywords.iter_mut().for_each(line);
        self.media.retain(|u| sanitize::web_url(u).is_some());
        let l = &mut self.links;
        for link in [
            &mut l.paper,
            &mut l.arxiv,
            &mut l.pdf,
            &mut l.github,
            &mut l.project,
        ] {
            link.take_if(|u| sanitize::web_url(u).is_none());
        }
    }

    /// The paper's facts with the numbers that keep changing (upvotes,
    /// stars, comments) as `library` has them now, when it holds the paper.
    pub fn facts_following(&self, library: &crate::digest::Digest) -> Facts {
        self.following(library).facts()
    }

    /// This entry with its changing numbers as `library` has them now (what
    /// an export writes: the site's upvotes keep growing after a save).
    pub fn following(&self, library: &crate::digest::Digest) -> Entry {
        let mut e = self.clone();
        if let Some(now) = self.in_library(library) {
            e.upvotes = now.upvotes.or(e.upvotes);
            e.stars = now.stars.or(e.stars);
            e.num_comments = now.comments.or(e.num_comments);
        }
        e
    }

    /// The library's facts of this paper, found by id or by arXiv id.
    fn in_library<'a>(&self, library: &'a crate::digest::Digest) -> Option<&'a Facts> {
        let at = crate::digest::PaperId::parse(&self.id)
            .and_then(|id| library.position(id))
            .or_else(|| library.find(self.arxiv.as_deref()?))?;
        Some(library.facts(at))
    }

    /// The saved paper as every output sees it (see [`Record`]), its
    /// facts as [`Entry::facts`] gives them.
    pub fn record(&self) -> Record<'_> {
        Record {
            id: Cow::Borrowed(&self.id),
            title: &self.title,
            abstract_: Cow::Borrowed(&self.abstract_),
            date: self.date.as_deref().map(Cow::Borrowed),
            source: &self.source,
            line: self.line,
            places: Vec::new(),
            added: Some(&self.added),
            note: self.note.as_deref().map(Cow::Borrowed),
            facts: Cow::Owned(self.facts()),
            kept_links: Some(&self.links),
        }
    }

    /// The paper's facts, as a digest keeps them (a saved list is shown
    /// like any digest).
    pub fn facts(&self) -> Facts {
        Facts {
            arxiv: self.arxiv.clone(),
            authors: self.authors.clone(),
            author_count: self.author_count,
            upvotes: self.upvotes,
            published: self.published.clone(),
            comments: self.num_comments,
            github: self.links.github.clone(),
            project: self.links.project.clone(),
            summary: self.summary.clone(),
            keywords: self.keywords.clone(),
            stars: self.stars,
            organization: self.organization.clone(),
            media: self.media.clone(),
            categories: self.categories.clone(),
            arxiv_comments: self.comments.clone(),
            journal_ref: self.journal_ref.clone(),
            doi: self.doi.clone(),
            version: self.version.clone(),
            ..Facts::default()
        }
    }
}

/// The whole file.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Data {
    pub version: u32,
    #[serde(default)]
    pub lists: BTreeMap<ListName, Vec<Entry>>,
    /// Paper id -> when it was marked read.
    #[serde(default)]
    pub read: BTreeMap<String, String>,
    /// Paper id -> the paper, marked "not for me": the ranking learns from
    /// these as from the lists, so each is kept whole as a list's entry is.
    /// Absent from files written before it (and left out when empty).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub not_for_me: BTreeMap<String, Entry>,
}

impl Default for Data {
    fn default() -> Self {
        Data {
            version: VERSION,
            lists: BTreeMap::new(),
            read: BTreeMap::new(),
            not_for_me: BTreeMap::new(),
        }
    }
}

impl Op {
    fn cleaned(&self) -> Op {
        match self {
            // A list's name is clean from the start (see `ListName`).
            Op::Add { list, entry } => {
                let mut entry = entry.clone();
                entry.clean();
                Op::Add {
                    list: list.clone(),
                    entry,
                }
            }
            Op::Remove { .. } => self.clone(),
            Op::SetRead { .. } | Op::ForMe { .. } => self.clone(),
            Op::NotForMe { entry } => {
                let mut entry = entry.clone();
                entry.clean();
                Op::NotForMe { entry }
            }
            Op::SetNote { list, id, note } => Op::SetNote {
                list: list.clone(),
                id: id.clone(),
                note: note
                    .as_ref()
                    .map(|n| sanitize::clean(n).trim_end().to_owned()),
            },
        }
    }
}

/// One change, applied to whatever is on disk at the time.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Adds the entry unless the list already holds its id (creating the list).
    Add {
        list: ListName,
        entry: Box<Entry>,
    },
    Remove {
        list: ListName,
        id: String,
    },
    SetRead {
        id: String,
        read: bool,
    },
    /// Sets (or with `None` clears) the note on `id`'s entry in `list`;
    /// nothing when the list does not hold it.
    SetNote {
        list: ListName,
        id: String,
        note: Option<String>,
    },
    /// Marks the paper "not for me" (nothing when it already is).
    NotForMe {
        entry: Box<Entry>,
    },
    /// Takes the mark off `id`.
    ForMe {
        id: String,
    },
}

impl Data {
    /// Makes what was read from disk safe to print, as digest text is (a
    /// file written by hand, or by an older paperboy): what [`sanitize`]
    /// removes goes from every text, links that are not web URLs go.
    fn clean(&mut self) {
        let names: Vec<ListName> = self
            .lists
            .keys()
            .filter(|n| !n.is_clean())
            .cloned()
            .collect();
        for name in names {
            if let Some(entries) = self.lists.remove(&name) {
                let clean = ListName::from_file(name.as_str());
                self.lists.entry(clean).or_default().extend(entries);
            }
        }
        for e in self.lists.values_mut().flatten() {
            e.clean();
        }
        for e in self.not_for_me.values_mut() {
            e.clean();
        }
    }

    fn apply(&mut self, op: &Op) {
        // What a user typed (a list's name, a note) is cleaned as it
        // comes in, like any text from outside.
        let op = &op.cleaned();
        match op {
            Op::Add { list, entry } => {
                let l = self.lists.entry(list.clone()).or_default();
                if !l.iter().any(|e| e.id == entry.id) {
                    l.push(Entry::clone(entry));
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
            Op::SetNote { list, id, note } => {
                let entry = self
                    .lists
                    .get_mut(list)
                    .and_then(|l| l.iter_mut().find(|e| &e.id == id));
                if let Some(e) = entry {
                    e.note.clone_from(note);
                }
            }
            Op::NotForMe { entry } => {
                self.not_for_me
                    .entry(entry.id.clone())
                    .or_insert_with(|| Entry::clone(entry));
            }
            Op::ForMe { id } => {
                self.not_for_me.remove(id);
            }
        }
    }

    fn entry(&self, list: &str, id: &str) -> Option<&Entry> {
        self.lists.get(list)?.iter().find(|e| e.id == id)
    }

    /// The op that takes `op`'s change back, as `self` is before it (none
    /// when `op` changes nothing).
    fn undo_of(&self, op: &Op) -> Option<Op> {
        match op {
            Op::Add { list, entry } => {
                self.entry(list.as_str(), &entry.id)
                    .is_none()
                    .then(|| Op::Remove {
                        list: list.clone(),
                        id: entry.id.clone(),
                    })
            }
            Op::Remove { list, id } => self.entry(list.as_str(), id).map(|old| Op::Add {
                list: list.clone(),
                entry: Box::new(old.clone()),
            }),
            Op::SetRead { id, read } => {
                (self.read.contains_key(id) != *read).then(|| Op::SetRead {
                    id: id.clone(),
                    read: !read,
                })
            }
            Op::SetNote { list, id, note } => {
                let old = &self.entry(list.as_str(), id)?.note;
                (old != note).then(|| Op::SetNote {
                    list: list.clone(),
                    id: id.clone(),
                    note: old.clone(),
                })
            }
            Op::NotForMe { entry } => {
                (!self.not_for_me.contains_key(&entry.id)).then(|| Op::ForMe {
                    id: entry.id.clone(),
                })
            }
            Op::ForMe { id } => self.not_for_me.get(id).map(|old| Op::NotForMe {
                entry: Box::new(old.clone()),
            }),
        }
    }
}

/// Why the reading lists were not saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The directory or file could not be written.
    #[error("cannot save reading lists to {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// Another paperboy held the lock for longer than we would wait.
    #[error("not saved: another paperboy kept {} locked; try again", path.display())]
    Busy { path: PathBuf },
    /// The file was written by a newer paperboy: it is read, never changed.
    #[error(
        "not saved: {} was written by a newer paperboy (format version {version}; \
         this one writes version {VERSION}), so this one only reads it",
        path.display()
    )]
    Newer { path: PathBuf, version: u32 },
    /// The file is there but could not be read, so it is left alone.
    #[error("not saved: {} could not be read, so it is left alone", path.display())]
    Unreadable { path: PathBuf },
}

/// Reading lists in memory: the file's data with an index for the
/// membership tests every drawn row makes. The reader holds one and shows
/// changes in it at once, before they are saved.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    data: Data,
    /// List name -> ids.
    members: HashMap<ListName, HashSet<String>>,
}

impl Snapshot {
    pub fn new(data: Data) -> Snapshot {
        let members = data
            .lists
            .iter()
            .map(|(name, l)| (name.clone(), l.iter().map(|e| e.id.clone()).collect()))
            .collect();
        Snapshot { data, members }
    }

    pub fn data(&self) -> &Data {
        &self.data
    }

    /// Applies `ops` in order.
    pub fn apply(&mut self, ops: &[Op]) {
        for op in ops {
            self.data.apply(op);
            match op {
                Op::Add { list, entry } => {
                    self.members
                        .entry(list.clone())
                        .or_default()
                        .insert(entry.id.clone());
                }
                Op::Remove { list, id } => {
                    if let Some(ids) = self.members.get_mut(list) {
                        ids.remove(id);
                    }
                }
                Op::SetRead { .. }
                | Op::SetNote { .. }
                | Op::NotForMe { .. }
                | Op::ForMe { .. } => {}
            }
        }
    }

    /// The ops that take `ops` back, as this snapshot is before them: the
    /// one place undo is worked out.
    pub fn undo_of(&self, ops: &[Op]) -> Vec<Op> {
        let mut after = self.data.clone();
        let mut undo = Vec::new();
        for op in ops {
            undo.extend(after.undo_of(op));
            after.apply(op);
        }
        undo.reverse();
        undo
    }

    // Lookups take any name, typed or not: one that is no list's finds
    // nothing, so only what makes or changes a list needs a `ListName`.
    pub fn list<N: AsRef<str> + ?Sized>(&self, name: &N) -> &[Entry] {
        let name = name.as_ref();
        self.data.lists.get(name).map_or(&[], Vec::as_slice)
    }

    /// The entry for paper `id` in `list`.
    pub fn entry<N: AsRef<str> + ?Sized>(&self, list: &N, id: &str) -> Option<&Entry> {
        self.data.entry(list.as_ref(), id)
    }

    /// Whether `name` is a list (`bookmarks` always is).
    pub fn has_list<N: AsRef<str> + ?Sized>(&self, name: &N) -> bool {
        let name = name.as_ref();
        name == DEFAULT_LIST || self.data.lists.contains_key(name)
    }

    pub fn contains<N: AsRef<str> + ?Sized>(&self, list: &N, id: &str) -> bool {
        let list = list.as_ref();
        self.members.get(list).is_some_and(|ids| ids.contains(id))
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.data.read.contains_key(id)
    }

    /// Whether paper `id` is marked "not for me".
    pub fn is_not_for_me(&self, id: &str) -> bool {
        self.data.not_for_me.contains_key(id)
    }

    /// The papers marked "not for me", oldest id first.
    pub fn not_for_me(&self) -> Vec<Entry> {
        self.data.not_for_me.values().cloned().collect()
    }

    /// Every list with its count; `bookmarks` is always there.
    pub fn names(&self) -> Vec<(ListName, usize)> {
        let mut out: Vec<(ListName, usize)> = self
            .data
            .lists
            .iter()
            .map(|(k, v)| (k.clone(), v.len()))
            .collect();
        if !self.data.lists.contains_key(DEFAULT_LIST) {
            out.insert(0, (ListName::bookmarks().clone(), 0));
        }
        out
    }
}

/// How long a command waits for another paperboy's save before giving up.
pub const LOCK_PATIENCE: Duration = Duration::from_secs(30);

/// What the file on disk held when last read.
enum OnDisk {
    /// Nothing there yet, or a file of this version (or an older one).
    Ours(Data),
    /// A newer paperboy's file: read as far as it could be, never written.
    Newer(Data, u32),
    /// A file that could be neither read nor moved aside.
    Unreadable,
}

/// The reading lists of one directory.
pub struct Store {
    dir: PathBuf,
    snapshot: Snapshot,
    /// Set while the file on disk is of a newer version.
    newer: Option<u32>,
    /// Things the user must be told (a corrupt file moved aside).
    notices: Vec<String>,
}

impl Store {
    /// Reads the store; a missing file is an empty store. A file that cannot
    /// be parsed is moved aside (never overwritten) and reported in the
    /// notices; one written by a newer paperboy is read and left alone.
    pub fn open(dir: &Path) -> Store {
        let mut s = Store {
            dir: dir.to_path_buf(),
            snapshot: Snapshot::default(),
            newer: None,
            notices: Vec::new(),
        };
        s.reload();
        s
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// What the user must be told since the last call.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// What is on disk now. Reads need no lock (the file is only ever
    /// replaced whole); moving a corrupt file aside takes it, briefly.
    fn read_disk(&mut self, lock_held: bool) -> OnDisk {
        let path = self.path();
        // A FIFO or a device in its place would block or never end.
        let text = match atomic::regular_or_absent(&path)
            .and_then(|_| std::fs::read_to_string(&path))
        {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return OnDisk::Ours(Data::default()),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => String::new(),
            Err(e) => {
                self.notices
                    .push(format!("cannot read {}: {e}", path.display()));
                return OnDisk::Unreadable;
            }
        };
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        let version = serde_json::from_str::<Version>(&text).map(|v| v.version);
        let parsed =
            serde_json::from_str::<Data>(&text).map_err(|e| format!("line {}: {e}", e.line()));
        match (version, parsed) {
            (Ok(v), parsed) if v > VERSION => {
                let mut data = parsed.unwrap_or_else(|why| {
                    self.notices.push(format!(
                        "{} was written by a newer paperboy (format version {v}) and could not be read ({why}); it is left as it is",
                        path.display()
                    ));
                    Data::default()
                });
                // Shown, never written back: cleaned in memory only.
                data.clean();
                OnDisk::Newer(data, v)
            }
            (_, Ok(mut d)) => {
                d.clean();
                OnDisk::Ours(d)
            }
            (_, Err(why)) => self.set_aside(&path, &why, lock_held),
        }
    }

    /// Moves a file that cannot be read aside, under the lock, unless it
    /// was replaced meanwhile; reports either way.
    fn set_aside(&mut self, path: &Path, why: &str, lock_held: bool) -> OnDisk {
        if !lock_held {
            match atomic::Lock::acquire(&self.dir.join(LOCK), &mut |t| t < LOCK_PATIENCE) {
                // Read again: it may have been fixed while we waited.
                Ok(_lock) => return self.read_disk(true),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.notices.push(format!(
                        "{} could not be read ({why}) while another paperboy holds its lock; it is left as it is",
                        path.display()
                    ));
                    return OnDisk::Unreadable;
                }
                // A read-only directory, say: try anyway, and say why it failed.
                Err(_) => {}
            }
        }
        match move_aside(path) {
            Ok(p) => {
                self.notices.push(format!(
                    "{} could not be read ({why}); moved it aside to {} and started an empty store",
                    path.display(),
                    p.display()
                ));
                OnDisk::Ours(Data::default())
            }
            Err(e) => {
                self.notices.push(format!(
                    "{} could not be read ({why}) nor moved aside ({e}); it is left as it is and nothing will be saved over it",
                    path.display()
                ));
                OnDisk::Unreadable
            }
        }
    }

    /// Applies `ops` to the file as it is now, under the lock, and saves,
    /// waiting for another paperboy's save at most [`LOCK_PATIENCE`].
    pub fn apply(&mut self, ops: &[Op]) -> Result<(), StoreError> {
        self.apply_waiting(ops, &mut |t| t < LOCK_PATIENCE)
    }

    /// [`Store::apply`], asking `patience` how long to wait for the lock
    /// (see [`atomic::Lock::acquire`]). On error nothing on disk changes
    /// and the in-memory copy is the last one read.
    pub fn apply_waiting(
        &mut self,
        ops: &[Op],
        patience: &mut dyn FnMut(Duration) -> bool,
    ) -> Result<(), StoreError> {
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        if ops.is_empty() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        let lock_path = self.dir.join(LOCK);
        let _lock = atomic::Lock::acquire(&lock_path, patience).map_err(|e| {
            if e.kind() == io::ErrorKind::WouldBlock {
                StoreError::Busy {
                    path: lock_path.clone(),
                }
            } else {
                io_err(&self.dir)(e)
            }
        })?;
        let mut data = match self.read_disk(true) {
            OnDisk::Ours(d) => d,
            OnDisk::Newer(d, version) => {
                self.set(d, Some(version));
                return Err(StoreError::Newer {
                    path: self.path(),
                    version,
                });
            }
            OnDisk::Unreadable => return Err(StoreError::Unreadable { path: self.path() }),
        };
        for op in ops {
            data.apply(op);
        }
        data.version = VERSION;
        let mut json = serde_json::to_string_pretty(&data).map_err(|e| StoreError::Io {
            path: self.path(),
            source: io::Error::other(e),
        })?;
        json.push('\n');
        atomic::write(&self.path(), json.as_bytes(), atomic::Mode::Private)
            .map_err(io_err(&self.path()))?;
        self.set(data, None);
        Ok(())
    }

    fn set(&mut self, data: Data, newer: Option<u32>) {
        self.snapshot = Snapshot::new(data);
        self.newer = newer;
    }

    /// Re-reads the file (another process may have changed it).
    pub fn reload(&mut self) {
        match self.read_disk(false) {
            OnDisk::Ours(d) => self.set(d, None),
            OnDisk::Newer(d, v) => {
                if self.newer != Some(v) {
                    self.notices.push(format!(
                        "{} was written by a newer paperboy (format version {v}); it is shown but will not be changed",
                        self.path().display()
                    ));
                }
                self.set(d, Some(v));
            }
            OnDisk::Unreadable => {}
        }
    }
}

fn move_aside(path: &Path) -> io::Result<PathBuf> {
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

pub use crate::day::{now_rfc3339, rfc3339};

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
            ..Entry::default()
        }
    }

    fn add(list: &str, id: &str) -> Op {
        Op::Add {
            list: list.parse().unwrap(),
            entry: Box::new(entry(id)),
        }
    }

    #[test]
    fn add_remove_read_round_trip_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path());
        assert_eq!(
            s.snapshot().names(),
            vec![(ListName::bookmarks().clone(), 0)]
        );
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
        assert_eq!(again.snapshot().list("bookmarks").len(), 1);
        assert!(again.snapshot().contains("cite", "b"));
        assert!(again.snapshot().is_read("a"));
        s.apply(&[Op::Remove {
            list: "bookmarks".parse().unwrap(),
            id: "a".into(),
        }])
        .unwrap();
        assert!(
            Store::open(dir.path())
                .snapshot()
                .list("bookmarks")
                .is_empty()
        );
    }

    #[test]
    fn apply_merges_with_changes_made_by_others() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = Store::open(dir.path());
        let mut two = Store::open(dir.path());
        one.apply(&[add("bookmarks", "a")]).unwrap();
        two.apply(&[add("bookmarks", "b")]).unwrap();
        assert_eq!(two.snapshot().list("bookmarks").len(), 2);
        one.reload();
        assert_eq!(one.snapshot().list("bookmarks").len(), 2);
    }

    #[test]
    fn corrupt_file_is_moved_aside_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "{ not json").unwrap();
        let mut s = Store::open(dir.path());
        let notices = s.take_notices();
        assert_eq!(notices.len(), 1);
        assert!(notices[0].contains("moved it aside to"), "{}", notices[0]);
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
        assert_eq!(
            Store::open(dir.path()).snapshot().list("bookmarks").len(),
            1
        );
    }

    #[test]
    fn missing_dir_is_created_on_save() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        let mut s = Store::open(&sub);
        s.apply(&[add("bookmarks", "x")]).unwrap();
        assert!(sub.join(FILE).exists());
    }

    #[test]
    fn undo_is_worked_out_from_the_state_before() {
        let mut snap = Snapshot::new(Data::default());
        snap.apply(&[add("bookmarks", "a")]);
        let ops = vec![
            add("bookmarks", "a"), // already there: nothing to undo
            add("bookmarks", "b"),
            Op::Remove {
                list: "bookmarks".parse().unwrap(),
                id: "a".into(),
            },
            Op::SetRead {
                id: "b".into(),
                read: true,
            },
        ];
        let undo = snap.undo_of(&ops);
        let before = snap.data().clone();
        snap.apply(&ops);
        assert!(snap.contains("bookmarks", "b") && !snap.contains("bookmarks", "a"));
        snap.apply(&undo);
        assert_eq!(snap.data(), &before);
        assert!(snap.contains("bookmarks", "a") && !snap.contains("bookmarks", "b"));
    }

    #[test]
    fn not_for_me_is_kept_beside_the_lists_undone_and_old_files_still_read() {
        let dir = tempfile::tempdir().unwrap();
        // A file of before the mark existed reads with none marked.
        let old = format!(
            "{{\"version\": 2, \"lists\": {{\"bookmarks\": [{}]}}, \"read\": {{}}}}",
            serde_json::to_string(&entry("a")).unwrap()
        );
        std::fs::write(dir.path().join(FILE), old).unwrap();
        let mut s = Store::open(dir.path());
        assert!(s.snapshot().not_for_me().is_empty());
        let mark = vec![Op::NotForMe {
            entry: Box::new(entry("b")),
        }];
        let undo = s.snapshot().undo_of(&mark);
        assert_eq!(undo, vec![Op::ForMe { id: "b".into() }]);
        s.apply(&mark).unwrap();
        let again = Store::open(dir.path());
        assert!(again.snapshot().is_not_for_me("b") && !again.snapshot().is_not_for_me("a"));
        assert_eq!(
            again.snapshot().not_for_me()[0].title,
            "Title b",
            "kept whole"
        );
        assert_eq!(
            again.snapshot().list("bookmarks").len(),
            1,
            "lists untouched"
        );
        assert!(s.snapshot().undo_of(&mark).is_empty(), "marked already");
        s.apply(&undo).unwrap();
        assert!(!Store::open(dir.path()).snapshot().is_not_for_me("b"));
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(!text.contains("not_for_me"), "left out when empty: {text}");
    }

    #[test]
    fn a_newer_file_is_read_and_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "{{\"version\": {}, \"lists\": {{\"bookmarks\": [{}]}}, \"future\": true}}",
            VERSION + 1,
            serde_json::to_string(&entry("a")).unwrap()
        );
        std::fs::write(dir.path().join(FILE), &text).unwrap();
        let mut s = Store::open(dir.path());
        assert!(
            s.snapshot().contains("bookmarks", "a"),
            "read as far as it can be"
        );
        assert!(s.take_notices()[0].contains("newer paperboy"));
        let err = s.apply(&[add("bookmarks", "b")]).unwrap_err();
        assert!(matches!(err, StoreError::Newer { .. }), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(FILE)).unwrap(),
            text
        );
        // Not moved aside either.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2); // + the lock
    }

    #[test]
    fn a_held_lock_makes_a_save_wait_then_give_up() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path());
        let held = atomic::Lock::try_acquire(&dir.path().join(LOCK)).unwrap();
        let mut waited = 0;
        let err = s
            .apply_waiting(&[add("bookmarks", "a")], &mut |_| {
                waited += 1;
                waited < 3
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::Busy { .. }), "{err}");
        assert!(!dir.path().join(FILE).exists());
        drop(held);
        s.apply(&[add("bookmarks", "a")]).unwrap();
        assert!(
            Store::open(dir.path())
                .snapshot()
                .contains("bookmarks", "a")
        );
    }

    #[test]
    fn a_version_1_file_opens_and_is_migrated_on_save() {
        // A lists.json as paperboy wrote it before arXiv ids were kept.
        let v1 = r#"{
  "version": 1,
  "lists": {
    "bookmarks": [
      {
        "id": "hzd1hs7v0q",
        "title": "LRP-QViT: Mixed-Precision Vision Transformer Quantization via Layer-wise Relevance Propagation",
        "abstract": "Vision transformers (ViTs) have demonstrated remarkable performance.",
        "date": "Jul 29",
        "source": "daily-papers-jul-29.txt (sample)",
        "line": 13,
        "added": "2026-11-27T18:28:47Z",
        "note": "read for the reading group"
      }
    ]
  },
  "read": {"hzd1hs7v0q": "2026-11-27T18:30:02Z"}
}
"#;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), v1).unwrap();
        let mut s = Store::open(dir.path());
        assert!(s.take_notices().is_empty());
        let old = s.snapshot().list("bookmarks")[0].clone();
        assert_eq!(old.note.as_deref(), Some("read for the reading group"));
        assert_eq!((old.arxiv.clone(), old.authors.len()), (None, 0));
        s.apply(&[add("cite", "b")]).unwrap();
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], 2);
        assert_eq!(
            v["lists"]["bookmarks"][0]["note"],
            "read for the reading group"
        );
        assert_eq!(v["lists"]["bookmarks"][0]["arxiv"], serde_json::Value::Null);
        assert_eq!(Store::open(dir.path()).snapshot().list("bookmarks")[0], old);
        assert!(Store::open(dir.path()).snapshot().is_read("hzd1hs7v0q"));
    }
}

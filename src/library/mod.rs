//! The library: the days on disk, in `digests/` of paperboy's data
//! directory, each source's day kept as it came, its file named by day and
//! source (`2024-10-07.json` for the Daily Papers, `2024-10-07.arxiv.xml`
//! for arXiv, or any digest imported), and `fetch`, the one place that
//! speaks HTTP.

pub mod arxiv;
pub mod fetch;
pub mod pdf;
pub mod zotero;

use std::path::{Path, PathBuf};

use crate::day::Day;
use crate::digest::{Digest, Format, Input, Keep};

pub const DIGESTS: &str = "digests";

/// A file of the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub path: PathBuf,
    /// The day its name gives (`2024-10-07.json`, `2024-10-07-2.md`).
    pub day: Option<Day>,
}

/// The library of one data directory.
#[derive(Clone, Debug)]
pub struct Library {
    dir: PathBuf,
}

impl Library {
    pub fn new(data_dir: &Path) -> Library {
        Library {
            dir: data_dir.join(DIGESTS),
        }
    }

    /// Where the days are.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a fetched day goes.
    pub fn day_path(&self, day: Day) -> PathBuf {
        self.dir.join(format!("{day}.json"))
    }

    /// The index of `d` (the library as [`Library::load`] read it), from
    /// the cache beside the library when it is still that of these files
    /// and papers, or a few new papers folded into it; else built and
    /// cached (see [`crate::rank::cache::index`]).
    pub fn index(&self, d: &Digest) -> crate::rank::Index {
        self.index_made(d).0
    }

    /// [`Library::index`], and how it came to be.
    pub fn index_made(&self, d: &Digest) -> (crate::rank::Index, crate::rank::cache::Made) {
        crate::rank::cache::index(&self.index_path(), d, &self.stamps())
    }

    /// Builds the index of the library as it is on disk and caches it, on
    /// a thread of its own (after an index was folded: the full build it
    /// was spared, for the next time).
    pub fn index_in_background(&self) {
        let lib = self.clone();
        let _ = std::thread::Builder::new()
            .name("paperboy-reindex".into())
            .spawn(move || {
                // The files as they were before reading: a day fetched
                // meanwhile is folded in next time.
                let files = lib.stamps();
                let d = lib.load(crate::digest::Keep::Everything);
                crate::rank::cache::rebuild(&lib.index_path(), &d, &files);
                drop(d);
                crate::mem::give_back();
            });
    }

    /// Each file's name, size and modification time: what the index's key
    /// is made of.
    fn stamps(&self) -> Vec<(String, u64, u128)> {
        self.files()
            .iter()
            .filter_map(|f| {
                let m = std::fs::metadata(&f.path).ok()?;
                let mtime = m
                    .modified()
                    .ok()?
                    .duration_since(std::time::UNIX_EPOCH)
                    .ok()?;
                let name = f.path.file_name()?.to_string_lossy().into_owned();
                Some((name, m.len(), mtime.as_nanos()))
            })
            .collect()
    }

    /// Where the index is cached: beside `digests/`.
    pub fn index_path(&self) -> PathBuf {
        self.dir
            .parent()
            .unwrap_or(&self.dir)
            .join(crate::rank::cache::FILE)
    }

    /// Every digest file, newest day first (files with no day in their
    /// name last, by name).
    pub fn files(&self) -> Vec<File> {
        let mut files: Vec<File> = self
            .paths()
            .map(|path| {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                File {
                    day: Day::parse(name),
                    path,
                }
            })
            .collect();
        files.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| a.path.cmp(&b.path)));
        files
    }

    /// The digest files, in no order. The directory's own record of each
    /// entry's type saves a stat per file (a symlink is followed).
    fn paths(&self) -> impl Iterator<Item = PathBuf> {
        std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| match e.file_type() {
                Ok(t) if t.is_symlink() => e.path().is_file(),
                Ok(t) => t.is_file(),
                Err(_) => false,
            })
            .map(|e| e.path())
            .filter(|p| !is_temp(p))
    }

    /// Whether the library holds any day.
    pub fn is_empty(&self) -> bool {
        self.paths().next().is_none()
    }

    /// Reads every file of the library (on every core), papers newest day
    /// first; a paper on the page several days is one paper, on its first.
    pub fn load(&self, keep: Keep) -> Digest {
        load_files(self.files(), keep)
    }

    /// Reads only the newest day's files (what the reader shows first).
    pub fn load_newest(&self) -> Digest {
        let files = self.files();
        let newest = files.first().and_then(|f| f.day);
        load_files(
            files.into_iter().filter(|f| f.day == newest).collect(),
            Keep::Everything,
        )
    }

    /// Copies a digest into the library, named by its day when all its
    /// papers are of one dated day (else by its own name). Returns where it
    /// went, or `None` when the same bytes were there already.
    pub fn import(&self, path: &Path) -> Result<Option<PathBuf>, ImportError> {
        let at = |p: &Path| p.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| ImportError::Read(at(path), e))?;
        let d = Digest::load(&[Input::Path(path.to_path_buf())]);
        if d.has_errors() || d.is_empty() {
            return Err(ImportError::NoPapers(d.diagnostics.first().cloned()));
        }
        let ext = match d.formats().find_map(|(_, f)| f) {
            Some(Format::Json) => "json",
            Some(Format::Markdown) => "md",
            _ => "txt",
        };
        let ext = if bytes.starts_with(&[0x1f, 0x8b]) {
            format!("{ext}.gz")
        } else {
            ext.to_owned()
        };
        let stem = match one_day(&d) {
            Some(day) => day.to_string(),
            None => path
                .file_name()
                .and_then(|n| n.to_str())
                .map_or("digest", |n| n.split('.').next().unwrap_or(n))
                .to_owned(),
        };
        std::fs::create_dir_all(&self.dir).map_err(|e| ImportError::Dir(at(&self.dir), e))?;
        let mut target = self.dir.join(format!("{stem}.{ext}"));
        let mut n = 2;
        while target.exists() {
            if std::fs::read(&target).is_ok_and(|b| b == bytes) {
                return Ok(None);
            }
            target = self.dir.join(format!("{stem}-{n}.{ext}"));
            n += 1;
        }
        crate::store::atomic::write(&target, &bytes, crate::store::atomic::Mode::Shared)
            .map_err(|e| ImportError::Write(at(&target), e))?;
        Ok(Some(target))
    }
}

/// Why a digest was not imported; each names the file, and a digest's
/// problem its line.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}: cannot read: {1}")]
    Read(String, std::io::Error),
    /// The digest's first error (file:line), or none when it has no papers.
    #[error("{}", .0.as_ref().map_or_else(|| "no papers".to_owned(), ToString::to_string))]
    NoPapers(Option<crate::digest::Diagnostic>),
    /// The library's directory could not be made.
    #[error("{0}: {1}")]
    Dir(String, std::io::Error),
    #[error("{0}: cannot write: {1}")]
    Write(String, std::io::Error),
}

/// The one day (with its year) every paper of `d` is on.
fn one_day(d: &Digest) -> Option<Day> {
    let key = d.date_key(0);
    let all = (0..d.len()).all(|i| d.date_key(i) == key);
    Day::from_key(key).filter(|_| all)
}

/// A temp file of an atomic write in progress (`.name.tmp-…`).
fn is_temp(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Reads files (given newest first) in parallel and joins them oldest
/// first, so a paper takes its first day and each day keeps its page order.
fn load_files(files: Vec<File>, keep: Keep) -> Digest {
    let parts = crate::par::map(files, crate::par::cores(), |f| {
        Digest::load_keeping(&[Input::Path(f.path)], keep)
    });
    let mut d = Digest::default();
    for part in parts.into_iter().rev() {
        d.absorb(part);
    }
    d.sort_newest_first();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_json(date: &str, titles: &[&str]) -> String {
        let items: Vec<String> = titles
            .iter()
            .map(|t| {
                format!(
                    r#"{{"paper": {{"id": "2410.{:05}", "title": "{t}", "summary": "About {t}.", "submittedOnDailyAt": "{date}T08:00:00.000Z"}}}}"#,
                    t.bytes().map(u32::from).sum::<u32>()
                )
            })
            .collect();
        format!("[{}]", items.join(",\n"))
    }

    #[test]
    fn days_are_read_newest_first_and_a_paper_keeps_its_first_day() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::new(dir.path());
        assert!(lib.is_empty());
        std::fs::create_dir_all(lib.dir()).unwrap();
        std::fs::write(
            lib.dir().join("2024-10-07.json"),
            day_json("2024-10-07", &["Old One", "Stays On"]),
        )
        .unwrap();
        std::fs::write(
            lib.dir().join("2024-10-08.json"),
            day_json("2024-10-08", &["New One", "Stays On"]),
        )
        .unwrap();
        std::fs::write(lib.dir().join(".2024-10-09.json.tmp-1-0"), "[").unwrap();
        let files = lib.files();
        assert_eq!(files.len(), 2, "temp files are not days");
        assert_eq!(files[0].day.unwrap().to_string(), "2024-10-08");
        let d = lib.load(Keep::Everything);
        let titles: Vec<(&str, Option<&str>)> =
            (0..d.len()).map(|i| (d.title(i), d.get(i).date)).collect();
        assert_eq!(
            titles,
            [
                ("New One", Some("2024-10-08")),
                ("Old One", Some("2024-10-07")),
                ("Stays On", Some("2024-10-07")),
            ]
        );
        assert_eq!(d.papers()[2].also.len(), 1);
        let newest = lib.load_newest();
        assert_eq!(newest.len(), 2);
    }

    #[test]
    fn import_names_a_dated_digest_by_its_day() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::new(dir.path());
        let src = dir.path().join("saved.json");
        std::fs::write(&src, day_json("2024-10-07", &["A Paper"])).unwrap();
        let to = lib.import(&src).unwrap().unwrap();
        assert_eq!(to, lib.dir().join("2024-10-07.json"));
        assert_eq!(
            lib.import(&src).unwrap(),
            None,
            "the same bytes are not copied twice"
        );
        let sample = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/daily-papers-jul-29.txt"
        ));
        let to = lib.import(sample).unwrap().unwrap();
        assert_eq!(
            to,
            lib.dir().join("daily-papers-jul-29.txt"),
            "no year: named as it was"
        );
        assert!(lib.import(&dir.path().join("missing.txt")).is_err());
    }
}

//! The command line: its clap definition (`args.rs`), and one function per
//! command, each taking its arguments' struct (in `papers.rs`, `lists.rs`,
//! `reader.rs` and the others); failures are `Error`s, which `main` prints.

mod args;
mod error;
mod library;
mod lists;
mod papers;
mod pdf;
mod ranking;
mod reader;
mod searches;
mod shell;
mod zotero;

use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use crate::digest::{Digest, Input, Keep};
use crate::library::Library;
use crate::store::Store;

pub use args::*;
use error::{BAD_INPUT, FAIL};
pub use error::{CmdResult, Error};
pub use papers::PaperJson;
pub use reader::{open_reader, reader};

pub use crate::VERSION;

/// Where paperboy keeps things, as `main` resolved them.
#[derive(Clone, Debug, Default)]
pub struct Dirs {
    /// Reading lists, the shown-papers record, the config file.
    pub config: Option<PathBuf>,
    /// The library of days.
    pub data: Option<PathBuf>,
}

impl Dirs {
    pub fn library(&self) -> Option<Library> {
        self.data.as_deref().map(Library::new)
    }
}

/// Today in UTC (`PAPERBOY_TODAY` stands in for it in tests): the one
/// place the commands ask.
fn today() -> crate::day::Day {
    std::env::var("PAPERBOY_TODAY")
        .ok()
        .and_then(|d| crate::day::Day::parse(&d))
        .unwrap_or_else(crate::day::Day::today)
}

/// The paper `id` names in `d`, or the error said: no such paper, or the
/// papers an ambiguous prefix could mean.
fn paper_by_id(d: &Digest, id: &str) -> Result<usize, Error> {
    match d.lookup(id) {
        Ok(i) => Ok(i),
        Err(hits) if hits.is_empty() => Err(Error::Asked(format!(
            "no paper with id {id:?} (`paperboy list` shows the ids)"
        ))),
        Err(hits) => {
            let mut lines = vec![format!(
                "paperboy: {id:?} could mean several papers; give more of the id:"
            )];
            for i in hits {
                let v = d.get(i);
                lines.push(format!("  {}\t{}", v.id, v.title));
            }
            Err(Error::Lines(lines))
        }
    }
}

/// The error for a list that is not there, the same wherever it is met.
fn no_list(name: &str) -> Error {
    Error::Asked(format!(
        "no list named {name:?} (`paperboy lists` shows them)"
    ))
}

/// The error for an id that is the start of several papers' in `list`.
fn several(id: &str, list: &crate::store::ListName) -> Error {
    Error::Asked(format!(
        "{id} matches several papers in {list}; give more of it"
    ))
}

/// The message for a missing config directory, the same wherever it is met.
pub const NO_CONFIG_DIR: &str =
    "no config directory could be found; set PAPERBOY_CONFIG_DIR to choose one";

impl Sources {
    /// The library, when no PATH was given and it holds any day.
    pub fn library(&self, dirs: &Dirs) -> Option<Library> {
        dirs.library()
            .filter(|l| self.paths.is_empty() && !l.is_empty())
    }

    /// Reads what was asked for: the PATHs, else the library, else the
    /// sample.
    pub fn read(&self, keep: Keep, dirs: &Dirs) -> Digest {
        if let Some(lib) = self.library(dirs) {
            return lib.load(keep);
        }
        let inputs = if self.paths.is_empty() {
            vec![Input::Sample]
        } else {
            self.paths.iter().map(|p| Input::from_arg(p)).collect()
        };
        let mut d = Digest::load_with(&inputs, keep, self.input_format);
        // Many days read newest first, as the library does.
        d.sort_newest_first();
        d
    }

    /// Loads the digests; on errors, the error that says them all.
    fn load(&self, keep: Keep, dirs: &Dirs) -> Result<Digest, Error> {
        let d = self.read(keep, dirs);
        if d.is_empty() && d.diagnostics.is_empty() {
            return Err(Error::NoPapers);
        }
        if d.has_errors() || d.is_empty() {
            return Err(Error::Unreadable(d.diagnostics));
        }
        let warnings = d.diagnostics.len();
        if warnings > 0 {
            // A warning is no failure: said here, as progress.
            eprintln!(
                "paperboy: {} while reading; `paperboy check` shows them",
                plural(warnings, "warning")
            );
        }
        Ok(d)
    }
}

/// Runs a command other than the reader.
pub fn run(command: Command, dirs: &Dirs) -> CmdResult {
    let config = dirs.config.as_deref();
    match command {
        Command::List(args) => {
            let query = match &args.search {
                Some(name) => Some(searches::query_of(dirs, name)?),
                None => args.query.clone(),
            };
            papers::list(&args, query.as_deref(), dirs)
        }
        Command::Alerts(args) => searches::alerts(&args, dirs),
        Command::Pdf(args) => with_store(config, |s| pdf::pdf(s, dirs, &args)),
        Command::Zotero(args) => with_store(config, |s| zotero::zotero(s, dirs, &args)),
        Command::Show(args) => papers::show(&args, dirs),
        Command::Check(args) => papers::check(&args.sources, dirs),
        Command::Similar(args) => ranking::similar(&args, dirs),
        Command::Rank(args) => with_store(config, |s| ranking::rank(s, &args, dirs)),
        Command::Fetch(args) => library::fetch(dirs, &args),
        Command::Top(args) => library::top(dirs, &args),
        Command::Import(args) => library::import(dirs, &args.paths),
        Command::Days(args) => library::days(dirs, args.json),
        Command::Save(args) => with_store(config, |s| lists::save(s, &args, dirs)),
        Command::Unsave(args) => with_store(config, |s| lists::unsave(s, &args)),
        Command::Lists(args) => with_store(config, |s| lists::lists(s, args.json)),
        Command::Export(args) => with_store(config, |s| lists::export(s, &args, dirs)),
        Command::Note(args) => with_store(config, |s| lists::note(s, &args)),
        Command::Config(args) => shell::config(config, &args),
        Command::Completions(args) => shell::completions(args.shell),
        Command::Man => shell::man(),
    }
}

fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn with_store(config: Option<&Path>, f: impl FnOnce(&mut Store) -> CmdResult) -> CmdResult {
    let dir = config.ok_or_else(|| Error::Asked(NO_CONFIG_DIR.into()))?;
    let mut store = Store::open(dir);
    // A file moved aside is told, and the command goes on.
    for n in store.take_notices() {
        eprintln!("paperboy: {n}");
    }
    f(&mut store)
}

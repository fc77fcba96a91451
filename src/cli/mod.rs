//! The command line: its clap definition, and one function per command (in
//! `papers.rs`, `lists.rs` and `reader.rs`).

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

use clap::{Args, Parser, Subcommand};

use crate::digest::{Digest, Format, Input, Keep};
use crate::export;
use crate::filter::{Scope, Sort};
use crate::library::Library;
use crate::store::{self, Store};

use error::{BAD_INPUT, FAIL};
pub use error::{CmdResult, Error};
pub use papers::PaperJson;
pub use reader::{open_reader, reader};

pub use crate::VERSION;

#[derive(Parser, Debug)]
#[command(
    name = "paperboy",
    version = VERSION,
    about = "A terminal reader for research-paper digests",
    long_about = "A terminal reader for research-paper digests.\n\n\
        With no command, opens the reader on PATHs (files, `-` for standard input, \
        or directories of digests); with none, on the library's newest day (see \
        `paperboy fetch`), or on the built-in sample digest while the library is empty.\n\n\
        The daily routine: `paperboy fetch`, then `paperboy`; `n` jumps to the next \
        new paper, `b` bookmarks it.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub sources: Sources,
    /// Open the reader on a saved reading list
    #[arg(long, value_name = "NAME")]
    pub list: Option<String>,
    /// Show only the papers never shown before
    #[arg(long)]
    pub new: bool,
}

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

/// Where digests are read from, for every command that reads them.
#[derive(Args, Debug, Default, Clone)]
pub struct Sources {
    /// Digests to read: files (page text, Markdown or the API's JSON),
    /// `-` for standard input, or directories of them (default: the
    /// library, else the built-in sample)
    pub paths: Vec<PathBuf>,
    /// Read every input as this format instead of recognising it
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<Format>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print one line per paper: id, date, title (tab-separated)
    List {
        #[command(flatten)]
        sources: Sources,
        /// Only papers matching the query (fuzzy words, au:, cat:, upvotes:>50, -x, OR…: see the README), best first
        #[arg(long, short)]
        query: Option<String>,
        /// Only papers matching the saved search NAME ([searches] in config.toml)
        #[arg(long, value_name = "NAME", conflicts_with = "query")]
        search: Option<String>,
        /// Where tokens may match
        #[arg(long, value_enum, default_value_t)]
        scope: Scope,
        /// Print a JSON array of paper objects instead
        #[arg(long)]
        json: bool,
        /// Only papers the reader never showed
        #[arg(long)]
        new: bool,
        /// The order (a query ranks its matches best first unless this says)
        #[arg(long, value_enum)]
        sort: Option<Sort>,
    },
    /// For each saved search, print the papers new to it since the last run
    Alerts {
        #[command(flatten)]
        sources: Sources,
        /// Print a JSON array of {search, query, papers} instead
        #[arg(long)]
        json: bool,
    },
    /// Download saved papers' PDFs into the data directory
    Pdf {
        #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME")]
        list: String,
        /// The papers' ids (or unique prefixes, or arXiv ids); default: the whole list
        ids: Vec<String>,
    },
    /// Send saved papers to the running Zotero (through its connector)
    Zotero {
        #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME")]
        list: String,
        /// The papers' ids (or unique prefixes, or arXiv ids); default: the whole list
        ids: Vec<String>,
    },
    /// Print one paper in full, wrapped for reading
    Show {
        /// The paper's id (or a unique prefix of it, or its arXiv id)
        id: String,
        #[command(flatten)]
        sources: Sources,
    },
    /// Print the papers most like one, best first, with their score
    Similar {
        /// The paper's id (or a unique prefix of it, or its arXiv id)
        id: String,
        #[command(flatten)]
        sources: Sources,
        /// How many to print
        #[arg(long, default_value_t = 10, value_name = "N")]
        limit: usize,
        /// Print a JSON array of paper objects (with `score`) instead
        #[arg(long)]
        json: bool,
    },
    /// Rank the papers by a reading list, best first, with their score
    Rank {
        /// The list to rank by
        #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME")]
        list: String,
        /// A list of papers to rank away from, as the papers marked "not
        /// for me" in the reader always are (may be given more than once)
        #[arg(long = "not", value_name = "NAME")]
        not: Vec<String>,
        #[command(flatten)]
        sources: Sources,
        /// How many to print (default: every paper)
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Print a JSON array of paper objects (with `score`) instead
        #[arg(long)]
        json: bool,
    },
    /// Report every problem in digests as file:line: warning|error: message
    Check {
        #[command(flatten)]
        sources: Sources,
    },
    /// Add papers to a reading list
    Save {
        #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME")]
        list: String,
        /// Digests to look the ids up in (default: the sample)
        #[arg(long = "digest", value_name = "PATH")]
        digests: Vec<PathBuf>,
        /// Read the digests as this format instead of recognising it
        #[arg(long, value_enum, value_name = "FORMAT")]
        input_format: Option<Format>,
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Remove papers from a reading list
    Unsave {
        #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME")]
        list: String,
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Show every reading list with its count
    Lists {
        #[arg(long)]
        json: bool,
    },
    /// Download days of the Daily Papers into the library (default: today,
    /// else the latest day that has papers), and arXiv's categories that
    /// [fetch] arxiv in config.toml names
    Fetch {
        /// Days to fetch, as YYYY-MM-DD
        #[arg(value_name = "DATE")]
        dates: Vec<String>,
        /// The last N days, today's included
        #[arg(long, value_name = "N")]
        days: Option<u32>,
        /// Every day from DATE to today
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Fetch days the library already holds again
        #[arg(long)]
        refresh: bool,
        /// The days of an ISO week the library lacks (default: this week)
        #[arg(long, value_name = "YYYY-Www", num_args = 0..=1, default_missing_value = "", conflicts_with = "month")]
        week: Option<String>,
        /// The days of a month the library lacks (default: this month)
        #[arg(long, value_name = "YYYY-MM", num_args = 0..=1, default_missing_value = "")]
        month: Option<String>,
        /// arXiv's categories instead (cs.LG,cs.CL): today's announcements
        /// from its RSS, earlier days from its API
        #[arg(long, value_name = "CATEGORIES")]
        arxiv: Option<String>,
    },
    /// The most upvoted papers of the library's current week (or month)
    Top {
        /// This month instead of this week
        #[arg(long)]
        month: bool,
        /// This week (the default)
        #[arg(long, conflicts_with = "month")]
        week: bool,
        /// How many papers
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Copy digests of any format into the library
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List the library's days with their papers and how many are new
    Days {
        #[arg(long)]
        json: bool,
    },
    /// Write or clear the note on a saved paper
    Note {
        #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME")]
        list: String,
        /// The paper's id (or a unique prefix of it) in the list
        id: String,
        /// The note; an empty one clears it
        text: String,
    },
    /// Show where the config file is, write one of the defaults, or check it
    Config {
        /// Print the config file's path
        #[arg(long)]
        path: bool,
        /// Write a commented file of the defaults (never over one)
        #[arg(long, conflicts_with = "check")]
        init: bool,
        /// Report every problem in the config file
        #[arg(long)]
        check: bool,
    },
    /// Print a completion script for a shell
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
    /// Write a reading list as Markdown, BibTeX, JSON or CSV
    Export {
        #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME")]
        list: String,
        #[arg(long, value_enum, default_value_t)]
        format: export::Format,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
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
fn several(id: &str, list: &str) -> Error {
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
        if d.has_errors() || d.is_empty() {
            let lines = d.diagnostics.iter().map(ToString::to_string).collect();
            return Err(Error::Unreadable(lines));
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
        Command::List {
            sources,
            query,
            search,
            scope,
            json,
            new,
            sort,
        } => {
            let query = match search {
                Some(name) => Some(searches::query_of(dirs, &name)?),
                None => query,
            };
            papers::list(
                &sources,
                dirs,
                papers::Listing {
                    query: query.as_deref(),
                    scope,
                    json,
                    new,
                    sort,
                },
            )
        }
        Command::Alerts { sources, json } => searches::alerts(&sources, dirs, json),
        Command::Pdf { list, ids } => with_store(config, |s| pdf::pdf(s, dirs, &list, &ids)),
        Command::Zotero { list, ids } => {
            with_store(config, |s| zotero::zotero(s, dirs, &list, &ids))
        }
        Command::Show { id, sources } => papers::show(&id, &sources, dirs),
        Command::Check { sources } => papers::check(&sources, dirs),
        Command::Similar {
            id,
            sources,
            limit,
            json,
        } => ranking::similar(&id, &sources, dirs, limit, json),
        Command::Rank {
            list,
            not,
            sources,
            limit,
            json,
        } => with_store(config, |s| {
            ranking::rank(s, &list, &not, &sources, dirs, limit, json)
        }),
        Command::Fetch {
            dates,
            days,
            since,
            refresh,
            week,
            month,
            arxiv,
        } => {
            let span = match (week, month) {
                (Some(w), _) => Some((library::Unit::Week, w)),
                (None, Some(m)) => Some((library::Unit::Month, m)),
                (None, None) => None,
            };
            let asked = library::Asked {
                dates,
                days,
                since,
                refresh,
                span,
                arxiv,
            };
            library::fetch(dirs, &asked)
        }
        Command::Top {
            month,
            week: _,
            limit,
            json,
        } => {
            let unit = if month {
                library::Unit::Month
            } else {
                library::Unit::Week
            };
            library::top(dirs, unit, limit, json)
        }
        Command::Import { paths } => library::import(dirs, &paths),
        Command::Days { json } => library::days(dirs, json),
        Command::Save {
            list,
            digests,
            input_format,
            ids,
        } => {
            let sources = Sources {
                paths: digests,
                input_format,
            };
            with_store(config, |s| lists::save(s, &list, &sources, dirs, &ids))
        }
        Command::Unsave { list, ids } => with_store(config, |s| lists::unsave(s, &list, &ids)),
        Command::Lists { json } => with_store(config, |s| lists::lists(s, json)),
        Command::Export {
            list,
            format,
            output,
        } => with_store(config, |s| {
            lists::export(s, &list, format, output.as_deref(), dirs)
        }),
        Command::Note { list, id, text } => {
            with_store(config, |s| lists::note(s, &list, &id, &text))
        }
        Command::Config { path, init, check } => shell::config(config, path, init, check),
        Command::Completions { shell } => shell::completions(shell),
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

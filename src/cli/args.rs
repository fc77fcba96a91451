//! The command line as clap reads it: `Cli`, its commands, and each
//! command's arguments as a struct that is handed whole to the command's
//! function. The commands' help is their variant's doc comment, so the
//! structs carry none (clap would take theirs instead).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::VERSION;
use crate::digest::Format;
use crate::export;
use crate::filter::{Scope, Sort};
use crate::store::{self, ListName};

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
    #[arg(long, value_name = "NAME", value_parser = ListName::lookup)]
    pub list: Option<ListName>,
    /// Show only the papers never shown before
    #[arg(long)]
    pub new: bool,
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
    List(ListArgs),
    /// For each saved search, print the papers new to it since the last run
    Alerts(AlertsArgs),
    /// Download saved papers' PDFs into the data directory
    Pdf(SavedPapersArgs),
    /// Send saved papers to the running Zotero (through its connector)
    Zotero(SavedPapersArgs),
    /// Print one paper in full, wrapped for reading
    Show(ShowArgs),
    /// Print the papers most like one, best first, with their score
    Similar(SimilarArgs),
    /// Rank the papers by a reading list, best first, with their score
    Rank(RankArgs),
    /// Report every problem in digests as file:line: warning|error: message
    Check(CheckArgs),
    /// Add papers to a reading list
    Save(SaveArgs),
    /// Remove papers from a reading list
    Unsave(UnsaveArgs),
    /// Show every reading list with its count
    Lists(ListsArgs),
    /// Download days of the Daily Papers into the library (default: today,
    /// else the latest day that has papers), and arXiv's categories that
    /// [fetch] arxiv in config.toml names
    Fetch(FetchArgs),
    /// The most upvoted papers of the library's current week (or month)
    Top(TopArgs),
    /// Copy digests of any format into the library
    Import(ImportArgs),
    /// List the library's days with their papers and how many are new
    Days(DaysArgs),
    /// Write or clear the note on a saved paper
    Note(NoteArgs),
    /// Show where the config file is, write one of the defaults, or check it
    Config(ConfigArgs),
    /// Print a completion script for a shell
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    Man,
    /// Write a reading list as Markdown, BibTeX, JSON or CSV
    Export(ExportArgs),
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// Only papers matching the query (fuzzy words, au:, cat:, upvotes:>50, -x, OR…: see the README), best first
    #[arg(long, short)]
    pub query: Option<String>,
    /// Only papers matching the saved search NAME ([searches] in config.toml)
    #[arg(long, value_name = "NAME", conflicts_with = "query")]
    pub search: Option<String>,
    /// Where tokens may match
    #[arg(long, value_enum, default_value_t)]
    pub scope: Scope,
    /// Print a JSON array of paper objects instead
    #[arg(long)]
    pub json: bool,
    /// Only papers the reader never showed
    #[arg(long)]
    pub new: bool,
    /// The order (a query ranks its matches best first unless this says)
    #[arg(long, value_enum)]
    pub sort: Option<Sort>,
}

#[derive(Args, Debug)]
pub struct AlertsArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// Print a JSON array of {search, query, papers} instead
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SavedPapersArgs {
    #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME", value_parser = ListName::lookup)]
    pub list: ListName,
    /// The papers' ids (or unique prefixes, or arXiv ids); default: the whole list
    pub ids: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The paper's id (or a unique prefix of it, or its arXiv id)
    pub id: String,
    #[command(flatten)]
    pub sources: Sources,
}

#[derive(Args, Debug)]
pub struct SimilarArgs {
    /// The paper's id (or a unique prefix of it, or its arXiv id)
    pub id: String,
    #[command(flatten)]
    pub sources: Sources,
    /// How many to print
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Print a JSON array of paper objects (with `score`) instead
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct RankArgs {
    /// The list to rank by
    #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME", value_parser = ListName::lookup)]
    pub list: ListName,
    /// A list of papers to rank away from, as the papers marked "not
    /// for me" in the reader always are (may be given more than once)
    #[arg(long = "not", value_name = "NAME", value_parser = ListName::lookup)]
    pub not: Vec<ListName>,
    #[command(flatten)]
    pub sources: Sources,
    /// How many to print (default: every paper)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print a JSON array of paper objects (with `score`) instead
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub sources: Sources,
}

#[derive(Args, Debug)]
pub struct SaveArgs {
    #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME")]
    pub list: ListName,
    /// Digests to look the ids up in (default: the sample)
    #[arg(long = "digest", value_name = "PATH")]
    pub digests: Vec<PathBuf>,
    /// Read the digests as this format instead of recognising it
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<Format>,
    #[arg(required = true)]
    pub ids: Vec<String>,
}

#[derive(Args, Debug)]
pub struct UnsaveArgs {
    #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME", value_parser = ListName::lookup)]
    pub list: ListName,
    #[arg(required = true)]
    pub ids: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ListsArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct FetchArgs {
    /// Days to fetch, as YYYY-MM-DD
    #[arg(value_name = "DATE")]
    pub dates: Vec<String>,
    /// The last N days, today's included
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
    /// Every day from DATE to today
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Fetch days the library already holds again
    #[arg(long)]
    pub refresh: bool,
    /// The days of an ISO week the library lacks (default: this week)
    #[arg(long, value_name = "YYYY-Www", num_args = 0..=1, default_missing_value = "", conflicts_with = "month")]
    pub week: Option<String>,
    /// The days of a month the library lacks (default: this month)
    #[arg(long, value_name = "YYYY-MM", num_args = 0..=1, default_missing_value = "")]
    pub month: Option<String>,
    /// arXiv's categories instead (cs.LG,cs.CL): today's announcements
    /// from its RSS, earlier days from its API
    #[arg(long, value_name = "CATEGORIES")]
    pub arxiv: Option<String>,
}

#[derive(Args, Debug)]
pub struct TopArgs {
    /// This month instead of this week
    #[arg(long)]
    pub month: bool,
    /// This week (the default)
    #[arg(long, conflicts_with = "month")]
    pub week: bool,
    /// How many papers
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct DaysArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct NoteArgs {
    #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME", value_parser = ListName::lookup)]
    pub list: ListName,
    /// The paper's id (or a unique prefix of it) in the list
    pub id: String,
    /// The note; an empty one clears it
    pub text: String,
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Print the config file's path
    #[arg(long)]
    pub path: bool,
    /// Write a commented file of the defaults (never over one)
    #[arg(long, conflicts_with = "check")]
    pub init: bool,
    /// Report every problem in the config file
    #[arg(long)]
    pub check: bool,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME", value_parser = ListName::lookup)]
    pub list: ListName,
    #[arg(long, value_enum, default_value_t)]
    pub format: export::Format,
    /// Write to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

//! The command line: its clap definition and one function per command.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::digest::{Digest, Input, Keep, PaperView, Severity};
use crate::export::{self, Format};
use crate::filter::{self, Engine, Query, Scope};
use crate::store::{self, Entry, Op, Store};
use crate::wrap;

#[derive(Parser, Debug)]
#[command(
    name = "paperboy",
    version,
    about = "A terminal reader for research-paper digests",
    long_about = "A terminal reader for research-paper digests.\n\n\
        With no command, opens the reader on PATHs (files, `-` for standard input, \
        or directories of *.txt digests), or on the built-in sample digest.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Digests to read: files, `-` for standard input, directories of *.txt
    pub paths: Vec<PathBuf>,
    /// Open the reader on a saved reading list
    #[arg(long, value_name = "NAME")]
    pub list: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print one line per paper: id, date, title (tab-separated)
    List {
        paths: Vec<PathBuf>,
        /// Only papers matching every space-separated token, best first
        #[arg(long, short)]
        query: Option<String>,
        /// Where tokens may match
        #[arg(long, value_enum, default_value_t)]
        scope: Scope,
        /// Print a JSON array of paper objects instead
        #[arg(long)]
        json: bool,
    },
    /// Print one paper in full, wrapped for reading
    Show {
        /// The paper's id (or a unique prefix of it)
        id: String,
        paths: Vec<PathBuf>,
    },
    /// Report every problem in digests as file:line: warning|error: message
    Check { paths: Vec<PathBuf> },
    /// Add papers to a reading list
    Save {
        #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME")]
        list: String,
        /// Digests to look the ids up in (default: the sample)
        #[arg(long = "digest", value_name = "PATH")]
        digests: Vec<PathBuf>,
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
    /// Write a reading list as Markdown, BibTeX, JSON or CSV
    Export {
        #[arg(long, default_value = store::DEFAULT_LIST, value_name = "NAME")]
        list: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Exit codes: 0 fine, 1 a problem with what was asked (unknown id, warnings
/// from `check`), 2 input that could not be read.
const FAIL: u8 = 1;
const BAD_INPUT: u8 = 2;

pub fn inputs(paths: &[PathBuf]) -> Vec<Input> {
    if paths.is_empty() {
        vec![Input::Sample]
    } else {
        paths.iter().map(|p| Input::from_arg(p)).collect()
    }
}

/// Loads digests for a command; on errors prints them and returns the exit code.
pub fn load(paths: &[PathBuf]) -> Result<Digest, ExitCode> {
    load_keeping(paths, Keep::Everything)
}

fn load_keeping(paths: &[PathBuf], keep: Keep) -> Result<Digest, ExitCode> {
    let d = Digest::load_keeping(&inputs(paths), keep);
    if d.has_errors() || d.is_empty() {
        for diag in &d.diagnostics {
            eprintln!("{diag}");
        }
        return Err(ExitCode::from(BAD_INPUT));
    }
    let warnings = d.diagnostics.len();
    if warnings > 0 {
        eprintln!(
            "paperboy: {} while reading; `paperboy check` shows them",
            plural(warnings, "warning")
        );
    }
    Ok(d)
}

/// Runs a command other than the reader. `config` is the store directory.
pub fn run(command: Command, config: Option<&Path>) -> ExitCode {
    let result = match command {
        Command::List {
            paths,
            query,
            scope,
            json,
        } => list(&paths, query.as_deref(), scope, json),
        Command::Show { id, paths } => show(&id, &paths),
        Command::Check { paths } => return check(&paths),
        Command::Save { list, digests, ids } => {
            with_store(config, |s| save(s, &list, &digests, &ids))
        }
        Command::Unsave { list, ids } => with_store(config, |s| unsave(s, &list, &ids)),
        Command::Lists { json } => with_store(config, |s| lists(s, json)),
        Command::Export {
            list,
            format,
            output,
        } => with_store(config, |s| export_list(s, &list, format, output.as_deref())),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("paperboy: {e}");
            ExitCode::from(FAIL)
        }
    }
}

type CmdResult = io::Result<ExitCode>;

fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// The JSON form of a paper.
#[derive(Serialize)]
pub struct PaperJson<'a> {
    pub id: String,
    pub title: &'a str,
    #[serde(rename = "abstract")]
    pub abstract_: std::borrow::Cow<'a, str>,
    pub date: Option<&'a str>,
    pub source: &'a str,
    pub line: u32,
    /// Every file the paper was read from (more than one when duplicated).
    pub sources: Vec<String>,
}

impl<'a> PaperJson<'a> {
    pub fn new(d: &'a Digest, i: usize) -> Self {
        let v: PaperView<'a> = d.get(i);
        PaperJson {
            id: v.id.to_string(),
            title: v.title,
            abstract_: v.abstract_text(),
            date: v.date,
            source: v.source,
            line: v.line,
            sources: d.places(i).collect(),
        }
    }
}

fn list(paths: &[PathBuf], query: Option<&str>, scope: Scope, json: bool) -> CmdResult {
    // The tab-separated list shows no abstracts; unless the query searches
    // them, the digest is read without keeping them.
    let keep = if json || (query.is_some() && scope == Scope::All) {
        Keep::Everything
    } else {
        Keep::Titles
    };
    let d = match load_keeping(paths, keep) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    match query {
        Some(q) => {
            let engine = Engine::for_one_query(Arc::new(d));
            let hits = filter::search_all(&engine, &Query::new(q, scope));
            let order: Vec<usize> = hits.iter().map(|h| h.paper as usize).collect();
            print_papers(engine.digest(), &order, json)
        }
        None => print_papers(&d, &(0..d.len()).collect::<Vec<_>>(), json),
    }
}

fn print_papers(d: &Digest, order: &[usize], json: bool) -> CmdResult {
    let mut out = stdout();
    if json {
        let papers: Vec<PaperJson> = order.iter().map(|&i| PaperJson::new(d, i)).collect();
        serde_json::to_writer_pretty(&mut out, &papers)?;
        writeln!(out)?;
    } else {
        for &i in order {
            let v = d.get(i);
            writeln!(out, "{}\t{}\t{}", v.id, v.date.unwrap_or(""), v.title)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The width to wrap `show` at: the terminal's, at most 100 columns.
fn reading_width() -> usize {
    let cols = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| {
            ratatui::crossterm::terminal::size()
                .ok()
                .map(|(w, _)| w as usize)
        })
        .unwrap_or(80);
    cols.clamp(20, 100)
}

fn show(id: &str, paths: &[PathBuf]) -> CmdResult {
    let d = match load(paths) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let Some(i) = d.find(id) else {
        eprintln!("paperboy: no paper with id {id:?} (`paperboy list` shows the ids)");
        return Ok(ExitCode::from(FAIL));
    };
    let v = d.get(i);
    let width = reading_width();
    let mut out = stdout();
    for l in wrap::wrap_str(v.title, width) {
        writeln!(out, "{l}")?;
    }
    let places: Vec<String> = d.places(i).collect();
    writeln!(
        out,
        "{} · {} · {}",
        v.id,
        v.date.unwrap_or("no date"),
        places.join(" · ")
    )?;
    writeln!(out)?;
    let text = v.abstract_text();
    if text.is_empty() {
        writeln!(out, "(no abstract)")?;
    }
    for l in wrap::wrap_str(&text, width) {
        writeln!(out, "{l}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", export::paper_url(v.title))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn check(paths: &[PathBuf]) -> ExitCode {
    let d = Digest::load_keeping(&inputs(paths), Keep::Titles);
    let mut out = stdout();
    for diag in &d.diagnostics {
        let _ = writeln!(out, "{diag}");
    }
    let _ = out.flush();
    let worst = d.diagnostics.iter().map(|x| x.severity).max();
    let count = |s| d.diagnostics.iter().filter(|x| x.severity == s).count();
    eprintln!(
        "{}, {}, {}",
        plural(d.len(), "paper"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Error), "error")
    );
    match worst {
        None => ExitCode::SUCCESS,
        Some(Severity::Warning) => ExitCode::from(FAIL),
        Some(Severity::Error) => ExitCode::from(BAD_INPUT),
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The message for a missing config directory, the same wherever it is met.
pub const NO_CONFIG_DIR: &str =
    "no config directory could be found; set PAPERBOY_CONFIG_DIR to choose one";

fn with_store(config: Option<&Path>, f: impl FnOnce(&mut Store) -> CmdResult) -> CmdResult {
    let Some(dir) = config else {
        eprintln!("paperboy: {NO_CONFIG_DIR}");
        return Ok(ExitCode::from(FAIL));
    };
    let mut store = Store::open(dir);
    for n in store.take_notices() {
        eprintln!("paperboy: {n}");
    }
    f(&mut store)
}

/// Saves `ops`, saying so once if another paperboy is saving first.
fn apply(store: &mut Store, ops: &[Op]) -> Result<(), store::StoreError> {
    let mut said = false;
    store.apply_waiting(ops, &mut |waited| {
        if !said && waited >= std::time::Duration::from_millis(500) {
            eprintln!("paperboy: another paperboy is saving; retrying");
            said = true;
        }
        waited < store::LOCK_PATIENCE
    })
}

fn save_error(e: store::StoreError) -> CmdResult {
    eprintln!("paperboy: {e}");
    Ok(ExitCode::from(FAIL))
}

fn save(store: &mut Store, list: &str, digests: &[PathBuf], ids: &[String]) -> CmdResult {
    let d = match load(digests) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let mut ops = Vec::new();
    let mut unknown = Vec::new();
    for id in ids {
        match d.find(id) {
            Some(i) => ops.push(Op::Add {
                list: list.to_owned(),
                entry: Entry::from_paper(&d.get(i)),
            }),
            None => unknown.push(id.as_str()),
        }
    }
    if !unknown.is_empty() {
        eprintln!(
            "paperboy: unknown id{} {}; nothing saved",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", ")
        );
        return Ok(ExitCode::from(FAIL));
    }
    if let Err(e) = apply(store, &ops) {
        return save_error(e);
    }
    // Written, not println!ed: a closed pipe is an error, not a panic.
    writeln!(
        io::stdout(),
        "saved {} to {list} ({} now)",
        ids.len(),
        store.snapshot().list(list).len()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn unsave(store: &mut Store, list: &str, ids: &[String]) -> CmdResult {
    // Accept a unique prefix of an id in the list, like `show` does. Any
    // id that names no single entry is an error, and nothing is removed.
    let mut ops = Vec::new();
    let mut bad = false;
    for id in ids {
        let matches: Vec<&Entry> = store
            .snapshot()
            .list(list)
            .iter()
            .filter(|e| e.id.starts_with(&id.to_ascii_lowercase()))
            .collect();
        match matches.as_slice() {
            [e] => ops.push(Op::Remove {
                list: list.to_owned(),
                id: e.id.clone(),
            }),
            [] => {
                eprintln!("paperboy: {id} is not in {list}");
                bad = true;
            }
            _ => {
                eprintln!("paperboy: {id} matches several papers in {list}; give more of it");
                bad = true;
            }
        }
    }
    if bad {
        eprintln!("paperboy: nothing removed");
        return Ok(ExitCode::from(FAIL));
    }
    if let Err(e) = apply(store, &ops) {
        return save_error(e);
    }
    writeln!(
        io::stdout(),
        "removed {} from {list} ({} now)",
        ops.len(),
        store.snapshot().list(list).len()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn lists(store: &mut Store, json: bool) -> CmdResult {
    let mut out = stdout();
    if json {
        #[derive(Serialize)]
        struct L {
            name: String,
            count: usize,
        }
        let all: Vec<L> = store
            .snapshot()
            .names()
            .into_iter()
            .map(|(name, count)| L { name, count })
            .collect();
        serde_json::to_writer_pretty(&mut out, &all)?;
        writeln!(out)?;
    } else {
        for (name, count) in store.snapshot().names() {
            writeln!(out, "{name}\t{count}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn export_list(store: &mut Store, list: &str, format: Format, output: Option<&Path>) -> CmdResult {
    if !store.snapshot().has_list(list) {
        eprintln!("paperboy: no list named {list:?} (`paperboy lists` shows them)");
        return Ok(ExitCode::from(FAIL));
    }
    let text = export::render(format, list, store.snapshot().list(list));
    match output {
        Some(path) => {
            if let Err(e) = store::atomic::write(path, text.as_bytes()) {
                eprintln!("paperboy: cannot write {}: {e}", path.display());
                return Ok(ExitCode::from(FAIL));
            }
        }
        None => {
            let mut out = stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the reader on digests (or the sample), or on a saved list.
pub fn reader(paths: &[PathBuf], list: Option<&str>, config: Option<&Path>) -> ExitCode {
    use crate::tui::{self, Failure, Reader, app::App, keymap::Keymap, theme::Theme};
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        eprintln!("paperboy: the reader needs a terminal; `paperboy list` prints papers instead");
        return ExitCode::from(BAD_INPUT);
    }
    let Some(dir) = config else {
        eprintln!("paperboy: {NO_CONFIG_DIR}");
        return ExitCode::from(FAIL);
    };
    // A large archive takes a moment to read: say so rather than hang.
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if bytes > 64 << 20 {
        eprintln!("paperboy: reading {} MB of digests…", bytes >> 20);
    }
    let d = match load(paths) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let warnings: Vec<String> = d.diagnostics.iter().map(ToString::to_string).collect();
    let label = match paths {
        [] => crate::digest::SAMPLE_NAME.to_owned(),
        [one] if one.as_os_str() == "-" => "<stdin>".to_owned(),
        [one] => one.display().to_string(),
        many => format!("{} digests", many.len()),
    };
    let mut store = Store::open(dir);
    let notices = store.take_notices();
    let engine = Arc::new(Engine::new(Arc::new(d)));
    let mut app = App::new(engine, store.snapshot().clone(), label, Theme::from_env());
    if let Some(first) = warnings.first() {
        app.error(format!(
            "{} warning(s) while reading, first: {first} (paperboy check lists them)",
            warnings.len()
        ));
    }
    app.notify(notices);
    if let Some(name) = list {
        if !app.lists().has_list(name) {
            eprintln!("paperboy: no list named {name:?} (`paperboy lists` shows them)");
            return ExitCode::from(FAIL);
        }
        app.show_list(name);
    }
    match tui::run(Reader::new(app, Keymap::default(), (80, 24)), store) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("paperboy: {e}");
            // A crash exits as a panic does.
            ExitCode::from(if matches!(e, Failure::Crashed(_)) {
                101
            } else {
                FAIL
            })
        }
    }
}

//! The commands that read digests: `list`, `show`, `check`.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use super::{BAD_INPUT, CmdResult, Dirs, Error, FAIL, ListArgs, ShowArgs, Sources, plural, stdout};
pub use crate::digest::facts_view::PaperJson;
use crate::digest::facts_view::{self, Label, Record};
use crate::digest::{Digest, Keep, Severity};
use crate::filter::{self, Engine, Known, Query, Scope};
use crate::store::shown::Shown;
use crate::wrap;

/// `list`, with the query `--query` gave or `--search` named.
pub(super) fn list(how: &ListArgs, text: Option<&str>, dirs: &Dirs) -> CmdResult {
    let query = match text {
        Some(q) => Some(parse_query(q, how.scope, dirs)?),
        None => None,
    };
    // The tab-separated list shows no abstracts; unless the query searches
    // them (or asks for other facts), the digest is read without keeping them.
    let needs_all = query
        .as_ref()
        .is_some_and(|q| how.scope == Scope::All || !q.is_plain());
    let keep = if how.json || needs_all {
        Keep::Everything
    } else {
        Keep::Titles
    };
    let d = how.sources.load(keep, dirs)?;
    let engine = Engine::for_one_query(Arc::new(d));
    let d = engine.digest();
    let mut order: Vec<u32> = match &query {
        Some(q) => filter::search_all(&engine, q)
            .iter()
            .map(|h| h.paper)
            .collect(),
        None => (0..d.len() as u32).collect(),
    };
    if let Some(sort) = how.sort {
        sort.apply(d, &mut order);
    }
    if how.new {
        let shown = dirs.config.as_deref().map(Shown::open).unwrap_or_default();
        // arXiv's replacements are never new.
        order.retain(|&i| {
            !shown.contains(d.papers()[i as usize].id) && !d.is_replacement(i as usize)
        });
    }
    let order: Vec<usize> = order.into_iter().map(|i| i as usize).collect();
    print_papers(d, &order, how.json)
}

/// A query as the command line takes it: a fault is an error (exit 1)
/// naming where it is, and the reading lists are asked when a term needs
/// them.
pub(super) fn parse_query(text: &str, scope: Scope, dirs: &Dirs) -> Result<Query, Error> {
    let q = Query::at(text, scope, super::today());
    if let Some(e) = q.error() {
        return Err(Error::Asked(format!("query {text:?} {e}")));
    }
    if !q.needs_known() {
        return Ok(q);
    }
    let dir = dirs
        .config
        .as_deref()
        .ok_or_else(|| Error::Asked(super::NO_CONFIG_DIR.into()))?;
    let store = crate::store::Store::open(dir);
    let mut known = Known::from_snapshot(store.snapshot());
    if let Some(data) = dirs.data.as_deref() {
        known.pdfs.extend(crate::library::pdf::on_disk(data));
    }
    Ok(q.with_known(Arc::new(known)))
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

/// The note on a paper in any reading list, when there is one (and a
/// config dir to find the lists in).
fn note_on(dirs: &Dirs, id: &str) -> Option<String> {
    let store = crate::store::Store::open(dirs.config.as_deref()?);
    let snap = store.snapshot();
    snap.names()
        .iter()
        .find_map(|(list, _)| snap.entry(list, id)?.note.clone())
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

pub(super) fn show(args: &ShowArgs, dirs: &Dirs) -> CmdResult {
    let d = args.sources.load(Keep::Everything, dirs)?;
    let i = super::paper_by_id(&d, &args.id)?;
    let mut r = Record::of_paper(&d, i);
    r.note = note_on(dirs, &r.id).map(Into::into);
    let width = reading_width();
    let mut out = stdout();
    let para = |out: &mut dyn Write, text: &str| -> std::io::Result<()> {
        for l in wrap::wrap_str(text, width) {
            writeln!(out, "{l}")?;
        }
        Ok(())
    };
    para(&mut out, r.title)?;
    let view = facts_view::facts(&r, usize::MAX);
    // The abstract goes between what the paper is and where to read it.
    let (about, links): (Vec<_>, Vec<_>) = view
        .iter()
        .partition(|x| !matches!(x.label, Label::Link(_) | Label::Note));
    for l in facts_view::lines(about) {
        para(&mut out, &l)?;
    }
    writeln!(out)?;
    if r.abstract_.is_empty() {
        writeln!(out, "(no abstract)")?;
    }
    para(&mut out, &r.abstract_)?;
    writeln!(out)?;
    for l in facts_view::lines(links) {
        // URLs are not wrapped: a terminal keeps them whole to click.
        writeln!(out, "{l}")?;
    }
    let on_disk = r
        .facts
        .arxiv
        .as_deref()
        .zip(dirs.data.as_deref())
        .and_then(|(a, data)| crate::library::pdf::local(data, a));
    if let Some(p) = on_disk {
        writeln!(out, "{} (the PDF, on disk)", p.display())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn check(sources: &Sources, dirs: &Dirs) -> CmdResult {
    let d = sources.read(Keep::Titles, dirs);
    let mut out = stdout();
    for diag in &d.diagnostics {
        let _ = writeln!(out, "{diag}");
    }
    let _ = out.flush();
    // Which format each file was read as, and what it held.
    let mut counts = vec![0usize; d.formats().count()];
    for p in d.papers() {
        for o in std::iter::once(p.origin).chain(p.also.iter().copied()) {
            counts[o.source as usize] += 1;
        }
    }
    let failed = |name: &str| {
        d.diagnostics
            .iter()
            .any(|x| x.file == name && x.severity == Severity::Error)
    };
    // The summary is the report's own, on standard error: not a failure.
    for ((name, format), n) in d.formats().zip(&counts) {
        if let Some(f) = format.filter(|_| !failed(name)) {
            eprintln!("{name}: {}, {}", f.name(), plural(*n, "paper"));
        }
    }
    let worst = d.diagnostics.iter().map(|x| x.severity).max();
    let count = |s| d.diagnostics.iter().filter(|x| x.severity == s).count();
    eprintln!(
        "{}, {}, {}",
        plural(d.len(), "paper"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Error), "error")
    );
    // The report is the output; its worst problem is the exit code.
    Ok(match worst {
        None => ExitCode::SUCCESS,
        Some(Severity::Warning) => ExitCode::from(FAIL),
        Some(Severity::Error) => ExitCode::from(BAD_INPUT),
    })
}

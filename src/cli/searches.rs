//! The commands on saved searches: `alerts` (what is new to each) and the
//! search `list --search` lists.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use serde::Serialize;

use super::papers::{PaperJson, parse_query};
use super::{CmdResult, Dirs, FAIL, NO_CONFIG_DIR, Sources, plural, stdout};
use crate::config;
use crate::digest::{Digest, Keep};
use crate::export;
use crate::filter::{self, Engine, Scope};
use crate::saved::Search;
use crate::store::alerts::Alerted;

/// At most this many papers are printed for a search in one run; the rest
/// wait for the next.
pub const MAX_ALERTS: usize = 200;

/// The saved searches of the config file; its problems go to stderr.
fn searches(dirs: &Dirs) -> Result<Vec<Search>, ExitCode> {
    let Some(dir) = dirs.config.as_deref() else {
        eprintln!("paperboy: {NO_CONFIG_DIR}");
        return Err(ExitCode::from(FAIL));
    };
    let loaded = config::load(dir);
    for p in &loaded.problems {
        eprintln!("{}", p.text);
    }
    if loaded.config.searches.is_empty() {
        eprintln!(
            "paperboy: no saved searches: add some under [searches] in {}",
            config::path(dir).display()
        );
        return Err(ExitCode::from(FAIL));
    }
    Ok(loaded.config.searches)
}

/// The query of the search named `name`.
pub(super) fn query_of(dirs: &Dirs, name: &str) -> Result<String, ExitCode> {
    let all = searches(dirs)?;
    match all.iter().find(|s| s.name == name) {
        Some(s) => Ok(s.query.clone()),
        None => {
            let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
            eprintln!(
                "paperboy: no saved search named {name:?} (there are: {})",
                names.join(", ")
            );
            Err(ExitCode::from(FAIL))
        }
    }
}

#[derive(Serialize)]
struct AlertJson<'a> {
    search: &'a str,
    query: &'a str,
    papers: Vec<PaperJson<'a>>,
}

/// Prints, for each saved search, the papers that match it and were not
/// printed for it before; then records them so the next run does not.
pub(super) fn alerts(sources: &Sources, dirs: &Dirs, json: bool) -> CmdResult {
    let searches = match searches(dirs) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let Some(data) = dirs.data.as_deref() else {
        eprintln!("paperboy: {}", super::library::NO_DATA_DIR);
        return Ok(ExitCode::from(FAIL));
    };
    let mut queries = Vec::new();
    for s in &searches {
        match parse_query(&s.query, Scope::Title, dirs) {
            Ok(q) => queries.push(q),
            Err(code) => return Ok(code),
        }
    }
    let d = match sources.load(Keep::Everything, dirs) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let engine = Engine::for_one_query(Arc::new(d));
    let d = engine.digest();
    let mut alerted = Alerted::open(data);
    let mut found: Vec<(&Search, Vec<usize>)> = Vec::new();
    for (s, q) in searches.iter().zip(&queries) {
        let new: Vec<usize> = filter::search_all(&engine, q)
            .iter()
            .map(|h| h.paper as usize)
            .filter(|&i| !alerted.contains(d.papers()[i].id, &s.name))
            .take(MAX_ALERTS)
            .collect();
        if !new.is_empty() {
            found.push((s, new));
        }
    }
    print_alerts(d, &found, json)?;
    let pairs: Vec<_> = found
        .iter()
        .flat_map(|(s, papers)| papers.iter().map(|&i| (d.papers()[i].id, s.name.clone())))
        .collect();
    if let Err(e) = alerted.record(&pairs) {
        eprintln!("paperboy: cannot record what was printed: {e}; the next run prints it again");
        return Ok(ExitCode::from(FAIL));
    }
    Ok(ExitCode::SUCCESS)
}

/// Nothing at all when nothing is new (so cron mails nothing); `[]` as JSON.
fn print_alerts(d: &Digest, found: &[(&Search, Vec<usize>)], json: bool) -> CmdResult {
    let mut out = stdout();
    if json {
        let all: Vec<AlertJson> = found
            .iter()
            .map(|(s, papers)| AlertJson {
                search: &s.name,
                query: &s.query,
                papers: papers.iter().map(|&i| PaperJson::new(d, i)).collect(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &all)?;
        writeln!(out)?;
    }
    for (k, (s, papers)) in found.iter().enumerate().filter(|_| !json) {
        if k > 0 {
            writeln!(out)?;
        }
        let new = plural(papers.len(), "new paper");
        writeln!(out, "{} ({}): {new}", s.name, s.query)?;
        for &i in papers {
            let v = d.get(i);
            let url = export::paper_url(v.title, v.facts.arxiv.as_deref());
            writeln!(
                out,
                "{}\t{}\t{}\t{url}",
                v.id,
                v.date.unwrap_or(""),
                v.title
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

//! The commands on saved searches: `alerts` (what is new to each) and the
//! search `list --search` lists.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use serde::Serialize;

use super::papers::{PaperJson, parse_query};
use super::{AlertsArgs, CmdResult, Dirs, Error, NO_CONFIG_DIR, plural, stdout};
use crate::config;
use crate::digest::facts_view::paper_url;
use crate::digest::{Digest, Keep};
use crate::filter::{self, Engine, Scope};
use crate::saved::Search;
use crate::store::alerts::Alerted;

/// At most this many papers are printed for a search in one run; the rest
/// wait for the next.
pub const MAX_ALERTS: usize = 200;

/// The saved searches of the config file; its problems go to stderr.
fn searches(dirs: &Dirs) -> Result<Vec<Search>, Error> {
    let dir = dirs
        .config
        .as_deref()
        .ok_or_else(|| Error::Asked(NO_CONFIG_DIR.into()))?;
    let loaded = config::load(dir);
    // Warnings: the searches that could be read still run.
    for p in &loaded.problems {
        eprintln!("{}", p.text);
    }
    if loaded.config.searches.is_empty() {
        return Err(Error::Asked(format!(
            "no saved searches: add some under [searches] in {}",
            config::path(dir).display()
        )));
    }
    Ok(loaded.config.searches)
}

/// The query of the search named `name`.
pub(super) fn query_of(dirs: &Dirs, name: &str) -> Result<String, Error> {
    let all = searches(dirs)?;
    match all.iter().find(|s| s.name == name) {
        Some(s) => Ok(s.query.clone()),
        None => {
            let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
            Err(Error::Asked(format!(
                "no saved search named {name:?} (there are: {})",
                names.join(", ")
            )))
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
pub(super) fn alerts(args: &AlertsArgs, dirs: &Dirs) -> CmdResult {
    let searches = searches(dirs)?;
    let data = super::library::data_dir(dirs)?;
    let mut queries = Vec::new();
    for s in &searches {
        queries.push(parse_query(&s.query, Scope::Title, dirs)?);
    }
    let d = args.sources.load(Keep::Everything, dirs)?;
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
    print_alerts(d, &found, args.json)?;
    let pairs: Vec<_> = found
        .iter()
        .flat_map(|(s, papers)| papers.iter().map(|&i| (d.papers()[i].id, s.name.clone())))
        .collect();
    alerted.record(&pairs).map_err(|e| {
        Error::Asked(format!(
            "cannot record what was printed: {e}; the next run prints it again"
        ))
    })?;
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
            let url = paper_url(v.title, v.facts.arxiv.as_deref());
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

//! `paperboy zotero`: saved papers sent to the running Zotero, each once.

use std::io::{self, Write};
use std::process::ExitCode;

use super::{CmdResult, Dirs, FAIL, plural};
use crate::digest::PaperId;
use crate::export;
use crate::library::zotero;
use crate::store::alerts::{Alerted, ZOTERO};
use crate::store::{Entry, Store};

/// Sends the papers `ids` of `list` (all of it when none are given) to
/// Zotero; papers sent before are said so and not sent again.
pub(super) fn zotero(store: &mut Store, dirs: &Dirs, list: &str, ids: &[String]) -> CmdResult {
    let Some(data) = dirs.data.as_deref() else {
        eprintln!("paperboy: {}", super::library::NO_DATA_DIR);
        return Ok(ExitCode::from(FAIL));
    };
    let entries = store.snapshot().list(list);
    let mut chosen: Vec<&Entry> = Vec::new();
    for id in ids {
        let prefix = id.to_ascii_lowercase();
        let found: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.id.starts_with(&prefix) || e.arxiv.as_deref() == Some(id))
            .collect();
        match found.as_slice() {
            [e] => chosen.push(e),
            [] => {
                eprintln!("paperboy: {id} is not in {list}; nothing sent");
                return Ok(ExitCode::from(FAIL));
            }
            _ => {
                eprintln!("paperboy: {id} matches several papers in {list}; give more of it");
                return Ok(ExitCode::from(FAIL));
            }
        }
    }
    if ids.is_empty() {
        chosen = entries.iter().collect();
    }
    let mut sent = Alerted::open_as(data, ZOTERO.0, ZOTERO.1);
    let key = |e: &Entry| PaperId::parse(&e.id);
    let mut out = io::stdout();
    let mut to_send: Vec<Entry> = Vec::new();
    for e in chosen {
        match key(e) {
            Some(id) if sent.contains(id, "zotero") => {
                writeln!(out, "already sent to Zotero: {}", e.title)?;
            }
            _ => to_send.push(e.clone()),
        }
    }
    if to_send.is_empty() {
        writeln!(out, "nothing new to send")?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Err(e) = zotero::import(&zotero::base_url(), &export::bibtex(&to_send)) {
        eprintln!("paperboy: {e}");
        return Ok(ExitCode::from(FAIL));
    }
    let pairs: Vec<(PaperId, String)> = to_send
        .iter()
        .filter_map(|e| Some((key(e)?, "zotero".to_owned())))
        .collect();
    writeln!(out, "sent {} to Zotero", plural(to_send.len(), "paper"))?;
    if let Err(e) = sent.record(&pairs) {
        eprintln!("paperboy: cannot record what was sent: {e}");
        return Ok(ExitCode::from(FAIL));
    }
    Ok(ExitCode::SUCCESS)
}

//! `paperboy zotero`: saved papers sent to the running Zotero, each once.

use std::io::{self, Write};
use std::process::ExitCode;

use super::{CmdResult, Dirs, FAIL, plural};
use crate::library::zotero;
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
    let chosen: Vec<Entry> = chosen.into_iter().cloned().collect();
    let done = match zotero::send_new(data, &chosen) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("paperboy: {e}");
            return Ok(ExitCode::from(FAIL));
        }
    };
    let mut out = io::stdout();
    for title in &done.already {
        writeln!(out, "already sent to Zotero: {title}")?;
    }
    if done.sent == 0 {
        writeln!(out, "nothing new to send")?;
    } else {
        writeln!(out, "sent {} to Zotero", plural(done.sent, "paper"))?;
    }
    Ok(ExitCode::SUCCESS)
}

//! `paperboy zotero`: saved papers sent to the running Zotero, each once.

use std::io::{self, Write};
use std::process::ExitCode;

use super::{CmdResult, Dirs, Error, SavedPapersArgs, plural};
use crate::library::zotero;
use crate::store::{Entry, Store};

/// Sends the papers `ids` of `list` (all of it when none are given) to
/// Zotero; papers sent before are said so and not sent again.
pub(super) fn zotero(store: &mut Store, dirs: &Dirs, args: &SavedPapersArgs) -> CmdResult {
    let (list, ids) = (&args.list, &args.ids);
    let data = super::library::data_dir(dirs)?;
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
                return Err(Error::Asked(format!("{id} is not in {list}; nothing sent")));
            }
            _ => return Err(super::several(id, list)),
        }
    }
    if ids.is_empty() {
        chosen = entries.iter().collect();
    }
    let chosen: Vec<Entry> = chosen.into_iter().cloned().collect();
    let done = zotero::send_new(data, &chosen).map_err(|e| Error::Asked(e.to_string()))?;
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

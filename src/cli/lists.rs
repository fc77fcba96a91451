//! The commands on reading lists: `save`, `unsave`, `lists`, `export`.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::{
    CmdResult, Dirs, Error, ExportArgs, NoteArgs, SaveArgs, Sources, UnsaveArgs, no_list, several,
    stdout,
};
use crate::digest::Keep;
use crate::export;
use crate::store::{self, Entry, Op, Store};

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

pub(super) fn save(store: &mut Store, args: &SaveArgs, dirs: &Dirs) -> CmdResult {
    let (list, ids) = (&args.list, &args.ids);
    let sources = Sources {
        paths: args.digests.clone(),
        input_format: args.input_format,
    };
    let d = sources.load(Keep::Everything, dirs)?;
    let mut ops = Vec::new();
    let mut unknown = Vec::new();
    for id in ids {
        match d.find(id) {
            Some(i) => ops.push(Op::Add {
                list: list.clone(),
                entry: Box::new(Entry::from_paper(&d.get(i))),
            }),
            None => unknown.push(crate::digest::sanitize::clean_line(id).into_owned()),
        }
    }
    if !unknown.is_empty() {
        return Err(Error::Asked(format!(
            "unknown id{} {}; nothing saved",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", ")
        )));
    }
    apply(store, &ops)?;
    // Written, not println!ed: a closed pipe is an error, not a panic.
    writeln!(
        io::stdout(),
        "saved {} to {list} ({} now)",
        ids.len(),
        store.snapshot().list(list).len()
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn unsave(store: &mut Store, args: &UnsaveArgs) -> CmdResult {
    let (list, ids) = (&args.list, &args.ids);
    // Accept a unique prefix of an id in the list, like `show` does. Any
    // id that names no single entry is an error, and nothing is removed.
    let mut ops = Vec::new();
    let mut bad = Vec::new();
    for id in ids {
        let matches: Vec<&Entry> = store
            .snapshot()
            .list(list)
            .iter()
            .filter(|e| e.id.starts_with(&id.to_ascii_lowercase()))
            .collect();
        match matches.as_slice() {
            [e] => ops.push(Op::Remove {
                list: list.clone(),
                id: e.id.clone(),
            }),
            [] => bad.push(format!("paperboy: {id} is not in {list}")),
            _ => bad.push(format!(
                "paperboy: {id} matches several papers in {list}; give more of it"
            )),
        }
    }
    if !bad.is_empty() {
        bad.push("paperboy: nothing removed".to_owned());
        return Err(Error::Lines(bad));
    }
    apply(store, &ops)?;
    writeln!(
        io::stdout(),
        "removed {} from {list} ({} now)",
        ops.len(),
        store.snapshot().list(list).len()
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn lists(store: &mut Store, json: bool) -> CmdResult {
    let mut out = stdout();
    if json {
        #[derive(Serialize)]
        struct L {
            name: store::ListName,
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

pub(super) fn export(store: &mut Store, args: &ExportArgs, dirs: &Dirs) -> CmdResult {
    let (list, format) = (&args.list, args.format);
    if !store.snapshot().has_list(list) {
        return Err(no_list(list.as_str()));
    }
    let saved = store.snapshot().list(list);
    // Upvotes and stars as the library has them now, not as at saving.
    let fresh: Vec<Entry> = match dirs
        .library()
        .filter(|l| !l.is_empty() && !saved.is_empty())
    {
        Some(library) => {
            let now = library.load(Keep::Everything);
            saved.iter().map(|e| e.following(&now)).collect()
        }
        None => saved.to_vec(),
    };
    let data = dirs.data.as_deref();
    let text = match format {
        export::Format::Bibtex => {
            export::bibtex_with_files(&fresh, &|e| crate::library::pdf::of_entry(data, e))
        }
        _ => export::render(format, list.as_str(), &fresh),
    };
    match args.output.as_deref() {
        Some(path) => {
            store::atomic::write(path, text.as_bytes(), store::atomic::Mode::Shared)
                .map_err(|e| Error::Asked(format!("cannot write {}: {e}", path.display())))?;
        }
        None => {
            let mut out = stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn note(store: &mut Store, args: &NoteArgs) -> CmdResult {
    let (list, id) = (&args.list, args.id.as_str());
    let prefix = id.to_ascii_lowercase();
    let matches: Vec<&Entry> = store
        .snapshot()
        .list(list)
        .iter()
        .filter(|e| e.id.starts_with(&prefix) || e.arxiv.as_deref() == Some(id))
        .collect();
    let id = match matches.as_slice() {
        [e] => e.id.clone(),
        [] => {
            return Err(Error::Asked(format!(
                "{id} is not in {list}; notes are kept on saved papers"
            )));
        }
        _ => return Err(several(id, list)),
    };
    let text = args.text.trim();
    let note = (!text.is_empty()).then(|| text.to_owned());
    let cleared = note.is_none();
    let op = Op::SetNote {
        list: list.clone(),
        id: id.clone(),
        note,
    };
    apply(store, &[op])?;
    let what = if cleared {
        "cleared the note on"
    } else {
        "noted"
    };
    writeln!(io::stdout(), "{what} {id} in {list}")?;
    Ok(ExitCode::SUCCESS)
}

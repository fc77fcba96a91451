//! `paperboy pdf`: saved papers' PDFs into the data directory, one at a
//! time and spaced out; those on disk are not fetched again.

use std::io::{self, Write};
use std::process::ExitCode;

use super::{CmdResult, Dirs, Error, FAIL, SavedPapersArgs, plural};
use crate::library::pdf;
use crate::store::{Entry, Store};

pub(super) fn pdf(store: &mut Store, dirs: &Dirs, args: &SavedPapersArgs) -> CmdResult {
    let (list, ids) = (&args.list, &args.ids);
    let data = super::library::data_dir(dirs)?;
    let entries = store.snapshot().list(list);
    let chosen: Vec<&Entry> = if ids.is_empty() {
        entries.iter().collect()
    } else {
        let mut out = Vec::new();
        for id in ids {
            let p = id.to_ascii_lowercase();
            match entries
                .iter()
                .find(|e| e.id.starts_with(&p) || e.arxiv.as_deref() == Some(id))
            {
                Some(e) => out.push(e),
                None => return Err(Error::Asked(format!("{id} is not in {list}"))),
            }
        }
        out
    };
    let (mut got, mut had, mut failed) = (0, 0, 0);
    let mut out = io::stdout();
    for e in chosen {
        let Some(id) = e.arxiv.as_deref() else {
            // Each paper's failure is said as it comes; the run goes on.
            eprintln!("{}: no arXiv id, so no PDF", e.id);
            failed += 1;
            continue;
        };
        if got + failed > 0 {
            std::thread::sleep(pdf::spacing());
        }
        let version = e.version.as_deref();
        match pdf::download(data, id, version) {
            Ok(true) => {
                got += 1;
                if let Some(p) = pdf::path(data, id, version) {
                    writeln!(out, "{}", p.display())?;
                }
            }
            Ok(false) => had += 1,
            Err(why) => {
                eprintln!("{why}");
                failed += 1;
            }
        }
    }
    eprintln!(
        "{} downloaded, {} already on disk, {} failed",
        plural(got, "PDF"),
        had,
        failed
    );
    Ok(if failed > 0 {
        ExitCode::from(FAIL)
    } else {
        ExitCode::SUCCESS
    })
}

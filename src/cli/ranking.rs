//! `similar` and `rank`: papers ordered by what they say (see `rank`).

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::papers::PaperJson;
use super::{CmdResult, Dirs, Error, RankArgs, SimilarArgs, Sources, stdout};
use crate::digest::{Digest, Keep};
use crate::rank::{self, Index};
use crate::store::Store;

/// An item of `similar --json` and `rank --json`: `list --json`'s, and the
/// score.
#[derive(Serialize)]
struct Scored<'a> {
    #[serde(flatten)]
    paper: PaperJson<'a>,
    score: f32,
}

/// The papers and their index (from the library's cache when reading the
/// library).
fn indexed(sources: &Sources, dirs: &Dirs) -> Result<(Digest, Index), Error> {
    let d = sources.load(Keep::Everything, dirs)?;
    let index = match sources.library(dirs) {
        Some(lib) => lib.index(&d),
        None => Index::of_digest(&d),
    };
    Ok((d, index))
}

fn print(d: &Digest, ranked: &[(usize, f32)], json: bool) -> CmdResult {
    let mut out = stdout();
    if json {
        let items: Vec<Scored> = ranked
            .iter()
            .map(|&(i, score)| Scored {
                paper: PaperJson::new(d, i),
                score,
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &items)?;
        writeln!(out)?;
    } else {
        for &(i, score) in ranked {
            let v = d.get(i);
            writeln!(
                out,
                "{}\t{}\t{}\t{score:.3}",
                v.id,
                v.date.unwrap_or(""),
                v.title
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn similar(args: &SimilarArgs, dirs: &Dirs) -> CmdResult {
    let (d, index) = indexed(&args.sources, dirs)?;
    let i = super::paper_by_id(&d, &args.id)?;
    let ranked = rank::best(&index.scores(&index.like(i)), &[i], args.limit);
    print(&d, &ranked, args.json)
}

pub(super) fn rank(store: &Store, args: &RankArgs, dirs: &Dirs) -> CmdResult {
    let (list, not) = (&args.list, &args.not);
    let lists = store.snapshot();
    let entries = lists.list(list);
    if let Some(name) = std::iter::once(list)
        .chain(not)
        .find(|n| !lists.has_list(*n))
    {
        return Err(super::no_list(name.as_str()));
    }
    if entries.is_empty() {
        return Err(Error::Asked(format!(
            "{list} is empty; save papers to it to rank by them"
        )));
    }
    let (d, index) = indexed(&args.sources, dirs)?;
    let (saved, gone) = rank::saved_in(&d, entries);
    // The papers to rank away from: those marked "not for me", and the
    // lists of `--not`.
    let mut away = lists.not_for_me();
    for name in not {
        away.extend(lists.list(name).iter().cloned());
    }
    let (not_saved, not_gone) = rank::saved_in(&d, &away);
    let query = index.like_but(&saved, &gone, &not_saved, &not_gone);
    let scores = index.scores(&query);
    let ranked = rank::best(&scores, &[], args.limit.unwrap_or(d.len()));
    print(&d, &ranked, args.json)
}

//! Shared by the benches: the generated digest, written once per run to a
//! temp file so loading goes through the real file path.

#![allow(dead_code)]

use std::path::PathBuf;

/// Papers in the big digest: 100,000 unless PAPERBOY_BENCH_PAPERS says.
pub fn papers() -> usize {
    std::env::var("PAPERBOY_BENCH_PAPERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// The generated digest on disk, as page text (kept in the target dir
/// between runs).
pub fn big_digest() -> PathBuf {
    big_file("txt")
}

/// The same papers as a generated file in a format: `txt` (page text),
/// `md` (a Markdown capture) or `json` (the API's JSON).
pub fn big_file(ext: &str) -> PathBuf {
    let n = papers();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("synthetic-{n}.{ext}"));
    if !path.exists() {
        let tmp = dir.join(format!("synthetic-{n}.{ext}.part"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp).unwrap());
        match ext {
            "md" => paperboy::synth::write_markdown(&mut f, n),
            "json" => paperboy::synth::write_json(&mut f, n),
            _ => paperboy::synth::write_digest(&mut f, n),
        }
        .unwrap();
        drop(f);
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

/// Resident memory of this process, in bytes (Linux).
pub fn rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Processor time this process has used, user and system, in seconds
/// (Linux; clock ticks of 10 ms): on a shared machine, where the wall
/// clock waits for the other processes, what a piece of work itself cost.
pub fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's name (in parentheses, maybe with spaces).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |k: usize| fields.get(k).and_then(|f| f.parse::<f64>().ok());
    match (ticks(11), ticks(12)) {
        (Some(user), Some(system)) => (user + system) / 100.0,
        _ => 0.0,
    }
}

/// Days in the generated library: 365 unless PAPERBOY_BENCH_DAYS says.
pub fn library_days() -> usize {
    std::env::var("PAPERBOY_BENCH_DAYS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(365)
}

/// arXiv papers a day in the generated library: none unless
/// PAPERBOY_BENCH_ARXIV says (600 is a day of cs.LG + cs.CL).
pub fn library_arxiv() -> usize {
    std::env::var("PAPERBOY_BENCH_ARXIV")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// A year of the Daily Papers as `fetch` keeps it (one API JSON file a
/// day, 110 papers each: about 40k), with [`library_arxiv`] papers a day
/// of arXiv's RSS beside them (`fetch --arxiv`'s files), and a config dir
/// whose shown-papers record holds every paper but the newest day's (a
/// year of reading). Returns (config dir, data dir); kept in the target
/// dir between runs.
pub fn library() -> (PathBuf, PathBuf) {
    use paperboy::day::Day;
    let days = library_days();
    let arxiv = library_arxiv();
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(match arxiv {
        0 => format!("library-{days}"),
        n => format!("library-{days}-arxiv-{n}"),
    });
    let (config, data) = (home.join("config"), home.join("data"));
    let last = Day::parse("2026-11-27").unwrap();
    if !home.join("done").exists() {
        let _ = std::fs::remove_dir_all(&home);
        let lib = paperboy::library::Library::new(&data);
        paperboy::synth::write_library(lib.dir(), days, 110, last).unwrap();
        if arxiv > 0 {
            paperboy::synth::write_arxiv_library(lib.dir(), days, arxiv, 110, last).unwrap();
        }
        let d = lib.load(paperboy::digest::Keep::Titles);
        let newest = d.date_key(0);
        let ids: Vec<_> = (0..d.len())
            .filter(|&i| d.date_key(i) != newest)
            .map(|i| d.papers()[i].id)
            .collect();
        let mut shown = paperboy::store::shown::Shown::open(&config);
        shown.record(&ids, last.plus(-1)).unwrap();
        std::fs::write(home.join("done"), "").unwrap();
    }
    (config, data)
}

/// The bytes of a library's files.
pub fn library_bytes(data: &std::path::Path) -> u64 {
    paperboy::library::Library::new(data)
        .files()
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum()
}

/// The first `day` papers of `d` (its newest day) fetched into a library
/// whose index was cached before them: read the cache, fold the day in,
/// save it (`rank::cache::index`, as `Library::index` calls it after a
/// fetch). `name` tells the files apart.
#[allow(dead_code)] // not every bench folds
pub fn fold(
    g: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    label: &str,
    d: &paperboy::digest::Digest,
    day: usize,
    docs: &[paperboy::rank::Doc],
) {
    use paperboy::rank::Index;
    use paperboy::rank::cache::{self, Made, Saved};
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let (stale, path) = (
        dir.join(format!("{label}-fold-stale.bin")),
        dir.join(format!("{label}-fold.bin")),
    );
    let before = Saved {
        key: 1,
        tags: cache::tags(d)[day..].to_vec(),
        folded: 0,
        index: Index::build(&docs[day..]),
    };
    cache::save(&stale, &before).unwrap();
    drop(before);
    let files = [("day.json".to_owned(), 1, 2)];
    g.bench_function(
        format!("a day fetched ({day} papers) folded into the cache"),
        |b| {
            b.iter_batched(
                || std::fs::copy(&stale, &path).unwrap(),
                |_| {
                    let (index, made) = cache::index(&path, d, &files);
                    assert_eq!(made, Made::Folded(day));
                    index
                },
                criterion::BatchSize::PerIteration,
            )
        },
    );
}

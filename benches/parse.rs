//! Parsing throughput (sample and a generated 100k-paper digest), reading
//! titles only as `list` does (and `list --query` whole, printing aside),
//! and the memory a loaded digest holds.
//!
//! `PAPERBOY_WRITE_DIGEST=PATH cargo bench --bench parse` only writes the
//! generated digest to PATH (benches/compare.sh uses it).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput};
use std::sync::Arc;

use paperboy::digest::{Digest, Input, Keep, SAMPLE};
use paperboy::filter::{Engine, Query, Scope, search_all};

mod common;

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    g.bench_function("sample (121 papers, 204 KB)", |b| {
        b.iter(|| Digest::parse("sample", black_box(SAMPLE)))
    });
    let path = common::big_digest();
    let size = std::fs::metadata(&path).unwrap().len();
    g.throughput(Throughput::Bytes(size));
    g.sample_size(10);
    g.bench_function(
        format!("{} papers from file ({} MiB)", common::papers(), size >> 20),
        |b| b.iter(|| Digest::load(&[Input::Path(path.clone())])),
    );
    let input = [Input::Path(path.clone())];
    g.bench_function(
        format!(
            "{} papers from file, titles only (list, check)",
            common::papers()
        ),
        |b| b.iter(|| Digest::load_keeping(&input, Keep::Titles)),
    );
    for (ext, name) in [("md", "Markdown"), ("json", "JSON")] {
        let path = common::big_file(ext);
        let size = std::fs::metadata(&path).unwrap().len();
        g.throughput(Throughput::Bytes(size));
        let input = [Input::Path(path)];
        g.bench_function(
            format!(
                "{} papers from file, {name} ({} MiB)",
                common::papers(),
                size >> 20
            ),
            |b| b.iter(|| Digest::load(&input)),
        );
    }
    g.finish();

    // `paperboy list --query quantiz FILE` up to printing: read titles,
    // match, rank.
    let mut g = c.benchmark_group("list");
    g.sample_size(10);
    g.bench_function(
        format!("--query quantiz, {} papers", common::papers()),
        |b| {
            b.iter(|| {
                let d = Digest::load_keeping(&input, Keep::Titles);
                let engine = Engine::for_one_query(Arc::new(d));
                search_all(&engine, &Query::new("quantiz", Scope::Title))
            })
        },
    );
    g.finish();
}

/// Not a timing: how much memory a loaded digest keeps, against its size,
/// for the file of `ext` (in this process: run once per format).
fn memory_of(ext: &str) {
    let path = common::big_file(ext);
    let size = std::fs::metadata(&path).unwrap().len() as f64;
    let before = common::rss();
    let d = Digest::load(&[Input::Path(path)]);
    let loaded = common::rss().saturating_sub(before) as f64;
    let n = d.len();
    // What the reader holds: the digest and the filter engine built on it.
    let engine = paperboy::filter::Engine::new(std::sync::Arc::new(d));
    let reader = common::rss().saturating_sub(before) as f64;
    println!(
        "memory ({ext}): {n} papers, file {:.1} MB; resident after load +{:.1} MB = {:.2}x the file; \
         with the filter engine +{:.1} MB = {:.2}x",
        size / 1e6,
        loaded / 1e6,
        loaded / size,
        reader / 1e6,
        reader / size
    );
    drop(engine);
}

/// Measures each format's memory in a fresh process of this bench.
fn memory() {
    let exe = std::env::current_exe().unwrap();
    for ext in ["txt", "md", "json"] {
        let out = std::process::Command::new(&exe)
            .env("PAPERBOY_MEMORY_OF", ext)
            .output()
            .unwrap();
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
}

fn main() {
    if let Some(path) = std::env::var_os("PAPERBOY_WRITE_DIGEST") {
        let mut f = std::io::BufWriter::new(std::fs::File::create(PathBuf::from(path)).unwrap());
        paperboy::synth::write_digest(&mut f, common::papers()).unwrap();
        return;
    }
    if let Ok(ext) = std::env::var("PAPERBOY_MEMORY_OF") {
        return memory_of(&ext);
    }
    memory();
    let mut c = Criterion::default().configure_from_args();
    parse(&mut c);
    c.final_summary();
}

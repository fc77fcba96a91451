//! Ranking at scale (a generated digest of 100k papers): building the
//! index, more like this, for you; the index's memory against the digest's
//! file; and `paperboy rank` on a small library, as a user runs it.

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use paperboy::digest::{Digest, Input};
use paperboy::rank::{self, Index};
use paperboy::synth::xorshift;

mod common;

/// `paperboy rank` as a user runs it, on a library of 32 days of the
/// API's JSON (3,520 papers) with five bookmarks: with the index cached,
/// and with the cache gone (built and written again).
fn command(c: &mut Criterion) {
    let home = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rank-command");
    let data = home.join("data");
    let last = paperboy::day::Day::parse("2026-11-27").unwrap();
    if !data.join("digests").exists() {
        paperboy::synth::write_library(&data.join("digests"), 32, 110, last).unwrap();
    }
    let bytes = common::library_bytes(&data);
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_paperboy"))
            .args(args)
            .env("PAPERBOY_CONFIG_DIR", home.join("config"))
            .env("PAPERBOY_DATA_DIR", &data)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let list = String::from_utf8(run(&["list"])).unwrap();
    let ids: Vec<&str> = list
        .lines()
        .step_by(700)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    let _ = std::fs::remove_file(home.join("config").join("lists.json"));
    let mut save = vec!["save"];
    save.extend(&ids);
    run(&save);
    let mut g = c.benchmark_group(format!(
        "paperboy rank, {} papers in {:.1} MB",
        3520,
        bytes as f64 / 1e6
    ));
    g.sample_size(10);
    g.bench_function("index cached", |b| {
        b.iter(|| run(&["rank", "--limit", "20"]))
    });
    g.bench_function("index built", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(data.join("index.bin"));
            run(&["rank", "--limit", "20"])
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let path = common::big_digest();
    let d = Digest::load(&[Input::Path(path)]);
    let n = d.len();
    let docs = rank::docs(&d);
    let mut g = c.benchmark_group(format!("rank {n}"));
    g.sample_size(10);
    g.bench_function("build the index", |b| {
        b.iter(|| black_box(Index::build(&docs)))
    });
    let index = Index::build(&docs);
    let cache = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rank-bench-index.bin");
    let saved = rank::cache::Saved {
        key: 42,
        tags: rank::cache::tags(&d),
        folded: 0,
        index,
    };
    rank::cache::save(&cache, &saved).unwrap();
    let index = saved.index;
    let bytes = std::fs::metadata(&cache).unwrap().len();
    g.bench_function(
        format!("load the index from the cache ({} MB)", bytes >> 20),
        |b| b.iter(|| rank::cache::load(&cache, 42, n).unwrap()),
    );
    common::fold(&mut g, "rank-bench", &d, 110, &docs);
    g.sample_size(30);
    g.bench_function("more like this (top 100)", |b| {
        b.iter(|| {
            let q = index.like(n / 2);
            rank::best(&index.scores(&q), &[n / 2], 100)
        })
    });
    let saved: Vec<usize> = (0..5).map(|k| k * n / 5 + 7).collect();
    g.bench_function("for you, 5 saved (every paper ranked)", |b| {
        b.iter(|| {
            let q = index.like_all(&saved, &[]);
            rank::best(&index.scores(&q), &saved, n)
        })
    });
    let saved: Vec<usize> = (0..50).map(|k| k * n / 50 + 3).collect();
    g.bench_function("for you, 50 saved (every paper ranked)", |b| {
        b.iter(|| {
            let q = index.like_all(&saved, &[]);
            rank::best(&index.scores(&q), &saved, n)
        })
    });
    g.finish();
}

/// Not a timing: the index's resident memory against the digest's file
/// (in a fresh process of this bench).
fn memory() {
    let path = common::big_digest();
    let size = std::fs::metadata(&path).unwrap().len() as f64;
    let d = Digest::load(&[Input::Path(path)]);
    let before = common::rss();
    let (index, took) = timed_build(&rank::docs(&d), "");
    let used = common::rss().saturating_sub(before) as f64;
    println!(
        "index of {} papers: built in {:.2} s; {} terms, {} stored, {} latent dims; \
         resident +{:.1} MB = {:.2}x the {:.1} MB file",
        index.len(),
        took.as_secs_f64(),
        index.tfidf.vocab.len(),
        index.tfidf.nnz(),
        index.lsa.dims,
        used / 1e6,
        used / size,
        size / 1e6
    );
}

/// Not a timing: the build on text with a real library's wide vocabulary
/// (the generated digest draws on the sample's 5k words only): one word in
/// twenty gets one of 20k suffixes, Zipf-distributed: some 300k distinct
/// words and 100k terms in two papers or more, about what Heaps' law
/// gives for 25M words of abstracts.
fn wide_vocabulary() {
    let path = common::big_digest();
    let d = Digest::load(&[Input::Path(path)]);
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut rnd = || xorshift(&mut seed);
    let texts: Vec<String> = (0..d.len())
        .map(|i| {
            let mut out = String::new();
            for w in d.abstract_raw(i).split_whitespace() {
                out.push_str(w);
                if rnd() % 20 == 0 {
                    // Zipf-like: the k-th suffix about 1/k as often.
                    let u = (rnd() % 1_000_000) as f64 / 1e6;
                    let k = (20_000f64.powf(u)) as u64;
                    out.push_str(&format!("x{k}"));
                }
                out.push(' ');
            }
            out
        })
        .collect();
    let docs: Vec<rank::Doc> = (0..d.len())
        .map(|i| rank::Doc {
            title: d.title(i),
            abstract_: &texts[i],
            authors: &[],
        })
        .collect();
    let (index, took) = timed_build(&docs, "wide: ");
    let q = Instant::now();
    let top = rank::best(&index.scores(&index.like(7)), &[7], 100);
    println!(
        "wide vocabulary: {} terms, built in {:.2} s; more like this {:.1} ms ({} hits)",
        index.tfidf.vocab.len(),
        took.as_secs_f64(),
        q.elapsed().as_secs_f64() * 1e3,
        top.len()
    );
}

/// Not a timing: precision@10 of `rank` with 5 saved papers of a topic,
/// on the sample and the 25 papers of `tests/fixtures/more-topics.txt`,
/// labelled in `tests/fixtures/topics.tsv` (as `tests/ranking.rs`
/// measures it, with fewer draws), for paperboy and arxiv-sanity-lite's
/// recipe.
fn precision() -> (Index, Vec<usize>) {
    let mut d = Digest::parse(paperboy::digest::SAMPLE_NAME, paperboy::digest::SAMPLE);
    d.absorb(Digest::parse(
        "more-topics.txt",
        include_str!("../tests/fixtures/more-topics.txt"),
    ));
    let mut topics: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for line in include_str!("../tests/fixtures/topics.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let mut f = line.split('\t');
        let i = d.find(f.next().unwrap()).unwrap();
        for t in f.next().unwrap().split(',').filter(|t| *t != "other") {
            topics.entry(t).or_default().push(i);
        }
    }
    topics.retain(|_, p| p.len() >= 15);
    let index = Index::of_digest(&d);
    let docs = rank::docs(&d);
    let recipe = rank::baseline::features(&docs, rank::baseline::Features::default());
    let (mut ours, mut theirs, mut draws) = (0.0, 0.0, 0);
    let mut seed = 7u64;
    let mut example = Vec::new();
    for papers in topics.values() {
        for _ in 0..5 {
            let mut pool = papers.clone();
            let saved: Vec<usize> = (0..5)
                .map(|_| pool.swap_remove(xorshift(&mut seed) as usize % pool.len()))
                .collect();
            let hits = |scores: &[f32]| {
                let top = rank::best(scores, &saved, 10);
                top.iter().filter(|(i, _)| papers.contains(i)).count() as f32 / 10.0
            };
            ours += hits(&index.scores(&index.like_all(&saved, &[])));
            theirs += hits(&rank::baseline::svm_scores(&recipe, &saved, 0.01));
            draws += 1;
            example = saved;
        }
    }
    println!(
        "precision@10, 5 saved ({} topics, {draws} draws): paperboy {:.3}, arxiv-sanity-lite {:.3}",
        topics.len(),
        ours / draws as f32,
        theirs / draws as f32
    );
    (index, example)
}

/// Builds an index as `Index::build` does, saying how long each half took.
fn timed_build(docs: &[rank::Doc], label: &str) -> (Index, std::time::Duration) {
    let (start, cpu) = (Instant::now(), common::cpu());
    let tfidf = rank::TfIdf::build(docs);
    let (words, cpu_words) = (start.elapsed(), common::cpu());
    let lsa = rank::Lsa::build(&tfidf);
    let (took, cpu_all) = (start.elapsed(), common::cpu());
    println!(
        "{label}tf-idf {:.2} s, latent space {:.2} s (processor time {:.2} s and {:.2} s; load {})",
        words.as_secs_f64(),
        (took - words).as_secs_f64(),
        cpu_words - cpu,
        cpu_all - cpu_words,
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split(' ')
            .next()
            .unwrap_or("?")
    );
    (Index { tfidf, lsa }, took)
}

fn main() {
    if std::env::var_os("PAPERBOY_WIDE").is_some() {
        return wide_vocabulary();
    }
    if std::env::var_os("PAPERBOY_MEMORY_OF").is_some() {
        return memory();
    }
    let _ = common::big_digest();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .env("PAPERBOY_MEMORY_OF", "index")
        .output()
        .unwrap();
    print!("{}", String::from_utf8_lossy(&out.stdout));
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .env("PAPERBOY_WIDE", "1")
        .output()
        .unwrap();
    print!("{}", String::from_utf8_lossy(&out.stdout));
    let (labelled, saved) = precision();
    let mut c = Criterion::default().configure_from_args();
    c.bench_function("rank the labelled papers (146), 5 saved", |b| {
        b.iter(|| {
            rank::best(
                &labelled.scores(&labelled.like_all(&saved, &[])),
                &saved,
                10,
            )
        })
    });
    command(&mut c);
    bench(&mut c);
    c.final_summary();
}

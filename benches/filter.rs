//! The filter engine and the reader's frame on a generated 100k-paper
//! digest: first keystroke, extended query, `all` scope, one frame, a
//! keystroke plus its frame, and open-to-first-frame.

use std::hint::black_box;
use std::sync::Arc;

use criterion::Criterion;
use paperboy::digest::{Digest, Input};
use paperboy::filter::{Engine, Query, Scope};
use paperboy::store::Store;
use paperboy::tui::Reader;
use paperboy::tui::app::App;
use paperboy::tui::keymap::Keymap;
use paperboy::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;

fn key(reader: &mut Reader, code: KeyCode) {
    reader.press(KeyEvent::new(code, KeyModifiers::NONE));
}

/// A reader on `engine` at 120x40, as the reader opens.
fn open(engine: Arc<Engine>, store: &Store) -> Reader {
    let app = App::new(engine, store.snapshot().clone(), "bench", Theme::color());
    Reader::new(app, Keymap::default(), (120, 40))
}

fn bench(c: &mut Criterion) {
    let path = common::big_digest();
    let digest = Arc::new(Digest::load(&[Input::Path(path.clone())]));
    let n = digest.len();
    let engine = Arc::new(Engine::new(Arc::clone(&digest)));
    let never = || false;

    let mut g = c.benchmark_group(format!("filter {n}"));
    g.sample_size(20);
    for q in ["q", "t", "e"] {
        let query = Query::new(q, Scope::Title);
        let hits = engine.search(&query, None, &never).unwrap().len();
        g.bench_function(format!("first keystroke '{q}' ({hits} hits)"), |b| {
            b.iter(|| engine.search(black_box(&query), None, &never))
        });
    }
    // Each further keystroke of "quantiz", searching the previous hits only.
    let word = "quantiz";
    let steps: Vec<(Query, Vec<u32>)> = (2..=word.len())
        .map(|k| {
            let prev = Query::new(&word[..k - 1], Scope::Title);
            let hits = engine.search(&prev, None, &never).unwrap().papers();
            (Query::new(&word[..k], Scope::Title), hits)
        })
        .collect();
    g.bench_function("each further keystroke of 'quantiz' (mean of 6)", |b| {
        b.iter(|| {
            for (q, prev) in &steps {
                black_box(engine.search(q, Some(prev), &never));
            }
        })
    });
    let typed = Query::new("qu", Scope::Title);
    let prev = engine
        .search(&Query::new("q", Scope::Title), None, &never)
        .unwrap()
        .papers();
    g.bench_function("'q' -> 'qu'", |b| {
        b.iter(|| engine.search(black_box(&typed), Some(&prev), &never))
    });
    for q in ["quantiz", "the"] {
        let query = Query::new(q, Scope::All);
        let hits = engine.search(&query, None, &never).unwrap().len();
        g.bench_function(format!("all scope '{q}' ({hits} hits)"), |b| {
            b.iter(|| engine.search(black_box(&query), None, &never))
        });
    }
    let one = Engine::new(Arc::clone(&digest)).with_threads(1);
    let query = Query::new("q", Scope::Title);
    g.bench_function("first keystroke 'q', one thread", |b| {
        b.iter(|| one.search(black_box(&query), None, &never))
    });
    g.finish();

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path());
    let mut g = c.benchmark_group(format!("reader {n}"));
    g.sample_size(20);
    let mut reader = open(Arc::clone(&engine), &store);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    g.bench_function("one frame, 120x40", |b| {
        b.iter(|| term.draw(|f| reader.draw(f)).map(drop))
    });
    // Two lines a paper: the generated papers carry no site summary, so
    // each second line is the abstract's start (the costlier case).
    key(&mut reader, KeyCode::Char('t'));
    g.bench_function("one frame, 120x40, summary view", |b| {
        b.iter(|| term.draw(|f| reader.draw(f)).map(drop))
    });
    key(&mut reader, KeyCode::Char('t'));
    key(&mut reader, KeyCode::Char('/'));
    for c in "quant".chars() {
        key(&mut reader, KeyCode::Char(c));
        reader.settle(&mut store);
    }
    g.bench_function("one frame, 120x40, filter 'quant' highlighted", |b| {
        b.iter(|| term.draw(|f| reader.draw(f)).map(drop))
    });
    key(&mut reader, KeyCode::Esc);
    key(&mut reader, KeyCode::Char('/'));
    g.bench_function("keystroke 'q' + search + frame (then Backspace)", |b| {
        b.iter(|| {
            key(&mut reader, KeyCode::Char('q'));
            reader.settle(&mut store);
            term.draw(|f| reader.draw(f)).unwrap();
            key(&mut reader, KeyCode::Backspace);
            reader.settle(&mut store);
        })
    });
    g.sample_size(10);
    g.bench_function("open the file to the first frame", |b| {
        b.iter(|| {
            let d = Arc::new(Digest::load(&[Input::Path(path.clone())]));
            let reader = open(Arc::new(Engine::new(d)), &Store::open(dir.path()));
            term.draw(|f| reader.draw(f)).map(drop)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("reader sample");
    g.bench_function("open the sample to the first frame", |b| {
        b.iter(|| {
            let e = Arc::new(Engine::new(Arc::new(Digest::load(&[Input::Sample]))));
            let reader = open(e, &Store::open(dir.path()));
            term.draw(|f| reader.draw(f)).map(drop)
        })
    });
    g.finish();
}

/// Structured queries (fields, numbers, negation, phrases, OR) on the same
/// papers as the API's JSON, which gives them authors, upvotes and dates.
fn structured(c: &mut Criterion) {
    let digest = Arc::new(Digest::load(&[Input::Path(common::big_file("json"))]));
    let n = digest.len();
    let engine = Engine::new(digest);
    let never = || false;
    let mut g = c.benchmark_group(format!("query {n}"));
    g.sample_size(20);
    for q in [
        "au:\"of 123\" upvotes:>50",
        "quantiz -vision upvotes:>=10",
        "\"language model\" -au:\"author 1 \" OR upvotes:>95",
    ] {
        let query = Query::new(q, Scope::Title);
        assert!(query.error().is_none(), "{q}");
        let hits = engine.search(&query, None, &never).unwrap().len();
        g.bench_function(format!("{q} ({hits} hits)"), |b| {
            b.iter(|| engine.search(black_box(&query), None, &never))
        });
    }
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    structured(&mut c);
    bench(&mut c);
    c.final_summary();
}

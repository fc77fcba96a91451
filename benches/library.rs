//! The reader on a year of the Daily Papers (365 days of the API's JSON as
//! `fetch` keeps them, about 40k papers, all but the newest day shown
//! before): open to the first frame, the rest read in the background, a
//! step to the next day with its frame, the first keystroke of a filter at
//! all days, the newest day folded into the cached ranking index, and
//! memory against the files. `PAPERBOY_BENCH_ARXIV=600` adds
//! a day of arXiv's RSS (600 papers) to every day: an arXiv year.

use std::cell::Cell;
use std::hint::black_box;

use clap::Parser;
use criterion::Criterion;
use paperboy::cli::{Cli, Dirs, open_reader};
use paperboy::tui::Reader;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;

fn dirs() -> Dirs {
    let (config, data) = common::library();
    Dirs {
        config: Some(config),
        data: Some(data),
    }
}

/// What `paperboy` does before its first frame, and the frame (120x40).
fn first_frame(dirs: &Dirs, term: &mut Terminal<TestBackend>) -> (Reader, paperboy::tui::Session) {
    let cli = Cli::parse_from(["paperboy"]);
    let Ok((mut reader, session)) = open_reader(&cli, dirs) else {
        panic!("the reader did not open");
    };
    reader.resize(120, 40);
    term.draw(|f| reader.draw(f)).unwrap();
    (reader, session)
}

/// The reader with the whole library read and indexed, as after the
/// background load.
fn loaded(dirs: &Dirs, term: &mut Terminal<TestBackend>) -> Reader {
    let (mut reader, session) = first_frame(dirs, term);
    let engine = (session.background.expect("a library reads the rest later"))();
    reader.with_app(|a| a.library_loaded(std::sync::Arc::clone(&engine)));
    let index = (session.indexer.expect("the reader ranks"))(engine.digest());
    reader.with_app(|a| a.index_ready(&engine, std::sync::Arc::new(index)));
    reader
}

fn bench(c: &mut Criterion) {
    let dirs = dirs();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let days = common::library_days();
    let name = match common::library_arxiv() {
        0 => format!("library of {days} days"),
        n => format!("library of {days} days with {n} arXiv papers a day"),
    };
    let mut g = c.benchmark_group(name);
    g.sample_size(20);
    g.bench_function("open on the newest day to the first frame", |b| {
        b.iter(|| black_box(first_frame(&dirs, &mut term)))
    });
    g.sample_size(10);
    g.bench_function("read the whole library (background)", |b| {
        b.iter_with_large_drop(|| {
            let (_, session) = first_frame(&dirs, &mut term);
            (session.background.unwrap())()
        })
    });
    let mut reader = loaded(&dirs, &mut term);
    g.sample_size(50);
    // Alternates `[` and `]`, so each sample steps to a day and back.
    let older = Cell::new(true);
    g.bench_function("'[' / ']' to the next day, with its frame", |b| {
        b.iter(|| {
            let key = if older.replace(!older.get()) {
                '['
            } else {
                ']'
            };
            reader.press(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
            term.draw(|f| reader.draw(f)).unwrap();
        })
    });
    let all = Cell::new(true);
    g.bench_function("'D' all days / one day, with its frame", |b| {
        b.iter(|| {
            all.set(!all.get());
            reader.press(KeyEvent::new(KeyCode::Char('D'), KeyModifiers::NONE));
            term.draw(|f| reader.draw(f)).unwrap();
        })
    });
    // The filter's first keystroke over every day (`D`, then `q`): the
    // search the reader's worker runs, at title scope.
    let never = || false;
    let q = paperboy::filter::Query::new("q", paperboy::filter::Scope::Title);
    g.bench_function("first keystroke at all days (q, title scope)", |b| {
        b.iter(|| black_box(reader.app().engine().search(black_box(&q), None, &never)))
    });
    // A whole read each: as few samples as the read of the whole library.
    g.sample_size(10);
    g.bench_function("index the library (cached)", |b| {
        b.iter_with_large_drop(|| {
            let (_, session) = first_frame(&dirs, &mut term);
            let engine = (session.background.unwrap())();
            (session.indexer.unwrap())(engine.digest())
        })
    });
    fold(&mut g, &dirs);
    g.finish();
}

/// The newest day fetched into a library whose index was cached before it
/// (every other day): read, fold, save.
fn fold(g: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>, dirs: &Dirs) {
    let lib = paperboy::library::Library::new(dirs.data.as_deref().unwrap());
    let d = lib.load(paperboy::digest::Keep::Everything);
    let newest = d.date_key(0);
    let day = (0..d.len())
        .take_while(|&i| d.date_key(i) == newest)
        .count();
    common::fold(g, "library", &d, day, &paperboy::rank::docs(&d));
}

/// Not a timing: resident memory of the reader with the whole library
/// read and indexed, against the files (in a fresh process of this bench).
fn memory_in_this_process() {
    let dirs = dirs();
    let bytes = common::library_bytes(dirs.data.as_deref().unwrap()) as f64;
    let before = common::rss();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let reader = loaded(&dirs, &mut term);
    let papers = reader.app().digest().len();
    let used = common::rss().saturating_sub(before) as f64;
    println!(
        "memory (library): {papers} papers in {:.1} MB of files; the reader holds +{:.1} MB = {:.2}x",
        bytes / 1e6,
        used / 1e6,
        used / bytes
    );
}

fn main() {
    if std::env::var_os("PAPERBOY_MEMORY_OF").is_some() {
        return memory_in_this_process();
    }
    let _ = dirs(); // generated before anything is timed
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .env("PAPERBOY_MEMORY_OF", "library")
        .output()
        .unwrap();
    print!("{}", String::from_utf8_lossy(&out.stdout));
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}

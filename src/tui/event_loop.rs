//! The event loop: keys, mouse, signals and the workers' answers become
//! actions; the effects the app asks for are carried out; on the way out
//! what is unsaved is saved first.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};

use super::Reader;
use super::action::Action;
use super::app::{App, Effect, StoreJob};
use super::outside;
use super::terminal::{Term, WORKER_PANIC, setup_terminal};
use super::threads::{Msg, Session, Workers, start_workers};
use super::worker;

/// Why the reader ended other than by a quit that saved everything.
#[derive(Debug)]
pub enum Failure {
    /// The terminal could not be set up, read or drawn on.
    Io(std::io::Error),
    /// A worker panicked (the message says which, and where).
    Crashed(String),
    /// Changes to the reading lists that could not be saved before leaving.
    Unsaved(usize),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Io(e) => write!(f, "{e}"),
            Failure::Crashed(why) => write!(f, "{why}"),
            Failure::Unsaved(n) => write!(
                f,
                "{n} change(s) to the reading lists were not saved: another paperboy kept them locked"
            ),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Io(e)
    }
}

/// Runs the reader until the user quits or a signal asks it to; `store`
/// is handed to the store worker. An error names what went wrong (a
/// worker's panic among them); unsaved changes are said to be lost.
pub fn run(reader: Reader, session: Session) -> Result<(), Failure> {
    let (tx, rx) = mpsc::channel::<Msg>();
    let mut reader = reader;
    if session.indexer.is_some() {
        reader.with_app(App::indexing);
    }
    let first = reader.app().loaded_engine();
    let workers = start_workers(&tx, session, first)?;
    let _guard = setup_terminal()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    let size = terminal.size()?;
    reader.resize(size.width, size.height);
    event_loop(&mut reader, &mut terminal, &rx, &workers)?;
    save_before_leaving(&mut reader, &mut terminal, &rx, &workers)
}

fn event_loop(
    reader: &mut Reader,
    terminal: &mut Term,
    rx: &Receiver<Msg>,
    workers: &Workers,
) -> Result<(), Failure> {
    // Debug builds only: a key that panics, so tests can check the terminal
    // is restored on a panic.
    let panic_key = cfg!(debug_assertions)
        .then(|| std::env::var("PAPERBOY_TEST_PANIC_KEY").ok())
        .flatten()
        .and_then(|k| k.chars().next());
    let mut shown = Recorder::default();
    loop {
        terminal.draw(|f| reader.draw(f))?;
        shown.add(reader, workers);
        let first = match shown.wait() {
            None => rx.recv().map_err(|_| ()),
            Some(wait) => match rx.recv_timeout(wait) {
                Ok(m) => Ok(m),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    shown.flush(reader, workers);
                    continue;
                }
                Err(_) => Err(()),
            },
        };
        let Ok(first) = first else { break };
        if let (Msg::Input(Event::Key(k)), Some(p)) = (&first, panic_key)
            && k.code == event::KeyCode::Char(p)
        {
            panic!("test panic (PAPERBOY_TEST_PANIC_KEY)");
        }
        // Apply everything that is already waiting before drawing again, so
        // a burst of keys costs one frame.
        let mut next = Some(first);
        while let Some(msg) = next {
            handle(reader, msg)?;
            next = rx.try_recv().ok();
        }
        carry_out(reader, terminal, workers);
        if reader.app().should_quit() {
            break;
        }
    }
    shown.add(reader, workers);
    shown.flush(reader, workers);
    Ok(())
}

/// Hands the new papers shown over to be recorded, at most once a second
/// (each time rewrites the record).
#[derive(Default)]
struct Recorder {
    pending: Vec<crate::digest::PaperId>,
    last: Option<Instant>,
}

impl Recorder {
    const EVERY: Duration = Duration::from_secs(1);

    /// Takes the app's newly shown papers; hands them over when due.
    fn add(&mut self, reader: &mut Reader, workers: &Workers) {
        self.pending.extend(reader.with_app_value(App::take_shown));
        if !self.pending.is_empty() && self.last.is_none_or(|t| t.elapsed() >= Self::EVERY) {
            self.flush(reader, workers);
        }
    }

    /// How long the loop may wait before the pending ones are due.
    fn wait(&self) -> Option<Duration> {
        (!self.pending.is_empty())
            .then(|| Self::EVERY.saturating_sub(self.last.map_or(Self::EVERY, |t| t.elapsed())))
    }

    fn flush(&mut self, reader: &mut Reader, workers: &Workers) {
        if !self.pending.is_empty() {
            workers
                .store
                .submit(StoreJob::Record(std::mem::take(&mut self.pending)));
            // Quitting waits for it as for any unsaved change.
            reader.with_app(App::recording_sent);
        }
        self.last = Some(Instant::now());
    }
}

fn handle(reader: &mut Reader, msg: Msg) -> Result<(), Failure> {
    match msg {
        Msg::Signal => reader.act(Action::Quit),
        Msg::Searched(seq, r) => reader.with_app(|a| a.search_done(seq, r)),
        Msg::Stored(reply) => reader.with_app(|a| a.store_done(reply)),
        Msg::Loaded(engine) => reader.with_app(|a| a.library_loaded(engine)),
        Msg::Indexed(engine, index) => reader.with_app(|a| a.index_ready(&engine, index)),
        Msg::Ranked(answer) => reader.with_app(|a| a.rank_done(answer)),
        Msg::Crashed(why) => {
            let at = WORKER_PANIC.lock().ok().and_then(|mut a| a.take());
            let at = at.map(|a| format!(" (at {a})")).unwrap_or_default();
            return Err(Failure::Crashed(format!("{why}{at}")));
        }
        Msg::Input(Event::Key(k)) if k.is_press() || k.is_repeat() => reader.press(k),
        Msg::Input(Event::Resize(w, h)) => reader.resize(w, h),
        Msg::Input(Event::FocusGained) => reader.act(Action::FocusGained),
        Msg::Input(Event::Mouse(m)) => reader.mouse(m),
        Msg::Input(_) => {}
    }
    Ok(())
}

fn carry_out(reader: &mut Reader, terminal: &mut Term, workers: &Workers) {
    for effect in reader.take_effects() {
        match effect {
            Effect::Search(job) => workers.search.submit(job),
            Effect::Store(job) => workers.store.submit(job),
            Effect::Rank(job) => {
                let tx = workers.tx.clone();
                let started = worker::spawn_watched(
                    "paperboy-rank",
                    Arc::clone(&workers.crashed),
                    move || {
                        let _ = tx.send(Msg::Ranked(job.run()));
                    },
                );
                if let Err(e) = started {
                    reader.with_app(|a| a.error(format!("could not rank: {e}")));
                }
            }
            Effect::OpenUrl(url) => {
                if let Err(e) = outside::open_url(&url) {
                    reader.with_app(|a| a.error(format!("could not open a browser: {e}")));
                }
            }
            Effect::Copy(text) => {
                let _ = outside::copy(terminal.backend_mut(), &text);
            }
            Effect::SendToZotero { data, entry } => {
                // Zotero is local: it answers at once, or refuses at once.
                let done = crate::library::zotero::send_new(&data, &[*entry]);
                reader.with_app(|a| a.zotero_done(done));
            }
            Effect::SaveSearch { dir, name, query } => {
                let done = crate::saved::add(&dir, &name, &query);
                reader.with_app(|a| a.search_saved(name, query, done));
            }
            Effect::EditNote { list, id, text } => {
                let _tty = workers.tty.lock().unwrap_or_else(|e| e.into_inner());
                match outside::edit_in_editor(terminal, &text) {
                    Ok(note) => reader.with_app(|a| a.note_edited(list, id, note)),
                    Err(e) => reader.with_app(|a| a.error(format!("the note was not saved: {e}"))),
                }
            }
        }
    }
}

/// How long quitting waits for another paperboy's lock to save what the
/// reader has not saved yet.
const SAVE_PATIENCE: Duration = Duration::from_secs(10);

/// Waits for the store worker to save what it holds, saying so on screen.
fn save_before_leaving(
    reader: &mut Reader,
    terminal: &mut Term,
    rx: &Receiver<Msg>,
    workers: &Workers,
) -> Result<(), Failure> {
    let until = Instant::now() + SAVE_PATIENCE + Duration::from_secs(1);
    workers.store.give_up_after(SAVE_PATIENCE);
    while reader.app().unsaved() > 0 {
        let n = reader.app().unsaved();
        reader.with_app(|a| a.error(format!("saving {n} change(s) before quitting…")));
        terminal.draw(|f| reader.draw(f))?;
        let left = until.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(Msg::Stored(reply)) => reader.with_app(|a| a.store_done(reply)),
            Ok(Msg::Crashed(why)) => return handle(reader, Msg::Crashed(why)),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    match reader.app().unsaved() {
        0 => Ok(()),
        n => Err(Failure::Unsaved(n)),
    }
}

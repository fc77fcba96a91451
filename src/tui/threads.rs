//! The threads the event loop talks to, and the one channel they answer
//! on: input, signals, the search and store workers, the background reader
//! and indexer.

use std::io;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use super::app::{self, StoreReply};
use super::worker::{self, Crashed, StoreWorker, Worker};
use crate::filter::Ranked;
use crate::store::Store;
use crate::store::shown::Shown;

/// Everything the loop waits for, from one channel.
pub(super) enum Msg {
    Input(Event),
    Searched(u64, Ranked),
    Stored(StoreReply),
    /// The rest of what the reader shows, read in the background.
    Loaded(Arc<crate::filter::Engine>),
    /// The index of an engine's papers, built in the background.
    Indexed(Arc<crate::filter::Engine>, Arc<crate::rank::Index>),
    /// A ranking thread's answer.
    Ranked(app::RankAnswer),
    Signal,
    Crashed(String),
}

/// Reads, after the first frame, the rest of what the reader shows (a
/// library's every day).
pub type Background = Box<dyn FnOnce() -> Arc<crate::filter::Engine> + Send>;

/// Indexes the papers the reader shows, for ranking (from a cache, or built).
pub type Indexer = Box<dyn FnOnce(&crate::digest::Digest) -> crate::rank::Index + Send>;

/// What the reader runs with beside its app.
pub struct Session {
    /// The reading lists, for the store worker.
    pub store: Store,
    /// The shown-papers record, where the new papers shown are saved.
    pub shown: Option<Shown>,
    pub background: Option<Background>,
    /// How to index the papers once they are all read (none: no ranking).
    pub indexer: Option<Indexer>,
}

/// The threads the loop talks to.
pub(super) struct Workers {
    pub search: Worker,
    pub store: StoreWorker,
    /// For the threads that rank: where answers go, and how a panic is told.
    pub tx: Sender<Msg>,
    pub crashed: Crashed,
    /// Held by the input thread while it waits for a key, and by an editor
    /// the reader runs, so the two never read the terminal at once.
    pub tty: Arc<Mutex<()>>,
}

pub(super) fn start_workers(
    tx: &Sender<Msg>,
    session: Session,
    first: Arc<crate::filter::Engine>,
) -> io::Result<Workers> {
    let Session {
        store,
        shown,
        background,
        indexer,
    } = session;
    let crash_tx = Mutex::new(tx.clone());
    let crashed: Crashed = Arc::new(move |why| {
        if let Ok(tx) = crash_tx.lock() {
            let _ = tx.send(Msg::Crashed(why));
        }
    });
    watch_signals(tx.clone(), Arc::clone(&crashed))?;
    let answers = tx.clone();
    let search = Worker::spawn(
        move |seq, r| {
            let _ = answers.send(Msg::Searched(seq, r));
        },
        Arc::clone(&crashed),
    )?;
    read_in_background(tx.clone(), Arc::clone(&crashed), background, indexer, first)?;
    let saved = tx.clone();
    let store = StoreWorker::spawn(
        store,
        shown,
        move |reply| {
            let _ = saved.send(Msg::Stored(reply));
        },
        Arc::clone(&crashed),
    )?;
    let tty = read_input(tx.clone(), Arc::clone(&crashed))?;
    Ok(Workers {
        search,
        store,
        tx: tx.clone(),
        crashed,
        tty,
    })
}

/// Reads the rest of the papers (when there is more to read), then indexes
/// them (when there is an indexer), on a thread of its own.
fn read_in_background(
    tx: Sender<Msg>,
    crashed: Crashed,
    background: Option<Background>,
    indexer: Option<Indexer>,
    first: Arc<crate::filter::Engine>,
) -> io::Result<()> {
    if background.is_none() && indexer.is_none() {
        return Ok(());
    }
    worker::spawn_watched("paperboy-loader", crashed, move || {
        let engine = match background {
            Some(read) => {
                let all = read();
                let _ = tx.send(Msg::Loaded(Arc::clone(&all)));
                all
            }
            None => first,
        };
        if let Some(index) = indexer {
            let built = Arc::new(index(engine.digest()));
            let _ = tx.send(Msg::Indexed(engine, built));
        }
    })?;
    Ok(())
}

/// Turns SIGTERM, SIGHUP and SIGINT into a message, so the loop ends and
/// the terminal is restored.
fn watch_signals(tx: Sender<Msg>, crashed: Crashed) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ])?;
    worker::spawn_watched("paperboy-signals", crashed, move || {
        for _ in signals.forever() {
            if tx.send(Msg::Signal).is_err() {
                break;
            }
        }
    })?;
    Ok(())
}

/// Reads the terminal's events on a thread; returns the lock it holds
/// while it waits for one.
fn read_input(tx: Sender<Msg>, crashed: Crashed) -> io::Result<Arc<Mutex<()>>> {
    let tty = Arc::new(Mutex::new(()));
    let input_tty = Arc::clone(&tty);
    worker::spawn_watched("paperboy-input", crashed, move || {
        // Waits a little at a time, letting go of the terminal between
        // waits; ends with the process.
        loop {
            let held = input_tty.lock().unwrap_or_else(|e| e.into_inner());
            let ready = event::poll(Duration::from_millis(50));
            let ev = match ready {
                Ok(true) => event::read(),
                Ok(false) => continue,
                Err(e) => Err(e),
            };
            drop(held);
            let Ok(ev) = ev else { break };
            if tx.send(Msg::Input(ev)).is_err() {
                break;
            }
        }
    })?;
    Ok(tty)
}

//! The reader: its key table, its state (`app`), its panes (`view`), and
//! the terminal around them: `terminal` sets it up and restores it,
//! `event_loop` runs the reader, `threads` are what the loop talks to,
//! `outside` is the editor, the browser and the clipboard.
//!
//! The terminal is restored on every way out: a normal quit, an error
//! (the guard's `Drop`), a panic on the UI thread (the hook, before the
//! message prints), a panic in a worker (the loop ends at once and the
//! message is printed after) and SIGTERM/SIGHUP/SIGINT (turned into the
//! normal quit path, which first saves what is unsaved).

pub mod action;
pub mod app;
mod event_loop;
pub mod keymap;
pub mod options;
mod outside;
mod terminal;
pub mod theme;
mod threads;
pub mod view;
pub mod worker;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use action::Action;
use app::{App, Effect};
pub use event_loop::{Failure, run};
use keymap::Keymap;
pub use terminal::restore_terminal;
pub use threads::{Background, Indexer, Session};
use view::Place;

use crate::store::Store;

/// The reader without its terminal: the app, the key table and the screen
/// size, stepped as the event loop steps them. After every change the
/// panes are measured again and the app told the numbers. Tests and
/// benches drive it directly.
pub struct Reader {
    app: App,
    keys: Keymap,
    size: (u16, u16),
}

impl Reader {
    pub fn new(mut app: App, keys: Keymap, size: (u16, u16)) -> Reader {
        app.set_key_names(keys.names());
        let mut r = Reader { app, keys, size };
        r.measure();
        r
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    pub fn keys(&self) -> &Keymap {
        &self.keys
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    fn measure(&mut self) {
        let sizes = view::measure(&self.app, &self.keys, self.size);
        self.app.set_sizes(sizes);
        self.app.note_on_screen();
    }

    /// A key press, looked up in the key table for the app's mode.
    pub fn press(&mut self, key: KeyEvent) {
        if let Some(action) = self.keys.action_for(self.app.key_mode(), key) {
            self.app.key(action);
            self.measure();
        }
    }

    /// Anything else the app is asked to do.
    pub fn act(&mut self, action: Action) {
        self.app.update(action);
        self.measure();
    }

    /// A change to the app from outside the key table (answers, errors).
    pub fn with_app(&mut self, f: impl FnOnce(&mut App)) {
        f(&mut self.app);
        self.measure();
    }

    /// [`Reader::with_app`] for a change that returns something.
    pub fn with_app_value<T>(&mut self, f: impl FnOnce(&mut App) -> T) -> T {
        let t = f(&mut self.app);
        self.measure();
        t
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.measure();
    }

    /// The wheel scrolls the pane under it; a click selects a row or
    /// focuses the abstract.
    pub fn mouse(&mut self, m: MouseEvent) {
        let place = view::place(self.size, m.column, m.row);
        let down = m.kind == MouseEventKind::ScrollDown;
        let action = match (m.kind, place) {
            (
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp,
                Place::ListRow(_) | Place::List,
            ) => Action::ScrollList { down },
            (MouseEventKind::ScrollDown | MouseEventKind::ScrollUp, Place::Paper) => {
                Action::ScrollPaper { down }
            }
            (MouseEventKind::Down(MouseButton::Left), Place::ListRow(row)) => {
                Action::ClickRow(row / view::list::lines_per_paper(&self.app))
            }
            (MouseEventKind::Down(MouseButton::Left), Place::Paper) => Action::ClickPaper,
            _ => return,
        };
        self.act(action);
    }

    pub fn draw(&self, frame: &mut Frame) {
        view::render(&self.app, &self.keys, frame);
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        self.app.take_effects()
    }

    /// Carries out the searches and store jobs asked for, here and to the
    /// end, as the workers would (tests and benches); returns the other
    /// effects.
    pub fn settle(&mut self, store: &mut Store) -> Vec<Effect> {
        let mut others = Vec::new();
        loop {
            let effects = self.take_effects();
            if effects.is_empty() {
                return others;
            }
            for effect in effects {
                match effect {
                    Effect::Search(job) => {
                        let among = job.within.as_deref().map(Vec::as_slice);
                        if let Some(ranked) = job.engine.search(&job.query, among, &|| false) {
                            self.with_app(|a| a.search_done(job.seq, ranked));
                        }
                    }
                    Effect::Rank(job) => self.with_app(|a| a.rank_done(job.run())),
                    Effect::Store(job) => {
                        let reply = worker::run_store_job(store, None, job, &mut |_| false);
                        self.with_app(|a| a.store_done(reply));
                    }
                    other => others.push(other),
                }
            }
        }
    }
}

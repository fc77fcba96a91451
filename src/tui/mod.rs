//! The reader: terminal setup and teardown, and the event loop that turns
//! keys, mouse, signals and workers' answers into actions.
//!
//! The terminal is restored on every way out: a normal quit, an error
//! (the guard's `Drop`), a panic on the UI thread (the hook, before the
//! message prints), a panic in a worker (the loop ends at once and the
//! message is printed after) and SIGTERM/SIGHUP/SIGINT (turned into the
//! normal quit path, which first saves what is unsaved).

pub mod action;
pub mod app;
pub mod keeper;
pub mod keymap;
pub mod options;
pub mod theme;
pub mod view;
pub mod worker;

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableFocusChange, DisableMouseCapture, EnableFocusChange, EnableMouseCapture, Event,
    KeyEvent, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::{Frame, Terminal};

use action::Action;
use app::{App, Effect, StoreJob, StoreReply};
use keymap::Keymap;
use view::Place;
use worker::{Crashed, StoreWorker, Worker};

use crate::filter::Ranked;
use crate::store::Store;
use crate::store::shown::Shown;

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
    pub fn new(app: App, keys: Keymap, size: (u16, u16)) -> Reader {
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

/// Everything the loop waits for, from one channel.
enum Msg {
    Input(Event),
    Searched(u64, Ranked),
    Stored(StoreReply),
    /// The rest of what the reader shows, read in the background.
    Loaded(Arc<crate::filter::Engine>),
    /// The index of an engine's papers, built in the background.
    Indexed(Arc<crate::filter::Engine>, Arc<crate::rank::Index>),
    /// A ranking thread's answer.
    Ranked(app::RankAnswer),
    /// A keeper thread's answer (a PDF, Zotero).
    Kept(app::KeepReply),
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

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableFocusChange,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// Restores the terminal when dropped, so `?` and early returns are safe.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();
/// Where a worker's panic was, for the message printed after the reader.
static WORKER_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn setup_terminal() -> io::Result<Guard> {
    let _ = UI_THREAD.set(thread::current().id());
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if Some(&thread::current().id()) == UI_THREAD.get() {
            // Restore first, or the message is lost in the alternate screen.
            restore_terminal();
            hook(info);
        } else if let Ok(mut at) = WORKER_PANIC.lock() {
            // Printed once the reader is gone; the worker reports it.
            *at = info.location().map(ToString::to_string);
        }
    }));
    enable_raw_mode()?;
    let guard = Guard;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableFocusChange
    )?;
    Ok(guard)
}

type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Why the reader ended other than by a quit that saved everything.
#[derive(Debug)]
pub enum Failure {
    /// The terminal could not be set up, read or drawn on.
    Io(io::Error),
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

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e)
    }
}

/// The threads the loop talks to.
struct Workers {
    search: Worker,
    store: StoreWorker,
    /// For the threads that rank: where answers go, and how a panic is told.
    tx: Sender<Msg>,
    crashed: Crashed,
    /// Held by the input thread while it waits for a key, and by an editor
    /// the reader runs, so the two never read the terminal at once.
    tty: Arc<Mutex<()>>,
    /// Downloads PDFs and sends to Zotero.
    keeper: keeper::Keeper,
}

fn start_workers(
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
    let kept = tx.clone();
    let keeper = keeper::Keeper::spawn(
        Arc::new(move |reply| {
            let _ = kept.send(Msg::Kept(reply));
        }),
        Arc::clone(&crashed),
    )?;
    Ok(Workers {
        search,
        store,
        tx: tx.clone(),
        crashed,
        tty,
        keeper,
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
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
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
        Msg::Kept(reply) => reader.with_app(|a| a.kept(reply)),
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
        let Some(effect) = workers.keeper.take(effect) else {
            continue;
        };
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
                if let Err(e) = open_url(&url) {
                    reader.with_app(|a| a.error(format!("could not open a browser: {e}")));
                }
            }
            Effect::Copy(text) => {
                let text = crate::digest::sanitize::clean(&text);
                let out = terminal.backend_mut();
                let _ = write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()));
                let _ = out.flush();
            }
            // The keeper's own.
            Effect::SendToZotero { .. } | Effect::DownloadPdf { .. } | Effect::OpenFile(_) => {}
            Effect::SaveSearch { dir, name, query } => {
                let done = crate::saved::add(&dir, &name, &query);
                reader.with_app(|a| a.search_saved(name, query, done));
            }
            Effect::EditNote { list, id, text } => {
                let _tty = workers.tty.lock().unwrap_or_else(|e| e.into_inner());
                match edit_in_editor(terminal, &text) {
                    Ok(note) => reader.with_app(|a| a.note_edited(list, id, note)),
                    Err(e) => reader.with_app(|a| a.error(format!("the note was not saved: {e}"))),
                }
            }
        }
    }
}

/// Runs `$VISUAL` (else `$EDITOR`, else `vi`) on a temporary file holding
/// `text`, with the terminal given back to it meanwhile; returns what the
/// file holds after, made safe for the terminal like any digest text.
fn edit_in_editor(terminal: &mut Term, text: &str) -> io::Result<String> {
    // Created exclusively (a symlink planted there is never followed),
    // 0600, with a random name; removed when dropped.
    let mut file = tempfile::Builder::new()
        .prefix("paperboy-note-")
        .suffix(".txt")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let path = file.path().to_owned();
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_owned());
    restore_terminal();
    // Through the shell, as editors are often given with arguments.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status();
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableFocusChange
    )?;
    terminal.clear()?;
    let written = std::fs::read(&path);
    drop(file);
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => return Err(io::Error::other(format!("{editor} exited with {s}"))),
        Err(e) => return Err(io::Error::other(format!("cannot run {editor}: {e}"))),
    }
    let bytes = written?;
    Ok(
        crate::digest::sanitize::clean(&String::from_utf8_lossy(&bytes))
            .trim_end()
            .to_owned(),
    )
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

/// Opens a web URL in `$BROWSER` (else the desktop's opener). Only an
/// http(s) URL with a host is ever handed over, as the one argument, so it
/// can never be read as an option (`--remote-debugging-port=…`);
/// detached, silent.
fn open_url(url: &str) -> io::Result<()> {
    use std::process::{Command, Stdio};
    let Some(url) = crate::digest::sanitize::web_url(url) else {
        return Err(io::Error::other("only http(s) links are opened"));
    };
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let program = browser.unwrap_or_else(|| {
        if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        }
        .to_owned()
    });
    Command::new(program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
}

/// Standard base64, for OSC 52.
pub fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if c.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("量".as_bytes()), "6YeP");
    }
}

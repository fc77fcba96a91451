//! The reader: terminal setup and teardown, and the event loop that turns
//! keys, mouse, signals and search answers into actions.
//!
//! The terminal is restored on every way out: a normal quit, an error
//! (the guard's `Drop`), a panic (the hook, before the message prints) and
//! SIGTERM/SIGHUP/SIGINT (turned into the normal quit path).

pub mod app;
pub mod keymap;
pub mod theme;
pub mod view;
pub mod worker;

use std::io::{self, Write};
use std::sync::mpsc;
use std::thread;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableFocusChange, DisableMouseCapture, EnableFocusChange, EnableMouseCapture, Event,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use app::{Action, App, Effect};
use worker::{Job, Worker};

use crate::filter::Ranked;

/// Everything the loop waits for, from one channel.
enum Msg {
    Input(Event),
    Searched(u64, Ranked),
    Signal,
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

fn setup_terminal() -> io::Result<Guard> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, or the message is lost in the alternate screen.
        restore_terminal();
        hook(info);
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

/// Runs the reader until the user quits or a signal asks it to.
pub fn run(mut app: App) -> io::Result<()> {
    let (tx, rx) = mpsc::channel::<Msg>();

    let signals_tx = tx.clone();
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ])?;
    thread::Builder::new()
        .name("paperboy-signals".into())
        .spawn(move || {
            for _ in signals.forever() {
                if signals_tx.send(Msg::Signal).is_err() {
                    break;
                }
            }
        })?;

    let answers = tx.clone();
    let worker = Worker::spawn(move |seq, r| {
        let _ = answers.send(Msg::Searched(seq, r));
    })?;

    let _guard = setup_terminal()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));

    let input_tx = tx;
    thread::Builder::new()
        .name("paperboy-input".into())
        .spawn(move || {
            // Blocks in read(); ends with the process.
            while let Ok(ev) = event::read() {
                if input_tx.send(Msg::Input(ev)).is_err() {
                    break;
                }
            }
        })?;

    // Debug builds only: a key that panics, so tests can check the terminal
    // is restored on a panic.
    let panic_key = cfg!(debug_assertions)
        .then(|| std::env::var("PAPERBOY_TEST_PANIC_KEY").ok())
        .flatten()
        .and_then(|k| k.chars().next());

    loop {
        terminal.draw(|f| view::render(&app, f))?;
        let Ok(first) = rx.recv() else { break };
        if let (Msg::Input(Event::Key(k)), Some(p)) = (&first, panic_key)
            && k.code == event::KeyCode::Char(p)
        {
            panic!("test panic (PAPERBOY_TEST_PANIC_KEY)");
        }
        // Apply everything that is already waiting before drawing again, so
        // a burst of keys costs one frame.
        let mut next = Some(first);
        while let Some(msg) = next {
            handle(&mut app, msg);
            next = rx.try_recv().ok();
        }
        for effect in app.take_effects() {
            match effect {
                Effect::Search { seq, query, engine } => worker.submit(Job { seq, query, engine }),
                Effect::OpenUrl(url) => {
                    if let Err(e) = open_url(&url) {
                        app.error(format!("could not open a browser: {e}"));
                    }
                }
                Effect::Copy(text) => {
                    let out = terminal.backend_mut();
                    let _ = write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()));
                    let _ = out.flush();
                }
            }
        }
        if app.should_quit() {
            break;
        }
    }
    Ok(())
}

fn handle(app: &mut App, msg: Msg) {
    match msg {
        Msg::Signal => app.update(Action::Quit),
        Msg::Searched(seq, r) => app.search_done(seq, r),
        Msg::Input(Event::Key(k)) if k.is_press() || k.is_repeat() => app.handle_key(k),
        Msg::Input(Event::Resize(w, h)) => app.update(Action::Resize(w, h)),
        Msg::Input(Event::FocusGained) => app.update(Action::FocusGained),
        Msg::Input(Event::Mouse(m)) => match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => app.update(Action::Scroll {
                x: m.column,
                y: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            MouseEventKind::Down(MouseButton::Left) => app.update(Action::Click {
                x: m.column,
                y: m.row,
            }),
            _ => {}
        },
        Msg::Input(_) => {}
    }
}

/// `$BROWSER` when set, else the platform's opener; detached, silent.
fn open_url(url: &str) -> io::Result<()> {
    use std::process::{Command, Stdio};
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

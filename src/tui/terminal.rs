//! The terminal: set up for the reader, and put back as it was on every way
//! out (the guard's `Drop`, the panic hook, and before an editor runs).

use std::io;
use std::sync::{Mutex, OnceLock};
use std::thread::{self, ThreadId};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableFocusChange, DisableMouseCapture, EnableFocusChange, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

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
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();
/// Where a worker's panic was, for the message printed after the reader.
pub(super) static WORKER_PANIC: Mutex<Option<String>> = Mutex::new(None);

pub fn setup_terminal() -> io::Result<Guard> {
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
    enter()?;
    Ok(guard)
}

/// Raw mode, the alternate screen, the mouse and focus reports: the
/// terminal as the reader draws on it (again, after an editor).
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableFocusChange
    )
}

pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

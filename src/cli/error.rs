//! Why a command failed. Commands return these; `main` prints each once
//! and exits with the code it picks ([`Error::exit_code`]).

use std::io;
use std::process::ExitCode;

use crate::digest::Diagnostic;
use crate::store::StoreError;
use crate::tui::Failure;

/// Exit codes: 0 fine, 1 a problem with what was asked (unknown id, warnings
/// from `check`), 2 input that could not be read.
pub(super) const FAIL: u8 = 1;
pub(super) const BAD_INPUT: u8 = 2;
/// A crash exits as a panic does.
const CRASHED: u8 = 101;

/// A command's failure, as the user is told it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// What was asked cannot be done: an unknown id or list, no config
    /// directory (exit 1).
    #[error("paperboy: {0}")]
    Asked(String),
    /// An argument or an input that cannot be used: not a date, no
    /// terminal for the reader (exit 2).
    #[error("paperboy: {0}")]
    Unusable(String),
    /// Several lines, each printed as it is (exit 1): the papers an
    /// ambiguous id could mean, every id that named nothing.
    #[error("{}", .0.join("\n"))]
    Lines(Vec<String>),
    /// Digests that could not be read: every problem, file:line first
    /// (exit 2).
    #[error("{}", lines(.0))]
    Unreadable(Vec<Diagnostic>),
    /// Digests that held no paper and no problem, as an empty feed (exit 2).
    #[error("paperboy: no papers found")]
    NoPapers,
    /// The reading lists could not be saved (exit 1).
    #[error("paperboy: {0}")]
    Store(#[from] StoreError),
    /// Standard output or a file failed (exit 1; a closed pipe is no
    /// failure, and is not printed).
    #[error("paperboy: {0}")]
    Io(#[from] io::Error),
    /// The reader failed (exit 1) or crashed (exit 101).
    #[error("paperboy: {0}")]
    Reader(Failure),
}

impl From<Failure> for Error {
    fn from(f: Failure) -> Error {
        Error::Reader(f)
    }
}

/// Each problem on its own line.
fn lines(problems: &[Diagnostic]) -> String {
    let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
    all.join("\n")
}

/// JSON written to standard output fails as the writing does (a closed
/// pipe stays a closed pipe).
impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::Io(io::Error::from(e))
    }
}

impl Error {
    /// The code to exit with.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
            Error::Unusable(_) | Error::Unreadable(_) | Error::NoPapers => BAD_INPUT,
            Error::Reader(Failure::Crashed(_)) => CRASHED,
            Error::Asked(_) | Error::Lines(_) | Error::Store(_) | Error::Io(_) => FAIL,
            Error::Reader(_) => FAIL,
        })
    }

    /// Whether there is nothing to say: whoever read standard output
    /// stopped reading, as `head` does.
    pub fn is_quiet(&self) -> bool {
        matches!(self, Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// What each command returns: the exit code of a run that did what it
/// could (`check` with warnings exits 1), or why it failed.
pub type CmdResult = Result<ExitCode, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_has_its_code_and_its_text() {
        let asked = Error::Asked("no list named \"x\"".into());
        assert_eq!(asked.to_string(), "paperboy: no list named \"x\"");
        assert_eq!(asked.exit_code(), ExitCode::from(FAIL));
        let lines = Error::Unreadable(vec![
            Diagnostic::error("a", Some(1), "x"),
            Diagnostic::error("a", Some(2), "y"),
        ]);
        assert_eq!(lines.to_string(), "a:1: error: x\na:2: error: y");
        assert_eq!(lines.exit_code(), ExitCode::from(BAD_INPUT));
        let crash = Error::from(Failure::Crashed("worker panicked".into()));
        assert_eq!(crash.exit_code(), ExitCode::from(CRASHED));
        let pipe = Error::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(pipe.is_quiet());
        assert_eq!(pipe.exit_code(), ExitCode::SUCCESS);
        let other = Error::from(io::Error::other("disk full"));
        assert!(!other.is_quiet());
        assert_eq!(other.exit_code(), ExitCode::from(FAIL));
    }
}

//! The status bar's message: what the last key did, or what went wrong.
//! A message names a key only through the key names the table told the
//! app ([`App::set_key_names`]).

use super::{Action, App};
use crate::digest::Severity;
use crate::tui::action::KeyNames;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    /// How bad, when it tells of a problem; none when it only informs.
    pub severity: Option<Severity>,
}

impl Message {
    pub fn is_error(&self) -> bool {
        self.severity == Some(Severity::Error)
    }
}

impl App {
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// The keys of the table in force: messages name them.
    pub fn set_key_names(&mut self, keys: KeyNames) {
        self.keys = keys;
    }

    /// How a message names the key of `action`.
    pub(super) fn key_name(&self, action: Action) -> String {
        self.keys.of(action).to_owned()
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            severity: None,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            severity: Some(Severity::Error),
        });
    }

    /// Things the user must be told (a store moved aside); the last one is
    /// shown.
    pub fn notify(&mut self, notices: Vec<String>) {
        if let Some(n) = notices.into_iter().last() {
            self.error(n);
        }
    }
}

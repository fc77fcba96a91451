//! The one key table: (mode, key) -> action, with the help text the help
//! overlay is drawn from, so the two can never disagree.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::Action;

/// Which table rows apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyMode {
    /// Browsing the list or reading the abstract.
    Normal,
    /// Typing in the filter.
    Filter,
    /// Choosing a reading list.
    Picker,
    /// Reading this help.
    Help,
}

impl KeyMode {
    pub fn title(self) -> &'static str {
        match self {
            KeyMode::Normal => "Browsing",
            KeyMode::Filter => "Filtering (after /)",
            KeyMode::Picker => "Choosing a list (after a or L)",
            KeyMode::Help => "This help",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            other => write!(f, "{other:?}"),
        }
    }
}

pub struct Binding {
    pub mode: KeyMode,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

use KeyMode::{Filter, Help, Normal, Picker};

const fn bind(mode: KeyMode, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        mode,
        keys,
        action,
        help,
    }
}

pub static BINDINGS: &[Binding] = &[
    bind(
        Normal,
        &[ch('j'), plain(KeyCode::Down)],
        Action::Down,
        "next paper / scroll abstract",
    ),
    bind(
        Normal,
        &[ch('k'), plain(KeyCode::Up)],
        Action::Up,
        "previous paper / scroll abstract",
    ),
    bind(
        Normal,
        &[ch('g'), plain(KeyCode::Home)],
        Action::Top,
        "first paper",
    ),
    bind(
        Normal,
        &[ch('G'), plain(KeyCode::End)],
        Action::Bottom,
        "last paper",
    ),
    bind(
        Normal,
        &[plain(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        "page down",
    ),
    bind(
        Normal,
        &[plain(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        "page up",
    ),
    bind(
        Normal,
        &[ch('/')],
        Action::StartFilter,
        "filter papers (fuzzy)",
    ),
    bind(
        Normal,
        &[ch('s')],
        Action::ToggleScope,
        "filter scope: title / all",
    ),
    bind(
        Normal,
        &[plain(KeyCode::Esc)],
        Action::ClearFilter,
        "clear the filter",
    ),
    bind(
        Normal,
        &[plain(KeyCode::Tab)],
        Action::FocusNext,
        "focus list / abstract",
    ),
    bind(Normal, &[ch(' ')], Action::PagePaper, "page the abstract"),
    bind(
        Normal,
        &[ch('b')],
        Action::ToggleBookmark,
        "bookmark / unbookmark",
    ),
    bind(
        Normal,
        &[ch('a')],
        Action::PickList,
        "add to a reading list...",
    ),
    bind(
        Normal,
        &[ch('x')],
        Action::RemoveFromList,
        "remove from viewed list",
    ),
    bind(Normal, &[ch('r')], Action::ToggleRead, "mark read / unread"),
    bind(
        Normal,
        &[ch('u')],
        Action::Undo,
        "undo the last triage action",
    ),
    bind(
        Normal,
        &[ch('L')],
        Action::SwitchView,
        "view a saved list / back",
    ),
    bind(
        Normal,
        &[ch('o')],
        Action::OpenInBrowser,
        "open in browser (arXiv)",
    ),
    bind(
        Normal,
        &[ch('y')],
        Action::CopyTitle,
        "copy the title (OSC 52)",
    ),
    bind(Normal, &[ch('?')], Action::ToggleHelp, "this help"),
    bind(Normal, &[ch('q'), ctrl('c')], Action::Quit, "quit"),
    bind(
        Filter,
        &[plain(KeyCode::Enter)],
        Action::AcceptFilter,
        "keep filter, back to list",
    ),
    bind(
        Filter,
        &[plain(KeyCode::Esc)],
        Action::ClearFilter,
        "clear the filter",
    ),
    bind(
        Filter,
        &[plain(KeyCode::Backspace)],
        Action::DeleteChar,
        "delete a character",
    ),
    bind(Filter, &[ctrl('w')], Action::DeleteWord, "delete a word"),
    bind(
        Filter,
        &[plain(KeyCode::Tab)],
        Action::ToggleScope,
        "scope: title / all",
    ),
    bind(
        Filter,
        &[plain(KeyCode::Down), ctrl('n')],
        Action::Down,
        "next paper",
    ),
    bind(
        Filter,
        &[plain(KeyCode::Up), ctrl('p')],
        Action::Up,
        "previous paper",
    ),
    bind(Filter, &[ctrl('c')], Action::Quit, "quit"),
    bind(
        Picker,
        &[plain(KeyCode::Enter)],
        Action::AcceptPick,
        "choose (new name: new list)",
    ),
    bind(Picker, &[plain(KeyCode::Esc)], Action::Cancel, "cancel"),
    bind(
        Picker,
        &[plain(KeyCode::Backspace)],
        Action::DeleteChar,
        "delete a character",
    ),
    bind(
        Picker,
        &[plain(KeyCode::Down), ctrl('n')],
        Action::Down,
        "next list",
    ),
    bind(
        Picker,
        &[plain(KeyCode::Up), ctrl('p')],
        Action::Up,
        "previous list",
    ),
    bind(Picker, &[ctrl('c')], Action::Quit, "quit"),
    bind(
        Help,
        &[ch('j'), plain(KeyCode::Down)],
        Action::Down,
        "scroll down",
    ),
    bind(
        Help,
        &[ch('k'), plain(KeyCode::Up)],
        Action::Up,
        "scroll up",
    ),
    bind(
        Help,
        &[ch('?'), ch('q'), plain(KeyCode::Esc)],
        Action::ToggleHelp,
        "close",
    ),
    bind(Help, &[ctrl('c')], Action::Quit, "quit"),
];

/// Every mode, in the order the help shows them.
pub const MODES: [KeyMode; 4] = [Normal, Filter, Picker, Help];

/// The action for a key press in a mode. In the text-entry modes an unbound
/// printable character is typed.
pub fn action_for(mode: KeyMode, key: KeyEvent) -> Option<Action> {
    // Shift is implied by the character itself ('G', '?').
    let mods = key.modifiers - KeyModifiers::SHIFT;
    let found = BINDINGS
        .iter()
        .find(|b| b.mode == mode && b.keys.iter().any(|k| k.code == key.code && k.mods == mods));
    if let Some(b) = found {
        return Some(b.action);
    }
    match (mode, key.code) {
        (Filter | Picker, KeyCode::Char(c)) if !mods.contains(KeyModifiers::CONTROL) => {
            Some(Action::Type(c))
        }
        _ => None,
    }
}

/// The help rows of a mode: keys joined, and what they do.
pub fn help_rows(mode: KeyMode) -> impl Iterator<Item = (String, &'static str)> {
    BINDINGS.iter().filter(move |b| b.mode == mode).map(|b| {
        let keys: Vec<String> = b.keys.iter().map(Key::to_string).collect();
        (keys.join(" / "), b.help)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn normal_keys() {
        let a = |c| action_for(Normal, key(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(a('j'), Some(Action::Down));
        assert_eq!(a('/'), Some(Action::StartFilter));
        assert_eq!(a('Z'), None);
        // Terminals report 'G' with SHIFT; the table says 'G'.
        assert_eq!(
            action_for(Normal, key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(Normal, key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::PageDown)
        );
    }

    #[test]
    fn filter_mode_types_unbound_characters() {
        assert_eq!(
            action_for(Filter, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Type('j'))
        );
        assert_eq!(
            action_for(Filter, key(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::AcceptFilter)
        );
        assert_eq!(
            action_for(Filter, key(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.mode == b.mode {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k} bound twice in {:?}", a.mode);
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding() {
        let rows: usize = MODES.iter().map(|&m| help_rows(m).count()).sum();
        assert_eq!(rows, BINDINGS.len());
        assert!(help_rows(Normal).any(|(k, _)| k == "q / Ctrl-c"));
    }
}

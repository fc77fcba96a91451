//! The one key table: (mode, key) -> action, with the name the config file
//! uses and the help text the help overlay is drawn from, so keys, config
//! and help can never disagree.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, KeyMode};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// The key of a press. Shift is implied by the character itself ('G',
    /// '?'), so it is not part of the key.
    pub fn from_event(k: KeyEvent) -> Key {
        Key {
            code: k.code,
            mods: k.modifiers - KeyModifiers::SHIFT,
        }
    }
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

/// One row of the table: what `keys` do in `mode`.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub mode: KeyMode,
    /// The snake_case name the config file and the help use.
    pub name: &'static str,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

use KeyMode::{Filter, Help, Normal, Picker};

/// The default table: (mode, name, keys, action, help).
const DEFAULTS: &[(KeyMode, &str, &[Key], Action, &str)] = &[
    (
        Normal,
        "next",
        &[ch('j'), plain(KeyCode::Down)],
        Action::Down,
        "next paper / scroll abstract",
    ),
    (
        Normal,
        "previous",
        &[ch('k'), plain(KeyCode::Up)],
        Action::Up,
        "previous paper / scroll abstract",
    ),
    (
        Normal,
        "first",
        &[ch('g'), plain(KeyCode::Home)],
        Action::Top,
        "first paper",
    ),
    (
        Normal,
        "last",
        &[ch('G'), plain(KeyCode::End)],
        Action::Bottom,
        "last paper",
    ),
    (
        Normal,
        "page_down",
        &[plain(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        "page down",
    ),
    (
        Normal,
        "page_up",
        &[plain(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        "page up",
    ),
    (
        Normal,
        "filter",
        &[ch('/')],
        Action::StartFilter,
        "filter papers (fuzzy)",
    ),
    (
        Normal,
        "scope",
        &[ch('s')],
        Action::ToggleScope,
        "filter scope: title / all",
    ),
    (
        Normal,
        "clear_filter",
        &[plain(KeyCode::Esc)],
        Action::ClearFilter,
        "clear the filter",
    ),
    (
        Normal,
        "focus",
        &[plain(KeyCode::Tab)],
        Action::FocusNext,
        "focus list / abstract",
    ),
    (
        Normal,
        "page_abstract",
        &[ch(' ')],
        Action::PagePaper,
        "page the abstract",
    ),
    (
        Normal,
        "bookmark",
        &[ch('b')],
        Action::ToggleBookmark,
        "bookmark / unbookmark",
    ),
    (
        Normal,
        "add_to_list",
        &[ch('a')],
        Action::PickList,
        "add to a reading list...",
    ),
    (
        Normal,
        "remove_from_list",
        &[ch('x')],
        Action::RemoveFromList,
        "remove from viewed list",
    ),
    (
        Normal,
        "read",
        &[ch('r')],
        Action::ToggleRead,
        "mark read / unread",
    ),
    (
        Normal,
        "undo",
        &[ch('u')],
        Action::Undo,
        "undo the last triage action",
    ),
    (
        Normal,
        "lists",
        &[ch('L')],
        Action::SwitchView,
        "view a saved list / back",
    ),
    (
        Normal,
        "open",
        &[ch('o')],
        Action::OpenInBrowser,
        "open the arXiv page",
    ),
    (
        Normal,
        "open_pdf",
        &[ch('p')],
        Action::OpenPdf,
        "open the PDF",
    ),
    (
        Normal,
        "open_hf",
        &[ch('w')],
        Action::OpenPaperPage,
        "open the Hugging Face page",
    ),
    (
        Normal,
        "open_code",
        &[ch('c')],
        Action::OpenCode,
        "open the code or project page",
    ),
    (
        Normal,
        "copy_title",
        &[ch('y')],
        Action::CopyTitle,
        "copy the title (OSC 52)",
    ),
    (Normal, "help", &[ch('?')], Action::ToggleHelp, "this help"),
    (Normal, "quit", &[ch('q'), ctrl('c')], Action::Quit, "quit"),
    (
        Filter,
        "filter_accept",
        &[plain(KeyCode::Enter)],
        Action::AcceptFilter,
        "keep filter, back to list",
    ),
    (
        Filter,
        "filter_clear",
        &[plain(KeyCode::Esc)],
        Action::ClearFilter,
        "clear the filter",
    ),
    (
        Filter,
        "filter_delete_char",
        &[plain(KeyCode::Backspace)],
        Action::DeleteChar,
        "delete a character",
    ),
    (
        Filter,
        "filter_delete_word",
        &[ctrl('w')],
        Action::DeleteWord,
        "delete a word",
    ),
    (
        Filter,
        "filter_scope",
        &[plain(KeyCode::Tab)],
        Action::ToggleScope,
        "scope: title / all",
    ),
    (
        Filter,
        "filter_next",
        &[plain(KeyCode::Down), ctrl('n')],
        Action::Down,
        "next paper",
    ),
    (
        Filter,
        "filter_previous",
        &[plain(KeyCode::Up), ctrl('p')],
        Action::Up,
        "previous paper",
    ),
    (Filter, "filter_quit", &[ctrl('c')], Action::Quit, "quit"),
    (
        Picker,
        "picker_accept",
        &[plain(KeyCode::Enter)],
        Action::AcceptPick,
        "choose (new name: new list)",
    ),
    (
        Picker,
        "picker_cancel",
        &[plain(KeyCode::Esc)],
        Action::Cancel,
        "cancel",
    ),
    (
        Picker,
        "picker_delete_char",
        &[plain(KeyCode::Backspace)],
        Action::DeleteChar,
        "delete a character",
    ),
    (
        Picker,
        "picker_next",
        &[plain(KeyCode::Down), ctrl('n')],
        Action::Down,
        "next list",
    ),
    (
        Picker,
        "picker_previous",
        &[plain(KeyCode::Up), ctrl('p')],
        Action::Up,
        "previous list",
    ),
    (Picker, "picker_quit", &[ctrl('c')], Action::Quit, "quit"),
    (
        Help,
        "help_down",
        &[ch('j'), plain(KeyCode::Down)],
        Action::Down,
        "scroll down",
    ),
    (
        Help,
        "help_up",
        &[ch('k'), plain(KeyCode::Up)],
        Action::Up,
        "scroll up",
    ),
    (
        Help,
        "help_close",
        &[ch('?'), ch('q'), plain(KeyCode::Esc)],
        Action::ToggleHelp,
        "close",
    ),
    (Help, "help_quit", &[ctrl('c')], Action::Quit, "quit"),
];

/// The key table in force: the defaults, perhaps rebound by the config.
#[derive(Clone, Debug, PartialEq)]
pub struct Keymap {
    rows: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let rows = DEFAULTS
            .iter()
            .map(|&(mode, name, keys, action, help)| Binding {
                mode,
                name,
                keys: keys.to_vec(),
                action,
                help,
            })
            .collect();
        Keymap { rows }
    }
}

impl Keymap {
    pub fn rows(&self) -> &[Binding] {
        &self.rows
    }

    /// The action for a key press in a mode. In the text-entry modes an
    /// unbound printable character is typed.
    pub fn action_for(&self, mode: KeyMode, key: KeyEvent) -> Option<Action> {
        let pressed = Key::from_event(key);
        let found = self
            .rows
            .iter()
            .find(|b| b.mode == mode && b.keys.contains(&pressed));
        if let Some(b) = found {
            return Some(b.action);
        }
        match (mode, pressed.code) {
            (Filter | Picker, KeyCode::Char(c))
                if !pressed.mods.contains(KeyModifiers::CONTROL) =>
            {
                Some(Action::Type(c))
            }
            _ => None,
        }
    }

    /// The help rows of a mode: keys joined, and what they do.
    pub fn help_rows(&self, mode: KeyMode) -> impl Iterator<Item = (String, &'static str)> + '_ {
        self.rows.iter().filter(move |b| b.mode == mode).map(|b| {
            let keys: Vec<String> = b.keys.iter().map(Key::to_string).collect();
            (keys.join(" / "), b.help)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn normal_keys() {
        let k = Keymap::default();
        let a = |c| k.action_for(Normal, key(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(a('j'), Some(Action::Down));
        assert_eq!(a('/'), Some(Action::StartFilter));
        assert_eq!(a('Z'), None);
        // Terminals report 'G' with SHIFT; the table says 'G'.
        assert_eq!(
            k.action_for(Normal, key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action_for(Normal, key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::PageDown)
        );
    }

    #[test]
    fn filter_mode_types_unbound_characters() {
        let k = Keymap::default();
        assert_eq!(
            k.action_for(Filter, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Type('j'))
        );
        assert_eq!(
            k.action_for(Filter, key(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::AcceptFilter)
        );
        assert_eq!(
            k.action_for(Filter, key(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode_and_names_are_unique() {
        let rows = Keymap::default().rows;
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                assert_ne!(a.name, b.name);
                if a.mode == b.mode {
                    for k in &a.keys {
                        assert!(!b.keys.contains(k), "{k} bound twice in {:?}", a.mode);
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding() {
        let k = Keymap::default();
        let rows: usize = KeyMode::ALL.iter().map(|&m| k.help_rows(m).count()).sum();
        assert_eq!(rows, k.rows().len());
        assert!(k.help_rows(Normal).any(|(keys, _)| keys == "q / Ctrl-c"));
    }
}

//! The one key table: (mode, key) -> action, with the name the config file
//! uses and the help text the help overlay is drawn from, so keys, config
//! and help can never disagree. Every hint and message that names a key
//! asks this table ([`Keymap::key_of`], [`Keymap::names`]).

mod defaults;
mod key;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use key::Key;
use key::ctrl;

use super::action::{Action, KeyMode, KeyNames};
use defaults::DEFAULTS;

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
                // The defaults are written as the config file writes keys
                // (a test checks each parses).
                keys: keys.split(' ').filter_map(|k| Key::parse(k).ok()).collect(),
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

    /// Gives the action named `name` exactly `keys`, taking each of them
    /// from any other action of the same mode that had it. Returns the
    /// names of the actions a key was taken from.
    pub fn rebind(&mut self, name: &str, keys: Vec<Key>) -> Result<Vec<&'static str>, String> {
        let Some(at) = self.rows.iter().position(|b| b.name == name) else {
            return Err(format!("no action is named {name:?}"));
        };
        let mode = self.rows[at].mode;
        let mut taken = Vec::new();
        for (k, b) in self.rows.iter_mut().enumerate() {
            if k != at && b.mode == mode && b.keys.iter().any(|key| keys.contains(key)) {
                b.keys.retain(|key| !keys.contains(key));
                taken.push(b.name);
            }
        }
        self.rows[at].keys = keys;
        Ok(taken)
    }

    /// The action for a key press in a mode. In the text-entry modes an
    /// unbound printable character is typed.
    pub fn action_for(&self, mode: KeyMode, key: KeyEvent) -> Option<Action> {
        let pressed = Key::from_event(key);
        // Whatever the config says, there is always a way out.
        if pressed == ctrl('c') {
            return Some(Action::Quit);
        }
        let found = self
            .rows
            .iter()
            .find(|b| b.mode == mode && b.keys.contains(&pressed));
        if let Some(b) = found {
            return Some(b.action);
        }
        match (mode, pressed.code) {
            (KeyMode::Filter | KeyMode::Picker | KeyMode::Note, KeyCode::Char(c))
                if !pressed.mods.contains(KeyModifiers::CONTROL) =>
            {
                Some(Action::Type(c))
            }
            _ => None,
        }
    }

    /// The help rows of a mode: keys joined, and what they do.
    pub fn help_rows(&self, mode: KeyMode) -> impl Iterator<Item = (String, String)> + '_ {
        self.named_help_rows(mode)
            .map(|(keys, help, _)| (keys, help))
    }

    /// [`Keymap::help_rows`] with each action's name (as the config file
    /// calls it).
    pub fn named_help_rows(
        &self,
        mode: KeyMode,
    ) -> impl Iterator<Item = (String, String, &'static str)> + '_ {
        self.rows.iter().filter(move |b| b.mode == mode).map(|b| {
            let keys: Vec<String> = b.keys.iter().map(Key::to_string).collect();
            (keys.join(" / "), self.help_of(b), b.name)
        })
    }

    /// A row's help text, with the keys of the actions it names (`{name}`)
    /// filled in.
    pub fn help_of(&self, b: &Binding) -> String {
        let mut out = String::new();
        let mut rest = b.help;
        while let Some((before, after)) = rest.split_once('{') {
            let Some((name, tail)) = after.split_once('}') else {
                break;
            };
            out.push_str(before);
            match self
                .rows
                .iter()
                .find(|r| r.mode == b.mode && r.name == name)
            {
                Some(r) => out.push_str(&Self::shown(r)),
                None => out.push_str(name),
            }
            rest = tail;
        }
        out.push_str(rest);
        out
    }

    /// How a hint names a row's key: its first, or that it has none.
    fn shown(b: &Binding) -> String {
        match b.keys.first() {
            Some(k) => k.to_string(),
            None => format!("[{}: no key]", b.name),
        }
    }

    /// The key a hint or message names for `action` in `mode`: the first
    /// bound to it.
    pub fn key_of(&self, mode: KeyMode, action: Action) -> String {
        let rows = || {
            self.rows
                .iter()
                .filter(|b| b.mode == mode && b.action == action)
        };
        match rows()
            .find(|b| !b.keys.is_empty())
            .or_else(|| rows().next())
        {
            Some(b) => Self::shown(b),
            None => "(no key)".to_owned(),
        }
    }

    /// [`Keymap::key_of`], and a named key (`Esc`) too when the first is
    /// a character (`?`): "? or Esc".
    pub fn keys_of(&self, mode: KeyMode, action: Action) -> String {
        let first = self.key_of(mode, action);
        let named = self
            .rows
            .iter()
            .filter(|b| b.mode == mode && b.action == action)
            .flat_map(|b| &b.keys)
            .find(|k| !matches!(k.code, KeyCode::Char(_)));
        match named.map(Key::to_string) {
            Some(n) if n != first => format!("{first} or {n}"),
            _ => first,
        }
    }

    /// The key of every action in every mode, for the app's messages.
    pub fn names(&self) -> KeyNames {
        let mut names = KeyNames::default();
        for b in &self.rows {
            names.set(b.mode, b.action, self.key_of(b.mode, b.action));
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::key::{ch, plain};
    use super::*;
    use KeyMode::{Filter, Help, Normal};

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn normal_keys() {
        let k = Keymap::default();
        let a = |c| k.action_for(Normal, key(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(a('j'), Some(Action::Down));
        assert_eq!(a('/'), Some(Action::StartFilter));
        assert_eq!(a('Q'), None);
        assert_eq!(a('Z'), Some(Action::SendToZotero));
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
    fn keys_parse_and_print_back() {
        for (text, key) in [
            ("j", ch('j')),
            ("G", ch('G')),
            ("?", ch('?')),
            ("ctrl-q", ctrl('q')),
            ("Ctrl-Q", ctrl('q')),
            ("down", plain(KeyCode::Down)),
            ("space", ch(' ')),
            ("f5", plain(KeyCode::F(5))),
        ] {
            assert_eq!(Key::parse(text), Ok(key), "{text}");
            assert_eq!(Key::parse(&key.config_name()), Ok(key));
        }
        assert_eq!(
            Key::parse("alt-shift-tab").map(|k| k.mods),
            Ok(KeyModifiers::ALT | KeyModifiers::SHIFT)
        );
        for bad in ["", "ctrl-", "jk", "f13", "hyper-x"] {
            assert!(Key::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_rebound_key_is_taken_from_its_old_action() {
        let mut k = Keymap::default();
        let taken = k
            .rebind("next", vec![ch('e'), plain(KeyCode::Down)])
            .unwrap();
        assert_eq!(taken, ["note"], "e wrote notes by default");
        assert_eq!(
            k.action_for(Normal, key(KeyCode::Char('e'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action_for(Normal, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
        // `q` now quits nothing; Ctrl-q does.
        k.rebind("quit", vec![ctrl('q')]).unwrap();
        assert_eq!(
            k.action_for(Normal, key(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        // Taking `b` for "next" leaves bookmarking without it.
        assert_eq!(k.rebind("next", vec![ch('b')]).unwrap(), ["bookmark"]);
        assert!(
            k.help_rows(Normal)
                .any(|(keys, help)| keys.is_empty() && help.starts_with("bookmark"))
        );
        assert!(k.rebind("nope", vec![]).is_err());
    }

    #[test]
    fn ctrl_c_quits_in_every_mode_whatever_is_bound() {
        let mut k = Keymap::default();
        for name in ["quit", "filter_quit", "picker_quit", "help_quit"] {
            k.rebind(name, vec![ch('x')]).unwrap();
        }
        k.rebind("next", vec![ctrl('c')]).unwrap();
        for mode in KeyMode::ALL {
            assert_eq!(
                k.action_for(mode, key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
                Some(Action::Quit),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn shift_on_named_keys_fires_and_every_modifier_is_shown() {
        let mut k = Keymap::default();
        k.rebind("next", vec![Key::parse("shift-down").unwrap()])
            .unwrap();
        k.rebind("previous", vec![Key::parse("shift-tab").unwrap()])
            .unwrap();
        let press = |code, mods| k.action_for(Normal, key(code, mods));
        assert_eq!(
            press(KeyCode::Down, KeyModifiers::SHIFT),
            Some(Action::Down)
        );
        assert_eq!(press(KeyCode::Down, KeyModifiers::NONE), None);
        assert_eq!(
            press(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::Up)
        );
        assert_eq!(
            press(KeyCode::BackTab, KeyModifiers::NONE),
            Some(Action::Up)
        );
        let shown = |s: &str| Key::parse(s).unwrap().to_string();
        assert_eq!(shown("alt-j"), "Alt-j");
        assert_eq!(shown("f5"), "F5");
        assert_eq!(shown("ctrl-alt-x"), "Ctrl-Alt-x");
        assert_eq!(shown("shift-up"), "Shift-↑");
        assert_eq!(shown("backtab"), "Shift-Tab");
    }

    #[test]
    fn every_default_key_parses() {
        for &(_, name, keys, _, _) in DEFAULTS {
            for k in keys.split(' ') {
                assert!(Key::parse(k).is_ok(), "{name}: {k:?}");
            }
        }
    }

    #[test]
    fn hints_and_help_follow_a_remap() {
        let mut k = Keymap::default();
        assert_eq!(k.key_of(Normal, Action::SwitchView), "L");
        assert_eq!(k.keys_of(Help, Action::ToggleHelp), "? or Esc");
        let like = |k: &Keymap| {
            k.help_rows(Normal)
                .find(|(_, h)| h.starts_with("more like"))
                .unwrap()
                .1
        };
        assert_eq!(like(&k), "more like this paper (Esc: back)");
        k.rebind("clear_filter", vec![Key::parse("ctrl-g").unwrap()])
            .unwrap();
        k.rebind("lists", vec![]).unwrap();
        assert_eq!(like(&k), "more like this paper (Ctrl-g: back)");
        assert_eq!(k.key_of(Normal, Action::SwitchView), "[lists: no key]");
        assert_eq!(k.names().of(Action::ClearFilter), "Ctrl-g");
    }

    #[test]
    fn help_lists_every_binding() {
        let k = Keymap::default();
        let rows: usize = KeyMode::ALL.iter().map(|&m| k.help_rows(m).count()).sum();
        assert_eq!(rows, k.rows().len());
        assert!(k.help_rows(Normal).any(|(keys, _)| keys == "q / Ctrl-c"));
    }
}

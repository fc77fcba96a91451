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

/// Key names as the config file writes them, and their codes.
const NAMED: [(&str, KeyCode); 19] = [
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("space", KeyCode::Char(' ')),
    ("escape", KeyCode::Esc),
];

impl Key {
    /// A key as the config file names it: a character (`j`, `G`, `?`) or a
    /// key's name (`down`, `pgdn`, `space`, `f5`), after any of `ctrl-`,
    /// `alt-` and `shift-` (shift only for named keys: `G` is shifted).
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") && rest.len() > 7 {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            mods |= m;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                let f = lower
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n));
                match (NAMED.iter().find(|(n, _)| *n == lower), f) {
                    (Some((_, code)), _) => *code,
                    (None, Some(n)) => KeyCode::F(n),
                    _ => return Err(format!("{s:?} is not a key")),
                }
            }
        };
        if let KeyCode::Char(c) = code
            && mods.contains(KeyModifiers::CONTROL)
        {
            // Terminals send Ctrl with the lower-case letter.
            return Ok(Key {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                mods,
            });
        }
        if code == KeyCode::BackTab {
            // One key, whichever name the config gives it.
            return Ok(Key {
                code: KeyCode::Tab,
                mods: mods | KeyModifiers::SHIFT,
            });
        }
        Ok(Key { code, mods })
    }

    /// The name [`Key::parse`] reads back.
    pub fn config_name(&self) -> String {
        let mut out = String::new();
        for (m, name) in [
            (KeyModifiers::CONTROL, "ctrl-"),
            (KeyModifiers::ALT, "alt-"),
            (KeyModifiers::SHIFT, "shift-"),
        ] {
            if self.mods.contains(m) {
                out.push_str(name);
            }
        }
        match self.code {
            KeyCode::Char(' ') => out.push_str("space"),
            KeyCode::Char(c) => out.push(c),
            KeyCode::F(n) => out.push_str(&format!("f{n}")),
            code => out.push_str(
                NAMED
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(n, _)| n),
            ),
        }
        out
    }

    /// The key of a press. On a character Shift is implied by the
    /// character itself ('G', '?'), so it is not part of the key; on a
    /// named key (`shift-up`, `shift-tab`) it is, as `parse` reads it.
    pub fn from_event(k: KeyEvent) -> Key {
        let mods = match k.code {
            KeyCode::Char(_) => k.modifiers - KeyModifiers::SHIFT,
            // Terminals send Shift-Tab as BackTab, with Shift or without.
            KeyCode::BackTab => KeyModifiers::SHIFT | k.modifiers,
            _ => k.modifiers,
        };
        let code = match k.code {
            KeyCode::BackTab => KeyCode::Tab,
            c => c,
        };
        Key { code, mods }
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
        for (m, name) in [
            (KeyModifiers::CONTROL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (KeyModifiers::SHIFT, "Shift-"),
        ] {
            if self.mods.contains(m) {
                f.write_str(name)?;
            }
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
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
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

use KeyMode::{Filter, Help, Normal, Note, Picker};

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
        "previous_day",
        &[ch('[')],
        Action::PreviousDay,
        "the day before",
    ),
    (
        Normal,
        "next_day",
        &[ch(']')],
        Action::NextDay,
        "the day after",
    ),
    (
        Normal,
        "all_days",
        &[ch('D')],
        Action::AllDays,
        "all days / one day",
    ),
    (
        Normal,
        "period",
        &[ch('W')],
        Action::CyclePeriod,
        "view by day / week / month",
    ),
    (
        Normal,
        "next_new",
        &[ch('n')],
        Action::NextNew,
        "next new paper (●)",
    ),
    (
        Normal,
        "previous_new",
        &[ch('N')],
        Action::PreviousNew,
        "previous new paper",
    ),
    (
        Normal,
        "zotero",
        &[ch('Z')],
        Action::SendToZotero,
        "send the paper to Zotero",
    ),
    (
        Normal,
        "next_match",
        &[ch('A')],
        Action::NextMatch,
        "next paper a saved search marks",
    ),
    (
        Normal,
        "save_search",
        &[ch('+')],
        Action::SaveSearch,
        "save the filter as a search",
    ),
    (
        Normal,
        "only_new",
        &[ch('v')],
        Action::OnlyNew,
        "only new papers / all",
    ),
    (
        Normal,
        "sort",
        &[ch('S')],
        Action::CycleSort,
        "order: page, upvotes, date",
    ),
    (
        Normal,
        "more_like_this",
        &[ch('m')],
        Action::MoreLikeThis,
        "more like this paper (Esc: back)",
    ),
    (
        Normal,
        "for_you",
        &[ch('f')],
        Action::ForYou,
        "for you: rank by a list / not",
    ),
    (
        Normal,
        "for_you_list",
        &[ch('F')],
        Action::PickRankList,
        "choose the list to rank by...",
    ),
    (
        Normal,
        "summaries",
        &[ch('t')],
        Action::ToggleSummaries,
        "summary view / titles only",
    ),
    (
        Normal,
        "not_for_me",
        &[ch('X')],
        Action::NotForMe,
        "not for me / for me again",
    ),
    (
        Normal,
        "profile",
        &[ch('T')],
        Action::ShowProfile,
        "the ranking's top terms: mute one...",
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
        "open the PDF (on disk first)",
    ),
    (
        Normal,
        "download_pdf",
        &[ch('P')],
        Action::DownloadPdf,
        "download the PDF into pdfs/",
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
        "open_image",
        &[ch('i')],
        Action::OpenImage,
        "open the teaser image",
    ),
    (
        Normal,
        "copy_title",
        &[ch('y')],
        Action::CopyTitle,
        "copy the title (OSC 52)",
    ),
    (
        Normal,
        "note",
        &[ch('e')],
        Action::EditNote,
        "write a note on a saved paper",
    ),
    (
        Normal,
        "note_in_editor",
        &[ch('E')],
        Action::EditNoteInEditor,
        "write a long note in $EDITOR",
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
        Note,
        "note_save",
        &[plain(KeyCode::Enter)],
        Action::AcceptNote,
        "save (empty: no note)",
    ),
    (
        Note,
        "note_cancel",
        &[plain(KeyCode::Esc)],
        Action::Cancel,
        "cancel",
    ),
    (
        Note,
        "note_delete_char",
        &[plain(KeyCode::Backspace)],
        Action::DeleteChar,
        "delete a character",
    ),
    (
        Note,
        "note_delete_word",
        &[ctrl('w')],
        Action::DeleteWord,
        "delete a word",
    ),
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
            (Filter | Picker | Note, KeyCode::Char(c))
                if !pressed.mods.contains(KeyModifiers::CONTROL) =>
            {
                Some(Action::Type(c))
            }
            _ => None,
        }
    }

    /// The help rows of a mode: keys joined, and what they do.
    pub fn help_rows(&self, mode: KeyMode) -> impl Iterator<Item = (String, &'static str)> + '_ {
        self.named_help_rows(mode)
            .map(|(keys, help, _)| (keys, help))
    }

    /// [`Keymap::help_rows`] with each action's name (as the config file
    /// calls it).
    pub fn named_help_rows(
        &self,
        mode: KeyMode,
    ) -> impl Iterator<Item = (String, &'static str, &'static str)> + '_ {
        self.rows.iter().filter(move |b| b.mode == mode).map(|b| {
            let keys: Vec<String> = b.keys.iter().map(Key::to_string).collect();
            (keys.join(" / "), b.help, b.name)
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
        assert_eq!(a('Q'), None);
        assert_eq!(a('Z'), Some(Action::SendToZotero));
        assert_eq!(a('P'), Some(Action::DownloadPdf));
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
    fn help_lists_every_binding() {
        let k = Keymap::default();
        let rows: usize = KeyMode::ALL.iter().map(|&m| k.help_rows(m).count()).sum();
        assert_eq!(rows, k.rows().len());
        assert!(k.help_rows(Normal).any(|(keys, _)| keys == "q / Ctrl-c"));
    }
}

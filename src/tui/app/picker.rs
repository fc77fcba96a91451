//! The list picker of `a` (add to a list), `L` (view a list) and `F` (rank
//! by a list): a name typed or chosen from the lists there are; and the
//! term picker of `T` (mute a term of the ranking shown).

use super::{Action, App, Overlay, View};
use crate::store::{ListName, NameError, Op, Snapshot};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickFor {
    /// `a`: add the selected paper to the chosen list.
    Add,
    /// `L`: view the chosen list.
    View,
    /// `F`: rank the papers by the chosen list.
    RankBy,
    /// `T`: mute the chosen term of the ranking shown (or count it again).
    Mute,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub purpose: PickFor,
    pub input: String,
    pub selected: usize,
}

impl Picker {
    pub fn new(purpose: PickFor) -> Picker {
        Picker {
            purpose,
            input: String::new(),
            selected: 0,
        }
    }

    /// The list names (with counts) offered for the input.
    pub fn choices(&self, lists: &Snapshot) -> Vec<(ListName, usize)> {
        let needle = self.input.trim().to_lowercase();
        lists
            .names()
            .into_iter()
            .filter(|(name, _)| name.as_str().to_lowercase().contains(&needle))
            .collect()
    }

    pub fn push(&mut self, c: char) {
        self.input.push(c);
        self.selected = 0;
    }

    pub fn pop(&mut self) {
        self.input.pop();
        self.selected = 0;
    }

    pub fn move_by(&mut self, down: bool, choices: usize) {
        self.selected = if down {
            (self.selected + 1).min(choices.saturating_sub(1))
        } else {
            self.selected.saturating_sub(1)
        };
    }

    /// The terms of `profile` (`(term, word, detail)`) offered for the
    /// input.
    pub fn terms<'a>(
        &self,
        profile: &'a [(u32, String, String)],
    ) -> Vec<&'a (u32, String, String)> {
        let needle = self.input.trim().to_lowercase();
        profile
            .iter()
            .filter(|(_, word, _)| word.to_lowercase().contains(&needle))
            .collect()
    }

    /// The name chosen: the selected choice, else the name typed (which
    /// may be no name: nothing typed, or too long).
    pub fn chosen(&self, lists: &Snapshot) -> Result<ListName, NameError> {
        match self.choices(lists).get(self.selected) {
            Some((name, _)) => Ok(name.clone()),
            None => ListName::new(self.input.trim()),
        }
    }
}

impl App {
    pub(super) fn picking(&mut self, action: Action) {
        match action {
            Action::PickList if self.selected_paper().is_some() => {
                self.overlay = Overlay::Picker(Picker::new(PickFor::Add));
            }
            Action::SwitchView => match self.view {
                View::List(_) => self.show_digest(),
                View::Digest => self.overlay = Overlay::Picker(Picker::new(PickFor::View)),
            },
            Action::AcceptPick => self.accept_pick(),
            Action::Cancel => self.overlay = Overlay::None,
            _ => {}
        }
    }

    pub(super) fn accept_pick(&mut self) {
        let Overlay::Picker(p) = std::mem::replace(&mut self.overlay, Overlay::None) else {
            return;
        };
        if p.purpose == PickFor::Mute {
            let profile = self.profile_choices();
            let chosen = p
                .terms(&profile)
                .get(p.selected)
                .map(|(t, w, _)| (*t, w.clone()));
            if let Some((t, word)) = chosen {
                self.toggle_mute(t, &word);
            }
            return;
        }
        let name = match p.chosen(self.lists.shown()) {
            Ok(name) => name,
            Err(NameError::Empty) => return,
            Err(e) => return self.error(e.to_string()),
        };
        match p.purpose {
            PickFor::Add => {
                let Some(entry) = self.selected_entry() else {
                    return;
                };
                if self.lists().contains(&name, &entry.id) {
                    return self.info(format!("already in {name}"));
                }
                let what = format!("added to {name}");
                self.change(
                    vec![Op::Add {
                        list: name,
                        entry: Box::new(entry),
                    }],
                    &what,
                );
            }
            PickFor::View if self.lists().has_list(&name) => self.show_list(&name),
            PickFor::RankBy if self.lists().has_list(&name) => self.rank_by(name),
            PickFor::View | PickFor::RankBy => self.error(format!("no list named {name}")),
            PickFor::Mute => {}
        }
    }

    /// What picker `p` offers: `(name, detail)` rows, lists with their
    /// counts or the ranking's terms with their weight.
    pub fn picker_rows(&self, p: &Picker) -> Vec<(String, String)> {
        if p.purpose == PickFor::Mute {
            return p
                .terms(&self.profile_choices())
                .into_iter()
                .map(|(_, word, detail)| (word.clone(), detail.clone()))
                .collect();
        }
        p.choices(self.lists.shown())
            .into_iter()
            .map(|(name, count)| (name.to_string(), count.to_string()))
            .collect()
    }
}

//! The list picker of `a` (add to a list), `L` (view a list) and `F` (rank
//! by a list): a name typed or chosen from the lists there are; and the
//! term picker of `T` (mute a term of the ranking shown).

use crate::store::Snapshot;

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
    pub fn choices(&self, lists: &Snapshot) -> Vec<(String, usize)> {
        let needle = self.input.trim().to_lowercase();
        lists
            .names()
            .into_iter()
            .filter(|(name, _)| name.to_lowercase().contains(&needle))
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

    /// The name chosen: the selected choice, else the name typed.
    pub fn chosen(&self, lists: &Snapshot) -> Option<String> {
        let name = match self.choices(lists).get(self.selected) {
            Some((name, _)) => name.clone(),
            None => self.input.trim().to_owned(),
        };
        (!name.is_empty()).then_some(name)
    }
}

//! Notes on saved papers: the one-line editor, `$EDITOR`, and saving.

use super::{Action, App, Effect, Overlay, View};
use crate::store::{Entry, ListName, Op};

impl App {
    /// The list a note goes to: the one viewed, else bookmarks.
    pub(super) fn note_list(&self) -> ListName {
        match &self.view {
            View::List(name) => name.clone(),
            View::Digest => ListName::bookmarks().clone(),
        }
    }

    /// The selected paper's entry in the note list, if it is saved there.
    pub fn note_target(&self) -> Option<(ListName, &Entry)> {
        let i = self.selected_paper()?;
        let list = self.note_list();
        let entry = self.lists().entry(&list, &self.paper_id(i))?;
        Some((list, entry))
    }

    pub(super) fn noting(&mut self, action: Action) {
        if action == Action::AcceptNote && matches!(self.overlay, Overlay::SearchName { .. }) {
            return self.accept_search_name();
        }
        if action == Action::AcceptNote {
            if let Overlay::Note { list, id, input } =
                std::mem::replace(&mut self.overlay, Overlay::None)
            {
                self.note_edited(list, id, input);
            }
            return;
        }
        let Some((list, entry)) = self.note_target() else {
            let hint = match self.view {
                View::Digest => format!(
                    "notes are kept on saved papers: bookmark it first ({})",
                    self.key_name(Action::ToggleBookmark)
                ),
                View::List(_) => "no paper selected".to_owned(),
            };
            return self.info(hint);
        };
        let (id, text) = (entry.id.clone(), entry.note.clone().unwrap_or_default());
        if action == Action::EditNote {
            let input = text.split_whitespace().collect::<Vec<_>>().join(" ");
            self.overlay = Overlay::Note { list, id, input };
        } else {
            self.effects.push(Effect::EditNote { list, id, text });
        }
    }

    /// A note written (in the one-line editor or `$EDITOR`): saved on the
    /// entry, or the note cleared when empty.
    pub fn note_edited(&mut self, list: ListName, id: String, text: String) {
        let text = text.trim();
        let note = (!text.is_empty()).then(|| text.to_owned());
        let what = if note.is_some() {
            "note saved"
        } else {
            "note cleared"
        };
        let before = self.lists.shown().entry(&list, &id).map(|e| e.note.clone());
        if before == Some(note.clone()) {
            return self.info("note unchanged");
        }
        self.change(vec![Op::SetNote { list, id, note }], what);
    }
}

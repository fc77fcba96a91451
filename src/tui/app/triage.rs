//! The reading lists as the reader shows them: what was last saved, plus
//! the changes on their way to the store worker, so a bookmark shows the
//! moment its key is pressed and never waits for the disk. A change that
//! fails to save is taken back off the screen and reported.

use super::{Action, App, Effect, View};
use crate::store::{self, Entry};
use crate::store::{Op, Snapshot};

/// Work for the store worker.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreJob {
    /// Save `ops`; the answer carries `seq`.
    Apply { seq: u64, ops: Vec<Op> },
    /// Read the file again (another paperboy may have changed it).
    Reload,
    /// Record these papers as shown (in the shown-papers record).
    Record(Vec<crate::digest::PaperId>),
}

/// The store worker's answers.
#[derive(Clone, Debug)]
pub enum StoreReply {
    /// The lock is held by another paperboy; the worker keeps trying.
    Waiting,
    /// Papers were recorded as shown, or why not.
    Recorded(Result<(), std::sync::Arc<std::io::Error>>),
    /// A job finished: the lists as they are on disk now, and whether the
    /// job's change (`seq`, none for a reload) failed, and why.
    Done {
        seq: Option<u64>,
        snapshot: Snapshot,
        error: Option<String>,
        notices: Vec<String>,
    },
}

/// One undoable step: the ops that reverse it.
#[derive(Debug)]
struct Undo {
    ops: Vec<Op>,
    what: String,
    /// The change it reverses (dropped if that change fails).
    seq: u64,
}

#[derive(Debug, Default)]
pub struct Lists {
    /// As on disk when the worker last said.
    saved: Snapshot,
    /// Sent to the worker, not yet answered, in order.
    pending: Vec<(u64, Vec<Op>)>,
    /// `saved` with `pending` applied: what the screen shows.
    shown: Snapshot,
    undo: Vec<Undo>,
    /// Undos on their way: put back if they fail.
    undoing: Vec<Undo>,
    next: u64,
}

impl Lists {
    pub fn new(saved: Snapshot) -> Lists {
        Lists {
            shown: saved.clone(),
            saved,
            ..Lists::default()
        }
    }

    pub fn shown(&self) -> &Snapshot {
        &self.shown
    }

    /// Changes sent to the worker and not yet saved.
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    /// Shows `ops` at once, remembers how to undo them as `what`, and
    /// returns the job that saves them (none when they change nothing).
    pub fn change(&mut self, ops: Vec<Op>, what: &str) -> Option<StoreJob> {
        let undo = self.shown.undo_of(&ops);
        if undo.is_empty() {
            return None;
        }
        let seq = self.send(ops.clone());
        self.undo.push(Undo {
            ops: undo,
            what: what.to_owned(),
            seq,
        });
        Some(StoreJob::Apply { seq, ops })
    }

    /// Takes the last change back; returns its job and what it was.
    pub fn undo(&mut self) -> Option<(StoreJob, String)> {
        let mut u = self.undo.pop()?;
        let ops = u.ops.clone();
        u.seq = self.send(ops.clone());
        let job = StoreJob::Apply { seq: u.seq, ops };
        let what = u.what.clone();
        self.undoing.push(u);
        Some((job, what))
    }

    fn send(&mut self, ops: Vec<Op>) -> u64 {
        self.next += 1;
        self.shown.apply(&ops);
        self.pending.push((self.next, ops));
        self.next
    }

    /// Takes in the worker's answer. Returns the error to show, if the
    /// change failed (it is then off the screen again).
    pub fn done(&mut self, seq: Option<u64>, snapshot: Snapshot, error: Option<String>) {
        self.saved = snapshot;
        if let Some(seq) = seq {
            self.pending.retain(|(s, _)| *s != seq);
            let was_undo = self.undoing.iter().position(|u| u.seq == seq);
            match (was_undo, &error) {
                (Some(k), Some(_)) => {
                    let u = self.undoing.remove(k);
                    self.undo.push(u); // it can be tried again
                }
                (Some(k), None) => {
                    self.undoing.remove(k);
                }
                (None, Some(_)) => self.undo.retain(|u| u.seq != seq),
                (None, None) => {}
            }
        }
        self.shown = self.saved.clone();
        for (_, ops) in &self.pending {
            self.shown.apply(ops);
        }
    }
}

impl App {
    /// Paper `i`'s id as the store keeps it.
    pub(super) fn paper_id(&self, i: usize) -> String {
        self.digest().papers()[i].id.to_string()
    }

    pub fn is_bookmarked(&self, i: usize) -> bool {
        self.lists()
            .contains(store::DEFAULT_LIST, &self.paper_id(i))
    }

    pub fn is_read(&self, i: usize) -> bool {
        self.lists().is_read(&self.paper_id(i))
    }

    pub fn is_not_for_me(&self, i: usize) -> bool {
        self.lists().is_not_for_me(&self.paper_id(i))
    }

    pub(super) fn selected_entry(&self) -> Option<Entry> {
        self.selected_paper()
            .map(|i| Entry::from_paper(&self.digest().get(i)))
    }

    pub(super) fn triage(&mut self, action: Action) {
        match action {
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::ToggleRead => self.toggle_read(),
            Action::NotForMe => self.toggle_not_for_me(),
            Action::RemoveFromList => self.remove_from_list(),
            Action::Undo => match self.lists.undo() {
                Some((job, what)) => {
                    self.effects.push(Effect::Store(job));
                    self.info(format!("undone: {what}"));
                    self.refresh_list_view();
                    self.rerank();
                }
                None => self.info("nothing to undo"),
            },
            _ => {}
        }
    }

    /// Shows `ops` and sends them to be saved; says `done`.
    pub(super) fn change(&mut self, ops: Vec<Op>, done: &str) {
        if let Some(job) = self.lists.change(ops, done) {
            self.effects.push(Effect::Store(job));
            self.info(done);
            self.refresh_list_view();
        }
    }

    pub(super) fn toggle_bookmark(&mut self) {
        let Some(entry) = self.selected_entry() else {
            return;
        };
        let list = store::ListName::bookmarks().clone();
        if self.lists().contains(&list, &entry.id) {
            let id = entry.id;
            self.change(vec![Op::Remove { list, id }], "removed the bookmark");
        } else {
            self.change(
                vec![Op::Add {
                    list,
                    entry: Box::new(entry),
                }],
                "bookmarked",
            );
        }
    }

    pub(super) fn toggle_read(&mut self) {
        let Some(i) = self.selected_paper() else {
            return;
        };
        let id = self.paper_id(i);
        let read = !self.lists().is_read(&id);
        let what = if read { "marked read" } else { "marked unread" };
        self.change(vec![Op::SetRead { id, read }], what);
    }

    /// Marks the selected paper "not for me", or takes the mark off; a
    /// ranking "for you" shown follows at once.
    pub(super) fn toggle_not_for_me(&mut self) {
        let Some(entry) = self.selected_entry() else {
            return;
        };
        if self.lists().is_not_for_me(&entry.id) {
            let id = entry.id;
            self.change(vec![Op::ForMe { id }], "for me again");
        } else {
            self.change(
                vec![Op::NotForMe {
                    entry: Box::new(entry),
                }],
                &format!(
                    "not for me: for you ranks away from it ({} undoes)",
                    self.key_name(Action::Undo)
                ),
            );
        }
        self.rerank();
    }

    pub(super) fn remove_from_list(&mut self) {
        let View::List(list) = self.view.clone() else {
            let (x, lists) = (
                self.key_name(Action::RemoveFromList),
                self.key_name(Action::SwitchView),
            );
            return self.info(format!(
                "{x} removes from a reading list: open one with {lists}"
            ));
        };
        let Some(i) = self.selected_paper() else {
            return;
        };
        let id = self.paper_id(i);
        let what = format!("removed from {list}");
        self.change(vec![Op::Remove { list, id }], &what);
    }

    /// The store worker's answer.
    pub fn store_done(&mut self, reply: StoreReply) {
        match reply {
            StoreReply::Waiting => self.info("another paperboy is saving; retrying"),
            StoreReply::Recorded(done) => {
                self.shown.answered();
                if let Err(e) = done {
                    self.error(format!("cannot record which papers were shown: {e}"));
                }
            }
            StoreReply::Done {
                seq,
                snapshot,
                error,
                notices,
            } => {
                self.lists.done(seq, snapshot, error.clone());
                self.notify(notices);
                if let Some(e) = error {
                    self.error(e);
                }
                self.refresh_list_view();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Entry;

    fn add(id: &str) -> Op {
        Op::Add {
            list: "bookmarks".parse().unwrap(),
            entry: Box::new(Entry {
                id: id.into(),
                title: id.into(),
                source: "t".into(),
                line: 1,
                ..Entry::default()
            }),
        }
    }

    #[test]
    fn a_change_shows_at_once_and_goes_when_it_fails() {
        let mut l = Lists::new(Snapshot::default());
        let Some(StoreJob::Apply { seq, ops }) = l.change(vec![add("a")], "bookmarked") else {
            panic!("a job");
        };
        assert!(l.shown().contains("bookmarks", "a"));
        assert_eq!(l.unsaved(), 1);
        l.done(Some(seq), Snapshot::default(), Some("disk full".into()));
        assert!(!l.shown().contains("bookmarks", "a"));
        assert!(l.undo().is_none(), "a failed change leaves nothing to undo");
        // Saved: the worker's snapshot has it.
        l.change(ops.clone(), "bookmarked");
        let mut saved = Snapshot::default();
        saved.apply(&ops);
        l.done(Some(2), saved, None);
        assert!(l.shown().contains("bookmarks", "a"));
        assert_eq!(l.unsaved(), 0);
    }

    #[test]
    fn pending_changes_stay_shown_over_a_reload() {
        let mut l = Lists::new(Snapshot::default());
        l.change(vec![add("a")], "bookmarked");
        l.done(None, Snapshot::default(), None); // a reload that predates it
        assert!(l.shown().contains("bookmarks", "a"));
        assert!(
            l.change(vec![add("a")], "again").is_none(),
            "no change, no job"
        );
    }

    #[test]
    fn a_failed_undo_can_be_tried_again() {
        let mut l = Lists::new(Snapshot::default());
        l.change(vec![add("a")], "bookmarked");
        let mut saved = Snapshot::default();
        saved.apply(&[add("a")]);
        l.done(Some(1), saved.clone(), None);
        let (StoreJob::Apply { seq, .. }, what) = l.undo().unwrap() else {
            panic!()
        };
        assert_eq!(what, "bookmarked");
        assert!(!l.shown().contains("bookmarks", "a"));
        l.done(Some(seq), saved, Some("locked".into()));
        assert!(l.shown().contains("bookmarks", "a"));
        assert!(l.undo().is_some());
    }
}

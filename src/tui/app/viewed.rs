//! What the list shows: the loaded papers or a saved reading list, and
//! which new papers have been on screen (recorded as shown).

use std::collections::HashSet;
use std::sync::Arc;

use super::{App, View};
use crate::digest::{Digest, OwnedPaper, PaperId};
use crate::filter::{Engine, Ranked};
use crate::store::ListName;

/// The new papers that have been on screen this session: each is handed
/// over once to be recorded, and the records sent are counted until the
/// store answers (quitting waits for them).
#[derive(Default)]
pub(super) struct Shown {
    seen: HashSet<PaperId>,
    to_record: Vec<PaperId>,
    unanswered: usize,
}

impl Shown {
    /// `id` was on screen: handed over the first time.
    fn see(&mut self, id: PaperId) {
        if self.seen.insert(id) {
            self.to_record.push(id);
        }
    }

    fn take(&mut self) -> Vec<PaperId> {
        std::mem::take(&mut self.to_record)
    }

    /// One record was handed to the store.
    fn sent(&mut self) {
        self.unanswered += 1;
    }

    /// The store answered one record.
    pub(super) fn answered(&mut self) {
        self.unanswered = self.unanswered.saturating_sub(1);
    }

    pub(super) fn unanswered(&self) -> usize {
        self.unanswered
    }
}

impl App {
    /// Papers shown were handed over to be recorded.
    pub fn recording_sent(&mut self) {
        self.shown.sent();
    }

    /// The whole library, read after its newest day was shown: the list
    /// keeps its day and its selection.
    pub fn library_loaded(&mut self, engine: Arc<Engine>) {
        self.digest_engine = Arc::clone(&engine);
        if self.view == View::Digest {
            self.set_engine(engine);
        }
        self.mark_matches();
        self.info("all days read");
    }

    /// Shows a saved list instead of the digest (`paperboy --list NAME`).
    pub fn show_list(&mut self, name: &ListName) {
        let entries = self.lists.shown().list(name);
        let library = self.digest_engine.digest();
        let digest = Digest::from_papers(entries.iter().map(|e| OwnedPaper {
            title: &e.title,
            abstract_: &e.abstract_,
            date: e.date.as_deref(),
            source: &e.source,
            line: e.line,
            facts: Some(e.facts_following(library)),
        }));
        self.view = View::List(name.clone());
        self.set_engine(Arc::new(Engine::new(Arc::new(digest))));
    }

    pub(super) fn show_digest(&mut self) {
        self.view = View::Digest;
        self.set_engine(Arc::clone(&self.digest_engine));
    }

    pub(super) fn set_engine(&mut self, engine: Arc<Engine>) {
        let keep = self.selected_paper().map(|i| self.digest().papers()[i].id);
        self.drop_ranking();
        self.engine = engine;
        self.base.reread(self.engine.digest());
        self.filter.drop_pending();
        let keep = keep.and_then(|id| self.digest().position(id));
        let all = Ranked::all(self.digest().len());
        self.list.replace(all, keep, self.sizes.list_rows);
        self.refilter();
    }

    /// A list on screen shows its entries as they are now.
    pub(super) fn refresh_list_view(&mut self) {
        if let View::List(name) = self.view.clone() {
            self.show_list(&name);
        }
    }

    /// Notes the new papers on screen now: they count as shown from the
    /// next session on (`take_shown` hands them over to be recorded).
    pub fn note_on_screen(&mut self) {
        let (from, rows) = (self.list.offset(), self.sizes.list_rows);
        let on_screen: Vec<usize> = self
            .list
            .results()
            .ranked()
            .iter()
            .skip(from)
            .take(rows)
            .map(|h| h.paper as usize)
            .collect();
        for i in on_screen {
            let id = self.digest().papers()[i].id;
            if self.view == View::Digest && self.is_new(i) {
                self.shown.see(id);
            }
        }
    }

    /// The new papers shown since the last call.
    pub fn take_shown(&mut self) -> Vec<PaperId> {
        self.shown.take()
    }
}

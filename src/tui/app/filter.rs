//! The filter being typed, and the sequence numbers that keep its answers
//! in order: an answer older than the one shown is dropped.

use std::sync::Arc;

use super::{Action, App, Effect, Focus, Overlay, SearchJob};
use crate::filter::Ranked;
use crate::filter::{Known, Query, Scope};

#[derive(Debug)]
pub struct Filter {
    /// The text as typed.
    input: String,
    editing: bool,
    scope: Scope,
    query: Query,
    /// The newest search asked for, and the one whose results are shown.
    seq: u64,
    shown_seq: u64,
}

impl Filter {
    pub fn new(scope: Scope) -> Filter {
        Filter {
            input: String::new(),
            editing: false,
            scope,
            query: Query::new("", scope),
            seq: 0,
            shown_seq: 0,
        }
    }

    pub fn input(&self) -> &str {
        &self.input
    }

    pub fn editing(&self) -> bool {
        self.editing
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    /// True while a search is on its way.
    pub fn searching(&self) -> bool {
        self.shown_seq < self.seq
    }

    pub fn set_editing(&mut self, editing: bool) {
        self.editing = editing;
    }

    pub fn push(&mut self, c: char) {
        self.input.push(c);
    }

    pub fn pop(&mut self) {
        self.input.pop();
    }

    pub fn delete_word(&mut self) {
        let keep = self.input.trim_end().rfind(' ').map_or(0, |i| i + 1);
        self.input.truncate(keep);
    }

    /// Clears the text; false when there was none.
    pub fn clear(&mut self) -> bool {
        let had = !self.input.is_empty();
        self.input.clear();
        had
    }

    pub fn toggle_scope(&mut self) {
        self.scope = match self.scope {
            Scope::Title => Scope::All,
            Scope::All => Scope::Title,
        };
    }

    /// The query for the text and scope now, with a new sequence number;
    /// `known` is asked only when a term needs it.
    pub fn next_search(&mut self, known: impl FnOnce() -> Arc<Known>) -> (u64, &Query) {
        self.query = Query::new(&self.input, self.scope);
        if self.query.needs_known() {
            self.query = self.query.clone().with_known(known());
        }
        self.seq += 1;
        (self.seq, &self.query)
    }

    /// Whether an answer to search `seq` is newer than the one shown; if so
    /// it is the one shown from now on.
    pub fn accept(&mut self, seq: u64) -> bool {
        if seq <= self.shown_seq || seq > self.seq {
            return false;
        }
        self.shown_seq = seq;
        true
    }

    /// Forgets searches on their way (the papers they were asked of went).
    pub fn drop_pending(&mut self) {
        self.shown_seq = self.seq;
    }
}

impl App {
    pub(super) fn filtering(&mut self, action: Action) {
        if let Overlay::Picker(p) = &mut self.overlay {
            match action {
                Action::Type(c) => p.push(c),
                Action::DeleteChar => p.pop(),
                _ => {}
            }
            return;
        }
        if let Overlay::Note { input, .. } | Overlay::SearchName { input } = &mut self.overlay {
            match action {
                Action::Type(c) if !c.is_control() => input.push(c),
                Action::DeleteChar => {
                    input.pop();
                }
                Action::DeleteWord => {
                    let keep = input.trim_end().rfind(' ').map_or(0, |i| i + 1);
                    input.truncate(keep);
                }
                _ => {}
            }
            return;
        }
        let f = &mut self.filter;
        match action {
            Action::StartFilter => {
                f.set_editing(true);
                self.focus = Focus::List;
                return;
            }
            Action::AcceptFilter => return f.set_editing(false),
            Action::Type(c) => f.push(c),
            Action::DeleteChar => f.pop(),
            Action::DeleteWord => f.delete_word(),
            Action::ClearFilter => {
                f.set_editing(false);
                if !f.clear() {
                    return;
                }
            }
            Action::ToggleScope => {
                f.toggle_scope();
                let scope = match f.scope() {
                    Scope::Title => "titles",
                    Scope::All => "titles and abstracts",
                };
                self.info(format!("filter scope: {scope}"));
            }
            _ => return,
        }
        self.refilter();
    }

    /// Re-runs the filter after its text, scope or digest changed.
    pub(super) fn refilter(&mut self) {
        let engine = Arc::clone(&self.engine);
        let lists = self.lists.shown();
        let (seq, query) = self
            .filter
            .next_search(|| Arc::new(Known::from_snapshot(lists)));
        if query.is_empty() {
            // Nothing to match: every paper in view, at once.
            let all = self.base.all(engine.digest());
            self.accept_results(seq, all);
        } else {
            let query = query.clone();
            let within = self.base.within();
            self.effects.push(Effect::Search(SearchJob {
                seq,
                query,
                engine,
                within,
            }));
        }
    }

    /// A finished search. Older answers than the one shown are dropped, so
    /// a slow stale search can never replace a newer result.
    pub fn search_done(&mut self, seq: u64, ranked: Ranked) {
        let ranked = self.base.order(self.engine.digest(), ranked);
        self.accept_results(seq, ranked);
    }

    pub(super) fn accept_results(&mut self, seq: u64, ranked: Ranked) {
        if !self.filter.accept(seq) {
            return;
        }
        let keep = self.selected_paper();
        self.list.replace(ranked, keep, self.sizes.list_rows);
        self.paper_scroll = 0;
    }
}

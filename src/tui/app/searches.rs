//! Saved searches in the reader: the new papers each one matches are
//! marked with its name, a key steps through them, and a key saves the
//! filter as a new one (written to config.toml by the event loop).

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Action, App, Effect, Overlay, View};
use crate::filter::Query;
use crate::saved::{self, Search};

/// The searches, and which new papers of the loaded digests each marks.
#[derive(Default)]
pub struct Searches {
    list: Vec<(String, Query)>,
    /// Paper (in the loaded digests) -> the searches marking it.
    marks: HashMap<u32, Vec<u16>>,
    /// Where config.toml is, to save new searches in.
    dir: Option<PathBuf>,
}

impl App {
    /// The same app following `searches` (config.toml's), saving new ones
    /// in `dir`.
    pub fn with_searches(mut self, searches: &[Search], dir: Option<PathBuf>) -> App {
        let scope = self.filter.scope();
        self.searches.list = searches
            .iter()
            .map(|s| (s.name.clone(), Query::new(&s.query, scope)))
            .collect();
        self.searches.dir = dir;
        self.mark_matches();
        self
    }

    /// Works out which new papers each search marks (when the papers or
    /// what counts as new changed).
    pub(super) fn mark_matches(&mut self) {
        self.searches.marks.clear();
        if self.searches.list.is_empty() {
            return;
        }
        let engine = &self.digest_engine;
        let d = engine.digest();
        let new: Vec<u32> = (0..d.len() as u32)
            .filter(|&i| self.base.is_new(d, i as usize))
            .collect();
        for (k, (_, q)) in self.searches.list.iter().enumerate() {
            let Some(hits) = engine.search(q, Some(&new), &|| false) else {
                continue;
            };
            for p in hits.papers() {
                self.searches.marks.entry(p).or_default().push(k as u16);
            }
        }
    }

    /// The names of the saved searches marking paper `i` (of the list shown).
    pub fn marks_of(&self, i: usize) -> Vec<&str> {
        if self.view != View::Digest {
            return Vec::new();
        }
        let Some(ks) = self.searches.marks.get(&(i as u32)) else {
            return Vec::new();
        };
        ks.iter()
            .map(|&k| self.searches.list[k as usize].0.as_str())
            .collect()
    }

    /// How many new papers the saved searches mark.
    pub fn marked_count(&self) -> usize {
        self.searches.marks.len()
    }

    pub(super) fn jump_to_match(&mut self) {
        if self.searches.list.is_empty() {
            let save = self.key_name(Action::SaveSearch);
            return self.info(format!(
                "no saved searches: save the filter with {save} (or see [searches] in config.toml)"
            ));
        }
        if !self.jump(true, |a, i| !a.marks_of(i).is_empty()) {
            self.info("no paper below that a saved search marks");
        }
    }

    pub(super) fn ask_search_name(&mut self) {
        if self.filter.query().is_empty() {
            let (filter, save) = (
                self.key_name(Action::StartFilter),
                self.key_name(Action::SaveSearch),
            );
            return self.info(format!(
                "type a filter first ({filter}), then save it with {save}"
            ));
        }
        self.overlay = Overlay::SearchName {
            input: String::new(),
        };
    }

    pub(super) fn accept_search_name(&mut self) {
        let Overlay::SearchName { input } = std::mem::replace(&mut self.overlay, Overlay::None)
        else {
            return;
        };
        let name = input.trim().to_owned();
        if let Some(e) = saved::bad_name(&name) {
            return self.error(e.to_string());
        }
        let Some(dir) = self.searches.dir.clone() else {
            return self.error("no config directory to save searches in");
        };
        let query = self.filter.query().text().trim().to_owned();
        self.effects.push(Effect::SaveSearch { dir, name, query });
    }

    /// A search was saved (or could not be): it marks papers from now on.
    pub fn search_saved(&mut self, name: String, query: String, done: Result<(), saved::AddError>) {
        if let Err(e) = done {
            return self.error(format!("the search was not saved: {e}"));
        }
        let q = Query::new(&query, self.filter.scope());
        self.searches.list.push((name.clone(), q));
        self.mark_matches();
        self.info(format!("saved the search {name}: {query}"));
    }
}

//! Which sources the reader's day and papers came from (the Daily Papers,
//! arXiv), and arXiv's replacements: said only when the papers read come
//! from more than one source.

use super::App;
use super::days::Period;
use crate::digest::Source;

impl App {
    /// The sources of the day shown, for the status bar (`hf + arXiv`).
    pub fn day_sources(&self) -> Option<String> {
        let d = self.digest();
        let days = self.base.days();
        if days.period() != Period::Day || !d.has_many_sources() {
            return None;
        }
        let sources = d.sources_on(days.current()?.0);
        (!sources.is_empty()).then(|| Source::line(&sources))
    }

    /// The sources paper `i` came from, for the pane (`from hf + arXiv`).
    pub fn paper_sources(&self, i: usize) -> Option<String> {
        let d = self.digest();
        d.has_many_sources()
            .then(|| format!("from {}", Source::line(&d.sources_of(i))))
    }

    /// Whether paper `i` is only a new version arXiv announced.
    pub fn is_replacement(&self, i: usize) -> bool {
        self.digest().is_replacement(i)
    }
}

//! The paper list: the ranked results on show, which one is selected, and
//! the first row on screen. The selection is kept valid here, whatever the
//! results or the screen do.

use crate::filter::Ranked;

#[derive(Debug, Default)]
pub struct List {
    results: Ranked,
    selected: usize,
    offset: usize,
}

impl List {
    pub fn new(results: Ranked) -> List {
        List {
            results,
            selected: 0,
            offset: 0,
        }
    }

    pub fn results(&self) -> &Ranked {
        &self.results
    }

    /// Rank of the selected row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Rank of the first row on screen.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The index (in the digest) of the selected paper.
    pub fn selected_paper(&self) -> Option<usize> {
        self.results
            .ranked()
            .get(self.selected)
            .map(|h| h.paper as usize)
    }

    /// The paper (an index in the digest) at rank `k`, ranking further as
    /// needed.
    pub fn paper_at(&mut self, k: usize) -> Option<usize> {
        self.results.get(k).map(|h| h.paper as usize)
    }

    /// Where paper `paper` ranks, if it is shown.
    pub fn position_of(&mut self, paper: u32) -> Option<usize> {
        self.results.position_of(paper)
    }

    pub fn select(&mut self, i: usize, rows: usize) {
        self.selected = i;
        self.clamp(rows);
    }

    pub fn last(&self) -> usize {
        self.results.len().saturating_sub(1)
    }

    /// Shows new results, keeping the selection on `keep` (a paper index)
    /// when it is among them, else on the same rank.
    pub fn replace(&mut self, results: Ranked, keep: Option<usize>, rows: usize) {
        self.results = results;
        if let Some(i) = keep.and_then(|p| self.results.position_of(p as u32)) {
            self.selected = i;
        }
        self.clamp(rows);
    }

    /// Keeps selection and offset valid for the results and `rows` rows on
    /// screen, and ranks as far as the screen shows.
    pub fn clamp(&mut self, rows: usize) {
        let n = self.results.len();
        let rows = rows.max(1);
        self.selected = self.selected.min(n.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(n.saturating_sub(rows));
        self.results.ensure_sorted(self.offset + rows + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_stays_in_range_and_on_screen() {
        let mut l = List::new(Ranked::all(10));
        l.select(100, 3);
        assert_eq!((l.selected(), l.offset()), (9, 7));
        l.select(0, 3);
        assert_eq!((l.selected(), l.offset()), (0, 0));
        l.replace(Ranked::all(2), None, 3);
        assert_eq!(l.selected(), 0);
        l.select(1, 3);
        l.replace(Ranked::all(0), None, 3);
        assert_eq!((l.selected(), l.selected_paper()), (0, None));
    }
}

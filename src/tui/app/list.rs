//! The paper list: the ranked results on show, which one is selected, and
//! the first row on screen. The selection is kept valid here, whatever the
//! results or the screen do.

use super::{Action, App, Focus, Overlay};
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

impl App {
    pub(super) fn movement(&mut self, action: Action) {
        use Action::*;
        if let Overlay::Picker(p) = &self.overlay {
            let n = self.picker_rows(p).len();
            if let Overlay::Picker(p) = &mut self.overlay {
                p.move_by(action == Down, n);
            }
            return;
        }
        if let Overlay::Help(scroll) = &mut self.overlay {
            let max = self.sizes.help_lines.saturating_sub(self.sizes.help_rows);
            *scroll = match action {
                Down => (*scroll + 1).min(max),
                Up => scroll.saturating_sub(1),
                _ => *scroll,
            };
            return;
        }
        let rows = self.sizes.list_rows.max(1);
        let pane = self.sizes.paper_rows.max(1) as isize;
        let reading = self.focus == Focus::Paper && !self.filter.editing();
        match action {
            Up if reading => self.scroll_paper(-1),
            Down if reading => self.scroll_paper(1),
            PageUp if reading => self.scroll_paper(-pane),
            PageDown if reading => self.scroll_paper(pane),
            PagePaper => self.scroll_paper((pane - 1).max(1)),
            Up => self.select_by(-1),
            Down => self.select_by(1),
            PageUp => self.select_by(-(rows as isize)),
            PageDown => self.select_by(rows as isize),
            Top => self.select(0),
            Bottom => self.select(self.list.last()),
            _ => {}
        }
    }

    pub(super) fn mouse(&mut self, action: Action) {
        match action {
            Action::ScrollList { down } => self.select_by(if down { 3 } else { -3 }),
            Action::ScrollPaper { down } => self.scroll_paper(if down { 3 } else { -3 }),
            Action::ClickRow(row) => {
                let i = self.list.offset() + row;
                if i < self.list.results().len() {
                    self.focus = Focus::List;
                    self.select(i);
                }
            }
            Action::ClickPaper => self.focus = Focus::Paper,
            _ => {}
        }
    }

    pub(super) fn select(&mut self, i: usize) {
        self.list.select(i, self.sizes.list_rows);
        self.paper_scroll = 0;
    }

    pub(super) fn select_by(&mut self, delta: isize) {
        self.select(self.list.selected().saturating_add_signed(delta));
    }

    pub(super) fn max_paper_scroll(&self) -> usize {
        self.sizes.paper_lines.saturating_sub(self.sizes.paper_rows)
    }

    pub(super) fn scroll_paper(&mut self, delta: isize) {
        self.paper_scroll = self
            .paper_scroll
            .saturating_add_signed(delta)
            .min(self.max_paper_scroll());
    }

    /// Moves to the next (or previous) new paper in the list.
    pub(super) fn jump_to_new(&mut self, forward: bool) {
        if !self.jump(forward, |a, i| a.is_new(i)) {
            self.info(if forward {
                "no new paper below"
            } else {
                "no new paper above"
            });
        }
    }

    /// Moves to the next row below whose paper passes `wanted`; false when
    /// there is none.
    pub(super) fn jump(&mut self, forward: bool, wanted: impl Fn(&App, usize) -> bool) -> bool {
        let n = self.list.results().len();
        let mut k = self.list.selected();
        for _ in 0..n {
            k = if forward { k + 1 } else { k.wrapping_sub(1) };
            if k >= n {
                break;
            }
            if self.list.paper_at(k).is_some_and(|i| wanted(self, i)) {
                self.select(k);
                return true;
            }
        }
        false
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

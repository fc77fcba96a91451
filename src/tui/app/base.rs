//! Which papers the list holds before any filter: a day or all of them,
//! only the new ones or all, in page order, by upvotes or by date, or by a
//! ranking (the papers most like one, or by score for a reading list). And
//! which papers are new: never shown before this session.

use std::collections::HashSet;
use std::sync::Arc;

use super::days::Days;
use crate::digest::{Digest, PaperId};
use crate::filter::{self, Sort};

/// A ranking the list follows instead of its days and sort.
#[derive(Clone, Debug)]
pub enum Ranked {
    /// Exactly these papers, in this order (more like this).
    Like(Arc<Vec<u32>>),
    /// The papers in view, best score first (for you).
    Scores(Arc<Vec<f32>>),
}

#[derive(Debug, Default)]
pub struct Base {
    days: Days,
    only_new: bool,
    sort: Sort,
    ranked: Option<Ranked>,
    /// Papers shown before this session.
    seen: Arc<HashSet<PaperId>>,
    /// The papers in view, in order; `None`: every paper, in the digest's.
    papers: Option<Arc<Vec<u32>>>,
    /// How many of them are new.
    new: usize,
}

impl Base {
    /// Whether the papers are "more like this" (across every day).
    pub fn is_like(&self) -> bool {
        matches!(self.ranked(), Some(Ranked::Like(_)))
    }

    pub fn new(d: &Digest, seen: Arc<HashSet<PaperId>>) -> Base {
        let mut b = Base {
            days: Days::of(d),
            seen,
            ..Base::default()
        };
        b.rebuild(d);
        b
    }

    /// For a new digest (the whole library, read after its newest day):
    /// the same day, when it is still there.
    pub fn reread(&mut self, d: &Digest) {
        // A ranking is of the papers as they were numbered.
        self.ranked = None;
        let day = self.days.current().map(|(key, _)| key);
        let period = self.days.period();
        self.days = Days::of(d);
        self.days.set_period(period);
        self.days.show(day);
        self.rebuild(d);
    }

    /// Works out the papers in view after what they depend on changed.
    pub fn rebuild(&mut self, d: &Digest) {
        if let Some(Ranked::Like(papers)) = &self.ranked {
            self.new = papers
                .iter()
                .filter(|&&i| self.is_new(d, i as usize))
                .count();
            self.papers = Some(Arc::clone(papers));
            return;
        }
        let day = self.days.papers();
        let plain =
            day.is_none() && !self.only_new && self.sort == Sort::Page && self.ranked.is_none();
        self.new = match day {
            Some(p) => p.iter().filter(|&&i| self.is_new(d, i as usize)).count(),
            None => (0..d.len()).filter(|&i| self.is_new(d, i)).count(),
        };
        if plain {
            self.papers = None;
            return;
        }
        let mut papers: Vec<u32> =
            day.map_or_else(|| (0..d.len() as u32).collect(), <[u32]>::to_vec);
        if self.only_new {
            papers.retain(|&i| self.is_new(d, i as usize));
        }
        self.put_in_order(d, &mut papers);
        self.papers = Some(Arc::new(papers));
    }

    pub fn is_new(&self, d: &Digest, i: usize) -> bool {
        !self.seen.contains(&d.papers()[i].id)
    }

    /// New papers in the day (or days) shown.
    pub fn new_count(&self) -> usize {
        self.new
    }

    pub fn days(&self) -> &Days {
        &self.days
    }

    pub fn days_mut(&mut self) -> &mut Days {
        &mut self.days
    }

    pub fn only_new(&self) -> bool {
        self.only_new
    }

    pub fn set_only_new(&mut self, on: bool) {
        self.only_new = on;
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    pub fn set_sort(&mut self, sort: Sort) {
        self.sort = sort;
    }

    /// Orders papers by the ranking, else by the sort.
    fn put_in_order(&self, d: &Digest, papers: &mut [u32]) {
        match &self.ranked {
            Some(Ranked::Scores(s)) => {
                papers.sort_by(|&a, &b| s[b as usize].total_cmp(&s[a as usize]));
            }
            Some(Ranked::Like(_)) => {}
            None => self.order_by().apply(d, papers),
        }
    }

    /// The order in force: a week's or a month's papers have no page
    /// order, so they come most upvoted first unless another is asked.
    fn order_by(&self) -> Sort {
        let span = self.days.period() != super::days::Period::Day && self.days.current().is_some();
        match self.sort {
            Sort::Page if span => Sort::Upvotes,
            sort => sort,
        }
    }

    pub fn ranked(&self) -> Option<&Ranked> {
        self.ranked.as_ref()
    }

    pub fn set_ranked(&mut self, ranked: Option<Ranked>) {
        self.ranked = ranked;
    }

    /// The papers a search looks among (`None`: all).
    pub fn within(&self) -> Option<Arc<Vec<u32>>> {
        self.papers.clone()
    }

    /// Every paper in view, in order (the empty filter's answer).
    pub fn all(&self, d: &Digest) -> filter::Ranked {
        match &self.papers {
            Some(p) => filter::Ranked::from_order(p.to_vec()),
            None => filter::Ranked::all(d.len()),
        }
    }

    /// A search's answer in the order asked for: best match first in page
    /// order, else matches in the ranking's or the sort's order.
    pub fn order(&self, d: &Digest, ranked: filter::Ranked) -> filter::Ranked {
        if self.order_by() == Sort::Page && self.ranked.is_none() {
            return ranked;
        }
        let mut papers: Vec<u32> = ranked.into_sorted().iter().map(|h| h.paper).collect();
        if let Some(Ranked::Like(order)) = &self.ranked {
            // The search looked among these papers: keep their order.
            let hit: HashSet<u32> = papers.iter().copied().collect();
            papers = order.iter().copied().filter(|p| hit.contains(p)).collect();
        } else {
            self.put_in_order(d, &mut papers);
        }
        filter::Ranked::from_order(papers)
    }
}

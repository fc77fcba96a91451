//! Which papers the list holds before any filter: a day or all of them,
//! only the new ones or all, in page order, by upvotes or by date. And
//! which papers are new: never shown before this session.

use std::collections::HashSet;
use std::sync::Arc;

use super::days::Days;
use crate::digest::{Digest, PaperId};
use crate::filter::{Ranked, Sort};

#[derive(Debug, Default)]
pub struct Base {
    days: Days,
    only_new: bool,
    sort: Sort,
    /// Papers shown before this session.
    seen: Arc<HashSet<PaperId>>,
    /// The papers in view, in order; `None`: every paper, in the digest's.
    papers: Option<Arc<Vec<u32>>>,
    /// How many of them are new.
    new: usize,
}

impl Base {
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
        let day = self.days.current().map(|(key, _)| key);
        self.days = Days::of(d);
        self.days.show(day);
        self.rebuild(d);
    }

    /// Works out the papers in view after what they depend on changed.
    pub fn rebuild(&mut self, d: &Digest) {
        let day = self.days.papers();
        let plain = day.is_none() && !self.only_new && self.sort == Sort::Page;
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
        self.sort.apply(d, &mut papers);
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

    /// The papers a search looks among (`None`: all).
    pub fn within(&self) -> Option<Arc<Vec<u32>>> {
        self.papers.clone()
    }

    /// Every paper in view, in order (the empty filter's answer).
    pub fn all(&self, d: &Digest) -> Ranked {
        match &self.papers {
            Some(p) => Ranked::from_order(p.to_vec()),
            None => Ranked::all(d.len()),
        }
    }

    /// A search's answer in the sort asked for: best match first in page
    /// order, else matches in the sort's order.
    pub fn order(&self, d: &Digest, ranked: Ranked) -> Ranked {
        if self.sort == Sort::Page {
            return ranked;
        }
        let mut papers: Vec<u32> = ranked.into_sorted().iter().map(|h| h.paper).collect();
        self.sort.apply(d, &mut papers);
        Ranked::from_order(papers)
    }
}

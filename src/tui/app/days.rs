//! The days a digest's papers are on, and which one the list shows.

use std::collections::HashMap;

use crate::digest::Digest;

#[derive(Debug, Default)]
pub struct Days {
    /// Every day's date key, newest first.
    keys: Vec<u32>,
    /// The papers of each day, in the digest's order.
    papers: HashMap<u32, Vec<u32>>,
    /// The day shown (an index in `keys`), or all of them.
    current: Option<usize>,
}

impl Days {
    pub fn of(d: &Digest) -> Days {
        let mut papers: HashMap<u32, Vec<u32>> = HashMap::new();
        for i in 0..d.len() {
            papers.entry(d.date_key(i)).or_default().push(i as u32);
        }
        let mut keys: Vec<u32> = papers.keys().copied().collect();
        keys.sort_unstable_by(|a, b| b.cmp(a));
        Days {
            keys,
            papers,
            current: None,
        }
    }

    pub fn count(&self) -> usize {
        self.keys.len()
    }

    /// The day shown, as (its date key, its position newest first).
    pub fn current(&self) -> Option<(u32, usize)> {
        self.current.map(|k| (self.keys[k], k))
    }

    /// Shows the day of `key` (when there is one), else all days.
    pub fn show(&mut self, key: Option<u32>) {
        self.current = key.and_then(|k| self.keys.iter().position(|&x| x == k));
    }

    /// Steps to an older (`older`) or newer day; from all days, to the
    /// newest. False when there is none that way.
    pub fn step(&mut self, older: bool) -> bool {
        let next = match (self.current, older) {
            (None, _) if !self.keys.is_empty() => Some(0),
            (Some(k), true) if k + 1 < self.keys.len() => Some(k + 1),
            (Some(k), false) if k > 0 => Some(k - 1),
            _ => return false,
        };
        self.current = next;
        true
    }

    /// The papers of the day shown, or `None` for all.
    pub fn papers(&self) -> Option<&[u32]> {
        self.current().map(|(key, _)| self.papers[&key].as_slice())
    }

    /// Whether the days span more than one year (then dates show theirs).
    pub fn years(&self) -> bool {
        let years: Vec<u32> = self
            .keys
            .iter()
            .map(|k| k / 10_000)
            .filter(|&y| y > 0)
            .collect();
        years.iter().min() != years.iter().max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_step_newest_first() {
        let d = Digest::parse(
            "t",
            "Jul 29\n\nA\n\nabout a\n\nJul 28\n\nB\n\nabout b\n\nJul 29\n\nC\n\nabout c\n",
        );
        let mut days = Days::of(&d);
        assert_eq!(days.count(), 2);
        assert_eq!(days.papers(), None);
        assert!(days.step(true));
        assert_eq!(days.current(), Some((729, 0)));
        assert_eq!(days.papers(), Some(&[0, 2][..]));
        assert!(days.step(true));
        assert!(!days.step(true), "no day older");
        assert!(days.step(false));
        days.show(None);
        assert_eq!(days.current(), None);
        assert!(!days.years());
    }
}

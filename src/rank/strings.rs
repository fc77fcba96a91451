//! Strings kept end to end in one buffer, numbered as they come, with a
//! table to find one by its text. Counting a share of a wide library meets
//! hundreds of thousands of words and terms: a heap allocation for each
//! (and a free for each when the share is done) cost more than finding
//! them did.

use std::hash::BuildHasher;

use hashbrown::HashTable;

/// The hash every table of strings uses (foldhash, fixed: the same string
/// hashes the same in every share, so shares' tables can be joined
/// without hashing again).
pub fn hash(s: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one(s)
}

#[derive(Debug, Default)]
pub struct Strings {
    text: String,
    /// Where string `k` ends in `text` (it starts where `k - 1` ends).
    ends: Vec<usize>,
    /// Each string's hash (0 for one left out of the table).
    hashes: Vec<u64>,
    table: HashTable<u32>,
}

impl Strings {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// String `k`.
    pub fn get(&self, k: u32) -> &str {
        get(&self.text, &self.ends, k)
    }

    /// String `k`'s hash ([`hash`]).
    pub fn hash_of(&self, k: u32) -> u64 {
        self.hashes[k as usize]
    }

    /// The number of `s`, whose [`hash`] is `hash`, if it is here.
    pub fn find(&self, hash: u64, s: &str) -> Option<u32> {
        let (text, ends) = (&self.text, &self.ends);
        self.table.find(hash, |&k| get(text, ends, k) == s).copied()
    }

    /// `s`'s number: found, or added (then `true`).
    pub fn add(&mut self, hash: u64, s: &str) -> (u32, bool) {
        if let Some(k) = self.find(hash, s) {
            return (k, false);
        }
        let k = self.push(s);
        self.hashes[k as usize] = hash;
        let hashes = &self.hashes;
        self.table.insert_unique(hash, k, |&k| hashes[k as usize]);
        (k, true)
    }

    /// Adds `s` under a number of its own, never found by [`Strings::find`]
    /// (a spelling kept to be shown, not looked up).
    pub fn push(&mut self, s: &str) -> u32 {
        let k = u32::try_from(self.ends.len()).expect("fewer than 2^32 strings in a share");
        self.text.push_str(s);
        self.ends.push(self.text.len());
        self.hashes.push(0);
        k
    }

    /// Every string, in number order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len() as u32).map(|k| self.get(k))
    }
}

fn get<'a>(text: &'a str, ends: &[usize], k: u32) -> &'a str {
    let k = k as usize;
    let start = if k == 0 { 0 } else { ends[k - 1] };
    &text[start..ends[k]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_numbered_as_they_come_and_found_again() {
        let mut s = Strings::default();
        assert_eq!(s.add(hash("model"), "model"), (0, true));
        assert_eq!(s.push("Model"), 1);
        assert_eq!(s.add(hash("models"), "models"), (2, true));
        assert_eq!(s.add(hash("model"), "model"), (0, false));
        assert_eq!(s.add(hash(""), ""), (3, true));
        assert_eq!(s.find(hash("Model"), "Model"), None, "pushed, not indexed");
        assert_eq!(s.find(hash("models"), "models"), Some(2));
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            ["model", "Model", "models", ""]
        );
        assert_eq!(s.hash_of(2), hash("models"));
        // Enough to grow the table many times: every one still found.
        for k in 0..10_000 {
            let w = format!("w{k}");
            s.add(hash(&w), &w);
        }
        assert_eq!(s.len(), 10_004);
        for k in (0..10_000).step_by(97) {
            let w = format!("w{k}");
            assert_eq!(s.find(hash(&w), &w), Some(k + 4));
        }
    }
}

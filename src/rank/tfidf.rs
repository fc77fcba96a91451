//! Sparse tf-idf rows of the papers' text: sublinear term frequency (title
//! words count more than abstract words), smoothed idf, rows of length 1.
//! Terms in one paper only, or in more than half of them, are dropped: they
//! cannot bring two papers together.

use hashbrown::HashTable;

use super::strings::{self, Strings};
use super::text::{Stems, words};

/// What a paper is made of, for ranking.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'a> {
    pub title: &'a str,
    pub abstract_: &'a str,
    pub authors: &'a [String],
}

/// How much a word of the title counts against one of the abstract (what
/// the ranking test measured best).
pub const TITLE_WEIGHT: f32 = 2.0;
/// The largest share of papers a term may be in.
pub const MAX_DF: f32 = 0.5;

/// The terms kept, their idf, and a readable word for each.
#[derive(Debug, Default)]
pub struct Vocab {
    /// The stem (or `@name` for an author).
    pub terms: Vec<Box<str>>,
    /// The word the term is most often written as, to show.
    pub shown: Vec<Box<str>>,
    pub idf: Vec<f32>,
}

impl Vocab {
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// A term's number: the terms are in order (and checked to be when
    /// read from the cache), so it is found without a table of them.
    pub fn id(&self, term: &str) -> Option<u32> {
        let k = self.terms.binary_search_by(|t| (**t).cmp(term)).ok()?;
        Some(k as u32)
    }
}

/// A sparse vector: term ids ascending, and their weights.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sparse {
    pub terms: Vec<u32>,
    pub weights: Vec<f32>,
}

impl Sparse {
    /// Scales to length 1 (unless it is empty).
    pub fn normalize(&mut self) {
        normalize(&mut self.weights);
    }
}

/// Every paper's row, in blocks of compressed sparse rows (one block per
/// share of the papers counted together, so no block is ever copied).
#[derive(Debug)]
pub struct TfIdf {
    pub vocab: Vocab,
    /// Papers per block (the last may hold fewer).
    per: usize,
    blocks: Vec<Block>,
    n: usize,
}

#[derive(Debug, Default)]
struct Block {
    start: Vec<u32>,
    terms: Vec<u32>,
    weights: Vec<f32>,
}

impl Block {
    /// A block of these rows, made at its size at once (tens of MB).
    fn of_rows(rows: &[(&[u32], &[f32])]) -> Block {
        let len = rows.iter().map(|r| r.0.len()).sum();
        let mut b = Block {
            start: Vec::with_capacity(rows.len() + 1),
            terms: super::bin::vec_for(len),
            weights: super::bin::vec_for(len),
        };
        b.start.push(0);
        for (ts, ws) in rows {
            b.terms.extend_from_slice(ts);
            b.weights.extend_from_slice(ws);
            b.start.push(b.terms.len() as u32);
        }
        b
    }
}

/// One share of the papers, counted: its terms numbered in it, and each
/// paper's terms with their weighted counts (compressed rows).
struct Share {
    terms: Strings,
    /// The spelling each term is shown by (its number in `spellings`;
    /// [`NONE`] when it has none yet), and how often it was seen.
    shown: Vec<(u32, u32)>,
    /// The share's words and authors' names as written.
    spellings: Strings,
    start: Vec<usize>,
    ids: Vec<u32>,
    counts: Vec<f32>,
    /// Each term's papers in the share (counted here, on the share's core,
    /// rather than from every row when the shares are joined).
    df: Vec<u32>,
}

impl Share {
    /// Term `t`'s spelling and how often it was seen so.
    fn shown(&self, t: usize) -> (&str, u32) {
        let (w, seen) = self.shown[t];
        (if w == NONE { "" } else { self.spellings.get(w) }, seen)
    }

    /// The number of `term`, which joins the share's terms when new.
    fn number(&mut self, term: &str) -> u32 {
        let (id, new) = self.terms.add(strings::hash(term), term);
        if new {
            self.shown.push((NONE, 0));
            self.df.push(0);
        }
        id
    }
}

/// No term: a stop word.
const STOP: u32 = u32::MAX;
/// No spelling.
const NONE: u32 = u32::MAX;

/// Numbers the words and terms of a share as they come.
struct Terms {
    stems: Stems,
    /// Every word met (and author's name, not to be found), numbered.
    words: Strings,
    /// Each word's term ([`STOP`]: none) and how often it was seen.
    seen: Vec<(u32, u32)>,
    /// Words seen lately, by their hash ([`Recent`]).
    recent: Vec<Recent>,
}

/// Slots of [`Terms::recent`], in sets of two.
const RECENT: usize = 1 << 14;

/// A word seen lately, kept in its bytes: a text's words are mostly a
/// few thousand common ones, found in this small table at once, where the
/// table of every word (hundreds of thousands in a real library) keeps
/// them all over memory. A word may sit in either slot of its set, the
/// one found last first: with one slot, two common words that met there
/// put each other out, and so did every rare word; in a wide library 9%
/// of the words went on to the big table, with two slots 5%.
#[derive(Clone, Copy, Default)]
struct Recent {
    len: u8,
    bytes: [u8; 23],
    /// Its number in [`Terms::words`].
    word: u32,
}

impl Recent {
    fn is(&self, word: &str) -> bool {
        usize::from(self.len) == word.len() && self.bytes[..word.len()] == *word.as_bytes()
    }
}

impl Terms {
    fn new() -> Terms {
        Terms {
            stems: Stems::default(),
            words: Strings::default(),
            seen: Vec::new(),
            recent: vec![Recent::default(); RECENT],
        }
    }

    /// The number of a word's term ([`STOP`] for a stop word).
    fn of(&mut self, word: &str, share: &mut Share) -> u32 {
        let hash = strings::hash(word);
        let set = (hash >> 50) as usize % (RECENT / 2) * 2;
        let w = if self.recent[set].is(word) {
            self.recent[set].word
        } else if self.recent[set + 1].is(word) {
            self.recent.swap(set, set + 1);
            self.recent[set].word
        } else {
            let w = self.word(hash, word, share);
            if let Ok(len) = u8::try_from(word.len())
                && word.len() <= 23
            {
                self.recent[set + 1] = self.recent[set];
                let r = &mut self.recent[set];
                (r.len, r.word) = (len, w);
                r.bytes[..word.len()].copy_from_slice(word.as_bytes());
            }
            w
        };
        let (term, seen) = &mut self.seen[w as usize];
        *seen += 1;
        *term
    }

    /// The number of `word` (whose hash is `hash`), which joins the words
    /// (unseen) when new.
    fn word(&mut self, hash: u64, word: &str, share: &mut Share) -> u32 {
        let (w, new) = self.words.add(hash, word);
        if new {
            let term = match self.stems.term(word) {
                None => STOP,
                Some(term) => share.number(&term),
            };
            self.seen.push((term, 0));
        }
        w
    }

    /// A spelling to show (an author's name as written), numbered among
    /// the words but never found as one.
    fn spelling(&mut self, name: &str) -> u32 {
        self.seen.push((STOP, 0));
        self.words.push(name)
    }

    /// Each term's most frequent word, for showing it; the share keeps
    /// the words.
    fn name_terms(self, share: &mut Share) {
        for (w, &(term, seen)) in self.seen.iter().enumerate() {
            if term == STOP {
                continue;
            }
            let word = self.words.get(w as u32);
            let (best, best_seen) = share.shown[term as usize];
            let better = best == NONE
                || (seen, std::cmp::Reverse(word))
                    > (best_seen, std::cmp::Reverse(self.words.get(best)));
            if better {
                share.shown[term as usize] = (w as u32, seen);
            }
        }
        share.spellings = self.words;
    }
}

fn count_share(docs: &[Doc]) -> Share {
    let mut terms = Terms::new();
    // A paper has about a term for every three bytes of its text at most
    // (two letters and a space): room for them all at once (what is never
    // used is never touched) rather than copies while growing to millions.
    let most: usize = (docs.iter())
        .map(|d| (d.title.len() + d.abstract_.len()) / 3 + d.authors.len())
        .sum();
    let mut share = Share {
        terms: Strings::default(),
        shown: Vec::new(),
        spellings: Strings::default(),
        start: Vec::with_capacity(docs.len() + 1),
        ids: Vec::with_capacity(most),
        counts: Vec::with_capacity(most),
        df: Vec::new(),
    };
    share.start.push(0);
    let mut acc: Vec<f32> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut author = String::new();
    for d in docs {
        let mut add = |id: u32, weight: f32| {
            if id == STOP {
                return;
            }
            if acc.len() <= id as usize {
                acc.resize(id as usize + 1, 0.0);
            }
            if acc[id as usize] == 0.0 {
                touched.push(id);
            }
            acc[id as usize] += weight;
        };
        words(d.title, |w| add(terms.of(w, &mut share), TITLE_WEIGHT));
        words(d.abstract_, |w| add(terms.of(w, &mut share), 1.0));
        for a in d.authors {
            let name = a.trim();
            if !name.is_empty() {
                // An author is a term of their own, never stemmed (its key
                // made in one buffer: a library names half a million).
                author.clear();
                author.push('@');
                if name.is_ascii() {
                    author.extend(name.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    author.push_str(&name.to_lowercase());
                }
                let id = share.number(&author);
                // Shown as last written (and never by a word: seen as
                // often as can be).
                let (w, _) = share.shown[id as usize];
                if w == NONE || terms.words.get(w) != name {
                    share.shown[id as usize] = (terms.spelling(name), u32::MAX);
                }
                add(id, 1.0);
            }
        }
        // In the order first met: the rows are sorted once they are in
        // the vocabulary's terms ([`block`], [`TfIdf::vectors`]).
        for &t in &touched {
            share.ids.push(t);
            share.counts.push(std::mem::take(&mut acc[t as usize]));
            share.df[t as usize] += 1;
        }
        touched.clear();
        share.start.push(share.ids.len());
    }
    terms.name_terms(&mut share);
    share
}

/// Parts the terms of all shares are joined in, by hash: a term is in one
/// part whichever share met it, so the parts are joined on every core (a
/// wide library's 660k terms, joined in one table on one core, kept the
/// other idle for 0.2-0.3 s). More parts than cores, taken in turn.
const PARTS: usize = 16;

fn part_of(hash: u64) -> usize {
    // Bits above those the tables place by.
    (hash >> 40) as usize % PARTS
}

/// A term kept: its text, the word it is shown by and its paper count (in
/// the terms' order: terms are never in two parts, so two never tie).
type Kept = (Box<str>, Box<str>, u32);

/// The terms kept from all shares (in at least two of the `n` papers and at
/// most [`MAX_DF`] of them, numbered in the terms' order so the terms,
/// their idf and the rows are the same however many cores counted them;
/// a term's shown word is its most frequent in one share, so it may
/// differ), and for each share its terms' numbers there (`u32::MAX`: not
/// kept).
fn vocabulary(shares: &[Share], n: usize) -> (Vocab, Vec<Vec<u32>>) {
    let cores = crate::par::cores();
    let most = ((n as f32 * MAX_DF) as u32).max(2);
    // Each share's terms by part (a share's terms come with their hashes,
    // so none is hashed again).
    let by_part: Vec<Vec<Vec<u32>>> =
        crate::par::map(shares.iter().collect(), cores, |s: &Share| {
            let mut parts = vec![Vec::new(); PARTS];
            for k in 0..s.terms.len() as u32 {
                parts[part_of(s.terms.hash_of(k))].push(k);
            }
            parts
        });
    let joined = crate::par::map((0..PARTS).collect(), cores, |p| {
        join_part(shares, &by_part, p, most)
    });
    // The parts' kept terms, each part sorted, merged into one order.
    let mut places = Vec::with_capacity(PARTS);
    let mut rest = Vec::with_capacity(PARTS);
    for (kept, place) in joined {
        rest.push(kept.into_iter());
        places.push(place);
    }
    let mut numbers: Vec<Vec<u32>> = rest.iter().map(|r| Vec::with_capacity(r.len())).collect();
    let mut heads = std::collections::BinaryHeap::new();
    for (p, r) in rest.iter_mut().enumerate() {
        heads.extend(r.next().map(|k| std::cmp::Reverse((k, p))));
    }
    let mut vocab = Vocab::default();
    while let Some(std::cmp::Reverse(((term, shown, df), p))) = heads.pop() {
        numbers[p].push(vocab.terms.len() as u32);
        vocab.idf.push(idf(n, df as usize));
        vocab.terms.push(term);
        vocab.shown.push(shown);
        heads.extend(rest[p].next().map(|k| std::cmp::Reverse((k, p))));
    }
    let maps = crate::par::map((0..shares.len()).collect(), cores, |s| {
        let mut map = vec![u32::MAX; shares[s].terms.len()];
        for p in 0..PARTS {
            for (&k, &at) in by_part[s][p].iter().zip(&places[p][s]) {
                if at != u32::MAX {
                    map[k as usize] = numbers[p][at as usize];
                }
            }
        }
        map
    });
    (vocab, maps)
}

/// Part `part` of the shares' terms joined: those kept, in the terms'
/// order; and for each share, the place among them of each of its terms in
/// the part (`by_part`'s order; `u32::MAX`: not kept).
fn join_part(
    shares: &[Share],
    by_part: &[Vec<Vec<u32>>],
    part: usize,
    most: u32,
) -> (Vec<Kept>, Vec<Vec<u32>>) {
    let most_terms = by_part.iter().map(|parts| parts[part].len()).sum();
    let mut ids: HashTable<u32> = HashTable::with_capacity(most_terms);
    let mut terms: Vec<(&str, u64)> = Vec::new();
    let mut shown: Vec<(&str, u32)> = Vec::new();
    let mut df: Vec<u32> = Vec::new();
    let mut places = Vec::with_capacity(shares.len());
    for (s, parts) in shares.iter().zip(by_part) {
        let mut place = Vec::with_capacity(parts[part].len());
        for &k in &parts[part] {
            let (t, hash) = (s.terms.get(k), s.terms.hash_of(k));
            let w = s.shown(k as usize);
            let id = match ids.find(hash, |&g| terms[g as usize].0 == t) {
                Some(&id) => id,
                None => {
                    let id = terms.len() as u32;
                    terms.push((t, hash));
                    shown.push(w);
                    df.push(0);
                    ids.insert_unique(hash, id, |&g| terms[g as usize].1);
                    id
                }
            };
            // The word most often seen (the first share's on a tie).
            let best = &mut shown[id as usize];
            if w.1 > best.1 {
                *best = w;
            }
            df[id as usize] += s.df[k as usize];
            place.push(id);
        }
        places.push(place);
    }
    let mut order: Vec<usize> = (0..terms.len())
        .filter(|&g| df[g] >= 2 && df[g] <= most)
        .collect();
    order.sort_unstable_by_key(|&g| terms[g].0);
    let mut at = vec![u32::MAX; terms.len()];
    for (k, &g) in order.iter().enumerate() {
        at[g] = k as u32;
    }
    for place in &mut places {
        place.iter_mut().for_each(|g| *g = at[*g as usize]);
    }
    let kept = (order.iter())
        .map(|&g| (terms[g].0.into(), shown[g].0.into(), df[g]))
        .collect();
    (kept, places)
}

/// A share's rows in the kept terms (`map`), weighed.
fn block(s: &Share, map: &[u32], idf: &[f32]) -> Block {
    let mut b = Block {
        start: Vec::with_capacity(s.start.len()),
        terms: Vec::with_capacity(s.ids.len()),
        weights: Vec::with_capacity(s.ids.len()),
    };
    b.start.push(0);
    // A row's entries as one number each, term above count: a term is in
    // a row once, so sorting them sorts by term, and sorting plain numbers
    // is several times faster than sorting pairs by a key.
    let mut row: Vec<u64> = Vec::new();
    for w in s.start.windows(2) {
        row.clear();
        row.extend((w[0]..w[1]).filter_map(|k| {
            let t = map[s.ids[k] as usize];
            (t != u32::MAX).then(|| u64::from(t) << 32 | u64::from(s.counts[k].to_bits()))
        }));
        row.sort_unstable();
        let counts = (row.iter()).map(|&e| ((e >> 32) as u32, f32::from_bits(e as u32)));
        weigh_into(idf, counts, &mut b.terms, &mut b.weights);
        b.start.push(b.terms.len() as u32);
    }
    b
}

/// Smoothed idf of a term in `df` of `n` papers.
pub(super) fn idf(n: usize, df: usize) -> f32 {
    ((1.0 + n as f32) / (1.0 + df as f32)).ln() + 1.0
}

/// Counts whose [`tf`] is looked up.
const TF_TABLE: usize = 64;

/// The sublinear term frequency, `1 + ln c`. A count is almost always a
/// small whole number (a word counts 1, in the title 2), so its value is
/// looked up, made by the same `ln`, rather than worked out again for
/// each of the millions of entries of an index.
fn tf(c: f32) -> f32 {
    static TABLE: std::sync::OnceLock<[f32; TF_TABLE]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| std::array::from_fn(|k| 1.0 + (k as f32).ln()));
    let k = c as usize;
    if k as f32 == c && k < TF_TABLE {
        table[k]
    } else {
        1.0 + c.ln()
    }
}

/// A row from counts: sublinear tf times idf, length 1.
pub(super) fn weigh(idf: &[f32], counts: &[(u32, f32)]) -> Sparse {
    let mut v = Sparse::default();
    weigh_into(idf, counts.iter().copied(), &mut v.terms, &mut v.weights);
    v
}

/// [`weigh`], its row put at the end of `terms` and `weights` (a block's
/// rows, without a row of its own for each).
fn weigh_into(
    idf: &[f32],
    counts: impl Iterator<Item = (u32, f32)> + Clone,
    terms: &mut Vec<u32>,
    weights: &mut Vec<f32>,
) {
    let from = weights.len();
    terms.extend(counts.clone().map(|(t, _)| t));
    weights.extend(counts.map(|(t, c)| tf(c) * idf[t as usize]));
    normalize(&mut weights[from..]);
}

/// Scales `weights` to length 1 (unless they are all 0).
fn normalize(weights: &mut [f32]) {
    let norm = weights.iter().map(|w| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        weights.iter_mut().for_each(|w| *w /= norm);
    }
}

impl TfIdf {
    /// Builds the rows of `docs` on every core.
    pub fn build(docs: &[Doc]) -> TfIdf {
        let n = docs.len();
        // A share per core: each share stems its own words, so more shares
        // would stem the common ones more often.
        let per = n.div_ceil(crate::par::cores()).max(256);
        let chunks: Vec<&[Doc]> = docs.chunks(per).collect();
        let shares = crate::par::map(chunks, crate::par::cores(), count_share);
        let (vocab, maps) = vocabulary(&shares, n);
        // Each share's rows weighed on every core; each share is let go as
        // its block is made.
        let idf = &vocab.idf;
        let blocks = crate::par::map(
            shares.into_iter().zip(maps).collect(),
            crate::par::cores(),
            |(s, map): (Share, Vec<u32>)| block(&s, &map, idf),
        );
        TfIdf {
            vocab,
            per,
            blocks,
            n,
        }
    }

    /// The row of a paper that is not among those indexed (a saved paper
    /// whose digest is gone), in the same terms.
    pub fn vector(&self, d: &Doc) -> Sparse {
        self.vectors(std::slice::from_ref(d))
            .pop()
            .unwrap_or_default()
    }

    /// The rows of papers that are not among those indexed, in the same
    /// terms and weighed by the same idf (their words it does not know
    /// are left out), counted together.
    pub fn vectors(&self, docs: &[Doc]) -> Vec<Sparse> {
        let share = count_share(docs);
        let map: Vec<Option<u32>> = share.terms.iter().map(|t| self.vocab.id(t)).collect();
        let mut row: Vec<(u32, f32)> = Vec::new();
        share
            .start
            .windows(2)
            .map(|w| {
                row.clear();
                row.extend(
                    (w[0]..w[1])
                        .filter_map(|k| Some((map[share.ids[k] as usize]?, share.counts[k]))),
                );
                row.sort_unstable_by_key(|&(t, _)| t);
                weigh(&self.vocab.idf, &row)
            })
            .collect()
    }

    /// The rows of a library without building the index again: paper `i`
    /// keeps this index's row `from[i]` when it has one, and is weighed in
    /// this index's terms ([`TfIdf::vectors`]) when it is new (`fresh`
    /// holds the new papers, in order).
    pub(super) fn fold(self, from: &[Option<usize>], fresh: &[Doc]) -> TfIdf {
        let cores = crate::par::cores();
        let chunks: Vec<&[Doc]> = fresh.chunks(fresh.len().div_ceil(cores).max(64)).collect();
        let fresh: Vec<Sparse> = crate::par::map(chunks, cores, |c| self.vectors(c))
            .into_iter()
            .flatten()
            .collect();
        let mut fresh = fresh.iter();
        let n = from.len();
        let per = n.div_ceil(cores).max(256);
        let mut blocks = Vec::with_capacity(n.div_ceil(per));
        for first in (0..n).step_by(per) {
            let rows: Vec<(&[u32], &[f32])> = from[first..(first + per).min(n)]
                .iter()
                .map(|f| match *f {
                    Some(k) => self.row(k),
                    None => fresh
                        .next()
                        .map_or((&[][..], &[][..]), |v| (&v.terms, &v.weights)),
                })
                .collect();
            blocks.push(Block::of_rows(&rows));
        }
        TfIdf {
            vocab: self.vocab,
            per,
            blocks,
            n,
        }
    }

    pub fn len(&self) -> usize {
        self.n
    }

    /// For the cache.
    pub(super) fn write(&self, out: &mut super::bin::Out) {
        out.u32(self.vocab.len() as u32);
        for k in 0..self.vocab.len() {
            out.str(&self.vocab.terms[k]);
            out.str(&self.vocab.shown[k]);
        }
        out.f32s(&self.vocab.idf);
        out.u32(self.n as u32);
        out.u32(self.per as u32);
        out.u32(self.blocks.len() as u32);
        for b in &self.blocks {
            out.u32s(&b.start);
            out.u32s(&b.terms);
            out.f32s(&b.weights);
        }
    }

    /// About what [`TfIdf::write`] writes, in bytes.
    pub(super) fn bytes(&self) -> usize {
        let words: usize = (self.vocab.terms.iter())
            .chain(&self.vocab.shown)
            .map(|t| 4 + t.len())
            .sum();
        let blocks: usize = (self.blocks.iter())
            .map(|b| 12 + 4 * (b.start.len() + b.terms.len() + b.weights.len()))
            .sum();
        16 + words + 4 * self.vocab.idf.len() + blocks
    }

    /// What [`TfIdf::write`] wrote, checked for shape.
    pub(super) fn read<R: std::io::Read>(r: &mut super::bin::In<R>) -> Option<TfIdf> {
        let terms = r.u32()? as usize;
        let mut vocab = Vocab::default();
        for _ in 0..terms {
            let (t, s) = (r.string()?.into_boxed_str(), r.string()?.into_boxed_str());
            vocab.terms.push(t);
            vocab.shown.push(s);
        }
        vocab.idf = r.f32s()?;
        let (n, per, count) = (r.u32()? as usize, r.u32()? as usize, r.u32()? as usize);
        // In order, each once: [`Vocab::id`] finds them by halves.
        let sorted = vocab.terms.windows(2).all(|w| w[0] < w[1]);
        if !sorted || vocab.idf.len() != terms || per == 0 || count != n.div_ceil(per) {
            return None;
        }
        let mut blocks = Vec::with_capacity(count);
        for k in 0..count {
            let b = Block {
                start: r.u32s()?,
                terms: r.u32s()?,
                weights: r.f32s()?,
            };
            let rows = per.min(n - k * per);
            let whole = b.start.len() == rows + 1
                && b.start.windows(2).all(|w| w[0] <= w[1])
                && b.start.last().is_some_and(|&e| e as usize == b.terms.len())
                && b.terms.len() == b.weights.len()
                && b.terms.iter().all(|&t| (t as usize) < terms);
            if !whole {
                return None;
            }
            blocks.push(b);
        }
        Some(TfIdf {
            vocab,
            per,
            blocks,
            n,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Paper `i`'s row: terms ascending, and weights.
    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let b = &self.blocks[i / self.per];
        let k = i % self.per;
        let r = b.start[k] as usize..b.start[k + 1] as usize;
        (&b.terms[r.clone()], &b.weights[r])
    }

    /// Terms stored, over all rows.
    pub fn nnz(&self) -> usize {
        self.blocks.iter().map(|b| b.terms.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(title: &'a str, abstract_: &'a str) -> Doc<'a> {
        Doc {
            title,
            abstract_,
            authors: &[],
        }
    }

    #[test]
    fn term_frequencies_looked_up_are_those_worked_out() {
        for c in (1..200).map(|k| k as f32 / 2.0) {
            assert_eq!(tf(c).to_bits(), (1.0 + c.ln()).to_bits(), "{c}");
        }
    }

    #[test]
    fn rows_are_unit_length_and_title_words_weigh_more() {
        let docs = [
            doc(
                "Quantization of transformers",
                "We quantize weights of language models.",
            ),
            doc(
                "Speech separation",
                "A recurrent network separates speech from noise.",
            ),
            doc(
                "Pruning language models",
                "Weights are pruned; quantization follows.",
            ),
            doc(
                "Vision transformers",
                "Images become patches for transformers.",
            ),
        ];
        let m = TfIdf::build(&docs);
        assert_eq!(m.len(), 4);
        let quant = m.vocab.id("quantiz").unwrap();
        assert_eq!(
            &*m.vocab.shown[quant as usize], "quantization",
            "as most often written"
        );
        assert!(m.vocab.id("speech").is_none(), "in one paper only");
        for i in 0..4 {
            let (_, w) = m.row(i);
            let norm: f32 = w.iter().map(|w| w * w).sum();
            assert!(w.is_empty() || (norm - 1.0).abs() < 1e-5);
        }
        let weight = |i: usize, t: u32| {
            let (ts, ws) = m.row(i);
            ts.iter().position(|&x| x == t).map(|k| ws[k])
        };
        assert!(
            weight(0, quant).unwrap() > weight(2, quant).unwrap(),
            "title over abstract"
        );
        let v = m.vector(&doc("Quantized speech", "Quantization."));
        assert_eq!(v.terms, [quant]);
    }

    #[test]
    fn words_are_counted_the_same_however_many_crowd_the_recent_ones() {
        // More distinct words than the recent table has slots, so common
        // words are pushed out and found again in the map; and a word too
        // long for a slot.
        let long = "supercalifragilisticexpialidocious";
        let filler: Vec<String> = (0..3 * RECENT).map(|k| format!("w{k}q")).collect();
        let abstracts: Vec<String> = (0..4)
            .map(|d| {
                let mut a = filler.clone();
                a.rotate_left(d * 7);
                a.push(if d < 2 {
                    format!("{long} quantized quantized quantization")
                } else {
                    "encoder".into()
                });
                a.join(" ")
            })
            .collect();
        let titles = ["Quantized nets", "Nets", "Encoders", "Nets"];
        let docs: Vec<Doc> = (0..4).map(|i| doc(titles[i], &abstracts[i])).collect();
        let m = TfIdf::build(&docs);
        let quant = m.vocab.id("quantiz").unwrap();
        assert_eq!(&*m.vocab.shown[quant as usize], "quantized", "5 times to 2");
        let long = m.vocab.shown.iter().position(|w| &**w == long).unwrap() as u32;
        let weight = |i: usize, t: u32| {
            let (ts, ws) = m.row(i);
            ts.iter().position(|&x| x == t).map(|k| ws[k]).unwrap()
        };
        // The long word once in each, quantiz 2 + 2 + 1 times in paper 0
        // and 2 + 1 in paper 1: their weights' ratios differ by the tfs'.
        let ratio = (weight(0, quant) / weight(1, quant)) / (weight(0, long) / weight(1, long));
        let expect = (1.0 + 5f32.ln()) / (1.0 + 3f32.ln());
        assert!((ratio - expect).abs() < 1e-4, "{ratio} vs {expect}");
    }

    /// The index of `docs` counted in shares of `per` papers: its terms,
    /// their idf and every row.
    fn counted_by(docs: &[Doc], per: usize) -> (Vec<Box<str>>, Vec<f32>, Vec<Sparse>) {
        let shares: Vec<Share> = docs.chunks(per).map(count_share).collect();
        let (vocab, maps) = vocabulary(&shares, docs.len());
        let mut rows = Vec::new();
        for (s, map) in shares.iter().zip(&maps) {
            let b = block(s, map, &vocab.idf);
            for w in b.start.windows(2) {
                let r = w[0] as usize..w[1] as usize;
                rows.push(Sparse {
                    terms: b.terms[r.clone()].to_vec(),
                    weights: b.weights[r].to_vec(),
                });
            }
        }
        (vocab.terms, vocab.idf, rows)
    }

    fn sample() -> crate::digest::Digest {
        crate::digest::Digest::parse(crate::digest::SAMPLE_NAME, crate::digest::SAMPLE)
    }

    #[test]
    fn terms_joined_from_any_number_of_shares_make_the_same_index() {
        let d = sample();
        let docs = super::super::docs(&d);
        let whole = counted_by(&docs, docs.len());
        assert!(whole.0.len() > 500, "{} terms", whole.0.len());
        for per in [1, 7, 50] {
            let parts = counted_by(&docs, per);
            assert_eq!(parts.0, whole.0, "terms, {per} a share");
            assert_eq!(parts.1, whole.1, "idf, {per} a share");
            assert_eq!(parts.2, whole.2, "rows, {per} a share");
        }
        // In order, each once, and found by its text.
        assert!(whole.0.windows(2).all(|w| w[0] < w[1]));
        let m = TfIdf::build(&docs);
        for (k, t) in m.vocab.terms.iter().enumerate() {
            assert_eq!(m.vocab.id(t), Some(k as u32), "{t}");
        }
        assert_eq!(m.vocab.id("zzzz-no-such-term"), None);
    }

    #[test]
    fn a_cache_whose_terms_are_out_of_order_is_not_read() {
        let d = sample();
        let docs = super::super::docs(&d);
        let mut m = TfIdf::build(&docs);
        let read = |m: &TfIdf| {
            let mut out = super::super::bin::Out::default();
            m.write(&mut out);
            let len = out.0.len() as u64;
            TfIdf::read(&mut super::super::bin::In::new(&out.0[..], len))
        };
        let back = read(&m).expect("read as written");
        assert_eq!(back.vocab.terms, m.vocab.terms);
        assert_eq!(back.vocab.id(&m.vocab.terms[9]), Some(9));
        m.vocab.terms.swap(3, 4);
        assert!(read(&m).is_none(), "found by halves, so checked in order");
    }
}

//! Ranking papers by what they say: more like this one, and for you (like
//! the papers of a reading list). Everything is computed here, on the
//! machine, from the papers' text: tf-idf rows (`tfidf.rs`, words from
//! `text.rs`) and a latent space learned from them (`lsa.rs`).
//!
//! What ranks best was measured on a year of real papers labelled by topic
//! (`tests/fixtures/ranking`, `benches/precision.rs`): the latent cosine to
//! the liked papers' mean place, the latent space's size following the
//! library's (`lsa::dims_for`), a second pass with the first pass's best
//! papers in small libraries; papers marked "not for me" pull down the
//! papers nearer them than the liked ones. The words' cosine no longer
//! adds to the score (it did not help there), but says why and makes the
//! profile `T` shows. The linear SVM (`svm.rs`) the sample's tuning chose
//! is kept for the arxiv-sanity-lite baseline.

pub mod baseline;
pub mod bin;
pub mod cache;
pub mod lsa;
pub mod stamp;
mod strings;
pub mod svm;
pub mod text;
pub mod tfidf;

use std::collections::HashMap;

use crate::digest::Digest;
pub use lsa::Lsa;
pub use tfidf::{Doc, Sparse, TfIdf};

/// The latent cosine's share of a score, against the words' cosine (both
/// as z-scores over the papers): chosen by cross-validation on the
/// evaluation set (`benches/precision.rs`, `PAPERBOY_TUNE`), where any
/// share of the words' cosine (0.1 to 0.5) ranked worse at every size once
/// the latent space had the library's dimensions. The words still say why.
pub const LATENT: f32 = 1.0;
/// How much a paper nearer the papers marked "not for me" than the liked
/// ones loses: this times the difference of its two latent cosines. Measured
/// on the evaluation set (5 saved, 5 skipped of the neighbouring topic):
/// unlike Rocchio's subtraction of their mean place from the query (which
/// at 0.5 already cost 0.02 of precision), it never pulls the liked topic's
/// own papers down; any weight from 0.25 to 2 ranked the same. Their words
/// count against the profile's at this weight too (what `T` shows).
pub const NOT_FOR_ME: f32 = 1.0;
/// Pseudo-relevance feedback: the best [`FEEDBACK`] papers of a first pass
/// join the liked ones in the latent space, at [`FEEDBACK_WEIGHT`] of
/// their weight, in libraries of up to [`FEEDBACK_UNTIL`] papers. Measured
/// with 5 saved: +0.03 at 150 papers, +0.005 at 3,523, -0.01 at 40,000
/// (where the first pass's best are more often strangers).
pub const FEEDBACK: usize = 5;
pub const FEEDBACK_WEIGHT: f32 = 0.5;
pub const FEEDBACK_UNTIL: usize = 10_000;

/// The index of a set of papers.
#[derive(Debug)]
pub struct Index {
    pub tfidf: TfIdf,
    pub lsa: Lsa,
}

/// What papers are ranked against: papers liked (one for "more like
/// this", a list's for "for you"), papers not for me, terms muted.
#[derive(Clone, Debug)]
pub struct Query {
    /// The liked papers' rows (the indexed ones first, then the others).
    liked: Vec<Sparse>,
    /// The indexed liked papers (the first of `liked`).
    liked_at: Vec<usize>,
    /// The rows of papers marked "not for me".
    not: Vec<Sparse>,
    /// Terms that do not count in this ranking, ascending.
    muted: Vec<u32>,
    /// What the scores use, made from the above by [`Index::settle`]:
    /// the words (liked minus not), the place to be near (length 1, empty
    /// without a latent space) and each liked paper's place.
    words: Sparse,
    latent: Vec<f32>,
    places: Vec<Vec<f32>>,
    /// The not-for-me papers' mean place (empty: none).
    away: Vec<f32>,
    /// How much the latent cosine weighs.
    weight: f32,
}

impl Query {
    /// The same query on the words alone (plain tf-idf), to measure what
    /// the latent space adds.
    pub fn words_only(mut self) -> Query {
        self.latent.clear();
        self.weight = 0.0;
        self
    }

    /// The terms muted in this ranking.
    pub fn muted(&self) -> &[u32] {
        &self.muted
    }
}

/// The papers of a digest as documents.
pub fn docs(d: &Digest) -> Vec<Doc<'_>> {
    (0..d.len()).map(|i| doc(d, i)).collect()
}

/// Paper `i` of a digest as a document.
pub fn doc(d: &Digest, i: usize) -> Doc<'_> {
    Doc {
        title: d.title(i),
        abstract_: d.abstract_raw(i),
        authors: &d.facts(i).authors,
    }
}

fn normalized(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

/// Scales to mean 0 and deviation 1.
fn z_scores(v: &mut [f32]) {
    let n = v.len().max(1) as f32;
    let mean = v.iter().sum::<f32>() / n;
    let sd = (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f32>() / n).sqrt();
    let sd = if sd > 0.0 { sd } else { 1.0 };
    v.iter_mut().for_each(|x| *x = (*x - mean) / sd);
}

/// `row` without the `muted` terms.
fn without(row: &Sparse, muted: &[u32]) -> Sparse {
    if muted.is_empty() {
        return row.clone();
    }
    let (terms, weights) = row
        .terms
        .iter()
        .zip(&row.weights)
        .filter(|(t, _)| muted.binary_search(t).is_err())
        .unzip();
    Sparse { terms, weights }
}

impl Index {
    pub fn build(docs: &[Doc]) -> Index {
        let tfidf = TfIdf::build(docs);
        let lsa = Lsa::build(&tfidf);
        Index { tfidf, lsa }
    }

    pub fn of_digest(d: &Digest) -> Index {
        Index::build(&docs(d))
    }

    /// The index of `docs` made from this one without learning it again
    /// (a day fetched into a library): paper `i` is this index's paper
    /// `from[i]` when it has one, kept as it is; a new paper is weighed by
    /// this index's idf and placed in its latent space by its terms.
    /// Papers of this index `from` does not name are left out.
    pub fn fold(self, from: &[Option<usize>], docs: &[Doc]) -> Index {
        let fresh: Vec<Doc> = (from.iter().zip(docs))
            .filter(|(f, _)| f.is_none())
            .map(|(_, d)| *d)
            .collect();
        self.fold_new(from, &fresh)
    }

    /// [`Index::fold`] given only the new papers (`from`'s `None`s, in
    /// order): a library's other papers are never looked at.
    pub fn fold_new(self, from: &[Option<usize>], fresh: &[Doc]) -> Index {
        let tfidf = self.tfidf.fold(from, fresh);
        let lsa = self.lsa.fold(from, &tfidf);
        Index { tfidf, lsa }
    }

    pub fn len(&self) -> usize {
        self.tfidf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tfidf.is_empty()
    }

    fn row(&self, i: usize) -> Sparse {
        let (t, w) = self.tfidf.row(i);
        Sparse {
            terms: t.to_vec(),
            weights: w.to_vec(),
        }
    }

    /// The query "more like paper `i`".
    pub fn like(&self, i: usize) -> Query {
        self.like_all(&[i], &[])
    }

    /// The query "like these papers": indexed ones, and others (saved
    /// papers whose digest is gone) placed by their words.
    pub fn like_all(&self, papers: &[usize], others: &[Doc]) -> Query {
        self.like_but(papers, others, &[], &[])
    }

    /// [`Index::like_all`], and unlike `not` (indexed papers) and
    /// `not_others` (papers marked "not for me" whose digest is gone).
    pub fn like_but(
        &self,
        papers: &[usize],
        others: &[Doc],
        not: &[usize],
        not_others: &[Doc],
    ) -> Query {
        let rows = |ps: &[usize], ds: &[Doc]| -> Vec<Sparse> {
            let mut r: Vec<Sparse> = ps.iter().map(|&i| self.row(i)).collect();
            r.extend(ds.iter().map(|d| self.tfidf.vector(d)));
            r
        };
        let mut q = Query {
            liked: rows(papers, others),
            liked_at: papers.to_vec(),
            not: rows(not, not_others),
            muted: Vec::new(),
            words: Sparse::default(),
            latent: Vec::new(),
            places: Vec::new(),
            away: Vec::new(),
            weight: LATENT,
        };
        self.settle(&mut q);
        q
    }

    /// Mutes term `t` in `q` (or counts it again), and settles the query.
    pub fn toggle_mute(&self, q: &mut Query, t: u32) {
        match q.muted.binary_search(&t) {
            Ok(k) => {
                q.muted.remove(k);
            }
            Err(k) => q.muted.insert(k, t),
        }
        self.settle(q);
    }

    /// Works out what the scores use from the liked and not-for-me rows
    /// and the muted terms: the liked papers' mean place, the others'
    /// (for the penalty of [`NOT_FOR_ME`]), and the words of both.
    fn settle(&self, q: &mut Query) {
        let liked: Vec<Sparse> = q.liked.iter().map(|r| without(r, &q.muted)).collect();
        let not: Vec<Sparse> = q.not.iter().map(|r| without(r, &q.muted)).collect();
        let mut words = sum(&liked);
        if !not.is_empty() {
            words = difference(&words, &sum(&not), NOT_FOR_ME);
        }
        q.words = words;
        if self.lsa.is_empty() {
            q.latent.clear();
            q.places.clear();
            return;
        }
        q.places = liked
            .iter()
            .map(|r| self.lsa.place(&r.terms, &r.weights))
            .collect();
        let places: Vec<Vec<f32>> = not
            .iter()
            .map(|r| self.lsa.place(&r.terms, &r.weights))
            .collect();
        q.away = if places.is_empty() {
            Vec::new()
        } else {
            self.centroid(&places, &[])
        };
        q.latent = self.centroid(&q.places, &[]);
    }

    /// The mean of `places` and (at [`FEEDBACK_WEIGHT`] of their share)
    /// of the papers `more`, length 1.
    fn centroid(&self, places: &[Vec<f32>], more: &[usize]) -> Vec<f32> {
        let mut c = vec![0.0f32; self.lsa.dims];
        for p in places {
            c.iter_mut().zip(p).for_each(|(x, p)| *x += p);
        }
        if !more.is_empty() {
            let w = FEEDBACK_WEIGHT * places.len() as f32 / more.len() as f32;
            for &i in more {
                c.iter_mut()
                    .zip(self.lsa.doc(i))
                    .for_each(|(x, p)| *x += w * p);
            }
        }
        normalized(c)
    }

    /// Every paper's latent cosine with `place`, on every core.
    fn cosines(&self, place: &[f32]) -> Vec<f32> {
        let n = self.len();
        let per = n.div_ceil(crate::par::cores() * 4).max(2048);
        let ranges: Vec<std::ops::Range<usize>> =
            (0..n).step_by(per).map(|s| s..(s + per).min(n)).collect();
        let parts = crate::par::map(ranges, crate::par::cores(), |r| {
            let mut out = vec![0.0f32; r.len()];
            lsa::vectorized(
                #[inline(always)]
                || {
                    for (o, i) in out.iter_mut().zip(r) {
                        *o = self.lsa.cosine(place, i);
                    }
                },
            );
            out
        });
        parts.concat()
    }

    /// Every paper's score against `q` (higher is closer), on every core:
    /// the z-scores of the words' and the latent cosines, blended; then
    /// once more with the best [`FEEDBACK`] papers of that pass joining
    /// the liked ones in the latent space.
    pub fn scores(&self, q: &Query) -> Vec<f32> {
        if q.latent.is_empty() || self.lsa.is_empty() {
            return self.word_scores(q);
        }
        let mut words = if q.weight < 1.0 {
            self.word_scores(q)
        } else {
            vec![0.0; self.len()]
        };
        z_scores(&mut words);
        // Papers nearer the ones not for me than the liked ones lose.
        let away = (!q.away.is_empty()).then(|| self.cosines(&q.away));
        let blend = |latent: &mut Vec<f32>| {
            if let Some(away) = &away {
                latent
                    .iter_mut()
                    .zip(away)
                    .for_each(|(l, a)| *l -= NOT_FOR_ME * (a - *l).max(0.0));
            }
            z_scores(latent);
            latent
                .iter()
                .zip(&words)
                .map(|(l, w)| (1.0 - q.weight) * w + q.weight * l)
                .collect::<Vec<f32>>()
        };
        let first = blend(&mut self.cosines(&q.latent));
        if FEEDBACK == 0 || q.weight == 0.0 || self.len() > FEEDBACK_UNTIL {
            return first;
        }
        let more: Vec<usize> = best(&first, &q.liked_at, FEEDBACK)
            .iter()
            .map(|&(i, _)| i)
            .collect();
        blend(&mut self.cosines(&self.centroid(&q.places, &more)))
    }

    /// Every paper's words' cosine with `q`, on every core.
    fn word_scores(&self, q: &Query) -> Vec<f32> {
        let n = self.len();
        let per = n.div_ceil(crate::par::cores() * 4).max(2048);
        let ranges: Vec<std::ops::Range<usize>> =
            (0..n).step_by(per).map(|s| s..(s + per).min(n)).collect();
        // The query's words as weights by term: a row's score is then a
        // gather, with no merging.
        let mut dense = vec![0.0f32; self.tfidf.vocab.len()];
        for (&t, &w) in q.words.terms.iter().zip(&q.words.weights) {
            dense[t as usize] = w;
        }
        let parts = crate::par::map(ranges, crate::par::cores(), |r| {
            r.map(|i| {
                let (ts, ws) = self.tfidf.row(i);
                ts.iter()
                    .zip(ws)
                    .map(|(&t, &w)| dense[t as usize] * w)
                    .sum()
            })
            .collect::<Vec<f32>>()
        });
        parts.concat()
    }

    /// The words that weigh most for paper `i` against `q`, most first (at
    /// most `n`, only words that count for it).
    pub fn why(&self, q: &Query, i: usize, n: usize) -> Vec<&str> {
        let (ts, ws) = self.tfidf.row(i);
        let v = &q.words;
        let weight = |t: u32| v.terms.binary_search(&t).map_or(0.0, |k| v.weights[k]);
        let mut parts: Vec<(f32, u32)> = ts
            .iter()
            .zip(ws)
            .map(|(&t, &w)| (w * weight(t), t))
            .filter(|&(c, _)| c > 0.0)
            .collect();
        parts.sort_unstable_by(|x, y| y.0.total_cmp(&x.0));
        parts.iter().take(n).map(|&(_, t)| self.term(t)).collect()
    }

    /// The liked papers that pulled paper `i` up most: their places in
    /// the query's order (indexed ones first), nearest first, at most `n`,
    /// only those near it (a positive cosine).
    pub fn pulled_by(&self, q: &Query, i: usize, n: usize) -> Vec<usize> {
        if q.places.is_empty() || self.lsa.is_empty() {
            return Vec::new();
        }
        let mut near: Vec<(f32, usize)> = q
            .places
            .iter()
            .enumerate()
            .map(|(k, p)| (self.lsa.cosine(p, i), k))
            .filter(|&(c, _)| c > 0.0)
            .collect();
        near.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        near.iter().take(n).map(|&(_, k)| k).collect()
    }

    /// The words paper `i` shares with liked paper `k` (in the query's
    /// order, as [`Index::pulled_by`] names them) that weigh most in both,
    /// most first, at most `n`, muted ones left out.
    pub fn shared(&self, q: &Query, k: usize, i: usize, n: usize) -> Vec<&str> {
        let Some(liked) = q.liked.get(k) else {
            return Vec::new();
        };
        let (ts, ws) = self.tfidf.row(i);
        let mut parts: Vec<(f32, u32)> = ts
            .iter()
            .zip(ws)
            .filter(|(t, _)| q.muted.binary_search(t).is_err())
            .filter_map(|(&t, &w)| {
                let at = liked.terms.binary_search(&t).ok()?;
                Some((w * liked.weights[at], t))
            })
            .collect();
        parts.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        parts.iter().take(n).map(|&(_, t)| self.term(t)).collect()
    }

    /// The query's strongest terms, the profile a ranking follows: `(term,
    /// weight)`, strongest first, at most `n`, muted ones left out.
    pub fn profile(&self, q: &Query, n: usize) -> Vec<(u32, f32)> {
        let mut terms: Vec<(u32, f32)> = q
            .words
            .terms
            .iter()
            .zip(&q.words.weights)
            .map(|(&t, &w)| (t, w))
            .filter(|&(_, w)| w > 0.0)
            .collect();
        terms.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        terms.truncate(n);
        terms
    }

    /// The readable word of term `t`.
    pub fn term(&self, t: u32) -> &str {
        &self.tfidf.vocab.shown[t as usize]
    }
}

/// `a - g * b`, normalised (terms of `a` or `b`).
fn difference(a: &Sparse, b: &Sparse, g: f32) -> Sparse {
    let mut total: HashMap<u32, f32> = HashMap::new();
    for (&t, &w) in a.terms.iter().zip(&a.weights) {
        *total.entry(t).or_default() += w;
    }
    for (&t, &w) in b.terms.iter().zip(&b.weights) {
        *total.entry(t).or_default() -= g * w;
    }
    let mut terms: Vec<(u32, f32)> = total.into_iter().collect();
    terms.sort_unstable_by_key(|&(t, _)| t);
    let mut v = Sparse {
        terms: terms.iter().map(|&(t, _)| t).collect(),
        weights: terms.iter().map(|&(_, w)| w).collect(),
    };
    v.normalize();
    v
}

/// The normalised sum of rows.
fn sum(rows: &[Sparse]) -> Sparse {
    let mut total: HashMap<u32, f32> = HashMap::new();
    for r in rows {
        for (&t, &w) in r.terms.iter().zip(&r.weights) {
            *total.entry(t).or_default() += w;
        }
    }
    let mut terms: Vec<(u32, f32)> = total.into_iter().collect();
    terms.sort_unstable_by_key(|&(t, _)| t);
    let mut v = Sparse {
        terms: terms.iter().map(|&(t, _)| t).collect(),
        weights: terms.iter().map(|&(_, w)| w).collect(),
    };
    v.normalize();
    v
}

/// The saved papers of a list among `d`'s (by id, else arXiv id), and
/// those that are not (their digest is gone), as documents.
pub fn saved_in<'a>(d: &Digest, entries: &'a [crate::store::Entry]) -> (Vec<usize>, Vec<Doc<'a>>) {
    let mut found = Vec::new();
    let mut gone = Vec::new();
    for e in entries {
        let at = crate::digest::PaperId::parse(&e.id)
            .and_then(|id| d.position(id))
            .or_else(|| e.arxiv.as_deref().and_then(|a| d.find(a)));
        match at {
            Some(i) if !found.contains(&i) => found.push(i),
            Some(_) => {}
            None => gone.push(Doc {
                title: &e.title,
                abstract_: &e.abstract_,
                authors: &e.authors,
            }),
        }
    }
    (found, gone)
}

/// The `limit` best papers by `scores`, best first, leaving out `skip`.
pub fn best(scores: &[f32], skip: &[usize], limit: usize) -> Vec<(usize, f32)> {
    let mut all: Vec<(usize, f32)> = scores
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .map(|(i, &s)| (i, s))
        .collect();
    let by = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if limit < all.len() {
        all.select_nth_unstable_by(limit, by);
        all.truncate(limit);
    }
    all.sort_unstable_by(by);
    all
}

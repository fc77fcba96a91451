//! Ranking papers by what they say: more like this one, and for you (like
//! the papers of a reading list). Everything is computed here, on the
//! machine, from the papers' text: tf-idf rows (`tfidf.rs`, words from
//! `text.rs`) and a latent space learned from them (`lsa.rs`).
//!
//! What ranks best was measured (`tests/ranking.rs`, on the sample labelled
//! by topic): like one or two papers, the blend of cosines in both spaces;
//! like three or more, a linear SVM on the words trained on them against
//! the rest (`svm.rs`), plus a quarter of the latent cosine (on z-scores).

pub mod baseline;
pub mod bin;
pub mod cache;
pub mod lsa;
pub mod svm;
pub mod text;
pub mod tfidf;

use std::collections::HashMap;

use crate::digest::Digest;
pub use lsa::Lsa;
pub use tfidf::{Doc, Sparse, TfIdf};

/// Like one or two papers: how much the latent cosine weighs against the
/// words' cosine.
pub const LATENT: f32 = 0.25;
/// Like three or more: the latent cosine's share beside the SVM's score.
pub const LATENT_BESIDE_SVM: f32 = 0.5;
/// The SVM's cost (arxiv-sanity-lite's too).
pub const SVM_C: f32 = 0.01;
/// Negatives the SVM trains on, at most (an even sample of the rest).
pub const NEGATIVES: usize = 4_000;

/// The index of a set of papers.
#[derive(Debug)]
pub struct Index {
    pub tfidf: TfIdf,
    pub lsa: Lsa,
}

/// How the words of a query score a paper.
#[derive(Clone, Debug)]
enum Words {
    /// Cosine with these words.
    Like(Sparse),
    /// A trained model's score.
    Model(svm::Model),
}

/// What papers are ranked against: a paper, or the papers of a list.
#[derive(Clone, Debug)]
pub struct Query {
    words: Words,
    /// The place to be near, length 1 (empty: none).
    latent: Vec<f32>,
    /// How much the latent cosine weighs.
    weight: f32,
}

impl Query {
    /// The same query on the words alone (plain tf-idf), to measure what
    /// the latent space adds.
    pub fn words_only(mut self) -> Query {
        self.latent.clear();
        self
    }
}

/// The papers of a digest as documents.
pub fn docs(d: &Digest) -> Vec<Doc<'_>> {
    (0..d.len())
        .map(|i| Doc {
            title: d.title(i),
            abstract_: d.abstract_raw(i),
            authors: &d.facts(i).authors,
        })
        .collect()
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

impl Index {
    pub fn build(docs: &[Doc]) -> Index {
        let tfidf = TfIdf::build(docs);
        let lsa = Lsa::build(&tfidf);
        Index { tfidf, lsa }
    }

    pub fn of_digest(d: &Digest) -> Index {
        Index::build(&docs(d))
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
        Query {
            words: Words::Like(self.row(i)),
            latent: if self.lsa.is_empty() {
                Vec::new()
            } else {
                self.lsa.doc(i)
            },
            weight: LATENT,
        }
    }

    /// The query "like these papers": indexed ones, and others (saved
    /// papers whose digest is gone) placed by their words.
    pub fn like_all(&self, papers: &[usize], others: &[Doc]) -> Query {
        let mut rows: Vec<Sparse> = papers.iter().map(|&i| self.row(i)).collect();
        rows.extend(others.iter().map(|d| self.tfidf.vector(d)));
        let latent = self.centroid(&rows);
        if rows.len() < 3 {
            return Query {
                words: Words::Like(sum(&rows)),
                latent,
                weight: LATENT,
            };
        }
        Query {
            words: Words::Model(self.train(papers, &rows)),
            latent,
            weight: LATENT_BESIDE_SVM,
        }
    }

    /// The mean place of `rows`, length 1.
    fn centroid(&self, rows: &[Sparse]) -> Vec<f32> {
        if self.lsa.is_empty() {
            return Vec::new();
        }
        let mut c = vec![0.0f32; self.lsa.dims];
        for r in rows {
            let place = self.lsa.place(&r.terms, &r.weights);
            c.iter_mut().zip(place).for_each(|(x, p)| *x += p);
        }
        normalized(c)
    }

    /// An SVM trained on `positives` (rows; `papers` are those indexed)
    /// against an even sample of the other papers.
    fn train(&self, papers: &[usize], positives: &[Sparse]) -> svm::Model {
        let n = self.len();
        let step = n.div_ceil(NEGATIVES).max(1);
        let negatives: Vec<usize> = (0..n)
            .step_by(step)
            .filter(|i| !papers.contains(i))
            .collect();
        let mut rows: Vec<svm::Row> = positives
            .iter()
            .map(|r| (r.terms.as_slice(), r.weights.as_slice()))
            .collect();
        rows.extend(negatives.iter().map(|&i| self.tfidf.row(i)));
        let labels: Vec<bool> = (0..rows.len()).map(|k| k < positives.len()).collect();
        svm::train(&rows, &labels, self.tfidf.vocab.len(), SVM_C)
    }

    /// Every paper's score against `q` (higher is closer), on every core.
    pub fn scores(&self, q: &Query) -> Vec<f32> {
        let n = self.len();
        let per = n.div_ceil(crate::par::cores() * 4).max(2048);
        let ranges: Vec<std::ops::Range<usize>> =
            (0..n).step_by(per).map(|s| s..(s + per).min(n)).collect();
        let use_latent = !q.latent.is_empty() && !self.lsa.is_empty();
        // The query's words as weights by term: a row's score is then a
        // gather, with no merging.
        let (dense, bias) = match &q.words {
            Words::Like(v) => {
                let mut d = vec![0.0f32; self.tfidf.vocab.len()];
                for (&t, &w) in v.terms.iter().zip(&v.weights) {
                    d[t as usize] = w;
                }
                (std::borrow::Cow::Owned(d), 0.0)
            }
            Words::Model(m) => (std::borrow::Cow::Borrowed(m.w.as_slice()), m.b),
        };
        let parts = crate::par::map(ranges, crate::par::cores(), |r| {
            r.map(|i| {
                let (ts, ws) = self.tfidf.row(i);
                let words = ts
                    .iter()
                    .zip(ws)
                    .map(|(&t, &w)| dense.get(t as usize).map_or(0.0, |d| d * w))
                    .sum::<f32>()
                    + bias;
                let latent = if use_latent {
                    self.lsa.cosine(&q.latent, i)
                } else {
                    0.0
                };
                (words, latent)
            })
            .collect::<Vec<(f32, f32)>>()
        });
        let (mut words, mut latent): (Vec<f32>, Vec<f32>) = parts.into_iter().flatten().unzip();
        match (&q.words, use_latent) {
            (_, false) => words,
            (Words::Like(_), true) => words
                .iter()
                .zip(&latent)
                .map(|(w, l)| (1.0 - q.weight) * w + q.weight * l)
                .collect(),
            (Words::Model(_), true) => {
                z_scores(&mut words);
                z_scores(&mut latent);
                words
                    .iter()
                    .zip(&latent)
                    .map(|(w, l)| w + q.weight * l)
                    .collect()
            }
        }
    }

    /// The words that weigh most for paper `i` against `q`, most first (at
    /// most `n`, only words that count for it).
    pub fn why(&self, q: &Query, i: usize, n: usize) -> Vec<&str> {
        let (ts, ws) = self.tfidf.row(i);
        let weight = |t: u32| match &q.words {
            Words::Like(v) => v.terms.binary_search(&t).map_or(0.0, |k| v.weights[k]),
            Words::Model(m) => m.w.get(t as usize).copied().unwrap_or(0.0),
        };
        let mut parts: Vec<(f32, u32)> = ts
            .iter()
            .zip(ws)
            .map(|(&t, &w)| (w * weight(t), t))
            .filter(|&(c, _)| c > 0.0)
            .collect();
        parts.sort_unstable_by(|x, y| y.0.total_cmp(&x.0));
        parts
            .iter()
            .take(n)
            .map(|&(_, t)| &*self.tfidf.vocab.shown[t as usize])
            .collect()
    }
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

//! The recipe paperboy's ranking is measured against: arxiv-sanity-lite's
//! (Karpathy), a linear SVM trained on the saved papers against all the
//! others, over tf-idf of words and word pairs. Kept here so the test and
//! the bench measure both on the same papers; the reader does not use it.
//!
//! Features as its `compute.py`: title, abstract and author names; tokens
//! `[a-zA-Z_][a-zA-Z0-9_]+`, lower case, English stop words dropped, 1- and
//! 2-grams, `min_df` papers at least and `max_df` of them at most, the
//! 20,000 most frequent, sublinear tf, smoothed idf, rows of length 1. The
//! SVM as its `serve.py`: scikit-learn's `LinearSVC(C=0.01,
//! class_weight='balanced')`, that is a squared-hinge loss with an
//! (also regularised) intercept, solved here by liblinear's dual coordinate
//! descent (Hsieh et al. 2008).

use std::collections::{HashMap, HashSet};

use super::svm;
use super::text::ENGLISH_STOP;
use super::tfidf::{self, Doc, Sparse};

/// The knobs of the features.
#[derive(Clone, Copy, Debug)]
pub struct Features {
    /// Papers a term must be in (arxiv-sanity-lite: 5).
    pub min_df: usize,
    /// The largest share of papers a term may be in (arxiv-sanity-lite: 0.1).
    pub max_df: f32,
    pub max_features: usize,
}

impl Default for Features {
    fn default() -> Features {
        Features {
            min_df: 5,
            max_df: 0.1,
            max_features: 20_000,
        }
    }
}

fn tokens(text: &str, stop: &HashSet<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut push = |w: &mut String| {
        let first = w.chars().next();
        if w.len() >= 2
            && first.is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && !stop.contains(w.as_str())
        {
            out.push(std::mem::take(w));
        }
        w.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c.to_ascii_lowercase());
        } else {
            push(&mut word);
        }
    }
    push(&mut word);
    out
}

/// The tf-idf rows of the recipe's features.
pub fn features(docs: &[Doc], f: Features) -> Vec<Sparse> {
    let stop: HashSet<&str> = ENGLISH_STOP.iter().copied().collect();
    let grams: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            let text = format!("{} {} {}", d.title, d.abstract_, d.authors.join(" "));
            let t = tokens(&text, &stop);
            let pairs = t.windows(2).map(|w| format!("{} {}", w[0], w[1]));
            t.iter().cloned().chain(pairs).collect()
        })
        .collect();
    let n = docs.len();
    let mut df: HashMap<&str, usize> = HashMap::new();
    let mut tf_all: HashMap<&str, usize> = HashMap::new();
    for g in &grams {
        let mut seen = HashSet::new();
        for w in g {
            *tf_all.entry(w).or_default() += 1;
            if seen.insert(w.as_str()) {
                *df.entry(w).or_default() += 1;
            }
        }
    }
    let most = (f.max_df * n as f32).floor() as usize;
    let mut kept: Vec<&str> = df
        .iter()
        .filter(|&(_, &d)| d >= f.min_df && d <= most.max(1))
        .map(|(&w, _)| w)
        .collect();
    kept.sort_unstable_by(|a, b| tf_all[b].cmp(&tf_all[a]).then(a.cmp(b)));
    kept.truncate(f.max_features);
    kept.sort_unstable();
    let ids: HashMap<&str, u32> = kept
        .iter()
        .enumerate()
        .map(|(i, &w)| (w, i as u32))
        .collect();
    let idf: Vec<f32> = kept.iter().map(|w| tfidf::idf(n, df[w])).collect();
    grams
        .iter()
        .map(|g| {
            let mut counts: HashMap<u32, f32> = HashMap::new();
            for w in g {
                if let Some(&id) = ids.get(w.as_str()) {
                    *counts.entry(id).or_default() += 1.0;
                }
            }
            let mut row: Vec<(u32, f32)> = counts.into_iter().collect();
            row.sort_unstable_by_key(|&(t, _)| t);
            tfidf::weigh(&idf, &row)
        })
        .collect()
}

/// Scores every paper by an SVM trained on `positive` against the rest
/// (`C`, balanced class weights), as arxiv-sanity-lite ranks.
pub fn svm_scores(rows: &[Sparse], positive: &[usize], c: f32) -> Vec<f32> {
    let dims = rows
        .iter()
        .filter_map(|r| r.terms.last())
        .max()
        .map_or(0, |&t| t as usize + 1);
    let refs: Vec<svm::Row> = rows
        .iter()
        .map(|r| (r.terms.as_slice(), r.weights.as_slice()))
        .collect();
    let labels: Vec<bool> = (0..rows.len()).map(|i| positive.contains(&i)).collect();
    let model = svm::train(&refs, &labels, dims, c);
    refs.iter().map(|&r| model.score(r)).collect()
}

/// The other baseline: a plain latent space (LSA of `dims` dimensions on
/// the same tf-idf rows) and each paper's cosine to the mean place of the
/// saved papers. On a real library it beat the tuned ranking of the
/// sample, so paperboy's must beat it at every size.
pub struct Latent {
    pub lsa: super::Lsa,
}

impl Latent {
    pub fn build(m: &super::TfIdf, dims: usize) -> Latent {
        Latent {
            lsa: super::Lsa::with_dims(m, dims),
        }
    }

    /// Every paper's cosine to the saved papers' mean place.
    pub fn scores(&self, saved: &[usize]) -> Vec<f32> {
        let d = self.lsa.dims;
        let mut mean = vec![0.0f32; d];
        for &i in saved {
            mean.iter_mut()
                .zip(self.lsa.doc(i))
                .for_each(|(m, x)| *m += x);
        }
        let norm = mean.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
        mean.iter_mut().for_each(|x| *x /= norm);
        (0..self.lsa.len())
            .map(|i| self.lsa.cosine(&mean, i))
            .collect()
    }
}

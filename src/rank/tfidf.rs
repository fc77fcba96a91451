//! Sparse tf-idf rows of the papers' text: sublinear term frequency (title
//! words count more than abstract words), smoothed idf, rows of length 1.
//! Terms in one paper only, or in more than half of them, are dropped: they
//! cannot bring two papers together.

use std::collections::HashMap;

use super::text::Stems;

/// What a paper is made of, for ranking.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'a> {
    pub title: &'a str,
    pub abstract_: &'a str,
    pub authors: &'a [String],
}

/// How terms are counted and kept; the defaults are what the ranking
/// test measured best.
#[derive(Clone, Copy, Debug)]
pub struct Weights {
    /// How much a word of the title counts against one of the abstract.
    pub title: f32,
    /// The largest share of papers a term may be in.
    pub max_df: f32,
    /// Whether pairs of adjacent words are terms too.
    pub pairs: bool,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            title: 2.0,
            max_df: 0.5,
            pairs: false,
        }
    }
}

/// The terms kept, their idf, and a readable word for each.
#[derive(Debug, Default)]
pub struct Vocab {
    /// The stem (or `@name` for an author).
    pub terms: Vec<Box<str>>,
    /// The shortest word seen for the term, to show.
    pub shown: Vec<Box<str>>,
    pub idf: Vec<f32>,
    ids: HashMap<Box<str>, u32>,
}

impl Vocab {
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }
}

/// A sparse vector: term ids ascending, and their weights.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sparse {
    pub terms: Vec<u32>,
    pub weights: Vec<f32>,
}

impl Sparse {
    pub fn dot(&self, terms: &[u32], weights: &[f32]) -> f32 {
        dot(&self.terms, &self.weights, terms, weights)
    }

    /// Scales to length 1 (unless it is empty).
    pub fn normalize(&mut self) {
        let norm = self.weights.iter().map(|w| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            self.weights.iter_mut().for_each(|w| *w /= norm);
        }
    }
}

/// The dot product of two sparse vectors with ascending terms.
pub fn dot(at: &[u32], aw: &[f32], bt: &[u32], bw: &[f32]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < at.len() && j < bt.len() {
        match at[i].cmp(&bt[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += aw[i] * bw[j];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Every paper's row (compressed sparse rows).
#[derive(Debug)]
pub struct TfIdf {
    counting: Weights,
    pub vocab: Vocab,
    start: Vec<usize>,
    terms: Vec<u32>,
    weights: Vec<f32>,
}

/// A paper's terms and their weighted counts, before idf.
type Counts = Vec<(u32, f32)>;

/// The words of one share of the papers, numbered in that share.
struct Share {
    terms: Vec<String>,
    shown: Vec<String>,
    docs: Vec<Counts>,
}

fn count_share(docs: &[Doc], weights: Weights) -> Share {
    let mut stems = Stems::default();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut share = Share {
        terms: Vec::new(),
        shown: Vec::new(),
        docs: Vec::with_capacity(docs.len()),
    };
    let mut counts: HashMap<u32, f32> = HashMap::new();
    for d in docs {
        counts.clear();
        let mut add = |term: &str, word: &str, weight: f32| {
            let id = match ids.get(term) {
                Some(&id) => id,
                None => {
                    let id = share.terms.len() as u32;
                    ids.insert(term.to_owned(), id);
                    share.terms.push(term.to_owned());
                    share.shown.push(word.to_owned());
                    id
                }
            };
            let shown = &mut share.shown[id as usize];
            if (word.len(), word) < (shown.len(), shown.as_str()) {
                *shown = word.to_owned();
            }
            *counts.entry(id).or_default() += weight;
        };
        for (text, weight) in [(d.title, weights.title), (d.abstract_, 1.0)] {
            let mut prev: Option<String> = None;
            stems.terms(text, |t, w| {
                add(t, w, weight);
                if weights.pairs {
                    if let Some(p) = &prev {
                        add(&format!("{p} {t}"), &format!("{p} {t}"), weight);
                    }
                    prev = Some(t.to_owned());
                }
            });
        }
        for a in d.authors {
            let name = a.trim();
            if !name.is_empty() {
                add(&format!("@{}", name.to_lowercase()), name, 1.0);
            }
        }
        let mut row: Counts = counts.iter().map(|(&t, &c)| (t, c)).collect();
        row.sort_unstable_by_key(|&(t, _)| t);
        share.docs.push(row);
    }
    share
}

impl TfIdf {
    /// Builds the rows of `docs` on every core.
    pub fn build(docs: &[Doc]) -> TfIdf {
        TfIdf::build_with(docs, Weights::default())
    }

    /// [`TfIdf::build`] with other weights.
    pub fn build_with(docs: &[Doc], weights: Weights) -> TfIdf {
        let n = docs.len();
        let per = n.div_ceil(crate::par::cores() * 4).max(256);
        let chunks: Vec<&[Doc]> = docs.chunks(per).collect();
        let shares = crate::par::map(chunks, crate::par::cores(), |c| count_share(c, weights));
        // One numbering for all shares, and each term's paper count.
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut all_terms: Vec<String> = Vec::new();
        let mut all_shown: Vec<String> = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        let mut maps: Vec<Vec<u32>> = Vec::with_capacity(shares.len());
        for s in &shares {
            let map: Vec<u32> = s
                .terms
                .iter()
                .zip(&s.shown)
                .map(|(t, w)| {
                    let id = *ids.entry(t.clone()).or_insert_with(|| {
                        all_terms.push(t.clone());
                        all_shown.push(w.clone());
                        df.push(0);
                        (all_terms.len() - 1) as u32
                    });
                    let shown = &mut all_shown[id as usize];
                    if (w.len(), w.as_str()) < (shown.len(), shown.as_str()) {
                        shown.clone_from(w);
                    }
                    id
                })
                .collect();
            for d in &s.docs {
                for &(t, _) in d {
                    df[map[t as usize] as usize] += 1;
                }
            }
            maps.push(map);
        }
        // Keep terms in at least two papers and at most half of them.
        let most = ((n as f32 * weights.max_df) as u32).max(2);
        let mut kept = vec![u32::MAX; all_terms.len()];
        let mut vocab = Vocab::default();
        for (g, t) in all_terms.into_iter().enumerate() {
            if df[g] >= 2 && df[g] <= most {
                kept[g] = vocab.terms.len() as u32;
                vocab
                    .idf
                    .push(((1.0 + n as f32) / (1.0 + df[g] as f32)).ln() + 1.0);
                vocab.ids.insert(t.clone().into_boxed_str(), kept[g]);
                vocab.terms.push(t.into_boxed_str());
                vocab
                    .shown
                    .push(std::mem::take(&mut all_shown[g]).into_boxed_str());
            }
        }
        let mut m = TfIdf {
            counting: weights,
            vocab,
            start: Vec::with_capacity(n + 1),
            terms: Vec::new(),
            weights: Vec::new(),
        };
        m.start.push(0);
        for (s, map) in shares.iter().zip(&maps) {
            for d in &s.docs {
                let mut row: Vec<(u32, f32)> = d
                    .iter()
                    .map(|&(t, c)| (kept[map[t as usize] as usize], c))
                    .filter(|&(t, _)| t != u32::MAX)
                    .collect();
                row.sort_unstable_by_key(|&(t, _)| t);
                let v = m.weigh(&row);
                m.terms.extend_from_slice(&v.terms);
                m.weights.extend_from_slice(&v.weights);
                m.start.push(m.terms.len());
            }
        }
        m
    }

    /// A row from counts: sublinear tf times idf, length 1.
    fn weigh(&self, counts: &[(u32, f32)]) -> Sparse {
        let mut v = Sparse {
            terms: counts.iter().map(|&(t, _)| t).collect(),
            weights: counts
                .iter()
                .map(|&(t, c)| (1.0 + c.ln()) * self.vocab.idf[t as usize])
                .collect(),
        };
        v.normalize();
        v
    }

    /// The row of a paper that is not among those indexed (a saved paper
    /// whose digest is gone), in the same terms.
    pub fn vector(&self, d: &Doc) -> Sparse {
        let share = count_share(std::slice::from_ref(d), self.counting);
        let mut row: Vec<(u32, f32)> = share.docs[0]
            .iter()
            .filter_map(|&(t, c)| Some((self.vocab.id(&share.terms[t as usize])?, c)))
            .collect();
        row.sort_unstable_by_key(|&(t, _)| t);
        self.weigh(&row)
    }

    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Paper `i`'s row: terms ascending, and weights.
    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let r = self.start[i]..self.start[i + 1];
        (&self.terms[r.clone()], &self.weights[r])
    }

    /// Terms stored, over all rows.
    pub fn nnz(&self) -> usize {
        self.terms.len()
    }

    /// Bytes held.
    pub fn heap_size(&self) -> usize {
        self.terms.len() * 8
            + self.start.len() * 8
            + self
                .vocab
                .terms
                .iter()
                .map(|t| t.len() * 2 + 48)
                .sum::<usize>()
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
        assert_eq!(&*m.vocab.shown[quant as usize], "quantize");
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
}

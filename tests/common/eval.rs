//! The evaluation set of the ranking (`tests/fixtures/ranking`): a year of
//! real Daily Papers, 670 of them labelled by topic by reading them, and
//! how precision@10 is measured on libraries of three sizes. Shared by
//! `tests/ranking.rs` and `benches/precision.rs` (included by path).

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use paperboy::digest::{Digest, Input};
use paperboy::rank::{self, Doc, Index};
/// The one test generator.
pub use paperboy::synth::xorshift;

const LABELS: &str = include_str!("../fixtures/ranking/labels.tsv");

/// Topics with fewer papers in a library are not measured there (a top 10
/// needs papers left once some are saved).
pub const MIN_PAPERS: usize = 15;

/// The year of real papers (3,523), as `paperboy` reads it.
pub fn archive() -> Digest {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ranking/archive.txt.gz");
    let d = Digest::load(&[Input::Path(path)]);
    assert!(!d.has_errors(), "{:?}", d.diagnostics);
    d
}

/// A title folded to its letters and digits, lower case: labels name
/// papers by title, and no two titles of the archive fold alike.
fn fold(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The labelled papers of `d` (indices) and their topics ('other' has
/// none). Panics naming the line of a label whose paper is not in `d`.
pub fn labels(d: &Digest) -> Vec<(usize, Vec<String>)> {
    let by_title: HashMap<String, usize> = (0..d.len()).map(|i| (fold(d.title(i)), i)).collect();
    LABELS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(n, l)| {
            let (title, topics) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("labels.tsv:{}: no tab", n + 1));
            let i = *by_title
                .get(&fold(title))
                .unwrap_or_else(|| panic!("labels.tsv:{}: {title:?} not in the archive", n + 1));
            let topics = topics
                .split(',')
                .filter(|t| *t != "other")
                .map(str::to_owned)
                .collect();
            (i, topics)
        })
        .collect()
}

/// A library to rank in, and what is measured in it.
pub struct Library {
    pub name: &'static str,
    /// Its index; papers `0..real` are the archive's (or a sample of it).
    pub index: Index,
    /// The labelled papers (indices in the library): precision counts
    /// only these, in the ranking's order.
    pub labelled: Vec<usize>,
    /// Topic -> its papers in the library.
    pub topics: Vec<(String, Vec<usize>)>,
}

fn topics_of(labelled: &[(usize, Vec<String>)]) -> Vec<(String, Vec<usize>)> {
    let mut by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, ts) in labelled {
        for t in ts {
            by.entry(t.clone()).or_default().push(*i);
        }
    }
    by.into_iter()
        .filter(|(_, p)| p.len() >= MIN_PAPERS)
        .collect()
}

/// The three sizes: 150 labelled papers (an even draw of them), the whole
/// archive, and the archive among `big` generated papers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Size {
    Small,
    Archive,
    Big(usize),
}

/// The library of a size, with `build` making its index from documents
/// (`Index::build`, or a variant being measured).
pub fn library(d: &Digest, size: Size, build: &dyn Fn(&[Doc]) -> Index) -> Library {
    let all = rank::docs(d);
    let labels = labels(d);
    match size {
        Size::Small => {
            // 150 of the labelled papers, the same every run.
            let mut pool: Vec<usize> = (0..labels.len()).collect();
            let mut seed = 0x5eed_0150u64;
            let chosen: Vec<usize> = (0..150.min(pool.len()))
                .map(|_| pool.swap_remove(xorshift(&mut seed) as usize % pool.len()))
                .collect();
            let docs: Vec<Doc> = chosen.iter().map(|&k| all[labels[k].0]).collect();
            let relabelled: Vec<(usize, Vec<String>)> = chosen
                .iter()
                .enumerate()
                .map(|(j, &k)| (j, labels[k].1.clone()))
                .collect();
            Library {
                name: "150 papers",
                index: build(&docs),
                labelled: (0..docs.len()).collect(),
                topics: topics_of(&relabelled),
            }
        }
        Size::Archive => Library {
            name: "3,523 papers",
            index: build(&all),
            labelled: labels.iter().map(|(i, _)| *i).collect(),
            topics: topics_of(&labels),
        },
        Size::Big(n) => {
            let made = generated(&all, n.saturating_sub(all.len()));
            let mut docs = all.clone();
            docs.extend(made.iter().map(|(t, a)| Doc {
                title: t,
                abstract_: a,
                authors: &[],
            }));
            Library {
                name: "40,000 papers",
                index: build(&docs),
                labelled: labels.iter().map(|(i, _)| *i).collect(),
                topics: topics_of(&labels),
            }
        }
    }
}

/// `n` papers made of the archive's words: each one's title and abstract
/// are drawn from two real papers' words (mostly the first's), so words
/// keep the company they keep in real papers, and a topic's words recur
/// across many more papers, as in a bigger library.
pub fn generated(real: &[Doc], n: usize) -> Vec<(String, String)> {
    let words: Vec<(Vec<&str>, Vec<&str>)> = real
        .iter()
        .map(|d| {
            (
                d.title.split_whitespace().collect::<Vec<_>>(),
                d.abstract_.split_whitespace().collect::<Vec<_>>(),
            )
        })
        .filter(|(t, a)| !t.is_empty() && a.len() >= 20)
        .collect();
    let mut seed = 0x4242_0040_0000u64;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut pick = |n: usize| xorshift(&mut seed) as usize % n.max(1);
        let a = &words[pick(words.len())];
        let b = &words[pick(words.len())];
        let title: Vec<&str> = (0..a.0.len()).map(|_| a.0[pick(a.0.len())]).collect();
        let len = 60 + pick(140);
        let abstract_: Vec<&str> = (0..len)
            .map(|_| {
                let from = if pick(10) < 7 { &a.1 } else { &b.1 };
                from[pick(from.len())]
            })
            .collect();
        out.push((title.join(" "), abstract_.join(" ")));
    }
    out
}

/// `count` sets of `k` papers of a topic, the same every run.
pub fn draws(papers: &[usize], k: usize, topic: usize, count: usize) -> Vec<Vec<usize>> {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64 ^ ((topic as u64 + 1) * 0x1000_0001);
    (0..count)
        .map(|_| {
            let mut pool = papers.to_vec();
            (0..k)
                .map(|_| pool.swap_remove(xorshift(&mut seed) as usize % pool.len()))
                .collect()
        })
        .collect()
}

/// Precision@10 of a ranking, per topic and its mean over topics.
#[derive(Clone, Debug)]
pub struct Precision {
    pub mean: f32,
    pub per_topic: Vec<(String, f32)>,
}

impl std::fmt::Display for Precision {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let per: Vec<String> = self
            .per_topic
            .iter()
            .map(|(t, p)| format!("{t} {p:.2}"))
            .collect();
        write!(f, "{:.3} ({})", self.mean, per.join(", "))
    }
}

/// The share of `topic`'s papers among the ten best-scored labelled
/// papers, the `saved` (and `skip`) left out.
pub fn hits(l: &Library, scores: &[f32], topic: &[usize], leave: &[usize]) -> f32 {
    let mut ranked: Vec<usize> = l
        .labelled
        .iter()
        .copied()
        .filter(|i| !leave.contains(i))
        .collect();
    ranked.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    ranked.iter().take(10).filter(|i| topic.contains(i)).count() as f32 / 10.0
}

/// Mean precision@10 with `k` saved papers of each topic, `count` draws
/// each; `score` ranks every paper of the library by the saved ones.
pub fn precision(
    l: &Library,
    k: usize,
    count: usize,
    score: &dyn Fn(&[usize]) -> Vec<f32>,
) -> Precision {
    let per_topic: Vec<(String, f32)> = l
        .topics
        .iter()
        .enumerate()
        .map(|(t, (name, papers))| {
            let sum: f32 = draws(papers, k, t, count)
                .iter()
                .map(|saved| hits(l, &score(saved), papers, saved))
                .sum();
            (name.clone(), sum / count as f32)
        })
        .collect();
    let mean = per_topic.iter().map(|(_, p)| p).sum::<f32>() / per_topic.len().max(1) as f32;
    Precision { mean, per_topic }
}

/// The topic a reader of each topic most likely skips papers of: its
/// neighbour, whose papers come up among its own.
const NEIGHBOUR: &[(&str, &str)] = &[
    ("3d", "video-generation"),
    ("agents", "code"),
    ("code", "agents"),
    ("efficiency", "reasoning"),
    ("image-generation", "video-generation"),
    ("medical", "reasoning"),
    ("reasoning", "agents"),
    ("robotics", "3d"),
    ("safety", "agents"),
    ("speech-audio", "video-generation"),
    ("video-generation", "image-generation"),
];

/// Scores every paper by saved papers and skipped ones.
pub type SkipScore<'a> = dyn Fn(&[usize], &[usize]) -> Vec<f32> + 'a;

/// Precision@10 with `k` saved papers of a topic and `k` skipped ones of
/// its neighbour (papers of both topics are never the skipped ones).
pub fn precision_skipping(l: &Library, k: usize, count: usize, score: &SkipScore<'_>) -> Precision {
    let per_topic: Vec<(String, f32)> = l
        .topics
        .iter()
        .enumerate()
        .filter_map(|(t, (name, papers))| {
            let other = NEIGHBOUR.iter().find(|(a, _)| a == name)?.1;
            let other = &l.topics.iter().find(|(n, _)| n == other)?.1;
            let only_other: Vec<usize> = other
                .iter()
                .copied()
                .filter(|i| !papers.contains(i))
                .collect();
            let sum: f32 = draws(papers, k, t, count)
                .iter()
                .zip(draws(&only_other, k, t + 100, count))
                .map(|(saved, skipped)| {
                    let mut leave = saved.clone();
                    leave.extend(&skipped);
                    hits(l, &score(saved, &skipped), papers, &leave)
                })
                .sum();
            Some((name.clone(), sum / count as f32))
        })
        .collect();
    let mean = per_topic.iter().map(|(_, p)| p).sum::<f32>() / per_topic.len().max(1) as f32;
    Precision { mean, per_topic }
}

/// More like this: each labelled paper of a topic as the query, the
/// share of its topic in the ten best-scored other labelled papers.
pub fn precision_similar(l: &Library, score: &dyn Fn(usize) -> Vec<f32>) -> Precision {
    let per_topic: Vec<(String, f32)> = l
        .topics
        .iter()
        .map(|(name, papers)| {
            let sum: f32 = papers
                .iter()
                .map(|&p| hits(l, &score(p), papers, &[p]))
                .sum();
            (name.clone(), sum / papers.len() as f32)
        })
        .collect();
    let mean = per_topic.iter().map(|(_, p)| p).sum::<f32>() / per_topic.len().max(1) as f32;
    Precision { mean, per_topic }
}

//! A ranking's work, done on a thread of its own: what is asked, and the
//! scores that come back.

use std::sync::Arc;

use crate::rank::{Doc, Index, Query};

/// A saved paper whose digest is not loaded: it counts by its text.
#[derive(Clone, Debug)]
pub struct SavedText {
    pub title: String,
    pub abstract_: String,
    pub authors: Vec<String>,
}

#[derive(Clone, Debug)]
pub enum Ask {
    /// More like this paper.
    Like(usize),
    /// Like the papers of a list (those loaded, and the others' text), and
    /// unlike those marked "not for me".
    Saved {
        papers: Vec<usize>,
        others: Vec<SavedText>,
        not: Vec<usize>,
        not_others: Vec<SavedText>,
    },
}

/// Work for a ranking thread.
#[derive(Clone)]
pub struct RankJob {
    pub seq: u64,
    pub index: Arc<Index>,
    pub ask: Ask,
    /// Terms muted in this ranking.
    pub muted: Vec<u32>,
}

fn as_docs(texts: &[SavedText]) -> Vec<Doc<'_>> {
    texts
        .iter()
        .map(|s| Doc {
            title: &s.title,
            abstract_: &s.abstract_,
            authors: &s.authors,
        })
        .collect()
}

pub(super) fn texts(docs: &[Doc]) -> Vec<SavedText> {
    docs.iter()
        .map(|d| SavedText {
            title: d.title.to_owned(),
            abstract_: d.abstract_.to_owned(),
            authors: d.authors.to_vec(),
        })
        .collect()
}

/// A ranking thread's answer: every paper's score, and the query (which
/// says why a paper ranked).
pub struct RankAnswer {
    pub seq: u64,
    pub scores: Vec<f32>,
    pub query: Query,
}

impl RankJob {
    pub fn run(self) -> RankAnswer {
        let mut query = match &self.ask {
            Ask::Like(i) => self.index.like(*i),
            Ask::Saved {
                papers,
                others,
                not,
                not_others,
            } => self
                .index
                .like_but(papers, &as_docs(others), not, &as_docs(not_others)),
        };
        for &t in &self.muted {
            self.index.toggle_mute(&mut query, t);
        }
        RankAnswer {
            seq: self.seq,
            scores: self.index.scores(&query),
            query,
        }
    }
}

//! Ranking in the reader: the index (built in the background while the
//! list is already usable), more like this (`m`) and for you (`f`, by a
//! reading list; `F` picks which), away from the papers marked "not for
//! me" (`X`); `T` shows the terms a ranking follows and mutes one. The
//! scoring runs on a thread; answers carry a number, so a late one never
//! replaces a newer one.

use std::sync::Arc;

use super::base::Ranked;
use super::rank_job::{Ask, RankAnswer, RankJob, texts};
use super::{Action, App, Effect, Overlay, PickFor, Picker, View};
use crate::digest::PaperId;
use crate::filter::Engine;
use crate::rank::{self, Index, Query};
use crate::store::ListName;

/// How many papers "more like this" lists.
pub const LIKE: usize = 100;
/// How many terms `T` shows.
pub const PROFILE: usize = 20;

/// What the list is ranked by.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// More like paper `of`; Esc goes back to the selection `back`.
    Like { of: usize, back: Option<PaperId> },
    /// The papers in view, best first for a reading list.
    ForYou { list: ListName },
}

#[derive(Default)]
pub struct Ranking {
    /// The index of the loaded papers, once built.
    index: Option<Arc<Index>>,
    indexing: bool,
    /// What was asked (its answer on the way) or is shown.
    mode: Option<Mode>,
    /// The number of the answer awaited.
    waiting: Option<u64>,
    next: u64,
    scores: Option<Arc<Vec<f32>>>,
    query: Option<Arc<Query>>,
    /// The list "for you" ranks by.
    list: Option<ListName>,
    /// Terms muted in the ranking shown.
    muted: Vec<u32>,
    /// The liked papers' titles, in the query's order (the "why").
    liked: Vec<String>,
    /// The paper to stay on when the answer comes (a ranking asked again).
    keep: Option<PaperId>,
}

impl App {
    /// The loaded papers are being indexed (the status bar says so).
    pub fn indexing(&mut self) {
        self.ranking.indexing = true;
    }

    /// The index of `engine`'s papers is ready; kept if those are still
    /// the papers loaded. A ranking asked meanwhile runs now.
    pub fn index_ready(&mut self, engine: &Arc<Engine>, index: Arc<Index>) {
        if !Arc::ptr_eq(engine, &self.digest_engine) {
            return;
        }
        self.ranking.indexing = false;
        self.ranking.index = Some(index);
        if let Some(mode) = self.ranking.mode.clone()
            && self.ranking.waiting.is_none()
            && self.ranking.scores.is_none()
        {
            self.ask(mode);
        }
    }

    /// The key's action: more like the selected paper, for you on or off,
    /// or the list to rank by.
    pub(super) fn ranking_action(&mut self, action: Action) {
        if self.view != View::Digest {
            let back = self.key_name(Action::SwitchView);
            return self.info(format!(
                "rankings are of the loaded papers: {back} goes back to them"
            ));
        }
        if action != Action::ShowProfile {
            self.ranking.muted.clear();
        }
        match action {
            Action::ShowProfile => self.show_profile(),
            Action::MoreLikeThis => {
                let Some(i) = self.selected_paper() else {
                    return;
                };
                let back = match &self.ranking.mode {
                    Some(Mode::Like { back, .. }) => *back,
                    _ => Some(self.digest().papers()[i].id),
                };
                self.ask(Mode::Like { of: i, back });
            }
            Action::ForYou if matches!(self.ranking.mode, Some(Mode::ForYou { .. })) => {
                self.stop_ranking();
                self.info("page order again");
            }
            Action::ForYou => {
                let list = self.rank_list();
                self.ask(Mode::ForYou { list });
            }
            _ => self.overlay = Overlay::Picker(Picker::new(PickFor::RankBy)),
        }
    }

    /// The list "for you" ranks by: the one last chosen, else bookmarks.
    fn rank_list(&self) -> ListName {
        self.ranking
            .list
            .clone()
            .unwrap_or_else(|| ListName::bookmarks().clone())
    }

    /// Ranks by `list` from now on (chosen in the picker).
    pub(super) fn rank_by(&mut self, list: ListName) {
        self.ranking.list = Some(list.clone());
        self.ranking.muted.clear();
        self.ask(Mode::ForYou { list });
    }

    /// The ranking "for you" shown, asked again (a paper marked or
    /// unmarked "not for me", a term muted), staying on the same paper.
    pub(super) fn rerank(&mut self) {
        if let Some(mode @ Mode::ForYou { .. }) = self.ranking.mode.clone()
            && self.ranking.scores.is_some()
        {
            self.ranking.keep = self.selected_paper().map(|i| self.digest().papers()[i].id);
            self.ask(mode);
        }
    }

    /// `T`: the terms the ranking shown follows, in a picker (Enter mutes
    /// one, or counts it again).
    fn show_profile(&mut self) {
        if self.ranking.query.is_none() {
            let [terms, for_you, like] =
                [Action::ShowProfile, Action::ForYou, Action::MoreLikeThis]
                    .map(|a| self.key_name(a));
            return self.info(format!(
                "{terms} shows the terms of a ranking: rank first ({for_you}, or {like})"
            ));
        }
        self.overlay = Overlay::Picker(Picker::new(PickFor::Mute));
    }

    /// The profile's terms for the picker: `(word, "muted" or its weight)`,
    /// strongest first, the muted ones after them.
    pub fn profile_choices(&self) -> Vec<(u32, String, String)> {
        let (Some(index), Some(q)) = (&self.ranking.index, &self.ranking.query) else {
            return Vec::new();
        };
        let mut out: Vec<(u32, String, String)> = index
            .profile(q, PROFILE)
            .iter()
            .map(|&(t, w)| (t, index.term(t).to_owned(), format!("{:.0}%", w * 100.0)))
            .collect();
        out.extend(
            q.muted()
                .iter()
                .map(|&t| (t, index.term(t).to_owned(), "muted".to_owned())),
        );
        out
    }

    /// Mutes term `t` in the ranking shown (or counts it again).
    pub(super) fn toggle_mute(&mut self, t: u32, word: &str) {
        let muted = match self.ranking.muted.iter().position(|&m| m == t) {
            Some(k) => {
                self.ranking.muted.remove(k);
                false
            }
            None => {
                self.ranking.muted.push(t);
                true
            }
        };
        let Some(mode) = self.ranking.mode.clone() else {
            return;
        };
        self.ranking.keep = self.selected_paper().map(|i| self.digest().papers()[i].id);
        self.ask(mode);
        self.info(if muted {
            let again = self.key_name(Action::ShowProfile);
            format!("“{word}” muted in this ranking ({again} again to count it)")
        } else {
            format!("“{word}” counts again")
        });
    }

    /// Asks for a ranking (now, or once the index is ready).
    fn ask(&mut self, mode: Mode) {
        let ask = match &mode {
            Mode::Like { of, .. } => {
                self.ranking.liked.clear();
                Ask::Like(*of)
            }
            Mode::ForYou { list } => {
                let entries = self.lists().list(list);
                if entries.is_empty() {
                    let how = if list.is_bookmarks() {
                        format!(
                            "{} bookmarks a paper",
                            self.key_name(Action::ToggleBookmark)
                        )
                    } else {
                        format!("{} adds a paper to it", self.key_name(Action::PickList))
                    };
                    let f = self.key_name(Action::ForYou);
                    return self.info(format!("{list} is empty: {how}, then {f} ranks by it"));
                }
                let (papers, gone) = rank::saved_in(self.digest(), entries);
                let away = self.lists().not_for_me();
                let (not, not_gone) = rank::saved_in(self.digest(), &away);
                let others = texts(&gone);
                self.ranking.liked = papers
                    .iter()
                    .map(|&i| self.digest().title(i).to_owned())
                    .chain(others.iter().map(|s| s.title.clone()))
                    .collect();
                Ask::Saved {
                    papers,
                    others,
                    not,
                    not_others: texts(&not_gone),
                }
            }
        };
        self.ranking.mode = Some(mode);
        let Some(index) = self.ranking.index.clone() else {
            return self.info("still indexing the papers: the ranking follows when it is ready");
        };
        self.ranking.next += 1;
        let seq = self.ranking.next;
        self.ranking.waiting = Some(seq);
        let muted = self.ranking.muted.clone();
        self.effects.push(Effect::Rank(RankJob {
            seq,
            index,
            ask,
            muted,
        }));
    }

    /// A ranking thread's answer.
    pub fn rank_done(&mut self, answer: RankAnswer) {
        if self.ranking.waiting != Some(answer.seq) || self.view != View::Digest {
            return;
        }
        self.ranking.waiting = None;
        let Some(mode) = self.ranking.mode.clone() else {
            return;
        };
        let scores = Arc::new(answer.scores);
        let order = match &mode {
            Mode::Like { of, .. } => {
                let best = rank::best(&scores, &[*of], LIKE);
                Ranked::Like(Arc::new(best.iter().map(|&(i, _)| i as u32).collect()))
            }
            Mode::ForYou { .. } => Ranked::Scores(Arc::clone(&scores)),
        };
        self.ranking.scores = Some(scores);
        self.ranking.query = Some(Arc::new(answer.query));
        self.base.set_ranked(Some(order));
        self.base.rebuild(self.engine.digest());
        self.refilter();
        // Asked again: on the same paper; else the best first, the top.
        let keep = self.ranking.keep.take();
        match keep.and_then(|id| self.digest().position(id)) {
            Some(i) if self.list.position_of(i as u32).is_some() => {
                let k = self.list.position_of(i as u32).unwrap_or(0);
                return self.select(k);
            }
            _ => self.select(0),
        }
        self.info(match &mode {
            Mode::Like { .. } => format!(
                "more like this: {} goes back",
                self.key_name(Action::ClearFilter)
            ),
            Mode::ForYou { list } => format!(
                "ranked for you by {list}: {} again for page order",
                self.key_name(Action::ForYou)
            ),
        });
    }

    /// Back to the list as it was before "more like this".
    pub(super) fn leave_like(&mut self) {
        let Some(Mode::Like { back, .. }) = self.ranking.mode.clone() else {
            return;
        };
        self.stop_ranking();
        if let Some(i) = back.and_then(|id| self.digest().position(id))
            && let Some(k) = self.list.position_of(i as u32)
        {
            self.select(k);
        }
    }

    pub(super) fn stop_ranking(&mut self) {
        let keep = self.selected_paper();
        self.drop_ranking();
        self.base.set_ranked(None);
        self.base.rebuild(self.engine.digest());
        self.refilter();
        if let Some(k) = keep.and_then(|i| self.list.position_of(i as u32)) {
            self.select(k);
        }
    }

    /// Forgets a ranking of papers that are no longer those loaded.
    pub(super) fn drop_ranking(&mut self) {
        self.ranking.mode = None;
        self.ranking.waiting = None;
        self.ranking.scores = None;
        self.ranking.query = None;
    }

    pub fn is_more_like_this(&self) -> bool {
        matches!(self.ranking.mode, Some(Mode::Like { .. }))
    }

    /// Paper `i`'s score in the ranking shown.
    pub fn score_of(&self, i: usize) -> Option<f32> {
        if self.view != View::Digest {
            return None;
        }
        self.ranking.scores.as_ref()?.get(i).copied()
    }

    /// Whether paper `i` is in the list "for you" ranks by.
    pub fn in_rank_list(&self, i: usize) -> bool {
        match &self.ranking.mode {
            Some(Mode::ForYou { list }) if self.ranking.scores.is_some() => {
                self.lists().contains(list, &self.paper_id(i))
            }
            _ => false,
        }
    }

    /// The words that weighed most in paper `i`'s score.
    pub fn why(&self, i: usize) -> Vec<String> {
        match (&self.ranking.index, &self.ranking.query) {
            (Some(index), Some(q)) if self.score_of(i).is_some() => {
                index.why(q, i, 4).into_iter().map(str::to_owned).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The saved papers that pulled paper `i` up most (their titles), in
    /// a ranking for you.
    pub fn pulled_by(&self, i: usize) -> Vec<String> {
        self.pulled_with_words(i)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    /// [`App::pulled_by`], each with the words paper `i` shares with it
    /// that weigh most.
    pub fn pulled_with_words(&self, i: usize) -> Vec<(String, Vec<String>)> {
        match (&self.ranking.index, &self.ranking.query) {
            (Some(index), Some(q)) if self.score_of(i).is_some() => index
                .pulled_by(q, i, 2)
                .iter()
                .filter_map(|&k| {
                    let title = self.ranking.liked.get(k)?.clone();
                    let words = index.shared(q, k, i, 3);
                    Some((title, words.into_iter().map(str::to_owned).collect()))
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// What the list is ranked by, for the status bar.
    pub fn ranking_label(&self) -> Option<String> {
        let shown = self.ranking.scores.is_some();
        match &self.ranking.mode {
            Some(Mode::Like { of, .. }) if shown => {
                let title = self.digest().title(*of);
                let short: String = title.chars().take(30).collect();
                let more = if short.len() < title.len() { "…" } else { "" };
                Some(format!("like “{short}{more}”"))
            }
            Some(Mode::ForYou { list }) if shown => Some(format!("for you ({list})")),
            _ if self.ranking.indexing => Some("indexing…".to_owned()),
            _ => None,
        }
    }
}

//! Fuzzy matching: a query in, ranked hits out.
//!
//! The rule (shared by `paperboy list --query` and the reader): every
//! space-separated token must match. At `title` scope a token matches a title
//! fuzzily (SkimMatcherV2, smart case: case-sensitive only when the token holds
//! an ASCII capital). At `all` scope a token may instead match the abstract or an
//! author's name as a case-insensitive substring; papers whose every token matched the title rank
//! above abstract-only ones. Then higher score first, digest order on ties.
//!
//! Speed comes from doing the matcher's work only where it can succeed:
//! - a 64-bit character mask per title, built once, rejects most papers with
//!   one AND, without touching the title;
//! - titles are copied back to back with their scoring bonuses precomputed,
//!   and scored by [`Scorer`], the matcher's algorithm without its per-call
//!   allocations (a tenth of its cost);
//! - a query that extends the previous one searches only its hits ([`Session`]);
//! - a full pass runs on every core, in chunks, and can be abandoned between
//!   chunks when a newer query arrives;
//! - hits are ranked lazily ([`Ranked`]): only as far as the screen needs.

use std::cmp::Ordering;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::{memchr_iter, memchr2_iter, memmem};

use crate::digest::Digest;
use crate::par::cores;

mod score;
pub use score::Scorer;

#[cfg(test)]
mod proptests;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Scope {
    /// Titles only (fuzzy)
    #[default]
    Title,
    /// Titles (fuzzy) or abstracts (substring)
    All,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Title => "title",
            Scope::All => "all",
        }
    }
}

#[derive(Clone, Debug)]
struct Token {
    text: String,
    /// Title-mask bits every matching title must have.
    mask: u64,
    /// Lowercased, for the abstract substring test.
    lower: String,
    /// Index in `lower` of its rarest byte, the one to scan for.
    rare: usize,
}

impl Token {
    fn new(text: &str) -> Token {
        let lower = if text.is_ascii() {
            text.to_ascii_lowercase()
        } else {
            text.to_lowercase()
        };
        let rare = lower
            .bytes()
            .enumerate()
            .max_by_key(|&(_, b)| rarity(b))
            .map_or(0, |(i, _)| i);
        Token {
            text: text.to_owned(),
            mask: char_mask(text),
            lower,
            rare,
        }
    }
}

/// The order papers are listed in (when a query does not rank them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Sort {
    /// As the page lists them (a library: newest day first)
    #[default]
    Page,
    /// Most upvoted first
    Upvotes,
    /// Newest day first
    Date,
}

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Page => "page",
            Sort::Upvotes => "upvotes",
            Sort::Date => "date",
        }
    }

    /// The next in the cycle page order → upvotes → date.
    pub fn next(self) -> Sort {
        match self {
            Sort::Page => Sort::Upvotes,
            Sort::Upvotes => Sort::Date,
            Sort::Date => Sort::Page,
        }
    }

    /// Puts `papers` (indices into `d`) in this order, stably: papers the
    /// key says nothing of keep their order, after the others.
    pub fn apply(self, d: &Digest, papers: &mut [u32]) {
        match self {
            Sort::Page => {}
            Sort::Upvotes => {
                papers.sort_by_key(|&i| std::cmp::Reverse(d.facts(i as usize).upvotes))
            }
            Sort::Date => papers.sort_by_key(|&i| std::cmp::Reverse(d.date_key(i as usize))),
        }
    }
}

/// A parsed query: the raw text, its scope and its tokens.
#[derive(Clone, Debug)]
pub struct Query {
    text: String,
    scope: Scope,
    tokens: Vec<Token>,
}

impl Query {
    pub fn new(text: &str, scope: Scope) -> Query {
        Query {
            text: text.to_owned(),
            scope,
            tokens: text.split_whitespace().map(Token::new).collect(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// True when every hit of `self` is a hit of `prev`, so only those need
    /// testing: the text was extended at its end. Each earlier token then
    /// survives as a prefix of a token, and a text holding the longer one (as a
    /// subsequence or a substring) holds the shorter.
    pub fn narrows(&self, prev: &Query) -> bool {
        self.scope == prev.scope && !prev.is_empty() && self.text.starts_with(&prev.text)
    }
}

/// One matching paper and how well it matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub paper: u32,
    pub score: i64,
    /// 0: every token matched the title; 1: some only the abstract.
    pub tier: u8,
}

/// The ranking order: tier, then score (high first), then digest order.
fn rank(a: &Hit, b: &Hit) -> Ordering {
    a.tier
        .cmp(&b.tier)
        .then(b.score.cmp(&a.score))
        .then(a.paper.cmp(&b.paper))
}

/// Hits, ranked lazily: `hits[..sorted]` is in final order, the rest is not
/// yet sorted (but all of it ranks after the prefix).
#[derive(Clone, Debug, Default)]
pub struct Ranked {
    hits: Vec<Hit>,
    sorted: usize,
}

/// How much to rank at once: a screen or two, so scrolling rarely needs more.
const FIRST_RANKED: usize = 256;

impl Ranked {
    /// Every paper, in digest order (the empty query).
    pub fn all(n: usize) -> Ranked {
        Ranked::from_order((0..n as u32).collect())
    }

    /// These papers in this order (a list with nothing to rank by).
    pub fn from_order(papers: Vec<u32>) -> Ranked {
        let n = papers.len();
        Ranked {
            hits: papers
                .into_iter()
                .map(|paper| Hit {
                    paper,
                    score: 0,
                    tier: 0,
                })
                .collect(),
            sorted: n,
        }
    }

    pub fn from_hits(hits: Vec<Hit>) -> Ranked {
        let mut r = Ranked { hits, sorted: 0 };
        r.ensure_sorted(FIRST_RANKED);
        r
    }

    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// Makes sure the first `n` hits are in final order.
    pub fn ensure_sorted(&mut self, n: usize) {
        let n = n.min(self.hits.len());
        if n <= self.sorted {
            return;
        }
        // Rank at least twice as far as before, so paging down costs O(n) total.
        let upto = n.max(self.sorted * 2).min(self.hits.len());
        let tail = &mut self.hits[self.sorted..];
        let k = upto - self.sorted;
        if k < tail.len() {
            tail.select_nth_unstable_by(k - 1, rank);
        }
        tail[..k].sort_unstable_by(rank);
        self.sorted = upto;
    }

    /// The ranked prefix.
    pub fn ranked(&self) -> &[Hit] {
        &self.hits[..self.sorted]
    }

    /// The `i`th hit in rank order, ranking further if needed.
    pub fn get(&mut self, i: usize) -> Option<Hit> {
        self.ensure_sorted(i + 1);
        self.hits.get(i).copied()
    }

    /// Where `paper` ranks, if it is a hit.
    pub fn position_of(&mut self, paper: u32) -> Option<usize> {
        if let Some(i) = self.ranked().iter().position(|h| h.paper == paper) {
            return Some(i);
        }
        let hit = *self.hits[self.sorted..].iter().find(|h| h.paper == paper)?;
        let i = self.sorted
            + self.hits[self.sorted..]
                .iter()
                .filter(|h| rank(h, &hit) == Ordering::Less)
                .count();
        self.ensure_sorted(i + 1);
        Some(i)
    }

    /// The matching papers, in no particular order.
    pub fn papers(&self) -> Vec<u32> {
        self.hits.iter().map(|h| h.paper).collect()
    }

    /// Every hit in rank order.
    pub fn into_sorted(mut self) -> Vec<Hit> {
        self.ensure_sorted(self.hits.len());
        self.hits
    }
}

/// A bit of the title mask no token sets: the title is ASCII.
const ASCII_TITLE: u64 = 1 << 63;

/// Bits for the ASCII letters and digits a text holds (case folded). A token's
/// mask must be a subset of a title's for the title to be worth matching.
pub fn char_mask(s: &str) -> u64 {
    // A table, not a match: letters and spaces alternate unpredictably.
    s.bytes().fold(0, |m, b| m | BYTE_BITS[b as usize])
}

static BYTE_BITS: [u64; 256] = byte_bits();

const fn byte_bits() -> [u64; 256] {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b'a'..=b'z' => 1 << (c - b'a'),
            b'A'..=b'Z' => 1 << (c - b'A'),
            b'0'..=b'9' => 1 << (26 + c - b'0'),
            _ => 0,
        };
        b += 1;
    }
    t
}

/// How rare a byte is in English text (higher is rarer), to pick the byte to
/// scan for in a substring search.
fn rarity(b: u8) -> u8 {
    const COMMON: &[u8] = b" etaoinshrdlcumwfgypbvkjxqz";
    match COMMON.iter().position(|&c| c == b.to_ascii_lowercase()) {
        Some(i) => i as u8,
        None => 200, // digits, punctuation, non-ASCII
    }
}

/// Case-insensitive substring test for the abstract scope: ASCII letters fold
/// case (as the matcher folds them); a token with other letters compares both
/// sides by Unicode lowercase.
fn contains_folded(hay: &str, token: &Token) -> bool {
    let needle = token.lower.as_bytes();
    if !token.lower.is_ascii() {
        return hay.to_lowercase().contains(&token.lower);
    }
    let h = hay.as_bytes();
    if needle.len() > h.len() {
        return false;
    }
    let r = token.rare;
    let rb = needle[r];
    let check = |pos: usize| {
        pos >= r && pos - r + needle.len() <= h.len() && {
            let start = pos - r;
            h[start..start + needle.len()].eq_ignore_ascii_case(needle)
        }
    };
    if rb.is_ascii_alphabetic() {
        memchr2_iter(rb, rb.to_ascii_uppercase(), h).any(check)
    } else {
        memchr_iter(rb, h).any(check)
    }
}

/// Byte ranges in `text` where any token occurs (case folded), for highlighting
/// an abstract.
pub fn substring_ranges(text: &str, query: &Query) -> Vec<Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let mut out: Vec<Range<usize>> = Vec::new();
    for t in &query.tokens {
        if !t.lower.is_ascii() || t.lower.is_empty() {
            continue;
        }
        for i in memmem::find_iter(lower.as_bytes(), t.lower.as_bytes()) {
            out.push(i..i + t.lower.len());
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Everything matching needs, built once per digest.
pub struct Engine {
    digest: Arc<Digest>,
    /// Each title's [`title_mask`]. An engine for one query builds none of
    /// these vectors (they stay empty): it works each mask out in its one
    /// search pass and scores the digest's own titles.
    masks: Vec<u64>,
    /// Every title, back to back: scanning titles then walks a few MB in
    /// order instead of touching a page of the digest per paper.
    titles: String,
    title_ends: Vec<u32>,
    /// The scorer's per-character bonuses of every ASCII title, aligned
    /// with `titles` (zeros for the others, which are scored without).
    bonus: Vec<i8>,
    matcher: SkimMatcherV2,
    threads: usize,
    chunk: usize,
}

/// What an engine precomputes for a run of papers.
#[derive(Default)]
struct Prepared {
    masks: Vec<u64>,
    titles: String,
    /// Ends of each title in `titles`, after a leading 0.
    title_ends: Vec<u32>,
    bonus: Vec<i8>,
}

impl Prepared {
    fn titles(digest: &Digest, papers: Range<usize>) -> Prepared {
        let mut p = Prepared::default();
        p.masks.reserve(papers.len());
        p.title_ends.push(0);
        for i in papers {
            let t = digest.title(i);
            p.masks.push(title_mask(t));
            p.titles.push_str(t);
            p.title_ends.push(p.titles.len() as u32);
            if t.is_ascii() {
                score::bonuses(t.as_bytes(), &mut p.bonus);
            } else {
                p.bonus.resize(p.titles.len(), 0);
            }
        }
        p
    }
}

/// A title's [`char_mask`], with [`ASCII_TITLE`] set when it is ASCII.
fn title_mask(t: &str) -> u64 {
    char_mask(t) | if t.is_ascii() { ASCII_TITLE } else { 0 }
}

/// Papers per unit of work: small enough to abandon a stale search quickly
/// and to balance two cores, large enough that scheduling costs nothing.
const CHUNK: usize = 2048;

impl Engine {
    /// An engine for many queries (the reader): scoring bonuses are
    /// precomputed for every title.
    pub fn new(digest: Arc<Digest>) -> Engine {
        Engine::build(digest)
    }

    /// An engine for one query (the command line): bonuses are computed only
    /// for the titles that get scored.
    pub fn for_one_query(digest: Arc<Digest>) -> Engine {
        // Nothing is built ahead: each title's mask is worked out as the
        // search reaches it, in the same pass that uses it.
        Engine {
            digest,
            masks: Vec::new(),
            titles: String::new(),
            title_ends: Vec::new(),
            bonus: Vec::new(),
            matcher: SkimMatcherV2::default(),
            threads: cores(),
            chunk: CHUNK,
        }
    }

    fn build(digest: Arc<Digest>) -> Engine {
        let threads = cores();
        let n = digest.len();
        // Built in parallel parts (one per core), then joined in order.
        let per = n.div_ceil(threads).max(1);
        let ranges: Vec<Range<usize>> = (0..n)
            .step_by(per)
            .map(|from| from..(from + per).min(n))
            .collect();
        let parts = crate::par::map(ranges, threads, |r| Prepared::titles(&digest, r));
        let mut all = Prepared::default();
        all.title_ends.push(0);
        for p in parts {
            let base = all.titles.len() as u32;
            all.masks.extend(p.masks);
            all.title_ends
                .extend(p.title_ends.iter().skip(1).map(|e| e + base));
            all.titles.push_str(&p.titles);
            all.bonus.extend(p.bonus);
        }
        Engine {
            digest,
            masks: all.masks,
            titles: all.titles,
            title_ends: all.title_ends,
            bonus: all.bonus,
            matcher: SkimMatcherV2::default(),
            threads,
            chunk: CHUNK,
        }
    }

    /// The same engine with smaller units of work (tests of the parallel path).
    #[cfg(test)]
    pub(crate) fn with_chunk(mut self, chunk: usize) -> Engine {
        self.chunk = chunk.max(1);
        self
    }

    /// The same engine restricted to `threads` worker threads (benchmarks).
    pub fn with_threads(mut self, threads: usize) -> Engine {
        self.threads = threads.max(1);
        self
    }

    pub fn digest(&self) -> &Arc<Digest> {
        &self.digest
    }

    /// SkimMatcherV2's score for `token` in `title` (see [`Scorer`]).
    pub fn score(&self, title: &str, token: &str) -> Option<i64> {
        Scorer::default().score(title, token)
    }

    /// SkimMatcherV2's score of `token` in title `i` (its bonuses precomputed
    /// when the title is ASCII).
    fn title_score(&self, i: usize, mask: u64, token: &str, scorer: &mut Scorer) -> Option<i64> {
        let (title, bonus) = match self.title_ends.get(i..i + 2) {
            Some(&[a, b]) => {
                let (a, b) = (a as usize, b as usize);
                (&self.titles[a..b], self.bonus.get(a..b))
            }
            _ => (self.digest.title(i), None),
        };
        if mask & ASCII_TITLE != 0 {
            scorer.score_ascii(title.as_bytes(), bonus, token)
        } else {
            scorer.score(title, token)
        }
    }

    /// Tests one paper against the query.
    fn match_paper(&self, q: &Query, i: usize, scorer: &mut Scorer) -> Option<Hit> {
        let mask = match self.masks.get(i) {
            Some(&m) => m,
            None => title_mask(self.digest.title(i)),
        };
        if q.scope == Scope::Title && q.tokens.iter().any(|t| mask & t.mask != t.mask) {
            return None; // rejected without touching the title
        }
        let mut score = 0i64;
        let mut tier = 0u8;
        for t in &q.tokens {
            // The scorer rejects titles whose characters are out of order.
            let in_title = (mask & t.mask == t.mask)
                .then(|| self.title_score(i, mask, &t.text, scorer))
                .flatten();
            if let Some(s) = in_title {
                score += s;
            } else if q.scope == Scope::All
                && (contains_folded(self.digest.abstract_raw(i), t) || {
                    let f = self.digest.facts(i);
                    // Authors and arXiv categories (`cs.CL`) are found too.
                    f.authors
                        .iter()
                        .chain(&f.categories)
                        .any(|a| contains_folded(a, t))
                })
            {
                tier = 1;
            } else {
                return None;
            }
        }
        Some(Hit {
            paper: i as u32,
            score,
            tier,
        })
    }

    /// Every paper matching `q`, among `within` when given (a superset of the
    /// answer, such as the hits of a query `q` narrows). `cancelled` is polled
    /// between chunks; a cancelled search returns `None`.
    pub fn search(
        &self,
        q: &Query,
        within: Option<&[u32]>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Ranked> {
        if q.is_empty() {
            return Some(Ranked::all(self.digest.len()));
        }
        let n = within.map_or(self.digest.len(), <[u32]>::len);
        let paper_at = |k: usize| within.map_or(k, |w| w[k] as usize);
        let chunk = self.chunk;
        let chunks = n.div_ceil(chunk);
        let next = AtomicUsize::new(0);
        let work = || -> Option<Vec<Hit>> {
            let mut hits = Vec::new();
            let mut scorer = Scorer::default();
            loop {
                let c = next.fetch_add(1, AtomicOrdering::Relaxed);
                if c >= chunks {
                    return Some(hits);
                }
                if cancelled() {
                    return None;
                }
                let end = ((c + 1) * chunk).min(n);
                hits.extend(
                    (c * chunk..end).filter_map(|k| self.match_paper(q, paper_at(k), &mut scorer)),
                );
            }
        };
        // A panic in a helper reaches the caller; `None` only ever means
        // the search was abandoned.
        let parts = crate::par::workers(self.threads.min(chunks), work);
        let mut hits = Vec::new();
        for part in parts {
            hits.extend(part?);
        }
        Some(Ranked::from_hits(hits))
    }

    /// Char indices in `title` matched by the query's tokens (for highlighting
    /// the rows on screen only: this costs what matching costs).
    pub fn title_positions(&self, title: &str, q: &Query) -> Vec<usize> {
        let mut out = Vec::new();
        for t in &q.tokens {
            if let Some((_, pos)) = self.matcher.fuzzy_indices(title, &t.text) {
                out.extend(pos);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Remembers the last query and its hits, so a query that extends it searches
/// only those.
#[derive(Default)]
pub struct Session {
    last: Option<(Query, Vec<u32>)>,
    /// The papers the last search looked among.
    within: Option<Arc<Vec<u32>>>,
}

impl Session {
    /// Searches `engine` (among `within` when given) for `q`.
    pub fn search(
        &mut self,
        engine: &Engine,
        q: &Query,
        within: Option<&Arc<Vec<u32>>>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Ranked> {
        let same_papers = match (&self.within, within) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        let narrowed = match &self.last {
            Some((prev, hits)) if same_papers && q.narrows(prev) => Some(hits.as_slice()),
            _ => None,
        };
        let among = narrowed.or(within.map(|w| w.as_slice()));
        let ranked = engine.search(q, among, cancelled)?;
        self.last = (!q.is_empty()).then(|| (q.clone(), ranked.papers()));
        self.within = within.cloned();
        Some(ranked)
    }

    /// Forgets the cache (the digest changed).
    pub fn reset(&mut self) {
        self.last = None;
        self.within = None;
    }
}

/// Runs a query to completion, in rank order (the command line's path).
pub fn search_all(engine: &Engine, q: &Query) -> Vec<Hit> {
    engine
        .search(q, None, &|| false)
        .map(Ranked::into_sorted)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(titles: &[&str]) -> Arc<Digest> {
        let text: String = titles
            .iter()
            .map(|t| format!("{t}\n\nWe study {t} and show that it works well in many different settings.\n\n"))
            .collect();
        Arc::new(Digest::parse("t.txt", text))
    }

    fn titles(engine: &Engine, q: &str, scope: Scope) -> Vec<String> {
        search_all(engine, &Query::new(q, scope))
            .iter()
            .map(|h| engine.digest().title(h.paper as usize).to_owned())
            .collect()
    }

    #[test]
    fn mask_folds_case() {
        assert_eq!(char_mask("aB1"), char_mask("Ab1"));
        assert_eq!(char_mask("a") & char_mask("xyz"), 0);
    }

    #[test]
    fn scores_do_not_depend_on_earlier_calls() {
        // The engine reuses one scorer per thread for every title: what it
        // scored before must not change what it scores next.
        let mut reused = Scorer::default();
        let t = "TLLM bBbbBbB Über LLM";
        for other in ["TLLM LLM aaaAaAA AaAaa Quantization", "LLLLLLLLLL", "", "l"] {
            reused.score(other, "LLL");
            assert_eq!(
                reused.score(t, "LLL"),
                Scorer::default().score(t, "LLL"),
                "after {other:?}"
            );
            let ascii = "Large Language LLM Models";
            reused.score_ascii(other.as_bytes(), None, "LLL");
            assert_eq!(
                reused.score_ascii(ascii.as_bytes(), None, "LLL"),
                Scorer::default().score(ascii, "LLL")
            );
        }
    }

    #[test]
    fn contains_folded_is_case_insensitive() {
        let t = Token::new("quantiz");
        assert!(contains_folded("Post-training QUANTIZATION", &t));
        assert!(!contains_folded("quanti zation", &t));
        assert!(contains_folded("ÜBER alles", &Token::new("über")));
        assert!(contains_folded("a 4-bit b", &Token::new("4-bit")));
    }

    #[test]
    fn tokens_and_ranking() {
        let e = Engine::new(digest(&[
            "Quantized Vision Transformers",
            "Vision Language Models",
            "Language Model Quantization",
            "A Study of Language",
        ]));
        assert_eq!(
            titles(&e, "quant vis", Scope::Title),
            ["Quantized Vision Transformers"]
        );
        // Best score first (a match at the title's start scores highest),
        // equal scores in digest order.
        let s = |t: &str| e.score(t, "language");
        assert!(s("Language Model Quantization") > s("Vision Language Models"));
        assert_eq!(s("Vision Language Models"), s("A Study of Language"));
        assert_eq!(
            titles(&e, "language", Scope::Title),
            [
                "Language Model Quantization",
                "Vision Language Models",
                "A Study of Language"
            ]
        );
        assert!(titles(&e, "zzz", Scope::Title).is_empty());
        // Every abstract says "study"; the title that says it ranks first,
        // then the abstract-only matches in digest order.
        assert_eq!(
            titles(&e, "study", Scope::All),
            [
                "A Study of Language",
                "Quantized Vision Transformers",
                "Vision Language Models",
                "Language Model Quantization",
            ]
        );
        assert_eq!(titles(&e, "", Scope::Title).len(), 4);
        // A paper whose every token matched its title ranks above one that
        // needed its abstract, even when the latter scores higher.
        let text = "Quantized Models\n\nWe quantize models and find that it works well in every setting.\n\n\
                    Aqxu bxan cxtx dxix zxex dowe\n\nNothing of note is said here, for this is a test of tiers only.\n";
        let e = Engine::new(Arc::new(Digest::parse("t.txt", text)));
        let title_only = "Aqxu bxan cxtx dxix zxex dowe";
        let both = e.score(title_only, "quantized").unwrap() + e.score(title_only, "we").unwrap();
        assert!(both < e.score("Quantized Models", "quantized").unwrap());
        assert_eq!(
            titles(&e, "quantized we", Scope::All),
            [title_only, "Quantized Models"]
        );
    }

    #[test]
    fn narrowing_searches_previous_hits_only() {
        let e = Engine::new(digest(&["Alpha Beta", "Alpha Gamma", "Delta"]));
        let mut s = Session::default();
        let r1 = s
            .search(&e, &Query::new("alp", Scope::Title), None, &|| false)
            .unwrap();
        assert_eq!(r1.len(), 2);
        assert!(Query::new("alpha g", Scope::Title).narrows(&Query::new("alp", Scope::Title)));
        assert!(!Query::new("al", Scope::Title).narrows(&Query::new("alp", Scope::Title)));
        assert!(!Query::new("alp", Scope::All).narrows(&Query::new("alp", Scope::Title)));
        let r2 = s
            .search(&e, &Query::new("alpha g", Scope::Title), None, &|| false)
            .unwrap();
        assert_eq!(r2.into_sorted().len(), 1);
    }

    #[test]
    fn cancelled_search_returns_nothing() {
        let e = Engine::new(digest(&["Alpha"]));
        assert!(
            e.search(&Query::new("a", Scope::Title), None, &|| true)
                .is_none()
        );
    }

    #[test]
    fn lazy_ranking_matches_full_sort() {
        let hits: Vec<Hit> = (0..1000u32)
            .map(|i| Hit {
                paper: i,
                score: ((i * 7919) % 97) as i64,
                tier: (i % 3 == 0) as u8,
            })
            .collect();
        let mut full = hits.clone();
        full.sort_by(rank);
        let mut r = Ranked::from_hits(hits);
        assert_eq!(r.ranked().len(), FIRST_RANKED);
        assert_eq!(r.ranked(), &full[..FIRST_RANKED]);
        let target = full[700].paper;
        assert_eq!(r.position_of(target), Some(700));
        assert_eq!(r.get(999), Some(full[999]));
        assert_eq!(r.into_sorted(), full);
    }

    #[test]
    fn substring_ranges_for_highlight() {
        let q = Query::new("bit", Scope::All);
        assert_eq!(substring_ranges("4-Bit and 8-bit", &q), vec![2..5, 12..15]);
    }
}

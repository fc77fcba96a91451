//! What a paper is, and every way a digest is read.
//!
//! A [`Digest`] owns the text of every file it was read from and holds papers
//! as byte spans into that text: two allocations per file, whatever the number
//! of papers, so a 170 MB archive costs little more than its own size. When
//! only titles are wanted ([`Keep::Titles`]) it owns just those, copied out of
//! a small window the file is read through (`stream.rs`).
//!
//! Each input is recognised once, from its content (`load.rs`), and read by
//! the reader of its format: the page as text (`grammar.rs`, `text.rs`),
//! Markdown captures (`markdown.rs`) or the API's JSON (`json.rs`). All of
//! them give the same [`Paper`]s, merged when two copies are one paper.

mod arxiv;
mod decode;
pub mod diagnostics;
mod email;
pub mod facts;
pub mod facts_view;
mod feed;
pub mod grammar;
mod html;
mod id;
mod json;
mod kv;
mod load;
mod markdown;
#[cfg(test)]
pub(crate) mod proptests;
pub mod sanitize;
mod source;
mod stream;
mod text;

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

pub use arxiv::is_category;
pub use diagnostics::{Diagnostic, Severity};
pub use facts::{Facts, Links};
use id::IdHasher;
pub use id::PaperId;
pub use load::{Format, Input, Keep};
pub use source::Source;

/// The sample digest, built into the binary.
pub const SAMPLE: &str = include_str!("../../assets/daily-papers-jul-29.txt");
pub const SAMPLE_NAME: &str = "daily-papers-jul-29.txt (sample)";

/// A byte range in one of the digest's texts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Span {
    text: u32,
    start: u32,
    end: u32,
}

/// Where a paper was read: which source, which line of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub source: u32,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct Paper {
    pub id: PaperId,
    title: Span,
    abstract_: Span,
    date: Option<Span>,
    date_key: u32,
    /// The first place the paper was read.
    pub origin: Origin,
    /// Every other place it was read (another copy of it).
    pub also: Vec<Origin>,
    /// What the source said beyond title and abstract; none for most page
    /// text, so a paper costs a pointer for them.
    facts: Option<Box<Facts>>,
}

impl Paper {
    fn arxiv(&self) -> Option<&str> {
        self.facts.as_ref().and_then(|f| f.arxiv.as_deref())
    }
}

static NO_FACTS: Facts = Facts {
    arxiv: None,
    authors: Vec::new(),
    author_count: None,
    upvotes: None,
    published: None,
    comments: None,
    github: None,
    project: None,
    categories: Vec::new(),
    arxiv_comments: None,
    journal_ref: None,
    doi: None,
    version: None,
    announce: None,
    summary: None,
    report_no: None,
    license: None,
    keywords: Vec::new(),
    stars: None,
    organization: None,
    media: Vec::new(),
};

/// A paper's fields, borrowed from its digest.
#[derive(Clone, Copy, Debug)]
pub struct PaperView<'a> {
    pub id: PaperId,
    pub title: &'a str,
    /// The abstract as written, line breaks included; see [`PaperView::abstract_text`].
    pub abstract_raw: &'a str,
    /// The day of the Daily Papers it was on, as the source wrote it.
    pub date: Option<&'a str>,
    pub source: &'a str,
    pub line: u32,
    pub facts: &'a Facts,
}

impl<'a> PaperView<'a> {
    /// The abstract as one paragraph: lines joined, spaces collapsed.
    pub fn abstract_text(&self) -> Cow<'a, str> {
        join_lines(self.abstract_raw)
    }
}

/// The text with every run of white space (line breaks included) made one
/// space; no copy when there is none to collapse.
pub fn join_lines(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let clean = memchr::memchr3(b'\n', b'\r', b'\t', b).is_none()
        && !b.windows(2).any(|w| w == b"  ")
        && s.trim().len() == s.len();
    if clean {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Papers read from one or more sources, with what was noticed on the way.
#[derive(Default)]
pub struct Digest {
    texts: Vec<Cow<'static, str>>,
    sources: Vec<String>,
    source_index: HashMap<String, u32>,
    papers: Vec<Paper>,
    by_id: HashMap<PaperId, u32, BuildHasherDefault<IdHasher>>,
    by_arxiv: HashMap<String, u32>,
    pub diagnostics: Vec<Diagnostic>,
    /// The format each source was read as, by source index.
    formats: Vec<Option<Format>>,
    /// By text: true when a reader decoded it and it holds something
    /// [`sanitize`] removes, so its papers' spans are cleaned at the gate.
    dirty: Vec<bool>,
    /// The text that cleaned copies of dirty spans are written to.
    side: Option<u32>,
    /// Where a date without a year (`Dec 4`) takes its year from while a
    /// file is read: the day its name says, if it says one.
    year_from: Option<crate::day::Day>,
}

/// One paper given whole (a saved entry, or a paper read from Markdown or
/// JSON), for building a digest.
pub struct OwnedPaper<'a> {
    pub title: &'a str,
    pub abstract_: &'a str,
    pub date: Option<&'a str>,
    pub source: &'a str,
    pub line: u32,
    pub facts: Option<Facts>,
}

/// A paper as the Markdown and JSON readers find it: its texts are ranges
/// of the reader's arena ([`Read::text`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ReadPaper {
    pub title: Range<u32>,
    pub abstract_: Range<u32>,
    pub date: Option<Range<u32>>,
    pub line: u32,
    pub facts: Facts,
}

/// What a Markdown or JSON reader found in one input: every text it kept
/// in one arena (two allocations for any number of papers, and no second
/// copy when the papers join a digest).
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub text: String,
    pub papers: Vec<ReadPaper>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether no papers is a fine answer (an empty weekend feed), not a
    /// file read wrong.
    pub empty_ok: bool,
}

impl Read {
    /// Appends `s` to the arena.
    pub fn put(&mut self, s: &str) -> Range<u32> {
        let start = self.text.len() as u32;
        self.text.push_str(s);
        start..self.text.len() as u32
    }

    /// Appends `s` made plain (see [`sanitize::clean_markup`]).
    pub fn put_clean(&mut self, s: &str) -> Range<u32> {
        let start = self.text.len() as u32;
        sanitize::clean_markup_into(&mut self.text, s);
        start..self.text.len() as u32
    }

    pub fn get(&self, r: &Range<u32>) -> &str {
        &self.text[r.start as usize..r.end as usize]
    }

    /// Adds what a later part of the same input found.
    pub fn append(&mut self, mut other: Read) {
        let base = self.text.len() as u32;
        let shift = |r: &mut Range<u32>| *r = r.start + base..r.end + base;
        for p in &mut other.papers {
            shift(&mut p.title);
            shift(&mut p.abstract_);
            if let Some(d) = p.date.as_mut() {
                shift(d);
            }
        }
        self.text.push_str(&other.text);
        self.papers.append(&mut other.papers);
        self.diagnostics.append(&mut other.diagnostics);
    }
}

/// The sortable key of a date as written (`Jul 29`, `2024-10-07`): year *
/// 10000 + month * 100 + day, year 0 when not given.
pub fn date_key(date: &str) -> u32 {
    grammar::iso_date_key(date)
        .or_else(|| grammar::date_text(date).map(|d| d.key))
        .unwrap_or(0)
}

impl Digest {
    /// The papers printed back as a digest, each in its own date section:
    /// its date line (when it has one), its title and its abstract, blank
    /// lines between. Parsing the result gives the same papers: a date line
    /// ends the layout before it, so no title can be read as the abstract
    /// of another. Undated papers go first, as a digest has no way to end a
    /// date section, and have no such mark.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let undated = (0..self.len()).filter(|&i| self.papers[i].date.is_none());
        let dated = (0..self.len()).filter(|&i| self.papers[i].date.is_some());
        for i in undated.chain(dated) {
            let v = self.get(i);
            if let Some(d) = v.date {
                out.push_str(d);
                out.push_str("\n\n");
            }
            out.push_str(v.title);
            out.push_str("\n\n");
            if !v.abstract_raw.is_empty() {
                out.push_str(v.abstract_raw);
                out.push_str("\n\n");
            }
        }
        out
    }

    /// A digest of saved papers, so a reading list can be shown like any digest.
    pub fn from_papers<'a>(papers: impl IntoIterator<Item = OwnedPaper<'a>>) -> Digest {
        let mut d = Digest::default();
        d.add_papers(papers);
        d
    }

    /// Adds whole papers: their text goes into one new arena.
    fn add_papers<'a>(&mut self, papers: impl IntoIterator<Item = OwnedPaper<'a>>) {
        let t = self.texts.len() as u32;
        let mut text = String::new();
        let mut put = |s: &str| {
            let start = text.len() as u32;
            text.push_str(s);
            Span {
                text: t,
                start,
                end: text.len() as u32,
            }
        };
        let mut made = Vec::new();
        for p in papers {
            let (title, abstract_) = (put(p.title), put(p.abstract_));
            let date = p.date.map(&mut put);
            let key = p.date.map_or(0, date_key);
            let source = self.intern_source(p.source);
            let id = PaperId::from_title(p.title);
            let facts = p.facts.filter(|f| !f.is_empty()).map(Box::new);
            made.push(Paper {
                id,
                title,
                abstract_,
                date,
                date_key: key,
                origin: Origin {
                    source,
                    line: p.line,
                },
                also: Vec::new(),
                facts,
            });
        }
        self.push_decoded(text);
        self.papers.reserve(made.len());
        for p in made {
            self.insert(p);
        }
    }

    /// Adds what a Markdown or JSON reader found: its arena becomes one of
    /// the digest's texts, its papers spans into it.
    fn add_read_papers(&mut self, name: &str, mut read: Read) {
        let t = self.texts.len() as u32;
        let source = self.intern_source(name);
        let span = |r: &Range<u32>| Span {
            text: t,
            start: r.start,
            end: r.end,
        };
        let mut made = Vec::with_capacity(read.papers.len());
        for p in std::mem::take(&mut read.papers) {
            let title = read.get(&p.title);
            let date_key = p.date.as_ref().map_or(0, |d| date_key(read.get(d)));
            made.push(Paper {
                id: PaperId::from_title(title),
                title: span(&p.title),
                abstract_: span(&p.abstract_),
                date: p.date.as_ref().map(span),
                date_key,
                origin: Origin {
                    source,
                    line: p.line,
                },
                also: Vec::new(),
                facts: Some(Box::new(p.facts)).filter(|f| !f.is_empty()),
            });
        }
        self.push_decoded(read.text);
        self.papers.reserve(made.len());
        for p in made {
            self.insert(p);
        }
    }

    /// Takes in another digest (read from other files): its texts, sources
    /// and diagnostics, and its papers, merged with the copies already here.
    pub fn absorb(&mut self, other: Digest) {
        let base = self.texts.len() as u32;
        let sources: Vec<u32> = other
            .sources
            .iter()
            .map(|s| self.intern_source(s))
            .collect();
        for (i, f) in other.formats.iter().enumerate() {
            if let Some(f) = f {
                let s = sources[i] as usize;
                if self.formats.len() <= s {
                    self.formats.resize(s + 1, None);
                }
                self.formats[s] = Some(*f);
            }
        }
        // Its papers were cleaned at its own gate.
        for t in other.texts {
            self.push_text(t, false);
        }
        self.diagnostics.extend(other.diagnostics);
        let shift = |s: Span| Span {
            text: s.text + base,
            ..s
        };
        let origin = |o: Origin| Origin {
            source: sources[o.source as usize],
            ..o
        };
        self.papers.reserve(other.papers.len());
        for mut p in other.papers {
            (p.title, p.abstract_) = (shift(p.title), shift(p.abstract_));
            p.date = p.date.map(shift);
            p.origin = origin(p.origin);
            p.also = p.also.into_iter().map(origin).collect();
            let also = std::mem::take(&mut p.also);
            let i = self.insert(p);
            self.papers[i].also.extend(also);
        }
    }

    /// Puts the papers in order of their day, newest first (page order
    /// within a day): how a library of many days is read.
    pub fn sort_newest_first(&mut self) {
        if self.papers.is_sorted_by(|a, b| a.date_key >= b.date_key) {
            return;
        }
        let mut order: Vec<usize> = (0..self.papers.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.papers[i].date_key));
        let mut old: Vec<Option<Paper>> = std::mem::take(&mut self.papers)
            .into_iter()
            .map(Some)
            .collect();
        self.papers = order.iter().filter_map(|&i| old[i].take()).collect();
        self.by_id.clear();
        self.by_arxiv.clear();
        for (i, p) in self.papers.iter().enumerate() {
            self.by_id.entry(p.id).or_insert(i as u32);
            if let Some(a) = p.facts.as_ref().and_then(|f| f.arxiv.clone()) {
                self.by_arxiv.entry(a).or_insert(i as u32);
            }
        }
    }

    /// A source's index; by a map, as a directory of many small digests
    /// has as many sources as papers.
    fn intern_source(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.source_index.get(name) {
            return i;
        }
        let i = self.sources.len() as u32;
        // A file's name is anyone's (a download's), and every place a
        // paper was read is shown: kept cleaned, once per source.
        self.sources.push(sanitize::clean_line(name).into_owned());
        self.source_index.insert(name.to_owned(), i);
        i
    }

    /// Adds a paper, or merges it into the copy of it already read: the same
    /// arXiv id, or the same folded title. The earliest date wins, every
    /// source is remembered, and the richer facts and abstract are kept.
    fn insert(&mut self, mut p: Paper) -> usize {
        self.clean_paper(&mut p);
        if p.date.is_some() {
            p.date_key = with_year(p.date_key, self.year_from);
        }
        let arxiv = p.facts.as_ref().and_then(|f| f.arxiv.as_deref());
        let known = match arxiv.and_then(|a| self.by_arxiv.get(a)) {
            Some(&i) => Some(i),
            None => match self.by_id.get(&p.id) {
                // One title, two arXiv ids: two papers, never merged.
                Some(&i) if arxiv.is_some() && self.papers[i as usize].arxiv().is_some() => {
                    p.id = PaperId::from_title_and_arxiv(self.span(p.title), arxiv.unwrap_or(""));
                    self.by_id.get(&p.id).copied()
                }
                other => other.copied(),
            },
        };
        let arxiv = p.facts.as_ref().and_then(|f| f.arxiv.as_deref());
        let Some(i) = known else {
            let i = self.papers.len() as u32;
            self.by_id.insert(p.id, i);
            if let Some(a) = arxiv {
                self.by_arxiv.insert(a.to_owned(), i);
            }
            self.papers.push(p);
            return i as usize;
        };
        let old = &mut self.papers[i as usize];
        old.also.push(p.origin);
        if p.date.is_some() && (old.date.is_none() || p.date_key < old.date_key) {
            old.date = p.date;
            old.date_key = p.date_key;
        }
        if old.abstract_.start == old.abstract_.end && p.abstract_.end > p.abstract_.start {
            old.abstract_ = p.abstract_;
        }
        if let Some(theirs) = p.facts {
            let mine = old.facts.get_or_insert_with(Box::default);
            mine.merge(&theirs);
            if let Some(a) = mine.arxiv.clone() {
                self.by_arxiv.entry(a).or_insert(i);
            }
        }
        self.by_id.entry(p.id).or_insert(i);
        i as usize
    }

    /// Adds a text (every text comes in here, so `dirty` stays beside
    /// `texts`); its index.
    pub(super) fn push_text(&mut self, text: Cow<'static, str>, dirty: bool) -> u32 {
        self.texts.push(text);
        self.dirty.push(dirty);
        self.texts.len() as u32 - 1
    }

    /// Adds a text a reader decoded (JSON, Markdown, saved entries): it
    /// is looked at whole, once, and when it holds anything to remove its
    /// papers' texts are cleaned as they pass the gate.
    fn push_decoded(&mut self, text: String) {
        let dirty = !sanitize::is_clean(text.as_bytes());
        self.push_text(Cow::Owned(text), dirty);
    }

    /// The gate every paper passes into the digest, after its source was
    /// decoded: control characters, escape sequences and bidi controls
    /// removed from its texts and facts (and said where), links that are
    /// not web URLs dropped. Page text was cleaned whole when decoded, so
    /// only a decoded text's spans are looked at.
    fn clean_paper(&mut self, p: &mut Paper) {
        let mut removed = 0;
        if self.dirty[p.title.text as usize] {
            let title = self.clean_span(&mut p.title);
            if title > 0 {
                p.id = PaperId::from_title(self.span(p.title));
            }
            removed += title + self.clean_span(&mut p.abstract_);
            if let Some(d) = p.date.as_mut() {
                removed += self.clean_span(d);
            }
        }
        let mut cleaning = facts::Cleaning::default();
        if let Some(f) = p.facts.as_mut() {
            cleaning = f.clean();
            if f.is_empty() {
                p.facts = None;
            }
        }
        removed += cleaning.removed;
        if removed == 0 && cleaning.dropped.is_empty() && cleaning.bad_arxiv.is_none() {
            return;
        }
        let file = &self.sources[p.origin.source as usize];
        let line = Some(p.origin.line).filter(|&l| l > 0);
        let mut warn = |m: String| self.diagnostics.push(Diagnostic::warning(file, line, m));
        if removed > 0 {
            warn(format!(
                "removed {removed} control characters or escape sequences from this paper"
            ));
        }
        for url in cleaning.dropped {
            warn(format!(
                "dropped the link {url:?}: only http(s) links with a host are kept"
            ));
        }
        if let Some(bad) = cleaning.bad_arxiv {
            warn(format!("dropped {bad:?}: not an arXiv id"));
        }
    }

    /// Points `span` at a cleaned copy of its text when it needs one
    /// (white space collapsed, as a decoded text's fields are); returns
    /// how many things were removed.
    fn clean_span(&mut self, span: &mut Span) -> usize {
        let (clean, n) = sanitize::clean_counted(self.span(*span));
        if n == 0 {
            return 0;
        }
        let mut copy = String::new();
        sanitize::collapse_into(&mut copy, &clean);
        let side = match self.side {
            Some(s) => s,
            None => {
                let side = self.push_text(Cow::Owned(String::new()), false);
                *self.side.insert(side)
            }
        };
        let text = self.texts[side as usize].to_mut();
        let start = text.len() as u32;
        text.push_str(&copy);
        *span = Span {
            text: side,
            start,
            end: text.len() as u32,
        };
        n
    }

    fn span(&self, s: Span) -> &str {
        &self.texts[s.text as usize][s.start as usize..s.end as usize]
    }

    pub fn len(&self) -> usize {
        self.papers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.papers.is_empty()
    }

    pub fn papers(&self) -> &[Paper] {
        &self.papers
    }

    pub fn title(&self, i: usize) -> &str {
        self.span(self.papers[i].title)
    }

    /// The abstract as written (a hard-wrapped one keeps its line breaks).
    pub fn abstract_raw(&self, i: usize) -> &str {
        self.span(self.papers[i].abstract_)
    }

    pub fn facts(&self, i: usize) -> &Facts {
        self.papers[i].facts.as_deref().unwrap_or(&NO_FACTS)
    }

    /// The sortable key of paper `i`'s date (0 when it has none).
    pub fn date_key(&self, i: usize) -> u32 {
        self.papers[i].date_key
    }

    /// The format source `source` was read as, when known.
    pub fn format_of(&self, source: u32) -> Option<Format> {
        self.formats.get(source as usize).copied().flatten()
    }

    pub fn source_name(&self, o: Origin) -> &str {
        &self.sources[o.source as usize]
    }

    /// The format each source was read as, with its name (the sample and
    /// saved lists included).
    pub fn formats(&self) -> impl Iterator<Item = (&str, Option<Format>)> + '_ {
        self.sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), self.formats.get(i).copied().flatten()))
    }

    /// Every place paper `i` was read, as `file:line`, the first one first.
    pub fn places(&self, i: usize) -> impl Iterator<Item = String> + '_ {
        let p = &self.papers[i];
        std::iter::once(p.origin)
            .chain(p.also.iter().copied())
            .map(|o| format!("{}:{}", self.source_name(o), o.line))
    }

    pub fn get(&self, i: usize) -> PaperView<'_> {
        let p = &self.papers[i];
        PaperView {
            id: p.id,
            title: self.span(p.title),
            abstract_raw: self.span(p.abstract_),
            date: p.date.map(|d| self.span(d)),
            source: self.source_name(p.origin),
            line: p.origin.line,
            facts: self.facts(i),
        }
    }

    /// The paper with this id.
    pub fn position(&self, id: PaperId) -> Option<usize> {
        self.by_id.get(&id).map(|&i| i as usize)
    }

    /// The paper with this id (or its arXiv id), or the one paper whose id
    /// starts with it.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.lookup(id).ok()
    }

    /// The paper `id` names (its id, a prefix of it, or its arXiv id), or
    /// every paper it could mean: none, or (for a prefix of several ids)
    /// the first few of them, so the user can be shown which.
    pub fn lookup(&self, id: &str) -> Result<usize, Vec<usize>> {
        if let Some(full) = PaperId::parse(id) {
            return self.position(full).ok_or_else(Vec::new);
        }
        if let Some(&i) = self.by_arxiv.get(id) {
            return Ok(i as usize);
        }
        let id = id.to_ascii_lowercase();
        if id.is_empty() {
            return Err(Vec::new());
        }
        let hits: Vec<usize> = (0..self.papers.len())
            .filter(|&i| self.papers[i].id.to_string().starts_with(&id))
            .take(10)
            .collect();
        match hits.as_slice() {
            [i] => Ok(*i),
            _ => Err(hits),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// A date key without a year (`Dec 4` is 1204) given the year that puts
/// it nearest the day its file is named for (`2026-08-22.txt`, as the
/// library keeps days); keys with a year, and keys of files named for no
/// day, are as they are (a digest saved under any name keeps its dates as
/// written, and is imported under its own name).
fn with_year(key: u32, named: Option<crate::day::Day>) -> u32 {
    use crate::day::Day;
    let Some(named) = named else { return key };
    if key == 0 || crate::day::DateKey(key).year().is_some() {
        return key;
    }
    let key = crate::day::DateKey(key);
    let (year, _, _) = named.ymd();
    let best = [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| {
            let with = key.in_year(u32::try_from(y).ok().filter(|&y| y > 0)?);
            Some((with, (Day::from_key(with.0)?.0 - named.0).abs()))
        })
        .min_by_key(|&(_, gap)| gap);
    best.map_or(key.0, |(with, _)| with.0)
}

/// The first `n` characters of `s`, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> Cow<'_, str> {
    match s.char_indices().nth(n) {
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
        None => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_lines_of_a_wrapped_abstract() {
        assert_eq!(join_lines("one line"), "one line");
        assert!(matches!(join_lines("one line"), Cow::Borrowed(_)));
        assert_eq!(join_lines("one\r\n two\nthree"), "one two three");
        assert_eq!(join_lines(" spaced   out "), "spaced out");
    }

    #[test]
    fn a_date_without_a_year_takes_the_nearest() {
        use crate::day::Day;
        let named = Day::parse("2026-08-22");
        assert_eq!(with_year(822, named), 2026_0822);
        assert_eq!(
            with_year(823, named),
            2026_0823,
            "a day late is still that year"
        );
        let jan = Day::parse("2026-01-02");
        assert_eq!(with_year(1231, jan), 2025_1231, "across new year");
        assert_eq!(with_year(2025_1204, named), 2025_1204, "a year given stays");
        assert_eq!(with_year(0, named), 0);
        assert_eq!(
            with_year(729, None),
            729,
            "a file named for no day keeps its dates"
        );
    }

    #[test]
    fn clip_counts_characters() {
        assert_eq!(clip("héllo", 3), "hél…");
        assert_eq!(clip("hi", 3), "hi");
    }

    #[test]
    fn copies_with_one_arxiv_id_are_one_paper() {
        let paper =
            |title: &'static str, arxiv: Option<&str>, authors: &[&str], count| OwnedPaper {
                title,
                abstract_: "An abstract.",
                date: Some("2024-10-07"),
                source: "s",
                line: 1,
                facts: Some(Facts {
                    arxiv: arxiv.map(str::to_owned),
                    authors: authors.iter().map(|a| a.to_string()).collect(),
                    author_count: count,
                    ..Facts::default()
                }),
            };
        let d = Digest::from_papers([
            paper("Scaling Laws, Revisited", Some("2410.05434"), &[], Some(2)),
            paper("Scaling laws revisited!", None, &["A", "B"], None),
            paper(
                "Scaling Laws: Revisited (v2)",
                Some("2410.05434"),
                &["A", "B"],
                None,
            ),
            paper("Another Paper", Some("2410.00001"), &[], None),
        ]);
        assert_eq!(d.len(), 2);
        assert_eq!(d.papers()[0].also.len(), 2);
        let f = d.facts(0);
        assert_eq!(f.authors, ["A", "B"], "names beat a count");
        assert_eq!(d.find("2410.05434"), Some(0));
        assert_eq!(
            d.title(0),
            "Scaling Laws, Revisited",
            "the id and title stay the first copy's"
        );
    }
}

//! The page as text: which paragraph is a title and which an abstract.
//!
//! The grammar (`grammar.rs`) says what each line is; lines of text with
//! nothing between them make a paragraph. Then **structure decides**: a
//! page is title, abstract, title, abstract, … so a paragraph that stands
//! where an abstract stands is the abstract however short (`Project page:
//! https://…`, the title again), and a title is what stands where a title
//! stands whatever its punctuation (`Dr. Kernel: …`, `GUI vs. CLI: …`).
//!
//! What a paragraph says only decides where that layout is broken (a title
//! with no abstract, an abstract with no title): of all the readings, the
//! one chosen costs least, where breaking the layout costs more than any
//! surface oddity inside it.
//!
//! | reading                                  | cost |
//! | ---------------------------------------- | ---- |
//! | a title that reads as sentences          | 8    |
//! | a short abstract that looks like a title | 1    |
//! | a title with no abstract                 | 3    |
//! | a paragraph with no title                | 10   |
//! | a title followed by its paper's link     | -3   |
//! | a title wrapped onto several lines       | 1    |
//! | an abstract followed by a paper's link   | +6   |
//!
//! Certain prose (a line of over 300 characters or 40 words, or a
//! paragraph of several lines that is not a hard-wrapped title) is never a
//! title. After such a paragraph no
//! title is waiting for an abstract, so the text after it reads the same
//! whatever came before: the reading is worked out one stretch at a time
//! between them, and a file may be cut there and read in parts
//! (`stream.rs`, and the parallel read in `load.rs`).
//!
//! A date line is the page's section date, unless it stands among a card's
//! facts (after `·`, an author count, before upvotes): then it is the
//! paper's own date.

use std::ops::Range;

use super::facts::{Facts, arxiv_from_url};
use super::grammar::{self, Furniture, Line};
use super::{Diagnostic, Origin, Paper, PaperId, Span, clip};

/// Spans into a part's own arena of cleaned copies carry this text id
/// until the part is added to its digest.
pub(super) const EXTRA: u32 = u32::MAX - 1;

/// The section date where a part starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum SectionDate {
    /// The part starts where an earlier part left off (a parallel read):
    /// its first papers take that part's date when the parts are joined.
    Unknown,
    Known(Option<(Span, u32)>),
}

/// What one part of a text held. Line numbers count from the part's start.
pub(super) struct Parsed {
    pub papers: Vec<Paper>,
    pub warnings: Vec<Diagnostic>,
    pub line_breaks: u32,
    /// The section's date at the end of the part.
    pub date: SectionDate,
    /// How many of the first papers were read before the part said its
    /// date (when it started [`SectionDate::Unknown`]).
    pub undated_lead: usize,
    /// Card facts before the part's first paper: they belong to the paper
    /// before the part, and are applied to it in order when parts are joined.
    pub lead_facts: Vec<CardFact>,
    /// Cleaned copies of titles and abstracts (spans with text [`EXTRA`]).
    pub extra: String,
}

/// How a part is read.
#[derive(Clone, Copy)]
pub(super) struct Reading<'n> {
    /// The text id of spans into the part's text.
    pub text_id: u32,
    pub source: u32,
    pub name: &'n str,
    /// Whether the part starts the file (a BOM and front matter may stand
    /// there).
    pub at_start: bool,
    pub date: SectionDate,
    /// Whether to keep card facts (the reader) or only ids (titles only).
    pub facts: bool,
    /// Whether the file shows the live page's furniture (see
    /// [`grammar::is_furnished`]); else every line is the page's text.
    pub furnished: bool,
}

/// Reads `text[range]` as page text.
pub(super) fn parse_part(text: &str, range: Range<usize>, how: Reading<'_>) -> Parsed {
    let mut r = Reader::new(text, range.start, how);
    let mut rest = &text[range];
    if how.at_start {
        rest = grammar::bom(rest).map_or(rest, |(r, _)| r);
        if let Some((len, _)) = grammar::front_matter(rest) {
            r.line += rest[..len].bytes().filter(|&b| b == b'\n').count() as u32;
            rest = &rest[len..];
        }
    }
    let ends_open = !rest.is_empty() && !rest.ends_with(['\n', '\r']);
    let mut items: Vec<Item> = Vec::new();
    while let Ok((next, l)) = grammar::line(rest) {
        let kind = if how.furnished {
            grammar::classify(l)
        } else {
            match grammar::classify_tidy(l) {
                Line::Furniture(Furniture::Page) if wrapped_onto(l, items.last()) => Line::Text {
                    text: l.trim(),
                    link: None,
                },
                kind => kind,
            }
        };
        let ends_stretch = matches!(
            kind,
            Line::Blank | Line::Furniture(_) | Line::Url(_) | Line::Date(_)
        ) && stretch_ends_here(&items, !how.furnished);
        if ends_stretch {
            r.stretch(&items);
            items.clear();
        }
        items.push(Item { kind, line: r.line });
        r.line += 1;
        rest = next;
    }
    r.stretch(&items);
    r.finish(ends_open)
}

/// Whether `l`, a word of the site's furniture (`Models`), is where a hard
/// wrap broke the line of text right above it.
fn wrapped_onto(l: &str, above: Option<&Item>) -> bool {
    let word = l.trim();
    !word.is_empty()
        && word.chars().all(char::is_alphabetic)
        && matches!(above, Some(Item { kind: Line::Text { text, .. }, .. }) if text.chars().count() >= WRAP_WIDTH)
}

/// One line, classified.
#[derive(Clone, Copy, Debug)]
struct Item<'a> {
    kind: Line<'a>,
    /// 1-based, from the part's start.
    line: u32,
}

/// Whether the text lines at the end of `items` make a paragraph of
/// certain prose (so a stretch may end after it). Only a tidy text's
/// titles are taken to be hard-wrapped (`wraps`): a capture of the live
/// page is as the browser laid it out.
fn stretch_ends_here(items: &[Item], wraps: bool) -> bool {
    let mut lines = 0;
    for it in items.iter().rev() {
        match it.kind {
            Line::Text { text, .. } => {
                if grammar::is_long(text) {
                    return true;
                }
                lines += 1;
            }
            _ => break,
        }
    }
    lines >= 2 && !(wraps && may_be_wrapped_title(texts(&items[items.len() - lines..])))
}

fn texts<'a>(items: &[Item<'a>]) -> impl Iterator<Item = &'a str> {
    items.iter().filter_map(|it| match it.kind {
        Line::Text { text, .. } => Some(text),
        _ => None,
    })
}

/// Whether the lines of a paragraph may be one title that a hard wrap
/// (`fold -s`, `fmt`, a mail client) broke: two to six lines, the first
/// filling most of a line, no link, and together a title's length that
/// does not read as sentences. Where it stands decides the rest.
fn may_be_wrapped_title<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let mut joined = String::new();
    for (k, l) in lines.enumerate() {
        if k == 6 || l.contains("://") || (k == 0 && l.chars().count() < WRAP_WIDTH) {
            return false;
        }
        if k > 0 {
            joined.push(' ');
        }
        joined.push_str(l.trim());
    }
    joined.contains(' ') && !grammar::is_long(&joined) && !grammar::reads_as_sentences(&joined)
}

/// A paragraph: text lines with nothing between them.
#[derive(Debug)]
struct Para<'a> {
    /// Its items, `first..=last`.
    first: usize,
    last: usize,
    /// Its one line's text (the first line's, for several).
    text: &'a str,
    link: Option<&'a str>,
    /// Certain prose: never a title.
    certain: bool,
    /// Several lines that may be one hard-wrapped title.
    wrapped: bool,
    sentences: bool,
    /// The arXiv id of a paper link on it or right after it.
    id_after: Option<String>,
    /// The arXiv id of an upvote link right before it.
    id_before: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Label {
    Title,
    Abstract,
    Stray,
}

const NO_ABSTRACT: i32 = 3;
const STRAY: i32 = 10;
const SENTENCE_TITLE: i32 = 8;
const SHORT_ABSTRACT: i32 = 1;
const LINKED_TITLE: i32 = -3;
const LINKED_ABSTRACT: i32 = 6;
const WRAPPED_TITLE: i32 = 1;
/// The fewest characters of a line that a hard wrap broke: no wrapper
/// breaks a line shorter.
const WRAP_WIDTH: usize = 30;
const NEVER: i32 = 1 << 20;

struct Reader<'t, 'n> {
    text: &'t str,
    /// Where the part starts in `text`.
    base: usize,
    how: Reading<'n>,
    line: u32,
    date: SectionDate,
    papers: Vec<Paper>,
    warnings: Vec<Diagnostic>,
    undated_lead: usize,
    lead_facts: Vec<CardFact>,
    extra: String,
}

/// One fact a card line states about its paper.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum CardFact {
    Authors(u32),
    Upvotes(u32),
    /// A bare number: the upvotes, or the comments once upvotes are known.
    Count(u32),
    Published(String),
    Github(String),
}

impl CardFact {
    pub(super) fn apply(&self, facts: &mut Facts) {
        match self {
            CardFact::Authors(n) => facts.author_count = Some(*n),
            CardFact::Upvotes(n) => facts.upvotes = Some(*n),
            CardFact::Count(n) if facts.upvotes.is_none() => facts.upvotes = Some(*n),
            CardFact::Count(n) => facts.comments = Some(*n),
            CardFact::Published(d) => {
                facts.published.get_or_insert_with(|| d.clone());
            }
            CardFact::Github(u) => {
                facts.github.get_or_insert_with(|| u.clone());
            }
        }
    }
}

impl<'t, 'n> Reader<'t, 'n> {
    fn new(text: &'t str, base: usize, how: Reading<'n>) -> Self {
        Reader {
            text,
            base,
            how,
            line: 1,
            date: how.date,
            papers: Vec::new(),
            warnings: Vec::new(),
            undated_lead: 0,
            lead_facts: Vec::new(),
            extra: String::new(),
        }
    }

    fn finish(self, ends_open: bool) -> Parsed {
        Parsed {
            papers: self.papers,
            warnings: self.warnings,
            // Every line read ended with a line break but perhaps the last.
            line_breaks: (self.line - 1).saturating_sub(u32::from(ends_open)),
            date: self.date,
            undated_lead: self.undated_lead,
            lead_facts: self.lead_facts,
            extra: self.extra,
        }
    }

    fn span_of(&self, s: &str) -> Span {
        let start = s.as_ptr() as usize - self.text.as_ptr() as usize;
        let _ = self.base;
        Span {
            text: self.how.text_id,
            start: start as u32,
            end: (start + s.len()) as u32,
        }
    }

    /// A cleaned copy of `s` in the part's arena.
    fn copy(&mut self, s: &str) -> Span {
        let start = self.extra.len() as u32;
        let mut first = true;
        for w in s.split_whitespace() {
            if !first {
                self.extra.push(' ');
            }
            self.extra.push_str(w);
            first = false;
        }
        Span {
            text: EXTRA,
            start,
            end: self.extra.len() as u32,
        }
    }

    /// Reads one stretch: lines up to and including a paragraph of
    /// certain prose (or the part's end).
    fn stretch(&mut self, items: &[Item<'t>]) {
        if items.is_empty() {
            return;
        }
        // Neighbours change what a line is only next to furniture, links
        // and dates; most stretches (a title and its abstract) have none.
        let plain = items
            .iter()
            .all(|it| matches!(it.kind, Line::Blank | Line::Text { .. }));
        let mut owned;
        let items = if plain {
            items
        } else {
            owned = items.to_vec();
            resolve(&mut owned);
            &owned[..]
        };
        let paras = paragraphs(items, !self.how.furnished);
        if let [title, abstract_] = &paras[..]
            && plain
            && title.first == title.last
            && abstract_.certain
            && !title.certain
        {
            // The page's own shape: nothing to weigh.
            return self.emit(items, &paras, &[Label::Title, Label::Abstract]);
        }
        let mut labels = Vec::with_capacity(paras.len());
        // Section dates break the layout: no abstract across one.
        let mut from = 0;
        for (k, p) in paras.iter().enumerate() {
            let date_before = items
                [paras.get(k.wrapping_sub(1)).map_or(0, |q| q.last + 1)..p.first]
                .iter()
                .any(|it| matches!(it.kind, Line::Date(_)));
            if date_before && k > from {
                labels.extend(layout(&paras[from..k]));
                from = k;
            }
        }
        labels.extend(layout(&paras[from..]));
        self.emit(items, &paras, &labels);
    }

    /// Turns a stretch's labelled paragraphs into papers, in line order,
    /// taking card facts for the paper they follow.
    fn emit(&mut self, items: &[Item<'t>], paras: &[Para<'t>], labels: &[Label]) {
        let mut next_para = 0;
        let mut open: Option<usize> = None; // index in self.papers awaiting an abstract
        let mut i = 0;
        while i < items.len() {
            if let Some(p) = paras.get(next_para).filter(|p| p.first == i) {
                match labels[next_para] {
                    Label::Title => {
                        self.close(open);
                        open = Some(self.papers.len());
                        self.title(items, p);
                    }
                    Label::Abstract => {
                        if let Some(k) = open.take() {
                            self.abstract_(items, p, k);
                        }
                    }
                    Label::Stray => self.warnings.push(Diagnostic::warning(
                        self.how.name,
                        Some(items[p.first].line),
                        "paragraph with no title before it; skipped",
                    )),
                }
                i = p.last + 1;
                next_para += 1;
                continue;
            }
            match items[i].kind {
                Line::Date(d) => {
                    self.close(open.take());
                    let span = self.span_of(d.text);
                    self.date = SectionDate::Known(Some((span, d.key)));
                }
                Line::Furniture(f) if self.how.facts => self.card_fact(f),
                Line::Url(u) if self.how.facts => self.card_link(u),
                _ => {}
            }
            i += 1;
        }
        self.close(open);
    }

    /// A title that got no abstract: kept, with a warning.
    fn close(&mut self, open: Option<usize>) {
        if let Some(k) = open {
            let p = &self.papers[k];
            if p.abstract_.end == p.abstract_.start && p.abstract_.text == u32::MAX {
                let title = self.title_text(k).to_owned();
                self.warnings.push(Diagnostic::warning(
                    self.how.name,
                    Some(p.origin.line),
                    format!("title with no abstract: {}", clip(&title, 60)),
                ));
                self.papers[k].abstract_.text = self.how.text_id;
            }
        }
    }

    fn title_text(&self, k: usize) -> &str {
        let s = self.papers[k].title;
        if s.text == EXTRA {
            &self.extra[s.start as usize..s.end as usize]
        } else {
            &self.text[s.start as usize..s.end as usize]
        }
    }

    fn title(&mut self, items: &[Item<'t>], p: &Para<'t>) {
        let title = if p.wrapped {
            let joined: Vec<&str> = texts(&items[p.first..=p.last]).collect();
            self.copy(&joined.join(" "))
        } else if p.text.contains("  ") {
            self.copy(p.text)
        } else {
            self.span_of(p.text)
        };
        let id = match title.text {
            EXTRA => PaperId::from_title(&self.extra[title.start as usize..title.end as usize]),
            _ => PaperId::from_title(p.text),
        };
        let arxiv = p.id_after.clone().or_else(|| p.id_before.clone());
        let (date, date_key) = match self.date {
            SectionDate::Known(d) => (d.map(|d| d.0), d.map_or(0, |d| d.1)),
            SectionDate::Unknown => {
                self.undated_lead += 1;
                (None, 0)
            }
        };
        self.papers.push(Paper {
            id,
            title,
            // Marked "not yet" (text u32::MAX) until an abstract comes.
            abstract_: Span {
                text: u32::MAX,
                start: 0,
                end: 0,
            },
            date,
            date_key,
            origin: Origin {
                source: self.how.source,
                line: items[p.first].line,
            },
            also: Vec::new(),
            facts: arxiv.map(|a| {
                Box::new(Facts {
                    arxiv: Some(a),
                    ..Facts::default()
                })
            }),
        });
    }

    fn abstract_(&mut self, items: &[Item<'t>], p: &Para<'t>, k: usize) {
        let linked = items[p.first..=p.last]
            .iter()
            .any(|it| matches!(it.kind, Line::Text { link: Some(_), .. }));
        let span = if p.first == p.last {
            self.span_of(p.text)
        } else if linked {
            // Links taken off each line: join the lines' texts.
            let joined: Vec<&str> = items[p.first..=p.last]
                .iter()
                .filter_map(|it| match it.kind {
                    Line::Text { text, .. } => Some(text),
                    _ => None,
                })
                .collect();
            self.copy(&joined.join(" "))
        } else {
            let last = match items[p.last].kind {
                Line::Text { text, .. } => text,
                _ => p.text,
            };
            let (a, b) = (self.span_of(p.text), self.span_of(last));
            Span {
                text: a.text,
                start: a.start,
                end: b.end,
            }
        };
        self.papers[k].abstract_ = span;
    }

    /// Gives a card's fact to the paper it belongs to: the last one read,
    /// or the one before this part.
    fn fact(&mut self, f: CardFact) {
        match self.papers.last_mut() {
            Some(p) => f.apply(p.facts.get_or_insert_with(Box::default)),
            None => self.lead_facts.push(f),
        }
    }

    fn card_fact(&mut self, f: Furniture<'_>) {
        let fact = match f {
            Furniture::Authors(n) => CardFact::Authors(n),
            Furniture::Upvotes(n) => CardFact::Upvotes(n),
            Furniture::Count(n) => CardFact::Count(n),
            Furniture::Published(d) => CardFact::Published(d.to_owned()),
            _ => return,
        };
        self.fact(fact);
    }

    fn card_link(&mut self, url: &str) {
        if url.contains("://github.com/") {
            self.fact(CardFact::Github(url.to_owned()));
        }
    }
}

/// Settles what a line is by its neighbours: the user after a bare
/// `Submitted by`, an organisation's name among a card's facts, and a date
/// that is a paper's own rather than the page's.
fn resolve<'a>(items: &mut [Item<'a>]) {
    let n = items.len();
    fn prev<'a>(items: &[Item<'a>], i: usize) -> Option<Line<'a>> {
        items[..i]
            .iter()
            .rev()
            .find(|it| it.kind != Line::Blank)
            .map(|it| it.kind)
    }
    fn next<'a>(items: &[Item<'a>], i: usize) -> Option<Line<'a>> {
        items[i + 1..]
            .iter()
            .find(|it| it.kind != Line::Blank)
            .map(|it| it.kind)
    }
    for i in 0..n {
        let (p, x) = (prev(items, i), next(items, i));
        let card = |k: Option<Line>| matches!(k, Some(Line::Furniture(f)) if f.is_card());
        match items[i].kind {
            Line::Text { text, .. } => {
                let single =
                    !matches!(
                        items.get(i.wrapping_sub(1)).map(|it| it.kind),
                        Some(Line::Text { .. })
                    ) && !matches!(items.get(i + 1).map(|it| it.kind), Some(Line::Text { .. }));
                let after_submitted =
                    matches!(p, Some(Line::Furniture(Furniture::Submitted(None))))
                        && !text.contains(' ')
                        && text.len() <= 40;
                // An organisation's name between a card's facts: after an
                // author count or a `·`, before a `·`, a date or `Submitted by`.
                let among_facts = matches!(
                    p,
                    Some(Line::Furniture(Furniture::Authors(_) | Furniture::Dot))
                ) && matches!(
                    x,
                    Some(Line::Furniture(
                        Furniture::Dot | Furniture::Published(_) | Furniture::Submitted(_)
                    )) | Some(Line::Date(_))
                );
                let org_link = matches!(x, Some(Line::Url(u)) if arxiv_from_url(u).is_none())
                    && matches!(
                        p,
                        Some(Line::Furniture(Furniture::Authors(_) | Furniture::Dot))
                    );
                // A name linked to its page on the site (`Google` then
                // `https://huggingface.co/google`): an organisation or a user.
                let profile =
                    matches!(x, Some(Line::Url(u)) if is_profile_link(u)) && text.len() <= 40;
                // What was typed in the page's search box, right above its
                // `Daily` / `Weekly` / `Monthly` tabs.
                let searched = matches!(x, Some(Line::Furniture(Furniture::Tab)));
                if single
                    && (after_submitted || among_facts || org_link || profile || searched)
                    && text.len() <= 60
                {
                    items[i].kind = Line::Furniture(Furniture::Page);
                }
            }
            // A paper's own date: after a card's facts, or right after an
            // abstract and before its card's facts. A date after the page's
            // own furniture is the section's.
            Line::Date(d) if card(p) || (card(x) && matches!(p, Some(Line::Text { .. }))) => {
                items[i].kind = Line::Furniture(Furniture::Published(d.text));
            }
            // A link to elsewhere standing where an abstract stands (after a
            // title) is the abstract; links to the paper's pages, or after
            // anything else, are a copy's link addresses.
            Line::Url(u)
                if !is_site_link(u)
                    && matches!(p, Some(Line::Text { text, .. }) if !grammar::is_long(text)) =>
            {
                items[i].kind = Line::Text {
                    text: u,
                    link: None,
                };
            }
            _ => {}
        }
    }
}

/// A link to a profile on the site: `https://huggingface.co/NAME`, one
/// path segment that is none of the site's sections.
fn is_profile_link(u: &str) -> bool {
    let Some(path) = u
        .strip_prefix("https://huggingface.co/")
        .or_else(|| u.strip_prefix("http://huggingface.co/"))
    else {
        return false;
    };
    let path = path.trim_end_matches('/');
    !path.is_empty()
        && !path.contains(['/', '?', '#'])
        && ![
            "papers", "models", "datasets", "spaces", "docs", "pricing", "login", "join",
        ]
        .contains(&path)
}

/// A link to the site's or arXiv's own pages.
fn is_site_link(u: &str) -> bool {
    ["huggingface.co", "arxiv.org", "hf.co"].iter().any(|host| {
        u.split('/')
            .nth(2)
            .is_some_and(|h| h == *host || h.ends_with(&format!(".{host}")))
    })
}

/// The paragraphs of a stretch; `wraps` as for [`stretch_ends_here`].
fn paragraphs<'a>(items: &[Item<'a>], wraps: bool) -> Vec<Para<'a>> {
    let mut out: Vec<Para<'a>> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let Line::Text { text, link } = items[i].kind else {
            i += 1;
            continue;
        };
        let first = i;
        let mut certain = grammar::is_long(text);
        while let Some(Line::Text { text, .. }) = items.get(i + 1).map(|it| it.kind) {
            certain |= grammar::is_long(text);
            i += 1;
        }
        let last = i;
        // A paper's link on the line, or alone right after it.
        let after = items[last + 1..].iter().find(|it| it.kind != Line::Blank);
        let id_after = link
            .and_then(arxiv_from_url)
            .or_else(|| match after.map(|it| it.kind) {
                Some(Line::Url(u)) => arxiv_from_url(u),
                _ => None,
            });
        // A link to the paper just before its title is the card's upvote
        // button (`login?next=%2Fpapers%2FID`); a plain paper link there
        // is the card before's.
        let before = items[..first]
            .iter()
            .rev()
            .find(|it| it.kind != Line::Blank);
        let id_before = match before.map(|it| it.kind) {
            Some(Line::Url(u)) if u.contains("next=") => arxiv_from_url(u),
            _ => None,
        };
        let wrapped =
            wraps && !certain && last > first && may_be_wrapped_title(texts(&items[first..=last]));
        let certain = certain || (last > first && !wrapped);
        out.push(Para {
            first,
            last,
            text,
            link,
            certain,
            wrapped,
            // Only a paragraph that may be a title needs the hint.
            sentences: !certain && !wrapped && grammar::reads_as_sentences(text),
            id_after,
            id_before,
        });
        i += 1;
    }
    // A wrapped title is followed by what no title holds (prose for
    // certain, a link): else the short paragraph of lines is prose too, as
    // the layout is weighed by where titles may stand.
    for k in (0..out.len()).rev() {
        let before_prose = out
            .get(k + 1)
            .is_some_and(|n| n.certain || n.text.contains("://"));
        if out[k].wrapped && !before_prose {
            out[k].wrapped = false;
            out[k].certain = true;
        }
    }
    out
}

/// The cost of reading `p` as a title.
fn title_cost(p: &Para) -> i32 {
    if p.certain || grammar::url(p.text).is_some() {
        return NEVER;
    }
    let mut c = 0;
    if p.sentences {
        c += SENTENCE_TITLE;
    }
    if p.wrapped {
        c += WRAPPED_TITLE;
    }
    if p.id_after.is_some() {
        c += LINKED_TITLE;
    }
    c
}

/// The cost of reading `p` as the abstract of `title`.
fn abstract_cost(p: &Para, title: &Para) -> i32 {
    let mut c = 0;
    let plain = p.certain
        || p.wrapped
        || p.sentences
        || p.text.contains("://")
        || p.text.starts_with(|c: char| c.is_lowercase())
        || same_words(p.text, title.text);
    if !plain {
        c += SHORT_ABSTRACT;
    }
    if p.id_after.is_some() && p.link.is_none() {
        c += LINKED_ABSTRACT;
    }
    c
}

fn same_words(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    a.len() == b.len() && fold(a) == fold(b)
}

/// The cheapest labelling of a run of paragraphs with no section date in
/// it (see the table at the top). Ties go to the plain layout: an abstract
/// for a waiting title before a new title.
fn layout(paras: &[Para]) -> Vec<Label> {
    const OPEN: usize = 1;
    const CLOSED: usize = 0;
    let n = paras.len();
    // cost[k][s]: the best reading of paras[..k] ending in state s; how[k][s]
    // the label of paras[k-1] and the state before it.
    let mut cost = vec![[NEVER; 2]; n + 1];
    let mut how = vec![[(Label::Stray, CLOSED); 2]; n + 1];
    cost[0][CLOSED] = 0;
    for k in 0..n {
        let p = &paras[k];
        let [closed, open] = cost[k];
        let t = title_cost(p);
        let mut offer = |state: usize, c: i32, label: Label, from: usize| {
            if c < cost[k + 1][state] {
                cost[k + 1][state] = c;
                how[k + 1][state] = (label, from);
            }
        };
        if k > 0 && open < NEVER {
            offer(
                CLOSED,
                open + abstract_cost(p, &paras[k - 1]),
                Label::Abstract,
                OPEN,
            );
        }
        offer(CLOSED, closed + STRAY, Label::Stray, CLOSED);
        offer(CLOSED, open + NO_ABSTRACT + STRAY, Label::Stray, OPEN);
        if t < NEVER {
            offer(OPEN, closed + t, Label::Title, CLOSED);
            // Short lines under a title that waits are its abstract, never
            // a wrapped title of their own.
            if !p.wrapped {
                offer(OPEN, open + NO_ABSTRACT + t, Label::Title, OPEN);
            }
        }
    }
    let mut state = if cost[n][CLOSED] <= cost[n][OPEN] + NO_ABSTRACT {
        CLOSED
    } else {
        OPEN
    };
    let mut labels = vec![Label::Stray; n];
    for k in (1..=n).rev() {
        let (label, from) = how[k][state];
        labels[k - 1] = label;
        state = from;
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String)> {
        let d = crate::digest::Digest::parse("t.txt", text);
        (0..d.len())
            .map(|i| (d.title(i).to_owned(), d.get(i).abstract_text().into_owned()))
            .collect()
    }

    const LONG: &str = "We study a problem that matters to many people and show a method that works well on all the benchmarks we tried, which is a lot of benchmarks by any count, and we release the code so that others can use it and build on it for many years to come as they see fit.";

    /// `LONG` as a text wrapper leaves it: lines of at most 72 characters.
    fn wrapped(text: &str) -> String {
        let mut out = String::new();
        let mut line = 0;
        for w in text.split(' ') {
            if line > 0 && line + 1 + w.len() > 72 {
                out.push('\n');
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(w);
            line += w.len();
        }
        out
    }

    #[test]
    fn a_hard_wrapped_title_is_one_title_even_broken_before_a_site_word() {
        let long = wrapped(LONG);
        let text = format!(
            "Jul 29\n\nDNABERT-S: Learning Species-Aware DNA Embedding with Genome Foundation\nModels\n\n{long}\n\n\
             Scaling Laws for Sparse Mixtures of Retrieval Experts in Long-Context\nQuestion Answering\n\n{long}\n"
        );
        let got = read(&text);
        let titles: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            titles,
            [
                "DNABERT-S: Learning Species-Aware DNA Embedding with Genome Foundation Models",
                "Scaling Laws for Sparse Mixtures of Retrieval Experts in Long-Context Question Answering",
            ]
        );
        assert_eq!(got[1].1, LONG);
    }

    #[test]
    fn a_short_wrapped_paragraph_with_no_prose_after_it_is_an_abstract() {
        // Nothing after it says it is a title, so it stands where it is:
        // the abstract of the title before it.
        let text = "Jul 29\n\nA Title\n\nThe benchmark and the code of this paper are released at the\nproject page of the lab\n";
        assert_eq!(
            read(text),
            [(
                "A Title".to_owned(),
                "The benchmark and the code of this paper are released at the project page of the lab".to_owned()
            )]
        );
    }

    #[test]
    fn a_short_wrapped_abstract_stays_its_titles_before_a_link_or_more_prose() {
        // The paragraph could be a wrapped title, but a title waits for
        // it: it is that title's abstract, and what follows it is stray.
        let long = wrapped(LONG);
        for after in ["https://github.com/x/y", long.as_str()] {
            let text = format!(
                "Jul 29\n\nA Title\n\nOur code and the models for the benchmark are on the project\npage of the lab\n\n{after}\n"
            );
            let got = read(&text);
            assert_eq!(got.len(), 1, "{after}: {got:?}");
            assert_eq!(
                got[0].1,
                "Our code and the models for the benchmark are on the project page of the lab"
            );
        }
    }

    #[test]
    fn short_abstracts_stand_where_abstracts_stand() {
        let text = format!(
            "Jul 29\n\nDr. Kernel: Reinforcement Learning Done Right\n\nProject page: https://drkernel.github.io\n\n\
             GUI vs. CLI: Which Agents Win?\n\nGUI vs. CLI: Which Agents Win?\n\n\
             Exploration v.s. Exploitation: A Study\n\n{LONG}\n\nShape Model\n\n3D Shape foundation model\n"
        );
        let got = read(&text);
        let titles: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Dr. Kernel: Reinforcement Learning Done Right",
                "GUI vs. CLI: Which Agents Win?",
                "Exploration v.s. Exploitation: A Study",
                "Shape Model"
            ]
        );
        assert_eq!(got[0].1, "Project page: https://drkernel.github.io");
        assert_eq!(got[1].1, "GUI vs. CLI: Which Agents Win?");
        assert_eq!(got[3].1, "3D Shape foundation model");
    }

    #[test]
    fn a_title_without_an_abstract_breaks_the_layout_once() {
        let text = format!("Jul 29\n\nA Title\n\n{LONG}\n\nLonely Title\n\nNext Title\n\n{LONG}\n");
        let got = read(&text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[1], ("Lonely Title".into(), String::new()));
        assert_eq!(got[2].0, "Next Title");
    }

    #[test]
    fn the_layout_is_cheapest_as_pairs() {
        let p = |text: &'static str, certain: bool| Para {
            first: 0,
            last: 0,
            text,
            link: None,
            certain,
            wrapped: false,
            sentences: false,
            id_after: None,
            id_before: None,
        };
        use Label::*;
        assert_eq!(layout(&[p("T", false), p("a", false)]), [Title, Abstract]);
        assert_eq!(
            layout(&[p("T", false), p("U", false), p("long", true)]),
            [Title, Title, Abstract],
            "certain prose takes the nearest title; the other waits alone"
        );
        assert_eq!(layout(&[p("long", true), p("T", false)]), [Stray, Title]);
    }

    #[test]
    fn a_date_among_a_cards_facts_is_the_papers_own() {
        let text = format!(
            "Oct 7\n\nA Title\n\n{LONG}\n\n· 8 authors\n\n·\n\nOct 4, 2024\n\n[-] 12\n\nB Title\n\n{LONG}\n"
        );
        let d = crate::digest::Digest::parse("t.txt", &text);
        assert_eq!(d.len(), 2);
        for i in 0..2 {
            assert_eq!(d.get(i).date, Some("Oct 7"), "the section's date");
        }
        let f = d.get(0).facts;
        assert_eq!(f.published.as_deref(), Some("Oct 4, 2024"));
        assert_eq!((f.author_count, f.upvotes), (Some(8), Some(12)));
    }
}

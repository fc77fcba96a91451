//! Markdown captures of the page, as scrapers and read-later tools save
//! them. pulldown-cmark reads the Markdown; what is ours is recognising the
//! page in its blocks:
//!
//! - a paper is a heading at the level most headings are at (`### [Title](…
//!   /papers/ID)` or a plain `### Title`); a title wrapped onto a second line,
//!   or a second heading, is joined back;
//! - the blocks under it up to the next such heading are its card: the first
//!   block of text (plain, or the text of a link to the paper) is the
//!   abstract; author counts, organisations, dates, upvotes and links to
//!   elsewhere are facts or furniture;
//! - a date before the first paper, or in a heading of another level, is the
//!   page's date; so is one in the front matter.
//!
//! Reference-style links with or without their definitions, `\` line ends,
//! images, inline HTML and a fence around the whole page are all taken off.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::day::DateKey;

use super::diagnostics::LineCounter;
use super::facts::{Facts, arxiv_from_url};
use super::grammar::{self, Furniture};
use super::sanitize::clean_markup;
use super::{Diagnostic, Read, ReadPaper};

/// A block of the document, as plain text.
#[derive(Debug, Default, Clone)]
struct Block {
    /// The heading level (1-6), or 0 for any other block.
    level: u8,
    text: String,
    /// Every link's address, in order.
    links: Vec<String>,
    /// Bytes of text inside links, and outside them.
    linked: usize,
    unlinked: usize,
    images: usize,
    /// It opened a `[` it did not close (a link a copy broke across lines).
    unclosed: bool,
    line: u32,
}

impl Block {
    fn is_heading(&self) -> bool {
        self.level > 0
    }

    /// All of its text is the text of links (or images).
    fn only_links(&self) -> bool {
        self.unlinked == 0 && (self.linked > 0 || self.images > 0)
    }

    fn paper_id(&self) -> Option<String> {
        self.links.iter().find_map(|u| arxiv_from_url(u))
    }
}

/// Captures at least twice this size are read in parallel parts.
const PARALLEL_PART: usize = 4 << 20;

/// Reads a Markdown capture.
pub(super) fn read(name: &str, text: &str) -> Read {
    let (body, first_line, page_date) = unwrap_page(text);
    let heads = headings(body);
    let Some(level) = paper_level(&heads) else {
        return Read::default();
    };
    let defs = definitions(body);
    let parts = (body.len() / PARALLEL_PART).clamp(1, crate::par::cores());
    let cuts = cut_at_papers(body.len(), &heads, level, parts);
    let mut lines = LineCounter::new(body);
    let chunks: Vec<(usize, Range<usize>, u32)> = cuts
        .windows(2)
        .enumerate()
        .map(|(k, w)| (k, w[0]..w[1], lines.line_at(w[0]) + first_line - 1))
        .collect();
    let how = Shared {
        name,
        level,
        defs: &defs,
        page_date: page_date.as_deref(),
    };
    let parts = crate::par::map(chunks, crate::par::cores(), |(k, range, line)| {
        Chunk::new(how, k == 0).read(&body[range], line)
    });
    join(parts)
}

/// Joins the parts' papers in order, dating each part's first papers with
/// the date the part before ended on.
fn join(parts: Vec<(Read, ChunkEnd)>) -> Read {
    let mut out = Read::default();
    let mut date: Option<Range<u32>> = None;
    for (read, end) in parts {
        let base = out.text.len() as u32;
        let first = out.papers.len();
        out.append(read);
        for p in &mut out.papers[first..first + end.undated_lead] {
            p.date.clone_from(&date);
        }
        if let DateState::Known(d) = end.date {
            date = d.map(|d| d.start + base..d.end + base);
        }
    }
    out
}

/// What every part of one capture shares.
#[derive(Clone, Copy)]
struct Shared<'a> {
    name: &'a str,
    level: u8,
    /// Reference definitions (`[32]: url`) anywhere in the capture.
    defs: &'a HashMap<String, String>,
    page_date: Option<&'a str>,
}

#[derive(Clone, Debug, PartialEq)]
enum DateState {
    /// A part after the first, before it says a date: the part before's.
    Unknown,
    Known(Option<Range<u32>>),
}

/// How a part ended: its date, and how many of its first papers came
/// before it said one.
struct ChunkEnd {
    date: DateState,
    undated_lead: usize,
}

/// Reads one part of a capture, paper by paper, holding only the blocks
/// of the paper being read.
struct Chunk<'a> {
    how: Shared<'a>,
    out: Read,
    date: DateState,
    undated_lead: usize,
    title: Option<Block>,
    card: Vec<Block>,
}

impl<'a> Chunk<'a> {
    fn new(how: Shared<'a>, first: bool) -> Chunk<'a> {
        let mut out = Read::default();
        let date = if first {
            DateState::Known(how.page_date.map(|d| out.put(d)))
        } else {
            DateState::Unknown
        };
        Chunk {
            how,
            out,
            date,
            undated_lead: 0,
            title: None,
            card: Vec::new(),
        }
    }

    fn read(mut self, body: &str, first_line: u32) -> (Read, ChunkEnd) {
        let defs = self.how.defs;
        // A reference with no definition (`[Title][32]`) is read as a link
        // to nowhere, so its text is kept and its brackets go.
        let mut resolve = |link: BrokenLink<'_>| {
            let url = defs
                .get(&link.reference.to_lowercase())
                .map_or("", String::as_str);
            Some((CowStr::from(url.to_owned()), CowStr::from("")))
        };
        let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        let parser = Parser::new_with_broken_link_callback(body, options, Some(&mut resolve));
        let mut lines = LineCounter::new(body);
        let mut cur: Option<Block> = None;
        let (mut in_link, mut in_image, mut skip) = (0usize, 0usize, 0usize);
        for (event, range) in parser.into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    cur = Some(start(&mut lines, &range, first_line, level as u8));
                }
                Event::Start(Tag::Paragraph | Tag::TableCell) if cur.is_none() => {
                    cur = Some(start(&mut lines, &range, first_line, 0));
                }
                Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => {
                    skip += 1
                }
                Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                    skip = skip.saturating_sub(1)
                }
                Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::TableCell) => {
                    if let Some(b) = cur.take() {
                        self.block(finish(b));
                    }
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    in_link += 1;
                    if let Some(b) = cur.as_mut() {
                        b.links.push(dest_url.into_string());
                    }
                }
                Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
                Event::Start(Tag::Image { .. }) => {
                    in_image += 1;
                    if let Some(b) = cur.as_mut() {
                        b.images += 1;
                    }
                }
                Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
                Event::Text(t) | Event::Code(t) if skip == 0 && in_image == 0 => {
                    if let Some(b) = cur.as_mut() {
                        b.text.push_str(&t);
                        let n = t.trim().len();
                        if in_link > 0 {
                            b.linked += n
                        } else {
                            b.unlinked += n
                        }
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(b) = cur.as_mut() {
                        b.text.push('\n');
                    }
                }
                _ => {}
            }
        }
        self.flush();
        let end = ChunkEnd {
            date: self.date,
            undated_lead: self.undated_lead,
        };
        (self.out, end)
    }

    /// Takes one finished block: a paper's heading, part of its card, or
    /// the page's structure.
    fn block(&mut self, b: Block) {
        let level = self.how.level;
        if b.is_heading() && b.level <= level {
            if b.level == level {
                if let Some(t) = self.title.as_mut().filter(|_| self.card.is_empty())
                    && wraps(t, &b)
                {
                    return join_title(t, b);
                }
                self.flush();
                self.title = Some(b);
            } else {
                self.flush();
                self.page(&b);
            }
            return;
        }
        match self.title.as_mut() {
            Some(t) => {
                let short_line = b.level == 0 && !b.text.contains('\n') && b.text.len() < 120;
                if self.card.is_empty() && short_line && wraps(t, &b) {
                    return join_title(t, b);
                }
                self.card.push(b);
            }
            None => self.page(&b),
        }
    }

    /// Page structure: a date here dates the papers after it (the front
    /// matter's, with its year, when it names the same day).
    fn page(&mut self, b: &Block) {
        let Some(d) = grammar::date_text(&b.text) else {
            return;
        };
        let same_day = self
            .how
            .page_date
            .and_then(grammar::iso_date_key)
            .is_some_and(|k| {
                let (k, d) = (DateKey(k), DateKey(d.key));
                d.year().is_none() && k.without_year() == d
            });
        if !same_day {
            self.date = DateState::Known(Some(self.out.put(d.text)));
        }
    }

    /// Makes the paper whose heading and card have been read.
    fn flush(&mut self) {
        let Some(heading) = self.title.take() else {
            return;
        };
        let card = std::mem::take(&mut self.card);
        if heading.text.is_empty() {
            self.out.diagnostics.push(Diagnostic::warning(
                self.how.name,
                Some(heading.line),
                "heading with no title; skipped",
            ));
            return;
        }
        let date = match &self.date {
            DateState::Known(d) => d.clone(),
            DateState::Unknown => {
                self.undated_lead += 1;
                None
            }
        };
        let mut facts = Facts {
            arxiv: heading.paper_id(),
            ..Facts::default()
        };
        let id = facts.arxiv.clone();
        let mut abstract_ = String::new();
        for b in &card {
            if let Card::Abstract = card_block(b, id.as_deref(), &mut facts) {
                let prose = grammar::is_long(&b.text) || grammar::reads_as_sentences(&b.text);
                if abstract_.is_empty() {
                    abstract_.push_str(&b.text);
                } else if prose {
                    abstract_.push(' ');
                    abstract_.push_str(&b.text);
                }
            }
        }
        if facts.arxiv.is_none() {
            facts.arxiv = card
                .iter()
                .filter(|b| !b.is_heading())
                .find_map(Block::paper_id);
        }
        let title = self.out.put(&heading.text);
        let abstract_ = self.out.put(&abstract_);
        self.out.papers.push(ReadPaper {
            title,
            abstract_,
            date,
            line: heading.line,
            facts,
        });
    }
}

/// The page inside what may wrap it: YAML front matter (whose `date:` or
/// `?date=` link dates the page) and a fence around the whole page.
/// Returns the text to read, the line it starts on, and the page's date.
fn unwrap_page(text: &str) -> (&str, u32, Option<String>) {
    let mut body = text.trim_start_matches('\u{feff}');
    let mut line = 1;
    let mut date = None;
    if let Some((len, front)) = grammar::front_matter(body) {
        date = page_date(front);
        line += body[..len].matches('\n').count() as u32;
        body = &body[len..];
    }
    if let Some(at) = web_source_header(body) {
        line += body[..at].matches('\n').count() as u32;
        body = &body[at..];
    }
    let lead = body.len() - body.trim_start_matches(['\n', '\r', ' ']).len();
    let trimmed = &body[lead..];
    let fence = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f));
    if let Some(fence) = fence {
        line += body[..lead].matches('\n').count() as u32;
        let inner = trimmed.find('\n').map_or("", |i| &trimmed[i + 1..]);
        let end = inner.trim_end().rfind('\n').map_or(0, |i| i + 1);
        let last = inner.trim_end()[end..].trim();
        let inner = if last.starts_with(fence) {
            &inner[..end]
        } else {
            inner
        };
        return (inner, line + 1, date);
    }
    (body, line, date)
}

/// Where the fence starts after a capture tool's header: a `# ` heading,
/// then only `- Key: value` lines (`- URL: …`, `- Captured (UTC): …`)
/// before a fence around the page. `None` when the text has no such header.
fn web_source_header(body: &str) -> Option<usize> {
    let mut at = 0;
    let mut heading = false;
    for l in body.split_inclusive('\n').take(50) {
        let t = l.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            return heading.then_some(at);
        }
        match (heading, t) {
            (_, "") => {}
            (false, h) if h.starts_with("# ") => heading = true,
            (true, item) if item.starts_with("- ") && item.contains(':') => {}
            _ => return None,
        }
        at += l.len();
    }
    None
}

/// A date in front matter: a `date:` field, or a `?date=` in a link.
fn page_date(front: &str) -> Option<String> {
    if let Some(at) = front.find("date=") {
        let d = &front[at + 5..];
        if grammar::iso_date_key(d).is_some() {
            return Some(d[..10].to_owned());
        }
    }
    front.lines().find_map(|l| {
        let v = l
            .trim()
            .strip_prefix("date:")?
            .trim()
            .trim_matches(['"', '\'']);
        grammar::iso_date_key(v).map(|_| v[..10].to_owned())
    })
}

/// The level and text of an ATX heading line (`### Title`): at most three
/// spaces before it (four make indented code).
fn heading_line(l: &str) -> Option<(u8, &str)> {
    let t = l.trim_start_matches(' ');
    if l.len() - t.len() > 3 {
        return None;
    }
    let hashes = t.len() - t.trim_start_matches('#').len();
    let rest = &t[hashes..];
    ((1..=6).contains(&hashes) && (rest.starts_with([' ', '\t']) || rest.is_empty()))
        .then(|| (hashes as u8, rest.trim()))
}

/// A code fence as CommonMark opens one: at most three spaces, then three
/// or more backticks or tildes; a backtick fence's info string holds no
/// backtick. Its character and length.
fn fence_open(l: &str) -> Option<(u8, usize)> {
    let t = l.trim_start_matches(' ');
    let c = *t.as_bytes().first()?;
    let len = t.len() - t.trim_start_matches(c as char).len();
    let fence = l.len() - t.len() <= 3
        && matches!(c, b'`' | b'~')
        && len >= 3
        && (c == b'~' || !t[len..].contains('`'));
    fence.then_some((c, len))
}

/// Whether `l` closes the fence `open`: the same character, at least as
/// many, nothing after but spaces.
fn fence_closes(l: &str, (c, len): (u8, usize)) -> bool {
    let t = l.trim_start_matches(' ');
    let run = t.len() - t.trim_start_matches(c as char).len();
    l.len() - t.len() <= 3 && run >= len && t[run..].trim().is_empty()
}

/// An ATX heading outside fenced code.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Heading<'a> {
    /// Where its line starts in the body.
    start: usize,
    level: u8,
    text: &'a str,
    /// Whether the line before it (blank lines apart) is a heading too.
    after_heading: bool,
}

/// The headings of `body`, in order, fenced code skipped as CommonMark
/// reads it (a fence left open runs to the end). Fences inside lists and
/// block quotes are not followed.
fn headings(body: &str) -> Vec<Heading<'_>> {
    let mut out = Vec::new();
    let mut fence = None;
    let mut last_was_heading = false;
    let mut start = 0;
    for raw in body.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let at = start;
        start += raw.len();
        if let Some(open) = fence {
            if fence_closes(line, open) {
                fence = None;
            }
            last_was_heading = false;
            continue;
        }
        if let Some(open) = fence_open(line) {
            fence = Some(open);
            last_was_heading = false;
            continue;
        }
        match heading_line(line) {
            Some((level, text)) => {
                out.push(Heading {
                    start: at,
                    level,
                    text,
                    after_heading: last_was_heading,
                });
                last_was_heading = true;
            }
            None if line.trim().is_empty() => {}
            None => last_was_heading = false,
        }
    }
    out
}

/// The heading level papers are at: the level of most headings (2 to 6)
/// that are not dates; ties go to the level with more links to papers.
fn paper_level(heads: &[Heading<'_>]) -> Option<u8> {
    let mut count = [(0usize, 0usize); 7];
    for &Heading { level, text, .. } in heads {
        if text.is_empty() || grammar::date_text(text).is_some() {
            continue;
        }
        count[level as usize].0 += 1;
        count[level as usize].1 += usize::from(text.contains("/papers/"));
    }
    // A lone level-1 heading is the page's title, unless it is all there is.
    let from = if count[2..].iter().all(|c| c.0 == 0) {
        1
    } else {
        2
    };
    (from..=6)
        .filter(|&l| count[l].0 > 0)
        .max_by_key(|&l| (count[l].1, count[l].0, l))
        .map(|l| l as u8)
}

/// Reference definitions, `[label]: url`, by lowercased label.
fn definitions(body: &str) -> HashMap<String, String> {
    body.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let rest = l.strip_prefix('[')?;
            let (label, after) = rest.split_once("]:")?;
            let url = after.split_whitespace().next()?;
            Some((
                label.to_lowercase(),
                url.trim_matches(['<', '>']).to_owned(),
            ))
        })
        .collect()
}

/// Where to cut a capture into about `parts` parts: at a paper's heading
/// after each even share, one that does not go on from a heading before
/// it (a wrapped title). Returns the boundaries, from 0 to the end.
fn cut_at_papers(len: usize, heads: &[Heading<'_>], level: u8, parts: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut next = heads
        .iter()
        .filter(|h| h.level == level && !h.after_heading);
    for k in 1..parts {
        let from = (len / parts * k).max(*cuts.last().unwrap_or(&0) + 1);
        match next.find(|h| h.start >= from) {
            Some(h) => cuts.push(h.start),
            None => break,
        }
    }
    cuts.push(len);
    cuts
}

fn start(lines: &mut LineCounter<'_>, range: &Range<usize>, first_line: u32, level: u8) -> Block {
    Block {
        level,
        line: lines.line_at(range.start) + first_line - 1,
        ..Block::default()
    }
}

/// A block's text made plain: a `\` before a line end or a space (left of
/// `\\` line ends and `\ ` before wrapped words) goes, a link a copy broke
/// (`Title](url)`) gives its address, and markup and white space are
/// cleaned as everywhere.
fn finish(mut b: Block) -> Block {
    let mut t = if memchr::memchr(b'\\', b.text.as_bytes()).is_some() {
        let mut t = String::with_capacity(b.text.len());
        let mut chars = b.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\' && chars.peek().is_none_or(|n| n.is_whitespace()) {
                continue;
            }
            t.push(c);
        }
        t
    } else {
        std::mem::take(&mut b.text)
    };
    if let Some(open) = t.rfind("](") {
        let after = &t[open + 2..];
        if let Some(close) = after.find(')') {
            let url = after[..close].trim();
            if url.starts_with("http") && !url.contains(' ') {
                b.links.push(url.to_owned());
                t = format!("{}{}", &t[..open], &after[close + 1..]);
            }
        }
    }
    b.unclosed = t.matches('[').count() > t.matches(']').count();
    let t = t.trim().trim_start_matches('[');
    b.text = clean_markup(t);
    b
}

const CONNECTORS: [&str; 12] = [
    "of", "for", "and", "with", "in", "on", "to", "a", "an", "the", "via", "from",
];

/// Joins the rest of a title wrapped onto a second heading or line.
fn join_title(t: &mut Block, next: Block) {
    t.text.push(' ');
    t.text.push_str(&next.text);
    t.links.extend(next.links);
    t.unclosed = false;
}

/// Whether `next` continues the title `b`: its link was broken across
/// them (an unclosed `[`), or the first part ends mid-phrase and the
/// second goes on in lower case or carries the link the first lacks.
fn wraps(b: &Block, next: &Block) -> bool {
    let broken_link = b.links.is_empty() && !next.links.is_empty() && next.text.len() < 120;
    let last_word = b.text.rsplit(' ').next().unwrap_or("").to_lowercase();
    let mid_phrase =
        b.text.ends_with([':', ',', '-', '–', '—']) || CONNECTORS.contains(&last_word.as_str());
    let lower = next.text.starts_with(|c: char| c.is_lowercase());
    b.unclosed
        || (b.paper_id().is_none()
            && ((broken_link && (lower || mid_phrase))
                || (lower && mid_phrase)
                || (next.level == b.level && lower)))
}

/// What a block under a paper's heading is.
enum Card {
    Abstract,
    Fact,
    Nothing,
}

fn card_block(b: &Block, id: Option<&str>, facts: &mut Facts) -> Card {
    if b.is_heading() {
        return Card::Nothing;
    }
    let text = b.text.as_str();
    if text.is_empty() {
        return Card::Nothing;
    }
    if let Some(d) = grammar::date_text(text) {
        facts.published.get_or_insert_with(|| d.text.to_owned());
        return Card::Fact;
    }
    let plain = text.trim_start_matches("LINK:").trim();
    if let Some(f) = grammar::furniture(plain) {
        match f {
            Furniture::Authors(n) => facts.author_count = Some(n),
            Furniture::Upvotes(n) | Furniture::Count(n) => {
                facts.upvotes.get_or_insert(n);
            }
            Furniture::Published(d) => {
                facts.published.get_or_insert_with(|| d.to_owned());
            }
            Furniture::Github if facts.github.is_none() => {
                facts.github = b.links.iter().find(|u| u.contains("github.com")).cloned();
            }
            _ => {}
        }
        return Card::Fact;
    }
    if b.only_links() {
        let to_paper = b
            .links
            .iter()
            .any(|u| arxiv_from_url(u).is_some_and(|a| Some(a.as_str()) == id));
        if to_paper {
            return Card::Abstract; // the abstract as the text of a link
        }
        if let Some(u) = b.links.iter().find(|u| u.contains("github.com")) {
            facts.github.get_or_insert_with(|| u.clone());
        } else if let Some(u) = b
            .links
            .first()
            .filter(|_| text.to_lowercase().contains("project"))
        {
            facts.project.get_or_insert_with(|| u.clone());
        }
        return Card::Fact;
    }
    Card::Abstract
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(r: &Read) -> Vec<&str> {
        r.papers.iter().map(|p| r.get(&p.title)).collect()
    }

    #[test]
    fn headings_link_text_abstracts_and_cards() {
        let md = "---\ntitle: Daily Papers\nurl: https://huggingface.co/papers?date=2025-02-27\n---\n\n\
            # Daily Papers\n\n\
            ### [Scaling Laws for\n### Everything](https://huggingface.co/papers/2502.00001)\n\n\
            [We study scaling laws \\\\\nfor everything and find \\ them \\\\\neverywhere, at every scale we tried.](https://huggingface.co/papers/2502.00001)\n\n\
            [- 3 authors](https://huggingface.co/papers/2502.00001#authors)\n\n\
            [![org](https://img/x.png)NVIDIA](https://huggingface.co/nvidia)\n\n\
            Feb 27, 2025\n\n\
            ### [Second Paper](https://huggingface.co/papers/2502.00002)\n\n\
            A plain paragraph abstract that says what was done and why it matters.\n\n\
            [LINK: GitHub 11.3k](https://github.com/a/b)\n";
        let r = read("c.md", md);
        assert_eq!(titles(&r), ["Scaling Laws for Everything", "Second Paper"]);
        let p = &r.papers[0];
        assert_eq!(
            r.get(&p.abstract_),
            "We study scaling laws for everything and find them everywhere, at every scale we tried."
        );
        assert_eq!(
            p.date.as_ref().map(|d| r.get(d)),
            Some("2025-02-27"),
            "the page's date, not the card's"
        );
        assert_eq!(p.facts.arxiv.as_deref(), Some("2502.00001"));
        assert_eq!(p.facts.author_count, Some(3));
        assert_eq!(p.facts.published.as_deref(), Some("Feb 27, 2025"));
        assert_eq!(p.line, 8);
        assert_eq!(
            r.papers[1].facts.github.as_deref(),
            Some("https://github.com/a/b")
        );
    }

    #[test]
    fn reference_links_with_and_without_definitions() {
        let md = "## [First Title][1]\n\nFirst abstract, long enough to read as one.\n\n## [Second Title][32]\n\nSecond abstract.\n\n[1]: https://huggingface.co/papers/2501.00001\n";
        let r = read("r.md", md);
        assert_eq!(titles(&r), ["First Title", "Second Title"]);
        assert_eq!(r.papers[0].facts.arxiv.as_deref(), Some("2501.00001"));
        assert_eq!(r.get(&r.papers[1].abstract_), "Second abstract.");
    }

    #[test]
    fn a_fence_around_the_page_and_plain_headings() {
        let md = "```markdown\n### Plain Title\n\nIts abstract.\n\n### Another\n\nIts own abstract.\n```\n";
        let r = read("f.md", md);
        assert_eq!(titles(&r), ["Plain Title", "Another"]);
        assert_eq!(r.papers[0].line, 2);
    }

    #[test]
    fn headings_in_fenced_code_are_code() {
        // Two papers at `##`; three `### ` lines inside fences, which would
        // outnumber them were they headings.
        let md = "## First Paper\n\nIts abstract, with code:\n\n````text\n### not a heading\n```\n### still code (a shorter fence does not close)\n````\n\n\
                  ## Second Paper\n\nMore.\n\n~~~ rust\n### code too\n~~~\n";
        let heads = headings(md);
        let texts: Vec<&str> = heads.iter().map(|h| h.text).collect();
        assert_eq!(texts, ["First Paper", "Second Paper"]);
        assert_eq!(paper_level(&heads), Some(2));
        // A cut looked for after the first fence opens lands on the next
        // paper, never inside the fence.
        let second = md.find("## Second").unwrap();
        assert_eq!(cut_at_papers(md.len(), &heads, 2, 3), [0, second, md.len()]);
        assert_eq!(titles(&read("f.md", md)), ["First Paper", "Second Paper"]);
    }

    #[test]
    fn fences_open_and_close_as_commonmark_says() {
        assert_eq!(fence_open("```"), Some((b'`', 3)));
        assert_eq!(fence_open("   ~~~~ info `x`"), Some((b'~', 4)));
        assert_eq!(fence_open("```text"), Some((b'`', 3)));
        assert_eq!(fence_open("``` a`b"), None, "inline code, not a fence");
        assert_eq!(fence_open("``"), None);
        assert_eq!(fence_open("    ```"), None, "indented code");
        assert!(fence_closes("````  ", (b'`', 3)));
        assert!(!fence_closes("``", (b'`', 3)));
        assert!(!fence_closes("~~~", (b'`', 3)));
        assert!(
            !fence_closes("``` text", (b'`', 3)),
            "a closing fence has no info"
        );
        assert_eq!(heading_line("    ### code"), None);
        assert_eq!(heading_line("   ### T"), Some((3, "T")));
    }

    #[test]
    fn read_in_parts_as_whole() {
        let mut md = Vec::new();
        crate::synth::write_markdown(&mut md, 700).unwrap();
        let md = String::from_utf8(md).unwrap();
        let heads = headings(&md);
        let level = paper_level(&heads).unwrap();
        assert_eq!(level, 3);
        let cuts = cut_at_papers(md.len(), &heads, level, 5);
        assert_eq!(cuts.len(), 6);
        let defs = HashMap::new();
        let how = Shared {
            name: "m",
            level,
            defs: &defs,
            page_date: None,
        };
        let whole = join(vec![Chunk::new(how, true).read(&md, 1)]);
        let mut lines = LineCounter::new(&md);
        let parts = cuts
            .windows(2)
            .enumerate()
            .map(|(k, w)| Chunk::new(how, k == 0).read(&md[w[0]..w[1]], lines.line_at(w[0])))
            .collect();
        let parts = join(parts);
        let view = |r: &Read| {
            r.papers
                .iter()
                .map(|p| {
                    (
                        r.get(&p.title).to_owned(),
                        p.date.as_ref().map(|d| r.get(d).to_owned()),
                        p.line,
                        p.facts.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(view(&parts), view(&whole));
        assert_eq!(whole.papers.len(), 700);
    }
}

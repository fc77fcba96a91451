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

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

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
    /// Characters of text inside links, and outside them.
    linked: usize,
    unlinked: usize,
    images: usize,
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

/// Reads a Markdown capture.
pub(super) fn read(name: &str, text: &str) -> Read {
    let mut out = Read::default();
    let (body, first_line, page_date) = unwrap_page(text);
    let blocks = blocks(body, first_line);
    let Some(level) = paper_level(&blocks) else {
        return out;
    };
    let blocks = join_wrapped_titles(blocks, level);
    let mut date = page_date;
    let mut k = 0;
    while k < blocks.len() {
        let b = &blocks[k];
        if b.level == level {
            let end = blocks[k + 1..]
                .iter()
                .position(|x| x.is_heading() && x.level <= level)
                .map_or(blocks.len(), |e| k + 1 + e);
            if let Some(p) = paper(b, &blocks[k + 1..end], date.clone()) {
                out.papers.push(p);
            } else {
                out.diagnostics.push(Diagnostic::warning(
                    name,
                    Some(b.line),
                    "heading with no title; skipped",
                ));
            }
            k = end;
            continue;
        }
        // Page structure: a date here dates the papers after it.
        if let Some(d) = grammar::date_text(&b.text) {
            date = Some(d.text.to_owned());
        }
        k += 1;
    }
    out
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
    let lead = body.len() - body.trim_start_matches(['\n', '\r', ' ']).len();
    let trimmed = &body[lead..];
    let fence = if trimmed.starts_with("```") {
        "```"
    } else if trimmed.starts_with("~~~") {
        "~~~"
    } else {
        ""
    };
    if !fence.is_empty() {
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

/// Every block of `body`, as plain text, with the line it starts on.
fn blocks(body: &str, first_line: u32) -> Vec<Block> {
    // A reference with no definition (`[Title][32]`) is read as a link to
    // nowhere, so its text is kept and its brackets go.
    let mut nowhere = |_: BrokenLink<'_>| Some((CowStr::from(""), CowStr::from("")));
    let parser = Parser::new_with_broken_link_callback(
        body,
        Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
        Some(&mut nowhere),
    );
    let mut lines = LineCounter::new(body);
    let mut out = Vec::new();
    let mut cur: Option<Block> = None;
    let (mut in_link, mut in_image, mut skip) = (0usize, 0usize, 0usize);
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                cur = Some(start(&mut lines, &range, first_line, heading_level(level)));
            }
            Event::Start(Tag::Paragraph | Tag::TableCell) if cur.is_none() => {
                cur = Some(start(&mut lines, &range, first_line, 0));
            }
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1)
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::TableCell) => {
                if let Some(b) = cur.take() {
                    out.push(finish(b));
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
                    let n = t.trim().chars().count();
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
    out
}

fn heading_level(l: HeadingLevel) -> u8 {
    l as u8
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
    let mut t = String::with_capacity(b.text.len());
    let mut chars = b.text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_none_or(|n| n.is_whitespace()) {
            continue;
        }
        t.push(c);
    }
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
    let t = t.trim().trim_start_matches('[').to_owned();
    b.text = clean_markup(&t);
    b
}

/// The heading level papers are at: the level of most headings (2 to 6)
/// that are not dates; ties go to the level with more links to papers.
fn paper_level(blocks: &[Block]) -> Option<u8> {
    let mut count = [(0usize, 0usize); 7];
    for b in blocks
        .iter()
        .filter(|b| b.is_heading() && grammar::date_text(&b.text).is_none())
    {
        count[b.level as usize].0 += 1;
        count[b.level as usize].1 += usize::from(b.paper_id().is_some());
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

const CONNECTORS: [&str; 12] = [
    "of", "for", "and", "with", "in", "on", "to", "a", "an", "the", "via", "from",
];

/// Joins a paper heading wrapped onto a second heading or a second line:
/// when its link was broken across them (an unclosed `[`), or when the
/// first part ends mid-phrase and the second goes on in lower case.
fn join_wrapped_titles(blocks: Vec<Block>, level: u8) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut it = blocks.into_iter().peekable();
    while let Some(mut b) = it.next() {
        if b.level == level {
            while let Some(next) = it.peek() {
                let same_level = next.level == level;
                let short_line =
                    next.level == 0 && !next.text.contains('\n') && next.text.len() < 120;
                let continues = wraps(&b, next) && (same_level || short_line);
                if !continues {
                    break;
                }
                let Some(next) = it.next() else { break };
                b.text = format!("{} {}", b.text, next.text);
                b.links.extend(next.links);
            }
        }
        out.push(b);
    }
    out
}

/// Whether `next` continues the title `b`.
fn wraps(b: &Block, next: &Block) -> bool {
    let unclosed = b.text.matches('[').count() > b.text.matches(']').count();
    let broken_link = b.links.is_empty() && !next.links.is_empty() && next.text.len() < 120;
    let last_word = b.text.rsplit(' ').next().unwrap_or("").to_lowercase();
    let mid_phrase =
        b.text.ends_with([':', ',', '-', '–', '—']) || CONNECTORS.contains(&last_word.as_str());
    let lower = next.text.starts_with(|c: char| c.is_lowercase());
    unclosed
        || (b.paper_id().is_none()
            && (broken_link && (lower || mid_phrase)
                || (lower && mid_phrase)
                || (next.level == b.level && lower)))
}

/// What a block under a paper's heading is.
enum Card {
    Abstract,
    Fact,
    Nothing,
}

fn card(b: &Block, id: Option<&str>, facts: &mut Facts) -> Card {
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
            Furniture::Github => {
                facts.github = facts
                    .github
                    .take()
                    .or_else(|| b.links.iter().find(|u| u.contains("github.com")).cloned());
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
        if to_paper && text.len() > 40 {
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

/// A paper from its heading and the blocks under it.
fn paper(heading: &Block, under: &[Block], date: Option<String>) -> Option<ReadPaper> {
    let title = heading
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if title.is_empty() {
        return None;
    }
    let mut facts = Facts {
        arxiv: heading.paper_id(),
        ..Facts::default()
    };
    let id = facts.arxiv.clone();
    let mut abstract_ = String::new();
    for b in under {
        if let Card::Abstract = card(b, id.as_deref(), &mut facts) {
            let prose = grammar::is_long(&b.text) || grammar::reads_as_sentences(&b.text);
            if abstract_.is_empty() {
                abstract_ = b.text.clone();
            } else if prose {
                abstract_.push(' ');
                abstract_.push_str(&b.text);
            }
        }
    }
    if facts.arxiv.is_none() {
        facts.arxiv = under
            .iter()
            .filter(|b| !b.is_heading())
            .find_map(Block::paper_id);
    }
    Some(ReadPaper {
        title,
        abstract_,
        date,
        line: heading.line,
        facts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(r: &Read) -> Vec<&str> {
        r.papers.iter().map(|p| p.title.as_str()).collect()
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
            p.abstract_,
            "We study scaling laws for everything and find them everywhere, at every scale we tried."
        );
        assert_eq!(
            p.date.as_deref(),
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
        assert_eq!(r.papers[1].abstract_, "Second abstract.");
    }

    #[test]
    fn a_fence_around_the_page_and_plain_headings() {
        let md = "```markdown\n### Plain Title\n\nIts abstract.\n\n### Another\n\nIts own abstract.\n```\n";
        let r = read("f.md", md);
        assert_eq!(titles(&r), ["Plain Title", "Another"]);
        assert_eq!(r.papers[0].line, 2);
    }
}

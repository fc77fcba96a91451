//! The one view of what is known of a paper: its facts as an ordered list of
//! labelled, unstyled texts. `show`, the reader's pane and the Markdown
//! export all read it, so "12 upvotes" is written here and nowhere else,
//! and the three can never list the facts in different orders.

use std::fmt::Write as _;

use super::Facts;

/// What a fact is, so a caller can style it (or leave it out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// The site's one-line summary.
    Summary,
    /// The paperboy id.
    Id,
    /// The Daily Papers day, as the source wrote it.
    Date,
    /// A file and line it was read from.
    Place,
    Arxiv,
    Published,
    Upvotes,
    /// The Hugging Face comment count.
    Comments,
    Organization,
    Authors,
    /// arXiv's categories, version and announcement; its comments,
    /// journal and DOI (a line each).
    ArxivMeta,
    Keywords,
    /// A place to read it.
    Link(Site),
    /// The reader's own note on it.
    Note,
}

/// Where a link goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    Arxiv,
    Pdf,
    HuggingFace,
    Code,
    Project,
    /// An arXiv search for the title, when no source gave a link.
    Search,
}

impl Site {
    fn name(self) -> &'static str {
        match self {
            Site::Arxiv => "arXiv",
            Site::Pdf => "PDF",
            Site::HuggingFace => "Hugging Face",
            Site::Code => "code",
            Site::Project => "project page",
            Site::Search => "arXiv search",
        }
    }

    /// Whether the link follows from the arXiv id alone (a reader that
    /// shows the id need not show these).
    pub fn from_arxiv_id(self) -> bool {
        matches!(
            self,
            Site::Arxiv | Site::Pdf | Site::HuggingFace | Site::Search
        )
    }
}

/// One fact: what it is, its text, and the row it shares with its
/// neighbours (facts of one row are joined with ` · `).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub label: Label,
    pub text: String,
    /// The URL, for a link.
    pub url: Option<String>,
    row: u8,
}

/// What the view is made from: the paper, where it was read, and the
/// reader's note on it.
pub struct Paper<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: Option<&'a str>,
    /// `file:line` for each copy read.
    pub places: &'a [String],
    pub facts: &'a Facts,
    pub note: Option<&'a str>,
}

/// The facts so far; each new one is handed back to add its URL to.
struct Rows(Vec<Fact>);

impl Rows {
    fn push(&mut self, row: u8, label: Label, text: String) -> &mut Fact {
        self.0.push(Fact {
            label,
            text,
            url: None,
            row,
        });
        self.0.last_mut().expect("just pushed")
    }
}

fn plural(n: u32, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The facts of a paper in the one order: summary; id, date and places;
/// arXiv id, published, upvotes, comments, organisation; authors (as
/// many as fit in `width`, then `et al.`); arXiv's own lines; keywords;
/// links; the note.
pub fn facts(p: &Paper<'_>, width: usize) -> Vec<Fact> {
    let f = p.facts;
    let mut out = Rows(Vec::new());
    let mut row = 0u8;
    if let Some(s) = &f.summary {
        out.push(row, Label::Summary, s.clone());
    }
    row += 1;
    out.push(row, Label::Id, p.id.to_owned());
    out.push(row, Label::Date, p.date.unwrap_or("no date").to_owned());
    for place in p.places {
        out.push(row, Label::Place, place.clone());
    }
    row += 1;
    if let Some(a) = &f.arxiv {
        out.push(row, Label::Arxiv, format!("arXiv {a}"));
    }
    if let Some(d) = &f.published {
        out.push(row, Label::Published, format!("published {d}"));
    }
    if let Some(n) = f.upvotes {
        out.push(row, Label::Upvotes, plural(n, "upvote"));
    }
    if let Some(n) = f.comments {
        out.push(row, Label::Comments, plural(n, "comment"));
    }
    if let Some(o) = &f.organization {
        out.push(row, Label::Organization, o.clone());
    }
    row += 1;
    if let Some(a) = f.authors_line(width) {
        out.push(row, Label::Authors, a);
    }
    for l in f.arxiv_lines() {
        row += 1;
        out.push(row, Label::ArxivMeta, l);
    }
    row += 1;
    if !f.keywords.is_empty() {
        out.push(
            row,
            Label::Keywords,
            format!("Keywords: {}", f.keywords.join(", ")),
        );
    }
    let links = f.links();
    let sites = [
        (links.arxiv, Site::Arxiv),
        (links.pdf, Site::Pdf),
        (links.paper, Site::HuggingFace),
        (links.github, Site::Code),
        (links.project, Site::Project),
    ];
    let mut any = false;
    for (url, site) in sites {
        let Some(url) = url else { continue };
        any = true;
        let text = match f.stars.filter(|_| site == Site::Code) {
            Some(n) => format!("{url} ({}, ★ {n})", site.name()),
            None => format!("{url} ({})", site.name()),
        };
        row += 1;
        out.push(row, Label::Link(site), text).url = Some(url);
    }
    if !any {
        let url = title_search_url(p.title);
        row += 1;
        let text = format!("{url} ({})", Site::Search.name());
        out.push(row, Label::Link(Site::Search), text).url = Some(url);
    }
    if let Some(n) = p.note {
        let one: Vec<&str> = n.split_whitespace().collect();
        row += 1;
        out.push(row, Label::Note, format!("Note: {}", one.join(" ")));
    }
    out.0
}

/// An arXiv search for a title (for papers whose id no source gave).
pub fn title_search_url(title: &str) -> String {
    let mut q = String::with_capacity(title.len() * 3);
    for b in title.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                q.push(b as char)
            }
            b' ' => q.push('+'),
            _ => {
                let _ = write!(q, "%{b:02X}");
            }
        }
    }
    format!("https://arxiv.org/search/?query={q}&searchtype=title")
}

/// The facts as lines of text: each row's facts joined with ` · `.
pub fn lines<'a>(facts: impl IntoIterator<Item = &'a Fact>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last = None;
    for f in facts {
        match out.last_mut() {
            Some(l) if last == Some(f.row) => {
                l.push_str(" · ");
                l.push_str(&f.text);
            }
            _ => out.push(f.text.clone()),
        }
        last = Some(f.row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper<'a>(facts: &'a Facts, places: &'a [String]) -> Paper<'a> {
        Paper {
            id: "abcdefghjk",
            title: "A b",
            date: Some("Jul 29"),
            places,
            facts,
            note: Some("read\nit  twice"),
        }
    }

    #[test]
    fn every_fact_in_the_one_order() {
        let facts = Facts {
            arxiv: Some("2410.05434".into()),
            authors: vec!["Ada Lovelace".into(), "Alan Turing".into()],
            upvotes: Some(1),
            comments: Some(3),
            published: Some("2024-10-04".into()),
            organization: Some("NVIDIA".into()),
            summary: Some("It scales.".into()),
            keywords: vec!["rl".into(), "kernels".into()],
            github: Some("https://github.com/x/y".into()),
            stars: Some(251),
            categories: vec!["cs.CL".into()],
            version: Some("v2".into()),
            doi: Some("10.1/x".into()),
            ..Facts::default()
        };
        let places = ["d.json:3".to_owned(), "e.md:9".to_owned()];
        assert_eq!(
            lines(&facts_of(&facts, &places)),
            [
                "It scales.",
                "abcdefghjk · Jul 29 · d.json:3 · e.md:9",
                "arXiv 2410.05434 · published 2024-10-04 · 1 upvote · 3 comments · NVIDIA",
                "Ada Lovelace, Alan Turing",
                "cs.CL · v2",
                "DOI: 10.1/x",
                "Keywords: rl, kernels",
                "https://arxiv.org/abs/2410.05434 (arXiv)",
                "https://arxiv.org/pdf/2410.05434 (PDF)",
                "https://huggingface.co/papers/2410.05434 (Hugging Face)",
                "https://github.com/x/y (code, ★ 251)",
                "Note: read it twice",
            ]
        );
    }

    fn facts_of(f: &Facts, places: &[String]) -> Vec<Fact> {
        facts(&paper(f, places), usize::MAX)
    }

    #[test]
    fn a_paper_of_no_facts_has_its_identity_and_a_search() {
        let f = Facts::default();
        let mut p = paper(&f, &[]);
        p.date = None;
        p.note = None;
        let v = facts(&p, 80);
        assert_eq!(
            lines(&v),
            [
                "abcdefghjk · no date",
                "https://arxiv.org/search/?query=A+b&searchtype=title (arXiv search)",
            ]
        );
        assert_eq!(
            v[2].url.as_deref(),
            Some("https://arxiv.org/search/?query=A+b&searchtype=title")
        );
    }
}

//! The one view of a paper: what is known of it as one record of named
//! facts ([`Record`]), made once from a digest's paper (here) or a saved
//! entry (`Entry::record`), and every way a fact is written: the fact
//! lines `show`, the reader's pane and the Markdown export print ("12
//! upvotes" is written here and nowhere else, in the one order), the
//! BibTeX fields, the CSV columns and the two JSON forms. The exports only
//! add their syntax (escaping, quoting), so a new fact is a field of
//! [`Facts`] and, in this module, a line in each output that shows it
//! (the JSON forms are in `json.rs`).

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{Digest, Facts, Links};

mod json;
pub use json::PaperJson;

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

/// A paper as every output sees it: where it was read, the reader's note
/// and when it was saved (when it was), and its facts.
#[derive(Clone, Debug)]
pub struct Record<'a> {
    pub id: Cow<'a, str>,
    pub title: &'a str,
    /// The abstract as one paragraph.
    pub abstract_: Cow<'a, str>,
    /// The Daily Papers day, as the source wrote it (or as the reader's
    /// options show it).
    pub date: Option<Cow<'a, str>>,
    /// The file it was first read from, and the line.
    pub source: &'a str,
    pub line: u32,
    /// `file:line` for each copy read.
    pub places: Vec<String>,
    /// When it was saved to a list (an RFC 3339 time).
    pub added: Option<&'a str>,
    /// The reader's own note on it.
    pub note: Option<Cow<'a, str>>,
    pub facts: Cow<'a, Facts>,
    /// The links a saved entry kept, which its JSON export writes as kept
    /// (none for a digest's paper: its links are made from its facts).
    pub kept_links: Option<&'a Links>,
}

impl<'a> Record<'a> {
    /// Paper `i` of `d`, with every place it was read; no note.
    pub fn of_paper(d: &'a Digest, i: usize) -> Record<'a> {
        let v = d.get(i);
        Record {
            id: Cow::Owned(v.id.to_string()),
            title: v.title,
            abstract_: v.abstract_text(),
            date: v.date.map(Cow::Borrowed),
            source: v.source,
            line: v.line,
            places: d.places(i).collect(),
            added: None,
            note: None,
            facts: Cow::Borrowed(v.facts),
            kept_links: None,
        }
    }

    /// Where it can be read: its arXiv page when its id is known, else an
    /// arXiv search for its title.
    pub fn url(&self) -> String {
        paper_url(self.title, self.facts.arxiv.as_deref())
    }

    /// The year it is from: its own date, else its Daily Papers day, else
    /// its new-style arXiv id (`2410.…` is October 2024).
    pub fn year(&self) -> Option<String> {
        let iso_year = |d: &str| {
            let y = d.get(..4)?;
            (y.bytes().all(|b| b.is_ascii_digit()) && d.get(4..5) == Some("-"))
                .then(|| y.to_owned())
        };
        let written_year = |d: &str| {
            let y = d.rsplit([' ', ',']).next()?;
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())).then(|| y.to_owned())
        };
        let from_date = |d: &str| iso_year(d).or_else(|| written_year(d));
        let f = &self.facts;
        f.published
            .as_deref()
            .and_then(from_date)
            .or_else(|| self.date.as_deref().and_then(from_date))
            .or_else(|| {
                let id = f.arxiv.as_deref()?;
                let yy = id.get(..2).filter(|_| id.get(4..5) == Some("."))?;
                Some(format!("20{yy}"))
            })
    }
}

/// Where a paper can be read: its arXiv page when its id is known, else an
/// arXiv search for its title.
pub fn paper_url(title: &str, arxiv: Option<&str>) -> String {
    match arxiv {
        Some(id) => format!("https://arxiv.org/abs/{id}"),
        None => title_search_url(title),
    }
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
pub fn facts(p: &Record<'_>, width: usize) -> Vec<Fact> {
    let f = &p.facts;
    let mut out = Rows(Vec::new());
    let mut row = 0u8;
    if let Some(s) = &f.summary {
        out.push(row, Label::Summary, s.clone());
    }
    row += 1;
    out.push(row, Label::Id, p.id.to_string());
    let date = p.date.as_deref().unwrap_or("no date");
    out.push(row, Label::Date, date.to_owned());
    for place in &p.places {
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
    if let Some(n) = &p.note {
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

/// A BibTeX field's value, before the export writes its syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bib<'r> {
    /// Text, escaped as TeX.
    Text(Cow<'r, str>),
    /// Names, each escaped (and braced when it would split), joined by
    /// `and`.
    Names(&'r [String]),
    /// Written as it is (a URL).
    Verbatim(String),
}

impl Record<'_> {
    /// The BibTeX fields of its `@misc` entry, in order (the file of its
    /// PDF on disk is the export's, not a fact of the paper).
    pub fn bibtex_fields(&self) -> Vec<(&'static str, Bib<'_>)> {
        let f = &self.facts;
        let text = |s: &str| Bib::Text(Cow::Owned(s.to_owned()));
        let mut out = vec![("title", Bib::Text(Cow::Borrowed(self.title)))];
        if !f.authors.is_empty() {
            out.push(("author", Bib::Names(&f.authors)));
        }
        if let Some(y) = self.year() {
            out.push(("year", Bib::Text(Cow::Owned(y))));
        }
        if let Some(id) = &f.arxiv {
            out.push(("eprint", text(id)));
            out.push(("archivePrefix", text("arXiv")));
        }
        if let Some(c) = f.categories.first() {
            out.push(("primaryClass", text(c)));
        }
        if let Some(doi) = &f.doi {
            out.push(("doi", text(doi)));
        }
        if let Some(j) = &f.journal_ref {
            out.push(("journal", text(j)));
        }
        out.push(("abstract", Bib::Text(Cow::Borrowed(&self.abstract_))));
        if !f.keywords.is_empty() {
            out.push(("keywords", Bib::Text(Cow::Owned(f.keywords.join(", ")))));
        }
        out.push(("url", Bib::Verbatim(self.url())));
        let howpublished = match &self.date {
            Some(d) => format!("Daily Papers, {d}"),
            None => "Daily Papers".to_owned(),
        };
        out.push(("howpublished", Bib::Text(Cow::Owned(howpublished))));
        if let Some(n) = &self.note {
            out.push(("note", Bib::Text(Cow::Borrowed(n))));
        }
        out
    }

    /// A citation key: the title's first word, then the paper id (unique).
    pub fn bibtex_key(&self) -> String {
        let word: String = self
            .title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("paper")
            .chars()
            .take(24)
            .collect::<String>()
            .to_ascii_lowercase();
        format!("{word}_{}", self.id)
    }
}

/// One CSV column: its name, and its cell for a paper.
pub type Column = (&'static str, for<'r> fn(&'r Record<'_>) -> Cow<'r, str>);

fn text<'r>(s: &'r Option<String>) -> Cow<'r, str> {
    Cow::Borrowed(s.as_deref().unwrap_or(""))
}

fn number(n: Option<u32>) -> Cow<'static, str> {
    Cow::Owned(n.map(|n| n.to_string()).unwrap_or_default())
}

/// The CSV columns, in order (an unknown fact is an empty cell).
pub const CSV_COLUMNS: [Column; 23] = [
    ("id", |r| Cow::Borrowed(&r.id)),
    ("title", |r| Cow::Borrowed(r.title)),
    ("abstract", |r| Cow::Borrowed(&r.abstract_)),
    ("date", |r| Cow::Borrowed(r.date.as_deref().unwrap_or(""))),
    ("source", |r| Cow::Borrowed(r.source)),
    ("added", |r| Cow::Borrowed(r.added.unwrap_or(""))),
    ("note", |r| Cow::Borrowed(r.note.as_deref().unwrap_or(""))),
    ("arxiv", |r| text(&r.facts.arxiv)),
    ("authors", |r| Cow::Owned(r.facts.authors.join("; "))),
    ("author_count", |r| number(r.facts.author_count)),
    ("upvotes", |r| number(r.facts.upvotes)),
    ("published", |r| text(&r.facts.published)),
    ("url", |r| Cow::Owned(r.url())),
    ("categories", |r| Cow::Owned(r.facts.categories.join(" "))),
    ("comments", |r| text(&r.facts.arxiv_comments)),
    ("journal_ref", |r| text(&r.facts.journal_ref)),
    ("doi", |r| text(&r.facts.doi)),
    ("version", |r| text(&r.facts.version)),
    ("summary", |r| text(&r.facts.summary)),
    ("keywords", |r| Cow::Owned(r.facts.keywords.join("; "))),
    ("stars", |r| number(r.facts.stars)),
    ("organization", |r| text(&r.facts.organization)),
    ("num_comments", |r| number(r.facts.comments)),
];

/// The CSV header: the columns' names.
pub const CSV_HEADER: [&str; CSV_COLUMNS.len()] = {
    let mut names = [""; CSV_COLUMNS.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = CSV_COLUMNS[i].0;
        i += 1;
    }
    names
};

#[cfg(test)]
mod tests {
    use super::*;

    fn paper<'a>(facts: &'a Facts, places: &[String]) -> Record<'a> {
        Record {
            id: "abcdefghjk".into(),
            title: "A b",
            abstract_: "".into(),
            date: Some("Jul 29".into()),
            source: "d.json",
            line: 3,
            places: places.to_vec(),
            added: None,
            note: Some("read\nit  twice".into()),
            facts: Cow::Borrowed(facts),
            kept_links: None,
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

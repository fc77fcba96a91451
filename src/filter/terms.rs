//! A parsed query made ready to match: each term of [`query::Expr`] becomes
//! a test of one paper, and what the store knows (lists, notes, PDFs on
//! disk) comes along as [`Known`].

use std::collections::{HashMap, HashSet};

use super::query::{Atom, CountField, DateBound, Expr, Has, TextField};
use super::{Engine, Scope, Token, contains_folded};
use crate::day::Day;
use crate::digest::{Digest, PaperId};
use crate::store::Snapshot;

/// What the papers' own text does not say: which lists hold them, which
/// carry a note, which have a PDF on disk. `list:`, `has:note` and
/// `has:pdf` ask it.
#[derive(Debug, Default)]
pub struct Known {
    pub lists: HashMap<String, HashSet<PaperId>>,
    pub notes: HashSet<PaperId>,
    /// arXiv ids (no version) with a PDF on disk.
    pub pdfs: HashSet<String>,
}

impl Known {
    /// The lists and notes of the reading lists.
    pub fn from_snapshot(s: &Snapshot) -> Known {
        let mut k = Known::default();
        for (name, entries) in &s.data().lists {
            let ids = entries.iter().filter_map(|e| PaperId::parse(&e.id));
            k.lists.entry(name.to_string()).or_default().extend(ids);
            let noted = entries.iter().filter(|e| e.note.is_some());
            k.notes.extend(noted.filter_map(|e| PaperId::parse(&e.id)));
        }
        k
    }
}

/// One term, ready to test a paper.
#[derive(Clone, Debug)]
pub(super) struct Test {
    pub negated: bool,
    pub kind: Kind,
}

#[derive(Clone, Debug)]
pub(super) enum Kind {
    /// A bare word: fuzzy in the title (positive), a substring (negated).
    Word(Token),
    Phrase(Token),
    Text(TextField, Token),
    List(String),
    Has(Has),
    Count(CountField, super::query::Cmp, u32),
    /// Date keys, both ends included; papers of no known year never match.
    Days(u32, u32),
}

/// How much a test costs, to run the cheap ones first: facts and dates,
/// then fuzzy words (most rejected by the title mask), then substrings.
fn cost(t: &Test) -> u8 {
    match t.kind {
        Kind::Has(_) | Kind::Count(..) | Kind::Days(..) | Kind::List(_) => 0,
        Kind::Word(_) if !t.negated => 1,
        Kind::Text(..) => 2,
        Kind::Word(_) | Kind::Phrase(_) => 3,
    }
}

/// The tests of each OR group, cheapest first.
pub(super) fn compile(expr: &Expr, today: Day) -> Vec<Vec<Test>> {
    let key = |d: Day| d.key();
    expr.groups
        .iter()
        .map(|g| {
            let mut tests: Vec<Test> = g
                .iter()
                .map(|t| Test {
                    negated: t.negated,
                    kind: match &t.atom {
                        Atom::Word(w) => Kind::Word(Token::new(w)),
                        Atom::Phrase(p) => Kind::Phrase(Token::new(p)),
                        Atom::Text(TextField::List, name) => Kind::List(name.clone()),
                        Atom::Text(f, v) => Kind::Text(*f, Token::new(v)),
                        Atom::Has(h) => Kind::Has(*h),
                        Atom::Count(f, c, n) => Kind::Count(*f, *c, *n),
                        Atom::Date(DateBound::After, d) => Kind::Days(key(*d), u32::MAX),
                        Atom::Date(DateBound::Before, d) => Kind::Days(0, key(d.plus(-1))),
                        Atom::Within(r) => {
                            let (from, to) = r.days(today);
                            Kind::Days(key(from), key(to))
                        }
                    },
                })
                .collect();
            tests.sort_by_key(cost);
            tests
        })
        .collect()
}

/// Whether the title (or, at `all` scope, the abstract or an author) holds
/// `t` as a case-insensitive substring; `Some(true)` when the title did.
pub(super) fn text_holds(e: &Engine, i: usize, scope: Scope, t: &Token) -> Option<bool> {
    let d = e.digest();
    if contains_folded(e.title_text(i), t) {
        return Some(true);
    }
    let elsewhere = scope == Scope::All
        && (contains_folded(d.abstract_raw(i), t)
            || d.facts(i).authors.iter().any(|a| contains_folded(a, t)));
    elsewhere.then_some(false)
}

/// Whether paper `i` passes a field test (any kind but words and phrases).
pub(super) fn field_holds(e: &Engine, i: usize, kind: &Kind, known: Option<&Known>) -> bool {
    let d: &Digest = e.digest();
    let f = d.facts(i);
    let id = d.papers()[i].id;
    let any = |names: &[String], t: &Token| names.iter().any(|n| contains_folded(n, t));
    match kind {
        Kind::Word(_) | Kind::Phrase(_) => false,
        Kind::Text(TextField::Author, t) => match e.authors_lower(i) {
            // The engine's lowercased copy, in order in memory.
            Some(names) if t.lower.is_ascii() => {
                memchr::memmem::find(names.as_bytes(), t.lower.as_bytes()).is_some()
            }
            _ => any(&f.authors, t),
        },
        Kind::Text(TextField::Category, t) => any(&f.categories, t),
        Kind::Text(TextField::Keyword, t) => any(&f.keywords, t),
        Kind::Text(TextField::Org, t) => f
            .organization
            .as_deref()
            .is_some_and(|o| contains_folded(o, t)),
        Kind::Text(TextField::Source, t) => from_source(d, i, t),
        Kind::Text(TextField::List, _) => false, // compiled to Kind::List
        Kind::List(name) => {
            known.is_some_and(|k| k.lists.get(name).is_some_and(|l| l.contains(&id)))
        }
        Kind::Has(Has::Code) => f.github.is_some() || f.project.is_some(),
        Kind::Has(Has::Summary) => f.summary.is_some(),
        Kind::Has(Has::Note) => known.is_some_and(|k| k.notes.contains(&id)),
        Kind::Has(Has::Pdf) => {
            known.is_some_and(|k| f.arxiv.as_ref().is_some_and(|a| k.pdfs.contains(a)))
        }
        Kind::Count(CountField::Upvotes, c, n) => f.upvotes.is_some_and(|u| c.test(u, *n)),
        Kind::Count(CountField::Stars, c, n) => f.stars.is_some_and(|s| c.test(s, *n)),
        Kind::Days(from, to) => {
            let k = d.date_key(i);
            k >= 10_000 && (*from..=*to).contains(&k)
        }
    }
}

/// `src:`: a file the paper was read from names it, or it is the family
/// of one's format (`hf`).
fn from_source(d: &Digest, i: usize, t: &Token) -> bool {
    let p = &d.papers()[i];
    std::iter::once(p.origin)
        .chain(p.also.iter().copied())
        .any(|o| {
            contains_folded(d.source_name(o), t)
                || d.format_of(o.source).is_some_and(|f| f.family() == t.lower)
        })
}

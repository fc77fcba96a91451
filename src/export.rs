//! Markdown, BibTeX, JSON and CSV renderings of a reading list.

use std::fmt::Write as _;

pub use crate::digest::facts_view::title_search_url;
use crate::digest::facts_view::{self, Label};
use crate::store::Entry;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// A Markdown checklist with a link per paper
    #[default]
    Md,
    /// One @misc entry per paper
    Bibtex,
    /// An array of paper objects
    Json,
    /// RFC 4180, with a header row
    Csv,
}

/// Where a paper can be read: its arXiv page when its id is known, else an
/// arXiv search for its title.
pub fn paper_url(title: &str, arxiv: Option<&str>) -> String {
    match arxiv {
        Some(id) => format!("https://arxiv.org/abs/{id}"),
        None => title_search_url(title),
    }
}

pub fn render(format: Format, list: &str, entries: &[Entry]) -> String {
    match format {
        Format::Md => markdown(list, entries),
        Format::Bibtex => bibtex(entries),
        Format::Json => json(entries),
        Format::Csv => csv(entries),
    }
}

/// Text for a Markdown link label: brackets, backslashes and emphasis markers
/// would end or restyle it.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A checklist item per paper, its title linked, then the facts as every
/// reader shows them, a line each (the file it was read from, and the
/// links its arXiv id gives, left out: the title links to it).
fn markdown(list: &str, entries: &[Entry]) -> String {
    let mut out = format!("# {}\n\n", md_escape(list));
    for e in entries {
        let _ = writeln!(
            out,
            "- [ ] [{}]({})",
            md_escape(&e.title),
            paper_url(&e.title, e.arxiv.as_deref())
        );
        let facts = e.facts();
        let view = facts_view::facts(
            &facts_view::Paper {
                id: &e.id,
                title: &e.title,
                date: e.date.as_deref(),
                places: &[],
                facts: &facts,
                note: e.note.as_deref(),
            },
            usize::MAX,
        );
        let shown: Vec<_> = view
            .into_iter()
            .filter(|f| match f.label {
                Label::Link(site) => !site.from_arxiv_id(),
                Label::Date => e.date.is_some(),
                _ => true,
            })
            .map(|mut f| {
                f.text = match &f.url {
                    // An autolink keeps the URL as it is; the rest is text.
                    Some(url) => {
                        let rest = f.text.strip_prefix(url.as_str()).unwrap_or("");
                        let url = url.replace('<', "%3C").replace('>', "%3E");
                        format!("<{}>{}", url.replace(' ', "%20"), md_escape(rest))
                    }
                    None => md_escape(&f.text),
                };
                f
            })
            .collect();
        for l in facts_view::lines(&shown) {
            let _ = writeln!(out, "  {l}");
        }
    }
    out
}

/// A BibTeX field value: LaTeX's special characters escaped, so nothing is
/// read as a command, comment or math, and braces stay balanced. A brace
/// becomes `\textbraceleft{}`, not `\{`: BibTeX counts braces before
/// TeX reads escapes, so `\}` would still end the field.
pub fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '%' | '&' | '_' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

/// One author for the `author` field: escaped, and braced whole when the
/// name itself holds an `and` (or a comma), which BibTeX would otherwise
/// take for the next author (or for "Last, First").
fn bibtex_name(name: &str) -> String {
    let escaped = bibtex_escape(name);
    let splits = name.contains(',')
        || name
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("and"));
    if splits {
        format!("{{{escaped}}}")
    } else {
        escaped
    }
}

/// A citation key: the title's first word, then the paper id (unique).
fn bibtex_key(e: &Entry) -> String {
    let word: String = e
        .title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("paper")
        .chars()
        .take(24)
        .collect::<String>()
        .to_ascii_lowercase();
    format!("{word}_{}", e.id)
}

/// The year a paper is from: its own date, else its Daily Papers day,
/// else its new-style arXiv id (`2410.…` is October 2024).
fn year(e: &Entry) -> Option<String> {
    let iso_year = |d: &str| {
        let y = d.get(..4)?;
        (y.bytes().all(|b| b.is_ascii_digit()) && d.get(4..5) == Some("-")).then(|| y.to_owned())
    };
    let written_year = |d: &str| {
        let y = d.rsplit([' ', ',']).next()?;
        (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())).then(|| y.to_owned())
    };
    let from_date = |d: &String| iso_year(d).or_else(|| written_year(d));
    e.published
        .as_ref()
        .and_then(from_date)
        .or_else(|| e.date.as_ref().and_then(from_date))
        .or_else(|| {
            let id = e.arxiv.as_deref()?;
            let yy = id.get(..2).filter(|_| id.get(4..5) == Some("."))?;
            Some(format!("20{yy}"))
        })
}

/// One `@misc` per entry (what `export --format bibtex` writes).
pub fn bibtex(entries: &[Entry]) -> String {
    let mut out = String::new();
    for e in entries {
        let field = |out: &mut String, name: &str, value: &str| {
            let _ = writeln!(out, "  {name} = {{{}}},", bibtex_escape(value));
        };
        let _ = writeln!(out, "@misc{{{},", bibtex_key(e));
        field(&mut out, "title", &e.title);
        if !e.authors.is_empty() {
            let names: Vec<String> = e.authors.iter().map(|a| bibtex_name(a)).collect();
            let _ = writeln!(out, "  author = {{{}}},", names.join(" and "));
        }
        if let Some(y) = year(e) {
            field(&mut out, "year", &y);
        }
        if let Some(id) = &e.arxiv {
            field(&mut out, "eprint", id);
            field(&mut out, "archivePrefix", "arXiv");
        }
        if let Some(c) = e.categories.first() {
            field(&mut out, "primaryClass", c);
        }
        if let Some(doi) = &e.doi {
            field(&mut out, "doi", doi);
        }
        if let Some(j) = &e.journal_ref {
            field(&mut out, "journal", j);
        }
        field(&mut out, "abstract", &e.abstract_);
        if !e.keywords.is_empty() {
            field(&mut out, "keywords", &e.keywords.join(", "));
        }
        // A verbatim field: the URL goes in as it is.
        let _ = writeln!(
            out,
            "  url = {{{}}},",
            paper_url(&e.title, e.arxiv.as_deref())
        );
        let mut howpublished = String::from("Daily Papers");
        if let Some(d) = &e.date {
            let _ = write!(howpublished, ", {d}");
        }
        field(&mut out, "howpublished", &howpublished);
        if let Some(n) = &e.note {
            field(&mut out, "note", n);
        }
        out.push_str("}\n\n");
    }
    out
}

fn json(entries: &[Entry]) -> String {
    let mut s = serde_json::to_string_pretty(entries).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// RFC 4180: CRLF line ends; a field with a comma, quote or line break is
/// quoted, its quotes doubled. A field that a spreadsheet would run as a
/// formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return)
/// gets a `'` in front, as OWASP recommends against CSV injection.
fn csv_field(out: &mut String, s: &str) {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let s: std::borrow::Cow<'_, str> = if formula {
        format!("'{s}").into()
    } else {
        s.into()
    };
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&s);
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 23] = [
    "id",
    "title",
    "abstract",
    "date",
    "source",
    "added",
    "note",
    "arxiv",
    "authors",
    "author_count",
    "upvotes",
    "published",
    "url",
    "categories",
    "comments",
    "journal_ref",
    "doi",
    "version",
    "summary",
    "keywords",
    "stars",
    "organization",
    "num_comments",
];

fn csv(entries: &[Entry]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for e in entries {
        let count = e.author_count.map(|n| n.to_string()).unwrap_or_default();
        let upvotes = e.upvotes.map(|n| n.to_string()).unwrap_or_default();
        let url = paper_url(&e.title, e.arxiv.as_deref());
        let authors = e.authors.join("; ");
        let categories = e.categories.join(" ");
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let (comments, journal, doi, version) = (
            opt(&e.comments),
            opt(&e.journal_ref),
            opt(&e.doi),
            opt(&e.version),
        );
        let keywords = e.keywords.join("; ");
        let stars = e.stars.map(|n| n.to_string()).unwrap_or_default();
        let num_comments = e.num_comments.map(|n| n.to_string()).unwrap_or_default();
        let fields = [
            e.id.as_str(),
            &e.title,
            &e.abstract_,
            e.date.as_deref().unwrap_or(""),
            &e.source,
            &e.added,
            e.note.as_deref().unwrap_or(""),
            e.arxiv.as_deref().unwrap_or(""),
            &authors,
            &count,
            &upvotes,
            e.published.as_deref().unwrap_or(""),
            &url,
            &categories,
            &comments,
            &journal,
            &doi,
            &version,
            e.summary.as_deref().unwrap_or(""),
            &keywords,
            &stars,
            e.organization.as_deref().unwrap_or(""),
            &num_comments,
        ];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, f);
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str) -> Entry {
        Entry {
            id: "abcdefghjk".into(),
            title: title.into(),
            abstract_: "We \"quote\", then\nbreak.".into(),
            date: Some("Jul 29".into()),
            source: "d.txt".into(),
            line: 3,
            added: "2026-01-01T00:00:00Z".into(),
            ..Entry::default()
        }
    }

    #[test]
    fn url_is_percent_encoded() {
        assert_eq!(
            paper_url("A b&c", None),
            "https://arxiv.org/search/?query=A+b%26c&searchtype=title"
        );
        assert_eq!(
            paper_url("A", Some("2410.05434")),
            "https://arxiv.org/abs/2410.05434"
        );
    }

    #[test]
    fn bibtex_has_the_papers_identity() {
        let mut e = entry("Scaling");
        e.arxiv = Some("2410.05434".into());
        e.authors = vec!["Ada Lovelace".into(), "Alan Turing".into()];
        e.note = Some("50% done".into());
        let b = render(Format::Bibtex, "x", &[e.clone()]);
        for want in [
            "  author = {Ada Lovelace and Alan Turing},\n",
            "  year = {2024},\n",
            "  eprint = {2410.05434},\n",
            "  archivePrefix = {arXiv},\n",
            "  url = {https://arxiv.org/abs/2410.05434},\n",
            "  note = {50\\% done},\n",
        ] {
            assert!(b.contains(want), "{want} in\n{b}");
        }
        e.published = Some("2023-12-01".into());
        assert_eq!(year(&e).as_deref(), Some("2023"));
        e.categories = vec!["cs.CL".into(), "cs.AI".into()];
        e.doi = Some("10.1/x_y".into());
        e.journal_ref = Some("J. Foo 1 (2026)".into());
        let b = render(Format::Bibtex, "x", &[e.clone()]);
        for want in [
            "  primaryClass = {cs.CL},\n",
            "  doi = {10.1/x\\_y},\n",
            "  journal = {J. Foo 1 (2026)},\n",
        ] {
            assert!(b.contains(want), "{want} in\n{b}");
        }
        e.published = Some("Oct 4, 2022".into());
        assert_eq!(year(&e).as_deref(), Some("2022"));
    }

    #[test]
    fn bibtex_escapes_specials() {
        assert_eq!(
            bibtex_escape(r"50% {a}&b_c #1 $x$ ~^\"),
            r"50\% \textbraceleft{}a\textbraceright{}\&b\_c \#1 \$x\$ \textasciitilde{}\textasciicircum{}\textbackslash{}"
        );
    }

    #[test]
    fn bibtex_fields_stay_whole_whatever_the_text() {
        let mut e = entry("A } and {B");
        e.authors = vec!["A } and {B".into(), "C, D".into(), "Ed Sand".into()];
        e.abstract_ = "x}y{z}}".into();
        let bib = render(Format::Bibtex, "x", &[e]);
        let parsed = biblatex::Bibliography::parse(&bib).expect("parses");
        let entry = parsed.iter().next().expect("one entry");
        let authors = entry.author().expect("authors");
        assert_eq!(authors.len(), 3, "{bib}");
        let fields = entry.fields.keys().cloned().collect::<Vec<_>>();
        assert!(fields.contains(&"howpublished".to_string()), "{fields:?}");
    }

    #[test]
    fn csv_cells_that_would_be_formulas_are_neutralised() {
        let mut e = entry("=HYPERLINK(\"http://x\")");
        e.note = Some("@SUM(A1)".into());
        e.abstract_ = "-2+3".into();
        e.authors = vec!["+cmd".into()];
        let c = render(Format::Csv, "x", &[e]);
        let row = c.lines().nth(1).unwrap();
        for cell in [
            "\"'=HYPERLINK(\"\"http://x\"\")\"",
            "'-2+3",
            "'@SUM(A1)",
            "'+cmd",
        ] {
            assert!(row.contains(cell), "{cell} in {row}");
        }
    }

    #[test]
    fn markdown_checklist() {
        let md = render(Format::Md, "bookmarks", &[entry("A [b]")]);
        assert_eq!(
            md,
            "# bookmarks\n\n- [ ] [A \\[b\\]](https://arxiv.org/search/?query=A+%5Bb%5D&searchtype=title)\n  abcdefghjk · Jul 29\n"
        );
    }

    #[test]
    fn the_sites_facts_in_every_format() {
        let mut e = entry("Scaling");
        e.summary = Some("It scales, 10x.".into());
        e.keywords = vec!["scaling laws".into(), "MoE_routing".into()];
        e.stars = Some(251);
        e.organization = Some("MiniMax".into());
        e.num_comments = Some(4);
        let md = render(Format::Md, "x", &[e.clone()]);
        assert!(md.contains("\n  It scales, 10x.\n"), "{md}");
        assert!(
            md.contains("\n  Keywords: scaling laws, MoE\\_routing\n"),
            "{md}"
        );
        let b = render(Format::Bibtex, "x", &[e.clone()]);
        assert!(
            b.contains("  keywords = {scaling laws, MoE\\_routing},\n"),
            "{b}"
        );
        let c = render(Format::Csv, "x", &[e.clone()]);
        assert!(
            c.ends_with(",\"It scales, 10x.\",scaling laws; MoE_routing,251,MiniMax,4\r\n"),
            "{c}"
        );
        let j: serde_json::Value = serde_json::from_str(&render(Format::Json, "x", &[e])).unwrap();
        assert_eq!(j[0]["summary"], "It scales, 10x.");
        assert_eq!(
            j[0]["keywords"],
            serde_json::json!(["scaling laws", "MoE_routing"])
        );
        assert_eq!(j[0]["stars"], 251);
        assert_eq!(j[0]["organization"], "MiniMax");
        assert_eq!(j[0]["num_comments"], 4);
    }

    #[test]
    fn csv_quotes_when_needed() {
        let c = render(Format::Csv, "x", &[entry("Plain")]);
        assert_eq!(
            c,
            "id,title,abstract,date,source,added,note,arxiv,authors,author_count,upvotes,published,url,categories,comments,journal_ref,doi,version,\
             summary,keywords,stars,organization,num_comments\r\n\
             abcdefghjk,Plain,\"We \"\"quote\"\", then\nbreak.\",Jul 29,d.txt,2026-01-01T00:00:00Z,,,,,,,\
             https://arxiv.org/search/?query=Plain&searchtype=title,,,,,,,,,,\r\n"
        );
    }
}

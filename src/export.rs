//! Markdown, BibTeX, JSON and CSV renderings of a reading list: each
//! writes what the one facts view (`digest/facts_view`) gives of a
//! paper, and adds only its own syntax.

use std::fmt::Write as _;

use crate::digest::facts_view::CSV_HEADER;
use crate::digest::facts_view::{self, Bib, CSV_COLUMNS, Label, Record};
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
        let r = e.record();
        let _ = writeln!(out, "- [ ] [{}]({})", md_escape(r.title), r.url());
        let shown: Vec<_> = facts_view::facts(&r, usize::MAX)
            .into_iter()
            .filter(|f| match f.label {
                Label::Link(site) => !site.from_arxiv_id(),
                Label::Date => r.date.is_some(),
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

/// One `@misc` per entry (what `export --format bibtex` writes).
pub fn bibtex(entries: &[Entry]) -> String {
    bibtex_with_files(entries, &|_| None)
}

/// [`bibtex`], with a `file` field for each entry `pdf_of` finds a PDF on
/// disk for (a path Zotero and JabRef attach; left out when it holds a
/// character that field cannot carry: `{}` `\` `;` `:`).
pub fn bibtex_with_files(
    entries: &[Entry],
    pdf_of: &dyn Fn(&Entry) -> Option<std::path::PathBuf>,
) -> String {
    let mut out = String::new();
    for e in entries {
        let r = e.record();
        let _ = writeln!(out, "@misc{{{},", r.bibtex_key());
        for (name, value) in r.bibtex_fields() {
            let value = match value {
                Bib::Text(t) => bibtex_escape(&t),
                Bib::Names(names) => {
                    let names: Vec<String> = names.iter().map(|a| bibtex_name(a)).collect();
                    names.join(" and ")
                }
                // A verbatim field: the URL goes in as it is.
                Bib::Verbatim(v) => v,
            };
            let _ = writeln!(out, "  {name} = {{{value}}},");
        }
        let file = pdf_of(e).and_then(|p| p.to_str().map(str::to_owned));
        if let Some(f) = file.filter(|f| !f.contains(['{', '}', '\\', ';', ':'])) {
            // Verbatim, as the url: a path is not TeX.
            let _ = writeln!(out, "  file = {{{f}}},");
        }
        out.push_str("}\n\n");
    }
    out
}

fn json(entries: &[Entry]) -> String {
    let records: Vec<Record> = entries.iter().map(Entry::record).collect();
    let papers: Vec<_> = records.iter().map(Record::saved_json).collect();
    let mut s = serde_json::to_string_pretty(&papers).unwrap_or_else(|_| "[]".into());
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

fn csv(entries: &[Entry]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for e in entries {
        let r = e.record();
        for (i, (_, cell)) in CSV_COLUMNS.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, &cell(&r));
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::facts_view::paper_url;

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
        assert_eq!(e.record().year().as_deref(), Some("2023"));
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
        assert_eq!(e.record().year().as_deref(), Some("2022"));
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

    /// A saved paper is the paper it was: its entry gives every output
    /// what the digest's paper gives (but for where it was read, and when
    /// it was saved).
    #[test]
    fn a_saved_paper_is_written_as_the_paper_it_was() {
        let fixtures: [(&str, &[u8]); 3] = [
            ("daily.json", include_bytes!("../tests/fixtures/daily.json")),
            (
                "api.json",
                include_bytes!("../tests/fixtures/api-2026-06-12.json"),
            ),
            (
                "arxiv.xml",
                include_bytes!("../tests/fixtures/arxiv-api.xml"),
            ),
        ];
        let cells = |r: &Record| -> Vec<String> {
            CSV_COLUMNS
                .iter()
                .filter(|(name, _)| *name != "added")
                .map(|(_, cell)| cell(r).into_owned())
                .collect()
        };
        let mut seen = 0;
        for (name, bytes) in fixtures {
            let d = crate::digest::Digest::parse(name, bytes);
            for i in 0..d.len() {
                let entry = Entry::from_paper(&d.get(i));
                let saved = entry.record();
                let mut read = Record::of_paper(&d, i);
                read.places.clear();
                let lines = |r: &Record| facts_view::lines(&facts_view::facts(r, usize::MAX));
                assert_eq!(lines(&read), lines(&saved), "{name} {i}");
                assert_eq!(cells(&read), cells(&saved), "{name} {i}");
                assert_eq!(read.bibtex_fields(), saved.bibtex_fields(), "{name} {i}");
                seen += 1;
            }
        }
        assert!(seen >= 8, "{seen} papers");
    }

    /// `export --format json` writes each entry as lists.json keeps it:
    /// every field, the links as they were saved (not made again from
    /// the arXiv id), so a field added to `Entry` is exported too.
    #[test]
    fn the_json_export_is_the_entry_as_kept() {
        let d = crate::digest::Digest::parse(
            "daily.json",
            include_bytes!("../tests/fixtures/daily.json"),
        );
        let mut entries: Vec<Entry> = (0..d.len()).map(|i| Entry::from_paper(&d.get(i))).collect();
        entries[0].note = Some("read it".into());
        // Kept links the arXiv id would not give (a list from elsewhere).
        entries[1].arxiv = None;
        entries[1].links.paper = Some("https://huggingface.co/papers/x".into());
        let kept = serde_json::to_value(&entries).unwrap();
        let exported: serde_json::Value =
            serde_json::from_str(&render(Format::Json, "x", &entries)).unwrap();
        assert_eq!(exported, kept);
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

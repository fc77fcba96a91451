//! Markdown, BibTeX, JSON and CSV renderings of a reading list.

use std::fmt::Write as _;

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

/// Where a paper can be found: an arXiv title search (digests carry no links).
pub fn paper_url(title: &str) -> String {
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

fn markdown(list: &str, entries: &[Entry]) -> String {
    let mut out = format!("# {}\n\n", md_escape(list));
    for e in entries {
        let _ = write!(
            out,
            "- [ ] [{}]({})",
            md_escape(&e.title),
            paper_url(&e.title)
        );
        if let Some(d) = &e.date {
            let _ = write!(out, " ({})", md_escape(d));
        }
        out.push('\n');
        if let Some(n) = &e.note {
            let _ = writeln!(out, "  {}", md_escape(n));
        }
    }
    out
}

/// A BibTeX field value: LaTeX's special characters escaped, so braces stay
/// balanced and nothing is read as a command, comment or math.
pub fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '_' | '#' | '$' => {
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

fn bibtex(entries: &[Entry]) -> String {
    let mut out = String::new();
    for e in entries {
        let _ = writeln!(out, "@misc{{{},", bibtex_key(e));
        let _ = writeln!(out, "  title = {{{}}},", bibtex_escape(&e.title));
        let _ = writeln!(out, "  abstract = {{{}}},", bibtex_escape(&e.abstract_));
        // A verbatim field: the URL goes in as it is.
        let _ = writeln!(out, "  url = {{{}}},", paper_url(&e.title));
        let mut note = String::from("Daily Papers");
        if let Some(d) = &e.date {
            let _ = write!(note, ", {d}");
        }
        if let Some(n) = &e.note {
            let _ = write!(note, ". {n}");
        }
        let _ = writeln!(out, "  note = {{{}}},", bibtex_escape(&note));
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
/// quoted, its quotes doubled.
fn csv_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn csv(entries: &[Entry]) -> String {
    let mut out = String::from("id,title,abstract,date,source,added,note\r\n");
    for e in entries {
        let fields = [
            e.id.as_str(),
            &e.title,
            &e.abstract_,
            e.date.as_deref().unwrap_or(""),
            &e.source,
            &e.added,
            e.note.as_deref().unwrap_or(""),
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
            note: None,
        }
    }

    #[test]
    fn url_is_percent_encoded() {
        assert_eq!(
            paper_url("A b&c"),
            "https://arxiv.org/search/?query=A+b%26c&searchtype=title"
        );
    }

    #[test]
    fn bibtex_escapes_specials() {
        assert_eq!(
            bibtex_escape(r"50% {a}&b_c #1 $x$ ~^\"),
            r"50\% \{a\}\&b\_c \#1 \$x\$ \textasciitilde{}\textasciicircum{}\textbackslash{}"
        );
    }

    #[test]
    fn markdown_checklist() {
        let md = render(Format::Md, "bookmarks", &[entry("A [b]")]);
        assert_eq!(
            md,
            "# bookmarks\n\n- [ ] [A \\[b\\]](https://arxiv.org/search/?query=A+%5Bb%5D&searchtype=title) (Jul 29)\n"
        );
    }

    #[test]
    fn csv_quotes_when_needed() {
        let c = render(Format::Csv, "x", &[entry("Plain")]);
        assert_eq!(
            c,
            "id,title,abstract,date,source,added,note\r\nabcdefghjk,Plain,\"We \"\"quote\"\", then\nbreak.\",Jul 29,d.txt,2026-01-01T00:00:00Z,\r\n"
        );
    }
}

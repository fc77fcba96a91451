//! Key-value digests that scripts write: records of `Title:`, `PDF:` /
//! `URL:` / `Link:`, `Summary:` / `Abstract:`, `Authors:`, `Date:` lines
//! (keys in any case), separated by `---` lines or blank lines.
//!
//! A value runs on over the lines after it until the next key; a summary
//! whose line breaks a script deleted keeps its words as written.

use super::arxiv::{MOST_AUTHORS, add_category, id_and_version, iso_day, split_authors};
use super::facts::Facts;
use super::{Diagnostic, Read, ReadPaper};

/// The keys read; any other `Key:` line is passed over.
const KEYS: [&str; 13] = [
    "title",
    "pdf",
    "url",
    "link",
    "summary",
    "abstract",
    "authors",
    "author",
    "date",
    "arxiv",
    "id",
    "categories",
    "comments",
];

/// The key of a `Key: value` line (lowercased), and its value.
fn key_line(l: &str) -> Option<(String, &str)> {
    let (k, v) = l.split_once(':')?;
    let ok = !k.is_empty()
        && k.len() <= 24
        && k.starts_with(|c: char| c.is_ascii_alphabetic())
        && k.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-');
    // `https://…` is a link, not a key.
    (ok && !v.starts_with("//")).then(|| (k.to_ascii_lowercase(), v.trim()))
}

/// What the recogniser asks: a `Title:` line and another known key, at
/// the start of lines, after any front matter (a capture's `title:` and
/// `url:` say what the page was, not a paper).
pub(super) fn is_kv(t: &str) -> bool {
    let t = super::grammar::front_matter(t).map_or(t, |(len, _)| &t[len..]);
    let (mut titles, mut others) = (0, 0);
    for l in t.lines().take(2000) {
        match key_line(l) {
            Some((k, _)) if k == "title" => titles += 1,
            Some((k, _)) if KEYS[1..].contains(&k.as_str()) => others += 1,
            _ => {}
        }
    }
    titles >= 1 && others >= 1
}

/// One record as read.
#[derive(Default)]
struct Record {
    line: u32,
    fields: Vec<(String, String)>,
}

impl Record {
    fn has(&self, key: &str) -> bool {
        self.fields.iter().any(|(k, _)| k == key)
    }
}

pub(super) fn read(name: &str, text: &str) -> Read {
    let mut out = Read::default();
    let dashed = text.lines().any(is_rule);
    let mut records: Vec<Record> = Vec::new();
    let mut cur = Record::default();
    // Whether a blank line has ended the current value.
    let mut gap = false;
    for (n, l) in text.lines().enumerate() {
        let line = n as u32 + 1;
        if is_rule(l) {
            records.push(std::mem::take(&mut cur));
            gap = false;
            continue;
        }
        if l.trim().is_empty() {
            gap = true;
            continue;
        }
        match key_line(l) {
            Some((k, v)) if KEYS.contains(&k.as_str()) || !cur.fields.is_empty() => {
                // A new title, or a key after a blank line where blank lines
                // part records, starts the next record.
                let next = (k == "title" && cur.has("title"))
                    || (gap && !dashed && !cur.fields.is_empty());
                if next {
                    records.push(std::mem::take(&mut cur));
                }
                if cur.fields.is_empty() {
                    cur.line = line;
                }
                cur.fields.push((k, v.to_owned()));
            }
            _ => {
                // A value that runs on; a blank line inside it stays a break.
                if let Some((_, v)) = cur.fields.last_mut() {
                    v.push_str(if gap { "\n\n" } else { "\n" });
                    v.push_str(l.trim());
                }
            }
        }
        gap = false;
    }
    records.push(cur);
    for r in records.into_iter().filter(|r| !r.fields.is_empty()) {
        record(name, r, &mut out);
    }
    out
}

/// `---` (three or more dashes alone on a line).
fn is_rule(l: &str) -> bool {
    let t = l.trim();
    t.len() >= 3 && t.bytes().all(|c| c == b'-')
}

fn record(name: &str, r: Record, out: &mut Read) {
    let mut facts = Facts::default();
    let (mut title, mut abstract_, mut date) = (None, None, None);
    for (k, v) in &r.fields {
        match k.as_str() {
            "title" => title = Some(v.as_str()),
            "summary" | "abstract" => abstract_ = Some(v.as_str()),
            "pdf" | "url" | "link" | "arxiv" | "id" => {
                if let Some((id, version)) = id_and_version(v) {
                    facts.arxiv.get_or_insert(id);
                    if facts.version.is_none() {
                        facts.version = version;
                    }
                } else if v.starts_with("https://github.com/") {
                    facts.github.get_or_insert_with(|| v.clone());
                }
            }
            "authors" | "author" => {
                facts.authors = split_authors(&super::sanitize::clean_markup(v));
                facts.authors.truncate(MOST_AUTHORS);
                facts.author_count =
                    (!facts.authors.is_empty()).then_some(facts.authors.len() as u32);
            }
            "date" => date = iso_day(v),
            "categories" => {
                for c in v.split([' ', ',']) {
                    add_category(&mut facts.categories, c);
                }
            }
            "comments" => facts.arxiv_comments = Some(super::sanitize::clean_markup(v)),
            _ => {}
        }
    }
    let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
        out.diagnostics.push(Diagnostic::warning(
            name,
            Some(r.line),
            "record skipped: it has no Title:",
        ));
        return;
    };
    let title = out.put_clean(title);
    let abstract_ = out.put(abstract_.unwrap_or("").trim());
    let date = date.map(|d| out.put(&d));
    out.papers.push(ReadPaper {
        title,
        abstract_,
        date,
        line: r.line,
        facts,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines() {
        assert_eq!(key_line("Title: A"), Some(("title".into(), "A")));
        assert_eq!(
            key_line("PDF: https://arxiv.org/pdf/1"),
            Some(("pdf".into(), "https://arxiv.org/pdf/1"))
        );
        assert_eq!(key_line("https://x.org"), None);
        assert_eq!(key_line("We show: that"), None);
    }

    #[test]
    fn records_parted_by_blank_lines() {
        let r = read(
            "d.txt",
            "TITLE: One\nurl: https://arxiv.org/abs/2601.00001v2\nabstract: First\nline.\n\nTitle: Two\nSummary: Second.\n",
        );
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert_eq!(r.papers.len(), 2);
        assert_eq!(r.get(&r.papers[0].abstract_), "First\nline.");
        assert_eq!(r.papers[0].facts.version.as_deref(), Some("v2"));
        assert_eq!(r.get(&r.papers[1].title), "Two");
        assert_eq!(r.papers[1].line, 6);
    }
}

//! The Hugging Face daily papers API's JSON (`/api/daily_papers?date=…`):
//! an array of items, or JSON Lines of the same items, read with serde.
//! Unknown fields are ignored and missing ones are fine; an item of the
//! wrong shape is a diagnostic naming its line, not the end of the file.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::diagnostics::LineCounter;
use super::facts::{Facts, arxiv_from_url, is_arxiv_id};
use super::sanitize::clean_markup;
use super::{Diagnostic, Read, ReadPaper, grammar};

/// One item of the daily list: the paper, and what the list adds to it.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Item {
    paper: Option<PaperJson>,
    title: Option<String>,
    summary: Option<String>,
    published_at: Option<String>,
    num_comments: Option<u32>,
    // Papers listed without the item around them carry these at the top.
    id: Option<String>,
    authors: Option<Vec<Author>>,
    submitted_on_daily_at: Option<String>,
    upvotes: Option<i64>,
    github_repo: Option<String>,
    project_page: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PaperJson {
    id: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    authors: Option<Vec<Author>>,
    published_at: Option<String>,
    submitted_on_daily_at: Option<String>,
    upvotes: Option<i64>,
    github_repo: Option<String>,
    project_page: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Author {
    name: Option<String>,
}

/// Reads a whole JSON document: an array of items, one item, or JSON Lines.
pub(super) fn read(name: &str, text: &str) -> Read {
    let mut out = Read::default();
    let mut lines = LineCounter::new(text);
    let body = text.trim_start_matches('\u{feff}');
    let offset = text.len() - body.len();
    match serde_json::from_str::<Vec<&RawValue>>(body) {
        Ok(items) => {
            for raw in items {
                let at = raw.get().as_ptr() as usize - text.as_ptr() as usize;
                item(name, raw.get(), lines.line_at(at), &mut out);
            }
        }
        Err(array_error) if body.trim_start().starts_with('[') => {
            out.diagnostics.push(Diagnostic::error(
                name,
                Some(array_error.line() as u32 + line_of(text, offset) - 1),
                format!("not valid JSON: {}", without_position(&array_error)),
            ));
        }
        Err(_) => {
            if let Some(why) = foreign_object(body) {
                out.diagnostics.push(Diagnostic::error(name, None, why));
            } else {
                json_lines(name, text, &mut out);
            }
        }
    }
    out
}

/// Says what a single JSON object is when it is no item of papers (no
/// `paper`, `title` or `id` key): a package manifest, a settings file.
fn foreign_object(body: &str) -> Option<String> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(body).ok()?;
    if ["paper", "title", "id"]
        .iter()
        .any(|k| map.contains_key(*k))
    {
        return None;
    }
    let keys: Vec<&str> = map.keys().take(6).map(String::as_str).collect();
    let more = if map.len() > keys.len() { ", …" } else { "" };
    Some(format!(
        "JSON that is neither the daily papers API's items nor a feed (an object with keys {}{more})",
        keys.join(", ")
    ))
}

/// serde's message without its "at line L column C" (the diagnostic names
/// the line in the file instead).
fn without_position(e: &serde_json::Error) -> String {
    let m = e.to_string();
    match m.rfind(" at line ") {
        Some(i) => m[..i].to_owned(),
        None => m,
    }
}

/// The line an offset is on (1-based).
fn line_of(text: &str, at: usize) -> u32 {
    LineCounter::new(text).line_at(at)
}

/// JSON Lines: an item per line (one document per line, blank lines
/// skipped); a bad line is a diagnostic for that line.
fn json_lines(name: &str, text: &str, out: &mut Read) {
    let stream = serde_json::Deserializer::from_str(text).into_iter::<&RawValue>();
    let mut lines = LineCounter::new(text);
    let mut at = 0;
    for next in stream {
        match next {
            Ok(raw) => {
                let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
                at = start + raw.get().len();
                item(name, raw.get(), lines.line_at(start), out);
            }
            Err(e) => {
                let line = lines.line_at(at) + e.line().saturating_sub(1) as u32;
                out.diagnostics.push(Diagnostic::error(
                    name,
                    Some(line.max(1)),
                    format!("not valid JSON: {}", without_position(&e)),
                ));
                return;
            }
        }
    }
}

/// Reads one item (of a file, or of a saved page's data), or says why it could not be read.
pub(super) fn item(name: &str, raw: &str, line: u32, out: &mut Read) {
    let parsed: Item = match serde_json::from_str(raw) {
        Ok(i) => i,
        Err(e) => {
            out.diagnostics.push(Diagnostic::warning(
                name,
                Some(line + e.line().saturating_sub(1) as u32),
                format!("item skipped: {}", without_position(&e)),
            ));
            return;
        }
    };
    match paper(parsed, line, out) {
        Some(p) => out.papers.push(p),
        None => out.diagnostics.push(Diagnostic::warning(
            name,
            Some(line),
            "item skipped: it has no title",
        )),
    }
}

/// Text from the API: entities decoded, inline tags dropped, white space
/// collapsed (control characters were removed from the whole file).
fn text(s: &str) -> String {
    clean_markup(s)
}

/// The paper of an item, its texts put in `out`'s arena.
fn paper(item: Item, line: u32, out: &mut Read) -> Option<ReadPaper> {
    let p = item.paper.unwrap_or_default();
    let title = p.title.or(item.title)?;
    let title = out.put_clean(&title);
    if title.is_empty() {
        return None;
    }
    let abstract_ = out.put_clean(p.summary.or(item.summary).as_deref().unwrap_or(""));
    // The day it was on the Daily Papers: when it was submitted there, else
    // when it was published.
    let daily = p
        .submitted_on_daily_at
        .or(item.submitted_on_daily_at)
        .or(item.published_at);
    let date = daily
        .as_deref()
        .filter(|d| grammar::iso_date_key(d).is_some())
        .map(|d| out.put(&d[..10]));
    let id = p.id.or(item.id).map(|id| id.trim().to_owned());
    // Some copies hold a URL where the id goes.
    let arxiv = id.and_then(|id| {
        if is_arxiv_id(&id) {
            Some(id)
        } else {
            arxiv_from_url(&id)
        }
    });
    let authors: Vec<String> = p
        .authors
        .or(item.authors)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|a| a.name.map(|n| text(&n)))
        .filter(|n| !n.is_empty())
        .collect();
    let upvotes = p
        .upvotes
        .or(item.upvotes)
        .and_then(|u| u32::try_from(u).ok());
    let published = p
        .published_at
        .filter(|d| grammar::iso_date_key(d).is_some())
        .map(|d| d[..10].to_owned());
    let facts = Facts {
        arxiv,
        author_count: (!authors.is_empty()).then_some(authors.len() as u32),
        authors,
        upvotes,
        published,
        comments: item.num_comments,
        github: p
            .github_repo
            .or(item.github_repo)
            .filter(|u| u.starts_with("http")),
        project: p
            .project_page
            .or(item.project_page)
            .filter(|u| u.starts_with("http")),
        ..Facts::default()
    };
    Some(ReadPaper {
        title,
        abstract_,
        date,
        line,
        facts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: &str = r#"{
  "paper": {
    "id": "2410.05434",
    "authors": [{"_id": "x", "name": "Ada Lovelace", "hidden": false}, {"name": "Alan  Turing", "hidden": true}],
    "publishedAt": "2024-10-04T17:59:58.000Z",
    "submittedOnDailyAt": "2024-10-07T00:41:46.617Z",
    "title": "Scaling &amp; <i>Laws</i>",
    "summary": "We study\n  scaling.",
    "upvotes": 12,
    "githubRepo": "https://github.com/a/b",
    "discussionId": "670"
  },
  "publishedAt": "2024-10-07T00:41:46.617Z",
  "title": "Scaling & Laws",
  "numComments": 3,
  "submittedBy": {"name": "akhaliq"}
}"#;

    #[test]
    fn an_item_gives_every_fact() {
        let r = read("d.json", &format!("[{ITEM}]"));
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        let p = &r.papers[0];
        assert_eq!(r.get(&p.title), "Scaling & Laws");
        assert_eq!(r.get(&p.abstract_), "We study scaling.");
        assert_eq!(p.date.as_ref().map(|d| r.get(d)), Some("2024-10-07"));
        assert_eq!(p.line, 1);
        let f = &p.facts;
        assert_eq!(f.arxiv.as_deref(), Some("2410.05434"));
        assert_eq!(f.authors, ["Ada Lovelace", "Alan Turing"]);
        assert_eq!((f.upvotes, f.comments), (Some(12), Some(3)));
        assert_eq!(f.published.as_deref(), Some("2024-10-04"));
        assert_eq!(f.github.as_deref(), Some("https://github.com/a/b"));
    }

    #[test]
    fn a_bad_item_is_a_diagnostic_not_the_end() {
        let text = format!(
            "[\n{ITEM},\n{{\"paper\": {{\"title\": 7}}}},\n{{\"paper\": {{\"title\": \"Second\"}}}}\n]"
        );
        let r = read("d.json", &text);
        assert_eq!(r.papers.len(), 2);
        assert_eq!(r.diagnostics.len(), 1);
        let d = &r.diagnostics[0];
        assert_eq!(d.line, Some(19), "{d}");
        assert!(d.message.contains("invalid type"), "{d}");
    }

    #[test]
    fn json_lines_read_too() {
        let one = ITEM.replace('\n', " ");
        let text = format!("{one}\n\n{{\"title\": \"Top Level\", \"summary\": \"S.\"}}\n");
        let r = read("d.jsonl", &text);
        assert_eq!(r.papers.len(), 2);
        assert_eq!(r.get(&r.papers[1].title), "Top Level");
        assert_eq!(r.papers[1].line, 3);
    }

    #[test]
    fn broken_json_names_its_line() {
        let r = read("d.json", "[\n{\"title\": \"A\"},\n{\"title\": \n");
        assert!(r.papers.is_empty());
        assert_eq!(r.diagnostics[0].line, Some(4), "{}", r.diagnostics[0]);
    }
}

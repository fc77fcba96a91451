//! The Hugging Face daily papers API's JSON (`/api/daily_papers?date=…`):
//! an array of items, or JSON Lines of the same items, read with serde.
//! Unknown fields are ignored and missing ones are fine; an item of the
//! wrong shape is a diagnostic naming its line, not the end of the file.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::diagnostics::LineCounter;
use super::facts::{Facts, arxiv_from_url, is_arxiv_id, is_web_url};
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
    num_comments: Loose<u64>,
    thumbnail: Loose<String>,
    // Papers listed without the item around them (`/api/papers/ID`) carry
    // these at the top.
    id: Option<String>,
    authors: Option<Vec<Author>>,
    submitted_on_daily_at: Option<String>,
    upvotes: Option<i64>,
    github_repo: Option<String>,
    project_page: Option<String>,
    #[serde(rename = "ai_summary")]
    ai_summary: Loose<String>,
    #[serde(rename = "ai_keywords")]
    ai_keywords: Loose<Vec<String>>,
    github_stars: Loose<u64>,
    organization: Loose<Organization>,
    media_urls: Loose<Vec<String>>,
}

/// What the site adds about a paper (2025 on), on the paper or on the item
/// around it (the same fields in both, spelled out there: serde's flatten
/// would buffer every item). Each is read on its own: one of the wrong type
/// is left out with a warning, and the paper is still read.
struct Site {
    ai_summary: Loose<String>,
    ai_keywords: Loose<Vec<String>>,
    github_stars: Loose<u64>,
    organization: Loose<Organization>,
    media_urls: Loose<Vec<String>>,
}

macro_rules! site_of {
    ($x:expr) => {
        Site {
            ai_summary: std::mem::take(&mut $x.ai_summary),
            ai_keywords: std::mem::take(&mut $x.ai_keywords),
            github_stars: std::mem::take(&mut $x.github_stars),
            organization: std::mem::take(&mut $x.organization),
            media_urls: std::mem::take(&mut $x.media_urls),
        }
    };
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Organization {
    fullname: Option<String>,
    name: Option<String>,
}

/// A field that may be missing, or of the wrong type, without making the
/// item unreadable.
#[derive(Default)]
enum Loose<T> {
    #[default]
    Missing,
    Known(T),
    /// Present with a value of the wrong type.
    Wrong,
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Loose<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        if v.is_null() {
            return Ok(Loose::Missing);
        }
        Ok(T::deserialize(v).map_or(Loose::Wrong, Loose::Known))
    }
}

impl<T> Loose<T> {
    /// This field, else the other's; a wrong one's name goes in `wrong`.
    fn or(self, other: Loose<T>, name: &'static str, wrong: &mut Vec<&'static str>) -> Option<T> {
        let is_wrong = matches!(self, Loose::Wrong) || matches!(other, Loose::Wrong);
        let known = match (self, other) {
            (Loose::Known(v), _) | (_, Loose::Known(v)) => Some(v),
            _ => None,
        };
        if is_wrong && known.is_none() {
            wrong.push(name);
        }
        known
    }
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
    #[serde(rename = "ai_summary")]
    ai_summary: Loose<String>,
    #[serde(rename = "ai_keywords")]
    ai_keywords: Loose<Vec<String>>,
    github_stars: Loose<u64>,
    organization: Loose<Organization>,
    media_urls: Loose<Vec<String>>,
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
    // Only when it read badly (so a good file costs nothing): a document
    // nested past any paper's shape says so, not "item skipped".
    if out.papers.is_empty()
        && let Some(at) = too_deep(text.as_bytes())
    {
        out.diagnostics.clear();
        out.diagnostics.push(Diagnostic::error(
            name,
            Some(line_of(text, at)),
            format!("not valid JSON: nested too deeply (over {MOST_DEPTH} levels)"),
        ));
    }
    out
}

/// Deeper than any item of the API's shape would ever go.
const MOST_DEPTH: usize = 128;

/// Where a JSON text first nests deeper than [`MOST_DEPTH`], strings
/// skipped.
fn too_deep(b: &[u8]) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &c) in b.iter().enumerate() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MOST_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
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
    if m.starts_with("recursion limit exceeded") {
        // serde_json stops at 128 levels, long before the stack would.
        return "nested too deeply".to_owned();
    }
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
    let mut wrong = Vec::new();
    let read = paper(parsed, line, out, &mut wrong);
    if !wrong.is_empty() && read.is_some() {
        out.diagnostics.push(Diagnostic::warning(
            name,
            Some(line),
            format!(
                "{} of the wrong type; the paper is read without {}",
                wrong.join(", "),
                if wrong.len() == 1 { "it" } else { "them" }
            ),
        ));
    }
    match read {
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

/// The paper of an item, its texts put in `out`'s arena; the names of
/// fields of the wrong type go in `wrong`.
fn paper(
    mut item: Item,
    line: u32,
    out: &mut Read,
    wrong: &mut Vec<&'static str>,
) -> Option<ReadPaper> {
    let mut p = item.paper.take().unwrap_or_default();
    let site = site_facts(
        site_of!(p),
        site_of!(item),
        std::mem::take(&mut item.thumbnail),
        wrong,
    );
    let comments = std::mem::take(&mut item.num_comments)
        .or(Loose::Missing, "numComments", wrong)
        .map(|n| u32::try_from(n).unwrap_or(u32::MAX));
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
        .and_then(|d| d.get(..10).map(|day| out.put(day)));
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
        comments,
        github: p
            .github_repo
            .or(item.github_repo)
            // Whether it is a link to keep is the gate's to say (and warn).
            .filter(|u| !u.trim().is_empty()),
        project: p
            .project_page
            .or(item.project_page)
            // Whether it is a link to keep is the gate's to say (and warn).
            .filter(|u| !u.trim().is_empty()),
        ..site
    };
    Some(ReadPaper {
        title,
        abstract_,
        date,
        line,
        facts,
    })
}

/// The site's facts, from the paper, else from the item around it.
fn site_facts(
    paper: Site,
    item: Site,
    thumbnail: Loose<String>,
    wrong: &mut Vec<&'static str>,
) -> Facts {
    let summary = paper
        .ai_summary
        .or(item.ai_summary, "ai_summary", wrong)
        .map(|s| text(&s))
        .filter(|s| !s.is_empty());
    let keywords = paper
        .ai_keywords
        .or(item.ai_keywords, "ai_keywords", wrong)
        .unwrap_or_default()
        .iter()
        .map(|k| text(k))
        .filter(|k| !k.is_empty())
        .take(MAX_KEYWORDS)
        .collect();
    let stars = paper
        .github_stars
        .or(item.github_stars, "githubStars", wrong)
        .map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    let organization = paper
        .organization
        .or(item.organization, "organization", wrong)
        .and_then(|o| o.fullname.filter(|f| !f.trim().is_empty()).or(o.name))
        .map(|o| text(&o))
        .filter(|o| !o.is_empty());
    let mut media: Vec<String> = paper
        .media_urls
        .or(item.media_urls, "mediaUrls", wrong)
        .unwrap_or_default();
    media.extend(thumbnail.or(Loose::Missing, "thumbnail", wrong));
    media.retain(|u| is_web_url(u));
    media.dedup();
    media.truncate(MAX_MEDIA);
    Facts {
        summary,
        keywords,
        stars,
        organization,
        media,
        ..Facts::default()
    }
}

/// The most keywords and images kept of a paper: an answer is untrusted.
const MAX_KEYWORDS: usize = 64;
const MAX_MEDIA: usize = 16;

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
    fn the_sites_facts_and_a_mistyped_one() {
        let text = r#"[
{"paper": {"title": "A", "ai_summary": "Does <b>a</b>.", "ai_keywords": ["x", ""],
  "githubStars": 12, "mediaUrls": ["javascript:alert(1)", "https://c.d/fig.png"]},
 "organization": {"name": "org", "fullname": "The Org"}, "numComments": 2,
 "thumbnail": "https://c.d/t.png"},
{"paper": {"title": "B", "githubStars": "many", "ai_keywords": "k"},
 "organization": "Org B", "numComments": -1},
{"id": "2410.05434", "title": "C", "summary": "The abstract.",
 "ai_summary": "One line.", "organization": {"name": "c-lab"}}
]"#;
        let r = read("d.json", text);
        assert_eq!(r.papers.len(), 3, "a mistyped fact never loses the paper");
        let f = &r.papers[0].facts;
        assert_eq!(f.summary.as_deref(), Some("Does a."));
        assert_eq!(f.keywords, ["x"]);
        assert_eq!((f.stars, f.comments), (Some(12), Some(2)));
        assert_eq!(f.organization.as_deref(), Some("The Org"));
        assert_eq!(f.media, ["https://c.d/fig.png", "https://c.d/t.png"]);
        let b = &r.papers[1].facts;
        assert_eq!((b.stars, &b.organization, b.comments), (None, &None, None));
        assert!(b.keywords.is_empty());
        assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
        let d = &r.diagnostics[0];
        assert_eq!(d.line, Some(6), "{d}");
        assert_eq!(
            d.message,
            "ai_keywords, githubStars, organization, numComments of the wrong type; \
             the paper is read without them"
        );
        // A paper object alone (`/api/papers/ID`) has them at the top.
        let c = &r.papers[2].facts;
        assert_eq!(c.summary.as_deref(), Some("One line."));
        assert_eq!(c.organization.as_deref(), Some("c-lab"));
        assert_eq!(r.get(&r.papers[2].abstract_), "The abstract.");
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

//! Saved pages of huggingface.co/papers (a browser's "save page", a
//! scraper's copy), read with an HTML parser (scraper, on html5ever).
//!
//! The page carries its data as JSON in a `data-props` attribute (HTML-
//! escaped; the parser unescapes it): its `dailyPapers` (or `papers`) are
//! the API's items, read by the JSON reader. A page without that data is
//! read from its rendered cards: each `<article>`'s heading and its link
//! to `/papers/ID`.

use scraper::{ElementRef, Html, Selector};

use super::diagnostics::LineCounter;
use super::facts::{Facts, arxiv_from_url};
use super::{Diagnostic, Read, ReadPaper, json};

/// What the recogniser asks of markup: an HTML document, not XML.
pub(super) fn is_html(t: &str) -> bool {
    let head = t[..super::sanitize::floor_char(t, 2048)].to_ascii_lowercase();
    head.contains("<!doctype html") || head.contains("<html")
}

/// The properties that hold a page's papers, by page.
const LISTS: [&str; 3] = ["dailyPapers", "papers", "trendingPapers"];

pub(super) fn read(name: &str, text: &str) -> Read {
    let mut out = Read::default();
    let doc = Html::parse_document(text);
    let props = Selector::parse("[data-props]").expect("a valid selector");
    // Where each `data-props` is, for the lines of what it holds.
    let mut lines = LineCounter::new(text);
    let mut at = 0;
    for el in doc.select(&props) {
        let raw = el.value().attr("data-props").unwrap_or("");
        at = text[at..].find("data-props").map_or(at, |k| at + k + 1);
        let line = lines.line_at(at.min(text.len()));
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
            continue;
        };
        for key in LISTS {
            let Some(items) = value.get(key).and_then(|v| v.as_array()) else {
                continue;
            };
            for item in items {
                json::item(name, &item.to_string(), line, &mut out);
            }
        }
    }
    if out.papers.is_empty() {
        cards(&doc, &mut out);
    }
    if out.papers.is_empty() && out.diagnostics.is_empty() {
        let title = Selector::parse("title").expect("a valid selector");
        let title = doc
            .select(&title)
            .next()
            .map(|t| words(&t))
            .filter(|t| !t.is_empty())
            .map_or_else(String::new, |t| format!(" (\"{}\")", super::clip(&t, 60)));
        out.diagnostics.push(Diagnostic::error(
            name,
            None,
            format!("an HTML page{title}, not a saved huggingface.co/papers page (no papers' data, no paper cards)"),
        ));
    }
    out
}

/// The text of an element, its white space collapsed.
fn words(el: &ElementRef<'_>) -> String {
    el.text()
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The papers of the rendered cards: an `<article>` with a heading and a
/// link to a paper.
fn cards(doc: &Html, out: &mut Read) {
    let article = Selector::parse("article").expect("a valid selector");
    let heading = Selector::parse("h3, h2, h1").expect("a valid selector");
    let link = Selector::parse("a[href]").expect("a valid selector");
    for (k, card) in doc.select(&article).enumerate() {
        let arxiv = card
            .select(&link)
            .find_map(|a| a.value().attr("href").and_then(arxiv_from_url));
        let Some(arxiv) = arxiv else { continue };
        let Some(title) = card
            .select(&heading)
            .map(|h| words(&h))
            .find(|t| !t.is_empty())
        else {
            continue;
        };
        let title = out.put_clean(&title);
        out.papers.push(ReadPaper {
            title,
            abstract_: 0..0,
            date: None,
            // The parser keeps no lines: the card's place on the page.
            line: k as u32 + 1,
            facts: Facts {
                arxiv: Some(arxiv),
                ..Facts::default()
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_that_is_not_a_papers_page() {
        let r = read(
            "p.html",
            "<!DOCTYPE html><html><head><title>My  blog</title></head><body><p>Hi</p></body></html>",
        );
        assert_eq!(
            r.diagnostics[0].to_string(),
            "p.html: error: an HTML page (\"My blog\"), not a saved huggingface.co/papers page (no papers' data, no paper cards)"
        );
    }
}

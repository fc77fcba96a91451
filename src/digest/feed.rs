//! Feeds: RSS 2.0 (and 1.0), Atom 1.0 and JSON Feed, read by quick-xml
//! and serde. The XML is read into a small tree first, as arXiv's own
//! elements (`arxiv:primary_category`, `arxiv:comment`, `dc:creator`,
//! `arxiv:announce_type`) sit beside the standard ones and a general feed
//! library drops them.
//!
//! An item is a paper when it names one: an arXiv id in its id or guid,
//! or a link to `arxiv.org/abs/ID` or `huggingface.co/papers/ID`. Other
//! items are passed over with one warning for them all.

use serde::Deserialize;

use super::arxiv::{MOST_AUTHORS, add_category, id_and_version, iso_day, split_authors};
use super::diagnostics::LineCounter;
use super::facts::Facts;
use super::sanitize::clean_markup;
use super::{Diagnostic, Read, ReadPaper};

/// Elements deeper than this are passed over (no feed nests so deep).
const MOST_DEPTH: usize = 48;

/// What the recogniser asks of JSON: a JSON Feed names its version.
pub(super) fn is_json_feed(t: &str) -> bool {
    let head = &t[..t.len().min(4096)];
    head.contains("jsonfeed.org/version")
}

/// One element of the XML: its local name (no prefix), attributes, text
/// (its own, entities resolved) and children.
#[derive(Default, Debug)]
struct El {
    name: String,
    prefix: String,
    attrs: Vec<(String, String)>,
    text: String,
    kids: Vec<El>,
    line: u32,
}

impl El {
    fn kid(&self, name: &str) -> Option<&El> {
        self.kids.iter().find(|k| k.name == name)
    }

    fn kids<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.kids.iter().filter(move |k| k.name == name)
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Its text and its children's, in order (an XHTML summary's).
    fn all_text(&self) -> String {
        let mut s = self.text.clone();
        for k in &self.kids {
            s.push(' ');
            s.push_str(&k.all_text());
        }
        s
    }

    fn kid_text(&self, name: &str) -> Option<String> {
        self.kid(name)
            .map(El::all_text)
            .filter(|t| !t.trim().is_empty())
    }
}

/// Reads a feed: XML (RSS or Atom) or JSON Feed.
pub(super) fn read(name: &str, text: &str) -> Read {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') {
        return json_feed(name, body);
    }
    let mut out = Read::default();
    let root = match tree(text) {
        Ok(root) => root,
        Err((line, why)) => {
            out.diagnostics.push(Diagnostic::error(
                name,
                Some(line),
                format!("not well-formed XML: {why}"),
            ));
            return out;
        }
    };
    let Some(root) = root.kids.into_iter().next() else {
        out.diagnostics.push(Diagnostic::error(
            name,
            None,
            "XML with no element; not a feed",
        ));
        return out;
    };
    let mut skipped = 0;
    match root.name.as_str() {
        "rss" => {
            let channel = root.kid("channel");
            let day = channel.and_then(|c| {
                c.kid_text("pubDate")
                    .or_else(|| c.kid_text("lastBuildDate"))
            });
            for item in channel.into_iter().flat_map(|c| c.kids("item")) {
                skipped += usize::from(!rss_item(item, day.as_deref(), &mut out));
            }
        }
        "RDF" => {
            for item in root.kids("item") {
                skipped += usize::from(!rss_item(item, None, &mut out));
            }
        }
        "feed" => {
            for entry in root.kids("entry") {
                if let Some(why) = api_error(entry) {
                    out.diagnostics.push(Diagnostic::error(
                        name,
                        Some(entry.line),
                        format!("arXiv's API answered with an error: {why}"),
                    ));
                    continue;
                }
                skipped += usize::from(!atom_entry(entry, &mut out));
            }
        }
        other => {
            out.diagnostics.push(Diagnostic::error(
                name,
                Some(root.line),
                format!(
                    "XML whose root is <{}{other}>, not a feed (RSS or Atom)",
                    prefixed(&root.prefix)
                ),
            ));
            return out;
        }
    }
    finish(name, skipped, out)
}

/// A feed read whole: the items that named no paper counted in one
/// warning. An empty feed (a weekend's, a holiday's) is no announcements,
/// not an error.
fn finish(name: &str, skipped: usize, mut out: Read) -> Read {
    if skipped > 0 {
        out.diagnostics.push(Diagnostic::warning(
            name,
            None,
            format!("{skipped} feed items name no paper (no arXiv id, no arxiv.org/abs or huggingface.co/papers link); skipped"),
        ));
    }
    out.empty_ok = true;
    out
}

fn prefixed(p: &str) -> String {
    if p.is_empty() {
        String::new()
    } else {
        format!("{p}:")
    }
}

/// The XML as a tree under a nameless root, or the line and reason it is
/// not well formed.
fn tree(text: &str) -> Result<El, (u32, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut lines = LineCounter::new(text);
    let mut stack = vec![El::default()];
    // Elements deeper than MOST_DEPTH, counted but not kept.
    let mut deeper = 0usize;
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            (
                lines.line_at((reader.error_position() as usize).min(text.len())),
                e.to_string(),
            )
        })?;
        match event {
            Event::Start(_) if deeper > 0 || stack.len() > MOST_DEPTH => deeper += 1,
            Event::Empty(_) if deeper > 0 || stack.len() > MOST_DEPTH => {}
            Event::Start(e) => stack.push(element(&e, lines.line_at(at.min(text.len())))),
            Event::Empty(e) => {
                let el = element(&e, lines.line_at(at.min(text.len())));
                top(&mut stack).kids.push(el);
            }
            Event::End(_) if deeper > 0 => deeper -= 1,
            Event::End(_) => {
                let done = stack.pop().expect("the root stays");
                if stack.is_empty() {
                    return Err((
                        lines.line_at(at.min(text.len())),
                        "an end tag without a start".into(),
                    ));
                }
                top(&mut stack).kids.push(done);
            }
            _ if deeper > 0 => {}
            Event::Text(t) => top(&mut stack).text.push_str(&t.decode().map_err(bad)?),
            Event::CData(t) => top(&mut stack).text.push_str(&t.decode().map_err(bad)?),
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(bad)?;
                let text = &mut top(&mut stack).text;
                match r.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    _ => match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => text.push_str(s),
                        // An HTML entity in a feed: kept, for the markup cleaner.
                        None => {
                            text.push('&');
                            text.push_str(&name);
                            text.push(';');
                        }
                    },
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() > 1 {
        return Err((
            lines.line_at(text.len()),
            "the document ends inside an element".into(),
        ));
    }
    Ok(stack.pop().unwrap_or_default())
}

fn top(stack: &mut [El]) -> &mut El {
    stack.last_mut().expect("the root stays")
}

fn bad(e: impl std::fmt::Display) -> (u32, String) {
    (0, e.to_string())
}

fn element(e: &quick_xml::events::BytesStart<'_>, line: u32) -> El {
    let full = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let (prefix, name) = match full.split_once(':') {
        Some((p, n)) => (p.to_owned(), n.to_owned()),
        None => (String::new(), full),
    };
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
            let value = a
                .unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_default();
            (key, value)
        })
        .collect();
    El {
        name,
        prefix,
        attrs,
        line,
        ..El::default()
    }
}

/// What an item or entry says, before it becomes a paper.
#[derive(Default)]
struct Found {
    title: String,
    description: String,
    links: Vec<String>,
    ids: Vec<String>,
    day: Option<String>,
    facts: Facts,
    line: u32,
}

/// An RSS item; false when it names no paper.
fn rss_item(item: &El, channel_day: Option<&str>, out: &mut Read) -> bool {
    let mut f = Found {
        title: item.kid_text("title").unwrap_or_default(),
        description: item
            .kid_text("description")
            .or_else(|| item.kid_text("encoded"))
            .unwrap_or_default(),
        line: item.line,
        ..Found::default()
    };
    f.links.extend(item.kid_text("link"));
    f.links.extend(item.attr("about").map(str::to_owned));
    f.ids.extend(item.kid_text("guid"));
    for c in item.kids("category") {
        add_category(&mut f.facts.categories, c.all_text().trim());
    }
    let date = item.kid_text("pubDate").or_else(|| item.kid_text("date"));
    f.day = date.as_deref().or(channel_day).and_then(iso_day);
    creators(item, &mut f.facts);
    if f.facts.authors.is_empty()
        && let Some(a) = item.kid_text("author")
    {
        set_authors(&mut f.facts, &a);
    }
    arxiv_elements(item, &mut f.facts);
    paper(f, out)
}

/// An Atom entry (arXiv's RSS service and its API both answer in Atom);
/// false when it names no paper.
fn atom_entry(entry: &El, out: &mut Read) -> bool {
    let mut f = Found {
        title: entry.kid_text("title").unwrap_or_default(),
        description: entry
            .kid_text("summary")
            .or_else(|| entry.kid_text("content"))
            .unwrap_or_default(),
        line: entry.line,
        ..Found::default()
    };
    f.ids.extend(entry.kid_text("id"));
    for l in entry.kids("link") {
        if let Some(href) = l.attr("href") {
            if l.attr("title") == Some("doi") {
                continue;
            }
            f.links.push(href.to_owned());
        }
    }
    if let Some(p) = entry.kid("primary_category").and_then(|p| p.attr("term")) {
        add_category(&mut f.facts.categories, p);
    }
    for c in entry.kids("category") {
        add_category(&mut f.facts.categories, c.attr("term").unwrap_or(""));
    }
    let published = entry.kid_text("published");
    f.facts.published = published.as_deref().and_then(iso_day);
    f.day = published
        .or_else(|| entry.kid_text("updated"))
        .as_deref()
        .and_then(iso_day);
    let names: Vec<String> = entry
        .kids("author")
        .filter_map(|a| a.kid_text("name"))
        .collect();
    if names.len() == 1 {
        // arXiv's RSS service writes all the authors in one name.
        set_authors(&mut f.facts, &names[0]);
    } else {
        f.facts.authors = names
            .iter()
            .map(|n| clean_markup(n))
            .take(MOST_AUTHORS)
            .collect();
    }
    creators(entry, &mut f.facts);
    arxiv_elements(entry, &mut f.facts);
    paper(f, out)
}

/// `dc:creator`: one element listing every author, or one per author.
fn creators(el: &El, facts: &mut Facts) {
    let all: Vec<String> = el.kids("creator").map(El::all_text).collect();
    if !all.is_empty() && facts.authors.is_empty() {
        set_authors(facts, &all.join(", "));
    }
}

fn set_authors(facts: &mut Facts, list: &str) {
    facts.authors = split_authors(&clean_markup(list));
}

/// arXiv's own elements, wherever they are.
fn arxiv_elements(el: &El, facts: &mut Facts) {
    let text = |n: &str| {
        el.kid_text(n)
            .map(|t| clean_markup(&t))
            .filter(|t| !t.is_empty())
    };
    facts.arxiv_comments = text("comment");
    facts.journal_ref = text("journal_ref");
    facts.doi = text("doi");
    facts.announce = text("announce_type").map(|a| announce(&a));
    facts.license = text("rights").or_else(|| {
        el.kid("license")
            .and_then(|l| l.attr("href"))
            .map(str::to_owned)
    });
}

/// arXiv's announce types as they are kept: `new`, `cross`, `replace`,
/// `replace-cross`.
fn announce(a: &str) -> String {
    a.trim().to_ascii_lowercase()
}

/// The error an API answer carries as its one entry, when it is one.
fn api_error(entry: &El) -> Option<String> {
    let id = entry.kid_text("id")?;
    id.contains("/api/errors")
        .then(|| clean_markup(&entry.kid_text("summary").unwrap_or(id)))
}

/// Makes what an item says into a paper; false when it names none.
fn paper(mut f: Found, out: &mut Read) -> bool {
    // Any link names the paper; one with its version says more.
    let all: Vec<_> = f
        .ids
        .iter()
        .chain(&f.links)
        .filter_map(|s| id_and_version(s))
        .collect();
    let named = all
        .iter()
        .find(|(_, v)| v.is_some())
        .or(all.first())
        .cloned();
    // Markup made text, its blocks kept as lines.
    let text = if f.description.contains('<') {
        html_text(&f.description)
    } else {
        f.description.clone()
    };
    let flat = clean_markup(&text);
    let mut from_text = None;
    let (summary, abstract_) = match arxiv_description(&flat) {
        // arXiv's RSS: `arXiv:ID Announce Type: new Abstract: …`.
        Some((id, announce, abstract_)) => {
            from_text = Some(id);
            if f.facts.announce.is_none() {
                f.facts.announce = Some(announce);
            }
            (None, abstract_)
        }
        None => split_summary_lines(&text).unwrap_or_else(|| split_summary(&flat)),
    };
    let Some((id, version)) = named.or(from_text) else {
        return false;
    };
    f.facts.summary = summary;
    f.facts.arxiv = Some(id);
    if f.facts.version.is_none() {
        f.facts.version = version;
    }
    f.facts.authors.truncate(MOST_AUTHORS);
    f.facts.author_count = (!f.facts.authors.is_empty()).then_some(f.facts.authors.len() as u32);
    let title = out.put_clean(&f.title);
    if title.is_empty() {
        return false;
    }
    let abstract_ = out.put(&abstract_);
    let date = f.day.map(|d| out.put(&d));
    out.papers.push(ReadPaper {
        title,
        abstract_,
        date,
        line: f.line,
        facts: f.facts,
    });
    true
}

/// `arXiv:2601.15305v1 Announce Type: new Abstract: …` -> the id and
/// version, the announce type and the abstract.
fn arxiv_description(d: &str) -> Option<((String, Option<String>), String, String)> {
    let rest = d.strip_prefix("arXiv:")?;
    let (id, rest) = rest.split_once(' ')?;
    let id = id_and_version(id)?;
    let rest = rest
        .trim_start()
        .strip_prefix("Announce Type:")?
        .trim_start();
    let (kind, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let abstract_ = rest.trim_start();
    let abstract_ = abstract_
        .strip_prefix("Abstract:")
        .unwrap_or(abstract_)
        .trim();
    Some((id, announce(kind), abstract_.to_owned()))
}

/// The text of an HTML fragment, each block (`<p>`, `<div>`, `<br>`,
/// `<li>`, headings) on a line of its own.
fn html_text(html: &str) -> String {
    const BLOCKS: [&str; 12] = [
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
    ];
    let doc = scraper::Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len());
    for node in doc.root_element().descendants() {
        match node.value() {
            scraper::Node::Text(t) => out.push_str(t),
            scraper::Node::Element(e) if BLOCKS.contains(&e.name()) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// [`split_summary`] where the parts are lines of their own: `Abstract`,
/// (`AI-generated summary`), the summary, `Generated by <model>`, the
/// abstract.
fn split_summary_lines(text: &str) -> Option<(Option<String>, String)> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.first() != Some(&"Abstract") {
        return None;
    }
    let by = lines.iter().position(|l| l.starts_with("Generated by "))?;
    let summary: Vec<&str> = lines[1..by]
        .iter()
        .copied()
        .filter(|l| !l.eq_ignore_ascii_case("AI-generated summary"))
        .collect();
    let summary = clean_markup(&summary.join(" "));
    let abstract_ = lines[by + 1..]
        .iter()
        .map(|l| clean_markup(l))
        .collect::<Vec<_>>()
        .join("\n");
    Some((Some(summary).filter(|s| !s.is_empty()), abstract_))
}

/// Words of a model's name after the first (`Gemini 2.5 Flash`): a token
/// with a digit in it, or one of these.
const MODEL_WORDS: [&str; 10] = [
    "flash", "pro", "mini", "turbo", "sonnet", "opus", "haiku", "lite", "instruct", "chat",
];

/// `Abstract <summary> Generated by <model> <abstract>` (how paper sites
/// put the page's AI summary before the abstract) -> the summary and the
/// abstract; anything else is all abstract.
fn split_summary(d: &str) -> (Option<String>, String) {
    let whole = || (None, d.to_owned());
    let Some(rest) = d.strip_prefix("Abstract ") else {
        return whole();
    };
    let rest = rest.strip_prefix("AI-generated summary ").unwrap_or(rest);
    let Some(at) = rest.find(" Generated by ") else {
        return whole();
    };
    let summary = rest[..at].trim();
    let after = &rest[at + " Generated by ".len()..];
    let mut words = after.split(' ');
    // The model's first word always; then its version and edition words.
    let mut used = words.next().map_or(0, str::len);
    for w in words.by_ref().take(4) {
        let bare = w.trim_end_matches(['.', ',']);
        if bare.bytes().any(|c| c.is_ascii_digit())
            || MODEL_WORDS.contains(&bare.to_ascii_lowercase().as_str())
        {
            used += 1 + w.len();
        } else {
            break;
        }
    }
    let abstract_ = after[used.min(after.len())..].trim();
    (
        Some(summary.to_owned()).filter(|s| !s.is_empty()),
        abstract_.to_owned(),
    )
}

/// A JSON Feed (version 1 or 1.1).
#[derive(Deserialize, Default)]
#[serde(default)]
struct JsonFeed {
    items: Vec<JsonItem>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JsonItem {
    id: Option<serde_json::Value>,
    url: Option<String>,
    external_url: Option<String>,
    title: Option<String>,
    content_text: Option<String>,
    content_html: Option<String>,
    summary: Option<String>,
    date_published: Option<String>,
    authors: Vec<JsonAuthor>,
    author: Option<JsonAuthor>,
    tags: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JsonAuthor {
    name: Option<String>,
}

fn json_feed(name: &str, body: &str) -> Read {
    let mut out = Read::default();
    let feed: JsonFeed = match serde_json::from_str(body) {
        Ok(f) => f,
        Err(e) => {
            out.diagnostics.push(Diagnostic::error(
                name,
                Some(e.line() as u32),
                format!("not a readable JSON Feed: {e}"),
            ));
            return out;
        }
    };
    let mut lines = LineCounter::new(body);
    let mut skipped = 0;
    for (k, item) in feed.items.into_iter().enumerate() {
        // serde keeps no positions: the item's line is where its title is.
        let line = item
            .title
            .as_deref()
            .and_then(|t| body.find(&serde_json::to_string(t).unwrap_or_default()))
            .map_or(k as u32 + 1, |at| lines.line_at(at));
        let mut f = Found {
            title: item.title.unwrap_or_default(),
            description: item
                .content_text
                .or(item.content_html)
                .or(item.summary.clone())
                .unwrap_or_default(),
            line,
            ..Found::default()
        };
        f.ids
            .extend(item.id.and_then(|v| v.as_str().map(str::to_owned)));
        f.links.extend(item.url);
        f.links.extend(item.external_url);
        f.day = item.date_published.as_deref().and_then(iso_day);
        let names: Vec<String> = item
            .authors
            .into_iter()
            .chain(item.author)
            .filter_map(|a| a.name)
            .collect();
        set_authors(&mut f.facts, &names.join(", "));
        for t in &item.tags {
            add_category(&mut f.facts.categories, t);
        }
        let at = out.papers.len();
        if !paper(f, &mut out) {
            skipped += 1;
        } else if let (Some(s), Some(p)) = (item.summary, out.papers.get_mut(at)) {
            // A summary beside the content is the item's short summary.
            let s = clean_markup(&s);
            if p.facts.summary.is_none()
                && s != out.text[p.abstract_.start as usize..p.abstract_.end as usize]
            {
                p.facts.summary = Some(s);
            }
        }
    }
    finish(name, skipped, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arxiv_rss_description() {
        let (id, kind, abs) = arxiv_description(
            "arXiv:2601.15305v2 Announce Type: replace-cross Abstract: We study.",
        )
        .unwrap();
        assert_eq!(id, ("2601.15305".to_owned(), Some("v2".to_owned())));
        assert_eq!(kind, "replace-cross");
        assert_eq!(abs, "We study.");
    }

    #[test]
    fn a_summary_before_the_abstract() {
        assert_eq!(
            split_summary("Abstract A short take. Generated by Gemini 2.5 Flash We present X."),
            (Some("A short take.".to_owned()), "We present X.".to_owned())
        );
        assert_eq!(
            split_summary(
                "Abstract AI-generated summary Short. Generated by gpt-4o-mini. Long one."
            ),
            (Some("Short.".to_owned()), "Long one.".to_owned())
        );
        assert_eq!(
            split_summary("We present X."),
            (None, "We present X.".to_owned())
        );
    }

    #[test]
    fn xml_not_a_feed() {
        let r = read(
            "x.xml",
            "<?xml version=\"1.0\"?>\n<svg:svg xmlns:svg=\"s\"><g/></svg:svg>",
        );
        assert_eq!(
            r.diagnostics[0].to_string(),
            "x.xml:2: error: XML whose root is <svg:svg>, not a feed (RSS or Atom)"
        );
        let r = read(
            "x.xml",
            "<rss><channel><item><title>A</title></channel></rss>",
        );
        assert!(
            r.diagnostics[0].message.starts_with("not well-formed XML"),
            "{}",
            r.diagnostics[0]
        );
    }
}

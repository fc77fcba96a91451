//! Feeds: RSS 2.0 (and 1.0), Atom 1.0 and JSON Feed, read by quick-xml
//! and serde. The XML is read into a small tree first, as arXiv's own
//! elements (`arxiv:primary_category`, `arxiv:comment`, `dc:creator`,
//! `arxiv:announce_type`) sit beside the standard ones and a general feed
//! library drops them.
//!
//! An item is a paper when it names one: an arXiv id in its id or guid,
//! or a link to `arxiv.org/abs/ID` or `huggingface.co/papers/ID`. Other
//! items are passed over with one warning for them all.

use std::borrow::Cow;

use std::sync::mpsc::SyncSender;

use quick_xml::events::{BytesStart, Event};
use serde::Deserialize;

use super::arxiv::{MOST_AUTHORS, add_category, id_and_version, iso_day, split_authors};
use super::diagnostics::LineCounter;
use super::facts::Facts;
use super::sanitize::{clean_markup, plain};
use super::{Diagnostic, Read, ReadPaper};

/// Elements deeper than this are passed over (no feed nests so deep).
const MOST_DEPTH: usize = 48;

/// What the recogniser asks of JSON: a JSON Feed names its version.
pub(super) fn is_json_feed(t: &str) -> bool {
    let head = &t[..super::sanitize::floor_char(t, 4096)];
    head.contains("jsonfeed.org/version")
}

/// Reads a feed: XML (RSS or Atom) or JSON Feed.
pub(super) fn read(name: &str, text: &str) -> Read {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') {
        return json_feed(name, body);
    }
    xml_feed(name, text)
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

/// One child of an item, an entry or a channel, as far as the readers
/// ask: its local name, the attributes they read, its text (its own, then
/// each of its children's after a space, as the tree's `all_text` was)
/// and, for an Atom author, its first `name`'s text. Its texts are slices
/// of the feed unless an entity or a child made them a copy.
#[derive(Default)]
struct Kid<'a> {
    name: Name,
    text: Cow<'a, str>,
    /// Its children's texts, each after a space (empty for nearly all).
    below: String,
    href: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    term: Option<Cow<'a, str>>,
    name_text: Option<String>,
}

/// The children an item is read from.
struct Kids<'k, 'a>(&'k [Kid<'a>]);

impl<'k, 'a> Kids<'k, 'a> {
    fn kid(&self, name: Name) -> Option<&'k Kid<'a>> {
        self.0.iter().find(|k| k.name == name)
    }

    fn kids(&self, name: Name) -> impl Iterator<Item = &'k Kid<'a>> + use<'k, 'a> {
        self.0.iter().filter(move |k| k.name == name)
    }

    /// The first `name` child's text, unless it is blank.
    fn text(&self, name: Name) -> Option<&'k str> {
        self.kid(name)
            .map(|k| k.text.as_ref())
            .filter(|t| !t.trim().is_empty())
    }
}

/// The local names the readers ask for; others are passed over unread.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
enum Name {
    #[default]
    Title,
    Description,
    Encoded,
    Link,
    Guid,
    Category,
    PubDate,
    Date,
    Creator,
    Author,
    Comment,
    JournalRef,
    Doi,
    AnnounceType,
    Rights,
    License,
    Summary,
    Content,
    Id,
    PrimaryCategory,
    Published,
    Updated,
    LastBuildDate,
}

fn known(local: &[u8]) -> Option<Name> {
    Some(match local {
        b"title" => Name::Title,
        b"description" => Name::Description,
        b"encoded" => Name::Encoded,
        b"link" => Name::Link,
        b"guid" => Name::Guid,
        b"category" => Name::Category,
        b"pubDate" => Name::PubDate,
        b"date" => Name::Date,
        b"creator" => Name::Creator,
        b"author" => Name::Author,
        b"comment" => Name::Comment,
        b"journal_ref" => Name::JournalRef,
        b"doi" => Name::Doi,
        b"announce_type" => Name::AnnounceType,
        b"rights" => Name::Rights,
        b"license" => Name::License,
        b"summary" => Name::Summary,
        b"content" => Name::Content,
        b"id" => Name::Id,
        b"primary_category" => Name::PrimaryCategory,
        b"published" => Name::Published,
        b"updated" => Name::Updated,
        b"lastBuildDate" => Name::LastBuildDate,
        _ => return None,
    })
}

/// `part`, bytes quick-xml handed out of `text`, as a slice of `text`:
/// no copy and no second UTF-8 check. `None` when it is not in `text`.
fn within<'a>(text: &'a str, part: &[u8]) -> Option<&'a str> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    text.get(start..start.checked_add(part.len())?)
}

/// An attribute's value, its entities resolved (a bad one makes it empty,
/// as before).
fn attr_value<'a>(text: &'a str, a: &quick_xml::events::attributes::Attribute<'_>) -> Cow<'a, str> {
    if memchr::memchr(b'&', &a.value).is_none()
        && let Some(v) = within(text, &a.value)
    {
        return Cow::Borrowed(v);
    }
    Cow::Owned(a.unescape_value().map(Cow::into_owned).unwrap_or_default())
}

fn append<'a>(to: &mut Cow<'a, str>, s: Cow<'a, str>) {
    if to.is_empty() {
        *to = s;
    } else {
        to.to_mut().push_str(&s);
    }
}

/// The root's kind: which children are the items.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Rss,
    Rdf,
    Atom,
    Other,
}

/// Text of an element below a kid: its own, its children's.
#[derive(Default)]
struct Frame {
    own: String,
    below: String,
    is_name: bool,
}

/// A feed read as a stream of quick-xml events: each item's children are
/// gathered (borrowing the feed's text) and made a paper when the item
/// ends; nothing else is kept.
struct Stream<'a> {
    text: &'a str,
    name: &'a str,
    kind: Option<Kind>,
    root: (String, String, u32),
    open: usize,
    /// Elements deeper than MOST_DEPTH, counted but not read.
    deeper: usize,
    root_done: bool,
    channel_seen: bool,
    in_channel: bool,
    /// The level of the item or entry being read.
    item_at: Option<usize>,
    item_line: u32,
    about: Option<Cow<'a, str>>,
    kids: Vec<Kid<'a>>,
    /// The channel's own children (RSS: its day).
    head: Vec<Kid<'a>>,
    /// Whether the element at the kids' level is one being read.
    reading: bool,
    frames: Vec<Frame>,
    /// Items gathered, not yet handed on.
    batch: Vec<Gathered<'a>>,
    /// Where batches go when papers are made on a thread of their own.
    tx: Option<SyncSender<Vec<Gathered<'a>>>>,
    /// Where papers are made otherwise.
    here: Papers,
}

impl<'a> Stream<'a> {
    fn new(name: &'a str, text: &'a str) -> Self {
        Stream {
            text,
            name,
            kind: None,
            root: Default::default(),
            open: 0,
            deeper: 0,
            root_done: false,
            channel_seen: false,
            in_channel: false,
            item_at: None,
            item_line: 0,
            about: None,
            kids: Vec::new(),
            head: Vec::new(),
            reading: false,
            frames: Vec::new(),
            batch: Vec::new(),
            tx: None,
            here: Papers::default(),
        }
    }

    /// The level whose children are kids: the item's, else the channel's.
    fn container(&self) -> Option<usize> {
        self.item_at.or(self.in_channel.then_some(2))
    }

    fn target(&mut self) -> &mut Vec<Kid<'a>> {
        if self.item_at.is_some() {
            &mut self.kids
        } else {
            &mut self.head
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, mut line: impl FnMut() -> u32) {
        self.open += 1;
        let level = self.open;
        if self.root_done {
            return;
        }
        let local = e.local_name();
        let local = local.as_ref();
        if level == 1 {
            return self.root(e, line());
        }
        let kind = self.kind.unwrap_or(Kind::Other);
        let item = match kind {
            Kind::Rss => self.in_channel && level == 3 && local == b"item",
            Kind::Rdf => level == 2 && local == b"item",
            Kind::Atom => level == 2 && local == b"entry",
            Kind::Other => return,
        };
        if item {
            self.item_at = Some(level);
            self.item_line = line();
            self.about = e
                .attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref() == b"about")
                .map(|a| attr_value(self.text, &a));
            return;
        }
        if kind == Kind::Rss && level == 2 && local == b"channel" && !self.channel_seen {
            (self.channel_seen, self.in_channel) = (true, true);
            return;
        }
        self.child(e, level);
    }

    /// The root: which kind of feed, and its name for a message.
    fn root(&mut self, e: &BytesStart<'_>, line: u32) {
        self.kind = Some(match e.local_name().as_ref() {
            b"rss" => Kind::Rss,
            b"RDF" => Kind::Rdf,
            b"feed" => Kind::Atom,
            _ => Kind::Other,
        });
        let full = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let (prefix, name) = match full.split_once(':') {
            Some((p, n)) => (p.to_owned(), n.to_owned()),
            None => (String::new(), full),
        };
        self.root = (prefix, name, line);
    }

    /// An element inside an item or the channel: a kid when it is one
    /// the readers ask for, else (below a kid) text for the kid.
    fn child(&mut self, e: &BytesStart<'_>, level: usize) {
        let Some(c) = self.container() else { return };
        let local = e.local_name();
        let local = local.as_ref();
        if level == c + 1 {
            self.reading = false;
            if let Some(name) = known(local) {
                let kid = match name {
                    Name::Link | Name::Category | Name::PrimaryCategory | Name::License => {
                        self.kid(name, e)
                    }
                    _ => Kid {
                        name,
                        ..Kid::default()
                    },
                };
                self.target().push(kid);
                self.reading = true;
            }
        } else if level > c + 1 && self.reading {
            let first_name = level == c + 2
                && local == b"name"
                && self.target().last().is_some_and(|k| k.name_text.is_none());
            self.frames.push(Frame {
                is_name: first_name,
                ..Frame::default()
            });
        }
    }

    fn kid(&self, name: Name, e: &BytesStart<'_>) -> Kid<'a> {
        let mut kid = Kid {
            name,
            ..Kid::default()
        };
        for a in e.attributes().flatten() {
            let slot = match a.key.local_name().as_ref() {
                b"href" => &mut kid.href,
                b"title" => &mut kid.title,
                b"term" => &mut kid.term,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(attr_value(self.text, &a));
            }
        }
        kid
    }

    /// Text of the element open now, when it is one being read.
    fn put_text(&mut self, s: Cow<'a, str>) {
        if self.root_done || !self.reading || self.deeper > 0 {
            return;
        }
        match self.frames.last_mut() {
            Some(f) => f.own.push_str(&s),
            None => {
                if let Some(k) = self.target().last_mut() {
                    append(&mut k.text, s);
                }
            }
        }
    }

    fn end(&mut self) -> Result<(), ()> {
        if self.open == 0 {
            return Err(());
        }
        let level = self.open;
        self.open -= 1;
        if self.root_done {
            return Ok(());
        }
        if level == 1 {
            self.root_done = true;
            return Ok(());
        }
        let Some(c) = self.container() else {
            return Ok(());
        };
        if level > c + 1 && self.reading {
            self.close_frame();
        } else if level == c + 1 && self.reading {
            self.reading = false;
            if let Some(k) = self.target().last_mut()
                && !k.below.is_empty()
            {
                let below = std::mem::take(&mut k.below);
                k.text.to_mut().push_str(&below);
            }
        } else if Some(level) == self.item_at {
            self.item_done();
        } else if level == 2 && self.in_channel {
            self.in_channel = false;
        }
        Ok(())
    }

    /// An element below a kid ends: its text joins its parent's.
    fn close_frame(&mut self) {
        let Some(f) = self.frames.pop() else { return };
        let mut all = f.own;
        all.push_str(&f.below);
        let below = match self.frames.last_mut() {
            Some(parent) => &mut parent.below,
            None => match self.target().last_mut() {
                Some(k) => {
                    if f.is_name {
                        k.name_text = Some(all.clone());
                    }
                    &mut k.below
                }
                None => return,
            },
        };
        below.push(' ');
        below.push_str(&all);
    }

    fn item_done(&mut self) {
        self.item_at = None;
        self.batch.push(Gathered {
            kids: std::mem::take(&mut self.kids),
            about: self.about.take(),
            line: self.item_line,
            atom: self.kind == Some(Kind::Atom),
        });
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    /// Hands the items gathered on to be made papers.
    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        match &self.tx {
            // A send fails only when the maker panicked: its join says so.
            Some(tx) => drop(tx.send(batch)),
            None => self.here.take(self.name, batch),
        }
    }

    /// What the stream read: its papers, or the one error when the XML
    /// was not well formed or not a feed.
    fn finish(mut self, mut papers: Papers) -> Read {
        let error = |line, m: String| {
            let mut out = Read::default();
            out.diagnostics.push(Diagnostic::error(self.name, line, m));
            out
        };
        let (prefix, root, line) = std::mem::take(&mut self.root);
        match self.kind {
            None => return error(None, "XML with no element; not a feed".into()),
            Some(Kind::Other) => {
                return error(
                    Some(line),
                    format!(
                        "XML whose root is <{}{root}>, not a feed (RSS or Atom)",
                        prefixed(&prefix)
                    ),
                );
            }
            _ => {}
        }
        let head = Kids(&self.head);
        let day = head
            .text(Name::PubDate)
            .or_else(|| head.text(Name::LastBuildDate))
            .and_then(iso_day);
        if let Some(day) = day {
            let range = papers.out.put(&day);
            for &i in &papers.undated {
                papers.out.papers[i].date = Some(range.clone());
            }
        }
        finish(self.name, papers.skipped, papers.out)
    }
}

const END_WITHOUT_START: &str = "an end tag without a start";

/// An item's children as gathered, to be made a paper.
struct Gathered<'a> {
    kids: Vec<Kid<'a>>,
    about: Option<Cow<'a, str>>,
    line: u32,
    atom: bool,
}

/// Items handed on at a time.
const BATCH: usize = 256;

/// From this size on a feed's papers are made on a thread of their own
/// while the XML is read (a thread costs less than reading 256 KiB).
const THREAD_FROM: usize = 256 << 10;

/// Makes gathered items into papers, in order.
#[derive(Default)]
struct Papers {
    out: Read,
    skipped: usize,
    /// Papers with no day of their own, given the channel's at the end.
    undated: Vec<usize>,
}

impl Papers {
    fn take(&mut self, name: &str, batch: Vec<Gathered<'_>>) {
        for g in batch {
            let k = Kids(&g.kids);
            let at = self.out.papers.len();
            if !g.atom {
                let (read, dated) = rss_item(&k, g.about, g.line, &mut self.out);
                self.skipped += usize::from(!read);
                if read && !dated {
                    self.undated.push(at);
                }
            } else if let Some(why) = api_error(&k) {
                self.out.diagnostics.push(Diagnostic::error(
                    name,
                    Some(g.line),
                    format!("arXiv's API answered with an error: {why}"),
                ));
            } else {
                self.skipped += usize::from(!atom_entry(&k, g.line, &mut self.out));
            }
        }
    }
}

/// Reads RSS or Atom as a stream; a feed that is not well formed is one
/// error, with its line and reason. A long feed's papers are made on a
/// second core while the first reads the XML.
fn xml_feed(name: &str, text: &str) -> Read {
    xml_feed_with(
        name,
        text,
        text.len() >= THREAD_FROM && crate::par::cores() > 1,
    )
}

fn xml_feed_with(name: &str, text: &str, threaded: bool) -> Read {
    let mut s = Stream::new(name, text);
    if !threaded {
        let ran = run(&mut s);
        s.flush();
        let papers = std::mem::take(&mut s.here);
        return ran.map_or_else(|e| not_well_formed(name, e), |()| s.finish(papers));
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Gathered<'_>>>(4);
        let maker = scope.spawn(move || {
            let mut papers = Papers::default();
            for batch in rx {
                papers.take(name, batch);
            }
            papers
        });
        s.tx = Some(tx);
        let ran = run(&mut s);
        s.flush();
        s.tx = None;
        let papers = maker
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        ran.map_or_else(|e| not_well_formed(name, e), |()| s.finish(papers))
    })
}

fn not_well_formed(name: &str, (line, why): (u32, String)) -> Read {
    let mut out = Read::default();
    out.diagnostics.push(Diagnostic::error(
        name,
        Some(line),
        format!("not well-formed XML: {why}"),
    ));
    out
}

/// Streams every event of the text; the line and reason it is not well
/// formed, if it is not.
fn run(s: &mut Stream<'_>) -> Result<(), (u32, String)> {
    let text = s.text;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut lines = LineCounter::new(text);
    loop {
        let at = (reader.buffer_position() as usize).min(text.len());
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let line = lines.line_at((reader.error_position() as usize).min(text.len()));
                return Err((line, e.to_string()));
            }
        };
        if stream_event(s, event, || lines.line_at(at))? {
            break;
        }
    }
    if s.open > 0 {
        return Err((
            lines.line_at(text.len()),
            "the document ends inside an element".to_owned(),
        ));
    }
    Ok(())
}

/// Hands one event to the stream; true at the end of the text.
fn stream_event<'a>(
    s: &mut Stream<'a>,
    event: Event<'a>,
    mut line: impl FnMut() -> u32,
) -> Result<bool, (u32, String)> {
    match event {
        Event::Start(_) if s.deeper > 0 || s.open >= MOST_DEPTH => s.deeper += 1,
        Event::Empty(_) if s.deeper > 0 || s.open >= MOST_DEPTH => {}
        Event::Start(e) => s.start(&e, line),
        Event::Empty(e) => {
            s.start(&e, &mut line);
            s.end()
                .map_err(|()| (line(), END_WITHOUT_START.to_owned()))?;
        }
        Event::End(_) if s.deeper > 0 => s.deeper -= 1,
        Event::End(_) => s
            .end()
            .map_err(|()| (line(), END_WITHOUT_START.to_owned()))?,
        _ if s.deeper > 0 => {}
        Event::Text(t) => {
            let v = match within(s.text, &t) {
                Some(v) => Cow::Borrowed(v),
                None => t.decode().map_err(bad)?,
            };
            s.put_text(v);
        }
        Event::CData(t) => s.put_text(t.decode().map_err(bad)?),
        Event::GeneralRef(r) => {
            let name = r.decode().map_err(bad)?;
            let piece = match r.resolve_char_ref() {
                Ok(Some(c)) => Cow::Owned(c.to_string()),
                _ => match quick_xml::escape::resolve_predefined_entity(&name) {
                    Some(x) => Cow::Borrowed(x),
                    // An HTML entity in a feed: kept, for the markup cleaner.
                    None => Cow::Owned(format!("&{name};")),
                },
            };
            s.put_text(piece);
        }
        Event::Eof => return Ok(true),
        _ => {}
    }
    Ok(false)
}

fn bad(e: impl std::fmt::Display) -> (u32, String) {
    (0, e.to_string())
}

/// What an item or entry says, before it becomes a paper.
#[derive(Default)]
struct Found<'a> {
    title: Cow<'a, str>,
    description: Cow<'a, str>,
    links: Vec<Cow<'a, str>>,
    ids: Vec<Cow<'a, str>>,
    day: Option<String>,
    facts: Facts,
    line: u32,
}

/// An RSS item: whether it named a paper, and whether it had a date of
/// its own (else it takes the channel's).
fn rss_item<'a>(
    item: &Kids<'_, 'a>,
    about: Option<Cow<'a, str>>,
    line: u32,
    out: &mut Read,
) -> (bool, bool) {
    let text = |n: Name| item.text(n).map(Cow::Borrowed);
    let mut f = Found {
        title: text(Name::Title).unwrap_or_default(),
        description: text(Name::Description)
            .or_else(|| text(Name::Encoded))
            .unwrap_or_default(),
        line,
        ..Found::default()
    };
    f.links.extend(text(Name::Link));
    f.links.extend(about);
    f.ids.extend(text(Name::Guid));
    for c in item.kids(Name::Category) {
        add_category(&mut f.facts.categories, c.text.trim());
    }
    let date = item.text(Name::PubDate).or_else(|| item.text(Name::Date));
    f.day = date.and_then(iso_day);
    creators(item, &mut f.facts);
    if f.facts.authors.is_empty()
        && let Some(a) = item.text(Name::Author)
    {
        set_authors(&mut f.facts, a);
    }
    arxiv_elements(item, &mut f.facts);
    (paper(f, out), date.is_some())
}

/// An Atom entry (arXiv's RSS service and its API both answer in Atom);
/// false when it names no paper.
fn atom_entry(entry: &Kids<'_, '_>, line: u32, out: &mut Read) -> bool {
    let text = |n: Name| entry.text(n).map(Cow::Borrowed);
    let mut f = Found {
        title: text(Name::Title).unwrap_or_default(),
        description: text(Name::Summary)
            .or_else(|| text(Name::Content))
            .unwrap_or_default(),
        line,
        ..Found::default()
    };
    f.ids.extend(text(Name::Id));
    for l in entry.kids(Name::Link) {
        if let Some(href) = &l.href {
            if l.title.as_deref() == Some("doi") {
                continue;
            }
            f.links.push(Cow::Borrowed(href));
        }
    }
    if let Some(p) = entry
        .kid(Name::PrimaryCategory)
        .and_then(|p| p.term.as_deref())
    {
        add_category(&mut f.facts.categories, p);
    }
    for c in entry.kids(Name::Category) {
        add_category(&mut f.facts.categories, c.term.as_deref().unwrap_or(""));
    }
    let published = entry.text(Name::Published);
    f.facts.published = published.and_then(iso_day);
    f.day = published
        .or_else(|| entry.text(Name::Updated))
        .and_then(iso_day);
    let names: Vec<&str> = entry
        .kids(Name::Author)
        .filter_map(|a| a.name_text.as_deref().filter(|t| !t.trim().is_empty()))
        .collect();
    if names.len() == 1 {
        // arXiv's RSS service writes all the authors in one name.
        set_authors(&mut f.facts, names[0]);
    } else {
        f.facts.authors = names
            .iter()
            .map(|n| plain(n).into_owned())
            .take(MOST_AUTHORS)
            .collect();
    }
    creators(entry, &mut f.facts);
    arxiv_elements(entry, &mut f.facts);
    paper(f, out)
}

/// `dc:creator`: one element listing every author, or one per author.
fn creators(el: &Kids<'_, '_>, facts: &mut Facts) {
    if !facts.authors.is_empty() {
        return;
    }
    let mut all = el.kids(Name::Creator).map(|k| k.text.as_ref());
    let Some(first) = all.next() else { return };
    match all.next() {
        None => set_authors(facts, first),
        Some(second) => {
            let mut list = format!("{first}, {second}");
            for k in all {
                list.push_str(", ");
                list.push_str(k);
            }
            set_authors(facts, &list);
        }
    }
}

fn set_authors(facts: &mut Facts, list: &str) {
    facts.authors = split_authors(&plain(list));
}

/// arXiv's own elements, wherever they are.
fn arxiv_elements(el: &Kids<'_, '_>, facts: &mut Facts) {
    let text = |n: Name| {
        el.text(n)
            .map(|t| plain(t).into_owned())
            .filter(|t| !t.is_empty())
    };
    facts.arxiv_comments = text(Name::Comment);
    facts.journal_ref = text(Name::JournalRef);
    facts.doi = text(Name::Doi);
    facts.announce = text(Name::AnnounceType).map(|a| announce(&a));
    facts.license = text(Name::Rights).or_else(|| {
        el.kid(Name::License)
            .and_then(|l| l.href.as_deref())
            .map(str::to_owned)
    });
}

/// arXiv's announce types as they are kept: `new`, `cross`, `replace`,
/// `replace-cross`.
fn announce(a: &str) -> String {
    a.trim().to_ascii_lowercase()
}

/// The error an API answer carries as its one entry, when it is one.
fn api_error(entry: &Kids<'_, '_>) -> Option<String> {
    let id = entry.text(Name::Id)?;
    id.contains("/api/errors")
        .then(|| clean_markup(entry.text(Name::Summary).unwrap_or(id)))
}

/// The paper an item's ids and links name: any names it, one with its
/// version says more.
fn named(f: &Found<'_>) -> Option<IdVersion> {
    let mut first = None;
    for s in f.ids.iter().chain(&f.links) {
        let Some(found) = id_and_version(s) else {
            continue;
        };
        if found.1.is_some() {
            return Some(found);
        }
        first.get_or_insert(found);
    }
    first
}

/// Makes what an item says into a paper; false when it names none.
fn paper(mut f: Found<'_>, out: &mut Read) -> bool {
    let named = named(&f);
    // Markup made text, its blocks kept as lines.
    let text: Cow<'_, str> = if f.description.contains('<') {
        Cow::Owned(html_text(&f.description))
    } else {
        Cow::Borrowed(&f.description)
    };
    let flat = plain(&text);
    let mut from_text = None;
    let (summary, abstract_): (_, Cow<'_, str>) = match arxiv_description(&flat) {
        // arXiv's RSS: `arXiv:ID Announce Type: new Abstract: …`.
        Some((id, announce, abstract_)) => {
            from_text = Some(id);
            if f.facts.announce.is_none() {
                f.facts.announce = Some(announce);
            }
            (None, Cow::Borrowed(abstract_))
        }
        None => match split_summary_lines(&text) {
            Some((summary, abstract_)) => (summary, Cow::Owned(abstract_)),
            None => {
                let (summary, abstract_) = split_summary(&flat);
                (summary, Cow::Borrowed(abstract_))
            }
        },
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

/// An arXiv id and its version, as [`id_and_version`] gives them.
type IdVersion = (String, Option<String>);

/// `arXiv:2601.15305v1 Announce Type: new Abstract: …` -> the id and
/// version, the announce type and the abstract.
fn arxiv_description(d: &str) -> Option<(IdVersion, String, &str)> {
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
    Some((id, announce(kind), abstract_))
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
    // Most descriptions are not: look no further than the first line.
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    if first != Some("Abstract") {
        return None;
    }
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
fn split_summary(d: &str) -> (Option<String>, &str) {
    let whole = || (None, d);
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
        abstract_,
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

/// Where `title` is written in `body` (as JSON), at or after `from`,
/// which moves past it (looked for from the start each time, a feed of
/// thousands of items took seconds).
fn title_at(body: &str, from: &mut usize, title: &str) -> Option<usize> {
    let quoted = serde_json::to_string(title).unwrap_or_default();
    let at = *from + memchr::memmem::find(&body.as_bytes()[*from..], quoted.as_bytes())?;
    *from = at + quoted.len();
    Some(at)
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
    let mut from = 0;
    for (k, item) in feed.items.into_iter().enumerate() {
        // serde keeps no positions: the line is where the title is.
        let found = item
            .title
            .as_deref()
            .and_then(|t| title_at(body, &mut from, t));
        let line = found.map_or(k as u32 + 1, |at| lines.line_at(at));
        let mut f = Found {
            title: item.title.unwrap_or_default().into(),
            description: item
                .content_text
                .or(item.content_html)
                .or(item.summary.clone())
                .unwrap_or_default()
                .into(),
            line,
            ..Found::default()
        };
        f.ids.extend(
            item.id
                .and_then(|v| v.as_str().map(|s| s.to_owned().into())),
        );
        f.links.extend(item.url.map(Cow::Owned));
        f.links.extend(item.external_url.map(Cow::Owned));
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
            (Some("A short take.".to_owned()), "We present X.")
        );
        assert_eq!(
            split_summary(
                "Abstract AI-generated summary Short. Generated by gpt-4o-mini. Long one."
            ),
            (Some("Short.".to_owned()), "Long one.")
        );
        assert_eq!(split_summary("We present X."), (None, "We present X."));
    }

    /// A feed of `n` items of every kind: dated and not, naming a paper
    /// and not, an API error among Atom's; the channel's day after them.
    fn mixed_feed(atom: bool, n: usize) -> String {
        let mut s = String::from(if atom {
            "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        } else {
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>c</title>\n"
        });
        for k in 0..n {
            let id = if k % 7 == 3 {
                format!("https://example.com/{k}")
            } else {
                format!("http://arxiv.org/abs/2601.{k:05}v{}", k % 3 + 1)
            };
            let abs = if k % 7 == 3 {
                format!("S {k}")
            } else {
                format!("arXiv:2601.{k:05}v1 Announce Type: new \nAbstract: S {k}")
            };
            let date = if k % 5 == 0 {
                ""
            } else {
                "<pubDate>Tue, 20 Jan 2026</pubDate>"
            };
            if atom && k % 50 == 7 {
                s.push_str(
                    "<entry><id>http://arxiv.org/api/errors#x</id><summary>bad</summary></entry>\n",
                );
            } else if atom {
                s.push_str(&format!("<entry><id>{id}</id><title>T &amp; {k}</title><summary>S {k}</summary><author><name>A{k}</name></author><author><name>B</name></author><category term=\"cs.CL\"/></entry>\n"));
            } else {
                s.push_str(&format!("<item><title>T &amp; {k}</title><link>{id}</link>{date}<description>{abs}</description><dc:creator>A{k}, B</dc:creator></item>\n"));
            }
        }
        s.push_str(if atom {
            "</feed>\n"
        } else {
            "<pubDate>Wed, 21 Jan 2026 00:00:00 -0500</pubDate></channel></rss>\n"
        });
        s
    }

    #[test]
    fn papers_made_on_a_thread_of_their_own_are_the_same() {
        for atom in [false, true] {
            let feed = mixed_feed(atom, 3 * BATCH + 17);
            let (here, there) = (
                xml_feed_with("x", &feed, false),
                xml_feed_with("x", &feed, true),
            );
            assert!(here.papers.len() > 2 * BATCH, "{}", here.papers.len());
            assert!(!here.diagnostics.is_empty());
            assert_eq!(here.text, there.text);
            assert_eq!(here.papers, there.papers);
            let said = |r: &Read| {
                r.diagnostics
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(said(&here), said(&there));
            if !atom {
                assert!(
                    here.papers.iter().all(|p| p.date.is_some()),
                    "the channel's day"
                );
            }
        }
    }

    #[test]
    fn a_json_feed_items_line_is_its_titles() {
        let feed = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [\n{\"id\": \"2601.00001\", \"title\": \"A\"},\n{\"id\": \"2601.00002\", \"title\": \"B\"},\n\n{\"id\": \"2601.00003\", \"title\": \"C\"}\n]}";
        let r = read("f.json", feed);
        let lines: Vec<u32> = r.papers.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 5]);
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

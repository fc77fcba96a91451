//! The grammar of the page as text, as small nom combinators over `&str`:
//! what each line is. How lines make papers (which paragraph is a title and
//! which an abstract) is decided by their layout, in `text.rs`.
//!
//! ```text
//! digest     = bom? front? line*
//! front      = "---" eol (line - "---")* ("---" | "...") eol   ; YAML front matter, at the top only
//! line       = blank | url | date | furniture | text
//! blank      = (SP | TAB)* eol
//! url        = ["<"] ("http://" | "https://") nonspace+ [">"]   ; a link's address alone
//! date       = ["#"+ SP] month ["."] SP day ([","] SP year)?     ; "Jul 29", "July 29, 2024"
//! furniture  = count | upvotes | authors | dot | submitted | published | github
//!            | heading | chrome | residue
//! count      = digits ["." digits] ["k" | "M"]                 ; "117", "11.3k"
//! upvotes    = "[" ("-" | "+") "]" SP? count | "Upvote" [SP count] | count SP "upvotes"
//! authors    = ["-" | "·" | "•"] SP? digits SP "author" ["s"]    ; "· 8 authors"
//! dot        = "·" | "•"
//! submitted  = "Submitted by" (SP user)?                         ; the user may be on the next line
//! published  = ("Published" | "Submitted") " on" SP (date | any)
//! github     = "GitHub" SP count
//! heading    = "#"+ SP any                                        ; a Markdown heading on top
//! chrome     = a line that, folded to letters and digits, is a menu item of
//!              the site (Models, Pricing, Log In, Daily, Weekly, Trending Papers, …)
//! residue    = what is left of a link when a copy breaks it: "[", "](url)", "![alt](img)"
//! text       = any other line; a link around it is taken off:
//!              "[Title](url)" and "Title](url)" are "Title", with url kept
//! eol        = CR LF | LF | CR | EOF
//! ```

use memchr::memchr2;
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case},
    character::complete::{alpha1, char, digit1, one_of, space0, space1},
    combinator::{all_consuming, map, opt, rest, verify},
};

use crate::day::DateKey;

type Res<'a, O> = IResult<&'a str, O>;

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Line<'a> {
    Blank,
    /// Page or card furniture: never a title or an abstract, though what it
    /// says may be a fact about the paper it belongs to.
    Furniture(Furniture<'a>),
    /// A link's address standing on its own line.
    Url(&'a str),
    Date(Date<'a>),
    /// Part of a title or an abstract, trimmed; `link` is the address when
    /// the line was a link (`[Title](url)`, or `Title](url)` when a copy
    /// broke the link across lines).
    Text {
        text: &'a str,
        link: Option<&'a str>,
    },
}

/// Kinds of furniture. All but `Page` belong to a paper's card.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Furniture<'a> {
    /// Menus, headings, the site's slogans, broken link syntax.
    Page,
    Authors(u32),
    /// A lone `·`, between a card's facts.
    Dot,
    Upvotes(u32),
    /// A bare number: upvotes, or a comment count.
    Count(u32),
    /// `Submitted by`, with the user when on the same line.
    Submitted(Option<&'a str>),
    /// `Published on …`: the paper's own date.
    Published(&'a str),
    Github,
    /// The page's `Daily` / `Weekly` / `Monthly` tabs, under its search box.
    Tab,
}

impl Furniture<'_> {
    /// Whether it belongs to a paper's card (rather than to the page).
    pub fn is_card(&self) -> bool {
        !matches!(self, Furniture::Page | Furniture::Tab)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Date<'a> {
    pub text: &'a str,
    /// Sortable: year * 10000 + month * 100 + day (year 0 when not given).
    pub key: u32,
}

/// `eol = CR LF | LF | CR | EOF`. Written out rather than as `alt` of
/// tags: it ends every line of every digest.
pub fn eol(i: &str) -> Res<'_, ()> {
    let skip = match i.as_bytes() {
        [] => 0,
        [b'\r', b'\n', ..] => 2,
        [b'\n' | b'\r', ..] => 1,
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::CrLf,
            )));
        }
    };
    Ok((&i[skip..], ()))
}

/// `line = (any but CR, LF)* eol`; the line's text, without its ending.
/// Fails only at the end of input.
pub fn line(i: &str) -> Res<'_, &str> {
    if i.is_empty() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Eof,
        )));
    }
    let end = memchr2(b'\n', b'\r', i.as_bytes()).unwrap_or(i.len());
    let (text, rest) = i.split_at(end);
    let (rest, ()) = eol(rest)?;
    Ok((rest, text))
}

/// `bom = U+FEFF` at the very start (the loader also strips it anywhere).
pub fn bom(i: &str) -> Res<'_, Option<&str>> {
    opt(tag("\u{feff}")).parse(i)
}

/// Furniture and date lines are short; a longer line is neither, and is
/// taken for text without trying them.
pub(crate) const SHORT_LINE: usize = 160;

/// A count: `12`, `11.3k`, `2M`, as a whole number.
fn count(i: &str) -> Res<'_, u32> {
    let (rest, (whole, frac, unit)) =
        (digit1, opt((char('.'), digit1)), opt(one_of("kKmM"))).parse(i)?;
    // The site writes `11.3k`, never `2603.16777`: that is an arXiv id.
    if frac.is_some() && unit.is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    let base: f64 = format!("{whole}.{}", frac.map_or("0", |(_, f)| f))
        .parse()
        .unwrap_or(0.0);
    let scale = match unit {
        Some('k' | 'K') => 1e3,
        Some('m' | 'M') => 1e6,
        _ => 1.0,
    };
    Ok((rest, (base * scale).min(u32::MAX as f64) as u32))
}

/// `upvotes`: `[-] 12`, `[+] 3`, `Upvote 12`, `12 upvotes`.
fn upvotes(i: &str) -> Res<'_, u32> {
    alt((
        map(
            (char('['), one_of("-+"), char(']'), space0, count),
            |(.., n)| n,
        ),
        map(
            (
                tag_no_case("upvote"),
                opt(one_of("dD")),
                opt((space1, count)),
            ),
            |(.., n)| n.map_or(0, |(_, n)| n),
        ),
        map(
            (count, space1, tag_no_case("upvote"), opt(char('s'))),
            |(n, ..)| n,
        ),
    ))
    .parse(i)
}

/// `authors`: `- 8 authors`, `· 8 authors`, `1 author`.
fn authors(i: &str) -> Res<'_, u32> {
    map(
        (
            opt((one_of("-·•–"), space0)),
            count,
            space1,
            tag_no_case("author"),
            opt(one_of("sS")),
        ),
        |(_, n, ..)| n,
    )
    .parse(i)
}

/// `submitted`: `Submitted by akhaliq`, or `Submitted by` alone.
fn submitted(i: &str) -> Res<'_, Option<&str>> {
    map(
        (tag_no_case("submitted by"), rest),
        |(_, user): (_, &str)| Some(user.trim()).filter(|u| !u.is_empty()),
    )
    .parse(i)
}

/// `published`: `Published on Oct 4, 2026`; the date as written.
fn published(i: &str) -> Res<'_, &str> {
    map(
        (
            alt((tag_no_case("published"), tag_no_case("submitted"))),
            tag_no_case(" on"),
            space1,
            rest,
        ),
        |(.., d): (_, _, _, &str)| d.trim(),
    )
    .parse(i)
}

/// `github`: `GitHub 11.3k`.
fn github(i: &str) -> Res<'_, u32> {
    map((tag_no_case("github"), space1, count), |(.., n)| n).parse(i)
}

/// Menu items and slogans of the site, folded to lowercase letters and
/// digits. A line that folds to one of these whole is page furniture.
const CHROME: &[&str] = &[
    "new",
    "subscribe",
    "dailypapers",
    "byakandtheresearchcommunity",
    "gettrendingpapersinyouremailinbox",
    "gettrendingpapersinyouremailinboxonceaday",
    // The page's own title, which text exports repeat under their heading.
    "dailypapershuggingface",
    // `by AK and the research community` with the name a link of its own.
    "by",
    "andtheresearchcommunity",
    "huggingface",
    "models",
    "datasets",
    "spaces",
    "posts",
    "docs",
    "enterprise",
    "pricing",
    "login",
    "signup",
    "community",
    "solutions",
    "papers",
    "collections",
    "search",
    "daily",
    "weekly",
    "monthly",
    "trendingpapers",
    "trending",
    "previous",
    "next",
    "submitpaper",
    "submitapaper",
    "viewall",
    "seeall",
    "showmore",
    "readmore",
    "systemtheme",
    "company",
    "about",
    "jobs",
    "careers",
    "termsofservice",
    "tos",
    "privacy",
    "privacypolicy",
    "brandassets",
    "website",
    "resources",
    "learn",
    "blog",
    "forum",
    "discord",
    "changelog",
    "github",
    "twitter",
    "linkedin",
    "menu",
    "home",
    "comments",
    "addtocollection",
    "copylink",
    "share",
    "viewarxivpage",
    "viewpdf",
    "arxivpage",
    "pdf",
    "cite",
    "searchmodelsdatasetsusers",
    "modelscitingthispaper",
    "datasetscitingthispaper",
    "spacescitingthispaper",
    "collectionsincludingthispaper",
    "papersaccepted",
    "huggingfacelogo",
    "huggingfaceslogo",
];

/// Whether a short line is one of the site's menu items or slogans.
fn is_chrome(l: &str) -> bool {
    // Longer than any of them, or a question: no menu item asks one, and
    // folding would make a title like `TOS?` or `Trending?` one of them.
    if l.len() > 56 || l.ends_with('?') {
        return false;
    }
    // Folded once into a small buffer (this runs on every short line),
    // then looked up in the sorted list.
    let mut buf = [0u8; 64];
    let mut n = 0;
    for c in l
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        let mut tmp = [0u8; 4];
        let bytes = c.encode_utf8(&mut tmp).as_bytes();
        if n + bytes.len() > buf.len() {
            return false;
        }
        buf[n..n + bytes.len()].copy_from_slice(bytes);
        n += bytes.len();
    }
    let folded = &buf[..n];
    CHROME_SORTED
        .binary_search_by(|c| c.as_bytes().cmp(folded))
        .is_ok()
}

/// [`CHROME`], sorted for the lookup.
static CHROME_SORTED: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut v = CHROME.to_vec();
    v.sort_unstable();
    v
});

/// A lone mark left of a link, a bullet or a rule: `[`, `]`, `](`, `·`,
/// `---`, `***`. Letters and digits make text; these have none.
fn is_residue(l: &str) -> bool {
    !l.chars().any(char::is_alphanumeric)
}

/// `url`: a link's address standing alone, perhaps in `<…>` or `(…)`.
pub fn url(l: &str) -> Option<&str> {
    let t = l
        .trim()
        .trim_start_matches(['<', '('])
        .trim_end_matches(['>', ')']);
    let is_url = (t.starts_with("https://") || t.starts_with("http://"))
        && t.len() > 8
        && !t.contains(char::is_whitespace);
    is_url.then_some(t)
}

/// A link around a line: `[text](url)`, `text](url)`, `[text`, and an
/// image `![alt](src)` before the text. Returns the text and the address.
fn unlink(l: &str) -> (&str, Option<&str>) {
    let mut text = l;
    let mut link = None;
    if text.ends_with(')')
        && let Some(open) = text.rfind("](")
    {
        let target = &text[open + 2..text.len() - 1];
        if !target.contains(char::is_whitespace) || target.starts_with("http") {
            link = Some(target.split_whitespace().next().unwrap_or(target));
            text = &text[..open];
        }
    }
    // An image before the text: `![org](img)Org`.
    while let Some(img) = text.strip_prefix("[![").or_else(|| text.strip_prefix("![")) {
        match img
            .find("](")
            .and_then(|k| img[k..].find(')').map(|e| k + e + 1))
        {
            Some(end) => text = &img[end..],
            None => break,
        }
    }
    text = text
        .trim_start_matches(|c: char| c == '[' || c.is_whitespace())
        .trim_end();
    (text, link)
}

/// `furniture`, for a trimmed line of text.
pub fn furniture(t: &str) -> Option<Furniture<'_>> {
    let first = t.chars().next()?;
    // Most lines are titles: a long one that starts with a letter can only
    // be a count of upvotes, `Submitted by`, `Published on` or `GitHub …`.
    if t.len() > 48
        && first.is_alphabetic()
        && !matches!(first, 'u' | 'U' | 's' | 'S' | 'p' | 'P' | 'g' | 'G')
    {
        return None;
    }
    if t == "·" || t == "•" {
        return Some(Furniture::Dot);
    }
    if is_residue(t) {
        return Some(Furniture::Page);
    }
    if t.starts_with('#') {
        // A heading on top of a copy; a dated one is read as a date.
        let rest = t.trim_start_matches('#');
        if rest.starts_with(' ') && date_text(rest).is_none() {
            return Some(Furniture::Page);
        }
    }
    if let Ok((_, n)) = all_consuming(authors).parse(t) {
        return Some(Furniture::Authors(n));
    }
    if let Ok((_, n)) = all_consuming(upvotes).parse(t) {
        return Some(Furniture::Upvotes(n));
    }
    if let Ok((_, n)) = all_consuming(count).parse(t) {
        return Some(Furniture::Count(n));
    }
    if let Ok((_, d)) = published(t) {
        return Some(Furniture::Published(d));
    }
    if let Ok((_, user)) = submitted(t) {
        return Some(Furniture::Submitted(user));
    }
    if all_consuming(github).parse(t).is_ok() {
        return Some(Furniture::Github);
    }
    if ["Daily", "Weekly", "Monthly"].contains(&t) {
        return Some(Furniture::Tab);
    }
    is_chrome(t).then_some(Furniture::Page)
}

/// A month name or abbreviation, as 1..=12.
fn month(i: &str) -> Res<'_, u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let (rest, word) = alpha1(i)?;
    let w = word.as_bytes();
    // A prefix of the name, compared without allocating (runs on most titles).
    let abbreviates =
        |m: &str| m.len() >= w.len() && m.as_bytes()[..w.len()].eq_ignore_ascii_case(w);
    let found = MONTHS.iter().position(|m| {
        w.len() >= 3 && (abbreviates(m) || (w.eq_ignore_ascii_case(b"sept") && *m == "september"))
    });
    match found {
        Some(m) => Ok((rest, m as u32 + 1)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// A day of the month, 1..=31.
fn day(i: &str) -> Res<'_, u32> {
    verify(
        map(verify(digit1, |d: &str| d.len() <= 2), |d: &str| {
            d.parse::<u32>().unwrap_or(0)
        }),
        |d| (1..=31).contains(d),
    )
    .parse(i)
}

/// A four-digit year.
fn year(i: &str) -> Res<'_, u32> {
    map(verify(digit1, |d: &str| d.len() == 4), |d: &str| {
        d.parse::<u32>().unwrap_or(0)
    })
    .parse(i)
}

/// The date of a line such as `Jul 29`, `July 29, 2024` or `## Jul 29`.
pub fn date_text(l: &str) -> Option<Date<'_>> {
    let t = l.trim().trim_start_matches('#').trim_start();
    // Every month starts with one of these.
    if !matches!(
        t.as_bytes().first().map(u8::to_ascii_lowercase),
        Some(b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
    ) {
        return None;
    }
    let parsed = all_consuming((
        month,
        opt(char('.')),
        space1,
        day,
        opt((opt(char(',')), space1, year)),
    ))
    .parse(t);
    let (_, (m, _, _, d, y)) = parsed.ok()?;
    let key = DateKey::of(y.map(|(_, _, y)| y), m, d)?;
    Some(Date {
        text: t,
        key: key.0,
    })
}

/// An ISO date, `2024-10-07` (at the start of a timestamp too), as a key
/// (the calendar's one parser: 2023-02-29 is no date).
pub fn iso_date_key(s: &str) -> Option<u32> {
    DateKey::parse_iso(s).map(|k| k.0)
}

/// What one line of text is. Most lines are long (abstracts) and are
/// settled without trying the furniture and date parsers.
pub fn classify(l: &str) -> Line<'_> {
    let t = l.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    if t.len() > SHORT_LINE {
        if t.ends_with(')') && t.contains("](") {
            let (text, link) = unlink(t);
            return Line::Text { text, link };
        }
        return Line::Text {
            text: t,
            link: None,
        };
    }
    if let Some(u) = url(t) {
        return Line::Url(u);
    }
    if let Some(d) = date_text(t) {
        return Line::Date(d);
    }
    if let Some(f) = furniture(t) {
        return Line::Furniture(f);
    }
    let (text, link) = if t.contains('[') || t.contains("](") {
        unlink(t)
    } else {
        (t, None)
    };
    if text.len() < t.len() {
        // What is left of a link may itself be furniture, a date, or nothing.
        if text.is_empty() {
            return match link {
                Some(u) => Line::Url(u),
                None => Line::Furniture(Furniture::Page),
            };
        }
        if let Some(d) = date_text(text) {
            return Line::Date(d);
        }
        if let Some(f) = furniture(text) {
            return Line::Furniture(f);
        }
    }
    Line::Text { text, link }
}

/// [`classify`] for a page in its own tidy shape, where no line shows the
/// live page's furniture: a link's address alone on a line (a wrapped
/// abstract's end, or an abstract that is only a URL), a lone mark (`.`)
/// and a leading `[` (`[ICLR26] …`) are the page's text.
pub fn classify_tidy(l: &str) -> Line<'_> {
    let t = l.trim();
    match classify(l) {
        Line::Url(_) => Line::Text {
            text: t,
            link: None,
        },
        Line::Furniture(Furniture::Page)
            if is_residue(t) && !t.chars().all(|c| "-*=_#~`".contains(c)) =>
        {
            Line::Text {
                text: t,
                link: None,
            }
        }
        Line::Text { link: None, .. } => Line::Text {
            text: t,
            link: None,
        },
        other => other,
    }
}

/// Whether a page's first lines show the live page's furniture: a card's
/// counts, `·`, `Submitted by`, `Published on`, a GitHub line, a link of
/// the site's own, or Markdown link syntax. Only then are link-furniture
/// rules applied (a tidy digest's URL lines and marks are its text).
pub fn is_furnished(head: &str) -> bool {
    // A capture shows furniture on every card; a tidy day may hold an odd
    // abstract or two that looks like it (a lone site link, a number).
    head.lines()
        .take(5000)
        .filter(|l| match classify(l) {
            Line::Furniture(f) => !matches!(f, Furniture::Page | Furniture::Tab),
            Line::Url(u) => u.contains("huggingface.co"),
            Line::Text { link, .. } => link.is_some(),
            _ => false,
        })
        .nth(FURNISHED_LINES - 1)
        .is_some()
}

/// How many lines of the live page's furniture make a capture of it.
const FURNISHED_LINES: usize = 3;

/// Whether a text line is certainly prose, whatever stands around it: over
/// 300 characters or 40 words. No title is that long, so such a line ends
/// what came before it (see `text.rs`, and where `stream.rs` cuts a file).
pub fn is_long(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() <= 80 {
        return false; // 80 bytes hold neither 41 words nor 301 characters
    }
    if b.len() > 4 * 300 {
        return true; // over 300 characters whatever their width in bytes
    }
    // Every line runs this: characters are counted only when the bytes
    // could hold 301 of them, words only when the spaces could part 41.
    let chars = if b.len() > 300 {
        if t.is_ascii() {
            b.len()
        } else {
            t.chars().count()
        }
    } else {
        0
    };
    if chars > 300 {
        return true;
    }
    if !t.is_ascii() {
        return t.split_whitespace().count() > 40;
    }
    // Words are at most one more than the white space between them.
    let white = b
        .iter()
        .filter(|&&c| c == b' ' || (b'\t'..=b'\r').contains(&c))
        .count();
    white >= 40 && ascii_words(b) > 40
}

/// Whether a line reads as sentences: it ends with a full stop and has 12
/// words or more, or it holds a sentence break (`. ` then a capital) and
/// has 10 words or more. A full stop that ends an abbreviation (`Dr.`,
/// `vs.`, `v.s.`, `e.g.`, an initial) breaks no sentence, so titles such
/// as `Dr. Kernel: …` or `GUI vs. CLI: …` do not read as sentences. A
/// hint, not a rule: the layout decides (`text.rs`).
pub fn reads_as_sentences(t: &str) -> bool {
    let dot = memchr::memchr(b'.', t.as_bytes()).is_some();
    if !dot {
        return false;
    }
    let words = if t.is_ascii() {
        ascii_words(t.as_bytes())
    } else {
        t.split_whitespace().count()
    };
    if words < 10 {
        return false;
    }
    let last = t.split_whitespace().last().unwrap_or("");
    let ends_sentence = last.ends_with('.') && !last.ends_with("..") && !is_abbreviation(last);
    let mut tokens = t.split_whitespace().peekable();
    let mut sentence_break = false;
    while let Some(w) = tokens.next() {
        let next_capital = tokens
            .peek()
            .is_some_and(|n| n.starts_with(|c: char| c.is_uppercase()));
        if w.ends_with('.') && next_capital && !is_abbreviation(w) {
            sentence_break = true;
            break;
        }
    }
    (ends_sentence && words >= 12) || (sentence_break && words >= 10)
}

/// A word whose full stop marks an abbreviation, not a sentence's end: a
/// known one (`Dr.`, `vs.`, `et al.`, `Fig.`), an initial (`A.`), or one
/// with a stop inside (`v.s.`, `e.g.`, `U.S.`).
fn is_abbreviation(word: &str) -> bool {
    const KNOWN: [&str; 24] = [
        "dr", "mr", "mrs", "ms", "st", "vs", "prof", "jr", "sr", "al", "fig", "figs", "eq", "eqs",
        "no", "vol", "cf", "etc", "inc", "ltd", "co", "approx", "resp", "sec",
    ];
    let w = word
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches('.');
    w.chars().count() <= 1 || w.contains('.') || KNOWN.iter().any(|k| w.eq_ignore_ascii_case(k))
}

/// `split_whitespace().count()` for ASCII text: the bytes that start a word,
/// counted in a loop the compiler turns into vector instructions.
fn ascii_words(b: &[u8]) -> usize {
    // char::is_whitespace on ASCII: tab, LF, VT, FF, CR, space.
    let space = |c: u8| c == b' ' || (b'\t'..=b'\r').contains(&c);
    let first = b.first().is_some_and(|&c| !space(c)) as usize;
    let starts = b
        .iter()
        .zip(b.iter().skip(1))
        .map(|(&prev, &c)| (space(prev) & !space(c)) as usize)
        .sum::<usize>();
    first + starts
}

/// `front`: the length of YAML front matter at the top of a text (after a
/// BOM), and the text between its fences.
pub fn front_matter(i: &str) -> Option<(usize, &str)> {
    let (body, first) = line(i).ok()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut rest = body;
    while let Ok((next, l)) = line(rest) {
        if matches!(l.trim_end(), "---" | "...") {
            let inner = &body[..body.len() - rest.len()];
            return Some((i.len() - next.len(), inner));
        }
        rest = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eol_accepts_every_ending() {
        assert_eq!(eol("\r\nx"), Ok(("x", ())));
        assert_eq!(eol("\nx"), Ok(("x", ())));
        assert_eq!(eol("\rx"), Ok(("x", ())));
        assert_eq!(eol(""), Ok(("", ())));
        assert!(eol("x").is_err());
    }

    #[test]
    fn line_splits_on_any_ending() {
        assert_eq!(line("ab\r\ncd"), Ok(("cd", "ab")));
        assert_eq!(line("ab\rcd"), Ok(("cd", "ab")));
        assert_eq!(line("ab"), Ok(("", "ab")));
        assert_eq!(line("\n"), Ok(("", "")));
        assert!(line("").is_err());
    }

    #[test]
    fn bom_is_optional() {
        assert_eq!(bom("\u{feff}x"), Ok(("x", Some("\u{feff}"))));
        assert_eq!(bom("x"), Ok(("x", None)));
    }

    #[test]
    fn counts_read_as_numbers() {
        assert_eq!(count("117"), Ok(("", 117)));
        assert_eq!(count("11.3k"), Ok(("", 11_300)));
        assert_eq!(count("2M x"), Ok((" x", 2_000_000)));
        assert!(count("k").is_err());
        assert!(count("2603.16777").is_err(), "an arXiv id");
    }

    #[test]
    fn upvote_forms() {
        assert_eq!(upvotes("[-] 1"), Ok(("", 1)));
        assert_eq!(upvotes("[+]12"), Ok(("", 12)));
        assert_eq!(upvotes("Upvote 117"), Ok(("", 117)));
        assert_eq!(upvotes("Upvoted"), Ok(("", 0)));
        assert_eq!(upvotes("12 upvotes"), Ok(("", 12)));
    }

    #[test]
    fn author_counts() {
        assert_eq!(authors("· 8 authors"), Ok(("", 8)));
        assert_eq!(authors("- 3 authors"), Ok(("", 3)));
        assert_eq!(authors("1 author"), Ok(("", 1)));
        assert!(authors("authors").is_err());
    }

    #[test]
    fn submitted_and_published() {
        assert_eq!(submitted("Submitted by akhaliq"), Ok(("", Some("akhaliq"))));
        assert_eq!(submitted("Submitted by"), Ok(("", None)));
        assert_eq!(
            published("Published on Oct 4, 2026"),
            Ok(("", "Oct 4, 2026"))
        );
        assert_eq!(github("GitHub 11.3k"), Ok(("", 11_300)));
    }

    #[test]
    fn furniture_of_a_live_page() {
        for l in [
            "42",
            "11.3k",
            "[-] 1",
            "Submitted by akhaliq",
            "Submitted by",
            "Published on Jul 28",
            "- 8 authors",
            "· 8 authors",
            "1 author",
            "GitHub 11.3k",
            "Upvote",
            "new",
            "Get trending papers in your email inbox!",
            "Daily Papers",
            "daily  papers ",
            "byAK and the research community",
            "Models",
            "Log In",
            "Sign Up",
            "Trending Papers",
            "Weekly",
            "[",
            "](",
            "---",
            "# Daily Papers - Hugging Face",
        ] {
            assert!(furniture(l.trim()).is_some(), "{l:?}");
        }
        assert_eq!(furniture("·"), Some(Furniture::Dot));
        assert_eq!(furniture("Monthly"), Some(Furniture::Tab));
        for l in [
            "New Vision Transformers",
            "42 Ways to Quantize",
            "GitHub Copilot",
            "Models of Models",
            "Dr. Kernel: Reinforcement Learning Done Right",
            // Questions are titles, though they fold to a menu item.
            "TOS?",
            "Trending?",
            "Models?",
        ] {
            assert!(furniture(l).is_none(), "{l:?}");
        }
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date_text("Jul 29"),
            Some(Date {
                text: "Jul 29",
                key: 729
            })
        );
        assert_eq!(date_text("July 4, 2024").map(|d| d.key), Some(2024_0704));
        assert_eq!(date_text("Sept 1").map(|d| d.key), Some(901));
        assert_eq!(date_text("## Oct 7").map(|d| d.key), Some(1007));
        assert!(date_text("Jul 32").is_none());
        assert!(date_text("Mayhem 3").is_none());
        assert!(date_text("Jul 29 papers").is_none());
        assert_eq!(iso_date_key("2024-10-07T12:00:00.000Z"), Some(2024_1007));
        assert_eq!(iso_date_key("2024-13-07"), None);
    }

    #[test]
    fn urls_alone_on_a_line() {
        assert_eq!(
            url("https://huggingface.co/papers/2410.05434"),
            Some("https://huggingface.co/papers/2410.05434")
        );
        assert_eq!(url("<https://x.org/a>"), Some("https://x.org/a"));
        assert_eq!(url("see https://x.org"), None);
        assert_eq!(url("https://"), None);
    }

    #[test]
    fn links_are_taken_off_text() {
        assert_eq!(
            unlink("[A Title](https://huggingface.co/papers/2410.05434)"),
            ("A Title", Some("https://huggingface.co/papers/2410.05434"))
        );
        assert_eq!(
            unlink("A Title](https://x.org/p)"),
            ("A Title", Some("https://x.org/p"))
        );
        assert_eq!(
            unlink("[![org](https://img/x.png)NVIDIA](https://huggingface.co/nvidia)"),
            ("NVIDIA", Some("https://huggingface.co/nvidia"))
        );
        assert_eq!(unlink("[Open"), ("Open", None));
    }

    #[test]
    fn lines_classified() {
        assert_eq!(classify("   \t"), Line::Blank);
        assert_eq!(
            classify("https://huggingface.co/papers/1"),
            Line::Url("https://huggingface.co/papers/1")
        );
        assert!(matches!(
            classify("2 authors](https://huggingface.co/papers/2410.05434)"),
            Line::Furniture(Furniture::Authors(2))
        ));
        assert!(matches!(
            classify("[- 3 authors](https://x)"),
            Line::Furniture(Furniture::Authors(3))
        ));
        assert!(matches!(
            classify(" [-] 1"),
            Line::Furniture(Furniture::Upvotes(1))
        ));
        assert!(matches!(classify("Oct 7, 2024"), Line::Date(_)));
        assert_eq!(
            classify("[GUI vs. CLI: A Study](https://huggingface.co/papers/2501.00001)"),
            Line::Text {
                text: "GUI vs. CLI: A Study",
                link: Some("https://huggingface.co/papers/2501.00001")
            }
        );
        assert_eq!(
            classify("[](https://x.org/a)"),
            Line::Url("https://x.org/a")
        );
        let long = format!("{} end.", "word ".repeat(60));
        assert_eq!(
            classify(&long),
            Line::Text {
                text: long.trim(),
                link: None
            }
        );
    }

    #[test]
    fn long_lines_and_sentences() {
        assert!(!is_long(
            "SentenceVAE: Enable Next-sentence Prediction for Large Language Models"
        ));
        assert!(is_long(&"word ".repeat(41)));
        assert!(is_long(&"x ".repeat(160)));
        assert!(is_long(&"x".repeat(400)));
        assert!(reads_as_sentences(
            "We study the problem of counting in language models and find that they fail often."
        ));
        assert!(reads_as_sentences(
            "Models fail. We show why this happens in many settings today"
        ));
        assert!(!reads_as_sentences("Can Language Models Count? A Study."));
        for title in [
            "Dr. Kernel: Reinforcement Learning Done Right for Kernels of Many Kinds",
            "GUI vs. CLI: Which Agents Do Better on Everyday Tasks for Real Users",
            "Exploration v.s. Exploitation: A Study of Many Agents in Many Worlds",
            "J. Smith and the Many Models: What Large Models Learn From Small Ones",
        ] {
            assert!(!reads_as_sentences(title), "{title}");
        }
    }

    #[test]
    fn front_matter_on_top() {
        let text = "---\ntitle: Daily Papers\nurl: https://huggingface.co/papers?date=2024-10-07\n---\nJul 29\n";
        let (len, inner) = front_matter(text).unwrap();
        assert_eq!(&text[len..], "Jul 29\n");
        assert!(inner.contains("date=2024-10-07"));
        assert_eq!(front_matter("Jul 29\n---\n"), None);
        assert_eq!(front_matter("---\nno end\n"), None);
    }
}

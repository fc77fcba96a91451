//! The digest grammar, as small nom combinators over `&str`.
//!
//! ```text
//! digest    = bom? entry* EOF
//! entry     = blank | noise | date | paper | stray
//! paper     = title gap abstract?
//! gap       = (blank | noise)*
//! abstract  = prose text* | text text+      ; one paragraph: lines with no blank between
//! stray     = abstract                       ; prose with no title before it (skipped, warned)
//! title     = text where !prose(text)
//! date      = month SP day ([","] SP year)?  ; "Jul 29", "July 29, 2024"
//! noise     = number | "Submitted by" ... | "Published on" ... | ["-"|"·"] n "authors"
//!           | "GitHub" number | "Upvote" [number] | chrome
//! chrome    = a line that, lowercased with only letters and digits kept, is one of
//!             new, subscribe, daily papers, byak and the research community,
//!             get trending papers in your email inbox
//! text      = line that is not blank, noise or a date
//! line      = (any but CR, LF)* eol
//! eol       = CR LF | LF | CR | EOF
//! ```
//!
//! **Title or abstract.** Alternation alone cannot tell them apart (both are a
//! line of text), so the grammar looks at what the line is. A line is *prose*
//! (an abstract) when it is long (over 300 characters or 40 words), or when it
//! reads as sentences: it ends with a full stop and has 12 words or more, or it
//! holds a sentence break (`. ` then a capital) and has 10 words or more. Anything
//! else is a title: one short line. In the sample the longest title has 161
//! characters and 21 words, the shortest abstract 1,373 characters. A paragraph
//! of several lines after a title is its abstract whatever its first line looks
//! like, so hard-wrapped abstracts read too.

use memchr::memchr2;
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while},
    character::complete::{alpha1, char, digit1, one_of, space0, space1},
    combinator::{all_consuming, map, opt, recognize, rest, value, verify},
    multi::{many0, many0_count},
};

type Res<'a, O> = IResult<&'a str, O>;

/// One thing the grammar recognised, with slices into the input.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry<'a> {
    Blank,
    /// A line of page furniture, skipped.
    Noise(&'a str),
    Date(Date<'a>),
    /// `abstract_` spans the whole paragraph (its line breaks included).
    Paper {
        title: &'a str,
        abstract_: Option<&'a str>,
    },
    /// A prose paragraph with no title before it.
    Stray(&'a str),
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

/// A line with nothing but spaces on it. Looks no further than the first
/// other character, so a long abstract line is rejected at once.
pub fn blank(i: &str) -> Res<'_, ()> {
    if i.is_empty() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Eof,
        )));
    }
    let (rest, _) = take_while(|c: char| c.is_whitespace() && c != '\n' && c != '\r').parse(i)?;
    eol(rest)
}

/// Noise and date lines are short; a line longer than this is neither, and
/// is rejected without finding its end.
pub(crate) const SHORT_LINE: usize = 160;

/// The text of the next line if it is at most [`SHORT_LINE`] bytes long.
fn short_line(i: &str) -> Res<'_, &str> {
    let head = &i.as_bytes()[..i.len().min(SHORT_LINE + 1)];
    let end = memchr2(b'\n', b'\r', head).unwrap_or(head.len());
    if end > SHORT_LINE {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::TooLarge,
        )));
    }
    line(i)
}

/// `bom = U+FEFF` at the very start (the loader also strips it anywhere).
pub fn bom(i: &str) -> Res<'_, Option<&str>> {
    opt(tag("\u{feff}")).parse(i)
}

/// An upvote-style count: `12`, `11.3k`, `2M`.
fn count(i: &str) -> Res<'_, &str> {
    recognize((digit1, opt((char('.'), digit1)), opt(one_of("kKmM")))).parse(i)
}

fn upvotes(i: &str) -> Res<'_, &str> {
    all_consuming(count).parse(i)
}

fn submitted(i: &str) -> Res<'_, &str> {
    recognize((tag_no_case("submitted by"), rest)).parse(i)
}

fn published(i: &str) -> Res<'_, &str> {
    recognize((tag_no_case("published on"), rest)).parse(i)
}

/// `- 8 authors`, `· 8 authors`, `1 author`.
fn authors(i: &str) -> Res<'_, &str> {
    all_consuming(recognize((
        opt((one_of("-·•–"), space0)),
        digit1,
        space1,
        tag_no_case("author"),
        opt(one_of("sS")),
    )))
    .parse(i)
}

/// `GitHub 11.3k`
fn github(i: &str) -> Res<'_, &str> {
    all_consuming(recognize((tag_no_case("github"), space1, count))).parse(i)
}

/// `Upvote`, `Upvote 12`
fn upvote(i: &str) -> Res<'_, &str> {
    all_consuming(recognize((tag_no_case("upvote"), opt((space1, count))))).parse(i)
}

/// Page chrome, matched loosely: case, spacing and punctuation are ignored.
fn chrome(i: &str) -> Res<'_, &str> {
    const CHROME: [&str; 5] = [
        "new",
        "subscribe",
        "dailypapers",
        "byakandtheresearchcommunity",
        "gettrendingpapersinyouremailinbox",
    ];
    // Compared without allocating: this runs on every short line.
    let folded_eq = |l: &str, want: &str| {
        let mut got = l
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase);
        want.chars().all(|w| got.next() == Some(w)) && got.next().is_none()
    };
    verify(rest, |l: &str| {
        l.len() <= 64 && CHROME.iter().any(|c| folded_eq(l, c))
    })
    .parse(i)
}

/// A quick look at the first letter or digit: every noise line starts with
/// a digit, a dash or dot, or the first letter of one of its words (it is
/// run on every title, and most titles fail here).
fn may_be_noise(t: &str) -> bool {
    match t.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_ascii_digit() => true,
        Some(c) => matches!(
            c.to_ascii_lowercase(),
            's' | 'p' | 'g' | 'u' | 'n' | 'd' | 'b'
        ),
        None => false,
    }
}

/// The text of a noise line (trimmed), if `l` is one.
pub fn noise_text(l: &str) -> Option<&str> {
    let t = l.trim();
    if !may_be_noise(t) {
        return None;
    }
    alt((
        upvotes, submitted, published, authors, github, upvote, chrome,
    ))
    .parse(t)
    .ok()
    .map(|_| t)
}

/// `noise`: a line of page furniture.
pub fn noise(i: &str) -> Res<'_, &str> {
    let (rest, l) = short_line(i)?;
    match noise_text(l) {
        Some(t) => Ok((rest, t)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
    }
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

/// The date of a line such as `Jul 29` or `July 29, 2024`.
pub fn date_text(l: &str) -> Option<Date<'_>> {
    let t = l.trim();
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
    parsed.ok().map(|(_, (m, _, _, d, y))| Date {
        text: t,
        key: y.map_or(0, |(_, _, y)| y) * 10_000 + m * 100 + d,
    })
}

/// `date`: a section's date line.
pub fn date(i: &str) -> Res<'_, Date<'_>> {
    let (rest, l) = short_line(i)?;
    match date_text(l) {
        Some(d) => Ok((rest, d)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// Whether a line reads as prose (an abstract) rather than a title; see the
/// module comment for the rule.
pub fn is_prose(l: &str) -> bool {
    let t = l.trim();
    if t.len() > 4 * 300 {
        return true; // over 300 characters whatever their width in bytes
    }
    let dot = memchr::memchr(b'.', t.as_bytes()).is_some();
    if !dot && t.len() <= 80 {
        // Runs on every title, and settles most: no full stop means no
        // sentences, and 80 bytes hold neither 41 words nor 301 characters.
        return false;
    }
    // ASCII lines are measured byte by byte.
    let (chars, words) = if t.is_ascii() {
        (t.len(), ascii_words(t.as_bytes()))
    } else {
        (t.chars().count(), t.split_whitespace().count())
    };
    if chars > 300 || words > 40 {
        return true;
    }
    if words < 10 {
        return false; // too short to read as sentences, as most titles are
    }
    let ends_sentence = t.ends_with('.') && !t.ends_with("..");
    let b = t.as_bytes();
    let sentence_break = memchr::memchr_iter(b'.', b)
        .any(|i| b.get(i + 1) == Some(&b' ') && b.get(i + 2).is_some_and(u8::is_ascii_uppercase));
    (ends_sentence && words >= 12) || (sentence_break && words >= 10)
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

/// `text`: a line that is not blank, noise or a date.
pub fn text(i: &str) -> Res<'_, &str> {
    verify(line, |l: &str| {
        !l.trim().is_empty()
            && (l.len() > SHORT_LINE || (noise_text(l).is_none() && date_text(l).is_none()))
    })
    .parse(i)
}

/// `title`: a text line that is not prose; trimmed.
pub fn title(i: &str) -> Res<'_, &str> {
    map(verify(text, |l: &str| !is_prose(l)), str::trim).parse(i)
}

/// `gap = (blank | noise)*` between a title and its abstract.
pub fn gap(i: &str) -> Res<'_, usize> {
    many0_count(alt((blank, value((), noise)))).parse(i)
}

/// `abstract = prose text* | text text+`: the paragraph's span, line breaks
/// inside, trailing ones and spaces trimmed.
pub fn abstract_(i: &str) -> Res<'_, &str> {
    map(abstract_lines, |(a, _)| a).parse(i)
}

/// [`abstract_`], with how many lines it spans.
fn abstract_lines(i: &str) -> Res<'_, (&str, usize)> {
    let (after_first, first) = text(i)?;
    let (rest, more) = many0_count(text).parse(after_first)?;
    if more == 0 && !is_prose(first) {
        // One short line is a title, not an abstract.
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, (i[..i.len() - rest.len()].trim(), 1 + more)))
}

/// `paper = title gap abstract?`. The gap is only consumed when an abstract
/// follows, so a title with no abstract leaves the blank lines after it alone.
pub fn paper(i: &str) -> Res<'_, Entry<'_>> {
    let (after_title, t) = title(i)?;
    let (rest, (entry, _)) = paper_after_title(after_title, t);
    Ok((rest, entry))
}

/// The rest of a paper whose title has been read, and how many lines after
/// the title's it spans.
fn paper_after_title<'a>(after_title: &'a str, title: &'a str) -> (&'a str, (Entry<'a>, usize)) {
    let with_abstract = gap(after_title).and_then(|(after_gap, gap_lines)| {
        let (rest, (a, lines)) = abstract_lines(after_gap)?;
        Ok((rest, (Some(a), gap_lines + lines)))
    });
    let (rest, (abstract_, lines)) = with_abstract.unwrap_or((after_title, (None, 0)));
    (rest, (Entry::Paper { title, abstract_ }, lines))
}

/// `entry = blank | noise | date | paper | stray`. Total on non-empty input:
/// every line is one of these, so a digest never fails to parse.
pub fn entry(i: &str) -> Res<'_, Entry<'_>> {
    map(entry_lines, |(e, _)| e).parse(i)
}

/// [`entry`], with how many lines it spans (the loader numbers papers by
/// them). The alternatives all start with one line, and what that line is
/// decides which applies, so it is read and classified once: a line that
/// is neither blank, noise nor a date is a title unless it is prose.
pub fn entry_lines(i: &str) -> Res<'_, (Entry<'_>, usize)> {
    let (rest, l) = line(i)?;
    if l.trim().is_empty() {
        return Ok((rest, (Entry::Blank, 1)));
    }
    if l.len() <= SHORT_LINE {
        if let Some(t) = noise_text(l) {
            return Ok((rest, (Entry::Noise(t), 1)));
        }
        if let Some(d) = date_text(l) {
            return Ok((rest, (Entry::Date(d), 1)));
        }
    }
    if is_prose(l) {
        let (rest, (a, lines)) = abstract_lines(i)?;
        return Ok((rest, (Entry::Stray(a), lines)));
    }
    let (rest, (entry, lines)) = paper_after_title(rest, l.trim());
    Ok((rest, (entry, 1 + lines)))
}

/// `digest = bom? entry* EOF`, collected; the loader drives [`entry`] itself
/// to avoid holding every entry at once.
pub fn digest(i: &str) -> Res<'_, Vec<Entry<'_>>> {
    let (i, _) = bom(i)?;
    all_consuming(many0(entry)).parse(i)
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
    fn blank_takes_spaces_only() {
        assert_eq!(blank("   \nx"), Ok(("x", ())));
        assert!(blank("a\n").is_err());
    }

    #[test]
    fn long_lines_are_never_noise_or_dates() {
        let long = format!("Submitted by {}", "x".repeat(200));
        assert!(noise(&long).is_err());
        assert_eq!(text(&long), Ok(("", long.as_str())));
    }

    #[test]
    fn bom_is_optional() {
        assert_eq!(bom("\u{feff}x"), Ok(("x", Some("\u{feff}"))));
        assert_eq!(bom("x"), Ok(("x", None)));
    }

    #[test]
    fn noise_lines() {
        for l in [
            "42",
            "11.3k",
            "Submitted by akhaliq",
            "Published on Jul 28",
            "- 8 authors",
            "· 8 authors",
            "1 author",
            "GitHub 11.3k",
            "Upvote",
            "upvote 12",
            "new",
            "Get trending papers in your email inbox!",
            "Subscribe",
            "Daily Papers",
            "daily  papers ",
            "byAK and the research community",
            "by AK and the research community",
        ] {
            assert_eq!(noise(l), Ok(("", l.trim())), "{l:?}");
        }
        for l in [
            "New Vision Transformers",
            "42 Ways to Quantize",
            "GitHub Copilot",
        ] {
            assert!(noise(l).is_err(), "{l:?}");
        }
    }

    #[test]
    fn quick_rejects_agree_with_the_parsers() {
        for l in [
            "Large Language Models",
            "Vision",
            "~~",
            "",
            "量子化",
            "Über",
        ] {
            assert!(!may_be_noise(l), "{l}");
            assert!(noise_text(l).is_none() && date_text(l).is_none(), "{l}");
        }
        for l in ["• Daily Papers", "42", "- 3 authors", "Upvote"] {
            assert!(may_be_noise(l.trim()), "{l}");
        }
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date("Jul 29\n"),
            Ok((
                "",
                Date {
                    text: "Jul 29",
                    key: 729
                }
            ))
        );
        assert_eq!(date("July 4, 2024").map(|(_, d)| d.key), Ok(2024_0704));
        assert_eq!(date("Sept 1").map(|(_, d)| d.key), Ok(901));
        assert!(date("Jul 32").is_err());
        assert!(date("Mayhem 3").is_err());
        assert!(date("Jul 29 papers").is_err());
    }

    #[test]
    fn prose_or_title() {
        assert!(!is_prose(
            "SentenceVAE: Enable Next-sentence Prediction for Large Language Models with Faster Speed, Higher Accuracy and Longer Context"
        ));
        assert!(!is_prose("Can Language Models Count? A Study."));
        assert!(is_prose(
            "We study the problem of counting in language models and find that they fail often."
        ));
        assert!(is_prose(
            "Models fail. We show why this happens in many settings today"
        ));
        assert!(is_prose(&"word ".repeat(41)));
        assert!(is_prose(&"x".repeat(301)));
    }

    #[test]
    fn title_trims_and_rejects_prose() {
        assert_eq!(title("  A Title  \n"), Ok(("", "A Title")));
        assert!(title(&format!("{}\n", "long ".repeat(50))).is_err());
        assert!(title("42\n").is_err());
    }

    #[test]
    fn gap_skips_blanks_and_noise() {
        assert_eq!(gap("\n \nSubmitted by x\n12\nText"), Ok(("Text", 4)));
    }

    #[test]
    fn abstract_is_a_paragraph() {
        let prose = "We propose a method that works. It is good and fast and small.";
        assert_eq!(
            abstract_(&format!("{prose}\nmore\n\nNext")),
            Ok(("\nNext", &*format!("{prose}\nmore")))
        );
        // A hard-wrapped paragraph counts even when its first line is short.
        assert_eq!(
            abstract_("short line\nanother\n"),
            Ok(("", "short line\nanother"))
        );
        assert!(abstract_("Just A Title\n\n").is_err());
    }

    #[test]
    fn paper_with_and_without_abstract() {
        let abs = "We propose a method that works well on many tasks and beats baselines.";
        assert_eq!(
            paper(&format!("Title\n\n{abs}\n\nNext")),
            Ok((
                "\nNext",
                Entry::Paper {
                    title: "Title",
                    abstract_: Some(abs)
                }
            ))
        );
        assert_eq!(
            paper("Title\n\nAnother Title\n"),
            Ok((
                "\nAnother Title\n",
                Entry::Paper {
                    title: "Title",
                    abstract_: None
                }
            ))
        );
    }

    #[test]
    fn entry_is_total() {
        let abs = "We propose a method that works well on many tasks and beats baselines.";
        assert_eq!(entry("\n"), Ok(("", Entry::Blank)));
        assert_eq!(entry("Upvote\n"), Ok(("", Entry::Noise("Upvote"))));
        assert!(matches!(entry("Jul 28\n"), Ok(("", Entry::Date(_)))));
        assert_eq!(entry(abs), Ok(("", Entry::Stray(abs))));
    }

    #[test]
    fn digest_collects_entries() {
        let (_, entries) = digest("\u{feff}Daily Papers\nJul 29\nT\n").unwrap();
        assert_eq!(entries.len(), 3);
    }
}

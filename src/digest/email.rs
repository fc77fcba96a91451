//! arXiv listing e-mails: the daily subscription message, as its body was
//! saved or as the whole message (`.eml`: headers, quoted-printable or
//! base64, MIME parts; mail-parser decodes those).
//!
//! The body is page text of a known grammar:
//!
//! ```text
//! listing  = { line } { entry }                 ; the header block is skipped
//! entry    = "\\" eol id-line [date-line] { blank } { field } "\\" eol
//!            { abstract-line } trailer
//! id-line  = "arXiv:" id [version] [" (*cross-listing*)"] eol
//! date-line= "Date" [" (revised " version ")"] ":" text eol
//!          | "replaced with revised version " text eol
//! field    = key ":" value eol { (" " | TAB) continuation eol }
//! trailer  = "\\ (" url "," size ")" eol
//! ```
//!
//! A line of `%%--%%` starts the cross-listings, one of `%%%---%%%` the
//! replacements; each entry is marked with its section.

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_while1};
use nom::character::complete::{digit1, space0};
use nom::combinator::{opt, recognize, rest};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

use super::arxiv::{MOST_AUTHORS, add_category, iso_day, split_authors};
use super::facts::{Facts, split_version};
use super::{Diagnostic, Read, ReadPaper, sanitize};

type Res<'a, T> = IResult<&'a str, T>;

/// What the recogniser asks: arXiv's entries (`arXiv:ID` after a `\\`
/// line, a `Title:` line), or a mail message's headers.
pub(super) fn is_email(t: &str) -> bool {
    let mut lines = t.lines();
    let mut prev_sep = false;
    let (mut entries, mut titles) = (0, 0);
    for l in lines.by_ref().take(2000) {
        if prev_sep && id_line(l).is_ok() {
            entries += 1;
        }
        if l.starts_with("Title:") {
            titles += 1;
        }
        prev_sep = l.trim_end() == "\\\\";
    }
    entries >= 1 && titles >= 1 || is_message(t)
}

/// Whether `t` starts as a mail message: a header block (up to its first
/// blank line) naming a sender and a subject or a route.
fn is_message(t: &str) -> bool {
    let header = |l: &str| {
        let name = l.split_once(':').map_or("", |(n, _)| n);
        !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
    };
    let Some(first) = t.lines().next() else {
        return false;
    };
    if !header(first) {
        return false;
    }
    let block: Vec<&str> = t
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .take(500)
        .collect();
    let has = |h: &str| {
        block
            .iter()
            .any(|l| l.get(..h.len()).is_some_and(|x| x.eq_ignore_ascii_case(h)))
    };
    has("From:") && (has("Subject:") || has("Received:") || has("MIME-Version:"))
}

/// `id-line`: the id, its version, whether it is a cross-listing.
fn id_line(l: &str) -> Res<'_, (&str, Option<&str>, bool)> {
    let id = recognize((digit1, tag("."), digit1));
    let old = recognize((
        take_while1(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '.'),
        tag("/"),
        digit1,
    ));
    let version = recognize(preceded(tag("v"), digit1));
    let cross = opt(preceded(space0, tag("(*cross-listing*)")));
    let (rest, (id, version, cross)) =
        preceded(tag("arXiv:"), (alt((id, old)), opt(version), cross)).parse(l.trim_end())?;
    Ok((rest, (id, version, cross.is_some())))
}

/// `date-line`: the date, the version it names (`Date (revised v2):`), and
/// whether it says the entry replaces an earlier version.
fn date_line(l: &str) -> Res<'_, (&str, Option<&str>, bool)> {
    let revised = delimited(
        tag(" (revised "),
        recognize(preceded(tag("v"), digit1)),
        tag(")"),
    );
    let dated = (
        preceded(tag("Date"), opt(revised)),
        preceded(tag(":"), rest),
    )
        .map(|(v, d): (Option<&str>, &str)| (d.trim(), v, v.is_some()));
    let replaced =
        preceded(tag("replaced with revised version"), rest).map(|d: &str| (d.trim(), None, true));
    alt((dated, replaced)).parse(l)
}

/// `field`'s first line: its key and value.
fn field(l: &str) -> Res<'_, (&str, &str)> {
    let key = take_till1(|c: char| c == ':' || c == ' ');
    let key2 = recognize((
        key,
        opt((tag(" "), take_till1(|c: char| c == ':' || c == ' '))),
    ));
    (key2, preceded(tag(":"), rest))
        .map(|(k, v): (&str, &str)| (k, v.trim()))
        .parse(l)
}

/// `trailer`: `\\ ( https://arxiv.org/abs/ID , 215kb)`.
fn trailer(l: &str) -> Res<'_, &str> {
    preceded((tag("\\\\"), space0, tag("(")), rest).parse(l)
}

/// Which part of the listing an entry is in.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Section {
    New,
    Cross,
    Replaced,
}

/// Reads a listing: the whole message decoded first when it is one.
pub(super) fn read(name: &str, text: &str) -> Read {
    let mut out = Read::default();
    if is_message(text) {
        let Some((body, offset)) = message_body(text) else {
            out.diagnostics.push(Diagnostic::error(
                name,
                None,
                "an e-mail with no text part; not an arXiv listing",
            ));
            return out;
        };
        listing(name, &body, offset, &mut out);
    } else {
        listing(name, text, 0, &mut out);
    }
    if out.papers.is_empty() && out.diagnostics.is_empty() {
        out.diagnostics.push(Diagnostic::error(
            name,
            None,
            "an e-mail, but not an arXiv listing (no `arXiv:ID` entries)",
        ));
    }
    out
}

/// The first text part of a message, decoded and made safe (decoding may
/// spell control characters again), with the number of lines before it.
fn message_body(text: &str) -> Option<(String, u32)> {
    let msg = mail_parser::MessageParser::default().parse(text.as_bytes())?;
    let body = msg.body_text(0)?;
    let mut bytes = body.into_owned().into_bytes();
    sanitize::sanitize(&mut bytes);
    let header_lines = text.lines().take_while(|l| !l.trim().is_empty()).count() as u32 + 1;
    Some((String::from_utf8_lossy(&bytes).into_owned(), header_lines))
}

/// The least a part of a listing read on a core of its own is: a thread
/// costs far less than reading a MiB.
const PART: usize = 1 << 20;

/// Reads every entry of a listing's body; `offset` lines come before it.
/// A long body is read in parts on every core, each from an entry's
/// start. A part is kept only where the part before it ended right at its
/// start, in the section it guessed; else that stretch is read again from
/// where the reading got to, so the result is always the one read in turn.
fn listing(name: &str, body: &str, offset: u32, out: &mut Read) {
    let parts = super::decode::part_count(body.len(), PART);
    listing_in_parts(name, body, offset, out, parts);
}

/// [`listing`] in `parts` parts.
fn listing_in_parts(name: &str, body: &str, offset: u32, out: &mut Read, parts: usize) {
    let lines = lines_of(body);
    let cuts = entry_cuts(&lines, parts);
    let ranges: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    let read = crate::par::map(ranges, crate::par::cores(), |(from, to)| {
        let guess = section_at(&lines[..from]);
        let mut read = Read::default();
        let end = read_lines(name, &lines, (from, to), guess, offset, &mut read);
        (from, to, guess, end, read)
    });
    let mut at = (0, Section::New);
    for (from, to, guess, end, read) in read {
        if (from, guess) == at {
            out.append(read);
            at = end;
        } else if at.0 < to {
            at = read_lines(name, &lines, (at.0, to), at.1, offset, out);
        }
    }
}

/// Where to cut `lines` into `parts`: at a `\\` line before an id line
/// (an entry's start), the first at or after each even share.
fn entry_cuts(lines: &[&str], parts: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    for p in 1..parts {
        let from = (lines.len() * p / parts).max(cuts[cuts.len() - 1] + 1);
        let start = (from..lines.len().saturating_sub(1))
            .find(|&k| lines[k].trim_end() == "\\\\" && id_line(lines[k + 1].trim_end()).is_ok());
        if let Some(k) = start {
            cuts.push(k);
        }
    }
    cuts.push(lines.len());
    cuts
}

/// The section the marker lines among `lines` leave the listing in (a
/// guess: a marker inside an entry does not count when read in turn).
fn section_at(lines: &[&str]) -> Section {
    let mut section = Section::New;
    for l in lines.iter().filter(|l| l.starts_with('%')) {
        if l.starts_with("%%%---%%%") {
            section = Section::Replaced;
        } else if l.starts_with("%%--%%") {
            section = Section::Cross;
        }
    }
    section
}

/// Reads the entries that start in `lines[from..to]` (the last may run
/// on past `to`), from `section`; where it stopped, and in which section.
fn read_lines(
    name: &str,
    lines: &[&str],
    (from, to): (usize, usize),
    mut section: Section,
    offset: u32,
    out: &mut Read,
) -> (usize, Section) {
    let mut i = from;
    while i < to {
        let l = lines[i].trim_end();
        if l.starts_with("%%%---%%%") {
            section = Section::Replaced;
        } else if l.starts_with("%%--%%") {
            section = Section::Cross;
        }
        let next = lines.get(i + 1).map_or("", |n| n.trim_end());
        if l == "\\\\" && id_line(next).is_ok() {
            i = entry(name, lines, i + 1, offset, section, out);
        } else {
            i += 1;
        }
    }
    (i, section)
}

/// The lines of `body`, as `str::lines` cuts them (a `\r` before the
/// `\n` dropped, no last empty line), found with memchr.
fn lines_of(body: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(body.len() / 40);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', body.as_bytes()) {
        let l = &body[start..end];
        lines.push(l.strip_suffix('\r').unwrap_or(l));
        start = end + 1;
    }
    if start < body.len() {
        // A last line without `\n` keeps a lone `\r`, as `str::lines` does.
        lines.push(&body[start..]);
    }
    lines
}

/// One entry, from its id line at `start`; returns the line after it.
fn entry(
    name: &str,
    lines: &[&str],
    start: usize,
    offset: u32,
    section: Section,
    out: &mut Read,
) -> usize {
    let (_, (id, version, cross)) =
        id_line(lines[start].trim_end()).expect("checked by the caller");
    let mut facts = Facts {
        arxiv: split_version(id).map(|(id, _)| id),
        version: version.map(str::to_owned),
        ..Facts::default()
    };
    let mut replaced = section == Section::Replaced;
    let mut i = start + 1;
    if let Some((_, (date, v, rep))) = lines.get(i).and_then(|l| date_line(l).ok()) {
        facts.published = iso_day(date);
        replaced |= rep;
        if facts.version.is_none() {
            // A new entry's date is its first version's.
            facts.version = v.map(str::to_owned).or((!rep).then(|| "v1".to_owned()));
        }
        i += 1;
    }
    let mut title = Cow::Borrowed("");
    // The fields, up to the `\\` before the abstract.
    while i < lines.len() && lines[i].trim_end() != "\\\\" && trailer(lines[i]).is_err() {
        let Ok((_, (key, value))) = field(lines[i]) else {
            i += 1;
            continue;
        };
        let mut value = Cow::Borrowed(value);
        i += 1;
        while i < lines.len() && lines[i].starts_with([' ', '\t']) && !lines[i].trim().is_empty() {
            let v = value.to_mut();
            v.push(' ');
            v.push_str(lines[i].trim());
            i += 1;
        }
        put_field(&mut facts, &mut title, key, value);
    }
    if lines.get(i).is_some_and(|l| l.trim_end() == "\\\\") {
        i += 1;
    }
    let from = i;
    let mut cut = true;
    while i < lines.len() {
        if trailer(lines[i]).is_ok() {
            cut = false;
            break;
        }
        i += 1;
    }
    let abstract_lines = &lines[from..i];
    i += usize::from(!cut);
    let line = start as u32 + offset;
    if cut {
        out.diagnostics.push(Diagnostic::warning(
            name,
            Some(line),
            "entry cut short (no `\\\\ ( URL , size)` line after it); kept as read",
        ));
    }
    facts.announce = Some(
        match (replaced, cross || section == Section::Cross) {
            (false, false) => "new",
            (false, true) => "cross",
            (true, false) => "replace",
            (true, true) => "replace-cross",
        }
        .to_owned(),
    );
    if title.is_empty() {
        out.diagnostics.push(Diagnostic::warning(
            name,
            Some(line),
            "entry skipped: it has no Title:",
        ));
        return i;
    }
    let title = out.put_clean(&title);
    let abstract_ = put_abstract(out, abstract_lines);
    out.papers.push(ReadPaper {
        title,
        abstract_,
        date: None,
        line,
        facts,
    });
    i
}

/// The abstract's lines, trimmed, made one paragraph in the arena. Lines
/// with neither tags nor entities are collapsed straight in (the common
/// case, no copy); else they are joined and made plain text first.
fn put_abstract(out: &mut Read, lines: &[&str]) -> std::ops::Range<u32> {
    if lines
        .iter()
        .any(|l| memchr::memchr2(b'<', b'&', l.as_bytes()).is_some())
    {
        let mut joined = String::new();
        for l in lines {
            joined.push_str(l.trim());
            joined.push('\n');
        }
        return out.put_clean(&joined);
    }
    let start = out.text.len() as u32;
    for l in lines {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if out.text.len() as u32 > start {
            out.text.push(' ');
        }
        sanitize::collapse_into(&mut out.text, l);
    }
    start..out.text.len() as u32
}

/// Puts one field of an entry where it belongs.
fn put_field<'a>(facts: &mut Facts, title: &mut Cow<'a, str>, key: &str, value: Cow<'a, str>) {
    let is = |k: &str| key.eq_ignore_ascii_case(k);
    if is("title") {
        // Made plain once more as it goes into the arena.
        *title = match memchr::memchr2(b'<', b'&', value.as_bytes()) {
            None => value,
            Some(_) => Cow::Owned(sanitize::clean_markup(&value)),
        };
        return;
    }
    let value = sanitize::plain(&value);
    let some = || Some(value.to_string()).filter(|v| !v.is_empty());
    if is("authors") || is("author") {
        facts.authors = split_authors(&value);
        facts.authors.truncate(MOST_AUTHORS);
        facts.author_count = (!facts.authors.is_empty()).then_some(facts.authors.len() as u32);
    } else if is("categories") {
        for c in value.split_whitespace() {
            add_category(&mut facts.categories, c);
        }
    } else if is("comments") {
        facts.arxiv_comments = some();
    } else if is("journal-ref") {
        facts.journal_ref = some();
    } else if is("doi") {
        facts.doi = some();
    } else if is("report-no") {
        facts.report_no = some();
    } else if is("license") {
        facts.license = some();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_line() {
        assert_eq!(
            id_line("arXiv:2601.15305"),
            Ok(("", ("2601.15305", None, false)))
        );
        assert_eq!(
            id_line("arXiv:2601.15305v2 (*cross-listing*)"),
            Ok(("", ("2601.15305", Some("v2"), true)))
        );
        assert_eq!(
            id_line("arXiv:hep-th/9901001"),
            Ok(("", ("hep-th/9901001", None, false)))
        );
        assert!(id_line("Title: x").is_err());
    }

    /// Entries of every kind, one cut short (it runs on into the next),
    /// the sections' markers among them.
    fn mixed_listing() -> String {
        let mut s = String::from("Header line\n");
        for k in 0..40 {
            match k {
                13 => s.push_str("%%--%%--%%\n"),
                27 => s.push_str("%%%---%%%---%%%\n"),
                _ => {}
            }
            let trailer = if k % 9 == 4 || k == 39 {
                String::new()
            } else {
                format!("\\\\ ( https://arxiv.org/abs/2601.{k:05} ,  5kb)\n")
            };
            s.push_str(&format!(
                "\\\\\narXiv:2601.{k:05}\nDate: Tue, 20 Jan 2026\n\nTitle: Paper {k}\nAuthors: A{k} and B\nCategories: cs.CL\n\\\\\n  Abstract {k}\n  wrapped.\n{trailer}"
            ));
        }
        s
    }

    #[test]
    fn a_listing_read_in_parts_reads_as_one_read_in_turn() {
        let body = mixed_listing();
        let read = |parts| {
            let mut out = Read::default();
            listing_in_parts("x", &body, 0, &mut out, parts);
            let papers: Vec<_> = out
                .papers
                .iter()
                .map(|p| {
                    (
                        out.get(&p.title).to_owned(),
                        out.get(&p.abstract_).to_owned(),
                        p.line,
                        p.facts.clone(),
                    )
                })
                .collect();
            let diagnostics: Vec<String> = out.diagnostics.iter().map(|d| d.to_string()).collect();
            (papers, diagnostics)
        };
        let whole = read(1);
        assert!(whole.0.len() > 30, "{}", whole.0.len());
        assert!(!whole.1.is_empty(), "the entries cut short are said");
        for parts in 2..=12 {
            assert_eq!(read(parts), whole, "{parts} parts");
        }
    }

    #[test]
    fn lines_as_str_lines_cuts_them() {
        for body in [
            "",
            "a",
            "a\n",
            "a\r\nb",
            "a\n\nb\r\n",
            "\r\n",
            "a\rb\n",
            "\n\n",
            "a\r",
            "a\nb\r",
        ] {
            assert_eq!(lines_of(body), body.lines().collect::<Vec<_>>(), "{body:?}");
        }
    }

    #[test]
    fn a_date_line() {
        assert_eq!(
            date_line("Date: Tue, 20 Jan 2026 18:59:58 GMT   (215kb)"),
            Ok(("", ("Tue, 20 Jan 2026 18:59:58 GMT   (215kb)", None, false)))
        );
        assert_eq!(
            date_line("Date (revised v3): Tue, 20 Jan 2026 10:00:00 GMT   (9kb)"),
            Ok((
                "",
                ("Tue, 20 Jan 2026 10:00:00 GMT   (9kb)", Some("v3"), true)
            ))
        );
        assert_eq!(
            date_line("replaced with revised version Tue, 20 Jan 2026 (9kb)"),
            Ok(("", ("Tue, 20 Jan 2026 (9kb)", None, true)))
        );
    }

    #[test]
    fn a_field_and_a_trailer() {
        assert_eq!(
            field("Journal-ref: Phys. Rev. 1"),
            Ok(("", ("Journal-ref", "Phys. Rev. 1")))
        );
        assert_eq!(field("Report-no: X-1"), Ok(("", ("Report-no", "X-1"))));
        assert_eq!(
            trailer("\\\\ ( https://arxiv.org/abs/2601.15305 ,  215kb)"),
            Ok(("", " https://arxiv.org/abs/2601.15305 ,  215kb)"))
        );
    }
}

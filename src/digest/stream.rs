//! Reading page text in windows, keeping only what a command needs.
//!
//! `paperboy list` prints ids, dates and titles; holding a 170 MB archive in
//! memory for that costs more (page faults on a fresh buffer) than parsing
//! it. So commands that never show an abstract read the file through a small
//! reused window: each window is checked, cleaned and parsed exactly as a
//! whole file would be, and only titles and dates are copied out.
//!
//! A window ends at a blank line after a line of certain prose (over 300
//! characters or 40 words): no title waits for an abstract past it, so
//! reading window after window (carrying the section's date) gives what
//! reading the whole text does (see `text.rs`). Lines are looked at as raw
//! bytes, so only lines of plain printable ASCII qualify (cleaning and
//! decoding cannot change them). The ranges a file is split into for the
//! cores start at such places too; their first papers take their date from
//! the range before when the ranges are joined.

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::Span;
use super::decode::clean;
use super::grammar::{self, Line};
use super::text::{self, EXTRA, Parsed, Reading, SectionDate};

/// Bytes read at a time by each thread.
pub(super) const WINDOW: usize = 1 << 20;

/// How far past an even share of a text to look for a date line to split
/// the work between threads at.
pub(super) const LOOK_AHEAD: usize = 8 << 20;

/// The text id of spans into the window being parsed (never a digest's).
const IN_WINDOW: u32 = u32::MAX - 2;

/// What reading one byte range of a file found: its papers, with titles and
/// dates copied into `parsed.extra` (text id [`EXTRA`]).
pub(super) struct RangeOut {
    pub parsed: Parsed,
    pub len: u64,
    /// File offset and range line of the first invalid UTF-8.
    pub bad_utf8: Option<(u64, u32)>,
    pub removed: usize,
    pub first_removed_line: Option<u32>,
    /// File offset of the first NUL byte.
    pub nul: Option<u64>,
    /// Whether any byte was not whitespace.
    pub any_text: bool,
    /// The last date copied into the arena: (window span, arena span).
    copied_date: Option<(Span, Span)>,
}

/// Reads `path` (`len` bytes when measured) in windows of `window` bytes,
/// cut into `pieces` ranges that `threads` threads take in turn (more
/// ranges than threads, so one slow range does not leave a core idle),
/// keeping titles and dates. Ranges are returned in file order; the k-th
/// one's arena is to be the digest's text `text_base + k`.
pub(super) fn read_titles(
    path: &Path,
    len: u64,
    window: usize,
    (pieces, threads): (usize, usize),
    source: u32,
    name: &str,
    furnished: bool,
) -> std::io::Result<Vec<RangeOut>> {
    let mut file = File::open(path)?;
    let mut probe = Vec::new();
    let starts = split(len, pieces, |at| {
        // A little at a time: date lines are usually close.
        probe.clear();
        file.seek(SeekFrom::Start(at))?;
        let mut ahead = (&mut file).take(LOOK_AHEAD as u64);
        loop {
            let seen = probe.len();
            let n = (&mut ahead).take(64 << 10).read_to_end(&mut probe)?;
            if let Some(cut) = first_cut(&probe, seen) {
                return Ok(Some(cut as u64));
            }
            if n == 0 {
                return Ok(None);
            }
        }
    })?;
    let window = window.max(1);
    let ranges: Vec<(u64, Option<u64>)> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| (s, starts.get(k + 1).copied()))
        .collect();
    crate::par::map(ranges, threads, |(start, end)| {
        read_range(path, start, end, window, (source, name, furnished))
    })
    .into_iter()
    .collect()
}

/// Where each of about `pieces` ranges of a text of `len` bytes starts: 0,
/// then a cut after each even share, as `find_cut(at)` finds it (an offset
/// from `at`). A share with no cut soon after it is joined to the one
/// before. Files and texts in memory are both split by it.
pub(super) fn split(
    len: u64,
    pieces: usize,
    mut find_cut: impl FnMut(u64) -> std::io::Result<Option<u64>>,
) -> std::io::Result<Vec<u64>> {
    let mut starts = vec![0];
    for k in 1..pieces.max(1) as u64 {
        let at = (len / pieces as u64 * k).max(*starts.last().unwrap_or(&0) + 1);
        if at >= len {
            break;
        }
        if let Some(cut) = find_cut(at)? {
            starts.push(at + cut);
        }
    }
    Ok(starts)
}

fn read_range(
    path: &Path,
    start: u64,
    end: Option<u64>,
    window: usize,
    (source, name, furnished): (u32, &str, bool),
) -> std::io::Result<RangeOut> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(start))?;
    let mut src = file.take(end.map_or(u64::MAX, |e| e - start));
    let date = if start == 0 {
        SectionDate::Known(None)
    } else {
        SectionDate::Unknown
    };
    let mut out = RangeOut {
        parsed: Parsed {
            papers: Vec::new(),
            warnings: Vec::new(),
            line_breaks: 0,
            date,
            undated_lead: 0,
            lead_facts: Vec::new(),
            extra: String::new(),
        },
        len: 0,
        bad_utf8: None,
        removed: 0,
        first_removed_line: None,
        nul: None,
        any_text: false,
        copied_date: None,
    };
    // Room for what a typical digest holds (a paper per 2 KB, titles a
    // twentieth of the text) so the growing vectors rarely move: memory
    // reserved but never written costs nothing.
    let expect = end.map_or(1 << 20, |e| e - start) as usize;
    out.parsed.papers.reserve(expect / 2048);
    out.parsed.extra.reserve(expect / 20);
    let mut buf: Vec<u8> = Vec::with_capacity(2 * window);
    let mut offset = start; // file offset of buf[0]
    let mut looked = 0; // bytes of buf searched for a cut already
    loop {
        let n = (&mut src).take(window as u64).read_to_end(&mut buf)?;
        let at_end = n < window;
        let cut = if at_end {
            buf.len()
        } else {
            match last_cut(&buf, looked) {
                Some(cut) => cut,
                None => {
                    looked = buf.len(); // no place to stop yet: read more
                    continue;
                }
            }
        };
        looked = 0;
        out.window(&buf[..cut], offset, (source, name, furnished));
        out.len += cut as u64;
        offset += cut as u64;
        buf.drain(..cut);
        if at_end {
            return Ok(out);
        }
    }
}

impl RangeOut {
    /// Checks, cleans and parses one window; copies its titles and dates out.
    fn window(&mut self, raw: &[u8], offset: u64, (source, name, furnished): (u32, &str, bool)) {
        if self.nul.is_some() {
            return; // the file is refused; no point parsing on
        }
        if !self.any_text {
            self.any_text = raw.iter().any(|b| !b.is_ascii_whitespace());
        }
        let cleaned = clean(Cow::Borrowed(raw), usize::MAX);
        if let Some(at) = cleaned.nul {
            self.nul = Some(offset + at as u64);
            return;
        }
        let lines_before = self.parsed.line_breaks;
        if let (None, Some((at, line))) = (self.bad_utf8, cleaned.bad_utf8) {
            self.bad_utf8 = Some((offset + at as u64, lines_before + line));
        }
        if cleaned.removed > 0 {
            self.removed += cleaned.removed;
            let line = cleaned.first_removed_line.map(|l| lines_before + l);
            self.first_removed_line = self.first_removed_line.or(line);
        }
        let text = &cleaned.text;
        self.copied_date = None; // window spans are only comparable within a window
        let how = Reading {
            text_id: IN_WINDOW,
            source,
            name,
            at_start: offset == 0,
            date: self.parsed.date,
            facts: false,
            furnished,
        };
        let got = text::parse_part(text, 0..text.len(), how);
        for mut w in got.warnings {
            w.line = w.line.map(|l| l + lines_before);
            self.parsed.warnings.push(w);
        }
        if self.parsed.date == SectionDate::Unknown {
            self.parsed.undated_lead += got.undated_lead;
        }
        for mut p in got.papers {
            p.title = self.copy(text, &got.extra, p.title);
            p.abstract_ = Span {
                text: EXTRA,
                ..Span::default()
            };
            p.date = p.date.map(|d| self.date_span(text, &got.extra, d));
            p.origin.line += lines_before;
            self.parsed.papers.push(p);
        }
        if let SectionDate::Known(d) = got.date {
            let d = d.map(|(s, key)| (self.date_span(text, &got.extra, s), key));
            self.parsed.date = SectionDate::Known(d);
        }
        self.parsed.line_breaks += got.line_breaks;
    }

    /// Copies a span of the window's text (or of its cleaned copies) into
    /// the arena.
    fn copy(&mut self, text: &str, extra: &str, s: Span) -> Span {
        let from = if s.text == EXTRA { extra } else { text };
        let arena = &mut self.parsed.extra;
        let start = arena.len() as u32;
        arena.push_str(&from[s.start as usize..s.end as usize]);
        Span {
            text: EXTRA,
            start,
            end: arena.len() as u32,
        }
    }

    /// A date's arena span, copying it once per date line.
    fn date_span(&mut self, text: &str, extra: &str, d: Span) -> Span {
        if d.text == EXTRA {
            // Carried over from an earlier window: in the arena already
            // (dates are never cleaned copies).
            return d;
        }
        match self.copied_date {
            Some((from, to)) if from == d => to,
            _ => {
                let to = self.copy(text, extra, d);
                self.copied_date = Some((d, to));
                to
            }
        }
    }
}

/// The lines of `raw` that end with a line feed, last first, each with
/// where it starts and where its line feed is.
fn lines_backwards(raw: &[u8]) -> impl Iterator<Item = (usize, usize, &[u8])> {
    let mut end = memchr::memrchr(b'\n', raw);
    std::iter::from_fn(move || {
        let e = end?;
        let start = memchr::memrchr(b'\n', &raw[..e]).map_or(0, |i| i + 1);
        end = start.checked_sub(1);
        let line = &raw[start..e];
        Some((start, e, line.strip_suffix(b"\r").unwrap_or(line)))
    })
}

/// The text of a line if it is plain printable ASCII, which decoding and
/// cleaning leave as it is.
fn plain(line: &[u8]) -> Option<&str> {
    if line.iter().all(|b| (0x20..0x7f).contains(b)) {
        std::str::from_utf8(line).ok()
    } else {
        None
    }
}

/// A line of certain prose: no title waits past it (see `text.rs`).
fn is_prose_line(line: &[u8]) -> bool {
    line.len() > 80
        && plain(line).is_some_and(
            |l| matches!(grammar::classify(l), Line::Text { text, .. } if grammar::is_long(text)),
        )
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|&b| b == b' ' || b == b'\t')
}

/// The last place in `raw` after its first byte where a window may end:
/// the start of a blank line after a line of certain prose. `looked` bytes
/// of it were looked at before (and had no such place), so a window that
/// keeps growing is not searched again from its end to its start each time.
fn last_cut(raw: &[u8], looked: usize) -> Option<usize> {
    let mut after: Option<(usize, bool)> = None; // the next line: start, is blank
    for (start, feed, line) in lines_backwards(raw) {
        if let Some((next, true)) = after
            && is_prose_line(line)
        {
            return Some(next);
        }
        if feed < looked {
            return None; // this line, and every one before, was whole then
        }
        after = (start > 0).then_some((start, is_blank(line)));
    }
    None
}

/// The first place in `probe` (which may begin mid-line) where a window may
/// end, as [`last_cut`] finds them, looking only at lines that end at or
/// after `from`. It works on raw bytes and clean text alike.
pub(super) fn first_cut(probe: &[u8], from: usize) -> Option<usize> {
    let mut pos = memchr::memchr(b'\n', probe)? + 1;
    if from > pos {
        // Start a line before the one holding `from`: a cut needs both.
        let holding = memchr::memrchr(b'\n', &probe[..from]).map_or(0, |i| i + 1);
        let before = match holding {
            0 => 0,
            h => memchr::memrchr(b'\n', &probe[..h - 1]).map_or(0, |i| i + 1),
        };
        pos = before.max(pos);
    }
    let mut after_prose = false;
    while let Some(len) = memchr::memchr(b'\n', &probe[pos..]) {
        let line = &probe[pos..pos + len];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if after_prose && is_blank(line) {
            return Some(pos);
        }
        after_prose = is_prose_line(line);
        pos += len + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "We study how models learn from data and find that they learn well, and we show it on many tasks. The method is simple and works on every benchmark we tried, which covers most of the field as it stands today, from vision to language to speech, and beyond.";

    #[test]
    fn cuts_at_a_blank_line_after_prose() {
        assert!(grammar::is_long(PROSE));
        let raw = format!("A Title\n\n{PROSE}\n\nB Title\n");
        let at = raw.find(PROSE).unwrap() + PROSE.len() + 1;
        assert_eq!(last_cut(raw.as_bytes(), 0), Some(at));
        assert_eq!(first_cut(format!("x\n{raw}").as_bytes(), 0), Some(at + 2));
    }

    #[test]
    fn never_cuts_where_a_title_may_wait() {
        // The blank line after a title belongs to the paper.
        assert_eq!(last_cut(b"A Title\n\nAn Abstract\n\n", 0), None);
        // Nor after a short abstract, or a date line.
        assert_eq!(last_cut(b"A Title\n\nshort one\n\nJul 28\n\nB\n", 0), None);
        // Nor after prose holding anything cleaning would change.
        let raw = format!("A\n\n{PROSE}\x1b\n\nB\n");
        assert_eq!(last_cut(raw.as_bytes(), 0), None);
    }

    #[test]
    fn a_growing_window_is_searched_only_where_it_grew() {
        // A cut found in what was looked at before is not found again...
        let raw = format!("A Title\n\n{PROSE}\n\nB Title\n");
        assert!(last_cut(raw.as_bytes(), 0).is_some());
        assert_eq!(last_cut(raw.as_bytes(), raw.len()), None);
        // ...but a prose line whose blank line came with the new bytes is.
        let before = format!("A Title\n\n{PROSE}\n");
        let raw = format!("{before}\nB Title\n");
        assert_eq!(last_cut(before.as_bytes(), 0), None);
        assert_eq!(last_cut(raw.as_bytes(), before.len()), Some(before.len()));
    }

    #[test]
    fn handles_crlf() {
        let raw = format!("A Title\r\n\r\n{PROSE}\r\n\r\nB\r\n");
        let at = raw.find(PROSE).unwrap() + PROSE.len() + 2;
        assert_eq!(last_cut(raw.as_bytes(), 0), Some(at));
        assert_eq!(first_cut(format!("\n{raw}").as_bytes(), 0), Some(at + 1));
    }

    #[test]
    fn first_cut_from_a_point_finds_a_pair_that_was_not_whole() {
        let probe = format!("x\n{PROSE}\n\nmore\n");
        let at = 2 + PROSE.len() + 1;
        // The blank line was cut off by the end of the probe when last looked at.
        assert_eq!(first_cut(probe.as_bytes(), at), Some(at));
        assert_eq!(first_cut(probe.as_bytes(), probe.len()), None);
    }
}

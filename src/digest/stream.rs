//! Reading a digest file in windows, keeping only what a command needs.
//!
//! `paperboy list` prints ids, dates and titles; holding a 170 MB archive in
//! memory for that costs more (page faults on a fresh buffer) than parsing
//! it. So commands that never show an abstract read the file through a small
//! reused window: each window is checked, cleaned and parsed exactly as a
//! whole file would be, and only titles and dates are copied out.
//!
//! A window ends where the grammar holds no state but the section's date,
//! so parsing window after window (carrying the date) gives what parsing
//! the whole text does:
//! - at the start of a date line (no entry ever spans one), or
//! - at a blank line after a prose line: prose is never a title, so it ends
//!   an abstract (or a stray paragraph), and the entry ends with it.
//!
//! Both are checked on raw bytes, so only lines that are plain printable
//! ASCII qualify (cleaning and decoding cannot change them).

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::{Diagnostic, Paper, Span, clean, grammar, parse_part};

/// Bytes read at a time by each thread.
pub(super) const WINDOW: usize = 1 << 20;

/// How far past an even share of a text to look for a date line to split
/// the work between threads at.
pub(super) const LOOK_AHEAD: usize = 8 << 20;

/// The text id of spans into the window being parsed (never a digest's).
const IN_WINDOW: u32 = u32::MAX;

/// What reading one byte range of a file found; spans point into `arena`
/// (text id `arena_id`), lines count from the range's start.
#[derive(Default)]
pub(super) struct RangeOut {
    pub arena: String,
    arena_id: u32,
    pub papers: Vec<Paper>,
    pub warnings: Vec<Diagnostic>,
    pub line_breaks: u32,
    pub len: u64,
    /// File offset and range line of the first invalid UTF-8.
    pub bad_utf8: Option<(u64, u32)>,
    pub removed: usize,
    pub first_removed_line: Option<u32>,
    /// File offset of the first NUL byte.
    pub nul: Option<u64>,
    /// Whether any byte was not whitespace.
    pub any_text: bool,
    /// The section's date when the range ended (an arena span).
    date: Option<(Span, u32)>,
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
    (source, text_base): (u32, u32),
    name: &str,
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
            if let Some(cut) = first_date_line(&probe, seen) {
                return Ok(Some(cut as u64));
            }
            if n == 0 {
                return Ok(None);
            }
        }
    })?;
    let window = window.max(1);
    let ranges: Vec<(usize, u64, Option<u64>)> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| (k, s, starts.get(k + 1).copied()))
        .collect();
    crate::par::map(ranges, threads, |(k, start, end)| {
        read_range(
            path,
            start,
            end,
            window,
            (source, text_base + k as u32),
            name,
        )
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
    (source, arena_id): (u32, u32),
    name: &str,
) -> std::io::Result<RangeOut> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(start))?;
    let mut src = file.take(end.map_or(u64::MAX, |e| e - start));
    let mut out = RangeOut {
        arena_id,
        ..RangeOut::default()
    };
    // Room for what a typical digest holds (a paper per 2 KB, titles a
    // twentieth of the text) so the growing vectors rarely move: memory
    // reserved but never written costs nothing.
    let expect = end.map_or(1 << 20, |e| e - start) as usize;
    out.papers.reserve(expect / 2048);
    out.arena.reserve(expect / 20);
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
        out.window(&buf[..cut], offset, source, name);
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
    fn window(&mut self, raw: &[u8], offset: u64, source: u32, name: &str) {
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
        if let (None, Some((at, line))) = (self.bad_utf8, cleaned.bad_utf8) {
            self.bad_utf8 = Some((offset + at as u64, self.line_breaks + line));
        }
        if cleaned.removed > 0 {
            self.removed += cleaned.removed;
            let line = cleaned.first_removed_line.map(|l| self.line_breaks + l);
            self.first_removed_line = self.first_removed_line.or(line);
        }
        let text = &cleaned.text;
        self.copied_date = None; // window spans are only comparable within a window
        let first = self.papers.len();
        let mut papers = std::mem::take(&mut self.papers);
        let parsed = parse_part(
            text,
            0..text.len(),
            IN_WINDOW,
            source,
            name,
            self.date,
            &mut papers,
        );
        for mut w in parsed.warnings {
            w.line = w.line.map(|l| l + self.line_breaks);
            self.warnings.push(w);
        }
        for p in &mut papers[first..] {
            p.title = self.copy(text, p.title);
            p.abstract_ = Span {
                text: self.arena_id,
                ..Span::default()
            };
            p.date = p.date.map(|d| self.date_span(text, d));
            p.origin.line += self.line_breaks;
        }
        self.papers = papers;
        self.date = parsed.date.map(|(d, key)| (self.date_span(text, d), key));
        self.line_breaks += parsed.line_breaks;
    }

    /// Copies a span of the window's text into the arena.
    fn copy(&mut self, text: &str, s: Span) -> Span {
        let start = self.arena.len() as u32;
        self.arena.push_str(&text[s.start as usize..s.end as usize]);
        Span {
            text: self.arena_id,
            start,
            end: self.arena.len() as u32,
        }
    }

    /// A date's arena span, copying it once per date line.
    fn date_span(&mut self, text: &str, d: Span) -> Span {
        if d.text == self.arena_id {
            return d; // carried over from an earlier window
        }
        match self.copied_date {
            Some((from, to)) if from == d => to,
            _ => {
                let to = self.copy(text, d);
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

fn is_date_line(line: &[u8]) -> bool {
    // Length first: most lines are long, and no date line is.
    line.len() <= grammar::SHORT_LINE && plain(line).is_some_and(|l| grammar::date(l).is_ok())
}

/// The last place in `raw` after its first byte where a window may end.
/// `looked` bytes of it were looked at before (and had no such place), so
/// a window that keeps growing is not searched again from its end to its
/// start each time.
fn last_cut(raw: &[u8], looked: usize) -> Option<usize> {
    let mut after: Option<(usize, bool)> = None; // the next line: start, is blank
    for (start, feed, line) in lines_backwards(raw) {
        if let Some((next, true)) = after
            && plain(line).is_some_and(|l| grammar::text(l).is_ok() && grammar::is_prose(l))
        {
            return Some(next);
        }
        if feed < looked {
            return None; // this line, and every one before, was whole then
        }
        if start > 0 && is_date_line(line) {
            return Some(start);
        }
        let blank = line.iter().all(|&b| b == b' ');
        after = (start > 0).then_some((start, blank));
    }
    None
}

/// The start of the first whole date line in `probe` (which may begin
/// mid-line), looking only at lines that end at or after `from`. Only plain
/// ASCII date lines count, so it works on raw bytes and clean text alike.
pub(super) fn first_date_line(probe: &[u8], from: usize) -> Option<usize> {
    let mut pos = memchr::memchr(b'\n', probe)? + 1;
    if from > pos {
        // Start at the line holding `from`.
        pos = memchr::memrchr(b'\n', &probe[..from]).map_or(pos, |i| (i + 1).max(pos));
    }
    while let Some(len) = memchr::memchr(b'\n', &probe[pos..]) {
        let line = &probe[pos..pos + len];
        if is_date_line(line.strip_suffix(b"\r").unwrap_or(line)) {
            return Some(pos);
        }
        pos += len + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "We study how models learn from data and find that they learn well. The method is simple and works on every benchmark we tried.";

    #[test]
    fn cuts_at_the_last_date_line() {
        let raw = format!("Jul 29\n\nA Title\n\n{PROSE}\n\nJul 28\n\nB Title\n");
        let at = raw.find("Jul 28").unwrap();
        assert_eq!(last_cut(raw.as_bytes(), 0), Some(at));
    }

    #[test]
    fn cuts_at_a_blank_line_after_prose() {
        let raw = format!("A Title\n\n{PROSE}\n\nB Title\n");
        let at = raw.find(PROSE).unwrap() + PROSE.len() + 1;
        assert_eq!(last_cut(raw.as_bytes(), 0), Some(at));
    }

    #[test]
    fn never_cuts_between_a_title_and_its_abstract() {
        // The blank line after a title belongs to the paper.
        assert_eq!(last_cut(b"A Title\n\nAn Abstract\n\n", 0), None);
        // A date line that is not whole yet (no line feed) is no cut either.
        assert_eq!(last_cut(b"A Title\n\nJul 28", 0), None);
        // Nor one holding anything cleaning would change.
        assert_eq!(last_cut(b"A\n\nJul\x1b 28\n", 0), None);
    }

    #[test]
    fn a_growing_window_is_searched_only_where_it_grew() {
        // A cut found in what was looked at before is not found again...
        let raw = format!("Jul 29\nA Title\n\n{PROSE}\n\nB Title\n");
        assert!(last_cut(raw.as_bytes(), 0).is_some());
        assert_eq!(last_cut(raw.as_bytes(), raw.len()), None);
        // ...but a prose line whose blank line came with the new bytes is.
        let before = format!("A Title\n\n{PROSE}\n");
        let raw = format!("{before}\nB Title\n");
        assert_eq!(last_cut(before.as_bytes(), 0), None);
        assert_eq!(last_cut(raw.as_bytes(), before.len()), Some(before.len()));
        // And so is a date line that was not whole yet.
        let before = "A Title\n\nJul 2";
        let raw = format!("{before}8\n");
        assert_eq!(last_cut(before.as_bytes(), 0), None);
        assert_eq!(last_cut(raw.as_bytes(), before.len()), Some(9));
    }

    #[test]
    fn handles_crlf() {
        let raw = format!("A Title\r\n\r\n{PROSE}\r\n\r\nB\r\n");
        let at = raw.find(PROSE).unwrap() + PROSE.len() + 2;
        assert_eq!(last_cut(raw.as_bytes(), 0), Some(at));
        assert_eq!(first_date_line(b"tle\r\nJul 29\r\n", 0), Some(5));
    }

    #[test]
    fn first_date_line_skips_the_partial_first_line() {
        assert_eq!(first_date_line(b"Jul 29\nJul 30\n", 0), Some(7));
        assert_eq!(first_date_line(b"x\nno date here\n", 0), None);
    }

    #[test]
    fn first_date_line_from_a_point_finds_a_line_that_was_not_whole() {
        // "Jul 30" was cut off by the end of the probe when last looked at.
        let probe = b"x\nsome title\nJul 30\nmore\n";
        assert_eq!(first_date_line(probe, 16), Some(13));
        assert_eq!(first_date_line(probe, 21), None);
    }
}

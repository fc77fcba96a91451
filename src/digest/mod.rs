//! What a digest is and how it is read.
//!
//! A [`Digest`] owns the text of every file it was read from and holds papers
//! as byte spans into that text: two allocations per file, whatever the number
//! of papers, so a 170 MB archive costs little more than its own size. When
//! only titles are wanted ([`Keep::Titles`]) it owns just those, copied out of
//! a small window the file is read through (`stream.rs`).

pub mod diagnostics;
pub mod grammar;
pub mod sanitize;
mod stream;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::par::cores;
use diagnostics::LineCounter;
pub use diagnostics::{Diagnostic, Severity};
use grammar::Entry;

/// The sample digest, built into the binary.
pub const SAMPLE: &str = include_str!("../../assets/daily-papers-jul-29.txt");
pub const SAMPLE_NAME: &str = "daily-papers-jul-29.txt (sample)";

/// Texts at least twice this size are parsed in parallel parts.
const PARALLEL_PART: usize = 4 << 20;

/// A paper's stable short id: a hash of its normalized title.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct PaperId(pub u64);

const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
}

/// The id hash of any title: its letters and digits, lowercased, as UTF-8.
fn fold_chars(title: &str) -> u64 {
    let mut h = FNV_BASIS;
    let mut buf = [0u8; 4];
    for c in title.chars().filter(|c| c.is_alphanumeric()) {
        for lc in c.to_lowercase() {
            h = lc.encode_utf8(&mut buf).bytes().fold(h, fnv);
        }
    }
    h
}

/// ASCII letters and digits lowercased; every other byte 0.
static FOLDED: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

const ID_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const ID_LEN: usize = 10;

impl PaperId {
    /// Case, whitespace and punctuation are folded away: only letters and
    /// digits, lowercased, are hashed (FNV-1a, stable across runs and builds).
    pub fn from_title(title: &str) -> PaperId {
        if !title.is_ascii() {
            return PaperId::from_hash(fold_chars(title));
        }
        // The same bytes the general path hashes, folded by a table
        // instead of decoding chars (this runs on every paper read).
        let mut h = FNV_BASIS;
        for &b in title.as_bytes() {
            let folded = FOLDED[b as usize];
            if folded != 0 {
                h = fnv(h, folded);
            }
        }
        PaperId::from_hash(h)
    }

    fn from_hash(h: u64) -> PaperId {
        PaperId(h >> 14) // 50 bits: 10 base-32 characters
    }

    /// Parses the 10-character form printed by `Display`.
    pub fn parse(s: &str) -> Option<PaperId> {
        if s.len() != ID_LEN {
            return None;
        }
        let mut v: u64 = 0;
        for b in s.bytes() {
            let d = ID_ALPHABET
                .iter()
                .position(|&a| a == b.to_ascii_lowercase())?;
            v = (v << 5) | d as u64;
        }
        Some(PaperId(v))
    }
}

impl fmt::Display for PaperId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        let mut out = [0u8; ID_LEN];
        for (i, o) in out.iter_mut().enumerate() {
            *o = ID_ALPHABET[((v >> (5 * (ID_LEN - 1 - i))) & 31) as usize];
        }
        f.write_str(std::str::from_utf8(&out).unwrap_or("?"))
    }
}

/// Ids are already hashes, so the id map only spreads their bits (one
/// multiply) instead of hashing them again with SipHash.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0.rotate_left(8) ^ b as u64);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A byte range in one of the digest's texts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Span {
    text: u32,
    start: u32,
    end: u32,
}

/// Where a paper was read: which source, which line of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub source: u32,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct Paper {
    pub id: PaperId,
    title: Span,
    abstract_: Span,
    date: Option<Span>,
    date_key: u32,
    /// The first place the paper was read.
    pub origin: Origin,
    /// Every other place it was read (the same title in another file).
    pub also: Vec<Origin>,
}

/// A paper's fields, borrowed from its digest.
#[derive(Clone, Copy, Debug)]
pub struct PaperView<'a> {
    pub id: PaperId,
    pub title: &'a str,
    /// The abstract as written, line breaks included; see [`PaperView::abstract_text`].
    pub abstract_raw: &'a str,
    pub date: Option<&'a str>,
    pub source: &'a str,
    pub line: u32,
}

impl<'a> PaperView<'a> {
    /// The abstract as one paragraph: a hard-wrapped abstract's lines joined by spaces.
    pub fn abstract_text(&self) -> Cow<'a, str> {
        join_lines(self.abstract_raw)
    }
}

/// Joins the lines of a paragraph with single spaces (no copy when it has one line).
pub fn join_lines(s: &str) -> Cow<'_, str> {
    if memchr::memchr2(b'\n', b'\r', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let parts: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    Cow::Owned(parts.join(" "))
}

/// Where to read a digest from.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Sample,
    Stdin,
    Path(PathBuf),
}

impl Input {
    /// `-` is standard input; anything else a path.
    pub fn from_arg(arg: &Path) -> Input {
        if arg == Path::new("-") {
            Input::Stdin
        } else {
            Input::Path(arg.to_path_buf())
        }
    }
}

/// How much of each paper to keep in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Everything: what the reader and most commands need.
    Everything,
    /// Ids, titles, dates and places only; abstracts read as empty. Files
    /// are still read and checked whole, through a small window, so a large
    /// archive never has to fit in memory (`list`, `check`).
    Titles,
}

/// How [`Keep::Titles`] reads a file: `window` bytes at a time, in ranges
/// of at least `min_part` bytes shared between the cores.
#[derive(Clone, Copy)]
struct Windows {
    window: usize,
    min_part: usize,
}

/// Papers read from one or more sources, with what was noticed on the way.
#[derive(Default)]
pub struct Digest {
    texts: Vec<Cow<'static, str>>,
    sources: Vec<String>,
    papers: Vec<Paper>,
    by_id: HashMap<PaperId, u32, BuildHasherDefault<IdHasher>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One owned paper, for building a digest from saved entries.
pub struct OwnedPaper<'a> {
    pub title: &'a str,
    pub abstract_: &'a str,
    pub date: Option<&'a str>,
    pub source: &'a str,
    pub line: u32,
}

impl Digest {
    /// Reads every input in order. Problems become diagnostics; the caller
    /// decides whether what was read is usable ([`Digest::has_errors`], `len`).
    pub fn load(inputs: &[Input]) -> Digest {
        Digest::load_keeping(inputs, Keep::Everything)
    }

    /// One file read as [`Keep::Titles`] does, in windows of `window` bytes,
    /// split between threads every `min_part` bytes (tests of that path).
    #[doc(hidden)]
    pub fn load_titles_in_windows(path: &Path, window: usize, min_part: usize) -> Digest {
        let mut d = Digest::default();
        d.add_path(path, Some(Windows { window, min_part }));
        d
    }

    /// [`Digest::load`], keeping only what `keep` asks for.
    pub fn load_keeping(inputs: &[Input], keep: Keep) -> Digest {
        let mut d = Digest::default();
        let windows = (keep == Keep::Titles).then_some(Windows {
            window: stream::WINDOW,
            min_part: PARALLEL_PART,
        });
        for input in inputs {
            match input {
                Input::Sample => d.add_text(SAMPLE_NAME, Cow::Borrowed(SAMPLE), PARALLEL_PART),
                Input::Stdin => {
                    let mut bytes = Vec::new();
                    match std::io::stdin().lock().read_to_end(&mut bytes) {
                        Ok(_) => d.add_bytes("<stdin>", bytes),
                        Err(e) => d.error("<stdin>", format!("cannot read: {e}")),
                    }
                }
                Input::Path(p) => d.add_path(p, windows),
            }
        }
        d
    }

    /// Parses one text already in memory (any bytes: they get the same
    /// checks as a file).
    pub fn parse(name: &str, bytes: impl AsRef<[u8]>) -> Digest {
        Digest::parse_in_parts(name, bytes, PARALLEL_PART)
    }

    /// [`Digest::parse`], cutting the text into parts of at least
    /// `min_part` bytes to parse in parallel (tests of that path).
    pub fn parse_in_parts(name: &str, bytes: impl AsRef<[u8]>, min_part: usize) -> Digest {
        let mut d = Digest::default();
        d.add_bytes_in_parts(name, bytes.as_ref().to_vec(), min_part);
        d
    }

    /// The papers printed back as a digest: a date line whenever the date
    /// changes, then each title and its abstract, blank lines between.
    /// Parsing the result gives the same papers. Undated papers go first, as
    /// a digest has no way to end a date section.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut date = None;
        let undated = (0..self.len()).filter(|&i| self.papers[i].date.is_none());
        let dated = (0..self.len()).filter(|&i| self.papers[i].date.is_some());
        for i in undated.chain(dated) {
            let v = self.get(i);
            if v.date.is_some() && v.date != date {
                out.push_str(v.date.unwrap_or_default());
                out.push_str("\n\n");
                date = v.date;
            }
            out.push_str(v.title);
            out.push_str("\n\n");
            if !v.abstract_raw.is_empty() {
                out.push_str(v.abstract_raw);
                out.push_str("\n\n");
            }
        }
        out
    }

    /// A digest of saved papers, so a reading list can be shown like any digest.
    pub fn from_papers<'a>(papers: impl IntoIterator<Item = OwnedPaper<'a>>) -> Digest {
        let mut d = Digest::default();
        let mut text = String::new();
        let mut spans = Vec::new();
        for p in papers {
            let mut put = |s: &str| {
                let start = text.len() as u32;
                text.push_str(s);
                let end = text.len() as u32;
                text.push('\n');
                Span {
                    text: 0,
                    start,
                    end,
                }
            };
            let t = put(p.title);
            let a = put(p.abstract_);
            let date = p.date.map(&mut put);
            let key = p.date.and_then(grammar::date_text).map_or(0, |d| d.key);
            let source = d.intern_source(p.source);
            spans.push((
                t,
                a,
                date,
                key,
                Origin {
                    source,
                    line: p.line,
                },
            ));
        }
        d.texts.push(Cow::Owned(text));
        for (t, a, date, key, origin) in spans {
            let id = PaperId::from_title(d.span(t));
            d.insert(Paper {
                id,
                title: t,
                abstract_: a,
                date,
                date_key: key,
                origin,
                also: Vec::new(),
            });
        }
        d
    }

    fn intern_source(&mut self, name: &str) -> u32 {
        match self.sources.iter().position(|s| s == name) {
            Some(i) => i as u32,
            None => {
                self.sources.push(name.to_owned());
                (self.sources.len() - 1) as u32
            }
        }
    }

    fn error(&mut self, file: &str, message: String) {
        self.diagnostics
            .push(Diagnostic::error(file, None, message));
    }

    /// Reads a file, or every digest in a directory: whole, or through
    /// `windows` keeping titles only.
    fn add_path(&mut self, path: &Path, windows: Option<Windows>) {
        let name = path.display().to_string();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.error(&name, format!("cannot read: {}", io_reason(&e))),
        };
        if meta.is_dir() {
            let mut files: Vec<PathBuf> = match std::fs::read_dir(path) {
                Ok(rd) => rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "txt") && p.is_file())
                    .collect(),
                Err(e) => {
                    return self.error(&name, format!("cannot read directory: {}", io_reason(&e)));
                }
            };
            if files.is_empty() {
                return self.error(&name, "directory holds no digests (*.txt files)".into());
            }
            files.sort();
            for f in files {
                self.add_path(&f, windows);
            }
            return;
        }
        if let Some(w) = windows {
            return self.add_path_titles(path, &name, meta.len(), w);
        }
        match read_file(path, meta.len()) {
            Ok(bytes) => self.add_bytes(&name, bytes),
            Err(e) => self.error(&name, format!("cannot read: {}", io_reason(&e))),
        }
    }

    /// Reads one file's titles through windows (see [`Keep::Titles`]).
    /// What it reports, and the papers' titles, dates and lines, are what
    /// reading the whole file gives.
    fn add_path_titles(&mut self, path: &Path, name: &str, len: u64, w: Windows) {
        if u32::try_from(len).is_err() {
            return self.error(name, TOO_LARGE.into()); // as the reader would
        }
        let source = self.intern_source(name);
        // Four ranges per core, each at least `min_part` bytes.
        let pieces = (len as usize / w.min_part.max(1)).clamp(1, 4 * cores());
        let ids = (source, self.texts.len() as u32);
        let work = (pieces, cores());
        let ranges = match stream::read_titles(path, len, w.window, work, ids, name) {
            Ok(r) => r,
            Err(e) => return self.error(name, format!("cannot read: {}", io_reason(&e))),
        };
        if ranges.iter().all(|r| !r.any_text) {
            return self.error(name, blank_file(ranges.iter().all(|r| r.len == 0)));
        }
        if let Some(at) = ranges.iter().find_map(|r| r.nul) {
            return self.error(name, binary_file(at));
        }
        let mut lines_before = 0;
        let mut bad_utf8 = None;
        let (mut removed, mut first_removed) = (0, None);
        for r in &ranges {
            if let (None, Some((at, line))) = (bad_utf8, r.bad_utf8) {
                bad_utf8 = Some((at, line + lines_before));
            }
            removed += r.removed;
            first_removed = first_removed.or(r.first_removed_line.map(|l| l + lines_before));
            lines_before += r.line_breaks;
        }
        self.note_cleaning(name, bad_utf8, removed, first_removed);
        let mut parts = Vec::with_capacity(ranges.len());
        for r in ranges {
            // Text ids were handed out in this order.
            self.texts.push(Cow::Owned(r.arena));
            parts.push((r.warnings, r.papers, r.line_breaks));
        }
        self.add_parts(name, parts);
    }

    /// Reports what decoding and cleaning a file did: where its first invalid
    /// UTF-8 was (file offset, line), and how many control characters or
    /// escape sequences were removed (with the line of the first).
    fn note_cleaning(
        &mut self,
        name: &str,
        bad_utf8: Option<(u64, u32)>,
        removed: usize,
        first_removed: Option<u32>,
    ) {
        if let Some((at, line)) = bad_utf8 {
            self.diagnostics.push(Diagnostic::warning(
                name,
                Some(line),
                format!("invalid UTF-8 at byte offset {at}; decoded with replacement characters"),
            ));
        }
        if let (1.., Some(line)) = (removed, first_removed) {
            self.diagnostics.push(Diagnostic::warning(
                name,
                Some(line),
                format!("removed {removed} control characters or escape sequences (the first on this line)"),
            ));
        }
    }

    /// Decodes, cleans and parses one file's bytes.
    fn add_bytes(&mut self, name: &str, bytes: Vec<u8>) {
        self.add_bytes_in_parts(name, bytes, PARALLEL_PART)
    }

    fn add_bytes_in_parts(&mut self, name: &str, bytes: Vec<u8>, min_part: usize) {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return self.error(name, blank_file(bytes.is_empty()));
        }
        let cleaned = clean(Cow::Owned(bytes), min_part);
        if let Some(at) = cleaned.nul {
            return self.error(name, binary_file(at as u64));
        }
        let bad_utf8 = cleaned.bad_utf8.map(|(at, line)| (at as u64, line));
        self.note_cleaning(name, bad_utf8, cleaned.removed, cleaned.first_removed_line);
        // Owned bytes in, owned text out: no copy.
        self.add_text(name, Cow::Owned(cleaned.text.into_owned()), min_part);
    }

    /// Parses clean text and adds its papers. A large text is cut at date
    /// lines and its parts parsed on all cores: a date line always starts a
    /// top-level entry and resets the only state the grammar carries (the
    /// section's date), so each part parses exactly as it would in sequence.
    fn add_text(&mut self, name: &str, text: Cow<'static, str>, min_part: usize) {
        if u32::try_from(text.len()).is_err() {
            // Spans are 32-bit offsets.
            return self.error(name, TOO_LARGE.into());
        }
        let t = self.texts.len() as u32;
        let source = self.intern_source(name);
        let cuts = cut_at_dates(&text, part_count(text.len(), min_part));
        let parse = |range: Range<usize>| {
            let mut papers = Vec::new();
            // Each part starts at a date line (or the text's start), so
            // none inherits a date.
            let parsed = parse_part(&text, range, t, source, name, None, &mut papers);
            (parsed.warnings, papers, parsed.line_breaks)
        };
        let ranges: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
        let parts = crate::par::map(ranges, cores(), parse);
        self.add_parts(name, parts);
        self.texts.push(text);
    }

    /// Adds the papers and warnings of a file's parts, in order, numbering
    /// lines from the file's start (each part's count from its own).
    fn add_parts(&mut self, name: &str, parts: Vec<(Vec<Diagnostic>, Vec<Paper>, u32)>) {
        let found: usize = parts.iter().map(|p| p.1.len()).sum();
        self.papers.reserve(found);
        self.by_id.reserve(found);
        let mut lines_before = 0;
        for (warnings, papers, line_breaks) in parts {
            for mut w in warnings {
                w.line = w.line.map(|l| l + lines_before);
                self.diagnostics.push(w);
            }
            for mut p in papers {
                p.origin.line += lines_before;
                self.insert(p);
            }
            lines_before += line_breaks;
        }
        if found == 0 {
            self.error(name, NO_PAPERS.into());
        }
    }

    /// Adds a paper, or merges it into the one with the same id: the earliest
    /// date wins and every source is remembered.
    fn insert(&mut self, p: Paper) {
        match self.by_id.get(&p.id) {
            Some(&i) => {
                let old = &mut self.papers[i as usize];
                old.also.push(p.origin);
                if p.date.is_some() && (old.date.is_none() || p.date_key < old.date_key) {
                    old.date = p.date;
                    old.date_key = p.date_key;
                }
            }
            None => {
                self.by_id.insert(p.id, self.papers.len() as u32);
                self.papers.push(p);
            }
        }
    }

    fn span(&self, s: Span) -> &str {
        &self.texts[s.text as usize][s.start as usize..s.end as usize]
    }

    pub fn len(&self) -> usize {
        self.papers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.papers.is_empty()
    }

    pub fn papers(&self) -> &[Paper] {
        &self.papers
    }

    pub fn title(&self, i: usize) -> &str {
        self.span(self.papers[i].title)
    }

    /// The abstract as written (a hard-wrapped one keeps its line breaks).
    pub fn abstract_raw(&self, i: usize) -> &str {
        self.span(self.papers[i].abstract_)
    }

    pub fn source_name(&self, o: Origin) -> &str {
        &self.sources[o.source as usize]
    }

    /// Every place paper `i` was read, as `file:line`, the first one first.
    pub fn places(&self, i: usize) -> impl Iterator<Item = String> + '_ {
        let p = &self.papers[i];
        std::iter::once(p.origin)
            .chain(p.also.iter().copied())
            .map(|o| format!("{}:{}", self.source_name(o), o.line))
    }

    pub fn get(&self, i: usize) -> PaperView<'_> {
        let p = &self.papers[i];
        PaperView {
            id: p.id,
            title: self.span(p.title),
            abstract_raw: self.span(p.abstract_),
            date: p.date.map(|d| self.span(d)),
            source: self.source_name(p.origin),
            line: p.origin.line,
        }
    }

    /// The paper with this id.
    pub fn position(&self, id: PaperId) -> Option<usize> {
        self.by_id.get(&id).map(|&i| i as usize)
    }

    /// The paper with this id, or the one paper whose id starts with it.
    pub fn find(&self, id: &str) -> Option<usize> {
        if let Some(full) = PaperId::parse(id) {
            return self.position(full);
        }
        let id = id.to_ascii_lowercase();
        if id.is_empty() {
            return None;
        }
        let mut hits = self
            .papers
            .iter()
            .enumerate()
            .filter(|(_, p)| p.id.to_string().starts_with(&id));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Reads a whole file. A large one is read by two threads, each into its
/// half of the buffer, so the page faults of filling a fresh buffer (most
/// of the cost of reading from the page cache) are shared out.
fn read_file(path: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    if len >= 2 * PARALLEL_PART as u64 {
        use std::os::unix::fs::FileExt;
        let file = std::fs::File::open(path)?;
        // Zeroed by the allocator lazily: the pages are touched by the readers.
        let mut buf = vec![0u8; len as usize];
        let half = buf.len() / 2;
        let (a, b) = buf.split_at_mut(half);
        let halves = vec![(a, 0), (b, half as u64)];
        crate::par::map(halves, 2, |(part, at)| file.read_exact_at(part, at))
            .into_iter()
            .collect::<std::io::Result<Vec<()>>>()?;
        // The file may have grown since its size was taken; read the rest.
        let mut rest = Vec::new();
        let mut f = &file;
        std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(len))?;
        f.read_to_end(&mut rest)?;
        buf.extend_from_slice(&rest);
        return Ok(buf);
    }
    let _ = len;
    std::fs::read(path)
}

const TOO_LARGE: &str = "file is larger than 4 GiB; split it into smaller digests";
const NO_PAPERS: &str = "no papers found (is this a Daily Papers digest?)";

/// The error for a file with no text: `empty`, or only whitespace.
fn blank_file(empty: bool) -> String {
    let what = if empty {
        "empty file"
    } else {
        "file holds only blank lines"
    };
    what.into()
}

fn binary_file(at: u64) -> String {
    format!("binary file (NUL byte at offset {at}); a digest is plain text")
}

/// Text decoded and cleaned, with what that took (lines are 1-based).
struct Cleaned<'a> {
    text: Cow<'a, str>,
    /// Offset of the first NUL byte: the bytes are not text at all.
    nul: Option<usize>,
    /// Byte offset and line of the first invalid UTF-8.
    bad_utf8: Option<(usize, u32)>,
    /// Control characters and escape sequences removed, and the first one's line.
    removed: usize,
    first_removed_line: Option<u32>,
}

/// Decodes bytes as UTF-8 and removes what must not reach a terminal
/// ([`sanitize`]); clean text is passed through without a copy. Checks for
/// a NUL byte (a binary file) only when the text is not clean, as a NUL
/// makes it.
fn clean(bytes: Cow<'_, [u8]>, min_part: usize) -> Cleaned<'_> {
    let mut bad_utf8 = None;
    let mut nul = None;
    let mut lossy = |b: &[u8], at: usize| {
        bad_utf8 = Some((at, LineCounter::new_bytes(b).line_at(at)));
        nul = memchr::memchr(0, b);
        String::from_utf8_lossy(b).into_owned()
    };
    // Invalid UTF-8 is decoded lossily (U+FFFD) rather than refused: one bad
    // byte in a pasted page should not cost the user the other papers.
    let text: Cow<'_, str> = match bytes {
        Cow::Borrowed(b) => match std::str::from_utf8(b) {
            Ok(t) => Cow::Borrowed(t),
            Err(e) => Cow::Owned(lossy(b, e.valid_up_to())),
        },
        Cow::Owned(v) => match String::from_utf8(v) {
            Ok(t) => Cow::Owned(t),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                Cow::Owned(lossy(&e.into_bytes(), at))
            }
        },
    };
    let mut cleaned = Cleaned {
        text,
        nul,
        bad_utf8,
        removed: 0,
        first_removed_line: None,
    };
    if is_clean_parallel(cleaned.text.as_bytes(), min_part) {
        return cleaned;
    }
    if bad_utf8.is_none() {
        // The text is the bytes as they came.
        cleaned.nul = memchr::memchr(0, cleaned.text.as_bytes());
    }
    if cleaned.nul.is_some() {
        return cleaned;
    }
    let mut bytes = cleaned.text.into_owned().into_bytes();
    let (removed, first) = sanitize::sanitize(&mut bytes);
    cleaned.removed = removed;
    cleaned.first_removed_line = first.map(|at| LineCounter::new_bytes(&bytes).line_at(at));
    // Only whole characters were removed, so this cannot fail.
    cleaned.text = Cow::Owned(match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    });
    cleaned
}

/// How many parts to work on a text of `len` bytes in: one per core, each
/// at least `min_part` bytes.
fn part_count(len: usize, min_part: usize) -> usize {
    (len / min_part.max(1)).clamp(1, cores())
}

/// [`sanitize::is_clean`] on every core for a large text, cut at line
/// breaks (which no character it looks for spans).
fn is_clean_parallel(bytes: &[u8], min_part: usize) -> bool {
    let parts = part_count(bytes.len(), min_part);
    if parts == 1 {
        return sanitize::is_clean(bytes);
    }
    let mut cuts = vec![0];
    for k in 1..parts {
        let at = (bytes.len() / parts * k).max(*cuts.last().unwrap_or(&0));
        let brk = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
        cuts.push(brk);
    }
    cuts.push(bytes.len());
    let parts: Vec<&[u8]> = cuts.windows(2).map(|w| &bytes[w[0]..w[1]]).collect();
    let threads = parts.len();
    crate::par::map(parts, threads, sanitize::is_clean)
        .into_iter()
        .all(|clean| clean)
}

/// What one part of a text held (its papers aside); line numbers count
/// from the part's start.
struct Parsed {
    warnings: Vec<Diagnostic>,
    line_breaks: u32,
    /// The section's date at the end of the part.
    date: Option<(Span, u32)>,
}

/// Runs the grammar over `text[range]` and adds its papers to `papers`,
/// their spans pointing into `text` (text id `t`). `date` is the section's
/// date where the part starts.
fn parse_part(
    text: &str,
    range: Range<usize>,
    t: u32,
    source: u32,
    name: &str,
    mut date: Option<(Span, u32)>,
    papers: &mut Vec<Paper>,
) -> Parsed {
    let part = &text[range.clone()];

    let mut warnings = Vec::new();
    let base = part.as_ptr() as usize;
    let span_of = |s: &str| {
        let start = range.start + (s.as_ptr() as usize - base);
        Span {
            text: t,
            start: start as u32,
            end: (start + s.len()) as u32,
        }
    };
    // The line `rest` starts on, counted from the lines entries span: the
    // text is not scanned again for line breaks.
    let mut line: u32 = 1;
    let mut rest: &str = grammar::bom(part).map_or(part, |(r, _)| r);
    while !rest.is_empty() {
        let Ok((next, (entry, spans))) = grammar::entry_lines(rest) else {
            // entry is total on non-empty input; skip a line defensively.
            rest = grammar::line(rest).map_or("", |(r, _)| r);
            line += 1;
            continue;
        };
        match entry {
            Entry::Blank | Entry::Noise(_) => {}
            Entry::Date(d) => date = Some((span_of(d.text), d.key)),
            Entry::Paper { title, abstract_ } => {
                if abstract_.is_none() {
                    warnings.push(Diagnostic::warning(
                        name,
                        Some(line),
                        format!("title with no abstract: {}", clip(title, 60)),
                    ));
                }
                let empty = Span {
                    text: t,
                    start: 0,
                    end: 0,
                };
                papers.push(Paper {
                    id: PaperId::from_title(title),
                    title: span_of(title),
                    abstract_: abstract_.map_or(empty, span_of),
                    date: date.map(|d| d.0),
                    date_key: date.map_or(0, |d| d.1),
                    origin: Origin { source, line },
                    also: Vec::new(),
                });
            }
            Entry::Stray(_) => {
                warnings.push(Diagnostic::warning(
                    name,
                    Some(line),
                    "paragraph with no title before it; skipped",
                ));
            }
        }
        rest = next;
        line += spans as u32;
    }
    Parsed {
        warnings,
        // Every line read ended with a line break but perhaps the last.
        line_breaks: (line - 1)
            .saturating_sub(u32::from(!part.is_empty() && !part.ends_with(['\n', '\r']))),
        date,
    }
}

/// Where to cut `text` into about `parts` parts: at the start of a date
/// line after each even share, as [`stream::split`] cuts a file. Returns
/// the part boundaries, from 0 to the end.
fn cut_at_dates(text: &str, parts: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let found = stream::split(bytes.len() as u64, parts, |at| {
        let at = at as usize;
        let ahead = &bytes[at..(at + stream::LOOK_AHEAD).min(bytes.len())];
        Ok(stream::first_date_line(ahead, 0).map(|c| c as u64))
    });
    // Looking in memory cannot fail.
    let mut cuts: Vec<usize> = found
        .unwrap_or_else(|_| vec![0])
        .into_iter()
        .map(|c| c as usize)
        .collect();
    cuts.push(text.len());
    cuts
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The first `n` characters of `s`, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> Cow<'_, str> {
    match s.char_indices().nth(n) {
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
        None => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_folds_case_space_and_punctuation() {
        let a = PaperId::from_title("LRP-QViT: Mixed-Precision  Vision Transformer");
        let b = PaperId::from_title("lrp qvit mixed precision vision transformer");
        assert_eq!(a, b);
        assert_ne!(
            a,
            PaperId::from_title("LRP-QViT: Mixed-Precision Vision Transformers")
        );
    }

    #[test]
    fn id_of_non_ascii_titles_folds_too() {
        assert_eq!(
            PaperId::from_title("ÜBER Café"),
            PaperId::from_title("über-café")
        );
        assert_ne!(PaperId::from_title("über"), PaperId::from_title("uber"));
    }

    #[test]
    fn ids_never_change() {
        // Saved reading lists refer to papers by id: these values are fixed.
        let id = |t: &str| PaperId::from_title(t).to_string();
        assert_eq!(
            id("LRP-QViT: Mixed-Precision  Vision Transformer"),
            "mnb1rs7j0x"
        );
        assert_eq!(id("Über Café: 3D Scenes"), "k5pzcysbk5");
        assert_eq!(id(&"a".repeat(300)), "xsvhftx7m5");
    }

    #[test]
    fn id_round_trips_through_text() {
        let id = PaperId::from_title("A Title");
        let s = id.to_string();
        assert_eq!(s.len(), 10);
        assert_eq!(PaperId::parse(&s).map(|p| p.to_string()), Some(s));
        assert_eq!(PaperId::parse("not-an-id!"), None);
    }

    #[test]
    fn join_lines_of_a_wrapped_abstract() {
        assert_eq!(join_lines("one line"), "one line");
        assert_eq!(join_lines("one\r\n two\nthree"), "one two three");
    }

    #[test]
    fn clip_counts_characters() {
        assert_eq!(clip("héllo", 3), "hél…");
        assert_eq!(clip("hi", 3), "hi");
    }
}

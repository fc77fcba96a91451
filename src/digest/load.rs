//! Where digests come from (files, directories, standard input, the built-in
//! sample), how their bytes become clean text, and the one recogniser that
//! hands each input to the reader of its format.

use std::borrow::Cow;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::decode::{clean, part_count};
use super::text::{self, EXTRA, Parsed, Reading, SectionDate};
use super::{
    Diagnostic, Digest, Paper, SAMPLE, SAMPLE_NAME, Span, email, feed, html, json, kv, markdown,
    stream,
};
use crate::par::cores;

/// Texts at least twice this size are parsed in parallel parts.
pub(super) const PARALLEL_PART: usize = 4 << 20;

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
    /// Ids, titles, dates and places only; abstracts read as empty. Page
    /// text is still read and checked whole, through a small window, so a
    /// large archive never has to fit in memory (`list`, `check`).
    Titles,
}

/// The shapes a digest comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The page as text (what a browser copies or saves as text)
    Text,
    /// A Markdown capture of the page
    Markdown,
    /// The daily papers API's JSON (an array of items, or JSON Lines)
    Json,
    /// An arXiv listing e-mail: the body as saved, or the whole message
    Email,
    /// A feed: RSS 2.0, Atom 1.0 (arXiv's and its API's too) or JSON Feed
    Feed,
    /// A saved page of huggingface.co/papers
    Html,
    /// Key-value records a script wrote (`Title:`, `PDF:`, `Summary:`)
    Kv,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "page text",
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
            Format::Email => "arXiv listing e-mail",
            Format::Feed => "feed",
            Format::Html => "saved HTML page",
            Format::Kv => "key-value digest",
        }
    }

    /// Where papers in this format come from, as the query's `src:` names
    /// it: `hf` (Hugging Face) or `arxiv`.
    pub fn family(self) -> &'static str {
        match self {
            Format::Text | Format::Markdown | Format::Json | Format::Html => "hf",
            // Listings and feeds are arXiv's in the main (a site's feed of
            // the Daily Papers is the exception).
            Format::Email | Format::Feed | Format::Kv => "arxiv",
        }
    }
}

/// How [`Keep::Titles`] reads a file: `window` bytes at a time, in ranges
/// of at least `min_part` bytes shared between the cores.
#[derive(Clone, Copy)]
struct Windows {
    window: usize,
    min_part: usize,
}

/// How much of a file the recogniser looks at.
const SNIFF: usize = 64 << 10;

/// The format of a digest, from its first bytes (its name says nothing:
/// people save the page under any name). JSON starts with `[` or `{` (a
/// JSON Feed names its version); markup starts with `<` (HTML, else XML,
/// read as a feed); an e-mail shows arXiv's entries or a message's
/// headers; a script's digest shows `Title:` and another key; Markdown
/// shows headings of papers (`### …`) or a fence around the whole page;
/// anything else is read as the page's text.
pub fn recognise(head: &[u8]) -> Format {
    let head = &head[..head.len().min(SNIFF)];
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let after_bracket = t.get(1..).map(str::trim_start);
    match t.as_bytes().first() {
        Some(b'{') if super::feed::is_json_feed(t) => return Format::Feed,
        Some(b'{') => return Format::Json,
        Some(b'<') if super::html::is_html(t) => return Format::Html,
        Some(b'<') => return Format::Feed,
        Some(b'[')
            if after_bracket.is_some_and(|r| r.is_empty() || r.starts_with(['{', ']', '['])) =>
        {
            return Format::Json;
        }
        _ => {}
    }
    if super::email::is_email(t) {
        return Format::Email;
    }
    if super::kv::is_kv(t) {
        return Format::Kv;
    }
    let body = super::grammar::front_matter(t).map_or(t, |(len, _)| &t[len..]);
    let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.trim_start().starts_with("```") || first.trim_start().starts_with("~~~") {
        return Format::Markdown;
    }
    let mut headings = 0;
    let mut definitions = 0;
    for l in body.lines() {
        let hashes = l.len() - l.trim_start_matches('#').len();
        if (2..=6).contains(&hashes)
            && l[hashes..].starts_with(' ')
            && !l[hashes..].trim().is_empty()
        {
            headings += 1;
        }
        if l.starts_with('[') && l.contains("]: ") {
            definitions += 1;
        }
    }
    if headings >= 2 || (headings >= 1 && definitions >= 2) {
        Format::Markdown
    } else {
        Format::Text
    }
}

impl Digest {
    /// Reads every input in order. Problems become diagnostics; the caller
    /// decides whether what was read is usable ([`Digest::has_errors`], `len`).
    pub fn load(inputs: &[Input]) -> Digest {
        Digest::load_with(inputs, Keep::Everything, None)
    }

    /// [`Digest::load`], keeping only what `keep` asks for.
    pub fn load_keeping(inputs: &[Input], keep: Keep) -> Digest {
        Digest::load_with(inputs, keep, None)
    }

    /// [`Digest::load`], keeping what `keep` asks for, reading every input
    /// as `format` when given (else as it is recognised).
    pub fn load_with(inputs: &[Input], keep: Keep, format: Option<Format>) -> Digest {
        let mut d = Digest::default();
        let windows = (keep == Keep::Titles).then_some(Windows {
            window: stream::WINDOW,
            min_part: PARALLEL_PART,
        });
        for input in inputs {
            match input {
                Input::Sample => {
                    d.note_format(SAMPLE_NAME, Format::Text);
                    d.add_text(SAMPLE_NAME, Cow::Borrowed(SAMPLE), PARALLEL_PART);
                }
                Input::Stdin => match read_stream(std::io::stdin().lock()) {
                    Ok(bytes) => d.add_bytes("<stdin>", bytes, format, PARALLEL_PART),
                    Err(why) => d.error("<stdin>", why),
                },
                Input::Path(p) => d.add_path(p, windows, format, false),
            }
        }
        d
    }

    /// Parses one text already in memory (any bytes: they get the same
    /// checks as a file), in the format it is recognised as.
    pub fn parse(name: &str, bytes: impl AsRef<[u8]>) -> Digest {
        let mut d = Digest::default();
        d.add_bytes(name, bytes.as_ref().to_vec(), None, PARALLEL_PART);
        d
    }

    /// [`Digest::parse`] in the given format.
    pub fn parse_as(name: &str, bytes: impl AsRef<[u8]>, format: Format) -> Digest {
        let mut d = Digest::default();
        d.add_bytes(name, bytes.as_ref().to_vec(), Some(format), PARALLEL_PART);
        d
    }

    /// [`Digest::parse`], cutting page text into parts of at least
    /// `min_part` bytes to parse in parallel (tests of that path).
    #[cfg(test)]
    pub(crate) fn parse_in_parts(name: &str, bytes: impl AsRef<[u8]>, min_part: usize) -> Digest {
        let mut d = Digest::default();
        d.add_bytes(name, bytes.as_ref().to_vec(), Some(Format::Text), min_part);
        d
    }

    /// One file read as [`Keep::Titles`] does, in windows of `window` bytes,
    /// split between threads every `min_part` bytes (tests of that path).
    #[cfg(test)]
    pub(crate) fn load_titles_in_windows(path: &Path, window: usize, min_part: usize) -> Digest {
        let mut d = Digest::default();
        d.add_path(
            path,
            Some(Windows { window, min_part }),
            Some(Format::Text),
            false,
        );
        d
    }

    pub(super) fn error(&mut self, file: &str, message: String) {
        self.diagnostics
            .push(Diagnostic::error(file, None, message));
    }

    fn note_format(&mut self, name: &str, format: Format) {
        let source = self.intern_source(name) as usize;
        if self.formats.len() <= source {
            self.formats.resize(source + 1, None);
        }
        self.formats[source] = Some(format);
    }

    /// Reads a file, or every digest in a directory: whole, or through
    /// `windows` keeping titles only. In a directory, a file with no papers
    /// is passed over with a warning.
    fn add_path(
        &mut self,
        path: &Path,
        windows: Option<Windows>,
        format: Option<Format>,
        in_dir: bool,
    ) {
        let name = path.display().to_string();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.error(&name, format!("cannot read: {}", io_reason(&e))),
        };
        if meta.is_dir() {
            return self.add_dir(path, &name, windows, format);
        }
        let before = self.diagnostics.len();
        let papers = self.papers.len();
        // A library's file is named for its day (`2026-08-22.txt`).
        self.year_from = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(crate::day::Day::parse);
        if !meta.is_file() {
            // A pipe, process substitution or device: read once, in order,
            // refused early when its start shows it is not text.
            match std::fs::File::open(path).map_err(|e| format!("cannot read: {}", io_reason(&e))) {
                Ok(f) => match read_stream(f) {
                    Ok(bytes) => self.add_bytes(&name, bytes, format, PARALLEL_PART),
                    Err(why) => self.error(&name, why),
                },
                Err(why) => self.error(&name, why),
            }
        } else {
            self.add_file(path, &name, meta.len(), windows, format);
        }
        self.year_from = None;
        if in_dir && self.papers.len() == papers {
            // Not a digest after all: say so, and go on with the others.
            for d in &mut self.diagnostics[before..] {
                if d.file == name {
                    d.severity = super::Severity::Warning;
                    d.message = format!("skipped: {}", d.message);
                }
            }
        }
    }

    /// Reads a regular file: its start is looked at first (a gzip file is
    /// read through the decompressor, a binary one refused at once), then
    /// the rest whole, or through `windows` for page text.
    fn add_file(
        &mut self,
        path: &Path,
        name: &str,
        len: u64,
        windows: Option<Windows>,
        format: Option<Format>,
    ) {
        let head = match sniff(path) {
            Ok(h) => h,
            Err(e) => return self.error(name, format!("cannot read: {}", io_reason(&e))),
        };
        if head.starts_with(&GZIP) {
            let bytes = std::fs::File::open(path)
                .map_err(|e| format!("cannot read: {}", io_reason(&e)))
                .and_then(read_stream);
            return match bytes {
                Ok(b) => self.add_bytes(name, b, format, PARALLEL_PART),
                Err(why) => self.error(name, why),
            };
        }
        if let Some(at) = memchr::memchr(0, &head) {
            return self.error(name, binary_file(at as u64));
        }
        let format = format.unwrap_or_else(|| recognise(&head));
        match (windows, format) {
            (Some(w), Format::Text) => {
                self.note_format(name, format);
                self.add_path_titles(path, name, len, w);
            }
            _ => match read_file(path, len) {
                Ok(bytes) => self.add_bytes(name, bytes, Some(format), PARALLEL_PART),
                Err(e) => self.error(name, format!("cannot read: {}", io_reason(&e))),
            },
        }
    }

    fn add_dir(
        &mut self,
        path: &Path,
        name: &str,
        windows: Option<Windows>,
        format: Option<Format>,
    ) {
        const DIGESTS: [&str; 13] = [
            "txt", "md", "markdown", "json", "jsonl", "ndjson", "gz", "xml", "rss", "atom", "html",
            "htm", "eml",
        ];
        let mut files: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| DIGESTS.contains(&x.to_ascii_lowercase().as_str()))
                        && p.is_file()
                })
                .collect(),
            Err(e) => {
                return self.error(name, format!("cannot read directory: {}", io_reason(&e)));
            }
        };
        if files.is_empty() {
            return self.error(
                name,
                "directory holds no digests (*.txt, *.md, *.json, *.jsonl, *.xml, *.html, *.eml, *.gz files)".into(),
            );
        }
        files.sort();
        for f in files {
            self.add_path(&f, windows, format, true);
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
        let head = sniff(path).unwrap_or_default();
        // Decided on the head as the whole read sees it: decoded and cleaned.
        let head_text = String::from_utf8_lossy(&head);
        let furnished = super::grammar::is_furnished(&super::sanitize::clean(&head_text));
        let read = stream::read_titles(
            path,
            len,
            w.window,
            (pieces, cores()),
            source,
            name,
            furnished,
        );
        let ranges = match read {
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
            lines_before += r.parsed.line_breaks;
        }
        self.note_cleaning(name, bad_utf8, removed, first_removed);
        let parts = ranges.into_iter().map(|r| r.parsed).collect();
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

    /// Decodes, cleans and reads one input's bytes, in `format` or as they
    /// are recognised.
    fn add_bytes(&mut self, name: &str, bytes: Vec<u8>, format: Option<Format>, min_part: usize) {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return self.error(name, blank_file(bytes.is_empty()));
        }
        let format = format.unwrap_or_else(|| recognise(&bytes));
        let cleaned = clean(Cow::Owned(bytes), min_part);
        if let Some(at) = cleaned.nul {
            return self.error(name, binary_file(at as u64));
        }
        let bad_utf8 = cleaned.bad_utf8.map(|(at, line)| (at as u64, line));
        self.note_cleaning(name, bad_utf8, cleaned.removed, cleaned.first_removed_line);
        self.note_format(name, format);
        // Owned bytes in, owned text out: no copy.
        let text = cleaned.text.into_owned();
        match format {
            Format::Text => self.add_text(name, Cow::Owned(text), min_part),
            Format::Markdown => self.add_read(name, markdown::read(name, &text)),
            Format::Json => self.add_read(name, json::read(name, &text)),
            Format::Email => self.add_read(name, email::read(name, &text)),
            Format::Feed => self.add_read(name, feed::read(name, &text)),
            Format::Html => self.add_read(name, html::read(name, &text)),
            Format::Kv => self.add_read(name, kv::read(name, &text)),
        }
    }

    /// Adds what a Markdown or JSON reader found.
    fn add_read(&mut self, name: &str, mut read: super::Read) {
        let found = read.papers.len();
        let empty_ok = read.empty_ok;
        // A paper with neither an id nor an abstract is most likely not a
        // paper at all: the file was read as something it is not.
        let bare: Vec<u32> = read
            .papers
            .iter()
            .filter(|p| p.facts.arxiv.is_none() && p.abstract_.is_empty())
            .map(|p| p.line)
            .collect();
        if let Some(&line) = bare.first() {
            self.diagnostics.push(Diagnostic::warning(
                name,
                Some(line),
                format!(
                    "{} with neither an arXiv id nor an abstract (the first here); is the file what it seems?",
                    match bare.len() {
                        1 => "1 paper".to_owned(),
                        n => format!("{n} papers"),
                    }
                ),
            ));
        }
        self.diagnostics.append(&mut read.diagnostics);
        self.add_read_papers(name, read);
        if found == 0 && !empty_ok && !self.has_errors_for(name) {
            self.error(name, NO_PAPERS.into());
        }
    }

    fn has_errors_for(&self, name: &str) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.file == name && d.severity == super::Severity::Error)
    }

    /// Parses clean page text and adds its papers. A large text is cut
    /// where the layout holds no state (see `text.rs`) and its parts read
    /// on all cores; each part reads exactly as it would in sequence.
    pub(super) fn add_text(&mut self, name: &str, text: Cow<'static, str>, min_part: usize) {
        if u32::try_from(text.len()).is_err() {
            // Spans are 32-bit offsets.
            return self.error(name, TOO_LARGE.into());
        }
        let t = self.texts.len() as u32;
        let source = self.intern_source(name);
        let furnished =
            super::grammar::is_furnished(&text[..super::sanitize::floor_char(&text, SNIFF)]);
        let cuts = cut_at_breaks(&text, part_count(text.len(), min_part));
        let ranges: Vec<(usize, Range<usize>)> =
            cuts.windows(2).map(|w| w[0]..w[1]).enumerate().collect();
        let parts = crate::par::map(ranges, cores(), |(k, range)| {
            let how = Reading {
                text_id: t,
                source,
                name,
                at_start: k == 0,
                date: if k == 0 {
                    SectionDate::Known(None)
                } else {
                    SectionDate::Unknown
                },
                facts: true,
                furnished,
            };
            text::parse_part(&text, range, how)
        });
        // Page text was cleaned whole as it was decoded.
        self.push_text(text, false);
        self.add_parts(name, parts);
    }

    /// Adds the papers and warnings of a file's parts, in order: lines
    /// numbered from the file's start (each part counts from its own), each
    /// part's first papers dated from the part before, card facts found
    /// before a part's first paper given to the paper before it.
    fn add_parts(&mut self, name: &str, parts: Vec<Parsed>) {
        let found: usize = parts.iter().map(|p| p.papers.len()).sum();
        self.papers.reserve(found);
        self.by_id.reserve(found);
        let mut lines_before = 0;
        let mut date: Option<(Span, u32)> = None;
        // A part's last paper waits for the next part's lead facts: they
        // are its own, and must be on it before it passes the gate (which
        // may merge it into an earlier paper), as in a whole read.
        let mut pending: Option<Paper> = None;
        for mut part in parts {
            // In place before its papers pass the gate, which may read them.
            let extra = self.texts.len() as u32;
            self.push_text(Cow::Owned(std::mem::take(&mut part.extra)), false);
            let remap = |s: Span| {
                if s.text == EXTRA {
                    Span { text: extra, ..s }
                } else {
                    s
                }
            };
            for mut w in part.warnings {
                w.line = w.line.map(|l| l + lines_before);
                self.diagnostics.push(w);
            }
            if let Some(p) = pending.as_mut() {
                let facts = p.facts.get_or_insert_with(Box::default);
                for f in &part.lead_facts {
                    f.apply(facts);
                }
            }
            let lead = part.undated_lead;
            for (k, mut p) in part.papers.into_iter().enumerate() {
                p.origin.line += lines_before;
                p.title = remap(p.title);
                p.abstract_ = remap(p.abstract_);
                p.date = p.date.map(remap);
                if k < lead {
                    (p.date, p.date_key) = (date.map(|d| d.0), date.map_or(0, |d| d.1));
                }
                if let Some(before) = pending.replace(p) {
                    self.insert(before);
                }
            }
            if let SectionDate::Known(d) = part.date {
                date = d.map(|(s, key)| (remap(s), key));
            }
            lines_before += part.line_breaks;
        }
        if let Some(p) = pending {
            self.insert(p);
        }
        if found == 0 {
            self.error(name, NO_PAPERS.into());
        }
    }
}

/// The first bytes of a gzip stream.
const GZIP: [u8; 2] = [0x1f, 0x8b];

/// The most a stream may bring, decompressed (gzip) or read from a pipe or
/// standard input: a year of every arXiv listing is well under it, and
/// what never ends (`yes |`, `/dev/urandom`) is stopped here.
pub const STREAM_MOST: u64 = 1 << 30;

/// How far into a stream a line that could be a title must come: a gzip
/// bomb of spaces or a stream of single letters is refused here, after
/// 64 MiB, not after the whole of it.
pub const STREAM_LOOK: usize = 64 << 20;

/// Reads a stream (a pipe, standard input, a device, a gzip file) once, in
/// order, in pieces. Its first 64 KiB decide: gzip is read through the
/// decompressor; a NUL byte there means binary, refused at once (so
/// `/dev/zero` is not read forever); text is read to its end, at most
/// [`STREAM_MOST`], and refused once [`STREAM_LOOK`] bytes held no line
/// that could be a title.
fn read_stream(mut input: impl Read) -> Result<Vec<u8>, String> {
    let reason = |e: std::io::Error| format!("cannot read: {}", io_reason(&e));
    let mut head = Vec::with_capacity(SNIFF);
    (&mut input)
        .take(SNIFF as u64)
        .read_to_end(&mut head)
        .map_err(reason)?;
    let gzip = head.starts_with(&GZIP);
    if !gzip && let Some(at) = memchr::memchr(0, &head) {
        return Err(binary_file(at as u64));
    }
    let whole = std::io::Cursor::new(head).chain(input);
    let mut reader: Box<dyn Read> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(whole))
    } else {
        Box::new(whole)
    };
    let mut bytes = Vec::new();
    let mut titles = TitleLook::default();
    loop {
        let n = (&mut reader)
            .take(1 << 20)
            .read_to_end(&mut bytes)
            .map_err(|e| match gzip {
                true => format!("not a readable gzip file: {e}"),
                false => reason(e),
            })?;
        if n == 0 {
            return Ok(bytes);
        }
        if !titles.found && !titles.look(&bytes) && bytes.len() >= STREAM_LOOK {
            return Err(if bytes.iter().all(u8::is_ascii_whitespace) {
                "only blank lines in its first 64 MiB; refused".into()
            } else {
                "no line in its first 64 MiB could be a title; is this a digest?".into()
            });
        }
        if bytes.len() as u64 > STREAM_MOST {
            return Err(format!(
                "more than {} GiB read; a stream is cut off there (save it to a file, or split it)",
                STREAM_MOST >> 30
            ));
        }
    }
}

/// Looks through a stream as it grows for a line that could be a title:
/// one with at least three characters that are not white space.
#[derive(Default)]
struct TitleLook {
    /// Where the line not yet finished starts.
    from: usize,
    /// Its characters that are not white space so far.
    count: usize,
    found: bool,
}

impl TitleLook {
    fn look(&mut self, bytes: &[u8]) -> bool {
        for (i, &b) in bytes.iter().enumerate().skip(self.from) {
            if b == b'\n' {
                self.count = 0;
                self.from = i + 1;
            } else if !b.is_ascii_whitespace() {
                self.count += 1;
                if self.count >= 3 {
                    self.found = true;
                    return true;
                }
            }
        }
        self.from = bytes.len();
        false
    }
}

/// The first bytes of a file, for the recogniser.
fn sniff(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(SNIFF);
    std::fs::File::open(path)?
        .take(SNIFF as u64)
        .read_to_end(&mut head)?;
    Ok(head)
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

pub(super) const TOO_LARGE: &str = "file is larger than 4 GiB; split it into smaller digests";
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

/// Where to cut `text` into about `parts` parts: where the layout holds no
/// state, after each even share, as [`stream::split`] cuts a file. Returns
/// the part boundaries, from 0 to the end.
fn cut_at_breaks(text: &str, parts: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let found = stream::split(bytes.len() as u64, parts, |at| {
        let at = at as usize;
        let ahead = &bytes[at..(at + stream::LOOK_AHEAD).min(bytes.len())];
        Ok(stream::first_cut(ahead, 0).map(|c| c as u64))
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

pub(super) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_from_content() {
        assert_eq!(recognise(b"[{\"paper\": {}}]"), Format::Json);
        assert_eq!(recognise(b"\xef\xbb\xbf  [\n  {"), Format::Json);
        assert_eq!(recognise(b"[]"), Format::Json);
        assert_eq!(
            recognise(b"{\"paper\": {}}\n{\"paper\": {}}\n"),
            Format::Json
        );
        assert_eq!(
            recognise(b"### [A](u)\n\nx\n\n### [B](u)\n"),
            Format::Markdown
        );
        assert_eq!(
            recognise(b"---\ntitle: x\n---\n```markdown\n# x\n```\n"),
            Format::Markdown
        );
        assert_eq!(
            recognise(b"# Daily Papers\n\nJul 29\n\nA Title\n\nAn abstract.\n"),
            Format::Text
        );
        assert_eq!(recognise(b"[\n2 authors](https://x)\n"), Format::Text);
        assert_eq!(recognise(SAMPLE.as_bytes()), Format::Text);
    }
}

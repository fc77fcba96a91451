//! Bytes to clean text: decoded as UTF-8 (invalid bytes replaced, and
//! said where), and made safe for a terminal (`sanitize`), on every core
//! for a large text.

use std::borrow::Cow;

use super::diagnostics::LineCounter;
use super::sanitize;
use crate::par::cores;

/// Text decoded and cleaned, with what that took (lines are 1-based).
pub(super) struct Cleaned<'a> {
    pub text: Cow<'a, str>,
    /// Offset of the first NUL byte: the bytes are not text at all.
    pub nul: Option<usize>,
    /// Byte offset and line of the first invalid UTF-8.
    pub bad_utf8: Option<(usize, u32)>,
    /// Control characters and escape sequences removed, and the first one's line.
    pub removed: usize,
    pub first_removed_line: Option<u32>,
}

/// Decodes bytes as UTF-8 and removes what must not reach a terminal
/// ([`sanitize`]); clean text is passed through without a copy. Checks for
/// a NUL byte (a binary file) only when the text is not clean, as a NUL
/// makes it.
pub(super) fn clean(bytes: Cow<'_, [u8]>, min_part: usize) -> Cleaned<'_> {
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
pub(super) fn part_count(len: usize, min_part: usize) -> usize {
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

//! Untrusted text in, terminal-safe text out.
//!
//! A digest is pasted from the web, so it may carry control characters, whole
//! escape sequences (which can move the cursor, retitle the window or write the
//! clipboard) and bidi overrides (which can make text read differently from what
//! it is). They are removed from text *after* it is decoded (JSON escapes,
//! entities, quoted-printable can all spell them), at the one gate every paper
//! passes into a digest (`Digest::insert`), and from what a user types (list
//! names, notes) where the store takes it, so nothing downstream can ever
//! print them. Line breaks (`\n`, `\r`) are kept so line numbers stay true;
//! a tab becomes a space.

use std::borrow::Cow;

const ESC: u8 = 0x1b;
const BEL: u8 = 0x07;

/// Bytes that start something we may have to remove or rewrite.
const fn special_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\n' as usize && b != b'\r' as usize;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true; // C1 controls U+0080..U+009F
    t[0xd8] = true; // U+061C arabic letter mark
    t[0xe2] = true; // U+200E/F, U+2028/9, U+202A..E, U+2066..9
    t[0xef] = true; // U+FEFF byte-order mark
    t
}
static SPECIAL: [bool; 256] = special_table();

/// What a multi-byte character starting at `i` is, if it is one we remove.
/// Returns its length in bytes and whether it opens a control string / sequence.
fn unicode_control(b: &[u8], i: usize) -> Option<(usize, Opens)> {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match (b[i], at(1), at(2)) {
        (0xc2, 0x9b, _) => Some((2, Opens::Csi)),
        (0xc2, 0x9d, _) => Some((2, Opens::Str)),
        (0xc2, 0x90 | 0x98 | 0x9e | 0x9f, _) => Some((2, Opens::Str)),
        (0xc2, 0x80..=0x9f, _) => Some((2, Opens::Nothing)),
        (0xd8, 0x9c, _) => Some((2, Opens::Nothing)),
        (0xe2, 0x80, 0x8e | 0x8f | 0xa8 | 0xa9 | 0xaa..=0xae) => Some((3, Opens::Nothing)),
        (0xe2, 0x81, 0xa6..=0xa9) => Some((3, Opens::Nothing)),
        (0xef, 0xbb, 0xbf) => Some((3, Opens::Nothing)),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Opens {
    Nothing,
    Csi,
    Str,
}

/// True when `text` holds nothing that [`sanitize`] would change. Runs on
/// every load, so it looks at 64 bytes at a time, in loops the compiler turns
/// into vector instructions, each look rarer than the last: any byte outside
/// printable ASCII (most blocks have none); any but a line break (blocks that
/// end a line); and only then, byte by byte, what the bytes are.
pub fn is_clean(text: &[u8]) -> bool {
    let byte_ok = |i: usize| {
        let b = text[i];
        !SPECIAL[b as usize] || (b >= 0x80 && unicode_control(text, i).is_none())
    };
    // b < 0x20 or b >= 0x7f.
    let outside = |b: u8| b.wrapping_sub(0x20) >= 0x5f;
    let mut blocks = text.chunks_exact(64);
    let mut at = 0;
    for block in blocks.by_ref() {
        let any = block.iter().fold(0u8, |acc, &b| acc | outside(b) as u8);
        if any != 0 {
            let not_break = |b: u8| outside(b) & (b != b'\n') & (b != b'\r');
            let other = block.iter().fold(0u8, |acc, &b| acc | not_break(b) as u8);
            if other != 0 && !(at..at + 64).all(|i| !outside(text[i]) || byte_ok(i)) {
                return false;
            }
        }
        at += 64;
    }
    (at..text.len()).all(byte_ok)
}

/// True when every byte is printable ASCII (a space to `~`): nothing
/// [`sanitize`] removes, and no line break.
pub fn is_printable_ascii(b: &[u8]) -> bool {
    b.iter()
        .fold(0u8, |acc, &c| acc | u8::from(c.wrapping_sub(b' ') >= 0x5f))
        == 0
}

/// Removes control characters, escape sequences and bidi controls in place.
/// `text` must be valid UTF-8 and stays valid UTF-8: only whole characters are
/// removed, and a tab is rewritten as a space. Returns how many things were
/// removed (tabs are not counted) and the byte offset, in the output, where the
/// first one was: line breaks are kept, so it lies on the same line as before.
pub fn sanitize(text: &mut Vec<u8>) -> (usize, Option<usize>) {
    let mut count = 0;
    let mut first = None;
    let (mut r, mut w) = (0, 0);
    let n = text.len();
    while r < n {
        let b = text[r];
        if !SPECIAL[b as usize] {
            text[w] = b;
            w += 1;
            r += 1;
            continue;
        }
        let (len, opens) = match b {
            b'\t' => {
                text[w] = b' ';
                w += 1;
                r += 1;
                continue;
            }
            ESC => match text.get(r + 1) {
                Some(b'[') => (2, Opens::Csi),
                Some(b']' | b'P' | b'X' | b'^' | b'_') => (2, Opens::Str),
                // A two-byte escape (ESC c, ESC 7, ...): drop the byte after ESC
                // too, unless it is a line break or a non-ASCII character.
                Some(&c) if (0x20..0x7f).contains(&c) => (2, Opens::Nothing),
                _ => (1, Opens::Nothing),
            },
            0x00..=0x1f | 0x7f => (1, Opens::Nothing),
            _ => match unicode_control(text, r) {
                Some(found) => found,
                None => {
                    text[w] = b;
                    w += 1;
                    r += 1;
                    continue;
                }
            },
        };
        first.get_or_insert(w);
        count += 1;
        r += len;
        match opens {
            Opens::Nothing => {}
            Opens::Csi => r = skip_csi(text, r),
            Opens::Str => r = skip_string(text, r),
        }
    }
    text.truncate(w);
    (count, first)
}

/// CSI: parameter bytes 0x30-0x3f, intermediates 0x20-0x2f, one final 0x40-0x7e.
fn skip_csi(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (0x20..=0x3f).contains(&b[i]) {
        i += 1;
    }
    if i < b.len() && (0x40..=0x7e).contains(&b[i]) {
        i += 1;
    }
    i
}

/// OSC/DCS/SOS/PM/APC: everything up to BEL, ESC \ or ST (U+009C). An
/// unterminated string ends at the line break, which is kept.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            BEL => return i + 1,
            ESC if b.get(i + 1) == Some(&b'\\') => return i + 2,
            0xc2 if b.get(i + 1) == Some(&0x9c) => return i + 2,
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    i
}

/// `s` with everything [`sanitize`] removes gone, and how many things that
/// was; no copy when there is none.
pub fn clean_counted(s: &str) -> (Cow<'_, str>, usize) {
    if is_clean(s.as_bytes()) {
        return (Cow::Borrowed(s), 0);
    }
    let mut bytes = s.as_bytes().to_vec();
    let (removed, _) = sanitize(&mut bytes);
    // Only whole characters are removed, so the bytes stay UTF-8.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (Cow::Owned(text), removed)
}

/// [`clean_counted`] without the count.
pub fn clean(s: &str) -> Cow<'_, str> {
    clean_counted(s).0
}

/// Clean text for one line (a list name, a terminal title, a message
/// quoting input): as [`clean`], line breaks made spaces too.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    match clean(s) {
        Cow::Borrowed(b) if !b.contains(['\n', '\r']) => Cow::Borrowed(b),
        c => Cow::Owned(c.replace(['\n', '\r'], " ")),
    }
}

/// True when nothing here would be removed from `s`, nor a line break.
pub fn is_clean_line(s: &str) -> bool {
    is_clean(s.as_bytes()) && !s.contains(['\n', '\r'])
}

/// The URL when it may be opened or kept as a paper's link: `http` or
/// `https` with a host, nothing a terminal or a shell could take as
/// more (no controls, no white space). Anything else (`file:`,
/// `javascript:`, `--flag`, a bare path) is `None`.
pub fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = match authority.rsplit_once(':') {
        Some((h, port))
            if !h.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && !authority.ends_with(']') =>
        {
            h
        }
        _ => authority,
    };
    // No `@`: user information (`http://good.org@evil.com`) is how a link
    // hides its host.
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':'));
    let plain =
        !url.chars().any(|c| c.is_whitespace() || c.is_control()) && is_clean(url.as_bytes());
    (host_ok && plain).then_some(url)
}

/// Text out of markup (JSON fields, Markdown): HTML entities decoded,
/// inline tags (`<i>`, `</sub>`) dropped, white space collapsed to single
/// spaces, and sanitized again, as an entity may spell a control character.
pub fn clean_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    clean_markup_into(&mut out, s);
    out
}

/// [`clean_markup`], without a copy when `s` has neither tags nor
/// entities and its words are one space apart already (most fields).
pub fn plain(s: &str) -> Cow<'_, str> {
    if memchr::memchr2(b'<', b'&', s.as_bytes()).is_none() && one_spaced(s.as_bytes()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(clean_markup(s))
    }
}

/// Whether [`collapse_into`] would copy `b` as it is: no white space but
/// single spaces between words (any byte below `!` other than a space
/// counts as white space here, which only sends more text the long way).
/// One pass the compiler can vectorise.
pub fn one_spaced(b: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return true;
    };
    if first <= b' ' || last <= b' ' {
        return false;
    }
    let bad = b.iter().zip(&b[1..]).fold(0u8, |acc, (&x, &y)| {
        acc | u8::from(x < b' ') | (u8::from(x == b' ') & u8::from(y == b' '))
    });
    bad == 0
}

/// [`clean_markup`], appending to `out`. The result is decoded, not yet
/// clean: it goes into a digest, whose gate cleans it.
pub fn clean_markup_into(out: &mut String, s: &str) {
    // Most text has neither tags nor entities: only its spaces to collapse
    // (and it was sanitized with the file it came in).
    if memchr::memchr2(b'<', b'&', s.as_bytes()).is_none() {
        return collapse_into(out, s);
    }
    // Tags first: an escaped `&lt;b&gt;` is text, not a tag.
    let untagged = drop_tags(s);
    let decoded = html_escape::decode_html_entities(&untagged);
    // What an entity spelled (`&#x1b;`) is left for the one gate that
    // cleans every paper's text, and counts what it removed.
    collapse_into(out, &decoded);
}

/// Appends `s` with every run of white space made one space, none at the
/// ends. Words already one space apart are copied as one run: this runs
/// on every field of every paper a decoding reader makes.
pub fn collapse_into(out: &mut String, s: &str) {
    if one_spaced(s.as_bytes()) {
        return out.push_str(s);
    }
    let b = s.as_bytes();
    let n = b.len();
    out.reserve(n);
    let mut i = 0;
    let mut first = true;
    while i < n {
        while i < n && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == n {
            break;
        }
        let start = i;
        loop {
            while i < n && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i + 1 < n && b[i] == b' ' && !b[i + 1].is_ascii_whitespace() {
                i += 1;
            } else {
                break;
            }
        }
        if !first {
            out.push(' ');
        }
        // ASCII white space bounds the run: char boundaries.
        out.push_str(&s[start..i]);
        first = false;
    }
}

/// `s` without HTML tags: `<` or `</`, a letter, anything but `<` and `>`,
/// then `>`. A lone `<` (as in `a < b`) stays.
fn drop_tags(s: &str) -> Cow<'_, str> {
    if !s.contains('<') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag = &rest[open + 1..];
        let name = tag.strip_prefix('/').unwrap_or(tag);
        let end = tag.find(['>', '<']);
        match end {
            Some(e)
                if tag.as_bytes()[e] == b'>'
                    && name.starts_with(|c: char| c.is_ascii_alphabetic()) =>
            {
                rest = &tag[e + 1..];
            }
            _ => {
                out.push('<');
                rest = tag;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The largest char boundary of `s` at or before `at`: a head of a text
/// cut there never splits a character.
pub(crate) fn floor_char(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        let mut v = s.as_bytes().to_vec();
        sanitize(&mut v);
        String::from_utf8(v).expect("sanitize keeps UTF-8 valid")
    }

    #[test]
    fn plain_text_is_untouched() {
        let s = "Vision transformers — “ViTs” 量子化 ✨\nnext line\r\n";
        assert!(is_clean(s.as_bytes()));
        assert_eq!(clean(s), s);
    }

    #[test]
    fn is_clean_finds_a_special_byte_at_every_position() {
        for bad in [
            "\x01", "\x7f", "\t", "\x1b", "\u{85}", "\u{202e}", "\u{feff}",
        ] {
            for pos in 0..20 {
                let s = format!("{}{bad}{}", "a".repeat(pos), "b".repeat(20 - pos));
                assert!(!is_clean(s.as_bytes()), "{bad:?} at {pos}");
            }
        }
        assert!(is_clean(
            "plain\r\ntext — with “quotes” and 量子化\n"
                .repeat(3)
                .as_bytes()
        ));
    }

    #[test]
    fn printable_ascii_is_space_to_tilde() {
        assert!(is_printable_ascii(b""));
        assert!(is_printable_ascii(b" Ada Lovelace ~!"));
        for bad in [
            b"\x1f".as_slice(),
            b"\x7f",
            b"\n",
            b"\r",
            b"\t",
            "é".as_bytes(),
        ] {
            let s = [b"abc".as_slice(), bad, b"def"].concat();
            assert!(!is_printable_ascii(&s), "{bad:?}");
        }
    }

    #[test]
    fn strips_c0_del_and_tab() {
        assert_eq!(clean("a\tb\x00c\x07d\x7fe\x08f"), "a bcdef");
        assert!(!is_clean(b"a\tb"));
    }

    #[test]
    fn strips_whole_escape_sequences() {
        assert_eq!(clean("x\x1b[31;1mred\x1b[0m y"), "xred y");
        assert_eq!(clean("\x1b]0;pwned title\x07ok"), "ok");
        assert_eq!(clean("\x1b]52;c;aGk=\x1b\\ok"), "ok");
        assert_eq!(clean("\x1bPdcs\x1b\\ok"), "ok");
        assert_eq!(clean("\x1bcreset"), "reset");
        assert_eq!(clean("\u{9b}2Jclear"), "clear");
        assert_eq!(clean("\u{9d}8;;http://x\u{9c}link"), "link");
    }

    #[test]
    fn unterminated_string_stops_at_line_break() {
        assert_eq!(clean("a\x1b]0;title\nnext"), "a\nnext");
    }

    #[test]
    fn strips_c1_bidi_and_bom() {
        assert_eq!(clean("\u{feff}abc"), "abc");
        assert_eq!(clean("a\u{202e}txt.exe\u{202c}b"), "atxt.exeb");
        assert_eq!(clean("a\u{2066}b\u{2069}\u{200f}c\u{85}d"), "abcd");
        // Neighbours of the removed ranges survive.
        assert_eq!(
            clean("a\u{2014}b\u{2019}c\u{a0}d"),
            "a\u{2014}b\u{2019}c\u{a0}d"
        );
    }

    #[test]
    fn keeps_line_breaks_and_reports_first_offset() {
        let mut v = b"ok\r\n\tbad\x01\x1b[0m\n".to_vec();
        let (n, first) = sanitize(&mut v);
        assert_eq!((n, first), (2, Some(8)));
        assert_eq!(v, b"ok\r\n bad\n");
    }

    #[test]
    fn markup_is_made_plain_text() {
        assert_eq!(
            clean_markup("Scaling &amp; <i>Laws</i>  of\n <sub>2</sub>"),
            "Scaling & Laws of 2"
        );
        assert_eq!(clean_markup("a < b and c>d"), "a < b and c>d");
        // Decoding may spell what the gate then removes.
        let decoded = clean_markup("x&#27;[2Jy &#x1b;]0;t&#7; &#8238;z");
        assert!(decoded.contains('\u{202e}'));
        let escaped = super::clean(&decoded);
        assert!(
            !escaped.contains(|c: char| c.is_control() || c == '\u{202e}'),
            "{escaped:?}"
        );
        assert_eq!(clean_markup("&lt;b&gt; stays text"), "<b> stays text");
    }

    #[test]
    fn white_space_collapses_to_single_spaces() {
        let collapse = |s: &str| {
            let mut out = String::from(">");
            collapse_into(&mut out, s);
            out
        };
        for s in [
            "",
            " ",
            "a",
            " a ",
            "a b",
            "a  b",
            "\ta\r\nb \x0cc ",
            "é  ü\n",
            "a b c  d",
        ] {
            let words: Vec<&str> = s.split_ascii_whitespace().collect();
            assert_eq!(collapse(s), format!(">{}", words.join(" ")), "{s:?}");
        }
    }

    #[test]
    fn decoded_text_is_cleaned_and_counted() {
        assert_eq!(clean_counted("plain"), (Cow::Borrowed("plain"), 0));
        let (c, n) = clean_counted("a\u{1b}[2Jb\u{9b}1m\u{202e}c\u{7}");
        assert_eq!((c.as_ref(), n), ("abc", 4));
        assert_eq!(clean_line("two\nlines\r\n"), "two lines  ");
    }

    #[test]
    fn only_web_urls_with_a_host_are_kept() {
        for ok in [
            "https://github.com/a/b",
            "http://example.org",
            "HTTPS://x.y/path?q=1#f",
            "http://127.0.0.1:8080/x",
            "http://[::1]:80/",
        ] {
            assert_eq!(web_url(ok), Some(ok), "{ok}");
        }
        for bad in [
            "--remote-debugging-port=9222/github.com",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "JavaScript://x.org/%0aalert(1)",
            "https://",
            "https:///path",
            "https://good.org@evil.com/",
            "https://a.org/ b",
            "https://a.org/\u{1b}]0;x\u{7}",
            "https://a.org/\u{202e}gpj.exe",
            "ftp://a.org/x",
            "github.com/a/b",
        ] {
            assert_eq!(web_url(bad), None, "{bad:?}");
        }
    }
}

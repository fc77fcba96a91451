//! arXiv's own notation, shared by the readers of its e-mails, feeds and
//! of scripts' digests: ids with versions, author lists, category lists
//! and the dates of mail headers.

use std::borrow::Cow;

use super::facts::{arxiv_from_url, split_version};

/// The most authors kept for one paper (a collaboration lists thousands).
pub const MOST_AUTHORS: usize = 2000;

/// The most categories kept for one paper.
const MOST_CATEGORIES: usize = 32;

/// The id and version a link or an identifier names: `2601.15305v2`,
/// `oai:arXiv.org:2601.15305v2`, `http://arxiv.org/abs/2601.15305v2`,
/// `https://huggingface.co/papers/2601.15305`.
pub fn id_and_version(s: &str) -> Option<(String, Option<String>)> {
    let s = s.trim();
    let tail = s
        .strip_prefix("oai:arXiv.org:")
        .or_else(|| s.strip_prefix("arXiv:"))
        .unwrap_or(s);
    if let Some(found) = split_version(tail) {
        return Some(found);
    }
    let id = arxiv_from_url(s)?;
    // The version, when the link carries one right after the id.
    let after = &s[s.find(id.as_str())? + id.len()..];
    let digits = after
        .strip_prefix('v')
        .map(|r| r.bytes().take_while(u8::is_ascii_digit).count())
        .unwrap_or(0);
    let version = (digits > 0).then(|| after[..=digits].to_owned());
    Some((id, version))
}

/// Authors as arXiv lists them: `A, B and C` (commas, `and`), affiliations
/// in parentheses dropped.
pub fn split_authors(s: &str) -> Vec<String> {
    let plain: Cow<'_, str> = if s.contains(['(', ')']) {
        let mut plain = String::with_capacity(s.len());
        let mut depth = 0u32;
        for c in s.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        Cow::Owned(plain)
    } else {
        Cow::Borrowed(s)
    };
    let mut out = Vec::new();
    for part in plain.split(',') {
        let mut rest = part;
        // ` and ` splits a part too (found by its spaces: names are short).
        loop {
            let at = memchr::memchr_iter(b' ', rest.as_bytes())
                .find(|&i| rest.as_bytes()[i..].starts_with(b" and "));
            let (name, tail) = match at {
                Some(i) => (&rest[..i], Some(&rest[i + 5..])),
                None => (rest, None),
            };
            let n = one_spaced(name);
            let n = match n.strip_prefix("and ") {
                Some(rest) => rest.to_owned(),
                None => n.into_owned(),
            };
            if !n.is_empty() {
                if out.len() == MOST_AUTHORS {
                    return out;
                }
                out.push(n);
            }
            match tail {
                Some(t) => rest = t,
                None => break,
            }
        }
    }
    out
}

/// `n`'s words one space apart; no copy when they are already (ASCII
/// words, single spaces, none at the ends: nearly every name).
fn one_spaced(n: &str) -> Cow<'_, str> {
    if n.is_ascii() && super::sanitize::one_spaced(n.as_bytes()) {
        return Cow::Borrowed(n);
    }
    Cow::Owned(n.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether `s` looks like an arXiv category: `cs.CL`, `math.AP`, `hep-th`,
/// `physics.comp-ph`, `q-bio.NC`, `stat.ML`.
pub fn is_category(s: &str) -> bool {
    let (archive, sub) = s.split_once('.').unwrap_or((s, ""));
    let word = |w: &str| {
        !w.is_empty() && w.len() <= 16 && w.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-')
    };
    word(archive)
        && archive.bytes().all(|c| !c.is_ascii_uppercase())
        && (sub.is_empty() || word(sub))
        // A bare archive is one with a dash (`hep-th`), not any word.
        && (!sub.is_empty() || archive.contains('-'))
}

/// Adds `c` to `list` unless it is there already; bounded.
pub fn add_category(list: &mut Vec<String>, c: &str) {
    let c = c.trim();
    if is_category(c) && list.len() < MOST_CATEGORIES && !list.iter().any(|x| x == c) {
        list.push(c.to_owned());
    }
}

/// A date as mail and RSS write it (`Tue, 20 Jan 2026 18:59:58 GMT`,
/// `20 Jan 2026`), or as Atom does (`2026-01-20T18:59:58Z`), as
/// `2026-01-20`.
pub fn iso_day(s: &str) -> Option<String> {
    let s = s.trim();
    // `get`: the tenth byte of a hostile date may fall inside a character.
    if let Some(day) = s
        .get(..10)
        .filter(|d| super::grammar::iso_date_key(d).is_some())
    {
        return Some(day.to_owned());
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let dmy = |w: [&str; 3]| {
        let day: u32 = w[0].parse().ok().filter(|d| (1..=31).contains(d))?;
        let month = w[1].get(..3)?;
        let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as u32 + 1;
        let year: u32 = w[2].parse().ok()?;
        let year = match year {
            0..=89 => 2000 + year,
            90..=99 => 1900 + year,
            1900..=2200 => year,
            _ => return None,
        };
        Some(iso(year, month, day))
    };
    let mut words = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    // `day month year`, after an optional weekday.
    let (mut a, mut b) = (words.next()?, words.next()?);
    for c in words {
        if let Some(day) = dmy([a, b, c]) {
            return Some(day);
        }
        (a, b) = (b, c);
    }
    None
}

/// `2026-01-20` (the year has four digits, checked by the caller).
fn iso(year: u32, month: u32, day: u32) -> String {
    let mut s = String::with_capacity(10);
    for (k, (v, width)) in [(year, 4), (month, 2), (day, 2)].into_iter().enumerate() {
        if k > 0 {
            s.push('-');
        }
        for p in (0..width).rev() {
            s.push(char::from(b'0' + (v / 10u32.pow(p) % 10) as u8));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_with_their_versions() {
        let v = |s: &str| id_and_version(s);
        let some = |id: &str, v: Option<&str>| Some((id.to_owned(), v.map(str::to_owned)));
        assert_eq!(v("2601.15305v2"), some("2601.15305", Some("v2")));
        assert_eq!(
            v("oai:arXiv.org:2601.15305v1"),
            some("2601.15305", Some("v1"))
        );
        assert_eq!(
            v("http://arxiv.org/abs/2601.15305v3"),
            some("2601.15305", Some("v3"))
        );
        assert_eq!(
            v("https://arxiv.org/pdf/hep-th/9901001v2"),
            some("hep-th/9901001", Some("v2"))
        );
        assert_eq!(
            v("https://huggingface.co/papers/2601.15305"),
            some("2601.15305", None)
        );
        assert_eq!(v("https://example.com/post/1"), None);
    }

    #[test]
    fn authors_as_arxiv_lists_them() {
        assert_eq!(
            split_authors("Ada Lovelace (Analytical Engines), Alan  Turing and Grace Hopper"),
            ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
        );
        assert_eq!(
            split_authors("A. One, B. Two, and C. Three"),
            ["A. One", "B. Two", "C. Three"]
        );
    }

    #[test]
    fn categories_and_not() {
        for ok in [
            "cs.CL",
            "math.AP",
            "hep-th",
            "physics.comp-ph",
            "q-bio.NC",
            "stat.ML",
        ] {
            assert!(is_category(ok), "{ok}");
        }
        for bad in ["Machine Learning", "CS.CL", "cs.", "", "new"] {
            assert!(!is_category(bad), "{bad}");
        }
    }

    #[test]
    fn days_of_every_date_form() {
        assert_eq!(
            iso_day("Tue, 20 Jan 2026 18:59:58 GMT").as_deref(),
            Some("2026-01-20")
        );
        assert_eq!(
            iso_day("Mon 19 Jan 26 19:00:00 GMT").as_deref(),
            Some("2026-01-19")
        );
        assert_eq!(
            iso_day("2026-01-20T18:59:58Z").as_deref(),
            Some("2026-01-20")
        );
        assert_eq!(iso_day("someday"), None);
        // The tenth byte inside a character: no date, and no panic.
        assert_eq!(iso_day("2026-01-2é0"), None);
        assert_eq!(iso_day("aéééééééé"), None);
    }
}

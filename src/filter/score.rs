//! SkimMatcherV2's score, computed directly.
//!
//! This is fuzzy-matcher 0.3.7's algorithm with its default configuration
//! (`SkimMatcherV2::default()`), as a fresh matcher computes it with
//! positions (`fuzzy_indices`): affine-gap alignment with bonuses for word
//! heads, breaks and camel case. Written out here because the library's
//! version costs 2-5 µs a title (it decodes the text into a `Vec<char>` and
//! fills a full matrix) and its `fuzzy_match` reads cells left over from
//! earlier calls, so its scores depend on what was matched before. This one
//! keeps two rows, reuses its buffers and is checked against fresh library
//! matchers by property tests (`tests/properties.rs`).

use std::cmp::max;

const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
const NEG_INFINITY: i32 = i16::MIN as i32;

#[derive(Clone, Copy, PartialEq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

const fn char_type(c: char) -> CharType {
    match c {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

/// The bonus for matching a character, from its type and the one before.
#[inline]
fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty | CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower | CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// A character as the algorithm sees it: bytes for ASCII text (no decoding),
/// chars otherwise.
trait Ch: Copy + PartialEq {
    fn kind(self) -> CharType;
    fn eq_ascii_folded(self, other: Self) -> bool;
}

/// `char_type` of every byte, looked up rather than matched: it runs once
/// per character of every title scored.
static BYTE_TYPES: [CharType; 256] = {
    let mut t = [CharType::Lower; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = char_type(b as u8 as char);
        b += 1;
    }
    t
};

impl Ch for u8 {
    #[inline]
    fn kind(self) -> CharType {
        BYTE_TYPES[self as usize]
    }
    fn eq_ascii_folded(self, other: u8) -> bool {
        self.eq_ignore_ascii_case(&other)
    }
}

impl Ch for char {
    fn kind(self) -> CharType {
        char_type(self)
    }
    fn eq_ascii_folded(self, other: char) -> bool {
        self.eq_ignore_ascii_case(&other)
    }
}

/// Reusable buffers; one per thread.
#[derive(Default)]
pub struct Scorer {
    text: Vec<char>,
    pattern: Vec<char>,
    dp: Dp,
}

#[derive(Default)]
struct Dp {
    first: Vec<usize>,
    last: Vec<usize>,
    bonus: Vec<i8>,
    rows: [Vec<i32>; 4],
}

/// Appends the bonus for matching each character of `text` (a match at the
/// first character counts double). It depends on the text alone, so an
/// engine computes it once per title.
pub fn bonuses(text: &[u8], out: &mut Vec<i8>) {
    bonuses_of(text, out)
}

fn bonuses_of<C: Ch>(text: &[C], out: &mut Vec<i8>) {
    let mut prev = CharType::Empty;
    for (j, &c) in text.iter().enumerate() {
        let ty = c.kind();
        let mut b = in_place_bonus(prev, ty);
        if j == 0 {
            b *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        out.push(b as i8);
        prev = ty;
    }
}

impl Scorer {
    /// The score of `pattern` in `text`, or `None` when its characters do not
    /// all occur in order. Smart case: case-sensitive only when the pattern
    /// holds an ASCII capital.
    pub fn score(&mut self, text: &str, pattern: &str) -> Option<i64> {
        if pattern.is_empty() {
            return Some(0);
        }
        let case_sensitive = pattern.bytes().any(|b| b.is_ascii_uppercase());
        if text.is_ascii() && pattern.is_ascii() {
            return self
                .dp
                .run(text.as_bytes(), None, pattern.as_bytes(), case_sensitive);
        }
        self.text.clear();
        self.text.extend(text.chars());
        self.pattern.clear();
        self.pattern.extend(pattern.chars());
        self.dp.run(&self.text, None, &self.pattern, case_sensitive)
    }

    /// [`Scorer::score`] for ASCII `text`, with its [`bonuses`] when known.
    pub fn score_ascii(&mut self, text: &[u8], bonus: Option<&[i8]>, pattern: &str) -> Option<i64> {
        if !pattern.is_ascii() {
            return self.score(std::str::from_utf8(text).ok()?, pattern);
        }
        if pattern.is_empty() {
            return Some(0);
        }
        let case_sensitive = pattern.bytes().any(|b| b.is_ascii_uppercase());
        self.dp.run(text, bonus, pattern.as_bytes(), case_sensitive)
    }
}

impl Dp {
    fn run<C: Ch>(
        &mut self,
        t: &[C],
        bonus: Option<&[i8]>,
        p: &[C],
        case_sensitive: bool,
    ) -> Option<i64> {
        let eq = |c: C, p: C| {
            if case_sensitive {
                c == p
            } else {
                c.eq_ascii_folded(p)
            }
        };
        // The first place each pattern character can match (greedy).
        self.first.clear();
        for (j, &c) in t.iter().enumerate() {
            if eq(c, p[self.first.len()]) {
                self.first.push(j);
                if self.first.len() == p.len() {
                    break;
                }
            }
        }
        if self.first.len() < p.len() {
            return None;
        }
        let bonus = match bonus {
            Some(b) => b,
            None => {
                self.bonus.clear();
                bonuses_of(t, &mut self.bonus);
                &self.bonus
            }
        };
        if p.len() == 1 {
            return Some(single(t, bonus, p[0], self.first[0], case_sensitive));
        }
        // The last place each can match and still leave room for the rest.
        self.last.clear();
        self.last.resize(p.len(), 0);
        let mut k = p.len();
        for (j, &c) in t.iter().enumerate().rev() {
            if k > 0 && eq(c, p[k - 1]) {
                k -= 1;
                self.last[k] = j;
            }
        }

        let cols = t.len() + 1;

        let [pm, pp, cm, cp] = &mut self.rows;
        // Row 0: no match yet, a gap so far. Later rows are written, from
        // their first possible column on, before they are read.
        for (r, v) in [(&mut *pm, NEG_INFINITY), (&mut *pp, GAP_EXTENSION)] {
            r.clear();
            r.resize(cols, v);
        }
        for r in [&mut *cm, &mut *cp] {
            if r.len() < cols {
                r.resize(cols, NEG_INFINITY);
            }
        }
        let (mut prev_m, mut prev_p, mut cur_m, mut cur_p) = (pm, pp, cm, cp);
        // A match of p[i] after last[i] can never be completed, so row i is
        // computed in full only up to last[i] + 1; beyond, up to where the
        // next row reads it (last[i + 1]), only its gap carries on. Dropping
        // matches that cannot complete leaves every complete alignment, and
        // so the score, as the library computes it.
        for (i, &pc) in p.iter().enumerate() {
            let skip = self.first[i];
            let full_end = self.last[i] + 2; // exclusive
            let end = if i + 1 < p.len() {
                self.last[i + 1] + 1
            } else {
                full_end
            };
            // Cell `skip` of this row starts it: no match, no gap.
            let (mut left_m, mut left_p) = (NEG_INFINITY, NEG_INFINITY);
            cur_m[skip] = NEG_INFINITY;
            cur_p[skip] = NEG_INFINITY;
            // Column `col` = skip + 1 + k reads the previous row at col - 1
            // and this row at col - 1 (`left_*`), and matches t[col - 1].
            let cells = t[skip..full_end - 1]
                .iter()
                .zip(&bonus[skip..full_end - 1])
                .zip(
                    prev_m[skip..full_end - 1]
                        .iter()
                        .zip(&prev_p[skip..full_end - 1]),
                )
                .zip(
                    cur_m[skip + 1..full_end]
                        .iter_mut()
                        .zip(&mut cur_p[skip + 1..full_end]),
                );
            for (((&c, &b), (&diag_m, &diag_p)), (out_m, out_p)) in cells {
                let b = b as i32;
                let m = if eq(c, pc) {
                    let s = if !case_sensitive && c != pc {
                        SCORE_MATCH + PENALTY_CASE_MISMATCH
                    } else {
                        SCORE_MATCH
                    };
                    // The library's consecutive bonus reads a cell that a
                    // fresh matrix always has at 0, so it is this.
                    max(diag_m + max(b, BONUS_CONSECUTIVE), diag_p + b) + s
                } else {
                    NEG_INFINITY
                };
                let g = max(GAP_START + GAP_EXTENSION + left_m, GAP_EXTENSION + left_p);
                *out_m = m;
                *out_p = g;
                left_m = m;
                left_p = g;
            }
            for (out_m, out_p) in cur_m[full_end..end.max(full_end)]
                .iter_mut()
                .zip(&mut cur_p[full_end..end.max(full_end)])
            {
                let g = max(GAP_START + GAP_EXTENSION + left_m, GAP_EXTENSION + left_p);
                *out_m = NEG_INFINITY;
                *out_p = g;
                left_m = NEG_INFINITY;
                left_p = g;
            }
            std::mem::swap(&mut prev_m, &mut cur_m);
            std::mem::swap(&mut prev_p, &mut cur_p);
        }
        let (from, to) = (self.first[p.len() - 1], self.last[p.len() - 1] + 2);
        prev_m[from..to].iter().max().map(|&s| s as i64)
    }
}

/// A one-character pattern: the recurrence reduces to the best single match,
/// `bonus - 1 + match score` (a gap of one before it, from row 0).
fn single<C: Ch>(t: &[C], bonus: &[i8], pc: C, first: usize, case_sensitive: bool) -> i64 {
    let mut best = NEG_INFINITY;
    for (&c, &b) in t[first..].iter().zip(&bonus[first..]) {
        let matched = if case_sensitive {
            c == pc
        } else {
            c.eq_ascii_folded(pc)
        };
        if matched {
            let s = if !case_sensitive && c != pc {
                SCORE_MATCH + PENALTY_CASE_MISMATCH
            } else {
                SCORE_MATCH
            };
            best = max(best, GAP_EXTENSION + b as i32 + s);
        }
    }
    best as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    fn fresh(text: &str, pattern: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .fuzzy_indices(text, pattern)
            .map(|(s, _)| s)
    }

    #[test]
    fn equals_a_fresh_library_matcher() {
        let mut s = Scorer::default();
        for (text, pat) in [
            (
                "LRP-QViT: Mixed-Precision Vision Transformer Quantization",
                "quantiz",
            ),
            (
                "LRP-QViT: Mixed-Precision Vision Transformer Quantization",
                "QViT",
            ),
            (
                "LRP-QViT: Mixed-Precision Vision Transformer Quantization",
                "mpvt",
            ),
            ("camelCaseWord", "cCW"),
            ("foo/bar.baz_qux", "fbbq"),
            ("Über Café 量子化", "café"),
            ("Über Café 量子化", "量化"),
            ("aaaa", "aa"),
            ("abc", "abcd"),
            ("TLLM bBbbBbB Über LLM", "LLL"),
        ] {
            assert_eq!(s.score(text, pat), fresh(text, pat), "{text} / {pat}");
        }
    }
}

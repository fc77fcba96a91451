//! Word wrapping by display width (CJK counts two columns), as byte ranges so
//! callers can lay highlights over the lines.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// Splits `text` into lines at most `width` columns wide, breaking at spaces
/// where possible and inside a word only when it is wider than a line.
/// Spaces at a break are dropped.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line: Option<(usize, usize, usize)> = None; // (start, end, columns)
    for (ws, word) in words(text) {
        let we = ws + word.len();
        let ww = str_width(word);
        if let Some((s, e, col)) = line {
            let gap = we - e - word.len(); // the spaces between, one column each
            if col + gap + ww <= width {
                line = Some((s, we, col + gap + ww));
                continue;
            }
            lines.push(s..e);
        }
        // The word starts a line; a word wider than a line is cut.
        let (mut s, mut col) = (ws, 0);
        for (i, c) in word.char_indices() {
            let w = c.width().unwrap_or(0);
            if col + w > width && col > 0 {
                lines.push(s..ws + i);
                s = ws + i;
                col = 0;
            }
            col += w;
        }
        line = Some((s, we, col));
    }
    match line {
        Some((s, e, _)) => lines.push(s..e),
        None if lines.is_empty() => lines.push(0..0),
        None => {}
    }
    lines
}

/// Runs of non-space characters with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

pub fn str_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The wrapped lines as strings.
pub fn wrap_str(text: &str, width: usize) -> Vec<&str> {
    wrap(text, width).into_iter().map(|r| &text[r]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(wrap_str("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap_str("aaa bbb ccc", 3), ["aaa", "bbb", "ccc"]);
        assert_eq!(wrap_str("aaa  bbb", 4), ["aaa", "bbb"]);
    }

    #[test]
    fn breaks_long_words() {
        assert_eq!(wrap_str("abcdefgh", 3), ["abc", "def", "gh"]);
    }

    #[test]
    fn counts_wide_characters() {
        assert_eq!(wrap_str("量子化量子", 4), ["量子", "化量", "子"]);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap_str("", 10), [""]);
    }

    #[test]
    fn every_line_fits() {
        let text = "Vision transformers (ViTs) have demonstrated remarkable performance across various visual tasks.";
        for w in 1..40 {
            for l in wrap_str(text, w) {
                assert!(str_width(l) <= w, "{l:?} at {w}");
            }
        }
    }
}

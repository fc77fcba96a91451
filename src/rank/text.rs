//! Words to terms: lower case, split at anything but letters and digits,
//! English stop words and numbers dropped, the rest stemmed (Snowball), so
//! "quantization", "quantized" and "quantize" are one term.

use rust_stemmers::{Algorithm, Stemmer};

/// scikit-learn's English stop words (as arxiv-sanity-lite uses them).
pub const ENGLISH_STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "afterwards",
    "again",
    "against",
    "all",
    "almost",
    "alone",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "amongst",
    "amoungst",
    "amount",
    "an",
    "and",
    "another",
    "any",
    "anyhow",
    "anyone",
    "anything",
    "anyway",
    "anywhere",
    "are",
    "around",
    "as",
    "at",
    "back",
    "be",
    "became",
    "because",
    "become",
    "becomes",
    "becoming",
    "been",
    "before",
    "beforehand",
    "behind",
    "being",
    "below",
    "beside",
    "besides",
    "between",
    "beyond",
    "bill",
    "both",
    "bottom",
    "but",
    "by",
    "call",
    "can",
    "cannot",
    "cant",
    "co",
    "con",
    "could",
    "couldnt",
    "cry",
    "de",
    "describe",
    "detail",
    "do",
    "done",
    "down",
    "due",
    "during",
    "each",
    "eg",
    "eight",
    "either",
    "eleven",
    "else",
    "elsewhere",
    "empty",
    "enough",
    "etc",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "everywhere",
    "except",
    "few",
    "fifteen",
    "fifty",
    "fill",
    "find",
    "fire",
    "first",
    "five",
    "for",
    "former",
    "formerly",
    "forty",
    "found",
    "four",
    "from",
    "front",
    "full",
    "further",
    "get",
    "give",
    "go",
    "had",
    "has",
    "hasnt",
    "have",
    "he",
    "hence",
    "her",
    "here",
    "hereafter",
    "hereby",
    "herein",
    "hereupon",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "hundred",
    "i",
    "ie",
    "if",
    "in",
    "inc",
    "indeed",
    "interest",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "keep",
    "last",
    "latter",
    "latterly",
    "least",
    "less",
    "ltd",
    "made",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "mill",
    "mine",
    "more",
    "moreover",
    "most",
    "mostly",
    "move",
    "much",
    "must",
    "my",
    "myself",
    "name",
    "namely",
    "neither",
    "never",
    "nevertheless",
    "next",
    "nine",
    "no",
    "nobody",
    "none",
    "noone",
    "nor",
    "not",
    "nothing",
    "now",
    "nowhere",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "part",
    "per",
    "perhaps",
    "please",
    "put",
    "rather",
    "re",
    "same",
    "see",
    "seem",
    "seemed",
    "seeming",
    "seems",
    "serious",
    "several",
    "she",
    "should",
    "show",
    "side",
    "since",
    "sincere",
    "six",
    "sixty",
    "so",
    "some",
    "somehow",
    "someone",
    "something",
    "sometime",
    "sometimes",
    "somewhere",
    "still",
    "such",
    "system",
    "take",
    "ten",
    "than",
    "that",
    "the",
    "their",
    "them",
    "themselves",
    "then",
    "thence",
    "there",
    "thereafter",
    "thereby",
    "therefore",
    "therein",
    "thereupon",
    "these",
    "they",
    "thick",
    "thin",
    "third",
    "this",
    "those",
    "though",
    "three",
    "through",
    "throughout",
    "thru",
    "thus",
    "to",
    "together",
    "too",
    "top",
    "toward",
    "towards",
    "twelve",
    "twenty",
    "two",
    "un",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "well",
    "were",
    "what",
    "whatever",
    "when",
    "whence",
    "whenever",
    "where",
    "whereafter",
    "whereas",
    "whereby",
    "wherein",
    "whereupon",
    "wherever",
    "whether",
    "which",
    "while",
    "whither",
    "who",
    "whoever",
    "whole",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// The words every abstract uses to say what it does.
const ABSTRACT_STOP: &[&str] = &[
    "paper",
    "propose",
    "proposed",
    "proposes",
    "present",
    "presents",
    "introduce",
    "introduces",
    "approach",
    "method",
    "methods",
    "novel",
    "results",
    "result",
    "demonstrate",
    "demonstrates",
    "shows",
    "showing",
    "based",
    "using",
    "use",
    "used",
    "existing",
    "work",
    "achieve",
    "achieves",
    "achieving",
    "significantly",
    "furthermore",
    "additionally",
    "specifically",
    "experiments",
    "experimental",
    "extensive",
    "code",
    "available",
    "github",
    "com",
    "https",
    "http",
    "www",
    "state",
    "art",
    "new",
    "study",
    "studies",
];

// A byte's class for `words`, as flags: one lookup a byte in place of a
// chain of comparisons. Digits are 0: part of a word, not a letter.
const LETTER: u8 = 1;
/// Needs lower-casing.
const UPPER: u8 = 2;
/// Ends a word (ASCII that is not a letter or digit).
const END: u8 = 4;
/// Starts a character beyond ASCII (decoded to decide).
const WIDE: u8 = 8;
static CLASS: [u8; 256] = {
    let mut class = [END; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = match b as u8 {
            b'a'..=b'z' => LETTER,
            b'A'..=b'Z' => LETTER | UPPER,
            b'0'..=b'9' => 0,
            0x80.. => WIDE,
            _ => END,
        };
        b += 1;
    }
    class
};

/// How many of the eight bytes of `x` (little-endian) lead as ASCII
/// letters and digits, and their `CLASS` flags ([`LETTER`], [`UPPER`])
/// together: each byte classed at once in one word's arithmetic (a byte
/// under 0x80 plus `0x80 - c` has its top bit set when it is `c` or more,
/// and never carries into the next).
#[inline(always)]
fn ascii_run(x: u64) -> (usize, u8) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let ascii = !x & TOPS;
    let low = x & !TOPS;
    let at_least = |c: u8| (low + u64::from(0x80 - c) * ONES) & TOPS;
    let between = |lo: u8, hi: u8| at_least(lo) & !at_least(hi + 1) & ascii;
    let upper = between(b'A', b'Z');
    let letter = between(b'a', b'z') | upper;
    let ends = !(letter | between(b'0', b'9')) & TOPS;
    // Every bit below the first ending byte's top bit: the run's bytes'
    // top bits, where the flags are (all of them when none ends it).
    let run = (ends & ends.wrapping_neg()).wrapping_sub(1);
    let flags =
        if letter & run != 0 { LETTER } else { 0 } | if upper & run != 0 { UPPER } else { 0 };
    ((ends.trailing_zeros() / 8) as usize, flags)
}

/// The words of `text`, lower-cased, at least two characters with a
/// letter among them ("4" and "a" are not words; "fp8" and "3d" are). What
/// follows an apostrophe is dropped ("model's" is "model").
///
/// Read by bytes: a run of lower-case ASCII letters and digits, most words,
/// is handed on as it stands in `text`; only a word with a capital or a
/// character beyond ASCII is copied, lower-cased (a quarter of the index
/// build went on pushing every character into a word, one at a time).
pub fn words(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut lowered = String::with_capacity(32);
    let (mut i, mut skipping) = (0, false);
    loop {
        // A run of letters and digits from `start`, then what ends it.
        let start = i;
        // What the run holds, as `CLASS` flags.
        let mut seen = 0;
        let mut end_of = 0;
        loop {
            // Eight bytes at a time while they are ASCII letters and
            // digits (most of a word); the byte that ends the run, if any,
            // is then read by its class.
            if let Some(eight) = bytes.get(i..i + 8) {
                let (n, flags) = ascii_run(u64::from_le_bytes(eight.try_into().unwrap()));
                seen |= flags;
                i += n;
                if n == 8 {
                    continue;
                }
            }
            let Some(&b) = bytes.get(i) else { break };
            let class = CLASS[b as usize];
            if class & (END | WIDE) == 0 {
                seen |= class;
                i += 1;
                continue;
            }
            if class & END != 0 {
                end_of = 1;
                break;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if !c.is_alphanumeric() {
                end_of = c.len_utf8();
                break;
            }
            if c.is_alphabetic() {
                seen |= LETTER;
            }
            seen |= UPPER | WIDE;
            i += c.len_utf8();
        }
        let (letter, plain, ascii) = (
            seen & LETTER != 0,
            seen & (UPPER | WIDE) == 0,
            seen & WIDE == 0,
        );
        let run = &text[start..i];
        if !skipping && letter {
            if plain {
                if run.len() >= 2 {
                    f(run);
                }
            } else {
                lowered.clear();
                if ascii {
                    lowered.push_str(run);
                    lowered.make_ascii_lowercase();
                } else {
                    lowered.extend(run.chars().flat_map(char::to_lowercase));
                }
                if lowered.len() >= 2 {
                    f(&lowered);
                }
            }
        }
        if end_of == 0 {
            return;
        }
        skipping = match end_of {
            1 => bytes[i] == b'\'',
            _ => text[i..].starts_with('\u{2019}'),
        };
        i += end_of;
    }
}

type Set = std::collections::HashSet<&'static str, foldhash::fast::FixedState>;

/// The stop words, for lookups (made once).
fn stop_words() -> &'static Set {
    static STOP: std::sync::OnceLock<Set> = std::sync::OnceLock::new();
    STOP.get_or_init(|| ENGLISH_STOP.iter().chain(ABSTRACT_STOP).copied().collect())
}

/// Turns words into terms: stems with Snowball's English stemmer, and
/// `None` for a stop word.
pub struct Stems {
    stemmer: Stemmer,
}

impl Default for Stems {
    fn default() -> Stems {
        Stems {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Stems {
    /// The term of a lower-case word (the word itself where the stemmer
    /// leaves it be), or `None` for a stop word.
    pub fn term<'a>(&self, word: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        (!stop_words().contains(word)).then(|| self.stemmer.stem(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let s = Stems::default();
        let mut out = Vec::new();
        words(text, |w| out.extend(s.term(w).map(|t| t.into_owned())));
        out
    }

    /// The words as first read, a character at a time: what [`words`]
    /// must give.
    fn words_by_chars(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let (mut skipping, mut letter) = (false, false);
        let mut flush = |word: &mut String, letter: &mut bool| {
            if word.len() >= 2 && *letter {
                out.push(word.clone());
            }
            word.clear();
            *letter = false;
        };
        for c in text.chars() {
            if c.is_alphanumeric() {
                if !skipping {
                    letter |= c.is_alphabetic();
                    word.extend(c.to_lowercase());
                }
            } else {
                flush(&mut word, &mut letter);
                skipping = c == '\'' || c == '\u{2019}';
            }
        }
        flush(&mut word, &mut letter);
        out
    }

    fn read(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |w| out.push(w.to_owned()));
        out
    }

    #[test]
    fn words_read_by_bytes_are_those_read_by_characters() {
        for text in [
            "",
            "a",
            "ab",
            "LLMs' weights, the model\u{2019}ll output; don't 4 fp8 3D",
            "Überraschung naïve ÉTÉ İstanbul ß ǅ x\u{0301}y 日本語 a—b a\u{a0}b",
            "ends with a word",
            "'quoted' ''twice'' it's''s",
            // Runs of 7, 8, 9, 16 and 17 bytes, capitals anywhere, and the
            // bytes either side of each range that is part of a word.
            "abcdefg abcdefgh abcdefghi abcdefghijklmnop abcdefghijklmnopq",
            "abcdefgH Habcdefgh abcdefgh/ab abcdefgh:ab 1234567890 12345678a",
            "a@bcdefghij a[bcdefghij a`bcdefghij a{bcdefghij a/0123456789:x",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz0123456789",
            "abcdefghÉtéabcdefgh abcdefg\u{2019}s abcdefgh\u{2019}sabcdefgh ÿabcdefgh\u{7f}",
            // Runs of 8 and 16 bytes that end the text, by 4-byte characters.
            "abcdefgh",
            "\u{1f600}abcdefgh\u{1f600} abcdefghijklmnop",
        ] {
            assert_eq!(read(text), words_by_chars(text), "{text:?}");
        }
        assert_eq!(read("Model's X2"), ["model", "x2"]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_the_same_by_bytes(text in "[a-zA-Z0-9 '\u{2019}.,éÉİß日ǅ\u{a0}\u{0301}-]{0,40}") {
            proptest::prop_assert_eq!(read(&text), words_by_chars(&text));
        }

        #[test]
        fn long_runs_read_the_same_by_bytes(text in "([a-zA-Z0-9]{0,19}[ '@\\[`{/:\u{7f}é\u{2019}]){0,6}") {
            proptest::prop_assert_eq!(read(&text), words_by_chars(&text));
        }
    }

    #[test]
    fn words_become_stemmed_terms_without_stop_words() {
        assert_eq!(
            terms("We propose Quantization of the LLMs' weights: quantized, 4-bit (FP8) models."),
            [
                "quantiz", "llms", "weight", "quantiz", "bit", "fp8", "model"
            ]
        );
        assert_eq!(terms("the model's output"), ["model", "output"]);
        assert_eq!(terms("Q-VLM: 3D U-Net"), ["vlm", "3d", "net"]);
        assert_eq!(terms("Überraschung naïve"), ["überraschung", "naïv"]);
    }
}

//! Property tests: the grammar never panics and round-trips; the scorer is
//! the library's; sanitizing agrees with the clean check. (The engine's
//! own, which use crate-private knobs, are in src/filter/proptests.rs.)

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use paperboy::digest::grammar::{self, Entry};
use paperboy::digest::{Digest, Input};
use paperboy::filter::Scorer;
use proptest::prelude::*;

/// Lines a digest (or a mangled copy of one) may hold.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Daily Papers".to_owned()),
        Just("Jul 29".to_owned()),
        Just("Jul 28".to_owned()),
        Just("Upvote".to_owned()),
        Just("42".to_owned()),
        Just("· 8 authors".to_owned()),
        "[A-Z][a-z]{2,8}( [A-Za-z]{1,8}){0,8}",
        "[A-Z][a-z]{1,8}( [a-z]{1,9}){12,30}\\.",
        "\\PC{0,60}",
        any::<String>(),
        "[ \t\x1b\\[\\]0-9;a-z\u{7}\u{9b}\u{202e}\u{feff}]{0,20}",
    ]
}

fn ending() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("\n"), Just("\r\n"), Just("\r")]
}

fn digest_text() -> impl Strategy<Value = String> {
    prop::collection::vec((line(), ending()), 0..40)
        .prop_map(|ls| ls.into_iter().map(|(l, e)| l + e).collect())
}

/// (title, abstract, date) of every paper, the abstract as written.
fn papers(d: &Digest) -> Vec<(String, String, Option<String>)> {
    (0..d.len())
        .map(|i| {
            let v = d.get(i);
            (
                v.title.to_owned(),
                v.abstract_raw.replace("\r\n", "\n").replace('\r', "\n"),
                v.date.map(str::to_owned),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn grammar_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = Digest::parse("fuzz", &bytes);
    }

    #[test]
    fn grammar_never_panics_on_digest_like_text(text in digest_text()) {
        let d = Digest::parse("fuzz", &text);
        for i in 0..d.len() {
            let v = d.get(i);
            // Nothing that could drive a terminal survives.
            prop_assert!(!v.title.chars().any(|c| c.is_control()));
            prop_assert!(!v.abstract_raw.chars().any(|c| c.is_control() && c != '\n' && c != '\r'));
        }
    }

    #[test]
    fn printing_back_and_parsing_again_gives_the_same_papers(text in digest_text()) {
        let first = Digest::parse("a", &text);
        let again = Digest::parse("b", first.to_text());
        // The same papers; undated ones may move to the front (see to_text).
        let (mut a, mut b) = (papers(&first), papers(&again));
        if a.iter().all(|p| p.2.is_some()) || a.iter().all(|p| p.2.is_none()) {
            prop_assert_eq!(&a, &b);
        }
        a.sort();
        b.sort();
        prop_assert_eq!(a, b);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The direct scorer equals a fresh library matcher on any text.
    #[test]
    fn scorer_equals_the_library(text in "\\PC{0,40}|[a-zA-Z /._-]{0,40}", pattern in "[a-zA-Z]{1,5}|\\PC{1,3}") {
        let lib = SkimMatcherV2::default().fuzzy_indices(&text, &pattern).map(|(s, _)| s);
        prop_assert_eq!(Scorer::default().score(&text, &pattern), lib);
    }

    /// The same on a small alphabet, where patterns match in many ways.
    #[test]
    fn scorer_equals_the_library_on_dense_matches(text in "[abAB /._-]{0,30}", pattern in "[abAB]{1,5}") {
        let lib = SkimMatcherV2::default().fuzzy_indices(&text, &pattern).map(|(s, _)| s);
        prop_assert_eq!(Scorer::default().score(&text, &pattern), lib);
    }
}

/// The grammar's `entry` as the plain alternation of its BNF (the parser
/// reads each line once instead; both must agree).
fn plain_entry(i: &str) -> nom::IResult<&str, Entry<'_>> {
    use nom::Parser;
    use nom::branch::alt;
    use nom::combinator::{map, recognize, value, verify};
    use nom::multi::{many0_count, many1_count};
    let abstract_ = |i| {
        map(
            recognize(alt((
                (
                    verify(grammar::text, |l: &str| grammar::is_prose(l)),
                    many0_count(grammar::text),
                ),
                (grammar::text, many1_count(grammar::text)),
            ))),
            str::trim,
        )
        .parse(i)
    };
    let paper = |i| {
        let (after_title, title) = grammar::title(i)?;
        let (after_gap, _) = grammar::gap(after_title)?;
        Ok(match abstract_(after_gap) {
            Ok((rest, a)) => (
                rest,
                Entry::Paper {
                    title,
                    abstract_: Some(a),
                },
            ),
            Err(_) => (
                after_title,
                Entry::Paper {
                    title,
                    abstract_: None,
                },
            ),
        })
    };
    alt((
        value(Entry::Blank, grammar::blank),
        map(grammar::noise, Entry::Noise),
        map(grammar::date, Entry::Date),
        paper,
        map(abstract_, Entry::Stray),
    ))
    .parse(i)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parallel_parts_parse_as_one(text in digest_text()) {
        let one = Digest::parse_in_parts("a", &text, usize::MAX);
        let parts = Digest::parse_in_parts("a", &text, 1);
        let lines = |d: &Digest| (0..d.len()).map(|i| d.get(i).line).collect::<Vec<_>>();
        prop_assert_eq!(papers(&one), papers(&parts));
        prop_assert_eq!(lines(&one), lines(&parts));
        prop_assert_eq!(&one.diagnostics, &parts.diagnostics);
    }

    #[test]
    fn entries_read_as_the_plain_alternation_reads_them(text in digest_text()) {
        let mut bytes = text.into_bytes();
        paperboy::digest::sanitize::sanitize(&mut bytes);
        let text = String::from_utf8(bytes).unwrap();
        let (mut fast, mut plain) = (text.as_str(), text.as_str());
        while !fast.is_empty() {
            let (a, b) = (grammar::entry(fast), plain_entry(plain));
            prop_assert_eq!(&a, &b);
            let Ok((next, _)) = a else { break };
            (fast, plain) = (next, next);
        }
    }

    #[test]
    fn papers_are_numbered_by_the_line_their_title_is_on(text in digest_text()) {
        // Reference: the grammar's entries, located by counting line breaks
        // (LF, CR LF, lone CR) before each title.
        let mut bytes = text.into_bytes();
        paperboy::digest::sanitize::sanitize(&mut bytes);
        let text = String::from_utf8(bytes).unwrap();
        let line_of = |at: usize| {
            let before = &text.as_bytes()[..at];
            let crlf = before.windows(2).filter(|w| w == b"\r\n").count();
            1 + before.iter().filter(|&&b| b == b'\n' || b == b'\r').count() - crlf
        };
        let mut expected = Vec::new();
        let mut rest = grammar::bom(&text).map_or(text.as_str(), |(r, _)| r);
        while let Ok((next, entry)) = grammar::entry(rest) {
            if let Entry::Paper { title, .. } = entry {
                expected.push(line_of(title.as_ptr() as usize - text.as_ptr() as usize) as u32);
            }
            rest = next;
        }
        let d = Digest::parse("t", &text);
        let mut got: Vec<u32> = (0..d.len())
            .flat_map(|i| d.places(i).map(|p| p.rsplit(':').next().unwrap().parse().unwrap()).collect::<Vec<_>>())
            .collect();
        got.sort();
        expected.sort();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn titles_read_in_windows_match_a_whole_read(
        text in digest_text(),
        window in 1usize..300,
        min_part in prop_oneof![Just(1usize), Just(usize::MAX)],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.txt");
        std::fs::write(&path, &text).unwrap();
        let whole = Digest::load(&[Input::Path(path.clone())]);
        let windows = Digest::load_titles_in_windows(&path, window, min_part);
        let fields = |d: &Digest| {
            (0..d.len())
                .map(|i| {
                    let v = d.get(i);
                    let places: Vec<String> = d.places(i).collect();
                    (v.id, v.title.to_owned(), v.date.map(str::to_owned), places)
                })
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(fields(&whole), fields(&windows));
        prop_assert_eq!(&whole.diagnostics, &windows.diagnostics);
    }
}

// ---- sanitizing: clean means unchanged, and cleaning is done in one go ----

/// Text dense in what the sanitizer removes, and its near neighbours.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\\x7f\u{80}-\u{9f}\u{a0}\u{61b}-\u{61d}\u{200d}-\u{2010}\u{2027}-\u{202f}\u{2065}-\u{206a}\u{feff}\u{fefe}a-z \\[\\]0-9;\\\\]{0,80}",
        "(\\x1b[\\[\\]P^_X]?[0-9;]{0,4}[a-zA-Z\\x07]?|[a-z ]{0,5}|\u{9b}|\u{9d}|\u{9c}|\r\n|\n){0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn sanitize_is_a_fixed_point_and_is_clean_agrees(text in hostile()) {
        use paperboy::digest::sanitize::{is_clean, sanitize};
        let mut once = text.clone().into_bytes();
        sanitize(&mut once);
        prop_assert!(std::str::from_utf8(&once).is_ok());
        let mut twice = once.clone();
        let (removed, _) = sanitize(&mut twice);
        prop_assert_eq!(&twice, &once, "sanitizing clean text changes nothing");
        prop_assert_eq!(removed, 0);
        prop_assert!(is_clean(&once), "what sanitize leaves is clean");
        // A "clean" verdict skips sanitizing at load: it must never be wrong.
        if is_clean(text.as_bytes()) {
            let mut again = text.clone().into_bytes();
            sanitize(&mut again);
            prop_assert_eq!(again, text.into_bytes());
        }
    }
}

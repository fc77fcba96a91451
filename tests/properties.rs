//! Property tests: the grammar never panics and round-trips; the fast filter
//! engine returns exactly what the plain SkimMatcherV2 loop returns.

use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use paperboy::digest::grammar::{self, Entry};
use paperboy::digest::{Digest, Input};
use paperboy::filter::{Engine, Hit, Query, Scope, Scorer, Session, search_all};
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

// ---- the filter engine against the plain loop ----

/// The reference: SkimMatcherV2 on every paper and token, no shortcuts. A
/// fresh matcher for every call: fuzzy-matcher 0.3.7 reuses matrix cells
/// between calls, so a long-lived matcher's scores depend on what it matched
/// before (see filter::score).
fn naive(d: &Digest, q: &str, scope: Scope) -> Vec<Hit> {
    let tokens: Vec<&str> = q.split_whitespace().collect();
    let mut hits = Vec::new();
    'papers: for i in 0..d.len() {
        let (title, abs) = (d.title(i), d.abstract_raw(i));
        let (mut score, mut tier) = (0, 0);
        for t in &tokens {
            if let Some((s, _)) = SkimMatcherV2::default().fuzzy_indices(title, t) {
                score += s;
            } else if scope == Scope::All && folded_contains(abs, t) {
                tier = 1;
            } else {
                continue 'papers;
            }
        }
        hits.push(Hit {
            paper: i as u32,
            score,
            tier,
        });
    }
    hits.sort_by(|a, b| {
        a.tier
            .cmp(&b.tier)
            .then(b.score.cmp(&a.score))
            .then(a.paper.cmp(&b.paper))
    });
    hits
}

/// The documented abstract rule: ASCII tokens fold ASCII case; others compare
/// by Unicode lowercase.
fn folded_contains(hay: &str, token: &str) -> bool {
    if token.is_ascii() {
        hay.to_ascii_lowercase()
            .contains(&token.to_ascii_lowercase())
    } else {
        hay.to_lowercase().contains(&token.to_lowercase())
    }
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,9}",
        Just("Quantization".to_owned()),
        Just("vision".to_owned()),
        Just("LLM".to_owned()),
        Just("Über".to_owned()),
        Just("量子化".to_owned()),
        Just("4-bit".to_owned()),
    ]
}

fn corpus() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(
        (
            prop::collection::vec(word(), 1..6).prop_map(|w| w.join(" ")),
            prop::collection::vec(word(), 14..30).prop_map(|w| format!("{}.", w.join(" "))),
        ),
        1..60,
    )
}

fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zQ]{1,4}",
        "[a-z]{1,3} [a-zL]{1,3}",
        Just("quant".to_owned()),
        Just("ü".to_owned()),
        Just("4-b".to_owned()),
        Just("子".to_owned())
    ]
}

fn build(corpus: &[(String, String)]) -> Arc<Digest> {
    let text: String = corpus
        .iter()
        .map(|(t, a)| format!("T{t}\n\n{a}\n\n"))
        .collect();
    Arc::new(Digest::parse("p", text))
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
    fn engine_equals_the_plain_loop(c in corpus(), q in query(), all in any::<bool>()) {
        let d = build(&c);
        let scope = if all { Scope::All } else { Scope::Title };
        // Tiny chunks on two threads: the parallel path on small inputs.
        let engine = Engine::new(Arc::clone(&d)).with_threads(2).with_chunk(3);
        let expected = naive(&d, &q, scope);
        prop_assert_eq!(search_all(&engine, &Query::new(&q, scope)), expected.clone());
        // The command line's engine (no precomputed bonuses) agrees too.
        let lean = Engine::for_one_query(Arc::clone(&d));
        prop_assert_eq!(search_all(&lean, &Query::new(&q, scope)), expected);
    }

    #[test]
    fn narrowing_never_drops_a_match(c in corpus(), q in query(), more in "[a-z ]{1,3}", all in any::<bool>()) {
        let d = build(&c);
        let scope = if all { Scope::All } else { Scope::Title };
        let engine = Engine::new(Arc::clone(&d)).with_threads(2).with_chunk(5);
        let mut s = Session::default();
        let _ = s.search(&engine, &Query::new(&q, scope), &|| false);
        let longer = format!("{q}{more}");
        let narrowed = s.search(&engine, &Query::new(&longer, scope), &|| false).unwrap().into_sorted();
        prop_assert_eq!(narrowed, naive(&d, &longer, scope));
    }
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

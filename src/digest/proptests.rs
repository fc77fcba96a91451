//! Property tests of reading in parts: a text cut into parts for the cores,
//! or read through small windows keeping titles, reads as it does whole.
//! Inside the crate, as they turn crate-private knobs.

use proptest::prelude::*;

/// `cases` cases, and failures kept beside this file (not in a folder at
/// the top of the repository).
pub(crate) fn kept(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::with_cases(cases)
    }
}

use super::{Digest, Input};

/// Lines a digest (or a mangled copy of one) may hold.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Daily Papers".to_owned()),
        Just("Jul 29".to_owned()),
        Just("Oct 7, 2024".to_owned()),
        Just("Upvote".to_owned()),
        Just("42".to_owned()),
        Just("·".to_owned()),
        Just("· 8 authors".to_owned()),
        Just("Submitted by".to_owned()),
        Just("https://huggingface.co/papers/2410.05434".to_owned()),
        "[A-Z][a-z]{2,8}( [A-Za-z.]{1,8}){0,8}",
        "[A-Z][a-z]{1,8}( [a-z]{1,9}){12,30}\\.",
        "[A-Z][a-z]{1,8}( [a-z]{1,9}){41,60}\\.",
        "\\PC{0,60}",
        "[ \t\x1b\\[\\]0-9;a-z\u{7}\u{9b}\u{202e}\u{feff}]{0,20}",
    ]
}

fn ending() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("\n"), Just("\r\n"), Just("\r")]
}

fn digest_text() -> impl Strategy<Value = String> {
    prop::collection::vec((line(), ending()), 0..60)
        .prop_map(|ls| ls.into_iter().map(|(l, e)| l + e).collect())
}

/// Id, abstract, date, places and arXiv id of a paper.
type Fields = (String, String, Option<String>, Vec<String>, Option<String>);

/// Everything a digest holds that reading in parts could get wrong.
fn everything(d: &Digest) -> Vec<Fields> {
    (0..d.len())
        .map(|i| {
            let v = d.get(i);
            (
                v.id.to_string(),
                v.abstract_text().into_owned(),
                v.date.map(str::to_owned),
                d.places(i).collect(),
                v.facts.arxiv.clone(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(kept(256))]

    #[test]
    fn parallel_parts_parse_as_one(text in digest_text()) {
        let one = Digest::parse_in_parts("a", &text, usize::MAX);
        let parts = Digest::parse_in_parts("a", &text, 1);
        prop_assert_eq!(everything(&one), everything(&parts));
        prop_assert_eq!(&one.diagnostics, &parts.diagnostics);
        let facts = |d: &Digest| (0..d.len()).map(|i| d.facts(i).clone()).collect::<Vec<_>>();
        prop_assert_eq!(facts(&one), facts(&parts));
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
        let whole = Digest::load_with(&[Input::Path(path.clone())], super::Keep::Everything, Some(super::Format::Text));
        let windows = Digest::load_titles_in_windows(&path, window, min_part);
        let fields = |d: &Digest| {
            (0..d.len())
                .map(|i| {
                    let v = d.get(i);
                    let places: Vec<String> = d.places(i).collect();
                    (v.id, v.title.to_owned(), v.date.map(str::to_owned), places, v.facts.arxiv.clone())
                })
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(fields(&whole), fields(&windows));
        prop_assert_eq!(&whole.diagnostics, &windows.diagnostics);
    }
}

#[test]
fn parsing_in_parallel_parts_changes_nothing_at_scale() {
    // Sections, duplicates across sections, warnings, CRLF: all must come out
    // as a sequential parse gives them.
    let mut text = crate::synth::digest(1000);
    text.push_str("Jan 2\n\nLonely Title\n\n");
    text.push_str(&text.clone()[..5000]);
    for t in [text.clone(), text.replace('\n', "\r\n")] {
        let one = Digest::parse_in_parts("p.txt", &t, usize::MAX);
        let parts = Digest::parse_in_parts("p.txt", &t, 1000);
        assert_eq!(everything(&parts), everything(&one));
        assert_eq!(parts.diagnostics, one.diagnostics);
        assert!(one.len() > 900);
        assert!(!one.diagnostics.is_empty());
    }
}

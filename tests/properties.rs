//! Property tests: the grammar never panics and round-trips; the scorer is
//! the library's; sanitizing agrees with the clean check. (The engine's
//! own, which use crate-private knobs, are in src/filter/proptests.rs.)

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use paperboy::digest::Digest;
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

const EVERY_FORMAT: [paperboy::digest::Format; 7] = {
    use paperboy::digest::Format::*;
    [Text, Markdown, Json, Email, Feed, Html, Kv]
};

/// Text made of what feeds, listing e-mails, saved pages and scripts'
/// digests hold, with escapes raw and encoded.
fn feedish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("<?xml version=\"1.0\"?>".to_owned()),
            Just("<rss version=\"2.0\"><channel>".to_owned()),
            Just("<feed xmlns=\"http://www.w3.org/2005/Atom\">".to_owned()),
            Just("<item>".to_owned()),
            Just("</item>".to_owned()),
            Just("<entry>".to_owned()),
            Just("</entry>".to_owned()),
            Just("<title>".to_owned()),
            Just("</title>".to_owned()),
            Just("<description>".to_owned()),
            Just("</description>".to_owned()),
            Just("<summary>".to_owned()),
            Just("</summary>".to_owned()),
            Just("<dc:creator>".to_owned()),
            Just("</dc:creator>".to_owned()),
            Just("<link>https://arxiv.org/abs/2601.15305</link>".to_owned()),
            Just("<id>http://arxiv.org/abs/2601.15305v2</id>".to_owned()),
            Just("<pubDate>2026-01-2é0</pubDate>".to_owned()),
            Just("<published>aéééééééé</published>".to_owned()),
            Just("<![CDATA[".to_owned()),
            Just("]]>".to_owned()),
            Just("&#27;[2J".to_owned()),
            Just("&#x9b;31m".to_owned()),
            Just("&#x202e;".to_owned()),
            Just("&lt;b&gt;".to_owned()),
            Just("\u{1b}]52;c;aGk=\u{7}".to_owned()),
            Just("=1B[31m".to_owned()),
            Just("=\n".to_owned()),
            Just("\\\\\n".to_owned()),
            Just("arXiv:2601.15305\n".to_owned()),
            Just("Date: Tue, 20 Jan 2026 18:59:58 GMT   (215kb)\n".to_owned()),
            Just("Title: A Title\n".to_owned()),
            Just("Authors: Ada Lovelace and Alan Turing\n".to_owned()),
            Just("Categories: cs.CL cs.AI\n".to_owned()),
            Just("Summary: ".to_owned()),
            Just("PDF: https://arxiv.org/pdf/2601.15305\n".to_owned()),
            Just("---\n".to_owned()),
            Just("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [".to_owned()),
            Just("{\"title\": \"\\u001b[2J\", \"url\": \"https://huggingface.co/papers/2601.15305\"}".to_owned()),
            Just("<article><h3><a href=\"/papers/2601.15305\">".to_owned()),
            "[A-Za-z ]{1,30}",
            Just("\n".to_owned()),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
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
    fn no_reader_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for f in EVERY_FORMAT {
            let _ = Digest::parse_as("fuzz", &bytes, f);
        }
        let _ = Digest::parse("fuzz", &bytes);
    }

    /// Feeds, e-mails, saved pages and scripts' records stitched from the
    /// pieces their readers look for, escapes in every encoding they
    /// decode: no reader panics, and nothing that could drive a terminal
    /// comes out of any of them.
    #[test]
    fn no_reader_lets_an_escape_through(text in feedish()) {
        for f in EVERY_FORMAT {
            let d = Digest::parse_as("fuzz", &text, f);
            for i in 0..d.len() {
                let v = d.get(i);
                prop_assert!(!v.title.chars().any(|c| c.is_control()), "{:?}: {:?}", f, v.title);
                let a = v.abstract_text();
                prop_assert!(!a.chars().any(|c| c.is_control() && c != '\n'), "{:?}: {:?}", f, a);
                let facts = format!("{:?}", d.facts(i));
                prop_assert!(!facts.contains('\u{1b}') && !facts.contains('\u{9b}'), "{:?}: {}", f, facts);
            }
        }
    }

    #[test]
    fn no_reader_panics_on_markup(text in r#"([#\[\]()!`{}\\:*_<>&;\n -]|[a-z]{1,5}|https://x\.org/papers/2410\.0543[0-9]|\n\n|### |\{"title": )*"#) {
        use paperboy::digest::Format;
        for f in [Format::Text, Format::Markdown, Format::Json] {
            let d = Digest::parse_as("fuzz", &text, f);
            for i in 0..d.len() {
                let v = d.get(i);
                prop_assert!(!v.title.chars().any(|c| c.is_control()));
            }
        }
    }

    #[test]
    fn grammar_never_panics_on_digest_like_text(text in digest_text()) {
        let d = Digest::parse_as("fuzz", &text, paperboy::digest::Format::Text);
        for i in 0..d.len() {
            let v = d.get(i);
            // Nothing that could drive a terminal survives.
            prop_assert!(!v.title.chars().any(|c| c.is_control()));
            prop_assert!(!v.abstract_raw.chars().any(|c| c.is_control() && c != '\n' && c != '\r'));
        }
    }

    #[test]
    fn printing_back_and_parsing_again_gives_the_same_papers(text in digest_text()) {
        let text_format = paperboy::digest::Format::Text;
        let first = Digest::parse_as("a", &text, text_format);
        // Undated titles with no abstract cannot be told apart in print
        // from a title and its abstract (see `to_text`).
        prop_assume!((0..first.len()).all(|i| first.get(i).date.is_some() || !first.get(i).abstract_raw.is_empty()));
        let again = Digest::parse_as("b", first.to_text(), text_format);
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

// ---- the page's layout: pairs read back exactly, wherever they are cut ----

/// Titles as they really are: short and long, with the punctuation that
/// makes a line look like a sentence (`Dr.`, `vs.`, `v.s.`, `?`).
fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,9}(-[A-Z][a-z]{1,6})?: [A-Z][a-z]{2,9}( [a-zA-Z]{2,9}){1,12}",
        "[A-Z][a-zA-Z]{2,8}( [A-Za-z]{2,9}){0,6}\\?",
        "(Dr|Mr|St)\\. [A-Z][a-z]{2,8}: [A-Z][a-z]{2,9}( [a-z]{2,9}){2,14}",
        "[A-Z]{2,5} (vs|v\\.s)\\. [A-Z]{2,5}: [A-Z][a-z]{2,9}( [a-z]{2,9}){2,12}",
        "[A-Z][a-z]{3,9}( [a-z]{2,9}){8,16}",
        "[A-Z]\\. [A-Z][a-z]{3,9}: [A-Z][a-z]{3,9}( [a-z]{2,9}){8,16}",
    ]
}

/// Abstracts as they really are: one-liners, project links, long prose.
fn abstract_() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,9}( [a-z]{2,9}){1,4}",
        "Project page: https://[a-z]{3,9}\\.github\\.io/[a-z]{2,8}",
        "[A-Z][a-z]{2,9}( [a-z]{2,9}){12,30}\\.",
        "[A-Z][a-z]{2,9}( [a-z]{2,9}){45,80}\\.( [A-Z][a-z]{2,9}( [a-z]{2,9}){5,20}\\.){0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any sequence of (title, abstract) pairs, written in the page's shape,
    /// reads back exactly: titles and abstracts, in order, with their lines.
    #[test]
    fn pairs_in_the_pages_shape_read_back_exactly(
        pairs in prop::collection::vec((title(), abstract_(), any::<bool>()), 1..30),
    ) {
        let mut text = String::from("Daily Papers\n\nJul 29\n\n");
        // A title may repeat as its own abstract, as real pages do.
        let pairs: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(t, a, repeat)| if repeat && a.len() < 40 { (t.clone(), t) } else { (t, a) })
            .collect();
        let mut expected = Vec::new();
        for (t, a) in &pairs {
            let line = text.matches('\n').count() as u32 + 1;
            text.push_str(&format!("{t}\n\n{a}\n\n"));
            expected.push((t.clone(), a.clone(), line));
        }
        let d = Digest::parse("p.txt", &text);
        prop_assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
        // Duplicate titles merge into one paper: compare what is unique.
        let mut seen = std::collections::HashSet::new();
        expected.retain(|(t, _, _)| seen.insert(paperboy::digest::PaperId::from_title(t)));
        let got: Vec<(String, String, u32)> = (0..d.len())
            .map(|i| {
                let v = d.get(i);
                (v.title.to_owned(), v.abstract_text().into_owned(), v.line)
            })
            .collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn papers_are_numbered_by_the_line_their_title_is_on(text in digest_text()) {
        // Reference: the text's own lines (LF, CR LF, lone CR), counted
        // here, hold each paper's title on the line it is numbered by.
        let mut bytes = text.into_bytes();
        paperboy::digest::sanitize::sanitize(&mut bytes);
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.split("\r\n").flat_map(|l| l.split(['\n', '\r'])).collect();
        let d = Digest::parse_as("t", &text, paperboy::digest::Format::Text);
        for i in 0..d.len() {
            let p = &d.papers()[i];
            let folded = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            for o in std::iter::once(p.origin).chain(p.also.iter().copied()) {
                // A hard-wrapped title runs on over the lines under it.
                let start = o.line as usize - 1;
                let end = lines[start..]
                    .iter()
                    .position(|l| l.trim().is_empty())
                    .map_or(lines.len(), |n| start + n.max(1));
                let line = lines[start..end].join(" ");
                let title = d.get(i).title;
                // A copy merged by id may spell the title otherwise.
                prop_assert!(
                    folded(&line).contains(&folded(title)) || o != p.origin,
                    "line {} is {:?}, not {:?}", o.line, line, title
                );
            }
        }
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

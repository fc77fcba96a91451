//! Property tests of the engine against the plain loop: SkimMatcherV2 on
//! every paper and token, no shortcuts. Inside the crate, as they turn the
//! engine's crate-private knobs (tiny chunks on two threads).

use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use proptest::prelude::*;

use crate::digest::proptests::kept;

use super::*;

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
    #![proptest_config(kept(256))]

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
        let _ = s.search(&engine, &Query::new(&q, scope), None, &|| false);
        let longer = format!("{q}{more}");
        let narrowed = s.search(&engine, &Query::new(&longer, scope), None, &|| false).unwrap().into_sorted();
        prop_assert_eq!(narrowed, naive(&d, &longer, scope));
    }
}

mod printing {
    use proptest::prelude::*;

    use crate::day::Day;
    use crate::filter::query::*;

    /// A bare word: no space or quote, no leading '-', not `OR`, not a field.
    fn word() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9][a-zA-Z0-9.:/_-]{0,8}".prop_filter("a word", |w| {
            w != "OR"
                && !parse(w)
                    .expr
                    .groups
                    .iter()
                    .flatten()
                    .any(|t| !matches!(t.atom, Atom::Word(_)))
        })
    }

    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9.é-][a-zA-Z0-9 .é-]{0,10}".prop_map(|s| s.trim_end().to_owned())
    }

    fn atom() -> impl Strategy<Value = Atom> {
        let field = prop_oneof![
            Just(TextField::Author),
            Just(TextField::Category),
            Just(TextField::Keyword),
            Just(TextField::Org),
            Just(TextField::Source),
            Just(TextField::List),
        ];
        let has = prop_oneof![
            Just(Has::Code),
            Just(Has::Note),
            Just(Has::Pdf),
            Just(Has::Summary)
        ];
        let cmp = prop_oneof![
            Just(Cmp::Gt),
            Just(Cmp::Ge),
            Just(Cmp::Lt),
            Just(Cmp::Le),
            Just(Cmp::Eq)
        ];
        let count = prop_oneof![Just(CountField::Upvotes), Just(CountField::Stars)];
        let bound = prop_oneof![Just(DateBound::After), Just(DateBound::Before)];
        let recent = prop_oneof![
            Just(Recent::Today),
            Just(Recent::Yesterday),
            Just(Recent::Week),
            Just(Recent::Month)
        ];
        prop_oneof![
            word().prop_map(Atom::Word),
            text().prop_map(Atom::Phrase),
            (field, text()).prop_map(|(f, v)| Atom::Text(f, v)),
            has.prop_map(Atom::Has),
            (count, cmp, any::<u32>()).prop_map(|(f, c, n)| Atom::Count(f, c, n)),
            (bound, 0i64..40_000).prop_map(|(b, d)| Atom::Date(b, Day(d))),
            recent.prop_map(Atom::Within),
        ]
    }

    fn expr() -> impl Strategy<Value = Expr> {
        let term = (any::<bool>(), atom()).prop_map(|(negated, atom)| Term { negated, atom });
        prop::collection::vec(prop::collection::vec(term, 1..5), 0..4)
            .prop_map(|groups| Expr { groups })
    }

    proptest! {
        #![proptest_config(crate::digest::proptests::kept(512))]

        #[test]
        fn any_query_prints_back_to_itself(e in expr()) {
            let printed = e.to_string();
            let back = parse(&printed);
            prop_assert_eq!(back.error, None, "{}", printed);
            prop_assert_eq!(back.expr, e);
        }

        #[test]
        fn any_text_parses_to_what_it_prints(s in "[a-zA-Z0-9 :<>=\"-]{0,24}") {
            // Whatever was typed, faults and all: its valid part prints back
            // to a query of exactly those terms.
            let parsed = parse(&s).expr;
            let back = parse(&parsed.to_string());
            prop_assert_eq!(back.error, None);
            prop_assert_eq!(back.expr, parsed);
        }
    }
}

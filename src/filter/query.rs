//! The query language: what the filter's text means, as small nom
//! combinators over `&str`. A bare word is what it always was (a fuzzy token);
//! fields, numbers, dates, negation, phrases and `OR` come on top.
//!
//! ```text
//! query     = SP* group (SP+ "OR" SP+ group)* SP*   ; AND binds tighter than OR
//! group     = term (SP+ term)*
//! term      = ["-"] atom                             ; "-" excludes what atom matches
//! atom      = phrase | field | word
//! phrase    = '"' (char - '"')+ '"'
//! field     = text-key ":" value
//!           | "has:" ("code" | "note" | "pdf" | "summary")
//!           | count-key ":" [cmp] number
//!           | ("after" | "before") ":" date
//!           | "day:" ("today" | "yesterday" | "week" | "month")
//! text-key  = "au" | "author" | "cat" | "kw" | "org" | "src" | "list"
//! count-key = "upvotes" | "stars"
//! cmp       = ">=" | "<=" | ">" | "<" | "="
//! number    = digit+                                 ; at most 4294967295
//! date      = digit{4} "-" digit{2} "-" digit{2}     ; a real day
//! value     = phrase | (char - SP - '"')+
//! word      = (char - SP - '"' - "-") (char - SP - '"')*   ; not "OR"
//! ```
//!
//! Field names are case-insensitive (`AU:` is `au:`); a word that looks like
//! a field of no known name (`re:think`, `http://x`) is a word. The parser
//! never gives up: a faulty term is reported (with where it starts) and
//! skipped, and every valid term still filters.

use std::fmt;

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_till1, take_while_m_n, take_while1},
    character::complete::{char, digit1},
    combinator::{map, opt, recognize, value},
    error::{ErrorKind, ParseError},
};

use crate::day::Day;

/// A parsed query: groups joined by OR, each a list of terms joined by AND.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expr {
    pub groups: Vec<Vec<Term>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub negated: bool,
    pub atom: Atom,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atom {
    /// A bare word: the fuzzy token it always was.
    Word(String),
    /// A quoted phrase: a case-insensitive substring.
    Phrase(String),
    /// A field whose value is matched as a case-insensitive substring
    /// (`list:` names a list exactly).
    Text(TextField, String),
    Has(Has),
    Count(CountField, Cmp, u32),
    /// `after:` (that day or later) and `before:` (earlier days only).
    Date(DateBound, Day),
    Within(Recent),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    Author,
    Category,
    Keyword,
    Org,
    Source,
    List,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Has {
    Code,
    Note,
    Pdf,
    Summary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountField {
    Upvotes,
    Stars,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateBound {
    After,
    Before,
}

/// `day:`: a window of days ending today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recent {
    Today,
    Yesterday,
    /// The last 7 days, today included.
    Week,
    /// The last 30 days, today included.
    Month,
}

impl Recent {
    /// The first and last day of the window, for `today`.
    pub fn days(self, today: Day) -> (Day, Day) {
        match self {
            Recent::Today => (today, today),
            Recent::Yesterday => (today.plus(-1), today.plus(-1)),
            Recent::Week => (today.plus(-6), today),
            Recent::Month => (today.plus(-29), today),
        }
    }
}

impl Cmp {
    pub fn test(self, have: u32, want: u32) -> bool {
        match self {
            Cmp::Gt => have > want,
            Cmp::Ge => have >= want,
            Cmp::Lt => have < want,
            Cmp::Le => have <= want,
            Cmp::Eq => have == want,
        }
    }
}

/// What is wrong with a query, and where (a char index into its text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    pub at: usize,
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.at + 1, self.message)
    }
}

/// A query's terms, and its first fault when it has one (the terms are
/// then the valid rest).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub expr: Expr,
    pub error: Option<QueryError>,
}

/// A fault and where it is: the rest of the input there.
#[derive(Debug, PartialEq)]
pub struct Fault<'a> {
    at: &'a str,
    message: &'static str,
}

impl<'a> ParseError<&'a str> for Fault<'a> {
    fn from_error_kind(at: &'a str, _: ErrorKind) -> Self {
        Fault {
            at,
            message: "unexpected text",
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

type Res<'a, O> = IResult<&'a str, O, Fault<'a>>;

/// A committed fault: the term is recognised and its value is wrong.
fn fail<'a, O>(at: &'a str, message: &'static str) -> Res<'a, O> {
    Err(nom::Err::Failure(Fault { at, message }))
}

const UNCLOSED: &str = "the quote is not closed";

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// `phrase = '"' (char - '"')+ '"'`
fn phrase(i: &str) -> Res<'_, String> {
    let (rest, _) = char('"').parse(i)?;
    match rest.find('"') {
        None => fail(i, UNCLOSED),
        Some(0) => fail(i, "an empty phrase"),
        Some(end) => Ok((&rest[end + 1..], rest[..end].to_owned())),
    }
}

/// `value = phrase | (char - SP - '"')+`
fn field_value(i: &str) -> Res<'_, String> {
    alt((
        phrase,
        map(take_till1(|c| is_space(c) || c == '"'), str::to_owned),
    ))
    .parse(i)
}

/// `text-key ":" value`
fn text_field(i: &str) -> Res<'_, Atom> {
    let mut key = alt((
        value(TextField::Author, tag_no_case("author:")),
        value(TextField::Author, tag_no_case("au:")),
        value(TextField::Category, tag_no_case("cat:")),
        value(TextField::Keyword, tag_no_case("kw:")),
        value(TextField::Org, tag_no_case("org:")),
        value(TextField::Source, tag_no_case("src:")),
        value(TextField::List, tag_no_case("list:")),
    ));
    let (rest, field) = key.parse(i)?;
    match field_value(rest) {
        Ok((rest, v)) => Ok((rest, Atom::Text(field, v))),
        Err(nom::Err::Error(_)) => fail(i, "a field needs a value after its ':'"),
        Err(e) => Err(e),
    }
}

/// A word of letters (a field's value from a fixed set), lowercased.
fn keyword(i: &str) -> Res<'_, String> {
    map(
        take_while1(|c: char| c.is_alphanumeric()),
        str::to_lowercase,
    )
    .parse(i)
}

/// `"has:" ("code" | "note" | "pdf" | "summary")`
fn has(i: &str) -> Res<'_, Atom> {
    let (rest, _) = tag_no_case("has:").parse(i)?;
    let what = keyword(rest).ok().and_then(|(r, w)| {
        let h = match w.as_str() {
            "code" => Has::Code,
            "note" => Has::Note,
            "pdf" => Has::Pdf,
            "summary" => Has::Summary,
            _ => return None,
        };
        Some((r, h))
    });
    match what {
        Some((r, h)) if ends_term(r) => Ok((r, Atom::Has(h))),
        _ => fail(i, "has: takes code, note, pdf or summary"),
    }
}

/// `cmp = ">=" | "<=" | ">" | "<" | "="`
fn cmp(i: &str) -> Res<'_, Cmp> {
    alt((
        value(Cmp::Ge, tag(">=")),
        value(Cmp::Le, tag("<=")),
        value(Cmp::Gt, tag(">")),
        value(Cmp::Lt, tag("<")),
        value(Cmp::Eq, tag("=")),
    ))
    .parse(i)
}

/// `number = digit+`, at most `u32::MAX`.
fn number(i: &str) -> Res<'_, u32> {
    let (rest, digits) = digit1(i)?;
    match digits.parse() {
        Ok(n) => Ok((rest, n)),
        Err(_) => fail(i, "the number is too large"),
    }
}

/// `count-key ":" [cmp] number`
fn count(i: &str) -> Res<'_, Atom> {
    let mut key = alt((
        value(CountField::Upvotes, tag_no_case("upvotes:")),
        value(CountField::Stars, tag_no_case("stars:")),
    ));
    let (rest, field) = key.parse(i)?;
    let (rest, op) = opt(cmp).parse(rest)?;
    match number(rest) {
        Ok((r, n)) if ends_term(r) => Ok((r, Atom::Count(field, op.unwrap_or(Cmp::Eq), n))),
        Err(nom::Err::Failure(f)) => Err(nom::Err::Failure(f)),
        _ => fail(i, "takes a number, as in upvotes:>50 (or >=, <, <=, =)"),
    }
}

/// `date = digit{4} "-" digit{2} "-" digit{2}`, a real day.
fn date(i: &str) -> Res<'_, Day> {
    let two = || take_while_m_n(2, 2, |c: char| c.is_ascii_digit());
    let (rest, text) = recognize((
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        char('-'),
        two(),
        char('-'),
        two(),
    ))
    .parse(i)?;
    match Day::parse(text) {
        Some(d) => Ok((rest, d)),
        None => fail(i, "no such day"),
    }
}

/// `("after" | "before") ":" date`
fn date_field(i: &str) -> Res<'_, Atom> {
    let mut key = alt((
        value(DateBound::After, tag_no_case("after:")),
        value(DateBound::Before, tag_no_case("before:")),
    ));
    let (rest, bound) = key.parse(i)?;
    match date(rest) {
        Ok((r, d)) if ends_term(r) => Ok((r, Atom::Date(bound, d))),
        Err(nom::Err::Failure(f)) => Err(nom::Err::Failure(Fault { at: i, ..f })),
        _ => fail(i, "takes a date, as in after:2026-11-01"),
    }
}

/// `"day:" ("today" | "yesterday" | "week" | "month")`
fn day_field(i: &str) -> Res<'_, Atom> {
    let (rest, _) = tag_no_case("day:").parse(i)?;
    let recent = keyword(rest).ok().and_then(|(r, w)| {
        let d = match w.as_str() {
            "today" => Recent::Today,
            "yesterday" => Recent::Yesterday,
            "week" => Recent::Week,
            "month" => Recent::Month,
            _ => return None,
        };
        Some((r, d))
    });
    match recent {
        Some((r, d)) if ends_term(r) => Ok((r, Atom::Within(d))),
        _ => fail(i, "day: takes today, yesterday, week or month"),
    }
}

/// Whether a fixed-form value ends here (`has:codex` is no `has:code`).
fn ends_term(rest: &str) -> bool {
    rest.chars().next().is_none_or(is_space)
}

/// `word = (char - SP - '"' - "-") (char - SP - '"')*`, not `OR`.
fn word(i: &str) -> Res<'_, String> {
    let (rest, w) = take_till1(|c| is_space(c) || c == '"').parse(i)?;
    if w.starts_with('-') || w == "OR" {
        return Err(nom::Err::Error(Fault {
            at: i,
            message: "not a word",
        }));
    }
    Ok((rest, w.to_owned()))
}

/// `atom = phrase | field | word`
fn atom(i: &str) -> Res<'_, Atom> {
    alt((
        map(phrase, Atom::Phrase),
        text_field,
        has,
        count,
        date_field,
        day_field,
        map(word, Atom::Word),
    ))
    .parse(i)
}

/// `term = ["-"] atom`
pub fn term(i: &str) -> Res<'_, Term> {
    if let Some(rest) = i.strip_prefix('-') {
        return match atom(rest) {
            Ok((r, atom)) => Ok((
                r,
                Term {
                    negated: true,
                    atom,
                },
            )),
            Err(nom::Err::Error(_)) => fail(i, "nothing to exclude after '-'"),
            Err(e) => Err(e),
        };
    }
    map(atom, |atom| Term {
        negated: false,
        atom,
    })
    .parse(i)
}

/// `"OR"` standing alone between groups.
fn or(i: &str) -> Res<'_, ()> {
    let (rest, _) = tag("OR").parse(i)?;
    if ends_term(rest) {
        Ok((rest, ()))
    } else {
        Err(nom::Err::Error(Fault {
            at: i,
            message: "not OR",
        }))
    }
}

fn spaces(i: &str) -> &str {
    i.trim_start_matches(is_space)
}

/// `query`: every valid term, and the first fault.
pub fn parse(src: &str) -> Parsed {
    let mut groups: Vec<Vec<Term>> = vec![Vec::new()];
    let mut error: Option<(usize, &'static str)> = None;
    let mut note = |at: &str, message| {
        if error.is_none() {
            error = Some((src.len() - at.len(), message));
        }
    };
    let mut rest = spaces(src);
    let mut or_at = None;
    while !rest.is_empty() {
        if let Ok((r, ())) = or(rest) {
            if groups.last().is_some_and(Vec::is_empty) {
                note(rest, "OR needs a term on each side");
            } else {
                groups.push(Vec::new());
            }
            or_at = Some(rest);
            rest = spaces(r);
            continue;
        }
        match term(rest) {
            Ok((r, t)) => {
                if let Some(g) = groups.last_mut() {
                    g.push(t);
                }
                rest = r;
            }
            Err(nom::Err::Error(f) | nom::Err::Failure(f)) => {
                note(f.at, f.message);
                // Skip the faulty term; an unclosed quote takes the rest.
                rest = if f.message == UNCLOSED {
                    ""
                } else {
                    skip_term(rest)
                };
            }
            Err(nom::Err::Incomplete(_)) => break,
        }
        rest = spaces(rest);
    }
    if groups.len() > 1 && groups.last().is_some_and(Vec::is_empty) {
        note(or_at.unwrap_or(""), "OR needs a term on each side");
    }
    groups.retain(|g| !g.is_empty());
    Parsed {
        expr: Expr { groups },
        error: error.map(|(at, message)| QueryError {
            at: src[..at].chars().count(),
            message: message.to_owned(),
        }),
    }
}

/// What is left after a faulty term.
fn skip_term(i: &str) -> &str {
    let end = i.find(is_space).unwrap_or(i.len());
    &i[end..]
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (g, group) in self.groups.iter().enumerate() {
            if g > 0 {
                f.write_str(" OR ")?;
            }
            for (k, t) in group.iter().enumerate() {
                if k > 0 {
                    f.write_str(" ")?;
                }
                write!(f, "{t}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("-")?;
        }
        match &self.atom {
            Atom::Word(w) => f.write_str(w),
            Atom::Phrase(p) => write!(f, "\"{p}\""),
            Atom::Text(field, v) => {
                let key = match field {
                    TextField::Author => "au",
                    TextField::Category => "cat",
                    TextField::Keyword => "kw",
                    TextField::Org => "org",
                    TextField::Source => "src",
                    TextField::List => "list",
                };
                if v.contains(is_space) {
                    write!(f, "{key}:\"{v}\"")
                } else {
                    write!(f, "{key}:{v}")
                }
            }
            Atom::Has(h) => {
                let what = match h {
                    Has::Code => "code",
                    Has::Note => "note",
                    Has::Pdf => "pdf",
                    Has::Summary => "summary",
                };
                write!(f, "has:{what}")
            }
            Atom::Count(field, op, n) => {
                let key = match field {
                    CountField::Upvotes => "upvotes",
                    CountField::Stars => "stars",
                };
                let op = match op {
                    Cmp::Gt => ">",
                    Cmp::Ge => ">=",
                    Cmp::Lt => "<",
                    Cmp::Le => "<=",
                    Cmp::Eq => "=",
                };
                write!(f, "{key}:{op}{n}")
            }
            Atom::Date(bound, d) => {
                let key = match bound {
                    DateBound::After => "after",
                    DateBound::Before => "before",
                };
                write!(f, "{key}:{d}")
            }
            Atom::Within(r) => {
                let what = match r {
                    Recent::Today => "today",
                    Recent::Yesterday => "yesterday",
                    Recent::Week => "week",
                    Recent::Month => "month",
                };
                write!(f, "day:{what}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(atom: Atom) -> Term {
        Term {
            negated: false,
            atom,
        }
    }

    fn word(w: &str) -> Term {
        pos(Atom::Word(w.into()))
    }

    /// The one group of a valid query.
    fn terms(q: &str) -> Vec<Term> {
        let p = parse(q);
        assert_eq!(p.error, None, "{q}");
        assert_eq!(p.expr.groups.len(), 1, "{q}");
        p.expr.groups.into_iter().next().unwrap()
    }

    /// The fault of a query, as (char index, message).
    fn fault(q: &str) -> (usize, String) {
        let e = parse(q).error.expect(q);
        (e.at, e.message)
    }

    #[test]
    fn phrase_rule() {
        assert_eq!(phrase("\"a b\" c"), Ok((" c", "a b".to_owned())));
        assert!(matches!(phrase("x"), Err(nom::Err::Error(_))));
    }

    #[test]
    fn value_rule() {
        assert_eq!(field_value("cs.CL rest"), Ok((" rest", "cs.CL".into())));
        assert_eq!(field_value("\"Ada L\"x"), Ok(("x", "Ada L".into())));
    }

    #[test]
    fn text_field_rule() {
        assert_eq!(
            text_field("au:hinton"),
            Ok(("", Atom::Text(TextField::Author, "hinton".into())))
        );
        assert_eq!(
            text_field("Author:\"Geoffrey Hinton\" x"),
            Ok((
                " x",
                Atom::Text(TextField::Author, "Geoffrey Hinton".into())
            ))
        );
        for (q, f) in [
            ("cat:cs.CL", TextField::Category),
            ("kw:diffusion", TextField::Keyword),
            ("org:google", TextField::Org),
            ("src:hf", TextField::Source),
            ("list:to-read", TextField::List),
        ] {
            assert!(
                matches!(text_field(q), Ok(("", Atom::Text(g, _))) if g == f),
                "{q}"
            );
        }
    }

    #[test]
    fn has_rule() {
        assert_eq!(has("has:code"), Ok(("", Atom::Has(Has::Code))));
        assert_eq!(has("HAS:PDF x"), Ok((" x", Atom::Has(Has::Pdf))));
        assert_eq!(has("has:note"), Ok(("", Atom::Has(Has::Note))));
        assert_eq!(has("has:summary"), Ok(("", Atom::Has(Has::Summary))));
    }

    #[test]
    fn cmp_and_number_rules() {
        assert_eq!(cmp(">=5"), Ok(("5", Cmp::Ge)));
        assert_eq!(cmp("<5"), Ok(("5", Cmp::Lt)));
        assert_eq!(cmp("<=5"), Ok(("5", Cmp::Le)));
        assert_eq!(cmp(">5"), Ok(("5", Cmp::Gt)));
        assert_eq!(cmp("=5"), Ok(("5", Cmp::Eq)));
        assert_eq!(number("42 x"), Ok((" x", 42)));
    }

    #[test]
    fn count_rule() {
        assert_eq!(
            count("upvotes:>50"),
            Ok(("", Atom::Count(CountField::Upvotes, Cmp::Gt, 50)))
        );
        assert_eq!(
            count("stars:100"),
            Ok(("", Atom::Count(CountField::Stars, Cmp::Eq, 100)))
        );
    }

    #[test]
    fn date_rules() {
        let d = Day::from_ymd(2026, 11, 1).unwrap();
        assert_eq!(date("2026-11-01"), Ok(("", d)));
        assert_eq!(
            date_field("after:2026-11-01"),
            Ok(("", Atom::Date(DateBound::After, d)))
        );
        assert_eq!(
            date_field("before:2026-11-01"),
            Ok(("", Atom::Date(DateBound::Before, d)))
        );
        assert_eq!(day_field("day:week"), Ok(("", Atom::Within(Recent::Week))));
        let today = Day::from_ymd(2026, 12, 1).unwrap();
        assert_eq!(Recent::Yesterday.days(today).0, today.plus(-1));
        assert_eq!(Recent::Month.days(today), (today.plus(-29), today));
    }

    #[test]
    fn word_rule() {
        assert_eq!(super::word("4-bit x"), Ok((" x", "4-bit".into())));
        assert_eq!(super::word("re:think"), Ok(("", "re:think".into())));
        assert!(super::word("OR").is_err());
        assert!(super::word("-x").is_err());
    }

    #[test]
    fn term_rule() {
        assert_eq!(
            term("-\"video generation\""),
            Ok((
                "",
                Term {
                    negated: true,
                    atom: Atom::Phrase("video generation".into())
                }
            ))
        );
        assert_eq!(term("quant"), Ok(("", word("quant"))));
        // A word that merely looks like a field is a word.
        assert_eq!(term("http://x"), Ok(("", word("http://x"))));
    }

    #[test]
    fn keyword_rule() {
        assert_eq!(keyword("PDF x"), Ok((" x", "pdf".to_owned())));
        assert_eq!(keyword("week-x"), Ok(("-x", "week".to_owned())));
        assert!(keyword(" x").is_err());
    }

    #[test]
    fn atom_rule() {
        // A phrase first, then the fields, and a word only when no field is.
        assert_eq!(atom("\"a\" b"), Ok((" b", Atom::Phrase("a".into()))));
        assert_eq!(
            atom("kw:x"),
            Ok(("", Atom::Text(TextField::Keyword, "x".into())))
        );
        assert_eq!(atom("has:code"), Ok(("", Atom::Has(Has::Code))));
        assert_eq!(
            atom("stars:<3"),
            Ok(("", Atom::Count(CountField::Stars, Cmp::Lt, 3)))
        );
        assert_eq!(atom("day:today"), Ok(("", Atom::Within(Recent::Today))));
        assert_eq!(atom("kw"), Ok(("", Atom::Word("kw".into()))));
        // A field's fault is committed: no fallback to a word.
        assert!(matches!(atom("has:x"), Err(nom::Err::Failure(_))));
    }

    #[test]
    fn or_rule() {
        assert_eq!(or("OR b"), Ok((" b", ())));
        assert_eq!(or("OR"), Ok(("", ())));
        assert!(matches!(or("ORb"), Err(nom::Err::Error(_))));
        assert!(or("or b").is_err());
    }

    #[test]
    fn bare_words_stay_tokens() {
        assert_eq!(terms("  quant  vis "), [word("quant"), word("vis")]);
    }

    #[test]
    fn or_binds_looser_than_and() {
        let p = parse("a b OR c -d");
        assert_eq!(p.error, None);
        assert_eq!(p.expr.groups.len(), 2);
        assert_eq!(p.expr.groups[0], [word("a"), word("b")]);
        assert!(p.expr.groups[1][1].negated);
        // Only the standalone capital OR is the operator.
        assert_eq!(terms("a or b ORb").len(), 4);
    }

    #[test]
    fn errors_name_their_place() {
        assert_eq!(fault("a \"open"), (2, "the quote is not closed".into()));
        assert_eq!(fault("\"\""), (0, "an empty phrase".into()));
        assert_eq!(fault("x - y"), (2, "nothing to exclude after '-'".into()));
        assert_eq!(fault("--x").0, 0);
        assert_eq!(
            fault("au: x"),
            (0, "a field needs a value after its ':'".into())
        );
        assert_eq!(fault("a has:codex").0, 2);
        assert_eq!(fault("has:cod").1, "has: takes code, note, pdf or summary");
        assert_eq!(fault("upvotes:>").0, 0);
        assert_eq!(fault("upvotes:>x").0, 0);
        assert_eq!(fault("stars:5x").0, 0);
        assert_eq!(fault("upvotes:99999999999").1, "the number is too large");
        assert_eq!(fault("é after:2026-13-01"), (2, "no such day".into()));
        assert_eq!(
            fault("before:2026").1,
            "takes a date, as in after:2026-11-01"
        );
        assert_eq!(
            fault("day:tomorrow").1,
            "day: takes today, yesterday, week or month"
        );
        assert_eq!(fault("OR a"), (0, "OR needs a term on each side".into()));
        assert_eq!(fault("a OR"), (2, "OR needs a term on each side".into()));
        assert_eq!(fault("a OR OR b").0, 5);
    }

    #[test]
    fn the_valid_part_survives_a_fault() {
        let p = parse("quant upvotes:> vis \"open");
        assert_eq!(p.expr.groups, [vec![word("quant"), word("vis")]]);
        assert_eq!(p.error.unwrap().at, 6);
        let p = parse("a OR");
        assert_eq!(p.expr.groups, [vec![word("a")]]);
    }

    #[test]
    fn prints_back() {
        let q = "a AU:\"Ada L\" -cat:cs.CV has:code upvotes:>=5 OR \"x y\" after:2026-11-01 day:week stars:3";
        let printed = parse(q).expr.to_string();
        assert_eq!(
            printed,
            "a au:\"Ada L\" -cat:cs.CV has:code upvotes:>=5 OR \"x y\" after:2026-11-01 day:week stars:=3"
        );
        assert_eq!(parse(&printed).expr, parse(q).expr);
    }
}

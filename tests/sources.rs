//! Every other digest a researcher gets, each read exactly: arXiv's
//! listing e-mails (body and whole message), its RSS and API answers,
//! paper sites' RSS and JSON Feeds, saved huggingface.co/papers pages and
//! scripts' key-value digests; foreign files are one clear error.

use paperboy::digest::{Digest, Format, Input, Severity};

fn read(name: &str) -> Digest {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    Digest::load(&[Input::Path(path)])
}

/// One paper as a test expects it.
#[derive(Debug, PartialEq)]
struct Want<'a> {
    title: &'a str,
    arxiv: Option<&'a str>,
    version: Option<&'a str>,
    abstract_: &'a str,
    authors: &'a [&'a str],
    categories: &'a [&'a str],
}

/// A paper as read, to compare with a [`Want`].
#[derive(Debug, PartialEq)]
struct Got {
    title: String,
    arxiv: Option<String>,
    version: Option<String>,
    abstract_: String,
    authors: Vec<String>,
    categories: Vec<String>,
}

impl From<&Want<'_>> for Got {
    fn from(w: &Want<'_>) -> Got {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        Got {
            title: w.title.into(),
            arxiv: w.arxiv.map(Into::into),
            version: w.version.map(Into::into),
            abstract_: w.abstract_.into(),
            authors: own(w.authors),
            categories: own(w.categories),
        }
    }
}

fn got(d: &Digest) -> Vec<Got> {
    (0..d.len())
        .map(|i| {
            let v = d.get(i);
            let f = d.facts(i);
            Got {
                title: v.title.into(),
                arxiv: f.arxiv.clone(),
                version: f.version.clone(),
                abstract_: v.abstract_text().into_owned(),
                authors: f.authors.clone(),
                categories: f.categories.clone(),
            }
        })
        .collect()
}

/// Asserts that `d` holds exactly these papers, in order.
fn assert_papers(d: &Digest, want: &[Want<'_>]) {
    let want: Vec<Got> = want.iter().map(Got::from).collect();
    assert_eq!(got(d), want);
}

fn format_of(d: &Digest) -> Option<Format> {
    d.formats().find_map(|(_, f)| f)
}

fn no_problems(d: &Digest) {
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
}

const SMORE: &str = "Sparse Mixtures of Retrieval Experts for Long-Context Question Answering";
const SMORE_ABS: &str = "We study retrieval for long-context question answering. We route each query to a sparse mixture of retrieval experts and show that three experts suffice on four benchmarks.";
const THREE: &[&str] = &["Ada Lovelace", "Alan Turing", "Grace Hopper"];
const TOKEN_FREE: &str = "Tokenizer-Free Language Models at Scale";
const TOKEN_ABS: &str =
    "Byte-level models close the gap with tokenized ones when trained for long enough.";

fn listing_papers() -> Vec<Want<'static>> {
    vec![
        Want {
            title: SMORE,
            arxiv: Some("2601.15305"),
            version: Some("v1"),
            abstract_: SMORE_ABS,
            authors: THREE,
            categories: &["cs.CL", "cs.AI", "cs.LG"],
        },
        Want {
            title: TOKEN_FREE,
            arxiv: Some("2601.15412"),
            version: Some("v1"),
            abstract_: TOKEN_ABS,
            authors: &["Emmy Noether"],
            categories: &["cs.CL"],
        },
        Want {
            title: "Speech Recognition Without Transcripts",
            arxiv: Some("2601.14001"),
            version: Some("v1"),
            abstract_: "We train recognisers from audio alone.",
            authors: &["Claude Shannon", "John von Neumann"],
            categories: &["eess.AS", "cs.CL", "cs.SD"],
        },
        Want {
            title: "Scaling Laws, Revisited",
            arxiv: Some("2410.05434"),
            version: None,
            abstract_: "",
            authors: &["Ada Lovelace", "Alan Turing"],
            categories: &["cs.LG", "cs.CL"],
        },
        Want {
            title: "Graphs of Thought for Theorem Proving",
            arxiv: Some("2501.00077"),
            version: Some("v3"),
            abstract_: "Proof search as graph search.",
            authors: &["Kurt Goedel"],
            categories: &["cs.LO", "cs.CL"],
        },
    ]
}

fn announces(d: &Digest) -> Vec<Option<&str>> {
    (0..d.len())
        .map(|i| d.facts(i).announce.as_deref())
        .collect()
}

#[test]
fn an_arxiv_listing_body() {
    let d = read("arxiv-listing.txt");
    no_problems(&d);
    assert_eq!(format_of(&d), Some(Format::Email));
    assert_papers(&d, &listing_papers());
    assert_eq!(
        announces(&d),
        [
            Some("new"),
            Some("new"),
            Some("cross"),
            Some("replace"),
            Some("replace-cross")
        ]
    );
    let f = d.facts(0);
    assert_eq!(
        f.arxiv_comments.as_deref(),
        Some("12 pages, 4 figures; code at https://github.com/example/smore")
    );
    assert_eq!(
        f.journal_ref.as_deref(),
        Some("Transactions on Machine Learning Research, 2026")
    );
    assert_eq!(f.doi.as_deref(), Some("10.48550/arXiv.2601.15305"));
    assert_eq!(f.report_no.as_deref(), Some("MAN-CS-2026-01"));
    assert_eq!(
        f.license.as_deref(),
        Some("http://creativecommons.org/licenses/by/4.0/")
    );
    assert_eq!(f.published.as_deref(), Some("2026-01-20"));
    assert_eq!(d.get(0).line, 14, "the entry's arXiv: line");
}

#[test]
fn a_whole_listing_message() {
    let d = read("arxiv-listing.eml");
    no_problems(&d);
    assert_eq!(format_of(&d), Some(Format::Email));
    let mut want = listing_papers();
    // Quoted-printable decoded: an encoded non-breaking hyphen.
    want[1].title = "Tokenizer\u{2011}Free Language Models at Scale";
    assert_papers(&d, &want);
    assert_eq!(
        d.facts(0).arxiv_comments.as_deref(),
        Some("12 pages, 4 figures; code at https://github.com/example/smore"),
        "a soft line break joined"
    );
}

#[test]
fn arxivs_rss() {
    let d = read("arxiv-rss.xml");
    no_problems(&d);
    assert_eq!(format_of(&d), Some(Format::Feed));
    assert_papers(
        &d,
        &[
            Want {
                title: SMORE,
                arxiv: Some("2601.15305"),
                version: Some("v1"),
                abstract_: "We study retrieval for long-context question answering. We route each query to a sparse mixture of retrieval experts & show that three experts suffice on four benchmarks.",
                authors: THREE,
                categories: &["cs.CL", "cs.AI", "cs.LG"],
            },
            Want {
                title: "Speech Recognition Without Transcripts",
                arxiv: Some("2601.14001"),
                version: Some("v1"),
                abstract_: "We train recognisers from audio alone.",
                authors: &["Claude Shannon", "John von Neumann"],
                categories: &["eess.AS", "cs.CL", "cs.SD"],
            },
            Want {
                title: "Scaling Laws, Revisited",
                arxiv: Some("2410.05434"),
                version: Some("v2"),
                abstract_: "We revisit scaling laws for language models with new experiments.",
                authors: &["Ada Lovelace", "Alan Turing"],
                categories: &["cs.LG", "cs.CL"],
            },
        ],
    );
    assert_eq!(announces(&d), [Some("new"), Some("cross"), Some("replace")]);
    assert_eq!(d.get(0).date, Some("2026-01-21"));
}

#[test]
fn an_empty_weekend_feed_is_no_papers_not_an_error() {
    let d = read("arxiv-rss-weekend.xml");
    no_problems(&d);
    assert_eq!(d.len(), 0);
    let d = read("empty-feed.json");
    no_problems(&d);
    assert_eq!((d.len(), format_of(&d)), (0, Some(Format::Feed)));
}

#[test]
fn an_arxiv_api_answer() {
    let d = read("arxiv-api.xml");
    no_problems(&d);
    assert_papers(
        &d,
        &[
            Want {
                title: SMORE,
                arxiv: Some("2601.15305"),
                version: Some("v1"),
                abstract_: SMORE_ABS,
                authors: THREE,
                categories: &["cs.CL", "cs.AI", "cs.LG"],
            },
            Want {
                title: "Scaling Laws, Revisited",
                arxiv: Some("2410.05434"),
                version: Some("v2"),
                abstract_: "We revisit scaling laws for language models with new experiments.",
                authors: &["Ada Lovelace", "Alan Turing"],
                categories: &["cs.LG", "cs.CL"],
            },
        ],
    );
    let f = d.facts(0);
    assert_eq!(f.arxiv_comments.as_deref(), Some("12 pages, 4 figures"));
    assert_eq!(f.doi.as_deref(), Some("10.48550/arXiv.2601.15305"));
    assert_eq!(
        f.journal_ref.as_deref(),
        Some("Transactions on Machine Learning Research, 2026")
    );
    assert_eq!(d.facts(1).published.as_deref(), Some("2024-10-07"));
}

#[test]
fn an_api_error_answer_is_its_error() {
    let d = read("arxiv-api-error.xml");
    assert_eq!(d.len(), 0);
    assert_eq!(
        d.diagnostics[0].to_string(),
        format!(
            "{}:10: error: arXiv's API answered with an error: incorrect id format for 1234.12345",
            path("arxiv-api-error.xml")
        )
    );
}

fn path(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn hf_papers() -> Vec<Want<'static>> {
    vec![
        Want {
            title: SMORE,
            arxiv: Some("2601.15305"),
            version: None,
            abstract_: SMORE_ABS,
            authors: THREE,
            categories: &[],
        },
        Want {
            title: TOKEN_FREE,
            arxiv: Some("2601.15412"),
            version: None,
            abstract_: TOKEN_ABS,
            authors: &["Emmy Noether"],
            categories: &[],
        },
    ]
}

#[test]
fn a_paper_sites_rss() {
    let d = read("hf-papers-rss.xml");
    assert_eq!(format_of(&d), Some(Format::Feed));
    assert_papers(&d, &hf_papers());
    assert_eq!(
        d.facts(0).summary.as_deref(),
        Some("Three sparse retrieval experts answer long-context questions.")
    );
    assert_eq!(d.facts(1).summary, None);
    // The newsletter item is no paper: one warning, not a paper.
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    assert_eq!(d.diagnostics[0].severity, Severity::Warning);
    assert!(
        d.diagnostics[0]
            .message
            .starts_with("1 feed items name no paper")
    );
}

#[test]
fn a_paper_sites_json_feed() {
    let d = read("hf-papers-feed.json");
    no_problems(&d);
    assert_eq!(format_of(&d), Some(Format::Feed));
    let mut want = hf_papers();
    want[0].version = Some("v1");
    want[0].categories = &["cs.CL"];
    assert_papers(&d, &want);
    assert_eq!(
        d.facts(0).summary.as_deref(),
        Some("Three sparse retrieval experts answer long-context questions.")
    );
    assert_eq!(
        d.facts(1).summary.as_deref(),
        Some("Bytes catch up with tokens.")
    );
    assert_eq!(d.get(1).line, 20, "the line of the item's title");
}

#[test]
fn a_saved_papers_page() {
    let d = read("hf-papers.html");
    no_problems(&d);
    assert_eq!(format_of(&d), Some(Format::Html));
    assert_papers(&d, &hf_papers());
    assert_eq!(d.facts(0).upvotes, Some(42));
    assert_eq!(d.facts(0).comments, Some(3));
    assert_eq!(d.get(0).date, Some("2026-01-21"));
}

#[test]
fn a_saved_page_without_its_data_is_read_from_its_cards() {
    let d = read("hf-papers-cards.html");
    assert_eq!(format_of(&d), Some(Format::Html));
    let titles: Vec<_> = (0..d.len())
        .map(|i| (d.title(i), d.facts(i).arxiv.as_deref()))
        .collect();
    assert_eq!(
        titles,
        [
            (SMORE, Some("2601.15305")),
            (TOKEN_FREE, Some("2601.15412"))
        ]
    );
    no_problems(&d);
}

#[test]
fn a_scripts_key_value_digest() {
    let d = read("script-digest.txt");
    no_problems(&d);
    assert_eq!(format_of(&d), Some(Format::Kv));
    assert_papers(
        &d,
        &[
            Want {
                title: SMORE,
                arxiv: Some("2601.15305"),
                version: Some("v1"),
                abstract_: SMORE_ABS,
                authors: THREE,
                categories: &[],
            },
            Want {
                title: TOKEN_FREE,
                arxiv: Some("2601.15412"),
                version: None,
                // The script deleted its line breaks: the words stay as written.
                abstract_: "Byte-level models close the gap with tokenized ones.When trained for long enough,they match them.",
                authors: &[],
                categories: &[],
            },
            Want {
                title: "Scaling Laws, Revisited",
                arxiv: Some("2410.05434"),
                version: Some("v2"),
                abstract_: "We revisit scaling laws. With new experiments.",
                authors: &[],
                categories: &[],
            },
        ],
    );
    assert_eq!(d.get(0).date, Some("2026-01-20"));
    assert_eq!(d.get(2).line, 13);
}

#[test]
fn foreign_files_are_one_clear_error() {
    for (file, says) in [
        (
            "not-a-feed.xml",
            "2: error: XML whose root is <project>, not a feed (RSS or Atom)",
        ),
        (
            "not-papers.html",
            "error: an HTML page (\"Release notes | Example\"), not a saved huggingface.co/papers page (no papers' data, no paper cards)",
        ),
        (
            "other.json",
            "error: JSON that is neither the daily papers API's items nor a feed (an object with keys dependencies, name, version)",
        ),
    ] {
        let d = read(file);
        assert_eq!(d.len(), 0, "{file}");
        let lines: Vec<String> = d.diagnostics.iter().map(ToString::to_string).collect();
        let want = if says.starts_with("error") {
            format!("{}: {says}", path(file))
        } else {
            format!("{}:{says}", path(file))
        };
        assert_eq!(lines, [want], "{file}");
    }
}

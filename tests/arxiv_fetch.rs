//! `paperboy fetch --arxiv` against arXiv's RSS and API as a server the
//! test runs on 127.0.0.1 (`PAPERBOY_ARXIV_URL`): a week through every
//! fault, the spacing arXiv asks, an empty weekend feed, `[fetch] arxiv`
//! beside the Daily Papers, and the library's days of two sources.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::{Reply, Server, arxiv_day, command, digests, err, files, out, param};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).unwrap()
}

/// paperboy on `home` against `server` for both the Daily Papers and
/// arXiv, requests to arXiv `spacing_ms` apart (None: arXiv's 3 s).
fn paperboy(
    home: &Path,
    server: &str,
    today: &str,
    spacing_ms: Option<u64>,
    args: &[&str],
) -> Output {
    let mut c = command(home, server, today, args);
    c.env("PAPERBOY_ARXIV_URL", server);
    match spacing_ms {
        Some(ms) => c.env("PAPERBOY_ARXIV_SPACING_MS", ms.to_string()),
        None => c.env_remove("PAPERBOY_ARXIV_SPACING_MS"),
    };
    c.output().unwrap()
}

/// What paperboy prints as JSON on 2026-01-21 (reading the library).
fn json(home: &Path, server: &str, args: &[&str]) -> serde_json::Value {
    let o = paperboy(home, server, "2026-01-21", None, args);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", err(&o)))
}

/// The arXiv ids of a day's `n` generated submissions: `2601.DDKKK`.
fn ids(day: &str, n: usize) -> Vec<String> {
    (1..=n)
        .map(|k| format!("2601.{}{k:03}", &day[8..10]))
        .collect()
}

/// A page of the API's answer (its shape: tests/fixtures/arxiv-api.xml):
/// `ids` as entries submitted on `day`, `total` counted in all.
fn atom_page(day: &str, ids: &[String], total: usize) -> Vec<u8> {
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query: search_query=cat:cs.LG</title>
  <id>http://arxiv.org/api/x</id>
  <updated>{day}T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
"#
    );
    for id in ids {
        s.push_str(&format!(
            r#"  <entry>
    <id>http://arxiv.org/abs/{id}v1</id>
    <updated>{day}T10:00:00Z</updated>
    <published>{day}T10:00:00Z</published>
    <title>Paper {id}</title>
    <summary>  About {id}.
</summary>
    <author>
      <name>Ada Lovelace</name>
    </author>
    <link href="http://arxiv.org/abs/{id}v1" rel="alternate" type="text/html"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
"#
        ));
    }
    s.push_str("</feed>\n");
    s.into_bytes()
}

/// The page a request asks for of a day of `n` submissions, at most
/// `most` entries a page (a server may send fewer than asked).
fn page(target: &str, day: &str, n: usize, most: usize) -> Vec<u8> {
    let all = ids(day, n);
    let number = |name: &str| param(target, name).unwrap().parse::<usize>().unwrap();
    let (start, max) = (number("start"), number("max_results"));
    let end = (start + max.min(most)).min(n);
    atom_page(day, &all[start.min(n)..end], n)
}

/// The week from Thu 2026-01-15 to Wed 2026-01-21, today's from the RSS
/// and every other day's from the API, one fault a day.
fn week_server() -> Server {
    let rss = fixture("arxiv-rss.xml");
    Server::start_targets(move |target, n| {
        if target.contains("/rss/") {
            return Reply::Xml(rss.clone());
        }
        let day = arxiv_day(target).unwrap();
        let start = param(target, "start").unwrap();
        match (day.as_str(), start.as_str(), n) {
            // Five papers, two a page: three pages.
            ("2026-01-20", _, _) => Reply::Xml(page(target, &day, 5, 2)),
            // Busy once, asking for a second's wait.
            ("2026-01-19", "0", 0) => Reply::Unavailable(1),
            ("2026-01-19", _, _) => Reply::Xml(page(target, &day, 3, 2)),
            // A Sunday with nothing submitted.
            ("2026-01-18", _, _) => Reply::Xml(atom_page(&day, &[], 0)),
            ("2026-01-17", _, _) => Reply::Status(500),
            // Its second page is a sign-in page.
            ("2026-01-16", "2", _) => Reply::Html,
            ("2026-01-16", _, _) => Reply::Xml(page(target, &day, 4, 2)),
            ("2026-01-15", _, _) => Reply::Cut(page(target, &day, 2, 2)),
            _ => Reply::Status(404),
        }
    })
}

#[test]
fn a_week_of_arxiv_lands_day_by_day_through_every_fault_spaced_as_arxiv_asks() {
    let api = week_server();
    let home = tempfile::tempdir().unwrap();
    let o = paperboy(
        home.path(),
        &api.url,
        "2026-01-21",
        Some(150),
        &["fetch", "--arxiv", "cs.LG,cs.CL", "--days", "7"],
    );
    assert_eq!(o.status.code(), Some(1), "some days failed: {}", err(&o));
    assert_eq!(
        out(&o),
        "2026-01-21  arXiv: 3 papers, saved\n\
         2026-01-20  arXiv: 5 papers, saved\n\
         2026-01-19  arXiv: 3 papers, saved\n\
         2026-01-18  arXiv: no announcements\n"
    );
    let e = err(&o);
    assert!(
        e.contains("2026-01-17  arXiv: failed: HTTP 500 Internal Server Error (after 3 retries)"),
        "{e}"
    );
    assert!(
        e.contains("2026-01-16  arXiv: failed: page 2: not a feed: the server sent an HTML page"),
        "{e}"
    );
    assert!(
        e.contains("2026-01-15  arXiv: failed: the answer was cut short"),
        "{e}"
    );
    assert!(e.contains("3 of 7 days failed"), "{e}");
    // Whole days or nothing: no file for a day that failed.
    assert_eq!(
        files(home.path()),
        [
            "2026-01-19.arxiv.xml",
            "2026-01-20.arxiv.xml",
            "2026-01-21.arxiv.xml"
        ]
    );
    let today = std::fs::read(digests(home.path()).join("2026-01-21.arxiv.xml")).unwrap();
    assert_eq!(today, fixture("arxiv-rss.xml"), "the RSS as it came");

    // The requests: today's RSS once for both categories, then each day's
    // pages, in turn and at least the spacing apart.
    let seen = api.seen();
    assert_eq!(seen[0].target, "/rss/cs.LG+cs.CL");
    let of = |day: &str| -> Vec<String> {
        seen.iter()
            .filter(|s| arxiv_day(&s.target).as_deref() == Some(day))
            .map(|s| param(&s.target, "start").unwrap())
            .collect()
    };
    assert_eq!(of("2026-01-20"), ["0", "2", "4"], "paged by start");
    assert_eq!(of("2026-01-19"), ["0", "0", "2"], "503, then again");
    assert_eq!(of("2026-01-17").len(), 4, "500: three retries");
    assert_eq!(of("2026-01-16"), ["0", "2"]);
    assert_eq!(seen.len(), 1 + 3 + 3 + 1 + 4 + 2 + 1);
    let first = &seen[1].target;
    assert!(
        first.starts_with(
            "/api/query?search_query=%28cat:cs.LG+OR+cat:cs.CL%29+AND+\
             submittedDate:%5B202601200000+TO+202601202359%5D"
        ),
        "{first}"
    );
    assert_eq!(param(first, "max_results").as_deref(), Some("500"));
    for pair in seen.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap >= Duration::from_millis(150),
            "{gap:?} between {} and {}",
            pair[0].target,
            pair[1].target
        );
    }
    let retry: Vec<_> = seen
        .iter()
        .filter(|s| arxiv_day(&s.target).as_deref() == Some("2026-01-19"))
        .collect();
    assert!(
        retry[1].at.duration_since(retry[0].at) >= Duration::from_secs(1),
        "Retry-After was waited for"
    );
    assert!(
        seen.iter()
            .all(|s| s.headers["user-agent"].starts_with("paperboy/")),
        "a User-Agent naming paperboy"
    );

    // The library reads the days kept: the three pages as one day.
    let v = json(home.path(), &api.url, &["days", "--json"]);
    assert_eq!(
        v,
        serde_json::json!([
            {"date": "2026-01-21", "papers": 3, "new": 2, "sources": {"arxiv": 3}, "replaced": 1},
            {"date": "2026-01-20", "papers": 5, "new": 5, "sources": {"arxiv": 5}, "replaced": 0},
            {"date": "2026-01-19", "papers": 3, "new": 3, "sources": {"arxiv": 3}, "replaced": 0},
        ])
    );
    let v = json(home.path(), &api.url, &["list", "--json"]);
    let listed: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["date"] == "2026-01-20")
        .map(|p| p["arxiv"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed,
        ids("2026-01-20", 5),
        "every page's papers, in order"
    );

    // Again: the days held are not asked again; the failed ones are.
    let before = api.seen().len();
    let o = paperboy(
        home.path(),
        &api.url,
        "2026-01-21",
        Some(150),
        &[
            "fetch",
            "--arxiv",
            "cs.LG,cs.CL",
            "2026-01-20",
            "2026-01-19",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        "2026-01-20  arXiv: in the library already (--refresh fetches it again)\n\
         2026-01-19  arXiv: in the library already (--refresh fetches it again)\n"
    );
    assert_eq!(api.seen().len(), before, "nothing asked");
}

#[test]
fn an_empty_weekend_feed_is_no_announcements_and_arxiv_waits_3_s_by_default() {
    let weekend = fixture("arxiv-rss-weekend.xml");
    let api = Server::start_targets(move |target, _| {
        if target.contains("/rss/") {
            return Reply::Xml(weekend.clone());
        }
        Reply::Xml(page(target, "2026-01-23", 1, 10))
    });
    let home = tempfile::tempdir().unwrap();
    let o = paperboy(
        home.path(),
        &api.url,
        "2026-01-24",
        None,
        &["fetch", "--arxiv", "cs.CL", "today", "2026-01-23"],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        "2026-01-24  arXiv: no announcements\n2026-01-23  arXiv: 1 paper, saved\n"
    );
    assert_eq!(files(home.path()), ["2026-01-23.arxiv.xml"]);
    let seen = api.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].target, "/rss/cs.CL");
    let gap = seen[1].at.duration_since(seen[0].at);
    assert!(gap >= Duration::from_secs(3), "arXiv's 3 s: {gap:?}");
}

#[test]
fn bad_categories_are_refused_before_any_request() {
    let api = Server::start_targets(|_, _| Reply::Status(500));
    let home = tempfile::tempdir().unwrap();
    let o = paperboy(
        home.path(),
        &api.url,
        "2026-01-21",
        Some(1),
        &["fetch", "--arxiv", "cs.LG,cs/../x"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "paperboy: --arxiv: \"cs/../x\" is not an arXiv category (such as cs.LG or hep-th)\n"
    );
    assert!(api.seen().is_empty());
}

/// The Daily Papers' day of 2026-01-21 (the API's JSON): the RSS's first
/// paper, with its upvotes, and one of its own.
const HF_DAY: &str = r#"[
  {"paper": {"id": "2601.15305", "title": "Sparse Mixtures of Retrieval Experts for Long-Context Question Answering",
    "summary": "We study retrieval for long-context question answering.", "upvotes": 42,
    "submittedOnDailyAt": "2026-01-21T08:00:00.000Z"}},
  {"paper": {"id": "2601.09999", "title": "Only On The Daily Papers",
    "summary": "A paper arXiv's listing does not carry.", "upvotes": 7,
    "submittedOnDailyAt": "2026-01-21T08:00:00.000Z"}}
]"#;

#[test]
fn the_config_brings_arxiv_beside_the_daily_papers_and_a_day_shows_both() {
    let rss = fixture("arxiv-rss.xml");
    let api = Server::start_targets(move |target, _| {
        if target.contains("/rss/") {
            return Reply::Xml(rss.clone());
        }
        match param(target, "date").as_deref() {
            Some("2026-01-21") => Reply::Json(HF_DAY.as_bytes().to_vec()),
            _ => Reply::Json(b"[]".to_vec()),
        }
    });
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[fetch]\narxiv = [\"cs.LG\", \"cs.CL\"]\n",
    )
    .unwrap();
    let o = paperboy(home.path(), &api.url, "2026-01-21", Some(10), &["fetch"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        "2026-01-21  2 papers, saved\n2026-01-21  arXiv: 3 papers, saved\n"
    );
    assert_eq!(
        files(home.path()),
        ["2026-01-21.arxiv.xml", "2026-01-21.json"],
        "each source's day as it came, named by source and day"
    );
    assert!(api.seen().iter().any(|s| s.target == "/rss/cs.LG+cs.CL"));

    // One day of both sources: a paper of both is one paper, with its
    // upvotes and arXiv's facts; the replacement is not new.
    let o = paperboy(home.path(), &api.url, "2026-01-21", None, &["days"]);
    assert_eq!(
        out(&o),
        "2026-01-21\t4 papers\t3 new\thf 2 + arXiv 3 (1 replaced)\n",
        "{}",
        err(&o)
    );
    let v = json(home.path(), &api.url, &["list", "--json"]);
    let papers = v.as_array().unwrap();
    assert_eq!(papers.len(), 4);
    let both = papers.iter().find(|p| p["arxiv"] == "2601.15305").unwrap();
    assert_eq!(both["upvotes"], 42);
    assert_eq!(
        both["categories"],
        serde_json::json!(["cs.CL", "cs.AI", "cs.LG"])
    );
    assert_eq!(both["announce"], "new");
    let replaced = papers.iter().find(|p| p["arxiv"] == "2410.05434").unwrap();
    assert_eq!(replaced["announce"], "replace");

    // `--new` leaves the replacement out as the count does.
    let v = json(home.path(), &api.url, &["list", "--new", "--json"]);
    let new: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["arxiv"].as_str().unwrap())
        .collect();
    assert_eq!(new.len(), 3);
    assert!(!new.contains(&"2410.05434"), "{new:?}");
}

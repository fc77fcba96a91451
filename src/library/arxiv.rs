//! Fetching arXiv's listings into the library, kept as they came, one file
//! a day: `2026-01-21.arxiv.xml`.
//!
//! Today's announcements come from arXiv's RSS, one request for every
//! category (`{rss}/rss/cs.LG+cs.CL`); earlier days from its export API
//! (`{api}/api/query?search_query=(cat:cs.LG OR cat:cs.CL) AND
//! submittedDate:[YYYYMMDD0000 TO YYYYMMDD2359]`), asked page by page with
//! `start`/`max_results` until `opensearch:totalResults` papers came, the
//! pages' entries joined into one answer. `PAPERBOY_ARXIV_URL` puts both
//! on one other server (`{url}/rss/…`, `{url}/api/query?…`).
//!
//! arXiv's terms hold: one request at a time, each at least
//! [`SPACING`] after the last (`PAPERBOY_ARXIV_SPACING_MS` shortens it for
//! tests and mirrors), through the agent of `fetch.rs`, whose User-Agent
//! names paperboy. Its requests, retries and atomic writes are the Daily
//! Papers' (`fetch::get`, `fetch::keep`): whole or nothing.

use std::time::{Duration, Instant};

use ureq::Agent;

use super::Library;
use super::fetch::{self, BadAnswer, Failed, Got, LIMIT, Outcome, Pacer, Settings};
use crate::day::Day;
use crate::digest::{Digest, Format, Severity};

/// arXiv's RSS service.
const RSS: &str = "https://rss.arxiv.org";
/// arXiv's export API.
const API: &str = "https://export.arxiv.org";

/// The least time between two requests to arXiv (its terms ask 3 s).
pub const SPACING: Duration = Duration::from_secs(3);

/// Papers asked for one page of the API.
pub const PAGE: usize = 500;

/// The most pages a day may take (20,000 papers).
const MAX_PAGES: usize = 40;

/// The most categories one fetch asks for.
const MOST_CATEGORIES: usize = 32;

/// Why a list of categories cannot be fetched.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CategoryError {
    /// The first name that is not a category.
    #[error("{0:?} is not an arXiv category (such as cs.LG or hep-th)")]
    NotOne(String),
    #[error("more than {MOST_CATEGORIES} arXiv categories")]
    TooMany,
}

/// The categories a list names (`cs.LG,cs.CL`, or spaces between), each
/// once, in order; an error names the first that is not one.
pub fn categories<S: AsRef<str>>(list: &[S]) -> Result<Vec<String>, CategoryError> {
    let mut out: Vec<String> = Vec::new();
    for c in list
        .iter()
        .flat_map(|s| s.as_ref().split([',', ' ']))
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        if !crate::digest::is_category(c) {
            return Err(CategoryError::NotOne(c.to_owned()));
        }
        if !out.iter().any(|x| x == c) {
            out.push(c.to_owned());
        }
    }
    if out.len() > MOST_CATEGORIES {
        return Err(CategoryError::TooMany);
    }
    Ok(out)
}

/// Where and how arXiv is asked.
#[derive(Clone, Debug)]
pub struct Arxiv {
    pub categories: Vec<String>,
    /// Through the RSS service (its base is the service's).
    rss: Settings,
    /// Through the API (its base is the API's).
    api: Settings,
}

impl Arxiv {
    /// arXiv itself, or `PAPERBOY_ARXIV_URL`; the spacing from
    /// `PAPERBOY_ARXIV_SPACING_MS`; timeouts and retries as the Daily
    /// Papers' ([`Settings::from_env`]).
    pub fn from_env(categories: Vec<String>) -> Arxiv {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let spacing = var("PAPERBOY_ARXIV_SPACING_MS")
            .and_then(|v| v.trim().parse().ok())
            .map_or(SPACING, Duration::from_millis);
        let one = var("PAPERBOY_ARXIV_URL").map(|b| b.trim().trim_end_matches('/').to_owned());
        // Both services share one pacer: arXiv counts them together.
        let pacer = Pacer::new(spacing);
        let settings = |base: &str| Settings {
            base: one.clone().unwrap_or_else(|| base.to_owned()),
            pacer: Some(pacer.clone()),
            ..Settings::from_env()
        };
        Arxiv {
            categories,
            rss: settings(RSS),
            api: settings(API),
        }
    }

    /// Today's announcements of every category, in one request.
    pub fn rss_url(&self) -> String {
        format!("{}/rss/{}", self.rss.base, self.categories.join("+"))
    }

    /// The page of a day's submissions that starts at `start`.
    pub fn api_url(&self, day: Day, start: usize) -> String {
        let cats: Vec<String> = self.categories.iter().map(|c| format!("cat:{c}")).collect();
        let d = day.to_string().replace('-', "");
        format!(
            "{}/api/query?search_query=%28{}%29+AND+submittedDate:%5B{d}0000+TO+{d}2359%5D\
             &sortBy=submittedDate&sortOrder=ascending&start={start}&max_results={PAGE}",
            self.api.base,
            cats.join("+OR+")
        )
    }
}

/// Where a day of arXiv goes in the library.
pub fn path(lib: &Library, day: Day) -> std::path::PathBuf {
    lib.dir().join(format!("{day}.arxiv.xml"))
}

/// What a checked answer holds.
#[derive(Debug)]
struct Checked {
    papers: usize,
    /// The day its papers are of, when they are all of one.
    day: Option<Day>,
    /// `opensearch:totalResults`, in an API answer.
    total: Option<usize>,
}

/// Keeps an answer only when it is a feed, whole, with no error from the
/// API in it.
fn check(name: &str, body: &[u8]) -> Result<Checked, Failed> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Failed::NotFeed(BadAnswer::Empty));
    }
    let d = Digest::parse(name, body);
    match d.formats().next().and_then(|(_, f)| f) {
        Some(Format::Feed) => {}
        Some(Format::Html) => {
            return Err(Failed::NotFeed(BadAnswer::Html));
        }
        Some(other) => {
            return Err(Failed::NotFeed(BadAnswer::LooksLike(other.name())));
        }
        None => return Err(Failed::Unrecognised),
    }
    if let Some(e) = d.diagnostics.iter().find(|e| e.severity == Severity::Error) {
        return Err(Failed::NotFeed(BadAnswer::Unreadable(e.message.clone())));
    }
    let key = (!d.is_empty()).then(|| d.date_key(0));
    let one = (0..d.len()).all(|i| Some(d.date_key(i)) == key);
    Ok(Checked {
        papers: d.len(),
        day: key.and_then(Day::from_key).filter(|_| one),
        total: total_results(body),
    })
}

/// `opensearch:totalResults` of an API answer, read with the XML parser.
fn total_results(body: &[u8]) -> Option<usize> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_reader(body);
    let mut inside = false;
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf).ok()? {
            Event::Start(e) => inside = e.local_name().as_ref() == b"totalResults",
            Event::Text(t) if inside => {
                return std::str::from_utf8(&t).ok()?.trim().parse().ok();
            }
            Event::End(_) => inside = false,
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// Today's listing from the RSS: the day it is of (the day its papers
/// were announced; `today` for an empty one), and what it brought. An
/// empty feed (a weekend's, a holiday's) is no announcements.
pub fn fetch_listing(agent: &Agent, a: &Arxiv, today: Day) -> (Day, Result<Got, Failed>) {
    let got = fetch::get(agent, &a.rss, &a.rss_url(), LIMIT, Instant::now()).and_then(|body| {
        let c = check("arXiv RSS", &body)?;
        let day = c.day.filter(|&d| d <= today).unwrap_or(today);
        Ok(match c.papers {
            0 => (day, Got::Empty),
            n => (day, Got::Papers(body, n)),
        })
    });
    match got {
        Ok((day, got)) => (day, Ok(got)),
        Err(f) => (today, Err(f)),
    }
}

/// A day's submissions from the API, every page of it; any page failing
/// fails the day.
pub fn fetch_day(agent: &Agent, a: &Arxiv, day: Day) -> Result<Got, Failed> {
    let start = Instant::now();
    let mut pages: Vec<Vec<u8>> = Vec::new();
    let (mut got, mut bytes) = (0usize, 0u64);
    loop {
        let on_page = fetch::next_page(pages.len(), MAX_PAGES, PAGE)?;
        let url = a.api_url(day, got);
        let body = fetch::get(agent, &a.api, &url, LIMIT - bytes, start).map_err(&on_page)?;
        let c = check(&format!("{day}.arxiv.xml"), &body).map_err(&on_page)?;
        let Some(total) = c.total else {
            return Err(on_page(Failed::NoTotal));
        };
        // A page short of what the count promises would keep a day that
        // is not whole.
        if c.papers == 0 && got < total {
            return Err(on_page(Failed::ShortPage { total, got }));
        }
        got += c.papers;
        bytes += body.len() as u64;
        pages.push(body);
        if got >= total {
            break;
        }
    }
    if got == 0 {
        return Ok(Got::Empty);
    }
    let body = match pages.len() {
        1 => pages.pop().unwrap_or_default(),
        _ => join_pages(&pages),
    };
    // The joined answer is checked again: what is kept is what was read.
    let c = check(&format!("{day}.arxiv.xml"), &body)?;
    Ok(Got::Papers(body, c.papers))
}

/// Several pages of Atom (each a checked feed) as one: the first page, the
/// later pages' entries added before its `</feed>`.
fn join_pages(pages: &[Vec<u8>]) -> Vec<u8> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let rfind = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let first = &pages[0];
    let close = rfind(first, b"</feed>").unwrap_or(first.len());
    let mut out = first[..close].to_vec();
    for page in &pages[1..] {
        if let (Some(from), Some(to)) = (find(page, b"<entry"), rfind(page, b"</entry>")) {
            out.extend_from_slice(b"\n  ");
            out.extend_from_slice(&page[from..to + b"</entry>".len()]);
        }
    }
    out.extend_from_slice(b"\n");
    out.extend_from_slice(&first[close..]);
    out
}

/// Fetches arXiv's days into the library, one request at a time: today's
/// from the RSS (always, as it changes), the others from the API unless
/// the library holds them (or `refresh`). `done` hears of each day.
pub fn fetch_all(
    lib: &Library,
    a: &Arxiv,
    days: Vec<Day>,
    refresh: bool,
    today: Day,
    done: &dyn Fn(Day, &Outcome),
) -> Vec<(Day, Outcome)> {
    let agent = fetch::agent(&a.api);
    let mut results = Vec::new();
    let mut listed = None;
    if days.contains(&today) {
        let (day, got) = fetch_listing(&agent, a, today);
        let outcome = fetch::keep(lib, &path(lib, day), got);
        listed = Some(day);
        done(day, &outcome);
        results.push((day, outcome));
    }
    for day in days {
        if day == today || Some(day) == listed {
            continue;
        }
        let file = path(lib, day);
        let outcome = if file.exists() && !refresh {
            Outcome::Kept
        } else {
            fetch::keep(lib, &file, fetch_day(&agent, a, day))
        };
        done(day, &outcome);
        results.push((day, outcome));
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    const API_ANSWER: &str = include_str!("../../tests/fixtures/arxiv-api.xml");

    #[test]
    fn categories_are_checked_and_kept_once() {
        assert_eq!(
            categories(&["cs.LG,cs.CL", " cs.LG hep-th"]).unwrap(),
            ["cs.LG", "cs.CL", "hep-th"]
        );
        assert_eq!(
            categories(&["cs.LG,../etc"]).unwrap_err().to_string(),
            "\"../etc\" is not an arXiv category (such as cs.LG or hep-th)"
        );
        assert!(categories::<&str>(&[]).unwrap().is_empty());
    }

    #[test]
    fn urls_name_every_category_and_the_day() {
        let a = Arxiv {
            categories: vec!["cs.LG".into(), "cs.CL".into()],
            rss: Settings {
                base: "http://m".into(),
                ..Settings::from_env()
            },
            api: Settings {
                base: "http://m".into(),
                ..Settings::from_env()
            },
        };
        assert_eq!(a.rss_url(), "http://m/rss/cs.LG+cs.CL");
        let day = Day::parse("2026-01-20").unwrap();
        assert_eq!(
            a.api_url(day, 500),
            "http://m/api/query?search_query=%28cat:cs.LG+OR+cat:cs.CL%29+AND+\
             submittedDate:%5B202601200000+TO+202601202359%5D\
             &sortBy=submittedDate&sortOrder=ascending&start=500&max_results=500"
        );
    }

    #[test]
    fn answers_are_checked_and_pages_joined() {
        let c = check("a", API_ANSWER.as_bytes()).unwrap();
        assert_eq!((c.papers, c.total), (2, Some(1712)));
        let e = check(
            "a",
            include_bytes!("../../tests/fixtures/arxiv-api-error.xml"),
        );
        assert!(e.unwrap_err().to_string().contains("incorrect id format"));
        let e = check("a", b"<!DOCTYPE html><html><body>Busy</body></html>");
        assert!(e.unwrap_err().to_string().contains("HTML"));
        assert!(check("a", b"  \n").is_err());
        let cut = &API_ANSWER.as_bytes()[..API_ANSWER.len() / 2];
        assert!(check("a", cut).is_err(), "a cut answer is not kept");
        let joined = join_pages(&[API_ANSWER.into(), API_ANSWER.into()]);
        let d = Digest::parse("j", &joined);
        assert!(!d.has_errors(), "{:?}", d.diagnostics);
        // The same two papers twice: merged, each read twice.
        assert_eq!(d.len(), 2);
        assert_eq!(d.papers()[0].also.len(), 1);
        assert_eq!(total_results(&joined), Some(1712));
    }
}

//! Downloading days of the Daily Papers into the library: the one place
//! paperboy speaks HTTP (`GET {base}/api/daily_papers?date=YYYY-MM-DD&limit=50&p=N`).
//!
//! The API answers at most `limit` papers a request, so a day is asked for
//! page by page (`p` from 0) until a page comes back short; the pages' items
//! are joined into one array. A day's answer is written only once every page
//! has been read whole and parses as the API's JSON, atomically (temp,
//! fsync, rename), and not at all when the file already holds the same
//! bytes: a failure never leaves a partial or invalid file, and two fetches
//! at once leave a valid library.

use std::io::Read;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use ureq::Agent;

use super::Library;
use crate::day::Day;
use crate::digest::{Digest, Format};

/// Where and how to fetch.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `https://huggingface.co`, or `$PAPERBOY_API_URL`.
    pub base: String,
    pub connect_timeout: Duration,
    /// For a whole request, the body included.
    pub timeout: Duration,
    /// Tries after the first, on 429 and 5xx.
    pub retries: u32,
    /// The wait before the first retry (doubled each time) when the server
    /// does not say how long (`Retry-After`).
    pub backoff: Duration,
    /// Requests through these settings take turns, spaced (arXiv asks it).
    pub pacer: Option<Arc<Pacer>>,
}

/// One request at a time, each at least `gap` after the last one ended:
/// arXiv's terms for its API and feeds.
#[derive(Debug)]
pub struct Pacer {
    gap: Duration,
    last: Mutex<Option<Instant>>,
}

/// A request's turn: while it is held no other request of its pacer
/// starts; when it ends, the next waits a gap from then.
struct Turn<'a>(MutexGuard<'a, Option<Instant>>);

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *self.0 = Some(Instant::now());
    }
}

impl Pacer {
    pub fn new(gap: Duration) -> Arc<Pacer> {
        Arc::new(Pacer {
            gap,
            last: Mutex::new(None),
        })
    }

    /// Waits for the turn: the request before has ended and a gap passed.
    fn turn(&self) -> Turn<'_> {
        let last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(at) = *last {
            std::thread::sleep(self.gap.saturating_sub(at.elapsed()));
        }
        Turn(last)
    }
}

impl Settings {
    /// The defaults, with `PAPERBOY_API_URL` and (for tests)
    /// `PAPERBOY_HTTP_TIMEOUT` / `PAPERBOY_RETRY_DELAY_MS` from the
    /// environment.
    pub fn from_env() -> Settings {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let secs = |name: &str| {
            var(name)
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|s| *s > 0.0)
        };
        Settings {
            base: var("PAPERBOY_API_URL").map_or_else(
                || "https://huggingface.co".to_owned(),
                |b| b.trim_end_matches('/').to_owned(),
            ),
            connect_timeout: Duration::from_secs(10),
            timeout: secs("PAPERBOY_HTTP_TIMEOUT")
                .map_or(Duration::from_secs(30), Duration::from_secs_f64),
            retries: 3,
            backoff: var("PAPERBOY_RETRY_DELAY_MS")
                .and_then(|v| v.parse().ok())
                .map_or(Duration::from_secs(1), Duration::from_millis),
            pacer: None,
        }
    }

    /// The `page`th page (from 0) of a day's papers.
    pub fn url(&self, day: Day, page: usize) -> String {
        format!(
            "{}/api/daily_papers?date={day}&limit={PAGE}&p={page}",
            self.base
        )
    }
}

/// The agent every request goes through: timeouts, the proxy from
/// `HTTPS_PROXY` / `ALL_PROXY`, a `User-Agent` naming paperboy.
pub fn agent(s: &Settings) -> Agent {
    Agent::config_builder()
        .timeout_connect(Some(s.connect_timeout.min(s.timeout)))
        .timeout_global(Some(s.timeout))
        .http_status_as_error(false)
        .proxy(ureq::Proxy::try_from_env())
        .user_agent(format!(
            "paperboy/{} (terminal reader of research-paper digests)",
            crate::VERSION
        ))
        .build()
        .into()
}

/// What fetching one day brought.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Got {
    /// The day's papers: the JSON as received, and how many.
    Papers(Vec<u8>, usize),
    /// The day has no papers (yet).
    Empty,
}

/// Why a day could not be had; each says itself in one line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Failed {
    /// The server answered, but not with success (after `retries` more
    /// tries, for a status worth retrying).
    #[error("{}", http_status(*status, reason, *retries))]
    Status {
        status: u16,
        reason: &'static str,
        retries: u32,
    },
    /// The answer (all its pages together) was over the limit.
    #[error("the answer is over {mb} MB")]
    TooLarge { mb: u64 },
    #[error("more than {most} pages of {per_page} papers; the day was not kept")]
    TooManyPages { most: usize, per_page: usize },
    /// A page after the first failed (the first page's failure is the
    /// day's).
    #[error("page {page}: {why}")]
    OnPage { page: usize, why: Box<Failed> },
    #[error("cannot resolve {host} (offline, or DNS failed)")]
    Dns { host: String },
    #[error("cannot connect to {host} (offline?)")]
    NoConnection { host: String },
    #[error("cannot connect to {host}: connection refused (offline?)")]
    Refused { host: String },
    #[error("no answer from {host} within {} s", within.as_secs_f64())]
    Timeout { host: String, within: Duration },
    #[error("TLS with {host} failed: {why}")]
    Tls { host: String, why: String },
    /// Any other failure of the request, in the HTTP client's words.
    #[error("request to {host} failed: {why}")]
    Request { host: String, why: String },
    #[error("the answer was cut short")]
    CutShort,
    #[error("the answer did not come in time")]
    Late,
    #[error("reading the answer failed: {why}")]
    Reading { why: String },
    /// The Daily Papers API answered with something else than its JSON.
    #[error("not JSON: {0}")]
    NotJson(BadAnswer),
    /// arXiv answered with something else than a feed.
    #[error("not a feed: {0}")]
    NotFeed(BadAnswer),
    /// arXiv answered with something no reader knows.
    #[error("not a feed")]
    Unrecognised,
    #[error("not arXiv's API: the answer gives no opensearch:totalResults")]
    NoTotal,
    /// A page of arXiv's API came empty before the count was reached.
    #[error("arXiv's API counts {total} papers but sent {got}")]
    ShortPage { total: usize, got: usize },
    /// The day could not be written into the library.
    #[error("cannot write {}: {why}", path.display())]
    Write {
        path: std::path::PathBuf,
        why: String,
    },
}

/// What was wrong with an answer that came whole.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadAnswer {
    #[error("the answer is empty")]
    Empty,
    #[error("the server sent an HTML page")]
    Html,
    #[error("the answer is not a list of papers")]
    NotPapers,
    /// Another format paperboy reads (named).
    #[error("the answer looks like {0}")]
    LooksLike(&'static str),
    /// What the reader of its format found wrong with it.
    #[error("{0}")]
    Unreadable(String),
}

/// `HTTP 503 Service Unavailable (after 2 retries)`; a status without a
/// reason keeps one space.
fn http_status(status: u16, reason: &str, retries: u32) -> String {
    let tries = if retries > 0 {
        format!(" (after {retries} retries)")
    } else {
        String::new()
    };
    format!("HTTP {status} {reason}{tries}").replace("  ", " ")
}

/// The most a day's answer may be, all its pages together.
pub(super) const LIMIT: u64 = 64 << 20;

/// The longest wait a `Retry-After` gets.
const MOST_WAIT: Duration = Duration::from_secs(60);
/// The longest one day's fetch may take, its requests, retries and waits
/// all told: each request's timeout is cut to what is left of it, and no
/// retry is waited for that would end past it.
const DAY_BUDGET: Duration = Duration::from_secs(120);

/// How long to wait before retry `attempt` (0-based): what the server asked
/// (`Retry-After` in seconds), at most [`MOST_WAIT`], else the backoff
/// doubled per attempt.
fn retry_wait(retry_after: Option<&str>, attempt: u32, backoff: Duration) -> Duration {
    match retry_after.and_then(|v| v.trim().parse::<u64>().ok()) {
        Some(secs) => Duration::from_secs(secs).min(MOST_WAIT),
        None => backoff
            .saturating_mul(2u32.saturating_pow(attempt))
            .min(MOST_WAIT),
    }
}

/// Papers asked for a page: the API's default, which every server answers.
pub const PAGE: usize = 50;

/// The most pages a day may take (5,000 papers): a server that never sends
/// a short page cannot keep paperboy asking forever.
const MAX_PAGES: usize = 100;

/// Fetches one day, every page of it, retrying each on 429 and 5xx as the
/// server asks. Any page failing fails the day.
pub fn fetch_day(agent: &Agent, s: &Settings, day: Day) -> Result<Got, Failed> {
    let mut pages: Vec<Vec<u8>> = Vec::new();
    let mut total = 0u64;
    let mut first = Got::Empty;
    let start = std::time::Instant::now();
    loop {
        let n = pages.len();
        let on_page = next_page(n, MAX_PAGES, PAGE)?;
        let body = get(agent, s, &s.url(day, n), LIMIT - total, start).map_err(&on_page)?;
        let got = check(day, &body).map_err(&on_page)?;
        let items = match got {
            Got::Empty => 0,
            Got::Papers(..) => item_count(&body),
        };
        if n == 0 {
            first = got;
        }
        total += body.len() as u64;
        if items > 0 || n == 0 {
            pages.push(body);
        }
        if items < PAGE {
            break;
        }
    }
    if pages.len() == 1 {
        // One page is kept exactly as received.
        return Ok(with_body(first, pages.pop().unwrap_or_default()));
    }
    let body = join_pages(&pages);
    check(day, &body).map(|got| with_body(got, body))
}

/// Before page `n` (from 0) of a day, at most `most` pages of `per_page`
/// papers: an error past the last, else what names the page in a
/// failure (the first page's failure is the day's).
pub(super) fn next_page(
    n: usize,
    most: usize,
    per_page: usize,
) -> Result<impl Fn(Failed) -> Failed, Failed> {
    if n == most {
        return Err(Failed::TooManyPages { most, per_page });
    }
    Ok(move |f: Failed| match n {
        0 => f,
        _ => Failed::OnPage {
            page: n + 1,
            why: Box::new(f),
        },
    })
}

fn with_body(got: Got, body: Vec<u8>) -> Got {
    match got {
        Got::Papers(_, n) => Got::Papers(body, n),
        Got::Empty => Got::Empty,
    }
}

/// How many items a checked answer (a JSON array) holds.
fn item_count(body: &[u8]) -> usize {
    serde_json::from_slice::<Vec<serde::de::IgnoredAny>>(body).map_or(0, |v| v.len())
}

/// The items of several pages (each a checked JSON array) as one array.
fn join_pages(pages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pages.iter().map(Vec::len).sum::<usize>() + 2);
    out.push(b'[');
    for page in pages {
        let open = page.iter().position(|&b| b == b'[').map_or(0, |i| i + 1);
        let close = page.iter().rposition(|&b| b == b']').unwrap_or(page.len());
        let inner = page[open..close.max(open)].trim_ascii();
        if inner.is_empty() {
            continue;
        }
        if out.len() > 1 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(inner);
    }
    out.push(b']');
    out
}

/// One request's body, at most `limit` bytes, retrying on 429 and 5xx.
/// `start` is when the day's fetch began: all its pages share one budget.
/// Each try waits its turn when the settings are paced.
pub(super) fn get(
    agent: &Agent,
    s: &Settings,
    url: &str,
    limit: u64,
    start: Instant,
) -> Result<Vec<u8>, Failed> {
    let mut attempt = 0;
    loop {
        let turn = s.pacer.as_deref().map(Pacer::turn);
        let left = DAY_BUDGET.saturating_sub(start.elapsed());
        let mut resp = agent
            .get(url)
            .config()
            .timeout_global(Some(s.timeout.min(left)))
            .build()
            .call()
            .map_err(|e| describe(&e, s))?;
        let status = resp.status().as_u16();
        let retry = status == 429 || (500..600).contains(&status);
        let asked = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok());
        let wait = retry_wait(asked, attempt, s.backoff);
        if retry && attempt < s.retries && start.elapsed() + wait < DAY_BUDGET {
            drop(turn);
            std::thread::sleep(wait);
            attempt += 1;
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(Failed::Status {
                status,
                reason: resp.status().canonical_reason().unwrap_or(""),
                retries: attempt,
            });
        }
        let mut body = Vec::new();
        resp.body_mut()
            .as_reader()
            .take(limit + 1)
            .read_to_end(&mut body)
            .map_err(|e| cut_short(&e))?;
        drop(turn);
        if body.len() as u64 > limit {
            return Err(Failed::TooLarge { mb: LIMIT >> 20 });
        }
        return Ok(body);
    }
}

/// Keeps an answer only when it is the API's JSON, whole. The papers it
/// gives carry no body: the caller holds it.
fn check(day: Day, body: &[u8]) -> Result<Got, Failed> {
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    match start.map(|i| body[i]) {
        Some(b'[') => {}
        Some(b'<') => return Err(Failed::NotJson(BadAnswer::Html)),
        None => return Err(Failed::NotJson(BadAnswer::Empty)),
        _ => return Err(Failed::NotJson(BadAnswer::NotPapers)),
    }
    let d = Digest::parse_as(&format!("{day}.json"), body, Format::Json);
    // An empty list is a day with no papers (yet), not a bad answer.
    if d.is_empty() && serde_json::from_slice::<[(); 0]>(body).is_ok() {
        return Ok(Got::Empty);
    }
    if let Some(e) = d
        .diagnostics
        .iter()
        .find(|d| d.severity == crate::digest::Severity::Error)
    {
        return Err(Failed::NotJson(BadAnswer::Unreadable(e.message.clone())));
    }
    Ok(Got::Papers(Vec::new(), d.len()))
}

/// The host (and port) of a URL, for a message: never the user name or
/// password a URL may carry (`https://user:token@mirror`).
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host)
}

/// Whether an I/O error is a failed name lookup (std's resolver reports it
/// as an uncategorised error with the system's words).
fn is_dns_failure(e: &std::io::Error) -> bool {
    let text = e.to_string().to_lowercase();
    [
        "lookup address",
        "name or service not known",
        "nodename nor servname",
        "name resolution",
        "no such host",
        "no address associated",
    ]
    .iter()
    .any(|m| text.contains(m))
}

/// Why a request failed, with any credentials the URL carries taken out
/// of the client's own words (they may quote the URL).
fn describe(e: &ureq::Error, s: &Settings) -> Failed {
    let rest = s.base.split_once("://").map_or(s.base.as_str(), |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let hide = |text: String| match authority.rsplit_once('@') {
        Some((user, _)) if !user.is_empty() => text.replace(user, "…"),
        _ => text,
    };
    let host = host_of(&s.base).to_owned();
    let timeout = |host| Failed::Timeout {
        host,
        within: s.timeout,
    };
    match e {
        ureq::Error::HostNotFound => Failed::Dns { host },
        ureq::Error::Io(io) if is_dns_failure(io) => Failed::Dns { host },
        ureq::Error::ConnectionFailed => Failed::NoConnection { host },
        ureq::Error::Timeout(_) => timeout(host),
        ureq::Error::Tls(why) => Failed::Tls {
            host,
            why: hide(why.to_string()),
        },
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => Failed::Refused { host },
            std::io::ErrorKind::TimedOut => timeout(host),
            _ => match cut_short(io) {
                Failed::Reading { why } => Failed::Reading { why: hide(why) },
                f => f,
            },
        },
        other => {
            let why = hide(other.to_string());
            if why.to_lowercase().contains("tls") || why.to_lowercase().contains("certificate") {
                Failed::Tls { host, why }
            } else {
                Failed::Request { host, why }
            }
        }
    }
}

fn cut_short(e: &std::io::Error) -> Failed {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => Failed::CutShort,
        std::io::ErrorKind::TimedOut => Failed::Late,
        _ if e.to_string().to_lowercase().contains("timeout") => Failed::Late,
        _ => Failed::Reading { why: e.to_string() },
    }
}

/// What happened to a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Written: the day is new, or it changed.
    Saved(usize),
    /// Fetched again; the library already held the same bytes.
    Unchanged(usize),
    /// In the library already, so not fetched.
    Kept,
    /// No papers that day (yet).
    NoPapers,
    Failed(Failed),
}

impl Outcome {
    /// Whether the day is in the library now (or has nothing to hold).
    pub fn had(&self) -> bool {
        !matches!(self, Outcome::Failed(_))
    }
}

/// Fetches a day into the library (see the module comment for when it is
/// fetched and written).
pub fn fetch_into(
    lib: &Library,
    agent: &Agent,
    s: &Settings,
    day: Day,
    refresh: bool,
    today: Day,
) -> Outcome {
    let path = lib.day_path(day);
    if path.exists() && !refresh && day != today {
        return Outcome::Kept;
    }
    keep(lib, &path, fetch_day(agent, s, day))
}

/// Keeps what a fetch brought at `path`: written atomically when it is
/// new or changed, else left as it is.
pub(super) fn keep(lib: &Library, path: &std::path::Path, got: Result<Got, Failed>) -> Outcome {
    match got {
        Ok(Got::Empty) => Outcome::NoPapers,
        Ok(Got::Papers(body, n)) => {
            if std::fs::read(path).is_ok_and(|old| old == body) {
                return Outcome::Unchanged(n);
            }
            let written = std::fs::create_dir_all(lib.dir()).and_then(|()| {
                crate::store::atomic::write(path, &body, crate::store::atomic::Mode::Shared)
            });
            match written {
                Ok(()) => Outcome::Saved(n),
                Err(e) => Outcome::Failed(Failed::Write {
                    path: path.to_owned(),
                    why: e.to_string(),
                }),
            }
        }
        Err(f) => Outcome::Failed(f),
    }
}

/// Fetches `days`, at most four at once; `done` hears of each as it ends.
pub fn fetch_all(
    lib: &Library,
    s: &Settings,
    days: Vec<Day>,
    refresh: bool,
    today: Day,
    done: &(dyn Fn(Day, &Outcome) + Sync),
) -> Vec<(Day, Outcome)> {
    let agent = agent(s);
    crate::par::map(days, 4, |day| {
        let outcome = fetch_into(lib, &agent, s, day, refresh, today);
        done(day, &outcome);
        (day, outcome)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_capped() {
        let b = Duration::from_millis(100);
        assert_eq!(retry_wait(Some("999999"), 0, b), MOST_WAIT);
        assert_eq!(retry_wait(Some(" 2 "), 0, b), Duration::from_secs(2));
        assert_eq!(retry_wait(None, 2, b), Duration::from_millis(400));
        assert_eq!(retry_wait(Some("soon"), 40, b), MOST_WAIT);
        // However long the server asks, at most one capped wait fits a
        // day's budget beside the request.
        assert!(MOST_WAIT < DAY_BUDGET && MOST_WAIT * 2 >= DAY_BUDGET);
    }

    #[test]
    fn messages_never_carry_credentials_and_say_what_dns_did() {
        assert_eq!(
            host_of("https://user:s3cret@mirror.org:8443/x?y"),
            "mirror.org:8443"
        );
        assert_eq!(host_of("http://127.0.0.1:9/"), "127.0.0.1:9");
        let s = Settings {
            base: "https://me:tok@nowhere.invalid".into(),
            ..Settings::from_env()
        };
        let dns = std::io::Error::other(
            "failed to lookup address information: Name or service not known",
        );
        let line = describe(&ureq::Error::Io(dns), &s).to_string();
        assert_eq!(
            line,
            "cannot resolve nowhere.invalid (offline, or DNS failed)"
        );
        let line = describe(&ureq::Error::ConnectionFailed, &s).to_string();
        assert!(!line.contains("tok"), "{line}");
    }

    /// Each kind of failure says what the string it replaced said (the
    /// messages `fetch` prints, and tests elsewhere read).
    #[test]
    fn each_failure_says_itself_in_one_line() {
        let host = || "api.example:8443".to_owned();
        let cases = [
            (
                Failed::Status {
                    status: 503,
                    reason: "Service Unavailable",
                    retries: 2,
                },
                "HTTP 503 Service Unavailable (after 2 retries)",
            ),
            (
                Failed::Status {
                    status: 599,
                    reason: "",
                    retries: 1,
                },
                "HTTP 599 (after 1 retries)",
            ),
            (
                Failed::Status {
                    status: 404,
                    reason: "Not Found",
                    retries: 0,
                },
                "HTTP 404 Not Found",
            ),
            (
                Failed::OnPage {
                    page: 3,
                    why: Box::new(Failed::TooLarge { mb: 64 }),
                },
                "page 3: the answer is over 64 MB",
            ),
            (
                Failed::Timeout {
                    host: host(),
                    within: Duration::from_millis(1500),
                },
                "no answer from api.example:8443 within 1.5 s",
            ),
            (
                Failed::Refused { host: host() },
                "cannot connect to api.example:8443: connection refused (offline?)",
            ),
            (
                Failed::NotFeed(BadAnswer::LooksLike("JSON")),
                "not a feed: the answer looks like JSON",
            ),
            (
                Failed::NotJson(BadAnswer::Unreadable("line 2: x".into())),
                "not JSON: line 2: x",
            ),
            (
                Failed::TooManyPages {
                    most: 100,
                    per_page: 50,
                },
                "more than 100 pages of 50 papers; the day was not kept",
            ),
            (
                Failed::ShortPage { total: 9, got: 4 },
                "arXiv's API counts 9 papers but sent 4",
            ),
        ];
        for (failed, says) in cases {
            assert_eq!(failed.to_string(), says);
        }
    }

    #[test]
    fn answers_are_checked_before_they_are_kept() {
        let day = Day::parse("2024-10-07").unwrap();
        let ok = br#"[{"paper": {"id": "2410.05434", "title": "T", "summary": "S."}}]"#.to_vec();
        assert_eq!(check(day, &ok), Ok(Got::Papers(Vec::new(), 1)));
        assert_eq!(check(day, b" []\n"), Ok(Got::Empty));
        assert!(
            check(day, b"<!doctype html><p>Hi")
                .unwrap_err()
                .to_string()
                .contains("HTML")
        );
        assert!(
            check(day, b"[{\"paper\": ")
                .unwrap_err()
                .to_string()
                .starts_with("not JSON")
        );
        assert!(
            check(day, b"{\"error\": \"x\"}")
                .unwrap_err()
                .to_string()
                .contains("not a list")
        );
        assert!(check(day, b"").is_err());
    }

    #[test]
    fn pages_join_into_one_array() {
        let joined = join_pages(&[
            b"[{\"a\": 1},\n{\"b\": [2]}]\n".to_vec(),
            b" [ {\"c\": 3} ] ".to_vec(),
            b"[]".to_vec(),
        ]);
        let v: serde_json::Value = serde_json::from_slice(&joined).unwrap();
        assert_eq!(v, serde_json::json!([{"a": 1}, {"b": [2]}, {"c": 3}]));
        assert_eq!(item_count(&joined), 3);
    }
}

//! A Daily Papers API on 127.0.0.1 for the fetch tests: each request's
//! answer comes from a script, and every request is logged.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server does with a request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with this body, as JSON.
    Json(Vec<u8>),
    /// This status, with a small body.
    Status(u16),
    /// 429 Too Many Requests, asking for a wait of this many seconds.
    RetryAfter(u64),
    /// 200 with an HTML page.
    Html,
    /// Reads the request and never answers.
    Hang,
    /// Promises this body, sends half of it and closes.
    Cut(Vec<u8>),
}

/// A request the server saw.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The request target as sent (a path, or a whole URL through a proxy).
    pub target: String,
    /// Where a proxy was asked to CONNECT to first, if it was.
    pub tunnel: Option<String>,
    /// The `date` asked for.
    pub date: String,
    pub headers: HashMap<String, String>,
    pub at: Instant,
}

type Script = dyn Fn(&str, usize) -> Reply + Send + Sync;

pub struct Server {
    pub url: String,
    pub port: u16,
    log: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts a server that answers the `n`th request (from 0) for a date
    /// with `script(date, n)`.
    pub fn start(script: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> Server {
        Server::start_targets(move |target, n| {
            // A PDF request (`/pdf/ID`) is keyed by its id, as a day by its date.
            let key = param(target, "date").or_else(|| pdf_id(target));
            script(&key.unwrap_or_default(), n)
        })
    }

    /// Starts a server that answers the `n`th request (from 0) for a date
    /// with `script(target, n)`: for answers that depend on more than the
    /// date (its pages).
    pub fn start_targets(script: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let server_log = Arc::clone(&log);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (log, script) = (Arc::clone(&server_log), Arc::clone(&script));
                std::thread::spawn(move || answer(stream, &log, &*script));
            }
        });
        Server {
            url: format!("http://127.0.0.1:{port}"),
            port,
            log,
        }
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }

    /// The requests for one date.
    pub fn seen_for(&self, date: &str) -> Vec<Seen> {
        self.seen().into_iter().filter(|s| s.date == date).collect()
    }
}

fn answer(stream: TcpStream, log: &Mutex<Vec<Seen>>, script: &Script) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    let mut tunnel = None;
    let (target, headers) = loop {
        let Some((method, target, headers)) = read_request(&mut reader) else {
            return;
        };
        if method != "CONNECT" {
            break (target, headers);
        }
        // A proxy's tunnel: say yes, then read the request sent through it.
        if out
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .is_err()
        {
            return;
        }
        tunnel = Some(target);
    };
    let date = param(&target, "date")
        .or_else(|| pdf_id(&target))
        .unwrap_or_default();
    let n = {
        let mut log = log.lock().unwrap();
        let n = log.iter().filter(|s| s.date == date).count();
        log.push(Seen {
            target: target.clone(),
            tunnel,
            date: date.clone(),
            headers,
            at: Instant::now(),
        });
        n
    };
    let reply = if target.contains("/api/daily_papers") || target.contains("/pdf/") {
        script(&target, n)
    } else {
        Reply::Status(404)
    };
    let _ = match reply {
        Reply::Json(body) => send(&mut out, "200 OK", "application/json", &[], &body),
        Reply::Status(code) => send(
            &mut out,
            &format!("{code} Oops"),
            "text/plain",
            &[],
            b"oops",
        ),
        Reply::RetryAfter(secs) => send(
            &mut out,
            "429 Too Many Requests",
            "text/plain",
            &[format!("Retry-After: {secs}")],
            b"slow down",
        ),
        Reply::Html => send(
            &mut out,
            "200 OK",
            "text/html",
            &[],
            b"<!DOCTYPE html><html><body>Please sign in</body></html>",
        ),
        Reply::Hang => {
            std::thread::sleep(Duration::from_secs(120));
            Ok(())
        }
        Reply::Cut(body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            out.write_all(head.as_bytes())
                .and_then(|()| out.write_all(&body[..body.len() / 2]))
                .and_then(|()| out.flush())
        }
    };
}

/// The value of a query parameter of a request target.
/// The id a PDF request (`/pdf/ID`) asks for.
pub fn pdf_id(target: &str) -> Option<String> {
    let (_, rest) = target.split_once("/pdf/")?;
    Some(rest.split(['&', '?']).next().unwrap_or(rest).to_owned())
}

pub fn param(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

/// The page a target asks for (`limit`, at most `most`, and `p` from 0) of
/// a day's JSON array, as the API pages it.
pub fn page_of(day: &[u8], target: &str, most: usize) -> Reply {
    let items: Vec<serde_json::Value> = serde_json::from_slice(day).unwrap();
    let number =
        |name: &str, default: usize| param(target, name).map_or(default, |v| v.parse().unwrap());
    let limit = number("limit", 50).min(most);
    let p = number("p", 0);
    let page: Vec<&serde_json::Value> = items.iter().skip(p * limit).take(limit).collect();
    Reply::Json(serde_json::to_vec(&page).unwrap())
}

/// The request line's method and target, and the headers.
fn read_request(
    reader: &mut BufReader<TcpStream>,
) -> Option<(String, String, HashMap<String, String>)> {
    let mut request = String::new();
    reader.read_line(&mut request).ok()?;
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let mut words = request.split_whitespace();
    let method = words.next()?.to_owned();
    Some((method, words.next()?.to_owned(), headers))
}

fn send(
    out: &mut TcpStream,
    status: &str,
    kind: &str,
    extra: &[String],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for h in extra {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}

/// The paperboy binary with its config in `config` and its data in
/// `data`, stdin closed, to run `args`: what every test's runner starts
/// from.
pub fn binary(
    config: &std::path::Path,
    data: &std::path::Path,
    args: &[&str],
) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_paperboy"));
    c.args(args)
        .env("PAPERBOY_CONFIG_DIR", config)
        .env("PAPERBOY_DATA_DIR", data)
        .stdin(std::process::Stdio::null());
    c
}

/// The binary on `home`: config in `home/config`, data in `home/data`.
pub fn at_home(home: &std::path::Path, args: &[&str]) -> std::process::Command {
    binary(&home.join("config"), &home.join("data"), args)
}

/// paperboy on `home` (config in `home/config`, library in `home/data`)
/// against the API at `api`, on the day `today`, with short timeouts and
/// no proxy from the environment.
pub fn command(
    home: &std::path::Path,
    api: &str,
    today: &str,
    args: &[&str],
) -> std::process::Command {
    let mut c = at_home(home, args);
    c.env("PAPERBOY_API_URL", api)
        .env("PAPERBOY_TODAY", today)
        .env("PAPERBOY_HTTP_TIMEOUT", "2")
        .env("PAPERBOY_RETRY_DELAY_MS", "50");
    for var in [
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        c.env_remove(var);
    }
    c
}

/// Generated days of the API's JSON, by date, `per_day` papers each, the
/// last on `last` (YYYY-MM-DD).
pub fn api_days(days: usize, per_day: usize, last: &str) -> HashMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let last = paperboy::day::Day::parse(last).unwrap();
    paperboy::synth::write_library(dir.path(), days, per_day, last).unwrap();
    std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let date = p.file_stem().unwrap().to_str().unwrap().to_owned();
            (date, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// paperboy run in `home` (its working directory; its config in
/// `home/config`, its data in `home/data`), 80 columns wide, `stdin`
/// written to it.
pub fn run_in(home: &std::path::Path, args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    use std::process::Stdio;
    let mut child = at_home(home, args)
        .current_dir(home)
        .env("COLUMNS", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let _ = input.write_all(stdin.unwrap_or_default());
    drop(input);
    child.wait_with_output().unwrap()
}

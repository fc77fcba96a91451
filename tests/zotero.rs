//! `paperboy zotero` against a fake Zotero connector on 127.0.0.1 that
//! records what it was sent.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};

/// A connector: answers ping with 200 and import with `import_status`,
/// keeping each request's method, path and body.
struct Connector {
    url: String,
    seen: Arc<Mutex<Vec<(String, String, String)>>>,
}

impl Connector {
    fn start(import_status: u16) -> Connector {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut out) = stream else { continue };
                let mut r = BufReader::new(out.try_clone().unwrap());
                let mut line = String::new();
                r.read_line(&mut line).unwrap();
                let mut words = line.split_whitespace();
                let (method, path) = (
                    words.next().unwrap_or("").to_owned(),
                    words.next().unwrap_or("").to_owned(),
                );
                let mut length = 0;
                loop {
                    let mut h = String::new();
                    if r.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                        break;
                    }
                    if let Some((k, v)) = h.split_once(':')
                        && k.eq_ignore_ascii_case("content-length")
                    {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                r.read_exact(&mut body).unwrap();
                let status = if path.ends_with("/import") {
                    import_status
                } else {
                    200
                };
                log.lock()
                    .unwrap()
                    .push((method, path, String::from_utf8(body).unwrap()));
                let answer = "[]";
                let _ = write!(
                    out,
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            }
        });
        Connector { url, seen }
    }

    fn seen(&self) -> Vec<(String, String, String)> {
        self.seen.lock().unwrap().clone()
    }
}

fn paperboy(home: &Path, zotero: &str, args: &[&str]) -> Output {
    common::at_home(home, args)
        .env("PAPERBOY_ZOTERO_URL", zotero)
        .env("PAPERBOY_HTTP_TIMEOUT", "2")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn saved_papers_go_to_zotero_once_as_valid_bibtex() {
    let home = tempfile::tempdir().unwrap();
    let daily = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/daily.json");
    let saved = paperboy(
        home.path(),
        "",
        &["save", "--digest", daily, "2410.05434", "2410.02012"],
    );
    assert!(saved.status.success(), "{}", text(&saved.stderr));
    paperboy(home.path(), "", &["note", "2410.05434", "read §3 first"]);
    let zotero = Connector::start(201);
    let o = paperboy(home.path(), &zotero.url, &["zotero", "2410.05434"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "sent 1 paper to Zotero\n");
    let seen = zotero.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(
        (seen[0].0.as_str(), seen[0].1.as_str()),
        ("GET", "/connector/ping")
    );
    assert_eq!(
        (seen[1].0.as_str(), seen[1].1.as_str()),
        ("POST", "/connector/import")
    );
    // What Zotero received is BibTeX that parses, with the paper's identity.
    let bib = biblatex::Bibliography::parse(&seen[1].2).unwrap();
    assert_eq!(bib.len(), 1);
    let e = bib.iter().next().unwrap();
    let field = |name: &str| {
        let chunks = e
            .fields
            .get(name)
            .unwrap_or_else(|| panic!("no {name} in {}", seen[1].2));
        chunks
            .iter()
            .map(|c| match &c.v {
                biblatex::Chunk::Normal(s) | biblatex::Chunk::Verbatim(s) => s.clone(),
                other => format!("{other:?}"),
            })
            .collect::<String>()
    };
    assert!(field("title").starts_with("Dr. Kernel"));
    assert_eq!(field("eprint"), "2410.05434");
    assert_eq!(field("url"), "https://arxiv.org/abs/2410.05434");
    assert!(field("author").contains("Wei Liu"));
    assert!(field("abstract").starts_with("High-quality kernels"));
    assert_eq!(field("note"), "read §3 first");
    // The whole list: the paper sent before is said so and not sent again.
    let o = paperboy(home.path(), &zotero.url, &["zotero"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stdout),
        "already sent to Zotero: Dr. Kernel: Reinforcement Learning Done Right for Triton Kernel Generations\nsent 1 paper to Zotero\n"
    );
    let again = paperboy(home.path(), &zotero.url, &["zotero"]);
    assert!(
        text(&again.stdout).ends_with("nothing new to send\n"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(zotero.seen().len(), 4, "the third run asked Zotero nothing");
}

#[test]
fn zotero_not_running_or_refusing_is_one_line() {
    let home = tempfile::tempdir().unwrap();
    let daily = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/daily.json");
    paperboy(home.path(), "", &["save", "--digest", daily, "2410.05434"]);
    // A port nothing listens on.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}", closed.local_addr().unwrap().port());
    drop(closed);
    let o = paperboy(home.path(), &url, &["zotero"]);
    assert_eq!(o.status.code(), Some(1));
    let port = url.rsplit(':').next().unwrap();
    assert_eq!(
        text(&o.stderr),
        format!("paperboy: Zotero is not running on 127.0.0.1:{port}\n")
    );
    let refusing = Connector::start(500);
    let o = paperboy(home.path(), &refusing.url, &["zotero"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).starts_with("paperboy: Zotero answered HTTP 500"),
        "{}",
        text(&o.stderr)
    );
    // Nothing was recorded as sent: a working Zotero gets it next time.
    let zotero = Connector::start(201);
    let o = paperboy(home.path(), &zotero.url, &["zotero"]);
    assert_eq!(text(&o.stdout), "sent 1 paper to Zotero\n");
}

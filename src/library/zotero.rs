//! Sending papers to a running Zotero through its connector server
//! (127.0.0.1:23119, or `$PAPERBOY_ZOTERO_URL`): `GET /connector/ping`
//! first, then `POST /connector/import` with a BibTeX body, which Zotero
//! answers 201 with the items it made. HTTP lives here, at the edge, with
//! the fetch module's agent (timeouts, proxy settings, User-Agent).

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use super::fetch::{Settings, agent};
use crate::digest::PaperId;
use crate::export;
use crate::store::Entry;
use crate::store::alerts::{Alerted, ZOTERO};

pub const DEFAULT_URL: &str = "http://127.0.0.1:23119";

/// The most of an answer that is read.
const LIMIT: u64 = 1 << 20;

/// The connector's address: `$PAPERBOY_ZOTERO_URL`, else Zotero's own.
pub fn base_url() -> String {
    std::env::var("PAPERBOY_ZOTERO_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .map_or_else(
            || DEFAULT_URL.to_owned(),
            |u| u.trim_end_matches('/').to_owned(),
        )
}

/// `host:port` of an address, for messages.
fn host(base: &str) -> &str {
    let rest = base.split("://").nth(1).unwrap_or(base);
    rest.split('/').next().unwrap_or(rest)
}

/// Imports `bibtex` into the Zotero at `base`; one line when it cannot.
pub fn import(base: &str, bibtex: &str) -> Result<(), String> {
    let mut s = Settings::from_env();
    // A local server answers at once or not at all.
    s.connect_timeout = Duration::from_secs(3);
    s.timeout = s.timeout.min(Duration::from_secs(10));
    let agent = agent(&s);
    let not_running = || format!("Zotero is not running on {}", host(base));
    let ping = agent
        .get(format!("{base}/connector/ping"))
        .call()
        .map_err(|_| not_running())?;
    if !ping.status().is_success() {
        return Err(not_running());
    }
    let mut resp = agent
        .post(format!("{base}/connector/import"))
        .header("Content-Type", "text/plain; charset=utf-8")
        .send(bibtex)
        .map_err(|e| format!("Zotero did not take the papers: {e}"))?;
    let status = resp.status().as_u16();
    let mut body = String::new();
    let _ = resp
        .body_mut()
        .as_reader()
        .take(LIMIT)
        .read_to_string(&mut body);
    match status {
        200 | 201 => Ok(()),
        _ => {
            let why = body.lines().next().unwrap_or("").trim();
            let why = crate::digest::clip(why, 200);
            Err(format!("Zotero answered HTTP {status} to the import {why}")
                .trim()
                .to_owned())
        }
    }
}

/// What [`send_new`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    /// The titles of papers sent before, so not sent again.
    pub already: Vec<String>,
}

/// Sends the `entries` not sent before (the record is `zotero.txt` in
/// `data`) in one import, and records them once Zotero took them.
pub fn send_new(data: &Path, entries: &[Entry]) -> Result<Sent, String> {
    let mut record = Alerted::open_as(data, ZOTERO.0, ZOTERO.1);
    let mut done = Sent::default();
    let mut fresh = Vec::new();
    for e in entries {
        match PaperId::parse(&e.id) {
            Some(id) if record.contains(id, "zotero") => done.already.push(e.title.clone()),
            _ => fresh.push(e.clone()),
        }
    }
    if fresh.is_empty() {
        return Ok(done);
    }
    // A PDF on disk goes along (Zotero attaches it).
    let bibtex = export::bibtex_with_files(&fresh, &|e| super::pdf::of_entry(Some(data), e));
    import(&base_url(), &bibtex)?;
    let pairs: Vec<(PaperId, String)> = fresh
        .iter()
        .filter_map(|e| Some((PaperId::parse(&e.id)?, "zotero".to_owned())))
        .collect();
    record
        .record(&pairs)
        .map_err(|e| format!("sent, but cannot record it: {e}"))?;
    done.sent = fresh.len();
    Ok(done)
}

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

/// Why papers were not sent, or not recorded as sent. The causes are kept
/// as their text, so the reader's replies stay comparable.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ZoteroError {
    /// Nothing answered the connector's ping at this host.
    #[error("Zotero is not running on {0}")]
    NotRunning(String),
    #[error("Zotero did not take the papers: {0}")]
    Refused(String),
    /// Zotero refused the import; `why` is its answer's first line.
    #[error("Zotero answered HTTP {status} to the import{}", if why.is_empty() { String::new() } else { format!(" {why}") })]
    Status { status: u16, why: String },
    #[error("sent, but cannot record it: {0}")]
    Unrecorded(String),
}

/// Imports `bibtex` into the Zotero at `base`; one line when it cannot.
pub fn import(base: &str, bibtex: &str) -> Result<(), ZoteroError> {
    let mut s = Settings::from_env();
    // A local server answers at once or not at all.
    s.connect_timeout = Duration::from_secs(3);
    s.timeout = s.timeout.min(Duration::from_secs(10));
    let agent = agent(&s);
    let not_running = || ZoteroError::NotRunning(host(base).to_owned());
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
        .map_err(|e| ZoteroError::Refused(e.to_string()))?;
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
            let why = crate::digest::clip(why, 200).trim().to_owned();
            Err(ZoteroError::Status { status, why })
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
pub fn send_new(data: &Path, entries: &[Entry]) -> Result<Sent, ZoteroError> {
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
        .map_err(|e| ZoteroError::Unrecorded(e.to_string()))?;
    done.sent = fresh.len();
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::ZoteroError;

    #[test]
    fn each_failure_says_what_zotero_did() {
        let down = ZoteroError::NotRunning("127.0.0.1:23119".into());
        assert_eq!(down.to_string(), "Zotero is not running on 127.0.0.1:23119");
        let bare = ZoteroError::Status {
            status: 500,
            why: String::new(),
        };
        assert_eq!(bare.to_string(), "Zotero answered HTTP 500 to the import");
        let said = ZoteroError::Status {
            status: 400,
            why: "bad BibTeX".into(),
        };
        assert_eq!(
            said.to_string(),
            "Zotero answered HTTP 400 to the import bad BibTeX"
        );
    }
}

//! PDFs on disk: `pdfs/` in the data directory, one `ID.pdf` a paper (its
//! arXiv id, `/` made `_` for old-style ids). Downloaded with the fetch
//! module's agent (timeouts, proxy), retried on 429 and 5xx, capped in
//! size, written to a temp file and renamed into place only when whole:
//! there is never a partial PDF under its name.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::fetch::{Settings, agent};

pub const DIR: &str = "pdfs";
/// The largest PDF kept.
const LIMIT: u64 = 100 << 20;

/// `https://arxiv.org`, or `$PAPERBOY_PDF_URL` (the tests' server).
pub fn base_url() -> String {
    std::env::var("PAPERBOY_PDF_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .map_or_else(
            || "https://arxiv.org".to_owned(),
            |u| u.trim_end_matches('/').to_owned(),
        )
}

/// Where the PDF of arXiv paper `id` goes.
pub fn path(data: &Path, id: &str) -> PathBuf {
    data.join(DIR).join(format!("{}.pdf", id.replace('/', "_")))
}

/// The arXiv ids with a PDF on disk.
pub fn on_disk(data: &Path) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(data.join(DIR)) else {
        return Vec::new();
    };
    dir.filter_map(|e| {
        let name = e.ok()?.file_name().into_string().ok()?;
        Some(name.strip_suffix(".pdf")?.replace('_', "/"))
    })
    .collect()
}

/// Downloads paper `id`'s PDF unless it is on disk; true when it was
/// downloaded now. One line when it cannot be had.
pub fn download(data: &Path, id: &str) -> Result<bool, String> {
    let target = path(data, id);
    if target.exists() {
        return Ok(false);
    }
    let s = Settings::from_env();
    let agent = agent(&s);
    let url = format!("{}/pdf/{id}", base_url());
    let mut attempt = 0;
    let mut resp = loop {
        let resp = agent.get(&url).call().map_err(|e| format!("{id}: {e}"))?;
        let status = resp.status().as_u16();
        if (status == 429 || status >= 500) && attempt < s.retries {
            std::thread::sleep(s.backoff * 2u32.pow(attempt));
            attempt += 1;
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(format!("{id}: HTTP {status}"));
        }
        break resp;
    };
    let dir = data.join(DIR);
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("{id}: cannot create {}: {e}", dir.display()))?;
    let part = target.with_extension("pdf.part");
    let result = save(resp.body_mut().as_reader(), &part, id);
    match result.and_then(|()| std::fs::rename(&part, &target).map_err(|e| format!("{id}: {e}"))) {
        Ok(()) => Ok(true),
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            Err(e)
        }
    }
}

/// Copies a body to `part`, synced, checking it is a whole PDF under the cap.
fn save(body: impl Read, part: &Path, id: &str) -> Result<(), String> {
    let mut bytes = Vec::new();
    body.take(LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{id}: the download was cut short ({e})"))?;
    if bytes.len() as u64 > LIMIT {
        return Err(format!("{id}: the PDF is over {} MB", LIMIT >> 20));
    }
    if !bytes.starts_with(b"%PDF") {
        return Err(format!("{id}: not a PDF"));
    }
    let mut f = std::fs::File::create(part).map_err(|e| format!("{id}: {e}"))?;
    f.write_all(&bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| format!("{id}: {e}"))
}

/// The pause between two downloads (`$PAPERBOY_PDF_DELAY_MS`, else 3 s, as
/// arXiv asks of robots).
pub fn spacing() -> Duration {
    std::env::var("PAPERBOY_PDF_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_secs(3), Duration::from_millis)
}

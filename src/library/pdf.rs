//! PDFs on disk: `pdfs/` in the data directory, one file a paper, named by
//! its arXiv id and version (`2410.05434v2.pdf`; `2410.05434.pdf` when the
//! version is not known; `/` made `_` for old-style ids). Downloaded with
//! the fetch module's agent (timeouts, proxy), retried on 429 and 5xx,
//! capped in size, and written atomically (a private temp file renamed
//! into place only when whole): there is never a partial PDF under its
//! name.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::fetch::{Settings, agent};
use crate::store::atomic::{self, Mode};

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

/// Whether `id` can name a file: an arXiv id's characters only (letters,
/// digits, `.`, `-`, one `/` of an old-style id), so that no text of a
/// digest can point the path anywhere but into `pdfs/`.
fn plain_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && !id.contains("..")
        && id.matches('/').count() <= 1
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/'))
}

/// `v` and digits (`v2`), the only versions a file name carries.
fn plain_version(v: &str) -> bool {
    v.strip_prefix('v')
        .is_some_and(|n| (1..=4).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The file name of paper `id`'s PDF (version `version` when known).
fn file_name(id: &str, version: Option<&str>) -> Option<String> {
    plain_id(id).then(|| {
        let v = version.filter(|v| plain_version(v)).unwrap_or("");
        format!("{}{v}.pdf", id.replace('/', "_"))
    })
}

/// Where the PDF of arXiv paper `id` (at `version`, when known) goes;
/// none for an id that is not one.
pub fn path(data: &Path, id: &str, version: Option<&str>) -> Option<PathBuf> {
    Some(data.join(DIR).join(file_name(id, version)?))
}

/// The arXiv id (no version) a file in `pdfs/` is the PDF of.
fn id_of(name: &str) -> Option<String> {
    let stem = name.strip_suffix(".pdf")?;
    let stem = match stem.rfind('v') {
        Some(k) if plain_version(&stem[k..]) && k > 0 => &stem[..k],
        _ => stem,
    };
    let id = stem.replace('_', "/");
    plain_id(&id).then_some(id)
}

/// The PDFs on disk, as (arXiv id without version, file), newest version
/// last for an id with several. Only regular files paperboy could have
/// written: a symlink or a directory there is not one.
pub fn files(data: &Path) -> Vec<(String, PathBuf)> {
    let Ok(dir) = std::fs::read_dir(data.join(DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = dir
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().into_string().ok()?;
            let id = id_of(&name)?;
            e.file_type().ok()?.is_file().then(|| (id, e.path()))
        })
        .collect();
    out.sort_by_key(|(id, p)| (id.clone(), version_of(p)));
    out
}

/// The version number in a PDF's file name (0 when it has none).
fn version_of(p: &Path) -> u32 {
    let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem.rfind('v')
        .and_then(|k| stem[k + 1..].parse().ok())
        .unwrap_or(0)
}

/// The arXiv ids with a PDF on disk.
pub fn on_disk(data: &Path) -> Vec<String> {
    let mut ids: Vec<String> = files(data).into_iter().map(|(id, _)| id).collect();
    ids.dedup();
    ids
}

/// The PDF of paper `id` on disk, if there is one: the newest version.
pub fn local(data: &Path, id: &str) -> Option<PathBuf> {
    files(data)
        .into_iter()
        .rev()
        .find(|(i, _)| i == id)
        .map(|(_, p)| p)
}

/// The PDF on disk of a saved paper, if `data` holds one.
pub fn of_entry(data: Option<&Path>, e: &crate::store::Entry) -> Option<PathBuf> {
    local(data?, e.arxiv.as_deref()?)
}

/// How far a download has come: bytes so far, and the whole when the
/// server said.
pub type Progress<'a> = &'a mut dyn FnMut(u64, Option<u64>);

/// Why paper `id`'s PDF could not be had, as one line that names it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{id}: {why}")]
pub struct PdfError {
    pub id: String,
    pub why: PdfFailure,
}

/// What went wrong (the causes kept as their text, so replies compare).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PdfFailure {
    #[error("not an arXiv id")]
    NotArxiv,
    /// No answer: the connection, or the request, failed.
    #[error("{0}")]
    Request(String),
    #[error("HTTP {0}")]
    Status(u16),
    #[error("cannot create {0}: {1}")]
    Create(String, String),
    #[error("{0}")]
    Write(String),
    #[error("the PDF is over {} MB", LIMIT >> 20)]
    TooBig,
    #[error("the download was cut short ({0})")]
    Cut(String),
    /// Fewer bytes came than the server said.
    #[error("the download was cut short")]
    Short,
    #[error("not a PDF")]
    NotPdf,
    /// Downloaded, yet not where it should be.
    #[error("not on disk after the download")]
    Missing,
}

impl PdfFailure {
    fn of(self, id: &str) -> PdfError {
        PdfError {
            id: id.to_owned(),
            why: self,
        }
    }
}

/// Downloads paper `id`'s PDF unless it is on disk; true when it was
/// downloaded now.
pub fn download(data: &Path, id: &str, version: Option<&str>) -> Result<bool, PdfError> {
    download_with(data, id, version, &mut |_, _| {})
}

/// [`download`], telling `progress` as the bytes come.
pub fn download_with(
    data: &Path,
    id: &str,
    version: Option<&str>,
    progress: Progress<'_>,
) -> Result<bool, PdfError> {
    let Some(target) = path(data, id, version) else {
        return Err(PdfFailure::NotArxiv.of(id));
    };
    if target.exists() {
        return Ok(false);
    }
    let s = Settings::from_env();
    let agent = agent(&s);
    let v = version.filter(|v| plain_version(v)).unwrap_or("");
    let url = format!("{}/pdf/{id}{v}", base_url());
    let mut attempt = 0;
    let mut resp = loop {
        let resp = agent
            .get(&url)
            .call()
            .map_err(|e| PdfFailure::Request(e.to_string()).of(id))?;
        let status = resp.status().as_u16();
        if (status == 429 || status >= 500) && attempt < s.retries {
            std::thread::sleep(s.backoff * 2u32.pow(attempt));
            attempt += 1;
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(PdfFailure::Status(status).of(id));
        }
        break resp;
    };
    let total = resp.body().content_length();
    let bytes = read_whole(resp.body_mut().as_reader(), total, progress).map_err(|f| f.of(id))?;
    let dir = data.join(DIR);
    std::fs::create_dir_all(&dir)
        .map_err(|e| PdfFailure::Create(dir.display().to_string(), e.to_string()).of(id))?;
    atomic::write(&target, &bytes, Mode::Shared)
        .map_err(|e| PdfFailure::Write(e.to_string()).of(id))?;
    Ok(true)
}

/// Reads a body whole, telling `progress`, checking it is a PDF under the cap.
fn read_whole(
    body: impl Read,
    total: Option<u64>,
    progress: Progress<'_>,
) -> Result<Vec<u8>, PdfFailure> {
    if total.is_some_and(|t| t > LIMIT) {
        return Err(PdfFailure::TooBig);
    }
    let mut body = body.take(LIMIT + 1);
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        let n = body
            .read(&mut chunk)
            .map_err(|e| PdfFailure::Cut(e.to_string()))?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        progress(bytes.len() as u64, total);
    }
    if bytes.len() as u64 > LIMIT {
        return Err(PdfFailure::TooBig);
    }
    if total.is_some_and(|t| t != bytes.len() as u64) {
        return Err(PdfFailure::Short);
    }
    if !bytes.starts_with(b"%PDF") {
        return Err(PdfFailure::NotPdf);
    }
    Ok(bytes)
}

/// The pause between two downloads (`$PAPERBOY_PDF_DELAY_MS`, else 3 s, as
/// arXiv asks of robots).
pub fn spacing() -> Duration {
    std::env::var("PAPERBOY_PDF_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_secs(3), Duration::from_millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_by_id_and_version_and_nothing_else() {
        let d = Path::new("/d");
        let p = |id, v| path(d, id, v).map(|p| p.display().to_string());
        assert_eq!(
            p("2410.05434", Some("v2")).as_deref(),
            Some("/d/pdfs/2410.05434v2.pdf")
        );
        assert_eq!(
            p("2410.05434", None).as_deref(),
            Some("/d/pdfs/2410.05434.pdf")
        );
        assert_eq!(
            p("hep-th/9901001", Some("v1")).as_deref(),
            Some("/d/pdfs/hep-th_9901001v1.pdf")
        );
        // A version that is not one is left out; an id that is not one
        // names no file at all.
        assert_eq!(
            p("2410.05434", Some("/../x")).as_deref(),
            Some("/d/pdfs/2410.05434.pdf")
        );
        for bad in ["../etc/passwd", "a/b/c", "", ".hidden", "-x", "a b", "x\0y"] {
            assert_eq!(p(bad, None), None, "{bad:?}");
        }
    }

    #[test]
    fn names_on_disk_read_back_to_their_ids() {
        assert_eq!(id_of("2410.05434v12.pdf").as_deref(), Some("2410.05434"));
        assert_eq!(id_of("2410.05434.pdf").as_deref(), Some("2410.05434"));
        assert_eq!(
            id_of("hep-th_9901001v1.pdf").as_deref(),
            Some("hep-th/9901001")
        );
        assert_eq!(id_of("2410.05434.pdf.part"), None);
        assert_eq!(id_of(".2410.05434.pdf.tmp-abc"), None);
        assert_eq!(id_of("notes.txt"), None);
    }

    #[test]
    fn the_newest_version_on_disk_is_the_local_copy() {
        let dir = tempfile::tempdir().unwrap();
        let pdfs = dir.path().join(DIR);
        std::fs::create_dir_all(&pdfs).unwrap();
        for name in ["2410.05434v2.pdf", "2410.05434v10.pdf", "2410.02012.pdf"] {
            std::fs::write(pdfs.join(name), b"%PDF").unwrap();
        }
        // A directory named like a PDF is not one.
        std::fs::create_dir(pdfs.join("2501.00001.pdf")).unwrap();
        assert_eq!(
            local(dir.path(), "2410.05434"),
            Some(pdfs.join("2410.05434v10.pdf"))
        );
        assert_eq!(on_disk(dir.path()), ["2410.02012", "2410.05434"]);
        assert_eq!(local(dir.path(), "2501.00001"), None);
    }

    #[test]
    fn a_body_is_whole_a_pdf_and_under_the_cap() {
        let mut seen = Vec::new();
        let mut progress = |got, total| seen.push((got, total));
        let ok = read_whole(&b"%PDF-1.7 x"[..], Some(10), &mut progress);
        assert_eq!(ok.unwrap(), b"%PDF-1.7 x");
        assert_eq!(seen, [(10, Some(10))]);
        let said = |r: Result<Vec<u8>, PdfFailure>| r.unwrap_err().of("x").to_string();
        let short = read_whole(&b"%PDF-1.7"[..], Some(10), &mut |_, _| {});
        assert_eq!(said(short), "x: the download was cut short");
        let html = read_whole(&b"<html>"[..], None, &mut |_, _| {});
        assert_eq!(said(html), "x: not a PDF");
        let big = read_whole(&b""[..], Some(LIMIT + 1), &mut |_, _| {});
        assert_eq!(said(big), "x: the PDF is over 100 MB");
    }
}

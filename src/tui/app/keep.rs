//! Keeping papers from the reader: the selected paper's PDF downloaded
//! into `pdfs/` in the data directory, and papers sent to Zotero. Both
//! take their time (a network, another program), so the app only asks
//! (an effect) and the keeper threads of the event loop answer with a
//! [`KeepReply`]; meanwhile the status bar says how far they are.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{App, Effect};
use crate::filter::Known;
use crate::library::pdf;
use crate::library::pdf::PdfError;
use crate::library::zotero::{Sent, ZoteroError};

/// What the reader knows of the papers it keeps.
#[derive(Default)]
pub struct Keep {
    /// The data directory: `pdfs/` is in it, and what was sent to Zotero
    /// is recorded there.
    data: Option<PathBuf>,
    /// arXiv id (no version) -> its PDF on disk: found at the start, or
    /// written since. Only files named as paperboy names them, under
    /// `pdfs/`: never a path a digest gave.
    pdfs: HashMap<String, PathBuf>,
    /// Downloads asked for and not answered yet, in order: the first is
    /// under way, with how far it has come.
    downloads: Vec<String>,
    progress: Option<(u64, Option<u64>)>,
    /// Papers on their way to Zotero.
    sending: usize,
}

/// A keeper thread's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeepReply {
    /// The download of paper `id` has `got` bytes of `total`.
    Progress {
        id: String,
        got: u64,
        total: Option<u64>,
    },
    /// Paper `id`'s PDF is on disk at the path (downloaded now or before),
    /// or why not.
    Pdf {
        id: String,
        done: Result<PathBuf, PdfError>,
    },
    /// What Zotero made of a paper sent.
    Zotero(Result<Sent, ZoteroError>),
    /// A local PDF could not be opened.
    NotOpened(String),
}

impl Keep {
    /// The PDFs on disk, for `has:pdf`.
    pub(super) fn known_pdfs(&self, known: &mut Known) {
        known.pdfs.extend(self.pdfs.keys().cloned());
    }
}

impl App {
    /// The same app keeping PDFs and the Zotero record in `data`.
    pub fn with_data_dir(mut self, data: Option<PathBuf>) -> App {
        if let Some(d) = &data {
            self.keep.pdfs = pdf::files(d).into_iter().collect();
        }
        self.keep.data = data;
        self
    }

    /// The PDF on disk of paper `i`, if there is one.
    pub fn pdf_on_disk(&self, i: usize) -> Option<&Path> {
        let id = self.digest().facts(i).arxiv.as_deref()?;
        self.keep.pdfs.get(id).map(PathBuf::as_path)
    }

    /// What is under way, for the status bar: the download (how far), the
    /// ones waiting, papers on their way to Zotero.
    pub fn keep_status(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(id) = self.keep.downloads.first() {
            let far = match self.keep.progress {
                Some((got, Some(total))) if total > 0 => {
                    format!(" {}%", (got.min(total) * 100 / total))
                }
                Some((got, _)) => format!(" {}", megabytes(got)),
                None => "…".to_owned(),
            };
            let waiting = match self.keep.downloads.len() - 1 {
                0 => String::new(),
                n => format!(" (+{n} waiting)"),
            };
            parts.push(format!("PDF {id}{far}{waiting}"));
        }
        if self.keep.sending > 0 {
            parts.push("sending to Zotero…".to_owned());
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// Downloads the selected paper's PDF in the background (unless it is
    /// on disk or on its way).
    pub(super) fn download_pdf(&mut self) {
        let Some(i) = self.selected_paper() else {
            return;
        };
        let facts = self.digest().facts(i);
        let Some(id) = facts.arxiv.clone() else {
            return self.info("no PDF to download: the paper's arXiv id is not known");
        };
        let version = facts.version.clone();
        if let Some(p) = self.keep.pdfs.get(&id) {
            return self.info(format!("the PDF is on disk: {}", p.display()));
        }
        if self.keep.downloads.contains(&id) {
            return self.info(format!("the PDF of {id} is on its way"));
        }
        let Some(data) = self.keep.data.clone() else {
            return self.error("no data directory to keep PDFs in");
        };
        self.keep.downloads.push(id.clone());
        self.info(format!("downloading the PDF of {id}…"));
        self.effects.push(Effect::DownloadPdf { data, id, version });
    }

    /// Opens the selected paper's PDF on disk, when there is one; false
    /// when there is none (the web's is opened instead).
    pub(super) fn open_local_pdf(&mut self) -> bool {
        let Some(path) = self
            .selected_paper()
            .and_then(|i| self.pdf_on_disk(i))
            .map(Path::to_path_buf)
        else {
            return false;
        };
        self.info(format!("opening {}", path.display()));
        self.effects.push(Effect::OpenFile(path));
        true
    }

    pub(super) fn send_to_zotero(&mut self) {
        let Some(mut entry) = self.selected_entry() else {
            return;
        };
        let Some(data) = self.keep.data.clone() else {
            return self.error("no data directory to record what was sent to Zotero");
        };
        // The note saved on it goes along.
        if let Some((_, saved)) = self.note_target() {
            entry.note.clone_from(&saved.note);
        }
        self.keep.sending += 1;
        self.info("sending to Zotero…");
        let entry = Box::new(entry);
        self.effects.push(Effect::SendToZotero { data, entry });
    }

    /// Zotero's answer (or that it is not running).
    pub fn zotero_done(&mut self, done: Result<Sent, ZoteroError>) {
        self.keep.sending = self.keep.sending.saturating_sub(1);
        match done {
            Ok(s) if s.sent > 0 => self.info("sent to Zotero"),
            Ok(_) => self.info("already sent to Zotero"),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// A keeper thread's answer.
    pub fn kept(&mut self, reply: KeepReply) {
        match reply {
            KeepReply::Progress { id, got, total } => {
                if self.keep.downloads.first() == Some(&id) {
                    self.keep.progress = Some((got, total));
                }
            }
            KeepReply::Pdf { id, done } => {
                self.keep.downloads.retain(|d| *d != id);
                self.keep.progress = None;
                match done {
                    Ok(path) => {
                        self.info(format!("the PDF is on disk: {}", path.display()));
                        self.keep.pdfs.insert(id, path);
                        // `has:pdf` counts it now.
                        if self.filter.query().needs_known() {
                            self.refilter();
                        }
                    }
                    Err(e) => self.error(format!("no PDF: {e}")),
                }
            }
            KeepReply::Zotero(done) => self.zotero_done(done),
            KeepReply::NotOpened(e) => self.error(format!("could not open the PDF: {e}")),
        }
    }
}

/// Bytes as `1.2 MB`.
fn megabytes(n: u64) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::digest::Digest;
    use crate::filter::Engine;
    use crate::store::Snapshot;
    use crate::tui::action::Action;
    use crate::tui::theme::Theme;

    fn app(data: Option<PathBuf>) -> App {
        // Two papers with arXiv ids and versions.
        let api = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/arxiv-api.xml"
        ));
        let engine = Arc::new(Engine::new(Arc::new(Digest::parse("api.xml", api))));
        App::new(engine, Snapshot::default(), "s", Theme::plain()).with_data_dir(data)
    }

    fn selected_id(a: &App) -> String {
        a.digest()
            .facts(a.selected_paper().unwrap())
            .arxiv
            .clone()
            .unwrap()
    }

    #[test]
    fn a_download_is_asked_once_shows_its_progress_and_lands_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(Some(dir.path().to_owned()));
        let id = selected_id(&a);
        a.update(Action::DownloadPdf);
        let effects = a.take_effects();
        assert!(
            matches!(&effects[..], [Effect::DownloadPdf { id: i, version, .. }]
                if *i == id && version.as_deref() == Some("v1")),
            "one download asked, of the version the paper has"
        );
        assert_eq!(a.keep_status(), Some(format!("PDF {id}…")));
        // Asked again while on its way: not asked twice.
        a.update(Action::DownloadPdf);
        assert!(a.take_effects().is_empty());
        assert_eq!(
            a.message().unwrap().text,
            format!("the PDF of {id} is on its way")
        );
        a.kept(KeepReply::Progress {
            id: id.clone(),
            got: 350,
            total: Some(1000),
        });
        assert_eq!(a.keep_status(), Some(format!("PDF {id} 35%")));
        a.kept(KeepReply::Progress {
            id: id.clone(),
            got: 2_500_000,
            total: None,
        });
        assert_eq!(a.keep_status(), Some(format!("PDF {id} 2.5 MB")));
        let path = dir.path().join("pdfs/x.pdf");
        a.kept(KeepReply::Pdf {
            id: id.clone(),
            done: Ok(path.clone()),
        });
        assert_eq!(a.keep_status(), None);
        let i = a.selected_paper().unwrap();
        assert_eq!(a.pdf_on_disk(i), Some(path.as_path()));
        // On disk now: the open-PDF key opens it, and no download is asked.
        a.update(Action::OpenPdf);
        assert!(matches!(&a.take_effects()[..], [Effect::OpenFile(p)] if *p == path));
        a.update(Action::DownloadPdf);
        assert!(a.take_effects().is_empty());
    }

    #[test]
    fn without_a_local_copy_the_web_pdf_opens_and_a_failure_is_said() {
        let mut a = app(Some(PathBuf::from("/nonexistent")));
        a.update(Action::OpenPdf);
        assert!(matches!(&a.take_effects()[..], [Effect::OpenUrl(u)] if u.contains("/pdf/")));
        let id = selected_id(&a);
        a.update(Action::DownloadPdf);
        a.take_effects();
        a.kept(KeepReply::Pdf {
            id: id.clone(),
            done: Err(PdfError {
                id: id.clone(),
                why: crate::library::pdf::PdfFailure::Status(404),
            }),
        });
        let m = a.message().unwrap();
        assert!(m.is_error() && m.text == format!("no PDF: {id}: HTTP 404"));
        assert_eq!(a.keep_status(), None);
        let i = a.selected_paper().unwrap();
        assert_eq!(a.pdf_on_disk(i), None);
    }

    #[test]
    fn with_no_data_dir_nothing_is_asked() {
        let mut a = app(None);
        a.update(Action::DownloadPdf);
        assert!(a.take_effects().is_empty());
        assert_eq!(
            a.message().unwrap().text,
            "no data directory to keep PDFs in"
        );
    }

    #[test]
    fn the_pdfs_on_disk_at_the_start_are_known() {
        let dir = tempfile::tempdir().unwrap();
        let a = app(None);
        let id = selected_id(&a);
        std::fs::create_dir_all(dir.path().join("pdfs")).unwrap();
        let file = dir.path().join(format!("pdfs/{id}v3.pdf"));
        std::fs::write(&file, b"%PDF").unwrap();
        let a = app(Some(dir.path().to_owned()));
        assert_eq!(
            a.pdf_on_disk(a.selected_paper().unwrap()),
            Some(file.as_path())
        );
        let mut k = Known::default();
        a.keep.known_pdfs(&mut k);
        assert!(k.pdfs.contains(&id));
    }

    #[test]
    fn zotero_sends_are_counted_until_answered() {
        let mut a = app(Some(PathBuf::from("/d")));
        a.update(Action::SendToZotero);
        assert_eq!(a.keep_status().as_deref(), Some("sending to Zotero…"));
        a.kept(KeepReply::Zotero(Ok(Sent::default())));
        assert_eq!(a.keep_status(), None);
        assert_eq!(a.message().unwrap().text, "already sent to Zotero");
    }
}

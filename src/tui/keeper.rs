//! The keeper threads: what the app's keeping asks that would hold the
//! event loop up (a download, Zotero's answer) runs here, and answers come
//! back as [`KeepReply`] messages. PDFs are downloaded one at a time, in
//! the order asked; papers go to Zotero one send at a time.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use super::app::{Effect, KeepReply};
use super::worker::{Crashed, spawn_watched};
use crate::library::{pdf, zotero};
use crate::store::Entry;

/// Where the answers go.
pub type Answer = Arc<dyn Fn(KeepReply) + Send + Sync>;

/// How often a download's progress is told (each answer redraws).
const EVERY: Duration = Duration::from_millis(100);

struct PdfJob {
    data: PathBuf,
    id: String,
    version: Option<String>,
}

pub struct Keeper {
    pdfs: Sender<PdfJob>,
    zotero: Sender<(PathBuf, Entry)>,
    answer: Answer,
}

impl Keeper {
    pub fn spawn(answer: Answer, crashed: Crashed) -> io::Result<Keeper> {
        let (pdfs, jobs) = mpsc::channel::<PdfJob>();
        let told = Arc::clone(&answer);
        spawn_watched("paperboy-pdf", Arc::clone(&crashed), move || {
            while let Ok(job) = jobs.recv() {
                told(download(&job, &*told));
            }
        })?;
        let (zotero, sends) = mpsc::channel::<(PathBuf, Entry)>();
        let told = Arc::clone(&answer);
        spawn_watched("paperboy-zotero", crashed, move || {
            while let Ok((data, entry)) = sends.recv() {
                told(KeepReply::Zotero(zotero::send_new(&data, &[entry])));
            }
        })?;
        Ok(Keeper {
            pdfs,
            zotero,
            answer,
        })
    }

    /// Carries out the effects that are the keeper's; gives back the rest.
    pub fn take(&self, effect: Effect) -> Option<Effect> {
        match effect {
            Effect::DownloadPdf { data, id, version } => {
                // The threads only stop when the reader does.
                let _ = self.pdfs.send(PdfJob { data, id, version });
            }
            Effect::SendToZotero { data, entry } => {
                let _ = self.zotero.send((data, *entry));
            }
            Effect::OpenFile(path) => {
                if let Err(e) = super::outside::open_file(&path) {
                    (self.answer)(KeepReply::NotOpened(e.to_string()));
                }
            }
            other => return Some(other),
        }
        None
    }
}

/// Downloads one PDF, telling its progress at most every [`EVERY`].
fn download(job: &PdfJob, answer: &dyn Fn(KeepReply)) -> KeepReply {
    let mut last: Option<Instant> = None;
    let mut progress = |got: u64, total: Option<u64>| {
        if last.is_none_or(|t| t.elapsed() >= EVERY) {
            last = Some(Instant::now());
            answer(KeepReply::Progress {
                id: job.id.clone(),
                got,
                total,
            });
        }
    };
    let version = job.version.as_deref();
    let done = pdf::download_with(&job.data, &job.id, version, &mut progress).and_then(|_| {
        pdf::path(&job.data, &job.id, version)
            .filter(|p| p.is_file())
            .ok_or_else(|| pdf::PdfError {
                id: job.id.clone(),
                why: pdf::PdfFailure::Missing,
            })
    });
    KeepReply::Pdf {
        id: job.id.clone(),
        done,
    }
}

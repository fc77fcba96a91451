//! What the app asks of the outside world: the event loop carries it out
//! and tells the app the outcome.

use std::path::PathBuf;
use std::sync::Arc;

use super::{RankJob, StoreJob};
use crate::filter::{Engine, Query};
use crate::store::Entry;

/// Work the app asks of the outside world; the event loop carries it out.
#[derive(Clone)]
pub enum Effect {
    /// A search for the worker.
    Search(SearchJob),
    /// Work for the store worker; answers come to [`App::store_done`].
    Store(StoreJob),
    OpenUrl(String),
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Rank the papers on a thread; the answer comes back through
    /// [`App::rank_done`].
    Rank(RankJob),
    /// Edit a note in `$VISUAL` / `$EDITOR`; the text comes back through
    /// [`App::note_edited`].
    EditNote {
        list: crate::store::ListName,
        id: String,
        text: String,
    },
    /// Send a paper to Zotero, recording it in `data`; the outcome comes
    /// back through [`App::zotero_done`].
    SendToZotero {
        data: PathBuf,
        entry: Box<Entry>,
    },
    /// Download paper `id`'s PDF into `data`'s `pdfs/`; the answers come
    /// back through [`App::kept`].
    DownloadPdf {
        data: PathBuf,
        id: String,
        version: Option<String>,
    },
    /// Open a PDF paperboy wrote under `pdfs/` (never a path from a digest).
    OpenFile(PathBuf),
    /// Add a saved search to the config file in `dir`; the outcome comes
    /// back through [`App::search_saved`].
    SaveSearch {
        dir: PathBuf,
        name: String,
        query: String,
    },
}

/// Match `query` (among `within`, or all papers) on the search worker; the
/// answer comes back through [`App::search_done`] with the same `seq`.
#[derive(Clone)]
pub struct SearchJob {
    pub seq: u64,
    pub query: Query,
    pub engine: Arc<Engine>,
    pub within: Option<Arc<Vec<u32>>>,
}

//! All of the reader's state, and `update(Action)`: no terminal, no layout
//! and no key table in here, so every behaviour is tested with synthetic
//! actions. This file holds the rooms and routes each action to the one
//! that answers it; each room owns its state and its actions:
//!
//! - `list`: the rows, the selection, scrolling, the mouse; `filter`: the
//!   text typed and the searches it starts; `base`/`days`: the papers in
//!   view before the filter, by day, week or month, sorted;
//! - `triage`: bookmarks, read, not for me, undo, the store's answers;
//!   `notes`: notes on saved papers; `picker`: choosing a list or a term;
//! - `viewed`: the loaded papers or a saved list, and the papers shown;
//! - `ranking` (`rank_job`): more like this, for you; `searches`: saved
//!   searches and Zotero; `links`: the pages a paper opens;
//! - `message`: the status bar's message; `effect`: what is asked of the
//!   outside world.

mod base;
mod days;
mod effect;
mod filter;
mod keep;
mod links;
mod list;
mod message;
mod notes;
mod picker;
mod rank_job;
mod ranking;
mod searches;
mod sources;
mod triage;
mod viewed;

use std::collections::HashSet;
use std::sync::Arc;

pub use effect::{Effect, SearchJob};
pub use keep::KeepReply;
pub use message::Message;
pub use picker::{PickFor, Picker};
pub use rank_job::{Ask, RankAnswer, RankJob, SavedText};
pub use triage::{StoreJob, StoreReply};

use super::action::{Action, KeyMode, KeyNames, Sizes};
use super::options::Options;
use super::theme::Theme;
use crate::digest::{Digest, PaperId};
use crate::filter::{Engine, Query, Ranked, Scope};
use crate::store::{ListName, Snapshot};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Paper,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    /// The key table, scrolled this far.
    Help(usize),
    Picker(Picker),
    /// A one-line note being typed for `id`'s entry in `list`.
    Note {
        list: ListName,
        id: String,
        input: String,
    },
    /// The name the filter is to be saved under, being typed.
    SearchName {
        input: String,
    },
}

/// What the list shows: the loaded digests, or a saved reading list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    Digest,
    List(ListName),
}

pub struct App {
    /// The loaded digests, and what the list shows now (they differ while a
    /// reading list is viewed).
    digest_engine: Arc<Engine>,
    engine: Arc<Engine>,
    label: String,
    view: View,
    theme: Theme,
    options: Options,
    /// The papers in view before the filter, and which are new.
    base: base::Base,
    /// Which new papers have been on screen, to be recorded as shown.
    shown: viewed::Shown,
    filter: filter::Filter,
    list: list::List,
    focus: Focus,
    /// Lines of the abstract pane scrolled past.
    paper_scroll: usize,
    /// The summary view: each row's one-line summary under its title.
    summaries: bool,
    overlay: Overlay,
    sizes: Sizes,
    /// The keys of the actions, as messages name them.
    keys: KeyNames,
    lists: triage::Lists,
    ranking: ranking::Ranking,
    searches: searches::Searches,
    keep: keep::Keep,
    message: Option<Message>,
    effects: Vec<Effect>,
    quit: bool,
}

impl App {
    /// An app on `engine`'s digest, showing the reading lists in `lists`.
    pub fn new(
        engine: Arc<Engine>,
        lists: Snapshot,
        label: impl Into<String>,
        theme: Theme,
    ) -> App {
        let n = engine.digest().len();
        let in_view = base::Base::new(engine.digest(), Arc::default());
        App {
            digest_engine: Arc::clone(&engine),
            engine,
            label: label.into(),
            view: View::Digest,
            theme,
            options: Options::default(),
            base: in_view,
            shown: viewed::Shown::default(),
            filter: filter::Filter::new(Scope::Title),
            list: list::List::new(Ranked::all(n)),
            focus: Focus::List,
            paper_scroll: 0,
            summaries: false,
            overlay: Overlay::None,
            sizes: Sizes::default(),
            keys: KeyNames::default(),
            lists: triage::Lists::new(lists),
            ranking: ranking::Ranking::default(),
            searches: searches::Searches::default(),
            keep: keep::Keep::default(),
            message: None,
            effects: Vec::new(),
            quit: false,
        }
    }

    /// The same app with the config's options (the filter starts at its
    /// scope).
    pub fn with_options(mut self, options: Options) -> App {
        self.options = options;
        self.filter = filter::Filter::new(options.scope);
        self
    }

    /// The same app knowing which papers were shown before this session
    /// (the rest are new, marked ●).
    pub fn with_seen(mut self, seen: Arc<HashSet<PaperId>>) -> App {
        self.base = base::Base::new(self.engine.digest(), seen);
        self.refilter();
        self.mark_matches();
        self
    }

    /// The loaded papers' engine (what the index is built for).
    pub fn loaded_engine(&self) -> Arc<Engine> {
        Arc::clone(&self.digest_engine)
    }

    // ---- reading the state (for views and tests) ----

    /// Whether paper `i` was never shown before this session.
    pub fn is_new(&self, i: usize) -> bool {
        self.base.is_new(self.digest(), i)
    }

    /// New papers in the day (or days) shown.
    pub fn new_count(&self) -> usize {
        self.base.new_count()
    }

    /// How many papers the list holds before the filter.
    pub fn in_view(&self) -> usize {
        self.base.within().map_or(self.digest().len(), |p| p.len())
    }

    pub fn sort(&self) -> crate::filter::Sort {
        self.base.sort()
    }

    pub fn only_new(&self) -> bool {
        self.base.only_new()
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn digest(&self) -> &Digest {
        self.engine.digest()
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// The filter text as typed, and whether it is being typed.
    pub fn input(&self) -> &str {
        self.filter.input()
    }

    pub fn editing(&self) -> bool {
        self.filter.editing()
    }

    pub fn scope(&self) -> Scope {
        self.filter.scope()
    }

    pub fn query(&self) -> &Query {
        self.filter.query()
    }

    /// True while a search is on its way.
    pub fn searching(&self) -> bool {
        self.filter.searching()
    }

    pub fn results(&self) -> &Ranked {
        self.list.results()
    }

    /// Rank of the selected row.
    pub fn selected(&self) -> usize {
        self.list.selected()
    }

    /// Rank of the first row on screen.
    pub fn offset(&self) -> usize {
        self.list.offset()
    }

    /// Whether the list is in the summary view.
    pub fn summaries(&self) -> bool {
        self.summaries
    }

    pub fn paper_scroll(&self) -> usize {
        self.paper_scroll
    }

    /// The index (in the digest) of the selected paper.
    pub fn selected_paper(&self) -> Option<usize> {
        self.list.selected_paper()
    }

    /// The reading lists as shown: saved, and changes on their way.
    pub fn lists(&self) -> &Snapshot {
        self.lists.shown()
    }

    /// Changes not yet saved (reading lists, and the record of papers
    /// shown).
    pub fn unsaved(&self) -> usize {
        self.lists.unsaved() + self.shown.unanswered()
    }

    /// What is being viewed, for the status bar.
    pub fn label(&self) -> String {
        match &self.view {
            View::Digest => self.label.clone(),
            View::List(name) => format!("list: {name}"),
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The key mode the next key press is read in.
    pub fn key_mode(&self) -> KeyMode {
        match (&self.overlay, self.filter.editing()) {
            (Overlay::Picker(_), _) => KeyMode::Picker,
            (Overlay::Note { .. } | Overlay::SearchName { .. }, _) => KeyMode::Note,
            (Overlay::Help(_), _) => KeyMode::Help,
            (_, true) => KeyMode::Filter,
            _ => KeyMode::Normal,
        }
    }

    // ---- changing it ----

    /// A key press's action: like [`App::update`], and the last message
    /// goes (it answered the key before).
    pub fn key(&mut self, action: Action) {
        self.message = None;
        self.update(action);
    }

    pub fn update(&mut self, action: Action) {
        use Action::*;
        match action {
            Up | Down | Top | Bottom | PageUp | PageDown | PagePaper => self.movement(action),
            ScrollList { .. } | ScrollPaper { .. } | ClickRow(_) | ClickPaper => self.mouse(action),
            FocusNext => {
                self.focus = match self.focus {
                    Focus::List => Focus::Paper,
                    Focus::Paper => Focus::List,
                }
            }
            // Esc with no filter to clear leaves "more like this".
            ClearFilter
                if self.filter.input().is_empty()
                    && !self.filter.editing()
                    && matches!(self.overlay, Overlay::None)
                    && self.is_more_like_this() =>
            {
                self.leave_like()
            }
            StartFilter | Type(_) | DeleteChar | DeleteWord | AcceptFilter | ClearFilter
            | ToggleScope => self.filtering(action),
            ToggleBookmark | ToggleRead | RemoveFromList | Undo | NotForMe => self.triage(action),
            EditNote | EditNoteInEditor | AcceptNote => self.noting(action),
            PreviousDay | NextDay | AllDays | CyclePeriod | OnlyNew | CycleSort => {
                self.viewing(action)
            }
            NextNew | PreviousNew => self.jump_to_new(action == NextNew),
            NextMatch => self.jump_to_match(),
            SaveSearch => self.ask_search_name(),
            SendToZotero => self.send_to_zotero(),
            DownloadPdf => self.download_pdf(),
            MoreLikeThis | ForYou | PickRankList | ShowProfile => self.ranking_action(action),
            PickList | SwitchView | AcceptPick | Cancel => self.picking(action),
            OpenInBrowser | OpenPdf | OpenPaperPage | OpenCode | OpenImage | CopyTitle => {
                self.outside(action)
            }
            ToggleSummaries => {
                self.summaries = !self.summaries;
                self.info(if self.summaries {
                    "summary view: the site's one-line summary under each title"
                } else {
                    "summary view off"
                });
            }
            ToggleHelp => {
                self.overlay = match self.overlay {
                    Overlay::Help(_) => Overlay::None,
                    _ => Overlay::Help(0),
                }
            }
            Quit => self.quit = true,
            FocusGained => self.effects.push(Effect::Store(StoreJob::Reload)),
        }
    }

    /// The screen was measured (after every update, and on resize).
    pub fn set_sizes(&mut self, sizes: Sizes) {
        self.sizes = sizes;
        self.list.clamp(sizes.list_rows);
        self.paper_scroll = self.paper_scroll.min(self.max_paper_scroll());
        if let Overlay::Help(scroll) = &mut self.overlay {
            *scroll = (*scroll).min(sizes.help_lines.saturating_sub(sizes.help_rows));
        }
    }
}

//! All of the reader's state, and `update(Action)`: no terminal, no layout
//! and no key table in here, so every behaviour is tested with synthetic
//! actions. The state is split by concern (the list, the filter, the
//! picker, the reading lists); this file routes actions to them.

mod base;
mod days;
mod filter;
mod list;
mod picker;
mod ranking;
mod searches;
mod sources;
mod triage;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

pub use picker::{PickFor, Picker};
pub use ranking::{Ask, RankAnswer, RankJob, SavedText};
pub use triage::{StoreJob, StoreReply};

use super::action::{Action, KeyMode, Sizes};
use super::options::{OpenPage, Options};
use super::theme::Theme;
use crate::digest::{Digest, OwnedPaper, PaperId};
use crate::export;
use crate::filter::{Engine, Known, Query, Ranked, Scope};
use crate::store::{self, Entry, Op, Snapshot};

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
        list: String,
        id: String,
        text: String,
    },
    /// Send a paper to Zotero, recording it in `data`; the outcome comes
    /// back through [`App::zotero_done`].
    SendToZotero {
        data: PathBuf,
        entry: Box<Entry>,
    },
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
        list: String,
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
    List(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
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
    /// New papers that have been on screen this session, and those of
    /// them not yet handed over to be recorded.
    on_screen: HashSet<PaperId>,
    to_record: Vec<PaperId>,
    /// Records of papers shown sent and not yet answered.
    recording: usize,
    filter: filter::Filter,
    list: list::List,
    focus: Focus,
    /// Lines of the abstract pane scrolled past.
    paper_scroll: usize,
    /// The summary view: each row's one-line summary under its title.
    summaries: bool,
    overlay: Overlay,
    sizes: Sizes,
    lists: triage::Lists,
    ranking: ranking::Ranking,
    searches: searches::Searches,
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
            on_screen: HashSet::new(),
            to_record: Vec::new(),
            recording: 0,
            filter: filter::Filter::new(Scope::Title),
            list: list::List::new(Ranked::all(n)),
            focus: Focus::List,
            paper_scroll: 0,
            summaries: false,
            overlay: Overlay::None,
            sizes: Sizes::default(),
            lists: triage::Lists::new(lists),
            ranking: ranking::Ranking::default(),
            searches: searches::Searches::default(),
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

    /// Opens on the newest day (a library).
    pub fn open_on_newest_day(&mut self) {
        // Even one day is chosen: the rest of the library comes later.
        self.base.days_mut().step(true);
        self.base.rebuild(self.engine.digest());
        self.refilter();
    }

    /// Lists only the papers never shown before (`paperboy --new`).
    pub fn show_only_new(&mut self) {
        self.base.set_only_new(true);
        self.base.rebuild(self.engine.digest());
        self.refilter();
    }

    /// The whole library, read after its newest day was shown: the list
    /// keeps its day and its selection.
    pub fn library_loaded(&mut self, engine: Arc<Engine>) {
        self.digest_engine = Arc::clone(&engine);
        if self.view == View::Digest {
            self.set_engine(engine);
        }
        self.mark_matches();
        self.info("all days read");
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

    /// The day shown, as `Oct 7, 2024 (1/258)`, when the papers are of
    /// more than one day.
    pub fn day_label(&self) -> Option<String> {
        let days = self.base.days();
        let period = days.period();
        // More like this looks across every day.
        let one = days.count() < 2 && period == days::Period::Day;
        if one || matches!(self.base.ranked(), Some(base::Ranked::Like(_))) {
            return None;
        }
        let name = |key| match period.span(key) {
            Some(span) => span.label(),
            None if period == days::Period::Day => day_name(key),
            None => "undated".to_owned(),
        };
        Some(match days.current() {
            Some((key, k)) => format!("{} ({}/{})", name(key), k + 1, days.count()),
            None => format!("all {} {}s", days.count(), period.name()),
        })
    }

    /// Whether the papers' days span more than one year.
    pub fn many_years(&self) -> bool {
        self.base.days().years()
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

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
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
        self.lists.unsaved() + self.recording
    }

    /// Papers shown were handed over to be recorded.
    pub fn recording_sent(&mut self) {
        self.recording += 1;
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

    /// Paper `i`'s id as the store keeps it.
    fn paper_id(&self, i: usize) -> String {
        self.digest().papers()[i].id.to_string()
    }

    pub fn is_bookmarked(&self, i: usize) -> bool {
        self.lists()
            .contains(store::DEFAULT_LIST, &self.paper_id(i))
    }

    pub fn is_read(&self, i: usize) -> bool {
        self.lists().is_read(&self.paper_id(i))
    }

    pub fn is_not_for_me(&self, i: usize) -> bool {
        self.lists().is_not_for_me(&self.paper_id(i))
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

    fn movement(&mut self, action: Action) {
        use Action::*;
        if let Overlay::Picker(p) = &self.overlay {
            let n = self.picker_rows(p).len();
            if let Overlay::Picker(p) = &mut self.overlay {
                p.move_by(action == Down, n);
            }
            return;
        }
        if let Overlay::Help(scroll) = &mut self.overlay {
            let max = self.sizes.help_lines.saturating_sub(self.sizes.help_rows);
            *scroll = match action {
                Down => (*scroll + 1).min(max),
                Up => scroll.saturating_sub(1),
                _ => *scroll,
            };
            return;
        }
        let rows = self.sizes.list_rows.max(1);
        let pane = self.sizes.paper_rows.max(1) as isize;
        let reading = self.focus == Focus::Paper && !self.filter.editing();
        match action {
            Up if reading => self.scroll_paper(-1),
            Down if reading => self.scroll_paper(1),
            PageUp if reading => self.scroll_paper(-pane),
            PageDown if reading => self.scroll_paper(pane),
            PagePaper => self.scroll_paper((pane - 1).max(1)),
            Up => self.select_by(-1),
            Down => self.select_by(1),
            PageUp => self.select_by(-(rows as isize)),
            PageDown => self.select_by(rows as isize),
            Top => self.select(0),
            Bottom => self.select(self.list.last()),
            _ => {}
        }
    }

    fn mouse(&mut self, action: Action) {
        match action {
            Action::ScrollList { down } => self.select_by(if down { 3 } else { -3 }),
            Action::ScrollPaper { down } => self.scroll_paper(if down { 3 } else { -3 }),
            Action::ClickRow(row) => {
                let i = self.list.offset() + row;
                if i < self.list.results().len() {
                    self.focus = Focus::List;
                    self.select(i);
                }
            }
            Action::ClickPaper => self.focus = Focus::Paper,
            _ => {}
        }
    }

    fn filtering(&mut self, action: Action) {
        if let Overlay::Picker(p) = &mut self.overlay {
            match action {
                Action::Type(c) => p.push(c),
                Action::DeleteChar => p.pop(),
                _ => {}
            }
            return;
        }
        if let Overlay::Note { input, .. } | Overlay::SearchName { input } = &mut self.overlay {
            match action {
                Action::Type(c) if !c.is_control() => input.push(c),
                Action::DeleteChar => {
                    input.pop();
                }
                Action::DeleteWord => {
                    let keep = input.trim_end().rfind(' ').map_or(0, |i| i + 1);
                    input.truncate(keep);
                }
                _ => {}
            }
            return;
        }
        let f = &mut self.filter;
        match action {
            Action::StartFilter => {
                f.set_editing(true);
                self.focus = Focus::List;
                return;
            }
            Action::AcceptFilter => return f.set_editing(false),
            Action::Type(c) => f.push(c),
            Action::DeleteChar => f.pop(),
            Action::DeleteWord => f.delete_word(),
            Action::ClearFilter => {
                f.set_editing(false);
                if !f.clear() {
                    return;
                }
            }
            Action::ToggleScope => {
                f.toggle_scope();
                let scope = match f.scope() {
                    Scope::Title => "titles",
                    Scope::All => "titles and abstracts",
                };
                self.info(format!("filter scope: {scope}"));
            }
            _ => return,
        }
        self.refilter();
    }

    /// Re-runs the filter after its text, scope or digest changed.
    fn refilter(&mut self) {
        let engine = Arc::clone(&self.engine);
        let lists = self.lists.shown();
        let (seq, query) = self
            .filter
            .next_search(|| Arc::new(Known::from_snapshot(lists)));
        if query.is_empty() {
            // Nothing to match: every paper in view, at once.
            let all = self.base.all(engine.digest());
            self.accept_results(seq, all);
        } else {
            let query = query.clone();
            let within = self.base.within();
            self.effects.push(Effect::Search(SearchJob {
                seq,
                query,
                engine,
                within,
            }));
        }
    }

    /// A finished search. Older answers than the one shown are dropped, so
    /// a slow stale search can never replace a newer result.
    pub fn search_done(&mut self, seq: u64, ranked: Ranked) {
        let ranked = self.base.order(self.engine.digest(), ranked);
        self.accept_results(seq, ranked);
    }

    fn accept_results(&mut self, seq: u64, ranked: Ranked) {
        if !self.filter.accept(seq) {
            return;
        }
        let keep = self.selected_paper();
        self.list.replace(ranked, keep, self.sizes.list_rows);
        self.paper_scroll = 0;
    }

    /// Shows a saved list instead of the digest (`paperboy --list NAME`).
    pub fn show_list(&mut self, name: &str) {
        let entries = self.lists.shown().list(name);
        let library = self.digest_engine.digest();
        let digest = Digest::from_papers(entries.iter().map(|e| OwnedPaper {
            title: &e.title,
            abstract_: &e.abstract_,
            date: e.date.as_deref(),
            source: &e.source,
            line: e.line,
            facts: Some(e.facts_following(library)),
        }));
        self.view = View::List(name.to_owned());
        self.set_engine(Arc::new(Engine::new(Arc::new(digest))));
    }

    fn show_digest(&mut self) {
        self.view = View::Digest;
        self.set_engine(Arc::clone(&self.digest_engine));
    }

    fn set_engine(&mut self, engine: Arc<Engine>) {
        let keep = self.selected_paper().map(|i| self.digest().papers()[i].id);
        self.drop_ranking();
        self.engine = engine;
        self.base.reread(self.engine.digest());
        self.filter.drop_pending();
        let keep = keep.and_then(|id| self.digest().position(id));
        let all = Ranked::all(self.digest().len());
        self.list.replace(all, keep, self.sizes.list_rows);
        self.refilter();
    }

    fn select(&mut self, i: usize) {
        self.list.select(i, self.sizes.list_rows);
        self.paper_scroll = 0;
    }

    fn select_by(&mut self, delta: isize) {
        self.select(self.list.selected().saturating_add_signed(delta));
    }

    fn max_paper_scroll(&self) -> usize {
        self.sizes.paper_lines.saturating_sub(self.sizes.paper_rows)
    }

    fn scroll_paper(&mut self, delta: isize) {
        self.paper_scroll = self
            .paper_scroll
            .saturating_add_signed(delta)
            .min(self.max_paper_scroll());
    }

    /// Opens one of the paper's pages, or copies its title.
    fn outside(&mut self, action: Action) {
        let Some(i) = self.selected_paper() else {
            return;
        };
        let title = self.digest().title(i).to_owned();
        let facts = self.digest().facts(i);
        let links = facts.links();
        let (url, missing) = match action {
            Action::OpenInBrowser => {
                let page = match self.options.open {
                    OpenPage::Hf => links.paper.clone(),
                    OpenPage::Pdf => links.pdf.clone(),
                    OpenPage::Arxiv => None,
                };
                let url = page.unwrap_or_else(|| export::paper_url(&title, facts.arxiv.as_deref()));
                (Some(url), "")
            }
            Action::OpenPdf => (links.pdf, "no PDF link: the paper's arXiv id is not known"),
            Action::OpenPaperPage => (
                links.paper,
                "no Hugging Face page: the paper's arXiv id is not known",
            ),
            Action::OpenCode => (
                links.github.or(links.project),
                "no code or project page is known for this paper",
            ),
            Action::OpenImage => (
                facts.teaser().map(str::to_owned),
                "no image is known for this paper",
            ),
            _ => {
                self.info("copied the title to the clipboard");
                return self.effects.push(Effect::Copy(title));
            }
        };
        match url {
            Some(url) if crate::digest::sanitize::web_url(&url).is_some() => {
                self.info(format!("opening {url}"));
                self.effects.push(Effect::OpenUrl(url));
            }
            Some(url) => self.error(format!(
                "not opened: {} is not an http(s) link",
                crate::digest::sanitize::clean_line(&url)
            )),
            None => self.info(missing),
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Things the user must be told (a store moved aside); the last one is
    /// shown.
    pub fn notify(&mut self, notices: Vec<String>) {
        if let Some(n) = notices.into_iter().last() {
            self.error(n);
        }
    }

    // ---- triage: changes show at once and are saved by the store worker ----

    fn selected_entry(&self) -> Option<Entry> {
        self.selected_paper()
            .map(|i| Entry::from_paper(&self.digest().get(i)))
    }

    fn triage(&mut self, action: Action) {
        match action {
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::ToggleRead => self.toggle_read(),
            Action::NotForMe => self.toggle_not_for_me(),
            Action::RemoveFromList => self.remove_from_list(),
            Action::Undo => match self.lists.undo() {
                Some((job, what)) => {
                    self.effects.push(Effect::Store(job));
                    self.info(format!("undone: {what}"));
                    self.refresh_list_view();
                    self.rerank();
                }
                None => self.info("nothing to undo"),
            },
            _ => {}
        }
    }

    /// Shows `ops` and sends them to be saved; says `done`.
    fn change(&mut self, ops: Vec<Op>, done: &str) {
        if let Some(job) = self.lists.change(ops, done) {
            self.effects.push(Effect::Store(job));
            self.info(done);
            self.refresh_list_view();
        }
    }

    fn toggle_bookmark(&mut self) {
        let Some(entry) = self.selected_entry() else {
            return;
        };
        let list = store::DEFAULT_LIST.to_owned();
        if self.lists().contains(&list, &entry.id) {
            let id = entry.id;
            self.change(vec![Op::Remove { list, id }], "removed the bookmark");
        } else {
            self.change(
                vec![Op::Add {
                    list,
                    entry: Box::new(entry),
                }],
                "bookmarked",
            );
        }
    }

    fn toggle_read(&mut self) {
        let Some(i) = self.selected_paper() else {
            return;
        };
        let id = self.paper_id(i);
        let read = !self.lists().is_read(&id);
        let what = if read { "marked read" } else { "marked unread" };
        self.change(vec![Op::SetRead { id, read }], what);
    }

    /// Marks the selected paper "not for me", or takes the mark off; a
    /// ranking "for you" shown follows at once.
    fn toggle_not_for_me(&mut self) {
        let Some(entry) = self.selected_entry() else {
            return;
        };
        if self.lists().is_not_for_me(&entry.id) {
            let id = entry.id;
            self.change(vec![Op::ForMe { id }], "for me again");
        } else {
            self.change(
                vec![Op::NotForMe {
                    entry: Box::new(entry),
                }],
                "not for me: for you ranks away from it (u undoes)",
            );
        }
        self.rerank();
    }

    fn remove_from_list(&mut self) {
        let View::List(list) = self.view.clone() else {
            return self.info("x removes from a reading list: open one with L");
        };
        let Some(i) = self.selected_paper() else {
            return;
        };
        let id = self.paper_id(i);
        let what = format!("removed from {list}");
        self.change(vec![Op::Remove { list, id }], &what);
    }

    fn viewing(&mut self, action: Action) {
        let d = Arc::clone(&self.engine);
        match action {
            Action::PreviousDay | Action::NextDay => {
                if !self.base.days_mut().step(action == Action::PreviousDay) {
                    let which = if action == Action::PreviousDay {
                        "older"
                    } else {
                        "newer"
                    };
                    let unit = self.base.days().period().name();
                    return self.info(format!("no {which} {unit}"));
                }
            }
            Action::CyclePeriod => {
                let days = self.base.days_mut();
                days.set_period(days.period().next());
                if days.current().is_none() {
                    days.step(true);
                }
                let p = days.period();
                self.info(match p {
                    days::Period::Day => "by day, in page order".to_owned(),
                    _ => format!("by {}: most upvoted first", p.name()),
                });
            }
            Action::AllDays => {
                let days = self.base.days_mut();
                if days.current().is_some() {
                    days.show(None);
                } else if !days.step(true) {
                    return self.info("the papers are of one day");
                }
            }
            Action::OnlyNew => {
                let on = !self.base.only_new();
                self.base.set_only_new(on);
                self.info(if on { "only new papers" } else { "all papers" });
            }
            _ => {
                let sort = self.base.sort().next();
                self.base.set_sort(sort);
                self.info(format!("order: {}", sort.name()));
            }
        }
        // The selected paper stays selected while it is in view.
        self.base.rebuild(d.digest());
        self.refilter();
    }

    /// Moves to the next (or previous) new paper in the list.
    fn jump_to_new(&mut self, forward: bool) {
        if !self.jump(forward, |a, i| a.is_new(i)) {
            self.info(if forward {
                "no new paper below"
            } else {
                "no new paper above"
            });
        }
    }

    /// Moves to the next row below whose paper passes `wanted`; false when
    /// there is none.
    fn jump(&mut self, forward: bool, wanted: impl Fn(&App, usize) -> bool) -> bool {
        let n = self.list.results().len();
        let mut k = self.list.selected();
        for _ in 0..n {
            k = if forward { k + 1 } else { k.wrapping_sub(1) };
            if k >= n {
                break;
            }
            if self.list.paper_at(k).is_some_and(|i| wanted(self, i)) {
                self.select(k);
                return true;
            }
        }
        false
    }

    /// Notes the new papers on screen now: they count as shown from the
    /// next session on (`take_shown` hands them over to be recorded).
    pub fn note_on_screen(&mut self) {
        let (from, rows) = (self.list.offset(), self.sizes.list_rows);
        let on_screen: Vec<usize> = self
            .list
            .results()
            .ranked()
            .iter()
            .skip(from)
            .take(rows)
            .map(|h| h.paper as usize)
            .collect();
        for i in on_screen {
            let id = self.digest().papers()[i].id;
            if self.view == View::Digest && self.is_new(i) && self.on_screen.insert(id) {
                self.to_record.push(id);
            }
        }
    }

    /// The new papers shown since the last call.
    pub fn take_shown(&mut self) -> Vec<PaperId> {
        std::mem::take(&mut self.to_record)
    }

    /// The list a note goes to: the one viewed, else bookmarks.
    fn note_list(&self) -> String {
        match &self.view {
            View::List(name) => name.clone(),
            View::Digest => store::DEFAULT_LIST.to_owned(),
        }
    }

    /// The selected paper's entry in the note list, if it is saved there.
    pub fn note_target(&self) -> Option<(String, &Entry)> {
        let i = self.selected_paper()?;
        let list = self.note_list();
        let entry = self.lists().entry(&list, &self.paper_id(i))?;
        Some((list, entry))
    }

    fn noting(&mut self, action: Action) {
        if action == Action::AcceptNote && matches!(self.overlay, Overlay::SearchName { .. }) {
            return self.accept_search_name();
        }
        if action == Action::AcceptNote {
            if let Overlay::Note { list, id, input } =
                std::mem::replace(&mut self.overlay, Overlay::None)
            {
                self.note_edited(list, id, input);
            }
            return;
        }
        let Some((list, entry)) = self.note_target() else {
            let hint = match self.view {
                View::Digest => "notes are kept on saved papers: bookmark it first (b)",
                View::List(_) => "no paper selected",
            };
            return self.info(hint);
        };
        let (id, text) = (entry.id.clone(), entry.note.clone().unwrap_or_default());
        if action == Action::EditNote {
            let input = text.split_whitespace().collect::<Vec<_>>().join(" ");
            self.overlay = Overlay::Note { list, id, input };
        } else {
            self.effects.push(Effect::EditNote { list, id, text });
        }
    }

    /// A note written (in the one-line editor or `$EDITOR`): saved on the
    /// entry, or the note cleared when empty.
    pub fn note_edited(&mut self, list: String, id: String, text: String) {
        let text = text.trim();
        let note = (!text.is_empty()).then(|| text.to_owned());
        let what = if note.is_some() {
            "note saved"
        } else {
            "note cleared"
        };
        let before = self.lists.shown().entry(&list, &id).map(|e| e.note.clone());
        if before == Some(note.clone()) {
            return self.info("note unchanged");
        }
        self.change(vec![Op::SetNote { list, id, note }], what);
    }

    /// The store worker's answer.
    pub fn store_done(&mut self, reply: StoreReply) {
        match reply {
            StoreReply::Waiting => self.info("another paperboy is saving; retrying"),
            StoreReply::Recorded(done) => {
                self.recording = self.recording.saturating_sub(1);
                if let Err(e) = done {
                    self.error(format!("cannot record which papers were shown: {e}"));
                }
            }
            StoreReply::Done {
                seq,
                snapshot,
                error,
                notices,
            } => {
                self.lists.done(seq, snapshot, error.clone());
                self.notify(notices);
                if let Some(e) = error {
                    self.error(e);
                }
                self.refresh_list_view();
            }
        }
    }

    fn picking(&mut self, action: Action) {
        match action {
            Action::PickList if self.selected_paper().is_some() => {
                self.overlay = Overlay::Picker(Picker::new(PickFor::Add));
            }
            Action::SwitchView => match self.view {
                View::List(_) => self.show_digest(),
                View::Digest => self.overlay = Overlay::Picker(Picker::new(PickFor::View)),
            },
            Action::AcceptPick => self.accept_pick(),
            Action::Cancel => self.overlay = Overlay::None,
            _ => {}
        }
    }

    fn accept_pick(&mut self) {
        let Overlay::Picker(p) = std::mem::replace(&mut self.overlay, Overlay::None) else {
            return;
        };
        if p.purpose == PickFor::Mute {
            let profile = self.profile_choices();
            let chosen = p
                .terms(&profile)
                .get(p.selected)
                .map(|(t, w, _)| (*t, w.clone()));
            if let Some((t, word)) = chosen {
                self.toggle_mute(t, &word);
            }
            return;
        }
        let Some(name) = p.chosen(self.lists.shown()) else {
            return;
        };
        match p.purpose {
            PickFor::Add => {
                let Some(entry) = self.selected_entry() else {
                    return;
                };
                if self.lists().contains(&name, &entry.id) {
                    return self.info(format!("already in {name}"));
                }
                let what = format!("added to {name}");
                self.change(
                    vec![Op::Add {
                        list: name,
                        entry: Box::new(entry),
                    }],
                    &what,
                );
            }
            PickFor::View if self.lists().has_list(&name) => self.show_list(&name),
            PickFor::RankBy if self.lists().has_list(&name) => self.rank_by(name),
            PickFor::View | PickFor::RankBy => self.error(format!("no list named {name}")),
            PickFor::Mute => {}
        }
    }

    /// What picker `p` offers: `(name, detail)` rows, lists with their
    /// counts or the ranking's terms with their weight.
    pub fn picker_rows(&self, p: &Picker) -> Vec<(String, String)> {
        if p.purpose == PickFor::Mute {
            return p
                .terms(&self.profile_choices())
                .into_iter()
                .map(|(_, word, detail)| (word.clone(), detail.clone()))
                .collect();
        }
        p.choices(self.lists.shown())
            .into_iter()
            .map(|(name, count)| (name, count.to_string()))
            .collect()
    }

    /// A list on screen shows its entries as they are now.
    fn refresh_list_view(&mut self) {
        if let View::List(name) = self.view.clone() {
            self.show_list(&name);
        }
    }
}

/// A day's date key as `Oct 7, 2024` (`Jul 29` with no year).
fn day_name(key: u32) -> String {
    let short = super::options::DateStyle::Short.show("", key);
    match key / 10_000 {
        0 => short,
        y => format!("{short}, {y}"),
    }
}

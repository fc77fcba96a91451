//! All of the reader's state, and `update(Action)`: no terminal in here, so
//! every behaviour is tested with synthetic actions.

use std::sync::Arc;

use ratatui::crossterm::event::KeyEvent;

use super::keymap::{self, KeyMode};
use super::theme::Theme;
use super::view;
use crate::digest::{Digest, OwnedPaper};
use crate::export;
use crate::filter::{Engine, Query, Ranked, Scope};
use crate::store::{self, Entry, Op, Store};

/// Everything a key, the mouse or the terminal can ask of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    PagePaper,
    FocusNext,
    StartFilter,
    Type(char),
    DeleteChar,
    DeleteWord,
    AcceptFilter,
    ClearFilter,
    ToggleScope,
    ToggleBookmark,
    PickList,
    AcceptPick,
    RemoveFromList,
    ToggleRead,
    Undo,
    SwitchView,
    Cancel,
    OpenInBrowser,
    CopyTitle,
    ToggleHelp,
    Quit,
    Resize(u16, u16),
    Scroll { x: u16, y: u16, down: bool },
    Click { x: u16, y: u16 },
    FocusGained,
}

/// Work the app asks of the outside world; the event loop carries it out.
#[derive(Clone)]
pub enum Effect {
    /// Match `query` on the worker; the answer comes back through
    /// [`App::search_done`] with the same `seq`.
    Search {
        seq: u64,
        query: Query,
        engine: Arc<Engine>,
    },
    OpenUrl(String),
    /// Put text on the clipboard (OSC 52).
    Copy(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Paper,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickFor {
    /// `a`: add the selected paper to the chosen list.
    Add,
    /// `L`: view the chosen list.
    View,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub purpose: PickFor,
    pub input: String,
    pub selected: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    /// The key table, scrolled this far.
    Help(usize),
    Picker(Picker),
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

/// One undoable triage step: the ops that reverse it.
struct Undo {
    ops: Vec<Op>,
    what: String,
}

pub struct App {
    digest_engine: Arc<Engine>,
    engine: Arc<Engine>,
    label: String,
    pub view: View,
    pub store: Store,
    pub theme: Theme,
    /// The filter text as typed.
    pub input: String,
    pub editing: bool,
    pub scope: Scope,
    query: Query,
    /// The newest search asked for, and the one whose results are shown.
    seq: u64,
    shown_seq: u64,
    results: Ranked,
    selected: usize,
    offset: usize,
    pub focus: Focus,
    paper_scroll: usize,
    pub overlay: Overlay,
    size: (u16, u16),
    undo: Vec<Undo>,
    pub message: Option<Message>,
    effects: Vec<Effect>,
    quit: bool,
}

impl App {
    pub fn new(engine: Arc<Engine>, store: Store, label: impl Into<String>, theme: Theme) -> App {
        let n = engine.digest().len();
        let mut app = App {
            digest_engine: Arc::clone(&engine),
            engine,
            label: label.into(),
            view: View::Digest,
            store,
            theme,
            input: String::new(),
            editing: false,
            scope: Scope::Title,
            query: Query::new("", Scope::Title),
            seq: 0,
            shown_seq: 0,
            results: Ranked::all(n),
            selected: 0,
            offset: 0,
            focus: Focus::List,
            paper_scroll: 0,
            overlay: Overlay::None,
            size: (80, 24),
            undo: Vec::new(),
            message: None,
            effects: Vec::new(),
            quit: false,
        };
        app.show_store_notices();
        app
    }

    // ---- reading the state (for views and tests) ----

    pub fn digest(&self) -> &Digest {
        self.engine.digest()
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    pub fn results(&self) -> &Ranked {
        &self.results
    }

    /// Rank of the selected row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn paper_scroll(&self) -> usize {
        self.paper_scroll
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The index (in the digest) of the selected paper.
    pub fn selected_paper(&self) -> Option<usize> {
        self.results
            .ranked()
            .get(self.selected)
            .map(|h| h.paper as usize)
    }

    /// What is being viewed, for the status bar.
    pub fn label(&self) -> String {
        match &self.view {
            View::Digest => self.label.clone(),
            View::List(name) => format!("list: {name}"),
        }
    }

    /// True while a search is on its way.
    pub fn searching(&self) -> bool {
        self.shown_seq < self.seq
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Runs the searches asked for on this thread, to the end, instead of
    /// on the worker (tests and benchmarks); returns the other effects.
    pub fn run_searches_here(&mut self) -> Vec<Effect> {
        let mut others = Vec::new();
        for effect in self.take_effects() {
            match effect {
                Effect::Search { seq, query, engine } => {
                    if let Some(ranked) = engine.search(&query, None, &|| false) {
                        self.search_done(seq, ranked);
                    }
                }
                other => others.push(other),
            }
        }
        others
    }

    /// Paper `i`'s id as the store keeps it.
    fn paper_id(&self, i: usize) -> String {
        self.digest().papers()[i].id.to_string()
    }

    pub fn is_bookmarked(&self, i: usize) -> bool {
        self.store.contains(store::DEFAULT_LIST, &self.paper_id(i))
    }

    pub fn is_read(&self, i: usize) -> bool {
        self.store.is_read(&self.paper_id(i))
    }

    /// The key mode the next key press is read in.
    pub fn key_mode(&self) -> KeyMode {
        match (&self.overlay, self.editing) {
            (Overlay::Picker(_), _) => KeyMode::Picker,
            (Overlay::Help(_), _) => KeyMode::Help,
            (_, true) => KeyMode::Filter,
            _ => KeyMode::Normal,
        }
    }

    /// The list names the picker offers for its input.
    pub fn picker_choices(&self, p: &Picker) -> Vec<(String, usize)> {
        let needle = p.input.trim().to_lowercase();
        self.store
            .lists()
            .into_iter()
            .filter(|(name, _)| name.to_lowercase().contains(&needle))
            .collect()
    }

    // ---- changing it ----

    /// A key press: looked up in the key table for the current mode.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if let Some(action) = keymap::action_for(self.key_mode(), key) {
            self.message = None;
            self.update(action);
        }
    }

    pub fn update(&mut self, action: Action) {
        use Action::*;
        let page = self.list_rows().max(1);
        match action {
            Up | Down if matches!(self.overlay, Overlay::Picker(_)) => {
                self.move_picker(action == Down);
            }
            Up | Down if matches!(self.overlay, Overlay::Help(_)) => {
                if let Overlay::Help(scroll) = &mut self.overlay {
                    let max = view::help::line_count().saturating_sub(1);
                    *scroll = if action == Down {
                        (*scroll + 1).min(max)
                    } else {
                        scroll.saturating_sub(1)
                    };
                }
            }
            Up if self.focus == Focus::Paper && !self.editing => self.scroll_paper(-1),
            Down if self.focus == Focus::Paper && !self.editing => self.scroll_paper(1),
            Up => self.select_by(-1),
            Down => self.select_by(1),
            Top => self.select(0),
            Bottom => self.select(self.results.len().saturating_sub(1)),
            PageUp if self.focus == Focus::Paper => {
                self.scroll_paper(-(self.paper_rows() as isize))
            }
            PageDown if self.focus == Focus::Paper => self.scroll_paper(self.paper_rows() as isize),
            PageUp => self.select_by(-(page as isize)),
            PageDown => self.select_by(page as isize),
            PagePaper => self.scroll_paper(self.paper_rows().saturating_sub(1).max(1) as isize),
            FocusNext => {
                self.focus = match self.focus {
                    Focus::List => Focus::Paper,
                    Focus::Paper => Focus::List,
                }
            }
            StartFilter => {
                self.editing = true;
                self.focus = Focus::List;
            }
            Type(c) => match &mut self.overlay {
                Overlay::Picker(p) => {
                    p.input.push(c);
                    p.selected = 0;
                }
                _ => {
                    self.input.push(c);
                    self.refilter();
                }
            },
            DeleteChar => match &mut self.overlay {
                Overlay::Picker(p) => {
                    p.input.pop();
                    p.selected = 0;
                }
                _ => {
                    self.input.pop();
                    self.refilter();
                }
            },
            DeleteWord => {
                let keep = self.input.trim_end().rfind(' ').map_or(0, |i| i + 1);
                self.input.truncate(keep);
                self.refilter();
            }
            AcceptFilter => self.editing = false,
            ClearFilter => {
                self.editing = false;
                if !self.input.is_empty() {
                    self.input.clear();
                    self.refilter();
                }
            }
            ToggleScope => {
                self.scope = match self.scope {
                    Scope::Title => Scope::All,
                    Scope::All => Scope::Title,
                };
                self.refilter();
                self.info(format!("filter scope: {}", self.scope_help()));
            }
            ToggleBookmark => self.toggle_bookmark(),
            ToggleRead => self.toggle_read(),
            PickList => {
                if self.selected_paper().is_some() {
                    self.open_picker(PickFor::Add);
                }
            }
            SwitchView => match self.view {
                View::List(_) => self.show_digest(),
                View::Digest => self.open_picker(PickFor::View),
            },
            AcceptPick => self.accept_pick(),
            Cancel => self.overlay = Overlay::None,
            RemoveFromList => self.remove_from_list(),
            Undo => self.undo(),
            OpenInBrowser => {
                if let Some(i) = self.selected_paper() {
                    let url = export::paper_url(self.digest().title(i));
                    self.info(format!("opening {url}"));
                    self.effects.push(Effect::OpenUrl(url));
                }
            }
            CopyTitle => {
                if let Some(i) = self.selected_paper() {
                    let t = self.digest().title(i).to_owned();
                    self.info("copied the title to the clipboard");
                    self.effects.push(Effect::Copy(t));
                }
            }
            ToggleHelp => {
                self.overlay = match self.overlay {
                    Overlay::Help(_) => Overlay::None,
                    _ => Overlay::Help(0),
                }
            }
            Quit => self.quit = true,
            Resize(w, h) => {
                self.size = (w, h);
                self.clamp();
            }
            Scroll { x, y, down } => self.mouse_scroll(x, y, down),
            Click { x, y } => self.click(x, y),
            FocusGained => {
                self.store.reload();
                self.show_store_notices();
                if let View::List(name) = self.view.clone() {
                    self.show_list(&name);
                }
            }
        }
    }

    /// A finished search. Older answers than the one shown are dropped, so
    /// a slow stale search can never replace a newer result.
    pub fn search_done(&mut self, seq: u64, ranked: Ranked) {
        if seq <= self.shown_seq || seq > self.seq {
            return;
        }
        let keep = self.selected_paper();
        self.shown_seq = seq;
        self.results = ranked;
        self.selected = keep
            .and_then(|p| self.results.position_of(p as u32))
            .unwrap_or(0);
        self.paper_scroll = 0;
        self.clamp();
    }

    /// Shows a saved list instead of the digest (`paperboy --list NAME`).
    pub fn show_list(&mut self, name: &str) {
        let entries = self.store.list(name).to_vec();
        let digest = Digest::from_papers(entries.iter().map(|e| OwnedPaper {
            title: &e.title,
            abstract_: &e.abstract_,
            date: e.date.as_deref(),
            source: &e.source,
            line: e.line,
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
        self.engine = engine;
        self.results = Ranked::all(self.digest().len());
        self.shown_seq = self.seq;
        self.selected = keep
            .and_then(|id| self.digest().position(id))
            .unwrap_or(self.selected);
        self.refilter();
        self.clamp();
    }

    /// Re-runs the filter after its text, scope or digest changed.
    fn refilter(&mut self) {
        self.query = Query::new(&self.input, self.scope);
        self.seq += 1;
        if self.query.is_empty() {
            // Nothing to match: every paper, at once.
            self.search_done(self.seq, Ranked::all(self.digest().len()));
        } else {
            self.effects.push(Effect::Search {
                seq: self.seq,
                query: self.query.clone(),
                engine: Arc::clone(&self.engine),
            });
        }
    }

    fn scope_help(&self) -> &'static str {
        match self.scope {
            Scope::Title => "titles",
            Scope::All => "titles and abstracts",
        }
    }

    fn list_rows(&self) -> usize {
        view::layout(self.size).list_rows()
    }

    fn paper_rows(&self) -> usize {
        view::layout(self.size).paper_rows()
    }

    fn select(&mut self, i: usize) {
        if self.results.is_empty() {
            self.selected = 0;
        } else {
            self.selected = i.min(self.results.len() - 1);
        }
        self.paper_scroll = 0;
        self.clamp();
    }

    fn select_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    /// Keeps selection, offset and paper scroll valid for the results and the
    /// screen, and ranks as far as the screen shows.
    fn clamp(&mut self) {
        let n = self.results.len();
        let rows = self.list_rows().max(1);
        self.selected = self.selected.min(n.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(n.saturating_sub(rows));
        self.results.ensure_sorted(self.offset + rows + 1);
        // Laying out the abstract costs what drawing it does: skip it when
        // the scroll is at the top (every list move puts it there).
        if self.paper_scroll > 0 {
            self.paper_scroll = self.paper_scroll.min(self.max_paper_scroll());
        }
    }

    fn max_paper_scroll(&self) -> usize {
        let l = view::layout(self.size);
        view::paper::content_height(self, l.paper_width()).saturating_sub(l.paper_rows())
    }

    fn scroll_paper(&mut self, delta: isize) {
        self.paper_scroll = self
            .paper_scroll
            .saturating_add_signed(delta)
            .min(self.max_paper_scroll());
    }

    fn mouse_scroll(&mut self, x: u16, y: u16, down: bool) {
        let l = view::layout(self.size);
        let d = if down { 3 } else { -3 };
        if l.paper.contains((x, y).into()) {
            self.scroll_paper(d);
        } else if l.list.contains((x, y).into()) {
            self.select_by(d);
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let l = view::layout(self.size);
        let inner = view::inner(l.list);
        if inner.contains((x, y).into()) {
            let row = self.offset + (y - inner.y) as usize;
            if row < self.results.len() {
                self.focus = Focus::List;
                self.select(row);
            }
        } else if l.paper.contains((x, y).into()) {
            self.focus = Focus::Paper;
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

    // ---- triage: every change goes through the store and can be undone ----

    fn selected_entry(&self) -> Option<Entry> {
        self.selected_paper()
            .map(|i| Entry::from_paper(&self.digest().get(i)))
    }

    /// Applies `ops`; on success remembers `undo` and says `done`.
    fn triage(&mut self, ops: Vec<Op>, undo: Vec<Op>, done: String) -> bool {
        let ok = match self.store.apply(&ops) {
            Ok(()) => {
                self.undo.push(Undo {
                    ops: undo,
                    what: done.clone(),
                });
                self.info(done);
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        };
        self.show_store_notices();
        ok
    }

    /// Tells the user what the store found (a corrupt file moved aside).
    fn show_store_notices(&mut self) {
        if let Some(n) = self.store.notices.pop() {
            self.store.notices.clear();
            self.error(n);
        }
    }

    fn toggle_bookmark(&mut self) {
        let Some(entry) = self.selected_entry() else {
            return;
        };
        let list = store::DEFAULT_LIST.to_owned();
        let existing = self.store.entry(&list, &entry.id).cloned();
        let (ops, undo, what) = match existing {
            Some(old) => (
                vec![Op::Remove {
                    list: list.clone(),
                    id: old.id.clone(),
                }],
                vec![Op::Add { list, entry: old }],
                "removed the bookmark",
            ),
            None => (
                vec![Op::Add {
                    list: list.clone(),
                    entry: entry.clone(),
                }],
                vec![Op::Remove { list, id: entry.id }],
                "bookmarked",
            ),
        };
        if self.triage(ops, undo, what.into()) {
            self.refresh_list_view();
        }
    }

    fn toggle_read(&mut self) {
        let Some(i) = self.selected_paper() else {
            return;
        };
        let id = self.paper_id(i);
        let read = !self.store.is_read(&id);
        let what = if read { "marked read" } else { "marked unread" };
        self.triage(
            vec![Op::SetRead {
                id: id.clone(),
                read,
            }],
            vec![Op::SetRead { id, read: !read }],
            what.into(),
        );
    }

    fn open_picker(&mut self, purpose: PickFor) {
        self.overlay = Overlay::Picker(Picker {
            purpose,
            input: String::new(),
            selected: 0,
        });
    }

    fn move_picker(&mut self, down: bool) {
        let Overlay::Picker(p) = &self.overlay else {
            return;
        };
        let n = self.picker_choices(p).len();
        if let Overlay::Picker(p) = &mut self.overlay {
            p.selected = if down {
                (p.selected + 1).min(n.saturating_sub(1))
            } else {
                p.selected.saturating_sub(1)
            };
        }
    }

    fn accept_pick(&mut self) {
        let Overlay::Picker(p) = std::mem::replace(&mut self.overlay, Overlay::None) else {
            return;
        };
        let choices = self.picker_choices(&p);
        let name = match choices.get(p.selected) {
            Some((name, _)) => name.clone(),
            None => p.input.trim().to_owned(),
        };
        if name.is_empty() {
            return;
        }
        match p.purpose {
            PickFor::Add => {
                let Some(entry) = self.selected_entry() else {
                    return;
                };
                if self.store.contains(&name, &entry.id) {
                    return self.info(format!("already in {name}"));
                }
                let undo = vec![Op::Remove {
                    list: name.clone(),
                    id: entry.id.clone(),
                }];
                let ops = vec![Op::Add {
                    list: name.clone(),
                    entry,
                }];
                if self.triage(ops, undo, format!("added to {name}")) {
                    self.refresh_list_view();
                }
            }
            PickFor::View => {
                if self.store.has_list(&name) {
                    self.show_list(&name);
                } else {
                    self.error(format!("no list named {name}"));
                }
            }
        }
    }

    fn remove_from_list(&mut self) {
        let View::List(list) = self.view.clone() else {
            return self.info("x removes from a reading list: open one with L");
        };
        let Some(i) = self.selected_paper() else {
            return;
        };
        let id = self.paper_id(i);
        let Some(old) = self.store.entry(&list, &id).cloned() else {
            return;
        };
        let ops = vec![Op::Remove {
            list: list.clone(),
            id,
        }];
        let undo = vec![Op::Add {
            list: list.clone(),
            entry: old,
        }];
        if self.triage(ops, undo, format!("removed from {list}")) {
            self.refresh_list_view();
        }
    }

    fn undo(&mut self) {
        let Some(u) = self.undo.pop() else {
            return self.info("nothing to undo");
        };
        match self.store.apply(&u.ops) {
            Ok(()) => {
                self.info(format!("undone: {}", u.what));
                self.refresh_list_view();
            }
            Err(e) => {
                self.error(e.to_string());
                self.undo.push(u);
            }
        }
    }

    /// A list on screen shows its entries as they are now.
    fn refresh_list_view(&mut self) {
        if let View::List(name) = self.view.clone() {
            self.show_list(&name);
        }
    }
}

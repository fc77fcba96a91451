//! The reader without a terminal: key sequences against App state, and whole
//! screens rendered on ratatui's TestBackend and snapshotted.

use std::sync::Arc;

use paperboy::digest::{Digest, SAMPLE, SAMPLE_NAME};
use paperboy::filter::{Engine, Ranked, Scope};
use paperboy::store::Store;
use paperboy::tui::app::{Action, App, Effect, Focus, Overlay, View};
use paperboy::tui::theme::Theme;
use paperboy::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use tempfile::TempDir;

struct Harness {
    app: App,
    _dir: TempDir,
}

fn harness_with(digest: Digest, theme: Theme) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let engine = Arc::new(Engine::new(Arc::new(digest)));
    let mut app = App::new(engine, store, SAMPLE_NAME, theme);
    app.update(Action::Resize(120, 40));
    Harness { app, _dir: dir }
}

fn harness() -> Harness {
    harness_with(Digest::parse(SAMPLE_NAME, SAMPLE), Theme::plain())
}

impl Harness {
    /// Runs what the event loop would: searches complete synchronously.
    fn settle(&mut self) {
        self.app.run_searches_here();
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        self.settle();
        self
    }

    fn ctrl(&mut self, c: char) -> &mut Self {
        self.app
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        self.settle();
        self
    }

    /// Types each character as a key press.
    fn typed(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    fn title(&self) -> String {
        let i = self.app.selected_paper().unwrap();
        self.app.digest().title(i).to_owned()
    }

    fn screen(&self, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view::render(&self.app, f)).unwrap();
        t
    }
}

#[test]
fn moving_through_the_list() {
    let mut h = harness();
    assert_eq!(h.app.selected(), 0);
    h.typed("jjj");
    assert_eq!(h.app.selected(), 3);
    h.typed("k");
    assert_eq!(h.app.selected(), 2);
    h.typed("G");
    assert_eq!(h.app.selected(), 120);
    h.typed("j");
    assert_eq!(h.app.selected(), 120, "clamped at the end");
    h.key(KeyCode::Home);
    assert_eq!(h.app.selected(), 0);
    let page = view::layout((120, 40)).list_rows();
    h.key(KeyCode::PageDown);
    assert_eq!(h.app.selected(), page);
    h.ctrl('u');
    assert_eq!(h.app.selected(), 0);
    h.ctrl('d').ctrl('d');
    assert_eq!(h.app.selected(), 2 * page);
    assert!(h.app.offset() <= h.app.selected());
    assert!(h.app.selected() < h.app.offset() + page);
    h.key(KeyCode::End);
    assert_eq!(h.app.offset(), 121 - page);
}

#[test]
fn live_filter_enter_keeps_it_esc_clears_it() {
    let mut h = harness();
    h.typed("/quantiz");
    assert!(h.app.editing);
    assert_eq!(h.app.results().len(), 11);
    // The selected paper still matches, so it stays selected (second best).
    assert!(h.title().starts_with("LRP-QViT"));
    assert_eq!(h.app.selected(), 1);
    h.key(KeyCode::Enter);
    assert!(!h.app.editing);
    assert_eq!(h.app.input, "quantiz");
    h.typed("j");
    assert_eq!(h.app.selected(), 2, "j moves once the filter is kept");
    h.typed("/");
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.input, "quanti");
    h.key(KeyCode::Esc);
    assert!(!h.app.editing);
    assert_eq!(h.app.input, "");
    assert_eq!(h.app.results().len(), 121);
}

#[test]
fn selection_stays_on_the_same_paper_while_it_matches() {
    let mut h = harness();
    h.typed("j"); // VQ-Logits
    let before = h.title();
    h.typed("/q");
    assert_eq!(h.title(), before);
    h.typed("uantiz");
    assert_eq!(h.title(), before);
    h.typed("zzz");
    assert!(h.app.results().is_empty());
    assert_eq!(h.app.selected_paper(), None);
    h.ctrl('w');
    assert_eq!(h.app.input, "");
    assert_eq!(h.app.results().len(), 121);
}

#[test]
fn scope_toggle_widens_to_abstracts() {
    let mut h = harness();
    h.typed("/quantiz");
    let titles = h.app.results().len();
    h.key(KeyCode::Tab);
    assert_eq!(h.app.scope, Scope::All);
    assert!(h.app.results().len() > titles);
    h.key(KeyCode::Enter).typed("s");
    assert_eq!(h.app.scope, Scope::Title);
    assert_eq!(h.app.results().len(), titles);
}

#[test]
fn a_stale_search_result_never_replaces_a_newer_one() {
    let mut h = harness();
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE));
    let effects = h.app.take_effects();
    let searches: Vec<(u64, _, _)> = effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Search { seq, query, engine } => Some((seq, query, engine)),
            _ => None,
        })
        .collect();
    assert_eq!(searches.len(), 2);
    let run = |i: usize| {
        searches[i]
            .2
            .search(&searches[i].1, None, &|| false)
            .unwrap()
    };
    let (newer, older) = (run(1), run(0));
    let newer_len = newer.len();
    assert!(h.app.searching());
    h.app.search_done(searches[1].0, newer);
    assert!(!h.app.searching());
    h.app.search_done(searches[0].0, older);
    assert_eq!(
        h.app.results().len(),
        newer_len,
        "the older answer was dropped"
    );
    // An answer for a search never asked for is dropped too.
    h.app.search_done(99, Ranked::all(3));
    assert_eq!(h.app.results().len(), newer_len);
}

#[test]
fn tab_moves_focus_and_keys_scroll_the_abstract() {
    let mut h = harness();
    h.app.update(Action::Resize(80, 24));
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Focus::Paper);
    h.typed("jj");
    assert_eq!(h.app.paper_scroll(), 2);
    assert_eq!(h.app.selected(), 0, "the list did not move");
    h.typed(" ");
    assert!(h.app.paper_scroll() > 2);
    for _ in 0..100 {
        h.typed("j");
    }
    let max = h.app.paper_scroll();
    h.typed("j");
    assert_eq!(
        h.app.paper_scroll(),
        max,
        "clamped at the end of the abstract"
    );
    h.typed("k");
    assert_eq!(h.app.paper_scroll(), max - 1);
    h.key(KeyCode::Tab).typed("j");
    assert_eq!(h.app.focus, Focus::List);
    assert_eq!((h.app.selected(), h.app.paper_scroll()), (1, 0));
}

#[test]
fn bookmark_read_and_undo() {
    let mut h = harness();
    h.typed("b");
    assert!(h.app.is_bookmarked(0));
    assert_eq!(h.app.message.as_ref().unwrap().text, "bookmarked");
    h.typed("jr");
    assert!(h.app.is_read(1));
    h.typed("u");
    assert!(!h.app.is_read(1));
    h.typed("u");
    assert!(!h.app.is_bookmarked(0));
    h.typed("u");
    assert_eq!(h.app.message.as_ref().unwrap().text, "nothing to undo");
    h.typed("kbb");
    assert!(!h.app.is_bookmarked(0));
    h.typed("u");
    assert!(h.app.is_bookmarked(0), "undo of an unbookmark restores it");
}

#[test]
fn add_to_a_new_list_view_it_remove_and_undo() {
    let mut h = harness();
    h.typed("jj");
    let title = h.title();
    h.typed("a");
    assert!(matches!(h.app.overlay, Overlay::Picker(_)));
    h.typed("cite");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.overlay, Overlay::None);
    assert_eq!(h.app.message.as_ref().unwrap().text, "added to cite");
    assert_eq!(h.app.store.list("cite").len(), 1);
    // View the list: the picker filters names as you type.
    h.typed("L").typed("ci");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view, View::List("cite".into()));
    assert_eq!(h.app.results().len(), 1);
    assert_eq!(h.title(), title);
    h.typed("x");
    assert!(h.app.results().is_empty());
    assert!(h.app.store.list("cite").is_empty());
    h.typed("u");
    assert_eq!(h.app.results().len(), 1);
    h.typed("L");
    assert_eq!(h.app.view, View::Digest);
    assert_eq!(h.title(), title, "back on the same paper");
    h.typed("x");
    assert!(
        h.app
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("open one with L")
    );
    h.typed("a");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.overlay, Overlay::None);
}

#[test]
fn saved_list_shows_without_its_digest() {
    let mut h = harness();
    h.typed("b");
    // A reader on another digest still shows the saved paper.
    let other = Digest::parse(
        "other.txt",
        "Jul 1\n\nSomething Else\n\nWe propose a method that works well on many tasks and beats every baseline we tried.\n",
    );
    let store = Store::open(h.app.store.dir());
    let mut app = App::new(
        Arc::new(Engine::new(Arc::new(other))),
        store,
        "other.txt",
        Theme::plain(),
    );
    app.show_list("bookmarks");
    assert_eq!(app.results().len(), 1);
    let i = app.selected_paper().unwrap();
    assert!(app.digest().title(i).starts_with("LRP-QViT"));
}

#[test]
fn mouse_click_selects_and_wheel_scrolls_the_pane_under_it() {
    let mut h = harness();
    let l = view::layout((120, 40));
    h.app.update(Action::Click {
        x: l.list.x + 5,
        y: l.list.y + 1 + 4,
    });
    assert_eq!(h.app.selected(), 4);
    h.app.update(Action::Scroll {
        x: l.paper.x + 5,
        y: l.paper.y + 5,
        down: true,
    });
    assert_eq!(h.app.selected(), 4);
    h.app.update(Action::Scroll {
        x: l.list.x + 5,
        y: l.list.y + 5,
        down: true,
    });
    assert_eq!(h.app.selected(), 7);
    h.app.update(Action::Click {
        x: l.paper.x + 3,
        y: l.paper.y + 3,
    });
    assert_eq!(h.app.focus, Focus::Paper);
}

#[test]
fn help_quit_open_and_copy() {
    let mut h = harness();
    h.typed("?");
    assert_eq!(h.app.overlay, Overlay::Help(0));
    h.typed("j");
    assert_eq!(h.app.overlay, Overlay::Help(1));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.overlay, Overlay::None);
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
    let effects = h.app.take_effects();
    assert!(
        matches!(&effects[0], Effect::OpenUrl(u) if u.starts_with("https://arxiv.org/search/?query=LRP-QViT"))
    );
    assert!(matches!(&effects[1], Effect::Copy(t) if t.starts_with("LRP-QViT")));
    assert!(!h.app.should_quit());
    h.typed("q");
    assert!(h.app.should_quit());
    let mut h = harness();
    h.typed("/").ctrl('c');
    assert!(h.app.should_quit(), "Ctrl-c quits while filtering");
}

// ---- screens ----

#[test]
fn snapshot_main_screen() {
    let h = harness();
    insta::assert_snapshot!("main_120x40", h.screen(120, 40).backend());
    let mut h = harness();
    h.app.update(Action::Resize(80, 24));
    insta::assert_snapshot!("main_80x24", h.screen(80, 24).backend());
}

#[test]
fn snapshot_filtered_screen() {
    let mut h = harness();
    h.typed("/quantiz vis");
    insta::assert_snapshot!("filtered_120x40", h.screen(120, 40).backend());
    h.app.update(Action::Resize(80, 24));
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("filtered_80x24", h.screen(80, 24).backend());
}

#[test]
fn snapshot_help_overlay() {
    let mut h = harness();
    h.typed("?");
    insta::assert_snapshot!("help_120x40", h.screen(120, 40).backend());
    h.app.update(Action::Resize(80, 24));
    insta::assert_snapshot!("help_80x24", h.screen(80, 24).backend());
}

#[test]
fn snapshot_empty_result() {
    let mut h = harness();
    h.typed("/xyzzyq");
    insta::assert_snapshot!("empty_120x40", h.screen(120, 40).backend());
    h.app.update(Action::Resize(80, 24));
    insta::assert_snapshot!("empty_80x24", h.screen(80, 24).backend());
}

#[test]
fn snapshot_narrow_layout_and_picker() {
    let mut h = harness();
    h.app.update(Action::Resize(60, 30));
    h.typed("bja");
    insta::assert_snapshot!("narrow_picker_60x30", h.screen(60, 30).backend());
    let mut h = harness();
    h.app.update(Action::Resize(20, 5));
    insta::assert_snapshot!("too_small_20x5", h.screen(20, 5).backend());
}

#[test]
fn no_panic_at_any_size() {
    let mut h = harness();
    h.typed("b/quant");
    for overlay in ["", "?"] {
        h.typed(overlay);
        for w in 1..=120 {
            for hgt in 1..=40 {
                h.app.update(Action::Resize(w, hgt));
                let _ = h.screen(w, hgt);
            }
        }
    }
}

#[test]
fn no_color_keeps_the_selection_visible() {
    let h = harness_with(Digest::parse(SAMPLE_NAME, SAMPLE), Theme::plain());
    let t = h.screen(120, 40);
    let buf = t.backend().buffer();
    let mut reversed_cells = 0;
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "no colour with NO_COLOR");
        assert_eq!(cell.bg, Color::Reset, "no colour with NO_COLOR");
        if cell.modifier.contains(Modifier::REVERSED) {
            reversed_cells += 1;
        }
    }
    // The selected row (and the status bar) are in reverse video.
    let row = view::inner(view::layout((120, 40)).list);
    assert!(
        buf[(row.x + 3, row.y)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    assert!(reversed_cells >= row.width as usize);
}

#[test]
fn titles_with_escape_sequences_render_harmlessly() {
    let evil = "Jul 29\n\n\x1b]52;c;cHduZWQ=\x07Evil \x1b[2JTitle\u{202e}\n\nWe propose a method that works well on many tasks and beats every baseline.\n";
    let h = harness_with(Digest::parse("evil.txt", evil), Theme::color());
    let t = h.screen(120, 10);
    for cell in t.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "{:?}",
            cell.symbol()
        );
    }
}

#[test]
fn a_corrupt_store_is_reported_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lists.json"), "not json").unwrap();
    let engine = Arc::new(Engine::new(Arc::new(Digest::parse(SAMPLE_NAME, SAMPLE))));
    let mut app = App::new(engine, Store::open(dir.path()), SAMPLE_NAME, Theme::plain());
    let m = app.message.clone().unwrap();
    assert!(m.error && m.text.contains("moved it aside"), "{}", m.text);
    // Corrupted again behind the reader's back: the next save says so too.
    std::fs::write(dir.path().join("lists.json"), "{").unwrap();
    app.handle_key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE));
    let m = app.message.clone().unwrap();
    assert!(m.text.contains("moved it aside"), "{}", m.text);
    assert!(app.is_bookmarked(0), "and the bookmark is still saved");
}

#[test]
fn changes_made_elsewhere_show_up_on_focus_and_on_save() {
    let mut h = harness();
    // Another paperboy (a script, another terminal) bookmarks paper 1.
    let mut other = Store::open(h.app.store.dir());
    let entry = paperboy::store::Entry::from_paper(&h.app.digest().get(1));
    other
        .apply(&[paperboy::store::Op::Add {
            list: "bookmarks".into(),
            entry,
        }])
        .unwrap();
    assert!(!h.app.is_bookmarked(1));
    h.app.update(Action::FocusGained);
    assert!(h.app.is_bookmarked(1));
    // And a save of ours keeps theirs.
    let entry = paperboy::store::Entry::from_paper(&h.app.digest().get(2));
    other
        .apply(&[paperboy::store::Op::Add {
            list: "cite".into(),
            entry,
        }])
        .unwrap();
    h.typed("b");
    assert!(h.app.is_bookmarked(0) && h.app.is_bookmarked(1));
    assert_eq!(h.app.store.list("cite").len(), 1);
}

#[test]
fn the_cursor_sits_after_the_typed_filter() {
    let mut h = harness();
    h.typed("/quant");
    let mut t = h.screen(120, 40);
    let pos = t.get_cursor_position().unwrap();
    // " 11/121 /quant" on the last row: the cursor follows the "t".
    let prefix = format!(" {}/121 /quant", h.app.results().len());
    assert_eq!((pos.x as usize, pos.y), (prefix.chars().count(), 39));
}

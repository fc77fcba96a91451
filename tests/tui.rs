//! The reader without a terminal: key sequences against App state, and whole
//! screens rendered on ratatui's TestBackend and snapshotted.

use std::sync::Arc;

use paperboy::digest::{Digest, SAMPLE, SAMPLE_NAME};
use paperboy::filter::{Engine, Ranked, Scope};
use paperboy::store::Store;
use paperboy::tui::Reader;
use paperboy::tui::action::Action;
use paperboy::tui::app::{App, Effect, Focus, Overlay, View};
use paperboy::tui::keymap::Keymap;
use paperboy::tui::theme::Theme;
use paperboy::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::style::{Color, Modifier};
use tempfile::TempDir;

struct Harness {
    reader: Reader,
    store: Store,
    _dir: TempDir,
}

fn harness_with(digest: Digest, theme: Theme) -> Harness {
    harness_keyed(digest, theme, Keymap::default(), |a| a)
}

/// A harness on the key table `keys`, its app first passed through `setup`.
fn harness_keyed(
    digest: Digest,
    theme: Theme,
    keys: Keymap,
    setup: impl FnOnce(App) -> App,
) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let engine = Arc::new(Engine::new(Arc::new(digest)));
    let app = setup(App::new(
        engine,
        store.snapshot().clone(),
        SAMPLE_NAME,
        theme,
    ));
    let reader = Reader::new(app, keys, (120, 40));
    Harness {
        reader,
        store,
        _dir: dir,
    }
}

fn harness() -> Harness {
    harness_with(Digest::parse(SAMPLE_NAME, SAMPLE), Theme::plain())
}

impl Harness {
    fn app(&self) -> &App {
        self.reader.app()
    }

    /// Runs what the workers would: searches and saves complete here.
    fn settle(&mut self) -> Vec<Effect> {
        self.reader.settle(&mut self.store)
    }

    /// A key press, not yet settled.
    fn press(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.reader.press(KeyEvent::new(code, mods));
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.press(code, KeyModifiers::NONE);
        self.settle();
        self
    }

    fn ctrl(&mut self, c: char) -> &mut Self {
        self.press(KeyCode::Char(c), KeyModifiers::CONTROL);
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

    fn message(&self) -> String {
        self.app()
            .message()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    fn title(&self) -> String {
        let i = self.app().selected_paper().unwrap();
        self.app().digest().title(i).to_owned()
    }

    fn saved(&self, list: &str) -> usize {
        Store::open(self.store.dir()).snapshot().list(list).len()
    }

    fn screen(&mut self, w: u16, h: u16) -> Terminal<TestBackend> {
        self.reader.resize(w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| self.reader.draw(f)).unwrap();
        t
    }

    fn mouse(&mut self, kind: MouseEventKind, x: u16, y: u16) {
        self.reader.mouse(MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        });
    }
}

#[test]
fn moving_through_the_list() {
    let mut h = harness();
    assert_eq!(h.app().selected(), 0);
    h.typed("jjj");
    assert_eq!(h.app().selected(), 3);
    h.typed("k");
    assert_eq!(h.app().selected(), 2);
    h.typed("G");
    assert_eq!(h.app().selected(), 120);
    h.typed("j");
    assert_eq!(h.app().selected(), 120, "clamped at the end");
    h.key(KeyCode::Home);
    assert_eq!(h.app().selected(), 0);
    let page = view::layout((120, 40)).list_rows();
    h.key(KeyCode::PageDown);
    assert_eq!(h.app().selected(), page);
    h.ctrl('u');
    assert_eq!(h.app().selected(), 0);
    h.ctrl('d').ctrl('d');
    assert_eq!(h.app().selected(), 2 * page);
    assert!(h.app().offset() <= h.app().selected());
    assert!(h.app().selected() < h.app().offset() + page);
    h.key(KeyCode::End);
    assert_eq!(h.app().offset(), 121 - page);
}

#[test]
fn live_filter_enter_keeps_it_esc_clears_it() {
    let mut h = harness();
    h.typed("/quantiz");
    assert!(h.app().editing());
    assert_eq!(h.app().results().len(), 11);
    // The selected paper still matches, so it stays selected (second best).
    assert!(h.title().starts_with("LRP-QViT"));
    assert_eq!(h.app().selected(), 1);
    h.key(KeyCode::Enter);
    assert!(!h.app().editing());
    assert_eq!(h.app().input(), "quantiz");
    h.typed("j");
    assert_eq!(h.app().selected(), 2, "j moves once the filter is kept");
    h.typed("/");
    h.key(KeyCode::Backspace);
    assert_eq!(h.app().input(), "quanti");
    h.key(KeyCode::Esc);
    assert!(!h.app().editing());
    assert_eq!(h.app().input(), "");
    assert_eq!(h.app().results().len(), 121);
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
    assert!(h.app().results().is_empty());
    assert_eq!(h.app().selected_paper(), None);
    h.ctrl('w');
    assert_eq!(h.app().input(), "");
    assert_eq!(h.app().results().len(), 121);
}

#[test]
fn scope_toggle_widens_to_abstracts() {
    let mut h = harness();
    h.typed("/quantiz");
    let titles = h.app().results().len();
    h.key(KeyCode::Tab);
    assert_eq!(h.app().scope(), Scope::All);
    assert!(h.app().results().len() > titles);
    h.key(KeyCode::Enter).typed("s");
    assert_eq!(h.app().scope(), Scope::Title);
    assert_eq!(h.app().results().len(), titles);
}

#[test]
fn a_stale_search_result_never_replaces_a_newer_one() {
    let mut h = harness();
    for c in "/qu".chars() {
        h.press(KeyCode::Char(c), KeyModifiers::NONE);
    }
    let effects = h.reader.take_effects();
    let searches: Vec<(u64, _, _, _)> = effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Search(job) => Some((job.seq, job.query, job.engine, job.within)),
            _ => None,
        })
        .collect();
    assert_eq!(searches.len(), 2);
    let run = |i: usize| {
        let among = searches[i].3.as_deref().map(Vec::as_slice);
        searches[i]
            .2
            .search(&searches[i].1, among, &|| false)
            .unwrap()
    };
    let (newer, older) = (run(1), run(0));
    let newer_len = newer.len();
    assert!(h.app().searching());
    h.reader.with_app(|a| a.search_done(searches[1].0, newer));
    assert!(!h.app().searching());
    h.reader.with_app(|a| a.search_done(searches[0].0, older));
    assert_eq!(
        h.app().results().len(),
        newer_len,
        "the older answer was dropped"
    );
    // An answer for a search never asked for is dropped too.
    h.reader.with_app(|a| a.search_done(99, Ranked::all(3)));
    assert_eq!(h.app().results().len(), newer_len);
}

#[test]
fn tab_moves_focus_and_keys_scroll_the_abstract() {
    let mut h = harness();
    h.reader.resize(80, 24);
    h.key(KeyCode::Tab);
    assert_eq!(h.app().focus(), Focus::Paper);
    h.typed("jj");
    assert_eq!(h.app().paper_scroll(), 2);
    assert_eq!(h.app().selected(), 0, "the list did not move");
    h.typed(" ");
    assert!(h.app().paper_scroll() > 2);
    for _ in 0..100 {
        h.typed("j");
    }
    let max = h.app().paper_scroll();
    h.typed("j");
    assert_eq!(
        h.app().paper_scroll(),
        max,
        "clamped at the end of the abstract"
    );
    h.typed("k");
    assert_eq!(h.app().paper_scroll(), max - 1);
    h.key(KeyCode::Tab).typed("j");
    assert_eq!(h.app().focus(), Focus::List);
    assert_eq!((h.app().selected(), h.app().paper_scroll()), (1, 0));
}

#[test]
fn bookmark_read_and_undo() {
    let mut h = harness();
    h.typed("b");
    assert!(h.app().is_bookmarked(0));
    assert_eq!(h.message(), "bookmarked");
    h.typed("jr");
    assert!(h.app().is_read(1));
    h.typed("u");
    assert!(!h.app().is_read(1));
    h.typed("u");
    assert!(!h.app().is_bookmarked(0));
    h.typed("u");
    assert_eq!(h.message(), "nothing to undo");
    h.typed("kbb");
    assert!(!h.app().is_bookmarked(0));
    h.typed("u");
    assert!(
        h.app().is_bookmarked(0),
        "undo of an unbookmark restores it"
    );
}

#[test]
fn a_list_name_typed_in_the_picker_is_made_once() {
    let mut h = harness();
    // Too long a name is said, and nothing is saved.
    h.typed("a");
    h.typed(&"x".repeat(paperboy::store::MAX_NAME + 1));
    h.key(KeyCode::Enter);
    assert_eq!(h.message(), "a list's name is at most 200 characters");
    assert_eq!(h.app().lists().names().len(), 1, "only bookmarks");
    // A name that matches no list makes one, spaces and all.
    h.typed("a").typed("a reading list");
    h.key(KeyCode::Enter);
    assert_eq!(h.message(), "added to a reading list");
    assert_eq!(h.saved("a reading list"), 1);
}

#[test]
fn add_to_a_new_list_view_it_remove_and_undo() {
    let mut h = harness();
    h.typed("jj");
    let title = h.title();
    h.typed("a");
    assert!(matches!(*h.app().overlay(), Overlay::Picker(_)));
    h.typed("cite");
    h.key(KeyCode::Enter);
    assert_eq!(*h.app().overlay(), Overlay::None);
    assert_eq!(h.message(), "added to cite");
    assert_eq!(h.saved("cite"), 1);
    // View the list: the picker filters names as you type.
    h.typed("L").typed("ci");
    h.key(KeyCode::Enter);
    assert_eq!(*h.app().view(), View::List("cite".parse().unwrap()));
    assert_eq!(h.app().results().len(), 1);
    assert_eq!(h.title(), title);
    h.typed("x");
    assert!(h.app().results().is_empty());
    assert_eq!(h.saved("cite"), 0);
    h.typed("u");
    assert_eq!(h.app().results().len(), 1);
    h.typed("L");
    assert_eq!(*h.app().view(), View::Digest);
    assert_eq!(h.title(), title, "back on the same paper");
    h.typed("x");
    assert!(h.message().contains("open one with L"));
    h.typed("a");
    h.key(KeyCode::Esc);
    assert_eq!(*h.app().overlay(), Overlay::None);
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
    let store = Store::open(h.store.dir());
    let mut app = App::new(
        Arc::new(Engine::new(Arc::new(other))),
        store.snapshot().clone(),
        "other.txt",
        Theme::plain(),
    );
    app.show_list(paperboy::store::ListName::bookmarks());
    assert_eq!(app.results().len(), 1);
    let i = app.selected_paper().unwrap();
    assert!(app.digest().title(i).starts_with("LRP-QViT"));
}

#[test]
fn mouse_click_selects_and_wheel_scrolls_the_pane_under_it() {
    let mut h = harness();
    // Short enough that every abstract needs scrolling.
    h.reader.resize(100, 20);
    let l = view::layout((100, 20));
    let click = MouseEventKind::Down(MouseButton::Left);
    h.mouse(click, l.list.x + 5, l.list.y + 1 + 4);
    assert_eq!(h.app().selected(), 4);
    h.mouse(MouseEventKind::ScrollDown, l.paper.x + 5, l.paper.y + 5);
    assert_eq!(h.app().selected(), 4);
    assert_eq!(
        h.app().paper_scroll(),
        3,
        "the wheel over the abstract scrolls it"
    );
    h.mouse(MouseEventKind::ScrollDown, l.list.x + 5, l.list.y + 5);
    assert_eq!(h.app().selected(), 7);
    assert_eq!(
        h.app().paper_scroll(),
        0,
        "a new paper is read from its top"
    );
    h.mouse(click, l.paper.x + 3, l.paper.y + 3);
    assert_eq!(h.app().focus(), Focus::Paper);
    // A click below the last paper selects nothing.
    h.typed("/quantiz vision")
        .key(KeyCode::Enter)
        .key(KeyCode::Tab);
    let (shown, selected) = (h.app().results().len(), h.app().selected());
    assert!(shown < 10);
    h.mouse(click, l.list.x + 5, l.list.y + 1 + 10);
    assert_eq!(
        (h.app().focus(), h.app().selected()),
        (Focus::Paper, selected)
    );
}

#[test]
fn help_quit_open_and_copy() {
    let mut h = harness();
    h.typed("?");
    assert_eq!(*h.app().overlay(), Overlay::Help(0));
    h.typed("j");
    assert_eq!(*h.app().overlay(), Overlay::Help(1));
    h.key(KeyCode::Esc);
    assert_eq!(*h.app().overlay(), Overlay::None);
    h.press(KeyCode::Char('o'), KeyModifiers::NONE);
    h.press(KeyCode::Char('y'), KeyModifiers::NONE);
    let effects = h.settle();
    assert!(
        matches!(&effects[0], Effect::OpenUrl(u) if u.starts_with("https://arxiv.org/search/?query=LRP-QViT"))
    );
    assert!(matches!(&effects[1], Effect::Copy(t) if t.starts_with("LRP-QViT")));
    assert!(!h.app().should_quit());
    h.typed("q");
    assert!(h.app().should_quit());
    let mut h = harness();
    h.typed("/").ctrl('c');
    assert!(h.app().should_quit(), "Ctrl-c quits while filtering");
}

// ---- screens ----

#[test]
fn snapshot_main_screen() {
    let mut h = harness();
    insta::assert_snapshot!("main_120x40", h.screen(120, 40).backend());
    let mut h = harness();
    h.reader.resize(80, 24);
    insta::assert_snapshot!("main_80x24", h.screen(80, 24).backend());
}

#[test]
fn snapshot_filtered_screen() {
    let mut h = harness();
    h.typed("/quantiz vis");
    insta::assert_snapshot!("filtered_120x40", h.screen(120, 40).backend());
    h.reader.resize(80, 24);
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("filtered_80x24", h.screen(80, 24).backend());
}

#[test]
fn snapshot_help_overlay() {
    let mut h = harness();
    h.typed("?");
    insta::assert_snapshot!("help_120x40", h.screen(120, 40).backend());
    h.reader.resize(80, 24);
    insta::assert_snapshot!("help_80x24", h.screen(80, 24).backend());
}

#[test]
fn snapshot_empty_result() {
    let mut h = harness();
    h.typed("/xyzzyq");
    insta::assert_snapshot!("empty_120x40", h.screen(120, 40).backend());
    h.reader.resize(80, 24);
    insta::assert_snapshot!("empty_80x24", h.screen(80, 24).backend());
}

#[test]
fn snapshot_narrow_layout_and_picker() {
    let mut h = harness();
    h.reader.resize(60, 30);
    h.typed("bja");
    insta::assert_snapshot!("narrow_picker_60x30", h.screen(60, 30).backend());
    let mut h = harness();
    h.reader.resize(20, 5);
    insta::assert_snapshot!("too_small_20x5", h.screen(20, 5).backend());
}

/// Every screen from 1x1 to 120x40 is drawn without a panic: the list with
/// a filter and marks, the help overlay (really drawn: checked on a screen
/// big enough to show its title) and the picker.
#[test]
fn no_panic_at_any_size() {
    let mut h = harness();
    h.typed("b/quant").key(KeyCode::Enter);
    type IsOpen = fn(&Overlay) -> bool;
    let overlays: [(&str, IsOpen, &str); 3] = [
        ("", |o| *o == Overlay::None, "Papers"),
        ("?", |o| matches!(o, Overlay::Help(_)), "Keys: j/k scroll"),
        ("?a", |o| matches!(o, Overlay::Picker(_)), "Add to list"),
    ];
    for (keys, is_open, shows) in overlays {
        h.typed(keys);
        assert!(is_open(h.app().overlay()), "{keys:?} opens it");
        let text = format!("{:?}", h.screen(120, 40).backend());
        assert!(text.contains(shows), "{keys:?} draws {shows:?}:\n{text}");
        for w in 1..=120 {
            for hgt in 1..=40 {
                let _ = h.screen(w, hgt);
            }
        }
        assert!(is_open(h.app().overlay()), "{keys:?} stayed open");
    }
}

#[test]
fn the_plain_theme_keeps_the_selection_visible_without_colour() {
    let mut h = harness_with(Digest::parse(SAMPLE_NAME, SAMPLE), Theme::plain());
    let t = h.screen(120, 40);
    let buf = t.backend().buffer();
    let mut reversed_cells = 0;
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "no colour in the plain theme");
        assert_eq!(cell.bg, Color::Reset, "no colour in the plain theme");
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
fn no_color_is_read_from_its_value() {
    // no-color.org: set and not empty means no colour.
    assert_eq!(Theme::for_no_color(Some("1".as_ref())), Theme::plain());
    assert_eq!(Theme::for_no_color(Some("".as_ref())), Theme::color());
    assert_eq!(Theme::for_no_color(None), Theme::color());
}

#[test]
fn titles_with_escape_sequences_render_harmlessly() {
    // An OSC 52 clipboard write, a screen clear, a cursor move and bidi
    // overrides in a title: all of it must be gone from what is drawn (not
    // only the ESC bytes, which the terminal library would drop anyway, but
    // the sequences' payloads, which it would print).
    let evil = "Jul 29\n\n\x1b]52;c;cHduZWQ=\x07Evil \x1b[2JTi\x1b[10;5Htle\u{202e}ʇxǝʇ\u{202c}\u{2066}\n\nWe propose a method that works well on many tasks and beats every baseline.\n";
    let mut h = harness_with(Digest::parse("evil.txt", evil), Theme::color());
    // Bidi controls have no width, so the terminal library drops them from
    // its cells whatever we do: check the text the views are given, too.
    let bidi = [
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}',
    ];
    let shown = format!(
        "{} {}",
        h.app().digest().title(0),
        h.app().digest().abstract_raw(0)
    );
    assert!(!shown.contains(bidi), "{shown:?}");
    assert!(!shown.contains(|c: char| c.is_control()), "{shown:?}");
    let t = h.screen(120, 10);
    let text: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("Evil Titleʇxǝʇ"), "{text}");
    for bad in [
        "52;c", "cHduZWQ", "[2J", "10;5H", "\u{202e}", "\u{202c}", "\u{2066}", "\x1b", "\x07",
    ] {
        assert!(!text.contains(bad), "{bad:?} reached the screen:\n{text}");
    }
}

#[test]
fn a_corrupt_store_is_reported_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lists.json"), "not json").unwrap();
    let engine = Arc::new(Engine::new(Arc::new(Digest::parse(SAMPLE_NAME, SAMPLE))));
    let mut store = Store::open(dir.path());
    let mut app = App::new(
        engine,
        store.snapshot().clone(),
        SAMPLE_NAME,
        Theme::plain(),
    );
    app.notify(store.take_notices());
    let m = app.message().unwrap().clone();
    assert!(
        m.is_error() && m.text.contains("moved it aside"),
        "{}",
        m.text
    );
    // Corrupted again behind the reader's back: the next save says so too.
    std::fs::write(dir.path().join("lists.json"), "{").unwrap();
    let mut r = Reader::new(app, Keymap::default(), (120, 40));
    r.press(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE));
    r.settle(&mut store);
    let m = r.app().message().unwrap().clone();
    assert!(m.text.contains("moved it aside"), "{}", m.text);
    assert!(r.app().is_bookmarked(0), "and the bookmark is still saved");
    assert!(
        Store::open(dir.path())
            .snapshot()
            .contains("bookmarks", &r.app().digest().papers()[0].id.to_string())
    );
}

#[test]
fn changes_made_elsewhere_show_up_on_focus_and_on_save() {
    let mut h = harness();
    // Another paperboy (a script, another terminal) bookmarks paper 1.
    let mut other = Store::open(h.store.dir());
    let entry = Box::new(paperboy::store::Entry::from_paper(&h.app().digest().get(1)));
    other
        .apply(&[paperboy::store::Op::Add {
            list: "bookmarks".parse().unwrap(),
            entry,
        }])
        .unwrap();
    assert!(!h.app().is_bookmarked(1));
    h.reader.act(Action::FocusGained);
    h.settle();
    assert!(h.app().is_bookmarked(1));
    // And a save of ours keeps theirs.
    let entry = Box::new(paperboy::store::Entry::from_paper(&h.app().digest().get(2)));
    other
        .apply(&[paperboy::store::Op::Add {
            list: "cite".parse().unwrap(),
            entry,
        }])
        .unwrap();
    h.typed("b");
    assert!(h.app().is_bookmarked(0) && h.app().is_bookmarked(1));
    assert_eq!(h.app().lists().list("cite").len(), 1);
    assert_eq!(h.saved("cite"), 1);
}

#[test]
fn a_change_shows_before_it_is_saved_and_goes_if_saving_fails() {
    let mut h = harness();
    h.press(KeyCode::Char('b'), KeyModifiers::NONE);
    // Not settled: the save is still with the worker, the mark is not.
    assert!(h.app().is_bookmarked(0));
    assert_eq!(h.app().unsaved(), 1);
    assert_eq!(h.saved("bookmarks"), 0);
    h.press(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(h.app().selected(), 1, "keys answer while it saves");
    h.settle();
    assert_eq!((h.app().unsaved(), h.saved("bookmarks")), (0, 1));
    // A store that refuses the change: a newer paperboy's file.
    let path = h.store.dir().join("lists.json");
    std::fs::write(&path, "{\"version\": 99, \"lists\": {}}").unwrap();
    h.typed("b");
    assert!(!h.app().is_bookmarked(1), "taken back off the screen");
    assert!(h.message().contains("newer paperboy"), "{}", h.message());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\"version\": 99, \"lists\": {}}"
    );
}

#[test]
fn the_cursor_sits_after_the_typed_filter() {
    let mut h = harness();
    h.typed("/quant");
    let mut t = h.screen(120, 40);
    let pos = t.get_cursor_position().unwrap();
    // " 11/121 /quant" on the last row: the cursor follows the "t".
    let prefix = format!(" {}/121 /quant", h.app().results().len());
    assert_eq!((pos.x as usize, pos.y), (prefix.chars().count(), 39));
}

fn daily() -> Digest {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/daily.json");
    Digest::load(&[paperboy::digest::Input::Path(path.into())])
}

#[test]
fn the_pane_shows_the_papers_identity_and_the_open_keys_use_it() {
    let mut h = harness_with(daily(), Theme::plain());
    let screen = format!("{:?}", h.screen(120, 30).backend());
    assert!(
        screen.contains("arXiv 2410.05434 · published 2024-10-04 · 117 upvotes"),
        "{screen}"
    );
    assert!(
        screen.contains("Wei Liu, Ada O'Connor, Ramón García"),
        "{screen}"
    );
    // Narrow: the authors are cut to fit, with "et al.".
    let narrow = format!("{:?}", h.screen(32, 40).backend());
    assert!(narrow.contains("Wei Liu, Ada O'Connor et al."), "{narrow}");
    for (key, url) in [
        ('o', "https://arxiv.org/abs/2410.05434"),
        ('p', "https://arxiv.org/pdf/2410.05434"),
        ('w', "https://huggingface.co/papers/2410.05434"),
        ('c', "https://github.com/example/dr-kernel"),
    ] {
        h.press(KeyCode::Char(key), KeyModifiers::NONE);
        let effects = h.settle();
        assert!(
            matches!(&effects[..], [Effect::OpenUrl(u)] if u == url),
            "{key}"
        );
    }
    // Without an id the title search stays, and the PDF key says why not.
    let mut h = harness();
    h.press(KeyCode::Char('p'), KeyModifiers::NONE);
    assert!(h.settle().is_empty());
    assert!(
        h.message().contains("arXiv id is not known"),
        "{}",
        h.message()
    );
}

#[test]
fn the_filter_at_all_scope_matches_author_names() {
    let mut h = harness_with(daily(), Theme::plain());
    h.typed("/ramón");
    assert_eq!(h.app().results().len(), 0, "titles only");
    h.key(KeyCode::Tab);
    assert_eq!(h.app().results().len(), 1);
    assert!(h.title().starts_with("Dr. Kernel"));
}

#[test]
fn a_note_is_typed_saved_shown_and_undone() {
    let mut h = harness();
    h.typed("e");
    assert!(h.message().contains("bookmark it first"));
    h.typed("be");
    assert_eq!(h.app().key_mode(), paperboy::tui::action::KeyMode::Note);
    h.typed("read this");
    h.key(KeyCode::Backspace).typed("s");
    h.ctrl('w').typed("these x");
    h.key(KeyCode::Enter);
    assert_eq!(h.message(), "note saved");
    let note = |h: &Harness| {
        Store::open(h.store.dir()).snapshot().list("bookmarks")[0]
            .note
            .clone()
    };
    assert_eq!(note(&h).as_deref(), Some("read these x"));
    let screen = format!("{:?}", h.screen(120, 40).backend());
    assert!(screen.contains("Note: read these x"), "{screen}");
    h.typed("u");
    assert_eq!(note(&h), None, "undo takes the note back");
    // Esc leaves it as it was; an empty note clears it.
    h.typed("e").typed("zzz").key(KeyCode::Esc);
    assert_eq!(note(&h), None);
    h.typed("e").typed("kept").key(KeyCode::Enter);
    h.typed("e");
    for _ in 0.."kept".len() {
        h.key(KeyCode::Backspace);
    }
    h.key(KeyCode::Enter);
    assert_eq!(h.message(), "note cleared");
    assert_eq!(note(&h), None);
}

#[test]
fn options_change_the_columns_the_dates_and_the_open_key() {
    use paperboy::tui::options::{DateStyle, OpenPage, Options};
    let options = Options {
        dates: DateStyle::Short,
        show_upvotes: true,
        open: OpenPage::Pdf,
        scope: Scope::All,
        ..Options::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let engine = Arc::new(Engine::new(Arc::new(daily())));
    let app = App::new(engine, store.snapshot().clone(), "d", Theme::plain()).with_options(options);
    let mut h = Harness {
        reader: Reader::new(app, Keymap::default(), (120, 30)),
        store,
        _dir: dir,
    };
    assert_eq!(h.app().scope(), Scope::All);
    let screen = format!("{:?}", h.screen(120, 30).backend());
    assert!(screen.contains("▲117 Oct 7│"), "{screen}");
    h.press(KeyCode::Char('o'), KeyModifiers::NONE);
    let effects = h.settle();
    assert!(
        matches!(&effects[..], [Effect::OpenUrl(u)] if u == "https://arxiv.org/pdf/2410.05434")
    );
}

/// A reader on a generated library of `days` days, `per_day` new papers
/// each, opened on its newest day; the papers of the oldest day were
/// shown before.
fn library_harness(days: usize, per_day: usize) -> (Harness, TempDir) {
    let data = tempfile::tempdir().unwrap();
    let lib = paperboy::library::Library::new(data.path());
    let last = paperboy::day::Day::parse("2024-10-14").unwrap();
    paperboy::synth::write_library(lib.dir(), days, per_day, last).unwrap();
    let d = lib.load(paperboy::digest::Keep::Everything);
    let oldest = d.date_key(d.len() - 1);
    let seen: std::collections::HashSet<_> = (0..d.len())
        .filter(|&i| d.date_key(i) == oldest)
        .map(|i| d.papers()[i].id)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let engine = Arc::new(Engine::new(Arc::new(d)));
    let mut app = App::new(engine, store.snapshot().clone(), "library", Theme::plain())
        .with_seen(Arc::new(seen));
    app.open_on_newest_day();
    let reader = Reader::new(app, Keymap::default(), (120, 40));
    let h = Harness {
        reader,
        store,
        _dir: dir,
    };
    (h, data)
}

/// The paper in the `k`th row.
fn at(h: &Harness, k: usize) -> usize {
    h.app().results().ranked()[k].paper as usize
}

#[test]
fn a_library_opens_on_its_newest_day_and_steps_between_days() {
    let (mut h, _data) = library_harness(3, 4);
    // 4 new papers a day, and the 2 carried from the day before are on
    // their first day.
    assert_eq!(h.app().in_view(), 4);
    assert_eq!(h.app().day_label().unwrap(), "Oct 14, 2024 (1/3)");
    h.typed("[");
    assert_eq!(h.app().day_label().unwrap(), "Oct 13, 2024 (2/3)");
    h.typed("[");
    h.typed("[");
    assert_eq!(h.message(), "no older day");
    h.typed("]]");
    assert_eq!(h.app().day_label().unwrap(), "Oct 14, 2024 (1/3)");
    h.typed("D");
    assert_eq!(h.app().day_label().unwrap(), "all 3 days");
    assert_eq!(h.app().in_view(), 12);
    let days: Vec<u32> = (0..12)
        .map(|k| h.app().digest().date_key(at(&h, k)))
        .collect();
    assert!(
        days.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {days:?}"
    );
    h.typed("D");
    assert_eq!(h.app().day_label().unwrap(), "Oct 14, 2024 (1/3)");
    // The filter looks only at the day shown.
    h.typed("/").typed("e");
    assert!(h.app().results().len() <= 4);
    let screen = h.screen(120, 20).backend().to_string();
    assert!(screen.contains("Oct 14, 2024 (1/3)"), "{screen}");
}

#[test]
fn new_papers_are_marked_counted_and_jumped_to() {
    let (mut h, _data) = library_harness(3, 4);
    h.typed("D");
    assert_eq!(h.app().new_count(), 8, "the oldest day was shown before");
    let new: Vec<bool> = (0..12).map(|k| h.app().is_new(at(&h, k))).collect();
    assert_eq!(new.iter().filter(|&&n| n).count(), 8);
    h.typed("G");
    h.typed("N");
    assert_eq!(h.app().selected(), 7, "the last new paper");
    h.typed("n");
    assert_eq!(h.message(), "no new paper below");
    h.typed("gn");
    assert_eq!(h.app().selected(), 1);
    h.typed("v");
    assert_eq!(h.app().in_view(), 8);
    assert!((0..8).all(|k| h.app().is_new(at(&h, k))));
    let screen = h.screen(120, 20).backend().to_string();
    assert!(screen.contains("● 8 new (only new)"), "{screen}");
    assert_eq!(screen.matches("│ ● ").count(), 8, "{screen}");
}

#[test]
fn papers_on_screen_are_recorded_once() {
    let (mut h, _data) = library_harness(3, 4);
    h.reader.resize(120, 8); // five rows of the list
    let newest_day = h.reader.with_app_value(App::take_shown);
    assert_eq!(
        newest_day.len(),
        4,
        "the newest day's papers were on screen"
    );
    h.typed("D");
    let first = h.reader.with_app_value(App::take_shown);
    assert_eq!(first.len(), 1, "only the rows on screen, and once");
    h.reader.with_app(App::note_on_screen);
    assert!(h.reader.with_app_value(App::take_shown).is_empty(), "once");
    h.typed("G");
    h.reader.with_app(App::note_on_screen);
    let later = h.reader.with_app_value(App::take_shown);
    assert_eq!(
        later.len(),
        1,
        "the new one in view now; those shown before are not"
    );
    assert!(h.app().is_new(at(&h, 0)), "still marked in this session");
}

#[test]
fn the_order_cycles_and_the_pane_follows_the_selection() {
    let (mut h, _data) = library_harness(3, 4);
    h.typed("D").typed("jj");
    let before = h.title();
    h.typed("S");
    assert_eq!(h.message(), "order: upvotes");
    assert_eq!(h.title(), before, "the selected paper stays selected");
    let votes: Vec<u32> = (0..12)
        .map(|k| h.app().digest().facts(at(&h, k)).upvotes.unwrap_or(0))
        .collect();
    assert!(votes.windows(2).all(|w| w[0] >= w[1]), "{votes:?}");
    h.typed("g");
    let top = h.title();
    let screen = h.screen(120, 20).backend().to_string();
    let pane = screen
        .lines()
        .nth(1)
        .unwrap()
        .split("││")
        .nth(1)
        .unwrap()
        .to_owned();
    let words = pane.trim().trim_end_matches(['│', '"', ',']).trim();
    assert!(top.starts_with(words), "{top} / {pane}");
    h.typed("S");
    assert_eq!(h.message(), "order: date");
    h.typed("S");
    assert_eq!(h.message(), "order: page");
}

/// The sample with its index ready, as after the background build.
fn indexed() -> Harness {
    let mut h = harness();
    let index = Arc::new(paperboy::rank::Index::of_digest(h.app().digest()));
    h.reader.with_app(|a| {
        let engine = a.loaded_engine();
        a.index_ready(&engine, index);
    });
    h
}

/// Selects the paper with this id.
fn select_id(h: &mut Harness, id: &str) {
    h.typed("g");
    for _ in 0..h.app().results().len() {
        if h.app().digest().papers()[h.app().selected_paper().unwrap()]
            .id
            .to_string()
            == id
        {
            return;
        }
        h.typed("j");
    }
    panic!("{id} not in the list");
}

#[test]
fn more_like_this_lists_the_closest_papers_and_esc_goes_back() {
    let mut h = indexed();
    select_id(&mut h, "bssrpzcp59"); // MixLLM: LLM Quantization …
    let row_before = h.app().selected();
    h.typed("m");
    assert_eq!(h.app().results().len(), 100);
    assert_eq!(h.app().selected(), 0, "the closest first");
    let top = h.title();
    assert!(top.to_lowercase().contains("quantiz"), "{top}");
    let first = h.app().score_of(at(&h, 0)).unwrap();
    let last = h.app().score_of(at(&h, 99)).unwrap();
    assert!(first > last);
    assert!(!h.app().why(at(&h, 0)).is_empty(), "says why");
    let screen = h.screen(120, 40).backend().to_string();
    assert!(
        screen.contains("like “MixLLM: LLM Quantization with"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("{first:.2} Jul 29")),
        "the score in the row"
    );
    assert!(
        screen.contains("score ") && screen.contains("why: "),
        "{screen}"
    );
    // A filter narrows it, in the same order; Esc clears the filter, then
    // leaves.
    h.typed("/quantiz").key(KeyCode::Enter);
    let n = h.app().results().len();
    assert!(n > 3 && n < 100, "{n}");
    let scores: Vec<f32> = (0..n)
        .map(|k| h.app().score_of(at(&h, k)).unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    h.key(KeyCode::Esc);
    assert_eq!(h.app().results().len(), 100);
    h.key(KeyCode::Esc);
    assert_eq!(h.app().results().len(), 121);
    assert_eq!(h.title().split(':').next(), Some("MixLLM"), "back on it");
    assert_eq!(h.app().selected(), row_before);
    assert!(h.app().score_of(0).is_none());
}

#[test]
fn for_you_ranks_the_view_by_bookmarks_and_marks_them() {
    let mut h = indexed();
    h.typed("f");
    assert!(
        h.message().contains("bookmarks is empty"),
        "{}",
        h.message()
    );
    // Three quantization papers bookmarked.
    for id in ["hzd1hs7v0q", "bssrpzcp59", "11ha27dm61"] {
        select_id(&mut h, id);
        h.typed("b");
    }
    h.typed("f");
    assert!(
        h.message().starts_with("ranked for you by bookmarks"),
        "{}",
        h.message()
    );
    assert_eq!(h.app().results().len(), 121, "every paper, ranked");
    let top: Vec<usize> = (0..10).map(|k| at(&h, k)).collect();
    // Its own papers rank among the best (the latent space places others
    // as near their mean), marked.
    let own = top.iter().filter(|&&i| h.app().is_bookmarked(i)).count();
    assert_eq!(own, 3, "its own papers among the best, marked");
    let quant = top
        .iter()
        .filter(|&&i| !h.app().is_bookmarked(i))
        .filter(|&&i| {
            let t = h.app().digest().title(i).to_lowercase();
            t.contains("quantiz") || t.contains("compress") || t.contains("precision")
        })
        .count();
    assert!(quant >= 4, "{quant} of 7");
    let screen = h.screen(120, 40).backend().to_string();
    assert!(screen.contains("for you (bookmarks)"), "{screen}");
    h.typed("f");
    assert_eq!(h.message(), "page order again");
    assert!(h.app().score_of(0).is_none());
}

#[test]
fn a_ranking_asked_while_indexing_follows_when_the_index_is_ready() {
    let mut h = harness();
    h.reader.with_app(App::indexing);
    let screen = h.screen(120, 40).backend().to_string();
    assert!(screen.contains("indexing…"), "{screen}");
    h.typed("m");
    assert!(h.message().contains("still indexing"), "{}", h.message());
    assert_eq!(h.app().results().len(), 121, "the list stays usable");
    h.typed("j");
    let index = Arc::new(paperboy::rank::Index::of_digest(h.app().digest()));
    h.reader.with_app(|a| {
        let engine = a.loaded_engine();
        a.index_ready(&engine, index);
    });
    h.settle();
    assert_eq!(h.app().results().len(), 100, "the ranking asked for came");
    assert!(h.app().is_more_like_this());
}

#[test]
fn the_list_to_rank_by_is_picked_with_f() {
    let mut h = indexed();
    // A list of two audio papers.
    for id in ["qs8w6fkb2m", "98m4xbe9dx"] {
        select_id(&mut h, id);
        h.typed("a").typed("audio").key(KeyCode::Enter);
    }
    h.typed("F");
    assert!(matches!(h.app().overlay(), Overlay::Picker(_)));
    h.typed("aud").key(KeyCode::Enter);
    assert!(
        h.message().starts_with("ranked for you by audio"),
        "{}",
        h.message()
    );
    let top: Vec<String> = (2..6)
        .map(|k| h.app().digest().title(at(&h, k)).to_lowercase())
        .collect();
    let audio = top
        .iter()
        .filter(|t| {
            ["audio", "speech", "vocoder", "spectrogram", "codec"]
                .iter()
                .any(|w| t.contains(w))
        })
        .count();
    assert!(audio >= 2, "{top:?}");
    let screen = h.screen(120, 40).backend().to_string();
    assert!(
        screen.contains("│◆● HiFi-Codec") || screen.contains("│◆● iSTFTNet"),
        "marked: {screen}"
    );
}

#[test]
fn snapshot_more_like_this() {
    let mut h = indexed();
    select_id(&mut h, "hzd1hs7v0q");
    h.typed("m");
    insta::assert_snapshot!("like_120x40", h.screen(120, 40).backend());
}

// ---- the site's facts and the summary view ----

/// Six papers of a real answer of 2026, with the site's summaries.
fn site() -> Digest {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/api-2026-06-12.json"
    );
    let bytes = std::fs::read(path).unwrap();
    // Named without its directory, so screens are the same on any machine.
    Digest::parse_as("api-2026-06-12.json", bytes, paperboy::digest::Format::Json)
}

#[test]
fn the_pane_shows_the_sites_summary_keywords_stars_and_organisation() {
    let mut h = harness_with(site(), Theme::plain());
    h.typed("G");
    assert_eq!(h.title(), "MiniMax Sparse Attention");
    let screen = format!("{:?}", h.screen(240, 40).backend());
    for want in [
        "MiniMax Sparse Attention enables efficient processing",
        "arXiv 2606.13392 · published 2026-06-11 · 103 upvotes · 4 comments · MiniMax",
        "https://github.com/MiniMax-AI/MSA (code, ★ 251)",
        "Keywords: sparse attention, Grouped Query Attention",
    ] {
        assert!(screen.contains(want), "{want:?} in {screen}");
    }
}

#[test]
fn the_summary_view_puts_a_line_under_each_title() {
    let mut h = harness_with(site(), Theme::plain());
    let before = format!("{:?}", h.screen(120, 40).backend());
    assert!(!before.contains("   Large language models exhibit"));
    h.typed("t");
    assert!(h.app().summaries());
    let mut t = h.screen(120, 40);
    let lines: Vec<String> = format!("{}", t.backend())
        .lines()
        .map(str::to_owned)
        .collect();
    let row = |n: usize| lines[n + 1].clone();
    assert!(
        row(0).contains("On the Limits of LLM Adaptability"),
        "{}",
        row(0)
    );
    assert!(
        row(1).contains("   Large language models exhibit limited"),
        "{}",
        row(1)
    );
    assert!(
        row(2).contains("Rethinking Psychometric Evaluation"),
        "{}",
        row(2)
    );
    // A click on a paper's second line selects it; keys move by papers.
    let l = view::layout((120, 40));
    h.mouse(
        MouseEventKind::Down(MouseButton::Left),
        l.list.x + 5,
        l.list.y + 1 + 3,
    );
    assert_eq!(h.app().selected(), 1);
    h.typed("j");
    assert_eq!(h.app().selected(), 2);
    // Off again: one line a paper.
    h.typed("t");
    t = h.screen(120, 40);
    let off = format!("{:?}", t.backend());
    assert!(!off.contains("   Large language models exhibit"), "{off}");
}

#[test]
fn the_summary_view_scrolls_by_papers() {
    let mut d = String::new();
    for k in 0..40 {
        d.push_str(&format!(
            "Jul 29\n\nPaper number {k}\n\nAbout paper {k}.\n\n"
        ));
    }
    let mut h = harness_with(Digest::parse("d.txt", &d), Theme::plain());
    h.typed("t");
    h.reader.resize(80, 24);
    // 80x24: the list's inside is 8 lines, 4 papers.
    h.key(KeyCode::PageDown);
    assert_eq!(h.app().selected(), 4);
    h.typed("jjjj");
    assert_eq!(h.app().selected(), 8);
    let screen = format!("{:?}", h.screen(80, 24).backend());
    assert!(screen.contains("Paper number 8"), "{screen}");
    assert!(
        screen.contains("   About paper 8."),
        "no summary: the abstract's start"
    );
    assert!(
        !screen.contains("Paper number 3 "),
        "scrolled past: {screen}"
    );
}

#[test]
fn i_opens_the_teaser_image() {
    let mut h = harness_with(site(), Theme::plain());
    h.typed("jj");
    h.press(KeyCode::Char('i'), KeyModifiers::NONE);
    let effects = h.settle();
    assert!(
        matches!(&effects[..], [Effect::OpenUrl(u)] if u == "https://cdn-uploads.huggingface.co/production/uploads/63cacbc502ee13c2af9d6759/huBiURDQzAZU1eFYFd9fi.png"),
        "the teaser figure before the thumbnail"
    );
    let mut h = harness();
    h.press(KeyCode::Char('i'), KeyModifiers::NONE);
    assert!(h.settle().is_empty());
    assert_eq!(h.message(), "no image is known for this paper");
}

#[test]
fn snapshot_summary_view() {
    let mut h = harness_with(site(), Theme::plain());
    h.typed("t");
    insta::assert_snapshot!("summaries_120x40", h.screen(120, 40).backend());
    let mut h = harness_with(site(), Theme::plain());
    h.reader.resize(80, 24);
    h.typed("t");
    insta::assert_snapshot!("summaries_80x24", h.screen(80, 24).backend());
}

#[test]
fn a_saved_papers_upvotes_and_stars_follow_the_library() {
    use paperboy::store::{Entry, Op, Snapshot};
    // Saved in the morning, with the morning's numbers.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/api-2026-06-12.json"
    );
    let morning = std::fs::read_to_string(path)
        .unwrap()
        .replace("\"upvotes\":103", "\"upvotes\":7")
        .replace("\"githubStars\":251", "\"githubStars\":2");
    let d = Digest::parse_as("morning.json", morning, paperboy::digest::Format::Json);
    let i = d.find("2606.13392").unwrap();
    let entry = Entry::from_paper(&d.get(i));
    assert_eq!((entry.upvotes, entry.stars), (Some(7), Some(2)));
    let mut lists = Snapshot::default();
    lists.apply(&[Op::Add {
        list: "bookmarks".parse().unwrap(),
        entry: Box::new(entry),
    }]);
    let engine = Arc::new(Engine::new(Arc::new(site())));
    let mut app = App::new(engine, lists, "library", Theme::plain());
    app.show_list(paperboy::store::ListName::bookmarks());
    let f = app.digest().facts(0);
    assert_eq!(
        (f.upvotes, f.stars),
        (Some(103), Some(251)),
        "the library's now"
    );
    // Without it in the library, the saved numbers stay.
    let engine = Arc::new(Engine::new(Arc::new(Digest::parse(SAMPLE_NAME, SAMPLE))));
    let mut lists = Snapshot::default();
    lists.apply(&[Op::Add {
        list: "bookmarks".parse().unwrap(),
        entry: Box::new(Entry::from_paper(&d.get(i))),
    }]);
    let mut app = App::new(engine, lists, "sample", Theme::plain());
    app.show_list(paperboy::store::ListName::bookmarks());
    assert_eq!(app.digest().facts(0).upvotes, Some(7));
}

#[test]
fn a_structured_query_filters_and_its_fault_is_shown_with_its_place() {
    let mut h = harness_with(daily(), Theme::plain());
    h.typed("/upvotes:>100");
    assert_eq!(h.app().results().len(), 1);
    assert!(h.title().starts_with("Dr. Kernel"));
    h.ctrl('w').typed("-upvotes:>100");
    assert_eq!(h.app().results().len(), 2, "the other two papers");
    // A fault: the valid part ("thought") filters, the bar says where.
    h.ctrl('w').typed("thought upvotes:>");
    assert_eq!(h.app().results().len(), 1);
    assert!(h.title().starts_with("Shape of Thought"));
    let screen = format!("{:?}", h.screen(120, 30).backend());
    assert!(
        screen.contains("query at 9: takes a number, as in upvotes:>50"),
        "{screen}"
    );
    h.typed("5");
    let screen = format!("{:?}", h.screen(120, 30).backend());
    assert!(!screen.contains("query at"), "{screen}");
}

#[test]
fn not_for_me_is_marked_saved_undone_and_ranks_away() {
    let mut h = indexed();
    // For you by three quantization papers.
    for id in ["hzd1hs7v0q", "bssrpzcp59", "11ha27dm61"] {
        select_id(&mut h, id);
        h.typed("b");
    }
    h.typed("f");
    let top = at(&h, 3);
    let before = h.app().score_of(top).unwrap();
    let id = h.app().digest().papers()[top].id.to_string();
    h.typed("g").typed("jjj");
    assert_eq!(h.app().selected_paper(), Some(top));
    h.typed("X");
    assert!(h.message().starts_with("not for me"), "{}", h.message());
    assert!(h.app().is_not_for_me(top));
    assert!(
        Store::open(h.store.dir()).snapshot().is_not_for_me(&id),
        "saved"
    );
    assert_eq!(h.app().selected_paper(), Some(top), "stays on it");
    let after = h.app().score_of(top).unwrap();
    assert!(after < before, "ranked away: {before} -> {after}");
    let screen = h.screen(120, 40).backend().to_string();
    assert!(screen.contains("✗"), "marked in the list: {screen}");
    h.typed("u");
    assert!(!h.app().is_not_for_me(top));
    assert!(!Store::open(h.store.dir()).snapshot().is_not_for_me(&id));
    assert_eq!(h.app().score_of(top), Some(before), "as before");
}

#[test]
fn why_names_the_saved_papers_and_t_mutes_a_term_of_the_profile() {
    let mut h = indexed();
    for id in ["hzd1hs7v0q", "bssrpzcp59", "11ha27dm61"] {
        select_id(&mut h, id);
        h.typed("b");
    }
    h.typed("T");
    assert!(
        h.message().starts_with("T shows the terms"),
        "{}",
        h.message()
    );
    h.typed("f");
    let top = at(&h, 3);
    let pulled = h.app().pulled_by(top);
    assert!(!pulled.is_empty(), "names the saved papers");
    let saved: Vec<String> = ["hzd1hs7v0q", "bssrpzcp59", "11ha27dm61"]
        .iter()
        .map(|id| {
            let d = h.app().digest();
            d.title(d.find(id).unwrap()).to_owned()
        })
        .collect();
    assert!(pulled.iter().all(|t| saved.contains(t)), "{pulled:?}");
    h.typed("g").typed("jjj");
    let screen = h.screen(120, 40).backend().to_string();
    assert!(screen.contains("like “"), "the pane says which: {screen}");
    h.typed("T");
    assert!(matches!(h.app().overlay(), Overlay::Picker(_)));
    let screen = h.screen(120, 40).backend().to_string();
    assert!(screen.contains("The ranking's top terms"), "{screen}");
    let Overlay::Picker(p) = h.app().overlay().clone() else {
        unreachable!()
    };
    let rows = h.app().picker_rows(&p);
    assert!(rows.len() >= 5, "{rows:?}");
    let word = rows[0].0.clone();
    h.key(KeyCode::Enter);
    assert!(h.message().contains("muted"), "{}", h.message());
    assert!(
        (0..10).all(|k| !h.app().why(at(&h, k)).contains(&word)),
        "{word} no longer counts"
    );
    h.typed("T");
    let Overlay::Picker(p) = h.app().overlay().clone() else {
        unreachable!()
    };
    let rows = h.app().picker_rows(&p);
    assert!(
        rows.iter().any(|(w, d)| *w == word && d == "muted"),
        "{rows:?}"
    );
    h.key(KeyCode::Esc);
}

#[test]
fn w_cycles_day_week_and_month_most_upvoted_first() {
    // 20 days up to Mon Oct 14, 2024: week 42 is that Monday alone.
    let (mut h, _data) = library_harness(20, 5);
    let d = h.app().digest();
    let in_range = |from: u32, to: u32| -> usize {
        (0..d.len())
            .filter(|&i| (from..=to).contains(&d.date_key(i)))
            .count()
    };
    let (week41, october) = (
        in_range(2024_1007, 2024_1013),
        in_range(2024_1001, 2024_1031),
    );
    h.typed("W");
    assert_eq!(h.message(), "by week: most upvoted first");
    let status = |h: &mut Harness| {
        let s = format!("{}", h.screen(120, 40).backend());
        s.lines().last().unwrap().to_owned()
    };
    assert!(
        status(&mut h).contains("week 42, 2024 (Oct 14–20) (1/4)"),
        "{}",
        status(&mut h)
    );
    h.typed("[");
    assert!(status(&mut h).contains("week 41, 2024 (Oct 7–13) (2/4)"));
    assert_eq!(h.app().results().len(), week41);
    let upvotes: Vec<u32> = (0..week41)
        .map(|k| h.app().digest().facts(at(&h, k)).upvotes.unwrap())
        .collect();
    assert!(upvotes.is_sorted_by(|a, b| a >= b), "{upvotes:?}");
    h.typed("W");
    assert!(
        status(&mut h).contains("October 2024 (1/2)"),
        "{}",
        status(&mut h)
    );
    assert_eq!(h.app().results().len(), october);
    h.typed("[");
    assert!(status(&mut h).contains("September 2024 (2/2)"));
    h.typed("[");
    assert_eq!(h.message(), "no older month");
    h.typed("W");
    assert_eq!(h.message(), "by day, in page order");
    assert!(
        status(&mut h).contains("Sep 30, 2024"),
        "{}",
        status(&mut h)
    );
}

#[test]
fn z_sends_the_selected_paper_to_zotero_and_says_how_it_went() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path());
    let engine = Arc::new(Engine::new(Arc::new(daily())));
    let app = App::new(engine, store.snapshot().clone(), "daily", Theme::plain())
        .with_data_dir(Some(dir.path().join("data")));
    let mut reader = Reader::new(app, Keymap::default(), (120, 30));
    reader.press(KeyEvent::new(KeyCode::Char('Z'), KeyModifiers::NONE));
    let effects = reader.settle(&mut store);
    match &effects[..] {
        [Effect::SendToZotero { data, entry }] => {
            assert_eq!(data, &dir.path().join("data"));
            assert_eq!(entry.arxiv.as_deref(), Some("2410.05434"));
        }
        _ => panic!("no Zotero effect"),
    }
    reader.with_app(|a| {
        a.zotero_done(Err(paperboy::library::zotero::ZoteroError::NotRunning(
            "127.0.0.1:23119".into(),
        )))
    });
    let m = reader.app().message().unwrap();
    assert!(m.is_error() && m.text == "Zotero is not running on 127.0.0.1:23119");
    reader.with_app(|a| a.zotero_done(Ok(Default::default())));
    assert_eq!(
        reader.app().message().unwrap().text,
        "already sent to Zotero"
    );
}

/// Every key the config below takes away from its default, and gives.
const REMAP: &str = r#"[keys]
help = ["f1"]
filter = ["alt-f"]
lists = ["alt-l"]
add_to_list = ["alt-a"]
bookmark = ["ctrl-b"]
remove_from_list = ["ctrl-x"]
clear_filter = ["ctrl-g"]
for_you = ["ctrl-f"]
more_like_this = ["M"]
profile = ["ctrl-t"]
undo = ["ctrl-z"]
note = ["ctrl-e"]
save_search = ["ctrl-s"]
next_match = ["ctrl-a"]
picker_accept = ["ctrl-o"]
picker_cancel = ["ctrl-q"]
note_save = ["ctrl-s"]
note_cancel = ["ctrl-q"]
help_close = ["ctrl-h", "f2"]
help_down = ["ctrl-j"]
"#;

/// Draws the whole screen (tall enough for all of the help) as text.
fn screen_text(h: &mut Harness, height: u16) -> String {
    let t = h.screen(120, height);
    let b = t.backend().buffer();
    let mut out = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            out.push_str(b[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_hint_and_message_names_the_key_the_config_binds() {
    let loaded = paperboy::config::parse(REMAP, "config.toml");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let keys = loaded.config.keys;
    let search = paperboy::saved::Search {
        name: "quant".into(),
        query: "quant".into(),
    };
    let mut h = harness_keyed(
        Digest::parse(SAMPLE_NAME, SAMPLE),
        Theme::plain(),
        keys,
        |a| a.with_searches(&[search], None),
    );
    let alt = |c| (KeyCode::Char(c), KeyModifiers::ALT);
    let ctrl = |c| (KeyCode::Char(c), KeyModifiers::CONTROL);
    let says = |h: &mut Harness, press: (KeyCode, KeyModifiers), new: &str, old: &str| {
        h.press(press.0, press.1);
        h.settle();
        let m = h.message();
        assert!(m.contains(new), "{new:?} not in {m:?}");
        assert!(!m.contains(old), "{old:?} still in {m:?}");
    };
    // The status bar.
    let s = screen_text(&mut h, 40);
    assert!(s.contains(" F1 help ") && !s.contains("? help"), "{s}");
    assert!(s.contains("for your searches (Ctrl-a)"), "{s}");
    assert!(!s.contains("for your searches (A)"), "{s}");
    // The help: its title, each mode's heading, a help text naming a key.
    h.key(KeyCode::F(1));
    let s = screen_text(&mut h, 120);
    for (new, old) in [
        (
            "Keys: Ctrl-j/k scroll, Ctrl-h or F2 closes",
            "? or Esc closes",
        ),
        ("Filtering (after Alt-f)", "Filtering (after /)"),
        ("Choosing a list (after Alt-a or Alt-l)", "(after a or L)"),
        ("a search's name (after Ctrl-e or Ctrl-s)", "(after e or +)"),
        ("more like this paper (Ctrl-g: back)", "(Esc: back)"),
    ] {
        assert!(s.contains(new), "{new:?} not in\n{s}");
        assert!(!s.contains(old), "{old:?} still in\n{s}");
    }
    h.press(KeyCode::F(2), KeyModifiers::NONE);
    assert_eq!(h.app().overlay(), &Overlay::None, "F2 closes the help");
    // Messages.
    says(&mut h, ctrl('e'), "bookmark it first (Ctrl-b)", "(b)");
    says(
        &mut h,
        ctrl('x'),
        "Ctrl-x removes from a reading list: open one with Alt-l",
        "with L",
    );
    says(
        &mut h,
        ctrl('f'),
        "Ctrl-b bookmarks a paper, then Ctrl-f ranks by it",
        "then f ",
    );
    says(
        &mut h,
        ctrl('t'),
        "Ctrl-t shows the terms of a ranking: rank first (Ctrl-f, or M)",
        "(f, or m)",
    );
    says(
        &mut h,
        ctrl('s'),
        "type a filter first (Alt-f), then save it with Ctrl-s",
        "(/)",
    );
    says(
        &mut h,
        (KeyCode::Char('X'), KeyModifiers::SHIFT),
        "(Ctrl-z undoes)",
        "(u undoes)",
    );
    says(&mut h, ctrl('z'), "undone", "(u undoes)");
    // The picker's hints.
    h.press(alt('l').0, alt('l').1);
    let s = screen_text(&mut h, 40);
    assert!(s.contains("Ctrl-o views · Ctrl-q cancels"), "{s}");
    assert!(!s.contains("Enter views"), "{s}");
    h.press(KeyCode::Char('q'), KeyModifiers::CONTROL);
    h.press(alt('a').0, alt('a').1);
    h.typed("new");
    let s = screen_text(&mut h, 40);
    assert!(
        s.contains("Ctrl-o creates this list") && !s.contains("Enter creates"),
        "{s}"
    );
    h.press(KeyCode::Char('q'), KeyModifiers::CONTROL);
    // The note's and the search name's hints.
    h.press(ctrl('b').0, ctrl('b').1);
    h.settle();
    h.press(ctrl('e').0, ctrl('e').1);
    let s = screen_text(&mut h, 40);
    assert!(
        s.contains("Ctrl-s saves · Ctrl-q cancels · empty clears"),
        "{s}"
    );
    assert!(!s.contains("Enter saves"), "{s}");
    h.press(KeyCode::Char('q'), KeyModifiers::CONTROL);
    h.press(alt('f').0, alt('f').1);
    h.typed("quant");
    h.key(KeyCode::Enter);
    h.press(ctrl('s').0, ctrl('s').1);
    let s = screen_text(&mut h, 40);
    assert!(s.contains("Ctrl-s saves · Ctrl-q cancels"), "{s}");
    h.press(KeyCode::Char('q'), KeyModifiers::CONTROL);
    // The rankings' messages, with the index ready.
    h.press(ctrl('g').0, ctrl('g').1);
    h.settle();
    let index = Arc::new(paperboy::rank::Index::of_digest(h.app().digest()));
    h.reader.with_app(|a| {
        let engine = a.loaded_engine();
        a.index_ready(&engine, index);
    });
    says(
        &mut h,
        (KeyCode::Char('M'), KeyModifiers::SHIFT),
        "more like this: Ctrl-g goes back",
        "Esc",
    );
    says(&mut h, ctrl('g'), "", "Esc");
    says(
        &mut h,
        ctrl('f'),
        "ranked for you by bookmarks: Ctrl-f again",
        ": f again",
    );
    h.press(ctrl('t').0, ctrl('t').1);
    assert!(
        matches!(h.app().overlay(), Overlay::Picker(_)),
        "{:?} {}",
        h.app().overlay(),
        h.message()
    );
    says(&mut h, ctrl('o'), "(Ctrl-t again to count it)", "(T again");
    // A saved list is viewed: rankings point back with its key.
    h.press(alt('l').0, alt('l').1);
    h.typed("bookmarks");
    h.press(ctrl('o').0, ctrl('o').1);
    h.settle();
    assert_eq!(h.app().view(), &View::List("bookmarks".parse().unwrap()));
    says(
        &mut h,
        (KeyCode::Char('M'), KeyModifiers::SHIFT),
        "Alt-l goes back to them",
        "L goes",
    );
}

/// The pane's text, its lines joined.
fn pane_text(app: &App, width: usize) -> String {
    view::paper::lines(app, width)
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_pane_is_measured_as_drawn_with_marks_note_score_and_query() {
    let mut h = indexed();
    // A bookmarked, read paper with a note, ranked for you, the filter's
    // hits in its title and abstract: every part of the pane is there.
    h.typed("be").typed("worth a careful read, twice over");
    h.key(KeyCode::Enter);
    h.typed("r");
    h.typed("f");
    assert!(h.message().starts_with("ranked for you"), "{}", h.message());
    let first = h.app().selected_paper().unwrap();
    let title = h.app().digest().title(first).to_owned();
    let word: String = title
        .split(|c: char| !c.is_ascii_alphabetic())
        .max_by_key(|w| w.len())
        .unwrap()
        .to_owned();
    h.typed("s/").typed(&word.to_lowercase());
    h.key(KeyCode::Enter);
    assert_eq!(h.app().selected_paper(), Some(first), "{word}");
    let app = h.app();
    assert!(!app.query().is_empty());
    let wide = pane_text(app, 200);
    for part in [
        "★ bookmarked",
        "✓ read",
        "Note: worth a careful read",
        "score ",
        "why: ",
    ] {
        assert!(wide.contains(part), "{part:?} not in the pane:\n{wide}");
    }
    for width in [1, 2, 5, 13, 20, 41, 57, 80, 119, 200] {
        assert_eq!(
            view::paper::content_height(app, width),
            view::paper::lines(app, width).len(),
            "width {width}"
        );
    }
}

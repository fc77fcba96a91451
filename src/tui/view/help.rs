//! The help overlay, drawn from the key table itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use super::centered;
use crate::tui::action::{Action, KeyMode};
use crate::tui::app::App;
use crate::tui::keymap::Keymap;

const KEY_COLUMN: usize = 18;
const HELP_COLUMN: usize = 34;

const QUERY_COLUMN: usize = 30;

/// A summary of the query language (the README has the whole table).
const QUERY: &[(&str, &str)] = &[
    ("quant vis", "every word, fuzzy in the title"),
    ("\"vision transformer\"", "a phrase, as written (any case)"),
    ("au:hinton  author:\"Ada L\"", "an author's name holds it"),
    (
        "cat:cs.CL  kw:  org:  src:hf",
        "category, keyword, organisation, source",
    ),
    ("has:code|note|pdf|summary", "the paper has one"),
    ("list:to-read", "in that reading list"),
    ("upvotes:>50  stars:>=100", "also <, <=, ="),
    ("after:2026-11-01  before:", "its day is on/after, before"),
    ("day:today|yesterday|week|month", "its day is that recent"),
    ("-video  -cat:cs.CV", "not this"),
    ("a b OR c", "(a and b) or c"),
];

/// A mode's heading, naming the keys that lead to it.
fn mode_title(mode: KeyMode, keys: &Keymap) -> String {
    let key = |a| keys.key_of(KeyMode::Normal, a);
    match mode {
        KeyMode::Normal => "Browsing".to_owned(),
        KeyMode::Filter => format!("Filtering (after {})", key(Action::StartFilter)),
        KeyMode::Picker => format!(
            "Choosing a list (after {} or {})",
            key(Action::PickList),
            key(Action::SwitchView)
        ),
        KeyMode::Help => "This help".to_owned(),
        KeyMode::Note => format!(
            "Writing a note or a search's name (after {} or {})",
            key(Action::EditNote),
            key(Action::SaveSearch)
        ),
    }
}

/// Every line of the help, from the key table in force.
fn lines(app: Option<&App>, keys: &Keymap) -> Vec<Line<'static>> {
    let (title, dim) = match app {
        Some(a) => (a.theme().title, a.theme().dim),
        None => Default::default(),
    };
    let mut out = Vec::new();
    for mode in KeyMode::ALL {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(mode_title(mode, keys), title));
        for (keys, help, name) in keys.named_help_rows(mode) {
            out.push(Line::from(vec![
                Span::raw(format!("  {keys:<KEY_COLUMN$} ")),
                Span::raw(format!("{help:<HELP_COLUMN$} ")),
                Span::styled(name, dim),
            ]));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled("The filter's language", title));
    for (term, help) in QUERY {
        out.push(Line::from(vec![
            Span::raw(format!("  {term:<QUERY_COLUMN$} ")),
            Span::styled(*help, dim),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        "Mouse: the wheel scrolls the pane under it; a click selects.",
        dim,
    ));
    out.push(Line::styled(
        "The names on the right rebind keys in config.toml (paperboy config --init).",
        dim,
    ));
    out
}

pub fn line_count(keys: &Keymap) -> usize {
    lines(None, keys).len()
}

/// Where the help box goes on `area`, for `lines` lines of help.
pub fn box_area(area: Rect, lines: usize) -> Rect {
    centered(area, 80, (lines as u16).saturating_add(2))
}

pub fn render(app: &App, keys: &Keymap, frame: &mut Frame, area: Rect, scroll: usize) {
    let all = lines(Some(app), keys);
    let box_area = box_area(area, all.len());
    frame.render_widget(Clear, box_area);
    let key = |a| keys.key_of(KeyMode::Help, a);
    let title = format!(
        " Keys: {}/{} scroll, {} closes ",
        key(Action::Down),
        key(Action::Up),
        keys.keys_of(KeyMode::Help, Action::ToggleHelp)
    );
    let block = Block::bordered()
        .title(title)
        .border_style(app.theme().border_focused);
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let start = scroll.min(all.len().saturating_sub(inner.height as usize));
    frame.render_widget(super::window(all, start, inner.height), inner);
}

//! The one-line editors: the note of `e`, and the name `+` saves the
//! filter under.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use crate::tui::action::{Action, KeyMode};
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::wrap::str_width;

pub fn render(
    app: &App,
    keys: &Keymap,
    frame: &mut Frame,
    area: Rect,
    (list, input): (&str, &str),
) {
    let title = format!(" Note ({list}) ");
    let (save, cancel) = save_cancel(keys);
    let hint = format!("{save} saves · {cancel} cancels · empty clears");
    render_input(app, frame, area, (&title, &hint), input);
}

/// The keys that save and cancel a one-line editor.
fn save_cancel(keys: &Keymap) -> (String, String) {
    let key = |a| keys.key_of(KeyMode::Note, a);
    (key(Action::AcceptNote), key(Action::Cancel))
}

/// The name for the filter being saved as a search.
pub fn render_search_name(app: &App, keys: &Keymap, frame: &mut Frame, area: Rect, input: &str) {
    let title = format!(" Save the search: {} ", app.input().trim());
    let (save, cancel) = save_cancel(keys);
    let hint = format!("a name (letters, digits, - _) · {save} saves · {cancel} cancels");
    render_input(app, frame, area, (&title, &hint), input);
}

/// A one-line editor box titled `title`, with `hint` under the text.
fn render_input(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    (title, hint): (&str, &str),
    input: &str,
) {
    let t = app.theme();
    let box_area = centered(area, 72, 4);
    frame.render_widget(Clear, box_area);
    let block = Block::bordered()
        .title(title.to_owned())
        .border_style(t.border_focused);
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    if inner.height == 0 || inner.width < 3 {
        return;
    }
    // The end of a long note stays in view while typing.
    let room = inner.width as usize - 2;
    let mut shown = input;
    while str_width(shown) > room.saturating_sub(1) {
        let mut chars = shown.chars();
        chars.next();
        shown = chars.as_str();
    }
    let lines = vec![
        Line::raw(format!("> {shown}")),
        Line::styled(hint.to_owned(), t.dim),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x as usize + 2 + str_width(shown);
    if x < (inner.x + inner.width) as usize {
        frame.set_cursor_position(Position::new(x as u16, inner.y));
    }
}

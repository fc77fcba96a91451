//! The list picker of `a` (add to a list), `L` (view a list), `F` (rank by
//! a list), and the term picker of `T` (mute a term of the ranking).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use crate::tui::action::{Action, KeyMode};
use crate::tui::app::{App, PickFor, Picker};
use crate::tui::keymap::Keymap;
use crate::wrap::str_width;

pub fn render(app: &App, keys: &Keymap, frame: &mut Frame, area: Rect, p: &Picker) {
    let t = app.theme();
    let choices = app.picker_rows(p);
    let height = (choices.len() as u16 + 5).min(16);
    let box_area = centered(area, 48, height);
    frame.render_widget(Clear, box_area);
    let title = match p.purpose {
        PickFor::Add => " Add to list ",
        PickFor::View => " View list ",
        PickFor::RankBy => " Rank for you by ",
        PickFor::Mute => " The ranking's top terms ",
    };
    let block = Block::bordered()
        .title(title)
        .border_style(t.border_focused);
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    if inner.height == 0 {
        return;
    }
    let mut lines = vec![Line::raw(format!("> {}", p.input))];
    let rows = (inner.height as usize).saturating_sub(2);
    let start = p.selected.saturating_sub(rows.saturating_sub(1));
    for (k, (name, count)) in choices.iter().enumerate().skip(start).take(rows) {
        let l = Line::raw(format!("  {name} ({count})"));
        lines.push(if k == p.selected {
            l.style(t.selected)
        } else {
            l
        });
    }
    if choices.is_empty() {
        let hint = match p.purpose {
            PickFor::Add if !p.input.trim().is_empty() => {
                format!(
                    "{} creates this list",
                    keys.key_of(KeyMode::Picker, Action::AcceptPick)
                )
            }
            PickFor::Mute => "no matching term".to_owned(),
            _ => "no matching list".to_owned(),
        };
        lines.push(Line::styled(format!("  {hint}"), t.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    // How to leave, on the bottom border.
    if box_area.height > 2 && box_area.width > 30 {
        let hint = how_to_leave(keys, &p.purpose);
        let y = box_area.y + box_area.height - 1;
        let w = (hint.len() as u16).min(box_area.width - 4);
        frame.render_widget(
            Paragraph::new(hint).style(t.dim),
            Rect::new(box_area.x + 2, y, w, 1),
        );
    }
    let x = inner.x as usize + 2 + str_width(&p.input);
    if x < (inner.x + inner.width) as usize {
        frame.set_cursor_position(Position::new(x as u16, inner.y));
    }
}

/// The bottom border's hint: the keys that choose and cancel.
fn how_to_leave(keys: &Keymap, purpose: &PickFor) -> String {
    let key = |a| keys.key_of(KeyMode::Picker, a);
    let (accept, cancel) = (key(Action::AcceptPick), key(Action::Cancel));
    match purpose {
        PickFor::Add => " type a new name to create ".to_owned(),
        PickFor::View => format!(" {accept} views · {cancel} cancels "),
        PickFor::RankBy => format!(" {accept} ranks · {cancel} cancels "),
        PickFor::Mute => format!(" {accept} mutes / unmutes · {cancel} "),
    }
}

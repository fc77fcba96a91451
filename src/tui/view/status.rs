//! The status bar: papers shown / total, the filter, what is viewed, and
//! short messages.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::{Action, KeyMode};
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::wrap::str_width;

pub fn render(app: &App, keys: &Keymap, frame: &mut Frame, area: Rect) {
    let t = app.theme();
    let total = app.in_view();
    let shown = app.results().len();
    let mut left = vec![Span::raw(format!(" {shown}/{total} "))];
    let scope = format!("[{}]", app.scope().name());
    let mut cursor = None;
    if app.editing() {
        left.push(Span::styled("/", t.prompt));
        left.push(Span::raw(app.input().to_owned()));
        cursor = Some(left.iter().map(|s| str_width(&s.content)).sum::<usize>());
        left.push(Span::raw(" "));
    } else if !app.input().is_empty() {
        left.push(Span::styled("filter: ", t.prompt));
        left.push(Span::raw(format!("{} ", app.input())));
    }
    if app.searching() {
        left.push(Span::raw("… "));
    }
    left.push(Span::raw(scope));
    // The source's name gives way first when the bar is narrow.
    let label_at = left.len();
    left.push(Span::raw(format!(" {}", app.label())));
    left.extend(what_is_viewed(app, keys));
    let right = match app.message() {
        Some(m) => Span::styled(
            format!(" {} ", m.text),
            if m.is_error() { t.error } else { t.status },
        ),
        None => match app.query().error() {
            // The valid part filters meanwhile; the fault is said here.
            Some(e) => Span::styled(format!(" query {e} "), t.error),
            None => Span::raw(format!(
                " {} help ",
                keys.key_of(KeyMode::Normal, Action::ToggleHelp)
            )),
        },
    };
    let rw = str_width(&right.content);
    let width = area.width as usize;
    let mut lw: usize = left.iter().map(|s| str_width(&s.content)).sum();
    if lw + rw > width {
        lw -= str_width(&left.remove(label_at).content);
    }
    let mut spans = left;
    if lw + rw <= width {
        spans.push(Span::raw(" ".repeat(width - lw - rw)));
        spans.push(right);
    } else if app.message().is_some() || app.query().error().is_some() {
        // A message matters more than the label: show it alone.
        spans = vec![right];
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.status), area);
    if let Some(x) = cursor
        && x < width
    {
        frame.set_cursor_position(Position::new(area.x + x as u16, area.y));
    }
}

/// The day (or days) shown, how many papers are new, and the order.
fn what_is_viewed(app: &App, keys: &Keymap) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if let Some(day) = app.day_label() {
        spans.push(Span::raw(format!(" · {day}")));
    }
    if let Some(sources) = app.day_sources() {
        spans.push(Span::raw(format!(" · {sources}")));
    }
    if let Some(ranking) = app.ranking_label() {
        spans.push(Span::raw(format!(" · {ranking}")));
    }
    if app.new_count() > 0 {
        spans.push(Span::raw(" · "));
        let new = format!("● {} new", app.new_count());
        spans.push(Span::styled(new, app.theme().new));
    }
    if app.marked_count() > 0 {
        spans.push(Span::raw(format!(
            " · {} for your searches ({})",
            app.marked_count(),
            keys.key_of(KeyMode::Normal, Action::NextMatch)
        )));
    }
    if let Some(keeping) = app.keep_status() {
        spans.push(Span::raw(format!(" · {keeping}")));
    }
    if app.only_new() {
        spans.push(Span::raw(" (only new)"));
    }
    if app.sort() != crate::filter::Sort::Page {
        spans.push(Span::raw(format!(" · by {}", app.sort().name())));
    }
    spans
}

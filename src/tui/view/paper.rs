//! The abstract pane: title, date, source:line, and the abstract, wrapped,
//! scrolled, with filter hits highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{char_ranges, highlighted};
use crate::filter::substring_ranges;
use crate::tui::app::{App, Focus};
use crate::wrap::wrap;

/// Every line of the pane's content at `width` columns.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(i) = app.selected_paper() else {
        return vec![Line::styled("No paper selected.", t.dim)];
    };
    let d = app.digest();
    let v = d.get(i);
    let q = app.query();
    let mut out = Vec::new();
    let title_hits = if q.is_empty() {
        Vec::new()
    } else {
        char_ranges(v.title, &app.engine().title_positions(v.title, q))
    };
    for r in wrap(v.title, width) {
        out.push(Line::from(highlighted(
            v.title,
            r,
            &title_hits,
            t.title,
            t.hit,
        )));
    }
    let places: Vec<String> = d.places(i).collect();
    let meta = format!(
        "{} · {} · {}",
        v.date.unwrap_or("no date"),
        places.join(" · "),
        v.id
    );
    for r in wrap(&meta, width) {
        out.push(Line::styled(meta[r].to_owned(), t.dim));
    }
    let mut marks = Vec::new();
    if app.is_bookmarked(i) {
        marks.push(Span::styled("★ bookmarked", t.bookmark));
    }
    if app.is_read(i) {
        if !marks.is_empty() {
            marks.push(Span::raw(" · "));
        }
        marks.push(Span::styled("✓ read", t.dim));
    }
    if !marks.is_empty() {
        out.push(Line::from(marks));
    }
    out.push(Line::raw(""));
    let text = v.abstract_text();
    if text.is_empty() {
        out.push(Line::styled("(no abstract)", t.dim));
        return out;
    }
    let hits = if q.is_empty() {
        Vec::new()
    } else {
        substring_ranges(&text, q)
    };
    for r in wrap(&text, width) {
        out.push(Line::from(highlighted(
            &text,
            r,
            &hits,
            ratatui::style::Style::new(),
            t.hit,
        )));
    }
    out
}

/// How many lines the content takes at `width` (for clamping the scroll).
pub fn content_height(app: &App, width: usize) -> usize {
    if width == 0 {
        return 0;
    }
    lines(app, width).len()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let focused = app.focus == Focus::Paper;
    let block = Block::bordered()
        .title(" Abstract ")
        .border_style(if focused { t.border_focused } else { t.border });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let all = lines(app, inner.width as usize);
    let total = all.len();
    let start = app.paper_scroll().min(total.saturating_sub(1));
    frame.render_widget(super::window(all, start, inner.height), inner);
    if total > inner.height as usize && area.width > 12 {
        // Where we are in a long abstract, on the bottom border.
        let pct = (start + inner.height as usize).min(total) * 100 / total;
        let label = format!(" {pct}% ");
        let x = area.x + area.width - 2 - label.len() as u16;
        frame.render_widget(
            Paragraph::new(label).style(t.dim),
            Rect::new(x, area.y + area.height - 1, 6.min(area.width - 2), 1),
        );
    }
}

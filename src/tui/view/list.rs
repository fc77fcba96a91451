//! The paper list: markers, title with matched characters, date; in the
//! summary view, the paper's one-line summary on a second line. Only the
//! rows on screen are built, whatever the number of papers.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthChar;

use super::{char_ranges, highlighted};
use crate::tui::app::{App, Focus, View};
use crate::wrap::str_width;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme();
    let focused = app.focus() == Focus::List;
    let title = match app.view() {
        View::Digest => " Papers ".to_owned(),
        View::List(name) => format!(" List: {name} "),
    };
    let block = Block::bordered().title(title).border_style(if focused {
        t.border_focused
    } else {
        t.border
    });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let results = app.results();
    if results.is_empty() {
        let msg = if app.digest().is_empty() {
            "No papers here.".to_owned()
        } else {
            format!("No papers match “{}”.", app.input().trim())
        };
        frame.render_widget(Paragraph::new(msg).style(t.dim), inner);
        return;
    }
    let width = inner.width as usize;
    let per = lines_per_paper(app);
    let rows = papers_shown(inner.height as usize, per);
    let start = app.offset().min(results.ranked().len());
    let end = (start + rows).min(results.ranked().len());
    let mut lines: Vec<Line> = Vec::with_capacity((end - start) * per);
    for (k, hit) in results.ranked()[start..end].iter().enumerate() {
        let (i, selected) = (hit.paper as usize, start + k == app.selected());
        lines.push(row(app, i, selected, focused, width));
        if per == 2 {
            lines.push(summary_row(app, i, selected, focused, width));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Screen lines a paper takes in the list: two in the summary view.
pub fn lines_per_paper(app: &App) -> usize {
    if app.summaries() { 2 } else { 1 }
}

/// How many papers `rows` lines of the list show, at `per` lines a paper
/// (at least one when there is room for any line).
pub fn papers_shown(rows: usize, per: usize) -> usize {
    match rows {
        0 => 0,
        r => (r / per.max(1)).max(1),
    }
}

/// A summary view's second line: the site's summary, else the abstract's
/// start, on one line under the title.
fn summary_row(app: &App, i: usize, selected: bool, focused: bool, width: usize) -> Line<'static> {
    let t = app.theme();
    let v = app.digest().get(i);
    let text = match v.facts.summary.as_deref() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => v.abstract_text(),
    };
    let room = width.saturating_sub(3);
    let (cut, ellipsis) = fit(&text, room);
    let mut shown = format!("   {}", &text[..cut]);
    if ellipsis {
        shown.push('…');
    }
    let pad = width.saturating_sub(str_width(&shown));
    shown.push_str(&" ".repeat(pad));
    let line = Line::from(Span::styled(
        shown,
        t.dim.add_modifier(ratatui::style::Modifier::ITALIC),
    ));
    match (selected, focused) {
        (true, true) => line.style(t.selected),
        (true, false) => line.style(t.selected_unfocused),
        _ => line,
    }
}

/// One row: `★✓ Title…   Jul 29`, padded to the full width.
fn row(app: &App, i: usize, selected: bool, focused: bool, width: usize) -> Line<'static> {
    let t = app.theme();
    let d = app.digest();
    let v = d.get(i);
    let read = app.is_read(i);
    let mut spans = markers(app, i, read);
    // The saved searches marking a new paper, before its title.
    let tags: String = app.marks_of(i).iter().map(|m| format!("[{m}] ")).collect();
    let tags_w = str_width(&tags).min(width / 3);
    let (tags_cut, _) = fit(&tags, tags_w);
    spans.push(Span::styled(tags[..tags_cut].to_owned(), t.new));
    let right = right_column(app, i);
    let date = right.as_str();
    let date_w = if width >= 40 && !date.is_empty() {
        str_width(date) + 1
    } else {
        0
    };
    let title_w = width.saturating_sub(3 + tags_w + date_w);
    let (cut, ellipsis) = fit(v.title, title_w);
    let base = if read { t.read } else { t.unread };
    let hits = if app.query().is_empty() {
        Vec::new()
    } else {
        char_ranges(
            v.title,
            &app.engine().title_positions(&v.title[..cut], app.query()),
        )
    };
    spans.extend(highlighted(v.title, 0..cut, &hits, base, t.hit));
    let mut used = 3 + str_width(&tags[..tags_cut]) + str_width(&v.title[..cut]);
    if ellipsis {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    if date_w > 0 {
        let pad = width.saturating_sub(used + date_w - 1);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(date.to_owned(), t.dim));
    } else {
        spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
    }
    let line = Line::from(spans);
    match (selected, focused) {
        (true, true) => line.style(t.selected),
        (true, false) => line.style(t.selected_unfocused),
        _ => line,
    }
}

/// The marks before the title: `★` (or `◆`), then `●` or `✓`.
fn markers(app: &App, i: usize, read: bool) -> Vec<Span<'static>> {
    let t = app.theme();
    vec![
        if app.is_bookmarked(i) {
            Span::styled("★", t.bookmark)
        } else if app.in_rank_list(i) {
            // In the list "for you" ranks by: marked, not hidden.
            Span::styled("◆", t.bookmark)
        } else if app.is_not_for_me(i) {
            Span::styled("✗", t.dim)
        } else {
            Span::raw(" ")
        },
        if app.is_new(i) {
            Span::styled("● ", t.new)
        } else if app.is_replacement(i) && !read {
            Span::styled("↻ ", t.dim)
        } else {
            Span::raw(if read { "✓ " } else { "  " })
        },
    ]
}

/// The right-hand columns of paper `i`'s row: upvotes, then the date, as
/// the config asks.
fn right_column(app: &App, i: usize) -> String {
    let (o, d) = (app.options(), app.digest());
    let v = d.get(i);
    let mut right = String::new();
    if let Some(score) = app.score_of(i) {
        right.push_str(&format!("{score:.2}"));
    }
    if o.show_upvotes
        && let Some(n) = v.facts.upvotes
    {
        if !right.is_empty() {
            right.push(' ');
        }
        right.push_str(&format!("▲{n}"));
    }
    if o.show_date
        && let Some(date) = v.date
    {
        if !right.is_empty() {
            right.push(' ');
        }
        right.push_str(&o.dates.show_among(date, d.date_key(i), app.many_years()));
    }
    right
}

/// The byte length of the longest prefix of `s` that fits in `width`
/// columns, and whether an ellipsis (one more column) is needed.
fn fit(s: &str, width: usize) -> (usize, bool) {
    if str_width(s) <= width {
        return (s.len(), false);
    }
    let mut w = 0;
    for (i, c) in s.char_indices() {
        w += c.width().unwrap_or(0);
        if w > width.saturating_sub(1) {
            return (i, true);
        }
    }
    (s.len(), false)
}

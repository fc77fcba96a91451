//! Rendering: plain functions of `&App`, one file per pane, and the
//! geometry they share: where each pane goes, how tall its content is, and
//! what lies under a mouse position. The event loop measures with these and
//! hands the app numbers; nothing here changes state or does I/O.

pub mod help;
pub mod list;
pub mod note;
pub mod paper;
pub mod picker;
pub mod status;

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Sizes;
use super::app::{App, Overlay};
use super::keymap::Keymap;

/// Below this the screen says it is too small instead of drawing panes.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width the abstract sits beside the list, below it otherwise.
pub const SIDE_BY_SIDE: u16 = 100;

/// Where each pane goes on a screen of a given size; the app uses the same
/// function to turn mouse positions into rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    pub list: Rect,
    pub paper: Rect,
    pub status: Rect,
    pub too_small: bool,
}

pub fn layout((w, h): (u16, u16)) -> Panes {
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return Panes {
            list: Rect::default(),
            paper: Rect::default(),
            status: Rect::default(),
            too_small: true,
        };
    }
    let body_h = h - 1;
    let status = Rect::new(0, body_h, w, 1);
    let (list, paper) = if w >= SIDE_BY_SIDE {
        let lw = w * 45 / 100;
        (
            Rect::new(0, 0, lw, body_h),
            Rect::new(lw, 0, w - lw, body_h),
        )
    } else {
        let lh = (body_h * 45 / 100).max(4);
        (Rect::new(0, 0, w, lh), Rect::new(0, lh, w, body_h - lh))
    };
    Panes {
        list,
        paper,
        status,
        too_small: false,
    }
}

impl Panes {
    pub fn list_rows(&self) -> usize {
        inner(self.list).height as usize
    }

    pub fn paper_rows(&self) -> usize {
        inner(self.paper).height as usize
    }

    pub fn paper_width(&self) -> usize {
        inner(self.paper).width as usize
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    r.inner(Margin::new(1, 1))
}

/// What a screen position is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The `n`th row of papers on screen.
    ListRow(usize),
    /// The list pane's border.
    List,
    Paper,
    Elsewhere,
}

/// What is at (`x`, `y`) on a screen of `size`.
pub fn place(size: (u16, u16), x: u16, y: u16) -> Place {
    let l = layout(size);
    let at = (x, y).into();
    if inner(l.list).contains(at) {
        Place::ListRow((y - inner(l.list).y) as usize)
    } else if l.list.contains(at) {
        Place::List
    } else if l.paper.contains(at) {
        Place::Paper
    } else {
        Place::Elsewhere
    }
}

/// The numbers the app keeps its selection and scrolling within, on a
/// screen of `size`: measured from the wrapped text, nothing drawn.
pub fn measure(app: &App, keys: &Keymap, size: (u16, u16)) -> Sizes {
    let l = layout(size);
    let help_lines = help::line_count(keys);
    let help_rows = help::box_area(Rect::new(0, 0, size.0, size.1), help_lines)
        .height
        .saturating_sub(2) as usize;
    Sizes {
        list_rows: list::papers_shown(l.list_rows(), list::lines_per_paper(app)),
        paper_rows: l.paper_rows(),
        paper_lines: paper::content_height(app, l.paper_width()),
        help_lines,
        help_rows,
    }
}

pub fn render(app: &App, keys: &Keymap, frame: &mut Frame) {
    let area = frame.area();
    let panes = layout((area.width, area.height));
    if panes.too_small {
        let msg = format!("Terminal too small: paperboy needs {MIN_WIDTH}x{MIN_HEIGHT}");
        frame.render_widget(
            Paragraph::new(msg)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    list::render(app, frame, panes.list);
    paper::render(app, frame, panes.paper);
    status::render(app, keys, frame, panes.status);
    match app.overlay() {
        Overlay::None => {}
        Overlay::Help(scroll) => help::render(app, keys, frame, area, *scroll),
        Overlay::Picker(p) => picker::render(app, keys, frame, area, p),
        Overlay::Note { list, input, .. } => {
            note::render(app, keys, frame, area, (list.as_str(), input))
        }
        Overlay::SearchName { input } => note::render_search_name(app, keys, frame, area, input),
    }
}

/// A centred rectangle of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The `rows` lines from `start` on: a scrolled pane builds only these.
pub fn window(lines: Vec<Line<'static>>, start: usize, rows: u16) -> Paragraph<'static> {
    let visible: Vec<Line> = lines.into_iter().skip(start).take(rows as usize).collect();
    Paragraph::new(visible)
}

/// `text[range]` as spans, with the parts inside `hits` (sorted byte ranges
/// of `text`) in `hit` style.
pub fn highlighted(
    text: &str,
    range: Range<usize>,
    hits: &[Range<usize>],
    base: Style,
    hit: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut pos = range.start;
    for h in hits {
        let (s, e) = (h.start.max(pos), h.end.min(range.end));
        if s >= e {
            continue;
        }
        if s > pos {
            spans.push(Span::styled(text[pos..s].to_owned(), base));
        }
        spans.push(Span::styled(text[s..e].to_owned(), base.patch(hit)));
        pos = e;
    }
    if pos < range.end {
        spans.push(Span::styled(text[pos..range.end].to_owned(), base));
    }
    spans
}

/// Char positions (as the matcher gives them) to byte ranges of `text`.
pub fn char_ranges(text: &str, positions: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(positions.len());
    let mut want = positions.iter().peekable();
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        match want.peek() {
            Some(&&p) if p == ci => {
                out.push(bi..bi + c.len_utf8());
                want.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    out
}

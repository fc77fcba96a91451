//! The abstract pane: title, date, source:line, and the abstract, wrapped,
//! scrolled, with filter hits highlighted.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{char_ranges, highlighted};
use crate::digest::facts_view::{self, Fact, Label, Record};
use crate::filter::substring_ranges;
use crate::tui::app::{App, Focus};
use crate::wrap::wrap;

/// What the pane says about the selected paper, before any styling: the
/// one source both drawing and measuring read.
struct Content<'a> {
    /// The paper, its day as the options show dates, every place it was
    /// read, and the note on it in the list notes go to.
    paper: Record<'a>,
    bookmarked: bool,
    read: bool,
    /// Its PDF on disk, if downloaded.
    pdf: Option<String>,
    /// Its score in the ranking shown, and the words that weighed most.
    ranked: Option<(f32, Vec<String>)>,
    /// The saved papers that pulled it up most (titles, and the words it
    /// shares with each), for you.
    pulled: Vec<(String, Vec<String>)>,
}

fn content(app: &App) -> Option<Content<'_>> {
    let i = app.selected_paper()?;
    let d = app.digest();
    let mut paper = Record::of_paper(d, i);
    paper.date = (paper.date)
        .map(|date| app.options().dates.show_among(&date, d.date_key(i), true))
        .map(Cow::Owned);
    paper.places.extend(app.paper_sources(i));
    paper.note = app
        .note_target()
        .and_then(|(_, e)| e.note.as_deref().map(Cow::Borrowed));
    Some(Content {
        paper,
        pdf: app.pdf_on_disk(i).map(|p| p.display().to_string()),
        ranked: app.score_of(i).map(|s| (s, app.why(i))),
        pulled: app.pulled_with_words(i),
        bookmarked: app.is_bookmarked(i),
        read: app.is_read(i),
    })
}

impl Content<'_> {
    fn has_marks(&self) -> bool {
        self.bookmarked || self.read
    }

    /// The paper's facts as every reader shows them, authors as many as
    /// fit in `width`; the links its arXiv id gives are left out (the
    /// pane shows the id, and `o` opens them).
    fn view(&self, width: usize) -> Vec<Fact> {
        let mut v = facts_view::facts(&self.paper, width);
        v.retain(|f| !matches!(f.label, Label::Link(s) if s.from_arxiv_id()));
        v
    }

    /// The fact lines under the title (the summary apart), then the
    /// ranking's: the score and why, the saved papers it is like.
    fn fact_lines(&self, width: usize) -> Vec<String> {
        let view = self.view(width);
        let mut out = facts_view::lines(view.iter().filter(|f| f.label != Label::Summary));
        if let Some(p) = &self.pdf {
            out.push(format!("PDF on disk: {p}"));
        }
        if let Some((score, why)) = &self.ranked {
            out.push(match why.as_slice() {
                [] => format!("score {score:.2}"),
                words => format!("score {score:.2} · why: {}", words.join(", ")),
            });
        }
        for (t, words) in &self.pulled {
            let short: String = t.chars().take(40).collect();
            let more = if short.len() < t.len() { "…" } else { "" };
            out.push(match words.as_slice() {
                [] => format!("like “{short}{more}”"),
                w => format!("like “{short}{more}”, words: {}", w.join(", ")),
            });
        }
        out
    }

    fn summary(&self) -> Option<&str> {
        self.paper.facts.summary.as_deref()
    }
}

/// How many lines the pane's content takes at `width`, counted from the
/// wrapped text (the app clamps its scroll to it).
pub fn content_height(app: &App, width: usize) -> usize {
    if width == 0 {
        return 0;
    }
    let Some(c) = content(app) else {
        return 1;
    };
    let body = if c.paper.abstract_.is_empty() {
        1
    } else {
        wrap(&c.paper.abstract_, width).len()
    };
    let facts: usize = c
        .fact_lines(width)
        .iter()
        .map(|l| wrap(l, width).len())
        .sum();
    wrap(c.paper.title, width).len()
        + c.summary().map_or(0, |s| wrap(s, width).len())
        + facts
        + usize::from(c.has_marks())
        + 1
        + body
}

/// Every line of the pane's content at `width` columns.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = app.theme();
    let Some(c) = content(app) else {
        return vec![Line::styled("No paper selected.", t.dim)];
    };
    let q = app.query();
    let mut out = Vec::new();
    let title_hits = if q.is_empty() {
        Vec::new()
    } else {
        char_ranges(
            c.paper.title,
            &app.engine().title_positions(c.paper.title, q),
        )
    };
    for r in wrap(c.paper.title, width) {
        out.push(Line::from(highlighted(
            c.paper.title,
            r,
            &title_hits,
            t.title,
            t.hit,
        )));
    }
    if let Some(s) = c.summary() {
        let style = t
            .title
            .remove_modifier(Modifier::BOLD)
            .add_modifier(Modifier::ITALIC);
        for r in wrap(s, width) {
            out.push(Line::styled(s[r].to_owned(), style));
        }
    }
    for l in c.fact_lines(width) {
        for r in wrap(&l, width) {
            out.push(Line::styled(l[r].to_owned(), t.dim));
        }
    }
    if c.has_marks() {
        out.push(marks_line(app, &c));
    }
    out.push(Line::raw(""));
    let text = &c.paper.abstract_;
    if text.is_empty() {
        out.push(Line::styled("(no abstract)", t.dim));
        return out;
    }
    let hits = if q.is_empty() {
        Vec::new()
    } else {
        substring_ranges(text, q)
    };
    for r in wrap(text, width) {
        out.push(Line::from(highlighted(text, r, &hits, Style::new(), t.hit)));
    }
    out
}

/// `★ bookmarked · ✓ read`, as far as they apply.
fn marks_line(app: &App, c: &Content<'_>) -> Line<'static> {
    let t = app.theme();
    let mut marks = Vec::new();
    if c.bookmarked {
        marks.push(Span::styled("★ bookmarked", t.bookmark));
    }
    if c.read {
        if !marks.is_empty() {
            marks.push(Span::raw(" · "));
        }
        marks.push(Span::styled("✓ read", t.dim));
    }
    Line::from(marks)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme();
    let focused = app.focus() == Focus::Paper;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::{Digest, SAMPLE};
    use crate::filter::Engine;
    use crate::store::Snapshot;
    use crate::tui::theme::Theme;
    use std::sync::Arc;

    #[test]
    fn the_measured_height_is_the_drawn_height() {
        let engine = Arc::new(Engine::new(Arc::new(Digest::parse("s", SAMPLE))));
        let app = App::new(engine, Snapshot::default(), "s", Theme::plain());
        for width in [1, 5, 20, 41, 80, 200] {
            assert_eq!(
                content_height(&app, width),
                lines(&app, width).len(),
                "{width}"
            );
        }
    }
}

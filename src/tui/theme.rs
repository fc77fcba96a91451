//! Colours, or none: with `NO_COLOR` set every style is a modifier only, and
//! the selection stays visible in reverse video.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub selected: Style,
    pub selected_unfocused: Style,
    pub hit: Style,
    pub bookmark: Style,
    pub read: Style,
    pub unread: Style,
    pub dim: Style,
    pub title: Style,
    pub border_focused: Style,
    pub border: Style,
    pub status: Style,
    pub error: Style,
    pub prompt: Style,
    /// The mark of a paper not seen before.
    pub new: Style,
}

/// The colours of the roles a config file may set; `None` keeps the
/// default.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Colors {
    /// The selected row's background.
    pub selection: Option<Color>,
    /// Matched characters of the filter.
    pub hit: Option<Color>,
    /// The ★ of bookmarks.
    pub marks: Option<Color>,
    /// The ● of new papers.
    pub new: Option<Color>,
    /// The status bar's background.
    pub status_bar: Option<Color>,
    /// The focused pane's border.
    pub borders: Option<Color>,
}

impl Theme {
    /// `NO_COLOR` set and not empty means no colour (no-color.org).
    pub fn from_env() -> Theme {
        Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// The theme for a value of `NO_COLOR` (`None`: not set).
    pub fn for_no_color(value: Option<&std::ffi::OsStr>) -> Theme {
        Theme::with_colors(value, &Colors::default())
    }

    /// The colour theme with the config's colours, unless `NO_COLOR` (its
    /// value here) says no colour: that wins over any config.
    pub fn with_colors(no_color: Option<&std::ffi::OsStr>, colors: &Colors) -> Theme {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return Theme::plain();
        }
        let mut t = Theme::color();
        let set = |style: &mut Style, c: Option<Color>, bg: bool| {
            if let Some(c) = c {
                *style = if bg { style.bg(c) } else { style.fg(c) };
            }
        };
        set(&mut t.selected, colors.selection, true);
        set(&mut t.hit, colors.hit, false);
        set(&mut t.bookmark, colors.marks, false);
        set(&mut t.new, colors.new, false);
        set(&mut t.status, colors.status_bar, true);
        set(&mut t.border_focused, colors.borders, false);
        t
    }

    pub fn color() -> Theme {
        Theme {
            selected: Style::new().bg(Color::Blue).fg(Color::White),
            selected_unfocused: Style::new().bg(Color::DarkGray).fg(Color::White),
            hit: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            bookmark: Style::new().fg(Color::Yellow),
            read: Style::new().fg(Color::Gray),
            unread: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border_focused: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            status: Style::new().bg(Color::Indexed(236)).fg(Color::White),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            prompt: Style::new().fg(Color::Yellow),
            new: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        }
    }

    pub fn plain() -> Theme {
        let none = Style::new();
        Theme {
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            hit: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            bookmark: Style::new().add_modifier(Modifier::BOLD),
            read: none,
            unread: Style::new().add_modifier(Modifier::BOLD),
            dim: none,
            title: Style::new().add_modifier(Modifier::BOLD),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            border: none,
            status: Style::new().add_modifier(Modifier::REVERSED),
            error: Style::new().add_modifier(Modifier::BOLD),
            prompt: none,
            new: Style::new().add_modifier(Modifier::BOLD),
        }
    }
}

//! What the config file may change in how the reader behaves and looks,
//! beyond keys and colours. Depends on nothing else in `tui/`.

use crate::day::DateKey;
use crate::filter::Scope;

/// Which page `o` opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OpenPage {
    /// The arXiv abstract page.
    #[default]
    Arxiv,
    /// The Hugging Face paper page.
    Hf,
    /// The PDF.
    Pdf,
}

impl OpenPage {
    pub const NAMES: [(&'static str, OpenPage); 3] = [
        ("arxiv", OpenPage::Arxiv),
        ("hf", OpenPage::Hf),
        ("pdf", OpenPage::Pdf),
    ];
}

/// How dates show in the list and the abstract pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// `Oct 7`, with the year when the days shown span more than one.
    #[default]
    Auto,
    /// As the source wrote them (`Jul 29`, `2024-10-07`).
    AsWritten,
    /// `2024-10-07` when the year is known.
    Iso,
    /// `Oct 7`.
    Short,
}

impl DateStyle {
    pub const NAMES: [(&'static str, DateStyle); 4] = [
        ("auto", DateStyle::Auto),
        ("as-written", DateStyle::AsWritten),
        ("iso", DateStyle::Iso),
        ("short", DateStyle::Short),
    ];

    /// `text` (a date as written, with its sortable `key`) in this style;
    /// `years` when the dates shown span more than one year.
    pub fn show_among(self, text: &str, key: u32, years: bool) -> String {
        match (self, DateKey(key).year()) {
            (DateStyle::Auto, Some(y)) if years => {
                format!("{}, {y}", DateStyle::Short.show(text, key))
            }
            (DateStyle::Auto, _) => DateStyle::Short.show(text, key),
            (other, _) => other.show(text, key),
        }
    }

    /// `text` (a date as written, with its sortable `key`) in this style.
    pub fn show(self, text: &str, key: u32) -> String {
        let key = DateKey(key);
        let styled = match self {
            DateStyle::Iso => key.iso(),
            DateStyle::Short | DateStyle::Auto => key.short(),
            DateStyle::AsWritten => None,
        };
        styled.unwrap_or_else(|| text.to_owned())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The filter's scope when the reader opens.
    pub scope: Scope,
    pub open: OpenPage,
    pub dates: DateStyle,
    /// Whether the list shows each paper's date, and its upvotes.
    pub show_date: bool,
    pub show_upvotes: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            scope: Scope::Title,
            open: OpenPage::Arxiv,
            dates: DateStyle::Auto,
            show_date: true,
            show_upvotes: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_each_style() {
        assert_eq!(DateStyle::AsWritten.show("Jul 29", 729), "Jul 29");
        assert_eq!(
            DateStyle::Iso.show("Jul 29", 729),
            "Jul 29",
            "no year to show"
        );
        assert_eq!(DateStyle::Iso.show("Oct 7, 2024", 2024_1007), "2024-10-07");
        assert_eq!(DateStyle::Short.show("2024-10-07", 2024_1007), "Oct 7");
        assert_eq!(DateStyle::Short.show("someday", 0), "someday");
        assert_eq!(
            DateStyle::Auto.show_among("2024-10-07", 2024_1007, false),
            "Oct 7"
        );
        assert_eq!(
            DateStyle::Auto.show_among("2024-10-07", 2024_1007, true),
            "Oct 7, 2024"
        );
    }
}

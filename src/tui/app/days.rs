//! The days a digest's papers are on, grouped by day, ISO week or month,
//! and which of those the list shows.

use std::collections::HashMap;

use std::sync::Arc;

use super::{Action, App};
use crate::day::{DateKey, Day, Span};
use crate::digest::Digest;

/// What one step of `[` / `]` covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Period {
    #[default]
    Day,
    Week,
    Month,
}

impl Period {
    pub fn next(self) -> Period {
        match self {
            Period::Day => Period::Week,
            Period::Week => Period::Month,
            Period::Month => Period::Day,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// The week or month a day's date key is in (none for a day, or a
    /// date with no year).
    pub fn span(self, key: u32) -> Option<Span> {
        let day = Day::from_key(key)?;
        match self {
            Period::Day => None,
            Period::Week => Some(Span::week_of(day)),
            Period::Month => Some(Span::month_of(day)),
        }
    }

    /// The key of the unit a day is in: the day's own key, else a number
    /// for its week or month (0 when it has no year).
    fn unit(self, key: u32) -> u32 {
        match self.span(key) {
            Some(Span::Week(y, w) | Span::Month(y, w)) => y as u32 * 100 + w,
            None if self == Period::Day => key,
            None => 0,
        }
    }
}

/// One unit of the period: a day, a week or a month.
#[derive(Debug)]
struct Unit {
    key: u32,
    /// Its newest day's date key.
    newest: u32,
    /// Its papers, in the digest's order.
    papers: Vec<u32>,
}

#[derive(Debug, Default)]
pub struct Days {
    /// Every day's date key, newest first.
    keys: Vec<u32>,
    /// The papers of each day, in the digest's order.
    papers: HashMap<u32, Vec<u32>>,
    period: Period,
    /// The period's units, newest first (weeks and months only; a day is
    /// its own unit).
    units: Vec<Unit>,
    /// The unit shown (an index in `keys` or `units`), or all of them.
    current: Option<usize>,
}

impl Days {
    pub fn of(d: &Digest) -> Days {
        let mut papers: HashMap<u32, Vec<u32>> = HashMap::new();
        for i in 0..d.len() {
            papers.entry(d.date_key(i)).or_default().push(i as u32);
        }
        let mut keys: Vec<u32> = papers.keys().copied().collect();
        keys.sort_unstable_by(|a, b| b.cmp(a));
        Days {
            keys,
            papers,
            ..Days::default()
        }
    }

    pub fn period(&self) -> Period {
        self.period
    }

    /// Groups the days by `period`, showing the unit of the day shown
    /// before (its newest day's).
    pub fn set_period(&mut self, period: Period) {
        let day = self.current_day();
        self.period = period;
        self.units.clear();
        if period != Period::Day {
            for &key in &self.keys {
                let unit = period.unit(key);
                if self.units.last().is_none_or(|u| u.key != unit) {
                    self.units.push(Unit {
                        key: unit,
                        newest: key,
                        papers: Vec::new(),
                    });
                }
                if let Some(u) = self.units.last_mut() {
                    u.papers.extend_from_slice(&self.papers[&key]);
                }
            }
            for u in &mut self.units {
                u.papers.sort_unstable();
            }
        }
        self.show(day);
    }

    /// The newest day of the unit shown.
    pub fn current_day(&self) -> Option<u32> {
        let k = self.current?;
        Some(match self.period {
            Period::Day => self.keys[k],
            _ => self.units[k].newest,
        })
    }

    /// How many units there are.
    pub fn count(&self) -> usize {
        match self.period {
            Period::Day => self.keys.len(),
            _ => self.units.len(),
        }
    }

    /// The unit shown, as (its newest day's date key, its position newest
    /// first).
    pub fn current(&self) -> Option<(u32, usize)> {
        Some((self.current_day()?, self.current?))
    }

    /// Shows the unit of the day of `key` (when there is one), else all.
    pub fn show(&mut self, key: Option<u32>) {
        self.current = key.and_then(|k| match self.period {
            Period::Day => self.keys.iter().position(|&x| x == k),
            p => self.units.iter().position(|u| u.key == p.unit(k)),
        });
    }

    /// Steps to an older (`older`) or newer day; from all days, to the
    /// newest. False when there is none that way.
    pub fn step(&mut self, older: bool) -> bool {
        let next = match (self.current, older) {
            (None, _) if self.count() > 0 => Some(0),
            (Some(k), true) if k + 1 < self.count() => Some(k + 1),
            (Some(k), false) if k > 0 => Some(k - 1),
            _ => return false,
        };
        self.current = next;
        true
    }

    /// The papers of the day shown, or `None` for all.
    pub fn papers(&self) -> Option<&[u32]> {
        let k = self.current?;
        Some(match self.period {
            Period::Day => self.papers[&self.keys[k]].as_slice(),
            _ => self.units[k].papers.as_slice(),
        })
    }

    /// Whether the days span more than one year (then dates show theirs).
    pub fn years(&self) -> bool {
        let years: Vec<u32> = self
            .keys
            .iter()
            .map(|k| k / 10_000)
            .filter(|&y| y > 0)
            .collect();
        years.iter().min() != years.iter().max()
    }
}

impl App {
    /// Opens on the newest day (a library).
    pub fn open_on_newest_day(&mut self) {
        // Even one day is chosen: the rest of the library comes later.
        self.base.days_mut().step(true);
        self.base.rebuild(self.engine.digest());
        self.refilter();
    }

    /// Lists only the papers never shown before (`paperboy --new`).
    pub fn show_only_new(&mut self) {
        self.base.set_only_new(true);
        self.base.rebuild(self.engine.digest());
        self.refilter();
    }

    /// The day shown, as `Oct 7, 2024 (1/258)`, when the papers are of
    /// more than one day.
    pub fn day_label(&self) -> Option<String> {
        let days = self.base.days();
        let period = days.period();
        // More like this looks across every day.
        let one = days.count() < 2 && period == Period::Day;
        if one || self.base.is_like() {
            return None;
        }
        let name = |key| match period.span(key) {
            Some(span) => span.label(),
            None if period == Period::Day => day_name(key),
            None => "undated".to_owned(),
        };
        Some(match days.current() {
            Some((key, k)) => format!("{} ({}/{})", name(key), k + 1, days.count()),
            None => format!("all {} {}s", days.count(), period.name()),
        })
    }

    /// Whether the papers' days span more than one year.
    pub fn many_years(&self) -> bool {
        self.base.days().years()
    }

    pub(super) fn viewing(&mut self, action: Action) {
        let d = Arc::clone(&self.engine);
        match action {
            Action::PreviousDay | Action::NextDay => {
                if !self.base.days_mut().step(action == Action::PreviousDay) {
                    let which = if action == Action::PreviousDay {
                        "older"
                    } else {
                        "newer"
                    };
                    let unit = self.base.days().period().name();
                    return self.info(format!("no {which} {unit}"));
                }
            }
            Action::CyclePeriod => {
                let days = self.base.days_mut();
                days.set_period(days.period().next());
                if days.current().is_none() {
                    days.step(true);
                }
                let p = days.period();
                self.info(match p {
                    Period::Day => "by day, in page order".to_owned(),
                    _ => format!("by {}: most upvoted first", p.name()),
                });
            }
            Action::AllDays => {
                let days = self.base.days_mut();
                if days.current().is_some() {
                    days.show(None);
                } else if !days.step(true) {
                    return self.info("the papers are of one day");
                }
            }
            Action::OnlyNew => {
                let on = !self.base.only_new();
                self.base.set_only_new(on);
                self.info(if on { "only new papers" } else { "all papers" });
            }
            _ => {
                let sort = self.base.sort().next();
                self.base.set_sort(sort);
                self.info(format!("order: {}", sort.name()));
            }
        }
        // The selected paper stays selected while it is in view.
        self.base.rebuild(d.digest());
        self.refilter();
    }
}

/// A day's date key as `Oct 7, 2024` (`Jul 29` with no year).
fn day_name(key: u32) -> String {
    let key = DateKey(key);
    let short = key.short().unwrap_or_default();
    match key.year() {
        None => short,
        Some(y) => format!("{short}, {y}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_step_newest_first() {
        let d = Digest::parse(
            "t",
            "Jul 29\n\nA\n\nabout a\n\nJul 28\n\nB\n\nabout b\n\nJul 29\n\nC\n\nabout c\n",
        );
        let mut days = Days::of(&d);
        assert_eq!(days.count(), 2);
        assert_eq!(days.papers(), None);
        assert!(days.step(true));
        assert_eq!(days.current(), Some((729, 0)));
        assert_eq!(days.papers(), Some(&[0, 2][..]));
        assert!(days.step(true));
        assert!(!days.step(true), "no day older");
        assert!(days.step(false));
        days.show(None);
        assert_eq!(days.current(), None);
        assert!(!days.years());
    }

    #[test]
    fn weeks_and_months_group_the_days() {
        let mut items = Vec::new();
        // Nov 23-29, 2026 is week 48; Nov 30 begins week 49.
        for (day, title) in [
            ("2026-12-01", "A"),
            ("2026-11-30", "B"),
            ("2026-11-29", "C"),
            ("2026-11-23", "D"),
            ("2026-10-31", "E"),
        ] {
            items.push(format!(
                r#"{{"paper": {{"title": "{title}", "summary": "s", "submittedOnDailyAt": "{day}T08:00:00Z"}}}}"#
            ));
        }
        let json = format!("[{}]", items.join(","));
        let d = Digest::parse_as("t.json", json, crate::digest::Format::Json);
        let mut days = Days::of(&d);
        days.show(Some(2026_1129));
        days.set_period(Period::Week);
        assert_eq!(days.count(), 3);
        assert_eq!(
            days.current(),
            Some((2026_1129, 1)),
            "the week of the day shown"
        );
        let titles = |days: &Days| -> Vec<&str> {
            days.papers()
                .unwrap()
                .iter()
                .map(|&i| d.title(i as usize))
                .collect()
        };
        assert_eq!(titles(&days), ["C", "D"]);
        assert!(days.step(false));
        assert_eq!(titles(&days), ["A", "B"]);
        days.set_period(Period::Month);
        assert_eq!(days.count(), 3, "Dec, Nov, Oct");
        assert_eq!(titles(&days), ["A"], "the month of the newest day shown");
        assert!(days.step(true));
        assert_eq!(titles(&days), ["B", "C", "D"]);
        days.set_period(Period::Day);
        assert_eq!(days.current(), Some((2026_1130, 1)));
    }
}

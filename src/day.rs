//! Calendar days (proleptic Gregorian, UTC), for the library's dates and
//! the store's timestamps.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A day, as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

impl Day {
    /// Today in UTC.
    pub fn today() -> Day {
        Day::from_unix(now_secs())
    }

    pub fn from_unix(secs: u64) -> Day {
        Day((secs / 86_400) as i64)
    }

    /// The day of a year, month and day (days-from-civil).
    pub fn from_ymd(y: i64, m: u32, d: u32) -> Option<Day> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m as i64 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// Year, month and day (civil-from-days).
    pub fn ymd(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }

    /// `YYYY-MM-DD`, alone or at the start of a timestamp.
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10].is_ascii_digit())
        {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        Day::from_ymd(num(0..4)? as i64, num(5..7)?, num(8..10)?)
    }

    pub fn plus(self, days: i64) -> Day {
        Day(self.0 + days)
    }

    /// The sortable key digests use (see [`DateKey`]).
    pub fn key(self) -> u32 {
        let (y, m, d) = self.ymd();
        DateKey::pack(y.clamp(0, 9999) as u32, m, d).0
    }

    /// The day of a key, when the key has a year (`729`, Jul 29 of no year
    /// known, has none).
    pub fn from_key(key: u32) -> Option<Day> {
        let k = DateKey(key);
        Day::from_ymd(i64::from(k.year()?), k.month(), k.day())
    }
}

/// A date as digests sort it, packed in a `u32`: year * 10000 + month *
/// 100 + day, the year 0 when the source wrote none (`Jul 29`), and 0 for
/// no date. The one place that packs and unpacks it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateKey(pub u32);

impl DateKey {
    fn pack(year: u32, month: u32, day: u32) -> DateKey {
        DateKey(year * 10_000 + month * 100 + day)
    }

    /// The key of a day of the calendar: with a year, a day that year has
    /// (2023-02-29 is none); without, a day some year has (Feb 29 is).
    pub fn of(year: Option<u32>, month: u32, day: u32) -> Option<DateKey> {
        let real = match year {
            Some(y) => (1..=9999).contains(&y) && Day::from_ymd(i64::from(y), month, day).is_some(),
            None => (1..=12).contains(&month) && (1..=days_in_month(2000, month)).contains(&day),
        };
        real.then(|| DateKey::pack(year.unwrap_or(0), month, day))
    }

    /// An ISO date, `2024-10-07`, alone or at the start of a timestamp:
    /// the one ISO parser ([`Day::parse`]).
    pub fn parse_iso(s: &str) -> Option<DateKey> {
        Day::parse(s).map(|d| DateKey(d.key()))
    }

    pub fn year(self) -> Option<u32> {
        Some(self.0 / 10_000).filter(|&y| y > 0)
    }

    pub fn month(self) -> u32 {
        self.0 / 100 % 100
    }

    pub fn day(self) -> u32 {
        self.0 % 100
    }

    /// The same month and day in `year`.
    pub fn in_year(self, year: u32) -> DateKey {
        DateKey::pack(year, self.month(), self.day())
    }

    /// The key without its year (`Jul 29` of any year).
    pub fn without_year(self) -> DateKey {
        DateKey(self.0 % 10_000)
    }

    /// Whether the key names a month and a day (0, no date, does not).
    fn known(self) -> bool {
        (1..=12).contains(&self.month()) && (1..=31).contains(&self.day())
    }

    /// `2024-10-07`, when the key has a year, a month and a day.
    pub fn iso(self) -> Option<String> {
        let y = self.year().filter(|_| self.known())?;
        Some(format!("{y:04}-{:02}-{:02}", self.month(), self.day()))
    }

    /// `Oct 7`, when the key has a month and a day (the year left out).
    pub fn short(self) -> Option<String> {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = MONTHS[self.month().checked_sub(1).filter(|_| self.known())? as usize];
        Some(format!("{month} {}", self.day()))
    }
}

impl Day {
    /// The day of the week, Monday 0 … Sunday 6.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.0 + 3).rem_euclid(7) as u32
    }

    /// The ISO 8601 week: its year (that of its Thursday) and number.
    pub fn iso_week(self) -> (i64, u32) {
        let thursday = self.plus(3 - i64::from(self.weekday()));
        let (y, _, _) = thursday.ymd();
        let jan1 = Day::from_ymd(y, 1, 1).unwrap_or(thursday);
        (y, ((thursday.0 - jan1.0) / 7 + 1) as u32)
    }
}

/// A week or a month of days: what the Daily Papers' weekly and monthly
/// views hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Span {
    /// An ISO week: year, number (1..=53).
    Week(i64, u32),
    /// A calendar month: year, month (1..=12).
    Month(i64, u32),
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Span {
    pub fn week_of(d: Day) -> Span {
        let (y, w) = d.iso_week();
        Span::Week(y, w)
    }

    pub fn month_of(d: Day) -> Span {
        let (y, m, _) = d.ymd();
        Span::Month(y, m)
    }

    /// `2026-W48` (as the API writes it; `2026-w48` too).
    pub fn parse_week(s: &str) -> Option<Span> {
        let (y, w) = s.split_once(['W', 'w'])?;
        let y: i64 = y.strip_suffix('-')?.parse().ok()?;
        let w: u32 = w.parse().ok().filter(|_| w.len() == 2)?;
        let span = Span::Week(y, w);
        (y >= 1 && span.first().is_some()).then_some(span)
    }

    /// `2026-11`.
    pub fn parse_month(s: &str) -> Option<Span> {
        let (y, m) = s.split_once('-')?;
        let m: u32 = m.parse().ok().filter(|_| m.len() == 2)?;
        let y: i64 = y.parse().ok().filter(|_| y.len() == 4)?;
        Day::from_ymd(y, m, 1).map(|_| Span::Month(y, m))
    }

    /// Its first day (`None` for a week the year does not have).
    fn first(self) -> Option<Day> {
        match self {
            Span::Week(y, w) => {
                let jan4 = Day::from_ymd(y, 1, 4)?;
                let monday = jan4.plus(-i64::from(jan4.weekday()) + (i64::from(w) - 1) * 7);
                (w >= 1 && monday.iso_week() == (y, w)).then_some(monday)
            }
            Span::Month(y, m) => Day::from_ymd(y, m, 1),
        }
    }

    /// Its days, first to last.
    pub fn days(self) -> std::ops::RangeInclusive<Day> {
        let first = self.first().unwrap_or(Day(0));
        let last = match self {
            Span::Week(..) => first.plus(6),
            Span::Month(y, m) => first.plus(i64::from(days_in_month(y, m)) - 1),
        };
        first..=last
    }

    pub fn contains(self, d: Day) -> bool {
        self.days().contains(&d)
    }

    /// The span before (`older`) or after this one.
    pub fn step(self, older: bool) -> Span {
        let days = self.days();
        match self {
            Span::Week(..) => Span::week_of(if older {
                days.start().plus(-7)
            } else {
                days.end().plus(1)
            }),
            Span::Month(..) => Span::month_of(if older {
                days.start().plus(-1)
            } else {
                days.end().plus(1)
            }),
        }
    }

    /// `week 48, 2026 (Nov 23–29)`, `November 2026`.
    pub fn label(self) -> String {
        let short = |d: Day| {
            let (_, m, dd) = d.ymd();
            format!("{} {dd}", &MONTHS[m as usize - 1][..3])
        };
        match self {
            Span::Week(y, w) => {
                let (a, b) = (*self.days().start(), *self.days().end());
                let end = if a.ymd().1 == b.ymd().1 {
                    b.ymd().2.to_string()
                } else {
                    short(b)
                };
                format!("week {w}, {y} ({}–{end})", short(a))
            }
            Span::Month(y, m) => format!("{} {y}", MONTHS[m as usize - 1]),
        }
    }
}

impl fmt::Display for Span {
    /// As the API takes it: `2026-W48`, `2026-11`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Span::Week(y, w) => write!(f, "{y:04}-W{w:02}"),
            Span::Month(y, m) => write!(f, "{y:04}-{m:02}"),
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Now as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_rfc3339() -> String {
    rfc3339(now_secs())
}

/// Unix seconds as UTC RFC 3339.
pub fn rfc3339(secs: u64) -> String {
    let rem = secs % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Day::from_unix(secs),
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(Day(0).to_string(), "1970-01-01");
        assert_eq!(
            Day::parse("2000-02-29").map(|d| d.to_string()).as_deref(),
            Some("2000-02-29")
        );
        assert_eq!(
            Day::parse("2024-10-07T00:41:46.617Z").map(|d| d.key()),
            Some(2024_1007)
        );
        assert_eq!(Day::parse("2023-02-29"), None);
        assert_eq!(Day::parse("2024-1-07"), None);
        assert_eq!(Day::parse("2024-10-071"), None);
        let d = Day::parse("2024-03-01").unwrap();
        assert_eq!(d.plus(-1).to_string(), "2024-02-29");
        for n in -800_000..800_000i64 {
            if n % 997 == 0 {
                let (y, m, dd) = Day(n).ymd();
                assert_eq!(Day::from_ymd(y, m, dd), Some(Day(n)));
            }
        }
    }

    #[test]
    fn one_calendar_for_every_date_key() {
        assert_eq!(DateKey::parse_iso("2023-02-29"), None);
        assert_eq!(DateKey::parse_iso("2024-02-29"), Some(DateKey(2024_0229)));
        assert_eq!(DateKey::of(Some(2023), 2, 29), None);
        assert_eq!(DateKey::of(Some(2024), 2, 29), Some(DateKey(2024_0229)));
        assert_eq!(DateKey::of(None, 2, 29), Some(DateKey(229)));
        assert_eq!(DateKey::of(None, 4, 31), None);
        assert_eq!(DateKey::of(None, 13, 1), None);
        let k = DateKey(2024_1007);
        assert_eq!((k.year(), k.month(), k.day()), (Some(2024), 10, 7));
        assert_eq!(DateKey(729).year(), None);
        assert_eq!(DateKey(729).in_year(2026), DateKey(2026_0729));
        assert_eq!(k.without_year(), DateKey(1007));
        assert_eq!(Day::from_key(2023_0229), None);
        assert_eq!(
            Day::from_key(2024_0229).map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn a_date_key_written_out() {
        assert_eq!(DateKey(2024_1007).iso().as_deref(), Some("2024-10-07"));
        assert_eq!(DateKey(2024_1007).short().as_deref(), Some("Oct 7"));
        assert_eq!(DateKey(729).short().as_deref(), Some("Jul 29"));
        assert_eq!(DateKey(729).iso(), None, "no year to write");
        assert_eq!(DateKey(0).short(), None, "no date");
        assert_eq!(DateKey(2024_1300).short(), None);
    }

    #[test]
    fn weeks_and_months() {
        let d = |s: &str| Day::parse(s).unwrap();
        assert_eq!(d("2026-11-23").weekday(), 0, "a Monday");
        assert_eq!(d("2026-11-29").iso_week(), (2026, 48));
        assert_eq!(d("2027-01-01").iso_week(), (2026, 53), "a Friday");
        assert_eq!(d("2024-12-30").iso_week(), (2025, 1));
        let w = Span::parse_week("2026-W48").unwrap();
        assert_eq!(w.days(), d("2026-11-23")..=d("2026-11-29"));
        assert_eq!(w.label(), "week 48, 2026 (Nov 23–29)");
        assert_eq!(w.to_string(), "2026-W48");
        assert_eq!(w.step(false).label(), "week 49, 2026 (Nov 30–Dec 6)");
        assert_eq!(w.step(true), Span::Week(2026, 47));
        assert_eq!(Span::Week(2026, 53).step(false), Span::Week(2027, 1));
        assert_eq!(Span::parse_week("2025-W53"), None, "2025 has 52 weeks");
        assert_eq!(Span::parse_week("2026-48"), None);
        let m = Span::parse_month("2024-02").unwrap();
        assert_eq!(m.days(), d("2024-02-01")..=d("2024-02-29"));
        assert_eq!(m.label(), "February 2024");
        assert_eq!(m.step(true).to_string(), "2024-01");
        assert_eq!(
            Span::month_of(d("2024-12-31")).step(false).to_string(),
            "2025-01"
        );
        assert_eq!(Span::parse_month("2024-13"), None);
        assert!(Span::week_of(d("2026-11-25")).contains(d("2026-11-29")));
    }

    #[test]
    fn rfc3339_known_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_823_999), "2026-11-27T23:59:59Z");
    }
}

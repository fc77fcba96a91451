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

    /// The sortable key digests use: year * 10000 + month * 100 + day.
    pub fn key(self) -> u32 {
        let (y, m, d) = self.ymd();
        (y.clamp(0, 9999) as u32) * 10_000 + m * 100 + d
    }

    /// The day of a key, when the key has a year (`729`, Jul 29 of no year
    /// known, has none).
    pub fn from_key(key: u32) -> Option<Day> {
        if key < 10_000 {
            return None;
        }
        Day::from_ymd((key / 10_000) as i64, key / 100 % 100, key % 100)
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
    fn rfc3339_known_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_823_999), "2026-11-27T23:59:59Z");
    }
}

//! Calendar arithmetic for the tagger: anchors, shifting by units, ISO weeks, and the
//! day range a TIMEX3 value covers.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// How precisely an anchor is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Gran {
    Year,
    Month,
    Day,
}

/// The point relative expressions are resolved against: a date and how much of it is known
/// (an inferred DCT of `2016` is 2016-01-01 with granularity `Year`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub(crate) date: NaiveDate,
    pub(crate) gran: Gran,
}

impl Anchor {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (with anything after a `T` ignored).
    pub(crate) fn parse(value: &str) -> Option<Anchor> {
        let value = value.split('T').next()?;
        let num = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())?
        };
        let parts: Vec<&str> = value.split('-').collect();
        let (y, m, d, gran) = match parts.as_slice() {
            [y] if y.len() == 4 => (num(y)?, 1, 1, Gran::Year),
            [y, m] if y.len() == 4 && m.len() == 2 => (num(y)?, num(m)?, 1, Gran::Month),
            [y, m, d] if y.len() == 4 => (num(y)?, num(m)?, num(d)?, Gran::Day),
            _ => return None,
        };
        NaiveDate::from_ymd_opt(y as i32, m, d).map(|date| Anchor { date, gran })
    }

    pub(crate) fn year(&self) -> i32 {
        self.date.year()
    }
}

/// Adds `n` months to the first day of a month.
pub(crate) fn add_months(year: i32, month: u32, n: i64) -> (i32, u32) {
    let idx = year as i64 * 12 + (month as i64 - 1) + n;
    (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
}

/// `date` shifted by `n` days, saturating at chrono's limits.
pub(crate) fn add_days(date: NaiveDate, n: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(n.clamp(-1_000_000, 1_000_000))).unwrap_or(date)
}

/// `YYYY-MM-DD`.
pub(crate) fn fmt_day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// ISO week `YYYY-Www` of a date.
pub(crate) fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// The quarter (1-4) of a month.
pub(crate) fn quarter_of(month: u32) -> u32 {
    (month.clamp(1, 12) - 1) / 3 + 1
}

/// The last day of a month.
pub(crate) fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = add_months(year, month, 1);
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// The date of the `n`th `weekday` of a month (`n` = -1 for the last one).
pub(crate) fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: i32) -> Option<NaiveDate> {
    if n < 0 {
        let last = last_day(year, month)?;
        let back = (last.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        return Some(add_days(last, -(back as i64)));
    }
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, u8::try_from(n).ok()?)
}

/// A weekday from its ISO number (Monday = 1).
pub(crate) fn weekday_from(n: u32) -> Option<Weekday> {
    Weekday::try_from(u8::try_from(n.checked_sub(1)?).ok()?).ok()
}

/// The first and last day a calendar value covers: `2015` (a year), `2015-09` (a month),
/// `2015-09-30` (a day, also with a time after `T`), `2015-Q3`, `2015-H1`, `2016-W19`,
/// `2016-W19-WE` (Saturday and Sunday), seasons `2015-SU` (meteorological: SP Mar-May,
/// SU Jun-Aug, FA Sep-Nov, WI Dec-Feb), decades `199` and centuries `19`. `None` for
/// anything else (durations, sets, refs, values with `X`).
pub fn value_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some(d) = value.strip_suffix('X').filter(|d| d.len() == 3) {
        return value_range(d);
    }
    if value.contains('X') || value.starts_with('P') || value.ends_with("_REF") {
        return None;
    }
    let value = value.split('T').next()?;
    let parts: Vec<&str> = value.split('-').collect();
    let num = |s: &str| -> Option<i32> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let y = |s: &str| num(s).filter(|_| s.len() == 4);
    match parts.as_slice() {
        [c] if c.len() == 2 => {
            let c = num(c)?;
            Some((
                NaiveDate::from_ymd_opt(c * 100, 1, 1)?,
                NaiveDate::from_ymd_opt(c * 100 + 99, 12, 31)?,
            ))
        }
        [d] if d.len() == 3 => {
            let d = num(d)?;
            Some((
                NaiveDate::from_ymd_opt(d * 10, 1, 1)?,
                NaiveDate::from_ymd_opt(d * 10 + 9, 12, 31)?,
            ))
        }
        [yy] => {
            let yy = y(yy)?;
            Some((NaiveDate::from_ymd_opt(yy, 1, 1)?, NaiveDate::from_ymd_opt(yy, 12, 31)?))
        }
        [yy, p] => {
            let yy = y(yy)?;
            let months = |a: u32, b: u32| -> Option<(NaiveDate, NaiveDate)> {
                Some((NaiveDate::from_ymd_opt(yy, a, 1)?, last_day(yy, b)?))
            };
            if let Some(q) = p.strip_prefix('Q') {
                let q = num(q)? as u32;
                (1..=4).contains(&q).then_some(())?;
                return months(q * 3 - 2, q * 3);
            }
            if let Some(h) = p.strip_prefix('H') {
                let h = num(h)? as u32;
                (1..=2).contains(&h).then_some(())?;
                return months(h * 6 - 5, h * 6);
            }
            match *p {
                "SP" => months(3, 5),
                "SU" => months(6, 8),
                "FA" => months(9, 11),
                "WI" => Some((NaiveDate::from_ymd_opt(yy, 12, 1)?, last_day(yy + 1, 2)?)),
                _ if p.starts_with('W') => {
                    let w = num(&p[1..])? as u32;
                    let mon = NaiveDate::from_isoywd_opt(yy, w, Weekday::Mon)?;
                    Some((mon, add_days(mon, 6)))
                }
                _ => {
                    let m = num(p)? as u32;
                    months(m, m)
                }
            }
        }
        [yy, w, "WE"] => {
            let yy = y(yy)?;
            let w = num(w.strip_prefix('W')?)? as u32;
            let sat = NaiveDate::from_isoywd_opt(yy, w, Weekday::Sat)?;
            Some((sat, add_days(sat, 1)))
        }
        [yy, m, d] => {
            let day = NaiveDate::from_ymd_opt(y(yy)?, num(m)? as u32, num(d)? as u32)?;
            Some((day, day))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn ranges() {
        assert_eq!(value_range("2015-09"), Some((d(2015, 9, 1), d(2015, 9, 30))));
        assert_eq!(value_range("2016-02"), Some((d(2016, 2, 1), d(2016, 2, 29))));
        assert_eq!(value_range("2015"), Some((d(2015, 1, 1), d(2015, 12, 31))));
        assert_eq!(value_range("2015-Q3"), Some((d(2015, 7, 1), d(2015, 9, 30))));
        assert_eq!(value_range("2015-H2"), Some((d(2015, 7, 1), d(2015, 12, 31))));
        assert_eq!(value_range("2016-W19"), Some((d(2016, 5, 9), d(2016, 5, 15))));
        assert_eq!(value_range("2016-W19-WE"), Some((d(2016, 5, 14), d(2016, 5, 15))));
        assert_eq!(value_range("199"), Some((d(1990, 1, 1), d(1999, 12, 31))));
        assert_eq!(value_range("199X"), Some((d(1990, 1, 1), d(1999, 12, 31))));
        assert_eq!(value_range("19"), Some((d(1900, 1, 1), d(1999, 12, 31))));
        assert_eq!(value_range("2015-WI"), Some((d(2015, 12, 1), d(2016, 2, 29))));
        assert_eq!(value_range("2015-09-30T15:00"), Some((d(2015, 9, 30), d(2015, 9, 30))));
        for none in ["P1Y", "PRESENT_REF", "XXXX-05", "2015-02-30", "2015-13", "2015-Q5", "abc", ""]
        {
            assert_eq!(value_range(none), None, "{none}");
        }
    }

    #[test]
    fn anchors_parse() {
        assert_eq!(Anchor::parse("2016").unwrap().gran, Gran::Year);
        assert_eq!(Anchor::parse("2016-05").unwrap().gran, Gran::Month);
        assert_eq!(Anchor::parse("2016-05-12").unwrap().date, d(2016, 5, 12));
        assert_eq!(Anchor::parse("2016-02-30"), None);
        assert_eq!(Anchor::parse("x"), None);
    }

    #[test]
    fn arithmetic() {
        assert_eq!(add_months(2016, 1, -1), (2015, 12));
        assert_eq!(add_months(2016, 12, 1), (2017, 1));
        assert_eq!(fmt_week(d(2016, 1, 1)), "2015-W53");
        assert_eq!(nth_weekday(2015, 11, Weekday::Thu, 4), Some(d(2015, 11, 26)));
        assert_eq!(nth_weekday(2016, 5, Weekday::Mon, -1), Some(d(2016, 5, 30)));
        assert_eq!(weekday_from(1), Some(Weekday::Mon));
        assert_eq!(weekday_from(0), None);
    }
}

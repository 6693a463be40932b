//! Finding calendar days in short strings: metadata values (`2019-11-08T09:00:00+01:00`,
//! `Fri, 08 Nov 2019 09:00:00 GMT`, `20191108`) and visible date lines (`8. November
//! 2019`, `November 8th, 2019`, `08.11.2019`, `11/08/2019`, `8 листопада 2019`,
//! `2019年11月8日`, `2019. november 8.`).
//!
//! A string is cut into numbers, words and single separator characters; the patterns
//! are matched on those tokens, so that month names in any language of
//! [`months`](super::months) and any spacing are handled alike.

use chrono::{Datelike, NaiveDate};

use super::months::month;

/// How to read an ambiguous all-numeric date like `03/04/2019`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Day first (most of the world): 3 April.
    #[default]
    DayFirst,
    /// Month first (the United States): March 4.
    MonthFirst,
}

/// What a parse may accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rules {
    /// Order of ambiguous `a/b/yyyy` dates.
    pub order: Order,
    /// Accept two-digit years in `dd.mm.yy` (only where a date is expected).
    pub short_years: bool,
    /// Accept eight digits as `yyyymmdd` (metadata values and URLs).
    pub compact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Tok<'a> {
    /// Digits: value (saturated) and count.
    Num(u32, u8),
    /// A run of letters.
    Word(&'a str),
    /// Any other single character (white space is dropped).
    Sep(char),
}

/// A date found in a string, with the byte offset where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The day.
    pub date: NaiveDate,
    /// Byte offset of its first token in the string.
    pub at: usize,
}

/// CJK and Korean date markers (year, month, day), read as separators.
fn is_cjk_marker(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '년' | '월' | '일')
}

/// Cuts `s` into tokens with their byte offsets.
pub(crate) fn tokens(s: &str) -> Vec<(Tok<'_>, usize)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let start = i;
            let mut v: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            out.push((Tok::Num(v, (i - start).min(255) as u8), start));
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let ch = s[i..].chars().next().expect("inside the string");
        let len = ch.len_utf8();
        if ch.is_alphabetic() && !is_cjk_marker(ch) {
            let start = i;
            for ch in s[i..].chars() {
                if !ch.is_alphabetic() || is_cjk_marker(ch) {
                    break;
                }
                i += ch.len_utf8();
            }
            out.push((Tok::Word(&s[start..i]), start));
            continue;
        }
        if !ch.is_whitespace() {
            out.push((Tok::Sep(ch), i));
        }
        i += len;
    }
    out
}

/// Words between the day and the month or the month and the year ("8 de noviembre
/// de 2019", "the 8th of November").
fn is_filler(w: &str) -> bool {
    matches!(w, "de" | "del" | "of" | "di" | "do" | "da" | "ngày" | "tháng" | "năm")
}

/// English and French ordinal endings, "8th", "1er".
fn is_ordinal(w: &str) -> bool {
    matches!(w, "st" | "nd" | "rd" | "th" | "er" | "e" | "º" | "°")
}

struct Matcher<'t, 'a> {
    toks: &'t [(Tok<'a>, usize)],
    rules: Rules,
}

impl Matcher<'_, '_> {
    fn num(&self, i: usize, digits: std::ops::RangeInclusive<u8>) -> Option<u32> {
        match self.toks.get(i)?.0 {
            Tok::Num(v, n) if digits.contains(&n) => Some(v),
            _ => None,
        }
    }

    fn sep(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.0 {
            Tok::Sep(c) => Some(c),
            _ => None,
        }
    }

    fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(i)?.0 {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }

    /// Skips filler words and the given separators starting at `i`.
    fn skip(&self, mut i: usize, seps: &[char]) -> usize {
        loop {
            if let Some(w) = self.word(i) {
                if is_filler(&w.to_lowercase()) {
                    i += 1;
                    continue;
                }
            }
            if self.sep(i).is_some_and(|c| seps.contains(&c)) {
                i += 1;
                continue;
            }
            return i;
        }
    }

    /// A month name at `i` (with its abbreviation dot): (month, next index).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let m = month(self.word(i)?)?;
        let next = if self.sep(i + 1) == Some('.') { i + 2 } else { i + 1 };
        Some((u32::from(m), next))
    }

    fn year4(&self, i: usize) -> Option<i32> {
        self.num(i, 4..=4).map(|y| y as i32)
    }

    /// Tries every pattern at token `i`.
    fn at(&self, i: usize) -> Option<NaiveDate> {
        match self.toks[i].0 {
            Tok::Num(..) => self.starting_with_number(i),
            Tok::Word(_) => self.month_day_year(i),
            Tok::Sep(_) => None,
        }
    }

    fn starting_with_number(&self, i: usize) -> Option<NaiveDate> {
        // yyyymmdd
        if self.rules.compact {
            if let Some(v) = self.num(i, 8..=8) {
                return ymd(v as i32 / 10000, v / 100 % 100, v % 100);
            }
        }
        if let Some(y) = self.year4(i) {
            // 2019-11-08, 2019/11/08, 2019.11.08, 2019年11月8日, 2019. 11. 8.
            if let (Some(s1), Some(m)) = (self.sep(i + 1), self.num(i + 2, 1..=2)) {
                let s2 = self.sep(i + 3)?;
                let same = s1 == s2 && matches!(s1, '-' | '/' | '.');
                let cjk = is_cjk_marker(s1) && is_cjk_marker(s2);
                if same || cjk {
                    return ymd(y, m, self.num(i + 4, 1..=2)?);
                }
                return None;
            }
            // 2019. november 8., 2019 Nov 08
            let j = self.skip(i + 1, &['.', ',']);
            let (m, j) = self.month_at(j)?;
            return ymd(y, m, self.num(j, 1..=2)?);
        }
        let a = self.num(i, 1..=2)?;
        // 08.11.2019, 11/08/2019, 08-11-2019, 08.11.19
        if let Some(s) = self.sep(i + 1).filter(|c| matches!(c, '.' | '/' | '-')) {
            if let Some(b) = self.num(i + 2, 1..=2) {
                if self.sep(i + 3) != Some(s) {
                    return None;
                }
                let y = match self.year4(i + 4) {
                    Some(y) => y,
                    None if self.rules.short_years && s != '-' => {
                        let yy = self.num(i + 4, 2..=2)? as i32;
                        // Not the start of a longer numeric run (a version, a phone).
                        if self.sep(i + 5) == Some(s) {
                            return None;
                        }
                        2000 + yy
                    }
                    None => return None,
                };
                // Dots are always day first; a first number above 12 is a day.
                let (d, m) = if s == '.' || a > 12 {
                    (a, b)
                } else if b > 12 {
                    (b, a)
                } else {
                    match self.rules.order {
                        Order::DayFirst => (a, b),
                        Order::MonthFirst => (b, a),
                    }
                };
                return ymd(y, m, d);
            }
        }
        // 8 November 2019, 8. November 2019, 8 de noviembre de 2019, 8th of November, 2019
        let mut j = i + 1;
        if self.word(j).is_some_and(|w| is_ordinal(&w.to_lowercase())) {
            j += 1;
        }
        let j = self.skip(j, &['.', '-']);
        let (m, j) = self.month_at(j)?;
        let j = self.skip(j, &[',', '-', '.']);
        ymd(self.year4(j)?, m, a)
    }

    /// November 8, 2019; Nov. 8th 2019; November 8 2019
    fn month_day_year(&self, i: usize) -> Option<NaiveDate> {
        let (m, j) = self.month_at(i)?;
        let j = self.skip(j, &[]);
        let d = self.num(j, 1..=2)?;
        let mut j = j + 1;
        if self.word(j).is_some_and(|w| is_ordinal(&w.to_lowercase())) {
            j += 1;
        }
        let j = self.skip(j, &[',', '.']);
        ymd(self.year4(j)?, m, d)
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// All dates in `s`, in order, none overlapping.
pub fn all(s: &str, rules: Rules) -> Vec<Hit> {
    let toks = tokens(s);
    let m = Matcher { toks: &toks, rules };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(date) = m.at(i) {
            out.push(Hit { date, at: toks[i].1 });
            // Skip the tokens of this date (at least three).
            i += 3;
            continue;
        }
        i += 1;
    }
    out
}

/// The first date in `s`.
pub fn first(s: &str, rules: Rules) -> Option<NaiveDate> {
    let toks = tokens(s);
    let m = Matcher { toks: &toks, rules };
    (0..toks.len()).find_map(|i| m.at(i))
}

/// Parses a metadata value: ISO 8601 and its relatives first, then any date the
/// general patterns find. Compact `yyyymmdd` and two-digit years are accepted.
pub fn metadata(s: &str, order: Order) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() > 200 {
        return None;
    }
    // A Unix time stamp in seconds or milliseconds.
    if (s.len() == 10 || s.len() == 13) && s.bytes().all(|b| b.is_ascii_digit()) {
        let secs: i64 = s[..10].parse().ok()?;
        return chrono::DateTime::from_timestamp(secs, 0).map(|t| t.date_naive());
    }
    first(s, Rules { order, short_years: true, compact: true })
}

/// Whether a metadata value is a time of day in UTC (`...T09:00:00Z`, `+00:00`, `GMT`).
pub fn is_utc_time(s: &str) -> bool {
    let s = s.trim();
    let has_time = s.len() > 10 && s.as_bytes()[10..].contains(&b':');
    let upper = s.to_ascii_uppercase();
    has_time
        && (upper.ends_with('Z')
            || upper.ends_with("+00:00")
            || upper.ends_with("+0000")
            || upper.ends_with("UTC")
            || upper.ends_with("GMT"))
}

/// Whether `date` is a possible publication day for a web page seen on `latest`.
pub fn plausible(date: NaiveDate, latest: NaiveDate) -> bool {
    date.year() >= super::EARLIEST_YEAR && date <= latest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn metadata_values() {
        let want = d(2019, 11, 8);
        for s in [
            "2019-11-08",
            "2019-11-08T09:00:00+01:00",
            "2019-11-08 09:00",
            "2019/11/08",
            "20191108",
            "Fri, 08 Nov 2019 09:00:00 GMT",
            "November 8, 2019",
            "08.11.2019",
            "1573200000",
        ] {
            assert_eq!(metadata(s, Order::DayFirst), want, "{s}");
        }
        for s in ["", "2019-13-01", "2019-02-30", "yesterday", "v1.2.3"] {
            assert_eq!(metadata(s, Order::DayFirst), None, "{s}");
        }
    }

    #[test]
    fn visible_dates_in_many_languages() {
        let want = d(2019, 11, 8);
        let rules = Rules::default();
        for s in [
            "Published 8 November 2019, 10:42",
            "Nov. 8th, 2019",
            "November 8 2019",
            "8. November 2019",
            "le 8 novembre 2019 à 10h42",
            "8 de noviembre de 2019",
            "8 ноября 2019 г.",
            "8 листопада 2019, 10:42",
            "8 listopada 2019",
            "2019年11月8日",
            "2019년 11월 8일",
            "2019. november 8.",
            "8.11.2019",
            "Freitag, 08.11.2019",
            "the 8th of November, 2019",
            "8 Kasım 2019",
            "8 Νοεμβρίου 2019",
        ] {
            assert_eq!(first(s, rules), want, "{s}");
        }
    }

    #[test]
    fn utc_times() {
        assert!(is_utc_time("2019-11-08T23:30:00Z"));
        assert!(is_utc_time("2019-11-08T23:30:00.000+00:00"));
        assert!(is_utc_time("Fri, 08 Nov 2019 23:30:00 GMT"));
        assert!(!is_utc_time("2019-11-08T23:30:00-05:00"));
        assert!(!is_utc_time("2019-11-08"));
    }

    #[test]
    fn numeric_order() {
        let day_first = Rules::default();
        let month_first = Rules { order: Order::MonthFirst, ..Rules::default() };
        assert_eq!(first("03/04/2019", day_first), d(2019, 4, 3));
        assert_eq!(first("03/04/2019", month_first), d(2019, 3, 4));
        // Unambiguous either way.
        assert_eq!(first("11/28/2019", day_first), d(2019, 11, 28));
        assert_eq!(first("28/11/2019", month_first), d(2019, 11, 28));
        // Dots are always day first.
        assert_eq!(first("03.04.2019", month_first), d(2019, 4, 3));
        // Two-digit years only when asked.
        assert_eq!(first("08.11.19", day_first), None);
        assert_eq!(first("08.11.19", Rules { short_years: true, ..day_first }), d(2019, 11, 8));
        assert_eq!(first("1.2.20.4", Rules { short_years: true, ..day_first }), None);
    }

    #[test]
    fn all_dates_in_order() {
        let hits = all("Posted 2019-11-08 · Updated 9 November 2019", Rules::default());
        let dates: Vec<_> = hits.iter().map(|h| Some(h.date)).collect();
        assert_eq!(dates, vec![d(2019, 11, 8), d(2019, 11, 9)]);
        assert_eq!(hits[0].at, 7);
    }

    #[test]
    fn non_dates() {
        for s in ["May 2019", "© 2019", "page 8 of 12", "1,000,000", "10:42", "3 May"] {
            assert_eq!(first(s, Rules::default()), None, "{s}");
        }
    }
}

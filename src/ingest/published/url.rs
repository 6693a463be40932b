//! Dates in a page's address: `/2019/11/08/`, `/2019-11-08-title`, `/20191108/`,
//! `_2019_11_08`, and the year and month alone (`/2019/11/`), which only confirm.

use chrono::NaiveDate;

/// A date read from a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlDate {
    /// Year, month and day.
    Day(NaiveDate),
    /// Year and month only.
    Month(i32, u32),
}

/// The date in the path of `url` (the host is not read).
pub fn date_in(url: &str) -> Option<UrlDate> {
    let path = strip_host(url);
    let b = path.as_bytes();
    let digits = runs(path);
    // yyyy sep mm sep dd, the three runs one separator apart.
    for w in digits.windows(3) {
        let [(y, ys, yl), (m, ms, ml), (d, ds, dl)] = [w[0], w[1], w[2]];
        if yl == 4
            && (1..=2).contains(&ml)
            && (1..=2).contains(&dl)
            && ms == ys + yl + 1
            && ds == ms + ml + 1
            && b[ms - 1] == b[ds - 1]
            && matches!(b[ms - 1], b'/' | b'-' | b'_' | b'.')
            && bounded(path, ys, ds + dl)
        {
            if let Some(day) = day(y, m, d) {
                return Some(UrlDate::Day(day));
            }
        }
    }
    // dd-mm-yyyy, day first (a month first reading is taken when the day cannot be).
    for w in digits.windows(3) {
        let [(a, s1, l1), (b2, s2, l2), (y, ys, yl)] = [w[0], w[1], w[2]];
        if yl == 4
            && (1..=2).contains(&l1)
            && (1..=2).contains(&l2)
            && s2 == s1 + l1 + 1
            && ys == s2 + l2 + 1
            && b[s2 - 1] == b[ys - 1]
            && matches!(b[s2 - 1], b'-' | b'_' | b'.')
            && bounded(path, s1, ys + yl)
        {
            if let Some(d) = day(y, b2, a).or_else(|| day(y, a, b2)) {
                return Some(UrlDate::Day(d));
            }
        }
    }
    // yyyymmdd standing alone between separators.
    for &(v, start, len) in &digits {
        if len == 8 && bounded(path, start, start + len) {
            if let Some(day) = day(v / 10000, v / 100 % 100, v % 100) {
                return Some(UrlDate::Day(day));
            }
        }
    }
    // /yyyy/mm/
    for w in digits.windows(2) {
        let [(y, ys, yl), (m, ms, ml)] = [w[0], w[1]];
        if yl == 4
            && ml == 2
            && ms == ys + yl + 1
            && b[ms - 1] == b'/'
            && (1..=12).contains(&m)
            && (1990..2100).contains(&y)
            && bounded(path, ys, ms + ml)
        {
            return Some(UrlDate::Month(y as i32, m));
        }
    }
    None
}

fn day(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1990..2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

fn strip_host(url: &str) -> &str {
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            rest.find('/').map_or("", |j| &rest[j..])
        }
        None => url,
    }
}

/// Runs of ASCII digits of at most nine: (value, start offset, length).
fn runs(s: &str) -> Vec<(u32, usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start <= 9 {
                out.push((s[start..i].parse().expect("digits"), start, i - start));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the run `start..end` of `s` stands between separators (not letters).
fn bounded(s: &str, start: usize, end: usize) -> bool {
    let b = s.as_bytes();
    let before = start == 0 || !b[start - 1].is_ascii_alphanumeric();
    let after = end == b.len() || !b[end].is_ascii_alphanumeric();
    before && after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<UrlDate> {
        NaiveDate::from_ymd_opt(y, m, d).map(UrlDate::Day)
    }

    #[test]
    fn dates_in_paths() {
        assert_eq!(date_in("https://example.org/2019/11/08/harbour-plan/"), day(2019, 11, 8));
        assert_eq!(date_in("https://example.org/news/2019-11-08-harbour-plan"), day(2019, 11, 8));
        assert_eq!(date_in("https://example.org/news/20191108/harbour.html"), day(2019, 11, 8));
        assert_eq!(date_in("https://example.org/a_2019_11_8.html"), day(2019, 11, 8));
        assert_eq!(date_in("https://example.org/news/08-11-2019"), day(2019, 11, 8));
        assert_eq!(date_in("https://example.org/2019/11/harbour"), Some(UrlDate::Month(2019, 11)));
    }

    #[test]
    fn non_dates_in_paths() {
        // The host, article numbers, mixed separators and impossible days are not dates.
        assert_eq!(date_in("https://20191108.example.org/news"), None);
        assert_eq!(date_in("https://example.org/article/1573200123"), None);
        assert_eq!(date_in("https://example.org/p/2019-11/08"), None);
        assert_eq!(date_in("https://example.org/2019/13/40/x"), None);
        assert_eq!(date_in("https://example.org/id20191108x"), None);
        assert_eq!(date_in("https://example.org/1200/11/08/x"), None);
    }
}

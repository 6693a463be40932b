//! The date at the top of a plain document: a dateline ("WASHINGTON, September 26,
//! 2015 —"), or a full date on a line of its own near the title ("January 7, 1954" on
//! the third line of a speech).
//!
//! Reports, speeches, press releases and wire copy state the day they were written in
//! their first lines. Only full dates (day, month and year) count, and only in the
//! first lines: a date deeper in the text is something the text talks about, not when
//! it was written.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

/// Lines (non-empty) at the top of a document searched for a date.
pub const DATELINE_LINES: usize = 6;

/// Characters at the top of a document searched for a date.
pub const DATELINE_CHARS: usize = 800;

/// The longest line taken as a date line; a date inside a longer line must open it
/// (a dateline) rather than sit in a sentence.
const SHORT_LINE_CHARS: usize = 120;

/// The month (1-12) a word of a date names ("Sept.", "September", "sep").
fn month_number(word: &str) -> Option<u32> {
    super::published::months::month(word.trim_end_matches('.')).map(u32::from)
}

/// Day-month-year, month-day-year and ISO dates, each a whole date.
fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let month = r"[A-Za-z]{3,9}\.?";
        Regex::new(&format!(
            r"(?x)
            \b(?P<md_m>{month})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<md_y>\d{{4}})\b
            | \b(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{month}),?\s+(?P<dm_y>\d{{4}})\b
            | \b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b"
        ))
        .expect("valid dateline pattern")
    })
}

/// A full date written in `s`, with the byte offset where it starts.
fn first_date(s: &str) -> Option<(usize, NaiveDate)> {
    for c in pattern().captures_iter(s) {
        let whole = c.get(0)?;
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = if let Some(m) = c.name("md_m") {
            month_number(m.as_str())
                .and_then(|month| NaiveDate::from_ymd_opt(num("md_y")? as i32, month, num("md_d")?))
        } else if let Some(m) = c.name("dm_m") {
            month_number(m.as_str())
                .and_then(|month| NaiveDate::from_ymd_opt(num("dm_y")? as i32, month, num("dm_d")?))
        } else {
            NaiveDate::from_ymd_opt(num("iso_y")? as i32, num("iso_m")?, num("iso_d")?)
        };
        if let Some(date) = date {
            return Some((whole.start(), date));
        }
    }
    None
}

/// The date a plain document states at its top, if any.
///
/// A line counts when it is short (a date line, a title block, a signature) or when the
/// date opens it after at most a place name, as in a dateline.
pub fn find(text: &str) -> Option<NaiveDate> {
    let mut seen_chars = 0;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()).take(DATELINE_LINES) {
        if seen_chars > DATELINE_CHARS {
            break;
        }
        seen_chars += line.chars().count();
        let Some((at, date)) = first_date(line) else { continue };
        let short = line.chars().count() <= SHORT_LINE_CHARS;
        if short || opens_dateline(&line[..at]) {
            return Some(date);
        }
    }
    None
}

/// Whether `before` (the text of a line before its date) is what precedes the date in a
/// dateline: nothing, or a place in capitals or title case followed by a comma
/// ("WASHINGTON,", "Geneva, Switzerland,").
fn opens_dateline(before: &str) -> bool {
    let before = before.trim();
    if before.is_empty() {
        return true;
    }
    if !before.ends_with([',', '-', '—', '–']) || before.chars().count() > 40 {
        return false;
    }
    before
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty() && w.chars().any(char::is_alphabetic))
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn finds_datelines_and_date_lines() {
        assert_eq!(
            find("WASHINGTON, September 26, 2015 — The two presidents met."),
            d(2015, 9, 26)
        );
        assert_eq!(
            find("Annual Message\n\nDelivered to the Congress\nJanuary 7, 1954\n\nMr. President:"),
            d(1954, 1, 7)
        );
        assert_eq!(find("Statement\n12 March 2021\nText."), d(2021, 3, 12));
        assert_eq!(find("Press release 2019-11-08\nBody."), d(2019, 11, 8));
        assert_eq!(find("GENEVA, 3rd of Sept. 2009 - Talks resumed."), d(2009, 9, 3));
        assert_eq!(find("Title\nBy A. Writer | Oct. 5, 2018\nBody"), d(2018, 10, 5));
    }

    #[test]
    fn ignores_dates_deep_in_sentences_or_far_down() {
        let long = "The delegation recalled that the agreement, which many had doubted at \
                    the time, had been signed in Paris on December 12, 2015 after long talks.";
        assert_eq!(find(long), None);
        let deep = "Title\n".to_string() + &"A line of text.\n".repeat(10) + "May 1, 2020\n";
        assert_eq!(find(&deep), None);
        assert_eq!(find("No date here.\nNor here."), None);
    }

    #[test]
    fn rejects_impossible_dates_and_words_that_are_not_months() {
        assert_eq!(find("February 30, 2015"), None);
        assert_eq!(find("Marching 12, 2015"), None);
        assert_eq!(find("2015-13-01"), None);
    }
}

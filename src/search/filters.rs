//! Filters that narrow a search without changing its ranking: entities (alias-aware),
//! labels, published dates and the dates a document mentions.

use chrono::NaiveDate;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::Term;

use crate::extract::Label;
use crate::index::{date_time, month_number, Fields};
use crate::{Error, Result};

/// Filters for a search. All given filters must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// Documents must mention each of these entities, by canonical name or any alias
    /// (resolved to every name merged into them before the query is built).
    pub entities: Vec<String>,
    /// Documents must mention an entity with this label (with `entities`: the entity must
    /// carry this label).
    pub label: Option<Label>,
    /// Published on or after this day.
    pub from: Option<NaiveDate>,
    /// Published on or before this day.
    pub to: Option<NaiveDate>,
    /// Documents must mention a date whose interval overlaps this range.
    pub mentions: Option<(NaiveDate, NaiveDate)>,
}

impl Filters {
    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        self == &Filters::default()
    }
}

/// Parses a `--mentions` value: `2015`, `2015-09`, `2015-09-25`, or two of those joined
/// by `..` (`2015-09..2016-06`); either side of `..` may be left open.
pub fn parse_date_range(s: &str) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || {
        Error::Invalid(format!(
            "{s:?} is not a date range; write 2015, 2015-09, 2015-09-25 or 2015-09..2016-06"
        ))
    };
    if s.trim().is_empty() || s.trim() == ".." {
        return Err(bad());
    }
    let (a, b) = match s.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s.trim(), s.trim()),
    };
    let lo = if a.is_empty() { NaiveDate::MIN } else { period(a).ok_or_else(bad)?.0 };
    let hi = if b.is_empty() { NaiveDate::MAX } else { period(b).ok_or_else(bad)?.1 };
    if lo > hi {
        return Err(Error::Invalid(format!("{s:?}: the range ends before it starts")));
    }
    Ok((lo, hi))
}

/// The first and last day of a date written as a TIMEX3 calendar value with a
/// four-digit year: `2015`, `2015-09`, `2015-09-25` (also `2015-Q3`, `2016-W19`).
pub fn period(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let s = s.trim();
    let mut parts = s.split('-');
    let year = parts.next()?;
    let numeric = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    // Months and days have two digits, as in TIMEX3 (`2015-09`, not `2015-9`).
    if year.len() != 4 || !numeric(year) || parts.any(|p| numeric(p) && p.len() != 2) {
        return None;
    }
    crate::extract::dates::value_range(s)
}

fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// Builds the filter clauses. `names` holds, for each entity filter, every name it may go
/// by (canonical names and aliases, as resolved by the searcher).
pub(crate) fn clauses(
    f: &Fields,
    filters: &Filters,
    names: &[Vec<String>],
) -> Vec<(Occur, Box<dyn Query>)> {
    let mut out = Vec::new();
    for alternatives in names {
        let field = filters.label.and_then(|l| f.entity_field(l)).unwrap_or(f.alias);
        let any: Vec<(Occur, Box<dyn Query>)> = alternatives
            .iter()
            .map(|name| {
                let term = Term::from_field_text(field, &crate::index::fold(name));
                let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        out.push(filter(Box::new(BooleanQuery::new(any))));
    }
    if let (Some(label), true) = (filters.label, names.is_empty()) {
        let term = Term::from_facet(f.entity_facet, &Facet::from_path([label.as_str()]));
        out.push(filter(Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
    }
    if filters.from.is_some() || filters.to.is_some() {
        let lo = filters.from.map(date_time).map_or(std::ops::Bound::Unbounded, |d| {
            std::ops::Bound::Included(Term::from_field_date(f.published, d))
        });
        let hi = filters.to.map(date_time).map_or(std::ops::Bound::Unbounded, |d| {
            std::ops::Bound::Included(Term::from_field_date(f.published, d))
        });
        out.push(filter(Box::new(RangeQuery::new(lo, hi))));
    }
    if let Some((a, b)) = filters.mentions {
        let lo = Term::from_field_i64(f.mentioned_month, month_number(a));
        let hi = Term::from_field_i64(f.mentioned_month, month_number(b));
        out.push(filter(Box::new(RangeQuery::new(
            std::ops::Bound::Included(lo),
            std::ops::Bound::Included(hi),
        ))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn date_ranges() {
        assert_eq!(parse_date_range("2015").unwrap(), (d(2015, 1, 1), d(2015, 12, 31)));
        assert_eq!(parse_date_range("2016-02").unwrap(), (d(2016, 2, 1), d(2016, 2, 29)));
        assert_eq!(parse_date_range("2015-09..2016-06").unwrap(), (d(2015, 9, 1), d(2016, 6, 30)));
        assert_eq!(parse_date_range("2015-12-31").unwrap(), (d(2015, 12, 31), d(2015, 12, 31)));
        assert_eq!(parse_date_range("..2000").unwrap().1, d(2000, 12, 31));
        for bad in ["", "15", "2015-13", "2015-02-30", "2016..2015", "May 2015", "2015-9"] {
            assert!(parse_date_range(bad).is_err(), "{bad}");
        }
    }
}

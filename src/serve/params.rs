//! Search parameters in a URL: the flags of `dossier search`, as `?q=...&entity=...`, read
//! into the library's search options and written back into links.
//!
//! Names follow the command line: `q` (the query), `entity` (repeatable), `label`,
//! `from`, `to`, `mentions`, `sort` (`relevance` or `date`), `all`, `any`, `limit`,
//! `offset`, `facets`, `facet_size`, `no_snippets`. A parameter may appear once, except
//! `entity`; unknown names are refused so that a typo does not silently search for
//! everything.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::extract::Label;
use crate::search::{
    parse_date_range, period, Filters, Matching, SearchOptions, Sort, MAX_LIMIT, MAX_OFFSET,
};
use crate::{Error, Result};

/// The names a search URL may carry.
const NAMES: &[&str] = &[
    "q",
    "entity",
    "label",
    "from",
    "to",
    "mentions",
    "sort",
    "all",
    "any",
    "limit",
    "offset",
    "facets",
    "facet_size",
    "no_snippets",
];

/// Entities per label in facets, as `search --facet-size` has by default.
pub const FACET_SIZE: usize = 10;
/// Most entities per label a facet may list.
const MAX_FACET_SIZE: usize = 1_000;

/// A search as a URL gives it. Values are kept as written so links can repeat them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchParams {
    /// The query.
    pub q: String,
    /// Entity filters.
    pub entities: Vec<String>,
    /// Label filter.
    pub label: Option<Label>,
    /// Published on or after (as written).
    pub from: Option<String>,
    /// Published on or before (as written).
    pub to: Option<String>,
    /// Mentioned period (as written).
    pub mentions: Option<String>,
    /// Newest first instead of best first.
    pub by_date: bool,
    /// `all`, `any` or ranked.
    pub matching: Matching,
    /// Hits per page.
    pub limit: usize,
    /// Hits skipped.
    pub offset: usize,
    /// Facets asked for.
    pub facets: bool,
    /// Entities per label in facets.
    pub facet_size: usize,
    /// No snippets.
    pub no_snippets: bool,
}

impl SearchParams {
    /// Reads the query string of a URL (without `?`). Errors name the parameter and say
    /// what to write instead.
    pub fn parse(query: Option<&str>) -> Result<SearchParams> {
        let mut p = SearchParams { limit: 10, facet_size: FACET_SIZE, ..Default::default() };
        let mut seen: Vec<String> = Vec::new();
        for (name, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            let (name, value) = (name.as_ref(), value.into_owned());
            if !NAMES.contains(&name) {
                return Err(Error::Invalid(format!(
                    "unknown parameter {name:?}; parameters are {}",
                    NAMES.join(", ")
                )));
            }
            if name != "entity" {
                if seen.iter().any(|s| s == name) {
                    return Err(Error::Invalid(format!(
                        "parameter {name:?} is given twice; give it once"
                    )));
                }
                seen.push(name.to_string());
            }
            let blank = value.trim().is_empty();
            match name {
                "q" => p.q = value,
                "entity" if !blank => p.entities.push(value),
                "label" if !blank => {
                    p.label = Some(Label::parse(value.trim()).ok_or_else(|| {
                        Error::Invalid(format!(
                            "unknown label {value:?}; labels are {}",
                            Label::ALL.map(Label::as_str).join(", ")
                        ))
                    })?)
                }
                "from" if !blank => p.from = Some(value),
                "to" if !blank => p.to = Some(value),
                "mentions" if !blank => p.mentions = Some(value),
                "sort" => {
                    p.by_date = match value.trim() {
                        "" | "relevance" => false,
                        "date" => true,
                        _ => {
                            return Err(Error::Invalid(format!(
                                "sort {value:?} is unknown; use relevance or date"
                            )))
                        }
                    }
                }
                "all" | "any" | "facets" | "no_snippets" => {
                    let on = flag(name, &value)?;
                    match name {
                        "all" if on => p.matching = Matching::All,
                        "any" if on => p.matching = Matching::Any,
                        "facets" => p.facets = on,
                        "no_snippets" => p.no_snippets = on,
                        _ => {}
                    }
                }
                "limit" => p.limit = number(name, &value, 1, MAX_LIMIT)?,
                "offset" => p.offset = number(name, &value, 0, MAX_OFFSET)?,
                "facet_size" => p.facet_size = number(name, &value, 1, MAX_FACET_SIZE)?,
                _ => {}
            }
        }
        if seen.iter().any(|s| s == "all") && seen.iter().any(|s| s == "any") {
            return Err(Error::Invalid("give all or any, not both".into()));
        }
        Ok(p)
    }

    /// The filters, with dates read as the command line reads them.
    pub fn filters(&self) -> Result<Filters> {
        Ok(Filters {
            entities: self.entities.clone(),
            label: self.label,
            from: self.from.as_deref().map(|s| day("from", s, false)).transpose()?,
            to: self.to.as_deref().map(|s| day("to", s, true)).transpose()?,
            mentions: self
                .mentions
                .as_deref()
                .map(|s| parse_date_range(s).map_err(|e| Error::Invalid(format!("mentions: {e}"))))
                .transpose()?,
        })
    }

    /// The library's search options for these parameters.
    pub fn options(&self) -> Result<SearchOptions> {
        Ok(SearchOptions {
            limit: self.limit,
            offset: self.offset,
            filters: self.filters()?,
            sort: if self.by_date { Sort::Date } else { Sort::Relevance },
            matching: self.matching,
            facets: self.facets.then_some(self.facet_size),
            snippets: !self.no_snippets,
        })
    }

    /// True when there is something to search for: a query or a filter.
    pub fn is_empty(&self) -> bool {
        self.q.trim().is_empty()
            && self.entities.is_empty()
            && self.label.is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.mentions.is_none()
    }

    /// The query string (without `?`) that gives these parameters; defaults are left out.
    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            out.append_pair("q", &self.q);
        }
        for e in &self.entities {
            out.append_pair("entity", e);
        }
        if let Some(l) = self.label {
            out.append_pair("label", l.as_str());
        }
        for (name, value) in [("from", &self.from), ("to", &self.to), ("mentions", &self.mentions)]
        {
            if let Some(v) = value {
                out.append_pair(name, v);
            }
        }
        if self.by_date {
            out.append_pair("sort", "date");
        }
        match self.matching {
            Matching::All => {
                out.append_pair("all", "1");
            }
            Matching::Any => {
                out.append_pair("any", "1");
            }
            Matching::Ranked => {}
        }
        if self.limit != 10 {
            out.append_pair("limit", &self.limit.to_string());
        }
        if self.offset != 0 {
            out.append_pair("offset", &self.offset.to_string());
        }
        out.finish()
    }

    /// A link to `path` with these parameters.
    pub fn href(&self, path: &str) -> String {
        let q = self.to_query();
        let mut out = path.to_string();
        if !q.is_empty() {
            let _ = write!(out, "?{q}");
        }
        out
    }
}

fn flag(name: &str, value: &str) -> Result<bool> {
    match value.trim() {
        "" | "1" | "true" | "on" | "yes" => Ok(true),
        "0" | "false" | "off" | "no" => Ok(false),
        _ => Err(Error::Invalid(format!("{name}={value:?}: write {name}=1 or {name}=0"))),
    }
}

fn number(name: &str, value: &str, min: usize, max: usize) -> Result<usize> {
    let n: u128 = value.trim().parse().map_err(|_| {
        Error::Invalid(format!("{name}={value:?} is not a whole number; use {min} to {max}"))
    })?;
    if n < min as u128 || n > max as u128 {
        return Err(Error::Invalid(format!(
            "{name}={value} is out of range; use a number from {min} to {max}"
        )));
    }
    Ok(n as usize)
}

/// The first (or, for `end`, last) day of a date written as `2016-05-12`, `2016-05` or
/// `2016`.
fn day(name: &str, s: &str, end: bool) -> Result<NaiveDate> {
    let (a, b) = period(s).ok_or_else(|| {
        Error::Invalid(format!("{name}={s:?}: write a date as 2016-05-12, 2016-05 or 2016"))
    })?;
    Ok(if end { b } else { a })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_same_parameters() {
        let raw = "q=nuclear+arms&entity=China&entity=PLA&label=gpe&from=2015&mentions=2015-09..2016&sort=date&all=1&offset=20";
        let p = SearchParams::parse(Some(raw)).unwrap();
        assert_eq!(p.entities, ["China", "PLA"]);
        assert_eq!(p.label, Some(Label::Gpe));
        assert_eq!((p.by_date, p.matching, p.offset), (true, Matching::All, 20));
        let again = SearchParams::parse(Some(&p.to_query())).unwrap();
        assert_eq!(again, p);
        let o = p.options().unwrap();
        assert_eq!(o.filters.from, NaiveDate::from_ymd_opt(2015, 1, 1));
        assert!(o.filters.mentions.is_some());
    }

    #[test]
    fn mistakes_are_named() {
        for (raw, word) in [
            ("qq=x", "unknown parameter"),
            ("q=a&q=b", "twice"),
            ("limit=0", "limit"),
            ("limit=99999999", "limit"),
            ("offset=x", "offset"),
            ("label=THING", "unknown label"),
            ("sort=size", "sort"),
            ("all=1&any=1", "not both"),
            ("facets=maybe", "facets"),
        ] {
            let e = SearchParams::parse(Some(raw)).unwrap_err().to_string();
            assert!(e.contains(word), "{raw}: {e}");
        }
        let p = SearchParams::parse(Some("from=May")).unwrap();
        assert!(p.options().unwrap_err().to_string().contains("from="));
        let p = SearchParams::parse(Some("mentions=2016..2015")).unwrap();
        assert!(p.options().is_err());
    }
}

//! The published (and last modified) day of a web page.
//!
//! Sources, from the most to the least trusted (see docs/WEBDATES.md):
//!
//! 1. JSON-LD `datePublished` of the page's article (`jsonld.rs`);
//! 2. meta tags that name the publication (`article:published_time`,
//!    `DC.date.issued`, `pubdate`...), `itemprop="datePublished"`, `<time pubdate>` and
//!    hAtom `published` (`meta.rs`);
//! 3. a full date in the page's address or its canonical / `og:url` (`url.rs`);
//! 4. a date announced as the publication in a visible line, a bare `date` meta tag,
//!    the first `<time>`, a date in a byline or date element, a date line just under
//!    the headline (`text.rs`);
//! 5. the last modified date when nothing else is found.
//!
//! A candidate is dropped when it is after `latest` (the day the page was fetched or
//! read) or before 1990. When the address carries a year and a month (`/2019/11/`),
//! candidates of that month win over the others.

mod collect;
mod jsonld;
mod meta;
pub(super) mod months;
mod parse;
mod text;
mod url;

use chrono::{Datelike, NaiveDate};
use scraper::Html;
use serde::Serialize;

use self::collect::{Collected, NamedKind};
use self::meta::Role;
use self::parse::{Order, Rules};
use self::text::Said;
use self::url::UrlDate;

/// No web page is older than this year.
pub const EARLIEST_YEAR: i32 = 1990;

/// Where a date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// JSON-LD (`datePublished`, `dateCreated`, `dateModified`).
    JsonLd,
    /// A `<meta>` tag (OpenGraph, `article:*`, Dublin Core, `pubdate`...).
    Meta,
    /// An `itemprop` attribute (schema.org microdata).
    Itemprop,
    /// A `<time>` element or an hAtom `published`/`updated` class.
    Time,
    /// The page's address.
    Url,
    /// A visible line of text.
    Text,
}

impl DateSource {
    /// The kebab-case name (`json-ld`, `meta`, ...).
    pub fn name(self) -> &'static str {
        match self {
            DateSource::JsonLd => "json-ld",
            DateSource::Meta => "meta",
            DateSource::Itemprop => "itemprop",
            DateSource::Time => "time",
            DateSource::Url => "url",
            DateSource::Text => "text",
        }
    }
}

/// A day and where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The day.
    pub date: NaiveDate,
    /// Where it was found.
    pub source: DateSource,
}

/// The dates of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageDates {
    /// The first publication (falls back to the last modification when that is all the
    /// page gives).
    pub published: Option<Found>,
    /// The last modification, when the page gives one.
    pub modified: Option<Found>,
}

/// A candidate: a day, where it came from, and its rank (lower is better).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    date: NaiveDate,
    source: DateSource,
    rank: u8,
    /// A time of day in UTC: the local day may be the one before or after.
    utc: bool,
}

/// Finds the published and modified days of `page`. `page_url` is the address the
/// page was fetched from, when known; `latest` the last possible day (the day it was
/// fetched, or today).
pub fn find(page: &Html, page_url: Option<&str>, latest: NaiveDate) -> PageDates {
    let c = collect::collect(page);
    let order = numeric_order(&c, page_url);
    let mut published: Vec<Candidate> = Vec::new();
    let mut modified: Vec<Candidate> = Vec::new();
    let ok = |d: NaiveDate| parse::plausible(d, latest);
    let add_value = |list: &mut Vec<Candidate>, value: &str, source, rank| {
        if let Some(date) = parse::metadata(value, order).filter(|&d| ok(d)) {
            list.push(Candidate { date, source, rank, utc: parse::is_utc_time(value) });
        }
    };
    let add = |list: &mut Vec<Candidate>, date: Option<NaiveDate>, source, rank| {
        if let Some(date) = date.filter(|&d| ok(d)) {
            list.push(Candidate { date, source, rank, utc: false });
        }
    };

    for script in &c.jsonld {
        for e in jsonld::entries(script) {
            let v = &e.value;
            match e.key {
                jsonld::Key::Published => {
                    add_value(&mut published, v, DateSource::JsonLd, 10 + e.rank * 3)
                }
                jsonld::Key::Created => {
                    add_value(&mut published, v, DateSource::JsonLd, 16 + e.rank * 3)
                }
                jsonld::Key::Modified if e.rank < 2 => {
                    add_value(&mut modified, v, DateSource::JsonLd, 10 + e.rank)
                }
                jsonld::Key::Modified => {}
            }
        }
    }

    let mut first_plain_time = true;
    for n in &c.named {
        let noise = if n.noise { 20 } else { 0 };
        let (source, rank) = match (n.kind, n.role) {
            (NamedKind::Meta, Role::Published) => (DateSource::Meta, 11),
            (NamedKind::Meta, Role::Created) => (DateSource::Meta, 15),
            // A bare "date" is often the last change of a content system's record.
            (NamedKind::Meta, Role::Date) => (DateSource::Meta, 27),
            (NamedKind::Itemprop, Role::Published) => (DateSource::Itemprop, 12 + noise),
            (NamedKind::Itemprop, Role::Created) => (DateSource::Itemprop, 17 + noise),
            (NamedKind::Time | NamedKind::Class, Role::Published) => (DateSource::Time, 14 + noise),
            (NamedKind::Time | NamedKind::Class, Role::Created) => (DateSource::Time, 17 + noise),
            (NamedKind::PlainTime, Role::Date) => {
                if n.noise || !std::mem::take(&mut first_plain_time) {
                    continue;
                }
                (DateSource::Time, 23)
            }
            (kind, Role::Modified) => {
                let source = match kind {
                    NamedKind::Meta => DateSource::Meta,
                    NamedKind::Itemprop => DateSource::Itemprop,
                    _ => DateSource::Time,
                };
                add_value(&mut modified, &n.value, source, 12 + noise);
                continue;
            }
            _ => continue,
        };
        add_value(&mut published, &n.value, source, rank);
    }

    // The address: the one given, then the page's own.
    let mut url_month = None;
    for u in page_url.into_iter().chain(c.urls.iter().map(String::as_str)) {
        match url::date_in(u) {
            Some(UrlDate::Day(d)) => {
                add(&mut published, Some(d), DateSource::Url, 20);
                break;
            }
            Some(UrlDate::Month(y, m)) => {
                url_month.get_or_insert((y, m));
            }
            None => {}
        }
    }

    // Visible lines.
    let h1 = c.h1.unwrap_or(0);
    let rules = Rules { order, ..Rules::default() };
    let mut seen_hint = false;
    let mut seen_near = false;
    for d in text::dates(&c.lines, rules) {
        if d.noise {
            add(&mut published, Some(d.date), DateSource::Text, 40);
            continue;
        }
        match d.said {
            Said::Updated => add(&mut modified, Some(d.date), DateSource::Text, 20),
            Said::Published => add(&mut published, Some(d.date), DateSource::Text, 21),
            Said::Nothing => {
                let near = d.line >= h1 && d.line <= h1 + 25;
                if d.hint && !seen_hint {
                    seen_hint = true;
                    add(&mut published, Some(d.date), DateSource::Text, if near { 24 } else { 26 });
                } else if near && !seen_near {
                    seen_near = true;
                    add(&mut published, Some(d.date), DateSource::Text, 25);
                } else {
                    add(&mut published, Some(d.date), DateSource::Text, 30);
                }
            }
        }
    }

    let best = |list: &[Candidate]| -> Option<Found> {
        let in_month = |c: &&Candidate| {
            url_month.is_some_and(|(y, m)| c.date.year() == y && c.date.month() == m)
        };
        // Stable: among equal ranks the first found wins.
        let pick = |it: &mut dyn Iterator<Item = &Candidate>| it.min_by_key(|c| c.rank).copied();
        let chosen = pick(&mut list.iter().filter(in_month)).or_else(|| pick(&mut list.iter()))?;
        // A UTC time stamp may fall on the next or previous day: a day one apart
        // given in local time in the page's markup is the one readers saw.
        let chosen = if chosen.utc {
            let near = |c: &&Candidate| {
                !c.utc
                    && c.source != DateSource::Text
                    && c.rank < 30
                    && (c.date - chosen.date).num_days().abs() == 1
            };
            pick(&mut list.iter().filter(near)).unwrap_or(chosen)
        } else {
            chosen
        };
        Some(Found { date: chosen.date, source: chosen.source })
    };
    let modified_found = best(&modified);
    let published_found = best(&published).or(modified_found);
    PageDates { published: published_found, modified: modified_found }
}

/// The order of ambiguous numeric dates: month first for American English pages.
fn numeric_order(c: &Collected, page_url: Option<&str>) -> Order {
    let Some(lang) = c.lang.as_deref() else { return Order::DayFirst };
    let mut parts = lang.split(['-', '_']);
    if parts.next() != Some("en") {
        return Order::DayFirst;
    }
    match parts.next() {
        Some("us") => Order::MonthFirst,
        Some(_) => Order::DayFirst,
        None => {
            // English of no stated region: American unless the address says otherwise.
            let host = page_url
                .or(c.urls.first().map(String::as_str))
                .and_then(|u| u.split("://").nth(1))
                .and_then(|r| r.split(['/', ':']).next())
                .unwrap_or("");
            let tld = host.rsplit('.').next().unwrap_or("");
            if matches!(tld, "uk" | "ie" | "au" | "nz" | "za" | "in" | "pk" | "ng" | "ke" | "sg") {
                Order::DayFirst
            } else {
                Order::MonthFirst
            }
        }
    }
}

#[cfg(test)]
mod tests;

//! Normalisers: turn a rule match (its named groups) into a TIMEX3 value, resolving
//! relative and underspecified expressions against the anchor.
//!
//! Conventions worth knowing:
//! - a month or day without a year takes the anchor's year, moved back a year when the
//!   sentence speaks of the past and the month lies after the anchor's, forward when it
//!   speaks of the future and the month lies before;
//! - a weekday is the latest such day on or before the anchor (past or no tense cue), or
//!   the first on or after it (future);
//! - "the quarter" / "the latest quarter" is the last completed quarter;
//! - an impossible day (Feb 30) keeps its month: `2015-02`;
//! - without an anchor, unknown parts are `X`: `XXXX-05`, `XXXX-WXX-2`.

use chrono::{Datelike, NaiveDate};

use super::calendar::{
    add_days, add_months, fmt_day, fmt_week, nth_weekday, quarter_of, weekday_from, Anchor, Gran,
};
use super::context::Tense;
use super::lexicon::LEXICON;
use super::rules::{Match, Norm, Rule};
use crate::extract::TimexType;

/// What a normaliser knows besides the match.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub(crate) anchor: Option<Anchor>,
    pub(crate) tense: Tense,
    /// The value of the previous explicit date nearby, for "a year earlier".
    pub(crate) focus: Option<&'a str>,
    /// The last explicit date mentioned, for "the following year".
    pub(crate) last: Option<Anchor>,
    /// The last explicit day ("Aug. 6") of the few sentences before, for the weekdays of a
    /// narrative.
    pub(crate) day: Option<&'a str>,
    /// The last explicit date of any granularity ("in June", "Oct. 19, 1977"), for the
    /// anaphoric "that year", "later that day".
    pub(crate) recent: Option<Anchor>,
}

/// A normalised expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Normal {
    pub(crate) kind: TimexType,
    pub(crate) value: String,
}

/// Normalises `m`, matched by `rule`; `None` drops the match.
pub(crate) fn normalize(rule: &Rule, m: &Match<'_>, ctx: &Ctx<'_>) -> Option<Normal> {
    let mut kind = rule.kind;
    let value = match rule.norm {
        Norm::Explicit => explicit(m, ctx)?,
        Norm::Decade => decade(m, ctx)?,
        Norm::Century => {
            let c: i32 = m.get("cent")?.parse().ok()?;
            format!("{:02}", c - 1)
        }
        Norm::Quarter => quarter(m, ctx)?,
        Norm::Half => half(m, ctx)?,
        Norm::Season => season(m, ctx)?,
        Norm::Weekday => weekday(m, ctx)?,
        Norm::Deictic => deictic(m, ctx, &mut kind)?,
        Norm::Part => {
            let part = LEXICON.parts.get(m.get("part")?)?;
            let day = match m.get("deictic").map(str::to_ascii_lowercase).as_deref() {
                Some("yesterday" | "last") => -1,
                Some("tomorrow") => 1,
                _ => 0,
            };
            format!("{}T{part}", day_value(ctx, day))
        }
        Norm::Relative => relative(m, ctx)?,
        Norm::Offset => offset(m, ctx)?,
        Norm::Duration => duration(m)?,
        Norm::Set => set(m)?,
        Norm::Fixed => rule.value.clone()?,
        Norm::Fuzzy => LEXICON.fuzzy.get(m.get("fuzzy")?)?.to_string(),
        Norm::Clock => clock(m, ctx)?,
        Norm::Holiday => holiday(m, ctx)?,
    };
    Some(Normal { kind, value })
}

fn year_of(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<i32> {
    if let Some(y) = m.get("year").or(m.get("year2")) {
        return y.parse().ok();
    }
    if let (Some(c), Some(rest)) = (m.get("syc"), m.get("syr")) {
        // "nineteen ninety-six"
        return Some(LEXICON.number(c)? as i32 * 100 + LEXICON.number(rest)? as i32);
    }
    let yy: i32 = m.get("yy").or(m.get("dd"))?.parse().ok()?;
    let century = ctx.anchor.map_or(1900, |a| a.year() / 100 * 100);
    // Two-digit years more than 20 years ahead of the anchor are last century's.
    let y = century + yy;
    let now = ctx.anchor.map_or(1999, |a| a.year());
    Some(if y > now + 20 { y - 100 } else { y })
}

fn month_of(m: &Match<'_>) -> Option<u32> {
    if let Some(n) = m.get("mnum") {
        return n.parse().ok();
    }
    LEXICON.months.get(m.get("month")?)?.parse().ok()
}

/// The year of an underspecified month (and day), given the anchor and the tense.
fn resolve_year(month: u32, day: Option<u32>, ctx: &Ctx<'_>) -> Option<i32> {
    let a = ctx.anchor?;
    let y = a.year();
    if a.gran == Gran::Year {
        return Some(y);
    }
    let here = (a.date.month(), if a.gran == Gran::Day { a.date.day() } else { 0 });
    let there = (month, day.unwrap_or(0));
    // The nearest such month, except that future speech looks forward only and past speech
    // never looks forward into the next year ("In January, it brought in a new chief" in an
    // October text). Past speech moves a month back a year only when it is well ahead:
    // "declared a dividend payable Dec. 15".
    let ahead = month as i32 - here.0 as i32;
    Some(match ctx.tense {
        Tense::Future if there < here && month != here.0 => y + 1,
        Tense::Future => y,
        Tense::Past if ahead >= 3 => y - 1,
        Tense::Past => y,
        _ if ahead > 6 => y - 1,
        _ if ahead < -8 => y + 1,
        _ => y,
    })
}

fn explicit(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<String> {
    let month = match m.get("month").or(m.get("mnum")) {
        Some(_) => Some(month_of(m)?),
        None => None,
    };
    let day: Option<u32> = m
        .get("day")
        .map(|d| d.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse())
        .transpose()
        .ok()?;
    let year = match year_of(m, ctx) {
        Some(y) => Some(y),
        None => resolve_year(month?, day, ctx),
    };
    let ys = year.map_or("XXXX".to_string(), |y| format!("{y:04}"));
    Some(match (month, day) {
        (None, _) => ys,
        (Some(mo), None) => format!("{ys}-{mo:02}"),
        (Some(mo), Some(d)) => {
            let valid = NaiveDate::from_ymd_opt(year.unwrap_or(2000), mo, d).is_some();
            if valid {
                format!("{ys}-{mo:02}-{d:02}")
            } else {
                format!("{ys}-{mo:02}")
            }
        }
    })
}

fn decade(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<String> {
    if let Some(d) = m.get("dec") {
        return Some(d.to_string());
    }
    // "'90s", "the nineties": the latest such decade that has begun by the anchor (1990s
    // from 2016).
    let d: i32 = match m.get("decw") {
        Some(w) => {
            // "nineties" is the plural of "ninety".
            let w = w.to_ascii_lowercase();
            LEXICON.number(&format!("{}y", w.strip_suffix("ies")?))? as i32 / 10
        }
        None => m.get("dd")?.parse().ok()?,
    };
    let now = ctx.anchor.map_or(1999, |a| a.year());
    let mut y = now / 100 * 100 + d * 10;
    if y > now {
        y -= 100;
    }
    Some(format!("{:03}", y / 10))
}

/// -1, 0, +1 (or `None` for "the") from a relative word.
fn rel_offset(rel: &str) -> Option<i64> {
    match rel.to_ascii_lowercase().split_whitespace().last()? {
        "last" | "past" | "previous" | "preceding" | "latest" | "recent" | "year-ago"
        | "year-earlier" | "just-ended" => Some(-1),
        "next" | "coming" | "following" | "upcoming" => Some(1),
        "this" | "current" | "same" => Some(0),
        _ => None,
    }
}

fn quarter(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<String> {
    let q: Option<u32> = match (m.get("q").or(m.get("qh")), m.get("qn")) {
        (Some(q), _) => LEXICON.ordinals.get(q)?.parse().ok(),
        (None, Some(n)) => n.parse().ok(),
        _ => None,
    };
    let year = year_of(m, ctx);
    let a = ctx.anchor;
    let cur = a.map(|a| (a.year(), quarter_of(a.date.month())));
    let shift = |(y, q): (i32, u32), k: i64| {
        let idx = y as i64 * 4 + q as i64 - 1 + k;
        (idx.div_euclid(4) as i32, idx.rem_euclid(4) as u32 + 1)
    };
    let year = match (year, m.get("ry").or(m.get("ry2")).and_then(rel_offset)) {
        (None, Some(k)) => Some(cur?.0 + k as i32),
        (y, _) => y,
    };
    let (y, q) = match (q, year) {
        (Some(q), Some(y)) => (y, q),
        (None, Some(y)) => {
            // "the 1983 period": the quarter under discussion, in that year.
            let fq = ctx.focus.and_then(|f| f.split_once("-Q")).and_then(|(_, q)| q.parse().ok());
            (y, fq.or(cur.map(|c| shift(c, -1).1)).unwrap_or(1))
        }
        (Some(q), None) => {
            if let Some(r2) = m.get("rel2") {
                (cur?.0 + rel_offset(r2)? as i32, q)
            } else if matches!(rel_word(m).as_deref(), Some("year-ago" | "year-earlier")) {
                (cur?.0 - 1, q)
            } else if let Some(r) = m.get("rel").and_then(rel_offset) {
                // "last third quarter" is rare; read "the latest fourth quarter" as that quarter.
                let (cy, cq) = cur?;
                (if r < 0 && q >= cq { cy - 1 } else { cy }, q)
            } else {
                let Some((cy, cq)) = cur else { return Some(format!("XXXX-Q{q}")) };
                let y = match ctx.tense {
                    Tense::Past if q > cq && a?.gran != Gran::Year => cy - 1,
                    _ => cy,
                };
                (y, q)
            }
        }
        (None, _) => {
            let Some(c) = cur else { return Some("XXXX-QX".into()) };
            let rel = rel_word(m);
            if matches!(rel.as_deref(), Some("year-ago" | "year-earlier")) {
                return Some(format!("{:04}-Q{}", shift(c, -5).0, shift(c, -5).1));
            }
            match rel.as_deref().and_then(rel_offset) {
                Some(0) => c,
                Some(k) => shift(c, k),
                None => shift(c, -1),
            }
        }
    };
    Some(format!("{y:04}-Q{q}"))
}

/// The last word of the `rel` group, lowercased: "comparable year-ago" is "year-ago".
fn rel_word(m: &Match<'_>) -> Option<String> {
    m.get("rel")?.split_whitespace().last().map(str::to_ascii_lowercase)
}

fn half(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<String> {
    let h = if m.get("h")?.eq_ignore_ascii_case("first") { 1 } else { 2 };
    let y = match year_of(m, ctx) {
        Some(y) => y,
        None => {
            let a = ctx.anchor?;
            a.year() + m.get("rel2").and_then(rel_offset).unwrap_or(0) as i32
        }
    };
    Some(format!("{y:04}-H{h}"))
}

fn season(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<String> {
    let code = LEXICON.seasons.get(m.get("season").or(m.get("season2"))?)?;
    let start = match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    let y = match year_of(m, ctx) {
        Some(y) => y,
        None => {
            let Some(a) = ctx.anchor else { return Some(format!("XXXX-{code}")) };
            if let Some(k) = m.get("rel2").or(m.get("rel3")).and_then(rel_offset) {
                a.year() + k as i32
            } else {
                let month = if a.gran == Gran::Year { 6 } else { a.date.month() };
                let started = start <= month;
                match m.get("rel").and_then(rel_offset) {
                    Some(-1) => a.year() - if started && start + 3 <= month { 0 } else { 1 },
                    Some(1) => a.year() + if started { 1 } else { 0 },
                    // "this summer" is the anchor year's, whatever the tense.
                    Some(0) => a.year(),
                    _ => match ctx.tense {
                        Tense::Past if !started => a.year() - 1,
                        _ => a.year(),
                    },
                }
            }
        }
    };
    Some(format!("{y:04}-{code}"))
}

/// The anchor day shifted by `days`, or a fuzzy value when the anchor is not a day.
fn day_value(ctx: &Ctx<'_>, days: i64) -> String {
    match ctx.anchor {
        Some(a) if a.gran == Gran::Day => fmt_day(add_days(a.date, days)),
        _ => match days {
            d if d < 0 => "PAST_REF".into(),
            d if d > 0 => "FUTURE_REF".into(),
            _ => "PRESENT_REF".into(),
        },
    }
}

fn weekday(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<String> {
    let wd: u32 = LEXICON.weekdays.get(m.get("weekday")?)?.parse().ok()?;
    let Some(a) = ctx.anchor.filter(|a| a.gran == Gran::Day) else {
        return Some(format!("XXXX-WXX-{wd}"));
    };
    let today = a.date.weekday().number_from_monday() as i64;
    let back = (today - wd as i64).rem_euclid(7);
    let fwd = (wd as i64 - today).rem_euclid(7);
    let days = match m.get("rel").and_then(rel_offset) {
        Some(-1) => -(if back == 0 { 7 } else { back }),
        Some(1) => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Some(_) => {
            if fwd <= 3 || ctx.tense == Tense::Future {
                fwd
            } else {
                -back
            }
        }
        None if m.possessive => -back,
        None => match ctx.tense {
            Tense::Future => fwd,
            _ => -back,
        },
    };
    let mut date = add_days(a.date, days);
    // A narrative of a past day ("On Aug. 6, ... On Tuesday, ...") names the days of that
    // day's week: a bare weekday right after a day-valued date of the week before the anchor
    // is the one nearest that date.
    // The anchor's own weekday stays the anchor's day.
    if m.get("rel").is_none() && ctx.tense != Tense::Future && back != 0 {
        let f = ctx.day.and_then(Anchor::parse);
        if let Some(f) = f.filter(|f| f.gran == Gran::Day) {
            let ago = (a.date - f.date).num_days();
            if (2..=10).contains(&ago) {
                let fd = f.date.weekday().number_from_monday() as i64;
                let k = (wd as i64 - fd).rem_euclid(7);
                let near = if k <= 3 { k } else { k - 7 };
                let cand = add_days(f.date, near);
                if cand < a.date {
                    date = cand;
                }
            }
        }
    }
    let day = fmt_day(date);
    Some(match m.get("part").and_then(|p| LEXICON.parts.get(p)) {
        Some(part) => format!("{day}T{part}"),
        None => day,
    })
}

fn deictic(m: &Match<'_>, ctx: &Ctx<'_>, kind: &mut TimexType) -> Option<String> {
    let word = m.get("deictic")?.to_ascii_lowercase();
    let days = match word.as_str() {
        "yesterday" => -1,
        "tomorrow" => 1,
        _ => 0,
    };
    let day = day_value(ctx, days);
    if let Some(part) = m.get("part").and_then(|p| LEXICON.parts.get(p)) {
        *kind = TimexType::Time;
        return Some(format!("{day}T{part}"));
    }
    Some(day)
}

/// A unit designator from the units list (`Y`, `M`, `W`, `D`, `Q`, `DE`, `CE`, `H`, ...).
fn unit_of(m: &Match<'_>) -> Option<&'static str> {
    let word = m.get("unit")?;
    if word.to_ascii_lowercase().starts_with("quarter") {
        return Some("Q");
    }
    let u = LEXICON.units.get(word)?;
    ["Y", "M", "W", "D", "Q", "DE", "CE", "H", "MIN", "S", "WE"].into_iter().find(|k| *k == u)
}

/// The calendar value of the anchor shifted by `k` units, at that unit's granularity.
fn shifted(a: Anchor, unit: &str, k: i64, past: bool) -> Option<String> {
    let (y, mo) = (a.year(), a.date.month());
    Some(match unit {
        "Y" => format!("{:04}", y as i64 + k),
        "DE" => format!("{:03}", (y as i64).div_euclid(10) + k),
        "CE" => format!("{:02}", (y as i64).div_euclid(100) + k),
        _ if a.gran == Gran::Year => match unit {
            "M" => "XXXX-XX".into(),
            "Q" => "XXXX-QX".into(),
            "W" | "WE" => "XXXX-WXX".into(),
            _ => "XXXX-XX-XX".into(),
        },
        "M" => {
            let (y, m) = add_months(y, mo, k);
            format!("{y:04}-{m:02}")
        }
        "Q" => {
            let idx = y as i64 * 4 + quarter_of(mo) as i64 - 1 + k;
            format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1)
        }
        _ if a.gran == Gran::Month => "XXXX-XX-XX".into(),
        "W" => fmt_week(add_days(a.date, 7 * k)),
        "WE" => {
            // The weekend of the anchor's week; "the weekend" in past speech is the last one.
            let wd = a.date.weekday().number_from_monday() as i64;
            let base = if k == 0 && past && wd < 6 { -7 } else { 7 * k };
            format!("{}-WE", fmt_week(add_days(a.date, base)))
        }
        "D" => fmt_day(add_days(a.date, k)),
        _ => return None,
    })
}

fn relative(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<String> {
    // "year-end" alone is this year's.
    let rel = m.get("rel").unwrap_or("this").to_ascii_lowercase();
    let k = rel_offset(&rel).unwrap_or(0);
    let anchor = match rel.as_str() {
        // "the following month": after the date last named.
        "following" => ctx.recent.or(ctx.last).or(ctx.anchor),
        // "that year", "later that day": the date last named, at the granularity it was
        // named with; a day only from a day named in the last few sentences.
        "that" => {
            let day = ctx.day.and_then(Anchor::parse);
            let unit = m.get("unit").map(str::to_ascii_lowercase);
            match unit.as_deref() {
                Some("day" | "week") => day.or(ctx.recent.filter(|a| a.gran == Gran::Day)),
                _ => ctx.recent,
            }
            .or(ctx.anchor)
        }
        _ => ctx.anchor,
    };
    let Some(a) = anchor else {
        return Some(match rel_offset(&rel) {
            Some(k) if k < 0 => "PAST_REF".into(),
            Some(k) if k > 0 => "FUTURE_REF".into(),
            _ => "PRESENT_REF".into(),
        });
    };
    if m.get("month").is_some() {
        let mo = month_of(m)?;
        if m.get("unit").is_some() || a.gran == Gran::Year {
            return Some(format!("{:04}-{mo:02}", a.year() + k as i32));
        }
        let cur = a.date.month();
        let y = a.year()
            + match k {
                -1 if mo >= cur => -1,
                1 if mo <= cur => 1,
                _ => 0,
            };
        return Some(format!("{y:04}-{mo:02}"));
    }
    let unit = unit_of(m)?;
    shifted(a, unit, k, ctx.tense != Tense::Future)
}

fn offset(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<String> {
    let n = match m.get("num") {
        Some(s) => LEXICON.number(s),
        None => Some(1.0),
    };
    let unit = if m.get("unit").is_some() { unit_of(m)? } else { "Y" };
    let dir = m.get("dir").or(m.get("dir2"))?.to_ascii_lowercase();
    let sign = if matches!(dir.as_str(), "ago" | "earlier" | "before" | "last") { -1 } else { 1 };
    let Some(n) = n else {
        return Some(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into());
    };
    let k = sign * n.round() as i64;
    // "a year earlier" right after a quarter or a month speaks of that period a year before;
    // so does "(compared with ...) last year".
    if unit == "Y" && k.abs() == 1 {
        if let Some(f) = ctx.focus {
            if let Some((y, rest)) = f.split_once('-') {
                // Only a period of the anchor's own year is "the period under discussion".
                let current = ctx.anchor.is_none_or(|a| y == format!("{:04}", a.year()));
                if let (Ok(y), true) = (y.parse::<i64>(), current) {
                    if rest.starts_with('Q') || rest.starts_with('H') || rest.len() == 2 {
                        return Some(format!("{:04}-{rest}", y + k));
                    }
                }
            }
        }
    }
    let Some(a) = ctx.anchor else {
        return Some(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into());
    };
    match unit {
        "H" | "MIN" | "S" => Some(day_value(ctx, 0)),
        "DE" => Some(format!("{:04}", a.year() as i64 + 10 * k)),
        "CE" => Some(format!("{:04}", a.year() as i64 + 100 * k)),
        u => shifted(a, u, k, true),
    }
}

/// The duration value of `n` units (`None` for a vague number).
pub(crate) fn duration_value(n: Option<f64>, unit: &str) -> String {
    let num = |n: f64| {
        if n.fract() == 0.0 {
            format!("{}", n as i64)
        } else {
            format!("{n}")
        }
    };
    let (scale, des, time) = match unit {
        "DE" => (10.0, "Y", false),
        "CE" => (100.0, "Y", false),
        "WE" => (2.0, "D", false),
        "H" => (1.0, "H", true),
        "MIN" => (1.0, "M", true),
        "S" => (1.0, "S", true),
        u => (1.0, u, false),
    };
    let t = if time { "T" } else { "" };
    match n {
        Some(n) if n.fract() != 0.0 && matches!(des, "H" | "Y" | "D") && scale == 1.0 => {
            // "3 1/2 hours" is PT3H30M, "4 1/2 years" P4Y6M, "1 1/2 days" P1DT12H.
            let (sub, per) = match des {
                "H" => ("M", 60.0),
                "Y" => ("M", 12.0),
                _ => ("H", 24.0),
            };
            let t2 = if des == "D" { "T" } else { "" };
            format!("P{t}{}{des}{t2}{}{sub}", n.trunc() as i64, (n.fract() * per).round() as i64)
        }
        Some(n) => format!("P{t}{}{des}", num(n * scale)),
        None => match unit {
            "DE" => "PXDE".into(),
            "CE" => "PXCE".into(),
            _ => format!("P{t}X{des}"),
        },
    }
}

fn duration(m: &Match<'_>) -> Option<String> {
    let unit = unit_of(m)?;
    let n = match m.get("num") {
        Some(s) => LEXICON.number(s),
        // "the past decade" is one; "years" some.
        None => m.get("unit").filter(|u| !u.ends_with(['s', 'S'])).map(|_| 1.0),
    };
    Some(duration_value(n, unit))
}

fn set(m: &Match<'_>) -> Option<String> {
    if let Some(w) = m.get("setword") {
        return LEXICON.sets.get(w).map(str::to_string);
    }
    if let Some(w) = m.get("weekday") {
        return Some(format!("XXXX-WXX-{}", LEXICON.weekdays.get(w)?));
    }
    if m.get("month").is_some() {
        return Some(format!("XXXX-{:02}", month_of(m)?));
    }
    let unit = unit_of(m)?;
    let n = match m.get("num") {
        Some(s) if s.eq_ignore_ascii_case("other") => Some(2.0),
        Some(s) => LEXICON.number(s),
        None => Some(1.0),
    };
    Some(duration_value(n.or(Some(1.0)), unit))
}

fn clock(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<String> {
    let (h, min) = if let Some(named) = m.get("named") {
        match named.to_ascii_lowercase().as_str() {
            "midnight" => (24, 0),
            _ => (12, 0),
        }
    } else {
        let hour = m.get("hour")?;
        // "4" or "four" (in the morning).
        let mut h: u32 = match hour.parse() {
            Ok(h) => h,
            Err(_) => LEXICON.number(hour).filter(|n| (1.0..=12.0).contains(n))? as u32,
        };
        let min: u32 = m.get("min").map_or(Some(0), |s| s.parse().ok())?;
        // "in the morning" is a.m.; "in the afternoon", "in the evening", "at night" p.m.
        let part =
            m.get("daypart").map(|p| if p.eq_ignore_ascii_case("morning") { "am" } else { "pm" });
        if let Some(ap) = m.get("ampm").or(part) {
            let pm = ap.to_ascii_lowercase().starts_with('p');
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        }
        (h, min)
    };
    let day = match m.get("weekday").map(str::to_ascii_lowercase).as_deref() {
        None => String::new(),
        Some("today") => day_value(ctx, 0),
        Some("yesterday") => day_value(ctx, -1),
        Some("tomorrow") => day_value(ctx, 1),
        Some(_) => weekday(m, ctx)?,
    };
    Some(format!("{day}T{h:02}:{min:02}"))
}

fn holiday(m: &Match<'_>, ctx: &Ctx<'_>) -> Option<String> {
    let rule = LEXICON.holidays.get(m.get("holiday")?)?;
    let (mo, rest) = rule.split_once('-')?;
    let mo: u32 = mo.parse().ok()?;
    let year = year_of(m, ctx).or_else(|| resolve_year(mo, None, ctx));
    let Some(y) = year else { return Some(format!("XXXX-{rule}")) };
    let day = if let Ok(d) = rest.parse::<u32>() {
        NaiveDate::from_ymd_opt(y, mo, d)?
    } else {
        // Moving feasts: TH4 = fourth Thursday, MO-1 = last Monday.
        let (wd, n) = rest.split_at(2);
        let wd = match wd {
            "MO" => 1,
            "TU" => 2,
            "WE" => 3,
            "TH" => 4,
            "FR" => 5,
            "SA" => 6,
            _ => 7,
        };
        nth_weekday(y, mo, weekday_from(wd)?, n.parse().ok()?)?
    };
    Some(fmt_day(day))
}

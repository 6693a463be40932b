//! The temporal tagger: TIMEX3 dates, times, durations and sets.
//!
//! Rules and word lists are data (`rules/`, see its README): the `rules` module finds the
//! longest rule match at each position, `normalize` turns it into a TIMEX3 value against
//! an anchor, and this module ties them together: it anchors on the document date, infers
//! a document date when none is given, and finishes values that need their neighbours ("from May to June 2016",
//! "10:35 a.m. Friday").
//!
//! Odd input never panics and gives a documented result: an impossible day keeps its month
//! ("Feb 30, 2015" is `2015-02`); "13/14/2015" is no date (nor is its "2015"); a bare
//! number counts as a year only from 1500 to 2099 ("in 2300" is not tagged) while a year
//! next to a month may be 1000-2199 ("June 1215" is `1215-06`); spans are byte ranges on
//! char boundaries, ordered and never overlapping, and the output is deterministic (the
//! test `a_month_and_a_relative_one` shows a use).

mod calendar;
mod context;
mod lexicon;
mod normalize;
mod rules;

use std::ops::Range;
use std::sync::Arc;

pub use calendar::value_range;
use calendar::{Anchor, Gran};
use normalize::{normalize, Ctx};
use rules::{Norm, Rules, RULES};

use super::{Dct, DctSource, Timex, TimexType};
use crate::text::sentence_of;

/// Finds and normalises temporal expressions.
#[derive(Debug, Default, Clone)]
pub struct DateTagger {
    /// Rules other than the built-in ones.
    rules: Option<Arc<Rules>>,
}

impl DateTagger {
    /// A tagger with the built-in rules.
    pub fn new() -> DateTagger {
        std::sync::LazyLock::force(&RULES);
        DateTagger { rules: None }
    }

    #[cfg(test)]
    /// The same tagger with the rules of `toml` (in the format of the built-in
    /// `rules/rules.toml`) instead of the built-in ones; the word lists stay built in.
    pub fn with_rules(mut self, toml: &str) -> crate::Result<DateTagger> {
        self.rules = Some(Arc::new(Rules::parse(toml)?));
        Ok(self)
    }

    fn rules(&self) -> &Rules {
        self.rules.as_deref().unwrap_or(&RULES)
    }

    /// Tags `text`, whose sentences are `sentences` (byte ranges, in order).
    ///
    /// `dct` is the document creation time when known; when `dct.value` is `None` (or not a
    /// date), the tagger infers one from the text: the latest year among the explicit dates
    /// outside future-tense sentences, returned with source `inferred` (or `none` when the
    /// text names no year). Returns the DCT used and the expressions, ordered by start
    /// offset, with byte offsets on char boundaries, never overlapping.
    pub fn tag(&self, text: &str, sentences: &[Range<usize>], dct: Dct) -> (Dct, Vec<Timex>) {
        let rules = self.rules();
        let matches = rules.find_all(text);
        let sentence_at = |pos: usize| -> Range<usize> {
            if sentences.is_empty() {
                return 0..text.len();
            }
            sentences[sentence_of(sentences, pos)].clone()
        };
        let known = dct.value.as_deref().and_then(Anchor::parse);
        let (dct, anchor) = match known {
            Some(a) => (dct, Some(a)),
            None => {
                let inferred = infer_year(rules, text, &matches, &sentence_at);
                match inferred {
                    Some(y) => (
                        Dct { value: Some(format!("{y:04}")), source: DctSource::Inferred },
                        Anchor::parse(&format!("{y:04}")),
                    ),
                    None => (Dct { value: None, source: DctSource::None }, None),
                }
            }
        };

        let mut out: Vec<Timex> = Vec::with_capacity(matches.len());
        let mut needs_year = Vec::with_capacity(matches.len());
        let mut narrative = anchor;
        let mut focus: Option<(String, usize)> = None;
        let mut last_day: Option<(String, usize)> = None;
        // The last explicit date of any granularity, for "that year", "later that day".
        let mut recent: Option<Anchor> = None;
        for m in &matches {
            let rule = &rules.rules[m.rule];
            let si = if sentences.is_empty() { 0 } else { sentence_of(sentences, m.start) };
            // Tense cues matter only where a year or a day must be chosen.
            let has_year =
                m.get("year").or(m.get("yy")).or(m.get("year2")).or(m.get("syc")).is_some();
            let needs_tense = match rule.norm {
                Norm::Explicit | Norm::Holiday | Norm::Quarter | Norm::Season => !has_year,
                Norm::Weekday | Norm::Clock => true,
                _ => false,
            };
            let tense = if needs_tense {
                context::tense(text, sentence_at(m.start), m.start..m.end)
            } else {
                context::Tense::Unknown
            };
            let here = anchor;
            let near = focus
                .as_ref()
                .filter(|(v, fs)| si <= fs + if v.contains('Q') { 6 } else { 2 })
                .map(|(v, _)| v.as_str());
            let day =
                last_day.as_ref().filter(|(_, ds)| si <= ds + DAY_WINDOW).map(|(v, _)| v.as_str());
            let ctx = Ctx { anchor: here, tense, focus: near, last: narrative, day, recent };
            let Some(n) = normalize(rule, m, &ctx) else { continue };
            if rule.norm == Norm::Explicit {
                if let Some(a) = Anchor::parse(&n.value) {
                    if has_year {
                        narrative = Some(a);
                    }
                    recent = Some(a);
                }
            }
            if matches!(rule.norm, Norm::Explicit | Norm::Quarter | Norm::Half)
                && (n.value.len() == 7 || n.value.len() == 10)
            {
                focus = Some((n.value.clone(), si));
            }
            if rule.norm == Norm::Explicit && n.value.len() == 10 {
                last_day = Some((n.value.clone(), si));
            }
            needs_year.push(rule.norm == Norm::Explicit && !has_year && m.get("month").is_some());
            out.push(Timex {
                start: m.start,
                end: m.end,
                kind: n.kind,
                value: n.value,
                rule: rule.id.clone(),
                range: None,
            });
        }
        borrow_years(text, &mut out, &needs_year);
        date_times(&mut out, sentences, anchor);
        for t in &mut out {
            if matches!(t.kind, TimexType::Date | TimexType::Time) {
                t.range = value_range(&t.value);
            }
        }
        (dct, out)
    }
}

/// How many sentences an explicit day ("Aug. 6") anchors the weekdays after it.
const DAY_WINDOW: usize = 8;

/// The latest year named by an explicit date outside future-tense sentences.
fn infer_year(
    rules: &Rules,
    text: &str,
    matches: &[rules::Match<'_>],
    sentence_at: &dyn Fn(usize) -> Range<usize>,
) -> Option<i32> {
    let mut best: Option<(bool, i32)> = None;
    for m in matches {
        let rule = &rules.rules[m.rule];
        if rule.norm != Norm::Explicit {
            continue;
        }
        let Some(y) = m.get("year").and_then(|y| y.parse::<i32>().ok()) else { continue };
        // Dates with a month beat bare years: "in 2030" is often a plan, "June 2016" news.
        let key = (m.get("month").or(m.get("mnum")).is_some(), y);
        if best.is_some_and(|b| key <= b) {
            continue;
        }
        if context::tense(text, sentence_at(m.start), m.start..m.end) == context::Tense::Future {
            continue;
        }
        best = Some(key);
    }
    best.map(|(_, y)| y)
}

/// "from May to June 2016": a month without a year takes the year of the date right after
/// it when only a connective stands between them.
fn borrow_years(text: &str, out: &mut [Timex], needs_year: &[bool]) {
    for i in 0..out.len().saturating_sub(1) {
        if !needs_year[i] {
            continue;
        }
        let between = text[out[i].end..out[i + 1].start].trim().to_ascii_lowercase();
        if !matches!(
            between.as_str(),
            "-" | "–" | "to" | "through" | "until" | "and" | "or" | "till"
        ) {
            continue;
        }
        let next = &out[i + 1].value;
        let (Some(y), Some((_, rest))) = (next.get(..4), out[i].value.split_once('-')) else {
            continue;
        };
        if y.bytes().all(|b| b.is_ascii_digit()) {
            out[i].value = format!("{y}-{rest}");
        }
    }
}

/// Clock times ("T10:35") take the day of the nearest day-valued date in their sentence,
/// else the anchor's day.
fn date_times(out: &mut [Timex], sentences: &[Range<usize>], anchor: Option<Anchor>) {
    let is_day = |v: &str| v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
    let sent = |pos: usize| if sentences.is_empty() { 0 } else { sentence_of(sentences, pos) };
    for i in 0..out.len() {
        if !out[i].value.starts_with('T') {
            continue;
        }
        let si = sent(out[i].start);
        let mut best: Option<(usize, String)> = None;
        for (j, t) in out.iter().enumerate() {
            if j == i || sent(t.start) != si || !is_day(&t.value) {
                continue;
            }
            let d = if j > i { t.start - out[i].end } else { out[i].start - t.end };
            if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
                best = Some((d, t.value.clone()));
            }
        }
        // Else the latest day-valued date of the few sentences before.
        let before = out[..i]
            .iter()
            .rev()
            .take_while(|t| sent(t.start) + 5 >= si)
            .find(|t| is_day(&t.value))
            .map(|t| t.value.clone());
        let day = match (best.map(|(_, v)| v).or(before), anchor) {
            (Some(v), _) => v,
            (None, Some(a)) if a.gran == Gran::Day => calendar::fmt_day(a.date),
            _ => "XXXX-XX-XX".to_string(),
        };
        out[i].value = format!("{day}{}", out[i].value);
    }
}

#[cfg(test)]
mod tests;

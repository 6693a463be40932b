//! Timelines: one dated event per sentence that holds a calendar date.
//!
//! A sentence becomes an event when it holds a TIMEX3 `DATE` with a calendar value (one
//! with a `range`, so `2015-09` but not `PRESENT_REF` or `XXXX-05`). The event is placed
//! at the first such date of the sentence; the others are listed in `also`. Events sort
//! by first day, then last day, value, document and sentence, so the order is stable.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::table::CsvRow;
use super::Record;
use crate::extract::{Label, TimexType};
use crate::text::sentences;

/// One dated sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// TIMEX3 value of the sentence's first calendar date (`2015-09`).
    pub date: String,
    /// First day the value covers (`YYYY-MM-DD`).
    pub start: String,
    /// Last day the value covers (`YYYY-MM-DD`).
    pub end: String,
    /// The date as written.
    pub date_text: String,
    /// The TIMEX3 values of the sentence's other calendar dates, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// Document id.
    pub document: String,
    /// Document title, where known.
    pub title: Option<String>,
    /// Zero-based sentence index (the numbering of the record's mentions).
    pub sentence: usize,
    /// The sentence.
    pub text: String,
    /// The distinct entities of the sentence, in text order.
    pub entities: Vec<TimelineEntity>,
}

/// An entity named in a timeline sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntity {
    /// Canonical name.
    pub canonical: String,
    /// Label.
    pub label: Label,
}

impl TimelineEvent {
    fn key(&self) -> (&str, &str, &str, &str, usize) {
        (&self.start, &self.end, &self.date, &self.document, self.sentence)
    }
}

impl Ord for TimelineEvent {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key()
            .cmp(&other.key())
            .then_with(|| self.text.cmp(&other.text))
            .then_with(|| self.date_text.cmp(&other.date_text))
    }
}

impl PartialOrd for TimelineEvent {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Which events to keep.
#[derive(Debug, Clone, Default)]
pub struct TimelineFilter {
    entity: Option<String>,
}

impl TimelineFilter {
    /// Keeps every event.
    pub fn all() -> TimelineFilter {
        TimelineFilter::default()
    }

    /// Keeps the events whose sentence names `entity`: its canonical name or a surface
    /// form, compared case-insensitively.
    pub fn entity(entity: &str) -> TimelineFilter {
        TimelineFilter { entity: Some(entity.trim().to_lowercase()) }
    }
}

/// The events of one document, in text order. `body` is the document's text (the one
/// the record's offsets and sentence indexes refer to).
pub fn timeline_events(record: &Record, body: &str, filter: &TimelineFilter) -> Vec<TimelineEvent> {
    let spans = sentences(body);
    let mut out: Vec<TimelineEvent> = Vec::new();
    for d in &record.dates {
        let Some([start, end]) = d.range.as_ref().filter(|_| d.kind == TimexType::Date) else {
            continue;
        };
        if let Some(last) = out.last_mut().filter(|e| e.sentence == d.sentence) {
            last.also.push(d.value.clone());
            continue;
        }
        let mentions = record.entities.iter().filter(|e| e.sentence == d.sentence);
        if let Some(wanted) = &filter.entity {
            let named = mentions
                .clone()
                .any(|e| e.canonical.to_lowercase() == *wanted || e.text.to_lowercase() == *wanted);
            if !named {
                continue;
            }
        }
        let mut seen = BTreeSet::new();
        let entities = mentions
            .filter(|e| seen.insert((e.label, e.canonical.as_str())))
            .map(|e| TimelineEntity { canonical: e.canonical.clone(), label: e.label })
            .collect();
        let text = spans.get(d.sentence).map_or(d.text.as_str(), |r| &body[r.clone()]);
        out.push(TimelineEvent {
            date: d.value.clone(),
            start: start.clone(),
            end: end.clone(),
            date_text: d.text.clone(),
            also: Vec::new(),
            document: record.id.clone(),
            title: record.title.clone(),
            sentence: d.sentence,
            text: squeeze(text),
            entities,
        });
    }
    out
}

/// The sentence on one line: runs of white space become one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl CsvRow for TimelineEvent {
    const HEADER: &'static [&'static str] = &[
        "date",
        "start",
        "end",
        "date_text",
        "also",
        "document",
        "title",
        "sentence",
        "text",
        "entities",
    ];

    fn cells(&self) -> Vec<String> {
        let entities: Vec<String> = self
            .entities
            .iter()
            .map(|e| format!("{} ({})", e.canonical, e.label.as_str()))
            .collect();
        vec![
            self.date.clone(),
            self.start.clone(),
            self.end.clone(),
            self.date_text.clone(),
            self.also.join("; "),
            self.document.clone(),
            self.title.clone().unwrap_or_default(),
            self.sentence.to_string(),
            self.text.clone(),
            entities.join("; "),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{DateMention, DctRecord, EntityMention};
    use crate::extract::DctSource;

    fn sample() -> (Record, String) {
        let body = "Xi Jinping visited in September 2015.\nLater, in May 2014 and 2016, talks \
                    stalled.\nNothing dated here about China."
            .to_string();
        let chars: Vec<char> = body.chars().collect();
        let find = |s: &str| {
            let b = body.find(s).unwrap();
            let start = body[..b].chars().count();
            (start, start + s.chars().count())
        };
        let date = |s: &str, value: &str, sentence, range: Option<[&str; 2]>| {
            let (start, end) = find(s);
            DateMention {
                page: None,
                start,
                end,
                text: chars[start..end].iter().collect(),
                kind: TimexType::Date,
                value: value.into(),
                sentence,
                rule: "test".into(),
                range: range.map(|[a, b]| [a.to_string(), b.to_string()]),
            }
        };
        let entity = |s: &str, label, canonical: &str, sentence| {
            let (start, end) = find(s);
            EntityMention {
                page: None,
                start,
                end,
                text: s.into(),
                label,
                canonical: canonical.into(),
                sentence,
                rule: "test".into(),
                country: None,
            }
        };
        let record = Record {
            id: "doc".into(),
            source: "doc.txt".into(),
            title: Some("T".into()),
            published: None,
            url: None,
            author: None,
            dct: DctRecord { value: None, source: DctSource::None },
            entities: vec![
                entity("Xi Jinping", Label::Person, "Xi Jinping", 0),
                entity("China", Label::Gpe, "China", 2),
            ],
            dates: vec![
                date("September 2015", "2015-09", 0, Some(["2015-09-01", "2015-09-30"])),
                date("May 2014", "2014-05", 1, Some(["2014-05-01", "2014-05-31"])),
                date("2016", "2016", 1, Some(["2016-01-01", "2016-12-31"])),
                date("Later", "PAST_REF", 1, None),
            ],
            ..Record::default()
        };
        (record, body)
    }

    #[test]
    fn one_event_per_dated_sentence_with_its_entities() {
        let (record, body) = sample();
        let events = timeline_events(&record, &body, &TimelineFilter::all());
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].text, "Xi Jinping visited in September 2015.");
        assert_eq!(events[0].entities[0].canonical, "Xi Jinping");
        assert_eq!(
            (events[0].start.as_str(), events[0].end.as_str()),
            ("2015-09-01", "2015-09-30")
        );
        assert_eq!(events[1].date, "2014-05");
        assert_eq!(events[1].also, ["2016"]);
        assert!(events[1].entities.is_empty());
        let mut sorted = events.clone();
        sorted.sort();
        assert_eq!(sorted[0].date, "2014-05");
    }

    #[test]
    fn entity_filter_matches_names_and_forms_case_insensitively() {
        let (record, body) = sample();
        let events = timeline_events(&record, &body, &TimelineFilter::entity("xi jinping"));
        assert_eq!(events.len(), 1);
        assert!(timeline_events(&record, &body, &TimelineFilter::entity("China")).is_empty());
    }
}

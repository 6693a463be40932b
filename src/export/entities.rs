//! Entity tables: one entry per canonical entity across a corpus.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::Record;
use crate::extract::{Label, TimexType};

/// One canonical entity of a corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityEntry {
    /// Label.
    pub label: Label,
    /// Canonical name.
    pub canonical: String,
    /// Surface forms seen, with how often each was seen, most frequent first.
    pub aliases: Vec<AliasCount>,
    /// ISO 3166-1 alpha-2 code, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Number of documents that mention it.
    pub documents: usize,
    /// Number of mentions.
    pub mentions: usize,
    /// Earliest day (`YYYY-MM-DD`) covered by a calendar date (a TIMEX3 `DATE` with a
    /// range) in a sentence that mentions the entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    /// Latest day (`YYYY-MM-DD`) covered by a calendar date in a sentence that mentions
    /// the entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
}

/// A surface form and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AliasCount {
    /// The form as written.
    pub text: String,
    /// How many mentions used it.
    pub count: usize,
}

/// One mention, for `export entities --mentions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionRow<'a> {
    /// Document id.
    pub document: &'a str,
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// The mention as written.
    pub text: &'a str,
    /// Label.
    pub label: Label,
    /// Canonical name.
    pub canonical: &'a str,
    /// Zero-based sentence index.
    pub sentence: usize,
    /// The rule that produced it.
    pub rule: &'a str,
}

/// The mention rows of one record.
pub fn mention_rows(record: &Record) -> impl Iterator<Item = MentionRow<'_>> {
    record.entities.iter().map(move |e| MentionRow {
        document: &record.id,
        start: e.start,
        end: e.end,
        text: &e.text,
        label: e.label,
        canonical: &e.canonical,
        sentence: e.sentence,
        rule: &e.rule,
    })
}

#[derive(Debug, Default)]
struct Acc {
    aliases: HashMap<String, usize>,
    country: Option<String>,
    documents: usize,
    mentions: usize,
    first_date: Option<String>,
    last_date: Option<String>,
}

/// Per sentence, the earliest first day and latest last day of its calendar dates.
pub(crate) fn sentence_date_spans(record: &Record) -> BTreeMap<usize, (&str, &str)> {
    let mut spans: BTreeMap<usize, (&str, &str)> = BTreeMap::new();
    for d in &record.dates {
        let Some([first, last]) = d.range.as_ref().filter(|_| d.kind == TimexType::Date) else {
            continue;
        };
        let span = spans.entry(d.sentence).or_insert((first, last));
        if first.as_str() < span.0 {
            span.0 = first;
        }
        if last.as_str() > span.1 {
            span.1 = last;
        }
    }
    spans
}

fn widen(slot: &mut Option<String>, day: &str, earlier: bool) {
    let replace = match slot {
        None => true,
        Some(cur) => (earlier && day < cur.as_str()) || (!earlier && day > cur.as_str()),
    };
    if replace {
        *slot = Some(day.to_string());
    }
}

/// Accumulates records into an entity table. Memory grows with the number of distinct
/// entities, not with the number of documents.
#[derive(Debug, Default)]
pub struct EntityTable {
    entries: HashMap<(Label, String), Acc>,
}

impl EntityTable {
    /// An empty table.
    pub fn new() -> EntityTable {
        EntityTable::default()
    }

    /// Adds one document's mentions.
    pub fn add(&mut self, record: &Record) {
        let spans = sentence_date_spans(record);
        let mut seen: BTreeMap<(Label, &str), ()> = BTreeMap::new();
        for e in &record.entities {
            let acc = self.entries.entry((e.label, e.canonical.clone())).or_default();
            if let Some((first, last)) = spans.get(&e.sentence) {
                widen(&mut acc.first_date, first, true);
                widen(&mut acc.last_date, last, false);
            }
            *acc.aliases.entry(e.text.clone()).or_default() += 1;
            acc.mentions += 1;
            if acc.country.is_none() {
                acc.country.clone_from(&e.country);
            }
            if seen.insert((e.label, &e.canonical), ()).is_none() {
                acc.documents += 1;
            }
        }
    }

    /// The entries, most documents first, then most mentions, then by label and name.
    pub fn entries(self) -> Vec<EntityEntry> {
        let mut out: Vec<EntityEntry> = self
            .entries
            .into_iter()
            .map(|((label, canonical), acc)| {
                let mut aliases: Vec<AliasCount> = acc
                    .aliases
                    .into_iter()
                    .map(|(text, count)| AliasCount { text, count })
                    .collect();
                aliases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
                EntityEntry {
                    label,
                    canonical,
                    aliases,
                    country: acc.country,
                    documents: acc.documents,
                    mentions: acc.mentions,
                    first_date: acc.first_date,
                    last_date: acc.last_date,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.documents
                .cmp(&a.documents)
                .then(b.mentions.cmp(&a.mentions))
                .then(a.label.cmp(&b.label))
                .then_with(|| a.canonical.cmp(&b.canonical))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{DctRecord, EntityMention};
    use crate::extract::DctSource;

    fn record(id: &str, mentions: &[(&str, Label, &str)]) -> Record {
        Record {
            id: id.into(),
            source: id.into(),
            title: None,
            published: None,
            url: None,
            author: None,
            dct: DctRecord { value: None, source: DctSource::None },
            entities: mentions
                .iter()
                .map(|(text, label, canonical)| EntityMention {
                    page: None,
                    start: 0,
                    end: text.chars().count(),
                    text: text.to_string(),
                    label: *label,
                    canonical: canonical.to_string(),
                    sentence: 0,
                    rule: "test".into(),
                    country: None,
                })
                .collect(),
            dates: vec![],
            ..Record::default()
        }
    }

    #[test]
    fn merges_aliases_and_counts_documents_once() {
        let mut t = EntityTable::new();
        t.add(&record(
            "a",
            &[
                ("U.S.", Label::Gpe, "United States"),
                ("United States", Label::Gpe, "United States"),
                ("U.S.", Label::Gpe, "United States"),
            ],
        ));
        t.add(&record(
            "b",
            &[("US", Label::Gpe, "United States"), ("PLA", Label::Org, "People's Liberation Army")],
        ));
        let e = t.entries();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].canonical, "United States");
        assert_eq!((e[0].documents, e[0].mentions), (2, 4));
        assert_eq!(e[0].aliases[0], AliasCount { text: "U.S.".into(), count: 2 });
        assert_eq!(e[1].documents, 1);
    }

    #[test]
    fn dates_near_an_entity_are_those_of_its_sentences() {
        use crate::export::DateMention;
        let date = |sentence, value: &str, first: &str, last: &str| DateMention {
            page: None,
            start: 0,
            end: 1,
            text: value.into(),
            kind: TimexType::Date,
            value: value.into(),
            sentence,
            rule: "test".into(),
            range: Some([first.into(), last.into()]),
        };
        let mut r = record("a", &[("Xi", Label::Person, "Xi Jinping")]);
        r.dates = vec![
            date(0, "2015-09", "2015-09-01", "2015-09-30"),
            date(0, "2014", "2014-01-01", "2014-12-31"),
            date(1, "1999", "1999-01-01", "1999-12-31"),
        ];
        let mut t = EntityTable::new();
        t.add(&r);
        let e = &t.entries()[0];
        assert_eq!(e.first_date.as_deref(), Some("2014-01-01"));
        assert_eq!(e.last_date.as_deref(), Some("2015-09-30"));
    }
}

//! Entity tables: one entry per canonical entity across a corpus.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::canonical::{CanonicalMap, NameStat};
use super::Record;
use crate::extract::{Label, TimexType};

/// One canonical entity of a corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityEntry {
    /// Label.
    pub label: Label,
    /// Canonical name (for a merged entity, its most widely used full name).
    pub canonical: String,
    /// The other canonical names merged into this one across the corpus ("Guterres",
    /// "Franklin Roosevelt"), most documents first; empty when nothing was merged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
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

impl Record {
    /// One row per entity mention, as `dossier export entities --mentions` writes them.
    pub fn mention_rows(&self) -> impl Iterator<Item = MentionRow<'_>> {
        self.entities.iter().map(move |e| MentionRow {
            document: &self.id,
            start: e.start,
            end: e.end,
            text: &e.text,
            label: e.label,
            canonical: &e.canonical,
            sentence: e.sentence,
            rule: &e.rule,
        })
    }
}

#[derive(Debug, Default)]
struct Acc {
    aliases: HashMap<String, usize>,
    country: Option<String>,
    /// The documents (ordinals in the order added) that mention it, ascending.
    docs: Vec<u32>,
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
/// entities and of (entity, document) pairs, not with the text.
///
/// [`EntityTable::entries`] merges names across the corpus ([`CanonicalMap`]):
/// "Guterres" and "Antonio Guterres" become one entry.
#[derive(Debug, Default)]
pub struct EntityTable {
    entries: HashMap<(Label, String), Acc>,
    documents: u32,
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
                acc.docs.push(self.documents);
            }
        }
        self.documents += 1;
    }

    /// The corpus-wide merge of the names added so far.
    pub fn canonical_map(&self) -> CanonicalMap {
        let names = self.entries.iter().map(|((label, name), acc)| NameStat {
            label: *label,
            name,
            documents: acc.docs.len(),
        });
        CanonicalMap::build(names, |label, short, full| {
            let (Some(s), Some(f)) = (
                self.entries.get(&(label, short.to_string())),
                self.entries.get(&(label, full.to_string())),
            ) else {
                return false;
            };
            f.aliases.keys().any(|a| a.to_lowercase() == short.to_lowercase())
                || intersects(&s.docs, &f.docs)
        })
    }

    /// The entries, names merged across the corpus, most documents first, then most
    /// mentions, then by label and name.
    pub fn entries(self) -> Vec<EntityEntry> {
        let map = self.canonical_map();
        self.entries_merged_by(&map)
    }

    /// The entries, names merged as `map` says (for instance the map of a whole index,
    /// when only some of its documents were added), ordered as [`EntityTable::entries`].
    pub fn entries_merged_by(self, map: &CanonicalMap) -> Vec<EntityEntry> {
        let mut merged: HashMap<(Label, String), Merged> = HashMap::new();
        for ((label, name), acc) in self.entries {
            let shown = map.resolve(label, &name).to_string();
            let slot = merged.entry((label, shown.clone())).or_default();
            if shown != name {
                slot.1.push((acc.docs.len(), name));
            }
            absorb(&mut slot.0, acc);
        }
        let mut out: Vec<EntityEntry> = merged
            .into_iter()
            .map(|((label, canonical), (acc, mut names))| {
                let mut aliases: Vec<AliasCount> = acc
                    .aliases
                    .into_iter()
                    .map(|(text, count)| AliasCount { text, count })
                    .collect();
                aliases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
                names.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
                EntityEntry {
                    label,
                    canonical,
                    merged: names.into_iter().map(|(_, n)| n).collect(),
                    aliases,
                    country: acc.country,
                    documents: acc.docs.len(),
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

/// A merged entry: the sum of its names' accumulators, and the names merged into the shown
/// one with their document counts.
type Merged = (Acc, Vec<(usize, String)>);

/// Whether two ascending lists share a value.
fn intersects(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Adds `from` into `into`: aliases and mentions summed, documents united, dates widened.
fn absorb(into: &mut Acc, from: Acc) {
    for (text, n) in from.aliases {
        *into.aliases.entry(text).or_default() += n;
    }
    into.mentions += from.mentions;
    if into.country.is_none() {
        into.country = from.country;
    }
    if into.docs.is_empty() {
        into.docs = from.docs;
    } else {
        into.docs.extend(from.docs);
        into.docs.sort_unstable();
        into.docs.dedup();
    }
    if let Some(d) = from.first_date {
        widen(&mut into.first_date, &d, true);
    }
    if let Some(d) = from.last_date {
        widen(&mut into.last_date, &d, false);
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
    fn names_merge_across_documents_and_documents_count_once() {
        let mut t = EntityTable::new();
        t.add(&record(
            "a",
            &[
                ("Antonio Guterres", Label::Person, "Antonio Guterres"),
                ("Guterres", Label::Person, "Antonio Guterres"),
            ],
        ));
        t.add(&record("b", &[("Guterres", Label::Person, "Guterres")]));
        t.add(&record(
            "c",
            &[
                ("Franklin D. Roosevelt", Label::Person, "Franklin D. Roosevelt"),
                ("Franklin Roosevelt", Label::Person, "Franklin Roosevelt"),
            ],
        ));
        t.add(&record(
            "d",
            &[("Franklin Delano Roosevelt", Label::Person, "Franklin Delano Roosevelt")],
        ));
        t.add(&record("e", &[("Franklin D. Roosevelt", Label::Person, "Franklin D. Roosevelt")]));
        let e = t.entries();
        assert_eq!(e.len(), 2, "{e:#?}");
        let fdr = e.iter().find(|x| x.canonical == "Franklin D. Roosevelt").unwrap();
        assert_eq!((fdr.documents, fdr.mentions), (3, 4));
        assert_eq!(fdr.merged, ["Franklin Delano Roosevelt", "Franklin Roosevelt"]);
        let ag = e.iter().find(|x| x.canonical == "Antonio Guterres").unwrap();
        assert_eq!((ag.documents, ag.mentions), (2, 3));
        assert_eq!(ag.merged, ["Guterres"]);
        assert_eq!(ag.aliases[0], AliasCount { text: "Guterres".into(), count: 2 });
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

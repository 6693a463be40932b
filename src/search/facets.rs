//! Facet counts over all matching documents: entities per label, years mentioned,
//! months published. Counts are documents (a document mentioning Xi ten times counts
//! once), taken from the index's facet fields, not from the page of hits shown.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::canonical::FacetGroups;
use crate::extract::Label;
use crate::index::ENTITY_FIELD_LABELS;

/// One facet value and the number of matching documents that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value: an entity's canonical name, a year, a month.
    pub value: String,
    /// Matching documents with that value.
    pub documents: u64,
}

/// Facets of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Top entities per label, most documents first.
    pub entities: BTreeMap<Label, Vec<FacetCount>>,
    /// Years that matching documents mention (a date's whole interval counts), in order.
    pub mentioned_years: Vec<FacetCount>,
    /// Months in which matching documents were published (`YYYY-MM`), in order.
    pub published_months: Vec<FacetCount>,
}

/// The values of the three facet fields in every segment of one reader generation, read
/// once from the segments' facet dictionaries, so that a faceted search reads no
/// dictionary.
#[derive(Debug)]
pub(crate) struct FacetTables {
    entities: Arc<FacetTable>,
    years: Arc<FacetTable>,
    months: Arc<FacetTable>,
}

impl FacetTables {
    /// Reads the facet dictionaries of every segment of `searcher`. Entities merged across
    /// the corpus (`groups`) share one slot, under their shown name.
    pub(crate) fn new(searcher: &Searcher, groups: &FacetGroups) -> tantivy::Result<FacetTables> {
        Ok(FacetTables {
            entities: Arc::new(FacetTable::new(searcher, "entity_facet", Some(groups))?),
            years: Arc::new(FacetTable::new(searcher, "year_facet", None)?),
            months: Arc::new(FacetTable::new(searcher, "published_facet", None)?),
        })
    }

    /// The three collectors a facet search runs: entities, years mentioned, months
    /// published.
    pub(crate) fn collectors(&self) -> (FacetCounter, FacetCounter, FacetCounter) {
        let counter = |table: &Arc<FacetTable>| FacetCounter { table: Arc::clone(table) };
        (counter(&self.entities), counter(&self.years), counter(&self.months))
    }

    /// Turns collected counts into [`Facets`], keeping `top` entities per label.
    pub(crate) fn build(
        &self,
        entities: &[u64],
        years: &[u64],
        months: &[u64],
        top: usize,
    ) -> Facets {
        let mut out = Facets::default();
        let mut per_label: BTreeMap<Label, Vec<(u64, &str)>> = BTreeMap::new();
        for (value, n) in self.entities.counted(entities) {
            let Some((label, name)) = value.split_once(FACET_SEP) else { continue };
            let Some(label) = ENTITY_FIELD_LABELS.into_iter().find(|l| l.as_str() == label) else {
                continue;
            };
            per_label.entry(label).or_default().push((n, name));
        }
        let order = |a: &(u64, &str), b: &(u64, &str)| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1));
        for (label, mut counts) in per_label {
            if counts.len() > top && top > 0 {
                counts.select_nth_unstable_by(top - 1, order);
            }
            counts.truncate(top);
            counts.sort_unstable_by(order);
            if !counts.is_empty() {
                let counts = counts
                    .into_iter()
                    .map(|(documents, value)| FacetCount { value: value.to_string(), documents })
                    .collect();
                out.entities.insert(label, counts);
            }
        }
        let in_order = |table: &FacetTable, counts: &[u64]| -> Vec<FacetCount> {
            let mut flat: Vec<FacetCount> = table
                .counted(counts)
                .map(|(value, documents)| FacetCount { value: value.to_string(), documents })
                .collect();
            flat.sort_by(|a, b| a.value.cmp(&b.value));
            flat
        };
        out.mentioned_years = in_order(&self.years, years);
        out.published_months = in_order(&self.months, months);
        out
    }
}

/// Set on a slot that is a merged group: a document counts once however many of the
/// group's names it has.
const MERGED: u32 = 1 << 31;

/// One facet field: every value of every segment gets a slot shared by all segments.
#[derive(Debug)]
pub(crate) struct FacetTable {
    field: &'static str,
    /// The encoded facet (path segments joined by [`FACET_SEP`]) of each slot.
    values: Vec<String>,
    /// Per segment, the slot of each facet ordinal ([`MERGED`] set for a merged group).
    slots: Vec<Vec<u32>>,
    /// The index in `slots` of each segment.
    segments: HashMap<SegmentId, usize>,
}

impl FacetTable {
    fn new(
        searcher: &Searcher,
        field: &'static str,
        groups: Option<&FacetGroups>,
    ) -> tantivy::Result<FacetTable> {
        let mut table =
            FacetTable { field, values: Vec::new(), slots: Vec::new(), segments: HashMap::new() };
        let mut slot_of: HashMap<String, u32> = HashMap::new();
        let mut slot = |value: &str, values: &mut Vec<String>| -> u32 {
            if let Some(&s) = slot_of.get(value) {
                return s;
            }
            let s = values.len() as u32;
            values.push(value.to_string());
            slot_of.insert(value.to_string(), s);
            s
        };
        for segment in searcher.segment_readers() {
            let reader = segment.facet_reader(field)?;
            let mut slots = vec![0; reader.num_facets()];
            let mut terms = reader.facet_dict().stream()?;
            while terms.advance() {
                let value = String::from_utf8_lossy(terms.key());
                let s = match groups.and_then(|g| g.group_of(&value)) {
                    Some(shown) => slot(shown, &mut table.values) | MERGED,
                    None => slot(&value, &mut table.values),
                };
                slots[terms.term_ord() as usize] = s;
            }
            table.segments.insert(segment.segment_id(), table.slots.len());
            table.slots.push(slots);
        }
        if table.values.len() >= MERGED as usize {
            return Err(tantivy::TantivyError::InternalError(format!(
                "{field} has too many distinct values to count"
            )));
        }
        Ok(table)
    }

    /// The values with a count above zero, and their counts.
    fn counted<'t>(&'t self, counts: &'t [u64]) -> impl Iterator<Item = (&'t str, u64)> + 't {
        self.values.iter().zip(counts).filter(|(_, &n)| n > 0).map(|(v, &n)| (v.as_str(), n))
    }
}

/// Counts, over the matching documents, how many have each value of a facet field.
///
/// tantivy's own `FacetCollector` looks up each counted value in the segment's term
/// dictionary one at a time, decompressing a dictionary block per value; entity facets
/// have tens of thousands of values, so that cost most of a faceted search. This counter
/// counts in a plain array indexed by the slots of a [`FacetTable`] read once per reader
/// generation, so a search reads no dictionary.
pub(crate) struct FacetCounter {
    table: Arc<FacetTable>,
}

/// How tantivy joins the path segments of a facet in its dictionary
/// ([`tantivy::schema::Facet::encoded_str`]).
const FACET_SEP: char = '\0';

/// [`FacetCounter`] on one segment.
pub(crate) struct SegmentFacetCounter {
    reader: FacetReader,
    table: Arc<FacetTable>,
    /// The index of the segment in the table.
    segment: usize,
    /// Documents per slot.
    counts: Vec<u32>,
    /// The merged groups of the current document.
    seen: Vec<u32>,
}

impl Collector for FacetCounter {
    type Fruit = Vec<u64>;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let table = &self.table;
        let Some(&index) = table.segments.get(&segment.segment_id()) else {
            return Err(tantivy::TantivyError::InternalError(format!(
                "the {} table was read from another commit than the one searched",
                table.field
            )));
        };
        Ok(SegmentFacetCounter {
            reader: segment.facet_reader(table.field)?,
            table: Arc::clone(table),
            segment: index,
            counts: vec![0; table.values.len()],
            seen: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Vec<u32>>) -> tantivy::Result<Vec<u64>> {
        let mut out = vec![0u64; self.table.values.len()];
        for segment in segments {
            for (total, n) in out.iter_mut().zip(segment) {
                *total += u64::from(n);
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = Vec<u32>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let slots = &self.table.slots[self.segment];
        for ord in self.reader.facet_ords(doc) {
            let s = slots[ord as usize];
            if s & MERGED == 0 {
                self.counts[s as usize] += 1;
            } else {
                self.seen.push(s & !MERGED);
            }
        }
        if !self.seen.is_empty() {
            self.seen.sort_unstable();
            self.seen.dedup();
            for &s in &self.seen {
                self.counts[s as usize] += 1;
            }
            self.seen.clear();
        }
    }

    fn harvest(self) -> Vec<u32> {
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_separator_is_tantivys() {
        let facet = tantivy::schema::Facet::from_path(["PERSON", "Xi Jinping"]);
        assert_eq!(facet.encoded_str(), format!("PERSON{FACET_SEP}Xi Jinping"));
    }
}

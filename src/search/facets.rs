//! Facet counts over all matching documents: entities per label, years mentioned,
//! months published. Counts are documents (a document mentioning Xi ten times counts
//! once), taken from the index's facet fields, not from the page of hits shown.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

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

/// The three collectors a facet search runs (field names as in the index schema).
/// Entities merged across the corpus (`groups`) count once per document under their
/// shown name.
pub(crate) fn collectors(
    groups: Option<Arc<FacetGroups>>,
) -> (FacetCounter, FacetCounter, FacetCounter) {
    (
        FacetCounter { field: "entity_facet", groups },
        FacetCounter { field: "year_facet", groups: None },
        FacetCounter { field: "published_facet", groups: None },
    )
}

/// Counts, over the matching documents, how many have each value of a facet field.
///
/// tantivy's own `FacetCollector` looks up each counted value in the segment's term
/// dictionary one at a time, decompressing a dictionary block per value; entity facets
/// have tens of thousands of values, so that cost most of a faceted search. This counter
/// counts value ordinals in a plain array and then reads the dictionary once, in order,
/// for the ordinals that were seen.
pub(crate) struct FacetCounter {
    field: &'static str,
    groups: Option<Arc<FacetGroups>>,
}

/// How tantivy joins the path segments of a facet in its dictionary
/// ([`tantivy::schema::Facet::encoded_str`]).
const FACET_SEP: char = '\0';

/// Counts keyed by the encoded facet (path segments joined by [`FACET_SEP`]).
pub(crate) type FacetCountMap = HashMap<String, u64>;

/// [`FacetCounter`] on one segment.
pub(crate) struct SegmentFacetCounter {
    reader: FacetReader,
    counts: Vec<u32>,
    /// Merged groups: each ordinal's group (empty when nothing is merged), the counts per
    /// group, the groups, and the groups of the current document.
    group_of: Vec<Option<u32>>,
    group_counts: Vec<u32>,
    groups: Option<Arc<FacetGroups>>,
    seen: Vec<u32>,
}

impl Collector for FacetCounter {
    type Fruit = FacetCountMap;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let reader = segment.facet_reader(self.field)?;
        let counts = vec![0; reader.num_facets()];
        let groups = self.groups.clone().filter(|g| !g.is_empty());
        let (group_of, group_counts) = match &groups {
            Some(g) => (g.ordinals(segment, self.field)?, vec![0; g.shown.len()]),
            None => (Vec::new(), Vec::new()),
        };
        Ok(SegmentFacetCounter { reader, counts, group_of, group_counts, groups, seen: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segments: Vec<std::io::Result<FacetCountMap>>,
    ) -> tantivy::Result<FacetCountMap> {
        let mut segments = segments.into_iter();
        let mut out = segments.next().transpose()?.unwrap_or_default();
        for segment in segments {
            for (facet, n) in segment? {
                *out.entry(facet).or_default() += n;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = std::io::Result<FacetCountMap>;

    fn collect(&mut self, doc: DocId, _: Score) {
        for ord in self.reader.facet_ords(doc) {
            match self.group_of.get(ord as usize).copied().flatten() {
                Some(g) => self.seen.push(g),
                None => self.counts[ord as usize] += 1,
            }
        }
        if !self.seen.is_empty() {
            self.seen.sort_unstable();
            self.seen.dedup();
            for &g in &self.seen {
                self.group_counts[g as usize] += 1;
            }
            self.seen.clear();
        }
    }

    fn harvest(self) -> Self::Fruit {
        let seen: Vec<u64> =
            (0..self.counts.len() as u64).filter(|&ord| self.counts[ord as usize] > 0).collect();
        let mut out = HashMap::with_capacity(seen.len());
        let mut ords = seen.iter();
        let complete = self.reader.facet_dict().sorted_ords_to_term_cb(&seen, |facet| {
            let ord = *ords.next().expect("one callback per ordinal");
            let n = u64::from(self.counts[ord as usize]);
            out.insert(String::from_utf8_lossy(facet).into_owned(), n);
        })?;
        if !complete {
            return Err(std::io::Error::other(
                "a facet ordinal is missing from the segment's dictionary: run `dossier verify`",
            ));
        }
        if let Some(groups) = &self.groups {
            for (g, &n) in self.group_counts.iter().enumerate().filter(|(_, &n)| n > 0) {
                *out.entry(groups.shown[g].clone()).or_default() += u64::from(n);
            }
        }
        Ok(out)
    }
}

/// Turns collected counts into [`Facets`], keeping `top` entities per label.
pub(crate) fn build(
    entities: &FacetCountMap,
    years: &FacetCountMap,
    months: &FacetCountMap,
    top: usize,
) -> Facets {
    let mut out = Facets::default();
    let mut per_label: BTreeMap<Label, Vec<FacetCount>> = BTreeMap::new();
    for (facet, &n) in entities {
        let Some((label, name)) = facet.split_once(FACET_SEP) else { continue };
        let Some(label) = ENTITY_FIELD_LABELS.into_iter().find(|l| l.as_str() == label) else {
            continue;
        };
        per_label
            .entry(label)
            .or_default()
            .push(FacetCount { value: name.to_string(), documents: n });
    }
    for (label, mut counts) in per_label {
        counts.sort_by(|a, b| b.documents.cmp(&a.documents).then_with(|| a.value.cmp(&b.value)));
        counts.truncate(top);
        if !counts.is_empty() {
            out.entities.insert(label, counts);
        }
    }
    let in_order = |counts: &FacetCountMap| -> Vec<FacetCount> {
        let mut flat: Vec<FacetCount> = counts
            .iter()
            .map(|(value, &documents)| FacetCount { value: value.clone(), documents })
            .collect();
        flat.sort_by(|a, b| a.value.cmp(&b.value));
        flat
    };
    out.mentioned_years = in_order(years);
    out.published_months = in_order(months);
    out
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

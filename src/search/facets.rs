//! Facet counts over all matching documents: entities per label, years mentioned,
//! months published. Counts are documents (a document mentioning Xi ten times counts
//! once), taken from the index's facet fields, not from the page of hits shown.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::{FacetCollector, FacetCounts};

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
pub(crate) fn collectors() -> (FacetCollector, FacetCollector, FacetCollector) {
    let mut entities = FacetCollector::for_field("entity_facet");
    for label in ENTITY_FIELD_LABELS {
        entities.add_facet(format!("/{}", label.as_str()).as_str());
    }
    let mut years = FacetCollector::for_field("year_facet");
    years.add_facet("/");
    let mut months = FacetCollector::for_field("published_facet");
    months.add_facet("/");
    (entities, years, months)
}

/// Turns collected counts into [`Facets`], keeping `top` entities per label.
pub(crate) fn build(
    entities: &FacetCounts,
    years: &FacetCounts,
    months: &FacetCounts,
    top: usize,
) -> Facets {
    let mut out = Facets::default();
    for label in ENTITY_FIELD_LABELS {
        let root = format!("/{}", label.as_str());
        let mut counts: Vec<FacetCount> = entities
            .get(root.as_str())
            .map(|(facet, n)| FacetCount { value: last_segment(facet), documents: n })
            .collect();
        counts.sort_by(|a, b| b.documents.cmp(&a.documents).then_with(|| a.value.cmp(&b.value)));
        counts.truncate(top);
        if !counts.is_empty() {
            out.entities.insert(label, counts);
        }
    }
    let flat = |counts: &FacetCounts| -> Vec<FacetCount> {
        counts
            .get("/")
            .map(|(facet, n)| FacetCount { value: last_segment(facet), documents: n })
            .collect()
    };
    out.mentioned_years = flat(years);
    out.published_months = flat(months);
    out
}

fn last_segment(facet: &tantivy::schema::Facet) -> String {
    facet.to_path().last().map(|s| s.to_string()).unwrap_or_default()
}

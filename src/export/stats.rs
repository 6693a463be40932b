//! Corpus statistics from records.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{EntityTable, Record};
use crate::extract::{Label, TimexType};

/// Counts for one label.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LabelStats {
    /// Mentions.
    pub mentions: usize,
    /// Distinct entities, after names were merged across the corpus.
    pub distinct: usize,
    /// Canonical names merged into another across the corpus ("Guterres" into "Antonio
    /// Guterres"): `distinct` plus this is the number of names before merging.
    pub merged: usize,
}

/// What an index holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Documents.
    pub documents: usize,
    /// Documents with a published date.
    pub dated_documents: usize,
    /// Entity counts by label.
    pub entities: BTreeMap<Label, LabelStats>,
    /// Temporal expressions by TIMEX3 type.
    pub dates: BTreeMap<TimexType, usize>,
    /// Earliest day covered by a date mentioned in the corpus.
    pub earliest_mentioned: Option<String>,
    /// Latest day covered by a date mentioned in the corpus.
    pub latest_mentioned: Option<String>,
    /// Earliest published date.
    pub earliest_published: Option<String>,
    /// Latest published date.
    pub latest_published: Option<String>,
}

/// Accumulates [`Stats`] from records.
#[derive(Debug, Default)]
pub struct StatsBuilder {
    stats: Stats,
    entities: EntityTable,
}

fn widen(slot_min: &mut Option<String>, slot_max: &mut Option<String>, lo: &str, hi: &str) {
    if slot_min.as_deref().is_none_or(|m| lo < m) {
        *slot_min = Some(lo.to_string());
    }
    if slot_max.as_deref().is_none_or(|m| hi > m) {
        *slot_max = Some(hi.to_string());
    }
}

impl StatsBuilder {
    /// Adds one record.
    pub fn add(&mut self, r: &Record) {
        let s = &mut self.stats;
        s.documents += 1;
        if let Some(p) = &r.published {
            s.dated_documents += 1;
            widen(&mut s.earliest_published, &mut s.latest_published, p, p);
        }
        for e in &r.entities {
            s.entities.entry(e.label).or_default().mentions += 1;
        }
        self.entities.add(r);
        for d in &r.dates {
            *s.dates.entry(d.kind).or_default() += 1;
            if let Some([lo, hi]) = &d.range {
                widen(&mut s.earliest_mentioned, &mut s.latest_mentioned, lo, hi);
            }
        }
    }

    /// The statistics.
    pub fn build(self) -> Stats {
        let mut stats = self.stats;
        for e in self.entities.entries() {
            let l = stats.entities.entry(e.label).or_default();
            l.distinct += 1;
            l.merged += e.merged.len();
        }
        stats
    }
}

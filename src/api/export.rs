//! What `dossier export` reads from an [`Index`]: the entity table of a corpus and its
//! timeline. The records, with or without their text, come from [`Index::records`],
//! [`Index::records_matching`] and [`Index::records_with_text`]; the formats are in the
//! items re-exported at the crate root ([`ItemWriter`](crate::ItemWriter),
//! [`GraphBuilder`](crate::GraphBuilder), [`SearchDoc`](crate::SearchDoc), ...).

use crate::export::TimelineFilter;
use crate::export::{entity_entries, sorted_timeline, EntityEntry, Sorted, TimelineEvent};
use crate::extract::Label;
use crate::search::Searcher;
use crate::{Index, Result};

/// Dated events in date order, sorted on disk past a run of events (see
/// [`Index::timeline`]).
pub struct Timeline(Sorted<TimelineEvent>);

impl Iterator for Timeline {
    type Item = Result<TimelineEvent>;

    fn next(&mut self) -> Option<Result<TimelineEvent>> {
        self.0.next()
    }
}

impl std::fmt::Debug for Timeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Timeline")
    }
}

impl Index {
    /// One entry per canonical entity of the documents matching `query` (all documents
    /// when `None`), as `dossier export entities` writes them: names merged as in the
    /// whole index, whatever `query` kept; only entries named in at least `min_docs`
    /// documents and with one of `labels` (any label when empty); most documents first.
    pub fn entities_matching(
        &self,
        query: Option<&str>,
        labels: &[Label],
        min_docs: usize,
    ) -> Result<Vec<EntityEntry>> {
        let searcher = Searcher::new(&self.inner)?;
        let canonical = searcher.canonical_map()?;
        let records = match query {
            Some(q) => self.records_matching(q)?,
            None => self.records()?,
        };
        entity_entries(records, labels, min_docs, &canonical.map)
    }

    /// The dated events of the documents matching `query` (all documents when `None`) in
    /// date order, as `dossier export timeline` writes them: one per sentence holding a
    /// calendar date; only the sentences naming `entity` (a canonical name or a form, any
    /// case) when given.
    pub fn timeline(&self, entity: Option<&str>, query: Option<&str>) -> Result<Timeline> {
        let filter = entity.map_or_else(TimelineFilter::all, TimelineFilter::entity);
        Ok(Timeline(sorted_timeline(self.records_with_text(query)?, &filter)?))
    }
}

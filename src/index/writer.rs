//! Writing to the index: add or replace documents, commit with the schema payload.

use std::collections::{BTreeSet, HashMap};

use chrono::Datelike;
use tantivy::schema::Facet;
use tantivy::{DateTime, TantivyDocument, Term};

use super::{payload_json, state, DossierIndex, Fields};
use crate::document::Document;
use crate::extract::Extraction;
use crate::{Error, Result};

/// Longest date interval (in months) whose months are indexed one by one; longer ones
/// ("the 20th century") index their first and last month only.
const MAX_INTERVAL_MONTHS: i64 = 240;

/// Writer settings.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// Indexing threads (0: tantivy's default for the machine).
    pub threads: usize,
    /// Memory budget in bytes for all threads together (a flush trigger, not a cap).
    pub memory_budget: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions { threads: 0, memory_budget: 256 * 1024 * 1024 }
    }
}

/// What the index stores for one document.
#[derive(Debug, Clone, Copy)]
pub struct StoredDoc<'a> {
    /// The document.
    pub doc: &'a Document,
    /// What extraction found in it.
    pub extraction: &'a Extraction,
    /// The record JSON (see `RECORDS.md`), stored for export and display.
    pub record_json: &'a str,
    /// The content hash.
    pub hash: &'a str,
}

/// The index writer. Holds the index lock until dropped or [`IndexWriter::finish`]ed.
pub struct IndexWriter {
    writer: tantivy::IndexWriter<TantivyDocument>,
    fields: Fields,
    index: DossierIndex,
}

impl IndexWriter {
    pub(super) fn open(index: &DossierIndex, options: &WriterOptions) -> Result<IndexWriter> {
        let t = index.tantivy();
        let result = match options.memory_budget.checked_div(options.threads) {
            None => t.writer(options.memory_budget.max(15_000_000)),
            Some(per_thread) => t.writer_with_num_threads(
                options.threads,
                per_thread.max(15_000_000) * options.threads,
            ),
        };
        let writer = result.map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => state(
                index.path(),
                "another ingest is running on this index; wait for it to finish and try again"
                    .into(),
            ),
            other => Error::Index(other),
        })?;
        Ok(IndexWriter { writer, fields: index.fields().clone(), index: index.clone() })
    }

    /// The content hash of every document in the last commit, by id.
    pub fn committed_hashes(&self) -> Result<HashMap<String, String>> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let mut out = HashMap::new();
        let (mut id, mut hash) = (String::new(), String::new());
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let (Some(ids), Some(hashes)) = (ff.str("id")?, ff.str("hash")?) else { continue };
            for doc in segment.doc_ids_alive() {
                let (Some(i), Some(h)) = (ids.term_ords(doc).next(), hashes.term_ords(doc).next())
                else {
                    continue;
                };
                ids.ord_to_str(i, &mut id).map_err(Error::IoPlain)?;
                hashes.ord_to_str(h, &mut hash).map_err(Error::IoPlain)?;
                out.insert(id.clone(), hash.clone());
            }
        }
        Ok(out)
    }

    /// Adds a document, replacing any document with the same id (in the same commit).
    pub fn upsert(&mut self, stored: StoredDoc<'_>) -> Result<()> {
        self.writer.delete_term(Term::from_field_text(self.fields.id, &stored.doc.id));
        self.writer.add_document(to_tantivy(&self.fields, stored))?;
        Ok(())
    }

    /// Commits everything added so far. Readers see it from now on.
    pub fn commit(&mut self) -> Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload_json());
        prepared.commit()?;
        Ok(())
    }

    /// Commits, waits for merges and releases the lock.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

fn to_tantivy(f: &Fields, s: StoredDoc<'_>) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.id, &s.doc.id);
    d.add_text(f.source, &s.doc.source);
    if let Some(title) = &s.doc.title {
        d.add_text(f.title, title);
    }
    d.add_text(f.body, &s.doc.text);
    if let Some(p) = s.doc.published {
        d.add_date(f.published, date_time(p));
        d.add_facet(f.published_facet, Facet::from_path([p.format("%Y-%m").to_string()]));
    }
    d.add_text(f.hash, s.hash);

    let mut facets = BTreeSet::new();
    let mut aliases = BTreeSet::new();
    for e in &s.extraction.entities {
        if let Some(field) = f.entity_field(e.label) {
            if facets.insert((e.label, e.canonical.as_str())) {
                d.add_text(field, &e.canonical);
                d.add_facet(f.entity_facet, Facet::from_path([e.label.as_str(), &e.canonical]));
                aliases.insert(e.canonical.to_lowercase());
            }
            aliases.insert(s.doc.text[e.start..e.end].to_lowercase());
        }
    }
    for a in aliases {
        d.add_text(f.alias, a);
    }

    let mut months = BTreeSet::new();
    let mut values = BTreeSet::new();
    for t in &s.extraction.dates {
        values.insert(t.value.as_str());
        if let Some((first, last)) = t.range {
            let a = month_number(first);
            let b = month_number(last);
            if b - a <= MAX_INTERVAL_MONTHS {
                months.extend(a..=b);
            } else {
                months.insert(a);
                months.insert(b);
            }
        }
    }
    let mut years = BTreeSet::new();
    for m in months {
        d.add_i64(f.mentioned_month, m);
        years.insert(m.div_euclid(12));
    }
    for y in years {
        d.add_facet(f.year_facet, Facet::from_path([format!("{y:04}")]));
    }
    for v in values {
        d.add_text(f.timex, v);
    }
    d.add_text(f.record, s.record_json);
    d.add_bytes(f.mentions, &super::mentions::encode(&s.extraction.entities));
    d
}

/// A day as the index stores it: midnight UTC.
pub fn date_time(d: chrono::NaiveDate) -> DateTime {
    let secs = d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().timestamp();
    DateTime::from_timestamp_secs(secs)
}

/// A month as one number: `year * 12 + month - 1`.
pub fn month_number(d: chrono::NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

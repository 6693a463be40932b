//! Writing to the index: add or replace documents, commit with the schema payload.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use chrono::Datelike;
use tantivy::schema::{Facet, Field, OwnedValue};
use tantivy::{DateTime, Term};

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
    /// Bytes of text that may wait for the indexing threads (32 MiB by default).
    pub queue_bytes: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            threads: 0,
            memory_budget: 256 * 1024 * 1024,
            queue_bytes: DEFAULT_QUEUE_BYTES,
        }
    }
}

/// Text bytes that may wait in tantivy's indexing queue at once: the writer blocks
/// beyond this, so a fast reader cannot pile up the corpus in memory while the indexing
/// threads catch up (tantivy's own queue is bounded by document count only).
pub const DEFAULT_QUEUE_BYTES: usize = 32 * 1024 * 1024;

/// A document as the index stores it: every field value, owned (the text is moved in,
/// not copied). Built where the document was extracted, on any thread, then handed to
/// [`IndexWriter::upsert`].
pub struct IndexDoc {
    id: String,
    values: Vec<(Field, OwnedValue)>,
    /// Bytes of text it holds, counted against the writer's queue budget.
    bytes: usize,
    /// Returns `bytes` to the queue budget when tantivy drops the document, which it
    /// does right after indexing it.
    _ticket: Option<Ticket>,
}

impl IndexDoc {
    /// The index document of `doc`, with what extraction found in it, its record JSON
    /// (see `RECORDS.md`, stored for export and display) and its content hash.
    pub fn new(
        f: &Fields,
        doc: Document,
        extraction: &Extraction,
        record_json: String,
        hash: String,
    ) -> IndexDoc {
        let mut v: Vec<(Field, OwnedValue)> = Vec::with_capacity(16);
        v.push((f.id, OwnedValue::Str(doc.id.clone())));
        v.push((f.source, OwnedValue::Str(doc.source)));
        if let Some(title) = doc.title {
            v.push((f.title, OwnedValue::Str(title)));
        }
        // The entity values need the text; it is moved into the document last.
        let mut facets = BTreeSet::new();
        let mut aliases = BTreeSet::new();
        let mut entity_values = Vec::new();
        for e in &extraction.entities {
            if let Some(field) = f.entity_field(e.label) {
                if facets.insert((e.label, e.canonical.as_str())) {
                    entity_values.push((field, OwnedValue::Str(e.canonical.clone())));
                    let facet = Facet::from_path([e.label.as_str(), &e.canonical]);
                    entity_values.push((f.entity_facet, OwnedValue::Facet(facet)));
                    aliases.insert(e.canonical.to_lowercase());
                }
                aliases.insert(doc.text[e.start..e.end].to_lowercase());
            }
        }
        let bytes = doc.text.len() + record_json.len();
        if let Some(code) = doc.lang {
            v.push((f.lang, OwnedValue::Str(code.to_string())));
            if let Some(field) = f.native_body(code) {
                v.push((field, OwnedValue::Str(doc.text.clone())));
            }
        }
        v.push((f.body, OwnedValue::Str(doc.text)));
        if let Some(p) = doc.published {
            v.push((f.published, OwnedValue::Date(date_time(p))));
            let facet = Facet::from_path([p.format("%Y-%m").to_string()]);
            v.push((f.published_facet, OwnedValue::Facet(facet)));
        }
        v.push((f.hash, OwnedValue::Str(hash)));
        v.extend(entity_values);
        v.extend(aliases.into_iter().map(|a| (f.alias, OwnedValue::Str(a))));

        let mut months = BTreeSet::new();
        let mut values = BTreeSet::new();
        for t in &extraction.dates {
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
            v.push((f.mentioned_month, OwnedValue::I64(m)));
            years.insert(m.div_euclid(12));
        }
        for y in years {
            let facet = Facet::from_path([format!("{y:04}")]);
            v.push((f.year_facet, OwnedValue::Facet(facet)));
        }
        for t in values {
            v.push((f.timex, OwnedValue::Str(t.to_string())));
        }
        v.push((f.record, OwnedValue::Str(record_json)));
        v.push((f.mentions, OwnedValue::Bytes(super::mentions::encode(&extraction.entities))));
        IndexDoc { id: doc.id, values: v, bytes, _ticket: None }
    }
}

impl tantivy::Document for IndexDoc {
    type Value<'a> = &'a OwnedValue;
    type FieldsValuesIter<'a> = std::iter::Map<
        std::slice::Iter<'a, (Field, OwnedValue)>,
        fn(&'a (Field, OwnedValue)) -> (Field, &'a OwnedValue),
    >;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.values.iter().map(|(field, value)| (*field, value))
    }
}

/// The bytes of text waiting in tantivy's queue, with a limit that [`Queue::enter`]
/// waits for.
struct Queue {
    used: Mutex<usize>,
    freed: Condvar,
    limit: usize,
}

impl Queue {
    /// An empty queue of `limit` bytes.
    fn new(limit: usize) -> Arc<Queue> {
        Arc::new(Queue { used: Mutex::new(0), freed: Condvar::new(), limit })
    }

    /// Waits until `bytes` more fit under the limit (a document larger than the limit
    /// waits for an empty queue), then counts them in.
    fn enter(self: &Arc<Queue>, bytes: usize) -> Ticket {
        let used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let mut used = self
            .freed
            .wait_while(used, |used| *used > 0 && *used + bytes > self.limit)
            .unwrap_or_else(PoisonError::into_inner);
        *used += bytes;
        Ticket { queue: Arc::clone(self), bytes }
    }
}

/// A document's place in the [`Queue`], given back on drop.
struct Ticket {
    queue: Arc<Queue>,
    bytes: usize,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut used = self.queue.used.lock().unwrap_or_else(PoisonError::into_inner);
        *used -= self.bytes;
        self.queue.freed.notify_one();
    }
}

/// The index writer. Holds the index lock until dropped or [`IndexWriter::finish`]ed.
pub struct IndexWriter {
    writer: tantivy::IndexWriter<IndexDoc>,
    queue: Arc<Queue>,
    index: DossierIndex,
    /// Recorded in each commit's payload; kept from the last commit unless set.
    fingerprint: Option<String>,
}

/// What the last commit holds for one document id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    /// The stored hash (content and extraction fingerprint).
    pub hash: String,
    /// The source it was read from (a path, with `:LINE` for a JSON Lines document).
    pub source: String,
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
        // A run killed after it wrote files but before it committed leaves them behind;
        // with this writer's lock held, remove every file the last commit does not use.
        // Otherwise the next run can meet one under the name it wants (a deletion file
        // is named by segment and operation number, which restart from the last commit).
        writer.garbage_collect_files().wait().map_err(Error::Index)?;
        let fingerprint = index.fingerprint()?;
        Ok(IndexWriter {
            writer,
            queue: Queue::new(options.queue_bytes),
            index: index.clone(),
            fingerprint,
        })
    }

    /// Sets the extraction fingerprint recorded with the next commits.
    pub fn set_fingerprint(&mut self, fingerprint: &str) {
        self.fingerprint = Some(fingerprint.to_string());
    }

    /// The hash and source of every document in the last commit, by id.
    ///
    /// Each segment's dictionaries are read once, in order: looking up the terms one
    /// document at a time decompresses a dictionary block per lookup, which was most of
    /// the time of re-ingesting an unchanged corpus.
    pub fn committed(&self) -> Result<HashMap<String, Committed>> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let mut out = HashMap::new();
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let (Some(ids), Some(hashes), Some(sources)) =
                (ff.str("id")?, ff.str("hash")?, ff.str("source")?)
            else {
                continue;
            };
            let mut triples = Vec::with_capacity(segment.num_docs() as usize);
            for doc in segment.doc_ids_alive() {
                if let (Some(i), Some(h), Some(s)) = (
                    ids.term_ords(doc).next(),
                    hashes.term_ords(doc).next(),
                    sources.term_ords(doc).next(),
                ) {
                    triples.push((i, h, s));
                }
            }
            let id_terms = terms_of(&ids, triples.iter().map(|t| t.0))?;
            let hash_terms = terms_of(&hashes, triples.iter().map(|t| t.1))?;
            let source_terms = terms_of(&sources, triples.iter().map(|t| t.2))?;
            for (i, h, s) in triples {
                if let (Some(id), Some(hash), Some(source)) =
                    (id_terms.get(&i), hash_terms.get(&h), source_terms.get(&s))
                {
                    out.insert(
                        id.clone(),
                        Committed { hash: hash.clone(), source: source.clone() },
                    );
                }
            }
        }
        Ok(out)
    }

    /// Removes the document with this id (if any) in the next commit.
    pub fn delete(&mut self, id: &str) {
        self.writer.delete_term(Term::from_field_text(self.index.fields().id, id));
    }

    /// Adds a document, replacing any document with the same id (in the same commit).
    /// Blocks while the indexing threads have [`WriterOptions::queue_bytes`] of text
    /// waiting.
    pub fn upsert(&mut self, mut doc: IndexDoc) -> Result<()> {
        self.writer.delete_term(Term::from_field_text(self.index.fields().id, &doc.id));
        doc._ticket = Some(self.queue.enter(doc.bytes));
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Commits everything added so far. Readers see it from now on.
    pub fn commit(&mut self) -> Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload_json(self.fingerprint.as_deref()));
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

/// The terms of the ordinals `ords` in `column`'s dictionary, read in one ordered pass.
fn terms_of(
    column: &tantivy::columnar::StrColumn,
    ords: impl Iterator<Item = u64>,
) -> Result<HashMap<u64, String>> {
    let mut ords: Vec<u64> = ords.collect();
    ords.sort_unstable();
    ords.dedup();
    let mut out = HashMap::with_capacity(ords.len());
    let mut next = ords.iter();
    // An ordinal missing from a damaged dictionary leaves its documents out, so they
    // are extracted and written again: the safe side.
    column
        .dictionary()
        .sorted_ords_to_term_cb(&ords, |term| {
            if let Some(&ord) = next.next() {
                out.insert(ord, String::from_utf8_lossy(term).into_owned());
            }
        })
        .map_err(Error::IoPlain)?;
    Ok(out)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[test]
    fn the_queue_blocks_beyond_its_limit_until_a_ticket_is_given_back() {
        let q = Queue::new(10);
        let first = q.enter(6);
        let entered = Arc::new(AtomicBool::new(false));
        let waiter = {
            let (q, entered) = (Arc::clone(&q), Arc::clone(&entered));
            std::thread::spawn(move || {
                let ticket = q.enter(6);
                entered.store(true, Ordering::SeqCst);
                ticket
            })
        };
        std::thread::sleep(Duration::from_millis(100));
        assert!(!entered.load(Ordering::SeqCst), "12 bytes entered a queue of 10");
        drop(first);
        let second = waiter.join().unwrap();
        assert!(entered.load(Ordering::SeqCst));
        assert_eq!(*q.used.lock().unwrap(), 6);
        drop(second);
        assert_eq!(*q.used.lock().unwrap(), 0);
    }

    #[test]
    fn a_document_larger_than_the_queue_enters_an_empty_one() {
        let q = Queue::new(10);
        let big = q.enter(25);
        assert_eq!(*q.used.lock().unwrap(), 25);
        drop(big);
        let small = q.enter(3);
        assert_eq!(*q.used.lock().unwrap(), 3);
        drop(small);
    }
}

//! The ingest pipeline: files -> documents -> extraction -> index, incrementally.
//!
//! Files are read and extracted in parallel (rayon) in bounded batches, then written by
//! one thread. A document whose content hash is already in the index is skipped; a
//! changed one replaces its old version in the same commit; a commit is made every
//! [`IngestOptions::commit_every`] documents, so an interrupted ingest keeps its work
//! up to the last commit and the next run resumes from there.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::document::Document;
use crate::export::Record;
use crate::extract::{Dct, DctSource, Extractor};
use crate::index::{DossierIndex, StoredDoc, WriterOptions};
use crate::ingest::{self, Failure, Input, ReadOptions, Reason};
use crate::Result;

/// Ingest settings.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// File reading limits.
    pub read: ReadOptions,
    /// Index writer settings.
    pub writer: WriterOptions,
    /// Commit after this many added or updated documents.
    pub commit_every: usize,
    /// Files read and extracted per batch (bounds memory).
    pub batch_files: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            read: ReadOptions::default(),
            writer: WriterOptions::default(),
            commit_every: 2_000,
            batch_files: 256,
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Documents seen (added + updated + unchanged).
    pub documents: usize,
    /// New documents.
    pub added: usize,
    /// Documents whose content changed and were replaced.
    pub updated: usize,
    /// Documents already in the index with the same content.
    pub unchanged: usize,
    /// Inputs that failed with an error.
    pub failed: usize,
    /// Inputs skipped without an error (empty files).
    pub skipped: usize,
    /// Bytes of input read.
    pub bytes: u64,
    /// Wall time.
    pub seconds: f64,
    /// True when stopped early (Ctrl-C); everything up to the last commit is kept.
    pub interrupted: bool,
    /// Every input not ingested, with the reason.
    pub failures: Vec<Failure>,
}

impl Summary {
    /// Megabytes read.
    pub fn megabytes(&self) -> f64 {
        self.bytes as f64 / 1e6
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} documents: {} added, {} updated, {} unchanged, {} failed",
            self.documents, self.added, self.updated, self.unchanged, self.failed
        )?;
        if self.skipped > 0 {
            write!(f, ", {} skipped", self.skipped)?;
        }
        write!(f, " ({:.1} MB in {:.2} s)", self.megabytes(), self.seconds)?;
        if self.interrupted {
            write!(f, "; interrupted, the rest resumes on the next run")?;
        }
        Ok(())
    }
}

/// Progress of a running ingest, passed to the progress callback after each batch.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Files done.
    pub files_done: usize,
    /// Files in all.
    pub files_total: usize,
    /// Bytes read so far.
    pub bytes: u64,
}

/// One file, read and extracted.
struct Processed {
    failures: Vec<Failure>,
    bytes: u64,
    /// Id, source and outcome of each document.
    documents: Vec<(String, String, Outcome)>,
}

enum Outcome {
    Unchanged,
    Changed {
        doc: Box<Document>,
        extraction: Box<crate::extract::Extraction>,
        record: String,
        hash: String,
        updated: bool,
    },
}

/// Ingests `roots` (files or folders) into `index`.
///
/// `stop`, when set by another thread (Ctrl-C), makes the ingest commit what it has and
/// return early with [`Summary::interrupted`].
pub fn ingest(
    index: &DossierIndex,
    roots: &[PathBuf],
    extractor: &Extractor,
    options: &IngestOptions,
    stop: Option<&AtomicBool>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Summary> {
    let started = Instant::now();
    let mut writer = index.writer(&options.writer)?;
    let committed = writer.committed_hashes()?;
    let (inputs, walk_failures) = ingest::walk(roots);
    let mut summary = Summary::default();
    for f in walk_failures {
        summary.record_failure(f);
    }

    let mut seen: HashMap<String, String> = HashMap::new();
    let mut pending = 0usize;
    let mut files_done = 0usize;
    for batch in inputs.chunks(options.batch_files.max(1)) {
        if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            summary.interrupted = true;
            break;
        }
        let results: Vec<Processed> = batch
            .par_iter()
            .map(|input| process_file(input, &committed, extractor, &options.read))
            .collect();
        for file in results {
            summary.bytes += file.bytes;
            for failure in file.failures {
                summary.record_failure(failure);
            }
            for (id, source, outcome) in file.documents {
                if let Some(first) = seen.get(&id) {
                    summary.record_failure(Failure {
                        path: source,
                        reason: Reason::DuplicateId,
                        details: format!(
                            "id {id:?} is already used by {first}; the first one is kept"
                        ),
                    });
                    continue;
                }
                seen.insert(id, source);
                summary.documents += 1;
                match outcome {
                    Outcome::Unchanged => summary.unchanged += 1,
                    Outcome::Changed { doc, extraction, record, hash, updated } => {
                        writer.upsert(StoredDoc {
                            doc: &doc,
                            extraction: &extraction,
                            record_json: &record,
                            hash: &hash,
                        })?;
                        if updated {
                            summary.updated += 1;
                        } else {
                            summary.added += 1;
                        }
                        pending += 1;
                    }
                }
            }
        }
        files_done += batch.len();
        if pending >= options.commit_every {
            writer.commit()?;
            pending = 0;
        }
        progress(Progress { files_done, files_total: inputs.len(), bytes: summary.bytes });
    }
    writer.finish()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

impl Summary {
    fn record_failure(&mut self, f: Failure) {
        if f.reason.is_error() {
            self.failed += 1;
        } else {
            self.skipped += 1;
        }
        self.failures.push(f);
    }
}

/// Reads one file and extracts each of its documents that is new or changed.
fn process_file(
    input: &Input,
    committed: &HashMap<String, String>,
    extractor: &Extractor,
    read: &ReadOptions,
) -> Processed {
    let file = ingest::read_file(&input.path, &input.id, read);
    let mut documents = Vec::with_capacity(file.documents.len());
    for doc in file.documents {
        let hash = doc.content_hash();
        let old = committed.get(&doc.id);
        let outcome = if old == Some(&hash) {
            Outcome::Unchanged
        } else {
            let (extraction, record) = extract_record(extractor, &doc, None);
            Outcome::Changed {
                extraction: Box::new(extraction),
                record,
                hash,
                updated: old.is_some(),
                doc: Box::new(doc.clone()),
            }
        };
        documents.push((doc.id, doc.source, outcome));
    }
    Processed { failures: file.failures, bytes: file.bytes, documents }
}

/// Extracts a document with its published date as anchor (or `dct`, or an inferred
/// one) and returns the extraction and the record JSON.
pub fn extract_record(
    extractor: &Extractor,
    doc: &Document,
    dct: Option<chrono::NaiveDate>,
) -> (crate::extract::Extraction, String) {
    let anchor = match (dct, doc.published) {
        (Some(d), _) => Dct::known(d, DctSource::Argument),
        (None, Some(p)) => Dct::known(p, DctSource::Metadata),
        (None, None) => Dct::none(),
    };
    let extraction = extractor.extract(&doc.text, anchor);
    let record = serde_json::to_string(&Record::new(doc, &extraction)).expect("records serialize");
    (extraction, record)
}

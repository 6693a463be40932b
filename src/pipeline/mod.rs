//! The ingest pipeline: files -> documents -> extraction -> index, incrementally.
//!
//! Three stages overlap, each bounded in memory:
//!
//! 1. a producer thread reads, decodes and extracts files in batches of
//!    [`IngestOptions::batch_files`], each batch in parallel on the rayon pool, and builds
//!    the index documents there;
//! 2. a channel of [`QUEUED_BATCHES`] batches carries them, in input order, to the
//!    calling thread, which adds them to the index and commits;
//! 3. tantivy's indexing threads analyse them; at most
//!    [`WriterOptions::queue_bytes`](crate::index::WriterOptions) of text waits for them
//!    (the writer blocks beyond that, and so, through the channel, do the readers).
//!
//! So memory holds a few batches and the writer's budget, whatever the corpus size,
//! and the slowest stage sets the pace without the others running ahead.
//!
//! A document whose content hash is already in the index is skipped; a
//! changed one replaces its old version in the same commit; a commit is made every
//! [`IngestOptions::commit_every`] documents or [`IngestOptions::commit_interval`],
//! whichever comes first, so an interrupted or killed ingest keeps its work up to the
//! last commit and the next run resumes from there.
//!
//! The bookkeeping is the index itself: each document carries its content hash, and
//! the hashes are read back from the last commit after the writer lock is taken. A
//! document is "done" exactly when the commit holding it is, so no crash can leave the
//! index and the bookkeeping disagreeing.
//!
//! A stop request (Ctrl-C, SIGTERM) is checked before each file is read, so an ingest
//! stops within the time it takes to extract one document (bounded by
//! [`IngestOptions::max_extract_size`]), commits what it has and releases the lock.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

mod reindex;

use rayon::prelude::*;
use serde::Serialize;

use crate::document::Document;
use crate::export::Record;
use crate::extract::{Dct, DctSource, Extraction, Extractor};
use crate::index::{Committed, DossierIndex, Fields, IndexDoc, WriterOptions};
use crate::ingest::{self, is_under, same_file, source_file, Failure, Input, ReadOptions, Reason};
use crate::Result;

pub use reindex::{reindex, Reindexed};

/// Ingest settings.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// File reading limits.
    pub read: ReadOptions,
    /// Index writer settings.
    pub writer: WriterOptions,
    /// Commit after this many added or updated documents.
    pub commit_every: usize,
    /// Commit at the end of a batch when this much time has passed since the last
    /// commit and something is pending (a checkpoint: a crash loses at most this much).
    pub commit_interval: Duration,
    /// Files read and extracted per batch (bounds memory).
    pub batch_files: usize,
    /// Threads that read and extract (the indexing threads are
    /// [`WriterOptions::threads`]); see [`IngestOptions::jobs`].
    pub extract_threads: usize,
    /// Entities and dates are extracted from the first this many bytes of a document's
    /// text (cut at a line break or character boundary); the whole text is indexed.
    /// Bounds the time spent on one document.
    pub max_extract_size: usize,
    /// The published date of every document that states none of its own (`ingest
    /// --dct`); it is then also the anchor of the document's relative dates.
    pub published_fallback: Option<chrono::NaiveDate>,
    /// Identifies the extraction settings (see [`Extractor::fingerprint`](crate::Extractor::fingerprint)). It is part of each
    /// stored hash, so a new version, new built-in rules or word lists, or new user rules
    /// re-extract every document; it is recorded in each commit, so the next ingest can
    /// say why it re-extracts.
    pub fingerprint: String,
    /// Replace an indexed document whose id comes from another source file; without it
    /// such a document is reported as [`Reason::DuplicateId`] and the indexed one kept.
    pub replace: bool,
    /// Make the index mirror the paths ingested: remove the documents whose source file
    /// under them no longer exists or no longer yields their id, in the same run.
    pub prune: bool,
}

/// A hash of the built-in rules and word lists embedded in this binary (computed by
/// the build script over the data files of the extractors).
pub const BUILTIN_DATA_HASH: &str = env!("DOSSIER_BUILTIN_DATA_HASH");

/// The extraction fingerprint: dossier's version, the hash of the built-in rules and word
/// lists, and a hash of the user rules when there are any.
pub fn fingerprint(user_rules_hash: Option<&str>) -> String {
    format!(
        "dossier {} data {BUILTIN_DATA_HASH} rules {}",
        env!("CARGO_PKG_VERSION"),
        user_rules_hash.unwrap_or("none")
    )
}

/// Default for [`IngestOptions::max_extract_size`]: 2 MiB, about two seconds of
/// extraction on one core.
pub const DEFAULT_MAX_EXTRACT_SIZE: usize = 2 * 1024 * 1024;

/// Splits `jobs` threads (0: one per core) between reading and extraction, and
/// indexing: half each, at least one each, so `(extract, index)`.
///
/// Extraction and indexing cost about the same CPU time per document, and the bounded
/// queues between them let the slower side set the pace; giving each side its own
/// cores keeps every thread on a core of its own. Running both sides on all cores
/// instead (twice as many busy threads as cores) balanced the load no better, and
/// cost about 30% more CPU time and more than twice the memory on a 207 MB corpus
/// (see `docs/PERFORMANCE.md`).
pub fn split_jobs(jobs: usize) -> (usize, usize) {
    let jobs = match jobs {
        0 => std::thread::available_parallelism().map_or(2, usize::from),
        n => n,
    };
    let extract = (jobs / 2).max(1);
    (extract, (jobs - extract).max(1))
}

impl IngestOptions {
    /// These options with `jobs` threads (0: one per core) split between reading and
    /// extraction ([`extract_threads`](Self::extract_threads)) and indexing
    /// ([`WriterOptions::threads`]), half each and at least one each, as `dossier ingest
    /// --jobs` does.
    ///
    /// ```
    /// let options = dossier::IngestOptions::default().jobs(4);
    /// assert_eq!((options.extract_threads, options.writer.threads), (2, 2));
    /// ```
    pub fn jobs(mut self, jobs: usize) -> IngestOptions {
        let (extract, index) = split_jobs(jobs);
        self.extract_threads = extract;
        self.writer.threads = index;
        self
    }
}

impl Default for IngestOptions {
    fn default() -> Self {
        let (extract_threads, index_threads) = split_jobs(0);
        IngestOptions {
            read: ReadOptions::default(),
            writer: WriterOptions { threads: index_threads, ..WriterOptions::default() },
            extract_threads,
            commit_every: 2_000,
            commit_interval: Duration::from_secs(5),
            batch_files: 64,
            max_extract_size: DEFAULT_MAX_EXTRACT_SIZE,
            published_fallback: None,
            fingerprint: String::new(),
            replace: false,
            prune: false,
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
    /// Documents removed from the index (`--prune`): their source file is gone or no
    /// longer yields them.
    pub removed: usize,
    /// Documents added or updated whose entities and dates come from the first
    /// [`IngestOptions::max_extract_size`] bytes only (their records say `"truncated":
    /// true`); the whole text is indexed.
    pub extracted_in_part: usize,
    /// Files inside the folders given that are of no supported type, ignored.
    pub ignored: usize,
    /// Those files, with the reason `unsupported` (listed in `--report`, not on stderr).
    pub ignored_files: Vec<Failure>,
    /// True when the extraction fingerprint differs from the last ingest's (a new
    /// version, new built-in rules or word lists, other user rules): documents whose
    /// text did not change are extracted again.
    pub extractor_changed: bool,
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
        if self.removed > 0 {
            write!(f, ", {} removed", self.removed)?;
        }
        if self.extracted_in_part > 0 {
            write!(
                f,
                ", {} extracted in part (longer than --max-extract-size)",
                self.extracted_in_part
            )?;
        }
        write!(f, " ({:.1} MB in {:.2} s)", self.megabytes(), self.seconds)?;
        match self.ignored {
            0 => {}
            1 => write!(f, "; 1 unsupported file ignored")?,
            n => write!(f, "; {n} unsupported files ignored")?,
        }
        if self.documents == 0 && self.failures.is_empty() && self.ignored == 0 && self.removed == 0
        {
            write!(
                f,
                "; no files to ingest (dossier reads .txt, .md, .html, .htm, .jsonl and .ndjson)"
            )?;
        }
        if self.extractor_changed {
            write!(f, "; the extractor changed since the last ingest (version, rules or word lists), so unchanged documents were extracted again")?;
        }
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

/// Batches read and extracted ahead of the writer (see the module documentation).
pub const QUEUED_BATCHES: usize = 2;

/// One file, read and extracted.
struct Processed {
    /// The file.
    path: PathBuf,
    failures: Vec<Failure>,
    bytes: u64,
    /// Id, source and outcome of each document.
    documents: Vec<(String, String, Outcome)>,
}

enum Outcome {
    Unchanged,
    Changed {
        doc: Box<IndexDoc>,
        updated: bool,
        /// Extracted from the first part of the text only.
        in_part: bool,
    },
    /// The id is indexed from another source file (named here), which is kept.
    Conflict {
        first: String,
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
    crate::index::check_files(index)?;
    let mut committed = writer.committed()?;
    let mut summary = Summary::default();
    if !options.fingerprint.is_empty() {
        let last = index.fingerprint()?;
        summary.extractor_changed =
            !committed.is_empty() && last.is_some_and(|last| last != options.fingerprint);
        writer.set_fingerprint(&options.fingerprint);
    }
    // Paths that do not exist prune nothing: a folder on a drive that is not mounted
    // must not empty the index.
    let prune_roots: Vec<PathBuf> =
        if options.prune { roots.iter().filter(|r| r.exists()).cloned().collect() } else { vec![] };
    // Documents whose file is gone are removed first, in the first commit, so that a
    // renamed file's new document takes the free id.
    for id in gone_documents(&committed, &prune_roots) {
        writer.delete(&id);
        committed.remove(&id);
        summary.removed += 1;
    }
    let walked = ingest::walk_all(roots);
    for f in walked.failures {
        summary.record_failure(f);
    }
    let inputs = walked.inputs;
    summary.ignored = walked.ignored.len();
    summary.ignored_files = walked.ignored;
    // Files read without an error of their own (their documents are what they yield).
    let mut read_files: HashSet<PathBuf> = HashSet::new();

    let fields = index.fields();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut pending = 0usize;
    let mut last_commit = Instant::now();
    let mut files_done = 0usize;
    let stopped = || stop.is_some_and(|s| s.load(Ordering::Relaxed));
    let (inputs, committed) = (&inputs, &committed);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.extract_threads)
        .thread_name(|i| format!("dossier-extract-{i}"))
        .build()
        .map_err(|e| std::io::Error::other(format!("cannot start the extraction threads: {e}")))?;
    std::thread::scope(|scope| -> Result<()> {
        let (sender, batches) = crossbeam_channel::bounded(QUEUED_BATCHES);
        scope.spawn(move || {
            for batch in inputs.chunks(options.batch_files.max(1)) {
                if stopped() {
                    // An empty batch tells the writer that the rest was left.
                    let _ = sender.send(Vec::new());
                    return;
                }
                // Files not started when a stop arrives are skipped; the writer leaves the
                // whole batch for the next run.
                let results: Vec<Processed> = pool.install(|| {
                    batch
                        .par_iter()
                        .filter_map(|input| {
                            (!stopped()).then(|| {
                                isolated(input, || {
                                    process_file(input, committed, extractor, fields, options)
                                })
                            })
                        })
                        .collect()
                });
                // The writer hung up (it failed): nothing more to do.
                if sender.send(results).is_err() {
                    return;
                }
            }
        });
        for results in batches {
            // A batch cut short by a stop request, or extracted ahead of one, is left
            // for the next run (a file in it may have been skipped).
            if stopped() || results.is_empty() {
                summary.interrupted = true;
                break;
            }
            for file in results {
                files_done += 1;
                summary.bytes += file.bytes;
                let shown = file.path.display().to_string();
                if options.prune
                    && !file.failures.iter().any(|f| f.reason.is_error() && f.path == shown)
                {
                    read_files.insert(absolute(&file.path));
                }
                for failure in file.failures {
                    summary.record_failure(failure);
                }
                for (id, source, outcome) in file.documents {
                    if let Outcome::Conflict { first } = &outcome {
                        summary.record_failure(Failure {
                            path: source,
                            reason: Reason::DuplicateId,
                            details: format!(
                                "id {id:?} is already indexed from {first}, which is kept; \
                                 rename this file, or pass --replace to replace the indexed one"
                            ),
                        });
                        continue;
                    }
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
                        Outcome::Conflict { .. } => unreachable!("reported above"),
                        Outcome::Changed { doc, updated, in_part } => {
                            writer.upsert(*doc)?;
                            summary.extracted_in_part += usize::from(in_part);
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
            if pending >= options.commit_every
                || (pending > 0 && last_commit.elapsed() >= options.commit_interval)
            {
                writer.commit()?;
                pending = 0;
                last_commit = Instant::now();
            }
            progress(Progress { files_done, files_total: inputs.len(), bytes: summary.bytes });
        }
        Ok(())
    })?;
    if options.prune && !summary.interrupted {
        // Documents of files read in this run that no longer yield them (a line gone
        // from a JSON Lines file, a folder ingested from another root).
        for (id, c) in committed {
            if !seen.contains_key(id) && read_files.contains(&absolute(source_file(&c.source))) {
                writer.delete(id);
                summary.removed += 1;
            }
        }
    }
    writer.finish()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

impl Summary {
    fn record_failure(&mut self, f: Failure) {
        if f.reason.is_error() {
            self.failed += 1;
        } else if !f.reason.is_warning() {
            self.skipped += 1;
        }
        self.failures.push(f);
    }
}

/// The hash stored for a document: its content hash, mixed with the extraction
/// fingerprint when there is one.
pub fn salted_hash(doc: &Document, fingerprint: &str) -> String {
    let content = doc.content_hash();
    if fingerprint.is_empty() {
        return content;
    }
    let mut h = blake3::Hasher::new();
    h.update(content.as_bytes());
    h.update(fingerprint.as_bytes());
    h.finalize().to_hex()[..32].to_string()
}

/// What [`Index::remove`](crate::Index::remove) did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Removal {
    /// Ids removed.
    pub removed: Vec<String>,
    /// Ids asked for that the index does not hold.
    pub missing: Vec<String>,
}

/// Removes the documents with these ids from `index`, all in one commit: a crash leaves
/// either all of them or none removed. Takes the writer lock like an ingest.
pub fn remove(index: &DossierIndex, ids: &[String]) -> Result<Removal> {
    let mut writer = index.writer(&WriterOptions { threads: 1, ..WriterOptions::default() })?;
    crate::index::check_files(index)?;
    let committed = writer.committed()?;
    let mut removal = Removal::default();
    for id in ids {
        if committed.contains_key(id) {
            if !removal.removed.contains(id) {
                writer.delete(id);
                removal.removed.push(id.clone());
            }
        } else {
            removal.missing.push(id.clone());
        }
    }
    writer.finish()?;
    Ok(removal)
}

/// The ids of committed documents whose source file lies under `roots` and no longer
/// exists.
fn gone_documents(committed: &HashMap<String, Committed>, roots: &[PathBuf]) -> Vec<String> {
    if roots.is_empty() {
        return Vec::new();
    }
    let mut gone: Vec<String> = committed
        .iter()
        .filter(|(_, c)| {
            let file = source_file(&c.source);
            is_under(file, roots) && !file.exists()
        })
        .map(|(id, _)| id.clone())
        .collect();
    gone.sort();
    gone
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Runs `work` on one input; a panic inside it (a bug in a reader or an extractor)
/// becomes an [`Reason::Internal`] failure of that input, so the other inputs are
/// read, extracted and committed as usual.
fn isolated(input: &Input, work: impl FnOnce() -> Processed) -> Processed {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown fault".to_string());
        Processed {
            path: input.path.clone(),
            failures: vec![Failure {
                path: input.path.display().to_string(),
                reason: Reason::Internal,
                details: format!(
                    "dossier failed on this file ({message}); the other files are not \
                     affected; please report it with the file"
                ),
            }],
            bytes: 0,
            documents: Vec::new(),
        }
    })
}

/// Reads one file and extracts each of its documents that is new or changed.
fn process_file(
    input: &Input,
    committed: &HashMap<String, Committed>,
    extractor: &Extractor,
    fields: &Fields,
    options: &IngestOptions,
) -> Processed {
    let file = ingest::read_file(&input.path, &input.id, &options.read);
    let mut documents = Vec::with_capacity(file.documents.len());
    for mut doc in file.documents {
        if doc.published.is_none() {
            if let Some(date) = options.published_fallback {
                doc.published = Some(date);
                doc.published_source = Some(crate::document::DateSource::Argument);
            }
        }
        let hash = salted_hash(&doc, &options.fingerprint);
        let old = committed.get(&doc.id);
        let outcome = if old.is_some_and(|c| c.hash == hash) {
            Outcome::Unchanged
        } else if let Some(c) =
            old.filter(|c| !options.replace && !same_file(source_file(&c.source), &input.path))
        {
            Outcome::Conflict { first: c.source.clone() }
        } else {
            let (extraction, record) =
                extract_record_limited(extractor, &doc, None, options.max_extract_size);
            let (id, source) = (doc.id.clone(), doc.source.clone());
            let updated = old.is_some();
            let in_part = doc.text.len() > options.max_extract_size;
            let doc = IndexDoc::new(fields, doc, &extraction, record, hash);
            let changed = Outcome::Changed { doc: Box::new(doc), updated, in_part };
            documents.push((id, source, changed));
            continue;
        };
        documents.push((doc.id, doc.source, outcome));
    }
    Processed { path: input.path.clone(), failures: file.failures, bytes: file.bytes, documents }
}

#[cfg(test)]
/// Extracts a document with its published date as anchor (or `dct`, or an inferred
/// one) and returns the extraction and the record JSON.
pub fn extract_record(
    extractor: &Extractor,
    doc: &Document,
    dct: Option<chrono::NaiveDate>,
) -> (crate::extract::Extraction, String) {
    extract_record_limited(extractor, doc, dct, usize::MAX)
}

/// Like `extract_record`, but extracts from the first `max_bytes` of the text only
/// (cut at a line break or character boundary, see [`ingest::truncate_text`]). Offsets
/// stay offsets into the whole text.
pub fn extract_record_limited(
    extractor: &Extractor,
    doc: &Document,
    dct: Option<chrono::NaiveDate>,
    max_bytes: usize,
) -> (crate::extract::Extraction, String) {
    let (extraction, record) = extract_document(extractor, doc, dct, max_bytes);
    (extraction, serde_json::to_string(&record).expect("records serialize"))
}

/// Like [`extract_record_limited`], but returns the record itself.
pub(crate) fn extract_document(
    extractor: &Extractor,
    doc: &Document,
    dct: Option<chrono::NaiveDate>,
    max_bytes: usize,
) -> (crate::extract::Extraction, Record) {
    let mut prefix = None;
    if doc.text.len() > max_bytes {
        let mut cut = doc.text.clone();
        ingest::truncate_text(&mut cut, max_bytes);
        prefix = Some(cut);
    }
    let text = prefix.as_deref().unwrap_or(&doc.text);
    let anchor = match (dct, doc.published) {
        (Some(d), _) => Dct::known(d, DctSource::Argument),
        (None, Some(p)) => Dct::known(p, DctSource::Metadata),
        (None, None) => Dct::none(),
    };
    // The rules are written for English: text in another language gets its sentences
    // (for snippets) but no entities or dates, rather than wrong ones.
    let extraction = if ingest::lang::is_english(doc.lang) {
        extractor.extract(text, anchor)
    } else {
        Extraction {
            dct: anchor,
            sentences: crate::text::sentences(text),
            entities: Vec::new(),
            dates: Vec::new(),
        }
    };
    let mut record = Record::new(doc, &extraction);
    record.truncated = prefix.is_some();
    (extraction, record)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..n {
            std::fs::write(dir.path().join(format!("d{i}.txt")), format!("Doc {i}\nParis.\n"))
                .unwrap();
        }
        dir
    }

    #[test]
    fn a_stop_request_keeps_what_was_committed_and_the_next_run_resumes() {
        let src = corpus(10);
        let dir = tempfile::tempdir().unwrap();
        let index = DossierIndex::open_or_create(dir.path()).unwrap();
        let extractor = Extractor::new();
        let options = IngestOptions { batch_files: 4, ..IngestOptions::default() };
        let stop = AtomicBool::new(true);
        let roots = [src.path().to_path_buf()];
        let s = ingest(&index, &roots, &extractor, &options, Some(&stop), &|_| {}).unwrap();
        assert!(s.interrupted);
        assert_eq!(s.added, 0);
        // Stop after the first batch: its documents are committed.
        let stop = AtomicBool::new(false);
        let s = ingest(&index, &roots, &extractor, &options, Some(&stop), &|p| {
            if p.files_done >= 4 {
                stop.store(true, Ordering::Relaxed);
            }
        })
        .unwrap();
        assert!(s.interrupted);
        assert_eq!(s.added, 4);
        let s = ingest(&index, &roots, &extractor, &options, None, &|_| {}).unwrap();
        assert_eq!((s.added, s.unchanged, s.interrupted), (6, 4, false));
    }

    #[test]
    fn a_fault_in_one_file_is_an_internal_failure_of_that_file() {
        let input = Input { path: PathBuf::from("odd.md"), id: "odd".into() };
        let ok = isolated(&input, || Processed {
            path: input.path.clone(),
            failures: vec![],
            bytes: 3,
            documents: vec![],
        });
        assert_eq!((ok.bytes, ok.failures.len()), (3, 0));
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let failed = isolated(&input, || panic!("byte index 10 is not a char boundary"));
        let failed_owned = isolated(&input, || panic!("{}", String::from("owned message")));
        std::panic::set_hook(hook);
        assert_eq!(failed.failures.len(), 1);
        let f = &failed.failures[0];
        assert_eq!((f.path.as_str(), f.reason), ("odd.md", Reason::Internal));
        assert!(f.details.contains("byte index 10 is not a char boundary"), "{}", f.details);
        assert!(f.reason.is_error());
        assert!(failed_owned.failures[0].details.contains("owned message"));
    }

    #[test]
    fn a_new_extractor_fingerprint_re_extracts_unchanged_documents_and_says_so() {
        let src = corpus(3);
        let dir = tempfile::tempdir().unwrap();
        let index = DossierIndex::open_or_create(dir.path()).unwrap();
        let roots = [src.path().to_path_buf()];
        let run = |fingerprint: &str| {
            let options =
                IngestOptions { fingerprint: fingerprint.to_string(), ..IngestOptions::default() };
            ingest(&index, &roots, &Extractor::new(), &options, None, &|_| {}).unwrap()
        };
        let first = run(&fingerprint(None));
        assert_eq!((first.added, first.extractor_changed), (3, false));
        let same = run(&fingerprint(None));
        assert_eq!((same.unchanged, same.extractor_changed), (3, false));
        let upgraded = run("dossier 9.9.9 data 0123456789abcdef rules none");
        assert_eq!((upgraded.updated, upgraded.extractor_changed), (3, true));
        assert!(upgraded.to_string().contains("the extractor changed"), "{upgraded}");
        assert_eq!(
            index.fingerprint().unwrap().as_deref(),
            Some("dossier 9.9.9 data 0123456789abcdef rules none")
        );
    }

    #[test]
    fn the_fingerprint_covers_the_built_in_data() {
        assert_eq!(BUILTIN_DATA_HASH.len(), 16);
        assert!(fingerprint(None).contains(BUILTIN_DATA_HASH));
        assert_ne!(fingerprint(None), fingerprint(Some("abc")));
    }

    #[test]
    fn jobs_are_split_between_extraction_and_indexing() {
        assert_eq!(split_jobs(1), (1, 1));
        assert_eq!(split_jobs(2), (1, 1));
        assert_eq!(split_jobs(3), (1, 2));
        assert_eq!(split_jobs(8), (4, 4));
        let (extract, index) = split_jobs(0);
        assert!(extract >= 1 && index >= 1);
    }

    #[test]
    fn a_writer_queue_smaller_than_any_document_still_ingests_everything() {
        let src = corpus(30);
        let dir = tempfile::tempdir().unwrap();
        let index = DossierIndex::open_or_create(dir.path()).unwrap();
        let options = IngestOptions {
            writer: WriterOptions { queue_bytes: 1, ..WriterOptions::default() },
            batch_files: 4,
            ..IngestOptions::default()
        };
        let roots = [src.path().to_path_buf()];
        let s = ingest(&index, &roots, &Extractor::new(), &options, None, &|_| {}).unwrap();
        assert_eq!((s.added, s.failed, s.interrupted), (30, 0, false));
        let again = ingest(&index, &roots, &Extractor::new(), &options, None, &|_| {}).unwrap();
        assert_eq!((again.added, again.unchanged), (0, 30));
    }

    #[test]
    fn extraction_is_limited_to_a_prefix_with_offsets_into_the_whole_text() {
        let extractor = Extractor::new();
        let text = format!("{}\nBarack Obama visited Paris in May 2015.\n", "filler ".repeat(20));
        let doc = Document::new("d", text.clone());
        let (full, _) = extract_record(&extractor, &doc, None);
        assert!(!full.entities.is_empty());
        for e in &full.entities {
            assert!(e.end <= text.len());
        }
        let (cut, _) = extract_record_limited(&extractor, &doc, None, 100);
        assert!(cut.entities.is_empty() && cut.dates.is_empty());
    }
}

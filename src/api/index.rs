//! [`Index`]: a search index on disk, as the `ingest`, `search`, `show`, `stats`, `rm`,
//! `verify`, `reindex` and `serve` commands use it (the exports are in `export.rs`).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::export::{EntityEntry, EntityTable, Record, Stats, StatsBuilder};
use crate::index::{self, DossierIndex, IndexWriter, VerifyReport, WriterOptions};
use crate::pipeline::{self, IngestOptions, Progress, Reindexed, Removal, Summary};
use crate::search::{self, Filters, Matching, SearchOptions, SearchResults};
use crate::serve::Server;
use crate::{Extractor, Result};

/// A dossier index folder: ingest documents, search them, list their records.
///
/// ```
/// use dossier::{Extractor, Index, IngestOptions, SearchOptions};
///
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("talks.txt"), "Talks in Paris\n\nFrance and Germany met.\n")?;
/// let index = Index::open_or_create(&dir.path().join("index"))?;
/// let summary = index.ingest(&[dir.path().join("talks.txt")], &Extractor::new(),
///                            &IngestOptions::default())?;
/// assert_eq!(summary.added, 1);
/// let results = index.search("germany", &SearchOptions::default())?;
/// assert_eq!(results.hits[0].id, "talks");
/// assert_eq!(index.records()?.count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Index {
    pub(super) inner: DossierIndex,
}

/// Every record of an index, or of the documents a query matches, in index order (see
/// [`Index::records`] and [`Index::records_matching`]).
pub struct Records(Box<dyn Iterator<Item = Result<Record>> + Send>);

/// Records with their document's text, in index order (see [`Index::records_with_text`]).
pub struct RecordsWithText(Box<dyn Iterator<Item = Result<(Record, String)>> + Send>);

impl Iterator for RecordsWithText {
    type Item = Result<(Record, String)>;

    fn next(&mut self) -> Option<Result<(Record, String)>> {
        self.0.next()
    }
}

impl std::fmt::Debug for RecordsWithText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecordsWithText")
    }
}

/// Searches one commit of an index, as it was when [`Index::searcher`] made it; cheaper
/// than [`Index::search`] for many queries, which opens a searcher per call.
///
/// ```
/// use dossier::{Extractor, Index, IngestOptions, SearchOptions};
///
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("note.txt"), "Budget talks\n\nThe budget talks resumed.\n")?;
/// let index = Index::open_or_create(&dir.path().join("index"))?;
/// index.ingest(&[dir.path().join("note.txt")], &Extractor::new(), &IngestOptions::default())?;
/// let searcher = index.searcher()?;
/// assert_eq!(searcher.num_docs(), 1);
/// for query in ["budget", "talks"] {
///     assert_eq!(searcher.search(query, &SearchOptions::default())?.total, 1);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Searcher {
    inner: search::Searcher,
}

impl Searcher {
    /// Searches, as [`Index::search`] does.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        self.inner.search(query, options)
    }

    /// The number of documents matching, as [`Index::count`] gives it.
    pub fn count(&self, query: &str, filters: &Filters, matching: Matching) -> Result<usize> {
        self.inner.count_matching(query, filters, matching)
    }

    /// The number of documents in the commit.
    pub fn num_docs(&self) -> u64 {
        self.inner.num_docs()
    }
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Searcher")
    }
}

/// The writer lock of an index, held until dropped (see [`Index::lock`]): meanwhile no
/// ingest, removal or reindex can write to the index.
pub struct WriteLock {
    _writer: IndexWriter,
}

impl std::fmt::Debug for WriteLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WriteLock")
    }
}

impl Iterator for Records {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        self.0.next()
    }
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Records")
    }
}

impl Index {
    /// Opens the index in `dir`; an absent, damaged or older index is an
    /// [`Error::IndexState`](crate::Error::IndexState) that says how to fix it.
    pub fn open(dir: &Path) -> Result<Index> {
        Ok(Index { inner: DossierIndex::open(dir)? })
    }

    /// Opens the index in `dir`, creating an empty one when there is none.
    pub fn open_or_create(dir: &Path) -> Result<Index> {
        Ok(Index { inner: DossierIndex::open_or_create(dir)? })
    }

    /// The index folder.
    pub fn path(&self) -> &Path {
        self.inner.path()
    }

    /// Reads, extracts and indexes `paths` (files or folders), as `dossier ingest` does:
    /// unchanged documents are skipped, changed ones replaced, and a bad file is counted
    /// in the summary rather than stopping the run. The extractor's
    /// [`fingerprint`](Extractor::fingerprint) replaces `options.fingerprint`.
    pub fn ingest(
        &self,
        paths: &[PathBuf],
        extractor: &Extractor,
        options: &IngestOptions,
    ) -> Result<Summary> {
        self.ingest_with(paths, extractor, options, None, &|_| {})
    }

    /// [`ingest`](Self::ingest), stopping cleanly at the next commit when `stop` is set
    /// (by a signal handler, say: [`Summary::interrupted`] tells), and calling `progress`
    /// after each batch of files.
    pub fn ingest_with(
        &self,
        paths: &[PathBuf],
        extractor: &Extractor,
        options: &IngestOptions,
        stop: Option<&AtomicBool>,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Summary> {
        let options = IngestOptions { fingerprint: extractor.fingerprint(), ..options.clone() };
        pipeline::ingest(&self.inner, paths, extractor.stages(), &options, stop, progress)
    }

    /// Fails with [`Error::IndexState`](crate::Error::IndexState) when another process
    /// is writing to the index (an ingest holds its lock), so a caller can refuse before
    /// any other set-up.
    pub fn check_writable(&self) -> Result<()> {
        drop(self.lock()?);
        Ok(())
    }

    /// Takes the index's writer lock, which the returned [`WriteLock`] holds until
    /// dropped: an ingest, removal or reindex started meanwhile fails at once with
    /// [`Error::IndexState`](crate::Error::IndexState) ("another ingest is running").
    pub fn lock(&self) -> Result<WriteLock> {
        let options =
            WriterOptions { threads: 1, memory_budget: 15_000_000, ..WriterOptions::default() };
        Ok(WriteLock { _writer: self.inner.writer(&options)? })
    }

    /// Searches the last commit, as `dossier search --json` prints it.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        self.searcher()?.search(query, options)
    }

    /// The number of documents matching `query` and `filters`, as `dossier search
    /// --count` prints it.
    pub fn count(&self, query: &str, filters: &Filters, matching: Matching) -> Result<usize> {
        self.searcher()?.count(query, filters, matching)
    }

    /// A [`Searcher`] of the last commit, for many queries: [`search`](Self::search) and
    /// [`count`](Self::count) open one per call.
    pub fn searcher(&self) -> Result<Searcher> {
        Ok(Searcher { inner: search::Searcher::new(&self.inner)? })
    }

    /// Every record, in index order, read one at a time.
    pub fn records(&self) -> Result<Records> {
        Ok(Records(Box::new(search::Searcher::new(&self.inner)?.into_records())))
    }

    /// The records of the documents matching `query` (query syntax as in
    /// [`search`](Self::search)), in index order, read one at a time.
    pub fn records_matching(&self, query: &str) -> Result<Records> {
        Ok(Records(Box::new(search::Searcher::new(&self.inner)?.records_matching(query)?)))
    }

    /// Every record with its document's text (which the record's offsets point into), in
    /// index order, read one at a time; only the documents matching `query` when given.
    pub fn records_with_text(&self, query: Option<&str>) -> Result<RecordsWithText> {
        Ok(RecordsWithText(Box::new(search::Searcher::new(&self.inner)?.records_with_text(query)?)))
    }

    /// The record and text of the document with id `id`, as `dossier show` prints them;
    /// `None` when the index holds no such document.
    pub fn document(&self, id: &str) -> Result<Option<(Record, String)>> {
        search::Searcher::new(&self.inner)?.document(id)
    }

    /// Counts of documents, entities by label and dates, as `dossier stats` prints them.
    pub fn stats(&self) -> Result<Stats> {
        let mut builder = StatsBuilder::default();
        for record in self.records()? {
            builder.add(&record?);
        }
        Ok(builder.build())
    }

    /// Removes the documents with these ids, all in one commit (a crash leaves either all
    /// of them or none removed), as `dossier rm` does; ids the index does not hold are
    /// listed in [`Removal::missing`]. Takes the writer lock like an ingest.
    pub fn remove(&self, ids: &[String]) -> Result<Removal> {
        pipeline::remove(&self.inner, ids)
    }

    /// Checks the index in `dir` (checksums, schema, ids, records), as `dossier verify`
    /// does. An index that cannot be used at all (missing, unreadable, another schema
    /// version, missing files) is an [`Error::IndexState`](crate::Error::IndexState)
    /// that says how to rebuild it; an index that opens gives a report of its problems.
    pub fn verify(dir: &Path) -> Result<VerifyReport> {
        index::verify(dir)
    }

    /// Rebuilds the index in `dir` from the records and texts it stores, with the current
    /// schema and `extractor`'s rules, without the source files, as `dossier reindex`
    /// does. The old index stays until the new one is complete; `progress` is called with
    /// (documents done, documents in all) after each document.
    pub fn reindex(
        dir: &Path,
        extractor: &Extractor,
        progress: impl FnMut(usize, usize),
    ) -> Result<Reindexed> {
        pipeline::reindex(dir, extractor.stages(), &extractor.fingerprint(), progress)
    }

    /// A web server for this index bound to `addr` (port 0 picks a free one), as
    /// `dossier serve` starts it: [`Server::run`] answers requests. It reads the index's
    /// latest commit, so documents ingested meanwhile appear.
    pub fn serve(&self, addr: SocketAddr) -> Result<Server> {
        Server::bind(&self.inner, addr)
    }

    /// One entry per canonical entity of the index, as `dossier export entities` writes
    /// them.
    pub fn entities(&self) -> Result<Vec<EntityEntry>> {
        let mut table = EntityTable::new();
        for record in self.records()? {
            table.add(&record?);
        }
        Ok(table.entries())
    }
}

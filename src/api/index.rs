//! [`Index`]: a search index on disk, as the `ingest`, `search` and `export` commands
//! use it.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::export::{EntityEntry, EntityTable, Record};
use crate::index::{DossierIndex, WriterOptions};
use crate::pipeline::{self, IngestOptions, Progress, Summary};
use crate::search::{Filters, Matching, SearchOptions, SearchResults, Searcher};
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
    inner: DossierIndex,
}

/// Every record of an index, in index order (see [`Index::records`]).
pub struct Records(Box<dyn Iterator<Item = Result<Record>> + Send>);

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
        let options =
            WriterOptions { threads: 1, memory_budget: 15_000_000, ..WriterOptions::default() };
        drop(self.inner.writer(&options)?);
        Ok(())
    }

    /// Searches the last commit, as `dossier search --json` prints it.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        Searcher::new(&self.inner)?.search(query, options)
    }

    /// The number of documents matching `query` and `filters`, as `dossier search
    /// --count` prints it.
    pub fn count(&self, query: &str, filters: &Filters, matching: Matching) -> Result<usize> {
        Searcher::new(&self.inner)?.count_matching(query, filters, matching)
    }

    /// Every record, in index order, read one at a time.
    pub fn records(&self) -> Result<Records> {
        Ok(Records(Box::new(Searcher::new(&self.inner)?.into_records())))
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

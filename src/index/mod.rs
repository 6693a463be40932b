//! The tantivy index: schema, analyzers, opening and writing.
//!
//! Only this module and [`crate::search`] use tantivy. The index lives in one folder
//! (`index/` by default). Every commit carries a payload naming the schema version, so
//! an index written by another version of dossier is refused with a clear message.

mod analyzer;
mod mentions;
mod reindex;
mod schema;
mod verify;
mod writer;

use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::Index;

pub use analyzer::{fold, register, KeywordTokenizer, StemmingTokenizer, KEYWORD, STEMMED};
pub use mentions::Mentions;
pub use reindex::{rebuild, StoredDocument, OLDEST_REBUILDABLE_VERSION};
pub use schema::{Fields, ENTITY_FIELD_LABELS, SCHEMA_VERSION};
pub use verify::{check_files, verify, Problem, ProblemKind, VerifyReport};
pub use writer::{date_time, month_number, Committed, IndexDoc, IndexWriter, WriterOptions};

use crate::{Error, Result};

/// An open dossier index.
#[derive(Clone)]
pub struct DossierIndex {
    index: Index,
    fields: Fields,
    path: PathBuf,
}

impl std::fmt::Debug for DossierIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DossierIndex").field("path", &self.path).finish()
    }
}

/// The commit payload: what dossier records in each commit.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Payload {
    schema_version: u32,
    /// The extraction fingerprint of the last ingest (absent in indexes written before
    /// it was recorded, and in a new index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fingerprint: Option<String>,
}

impl DossierIndex {
    /// Opens the index in `dir`, creating it (and the folder) when there is none.
    pub fn open_or_create(dir: &Path) -> Result<DossierIndex> {
        if has_index(dir) && !creation_unfinished(dir) {
            return DossierIndex::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let index = if has_index(dir) {
            // A creation killed before its first commit: finish it.
            Index::open_in_dir(dir)?
        } else {
            let directory = MmapDirectory::open(dir).map_err(|e| state(dir, e.to_string()))?;
            Index::create(directory, schema::build(), tantivy::IndexSettings::default())?
        };
        let mut writer: tantivy::IndexWriter<tantivy::TantivyDocument> =
            index.writer_with_num_threads(1, 15_000_000)?;
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload_json(None));
        prepared.commit()?;
        writer.wait_merging_threads()?;
        DossierIndex::wrap(index, dir)
    }

    /// Opens an existing index; a missing, damaged or foreign index is an
    /// [`Error::IndexState`] that says how to fix it.
    pub fn open(dir: &Path) -> Result<DossierIndex> {
        if !has_index(dir) {
            if reindex::interrupted(dir) {
                return Err(state(
                    dir,
                    "a `dossier reindex` of this index was interrupted; run it again to finish"
                        .into(),
                ));
            }
            return Err(state(
                dir,
                "no dossier index here (create one with `dossier ingest [PATH...]`, or pass --index DIR)"
                    .into(),
            ));
        }
        let index = Index::open_in_dir(dir).map_err(|e| {
            state(dir, format!("the index is damaged ({e}); rebuild it: remove the folder and run `dossier ingest` again"))
        })?;
        let metas = index.load_metas().map_err(|e| {
            state(dir, format!("cannot read the index metadata ({e}); rebuild it: remove the folder and run `dossier ingest` again"))
        })?;
        let version = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<Payload>(p).ok())
            .map(|p| p.schema_version);
        // A creation killed before its first commit holds nothing, in dossier's schema:
        // an empty index for readers (the next ingest finishes it).
        if version.is_none() && creation_unfinished(dir) {
            return DossierIndex::wrap(index, dir);
        }
        if let Some(v) =
            version.filter(|v| (OLDEST_REBUILDABLE_VERSION..SCHEMA_VERSION).contains(v))
        {
            return Err(state(
                dir,
                format!(
                    "this index has schema version {v}, but this dossier uses version {SCHEMA_VERSION}; \
                     rebuild it from what it stores with `dossier reindex` (no source files needed)"
                ),
            ));
        }
        if version != Some(SCHEMA_VERSION) {
            let found = version.map_or("none".to_string(), |v| v.to_string());
            return Err(state(
                dir,
                format!(
                    "this index has schema version {found}, but this dossier uses version {SCHEMA_VERSION}; \
                     rebuild it: remove the folder and run `dossier ingest` again"
                ),
            ));
        }
        DossierIndex::wrap(index, dir)
    }

    fn wrap(index: Index, dir: &Path) -> Result<DossierIndex> {
        analyzer::register(index.tokenizers());
        let fields = Fields::from_schema(&index.schema())
            .ok_or_else(|| state(dir, "the index schema is not dossier's; rebuild it".into()))?;
        Ok(DossierIndex { index, fields, path: dir.to_path_buf() })
    }

    /// The tantivy index.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// The schema's fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The index folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The extraction fingerprint recorded by the last ingest, if any (see
    /// [`crate::pipeline::IngestOptions::fingerprint`]).
    pub fn fingerprint(&self) -> Result<Option<String>> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<Payload>(p).ok())
            .and_then(|p| p.fingerprint))
    }

    /// A reader on the last commit.
    pub fn reader(&self) -> Result<tantivy::IndexReader> {
        Ok(self.index.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into()?)
    }

    /// A reader that follows the index: it reloads shortly after each commit, so
    /// documents added by an ingest running beside it appear without reopening.
    pub fn live_reader(&self) -> Result<tantivy::IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::OnCommitWithDelay)
            .try_into()?)
    }

    /// Opens the writer, taking the index lock. A lock held by another process is an
    /// [`Error::IndexState`] ("another ingest is running").
    pub fn writer(&self, options: &WriterOptions) -> Result<IndexWriter> {
        IndexWriter::open(self, options)
    }
}

fn has_index(dir: &Path) -> bool {
    dir.join("meta.json").exists()
}

/// True for an index created by dossier's schema but killed before its first commit (no
/// payload, no segment, opstamp 0): it holds nothing and is safe to initialise.
fn creation_unfinished(dir: &Path) -> bool {
    let Ok(index) = Index::open_in_dir(dir) else { return false };
    let Ok(metas) = index.load_metas() else { return false };
    metas.payload.is_none()
        && metas.segments.is_empty()
        && metas.opstamp == 0
        && index.schema() == schema::build()
}

fn payload_json(fingerprint: Option<&str>) -> String {
    let payload =
        Payload { schema_version: SCHEMA_VERSION, fingerprint: fingerprint.map(str::to_string) };
    serde_json::to_string(&payload).expect("payload serializes")
}

fn state(dir: &Path, msg: String) -> Error {
    Error::IndexState { path: dir.to_path_buf(), msg }
}

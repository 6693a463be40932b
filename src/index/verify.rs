//! Checking an index: can it be opened, are its files intact, do its documents agree.
//!
//! [`verify`] reads only; it takes no lock and can run while an ingest is writing (it
//! checks the last commit). What it checks:
//!
//! - the index opens: `meta.json` parses, the schema version is this dossier's, every
//!   segment file of the last commit is present (otherwise the index is *unusable*);
//! - tantivy checksums of every segment file (a flipped byte still returns results
//!   silently; only the checksum catches it);
//! - every document has exactly one id and one content hash, and no id is held by two
//!   documents;
//! - every document has its stored record, the record is JSON and names the same id.
//!
//! The fix for every problem is the same: remove the folder and ingest again
//! ([`rebuild_hint`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::{state, DossierIndex, SCHEMA_VERSION};
use crate::{Error, Result};

/// What is wrong with an index that opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// A segment file fails its checksum.
    Checksum,
    /// Two or more documents have the same id.
    DuplicateId,
    /// A document lacks its id or content hash.
    MissingField,
    /// A document's stored record is missing, is not JSON, or names another id.
    Record,
}

/// One problem found by [`Index::verify`](crate::Index::verify).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// What kind of problem.
    pub kind: ProblemKind,
    /// Details for a person (the file or the document id).
    pub details: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            ProblemKind::Checksum => "checksum",
            ProblemKind::DuplicateId => "duplicate-id",
            ProblemKind::MissingField => "missing-field",
            ProblemKind::Record => "record",
        };
        write!(f, "{kind}: {}", self.details)
    }
}

/// What [`Index::verify`](crate::Index::verify) found in an index that opens.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    /// The index folder.
    pub index: PathBuf,
    /// The schema version of the last commit.
    pub schema_version: u32,
    /// Segments in the last commit.
    pub segments: usize,
    /// Live documents.
    pub documents: u64,
    /// Distinct document ids.
    pub distinct_ids: u64,
    /// Documents with a readable stored record.
    pub records: u64,
    /// Segment files of the last commit (each checked against its checksum).
    pub files_checked: usize,
    /// Problems found; empty when the index is sound.
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    /// True when no problem was found.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// What to do about the problems found: how to rebuild the index.
    pub fn rebuild_hint(&self) -> String {
        rebuild_hint(&self.index)
    }
}

/// What to do about a damaged index in `dir`.
pub fn rebuild_hint(dir: &Path) -> String {
    format!(
        "rebuild it: remove the folder {} and run `dossier ingest PATH...` again on the \
         original documents",
        dir.display()
    )
}

/// Checks the index in `dir`. An index that cannot be used at all (missing, unreadable
/// `meta.json`, another schema version, missing segment files) is an
/// [`Error::IndexState`] that names the folder and how to rebuild it; an index that opens
/// gives a [`VerifyReport`] listing its problems.
pub fn verify(dir: &Path) -> Result<VerifyReport> {
    let index = DossierIndex::open(dir)?;
    check_files(&index)?;
    let t = index.tantivy();
    let metas = t.load_metas().map_err(|e| damaged(dir, &e))?;
    let mut problems = Vec::new();

    let prefixes: Vec<String> = metas.segments.iter().map(|m| m.id().uuid_string()).collect();
    let files_checked = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            prefixes.iter().any(|p| name.starts_with(p.as_str()))
        })
        .count();
    let mut damaged_files: Vec<PathBuf> =
        t.validate_checksum().map_err(|e| damaged(dir, &e))?.into_iter().collect();
    damaged_files.sort();
    // A segment with a damaged file is reported and not read further: reading a damaged
    // document store can abort the process inside tantivy.
    let damaged_segments: HashSet<String> = damaged_files
        .iter()
        .filter_map(|f| Some(f.file_name()?.to_str()?.split('.').next()?.to_string()))
        .collect();
    for file in damaged_files {
        problems.push(Problem {
            kind: ProblemKind::Checksum,
            details: format!("{} fails its checksum", dir.join(file).display()),
        });
    }

    let reader = index.reader()?;
    let searcher = reader.searcher();
    let fields = index.fields();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut documents = 0u64;
    let mut records = 0u64;
    let mut id = String::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        if damaged_segments.contains(&segment.segment_id().uuid_string()) {
            documents += u64::from(segment.num_docs());
            continue;
        }
        let ff = segment.fast_fields();
        let ids_col = ff.str("id")?;
        let hash_col = ff.str("hash")?;
        let store = segment.get_store_reader(64)?;
        for doc in segment.doc_ids_alive() {
            documents += 1;
            let this_id = match &ids_col {
                Some(col) => {
                    let ords: Vec<u64> = col.term_ords(doc).collect();
                    match ords.as_slice() {
                        [one] => {
                            col.ord_to_str(*one, &mut id).map_err(Error::IoPlain)?;
                            Some(id.clone())
                        }
                        _ => None,
                    }
                }
                None => None,
            };
            let has_hash = hash_col.as_ref().is_some_and(|c| c.term_ords(doc).count() == 1);
            let Some(this_id) = this_id else {
                problems.push(Problem {
                    kind: ProblemKind::MissingField,
                    details: format!("document {doc} of segment {ord} has no single id"),
                });
                continue;
            };
            if !has_hash {
                problems.push(Problem {
                    kind: ProblemKind::MissingField,
                    details: format!("document {this_id:?} has no single content hash"),
                });
            }
            match store.get::<TantivyDocument>(doc) {
                Ok(stored) => match record_id(&stored, fields.record) {
                    Ok(rid) if rid == this_id => records += 1,
                    Ok(rid) => problems.push(Problem {
                        kind: ProblemKind::Record,
                        details: format!("document {this_id:?} stores the record of {rid:?}"),
                    }),
                    Err(msg) => problems.push(Problem {
                        kind: ProblemKind::Record,
                        details: format!("document {this_id:?}: {msg}"),
                    }),
                },
                Err(e) => problems.push(Problem {
                    kind: ProblemKind::Record,
                    details: format!("document {this_id:?}: cannot read its stored fields ({e})"),
                }),
            }
            *ids.entry(this_id).or_default() += 1;
        }
    }
    let mut dups: Vec<(&String, &u32)> = ids.iter().filter(|(_, &n)| n > 1).collect();
    dups.sort();
    for (dup, n) in dups {
        problems.push(Problem {
            kind: ProblemKind::DuplicateId,
            details: format!("id {dup:?} is held by {n} documents"),
        });
    }
    Ok(VerifyReport {
        index: dir.to_path_buf(),
        schema_version: SCHEMA_VERSION,
        segments: metas.segments.len(),
        documents,
        distinct_ids: ids.len() as u64,
        records,
        files_checked,
        problems,
    })
}

/// The id named by a stored record, as text (a numeric JSONL id becomes its digits).
fn record_id(stored: &TantivyDocument, field: tantivy::schema::Field) -> Result<String, String> {
    let json = stored
        .get_first(field)
        .and_then(|v| v.as_str())
        .ok_or_else(|| "no stored record".to_string())?;
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("the stored record is not JSON ({e})"))?;
    match &value["id"] {
        serde_json::Value::String(s) => Ok(s.clone()),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        _ => Err("the stored record has no id".into()),
    }
}

/// A quick check that every segment of the last commit opens (all its files present).
/// Cheap (files are memory-mapped, not read); run by ingest before it writes, so that a
/// damaged index is reported, not written over.
pub fn check_files(index: &DossierIndex) -> Result<()> {
    let reader = index.reader().map_err(|e| match e {
        Error::Index(e) => damaged(index.path(), &e),
        other => other,
    })?;
    drop(reader);
    Ok(())
}

fn damaged(dir: &Path, e: &tantivy::TantivyError) -> Error {
    state(dir, format!("the index is damaged ({e}); {}", rebuild_hint(dir)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::index::{IndexDoc, WriterOptions};
    use crate::pipeline::extract_record;

    fn index_with(ids: &[&str]) -> (tempfile::TempDir, DossierIndex) {
        let dir = tempfile::tempdir().unwrap();
        let index = DossierIndex::open_or_create(dir.path()).unwrap();
        let mut writer = index.writer(&WriterOptions::default()).unwrap();
        let extractor = crate::extract::Extractor::new();
        for id in ids {
            let doc = Document::new(*id, format!("Text of {id} about Paris in May 2015."));
            let (extraction, record) = extract_record(&extractor, &doc, None);
            let hash = doc.content_hash();
            writer.upsert(IndexDoc::new(index.fields(), doc, &extraction, record, hash)).unwrap();
        }
        writer.finish().unwrap();
        (dir, index)
    }

    #[test]
    fn a_sound_index_is_clean() {
        let (dir, _) = index_with(&["a", "b", "c"]);
        let report = verify(dir.path()).unwrap();
        assert!(report.is_clean(), "{:?}", report.problems);
        assert_eq!((report.documents, report.distinct_ids, report.records), (3, 3, 3));
        assert!(report.files_checked > 0);
    }

    #[test]
    fn a_missing_index_is_unusable() {
        let dir = tempfile::tempdir().unwrap();
        let err = verify(&dir.path().join("none")).unwrap_err();
        assert!(matches!(err, Error::IndexState { .. }), "{err}");
    }

    #[test]
    fn a_flipped_byte_fails_the_checksum() {
        let (dir, _) = index_with(&["a", "b"]);
        let store = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "store"))
            .unwrap();
        let mut bytes = std::fs::read(&store).unwrap();
        bytes[0] ^= 0xFF;
        std::fs::write(&store, bytes).unwrap();
        let report = verify(dir.path()).unwrap();
        assert!(report.problems.iter().any(|p| p.kind == ProblemKind::Checksum), "{report:?}");
    }

    #[test]
    fn garbled_stores_are_reported_not_read() {
        let (dir, _) = index_with(&["a", "b", "c", "d", "e", "f"]);
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "store") {
                // The compressed blocks, not the footer (a damaged footer is an error).
                let mut bytes = std::fs::read(&path).unwrap();
                let n = bytes.len();
                for b in bytes[..n / 2].iter_mut().step_by(3) {
                    *b ^= 0x5A;
                }
                std::fs::write(&path, bytes).unwrap();
            }
        }
        let report = verify(dir.path()).unwrap();
        assert!(report.problems.iter().all(|p| p.kind == ProblemKind::Checksum), "{report:?}");
        assert!(!report.problems.is_empty());
        assert_eq!(report.documents, 6);
    }
}

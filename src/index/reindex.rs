//! Rebuilding an index from what it stores: every document's record and text, read from
//! an index of this or an older schema version, written into a new index of the current
//! one, which then takes the old one's place.
//!
//! The new index is built in a sibling folder (`DIR.reindex-new`), so the old one stays
//! untouched and readable until the new one is complete and committed. The swap is two
//! renames: `DIR` to `DIR.reindex-old`, then `DIR.reindex-new` to `DIR`; the old folder is
//! removed last. A run killed at any point leaves one of these states, each of which the
//! next [`rebuild`] (or [`finish_interrupted`]) settles without losing a document:
//!
//! | Folders present | What happened | What the next run does |
//! |---|---|---|
//! | `DIR`, `DIR.reindex-new` | killed while building | removes the partial new index, starts over |
//! | `DIR.reindex-old`, `DIR.reindex-new` | killed between the renames | renames the new index into place |
//! | `DIR`, `DIR.reindex-old` | killed before the old index was removed | removes it |

use std::path::{Path, PathBuf};

use tantivy::directory::{Directory, INDEX_WRITER_LOCK};
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

use super::{state, DossierIndex, Fields, IndexDoc, Payload, WriterOptions, SCHEMA_VERSION};
use crate::{Error, Result};

/// The oldest schema version whose indexes [`rebuild`] reads: from version 2 on, every
/// document stores its record (`record`) and its text (`body`).
pub const OLDEST_REBUILDABLE_VERSION: u32 = 2;

/// One document as an index stores it.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    /// The record JSON (`RECORDS.md`) as the version that wrote it serialised it.
    pub record: String,
    /// The document's text.
    pub text: String,
}

/// What [`rebuild`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Rebuilt {
    /// The schema version of the index that was read.
    pub from_version: u32,
    /// The schema version written.
    pub to_version: u32,
    /// Documents read and written.
    pub documents: usize,
    /// True when the run first finished a swap that an earlier, killed run had left
    /// half done.
    pub resumed: bool,
}

/// The sibling folders of the index folder `dir` that a rebuild uses: the new index being
/// built and the old one being replaced.
fn siblings(dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let abs = std::path::absolute(dir).map_err(|e| Error::io(dir, e))?;
    let name = abs.file_name().ok_or_else(|| {
        state(dir, "name the index folder itself (for example --index ./index)".into())
    })?;
    let with = |suffix: &str| {
        let mut n = name.to_os_string();
        n.push(suffix);
        abs.with_file_name(n)
    };
    Ok((with(".reindex-new"), with(".reindex-old")))
}

/// Settles a rebuild that was killed during its swap (see the module docs). Returns true
/// when there was one to settle. Safe to call at any time: without the sibling folders
/// it does nothing.
pub fn finish_interrupted(dir: &Path) -> Result<bool> {
    let (new, old) = siblings(dir)?;
    if !old.exists() {
        return Ok(false);
    }
    if !dir.exists() {
        // Killed between the two renames: the new index is complete (it is renamed
        // only after its last commit); without it, the old one goes back.
        let from = if new.join("meta.json").exists() { &new } else { &old };
        std::fs::rename(from, dir).map_err(|e| Error::io(dir, e))?;
        sync_parent(dir);
    }
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    Ok(true)
}

/// Whether a rebuild of `dir` was killed between its two renames (the index folder is
/// missing and the old one waits beside it).
pub(super) fn interrupted(dir: &Path) -> bool {
    !dir.exists() && siblings(dir).is_ok_and(|(_, old)| old.exists())
}

/// The schema version an index's last commit records, if it records one.
fn version_of(index: &Index) -> Option<u32> {
    let metas = index.load_metas().ok()?;
    serde_json::from_str::<Payload>(metas.payload.as_deref()?).ok().map(|p| p.schema_version)
}

/// Rebuilds the index in `dir` from the records and texts it stores, whatever schema
/// version from [`OLDEST_REBUILDABLE_VERSION`] to the current one wrote it, without the
/// source files. `convert` turns each stored document into the document to index (it
/// extracts again with the current rules); `progress` is called with (documents done,
/// documents in all) after each one. The commits of the new index record `fingerprint`.
///
/// The old index is left as it was when anything fails before the swap. The old index's
/// writer lock is held throughout, so no ingest can write to it meanwhile.
pub fn rebuild(
    dir: &Path,
    options: &WriterOptions,
    fingerprint: Option<&str>,
    mut convert: impl FnMut(&Fields, StoredDocument) -> Result<IndexDoc>,
    mut progress: impl FnMut(usize, usize),
) -> Result<Rebuilt> {
    let resumed = finish_interrupted(dir)?;
    let (new_dir, old_dir) = siblings(dir)?;
    if !dir.join("meta.json").exists() {
        return Err(state(
            dir,
            "no dossier index here to rebuild (create one with `dossier ingest [PATH...]`, or \
             pass --index DIR)"
                .into(),
        ));
    }
    let old = Index::open_in_dir(dir).map_err(|e| {
        state(dir, format!("the index is damaged ({e}); it cannot be rebuilt from itself: remove the folder and run `dossier ingest` again"))
    })?;
    let from_version = version_of(&old).ok_or_else(|| {
        state(dir, "the index records no schema version: it was not written by dossier, or its creation never finished; remove the folder and run `dossier ingest` again".into())
    })?;
    if !(OLDEST_REBUILDABLE_VERSION..=SCHEMA_VERSION).contains(&from_version) {
        return Err(state(
            dir,
            format!(
                "this index has schema version {from_version}; this dossier rebuilds versions \
                 {OLDEST_REBUILDABLE_VERSION} to {SCHEMA_VERSION}: remove the folder and run \
                 `dossier ingest` again"
            ),
        ));
    }
    let schema = old.schema();
    let (Ok(record_field), Ok(body_field)) = (schema.get_field("record"), schema.get_field("body"))
    else {
        return Err(state(dir, "the index stores no records and texts to rebuild from; remove the folder and run `dossier ingest` again".into()));
    };
    let lock = old.directory().acquire_lock(&INDEX_WRITER_LOCK).map_err(|_| {
        state(
            dir,
            "another ingest is running on this index; wait for it to finish and try again".into(),
        )
    })?;

    // A partial new index left by a killed run is ours to discard.
    if new_dir.exists() {
        std::fs::remove_dir_all(&new_dir).map_err(|e| Error::io(&new_dir, e))?;
    }
    let reader: tantivy::IndexReader =
        old.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into()?;
    let searcher = reader.searcher();
    let total = searcher.num_docs() as usize;
    let built = (|| -> Result<usize> {
        let fresh = DossierIndex::open_or_create(&new_dir)?;
        let mut writer = fresh.writer(options)?;
        if let Some(f) = fingerprint {
            writer.set_fingerprint(f);
        }
        let mut done = 0usize;
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let stored: TantivyDocument =
                    searcher.doc(tantivy::DocAddress::new(ordinal as u32, doc))?;
                let text_of = |field| {
                    stored.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_string()
                };
                let document =
                    StoredDocument { record: text_of(record_field), text: text_of(body_field) };
                writer.upsert(convert(fresh.fields(), document)?)?;
                done += 1;
                progress(done, total);
            }
        }
        writer.finish()?;
        Ok(done)
    })();
    let documents = match built {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&new_dir);
            return Err(e);
        }
    };
    drop(searcher);
    drop(reader);

    // The swap. Until the first rename the old index is in place; after it, the next
    // run finishes what this one started.
    std::fs::rename(dir, &old_dir).map_err(|e| Error::io(dir, e))?;
    sync_parent(dir);
    std::fs::rename(&new_dir, dir).map_err(|e| Error::io(dir, e))?;
    sync_parent(dir);
    drop(lock);
    std::fs::remove_dir_all(&old_dir).map_err(|e| Error::io(&old_dir, e))?;
    Ok(Rebuilt { from_version, to_version: SCHEMA_VERSION, documents, resumed })
}

/// Makes the renames in the folder holding `dir` durable (where the platform allows
/// opening a folder).
fn sync_parent(dir: &Path) {
    let parent = match std::path::absolute(dir).ok().and_then(|p| p.parent().map(Path::to_path_buf))
    {
        Some(p) => p,
        None => return,
    };
    if let Ok(f) = std::fs::File::open(parent) {
        let _ = f.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_are_named_after_the_folder() {
        let (new, old) = siblings(Path::new("some/where/index")).unwrap();
        assert!(new.ends_with("some/where/index.reindex-new"), "{}", new.display());
        assert!(old.ends_with("some/where/index.reindex-old"), "{}", old.display());
        let (new, _) = siblings(Path::new("index/")).unwrap();
        assert!(new.ends_with("index.reindex-new"), "{}", new.display());
    }

    #[test]
    fn an_interrupted_swap_is_finished_and_nothing_else_is_touched() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("index");
        let (new, old) = siblings(&dir).unwrap();
        // Nothing to do.
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("meta.json"), "old").unwrap();
        assert!(!finish_interrupted(&dir).unwrap());
        // Killed between the renames: the complete new index takes the place.
        std::fs::rename(&dir, &old).unwrap();
        std::fs::create_dir(&new).unwrap();
        std::fs::write(new.join("meta.json"), "new").unwrap();
        assert!(finish_interrupted(&dir).unwrap());
        assert_eq!(std::fs::read_to_string(dir.join("meta.json")).unwrap(), "new");
        assert!(!new.exists() && !old.exists());
        // Killed before the old index was removed.
        std::fs::create_dir(&old).unwrap();
        assert!(finish_interrupted(&dir).unwrap());
        assert!(!old.exists() && dir.join("meta.json").exists());
    }
}

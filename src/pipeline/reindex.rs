//! `dossier reindex`: rebuild an index from the records and texts it stores, with the
//! current schema and extraction rules, without the source files.

use std::path::Path;

use serde::Serialize;

use super::{extract_record_limited, salted_hash, split_jobs, DEFAULT_MAX_EXTRACT_SIZE};
use crate::document::{parse_date, Document};
use crate::export::Record;
use crate::extract::Extractor;
use crate::index::{self, Fields, IndexDoc, StoredDocument, WriterOptions};
use crate::ingest::{self, Format};
use crate::Result;

/// What a reindex did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reindexed {
    /// The schema version of the index that was read.
    pub from_version: u32,
    /// The schema version written.
    pub to_version: u32,
    /// Documents read and written.
    pub documents: usize,
    /// Entity mentions found in them.
    pub entities: usize,
    /// Date mentions found in them.
    pub dates: usize,
    /// True when the run first finished a swap that an earlier, killed run had left
    /// half done.
    pub resumed: bool,
}

/// Rebuilds the index in `dir` from what it stores, extracting every document again with
/// `extractor`, whose settings `fingerprint` names; `progress` is called with (documents
/// done, documents in all) after each one.
pub fn reindex(
    dir: &Path,
    extractor: &Extractor,
    fingerprint: &str,
    progress: impl FnMut(usize, usize),
) -> Result<Reindexed> {
    let (_, index_threads) = split_jobs(0);
    let options = WriterOptions { threads: index_threads, ..WriterOptions::default() };
    let (mut entities, mut dates) = (0usize, 0usize);
    let convert = |fields: &Fields, stored: StoredDocument| -> Result<IndexDoc> {
        let record: Record = serde_json::from_str(&stored.record)?;
        let doc = document_of(record, stored.text);
        let hash = salted_hash(&doc, fingerprint);
        let (extraction, record) =
            extract_record_limited(extractor, &doc, None, DEFAULT_MAX_EXTRACT_SIZE);
        entities += extraction.entities.len();
        dates += extraction.dates.len();
        Ok(IndexDoc::new(fields, doc, &extraction, record, hash))
    };
    let rebuilt = index::rebuild(dir, &options, Some(fingerprint), convert, progress)?;
    Ok(Reindexed {
        from_version: rebuilt.from_version,
        to_version: rebuilt.to_version,
        documents: rebuilt.documents,
        entities,
        dates,
        resumed: rebuilt.resumed,
    })
}

/// The document a stored record and text stand for, completed as a reader would
/// complete it today (language, and the dateline date of plain formats). Page starts are
/// not stored, so a paged document comes back without them (its mentions get no page).
fn document_of(record: Record, text: String) -> Document {
    let format = record
        .format
        .as_deref()
        .and_then(format_named)
        .or_else(|| Format::of(Path::new(source_file(&record.source))));
    let date = |d: &Option<String>| d.as_deref().and_then(parse_date);
    let mut doc = Document::new(record.id, text);
    doc.source = record.source;
    doc.title = record.title;
    doc.published = date(&record.published);
    doc.published_source = record.published_source;
    doc.modified = date(&record.modified);
    doc.author = record.author;
    doc.url = record.url;
    match format {
        Some(format) => ingest::complete(&mut doc, format),
        None => {
            if let Some(language) = ingest::lang::detect(&doc.text) {
                doc.lang = Some(language.code);
                doc.lang_confidence = Some(language.confidence);
            }
        }
    }
    doc
}

/// The format whose record name is `name` (`txt`, `pdf`, ...).
fn format_named(name: &str) -> Option<Format> {
    [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::JsonLines,
        Format::Pdf,
        Format::Docx,
        Format::Odt,
    ]
    .into_iter()
    .find(|f| f.name() == name)
}

/// The file of a source: a JSON Lines document's source ends in `:LINE`.
fn source_file(source: &str) -> &str {
    match source.rsplit_once(':') {
        Some((file, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => file,
        _ => source,
    }
}

//! `dossier reindex`: rebuild the index from the records and texts it stores, with the
//! current schema and extraction rules, without the source files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use dossier::document::Document;
use dossier::export::Record;
use dossier::extract::{DateTagger, EntityExtractor, Extractor};
use dossier::index::{self, Fields, IndexDoc, StoredDocument, WriterOptions};
use dossier::ingest::{self, Format};
use dossier::pipeline;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Entity rules (TOML or JSON) to extract with, as `ingest --rules` takes them;
    /// without it, the built-in rules only.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Print the summary as a JSON object.
    #[arg(long)]
    json: bool,
}

/// The summary printed at the end.
#[derive(Debug, Serialize)]
struct Summary {
    index: String,
    from_version: u32,
    to_version: u32,
    documents: usize,
    entities: usize,
    dates: usize,
    resumed: bool,
    seconds: f64,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let (extractor, rules_hash) = match &args.rules {
        Some(path) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("read the rules file {}", path.display()))?;
            let entities = EntityExtractor::with_rules(path)?;
            (
                Extractor::from_parts(DateTagger::new(), entities),
                Some(blake3::hash(&bytes).to_hex().to_string()),
            )
        }
        None => (Extractor::new(), None),
    };
    let fingerprint = pipeline::fingerprint(rules_hash.as_deref());
    let (_, index_threads) = pipeline::split_jobs(0);
    let options = WriterOptions { threads: index_threads, ..WriterOptions::default() };

    let bar = output::stderr_is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} documents (eta {eta})",
            )
            .expect("valid template"),
        );
        bar
    });
    let mut last_tenth = 0;
    let progress = |done: usize, total: usize| match &bar {
        Some(bar) => {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
        None => {
            let tenth = done * 10 / total.max(1);
            if tenth > last_tenth {
                last_tenth = tenth;
                eprintln!("dossier: reindex: {done} of {total} documents");
            }
        }
    };
    let (mut entities, mut dates) = (0usize, 0usize);
    let started = std::time::Instant::now();
    let convert = |fields: &Fields, stored: StoredDocument| -> dossier::Result<IndexDoc> {
        let record: Record = serde_json::from_str(&stored.record)?;
        let doc = document_of(record, stored.text);
        let hash = pipeline::salted_hash(&doc, &fingerprint);
        let (extraction, record) = pipeline::extract_record_limited(
            &extractor,
            &doc,
            None,
            pipeline::DEFAULT_MAX_EXTRACT_SIZE,
        );
        entities += extraction.entities.len();
        dates += extraction.dates.len();
        Ok(IndexDoc::new(fields, doc, &extraction, record, hash))
    };
    let rebuilt = index::rebuild(index_dir, &options, Some(&fingerprint), convert, progress)
        .with_context(|| format!("reindex {}", index_dir.display()))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let summary = Summary {
        index: index_dir.display().to_string(),
        from_version: rebuilt.from_version,
        to_version: rebuilt.to_version,
        documents: rebuilt.documents,
        entities,
        dates,
        resumed: rebuilt.resumed,
        seconds: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    };
    let mut out = output::stdout();
    if args.json {
        output::json_line(&mut out, &summary)?;
    } else {
        writeln!(
            out,
            "{} documents reindexed from schema version {} to {}: {} entities, {} dates ({:.1} s)",
            summary.documents,
            summary.from_version,
            summary.to_version,
            summary.entities,
            summary.dates,
            summary.seconds
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
    let date = |d: &Option<String>| d.as_deref().and_then(dossier::document::parse_date);
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

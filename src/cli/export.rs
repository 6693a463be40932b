//! `dossier export`: entities, records, timeline, graph, and files for search engines.
//!
//! Every export streams: memory grows with the number of distinct entities (entity
//! table, graph), never with the number of documents (the timeline is sorted on disk).
//! `-o FILE` writes a temporary file beside FILE and renames it when complete.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use dossier::{
    bulk_lines, elastic_mapping, quickwit_index_config, write_atomic, AtomicFile, EntityEntry,
    ExportFormat, GraphBuilder, Index, ItemWriter, Label, MentionRow, RecordWithText, Records,
    SearchDoc, TimelineEvent,
};

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// The corpus's entities: one entry per canonical entity (label, canonical name,
    /// names merged into it across documents, aliases seen, ISO code, documents, mentions,
    /// first and last date mentioned in its sentences); with --mentions, one line per
    /// mention.
    Entities {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// One line per mention (document, offsets, text, label, canonical, rule).
        #[arg(long)]
        mentions: bool,
        /// Only these labels (PERSON, ORG, GPE, ...; repeat or separate with commas).
        #[arg(long, value_delimiter = ',', value_parser = super::label_parser(), ignore_case = true)]
        label: Vec<Label>,
        /// Only entities named in at least N documents (entries only).
        #[arg(long, default_value_t = 1, value_name = "N")]
        min_docs: usize,
        /// Only the documents matching this search query.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Every document's full record (RECORDS.md), one JSON line each.
    Records {
        /// Only the documents matching this search query.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// Add the document's text (field `text`), which the offsets point into.
        #[arg(long)]
        text: bool,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Dated events in date order: one per sentence holding a calendar date, with the
    /// date, its first and last day, the sentence, its entities and the document.
    Timeline {
        /// Only sentences naming this entity (canonical name or form, any case).
        #[arg(long, value_name = "X")]
        entity: Option<String>,
        /// Only the documents matching this search query.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Entity co-occurrence graph: nodes are entities, edges count the documents and
    /// sentences naming both. By default only edges seen in two sentences or more, and the
    /// entities they link. JSON, or GEXF / GraphML for Gephi and other graph tools.
    Graph {
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Json)]
        format: GraphFormat,
        /// Only these labels (repeat or separate with commas).
        #[arg(long, value_delimiter = ',', value_parser = super::label_parser(), ignore_case = true)]
        label: Vec<Label>,
        /// Only entities named in at least N documents.
        #[arg(long, default_value_t = 1, value_name = "N")]
        min_docs: usize,
        /// Only edges between entities named together in at least N documents.
        #[arg(long, default_value_t = 1, value_name = "N")]
        min_weight: usize,
        /// Only edges between entities named together in at least N sentences (0 also
        /// links entities that only share a document).
        #[arg(long, default_value_t = 2, value_name = "N")]
        min_sentences: u32,
        /// Keep entities left without any edge (by default they are dropped).
        #[arg(long)]
        isolated: bool,
        /// Only the documents matching this search query.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Files for Quickwit: documents.ndjson (one flat document per line) and
    /// index-config.yaml (see docs/EXPORTS.md for the commands).
    Quickwit {
        /// Folder to write into (created if missing).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Index id written into the configuration.
        #[arg(long, default_value = "dossier", value_name = "ID")]
        name: String,
        /// Only the documents matching this search query.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
    },
    /// Files for Elasticsearch or OpenSearch: bulk.ndjson (a `_bulk` body with
    /// deterministic ids) and mapping.json (see docs/EXPORTS.md for the commands).
    Elastic {
        /// Folder to write into (created if missing).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Only the documents matching this search query.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header line.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// `{"nodes": [...], "edges": [...]}`.
    Json,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// GraphML.
    Graphml,
}

/// Standard output or a file that appears only when complete.
enum Sink {
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
    File(AtomicFile),
}

impl Sink {
    fn open(path: Option<&Path>) -> anyhow::Result<Sink> {
        match path {
            None => Ok(Sink::Stdout(output::stdout())),
            Some(p) => AtomicFile::create(p).map(Sink::File).with_context(|| {
                format!(
                    "cannot write {}: check that its folder exists and is writable",
                    p.display()
                )
            }),
        }
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut out) => Ok(out.flush()?),
            Sink::File(f) => {
                let path = f.path().display().to_string();
                f.commit().with_context(|| format!("cannot write {path}"))
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(w) => w.flush(),
        }
    }
}

/// The library's format of `format`.
fn items_format(format: Format) -> ExportFormat {
    match format {
        Format::Json => ExportFormat::Json,
        Format::Jsonl => ExportFormat::Jsonl,
        Format::Csv => ExportFormat::Csv,
    }
}

/// The records of the index, or of the documents matching `query`.
fn records(index: &Index, query: Option<&str>) -> dossier::Result<Records> {
    match query {
        Some(q) => index.records_matching(q),
        None => index.records(),
    }
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let index = Index::open(index_dir)?;
    match args.what {
        What::Entities { format, mentions: true, label, query, output, .. } => {
            let records = records(&index, query.as_deref())?;
            let mut sink = Sink::open(output.as_deref())?;
            let mut items = ItemWriter::new::<MentionRow>(items_format(format), &mut sink)?;
            for record in records {
                let record = record?;
                for row in record.mention_rows() {
                    if label.is_empty() || label.contains(&row.label) {
                        items.item(&row)?;
                    }
                }
            }
            items.finish()?;
            sink.finish()?;
        }
        What::Entities { format, mentions: false, label, min_docs, query, output } => {
            // Names merge as in the whole index, whatever `--query` kept.
            let entries = index.entities_matching(query.as_deref(), &label, min_docs)?;
            let mut sink = Sink::open(output.as_deref())?;
            if format == Format::Json {
                output::json_pretty(&mut sink, &entries)?;
            } else {
                let mut items = ItemWriter::new::<EntityEntry>(items_format(format), &mut sink)?;
                for e in entries {
                    items.item(&e)?;
                }
                items.finish()?;
            }
            sink.finish()?;
        }
        What::Records { query, text: false, output } => {
            let records = records(&index, query.as_deref())?;
            let mut sink = Sink::open(output.as_deref())?;
            for record in records {
                output::json_line(&mut sink, &record?)?;
            }
            sink.finish()?;
        }
        What::Records { query, text: true, output } => {
            let mut sink = Sink::open(output.as_deref())?;
            for item in index.records_with_text(query.as_deref())? {
                let (record, text) = item?;
                output::json_line(&mut sink, &RecordWithText { record: &record, text: &text })?;
            }
            sink.finish()?;
        }
        What::Timeline { entity, query, format, output } => {
            let events = index.timeline(entity.as_deref(), query.as_deref())?;
            let mut sink = Sink::open(output.as_deref())?;
            let mut items = ItemWriter::new::<TimelineEvent>(items_format(format), &mut sink)?;
            for event in events {
                items.item(&event?)?;
            }
            items.finish()?;
            sink.finish()?;
        }
        What::Graph {
            format,
            label,
            min_docs,
            min_weight,
            min_sentences,
            isolated,
            query,
            output,
        } => {
            let mut builder = GraphBuilder::new()
                .labels(&label)
                .min_sentences(min_sentences)
                .connected_only(!isolated);
            for record in records(&index, query.as_deref())? {
                builder.add(&record?);
            }
            let graph = builder.build(min_docs, min_weight);
            let mut sink = Sink::open(output.as_deref())?;
            match format {
                GraphFormat::Json => {
                    serde_json::to_writer_pretty(&mut sink, &graph)?;
                    sink.write_all(b"\n")?;
                }
                GraphFormat::Gexf => graph.write_gexf(&mut sink)?,
                GraphFormat::Graphml => graph.write_graphml(&mut sink)?,
            }
            sink.finish()?;
        }
        What::Quickwit { output, name, query } => {
            if name.is_empty()
                || !name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            {
                anyhow::bail!("invalid index id {name:?}: use letters, digits, '-', '_' and '.'");
            }
            let docs = output_dir(&output)?.join("documents.ndjson");
            let mut sink = Sink::open(Some(&docs))?;
            for item in index.records_with_text(query.as_deref())? {
                let (record, body) = item?;
                output::json_line(&mut sink, &SearchDoc::new(&record, &body))?;
            }
            sink.finish()?;
            write_file(&output.join("index-config.yaml"), quickwit_index_config(&name).as_bytes())?;
        }
        What::Elastic { output, query } => {
            let bulk = output_dir(&output)?.join("bulk.ndjson");
            let mut sink = Sink::open(Some(&bulk))?;
            for item in index.records_with_text(query.as_deref())? {
                let (record, body) = item?;
                sink.write_all(&bulk_lines(&SearchDoc::new(&record, &body))?)?;
            }
            sink.finish()?;
            let mut mapping = serde_json::to_vec_pretty(&elastic_mapping())?;
            mapping.push(b'\n');
            write_file(&output.join("mapping.json"), &mapping)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Creates `dir` if needed.
fn output_dir(dir: &Path) -> anyhow::Result<&Path> {
    std::fs::create_dir_all(dir).with_context(|| {
        format!("cannot create the folder {}: choose a writable folder with -o", dir.display())
    })?;
    Ok(dir)
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

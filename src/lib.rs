//! dossier: offline analysis of policy texts and news articles.
//!
//! dossier reads documents (text, Markdown, HTML, PDF, Word, JSON Lines), finds the
//! entities (people, organisations, places, laws, ...) and dates they mention with
//! rule-based matchers, indexes them for ranked search with filters and facets, and exports
//! what it found. The `dossier` command is a thin layer over this library.
//!
//! The API in brief:
//! - [`Extractor`], built by an [`ExtractorBuilder`] (user rules, document creation
//!   time): the [`Record`] of a text or a [`Document`], with entity and date mentions at
//!   code point offsets. It is `Send + Sync`: build one and share it between threads.
//! - [`Index`]: open or create an index folder, [`ingest`](Index::ingest) files,
//!   [`search`](Index::search) with [`SearchOptions`], iterate its
//!   [`records`](Index::records) and [`entities`](Index::entities).
//! - [`Error`]: the one error type, with user mistakes (a bad rule file, a bad query)
//!   kept apart from internal faults.
//!
//! ```
//! use dossier::Extractor;
//!
//! let extractor = Extractor::new();
//! let record = extractor.extract("Barack Obama met Xi Jinping in Washington on 25 September 2015.");
//! for e in &record.entities {
//!     println!("{} {} ({}..{})", e.label, e.canonical, e.start, e.end);
//! }
//! assert!(record.entities.iter().any(|e| e.canonical == "Xi Jinping"));
//! assert_eq!(record.dates[0].value, "2015-09-25");
//! ```
//!
//! Every subcommand of the command line is a call of this API:
//! - `show`, `stats`, `rm`, `verify`, `reindex`, `serve`: [`Index::document`],
//!   [`Index::stats`], [`Index::remove`], [`Index::verify`], [`Index::reindex`],
//!   [`Index::serve`] (a [`Server`]); [`Index::searcher`] keeps one commit open for many
//!   queries.
//! - `export`: the records of the index or of a query ([`Index::records_matching`],
//!   [`Index::records_with_text`]), the corpus's entities
//!   ([`Index::entities_matching`]) and [`timeline`](Index::timeline), written as JSON,
//!   JSON lines or CSV by an [`ItemWriter`]; a [`GraphBuilder`] makes the co-occurrence
//!   [`Graph`]; [`SearchDoc`] is the flat document of the Quickwit and Elasticsearch
//!   files; [`AtomicFile`] writes a file that appears only when complete.
//! - `report`: a [`ReportBuilder`].
//! - `extract`: [`read_file`] and [`read_bytes`] read documents as `ingest` does.
//! - `eval`: the scorers of [`evaluation`].
//!
//! [`index_format`] holds what a program reading an index folder with tantivy itself
//! needs. The stages behind all this (reading, extraction, indexing, search, exports,
//! the web app) are private modules; only the items re-exported here are the API.
#![deny(missing_docs)]

mod api;
mod document;
mod error;
mod eval;
mod export;
mod extract;
mod index;
mod ingest;
mod pipeline;
mod search;
mod serve;
mod text;

pub use api::{evaluation, index_format};
pub use api::{
    Extractor, ExtractorBuilder, Index, Records, RecordsWithText, Searcher, Timeline, WriteLock,
};
pub use document::{parse_date, DateSource, Document};
pub use error::{Error, Result};
pub use export::{
    bulk_lines, document_value, elastic_mapping, quickwit_index_config, write_atomic, write_pretty,
    AliasCount, AtomicFile, CsvRow, DateMention, DctRecord, Edge, EntityEntry, EntityMention,
    ExportFormat, Graph, GraphBuilder, ItemWriter, LabelStats, MentionRow, Node, NodeId,
    PublishedFrom, Record, RecordWithText, ReportBuilder, ReportSummary, SearchDoc, Stats,
    TimelineEntity, TimelineEvent,
};
pub use extract::{DctSource, Label, TimexType};
pub use index::{Problem, ProblemKind, VerifyReport, WriterOptions, SCHEMA_VERSION};
pub use ingest::{
    read_bytes, read_bytes_with, read_file, Failure, FileResult, Format, ReadOptions, Reason,
};
pub use pipeline::{IngestOptions, Progress, Reindexed, Removal, Summary};
pub use search::{
    parse_date_range, period as parse_period, FacetCount, Facets, Filters, Hit, Matching,
    SearchOptions, SearchResults, SnippetEntity, Sort,
};
pub use serve::Server;

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
//! The stage modules stay public, each documented, because the command line's other
//! subcommands (show, stats, export, report, verify, rm, eval), the integration tests,
//! the benchmarks and the fuzz targets reach into them: [`document`] and [`ingest`]
//! (readers and their limits), [`text`] (words and sentences), [`extract`] (the
//! extractors and mention types), [`index`] (schema, verification), [`search`] (query
//! options and results), [`export`] (the record contract and the export formats),
//! [`pipeline`] (ingest options, removal) and [`eval`] (scoring against gold data).
//! Their items may change between versions; programs should start from the items
//! re-exported here.
#![deny(missing_docs)]

mod api;
mod error;

pub mod document;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod text;

pub use api::{Extractor, ExtractorBuilder, Index, Records};
pub use document::Document;
pub use error::{Error, Result};
pub use export::{DateMention, DctRecord, EntityEntry, EntityMention, Record};
pub use pipeline::{IngestOptions, Summary};
pub use search::{Filters, SearchOptions, SearchResults};
pub mod export;
pub mod index;
pub mod pipeline;
pub mod search;
pub mod serve;

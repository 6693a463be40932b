//! The public face of the library: an [`Extractor`] built by an [`ExtractorBuilder`], an
//! [`Index`] that ingests, searches, lists, shows, exports, verifies, rebuilds and serves
//! its documents, and the [`evaluation`] scorers. They wrap the pipeline stages without
//! changing what they do, so a program using them gets exactly what the command line
//! prints.

pub mod evaluation;
mod export;
mod extractor;
mod index;
pub mod index_format;

pub use export::Timeline;
pub use extractor::{Extractor, ExtractorBuilder};
pub use index::{Index, Records, RecordsWithText, Searcher, WriteLock};

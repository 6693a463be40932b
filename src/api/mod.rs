//! The public face of the library: an [`Extractor`] built by an [`ExtractorBuilder`], and
//! an [`Index`] that ingests, searches and lists records. Both wrap the pipeline stages
//! without changing what they do, so a program using them gets exactly what the command
//! line prints.

mod extractor;
mod index;

pub use extractor::{Extractor, ExtractorBuilder};
pub use index::{Index, Records};

//! dossier: offline analysis of policy texts and news articles.
#![deny(missing_docs)]

mod error;

pub mod document;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod text;

pub use document::Document;
pub use error::{Error, Result};
pub mod export;
pub mod index;
pub mod pipeline;
pub mod search;
pub mod serve;

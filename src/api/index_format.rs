//! What a program that reads a dossier index folder with tantivy itself needs: the text
//! analyzers, under the names the index schema gives them, and the weight of title
//! matches in dossier's ranking. Register the analyzers on the tantivy index before
//! parsing queries or adding documents, as dossier does on every index it opens:
//!
//! ```no_run
//! let index = tantivy::Index::open_in_dir("index")?;
//! dossier::index_format::register(index.tokenizers());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! These items follow tantivy's API, so they change with the tantivy version dossier
//! uses.

pub use crate::index::{register, KeywordTokenizer, StemmingTokenizer, KEYWORD, STEMMED};
pub use crate::search::TITLE_BOOST;

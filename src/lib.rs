//! dossier: offline analysis of policy texts and news articles.
#![deny(missing_docs)]

mod error;

pub mod eval;
pub mod extract;
pub mod text;

pub use error::{Error, Result};

//! The library's one error type.

use std::path::PathBuf;

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the library.
///
/// User mistakes (a bad rule file, a bad query, a bad argument) are kept apart from
/// internal faults (I/O, the index) so that the CLI can word them differently.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An I/O error on a named path.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An I/O error with no path to name.
    #[error(transparent)]
    IoPlain(#[from] std::io::Error),
    /// An error from the search index.
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A JSON error.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// A rule or word-list file is invalid.
    #[error("{file}:{line}: {msg}")]
    Rule {
        /// The file holding the rule.
        file: String,
        /// One-based line number.
        line: usize,
        /// What is wrong.
        msg: String,
    },
    /// A document could not be read or parsed.
    #[error("{path}: {msg}")]
    Document {
        /// Where the document came from.
        path: String,
        /// What is wrong.
        msg: String,
    },
    /// A search query is invalid.
    #[error("invalid query: {0}")]
    Query(String),
    /// The index is missing, from another schema version, damaged or locked.
    #[error("{path}: {msg}")]
    IndexState {
        /// The index folder.
        path: PathBuf,
        /// What is wrong and how to fix it.
        msg: String,
    },
    /// An invalid argument or input value.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }

    /// True for mistakes the user can fix (bad rule file, query or argument).
    pub fn is_user_error(&self) -> bool {
        matches!(self, Error::Rule { .. } | Error::Query(_) | Error::Invalid(_))
    }
}

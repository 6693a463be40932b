//! Scoring the extractors against gold-standard JSON Lines files, as `dossier eval`
//! does: each `evaluate` returns a [`Report`] of named precision/recall/F1 rows, which
//! prints as a table (`Display`) or as JSON (`Serialize`).
//!
//! ```no_run
//! use dossier::evaluation::{dates, Report};
//!
//! let report: Report = dates::evaluate("gold/dates.jsonl".as_ref(), &dates::Options::default())?;
//! print!("{report}");
//! if report.f1("strict").unwrap_or(0.0) < 0.8 {
//!     eprintln!("below the floor");
//! }
//! # Ok::<(), dossier::Error>(())
//! ```

pub use crate::eval::{Prf, Report, Row};

/// The temporal tagger on TempEval-3 style lines (`{"id","dct","text","timexes":[...]}`).
pub mod dates {
    pub use crate::eval::dates::{evaluate, Options};
}

/// The entity extractor on lines `{"id","text"|"path","entities":[...]}`, with labels
/// mapped to the gold's.
pub mod entities {
    use std::path::Path;

    pub use crate::eval::entities::{conll_map, evaluate, parse_map, Options};
    use crate::eval::Report;

    /// Like [`evaluate`], with the entity rules of `extractor` (built with user rules,
    /// say).
    pub fn evaluate_with(
        extractor: &crate::Extractor,
        gold: &Path,
        options: &Options,
    ) -> crate::Result<Report> {
        crate::eval::entities::evaluate_with(extractor.stages().entities(), gold, options)
    }
}

/// The main text of web pages (`{"id","file","body"}`), by the word 4-gram P/R/F1 of the
/// article-extraction benchmark.
pub mod body {
    pub use crate::eval::body::{evaluate, Options, Outcome, Prediction};
}

/// The published-date finder on web pages (`{"file","url","date"}`).
pub mod published {
    pub use crate::eval::published::{evaluate, Options};
}

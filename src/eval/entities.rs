//! Scores the entity extractor against CoNLL/OntoNotes style gold data.
//!
//! (Being written.)

use std::path::Path;

use super::Report;
use crate::Result;

/// Options for [`evaluate`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How many error examples to list.
    pub errors: usize,
    /// Label mapping from ours to the gold set's, e.g. `PERSON=PER,GPE=LOC`.
    pub map: Vec<(String, String)>,
}

/// Runs the extractor over every document of `gold` and scores it.
pub fn evaluate(gold: &Path, options: &Options) -> Result<Report> {
    let _ = (gold, options);
    Err(crate::Error::Invalid("entity evaluation is not built yet".into()))
}

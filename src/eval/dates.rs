//! Scores the temporal tagger against TempEval-3 style gold data.
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
}

/// Runs the tagger over every document of `gold` with its DCT and scores it.
pub fn evaluate(gold: &Path, options: &Options) -> Result<Report> {
    let _ = (gold, options);
    Err(crate::Error::Invalid("date evaluation is not built yet".into()))
}

//! The temporal tagger: TIMEX3 dates, times, durations and sets.
//!
//! (First interface; the tagger itself is being written.)

use std::ops::Range;

use super::{Dct, Timex};

/// Finds and normalises temporal expressions.
#[derive(Debug, Default)]
pub struct DateTagger {}

impl DateTagger {
    /// A tagger with the built-in rules.
    pub fn new() -> DateTagger {
        DateTagger {}
    }

    /// Tags `text`, whose sentences are `sentences` (byte ranges, in order).
    ///
    /// `dct` is the document creation time when known; when `dct.value` is `None`, the
    /// tagger infers one from the text and returns it with source `inferred` (or
    /// `none`). Returns the DCT used and the expressions, ordered by start offset.
    pub fn tag(&self, text: &str, sentences: &[Range<usize>], dct: Dct) -> (Dct, Vec<Timex>) {
        let _ = (text, sentences);
        (dct, Vec::new())
    }
}

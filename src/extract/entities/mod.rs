//! The entity extractor: gazetteers and rules for PERSON, NORP, ORG, GPE, LOC, FAC,
//! EVENT, LAW, MONEY and PERCENT.
//!
//! (First interface; the extractor itself is being written.)

use std::ops::Range;

use super::Entity;

/// Finds named entities and gives each a canonical name.
#[derive(Debug, Default)]
pub struct EntityExtractor {}

impl EntityExtractor {
    /// An extractor with the built-in gazetteers and rules.
    pub fn new() -> EntityExtractor {
        EntityExtractor {}
    }

    /// Extracts the entities of `text`, whose sentences are `sentences` (byte ranges, in
    /// order). Returns mentions ordered by start offset, not overlapping.
    pub fn extract(&self, text: &str, sentences: &[Range<usize>]) -> Vec<Entity> {
        let _ = (text, sentences);
        Vec::new()
    }
}

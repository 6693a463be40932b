//! The entity extractor: gazetteers and rules for PERSON, NORP, ORG, GPE, LOC, FAC,
//! EVENT, LAW, MONEY and PERCENT.
//!
//! How it works:
//! - `lexicon` holds the built-in word lists (data files under `data/`, sources and
//!   licences in `data/README.md`), parsed once;
//! - `gazetteer` finds known names with one Aho-Corasick automaton, on word boundaries;
//! - `patterns` runs regular-expression rules (money, percentages, user patterns);
//! - `segments` cuts sentences into runs of capitalised words, `classify` labels each
//!   run with ordered rules, and `document` runs two passes per document so that short
//!   and repeated mentions inherit what the first pass learnt;
//! - `firms` joins names of firms written across a comma ("Hobart, Kell & Co.");
//! - `languages` drops nationality words that name a language ("taught in Portuguese");
//! - `spans` applies the OntoNotes span conventions (when a leading "the" or a possessive
//!   is part of a name).
//!
//! Every mention carries the id of the rule that made it (`person/title-name`,
//! `gazetteer/country`, ...), and a canonical name ("United States" for "U.S."; the test
//! `a_country_abbreviation_has_its_canonical_name` shows a use).

mod classify;
mod context;
mod discourse;
mod document;
mod firms;
mod gazetteer;
mod guess;
mod hash;
mod heads;
mod languages;
mod lexicon;
mod patterns;
mod people;
mod segments;
mod sentence_rules;
mod spans;
mod swar;
mod tokens;

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use super::{Entity, Label, RuleId};
use crate::Result;
use gazetteer::Gazetteer;
use lexicon::{Entry, Lexicon};
use patterns::{RuleFile, BUILTIN_RULES};

/// The built-in gazetteer, compiled once.
static BUILTIN_GAZ: LazyLock<Arc<Gazetteer>> =
    LazyLock::new(|| Arc::new(Gazetteer::new(Lexicon::builtin())));

/// A mention while the document is analysed (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub canonical: String,
    pub rule: RuleId,
    pub country: Option<String>,
    /// The gazetteer list it came from, if any.
    pub source: &'static str,
}

impl Mention {
    pub(crate) fn new(
        start: usize,
        end: usize,
        label: Label,
        canonical: String,
        rule: RuleId,
        country: Option<String>,
    ) -> Mention {
        Mention { start, end, label, canonical, rule, country, source: "" }
    }
}

/// Finds named entities and gives each a canonical name.
///
/// Cheap to clone and `Send + Sync`: the built-in lists are shared.
#[derive(Debug, Clone)]
pub struct EntityExtractor {
    gaz: Arc<Gazetteer>,
    user: Option<Arc<RuleFile>>,
    block: HashSet<String>,
}

impl Default for EntityExtractor {
    fn default() -> Self {
        EntityExtractor::new()
    }
}

impl EntityExtractor {
    /// An extractor with the built-in gazetteers and rules.
    pub fn new() -> EntityExtractor {
        LazyLock::force(&BUILTIN_RULES);
        EntityExtractor { gaz: Arc::clone(&BUILTIN_GAZ), user: None, block: HashSet::new() }
    }

    /// An extractor with the built-in lists plus the user rules of `path` (TOML, or JSON
    /// when the name ends in `.json`): gazetteer entries (`[[entry]]` with `name`, `label`,
    /// optional `canonical`, `aliases`, `country`), names never to tag (`block = [...]`) and
    /// regular-expression patterns (`[[pattern]]` with `id`, `label`, `regex`, optional
    /// `canonical` and `examples`). An invalid file is refused with
    /// [`crate::Error::Rule`] naming its line.
    pub fn with_rules(path: &Path) -> Result<EntityExtractor> {
        let file = RuleFile::load(path)?;
        let mut ex = EntityExtractor::new();
        if !file.entries.is_empty() {
            let base = &BUILTIN_GAZ.lexicon;
            let mut entries: Vec<Entry> = Vec::new();
            for (e, label) in &file.entries {
                let canonical = e.canonical.clone().unwrap_or_else(|| e.name.clone());
                for name in std::iter::once(&e.name).chain(&e.aliases) {
                    entries.push(Entry {
                        name: name.clone(),
                        label: *label,
                        canonical: canonical.clone(),
                        country: e.country.clone(),
                        source: "user",
                    });
                }
            }
            entries.extend(base.entries.iter().cloned());
            ex.gaz = Arc::new(Gazetteer::new(Lexicon::from_parts(entries, base.cues.clone())));
        }
        ex.block = file.block.iter().cloned().collect();
        ex.user = Some(Arc::new(file));
        Ok(ex)
    }

    /// Extracts the entities of `text`, whose sentences are `sentences` (byte ranges, in
    /// order). Returns mentions ordered by start offset, not overlapping.
    pub fn extract(&self, text: &str, sentences: &[Range<usize>]) -> Vec<Entity> {
        let mut fixed = BUILTIN_RULES.find(text);
        if let Some(user) = &self.user {
            fixed.extend(user.find(text));
        }
        document::resolve_overlaps(&mut fixed);
        let doc = document::Document::new(text, sentences, &self.gaz);
        let mut found = doc.extract(&fixed);
        // Blocked names are matched as written, before the span conventions add a "the"
        // or a possessive.
        if !self.block.is_empty() {
            found.retain(|m| !self.block.contains(&text[m.start..m.end]));
        }
        firms::join(text, &self.gaz.lexicon, &mut found);
        discourse::apply(text, &mut found);
        languages::drop_languages(text, &mut found);
        spans::apply(text, &mut found);
        found
            .into_iter()
            .map(|m| Entity {
                start: m.start,
                end: m.end,
                label: m.label,
                canonical: m.canonical,
                rule: m.rule,
                country: m.country,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;

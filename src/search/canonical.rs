//! Corpus-wide entity merging at search time: the [`CanonicalMap`] of the index, read
//! from its entity facets, and the groups that let facet counts (the slots of
//! `facets::FacetTable`) and entity filters treat a merged entity ("Antonio Guterres"
//! with "Guterres") as one.
//!
//! A [`crate::search::Searcher`] builds the map from the committed index once per reader
//! generation (names and document counts from the facet dictionaries, one pass per
//! segment; the evidence for a surname or an acronym from a count query per candidate
//! pair), so a new document can change it.

use std::collections::HashMap;

use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{Searcher as TantivySearcher, Term};

use crate::export::{CanonicalMap, NameStat};
use crate::extract::Label;
use crate::index::{fold, Fields, ENTITY_FIELD_LABELS};
use crate::Result;

/// How tantivy joins the path segments of a facet in its dictionary.
const FACET_SEP: char = '\0';

fn label_of(s: &str) -> Option<Label> {
    ENTITY_FIELD_LABELS.into_iter().find(|l| l.as_str() == s)
}

fn facet_term(f: &Fields, label: Label, name: &str) -> Term {
    Term::from_facet(f.entity_facet, &Facet::from_path([label.as_str(), name]))
}

/// The corpus-wide merge of the entities of the index `searcher` reads.
pub(crate) fn build_map(searcher: &TantivySearcher, f: &Fields) -> Result<CanonicalMap> {
    let mut docs: HashMap<(Label, String), usize> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(f.entity_facet)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let Ok(key) = std::str::from_utf8(terms.key()) else { continue };
            let Some((label, name)) = key.split_once(FACET_SEP) else { continue };
            let Some(label) = label_of(label) else { continue };
            *docs.entry((label, name.to_string())).or_default() += terms.value().doc_freq as usize;
        }
    }
    let names =
        docs.iter().map(|((label, name), &n)| NameStat { label: *label, name, documents: n });
    let mut failed = None;
    let map = CanonicalMap::build(names, |label, short, full| {
        let written: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Should, term_query(Term::from_field_text(f.alias, &fold(short)))),
            (Occur::Should, term_query(facet_term(f, label, short))),
        ]));
        let q = BooleanQuery::new(vec![
            (Occur::Must, term_query(facet_term(f, label, full))),
            (Occur::Must, written),
        ]);
        match searcher.search(&q, &Count) {
            Ok(n) => n > 0,
            Err(e) => {
                failed.get_or_insert(e);
                false
            }
        }
    });
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(map),
    }
}

fn term_query(t: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(t, IndexRecordOption::Basic))
}

/// The merged groups as encoded facets: each member's facet to its group, and each
/// group's shown facet.
#[derive(Debug, Default)]
pub(crate) struct FacetGroups {
    group_of: HashMap<String, u32>,
    /// Encoded facet of each group's shown name.
    shown: Vec<String>,
}

impl FacetGroups {
    pub(crate) fn new(map: &CanonicalMap) -> FacetGroups {
        let mut out = FacetGroups::default();
        for (label, shown, members) in map.groups() {
            let g = out.shown.len() as u32;
            out.shown.push(format!("{}{FACET_SEP}{shown}", label.as_str()));
            for m in members {
                out.group_of.insert(format!("{}{FACET_SEP}{m}", label.as_str()), g);
            }
        }
        out
    }

    /// The shown facet of the group the encoded facet `member` was merged into.
    pub(crate) fn group_of(&self, member: &str) -> Option<&str> {
        self.group_of.get(member).map(|&g| self.shown[g as usize].as_str())
    }
}

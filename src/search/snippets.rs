//! Snippets that show why a document matched: the passage of its body holding the most
//! distinct query terms (rarer terms weigh more), and with an entity filter, a mention of
//! the entity counted as one more term, so that a filter-only search shows the mention.
//!
//! The body is scanned once for matched words (only words that could be query terms are
//! analysed, see [`StemmingTokenizer::for_terms`]); the best window is found with two
//! pointers over the matches. Highlights are the matched words inside the passage.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use tantivy::query::Query;

use super::SnippetEntity;
use crate::index::{fold, Mentions, StemmingTokenizer};
use crate::Result;

/// Snippet length in characters.
pub(crate) const SNIPPET_CHARS: usize = 220;
/// Characters of context kept before the passage's first match.
const LEAD_CHARS: usize = 40;
/// Most matched words looked at in one body (a long speech full of a common word).
const MAX_MATCHES: usize = 4_096;

/// Makes the snippets of one search: a passage of each hit's body with the query's
/// terms highlighted and the entities inside it marked.
pub(crate) struct Passages {
    /// Analysed query terms and their weights.
    terms: BTreeMap<String, f32>,
    /// The number of each term in `terms` order.
    ids: HashMap<String, usize>,
    /// One tokenizer for every hit of the page, so that its cache stems each word once.
    tokenizer: RefCell<StemmingTokenizer>,
    /// Folded names of the entities the search is filtered on.
    entities: Vec<String>,
}

/// A matched word or entity mention: byte range in the body, and which term it is
/// (`terms.len()` for an entity mention).
type Match = (Range<usize>, usize);

impl Passages {
    /// The snippet maker for query `q` over the body field; `entities` are the names an
    /// entity filter may match (as the searcher resolved them).
    pub(crate) fn new(
        searcher: &tantivy::Searcher,
        q: &dyn Query,
        body: tantivy::schema::Field,
        entities: &[String],
    ) -> Result<Passages> {
        let terms = body_terms(searcher, q, body)?;
        let ids = terms.keys().enumerate().map(|(i, t)| (t.clone(), i)).collect();
        let tokenizer =
            RefCell::new(StemmingTokenizer::for_terms(terms.keys().map(String::as_str)));
        let entities = entities.iter().map(|e| fold(e)).collect();
        Ok(Passages { terms, ids, tokenizer, entities })
    }

    /// The snippet of `body`, its highlights and its entities (from the stored
    /// `mentions`), offsets in code points within the snippet.
    pub(crate) fn make(
        &self,
        body: &str,
        mentions: Option<&[u8]>,
    ) -> (String, Vec<Range<usize>>, Vec<SnippetEntity>) {
        let matches = self.matches(body, mentions);
        let range = match self.best(&matches) {
            Some(first) => passage(body, first),
            None => 0..opening(body, SNIPPET_CHARS),
        };
        let fragment = &body[range.clone()];
        let mut highlights = Vec::new();
        let mut chars = (range.start, 0);
        for (m, id) in &matches {
            if *id == self.terms.len() || m.start < range.start || m.end > range.end {
                continue;
            }
            chars.1 += body[chars.0..m.start].chars().count();
            let start = chars.1;
            let end = start + body[m.clone()].chars().count();
            highlights.push(start..end);
            chars = (m.end, end);
        }
        let entities = snippet_entities(body, range, mentions);
        (fragment.to_string(), highlights, entities)
    }

    /// Every matched word of `body` (up to [`MAX_MATCHES`]) and every mention of a
    /// filtered entity, in text order.
    fn matches(&self, body: &str, mentions: Option<&[u8]>) -> Vec<Match> {
        let mut out: Vec<Match> = Vec::new();
        if !self.terms.is_empty() {
            let mut tokenizer = self.tokenizer.borrow_mut();
            let found = Cell::new(0);
            let is_term = |t: &str| match self.ids.get(t) {
                Some(&id) => {
                    found.set(id);
                    true
                }
                None => false,
            };
            // Without an entity filter, the scan stops at the first window holding every
            // term: no later window can be better (and the first best one is kept).
            let stop_early = self.entities.is_empty();
            let span = SNIPPET_CHARS - LEAD_CHARS;
            let mut pos = 0;
            while out.len() < MAX_MATCHES {
                let Some(r) = tokenizer.first_match(&body[pos..], is_term) else { break };
                let end = pos + r.end;
                out.push((pos + r.start..end, found.get()));
                if stop_early && self.all_terms_within(&out, end.saturating_sub(span)) {
                    break;
                }
                pos += r.end.max(r.start + 1);
                while pos < body.len() && !body.is_char_boundary(pos) {
                    pos += 1;
                }
                if pos >= body.len() {
                    break;
                }
            }
        }
        if !self.entities.is_empty() {
            if let Some(m) = mentions.and_then(Mentions::parse) {
                let id = self.terms.len();
                let before = out.len();
                out.extend(
                    m.within(0..body.len())
                        .filter(|m| self.entities.contains(&fold(m.canonical)))
                        .map(|m| (m.span, id)),
                );
                if out.len() > before {
                    out.sort_by_key(|(r, id)| (r.start, *id));
                }
            }
        }
        out
    }

    /// True when the matches starting at or after `from` hold every query term.
    fn all_terms_within(&self, matches: &[Match], from: usize) -> bool {
        let want = self.terms.len();
        if want == 1 {
            return true;
        }
        let window = matches.iter().rev().take_while(|(r, _)| r.start >= from);
        if want <= 64 {
            // The usual case, without allocating: the terms seen as bits.
            let seen = window.fold(0u64, |seen, (_, id)| seen | 1 << id);
            return seen.count_ones() as usize == want;
        }
        let mut seen = vec![false; want];
        let mut distinct = 0;
        for (_, id) in window {
            if !seen[*id] {
                seen[*id] = true;
                distinct += 1;
            }
        }
        distinct == want
    }

    /// The start of the best passage: the window of at most the snippet's length with
    /// the most distinct terms, then the most weight (rarer terms weigh more), then the
    /// most matches; the first such window.
    fn best(&self, matches: &[Match]) -> Option<usize> {
        let span = SNIPPET_CHARS - LEAD_CHARS;
        // An entity mention weighs 1, more than any term (1 / (1 + document frequency)).
        let weights: Vec<f32> = self.terms.values().copied().chain([1.0]).collect();
        let mut counts = vec![0usize; weights.len()];
        let mut best: Option<((usize, f32, usize), usize)> = None;
        let mut j = 0;
        for i in 0..matches.len() {
            while j < matches.len() && (j == i || matches[j].0.end <= matches[i].0.start + span) {
                counts[matches[j].1] += 1;
                j += 1;
            }
            let present = || counts.iter().zip(&weights).filter(|(n, _)| **n > 0);
            let score = (present().count(), present().map(|(_, w)| w).sum::<f32>(), j - i);
            let better = best.as_ref().is_none_or(|(b, _)| {
                score.0.cmp(&b.0).then(score.1.total_cmp(&b.1)).then(score.2.cmp(&b.2)).is_gt()
            });
            if better {
                best = Some((score, matches[i].0.start));
            }
            counts[matches[i].1] -= 1;
        }
        best.map(|(_, start)| start)
    }
}

/// The snippet's byte range for a passage whose first match starts at `first`: from a
/// word boundary up to [`LEAD_CHARS`] before it (or the start of its line), for
/// [`SNIPPET_CHARS`] characters cut at a word boundary.
fn passage(body: &str, first: usize) -> Range<usize> {
    let lead_start = body[..first].char_indices().rev().nth(LEAD_CHARS - 1).map_or(0, |(b, _)| b);
    let before = &body[lead_start..first];
    let start = match before.rfind('\n') {
        Some(p) => lead_start + p + 1,
        None if lead_start == 0 => 0,
        None => before.find(char::is_whitespace).map_or(first, |p| lead_start + p + 1),
    };
    let start = start.min(first);
    start..start + opening(&body[start..], SNIPPET_CHARS)
}

/// The analysed terms a query looks for in `field` that occur in the index, with the
/// weight snippets give them: `1 / (1 + document frequency)`, rarer terms first.
fn body_terms(
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    field: tantivy::schema::Field,
) -> Result<BTreeMap<String, f32>> {
    let mut terms = Vec::new();
    q.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.push(term.clone());
        }
    });
    let mut out = BTreeMap::new();
    for term in terms {
        let value = term.value();
        let Some(text) = value.as_str() else { continue };
        if out.contains_key(text) {
            continue;
        }
        let freq = searcher.doc_freq(&term)?;
        if freq > 0 {
            out.insert(text.to_string(), 1.0 / (1.0 + freq as f32));
        }
    }
    Ok(out)
}

/// The byte length of the opening of `body`: at most `max_chars` characters, cut at a
/// word boundary.
fn opening(body: &str, max_chars: usize) -> usize {
    let Some((cut, _)) = body.char_indices().nth(max_chars) else { return body.len() };
    body[..cut].rfind(char::is_whitespace).filter(|&p| p > 0).unwrap_or(cut)
}

/// The entities stored for a document (see [`Mentions`]) that lie inside the snippet's
/// byte range of `body`, with offsets relative to the snippet, in code points.
fn snippet_entities(
    body: &str,
    range: Range<usize>,
    mentions: Option<&[u8]>,
) -> Vec<SnippetEntity> {
    let Some(mentions) = mentions.and_then(Mentions::parse) else { return Vec::new() };
    if range.is_empty() || range.end > body.len() {
        return Vec::new();
    }
    // Code points are counted once, walking forward from mention to mention (from the
    // snippet's start again for a mention that overlaps the one before).
    let (mut at, mut chars) = (range.start, 0);
    let mut code_points = |pos: usize| -> Option<usize> {
        if pos < at {
            (at, chars) = (range.start, 0);
        }
        chars += body.get(at..pos)?.chars().count();
        at = pos;
        Some(chars)
    };
    let mut out = Vec::new();
    for m in mentions.within(range.clone()) {
        let (Some(start), Some(end)) = (code_points(m.span.start), code_points(m.span.end)) else {
            continue;
        };
        out.push(SnippetEntity { start, end, label: m.label, canonical: m.canonical.to_string() });
    }
    out
}

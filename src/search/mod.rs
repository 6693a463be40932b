//! Ranked search over the index: BM25 on title and body, snippets with highlights.
//!
//! The query language is tantivy's: words (all required by default), `"phrases"`,
//! `AND`/`OR`/`NOT`, `-word`, `field:term` with the fields `title`, `body`, `person`,
//! `norp`, `org`, `gpe`, `loc`, `fac`, `event`, `law`, `entity`, `id`, `source`, `timex`.

use std::ops::Range;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, QueryParser, QueryParserError};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, IndexReader, TantivyDocument};

use crate::export::Record;
use crate::index::DossierIndex;
use crate::{Error, Result};

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4_096;
/// Deepest parenthesis nesting accepted.
pub const MAX_QUERY_DEPTH: usize = 16;
/// Most words and operators accepted in one query.
pub const MAX_QUERY_TERMS: usize = 256;
/// Weight of a title match relative to a body match.
pub const TITLE_BOOST: f32 = 2.0;
/// Snippet length in characters.
const SNIPPET_CHARS: usize = 220;

/// Fields a user may name in a query.
const QUERY_FIELDS: &[&str] = &[
    "title", "body", "person", "norp", "org", "gpe", "loc", "fac", "event", "law", "entity", "id",
    "source", "timex",
];

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// One-based rank.
    pub rank: usize,
    /// BM25 score.
    pub score: f32,
    /// Document id.
    pub id: String,
    /// Title, where known.
    pub title: Option<String>,
    /// Source path.
    pub source: String,
    /// Published date (`YYYY-MM-DD`), where known.
    pub published: Option<String>,
    /// A passage of the body around the best matches.
    pub snippet: String,
    /// Code point ranges of the matched terms within `snippet`.
    pub highlights: Vec<Range<usize>>,
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of matching documents.
    pub total: usize,
    /// The hits of the requested page.
    pub hits: Vec<Hit>,
}

/// Search options.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10, offset: 0 }
    }
}

/// Runs queries against one index, on its last commit.
pub struct Searcher {
    index: DossierIndex,
    reader: IndexReader,
    parser: QueryParser,
}

impl Searcher {
    /// A searcher on `index`.
    pub fn new(index: &DossierIndex) -> Result<Searcher> {
        let f = index.fields();
        let mut parser = QueryParser::for_index(index.tantivy(), vec![f.title, f.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, TITLE_BOOST);
        Ok(Searcher { index: index.clone(), reader: index.reader()?, parser })
    }

    /// Parses `query`, refusing hostile ones before tantivy sees them.
    pub fn parse(&self, query: &str) -> Result<Box<dyn Query>> {
        check_query(query)?;
        self.parser.parse_query(query).map_err(|e| Error::Query(explain(query, e)))
    }

    /// Number of documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Searches and returns the requested page of hits with snippets.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let q = self.parse(query)?;
        let searcher = self.reader.searcher();
        let f = self.index.fields();
        let limit = options.limit.max(1);
        let (top, total) = searcher.search(
            &q,
            &(TopDocs::with_limit(limit).and_offset(options.offset).order_by_score(), Count),
        )?;
        let mut snippets = SnippetGenerator::create(&searcher, &*q, f.body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(top.len());
        for (i, (score, addr)) in top.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
            let snippet = snippets.snippet_from_doc(&doc);
            let fragment = snippet.fragment();
            let highlights = snippet
                .highlighted()
                .iter()
                .map(|r| {
                    let s = fragment[..r.start].chars().count();
                    s..s + fragment[r.clone()].chars().count()
                })
                .collect();
            let published = doc
                .get_first(f.published)
                .and_then(|v| v.as_datetime())
                .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
                .map(|d| d.date_naive().to_string());
            hits.push(Hit {
                rank: options.offset + i + 1,
                score,
                id: text(f.id).unwrap_or_default(),
                title: text(f.title),
                source: text(f.source).unwrap_or_default(),
                published,
                snippet: fragment.to_string(),
                highlights,
            });
        }
        Ok(SearchResults { query: query.to_string(), total, hits })
    }

    /// Every record in the index, in index order. Reads one document at a time.
    pub fn records(&self) -> impl Iterator<Item = Result<Record>> + '_ {
        self.records_at(all_addresses(&self.reader.searcher()))
    }

    /// The records of every document matching `query`, in index order.
    pub fn records_matching(
        &self,
        query: &str,
    ) -> Result<impl Iterator<Item = Result<Record>> + '_> {
        let q = self.parse(query)?;
        let searcher = self.reader.searcher();
        let mut addresses: Vec<DocAddress> =
            searcher.search(&q, &tantivy::collector::DocSetCollector)?.into_iter().collect();
        addresses.sort();
        Ok(self.records_at(addresses))
    }

    /// Every record with its document's body text, in index order, optionally only the
    /// documents matching `query`. Reads one document at a time.
    pub fn records_with_text(
        &self,
        query: Option<&str>,
    ) -> Result<impl Iterator<Item = Result<(Record, String)>> + '_> {
        let searcher = self.reader.searcher();
        let mut addresses: Vec<DocAddress> = match query {
            Some(q) => {
                let q = self.parse(q)?;
                searcher.search(&q, &tantivy::collector::DocSetCollector)?.into_iter().collect()
            }
            None => all_addresses(&searcher),
        };
        addresses.sort();
        let f = self.index.fields().clone();
        Ok(addresses.into_iter().map(move |addr| {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let json = doc.get_first(f.record).and_then(|v| v.as_str()).unwrap_or("{}");
            let body = doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or("").to_string();
            Ok((serde_json::from_str(json)?, body))
        }))
    }

    fn records_at(&self, addresses: Vec<DocAddress>) -> impl Iterator<Item = Result<Record>> + '_ {
        let searcher = self.reader.searcher();
        let field = self.index.fields().record;
        addresses.into_iter().map(move |addr| {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let json = doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("{}");
            Ok(serde_json::from_str(json)?)
        })
    }
}

/// The address of every live document, in index order.
fn all_addresses(searcher: &tantivy::Searcher) -> Vec<DocAddress> {
    searcher
        .segment_readers()
        .iter()
        .enumerate()
        .flat_map(|(ord, seg)| {
            seg.doc_ids_alive().map(move |doc| DocAddress::new(ord as u32, doc)).collect::<Vec<_>>()
        })
        .collect()
}

/// Refuses queries that are too long, too deep or have too many clauses, and queries
/// with unbalanced quotes or parentheses, with a message that says how to fix them.
pub fn check_query(query: &str) -> Result<()> {
    if query.trim().is_empty() {
        return Err(Error::Query("the query is empty; give one or more words".into()));
    }
    if query.len() > MAX_QUERY_BYTES {
        return Err(Error::Query(format!(
            "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}: shorten it",
            query.len()
        )));
    }
    let terms = query.split_whitespace().count();
    if terms > MAX_QUERY_TERMS {
        return Err(Error::Query(format!(
            "the query has {terms} words; the limit is {MAX_QUERY_TERMS}: shorten it"
        )));
    }
    if query.chars().filter(|&c| c == '"').count() % 2 == 1 {
        return Err(Error::Query("unbalanced quote: close the phrase with a second \"".into()));
    }
    let (mut depth, mut max_depth, mut in_quote) = (0i64, 0i64, false);
    for c in query.chars() {
        match c {
            '"' => in_quote = !in_quote,
            '(' if !in_quote => {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            ')' if !in_quote => {
                depth -= 1;
                if depth < 0 {
                    return Err(Error::Query("unbalanced parenthesis: a ')' has no '('".into()));
                }
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err(Error::Query("unbalanced parenthesis: a '(' is not closed".into()));
    }
    if max_depth as usize > MAX_QUERY_DEPTH {
        return Err(Error::Query(format!(
            "parentheses nest {max_depth} deep; the limit is {MAX_QUERY_DEPTH}: simplify the query"
        )));
    }
    Ok(())
}

fn explain(query: &str, e: QueryParserError) -> String {
    match e {
        QueryParserError::FieldDoesNotExist(field) => format!(
            "unknown field '{field}' in {query:?}; fields are {}; to search for a word with a colon, quote it",
            QUERY_FIELDS.join(", ")
        ),
        QueryParserError::AllButQueryForbidden => {
            format!("{query:?} only excludes words; add at least one word to search for")
        }
        QueryParserError::SyntaxError(s) => {
            format!("syntax error in {query:?} ({s}); quote special characters or check the operators")
        }
        QueryParserError::FieldNotIndexed(field) => {
            format!("field '{field}' cannot be searched; fields are {}", QUERY_FIELDS.join(", "))
        }
        other => format!("{other} in {query:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_queries_are_refused() {
        assert!(check_query("cyber AND (china OR \"united states\")").is_ok());
        for q in [
            "",
            "  ",
            "\"unbalanced",
            "(a",
            "a)",
            &"(".repeat(1000),
            &format!("{}x{}", "(".repeat(40), ")".repeat(40)),
            &"w ".repeat(100_000),
            &"x".repeat(5000),
        ] {
            assert!(matches!(check_query(q), Err(Error::Query(_))), "{:.40}", q);
        }
    }
}

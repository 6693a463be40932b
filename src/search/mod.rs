//! Ranked search over the index: BM25 on title and body, snippets with highlights.
//!
//! Queries are read as people type them (see [`query`](self::Matching) for the rules):
//! words, `"phrases"`, `+word`, `-word`, `field:term` with the fields `title`, `body`,
//! `person`, `norp`, `org`, `gpe`, `loc`, `fac`, `event`, `law`, `entity`, `id`,
//! `source`, `timex`, and boolean expressions with `AND`/`OR`/`NOT` and parentheses.
//! Documents with all the words come first, then documents with some of them.

mod canonical;
mod counts;
mod facets;
mod filters;
mod limits;
mod query;
mod records;
mod snippets;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, IndexReader, TantivyDocument, Term};

pub use facets::{FacetCount, Facets};
pub use filters::{parse_date_range, period, Filters};
pub use limits::check_query;
use limits::{check_nesting, check_page, explain};
pub use query::Matching;

use crate::export::{CanonicalMap, Record};
use crate::extract::{EntityExtractor, Label};
use crate::index::{fold, DossierIndex, ENTITY_FIELD_LABELS};
use crate::{Error, Result};
use snippets::Passages;

/// Longest query accepted, in bytes (a pasted paragraph or two).
pub const MAX_QUERY_BYTES: usize = 16_384;
/// Deepest parenthesis nesting accepted.
pub const MAX_QUERY_DEPTH: usize = 16;
/// Most words and operators accepted in one query.
pub const MAX_QUERY_TERMS: usize = 2_048;
/// Most hits one search returns.
pub const MAX_LIMIT: usize = 10_000;
/// Most hits one search may skip (`offset`).
pub const MAX_OFFSET: usize = 100_000;
/// Weight of a title match relative to a body match.
pub const TITLE_BOOST: f32 = 2.0;

/// Fields a user may name in a query.
const QUERY_FIELDS: &[&str] = &[
    "title", "body", "person", "norp", "org", "gpe", "loc", "fac", "event", "law", "entity", "id",
    "source", "timex",
];

/// An entity mention inside a snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetEntity {
    /// Code point offset within the snippet.
    pub start: usize,
    /// Code point offset one past the end, within the snippet.
    pub end: usize,
    /// Label.
    pub label: Label,
    /// Canonical name.
    pub canonical: String,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// One-based rank.
    pub rank: usize,
    /// BM25 score (0 when sorted by date with an empty query).
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
    /// Entities mentioned inside `snippet`, with code point offsets within it.
    pub entities: Vec<SnippetEntity>,
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
    /// Facet counts over all matching documents, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
}

/// The order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best BM25 score first.
    #[default]
    Relevance,
    /// Newest published date first (undated documents last).
    Date,
}

/// Search options.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Filters that narrow the matches without changing scores.
    pub filters: Filters,
    /// Order of hits.
    pub sort: Sort,
    /// How the free words of the query must match.
    pub matching: Matching,
    /// Compute facets, keeping this many entities per label.
    pub facets: Option<usize>,
    /// Make snippets (with highlights and entities); without them a hit's `snippet`,
    /// `highlights` and `entities` are empty, for scripts that need ids and titles only.
    pub snippets: bool,
}

impl SearchOptions {
    /// The largest [`limit`](Self::limit) a search takes.
    pub const MAX_LIMIT: usize = MAX_LIMIT;
    /// The largest [`offset`](Self::offset) a search takes.
    pub const MAX_OFFSET: usize = MAX_OFFSET;
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            filters: Filters::default(),
            sort: Sort::Relevance,
            matching: Matching::Ranked,
            facets: None,
            snippets: true,
        }
    }
}

/// The corpus-wide merge of entity names, and the facet values of every segment with
/// merged names counted as one.
#[derive(Debug)]
pub struct Canonical {
    /// Which names merge into which.
    pub map: CanonicalMap,
    facets: Arc<facets::FacetTables>,
}

/// Runs queries against one index, on its last commit.
pub struct Searcher {
    index: DossierIndex,
    reader: IndexReader,
    parser: QueryParser,
    entities: OnceLock<EntityExtractor>,
    /// The corpus-wide merge of names, with the reader generation it was built from: a
    /// live searcher builds it again after a commit, so new documents can change it.
    canonical: Mutex<Option<(u64, Arc<Canonical>)>>,
    /// The number of matches and the facets of recent queries, for one reader generation.
    counts: counts::CountCache,
}

impl Searcher {
    /// A searcher on `index`, on the commit that was last when it was made.
    pub fn new(index: &DossierIndex) -> Result<Searcher> {
        Searcher::with_reader(index, index.reader()?)
    }

    /// A searcher that follows `index`: documents committed later (by an ingest
    /// running beside it) are found shortly after their commit.
    pub fn live(index: &DossierIndex) -> Result<Searcher> {
        Searcher::with_reader(index, index.live_reader()?)
    }

    fn with_reader(index: &DossierIndex, reader: IndexReader) -> Result<Searcher> {
        let f = index.fields();
        // Words are looked up in the English body and in the body fields of the other
        // languages, each analysed with its own stemmer.
        let mut default_fields = vec![f.title, f.body];
        default_fields.extend(f.native_bodies.iter().map(|(_, field)| *field));
        let mut parser = QueryParser::for_index(index.tantivy(), default_fields);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, TITLE_BOOST);
        Ok(Searcher {
            index: index.clone(),
            reader,
            parser,
            entities: OnceLock::new(),
            canonical: Mutex::new(None),
            counts: counts::CountCache::new(0),
        })
    }

    /// Keeps the number of matches and the facets of the last `queries` queries, until the
    /// next commit is read: the next page of a query, or the same query again, then only
    /// ranks its page of hits. Off (0) unless asked for; the web app keeps 256.
    pub fn keep_counts(mut self, queries: usize) -> Searcher {
        self.counts = counts::CountCache::new(queries);
        self
    }

    /// Parses `query` with every free word required (as `--all` does), refusing only
    /// hostile queries and queries with nothing to search for.
    pub fn parse(&self, query: &str) -> Result<Box<dyn Query>> {
        Ok(self.compile(query, Matching::All)?.matches)
    }

    /// The query as typed, compiled for `matching`.
    fn compile(&self, text: &str, matching: Matching) -> Result<Compiled> {
        check_query(text)?;
        let pieces = query::lex(text);
        if query::is_boolean(&pieces) {
            check_nesting(&pieces)?;
            let rendered = query::render_all(&pieces);
            let q =
                self.parser.parse_query(&rendered).map_err(|e| Error::Query(explain(text, e)))?;
            return Ok(Compiled { matches: q, all_words: None, entity_names: Vec::new() });
        }
        let mut fields = self.text_fields()?;
        let mut fixed: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for piece in &pieces {
            let occur = if piece.mark == Some('-') { Occur::MustNot } else { Occur::Must };
            match &piece.token {
                query::Token::Word(w) if piece.mark.is_some() => {
                    let words: Vec<(String, usize)> = w
                        .split('/')
                        .filter(|s| !s.is_empty())
                        .map(|s| (s.to_lowercase(), 1))
                        .collect();
                    fixed.extend(fields.word_queries(&words).into_iter().map(|q| (occur, q)));
                }
                query::Token::Phrase(_) | query::Token::Field { .. } => {
                    let unmarked = query::Piece { mark: None, token: piece.token.clone() };
                    let q = self
                        .parser
                        .parse_query(&query::render(&unmarked))
                        .map_err(|e| Error::Query(explain(text, e)))?;
                    fixed.push((occur, q));
                }
                _ => {}
            }
        }
        let words = fields.word_queries(&query::free_words(&pieces));
        if words.is_empty() && !fixed.iter().any(|(o, _)| *o == Occur::Must) {
            return Err(Error::Query(if fixed.is_empty() {
                format!("{text:?} has no words to search for; give one or more words")
            } else {
                format!("{text:?} only excludes words; add at least one word to search for")
            }));
        }
        let with = |occur: Occur, words: &[Box<dyn Query>]| -> Box<dyn Query> {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                fixed.iter().map(|(o, q)| (*o, q.box_clone())).collect();
            clauses.extend(words.iter().map(|q| (occur, q.box_clone())));
            Box::new(BooleanQuery::new(clauses))
        };
        Ok(match matching {
            Matching::All => Compiled {
                matches: with(Occur::Must, &words),
                all_words: None,
                entity_names: Vec::new(),
            },
            Matching::Any => Compiled {
                matches: with(Occur::Should, &words),
                all_words: None,
                entity_names: Vec::new(),
            },
            Matching::Ranked => Compiled {
                matches: with(Occur::Should, &words),
                all_words: (words.len() > 1).then(|| with(Occur::Must, &words)),
                entity_names: Vec::new(),
            },
        })
    }

    /// The fields free words are looked for in: title (boosted), body, and the bodies of
    /// documents in other languages, each field with its own stemmer.
    fn text_fields(&self) -> Result<query::TextFields> {
        let f = self.index.fields();
        let tantivy = self.index.tantivy();
        let mut fields = vec![
            (f.body, tantivy.tokenizer_for_field(f.body)?, 1.0),
            (f.title, tantivy.tokenizer_for_field(f.title)?, TITLE_BOOST),
        ];
        for (_, field) in &f.native_bodies {
            fields.push((*field, tantivy.tokenizer_for_field(*field)?, 1.0));
        }
        Ok(query::TextFields { fields })
    }

    fn build(&self, query: &str, filters: &Filters, matching: Matching) -> Result<Compiled> {
        let everything = query.trim().is_empty() || query.trim() == "*";
        let base = if everything && (!filters.is_empty() || query.trim() == "*") {
            Compiled { matches: Box::new(AllQuery), all_words: None, entity_names: Vec::new() }
        } else {
            self.compile(query, matching)?
        };
        if filters.is_empty() {
            return Ok(base);
        }
        let names: Vec<Vec<String>> =
            filters.entities.iter().map(|e| self.entity_names(e)).collect::<Result<_>>()?;
        let f = self.index.fields();
        let filtered = |q: Box<dyn Query>| -> Box<dyn Query> {
            let mut clauses = vec![(Occur::Must, q)];
            clauses.extend(filters::clauses(f, filters, &names));
            Box::new(BooleanQuery::new(clauses))
        };
        Ok(Compiled {
            matches: filtered(base.matches),
            all_words: base.all_words.map(filtered),
            entity_names: names.into_iter().flatten().collect(),
        })
    }

    /// Every name an entity filter may match: the name itself, the canonical name the
    /// extractor's gazetteers give it, and the canonical names that documents in the
    /// index gave to mentions written that way ("PLA" -> "People's Liberation Army").
    pub fn entity_names(&self, name: &str) -> Result<Vec<String>> {
        let mut names = vec![name.trim().to_string()];
        let extractor = self.entities.get_or_init(EntityExtractor::new);
        let sentences = crate::text::sentences(name);
        for e in extractor.extract(name, &sentences) {
            if e.end - e.start == name.trim().len() {
                names.push(e.canonical);
            }
        }
        let f = self.index.fields();
        let folded = fold(name);
        let term = Term::from_field_text(f.alias, &folded);
        let q = TermQuery::new(term, IndexRecordOption::Basic);
        let searcher = self.reader.searcher();
        let top = searcher.search(&q, &TopDocs::with_limit(20).order_by_score())?;
        for (_, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let json = doc.get_first(f.record).and_then(|v| v.as_str()).unwrap_or("{}");
            let record: Record = serde_json::from_str(json)?;
            for e in record.entities {
                if fold(&e.text) == folded || fold(&e.canonical) == folded {
                    names.push(e.canonical);
                }
            }
        }
        let canonical = self.canonical()?;
        let map = &canonical.map;
        let merged: Vec<String> = names
            .iter()
            .flat_map(|n| ENTITY_FIELD_LABELS.map(|l| map.members(l, map.resolve(l, n))))
            .flatten()
            .cloned()
            .collect();
        names.extend(merged);
        names.sort_by_key(|n| fold(n));
        names.dedup_by_key(|n| fold(n));
        Ok(names)
    }

    /// The corpus-wide merge of entity names of the index ("Guterres" into "Antonio
    /// Guterres"), built from the committed index on first use (and again after a commit,
    /// for a live searcher).
    pub fn canonical_map(&self) -> Result<Arc<Canonical>> {
        self.canonical()
    }

    fn canonical(&self) -> Result<Arc<Canonical>> {
        self.canonical_at(&self.reader.searcher())
    }

    /// The merge of the commit `searcher` reads: the cached one when it is of the same
    /// reader generation, else built (while other callers wait rather than build it too).
    fn canonical_at(&self, searcher: &tantivy::Searcher) -> Result<Arc<Canonical>> {
        let generation = searcher.generation().generation_id();
        let mut cache = self.canonical.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((g, c)) = cache.as_ref() {
            if *g == generation {
                return Ok(Arc::clone(c));
            }
        }
        let map = canonical::build_map(searcher, self.index.fields())?;
        let groups = canonical::FacetGroups::new(&map);
        let facets = Arc::new(facets::FacetTables::new(searcher, &groups)?);
        let c = Arc::new(Canonical { map, facets });
        *cache = Some((generation, Arc::clone(&c)));
        Ok(c)
    }

    /// Number of documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Number of documents matching `query` (its free words as `matching` says) and
    /// `filters`.
    pub fn count_matching(
        &self,
        query: &str,
        filters: &Filters,
        matching: Matching,
    ) -> Result<usize> {
        let q = self.build(query, filters, matching)?.matches;
        Ok(self.reader.searcher().search(&q, &Count)?)
    }

    /// Searches and returns the requested page of hits with snippets (and facets).
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        check_page(options)?;
        let Compiled { matches: q, all_words, entity_names } =
            self.build(query, &options.filters, options.matching)?;
        let searcher = self.reader.searcher();
        let f = self.index.fields();
        // A ranked query of several words ranks its page in `all_words_first`.
        let ranked_by_all = all_words.is_some() && options.sort == Sort::Relevance;
        let generation = searcher.generation().generation_id();
        let key = counts::CountKey::new(query, options);
        let (top, counted) = match self.counts.get(generation, &key) {
            Some(counted) if ranked_by_all => (Vec::new(), counted),
            Some(counted) => (counts::page_only(&searcher, &*q, options)?, counted),
            None => {
                let tables = match options.facets {
                    Some(_) => Some(Arc::clone(&self.canonical_at(&searcher)?.facets)),
                    None => None,
                };
                let (top, counted) = counts::page_and_counts(
                    &searcher,
                    &*q,
                    options,
                    tables.as_deref(),
                    !ranked_by_all,
                )?;
                let counted = Arc::new(counted);
                self.counts.insert(generation, key, Arc::clone(&counted));
                (top, counted)
            }
        };
        let top = match &all_words {
            Some(all) if ranked_by_all => all_words_first(&searcher, &**all, &*q, options)?,
            _ => top,
        };
        let top: Vec<(f32, DocAddress)> = top.into_iter().take(options.limit).collect();
        let passages = if options.snippets {
            Some(Passages::new(&searcher, &*q, f.body, &entity_names)?)
        } else {
            None
        };
        let mut hits = Vec::with_capacity(top.len());
        for (i, (score, addr)) in top.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
            let (snippet, highlights, entities) = match &passages {
                Some(p) => p.make(
                    doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or(""),
                    doc.get_first(f.mentions).and_then(|v| v.as_bytes()),
                ),
                None => Default::default(),
            };
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
                snippet,
                highlights,
                entities,
            });
        }
        Ok(SearchResults {
            query: query.to_string(),
            total: counted.total,
            hits,
            facets: counted.facets.clone(),
        })
    }
}

/// A compiled query: what matches, and for a ranked query of several free words, the
/// query with every word required, whose hits come first.
struct Compiled {
    matches: Box<dyn Query>,
    all_words: Option<Box<dyn Query>>,
    /// Every name the entity filters may match.
    entity_names: Vec<String>,
}

/// The page of hits when documents with all the words come first: the best of those,
/// then the best of the rest of `any`, each group by score.
fn all_words_first(
    searcher: &tantivy::Searcher,
    all: &dyn Query,
    any: &dyn Query,
    options: &SearchOptions,
) -> Result<Vec<(f32, DocAddress)>> {
    let want = options.offset + options.limit.max(1);
    let mut ranked = searcher.search(all, &TopDocs::with_limit(want).order_by_score())?;
    if ranked.len() < want {
        let seen: HashSet<DocAddress> = ranked.iter().map(|(_, a)| *a).collect();
        let rest =
            searcher.search(any, &TopDocs::with_limit(want + seen.len()).order_by_score())?;
        let missing = want - ranked.len();
        ranked.extend(rest.into_iter().filter(|(_, a)| !seen.contains(a)).take(missing));
    }
    Ok(ranked.into_iter().skip(options.offset).collect())
}

//! The number of matching documents and the facets of a search, which do not depend on
//! the page asked for, and a cache of them for the last queries of one reader
//! generation: the next page of a query, or the same query asked again (a web page
//! reloaded, a facet removed again), only ranks the page of hits.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::DocAddress;

use super::facets::FacetTables;
use super::{Facets, Filters, Matching, SearchOptions, Sort};
use crate::Result;

/// What the counts of a search depend on: not the page, not the order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct CountKey {
    query: String,
    filters: Filters,
    matching: Matching,
    facets: Option<usize>,
}

impl CountKey {
    pub(crate) fn new(query: &str, options: &SearchOptions) -> CountKey {
        CountKey {
            query: query.to_string(),
            filters: options.filters.clone(),
            matching: options.matching,
            facets: options.facets,
        }
    }
}

/// The number of matching documents, and the facets when they were asked for.
#[derive(Debug)]
pub(crate) struct Counted {
    pub(crate) total: usize,
    pub(crate) facets: Option<Facets>,
}

/// The counts of the last `capacity` queries of the newest reader generation seen; a
/// newer generation (a commit) empties it.
#[derive(Debug, Default)]
pub(crate) struct CountCache {
    capacity: usize,
    inner: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    generation: u64,
    /// Incremented at each use; the entry used longest ago goes first when full.
    clock: u64,
    counted: HashMap<CountKey, (u64, Arc<Counted>)>,
}

impl CountCache {
    /// A cache of the counts of `capacity` queries (none: nothing is kept).
    pub(crate) fn new(capacity: usize) -> CountCache {
        CountCache { capacity, inner: Mutex::default() }
    }

    /// The counts of `key` on reader generation `generation`, if kept.
    pub(crate) fn get(&self, generation: u64, key: &CountKey) -> Option<Arc<Counted>> {
        let mut e = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if e.generation != generation {
            return None;
        }
        e.clock += 1;
        let now = e.clock;
        let (used, counted) = e.counted.get_mut(key)?;
        *used = now;
        Some(Arc::clone(counted))
    }

    /// Keeps the counts of `key` on reader generation `generation` (dropping those of older
    /// generations; counts of a generation older than the kept ones are not kept).
    pub(crate) fn insert(&self, generation: u64, key: CountKey, counted: Arc<Counted>) {
        let mut e = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if generation < e.generation || self.capacity == 0 {
            return;
        }
        if generation > e.generation {
            e.generation = generation;
            e.counted.clear();
        }
        if e.counted.len() >= self.capacity && !e.counted.contains_key(&key) {
            let oldest = e.counted.iter().min_by_key(|(_, (used, _))| *used).map(|(k, _)| k);
            if let Some(k) = oldest.cloned() {
                e.counted.remove(&k);
            }
        }
        e.clock += 1;
        let now = e.clock;
        e.counted.insert(key, (now, counted));
    }
}

/// The page of hits of `q` (unless `page` is false), and its counts: the number of matches
/// and, with `tables`, the facets, keeping `options.facets` entities per label.
pub(crate) fn page_and_counts(
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    options: &SearchOptions,
    tables: Option<&FacetTables>,
    page: bool,
) -> Result<(Vec<(f32, DocAddress)>, Counted)> {
    let facets = tables.map(FacetTables::collectors);
    let (top, total, counts) = match options.sort {
        Sort::Relevance => {
            let top = page.then(|| top_docs(options).order_by_score());
            searcher.search(q, &(top, Count, facets))?
        }
        Sort::Date => {
            let top = page.then(|| by_date(options));
            let (top, total, counts) = searcher.search(q, &(top, Count, facets))?;
            (top.map(|t| t.into_iter().map(|(_, addr)| (0.0, addr)).collect()), total, counts)
        }
    };
    let facets = match (tables, counts) {
        (Some(t), Some((e, y, m))) => Some(t.build(&e, &y, &m, options.facets.unwrap_or(0))),
        _ => None,
    };
    Ok((top.unwrap_or_default(), Counted { total, facets }))
}

/// The page of hits of `q` alone, when its counts are known.
pub(crate) fn page_only(
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    options: &SearchOptions,
) -> Result<Vec<(f32, DocAddress)>> {
    Ok(match options.sort {
        Sort::Relevance => searcher.search(q, &top_docs(options).order_by_score())?,
        Sort::Date => searcher
            .search(q, &by_date(options))?
            .into_iter()
            .map(|(_, addr)| (0.0, addr))
            .collect(),
    })
}

fn top_docs(options: &SearchOptions) -> TopDocs {
    TopDocs::with_limit(options.limit.max(1)).and_offset(options.offset)
}

fn by_date(
    options: &SearchOptions,
) -> impl tantivy::collector::Collector<Fruit = Vec<(Option<tantivy::DateTime>, DocAddress)>> {
    top_docs(options).order_by_fast_field::<tantivy::DateTime>("published", tantivy::Order::Desc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(query: &str) -> CountKey {
        CountKey::new(query, &SearchOptions::default())
    }

    fn counted(total: usize) -> Arc<Counted> {
        Arc::new(Counted { total, facets: None })
    }

    #[test]
    fn counts_are_kept_for_their_generation_only() {
        let cache = CountCache::new(8);
        cache.insert(3, key("china"), counted(7));
        assert_eq!(cache.get(3, &key("china")).map(|c| c.total), Some(7));
        assert!(cache.get(3, &key("chinese")).is_none());
        // A commit: the next generation finds nothing, and its counts replace the old ones.
        assert!(cache.get(4, &key("china")).is_none());
        cache.insert(4, key("china"), counted(9));
        assert_eq!(cache.get(4, &key("china")).map(|c| c.total), Some(9));
        assert!(cache.get(3, &key("china")).is_none());
        // A search that started before the commit does not bring back old counts.
        cache.insert(3, key("india"), counted(1));
        assert!(cache.get(4, &key("india")).is_none());
        assert!(cache.get(3, &key("india")).is_none());
    }

    #[test]
    fn options_that_change_the_counts_are_part_of_the_key() {
        let mut faceted = SearchOptions { facets: Some(10), ..SearchOptions::default() };
        assert_ne!(key("china"), CountKey::new("china", &faceted));
        faceted.facets = None;
        faceted.matching = Matching::All;
        assert_ne!(key("china"), CountKey::new("china", &faceted));
        let filtered = SearchOptions {
            filters: Filters { entities: vec!["Xi".into()], ..Filters::default() },
            ..SearchOptions::default()
        };
        assert_ne!(key("china"), CountKey::new("china", &filtered));
        // The page and the order do not change the counts.
        let page = SearchOptions { offset: 10, sort: Sort::Date, ..SearchOptions::default() };
        assert_eq!(key("china"), CountKey::new("china", &page));
    }

    #[test]
    fn the_query_used_longest_ago_goes_first() {
        let cache = CountCache::new(16);
        for i in 0..16 {
            cache.insert(1, key(&format!("q{i}")), counted(i));
        }
        assert!(cache.get(1, &key("q0")).is_some());
        cache.insert(1, key("new"), counted(0));
        assert!(cache.get(1, &key("q0")).is_some(), "q0 was used last");
        assert!(cache.get(1, &key("q1")).is_none(), "q1 was used longest ago");
        assert!(cache.get(1, &key("new")).is_some());
    }

    #[test]
    fn a_cache_of_no_queries_keeps_nothing() {
        let cache = CountCache::new(0);
        cache.insert(1, key("china"), counted(7));
        assert!(cache.get(1, &key("china")).is_none());
    }
}

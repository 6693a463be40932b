//! Reading stored documents: one by id, and the records of all documents or of those a
//! query matches, for `show` and the exports.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, TantivyDocument, Term};

use super::{Filters, Matching, Searcher};
use crate::export::Record;
use crate::Result;

impl Searcher {
    /// The record and body text of the document with id `id`.
    pub fn document(&self, id: &str) -> Result<Option<(Record, String)>> {
        let f = self.index.fields();
        let q = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
        let searcher = self.reader.searcher();
        let Some((_, addr)) = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?.pop()
        else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        let json = doc.get_first(f.record).and_then(|v| v.as_str()).unwrap_or("{}");
        let body = doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or("").to_string();
        Ok(Some((serde_json::from_str(json)?, body)))
    }

    /// Every record in the index, in index order. Reads one document at a time.
    pub fn records(&self) -> impl Iterator<Item = Result<Record>> + '_ {
        self.records_at(all_addresses(&self.reader.searcher()))
    }

    /// Every record in the index, in index order, by an iterator that owns what it reads
    /// (for callers that keep it beyond the searcher, such as other languages' bindings).
    pub fn into_records(self) -> impl Iterator<Item = Result<Record>> + Send + 'static {
        let searcher = self.reader.searcher();
        let field = self.index.fields().record;
        all_addresses(&searcher).into_iter().map(move |addr| {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let json = doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("{}");
            Ok(serde_json::from_str(json)?)
        })
    }

    /// The records of every document matching `query`, in index order.
    pub fn records_matching(
        &self,
        query: &str,
    ) -> Result<impl Iterator<Item = Result<Record>> + Send + 'static> {
        let q = self.parse(query)?;
        let searcher = self.reader.searcher();
        let mut addresses: Vec<DocAddress> =
            searcher.search(&q, &tantivy::collector::DocSetCollector)?.into_iter().collect();
        addresses.sort();
        Ok(self.records_at(addresses))
    }

    /// The best `limit` documents matching `query` and `filters` (all of them, best
    /// first, for an empty query with filters), as records with their body text, and the
    /// number of matching documents.
    pub fn records_where(
        &self,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<(usize, Vec<(Record, String)>)> {
        let q = self.build(query, filters, Matching::Ranked)?.matches;
        let searcher = self.reader.searcher();
        let f = self.index.fields();
        let top = TopDocs::with_limit(limit.max(1)).order_by_score();
        let (top, total) = searcher.search(&q, &(top, Count))?;
        let mut out = Vec::with_capacity(top.len());
        for (_, addr) in top.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let json = doc.get_first(f.record).and_then(|v| v.as_str()).unwrap_or("{}");
            let body = doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or("").to_string();
            out.push((serde_json::from_str(json)?, body));
        }
        Ok((total, out))
    }

    /// Every record with its document's body text, in index order, optionally only the
    /// documents matching `query`. Reads one document at a time.
    pub fn records_with_text(
        &self,
        query: Option<&str>,
    ) -> Result<impl Iterator<Item = Result<(Record, String)>> + Send + 'static> {
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

    fn records_at(
        &self,
        addresses: Vec<DocAddress>,
    ) -> impl Iterator<Item = Result<Record>> + Send + 'static {
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

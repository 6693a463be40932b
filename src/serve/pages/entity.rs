//! The entity page, `/entity/{label}/{canonical}`: aliases with counts, ISO code,
//! documents that mention it (with the mention in context), entities named with it, and
//! a timeline of the dates in the sentences that name it.

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use maud::html;

use super::chart::{buckets, chart};
use super::layout::{doc_href, marked_snippet, page, Nav};
use super::search::entity_chip;
use super::timeline::list;
use crate::export::{entity_entries, timeline_events, EntityEntry, TimelineEvent, TimelineFilter};
use crate::extract::Label;
use crate::search::{Filters, SearchOptions, SearchResults};
use crate::serve::params::FACET_SIZE;
use crate::serve::response::Failure;
use crate::serve::state::{blocking, Shared};

/// Documents read to count aliases and collect the timeline (the most relevant ones);
/// the page says when more mention the entity.
const MAX_DOCUMENTS: usize = 300;
/// Documents listed per page.
const PAGE: usize = 10;
/// Events listed (the chart counts them all).
const MAX_EVENTS: usize = 100;

struct Found {
    results: SearchResults,
    entry: Option<EntityEntry>,
    read: usize,
    events: Vec<TimelineEvent>,
}

/// `GET /entity/{label}/{canonical}`; `?offset=N` pages through the documents.
pub(crate) async fn handler(
    State(app): State<Shared>,
    Path((label, canonical)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(label) = Label::parse(&label) else {
        return Failure::not_found(format!(
            "unknown label {label:?}; labels are {}",
            Label::ALL.map(Label::as_str).join(", ")
        ))
        .into_response();
    };
    let mut offset = 0;
    for (k, v) in form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes()) {
        match (k.as_ref(), v.trim().parse::<usize>()) {
            ("offset", Ok(n)) if n <= crate::search::MAX_OFFSET => offset = n,
            _ => {
                return Failure::bad_request(format!(
                    "{k}={v:?}: this page takes only offset, a whole number"
                ))
                .into_response()
            }
        }
    }
    let name = canonical.clone();
    let found = blocking(&app, move |app| {
        let filters =
            Filters { entities: vec![name.clone()], label: Some(label), ..Default::default() };
        let options = SearchOptions {
            limit: PAGE,
            offset,
            filters: filters.clone(),
            facets: Some(FACET_SIZE + 1),
            ..Default::default()
        };
        let results = app.searcher.search("", &options)?;
        let (_, docs) = app.searcher.records_where("", &filters, MAX_DOCUMENTS)?;
        let canonical = app.searcher.canonical_map()?;
        let records = docs.iter().map(|(r, _)| Ok(r.clone()));
        let entry = entity_entries(records, &[label], 1, &canonical.map)?
            .into_iter()
            .find(|e| e.canonical == name);
        let filter = TimelineFilter::entity(&name);
        let mut events: Vec<TimelineEvent> =
            docs.iter().flat_map(|(r, body)| timeline_events(r, body, &filter)).collect();
        events.sort();
        Ok(Found { results, entry, read: docs.len(), events })
    })
    .await;
    let Found { results, entry, read, events } = match found {
        Ok(f) if f.results.total == 0 => {
            return Failure::not_found(format!(
                "no document mentions {canonical:?} as {}; search to find entities",
                label.as_str()
            ))
            .into_response()
        }
        Ok(f) => f,
        Err(f) => return f.into_response(),
    };
    let total = results.total;
    let co: Vec<(Label, &str, u64)> = results
        .facets
        .iter()
        .flat_map(|f| f.entities.iter())
        .flat_map(|(l, counts)| counts.iter().map(move |c| (*l, c.value.as_str(), c.documents)))
        .filter(|(l, v, _)| !(*l == label && *v == canonical))
        .collect();
    let mut co = co;
    co.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(b.1)));
    let search_href = {
        let mut s = form_urlencoded::Serializer::new(String::new());
        s.append_pair("entity", &canonical).append_pair("label", label.as_str());
        format!("/?{}", s.finish())
    };
    let timeline_href = {
        let mut s = form_urlencoded::Serializer::new(String::new());
        s.append_pair("entity", &canonical);
        format!("/timeline?{}", s.finish())
    };
    let page_href = |o: usize| format!("?offset={o}");
    let content = html! {
        h1 { (canonical) " " span.chip.(label.as_str()) { (label.as_str()) } }
        p.count role="status" {
            "Mentioned in " (total) " documents"
            @if let Some(c) = entry.as_ref().and_then(|e| e.country.as_deref()) { " · ISO code " code { (c) } }
            " · " a href=(search_href) { "search within them" }
            " · " a href=(timeline_href) { "full timeline" }
        }
        @if let Some(e) = &entry {
            section aria-labelledby="aliases" {
                h2 #aliases { "Written as" }
                @if read < total { p.meta { "Counted in the " (read) " most relevant of the " (total) " documents." } }
                ul.aliases {
                    @for a in &e.aliases { li { (a.text) " " span.n { (a.count) } } }
                }
                p.meta { (e.mentions) " mentions in " (e.documents) " documents"
                    @if let (Some(a), Some(b)) = (&e.first_date, &e.last_date) { "; dates near it from " (a) " to " (b) } }
            }
        }
        div.results {
            section.hits aria-labelledby="docs" {
                h2 #docs { "Documents" }
                ol start=(offset + 1) {
                    @for h in &results.hits {
                        li.hit {
                            h3 { a href=(doc_href(&h.id)) { (h.title.as_deref().unwrap_or(&h.id)) } }
                            div.meta { span { (h.source) } span { (h.published.as_deref().unwrap_or("date unknown")) } }
                            @if !h.snippet.is_empty() { p.snippet { (marked_snippet(&h.snippet, &h.highlights, &h.entities)) } }
                        }
                    }
                }
                @if offset > 0 || offset + PAGE < total {
                    nav.pages aria-label="Pages" {
                        @if offset > 0 { a rel="prev" href=(page_href(offset.saturating_sub(PAGE))) { "← Previous" } }
                        @if offset + PAGE < total { a rel="next" href=(page_href(offset + PAGE)) { "Next →" } }
                    }
                }
            }
            nav.facets aria-labelledby="co" {
                h2 #co { "Named with it" }
                ul.chips { @for (l, v, n) in &co { li { (entity_chip(*l, v, Some(*n as usize))) } } }
            }
        }
        section aria-labelledby="when" {
            h2 #when { "Timeline" }
            @if events.is_empty() { p { "No sentence naming it holds a calendar date." } }
            (chart(&buckets(&events)))
            (list(&events, MAX_EVENTS))
        }
    };
    page(&canonical, Nav::None, content).into_response()
}

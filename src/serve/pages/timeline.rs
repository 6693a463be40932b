//! The timeline page, `/timeline?q=...&entity=...`: dated sentences in date order, with
//! a chart of counts per month.

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::chart::{buckets, chart};
use super::layout::{doc_href, page, Nav};
use super::search::entity_chip;
use crate::export::{timeline_events, TimelineEvent, TimelineFilter};
use crate::search::Filters;
use crate::serve::response::Failure;
use crate::serve::state::{blocking, App, Shared};

/// Most documents read for one timeline page (the best matches); the page says so when
/// more match. `/api/timeline` reads them all.
pub(crate) const MAX_DOCUMENTS: usize = 500;
/// Most events listed on a page (the chart counts them all).
const MAX_EVENTS: usize = 400;

/// The events of the best [`MAX_DOCUMENTS`] documents matching `q` that name `entity`
/// (in the same sentence), in date order, and the number of matching documents.
pub(crate) fn events(
    app: &App,
    q: &str,
    entity: Option<&str>,
    max_documents: usize,
) -> crate::Result<(usize, usize, Vec<TimelineEvent>)> {
    let filters = Filters {
        entities: entity.map(str::to_string).into_iter().collect(),
        ..Default::default()
    };
    let q = if q.trim().is_empty() && filters.is_empty() { "*" } else { q };
    let (total, docs) = app.searcher.records_where(q, &filters, max_documents)?;
    let filter = entity.map_or_else(TimelineFilter::all, TimelineFilter::entity);
    let mut out: Vec<TimelineEvent> =
        docs.iter().flat_map(|(r, body)| timeline_events(r, body, &filter)).collect();
    out.sort();
    Ok((total, docs.len(), out))
}

/// `GET /timeline`.
pub(crate) async fn handler(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let mut q = String::new();
    let mut entity: Option<String> = None;
    for (k, v) in form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes()) {
        match k.as_ref() {
            "q" => q = v.into_owned(),
            "entity" if !v.trim().is_empty() => entity = Some(v.into_owned()),
            "entity" => {}
            other => {
                return Failure::bad_request(format!(
                    "unknown parameter {other:?}; the timeline takes q and entity"
                ))
                .into_response()
            }
        }
    }
    let (q2, e2) = (q.clone(), entity.clone());
    let found =
        blocking(&app, move |app| Ok(events(app, &q2, e2.as_deref(), MAX_DOCUMENTS)?)).await;
    let (total, read, events) = match found {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let what = match (q.trim().is_empty(), &entity) {
        (true, None) => "all documents".to_string(),
        (false, None) => format!("“{q}”"),
        (true, Some(e)) => format!("sentences naming {e}"),
        (false, Some(e)) => format!("“{q}”, sentences naming {e}"),
    };
    let content = html! {
        h1 { "Timeline: " (what) }
        form.search role="search" method="get" action="/timeline" {
            div.row {
                label for="tq" { "Query" }
                input #tq type="search" name="q" value=(q);
                label for="te" { "Entity" }
                input #te type="text" name="entity" value=[entity.as_deref()];
                button type="submit" { "Show" }
            }
        }
        p.count role="status" {
            (events.len()) " dated sentences in " (read) " documents"
            @if read < total { " (the " (read) " best of " (total) " matching; the JSON API reads all)" }
        }
        (chart(&buckets(&events)))
        (list(&events, MAX_EVENTS))
    };
    page(&format!("Timeline: {what}"), Nav::Timeline, content).into_response()
}

/// Events grouped by year, at most `max`.
pub(crate) fn list(events: &[TimelineEvent], max: usize) -> Markup {
    let year = |e: &TimelineEvent| e.start.get(..4).unwrap_or("").to_string();
    let shown: Vec<(Option<String>, &TimelineEvent)> = events
        .iter()
        .take(max)
        .enumerate()
        .map(|(i, e)| {
            let new_year = i == 0 || year(&events[i - 1]) != year(e);
            (new_year.then(|| year(e)), e)
        })
        .collect();
    html! {
        @if events.len() > max { p.meta { "The first " (max) " of " (events.len()) " events:" } }
        div.events {
            @for (heading, e) in &shown {
                @if let Some(y) = heading { h2 { (y) } }
                div.event {
                    div.when { (e.date) @if e.date_text != e.date { small { (e.date_text) } } }
                    div.what {
                        (e.text)
                        small { a href={ (doc_href(&e.document)) "#s" (e.sentence) } { (e.title.as_deref().unwrap_or(&e.document)) } }
                        @for x in &e.entities { (entity_chip(x.label, &x.canonical, None)) }
                    }
                }
            }
        }
    }
}

//! The JSON API under `/api/`: the same bytes the command line prints for the same
//! parameters, made by the same library functions.
//!
//! | URL | command |
//! | --- | --- |
//! | `/api/search?q=...` (parameters as [`SearchParams`]) | `dossier search --json` |
//! | `/api/doc/{id}` | `dossier show --json ID` |
//! | `/api/entities?label=&min_docs=&query=` | `dossier export entities` |
//! | `/api/timeline?entity=&query=` | `dossier export timeline` |

use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::params::SearchParams;
use super::response::Failure;
use super::state::{blocking, Shared};
use crate::export::{
    document_value, entity_entries, pretty_bytes, sorted_timeline, JsonArray, Record,
    TimelineFilter,
};
use crate::extract::Label;
use crate::Result;

fn json(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn answer(result: std::result::Result<Vec<u8>, Failure>) -> Response {
    match result {
        Ok(body) => json(body),
        Err(f) => f.into_json().into_response(),
    }
}

/// `GET /api/search`: `dossier search --json` (the query in `q`, may be empty with
/// filters).
pub(crate) async fn search(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let run = async {
        let params = SearchParams::parse(raw.as_deref())?;
        let options = params.options()?;
        blocking(&app, move |app| Ok(pretty_bytes(&app.searcher.search(&params.q, &options)?)?))
            .await
    };
    answer(run.await)
}

/// `GET /api/doc/{id}`: `dossier show --json ID`.
pub(crate) async fn document(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    answer(
        blocking(&app, move |app| match app.searcher.document(&id)? {
            Some((record, text)) => Ok(pretty_bytes(&document_value(&record, &text)?)?),
            None => Err(Failure::not_found(format!(
                "no document with id {id:?} in the index; /api/search shows the ids"
            ))),
        })
        .await,
    )
}

/// The pairs of a query string, refusing names not in `names`.
fn pairs(raw: Option<&str>, names: &[&str]) -> std::result::Result<Vec<(String, String)>, Failure> {
    let mut out = Vec::new();
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        if !names.contains(&k.as_ref()) {
            return Err(Failure::bad_request(format!(
                "unknown parameter {k:?}; parameters are {}",
                names.join(", ")
            )));
        }
        out.push((k.into_owned(), v.into_owned()));
    }
    Ok(out)
}

/// `GET /api/entities`: `dossier export entities` (JSON), with `label` (repeat or
/// separate with commas), `min_docs` and `query` as its flags.
pub(crate) async fn entities(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let run = async {
        let (mut labels, mut min_docs, mut query) = (Vec::new(), 1usize, None);
        for (k, v) in pairs(raw.as_deref(), &["label", "min_docs", "query"])? {
            match k.as_str() {
                "label" => {
                    for l in v.split(',').filter(|l| !l.trim().is_empty()) {
                        labels.push(Label::parse(l.trim()).ok_or_else(|| {
                            Failure::bad_request(format!(
                                "unknown label {l:?}; labels are {}",
                                Label::ALL.map(Label::as_str).join(", ")
                            ))
                        })?);
                    }
                }
                "min_docs" => {
                    min_docs = v.trim().parse().map_err(|_| {
                        Failure::bad_request(format!("min_docs={v:?} is not a whole number"))
                    })?
                }
                _ => query = Some(v),
            }
        }
        blocking(&app, move |app| {
            let records: Box<dyn Iterator<Item = Result<Record>>> = match &query {
                Some(q) => Box::new(app.searcher.records_matching(q)?),
                None => Box::new(app.searcher.records()),
            };
            let canonical = app.searcher.canonical_map()?;
            Ok(pretty_bytes(&entity_entries(records, &labels, min_docs, &canonical.map)?)?)
        })
        .await
    };
    answer(run.await)
}

/// `GET /api/timeline`: `dossier export timeline` (JSON), with `entity` and `query` as
/// its flags.
pub(crate) async fn timeline(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let run = async {
        let (mut entity, mut query) = (None, None);
        for (k, v) in pairs(raw.as_deref(), &["entity", "query"])? {
            if k == "entity" {
                entity = Some(v);
            } else {
                query = Some(v);
            }
        }
        blocking(&app, move |app| {
            let filter = entity.as_deref().map_or_else(TimelineFilter::all, TimelineFilter::entity);
            let events =
                sorted_timeline(app.searcher.records_with_text(query.as_deref())?, &filter)?;
            let mut array = JsonArray::new(Vec::new())?;
            for event in events {
                array.item(&event?)?;
            }
            Ok(array.finish()?)
        })
        .await
    };
    answer(run.await)
}

//! The document page, `/doc/{id}`: metadata, the text with entities and dates marked by
//! label (as in the static report), and the document's entities and dates.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, PreEscaped};

use super::layout::{page, Nav};
use super::search::entity_chip;
use crate::export::report::marked_text;
use crate::export::Record;
use crate::extract::Label;
use crate::serve::response::Failure;
use crate::serve::state::{blocking, Shared};

/// `GET /doc/{id}`. The id is looked up in the index, never used as a path. The page is
/// written on the blocking threads too: marking a long text is work.
pub(crate) async fn handler(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    let lookup = id.clone();
    let found =
        blocking(&app, move |app| Ok(app.searcher.document(&lookup)?.map(|(r, b)| render(&r, &b))))
            .await;
    match found {
        Ok(Some(page)) => page.into_response(),
        Ok(None) => Failure::not_found(format!(
            "no document with id {id:?} in the index; search to find the ids"
        ))
        .into_response(),
        Err(f) => f.into_response(),
    }
}

/// The page of a document.
fn render(record: &Record, body: &str) -> Html<String> {
    let title = record.title.clone().unwrap_or_else(|| record.id.clone());
    let mut counts: HashMap<(Label, &str), usize> = HashMap::new();
    for e in &record.entities {
        *counts.entry((e.label, &e.canonical)).or_default() += 1;
    }
    let mut entities: Vec<((Label, &str), usize)> = counts.into_iter().collect();
    entities.sort_by(|a, b| a.0 .0.cmp(&b.0 .0).then(b.1.cmp(&a.1)).then(a.0 .1.cmp(b.0 .1)));
    let content = html! {
        h1 { (title) }
        dl.meta-list {
            dt { "Id" } dd { code { (record.id) } }
            dt { "Source" } dd { (record.source) }
            dt { "Published" } dd { (record.published.as_deref().unwrap_or("unknown")) }
            @if let Some(a) = &record.author { dt { "Author" } dd { (a) } }
            @if let Some(u) = &record.url { dt { "URL or publication" } dd { (u) } }
            @if let Some(l) = &record.lang { dt { "Language" } dd { (l) } }
            dt { "Dated" } dd { (record.dct.value.as_deref().unwrap_or("none")) }
        }
        p.meta { a href={ "/api/doc/" (super::layout::path_escape(&record.id)) } { "this document as JSON" } }
        div.docgrid {
            article.doc aria-label="Text" {
                // Escaped by `marked_text`: every piece of the text goes through its escape.
                (PreEscaped(marked_text(record, body)))
            }
            aside.side aria-label="Entities and dates" {
                h2 { "Entities" }
                @if entities.is_empty() { p { "None found." } }
                ul.chips {
                    @for ((label, name), n) in &entities {
                        li { (entity_chip(*label, name, Some(*n))) }
                    }
                }
                h2 { "Dates" }
                @if record.dates.is_empty() { p { "None found." } }
                ul.dates {
                    @for d in &record.dates {
                        li {
                            a href={ "#s" (d.sentence) } { (d.text) }
                            " = " code { (d.value) } " " span.tag.(d.kind.as_str()) { (d.kind.as_str()) }
                        }
                    }
                }
            }
        }
    };
    page(&title, Nav::None, content)
}

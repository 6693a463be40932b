//! The search page, `/`: the form, ranked hits with snippets, facets that add a filter,
//! pages of hits. Everything is in the URL, so a result can be bookmarked and shared.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::layout::{doc_href, entity_href, marked_snippet, page, Nav};
use crate::extract::Label;
use crate::search::{Matching, SearchResults};
use crate::serve::params::SearchParams;
use crate::serve::state::{blocking, Shared};

/// `GET /`.
pub(crate) async fn handler(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let params = match SearchParams::parse(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return bad(&SearchParams::default(), &e.to_string()),
    };
    if params.is_empty() {
        let docs = blocking(&app, |app| Ok(app.searcher.num_docs())).await;
        return match docs {
            Ok(n) => page("Search", Nav::Search, html! {
                h1 { "Search " (n) " documents" }
                (form(&params))
                p.meta { "Words rank documents with all of them first; write \"a phrase\", +word, -word, "
                    "person:Obama, or AND / OR / NOT. Filters narrow without changing the ranking." }
            })
            .into_response(),
            Err(f) => f.into_response(),
        };
    }
    let mut wanted = params.clone();
    wanted.facets = true;
    let options = match wanted.options() {
        Ok(o) => o,
        Err(e) => return bad(&params, &e.to_string()),
    };
    // The page is written on the blocking threads too, with the search.
    let shown = params.clone();
    let result = blocking(&app, move |app| {
        let results = app.searcher.search(&shown.q, &options)?;
        let title = if shown.q.trim().is_empty() { "Filtered documents" } else { &shown.q };
        Ok(page(title, Nav::Search, results_page(&shown, &results)))
    })
    .await;
    match result {
        Ok(html) => html.into_response(),
        Err(f) if f.status() == StatusCode::BAD_REQUEST => bad(&params, f.message()),
        Err(f) => f.into_response(),
    }
}

/// A 400 page that keeps the form, so the query can be fixed in place.
fn bad(params: &SearchParams, message: &str) -> Response {
    let body = html! {
        h1 { "Search" }
        (form(params))
        p.error role="alert" { (message) }
    };
    (StatusCode::BAD_REQUEST, page("Bad search", Nav::Search, body)).into_response()
}

/// The search form: the query, the filters, the order.
pub(crate) fn form(p: &SearchParams) -> Markup {
    let matching = match p.matching {
        Matching::Ranked => "ranked",
        Matching::All => "all",
        Matching::Any => "any",
    };
    html! {
        form.search role="search" method="get" action="/" {
            div.row {
                label for="q" { "Query" }
                input #q type="search" name="q" value=(p.q) autofocus
                    placeholder="nuclear arms control" aria-describedby="q-help";
                button type="submit" { "Search" }
            }
            span #q-help .meta { "Press / to come back to this field." }
            @for e in &p.entities { input type="hidden" name="entity" value=(e); }
            details open[p.label.is_some() || p.from.is_some() || p.to.is_some() || p.mentions.is_some() || p.by_date || p.matching != Matching::Ranked] {
                summary { "Filters and order" }
                div.filters {
                    div {
                        label for="entity-add" { "Entity" }
                        input #entity-add type="text" name="entity" placeholder="China";
                    }
                    div {
                        label for="label" { "Label" }
                        select #label name="label" {
                            option value="" selected[p.label.is_none()] { "any" }
                            @for l in Label::ALL {
                                option value=(l.as_str()) selected[p.label == Some(l)] { (l.as_str()) }
                            }
                        }
                    }
                    div {
                        label for="from" { "Published from" }
                        input #from type="text" name="from" value=[p.from.as_deref()] placeholder="2015-09" size="10";
                    }
                    div {
                        label for="to" { "Published to" }
                        input #to type="text" name="to" value=[p.to.as_deref()] placeholder="2016" size="10";
                    }
                    div {
                        label for="mentions" { "Mentions a date in" }
                        input #mentions type="text" name="mentions" value=[p.mentions.as_deref()] placeholder="2015-09..2016-06" size="16";
                    }
                    div {
                        label for="sort" { "Order" }
                        select #sort name="sort" {
                            option value="relevance" selected[!p.by_date] { "best first" }
                            option value="date" selected[p.by_date] { "newest first" }
                        }
                    }
                    div {
                        label for="match" { "Words" }
                        select #match name="all" {
                            option value="0" selected[matching == "ranked"] { "all first, then some" }
                            option value="1" selected[matching != "ranked"] { "only documents with all" }
                        }
                    }
                }
            }
        }
    }
}

/// Hits, active filters, facets and pages.
fn results_page(p: &SearchParams, r: &SearchResults) -> Markup {
    let first = p.offset + 1;
    let last = p.offset + r.hits.len();
    let links = FacetLinks::new(p);
    html! {
        (form(p))
        (active_filters(p))
        p.count role="status" {
            @if r.total == 0 { "No documents match." }
            @else if r.hits.is_empty() { (r.total) " documents match; none on this page." }
            @else { (r.total) " documents match · " (first) "–" (last) " shown" }
            " · " a href=(timeline_href(p)) { "timeline of these documents" }
        }
        div.results {
            section.hits aria-label="Results" {
                ol start=(first) {
                    @for h in &r.hits {
                        li.hit {
                            h2 { a href=(doc_href(&h.id)) { (h.title.as_deref().unwrap_or(&h.id)) } }
                            div.meta {
                                span { (h.source) }
                                span { (h.published.as_deref().unwrap_or("date unknown")) }
                                @if h.score > 0.0 { span { "score " (format!("{:.2}", h.score)) } }
                            }
                            @if !h.snippet.is_empty() {
                                p.snippet { (marked_snippet(&h.snippet, &h.highlights, &h.entities)) }
                            }
                        }
                    }
                }
                (pages(p, r.total))
            }
            @if let Some(f) = &r.facets {
                nav.facets aria-label="Facets" {
                    @for (label, counts) in &f.entities {
                        @if !counts.is_empty() {
                            h2 { (label.as_str()) }
                            ul {
                                @for c in counts {
                                    li { a href=(links.with_entity(*label, &c.value)) { (c.value) } " " span.n { (c.documents) } }
                                }
                            }
                        }
                    }
                    @if !f.mentioned_years.is_empty() {
                        h2 { "Years mentioned" }
                        ul.years {
                            @for c in &f.mentioned_years {
                                li { a href=(links.with_mentions(&c.value)) { (c.value) } " " span.n { (c.documents) } }
                            }
                        }
                    }
                    @if !f.published_months.is_empty() {
                        h2 { "Published" }
                        ul.years {
                            @for c in &f.published_months {
                                li { a href=(links.with_month(&c.value)) { (c.value) } " " span.n { (c.documents) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The filters in force, each with a link that removes it.
fn active_filters(p: &SearchParams) -> Markup {
    let mut items: Vec<(String, String)> = Vec::new();
    for (i, e) in p.entities.iter().enumerate() {
        let mut q = p.clone();
        q.entities.remove(i);
        items.push((format!("entity: {e}"), reset(q).href("/")));
    }
    if let Some(l) = p.label {
        items.push((
            format!("label: {}", l.as_str()),
            reset(SearchParams { label: None, ..p.clone() }).href("/"),
        ));
    }
    for (name, value, cleared) in [
        ("published from", &p.from, SearchParams { from: None, ..p.clone() }),
        ("published to", &p.to, SearchParams { to: None, ..p.clone() }),
        ("mentions", &p.mentions, SearchParams { mentions: None, ..p.clone() }),
    ] {
        if let Some(v) = value {
            items.push((format!("{name}: {v}"), reset(cleared).href("/")));
        }
    }
    html! {
        @if !items.is_empty() {
            ul.active aria-label="Filters in force" {
                @for (text, href) in &items {
                    li { (text) " " a href=(href) aria-label={ "Remove " (text) } { "×" } }
                }
            }
        }
    }
}

/// The same search from its first page.
fn reset(mut p: SearchParams) -> SearchParams {
    p.offset = 0;
    p
}

/// The links of a page's facets: the page's search from its first page with one filter
/// more, as [`SearchParams::href`] writes it. The parameters are encoded once per page,
/// not cloned and written again for each of the few hundred links.
struct FacetLinks<'a> {
    p: &'a SearchParams,
    /// `q=...&entity=...`, as many entities as the page has.
    head: String,
    /// `from`, `to` and `mentions`, each encoded (empty when not given).
    from: String,
    to: String,
    mentions: String,
    /// Order and matching (`sort`, `all` or `any`) and `limit`.
    tail: String,
}

impl<'a> FacetLinks<'a> {
    fn new(p: &'a SearchParams) -> FacetLinks<'a> {
        let given =
            |name: &str, value: Option<&str>| value.map_or_else(String::new, |v| pair(name, v));
        let mut head = String::new();
        if !p.q.is_empty() {
            push(&mut head, &pair("q", &p.q));
        }
        for e in &p.entities {
            push(&mut head, &pair("entity", e));
        }
        // Everything after `mentions` but the offset, which the links reset.
        let tail = SearchParams {
            q: String::new(),
            entities: Vec::new(),
            label: None,
            from: None,
            to: None,
            mentions: None,
            offset: 0,
            ..p.clone()
        }
        .to_query();
        FacetLinks {
            p,
            head,
            from: given("from", p.from.as_deref()),
            to: given("to", p.to.as_deref()),
            mentions: given("mentions", p.mentions.as_deref()),
            tail,
        }
    }

    /// `/?` and the parts in the order of [`SearchParams::to_query`].
    fn link(&self, parts: [&str; 7]) -> String {
        let mut out = String::with_capacity(self.head.len() + self.tail.len() + 64);
        out.push('/');
        for part in parts {
            if !part.is_empty() {
                out.push(if out.len() == 1 { '?' } else { '&' });
                out.push_str(part);
            }
        }
        out
    }

    fn label(&self, label: Option<Label>) -> String {
        label.map_or_else(String::new, |l| pair("label", l.as_str()))
    }

    /// With the entity `name` as a filter; its label `label` is kept as a filter too
    /// when it is the only entity filter and no label is given.
    fn with_entity(&self, label: Label, name: &str) -> String {
        let p = self.p;
        let (added, count) = if p.entities.iter().any(|e| e == name) {
            (String::new(), p.entities.len())
        } else {
            (pair("entity", name), p.entities.len() + 1)
        };
        let label = match p.label {
            None if count == 1 => Some(label),
            l => l,
        };
        let label = self.label(label);
        self.link([&self.head, &added, &label, &self.from, &self.to, &self.mentions, &self.tail])
    }

    /// With the mentioned period `year` instead of the page's.
    fn with_mentions(&self, year: &str) -> String {
        let label = self.label(self.p.label);
        let mentions = pair("mentions", year);
        self.link([&self.head, "", &label, &self.from, &self.to, &mentions, &self.tail])
    }

    /// Published in `month` (from and to), instead of the page's dates.
    fn with_month(&self, month: &str) -> String {
        let label = self.label(self.p.label);
        let (from, to) = (pair("from", month), pair("to", month));
        self.link([&self.head, "", &label, &from, &to, &self.mentions, &self.tail])
    }
}

/// `name=value`, encoded as in a form.
fn pair(name: &str, value: &str) -> String {
    let mut out = String::with_capacity(name.len() + value.len() + 1);
    out.push_str(name);
    out.push('=');
    out.extend(form_urlencoded::byte_serialize(value.as_bytes()));
    out
}

/// Appends `part` to a query string, after a `&` unless it is the first.
fn push(query: &mut String, part: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(part);
}

fn timeline_href(p: &SearchParams) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    if !p.q.trim().is_empty() {
        out.append_pair("q", &p.q);
    }
    if let Some(e) = p.entities.first() {
        out.append_pair("entity", e);
    }
    format!("/timeline?{}", out.finish())
}

/// Links to the previous and next pages.
fn pages(p: &SearchParams, total: usize) -> Markup {
    let prev = (p.offset > 0)
        .then(|| SearchParams { offset: p.offset.saturating_sub(p.limit), ..p.clone() }.href("/"));
    let next = (p.offset + p.limit < total)
        .then(|| SearchParams { offset: p.offset + p.limit, ..p.clone() }.href("/"));
    html! {
        @if prev.is_some() || next.is_some() {
            nav.pages aria-label="Pages" {
                @if let Some(h) = prev { a rel="prev" href=(h) { "← Previous" } }
                @if let Some(h) = next { a rel="next" href=(h) { "Next →" } }
            }
        }
    }
}

/// An entity chip linking to its page.
pub(crate) fn entity_chip(label: Label, name: &str, count: Option<usize>) -> Markup {
    html! {
        a.chip.(label.as_str()) href=(entity_href(label, name)) {
            (name) @if let Some(n) = count { " " span.n { (n) } }
        }
    }
}

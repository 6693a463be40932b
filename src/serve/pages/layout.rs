//! The frame of every page: head, skip link, navigation, footer; links and the marking
//! of snippets.

use std::fmt::Write as _;
use std::ops::Range;

use axum::response::Html;
use maud::{html, Markup, DOCTYPE};

use crate::extract::Label;
use crate::search::SnippetEntity;

/// Which navigation entry is the current page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nav {
    Search,
    Timeline,
    None,
}

/// A whole page around `content`.
pub(crate) fn page(title: &str, here: Nav, content: Markup) -> Html<String> {
    let current = |n: Nav| if n == here { Some("page") } else { None };
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · dossier" }
                link rel="stylesheet" href="/assets/style.css";
                script src="/assets/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to main content" }
                header.top {
                    a.brand href="/" { "dossier" }
                    nav aria-label="Main" {
                        a href="/" aria-current=[current(Nav::Search)] { "Search" }
                        a href="/timeline" aria-current=[current(Nav::Timeline)] { "Timeline" }
                    }
                }
                main #main tabindex="-1" { (content) }
                footer {
                    "dossier, read-only, on this computer. Entities and dates are found by rules "
                    "and may be wrong."
                }
            }
        }
    };
    Html(markup.into_string())
}

/// The page of a failed request.
pub(crate) fn error_page(status: u16, title: &str, message: &str) -> Html<String> {
    page(
        title,
        Nav::None,
        html! {
            h1 { (status) " " (title) }
            p.error role="alert" { (message) }
            p { a href="/" { "Back to search" } }
        },
    )
}

/// `text` percent-encoded for a URL path: letters, digits, `-._~` and `/` kept.
pub(crate) fn path_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The page of a document.
pub(crate) fn doc_href(id: &str) -> String {
    format!("/doc/{}", path_escape(id))
}

/// The page of an entity.
pub(crate) fn entity_href(label: Label, canonical: &str) -> String {
    format!("/entity/{}/{}", label.as_str(), path_escape(canonical))
}

/// Runs of a snippet that belong to one entity (or none): (highlighted, text) each.
type Group = (Option<usize>, Vec<(bool, String)>);

/// A snippet with its matched terms in `<mark>` and its entities as links to their pages.
/// Offsets are code points within `snippet`; entities that overlap one before them are
/// left unlinked.
pub(crate) fn marked_snippet(
    snippet: &str,
    highlights: &[Range<usize>],
    entities: &[SnippetEntity],
) -> Markup {
    let chars: Vec<char> = snippet.chars().collect();
    let n = chars.len();
    let mut hit = vec![false; n];
    for h in highlights {
        for c in hit.iter_mut().take(h.end.min(n)).skip(h.start) {
            *c = true;
        }
    }
    let mut owner: Vec<Option<usize>> = vec![None; n];
    for (i, e) in entities.iter().enumerate() {
        if e.start >= e.end || e.end > n || owner[e.start..e.end].iter().any(Option::is_some) {
            continue;
        }
        for o in &mut owner[e.start..e.end] {
            *o = Some(i);
        }
    }
    // Runs of characters with the same entity and the same highlight.
    let mut runs: Vec<(Option<usize>, bool, String)> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        match runs.last_mut() {
            Some((o, h, s)) if *o == owner[i] && *h == hit[i] => s.push(*c),
            _ => runs.push((owner[i], hit[i], c.to_string())),
        }
    }
    // Group consecutive runs of one entity into one link.
    let mut groups: Vec<Group> = Vec::new();
    for (o, h, s) in runs {
        match groups.last_mut() {
            Some((go, parts)) if go.is_some() && *go == o => parts.push((h, s)),
            _ => groups.push((o, vec![(h, s)])),
        }
    }
    let parts = |parts: &[(bool, String)]| {
        html! {
            @for (h, s) in parts {
                @if *h { mark.hit { (s) } } @else { (s) }
            }
        }
    };
    html! {
        @for (o, p) in &groups {
            @if let Some(e) = o.map(|i| &entities[i]) {
                a.ent.(e.label.as_str()) href=(entity_href(e.label, &e.canonical))
                    title={ (e.label.as_str()) ": " (e.canonical) } { (parts(p)) }
            } @else {
                (parts(p))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_escaped() {
        assert_eq!(path_escape("cyber/a b?#\"<"), "cyber/a%20b%3F%23%22%3C");
        assert_eq!(path_escape("Zürich"), "Z%C3%BCrich");
    }

    #[test]
    fn snippets_mark_terms_inside_entity_links() {
        let e = SnippetEntity { start: 4, end: 9, label: Label::Gpe, canonical: "China".into() };
        let html = marked_snippet("The China <b>", &[4..9, 10..13], &[e]).into_string();
        assert_eq!(
            html,
            "The <a class=\"ent GPE\" href=\"/entity/GPE/China\" title=\"GPE: China\">\
             <mark class=\"hit\">China</mark></a> <mark class=\"hit\">&lt;b&gt;</mark>"
        );
    }
}

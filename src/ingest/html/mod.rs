//! HTML pages: main text, title and published date.
//!
//! Script, style and template contents are never text. The main text is the article's
//! prose, found by [`content`] and cleared of page furniture by [`boilerplate`]; with
//! `full_text` (and for pages without prose) it is the whole visible text of the first
//! `<article>`/`<main>`, or of the body without navigation, header, footer and aside.
//! The title is `og:title`, `<title>` or the first `<h1>`, without a site name added
//! to it ([`title`]). The published and modified days come from [`super::published`].

mod boilerplate;
mod content;
mod text;
mod title;

use scraper::{Html, Selector};

use super::{published, Metadata};
use crate::document::DateSource;
use text::clean;

/// Parses an HTML page into metadata and its main text (with `full_text`, the whole
/// visible text).
pub fn parse(src: &str, full_text: bool) -> (Metadata, String) {
    let html = Html::parse_document(src);
    let mut meta = Metadata::default();

    let metas = Selector::parse("meta").expect("valid selector");
    for m in html.select(&metas) {
        let el = m.value();
        let key = el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("itemprop"));
        let (Some(key), Some(content)) = (key, el.attr("content")) else { continue };
        match key.to_ascii_lowercase().as_str() {
            "og:title" if meta.title.is_none() => meta.title = Some(clean(content)),
            "author" | "article:author" if meta.author.is_none() => {
                meta.author = Some(clean(content))
            }
            "og:url" if meta.url.is_none() => meta.url = Some(content.trim().to_string()),
            _ => {}
        }
    }
    if meta.url.is_none() {
        let canonical = Selector::parse("link[rel=canonical]").expect("valid selector");
        meta.url =
            html.select(&canonical).next().and_then(|l| l.value().attr("href")).map(String::from);
    }
    // The latest plausible day: tomorrow, so that a page stamped in a time zone ahead
    // of this machine's is not refused.
    let latest = chrono::Utc::now().date_naive().succ_opt().unwrap_or(chrono::NaiveDate::MAX);
    let dates = published::find(&html, meta.url.as_deref(), latest);
    meta.published = dates.published.map(|f| (f.date, date_source(f.source)));
    meta.modified = dates.modified.map(|f| f.date);
    let og_title = meta.title.take();
    let site_name = site_name(&html);
    meta.title = title::choose(&html, og_title.as_deref(), site_name.as_deref());

    let root = html.tree.root();
    let body = if full_text { None } else { content::main_text(root) };
    let body = body.unwrap_or_else(|| {
        let main = Selector::parse("article, main").expect("valid selector");
        text::whole_page(root, html.select(&main).next().map(|e| *e))
    });
    (meta, body)
}

/// The record's name for where the published-date finder found a date.
fn date_source(source: published::DateSource) -> DateSource {
    match source {
        published::DateSource::JsonLd => DateSource::JsonLd,
        published::DateSource::Meta | published::DateSource::Itemprop => DateSource::Meta,
        published::DateSource::Time => DateSource::TimeElement,
        published::DateSource::Url => DateSource::Url,
        published::DateSource::Text => DateSource::Visible,
    }
}

/// The site's name from `og:site_name` or `application-name`.
fn site_name(html: &Html) -> Option<String> {
    let sel = Selector::parse("meta[property='og:site_name'], meta[name='application-name']")
        .expect("valid selector");
    html.select(&sel).filter_map(|m| m.value().attr("content")).map(clean).find(|s| !s.is_empty())
}

#[cfg(test)]
mod tests;

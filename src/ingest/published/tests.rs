//! The finder on small hand-written pages, one per source and rule.

use chrono::NaiveDate;
use scraper::Html;

use super::{find, DateSource, Found, PageDates};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const LATEST: (i32, u32, u32) = (2025, 6, 30);

fn dates(head: &str, body: &str, url: Option<&str>) -> PageDates {
    let src = format!(
        "<!DOCTYPE html><html><head><meta charset=utf-8><title>Harbour plan</title>{head}</head>\
         <body>{body}</body></html>"
    );
    let (y, m, d) = LATEST;
    find(&Html::parse_document(&src), url, day(y, m, d))
}

fn published(head: &str, body: &str) -> Option<(NaiveDate, &'static str)> {
    dates(head, body, None).published.map(|f| (f.date, f.source.name()))
}

const ARTICLE: &str = "<h1>Harbour plan approved</h1><p>The council approved the plan.</p>";

#[test]
fn json_ld_in_a_graph_and_in_an_array() {
    let head = r#"<script type="application/ld+json">{"@context":"https://schema.org",
        "@graph":[{"@type":"WebSite","name":"Town News"},
        {"@type":"NewsArticle","datePublished":"2019-11-08T09:30:00+01:00",
         "dateModified":"2019-11-12T10:00:00+01:00"}]}</script>"#;
    let got = dates(head, ARTICLE, None);
    assert_eq!(got.published, Some(Found { date: day(2019, 11, 8), source: DateSource::JsonLd }));
    assert_eq!(got.modified, Some(Found { date: day(2019, 11, 12), source: DateSource::JsonLd }));
    let head = r#"<script type="application/ld+json">[{"@type":"BreadcrumbList"},
        {"@type":"BlogPosting","dateCreated":"2019-11-08"}]</script>"#;
    assert_eq!(published(head, ARTICLE), Some((day(2019, 11, 8), "json-ld")));
}

#[test]
fn the_article_wins_over_other_json_ld_objects() {
    let head = r#"<script type="application/ld+json">{"@type":"ImageObject",
        "uploadDate":"2015-01-01"}</script><script type="application/ld+json">
        {"@type":"Article","datePublished":"2019-11-08","comment":[{"@type":"Comment",
        "datePublished":"2019-12-24"}]}</script>"#;
    assert_eq!(published(head, ARTICLE), Some((day(2019, 11, 8), "json-ld")));
}

#[test]
fn open_graph_and_article_meta() {
    let head = r#"<meta property="og:updated_time" content="2019-11-12T10:00:00+01:00">
        <meta property="article:published_time" content="2019-11-08T09:30:00+01:00">"#;
    let got = dates(head, ARTICLE, None);
    assert_eq!(got.published, Some(Found { date: day(2019, 11, 8), source: DateSource::Meta }));
    assert_eq!(got.modified.map(|f| f.date), Some(day(2019, 11, 12)));
}

#[test]
fn dublin_core_and_other_meta_names() {
    for head in [
        r#"<meta name="DC.date.issued" content="2019-11-08">"#,
        r#"<meta name="dcterms.created" content="2019-11-08">"#,
        r#"<meta name="parsely-pub-date" content="2019-11-08T09:30:00Z">"#,
        r#"<meta name="pubdate" content="20191108">"#,
        r#"<meta name="date" content="Fri, 08 Nov 2019 09:30:00 +0100">"#,
    ] {
        assert_eq!(published(head, ARTICLE), Some((day(2019, 11, 8), "meta")), "{head}");
    }
}

#[test]
fn itemprop_on_any_element() {
    let body = r#"<h1>Harbour plan approved</h1><p>By Ada, <span itemprop="datePublished">
        8 November 2019</span></p><meta itemprop="dateModified" content="2019-11-12">"#;
    let got = dates("", body, None);
    assert_eq!(
        got.published.map(|f| (f.date, f.source)),
        Some((day(2019, 11, 8), DateSource::Itemprop))
    );
    assert_eq!(got.modified.map(|f| f.date), Some(day(2019, 11, 12)));
}

#[test]
fn time_elements() {
    let body = r#"<h1>Harbour plan approved</h1><time datetime="2019-11-12" class="updated">
        12 Nov</time><time datetime="2019-11-08T09:30" pubdate>8 Nov</time>"#;
    let got = dates("", body, None);
    assert_eq!(
        got.published.map(|f| (f.date, f.source)),
        Some((day(2019, 11, 8), DateSource::Time))
    );
    assert_eq!(got.modified.map(|f| f.date), Some(day(2019, 11, 12)));
    // A plain <time> under the headline, when nothing says more.
    let body = r#"<h1>Harbour plan approved</h1><time datetime="2019-11-08">Friday</time>"#;
    assert_eq!(published("", body), Some((day(2019, 11, 8), "time")));
    // hAtom.
    let body = r#"<h1>Plan</h1><abbr class="published" title="2019-11-08T09:30:00">Fri</abbr>"#;
    assert_eq!(published("", body), Some((day(2019, 11, 8), "time")));
}

#[test]
fn the_address_given_and_the_page_own() {
    let got = dates("", ARTICLE, Some("https://news.example.org/2019/11/08/harbour-plan/"));
    assert_eq!(got.published, Some(Found { date: day(2019, 11, 8), source: DateSource::Url }));
    let head = r#"<link rel="canonical" href="https://news.example.org/news/20191108/harbour">"#;
    assert_eq!(published(head, ARTICLE), Some((day(2019, 11, 8), "url")));
    let head = r#"<meta property="og:url" content="https://example.org/2019-11-08-harbour">"#;
    assert_eq!(published(head, ARTICLE), Some((day(2019, 11, 8), "url")));
}

#[test]
fn visible_date_lines_in_several_languages() {
    for line in [
        "Published 8 November 2019",
        "By Ada Pemberton | November 8th, 2019 at 9:30 am",
        "Veröffentlicht am 08.11.2019 um 09:30 Uhr",
        "Publié le 8 novembre 2019 à 09h30",
        "Publicado el 8 de noviembre de 2019",
        "Опубликовано: 8 ноября 2019, 09:30",
        "8 листопада 2019, 09:30",
        "Pubblicato il 8 novembre 2019",
        "Opublikowano: 8 listopada 2019",
        "2019年11月8日 09:30",
    ] {
        let body = format!(
            "<h1>Harbour plan approved</h1><div class=\"byline\">{line}</div>\
             <p>The council approved the plan.</p>"
        );
        assert_eq!(published("", &body), Some((day(2019, 11, 8), "text")), "{line}");
    }
}

#[test]
fn numeric_order_follows_the_page_language() {
    let body = "<h1>Harbour plan approved</h1><p class=\"date\">11/08/2019</p>";
    let us = format!("<html lang=\"en-US\">{body}");
    let src = |s: &str| Html::parse_document(s);
    let latest = day(2025, 1, 1);
    assert_eq!(find(&src(&us), None, latest).published.map(|f| f.date), Some(day(2019, 11, 8)));
    let fr = format!("<html lang=\"fr\">{body}");
    assert_eq!(find(&src(&fr), None, latest).published.map(|f| f.date), Some(day(2019, 8, 11)));
}

#[test]
fn published_is_preferred_to_updated() {
    let body = "<h1>Harbour plan approved</h1><div class=\"meta\">Updated 12 November 2019 \
                · First published 8 November 2019</div>";
    let got = dates("", body, None);
    assert_eq!(got.published.map(|f| f.date), Some(day(2019, 11, 8)));
    assert_eq!(got.modified.map(|f| f.date), Some(day(2019, 11, 12)));
    // A German byline with the update after the publication.
    let body = "<h1>Hafenplan</h1><p class=\"info\">Erstellt: 08.11.2019, aktualisiert: \
                12.11.2019</p>";
    let got = dates("", body, None);
    assert_eq!(got.published.map(|f| f.date), Some(day(2019, 11, 8)));
    assert_eq!(got.modified.map(|f| f.date), Some(day(2019, 11, 12)));
    // When the page gives only the update, it stands for the publication.
    let head = r#"<meta property="article:modified_time" content="2019-11-12">"#;
    assert_eq!(published(head, ARTICLE), Some((day(2019, 11, 12), "meta")));
}

#[test]
fn impossible_dates_are_rejected() {
    // After the latest day, before 1990, or a copyright year alone.
    let head = r#"<meta property="article:published_time" content="2031-01-01">
                  <meta name="DC.date.issued" content="1985-03-01">"#;
    let body = "<h1>Harbour plan approved</h1><p class=\"date\">8 November 2019</p>";
    assert_eq!(published(head, body), Some((day(2019, 11, 8), "text")));
    let body = "<h1>Harbour plan approved</h1><footer>© 2019 Town News</footer>";
    assert_eq!(published("", body), None);
    let body = "<h1>Harbour plan approved</h1><p class=\"date\">31 June 2019</p>";
    assert_eq!(published("", body), None);
}

#[test]
fn comments_and_lists_of_other_articles_come_last() {
    let body = "<aside><ul><li><a>Older story</a> 3 March 2018</li></ul></aside>\
                <h1>Harbour plan approved</h1><p class=\"date\">8 November 2019</p>\
                <div class=\"comments\"><p class=\"date\">9 November 2019</p></div>";
    assert_eq!(published("", body), Some((day(2019, 11, 8), "text")));
}

#[test]
fn the_month_in_the_address_picks_among_candidates() {
    let head = r#"<meta name="date" content="2020-02-01">"#;
    let body = "<h1>Harbour plan approved</h1><p class=\"date\">8 November 2019</p>";
    let got = dates(head, body, Some("https://example.org/2019/11/harbour-plan"));
    assert_eq!(got.published.map(|f| f.date), Some(day(2019, 11, 8)));
}

#[test]
fn a_local_day_beats_a_utc_stamp_one_day_off() {
    // 02:11 UTC is the evening before in New York, where the page shows its day.
    let head = r#"<meta property="article:published_time" content="2023-11-09T02:11:03+00:00">"#;
    let body = r#"<h1>Harbour plan approved</h1><time datetime="2023-11-08T21:11:03-05:00"
        itemprop="datePublished">November 8, 2023</time>"#;
    assert_eq!(published(head, body), Some((day(2023, 11, 8), "itemprop")));
}

#[test]
fn broken_pages_give_nothing_or_what_they_can() {
    assert_eq!(dates("", "", None), PageDates::default());
    let head =
        "<script type=\"application/ld+json\">{\"datePublished\": \"2019-11-08\", oops</script>";
    assert_eq!(published(head, ARTICLE), Some((day(2019, 11, 8), "json-ld")));
}

//! Reading whole pages: main text, furniture left out, title and date.

use super::parse;

/// Three paragraphs of prose, written for these tests.
const P1: &str = "The harbour council voted on Tuesday to close the old ferry pier, ending a \
                  service that had run for more than sixty years.";
const P2: &str = "Residents who depend on the crossing said the decision, taken after a short \
                  debate, leaves them with a drive of nearly an hour.";
const P3: &str = "The council said repairs would cost more than a new pier, and that a study of \
                  other landing sites will be published in the spring.";

fn article(extra: &str) -> String {
    format!("<p>{P1}</p>{extra}<p>{P2}</p><p>{P3}</p>")
}

fn text_of(body: &str) -> String {
    let page = format!(
        "<html><head><title>Pier to close | Coast Times</title></head><body>{body}</body></html>"
    );
    parse(&page, false).1
}

fn assert_prose_only(body: &str, furniture: &[&str]) {
    let text = text_of(body);
    for p in [P1, P2, P3] {
        assert!(text.contains(p), "missing {p:?} in {text:?}");
    }
    for f in furniture {
        assert!(!text.contains(f), "kept {f:?} in {text:?}");
    }
}

#[test]
fn leaves_out_furniture_around_and_inside_the_article() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "share bar",
            r#"<div class="share-tools"><a href="/f">Facebook</a> <a href="/t">Twitter</a> Email</div>"#,
            "Facebook",
        ),
        (
            "cookie box",
            r#"<div id="cookie-banner">We use cookies to improve your experience. Accept all.</div>"#,
            "cookies",
        ),
        (
            "related list",
            r#"<ul class="related-links"><li><a href="/a">Ferry fares rise again</a></li><li><a href="/b">New bridge plan</a></li></ul>"#,
            "Ferry fares",
        ),
        (
            "newsletter box",
            r#"<div class="newsletter-signup"><p>Get the morning briefing in your inbox every day.</p><button>Sign up</button></div>"#,
            "briefing",
        ),
        (
            "comments",
            r#"<section id="comments"><p>What a shame, I used that ferry every week for years and years.</p></section>"#,
            "What a shame",
        ),
        (
            "caption",
            r#"<figure><img src="pier.jpg"><figcaption>The old pier at low tide. Photo: staff.</figcaption></figure>"#,
            "low tide",
        ),
        (
            "unlinked advertisement label",
            r#"<div class="ad-slot">Advertisement</div>"#,
            "Advertisement",
        ),
    ];
    for (name, furniture, word) in cases {
        let body = format!(
            "<nav><a href='/'>Home</a></nav><article>{}</article><footer>About us</footer>",
            article(furniture)
        );
        let text = text_of(&body);
        assert!(!text.contains(word), "{name}: kept {word:?} in {text:?}");
        assert!(text.contains(P1) && text.contains(P3), "{name}: lost prose in {text:?}");
        assert!(!text.contains("Home") && !text.contains("About us"), "{name}: {text:?}");
    }
}

#[test]
fn drops_headline_byline_and_dateline() {
    let body = format!(
        r#"<article><header><h1>Pier to close</h1><p class="byline">By Ann Reed</p>
        <time datetime="2024-03-05">March 5, 2024</time></header>
        <div class="story-body">{}</div></article>"#,
        article("")
    );
    let text = text_of(&body);
    assert!(text.starts_with(P1), "{text:?}");
    assert_prose_only(&body, &["Pier to close", "Ann Reed", "March 5"]);
}

#[test]
fn short_lines_before_the_prose_are_trimmed() {
    let body =
        format!("<div><div>Local news</div><div>5 March 2024, 10:02</div>{}</div>", article(""));
    assert_prose_only(&body, &["Local news", "10:02"]);
}

#[test]
fn finds_the_text_in_a_second_main() {
    let body = format!(
        "<main><a href='/a'>Sections</a> <a href='/b'>Weather</a></main><main>{}</main>",
        article("")
    );
    assert_prose_only(&body, &["Sections", "Weather"]);
}

#[test]
fn finds_the_text_beside_an_article_of_meta_tags() {
    let body = format!(
        r#"<article><meta itemprop="headline" content="x"><meta itemprop="datePublished" content="2024-03-05"></article>
        <div class="wrap">{}</div>"#,
        article("")
    );
    assert_prose_only(&body, &[]);
}

#[test]
fn keeps_tables_lists_and_nested_quotes_as_text() {
    let extra = "<h2>What changes</h2><ul><li>The morning boat stops in May.</li><li>Season tickets are refunded.</li></ul>\
                 <table><tr><th>Year</th><th>Passengers</th></tr><tr><td>2022</td><td>41,000</td></tr></table>\
                 <blockquote><p>We will miss it.</p><blockquote><p>So will the gulls.</p></blockquote></blockquote>";
    let text = text_of(&format!("<article>{}</article>", article(extra)));
    for want in [
        "What changes",
        "The morning boat stops in May.",
        "Season tickets are refunded.",
        "Year\n\nPassengers",
        "2022\n\n41,000",
        "We will miss it.\n\nSo will the gulls.",
    ] {
        assert!(text.contains(want), "missing {want:?} in {text:?}");
    }
    // Reading order and paragraph breaks.
    let p1 = text.find(P1).unwrap();
    let list = text.find("The morning boat").unwrap();
    let p2 = text.find(P2).unwrap();
    assert!(p1 < list && list < p2);
    assert!(text.contains(&format!("{P1}\n\nWhat changes")));
}

#[test]
fn splits_articles_joined_across_an_ad_slot() {
    let body = format!(
        r#"<article><div class="part"><p>{P1}</p><p>{P2}</p></div><div class="ad-slot">Advertisement</div>
        <div class="part"><p>{P3}</p><p>{P1}</p></div></article><aside><p>{}</p></aside>"#,
        "Read our other stories about the coast, the weather and the ferries this winter."
    );
    assert_prose_only(&body, &["Advertisement", "other stories"]);
}

#[test]
fn full_text_keeps_the_whole_visible_text() {
    let page = format!(
        "<html><body><div class='share-bar'>Share</div><div>{}</div><aside>Most read</aside></body></html>",
        article("")
    );
    let (_, full) = parse(&page, true);
    assert!(full.contains("Share") && full.contains(P2), "{full:?}");
    assert!(!full.contains("Most read"), "{full:?}");
    let (_, main) = parse(&page, false);
    assert!(!main.contains("Share"), "{main:?}");
}

#[test]
fn pages_without_prose_fall_back_to_the_visible_text() {
    let (_, text) = parse("<body><h1>Index</h1><ul><li>One</li><li>Two</li></ul></body>", false);
    assert_eq!(text, "Index\n\nOne\n\nTwo");
}

#[test]
fn metadata_and_title_without_site_name() {
    let src = r#"<html><head><title>Pier to close after sixty years | Coast Times</title>
        <meta property="og:site_name" content="Coast Times">
        <meta property="article:published_time" content="2024-03-05T09:00:00Z">
        <meta name="author" content="Ann Reed">
        <link rel="canonical" href="https://example.org/pier">
        <style>p { color: red }</style><script>var hidden = "secretword";</script></head>
        <body><h1>Pier to close after sixty years</h1><p>Short.</p></body></html>"#;
    let (meta, text) = parse(src, false);
    assert_eq!(meta.title.as_deref(), Some("Pier to close after sixty years"));
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    assert_eq!(meta.published, Some((day, crate::document::DateSource::Meta)));
    assert_eq!(meta.author.as_deref(), Some("Ann Reed"));
    assert_eq!(meta.url.as_deref(), Some("https://example.org/pier"));
    assert!(!text.contains("secretword") && !text.contains("color"));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let src = "<div>".repeat(20_000) + "deep" + &"</div>".repeat(20_000);
    let (_, text) = parse(&src, false);
    assert_eq!(text, "deep");
}

#[test]
fn takes_the_first_of_several_articles() {
    let teaser = |n: usize| {
        format!(
            "<article><h2><a href='/{n}'>Another story {n}</a></h2><p>A summary of another \
             story about the coast, long enough to read like a paragraph of prose, number {n}.</p></article>"
        )
    };
    let body = format!(
        "<div class='list'><article><p>{P1}</p></article>{}{}{}</div>",
        teaser(1),
        teaser(2),
        teaser(3)
    );
    let text = text_of(&body);
    assert_eq!(text, P1);
}

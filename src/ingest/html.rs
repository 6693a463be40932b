//! HTML pages: visible text, title and published date.
//!
//! Script, style and template contents are never text. When the page has an
//! `<article>` or `<main>` element, only its text is taken; otherwise the body without
//! navigation, header, footer and aside boilerplate.

use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};

use super::Metadata;

/// Elements whose content is never visible text.
const HIDDEN: &[&str] =
    &["head", "iframe", "noscript", "object", "script", "style", "svg", "template", "title"];

/// Elements skipped as page furniture when no `<article>`/`<main>` is present.
const BOILERPLATE: &[&str] = &["aside", "footer", "form", "header", "nav"];

/// Elements after which a line break belongs.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Meta tags that carry a published date, most specific first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datePublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
];

/// Parses an HTML page into metadata and visible text.
pub fn parse(src: &str) -> (Metadata, String) {
    let html = Html::parse_document(src);
    let mut meta = Metadata::default();

    let metas = Selector::parse("meta").expect("valid selector");
    let mut found_date: Option<(usize, String)> = None;
    for m in html.select(&metas) {
        let el = m.value();
        let key = el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("itemprop"));
        let (Some(key), Some(content)) = (key, el.attr("content")) else { continue };
        let key = key.to_ascii_lowercase();
        if let Some(rank) = DATE_META.iter().position(|k| k.eq_ignore_ascii_case(&key)) {
            if found_date.as_ref().is_none_or(|(r, _)| rank < *r) {
                found_date = Some((rank, content.to_string()));
            }
        }
        match key.as_str() {
            "og:title" if meta.title.is_none() => meta.title = Some(clean(content)),
            "author" | "article:author" if meta.author.is_none() => {
                meta.author = Some(clean(content))
            }
            "og:url" if meta.url.is_none() => meta.url = Some(content.trim().to_string()),
            _ => {}
        }
    }
    meta.date = found_date.map(|(_, d)| d);
    if meta.date.is_none() {
        let time = Selector::parse("time[datetime]").expect("valid selector");
        meta.date =
            html.select(&time).next().and_then(|t| t.value().attr("datetime")).map(String::from);
    }
    if meta.url.is_none() {
        let canonical = Selector::parse("link[rel=canonical]").expect("valid selector");
        meta.url =
            html.select(&canonical).next().and_then(|l| l.value().attr("href")).map(String::from);
    }
    if meta.title.is_none() {
        for sel in ["title", "h1"] {
            let s = Selector::parse(sel).expect("valid selector");
            if let Some(t) = html
                .select(&s)
                .map(|e| clean(&e.text().collect::<String>()))
                .find(|t| !t.is_empty())
            {
                meta.title = Some(t);
                break;
            }
        }
    }

    let main = Selector::parse("article, main").expect("valid selector");
    let text = match html.select(&main).next() {
        Some(el) => visible_text(*el, false),
        None => visible_text(html.tree.root(), true),
    };
    (meta, text)
}

/// Collects the visible text under `root`, with line breaks after block elements.
fn visible_text(root: ego_tree::NodeRef<'_, Node>, skip_boilerplate: bool) -> String {
    let mut out = String::new();
    let mut hidden_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if hidden_depth > 0
                        || HIDDEN.contains(&name)
                        || (skip_boilerplate && BOILERPLATE.contains(&name))
                    {
                        hidden_depth += 1;
                    } else if name == "br" {
                        out.push('\n');
                    }
                }
                Node::Text(t) if hidden_depth == 0 => push_collapsed(&mut out, t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if hidden_depth > 0 {
                        hidden_depth -= 1;
                    } else if BLOCKS.contains(&el.name()) {
                        let trimmed = out.trim_end_matches(' ').len();
                        out.truncate(trimmed);
                        if !out.is_empty() && !out.ends_with("\n\n") {
                            out.push_str(if el.name() == "td" || el.name() == "th" {
                                "\n"
                            } else {
                                "\n\n"
                            });
                        }
                    }
                }
            }
        }
    }
    out.trim().to_string()
}

/// Appends text with runs of white space collapsed to one space.
fn push_collapsed(out: &mut String, t: &str) {
    for (i, part) in t.split_whitespace().enumerate() {
        let at_line_start = out.is_empty() || out.ends_with('\n');
        if (i > 0 || t.starts_with(char::is_whitespace)) && !at_line_start && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(part);
    }
    if t.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_visible_article_text_and_metadata() {
        let src = r#"<html><head><title>Deal | Site</title>
            <meta property="article:published_time" content="2023-10-17T09:00:00Z">
            <style>p { color: red }</style><script>var hidden = "secretword";</script></head>
            <body><nav>Home News</nav><article><h1>The Deal</h1>
            <p>First   paragraph with <b>bold</b> text.</p><p>Second.</p></article>
            <footer>Copyright</footer></body></html>"#;
        let (meta, text) = parse(src);
        assert_eq!(meta.title.as_deref(), Some("Deal | Site"));
        assert_eq!(meta.date.as_deref(), Some("2023-10-17T09:00:00Z"));
        assert_eq!(text, "The Deal\n\nFirst paragraph with bold text.\n\nSecond.");
    }

    #[test]
    fn without_article_skips_furniture_and_scripts() {
        let src = "<body><header>Menu</header><h1>Title</h1><p>Body <i>words</i></p>\
                   <script>nope()</script><footer>foot</footer></body>";
        let (meta, text) = parse(src);
        assert_eq!(meta.title.as_deref(), Some("Title"));
        assert_eq!(text, "Title\n\nBody words");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let src = "<div>".repeat(20_000) + "deep" + &"</div>".repeat(20_000);
        let (_, text) = parse(&src);
        assert_eq!(text, "deep");
    }
}

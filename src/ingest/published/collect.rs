//! One walk over the parsed page that gathers everything the date sources read: meta
//! tags, JSON-LD scripts, `itemprop` and `<time>` elements, the canonical address, the
//! language, and the visible text cut into lines with what their elements say.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::meta::{class_role, itemprop_role, role, Role};

/// Elements whose content is never visible.
const HIDDEN: &[&str] = &[
    "head", "iframe", "noscript", "object", "script", "style", "svg", "template", "title", "select",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
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

/// Elements, classes and ids of things that are not the page's own article: comments,
/// lists of other articles, sidebars, page footers.
const NOISE_ELEMENTS: &[&str] = &["aside", "footer", "nav"];
const NOISE_WORDS: &[&str] = &[
    "comment",
    "related",
    "sidebar",
    "widget",
    "recommend",
    "popular",
    "trending",
    "most-read",
    "mostread",
    "more-stories",
    "teaser",
    "newsletter",
    "reply",
    "respon",
    "archive",
    "calendar",
    "ticker",
];

/// Class or id words of the elements that hold a byline or date line.
const HINT_WORDS: &[&str] = &[
    "date", "time", "publish", "posted", "byline", "dateline", "datum", "fecha", "meta", "info",
    "author", "stamp", "data", "created", "updated",
];

/// A `<meta>` (or any element with `content`) that names a date.
#[derive(Debug, Clone)]
pub struct Named {
    /// What the name says.
    pub role: Role,
    /// The value.
    pub value: String,
    /// Inside a comment, sidebar or list of other articles.
    pub noise: bool,
    /// Where it came from.
    pub kind: NamedKind,
}

/// The markup that named a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// `<meta name|property>`.
    Meta,
    /// `itemprop`.
    Itemprop,
    /// `<time>`, with a `pubdate` attribute or a class that says which date.
    Time,
    /// `<time>` that says nothing more.
    PlainTime,
    /// Another element whose class says which date (hAtom `published`).
    Class,
}

/// A line of visible text.
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// The text, white space collapsed.
    pub text: String,
    /// Some text of the line sits in an element whose class or id speaks of dates,
    /// bylines or article metadata.
    pub hint: bool,
    /// All of the line sits in a comment, sidebar, footer or list of other articles.
    pub noise: bool,
}

/// What the walk gathered.
#[derive(Debug, Default)]
pub struct Collected {
    /// Named dates, in document order.
    pub named: Vec<Named>,
    /// JSON-LD script texts.
    pub jsonld: Vec<String>,
    /// `og:url` and the canonical link.
    pub urls: Vec<String>,
    /// The page's language (`<html lang>`, `content-language`, `og:locale`), lower case.
    pub lang: Option<String>,
    /// Visible lines.
    pub lines: Vec<Line>,
    /// Index of the first line of the first `<h1>`.
    pub h1: Option<usize>,
}

/// Longest line kept whole; longer ones are cut (dates in bylines are near the start).
const MAX_LINE: usize = 400;

struct Frame {
    hidden: bool,
    noise: bool,
    hint: bool,
}

/// Walks the page once.
pub fn collect(page: &Html) -> Collected {
    let mut c = Collected::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut line = Line { noise: true, ..Line::default() };
    let mut line_has_text = false;
    let flush = |c: &mut Collected, line: &mut Line, has: &mut bool| {
        if *has {
            let l = std::mem::replace(line, Line { noise: true, ..Line::default() });
            c.lines.push(Line { text: l.text.trim().to_string(), ..l });
        }
        *has = false;
    };
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    let parent = stack.last();
                    let (p_hidden, p_noise, p_hint) =
                        parent.map_or((false, false, false), |f| (f.hidden, f.noise, f.hint));
                    let mut class_id = String::new();
                    // The classes of <html> and <body> describe the whole page
                    // ("no-sidebars", "single-post"), not a part of it.
                    let page_level = matches!(name, "html" | "body");
                    for a in ["class", "id"].into_iter().filter(|_| !page_level) {
                        if let Some(v) = el.attr(a) {
                            class_id.push_str(&v.to_ascii_lowercase());
                            class_id.push(' ');
                        }
                    }
                    let noise = p_noise
                        || NOISE_ELEMENTS.contains(&name)
                        || NOISE_WORDS.iter().any(|w| class_id.contains(w));
                    let hint = p_hint || HINT_WORDS.iter().any(|w| class_id.contains(w));
                    let hidden = p_hidden || HIDDEN.contains(&name);
                    if BLOCKS.contains(&name) {
                        flush(&mut c, &mut line, &mut line_has_text);
                    }
                    if name == "h1" && c.h1.is_none() {
                        c.h1 = Some(c.lines.len());
                    }
                    element(&mut c, node, el, &class_id, noise);
                    stack.push(Frame { hidden, noise, hint });
                }
                Node::Text(t) => {
                    let Some(f) = stack.last() else { continue };
                    if f.hidden {
                        continue;
                    }
                    if line.text.len() < MAX_LINE {
                        push_collapsed(&mut line.text, t);
                    }
                    if !t.trim().is_empty() {
                        line_has_text = true;
                        line.hint |= f.hint;
                        line.noise &= f.noise;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    stack.pop();
                    if BLOCKS.contains(&el.name()) {
                        flush(&mut c, &mut line, &mut line_has_text);
                    }
                }
            }
        }
    }
    flush(&mut c, &mut line, &mut line_has_text);
    c
}

/// Reads what one element says about dates.
fn element(
    c: &mut Collected,
    node: ego_tree::NodeRef<'_, Node>,
    el: &scraper::node::Element,
    class_id: &str,
    noise: bool,
) {
    let name = el.name();
    let push = |c: &mut Collected, role: Role, value: &str, kind: NamedKind| {
        let value = value.trim();
        if !value.is_empty() {
            c.named.push(Named { role, value: value.to_string(), noise, kind });
        }
    };
    match name {
        "html" => {
            if let Some(l) = el.attr("lang").or_else(|| el.attr("xml:lang")) {
                c.lang.get_or_insert(l.trim().to_ascii_lowercase());
            }
        }
        "meta" => {
            let Some(content) = el.attr("content") else { return };
            if let Some(role) =
                el.attr("itemprop").and_then(|p| itemprop_role(&p.to_ascii_lowercase()))
            {
                push(c, role, content, NamedKind::Itemprop);
                return;
            }
            let key =
                el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("http-equiv"));
            let Some(key) = key else { return };
            let key = key.trim().to_ascii_lowercase();
            if key == "og:url" {
                c.urls.push(content.trim().to_string());
            } else if key == "content-language" || key == "og:locale" || key == "language" {
                c.lang.get_or_insert(content.trim().to_ascii_lowercase().replace('_', "-"));
            } else if let Some(role) = role(&key) {
                push(c, role, content, NamedKind::Meta);
            }
        }
        "link" => {
            if el.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                if let Some(h) = el.attr("href") {
                    c.urls.push(h.trim().to_string());
                }
            }
        }
        "script" => {
            if el.attr("type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) {
                let text: String = node
                    .children()
                    .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                    .collect();
                c.jsonld.push(text);
            }
        }
        _ => {
            let prop_role =
                el.attr("itemprop").and_then(|p| itemprop_role(&p.trim().to_ascii_lowercase()));
            let value = || {
                el.attr("content")
                    .or_else(|| el.attr("datetime"))
                    .map(str::to_string)
                    .unwrap_or_else(|| text_of(node))
            };
            if let Some(role) = prop_role {
                push(c, role, &value(), NamedKind::Itemprop);
            } else if name == "time" {
                let class_role = class_role(class_id);
                let (role, kind) = if el.attr("pubdate").is_some() {
                    (Role::Published, NamedKind::Time)
                } else {
                    match class_role {
                        Some(r) if r != Role::Date => (r, NamedKind::Time),
                        _ => (Role::Date, NamedKind::PlainTime),
                    }
                };
                push(c, role, &value(), kind);
            } else if let Some(role) = class_role(class_id).filter(|r| *r != Role::Date) {
                // hAtom: <abbr class="published" title="2019-11-08T09:00">, or the date
                // as the element's text.
                match el.attr("title").or_else(|| el.attr("datetime")) {
                    Some(v) => push(c, role, v, NamedKind::Class),
                    None if matches!(name, "span" | "div" | "p" | "abbr" | "small" | "li") => {
                        push(c, role, &text_of(node), NamedKind::Class)
                    }
                    None => {}
                }
            }
        }
    }
}

/// The text under `node`, collapsed, at most a line's length.
fn text_of(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        if let Some(t) = n.value().as_text() {
            push_collapsed(&mut out, t);
            if out.len() > MAX_LINE {
                break;
            }
        }
    }
    out
}

/// Appends text with runs of white space collapsed to one space.
fn push_collapsed(out: &mut String, t: &str) {
    for part in t.split_whitespace() {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(part);
    }
}

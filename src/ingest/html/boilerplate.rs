//! What kind of element this is: hidden, page furniture, a block or inline text.
//!
//! The signals are general ones of page structure: the tag's meaning (`nav`, `aside`,
//! `figure`, `button`), ARIA roles, hidden attributes, and the words of `class` and `id`
//! that sites use for the same furniture everywhere (share bars, related lists, comment
//! threads, newsletter and cookie boxes, bylines, captions, advertisements).

use scraper::node::Element;

/// Elements whose content is never visible text.
pub(super) const HIDDEN: &[&str] = &[
    "head", "iframe", "noscript", "object", "script", "style", "svg", "template", "title",
    "canvas", "video", "audio", "map", "math",
];

/// Elements that hold page furniture, never the article's prose.
const FURNITURE: &[&str] = &[
    "aside",
    "button",
    "dialog",
    "figcaption",
    "figure",
    "footer",
    "header",
    "input",
    "label",
    "menu",
    "nav",
    "option",
    "select",
    "textarea",
];

/// Inline elements: their text belongs to the block around them.
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
];

/// ARIA roles of furniture.
const ROLES: &[&str] = &[
    "alert",
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "menu",
    "menubar",
    "navigation",
    "search",
    "toolbar",
];

/// Words of `class`/`id` that name furniture. A word matches when a class or id word
/// starts with it (`share` matches `sharebar` and `share-tools`).
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "author",
    "banner",
    "breadcrumb",
    "byline",
    "caption",
    "comment",
    "consent",
    "cookie",
    "credit",
    "dateline",
    "disclaimer",
    "disqus",
    "footer",
    "gdpr",
    "masthead",
    "menu",
    "modal",
    "mostread",
    "navbar",
    "newsletter",
    "outbrain",
    "paywall",
    "popular",
    "popup",
    "promo",
    "recirc",
    "recommend",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "social",
    "sponsor",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "timestamp",
    "toolbar",
    "trending",
    "widget",
];

/// Compound `class`/`id` words that name the article's own text; they outweigh
/// furniture words on the same element (`article-body comments-open`).
const CONTENT_WORDS: &[&str] = &[
    "articlebody",
    "articlecontent",
    "articletext",
    "bodytext",
    "entrycontent",
    "maincontent",
    "postbody",
    "postcontent",
    "storybody",
    "storycontent",
    "storytext",
];

/// How an element takes part in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Never visible (scripts, styles, hidden attributes).
    Hidden,
    /// Page furniture by its tag or ARIA role: visible, but not the article.
    Furniture,
    /// Named like furniture by its `class` or `id`; layout wrappers are named so too
    /// (`has-sidebar`), so the caller checks what the element holds.
    Named,
    /// A block: its text is a paragraph of its own.
    Block,
    /// Inline: its text joins the surrounding block.
    Inline,
}

/// Classifies an element; the flag says whether its `class`/`id` names the article's
/// own text (`article-body`, `entry-content`).
pub(super) fn kind(el: &Element) -> (Kind, bool) {
    let name = el.name();
    if HIDDEN.contains(&name) || is_hidden(el) {
        return (Kind::Hidden, false);
    }
    let (furniture, content) = names(el);
    let structural = !matches!(name, "html" | "body" | "main" | "article");
    if structural && (FURNITURE.contains(&name) || has_role(el)) {
        return (Kind::Furniture, content);
    }
    if structural && furniture && !content {
        return (Kind::Named, content);
    }
    (if INLINE.contains(&name) { Kind::Inline } else { Kind::Block }, content)
}

/// Whether the element is a block in the plain-text rendering (a line break follows).
pub(super) fn is_block_name(name: &str) -> bool {
    !INLINE.contains(&name) && !HIDDEN.contains(&name)
}

fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v == "true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let s = s.to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

fn has_role(el: &Element) -> bool {
    el.attr("role").is_some_and(|r| ROLES.iter().any(|x| r.eq_ignore_ascii_case(x)))
}

/// Whether `class`/`id` name furniture, and whether they name the article's text.
fn names(el: &Element) -> (bool, bool) {
    let (mut furniture, mut content) = (false, false);
    for value in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        for word in words(value) {
            content |= CONTENT_WORDS.iter().any(|w| word.contains(w));
            furniture |= FURNITURE_WORDS.iter().any(|w| matches_word(&word, w));
        }
    }
    (furniture, content)
}

/// Short words must match whole (`ad`, `ads`, `tags`); longer ones as a prefix.
fn matches_word(word: &str, pattern: &str) -> bool {
    if pattern.len() <= 4 {
        word == pattern
    } else {
        word.starts_with(pattern)
    }
}

/// The lower-case words of a class or id value: split at non-alphanumerics and at
/// lower-to-upper case changes (`shareBar` is `share`, `bar`); the whole of each
/// hyphenated token is a word too (`article-body` also gives `articlebody`).
fn words(value: &str) -> impl Iterator<Item = String> + '_ {
    value.split_whitespace().flat_map(|token| {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in token.chars() {
            if !c.is_alphanumeric() {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                prev_lower = false;
                continue;
            }
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase();
            cur.extend(c.to_lowercase());
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        if out.len() > 1 {
            out.push(out.concat());
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn kind_of(html: &str) -> Kind {
        let doc = Html::parse_fragment(html);
        let sel = Selector::parse("body > *, div, section, p, span, a").unwrap();
        let el = doc.select(&sel).next().expect("an element");
        kind(el.value()).0
    }

    #[test]
    fn class_words() {
        let w: Vec<String> = words("shareBar article-body  x_y").collect();
        assert_eq!(w, ["share", "bar", "article", "body", "articlebody", "x", "y", "xy"]);
    }

    #[test]
    fn classifies_furniture_and_content() {
        assert_eq!(kind_of(r#"<div class="social-share">x</div>"#), Kind::Named);
        assert_eq!(kind_of(r#"<div id="cookieConsent">x</div>"#), Kind::Named);
        assert_eq!(kind_of(r#"<section class="related-stories">x</section>"#), Kind::Named);
        assert_eq!(kind_of(r#"<div class="ad-slot">x</div>"#), Kind::Named);
        assert_eq!(kind_of(r#"<div class="l-sidebar l-article-body-part">x</div>"#), Kind::Block);
        // `ad` is a whole word, not a prefix: `header-wrap`, `adaptive` are not ads.
        assert_eq!(kind_of(r#"<div class="adaptive">x</div>"#), Kind::Block);
        assert_eq!(kind_of(r#"<div class="article-body comments-on">x</div>"#), Kind::Block);
        assert_eq!(kind_of(r#"<p style="display: none">x</p>"#), Kind::Hidden);
        assert_eq!(kind_of(r#"<div role="navigation">x</div>"#), Kind::Furniture);
        assert_eq!(kind_of(r#"<span>x</span>"#), Kind::Inline);
    }
}

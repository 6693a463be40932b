//! What kind of element this is: hidden, page furniture, a block or inline text.
//!
//! The signals are general ones of page structure: the tag's meaning (`nav`, `aside`,
//! `figure`, `button`), ARIA roles, hidden attributes, and the words of `class` and `id`
//! that sites use for the same furniture everywhere (share bars, related lists, comment
//! threads, newsletter and cookie boxes, bylines, captions, advertisements).

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use scraper::node::Element;

/// Elements whose content is never visible text.
pub(super) fn is_hidden_name(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "iframe"
            | "noscript"
            | "object"
            | "script"
            | "style"
            | "svg"
            | "template"
            | "title"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "math"
    )
}

/// Elements that hold page furniture, never the article's prose.
pub(super) fn is_furniture_name(name: &str) -> bool {
    matches!(
        name,
        "aside"
            | "button"
            | "dialog"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "input"
            | "label"
            | "menu"
            | "nav"
            | "option"
            | "select"
            | "textarea"
    )
}

/// Inline elements: their text belongs to the block around them.
pub(super) fn is_inline_name(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "acronym"
            | "b"
            | "bdi"
            | "bdo"
            | "big"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "img"
            | "ins"
            | "kbd"
            | "mark"
            | "nobr"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "wbr"
    )
}

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

/// Every content word ends with one of these (for the quick scan).
const CONTENT_ENDINGS: &[&str] = &["body", "content", "text"];

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
    if is_hidden_name(name) || is_hidden(el) {
        return (Kind::Hidden, false);
    }
    let (furniture, content) = names(el);
    let structural = !matches!(name, "html" | "body" | "main" | "article");
    if structural && (is_furniture_name(name) || has_role(el)) {
        return (Kind::Furniture, content);
    }
    if structural && furniture && !content {
        return (Kind::Named, content);
    }
    (if is_inline_name(name) { Kind::Inline } else { Kind::Block }, content)
}

/// Whether the element is a block in the plain-text rendering (a line break follows).
pub(super) fn is_block_name(name: &str) -> bool {
    !is_inline_name(name) && !is_hidden_name(name)
}

fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v == "true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String =
            s.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect();
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
        // Most names hold none of the words anywhere: one scan settles them.
        if !any_word().is_match(value) {
            continue;
        }
        for token in value.split_whitespace() {
            let joined: String = token
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            content |= CONTENT_WORDS.iter().any(|w| joined.contains(w));
            furniture |= std::iter::once(joined.as_str())
                .chain(words(token))
                .any(|word| FURNITURE_WORDS.iter().any(|w| matches_word(word, w)));
        }
    }
    (furniture, content)
}

/// A case-insensitive automaton of all furniture and content words.
fn any_word() -> &'static AhoCorasick {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    WORDS.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(FURNITURE_WORDS.iter().chain(CONTENT_ENDINGS))
            .expect("valid word list")
    })
}

/// Short words must match whole (`ad`, `ads`, `tags`); longer ones as a prefix; ASCII
/// case is ignored.
fn matches_word(word: &str, pattern: &str) -> bool {
    if pattern.len() <= 4 {
        word.eq_ignore_ascii_case(pattern)
    } else {
        word.len() >= pattern.len()
            && word.as_bytes()[..pattern.len()].eq_ignore_ascii_case(pattern.as_bytes())
    }
}

/// The words of one class or id token: split at non-alphanumerics and at lower-to-upper
/// case changes (`shareBar` is `share`, `Bar`).
fn words(token: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = token;
    std::iter::from_fn(move || {
        let start = rest.find(char::is_alphanumeric)?;
        rest = &rest[start..];
        let mut prev_lower = false;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            if !c.is_alphanumeric() || (c.is_uppercase() && prev_lower) {
                end = i;
                break;
            }
            prev_lower = c.is_lowercase();
        }
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
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
        let w: Vec<&str> = words("shareBar--article_body9").collect();
        assert_eq!(w, ["share", "Bar", "article", "body9"]);
        assert!(matches_word("Sharebar", "share") && !matches_word("adaptive", "ad"));
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
        for w in CONTENT_WORDS {
            assert!(CONTENT_ENDINGS.iter().any(|e| w.ends_with(e)), "{w}");
        }
    }
}

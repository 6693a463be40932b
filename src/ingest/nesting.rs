//! A gate on HTML nesting depth, applied before the page reaches the HTML parser.
//!
//! html5ever's tree builder spends time quadratic in the depth of open elements, so a
//! hostile page of 100,000 nested `<div>`s would take minutes. [`limit_nesting`] scans
//! the source once (linear time) and drops every start tag (and its end tag) that would
//! open an element deeper than the limit. The text inside is kept, so nothing visible is
//! lost; only the structure below the limit is flattened. Tags of elements whose content
//! is never text (`script`, `style`, ...) are always kept, so hidden text stays hidden.
//! Pages within the limit are returned unchanged.

use std::borrow::Cow;

/// Default deepest element nesting kept; deeper tags are dropped (their text is kept).
pub const DEFAULT_MAX_HTML_DEPTH: usize = 256;

/// Elements that never have content (no end tag, no depth).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text up to their end tag.
const RAW: &[&str] = &[
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
];

/// Elements that a start tag of the same name closes implicitly (`<p>a<p>b`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["dd", "dt", "li", "option", "p", "td", "th", "tr"];

/// Returns `src` with start and end tags nested deeper than `max_depth` removed, and
/// whether anything was removed. Borrowed when nothing was.
pub fn limit_nesting(src: &str, max_depth: usize) -> (Cow<'_, str>, bool) {
    let bytes = src.as_bytes();
    let mut out = String::new();
    let mut copied = 0usize; // bytes of `src` already copied into `out`
    let mut dropped = false;
    let mut stack: Vec<(String, bool)> = Vec::new(); // (name, kept)
    let mut i = 0usize;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let start = i + off;
        let rest = &src[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(bytes.len(), |e| start + e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = src[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
            .count();
        if name_len == 0 || !src.as_bytes()[name_start].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = src[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        let tag_self_closed = end >= 2 && bytes[end - 2] == b'/';
        let mut keep = true;
        if closing {
            if let Some(pos) = stack.iter().rposition(|(n, _)| *n == name) {
                keep = stack[pos].1;
                stack.truncate(pos);
            }
        } else if RAW.contains(&name.as_str()) {
            // Keep the whole element; its content is not markup.
            let close = format!("</{name}");
            let after = end.min(bytes.len());
            i = find_ascii_ci(&src[after..], &close).map_or(bytes.len(), |p| after + p);
            continue;
        } else if !VOID.contains(&name.as_str()) && !tag_self_closed {
            if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                && stack.last().is_some_and(|(n, _)| *n == name)
            {
                stack.pop();
            }
            keep = stack.len() < max_depth;
            stack.push((name, keep));
        }
        if !keep {
            dropped = true;
            out.push_str(&src[copied..start]);
            copied = end;
        }
        i = end;
    }
    if !dropped {
        return (Cow::Borrowed(src), false);
    }
    out.push_str(&src[copied..]);
    (Cow::Owned(out), true)
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// The index just past the `>` ending a tag whose attributes start at `from`, skipping
/// quoted attribute values; the end of input when there is none.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return k + 1,
            None => {}
        }
    }
    bytes.len()
}

/// Byte position of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes().windows(n).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let src = "<html><body><div><p>a<p>b<br><img src='x>y'></div><!-- <div> --></body></html>";
        let (out, dropped) = limit_nesting(src, 4);
        assert!(!dropped);
        assert!(matches!(out, Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_dropped_and_text_kept() {
        let src = "<div>".repeat(10) + "deep" + &"</div>".repeat(10) + "<p>after</p>";
        let (out, dropped) = limit_nesting(&src, 3);
        assert!(dropped);
        assert_eq!(out, "<div>".repeat(3) + "deep" + &"</div>".repeat(3) + "<p>after</p>");
    }

    #[test]
    fn script_tags_are_kept_at_any_depth() {
        let src =
            "<b>".repeat(5) + "<script>if (a<b) { x('<div>') }</script>text" + &"</b>".repeat(5);
        let (out, dropped) = limit_nesting(&src, 2);
        assert!(dropped);
        assert_eq!(out, "<b><b><script>if (a<b) { x('<div>') }</script>text</b></b>");
    }

    #[test]
    fn unclosed_paragraphs_do_not_count_as_nesting() {
        let src = "<p>x".repeat(1_000);
        assert!(!limit_nesting(&src, 4).1);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for src in [
            "<",
            "</",
            "<a",
            "<a href='",
            "</>",
            "<1>",
            "<é>",
            "<script>",
            "<!--",
            "<div>\u{1F600}<",
        ] {
            let _ = limit_nesting(src, 1);
        }
    }
}

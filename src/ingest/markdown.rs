//! Markdown with optional front matter (`---` ... `---`, `key: value` lines).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::Metadata;

/// Splits front matter from the body. Returns the metadata and the Markdown body.
pub fn front_matter(src: &str) -> (Metadata, &str) {
    let mut meta = Metadata::default();
    let rest = src.strip_prefix("---").filter(|r| r.starts_with('\n') || r.starts_with("\r\n"));
    let Some(rest) = rest else { return (meta, src) };
    let mut end = None;
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        if pos > 0 && matches!(line.trim_end(), "---" | "...") {
            end = Some((pos, pos + line.len()));
            break;
        }
        pos += line.len();
    }
    let Some((fm_end, body_start)) = end else { return (meta, src) };
    for line in rest[..fm_end].lines() {
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() {
            continue;
        }
        meta.set(key.trim(), value);
    }
    (meta, &rest[body_start..])
}

/// Renders Markdown as plain text: paragraphs and headings separated by blank lines,
/// list items on lines of their own, link text kept and URLs dropped. Returns the text
/// and the first level-one heading, if any.
pub fn to_text(md: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(md.len());
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    let mut h1_text = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                if in_h1 {
                    h1_text.push_str(&t);
                }
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Heading { level: pulldown_cmark::HeadingLevel::H1, .. }) => {
                in_h1 = h1.is_none();
            }
            Event::Start(Tag::Item) if !out.is_empty() && !out.ends_with('\n') => out.push('\n'),
            Event::End(TagEnd::Heading(_)) => {
                if in_h1 {
                    h1 = Some(std::mem::take(&mut h1_text).trim().to_string());
                    in_h1 = false;
                }
                out.push_str("\n\n");
            }
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                out.push_str("\n\n");
            }
            Event::End(TagEnd::Item) => out.push('\n'),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    (out, h1.filter(|h| !h.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter() {
        let src = "---\ntitle: \"A Deal\"\ndate: 2015-09-25\nsource: https://example.org/a\nauthor: Jo\n---\n# Head\n\nBody [link](http://x) *here*.\n";
        let (meta, body) = front_matter(src);
        assert_eq!(meta.title.as_deref(), Some("A Deal"));
        assert_eq!(meta.date.as_deref(), Some("2015-09-25"));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(meta.author.as_deref(), Some("Jo"));
        let (text, h1) = to_text(body);
        assert_eq!(text, "Head\n\nBody link here.");
        assert_eq!(h1.as_deref(), Some("Head"));
    }

    #[test]
    fn no_front_matter() {
        let (meta, body) = front_matter("--- not front matter\ntext");
        assert_eq!(meta, Metadata::default());
        assert_eq!(body, "--- not front matter\ntext");
        let (meta, body) = front_matter("---\ntitle: x\nno end");
        assert_eq!(meta, Metadata::default());
        assert_eq!(body, "---\ntitle: x\nno end");
    }
}

//! HTML pieces of the report: escaping, file names, and a text with its mentions marked.

use std::fmt::Write as _;

use crate::export::Record;
use crate::text::sentences;

/// Escapes `&`, `<`, `>`, `"` and `'` so any text is safe in an element or attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`] appended to `out`: the runs between characters to replace are copied whole.
/// Control characters (Unicode's Cc) other than newline and tab are dropped.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let (mut from, mut i) = (0, 0);
    while i < bytes.len() {
        let (replacement, width) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\n' | b'\t' => {
                i += 1;
                continue;
            }
            0..=0x1f | 0x7f => ("", 1),
            // U+0080 to U+009F.
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => ("", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[from..i]);
        out.push_str(replacement);
        i += width;
        from = i;
    }
    out.push_str(&text[from..]);
}

/// The page file name of a document id: letters, digits, `-`, `_` and `.` kept, the rest
/// replaced, shortened, plus a hash of the id so that two ids never share a page.
pub fn page_name(id: &str) -> String {
    let mut slug: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') { c } else { '_' })
        .take(60)
        .collect();
    let hash = blake3::hash(id.as_bytes()).to_hex();
    let _ = write!(slug, "-{}.html", &hash[..8]);
    slug
}

/// A marked span: code point range, CSS class (the label or TIMEX3 type), tag and title.
struct Span<'r> {
    start: usize,
    end: usize,
    /// The label or date type: class, tag and start of the title.
    class: &'static str,
    /// The rest of the title after the class and `sep`: the canonical name of an entity
    /// written otherwise, the value of a date.
    more: Option<(&'static str, &'r str)>,
}

/// The document text as HTML: each sentence starts with an anchor `s{index}`, entities
/// and dates are `<mark>`s with their label. Overlapping mentions keep the first (then
/// the longest); offsets past the text are ignored.
pub fn marked_text(record: &Record, body: &str) -> String {
    let mut spans: Vec<Span> = record
        .entities
        .iter()
        .map(|e| Span {
            start: e.start,
            end: e.end,
            class: e.label.as_str(),
            more: (e.canonical != e.text).then_some((": ", e.canonical.as_str())),
        })
        .chain(record.dates.iter().map(|d| Span {
            start: d.start,
            end: d.end,
            class: d.kind.as_str(),
            more: Some((" ", d.value.as_str())),
        }))
        .collect();
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut offsets = CharOffsets { text: body, chars: 0, byte: 0 };
    let starts: Vec<usize> = sentences(body).into_iter().map(|r| r.start).collect();
    let mut sentence_starts = starts.into_iter().enumerate().peekable();
    let mut out = String::with_capacity(body.len() * 2);
    let mut pos = 0; // byte offset written so far
    let mut last_end = 0; // code point offset covered so far
    for s in spans {
        if s.start < last_end || s.start >= s.end {
            continue;
        }
        // Spans start in order, and none before the end of the last one written.
        let (Some(b0), Some(b1)) = (offsets.byte_at(s.start), offsets.byte_at(s.end)) else {
            continue;
        };
        plain(&mut out, body, pos, b0, &mut sentence_starts);
        let _ = write!(out, "<mark class=\"m {}\" title=\"{}", s.class, s.class);
        if let Some((sep, more)) = s.more {
            out.push_str(sep);
            escape_into(&mut out, more);
        }
        out.push_str("\">");
        escape_into(&mut out, &body[b0..b1]);
        let _ = write!(out, "<span class=\"tag\">{}</span></mark>", s.class);
        pos = b1;
        last_end = s.end;
    }
    plain(&mut out, body, pos, body.len(), &mut sentence_starts);
    out
}

/// Code point offsets of a text to byte offsets, for offsets that never go back.
struct CharOffsets<'t> {
    text: &'t str,
    /// The code point offset and byte offset reached.
    chars: usize,
    byte: usize,
}

impl CharOffsets<'_> {
    /// The byte offset of code point `chars` (the text's length one past its last code
    /// point), or nothing past that; `chars` must not be below the last one asked for.
    fn byte_at(&mut self, chars: usize) -> Option<usize> {
        debug_assert!(chars >= self.chars);
        let rest = &self.text[self.byte..];
        let mut indices = rest.char_indices().map(|(b, _)| b).chain(std::iter::once(rest.len()));
        let b = indices.nth(chars - self.chars)?;
        self.byte += b;
        self.chars = chars;
        Some(self.byte)
    }
}

type SentenceStarts = std::iter::Peekable<std::iter::Enumerate<std::vec::IntoIter<usize>>>;

/// Writes `body[from..to]` escaped, with an anchor at each sentence start inside it.
fn plain(out: &mut String, body: &str, mut from: usize, to: usize, starts: &mut SentenceStarts) {
    while let Some(&(i, s)) = starts.peek() {
        if s >= to {
            break;
        }
        if s >= from {
            escape_into(out, &body[from..s]);
            let _ = write!(out, "<a id=\"s{i}\"></a>");
            from = s;
        }
        starts.next();
    }
    escape_into(out, &body[from..to]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{DateMention, DctRecord, EntityMention};
    use crate::extract::{DctSource, Label, TimexType};

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<b>\"A&B\"</b> 'x'"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39;"
        );
        // Control characters go (but newlines and tabs), other characters stay whole.
        assert_eq!(escape("\u{7}é\u{85}<\tZürich\n\u{0}"), "é&lt;\tZürich\n");
        let mut out = String::from("kept ");
        escape_into(&mut out, "a&b");
        assert_eq!(out, "kept a&amp;b");
    }

    #[test]
    fn page_names_are_safe_and_distinct() {
        let a = page_name("cyber/budapest-convention");
        let b = page_name("cyber_budapest-convention");
        assert!(a.starts_with("cyber_budapest-convention-") && a.ends_with(".html"));
        assert_ne!(a, b);
        assert!(page_name("../../etc/passwd")
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
    }

    #[test]
    fn marks_entities_and_dates_with_code_point_offsets() {
        let body = "“Xi” <met> Obama in May 2014. Then left.";
        let find = |s: &str| {
            let b = body.find(s).unwrap();
            let start = body[..b].chars().count();
            (start, start + s.chars().count())
        };
        let entity = |s: &str, label| {
            let (start, end) = find(s);
            EntityMention {
                page: None,
                start,
                end,
                text: s.into(),
                label,
                canonical: s.into(),
                sentence: 0,
                rule: "t".into(),
                country: None,
            }
        };
        let (ds, de) = find("May 2014");
        let record = Record {
            id: "d".into(),
            source: "d".into(),
            title: None,
            published: None,
            url: None,
            author: None,
            dct: DctRecord { value: None, source: DctSource::None },
            entities: vec![
                entity("Xi", Label::Person),
                entity("Obama", Label::Person),
                entity("Obama in", Label::Org),
            ],
            dates: vec![DateMention {
                page: None,
                start: ds,
                end: de,
                text: "May 2014".into(),
                kind: TimexType::Date,
                value: "2014-05".into(),
                sentence: 0,
                rule: "t".into(),
                range: None,
            }],
            ..Record::default()
        };
        let html = marked_text(&record, body);
        assert!(html.starts_with("<a id=\"s0\"></a>“<mark class=\"m PERSON\""), "{html}");
        assert!(html.contains("&lt;met&gt;"));
        assert!(html.contains(">May 2014<span class=\"tag\">DATE</span></mark>"), "{html}");
        assert!(html.contains("<a id=\"s1\"></a>Then left."), "{html}");
        assert_eq!(html.matches("<mark").count(), 3, "the overlapping ORG is dropped: {html}");
    }
}

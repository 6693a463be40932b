//! The document: what ingest produces and every later stage consumes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One article, decoded and with its metadata read.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Stable identifier: the file stem, the JSONL `id`, or `stem#line` for JSONL lines
    /// without one. Unique within a corpus.
    pub id: String,
    /// Where it came from: the file path, with `:LINE` for JSONL documents.
    pub source: String,
    /// The title, when known.
    pub title: Option<String>,
    /// The published date, when known.
    pub published: Option<NaiveDate>,
    /// Where the published date came from, when known.
    pub published_source: Option<DateSource>,
    /// The date the document was last modified, when the document says so (web pages).
    pub modified: Option<NaiveDate>,
    /// The document's language, as an ISO 639-1 code (`en`, `ru`), when detected.
    pub lang: Option<&'static str>,
    /// How sure the language detector was of `lang`, 0 to 1.
    pub lang_confidence: Option<f64>,
    /// The file format it was read from (`txt`, `md`, `html`, `jsonl`, ...), when known.
    pub format: Option<&'static str>,
    /// The author, when known.
    pub author: Option<String>,
    /// The URL or publication, when known.
    pub url: Option<String>,
    /// The body text (for `.txt`, the whole file including the title line, so that
    /// offsets are offsets into the file's text).
    pub text: String,
    /// For paged formats (PDF), the code point offset in `text` where each page starts;
    /// empty for formats without pages.
    pub pages: Vec<usize>,
}

impl Document {
    /// A document with only an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        Document {
            source: id.clone(),
            id,
            title: None,
            published: None,
            published_source: None,
            modified: None,
            lang: None,
            lang_confidence: None,
            format: None,
            author: None,
            url: None,
            text: text.into(),
            pages: Vec::new(),
        }
    }

    /// The 1-based page holding code point offset `at`, for paged documents.
    pub fn page_at(&self, at: usize) -> Option<usize> {
        if self.pages.is_empty() {
            return None;
        }
        Some(self.pages.partition_point(|&start| start <= at).max(1))
    }

    /// A content hash of everything that goes into the index (text and metadata), as
    /// 32 hex digits. Equal hashes mean nothing needs re-indexing.
    pub fn content_hash(&self) -> String {
        let mut h = blake3::Hasher::new();
        for part in [
            self.id.as_str(),
            self.source.as_str(),
            self.title.as_deref().unwrap_or(""),
            &self.published.map(|d| d.to_string()).unwrap_or_default(),
            self.published_source.map(DateSource::as_str).unwrap_or(""),
            &self.modified.map(|d| d.to_string()).unwrap_or_default(),
            self.lang.unwrap_or(""),
            self.author.as_deref().unwrap_or(""),
            self.url.as_deref().unwrap_or(""),
            self.text.as_str(),
        ] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        // Only paged documents hash their page starts, so other documents keep the hashes
        // they had before pages existed.
        for start in &self.pages {
            h.update(&(*start as u64).to_le_bytes());
        }
        h.finalize().to_hex()[..32].to_string()
    }
}

/// Where a document's published date came from (the record's `published_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// Markdown front matter.
    FrontMatter,
    /// A field of a JSON Lines document.
    Jsonl,
    /// Structured data in a web page (`datePublished` in JSON-LD).
    JsonLd,
    /// A `<meta>` tag or an `itemprop` attribute of a web page.
    Meta,
    /// A `<time>` element of a web page.
    TimeElement,
    /// The date in the page's URL path.
    Url,
    /// A date line in a web page's visible text, near the headline.
    Visible,
    /// The dateline or the first full date at the top of a plain document.
    Dateline,
    /// The creation date in a PDF's document information dictionary.
    PdfInfo,
    /// The creation date in a PDF's XMP metadata.
    PdfXmp,
    /// The creation date in a Word file's core properties.
    DocxCore,
    /// The creation date in an OpenDocument file's metadata.
    OdtMeta,
    /// Given for the whole run (`ingest --dct`).
    Argument,
}

impl DateSource {
    /// The kebab-case name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::FrontMatter => "front-matter",
            DateSource::Jsonl => "jsonl",
            DateSource::JsonLd => "json-ld",
            DateSource::Meta => "meta",
            DateSource::TimeElement => "time-element",
            DateSource::Url => "url",
            DateSource::Visible => "visible",
            DateSource::Dateline => "dateline",
            DateSource::PdfInfo => "pdf-info",
            DateSource::PdfXmp => "pdf-xmp",
            DateSource::DocxCore => "docx-core",
            DateSource::OdtMeta => "odt-meta",
            DateSource::Argument => "argument",
        }
    }
}

/// Parses a date as written in metadata: `2016-05-12`, `2016-05-12T09:00:00Z`,
/// `2016/05/12`, `May 12, 2016`, `12 May 2016`, `20160512`, `2016年5月12日`.
///
/// Any text is accepted: what is not one of these forms is no date (`None`), never a
/// panic. Only the first ten characters are tried as an ISO date, and they are taken
/// by character, never by byte, since metadata may be in any script.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_matches('"');
    if let Some(head) = prefix_chars(s, 10) {
        for fmt in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(head, fmt) {
                return Some(d);
            }
        }
    }
    for fmt in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y%m%d", "%Y年%m月%d日"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    None
}

/// The first `n` characters of `s`, when it has at least that many.
fn prefix_chars(s: &str, n: usize) -> Option<&str> {
    match s.char_indices().nth(n) {
        Some((end, _)) => Some(&s[..end]),
        None => (s.chars().count() == n).then_some(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_metadata_dates() {
        let d = NaiveDate::from_ymd_opt(2016, 5, 12).unwrap();
        for s in ["2016-05-12", "2016-05-12T09:00:00Z", "2016/05/12", "May 12, 2016", "12 May 2016"]
        {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        for s in ["", "2016-13-01", "2016-02-30", "yesterday"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn dates_in_other_scripts_are_read_or_refused_without_panicking() {
        let d = NaiveDate::from_ymd_opt(2016, 5, 12).unwrap();
        assert_eq!(parse_date("2016年5月12日"), Some(d));
        assert_eq!(parse_date("2016-05-12（木）"), Some(d));
        // A multi-byte character across the tenth byte, in every position.
        for s in
            ["2016年5月12日 09:00", "12 мая 2016 г.", "٢٠١٦-٠٥-١٢", "2016-05-1é", "ééééééééééé"]
        {
            assert_eq!(parse_date(s), None, "{s}");
        }
        for i in 0..12 {
            let s = format!("{}é{}", "1".repeat(i), "2".repeat(12 - i));
            let _ = parse_date(&s);
        }
    }

    #[test]
    fn hash_changes_with_content() {
        let a = Document::new("a", "text");
        let mut b = a.clone();
        assert_eq!(a.content_hash(), b.content_hash());
        b.text.push('!');
        assert_ne!(a.content_hash(), b.content_hash());
        assert_eq!(a.content_hash().len(), 32);
    }
}

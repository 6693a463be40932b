//! The document: what ingest produces and every later stage consumes.

use chrono::NaiveDate;

/// One article, decoded and with its metadata read.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Where the published date came from, when a reader names it (`pdf-info`,
    /// `pdf-xmp`, `docx-core`, `odt-meta`).
    pub published_source: Option<&'static str>,
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

/// Parses a date as written in metadata: `2016-05-12`, `2016-05-12T09:00:00Z`,
/// `2016/05/12`, `May 12, 2016`, `12 May 2016`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_matches('"');
    if s.len() >= 10 {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            return Some(d);
        }
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y/%m/%d") {
            return Some(d);
        }
    }
    for fmt in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    None
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
    fn hash_changes_with_content() {
        let a = Document::new("a", "text");
        let mut b = a.clone();
        assert_eq!(a.content_hash(), b.content_hash());
        b.text.push('!');
        assert_ne!(a.content_hash(), b.content_hash());
        assert_eq!(a.content_hash().len(), 32);
    }
}

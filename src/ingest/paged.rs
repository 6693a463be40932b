//! What the readers of binary document formats (PDF, Word, OpenDocument) share: their
//! result, their typed refusals and their limits.

use super::{Metadata, Reason};

/// Most pages read from a PDF, by default.
pub const DEFAULT_MAX_PAGES: usize = 5_000;

/// Largest decompressed content a PDF or office file may hold, by default (bytes): the sum
/// of its decompressed content streams, or of the zip entries read.
pub const DEFAULT_MAX_DECOMPRESSED: u64 = 512 * 1024 * 1024;

/// Most entries a Word or OpenDocument zip may list, by default.
pub const DEFAULT_MAX_ZIP_ENTRIES: usize = 10_000;

/// Deepest XML nesting read in a Word or OpenDocument part, by default.
pub const DEFAULT_MAX_XML_DEPTH: usize = 512;

/// The text of a binary document with its metadata.
#[derive(Debug, Default)]
pub struct Paged {
    /// Title, author and dates from the file's properties.
    pub meta: Metadata,
    /// Where the published date came from (`pdf-info`, `pdf-xmp`, `docx-core`, `odt-meta`).
    pub date_source: Option<&'static str>,
    /// The text.
    pub text: String,
    /// The code point offset where each page starts (empty when the format has no pages).
    pub pages: Vec<usize>,
}

/// Why a binary document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The failure reason.
    pub reason: Reason,
    /// Details for a person, saying what to do.
    pub details: String,
}

impl Refusal {
    /// A refusal for a file that is not what its extension says or is damaged.
    pub fn parse(details: impl Into<String>) -> Refusal {
        Refusal { reason: Reason::Parse, details: details.into() }
    }

    /// A refusal naming a limit (and how to raise it).
    pub fn limit(details: impl Into<String>) -> Refusal {
        Refusal { reason: Reason::Limit, details: details.into() }
    }
}

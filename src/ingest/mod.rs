//! Corpus files to [`Document`]s: walking folders, decoding, and reading each format.
//!
//! Supported: `.txt` (the first non-empty line is the title), `.md`/`.markdown` (front
//! matter: `title`, `date`/`published`, `source`/`url`, `author`), `.html`/`.htm` (visible
//! text, title and published date from the usual meta tags) and `.jsonl`/`.ndjson` (one
//! document per line), `.pdf` (the text layer in reading order, with page starts) and
//! `.docx`/`.odt` (body text and document properties). A bad file or line never stops a
//! run: it becomes a [`Failure`].

pub mod dateline;
mod decode;
mod html;
pub mod lang;
mod markdown;
mod nesting;
mod office;
mod paged;
mod pdf;
pub mod published;
mod source;

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use decode::{decode, decode_html, NotText};
pub use nesting::{limit_nesting, DEFAULT_MAX_HTML_DEPTH};
pub use paged::{
    DEFAULT_MAX_DECOMPRESSED, DEFAULT_MAX_PAGES, DEFAULT_MAX_XML_DEPTH, DEFAULT_MAX_ZIP_ENTRIES,
};
pub use source::{is_under, same_file, source_file};

use crate::document::{parse_date, DateSource, Document};

/// Largest file read, by default (bytes).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Longest document text kept, by default (bytes of UTF-8); longer texts are cut at a
/// character boundary, with a warning. Bounds the indexer's memory (a 200 MB document
/// peaks near 1 GB) and extraction time.
pub const DEFAULT_MAX_DOCUMENT_SIZE: usize = 8 * 1024 * 1024;

/// Longest first line of a `.txt` file taken as its title, in characters.
pub const MAX_TITLE_CHARS: usize = 160;

/// Why a file or a line was not ingested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The file holds NUL bytes.
    Binary,
    /// The file could not be read (permissions, vanished, a loop, not a regular file).
    Unreadable,
    /// The file is larger than the limit.
    TooLarge,
    /// The file or JSONL line could not be parsed.
    Parse,
    /// The file or line has no text.
    Empty,
    /// The file type is not supported.
    Unsupported,
    /// Another input already produced a document with the same id.
    DuplicateId,
    /// A warning, not a failure: the document was ingested, but cut to the size limit.
    Truncated,
    /// A fault inside dossier while reading or extracting this input (a bug); the
    /// details hold its message. The other inputs are not affected.
    Internal,
    /// A warning, not a failure: an HTML page nested deeper than the limit was read with
    /// its deepest tags dropped (all its text kept).
    Flattened,
    /// The file is password-protected (a PDF or Office document).
    Encrypted,
    /// The PDF has no text layer (a scan): it needs OCR first.
    NoText,
    /// The file goes past a reading limit (pages, decompressed bytes, zip entries, XML
    /// nesting); the details name the limit and how to raise it.
    Limit,
}

impl Reason {
    /// Whether this reason is an error (exit code 1) rather than a plain skip or a
    /// warning.
    pub fn is_error(self) -> bool {
        !matches!(self, Reason::Empty | Reason::Truncated | Reason::Flattened)
    }

    /// Whether this is a warning about a document that was ingested anyway.
    pub fn is_warning(self) -> bool {
        matches!(self, Reason::Truncated | Reason::Flattened)
    }

    /// The kebab-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Binary => "binary",
            Reason::Unreadable => "unreadable",
            Reason::TooLarge => "too-large",
            Reason::Parse => "parse",
            Reason::Empty => "empty",
            Reason::Unsupported => "unsupported",
            Reason::DuplicateId => "duplicate-id",
            Reason::Truncated => "truncated",
            Reason::Internal => "internal",
            Reason::Flattened => "flattened",
            Reason::Encrypted => "encrypted",
            Reason::NoText => "no-text",
            Reason::Limit => "limit",
        }
    }
}

/// An input that was not ingested, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The file, with `:LINE` for a JSONL line.
    pub path: String,
    /// Why.
    pub reason: Reason,
    /// Details for a person.
    pub details: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.path, self.reason.as_str(), self.details)
    }
}

/// Metadata read from a file's front matter, meta tags or JSON fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Title.
    pub title: Option<String>,
    /// Published date as written.
    pub date: Option<String>,
    /// URL or publication.
    pub url: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Published date already read as a date, with where it came from (web pages); it
    /// wins over `date`.
    pub published: Option<(chrono::NaiveDate, DateSource)>,
    /// Last-modified date, when the document states one.
    pub modified: Option<chrono::NaiveDate>,
}

impl Metadata {
    /// Sets a field from a front-matter key (unknown keys are ignored).
    fn set(&mut self, key: &str, value: &str) {
        let slot = match key.to_ascii_lowercase().as_str() {
            "title" => &mut self.title,
            "date" | "published" | "pubdate" | "published_at" => &mut self.date,
            "source" | "url" | "link" => &mut self.url,
            "author" | "byline" => &mut self.author,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
        }
    }
}

/// The kind of file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown with optional front matter.
    Markdown,
    /// HTML.
    Html,
    /// JSON Lines, one document per line.
    JsonLines,
    /// PDF (its text layer).
    Pdf,
    /// Word (Office Open XML).
    Docx,
    /// OpenDocument text.
    Odt,
}

impl Format {
    /// The short name used in records (`txt`, `md`, `html`, `jsonl`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::JsonLines => "jsonl",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
        }
    }

    /// Whether documents of this format state their date in their first lines when
    /// their metadata does not (a dateline).
    pub fn has_datelines(self) -> bool {
        matches!(self, Format::Text | Format::Markdown | Format::Pdf | Format::Docx | Format::Odt)
    }

    /// The format of `path`, from its extension (case-insensitive).
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" => Format::JsonLines,
            "pdf" => Format::Pdf,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            _ => return None,
        })
    }
}

/// What reading one file gave: documents and failures (JSONL files can give both).
#[derive(Debug, Default)]
pub struct FileResult {
    /// Documents read.
    pub documents: Vec<Document>,
    /// Inputs not ingested.
    pub failures: Vec<Failure>,
    /// Bytes read.
    pub bytes: u64,
}

impl FileResult {
    fn failed(path: &Path, reason: Reason, details: impl Into<String>) -> FileResult {
        FileResult {
            failures: vec![Failure {
                path: path.display().to_string(),
                reason,
                details: details.into(),
            }],
            ..FileResult::default()
        }
    }
}

/// Options for reading files.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this (bytes) are refused.
    pub max_file_size: u64,
    /// Document texts longer than this (bytes) are cut at a character boundary, with a
    /// [`Reason::Truncated`] warning.
    pub max_document_size: usize,
    /// HTML elements nested deeper than this lose their tags (not their text), with a
    /// [`Reason::Flattened`] warning.
    pub max_html_depth: usize,
    /// HTML pages keep their whole visible text instead of the article's main text (for
    /// pages that are not articles: indexes, listings, documentation).
    pub full_text: bool,
    /// PDFs with more pages are refused ([`Reason::Limit`]).
    pub max_pages: usize,
    /// Most bytes decompressed from one PDF (its content streams) or one Word or
    /// OpenDocument file (its zip entries); past it, a [`Reason::Limit`] failure.
    pub max_decompressed: u64,
    /// Word or OpenDocument archives with more entries are refused ([`Reason::Limit`]).
    pub max_zip_entries: usize,
    /// Word or OpenDocument XML nested deeper is refused ([`Reason::Limit`]).
    pub max_xml_depth: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_document_size: DEFAULT_MAX_DOCUMENT_SIZE,
            max_html_depth: DEFAULT_MAX_HTML_DEPTH,
            full_text: false,
            max_pages: DEFAULT_MAX_PAGES,
            max_decompressed: DEFAULT_MAX_DECOMPRESSED,
            max_zip_entries: DEFAULT_MAX_ZIP_ENTRIES,
            max_xml_depth: DEFAULT_MAX_XML_DEPTH,
        }
    }
}

/// Reads one file. `id_base` is the document id for single-document files (and the
/// prefix of generated ids for JSONL lines without an `id`).
pub fn read_file(path: &Path, id_base: &str, options: &ReadOptions) -> FileResult {
    let Some(format) = Format::of(path) else {
        return FileResult::failed(
            path,
            Reason::Unsupported,
            "unsupported file type (use .txt, .md, .html, .htm, .jsonl, .ndjson, .pdf, .docx or \
             .odt)",
        );
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return FileResult::failed(path, Reason::Unreadable, e.to_string()),
    };
    if !meta.is_file() {
        return FileResult::failed(path, Reason::Unreadable, "not a regular file");
    }
    if meta.len() > options.max_file_size {
        return FileResult::failed(
            path,
            Reason::TooLarge,
            format!(
                "{} bytes is over the limit of {} bytes (raise it with --max-file-size)",
                meta.len(),
                options.max_file_size
            ),
        );
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return FileResult::failed(path, Reason::Unreadable, e.to_string()),
    };
    let n = bytes.len() as u64;
    let mut result = read_bytes_with(path, id_base, format, &bytes, options);
    result.bytes = n;
    result
}

/// Reads a document from bytes already in memory (see [`read_file`]), with the default
/// limits.
pub fn read_bytes(path: &Path, id_base: &str, format: Format, bytes: &[u8]) -> FileResult {
    read_bytes_with(path, id_base, format, bytes, &ReadOptions::default())
}

/// Reads a document from bytes already in memory, with the limits of `options` (the
/// file size limit is not checked here). Never panics, whatever the bytes.
pub fn read_bytes_with(
    path: &Path,
    id_base: &str,
    format: Format,
    bytes: &[u8],
    options: &ReadOptions,
) -> FileResult {
    let mut result = read_unlimited(path, id_base, format, bytes, options);
    for doc in &mut result.documents {
        complete(doc, format);
        if let Some(original) = truncate_text(&mut doc.text, options.max_document_size) {
            let kept = doc.text.chars().count();
            doc.pages.retain(|&start| start <= kept);
            result.failures.push(Failure {
                path: doc.source.clone(),
                reason: Reason::Truncated,
                details: format!(
                    "the text is {original} bytes; only the first {} are kept (raise the limit \
                     with --max-document-size)",
                    doc.text.len()
                ),
            });
        }
    }
    result
}

/// Fills in what a reader leaves open: the format, the language, and for plain documents
/// without a published date, the date stated at their top (`dossier reindex` completes
/// stored documents with it too).
pub fn complete(doc: &mut Document, format: Format) {
    doc.format = Some(format.name());
    if let Some(language) = lang::detect(&doc.text) {
        doc.lang = Some(language.code);
        doc.lang_confidence = Some(language.confidence);
    }
    if doc.published.is_none() && format.has_datelines() {
        if let Some(date) = dateline::find(&doc.text) {
            doc.published = Some(date);
            doc.published_source = Some(DateSource::Dateline);
        }
    }
}

/// Cuts `text` to at most `max` bytes, at a character boundary (preferring the last line
/// break in the final kilobyte). Returns the original length when it cut.
pub fn truncate_text(text: &mut String, max: usize) -> Option<usize> {
    if text.len() <= max {
        return None;
    }
    let original = text.len();
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let lo = end.saturating_sub(1024);
    if let Some(nl) = text.as_bytes()[lo..end].iter().rposition(|&b| b == b'\n') {
        end = lo + nl + 1;
    }
    text.truncate(end);
    Some(original)
}

fn read_unlimited(
    path: &Path,
    id_base: &str,
    format: Format,
    bytes: &[u8],
    options: &ReadOptions,
) -> FileResult {
    if matches!(format, Format::Pdf | Format::Docx | Format::Odt) {
        return read_paged(path, id_base, format, bytes, options);
    }
    let decoded = if format == Format::Html { decode_html(bytes) } else { decode(bytes) };
    let text = match decoded {
        Ok((t, _)) => t,
        Err(NotText::Binary) => {
            return FileResult::failed(path, Reason::Binary, "binary file (contains NUL bytes)")
        }
    };
    let source = path.display().to_string();
    if text.trim().is_empty() {
        return FileResult::failed(path, Reason::Empty, "no text");
    }
    let mut warnings = Vec::new();
    let doc = match format {
        Format::Text => {
            // The first line is a title only when it is short: many plain-text files
            // start straight with a paragraph.
            let title = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .filter(|l| l.chars().count() <= MAX_TITLE_CHARS && !is_salutation(l))
                .map(String::from);
            Document { title, source, ..Document::new(id_base, text) }
        }
        Format::Markdown => {
            let (meta, body) = markdown::front_matter(&text);
            let (body, h1) = markdown::to_text(body);
            from_meta(id_base, source, body, meta, h1, DateSource::FrontMatter)
        }
        Format::Html => {
            let (page, flattened) = limit_nesting(&text, options.max_html_depth);
            let (meta, body) = html::parse(&page, options.full_text);
            if flattened {
                warnings.push(Failure {
                    path: source.clone(),
                    reason: Reason::Flattened,
                    details: format!(
                        "elements nest deeper than {} levels; the deeper tags were dropped and \
                         their text kept (raise the limit with --max-html-depth)",
                        options.max_html_depth
                    ),
                });
            }
            from_meta(id_base, source, body, meta, None, DateSource::Meta)
        }
        Format::JsonLines => return read_jsonl(path, id_base, &text),
        Format::Pdf | Format::Docx | Format::Odt => unreachable!("read from bytes above"),
    };
    if doc.text.trim().is_empty() {
        return FileResult::failed(path, Reason::Empty, "no visible text");
    }
    FileResult { documents: vec![doc], failures: warnings, ..FileResult::default() }
}

fn from_meta(
    id: &str,
    source: String,
    text: String,
    meta: Metadata,
    h1: Option<String>,
    date_source: DateSource,
) -> Document {
    let (published, published_source) = match meta.published {
        Some((date, source)) => (Some(date), Some(source)),
        None => {
            let date = meta.date.as_deref().and_then(parse_date);
            (date, date.map(|_| date_source))
        }
    };
    Document {
        title: meta.title.or(h1).filter(|t| !is_salutation(t)),
        published,
        published_source,
        modified: meta.modified,
        author: meta.author,
        url: meta.url,
        source,
        ..Document::new(id, text)
    }
}

/// Whether a line is a salutation that opens a speech or letter ("Mr. President,",
/// "Ladies and gentlemen:", "Dear colleagues"), which is never a title.
pub fn is_salutation(line: &str) -> bool {
    let line = line.trim();
    if line.ends_with([',', ':']) && line.chars().count() <= 80 {
        return true;
    }
    let lower = line.to_lowercase();
    const OPENINGS: &[&str] = &[
        "dear ",
        "ladies and gentlemen",
        "good morning",
        "good afternoon",
        "good evening",
        "your excellenc",
        "your majesty",
        "your highness",
        "distinguished guests",
        "excellencies",
    ];
    OPENINGS.iter().any(|o| lower.starts_with(o))
}

/// One JSONL line. Unknown fields are ignored.
#[derive(Debug, Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
    text: Option<String>,
    body: Option<String>,
    content: Option<String>,
    title: Option<String>,
    date: Option<String>,
    published: Option<String>,
    url: Option<String>,
    source: Option<String>,
    author: Option<String>,
}

fn read_jsonl(path: &Path, id_base: &str, text: &str) -> FileResult {
    let mut result = FileResult::default();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{}:{lineno}", path.display());
        let doc: JsonDoc = match serde_json::from_str(line) {
            Ok(d) => d,
            Err(e) => {
                result.failures.push(Failure {
                    path: at,
                    reason: Reason::Parse,
                    details: e.to_string(),
                });
                continue;
            }
        };
        let Some(body) = doc.text.or(doc.body).or(doc.content).filter(|t| !t.trim().is_empty())
        else {
            result.failures.push(Failure {
                path: at,
                reason: Reason::Empty,
                details: "no \"text\", \"body\" or \"content\" field with text".into(),
            });
            continue;
        };
        let id = match doc.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("{id_base}#{lineno}"),
        };
        let published = doc.date.or(doc.published).as_deref().and_then(parse_date);
        result.documents.push(Document {
            source: at,
            title: doc.title,
            published,
            published_source: published.map(|_| DateSource::Jsonl),
            author: doc.author,
            url: doc.url.or(doc.source),
            ..Document::new(id, body)
        });
    }
    result
}

/// Reads a PDF, Word or OpenDocument file: formats that are bytes, not text.
fn read_paged(
    path: &Path,
    id_base: &str,
    format: Format,
    bytes: &[u8],
    options: &ReadOptions,
) -> FileResult {
    let read = match format {
        Format::Pdf => pdf::read(bytes, options),
        Format::Odt => office::read_odt(bytes, options),
        _ => office::read_docx(bytes, options),
    };
    let paged = match read {
        Ok(p) => p,
        Err(refusal) => return FileResult::failed(path, refusal.reason, refusal.details),
    };
    if paged.text.trim().is_empty() {
        return FileResult::failed(path, Reason::Empty, "no text");
    }
    let published = paged.meta.date.as_deref().and_then(parse_date);
    let published_source = paged.date_source.and_then(|name| match name {
        "pdf-info" => Some(DateSource::PdfInfo),
        "pdf-xmp" => Some(DateSource::PdfXmp),
        "docx-core" => Some(DateSource::DocxCore),
        "odt-meta" => Some(DateSource::OdtMeta),
        _ => None,
    });
    let doc = Document {
        source: path.display().to_string(),
        title: paged.meta.title.filter(|t| !t.trim().is_empty() && !is_salutation(t)),
        published,
        published_source: published.and(published_source),
        author: paged.meta.author.filter(|a| !a.trim().is_empty()),
        pages: paged.pages,
        ..Document::new(id_base, paged.text)
    };
    FileResult { documents: vec![doc], ..FileResult::default() }
}

/// A file found by [`walk_all`], with the id its document(s) will get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// The document id: the path relative to the folder given, without extension, with
    /// `/` separators; the file stem for a file given directly.
    pub id: String,
}

/// What [`walk_all`] found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Supported files, sorted within each root.
    pub inputs: Vec<Input>,
    /// Problems met on the way.
    pub failures: Vec<Failure>,
    /// Files inside the folders that are of no supported type (reason
    /// [`Reason::Unsupported`]), to be counted, not read.
    pub ignored: Vec<Failure>,
}

#[cfg(test)]
/// Walks `roots` (files or folders) and returns supported files, sorted within each
/// root, and the problems met on the way (see [`walk_all`]).
pub fn walk(roots: &[PathBuf]) -> (Vec<Input>, Vec<Failure>) {
    let w = walk_all(roots);
    (w.inputs, w.failures)
}

/// Walks `roots` (files or folders). Hidden files and folders are skipped; `README.*`
/// files inside folders are skipped; files of unsupported types inside folders are
/// listed in [`Walk::ignored`] (a file named directly is always read); symbolic links
/// are followed and loops reported.
pub fn walk_all(roots: &[PathBuf]) -> Walk {
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    let mut ignored = Vec::new();
    for root in roots {
        let meta = match fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                failures.push(Failure {
                    path: root.display().to_string(),
                    reason: Reason::Unreadable,
                    details: e.to_string(),
                });
                continue;
            }
        };
        if !meta.is_file() && !meta.is_dir() {
            failures.push(Failure {
                path: root.display().to_string(),
                reason: Reason::Unreadable,
                details: "not a regular file or folder (a pipe, socket or device); not opened"
                    .into(),
            });
            continue;
        }
        if meta.is_file() {
            let id = root.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            inputs.push(Input { path: root.clone(), id });
            continue;
        }
        let mut found = Vec::new();
        let walker = ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .hidden(true)
            .follow_links(true)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    if !entry.file_type().is_some_and(|t| t.is_file()) || is_folder_readme(path) {
                        continue;
                    }
                    if Format::of(path).is_none() {
                        ignored.push(Failure {
                            path: path.display().to_string(),
                            reason: Reason::Unsupported,
                            details: "unsupported file type, ignored".into(),
                        });
                        continue;
                    }
                    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
                    let id = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    found.push(Input { path: path.to_path_buf(), id });
                }
                Err(e) => failures.push(Failure {
                    path: walk_error_path(&e).unwrap_or_else(|| root.display().to_string()),
                    reason: Reason::Unreadable,
                    details: walk_error_text(&e),
                }),
            }
        }
        inputs.extend(found);
    }
    Walk { inputs, failures, ignored }
}

/// A folder's own README (any extension) describes the folder; it is not an article.
fn is_folder_readme(path: &Path) -> bool {
    path.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.eq_ignore_ascii_case("readme"))
}

fn walk_error_path(e: &ignore::Error) -> Option<String> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.display().to_string()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.display().to_string()),
        _ => None,
    }
}

fn walk_error_text(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_text(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}", ancestor.display())
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, body: &[u8]) -> FileResult {
        let path = PathBuf::from(name);
        read_bytes(&path, "doc", Format::of(&path).unwrap(), body)
    }

    #[test]
    fn text_title_is_first_line() {
        let r = read("a.txt", b"\n  The Title \nBody text.\n");
        let d = &r.documents[0];
        assert_eq!(d.title.as_deref(), Some("The Title"));
        assert_eq!(d.text, "\n  The Title \nBody text.\n");
        assert_eq!(d.id, "doc");
    }

    #[test]
    fn a_long_first_line_is_not_a_title() {
        let para = "word ".repeat(60);
        let r = read("a.txt", format!("{para}\nMore.").as_bytes());
        assert_eq!(r.documents[0].title, None);
    }

    #[test]
    fn markdown_front_matter() {
        let r = read("a.md", b"---\ntitle: T\npublished: 2016-06-01\nurl: u\n---\nSome *text*.\n");
        let d = &r.documents[0];
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.published.map(|d| d.to_string()).as_deref(), Some("2016-06-01"));
        assert_eq!(d.url.as_deref(), Some("u"));
        assert_eq!(d.text, "Some text.");
    }

    #[test]
    fn jsonl_lines_and_failures() {
        let r = read(
            "a.jsonl",
            b"{\"id\":\"x\",\"text\":\"one\",\"date\":\"2015-09-25\"}\n{broken\n{\"body\":\"two\"}\n{\"title\":\"no text\"}\n",
        );
        let ids: Vec<_> = r.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["x", "doc#3"]);
        assert_eq!(r.documents[0].source, "a.jsonl:1");
        assert_eq!(r.failures.len(), 2);
        assert_eq!(r.failures[0].path, "a.jsonl:2");
        assert_eq!(r.failures[0].reason, Reason::Parse);
        assert_eq!(r.failures[1].reason, Reason::Empty);
    }

    #[test]
    fn binary_and_empty_are_failures() {
        assert_eq!(read("a.txt", b"ab\0c").failures[0].reason, Reason::Binary);
        assert_eq!(read("a.txt", b"  \n").failures[0].reason, Reason::Empty);
        assert_eq!(read("a.html", b"<script>x</script>").failures[0].reason, Reason::Empty);
    }

    #[test]
    fn long_texts_are_truncated_on_a_char_boundary_with_a_warning() {
        let mut s = "ab\ncdé".to_string();
        assert_eq!(truncate_text(&mut s, 100), None);
        assert_eq!(truncate_text(&mut s, 6), Some(7));
        assert_eq!(s, "ab\n", "cut at the last line break");
        let mut s = "ééé".to_string();
        assert_eq!(truncate_text(&mut s, 3), Some(6));
        assert_eq!(s, "é");
        let options = ReadOptions { max_document_size: 10, ..ReadOptions::default() };
        let r = read_bytes_with(Path::new("a.txt"), "a", Format::Text, &[b'x'; 50], &options);
        assert_eq!(r.documents[0].text.len(), 10);
        assert_eq!(r.failures[0].reason, Reason::Truncated);
        assert!(!r.failures[0].reason.is_error() && r.failures[0].reason.is_warning());
    }

    #[test]
    fn deep_html_is_flattened_with_a_warning() {
        let src = "<div>".repeat(30) + "deep text" + &"</div>".repeat(30);
        let options = ReadOptions { max_html_depth: 10, ..ReadOptions::default() };
        let r = read_bytes_with(Path::new("a.html"), "a", Format::Html, src.as_bytes(), &options);
        assert_eq!(r.documents[0].text, "deep text");
        assert_eq!(r.failures[0].reason, Reason::Flattened);
    }

    #[test]
    fn a_fifo_named_directly_is_refused_unopened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("p.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let (inputs, failures) = walk(&[fifo]);
        assert!(inputs.is_empty());
        assert_eq!(failures[0].reason, Reason::Unreadable);
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of(Path::new("a.HTM")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("a.ndjson")), Some(Format::JsonLines));
        assert_eq!(Format::of(Path::new("a.PDF")), Some(Format::Pdf));
        assert_eq!(Format::of(Path::new("a.docx")), Some(Format::Docx));
        assert_eq!(Format::of(Path::new("a.doc")), None);
        assert_eq!(Format::of(Path::new("README")), None);
    }
}

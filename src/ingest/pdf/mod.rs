//! PDF files: the text layer in reading order, page starts, and the document's title,
//! author and creation date.
//!
//! [`pdf_extract`] (on `lopdf`) parses the file and interprets its content streams, fonts
//! and encodings; it hands over every character with its position, and [`layout`] turns
//! those into paragraphs in reading order (columns, soft hyphens, ligatures, running
//! headers and footers). `docs/PDF.md` says why this crate and how well it does.
//!
//! Every way a file can fail is a typed [`Refusal`]: `encrypted` (a password is needed),
//! `no-text` (a scan: no text layer, OCR needed), `limit` (too many pages, or content
//! streams that decompress past the limit) and `parse` (damaged, or not a PDF). A panic in
//! the parser is caught and reported as `parse`.

pub mod layout;
mod meta;

use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::{Document as Pdf, MediaBox, Object, OutputDev, OutputError, Transform};

use self::layout::{Glyph, PageGlyphs};
use super::paged::{Paged, Refusal};
use super::{Metadata, ReadOptions, Reason};

/// Reads a PDF. Never panics.
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<Paged, Refusal> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Refusal::parse("not a PDF (no %PDF- header); is the extension right?"));
    }
    match guarded(|| read_checked(bytes, options)) {
        Some(result) => result,
        None => Err(Refusal::parse(
            "the PDF parser failed on this file (it is damaged or uses a feature the parser \
             does not handle); converting it with another tool may help",
        )),
    }
}

thread_local! {
    /// Set while the PDF parser runs on this thread: its panics are caught and reported
    /// as typed failures, so the panic message is not printed.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into `None` without printing it.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.ok()
}

fn encrypted() -> Refusal {
    Refusal {
        reason: Reason::Encrypted,
        details: "the PDF is password-protected; save a copy without the password to ingest it"
            .into(),
    }
}

fn read_checked(bytes: &[u8], options: &ReadOptions) -> Result<Paged, Refusal> {
    let mut doc = match Pdf::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => {
            let msg = e.to_string();
            let lower = msg.to_lowercase();
            if lower.contains("password") || lower.contains("decrypt") || lower.contains("encrypt")
            {
                return Err(encrypted());
            }
            return Err(Refusal::parse(format!("damaged or unreadable PDF ({msg})")));
        }
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(encrypted());
    }
    let page_ids = doc.get_pages();
    if page_ids.len() > options.max_pages {
        return Err(Refusal::limit(format!(
            "{} pages, over the limit of {} (raise it with --max-pages)",
            page_ids.len(),
            options.max_pages
        )));
    }
    check_content_size(&doc, options.max_decompressed)?;
    let meta = metadata(&doc);
    // Page by page, so that a page the parser cannot handle loses only its own text.
    let mut collector = Collector::default();
    let mut failed = 0usize;
    let mut error = None;
    for &number in page_ids.keys() {
        let before = collector.pages.len();
        match guarded(|| pdf_extract::output_doc_page(&doc, &mut collector, number)) {
            Some(Ok(())) => {}
            Some(Err(e)) => {
                failed += 1;
                error = Some(e.to_string());
            }
            None => failed += 1,
        }
        if collector.pages.len() == before {
            collector.pages.push(PageGlyphs::default());
        }
    }
    if failed > 0 && collector.pages.iter().all(|p| p.glyphs.is_empty()) {
        let why = error.map(|e| format!(" ({e})")).unwrap_or_default();
        return Err(Refusal::parse(format!(
            "cannot read the text of any page{why}; the file is damaged or uses a feature the \
             parser does not handle"
        )));
    }
    let (mut pages, date_source) = (collector.pages, meta.1);
    if !pages.iter().any(|p| p.glyphs.iter().any(|g| !g.ch.is_whitespace())) {
        return Err(Refusal {
            reason: Reason::NoText,
            details: format!(
                "no text layer in {} page(s): a scanned document needs OCR first (for example \
                 with ocrmypdf), then ingest the result",
                page_ids.len()
            ),
        });
    }
    pages.truncate(options.max_pages);
    let (text, starts) = layout::text_of(pages);
    Ok(Paged { meta: meta.0, date_source, text, pages: starts })
}

/// Refuses a file whose page content streams decompress past `max` bytes, measured
/// while decompressing (a stream's declared length is not trusted) and before the parser
/// decompresses them.
fn check_content_size(doc: &Pdf, max: u64) -> Result<(), Refusal> {
    let mut total = 0u64;
    for (_, page) in doc.get_pages() {
        for id in doc.get_page_contents(page) {
            let Ok(Object::Stream(stream)) = doc.get_object(id) else { continue };
            let flate = match stream.dict.get(b"Filter") {
                Ok(Object::Name(n)) => n == b"FlateDecode",
                Ok(Object::Array(a)) => {
                    a.len() == 1 && matches!(&a[0], Object::Name(n) if n == b"FlateDecode")
                }
                _ => false,
            };
            let size = if flate {
                let left = max.saturating_sub(total);
                let mut decoder =
                    flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(left + 1);
                std::io::copy(&mut decoder, &mut std::io::sink()).unwrap_or(0)
            } else {
                stream.content.len() as u64
            };
            total += size;
            if total > max {
                return Err(Refusal::limit(format!(
                    "the page contents decompress to more than the limit of {max} bytes (raise \
                     it with --max-decompressed)"
                )));
            }
        }
    }
    Ok(())
}

/// Title, author and creation date from the Info dictionary, else from XMP; the name of
/// the date's source.
fn metadata(doc: &Pdf) -> (Metadata, Option<&'static str>) {
    let mut meta = Metadata::default();
    let mut source = None;
    let info = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    });
    let field = |key: &[u8]| -> Option<String> {
        match info?.get(key).ok()? {
            Object::String(bytes, _) => Some(meta::text_string(bytes)).filter(|s| !s.is_empty()),
            _ => None,
        }
    };
    meta.title = field(b"Title");
    meta.author = field(b"Author");
    if let Some(date) = field(b"CreationDate").as_deref().and_then(meta::pdf_date) {
        meta.date = Some(date);
        source = Some("pdf-info");
    }
    if meta.title.is_none() || meta.author.is_none() || meta.date.is_none() {
        if let Some(xmp) = xmp_packet(doc) {
            meta.title = meta.title.or_else(|| meta::xmp_field(&xmp, "dc:title"));
            meta.author = meta.author.or_else(|| meta::xmp_field(&xmp, "dc:creator"));
            if meta.date.is_none() {
                let created = meta::xmp_field(&xmp, "xmp:CreateDate")
                    .or_else(|| meta::xmp_attribute(&xmp, "xmp:CreateDate"));
                if let Some(d) = created.filter(|d| crate::document::parse_date(d).is_some()) {
                    meta.date = Some(d);
                    source = Some("pdf-xmp");
                }
            }
        }
    }
    (meta, source)
}

/// The catalog's XMP packet, when it is small and readable.
fn xmp_packet(doc: &Pdf) -> Option<String> {
    let id = doc.catalog().ok()?.get(b"Metadata").ok()?.as_reference().ok()?;
    let Ok(Object::Stream(stream)) = doc.get_object(id) else { return None };
    let bytes = if stream.dict.get(b"Filter").is_ok() {
        let mut out = Vec::new();
        let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
        decoder.take(1 << 20).read_to_end(&mut out).ok()?;
        out
    } else {
        stream.content.clone()
    };
    (bytes.len() < 1 << 20).then(|| String::from_utf8_lossy(&bytes).into_owned())
}

/// Collects positioned characters, page by page.
#[derive(Default)]
struct Collector {
    pages: Vec<PageGlyphs>,
    /// The current page's lower-left corner, subtracted from positions.
    origin: (f64, f64),
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.origin = (media_box.llx, media_box.lly);
        self.pages.push(PageGlyphs {
            width: (media_box.urx - media_box.llx) as f32,
            height: (media_box.ury - media_box.lly) as f32,
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = self.pages.last_mut() else { return Ok(()) };
        // Only horizontal text: rotated margin notes would otherwise be read as a
        // column of single letters.
        if trm.m12.abs() > trm.m11.abs() * 0.1 || trm.m11 <= 0.0 {
            return Ok(());
        }
        // The font size in page space: the side of the square with the area of the
        // transformed (size, size) vector's box.
        let (vx, vy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (vx * vy).abs().sqrt();
        let scale = (trm.m11 * trm.m22).abs().sqrt();
        let advance = width * font_size * scale;
        let n = text.chars().count().max(1) as f64;
        let (x, y) = (trm.m31 - self.origin.0, trm.m32 - self.origin.1);
        for (i, ch) in text.chars().enumerate() {
            page.glyphs.push(Glyph {
                x: (x + advance * i as f64 / n) as f32,
                y: y as f32,
                width: (advance / n) as f32,
                size: size as f32,
                ch,
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &[u8] = include_bytes!("../../../tests/data/pdf/one-column.pdf");
    const TWO: &[u8] = include_bytes!("../../../tests/data/pdf/two-columns.pdf");
    const HEADER: &[u8] = include_bytes!("../../../tests/data/pdf/running-header.pdf");
    const ENCRYPTED: &[u8] = include_bytes!("../../../tests/data/pdf/encrypted.pdf");
    const SCAN: &[u8] = include_bytes!("../../../tests/data/pdf/image-only.pdf");

    fn read_ok(bytes: &[u8]) -> Paged {
        read(bytes, &ReadOptions::default()).unwrap()
    }

    #[test]
    fn one_column_with_soft_hyphen_ligatures_and_metadata() {
        let p = read_ok(ONE);
        assert!(p.text.starts_with("Trade negotiators from Washington"), "{}", p.text);
        assert!(p.text.contains("steel, soybeans and semiconductors. The talks"), "{}", p.text);
        assert!(p.text.contains("Geneva on 14 March 2019"), "lines joined with spaces");
        assert!(p.text.contains("the final schedule and trade flows stay."), "{}", p.text);
        assert_eq!(p.text.matches("\n\n").count(), 1, "two paragraphs: {}", p.text);
        assert_eq!(p.meta.title.as_deref(), Some("Tariff Talks in Geneva"));
        assert_eq!(p.meta.author.as_deref(), Some("Desk Writer"));
        assert_eq!(p.meta.date.as_deref(), Some("2019-03-15"));
        assert_eq!(p.date_source, Some("pdf-info"));
        assert_eq!(p.pages, [0]);
    }

    #[test]
    fn two_columns_in_reading_order() {
        let p = read_ok(TWO);
        let left = p.text.find("The Cyberspace Administration of China published").unwrap();
        let left_end = p.text.find("abroad, the agency said.").unwrap();
        let right = p.text.find("In Washington, the Commerce Department answered").unwrap();
        assert!(p.text.starts_with("Data Rules and Export Controls\n\n"), "{}", p.text);
        assert!(left < left_end && left_end < right, "{}", p.text);
        assert!(p.text.contains("aimed at Huawei and other Chinese firms"), "{}", p.text);
    }

    #[test]
    fn running_headers_and_page_numbers_dropped_pages_kept() {
        let p = read_ok(HEADER);
        assert!(!p.text.contains("Policy Notes"), "{}", p.text);
        assert!(!p.text.split_whitespace().any(|w| w == "1" || w == "2"), "{}", p.text);
        assert_eq!(p.pages.len(), 3);
        let chars: Vec<char> = p.text.chars().collect();
        let page = |n: usize| -> String {
            let end = p.pages.get(n + 1).copied().unwrap_or(chars.len());
            chars[p.pages[n]..end].iter().collect()
        };
        assert!(page(1).starts_with("The second page says"), "{:?}", page(1));
        assert!(page(2).contains("August 2020"));
        assert_eq!(p.meta.title.as_deref(), Some("Policy Notes"), "from XMP");
        assert_eq!(p.date_source, Some("pdf-xmp"));
    }

    #[test]
    fn typed_failures() {
        let o = ReadOptions::default();
        assert_eq!(read(ENCRYPTED, &o).unwrap_err().reason, Reason::Encrypted);
        let scan = read(SCAN, &o).unwrap_err();
        assert_eq!(scan.reason, Reason::NoText);
        assert!(scan.details.contains("OCR"));
        assert_eq!(read(b"hello", &o).unwrap_err().reason, Reason::Parse);
        assert_eq!(read(b"%PDF-1.4\n garbage", &o).unwrap_err().reason, Reason::Parse);
        let pages = ReadOptions { max_pages: 2, ..ReadOptions::default() };
        let r = read(HEADER, &pages).unwrap_err();
        assert_eq!(r.reason, Reason::Limit);
        assert!(r.details.contains("--max-pages"));
        let small = ReadOptions { max_decompressed: 100, ..ReadOptions::default() };
        assert_eq!(read(ONE, &small).unwrap_err().reason, Reason::Limit);
    }

    #[test]
    fn damaged_files_never_panic() {
        // Cut and corrupt the fixtures in many places: each read ends in a document or
        // a typed failure.
        let o = ReadOptions::default();
        for src in [ONE, TWO, HEADER] {
            for cut in (20..src.len()).step_by(97) {
                let _ = read(&src[..cut], &o);
                let mut bad = src.to_vec();
                for b in bad.iter_mut().skip(cut).step_by(53).take(8) {
                    *b ^= 0x5A;
                }
                let _ = read(&bad, &o);
            }
        }
    }
}

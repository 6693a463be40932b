//! Word (`.docx`) and OpenDocument text (`.odt`) files: the body text in reading order
//! (paragraphs, headings and list items as paragraphs, tables as one line per row with
//! cells separated by tabs), and the title, author and creation date of the document
//! properties.
//!
//! Both formats are zip archives of XML parts, so everything a hostile file could make
//! large is bounded: the number of zip entries, the bytes decompressed (counted as they
//! come out, never trusted from the zip headers) and the XML nesting depth. Each limit is
//! a typed [`Reason::Limit`] failure that names its option.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::paged::{Paged, Refusal};
use super::{Metadata, ReadOptions, Reason};

/// The two dialects: element names (local, without namespace prefix) that matter.
struct Dialect {
    /// The part holding the body.
    body: &'static str,
    /// The part holding the properties.
    properties: &'static str,
    /// Elements that hold a paragraph.
    paragraphs: &'static [&'static str],
    /// The element text must be inside to count (`w:t` in Word), or none (OpenDocument
    /// puts text straight into paragraphs and spans).
    text_element: Option<&'static str>,
    table: &'static str,
    row: &'static str,
    cell: &'static str,
    tab: &'static str,
    line_break: &'static str,
    /// Elements whose content is not body text (deleted runs, field codes, fallbacks
    /// that repeat the main content, comments).
    skipped: &'static [&'static str],
    /// Property names: title, author (first found wins), creation date.
    title: &'static str,
    authors: &'static [&'static str],
    created: &'static str,
    date_source: &'static str,
}

const DOCX: Dialect = Dialect {
    body: "word/document.xml",
    properties: "docProps/core.xml",
    paragraphs: &["p"],
    text_element: Some("t"),
    table: "tbl",
    row: "tr",
    cell: "tc",
    tab: "tab",
    line_break: "br",
    skipped: &["delText", "instrText", "Fallback", "del"],
    title: "title",
    authors: &["creator"],
    created: "created",
    date_source: "docx-core",
};

const ODT: Dialect = Dialect {
    body: "content.xml",
    properties: "meta.xml",
    paragraphs: &["p", "h"],
    text_element: None,
    table: "table",
    row: "table-row",
    cell: "table-cell",
    tab: "tab",
    line_break: "line-break",
    skipped: &["annotation", "tracked-changes", "note-citation"],
    title: "title",
    authors: &["initial-creator", "creator"],
    created: "creation-date",
    date_source: "odt-meta",
};

/// Reads a Word document.
pub fn read_docx(bytes: &[u8], options: &ReadOptions) -> Result<Paged, Refusal> {
    read(bytes, options, &DOCX)
}

/// Reads an OpenDocument text.
pub fn read_odt(bytes: &[u8], options: &ReadOptions) -> Result<Paged, Refusal> {
    read(bytes, options, &ODT)
}

fn read(bytes: &[u8], options: &ReadOptions, dialect: &Dialect) -> Result<Paged, Refusal> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE compound file: what Office writes for a password-protected document
        // (its stream is named "EncryptedPackage"), or a legacy binary .doc renamed.
        let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        if bytes.windows(name.len()).any(|w| w == name.as_slice()) {
            return Err(Refusal {
                reason: Reason::Encrypted,
                details: "the document is password-protected; save an unprotected copy to \
                          ingest it"
                    .into(),
            });
        }
        return Err(Refusal::parse(
            "not a zip archive but an older binary Office file; save it as .docx to ingest it",
        ));
    }
    let mut zip = Zip::open(bytes, options)?;
    let body = zip.entry(dialect.body)?.ok_or_else(|| {
        Refusal::parse(format!("no {} in the archive; is it really this format?", dialect.body))
    })?;
    let text = body_text(&body, dialect, options.max_xml_depth)?;
    let mut paged = Paged { text, ..Paged::default() };
    if let Some(props) = zip.entry(dialect.properties)? {
        paged.meta = properties(&props, dialect, options.max_xml_depth)?;
        if paged.meta.date.is_some() {
            paged.date_source = Some(dialect.date_source);
        }
    }
    Ok(paged)
}

/// A zip archive read under the limits.
struct Zip<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Decompressed bytes still allowed.
    budget: u64,
    max: u64,
}

impl<'a> Zip<'a> {
    fn open(bytes: &'a [u8], options: &ReadOptions) -> Result<Zip<'a>, Refusal> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Refusal::parse(format!("not a readable zip archive ({e})")))?;
        if archive.len() > options.max_zip_entries {
            return Err(Refusal::limit(format!(
                "the archive lists {} entries, over the limit of {} (raise it with \
                 ReadOptions::max_zip_entries)",
                archive.len(),
                options.max_zip_entries
            )));
        }
        Ok(Zip { archive, budget: options.max_decompressed, max: options.max_decompressed })
    }

    /// The decompressed bytes of entry `name`, if present.
    fn entry(&mut self, name: &str) -> Result<Option<Vec<u8>>, Refusal> {
        let mut file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("ncrypt") => {
                return Err(Refusal {
                    reason: Reason::Encrypted,
                    details: format!("{name} is encrypted; save an unprotected copy to ingest it"),
                })
            }
            Err(e) => return Err(Refusal::parse(format!("cannot read {name} ({e})"))),
        };
        let mut out = Vec::new();
        // Read one byte past the budget to tell "exactly at the limit" from "over it".
        let read = (&mut file).take(self.budget + 1).read_to_end(&mut out);
        if let Err(e) = read {
            return Err(Refusal::parse(format!("cannot decompress {name} ({e})")));
        }
        if out.len() as u64 > self.budget {
            return Err(Refusal::limit(format!(
                "{name} decompresses to more than the limit of {} bytes (raise it with \
                 --max-decompressed)",
                self.max
            )));
        }
        self.budget -= out.len() as u64;
        Ok(Some(out))
    }
}

/// A table being read: finished rows, the current row's cells and the current cell.
#[derive(Default)]
struct Table {
    rows: Vec<String>,
    row: Vec<String>,
    cell: String,
}

fn depth_limit(max: usize) -> Refusal {
    Refusal::limit(format!(
        "XML elements nest deeper than {max} levels (raise the limit with --max-xml-depth)"
    ))
}

fn xml_error(e: impl std::fmt::Display) -> Refusal {
    Refusal::parse(format!("malformed XML ({e})"))
}

/// The body text: paragraphs separated by blank lines; table rows as lines.
fn body_text(xml: &[u8], d: &Dialect, max_depth: usize) -> Result<String, Refusal> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    // Depth at which a skipped element started (its content is ignored until it ends).
    let mut skip_from: Option<usize> = None;
    let mut in_text = 0usize;
    let mut blocks: Vec<String> = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(xml_error)?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if !empty {
                    depth += 1;
                    if depth > max_depth {
                        return Err(depth_limit(max_depth));
                    }
                }
                if skip_from.is_some() {
                    buf.clear();
                    continue;
                }
                let name = e.local_name();
                let name = std::str::from_utf8(name.as_ref()).unwrap_or("");
                if d.skipped.contains(&name) {
                    if !empty {
                        skip_from = Some(depth);
                    }
                } else if d.paragraphs.contains(&name) {
                    if !empty {
                        paragraphs.push(String::new());
                    }
                } else if Some(name) == d.text_element {
                    if !empty {
                        in_text += 1;
                    }
                } else if name == d.tab {
                    if let Some(p) = paragraphs.last_mut() {
                        p.push('\t');
                    }
                } else if name == d.line_break {
                    if let Some(p) = paragraphs.last_mut() {
                        p.push('\n');
                    }
                } else if name == "s" && d.text_element.is_none() {
                    // OpenDocument's run of spaces: text:s text:c="N".
                    let n = e
                        .try_get_attribute("text:c")
                        .ok()
                        .flatten()
                        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(64);
                    if let Some(p) = paragraphs.last_mut() {
                        p.extend(std::iter::repeat_n(' ', n));
                    }
                } else if !empty && name == d.table {
                    tables.push(Table::default());
                } else if !empty && name == d.row {
                    if let Some(t) = tables.last_mut() {
                        t.row.clear();
                    }
                } else if !empty && name == d.cell {
                    if let Some(t) = tables.last_mut() {
                        t.cell.clear();
                    }
                }
            }
            Event::End(ref e) => {
                let at = depth;
                depth = depth.saturating_sub(1);
                if let Some(from) = skip_from {
                    if at == from {
                        skip_from = None;
                    }
                    buf.clear();
                    continue;
                }
                let name = e.local_name();
                let name = std::str::from_utf8(name.as_ref()).unwrap_or("");
                if d.paragraphs.contains(&name) {
                    let p = paragraphs.pop().unwrap_or_default();
                    let p = p.trim();
                    if p.is_empty() {
                        // An empty paragraph (spacing) adds nothing.
                    } else if let Some(t) = tables.last_mut() {
                        if !t.cell.is_empty() {
                            t.cell.push(' ');
                        }
                        t.cell.push_str(&p.replace(['\n', '\t'], " "));
                    } else {
                        blocks.push(p.to_string());
                    }
                } else if Some(name) == d.text_element {
                    in_text = in_text.saturating_sub(1);
                } else if name == d.cell {
                    if let Some(t) = tables.last_mut() {
                        let cell = std::mem::take(&mut t.cell);
                        t.row.push(cell);
                    }
                } else if name == d.row {
                    if let Some(t) = tables.last_mut() {
                        let cells: Vec<String> = std::mem::take(&mut t.row);
                        let line = cells.join("\t");
                        if !line.trim().is_empty() {
                            t.rows.push(line.trim_end().to_string());
                        }
                    }
                } else if name == d.table {
                    if let Some(t) = tables.pop() {
                        match tables.last_mut() {
                            // A table inside a cell: its rows become the cell's text.
                            Some(outer) => {
                                if !outer.cell.is_empty() {
                                    outer.cell.push(' ');
                                }
                                outer.cell.push_str(&t.rows.join(" ").replace('\t', " "));
                            }
                            None if !t.rows.is_empty() => blocks.push(t.rows.join("\n")),
                            None => {}
                        }
                    }
                }
            }
            Event::Text(ref t)
                if skip_from.is_none() && (in_text > 0 || d.text_element.is_none()) =>
            {
                if let Some(p) = paragraphs.last_mut() {
                    let s = t.unescape().map_err(xml_error)?;
                    p.push_str(&s);
                }
            }
            Event::CData(ref t)
                if skip_from.is_none() && (in_text > 0 || d.text_element.is_none()) =>
            {
                if let Some(p) = paragraphs.last_mut() {
                    p.push_str(&String::from_utf8_lossy(t));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(blocks.join("\n\n"))
}

/// Title, author and creation date of the properties part.
fn properties(xml: &[u8], d: &Dialect, max_depth: usize) -> Result<Metadata, Refusal> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut meta = Metadata::default();
    let mut authors: Vec<(usize, String)> = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) => {
                if stack.len() >= max_depth {
                    return Err(depth_limit(max_depth));
                }
                stack.push(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(t) => {
                let value = t.unescape().map_err(xml_error)?.trim().to_string();
                let Some(name) = stack.last() else { continue };
                if value.is_empty() {
                    continue;
                }
                if name == d.title && meta.title.is_none() {
                    meta.title = Some(value);
                } else if name == d.created && meta.date.is_none() {
                    meta.date = Some(value);
                } else if let Some(rank) = d.authors.iter().position(|a| a == name) {
                    authors.push((rank, value));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    authors.sort_by_key(|(rank, _)| *rank);
    meta.author = authors.into_iter().next().map(|(_, a)| a);
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A zip archive of `(name, content)` entries.
    pub(crate) fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(content.as_bytes()).unwrap();
        }
        w.finish().unwrap();
        out.into_inner()
    }

    fn docx(body: &str) -> Vec<u8> {
        let doc = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#
        );
        let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dc="d" xmlns:dcterms="t"><dc:title>Trade &amp; Tariffs</dc:title><dc:creator>A. Writer</dc:creator><dcterms:created>2019-05-13T08:00:00Z</dcterms:created></cp:coreProperties>"#;
        zip_of(&[("word/document.xml", &doc), ("docProps/core.xml", core)])
    }

    fn para(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_tables_and_properties() {
        let body = para("Tariff Talks")
            + "<w:p><w:r><w:t xml:space=\"preserve\">Beijing and </w:t></w:r><w:r><w:t>Washington</w:t></w:r><w:r><w:tab/><w:t>met.</w:t></w:r></w:p>"
            + "<w:tbl><w:tr><w:tc>" + &para("Year") + "</w:tc><w:tc>" + &para("Tariff") + "</w:tc></w:tr>"
            + "<w:tr><w:tc>" + &para("2018") + "</w:tc><w:tc>" + &para("25%") + &para("on steel") + "</w:tc></w:tr></w:tbl>"
            + "<w:p><w:r><w:delText>removed</w:delText><w:instrText>PAGE</w:instrText><w:t>End.</w:t></w:r></w:p>";
        let paged = read_docx(&docx(&body), &ReadOptions::default()).unwrap();
        assert_eq!(
            paged.text,
            "Tariff Talks\n\nBeijing and Washington\tmet.\n\nYear\tTariff\n2018\t25% on steel\n\nEnd."
        );
        assert_eq!(paged.meta.title.as_deref(), Some("Trade & Tariffs"));
        assert_eq!(paged.meta.author.as_deref(), Some("A. Writer"));
        assert_eq!(paged.meta.date.as_deref(), Some("2019-05-13T08:00:00Z"));
        assert_eq!(paged.date_source, Some("docx-core"));
        assert!(paged.pages.is_empty());
    }

    #[test]
    fn odt_paragraphs_headings_lists_and_meta() {
        let content = r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="b"><office:body><office:text><text:h>Export Rules</text:h><text:p>The rule<text:s text:c="2"/>took effect.</text:p><text:list><text:list-item><text:p>First item</text:p></text:list-item></text:list><table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row></table:table></office:text></office:body></office:document-content>"#;
        let meta = r#"<office:document-meta xmlns:office="o" xmlns:meta="m" xmlns:dc="d"><office:meta><dc:title>Rules</dc:title><dc:creator>Later Editor</dc:creator><meta:initial-creator>First Author</meta:initial-creator><meta:creation-date>2020-01-02T00:00:00</meta:creation-date></office:meta></office:document-meta>"#;
        let bytes = zip_of(&[("content.xml", content), ("meta.xml", meta)]);
        let paged = read_odt(&bytes, &ReadOptions::default()).unwrap();
        assert_eq!(paged.text, "Export Rules\n\nThe rule  took effect.\n\nFirst item\n\na\tb");
        assert_eq!(paged.meta.author.as_deref(), Some("First Author"));
        assert_eq!(paged.date_source, Some("odt-meta"));
    }

    #[test]
    fn limits_are_typed_failures() {
        let big = para(&"x".repeat(5000));
        let options = ReadOptions { max_decompressed: 1000, ..ReadOptions::default() };
        let r = read_docx(&docx(&big), &options).unwrap_err();
        assert_eq!(r.reason, Reason::Limit);
        assert!(r.details.contains("--max-decompressed"), "{}", r.details);

        let deep = "<w:p>".repeat(40) + &"</w:p>".repeat(40);
        let options = ReadOptions { max_xml_depth: 20, ..ReadOptions::default() };
        assert_eq!(read_docx(&docx(&deep), &options).unwrap_err().reason, Reason::Limit);

        let options = ReadOptions { max_zip_entries: 1, ..ReadOptions::default() };
        assert_eq!(read_docx(&docx("x"), &options).unwrap_err().reason, Reason::Limit);
    }

    #[test]
    fn damaged_and_protected_files_are_typed_failures() {
        let o = ReadOptions::default();
        assert_eq!(read_docx(b"PK\x03\x04garbage", &o).unwrap_err().reason, Reason::Parse);
        let no_body = zip_of(&[("other.xml", "<a/>")]);
        assert_eq!(read_docx(&no_body, &o).unwrap_err().reason, Reason::Parse);
        let bad_xml = zip_of(&[("word/document.xml", "<w:p><w:t>x</w:q>")]);
        assert_eq!(read_docx(&bad_xml, &o).unwrap_err().reason, Reason::Parse);
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read_docx(&ole, &o).unwrap_err().reason, Reason::Encrypted);
        ole.truncate(8);
        assert_eq!(read_docx(&ole, &o).unwrap_err().reason, Reason::Parse);
    }
}

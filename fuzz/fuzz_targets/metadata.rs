//! Metadata fields with arbitrary values, inside well-formed front matter, JSON lines and
//! meta tags, and the date parser on its own: none panics. Arbitrary bytes (the `read`
//! target) almost never form a front matter or a JSON line, so they missed a date holding
//! non-ASCII text. The same properties run as proptests in `tests/robustness.rs`.
#![no_main]

use std::path::Path;

use dossier::{parse_date, read_bytes, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let value = String::from_utf8_lossy(data);
    let _ = parse_date(&value);
    let one_line = value.replace(['\r', '\n'], " ");
    let md = format!("---\ntitle: {one_line}\ndate: {one_line}\n---\nBody text.\n");
    let _ = read_bytes(Path::new("a.md"), "a", Format::Markdown, md.as_bytes());
    let line = serde_json::json!({"id": value, "date": value, "title": value, "text": "Body."});
    let _ = read_bytes(Path::new("a.jsonl"), "a", Format::JsonLines, line.to_string().as_bytes());
    let attr = one_line.replace(['"', '<', '>', '&'], " ");
    let html = format!(
        "<html><head><meta name=\"date\" content=\"{attr}\"><title>{attr}</title></head>\
         <body><p>Body.</p></body></html>"
    );
    let _ = read_bytes(Path::new("a.html"), "a", Format::Html, html.as_bytes());
});

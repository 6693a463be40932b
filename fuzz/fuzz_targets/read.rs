//! Reading arbitrary bytes as each input format never panics, and the document size
//! limit holds. The same check runs as a proptest in `tests/reliability.rs`.
#![no_main]

use std::path::Path;

use dossier::{read_bytes_with, Format, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options =
        ReadOptions { max_document_size: 4096, max_html_depth: 16, ..ReadOptions::default() };
    for (name, format) in [
        ("a.txt", Format::Text),
        ("a.md", Format::Markdown),
        ("a.html", Format::Html),
        ("a.jsonl", Format::JsonLines),
    ] {
        let r = read_bytes_with(Path::new(name), "x", format, data, &options);
        for d in &r.documents {
            assert!(d.text.len() <= 4096);
        }
    }
});

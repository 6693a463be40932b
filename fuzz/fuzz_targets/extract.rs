//! Extraction on arbitrary input: never panics; every span is in bounds, on character
//! boundaries and ordered; the output is deterministic. The same check runs as a
//! proptest in `tests/reliability.rs` (`extraction_spans_are_sound_*`).
#![no_main]

use std::sync::LazyLock;

use dossier::extract::{Dct, Extractor};
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = EXTRACTOR.extract(&text, Dct::none());
    let b = EXTRACTOR.extract(&text, Dct::none());
    assert_eq!(a, b, "extraction is not deterministic");
    let spans = a.entities.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>();
    let dates = a.dates.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>();
    for list in [spans, dates] {
        let mut last = 0;
        for (start, end) in list {
            assert!(start < end && end <= text.len(), "span {start}..{end} out of bounds");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            assert!(start >= last, "spans out of order");
            last = start;
        }
    }
});

//! Extraction on arbitrary input: never panics; every span is in bounds (in code points,
//! as records give them) and ordered; the output is deterministic. The same check on the
//! extractor's byte spans runs as a proptest inside the library
//! (`src/extract/properties.rs`, `extraction_spans_are_sound_*`).
#![no_main]

use std::sync::LazyLock;

use dossier::Extractor;
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let chars = text.chars().count();
    let a = EXTRACTOR.extract(&text);
    let b = EXTRACTOR.extract(&text);
    assert_eq!(a, b, "extraction is not deterministic");
    let spans = a.entities.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>();
    let dates = a.dates.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>();
    for list in [spans, dates] {
        let mut last = 0;
        for (start, end) in list {
            assert!(start < end && end <= chars, "span {start}..{end} out of bounds");
            assert!(start >= last, "spans out of order");
            last = start;
        }
    }
});

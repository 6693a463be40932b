//! Scenario 18 of the reliability tests, on the extractor itself: extraction never
//! panics on arbitrary text; every span is in bounds, on character boundaries, ordered;
//! the output is deterministic. The same check is the cargo-fuzz target
//! `fuzz/fuzz_targets/extract.rs` (through the public API, in code points).

use std::sync::LazyLock;

use proptest::prelude::*;

use super::{Dct, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Text that looks a little like news: words, names, numbers, dates, punctuation
/// and some non-ASCII.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("the ".to_string()),
        Just("President ".to_string()),
        Just("Barack Obama ".to_string()),
        Just("U.S. ".to_string()),
        Just("in May 2015".to_string()),
        Just("12/31/1999 ".to_string()),
        Just("last year. ".to_string()),
        Just("$3.5 billion ".to_string()),
        Just("Xi’s ".to_string()),
        Just("\n\n".to_string()),
        "[A-Z][a-z]{0,8} ",
        "[0-9]{1,5}[-/.]?",
        "\\PC{0,6}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_extraction(text: &str) {
    let a = EXTRACTOR.extract(text, Dct::none());
    let b = EXTRACTOR.extract(text, Dct::none());
    assert_eq!(a, b, "extraction is not deterministic");
    let mut last = 0;
    for e in &a.entities {
        assert!(e.start < e.end && e.end <= text.len(), "{e:?}");
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert!(e.start >= last, "entities out of order");
        last = e.start;
    }
    let mut last = 0;
    for t in &a.dates {
        assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert!(t.start >= last, "dates out of order");
        last = t.start;
    }
    for s in &a.sentences {
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn extraction_spans_are_sound_on_arbitrary_text(s in "\\PC{0,300}") {
        check_extraction(&s);
    }

    #[test]
    fn extraction_spans_are_sound_on_newsish_text(s in newsish()) {
        check_extraction(&s);
    }
}

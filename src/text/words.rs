//! Unicode words (UAX #29) with a fast path for ASCII.
//!
//! Most of a news text is ASCII, and for ASCII the word boundary rules of UAX #29 come
//! down to a few cases: letters, digits and `_` join; a letter, then `.`, `'` or `:`,
//! then a letter join (`U.S`, `don't`); a digit, then `.`, `'`, `,` or `;`, then a digit
//! join (`3.5`, `1,000`); everything else breaks. The text is cut at ASCII white space,
//! which always ends and starts a word; a run between white space that is all ASCII is
//! segmented by those cases, any other run by `unicode-segmentation`. The result is the
//! same as segmenting the whole text with `unicode-segmentation` (checked by a property
//! test and over the sample corpus), at a fraction of the cost.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

use super::Word;

/// The word break classes of ASCII characters that matter (UAX #29, table 3).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `_` (ExtendNumLet).
    Connector,
    /// `.` and `'` (MidNumLet, Single_Quote): between two letters or two digits.
    MidBoth,
    /// `:` (MidLetter): between two letters.
    MidLetter,
    /// `,` and `;` (MidNum): between two digits.
    MidNum,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Connector,
        b'.' | b'\'' => Class::MidBoth,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        _ => Class::Other,
    }
}

/// Whether a word can start at a character of class `c`.
fn starts_word(c: Class) -> bool {
    matches!(c, Class::Letter | Class::Digit | Class::Connector)
}

/// The end of the ASCII word starting at `start` (a letter, digit or `_`).
fn word_end(b: &[u8], start: usize) -> usize {
    let mut i = start;
    loop {
        let cur = class(b[i]);
        let Some(&next) = b.get(i + 1) else { return i + 1 };
        let next = class(next);
        let joined = matches!(
            (cur, next),
            (Class::Letter | Class::Digit, Class::Letter | Class::Digit)
                | (Class::Letter | Class::Digit | Class::Connector, Class::Connector)
                | (Class::Connector, Class::Letter | Class::Digit)
        );
        if joined {
            i += 1;
            continue;
        }
        let after = b.get(i + 2).map(|&c| class(c));
        let bridged = matches!(
            (cur, next, after),
            (Class::Letter, Class::MidBoth | Class::MidLetter, Some(Class::Letter))
                | (Class::Digit, Class::MidBoth | Class::MidNum, Some(Class::Digit))
        );
        if !bridged {
            return i + 1;
        }
        i += 2;
    }
}

/// The iterator of [`super::words`].
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
    /// The end of the all-ASCII run that `pos` is in, if any.
    run_end: usize,
    /// The words of a run that is not all ASCII, and the run's offset.
    fallback: Option<(UnicodeWordIndices<'a>, usize)>,
}

impl<'a> Words<'a> {
    pub(super) fn new(text: &'a str) -> Words<'a> {
        Words { text, pos: 0, run_end: 0, fallback: None }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let b = self.text.as_bytes();
        loop {
            if let Some((words, offset)) = &mut self.fallback {
                if let Some((start, w)) = words.next() {
                    let start = start + *offset;
                    return Some(Word { start, end: start + w.len(), text: w });
                }
                self.fallback = None;
            }
            if self.pos < self.run_end {
                while self.pos < self.run_end && !starts_word(class(b[self.pos])) {
                    self.pos += 1;
                }
                if self.pos < self.run_end {
                    let start = self.pos;
                    self.pos = word_end(&b[..self.run_end], start);
                    if b[start..self.pos].iter().all(|&c| c == b'_') {
                        continue; // a run of `_` holds no letter or digit
                    }
                    let text = &self.text[start..self.pos];
                    return Some(Word { start, end: self.pos, text });
                }
                continue;
            }
            // The next run between ASCII white space.
            while self.pos < b.len() && b[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            if self.pos >= b.len() {
                return None;
            }
            let start = self.pos;
            let end =
                b[start..].iter().position(u8::is_ascii_whitespace).map_or(b.len(), |p| start + p);
            if b[start..end].is_ascii() {
                self.run_end = end;
            } else {
                self.fallback = Some((self.text[start..end].unicode_word_indices(), start));
                self.pos = end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast(text: &str) -> Vec<(usize, &str)> {
        Words::new(text).map(|w| (w.start, w.text)).collect()
    }

    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.unicode_word_indices().collect()
    }

    #[test]
    fn ascii_cases_follow_the_word_boundary_rules() {
        for text in [
            "U.S.-China talks, 2015.",
            "don't a:b a::b 3.5 1,000 1,,000 3;4 a.1 1.a a_1 _a __ a__b 1_000 x'y' 'quoted'",
            "e.g. i.e., ...a.b.c... 12:30 a.b.",
            "tab\there\r\nnew\x0bvertical\x0cform",
            "",
            "   ",
            "_",
        ] {
            assert_eq!(fast(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn runs_with_other_characters_use_the_full_rules() {
        for text in [
            "caf\u{e9} na\u{ef}ve r\u{e9}sum\u{e9}s",
            "Xi\u{2019}s 2015\u{2013}16",
            "a\u{301}b \u{301}ab",
            "\u{4e2d}\u{56fd} ok",
        ] {
            assert_eq!(fast(text), reference(text), "{text:?}");
        }
    }

    /// Every text file of the sample corpus and the test data, and `SAME_WORDS_DIR` when
    /// set (for checking a larger corpus by hand).
    #[test]
    fn the_same_words_over_the_sample_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("corpus"), root.join("tests/data")];
        dirs.extend(std::env::var_os("SAME_WORDS_DIR").map(std::path::PathBuf::from));
        let mut checked = 0;
        for dir in dirs {
            for entry in ignore::WalkBuilder::new(dir).build().flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
                assert!(fast(&text) == reference(&text), "{}", entry.path().display());
                checked += 1;
            }
        }
        assert!(checked > 10, "only {checked} files");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn the_same_words_as_unicode_segmentation(
            text in "[a-zA-Z0-9_.':,;\\- \t\n\r\x0b\x0c\"()\u{e9}\u{301}\u{2019}\u{5d0}\u{4e2d}\u{1f1fa}]{0,40}"
        ) {
            proptest::prop_assert_eq!(fast(&text), reference(&text));
        }
    }
}

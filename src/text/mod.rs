//! Text primitives shared by every stage: Unicode words, sentences and stemming.
//!
//! Nothing here knows about the index; [`crate::index`] adapts these to tantivy.

mod sentences;
mod stem;
mod words;

pub use sentences::sentences;
pub use stem::{Stemmer, OTHER_LANGUAGES};

use std::ops::Range;

/// A word of a text with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The word as written.
    pub text: &'a str,
}

impl Word<'_> {
    #[cfg(test)]
    /// The byte range of the word.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Iterates over the Unicode words of `text` (UAX #29 word boundaries, keeping only
/// segments that hold a letter or a digit), in order: "U.S.-China talks, 2015." has the
/// words "U.S", "China", "talks" and "2015".
///
/// ASCII text takes a fast path with the same result (see the `words` module).
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> + '_ {
    words::Words::new(text)
}

#[cfg(test)]
/// Converts a byte offset into `text` to a code point offset.
///
/// For many conversions over one text, use [`CharIndex`].
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Converts byte offsets to code point offsets in amortised constant time when asked
/// in increasing order (and correctly in any order).
#[derive(Debug)]
pub struct CharIndex<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharIndex<'a> {
    /// A converter over `text`.
    pub fn new(text: &'a str) -> CharIndex<'a> {
        CharIndex { text, byte: 0, chars: 0 }
    }

    /// The code point offset of byte offset `byte` (which must be on a char boundary).
    pub fn get(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Returns the index of the sentence (in `sentences`, sorted byte ranges) that holds
/// byte offset `pos`; the last sentence starting at or before `pos` when `pos` falls
/// between sentences.
pub fn sentence_of(sentences: &[Range<usize>], pos: usize) -> usize {
    sentences.partition_point(|s| s.start <= pos).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_hold_a_letter_or_a_digit() {
        let words: Vec<_> = words("U.S.-China talks, 2015.").map(|w| w.text).collect();
        assert_eq!(words, ["U.S", "China", "talks", "2015"]);
    }

    #[test]
    fn words_have_byte_ranges() {
        let text = "Xi’s “deal” — 2015";
        for w in words(text) {
            assert_eq!(&text[w.range()], w.text);
        }
        let got: Vec<_> = words(text).map(|w| w.text).collect();
        assert_eq!(got, ["Xi’s", "deal", "2015"]);
    }

    #[test]
    fn char_index_matches_naive_count() {
        let text = "é “x” 中文 abc";
        let mut ci = CharIndex::new(text);
        for (b, _) in text.char_indices() {
            assert_eq!(ci.get(b), char_offset(text, b));
        }
        assert_eq!(ci.get(0), 0);
        assert_eq!(ci.get(text.len()), text.chars().count());
    }

    #[test]
    fn sentence_of_finds_the_holder() {
        let s = vec![0..5, 6..10, 12..20];
        assert_eq!(sentence_of(&s, 0), 0);
        assert_eq!(sentence_of(&s, 7), 1);
        assert_eq!(sentence_of(&s, 11), 1);
        assert_eq!(sentence_of(&s, 19), 2);
    }
}

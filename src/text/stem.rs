//! Lower-casing and Snowball stemming of words, as used for search.

use rust_stemmers::{Algorithm, Stemmer as Snowball};

/// An English Snowball stemmer that lower-cases first.
pub struct Stemmer {
    inner: Snowball,
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stemmer(english)")
    }
}

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer::english()
    }
}

impl Stemmer {
    /// The English (Porter2) stemmer.
    pub fn english() -> Stemmer {
        Stemmer { inner: Snowball::create(Algorithm::English) }
    }

    /// Stems an already lower-cased word.
    pub fn stem<'a>(&self, lower: &'a str) -> std::borrow::Cow<'a, str> {
        self.inner.stem(lower)
    }

    /// Lower-cases and stems a word.
    pub fn normalize(&self, word: &str) -> String {
        let lower = word.to_lowercase();
        self.inner.stem(&lower).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_english() {
        let s = Stemmer::english();
        assert_eq!(s.normalize("Agreements"), "agreement");
        assert_eq!(s.normalize("negotiating"), "negoti");
        assert_eq!(s.normalize("negotiations"), "negoti");
    }
}

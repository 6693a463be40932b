//! Lower-casing and Snowball stemming of words, as used for search.

use rust_stemmers::{Algorithm, Stemmer as Snowball};

/// A Snowball stemmer (English unless made for another language).
pub struct Stemmer {
    inner: Snowball,
    language: &'static str,
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stemmer({})", self.language)
    }
}

/// The languages other than English that have a Snowball stemmer, as ISO 639-1 codes
/// (Norwegian as `nb`, Bokmål, the code the language detector gives).
pub const OTHER_LANGUAGES: [&str; 17] = [
    "ar", "da", "de", "el", "es", "fi", "fr", "hu", "it", "nb", "nl", "pt", "ro", "ru", "sv", "ta",
    "tr",
];

fn algorithm(code: &str) -> Option<Algorithm> {
    Some(match code {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "nb" => Algorithm::Norwegian,
        "nl" => Algorithm::Dutch,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer::english()
    }
}

impl Stemmer {
    /// The English (Porter2) stemmer.
    pub fn english() -> Stemmer {
        Stemmer { inner: Snowball::create(Algorithm::English), language: "en" }
    }

    /// The stemmer of the language with ISO 639-1 code `code`, if Snowball has one.
    pub fn for_language(code: &str) -> Option<Stemmer> {
        let language = std::iter::once("en").chain(OTHER_LANGUAGES).find(|l| *l == code)?;
        Some(Stemmer { inner: Snowball::create(algorithm(code)?), language })
    }

    /// Stems an already lower-cased word.
    pub fn stem<'a>(&self, lower: &'a str) -> std::borrow::Cow<'a, str> {
        self.inner.stem(lower)
    }

    #[cfg(test)]
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

    #[test]
    fn stems_other_languages() {
        for code in OTHER_LANGUAGES {
            assert!(Stemmer::for_language(code).is_some(), "{code}");
        }
        assert!(Stemmer::for_language("uk").is_none());
        let ru = Stemmer::for_language("ru").unwrap();
        assert_eq!(ru.normalize("Министры"), ru.normalize("министров"));
        let de = Stemmer::for_language("de").unwrap();
        assert_eq!(de.normalize("Verhandlungen"), de.normalize("Verhandlung"));
    }
}

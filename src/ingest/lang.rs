//! The language a document is written in.
//!
//! Detection uses the `whatlang` crate (trigram profiles of 69 languages, MIT licence)
//! over the first few kilobytes of the text. Only a reliable answer counts: a short or
//! mixed text gets no language, and is then treated as English, the language the
//! extraction rules are written for.

/// Bytes of text looked at (from the start, cut at a character boundary). A few
/// paragraphs decide the language as well as the whole text, at a fraction of the cost.
pub const SAMPLE_BYTES: usize = 4096;

/// ISO 639-1 code of English, the language of the entity and date rules.
pub const ENGLISH: &str = "en";

/// A detected language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Language {
    /// ISO 639-1 code (`en`, `ru`, `de`).
    pub code: &'static str,
    /// The detector's confidence, 0 to 1.
    pub confidence: f64,
}

/// The language of `text`, or `None` when the detector is not confident.
pub fn detect(text: &str) -> Option<Language> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() {
        return None;
    }
    let code = iso_639_1(info.lang().code())?;
    Some(Language { code, confidence: info.confidence() })
}

/// The ISO 639-1 code of an ISO 639-3 code, for the languages the detector knows.
fn iso_639_1(code3: &str) -> Option<&'static str> {
    ISO_639.iter().find(|(three, _)| *three == code3).map(|(_, two)| *two)
}

/// ISO 639-3 to ISO 639-1, for every language `whatlang` detects.
const ISO_639: &[(&str, &str)] = &[
    ("epo", "eo"),
    ("eng", "en"),
    ("rus", "ru"),
    ("cmn", "zh"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("ben", "bn"),
    ("fra", "fr"),
    ("deu", "de"),
    ("ukr", "uk"),
    ("kat", "ka"),
    ("ara", "ar"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("heb", "he"),
    ("yid", "yi"),
    ("pol", "pl"),
    ("amh", "am"),
    ("jav", "jv"),
    ("kor", "ko"),
    ("nob", "nb"),
    ("dan", "da"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("tur", "tr"),
    ("nld", "nl"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("ell", "el"),
    ("bul", "bg"),
    ("bel", "be"),
    ("mar", "mr"),
    ("kan", "kn"),
    ("ron", "ro"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("tam", "ta"),
    ("vie", "vi"),
    ("urd", "ur"),
    ("tha", "th"),
    ("guj", "gu"),
    ("uzb", "uz"),
    ("pan", "pa"),
    ("aze", "az"),
    ("ind", "id"),
    ("tel", "te"),
    ("pes", "fa"),
    ("mal", "ml"),
    ("ori", "or"),
    ("mya", "my"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("tuk", "tk"),
    ("aka", "ak"),
    ("zul", "zu"),
    ("sna", "sn"),
    ("afr", "af"),
    ("lat", "la"),
    ("slk", "sk"),
    ("cat", "ca"),
    ("tgl", "tl"),
    ("hye", "hy"),
    ("cym", "cy"),
];

/// Whether the English rules apply to a document of language `lang` (`None`: unknown,
/// treated as English).
pub fn is_english(lang: Option<&str>) -> bool {
    lang.is_none_or(|l| l == ENGLISH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_languages_of_news_text() {
        let en = "The foreign ministers met in Geneva on Tuesday to discuss the \
                  ceasefire and the exchange of prisoners, officials said.";
        let ru = "Министры иностранных дел встретились во вторник в Женеве, чтобы \
                  обсудить прекращение огня и обмен пленными, сообщили официальные лица.";
        let de = "Die Außenminister trafen sich am Dienstag in Genf, um über die \
                  Waffenruhe und den Austausch von Gefangenen zu beraten.";
        let fr = "Les ministres des affaires étrangères se sont réunis mardi à Genève \
                  pour discuter du cessez-le-feu et de l'échange de prisonniers.";
        let code = |t: &str| detect(t).map(|l| l.code);
        assert_eq!(code(en), Some("en"));
        assert_eq!(code(ru), Some("ru"));
        assert_eq!(code(de), Some("de"));
        assert_eq!(code(fr), Some("fr"));
        assert!(detect(en).unwrap().confidence > 0.5);
    }

    #[test]
    fn short_or_empty_text_has_no_language() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("1 2 3"), None);
        // Every language the detector can answer has a two-letter code.
        assert_eq!(ISO_639.len(), whatlang::Lang::all().len());
        for lang in whatlang::Lang::all() {
            assert!(iso_639_1(lang.code()).is_some(), "{}", lang.code());
        }
        assert!(is_english(None));
        assert!(is_english(Some("en")));
        assert!(!is_english(Some("ru")));
    }

    #[test]
    fn samples_at_a_character_boundary() {
        let text = "é".repeat(SAMPLE_BYTES);
        let _ = detect(&text);
    }
}

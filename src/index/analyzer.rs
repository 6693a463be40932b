//! The tantivy analyzers, adapters over [`crate::text`].
//!
//! `dossier_en` splits text into Unicode words ([`crate::text::words`]), lower-cases
//! them, folds typographic apostrophes, and stems them with the Snowball English
//! stemmer ([`crate::text::Stemmer`]). It is registered once on every index handle, so
//! indexing and query parsing always share it. `dossier_keyword` keeps a whole value as
//! one lower-cased token, for entity names.

use std::ops::Range;
use std::sync::Arc;

use foldhash::HashMap as FastMap;

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};

use crate::text::{Stemmer, OTHER_LANGUAGES};

/// Name of the body and title analyzer.
pub const STEMMED: &str = "dossier_en";
/// Name of the whole-value, lower-cased analyzer for entity names.
pub const KEYWORD: &str = "dossier_keyword";

/// Words longer than this many bytes are not indexed (they are not words).
pub const MAX_TOKEN_BYTES: usize = 64;

/// Registers dossier's analyzers on a tokenizer manager: the English one, the keyword
/// one, and one per other language with a Snowball stemmer (`dossier_en_` and the language's code).
pub fn register(manager: &TokenizerManager) {
    manager.register(STEMMED, TextAnalyzer::from(StemmingTokenizer::default()));
    manager.register(KEYWORD, TextAnalyzer::from(KeywordTokenizer::default()));
    for code in OTHER_LANGUAGES {
        if let Some(stemmer) = Stemmer::for_language(code) {
            let tokenizer = StemmingTokenizer { stemmer: Arc::new(stemmer), ..Default::default() };
            manager.register(&stemmed_for(code), TextAnalyzer::from(tokenizer));
        }
    }
}

/// The name of the analyzer that stems words of the language `code` (ISO 639-1).
pub fn stemmed_for(code: &str) -> String {
    format!("dossier_{code}")
}

/// Lower-cases and folds a word or name for matching: typographic apostrophes become
/// `'`, and runs of white space one space.
fn fold_into(text: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for c in text.trim().chars() {
        match c {
            '’' | '‘' => out.push('\''),
            c if c.is_whitespace() => {
                if !space {
                    out.push(' ');
                }
                space = true;
                continue;
            }
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
        space = false;
    }
}

/// Lower-cases and folds a name the way entity fields are indexed.
pub fn fold(text: &str) -> String {
    let mut out = String::new();
    fold_into(text, &mut out);
    out
}

/// A whole value as one token, lower-cased with typographic apostrophes folded: for
/// entity names.
#[derive(Clone, Default)]
pub struct KeywordTokenizer {
    token: Token,
}

impl Tokenizer for KeywordTokenizer {
    type TokenStream<'a> = KeywordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KeywordTokenStream<'a> {
        self.token.reset();
        fold_into(text, &mut self.token.text);
        self.token.offset_to = text.len();
        self.token.position = 0;
        self.token.position_length = 1;
        KeywordTokenStream { token: &mut self.token, done: false }
    }
}

/// The token stream of [`KeywordTokenizer`]: one token.
pub struct KeywordTokenStream<'a> {
    token: &'a mut Token,
    done: bool,
}

impl TokenStream for KeywordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let first = !self.done;
        self.done = true;
        first && !self.token.text.is_empty()
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Unicode words, lower-cased and stemmed.
#[derive(Clone, Default)]
pub struct StemmingTokenizer {
    stemmer: Arc<Stemmer>,
    lower: String,
    /// When set, only words starting with one of these characters are stemmed.
    initials: Option<Arc<[char]>>,
    cache: StemCache,
}

/// Most words a [`StemCache`] holds before it starts again.
const STEM_CACHE_WORDS: usize = 1 << 15;

/// The stems of words seen recently. Text reuses a few thousand words over and over,
/// and looking a word up costs a fraction of running the stemmer on it (the stemmer
/// was the largest part of analysing text). Each tokenizer has its own; a clone starts
/// empty.
#[derive(Default)]
struct StemCache {
    stems: FastMap<Box<str>, Box<str>>,
}

impl Clone for StemCache {
    fn clone(&self) -> Self {
        StemCache::default()
    }
}

impl StemCache {
    /// Appends the stem of the folded word `lower` to `out`.
    fn stem_into(&mut self, stemmer: &Stemmer, lower: &str, out: &mut String) {
        if let Some(stem) = self.stems.get(lower) {
            out.push_str(stem);
            return;
        }
        let stem = stemmer.stem(lower);
        out.push_str(&stem);
        if self.stems.len() >= STEM_CACHE_WORDS {
            self.stems.clear();
        }
        self.stems.insert(lower.into(), stem.into());
    }
}

impl StemmingTokenizer {
    /// A tokenizer for finding `terms` (already analysed) in text, as snippets do: it
    /// gives the same tokens and offsets as the default one, but stems only the words
    /// that could stem to one of `terms`; the others keep their folded form, which
    /// cannot equal any of `terms`. Stemming is most of the cost of analysing text, and
    /// a query's terms start with few letters.
    ///
    /// This relies on the English stemmer keeping a word's first character, which holds
    /// because it only rewrites suffixes (checked by a test over the sample corpus).
    pub fn for_terms<'t>(terms: impl IntoIterator<Item = &'t str>) -> StemmingTokenizer {
        let mut initials: Vec<char> = terms.into_iter().filter_map(initial).collect();
        initials.sort_unstable();
        initials.dedup();
        StemmingTokenizer { initials: Some(initials.into()), ..StemmingTokenizer::default() }
    }
}

impl StemmingTokenizer {
    /// The byte range of the first word of `text` whose analysed form satisfies
    /// `is_term`.
    ///
    /// With a tokenizer made by [`StemmingTokenizer::for_terms`] whose terms all start
    /// with an ASCII letter or digit, the runs of text between ASCII white space are
    /// segmented only when one of them could hold such a word: a word starting with an
    /// ASCII letter or digit never directly follows one (Unicode word boundaries,
    /// UAX #29), and runs with other characters are always segmented. Segmenting a run on
    /// its own gives the words that segmenting the whole text gives there, because ASCII
    /// white space always ends and starts words. The result is the same as a full scan.
    pub fn first_match(
        &mut self,
        text: &str,
        is_term: impl Fn(&str) -> bool,
    ) -> Option<Range<usize>> {
        let ascii =
            self.initials.as_deref().filter(|set| set.iter().all(char::is_ascii_alphanumeric));
        let Some(initials) = ascii else { return self.scan(text, 0, &is_term) };
        let mut starts = [false; 256];
        for c in initials {
            starts[c.to_ascii_lowercase() as usize] = true;
            starts[c.to_ascii_uppercase() as usize] = true;
        }
        let bytes = text.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            let start = pos;
            while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            let run = &bytes[start..pos];
            let candidate = run.iter().enumerate().any(|(j, &b)| {
                !b.is_ascii()
                    || (starts[b as usize] && (j == 0 || !run[j - 1].is_ascii_alphanumeric()))
            });
            if candidate {
                if let Some(found) = self.scan(&text[start..pos], start, &is_term) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// The first word of `text` satisfying `is_term`, as a byte range shifted by `offset`.
    fn scan(
        &mut self,
        text: &str,
        offset: usize,
        is_term: &impl Fn(&str) -> bool,
    ) -> Option<Range<usize>> {
        let mut stream = self.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            if is_term(&t.text) {
                return Some(t.offset_from + offset..t.offset_to + offset);
            }
        }
        None
    }
}

/// The character a folded word or its stem starts with (a leading apostrophe, which the
/// stemmer drops, is skipped).
fn initial(word: &str) -> Option<char> {
    word.trim_start_matches('\'').chars().next()
}

impl Tokenizer for StemmingTokenizer {
    type TokenStream<'a> = StemmingTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> StemmingTokenStream<'a> {
        StemmingTokenStream {
            words: Box::new(crate::text::words(text)),
            stemmer: &self.stemmer,
            lower: &mut self.lower,
            initials: self.initials.as_deref(),
            cache: &mut self.cache,
            token: Token::default(),
            position: usize::MAX,
        }
    }
}

/// The token stream of [`StemmingTokenizer`].
pub struct StemmingTokenStream<'a> {
    words: Box<dyn Iterator<Item = crate::text::Word<'a>> + 'a>,
    stemmer: &'a Stemmer,
    lower: &'a mut String,
    initials: Option<&'a [char]>,
    cache: &'a mut StemCache,
    token: Token,
    position: usize,
}

impl TokenStream for StemmingTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for w in self.words.by_ref() {
            if w.text.len() > MAX_TOKEN_BYTES {
                continue;
            }
            fold_into(w.text, self.lower);
            self.position = self.position.wrapping_add(1);
            self.token.offset_from = w.start;
            self.token.offset_to = w.end;
            self.token.position = self.position;
            self.token.position_length = 1;
            self.token.text.clear();
            let wanted = match self.initials {
                None => true,
                Some(set) => initial(self.lower).is_some_and(|c| set.contains(&c)),
            };
            if wanted {
                self.cache.stem_into(self.stemmer, self.lower, &mut self.token.text);
            } else {
                self.token.text.push_str(self.lower);
            }
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut t = StemmingTokenizer::default();
        let mut stream = t.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let tok = stream.token();
            out.push((tok.text.clone(), tok.offset_from, tok.offset_to, tok.position));
        }
        out
    }

    #[test]
    fn words_are_lowercased_and_stemmed() {
        assert_eq!(
            tokens("Negotiations on Xi’s Agreements"),
            [
                ("negoti".into(), 0, 12, 0),
                ("on".into(), 13, 15, 1),
                ("xi".into(), 16, 22, 2),
                ("agreement".into(), 23, 33, 3),
            ]
        );
    }

    #[test]
    fn keywords_are_whole_folded_values() {
        let mut t = KeywordTokenizer::default();
        let mut stream = t.token_stream("  People’s   Liberation Army ");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "people's liberation army");
        assert!(!stream.advance());
        let mut stream = t.token_stream("   ");
        assert!(!stream.advance());
    }

    /// Every file of the sample corpus, as text.
    fn sample_corpus() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("the sample corpus is there") {
                let path = entry.expect("readable").path();
                if path.is_dir() {
                    walk(&path, out);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push(text);
                }
            }
        }
        let mut out = Vec::new();
        walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")), &mut out);
        out
    }

    #[test]
    fn cached_stems_are_the_stemmers() {
        let stemmer = Stemmer::english();
        let mut tokenizer = StemmingTokenizer::default();
        for text in sample_corpus().iter().chain(sample_corpus().iter()) {
            let mut stream = tokenizer.token_stream(text);
            let mut words = crate::text::words(text).filter(|w| w.text.len() <= MAX_TOKEN_BYTES);
            while stream.advance() {
                let word = words.next().expect("one token per word");
                assert_eq!(stream.token().text, stemmer.stem(&fold(word.text)), "{}", word.text);
            }
            assert!(words.next().is_none());
        }
    }

    #[test]
    fn term_tokenizer_finds_what_the_full_one_finds() {
        let terms = ["negoti", "agreement", "cyber", "said", "export", "control"];
        let mut matched = 0;
        for text in sample_corpus() {
            let full = tokens(&text);
            let mut t = StemmingTokenizer::for_terms(terms);
            let mut stream = t.token_stream(&text);
            let mut i = 0;
            while stream.advance() {
                let tok = stream.token();
                let (stem, from, to, pos) = &full[i];
                assert_eq!((tok.offset_from, tok.offset_to, tok.position), (*from, *to, *pos));
                let hit = terms.contains(&stem.as_str());
                assert_eq!(terms.contains(&tok.text.as_str()), hit, "{stem}");
                matched += usize::from(hit);
                i += 1;
            }
            assert_eq!(i, full.len());
        }
        assert!(matched > 20, "{matched} matches");
    }

    /// The first match by tokenizing everything.
    fn full_scan(text: &str, terms: &[&str]) -> Option<Range<usize>> {
        let mut t = StemmingTokenizer::default();
        let mut stream = t.token_stream(text);
        while stream.advance() {
            if terms.contains(&stream.token().text.as_str()) {
                return Some(stream.token().offset_from..stream.token().offset_to);
            }
        }
        None
    }

    #[test]
    fn first_match_equals_a_full_scan_on_the_corpus() {
        let term_sets: [&[&str]; 6] = [
            &["cyber"],
            &["agreement", "china"],
            &["2015"],
            &["xi", "jinp"],
            &["k", "i"],
            &["nosuchword"],
        ];
        for text in sample_corpus() {
            for terms in term_sets {
                let mut t = StemmingTokenizer::for_terms(terms.iter().copied());
                assert_eq!(t.first_match(&text, |w| terms.contains(&w)), full_scan(&text, terms));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn first_match_equals_a_full_scan(
            text in "[a-cA-C1 .,'’_\\-\t\né\u{212A}\u{130}\u{a0}\u{301}中]{0,40}"
        ) {
            for terms in [&["a"][..], &["b", "c"], &["1"], &["k"], &["i̇"], &["中"]] {
                let mut t = StemmingTokenizer::for_terms(terms.iter().copied());
                proptest::prop_assert_eq!(
                    t.first_match(&text, |w| terms.contains(&w)),
                    full_scan(&text, terms)
                );
            }
        }
    }

    #[test]
    fn stems_keep_the_first_character() {
        // `StemmingTokenizer::for_terms` depends on this.
        // Checked on every word of the sample corpus and of the common-word list.
        let stemmer = Stemmer::english();
        let list = include_str!("../extract/entities/data/common_words.txt");
        let mut words = 0;
        for text in sample_corpus().iter().map(String::as_str).chain([list]) {
            for w in crate::text::words(text) {
                let lower = fold(w.text);
                let stem = stemmer.stem(&lower);
                assert_eq!(initial(&stem), initial(&lower), "{lower} -> {stem}");
                words += 1;
            }
        }
        assert!(words > 50_000, "{words} words");
    }

    #[test]
    fn cjk_and_long_words() {
        let long = "x".repeat(100);
        let got: Vec<String> =
            tokens(&format!("中文 {long} ok")).into_iter().map(|t| t.0).collect();
        assert_eq!(got, ["中", "文", "ok"]);
    }
}

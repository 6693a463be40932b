//! The tantivy analyzers, adapters over [`crate::text`].
//!
//! `dossier_en` splits text into Unicode words ([`crate::text::words`]), lower-cases
//! them, folds typographic apostrophes, and stems them with the Snowball English
//! stemmer ([`crate::text::Stemmer`]). It is registered once on every index handle, so
//! indexing and query parsing always share it. `dossier_keyword` keeps a whole value as
//! one lower-cased token, for entity names.

use std::sync::Arc;

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};

use crate::text::Stemmer;

/// Name of the body and title analyzer.
pub const STEMMED: &str = "dossier_en";
/// Name of the whole-value, lower-cased analyzer for entity names.
pub const KEYWORD: &str = "dossier_keyword";

/// Words longer than this many bytes are not indexed (they are not words).
pub const MAX_TOKEN_BYTES: usize = 64;

/// Registers dossier's analyzers on a tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(STEMMED, TextAnalyzer::from(StemmingTokenizer::default()));
    manager.register(KEYWORD, TextAnalyzer::from(KeywordTokenizer::default()));
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

/// A whole value as one token, folded like [`fold`]: for entity names.
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
}

impl Tokenizer for StemmingTokenizer {
    type TokenStream<'a> = StemmingTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> StemmingTokenStream<'a> {
        StemmingTokenStream {
            words: Box::new(crate::text::words(text)),
            stemmer: &self.stemmer,
            lower: &mut self.lower,
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
            self.token.text.push_str(&self.stemmer.stem(self.lower));
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

    #[test]
    fn cjk_and_long_words() {
        let long = "x".repeat(100);
        let got: Vec<String> =
            tokens(&format!("中文 {long} ok")).into_iter().map(|t| t.0).collect();
        assert_eq!(got, ["中", "文", "ok"]);
    }
}

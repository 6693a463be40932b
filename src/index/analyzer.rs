//! The tantivy analyzers, adapters over [`crate::text`].
//!
//! `dossier_en` splits text into Unicode words ([`crate::text::words`]), lower-cases
//! them, folds typographic apostrophes, and stems them with the Snowball English
//! stemmer ([`crate::text::Stemmer`]). It is registered once on every index handle, so
//! indexing and query parsing always share it. `dossier_keyword` keeps a whole value as
//! one lower-cased token, for entity names.

use std::sync::Arc;

use tantivy::tokenizer::{
    LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
};

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
    manager.register(
        KEYWORD,
        TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build(),
    );
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
            self.lower.clear();
            for c in w.text.chars() {
                match c {
                    '’' | '‘' => self.lower.push('\''),
                    c if c.is_ascii() => self.lower.push(c.to_ascii_lowercase()),
                    c => self.lower.extend(c.to_lowercase()),
                }
            }
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
    fn cjk_and_long_words() {
        let long = "x".repeat(100);
        let got: Vec<String> =
            tokens(&format!("中文 {long} ok")).into_iter().map(|t| t.0).collect();
        assert_eq!(got, ["中", "文", "ok"]);
    }
}

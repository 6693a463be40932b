//! Queries as people type them.
//!
//! A query is read leniently: apostrophes (`People's`, `O'Brien`, `Xi’s`), slashes,
//! colons after a word that is not a field (`word:`), stray punctuation and hyphens
//! inside words are ordinary text, a quote without its pair is ignored, and a pasted
//! paragraph is a valid query. What remains of the query language keeps its meaning:
//! `"phrases"` (also in typographic quotes), `field:term` and `field:"a phrase"` for the
//! known fields, `+word` (required) and `-word` (excluded). A query with an upper-case
//! `AND`, `OR` or `NOT` between words is a boolean expression and goes to tantivy's
//! parser (with its words made safe for it), parentheses included.
//!
//! Free words (neither quoted, nor fielded, nor marked with `+` or `-`) rank the
//! results. English stop words among them are dropped (unless nothing else is left),
//! and a word repeated counts as often as it is written. [`Matching`] says whether
//! every free word is required, any one of them, or (the default) any one with the
//! documents that contain all of them first.

use std::sync::LazyLock;

use foldhash::HashSet;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::QUERY_FIELDS;

/// How the free words of a query must match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Matching {
    /// Documents with all the free words first, then documents with some of them, each
    /// group by score.
    #[default]
    Ranked,
    /// Only documents with every free word.
    All,
    /// Documents with any free word, by score alone.
    Any,
}

/// English function words (articles, pronouns, auxiliaries, prepositions,
/// conjunctions): they match nearly every document and only blur a ranking.
static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("stop_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Whether `word` (lower-case) is an English stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(word)
}

/// One piece of a query as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// A run of ordinary text without white space.
    Word(String),
    /// A quoted phrase.
    Phrase(String),
    /// `name:value` or `name:"value"` with a known field name.
    Field { name: String, value: String, quoted: bool },
    /// `AND`, `OR` or `NOT`.
    Operator(&'static str),
    /// `(`.
    Open,
    /// `)`.
    Close,
}

/// A token with its `+` (required) or `-` (excluded) mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    pub mark: Option<char>,
    pub token: Token,
}

/// Splits a query into pieces. Never fails: whatever is not query syntax is text.
pub(crate) fn lex(query: &str) -> Vec<Piece> {
    let chars: Vec<char> = query
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '‟' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let mut pieces = Vec::new();
    let mut i = 0;
    let closing = |from: usize| chars[from..].iter().position(|&c| c == '"').map(|p| from + p);
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            i += 1;
            continue;
        }
        let mut mark = None;
        if (c == '+' || c == '-') && chars.get(i + 1).is_some_and(|&n| n != ' ' && n != c) {
            mark = Some(c);
            i += 1;
        }
        let c = chars[i];
        let token = match c {
            '(' => {
                i += 1;
                Token::Open
            }
            ')' => {
                i += 1;
                Token::Close
            }
            '"' => match closing(i + 1) {
                Some(end) => {
                    let text: String = chars[i + 1..end].iter().collect();
                    i = end + 1;
                    Token::Phrase(text)
                }
                None => {
                    // A quote without its pair is text, like any other mark.
                    i += 1;
                    continue;
                }
            },
            _ => {
                let start = i;
                while i < chars.len() && !matches!(chars[i], ' ' | '"' | '(' | ')') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                match word.split_once(':') {
                    Some((name, value)) if QUERY_FIELDS.contains(&name) => {
                        if value.is_empty() && chars.get(i) == Some(&'"') {
                            if let Some(end) = closing(i + 1) {
                                let value: String = chars[i + 1..end].iter().collect();
                                i = end + 1;
                                pieces.push(Piece {
                                    mark,
                                    token: Token::Field { name: name.into(), value, quoted: true },
                                });
                                continue;
                            }
                        }
                        if value.is_empty() {
                            Token::Word(word)
                        } else {
                            Token::Field { name: name.into(), value: value.into(), quoted: false }
                        }
                    }
                    _ => match word.as_str() {
                        "AND" if mark.is_none() => Token::Operator("AND"),
                        "OR" if mark.is_none() => Token::Operator("OR"),
                        "NOT" if mark.is_none() => Token::Operator("NOT"),
                        _ => Token::Word(word),
                    },
                }
            }
        };
        pieces.push(Piece { mark, token });
    }
    pieces
}

/// Whether the pieces form a boolean expression (an `AND`, `OR` or `NOT` is used).
pub(crate) fn is_boolean(pieces: &[Piece]) -> bool {
    pieces.iter().any(|p| matches!(p.token, Token::Operator(_)))
}

/// Text safe inside tantivy's double quotes.
fn quote(text: &str) -> String {
    let inner: String = text.chars().filter(|&c| c != '"' && c != '\\').collect();
    format!("\"{}\"", inner.trim())
}

/// Whether tantivy's parser reads `word` as plain text.
fn is_plain(word: &str) -> bool {
    word.chars().all(char::is_alphanumeric)
}

/// Renders one piece in tantivy's syntax, its words made safe.
pub(crate) fn render(piece: &Piece) -> String {
    let text = match &piece.token {
        Token::Word(w) if is_plain(w) => w.clone(),
        Token::Word(w) => quote(w),
        Token::Phrase(p) => quote(p),
        Token::Field { name, value, quoted } if !quoted && is_plain(value) => {
            format!("{name}:{value}")
        }
        Token::Field { name, value, .. } => format!("{name}:{}", quote(value)),
        Token::Operator(op) => op.to_string(),
        Token::Open => "(".into(),
        Token::Close => ")".into(),
    };
    match piece.mark {
        Some(m) => format!("{m}{text}"),
        None => text,
    }
}

/// Renders a boolean expression in tantivy's syntax.
pub(crate) fn render_all(pieces: &[Piece]) -> String {
    pieces.iter().map(render).collect::<Vec<_>>().join(" ")
}

/// The free words of a query, lower-cased, split at slashes, stop words dropped
/// (unless only stop words are left), in order of first appearance with the number of
/// times each was written.
pub(crate) fn free_words(pieces: &[Piece]) -> Vec<(String, usize)> {
    let mut words: Vec<String> = Vec::new();
    for p in pieces {
        if let (None, Token::Word(w)) = (p.mark, &p.token) {
            words.extend(w.split('/').filter(|s| !s.is_empty()).map(str::to_lowercase));
        }
    }
    let stop = |w: &String| is_stop_word(w.trim_matches(|c: char| !c.is_alphanumeric()));
    if words.iter().any(|w| !stop(w)) {
        words.retain(|w| !stop(w));
    }
    let mut counted: Vec<(String, usize)> = Vec::new();
    for w in words {
        match counted.iter_mut().find(|(x, _)| *x == w) {
            Some((_, n)) => *n += 1,
            None => counted.push((w, 1)),
        }
    }
    counted
}

/// The analysed terms of `text` in `field`.
fn terms(analyzer: &mut TextAnalyzer, field: Field, text: &str) -> Vec<Term> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(Term::from_field_text(field, &token.text));
    }
    out
}

/// A query for one word (or a few glued by punctuation, as a phrase) in one field.
fn field_query(analyzer: &mut TextAnalyzer, field: Field, text: &str) -> Option<Box<dyn Query>> {
    let mut terms = terms(analyzer, field, text);
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::WithFreqs))),
        _ => Some(Box::new(PhraseQuery::new(terms))),
    }
}

/// The fields free words are looked for in, with their analyzers and boosts.
pub(crate) struct TextFields {
    pub fields: Vec<(Field, TextAnalyzer, f32)>,
}

impl TextFields {
    /// The key under which a word's occurrences are counted: its terms in the first
    /// field, so that words with one stem ("elect", "elections") count together.
    fn key(&mut self, word: &str) -> Vec<String> {
        let (field, analyzer, _) = &mut self.fields[0];
        terms(analyzer, *field, word)
            .iter()
            .filter_map(|t| t.value().as_str().map(String::from))
            .collect()
    }

    /// One query per distinct free word (a match in any field), boosted by the number of
    /// times the word was written. Words without terms (punctuation) are left out.
    pub(crate) fn word_queries(&mut self, words: &[(String, usize)]) -> Vec<Box<dyn Query>> {
        let mut keyed: Vec<(Vec<String>, String, usize)> = Vec::new();
        for (word, n) in words {
            let key = self.key(word);
            if key.is_empty() {
                continue;
            }
            match keyed.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, m)) => *m += n,
                None => keyed.push((key, word.clone(), *n)),
            }
        }
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for (_, word, n) in keyed {
            let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, analyzer, boost) in &mut self.fields {
                if let Some(q) = field_query(analyzer, *field, &word) {
                    let q: Box<dyn Query> =
                        if *boost == 1.0 { q } else { Box::new(BoostQuery::new(q, *boost)) };
                    per_field.push((Occur::Should, q));
                }
            }
            let q: Box<dyn Query> = Box::new(BooleanQuery::new(per_field));
            out.push(if n > 1 { Box::new(BoostQuery::new(q, n as f32)) } else { q });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<String> {
        free_words(&lex(q)).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn typed_text_is_text() {
        for (q, expect) in [
            ("People's Liberation Army", vec!["people's", "liberation", "army"]),
            ("Xi’s visit", vec!["xi’s", "visit"]),
            ("O'Brien", vec!["o'brien"]),
            ("china/taiwan relations", vec!["china", "taiwan", "relations"]),
            ("note: budget .", vec!["note:", "budget", "."]),
            ("state-owned firms", vec!["state-owned", "firms"]),
            ("an \"unbalanced quote", vec!["unbalanced", "quote"]),
        ] {
            assert_eq!(words(q), expect, "{q}");
        }
        let p = lex("(a list) of things)");
        assert!(!is_boolean(&p));
        assert_eq!(words("(a list) of things)"), ["list", "things"]);
    }

    #[test]
    fn syntax_keeps_its_meaning() {
        let p = lex("+nato -russia \"arms control\" person:\"Xi Jinping\" gpe:china");
        assert_eq!(p[0], Piece { mark: Some('+'), token: Token::Word("nato".into()) });
        assert_eq!(p[1], Piece { mark: Some('-'), token: Token::Word("russia".into()) });
        assert_eq!(p[2].token, Token::Phrase("arms control".into()));
        assert_eq!(
            p[3].token,
            Token::Field { name: "person".into(), value: "Xi Jinping".into(), quoted: true }
        );
        assert_eq!(
            p[4].token,
            Token::Field { name: "gpe".into(), value: "china".into(), quoted: false }
        );
        assert!(free_words(&p).is_empty());
        let p = lex("“curly phrase” AND (O'Brien OR x/y)");
        assert!(is_boolean(&p));
        assert_eq!(render_all(&p), "\"curly phrase\" AND ( \"O'Brien\" OR \"x/y\" )");
    }

    #[test]
    fn stop_words_drop_and_repeats_count() {
        assert_eq!(
            free_words(&lex("the war in the north and the war in the south")),
            [("war".to_string(), 2), ("north".into(), 1), ("south".into(), 1)]
        );
        // Only stop words: they are the query.
        assert_eq!(words("to be or not to be"), ["to", "be", "or", "not"]);
    }
}

//! Sentence boundaries that are not fooled by "U.S.", "e.g.", "Mr." or "Jan.".

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

static ABBREVIATIONS_TXT: &str = include_str!("abbreviations.txt");

static DEFAULT: LazyLock<SentenceSplitter> = LazyLock::new(SentenceSplitter::new);

/// Words that often start a sentence after an initialism such as "U.S.": a break is
/// made there, and nowhere else after an initialism.
const STARTERS: &[&str] = &[
    "A",
    "After",
    "An",
    "And",
    "As",
    "At",
    "But",
    "But",
    "By",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "No",
    "On",
    "One",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "We",
    "What",
    "When",
    "While",
    "Yet",
];

/// Splits text into sentences.
#[derive(Debug, Clone)]
pub struct SentenceSplitter {
    abbreviations: HashSet<&'static str>,
}

impl Default for SentenceSplitter {
    fn default() -> Self {
        SentenceSplitter::new()
    }
}

/// Splits `text` into sentences with the default splitter: byte ranges, in order,
/// trimmed of surrounding white space, never empty: "Mr. Obama met Xi in the U.S.
/// capital. They agreed." has two.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    DEFAULT.split(text)
}

impl SentenceSplitter {
    /// A splitter with the built-in abbreviation list.
    pub fn new() -> SentenceSplitter {
        let abbreviations = ABBREVIATIONS_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        SentenceSplitter { abbreviations }
    }

    /// Splits `text` into sentence byte ranges (see [`sentences`]).
    pub fn split(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let cut = match b {
                b'\n' => self.newline_ends_sentence(text, i),
                b'.' | b'!' | b'?' => self.punct_ends_sentence(text, i),
                _ => None,
            };
            if let Some(end) = cut {
                push_trimmed(&mut out, text, start, end);
                start = end;
                i = end.max(i + 1);
            } else {
                i += 1;
            }
        }
        push_trimmed(&mut out, text, start, text.len());
        out
    }

    /// A newline at `i` ends a sentence when a blank line follows, when the line before
    /// it ends a clause, or when the next line starts with a capital, digit or quote.
    fn newline_ends_sentence(&self, text: &str, i: usize) -> Option<usize> {
        let before = text[..i].trim_end_matches([' ', '\t', '\r']);
        let after = &text[i + 1..];
        let after_trim = after.trim_start_matches([' ', '\t', '\r']);
        if before.is_empty() || after_trim.starts_with('\n') || after_trim.is_empty() {
            return Some(i + 1);
        }
        let last = before.chars().next_back()?;
        if matches!(last, '.' | '!' | '?' | ':' | ';' | '"' | '”' | '’' | ')') {
            return Some(i + 1);
        }
        let next = after_trim.chars().next()?;
        if next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '‘' | '(')
        {
            // A line that ends without punctuation and is followed by a capitalised line:
            // a heading, a dateline or a list item.
            let line = before.rsplit('\n').next().unwrap_or(before);
            if line.len() < 100 {
                return Some(i + 1);
            }
        }
        None
    }

    /// Terminal punctuation at `i` ends a sentence when followed by white space and a
    /// plausible sentence start, and when it does not close an abbreviation.
    fn punct_ends_sentence(&self, text: &str, i: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        // Take a run of terminal punctuation and closing quotes/brackets.
        let mut end = i + 1;
        loop {
            let rest = &text[end..];
            let c = rest.chars().next();
            match c {
                Some(c @ ('.' | '!' | '?' | '"' | '\'' | ')' | ']' | '”' | '’')) => {
                    end += c.len_utf8()
                }
                _ => break,
            }
        }
        let rest = &text[end..];
        let next_char = rest.chars().next();
        match next_char {
            None => return Some(end),
            Some(c) if c.is_whitespace() => {}
            _ => return None,
        }
        let after = rest.trim_start();
        let Some(first) = after.chars().next() else { return Some(end) };
        if !(first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(first, '"' | '“' | '‘' | '(' | '[' | '\'' | '-' | '—'))
        {
            return None;
        }
        if bytes[i] != b'.' {
            return Some(end);
        }
        // The word before the period.
        let head = &text[..i];
        let word_start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '[' | '—'))
            .map(|(p, c)| p + c.len_utf8())
            .unwrap_or(0);
        let word = &head[word_start..];
        if word.is_empty() {
            return Some(end);
        }
        if self.abbreviations.contains(word) {
            return None;
        }
        let next_word: &str =
            after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        // Initialisms: "U.S.", "D.C.", a single capital "J.", also at the end of a
        // hyphenated word ("Sino-U.S.", "EU-U.K.").
        let word = word.rsplit(['-', '–']).next().unwrap_or(word);
        let is_initialism = word.contains('.')
            && word
                .split('.')
                .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
            || (word.chars().count() == 1 && word.chars().all(char::is_uppercase));
        if is_initialism && !STARTERS.contains(&next_word) {
            return None;
        }
        Some(end)
    }
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(start + lead..end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn abbreviations_end_no_sentence() {
        let text = "Mr. Obama met Xi in the U.S. capital. They agreed.";
        assert_eq!(split(text), ["Mr. Obama met Xi in the U.S. capital.", "They agreed."]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let cases: &[(&str, &[&str])] = &[
            ("Mr. Smith went. He left.", &["Mr. Smith went.", "He left."]),
            ("The U.S. Justice Department acted.", &["The U.S. Justice Department acted."]),
            (
                "The Sino-U.S. Senior Experts Group met.",
                &["The Sino-U.S. Senior Experts Group met."],
            ),
            (
                "They met in the U.S. In June they met again.",
                &["They met in the U.S.", "In June they met again."],
            ),
            (
                "Talks (e.g. on trade) resumed. Then stopped.",
                &["Talks (e.g. on trade) resumed.", "Then stopped."],
            ),
            ("It was Jan. 5 when it began.", &["It was Jan. 5 when it began."]),
            (
                "It came from the U.S. The talks went on.",
                &["It came from the U.S.", "The talks went on."],
            ),
            ("He said “no.” She agreed!", &["He said “no.”", "She agreed!"]),
            ("Gen. J. Smith spoke.", &["Gen. J. Smith spoke."]),
            ("Version 2.0 is out. Yes?  No.", &["Version 2.0 is out.", "Yes?", "No."]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text}");
            let shifted = format!(" {text}");
            let got: Vec<&str> = sentences(&shifted).into_iter().map(|r| &shifted[r]).collect();
            assert_eq!(got, *want, "shifted {text}");
        }
    }

    #[test]
    fn lines_and_paragraphs() {
        let text = "A Title\nThe body starts here and\ngoes on. Done.\n\nNext para";
        assert_eq!(
            split(text),
            ["A Title", "The body starts here and\ngoes on.", "Done.", "Next para"]
        );
    }

    #[test]
    fn ranges_are_ordered_and_nonempty() {
        for text in ["", "   ", ".", "...!?", "a.b.c. D", "\n\n\nX.\n"] {
            let s = sentences(text);
            for w in s.windows(2) {
                assert!(w[0].end <= w[1].start);
            }
            for r in &s {
                assert!(
                    r.start < r.end
                        && text.is_char_boundary(r.start)
                        && text.is_char_boundary(r.end)
                );
            }
        }
    }

    #[test]
    fn abbreviation_list_is_sorted_and_unique() {
        let list: Vec<&str> =
            ABBREVIATIONS_TXT.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        let mut sorted = list.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(list, sorted);
    }
}

//! Gazetteer matching: one Aho-Corasick automaton over every name (case-sensitive,
//! leftmost-longest), keeping only matches that start and end on word boundaries.

use aho_corasick::{AhoCorasick, MatchKind};

use super::lexicon::{Entry, Lexicon};

/// A lexicon with its compiled automaton.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    pub lexicon: Lexicon,
    automaton: AhoCorasick,
    /// Pattern index -> entry index (names with an apostrophe get a second, curly form).
    pattern_entry: Vec<usize>,
}

/// One gazetteer match: a byte range and the entry it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GazMatch {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

impl Gazetteer {
    /// Compiles the automaton of `lexicon`'s entries.
    pub fn new(lexicon: Lexicon) -> Gazetteer {
        let mut patterns: Vec<String> = Vec::with_capacity(lexicon.entries.len());
        let mut pattern_entry = Vec::with_capacity(lexicon.entries.len());
        for (i, e) in lexicon.entries.iter().enumerate() {
            patterns.push(e.name.clone());
            pattern_entry.push(i);
            if e.name.contains('\'') {
                patterns.push(e.name.replace('\'', "\u{2019}"));
                pattern_entry.push(i);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("gazetteer patterns compile");
        Gazetteer { lexicon, automaton, pattern_entry }
    }

    /// The entry at `index`.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.lexicon.entries[index]
    }

    /// Every match in `text` that starts and ends on a word boundary, in order.
    pub fn find(&self, text: &str) -> Vec<GazMatch> {
        let mut out = Vec::new();
        for m in self.automaton.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            let first = text[s..].chars().next();
            let last = text[..e].chars().next_back();
            // A name ending in a dot ("U.S.") may be followed by anything but a letter; a
            // name must not start or end inside a word.
            let left_ok = !(before.is_some_and(char::is_alphanumeric)
                && first.is_some_and(char::is_alphanumeric));
            let right_ok = !(after.is_some_and(char::is_alphanumeric)
                && last.is_some_and(char::is_alphanumeric));
            if left_ok && right_ok {
                out.push(GazMatch { start: s, end: e, entry: self.pattern_entry[m.pattern()] });
            }
        }
        out
    }

    /// The entry named `name` ignoring case (for text in capitals).
    pub fn lookup_folded(&self, name: &str) -> Option<usize> {
        self.lexicon.folded.get(&name.to_lowercase()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::builtin;
    use super::*;
    use crate::extract::Label;

    fn gaz() -> Gazetteer {
        Gazetteer::new(Lexicon::from_parts(builtin().entries.clone(), Default::default()))
    }

    #[test]
    fn matches_on_word_boundaries_only() {
        let g = gaz();
        let text = "USAID and the U.S.-China deal; Chinalike; People’s Liberation Army.";
        let got: Vec<&str> = g.find(text).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(got, ["U.S.", "China", "People’s Liberation Army"]);
    }

    #[test]
    fn longest_name_wins() {
        let g = gaz();
        let text = "the South China Sea";
        let m = g.find(text);
        assert_eq!(&text[m[0].start..m[0].end], "South China Sea");
        assert_eq!(g.entry(m[0].entry).label, Label::Loc);
        assert!(g.lookup_folded("BEIJING").is_some());
    }
}

//! A small tokenizer for the entity rules: words (with initialisms such as "U.S." and
//! initials such as "W." kept whole, and a possessive "'s" split off) and punctuation.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits, possibly with inner apostrophes ("O'Neill").
    Word,
    /// An initialism or initial with its dots: "U.S.", "W.".
    Initials,
    /// A possessive ending: "'s" or "’s".
    Possessive,
    /// Any other non-space character.
    Punct,
}

/// One token with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Has letters, all upper-case.
    pub upper: bool,
}

impl Token {
    /// True for words and initialisms.
    pub fn is_wordlike(&self) -> bool {
        matches!(self.kind, Kind::Word | Kind::Initials)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text[range]` into tokens with offsets into `text`.
pub(crate) fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::with_capacity(text.len() / 5);
    let n = chars.len();
    let at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            // A possessive: apostrophe + s, not followed by a letter.
            if is_apostrophe(c)
                && i + 1 < n
                && matches!(chars[i + 1].1, 's' | 'S')
                && !(i + 2 < n && chars[i + 2].1.is_alphanumeric())
                && i > 0
                && chars[i - 1].1.is_alphanumeric()
            {
                out.push(token(text, base, at(i), at(i + 2), Kind::Possessive));
                i += 2;
                continue;
            }
            out.push(token(text, base, at(i), at(i + 1), Kind::Punct));
            i += 1;
            continue;
        }
        // Initialisms: X. or X.Y. (single letters each followed by a dot).
        if c.is_uppercase() && i + 1 < n && chars[i + 1].1 == '.' {
            let mut j = i;
            while j + 1 < n && chars[j].1.is_alphabetic() && chars[j + 1].1 == '.' {
                j += 2;
                if j < n && chars[j].1.is_alphabetic() && !(j + 1 < n && chars[j + 1].1 == '.') {
                    // "U.S" without the last dot: take the letter too.
                    if !(j + 1 < n && chars[j + 1].1.is_alphanumeric()) {
                        j += 1;
                    }
                    break;
                }
            }
            let starts_word = i == 0 || !chars[i - 1].1.is_alphanumeric();
            if starts_word && j > i + 1 && !(j < n && chars[j].1.is_alphanumeric()) {
                out.push(token(text, base, at(i), at(j), Kind::Initials));
                i = j;
                continue;
            }
        }
        let s = i;
        while i < n {
            let ch = chars[i].1;
            // Letters, digits, and an inner apostrophe that is not a possessive "'s".
            let inner_apostrophe = is_apostrophe(ch)
                && i + 1 < n
                && chars[i + 1].1.is_alphabetic()
                && !(matches!(chars[i + 1].1, 's' | 'S')
                    && !(i + 2 < n && chars[i + 2].1.is_alphanumeric()));
            if ch.is_alphanumeric() || inner_apostrophe {
                i += 1;
            } else {
                break;
            }
        }
        out.push(token(text, base, at(s), at(i), Kind::Word));
    }
    out
}

fn token(text: &str, base: usize, s: usize, e: usize, kind: Kind) -> Token {
    let w = &text[s..e];
    let cap = w.chars().next().is_some_and(char::is_uppercase);
    let mut letters = false;
    let mut upper = true;
    for ch in w.chars() {
        if ch.is_alphabetic() {
            letters = true;
            if !ch.is_uppercase() {
                upper = false;
            }
        }
    }
    Token { start: base + s, end: base + e, kind, cap, upper: letters && upper }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, Kind)> {
        tokenize(text, 0).iter().map(|t| (&text[t.start..t.end], t.kind)).collect()
    }

    #[test]
    fn initialisms_and_possessives() {
        use Kind::*;
        assert_eq!(
            words("U.S.-China talks, George W. Bush's O'Neill"),
            [
                ("U.S.", Initials),
                ("-", Punct),
                ("China", Word),
                ("talks", Word),
                (",", Punct),
                ("George", Word),
                ("W.", Initials),
                ("Bush", Word),
                ("'s", Possessive),
                ("O'Neill", Word)
            ]
        );
        assert_eq!(words("People’s Army"), [("People", Word), ("’s", Possessive), ("Army", Word)]);
        assert_eq!(
            words("the U.S. A.B.C"),
            [("the", Word), ("U.S.", Initials), ("A.B.C", Initials)]
        );
    }

    #[test]
    fn offsets_are_shifted_by_base() {
        let t = tokenize("ab cd", 10);
        assert_eq!((t[1].start, t[1].end), (13, 15));
        assert!(!t[0].cap && !t[0].upper);
    }

    #[test]
    fn flags() {
        let t = tokenize("NATO Nato nato 1996", 0);
        assert!(t[0].cap && t[0].upper);
        assert!(t[1].cap && !t[1].upper);
        assert!(!t[2].cap);
        assert!(!t[3].cap && !t[3].upper);
    }
}

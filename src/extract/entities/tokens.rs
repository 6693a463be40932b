//! A small tokenizer for the entity rules: words (with initialisms such as "U.S." and
//! initials such as "W." kept whole, and a possessive "'s" split off) and punctuation.

use super::swar::{self, between};

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
    /// Has a letter.
    pub letters: bool,
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

/// The character at byte `p` of `text`, if any.
#[inline]
fn char_at(text: &str, p: usize) -> Option<char> {
    match text.as_bytes().get(p) {
        Some(&b) if b.is_ascii() => Some(b as char),
        Some(_) => text[p..].chars().next(),
        None => None,
    }
}

/// The character that ends just before byte `p` of `text`, if any.
#[inline]
fn char_before(text: &str, p: usize) -> Option<char> {
    match p.checked_sub(1).map(|q| text.as_bytes()[q]) {
        Some(b) if b.is_ascii() => Some(b as char),
        Some(_) => text[..p].chars().next_back(),
        None => None,
    }
}

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Classes of ASCII bytes for the word loop of [`tokenize_into`], one table lookup per byte.
const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const LOWER: u8 = 4;
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            ALNUM | ALPHA | LOWER
        } else if c.is_ascii_uppercase() {
            ALNUM | ALPHA
        } else if c.is_ascii_digit() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The length of the run of ASCII letters and digits that opens `chunk` (eight bytes), and
/// the union of their classes in [`ASCII_CLASS`]: one test for a whole short word instead
/// of one per byte, whose last, at the end of the word, the processor mispredicts.
#[inline]
fn ascii_alnum_run(chunk: &[u8]) -> (usize, u8) {
    let x = swar::load(chunk);
    let lower = between(x, b'a' - 1, b'z' + 1);
    let upper = between(x, b'A' - 1, b'Z' + 1);
    let digit = between(x, b'0' - 1, b'9' + 1);
    let stop = !(lower | upper | digit) & swar::HIGH;
    // Little-endian: the first byte is the lowest.
    let n = (stop.trailing_zeros() / 8) as usize;
    let run = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
    let mut class = 0;
    if lower & run != 0 {
        class |= ALNUM | ALPHA | LOWER;
    }
    if upper & run != 0 {
        class |= ALNUM | ALPHA;
    }
    if digit & run != 0 {
        class |= ALNUM;
    }
    (n, class)
}

/// Splits `text` into tokens with offsets shifted by `base`.
#[cfg(test)]
pub(crate) fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, base, &mut out);
    out
}

/// Splits `text` into tokens with offsets shifted by `base`, into `out` (cleared first, so
/// that a caller can reuse its buffer from one document to the next).
///
/// It walks byte offsets rather than a vector of decoded characters: most text is ASCII,
/// and a word of ASCII letters and digits is skipped byte by byte.
pub(crate) fn tokenize_into(text: &str, base: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    out.clear();
    out.reserve(text.len() / 5);
    let mut p = 0;
    while let Some(&b) = bytes.get(p) {
        // ASCII white space and punctuation, most of what is not a word, are told by their
        // byte alone (an apostrophe may start a possessive: it takes the general path).
        if b.is_ascii() && b != b'\'' && !b.is_ascii_alphanumeric() {
            if !(b as char).is_whitespace() {
                let (start, end) = (base + p, base + p + 1);
                out.push(Token {
                    start,
                    end,
                    kind: Kind::Punct,
                    cap: false,
                    upper: false,
                    letters: false,
                });
            }
            p += 1;
            continue;
        }
        let Some(c) = char_at(text, p) else { break };
        let q = p + c.len_utf8();
        if c.is_whitespace() {
            p = q;
            continue;
        }
        if !c.is_alphanumeric() {
            // A possessive: apostrophe + s, not followed by a letter.
            if is_apostrophe(c)
                && matches!(char_at(text, q), Some('s' | 'S'))
                && !is_alnum(char_at(text, q + 1))
                && is_alnum(char_before(text, p))
            {
                out.push(token(text, base, p, q + 1, Kind::Possessive));
                p = q + 1;
                continue;
            }
            out.push(token(text, base, p, q, Kind::Punct));
            p = q;
            continue;
        }
        // Initialisms: X. or X.Y. (single letters each followed by a dot).
        if c.is_uppercase() && char_at(text, q) == Some('.') {
            let mut j = p;
            while let Some(l) = char_at(text, j).filter(|l| l.is_alphabetic()) {
                if char_at(text, j + l.len_utf8()) != Some('.') {
                    break;
                }
                j += l.len_utf8() + 1;
                if let Some(l) = char_at(text, j).filter(|l| l.is_alphabetic()) {
                    let after = j + l.len_utf8();
                    if char_at(text, after) != Some('.') {
                        // "U.S" without the last dot: take the letter too.
                        if !is_alnum(char_at(text, after)) {
                            j = after;
                        }
                        break;
                    }
                }
            }
            let starts_word = !is_alnum(char_before(text, p));
            if starts_word && j > p && !is_alnum(char_at(text, j)) {
                out.push(token(text, base, p, j, Kind::Initials));
                p = j;
                continue;
            }
        }
        let s = p;
        // The flags of an ASCII word are gathered on the way, instead of in `token`.
        let mut ascii = true;
        // The union of the classes of the ASCII letters and digits of the word.
        let mut seen = 0u8;
        loop {
            // ASCII letters and digits first, eight bytes at a time, then any other
            // character of the word.
            while let Some(chunk) = bytes.get(p..p + 8) {
                let (n, class) = ascii_alnum_run(chunk);
                seen |= class;
                p += n;
                if n < 8 {
                    break;
                }
            }
            while let Some(&b) = bytes.get(p) {
                let class = ASCII_CLASS[usize::from(b)];
                if class & ALNUM == 0 {
                    break;
                }
                seen |= class;
                p += 1;
            }
            let Some(ch) = char_at(text, p) else { break };
            let next = p + ch.len_utf8();
            // Letters, digits, and an inner apostrophe that is not a possessive "'s".
            let possessive =
                |n: char| matches!(n, 's' | 'S') && !is_alnum(char_at(text, next + n.len_utf8()));
            let inner_apostrophe = is_apostrophe(ch)
                && char_at(text, next).is_some_and(|n| n.is_alphabetic() && !possessive(n));
            if ch.is_alphanumeric() || inner_apostrophe {
                ascii &= ch.is_ascii();
                p = next;
            } else {
                break;
            }
        }
        let (letters, lower) = (seen & ALPHA != 0, seen & LOWER != 0);
        // Two pushes rather than one of either token: a token built in place here and one
        // returned by `token` would meet in memory, written field by field and read back
        // whole, which stalls the processor on every word.
        if ascii {
            out.push(Token {
                start: base + s,
                end: base + p,
                kind: Kind::Word,
                cap: bytes[s].is_ascii_uppercase(),
                upper: letters && !lower,
                letters,
            });
        } else {
            out.push(token(text, base, s, p, Kind::Word));
        }
    }
}

fn token(text: &str, base: usize, s: usize, e: usize, kind: Kind) -> Token {
    let w = &text[s..e];
    let (cap, letters, upper) = if w.is_ascii() {
        let b = w.as_bytes();
        let (mut letters, mut lower) = (false, false);
        for c in b {
            letters |= c.is_ascii_alphabetic();
            lower |= c.is_ascii_lowercase();
        }
        (b.first().is_some_and(u8::is_ascii_uppercase), letters, !lower)
    } else {
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
        (w.chars().next().is_some_and(char::is_uppercase), letters, upper)
    };
    Token { start: base + s, end: base + e, kind, cap, upper: letters && upper, letters }
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
    fn runs_of_eight_bytes_agree_with_the_byte_table() {
        // Every byte value at every place of a chunk, among letters: the run ends at the
        // first byte that is not an ASCII letter or digit.
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = *b"aZ9qQ0zA";
                chunk[at] = b;
                let want = chunk.iter().position(|&c| ASCII_CLASS[usize::from(c)] & ALNUM == 0);
                let n = want.unwrap_or(8);
                let class = chunk[..n].iter().fold(0, |k, &c| k | ASCII_CLASS[usize::from(c)]);
                assert_eq!(ascii_alnum_run(&chunk), (n, class), "byte {b} at {at}");
            }
        }
        for word in [*b"abcdefgh", *b"ABCDEFGH", *b"12345678", *b"Ab3 zzzz", *b" abcdefg"] {
            let n = word.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
            let class = word[..n].iter().fold(0, |k, &c| k | ASCII_CLASS[usize::from(c)]);
            assert_eq!(ascii_alnum_run(&word), (n, class));
        }
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

//! Gazetteer matching: one Aho-Corasick automaton over every name (case-sensitive,
//! leftmost-longest), keeping only matches that start and end on word boundaries.
//!
//! The matches are those of a plain leftmost-longest scan, in which a match that is then
//! rejected (it starts or ends inside a word) still hides the names overlapping it. The
//! scan is done from candidate starts only: a name can start only where the text has its
//! first bytes (up to five, see `Starts`), and at such a place an anchored search finds the
//! longest name there. The leftmost candidate with a match gives the same match as the
//! plain scan, without running the automaton over the bulk of the text, which no name
//! starts in.

use aho_corasick::{AhoCorasick, Anchored, Input, Match, MatchKind, StartKind};

use super::lexicon::{Entry, Lexicon};

/// A lexicon with its compiled automaton.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    pub lexicon: Lexicon,
    automaton: AhoCorasick,
    /// Pattern index -> entry index (names with an apostrophe get a second, curly form).
    pattern_entry: Vec<usize>,
    /// What the names start with. `None` when a name is empty: then the plain scan runs.
    starts: Option<Starts>,
}

/// A set of 65536 bits.
type Bits = Box<[u64; 1024]>;

fn mark(set: &mut Bits, bit: usize) {
    set[bit / 64] |= 1 << (bit % 64);
}

fn marked(set: &Bits, bit: usize) -> bool {
    set[bit / 64] & (1 << (bit % 64)) != 0
}

/// The beginnings of the names, as bit sets: a place in the text where no name can start is
/// passed over after a few table lookups, while the anchored search costs far more. The
/// first two bytes are not enough: pairs such as "th" (of "the State of Palestine") and
/// "al" (of "al Qaeda") are frequent in running text, most of their longer beginnings not.
/// The end of the text counts as zero bytes.
#[derive(Debug)]
struct Starts {
    /// The first two bytes of every name, at `first << 8 | second` (a one-byte name marks
    /// every pair of its byte).
    pairs: Bits,
    /// The same for the names of one or two bytes only.
    short: Bits,
    /// The first three bytes of the names of three bytes, the first four of the names of
    /// four and the first five of the longer names, hashed (a false hit only costs a
    /// search). Five, not four: "the " (of "the State of Palestine") begins a great many
    /// phrases, "the S" few.
    longer: Bits,
}

/// The bit of the beginning `b` (three, four or five bytes) in [`Starts::longer`].
#[inline]
fn longer_bit(b: &[u8]) -> usize {
    // Multiplicative hashing, with a different factor for each length: the top 16 bits of
    // the product.
    match *b {
        [x, y, z] => {
            let key = u32::from(x) << 16 | u32::from(y) << 8 | u32::from(z);
            (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
        }
        [w, x, y, z] => {
            let key = u32::from_be_bytes([w, x, y, z]);
            (key.wrapping_mul(0x85EB_CA77) >> 16) as usize
        }
        _ => {
            let key = u64::from_be_bytes([0, 0, 0, b[0], b[1], b[2], b[3], b[4]]);
            (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
        }
    }
}

impl Starts {
    /// The beginnings of `patterns`, or `None` when one is empty.
    fn new(patterns: &[String]) -> Option<Starts> {
        let bits = || Box::new([0u64; 1024]);
        let mut starts = Starts { pairs: bits(), short: bits(), longer: bits() };
        for p in patterns {
            let b = p.as_bytes();
            match b.len() {
                0 => return None,
                1 => {
                    for next in 0..256 {
                        mark(&mut starts.pairs, usize::from(b[0]) << 8 | next);
                        mark(&mut starts.short, usize::from(b[0]) << 8 | next);
                    }
                }
                n => {
                    let pair = usize::from(b[0]) << 8 | usize::from(b[1]);
                    mark(&mut starts.pairs, pair);
                    if n == 2 {
                        mark(&mut starts.short, pair);
                    } else {
                        mark(&mut starts.longer, longer_bit(&b[..n.min(5)]));
                    }
                }
            }
        }
        Some(starts)
    }

    /// True when a name may start at byte `p` of `bytes`.
    #[inline]
    fn may_start(&self, bytes: &[u8], p: usize) -> bool {
        let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
        let pair = usize::from(bytes[p]) << 8 | usize::from(byte(p + 1));
        marked(&self.pairs, pair)
            && (marked(&self.short, pair)
                || marked(&self.longer, longer_bit(&[bytes[p], byte(p + 1), byte(p + 2)]))
                || marked(
                    &self.longer,
                    longer_bit(&[bytes[p], byte(p + 1), byte(p + 2), byte(p + 3)]),
                )
                || marked(
                    &self.longer,
                    longer_bit(&[bytes[p], byte(p + 1), byte(p + 2), byte(p + 3), byte(p + 4)]),
                ))
    }
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
        let starts = Starts::new(&patterns);
        let empty = starts.is_none();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(if empty { StartKind::Unanchored } else { StartKind::Anchored })
            .build(&patterns)
            .expect("gazetteer patterns compile");
        Gazetteer { lexicon, automaton, pattern_entry, starts }
    }

    /// The entry at `index`.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.lexicon.entries[index]
    }

    /// Every match in `text` that starts and ends on a word boundary, in order.
    pub fn find(&self, text: &str) -> Vec<GazMatch> {
        let mut out = Vec::new();
        let mut keep = |m: Match| {
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
        };
        let Some(starts) = &self.starts else {
            self.automaton.find_iter(text).for_each(keep);
            return out;
        };
        let bytes = text.as_bytes();
        let mut p = 0;
        while p < bytes.len() {
            if starts.may_start(bytes, p) {
                let input = Input::new(text).range(p..).anchored(Anchored::Yes);
                if let Some(m) = self.automaton.find(input) {
                    keep(m);
                    p = m.end();
                    continue;
                }
            }
            p += 1;
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

    #[test]
    fn candidate_scan_equals_plain_scan() {
        let g = gaz();
        let mut patterns = Vec::new();
        for e in &g.lexicon.entries {
            patterns.push(e.name.clone());
            if e.name.contains('\'') {
                patterns.push(e.name.replace('\'', "\u{2019}"));
            }
        }
        let plain =
            AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&patterns).unwrap();
        let mut texts: Vec<String> = [
            "New Yorkers in New York; Chinalike USAID; the U.S.-China deal",
            "’s-Hertogenbosch and 's-Hertogenbosch, al-Qaeda, eMbalenhle, Iraq",
            "ÉChina Chinaé Ω New Delhi’s U.S",
        ]
        .map(String::from)
        .to_vec();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/cyber");
        for f in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            texts.extend(std::fs::read_to_string(f.path()));
        }
        for text in &texts {
            let want: Vec<(usize, usize)> = plain
                .find_iter(text.as_str())
                .map(|m| (m.start(), m.end()))
                .filter(|&(s, e)| {
                    // Inside a word: letters or digits on both sides of the byte.
                    let inside = |b: usize| {
                        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                        alnum(text[..b].chars().next_back()) && alnum(text[b..].chars().next())
                    };
                    !inside(s) && !inside(e)
                })
                .collect();
            let got: Vec<(usize, usize)> = g.find(text).iter().map(|m| (m.start, m.end)).collect();
            assert_eq!(got, want);
        }
    }
}

//! Sentence context for resolution: the tense a sentence speaks in, judged from the cue
//! words of `rules/tense.txt` nearest to the expression.

use std::ops::Range;

use super::lexicon::LEXICON;
use super::rules::floor_char;

/// Whether a sentence speaks of the past or the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// The tense of the cue word nearest to `at` (a byte range) inside `sentence`; cues inside
/// the expression itself are ignored.
pub(crate) fn tense(text: &str, sentence: Range<usize>, at: Range<usize>) -> Tense {
    let s = floor_char(text, sentence.start);
    let e = floor_char(text, sentence.end).max(s);
    let bytes = text.as_bytes();
    let mut best: Option<(usize, Tense)> = None;
    let mut i = s;
    let mut word = String::new();
    while i < e {
        if !is_word_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < e && is_word_byte(bytes[i]) {
            i += 1;
        }
        if start >= at.start && i <= at.end {
            continue;
        }
        word.clear();
        word.extend(text[start..i].chars().map(|c| {
            if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            }
        }));
        let cue = LEXICON
            .tense
            .get_exact(&word)
            .or_else(|| word.find('\'').and_then(|q| LEXICON.tense.get_exact(&word[q..])));
        // Regular past forms ("predicted", "announced") are past cues too.
        // (Not capitalised words: "United" is no verb.)
        let regular = word.len() > 4
            && word.ends_with("ed")
            && !word.ends_with("eed")
            && bytes[start].is_ascii_lowercase();
        let cue = cue.or(regular.then_some("past"));
        let Some(cue) = cue else { continue };
        let t = if cue == "future" { Tense::Future } else { Tense::Past };
        // Cues before the expression ("said Friday") count more than those after it.
        let dist = if i <= at.start { at.start - i } else { 2 * start.saturating_sub(at.end) + 12 };
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, t));
        }
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\'' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, what: &str) -> Tense {
        let at = text.find(what).unwrap();
        tense(text, 0..text.len(), at..at + what.len())
    }

    #[test]
    fn cues_decide() {
        assert_eq!(t("He said Tuesday that it rained.", "Tuesday"), Tense::Past);
        assert_eq!(t("They will meet Tuesday.", "Tuesday"), Tense::Future);
        assert_eq!(t("They’ll meet Tuesday.", "Tuesday"), Tense::Future);
        assert_eq!(t("Talks on Tuesday.", "Tuesday"), Tense::Unknown);
        assert_eq!(t("He said they will meet Tuesday.", "Tuesday"), Tense::Future);
    }

    #[test]
    fn odd_ranges_do_not_panic() {
        let text = "é said";
        assert_eq!(tense(text, 0..99, 0..2), Tense::Past);
        let reversed = std::ops::Range { start: 5, end: 2 };
        assert_eq!(tense(text, reversed, 0..0), Tense::Unknown);
    }
}

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

/// How far (bytes) from the expression, on either side, cue words are looked for. A
/// sentence is rarely this long; text without sentence punctuation can be one
/// "sentence" of megabytes, and scanning all of it for each expression made extraction
/// quadratic in its length.
pub(crate) const CUE_WINDOW: usize = 2_000;

/// The tense of the cue word nearest to `at` (a byte range) inside `sentence`, at most
/// [`CUE_WINDOW`] bytes away; cues inside the expression itself are ignored.
pub(crate) fn tense(text: &str, sentence: Range<usize>, at: Range<usize>) -> Tense {
    let mut s = floor_char(text, sentence.start);
    let mut e = floor_char(text, sentence.end).max(s);
    if at.start >= s && at.end <= e && at.start <= at.end {
        let bytes = text.as_bytes();
        if at.start - s > CUE_WINDOW {
            // Start after the word the window's edge falls in, not inside it.
            s = floor_char(text, at.start - CUE_WINDOW);
            while s < at.start && is_word_byte(bytes[s]) {
                s += 1;
            }
            s = floor_char(text, s);
        }
        if e - at.end > CUE_WINDOW {
            e = floor_char(text, at.end + CUE_WINDOW);
            while e > at.end && is_word_byte(bytes[e]) {
                e -= 1;
            }
            e = floor_char(text, e);
        }
    }
    // A semicolon ends a clause: "Beijing is expected to respond; in July it announced".
    if at.start >= s && at.end <= e && at.start <= at.end {
        if let Some(k) = text[s..at.start].rfind(';') {
            s += k + 1;
        }
        if let Some(k) = text[at.end..e].find(';') {
            e = at.end + k;
        }
    }
    let bytes = text.as_bytes();
    let mut best: Option<(usize, Tense)> = None;
    let mut i = s;
    let mut word = String::new();
    // The word before the current one, lowercased.
    let mut prev = String::new();
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
            prev.clear();
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
        // Regular past forms ("predicted", "announced") are past cues too. Not capitalised
        // words ("United" is no verb), nor participles after a determiner or "be", which are
        // adjectives or passives of any tense: "the reduced dividend", "will be completed".
        let regular = word.len() > 4
            && word.ends_with("ed")
            && !word.ends_with("eed")
            && bytes[start].is_ascii_lowercase()
            && !ADJECTIVAL.contains(&prev.as_str());
        // After a determiner a cue is a noun or an adjective ("set out the plans", "the
        // reported attack"); "the upcoming vote" still speaks of the future.
        let noun = ADJECTIVAL.contains(&prev.as_str()) && word != "upcoming";
        prev.clear();
        prev.push_str(&word);
        let cue = cue.filter(|_| !noun).or(regular.then_some("past"));
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

/// Words after which an "-ed" form is an adjective or a passive participle, not a past verb.
const ADJECTIVAL: &[&str] = &[
    "a", "an", "be", "being", "his", "her", "its", "our", "still", "the", "their", "these", "this",
    "those", "your",
];

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
        assert_eq!(t("Talks are set to resume Monday.", "Monday"), Tense::Future);
        assert_eq!(t("The team plans to leave on Thursday.", "Thursday"), Tense::Future);
        assert_eq!(t("It rallied Tuesday.", "Tuesday"), Tense::Past);
        assert_eq!(t("She set out the plans on March 8.", "March 8"), Tense::Unknown);
        assert_eq!(t("Before the upcoming vote on March 8.", "March 8"), Tense::Future);
        assert_eq!(
            t("It is expected to respond; in July it announced a ban.", "July"),
            Tense::Past
        );
    }

    #[test]
    fn participles_after_determiners_are_no_past_cues() {
        assert_eq!(t("The reduced dividend is payable Jan. 2.", "Jan. 2"), Tense::Unknown);
        assert_eq!(t("It will be completed by Dec. 15.", "Dec. 15"), Tense::Future);
        assert_eq!(t("It completed the sale Dec. 15.", "Dec. 15"), Tense::Past);
    }

    #[test]
    fn cues_are_looked_for_near_the_expression_only() {
        let filler = "word ".repeat(CUE_WINDOW / 5 + 10);
        let far = format!("They will meet {filler} on Tuesday {filler} it rained");
        assert_eq!(t(&far, "Tuesday"), Tense::Unknown);
        let near = format!("{filler} they will meet on Tuesday {filler}");
        assert_eq!(t(&near, "Tuesday"), Tense::Future);
        // The window's edges in multi-byte text.
        let wide = "éé ".repeat(CUE_WINDOW);
        let text = format!("{wide}said Tuesday{wide}");
        assert_eq!(t(&text, "Tuesday"), Tense::Past);
    }

    #[test]
    fn odd_ranges_do_not_panic() {
        let text = "é said";
        assert_eq!(tense(text, 0..99, 0..2), Tense::Past);
        let reversed = std::ops::Range { start: 5, end: 2 };
        assert_eq!(tense(text, reversed, 0..0), Tense::Unknown);
    }
}

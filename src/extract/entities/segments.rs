//! Name segments: runs of capitalised words within a sentence, with the joins between them
//! ("U.S.-China", "Bureau of Industry and Security", "Mr. Smith", "AT&T").
//!
//! A segment leaves out a capitalised article ("The"), ordinary words at the start of a
//! sentence ("Despite", "First") and words that are never names on their own (months,
//! weekdays); a possessive "'s" always ends it.

use super::lexicon::Lexicon;
use super::tokens::{Kind, Token};

/// How two neighbouring words of a segment are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Join {
    /// White space.
    Space,
    /// A hyphen or slash with no space around it.
    Hyphen,
    /// An ampersand.
    Amp,
    /// A lower-case connector word ("of", "and", "de"), the token index given.
    Connector(usize),
    /// The dot of an abbreviated title ("Mr. Smith").
    Dot,
}

/// A run of name words: indices into the token list, and the joins between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    pub toks: Vec<usize>,
    pub joins: Vec<Join>,
}

impl Segment {
    /// Byte range in the text.
    pub fn span(&self, tokens: &[Token]) -> (usize, usize) {
        (tokens[self.toks[0]].start, tokens[*self.toks.last().unwrap_or(&0)].end)
    }

    /// The sub-segment of words `a..b`.
    pub fn slice(&self, a: usize, b: usize) -> Segment {
        Segment { toks: self.toks[a..b].to_vec(), joins: self.joins[a..b.max(a + 1) - 1].to_vec() }
    }

    /// Splits at every join for which `cut` is true.
    pub fn split(&self, cut: impl Fn(Join) -> bool) -> Vec<Segment> {
        let mut out = Vec::new();
        let mut a = 0;
        for (i, &j) in self.joins.iter().enumerate() {
            if cut(j) {
                out.push(self.slice(a, i + 1));
                a = i + 1;
            }
        }
        out.push(self.slice(a, self.toks.len()));
        out
    }
}

/// Whether the word is a name word (capitalised, not blocked unless `known`).
fn is_name_word(text: &str, t: &Token, lx: &Lexicon, known: impl FnOnce() -> bool) -> bool {
    if !t.is_wordlike() || !t.cap {
        return false;
    }
    let w = &text[t.start..t.end];
    if t.kind == Kind::Word && w.chars().nth(1).is_none() {
        return false;
    }
    !lx.blocked.contains(w) || known()
}

/// True when an ordinary word at the start of a sentence begins a name anyway: a given
/// name before a capitalised word ("John Kerry"), a head word before "of" and a capitalised
/// word ("Council of Europe").
fn starts_name(text: &str, tokens: &[Token], i: usize, end: usize, lx: &Lexicon) -> bool {
    let w = &text[tokens[i].start..tokens[i].end];
    let word = |k: usize| (k < end).then(|| &tokens[k]);
    let cap_word = |k: usize| word(k).is_some_and(|t| t.cap && t.is_wordlike());
    // "Micron Technology said": an ordinary word before a head word.
    if cap_word(i + 1) {
        let n = word(i + 1).map_or("", |t| &text[t.start..t.end]);
        if lx.org_heads.contains(n) || lx.law_heads.contains(n) {
            return true;
        }
    }
    if w.len() > 2 && lx.given.contains(w) && cap_word(i + 1) {
        let n = word(i + 1).map_or("", |t| &text[t.start..t.end]);
        return !lx.is_common(n);
    }
    (lx.org_of_heads.contains(w) || lx.org_heads.contains(w) || lx.law_heads.contains(w))
        && word(i + 1).is_some_and(|t| &text[t.start..t.end] == "of")
        && cap_word(i + 2)
}

/// True for a word that opens a sentence or a quotation: "First, ...", "“Commercial ...".
fn opens(text: &str, tokens: &[Token], i: usize, first_word: Option<usize>) -> bool {
    if Some(i) == first_word {
        return true;
    }
    i > 0
        && tokens[i - 1].kind == Kind::Punct
        && matches!(&text[tokens[i - 1].start..tokens[i - 1].end], "“" | "\"" | ":" | "(" | "‘")
}

/// Finds the segments among `tokens[range]` (one sentence). `keep_start` says whether a
/// sentence-initial ordinary word or a blocked word is kept anyway (it starts a known name);
/// `claimed` marks tokens already taken by another rule.
pub(crate) fn segments(
    text: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    lx: &Lexicon,
    claimed: &[bool],
    keep_start: impl Fn(usize) -> bool,
) -> Vec<Segment> {
    let mut out = Vec::new();
    // The first word of the sentence, after opening punctuation.
    let first_word =
        tokens[range.clone()].iter().position(Token::is_wordlike).map(|p| p + range.start);
    let usable = |i: usize| -> bool {
        if claimed[i] || !is_name_word(text, &tokens[i], lx, || keep_start(i)) {
            return false;
        }
        let w = &text[tokens[i].start..tokens[i].end];
        if opens(text, tokens, i, first_word)
            && !keep_start(i)
            && !starts_name(text, tokens, i, range.end, lx)
            && (lx.is_common(w) || lx.titles.contains(w))
        {
            // An ordinary word that starts the sentence; titles are kept for the title rule.
            return lx.titles.contains(w);
        }
        true
    };
    let mut i = range.start;
    while i < range.end {
        if !usable(i) {
            i += 1;
            continue;
        }
        let mut seg = Segment { toks: vec![i], joins: Vec::new() };
        let mut j = i;
        loop {
            let cur = &tokens[j];
            let Some(next) = tokens.get(j + 1).filter(|_| j + 1 < range.end) else { break };
            let adjacent = next.start == cur.end;
            // Direct neighbour.
            if usable(j + 1) {
                let between = &text[cur.end..next.start];
                if between.contains('\n') {
                    break;
                }
                seg.toks.push(j + 1);
                seg.joins.push(Join::Space);
                j += 1;
                continue;
            }
            let word = |k: usize| &text[tokens[k].start..tokens[k].end];
            // Lower-case parts between hyphens: "Ata-ur-Rehman", "Chester-le-Street".
            if j + 4 < range.end {
                let (h1, mid, h2) = (&tokens[j + 1], &tokens[j + 2], &tokens[j + 3]);
                let last = &tokens[j + 4];
                if word(j + 1) == "-"
                    && word(j + 3) == "-"
                    && mid.kind == Kind::Word
                    && !mid.cap
                    && mid.end - mid.start <= 3
                    && h1.start == cur.end
                    && mid.start == h1.end
                    && h2.start == mid.end
                    && last.start == h2.end
                    && usable(j + 4)
                {
                    seg.toks.push(j + 4);
                    seg.joins.push(Join::Hyphen);
                    j += 4;
                    continue;
                }
            }
            // "of the": "Council of the European Union".
            if j + 3 < range.end
                && word(j + 1) == "of"
                && word(j + 2) == "the"
                && usable(j + 3)
                && !text[cur.end..tokens[j + 3].start].contains('\n')
            {
                seg.toks.push(j + 3);
                seg.joins.push(Join::Connector(j + 1));
                j += 3;
                continue;
            }
            // Two particles: "van der".
            if j + 3 < range.end
                && lx.particles.contains(word(j + 1))
                && lx.particles.contains(word(j + 2))
                && usable(j + 3)
                && !text[cur.end..tokens[j + 3].start].contains('\n')
            {
                seg.toks.push(j + 3);
                seg.joins.push(Join::Connector(j + 1));
                j += 3;
                continue;
            }
            let Some(after) = tokens.get(j + 2).filter(|_| j + 2 < range.end) else { break };
            if !usable(j + 2) || text[cur.end..after.start].contains('\n') {
                break;
            }
            let nt = &text[next.start..next.end];
            let join = match next.kind {
                Kind::Punct if (nt == "-" || nt == "/") && adjacent && after.start == next.end => {
                    Some(Join::Hyphen)
                }
                Kind::Punct if nt == "&" => Some(Join::Amp),
                Kind::Punct
                    if nt == "." && adjacent && lx.titles.contains(&text[cur.start..cur.end]) =>
                {
                    Some(Join::Dot)
                }
                Kind::Word if !next.cap && lx.connectors.contains(nt) => {
                    Some(Join::Connector(j + 1))
                }
                _ => None,
            };
            match join {
                Some(join) => {
                    seg.toks.push(j + 2);
                    seg.joins.push(join);
                    j += 2;
                }
                None => break,
            }
        }
        // Leading capitalised articles are not part of a name ("The Hague" is known).
        while seg.toks.len() > 1 && !keep_start(seg.toks[0]) {
            let t = &tokens[seg.toks[0]];
            if matches!(&text[t.start..t.end], "The" | "A" | "An") && seg.joins[0] == Join::Space {
                seg.toks.remove(0);
                seg.joins.remove(0);
            } else {
                break;
            }
        }
        let t = &tokens[seg.toks[0]];
        if !(seg.toks.len() == 1 && matches!(&text[t.start..t.end], "The" | "A" | "An")) {
            out.push(seg);
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::builtin;
    use super::super::tokens::tokenize;
    use super::*;

    fn segs(text: &str) -> Vec<String> {
        let toks = tokenize(text, 0);
        let claimed = vec![false; toks.len()];
        segments(text, &toks, 0..toks.len(), builtin(), &claimed, |_| false)
            .iter()
            .map(|s| {
                let (a, b) = s.span(&toks);
                text[a..b].to_string()
            })
            .collect()
    }

    #[test]
    fn finds_runs_with_joins() {
        assert_eq!(
            segs("Despite talks, the Bureau of Industry and Security met U.S.-China officials."),
            ["Bureau of Industry and Security", "U.S.-China"]
        );
        assert_eq!(segs("First, Mr. Smith met The Hague people in May."), ["Mr. Smith", "Hague"]);
        assert_eq!(segs("Chinese President Xi Jinping's plan"), ["Chinese President Xi Jinping"]);
        assert_eq!(segs("and of the"), Vec::<String>::new());
    }

    #[test]
    fn splits_at_joins() {
        let text = "U.S.-China Cyber";
        let toks = tokenize(text, 0);
        let claimed = vec![false; toks.len()];
        let s = &segments(text, &toks, 0..toks.len(), builtin(), &claimed, |_| false)[0];
        let parts = s.split(|j| j == Join::Hyphen);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1].toks.len(), 2);
    }
}

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

/// True when an ordinary word at the start of a sentence begins a name anyway: a given
/// name before a capitalised word ("John Kerry"), a head word before "of" and a capitalised
/// word ("Council of Europe").
fn starts_name(text: &str, tokens: &[Token], i: usize, end: usize, lx: &Lexicon) -> bool {
    let w = &text[tokens[i].start..tokens[i].end];
    let word = |k: usize| (k < end).then(|| &tokens[k]);
    let cap_word = |k: usize| word(k).is_some_and(|t| t.cap && t.is_wordlike());
    // "Until Parliament votes": a closed-class word opens no name.
    if lx.function_words.contains(w) {
        return false;
    }
    // "Commerce Secretary Gina Raimondo": a department before "Secretary".
    let secretary = |k: usize| word(k).is_some_and(|t| &text[t.start..t.end] == "Secretary");
    if lx.portfolios.contains(w) && secretary(i + 1) {
        return true;
    }
    if cap_word(i + 1) && secretary(i + 2) {
        let t = &tokens[i + 1];
        if lx.portfolios.contains(&text[tokens[i].start..t.end]) {
            return true;
        }
    }
    // "Micron Technology said", "Hollis Tire & Rubber Co. said": an ordinary word before
    // capitalised words that end in a head word or a company suffix.
    let mut k = i + 1;
    while k < end && k <= i + 5 {
        let t = &tokens[k];
        let n = &text[t.start..t.end];
        if cap_word(k) {
            if lx.org_heads.contains(n)
                || lx.law_heads.contains(n)
                || lx.company_suffixes.contains(n)
            {
                return true;
            }
        } else if n != "&" {
            break;
        }
        k += 1;
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

/// What the segment rules need to know of a token, apart from whether it starts a known
/// name: computed once per document by [`word_classes`], since both passes ask for every
/// capitalised word several times and the answers need the large word lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WordClass(u8);

impl WordClass {
    /// A capitalised word (not a lone letter) or initialism that no other rule took.
    const NAME: u8 = 1;
    /// A blocked word: usable only when it starts a known name.
    const BLOCKED: u8 = 2;
    /// An ordinary word or a title that opens the sentence or a quotation and does not
    /// start a name: usable only when it starts a known name, or when it is a title.
    const ORDINARY_START: u8 = 4;
    const TITLE: u8 = 8;

    fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }
}

/// Fills `classes[range]` for the tokens of one sentence. `claimed` marks tokens already
/// taken by another rule.
pub(crate) fn word_classes(
    text: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    lx: &Lexicon,
    claimed: &[bool],
    classes: &mut [WordClass],
) {
    // The first word of the sentence, after opening punctuation.
    let first_word =
        tokens[range.clone()].iter().position(Token::is_wordlike).map(|p| p + range.start);
    for i in range.clone() {
        let t = &tokens[i];
        let w = &text[t.start..t.end];
        let name = t.is_wordlike()
            && t.cap
            && !(t.kind == Kind::Word && w.chars().nth(1).is_none())
            && !claimed[i];
        if !name {
            classes[i] = WordClass(0);
            continue;
        }
        let mut c = WordClass::NAME;
        if lx.blocked.contains(w) {
            c |= WordClass::BLOCKED;
        }
        let title = lx.titles.contains(w);
        if title {
            c |= WordClass::TITLE;
        }
        if opens(text, tokens, i, first_word)
            && !starts_name(text, tokens, i, range.end, lx)
            && (title || lx.is_common(w))
        {
            c |= WordClass::ORDINARY_START;
        }
        classes[i] = WordClass(c);
    }
}

/// Abbreviations that start the name of a place: "St. Louis", "Mt. Hood", "Ft. Worth".
const PLACE_ABBREVIATIONS: &[&str] = &["Ft", "Mt", "St"];

/// Lower-case second parts of hyphenated compounds that are never a syllable of a name.
const COMPOUND_SUFFIXES: &[&str] = &[
    "area", "born", "class", "era", "free", "level", "like", "made", "run", "size", "style",
    "type", "wide",
];

/// Finds the segments among `tokens[range]` (one sentence), whose tokens are described by
/// `classes` (see [`word_classes`]). `keep_start` says whether a sentence-initial ordinary
/// word or a blocked word is kept anyway (it starts a known name).
#[cfg(test)]
pub(crate) fn segments(
    text: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    lx: &Lexicon,
    classes: &[WordClass],
    keep_start: impl Fn(usize) -> bool,
) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut seg = Segment { toks: Vec::new(), joins: Vec::new() };
    let ctx = SegmentCtx { text, tokens, lx, classes };
    for_each_segment(&ctx, range, keep_start, &mut seg, |s| out.push(s.clone()));
    out
}

/// What [`for_each_segment`] reads: the text, its tokens and their classes.
pub(crate) struct SegmentCtx<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub lx: &'a Lexicon,
    pub classes: &'a [WordClass],
}

/// Calls `found` with each segment among `tokens[range]`, as [`segments`] lists them. The
/// segment is built in `seg`, a buffer the caller keeps: most sentences have several
/// segments, and two vectors for each cost more than labelling most of them.
pub(crate) fn for_each_segment(
    cx: &SegmentCtx<'_>,
    range: std::ops::Range<usize>,
    keep_start: impl Fn(usize) -> bool,
    seg: &mut Segment,
    mut found: impl FnMut(&Segment),
) {
    let SegmentCtx { text, tokens, lx, classes } = *cx;
    let usable = |i: usize| -> bool {
        let c = classes[i];
        if !c.has(WordClass::NAME) || (c.has(WordClass::BLOCKED) && !keep_start(i)) {
            return false;
        }
        if c.has(WordClass::ORDINARY_START) && !keep_start(i) {
            // An ordinary word that starts the sentence; titles are kept for the title rule.
            return c.has(WordClass::TITLE);
        }
        true
    };
    let mut i = range.start;
    while i < range.end {
        if !usable(i) {
            i += 1;
            continue;
        }
        seg.toks.clear();
        seg.joins.clear();
        seg.toks.push(i);
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
            // A middle initial written without its dot after a given name: "Ann W Vale".
            if j + 2 < range.end && usable(j + 2) {
                let (mid, last) = (&tokens[j + 1], &tokens[j + 2]);
                if mid.kind == Kind::Word
                    && mid.end - mid.start == 1
                    && text.as_bytes()[mid.start].is_ascii_uppercase()
                    && text.as_bytes()[mid.start] != b'I'
                    && mid.start == cur.end + 1
                    && last.start == mid.end + 1
                    && text.as_bytes()[cur.end] == b' '
                    && text.as_bytes()[mid.end] == b' '
                    && lx.given.contains(word(j))
                {
                    seg.toks.push(j + 1);
                    seg.joins.push(Join::Space);
                    seg.toks.push(j + 2);
                    seg.joins.push(Join::Space);
                    j += 2;
                    continue;
                }
            }
            // A given name in two syllables joined by a hyphen, the second in lower case:
            // "Ban Ki-moon", "Chen Shui-bian". Only after another word of the name, and
            // not a compound such as "Beijing-based" or "Obama-era".
            if j > i && j + 2 < range.end {
                let (h, low) = (&tokens[j + 1], &tokens[j + 2]);
                let w = word(j + 2);
                if word(j + 1) == "-"
                    && h.start == cur.end
                    && low.start == h.end
                    && low.kind == Kind::Word
                    && !low.cap
                    && cur.end - cur.start <= 5
                    && (1..=6).contains(&w.len())
                    && w.bytes().all(|b| b.is_ascii_lowercase())
                    && !w.ends_with("ed")
                    && !COMPOUND_SUFFIXES.contains(&w)
                    && tokens.get(j + 3).is_none_or(|t| t.start != low.end || word(j + 3) != "-")
                {
                    seg.toks.push(j + 2);
                    seg.joins.push(Join::Hyphen);
                    j += 2;
                    break;
                }
            }
            // "of the" ("Council of the European Union") or two particles ("van der").
            if j + 3 < range.end
                && ((word(j + 1) == "of" && word(j + 2) == "the")
                    || (lx.particles.contains(word(j + 1)) && lx.particles.contains(word(j + 2))))
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
                    if nt == "."
                        && adjacent
                        && (lx.titles.contains(&text[cur.start..cur.end])
                            || PLACE_ABBREVIATIONS.contains(&&text[cur.start..cur.end])) =>
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
        // A Roman numeral of one letter after a head word that takes a number: "World War
        // I", "Title X". Longer numerals ("II") are name words already. "I" before a
        // word other than a conjunction or preposition is the pronoun ("when the War I
        // saw ended").
        if let Some(num) = tokens.get(j + 1).filter(|_| j + 1 < range.end) {
            let last = &text[tokens[j].start..tokens[j].end];
            let n = &text[num.start..num.end];
            let next_word = tokens.get(j + 2).is_some_and(|t| {
                let w = &text[t.start..t.end];
                t.is_wordlike() && !matches!(w, "and" | "or" | "in" | "of" | "to" | "as")
            });
            if matches!(n, "I" | "V" | "X")
                && num.start == tokens[j].end + 1
                && (lx.event_heads.contains(last) || lx.numbered.contains_key(last))
                && !(n == "I" && next_word)
            {
                seg.toks.push(j + 1);
                seg.joins.push(Join::Space);
                j += 1;
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
            found(seg);
        }
        i = j + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::builtin;
    use super::super::tokens::tokenize;
    use super::*;

    fn classes(text: &str, toks: &[Token]) -> Vec<WordClass> {
        let claimed = vec![false; toks.len()];
        let mut classes = vec![WordClass::default(); toks.len()];
        word_classes(text, toks, 0..toks.len(), builtin(), &claimed, &mut classes);
        classes
    }

    fn segs(text: &str) -> Vec<String> {
        let toks = tokenize(text, 0);
        let classes = classes(text, &toks);
        segments(text, &toks, 0..toks.len(), builtin(), &classes, |_| false)
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
        let classes = classes(text, &toks);
        let s = &segments(text, &toks, 0..toks.len(), builtin(), &classes, |_| false)[0];
        let parts = s.split(|j| j == Join::Hyphen);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1].toks.len(), 2);
    }
}

//! The sentence-level rules of a [`Document`]: whether a sentence is in capitals or a
//! headline, datelines (`gpe/dateline`), quoted titles of documents (`law/quoted-title`),
//! names with awkward shapes, and the names of sentences in capitals (`gazetteer/capitals`,
//! ignoring case). None of them sees the memory of the first pass except `capitals`.

use std::ops::Range;

use super::classify::Memory;
use super::document::Document;
use super::tokens::{Kind, Token};
use super::Mention;
use crate::extract::{Label, RuleId};

/// Words before a quotation that make it the title of a document.
const TITLE_CUES: &[&str] = &[
    "adopted",
    "called",
    "dubbed",
    "entitled",
    "issued",
    "named",
    "published",
    "released",
    "signed",
    "so-called",
    "titled",
    "unveiled",
];

impl Document<'_> {
    /// True when the sentence is written in capitals (a headline or a dateline).
    pub(super) fn shouting(&self, r: Range<usize>) -> bool {
        let (mut up, mut low) = (0, 0);
        // Counted without branches: whether a word is in capitals is not predictable.
        for t in &self.tokens[r] {
            let word = t.kind == Kind::Word && t.letters;
            up += usize::from(word && t.upper);
            low += usize::from(word && !t.upper);
        }
        up > 0 && up >= 4 * low
    }

    /// True for a title in title case ("The China-US Cyber Spying Deal: Where Are We Now?")
    /// on a line of its own.
    pub(super) fn headline(&self, r: Range<usize>) -> bool {
        let (mut cap, mut low) = (0, 0);
        let (s, e) = (self.tokens[r.start].start, self.tokens[r.end - 1].end);
        let line_start = self.text[..s].chars().next_back().is_none_or(|c| c == '\n');
        let line_end = self.text[e..].chars().next().is_none_or(|c| c == '\n' || c == '\r');
        if !line_start || !line_end {
            return false;
        }
        for t in &self.tokens[r] {
            if t.kind == Kind::Word
                && t.start < e
                && self.text[t.start..t.end].starts_with(|c: char| c.is_ascii_digit())
            {
                return false;
            }
            if t.kind == Kind::Word && t.letters {
                if t.cap {
                    cap += 1;
                } else if !self.gaz.lexicon.connectors.contains(&self.text[t.start..t.end])
                    && !matches!(
                        &self.text[t.start..t.end],
                        "a" | "an" | "the" | "to" | "in" | "at" | "with"
                    )
                {
                    low += 1;
                }
            }
        }
        cap >= 4 && low == 0
    }

    /// Gazetteer names that the segment rules cannot rebuild ("People's Liberation Army",
    /// "al-Qaeda", "Washington, D.C."): taken as they are.
    pub(super) fn awkward_names(
        &self,
        r: Range<usize>,
        claimed: &mut [bool],
        out: &mut Vec<Mention>,
    ) {
        let mut i = r.start;
        while i < r.end {
            let t = &self.tokens[i];
            if let Some((end, entry)) = self.gaz_at.get(i) {
                let j = i + self.tokens[i..r.end].partition_point(|x| x.end <= end);
                let odd = self.tokens[i..j].iter().any(|x| {
                    let w = &self.text[x.start..x.end];
                    let fine = (x.is_wordlike() && x.cap)
                        || matches!(w, "-" | "." | "&")
                        || self.gaz.lexicon.connectors.contains(w);
                    !fine
                });
                if odd && !claimed[i..j].iter().any(|&c| c) {
                    let en = self.gaz.entry(entry);
                    let mut m = Mention::new(
                        t.start,
                        end,
                        en.label,
                        en.canonical.clone(),
                        RuleId::Borrowed("gazetteer/curated"),
                        en.country.clone(),
                    );
                    m.source = en.source;
                    out.push(m);
                    claimed[i..j].iter_mut().for_each(|c| *c = true);
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Names in text written in capitals: the longest run of words that the document's
    /// memory or the gazetteer knows, ignoring case.
    pub(super) fn capitals(
        &self,
        r: Range<usize>,
        claimed: &[bool],
        memory: Option<&Memory<'_>>,
        out: &mut Vec<Mention>,
    ) {
        let mut i = r.start;
        while i < r.end {
            if claimed[i] || !self.tokens[i].is_wordlike() || !self.tokens[i].cap {
                i += 1;
                continue;
            }
            let mut hit = None;
            let max = (i + 6).min(r.end);
            for j in (i + 1..=max).rev() {
                if (i..j).any(|k| {
                    claimed[k]
                        || self.tokens[k].kind == Kind::Punct
                            && !matches!(
                                &self.text[self.tokens[k].start..self.tokens[k].end],
                                "-" | "&" | "."
                            )
                }) {
                    continue;
                }
                let (s, e) = (self.tokens[i].start, self.tokens[j - 1].end);
                let key = self.text[s..e].to_lowercase();
                if let Some(rem) = memory.and_then(|m| m.folded.get(&key)) {
                    hit = Some((
                        j,
                        Mention::new(
                            s,
                            e,
                            rem.label,
                            rem.canonical.to_string(),
                            rem.rule.clone(),
                            rem.country.map(str::to_string),
                        ),
                    ));
                    break;
                }
                if let Some(entry) = self.gaz.lookup_folded(&key) {
                    let en = self.gaz.entry(entry);
                    if en.label != Label::Person || j - i > 1 {
                        let mut m = Mention::new(
                            s,
                            e,
                            en.label,
                            en.canonical.clone(),
                            RuleId::Borrowed("gazetteer/capitals"),
                            en.country.clone(),
                        );
                        m.source = en.source;
                        hit = Some((j, m));
                        break;
                    }
                }
            }
            match hit {
                Some((j, m)) => {
                    out.push(m);
                    i = j;
                }
                None => i += 1,
            }
        }
    }

    /// "WASHINGTON --", "PARIS 2024-03-02": a place in capitals that opens a sentence.
    pub(super) fn dateline(&self, r: Range<usize>, claimed: &mut [bool], out: &mut Vec<Mention>) {
        let toks = &self.tokens[r.clone()];
        let Some(k) = toks.iter().position(|t| !t.upper || !t.is_wordlike()) else { return };
        if k == 0 || k > 3 || claimed[r.start..r.start + k].iter().any(|&c| c) {
            return;
        }
        // A date ("2024-03-02", "Mar 2") or a dash follows, maybe after ", State".
        let is_date = |t: &Token| {
            let w = &self.text[t.start..t.end];
            w.bytes().take_while(u8::is_ascii_digit).count() == 4
                || matches!(
                    w,
                    "Jan"
                        | "Feb"
                        | "Mar"
                        | "Apr"
                        | "May"
                        | "Jun"
                        | "Jul"
                        | "Aug"
                        | "Sep"
                        | "Sept"
                        | "Oct"
                        | "Nov"
                        | "Dec"
                )
        };
        let next = &self.text[toks[k].start..toks[k].end];
        let dated = matches!(next, "-" | "—" | "–")
            || is_date(&toks[k])
            || (next == "," && toks[k + 1..].iter().take(4).any(is_date));
        if !dated {
            return;
        }
        let (s, e) = (toks[0].start, toks[k - 1].end);
        let rule = RuleId::Borrowed("gpe/dateline");
        let m = match self.gaz.lookup_folded(&self.text[s..e]).map(|i| self.gaz.entry(i)) {
            Some(en) if matches!(en.label, Label::Gpe | Label::Loc) => {
                let mut m =
                    Mention::new(s, e, en.label, en.canonical.clone(), rule, en.country.clone());
                m.source = en.source;
                m
            }
            Some(_) => return,
            // An unknown word needs a date after it ("SPRINGFIELD, Ill. 2024-03-02"); before
            // a dash it is as likely a headline's topic ("UPDATE - ...").
            None if matches!(next, "-" | "—" | "–") => return,
            None => Mention::new(s, e, Label::Gpe, self.text[s..e].to_string(), rule, None),
        };
        out.push(m);
        claimed[r.start..r.start + k].iter_mut().for_each(|c| *c = true);
    }

    /// A quotation after "titled", "issued a new" ... that starts with a capital letter.
    pub(super) fn quoted_titles(
        &self,
        r: Range<usize>,
        claimed: &mut [bool],
        out: &mut Vec<Mention>,
    ) {
        let toks = &self.tokens;
        let mut i = r.start;
        while i < r.end {
            // Quotation marks are always punctuation tokens: words are skipped at once.
            if toks[i].kind != Kind::Punct
                || !matches!(&self.text[toks[i].start..toks[i].end], "“" | "\"")
                || i + 1 >= r.end
                || !toks[i + 1].cap
            {
                i += 1;
                continue;
            }
            let cue = (i.saturating_sub(4).max(r.start)..i).any(|k| {
                let w = &self.text[toks[k].start..toks[k].end];
                TITLE_CUES.contains(&w) || (w == "called" && k + 1 == i)
            }) || (i >= 2
                && &self.text[toks[i - 2].start..toks[i - 1].end] == "so-called");
            let Some(close) = (i + 1..r.end.min(i + 16))
                .find(|&k| matches!(&self.text[toks[k].start..toks[k].end], "”" | "\""))
            else {
                i += 1;
                continue;
            };
            let mut last = close - 1;
            while last > i && toks[last].kind == Kind::Punct {
                last -= 1;
            }
            let law_head =
                self.gaz.lexicon.law_heads.contains(&self.text[toks[last].start..toks[last].end]);
            if (cue || law_head) && last > i {
                let (s, e) = (toks[i + 1].start, toks[last].end);
                out.push(Mention::new(
                    s,
                    e,
                    Label::Law,
                    self.text[s..e].to_string(),
                    RuleId::Borrowed("law/quoted-title"),
                    None,
                ));
                for c in claimed.iter_mut().take(last + 1).skip(i + 1) {
                    *c = true;
                }
            }
            i = close + 1;
        }
    }
}

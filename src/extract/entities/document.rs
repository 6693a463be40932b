//! One document's analysis: two passes over its sentences. The first finds names with the
//! rules; what it found is remembered (full person names and their last names, acronyms the
//! text defines, every confident name); the second pass labels again with that memory, so
//! that "Obama" after "Barack Obama" and "BIS" after "Bureau of Industry and Security (BIS)"
//! are resolved, and so are names in headlines written in capitals.
//!
//! The sentence-level rules (datelines, quoted titles, text in capitals) are in
//! `sentence_rules.rs`.

use std::cell::{Cell, RefCell};
use std::ops::Range;

use super::classify::{Ctx, GazIndex, Memory, Remembered};
use super::gazetteer::Gazetteer;
use super::segments::{for_each_segment, word_classes, Segment, SegmentCtx, WordClass};
use super::tokens::{tokenize_into, Kind, Token};
use super::Mention;
use crate::extract::{Label, RuleId};

/// The two largest buffers of a document, by token: the tokens and the gazetteer index.
type Buffers = (Vec<Token>, Vec<Option<(usize, usize)>>);

/// Buffers above this many tokens are not kept for the next document.
const MAX_SPARE_TOKENS: usize = 1 << 20;

thread_local! {
    /// The buffers of this thread's previous document, reused by the next one: allocating
    /// them anew and touching fresh memory for every document cost more than filling them.
    static SPARE: Cell<Buffers> = const { Cell::new((Vec::new(), Vec::new())) };
}

/// The state of one document.
pub(crate) struct Document<'a> {
    pub(super) text: &'a str,
    pub(super) gaz: &'a Gazetteer,
    pub(super) tokens: Vec<Token>,
    /// Token ranges of the sentences.
    sentences: Vec<Range<usize>>,
    pub(super) gaz_at: GazIndex,
}

impl Drop for Document<'_> {
    /// Gives the buffers back for the next document of the thread.
    fn drop(&mut self) {
        if self.tokens.capacity() <= MAX_SPARE_TOKENS {
            let buffers = (std::mem::take(&mut self.tokens), std::mem::take(&mut self.gaz_at.0));
            // The thread may be ending, its spare already gone: then the buffers are freed.
            let _ = SPARE.try_with(|spare| spare.set(buffers));
        }
    }
}

/// What a pass found, and what its rules asked of the memory.
struct PassResult {
    /// The fixed mentions, then those of each sentence in turn (in a second pass, those
    /// not copied from the first).
    mentions: Vec<Mention>,
    /// For each sentence, the end of its mentions (first pass only).
    ends: Vec<usize>,
    /// The byte spans the rules looked up in the memory, sentence after sentence (first
    /// pass only).
    asked: Vec<(usize, usize)>,
    /// For each sentence, the end of its spans in `asked` (first pass only).
    asked_ends: Vec<usize>,
    /// Mentions of the first pass that a second pass keeps: (place in `mentions`, range in
    /// the first pass's mentions), in order.
    copies: Vec<(usize, Range<usize>)>,
}

impl PassResult {
    /// True when `memory` knows one of the spans that sentence `k` asked about.
    fn memory_answers(&self, k: usize, memory: &Memory<'_>, text: &str) -> bool {
        let start = k.checked_sub(1).map_or(0, |p| self.asked_ends[p]);
        self.asked[start..self.asked_ends[k]]
            .iter()
            .any(|&(s, e)| memory.exact.contains_key(&text[s..e]))
    }

    /// The mentions of a second pass, with those it keeps moved in from `first`, the
    /// mentions of the first pass: the same list as copying them, without copying strings.
    fn assemble(self, first: Vec<Mention>) -> Vec<Mention> {
        let mut out = Vec::with_capacity(self.mentions.len() + first.len());
        let mut own = self.mentions.into_iter();
        let mut placed = 0;
        let mut from = first.into_iter();
        let mut read = 0;
        for (at, range) in self.copies {
            out.extend(own.by_ref().take(at - placed));
            placed = at;
            // The mentions of the sentences labelled again are dropped.
            from.by_ref().take(range.start - read).for_each(drop);
            out.extend(from.by_ref().take(range.len()));
            read = range.end;
        }
        out.extend(own);
        out
    }
}

/// What the sentence-level rules found: the same in both passes.
struct SentenceRules {
    /// Their mentions, sentence after sentence, in the order they were made.
    found: Vec<Mention>,
    /// For each sentence, the end of its mentions in `found`.
    ends: Vec<usize>,
    /// Tokens taken by the fixed mentions and by these rules.
    claimed: Vec<bool>,
    /// For each sentence, whether it is in capitals or a title line (names are then looked
    /// up ignoring case).
    capitals: Vec<bool>,
    /// The class of every token of the sentences not in capitals.
    classes: Vec<WordClass>,
}

impl<'a> Document<'a> {
    /// Tokenizes `text` and runs the gazetteer over it.
    pub fn new(text: &'a str, sentences: &[Range<usize>], gaz: &'a Gazetteer) -> Document<'a> {
        let (mut tokens, mut gaz_at) = SPARE.take();
        tokenize_into(text, 0, &mut tokens);
        let mut ranges = Vec::with_capacity(sentences.len());
        let mut i = 0;
        let mut prev_end = 0;
        for r in sentences {
            let (s, e) = (r.start.max(prev_end), r.end.min(text.len()));
            if e <= s {
                continue;
            }
            prev_end = e;
            while i < tokens.len() && tokens[i].start < s {
                i += 1;
            }
            let a = i;
            while i < tokens.len() && tokens[i].end <= e {
                i += 1;
            }
            if i > a {
                ranges.push(a..i);
            }
        }
        if sentences.is_empty() && !tokens.is_empty() {
            ranges.push(0..tokens.len());
        }
        let ranges = merge_after_initialism(text, &tokens, ranges, gaz);
        // Matches come in order, so one walk over the tokens places them.
        gaz_at.clear();
        gaz_at.resize(tokens.len(), None);
        let mut gaz_at = GazIndex(gaz_at);
        let mut i = 0;
        for m in gaz.find(text) {
            while i < tokens.len() && tokens[i].start < m.start {
                i += 1;
            }
            if i == tokens.len() {
                break;
            }
            if tokens[i].start != m.start {
                continue;
            }
            let j = i + tokens[i..].partition_point(|t| t.end < m.end);
            if tokens.get(j).is_some_and(|t| t.end == m.end) {
                gaz_at.0[i] = Some((m.end, m.entry));
            }
        }
        Document { text, gaz, tokens, sentences: ranges, gaz_at }
    }

    /// Runs both passes and returns the mentions, ordered and not overlapping.
    pub fn extract(&self, fixed: &[Mention]) -> Vec<Mention> {
        let rules = self.sentence_rules(fixed);
        let first = self.pass(fixed, &rules, None);
        let memory = self.remember(&first.mentions, rules.capitals.contains(&true));
        let second = self.pass(fixed, &rules, Some((&memory, &first)));
        drop(memory);
        let mut out = second.assemble(first.mentions);
        resolve_overlaps(&mut out);
        super::discourse::capitalised_words(
            self.text,
            &self.tokens,
            &self.sentences,
            self.gaz,
            &mut out,
        );
        out
    }

    fn ctx<'b>(
        &'b self,
        memory: Option<&'b Memory<'b>>,
        asked: Option<&'b RefCell<Vec<(usize, usize)>>>,
    ) -> Ctx<'b> {
        Ctx {
            text: self.text,
            tokens: &self.tokens,
            gaz: self.gaz,
            gaz_at: &self.gaz_at,
            memory,
            asked,
        }
    }

    /// Runs the sentence-level rules (datelines, quoted titles, awkward names) and tells the
    /// sentences in capitals. None of them sees the memory or the names of the other rules,
    /// so both passes share what they find.
    fn sentence_rules(&self, fixed: &[Mention]) -> SentenceRules {
        let mut claimed = vec![false; self.tokens.len()];
        for m in fixed {
            self.claim(&mut claimed, m.start, m.end);
        }
        let mut found = Vec::new();
        let mut ends = Vec::with_capacity(self.sentences.len());
        let mut capitals = Vec::with_capacity(self.sentences.len());
        for r in &self.sentences {
            self.dateline(r.clone(), &mut claimed, &mut found);
            self.quoted_titles(r.clone(), &mut claimed, &mut found);
            self.awkward_names(r.clone(), &mut claimed, &mut found);
            ends.push(found.len());
            let title_line = r.start == 0 && self.headline(r.clone());
            capitals.push(self.shouting(r.clone()) || title_line);
        }
        let mut classes = vec![WordClass::default(); self.tokens.len()];
        for (r, &caps) in self.sentences.iter().zip(&capitals) {
            if !caps {
                let lx = &self.gaz.lexicon;
                word_classes(self.text, &self.tokens, r.clone(), lx, &claimed, &mut classes);
            }
        }
        SentenceRules { found, ends, claimed, capitals, classes }
    }

    /// One pass over the sentences. The first pass (no `second`)
    /// notes what its rules asked of the memory; the second, given the memory and the first
    /// pass, labels again only the sentences where the memory answers one of those
    /// questions (or in capitals, where it is asked for other names), and copies the
    /// mentions of the others: the rules are deterministic, so with the same answers they
    /// find the same names. The copies are only noted, to be moved in by
    /// [`PassResult::assemble`] once the memory, which borrows the first pass, is gone.
    fn pass(
        &self,
        fixed: &[Mention],
        rules: &SentenceRules,
        second: Option<(&Memory<'_>, &PassResult)>,
    ) -> PassResult {
        let memory = second.map(|(m, _)| m);
        let asked = RefCell::new(Vec::new());
        let ctx = self.ctx(memory, second.is_none().then_some(&asked));
        let mut copies = Vec::new();
        let mut out: Vec<Mention> = match second {
            Some(_) => {
                copies.push((0, 0..fixed.len()));
                Vec::new()
            }
            None => fixed.to_vec(),
        };
        let mut ends = Vec::with_capacity(self.sentences.len());
        let mut asked_ends = Vec::with_capacity(self.sentences.len());
        let claimed = &rules.claimed;
        let cx = SegmentCtx {
            text: self.text,
            tokens: &self.tokens,
            lx: &self.gaz.lexicon,
            classes: &rules.classes,
        };
        let mut seg = Segment { toks: Vec::new(), joins: Vec::new() };
        let mut done = 0;
        for (k, r) in self.sentences.iter().enumerate() {
            if let Some((memory, first)) = second {
                if !rules.capitals[k] && !first.memory_answers(k, memory, self.text) {
                    let start = k.checked_sub(1).map_or(fixed.len(), |p| first.ends[p]);
                    match copies.last_mut() {
                        Some((at, range)) if *at == out.len() && range.end == start => {
                            range.end = first.ends[k];
                        }
                        _ => copies.push((out.len(), start..first.ends[k])),
                    }
                    done = rules.ends[k];
                    ends.push(out.len());
                    asked_ends.push(asked.borrow().len());
                    continue;
                }
            }
            out.extend_from_slice(&rules.found[done..rules.ends[k]]);
            done = rules.ends[k];
            if rules.capitals[k] {
                self.capitals(r.clone(), claimed, memory, &mut out);
            } else {
                let keep_start = |i: usize| {
                    if self.gaz_at.contains(i) {
                        return true;
                    }
                    let t = &self.tokens[i];
                    if let Some(asked) = ctx.asked {
                        asked.borrow_mut().push((t.start, t.end));
                    }
                    memory.is_some_and(|m| m.exact.contains_key(&self.text[t.start..t.end]))
                };
                for_each_segment(&cx, r.clone(), keep_start, &mut seg, |seg| {
                    ctx.classify(seg, &mut out)
                });
            }
            ends.push(out.len());
            asked_ends.push(asked.borrow().len());
        }
        PassResult { mentions: out, ends, asked: asked.into_inner(), asked_ends, copies }
    }

    fn claim(&self, claimed: &mut [bool], s: usize, e: usize) {
        let i = self.tokens.partition_point(|t| t.end <= s);
        for (k, t) in self.tokens[i..].iter().enumerate() {
            if t.start >= e {
                break;
            }
            claimed[i + k] = true;
        }
    }

    /// Builds the memory of a first pass; the lower-cased names only when `capitals` (the
    /// document has text in capitals).
    fn remember<'m>(&'m self, found: &'m [Mention], capitals: bool) -> Memory<'m> {
        let mut mem = Memory::default();
        let lx = &self.gaz.lexicon;
        let mut put = |surface: &'m str, r: Remembered<'m>, strong: bool| {
            if strong {
                if capitals {
                    mem.folded.insert(surface.to_lowercase(), r.clone());
                }
                mem.exact.insert(surface, r);
            } else {
                if capitals {
                    mem.folded.entry(surface.to_lowercase()).or_insert_with(|| r.clone());
                }
                mem.exact.entry(surface).or_insert(r);
            }
        };
        // True when a full person's name of the document opens with `word` (asked only
        // for a company whose first word is a given name, which is rare).
        let opens_a_person = |word: &str| {
            found.iter().any(|p| {
                p.label == Label::Person
                    && self.text[p.start..p.end]
                        .strip_prefix(word)
                        .is_some_and(|rest| rest.starts_with(' '))
            })
        };
        // Whether an ordinary word may be a firm's short name in this document, by word.
        let mut ordinary_names: std::collections::HashMap<&str, bool> = Default::default();
        for m in found {
            if m.rule.starts_with("guess/") {
                continue;
            }
            let surface = &self.text[m.start..m.end];
            let rem = |rule: RuleId| Remembered {
                label: m.label,
                canonical: &m.canonical,
                country: m.country.as_deref(),
                rule,
            };
            put(surface, rem(m.rule.clone()), false);
            if m.label == Label::Person {
                let words: Vec<&str> = surface.split_whitespace().collect();
                if words.len() >= 2 {
                    let last = words[words.len() - 1];
                    put(last, rem(RuleId::Borrowed("person/short-name")), true);
                    // The first word alone is the person too when it is a given name, or
                    // when it is no word, place or name of its own: "Sadiq" for "Sadiq
                    // Hamdan", a family name first ("Feng" for "Feng Tao").
                    let first = words[0];
                    if lx.given.contains(first)
                        || (words.len() == 2
                            && first.len() > 2
                            && first.chars().any(char::is_lowercase)
                            && !lx.is_common(first)
                            && !lx.titles.contains(first)
                            && self.gaz.lookup_folded(first).is_none())
                    {
                        put(first, rem(RuleId::Borrowed("person/short-name")), false);
                    }
                }
            }
            // A company is later called by its name without the legal form, or by its
            // first word: "Hartwell Lynch & Co." -> "Hartwell Lynch", "Hartwell"; an
            // organisation of two words by the first, when the second is the head word of
            // a firm or an institution, not of a public body: "Orrin Industries" ->
            // "Orrin".
            if m.label == Label::Org {
                let (base, full) = match company_base(surface, lx) {
                    Some(base) => (Some(base), base),
                    None => (None, surface.strip_prefix("the ").unwrap_or(surface)),
                };
                if let Some(base) = base {
                    put(base, rem(RuleId::Borrowed("org/short-name")), true);
                }
                let (first, rest) = full.split_once([' ', ',']).unwrap_or((full, ""));
                let headed = base.is_some()
                    || (!rest.contains(' ')
                        && lx.org_heads.contains(rest)
                        && !lx.public_heads.contains(rest));
                // A given name is the company's only where no person of the document
                // starts with it ("Wendell Tools Inc." ... "a Wendell salesman").
                // An ordinary word ("Summit") only for a firm with its legal form, and where
                // the document never writes it in lower case: neither "the Security
                // Council" nor "Federal Union" makes its first word a name.
                let mut usable = |first: &'m str| {
                    !lx.is_common(first)
                        || (base.is_some()
                            && *ordinary_names.entry(first).or_insert_with(|| {
                                short_name_word(first, lx)
                                    && !super::discourse::in_lower_case(self.text, first)
                            }))
                };
                if headed
                    && !rest.is_empty()
                    && first.len() > 2
                    && first.starts_with(char::is_uppercase)
                    && (!lx.given.contains(first) || !opens_a_person(first))
                    && self.gaz.lookup_folded(first).is_none()
                    && usable(first)
                {
                    put(first, rem(RuleId::Borrowed("org/short-name")), false);
                }
            }
            // An acronym defined in brackets: "Bureau of Industry and Security (BIS)".
            let rest = &self.text[m.end..];
            let rest = rest.trim_start();
            if let Some(inner) = rest.strip_prefix('(') {
                let len: usize =
                    inner.chars().take_while(|c| *c != ')').take(12).map(char::len_utf8).sum();
                let acr = &inner[..len];
                if inner[len..].starts_with(')') && is_acronym_of(acr, surface) {
                    let rule = match m.label {
                        Label::Org => "org/acronym",
                        Label::Law => "law/acronym",
                        Label::Gpe => "gpe/acronym",
                        _ => "name/acronym",
                    };
                    put(acr, rem(RuleId::Borrowed(rule)), true);
                }
            }
        }
        mem
    }
}

/// Joins a sentence to the next when the break fell after an initialism inside a name:
/// "the Sino-U.S. | Senior Experts Group convened".
fn merge_after_initialism(
    text: &str,
    tokens: &[Token],
    ranges: Vec<Range<usize>>,
    gaz: &Gazetteer,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        if let Some(prev) = out.last_mut() {
            let last = &tokens[prev.end - 1];
            let first = &tokens[r.start];
            let next = tokens.get(r.start + 1).filter(|_| r.start + 1 < r.end);
            let w = &text[first.start..first.end];
            let joined = last.kind == Kind::Initials
                && last.end - last.start >= 4
                && prev.end == r.start
                && !text[last.end..first.start].contains('\n')
                && first.cap
                && first.is_wordlike()
                && (gaz.lexicon.org_heads.contains(w)
                    || next.is_some_and(|n| n.cap && n.is_wordlike() && !n.upper));
            if joined {
                prev.end = r.end;
                continue;
            }
        }
        out.push(r);
    }
    out
}

/// True when `word`, an ordinary word that opens a firm's name, can name the firm alone:
/// a noun that does not open sentences or titles on its own ("Summit"; not "First",
/// "General", "Prime", "New", nor an adjective by its ending: "Federal", "Pacific",
/// "Native").
fn short_name_word(word: &str, lx: &super::lexicon::Lexicon) -> bool {
    const ORDINALS: &[&str] =
        &["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth"];
    !super::lexicon::Lexicon::has_adjective_ending(word)
        && !lx.function_words.contains(word)
        && !lx.is_title_word(word)
        && !lx.blocked.contains(word)
        && !ORDINALS.contains(&word)
        && !matches!(word, "New" | "North" | "South" | "East" | "West" | "Great" | "National")
}

/// The name of a company without its legal form ("Hartwell Lynch & Co." -> "Hartwell
/// Lynch"), when it ends in one and something is left.
fn company_base<'t>(surface: &'t str, lx: &super::lexicon::Lexicon) -> Option<&'t str> {
    let trimmed = surface.trim_end_matches('.');
    let (rest, last) = trimmed.rsplit_once(' ')?;
    if !lx.company_suffixes.contains(last) {
        return None;
    }
    let rest = rest.trim_end_matches([',', ' ']);
    let rest = rest.strip_suffix(" &").unwrap_or(rest).trim_end_matches([',', ' ']);
    (rest.len() > 2 && rest.starts_with(char::is_uppercase)).then_some(rest)
}

/// True when `acr` (2-10 capitals) spells the initials of the capitalised words of `name`.
pub(crate) fn is_acronym_of(acr: &str, name: &str) -> bool {
    let acr_letters: String = acr.chars().filter(|c| c.is_alphabetic()).collect();
    if !(2..=10).contains(&acr_letters.len()) || !acr_letters.chars().all(char::is_uppercase) {
        return false;
    }
    let initials: String = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    initials == acr_letters
}

/// Sorts mentions and drops any that overlaps an earlier kept one (the longer, then the
/// earlier found wins).
pub(crate) fn resolve_overlaps(ms: &mut Vec<Mention>) {
    // Most lists have no overlap at all: then every mention is kept, and the answer is the
    // list sorted by start, without the map below.
    let mut spans: Vec<(usize, usize)> = ms.iter().map(|m| (m.start, m.end)).collect();
    spans.sort_unstable();
    if spans.iter().all(|&(s, e)| s < e) && spans.windows(2).all(|w| w[0].1 <= w[1].0) {
        ms.sort_by_key(|m| m.start);
        return;
    }
    let mut order: Vec<usize> = (0..ms.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(ms[i].end - ms[i].start), i));
    // Kept spans, disjoint, by start: start -> (end, index). A map, not a sorted vector:
    // inserting into the middle of a vector made this quadratic in the mentions of a
    // document (most of the time on a 10 MB text).
    let mut taken: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
    for i in order {
        let (s, e) = (ms[i].start, ms[i].end);
        if e <= s {
            continue;
        }
        let clash_next = taken.range(s..).next().is_some_and(|(&start, _)| start < e);
        let clash_prev = taken.range(..s).next_back().is_some_and(|(_, &(end, _))| end > s);
        if !clash_next && !clash_prev {
            taken.insert(s, (e, i));
        }
    }
    let mut slots: Vec<Option<Mention>> = std::mem::take(ms).into_iter().map(Some).collect();
    *ms = taken.values().filter_map(|&(_, i)| slots[i].take()).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms() {
        assert!(is_acronym_of("BIS", "Bureau of Industry and Security"));
        assert!(is_acronym_of("PLA", "People's Liberation Army"));
        assert!(!is_acronym_of("BIS", "Bureau of Security"));
        assert!(!is_acronym_of("a", "Army"));
    }

    #[test]
    fn overlaps_keep_the_longer() {
        let m = |s, e| Mention::new(s, e, Label::Org, String::new(), RuleId::Borrowed("x"), None);
        let mut v = vec![m(0, 4), m(2, 10), m(12, 14), m(12, 14)];
        resolve_overlaps(&mut v);
        let spans: Vec<_> = v.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(spans, [(2, 10), (12, 14)]);
        let mut v = vec![m(12, 14), m(0, 4), m(4, 10), m(20, 20)];
        resolve_overlaps(&mut v);
        let spans: Vec<_> = v.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(spans, [(0, 4), (4, 10), (12, 14)]);
        let mut v = vec![m(12, 14), m(0, 4), m(4, 10)];
        resolve_overlaps(&mut v);
        let spans: Vec<_> = v.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(spans, [(0, 4), (4, 10), (12, 14)]);
    }
}

//! Rules over a whole document's names, after both passes:
//! - one sense per document: an unknown name that context shows to be a place or a person
//!   ("in Korvath", "Odell said") is that wherever it stands with no such cue, instead of
//!   the default guess of an organisation (`guess/same-name`);
//! - a word in mixed case that only a guess labelled, named once in the document, is
//!   dropped (most such words are products, places or people);
//! - a name inside the name of a market index is no organisation of its own ("the Vantor
//!   Composite Index", "the XYZ 300");
//! - an ordinary word written with a capital inside sentences, twice or more, and never in
//!   lower case in the document, is the name of something, an organisation unless a rule
//!   said otherwise ("a Sentinel reporter ... the Sentinel said", `org/capitalised`).

use std::collections::HashMap;
use std::ops::Range;

use super::gazetteer::Gazetteer;
use super::tokens::{Kind, Token};
use super::Mention;
use crate::extract::{Label, RuleId};

/// Adds the ordinary words that the document writes as names (see the module docs) to
/// `ms`, the mentions found so far, sorted and without overlaps; it stays so.
/// `sentences` are token ranges.
pub(crate) fn capitalised_words(
    text: &str,
    tokens: &[Token],
    sentences: &[Range<usize>],
    gaz: &Gazetteer,
    ms: &mut Vec<Mention>,
) {
    let lx = &gaz.lexicon;
    let word = |t: &Token| &text[t.start..t.end];
    let mut found: Vec<(&str, Range<usize>)> = Vec::new();
    for r in sentences {
        for i in r.start + 1..r.end {
            let t = &tokens[i];
            if t.kind != Kind::Word || !t.cap || t.upper || t.end - t.start < 3 {
                continue;
            }
            let w = word(t);
            let mut bytes = w.bytes();
            if !bytes.next().is_some_and(|b| b.is_ascii_uppercase())
                || !bytes.all(|b| b.is_ascii_lowercase())
            {
                continue;
            }
            // Inside a sentence: after a lower-case word or a comma, before a lower-case
            // word or a stop, so not a part of a longer name; a connector between
            // capitalised words joins one ("Bureau of Industry and Security").
            let cap_at = |k: Option<usize>| k.and_then(|k| tokens.get(k)).is_some_and(|t| t.cap);
            let joins = |k: usize, other: Option<usize>| {
                lx.connectors.contains(word(&tokens[k])) && cap_at(other)
            };
            let prev = &tokens[i - 1];
            let after_lower = match prev.kind {
                Kind::Word => !prev.cap && prev.letters && !joins(i - 1, i.checked_sub(2)),
                Kind::Punct => matches!(word(prev), "," | ";"),
                _ => false,
            };
            let next_ok = match tokens.get(i + 1) {
                Some(n) if n.kind == Kind::Word => {
                    !n.cap && n.letters && !joins(i + 1, Some(i + 2))
                }
                Some(n) if n.kind == Kind::Punct => matches!(word(n), "," | "." | ";" | ":"),
                Some(_) => false,
                None => true,
            };
            if after_lower && next_ok && lx.is_common(w) && !is_cue(lx, w) {
                found.push((w, t.start..t.end));
            }
        }
    }
    if found.is_empty() {
        return;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (w, _) in &found {
        *counts.entry(w).or_default() += 1;
    }
    counts.retain(|w, n| *n >= 2 && gaz.lookup_folded(w).is_none() && !in_lower_case(text, w));
    if counts.is_empty() {
        return;
    }
    let before = ms.len();
    for (w, r) in found {
        if !counts.contains_key(w) {
            continue;
        }
        let at = ms[..before].partition_point(|m| m.end <= r.start);
        if ms[..before].get(at).is_some_and(|m| m.start < r.end) {
            continue;
        }
        // "the West": a compass point written as a name is a region.
        let label = match w {
            "East" | "West" | "North" | "South" => Label::Loc,
            _ => Label::Org,
        };
        ms.push(Mention::new(
            r.start,
            r.end,
            label,
            w.to_string(),
            RuleId::Borrowed("org/capitalised"),
            None,
        ));
    }
    if ms.len() > before {
        ms.sort_by_key(|m| m.start);
    }
}

/// True for a word of the cue lists (titles, head words, months, function words, nouns
/// capitalised out of respect) and for adjectives ("Federal", "Eastern").
fn is_cue(lx: &super::lexicon::Lexicon, w: &str) -> bool {
    super::lexicon::Lexicon::has_adjective_ending(w)
        || lx.style_capitals.contains(w)
        || lx.is_title_word(w)
        || lx.org_heads.contains(w)
        || lx.public_heads.contains(w)
        || lx.company_suffixes.contains(w)
        || lx.law_heads.contains(w)
        || lx.event_heads.contains(w)
        || lx.loc_heads.contains(w)
        || lx.gpe_heads.contains(w)
        || lx.fac_heads.contains(w)
        || lx.org_of_heads.contains(w)
        || lx.blocked.contains(w)
        || lx.function_words.contains(w)
        || lx.portfolios.contains(w)
}

/// True when `text` has `word` in lower case as a whole word ("summit" for "Summit").
pub(super) fn in_lower_case(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    memchr::memmem::find_iter(text.as_bytes(), lower.as_bytes()).any(|at| {
        let end = at + lower.len();
        let open = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let close = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        open && close
    })
}

/// Applies the document-wide rules to `ms`, the mentions of `text` in order.
pub(crate) fn apply(text: &str, ms: &mut Vec<Mention>) {
    same_sense(text, ms);
    drop_lone_guesses(text, ms);
    ms.retain(|m| {
        m.label != Label::Org
            || !before_index_name(is_abbreviation(&text[m.start..m.end]), &text[m.end..])
    });
}

/// True for a name in capitals or with an ampersand ("FTSE", "S&P").
fn is_abbreviation(name: &str) -> bool {
    name.contains('&') || !name.chars().any(char::is_lowercase)
}

/// Relabels the default guesses of a surface that a cue labelled elsewhere.
fn same_sense(text: &str, ms: &mut [Mention]) {
    // Most documents have no cued guess: nothing to vote on.
    if !ms.iter().any(|m| matches!(&*m.rule, "guess/place" | "guess/person")) {
        return;
    }
    // Votes per surface: (place, person, no cue). A cue is no proof ("a stake in Rellco",
    // "Rellco said"), so it wins only where it is as frequent as the guesses without one.
    let mut votes: HashMap<&str, (u32, u32, u32)> = HashMap::new();
    for m in ms.iter() {
        let vote = match &*m.rule {
            "guess/place" => (1, 0, 0),
            "guess/person" => (0, 1, 0),
            "guess/org" => (0, 0, 1),
            _ => continue,
        };
        let v = votes.entry(&text[m.start..m.end]).or_default();
        v.0 += vote.0;
        v.1 += vote.1;
        v.2 += vote.2;
    }
    for m in ms.iter_mut() {
        if m.rule != "guess/org" {
            continue;
        }
        let Some(&(place, person, none)) = votes.get(&text[m.start..m.end]) else { continue };
        if place + person < none.max(2) {
            continue;
        }
        m.label = if place >= person { Label::Gpe } else { Label::Person };
        m.rule = RuleId::Borrowed("guess/same-name");
    }
}

/// Drops the default guesses of an organisation that no cue supports, where in running
/// news text most of them are titles of works, products, places or people, so that no
/// label beats a wrong one:
/// - a single word in mixed case ("Velmora") that the document names only once;
/// - a name of several words in mixed case with no head word or legal form ("Velmora
///   Sunrise"), however often it is named. A word in capitals ("VX Velmora") keeps it.
///
/// Names that open a row of a table or list ("Velmora 3 1 0", "Velmora (Italy)") stay, and
/// so do names listed with an organisation that stays ("Velmora Sunrise and Orrin Inc.").
fn drop_lone_guesses(text: &str, ms: &mut Vec<Mention>) {
    // 0: kept; 1: dropped when named once; 2: dropped.
    let weak = |m: &Mention| -> u8 {
        if m.rule != "guess/org" {
            return 0;
        }
        let s = &text[m.start..m.end];
        let row = text[m.end..]
            .trim_start_matches(' ')
            .starts_with(|c: char| c.is_ascii_digit() || c == '(');
        if row || !s.chars().any(char::is_lowercase) {
            return 0;
        }
        if !s.contains(' ') {
            return 1;
        }
        let capitals = |w: &str| {
            w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.contains(char::is_lowercase)
        };
        if s.split(' ').any(capitals) {
            0
        } else {
            2
        }
    };
    if !ms.iter().any(|m| m.rule == "guess/org") {
        return;
    }
    let mut kinds: Vec<u8> = ms.iter().map(weak).collect();
    if kinds.iter().all(|&k| k == 0) {
        return;
    }
    // A guess listed with an organisation that stays is one too: "Brellow Tech and Orrin
    // Vale", "Hollis Grant, Orrin and Tavesco Inc.".
    let listed = |a: &Mention, b: &Mention| {
        matches!(text.get(a.end..b.start), Some(", " | " and " | ", and " | " or " | ", or "))
    };
    for i in 0..ms.len() {
        if kinds[i] == 0 {
            continue;
        }
        let org = |j: usize| ms[j].label == Label::Org && kinds[j] == 0;
        let before = i > 0 && org(i - 1) && listed(&ms[i - 1], &ms[i]);
        let after = i + 1 < ms.len() && org(i + 1) && listed(&ms[i], &ms[i + 1]);
        if before || after {
            kinds[i] = 0;
        }
    }
    if kinds.iter().all(|&k| k == 0) {
        return;
    }
    // How often each single-word guess is named, counted only for those surfaces.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (m, _) in ms.iter().zip(&kinds).filter(|(_, &k)| k == 1) {
        seen.insert(&text[m.start..m.end], 0);
    }
    if !seen.is_empty() {
        for m in ms.iter() {
            if let Some(n) = seen.get_mut(&text[m.start..m.end]) {
                *n += 1;
            }
        }
    }
    let mut kind = kinds.into_iter();
    ms.retain(|m| match kind.next().unwrap_or(0) {
        0 => true,
        1 => seen[&text[m.start..m.end]] > 1,
        _ => false,
    });
}

/// True when `rest`, the text after a name, continues it into the name of a market index:
/// capitalised words ending in "Index" or "Average" ("... Industrial Average"), or, after
/// an `abbreviation`, the count of its members ("XYZ 300"; not a year, nor a score below
/// 30 as in "Dunmore 2 Castlebar 1").
fn before_index_name(abbreviation: bool, rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(' ') else { return false };
    let word_end = |s: &str| s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    // A number: digits to a space or the end of a clause, not a year, a share or a range.
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let after = rest[digits..].chars().next();
        let count: u32 = rest[..digits.min(5)].parse().unwrap_or(0);
        let year = digits == 4 && matches!(&rest[..2], "19" | "20");
        return abbreviation
            && count >= 30
            && !year
            && matches!(after, None | Some(' ' | ',' | '.' | ';' | ')'));
    }
    let mut words = rest;
    for _ in 0..4 {
        let end = word_end(words);
        let word = &words[..end];
        if !word.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        if matches!(word, "Index" | "Average") {
            return true;
        }
        match words[end..].strip_prefix(' ') {
            Some(next) => words = next,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::before_index_name;

    #[test]
    fn index_names() {
        assert!(before_index_name(false, " Industrial Average rose"));
        assert!(before_index_name(false, " Composite Index fell"));
        assert!(before_index_name(true, " 500 futures"));
        assert!(before_index_name(true, " 300."));
        assert!(!before_index_name(false, " 300."));
        assert!(!before_index_name(true, " 2 Castlebar 1"));
        assert!(!before_index_name(false, " 1985 Cabernet"));
        assert!(!before_index_name(true, " 1985 report"));
        assert!(!before_index_name(true, " 500-stock index"));
        assert!(!before_index_name(false, " said the index fell"));
        assert!(!before_index_name(false, " Board of Trade"));
        assert!(!before_index_name(false, "'s index"));
        assert!(!before_index_name(true, " 12%"));
    }
}

//! Names of firms written across a comma, applied to the mentions once every sentence is
//! labelled:
//! - partners' names before an ampersand: "[Hobart, Kell & Co.]", "[Dunmore, Brant &
//!   Ollivane]", where the rules saw a guessed name, a comma and a firm (`org/partners`);
//! - a legal form after a comma: "[Acme Widgets, Inc.]", "[Orrin Trading Company, Ltd.]";
//! - initials joined by an ampersand that no rule took: "[AT&T]", "[S&P]"
//!   (`org/ampersand`), unless they are a common noun ("R&D", "M&A");
//! - a founder's name in the possessive that opens a firm's name: "[Hallam's Fine Teas
//!   Inc.]", "[Orrin's Corp.]" (`org/possessive-firm`), after which the founder's name in
//!   the possessive alone is the firm ("[Hallam's] said", `org/short-name`). A possessor
//!   that another rule knows ("Japan's Sumitomo Corp.", "Vantro Corp.'s Hollis Inc.") keeps
//!   its own name.

use super::lexicon::Lexicon;
use super::Mention;
use crate::extract::{Label, RuleId};

/// Joins the mentions of `ms` (sorted, not overlapping) as the module docs say.
pub(crate) fn join(text: &str, lx: &Lexicon, ms: &mut Vec<Mention>) {
    add_ampersand_initials(text, lx, ms);
    for m in ms.iter_mut() {
        if m.label == Label::Org && !m.rule.starts_with("guess/") {
            m.end += legal_form_after(&text[m.end..], lx);
        }
    }
    possessive_firms(text, lx, ms);
    if !ms.windows(2).any(|w| partners(text, &w[0], &w[1])) {
        return;
    }
    let mut out: Vec<Mention> = Vec::with_capacity(ms.len());
    for m in ms.drain(..) {
        if let Some(prev) = out.last_mut() {
            if partners(text, prev, &m) {
                prev.end = m.end;
                prev.label = Label::Org;
                prev.canonical = text[prev.start..prev.end].trim_end_matches('.').to_string();
                prev.rule = RuleId::Borrowed("org/partners");
                prev.country = None;
                continue;
            }
        }
        out.push(m);
    }
    *ms = out;
}

/// Adds the initials joined by an ampersand ("AT&T") that no rule but a guess took, keeping
/// `ms` sorted.
fn add_ampersand_initials(text: &str, lx: &Lexicon, ms: &mut Vec<Mention>) {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (amp, _) in text.match_indices('&') {
        let upper_run = |mut i: usize, step: isize| {
            let mut n = 0;
            while n < 4 && i < bytes.len() && bytes[i].is_ascii_uppercase() {
                n += 1;
                match i.checked_add_signed(step) {
                    Some(j) => i = j,
                    None => break,
                }
            }
            n
        };
        let left = if amp > 0 { upper_run(amp - 1, -1) } else { 0 };
        let right = upper_run(amp + 1, 1);
        if !(1..=3).contains(&left) || !(1..=3).contains(&right) {
            continue;
        }
        let (s, e) = (amp - left, amp + 1 + right);
        let open = s == 0 || !bytes[s - 1].is_ascii_alphanumeric();
        let close = e == bytes.len() || !bytes[e].is_ascii_alphanumeric();
        if !open || !close || lx.common_abbreviations.contains(&text[s..e]) {
            continue;
        }
        // A guess that took a part of the initials ("AT" of "AT&T") gives way.
        let overlapping = |m: &Mention| m.start < e && s < m.end;
        if ms.iter().any(|m| {
            overlapping(m) && !(m.start >= s && m.end <= e && m.rule.starts_with("guess/"))
        }) {
            continue;
        }
        ms.retain(|m| !overlapping(m));
        let m = Mention::new(
            s,
            e,
            Label::Org,
            text[s..e].to_string(),
            RuleId::Borrowed("org/ampersand"),
            None,
        );
        found.push(m);
    }
    if !found.is_empty() {
        ms.extend(found);
        ms.sort_by_key(|m| m.start);
    }
}

/// True for a mention the rules made a firm by its legal form or an ampersand.
fn is_firm(m: &Mention) -> bool {
    matches!(&*m.rule, "org/company-suffix" | "org/ampersand")
}

/// The length of ", Inc." or " Inc." (a comma or a space, and a legal form with its dot)
/// at the start of `rest`, or 0. A legal form right after a firm's name is left out only
/// when a possessive ended the name's words ("Hobart & Kell's Corp."), or an ampersand
/// rule took them.
fn legal_form_after(rest: &str, lx: &Lexicon) -> usize {
    let gap = if rest.starts_with(", ") {
        2
    } else if rest.starts_with(' ') {
        1
    } else {
        return 0;
    };
    legal_form(&rest[gap..], lx).map_or(0, |n| gap + n)
}

/// The length of a legal form with its dot ("Inc.", "Corp", "PLC") that `s` starts with
/// as a whole word.
fn legal_form(s: &str, lx: &Lexicon) -> Option<usize> {
    let word: &str = s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if word.is_empty() || !lx.company_suffixes.contains(word) {
        return None;
    }
    let tail = &s[word.len()..];
    let dot = usize::from(tail.starts_with('.'));
    let next = tail[dot..].chars().next();
    (!next.is_some_and(char::is_alphanumeric)).then_some(word.len() + dot)
}

/// The possessive endings a founder's name takes.
const POSSESSIVES: [&str; 2] = ["'s ", "\u{2019}s "];

/// Joins a founder's name in the possessive to the firm it opens, and makes the
/// possessive name alone the firm elsewhere in the text (see the module docs). `ms` is
/// sorted and not overlapping, and stays so.
fn possessive_firms(text: &str, lx: &Lexicon, ms: &mut Vec<Mention>) {
    let mut founders: Vec<(&str, String)> = Vec::new();
    for p in POSSESSIVES {
        for at in memchr::memmem::find_iter(text.as_bytes(), p) {
            let after = at + p.len();
            // What follows: a firm a rule found, or a bare legal form.
            let firm = ms.partition_point(|m| m.start < after);
            let (end, took_firm) = match ms.get(firm) {
                Some(m) if m.start == after && m.label == Label::Org && is_firm(m) => (m.end, true),
                _ => match legal_form(&text[after..], lx) {
                    Some(n) if ms.get(firm).is_none_or(|m| m.start >= after + n) => {
                        (after + n, false)
                    }
                    _ => continue,
                },
            };
            let Some(word_start) = founder_start(text, at, lx) else { continue };
            // The founder's words are unlabelled or only guessed, or make a firm by an
            // ampersand that a bare legal form ends ("Hobart & Kell's Corp.").
            let before = ms.partition_point(|m| m.end <= word_start);
            let owned = ms[before..firm].iter().all(|m| {
                m.start >= word_start
                    && (m.rule.starts_with("guess/")
                        || m.rule == "org/context"
                        || (!took_firm && m.rule == "org/ampersand"))
            });
            if !owned {
                continue;
            }
            let name = &text[word_start..end];
            let canonical = name.trim_end_matches('.').to_string();
            let m = Mention::new(
                word_start,
                end,
                Label::Org,
                canonical.clone(),
                RuleId::Borrowed("org/possessive-firm"),
                None,
            );
            ms.splice(before..firm + usize::from(took_firm), [m]);
            founders.push((&text[word_start..at], canonical));
        }
    }
    if founders.is_empty() {
        return;
    }
    for (founder, canonical) in founders {
        for p in POSSESSIVES {
            let needle = format!("{founder}{}", p.trim_end());
            for (at, _) in text.match_indices(&needle) {
                let end = at + needle.len();
                let bounded = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                    && text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                let i = ms.partition_point(|m| m.end <= at);
                let clash = ms.get(i).filter(|m| m.start < end);
                let replace = clash.is_some_and(|m| {
                    m.start == at
                        && m.end == at + founder.len()
                        && (m.rule.starts_with("guess/") || m.label == Label::Org)
                });
                if !bounded || (clash.is_some() && !replace) {
                    continue;
                }
                let m = Mention::new(
                    at,
                    end,
                    Label::Org,
                    canonical.clone(),
                    RuleId::Borrowed("org/short-name"),
                    None,
                );
                if replace {
                    ms[i] = m;
                } else {
                    ms.insert(i, m);
                }
            }
        }
    }
}

/// The start of the founder's name before the possessive at `at`: up to four capitalised
/// words, joined by spaces or an ampersand ("Hallam", "Trade Men", "Hobart & Kell"), none
/// of them a function word or a title, and not after an article or a title ("the
/// Exchange's ...", "President Vale's ...").
fn founder_start(text: &str, at: usize, lx: &Lexicon) -> Option<usize> {
    let name_word = |w: &str| {
        w.chars().count() >= 2
            && w.starts_with(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
            && w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
            && !lx.function_words.contains(w)
            && !lx.titles.contains(w)
            && !lx.company_suffixes.contains(w.trim_end_matches('.'))
    };
    let mut start = None;
    let mut head = &text[..at];
    for _ in 0..4 {
        let word_at = head
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[word_at..];
        if !name_word(word) {
            break;
        }
        start = Some(word_at);
        // The words of a name are on one line, a space apart.
        let Some(rest) = head[..word_at].strip_suffix(' ') else { break };
        head = rest.strip_suffix(" &").unwrap_or(rest);
    }
    let start = start?;
    let before = text[..start].trim_end();
    let prev_word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let article = matches!(prev_word, "the" | "a" | "an" | "The" | "A" | "An")
        || lx.titles.contains(prev_word);
    let opens = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '"' | '\u{201c}'));
    (opens && !article).then_some(start)
}

/// True when `prev`, a comma and `m` name one firm: `m` is a firm whose ampersand comes
/// after one or two words ("Kell & Co.", "Kell Dunmore & Co."), and `prev` is a name of
/// one or two capitalised words that only a guess or the context labelled ("Hobart",
/// "Dorvald Brant").
fn partners(text: &str, prev: &Mention, m: &Mention) -> bool {
    let weak = prev.rule.starts_with("guess/") || prev.rule == "org/context";
    if m.label != Label::Org || !is_firm(m) || !weak {
        return false;
    }
    if text.get(prev.end..m.start) != Some(", ") {
        return false;
    }
    let name = &text[m.start..m.end];
    let Some((before_amp, _)) = name.split_once(" & ") else { return false };
    let words = |s: &str| s.split(' ').count();
    let left = &text[prev.start..prev.end];
    words(before_amp) <= 2
        && words(left) <= 2
        && left.split(' ').all(|w| w.starts_with(|c: char| c.is_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::lexicon::Lexicon;

    fn mention(text: &str, name: &str, label: Label, rule: &'static str) -> Mention {
        let start = text.find(name).unwrap();
        Mention::new(start, start + name.len(), label, name.into(), RuleId::Borrowed(rule), None)
    }

    fn run(text: &str, ms: Vec<Mention>) -> Vec<(String, String)> {
        let lx = Lexicon::builtin();
        let mut ms = ms;
        join(text, &lx, &mut ms);
        ms.iter().map(|m| (text[m.start..m.end].to_string(), m.rule.to_string())).collect()
    }

    #[test]
    fn partners_before_an_ampersand_make_one_firm() {
        let t = "advised by Hobart, Kell & Co. and others";
        let got = run(
            t,
            vec![
                mention(t, "Hobart", Label::Person, "guess/person"),
                mention(t, "Kell & Co.", Label::Org, "org/company-suffix"),
            ],
        );
        assert_eq!(got, vec![("Hobart, Kell & Co.".into(), "org/partners".into())]);
    }

    #[test]
    fn known_names_and_long_lists_stay_apart() {
        let t = "Nordia, Kell & Co. and Brant";
        let got = run(
            t,
            vec![
                mention(t, "Nordia", Label::Gpe, "gazetteer/city"),
                mention(t, "Kell & Co.", Label::Org, "org/company-suffix"),
            ],
        );
        assert_eq!(got.len(), 2);
        let t = "Hobart, Kell Dunmore Wiley & Co.";
        let got = run(
            t,
            vec![
                mention(t, "Hobart", Label::Person, "guess/person"),
                mention(t, "Kell Dunmore Wiley & Co.", Label::Org, "org/company-suffix"),
            ],
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn initials_with_an_ampersand_are_firms_unless_common_nouns() {
        let t = "Shares of QX&T rose; R&D spending and the S&P 500 fell.";
        let got = run(t, Vec::new());
        assert_eq!(
            got,
            vec![("QX&T".into(), "org/ampersand".into()), ("S&P".into(), "org/ampersand".into())]
        );
        assert!(run("A&&B and ABCD&E", Vec::new()).is_empty());
    }

    #[test]
    fn a_legal_form_after_a_comma_joins_the_firm() {
        let t = "Hobart & Kell, Inc. said";
        let got = run(t, vec![mention(t, "Hobart & Kell", Label::Org, "org/ampersand")]);
        assert_eq!(got[0].0, "Hobart & Kell, Inc.");
        let t = "Hobart & Kell, Incredible";
        let got = run(t, vec![mention(t, "Hobart & Kell", Label::Org, "org/ampersand")]);
        assert_eq!(got[0].0, "Hobart & Kell");
    }
    #[test]
    fn a_founder_in_the_possessive_opens_the_firm() {
        let t = "Shares of Hallam's Fine Teas Inc. rose, and Hallam's said so.";
        let got = run(
            t,
            vec![
                mention(t, "Hallam", Label::Org, "org/context"),
                mention(t, "Fine Teas Inc.", Label::Org, "org/company-suffix"),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("Hallam's Fine Teas Inc.".into(), "org/possessive-firm".into()),
                ("Hallam's".into(), "org/short-name".into()),
            ]
        );
        // A bare legal form, and a founder on a new line.
        let t = "It fell.\nOrrin's Corp. said Orrin's would pay.";
        let got = run(t, Vec::new());
        assert_eq!(
            got,
            vec![
                ("Orrin's Corp.".into(), "org/possessive-firm".into()),
                ("Orrin's".into(), "org/short-name".into()),
            ]
        );
    }

    #[test]
    fn a_known_owner_keeps_its_own_name() {
        let t = "Japan's Tavesco Corp. rose";
        let got = run(
            t,
            vec![
                mention(t, "Japan", Label::Gpe, "gazetteer/country"),
                mention(t, "Tavesco Corp.", Label::Org, "org/company-suffix"),
            ],
        );
        assert_eq!(got.len(), 2);
        // After an article, a title, or a firm with its legal form.
        for t in ["the Exchange's Tavesco Corp. unit", "President Vale's Corp. plan"] {
            assert!(run(t, Vec::new()).is_empty(), "{t}");
        }
        let t = "Vantro Corp.'s Hollis Inc. unit";
        let got = run(t, vec![mention(t, "Hollis Inc.", Label::Org, "org/company-suffix")]);
        assert_eq!(got, vec![("Hollis Inc.".into(), "org/company-suffix".into())]);
    }
}

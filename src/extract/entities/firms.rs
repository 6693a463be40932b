//! Names of firms written across a comma, applied to the mentions once every sentence is
//! labelled:
//! - partners' names before an ampersand: "[Hobart, Kell & Co.]", "[Dunmore, Brant &
//!   Ollivane]", where the rules saw a guessed name, a comma and a firm (`org/partners`);
//! - a legal form after a comma: "[Acme Widgets, Inc.]";
//! - initials joined by an ampersand that no rule took: "[AT&T]", "[S&P]"
//!   (`org/ampersand`), unless they are a common noun ("R&D", "M&A").

use super::lexicon::Lexicon;
use super::Mention;
use crate::extract::{Label, RuleId};

/// Joins the mentions of `ms` (sorted, not overlapping) as the module docs say.
pub(crate) fn join(text: &str, lx: &Lexicon, ms: &mut Vec<Mention>) {
    add_ampersand_initials(text, lx, ms);
    for m in ms.iter_mut() {
        if m.label == Label::Org && is_firm(m) {
            m.end += comma_suffix(&text[m.end..], lx);
        }
    }
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

/// The length of ", Inc." (a comma, a space and a legal form, with its dot) at the start
/// of `rest`, or 0.
fn comma_suffix(rest: &str, lx: &Lexicon) -> usize {
    let Some(after) = rest.strip_prefix(", ") else { return 0 };
    let word: &str = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if word.is_empty() || !lx.company_suffixes.contains(word) {
        return 0;
    }
    let tail = &after[word.len()..];
    let dot = usize::from(tail.starts_with('.'));
    let next = tail[dot..].chars().next();
    if next.is_some_and(char::is_alphanumeric) {
        return 0;
    }
    2 + word.len() + dot
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
}

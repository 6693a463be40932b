//! Head-word rules of [`classify`](super::classify): the last word of a name tells its
//! kind ("... Department", "... Inc", "... Act", "... War", "... River", "... Airport"), a
//! country before a public body belongs to the body's name (`org/country-body`), and a
//! place with other words names a team or a firm (`org/place-name`) or a people
//! (`norp/compound`).

use super::classify::Ctx;
use super::segments::{Join, Segment};
use super::Mention;
use crate::extract::Label;

impl Ctx<'_> {
    /// The number of words of a leading country or city joined by a space to the name of a
    /// public body ("U.S. Senate", "U.S. Department of Commerce"), which then form one ORG
    /// (rule `org/country-body`).
    pub(super) fn leading_place(&self, seg: &Segment) -> Option<usize> {
        let (end, entry) = self.gaz_at.get(seg.toks[0])?;
        if self.gaz.entry(entry).label != Label::Gpe {
            return None;
        }
        let n = seg.toks.len();
        let k = (0..n).find(|&q| self.tokens[seg.toks[q]].end == end)? + 1;
        if k >= n || seg.joins[k - 1] != Join::Space {
            return None;
        }
        let rest = &seg.slice(k, n);
        let (_, re) = rest.span(self.tokens);
        let known = self
            .gaz_at
            .get(rest.toks[0])
            .is_some_and(|(end, en)| end == re && self.gaz.entry(en).label == Label::Org);
        let public = rest.toks.iter().any(|&i| self.lx().public_heads.contains(self.word(i)));
        (known || public).then_some(k)
    }

    pub(super) fn named_after_place(&self, seg: &Segment) -> Option<Mention> {
        let (s, e) = seg.span(self.tokens);
        let n = seg.toks.len();
        let mut places = 0;
        let mut norps = 0;
        let mut others = 0;
        let mut k = 0;
        while k < n {
            let hit = self.gaz_at.get(seg.toks[k]).and_then(|(end, entry)| {
                (k..n).find(|&q| self.tokens[seg.toks[q]].end == end).map(|q| (q, entry))
            });
            match hit {
                Some((q, entry)) => {
                    match self.gaz.entry(entry).label {
                        Label::Gpe | Label::Loc => places += 1,
                        Label::Norp => norps += 1,
                        _ => return None,
                    }
                    k = q + 1;
                }
                None => {
                    let w = self.word(seg.toks[k]);
                    if self.lx().is_title_word(w) {
                        return None;
                    }
                    others += 1;
                    k += 1;
                }
            }
        }
        let last = self.word(seg.toks[n - 1]);
        if norps == 1 && places == 0 && others == 1 && n == 2 {
            let first = self.word(seg.toks[0]);
            if matches!(first, "West" | "East" | "North" | "South" | "Latin" | "Roman" | "Central")
            {
                return Some(self.mention(s, e, Label::Norp, "norp/compound"));
            }
        }
        if norps == 2 && others == 0 {
            return Some(self.mention(s, e, Label::Norp, "norp/compound"));
        }
        if places >= 1 && others >= 1 && norps == 0 && !self.lx().is_common(last) {
            return Some(self.mention(s, e, Label::Org, "org/place-name"));
        }
        if places >= 1 && others >= 1 && norps == 0 && last.len() > 3 {
            return Some(self.mention(s, e, Label::Org, "org/place-name"));
        }
        None
    }

    /// Head-word rules over a segment of two or more words.
    pub(super) fn head_rule(&self, seg: &Segment) -> Option<(Label, &'static str)> {
        let lx = self.lx();
        // A Roman numeral after the head counts the name: "the Brellow War II".
        let mut n = seg.toks.len();
        if n >= 3 && super::lexicon::is_roman(self.word(seg.toks[n - 1])) {
            n -= 1;
        }
        let last = self.word(seg.toks[n - 1]);
        let last2 = if n >= 2 {
            let (a, b) = (self.tokens[seg.toks[n - 2]].start, self.tokens[seg.toks[n - 1]].end);
            Some(&self.text[a..b])
        } else {
            None
        };
        if lx.company_suffixes.contains(last) {
            return Some((Label::Org, "org/company-suffix"));
        }
        if lx.org_heads.contains(last) || last2.is_some_and(|w| lx.org_heads.contains(w)) {
            return Some((Label::Org, "org/head"));
        }
        if lx.law_heads.contains(last) {
            return Some((Label::Law, "law/head"));
        }
        if lx.event_heads.contains(last) || last2.is_some_and(|w| lx.event_heads.contains(w)) {
            return Some((Label::Event, "event/head"));
        }
        if lx.loc_heads.contains(last) || last2.is_some_and(|w| lx.loc_heads.contains(w)) {
            return Some((Label::Loc, "loc/head"));
        }
        if lx.gpe_heads.contains(last) || last2.is_some_and(|w| lx.gpe_heads.contains(w)) {
            return Some((Label::Gpe, "gpe/head"));
        }
        if lx.fac_heads.contains(last) {
            return Some((Label::Fac, "fac/head"));
        }
        // "Hall" is as often a surname: a facility only after ordinary words ("Assembly
        // Hall", "Town Hall"), not after a given name ("Stuart Hall").
        if last == "Hall"
            && seg.toks[..n - 1].iter().all(|&i| {
                let w = self.word(i);
                lx.is_common(w) && !lx.given.contains(w)
            })
        {
            return Some((Label::Fac, "fac/head"));
        }
        if lx.loc_first_words.contains(self.word(seg.toks[0]))
            && matches!(seg.joins[0], Join::Space | Join::Dot)
        {
            return Some((Label::Loc, "loc/head"));
        }
        // "Ministry of Commerce", "Treaty of Versailles", "Gulf of Aden".
        for (k, j) in seg.joins.iter().enumerate() {
            if let Join::Connector(c) = *j {
                if !matches!(self.word(c), "of" | "on" | "for") {
                    continue;
                }
                let w = self.word(seg.toks[k]);
                if lx.org_of_heads.contains(w) || lx.org_heads.contains(w) {
                    return Some((Label::Org, "org/head"));
                }
                if lx.law_heads.contains(w) {
                    return Some((Label::Law, "law/head"));
                }
                if lx.loc_heads.contains(w) {
                    return Some((Label::Loc, "loc/head"));
                }
            }
        }
        None
    }

    pub(super) fn head_rule_opt(&self, seg: &Segment) -> Option<(Label, &'static str)> {
        if seg.toks.len() >= 2 {
            self.head_rule(seg)
        } else {
            None
        }
    }
}

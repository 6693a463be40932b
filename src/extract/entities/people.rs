//! The person rules of [`classify`](super::classify): titles and the names after them
//! (`person/title-name`), given names and initials (`person/given-name`,
//! `person/initials`), and a person named with the body the person speaks for ("Ann Vale
//! of the Hollis Institute").

use super::classify::{Ctx, UpperFirst};
use super::segments::{Join, Segment};
use super::tokens::Kind;
use super::Mention;
use crate::extract::Label;

impl Ctx<'_> {
    /// "Ann Vale of the Hollis Institute", "Mr. Vale of Hollis Widget Co.": a person, then
    /// the body the person speaks for. Pushes both and returns true when the segment is so.
    pub(super) fn person_of_body(&self, seg: &Segment, out: &mut Vec<Mention>) -> bool {
        let Some(k) =
            seg.joins.iter().position(|j| matches!(*j, Join::Connector(c) if self.word(c) == "of"))
        else {
            return false;
        };
        let n = seg.toks.len();
        let titled = self.is_title_at(seg, 0);
        let name_words = if titled { k } else { k + 1 };
        if !(1..=3).contains(&name_words)
            || k + 1 >= n
            || seg.joins[..k].iter().any(|j| *j != Join::Space)
        {
            return false;
        }
        let body = seg.slice(k + 1, n);
        let body_is_org =
            body.toks.len() >= 2 && matches!(self.head_rule_opt(&body), Some((Label::Org, _)));
        if !body_is_org {
            return false;
        }
        if titled {
            self.person_after_title(&seg.slice(1, k + 1), out);
        } else {
            match self.person_rule(&seg.slice(0, k + 1)) {
                Some(m) if m.label == Label::Person => out.push(m),
                _ => return false,
            }
        }
        self.classify(&body, out);
        true
    }

    pub(super) fn is_title_at(&self, seg: &Segment, k: usize) -> bool {
        let w = self.word(seg.toks[k]);
        if !self.lx().titles.contains(w) {
            return false;
        }
        // A title inside an organisation name ("Office of the President") is not one, nor
        // is the first word of a known name ("General Assembly").
        let i = seg.toks[k];
        let starts_name = self.gaz_at.get(i).is_some_and(|(end, _)| end > self.tokens[i].end);
        !(starts_name || k > 0 && matches!(seg.joins[k - 1], Join::Connector(_)))
    }

    pub(super) fn person_after_title(&self, seg: &Segment, out: &mut Vec<Mention>) {
        let (s, e) = seg.span(self.tokens);
        // Titles and roles alone name no one: "Governor-General", "Vice President".
        let lx = self.lx();
        if seg.toks.iter().all(|&i| lx.is_title_word(self.word(i))) {
            return;
        }
        // Nor do ordinary words that are no one's name: "General Debate", "the
        // Government" after a title. Short words ("Xi", "Li") may be surnames that the
        // lists do not know.
        if seg.toks.iter().all(|&i| {
            let w = self.word(i);
            w.len() > 3
                && lx.is_common(w)
                && !lx.given.contains(w)
                && !lx.surnames.contains(w.to_uppercase_first().as_str())
        }) {
            return;
        }
        // A known name after a title is that name, unless it is a town's: towns are often
        // named after people, and their names are surnames ("Mr. Oakdale", "Judge
        // Hampton").
        if let Some((end, entry)) = self.gaz_at.get(seg.toks[0]) {
            let entry_ = self.gaz.entry(entry);
            if end == e && entry_.label != Label::Person && entry_.source != "city" {
                out.push(self.entry_mention(s, e, entry));
                return;
            }
        }
        if seg.toks.len() >= 2 && self.head_rule(seg).is_some() {
            self.classify(seg, out);
            return;
        }
        let mut m = self.mention(s, e, Label::Person, "person/title-name");
        if let Some(r) = self.remembered(s, e).filter(|r| r.label == Label::Person) {
            m.canonical = r.canonical;
        } else if let Some((end, entry)) = self.gaz_at.get(seg.toks[0]) {
            if end == e {
                m.canonical = self.gaz.entry(entry).canonical.clone();
            }
        }
        out.push(m);
    }

    pub(super) fn person_rule(&self, seg: &Segment) -> Option<Mention> {
        let lx = self.lx();
        let n = seg.toks.len();
        let (s, e) = seg.span(self.tokens);
        let (first_word, last_word) = (self.word(seg.toks[0]), self.word(seg.toks[n - 1]));
        let is_place = |i: usize| {
            self.gaz_at.get(seg.toks[i]).is_some_and(|(end, entry)| {
                end == self.tokens[seg.toks[i]].end && self.gaz.entry(entry).label != Label::Person
            })
        };
        // A title just before the segment: "captain Chris Lewis", "said spokesman Li".
        let first = seg.toks[0];
        if first > 0 {
            let prev = self.word(first - 1);
            if self.tokens[first - 1].kind == Kind::Word
                && lx.titles.contains(prev)
                && !is_place(0)
                && self.head_rule_opt(seg).is_none()
            {
                return Some(self.mention(s, e, Label::Person, "person/title-name"));
            }
        }
        // A middle initial without its dot, which the segment rules join only after a
        // given name: "Ann W Vale", even when the given name is a town's too.
        let mid = &self.tokens[seg.toks[n / 2]];
        if n == 3 && mid.kind == Kind::Word && mid.end - mid.start == 1 {
            return Some(self.mention(s, e, Label::Person, "person/given-name"));
        }
        if (2..=4).contains(&n) {
            // "W. Jones", and "K.L. Varno", "R.T.W. Hask" when the initials name no
            // place ("U.S. Steel").
            let initials = seg.toks.iter().any(|&i| {
                let t = &self.tokens[i];
                t.kind == Kind::Initials
                    && (t.end - t.start == 2
                        || (t.end - t.start <= 6 && n == 2 && !self.gaz_at.contains(i)))
            });
            let last_is_word = self.tokens[seg.toks[n - 1]].kind == Kind::Word;
            if initials && last_is_word && !is_place(n - 1) {
                return Some(self.mention(s, e, Label::Person, "person/initials"));
            }
            // "Al-Shabaab": an Arabic article before a hyphen is no given name.
            if lx.given.contains(first_word) && seg.joins[0] != Join::Hyphen && last_is_word {
                let surname_last = lx.surnames.contains(&*last_word.to_uppercase_first());
                // A surname may be an ordinary word ("Stone"); other ordinary words end
                // no person's name.
                let name_like_last = surname_last || !lx.is_common(last_word);
                // A given name that is also a town ("Nancy", "Norman") still opens a
                // person's name when the other words are no places.
                let unknown_rest = (1..n).all(|q| self.gaz_at.get(seg.toks[q]).is_none());
                if name_like_last
                    && (!is_place(0) || unknown_rest)
                    && (!is_place(n - 1) || surname_last)
                {
                    return Some(self.mention(s, e, Label::Person, "person/given-name"));
                }
            }
        }
        None
    }
}

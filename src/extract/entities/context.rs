//! Organisations told by the words around them, where the name alone looks like a
//! person's (`org/context`): a member of it ("Mr. Vale of Hollis Grant", "an analyst at
//! Hollis Grant", "Hollis Grant's Ms. Ruiz"), "it" after its verb of saying ("Hollis Grant
//! said it would"), or the move of its share price ("Hollis Grant rose 1 3/4").

use super::classify::Ctx;
use super::segments::{Join, Segment};
use super::Mention;
use crate::extract::Label;

impl Ctx<'_> {
    /// The segment as an organisation when its context says so.
    pub(super) fn org_by_context(&self, seg: &Segment) -> Option<Mention> {
        let n = seg.toks.len();
        if n > 4 || seg.joins.iter().any(|j| *j != Join::Space) {
            return None;
        }
        let lx = self.lx();
        if (0..n).any(|k| self.is_title_at(seg, k)) {
            return None;
        }
        let (first, last) = (seg.toks[0], seg.toks[n - 1]);
        let at = |i: Option<usize>| -> &str {
            i.and_then(|i| self.tokens.get(i)).map_or("", |t| &self.text[t.start..t.end])
        };
        let before = |k: usize| at(first.checked_sub(k));
        let after = |k: usize| at(Some(last + k));
        let honorific = |w: &str| matches!(w, "Mr" | "Mrs" | "Ms" | "Dr");
        // "Mr. Vale of ...", "Mr Vale of ...": an honorific, a surname, "of".
        let member_of = before(1) == "of"
            && first.checked_sub(2).is_some_and(|i| self.tokens[i].cap)
            && (honorific(before(3)) || (before(3) == "." && honorific(before(4))));
        let role_at =
            matches!(before(1), "at" | "with" | "for") && lx.member_roles.contains(before(2));
        let its_member = after(1).starts_with(['\'', '’']) && honorific(after(2));
        // "Ann Vale said it was time" is a person: not after a given name.
        let said_it = matches!(after(1), "said" | "says")
            && matches!(after(2), "it" | "its")
            && !lx.given.contains(self.word(first));
        let share_price = lx.market_verbs.contains(after(1))
            && after(2).starts_with(|c: char| c.is_ascii_digit());
        if !(member_of || role_at || its_member || said_it || share_price) {
            return None;
        }
        // "Ms. Ruiz of Dunmere, Pa.": a town.
        if self.before_its_region(seg) {
            return None;
        }
        let (s, e) = seg.span(self.tokens);
        Some(self.mention(s, e, Label::Org, "org/context"))
    }
}

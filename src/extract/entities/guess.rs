//! The last rules of [`classify`](super::classify): demonyms made from known places, and
//! the guess from context for an unknown capitalised word or sequence (`guess/person`,
//! `guess/org`, `guess/place`).

use super::classify::{Ctx, UpperFirst};
use super::segments::{Join, Segment};
use super::Mention;
use crate::extract::Label;

impl Ctx<'_> {
    /// A word for the people of a known place, made from its name ("Kansan", "Nebraskans",
    /// "Ohioan", "Londoners", "Parisian"): `norp/demonym`.
    pub(super) fn demonym(&self, seg: &Segment) -> Option<Mention> {
        let (s, e) = seg.span(self.tokens);
        let n = seg.toks.len();
        if n > 3 || seg.joins.iter().any(|j| *j != Join::Space) {
            return None;
        }
        let name = &self.text[s..e];
        let word = self.word(seg.toks[n - 1]);
        if !word.starts_with(|c: char| c.is_uppercase()) || word.chars().all(char::is_uppercase) {
            return None;
        }
        let singular = name.strip_suffix('s').unwrap_or(name);
        const ENDINGS: &[(&str, &[&str])] = &[
            ("ian", &["", "a", "ia", "y"]),
            ("an", &["", "a", "as", "o"]),
            ("n", &[""]),
            ("er", &[""]),
            ("ite", &["", "a"]),
        ];
        if !ENDINGS.iter().any(|(ending, _)| singular.ends_with(ending)) {
            return None;
        }
        let lx = self.lx();
        // Places are looked up lower-cased, then compared as written; lower-casing must
        // keep the byte offsets for that.
        let lower = singular.to_lowercase();
        if lower.len() != singular.len() {
            return None;
        }
        let mut key = String::with_capacity(lower.len() + 2);
        for (ending, restore) in ENDINGS {
            let Some(stem) = lower.strip_suffix(ending) else { continue };
            if stem.chars().count() < 3 {
                continue;
            }
            let written = &singular[..stem.len()];
            for r in *restore {
                key.clear();
                key.push_str(stem);
                key.push_str(r);
                let Some(&entry) = lx.folded.get(key.as_str()) else { continue };
                let en = self.gaz.entry(entry);
                let same = en.name.strip_suffix(r).is_some_and(|head| head == written);
                if same && matches!(en.label, Label::Gpe | Label::Loc) {
                    let mut m = self.mention(s, e, Label::Norp, "norp/demonym");
                    m.canonical = singular.to_string();
                    m.country = en.country.clone();
                    return Some(m);
                }
            }
        }
        None
    }

    /// "D.", "R." or "I." in brackets before a state: the member's party, a NORP.
    fn party_letter(
        &self,
        i: usize,
        s: usize,
        e: usize,
        prev: Option<&str>,
        next: Option<&str>,
    ) -> Option<Mention> {
        let party = match self.word(i).trim_end_matches('.') {
            "D" => "Democrat",
            "R" => "Republican",
            "I" => "Independent",
            _ => return None,
        };
        let after = self.tokens.get(i + 2)?;
        if prev != Some("(") || next != Some(",") || !after.cap {
            return None;
        }
        let mut m = self.mention(s, e, Label::Norp, "norp/party-letter");
        m.canonical = party.to_string();
        Some(m)
    }

    /// True when the segment is followed by a comma and a known place that ends there
    /// ("Dunmore, Pa.,", "Altdorf, Switzerland-based"): a town named with its region.
    pub(super) fn before_its_region(&self, seg: &Segment) -> bool {
        let last = seg.toks[seg.toks.len() - 1];
        if self.tokens.get(last + 1).map(|t| &self.text[t.start..t.end]) != Some(",") {
            return false;
        }
        let Some((end, entry)) = self.gaz_at.get(last + 2) else { return false };
        if !matches!(self.gaz.entry(entry).label, Label::Gpe) {
            return false;
        }
        let after = self.tokens.partition_point(|t| t.start < end);
        match self.tokens.get(after) {
            None => true,
            Some(t) => matches!(&self.text[t.start..t.end], "," | ")" | "-" | ";" | "."),
        }
    }

    /// Rule 7: an unknown capitalised word or sequence.
    pub(super) fn guess(&self, seg: &Segment, out: &mut Vec<Mention>) {
        let lx = self.lx();
        let n = seg.toks.len();
        let (s, e) = seg.span(self.tokens);
        if let Some(m) = self.remembered(s, e) {
            out.push(m);
            return;
        }
        let words = || seg.toks.iter().map(|&i| self.word(i));
        if words().all(|w| lx.is_title_word(w)) {
            return;
        }
        if words().all(|w| w.chars().all(|c| !c.is_alphabetic())) {
            return;
        }
        let first = seg.toks[0];
        let prev = (first > 0).then(|| self.word(first - 1));
        let next = self.tokens.get(seg.toks[n - 1] + 1).map(|t| &self.text[t.start..t.end]);
        let next2 = self.tokens.get(seg.toks[n - 1] + 2).map(|t| &self.text[t.start..t.end]);
        // "Veldhoven-based": a place.
        if next == Some("-") && next2 == Some("based") {
            out.push(self.mention(s, e, Label::Gpe, "guess/place"));
            return;
        }
        // A part of a document symbol or path ("A/72/PV.6").
        if first >= 2
            && self.word(first - 1) == "/"
            && self.tokens[first - 1].end == self.tokens[first].start
            && self.word(first - 2).bytes().all(|b| b.is_ascii_digit())
        {
            return;
        }
        // An unknown abbreviation in brackets explains the words before it ("(DUV)").
        if n == 1 && prev == Some("(") && next == Some(")") && self.tokens[first].upper {
            return;
        }
        if n == 1 {
            let w = self.word(first);
            // A contraction ("I'm", "We're", "Don't") is never a name, nor is a legal form
            // alone ("Ltd").
            if is_contraction(w) || lx.company_suffixes.contains(w) {
                return;
            }
            // An ordinary word alone ("Department", "Prices"): rarely a name; nor is a
            // model number ("A800").
            if lx.is_common(w) || w.bytes().any(|b| b.is_ascii_digit()) {
                return;
            }
            // The plural of an abbreviation ("PCs", "CEOs", "C.D.s") is a common noun.
            if is_plural_abbreviation(w) {
                return;
            }
            // A party letter beside a member's state: "Rep. Ann Vale (D., Ore.)".
            if let Some(m) = self.party_letter(first, s, e, prev, next) {
                out.push(m);
                return;
            }
            // An abbreviation of a common noun ("CEO", "GDP") is not a name.
            if lx.common_abbreviations.contains(w) {
                return;
            }
            // A town before its state or country: "Dunmore, Pa.", "Altdorf, Switzerland".
            if self.before_its_region(seg) && !self.tokens[first].upper {
                out.push(self.mention(s, e, Label::Gpe, "guess/place"));
                return;
            }
            if w.len() > 1 && self.tokens[first].upper && !self.gaz_at.contains(first) {
                out.push(self.mention(s, e, Label::Org, "guess/org"));
                return;
            }
            // A word with a capital inside, the way brands are written ("Tavlink",
            // "BrellowSoft"), not a family name ("McKay", "DaSilva"): a firm.
            if is_camel_case(w) && !lx.surnames.contains(w) {
                out.push(self.mention(s, e, Label::Org, "org/camel-case"));
                return;
            }
            if let Some(m) = self.demonym(seg) {
                out.push(m);
                return;
            }
            // A person's name takes no article: "the Brisk fell", unlike "the Brisk
            // administration", where the name modifies the noun after it.
            let article =
                matches!(prev, Some("the" | "The")) && !super::spans::modifies_next(self.text, e);
            if prev.is_some_and(|p| lx.place_prepositions.contains(p)) && !lx.surnames.contains(w) {
                out.push(self.mention(s, e, Label::Gpe, "guess/place"));
            } else if article {
                out.push(self.mention(s, e, Label::Org, "guess/org"));
            } else if next.is_some_and(|w| lx.person_verbs.contains(w))
                || lx.surnames.contains(w.to_uppercase_first().as_str())
                || lx.given.contains(w)
            {
                out.push(self.mention(s, e, Label::Person, "guess/person"));
            } else {
                out.push(self.mention(s, e, Label::Org, "guess/org"));
            }
            return;
        }
        if let Some(m) = self.demonym(seg) {
            out.push(m);
            return;
        }
        // A family name before a given name of two syllables joined by a hyphen, the second
        // in lower case ("Tsou Mei-hua", "Pak Song-chol"): a person. The segment rules join
        // such a syllable only after another word of the name.
        let last_tok = &self.tokens[seg.toks[n - 1]];
        if n <= 4 && seg.joins.last() == Some(&Join::Hyphen) && !last_tok.cap {
            out.push(self.mention(s, e, Label::Person, "guess/person"));
            return;
        }
        // A generic class in capitals ("Computer Emergency Response Teams").
        let last = self.word(seg.toks[n - 1]);
        if last.len() > 3
            && last.ends_with('s')
            && lx.is_common(last)
            && lx.is_common(&last[..last.len() - 1])
            && words().all(|w| lx.is_common(w))
        {
            return;
        }
        // Ordinary words in title case with no head word ("Annual Message"): a title or a
        // topic, not a name.
        if words().all(|w| lx.is_common(w) && !lx.given.contains(w)) && prev != Some("the") {
            return;
        }
        // A headline in capitals made of ordinary words ("UNION TROUBLES").
        if words().all(|w| w.chars().all(|c| !c.is_lowercase()) && lx.is_common(w)) {
            return;
        }
        if words().any(|w| w.len() > 1 && w.chars().all(|c| !c.is_lowercase())) {
            out.push(self.mention(s, e, Label::Org, "guess/org"));
        } else if lx.given.contains(self.word(first))
            || (lx.surnames.contains(last) && !lx.is_common(self.word(first)))
            || (words().all(|w| !lx.is_common(w)) && n <= 3)
        {
            out.push(self.mention(s, e, Label::Person, "guess/person"));
        } else {
            out.push(self.mention(s, e, Label::Org, "guess/org"));
        }
    }
}

/// True for the plural of an abbreviation: capitals (with or without dots) and a final
/// lower-case "s", as in "PCs", "IOUs", "C.D.s".
fn is_plural_abbreviation(w: &str) -> bool {
    let Some(stem) = w.strip_suffix('s') else { return false };
    let stem = stem.trim_end_matches('.');
    stem.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && stem.bytes().all(|b| b.is_ascii_uppercase() || b == b'.')
}

/// True for a pronoun or auxiliary with a contracted ending: "I'm", "We've", "Don't".
fn is_contraction(w: &str) -> bool {
    let Some((head, tail)) = w.rsplit_once(['\'', '’']) else { return false };
    !head.is_empty()
        && matches!(tail, "m" | "re" | "ve" | "ll" | "d" | "t" | "s")
        && matches!(
            head.to_ascii_lowercase().as_str(),
            "i" | "we"
                | "you"
                | "they"
                | "he"
                | "she"
                | "it"
                | "that"
                | "there"
                | "what"
                | "who"
                | "let"
                | "don"
                | "doesn"
                | "didn"
                | "can"
                | "won"
                | "isn"
                | "aren"
                | "wasn"
                | "weren"
                | "couldn"
                | "wouldn"
                | "shouldn"
                | "haven"
                | "hasn"
                | "ain"
        )
}

/// True for a word in letters with a capital after a lower-case letter, other than a
/// family name's prefix: "BrellowSoft", "eTavco" is not (it starts in lower case),
/// "McKay", "MacLeod", "DaSilva", "LeBlanc", "DeWitt", "VanDyke" are not.
fn is_camel_case(w: &str) -> bool {
    const PREFIXES: &[&str] = &["Mc", "Mac", "Da", "De", "Di", "Du", "La", "Le", "Van", "Von"];
    if !w.starts_with(|c: char| c.is_ascii_uppercase()) || !w.chars().all(char::is_alphabetic) {
        return false;
    }
    let inner = w.char_indices().skip(1).find(|&(i, c)| {
        c.is_uppercase() && w[..i].chars().next_back().is_some_and(char::is_lowercase)
    });
    match inner {
        Some((i, _)) => !PREFIXES.contains(&&w[..i]) && w.chars().any(char::is_lowercase),
        None => false,
    }
}

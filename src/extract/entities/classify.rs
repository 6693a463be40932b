//! Labels a name segment: the gazetteer, names remembered from earlier in the document,
//! titles before person names, head words of organisations, laws, events and places,
//! given names and initials, and a guess from context for unknown capitalised words.
//!
//! The person rules live in `people.rs`, the head-word rules in `heads.rs`, the guess and
//! demonyms in `guess.rs`, the organisations told by their context in `context.rs`.
//!
//! Rules, in order (the first that applies wins; rule ids in brackets):
//! 1. the whole segment is a gazetteer name (`gazetteer/<list>`) or a name the document
//!    taught (`person/short-name`, `org/acronym`, or the rule that first found it);
//!    "Executive Order 13694", "Unit 61398" (`name/numbered`);
//! 2. connectors ("of", "and") stay inside only with a head word (rule 3), else split;
//! 3. head words: "... Department", "Ministry of ...", "... Inc" (`org/head`,
//!    `org/company-suffix`), "... Act", "Treaty of ..." (`law/head`), "... War"
//!    (`event/head`), "... River" (`loc/head`), "... Airport" (`fac/head`); a country before
//!    a public body is split off ("[U.S.] [Senate]");
//! 4. a title splits it: what follows is a person (`person/title-name`); an ampersand makes
//!    a firm (`org/ampersand`); hyphens between known names split it ("U.S.-China");
//! 5. name particles (`person/particle`), a given name or an initial (`person/given-name`,
//!    `person/initials`), a title just before it (`person/title-name`);
//! 6. a place with other words is a team or firm (`org/place-name`), two nationalities a
//!    people (`norp/compound`);
//! 7. gazetteer names inside it are taken, the rest labelled on its own;
//! 8. an unknown capitalised word or sequence is guessed from context (`guess/person`,
//!    `guess/org`, `guess/place`); ordinary words alone are dropped.

use super::gazetteer::Gazetteer;
use super::hash::WordMap;
use super::lexicon::Lexicon;
use super::segments::{Join, Segment};
use super::tokens::Token;
use super::Mention;
use crate::extract::{Label, RuleId};

/// What the document taught: names by surface form (exact) and lower-cased. It borrows
/// the surfaces from the text and the rest from the first pass's mentions, so that building
/// it copies no strings.
#[derive(Debug, Default)]
pub(crate) struct Memory<'a> {
    pub exact: WordMap<&'a str, Remembered<'a>>,
    /// Only filled when the document has text in capitals, the one place it is read.
    pub folded: WordMap<String, Remembered<'a>>,
}

/// A remembered name.
#[derive(Debug, Clone)]
pub(crate) struct Remembered<'a> {
    pub label: Label,
    pub canonical: &'a str,
    pub country: Option<&'a str>,
    pub rule: RuleId,
}

/// Gazetteer matches that fall on token boundaries, by the token they start at: (end byte,
/// entry).
#[derive(Debug, Default)]
pub(crate) struct GazIndex(pub Vec<Option<(usize, usize)>>);

impl GazIndex {
    /// The match starting at token `i`: (end byte, entry).
    pub fn get(&self, i: usize) -> Option<(usize, usize)> {
        self.0.get(i).copied().flatten()
    }

    /// True when a match starts at token `i`.
    pub fn contains(&self, i: usize) -> bool {
        self.get(i).is_some()
    }
}

/// Everything a rule may look at.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub gaz: &'a Gazetteer,
    /// Gazetteer matches by start byte: (end byte, entry).
    pub gaz_at: &'a GazIndex,
    pub memory: Option<&'a Memory<'a>>,
    /// When given, every span looked up in the memory is noted here.
    pub asked: Option<&'a std::cell::RefCell<Vec<(usize, usize)>>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn lx(&self) -> &'a Lexicon {
        &self.gaz.lexicon
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    pub(super) fn mention(&self, s: usize, e: usize, label: Label, rule: &'static str) -> Mention {
        Mention::new(s, e, label, self.text[s..e].to_string(), RuleId::Borrowed(rule), None)
    }

    pub(super) fn entry_mention(&self, s: usize, e: usize, entry: usize) -> Mention {
        let en = self.gaz.entry(entry);
        let rule = match en.source {
            "country" => "gazetteer/country",
            "subdivision" => "gazetteer/subdivision",
            "city" => "gazetteer/city",
            "nationality" => "gazetteer/nationality",
            "user" => "user/gazetteer",
            _ => "gazetteer/curated",
        };
        let mut m = Mention::new(
            s,
            e,
            en.label,
            en.canonical.clone(),
            RuleId::Borrowed(rule),
            en.country.clone(),
        );
        m.source = en.source;
        m
    }

    pub(super) fn remembered(&self, s: usize, e: usize) -> Option<Mention> {
        if let Some(asked) = self.asked {
            asked.borrow_mut().push((s, e));
        }
        let r = self.memory?.exact.get(&self.text[s..e])?;
        let country = r.country.map(str::to_string);
        Some(Mention::new(s, e, r.label, r.canonical.to_string(), r.rule.clone(), country))
    }

    /// Labels `seg` and pushes its mentions.
    pub fn classify(&self, seg: &Segment, out: &mut Vec<Mention>) {
        if seg.toks.is_empty() {
            return;
        }
        let (s, e) = seg.span(self.tokens);
        let n = seg.toks.len();
        // A numbered name: "Executive Order 13694", "Article 32", "Unit 61398", "Article
        // IV".
        let last = seg.toks[n - 1];
        if let (Some(label), Some(num)) =
            (self.lx().numbered.get(self.word(last)), self.tokens.get(last + 1))
        {
            let digits = self.text[num.start..num.end].bytes().all(|b| b.is_ascii_digit());
            if digits && num.start == self.tokens[last].end + 1 {
                out.push(self.mention(s, num.end, *label, "name/numbered"));
                return;
            }
        }
        if n >= 2 && super::lexicon::is_roman(self.word(last)) {
            if let Some(label) = self.lx().numbered.get(self.word(seg.toks[n - 2])) {
                out.push(self.mention(s, e, *label, "name/numbered"));
                return;
            }
        }
        // 1. Whole-segment names. A city that is the last name of a person the document
        // named ("Lincoln" after "Abraham Lincoln") is that person.
        if let Some((end, entry)) = self.gaz_at.get(seg.toks[0]) {
            if end == e && self.gaz.entry(entry).source == "city" {
                if let Some(m) = self.remembered(s, e).filter(|m| m.label == Label::Person) {
                    out.push(m);
                    return;
                }
            }
            // An abbreviation keeps its dot: "Calif.", "Mass.", "Ford Motor Co.".
            let dot = self.text.as_bytes().get(e) == Some(&b'.');
            if end == e + 1 && dot {
                out.push(self.entry_mention(s, end, entry));
                return;
            }
            if end == e {
                let suffix = self.lx().company_suffixes.contains(self.word(seg.toks[n - 1]));
                out.push(self.entry_mention(s, if dot && suffix { e + 1 } else { e }, entry));
                return;
            }
        }
        if let Some(m) = self.remembered(s, e) {
            out.push(m);
            return;
        }
        // A ship ("USS Cole", "HMS Victory") is neither a person nor an organisation.
        if n >= 2 && matches!(self.word(seg.toks[0]), "USS" | "HMS") {
            return;
        }
        // 2. Connectors need a head word ("Bureau of Industry and Security"); without one
        // they split the segment ("China and Russia").
        let particle = |j: &Join| match *j {
            Join::Connector(c) => self.lx().particles.contains(self.word(c)),
            _ => false,
        };
        if seg.joins.iter().any(|j| matches!(j, Join::Connector(_)) && !particle(j)) {
            if self.person_of_body(seg, out) {
                return;
            }
            // "President of the General Assembly": the body after a title and "of".
            if n >= 2
                && self.lx().titles.contains(self.word(seg.toks[0]))
                && matches!(seg.joins[0], Join::Connector(c) if self.word(c) == "of")
                && self.lx().org_heads.contains(self.word(seg.toks[n - 1]))
            {
                self.classify(&seg.slice(1, n), out);
                return;
            }
            match self.head_rule(seg) {
                // "Nikon and Screen Holdings" are two firms; "Bureau of Industry and
                // Security" and "Food and Drug Administration" are one body.
                Some((Label::Org, _)) if self.bare_and(seg) && !self.common_before_and(seg) => {
                    for part in
                        seg.split(|j| matches!(j, Join::Connector(c) if self.word(c) == "and"))
                    {
                        self.classify(&part, out);
                    }
                }
                Some((Label::Org, _)) if self.leading_place(seg).is_some() => {
                    out.push(self.mention(s, e, Label::Org, "org/country-body"));
                }
                Some((label, rule)) => out.push(self.mention(s, e, label, rule)),
                None => {
                    let parts = seg.split(|j| matches!(j, Join::Connector(_)));
                    for (k, part) in parts.iter().enumerate() {
                        // "Secretary of State Jane Doe": after a title and "of", the
                        // portfolio comes first and the person's name last.
                        let after_title = k > 0 && {
                            let prev = &parts[k - 1];
                            self.lx().titles.contains(self.word(prev.toks[prev.toks.len() - 1]))
                        };
                        if after_title {
                            let prev = &parts[k - 1];
                            let title = prev.toks[prev.toks.len() - 1];
                            let n = part.toks.len();
                            let given =
                                (1..n).find(|&q| self.lx().given.contains(self.word(part.toks[q])));
                            let portfolio =
                                self.portfolio(&part.slice(0, given.unwrap_or(n)), title);
                            if let Some(m) = portfolio {
                                out.push(m);
                                if given.is_none() {
                                    continue;
                                }
                            }
                            if let Some(q) = given {
                                self.person_after_title(&part.slice(q, n), out);
                                continue;
                            }
                        }
                        self.classify(part, out);
                    }
                }
            }
            return;
        }
        // Two bodies joined by a hyphen are two names: "a House-Senate conference".
        if n == 2 && seg.joins[0] == Join::Hyphen {
            let body = |i: usize| {
                let w = self.word(seg.toks[i]);
                w == "House" || self.lx().public_heads.contains(w)
            };
            if body(0) && body(1) {
                self.classify(&seg.slice(0, 1), out);
                self.classify(&seg.slice(1, 2), out);
                return;
            }
        }
        // 3. Head words. A country before a public body belongs to the body's name, as in
        // OntoNotes ("[U.S. Justice Department]"), and so does a hyphenated pair
        // ("U.S.-China Cyber Working Group").
        if n >= 2 {
            if let Some((label, rule)) = self.head_rule(seg) {
                // "Yangtze Memory Technologies Co.": the abbreviation keeps its dot.
                if rule == "org/company-suffix" {
                    let last = seg.toks[n - 1];
                    if let Some(dot) = self.tokens.get(last + 1) {
                        if dot.start == e && &self.text[dot.start..dot.end] == "." {
                            out.push(self.mention(s, dot.end, label, rule));
                            return;
                        }
                    }
                }
                if label == Label::Org && self.leading_place(seg).is_some() {
                    out.push(self.mention(s, e, Label::Org, "org/country-body"));
                    return;
                }
                out.push(self.mention(s, e, label, rule));
                return;
            }
        }
        // A place before a known organisation or a public body: "U.S. Treasury", "Kansas
        // City Fed".
        if n >= 2 && self.leading_place(seg).is_some() {
            out.push(self.mention(s, e, Label::Org, "org/country-body"));
            return;
        }
        // A name that looks like a person's, in the context of an organisation.
        if let Some(m) = self.org_by_context(seg) {
            out.push(m);
            return;
        }
        // 4. Titles.
        if let Some(k) = (0..n.saturating_sub(1)).rev().find(|&k| self.is_title_at(seg, k)) {
            let mut left = k;
            while left > 0 && self.lx().title_modifiers.contains(self.word(seg.toks[left - 1])) {
                left -= 1;
            }
            // Before the title only known names count ("[U.S.] President", "[Senate]
            // Majority Leader"); portfolio words do not ("Homeland Security Secretary").
            if left > 0 {
                let before = seg.slice(0, left);
                if let Some(m) = self.portfolio(&before, seg.toks[k]) {
                    out.push(m);
                } else {
                    let mut known = Vec::new();
                    self.classify(&before, &mut known);
                    out.extend(known.into_iter().filter(|m| !m.rule.starts_with("guess/")));
                }
            }
            self.person_after_title(&seg.slice(k + 1, n), out);
            return;
        }
        // An ampersand joins the names of a firm ("Procter & Gamble").
        if seg.joins.iter().any(|j| matches!(j, Join::Amp)) {
            out.push(self.mention(s, e, Label::Org, "org/ampersand"));
            return;
        }
        // Hyphens without a head split the segment when a part is a known name
        // ("U.S.-China"), not otherwise ("Marie-Claire Dufort").
        let known_part = seg
            .toks
            .iter()
            .any(|&i| self.gaz_at.get(i).is_some_and(|(end, _)| end == self.tokens[i].end));
        if known_part && seg.joins.iter().any(|j| matches!(j, Join::Hyphen)) {
            for part in seg.split(|j| matches!(j, Join::Hyphen)) {
                self.classify(&part, out);
            }
            return;
        }
        // Name particles ("van der") make a person's name.
        if seg.joins.iter().any(particle) {
            out.push(self.mention(s, e, Label::Person, "person/particle"));
            return;
        }
        // 5. Person names.
        if let Some(m) = self.person_rule(seg) {
            out.push(m);
            return;
        }
        // 6. A place or nationality with other capitalised words: a team or firm named
        // after it ("Real Madrid", "Air France"), or a people ("West Indian").
        if n >= 2 {
            if let Some(m) = self.named_after_place(seg) {
                // A town named after another place, before its state: "Dunmore Heights,
                // Pa.".
                if self.before_its_region(seg) {
                    out.push(self.mention(s, e, Label::Gpe, "guess/place"));
                    return;
                }
                // A given name before a surname that is also a town ("Maria Denver"), or
                // before names one of which is a place ("Maria Elmira Vale"). A given name
                // may be a town's name too ("Mary", "George"), not a country's or a state's.
                let first = seg.toks[0];
                let town_or_none = match self.gaz_at.get(first) {
                    None => true,
                    Some((_, entry)) => self.gaz.entry(entry).source == "city",
                };
                if self.lx().given.contains(self.word(first)) && town_or_none {
                    out.push(self.mention(s, e, Label::Person, "person/given-name"));
                    return;
                }
                out.push(m);
                return;
            }
        }
        // A known person's name after unknown words ("Irina Volkova").
        if n >= 2 {
            let known_person = self.gaz_at.get(seg.toks[n - 1]).is_some_and(|(end, entry)| {
                end == e && self.gaz.entry(entry).label == Label::Person
            });
            if known_person && !(0..n - 1).any(|k| self.gaz_at.contains(seg.toks[k])) {
                out.push(self.mention(s, e, Label::Person, "person/given-name"));
                return;
            }
        }
        // 7. Gazetteer names inside.
        if n >= 2 {
            let mut k = 0;
            let mut rest_start = 0;
            let mut found = false;
            while k < n {
                let t = &self.tokens[seg.toks[k]];
                if let Some((end, entry)) = self.gaz_at.get(seg.toks[k]) {
                    if let Some(k_end) = (k..n).find(|&q| self.tokens[seg.toks[q]].end == end) {
                        if rest_start < k {
                            self.guess(&seg.slice(rest_start, k), out);
                        }
                        out.push(self.entry_mention(t.start, end, entry));
                        found = true;
                        k = k_end + 1;
                        rest_start = k;
                        continue;
                    }
                }
                k += 1;
            }
            if found {
                if rest_start < n {
                    self.guess(&seg.slice(rest_start, n), out);
                }
                return;
            }
        }
        // 8. Unknown words.
        self.guess(seg, out);
    }

    /// True when the words before the segment's first "and" are ordinary words that name
    /// nothing on their own, perhaps after a known body, as in "Trade and Industry
    /// Ministry" and "Senate Rules and Procedures Committee", unlike "Nikon and Screen
    /// Holdings".
    fn common_before_and(&self, seg: &Segment) -> bool {
        let Some(k) = seg
            .joins
            .iter()
            .position(|j| matches!(*j, Join::Connector(c) if self.word(c) == "and"))
        else {
            return false;
        };
        // A known body may open it: "Senate Rules and Procedures Committee".
        let body = |i: usize| {
            self.gaz_at.get(i).is_some_and(|(end, entry)| {
                end == self.tokens[i].end && self.gaz.entry(entry).label == Label::Org
            })
        };
        (0..=k).all(|q| {
            let i = seg.toks[q];
            (q == 0 && k >= 1 && body(i))
                || (self.lx().is_common(self.word(i)) && !self.gaz_at.contains(i))
        })
    }

    /// A department named by its portfolio next to the title "Secretary" ("[Treasury]
    /// Secretary", "Secretary of [State]"): `org/portfolio`.
    fn portfolio(&self, seg: &Segment, title: usize) -> Option<Mention> {
        if !matches!(self.word(title), "Secretary" | "Undersecretary") || seg.toks.is_empty() {
            return None;
        }
        let (s, e) = seg.span(self.tokens);
        if !self.lx().portfolios.contains(&self.text[s..e]) {
            return None;
        }
        // The department's name is the canonical one where the gazetteer knows it
        // ("State" -> "State Department"), so that it merges with its other mentions.
        let mut m = self.mention(s, e, Label::Org, "org/portfolio");
        if let Some(entry) = self.gaz.lookup_folded(&format!("{} Department", &self.text[s..e])) {
            m.canonical = self.gaz.entry(entry).canonical.clone();
        }
        Some(m)
    }

    /// True when the segment has an "and" with no "of" or "for" before it.
    fn bare_and(&self, seg: &Segment) -> bool {
        for j in &seg.joins {
            if let Join::Connector(c) = *j {
                match self.word(c) {
                    "of" | "for" => return false,
                    "and" => return true,
                    _ => {}
                }
            }
        }
        false
    }
}

/// Title-cases an all-capitals word ("SMITH" -> "Smith"); other words unchanged.
pub(super) trait UpperFirst {
    fn to_uppercase_first(&self) -> String;
}

impl UpperFirst for str {
    fn to_uppercase_first(&self) -> String {
        if self.chars().all(|c| !c.is_lowercase()) {
            let mut cs = self.chars();
            match cs.next() {
                Some(f) => f.to_string() + &cs.as_str().to_lowercase(),
                None => String::new(),
            }
        } else {
            self.to_string()
        }
    }
}

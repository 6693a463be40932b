//! Span conventions applied to every mention once the rules have labelled it, so that
//! spans follow OntoNotes 5.0:
//! - a leading "the" belongs to a name of two or more words of an organisation, facility,
//!   place, event, law or country ("[the European Union] said", "[the Gaza Strip]"), but not
//!   to a one-word name ("the [Pentagon]") nor to a name that modifies the noun after it
//!   ("the [Harbor Stock Exchange] chairman", "the [World Bank] loans");
//! - a name of two or more words, or a hyphenated one, keeps the possessive that follows
//!   it ("[Hollis Widget Inc.'s] magazine", "[Maria Kessler's] visit", "[the Justice
//!   Department's] view", "[Dunmore-Pacific's] plant"); a one-word name leaves it outside
//!   ("[China]'s");
//! - a person's name keeps the dot of "Jr." and "Sr.";
//! - a place keeps the word for its kind that follows it ("[Jiangsu province]", "[Hong Kong
//!   SAR]");
//! - two amounts or percentages joined as a range are one ("[$320 to $410]", "[between $4
//!   billion and $5 billion]", "[between 4% and 6%]"); a change "from [$118] to [$95]" is
//!   two;
//! - an amount or a percentage keeps the words that say how exact it is ("[about $5
//!   million]", "[more than 20%]", "[nearly 7 percent]").

use super::Mention;
use crate::extract::Label;

/// Lower-case words that may follow a name that heads its noun phrase: function words,
/// auxiliaries and common reporting verbs. Any other lower-case word after a name makes the
/// name a modifier of that word.
const AFTER_HEAD: &[&str] = &[
    "a",
    "about",
    "according",
    "across",
    "added",
    "after",
    "again",
    "against",
    "ago",
    "agreed",
    "all",
    "already",
    "also",
    "although",
    "amid",
    "among",
    "an",
    "and",
    "announced",
    "any",
    "are",
    "argued",
    "as",
    "asked",
    "at",
    "became",
    "because",
    "been",
    "before",
    "began",
    "believes",
    "between",
    "both",
    "but",
    "by",
    "called",
    "can",
    "could",
    "decided",
    "did",
    "does",
    "down",
    "during",
    "each",
    "earlier",
    "either",
    "even",
    "every",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "last",
    "late",
    "later",
    "like",
    "may",
    "might",
    "must",
    "near",
    "never",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "or",
    "our",
    "out",
    "over",
    "recently",
    "reported",
    "said",
    "says",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "still",
    "than",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "toward",
    "towards",
    "under",
    "unless",
    "until",
    "up",
    "upon",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yesterday",
];

/// Irregular past tenses, which follow a name that is the subject of its clause.
const IRREGULAR_PAST: &[&str] = &[
    "became", "began", "bought", "brought", "built", "came", "chose", "cut", "fell", "felt",
    "found", "gave", "got", "held", "hit", "kept", "led", "left", "lost", "made", "meant", "met",
    "paid", "put", "ran", "rose", "saw", "sent", "set", "sold", "spent", "struck", "took", "went",
    "won", "wrote",
];

/// Words before an amount or a percentage that belong to it, longest first where one
/// ends another ("well over" before "over").
const QUANTIFIERS: &[&str] = &[
    "as little as",
    "an additional",
    "as high as",
    "as much as",
    "as low as",
    "an estimated",
    "approximately",
    "well over",
    "more than",
    "less than",
    "close to",
    "at least",
    "another",
    "roughly",
    "almost",
    "around",
    "nearly",
    "about",
    "only",
    "just",
    "some",
    "over",
];

/// Applies the conventions of the module docs. `ms` is sorted and free of overlaps; it
/// stays so, because what joins a mention (a "the", a quantifier, a possessive) is never
/// part of another.
pub(crate) fn apply(text: &str, ms: &mut Vec<Mention>) {
    join_money_ranges(text, ms);
    join_portfolio_lists(text, ms);
    extend(text, ms);
}

/// Extends a ministry or department named by a list of portfolios over the rest of the
/// list: "[the Ministry of Ports, Fisheries and Forestry]". The rest is capitalised words
/// after commas and a last "and", none of them part of another mention.
fn join_portfolio_lists(text: &str, ms: &mut [Mention]) {
    for i in 0..ms.len() {
        let m = &ms[i];
        let name = text[m.start..m.end].strip_prefix("the ").unwrap_or(&text[m.start..m.end]);
        let name = name.strip_prefix("The ").unwrap_or(name);
        if m.label != Label::Org
            || !(name.starts_with("Ministry of ") || name.starts_with("Department of "))
        {
            continue;
        }
        let limit = ms.get(i + 1).map_or(text.len(), |n| n.start);
        let mut at = m.end;
        let mut end = None;
        // ", Ports", ", Ports", " and Forestry" (or ", and Forestry").
        for _ in 0..6 {
            let rest = &text[at..limit];
            let (sep, last) = if let Some(r) = rest.strip_prefix(", and ") {
                (rest.len() - r.len(), true)
            } else if let Some(r) = rest.strip_prefix(" and ") {
                (rest.len() - r.len(), true)
            } else if let Some(r) = rest.strip_prefix(", ") {
                (rest.len() - r.len(), false)
            } else {
                break;
            };
            let word = &rest[sep..];
            let len = word.find(|c: char| !c.is_alphabetic()).unwrap_or(word.len());
            let capitalised = word.starts_with(char::is_uppercase)
                && word[..len].chars().skip(1).all(char::is_lowercase)
                && len > 2;
            if !capitalised {
                break;
            }
            at += sep + len;
            if last {
                end = Some(at);
                break;
            }
        }
        if let Some(end) = end {
            ms[i].end = end;
        }
    }
}

/// Joins two amounts or percentages that make a range: "$320 to $410", "between $4
/// billion and $5 billion", "between 4% and 6%". A change "from $118 to $95" is two
/// amounts.
fn join_money_ranges(text: &str, ms: &mut Vec<Mention>) {
    let amount = |l: Label| matches!(l, Label::Money | Label::Percent);
    if !ms.windows(2).any(|w| amount(w[0].label) && w[1].label == w[0].label) {
        return;
    }
    let mut out: Vec<Mention> = Vec::with_capacity(ms.len());
    for m in ms.drain(..) {
        if let Some(prev) = out.last_mut() {
            if amount(prev.label) && m.label == prev.label {
                let gap = &text[prev.end..m.start];
                let opener = |w: &str| word_before(text, prev.start, w);
                let start = match gap {
                    " to " | "-" | " - " if prev.label == Label::Money => {
                        opener("from").is_none().then_some(prev.start)
                    }
                    " and " => opener("between"),
                    _ => None,
                };
                if let Some(start) = start {
                    prev.start = start;
                    prev.end = m.end;
                    continue;
                }
            }
        }
        out.push(m);
    }
    *ms = out;
}

/// Extends single mentions: "the", kinds of places, quantifiers, possessives, "Jr.".
fn extend(text: &str, ms: &mut [Mention]) {
    for m in ms.iter_mut() {
        if matches!(m.label, Label::Money | Label::Percent) {
            // At most two: "[only around 12 percent]".
            for _ in 0..2 {
                match quantifier(text, m.start) {
                    Some(start) => m.start = start,
                    None => break,
                }
            }
            continue;
        }
        if m.label == Label::Gpe {
            let rest = &text[m.end..];
            if let Some(kind) = ["province", "Province", "prefecture", "SAR"]
                .iter()
                .find(|k| rest.strip_prefix(' ').is_some_and(|r| word_at(r, k)))
            {
                m.end += 1 + kind.len();
            }
        }
        // "T. Rand Holloway Jr.": the dot of a generational suffix belongs to the name.
        if m.label == Label::Person
            && (text[..m.end].ends_with(" Jr") || text[..m.end].ends_with(" Sr"))
            && text[m.end..].starts_with('.')
        {
            m.end += 1;
        }
        let several_words = text[m.start..m.end].contains(char::is_whitespace);
        if several_words && takes_the(m.label) {
            if let Some(the) = leading_the(text, m.start) {
                if !modifies_next(text, m.end) {
                    m.start = the;
                }
            }
        }
        // A hyphenated name counts as several words here: "[Dunmore-Pacific's] plant".
        let compound = several_words || text[m.start..m.end].contains('-');
        if compound && takes_possessive(m.label) {
            m.end += possessive(&text[m.end..]);
        }
    }
}

fn takes_possessive(label: Label) -> bool {
    matches!(label, Label::Person | Label::Org | Label::Gpe | Label::Loc | Label::Fac)
}

/// The length in bytes of a possessive "'s" (or "’s") at the start of `rest`, or 0.
fn possessive(rest: &str) -> usize {
    ["'s", "\u{2019}s"]
        .iter()
        .find(|p| {
            rest.strip_prefix(*p)
                .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
        })
        .map_or(0, |p| p.len())
}

fn takes_the(label: Label) -> bool {
    matches!(label, Label::Org | Label::Fac | Label::Loc | Label::Event | Label::Law | Label::Gpe)
}

/// True when `text` starts with the word `word`.
fn word_at(text: &str, word: &str) -> bool {
    text.strip_prefix(word).is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

/// The start of a quantifier ("about ", "More than ") that ends at `start`.
fn quantifier(text: &str, start: usize) -> Option<usize> {
    QUANTIFIERS.iter().find_map(|q| word_before(text, start, q))
}

/// The start of a "the " or "The " that ends at `start` and starts a word.
fn leading_the(text: &str, start: usize) -> Option<usize> {
    word_before(text, start, "the")
}

/// The start of `word` (its first letter in either case) followed by one space at
/// `start`, when it starts a word of the text.
fn word_before(text: &str, start: usize, word: &str) -> Option<usize> {
    let before = text[..start].strip_suffix(' ')?;
    let at = before.len().checked_sub(word.len())?;
    let found = before.get(at..)?;
    let same = found.eq_ignore_ascii_case(word) && found[1..] == word[1..];
    let boundary = before[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    (same && boundary).then_some(at)
}

/// True when the word after `end` is a lower-case word that the name modifies, or the
/// name opens a hyphenated modifier ("Dunmore-based").
pub(super) fn modifies_next(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    // "the Dunmore-based firm": the name is part of a compound modifier.
    if rest.strip_prefix('-').is_some_and(|r| r.starts_with(|c: char| c.is_lowercase())) {
        return true;
    }
    let Some(after) = rest.strip_prefix(' ') else { return false };
    let word: &str = after.split(|c: char| !c.is_alphabetic() && c != '-').next().unwrap_or("");
    if word.is_empty() || !word.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    // A verb in the past or third person ("the World Bank approved", "the Commission
    // proposes") follows the head of its clause.
    if word.len() > 4 && (word.ends_with("ed") || word.ends_with('s') && !word.ends_with("ss")) {
        return false;
    }
    AFTER_HEAD.binary_search(&word).is_err() && IRREGULAR_PAST.binary_search(&word).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::RuleId;

    /// The span of `name` in `text` once the conventions are applied.
    fn run(text: &str, name: &str, label: Label) -> String {
        run_all(text, &[name], label).remove(0)
    }

    /// The spans of `names` in `text` once the conventions are applied.
    fn run_all(text: &str, names: &[&str], label: Label) -> Vec<String> {
        let mut ms: Vec<Mention> = names
            .iter()
            .map(|name| {
                let start = text.find(name).unwrap();
                Mention::new(
                    start,
                    start + name.len(),
                    label,
                    name.to_string(),
                    RuleId::Borrowed("t"),
                    None,
                )
            })
            .collect();
        apply(text, &mut ms);
        ms.iter().map(|m| text[m.start..m.end].to_string()).collect()
    }

    #[test]
    fn word_lists_are_sorted() {
        assert!(AFTER_HEAD.windows(2).all(|w| w[0] < w[1]));
        assert!(IRREGULAR_PAST.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_joins_names_of_several_words() {
        assert_eq!(
            run("Then the European Union said no.", "European Union", Label::Org),
            "the European Union"
        );
        assert_eq!(run("The Gaza Strip is small.", "Gaza Strip", Label::Gpe), "The Gaza Strip");
        assert_eq!(
            run("the Justice Department's view", "Justice Department", Label::Org),
            "the Justice Department's"
        );
        assert_eq!(run("in the Persian Gulf.", "Persian Gulf", Label::Loc), "the Persian Gulf");
    }

    #[test]
    fn names_of_several_words_keep_their_possessive() {
        assert_eq!(run("Maria Kessler's visit", "Maria Kessler", Label::Person), "Maria Kessler's");
        assert_eq!(
            run("Acme Widgets Inc.\u{2019}s unit", "Acme Widgets Inc.", Label::Org),
            "Acme Widgets Inc.\u{2019}s"
        );
        assert_eq!(run("in China's south", "China", Label::Gpe), "China");
        assert_eq!(run("Maria Kessler'sx", "Maria Kessler", Label::Person), "Maria Kessler");
        assert_eq!(
            run("the Chinese Americans' votes", "Chinese Americans", Label::Norp),
            "Chinese Americans"
        );
    }

    #[test]
    fn portfolio_lists_belong_to_the_ministry() {
        let t = "the Ministry of Ports, Fisheries and Forestry said";
        assert_eq!(
            run(t, "Ministry of Ports", Label::Org),
            "the Ministry of Ports, Fisheries and Forestry"
        );
        let t = "the Ministry of Ports, Brellow and others";
        assert_eq!(run(t, "Ministry of Ports", Label::Org), "the Ministry of Ports");
    }

    #[test]
    fn ranges_of_amounts_are_one() {
        assert_eq!(run_all("cost $35 to $45 each", &["$35", "$45"], Label::Money), ["$35 to $45"]);
        assert_eq!(
            run_all("fell from $118 to $95.", &["$118", "$95"], Label::Money),
            ["$118", "$95"]
        );
        assert_eq!(
            run_all("between 4% and 6% a year", &["4%", "6%"], Label::Percent),
            ["between 4% and 6%"]
        );
        assert_eq!(run("as much as $43.17 more", "$43.17", Label::Money), "as much as $43.17");
        assert_eq!(
            run_all(
                "between $4 billion and $5 billion",
                &["$4 billion", "$5 billion"],
                Label::Money
            ),
            ["between $4 billion and $5 billion"]
        );
        assert_eq!(run_all("paid $4 and $5 for them", &["$4", "$5"], Label::Money), ["$4", "$5"]);
    }

    #[test]
    fn generational_suffixes_keep_their_dot() {
        assert_eq!(
            run("said Tom Arledge Jr. today", "Tom Arledge Jr", Label::Person),
            "Tom Arledge Jr."
        );
        assert_eq!(
            run("said Tom Arledge Jr today", "Tom Arledge Jr", Label::Person),
            "Tom Arledge Jr"
        );
    }

    #[test]
    fn kinds_of_places_join_them() {
        assert_eq!(run("in Jiangsu province, a", "Jiangsu", Label::Gpe), "Jiangsu province");
        assert_eq!(run("in Jiangsu provincial towns", "Jiangsu", Label::Gpe), "Jiangsu");
    }

    #[test]
    fn quantifiers_join_amounts() {
        assert_eq!(
            run("It cost about $6.3 million.", "$6.3 million", Label::Money),
            "about $6.3 million"
        );
        assert_eq!(run("More than 20% left.", "20%", Label::Percent), "More than 20%");
        assert_eq!(run("well over 11% now", "11%", Label::Percent), "well over 11%");
        assert_eq!(run("a turnabout $5 deal", "$5", Label::Money), "$5");
        assert_eq!(run("up to $7 billion", "$7 billion", Label::Money), "$7 billion");
    }

    #[test]
    fn a_hyphenated_name_keeps_its_possessive() {
        assert_eq!(
            run("Dunmore-Pacific's plant", "Dunmore-Pacific", Label::Org),
            "Dunmore-Pacific's"
        );
        assert_eq!(run("Dunmore's plant", "Dunmore", Label::Org), "Dunmore");
    }

    #[test]
    fn a_name_in_a_hyphenated_modifier_takes_no_the() {
        assert_eq!(
            run("the Harbor Stock Exchange-owned unit", "Harbor Stock Exchange", Label::Org),
            "Harbor Stock Exchange"
        );
    }

    #[test]
    fn the_stays_outside_otherwise() {
        assert_eq!(run("the Pentagon said", "Pentagon", Label::Org), "Pentagon");
        assert_eq!(
            run("the Harbor Stock Exchange chairman", "Harbor Stock Exchange", Label::Org),
            "Harbor Stock Exchange"
        );
        assert_eq!(run("the Chinese government", "Chinese", Label::Norp), "Chinese");
        assert_eq!(run("the Barack Obama era", "Barack Obama", Label::Person), "Barack Obama");
        assert_eq!(
            run("breathe European Union air", "European Union", Label::Org),
            "European Union"
        );
    }
}

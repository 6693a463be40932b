//! The built-in word lists: gazetteers (names with a label, a canonical name and a country)
//! and the word classes the rules use as cues. Parsed once, on first use.
//!
//! Sources and licences of every list are in `data/README.md`.

use serde::Deserialize;
use std::collections::HashSet;

use super::hash::{WordMap, WordSet};
use crate::extract::Label;

static COUNTRIES: &str = include_str!("data/countries.tsv");
static SUBDIVISIONS: &str = include_str!("data/subdivisions.tsv");
static CITIES: &str = include_str!("data/cities.tsv");
static NATIONALITIES: &str = include_str!("data/nationalities.tsv");
static GAZETTEER: &str = include_str!("data/gazetteer.tsv");
static GIVEN_NAMES: &str = include_str!("data/given_names.txt");
static SURNAMES: &str = include_str!("data/surnames.txt");
static COMMON_WORDS: &str = include_str!("data/common_words.txt");
static CUES: &str = include_str!("data/cues.toml");

/// The parsed built-in lists (those of the built-in gazetteer).
/// True for a Roman numeral up to 39 written in capitals ("II", "XIV").
pub(crate) fn is_roman(w: &str) -> bool {
    let tail = w.trim_start_matches('X');
    w.len() - tail.len() <= 3
        && matches!(tail, "" | "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX")
        && !w.is_empty()
}

#[cfg(test)]
pub(crate) fn builtin() -> &'static Lexicon {
    &super::BUILTIN_GAZ.lexicon
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The name as written in texts.
    pub name: String,
    /// Its label.
    pub label: Label,
    /// The canonical name.
    pub canonical: String,
    /// ISO 3166-1 alpha-2 code, for countries, places and nationalities.
    pub country: Option<String>,
    /// Which list it came from (`country`, `city`, `nationality`, `curated`, `user`).
    pub source: &'static str,
}

/// Word classes used as cues by the rules (see `data/cues.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Cues {
    pub titles: Vec<String>,
    pub title_modifiers: Vec<String>,
    pub org_heads: Vec<String>,
    pub public_heads: Vec<String>,
    pub company_suffixes: Vec<String>,
    pub law_heads: Vec<String>,
    pub event_heads: Vec<String>,
    pub loc_heads: Vec<String>,
    pub gpe_heads: Vec<String>,
    pub fac_heads: Vec<String>,
    pub org_of_heads: Vec<String>,
    pub connectors: Vec<String>,
    pub particles: Vec<String>,
    pub blocked: Vec<String>,
    pub place_prepositions: Vec<String>,
    pub person_verbs: Vec<String>,
    pub function_words: Vec<String>,
    pub portfolios: Vec<String>,
    pub loc_first_words: Vec<String>,
    pub common_abbreviations: Vec<String>,
    pub member_roles: Vec<String>,
    pub market_verbs: Vec<String>,
    pub style_capitals: Vec<String>,
    pub numbered: Vec<(String, String)>,
}

/// Word sets for fast membership tests.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Gazetteer entries; the first entry of a name wins.
    pub entries: Vec<Entry>,
    /// Lower-cased name -> index into `entries`, for all-capitals text.
    pub folded: WordMap<String, usize>,
    pub given: WordSet<&'static str>,
    pub surnames: WordSet<&'static str>,
    pub common: WordSet<&'static str>,
    pub cues: Cues,
    pub titles: WordSet<String>,
    pub title_modifiers: WordSet<String>,
    pub org_heads: WordSet<String>,
    pub public_heads: WordSet<String>,
    pub company_suffixes: WordSet<String>,
    pub law_heads: WordSet<String>,
    pub event_heads: WordSet<String>,
    pub loc_heads: WordSet<String>,
    pub gpe_heads: WordSet<String>,
    pub fac_heads: WordSet<String>,
    pub org_of_heads: WordSet<String>,
    pub connectors: WordSet<String>,
    pub particles: WordSet<String>,
    pub blocked: WordSet<String>,
    pub place_prepositions: WordSet<String>,
    pub person_verbs: WordSet<String>,
    pub function_words: WordSet<String>,
    pub portfolios: WordSet<String>,
    pub loc_first_words: WordSet<String>,
    pub common_abbreviations: WordSet<String>,
    pub member_roles: WordSet<String>,
    pub market_verbs: WordSet<String>,
    pub style_capitals: WordSet<String>,
    pub numbered: WordMap<String, Label>,
}

/// Adds the places of a `name<TAB>canonical<TAB>country code` table as GPE entries.
fn push_places(entries: &mut Vec<Entry>, table: &str, source: &'static str) {
    for line in data_lines(table) {
        let f: Vec<&str> = line.split('\t').collect();
        if let [name, canonical, country] = f[..] {
            entries.push(Entry {
                name: name.into(),
                label: Label::Gpe,
                canonical: canonical.into(),
                country: Some(country.into()),
                source,
            });
        }
    }
}

/// Lines of a list file that are not blank and not comments.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// The built-in lists, parsed.
    pub(crate) fn builtin() -> Lexicon {
        let mut entries = Vec::new();
        // Curated entries first: they win over generated ones of the same name.
        for line in data_lines(GAZETTEER) {
            let f: Vec<&str> = line.split('\t').collect();
            let label = Label::parse(f.get(1).copied().unwrap_or("")).unwrap_or(Label::Org);
            let name = f[0].to_string();
            let canonical = f.get(2).map_or_else(|| name.clone(), |c| c.to_string());
            let country = f.get(3).filter(|c| !c.is_empty()).map(|c| c.to_string());
            entries.push(Entry { name, label, canonical, country, source: "curated" });
        }
        push_places(&mut entries, COUNTRIES, "country");
        let singular: HashSet<&str> =
            data_lines(NATIONALITIES).filter_map(|l| l.split('\t').next()).collect();
        for line in data_lines(NATIONALITIES) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() == 3 {
                // "Americans" -> "American" when the singular is listed too.
                let canonical = match f[0].strip_suffix('s') {
                    Some(one) if singular.contains(one) => one,
                    _ => f[0],
                };
                entries.push(Entry {
                    name: f[0].into(),
                    label: Label::Norp,
                    canonical: canonical.into(),
                    country: Some(f[2].into()),
                    source: "nationality",
                });
            }
        }
        for line in data_lines(CITIES) {
            if let Some((name, cc)) = line.split_once('\t') {
                entries.push(Entry {
                    name: name.into(),
                    label: Label::Gpe,
                    canonical: name.into(),
                    country: Some(cc.into()),
                    source: "city",
                });
            }
        }
        push_places(&mut entries, SUBDIVISIONS, "subdivision");
        let cues: Cues = toml::from_str(CUES).expect("data/cues.toml is valid");
        Lexicon::from_parts(entries, cues)
    }

    /// A lexicon from entries (first of a name wins) and cues.
    pub(crate) fn from_parts(entries: Vec<Entry>, cues: Cues) -> Lexicon {
        let mut seen = HashSet::new();
        let entries: Vec<Entry> =
            entries.into_iter().filter(|e| seen.insert(e.name.clone())).collect();
        let mut folded = WordMap::default();
        for (i, e) in entries.iter().enumerate() {
            folded.entry(e.name.to_lowercase()).or_insert(i);
        }
        let set = |v: &[String]| v.iter().cloned().collect::<WordSet<String>>();
        Lexicon {
            folded,
            given: data_lines(GIVEN_NAMES).collect(),
            surnames: data_lines(SURNAMES).collect(),
            common: data_lines(COMMON_WORDS).collect(),
            titles: set(&cues.titles),
            title_modifiers: set(&cues.title_modifiers),
            org_heads: set(&cues.org_heads),
            public_heads: set(&cues.public_heads),
            company_suffixes: set(&cues.company_suffixes),
            law_heads: set(&cues.law_heads),
            event_heads: set(&cues.event_heads),
            loc_heads: set(&cues.loc_heads),
            gpe_heads: set(&cues.gpe_heads),
            fac_heads: set(&cues.fac_heads),
            org_of_heads: set(&cues.org_of_heads),
            connectors: set(&cues.connectors),
            particles: set(&cues.particles),
            blocked: set(&cues.blocked),
            place_prepositions: set(&cues.place_prepositions),
            person_verbs: set(&cues.person_verbs),
            function_words: set(&cues.function_words),
            portfolios: set(&cues.portfolios),
            loc_first_words: set(&cues.loc_first_words),
            common_abbreviations: set(&cues.common_abbreviations),
            member_roles: set(&cues.member_roles),
            market_verbs: set(&cues.market_verbs),
            style_capitals: set(&cues.style_capitals),
            numbered: cues
                .numbered
                .iter()
                .filter_map(|(w, l)| Some((w.clone(), Label::parse(l)?)))
                .collect(),
            entries,
            cues,
        }
    }

    /// True when `word` ends as English adjectives do ("Federal", "Eastern", "Pacific",
    /// "Native", "Famous"): such a word is no name on its own.
    pub(crate) fn has_adjective_ending(word: &str) -> bool {
        const ENDINGS: &[&str] = &["al", "an", "ary", "ern", "ful", "ic", "ive", "ous"];
        ENDINGS.iter().any(|end| word.ends_with(end))
    }

    /// True when `word` is a title or completes one ("Senator", "Deputy", "Vice").
    pub(crate) fn is_title_word(&self, word: &str) -> bool {
        self.titles.contains(word) || self.title_modifiers.contains(word)
    }

    /// True when `word` (as written) is an ordinary lower-case English word.
    pub(crate) fn is_common(&self, word: &str) -> bool {
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            return self.common.contains(word);
        }
        // Short ASCII words, most of those asked about, are lower-cased on the stack.
        let mut buf = [0u8; 32];
        if word.len() <= buf.len() && word.is_ascii() {
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return std::str::from_utf8(lower).is_ok_and(|w| self.common.contains(w));
        }
        self.common.contains(word.to_lowercase().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_sorted(name: &str, items: &[&str]) {
        for w in items.windows(2) {
            assert!(w[0] < w[1], "{name}: {:?} before {:?} (unsorted or duplicate)", w[0], w[1]);
        }
    }

    #[test]
    fn lists_are_sorted_and_deduplicated() {
        for (name, text) in [
            ("countries.tsv", COUNTRIES),
            ("subdivisions.tsv", SUBDIVISIONS),
            ("cities.tsv", CITIES),
            ("nationalities.tsv", NATIONALITIES),
            ("gazetteer.tsv", GAZETTEER),
            ("given_names.txt", GIVEN_NAMES),
            ("surnames.txt", SURNAMES),
            ("common_words.txt", COMMON_WORDS),
        ] {
            let keys: Vec<&str> = data_lines(text).map(|l| l.split('\t').next().unwrap()).collect();
            assert!(!keys.is_empty(), "{name} is empty");
            if name != "countries.tsv" && name != "subdivisions.tsv" {
                assert_sorted(name, &keys);
            }
        }
        let c = &builtin().cues;
        for (name, v) in [
            ("titles", &c.titles),
            ("title_modifiers", &c.title_modifiers),
            ("org_heads", &c.org_heads),
            ("public_heads", &c.public_heads),
            ("company_suffixes", &c.company_suffixes),
            ("law_heads", &c.law_heads),
            ("event_heads", &c.event_heads),
            ("loc_heads", &c.loc_heads),
            ("gpe_heads", &c.gpe_heads),
            ("fac_heads", &c.fac_heads),
            ("org_of_heads", &c.org_of_heads),
            ("connectors", &c.connectors),
            ("particles", &c.particles),
            ("blocked", &c.blocked),
            ("place_prepositions", &c.place_prepositions),
            ("person_verbs", &c.person_verbs),
            ("function_words", &c.function_words),
            ("portfolios", &c.portfolios),
            ("loc_first_words", &c.loc_first_words),
            ("common_abbreviations", &c.common_abbreviations),
            ("member_roles", &c.member_roles),
            ("market_verbs", &c.market_verbs),
            ("style_capitals", &c.style_capitals),
        ] {
            let items: Vec<&str> = v.iter().map(String::as_str).collect();
            assert_sorted(name, &items);
        }
        let numbered: Vec<&str> = c.numbered.iter().map(|(w, _)| w.as_str()).collect();
        assert_sorted("numbered", &numbered);
        assert_eq!(builtin().numbered.len(), numbered.len(), "numbered: bad label");
    }

    #[test]
    fn gazetteer_rows_are_well_formed() {
        for line in data_lines(GAZETTEER) {
            let f: Vec<&str> = line.split('\t').collect();
            assert!((3..=4).contains(&f.len()), "gazetteer.tsv: {line:?}");
            assert!(Label::parse(f[1]).is_some(), "gazetteer.tsv: bad label in {line:?}");
        }
        for line in data_lines(NATIONALITIES) {
            assert_eq!(line.split('\t').count(), 3, "nationalities.tsv: {line:?}");
        }
    }

    #[test]
    fn builtin_knows_the_basics() {
        let lx = builtin();
        let get = |n: &str| lx.entries[lx.folded[&n.to_lowercase()]].clone();
        assert_eq!(get("U.S.").canonical, "United States");
        assert_eq!(get("U.S.").country.as_deref(), Some("US"));
        assert_eq!(get("Chinese").label, Label::Norp);
        assert_eq!(get("Beijing").label, Label::Gpe);
        assert_eq!(get("PLA").canonical, "People's Liberation Army");
        assert!(lx.given.contains("Edward"));
        assert!(lx.is_common("Despite"));
        assert!(!lx.is_common("Snowden"));
    }
}

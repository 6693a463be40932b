//! Corpus-wide canonical names: which names of the whole corpus are one entity.
//!
//! The extractor merges the mentions of one document ("Antonio Guterres ... Guterres"); a
//! corpus still holds "Guterres" from documents that never give the full name, and
//! "Franklin D. Roosevelt", "Franklin Roosevelt" and "Franklin Delano Roosevelt" from
//! different speeches. [`CanonicalMap`] merges them where it is safe, from the names of the
//! corpus alone, so it is rebuilt from the stored mentions whenever it is needed and a new
//! document can change it:
//!
//! - PERSON, same first and last name, middle names and initials compatible ("Franklin D.
//!   Roosevelt" ~ "Franklin Delano Roosevelt" ~ "Franklin Roosevelt"; "F. Roosevelt"), as
//!   long as every name compatible with either is compatible with all the others: "George
//!   Bush" fits both "George W. Bush" and "George H. W. Bush", so it stays apart. Leading
//!   titles ("His Excellency") and trailing "Jr." are ignored for the comparison.
//! - PERSON, a surname alone ("Guterres") joins the one full name of the corpus that ends
//!   with it, when no other full name does (two Roosevelts block "Roosevelt") and some
//!   document uses that surname for that full name (the `evidence` callback).
//! - ORG and GPE, an acronym ("WHO", "SDGs") joins the one multi-word name of the corpus
//!   whose initials it spells, when some document uses the two together (`evidence`).
//!
//! A merged entity is shown under its most widely used full name.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::extract::Label;

/// One canonical name of a corpus, as input to [`CanonicalMap::build`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameStat<'a> {
    /// Label.
    pub label: Label,
    /// The canonical name the extractor gave (per document).
    pub name: &'a str,
    /// Documents that mention it.
    pub documents: usize,
}

/// Which canonical names of a corpus are one entity, and under which name.
#[derive(Debug, Clone, Default)]
pub struct CanonicalMap {
    /// Merged names to the name they are shown under.
    targets: HashMap<(Label, String), String>,
    /// Shown names of merged groups to all the names of the group, the shown one first.
    members: HashMap<(Label, String), Vec<String>>,
}

/// Title and role words that may stand before a name ("His Excellency Antonio Guterres")
/// and are never a person on their own.
static TITLES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("canonical_titles.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Words left out of the initials of a name ("World Health Organization" -> "WHO",
/// "Bank for International Settlements" -> "BIS").
const FUNCTION_WORDS: &[&str] =
    &["and", "de", "des", "du", "for", "in", "la", "le", "of", "on", "the", "to", "&"];

fn is_title(token: &str) -> bool {
    TITLES.binary_search(&token).is_ok()
}

/// The lowercased words of a person's name without leading titles and trailing
/// generational suffixes; dotted initials are split ("H.W." -> "h", "w").
fn person_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for raw in name.split_whitespace() {
        let w = raw.trim_matches(|c: char| c == ',' || c == '’' || c == '\'').to_lowercase();
        let pieces: Vec<&str> = w.split('.').filter(|p| !p.is_empty()).collect();
        if pieces.len() > 1 && pieces.iter().all(|p| p.chars().count() == 1) {
            words.extend(pieces.iter().map(|p| p.to_string()));
        } else if !w.is_empty() {
            words.push(w.trim_end_matches('.').to_string());
        }
    }
    while words.len() > 1 && is_title(&words[0]) {
        words.remove(0);
    }
    while words.len() > 2
        && matches!(words.last().map(String::as_str), Some("jr" | "sr" | "ii" | "iii" | "iv"))
    {
        words.pop();
    }
    words
}

/// Two words of a name agree: equal, or one is the other's initial.
fn word_fits(a: &str, b: &str) -> bool {
    let initial = |x: &str, y: &str| x.chars().count() == 1 && y.starts_with(x);
    a == b || initial(a, b) || initial(b, a)
}

/// Two full names (two words or more) may be one person.
fn persons_fit(a: &[String], b: &[String]) -> bool {
    let (am, bm) = (&a[1..a.len() - 1], &b[1..b.len() - 1]);
    a.last() == b.last()
        && word_fits(&a[0], &b[0])
        && (am.is_empty()
            || bm.is_empty()
            || (am.len() == bm.len() && am.iter().zip(bm).all(|(x, y)| word_fits(x, y))))
}

/// The letters of an acronym ("WHO", "U.N.", "SDGs" -> "SDG"), if `name` is one.
fn acronym(name: &str) -> Option<String> {
    let letters: String = name.chars().filter(|&c| c != '.').collect();
    let core = letters.strip_suffix('s').unwrap_or(&letters);
    (core.chars().count() >= 2 && core.chars().all(|c| c.is_uppercase())).then(|| core.to_string())
}

/// The initials of a name of two content words or more ("World Health Organization").
fn initials(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut words = 0;
    for w in name.split(|c: char| c.is_whitespace() || c == '-') {
        if w.is_empty() || FUNCTION_WORDS.contains(&w.to_lowercase().as_str()) {
            continue;
        }
        let first = w.chars().next()?;
        if !first.is_uppercase() {
            return None;
        }
        out.push(first);
        words += 1;
    }
    (words >= 2).then_some(out)
}

/// Union-find over name indices.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a] = b;
        }
    }
}

impl CanonicalMap {
    /// Builds the map from every canonical name of a corpus (each `(label, name)` once).
    /// `evidence(label, short, full)` tells whether some document uses the surname or
    /// acronym `short` together with the name `full` (as a written form of it, or beside
    /// it); it is asked only about pairs the names already suggest.
    pub fn build<'a>(
        names: impl IntoIterator<Item = NameStat<'a>>,
        mut evidence: impl FnMut(Label, &str, &str) -> bool,
    ) -> CanonicalMap {
        let names: Vec<NameStat<'a>> = names.into_iter().collect();
        let mut groups = Groups((0..names.len()).collect());
        let words: Vec<Vec<String>> = names
            .iter()
            .map(|n| if n.label == Label::Person { person_words(n.name) } else { Vec::new() })
            .collect();

        // People: full names grouped by surname.
        let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            if w.len() >= 2 {
                by_surname.entry(w[w.len() - 1].as_str()).or_default().push(i);
            }
        }
        for bucket in by_surname.values() {
            let fits: Vec<Vec<usize>> = bucket
                .iter()
                .map(|&i| {
                    bucket.iter().copied().filter(|&j| persons_fit(&words[i], &words[j])).collect()
                })
                .collect();
            let clique: Vec<bool> = fits
                .iter()
                .map(|f| f.iter().all(|&a| f.iter().all(|&b| persons_fit(&words[a], &words[b]))))
                .collect();
            for (k, &i) in bucket.iter().enumerate() {
                for &j in &fits[k] {
                    let kj = bucket.iter().position(|&x| x == j).expect("j is in the bucket");
                    if clique[k] && clique[kj] {
                        groups.union(i, j);
                    }
                }
            }
        }
        // People: a surname alone, when it resolves to one group.
        for (i, w) in words.iter().enumerate() {
            let starts_upper = names[i].name.chars().next().is_some_and(char::is_uppercase);
            if w.len() != 1 || !starts_upper || is_title(&w[0]) {
                continue;
            }
            let Some(bucket) = by_surname.get(w[0].as_str()) else { continue };
            let mut roots: Vec<usize> = bucket.iter().map(|&j| groups.find(j)).collect();
            roots.sort_unstable();
            roots.dedup();
            if roots.len() != 1 {
                continue;
            }
            let backed =
                bucket.iter().any(|&j| evidence(names[i].label, names[i].name, names[j].name));
            if backed {
                groups.union(i, roots[0]);
            }
        }
        // Organisations and places: acronyms spelt by one longer name.
        let mut by_initials: HashMap<(Label, String), Vec<usize>> = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            if matches!(n.label, Label::Org | Label::Gpe) {
                if let Some(init) = initials(n.name) {
                    by_initials.entry((n.label, init)).or_default().push(i);
                }
            }
        }
        for (i, n) in names.iter().enumerate() {
            if !matches!(n.label, Label::Org | Label::Gpe) || n.name.contains(' ') {
                continue;
            }
            let Some(letters) = acronym(n.name) else { continue };
            let Some(full) = by_initials.get(&(n.label, letters)) else { continue };
            if let [j] = full[..] {
                if evidence(n.label, n.name, names[j].name) {
                    groups.union(i, j);
                }
            }
        }
        Self::from_groups(&names, &words, &mut groups)
    }

    fn from_groups(names: &[NameStat<'_>], words: &[Vec<String>], groups: &mut Groups) -> Self {
        let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..names.len() {
            let root = groups.find(i);
            by_root.entry(root).or_default().push(i);
        }
        let mut map = CanonicalMap::default();
        for mut members in by_root.into_values().filter(|m| m.len() > 1) {
            // Full names before short forms, names without a leading title, then the
            // most documents, the longest name.
            let rank = |&i: &usize| {
                let full = if names[i].label == Label::Person {
                    words[i].len() >= 2
                } else {
                    acronym(names[i].name).is_none()
                };
                let first = names[i].name.split_whitespace().next().unwrap_or("");
                let untitled = !is_title(first.trim_end_matches('.').to_lowercase().as_str());
                let n = &names[i];
                (full, untitled, n.documents, n.name.len(), std::cmp::Reverse(n.name))
            };
            members.sort_by_key(|i| std::cmp::Reverse(rank(i)));
            let label = names[members[0]].label;
            let shown = names[members[0]].name.to_string();
            for &i in &members[1..] {
                map.targets.insert((label, names[i].name.to_string()), shown.clone());
            }
            let all = members.iter().map(|&i| names[i].name.to_string()).collect();
            map.members.insert((label, shown), all);
        }
        map
    }

    /// The name `name` (with `label`) is shown under: its group's name, or itself.
    pub fn resolve<'m>(&'m self, label: Label, name: &'m str) -> &'m str {
        self.targets.get(&(label, name.to_string())).map_or(name, String::as_str)
    }

    /// Every canonical name of the group shown as `name` (the shown one first); empty when
    /// nothing was merged into it.
    pub fn members(&self, label: Label, name: &str) -> &[String] {
        self.members.get(&(label, name.to_string())).map_or(&[], Vec::as_slice)
    }

    /// The groups: shown name and all its names, for every label.
    pub fn groups(&self) -> impl Iterator<Item = (Label, &str, &[String])> {
        self.members.iter().map(|((l, n), m)| (*l, n.as_str(), m.as_slice()))
    }

    #[cfg(test)]
    /// Number of names merged into another.
    pub fn merged(&self) -> usize {
        self.targets.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(label: Label, name: &str, documents: usize) -> NameStat<'_> {
        NameStat { label, name, documents }
    }

    fn people<'a>(names: &[(&'a str, usize)]) -> Vec<NameStat<'a>> {
        names.iter().map(|&(n, d)| stat(Label::Person, n, d)).collect()
    }

    #[test]
    fn titles_are_sorted_and_unique() {
        let mut sorted = TITLES.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(*TITLES, sorted);
        assert!(TITLES.iter().all(|t| *t == t.to_lowercase()));
    }

    #[test]
    fn middle_names_and_initials_merge() {
        let map = CanonicalMap::build(
            people(&[
                ("Franklin D. Roosevelt", 13),
                ("Franklin Roosevelt", 9),
                ("Franklin Delano Roosevelt", 4),
                ("F. Roosevelt", 1),
                ("His Excellency Franklin Roosevelt", 1),
            ]),
            |_, _, _| false,
        );
        for n in ["Franklin Roosevelt", "Franklin Delano Roosevelt", "F. Roosevelt"] {
            assert_eq!(map.resolve(Label::Person, n), "Franklin D. Roosevelt", "{n}");
        }
        assert_eq!(
            map.resolve(Label::Person, "His Excellency Franklin Roosevelt"),
            "Franklin D. Roosevelt"
        );
        assert_eq!(map.members(Label::Person, "Franklin D. Roosevelt").len(), 5);
        assert_eq!(map.merged(), 4);
    }

    #[test]
    fn surnames_merge_only_when_one_full_name_fits_and_a_document_says_so() {
        let names = people(&[
            ("Antonio Guterres", 284),
            ("Guterres", 40),
            ("Francis", 22),
            ("Joseph Francis", 1),
        ]);
        let map = CanonicalMap::build(names.clone(), |_, short, full| {
            (short, full) == ("Guterres", "Antonio Guterres")
        });
        assert_eq!(map.resolve(Label::Person, "Guterres"), "Antonio Guterres");
        assert_eq!(map.resolve(Label::Person, "Francis"), "Francis");
        // Without the evidence, nothing merges.
        let map = CanonicalMap::build(names, |_, _, _| false);
        assert_eq!(map.resolve(Label::Person, "Guterres"), "Guterres");
        assert_eq!(map.merged(), 0);
    }

    #[test]
    fn two_full_names_with_one_surname_block_the_surname() {
        let map = CanonicalMap::build(
            people(&[("Theodore Roosevelt", 14), ("Franklin Roosevelt", 9), ("Roosevelt", 7)]),
            |_, _, _| true,
        );
        assert_eq!(map.resolve(Label::Person, "Roosevelt"), "Roosevelt");
        assert_eq!(map.resolve(Label::Person, "Franklin Roosevelt"), "Franklin Roosevelt");
        assert_eq!(map.merged(), 0);
    }

    #[test]
    fn a_name_that_fits_two_people_stays_apart() {
        let map = CanonicalMap::build(
            people(&[
                ("George W. Bush", 9),
                ("George H. W. Bush", 5),
                ("George Bush", 4),
                ("Bush", 3),
            ]),
            |_, _, _| true,
        );
        assert_eq!(map.resolve(Label::Person, "George Bush"), "George Bush");
        assert_eq!(map.resolve(Label::Person, "George W. Bush"), "George W. Bush");
        assert_eq!(map.resolve(Label::Person, "Bush"), "Bush");
        // Different first names never merge.
        let map =
            CanonicalMap::build(people(&[("Laura Bush", 3), ("George Bush", 4)]), |_, _, _| true);
        assert_eq!(map.merged(), 0);
    }

    #[test]
    fn titles_alone_never_merge_into_a_name() {
        let map = CanonicalMap::build(
            people(&[
                ("General", 505),
                ("Attorney General", 3),
                ("President", 40),
                ("Joe President", 1),
            ]),
            |_, _, _| true,
        );
        assert_eq!(map.resolve(Label::Person, "General"), "General");
        assert_eq!(map.resolve(Label::Person, "President"), "President");
    }

    #[test]
    fn acronyms_join_the_one_name_they_spell() {
        let names = vec![
            stat(Label::Org, "World Health Organization", 160),
            stat(Label::Org, "WHO", 40),
            stat(Label::Org, "Sustainable Development Goals", 50),
            stat(Label::Org, "SDGs", 190),
            stat(Label::Org, "International Monetary Fund", 82),
            stat(Label::Org, "International Maritime Foundation", 1),
            stat(Label::Org, "IMF", 30),
            stat(Label::Person, "WHO", 1),
        ];
        let map = CanonicalMap::build(names, |_, _, _| true);
        assert_eq!(map.resolve(Label::Org, "WHO"), "World Health Organization");
        assert_eq!(map.resolve(Label::Org, "SDGs"), "Sustainable Development Goals");
        // Two names spell IMF: ambiguous.
        assert_eq!(map.resolve(Label::Org, "IMF"), "IMF");
        // Labels never mix.
        assert_eq!(map.resolve(Label::Person, "WHO"), "WHO");
        let names =
            vec![stat(Label::Org, "World Health Organization", 1), stat(Label::Org, "WHO", 1)];
        let map = CanonicalMap::build(names, |_, _, _| false);
        assert_eq!(map.resolve(Label::Org, "WHO"), "WHO", "no document defines it");
    }

    #[test]
    fn name_words() {
        assert_eq!(person_words("George H.W. Bush"), ["george", "h", "w", "bush"]);
        assert_eq!(person_words("Martin Luther King Jr."), ["martin", "luther", "king"]);
        assert_eq!(person_words("His Excellency Antonio Guterres"), ["antonio", "guterres"]);
        assert_eq!(acronym("U.N."), Some("UN".into()));
        assert_eq!(acronym("Paris"), None);
        assert_eq!(initials("Bank for International Settlements"), Some("BIS".into()));
        assert_eq!(initials("Sahel"), None);
    }
}

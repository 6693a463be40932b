//! Word lists of the temporal tagger (months, weekdays, numbers, units, ...), read from the
//! data files in `rules/` once, and the regex macros (`@month`, `@num`, ...) built from them.

use std::collections::HashMap;
use std::sync::LazyLock;

/// One word list: the file name (for messages and tests) and its `(word, value)` entries,
/// in file order.
#[derive(Debug)]
pub(crate) struct List {
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) name: &'static str,
    pub(crate) entries: Vec<(String, String)>,
    map: HashMap<String, String>,
}

impl List {
    fn parse(name: &'static str, src: &str) -> List {
        let mut entries = Vec::new();
        for line in src.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (k, v) = line.split_once('\t').unwrap_or((line, ""));
            entries.push((k.to_string(), v.to_string()));
        }
        let map = entries.iter().cloned().collect();
        List { name, entries, map }
    }

    /// The value of `word` (lowercased, dots removed, inner spaces collapsed).
    pub(crate) fn get(&self, word: &str) -> Option<&str> {
        let key = normalize_key(word);
        self.map.get(&key).map(String::as_str)
    }

    /// The value of `key`, already in key form (see [`normalize_key`]).
    pub(crate) fn get_exact(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// A regex alternation of the words, longest first, spaces matching any whitespace.
    fn alternation(&self, dotted_abbrev: bool) -> String {
        Self::alternation_of(self.entries.iter().map(|(k, _)| k.as_str()).collect(), dotted_abbrev)
    }

    /// The alternation of the words that pass `keep`.
    fn alternation_where(&self, keep: impl Fn(&str) -> bool) -> String {
        let words = self.entries.iter().map(|(k, _)| k.as_str()).filter(|w| keep(w)).collect();
        Self::alternation_of(words, false)
    }

    fn alternation_of(mut words: Vec<&str>, dotted_abbrev: bool) -> String {
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let parts: Vec<String> = words
            .iter()
            .map(|w| {
                let mut s = regex::escape(w).replace(' ', r"\s+").replace('\'', "(?:'|’)");
                if dotted_abbrev && w.len() <= 4 && !matches!(*w, "may" | "june" | "july") {
                    s.push_str(r"\.?");
                }
                s
            })
            .collect();
        format!("(?:{})", parts.join("|"))
    }
}

/// Lowercases `word`, drops dots and curly apostrophes, and collapses whitespace: the key
/// form of every list.
pub(crate) fn normalize_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut space = false;
    for c in word.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if c == '.' {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        let c = if c == '’' { '\'' } else { c };
        out.extend(c.to_lowercase());
    }
    out
}

/// All word lists of the tagger.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub(crate) months: List,
    pub(crate) weekdays: List,
    pub(crate) numbers: List,
    pub(crate) ordinals: List,
    pub(crate) units: List,
    pub(crate) seasons: List,
    pub(crate) parts: List,
    pub(crate) fuzzy: List,
    pub(crate) sets: List,
    pub(crate) holidays: List,
    pub(crate) tense: List,
    pub(crate) counted: List,
    macros: Vec<(&'static str, String)>,
}

/// The built-in lexicon, parsed once.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::builtin);

impl Lexicon {
    fn builtin() -> Lexicon {
        let l = |name, src| List::parse(name, src);
        let mut lex = Lexicon {
            months: l("months.txt", include_str!("rules/months.txt")),
            weekdays: l("weekdays.txt", include_str!("rules/weekdays.txt")),
            numbers: l("numbers.txt", include_str!("rules/numbers.txt")),
            ordinals: l("ordinals.txt", include_str!("rules/ordinals.txt")),
            units: l("units.txt", include_str!("rules/units.txt")),
            seasons: l("seasons.txt", include_str!("rules/seasons.txt")),
            parts: l("parts_of_day.txt", include_str!("rules/parts_of_day.txt")),
            fuzzy: l("fuzzy.txt", include_str!("rules/fuzzy.txt")),
            sets: l("sets.txt", include_str!("rules/sets.txt")),
            holidays: l("holidays.txt", include_str!("rules/holidays.txt")),
            tense: l("tense.txt", include_str!("rules/tense.txt")),
            counted: l("counted.txt", include_str!("rules/counted.txt")),
            macros: Vec::new(),
        };
        lex.macros = lex.build_macros();
        lex
    }

    /// Every list, for tests.
    #[cfg(test)]
    pub(crate) fn lists(&self) -> [&List; 12] {
        [
            &self.months,
            &self.weekdays,
            &self.numbers,
            &self.ordinals,
            &self.units,
            &self.seasons,
            &self.parts,
            &self.fuzzy,
            &self.sets,
            &self.holidays,
            &self.tense,
            &self.counted,
        ]
    }

    fn build_macros(&self) -> Vec<(&'static str, String)> {
        let small: Vec<&str> = self
            .numbers
            .entries
            .iter()
            .filter(|(_, v)| v.parse::<u32>().is_ok_and(|n| (1..=9).contains(&n)))
            .map(|(k, _)| k.as_str())
            .filter(|k| !matches!(*k, "a" | "an"))
            .collect();
        let tens: Vec<&str> = self
            .numbers
            .entries
            .iter()
            .filter(|(_, v)| v.parse::<u32>().is_ok_and(|n| (20..=90).contains(&n) && n % 10 == 0))
            .map(|(k, _)| k.as_str())
            .collect();
        let numword = format!(
            r"(?:(?:{})[-\s](?:{})|{})",
            tens.join("|"),
            small.join("|"),
            &self.numbers.alternation(false)[3..self.numbers.alternation(false).len() - 1]
        );
        let digits = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d+)?(?:\s+1/2)?)";
        // Longest names first matter: `@month` before `@monthname` is never a prefix problem
        // because macros are replaced longest name first.
        vec![
            (
                "@monthlong",
                self.months
                    .alternation_where(|w| w.len() > 4 || matches!(w, "may" | "june" | "july")),
            ),
            ("@monthname", self.months.alternation(false)),
            ("@month", self.months.alternation(true)),
            ("@weekday", self.weekdays.alternation(false)),
            ("@numword", numword.clone()),
            ("@num", format!("(?:{digits}|{numword})")),
            ("@ord", self.ordinals.alternation(false)),
            ("@unit", self.units.alternation(false)),
            ("@season", self.seasons.alternation(false)),
            ("@part", self.parts.alternation(false)),
            ("@fuzzy", self.fuzzy.alternation(false)),
            ("@setword", self.sets.alternation(false)),
            ("@holiday", self.holidays.alternation(false)),
            ("@counted", self.counted.alternation(false)),
            ("@year", r"(?:1[0-9]\d\d|20\d\d|21\d\d)".to_string()),
            ("@day", r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?".to_string()),
        ]
    }

    /// Replaces every `@name` macro in `pattern` with its alternation.
    pub(crate) fn expand(&self, pattern: &str) -> Result<String, String> {
        let mut macros: Vec<&(&str, String)> = self.macros.iter().collect();
        macros.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        let mut out = String::with_capacity(pattern.len() * 4);
        let mut rest = pattern;
        while let Some(i) = rest.find('@') {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            let Some((name, body)) = macros.iter().find(|(n, _)| tail.starts_with(n)).copied()
            else {
                let end = tail[1..]
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .map_or(tail.len(), |e| e + 1);
                return Err(format!("unknown macro {}", &tail[..end]));
            };
            out.push_str(body);
            rest = &tail[name.len()..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The numeric value of a number phrase: digits, words, or compounds such as
    /// "twenty-five"; `None` for vague quantities ("several").
    pub(crate) fn number(&self, s: &str) -> Option<f64> {
        let key = normalize_key(s);
        let key = key.replace(',', "");
        if let Some(half) = key.strip_suffix(" 1/2") {
            return half.trim().parse::<f64>().ok().map(|n| n + 0.5);
        }
        if let Ok(n) = key.parse::<f64>() {
            return Some(n);
        }
        if let Some(v) = self.numbers.get(&key) {
            return v.parse().ok();
        }
        let (a, b) = key.split_once(['-', ' '])?;
        let a: f64 = self.numbers.get(a)?.parse().ok()?;
        let b: f64 = self.numbers.get(b)?.parse().ok()?;
        Some(a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_unique() {
        for list in LEXICON.lists() {
            let keys: Vec<&str> = list.entries.iter().map(|(k, _)| k.as_str()).collect();
            let mut sorted = keys.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(keys, sorted, "{} must be sorted and without duplicates", list.name);
            assert!(list.entries.iter().all(|(_, v)| !v.is_empty()), "{}: empty value", list.name);
        }
    }

    #[test]
    fn numbers_parse() {
        let l = &*LEXICON;
        assert_eq!(l.number("five"), Some(5.0));
        assert_eq!(l.number("twenty-five"), Some(25.0));
        assert_eq!(l.number("Twenty five"), Some(25.0));
        assert_eq!(l.number("30"), Some(30.0));
        assert_eq!(l.number("5 1/2"), Some(5.5));
        assert_eq!(l.number("1,000"), Some(1000.0));
        assert_eq!(l.number("several"), None);
        assert_eq!(l.number("a couple of"), Some(2.0));
    }

    #[test]
    fn keys_are_normalised() {
        assert_eq!(normalize_key("Sept."), "sept");
        assert_eq!(normalize_key("New  Year’s Day"), "new year's day");
        assert_eq!(LEXICON.months.get("Sept."), Some("9"));
    }

    #[test]
    fn macros_expand() {
        let p = LEXICON.expand(r"@month\s+@day").unwrap();
        assert!(p.contains("september"));
        assert!(LEXICON.expand("@nosuch").is_err());
        let re = regex::Regex::new(&format!("(?i)^{}$", LEXICON.expand("@num").unwrap())).unwrap();
        for ok in ["five", "twenty-five", "12", "1,000", "several", "a few"] {
            assert!(re.is_match(ok), "{ok}");
        }
    }
}

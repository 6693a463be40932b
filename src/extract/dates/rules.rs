//! The rule file (`rules/rules.toml`): parsing, macro expansion, compilation, and the
//! matcher that finds the longest rule match at each position.
//!
//! Matching is two-stage for speed: one combined regex (all patterns, ASCII word
//! boundaries, so the lazy DFA runs it) finds where a candidate starts; a `RegexSet` of the
//! anchored patterns, run on a short window there, tells which rules match; the longest one
//! that passes its context checks wins, ties going to the rule listed first.
//!
//! The combined regex reads the whole text, so its lazy DFA builds many states, and it runs
//! case-sensitively on an ASCII-lowercased copy of the text (see [`Scan`]): a
//! case-insensitive pattern turns every letter into a class, which keeps the compiler from
//! merging alternations of words ("january|june|july") into tries, and without tries each
//! state of the DFA holds hundreds of NFA states and is slow to build.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;

use super::lexicon::LEXICON;
use crate::extract::{RuleId, TimexType};
use crate::{Error, Result};

/// How a rule's captures become a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Norm {
    /// Calendar dates from `year`, `yy`, `month`, `mnum`, `day` groups.
    Explicit,
    /// A decade (`dec` = `199` of "1990s", or `dd` = `90` of "'90s").
    Decade,
    /// A century from `cent` ("20th").
    Century,
    /// A quarter from `q` (+ `year`/`yy`/`rel`).
    Quarter,
    /// A half year from `h` (+ `year`/`rel`).
    Half,
    /// A season from `season` (+ `year`/`rel`).
    Season,
    /// A weekday from `weekday` (+ `rel`).
    Weekday,
    /// today, yesterday, tomorrow, tonight from `deictic` (+ `part`).
    Deictic,
    /// `rel` + `unit` (or month name, season) relative to the anchor.
    Relative,
    /// `num` `unit` ago/later (`dir`).
    Offset,
    /// `num` `unit` as a duration.
    Duration,
    /// A recurrence: `setword`, or `every` + `unit`/`weekday`/`month`.
    Set,
    /// The rule's `value`.
    Fixed,
    /// A fuzzy reference from the `fuzzy` group.
    Fuzzy,
    /// A clock time from `hour`, `min`, `ampm`, `named`.
    Clock,
    /// A holiday from `holiday` (+ `year`).
    Holiday,
    /// A part of a day ("this morning") from `part` (+ `deictic` or `weekday`).
    Part,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    norm: Norm,
    pattern: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    before: Option<String>,
    #[serde(default)]
    not_before: Option<String>,
    #[serde(default)]
    not_after: Option<String>,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    upper: bool,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    counter: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    rule: Vec<Spec>,
}

/// One compiled rule.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) id: RuleId,
    pub(crate) kind: TimexType,
    pub(crate) norm: Norm,
    pub(crate) value: Option<String>,
    regex: Regex,
    /// The named groups of `regex` and their indices.
    groups: Vec<(String, usize)>,
    before: Option<Regex>,
    not_before: Option<Regex>,
    not_after: Option<Regex>,
    after: Option<Regex>,
    upper: bool,
    #[cfg_attr(not(test), allow(dead_code))]
    /// Examples: text with the expected span in brackets, then ` => VALUE`.
    pub(crate) examples: Vec<String>,
    #[cfg_attr(not(test), allow(dead_code))]
    /// Texts in which the rule must not fire.
    pub(crate) counter: Vec<String>,
}

/// All rules and the matchers built from them.
#[derive(Debug)]
pub(crate) struct Rules {
    pub(crate) rules: Vec<Rule>,
    scan: Scan,
    set: RegexSet,
}

/// The combined regex that finds where candidates start.
#[derive(Debug)]
struct Scan {
    regex: Regex,
    /// Whether `regex` is case-sensitive and meant for ASCII-lowercased text: true unless a
    /// pattern uses syntax whose meaning depends on case (see [`lowercased`]).
    lowercase: bool,
}

impl Scan {
    fn new(pattern: &str) -> Result<Scan> {
        let build = |pattern: &str, case_insensitive: bool| {
            RegexBuilder::new(pattern)
                .case_insensitive(case_insensitive)
                .unicode(false)
                .size_limit(1 << 26)
                .dfa_size_limit(1 << 26)
                .build()
                .map_err(|e| rule_err(0, e.to_string()))
        };
        Ok(match lowercased(pattern) {
            Some(lower) => Scan { regex: build(&lower, false)?, lowercase: true },
            None => Scan { regex: build(pattern, true)?, lowercase: false },
        })
    }
}

/// `pattern` with its ASCII letters lowercased, when matching the result case-sensitively
/// against ASCII-lowercased text finds exactly what the ASCII case-insensitive `pattern`
/// finds in the original. That holds for letters, in classes too (`[SD]`), for escapes that
/// name no letter (`\.`, `\d`, `\s`, `\b`, ...), group names and flags other than `i` and
/// `x`. `None` for what this does not vouch for: escapes that may name a letter (`\x41`),
/// ranges with an uppercase end (`[0-Z]`), nested classes and class operations, the `i` and
/// `x` flags, and letters outside ASCII.
fn lowercased(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    // Inside a bracketed class: the char before, to spot ranges.
    let mut class: Option<char> = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\\' => {
                let e = chars.next()?;
                if e.is_ascii_alphanumeric() && !"dDsSwWbBAzntrfv".contains(e) {
                    return None;
                }
                out.push(c);
                out.push(e);
                class = class.map(|_| e);
                continue;
            }
            _ if !c.is_ascii() && (c.is_lowercase() || c.is_uppercase()) => return None,
            '[' if class.is_some() => return None,
            '-' | '&' | '~' if class.is_some() && next == Some(c) => return None,
            '-' if class.is_some_and(|before| before.is_ascii_uppercase()) => return None,
            _ if class == Some('-') && c.is_ascii_uppercase() => return None,
            '[' => {
                out.push(c);
                if next == Some('^') {
                    out.extend(chars.next());
                }
                // A `]` first in a class is a literal.
                class = Some('[');
                if chars.peek() == Some(&']') {
                    out.extend(chars.next());
                    class = Some(']');
                }
                continue;
            }
            ']' if class.is_some() => {
                out.push(c);
                class = None;
                continue;
            }
            '(' if class.is_none() && next == Some('?') => {
                // A group name (copied as is), or flags up to `:` or `)`.
                out.push(c);
                out.extend(chars.next());
                let named = matches!(chars.peek(), Some('P' | '<'));
                loop {
                    let n = chars.next()?;
                    // `i` may turn case sensitivity back on; in `x` mode comments may hold
                    // anything.
                    if !named && matches!(n, 'i' | 'x') {
                        return None;
                    }
                    out.push(n);
                    if (named && n == '>') || (!named && matches!(n, ':' | ')')) {
                        break;
                    }
                }
                continue;
            }
            _ => {}
        }
        if class.is_some() {
            class = Some(c);
        }
        out.push(c.to_ascii_lowercase());
    }
    Some(out)
}

/// A rule match: byte offsets into the text and the captures (relative to `start`).
#[derive(Debug)]
pub(crate) struct Match<'t> {
    pub(crate) rule: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) caps: Captures<'t>,
    groups: &'t [(String, usize)],
    /// Followed by `'s` ("Wednesday's ruling").
    pub(crate) possessive: bool,
}

impl Match<'_> {
    /// The text of the named group, if it took part.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        // A scan of the rule's few names beats the hashed lookup of `Captures::name`, and
        // the normalisers ask many times per match.
        let &(_, i) = self.groups.iter().find(|(n, _)| n == name)?;
        self.caps.get(i).map(|m| m.as_str())
    }
}

const FILE: &str = "rules.toml";

/// The built-in rules, compiled once.
pub(crate) static RULES: LazyLock<Rules> = LazyLock::new(|| {
    Rules::parse(include_str!("rules/rules.toml")).unwrap_or_else(|e| panic!("built-in rules: {e}"))
});

fn rule_err(line: usize, msg: impl Into<String>) -> Error {
    Error::Rule { file: FILE.into(), line, msg: msg.into() }
}

/// Makes a pattern DFA-friendly: ASCII word boundaries.
fn prepare(pattern: &str) -> std::result::Result<String, String> {
    Ok(LEXICON.expand(pattern)?.replace(r"\b", r"(?-u:\b)"))
}

fn compile(pattern: &str, line: usize) -> Result<Regex> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(1 << 24)
        .build()
        .map_err(|e| rule_err(line, e.to_string()))
}

impl Rules {
    /// Parses and compiles a rule file.
    pub(crate) fn parse(src: &str) -> Result<Rules> {
        let file: File = toml::from_str(src).map_err(|e| {
            let line = e.span().map_or(0, |s| src[..s.start].lines().count() + 1);
            rule_err(line, e.message().to_string())
        })?;
        let unnamed = Regex::new(r"\(\?P<\w+>").expect("static regex");
        let mut rules = Vec::new();
        let mut alts = Vec::new();
        let mut anchored = Vec::new();
        for (i, spec) in file.rule.into_iter().enumerate() {
            let line = src
                .match_indices("[[rule]]")
                .nth(i)
                .map_or(0, |(at, _)| src[..at].lines().count() + 1);
            let kind = match spec.kind.as_str() {
                "DATE" => TimexType::Date,
                "TIME" => TimexType::Time,
                "DURATION" => TimexType::Duration,
                "SET" => TimexType::Set,
                k => return Err(rule_err(line, format!("{}: unknown type {k}", spec.id))),
            };
            let body =
                prepare(&spec.pattern).map_err(|e| rule_err(line, format!("{}: {e}", spec.id)))?;
            let regex = compile(&format!(r"^(?:{body})"), line)?;
            anchored.push(format!(r"^(?:{})", unnamed.replace_all(&body, "(?:")));
            alts.push(unnamed.replace_all(&body, "(?:").into_owned());
            let ctx = |p: &Option<String>| -> Result<Option<Regex>> {
                p.as_deref()
                    .map(|p| compile(&prepare(p).map_err(|e| rule_err(line, e))?, line))
                    .transpose()
            };
            if spec.norm == Norm::Fixed && spec.value.is_none() {
                return Err(rule_err(line, format!("{}: norm fixed needs a value", spec.id)));
            }
            if rules.iter().any(|r: &Rule| r.id == spec.id.as_str()) {
                return Err(rule_err(line, format!("duplicate rule id {}", spec.id)));
            }
            let groups = regex
                .capture_names()
                .enumerate()
                .filter_map(|(i, n)| Some((n?.to_string(), i)))
                .collect();
            rules.push(Rule {
                before: ctx(&spec.before)?,
                not_before: ctx(&spec.not_before)?,
                not_after: ctx(&spec.not_after)?,
                after: ctx(&spec.after)?,
                id: Cow::Owned(spec.id),
                kind,
                norm: spec.norm,
                value: spec.value,
                regex,
                groups,
                upper: spec.upper,
                examples: spec.examples,
                counter: spec.counter,
            });
        }
        let scan = Scan::new(&format!(r"\b(?:{})", alts.join("|")))?;
        let set = RegexSetBuilder::new(&anchored)
            .case_insensitive(true)
            .size_limit(1 << 26)
            .dfa_size_limit(1 << 26)
            .build()
            .map_err(|e| rule_err(0, e.to_string()))?;
        Ok(Rules { rules, scan, set })
    }

    /// Every non-overlapping longest match in `text`, in order.
    pub(crate) fn find_all<'t>(&'t self, text: &'t str) -> Vec<Match<'t>> {
        let mut out = Vec::new();
        // Lowercasing ASCII keeps every byte offset and char boundary.
        let lowered;
        let haystack = if self.scan.lowercase {
            lowered = text.to_ascii_lowercase();
            &lowered
        } else {
            text
        };
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.scan.regex.find_at(haystack, pos) else { break };
            let s = m.start();
            match self.best_at(text, s) {
                Some(found) => {
                    pos = found.end.max(s + 1);
                    out.push(found);
                }
                None => pos = next_boundary(text, s),
            }
            pos = ceil_char(text, pos);
        }
        out
    }

    /// The longest rule match starting at `s` that passes its checks.
    fn best_at<'t>(&'t self, text: &'t str, s: usize) -> Option<Match<'t>> {
        let mut lim = ceil_char(text, (s + 160).min(text.len()));
        while lim < text.len() && lim - s < 200 && text.as_bytes()[lim].is_ascii_alphanumeric() {
            lim += 1;
        }
        let window = &text[s..lim];
        let mut cands: Vec<(usize, usize)> = Vec::new();
        for i in self.set.matches(window).iter() {
            if let Some(m) = self.rules[i].regex.find(window) {
                if m.end() > 0 {
                    cands.push((m.end(), i));
                }
            }
        }
        cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (len, i) in cands {
            let rule = &self.rules[i];
            let (start, end) = (s, s + len);
            if !self.accepts(rule, text, start, end) {
                continue;
            }
            // Resolved once, for the name check and the match (the backtracker is slow).
            let caps = rule.regex.captures(&text[s..end]);
            if rule.upper && !capitalised(&text[s..end], caps.as_ref()) {
                continue;
            }
            let caps = caps?;
            let after = &text[end..];
            let possessive = after.starts_with("'s") || after.starts_with("’s");
            let groups = &rule.groups;
            return Some(Match { rule: i, start, end, caps, groups, possessive });
        }
        None
    }

    /// The checks other than [`capitalised`], which needs the captures.
    fn accepts(&self, rule: &Rule, text: &str, start: usize, end: usize) -> bool {
        let matched = &text[start..end];
        let last = matched.chars().next_back();
        let next = text[end..].chars().next();
        if last.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric) {
            return false;
        }
        let from = floor_char(text, start.saturating_sub(40));
        if let Some(re) = &rule.before {
            if !re.is_match(&text[from..start]) {
                return false;
            }
        }
        if let Some(re) = &rule.not_before {
            if re.is_match(&text[from..start]) {
                return false;
            }
        }
        let to = ceil_char(text, (end + 40).min(text.len()));
        if let Some(re) = &rule.not_after {
            if re.is_match(&text[end..to]) {
                return false;
            }
        }
        if let Some(re) = &rule.after {
            if !re.is_match(&text[end..to]) {
                return false;
            }
        }
        true
    }
}

/// Whether the name (month, weekday, holiday, season) of a match of an `upper` rule, or
/// else the match itself, is capitalised.
fn capitalised(m: &str, caps: Option<&Captures<'_>>) -> bool {
    let name = caps
        .and_then(|c| ["month", "weekday", "holiday", "season"].iter().find_map(|n| c.name(n)))
        .map_or(m, |g| g.as_str());
    name.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
}

/// The first byte after the word holding `s` (at least `s + 1`).
fn next_boundary(text: &str, s: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = s + 1;
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// The char boundary at or after `i`.
pub(crate) fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// The char boundary at or before `i`.
pub(crate) fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_compile() {
        assert!(!RULES.rules.is_empty());
        for r in &RULES.rules {
            assert!(r.id.contains('/'), "{}: ids look like kind/name", r.id);
            assert!(!r.examples.is_empty(), "{}: every rule carries examples", r.id);
        }
    }

    #[test]
    fn bad_rule_files_are_reported() {
        let bad = "[[rule]]\nid = \"x/y\"\ntype = \"DATE\"\nnorm = \"fixed\"\npattern = \"(\"\nvalue = \"1\"\n";
        let err = Rules::parse(bad).unwrap_err();
        assert!(matches!(err, Error::Rule { line: 1, .. }), "{err}");
        let unknown =
            "[[rule]]\nid = \"x/y\"\ntype = \"DATE\"\nnorm = \"fixed\"\npattern = \"@nope\"\n";
        assert!(Rules::parse(unknown).is_err());
    }

    #[test]
    fn longest_match_wins() {
        let text = "It fell on May 5, 2015 and rose.";
        let ms = RULES.find_all(text);
        assert_eq!(ms.len(), 1);
        assert_eq!(&text[ms[0].start..ms[0].end], "May 5, 2015");
    }

    #[test]
    fn scan_patterns_lowercase_only_when_equivalent() {
        let l = |p: &str| lowercased(p);
        assert_eq!(
            l(r"(?-u:\b)(?:[ECMP][SD]T|GMT)\s+\S").as_deref(),
            Some(r"(?-u:\b)(?:[ecmp][sd]t|gmt)\s+\S")
        );
        assert_eq!(l(r"(?P<Year>Q[1-4])[-\s]x").as_deref(), Some(r"(?P<Year>q[1-4])[-\s]x"));
        assert_eq!(l(r"[^A]\.").as_deref(), Some(r"[^a]\."));
        for odd in [
            r"\x41",
            r"(?i)a",
            r"(?-i:A)",
            r"(?x)A",
            r"[0-Z]",
            r"[A-z]",
            r"[[:upper:]]",
            r"[a-z--b]",
            "É",
        ] {
            assert_eq!(l(odd), None, "{odd}");
        }
    }

    #[test]
    fn lowercase_scan_finds_what_the_case_insensitive_one_finds() {
        let unnamed = Regex::new(r"\(\?P<\w+>").unwrap();
        let pattern = format!(
            r"\b(?:{})",
            RULES
                .rules
                .iter()
                .map(|r| unnamed.replace_all(r.regex.as_str().trim_start_matches('^'), "(?:"))
                .collect::<Vec<_>>()
                .join("|")
        );
        let lower = Scan::new(&pattern).unwrap();
        assert!(lower.lowercase);
        let plain = RegexBuilder::new(&pattern)
            .case_insensitive(true)
            .unicode(false)
            .size_limit(1 << 26)
            .build()
            .unwrap();
        let texts = RULES.rules.iter().flat_map(|r| r.examples.iter().chain(&r.counter));
        for text in texts.flat_map(|t| [t.clone(), t.to_uppercase(), t.to_ascii_lowercase()]) {
            let lowered = text.to_ascii_lowercase();
            let starts = |re: &Regex, hay: &str| -> Vec<usize> {
                (0..hay.len())
                    .filter(|&i| hay.is_char_boundary(i))
                    .filter_map(|i| re.find_at(hay, i).map(|m| m.start()))
                    .collect()
            };
            assert_eq!(starts(&lower.regex, &lowered), starts(&plain, &text), "{text}");
        }
    }

    #[test]
    fn char_helpers() {
        let t = "aé b";
        assert_eq!(ceil_char(t, 2), 3);
        assert_eq!(floor_char(t, 2), 1);
        assert_eq!(ceil_char(t, 99), t.len());
    }
}

//! Rule files: the built-in `data/rules.toml` and user files (`--rules FILE`, TOML or
//! JSON). A file may hold regular-expression patterns (`[[pattern]]`), rule examples
//! (`[[rule]]`, built-in only), gazetteer entries (`[[entry]]`) and names to block
//! (`block = [...]`).
//!
//! ```toml
//! block = ["Acme Labs"]
//!
//! [[entry]]
//! name = "Acme Widgets"
//! label = "ORG"
//! canonical = "Acme Widgets Inc."
//! aliases = ["Acme"]
//!
//! [[pattern]]
//! id = "user/ticket"
//! label = "ORG"
//! regex = '\bTKT-[0-9]+\b'
//! examples = [{ text = "see TKT-42 now", find = "TKT-42" }]
//! ```

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use serde::Deserialize;

use super::Mention;
use crate::extract::{Label, RuleId};
use crate::{Error, Result};

static RULES: &str = include_str!("data/rules.toml");

/// The built-in rule file, parsed.
pub(crate) static BUILTIN_RULES: LazyLock<RuleFile> =
    LazyLock::new(|| RuleFile::parse(RULES, "rules.toml", true).expect("data/rules.toml is valid"));

/// Largest user rule file, in bytes.
const MAX_FILE: usize = 16 << 20;
/// Longest user pattern, in bytes.
const MAX_PATTERN: usize = 2_000;
/// Compiled size limit of one user pattern.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// Most patterns in one file.
const MAX_PATTERNS: usize = 500;
/// Most literals in the gate of a pattern (see [`suffix_gate`]).
const MAX_GATE_LITERALS: usize = 64;

/// One example of a rule: the text, the mention it must (or must not) find, and its label.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Example {
    pub text: String,
    pub find: String,
    #[serde(default)]
    pub label: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    id: String,
    label: String,
    regex: String,
    #[serde(default)]
    canonical: Option<String>,
    #[serde(default)]
    examples: Vec<Example>,
    #[serde(default)]
    counter: Vec<Example>,
}

/// Examples of a rule written in code.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct RuleExamples {
    pub id: String,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub counter: Vec<Example>,
}

/// A gazetteer entry of a user file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UserEntry {
    pub name: String,
    pub label: String,
    #[serde(default)]
    pub canonical: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    pattern: Vec<RawPattern>,
    #[serde(default)]
    rule: Vec<RuleExamples>,
    #[serde(default)]
    entry: Vec<UserEntry>,
    #[serde(default)]
    block: Vec<String>,
}

/// A compiled pattern rule.
#[derive(Debug, Clone)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Pattern {
    pub id: RuleId,
    pub label: Label,
    pub regex: Regex,
    pub canonical: Option<String>,
    pub examples: Vec<Example>,
    pub counter: Vec<Example>,
    /// Literals one of which ends every match, when the regex tells few (see
    /// [`suffix_gate`]): a text without any of them is not searched.
    pub gate: Option<AhoCorasick>,
}

/// The literals that end every match of `regex`, as an automaton, when its syntax gives a
/// finite set of them, none empty (the literal extraction that the regex engine uses for
/// its own prefilters: look-around assertions count as empty, so the set may be larger than
/// needed, never smaller). A text that contains none of them has no match: "two million
/// dollars" ends in one of the currency words of `money/words`, while its first words
/// ("one", "ten", ...) are inside a great many ordinary words.
fn suffix_gate(regex: &str) -> Option<AhoCorasick> {
    let hir = regex_syntax::parse(regex).ok()?;
    let seq = Extractor::new().kind(ExtractKind::Suffix).extract(&hir);
    let literals = seq.literals()?;
    if literals.is_empty()
        || literals.len() > MAX_GATE_LITERALS
        || literals.iter().any(|l| l.is_empty())
    {
        return None;
    }
    // Leftmost matching, for the vectorised search of a few literals (a standard automaton
    // steps through every byte).
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(literals.iter().map(|l| l.as_bytes()))
        .ok()
}

/// A parsed and checked rule file.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct RuleFile {
    pub patterns: Vec<Pattern>,
    pub rules: Vec<RuleExamples>,
    pub entries: Vec<(UserEntry, Label)>,
    pub block: Vec<String>,
}

/// The 1-based line of the first occurrence of `needle` in `text` (1 when absent).
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle).map_or(1, |p| text[..p].matches('\n').count() + 1)
}

impl RuleFile {
    /// Reads a user rule file, TOML or JSON by extension.
    pub fn load(path: &std::path::Path) -> Result<RuleFile> {
        let name = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.len() as usize > MAX_FILE {
            return Err(rule_err(&name, 1, format!("file is larger than {MAX_FILE} bytes")));
        }
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        RuleFile::parse(&text, &name, false)
    }

    /// Parses and checks a rule file. `builtin` allows `[[rule]]` example tables.
    pub fn parse(text: &str, file: &str, builtin: bool) -> Result<RuleFile> {
        let raw: RawFile = if file.to_ascii_lowercase().ends_with(".json") {
            serde_json::from_str(text).map_err(|e| rule_err(file, e.line(), e.to_string()))?
        } else {
            toml::from_str(text).map_err(|e| {
                let line = e.span().map_or(1, |s| text[..s.start].matches('\n').count() + 1);
                rule_err(file, line, e.message().to_string())
            })?
        };
        if !builtin && !raw.rule.is_empty() {
            let line = line_of(text, "rule");
            return Err(rule_err(file, line, "[[rule]] tables are for built-in rules".into()));
        }
        if raw.pattern.len() > MAX_PATTERNS {
            return Err(rule_err(file, 1, format!("more than {MAX_PATTERNS} patterns")));
        }
        let mut out = RuleFile { rules: raw.rule, block: raw.block, ..RuleFile::default() };
        for p in raw.pattern {
            let line = line_of(text, &format!("{:?}", p.id));
            let label = parse_label(&p.label).ok_or_else(|| {
                rule_err(file, line, format!("pattern {}: unknown label {:?}", p.id, p.label))
            })?;
            if p.id.trim().is_empty() || p.id.contains(char::is_whitespace) {
                return Err(rule_err(file, line, format!("invalid rule id {:?}", p.id)));
            }
            if p.regex.len() > MAX_PATTERN {
                let msg = format!("pattern {}: longer than {MAX_PATTERN} bytes", p.id);
                return Err(rule_err(file, line, msg));
            }
            let regex = RegexBuilder::new(&p.regex)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| rule_err(file, line, format!("pattern {}: {e}", p.id)))?;
            for ex in &p.examples {
                if !regex.find_iter(&ex.text).any(|m| m.as_str() == ex.find) {
                    let msg = format!(
                        "pattern {}: example {:?} not found in {:?}",
                        p.id, ex.find, ex.text
                    );
                    return Err(rule_err(file, line_of(text, &ex.find), msg));
                }
            }
            let id = if builtin { p.id } else { user_id(&p.id) };
            let gate = suffix_gate(&p.regex);
            out.patterns.push(Pattern {
                id: RuleId::Owned(id),
                label,
                regex,
                canonical: p.canonical,
                examples: p.examples,
                counter: p.counter,
                gate,
            });
        }
        for e in raw.entry {
            let line = line_of(text, &format!("{:?}", e.name));
            if e.name.trim().is_empty() {
                return Err(rule_err(file, line, "entry with an empty name".into()));
            }
            if e.aliases.iter().any(|a| a.trim().is_empty()) {
                let msg = format!("entry {:?} has an empty alias: remove it", e.name);
                return Err(rule_err(file, line, msg));
            }
            let label = parse_label(&e.label).ok_or_else(|| {
                rule_err(file, line, format!("entry {:?}: unknown label {:?}", e.name, e.label))
            })?;
            out.entries.push((e, label));
        }
        Ok(out)
    }

    /// Every match of every pattern in `text`.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        for p in &self.patterns {
            if p.gate.as_ref().is_some_and(|gate| !gate.is_match(text)) {
                continue;
            }
            for m in p.regex.find_iter(text) {
                if m.start() < m.end() {
                    let canonical = p.canonical.clone().unwrap_or_else(|| m.as_str().to_string());
                    out.push(Mention::new(
                        m.start(),
                        m.end(),
                        p.label,
                        canonical,
                        p.id.clone(),
                        None,
                    ));
                }
            }
        }
        out
    }
}

/// User rule ids live under `user/`.
fn user_id(id: &str) -> String {
    if id.starts_with("user/") {
        id.to_string()
    } else {
        format!("user/{id}")
    }
}

fn parse_label(s: &str) -> Option<Label> {
    Label::parse(s.trim())
}

fn rule_err(file: &str, line: usize, msg: String) -> Error {
    Error::Rule { file: file.to_string(), line, msg }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_patterns_run_their_examples() {
        for p in &BUILTIN_RULES.patterns {
            for ex in &p.counter {
                assert!(
                    !p.regex.find_iter(&ex.text).any(|m| m.as_str() == ex.find),
                    "{}: counter-example {:?} matched",
                    p.id,
                    ex.text
                );
            }
        }
        assert!(BUILTIN_RULES.patterns.len() >= 2);
    }

    #[test]
    fn gates_let_every_match_through() {
        let words = BUILTIN_RULES.patterns.iter().find(|p| p.id == "money/words").unwrap();
        assert!(words.gate.is_some(), "money/words ends in one of a few currency words");
        for p in &BUILTIN_RULES.patterns {
            let Some(gate) = &p.gate else { continue };
            for ex in &p.examples {
                assert!(gate.is_match(&ex.text), "{}: gate refuses {:?}", p.id, ex.text);
            }
        }
        let gate = suffix_gate(r"(?-u:\b)[0-9]+ (?:dollars|euros)(?-u:\b)").unwrap();
        assert!(gate.is_match("5 euros") && !gate.is_match("5 euro, 6 dollar"));
        // No gate when a match may end in any of many characters, or be empty.
        assert!(suffix_gate(r"a|").is_none());
        assert!(suffix_gate(r"\w+").is_none());
    }

    #[test]
    fn user_files_are_checked_with_line_numbers() {
        let bad = "[[pattern]]\nid = \"t\"\nlabel = \"ORG\"\nregex = \"(unclosed\"\n";
        let e = RuleFile::parse(bad, "u.toml", false).unwrap_err().to_string();
        assert!(e.starts_with("u.toml:2: pattern t:"), "{e}");
        let e = RuleFile::parse("[[entry]]\nname = \"X\"\nlabel = \"THING\"\n", "u.toml", false)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("u.toml:2:") && e.contains("unknown label"), "{e}");
        let empty_alias = "[[entry]]\nname = \"Acme\"\nlabel = \"ORG\"\naliases = [\"\"]\n";
        let e = RuleFile::parse(empty_alias, "u.toml", false).unwrap_err().to_string();
        assert!(e.starts_with("u.toml:2:") && e.contains("empty alias"), "{e}");
        let e = RuleFile::parse("{\"block\": [1]}", "u.json", false).unwrap_err();
        assert!(matches!(e, Error::Rule { line: 1, .. }), "{e}");
        let e = RuleFile::parse("[[rule]]\nid = \"x\"\n", "u.toml", false).unwrap_err();
        assert!(e.to_string().contains("built-in"), "{e}");
        let huge =
            format!("[[pattern]]\nid=\"h\"\nlabel=\"ORG\"\nregex='{}'\n", r"\w{500}".repeat(3));
        let e = RuleFile::parse(&huge, "u.toml", false).unwrap_err().to_string();
        assert!(e.contains("pattern h"), "{e}");
    }

    #[test]
    fn user_patterns_find_and_are_namespaced() {
        let f = RuleFile::parse(
            "[[pattern]]\nid = \"ticket\"\nlabel = \"ORG\"\nregex = 'TKT-[0-9]+'\nexamples = [{ text = \"a TKT-1\", find = \"TKT-1\" }]\n",
            "u.toml",
            false,
        )
        .unwrap();
        let m = f.find("see TKT-42 and TKT-7");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].rule, "user/ticket");
        let e = RuleFile::parse(
            "[[pattern]]\nid = \"t\"\nlabel = \"ORG\"\nregex = 'TKT'\nexamples = [{ text = \"none\", find = \"TKT\" }]\n",
            "u.toml",
            false,
        );
        assert!(e.is_err());
    }
}

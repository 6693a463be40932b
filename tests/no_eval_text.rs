//! Guards that no text of the evaluation sets is embedded in the extractors' rules, lists
//! or examples. The evaluation data lives outside the repository (`../shared`, or
//! `DOSSIER_SHARED`); without it the test says it was skipped, unless
//! `DOSSIER_REQUIRE_SHARED=1`, when it fails.
//!
//! A string of the rules is flagged when an evaluation text contains it and it is long
//! enough to be copied rather than common English: five words or more, or three or more
//! with a digit, or a name of two or more capitalised words that the gold of an entity set
//! marks as a person (the names of people in evaluation documents are theirs, not ours).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("DOSSIER_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("eval").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("DOSSIER_REQUIRE_SHARED").as_deref() != Ok("1"),
        "the evaluation data is missing at {} and DOSSIER_REQUIRE_SHARED=1",
        dir.display()
    );
    eprintln!("skipped: no evaluation data at {}", dir.display());
    None
}

/// The texts and gold person names of the JSON lines sets.
fn eval_texts(shared: &Path) -> (Vec<String>, HashSet<String>) {
    let mut texts = Vec::new();
    let mut people = HashSet::new();
    for name in ["ner_dev.jsonl", "onto_dev.jsonl", "te3_train.jsonl"] {
        let path = shared.join("eval").join(name);
        let Ok(data) = std::fs::read_to_string(&path) else { continue };
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let doc: Value = serde_json::from_str(line).expect("a JSON line");
            let text = doc["text"].as_str().unwrap_or_default().to_string();
            let chars: Vec<char> = text.chars().collect();
            for e in doc["entities"].as_array().into_iter().flatten() {
                if matches!(e["label"].as_str(), Some("PER" | "PERSON")) {
                    let (s, t) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
                    let span: String = chars[s as usize..t as usize].iter().collect();
                    people.insert(span);
                }
            }
            texts.push(text);
        }
    }
    (texts, people)
}

/// The quoted strings of the rule sources and data: code, TOML and the curated lists.
fn rule_strings() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !(name.ends_with(".rs") || name.ends_with(".toml") || name.ends_with(".md")) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for quoted in text.split('"').skip(1).step_by(2) {
                if !quoted.contains('\n') {
                    out.push((name.clone(), quoted.to_string()));
                }
            }
        }
    }
    out
}

fn suspicious(s: &str, people: &HashSet<String>) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let digit = s.chars().any(|c| c.is_ascii_digit());
    let name = words.len() >= 2 && words.iter().all(|w| w.starts_with(char::is_uppercase));
    words.len() >= 5 || (words.len() >= 3 && digit) || (name && people.contains(s))
}

#[test]
fn rules_embed_no_evaluation_text() {
    let Some(shared) = shared() else { return };
    let (texts, people) = eval_texts(&shared);
    assert!(!texts.is_empty(), "no evaluation texts read from {}", shared.display());
    let mut found = Vec::new();
    for (file, s) in rule_strings() {
        if suspicious(&s, &people) && texts.iter().any(|t| t.contains(s.as_str())) {
            found.push(format!("{file}: {s:?}"));
        }
    }
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "evaluation text in the rules:\n{}", found.join("\n"));
}

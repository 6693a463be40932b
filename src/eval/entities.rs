//! Scores the entity extractor against CoNLL/OntoNotes style gold data.
//!
//! The gold file is JSON Lines, one document a line, in the format of
//! `../shared/eval/ner_dev.jsonl`:
//! `{"id", "text" | "path", "sentences"?: [[start, end], ...], "entities": [{"start", "end",
//! "label"}]}` with code point offsets, `end` exclusive. A document may name its text with
//! `"path"` (relative to the gold file's folder) instead of carrying `"text"`.
//!
//! Scoring follows `score_ner.py` of the shared evaluation kit: a prediction counts only with
//! the identical span and label; prediction spans are trimmed of surrounding white space;
//! one row per label (sorted by name) and a `micro` row over all of them. Our labels are
//! mapped to the gold's with [`Options::map`]: a label the map does not name is kept as it
//! is, a label mapped to the empty name is dropped. [`Options::labels`] restricts the
//! scored labels (of the gold and of the predictions) to a set.
//!
//! Sentences are always found by the extractor's own splitter: a `"sentences"` field in
//! the gold is ignored, because real input never comes with sentence boundaries.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use serde::Deserialize;

use super::{read_jsonl, Prf, Report, Row};
use crate::extract::EntityExtractor;
use crate::text::CharIndex;
use crate::{Error, Result};

/// Options for [`evaluate`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How many error examples to list.
    pub errors: usize,
    /// Label mapping from ours to the gold set's, e.g. `PERSON=PER,GPE=LOC`. Labels not
    /// named are compared as they are; a label mapped to `""` is dropped.
    pub map: Vec<(String, String)>,
    /// When not empty, only these labels (after mapping) are scored, in the gold and in the
    /// predictions.
    pub labels: Vec<String>,
}

/// The mapping from our OntoNotes labels to CoNLL-2003's four labels: PERSON->PER,
/// ORG->ORG, GPE/LOC/FAC->LOC, NORP/LAW/EVENT->MISC; MONEY and PERCENT (which CoNLL does
/// not annotate) are dropped.
pub fn conll_map() -> Vec<(String, String)> {
    [
        ("PERSON", "PER"),
        ("ORG", "ORG"),
        ("GPE", "LOC"),
        ("LOC", "LOC"),
        ("FAC", "LOC"),
        ("NORP", "MISC"),
        ("LAW", "MISC"),
        ("EVENT", "MISC"),
        ("MONEY", ""),
        ("PERCENT", ""),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

/// Parses a map written `A=B,C=D` (`conll` names [`conll_map`]).
pub fn parse_map(spec: &str) -> Result<Vec<(String, String)>> {
    if spec.trim().eq_ignore_ascii_case("conll") {
        return Ok(conll_map());
    }
    spec.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| match item.split_once('=') {
            Some((a, b)) if !a.trim().is_empty() => {
                Ok((a.trim().to_uppercase(), b.trim().to_string()))
            }
            _ => Err(Error::Invalid(format!("invalid label map entry {item:?}: expected A=B"))),
        })
        .collect()
}

#[derive(Debug, Deserialize)]
struct GoldDoc {
    id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    entities: Vec<GoldEntity>,
}

#[derive(Debug, Deserialize)]
struct GoldEntity {
    start: usize,
    end: usize,
    label: String,
}

/// A span in code points with its label.
type Mention = (usize, usize, String);

/// Runs the extractor over every document of `gold` and scores it.
pub fn evaluate(gold: &Path, options: &Options) -> Result<Report> {
    evaluate_with(&EntityExtractor::new(), gold, options)
}

/// Like [`evaluate`], with a given extractor (e.g. one with user rules).
pub fn evaluate_with(
    extractor: &EntityExtractor,
    gold: &Path,
    options: &Options,
) -> Result<Report> {
    let docs: Vec<GoldDoc> = read_jsonl(gold)?;
    let base = gold.parent().unwrap_or(Path::new("."));
    let map: HashMap<String, String> =
        options.map.iter().map(|(a, b)| (a.to_uppercase(), b.clone())).collect();
    let scored =
        |label: &str| options.labels.is_empty() || options.labels.iter().any(|l| l == label);
    let mut per: BTreeMap<String, Prf> = BTreeMap::new();
    let mut errors = Vec::new();
    let (mut bytes, mut secs) = (0usize, 0f64);
    for doc in &docs {
        let text = match (&doc.text, &doc.path) {
            (Some(t), _) => t.clone(),
            (None, Some(p)) => {
                let path = base.join(p);
                std::fs::read_to_string(&path).map_err(|e| Error::io(path, e))?
            }
            (None, None) => {
                return Err(Error::Document {
                    path: format!("{}: {}", gold.display(), doc.id),
                    msg: "gold document has neither \"text\" nor \"path\"".into(),
                })
            }
        };
        let t0 = Instant::now();
        let sentences = crate::text::sentences(&text);
        let found = extractor.extract(&text, &sentences);
        secs += t0.elapsed().as_secs_f64();
        bytes += text.len();

        let chars: Vec<char> = text.chars().collect();
        let mut ci = CharIndex::new(&text);
        let mut pred: Vec<Mention> = Vec::new();
        for e in &found {
            let label = match map.get(e.label.as_str()) {
                Some(l) if l.is_empty() => continue,
                Some(l) => l.clone(),
                None => e.label.as_str().to_string(),
            };
            if !scored(&label) {
                continue;
            }
            let (s, t) = trim(&chars, ci.get(e.start), ci.get(e.end));
            if t > s {
                pred.push((s, t, label));
            }
        }
        let gold_m: Vec<Mention> = doc
            .entities
            .iter()
            .filter(|e| scored(&e.label))
            .map(|e| (e.start, e.end, e.label.clone()))
            .collect();
        score_doc(&gold_m, &pred, &mut per);
        if errors.len() < options.errors {
            list_errors(&doc.id, &chars, &gold_m, &pred, options.errors, &mut errors);
        }
    }
    let mut rows: Vec<Row> = per.iter().map(|(l, p)| Row::from_counts(l.clone(), *p)).collect();
    let micro = per.values().fold(Prf::default(), |a, p| Prf {
        tp: a.tp + p.tp,
        fp: a.fp + p.fp,
        fn_: a.fn_ + p.fn_,
    });
    rows.push(Row::from_counts("micro", micro));
    let mb_s = if secs > 0.0 { bytes as f64 / 1e6 / secs } else { 0.0 };
    let name = gold.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Report {
        title: format!("entities: {name} ({} documents)", docs.len()),
        rows,
        notes: vec![format!(
            "extraction: {:.2} MB in {:.3} s, {:.1} MB/s (one thread)",
            bytes as f64 / 1e6,
            secs,
            mb_s
        )],
        errors,
    })
}

fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s, e)
}

/// Adds one document's counts, as `score_ner.py` does (multisets of span+label).
fn score_doc(gold: &[Mention], pred: &[Mention], per: &mut BTreeMap<String, Prf>) {
    let mut gc: HashMap<&Mention, usize> = HashMap::new();
    for g in gold {
        *gc.entry(g).or_default() += 1;
    }
    let mut pc: HashMap<&Mention, usize> = HashMap::new();
    for p in pred {
        *pc.entry(p).or_default() += 1;
    }
    for (m, &n) in &gc {
        let tp = n.min(pc.get(m).copied().unwrap_or(0));
        let row = per.entry(m.2.clone()).or_default();
        row.tp += tp as f64;
        row.fn_ += (n - tp) as f64;
    }
    for (m, &n) in &pc {
        let tp = n.min(gc.get(m).copied().unwrap_or(0));
        per.entry(m.2.clone()).or_default().fp += (n - tp) as f64;
    }
}

fn list_errors(
    id: &str,
    chars: &[char],
    gold: &[Mention],
    pred: &[Mention],
    max: usize,
    out: &mut Vec<String>,
) {
    let gold_set: HashSet<&Mention> = gold.iter().collect();
    let pred_set: HashSet<&Mention> = pred.iter().collect();
    let pred_span: HashMap<(usize, usize), &str> =
        pred.iter().map(|(s, e, l)| ((*s, *e), l.as_str())).collect();
    let gold_span: HashMap<(usize, usize), &str> =
        gold.iter().map(|(s, e, l)| ((*s, *e), l.as_str())).collect();
    let mut items: Vec<(usize, String)> = Vec::new();
    for g @ (s, e, l) in gold {
        if pred_set.contains(g) {
            continue;
        }
        let what = match pred_span.get(&(*s, *e)) {
            Some(pl) => format!("label {pl} for {l}"),
            None => format!("missed {l}"),
        };
        items.push((*s, format!("{id}@{s}: {what} {}", context(chars, *s, *e))));
    }
    for p @ (s, e, l) in pred {
        if gold_set.contains(p) || gold_span.contains_key(&(*s, *e)) {
            continue;
        }
        items.push((*s, format!("{id}@{s}: spurious {l} {}", context(chars, *s, *e))));
    }
    items.sort();
    for (_, line) in items {
        if out.len() >= max {
            break;
        }
        out.push(line);
    }
}

/// `...left [mention] right...` with up to 30 characters either side, on one line.
fn context(chars: &[char], s: usize, e: usize) -> String {
    let e = e.min(chars.len());
    let s = s.min(e);
    let clean = |r: &[char]| r.iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect();
    let left: String = clean(&chars[s.saturating_sub(30)..s]);
    let mid: String = clean(&chars[s..e]);
    let right: String = clean(&chars[e..(e + 30).min(chars.len())]);
    format!("{left}[{mid}]{right}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: usize, e: usize, l: &str) -> Mention {
        (s, e, l.to_string())
    }

    #[test]
    fn scores_strict_span_and_label() {
        let gold = vec![m(0, 5, "PER"), m(10, 15, "LOC"), m(20, 25, "ORG")];
        let pred = vec![m(0, 5, "PER"), m(10, 15, "ORG"), m(30, 35, "LOC")];
        let mut per = BTreeMap::new();
        score_doc(&gold, &pred, &mut per);
        assert_eq!(per["PER"], Prf { tp: 1.0, fp: 0.0, fn_: 0.0 });
        assert_eq!(per["LOC"], Prf { tp: 0.0, fp: 1.0, fn_: 1.0 });
        assert_eq!(per["ORG"], Prf { tp: 0.0, fp: 1.0, fn_: 1.0 });
    }

    #[test]
    fn maps_parse() {
        assert_eq!(parse_map("conll").unwrap(), conll_map());
        let m = parse_map("person=PER, MONEY=").unwrap();
        assert_eq!(m, vec![("PERSON".into(), "PER".into()), ("MONEY".into(), String::new())]);
        assert!(parse_map("PERSON").is_err());
    }

    #[test]
    fn evaluates_a_small_gold_file_with_a_path_document() {
        let dir = std::env::temp_dir().join(format!("dossier-ent-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "Chinese President Xi Jinping met Barack Obama.")
            .unwrap();
        let gold = r#"{"id":"a","path":"a.txt","entities":[{"start":18,"end":28,"label":"PER"},{"start":33,"end":45,"label":"PER"},{"start":0,"end":7,"label":"MISC"}]}"#;
        std::fs::write(dir.join("gold.jsonl"), format!("{gold}\n")).unwrap();
        let opts = Options { errors: 5, map: conll_map(), labels: Vec::new() };
        let report = evaluate(&dir.join("gold.jsonl"), &opts).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert!(report.f1("micro").unwrap() > 0.99, "{report}");
        assert!(report.notes[0].contains("MB/s"));
    }

    /// Scores the CoNLL-2003 development set; run with `--ignored --nocapture`. With
    /// `DOSSIER_NER_PRED=FILE`, also writes predictions for `score_ner.py`.
    #[test]
    #[ignore]
    fn conll_dev() {
        let gold = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/ner_dev.jsonl"));
        if !gold.exists() {
            eprintln!("skipped: {} not found", gold.display());
            return;
        }
        let errors = std::env::var("DOSSIER_NER_ERRORS").ok().and_then(|v| v.parse().ok());
        let opts = Options { errors: errors.unwrap_or(40), map: conll_map(), labels: Vec::new() };
        let report = evaluate(gold, &opts).unwrap();
        println!("{report}");
        if let Ok(out) = std::env::var("DOSSIER_NER_PRED") {
            write_predictions(gold, Path::new(&out)).unwrap();
        }
    }

    /// Scores the policy-text gold of `tests/data/gold` (OntoNotes labels, no map); run
    /// with `--ignored --nocapture`.
    #[test]
    #[ignore]
    fn policy_gold() {
        let gold = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/gold/policy_entities.jsonl"
        ));
        if !gold.exists() {
            eprintln!("skipped: {} not found", gold.display());
            return;
        }
        let errors = std::env::var("DOSSIER_NER_ERRORS").ok().and_then(|v| v.parse().ok());
        let report =
            evaluate(gold, &Options { errors: errors.unwrap_or(60), ..Options::default() });
        println!("{}", report.unwrap());
    }

    /// Writes `{"id", "entities": [{"start", "end", "label"}]}` lines (code points, our
    /// labels) for the Python scorer.
    fn write_predictions(gold: &Path, out: &Path) -> Result<()> {
        use std::io::Write;
        let ex = EntityExtractor::new();
        let docs: Vec<GoldDoc> = read_jsonl(gold)?;
        let mut f = std::io::BufWriter::new(std::fs::File::create(out)?);
        for doc in docs {
            let text = doc.text.unwrap_or_default();
            let sentences = crate::text::sentences(&text);
            let mut ci = CharIndex::new(&text);
            let ents: Vec<_> = ex
                .extract(&text, &sentences)
                .iter()
                .map(|e| {
                    serde_json::json!({"start": ci.get(e.start), "end": ci.get(e.end),
                        "label": e.label.as_str(), "rule": e.rule})
                })
                .collect();
            writeln!(f, "{}", serde_json::json!({"id": doc.id, "entities": ents}))?;
        }
        Ok(())
    }
}

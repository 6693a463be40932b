//! Scores the temporal tagger against TempEval-3 style gold data.
//!
//! The gold file holds one document per line: `{"id", "dct", "text" | "path", "timexes":
//! [{"start", "end", "type", "value", ...}]}` with code point offsets; a document may give a
//! `"path"` (relative to the gold file's folder) instead of carrying `"text"`, and its `"dct"`
//! may be a day (`2016-05-12`), a month (`2016-05`) or a year (`2016`). Each document is tagged with
//! its DCT (as if given on the command line) and scored with the definitions of
//! `score_timex.py` (shared evaluation folder), spans trimmed of surrounding whitespace:
//!
//! - `strict`: a timex counts when the other side has one with the identical span;
//! - `relaxed`: a timex counts when it overlaps any timex on the other side (precision
//!   and recall sides counted independently, as TempEval-3 does);
//! - `value`: the TempEval-3 attribute score, value accuracy over relaxed gold matches
//!   times relaxed precision / recall / F1 (the prediction compared with a gold timex is
//!   the exact-span one if any, else the one with the largest overlap, ties to the
//!   earliest);
//! - `type`: the same for the TIMEX3 type;
//! - `strict_value`: a one-to-one exact span and exact value match;
//! - one row per gold type (`DATE`, `TIME`, `DURATION`, `SET`): relaxed span **and** type,
//!   i.e. precision over predictions of that type overlapping a gold timex of that type,
//!   recall over gold timexes of that type whose matched prediction has that type.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{read_jsonl, Report, Row};
use crate::extract::{DateTagger, Dct, DctSource};
use crate::text::CharIndex;
use crate::{Error, Result};

/// Options for [`evaluate`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How many error examples to list.
    pub errors: usize,
}

#[derive(Debug, Deserialize)]
struct GoldDoc {
    id: String,
    #[serde(default)]
    dct: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    timexes: Vec<GoldTimex>,
}

#[derive(Debug, Deserialize)]
struct GoldTimex {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: Option<String>,
    value: Option<String>,
}

/// A timex on either side, in trimmed code point offsets.
#[derive(Debug, Clone)]
struct Item {
    span: (usize, usize),
    kind: String,
    value: String,
}

#[derive(Debug, Default)]
struct Counts {
    gold: usize,
    pred: usize,
    strict_p: usize,
    strict_r: usize,
    relaxed_p: usize,
    relaxed_r: usize,
    value_match: usize,
    type_match: usize,
    strict_value: usize,
    /// Per gold type: (gold, predicted, tp precision side, tp recall side).
    per_type: BTreeMap<String, [usize; 4]>,
}

/// The DCT of a gold document: a day, a month or a year, else none.
fn gold_dct(dct: Option<&str>) -> Dct {
    match dct.map(str::trim) {
        Some(d) if NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok() => {
            Dct { value: Some(d.to_string()), source: DctSource::Argument }
        }
        Some(d)
            if matches!(d.len(), 4 | 7)
                && d.bytes().enumerate().all(|(i, b)| {
                    if i == 4 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                })
                && (d.len() == 4 || (1..=12).contains(&d[5..].parse::<u32>().unwrap_or(0))) =>
        {
            Dct { value: Some(d.to_string()), source: DctSource::Argument }
        }
        _ => Dct::none(),
    }
}

/// The text of a gold document: its `"text"`, or the file its `"path"` names relative to
/// `base`.
fn gold_text(gold: &Path, base: &Path, doc: &GoldDoc) -> Result<String> {
    match (&doc.text, &doc.path) {
        (Some(t), _) => Ok(t.clone()),
        (None, Some(p)) => {
            let path = base.join(p);
            std::fs::read_to_string(&path).map_err(|e| Error::io(path, e))
        }
        (None, None) => Err(Error::Document {
            path: format!("{}: {}", gold.display(), doc.id),
            msg: "gold document has neither \"text\" nor \"path\"".into(),
        }),
    }
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn trim(chars: &[char], (mut s, mut e): (usize, usize)) -> (usize, usize) {
    e = e.min(chars.len());
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s, e)
}

/// Runs the tagger over every document of `gold` with its DCT and scores it.
pub fn evaluate(gold: &Path, options: &Options) -> Result<Report> {
    evaluate_with(gold, options, &DateTagger::new())
}

/// [`evaluate`] with a given tagger (other rules, another anchor mode).
pub fn evaluate_with(gold: &Path, options: &Options, tagger: &DateTagger) -> Result<Report> {
    let docs: Vec<GoldDoc> = read_jsonl(gold)?;
    let base = gold.parent().unwrap_or(Path::new("."));
    let mut c = Counts::default();
    let mut errors = Vec::new();
    let mut bytes = 0usize;
    let mut seconds = 0f64;
    for doc in &docs {
        let text = gold_text(gold, base, doc)?;
        let dct = gold_dct(doc.dct.as_deref());
        let sentences = crate::text::sentences(&text);
        let t0 = Instant::now();
        let (_, found) = tagger.tag(&text, &sentences, dct);
        seconds += t0.elapsed().as_secs_f64();
        bytes += text.len();

        let chars: Vec<char> = text.chars().collect();
        let mut ci = CharIndex::new(&text);
        let pred: Vec<Item> = found
            .iter()
            .map(|t| Item {
                span: trim(&chars, (ci.get(t.start), ci.get(t.end))),
                kind: t.kind.as_str().to_string(),
                value: t.value.clone(),
            })
            .filter(|p| p.span.1 > p.span.0)
            .collect();
        let gold: Vec<Item> = doc
            .timexes
            .iter()
            .map(|g| Item {
                span: trim(&chars, (g.start, g.end)),
                kind: g.kind.clone().unwrap_or_else(|| "?".into()),
                value: g.value.clone().unwrap_or_default(),
            })
            .collect();
        score_doc(&doc.id, &chars, &gold, &pred, &mut c, &mut errors);
    }

    let rows = rows(&c);
    let mut notes = vec![format!(
        "{} documents, {} gold timexes, {} predicted; tagger {:.1} MB/s ({} bytes in {:.3} s)",
        docs.len(),
        c.gold,
        c.pred,
        if seconds > 0.0 { bytes as f64 / 1e6 / seconds } else { 0.0 },
        bytes,
        seconds
    )];
    if c.relaxed_r > 0 {
        notes.push(format!(
            "value accuracy on relaxed matches: {:.4} ({}/{})",
            c.value_match as f64 / c.relaxed_r as f64,
            c.value_match,
            c.relaxed_r
        ));
    }
    let errors = pick_errors(errors, options.errors);
    Ok(Report {
        title: format!(
            "dates: {} ({} documents)",
            gold.file_name()
                .map_or_else(|| gold.display().to_string(), |f| f.to_string_lossy().into()),
            docs.len()
        ),
        rows,
        notes,
        errors,
    })
}

/// Errors by kind, in document order: misses, spurious, wrong values.
#[derive(Debug)]
enum ErrorKind {
    Missed,
    Spurious,
    Value,
}

fn score_doc(
    id: &str,
    chars: &[char],
    gold: &[Item],
    pred: &[Item],
    c: &mut Counts,
    errors: &mut Vec<(ErrorKind, String)>,
) {
    let text = |s: (usize, usize)| chars[s.0..s.1].iter().collect::<String>();
    c.gold += gold.len();
    c.pred += pred.len();
    for p in pred {
        if gold.iter().any(|g| g.span == p.span) {
            c.strict_p += 1;
        }
        if gold.iter().any(|g| overlap(g.span, p.span) > 0) {
            c.relaxed_p += 1;
        } else {
            errors.push((
                ErrorKind::Spurious,
                format!("spurious {id} {:?} {} {}", text(p.span), p.kind, p.value),
            ));
        }
        let e = c.per_type.entry(p.kind.clone()).or_default();
        e[1] += 1;
        if gold.iter().any(|g| g.kind == p.kind && overlap(g.span, p.span) > 0) {
            e[2] += 1;
        }
    }
    let mut used = vec![false; pred.len()];
    for g in gold {
        c.per_type.entry(g.kind.clone()).or_default()[0] += 1;
        if pred.iter().any(|p| p.span == g.span) {
            c.strict_r += 1;
        }
        let cands: Vec<usize> =
            (0..pred.len()).filter(|&i| overlap(g.span, pred[i].span) > 0).collect();
        if cands.is_empty() {
            errors.push((
                ErrorKind::Missed,
                format!("missed {id} {:?} {} {}", text(g.span), g.kind, g.value),
            ));
            continue;
        }
        c.relaxed_r += 1;
        let exact: Vec<usize> = cands.iter().copied().filter(|&i| pred[i].span == g.span).collect();
        let best = exact.first().copied().unwrap_or_else(|| {
            // Largest overlap, ties to the earliest start (as max() with key -start does).
            let mut best = cands[0];
            for &i in &cands[1..] {
                let (o, ob) = (overlap(g.span, pred[i].span), overlap(g.span, pred[best].span));
                if o > ob || (o == ob && pred[i].span.0 < pred[best].span.0) {
                    best = i;
                }
            }
            best
        });
        let b = &pred[best];
        if b.value == g.value {
            c.value_match += 1;
        } else {
            errors.push((
                ErrorKind::Value,
                format!(
                    "value {id} {:?} gold={} pred={} ({:?})",
                    text(g.span),
                    g.value,
                    b.value,
                    text(b.span)
                ),
            ));
        }
        if b.kind == g.kind {
            c.type_match += 1;
            c.per_type.entry(g.kind.clone()).or_default()[3] += 1;
        }
        if let Some(&j) = exact.iter().find(|&&j| !used[j] && pred[j].value == g.value) {
            used[j] = true;
            c.strict_value += 1;
        }
    }
}

fn row(name: &str, tp_p: usize, n_p: usize, tp_r: usize, n_g: usize) -> Row {
    let p = if n_p > 0 {
        tp_p as f64 / n_p as f64
    } else if n_g == 0 {
        1.0
    } else {
        0.0
    };
    let r = if n_g > 0 {
        tp_r as f64 / n_g as f64
    } else if n_p == 0 {
        1.0
    } else {
        0.0
    };
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Row { name: name.into(), precision: p, recall: r, f1, gold: n_g, predicted: n_p }
}

fn scaled(name: &str, base: &Row, acc: f64) -> Row {
    Row {
        name: name.into(),
        precision: base.precision * acc,
        recall: base.recall * acc,
        f1: base.f1 * acc,
        gold: base.gold,
        predicted: base.predicted,
    }
}

fn rows(c: &Counts) -> Vec<Row> {
    let strict = row("strict", c.strict_p, c.pred, c.strict_r, c.gold);
    let relaxed = row("relaxed", c.relaxed_p, c.pred, c.relaxed_r, c.gold);
    let acc = |n: usize| if c.relaxed_r > 0 { n as f64 / c.relaxed_r as f64 } else { 0.0 };
    let value = scaled("value", &relaxed, acc(c.value_match));
    let kind = scaled("type", &relaxed, acc(c.type_match));
    let sv = row("strict_value", c.strict_value, c.pred, c.strict_value, c.gold);
    let mut out = vec![strict, relaxed, value, kind, sv];
    for (t, [g, p, tpp, tpr]) in &c.per_type {
        if *g > 0 || *p > 0 {
            out.push(row(t, *tpp, *p, *tpr, *g));
        }
    }
    out
}

/// Up to `n` errors, spread over the three kinds.
fn pick_errors(errors: Vec<(ErrorKind, String)>, n: usize) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let mut by: [Vec<String>; 3] = Default::default();
    for (k, e) in errors {
        let i = match k {
            ErrorKind::Missed => 0,
            ErrorKind::Spurious => 1,
            ErrorKind::Value => 2,
        };
        by[i].push(e);
    }
    let mut out = Vec::new();
    let mut idx = [0usize; 3];
    while out.len() < n && (0..3).any(|k| idx[k] < by[k].len()) {
        for k in 0..3 {
            if out.len() < n && idx[k] < by[k].len() {
                out.push(by[k][idx[k]].clone());
                idx[k] += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(s: usize, e: usize, v: &str) -> Item {
        Item { span: (s, e), kind: "DATE".into(), value: v.into() }
    }

    #[test]
    fn scoring_follows_the_python_scorer() {
        let chars: Vec<char> = "in May 2014 and June".chars().collect();
        let gold = [item(3, 11, "2014-05"), item(16, 20, "XXXX-06")];
        let pred = [item(3, 6, "2014-05"), item(12, 15, "X")];
        let mut c = Counts::default();
        let mut errs = Vec::new();
        score_doc("d", &chars, &gold, &pred, &mut c, &mut errs);
        assert_eq!((c.strict_p, c.strict_r, c.relaxed_p, c.relaxed_r), (0, 0, 1, 1));
        assert_eq!(c.value_match, 1);
        let rows = rows(&c);
        assert_eq!(rows[1].name, "relaxed");
        assert!((rows[1].f1 - 0.5).abs() < 1e-9);
        assert!((rows[2].f1 - 0.5).abs() < 1e-9);
        assert_eq!(errs.len(), 2);
        assert_eq!(pick_errors(errs, 1).len(), 1);
    }

    #[test]
    fn reads_path_documents_and_partial_dcts() {
        let dir = std::env::temp_dir().join(format!("dossier-eval-dates-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "Talks resumed in May 2016 and again last month.")
            .unwrap();
        let gold = r#"{"id":"a","dct":"2016","path":"a.txt","timexes":[{"start":17,"end":25,"type":"DATE","value":"2016-05"}]}"#;
        std::fs::write(dir.join("gold.jsonl"), format!("{gold}\n")).unwrap();
        let report = evaluate(&dir.join("gold.jsonl"), &Options::default()).unwrap();
        assert!((report.f1("strict").unwrap() - 2.0 / 3.0).abs() < 1e-9, "{report}");
        std::fs::write(dir.join("gold.jsonl"), "{\"id\":\"b\",\"timexes\":[]}\n").unwrap();
        assert!(evaluate(&dir.join("gold.jsonl"), &Options::default()).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(gold_dct(Some("2016-05")).value.as_deref(), Some("2016-05"));
        assert_eq!(gold_dct(Some("2016-13")).value, None);
        assert_eq!(gold_dct(Some("2016-05-12")).value.as_deref(), Some("2016-05-12"));
    }

    #[test]
    fn trims_whitespace() {
        let chars: Vec<char> = " a b ".chars().collect();
        assert_eq!(trim(&chars, (0, 5)), (1, 4));
        assert_eq!(trim(&chars, (0, 99)), (1, 4));
    }

    #[test]
    fn evaluates_the_development_set() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/te3_train.jsonl");
        if !path.exists() {
            eprintln!("skipped: {} not found", path.display());
            return;
        }
        let report = evaluate(&path, &Options { errors: 3 }).unwrap();
        assert!(report.f1("relaxed").unwrap() > 0.5, "{report}");
        assert!(report.errors.len() <= 3);
    }

    /// Development aid, run by hand: `DATES_RULES=path/to/rules.toml DATES_ERRORS=50
    /// DATES_PRED=pred.jsonl cargo test --lib dev_report -- --ignored --nocapture` scores
    /// the development set with rules read at run time (no rebuild) and writes predictions
    /// for `score_timex.py`.
    #[test]
    #[ignore]
    fn dev_report() {
        let gold = std::env::var("DATES_GOLD").map_or_else(
            |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/te3_train.jsonl"),
            Into::into,
        );
        let mut tagger = DateTagger::new();
        if let Ok(p) = std::env::var("DATES_RULES") {
            tagger = tagger.with_rules(&std::fs::read_to_string(p).unwrap()).unwrap();
        }
        let errors = std::env::var("DATES_ERRORS").ok().and_then(|n| n.parse().ok()).unwrap_or(20);
        let report = evaluate_with(&gold, &Options { errors }, &tagger).unwrap();
        println!("{report}");
        if let Ok(out) = std::env::var("DATES_PRED") {
            let docs: Vec<GoldDoc> = read_jsonl(&gold).unwrap();
            let base = gold.parent().unwrap_or(Path::new("."));
            let mut lines = String::new();
            for doc in &docs {
                let text = gold_text(&gold, base, doc).unwrap();
                let dct = gold_dct(doc.dct.as_deref());
                let (_, found) = tagger.tag(&text, &crate::text::sentences(&text), dct);
                let mut ci = CharIndex::new(&text);
                let timexes: Vec<_> = found
                    .iter()
                    .map(|t| {
                        serde_json::json!({"start": ci.get(t.start), "end": ci.get(t.end),
                            "type": t.kind.as_str(), "value": t.value, "rule": t.rule})
                    })
                    .collect();
                lines.push_str(&serde_json::json!({"id": doc.id, "timexes": timexes}).to_string());
                lines.push('\n');
            }
            std::fs::write(out, lines).unwrap();
        }
    }
}

//! Built-in evaluation of the extractors against gold-standard JSON Lines files.
//!
//! [`dates`] scores the temporal tagger on TempEval-3 style data, [`entities`] the
//! entity extractor on CoNLL/OntoNotes style data, [`body`] the main text of web pages
//! against gold article bodies and [`published`] the published-date finder on web pages.
//! Each returns a [`Report`]: named precision/recall/F1 rows, which the CLI prints or
//! checks against floors.

pub mod body;
pub mod dates;
pub mod entities;
pub mod published;

use std::fmt;
use std::io::BufRead;
use std::path::Path;

use serde::Serialize;

use crate::{Error, Result};

/// Counts of true positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// True positives.
    pub tp: f64,
    /// False positives.
    pub fp: f64,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: f64,
}

impl Prf {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall (0 when there was nothing to find).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        ratio(2.0 * p * r, p + r)
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// One row of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The row's name, used by `--min NAME=F1` gates (`strict`, `value`, `micro`, `PER`).
    pub name: String,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Gold items counted for the row.
    pub gold: usize,
    /// Predicted items counted for the row.
    pub predicted: usize,
}

impl Row {
    /// A row from counts.
    pub fn from_counts(name: impl Into<String>, prf: Prf) -> Row {
        Row {
            name: name.into(),
            precision: prf.precision(),
            recall: prf.recall(),
            f1: prf.f1(),
            gold: (prf.tp + prf.fn_).round() as usize,
            predicted: (prf.tp + prf.fp).round() as usize,
        }
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// What was evaluated, e.g. `dates: te3_train.jsonl (256 documents)`.
    pub title: String,
    /// Scored rows.
    pub rows: Vec<Row>,
    /// Free-form notes (speed, counts).
    pub notes: Vec<String>,
    /// Error examples (misses, spurious, wrong values), at most as many as asked for.
    pub errors: Vec<String>,
}

impl Report {
    /// The F1 of the row named `name`, case-insensitively; `f1` names the only row of a
    /// one-row report.
    pub fn f1(&self, name: &str) -> Option<f64> {
        let named = self.rows.iter().find(|r| r.name.eq_ignore_ascii_case(name));
        let only = (self.rows.len() == 1 && name.eq_ignore_ascii_case("f1")).then(|| &self.rows[0]);
        named.or(only).map(|r| r.f1)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.title)?;
        writeln!(f, "{:<14} {:>7} {:>7} {:>7} {:>7} {:>7}", "", "P", "R", "F1", "gold", "pred")?;
        for r in &self.rows {
            writeln!(
                f,
                "{:<14} {:>7.4} {:>7.4} {:>7.4} {:>7} {:>7}",
                r.name, r.precision, r.recall, r.f1, r.gold, r.predicted
            )?;
        }
        for n in &self.notes {
            writeln!(f, "{n}")?;
        }
        if !self.errors.is_empty() {
            writeln!(f, "errors:")?;
            for e in &self.errors {
                writeln!(f, "  {e}")?;
            }
        }
        Ok(())
    }
}

/// Reads a JSON Lines file into values of type `T`, naming `file:line` on errors.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let v = serde_json::from_str(&line).map_err(|e| Error::Document {
            path: format!("{}:{}", path.display(), i + 1),
            msg: e.to_string(),
        })?;
        out.push(v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_arithmetic() {
        let p = Prf { tp: 8.0, fp: 2.0, fn_: 8.0 };
        assert!((p.precision() - 0.8).abs() < 1e-9);
        assert!((p.recall() - 0.5).abs() < 1e-9);
        assert!((p.f1() - 2.0 * 0.8 * 0.5 / 1.3).abs() < 1e-9);
        assert_eq!(Prf::default().f1(), 0.0);
    }
}

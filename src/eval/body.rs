//! Scoring the main text of web pages against gold article bodies.
//!
//! Gold lines are `{"id", "file", "body"}`, `file` relative to the gold file's folder.
//! Each page is read the way `dossier ingest` reads it (decoding, then the HTML reader)
//! and scored with the word 4-gram measure of the public article-extraction benchmark:
//! words are runs of letters, digits and `_` (case kept, punctuation dropped); each text
//! is a multiset of word 4-grams (a text of fewer than four words is one shorter gram);
//! per page, precision and recall are the shares of predicted and gold grams matched;
//! precision is averaged over pages with output, recall over pages with gold text, and
//! F1 is the harmonic mean of those two averages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::{read_jsonl, Report, Row};
use crate::ingest::{self, Format, ReadOptions};
use crate::{Error, Result};

/// Options for [`evaluate`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How many of the worst pages to describe in [`Report::errors`].
    pub errors: usize,
}

/// One gold page.
#[derive(Debug, Deserialize)]
struct Gold {
    id: String,
    file: PathBuf,
    body: String,
}

/// The text read from one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// The gold id.
    pub id: String,
    /// The main text.
    pub body: String,
}

/// A report and the texts it scored.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// P/R/F1 in one row named `body`, notes and the worst pages.
    pub report: Report,
    /// One text per gold page, in gold order.
    pub predictions: Vec<Prediction>,
}

/// Reads every page of the gold file and scores its main text.
pub fn evaluate(gold_path: &Path, options: &Options) -> Result<Outcome> {
    let gold: Vec<Gold> = read_jsonl(gold_path)?;
    let dir = gold_path.parent().unwrap_or(Path::new("."));
    let mut pages = Vec::with_capacity(gold.len());
    for g in &gold {
        let path = dir.join(&g.file);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        pages.push((path, bytes));
    }
    let read = ReadOptions::default();
    let start = Instant::now();
    let mut predictions = Vec::with_capacity(gold.len());
    for (g, (path, bytes)) in gold.iter().zip(&pages) {
        let result = ingest::read_bytes_with(path, &g.id, Format::Html, bytes, &read);
        let body = result.documents.into_iter().next().map(|d| d.text).unwrap_or_default();
        predictions.push(Prediction { id: g.id.clone(), body });
    }
    let secs = start.elapsed().as_secs_f64();
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();

    let mut scores = Vec::with_capacity(gold.len());
    for (g, p) in gold.iter().zip(&predictions) {
        scores.push(PageScore::of(&g.body, &p.body));
    }
    let score = Score::mean(&scores);
    let exact = gold.iter().zip(&predictions).filter(|(g, p)| words(&g.body) == words(&p.body));
    let name = gold_path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let mut report = Report {
        title: format!("body: {name} ({} pages)", gold.len()),
        rows: vec![Row {
            name: "body".into(),
            precision: score.precision,
            recall: score.recall,
            f1: score.f1,
            gold: scores.iter().filter(|s| s.gold > 0).count(),
            predicted: scores.iter().filter(|s| s.predicted > 0).count(),
        }],
        notes: vec![
            format!("identical word sequences: {} of {}", exact.count(), gold.len()),
            format!(
                "read {:.1} MB in {:.2} s ({:.1} MB/s, one thread, decoding and parsing)",
                bytes as f64 / 1e6,
                secs,
                bytes as f64 / 1e6 / secs.max(1e-9)
            ),
        ],
        errors: Vec::new(),
    };
    let mut worst: Vec<usize> = (0..gold.len()).collect();
    worst.sort_by(|&a, &b| scores[a].f1().total_cmp(&scores[b].f1()));
    for &i in worst.iter().take(options.errors) {
        report.errors.push(describe(&gold[i], &predictions[i].body, &scores[i]));
    }
    Ok(Outcome { report, predictions })
}

/// The words of a text: runs of alphanumerics and `_`.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The multiset of word 4-grams (one shorter gram for a text of one to three words).
fn grams<'a>(words: &'a [&'a str]) -> HashMap<&'a [&'a str], u32> {
    let mut out = HashMap::new();
    if words.is_empty() {
        return out;
    }
    let n = 4.min(words.len());
    for g in words.windows(n) {
        *out.entry(g).or_insert(0) += 1;
    }
    out
}

/// Matched, extra and missed 4-grams of one page.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PageScore {
    /// Grams in both.
    pub matched: u32,
    /// Predicted grams.
    pub predicted: u32,
    /// Gold grams.
    pub gold: u32,
}

impl PageScore {
    /// Scores one page.
    pub fn of(gold: &str, predicted: &str) -> PageScore {
        let (gw, pw) = (words(gold), words(predicted));
        let (g, p) = (grams(&gw), grams(&pw));
        let matched = p.iter().map(|(k, &n)| n.min(g.get(k).copied().unwrap_or(0))).sum();
        PageScore { matched, predicted: p.values().sum(), gold: g.values().sum() }
    }

    fn precision(&self) -> Option<f64> {
        share(self.matched, self.predicted - self.matched, self.gold - self.matched)
    }

    fn recall(&self) -> Option<f64> {
        share(self.matched, self.gold - self.matched, self.predicted - self.matched)
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision().unwrap_or(0.0), self.recall().unwrap_or(0.0));
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// `a / (a + b)`, 1 when `b` and `other` are both 0, `None` when the page does not
/// count (no output for precision, no gold for recall).
fn share(a: u32, b: u32, other: u32) -> Option<f64> {
    if a + b == 0 {
        return if other == 0 { Some(1.0) } else { None };
    }
    Some(if b == 0 && other == 0 { 1.0 } else { a as f64 / (a + b) as f64 })
}

/// Averages over pages, as the benchmark does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Mean precision over pages with output.
    pub precision: f64,
    /// Mean recall over pages with gold text.
    pub recall: f64,
    /// Harmonic mean of the two means.
    pub f1: f64,
}

impl Score {
    /// The benchmark's averages of page scores.
    pub fn mean(pages: &[PageScore]) -> Score {
        let mean =
            |v: Vec<f64>| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
        let precision = mean(
            pages.iter().filter(|s| s.predicted > 0).filter_map(PageScore::precision).collect(),
        );
        let recall =
            mean(pages.iter().filter(|s| s.gold > 0).filter_map(PageScore::recall).collect());
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score { precision, recall, f1 }
    }
}

/// One line about a badly read page: its scores, then the first runs of words that are
/// extra (`+`) and missed (`-`).
fn describe(gold: &Gold, predicted: &str, score: &PageScore) -> String {
    let (gw, pw) = (words(&gold.body), words(predicted));
    let mut line = format!(
        "{} F1 {:.3} P {:.3} R {:.3}",
        gold.file.display(),
        score.f1(),
        score.precision().unwrap_or(0.0),
        score.recall().unwrap_or(0.0)
    );
    for (sign, from, other) in [("+", &pw, &gw), ("-", &gw, &pw)] {
        for run in unmatched_runs(from, other).into_iter().take(3) {
            let text: Vec<&str> = run.iter().take(25).copied().collect();
            let more = if run.len() > 25 { " …" } else { "" };
            line.push_str(&format!(
                "\n      {sign} ({} words) {}{more}",
                run.len(),
                text.join(" ")
            ));
        }
    }
    line
}

/// Runs of words of `from` whose 4-grams are not in `other`, longest first.
fn unmatched_runs<'a>(from: &'a [&'a str], other: &[&str]) -> Vec<&'a [&'a str]> {
    if from.len() < 4 {
        return if other == from || from.is_empty() { vec![] } else { vec![from] };
    }
    let set: std::collections::HashSet<&[&str]> = other.windows(4).collect();
    let mut covered = vec![false; from.len()];
    for (i, g) in from.windows(4).enumerate() {
        if set.contains(g) {
            covered[i..i + 4].iter_mut().for_each(|c| *c = true);
        }
    }
    let mut runs = Vec::new();
    let mut i = 0;
    while i < from.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        let s = i;
        while i < from.len() && !covered[i] {
            i += 1;
        }
        runs.push(&from[s..i]);
    }
    runs.sort_by_key(|r| std::cmp::Reverse(r.len()));
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_word_characters() {
        assert_eq!(
            words("It's the U.S. — 3,000 ünits_x!"),
            ["It", "s", "the", "U", "S", "3", "000", "ünits_x"]
        );
    }

    #[test]
    fn page_scores_count_gram_multisets() {
        // 5 gold words give 2 grams; the prediction repeats one gram and adds one.
        let s = PageScore::of("a b c d e", "a b c d a b c d");
        assert_eq!(s, PageScore { matched: 1, predicted: 5, gold: 2 });
        // Short texts are one shorter gram.
        assert_eq!(PageScore::of("a b", "a b"), PageScore { matched: 1, predicted: 1, gold: 1 });
        assert_eq!(PageScore::of("", "x"), PageScore { matched: 0, predicted: 1, gold: 0 });
    }

    #[test]
    fn averages_follow_the_benchmark() {
        let pages = [
            PageScore { matched: 3, predicted: 4, gold: 6 },
            // No output: counts for recall only.
            PageScore { matched: 0, predicted: 0, gold: 2 },
        ];
        let s = Score::mean(&pages);
        assert!((s.precision - 0.75).abs() < 1e-12);
        assert!((s.recall - 0.25).abs() < 1e-12);
        assert!((s.f1 - 0.375).abs() < 1e-12);
    }
}

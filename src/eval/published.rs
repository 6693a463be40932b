//! Scores the published-date finder on web pages with known publication days.
//!
//! The gold file holds one page per line: `{"file", "url", "date": "YYYY-MM-DD" | null}`,
//! `file` relative to the gold file's folder (the format of the htmldate evaluation
//! set). Each page is decoded as a browser would ([`decode_html`]), parsed, and given
//! to [`published::find`] with the gold's `url` as the page's address (htmldate's
//! evaluation gives it the address too) and today as the latest possible day.
//!
//! Counting is that of `score_published.py` in the shared evaluation folder: gold rows
//! without a date are left out; a page whose prediction is the gold day is a true
//! positive, another day a false positive, no day a false negative; P = tp/(tp+fp),
//! R = tp/(tp+fn), F1 = 2tp/(2tp+fp+fn), accuracy = tp/n.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{read_jsonl, Report, Row};
use crate::ingest::decode_html;
use crate::ingest::published::{self, PageDates};
use crate::{Error, Result};

/// Options for [`evaluate`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How many error examples to list.
    pub errors: usize,
    /// Write each page's prediction here as JSON lines (`{"file", "date", "source",
    /// "modified"}`), the format `score_published.py` reads.
    pub pred: Option<PathBuf>,
    /// The latest possible day; today when `None`.
    pub latest: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
struct GoldPage {
    file: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

#[derive(Debug, Serialize)]
struct Prediction<'a> {
    file: &'a str,
    date: Option<String>,
    source: Option<&'static str>,
    modified: Option<String>,
}

/// Seconds spent decoding and parsing, and finding dates.
#[derive(Debug, Default)]
struct Timing {
    parse: f64,
    find: f64,
}

fn timed_page_dates(
    path: &Path,
    url: Option<&str>,
    latest: NaiveDate,
    timing: &mut Timing,
) -> Result<PageDates> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let started = Instant::now();
    let Ok((text, _)) = decode_html(&bytes) else { return Ok(PageDates::default()) };
    let page = scraper::Html::parse_document(&text);
    let parsed = Instant::now();
    let dates = published::find(&page, url, latest);
    timing.parse += (parsed - started).as_secs_f64();
    timing.find += parsed.elapsed().as_secs_f64();
    Ok(dates)
}

/// Scores the finder on the pages of `gold`.
pub fn evaluate(gold: &Path, options: &Options) -> Result<Report> {
    let pages: Vec<GoldPage> = read_jsonl(gold)?;
    let dir = gold.parent().unwrap_or(Path::new("."));
    let latest = options.latest.unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut pred_out = match &options.pred {
        Some(p) => {
            Some(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| Error::io(p, e))?))
        }
        None => None,
    };
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut by_source: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut bytes_read = 0u64;
    let mut timing = Timing::default();
    for g in &pages {
        let path = dir.join(&g.file);
        bytes_read += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let dates = timed_page_dates(&path, g.url.as_deref(), latest, &mut timing)?;
        let found = dates.published;
        if let Some(out) = pred_out.as_mut() {
            let p = Prediction {
                file: &g.file,
                date: found.map(|f| f.date.to_string()),
                source: found.map(|f| f.source.name()),
                modified: dates.modified.map(|f| f.date.to_string()),
            };
            serde_json::to_writer(&mut *out, &p)?;
            writeln!(out).map_err(Error::IoPlain)?;
        }
        let Some(want) = g.date.as_deref().filter(|d| !d.is_empty()) else { continue };
        let want = &want[..want.len().min(10)];
        match found {
            None => {
                fn_ += 1;
                if errors.len() < options.errors {
                    errors.push(format!("miss  {} gold {want}", g.file));
                }
            }
            Some(f) => {
                let entry = by_source.entry(f.source.name()).or_default();
                if f.date.to_string() == want {
                    tp += 1;
                    entry.0 += 1;
                } else {
                    fp += 1;
                    entry.1 += 1;
                    if errors.len() < options.errors {
                        errors.push(format!(
                            "wrong {} gold {want} found {} ({})",
                            g.file,
                            f.date,
                            f.source.name()
                        ));
                    }
                }
            }
        }
    }
    if let Some(mut out) = pred_out {
        out.flush().map_err(Error::IoPlain)?;
    }
    let n = tp + fp + fn_;
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let row = Row {
        name: "published".into(),
        precision: ratio(tp, tp + fp),
        recall: ratio(tp, tp + fn_),
        f1: ratio(2 * tp, 2 * tp + fp + fn_),
        gold: n,
        predicted: tp + fp,
    };
    let mut notes = vec![format!(
        "n={n} F1 {:.3} P {:.3} R {:.3} acc {:.3} (tp {tp} fp {fp} fn {fn_})",
        row.f1,
        row.precision,
        row.recall,
        ratio(tp, n)
    )];
    let sources: Vec<String> =
        by_source.iter().map(|(s, (ok, bad))| format!("{s} {ok}/{}", ok + bad)).collect();
    notes.push(format!("right/found by source: {}", sources.join(", ")));
    let mb = bytes_read as f64 / 1e6;
    let rate = |secs: f64| mb / secs.max(1e-9);
    notes.push(format!(
        "{} pages, {mb:.1} MB, one thread: decode and parse {:.2} s ({:.1} MB/s), find dates \
         {:.2} s ({:.1} MB/s), together {:.1} MB/s",
        pages.len(),
        timing.parse,
        rate(timing.parse),
        timing.find,
        rate(timing.find),
        rate(timing.parse + timing.find)
    ));
    Ok(Report {
        title: format!("published: {} ({} pages, {n} with a date)", gold.display(), pages.len()),
        rows: vec![row],
        notes,
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_the_hand_written_gold() {
        let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/published/gold.jsonl");
        let pred = tempfile::NamedTempFile::new().unwrap();
        let options = Options {
            errors: 10,
            pred: Some(pred.path().to_path_buf()),
            latest: NaiveDate::from_ymd_opt(2024, 1, 1),
        };
        let report = evaluate(&gold, &options).unwrap();
        // Five pages with a gold day: three found (JSON-LD, a Windows-1251 byline, the
        // address), one with no date at all, one whose page disagrees with its gold.
        let row = &report.rows[0];
        assert_eq!((row.gold, row.predicted), (5, 4));
        assert!((row.precision - 0.75).abs() < 1e-9);
        assert!((row.recall - 0.75).abs() < 1e-9);
        assert!((row.f1 - 0.75).abs() < 1e-9);
        assert!(report.notes[0].starts_with("n=5 F1 0.750 P 0.750 R 0.750 acc 0.600"));
        assert_eq!(report.errors.len(), 2, "{:?}", report.errors);
        let lines: Vec<serde_json::Value> = std::fs::read_to_string(pred.path())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 6);
        assert_eq!(lines[0]["date"], "2019-11-08");
        assert_eq!(lines[0]["source"], "json-ld");
        assert_eq!(lines[0]["modified"], "2019-11-12");
        assert_eq!(lines[1]["source"], "text");
        assert_eq!(lines[2]["source"], "url");
        assert_eq!(lines[3]["date"], serde_json::Value::Null);
    }
}

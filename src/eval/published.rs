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

/// Finds the dates of one page file.
pub fn page_dates(path: &Path, url: Option<&str>, latest: NaiveDate) -> Result<PageDates> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let Ok((text, _)) = decode_html(&bytes) else { return Ok(PageDates::default()) };
    let page = scraper::Html::parse_document(&text);
    Ok(published::find(&page, url, latest))
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
    let started = Instant::now();
    for g in &pages {
        let path = dir.join(&g.file);
        bytes_read += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let dates = page_dates(&path, g.url.as_deref(), latest)?;
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
    let secs = started.elapsed().as_secs_f64();
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
    notes.push(format!(
        "{} pages, {:.1} MB read, decoded, parsed and searched in {secs:.2} s ({:.1} MB/s, one thread)",
        pages.len(),
        bytes_read as f64 / 1e6,
        bytes_read as f64 / 1e6 / secs.max(1e-9)
    ));
    Ok(Report {
        title: format!("published: {} ({} pages, {n} with a date)", gold.display(), pages.len()),
        rows: vec![row],
        notes,
        errors,
    })
}

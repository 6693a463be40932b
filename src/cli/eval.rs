//! `dossier eval`: score the extractors on gold data, optionally against floors.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Subcommand;
use dossier::evaluation::{body, dates, entities, published, Report};
use dossier::ExtractorBuilder;

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// Score the temporal tagger on TempEval-3 style JSON lines
    /// ({"id","dct","text","timexes":[...]}).
    Dates {
        /// The gold file.
        gold: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Score the entity extractor on JSON lines ({"id","text"|"path","entities":[...]}).
    Entities {
        /// The gold file.
        gold: PathBuf,
        /// Map our labels to the gold's: `conll`, or pairs like PERSON=PER,GPE=LOC
        /// (unmapped labels are kept; LABEL= drops a label).
        #[arg(long)]
        map: Vec<String>,
        /// Use the CoNLL-2003 map (PERSON=PER, GPE/LOC/FAC=LOC, NORP/LAW/EVENT=MISC,
        /// MONEY/PERCENT dropped); same as --map conll.
        #[arg(long)]
        conll: bool,
        /// Score only these labels (after the map), e.g. PERSON,ORG,GPE; others are
        /// left out of the gold and of the predictions.
        #[arg(long, value_delimiter = ',', value_name = "LABELS")]
        labels: Vec<String>,
        /// Add user rules (TOML or JSON) to the extractor before scoring.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Score the main text of web pages on JSON lines ({"id","file","body"}, file relative
    /// to the gold file's folder) with the word 4-gram P/R/F1 of the article-extraction
    /// benchmark; the row is `body` (`--min f1=X` also names it).
    Body {
        /// The gold file.
        gold: PathBuf,
        /// Write the texts read as JSON lines {"id","body"} to FILE.
        #[arg(long, value_name = "FILE")]
        pred: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Score the published-date finder on web pages ({"file","url","date"}, file relative
    /// to the gold file's folder; the url is given to the finder as the page's address).
    Published {
        /// The gold file.
        gold: PathBuf,
        /// Write each page's prediction to FILE as JSON lines ({"file","date","source",
        /// "modified"}).
        #[arg(long, value_name = "FILE")]
        pred: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Debug, clap::Args)]
struct Common {
    /// List this many errors (misses, spurious, wrong values or labels).
    #[arg(long, default_value_t = 0, value_name = "N")]
    errors: usize,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Fail (exit 1) when a row's F1 is below a floor, e.g. --min strict=0.86.
    #[arg(long, value_name = "ROW=F1")]
    min: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (report, common) = match args.what {
        What::Dates { gold, common } => {
            let options = dates::Options { errors: common.errors };
            let r = dates::evaluate(&gold, &options)
                .with_context(|| format!("evaluate dates on {}", gold.display()))?;
            (r, common)
        }
        What::Entities { gold, map, conll, labels, rules, common } => {
            let mut pairs: Vec<(String, String)> =
                if conll { entities::conll_map() } else { Vec::new() };
            for m in &map {
                for (from, to) in entities::parse_map(m).with_context(|| format!("--map {m:?}"))? {
                    pairs.retain(|(f, _)| *f != from);
                    pairs.push((from, to));
                }
            }
            let labels = labels.iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
            let options =
                entities::Options { errors: common.errors, map: pairs, labels: labels.collect() };
            let r = match &rules {
                Some(path) => {
                    let extractor = ExtractorBuilder::new().rules(path).build()?;
                    entities::evaluate_with(&extractor, &gold, &options)
                }
                None => entities::evaluate(&gold, &options),
            }
            .with_context(|| format!("evaluate entities on {}", gold.display()))?;
            (r, common)
        }
        What::Body { gold, pred, common } => {
            let options = body::Options { errors: common.errors };
            let outcome = body::evaluate(&gold, &options)
                .with_context(|| format!("evaluate body on {}", gold.display()))?;
            if let Some(path) = &pred {
                write_predictions(path, &outcome.predictions)?;
            }
            (outcome.report, common)
        }
        What::Published { gold, pred, common } => {
            let options = published::Options { errors: common.errors, pred, latest: None };
            let r = published::evaluate(&gold, &options)
                .with_context(|| format!("evaluate published dates on {}", gold.display()))?;
            (r, common)
        }
    };
    let floors = parse_floors(&common.min)?;
    let mut out = output::stdout();
    if common.json {
        output::json_pretty(&mut out, &report)?;
    } else {
        write!(out, "{report}")?;
    }
    out.flush()?;
    let failures = check_floors(&report, &floors)?;
    for f in &failures {
        eprintln!("dossier: below the floor: {f}");
    }
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { super::partial_failure() })
}

fn write_predictions(path: &std::path::Path, preds: &[body::Prediction]) -> anyhow::Result<()> {
    let file = std::fs::File::create(path)
        .with_context(|| format!("create {} (check the folder exists)", path.display()))?;
    let mut w = std::io::BufWriter::new(file);
    for p in preds {
        serde_json::to_writer(&mut w, p)?;
        writeln!(w)?;
    }
    w.flush().with_context(|| format!("write {}", path.display()))?;
    Ok(())
}

fn parse_floors(specs: &[String]) -> anyhow::Result<Vec<(String, f64)>> {
    specs
        .iter()
        .map(|s| {
            let (row, value) = s
                .split_once('=')
                .with_context(|| format!("--min {s:?}: write ROW=F1, e.g. strict=0.86"))?;
            let v: f64 =
                value.parse().with_context(|| format!("--min {s:?}: {value:?} is not a number"))?;
            Ok((row.to_string(), v))
        })
        .collect()
}

fn check_floors(report: &Report, floors: &[(String, f64)]) -> anyhow::Result<Vec<String>> {
    let mut failures = Vec::new();
    for (row, floor) in floors {
        // `f1` names the only row of a one-row report.
        let only = (report.rows.len() == 1 && row == "f1").then(|| report.rows[0].f1);
        let Some(f1) = report.f1(row).or(only) else {
            let names: Vec<&str> = report.rows.iter().map(|r| r.name.as_str()).collect();
            bail!("--min: no row named {row:?}; rows are {}", names.join(", "));
        };
        if f1 < *floor {
            failures.push(format!("{row} F1 {f1:.4} < {floor}"));
        }
    }
    Ok(failures)
}

//! `dossier reindex`: rebuild the index from the records and texts it stores, with the
//! current schema and extraction rules, without the source files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use dossier::{ExtractorBuilder, Index};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Entity rules (TOML or JSON) to extract with, as `ingest --rules` takes them;
    /// without it, the built-in rules only.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Print the summary as a JSON object.
    #[arg(long)]
    json: bool,
}

/// The summary printed at the end.
#[derive(Debug, Serialize)]
struct Summary {
    index: String,
    from_version: u32,
    to_version: u32,
    documents: usize,
    entities: usize,
    dates: usize,
    resumed: bool,
    seconds: f64,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let mut builder = ExtractorBuilder::new();
    if let Some(path) = &args.rules {
        // An unreadable file is named as such, before the rules in it are checked.
        std::fs::read(path).with_context(|| format!("read the rules file {}", path.display()))?;
        builder = builder.rules(path);
    }
    let extractor = builder.build()?;

    let bar = output::stderr_is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} documents (eta {eta})",
            )
            .expect("valid template"),
        );
        bar
    });
    let mut last_tenth = 0;
    let progress = |done: usize, total: usize| match &bar {
        Some(bar) => {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
        None => {
            let tenth = done * 10 / total.max(1);
            if tenth > last_tenth {
                last_tenth = tenth;
                eprintln!("dossier: reindex: {done} of {total} documents");
            }
        }
    };
    let started = std::time::Instant::now();
    let rebuilt = Index::reindex(index_dir, &extractor, progress)
        .with_context(|| format!("reindex {}", index_dir.display()))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let summary = Summary {
        index: index_dir.display().to_string(),
        from_version: rebuilt.from_version,
        to_version: rebuilt.to_version,
        documents: rebuilt.documents,
        entities: rebuilt.entities,
        dates: rebuilt.dates,
        resumed: rebuilt.resumed,
        seconds: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    };
    let mut out = output::stdout();
    if args.json {
        output::json_line(&mut out, &summary)?;
    } else {
        writeln!(
            out,
            "{} documents reindexed from schema version {} to {}: {} entities, {} dates ({:.1} s)",
            summary.documents,
            summary.from_version,
            summary.to_version,
            summary.entities,
            summary.dates,
            summary.seconds
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

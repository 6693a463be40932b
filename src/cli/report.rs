//! `dossier report`: a static HTML report of the index.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use dossier::{Index, ReportBuilder};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to write the report into (created if missing; pages in it are replaced).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// Only the documents matching this search query.
    #[arg(long, value_name = "Q")]
    query: Option<String>,
    /// Title of the corpus page.
    #[arg(long, default_value = "dossier report")]
    title: String,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let index = Index::open(index_dir)?;
    let items = index.records_with_text(args.query.as_deref())?;
    let mut report = ReportBuilder::new(&args.output, &args.title).with_context(|| {
        format!("cannot write the report into {}: choose a writable folder", args.output.display())
    })?;
    for item in items {
        let (record, body) = item?;
        report.add(&record, &body)?;
    }
    let summary = report.finish()?;
    if !args.quiet {
        eprintln!(
            "wrote {} document pages and {} timeline events; open {}",
            summary.documents,
            summary.events,
            summary.index.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

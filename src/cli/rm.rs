//! `dossier rm`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use dossier::Index;

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ids of the documents to remove (as `search --json` and `export records` show them).
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
    /// Print the result as a JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let index = Index::open(index_dir)?;
    let removal = index
        .remove(&args.ids)
        .with_context(|| format!("remove documents from {}", index_dir.display()))?;
    for id in &removal.missing {
        eprintln!("dossier: error: no document with id {id:?} in {}", index_dir.display());
    }
    let mut out = output::stdout();
    if args.json {
        output::json_line(&mut out, &removal)?;
    } else {
        writeln!(out, "{} removed, {} not found", removal.removed.len(), removal.missing.len())?;
    }
    out.flush()?;
    Ok(if removal.missing.is_empty() { ExitCode::SUCCESS } else { super::partial_failure() })
}

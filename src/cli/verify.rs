//! `dossier verify`: check the index and say how to rebuild it when damaged.
//!
//! Exit codes: 0 clean; 1 problems found (listed, with the fix); 2 the index is unusable
//! (missing, unreadable, another schema version, missing files).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use dossier::Index;

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the report as a JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let report = Index::verify(index_dir)?;
    let mut out = output::stdout();
    if args.json {
        output::json_line(&mut out, &report)?;
    } else {
        writeln!(
            out,
            "{}: {} documents, {} distinct ids, {} records, {} segments, {} files checked",
            index_dir.display(),
            report.documents,
            report.distinct_ids,
            report.records,
            report.segments,
            report.files_checked
        )?;
        for p in &report.problems {
            writeln!(out, "problem: {p}")?;
        }
        if report.is_clean() {
            writeln!(out, "ok: no problems found")?;
        } else {
            writeln!(out, "{} problems found; {}", report.problems.len(), report.rebuild_hint())?;
        }
    }
    out.flush()?;
    Ok(if report.is_clean() { ExitCode::SUCCESS } else { super::partial_failure() })
}

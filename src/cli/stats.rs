//! `dossier stats`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use dossier::Index;

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the statistics as a JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let stats = Index::open(index_dir)?.stats()?;
    let mut out = output::stdout();
    if args.json {
        output::json_pretty(&mut out, &stats)?;
    } else {
        writeln!(out, "index: {}", index_dir.display())?;
        writeln!(
            out,
            "documents: {} ({} with a published date)",
            stats.documents, stats.dated_documents
        )?;
        if let (Some(a), Some(b)) = (&stats.earliest_published, &stats.latest_published) {
            writeln!(out, "published: {a} to {b}")?;
        }
        writeln!(out, "entities (mentions / distinct, names merged across documents):")?;
        for (label, s) in &stats.entities {
            let merged =
                if s.merged > 0 { format!(" ({} merged)", s.merged) } else { String::new() };
            writeln!(out, "  {:<8} {:>8} / {}{merged}", label.as_str(), s.mentions, s.distinct)?;
        }
        writeln!(out, "dates mentioned:")?;
        for (kind, n) in &stats.dates {
            writeln!(out, "  {:<8} {:>8}", kind.as_str(), n)?;
        }
        if let (Some(a), Some(b)) = (&stats.earliest_mentioned, &stats.latest_mentioned) {
            writeln!(out, "  earliest {a}, latest {b}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

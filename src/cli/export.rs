//! `dossier export`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use dossier::export::{mention_rows, EntityTable};
use dossier::index::DossierIndex;
use dossier::search::Searcher;

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// The corpus's entities: one entry per canonical entity (label, canonical name,
    /// aliases seen, documents, mentions); with --mentions, one line per mention.
    Entities {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// One line per mention (document, offsets, text, label, canonical, rule).
        #[arg(long)]
        mentions: bool,
    },
    /// Every document's full record (RECORDS.md), one JSON line each.
    Records,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let index = DossierIndex::open(index_dir)?;
    let searcher = Searcher::new(&index)?;
    let mut out = output::stdout();
    match args.what {
        What::Entities { format, mentions: true } => {
            let mut first = true;
            if format == Format::Json {
                out.write_all(b"[\n")?;
            }
            for record in searcher.records() {
                let record = record?;
                for row in mention_rows(&record) {
                    if format == Format::Json {
                        if !first {
                            out.write_all(b",\n")?;
                        }
                        out.write_all(&serde_json::to_vec(&row)?)?;
                    } else {
                        output::json_line(&mut out, &row)?;
                    }
                    first = false;
                }
            }
            if format == Format::Json {
                out.write_all(b"\n]\n")?;
            }
        }
        What::Entities { format, mentions: false } => {
            let mut table = EntityTable::new();
            for record in searcher.records() {
                table.add(&record?);
            }
            let entries = table.entries();
            match format {
                Format::Json => output::json_pretty(&mut out, &entries)?,
                Format::Jsonl => {
                    for e in &entries {
                        output::json_line(&mut out, e)?;
                    }
                }
            }
        }
        What::Records => {
            for record in searcher.records() {
                output::json_line(&mut out, &record?)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

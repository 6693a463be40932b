//! The command line: clap definitions and one `run` per subcommand.
//!
//! Exit codes: 0 success; 1 finished, but some inputs failed (or an evaluation fell
//! below its floor); 2 usage or fatal error. A closed stdout (`| head`) is not an error.

mod completions;
mod eval;
mod export;
mod extract;
mod ingest;
mod output;
mod reindex;
mod report;
mod rm;
mod search;
mod serve;
mod show;
mod stats;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use output::is_broken_pipe;

/// dossier: ingest, extract, index, search and export policy texts and news articles.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Index folder (created by `ingest`).
    #[arg(long, global = true, default_value = "index", env = "DOSSIER_INDEX", value_name = "DIR")]
    index: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read documents, extract entities and dates, and add them to the index.
    ///
    /// Re-running is incremental: unchanged documents are skipped, changed ones replaced.
    Ingest(ingest::Args),
    /// Search the index (tantivy query syntax: words, "phrases", AND/OR/NOT, field:term).
    Search(search::Args),
    /// Print the extraction record of files or JSON lines, without touching the index.
    Extract(extract::Args),
    /// Show one document with its entities and dates marked.
    Show(show::Args),
    /// Export what the index holds: entities, records, timeline, graph, Quickwit, Elasticsearch.
    Export(export::Args),
    /// Summarise the index: documents, entities by label, dates mentioned.
    Stats(stats::Args),
    /// Score the extractors against gold-standard data.
    Eval(eval::Args),
    /// Write a static HTML report: documents with entities and dates marked, a timeline.
    Report(report::Args),
    /// Check the index (checksums, schema, ids, records) and say how to rebuild it.
    Verify(verify::Args),
    /// Browse the index in a web browser: search, documents, entities, timelines, and a
    /// JSON API. Read-only; listens on 127.0.0.1:8080 unless --bind says otherwise.
    Serve(serve::Args),
    /// Remove documents from the index by id (in one commit).
    Rm(rm::Args),
    /// Rebuild the index from the records and texts it stores (after an upgrade of dossier
    /// or of the rules), without the source files; the old index stays until the new one
    /// is complete.
    Reindex(reindex::Args),
    /// Print a shell completion script: `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`.
    Completions(completions::Args),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => ingest::run(&cli.index, args),
        Command::Search(args) => search::run(&cli.index, args),
        Command::Extract(args) => extract::run(args),
        Command::Show(args) => show::run(&cli.index, args),
        Command::Export(args) => export::run(&cli.index, args),
        Command::Stats(args) => stats::run(&cli.index, args),
        Command::Eval(args) => eval::run(args),
        Command::Report(args) => report::run(&cli.index, args),
        Command::Verify(args) => verify::run(&cli.index, args),
        Command::Rm(args) => rm::run(&cli.index, args),
        Command::Reindex(args) => reindex::run(&cli.index, args),
        Command::Serve(args) => serve::run(&cli.index, args),
        Command::Completions(args) => completions::run(args),
    }
}

/// The parser of an entity label (any case); `--help` lists every label.
fn label_parser() -> impl clap::builder::TypedValueParser<Value = dossier::Label> {
    use clap::builder::TypedValueParser;
    use dossier::Label;
    clap::builder::PossibleValuesParser::new(Label::ALL.map(Label::as_str))
        .try_map(|s| Label::parse(&s).ok_or_else(|| format!("unknown label '{s}'")))
}

/// Exit code 1: finished, but something failed.
fn partial_failure() -> ExitCode {
    ExitCode::from(1)
}

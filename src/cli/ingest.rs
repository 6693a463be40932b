//! `dossier ingest`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Context;
use dossier::{ExtractorBuilder, Failure, Index, IngestOptions, Progress, ReadOptions};
use indicatif::{ProgressBar, ProgressStyle};

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to ingest.
    #[arg(default_value = "corpus", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Print the summary as a JSON object.
    #[arg(long)]
    json: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Worker threads (default: one per core), half reading and extracting, half indexing
    /// (at least one each).
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    /// Refuse files larger than this many megabytes.
    #[arg(long, default_value_t = 256, value_name = "MB")]
    max_file_size: u64,
    /// Cut document texts longer than this many megabytes (with a warning).
    #[arg(long, default_value_t = 8, value_name = "MB")]
    max_document_size: usize,
    /// Drop the tags (not the text) of HTML elements nested deeper than this.
    #[arg(long, default_value_t = ReadOptions::default().max_html_depth, value_name = "N")]
    max_html_depth: usize,
    /// Refuse PDFs with more pages than this.
    #[arg(long, default_value_t = ReadOptions::default().max_pages, value_name = "N")]
    max_pages: usize,
    /// Refuse PDF, Word and OpenDocument files whose contents decompress to more than this
    /// many megabytes.
    #[arg(long, default_value_t = 512, value_name = "MB")]
    max_decompressed: u64,
    /// Refuse Word and OpenDocument files whose XML nests deeper than this.
    #[arg(long, default_value_t = ReadOptions::default().max_xml_depth, value_name = "N")]
    max_xml_depth: usize,
    /// Extract entities and dates from the first this many megabytes of each text.
    #[arg(long, default_value_t = 2, value_name = "MB")]
    max_extract_size: usize,
    /// The published date of every document that states none of its own (no metadata,
    /// no dateline); relative dates in those documents resolve against it.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::extract::parse_dct)]
    dct: Option<chrono::NaiveDate>,
    /// Commit (checkpoint) at least every this many seconds.
    #[arg(long, default_value_t = 5, value_name = "SECONDS")]
    commit_interval: u64,
    /// Write every failure and warning as a JSON line (path, reason, details) to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Add user rules for entities (TOML or JSON); an invalid file is refused before any
    /// work. Changing the rules re-extracts every document on the next ingest.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Replace an indexed document whose id now comes from another file (without it,
    /// such a file is reported as duplicate-id and the indexed document kept).
    #[arg(long)]
    replace: bool,
    /// Make the index mirror PATHs: remove documents whose source file under them no
    /// longer exists (a rename is a removal and an addition) or no longer yields them.
    #[arg(long)]
    prune: bool,
    /// Keep the whole visible text of HTML pages, not only the article's main text (for
    /// pages that are not articles).
    #[arg(long)]
    full_text: bool,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    // User rules are checked before anything else is touched (the built-in rules
    // compile on first use, after the index lock below).
    let mut builder = ExtractorBuilder::new();
    if let Some(path) = &args.rules {
        builder = builder.rules(path);
    }
    let extractor = builder.build()?;
    let index = Index::open_or_create(index_dir)?;
    // Refuse at once when another ingest holds the lock.
    index.check_writable()?;
    const MB: usize = 1024 * 1024;
    let options = IngestOptions {
        read: ReadOptions {
            max_file_size: args.max_file_size.saturating_mul(MB as u64),
            max_document_size: args.max_document_size.saturating_mul(MB),
            max_html_depth: args.max_html_depth,
            full_text: args.full_text,
            max_pages: args.max_pages,
            max_decompressed: args.max_decompressed.saturating_mul(MB as u64),
            max_xml_depth: args.max_xml_depth,
            ..ReadOptions::default()
        },
        commit_interval: std::time::Duration::from_secs(args.commit_interval),
        max_extract_size: args.max_extract_size.saturating_mul(MB),
        published_fallback: args.dct,
        replace: args.replace,
        prune: args.prune,
        ..IngestOptions::default()
    }
    .jobs(args.jobs.unwrap_or(0));

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // A second signal while stopping exits at once: the index stays at its last commit.
        ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        })
        .ok();
    }

    let bar = if !args.quiet && output::stderr_is_terminal() {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files {msg} (eta {eta})",
            )
            .expect("valid template"),
        );
        Some(bar)
    } else {
        None
    };
    let started = std::time::Instant::now();
    let on_progress = |p: Progress| {
        if let Some(bar) = &bar {
            bar.set_length(p.files_total as u64);
            bar.set_position(p.files_done as u64);
            let secs = started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{:.1} MB, {:.1} MB/s",
                p.bytes as f64 / 1e6,
                p.bytes as f64 / 1e6 / secs
            ));
        }
    };
    let summary = index
        .ingest_with(&args.paths, &extractor, &options, Some(&stop), &on_progress)
        .with_context(|| format!("ingest into {}", index_dir.display()))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    for f in &summary.failures {
        let kind = if f.reason.is_error() {
            "error"
        } else if f.reason.is_warning() {
            "warning"
        } else {
            "skipped"
        };
        eprintln!("dossier: {kind}: {f}");
    }
    if let Some(path) = &args.report {
        write_report(path, summary.failures.iter().chain(&summary.ignored_files))
            .with_context(|| format!("write the failure report {}", path.display()))?;
    }
    let mut out = output::stdout();
    if args.json {
        output::json_line(&mut out, &summary)?;
    } else {
        writeln!(out, "{summary}")?;
    }
    out.flush()?;
    Ok(if summary.failed > 0 || summary.interrupted {
        super::partial_failure()
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes the failures as JSON lines to a temporary file, then renames it into place.
fn write_report<'f>(
    path: &Path,
    failures: impl Iterator<Item = &'f Failure>,
) -> anyhow::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    for f in failures {
        output::json_line(&mut tmp, f)?;
    }
    tmp.persist(path)?;
    Ok(())
}

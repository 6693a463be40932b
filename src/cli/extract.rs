//! `dossier extract`: records of files or JSON lines, without the index.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use chrono::NaiveDate;
use dossier::{
    parse_date, read_bytes, read_file, Extractor, ExtractorBuilder, Format, ReadOptions,
};
use rayon::prelude::*;
use serde::Deserialize;

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to extract (any supported format), or - for standard input.
    #[arg(value_name = "FILE", default_value = "-")]
    files: Vec<PathBuf>,
    /// Read JSON lines {"id", "text", "dct"?} and write one record per line, same order.
    #[arg(long)]
    jsonl: bool,
    /// Document creation time for relative dates (YYYY-MM-DD); overrides metadata.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_dct)]
    dct: Option<NaiveDate>,
    /// Pretty-print each record (not for --jsonl).
    #[arg(long)]
    pretty: bool,
    /// Add user rules for entities (TOML or JSON: gazetteer entries, blocked names,
    /// patterns); an invalid file is refused before any work.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Keep the whole visible text of HTML pages, not only the article's main text (for
    /// pages that are not articles).
    #[arg(long)]
    full_text: bool,
}

pub(super) fn parse_dct(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date like 2016-05-12"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut builder = ExtractorBuilder::new().dct(args.dct);
    if let Some(path) = &args.rules {
        builder = builder.rules(path);
    }
    let extractor = builder.build()?;
    let mut out = output::stdout();
    let failed = if args.jsonl {
        run_jsonl(&args, &extractor, &mut out)?
    } else {
        run_files(&args, &extractor, &mut out)?
    };
    out.flush()?;
    Ok(if failed > 0 { super::partial_failure() } else { ExitCode::SUCCESS })
}

fn run_files(args: &Args, extractor: &Extractor, out: &mut impl Write) -> anyhow::Result<usize> {
    let mut failed = 0;
    for path in &args.files {
        let result = if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).context("read standard input")?;
            read_bytes(Path::new("-"), "stdin", Format::Text, &bytes)
        } else {
            let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let options = ReadOptions { full_text: args.full_text, ..ReadOptions::default() };
            read_file(path, &id, &options)
        };
        for f in &result.failures {
            eprintln!("dossier: error: {f}");
            failed += 1;
        }
        for doc in &result.documents {
            let json = serde_json::to_string(&extractor.extract_document(doc))?;
            if args.pretty {
                let v: serde_json::Value = serde_json::from_str(&json)?;
                output::json_pretty(out, &v)?;
            } else {
                writeln!(out, "{json}")?;
            }
        }
    }
    Ok(failed)
}

#[derive(Debug, Deserialize)]
struct Line {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    dct: Option<String>,
}

/// Lines extracted in parallel per chunk; output order is input order.
const CHUNK: usize = 256;

fn run_jsonl(args: &Args, extractor: &Extractor, out: &mut impl Write) -> anyhow::Result<usize> {
    let mut failed = 0;
    for path in &args.files {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            let f = std::fs::File::open(path).with_context(|| format!("open {name}"))?;
            Box::new(std::io::BufReader::new(f))
        };
        let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK);
        let mut lines = reader.lines().enumerate();
        loop {
            let next = lines.next();
            let done = next.is_none();
            if let Some((i, line)) = next {
                let line = line.with_context(|| format!("read {name}"))?;
                if !line.trim().is_empty() {
                    chunk.push((i + 1, line));
                }
                if chunk.len() < CHUNK {
                    continue;
                }
            }
            let results: Vec<Result<String, String>> = chunk
                .par_iter()
                .map(|(lineno, line)| {
                    extract_line(extractor, line, args.dct)
                        .map_err(|e| format!("{name}:{lineno}: {e}"))
                })
                .collect();
            for r in results {
                match r {
                    Ok(json) => writeln!(out, "{json}")?,
                    Err(e) => {
                        eprintln!("dossier: error: {e}");
                        failed += 1;
                    }
                }
            }
            chunk.clear();
            if done {
                break;
            }
        }
    }
    Ok(failed)
}

fn extract_line(
    extractor: &Extractor,
    line: &str,
    dct: Option<NaiveDate>,
) -> anyhow::Result<String> {
    let input: Line = serde_json::from_str(line)?;
    let id = match &input.id {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        other => bail!("\"id\" must be a string or a number, not {other}"),
    };
    // The extractor's own --dct wins over the line's, which is then not read.
    let own = match (dct, input.dct.as_deref()) {
        (None, Some(s)) => match parse_date(s) {
            Some(d) => Some(d),
            None => bail!("\"dct\" {s:?} is not a date like 2016-05-12"),
        },
        _ => None,
    };
    let mut record = serde_json::to_value(extractor.extract_text(&id, &input.text, own))?;
    record["id"] = input.id;
    Ok(serde_json::to_string(&record)?)
}

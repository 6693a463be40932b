//! The baseline for ingest speed: bare tantivy indexing of a folder of text files, with
//! no extraction and nothing but a title and a body.
//!
//! Same schema idea as dossier (title and body with positions, both stored), the same
//! body analyzer ([`dossier::index_format::StemmingTokenizer`], registered under the same
//! name), the same writer memory budget, and the same number of indexing threads. Files
//! are read on the main thread; tantivy indexes them on its own threads. One commit at
//! the end, then the merges are awaited, as `dossier ingest` does.
//!
//! With `--analyzer en_stem`, the body and title use tantivy's stock English analyzer
//! instead (simple tokenizer, long-token filter, lower-caser, Snowball stemmer), as
//! tantivy-cli's `en_stem` does: the figure to compare with an index built by
//! tantivy-cli.
//!
//! Run: `cargo bench --bench bare_index -- CORPUS_DIR INDEX_DIR [--threads N]
//! [--analyzer dossier|en_stem]` (`INDEX_DIR` must not exist or be empty; default
//! threads: 2). Peak memory is measured from outside, by `scripts/bench.sh` with
//! `/usr/bin/time -v`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier::index_format::{StemmingTokenizer, STEMMED};
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{Index, TantivyDocument};

/// dossier's default writer budget for all threads together (`WriterOptions`).
const MEMORY_BUDGET: usize = 256 * 1024 * 1024;
/// dossier's `.txt` rule: the first non-empty line is the title when it is this short.
const MAX_TITLE_CHARS: usize = 160;

fn main() {
    if let Err(e) = run() {
        eprintln!("bare_index: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut positional = Vec::new();
    let mut threads = 2usize;
    let mut analyzer = "dossier".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => threads = args.next().ok_or("--threads needs a number")?.parse()?,
            "--analyzer" => analyzer = args.next().ok_or("--analyzer needs a name")?,
            "--bench" => {} // passed by `cargo bench`
            _ => positional.push(PathBuf::from(a)),
        }
    }
    let [corpus, index_dir] = positional.as_slice() else {
        return Err(
            "usage: bare_index CORPUS_DIR INDEX_DIR [--threads N] [--analyzer dossier|en_stem]"
                .into(),
        );
    };

    let started = Instant::now();
    let mut files = Vec::new();
    collect_txt(corpus, &mut files)?;
    files.sort();

    let mut builder = Schema::builder();
    let stemmed = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(STEMMED)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let title = builder.add_text_field("title", stemmed.clone());
    let body = builder.add_text_field("body", stemmed);
    std::fs::create_dir_all(index_dir)?;
    let index = Index::create_in_dir(index_dir, builder.build())?;
    let body_analyzer = match analyzer.as_str() {
        "dossier" => TextAnalyzer::from(StemmingTokenizer::default()),
        "en_stem" => TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build(),
        other => return Err(format!("unknown analyzer {other:?}: dossier or en_stem").into()),
    };
    index.tokenizers().register(STEMMED, body_analyzer);
    let per_thread = (MEMORY_BUDGET / threads.max(1)).max(15_000_000);
    let mut writer = index.writer_with_num_threads(threads, per_thread * threads)?;

    let (mut docs, mut bytes) = (0usize, 0u64);
    for path in &files {
        let raw = std::fs::read(path)?;
        bytes += raw.len() as u64;
        let text = String::from_utf8_lossy(&raw);
        let mut doc = TantivyDocument::default();
        if let Some(line) = text.lines().map(str::trim).find(|l| !l.is_empty()) {
            if line.chars().count() <= MAX_TITLE_CHARS {
                doc.add_text(title, line);
            }
        }
        doc.add_text(body, &text);
        writer.add_document(doc)?;
        docs += 1;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;

    let secs = started.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "bare tantivy ({analyzer} analyzer): {docs} documents, {mb:.1} MB in {secs:.2} s \
         ({:.1} MB/s, {:.0} docs/s), {threads} threads",
        mb / secs,
        docs as f64 / secs
    );
    Ok(())
}

/// Every `.txt` file under `dir`, recursively (hidden entries skipped).
fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            collect_txt(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

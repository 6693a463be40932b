//! Extraction throughput on one core through the public API, in MB/s over a folder of
//! text files: whole records ([`Extractor::extract_text`]: sentences, dates, entities and
//! code-point offsets) and entities alone ([`Extractor::extract_entities`]).
//!
//! Run: `cargo bench --bench extract_speed [-- DIR]` (default `../shared/bench/corpus`).
//! The time of each stage on its own (sentences, dates, entities) is printed by the
//! library's ignored unit test: `cargo test --release --lib extract_speed -- --ignored
//! --nocapture`.

use std::path::PathBuf;
use std::time::Instant;

use dossier::Extractor;

fn main() {
    let dir =
        std::env::args().skip(1).find(|a| !a.starts_with('-')).map(PathBuf::from).unwrap_or_else(
            || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/corpus")),
        );
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!(
                "extract_speed: cannot read {}: {e}; give a folder of .txt files",
                dir.display()
            );
            std::process::exit(2);
        }
    };
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("corpus: {} ({} documents, {mb:.1} MB), one thread", dir.display(), texts.len());

    let extractor = Extractor::new();
    let start = Instant::now();
    // The built-in rules and gazetteers are compiled on first use.
    let _ = extractor.extract("Warm-up on May 5, 2015 in Washington.");
    println!("{:<24} {:>8.1} ms", "load rules", start.elapsed().as_secs_f64() * 1e3);

    let t = Instant::now();
    let found: usize = texts.iter().map(|text| extractor.extract_entities(text).len()).sum();
    report("entities (API)", mb, t, found);

    let t = Instant::now();
    let found: usize = texts
        .iter()
        .map(|text| {
            let r = extractor.extract_text("", text, None);
            r.entities.len() + r.dates.len()
        })
        .sum();
    report("records (API)", mb, t, found);
}

fn report(name: &str, mb: f64, t: Instant, found: usize) {
    let secs = t.elapsed().as_secs_f64();
    println!("{name:<24} {:>8.1} MB/s  {secs:>7.3} s  {found:>8} found", mb / secs);
}

//! Extraction throughput on one core: sentence splitting, the date tagger, the entity
//! extractor, and both together, in MB/s over a folder of text files. A measurement, not
//! a check: it is ignored unless asked for.
//!
//! Run: `EXTRACT_SPEED_DIR=DIR cargo test --release --lib extract_speed -- --ignored
//! --nocapture` (default folder `../shared/bench/corpus`).

use std::path::PathBuf;
use std::time::Instant;

use super::{Dct, DctSource, Extractor};

#[test]
#[ignore]
fn extract_speed() {
    let dir = std::env::var_os("EXTRACT_SPEED_DIR").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/corpus"))
    });
    let mut texts = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!(
                "extract_speed: cannot read {}: {e}; set EXTRACT_SPEED_DIR to a folder of .txt files",
                dir.display()
            );
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if let Ok(t) = std::fs::read_to_string(&p) {
            texts.push(t);
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!("corpus: {} ({} documents, {mb:.1} MB), one thread", dir.display(), texts.len());

    let start = Instant::now();
    let extractor = Extractor::new();
    // Force lazily built rules and gazetteers.
    let _ = extractor.extract("Warm-up on May 5, 2015 in Washington.", Dct::none());
    println!("{:<22} {:>8.1} ms", "load rules", start.elapsed().as_secs_f64() * 1e3);

    let dct =
        || Dct::known(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), DctSource::Argument);
    let sentences: Vec<_> = texts.iter().map(|t| crate::text::sentences(t)).collect();

    let t = Instant::now();
    let mut n = 0usize;
    for text in &texts {
        n += crate::text::sentences(text).len();
    }
    report("sentences", mb, t, n);

    let t = Instant::now();
    let mut n = 0usize;
    for (text, s) in texts.iter().zip(&sentences) {
        n += extractor.dates().tag(text, s, dct()).1.len();
    }
    report("dates", mb, t, n);

    let t = Instant::now();
    let mut n = 0usize;
    for (text, s) in texts.iter().zip(&sentences) {
        n += extractor.entities().extract(text, s).len();
    }
    report("entities", mb, t, n);

    let t = Instant::now();
    let mut n = 0usize;
    for text in &texts {
        let ex = extractor.extract(text, dct());
        n += ex.dates.len() + ex.entities.len();
    }
    report("all (incl. sentences)", mb, t, n);
}

fn report(name: &str, mb: f64, t: Instant, found: usize) {
    let secs = t.elapsed().as_secs_f64();
    println!("{name:<22} {:>8.1} MB/s  {secs:>7.3} s  {found:>8} found", mb / secs);
}

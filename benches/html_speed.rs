//! HTML reading throughput on one core: a page's bytes to its main text and metadata
//! (decoding, parsing, main text, title, date), in MB/s over a folder of pages; the
//! HTML parser alone is timed too, for comparison.
//!
//! Run: `cargo bench --bench html_speed [-- DIR]` (default `../shared/eval/web/articles`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier::{read_bytes_with, Format, ReadOptions};

fn main() {
    let dir =
        std::env::args().skip(1).find(|a| !a.starts_with('-')).map(PathBuf::from).unwrap_or_else(
            || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/web/articles")),
        );
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(e) => e.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!(
                "html_speed: cannot read {}: {e}; pass a folder of .html files",
                dir.display()
            );
            return;
        }
    };
    paths.retain(|p| p.extension().is_some_and(|x| x == "html" || x == "htm"));
    paths.sort();
    let pages: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let mb = pages.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    println!("pages: {} ({} files, {mb:.1} MB), one thread", dir.display(), pages.len());
    let rounds = 3;

    let texts: Vec<String> =
        pages.iter().map(|b| String::from_utf8_lossy(b).into_owned()).collect();
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for text in &texts {
            n += scraper::Html::parse_document(text).tree.values().count();
        }
    }
    report("parse only (html5ever)", mb * rounds as f64, t, n);

    let options = ReadOptions::default();
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for bytes in &pages {
            let r = read_bytes_with(Path::new("page.html"), "page", Format::Html, bytes, &options);
            n += r.documents.iter().map(|d| d.text.len()).sum::<usize>();
        }
    }
    report("page -> text+metadata", mb * rounds as f64, t, n);

    let full = ReadOptions { full_text: true, ..ReadOptions::default() };
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for bytes in &pages {
            let r = read_bytes_with(Path::new("page.html"), "page", Format::Html, bytes, &full);
            n += r.documents.iter().map(|d| d.text.len()).sum::<usize>();
        }
    }
    report("page -> full text", mb * rounds as f64, t, n);
}

fn report(name: &str, mb: f64, t: Instant, n: usize) {
    let secs = t.elapsed().as_secs_f64();
    println!("{name:<24} {:>8.1} MB/s  ({n} units)", mb / secs);
}

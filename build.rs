//! Build script: a hash of the extractors' embedded data (rules, word lists,
//! gazetteers, abbreviations), so that an ingest can tell when they changed and extract
//! unchanged documents again (see `pipeline::fingerprint`).
//!
//! Every file under `src/extract` and `src/text` that is not Rust source or a README is
//! hashed, with its path, in sorted order (64-bit FNV-1a: a change detector, not a
//! security measure; no build dependency needed).

use std::path::{Path, PathBuf};

fn main() {
    let mut files = Vec::new();
    for dir in ["src/extract", "src/text"] {
        println!("cargo:rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for file in &files {
        let name = file.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        feed(&(name.len() as u64).to_le_bytes());
        feed(name.as_bytes());
        feed(&(bytes.len() as u64).to_le_bytes());
        feed(&bytes);
    }
    println!("cargo:rustc-env=DOSSIER_BUILTIN_DATA_HASH={hash:016x}");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable folder entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let is_data = !name.ends_with(".rs") && !name.eq_ignore_ascii_case("README.md");
            if is_data {
                out.push(path);
            }
        }
    }
}

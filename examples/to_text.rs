//! Prints the text dossier reads from each file (any supported format), or the failure,
//! without extraction: what `scripts/pdf-bench.sh` times and scores.
//!
//! `cargo run --release --example to_text -- FILE...`

use std::path::Path;
use std::process::ExitCode;

use dossier::{read_file, ReadOptions};

fn main() -> ExitCode {
    let mut failed = false;
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let result = read_file(path, "doc", &ReadOptions::default());
        for f in &result.failures {
            eprintln!("{f}");
            failed |= f.reason.is_error();
        }
        for doc in &result.documents {
            println!("{}", doc.text);
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

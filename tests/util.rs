//! Helpers shared by the integration tests: run the binary on a temporary index.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path under `tests/data`.
pub fn data(rel: &str) -> PathBuf {
    root().join("tests/data").join(rel)
}

/// The seed article, when the shared folder sits beside the repository.
pub fn seed() -> Option<PathBuf> {
    let p = root().join("../shared/seeds/china-us-cyber-deal.txt");
    p.exists().then_some(p)
}

/// A temporary working folder with an index path inside it.
pub struct Env {
    pub dir: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `dossier --index <tmp>/index ARGS...`, run from the repository root.
    pub fn cmd(&self, args: &[&str]) -> Output {
        let mut c = Command::cargo_bin("dossier").expect("binary");
        c.current_dir(root()).env("NO_COLOR", "1").arg("--index").arg(self.index()).args(args);
        c.output().expect("run dossier")
    }

    /// Runs and parses stdout as one JSON value; panics with stderr on failure to parse.
    pub fn json(&self, args: &[&str]) -> (i32, serde_json::Value) {
        let out = self.cmd(args);
        let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: stdout is not JSON ({e}): {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (out.status.code().unwrap_or(-1), v)
    }

    /// Ingests `paths` with `--json` and returns the exit code and summary.
    pub fn ingest(&self, paths: &[&Path]) -> (i32, serde_json::Value) {
        let mut args = vec!["ingest".to_string(), "--json".to_string(), "--quiet".to_string()];
        args.extend(paths.iter().map(|p| p.display().to_string()));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        self.json(&refs)
    }

    /// The ids of the documents a query finds, best first.
    pub fn search_ids(&self, query: &str) -> Vec<String> {
        let (code, v) = self.json(&["search", "--json", "--limit", "50", query]);
        assert_eq!(code, 0, "search {query:?} failed");
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

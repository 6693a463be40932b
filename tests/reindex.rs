//! `dossier reindex` across a schema change: an index written by the version before
//! schema 3 (`tests/data/index-v2`, see `tests/data/README.md`) is refused by the other
//! commands with a pointer to `reindex`, and `reindex` rebuilds it, without the source
//! files, into the same documents, entities, dates and search results as a fresh ingest
//! of those files.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::util::{data, stderr, Env};

/// The `reindex --json` summary, checked strictly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ReindexJson {
    index: String,
    from_version: u32,
    to_version: u32,
    documents: usize,
    entities: usize,
    dates: usize,
    resumed: bool,
    seconds: f64,
}

/// The files the version-2 fixture was made from (paths relative to the repository).
const SOURCES: [&str; 5] = [
    "corpus/trade/chips-and-science-act.txt",
    "corpus/trade/netherlands-japan-chip-tools.txt",
    "corpus/trade/bis-update-october-2023.md",
    "tests/data/docs/plain.txt",
    "tests/data/docs/lines.jsonl",
];

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Per document id: (title, published, sorted entity (text, label, canonical), sorted date
/// (text, value)), from `export records`.
type Digest = BTreeMap<String, (String, String, Vec<String>, Vec<String>)>;

fn digest(env: &Env) -> Digest {
    let out = env.cmd(&["export", "records"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut docs = Digest::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut entities: Vec<String> = r["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| format!("{}|{}|{}|{}", e["start"], e["text"], e["label"], e["canonical"]))
            .collect();
        entities.sort();
        let mut dates: Vec<String> = r["dates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{}|{}|{}", d["start"], d["text"], d["value"]))
            .collect();
        dates.sort();
        let id = r["id"].as_str().unwrap().to_string();
        docs.insert(id, (r["title"].to_string(), r["published"].to_string(), entities, dates));
    }
    docs
}

/// A copy of the version-2 fixture as `env`'s index.
fn v2_index(env: &Env) {
    copy_dir(&data("index-v2"), &env.index());
}

#[test]
fn reindex_upgrades_a_version_2_index_to_what_a_fresh_ingest_gives() {
    let env = Env::new();
    v2_index(&env);
    // Other commands refuse the old index and say how to upgrade it.
    let out = env.cmd(&["search", "chips"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("schema version 2"), "{}", stderr(&out));
    assert!(stderr(&out).contains("dossier reindex"), "{}", stderr(&out));

    let (code, v) = env.json(&["reindex", "--json"]);
    assert_eq!(code, 0, "{v}");
    let summary: ReindexJson = serde_json::from_value(v).unwrap();
    assert_eq!((summary.from_version, summary.to_version), (2, dossier::SCHEMA_VERSION));
    assert_eq!(summary.documents, 6, "five files, one of them two JSON lines");
    assert!(!summary.resumed);
    // Nothing of the rebuild is left beside the index, and it verifies clean.
    let parent = env.index().parent().unwrap().to_path_buf();
    let names: Vec<String> = fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["index"], "{names:?}");
    let out = env.cmd(&["verify"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // The same as a fresh ingest of the source files with this version.
    let fresh = Env::new();
    // Relative paths, as the fixture was made (the binary runs from the repository root).
    let refs: Vec<&Path> = SOURCES.iter().map(Path::new).collect();
    let (code, _) = fresh.ingest(&refs);
    assert_eq!(code, 0);
    let (upgraded, expected) = (digest(&env), digest(&fresh));
    assert_eq!(upgraded.len(), 6);
    assert!(upgraded.values().map(|d| d.2.len()).sum::<usize>() > 20, "{upgraded:?}");
    assert_eq!(upgraded.values().map(|d| d.2.len()).sum::<usize>(), summary.entities);
    assert_eq!(upgraded, expected);
    for query in ["chips", "semiconductor export", "zanzibarite", "orpheliance", "\"Netherlands\""]
    {
        assert_eq!(env.search_ids(query), fresh.search_ids(query), "{query}");
    }
    // What version 2 did not record is filled in: the language of each document.
    let out = env.cmd(&["export", "records"]);
    let english = String::from_utf8(out.stdout).unwrap().matches("\"lang\":\"en\"").count();
    assert!(english >= 3, "{english}");

    // Running it again on the upgraded index is harmless.
    let (code, v) = env.json(&["reindex", "--json"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["from_version"], dossier::SCHEMA_VERSION);
    assert_eq!(digest(&env), expected);
}

#[test]
fn reindex_discards_a_killed_build_and_finishes_a_killed_swap() {
    // A partial new index left by a run killed while building is discarded.
    let env = Env::new();
    v2_index(&env);
    let new = env.path("index.reindex-new");
    fs::create_dir_all(&new).unwrap();
    fs::write(new.join("meta.json"), "half written").unwrap();
    let (code, v) = env.json(&["reindex", "--json"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["documents"], 6);
    assert!(!new.exists());
    let expected = digest(&env);

    // A run killed between its renames: the other commands say to finish it, and the
    // next reindex puts the complete new index in place.
    fs::rename(env.index(), &new).unwrap();
    copy_dir(&data("index-v2"), &env.path("index.reindex-old"));
    let out = env.cmd(&["search", "chips"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
    let (code, v) = env.json(&["reindex", "--json"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["resumed"], true);
    assert_eq!(digest(&env), expected);
    assert!(!env.path("index.reindex-old").exists() && !new.exists());
}

#[test]
fn reindex_refuses_what_it_cannot_rebuild() {
    let env = Env::new();
    let out = env.cmd(&["reindex"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no dossier index here"), "{}", stderr(&out));
    // An unknown version: refused, the index left as it was.
    v2_index(&env);
    let meta = env.index().join("meta.json");
    let text = fs::read_to_string(&meta).unwrap();
    let foreign = text.replace("\\\"schema_version\\\":2", "\\\"schema_version\\\":999");
    assert_ne!(text, foreign);
    fs::write(&meta, &foreign).unwrap();
    let out = env.cmd(&["reindex"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("schema version 999"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&meta).unwrap(), foreign);
}

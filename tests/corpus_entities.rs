//! Corpus-wide entities on the bench corpus (1,001 speeches in the shared evaluation data,
//! `$DOSSIER_SHARED/bench/corpus`, by default `../shared` beside the repository).
//!
//! Properties tested: names merge across documents where one full name fits ("Guterres"
//! into "Antonio Guterres"; "Franklin D. Roosevelt" with "Franklin Roosevelt" and
//! "Franklin Delano Roosevelt") and not where two do ("Roosevelt"); `stats`, the entity
//! export and search facets agree on it, and an entity filter on the merged name finds
//! the documents of every name merged into it; the 20 most frequent PERSON, ORG and GPE
//! entities are all in a hand-reviewed list of real people, organisations and places
//! (`tests/data/bench_top_entities.txt`).
//!
//! Without the shared data the tests print "skipped" and pass, unless
//! `DOSSIER_REQUIRE_SHARED=1`, which makes them fail.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use crate::util::{data, stderr, Env};

/// The bench corpus, or `None` (after saying why) when the tests should be skipped.
fn bench_corpus() -> Option<PathBuf> {
    let shared = std::env::var_os("DOSSIER_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::util::root().join("../shared"));
    let corpus = shared.join("bench/corpus");
    if corpus.is_dir() {
        return Some(corpus);
    }
    if std::env::var("DOSSIER_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!("{} is missing and DOSSIER_REQUIRE_SHARED=1", corpus.display());
    }
    eprintln!("skipped: {} not found (set DOSSIER_SHARED)", corpus.display());
    None
}

/// One index of the bench corpus and its entity table, shared by the tests.
struct Bench {
    env: Env,
    entities: Vec<Value>,
}

fn bench() -> Option<&'static Bench> {
    static BENCH: OnceLock<Option<Bench>> = OnceLock::new();
    BENCH
        .get_or_init(|| {
            let corpus = bench_corpus()?;
            let env = Env::new();
            let (code, v) = env.ingest(&[&corpus]);
            assert_eq!(code, 0, "{v}");
            let (code, v) = env.json(&["export", "entities", "--label", "PERSON,ORG,GPE"]);
            assert_eq!(code, 0, "{v}");
            let entities = v.as_array().expect("an array").clone();
            Some(Bench { env, entities })
        })
        .as_ref()
}

fn entry<'a>(b: &'a Bench, label: &str, name: &str) -> Option<&'a Value> {
    b.entities.iter().find(|e| e["label"] == label && e["canonical"] == name)
}

fn merged(e: &Value) -> BTreeSet<&str> {
    e["merged"]
        .as_array()
        .map_or_else(BTreeSet::new, |m| m.iter().map(|n| n.as_str().expect("a name")).collect())
}

#[test]
fn names_merge_across_speeches_where_one_full_name_fits() {
    let Some(b) = bench() else { return };
    let guterres = entry(b, "PERSON", "Antonio Guterres").expect("Antonio Guterres");
    assert!(merged(guterres).contains("Guterres"), "{guterres:#}");
    assert!(entry(b, "PERSON", "Guterres").is_none(), "Guterres stands alone");
    let fdr = b
        .entities
        .iter()
        .find(|e| {
            e["label"] == "PERSON" && {
                let mut names = merged(e);
                names.insert(e["canonical"].as_str().unwrap());
                names.contains("Franklin Roosevelt") && names.contains("Franklin D. Roosevelt")
            }
        })
        .expect("one entity for Franklin Roosevelt");
    let mut names = merged(fdr);
    names.insert(fdr["canonical"].as_str().unwrap());
    assert!(names.contains("Franklin Delano Roosevelt"), "{fdr:#}");
    assert!(!names.contains("Theodore Roosevelt") && !names.contains("Roosevelt"), "{fdr:#}");
    // Two Roosevelts: the surname alone stays apart.
    assert!(entry(b, "PERSON", "Roosevelt").is_some());
    // Documents are counted once per merged entity.
    let mentions: usize = guterres["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["count"].as_u64().unwrap() as usize)
        .sum();
    assert_eq!(mentions, guterres["mentions"].as_u64().unwrap() as usize);
}

#[test]
fn search_facets_and_filters_use_the_merged_names() {
    let Some(b) = bench() else { return };
    let guterres = entry(b, "PERSON", "Antonio Guterres").expect("Antonio Guterres");
    let docs = guterres["documents"].as_u64().unwrap();
    let (code, v) = b.env.json(&[
        "search",
        "--json",
        "--facets",
        "--facet-size",
        "5000",
        "--no-snippets",
        "--label",
        "PERSON",
        "*",
    ]);
    assert_eq!(code, 0, "{v}");
    let people = v["facets"]["entities"]["PERSON"].as_array().expect("PERSON facets");
    let count = |name: &str| {
        people.iter().find(|f| f["value"] == name).map(|f| f["documents"].as_u64().unwrap())
    };
    assert_eq!(count("Antonio Guterres"), Some(docs), "facets count the merged entity");
    assert_eq!(count("Guterres"), None);
    let out =
        b.env.cmd(&["search", "--count", "--label", "PERSON", "--entity", "Antonio Guterres", "*"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let n: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().expect("a count");
    assert_eq!(n, docs, "the filter finds the documents of every merged name");
}

#[test]
fn stats_count_merged_entities() {
    let Some(b) = bench() else { return };
    let (code, v) = b.env.json(&["stats", "--json"]);
    assert_eq!(code, 0, "{v}");
    let people = b.entities.iter().filter(|e| e["label"] == "PERSON").count() as u64;
    assert_eq!(v["entities"]["PERSON"]["distinct"].as_u64(), Some(people));
    assert!(v["entities"]["PERSON"]["merged"].as_u64().unwrap() > 0);
}

/// The reviewed list: `LABEL<TAB>name` lines.
fn reviewed() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(data("bench_top_entities.txt")).expect("the list");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (label, name) = l.split_once('\t').expect("LABEL<TAB>name");
            (label.to_string(), name.to_string())
        })
        .collect()
}

#[test]
fn top_entities_of_the_speeches_are_real() {
    let Some(b) = bench() else { return };
    let ok = reviewed();
    let mut wrong = Vec::new();
    for label in ["PERSON", "ORG", "GPE"] {
        let top = b.entities.iter().filter(|e| e["label"] == label).take(20);
        for e in top {
            let name = e["canonical"].as_str().unwrap().to_string();
            if !ok.contains(&(label.to_string(), name.clone())) {
                wrong.push(format!("{label} {name} ({} documents)", e["documents"]));
            }
        }
    }
    assert!(wrong.is_empty(), "not in the reviewed list:\n{}", wrong.join("\n"));
}

//! Documents in other languages and plain documents' dates: detection, the English
//! rules kept to English text, search with each language's stemmer, datelines.

use std::fs;

use crate::util::Env;

const RUSSIAN: &str = "Переговоры министров\n\nМинистры иностранных дел встретились во вторник \
в Женеве, чтобы обсудить прекращение огня и обмен пленными, сообщили официальные лица. \
Путин и другие руководители ожидают итогов переговоров.\n";

const GERMAN: &str = "Gespräche in Genf\n\nDie Außenminister trafen sich am Dienstag in Genf, um \
über die Waffenruhe und den Austausch von Gefangenen zu verhandeln. Die Verhandlungen dauern an.\n";

const SPEECH: &str = "Annual Message to the Congress\n\nDelivered in person\nJanuary 7, 1954\n\n\
Mr. President, Mr. Speaker, Members of the Congress:\n\nLast year we set out to balance the \
budget, and next year we shall do so again.\n";

fn corpus(env: &Env) -> std::path::PathBuf {
    let dir = env.path("docs");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("ru.txt"), RUSSIAN).unwrap();
    fs::write(dir.join("de.txt"), GERMAN).unwrap();
    fs::write(dir.join("speech.txt"), SPEECH).unwrap();
    dir
}

fn record(env: &Env, path: &std::path::Path) -> serde_json::Value {
    let (code, v) = env.json(&["extract", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    v
}

#[test]
fn other_languages_are_detected_and_get_no_english_entities() {
    let env = Env::new();
    let dir = corpus(&env);
    let ru = record(&env, &dir.join("ru.txt"));
    assert_eq!(ru["lang"], "ru");
    assert!(ru["lang_confidence"].as_f64().unwrap() > 0.5);
    assert_eq!(ru["entities"].as_array().unwrap().len(), 0, "{ru}");
    assert_eq!(ru["format"], "txt");
    let speech = record(&env, &dir.join("speech.txt"));
    assert_eq!(speech["lang"], "en");
    assert!(!speech["entities"].as_array().unwrap().is_empty());
}

#[test]
fn search_stems_each_language_with_its_own_stemmer() {
    let env = Env::new();
    let dir = corpus(&env);
    let (code, _) = env.ingest(&[&dir]);
    assert_eq!(code, 0);
    // Other inflected forms than the ones in the texts.
    assert_eq!(env.search_ids("министров"), ["ru"]);
    assert_eq!(env.search_ids("переговорами"), ["ru"]);
    assert_eq!(env.search_ids("Verhandlung"), ["de"]);
    assert_eq!(env.search_ids("budgets"), ["speech"]);
}

#[test]
fn a_date_line_at_the_top_is_the_published_date_and_anchors_relative_dates() {
    let env = Env::new();
    let dir = corpus(&env);
    let speech = record(&env, &dir.join("speech.txt"));
    assert_eq!(speech["published"], "1954-01-07");
    assert_eq!(speech["published_source"], "dateline");
    assert_eq!(speech["dct"]["value"], "1954-01-07");
    assert_eq!(speech["title"], "Annual Message to the Congress");
    let values: Vec<&str> =
        speech["dates"].as_array().unwrap().iter().filter_map(|d| d["value"].as_str()).collect();
    assert!(values.contains(&"1953"), "last year resolves against the dateline: {values:?}");
    assert!(values.contains(&"1955"), "next year resolves against the dateline: {values:?}");
}

#[test]
fn a_salutation_is_never_a_title_and_ingest_dct_fills_undated_documents() {
    let env = Env::new();
    let dir = env.path("undated");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.txt"), "Mr. President,\n\nWe met last week to talk about trade.\n")
        .unwrap();
    let a = record(&env, &dir.join("a.txt"));
    assert_eq!(a["title"], serde_json::Value::Null);
    assert_eq!(a["published"], serde_json::Value::Null);
    let out = env.cmd(&["ingest", "--quiet", "--dct", "2020-03-04", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let (_, shown) = env.json(&["show", "--json", "a"]);
    let rec = if shown.get("record").is_some() { &shown["record"] } else { &shown };
    assert_eq!(rec["published"], "2020-03-04", "{shown}");
    assert_eq!(rec["published_source"], "argument");
    assert_eq!(rec["dct"]["value"], "2020-03-04");
}

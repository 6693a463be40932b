//! Exports and the HTML report.
//!
//! Properties tested on the sample corpus through the binary: entity tables read back
//! from CSV with the same rows as JSON, and filters hold; mention lines add up to the
//! table; `-o FILE` writes the same bytes as stdout, and a bad folder exits 2 naming it;
//! the timeline is in date order, its intervals agree with its values, and `--entity`
//! keeps only sentences naming the entity; the graph's GEXF and GraphML parse back with
//! the JSON graph's nodes and edges; every Quickwit and Elasticsearch line parses and has
//! the fields; the report's pages exist, link to each other and hold no raw markup.
//! On the seed article, "U.S." and "United States" are one entity. Snapshots (in
//! `tests/snapshots`) pin the exact formats on hand-made records, so they do not move
//! when the extractors improve.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use dossier::{CsvRow, EntityEntry, TimelineEvent};
use serde_json::Value;

use crate::util::{root, seed, stderr, stdout, Env};

fn corpus_env() -> Env {
    let env = Env::new();
    let (code, v) = env.ingest(&[&root().join("corpus")]);
    assert_eq!(code, 0, "{v}");
    env
}

fn run_ok(env: &Env, args: &[&str]) -> String {
    let out = env.cmd(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a CSV row");
            header.iter().cloned().zip(r.iter().map(String::from)).collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn entities_csv_reads_back_like_json_and_filters_hold() {
    let env = corpus_env();
    let (code, json) = env.json(&["export", "entities"]);
    assert_eq!(code, 0);
    let entries = json.as_array().unwrap();
    assert!(!entries.is_empty());
    let (header, rows) = csv_rows(&run_ok(&env, &["export", "entities", "--format", "csv"]));
    assert_eq!(header, EntityEntry::HEADER);
    assert_eq!(rows.len(), entries.len());
    for (row, e) in rows.iter().zip(entries) {
        assert_eq!(row["label"], e["label"].as_str().unwrap());
        assert_eq!(row["canonical"], e["canonical"].as_str().unwrap());
        assert_eq!(row["mentions"], e["mentions"].to_string());
        let (first, last) = (&row["first_date"], &row["last_date"]);
        assert_eq!(first.is_empty(), last.is_empty());
        assert!(first <= last, "{row:?}");
    }
    let (_, gpe) = csv_rows(&run_ok(
        &env,
        &["export", "entities", "--format", "csv", "--label", "gpe", "--min-docs", "2"],
    ));
    assert!(!gpe.is_empty());
    assert!(gpe.iter().all(|r| r["label"] == "GPE" && r["documents"].parse::<u64>().unwrap() >= 2));
    // --query keeps only matching documents: no entity is in more documents than before.
    let all: BTreeMap<(String, String), u64> = entries
        .iter()
        .map(|e| {
            let key =
                (e["label"].as_str().unwrap().into(), e["canonical"].as_str().unwrap().into());
            (key, e["documents"].as_u64().unwrap())
        })
        .collect();
    let lines =
        jsonl(&run_ok(&env, &["export", "entities", "--format", "jsonl", "--query", "cyber"]));
    assert!(!lines.is_empty() && lines.len() < entries.len());
    for e in &lines {
        let key = (
            e["label"].as_str().unwrap().to_string(),
            e["canonical"].as_str().unwrap().to_string(),
        );
        assert!(e["documents"].as_u64().unwrap() <= all[&key]);
    }
    // Mentions as CSV: one row per mention, as many as the table counts.
    let (_, mentions) =
        csv_rows(&run_ok(&env, &["export", "entities", "--mentions", "--format", "csv"]));
    let total: u64 = entries.iter().map(|e| e["mentions"].as_u64().unwrap()).sum();
    assert_eq!(mentions.len() as u64, total);
    let out = env.cmd(&["export", "entities", "--label", "SPACESHIP"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("PERSON"), "{}", stderr(&out));
}

#[test]
fn output_file_matches_stdout_and_bad_folders_exit_2() {
    let env = corpus_env();
    let expected = run_ok(&env, &["export", "records"]);
    let file = env.path("records.jsonl");
    let printed = run_ok(&env, &["export", "records", "-o", file.to_str().unwrap()]);
    assert!(printed.is_empty());
    assert_eq!(fs::read_to_string(&file).unwrap(), expected);
    let names: Vec<String> = fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".dossier-")), "temporary left: {names:?}");
    let missing = env.path("no/such/folder/out.csv");
    let out = env.cmd(&["export", "timeline", "-o", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no/such/folder") && err.contains("folder exists"), "{err}");
}

#[test]
fn timeline_is_in_date_order_and_filters_by_entity() {
    let env = corpus_env();
    let events = jsonl(&run_ok(&env, &["export", "timeline", "--format", "jsonl"]));
    assert!(events.len() >= 10, "{}", events.len());
    let s = |e: &Value, k: &str| e[k].as_str().unwrap().to_string();
    for pair in events.windows(2) {
        assert!(s(&pair[0], "start") <= s(&pair[1], "start"), "{} > {}", pair[0], pair[1]);
    }
    for e in &events {
        let (date, start, end) = (s(e, "date"), s(e, "start"), s(e, "end"));
        assert!(start <= end && start.len() == 10 && end.len() == 10, "{e}");
        let digits: String = date.chars().take_while(char::is_ascii_digit).take(4).collect();
        assert!(start.starts_with(&digits), "{e}");
        assert!(!s(e, "text").is_empty() && !s(e, "document").is_empty());
    }
    assert!(
        events.iter().any(|e| s(e, "document") == "cyber/us-china-cyber-agreement-2015"
            && s(e, "date") == "2014-05"
            && s(e, "text").contains("May 2014")),
        "May 2014 in the cyber agreement article"
    );
    // The same events as a JSON array and as CSV.
    let (code, array) = env.json(&["export", "timeline"]);
    assert_eq!(code, 0);
    assert_eq!(array.as_array().unwrap().len(), events.len());
    let (header, rows) = csv_rows(&run_ok(&env, &["export", "timeline", "--format", "csv"]));
    assert_eq!(header, TimelineEvent::HEADER);
    assert_eq!(rows.len(), events.len());
    // --entity keeps only sentences that name it.
    let china =
        jsonl(&run_ok(&env, &["export", "timeline", "--format", "jsonl", "--entity", "china"]));
    assert!(!china.is_empty() && china.len() < events.len());
    for e in &china {
        let names: Vec<&str> = e["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["canonical"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"China"), "{e}");
    }
}

/// Element names of an XML document, checking that it is well formed.
fn xml_elements(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) => {
                depth += 1;
                names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
            }
            quick_xml::events::Event::Empty(e) => {
                names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
    names
}

#[test]
fn graph_formats_agree() {
    let env = corpus_env();
    let (code, graph) = env.json(&["export", "graph"]);
    assert_eq!(code, 0);
    let nodes = graph["nodes"].as_array().unwrap();
    let edges = graph["edges"].as_array().unwrap();
    assert!(!nodes.is_empty() && !edges.is_empty());
    let ids: BTreeSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    for e in edges {
        assert!(
            ids.contains(e["source"].as_str().unwrap())
                && ids.contains(e["target"].as_str().unwrap())
        );
        assert_ne!(e["source"], e["target"]);
        assert!(e["documents"].as_u64().unwrap() >= 1);
    }
    let count = |names: &[String], n: &str| names.iter().filter(|x| *x == n).count();
    let gexf = run_ok(&env, &["export", "graph", "--format", "gexf"]);
    let names = xml_elements(&gexf);
    assert_eq!(names[0], "gexf");
    assert_eq!((count(&names, "node"), count(&names, "edge")), (nodes.len(), edges.len()));
    let graphml = run_ok(&env, &["export", "graph", "--format", "graphml"]);
    let names = xml_elements(&graphml);
    assert_eq!(names[0], "graphml");
    assert_eq!((count(&names, "node"), count(&names, "edge")), (nodes.len(), edges.len()));
    // Filters shrink the graph.
    let (_, people) = env.json(&["export", "graph", "--label", "PERSON", "--min-docs", "2"]);
    assert!(people["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["label"] == "PERSON" && n["documents"].as_u64().unwrap() >= 2));
}

#[test]
fn quickwit_and_elastic_files_parse_and_have_the_fields() {
    let env = corpus_env();
    let ids: BTreeSet<String> = jsonl(&run_ok(&env, &["export", "records"]))
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let qw = env.path("qw");
    run_ok(&env, &["export", "quickwit", "-o", qw.to_str().unwrap(), "--name", "policy"]);
    let docs = jsonl(&fs::read_to_string(qw.join("documents.ndjson")).unwrap());
    assert_eq!(docs.len(), ids.len());
    let mut seen = BTreeSet::new();
    for d in &docs {
        for field in ["id", "title", "body", "published", "source"] {
            assert!(d[field].is_string(), "{field} in {d}");
        }
        for field in ["person", "norp", "org", "gpe", "loc", "law", "dates", "countries"] {
            assert!(d[field].is_array(), "{field} in {d}");
        }
        chrono::DateTime::parse_from_rfc3339(d["published"].as_str().unwrap()).expect("RFC 3339");
        seen.insert(d["id"].as_str().unwrap().to_string());
    }
    assert_eq!(seen, ids, "one document per record, ids kept");
    assert!(docs.iter().any(|d| d["gpe"].as_array().unwrap().iter().any(|g| g == "China")));
    let config = fs::read_to_string(qw.join("index-config.yaml")).unwrap();
    assert!(config.contains("index_id: policy") && config.contains("timestamp_field: published"));
    assert!(config.contains("tokenizer: en_stem") && config.contains("type: array<text>"));
    let out = env.cmd(&["export", "quickwit", "-o", qw.to_str().unwrap(), "--name", "bad name"]);
    assert_eq!(out.status.code(), Some(2));

    let es = env.path("es");
    run_ok(&env, &["export", "elastic", "-o", es.to_str().unwrap()]);
    let lines = jsonl(&fs::read_to_string(es.join("bulk.ndjson")).unwrap());
    assert_eq!(lines.len(), 2 * ids.len());
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_id"], pair[1]["id"], "{}", pair[0]);
        assert!(pair[1]["body"].is_string());
    }
    let mapping: Value =
        serde_json::from_str(&fs::read_to_string(es.join("mapping.json")).unwrap()).unwrap();
    assert_eq!(mapping["mappings"]["properties"]["body"]["analyzer"], "english");
}

#[test]
fn seed_names_one_entity_for_us_and_united_states() {
    let Some(seed) = seed() else {
        eprintln!("skipped: the seed article is not beside the repository");
        return;
    };
    let env = Env::new();
    let folder = env.path("seed");
    fs::create_dir(&folder).unwrap();
    fs::copy(&seed, folder.join("seed.txt")).unwrap();
    env.ingest(&[&folder]);
    let (code, v) = env.json(&["export", "entities", "--label", "GPE"]);
    assert_eq!(code, 0);
    let holders: Vec<&Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["text"] == "U.S." || a["text"] == "United States")
        })
        .collect();
    assert_eq!(holders.len(), 1, "{holders:?}");
    let forms: BTreeSet<&str> = holders[0]["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert!(forms.contains("U.S.") && forms.contains("United States"), "{forms:?}");
    assert_eq!(holders[0]["country"], "US");
}

#[test]
fn report_pages_exist_link_and_escape() {
    let env = corpus_env();
    let dir = env.path("report");
    let out = env.cmd(&["report", "-o", dir.to_str().unwrap(), "--title", "Policy <corpus>"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let index = fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(index.contains("Policy &lt;corpus&gt;"));
    let links: Vec<&str> =
        index.split("href=\"docs/").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    let records = run_ok(&env, &["export", "records"]).lines().count();
    assert_eq!(links.len(), records, "one link per document");
    for link in &links {
        let page = fs::read_to_string(dir.join("docs").join(link)).unwrap();
        assert!(page.contains("href=\"../index.html\"") && page.contains("href=\"../style.css\""));
        assert!(!page.contains("<script"), "{link}");
    }
    let marked = links
        .iter()
        .filter(|l| {
            fs::read_to_string(dir.join("docs").join(l)).unwrap().contains("<mark class=\"m GPE\"")
        })
        .count();
    assert!(marked > 0);
    let timeline = fs::read_to_string(dir.join("timeline.html")).unwrap();
    let targets: Vec<&str> =
        timeline.split("href=\"docs/").skip(1).map(|s| s.split('#').next().unwrap()).collect();
    assert!(!targets.is_empty());
    assert!(targets.iter().all(|t| Path::new(&dir.join("docs").join(t)).exists()));
    assert!(dir.join("style.css").exists());
}

/// Runs `dossier ARGS` with its stdout closed before it writes anything: every write
/// fails with a broken pipe, which must end the run quietly with exit code 0.
fn closed_pipe(env: &Env, args: &[&str]) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .arg("--index")
        .arg(env.index())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
}

/// Issue 14, item 4: a closed pipe is success for every output format (the JSON writer's
/// error wraps the I/O error, and the CSV writer's turns into one of kind `Other`).
#[test]
fn issue_14_closed_pipe_json() {
    let env = corpus_env();
    closed_pipe(&env, &["export", "entities"]);
    closed_pipe(&env, &["export", "graph"]);
    closed_pipe(&env, &["export", "timeline"]);
}

#[test]
fn issue_14_closed_pipe_jsonl() {
    let env = corpus_env();
    closed_pipe(&env, &["export", "entities", "--mentions", "--format", "jsonl"]);
    closed_pipe(&env, &["export", "records"]);
    closed_pipe(&env, &["export", "timeline", "--format", "jsonl"]);
}

#[test]
fn issue_14_closed_pipe_csv() {
    let env = corpus_env();
    closed_pipe(&env, &["export", "entities", "--format", "csv"]);
    closed_pipe(&env, &["export", "timeline", "--format", "csv"]);
}

#[test]
fn issue_14_closed_pipe_gexf_and_graphml() {
    let env = corpus_env();
    closed_pipe(&env, &["export", "graph", "--format", "gexf"]);
    closed_pipe(&env, &["export", "graph", "--format", "graphml"]);
}

#[test]
fn issue_14_closed_pipe_reports() {
    let env = corpus_env();
    for args in [
        &["search", "china"][..],
        &["search", "--json", "china"],
        &["search", "--count", "china"],
        &["stats"],
        &["stats", "--json"],
        &["show", "climate/paris-agreement"],
        &["verify"],
    ] {
        closed_pipe(&env, args);
    }
}

/// Issue 14, item 11: `export records --text` adds the text the offsets point into.
#[test]
fn issue_14_records_with_text() {
    let env = corpus_env();
    let plain = run_ok(&env, &["export", "records"]);
    let with_text = run_ok(&env, &["export", "records", "--text"]);
    assert_eq!(plain.lines().count(), with_text.lines().count());
    let mut checked = 0;
    for (a, b) in plain.lines().zip(with_text.lines()) {
        let (a, mut b): (Value, Value) =
            (serde_json::from_str(a).unwrap(), serde_json::from_str(b).unwrap());
        let text: Vec<char> = b["text"].as_str().unwrap().chars().collect();
        for e in b["entities"].as_array().unwrap() {
            let (s, t) =
                (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
            assert_eq!(text[s..t].iter().collect::<String>(), e["text"].as_str().unwrap());
            checked += 1;
        }
        b.as_object_mut().unwrap().remove("text");
        assert_eq!(a, b, "the record is unchanged but for `text`");
    }
    assert!(checked > 100);
}

/// Issue 14, item 11: `export graph` keeps only edges seen in two sentences or more and
/// the entities they link, unless told otherwise.
#[test]
fn issue_14_graph_defaults_stay_readable() {
    let env = corpus_env();
    let (_, small) = env.json(&["export", "graph"]);
    let (_, full) = env.json(&["export", "graph", "--min-sentences", "0", "--isolated"]);
    let len = |g: &Value, k: &str| g[k].as_array().unwrap().len();
    assert!(len(&small, "edges") > 0 && len(&small, "edges") * 10 < len(&full, "edges"));
    assert!(small["edges"].as_array().unwrap().iter().all(|e| e["sentences"].as_u64() >= Some(2)));
    let linked: BTreeSet<&str> = small["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| [e["source"].as_str().unwrap(), e["target"].as_str().unwrap()])
        .collect();
    assert_eq!(linked.len(), len(&small, "nodes"), "every entity kept has an edge");
    let (_, one) = env.json(&["export", "graph", "--min-sentences", "1"]);
    assert!(len(&one, "edges") > len(&small, "edges"));
}

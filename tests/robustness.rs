//! Ingest robustness (issue 14): one odd file never aborts a run, ids keep their
//! source, the index can mirror a folder, and what ingest leaves out is counted.

use std::fs;
use std::path::Path;

use crate::util::{stderr, Env};

fn ingest_args(env: &Env, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["ingest", "--json", "--quiet"];
    all.extend_from_slice(args);
    env.json(&all)
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The published date of document `id`, from its stored record.
fn published(env: &Env, id: &str) -> serde_json::Value {
    let (code, v) = env.json(&["show", "--json", id]);
    assert_eq!(code, 0, "show {id}");
    v["published"].clone()
}

/// Non-ASCII text in a date field used to panic on a byte slice inside a character,
/// aborting the whole ingest.
#[test]
fn non_ascii_metadata_dates_do_not_abort_the_ingest() {
    let env = Env::new();
    let dir = env.path("docs");
    write(&dir.join("cn.md"), "---\ntitle: 报告\ndate: 2016年5月12日\n---\nThe talks in Beijing.\n");
    write(&dir.join("ru.md"), "---\ndate: 12 мая 2016 г.\n---\nThe talks in Moscow.\n");
    write(
        &dir.join("lines.jsonl"),
        "{\"id\":\"j1\",\"text\":\"Talks in Paris.\",\"date\":\"２０１６年５月１２日\"}\n\
         {\"id\":\"j2\",\"text\":\"Talks in Rome.\",\"date\":\"2016-05-1é\"}\n",
    );
    write(
        &dir.join("meta.html"),
        "<html><head><meta name=\"date\" content=\"٢٠١٦-٠٥-١٢ é\"></head><body><p>Talks in Bonn.</p></body></html>",
    );
    write(&dir.join("plain.txt"), "Plain\nTalks in Oslo.\n");
    let (code, s) = ingest_args(&env, &[dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{s}");
    assert_eq!(s["documents"], 6, "{s}");
    assert_eq!(published(&env, "cn"), "2016-05-12");
    assert_eq!(published(&env, "ru"), serde_json::Value::Null);
    assert_eq!(published(&env, "j2"), serde_json::Value::Null);
}

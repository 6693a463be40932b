//! Reliability: the scenarios of the reliability design note that run in seconds.
//!
//! Properties tested (scenario numbers as in `docs/RELIABILITY.md`): a killed ingest
//! resumes to exactly one document per source (1, fast version; the bench-corpus loop is
//! `scripts/reliability/kill-loop.sh`); a rerun re-indexes nothing (5); the same text
//! under two paths is two documents (7); encodings and bad files are decoded or reported
//! with their reason (8); a broken JSONL line is `file:line: reason` (9); hostile HTML is
//! bounded in time and script text is never indexed (10); size limits skip or truncate
//! with a warning (11); links, loops and FIFOs are reported without hanging (12); long
//! tokens and CJK text still index the document (13); odd dates never panic (14); a bad
//! rule file names its line (15); hostile queries fail within a second (16); a damaged
//! index is refused with the fix and left untouched, and `verify` finds what is wrong
//! (17); reading and extraction never panic on arbitrary input, and spans are sound (18);
//! the failure report and exit codes follow the record contract.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::util::{stderr, stdout, Env};

/// Writes `n` small distinct articles into `dir` and returns the folder.
fn small_corpus(env: &Env, name: &str, n: usize) -> PathBuf {
    let dir = env.path(name);
    fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        let body = format!(
            "Article {i}\nThe council met in Paris on 12 May 2015 to discuss item{i} and the \
             harbour budget. Minister Ada Lovelace said the plan would cost $3 million.\n"
        );
        fs::write(dir.join(format!("a{i:05}.txt")), body).unwrap();
    }
    dir
}

fn verify_json(env: &Env) -> (i32, serde_json::Value) {
    env.json(&["verify", "--json"])
}

fn ingest_args(env: &Env, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["ingest", "--json", "--quiet"];
    all.extend_from_slice(args);
    env.json(&all)
}

fn reasons(summary: &serde_json::Value) -> BTreeMap<String, String> {
    summary["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let name = Path::new(path).file_name().unwrap().to_string_lossy().into_owned();
            (name, f["reason"].as_str().unwrap().to_string())
        })
        .collect()
}

/// Scenario 1, fast version: `kill -9` (SIGKILL) during an ingest, then resume.
#[test]
fn killed_ingest_resumes_to_exactly_one_document_per_source() {
    let env = Env::new();
    let corpus = small_corpus(&env, "many", 1_500);
    for delay_ms in [150u64, 400, 800] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
            .arg("--index")
            .arg(env.index())
            .args(["ingest", "--quiet", "--commit-interval", "0"])
            .arg(&corpus)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if env.index().join("meta.json").exists() {
            let (code, v) = verify_json(&env);
            assert_eq!(code, 0, "after a kill: {v}");
        }
    }
    let (code, v) = ingest_args(&env, &[corpus.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["documents"], 1_500);
    assert_eq!(v["added"].as_u64().unwrap() + v["unchanged"].as_u64().unwrap(), 1_500);
    let (code, v) = verify_json(&env);
    assert_eq!(code, 0, "{v}");
    assert_eq!((v["documents"].as_u64(), v["distinct_ids"].as_u64()), (Some(1_500), Some(1_500)));
    assert_eq!(env.search_ids("item777"), ["a00777"]);
}

/// Scenario 5: a rerun on an unchanged corpus re-indexes nothing.
#[test]
fn rerun_on_unchanged_corpus_reindexes_nothing() {
    let env = Env::new();
    let corpus = small_corpus(&env, "c", 200);
    let (_, first) = ingest_args(&env, &[corpus.to_str().unwrap()]);
    assert_eq!(first["added"], 200);
    let (code, second) = ingest_args(&env, &[corpus.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!((second["added"].as_u64(), second["updated"].as_u64()), (Some(0), Some(0)));
    assert_eq!(second["unchanged"], 200);
}

/// Scenario 7: the same text under two paths is two documents, one per id (path).
#[test]
fn same_content_under_two_paths_is_two_documents() {
    let env = Env::new();
    let dir = env.path("twins");
    fs::create_dir_all(dir.join("sub")).unwrap();
    let text = "Twin Report\nThe gloamberry accord was signed.\n";
    fs::write(dir.join("one.txt"), text).unwrap();
    fs::write(dir.join("sub/one.txt"), text).unwrap();
    let (code, v) = env.ingest(&[&dir]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["added"], 2);
    let mut ids = env.search_ids("gloamberry");
    ids.sort();
    assert_eq!(ids, ["one", "sub/one"]);
}

/// Scenario 8: encodings are decoded; binary, empty and unsupported files are reported.
#[test]
fn encodings_are_decoded_and_bad_files_reported_with_their_reason() {
    let env = Env::new();
    let dir = env.path("enc");
    fs::create_dir_all(&dir).unwrap();
    let utf16 = |be: bool, s: &str| {
        let mut out = if be { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for u in s.encode_utf16() {
            out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    };
    fs::write(dir.join("le.txt"), utf16(false, "Zürich LE\nZürich wibblequartz\n")).unwrap();
    fs::write(dir.join("be.txt"), utf16(true, "BE\nZürich snorkelpine\n")).unwrap();
    fs::write(dir.join("cp1252.txt"), b"Caf\xe9\nThe \x93glimmerfax\x94 plan\n").unwrap();
    fs::write(dir.join("invalid.txt"), b"Bad\nbytes \xc3\x28 and \x80 frobnitzel\n").unwrap();
    fs::write(dir.join("binary.txt"), b"GIF89a\0\0\x01").unwrap();
    fs::write(dir.join("empty.txt"), b"").unwrap();
    fs::write(dir.join("blank.md"), b"   \n\n").unwrap();
    let (code, v) = env.ingest(&[&dir]);
    assert_eq!(code, 1, "a binary file is a failure: {v}");
    assert_eq!(v["documents"], 4);
    let r = reasons(&v);
    assert_eq!(r["binary.txt"], "binary");
    assert_eq!(r["empty.txt"], "empty");
    assert_eq!(r["blank.md"], "empty");
    assert_eq!(r.len(), 3, "{r:?}");
    for (word, id) in [
        ("wibblequartz", "le"),
        ("snorkelpine", "be"),
        ("glimmerfax", "cp1252"),
        ("frobnitzel", "invalid"),
    ] {
        assert_eq!(env.search_ids(word), [id], "{word}");
    }
    let out = env.cmd(&["extract", dir.join("le.txt").to_str().unwrap()]);
    assert!(stdout(&out).contains("\"title\":\"Zürich LE\""), "{}", stdout(&out));
    let out = env.cmd(&["extract", dir.join("cp1252.txt").to_str().unwrap()]);
    assert!(stdout(&out).contains("\"title\":\"Café\""), "{}", stdout(&out));
}

/// Scenario 9 and the failure report: `file:line: reason` on stderr, the same in the
/// JSONL report, exit code 1, every good line ingested.
#[test]
fn broken_jsonl_lines_are_reported_by_line_and_the_rest_ingested() {
    let env = Env::new();
    let file = env.path("feed.jsonl");
    let lines = [
        r#"{"id":"ok1","text":"first quillobar"}"#,
        r#"{"id":"bad","text":"unterminated"#,
        r#"{"id":"ok2","text":"second quillobar"}"#,
        r#"[1,2,3]"#,
        &format!("{}1{}", "[".repeat(200), "]".repeat(200)),
        r#"{"id":"ok3","text":"third quillobar"}"#,
    ];
    fs::write(&file, lines.join("\n")).unwrap();
    let report = env.path("report.jsonl");
    let out = env.cmd(&[
        "ingest",
        "--quiet",
        "--report",
        report.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("3 documents: 3 added"), "{}", stdout(&out));
    let err = stderr(&out);
    for line in [2, 4, 5] {
        let at = format!("feed.jsonl:{line}: parse: ");
        assert!(err.lines().any(|l| l.contains(&at)), "no {at:?} in {err}");
    }
    let rows: Vec<serde_json::Value> = fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row["reason"], "parse");
        assert!(row["path"].as_str().unwrap().contains("feed.jsonl:"));
        assert!(!row["details"].as_str().unwrap().is_empty());
    }
    assert_eq!(env.search_ids("quillobar").len(), 3);
}

/// Fatal errors exit 2, with the path named.
#[test]
fn fatal_ingest_errors_exit_2() {
    let env = Env::new();
    let blocker = env.path("file-not-folder");
    fs::write(&blocker, "x").unwrap();
    let out = assert_cmd::Command::cargo_bin("dossier")
        .unwrap()
        .arg("--index")
        .arg(blocker.join("index"))
        .args(["ingest", "--quiet"])
        .arg(crate::util::data("docs"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("file-not-folder"), "{}", stderr(&out));
}

/// Scenario 10: deep nesting is flattened in bounded time; script text is not indexed.
#[test]
fn hostile_html_is_bounded_and_script_text_never_indexed() {
    let env = Env::new();
    let dir = env.path("html");
    fs::create_dir_all(&dir).unwrap();
    let deep = format!(
        "<html><body>{}<p>abyssquill</p>{}</body></html>",
        "<div><span>".repeat(50_000),
        "</span></div>".repeat(50_000)
    );
    fs::write(dir.join("deep.html"), deep).unwrap();
    let script = format!(
        "<html><body><p>visible scrollwhisk</p><script>var s = \"{}\";</script>\
         <style>.x {{ content: \"{}\" }}</style></body></html>",
        "hiddenmarrow ".repeat(400_000),
        "hiddenmarrow ".repeat(10_000)
    );
    fs::write(dir.join("script.html"), script).unwrap();
    let started = Instant::now();
    let (code, v) = env.ingest(&[&dir]);
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert_eq!(code, 0, "a warning is not a failure: {v}");
    assert_eq!(v["documents"], 2);
    assert_eq!(reasons(&v)["deep.html"], "flattened");
    assert_eq!(env.search_ids("abyssquill"), ["deep"]);
    assert_eq!(env.search_ids("scrollwhisk"), ["script"]);
    assert!(env.search_ids("hiddenmarrow").is_empty());
}

/// Scenario 11: a file over the size limit is skipped; a long document is truncated
/// at a character boundary with a warning; a very long line is fine.
#[test]
fn size_limits_skip_or_truncate_with_a_warning() {
    let env = Env::new();
    let dir = env.path("big");
    fs::create_dir_all(&dir).unwrap();
    // 3 MB of text in one line, starting with a marker and ending with another.
    let long = format!("frontmarker {} tailmarker", "é lorem ipsum ".repeat(200_000));
    fs::write(dir.join("long.txt"), &long).unwrap();
    let (code, v) = ingest_args(&env, &["--max-document-size", "1", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(reasons(&v)["long.txt"], "truncated");
    assert_eq!(env.search_ids("frontmarker"), ["long"]);
    assert!(env.search_ids("tailmarker").is_empty());
    let out = env.cmd(&["export", "records"]);
    assert_eq!(out.status.code(), Some(0));

    let (code, v) = ingest_args(&env, &["--max-file-size", "1", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(reasons(&v)["long.txt"], "too-large");
}

/// Scenario 12: a symbolic link loop, a dangling link and a FIFO are reported (or
/// ignored) without hanging.
#[cfg(unix)]
#[test]
fn links_loops_and_fifos_never_hang() {
    let env = Env::new();
    let dir = env.path("tree");
    fs::create_dir_all(dir.join("sub")).unwrap();
    fs::write(dir.join("sub/good.txt"), "Good\nThe pebblewort count.\n").unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("dangling.txt")).unwrap();
    let fifo = dir.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let started = Instant::now();
    let (code, v) = env.ingest(&[&dir]);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["documents"], 1);
    let failures = v["failures"].as_array().unwrap();
    let loops = failures.iter().filter(|f| f["details"].as_str().unwrap().contains("loop")).count();
    assert_eq!(loops, 1, "{failures:?}");
    assert!(failures.iter().any(|f| f["path"].as_str().unwrap().ends_with("dangling.txt")));
    if made {
        // Named directly, a FIFO is refused without being opened.
        let (code, v) = env.ingest(&[&fifo]);
        assert_eq!(code, 1);
        assert_eq!(reasons(&v)["pipe.txt"], "unreadable");
    }
}

/// Scenario 13: very long tokens and CJK text do not drop the document.
#[test]
fn long_tokens_and_cjk_text_are_still_indexed() {
    let env = Env::new();
    let dir = env.path("tok");
    fs::create_dir_all(&dir).unwrap();
    let token = "x".repeat(100_000);
    fs::write(dir.join("long-token.txt"), format!("Token\n{token} velvetrook\n")).unwrap();
    fs::write(dir.join("cjk.txt"), "Tokyo\n東京都は日本の首都であり人口が最も多い都市です。\n")
        .unwrap();
    let (code, v) = env.ingest(&[&dir]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["added"], 2);
    assert_eq!(env.search_ids("velvetrook"), ["long-token"]);
    assert_eq!(env.search_ids("tokyo"), ["cjk"]);
    let (_, stats) = env.json(&["stats", "--json"]);
    assert_eq!(stats["documents"], 2);
}

/// Scenario 14: odd dates never panic; impossible ones are not read as dates.
#[test]
fn odd_dates_do_not_panic() {
    let env = Env::new();
    let file = env.path("odd.md");
    fs::write(
        &file,
        "---\ntitle: Odd\ndate: 2015-02-30\n---\nMagna Carta was sealed in 1215. By 2300 the \
         sea will rise. The form said Feb 30, 2015 and 13/14/2015, 0000-00-00 and 99999.\n",
    )
    .unwrap();
    let out = env.cmd(&["extract", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["published"], serde_json::Value::Null, "Feb 30 is not a date");
    let values: Vec<&str> =
        record["dates"].as_array().unwrap().iter().map(|d| d["value"].as_str().unwrap()).collect();
    // Documented result: "Feb 30, 2015" is read as February 2015; "13/14/2015" is no
    // date; nothing gets an impossible value.
    assert!(!values.iter().any(|v| v.starts_with("2015-02-30") || v.contains("-14")), "{values:?}");
    let (code, _) = env.ingest(&[&file]);
    assert_eq!(code, 0);
}

/// Scenario 15: a bad user rule file is an error naming its line, before any work.
#[test]
fn a_bad_rule_file_names_its_line() {
    let env = Env::new();
    let file = env.path("rules.toml");
    fs::write(&file, "[[pattern]]\nid = \"x\"\nlabel = \"ORG\"\nregex = \"(unclosed\"\n").unwrap();
    let err = dossier::ExtractorBuilder::new().rules(&file).build().unwrap_err();
    assert!(matches!(err, dossier::Error::Rule { .. }), "{err}");
    assert!(err.to_string().contains("rules.toml:"), "{err}");
}

/// Scenario 16: hostile queries fail within a second with exit code 2.
#[test]
fn hostile_queries_fail_within_a_second() {
    let env = Env::new();
    env.ingest(&[&crate::util::data("docs")]);
    let nested = format!("{}a OR b{}", "(".repeat(1000), ")".repeat(1000));
    let many = "w ".repeat(60_000);
    let phrase = format!("\"{}\"", "very long phrase ".repeat(3_000));
    for q in ["- *", nested.as_str(), many.as_str(), phrase.as_str(), "*:*"] {
        let started = Instant::now();
        let out = env.cmd(&["search", "--", q]);
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(2), "{:.30}: {}", q, stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
        assert!(took < Duration::from_secs(1), "{:.30} took {took:?}", q);
    }
}

/// Every file of `dir`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Scenario 17: a damaged index is refused with a message naming it and the fix, and
/// nothing on disk changes.
#[test]
fn a_damaged_index_is_refused_and_left_untouched() {
    let docs = crate::util::data("docs");
    // Truncated meta.json.
    let env = Env::new();
    env.ingest(&[&docs]);
    let meta = env.index().join("meta.json");
    let text = fs::read(&meta).unwrap();
    fs::write(&meta, &text[..text.len() / 2]).unwrap();
    let before = snapshot(&env.index());
    for args in [
        vec!["verify"],
        vec!["search", "harbour"],
        vec!["stats"],
        vec!["ingest", "--quiet", docs.to_str().unwrap()],
    ] {
        let out = env.cmd(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(env.index().to_str().unwrap()), "{args:?}: {err}");
        assert!(err.contains("rebuild"), "{args:?}: {err}");
    }
    assert_eq!(snapshot(&env.index()), before, "the damaged index was modified");

    // A missing segment file.
    let env = Env::new();
    env.ingest(&[&docs]);
    let victim = fs::read_dir(env.index())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .unwrap();
    fs::remove_file(&victim).unwrap();
    let before = snapshot(&env.index());
    for args in [vec!["verify"], vec!["ingest", "--quiet", docs.to_str().unwrap()]] {
        let out = env.cmd(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("rebuild") && err.contains(env.index().to_str().unwrap()), "{err}");
    }
    assert_eq!(snapshot(&env.index()), before, "the damaged index was modified");
}

/// `dossier verify`: 0 on a sound index, 1 with a flipped byte (and the fix), 2 when
/// there is no index.
#[test]
fn verify_exit_codes() {
    let env = Env::new();
    let out = env.cmd(&["verify"]);
    assert_eq!(out.status.code(), Some(2));
    env.ingest(&[&crate::util::data("docs")]);
    let (code, v) = verify_json(&env);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["documents"], v["distinct_ids"]);
    assert_eq!(v["documents"], v["records"]);
    let store = fs::read_dir(env.index())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .unwrap();
    let mut bytes = fs::read(&store).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    fs::write(&store, bytes).unwrap();
    let out = env.cmd(&["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("checksum") && text.contains("rebuild"), "{text}");
}

mod properties {
    //! Scenario 18: reading never panics on arbitrary input (the extraction half of the
    //! scenario is a unit test of the extractor, `src/extract/properties.rs`).

    use std::path::Path;

    use dossier::{read_bytes_with, Format, ReadOptions};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn reading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
            let options = ReadOptions { max_document_size: 512, max_html_depth: 8, ..ReadOptions::default() };
            for (name, format) in [("a.txt", Format::Text), ("a.md", Format::Markdown),
                                   ("a.html", Format::Html), ("a.jsonl", Format::JsonLines)] {
                let r = read_bytes_with(Path::new(name), "x", format, &bytes, &options);
                for d in &r.documents {
                    prop_assert!(d.text.len() <= 512);
                }
            }
        }

        #[test]
        fn reading_arbitrary_markup_never_panics(s in "(<[a-z/!?]{0,4}[^>]{0,6}>?|[^<]{0,8}|\\{\"text\":\"[^\"]{0,8}\"\\}\n)*") {
            let options = ReadOptions { max_html_depth: 4, ..ReadOptions::default() };
            for (name, format) in [("a.html", Format::Html), ("a.md", Format::Markdown), ("a.jsonl", Format::JsonLines)] {
                let _ = read_bytes_with(Path::new(name), "x", format, s.as_bytes(), &options);
            }
        }
    }
}

//! Search filters, facets, sorting and `show`, on small fixtures written per test.
//!
//! Properties tested: entity filters match canonical names and aliases both ways;
//! `--mentions` keeps documents whose mentioned dates overlap the range; `--from/--to`
//! filter on the published date; facet counts equal a brute-force count over the
//! exported records of the matching documents; date sort is newest first; `show`
//! prints a document's record and text.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use crate::util::{stderr, Env};

/// Writes a small corpus of Markdown articles with front matter into `env`.
fn write_corpus(env: &Env) -> std::path::PathBuf {
    let dir = env.path("articles");
    fs::create_dir_all(&dir).unwrap();
    let docs = [
        (
            "pla-long",
            "2015-10-01",
            "The People's Liberation Army reorganised its cyber units in September 2015, \
             officials in Beijing said.",
        ),
        (
            "pla-short",
            "2016-03-04",
            "Analysts expect the PLA to expand its space forces, a report in Washington said.",
        ),
        (
            "trade",
            "2010-06-15",
            "Export controls on machine tools were debated in 2010 by the European Union.",
        ),
        (
            "climate",
            "2021-11-14",
            "Delegates in Glasgow agreed on coal language; China and India pushed back.",
        ),
    ];
    for (id, date, body) in docs {
        let text = format!("---\ntitle: {id}\ndate: {date}\n---\n{body}\n");
        fs::write(dir.join(format!("{id}.md")), text).unwrap();
    }
    dir
}

fn ids(env: &Env, args: &[&str]) -> BTreeSet<String> {
    let mut all = vec!["search", "--json", "--limit", "1000"];
    all.extend_from_slice(args);
    let (code, v) = env.json(&all);
    assert_eq!(code, 0, "{args:?}");
    v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn entity_filter_is_alias_aware() {
    let env = Env::new();
    env.ingest(&[&write_corpus(&env)]);
    let both = set(&["pla-long", "pla-short"]);
    assert_eq!(ids(&env, &["", "--entity", "PLA"]), both);
    assert_eq!(ids(&env, &["", "--entity", "People's Liberation Army"]), both);
    assert_eq!(ids(&env, &["", "--entity", "people’s liberation army"]), both);
    assert_eq!(ids(&env, &["", "--entity", "PLA", "--label", "ORG"]), both);
    assert!(ids(&env, &["", "--entity", "PLA", "--label", "PERSON"]).is_empty());
    // Query and filter together; the filter does not change the ranking.
    assert_eq!(ids(&env, &["space", "--entity", "PLA"]), set(&["pla-short"]));
    let (_, plain) = env.json(&["search", "--json", "space"]);
    let (_, filtered) = env.json(&["search", "--json", "space", "--entity", "PLA"]);
    assert_eq!(plain["hits"][0]["score"], filtered["hits"][0]["score"]);
}

#[test]
fn mentioned_date_and_published_filters() {
    let env = Env::new();
    env.ingest(&[&write_corpus(&env)]);
    assert_eq!(ids(&env, &["", "--mentions", "2015"]), set(&["pla-long"]));
    assert_eq!(ids(&env, &["", "--mentions", "2015-09..2016-06"]), set(&["pla-long"]));
    assert_eq!(ids(&env, &["", "--mentions", "2010"]), set(&["trade"]));
    assert!(ids(&env, &["", "--mentions", "1999"]).is_empty());
    assert_eq!(ids(&env, &["", "--from", "2016"]), set(&["pla-short", "climate"]));
    assert_eq!(ids(&env, &["", "--to", "2015-10-01"]), set(&["pla-long", "trade"]));
    assert_eq!(
        ids(&env, &["", "--from", "2015-10", "--to", "2016"]),
        set(&["pla-long", "pla-short"])
    );
    let out = env.cmd(&["search", "x", "--mentions", "2015-13"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn date_sort_is_newest_first_and_count_matches() {
    let env = Env::new();
    env.ingest(&[&write_corpus(&env)]);
    let (_, v) = env.json(&["search", "--json", "--sort", "date", "*"]);
    let dates: Vec<&str> =
        v["hits"].as_array().unwrap().iter().map(|h| h["published"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2021-11-14", "2016-03-04", "2015-10-01", "2010-06-15"]);
    let (_, c) = env.json(&["search", "--json", "--count", "said"]);
    assert_eq!(c["total"], 2);
}

#[test]
fn facets_count_all_matching_documents_exactly() {
    let env = Env::new();
    // Two ingests, so the index has several segments whose counts must be merged.
    env.ingest(&[&crate::util::root().join("corpus")]);
    env.ingest(&[&write_corpus(&env)]);
    let query = "agreement OR china";
    let (code, v) =
        env.json(&["search", "--json", "--limit", "1", "--facets", "--facet-size", "1000", query]);
    assert_eq!(code, 0);
    let total = v["total"].as_u64().unwrap() as usize;
    assert!(total > 3, "the query should match several documents");
    assert_eq!(v["hits"].as_array().unwrap().len(), 1, "facets do not depend on the page");
    let matching = ids(&env, &[query]);
    assert_eq!(matching.len(), total);
    assert!(matching.contains("climate"), "the second segment has matches too");

    // Brute force: count documents per (label, canonical) over the exported records.
    let out = env.cmd(&["export", "records"]);
    let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        if !matching.contains(r["id"].as_str().unwrap()) {
            continue;
        }
        let mut seen = BTreeSet::new();
        for e in r["entities"].as_array().unwrap() {
            let key = (
                e["label"].as_str().unwrap().to_string(),
                e["canonical"].as_str().unwrap().to_string(),
            );
            if ["MONEY", "PERCENT"].contains(&key.0.as_str()) {
                continue;
            }
            if seen.insert(key.clone()) {
                *expected.entry(key).or_default() += 1;
            }
        }
    }
    let mut got: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (label, counts) in v["facets"]["entities"].as_object().unwrap() {
        for c in counts.as_array().unwrap() {
            got.insert(
                (label.clone(), c["value"].as_str().unwrap().to_string()),
                c["documents"].as_u64().unwrap(),
            );
        }
    }
    assert_eq!(got, expected);
    let months: u64 = v["facets"]["published_months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["documents"].as_u64().unwrap())
        .sum();
    assert!(months as usize <= total);
}

#[test]
fn show_prints_a_document() {
    let env = Env::new();
    env.ingest(&[&write_corpus(&env)]);
    let (code, v) = env.json(&["show", "--json", "pla-long"]);
    assert_eq!(code, 0);
    assert_eq!(v["id"], "pla-long");
    assert!(v["text"].as_str().unwrap().starts_with("The People's Liberation Army"));
    assert!(v["entities"].as_array().unwrap().iter().any(|e| e["label"] == "ORG"));
    let out = env.cmd(&["show", "pla-long"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("[The People's Liberation Army]{ORG}"));
    let out = env.cmd(&["show", "no-such-id"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no document with id"));
}

#[test]
fn snippet_entities_point_at_their_words() {
    let env = Env::new();
    let dir = env.path("accents");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("zurich.txt"),
        "Café owners in Zürich – “naïve” or not – met Xi Jinping’s envoys; later Xi Jinping \
         visited Geneva and the People's Liberation Army said nothing about the cyber talks.\n",
    )
    .unwrap();
    env.ingest(&[&crate::util::root().join("corpus"), &dir]);
    let (code, v) = env.json(&["search", "--json", "--limit", "20", "china OR cyber"]);
    assert_eq!(code, 0);
    let mut checked = 0;
    for hit in v["hits"].as_array().unwrap() {
        let id = hit["id"].as_str().unwrap();
        let (_, record) = env.json(&["show", "--json", id]);
        let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
        for e in hit["entities"].as_array().unwrap() {
            let (start, end) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
            let text: String = snippet[start as usize..end as usize].iter().collect();
            let known = record["entities"].as_array().unwrap().iter().any(|r| {
                r["text"] == text.as_str()
                    && r["label"] == e["label"]
                    && r["canonical"] == e["canonical"]
            });
            assert!(known, "{id}: {text:?} ({}) is not one of its mentions", e["canonical"]);
            checked += 1;
        }
    }
    assert!(checked > 10, "{checked} snippet entities checked");
    let (_, v) = env.json(&["search", "--json", "envoys Geneva"]);
    let hit = &v["hits"][0];
    assert_eq!(hit["id"], "zurich");
    let names: Vec<&str> = hit["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["canonical"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Xi Jinping") && names.contains(&"Geneva"), "{names:?}");
    // Offsets count code points, past the accents, dashes and curly quotes before them.
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    for e in hit["entities"].as_array().unwrap() {
        let (start, end) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
        let text: String = snippet[start as usize..end as usize].iter().collect();
        // A leading "the" and the possessive after a name of several words are part of the
        // mention, not of the canonical name.
        let text = text.strip_prefix("the ").or_else(|| text.strip_prefix("The ")).unwrap_or(&text);
        let text = text.strip_suffix("’s").or_else(|| text.strip_suffix("'s")).unwrap_or(text);
        assert!(
            e["canonical"].as_str().unwrap().starts_with(text),
            "{text:?} for {}",
            e["canonical"]
        );
    }
}

/// The ids of the hits of `search --json ARGS`, best first.
fn ranked(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json", "--no-snippets", "--limit", "100"];
    all.extend_from_slice(args);
    let (code, v) = env.json(&all);
    assert_eq!(code, 0, "{args:?}");
    v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

/// Issue 14, item 10: apostrophes, typographic quotes, slashes, colons after a word that
/// is not a field, stray punctuation and hyphens are text; no such query is refused.
#[test]
fn issue_14_queries_as_people_type_them() {
    let env = Env::new();
    env.ingest(&[&write_corpus(&env)]);
    for (query, first) in [
        ("People's Liberation Army", Some("pla-long")),
        ("People’s Liberation Army", Some("pla-long")),
        ("Xi's visit", None),
        ("O'Brien", None),
        ("machine/tools", Some("trade")),
        ("reorganised: cyber units .", Some("pla-long")),
        ("“coal language”", Some("climate")),
        ("coal-language", Some("climate")),
        ("\"coal language", Some("climate")),
        ("(delegates) Glasgow", Some("climate")),
    ] {
        let hits = ranked(&env, &["--", query]);
        assert_eq!(hits.first().map(String::as_str), first, "{query}: {hits:?}");
    }
    // A pasted paragraph, punctuation and all.
    let paragraph = "Analysts (in Washington) said: the PLA's space forces -- as a report put \
                     it -- will \"expand\"; officials/delegates disagreed. What's next?";
    assert_eq!(ranked(&env, &["--", paragraph]).first().map(String::as_str), Some("pla-short"));
    // The query language keeps working.
    assert_eq!(ranked(&env, &["analysts -space"]), Vec::<String>::new());
    assert_eq!(ranked(&env, &["analysts -coal"]), ["pla-short"]);
    assert_eq!(ranked(&env, &["\"coal language\" +China"]), ["climate"]);
    assert_eq!(ranked(&env, &["title:trade"]), ["trade"]);
    assert_eq!(ranked(&env, &["coal OR tools"]).len(), 2);
    assert_eq!(ranked(&env, &["coal AND tools"]).len(), 0);
}

/// Issue 14, item 10: a query whose words never occur together still finds documents,
/// those with all the words first; `--all` keeps strict AND, `--any` plain OR.
#[test]
fn issue_14_all_the_words_first_then_some() {
    let env = Env::new();
    let dir = write_corpus(&env);
    fs::write(dir.join("repeat.md"), "Nuclear nuclear nuclear. Nuclear power, nuclear fuel.\n")
        .unwrap();
    fs::write(dir.join("both.md"), "The treaty was signed after years of talks on nuclear arms.\n")
        .unwrap();
    env.ingest(&[&dir]);
    assert_eq!(ranked(&env, &["nuclear treaty"]), ["both", "repeat"]);
    assert_eq!(ranked(&env, &["--all", "nuclear treaty"]), ["both"]);
    assert_eq!(ranked(&env, &["--any", "nuclear treaty"]).len(), 2);
    // Words never together: every document with one of them, ranked.
    let some = ranked(&env, &["cyber space coal"]);
    assert_eq!(some.iter().collect::<BTreeSet<_>>().len(), 3, "{some:?}");
    assert!(ranked(&env, &["--all", "cyber space coal"]).is_empty());
    let (_, v) = env.json(&["search", "--count", "--json", "cyber space coal"]);
    assert_eq!(v["total"], 3);
}

/// Issue 14, item 10: a repeated word counts as often as it is written (tantivy's
/// parser counted it once), and stop words are dropped from free words, not phrases.
#[test]
fn issue_14_repeated_words_count_and_stop_words_drop() {
    let env = Env::new();
    env.ingest(&[&write_corpus(&env)]);
    let score = |q: &str| -> f64 {
        let (code, v) = env.json(&["search", "--json", "--no-snippets", q]);
        assert_eq!(code, 0);
        v["hits"][0]["score"].as_f64().unwrap()
    };
    let (once, twice) = (score("cyber"), score("cyber cyber"));
    assert!((twice - 2.0 * once).abs() < 1e-3, "{once} {twice}");
    // "the" is in every document; dropped, it no longer matches them all.
    assert_eq!(ranked(&env, &["--any", "the Glasgow"]), ["climate"]);
    assert_eq!(ranked(&env, &["\"the PLA\""]), ["pla-short"]);
    assert!(ranked(&env, &["\"the PLA\" -expect"]).is_empty());
    // A query of stop words only is searched as written.
    assert!(!ranked(&env, &["the"]).is_empty());
}

/// Issue 14, item 3: `--limit` and `--offset` are bounded; past the bound (or a limit
/// of 0) the error names the flag and the range, with exit code 2.
#[test]
fn issue_14_limit_and_offset_are_bounded() {
    let env = Env::new();
    env.ingest(&[&write_corpus(&env)]);
    for args in [
        ["--limit", "100000000000"],
        ["--limit", "18446744073709551615"],
        ["--limit", "0"],
        ["--limit", "10001"],
        ["--offset", "18446744073709551615"],
        ["--offset", "100001"],
        ["--limit=-1", "china"],
    ] {
        let out = env.cmd(&["search", args[0], args[1], "--", "china"]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        let flag = args[0].split('=').next().unwrap();
        assert!(err.contains(flag) && !err.contains("panicked"), "{err}");
    }
    let (code, v) =
        env.json(&["search", "--json", "--limit", "10000", "--offset", "100000", "PLA"]);
    assert_eq!((code, v["hits"].as_array().unwrap().len(), &v["total"]), (0, 0, &2.into()));
    let (code, v) = env.json(&["search", "--json", "--limit", "1", "--offset", "1", "PLA"]);
    assert_eq!((code, v["hits"][0]["rank"].as_u64()), (0, Some(2)));
}

/// Issue 14, item 11: the text output shows each hit's id, which `show` takes.
#[test]
fn issue_14_text_output_shows_ids() {
    let env = Env::new();
    env.ingest(&[&write_corpus(&env)]);
    let out = env.cmd(&["search", "coal"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("id climate"), "{text}");
    assert_eq!(env.cmd(&["show", "climate"]).status.code(), Some(0));
}

/// Keyword queries of the sample corpus keep their top hits: (id, score) of the first
/// three of each.
#[test]
fn corpus_keyword_queries_keep_their_top_hits() {
    let env = Env::new();
    env.ingest(&[&crate::util::root().join("corpus")]);
    let mut lines = Vec::new();
    for query in [
        "export controls",
        "\"Paris Agreement\"",
        "cyber espionage",
        "Wassenaar intrusion software",
        "gatekeepers",
        "Tallinn Manual",
        "ByteDance TikTok law",
        "semiconductor",
        "artificial intelligence",
        "climate finance",
    ] {
        let (code, v) = env.json(&["search", "--json", "--no-snippets", "--limit", "3", query]);
        assert_eq!(code, 0);
        let hits: Vec<String> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| format!("{} {:.3}", h["id"].as_str().unwrap(), h["score"].as_f64().unwrap()))
            .collect();
        lines.push(format!("{query}: {}", hits.join(", ")));
    }
    insta::assert_snapshot!("corpus_keyword_queries", lines.join("\n"));
}

/// Issue 14, item 11: completion scripts for bash, zsh and fish, and every label named in
/// the help of each option that takes one.
#[test]
fn issue_14_completions_and_labels_in_help() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = env.cmd(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains("dossier") && script.contains("limit"), "{shell}");
    }
    assert_eq!(env.cmd(&["completions", "tcsh-like"]).status.code(), Some(2));
    for args in [
        &["search", "--help"][..],
        &["export", "entities", "--help"],
        &["export", "graph", "--help"],
    ] {
        let help = String::from_utf8_lossy(&env.cmd(args).stdout).into_owned();
        for label in dossier::Label::ALL {
            assert!(help.contains(label.as_str()), "{args:?} does not name {label}");
        }
    }
}

/// Snippets show why a document matched: the passage with the most distinct query terms,
/// not the first matched word; with an entity filter and no words, the mention.
#[test]
fn issue_17_snippets_show_the_passage_that_matched() {
    let env = Env::new();
    let dir = env.path("snippets");
    fs::create_dir_all(&dir).unwrap();
    let filler = "The committee heard routine reports on budgets and staffing. ".repeat(12);
    fs::write(
        dir.join("arms.txt"),
        format!(
            "Policy notes\nAccessibility links Skip to main content. In the 1970s wage and price \
             controls were debated at length. {filler}Later the delegates agreed on nuclear arms \
             control verification, a first for the talks. {filler}Talks in Vienna ended on Friday."
        ),
    )
    .unwrap();
    env.ingest(&[&dir]);
    let snippet = |args: &[&str]| -> (String, serde_json::Value) {
        let (code, v) = env.json(args);
        assert_eq!(code, 0, "{args:?}");
        let hit = &v["hits"][0];
        (hit["snippet"].as_str().unwrap().to_string(), hit.clone())
    };
    let (s, hit) = snippet(&["search", "--json", "nuclear arms control"]);
    assert!(s.contains("nuclear arms control verification"), "{s}");
    assert!(!s.contains("wage and price"), "{s}");
    let chars: Vec<char> = s.chars().collect();
    let marked: Vec<String> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let (a, b) =
                (h["start"].as_u64().unwrap() as usize, h["end"].as_u64().unwrap() as usize);
            chars[a..b].iter().collect::<String>().to_lowercase()
        })
        .collect();
    for word in ["nuclear", "arms", "control"] {
        assert!(marked.iter().any(|m| m == word), "{word} not highlighted: {marked:?}");
    }
    // A filter-only search shows the mention of the entity, not the opening.
    let (s, hit) = snippet(&["search", "--json", "--entity", "Vienna", ""]);
    assert!(s.contains("Vienna") && !s.contains("Accessibility"), "{s}");
    assert!(hit["entities"].as_array().unwrap().iter().any(|e| e["canonical"] == "Vienna"));
}

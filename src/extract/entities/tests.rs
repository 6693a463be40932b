//! Tests of the whole extractor: every rule's examples and counter-examples (from
//! `data/rules.toml`), the seed article, user rules, and robustness (proptest).

use super::*;
use crate::extract::Entity;

fn run(ex: &EntityExtractor, text: &str) -> Vec<Entity> {
    ex.extract(text, &crate::text::sentences(text))
}

fn show(text: &str, found: &[Entity]) -> String {
    found
        .iter()
        .map(|e| format!("{}:{}:{}", &text[e.start..e.end], e.label, e.rule))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text as written and shifted by one space, each with what the extractor finds in it.
fn shifted(ex: &EntityExtractor, text: &str) -> [(String, Vec<Entity>); 2] {
    [0, 1].map(|shift| {
        let t = format!("{}{text}", " ".repeat(shift));
        let found = run(ex, &t);
        (t, found)
    })
}

/// Checks one example, also shifted by one space. Returns the failures.
fn check_example(
    ex: &EntityExtractor,
    id: &str,
    text: &str,
    find: &str,
    label: Option<&str>,
) -> Vec<String> {
    shifted(ex, text)
        .into_iter()
        .filter(|(t, found)| {
            !found.iter().any(|e| {
                &t[e.start..e.end] == find
                    && e.rule == id
                    && label.is_none_or(|l| e.label.as_str() == l)
            })
        })
        .map(|(t, found)| {
            format!("{id}: {find:?} ({label:?}) not found in {t:?}: [{}]", show(&t, &found))
        })
        .collect()
}

/// Checks one counter-example, also shifted by one space: no mention of `find` (with
/// `label`, when given).
fn check_counter(
    ex: &EntityExtractor,
    id: &str,
    text: &str,
    find: &str,
    label: Option<&str>,
) -> Vec<String> {
    shifted(ex, text)
        .into_iter()
        .filter(|(t, found)| {
            found
                .iter()
                .any(|e| &t[e.start..e.end] == find && label.is_none_or(|l| e.label.as_str() == l))
        })
        .map(|(t, found)| {
            format!("{id}: counter-example {find:?} tagged in {t:?}: [{}]", show(&t, &found))
        })
        .collect()
}

#[test]
fn rules_run_their_examples_and_counter_examples() {
    let ex = EntityExtractor::new();
    let mut n = 0;
    let mut failures = Vec::new();
    for r in &BUILTIN_RULES.rules {
        for e in &r.examples {
            failures.extend(check_example(&ex, &r.id, &e.text, &e.find, e.label.as_deref()));
            n += 1;
        }
        for c in &r.counter {
            failures.extend(check_counter(&ex, &r.id, &c.text, &c.find, c.label.as_deref()));
        }
    }
    for p in &BUILTIN_RULES.patterns {
        for e in &p.examples {
            failures.extend(check_example(&ex, &p.id, &e.text, &e.find, Some(p.label.as_str())));
            n += 1;
        }
        for c in &p.counter {
            failures.extend(check_counter(&ex, &p.id, &c.text, &c.find, None));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(n >= 30, "only {n} examples");
}

/// The ids of the built-in rules and patterns.
fn declared_ids() -> std::collections::HashSet<String> {
    let rules = BUILTIN_RULES.rules.iter().map(|r| r.id.to_string());
    rules.chain(BUILTIN_RULES.patterns.iter().map(|p| p.id.to_string())).collect()
}

#[test]
fn every_rule_has_examples_and_counter_examples() {
    for r in &BUILTIN_RULES.rules {
        assert!(!r.examples.is_empty(), "{}: no example in data/rules.toml", r.id);
        assert!(!r.counter.is_empty(), "{}: no counter-example in data/rules.toml", r.id);
    }
    for p in &BUILTIN_RULES.patterns {
        assert!(!p.examples.is_empty(), "{}: no example in data/rules.toml", p.id);
        assert!(!p.counter.is_empty(), "{}: no counter-example in data/rules.toml", p.id);
    }
}

/// Every rule id written in the extractor's code is declared in `data/rules.toml`.
#[test]
fn every_rule_id_in_the_code_is_declared() {
    let declared = declared_ids();
    let sources = [
        include_str!("classify.rs"),
        include_str!("document.rs"),
        include_str!("segments.rs"),
        include_str!("spans.rs"),
        include_str!("mod.rs"),
    ];
    let id = regex::Regex::new(r#""((?:gazetteer|person|org|gpe|law|event|loc|fac|norp|name|guess|money|percent)/[a-z-]+)""#).unwrap();
    let mut missing: Vec<String> = Vec::new();
    for src in sources {
        for c in id.captures_iter(src) {
            if !declared.contains(&c[1]) && !missing.contains(&c[1].to_string()) {
                missing.push(c[1].to_string());
            }
        }
    }
    assert!(missing.is_empty(), "rule ids used in the code but not declared: {missing:?}");
}

/// Every rule id the extractor emits on the sample corpus and the examples is declared
/// (user rules excepted: their ids come from the user's file).
#[test]
fn every_emitted_rule_id_is_declared() {
    let declared = declared_ids();
    let ex = EntityExtractor::new();
    let mut texts: Vec<String> = Vec::new();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut stack = vec![corpus];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                texts.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    assert!(texts.len() >= 5, "the sample corpus has text files");
    for r in &BUILTIN_RULES.rules {
        texts.extend(r.examples.iter().chain(&r.counter).map(|e| e.text.clone()));
    }
    let mut undeclared: Vec<String> = Vec::new();
    for text in &texts {
        for e in run(&ex, text) {
            let rule = e.rule.to_string();
            if !declared.contains(&rule) && !undeclared.contains(&rule) {
                undeclared.push(rule);
            }
        }
    }
    assert!(undeclared.is_empty(), "emitted but not declared in data/rules.toml: {undeclared:?}");
}

#[test]
fn leading_the_and_possessive_stay_outside() {
    let ex = EntityExtractor::new();
    let text = "She met the Chinese government's envoy and China's leader in the United States.";
    let found = run(&ex, text);
    let spans: Vec<&str> = found.iter().map(|e| &text[e.start..e.end]).collect();
    assert_eq!(spans, ["Chinese", "China", "the United States"], "{}", show(text, &found));
}

#[test]
fn short_names_resolve_within_a_document() {
    let ex = EntityExtractor::new();
    let text = "U.S. President Barack Obama spoke. Later, Obama left. Edward Snowden fled; \
                Snowden talked.";
    let found = run(&ex, text);
    let get = |s: &str| found.iter().find(|e| &text[e.start..e.end] == s).cloned();
    assert_eq!(get("Obama").unwrap().canonical, "Barack Obama");
    assert_eq!(get("Snowden").unwrap().canonical, "Edward Snowden");
    assert_eq!(get("U.S.").unwrap().canonical, "United States");
}

#[test]
fn acronyms_defined_in_text_get_the_expansion() {
    let ex = EntityExtractor::new();
    let text = "The Bureau of Industry and Security (BIS) acted. BIS said more.";
    let found = run(&ex, text);
    let bis: Vec<&Entity> = found.iter().filter(|e| &text[e.start..e.end] == "BIS").collect();
    assert_eq!(bis.len(), 2, "{}", show(text, &found));
    assert!(bis.iter().all(|e| e.canonical == "Bureau of Industry and Security"));
}

#[test]
fn seed_article() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/china-us-cyber-deal.txt");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: seed article not found at {path}");
        return;
    };
    let ex = EntityExtractor::new();
    let found = run(&ex, &text);
    let has = |name: &str, label: Label| {
        found.iter().any(|e| &text[e.start..e.end] == name && e.label == label)
    };
    for (name, label) in [
        ("Xi Jinping", Label::Person),
        ("Barack Obama", Label::Person),
        ("Edward Snowden", Label::Person),
        ("the People’s Liberation Army", Label::Org),
        ("PLA", Label::Org),
        // A country before a public body is part of its name, and so is a leading "the"
        // of a name of several words, as in OntoNotes.
        ("the U.S. Justice Department", Label::Org),
        ("China", Label::Gpe),
        ("the United States", Label::Gpe),
        ("Beijing", Label::Gpe),
        ("U.S.", Label::Gpe),
        ("Chinese", Label::Norp),
    ] {
        assert!(has(name, label), "seed: {name} {label} not found: [{}]", show(&text, &found));
    }
    let canon = |name: &str| -> HashSet<String> {
        found
            .iter()
            .filter(|e| &text[e.start..e.end] == name)
            .map(|e| e.canonical.clone())
            .collect()
    };
    assert_eq!(canon("PLA"), canon("the People’s Liberation Army"));
    assert_eq!(canon("U.S."), HashSet::from(["United States".to_string()]));
    for e in &found {
        let s = &text[e.start..e.end];
        assert!(!matches!(s, "Despite" | "First" | "Second" | "However"), "tagged {s:?}");
        // "the" only before names of several words, never a possessive inside.
        let one_word = !s.trim_start_matches("the ").contains(' ');
        assert!(!(s.starts_with("the ") && one_word), "{s:?}");
        assert!(!s.ends_with("’s") && !s.ends_with("'s"), "{s:?}");
    }
}

#[test]
fn user_rules_add_block_and_pattern() {
    let dir = std::env::temp_dir().join(format!("dossier-ent-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let toml = dir.join("r.toml");
    std::fs::write(
        &toml,
        "block = [\"Beijing\"]\n\n[[entry]]\nname = \"Zyxo Widgets\"\nlabel = \"ORG\"\n\
         canonical = \"Zyxo Widgets Ltd\"\naliases = [\"Zyxo\"]\n\n[[pattern]]\nid = \"ticket\"\n\
         label = \"LAW\"\nregex = 'Rule [0-9]+'\n",
    )
    .unwrap();
    let ex = EntityExtractor::with_rules(&toml).unwrap();
    let text = "In Beijing, Zyxo said Rule 42 applies to Zyxo Widgets.";
    let found = run(&ex, text);
    let spans: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|e| (&text[e.start..e.end], e.label.as_str(), e.canonical.as_str()))
        .collect();
    assert_eq!(
        spans,
        [
            ("Zyxo", "ORG", "Zyxo Widgets Ltd"),
            ("Rule 42", "LAW", "Rule 42"),
            ("Zyxo Widgets", "ORG", "Zyxo Widgets Ltd")
        ]
    );
    assert_eq!(found[1].rule, "user/ticket");
    let json = dir.join("r.json");
    std::fs::write(&json, "{\"entry\": [{\"name\": \"X\", \"label\": \"NOPE\"}]}").unwrap();
    let err = EntityExtractor::with_rules(&json).unwrap_err();
    assert!(matches!(err, crate::Error::Rule { line: 1, .. }), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn loads_quickly_and_is_send_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<EntityExtractor>();
    let t0 = std::time::Instant::now();
    let _ = EntityExtractor::new();
    // Generous in debug builds; release loads in a fraction of this.
    assert!(t0.elapsed().as_secs_f64() < 5.0);
}

#[test]
fn odd_inputs_do_not_panic() {
    let ex = EntityExtractor::new();
    for text in ["", " ", "U.", "’s", "A.B.C.D.E.F.G.", "“", "\"Titled “X", "é’s Ü.S. $", "$ 5 %"]
    {
        let _ = run(&ex, text);
        // Sentence ranges that are out of bounds or not on char boundaries are tolerated.
        let _ = ex.extract(text, &[0..text.len() + 5, 1..2]);
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn spans_are_valid_ordered_and_deterministic(
            text in "([A-Z][a-z]{0,6}|U\\.S\\.|the|of|and|’s|'s|“|”|\\(|\\)|[0-9]{1,3}|%|\\$|-|\\.|,|\n|é|中| ){0,40}"
        ) {
            let ex = EntityExtractor::new();
            let a = run(&ex, &text);
            let b = run(&ex, &text);
            prop_assert_eq!(&a, &b);
            let mut last = 0;
            for e in &a {
                prop_assert!(e.start < e.end && e.end <= text.len());
                prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
                prop_assert!(e.start >= last);
                last = e.end;
            }
        }
    }
}

/// Throughput over `../shared/bench/corpus` (one thread); run with
/// `cargo test --release --lib -- --ignored entity_speed --nocapture`.
#[test]
#[ignore]
fn entity_speed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/corpus");
    let Ok(rd) = std::fs::read_dir(dir) else {
        eprintln!("skipped: {dir} not found");
        return;
    };
    let t0 = std::time::Instant::now();
    let ex = EntityExtractor::new();
    let _ = run(&ex, "Warm up the U.S. rules: 5 percent.");
    println!("load: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    let texts: Vec<String> =
        rd.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect();
    let sentences: Vec<_> = texts.iter().map(|t| crate::text::sentences(t)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    // On-CPU time of this thread (Linux), which a busy machine does not inflate.
    let cpu_ns = || -> Option<f64> {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        s.split_whitespace().next()?.parse().ok()
    };
    let (t0, c0) = (std::time::Instant::now(), cpu_ns());
    let mut n = 0;
    for (t, s) in texts.iter().zip(&sentences) {
        n += ex.extract(t, s).len();
    }
    let secs = t0.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!("{} docs, {mb:.1} MB, {n} entities, {secs:.2} s, {:.1} MB/s", texts.len(), mb / secs);
    if let (Some(a), Some(b)) = (c0, cpu_ns()) {
        let cpu = (b - a) / 1e9;
        println!("on-CPU: {cpu:.2} s, {:.1} MB/s", mb / cpu);
    }
}

/// Prints the entities of the file named by `DOSSIER_SHOW`; run with `--ignored show_file
/// --nocapture`.
#[test]
#[ignore]
fn show_file() {
    let Ok(path) = std::env::var("DOSSIER_SHOW") else { return };
    let text = std::fs::read_to_string(path).unwrap();
    for e in run(&EntityExtractor::new(), &text) {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{:?}",
            e.start,
            &text[e.start..e.end],
            e.label,
            e.canonical,
            e.rule,
            e.country
        );
    }
}

#[test]
fn a_country_abbreviation_has_its_canonical_name() {
    let text = "Chinese President Xi Jinping met U.S. President Barack Obama.";
    let ex = EntityExtractor::new();
    let found = ex.extract(text, &crate::text::sentences(text));
    let us = found.iter().find(|e| &text[e.start..e.end] == "U.S.").unwrap();
    assert_eq!(us.canonical, "United States");
    assert_eq!(us.country.as_deref(), Some("US"));
}

//! Tagger-level tests: every rule's own examples and counter-examples, the seed article,
//! odd inputs, and a property test (never panics; spans in bounds, on char boundaries,
//! ordered, non-overlapping; deterministic output).

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::extract::{Dct, DctSource};

fn dct() -> Dct {
    Dct::known(NaiveDate::from_ymd_opt(2016, 5, 12).unwrap(), DctSource::Argument)
}

fn tag(text: &str, dct: Dct) -> (Dct, Vec<Timex>) {
    let sentences = crate::text::sentences(text);
    DateTagger::new().tag(text, &sentences, dct)
}

/// Parses "in [May 2014] => 2014-05" into (text, span, value).
fn parse_example(ex: &str) -> (String, Range<usize>, String) {
    let (text, value) = ex.rsplit_once(" => ").expect("example has ' => VALUE'");
    let open = text.find('[').expect("example has [");
    let close = text[open..].find(']').expect("example has ]") + open;
    let mut plain = String::new();
    plain.push_str(&text[..open]);
    plain.push_str(&text[open + 1..close]);
    plain.push_str(&text[close + 1..]);
    let plain = plain.replace(['[', ']'], "");
    (plain, open..close - 1, value.to_string())
}

#[test]
fn every_rule_runs_its_examples() {
    let mut failures = Vec::new();
    for rule in &RULES.rules {
        for ex in &rule.examples {
            let (text, span, value) = parse_example(ex);
            for shift in ["", " "] {
                let text = format!("{shift}{text}");
                let span = span.start + shift.len()..span.end + shift.len();
                let (_, got) = tag(&text, dct());
                let hit = got.iter().find(|t| t.start == span.start && t.end == span.end);
                match hit {
                    Some(t) if t.rule == rule.id && t.value == value => {}
                    _ => failures.push(format!(
                        "{}: {ex:?} got {:?}",
                        rule.id,
                        got.iter()
                            .map(|t| (&text[t.start..t.end], t.value.as_str(), t.rule.as_ref()))
                            .collect::<Vec<_>>()
                    )),
                }
            }
        }
        for ex in &rule.counter {
            let (_, got) = tag(ex, dct());
            if let Some(t) = got.iter().find(|t| t.rule == rule.id) {
                failures.push(format!(
                    "{}: counter-example {ex:?} fired on {:?}",
                    rule.id,
                    &ex[t.start..t.end]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn seed_article_resolves_against_an_inferred_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/china-us-cyber-deal.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let (dct, got) = tag(&text, Dct::none());
    assert_eq!(dct.source, DctSource::Inferred);
    assert_eq!(dct.value.as_deref(), Some("2016"));
    let find = |needle: &str| -> Vec<&str> {
        got.iter().filter(|t| &text[t.start..t.end] == needle).map(|t| t.value.as_str()).collect()
    };
    assert!(find("May").iter().all(|v| *v == "2016-05"), "{:?}", find("May"));
    assert!(!find("May").is_empty());
    assert!(find("April").iter().all(|v| *v == "2016-04"), "{:?}", find("April"));
    assert_eq!(find("This year"), ["2016"]);
    assert_eq!(find("May of last year"), ["2015-05"]);
    for (needle, value) in [
        ("September 2015", "2015-09"),
        ("May 2014", "2014-05"),
        ("June 2016", "2016-06"),
        ("2013", "2013"),
    ] {
        assert!(find(needle).contains(&value), "{needle}: {:?}", find(needle));
    }
}

#[test]
fn ranges_give_two_timexes() {
    let text = "from May to June 2016, and in 2015-2016.";
    let (_, got) = tag(text, dct());
    let v: Vec<_> = got.iter().map(|t| (&text[t.start..t.end], t.value.as_str())).collect();
    assert_eq!(
        v,
        [("May", "2016-05"), ("June 2016", "2016-06"), ("2015", "2015"), ("2016", "2016")]
    );
}

#[test]
fn odd_dates_have_documented_results() {
    let cases = [
        ("on Feb 30, 2015", "Feb 30, 2015", Some("2015-02")),
        ("in June 1215 the barons", "June 1215", Some("1215-06")),
        ("ratio 13/14/2015 here", "", None),
        ("in 2300 maybe", "", None),
    ];
    for (text, span, value) in cases {
        let (_, got) = tag(text, dct());
        match value {
            Some(v) => {
                let t = got.iter().find(|t| &text[t.start..t.end] == span).expect(text);
                assert_eq!(t.value, v, "{text}");
            }
            None => {
                assert!(got.iter().all(|t| t.value != "2015" || t.start > 20), "{text}: {got:?}")
            }
        }
    }
}

#[test]
fn underspecified_dates_near_the_dct() {
    let d = Dct::known(NaiveDate::from_ymd_opt(1989, 10, 27).unwrap(), DctSource::Argument);
    for (text, span, value) in [
        (
            "The thrift announced the plan Aug. 21. Among other reasons, fees rose.",
            "Aug. 21",
            "1989-08-21",
        ),
        ("Mr. Schwarz will succeed Daniel P. Davison Feb. 1, soon after.", "Feb. 1", "1990-02-01"),
        ("The pact is effective June 1.", "June 1", "1990-06-01"),
    ] {
        let (_, got) = tag(text, d.clone());
        let t = got.iter().find(|t| &text[t.start..t.end] == span).expect(text);
        assert_eq!(t.value, value, "{text}");
    }
}

#[test]
fn no_dates_no_dct() {
    let (dct, got) = tag("Nothing here at all.", Dct::none());
    assert_eq!(dct.source, DctSource::None);
    assert!(got.is_empty());
}

#[test]
fn calendar_ranges_are_set() {
    let (_, got) = tag("in September 2015", dct());
    let (a, b) = got[0].range.unwrap();
    assert_eq!((a.to_string(), b.to_string()), ("2015-09-01".into(), "2015-09-30".into()));
    let (_, got) = tag("for five years", dct());
    assert_eq!(got[0].range, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics_and_spans_are_sane(
        text in "(?:[ a-zA-Z0-9.,'/:-]|é|’|May|June|Friday|last|year|ago|2015|30|p\\.m\\.| the | of | 1/2 ){0,40}",
        with_dct in any::<bool>(),
    ) {
        let d = if with_dct { dct() } else { Dct::none() };
        let (_, a) = tag(&text, d.clone());
        let (_, b) = tag(&text, d);
        prop_assert_eq!(&a, &b);
        check_spans(&text, &a)?;
    }

    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,300}") {
        let (_, a) = tag(&text, dct());
        check_spans(&text, &a)?;
        let (_, b) = tag(&text, Dct::none());
        check_spans(&text, &b)?;
    }
}

fn check_spans(text: &str, found: &[Timex]) -> Result<(), TestCaseError> {
    let mut last = 0;
    for t in found {
        prop_assert!(t.start < t.end && t.end <= text.len());
        prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        prop_assert!(t.start >= last);
        last = t.end;
    }
    Ok(())
}

/// Speed check, run by hand on a release build:
/// `cargo test --release --lib dates_speed -- --ignored --nocapture` (tags the benchmark
/// corpus, one core, sentence splitting not timed).
#[test]
#[ignore]
fn dates_speed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} not found", dir.display());
        return;
    };
    let mut docs = Vec::new();
    for e in entries.flatten() {
        if let Ok(text) = std::fs::read_to_string(e.path()) {
            let sentences = crate::text::sentences(&text);
            docs.push((text, sentences));
        }
    }
    let t = std::time::Instant::now();
    let tagger = DateTagger::new();
    println!("rules compiled in {:.3} s", t.elapsed().as_secs_f64());
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    let t0 = std::time::Instant::now();
    let mut n = 0;
    for (text, sentences) in &docs {
        n += tagger.tag(text, sentences, Dct::none()).1.len();
    }
    let s = t0.elapsed().as_secs_f64();
    let t1 = std::time::Instant::now();
    let found: usize = docs.iter().map(|(t, _)| RULES.find_all(t).len()).sum();
    println!("matching alone: {found} matches, {:.3} s", t1.elapsed().as_secs_f64());
    println!(
        "{} docs, {bytes} bytes, {n} timexes, {:.3} s, {:.1} MB/s",
        docs.len(),
        s,
        bytes as f64 / 1e6 / s
    );
}

#[test]
fn a_month_and_a_relative_one() {
    let tagger = DateTagger::new();
    let text = "The deal was signed in September 2015. Talks resumed last month.";
    let sentences = crate::text::sentences(text);
    let dct = Dct::known(NaiveDate::from_ymd_opt(2016, 5, 12).unwrap(), DctSource::Argument);
    let (_, dates) = tagger.tag(text, &sentences, dct);
    let values: Vec<_> = dates.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["2015-09", "2016-04"]);
}

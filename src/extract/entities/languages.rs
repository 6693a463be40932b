//! Languages named by a nationality word: "taught in Portuguese", "speaks Danish and
//! Dutch", "Welsh-language radio". OntoNotes labels them LANGUAGE, which the extractor
//! does not emit, so they are no NORP.

use super::Mention;
use crate::extract::Label;

/// Words after which a nationality word alone names a language.
const BEFORE_LANGUAGE: &[&str] = &[
    "in", "into", "learn", "learned", "learning", "learns", "speak", "speaking", "speaks", "spoke",
    "spoken", "studied", "study", "taught", "teach", "teaches",
];

/// Drops the NORP mentions of `ms` (sorted, not overlapping) that name a language.
pub(crate) fn drop_languages(text: &str, ms: &mut Vec<Mention>) {
    if !ms.iter().any(|m| m.label == Label::Norp) {
        return;
    }
    let mut last_language: Option<usize> = None;
    ms.retain(|m| {
        if m.label != Label::Norp || text[m.start..m.end].contains(' ') {
            return true;
        }
        let rest = &text[m.end..];
        let before = text[..m.start].trim_end_matches(' ');
        let prev = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        // "Portuguese-language", "Welsh language", "Danish-speaking".
        let marked = ["-language", " language", "-speaking", "-speakers"]
            .iter()
            .any(|w| rest.strip_prefix(w).is_some_and(|r| !r.starts_with(char::is_alphabetic)));
        let bare = no_noun_after(rest);
        let after_verb = BEFORE_LANGUAGE.contains(&prev);
        // The second of a pair: "in Danish and Dutch".
        let paired = matches!(prev, "and" | "or")
            && last_language.is_some_and(|end| {
                text[end..m.start].trim_matches(' ').trim_end_matches(prev).trim() == ""
            });
        let language = marked || (bare && (after_verb || paired));
        if language {
            last_language = Some(m.end);
        }
        !language
    });
}

/// True when no noun follows a word whose text goes on with `rest`: "in Portuguese.",
/// "speaks Danish and Dutch, ..." (not "in Danish and Dutch ports").
fn no_noun_after(rest: &str) -> bool {
    // "in Danish-owned firms": a compound.
    if rest.starts_with(['-', '/']) {
        return false;
    }
    let next = rest.trim_start_matches(' ');
    if !next.starts_with(char::is_alphanumeric) {
        return true;
    }
    let Some(pair) = next.strip_prefix("and ").or_else(|| next.strip_prefix("or ")) else {
        return false;
    };
    let word = pair.find(|c: char| !c.is_alphabetic() && c != '-').unwrap_or(pair.len());
    !pair[word..].trim_start_matches(' ').starts_with(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::RuleId;

    fn run(text: &str, words: &[&str]) -> Vec<String> {
        let mut ms: Vec<Mention> = words
            .iter()
            .map(|w| {
                let s = text.find(w).unwrap();
                Mention::new(
                    s,
                    s + w.len(),
                    Label::Norp,
                    w.to_string(),
                    RuleId::Borrowed("x"),
                    None,
                )
            })
            .collect();
        drop_languages(text, &mut ms);
        ms.iter().map(|m| text[m.start..m.end].to_string()).collect::<Vec<_>>()
    }

    #[test]
    fn languages_are_no_people() {
        assert!(run("classes taught in Portuguese.", &["Portuguese"]).is_empty());
        assert!(run("she speaks Danish and Dutch, he", &["Danish", "Dutch"]).is_empty());
        assert!(run("a Welsh-language station", &["Welsh"]).is_empty());
    }

    #[test]
    fn nationalities_stay() {
        assert_eq!(run("in Portuguese cities", &["Portuguese"]), ["Portuguese"]);
        assert_eq!(run("in Danish-owned firms", &["Danish"]), ["Danish"]);
        assert_eq!(run("the Danish said no.", &["Danish"]), ["Danish"]);
        assert_eq!(
            run("officials in Danish and Dutch ports", &["Danish", "Dutch"]),
            ["Danish", "Dutch"]
        );
    }
}

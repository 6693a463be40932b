//! The page's title without the site name that pages add to it ("Headline | Site",
//! "Site – Headline").
//!
//! A segment is cut at a separator (`|`, `-`, `–`, `—`, `·`, `::`, `»`) when it is the
//! site's name (`og:site_name`), or when the rest is what another source of the title
//! says (the `<h1>`, the other of `og:title` and `<title>`), or, failing those, when the
//! last segment is a short name after a much longer headline.

use scraper::{Html, Selector};

use super::text::clean;

/// Separators between a headline and a site name, with the spaces around them.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " « ", " • "];

/// The last segment is a site name when it has at most this many words...
const NAME_WORDS: usize = 4;
/// ...and the headline before it has at least this many.
const HEADLINE_WORDS: usize = 4;

/// Chooses the title from `og:title`, `<title>` and the first `<h1>`.
pub(super) fn choose(html: &Html, og: Option<&str>, site: Option<&str>) -> Option<String> {
    let first_text = |sel: &str| {
        let s = Selector::parse(sel).expect("valid selector");
        html.select(&s).map(|e| clean(&e.text().collect::<String>())).find(|t| !t.is_empty())
    };
    let og = og.map(clean).filter(|t| !t.is_empty());
    let head = first_text("title");
    let h1 = first_text("h1");
    let base = og.clone().or_else(|| head.clone()).or_else(|| h1.clone())?;
    let others: Vec<&str> = [og.as_deref(), head.as_deref(), h1.as_deref()]
        .into_iter()
        .flatten()
        .filter(|t| *t != base)
        .collect();
    Some(strip_site(&base, site, &others))
}

/// Removes a site name from `title`; `others` are other versions of the title.
pub(super) fn strip_site(title: &str, site: Option<&str>, others: &[&str]) -> String {
    let cuts: Vec<(usize, usize)> = SEPARATORS
        .iter()
        .flat_map(|sep| title.match_indices(sep).map(|(i, s)| (i, i + s.len())))
        .collect();
    if cuts.is_empty() {
        return title.to_string();
    }
    if let Some(site) = site.map(normalize).filter(|s| !s.is_empty()) {
        for &(start, end) in &cuts {
            if normalize(&title[end..]) == site {
                return title[..start].trim().to_string();
            }
            if normalize(&title[..start]) == site {
                return title[end..].trim().to_string();
            }
        }
    }
    for &(start, end) in &cuts {
        for part in [&title[..start], &title[end..]] {
            let part = part.trim();
            if others.iter().any(|o| normalize(o) == normalize(part)) {
                return part.to_string();
            }
        }
    }
    let &(start, end) = cuts.iter().max_by_key(|c| c.0).expect("not empty");
    let (head, tail) = (&title[..start], &title[end..]);
    if tail.split_whitespace().count() <= NAME_WORDS
        && head.split_whitespace().count() >= HEADLINE_WORDS
    {
        return head.trim().to_string();
    }
    title.to_string()
}

/// Lower case, letters and digits only, for comparing titles.
fn normalize(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_names() {
        let cases: &[(&str, Option<&str>, &[&str], &str)] = &[
            ("Budget deal reached | The Ledger", Some("The Ledger"), &[], "Budget deal reached"),
            ("The Ledger – Budget deal reached", Some("The Ledger"), &[], "Budget deal reached"),
            // The h1 says where the headline ends.
            (
                "Talks fail - again - Daily Post",
                None,
                &["Talks fail - again"],
                "Talks fail - again",
            ),
            // A short name after a longer headline.
            (
                "Ministers agree on new grid rules - Energy Wire",
                None,
                &[],
                "Ministers agree on new grid rules",
            ),
            // A hyphen inside a short headline is not a site separator.
            ("Left - Right", None, &[], "Left - Right"),
            ("No separator here", Some("Site"), &[], "No separator here"),
        ];
        for (title, site, others, want) in cases {
            assert_eq!(strip_site(title, *site, others), *want, "{title}");
        }
    }
}

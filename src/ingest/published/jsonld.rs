//! Dates in JSON-LD (`<script type="application/ld+json">`): `datePublished`,
//! `dateCreated`, `uploadDate` and `dateModified` of the page's objects, also inside
//! `@graph` and arrays. Broken JSON (raw line breaks in strings, comments, trailing
//! commas, two objects in one script) is mended where cheap, else scanned for the keys.

use serde_json::Value;

/// Which date a JSON-LD key gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    /// `datePublished`.
    Published,
    /// `dateCreated`, `uploadDate`: a publication date of a lesser kind.
    Created,
    /// `dateModified`.
    Modified,
}

/// A date string from JSON-LD, with how much its object looks like the page's article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Which key.
    pub key: Key,
    /// The raw value.
    pub value: String,
    /// 0 for an article or post, 1 for a web page or an object without a type, 2 for
    /// anything else (an image, a video, a comment, a person).
    pub rank: u8,
}

/// The date entries of one JSON-LD script, in document order.
pub fn entries(src: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    if let Some(v) = parse(src) {
        walk(&v, 1, 0, &mut out);
    } else {
        scan(src, &mut out);
    }
    out
}

fn parse(src: &str) -> Option<Value> {
    let src = src.trim();
    let src = src.strip_prefix("<!--").unwrap_or(src);
    let src = src.strip_suffix("-->").unwrap_or(src);
    if let Ok(v) = serde_json::from_str(src) {
        return Some(v);
    }
    // Raw control characters inside strings are the usual fault; then trailing commas.
    let mended: String = src.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if let Ok(v) = serde_json::from_str(&mended) {
        return Some(v);
    }
    let mended = drop_trailing_commas(&mended);
    if let Ok(v) = serde_json::from_str(&mended) {
        return Some(v);
    }
    // Several values one after another.
    let values: Vec<Value> = serde_json::Deserializer::from_str(&mended)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect();
    if values.is_empty() {
        None
    } else {
        Some(Value::Array(values))
    }
}

/// Removes commas that stand before `}` or `]` (outside strings).
fn drop_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The rank of an object from its `@type` (a string or a list).
fn rank_of(obj: &serde_json::Map<String, Value>, inherited: u8) -> u8 {
    let types: Vec<&str> = match obj.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => return inherited,
    };
    let is = |words: &[&str]| types.iter().any(|t| words.iter().any(|w| t.contains(w)));
    if is(&["Article", "Posting", "Report", "NewsArticle", "Blog", "Recipe", "Review", "Story"]) {
        0
    } else if is(&["WebPage", "Page", "CreativeWork", "Event"]) {
        1
    } else {
        2
    }
}

/// Keys under which other things than the page's own content are described.
fn is_foreign(key: &str) -> bool {
    matches!(
        key,
        "comment"
            | "review"
            | "itemListElement"
            | "relatedLink"
            | "hasPart"
            | "isPartOf"
            | "citation"
            | "subjectOf"
            | "author"
            | "publisher"
            | "image"
            | "video"
            | "associatedMedia"
    )
}

fn walk(v: &Value, rank: u8, depth: usize, out: &mut Vec<Entry>) {
    if depth > 20 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| walk(x, rank, depth + 1, out)),
        Value::Object(obj) => {
            let rank = rank_of(obj, rank);
            for (k, x) in obj {
                let key = match k.as_str() {
                    "datePublished" => Some(Key::Published),
                    "dateCreated" | "uploadDate" => Some(Key::Created),
                    "dateModified" => Some(Key::Modified),
                    _ => None,
                };
                match (key, x) {
                    (Some(key), Value::String(s)) => {
                        out.push(Entry { key, value: s.clone(), rank });
                    }
                    (Some(key), Value::Array(a)) => {
                        if let Some(s) = a.iter().find_map(Value::as_str) {
                            out.push(Entry { key, value: s.to_string(), rank });
                        }
                    }
                    (None, Value::Object(_) | Value::Array(_)) => {
                        // The page's article may sit under @graph or mainEntity; other
                        // nested things are not the page.
                        let nested = if is_foreign(k) { 2 } else { rank.max(1) };
                        let nested = if k == "@graph" || k == "mainEntity" { 1 } else { nested };
                        walk(x, nested, depth + 1, out);
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Reads `"datePublished": "..."` and its kin from text that is not valid JSON.
fn scan(src: &str, out: &mut Vec<Entry>) {
    for (name, key) in [
        ("\"datePublished\"", Key::Published),
        ("\"dateCreated\"", Key::Created),
        ("\"uploadDate\"", Key::Created),
        ("\"dateModified\"", Key::Modified),
    ] {
        for (at, _) in src.match_indices(name) {
            let rest = src[at + name.len()..].trim_start();
            let Some(rest) = rest.strip_prefix(':') else { continue };
            let Some(rest) = rest.trim_start().strip_prefix('"') else { continue };
            let value: String = rest.chars().take_while(|&c| c != '"').take(64).collect();
            out.push(Entry { key, value, rank: 1 });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(src: &str) -> Vec<(Key, String, u8)> {
        entries(src).into_iter().map(|e| (e.key, e.value, e.rank)).collect()
    }

    #[test]
    fn article_in_a_graph() {
        let src = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Town News"},
            {"@type":"WebPage","datePublished":"2021-03-01T08:00:00+00:00"},
            {"@type":["NewsArticle"],"datePublished":"2021-03-02T09:00:00+01:00",
             "dateModified":"2021-03-04","image":{"@type":"ImageObject","uploadDate":"2020-01-01"}}
        ]}"#;
        let got = pairs(src);
        assert!(got.contains(&(Key::Published, "2021-03-02T09:00:00+01:00".into(), 0)));
        assert!(got.contains(&(Key::Published, "2021-03-01T08:00:00+00:00".into(), 1)));
        assert!(got.contains(&(Key::Modified, "2021-03-04".into(), 0)));
        assert!(got.contains(&(Key::Created, "2020-01-01".into(), 2)));
    }

    #[test]
    fn broken_json_is_mended_or_scanned() {
        let src = "{\"@type\": \"BlogPosting\", \"headline\": \"two\nlines\", \
                   \"datePublished\": \"2020-06-07\",}";
        assert_eq!(pairs(src), vec![(Key::Published, "2020-06-07".into(), 0)]);
        let src = r#"{"@type": "Article", "datePublished": "2020-06-07", "x": [unquoted}"#;
        assert_eq!(pairs(src), vec![(Key::Published, "2020-06-07".into(), 1)]);
        let src = r#"{"@type":"Article","datePublished":"2020-06-07"}{"@type":"Person"}"#;
        assert_eq!(pairs(src), vec![(Key::Published, "2020-06-07".into(), 0)]);
    }
}

//! Elasticsearch and OpenSearch: a `_bulk` request body and an index mapping for
//! [`SearchDoc`]s.
//!
//! Each document is two lines: an `index` action naming a deterministic `_id` (the
//! dossier id, so re-sending an export replaces documents instead of duplicating them),
//! then the document. The index is named in the request URL, not in the file.

use serde_json::{json, Value};

use super::quickwit::{label_field, SearchDoc};
use crate::extract::Label;

/// Longest `_id` Elasticsearch accepts, in bytes.
const MAX_ID_BYTES: usize = 512;

/// The `_id` of a document: its dossier id, or `blake3:` and a hash of it when the id is
/// too long for Elasticsearch.
pub fn elastic_id(id: &str) -> String {
    if id.len() <= MAX_ID_BYTES {
        id.to_string()
    } else {
        format!("blake3:{}", blake3::hash(id.as_bytes()).to_hex())
    }
}

/// The two `_bulk` lines of `doc`, each ending with a newline.
pub fn bulk_lines(doc: &SearchDoc) -> serde_json::Result<Vec<u8>> {
    let mut out = serde_json::to_vec(&json!({"index": {"_id": elastic_id(&doc.id)}}))?;
    out.push(b'\n');
    serde_json::to_writer(&mut out, doc)?;
    out.push(b'\n');
    Ok(out)
}

/// The index settings and mapping (`PUT /INDEX` body): `english` analyzer on title and
/// body, `keyword` for ids, sources, entities and dates, `date` for `published`.
pub fn elastic_mapping() -> Value {
    let keyword = json!({"type": "keyword"});
    let english = json!({"type": "text", "analyzer": "english"});
    let mut properties = serde_json::Map::new();
    properties.insert("id".into(), keyword.clone());
    properties.insert("title".into(), english.clone());
    properties.insert("body".into(), english);
    properties
        .insert("published".into(), json!({"type": "date", "format": "strict_date_optional_time"}));
    for name in ["published_from", "source", "url", "author", "dates", "countries"] {
        properties.insert(name.into(), keyword.clone());
    }
    for label in Label::ALL {
        properties.insert(label_field(label).into(), keyword.clone());
    }
    json!({"mappings": {"dynamic": "strict", "properties": properties}})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::quickwit::PublishedFrom;

    fn doc(id: &str) -> SearchDoc {
        SearchDoc {
            id: id.into(),
            title: "T".into(),
            body: "line one\nline \"two\"".into(),
            published: "2016-05-12T00:00:00Z".into(),
            published_from: PublishedFrom::Metadata,
            source: "s".into(),
            url: None,
            author: None,
            person: vec!["Xi Jinping".into()],
            norp: vec![],
            org: vec![],
            gpe: vec![],
            loc: vec![],
            fac: vec![],
            event: vec![],
            law: vec![],
            money: vec![],
            percent: vec![],
            dates: vec![],
            countries: vec![],
        }
    }

    #[test]
    fn bulk_is_an_action_line_then_a_source_line() {
        let bytes = bulk_lines(&doc("cyber/a")).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(text.ends_with('\n'));
        let action: Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(action, json!({"index": {"_id": "cyber/a"}}));
        let source: Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(source["person"][0], "Xi Jinping");
    }

    #[test]
    fn long_ids_are_hashed_deterministically() {
        let long = "x".repeat(600);
        assert_eq!(elastic_id(&long), elastic_id(&long));
        assert!(elastic_id(&long).len() < MAX_ID_BYTES);
    }

    #[test]
    fn mapping_covers_every_document_field() {
        let mapping = elastic_mapping();
        let props = mapping["mappings"]["properties"].as_object().unwrap();
        let mut d = doc("a");
        d.url = Some("u".into());
        d.author = Some("a".into());
        for field in serde_json::to_value(&d).unwrap().as_object().unwrap().keys() {
            assert!(props.contains_key(field), "{field} not mapped");
        }
        assert_eq!(props["body"]["analyzer"], "english");
        assert_eq!(props["gpe"]["type"], "keyword");
        assert_eq!(props["published"]["type"], "date");
    }
}

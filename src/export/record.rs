//! The record contract (`RECORDS.md`): what `dossier extract` prints and the index stores.
//!
//! Offsets here are Unicode code point offsets, end exclusive, as Python's `str` uses.

use serde::{Deserialize, Serialize};

use crate::document::{DateSource, Document};
use crate::extract::{DctSource, Extraction, Label, TimexType};
use crate::text::{sentence_of, CharIndex};

/// A record followed by the text its offsets point into (`export records --text`): the
/// record's fields and one more, `text`.
#[derive(Debug, Clone, Serialize)]
pub struct RecordWithText<'a> {
    /// The record.
    #[serde(flatten)]
    pub record: &'a Record,
    /// The document's text; entity and date offsets are code points into it.
    pub text: &'a str,
}

/// One document's record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Document id.
    pub id: String,
    /// Where it came from.
    pub source: String,
    /// Title.
    pub title: Option<String>,
    /// Published date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The number of pages, for paged formats (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    /// URL or publication, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Author, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Where `published` came from (`front-matter`, `json-ld`, `dateline`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_source: Option<DateSource>,
    /// The date the document says it was last modified, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The file format the document was read from (`txt`, `md`, `html`, `jsonl`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// ISO 639-1 code of the document's language, when detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The language detector's confidence in `lang`, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang_confidence: Option<f64>,
    /// The anchor for relative dates.
    pub dct: DctRecord,
    /// Entity mentions, in text order.
    pub entities: Vec<EntityMention>,
    /// Temporal expressions, in text order.
    pub dates: Vec<DateMention>,
    /// True when entities and dates were extracted from the first part of the text only
    /// (the text is longer than `ingest --max-extract-size`); absent when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// The document creation time of a record (by default none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DctRecord {
    /// `2016-05-12`, `2016-05`, `2016`, or null.
    pub value: Option<String>,
    /// `metadata`, `argument`, `inferred` or `none`.
    pub source: DctSource,
}

impl Default for DctRecord {
    fn default() -> Self {
        DctRecord { value: None, source: DctSource::None }
    }
}

/// One entity mention in a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// OntoNotes label.
    pub label: Label,
    /// Corpus-wide name.
    pub canonical: String,
    /// Zero-based sentence index.
    pub sentence: usize,
    /// The rule that produced it.
    pub rule: String,
    /// ISO 3166-1 alpha-2 code, for countries and nationalities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The 1-based page it is on, for paged formats (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
}

/// One temporal expression in a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// Zero-based sentence index.
    pub sentence: usize,
    /// The rule that produced it.
    pub rule: String,
    /// First and last day the value covers (`YYYY-MM-DD`), where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[String; 2]>,
    /// The 1-based page it is on, for paged formats (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
}

impl Record {
    /// Builds the record of `doc` from what extraction found in its text.
    pub fn new(doc: &Document, ex: &Extraction) -> Record {
        let text = doc.text.as_str();
        let mut chars = CharIndex::new(text);
        let entities = ex
            .entities
            .iter()
            .map(|e| {
                let start = chars.get(e.start);
                EntityMention {
                    start,
                    end: chars.get(e.end),
                    page: doc.page_at(start),
                    text: text[e.start..e.end].to_string(),
                    label: e.label,
                    canonical: e.canonical.clone(),
                    sentence: sentence_of(&ex.sentences, e.start),
                    rule: e.rule.to_string(),
                    country: e.country.clone(),
                }
            })
            .collect();
        let dates = ex
            .dates
            .iter()
            .map(|t| {
                let start = chars.get(t.start);
                DateMention {
                    start,
                    end: chars.get(t.end),
                    page: doc.page_at(start),
                    text: text[t.start..t.end].to_string(),
                    kind: t.kind,
                    value: t.value.clone(),
                    sentence: sentence_of(&ex.sentences, t.start),
                    rule: t.rule.to_string(),
                    range: t.range.map(|(a, b)| [a.to_string(), b.to_string()]),
                }
            })
            .collect();
        Record {
            id: doc.id.clone(),
            source: doc.source.clone(),
            title: doc.title.clone(),
            published: doc.published.map(|d| d.to_string()),
            pages: (!doc.pages.is_empty()).then_some(doc.pages.len()),
            url: doc.url.clone(),
            author: doc.author.clone(),
            published_source: doc.published_source,
            modified: doc.modified.map(|d| d.to_string()),
            format: doc.format.map(String::from),
            lang: doc.lang.map(String::from),
            lang_confidence: doc.lang_confidence.map(|c| (c * 1000.0).round() / 1000.0),
            dct: DctRecord { value: ex.dct.value.clone(), source: ex.dct.source },
            entities,
            dates,
            truncated: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Dct, Entity, Timex};

    #[test]
    fn offsets_are_code_points() {
        let doc = Document::new("d", "“Xi” met Obama in May 2014.");
        let text = doc.text.as_str();
        let xi = text.find("Xi").unwrap();
        let may = text.find("May").unwrap();
        let ex = Extraction {
            dct: Dct::none(),
            sentences: std::iter::once(0..text.len()).collect(),
            entities: vec![Entity {
                start: xi,
                end: xi + 2,
                label: Label::Person,
                canonical: "Xi Jinping".into(),
                rule: "person/known".into(),
                country: None,
            }],
            dates: vec![Timex {
                start: may,
                end: may + 8,
                kind: TimexType::Date,
                value: "2014-05".into(),
                rule: "date/month-year".into(),
                range: None,
            }],
        };
        let r = Record::new(&doc, &ex);
        let chars: Vec<char> = text.chars().collect();
        let e = &r.entities[0];
        assert_eq!((e.start, e.end), (1, 3));
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
        let d = &r.dates[0];
        assert_eq!(chars[d.start..d.end].iter().collect::<String>(), "May 2014");
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["dates"][0]["type"], "DATE");
        assert_eq!(json["entities"][0]["label"], "PERSON");
        assert_eq!(json["dct"]["source"], "none");
    }

    #[test]
    fn mentions_carry_their_page_only_in_paged_documents() {
        let mut doc = Document::new("d", "Page one.\n\nMay 2014 on page two.");
        let may = doc.text.find("May").unwrap();
        let ex = Extraction {
            dct: Dct::none(),
            sentences: std::iter::once(0..doc.text.len()).collect(),
            entities: vec![],
            dates: vec![Timex {
                start: may,
                end: may + 8,
                kind: TimexType::Date,
                value: "2014-05".into(),
                rule: "date/month-year".into(),
                range: None,
            }],
        };
        let json = serde_json::to_value(Record::new(&doc, &ex)).unwrap();
        assert!(json["dates"][0].get("page").is_none() && json.get("pages").is_none());
        doc.pages = vec![0, 11];
        let r = Record::new(&doc, &ex);
        assert_eq!((r.dates[0].page, r.pages), (Some(2), Some(2)));
        doc.pages = vec![0, 12];
        assert_eq!(Record::new(&doc, &ex).dates[0].page, Some(1));
    }
}

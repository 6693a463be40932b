//! Documents for search engines that run on more than one machine, and Quickwit's index
//! configuration for them.
//!
//! [`SearchDoc`] is one flat JSON object per document: the text fields, `published` as an
//! RFC 3339 timestamp, one array of canonical names per entity label (`person`, `org`,
//! ...; the same names as the `dossier search` fields), the calendar dates mentioned and
//! the ISO country codes. The `id` is the dossier document id, so exports are repeatable:
//! Quickwit has no upsert, so a document is replaced by deleting its `id` and ingesting
//! it again (see `docs/EXPORTS.md`).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Serialize;

use super::Record;
use crate::extract::{Label, TimexType};

/// Where a [`SearchDoc`]'s `published` timestamp came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedFrom {
    /// The document's published date.
    Metadata,
    /// The document creation time dossier inferred or was given (first day of it).
    Dct,
    /// Nothing known: the Unix epoch stands in, since the timestamp field is required.
    None,
}

/// One document, flat, as Quickwit and Elasticsearch ingest it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchDoc {
    /// Dossier document id (stable across exports).
    pub id: String,
    /// Title, or the id when the document has none.
    pub title: String,
    /// Full text.
    pub body: String,
    /// RFC 3339 timestamp, UTC (`2016-05-12T00:00:00Z`).
    pub published: String,
    /// Where `published` came from.
    pub published_from: PublishedFrom,
    /// Where the document came from.
    pub source: String,
    /// URL or publication, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Author, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Canonical names of `PERSON` entities, sorted, distinct.
    pub person: Vec<String>,
    /// `NORP` entities.
    pub norp: Vec<String>,
    /// `ORG` entities.
    pub org: Vec<String>,
    /// `GPE` entities.
    pub gpe: Vec<String>,
    /// `LOC` entities.
    pub loc: Vec<String>,
    /// `FAC` entities.
    pub fac: Vec<String>,
    /// `EVENT` entities.
    pub event: Vec<String>,
    /// `LAW` entities.
    pub law: Vec<String>,
    /// `MONEY` amounts as written.
    pub money: Vec<String>,
    /// `PERCENT` amounts as written.
    pub percent: Vec<String>,
    /// TIMEX3 values of the calendar dates mentioned (`2015-09`), sorted, distinct.
    pub dates: Vec<String>,
    /// ISO 3166-1 alpha-2 codes of the countries and nationalities mentioned.
    pub countries: Vec<String>,
}

/// The field name of a label in [`SearchDoc`].
pub fn label_field(label: Label) -> &'static str {
    match label {
        Label::Person => "person",
        Label::Norp => "norp",
        Label::Org => "org",
        Label::Gpe => "gpe",
        Label::Loc => "loc",
        Label::Fac => "fac",
        Label::Event => "event",
        Label::Law => "law",
        Label::Money => "money",
        Label::Percent => "percent",
    }
}

/// `2016`, `2016-05` or `2016-05-12` as midnight UTC of its first day.
fn timestamp(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    if !ok {
        return None;
    }
    let (y, m, d) = (parts[0], parts.get(1).unwrap_or(&"01"), parts.get(2).unwrap_or(&"01"));
    Some(format!("{y}-{m}-{d}T00:00:00Z"))
}

impl SearchDoc {
    /// The flat document of `record`, whose text is `body`.
    pub fn new(record: &Record, body: &str) -> SearchDoc {
        let mut by_label: [BTreeSet<&str>; 10] = Default::default();
        let mut countries = BTreeSet::new();
        for e in &record.entities {
            let i = Label::ALL.iter().position(|l| *l == e.label).unwrap_or(0);
            let name = if matches!(e.label, Label::Money | Label::Percent) {
                &e.text
            } else {
                &e.canonical
            };
            by_label[i].insert(name.as_str());
            if let Some(c) = &e.country {
                countries.insert(c.as_str());
            }
        }
        let dates: BTreeSet<&str> = record
            .dates
            .iter()
            .filter(|d| d.kind == TimexType::Date && d.range.is_some())
            .map(|d| d.value.as_str())
            .collect();
        let (published, published_from) = match (
            record.published.as_deref().and_then(timestamp),
            record.dct.value.as_deref().and_then(timestamp),
        ) {
            (Some(p), _) => (p, PublishedFrom::Metadata),
            (None, Some(d)) => (d, PublishedFrom::Dct),
            (None, None) => ("1970-01-01T00:00:00Z".to_string(), PublishedFrom::None),
        };
        let list = |set: &BTreeSet<&str>| set.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        SearchDoc {
            id: record.id.clone(),
            title: record.title.clone().unwrap_or_else(|| record.id.clone()),
            body: body.to_string(),
            published,
            published_from,
            source: record.source.clone(),
            url: record.url.clone(),
            author: record.author.clone(),
            person: list(&by_label[0]),
            norp: list(&by_label[1]),
            org: list(&by_label[2]),
            gpe: list(&by_label[3]),
            loc: list(&by_label[4]),
            fac: list(&by_label[5]),
            event: list(&by_label[6]),
            law: list(&by_label[7]),
            money: list(&by_label[8]),
            percent: list(&by_label[9]),
            dates: list(&dates),
            countries: list(&countries),
        }
    }
}

/// The Quickwit index configuration (YAML, format version 0.8) for [`SearchDoc`]s in an
/// index named `index_id`.
pub fn quickwit_index_config(index_id: &str) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "# Quickwit index for documents exported by `dossier export quickwit`.");
    let _ = writeln!(y, "version: 0.8");
    let _ = writeln!(y, "index_id: {index_id}");
    y.push_str("doc_mapping:\n  mode: lenient\n  field_mappings:\n");
    let raw = |y: &mut String, name: &str, kind: &str| {
        let _ = writeln!(
            y,
            "    - name: {name}\n      type: {kind}\n      tokenizer: raw\n      fast: true"
        );
    };
    raw(&mut y, "id", "text");
    for name in ["title", "body"] {
        let _ = writeln!(
            y,
            "    - name: {name}\n      type: text\n      tokenizer: en_stem\n      record: position\n      stored: true"
        );
    }
    y.push_str(
        "    - name: published\n      type: datetime\n      input_formats: [rfc3339]\n      \
         output_format: rfc3339\n      fast_precision: seconds\n      fast: true\n",
    );
    for name in ["published_from", "source", "url", "author"] {
        raw(&mut y, name, "text");
    }
    for label in Label::ALL {
        raw(&mut y, label_field(label), "array<text>");
    }
    raw(&mut y, "dates", "array<text>");
    raw(&mut y, "countries", "array<text>");
    y.push_str("  timestamp_field: published\n");
    y.push_str("search_settings:\n  default_search_fields: [title, body]\n");
    y.push_str("indexing_settings:\n  commit_timeout_secs: 30\n");
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{DateMention, DctRecord, EntityMention};
    use crate::extract::DctSource;

    #[test]
    fn timestamps_are_rfc3339_midnight_utc() {
        assert_eq!(timestamp("2016-05-12").as_deref(), Some("2016-05-12T00:00:00Z"));
        assert_eq!(timestamp("2016-05").as_deref(), Some("2016-05-01T00:00:00Z"));
        assert_eq!(timestamp("2016").as_deref(), Some("2016-01-01T00:00:00Z"));
        assert_eq!(timestamp("PRESENT_REF"), None);
        assert_eq!(timestamp("2016-W19"), None);
    }

    #[test]
    fn flat_document_groups_entities_by_label() {
        let e = |text: &str, label, canonical: &str, country: Option<&str>| EntityMention {
            page: None,
            start: 0,
            end: 1,
            text: text.into(),
            label,
            canonical: canonical.into(),
            sentence: 0,
            rule: "t".into(),
            country: country.map(String::from),
        };
        let record = Record {
            id: "a/b".into(),
            source: "a/b.txt".into(),
            title: None,
            published: None,
            url: None,
            author: None,
            dct: DctRecord { value: Some("2016".into()), source: DctSource::Inferred },
            entities: vec![
                e("U.S.", Label::Gpe, "United States", Some("US")),
                e("United States", Label::Gpe, "United States", Some("US")),
                e("$5 billion", Label::Money, "5000000000 USD", None),
            ],
            dates: vec![DateMention {
                page: None,
                start: 0,
                end: 1,
                text: "May 2014".into(),
                kind: TimexType::Date,
                value: "2014-05".into(),
                sentence: 0,
                rule: "t".into(),
                range: Some(["2014-05-01".into(), "2014-05-31".into()]),
            }],
            ..Record::default()
        };
        let doc = SearchDoc::new(&record, "text");
        assert_eq!(doc.gpe, ["United States"]);
        assert_eq!(doc.money, ["$5 billion"]);
        assert_eq!(doc.countries, ["US"]);
        assert_eq!(doc.dates, ["2014-05"]);
        assert_eq!(
            (doc.published.as_str(), doc.published_from),
            ("2016-01-01T00:00:00Z", PublishedFrom::Dct)
        );
        assert_eq!(doc.title, "a/b");
        let json = serde_json::to_value(&doc).unwrap();
        assert!(json.get("url").is_none() && json["person"].as_array().unwrap().is_empty());
    }

    #[test]
    fn config_names_every_field_of_the_document() {
        let yaml = quickwit_index_config("dossier");
        assert!(yaml.contains("index_id: dossier") && yaml.contains("timestamp_field: published"));
        let doc = serde_json::to_value(SearchDoc {
            id: String::new(),
            title: String::new(),
            body: String::new(),
            published: String::new(),
            published_from: PublishedFrom::None,
            source: String::new(),
            url: Some(String::new()),
            author: Some(String::new()),
            person: vec![],
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
        })
        .unwrap();
        for field in doc.as_object().unwrap().keys() {
            assert!(yaml.contains(&format!("- name: {field}\n")), "{field} not mapped");
        }
    }
}

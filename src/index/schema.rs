//! The index schema. Field names are part of the query language (`title:`, `person:`).

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use super::analyzer::{stemmed_for, KEYWORD, STEMMED};
use crate::extract::Label;
use crate::text::OTHER_LANGUAGES;

/// The schema version recorded in every commit. Bump it when the schema changes.
pub const SCHEMA_VERSION: u32 = 3;

/// Labels that get a query field of their own (`person:"Barack Obama"`).
pub const ENTITY_FIELD_LABELS: [Label; 8] = [
    Label::Person,
    Label::Norp,
    Label::Org,
    Label::Gpe,
    Label::Loc,
    Label::Fac,
    Label::Event,
    Label::Law,
];

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Document id (exact, stored, fast).
    pub id: Field,
    /// Source path (exact, stored, fast: read back with the hashes to tell whether an id
    /// comes from the same file).
    pub source: Field,
    /// Title (stemmed, positions, stored).
    pub title: Field,
    /// Body (stemmed, positions, stored).
    pub body: Field,
    /// The body again, stemmed for its language, for documents in a language other than
    /// English that has a Snowball stemmer: `(ISO 639-1 code, field)`, one field per
    /// language of [`OTHER_LANGUAGES`] (indexed with positions, not stored).
    pub native_bodies: Vec<(&'static str, Field)>,
    /// The document's language, ISO 639-1 (exact, stored, fast).
    pub lang: Field,
    /// Published date (indexed, stored, fast).
    pub published: Field,
    /// Content hash (exact, stored, fast).
    pub hash: Field,
    /// Canonical entity names per label, lower-cased whole values; same order as
    /// [`ENTITY_FIELD_LABELS`].
    pub entities: Vec<(Label, Field)>,
    /// Every canonical name and surface form of the document's entities, lower-cased.
    pub alias: Field,
    /// Facets `/LABEL/Canonical name` for counting.
    pub entity_facet: Field,
    /// Months that the document's dates cover, as `year * 12 + month - 1` (multi-valued).
    pub mentioned_month: Field,
    /// Facets `/YEAR` of every year the document's dates cover.
    pub year_facet: Field,
    /// TIMEX3 values of the document's dates (exact).
    pub timex: Field,
    /// Facet `/YYYY-MM` of the published date.
    pub published_facet: Field,
    /// The full extraction record as JSON (stored only).
    pub record: Field,
    /// The entity mentions in a compact form (stored only; see [`super::Mentions`]).
    pub mentions: Field,
}

impl Fields {
    /// Looks up every field in `schema`; `None` when one is missing.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        let mut entities = Vec::new();
        for label in ENTITY_FIELD_LABELS {
            entities.push((label, f(&label.as_str().to_ascii_lowercase())?));
        }
        Some(Fields {
            id: f("id")?,
            source: f("source")?,
            title: f("title")?,
            body: f("body")?,
            native_bodies: OTHER_LANGUAGES
                .iter()
                .map(|code| Some((*code, f(&native_body_name(code))?)))
                .collect::<Option<_>>()?,
            lang: f("lang")?,
            published: f("published")?,
            hash: f("hash")?,
            entities,
            alias: f("entity")?,
            entity_facet: f("entity_facet")?,
            mentioned_month: f("mentioned_month")?,
            year_facet: f("year_facet")?,
            timex: f("timex")?,
            published_facet: f("published_facet")?,
            record: f("record")?,
            mentions: f("mentions")?,
        })
    }

    /// The field holding the body of documents in language `code`, stemmed for it.
    pub fn native_body(&self, code: &str) -> Option<Field> {
        self.native_bodies.iter().find(|(c, _)| *c == code).map(|(_, f)| *f)
    }

    /// The query field of `label`, if it has one.
    pub fn entity_field(&self, label: Label) -> Option<Field> {
        self.entities.iter().find(|(l, _)| *l == label).map(|(_, f)| *f)
    }
}

/// The name of the field holding bodies in language `code`: `body_ru`.
fn native_body_name(code: &str) -> String {
    format!("body_{code}")
}

/// Builds the schema.
pub fn build() -> Schema {
    let mut b = Schema::builder();
    let stemmed = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(STEMMED)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let keyword = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KEYWORD)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    b.add_text_field("id", STRING | STORED | FAST);
    b.add_text_field("source", STRING | STORED | FAST);
    b.add_text_field("title", stemmed.clone());
    b.add_text_field("body", stemmed);
    for code in OTHER_LANGUAGES {
        let native = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(&stemmed_for(code))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        b.add_text_field(&native_body_name(code), native);
    }
    b.add_text_field("lang", STRING | STORED | FAST);
    b.add_date_field(
        "published",
        DateOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_text_field("hash", STRING | STORED | FAST);
    for label in ENTITY_FIELD_LABELS {
        b.add_text_field(&label.as_str().to_ascii_lowercase(), keyword.clone());
    }
    b.add_text_field("entity", keyword);
    b.add_facet_field("entity_facet", FacetOptions::default());
    b.add_i64_field("mentioned_month", NumericOptions::default().set_indexed().set_fast());
    b.add_facet_field("year_facet", FacetOptions::default());
    b.add_text_field("timex", STRING);
    b.add_facet_field("published_facet", FacetOptions::default());
    b.add_text_field("record", STORED);
    b.add_bytes_field("mentions", STORED);
    b.build()
}

//! Rule-based extraction of named entities and temporal expressions.
//!
//! [`Extractor`] runs the [`DateTagger`] and the [`EntityExtractor`] over a text and
//! returns an [`Extraction`]: mentions with **byte** offsets into the text. Conversion to
//! code point offsets happens only at the edge, in [`crate::export`].

pub mod dates;
pub mod entities;

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(test)]
mod properties;
#[cfg(test)]
mod speed;

pub use dates::DateTagger;
pub use entities::EntityExtractor;

/// A rule identifier such as `date/month-year` or `person/title-name`.
pub type RuleId = Cow<'static, str>;

/// The TIMEX3 type of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2015-09`, `2016-W19`, `PRESENT_REF`.
    Date,
    /// A time of day: `2016-05-12T15:00`.
    Time,
    /// A length of time: `P5Y`, `PT4H`.
    Duration,
    /// A recurrence: `P1Y` for "annually".
    Set,
}

impl TimexType {
    /// The TIMEX3 name (`DATE`, `TIME`, `DURATION`, `SET`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

impl fmt::Display for TimexType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value (`2015-09`, `P1Y`, `PRESENT_REF`, `XXXX-05`, ...).
    pub value: String,
    /// The rule that produced it.
    pub rule: RuleId,
    /// For dates with a calendar value: the first and last day the value covers
    /// (`2015-09` covers 2015-09-01..=2015-09-30).
    pub range: Option<(NaiveDate, NaiveDate)>,
}

/// Entity labels, with OntoNotes names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    /// People, including fictional.
    Person,
    /// Nationalities, religious and political groups.
    Norp,
    /// Companies, agencies, institutions.
    Org,
    /// Countries, cities, states.
    Gpe,
    /// Other locations: regions, seas, mountains.
    Loc,
    /// Buildings, airports, highways, bridges.
    Fac,
    /// Named events: wars, summits, elections.
    Event,
    /// Laws, treaties, agreements and named policy documents.
    Law,
    /// Monetary values.
    Money,
    /// Percentages.
    Percent,
}

impl Label {
    /// Every label, in a fixed order.
    pub const ALL: [Label; 10] = [
        Label::Person,
        Label::Norp,
        Label::Org,
        Label::Gpe,
        Label::Loc,
        Label::Fac,
        Label::Event,
        Label::Law,
        Label::Money,
        Label::Percent,
    ];

    /// The OntoNotes name (`PERSON`, `ORG`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Norp => "NORP",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Fac => "FAC",
            Label::Event => "EVENT",
            Label::Law => "LAW",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
        }
    }

    /// Parses an OntoNotes name, case-insensitively.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entity mention found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The label.
    pub label: Label,
    /// The corpus-wide name ("United States" for "U.S.").
    pub canonical: String,
    /// The rule that produced it.
    pub rule: RuleId,
    /// ISO 3166-1 alpha-2 code for countries and their nationalities, where known.
    pub country: Option<String>,
}

/// Where a document creation time came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DctSource {
    /// From the document's metadata (front matter, meta tags, a JSON field).
    Metadata,
    /// Given on the command line (`--dct`).
    Argument,
    /// Inferred from the dates the text mentions.
    Inferred,
    /// None could be found.
    None,
}

/// A document creation time: a full date, or only a month or a year when inferred.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dct {
    /// TIMEX3 value: `2016-05-12`, `2016-05` or `2016`; `None` when unknown.
    pub value: Option<String>,
    /// Where the value came from.
    pub source: DctSource,
}

impl Dct {
    /// A DCT known from metadata or the command line.
    pub fn known(date: NaiveDate, source: DctSource) -> Dct {
        Dct { value: Some(date.format("%Y-%m-%d").to_string()), source }
    }

    /// No DCT.
    pub fn none() -> Dct {
        Dct { value: None, source: DctSource::None }
    }
}

/// What extraction found in one text. All offsets are byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    /// The anchor used for relative dates.
    pub dct: Dct,
    /// Sentence byte ranges, in order.
    pub sentences: Vec<Range<usize>>,
    /// Entity mentions, ordered by start offset.
    pub entities: Vec<Entity>,
    /// Temporal expressions, ordered by start offset.
    pub dates: Vec<Timex>,
}

/// Runs the date tagger and the entity extractor over texts.
///
/// Build it once and share it: it is `Send + Sync`. The built-in rules are compiled on
/// first use, so an extractor that is never used (a re-ingest of an unchanged corpus)
/// costs nothing.
#[derive(Debug, Default)]
pub struct Extractor {
    dates: OnceLock<DateTagger>,
    entities: OnceLock<EntityExtractor>,
}

impl Extractor {
    /// An extractor with the built-in rules (compiled on first use).
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// An extractor from parts, e.g. an entity extractor with user rules.
    pub fn from_parts(dates: DateTagger, entities: EntityExtractor) -> Extractor {
        Extractor { dates: OnceLock::from(dates), entities: OnceLock::from(entities) }
    }

    /// The date tagger.
    pub fn dates(&self) -> &DateTagger {
        self.dates.get_or_init(DateTagger::new)
    }

    /// The entity extractor.
    pub fn entities(&self) -> &EntityExtractor {
        self.entities.get_or_init(EntityExtractor::new)
    }

    /// Extracts entities and dates from `text`. `dct` is the document creation time when
    /// known; otherwise pass [`Dct::none`] and one is inferred.
    pub fn extract(&self, text: &str, dct: Dct) -> Extraction {
        let sentences = crate::text::sentences(text);
        let (dct, dates) = self.dates().tag(text, &sentences, dct);
        let entities = self.entities().extract(text, &sentences);
        Extraction { dct, sentences, entities, dates }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Extractor>();
    }

    #[test]
    fn labels_round_trip() {
        for l in Label::ALL {
            assert_eq!(Label::parse(l.as_str()), Some(l));
            assert_eq!(Label::parse(&l.as_str().to_lowercase()), Some(l));
        }
        assert_eq!(Label::parse("MISC"), None);
    }
}

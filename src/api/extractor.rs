//! [`Extractor`] and [`ExtractorBuilder`]: records of texts and documents, as
//! `dossier extract` prints them.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::document::Document;
use crate::export::{EntityMention, Record};
use crate::extract::{self, DateTagger, Dct, DctSource, EntityExtractor, Extraction};
use crate::{pipeline, Error, Result};

/// Builds an [`Extractor`]: user rules and a document creation time.
///
/// ```
/// use dossier::ExtractorBuilder;
///
/// let date = chrono::NaiveDate::from_ymd_opt(2015, 9, 25).unwrap();
/// let extractor = ExtractorBuilder::new().dct(Some(date)).build()?;
/// let record = extractor.extract("Xi Jinping arrived yesterday.");
/// assert_eq!(record.dct.value.as_deref(), Some("2015-09-25"));
/// assert!(record.dates.iter().any(|d| d.value == "2015-09-24"));
/// # Ok::<(), dossier::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    rules: Option<PathBuf>,
    dct: Option<NaiveDate>,
}

impl ExtractorBuilder {
    /// A builder with the built-in rules and no document creation time.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Adds the user rules of a file (TOML, or JSON when the name ends in `.json`):
    /// gazetteer entries, blocked names and patterns, as `dossier extract --rules` reads
    /// them. [`build`](Self::build) refuses an invalid file with [`Error::Rule`] naming
    /// its line.
    pub fn rules(mut self, path: impl Into<PathBuf>) -> ExtractorBuilder {
        self.rules = Some(path.into());
        self
    }

    /// The document creation time of every text (`dossier extract --dct`): relative
    /// dates ("yesterday", "last year") resolve against it, and it overrides a date a
    /// document states itself. `None` (the default) uses the document's own date or
    /// infers one from the dates the text mentions.
    pub fn dct(mut self, date: Option<NaiveDate>) -> ExtractorBuilder {
        self.dct = date;
        self
    }

    /// Builds the extractor. Fails only on an unreadable or invalid rules file.
    pub fn build(self) -> Result<Extractor> {
        let (inner, rules_hash) = match &self.rules {
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
                let entities = EntityExtractor::with_rules(path)?;
                (
                    extract::Extractor::from_parts(DateTagger::new(), entities),
                    Some(blake3::hash(&bytes).to_hex().to_string()),
                )
            }
            None => (extract::Extractor::new(), None),
        };
        Ok(Extractor { inner, dct: self.dct, rules_hash })
    }
}

/// Extracts entities and dates from texts and documents, and returns their [`Record`]s.
///
/// Build it once and share it: it is `Send + Sync`, and the built-in rules are compiled
/// on first use only. Offsets in records are Unicode code points, as Python counts them.
///
/// ```
/// let extractor = dossier::Extractor::new();
/// let record = extractor.extract("The United States and China agreed on Friday.");
/// let names: Vec<&str> = record.entities.iter().map(|e| e.canonical.as_str()).collect();
/// assert!(names.contains(&"United States"));
/// assert!(names.contains(&"China"));
/// ```
#[derive(Debug, Default)]
pub struct Extractor {
    inner: extract::Extractor,
    dct: Option<NaiveDate>,
    rules_hash: Option<String>,
}

impl Extractor {
    /// An extractor with the built-in rules and no document creation time.
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// A builder, for user rules or a document creation time.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The record of `text`, with an empty id.
    pub fn extract(&self, text: &str) -> Record {
        self.extract_text("", text, None)
    }

    /// The record of one text, as `dossier extract --jsonl` prints it for the line
    /// `{"id": id, "text": text, "dct": dct}`: `dct` is the text's own date (source
    /// `metadata`); the builder's [`dct`](ExtractorBuilder::dct) overrides it (source
    /// `argument`); without either, one is inferred from the text.
    pub fn extract_text(&self, id: &str, text: &str, dct: Option<NaiveDate>) -> Record {
        let anchor = match (self.dct, dct) {
            (Some(d), _) => Dct::known(d, DctSource::Argument),
            (None, Some(d)) => Dct::known(d, DctSource::Metadata),
            (None, None) => Dct::none(),
        };
        let doc = Document::new(id, text);
        let extraction = self.inner.extract(&doc.text, anchor);
        Record::new(&doc, &extraction)
    }

    /// The entity mentions of `text` alone, as [`extract`](Self::extract) gives them in
    /// [`Record::entities`], without looking for dates: for programs that only want the
    /// names, and faster.
    ///
    /// ```
    /// let extractor = dossier::Extractor::new();
    /// let found = extractor.extract_entities("Talks in Paris between France and Japan.");
    /// let names: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
    /// assert_eq!(names, ["Paris", "France", "Japan"]);
    /// ```
    pub fn extract_entities(&self, text: &str) -> Vec<EntityMention> {
        let doc = Document::new("", text);
        let sentences = crate::text::sentences(&doc.text);
        let entities = self.inner.entities().extract(&doc.text, &sentences);
        let extraction = Extraction { dct: Dct::none(), sentences, entities, dates: Vec::new() };
        Record::new(&doc, &extraction).entities
    }

    /// The record of a document read from a file (see [`read_file`](Self::read_file)),
    /// as `dossier extract FILE` prints it: its published date is the anchor unless the
    /// builder set one, and text in a language other than English gets no entities or
    /// dates.
    pub fn extract_document(&self, doc: &Document) -> Record {
        pipeline::extract_document(&self.inner, doc, self.dct, usize::MAX).1
    }

    /// Reads a file of any supported format into its documents (a JSON Lines file holds
    /// several), as `dossier extract FILE` does; the id of a single document is the file
    /// name without its extension. Fails with the first problem found in the file.
    pub fn read_file(&self, path: &std::path::Path) -> Result<Vec<Document>> {
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let read = crate::ingest::read_file(path, &id, &crate::ingest::ReadOptions::default());
        match read.failures.into_iter().find(|f| f.reason.is_error()) {
            Some(f) => Err(Error::Document {
                path: f.path,
                msg: format!("{}: {}", f.reason.as_str(), f.details),
            }),
            None => Ok(read.documents),
        }
    }

    /// The extraction fingerprint: the version, the built-in rules and the user rules.
    /// An index records it, and re-extracts every document when it changes.
    pub fn fingerprint(&self) -> String {
        pipeline::fingerprint(self.rules_hash.as_deref())
    }

    /// The pipeline's extractor.
    pub(crate) fn stages(&self) -> &extract::Extractor {
        &self.inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Extractor>();
        assert_send_sync::<ExtractorBuilder>();
    }

    #[test]
    fn builder_dct_overrides_the_text_date() {
        let day = |d| NaiveDate::from_ymd_opt(2016, 5, d).unwrap();
        let text = "The talks ended yesterday.";
        let own = Extractor::new().extract_text("a", text, Some(day(12)));
        assert_eq!(own.dct.value.as_deref(), Some("2016-05-12"));
        assert_eq!(own.dct.source, DctSource::Metadata);
        let fixed = Extractor::builder().dct(Some(day(20))).build().unwrap();
        let r = fixed.extract_text("a", text, Some(day(12)));
        assert_eq!(r.dct.value.as_deref(), Some("2016-05-20"));
        assert_eq!(r.dct.source, DctSource::Argument);
        assert!(r.dates.iter().any(|d| d.value == "2016-05-19"), "{:?}", r.dates);
    }

    #[test]
    fn a_missing_rules_file_is_an_error_naming_it() {
        let err = Extractor::builder().rules("no/such/rules.toml").build().unwrap_err();
        assert!(err.to_string().contains("no/such/rules.toml"), "{err}");
    }

    #[test]
    fn user_rules_change_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rules.toml");
        std::fs::write(&path, "block = [\"Paris\"]\n").unwrap();
        let user = Extractor::builder().rules(&path).build().unwrap();
        assert_ne!(user.fingerprint(), Extractor::new().fingerprint());
        let r = user.extract("Paris and Berlin.");
        assert!(r.entities.iter().all(|e| e.text != "Paris"), "{:?}", r.entities);
    }
}

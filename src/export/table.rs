//! CSV output: one header line, then one row per item, quoted as RFC 4180 wants.
//!
//! Every exported type that has a flat shape implements [`CsvRow`]; [`CsvSink`] writes
//! the header before the first row, so an empty export is still a valid CSV file.

use std::io::{self, Write};

use super::entities::{EntityEntry, MentionRow};

/// A type that can be one CSV row.
pub trait CsvRow {
    /// Column names.
    const HEADER: &'static [&'static str];
    /// The row's cells, as many as [`CsvRow::HEADER`] has columns.
    fn cells(&self) -> Vec<String>;
}

/// Writes rows of one type as CSV.
pub struct CsvSink<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CsvSink<W> {
    /// A sink that first writes the header of `T`.
    pub fn new<T: CsvRow>(out: W) -> io::Result<CsvSink<W>> {
        let mut writer = csv::WriterBuilder::new().flexible(false).from_writer(out);
        writer.write_record(T::HEADER).map_err(io::Error::from)?;
        Ok(CsvSink { writer })
    }

    /// Writes one row.
    pub fn row<T: CsvRow>(&mut self, row: &T) -> io::Result<()> {
        self.writer.write_record(row.cells()).map_err(io::Error::from)
    }

    /// Flushes and returns the inner writer.
    pub fn finish(self) -> io::Result<W> {
        self.writer.into_inner().map_err(|e| e.into_error())
    }
}

/// `U.S. (3); US (1)`: surface forms with counts in one cell.
fn join_aliases(entry: &EntityEntry) -> String {
    entry.aliases.iter().map(|a| format!("{} ({})", a.text, a.count)).collect::<Vec<_>>().join("; ")
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

impl CsvRow for EntityEntry {
    const HEADER: &'static [&'static str] = &[
        "label",
        "canonical",
        "country",
        "documents",
        "mentions",
        "first_date",
        "last_date",
        "aliases",
        "merged",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.label.as_str().to_string(),
            self.canonical.clone(),
            opt(&self.country),
            self.documents.to_string(),
            self.mentions.to_string(),
            opt(&self.first_date),
            opt(&self.last_date),
            join_aliases(self),
            self.merged.join("; "),
        ]
    }
}

impl CsvRow for MentionRow<'_> {
    const HEADER: &'static [&'static str] =
        &["document", "start", "end", "text", "label", "canonical", "sentence", "rule"];

    fn cells(&self) -> Vec<String> {
        vec![
            self.document.to_string(),
            self.start.to_string(),
            self.end.to_string(),
            self.text.to_string(),
            self.label.as_str().to_string(),
            self.canonical.to_string(),
            self.sentence.to_string(),
            self.rule.to_string(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::AliasCount;
    use crate::extract::Label;

    #[test]
    fn quotes_commas_quotes_and_newlines_and_reads_back() {
        let entry = EntityEntry {
            label: Label::Org,
            canonical: "Smith, \"Jones\"\nand Co".into(),
            merged: vec![],
            aliases: vec![AliasCount { text: "S&J".into(), count: 2 }],
            country: None,
            documents: 1,
            mentions: 2,
            first_date: Some("2015-09-01".into()),
            last_date: None,
        };
        let mut sink = CsvSink::new::<EntityEntry>(Vec::new()).unwrap();
        sink.row(&entry).unwrap();
        let bytes = sink.finish().unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(reader.headers().unwrap().len(), EntityEntry::HEADER.len());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][1], "Smith, \"Jones\"\nand Co");
        assert_eq!(&rows[0][5], "2015-09-01");
        assert_eq!(&rows[0][7], "S&J (2)");
    }

    #[test]
    fn empty_export_is_a_header() {
        let sink = CsvSink::new::<MentionRow>(Vec::new()).unwrap();
        let text = String::from_utf8(sink.finish().unwrap()).unwrap();
        assert_eq!(text, "document,start,end,text,label,canonical,sentence,rule\n");
    }
}

//! [`ItemWriter`]: rows of one type as a JSON array, JSON lines or CSV, as the
//! `export entities` and `export timeline` commands write them.

use std::io::Write;

use serde::Serialize;

use super::{CsvRow, CsvSink, JsonArray};
use crate::Result;

/// The format of a table export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON array, an item per line.
    #[default]
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header line.
    Csv,
}

/// Writes items one at a time in an [`ExportFormat`]; memory does not grow with the
/// number of items.
///
/// ```
/// use dossier::{ExportFormat, ItemWriter, Label, MentionRow};
///
/// let row = MentionRow {
///     document: "talks",
///     start: 0,
///     end: 5,
///     text: "Paris",
///     label: Label::Gpe,
///     canonical: "Paris",
///     sentence: 0,
///     rule: "example",
/// };
/// let mut out = Vec::new();
/// let mut writer = ItemWriter::new::<MentionRow>(ExportFormat::Csv, &mut out)?;
/// writer.item(&row)?;
/// writer.finish()?;
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.lines().nth(1).unwrap().starts_with("talks,0,5,Paris,GPE"));
/// # Ok::<(), dossier::Error>(())
/// ```
pub struct ItemWriter<W: Write> {
    inner: Inner<W>,
}

enum Inner<W: Write> {
    Json(JsonArray<W>),
    Jsonl(W),
    Csv(Box<CsvSink<W>>),
}

impl<W: Write> ItemWriter<W> {
    /// Starts writing items of type `T` to `out` (a CSV header, or `[` of a JSON array).
    pub fn new<T: CsvRow>(format: ExportFormat, out: W) -> Result<ItemWriter<W>> {
        let inner = match format {
            ExportFormat::Json => Inner::Json(JsonArray::new(out)?),
            ExportFormat::Jsonl => Inner::Jsonl(out),
            ExportFormat::Csv => Inner::Csv(Box::new(CsvSink::new::<T>(out)?)),
        };
        Ok(ItemWriter { inner })
    }

    /// Writes one item.
    pub fn item<T: Serialize + CsvRow>(&mut self, item: &T) -> Result<()> {
        match &mut self.inner {
            Inner::Json(array) => array.item(item)?,
            Inner::Jsonl(out) => {
                let mut line = serde_json::to_vec(item)?;
                line.push(b'\n');
                out.write_all(&line)?;
            }
            Inner::Csv(sink) => sink.row(item)?,
        }
        Ok(())
    }

    /// Ends the output (the `]` of a JSON array) and returns the writer.
    pub fn finish(self) -> Result<W> {
        match self.inner {
            Inner::Json(array) => array.finish(),
            Inner::Jsonl(out) => Ok(out),
            Inner::Csv(sink) => Ok(sink.finish()?),
        }
    }
}

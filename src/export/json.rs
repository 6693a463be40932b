//! The JSON that `search --json`, `show --json` and the JSON exports print, made by one
//! set of functions so that the command line and `dossier serve`'s API give the same
//! bytes for the same question.

use std::io::Write;

use serde::Serialize;

use super::{
    timeline_events, CanonicalMap, EntityEntry, EntityTable, ExternalSorter, Record, Sorted,
    TimelineEvent, TimelineFilter,
};
use crate::extract::Label;
use crate::Result;

/// Writes `value` as pretty JSON followed by a newline.
pub fn write_pretty<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> Result<()> {
    let mut text = serde_json::to_vec_pretty(value)?;
    text.push(b'\n');
    out.write_all(&text)?;
    Ok(())
}

/// `value` as pretty JSON followed by a newline.
pub fn pretty_bytes<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_pretty(&mut out, value)?;
    Ok(out)
}

/// The JSON object of one document as `show --json` prints it: the record's fields and
/// `text`, keys in alphabetical order.
pub fn document_value(record: &Record, text: &str) -> Result<serde_json::Value> {
    let mut v = serde_json::to_value(record)?;
    v["text"] = serde_json::Value::String(text.to_string());
    Ok(v)
}

/// A JSON array written one item at a time: `[`, then each item on its own line, then
/// `]` and a newline. An empty array is `[\n]\n`.
pub struct JsonArray<W: Write> {
    out: W,
    count: usize,
}

impl<W: Write> JsonArray<W> {
    /// Starts the array.
    pub fn new(mut out: W) -> Result<JsonArray<W>> {
        out.write_all(b"[")?;
        Ok(JsonArray { out, count: 0 })
    }

    /// Writes one item.
    pub fn item<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<()> {
        self.out.write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, item)?;
        self.count += 1;
        Ok(())
    }

    /// Closes the array and returns the writer.
    pub fn finish(mut self) -> Result<W> {
        self.out.write_all(b"\n]\n")?;
        Ok(self.out)
    }
}

/// The entity table of `records` (`export entities`): names merged by `merge` (the
/// corpus-wide merge of the index), entries named in at least `min_docs` documents, with
/// one of `labels` (any label when empty), most documents first.
pub fn entity_entries(
    records: impl Iterator<Item = Result<Record>>,
    labels: &[Label],
    min_docs: usize,
    merge: &CanonicalMap,
) -> Result<Vec<EntityEntry>> {
    let mut table = EntityTable::new();
    for record in records {
        table.add(&record?);
    }
    Ok(table
        .entries_merged_by(merge)
        .into_iter()
        .filter(|e| e.documents >= min_docs && (labels.is_empty() || labels.contains(&e.label)))
        .collect())
}

/// The dated events of `documents` (records with their text) that `filter` keeps, in
/// date order (`export timeline`). Sorted on disk past a run of events.
pub fn sorted_timeline(
    documents: impl Iterator<Item = Result<(Record, String)>>,
    filter: &TimelineFilter,
) -> Result<Sorted<TimelineEvent>> {
    let mut sorter: ExternalSorter<TimelineEvent> = ExternalSorter::default();
    for item in documents {
        let (record, body) = item?;
        for event in timeline_events(&record, &body, filter) {
            sorter.push(event)?;
        }
    }
    sorter.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_have_one_item_per_line() {
        let mut a = JsonArray::new(Vec::new()).unwrap();
        a.item(&1).unwrap();
        a.item(&"x").unwrap();
        assert_eq!(a.finish().unwrap(), b"[\n1,\n\"x\"\n]\n");
        assert_eq!(JsonArray::new(Vec::new()).unwrap().finish().unwrap(), b"[\n]\n");
    }

    #[test]
    fn pretty_json_ends_with_a_newline() {
        assert_eq!(pretty_bytes(&serde_json::json!({"a": 1})).unwrap(), b"{\n  \"a\": 1\n}\n");
    }
}

//! Records and exports: the JSON other tools read.
//!
//! [`Record`] is the per-document contract of `RECORDS.md`; [`EntityTable`] merges the
//! mentions of a corpus into one entry per canonical entity, with names merged across
//! documents by [`CanonicalMap`]; [`StatsBuilder`] counts.
//! [`timeline_events`] and [`ExternalSorter`] give dated events in date order,
//! [`GraphBuilder`] entity co-occurrence graphs, [`CsvSink`] CSV tables, and
//! [`AtomicFile`] output files that appear whole or not at all; [`write_pretty`],
//! [`JsonArray`] and [`document_value`] the JSON the command line and the web app print. [`SearchDoc`] is the flat
//! document Quickwit ([`quickwit_index_config`]) and Elasticsearch ([`bulk_lines`],
//! [`elastic_mapping`]) ingest; [`report`] writes a static HTML report.

mod atomic;
mod canonical;
mod elastic;
mod entities;
mod graph;
mod items;
mod json;
mod quickwit;
mod record;
pub(crate) mod report;
#[cfg(test)]
mod snapshots;
mod sorter;
mod stats;
mod table;
mod timeline;

pub use canonical::{CanonicalMap, NameStat};
pub use entities::{AliasCount, EntityEntry, EntityTable, MentionRow};
pub use record::{DateMention, DctRecord, EntityMention, Record, RecordWithText};
pub use stats::{LabelStats, Stats, StatsBuilder};

pub use atomic::{write_atomic, AtomicFile};
pub use elastic::{bulk_lines, elastic_mapping};
pub use graph::{Edge, Graph, GraphBuilder, Node, NodeId};
pub use items::{ExportFormat, ItemWriter};
pub use json::{
    document_value, entity_entries, pretty_bytes, sorted_timeline, write_pretty, JsonArray,
};
pub use quickwit::{quickwit_index_config, PublishedFrom, SearchDoc};
pub use report::{ReportBuilder, ReportSummary};
pub use sorter::{ExternalSorter, Sorted};
pub use table::{CsvRow, CsvSink};
pub use timeline::{timeline_events, TimelineEntity, TimelineEvent, TimelineFilter};

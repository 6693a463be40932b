//! Records and exports: the JSON other tools read.
//!
//! [`Record`] is the per-document contract of `RECORDS.md`; [`EntityTable`] merges the
//! mentions of a corpus into one entry per canonical entity; [`StatsBuilder`] counts.

mod entities;
mod record;
mod stats;

pub use entities::{mention_rows, AliasCount, EntityEntry, EntityTable, MentionRow};
pub use record::{DateMention, DctRecord, EntityMention, Record};
pub use stats::{LabelStats, Stats, StatsBuilder};

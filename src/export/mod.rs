//! Records and exports: the JSON other tools read.

mod record;

pub use record::{DateMention, DctRecord, EntityMention, Record};

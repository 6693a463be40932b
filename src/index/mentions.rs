//! A compact stored form of a document's entity mentions.
//!
//! Search marks the entities inside each hit's snippet. The stored record (JSON) has them,
//! but a long speech's record holds thousands of mentions, and parsing it whole for a
//! 220-character snippet was a quarter of a search's time. This form is read in place:
//! a binary search finds the mentions of a byte range, and only their names are decoded.
//!
//! Layout (little-endian):
//!
//! ```text
//! u32                     number of mentions n
//! n x 16 bytes            mentions sorted by (start, end):
//!                         u32 start, u32 end (byte offsets in the body),
//!                         u32 name offset, u16 name length (in the names area),
//!                         u8 label (index in `Label::ALL`), u8 reserved (0)
//! rest                    names area: each distinct canonical name once, UTF-8
//! ```

use std::collections::HashMap;
use std::ops::Range;

use crate::extract::{Entity, Label};

const HEADER: usize = 4;
const ENTRY: usize = 16;

/// Encodes `entities` (byte offsets into the body) in the stored form. Mentions whose
/// offsets or name do not fit the layout's integer widths are left out (documents are
/// far smaller than that).
pub fn encode(entities: &[Entity]) -> Vec<u8> {
    let mut order: Vec<&Entity> = entities.iter().collect();
    order.sort_by_key(|e| (e.start, e.end));
    let mut names = Vec::new();
    let mut offsets: HashMap<&str, u32> = HashMap::new();
    let mut table = Vec::with_capacity(order.len() * ENTRY);
    let mut n: u32 = 0;
    for e in order {
        let (Ok(start), Ok(end), Ok(len)) =
            (u32::try_from(e.start), u32::try_from(e.end), u16::try_from(e.canonical.len()))
        else {
            continue;
        };
        let offset = match offsets.get(e.canonical.as_str()) {
            Some(&o) => o,
            None => {
                let Ok(o) = u32::try_from(names.len()) else { continue };
                names.extend_from_slice(e.canonical.as_bytes());
                offsets.insert(&e.canonical, o);
                o
            }
        };
        let label = Label::ALL.iter().position(|&l| l == e.label).expect("every label is in ALL");
        table.extend_from_slice(&start.to_le_bytes());
        table.extend_from_slice(&end.to_le_bytes());
        table.extend_from_slice(&offset.to_le_bytes());
        table.extend_from_slice(&len.to_le_bytes());
        table.extend_from_slice(&[label as u8, 0]);
        n += 1;
    }
    let mut out = Vec::with_capacity(HEADER + table.len() + names.len());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&table);
    out.extend_from_slice(&names);
    out
}

/// One mention read back from the stored form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention<'a> {
    /// Byte range in the body.
    pub span: Range<usize>,
    /// Label.
    pub label: Label,
    /// Canonical name.
    pub canonical: &'a str,
}

/// The stored mentions of one document, read in place.
#[derive(Debug, Clone, Copy)]
pub struct Mentions<'a> {
    table: &'a [u8],
    names: &'a [u8],
}

impl<'a> Mentions<'a> {
    /// Reads the stored form; `None` when it is malformed.
    pub fn parse(bytes: &'a [u8]) -> Option<Mentions<'a>> {
        let n = u32::from_le_bytes(bytes.get(..HEADER)?.try_into().ok()?) as usize;
        let end = HEADER.checked_add(n.checked_mul(ENTRY)?)?;
        Some(Mentions { table: bytes.get(HEADER..end)?, names: &bytes[end..] })
    }

    /// Number of mentions.
    pub fn len(&self) -> usize {
        self.table.len() / ENTRY
    }

    /// True when there are none.
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    fn u32_at(&self, i: usize, field: usize) -> usize {
        let at = i * ENTRY + field;
        u32::from_le_bytes(self.table[at..at + 4].try_into().expect("4 bytes")) as usize
    }

    fn get(&self, i: usize) -> Option<Mention<'a>> {
        let at = i * ENTRY;
        let (start, end, offset) = (self.u32_at(i, 0), self.u32_at(i, 4), self.u32_at(i, 8));
        let len = u16::from_le_bytes([self.table[at + 12], self.table[at + 13]]) as usize;
        let label = *Label::ALL.get(self.table[at + 14] as usize)?;
        let name = self.names.get(offset..offset.checked_add(len)?)?;
        Some(Mention { span: start..end, label, canonical: std::str::from_utf8(name).ok()? })
    }

    /// The mentions that lie wholly inside the byte range `range`, in order.
    pub fn within(&self, range: Range<usize>) -> impl Iterator<Item = Mention<'a>> + 'a {
        let this = *self;
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.u32_at(mid, 0) < range.start {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo..self.len())
            .take_while(move |&i| this.u32_at(i, 0) < range.end)
            .filter_map(move |i| this.get(i))
            .filter(move |m| m.span.end <= range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::RuleId;

    fn entity(start: usize, end: usize, label: Label, canonical: &str) -> Entity {
        Entity {
            start,
            end,
            label,
            canonical: canonical.into(),
            rule: RuleId::Borrowed("test"),
            country: None,
        }
    }

    #[test]
    fn round_trip_and_range_lookup() {
        let entities = [
            entity(40, 45, Label::Gpe, "China"),
            entity(0, 10, Label::Person, "Xi Jinping"),
            entity(20, 23, Label::Org, "People's Liberation Army"),
            entity(60, 65, Label::Gpe, "China"),
            entity(70, 80, Label::Percent, "ten percent"),
        ];
        let bytes = encode(&entities);
        // "China" is stored once.
        assert_eq!(bytes.iter().filter(|&&b| b == b'C').count(), 1);
        let m = Mentions::parse(&bytes).expect("well formed");
        assert_eq!(m.len(), 5);
        let all: Vec<_> = m.within(0..usize::MAX).map(|m| (m.span.start, m.canonical)).collect();
        assert_eq!(
            all,
            [
                (0, "Xi Jinping"),
                (20, "People's Liberation Army"),
                (40, "China"),
                (60, "China"),
                (70, "ten percent")
            ]
        );
        let inside: Vec<_> = m.within(15..62).map(|m| (m.span, m.label)).collect();
        assert_eq!(inside, [(20..23, Label::Org), (40..45, Label::Gpe)]);
        assert_eq!(m.within(41..100).count(), 2);
        assert_eq!(m.within(5..8).count(), 0);
    }

    #[test]
    fn empty_and_malformed() {
        let bytes = encode(&[]);
        let m = Mentions::parse(&bytes).expect("well formed");
        assert!(m.is_empty());
        assert_eq!(m.within(0..10).count(), 0);
        assert!(Mentions::parse(&[1, 0]).is_none());
        assert!(Mentions::parse(&[2, 0, 0, 0, 1, 2, 3]).is_none());
        // A name offset past the end is skipped, not a panic.
        let mut bad = encode(&[entity(0, 2, Label::Gpe, "US")]);
        bad.truncate(HEADER + ENTRY);
        let m = Mentions::parse(&bad).expect("table is whole");
        assert_eq!(m.within(0..10).count(), 0);
    }
}

//! The hash maps and sets of the entity rules.
//!
//! The rules look words up several times per token; for such short keys the standard
//! SipHash cost more than the rest of a lookup (about a sixth of entity extraction).
//! foldhash is much faster on short keys and is seeded per process, so a crafted
//! document cannot count on collisions in the maps it fills.

/// A set of words.
pub(crate) type WordSet<T> = foldhash::HashSet<T>;
/// A map from words.
pub(crate) type WordMap<K, V> = foldhash::HashMap<K, V>;

//! Sorting more items than fit in memory: sorted runs spilled to temporary files as JSON
//! lines, then merged.
//!
//! Memory holds at most one run (`run_len` items) while pushing and one item per run
//! while merging; the temporary files are anonymous and vanish when dropped.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::Result;

/// Items held in memory before a run is spilled, by default.
pub const DEFAULT_RUN_LEN: usize = 20_000;

/// Sorts items of type `T` by their `Ord`, spilling to disk past a run length.
#[derive(Debug)]
pub struct ExternalSorter<T> {
    run_len: usize,
    buffer: Vec<T>,
    runs: Vec<File>,
}

impl<T: Ord + Serialize + DeserializeOwned> Default for ExternalSorter<T> {
    fn default() -> Self {
        ExternalSorter::new(DEFAULT_RUN_LEN)
    }
}

impl<T: Ord + Serialize + DeserializeOwned> ExternalSorter<T> {
    /// A sorter that keeps at most `run_len` items in memory (at least one).
    pub fn new(run_len: usize) -> ExternalSorter<T> {
        ExternalSorter { run_len: run_len.max(1), buffer: Vec::new(), runs: Vec::new() }
    }

    /// Adds one item.
    pub fn push(&mut self, item: T) -> Result<()> {
        self.buffer.push(item);
        if self.buffer.len() >= self.run_len {
            self.spill()?;
        }
        Ok(())
    }

    #[cfg(test)]
    /// Number of runs written to disk so far.
    pub fn spilled_runs(&self) -> usize {
        self.runs.len()
    }

    fn spill(&mut self) -> Result<()> {
        self.buffer.sort();
        let mut out = BufWriter::new(tempfile::tempfile()?);
        for item in self.buffer.drain(..) {
            serde_json::to_writer(&mut out, &item)?;
            out.write_all(b"\n")?;
        }
        let mut file = out.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        self.runs.push(file);
        Ok(())
    }

    /// Every item pushed, in ascending order.
    pub fn finish(mut self) -> Result<Sorted<T>> {
        if self.runs.is_empty() {
            self.buffer.sort();
            return Ok(Sorted { memory: self.buffer.into_iter(), merge: None });
        }
        if !self.buffer.is_empty() {
            self.spill()?;
        }
        let mut readers: Vec<Run<T>> = self
            .runs
            .into_iter()
            .map(|f| Run { lines: BufReader::new(f), _item: PhantomData })
            .collect();
        let mut heap = BinaryHeap::new();
        for (i, run) in readers.iter_mut().enumerate() {
            if let Some(item) = run.next_item()? {
                heap.push(Reverse((item, i)));
            }
        }
        Ok(Sorted { memory: Vec::new().into_iter(), merge: Some(Merge { readers, heap }) })
    }
}

struct Run<T> {
    lines: BufReader<File>,
    _item: PhantomData<T>,
}

impl<T: DeserializeOwned> Run<T> {
    fn next_item(&mut self) -> Result<Option<T>> {
        let mut line = String::new();
        if self.lines.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(serde_json::from_str(&line)?))
    }
}

struct Merge<T> {
    readers: Vec<Run<T>>,
    heap: BinaryHeap<Reverse<(T, usize)>>,
}

/// The sorted items, from memory or merged from the spilled runs.
pub struct Sorted<T> {
    memory: std::vec::IntoIter<T>,
    merge: Option<Merge<T>>,
}

impl<T: Ord + DeserializeOwned> Iterator for Sorted<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        let Some(merge) = self.merge.as_mut() else {
            return self.memory.next().map(Ok);
        };
        let Reverse((item, i)) = merge.heap.pop()?;
        match merge.readers[i].next_item() {
            Ok(Some(next)) => merge.heap.push(Reverse((next, i))),
            Ok(None) => {}
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(items: &[(u32, String)], run_len: usize) -> (Vec<(u32, String)>, usize) {
        let mut s = ExternalSorter::new(run_len);
        for item in items {
            s.push(item.clone()).unwrap();
        }
        let runs = s.spilled_runs();
        (s.finish().unwrap().map(Result::unwrap).collect(), runs)
    }

    #[test]
    fn spilled_and_in_memory_sorts_agree() {
        let items: Vec<(u32, String)> =
            (0..1000u32).map(|i| ((i * 7919) % 101, format!("x{i}\n\"q\""))).collect();
        let mut want = items.clone();
        want.sort();
        let (memory, runs) = sorted(&items, 10_000);
        assert_eq!(runs, 0);
        assert_eq!(memory, want);
        let (spilled, runs) = sorted(&items, 37);
        assert!(runs > 10);
        assert_eq!(spilled, want);
    }

    #[test]
    fn empty_and_single() {
        assert!(sorted(&[], 1).0.is_empty());
        assert_eq!(sorted(&[(1, "a".into())], 1).0, [(1, "a".to_string())]);
    }
}

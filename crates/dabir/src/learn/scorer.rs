//! A trained [`Perceptron`]'s weights laid out for scoring at speed.
//!
//! Scoring a word is a few dozen feature lookups in a table of megabytes, and each
//! lookup that misses the CPU caches costs more than all the arithmetic that follows
//! it: the morphology tagger spent a third of its time waiting on its feature map
//! (a general hash map: a control byte, then the entry, then the row in two more
//! arrays). Here:
//! - the index is a [`KeyTable`] (one cache line per lookup, on huge pages), and a
//!   lookup can be announced early with [`Scorer::prefetch`], so a caller that knows
//!   its features before it needs their weights (every feature that does not depend
//!   on the previous decision) overlaps the memory waits;
//! - a sparse row is one run of (class, weight) pairs side by side ([`Scorer::prefetch_row`]
//!   fetches its start), and rows with weights for a quarter of the classes or more
//!   are dense (one weight per class: a vectorised add).
//!
//! The weights are the model's, added class by class in the order the caller asks:
//! scores come out bit for bit as [`Perceptron::scores`] gives them for the same
//! features in the same order (a dense row adds zeros where the sparse one adds
//! nothing, which changes no sum).
//!
//! ```
//! use dabir::learn::{FeatureHasher, Scorer, Trainer};
//! let a = FeatureHasher::combine(0, &[FeatureHasher::str("a")]);
//! let mut t = Trainer::new(vec!["A".into(), "B".into()]);
//! t.observe(&[a], 1, 0);
//! let model = t.finish(0.0);
//! let scorer = Scorer::new(&model);
//! let (mut fast, mut plain) = ([0f32; 2], [0f32; 2]);
//! scorer.add(scorer.row(a), &mut fast);
//! model.scores(&[a], &mut plain);
//! assert_eq!(fast, plain);
//! ```

use super::Perceptron;
use crate::table::{prefetch_read, KeyTable};

/// Where one feature's weights are: `len` (class, weight) pairs from `start`, or a
/// dense row of one weight per class from `start` when `len` is `Row::DENSE`; a
/// feature without weights has `len` 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Row {
    start: u32,
    len: u32,
}

impl Row {
    /// The `len` of a dense row.
    const DENSE: u32 = u32::MAX;
    /// A feature without weights.
    pub const NONE: Row = Row { start: 0, len: 0 };
}

/// One weight of a sparse row.
#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u32,
    weight: f32,
}

/// The weights of a perceptron, for scoring only.
#[derive(Debug, Clone)]
pub struct Scorer {
    n_classes: usize,
    index: KeyTable<Row>,
    entries: Vec<Entry>,
    dense: Vec<f32>,
}

impl Scorer {
    /// The scorer of `model`.
    pub fn new(model: &Perceptron) -> Self {
        let n = model.n_classes();
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = model.rows().collect();
        rows.sort_unstable_by_key(|r| r.0);
        let sparse: usize = rows
            .iter()
            .filter(|r| r.1.len() * 4 < n)
            .map(|r| r.1.len())
            .sum();
        let mut entries = Vec::with_capacity(sparse);
        crate::table::advise_huge_pages_in(&mut entries);
        let mut dense = Vec::new();
        let mut index = Vec::with_capacity(rows.len());
        for (key, row) in rows {
            if row.is_empty() {
                continue;
            }
            if row.len() * 4 >= n {
                // (the same test as `sparse` above)
                let start = dense.len();
                dense.resize(start + n, 0.0);
                for &(c, w) in &row {
                    if let Some(slot) = dense.get_mut(start + usize::from(c)) {
                        *slot = w;
                    }
                }
                index.push((
                    key,
                    Row {
                        start: start as u32,
                        len: Row::DENSE,
                    },
                ));
            } else {
                let start = entries.len() as u32;
                entries.extend(
                    row.iter()
                        .filter(|&&(c, _)| usize::from(c) < n)
                        .map(|&(c, w)| Entry {
                            class: u32::from(c),
                            weight: w,
                        }),
                );
                index.push((
                    key,
                    Row {
                        start,
                        len: entries.len() as u32 - start,
                    },
                ));
            }
        }
        Scorer {
            n_classes: n,
            index: index.into_iter().collect(),
            entries,
            dense,
        }
    }

    /// The number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Starts loading the index line where `key` is looked up (a hint; see
    /// [`KeyTable::prefetch`]).
    #[inline(always)]
    pub fn prefetch(&self, key: u64) {
        self.index.prefetch(key);
    }

    /// The row of feature `key` ([`Row::NONE`] when it has no weights).
    #[inline(always)]
    pub fn row(&self, key: u64) -> Row {
        self.index.get(key).unwrap_or(Row::NONE)
    }

    /// Starts loading the first weights of `row` (a hint).
    #[inline(always)]
    pub fn prefetch_row(&self, row: Row) {
        let s = row.start as usize;
        match row.len {
            0 => {}
            Row::DENSE => {
                if let Some(w) = self.dense.get(s) {
                    prefetch_read(w);
                }
            }
            _ => {
                if let Some(e) = self.entries.get(s) {
                    prefetch_read(e);
                }
            }
        }
    }

    /// Adds the weights of `row` to `scores` (one slot per class).
    #[inline(always)]
    pub fn add(&self, row: Row, scores: &mut [f32]) {
        let s = row.start as usize;
        match row.len {
            0 => {}
            Row::DENSE => {
                if let Some(ws) = self.dense.get(s..s + self.n_classes) {
                    add_dense(scores, ws);
                }
            }
            len => {
                if let Some(es) = self.entries.get(s..s + len as usize) {
                    for e in es {
                        if let Some(x) = scores.get_mut(e.class as usize) {
                            *x += e.weight;
                        }
                    }
                }
            }
        }
    }
}

/// `scores[c] += ws[c]` for every class (a loop the compiler vectorises).
#[inline(always)]
pub fn add_dense(scores: &mut [f32], ws: &[f32]) {
    for (x, y) in scores.iter_mut().zip(ws) {
        *x += y;
    }
}

/// Starts loading every cache line of `ws` (a hint).
#[inline(always)]
pub fn prefetch_all(ws: &[f32]) {
    for w in ws.iter().step_by(16) {
        prefetch_read(w);
    }
}

/// The index of the highest score, the first one on ties (0 when there is none): the
/// same answer as [`crate::learn::perceptron::argmax`], found with a vectorised
/// maximum and one scan for its first occurrence.
#[inline]
pub fn argmax(scores: &[f32]) -> usize {
    let mut lanes = [f32::NEG_INFINITY; 8];
    let mut chunks = scores.chunks_exact(8);
    for c in &mut chunks {
        for (m, &x) in lanes.iter_mut().zip(c) {
            *m = m.max(x);
        }
    }
    let best = chunks.remainder().iter().fold(
        lanes.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)),
        |a, &b| a.max(b),
    );
    scores.iter().position(|&x| x == best).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::Trainer;

    #[test]
    fn scores_like_the_perceptron() {
        // 40 classes; feature 1 updates most of them (dense), the others a few
        let labels: Vec<String> = (0..40).map(|i| i.to_string()).collect();
        let mut t = Trainer::new(labels);
        for c in 0..39 {
            t.observe(&[1, 2 + c as u64 % 3], c, c + 1);
        }
        let model = t.finish(0.0);
        let scorer = Scorer::new(&model);
        let feats = [1u64, 2, 3, 4, 99];
        let (mut fast, mut plain) = ([0f32; 40], [0f32; 40]);
        for f in feats {
            scorer.prefetch(f);
            scorer.add(scorer.row(f), &mut fast);
        }
        model.scores(&feats, &mut plain);
        assert_eq!(fast, plain);
        assert_eq!(scorer.row(99), Row::NONE);
        assert_ne!(scorer.row(1), Row::NONE);
    }

    #[test]
    fn argmax_agrees_with_the_plain_one() {
        use crate::learn::perceptron::argmax as plain;
        let cases: [&[f32]; 6] = [
            &[],
            &[f32::NEG_INFINITY; 3],
            &[f32::NAN, 1.0, 1.0],
            &[0.0, -0.0, 0.0],
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 9.0, 1.0],
            &[-3.0, -1.0, -2.0, -1.0, -5.0, -6.0, -7.0, -8.0, -9.0, -0.5],
        ];
        for c in cases {
            assert_eq!(argmax(c), plain(c), "{c:?}");
        }
        let v: Vec<f32> = (0..188).map(|i| ((i * 37) % 101) as f32 * 0.25).collect();
        assert_eq!(argmax(&v), plain(&v));
    }
}

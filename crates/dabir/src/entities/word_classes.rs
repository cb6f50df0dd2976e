//! Word classes at several granularities, learned from unannotated text, for the entity
//! features.
//!
//! The flat clusters of [`crate::morphology::clusters`] put a word in one group of 512
//! (and one of 64). Entity recognition gains from seeing a word's class at several
//! granularities at once (Ratinov & Roth 2009, Turian et al. 2010, with the prefixes of
//! Brown cluster paths): a fine class is nearly the word for frequent words and names
//! rare ones by their company; a coarse one says "a name of a person" or "a place
//! noun". Here every word seen at least `min_count` times is described by its left and
//! right neighbours among the most frequent words (square roots of the counts, a unit
//! vector), the words are grouped by spherical k-means into the finest level's classes,
//! and each coarser level groups the classes of the level below by their centroids, so
//! the levels nest like a tree's prefixes: two words in one fine class share every
//! coarser class.
//!
//! ```
//! use dabir::entities::word_classes::WordClasses;
//! // people after titles, places after place nouns; the finest level's three classes
//! // start from the most frequent words: تهران, علی and (first of the rest) آقای
//! let text: Vec<Vec<String>> = (0..80)
//!     .map(|i| {
//!         let name = ["علی", "علی", "علی", "رضا", "تهران", "تهران", "تهران", "شیراز"][i % 8];
//!         let before = if i % 8 < 4 {
//!             ["آقای", "جناب", "دکتر", "استاد"][(i / 8) % 4]
//!         } else {
//!             ["شهر", "استان", "بندر", "منطقه"][(i / 8) % 4]
//!         };
//!         [before, name].map(String::from).to_vec()
//!     })
//!     .collect();
//! let c = WordClasses::learn(&text, 2, &[3, 1], 20, 1, 5);
//! assert_eq!(c.levels(), 2);
//! // names of people share their classes, and differ from places at the fine level
//! assert_eq!(c.classes_of("علی"), c.classes_of("رضا"));
//! assert_ne!(c.classes_of("علی").map(|x| x[0]), c.classes_of("تهران").map(|x| x[0]));
//! ```

use crate::error::{Error, Result};
use crate::learn::FeatureHasher;
use crate::model::{Reader, Writer};
use crate::table::KeyTable;
use rustc_hash::FxHashMap;

/// The most levels a model keeps.
pub const MAX_LEVELS: usize = 4;

/// word hash → its class at each level (finest first; unused levels are 0).
#[derive(Debug, Clone, Default)]
pub struct WordClasses {
    levels: usize,
    map: KeyTable<[u16; MAX_LEVELS]>,
}

impl WordClasses {
    /// The number of levels (0: no classes).
    pub fn levels(&self) -> usize {
        self.levels
    }

    /// The number of words with classes.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no word has a class.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The classes of an already hashed word, finest level first.
    #[inline]
    pub fn classes(&self, word_hash: u64) -> Option<[u16; MAX_LEVELS]> {
        self.map.get(word_hash)
    }

    /// The classes of `word` (hashed as the features hash it).
    pub fn classes_of(&self, word: &str) -> Option<[u16; MAX_LEVELS]> {
        self.classes(FeatureHasher::str(word))
    }

    /// Learns classes of the words seen at least `min_count` times in `sentences`:
    /// `sizes` are the numbers of classes per level, finest first (at most
    /// [`MAX_LEVELS`]; each should be smaller than the one before), the words are
    /// described by their neighbours among the `n_context` most frequent words up to
    /// `window` (1 to 3) positions away on each side, and k-means runs `iterations`
    /// rounds at each level.
    pub fn learn(
        sentences: &[Vec<String>],
        min_count: u32,
        sizes: &[usize],
        n_context: usize,
        window: usize,
        iterations: usize,
    ) -> Self {
        let sizes: Vec<usize> = sizes
            .iter()
            .copied()
            .filter(|&k| k > 0)
            .take(MAX_LEVELS)
            .collect();
        let Some(&finest) = sizes.first() else {
            return WordClasses::default();
        };
        let mut freq: FxHashMap<&str, u32> = FxHashMap::default();
        for s in sentences {
            for w in s {
                *freq.entry(w.as_str()).or_default() += 1;
            }
        }
        let mut by_freq: Vec<(&str, u32)> = freq.iter().map(|(w, n)| (*w, *n)).collect();
        by_freq.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let ctx: FxHashMap<&str, u32> = by_freq
            .iter()
            .take(n_context)
            .enumerate()
            .map(|(i, (w, _))| (*w, i as u32))
            .collect();
        let vocab: Vec<&str> = by_freq
            .iter()
            .filter(|(_, n)| *n >= min_count)
            .map(|(w, _)| *w)
            .collect();
        let vidx: FxHashMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        // dimensions: for each offset -window..=window but 0 (nearest first, left then
        // right), the neighbour there: n_context values + "past the sentence's edge"
        let window = window.clamp(1, 3);
        let block = n_context as u32 + 1;
        let edge = n_context as u32;
        let dim = 2 * window * (n_context + 1);
        let mut counts: Vec<FxHashMap<u32, f32>> = vec![FxHashMap::default(); vocab.len()];
        for s in sentences {
            for (i, w) in s.iter().enumerate() {
                let Some(row) = vidx.get(w.as_str()).and_then(|&v| counts.get_mut(v)) else {
                    continue;
                };
                for d in 1..=window {
                    // the farther offsets count half as much as the nearest
                    let weight = if d == 1 { 1.0 } else { 0.5 };
                    let base = 2 * (d - 1) as u32 * block;
                    let left = match i.checked_sub(d).and_then(|j| s.get(j)) {
                        None => Some(edge),
                        Some(x) => ctx.get(x.as_str()).copied(),
                    };
                    let next = match s.get(i + d) {
                        None => Some(edge),
                        Some(x) => ctx.get(x.as_str()).copied(),
                    };
                    if let Some(l) = left {
                        *row.entry(base + l).or_default() += weight;
                    }
                    if let Some(r) = next {
                        *row.entry(base + block + r).or_default() += weight;
                    }
                }
            }
        }
        let vecs: Vec<Vec<(u32, f32)>> = counts
            .into_iter()
            .map(|m| {
                let mut v: Vec<(u32, f32)> = m.into_iter().map(|(d, c)| (d, c.sqrt())).collect();
                v.sort_unstable_by_key(|x| x.0);
                let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
                v.iter_mut().for_each(|x| x.1 /= norm);
                v
            })
            .collect();
        // the finest level over the words, each coarser one over the centroids below
        let (mut assign, mut centroids) = kmeans(&vecs, dim, finest, iterations);
        let mut per_level: Vec<Vec<u16>> = vec![assign.clone()];
        for &k in sizes.iter().skip(1) {
            let cvecs: Vec<Vec<(u32, f32)>> = centroids
                .iter()
                .map(|c| {
                    c.iter()
                        .enumerate()
                        .filter(|(_, x)| **x != 0.0)
                        .map(|(i, x)| (i as u32, *x))
                        .collect()
                })
                .collect();
            let (up, cents) = kmeans(&cvecs, dim, k, iterations);
            assign = assign
                .iter()
                .map(|&a| up.get(usize::from(a)).copied().unwrap_or(0))
                .collect();
            per_level.push(assign.clone());
            centroids = cents;
        }
        let map = vocab
            .iter()
            .enumerate()
            .map(|(w, word)| {
                let mut c = [0u16; MAX_LEVELS];
                for (slot, level) in c.iter_mut().zip(&per_level) {
                    *slot = level.get(w).copied().unwrap_or(0);
                }
                (FeatureHasher::str(word), c)
            })
            .collect();
        WordClasses {
            levels: sizes.len(),
            map,
        }
    }

    /// Appends the classes to a model file.
    pub fn write(&self, w: &mut Writer) {
        let mut v: Vec<(u64, [u16; MAX_LEVELS])> = self.map.iter().collect();
        v.sort_unstable();
        w.u32(self.levels as u32);
        w.u32(v.len() as u32);
        let mut blob = Vec::with_capacity(v.len() * (8 + 2 * MAX_LEVELS));
        for (h, c) in v {
            blob.extend_from_slice(&h.to_le_bytes());
            for x in c {
                blob.extend_from_slice(&x.to_le_bytes());
            }
        }
        w.bytes(&blob);
    }

    /// Reads classes written by [`WordClasses::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let levels = r.u32()? as usize;
        if levels > MAX_LEVELS {
            return Err(Error::model(
                super::MODEL_KIND,
                "too many word class levels",
            ));
        }
        let n = r.count(0)?;
        let blob = r.bytes()?;
        let item = 8 + 2 * MAX_LEVELS;
        if Some(blob.len()) != n.checked_mul(item) {
            return Err(Error::model(
                super::MODEL_KIND,
                "word class table has the wrong size",
            ));
        }
        let map = blob
            .chunks_exact(item)
            .map(|c| {
                let (h, rest) = c.split_at(8);
                let mut hb = [0u8; 8];
                hb.copy_from_slice(h);
                let mut classes = [0u16; MAX_LEVELS];
                for (slot, b) in classes.iter_mut().zip(rest.chunks_exact(2)) {
                    *slot = u16::from_le_bytes([b[0], b[1]]);
                }
                (u64::from_le_bytes(hb), classes)
            })
            .collect();
        Ok(WordClasses { levels, map })
    }
}

/// Spherical k-means over sparse unit vectors of dimension `dim`, started from the
/// first `k` vectors (the most frequent words): assignments and unit centroids. The
/// centroids are kept transposed (one row of `k` scores per dimension), so scoring a
/// word against every centroid is a few contiguous multiply-adds per non-zero entry.
fn kmeans(
    vecs: &[Vec<(u32, f32)>],
    dim: usize,
    k: usize,
    iterations: usize,
) -> (Vec<u16>, Vec<Vec<f32>>) {
    let k = k.min(vecs.len()).clamp(1, usize::from(u16::MAX));
    let mut assign = vec![0u16; vecs.len()];
    let mut centroids: Vec<Vec<f32>> = (0..k)
        .map(|c| {
            let mut d = vec![0f32; dim];
            for &(i, x) in vecs.get(c).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(slot) = d.get_mut(i as usize) {
                    *slot = x;
                }
            }
            d
        })
        .collect();
    let mut scores = vec![0f32; k];
    let mut by_dim = vec![0f32; dim * k];
    for _ in 0..iterations {
        for (c, cent) in centroids.iter().enumerate() {
            for (d, &x) in cent.iter().enumerate() {
                if let Some(slot) = by_dim.get_mut(d * k + c) {
                    *slot = x;
                }
            }
        }
        for (v, a) in vecs.iter().zip(assign.iter_mut()) {
            scores.iter_mut().for_each(|s| *s = 0.0);
            for &(d, x) in v {
                let d = d as usize;
                if let Some(row) = by_dim.get(d * k..(d + 1) * k) {
                    for (s, &c) in scores.iter_mut().zip(row) {
                        *s += c * x;
                    }
                }
            }
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (c, &s) in scores.iter().enumerate() {
                if s > best.0 {
                    best = (s, c);
                }
            }
            *a = u16::try_from(best.1).unwrap_or(0);
        }
        centroids = centroids_of(vecs, &assign, dim, k);
    }
    (assign, centroids)
}

/// The unit-length mean of each class's vectors (dense, `dim` long).
fn centroids_of(vecs: &[Vec<(u32, f32)>], assign: &[u16], dim: usize, k: usize) -> Vec<Vec<f32>> {
    let mut centroids = vec![vec![0f32; dim]; k];
    for (v, &a) in vecs.iter().zip(assign) {
        if let Some(cent) = centroids.get_mut(usize::from(a)) {
            for &(i, x) in v {
                if let Some(slot) = cent.get_mut(i as usize) {
                    *slot += x;
                }
            }
        }
    }
    for cent in centroids.iter_mut() {
        let norm = cent.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            cent.iter_mut().for_each(|x| *x /= norm);
        }
    }
    centroids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_nest_and_round_trip() {
        let text: Vec<Vec<String>> = (0..60)
            .map(|i| {
                let w = format!("w{}", i % 12);
                ["a", w.as_str(), if i % 3 == 0 { "b" } else { "c" }]
                    .map(String::from)
                    .to_vec()
            })
            .collect();
        let c = WordClasses::learn(&text, 2, &[6, 3, 2], 3, 2, 4);
        assert_eq!(c.levels(), 3);
        // nesting: one fine class never maps to two coarse ones
        let mut up: FxHashMap<u16, [u16; MAX_LEVELS]> = FxHashMap::default();
        for (_, x) in c.map.iter() {
            let e = up.entry(x[0]).or_insert(x);
            assert_eq!(&e[1..], &x[1..]);
        }
        let mut w = Writer::new("test", 1);
        c.write(&mut w);
        let bytes = w.finish();
        let mut r = Reader::open(&bytes, "test", 1).unwrap();
        let back = WordClasses::read(&mut r).unwrap();
        assert_eq!(back.levels(), 3);
        assert_eq!(back.classes_of("w1"), c.classes_of("w1"));
        assert_eq!(back.len(), c.len());
    }

    #[test]
    fn no_sizes_no_classes() {
        let c = WordClasses::learn(&[vec!["a".to_string()]], 1, &[], 10, 1, 3);
        assert_eq!(c.levels(), 0);
        assert!(c.is_empty());
    }
}

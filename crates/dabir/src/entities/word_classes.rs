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
//! coarser class. The vectors and the k-means are [`crate::learn::word_vectors`]'s,
//! shared with the morphology stage's clusters.
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
use crate::learn::word_vectors::{nested_classes, ContextVectors};
use crate::learn::FeatureHasher;
use crate::model::{Reader, Writer};
use crate::table::KeyTable;

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
        if sizes.is_empty() {
            return WordClasses::default();
        }
        let vectors = ContextVectors::learn(sentences, min_count, n_context, window);
        let per_level = nested_classes(&vectors, &sizes, iterations);
        let map = vectors
            .words
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
        let mut up: rustc_hash::FxHashMap<u16, [u16; MAX_LEVELS]> =
            rustc_hash::FxHashMap::default();
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

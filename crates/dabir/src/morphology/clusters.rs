//! Distributional word clusters learned from unannotated text.
//!
//! The annotated treebank we train on has 25k words; the raw train sentences have
//! 437k. Words that occur in the same contexts tend to share a part of speech, so each
//! frequent word of the raw text is described by the counts of its left and right
//! neighbours among the most frequent words, and the words are grouped by spherical
//! k-means (cosine similarity, deterministic start from the most frequent words; both in
//! [`crate::learn::word_vectors`]). The tagger then sees "cluster 17" for a word the
//! treebank never showed it.
//!
//! ```
//! use dabir::morphology::clusters::Clusters;
//! let text: Vec<Vec<String>> = (0..50)
//!     .map(|i| ["من", if i % 2 == 0 { "کتاب" } else { "قلم" }, "را", "دیدم"].map(String::from).to_vec())
//!     .collect();
//! let c = Clusters::learn(&text, 2, 2, 3, 5);
//! // کتاب and قلم occur in the same contexts
//! assert_eq!(c.cluster_of("کتاب"), c.cluster_of("قلم"));
//! ```

use crate::error::Result;
use crate::learn::word_vectors::{nested_classes, ContextVectors};
use crate::learn::FeatureHasher;
use crate::model::{Reader, Writer};
use crate::table::KeyTable;

/// word hash → (fine cluster, coarse cluster), in a [`KeyTable`] (the tagger looks up
/// every word, and starts the lookups early with [`Clusters::prefetch`]).
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    map: KeyTable<(u16, u16)>,
}

impl Clusters {
    /// The (fine, coarse) clusters of an already hashed word.
    #[inline]
    pub fn cluster(&self, word_hash: u64) -> Option<(u16, u16)> {
        self.map.get(word_hash)
    }

    /// Starts loading where [`Clusters::cluster`] looks `word_hash` up (a hint).
    #[inline]
    pub fn prefetch(&self, word_hash: u64) {
        self.map.prefetch(word_hash);
    }

    /// The fine cluster of `word`.
    pub fn cluster_of(&self, word: &str) -> Option<u16> {
        self.cluster(FeatureHasher::str(word)).map(|c| c.0)
    }

    /// The number of clustered words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no word is clustered.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Clusters the words seen at least `min_count` times in `sentences` into `k`
    /// groups, describing each by its neighbours among the `n_context` most frequent
    /// words, with `iterations` rounds of k-means.
    pub fn learn(
        sentences: &[Vec<String>],
        min_count: u32,
        k: usize,
        n_context: usize,
        iterations: usize,
    ) -> Self {
        // neighbours one position away; coarse classes group the fine ones by centroid
        let vectors = ContextVectors::learn(sentences, min_count, n_context, 1);
        let levels = nested_classes(&vectors, &[k, (k / 8).max(1)], iterations);
        let (fine, coarse) = match levels.as_slice() {
            [fine, coarse] => (fine.as_slice(), coarse.as_slice()),
            _ => (&[][..], &[][..]),
        };
        let map = vectors
            .words
            .iter()
            .zip(fine.iter().zip(coarse))
            .map(|(w, (&f, &c))| (FeatureHasher::str(w), (f, c)))
            .collect();
        Clusters { map }
    }

    /// Appends the clusters to a model file.
    pub fn write(&self, w: &mut Writer) {
        let mut v: Vec<(u64, (u16, u16))> = self.map.iter().collect();
        v.sort_unstable();
        w.u32(v.len() as u32);
        let mut blob = Vec::with_capacity(v.len() * 12);
        for (h, (fine, coarse)) in v {
            blob.extend_from_slice(&h.to_le_bytes());
            blob.extend_from_slice(&fine.to_le_bytes());
            blob.extend_from_slice(&coarse.to_le_bytes());
        }
        w.bytes(&blob);
    }

    /// Reads clusters written by [`Clusters::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.count(0)?;
        let blob = r.bytes()?;
        if Some(blob.len()) != n.checked_mul(12) {
            return Err(crate::Error::model(
                "morphology",
                "cluster table has the wrong size",
            ));
        }
        let map = blob
            .chunks_exact(12)
            .map(|c| {
                let mut h = [0u8; 8];
                h.copy_from_slice(&c[..8]);
                (
                    u64::from_le_bytes(h),
                    (
                        u16::from_le_bytes([c[8], c[9]]),
                        u16::from_le_bytes([c[10], c[11]]),
                    ),
                )
            })
            .collect();
        Ok(Clusters { map })
    }
}

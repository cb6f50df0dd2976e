//! Distributional word clusters learned from unannotated text.
//!
//! The annotated treebank we train on has 25k words; the raw train sentences have
//! 437k. Words that occur in the same contexts tend to share a part of speech, so each
//! frequent word of the raw text is described by the counts of its left and right
//! neighbours among the most frequent words, and the words are grouped by spherical
//! k-means (cosine similarity, deterministic start from the most frequent words). The
//! tagger then sees "cluster 17" for a word the treebank never showed it.
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
use crate::learn::FeatureHasher;
use crate::model::{Reader, Writer};
use crate::table::KeyTable;
use rustc_hash::FxHashMap;

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
        let mut freq: FxHashMap<&str, u32> = FxHashMap::default();
        for s in sentences {
            for w in s {
                *freq.entry(w.as_str()).or_default() += 1;
            }
        }
        let mut by_freq: Vec<(&str, u32)> = freq.iter().map(|(w, n)| (*w, *n)).collect();
        by_freq.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let ctx: FxHashMap<&str, usize> = by_freq
            .iter()
            .take(n_context)
            .enumerate()
            .map(|(i, (w, _))| (*w, i))
            .collect();
        let vocab: Vec<&str> = by_freq
            .iter()
            .filter(|(_, n)| *n >= min_count)
            .map(|(w, _)| *w)
            .collect();
        let vidx: FxHashMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        // dims: left neighbour (n_context + 1 for sentence start), right neighbour (+1 end)
        let dim = 2 * (n_context + 1);
        let mut counts: Vec<FxHashMap<u32, f32>> = vec![FxHashMap::default(); vocab.len()];
        for s in sentences {
            for (i, w) in s.iter().enumerate() {
                let Some(&v) = vidx.get(w.as_str()) else {
                    continue;
                };
                let left = if i == 0 {
                    Some(n_context)
                } else {
                    s.get(i - 1).and_then(|x| ctx.get(x.as_str()).copied())
                };
                let right = match s.get(i + 1) {
                    None => Some(n_context),
                    Some(x) => ctx.get(x.as_str()).copied(),
                };
                if let (Some(l), Some(row)) = (left, counts.get_mut(v)) {
                    *row.entry(l as u32).or_default() += 1.0;
                }
                if let (Some(r), Some(row)) = (right, counts.get_mut(v)) {
                    *row.entry((n_context + 1 + r) as u32).or_default() += 1.0;
                }
            }
        }
        // sparse unit vectors of sqrt counts
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
        let (assign, centroids) = kmeans(&vecs, dim, k, iterations);
        // coarse classes: the fine clusters' centroids clustered again
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
        let (coarse, _) = kmeans(&cvecs, dim, (k / 8).max(1), iterations);
        let map = vocab
            .iter()
            .zip(&assign)
            .map(|(w, &a)| {
                (
                    FeatureHasher::str(w),
                    (a, coarse.get(usize::from(a)).copied().unwrap_or(0)),
                )
            })
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

/// Spherical k-means over sparse unit vectors of dimension `dim`, started from the
/// first `k` vectors (the most frequent words): assignments and unit centroids.
fn kmeans(
    vecs: &[Vec<(u32, f32)>],
    dim: usize,
    k: usize,
    iterations: usize,
) -> (Vec<u16>, Vec<Vec<f32>>) {
    let k = k.min(vecs.len()).max(1);
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
    let mut assign = vec![0u16; vecs.len()];
    for _ in 0..iterations {
        for (v, a) in vecs.iter().zip(assign.iter_mut()) {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (c, cent) in centroids.iter().enumerate() {
                let s: f32 = v
                    .iter()
                    .map(|&(i, x)| cent.get(i as usize).copied().unwrap_or(0.0) * x)
                    .sum();
                if s > best.0 {
                    best = (s, c);
                }
            }
            *a = best.1 as u16;
        }
        for cent in centroids.iter_mut() {
            cent.iter_mut().for_each(|x| *x = 0.0);
        }
        for (v, &a) in vecs.iter().zip(&assign) {
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
    }
    (assign, centroids)
}

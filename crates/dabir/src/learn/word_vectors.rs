//! Distributional word vectors and their grouping, shared by the morphology stage's
//! word clusters ([`crate::morphology::clusters`]) and the entity stage's nested word
//! classes ([`crate::entities::word_classes`]).
//!
//! A word is described by the words around it: for each offset up to `window` on
//! each side, which of the `n_context` most frequent words stands there (or the
//! sentence's edge). The counts' square roots, scaled to unit length, make a sparse
//! vector; words with similar vectors occur in similar contexts, and so tend to share
//! a part of speech or an entity type. [`spherical_kmeans`] groups the vectors by
//! cosine similarity and [`nested_classes`] groups the groups again, coarser at each
//! level, so that two words in one fine class share every coarser class.
//!
//! ```
//! use dabir::learn::word_vectors::{nested_classes, ContextVectors};
//! let text: Vec<Vec<String>> = (0..40)
//!     .map(|i| ["من", ["کتاب", "قلم"][i % 2], "را", "دیدم"].map(String::from).to_vec())
//!     .collect();
//! let v = ContextVectors::learn(&text, 2, 3, 1);
//! let levels = nested_classes(&v, &[2, 1], 5);
//! let class = |w: &str| v.words.iter().position(|x| *x == w).map(|i| levels[0][i]);
//! // کتاب and قلم occur in the same contexts
//! assert_eq!(class("کتاب"), class("قلم"));
//! ```

use rustc_hash::FxHashMap;

/// A sparse vector: (dimension, value) pairs sorted by dimension.
pub type SparseVector = Vec<(u32, f32)>;

/// The words of a text seen often enough, with their context vectors.
#[derive(Debug, Clone, Default)]
pub struct ContextVectors<'a> {
    /// The described words, most frequent first (ties in text order of the bytes).
    pub words: Vec<&'a str>,
    /// One unit vector per word of `words`.
    pub vectors: Vec<SparseVector>,
    /// The number of dimensions: `2 * window * (n_context + 1)`.
    pub dim: usize,
}

impl<'a> ContextVectors<'a> {
    /// Describes every word seen at least `min_count` times in `sentences` by its
    /// neighbours among the `n_context` most frequent words, up to `window` (1 to 3)
    /// positions away on each side. Dimensions: for each distance from 1 to `window`,
    /// a block of left neighbours then one of right neighbours, each `n_context + 1`
    /// long (the last slot is the sentence's edge). The nearest neighbours count 1,
    /// farther ones ½, so the vector is mostly what stands next to the word.
    pub fn learn(
        sentences: &'a [Vec<String>],
        min_count: u32,
        n_context: usize,
        window: usize,
    ) -> Self {
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
        let words: Vec<&str> = by_freq
            .iter()
            .filter(|(_, n)| *n >= min_count)
            .map(|(w, _)| *w)
            .collect();
        let index: FxHashMap<&str, usize> =
            words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        let window = window.clamp(1, 3);
        let block = n_context as u32 + 1;
        let edge = n_context as u32;
        let dim = 2 * window * (n_context + 1);
        let mut counts: Vec<FxHashMap<u32, f32>> = vec![FxHashMap::default(); words.len()];
        for s in sentences {
            for (i, w) in s.iter().enumerate() {
                let Some(row) = index.get(w.as_str()).and_then(|&v| counts.get_mut(v)) else {
                    continue;
                };
                for d in 1..=window {
                    let weight = if d == 1 { 1.0 } else { 0.5 };
                    let base = 2 * (d - 1) as u32 * block;
                    let left = match i.checked_sub(d).and_then(|j| s.get(j)) {
                        None => Some(edge),
                        Some(x) => ctx.get(x.as_str()).copied(),
                    };
                    let right = match s.get(i + d) {
                        None => Some(edge),
                        Some(x) => ctx.get(x.as_str()).copied(),
                    };
                    if let Some(l) = left {
                        *row.entry(base + l).or_default() += weight;
                    }
                    if let Some(r) = right {
                        *row.entry(base + block + r).or_default() += weight;
                    }
                }
            }
        }
        let vectors = counts
            .into_iter()
            .map(|m| {
                let mut v: SparseVector = m.into_iter().map(|(d, c)| (d, c.sqrt())).collect();
                v.sort_unstable_by_key(|x| x.0);
                let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
                v.iter_mut().for_each(|x| x.1 /= norm);
                v
            })
            .collect();
        ContextVectors {
            words,
            vectors,
            dim,
        }
    }
}

/// The class of every word of `vectors` at each level of `sizes` (numbers of classes,
/// finest first): the finest level is [`spherical_kmeans`] over the words, each
/// coarser level the same over the centroids of the level below, so the levels nest.
/// Levels of size 0 are skipped.
pub fn nested_classes(
    vectors: &ContextVectors<'_>,
    sizes: &[usize],
    iterations: usize,
) -> Vec<Vec<u16>> {
    let mut sizes = sizes.iter().copied().filter(|&k| k > 0);
    let Some(finest) = sizes.next() else {
        return Vec::new();
    };
    let (mut assign, mut centroids) =
        spherical_kmeans(&vectors.vectors, vectors.dim, finest, iterations);
    let mut levels = vec![assign.clone()];
    for k in sizes {
        let sparse: Vec<SparseVector> = centroids
            .iter()
            .map(|c| {
                c.iter()
                    .enumerate()
                    .filter(|(_, x)| **x != 0.0)
                    .map(|(i, x)| (i as u32, *x))
                    .collect()
            })
            .collect();
        let (up, cents) = spherical_kmeans(&sparse, vectors.dim, k, iterations);
        assign = assign
            .iter()
            .map(|&a| up.get(usize::from(a)).copied().unwrap_or(0))
            .collect();
        levels.push(assign.clone());
        centroids = cents;
    }
    levels
}

/// Spherical k-means over sparse unit vectors of dimension `dim`, started from the
/// first `k` vectors (the most frequent words, deterministically): assignments and
/// unit centroids. The centroids are kept transposed (one row of `k` scores per
/// dimension), so scoring a word against every centroid is a few contiguous
/// multiply-adds per non-zero entry.
pub fn spherical_kmeans(
    vecs: &[SparseVector],
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
fn centroids_of(vecs: &[SparseVector], assign: &[u16], dim: usize, k: usize) -> Vec<Vec<f32>> {
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

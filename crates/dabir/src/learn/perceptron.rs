//! A multi-class averaged perceptron over hashed sparse binary features.
//!
//! Why a perceptron: it trains in seconds on a treebank, needs no tuning beyond the
//! number of epochs, and scoring is a handful of hash lookups per token, which is what
//! a tagger that must run at a million tokens per second can afford. Averaging the
//! weights over every training step (Collins 2002) gives most of the accuracy of a
//! large-margin model.
//!
//! Training goes through [`Trainer`]: for each instance the caller computes feature
//! hashes (see [`crate::learn::FeatureHasher`]), asks for a prediction, and calls
//! [`Trainer::observe`] with the truth, which advances the clock and updates the weights
//! when the guess was wrong. Averaging is lazy: each weight remembers when it last
//! changed and how much it has summed so far, so an update costs O(features), not
//! O(model). [`Trainer::finish`] freezes the averaged weights into a [`Perceptron`],
//! which scores, predicts and serialises with [`crate::model`].
//!
//! The model knows nothing about sequences: a sequence labeller (the morphological
//! tagger here, the entity tagger later) adds the previous decisions as features and
//! decodes greedily or with a beam/Viterbi over [`Perceptron::scores`].
//!
//! ```
//! use dabir::learn::{FeatureHasher, Trainer};
//! // two classes told apart by one feature each
//! let a = FeatureHasher::combine(0, &[FeatureHasher::str("a")]);
//! let b = FeatureHasher::combine(0, &[FeatureHasher::str("b")]);
//! let mut t = Trainer::new(vec!["A".into(), "B".into()]);
//! for _ in 0..3 {
//!     for (f, y) in [(a, 0), (b, 1)] {
//!         let guess = t.predict(&[f]);
//!         t.observe(&[f], y, guess);
//!     }
//! }
//! let model = t.finish(0.0);
//! assert_eq!(model.label(model.predict(&[b])), Some("B"));
//! // round trip through the model file format
//! let bytes = model.to_bytes("doc", 1);
//! let back = dabir::learn::Perceptron::from_bytes(&bytes, "doc", 1).unwrap();
//! assert_eq!(back.predict(&[a]), 0);
//! ```

use crate::error::{Error, Result};
use crate::model::{Reader, Writer};
use rustc_hash::FxHashMap;

/// One class weight of one feature during training.
#[derive(Debug, Clone, Copy)]
struct Param {
    class: u16,
    /// The current weight.
    w: f32,
    /// Σ of the weight over the steps before `stamp`.
    total: f64,
    /// The step from which `w` has held.
    stamp: u64,
}

/// Online training state of an averaged perceptron.
#[derive(Debug)]
pub struct Trainer {
    labels: Vec<String>,
    params: FxHashMap<u64, Vec<Param>>,
    /// Instances observed so far.
    step: u64,
}

/// Adds `delta` to `class`'s weight in one feature's parameter list at step `now`, first
/// bringing its running total (for averaging) up to date.
fn bump(ps: &mut Vec<Param>, class: u16, delta: f32, now: u64) {
    let i = match ps.iter().position(|p| p.class == class) {
        Some(i) => i,
        None => {
            ps.push(Param {
                class,
                w: 0.0,
                total: 0.0,
                stamp: now,
            });
            ps.len() - 1
        }
    };
    if let Some(p) = ps.get_mut(i) {
        p.total += f64::from(p.w) * (now - p.stamp) as f64;
        p.stamp = now;
        p.w += delta;
    }
}

impl Trainer {
    /// A trainer for the classes named by `labels` (class `i` is `labels[i]`).
    /// At most 65,536 classes.
    pub fn new(labels: Vec<String>) -> Self {
        Trainer {
            labels,
            params: FxHashMap::default(),
            step: 0,
        }
    }

    /// The number of classes.
    pub fn n_classes(&self) -> usize {
        self.labels.len()
    }

    /// Adds the current (not averaged) weights of `feats` to `scores`
    /// (`scores.len()` must be the number of classes; extra classes are ignored).
    pub fn scores(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(ps) = self.params.get(f) {
                for p in ps {
                    if let Some(s) = scores.get_mut(usize::from(p.class)) {
                        *s += p.w;
                    }
                }
            }
        }
    }

    /// The best class under the current weights (ties go to the lowest class).
    pub fn predict(&self, feats: &[u64]) -> usize {
        let mut s = vec![0f32; self.n_classes()];
        self.scores(feats, &mut s);
        argmax(&s)
    }

    /// Records one training instance: advances the clock and, when `guess` differs from
    /// `truth`, moves the weights of `feats` towards `truth` and away from `guess`.
    /// Call it for every instance, right or wrong, or the average is skewed.
    pub fn observe(&mut self, feats: &[u64], truth: usize, guess: usize) {
        self.step += 1;
        if truth == guess {
            return;
        }
        let now = self.step;
        for &f in feats {
            let ps = self.params.entry(f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let Ok(class) = u16::try_from(class) else {
                    continue;
                };
                bump(ps, class, delta, now);
            }
        }
    }

    /// Advances the averaging clock by one step without changing a weight: structured
    /// training (a whole sentence decoded at once) calls it once per sentence and then
    /// [`Trainer::update`] for each part that was wrong.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Adds `delta` to the weight of each of `feats` for `class`, at the current step
    /// (see [`Trainer::tick`]). A structured perceptron rewards the gold sequence's
    /// features and penalises the predicted one's, which may differ in their features
    /// (the previous label), so it cannot use [`Trainer::observe`].
    pub fn update(&mut self, feats: &[u64], class: usize, delta: f32) {
        let Ok(class) = u16::try_from(class) else {
            return;
        };
        let now = self.step;
        for &f in feats {
            bump(self.params.entry(f).or_default(), class, delta, now);
        }
    }

    /// Freezes the averaged weights into a model, dropping weights whose absolute value
    /// is at most `prune` (0.0 keeps every non-zero weight).
    pub fn finish(self, prune: f32) -> Perceptron {
        let end = self.step + 1;
        let steps = self.step.max(1) as f64;
        let mut keys: Vec<u64> = self.params.keys().copied().collect();
        keys.sort_unstable();
        let mut m = Perceptron::empty(self.labels);
        for k in keys {
            let Some(ps) = self.params.get(&k) else {
                continue;
            };
            let mut row: Vec<(u16, f32)> = ps
                .iter()
                .map(|p| {
                    let total = p.total + f64::from(p.w) * (end - p.stamp) as f64;
                    (p.class, (total / steps) as f32)
                })
                .filter(|&(_, w)| w.abs() > prune && w != 0.0)
                .collect();
            row.sort_unstable_by_key(|&(c, _)| c);
            m.push(k, &row);
        }
        m
    }
}

/// The index of the highest score (the first one on ties; 0 for an empty slice).
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    let mut best_s = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if s > best_s {
            best = i;
            best_s = s;
        }
    }
    best
}

/// A trained, averaged perceptron: feature hash → sparse class weights.
#[derive(Debug, Clone)]
pub struct Perceptron {
    labels: Vec<String>,
    /// feature → (first entry, number of entries); a count of 0 marks a dense row of
    /// one weight per class starting at `dense[first]`.
    index: FxHashMap<u64, (u32, u32)>,
    classes: Vec<u16>,
    weights: Vec<f32>,
    /// Rows that have a weight for a quarter of the classes or more are stored dense:
    /// adding a dense row is a vectorised loop instead of a scatter, and these rows
    /// (bias, previous tags, frequent affixes) are the ones every word touches.
    dense: Vec<f32>,
}

impl Perceptron {
    fn empty(labels: Vec<String>) -> Self {
        Perceptron {
            labels,
            index: FxHashMap::default(),
            classes: Vec::new(),
            weights: Vec::new(),
            dense: Vec::new(),
        }
    }

    fn push(&mut self, key: u64, row: &[(u16, f32)]) {
        if row.is_empty() {
            return;
        }
        let n = self.labels.len();
        if row.len() * 4 >= n {
            let start = self.dense.len();
            self.dense.resize(start + n, 0.0);
            for &(c, w) in row {
                if let Some(slot) = self.dense.get_mut(start + usize::from(c)) {
                    *slot = w;
                }
            }
            self.index.insert(key, (start as u32, 0));
            return;
        }
        let start = self.classes.len() as u32;
        for &(c, w) in row {
            self.classes.push(c);
            self.weights.push(w);
        }
        self.index.insert(key, (start, row.len() as u32));
    }

    /// The non-zero (class, weight) pairs of the row at `(start, len)`.
    fn row(&self, start: u32, len: u32) -> Vec<(u16, f32)> {
        let s = start as usize;
        if len == 0 {
            let n = self.labels.len();
            return self
                .dense
                .get(s..s + n)
                .unwrap_or(&[])
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0.0)
                .map(|(c, w)| (c as u16, *w))
                .collect();
        }
        let e = s + len as usize;
        match (self.classes.get(s..e), self.weights.get(s..e)) {
            (Some(cs), Some(ws)) => cs.iter().copied().zip(ws.iter().copied()).collect(),
            _ => Vec::new(),
        }
    }

    /// Every feature with its non-zero (class, weight) pairs, in no particular order
    /// (for [`crate::learn::Scorer`], which lays them out for speed).
    pub fn rows(&self) -> impl Iterator<Item = (u64, Vec<(u16, f32)>)> + '_ {
        self.index.iter().map(|(&k, &(s, l))| (k, self.row(s, l)))
    }

    /// The keys of every feature with a weight, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.index.keys().copied()
    }

    /// A model over the features for which `keep` holds, where each kept feature's
    /// weights are its own plus those of feature `extra(key)` (when that has any).
    /// Domain adaptation by feature augmentation trains a shared copy and a per-domain
    /// copy of every feature; folding them together gives one plain model per domain,
    /// as fast to run as an unadapted one.
    pub fn merged(&self, keep: impl Fn(u64) -> bool, extra: impl Fn(u64) -> u64) -> Perceptron {
        let n = self.labels.len();
        let mut keys: Vec<u64> = self.index.keys().copied().filter(|&k| keep(k)).collect();
        keys.sort_unstable();
        let mut m = Perceptron::empty(self.labels.clone());
        let mut dense = vec![0f32; n];
        for k in keys {
            dense.iter_mut().for_each(|x| *x = 0.0);
            for key in [k, extra(k)] {
                self.add_scaled(key, 1.0, &mut dense);
            }
            m.push(k, &sparse_row(&dense));
        }
        m
    }

    /// Adds `scale` times the weights of feature `key` (when it has any) to `dense`.
    fn add_scaled(&self, key: u64, scale: f32, dense: &mut [f32]) {
        if let Some(&(start, len)) = self.index.get(&key) {
            for (c, w) in self.row(start, len) {
                if let Some(x) = dense.get_mut(usize::from(c)) {
                    *x += w * scale;
                }
            }
        }
    }

    /// The mean of models with the same classes (parameter mixing: perceptrons trained on
    /// different orders of the same data, averaged into one model as fast as each);
    /// `None` when there is no model or the classes differ.
    pub fn mean(models: &[Perceptron]) -> Option<Perceptron> {
        let first = models.first()?;
        if models.iter().any(|m| m.labels != first.labels) {
            return None;
        }
        let n = first.labels.len();
        let mut keys: Vec<u64> = models.iter().flat_map(|m| m.keys()).collect();
        keys.sort_unstable();
        keys.dedup();
        let scale = 1.0 / models.len() as f32;
        let mut out = Perceptron::empty(first.labels.clone());
        let mut dense = vec![0f32; n];
        for k in keys {
            dense.iter_mut().for_each(|x| *x = 0.0);
            for m in models {
                m.add_scaled(k, scale, &mut dense);
            }
            out.push(k, &sparse_row(&dense));
        }
        Some(out)
    }

    /// The class names.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The name of class `i`.
    pub fn label(&self, i: usize) -> Option<&str> {
        self.labels.get(i).map(String::as_str)
    }

    /// The number of classes.
    pub fn n_classes(&self) -> usize {
        self.labels.len()
    }

    /// The number of features with at least one weight.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Adds the weights of `feats` to `scores` (one slot per class).
    #[inline]
    pub fn scores(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(&(start, len)) = self.index.get(f) {
                if len == 0 {
                    let s = start as usize;
                    if let Some(ws) = self.dense.get(s..s + scores.len()) {
                        for (x, w) in scores.iter_mut().zip(ws) {
                            *x += w;
                        }
                    }
                    continue;
                }
                let (s, e) = (start as usize, start as usize + len as usize);
                if let (Some(cs), Some(ws)) = (self.classes.get(s..e), self.weights.get(s..e)) {
                    for (&c, &w) in cs.iter().zip(ws) {
                        if let Some(x) = scores.get_mut(usize::from(c)) {
                            *x += w;
                        }
                    }
                }
            }
        }
    }

    /// The best class for `feats`.
    pub fn predict(&self, feats: &[u64]) -> usize {
        let mut s = vec![0f32; self.n_classes()];
        self.scores(feats, &mut s);
        argmax(&s)
    }

    /// Appends the model (labels, then features in key order) to `w`.
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.labels.len() as u32);
        for l in &self.labels {
            w.str(l);
        }
        let mut keys: Vec<(&u64, &(u32, u32))> = self.index.iter().collect();
        keys.sort_unstable_by_key(|(k, _)| **k);
        w.u32(keys.len() as u32);
        // one blob: per feature the key, the entry count, then (class u16, weight f32)s
        let mut blob = Vec::with_capacity(keys.len() * 20);
        for (k, &(start, len)) in keys {
            let row = self.row(start, len);
            blob.extend_from_slice(&k.to_le_bytes());
            blob.extend_from_slice(&(row.len() as u16).to_le_bytes());
            for (c, wt) in row {
                blob.extend_from_slice(&c.to_le_bytes());
                blob.extend_from_slice(&wt.to_le_bytes());
            }
        }
        w.bytes(&blob);
    }

    /// Reads a model written by [`Perceptron::write`]; `name` names it in errors.
    pub fn read(r: &mut Reader<'_>, name: &str) -> Result<Self> {
        let n = r.count(4)?;
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(r.str()?.to_string());
        }
        let n_feats = r.count(0)?;
        let blob = r.bytes()?;
        let bad = |what: &str| Error::model(name, format!("perceptron: {what}"));
        let mut m = Perceptron::empty(labels);
        m.index.reserve(n_feats);
        let mut pos = 0usize;
        let mut take = |k: usize| -> Result<&[u8]> {
            let s = blob
                .get(pos..pos + k)
                .ok_or_else(|| bad("truncated weights"))?;
            pos += k;
            Ok(s)
        };
        let mut row = Vec::new();
        for _ in 0..n_feats {
            let key = u64::from_le_bytes(take(8)?.try_into().map_err(|_| bad("key"))?);
            let len = u16::from_le_bytes(take(2)?.try_into().map_err(|_| bad("count"))?);
            row.clear();
            for _ in 0..len {
                let c = u16::from_le_bytes(take(2)?.try_into().map_err(|_| bad("class"))?);
                let w = f32::from_le_bytes(take(4)?.try_into().map_err(|_| bad("weight"))?);
                if usize::from(c) >= m.labels.len() {
                    return Err(bad("class out of range"));
                }
                row.push((c, w));
            }
            m.push(key, &row);
        }
        Ok(m)
    }

    /// The model as a standalone file of kind `kind`.
    pub fn to_bytes(&self, kind: &str, version: u32) -> Vec<u8> {
        let mut w = Writer::new(kind, version);
        self.write(&mut w);
        w.finish()
    }

    /// Reads a standalone file written by [`Perceptron::to_bytes`].
    pub fn from_bytes(data: &[u8], kind: &'static str, version: u32) -> Result<Self> {
        let mut r = Reader::open(data, kind, version)?;
        Self::read(&mut r, kind)
    }
}

/// The non-zero entries of a dense row, by class index.
fn sparse_row(dense: &[f32]) -> Vec<(u16, f32)> {
    dense
        .iter()
        .enumerate()
        .filter(|(_, w)| **w != 0.0)
        .map(|(c, w)| (c as u16, *w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averaging_weights_every_step() {
        // one update at step 1, then 3 steps without: the average is the final weight
        let mut t = Trainer::new(vec!["a".into(), "b".into()]);
        t.observe(&[7], 1, 0);
        for _ in 0..3 {
            t.observe(&[7], 1, 1);
        }
        let m = t.finish(0.0);
        let mut s = [0f32; 2];
        m.scores(&[7], &mut s);
        assert_eq!(s, [-1.0, 1.0]);
        // an update at the last of 4 steps counts for a quarter
        let mut t = Trainer::new(vec!["a".into(), "b".into()]);
        for _ in 0..3 {
            t.observe(&[7], 0, 0);
        }
        t.observe(&[7], 1, 0);
        let m = t.finish(0.0);
        let mut s = [0f32; 2];
        m.scores(&[7], &mut s);
        assert_eq!(s, [-0.25, 0.25]);
    }

    #[test]
    fn the_mean_of_models_averages_their_weights() {
        let model = |feature: u64, steps: usize| {
            let mut t = Trainer::new(vec!["a".into(), "b".into()]);
            for _ in 0..steps {
                t.observe(&[feature], 1, 0);
            }
            t.finish(0.0)
        };
        let (m1, m2) = (model(7, 1), model(8, 1));
        let mean = Perceptron::mean(&[m1.clone(), m2.clone()]).unwrap_or_else(|| unreachable!());
        for f in [7u64, 8] {
            let (mut got, mut one) = ([0f32; 2], [0f32; 2]);
            mean.scores(&[f], &mut got);
            (if f == 7 { &m1 } else { &m2 }).scores(&[f], &mut one);
            assert_eq!(got, [one[0] / 2.0, one[1] / 2.0]);
        }
        assert!(Perceptron::mean(&[]).is_none());
        let other = Trainer::new(vec!["x".into()]).finish(0.0);
        assert!(Perceptron::mean(&[m1, other]).is_none());
    }

    #[test]
    fn corrupt_model_is_an_error() {
        let mut t = Trainer::new(vec!["a".into(), "b".into()]);
        t.observe(&[1, 2, 3], 1, 0);
        let bytes = t.finish(0.0).to_bytes("t", 1);
        for cut in 0..bytes.len() {
            assert!(Perceptron::from_bytes(&bytes[..cut], "t", 1).is_err());
        }
        assert_eq!(
            Perceptron::from_bytes(&bytes, "t", 1).unwrap().n_features(),
            3
        );
    }
}

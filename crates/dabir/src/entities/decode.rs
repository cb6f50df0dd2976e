//! BIO labels and Viterbi decoding under the BIO constraints.
//!
//! Label 0 is `O`; type `k` of the model has `B-` at `2k + 1` and `I-` at `2k + 2`.
//! An `I-X` may only follow `B-X` or `I-X`, so a decoded sequence always reads as whole
//! spans: the constraint is a transition score of −∞, and Viterbi finds the best
//! sequence among the allowed ones (a greedy tagger would have to repair invalid ones).
//!
//! ```
//! use dabir::entities::decode::{viterbi, Labels};
//! use dabir::entities::tagset::EntityType;
//! let labels = Labels::new(vec![EntityType::Per]);
//! let n = labels.len(); // O, B-PER, I-PER
//! let mut trans = vec![0.0; (n + 1) * n];
//! labels.constrain(&mut trans);
//! // I-PER scores best at the first token, but may not start a sentence
//! let emit = [0.0, 1.0, 2.0,   0.0, 0.0, 1.0];
//! let best = viterbi(&emit, &trans, n);
//! assert_eq!(best, vec![1, 2]);
//! ```

use super::tagset::EntityType;
use super::EntitySpan;

/// The label set of a model: O and B-/I- of each of its types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    types: Vec<EntityType>,
}

impl Labels {
    /// The labels of `types`.
    pub fn new(types: Vec<EntityType>) -> Self {
        Labels { types }
    }
    /// The model's types.
    pub fn types(&self) -> &[EntityType] {
        &self.types
    }
    /// The number of labels.
    pub fn len(&self) -> usize {
        1 + 2 * self.types.len()
    }
    /// True when the model has no type (only `O`).
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
    /// The type of label `i` and whether it begins a span (`None` for `O`).
    pub fn split(&self, i: usize) -> Option<(EntityType, bool)> {
        let k = i.checked_sub(1)?;
        self.types.get(k / 2).map(|&t| (t, k % 2 == 0))
    }
    /// The label's name: `O`, `B-PER`, `I-PER`, …
    pub fn name(&self, i: usize) -> String {
        match self.split(i) {
            None => "O".to_string(),
            Some((t, true)) => format!("B-{t}"),
            Some((t, false)) => format!("I-{t}"),
        }
    }
    /// The label of a dabir BIO tag; types the model lacks and malformed tags are `O`.
    pub fn parse(&self, tag: &str) -> usize {
        let Some((p, ty)) = tag.split_once('-') else {
            return 0;
        };
        let Some(t) = EntityType::parse(ty) else {
            return 0;
        };
        match self.types.iter().position(|&x| x == t) {
            Some(k) => 1 + 2 * k + usize::from(p != "B"),
            None => 0,
        }
    }
    /// Whether label `cur` may follow `prev` (`None`: the sentence start).
    pub fn allowed(&self, prev: Option<usize>, cur: usize) -> bool {
        match self.split(cur) {
            Some((t, false)) => matches!(prev.and_then(|p| self.split(p)), Some((u, _)) if u == t),
            _ => true,
        }
    }
    /// Sets the forbidden transitions of a `(len + 1) × len` matrix (row `len` is the
    /// sentence start) to −∞.
    pub fn constrain(&self, trans: &mut [f32]) {
        let n = self.len();
        for prev in 0..=n {
            for cur in 0..n {
                let p = if prev == n { None } else { Some(prev) };
                if !self.allowed(p, cur) {
                    if let Some(x) = trans.get_mut(prev * n + cur) {
                        *x = f32::NEG_INFINITY;
                    }
                }
            }
        }
    }
    /// The spans of a label sequence (an `I-` without its `B-` opens a span, as in
    /// conlleval, though the decoder never produces one).
    pub fn spans(&self, labels: &[usize]) -> Vec<EntitySpan> {
        let mut out = Vec::new();
        let mut open: Option<(usize, EntityType)> = None;
        for (i, &l) in labels.iter().enumerate() {
            let cur = self.split(l);
            let continues = matches!((cur, open), (Some((t, false)), Some((_, o))) if t == o);
            if !continues {
                if let Some((s, t)) = open.take() {
                    out.push(EntitySpan {
                        start: s,
                        end: i,
                        kind: t,
                    });
                }
                if let Some((t, _)) = cur {
                    open = Some((i, t));
                }
            }
        }
        if let Some((s, t)) = open {
            out.push(EntitySpan {
                start: s,
                end: labels.len(),
                kind: t,
            });
        }
        out
    }
}

/// The best label sequence: `emit` holds `n` scores per position, `trans` is the
/// `(n + 1) × n` transition matrix whose last row is the start.
pub fn viterbi(emit: &[f32], trans: &[f32], n: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let len = emit.len() / n;
    if len == 0 || trans.len() < (n + 1) * n {
        return Vec::new();
    }
    let mut score = vec![f32::NEG_INFINITY; n];
    let mut back = vec![0u16; len * n];
    let start = &trans[n * n..(n + 1) * n];
    for (c, s) in score.iter_mut().enumerate() {
        *s = start[c] + emit[c];
    }
    let mut next = vec![f32::NEG_INFINITY; n];
    for i in 1..len {
        let e = &emit[i * n..(i + 1) * n];
        for (c, nx) in next.iter_mut().enumerate() {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0usize;
            for (p, &sp) in score.iter().enumerate() {
                let v = sp + trans[p * n + c];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            *nx = best + e[c];
            back[i * n + c] = arg as u16;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut cur = crate::learn::perceptron::argmax(&score);
    let mut out = vec![0usize; len];
    for i in (0..len).rev() {
        out[i] = cur;
        if i > 0 {
            cur = usize::from(back[i * n + cur]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        let l = Labels::new(vec![EntityType::Per, EntityType::Loc]);
        for i in 0..l.len() {
            assert_eq!(l.parse(&l.name(i)), i);
        }
        assert_eq!(l.parse("B-ORG"), 0);
        assert_eq!(l.parse("junk"), 0);
    }

    #[test]
    fn decoded_sequences_respect_bio() {
        let l = Labels::new(vec![EntityType::Per, EntityType::Loc]);
        let n = l.len();
        let mut trans = vec![0.0; (n + 1) * n];
        l.constrain(&mut trans);
        // emissions prefer I-LOC after B-PER, which is forbidden
        let emit = [
            0.0, 5.0, 0.0, 0.0, 0.0, //
            0.0, 0.0, 1.0, 0.0, 3.0,
        ];
        let best = viterbi(&emit, &trans, n);
        for (i, &c) in best.iter().enumerate() {
            let prev = if i == 0 { None } else { Some(best[i - 1]) };
            assert!(l.allowed(prev, c));
        }
        assert_eq!(best, vec![1, 2]);
        assert_eq!(
            l.spans(&best),
            vec![EntitySpan {
                start: 0,
                end: 2,
                kind: EntityType::Per
            }]
        );
        assert!(viterbi(&[], &trans, n).is_empty());
    }
}

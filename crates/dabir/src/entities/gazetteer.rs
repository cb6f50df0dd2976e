//! Gazetteers built from the training data only: the phrases it names as entities, and
//! the words that occur inside entities, each with how often the phrase (or word) is an
//! entity when it occurs at all.
//!
//! Why the ratio: "مهر" is the news agency in one sentence and the month in the next;
//! "ایران" is a place almost always. The tagger sees the ratio as a bucket and learns
//! how far to trust a match. Training computes these features for each sentence from a
//! gazetteer built without that sentence's part of the data (see `train`), or the
//! tagger would learn that a match is always right.
//!
//! ```
//! use dabir::entities::gazetteer::Gazetteer;
//! use dabir::entities::tagset::EntityType;
//! use dabir::learn::FeatureHasher;
//! let h = |w: &str| FeatureHasher::str(w);
//! let sent = vec![h("سازمان"), h("ملل"), h("گفت")];
//! let g = Gazetteer::build(&[(sent.clone(), vec![(0, 2, EntityType::Org)])]);
//! let m = g.annotate(&sent);
//! assert!(m[0].begin && m[0].phrase_mask == EntityType::Org.bit());
//! assert!(!m[1].begin && m[1].phrase_mask == EntityType::Org.bit());
//! assert_eq!(m[2].phrase_mask, 0);
//! ```

use super::tagset::EntityType;
use crate::error::{Error, Result};
use crate::learn::hash::mix;
use crate::model::{Reader, Writer};
use rustc_hash::FxHashMap;

/// One sentence for [`Gazetteer::build`]: normalised word hashes and entity spans
/// (first token, one past the last, type).
pub type GazSentence = (Vec<u64>, Vec<(usize, usize, EntityType)>);

/// The longest phrase kept, in tokens.
pub const MAX_LEN: usize = 8;

/// The hash of a phrase from its words' hashes.
fn phrase_hash(words: &[u64]) -> u64 {
    let mut h = 0x6a09_e667_f3bc_c908u64;
    for &w in words {
        h = mix(h ^ w).wrapping_add(0x9e37_79b9_7f4a_7c15);
    }
    h
}

/// The ratio bucket: how often (out of 4) the phrase is an entity where it occurs.
fn bucket(entity: u32, total: u32) -> u8 {
    if total == 0 {
        return 0;
    }
    ((entity as f64 / total as f64) * 4.0).round().min(4.0) as u8
}

/// Entity phrases and entity words with their types and ratio buckets.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    phrases: FxHashMap<u64, (u16, u8)>,
    words: FxHashMap<u64, (u16, u8)>,
    max_len: usize,
}

/// What the gazetteer says about one token of a sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GazMatch {
    /// Types of the longest known phrase covering the token (0: none).
    pub phrase_mask: u16,
    /// True when the token starts that phrase.
    pub begin: bool,
    /// The phrase's entity-ratio bucket (0–4).
    pub bucket: u8,
    /// Types of entities the word itself occurred inside.
    pub word_mask: u16,
    /// The word's entity-ratio bucket.
    pub word_bucket: u8,
}

impl GazMatch {
    /// (type, begins, bucket) triples for the phrase features.
    pub fn phrase_features(&self) -> impl Iterator<Item = (u64, u64, u64)> + '_ {
        EntityType::ALL
            .iter()
            .filter(move |t| self.phrase_mask & t.bit() != 0)
            .map(move |t| (*t as u64, u64::from(self.begin), u64::from(self.bucket)))
    }
    /// (type, bucket) pairs for the word features, as one hash each.
    pub fn memory_features(&self) -> impl Iterator<Item = u64> + '_ {
        EntityType::ALL
            .iter()
            .filter(move |t| self.word_mask & t.bit() != 0)
            .map(move |t| (*t as u64) << 8 | u64::from(self.word_bucket))
    }
}

impl Gazetteer {
    /// Builds the gazetteer from sentences (word hashes of normalised words) and their
    /// entity spans (first token, one past the last, type).
    pub fn build(sentences: &[GazSentence]) -> Self {
        let mut phrase_types: FxHashMap<u64, (u16, u32)> = FxHashMap::default();
        let mut word_types: FxHashMap<u64, (u16, u32)> = FxHashMap::default();
        let mut max_len = 0;
        for (words, spans) in sentences {
            for &(s, e, ty) in spans {
                let Some(ws) = words.get(s..e) else { continue };
                if ws.is_empty() || ws.len() > MAX_LEN {
                    continue;
                }
                max_len = max_len.max(ws.len());
                let p = phrase_types.entry(phrase_hash(ws)).or_default();
                p.0 |= ty.bit();
                p.1 += 1;
                for &w in ws {
                    let x = word_types.entry(w).or_default();
                    x.0 |= ty.bit();
                    x.1 += 1;
                }
            }
        }
        // how often each known phrase and word occurs at all
        let mut phrase_total: FxHashMap<u64, u32> = FxHashMap::default();
        let mut word_total: FxHashMap<u64, u32> = FxHashMap::default();
        for (words, _) in sentences {
            for i in 0..words.len() {
                if let Some(w) = words.get(i) {
                    if word_types.contains_key(w) {
                        *word_total.entry(*w).or_default() += 1;
                    }
                }
                for len in 1..=max_len {
                    let Some(ws) = words.get(i..i + len) else {
                        break;
                    };
                    let k = phrase_hash(ws);
                    if phrase_types.contains_key(&k) {
                        *phrase_total.entry(k).or_default() += 1;
                    }
                }
            }
        }
        let mut phrases: FxHashMap<u64, (u16, u8)> = phrase_types
            .into_iter()
            .map(|(k, (mask, n))| {
                let total = phrase_total.get(&k).copied().unwrap_or(n).max(n);
                (k, (mask, bucket(n, total)))
            })
            .collect();
        // every proper prefix of a phrase gets an entry (mask 0 when it is not a phrase
        // itself), so matching stops at the first unknown prefix
        for (words, spans) in sentences {
            for &(s, e, _) in spans {
                for end in s + 1..e {
                    if let Some(ws) = words.get(s..end) {
                        phrases.entry(phrase_hash(ws)).or_insert((0, 0));
                    }
                }
            }
        }
        let words = word_types
            .into_iter()
            .map(|(k, (mask, n))| {
                let total = word_total.get(&k).copied().unwrap_or(n).max(n);
                (k, (mask, bucket(n, total)))
            })
            .filter(|(_, (_, b))| *b > 0)
            .collect();
        Gazetteer {
            phrases,
            words,
            max_len,
        }
    }

    /// The number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.values().filter(|(m, _)| *m != 0).count()
    }

    /// True when there is no phrase.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// What the gazetteer says about each word of a sentence: longest phrases first,
    /// left to right, and each word's own entry.
    pub fn annotate(&self, words: &[u64]) -> Vec<GazMatch> {
        let mut out: Vec<GazMatch> = words
            .iter()
            .map(|w| {
                let (word_mask, word_bucket) = self.words.get(w).copied().unwrap_or((0, 0));
                GazMatch {
                    word_mask,
                    word_bucket,
                    ..GazMatch::default()
                }
            })
            .collect();
        let mut i = 0;
        while i < words.len() {
            let mut found = None;
            for len in 1..=self.max_len.min(words.len() - i) {
                let Some(ws) = words.get(i..i + len) else {
                    break;
                };
                match self.phrases.get(&phrase_hash(ws)) {
                    None => break,
                    Some(&(0, _)) => {}
                    Some(&(mask, b)) => found = Some((len, mask, b)),
                }
            }
            match found {
                Some((len, mask, b)) => {
                    for (k, m) in out.iter_mut().skip(i).take(len).enumerate() {
                        m.phrase_mask = mask;
                        m.begin = k == 0;
                        m.bucket = b;
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    fn write_map(w: &mut Writer, m: &FxHashMap<u64, (u16, u8)>) {
        let mut v: Vec<(&u64, &(u16, u8))> = m.iter().collect();
        v.sort_unstable();
        w.u32(v.len() as u32);
        let mut blob = Vec::with_capacity(v.len() * 11);
        for (k, (mask, b)) in v {
            blob.extend_from_slice(&k.to_le_bytes());
            blob.extend_from_slice(&mask.to_le_bytes());
            blob.push(*b);
        }
        w.bytes(&blob);
    }

    fn read_map(r: &mut Reader<'_>) -> Result<FxHashMap<u64, (u16, u8)>> {
        let n = r.count(0)?;
        let blob = r.bytes()?;
        if Some(blob.len()) != n.checked_mul(11) {
            return Err(Error::model(
                super::MODEL_KIND,
                "gazetteer table has the wrong size",
            ));
        }
        Ok(blob
            .chunks_exact(11)
            .map(|c| {
                let mut k = [0u8; 8];
                k.copy_from_slice(&c[..8]);
                (
                    u64::from_le_bytes(k),
                    (u16::from_le_bytes([c[8], c[9]]), c[10]),
                )
            })
            .collect())
    }

    /// Appends the gazetteer to a model file.
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.max_len as u32);
        Self::write_map(w, &self.phrases);
        Self::write_map(w, &self.words);
    }

    /// Reads a gazetteer written by [`Gazetteer::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let max_len = (r.u32()? as usize).min(MAX_LEN);
        let phrases = Self::read_map(r)?;
        let words = Self::read_map(r)?;
        Ok(Gazetteer {
            phrases,
            words,
            max_len,
        })
    }
}

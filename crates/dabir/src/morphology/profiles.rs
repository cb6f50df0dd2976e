//! Tag profiles: what a first tagger says about each word over the whole raw text.
//!
//! The treebank we learn from has 25k words; the raw train sentences have 437k, and
//! most words the treebank never showed occur there, often many times. A first tagger
//! (trained on the treebank without profiles) tags every raw sentence; a word's profile
//! is then the part of speech it got most often and, when it got another one in at
//! least a fifth of its occurrences, that second one, with a coarse count. The final
//! tagger reads the profile of the word and of its neighbours as features: one context
//! can mislead, but the vote over dozens of contexts rarely does, and the next word's
//! profile stands in for the right-hand tags a greedy left-to-right tagger cannot see.
//!
//! ```
//! use dabir::morphology::profiles::Profiles;
//! let mut counts = rustc_hash::FxHashMap::default();
//! counts.insert(7u64, vec![("NOUN", 9u32), ("ADJ", 3)]);
//! let p = Profiles::from_counts(&counts, 2);
//! assert!(p.profile(7).is_some());
//! assert!(p.profile(8).is_none());
//! ```

use crate::error::{Error, Result};
use crate::learn::FeatureHasher;
use crate::model::{Reader, Writer};
use crate::table::KeyTable;
use rustc_hash::FxHashMap;

/// word hash → profile (a hashed feature value).
#[derive(Debug, Clone, Default)]
pub struct Profiles {
    map: KeyTable<u64>,
}

impl Profiles {
    /// The profile of an already hashed word.
    #[inline]
    pub fn profile(&self, word_hash: u64) -> Option<u64> {
        self.map.get(word_hash)
    }

    /// Starts loading where [`Profiles::profile`] looks `word_hash` up (a hint).
    #[inline]
    pub fn prefetch(&self, word_hash: u64) {
        self.map.prefetch(word_hash);
    }

    /// The number of profiled words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no word has a profile.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Profiles from per-word counts of predicted UPOS, for the words with at least
    /// `min_count` occurrences.
    pub fn from_counts(counts: &FxHashMap<u64, Vec<(&str, u32)>>, min_count: u32) -> Self {
        let mut map = FxHashMap::default();
        for (&w, tags) in counts {
            let total: u32 = tags.iter().map(|t| t.1).sum();
            if total < min_count || total == 0 {
                continue;
            }
            let mut v: Vec<(&str, u32)> = tags.clone();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            let top = v.first().map_or("", |t| t.0);
            let second = v.get(1).filter(|t| t.1 * 5 >= total).map_or("", |t| t.0);
            let bucket: u64 = match total {
                0..=1 => 0,
                2..=3 => 1,
                4..=9 => 2,
                _ => 3,
            };
            let code = FeatureHasher::combine(
                0,
                &[FeatureHasher::str(top), FeatureHasher::str(second), bucket],
            );
            map.insert(w, code);
        }
        Profiles {
            map: map.into_iter().collect(),
        }
    }

    /// Appends the profiles to a model file.
    pub fn write(&self, w: &mut Writer) {
        let mut v: Vec<(u64, u64)> = self.map.iter().collect();
        v.sort_unstable();
        w.u32(v.len() as u32);
        let mut blob = Vec::with_capacity(v.len() * 16);
        for (h, code) in v {
            blob.extend_from_slice(&h.to_le_bytes());
            blob.extend_from_slice(&code.to_le_bytes());
        }
        w.bytes(&blob);
    }

    /// Reads profiles written by [`Profiles::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.count(0)?;
        let blob = r.bytes()?;
        if Some(blob.len()) != n.checked_mul(16) {
            return Err(Error::model(
                "morphology",
                "profile table has the wrong size",
            ));
        }
        let mut map = Vec::with_capacity(n);
        for c in blob.chunks_exact(16) {
            let mut h = [0u8; 8];
            let mut v = [0u8; 8];
            h.copy_from_slice(c.get(..8).unwrap_or(&[0; 8]));
            v.copy_from_slice(c.get(8..).unwrap_or(&[0; 8]));
            map.push((u64::from_le_bytes(h), u64::from_le_bytes(v)));
        }
        Ok(Profiles {
            map: map.into_iter().collect(),
        })
    }
}

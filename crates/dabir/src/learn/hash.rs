//! Stable feature hashing and a seeded random number generator.
//!
//! Features are 64-bit hashes of (template, value) pairs. Model files store the hashes,
//! so the function must be fixed forever: we use FNV-1a over the bytes followed by the
//! SplitMix64 finaliser (FNV alone mixes its last bytes poorly), not `std`'s or
//! `rustc-hash`'s hashers, whose output may change between releases.
//!
//! Hashing strings costs more than combining hashes, so callers hash each string once
//! (a word, a suffix) and build context features with [`FeatureHasher::combine`].
//!
//! ```
//! use dabir::learn::FeatureHasher;
//! let w = FeatureHasher::str("کتاب");
//! assert_eq!(w, FeatureHasher::str("کتاب"));
//! // the same value under two templates gives two different features
//! assert_ne!(FeatureHasher::combine(1, &[w]), FeatureHasher::combine(2, &[w]));
//! ```

/// Stable hashing of feature strings and of tuples of hashes.
#[derive(Debug, Clone, Copy)]
pub struct FeatureHasher;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// SplitMix64's finaliser: a bijection on `u64` that spreads every input bit.
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl FeatureHasher {
    /// The hash of a byte string.
    #[inline]
    pub fn bytes(b: &[u8]) -> u64 {
        let mut h = FNV_OFFSET;
        for &x in b {
            h = (h ^ u64::from(x)).wrapping_mul(FNV_PRIME);
        }
        mix(h)
    }
    /// The hash of the concatenation of `parts`, without building it:
    /// `concat(&["کتاب", "ها"]) == str("کتابها")`.
    #[inline]
    pub fn concat(parts: &[&str]) -> u64 {
        let mut h = FNV_OFFSET;
        for p in parts {
            for &x in p.as_bytes() {
                h = (h ^ u64::from(x)).wrapping_mul(FNV_PRIME);
            }
        }
        mix(h)
    }

    /// The hash of a string.
    #[inline]
    pub fn str(s: &str) -> u64 {
        Self::bytes(s.as_bytes())
    }
    /// A feature: template number `template` applied to already hashed values.
    #[inline]
    pub fn combine(template: u32, parts: &[u64]) -> u64 {
        let mut h = mix(u64::from(template).wrapping_add(0x9e37_79b9_7f4a_7c15));
        for &p in parts {
            h = mix(h ^ p.rotate_left(17)).wrapping_add(p);
        }
        h
    }
}

/// A small seeded generator (SplitMix64): reproducible shuffles without a dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }
    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }
    /// Shuffles a slice in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        // pinned: model files depend on these values never changing
        assert_eq!(FeatureHasher::str(""), mix(FNV_OFFSET));
        assert_ne!(FeatureHasher::str("ab"), FeatureHasher::str("ba"));
        assert_eq!(
            FeatureHasher::concat(&["کتاب", "", "ها"]),
            FeatureHasher::str("کتابها")
        );
        assert_ne!(
            FeatureHasher::combine(3, &[1, 2]),
            FeatureHasher::combine(3, &[2, 1])
        );
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut v: Vec<u32> = (0..100).collect();
        Rng::new(7).shuffle(&mut v);
        let mut s = v.clone();
        s.sort_unstable();
        assert_eq!(s, (0..100).collect::<Vec<_>>());
        assert_ne!(v, s);
    }
}

//! [`HashTable`]: the model's word and pair tables, keyed by 64-bit hashes.
//!
//! Restoration looks up every word and most spaces, so the lookup is the hot path.
//! The keys are already well-mixed hashes ([`super::text_hash`], [`super::pair_hash`]),
//! so the table uses their top bits as the slot and probes linearly: a hit usually
//! costs one compare in one cache line, where a general map hashes the key again and
//! scans a control group. The table stays at most half full, so misses end quickly.

/// A slot: key 0 marks it empty (a real key 0 is kept apart).
#[derive(Debug, Clone, Copy, Default)]
struct Slot<V> {
    key: u64,
    value: V,
}

/// An open-addressing map from 64-bit hash keys to small `Copy` values.
#[derive(Debug, Clone)]
pub struct HashTable<V> {
    slots: Vec<Slot<V>>,
    /// `64 - log2(slots.len())`: a key's home slot is `key >> shift`.
    shift: u32,
    /// Entries in `slots`.
    len: usize,
    /// The entry whose key is 0, the empty marker.
    zero: Option<V>,
}

impl<V: Copy + Default> Default for HashTable<V> {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

impl<V: Copy + Default> HashTable<V> {
    /// A table that holds `n` entries without growing.
    pub fn with_capacity(n: usize) -> Self {
        let slots = (n.saturating_mul(2)).max(2).next_power_of_two();
        HashTable {
            slots: vec![Slot::default(); slots],
            shift: 64 - slots.trailing_zeros(),
            len: 0,
            zero: None,
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len + usize::from(self.zero.is_some())
    }

    /// True when the table holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `key`.
    #[inline]
    pub fn get(&self, key: u64) -> Option<&V> {
        if key == 0 {
            return self.zero.as_ref();
        }
        let mask = self.slots.len() - 1;
        let mut i = (key >> self.shift) as usize;
        loop {
            // `i` is masked, and the table is never full, so this ends at an empty slot.
            let slot = self.slots.get(i)?;
            if slot.key == key {
                return Some(&slot.value);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Sets the value of `key`.
    pub fn insert(&mut self, key: u64, value: V) {
        if key == 0 {
            self.zero = Some(value);
            return;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = (key >> self.shift) as usize;
        while let Some(slot) = self.slots.get_mut(i) {
            if slot.key == key {
                slot.value = value;
                return;
            }
            if slot.key == 0 {
                *slot = Slot { key, value };
                self.len += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::replace(self, Self::with_capacity(self.slots.len()));
        self.zero = old.zero;
        for s in old.slots.into_iter().filter(|s| s.key != 0) {
            self.insert(s.key, s.value);
        }
    }

    /// All entries, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &V)> {
        self.zero.iter().map(|v| (0, v)).chain(
            self.slots
                .iter()
                .filter(|s| s.key != 0)
                .map(|s| (s.key, &s.value)),
        )
    }
}

impl<V: Copy + Default> FromIterator<(u64, V)> for HashTable<V> {
    fn from_iter<I: IntoIterator<Item = (u64, V)>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut t = Self::with_capacity(iter.size_hint().0);
        for (k, v) in iter {
            t.insert(k, v);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_as_a_map() {
        let mut t: HashTable<u32> = HashTable::default();
        assert!(t.is_empty() && t.get(5).is_none() && t.get(0).is_none());
        // Keys that share their top bits collide and probe on.
        let keys: Vec<u64> = (0..1000u64).map(|i| i | (i % 3) << 62).collect();
        for &k in &keys {
            t.insert(k, k as u32 + 1);
        }
        let seven = keys[7];
        t.insert(seven, 99);
        assert_eq!(t.len(), 1000);
        for &k in &keys {
            let want = if k == seven { 99 } else { k as u32 + 1 };
            assert_eq!(t.get(k), Some(&want));
        }
        assert_eq!(t.get(0), Some(&1));
        assert!(t.get(1 << 40).is_none());
        let mut all: Vec<u64> = t.iter().map(|(k, _)| k).collect();
        all.sort_unstable();
        let mut want = keys.clone();
        want.sort_unstable();
        assert_eq!(all, want);
    }
}

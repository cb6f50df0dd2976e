//! [`KeyTable`]: the read-only map behind the model's word and pair tables, keyed by
//! 64-bit hashes ([`super::text_hash`], [`super::pair_hash`]).
//!
//! Restoration looks up nearly every word and every space between two words, and
//! the tables are several megabytes, so most lookups miss the CPU caches; the time
//! goes into waiting for memory, not into instructions. The table is laid out so
//! that a lookup touches one place in memory that is known before the lookup is
//! made, and can therefore be fetched early ([`KeyTable::prefetch`]) while other work
//! goes on:
//! - the keys are already well-mixed hashes, so a key's home slot is the key scaled
//!   to the table length (`key * len >> 64`), which keeps the keys in order;
//! - the table is built once, from all its entries sorted by key, each placed at its
//!   home slot or just after the entry before it (linear probing in key order). The
//!   slots therefore hold the keys in ascending order, with empty slots (marked by
//!   the key `u64::MAX`) between runs, and a lookup scans from the home slot until it
//!   meets a key not smaller than its own: usually the home slot itself, rarely more
//!   than the next one or two;
//! - a slot is the key and its value side by side (16 bytes for the model's
//!   tables), so the home slot's cache line holds the answer: one memory access per
//!   lookup, where a general hash map reads a control byte and then the entry;
//! - the scan reads a window of four slots at once and counts the keys smaller than
//!   its own, with no branch ([`KeyTable::get`]): how many slots a scan takes is
//!   random, so a loop mispredicted its exit about every other lookup (measured: CPU
//!   time of `dabir normalize` −8%). The window spans two cache lines unless it
//!   starts one, and [`KeyTable::prefetch`] asks for both.
//!
//! Only the in-memory layout is this module's: the model file stores plain sorted
//! entries, and the table is built when the model loads.

use std::fmt;

/// The key that marks an empty slot; a real entry with this key is kept aside.
const EMPTY: u64 = u64::MAX;

/// Slots per entry: the table is about 60% full, so a scan rarely goes past the
/// cache line of the home slot.
const SLOTS_PER_ENTRY: f64 = 1.6;

/// Slots a lookup reads at once (see [`KeyTable::get`]): four 16-byte slots, at
/// most two cache lines.
const WINDOW: usize = 4;

/// A slot of the table.
#[derive(Clone, Copy)]
struct Slot<V> {
    key: u64,
    value: V,
}

/// A read-only map from 64-bit hash keys to small `Copy` values (see the module
/// doc). Built from its entries with [`FromIterator`]; the last value of a repeated
/// key wins, as in a map.
#[derive(Clone)]
pub struct KeyTable<V> {
    /// Entries in ascending key order, each at its home slot or after it, then
    /// empty slots up to the end (a scan always ends at one).
    slots: Vec<Slot<V>>,
    /// Number of home slots: a key's home is `key * homes >> 64`.
    homes: u64,
    /// Entries in `slots`.
    len: usize,
    /// The value of the key [`EMPTY`], if any.
    max_key: Option<V>,
}

impl<V: Copy + Default> Default for KeyTable<V> {
    fn default() -> Self {
        KeyTable {
            slots: vec![
                Slot {
                    key: EMPTY,
                    value: V::default(),
                };
                WINDOW
            ],
            homes: 0,
            len: 0,
            max_key: None,
        }
    }
}

impl<V: Copy> fmt::Debug for KeyTable<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyTable")
            .field("len", &self.len())
            .field("slots", &self.slots.len())
            .finish()
    }
}

impl<V: Copy + Default> FromIterator<(u64, V)> for KeyTable<V> {
    fn from_iter<I: IntoIterator<Item = (u64, V)>>(iter: I) -> Self {
        let mut entries: Vec<(u64, V)> = iter.into_iter().collect();
        // Stable, so among equal keys the last one given stays last.
        entries.sort_by_key(|e| e.0);
        let mut table = KeyTable::default();
        let mut kept: Vec<(u64, V)> = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            if key == EMPTY {
                table.max_key = Some(value);
            } else if let Some(last) = kept.last_mut().filter(|l| l.0 == key) {
                last.1 = value;
            } else {
                kept.push((key, value));
            }
        }
        if kept.is_empty() {
            return table;
        }
        let homes = ((kept.len() as f64 * SLOTS_PER_ENTRY) as u64).max(1);
        let empty = Slot {
            key: EMPTY,
            value: V::default(),
        };
        let mut slots = vec![empty; homes as usize];
        let mut next = 0usize;
        for &(key, value) in &kept {
            let at = home(key, homes).max(next);
            if at >= slots.len() {
                slots.resize(at + 1, empty);
            }
            slots[at] = Slot { key, value };
            next = at + 1;
        }
        // Empty slots after the last entry end every scan, and let a lookup read a
        // whole window from any home slot.
        slots.extend([empty; WINDOW]);
        table.slots = slots;
        table.homes = homes;
        table.len = kept.len();
        table
    }
}

/// The home slot of `key` in a table of `homes` home slots.
#[inline(always)]
fn home(key: u64, homes: u64) -> usize {
    ((key as u128 * homes as u128) >> 64) as usize
}

impl<V: Copy> KeyTable<V> {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len + usize::from(self.max_key.is_some())
    }

    /// True when the table holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `key`.
    ///
    /// The slots from the home slot on hold keys in ascending order until the first
    /// one not smaller than `key` (the scan's end), and every slot after that one
    /// holds a key not smaller either (an entry's key or the empty mark). So the
    /// number of keys smaller than `key` among the [`WINDOW`] slots from home is the
    /// offset of the scan's end, found with compares and no branch: a loop that
    /// stopped after one, two or three slots mispredicted its exit about every other
    /// lookup, and that cost more than the memory access. Only a scan longer than the
    /// window (rare at this load) goes on in a loop.
    #[inline(always)]
    pub fn get(&self, key: u64) -> Option<V> {
        if key == EMPTY {
            return self.max_key;
        }
        let mut i = home(key, self.homes);
        loop {
            // The slots end with `WINDOW` empty ones, so a window from any home slot
            // fits.
            let window: &[Slot<V>; WINDOW] = self.slots.get(i..i + WINDOW)?.try_into().ok()?;
            let before: usize = window.iter().map(|s| usize::from(s.key < key)).sum();
            match window.get(before) {
                Some(slot) => return (slot.key == key).then_some(slot.value),
                None => i += WINDOW,
            }
        }
    }

    /// Asks the CPU to start loading the slot where a lookup of `key` begins, so
    /// that the lookup, made a little later, finds it in cache. It changes nothing
    /// else; lookups are correct without it.
    #[inline(always)]
    pub fn prefetch(&self, key: u64) {
        let i = home(key, self.homes);
        if let Some(window) = self.slots.get(i..i + WINDOW) {
            // The window spans two cache lines unless it starts a line; both are
            // needed (the home line alone: CPU time +18%).
            prefetch_read(&window[0]);
            prefetch_read(&window[WINDOW - 1]);
        }
    }

    /// All entries, in ascending key order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, V)> + '_ {
        self.slots
            .iter()
            .filter(|s| s.key != EMPTY)
            .map(|s| (s.key, s.value))
            .chain(self.max_key.map(|v| (EMPTY, v)))
    }
}

/// A hint to the CPU to bring the cache line of `r` closer; no effect on the
/// program's meaning.
#[inline(always)]
fn prefetch_read<T>(r: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch is only a hint: it never faults, reads nothing into
        // the program, and the pointer comes from a live reference anyway. SSE,
        // which the instruction needs, is part of the x86_64 baseline.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((r as *const T).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = r;
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    /// A small deterministic generator of well-spread keys.
    fn keys(n: usize, seed: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    .wrapping_add(0x632B_E59B);
                x ^ (x >> 29)
            })
            .collect()
    }

    #[test]
    fn agrees_with_a_hash_map() {
        for n in [0usize, 1, 2, 3, 10, 1000, 20_000] {
            let present = keys(n, 7);
            let absent = keys(2 * n + 5, 11);
            let map: FxHashMap<u64, u32> = present
                .iter()
                .enumerate()
                .map(|(i, &k)| (k, i as u32))
                .collect();
            let table: KeyTable<u32> = map.iter().map(|(&k, &v)| (k, v)).collect();
            assert_eq!(table.len(), map.len());
            for (&k, &v) in &map {
                assert_eq!(table.get(k), Some(v));
            }
            for k in absent.iter().filter(|k| !map.contains_key(k)) {
                assert_eq!(table.get(*k), None);
            }
            let listed: Vec<u64> = table.iter().map(|(k, _)| k).collect();
            let mut sorted: Vec<u64> = map.keys().copied().collect();
            sorted.sort_unstable();
            assert_eq!(listed, sorted);
        }
    }

    #[test]
    fn clustered_and_extreme_keys() {
        // Keys that share a home slot, and the keys at both ends of the range.
        let mut entries: Vec<(u64, u8)> = (0..50).map(|i| (i, i as u8)).collect();
        entries.extend((0..50).map(|i| (u64::MAX - i, 100 + i as u8)));
        entries.push((1 << 63, 7));
        let table: KeyTable<u8> = entries.iter().copied().collect();
        assert_eq!(table.len(), entries.len());
        for &(k, v) in &entries {
            assert_eq!(table.get(k), Some(v), "{k}");
            table.prefetch(k);
        }
        for k in [50, 1000, u64::MAX - 50, (1 << 63) + 1, (1 << 63) - 1] {
            assert_eq!(table.get(k), None, "{k}");
        }
        let empty: KeyTable<u8> = KeyTable::default();
        assert_eq!(empty.get(0), None);
        assert_eq!(empty.get(u64::MAX), None);
        assert!(empty.is_empty());
    }

    #[test]
    fn last_value_of_a_repeated_key_wins() {
        let table: KeyTable<u8> = [(5, 1), (9, 2), (5, 3), (u64::MAX, 4), (u64::MAX, 6)]
            .into_iter()
            .collect();
        assert_eq!(table.get(5), Some(3));
        assert_eq!(table.get(9), Some(2));
        assert_eq!(table.get(u64::MAX), Some(6));
        assert_eq!(table.len(), 3);
    }
}

//! [`KeyTable`]: the read-only map behind the models' word, pair and feature tables,
//! keyed by 64-bit hashes (the ZWNJ model's [`crate::clean::zwnj::text_hash`] and
//! [`crate::clean::zwnj::pair_hash`], the tagger's feature hashes).
//!
//! It was written for ZWNJ restoration, which looks up nearly every word and every
//! space between two words; the morphology tagger's lexicon, clusters, profiles and
//! weights ([`crate::learn::Scorer`]) use it for the same reason. The tables are
//! several megabytes, so most lookups miss the CPU caches; the time
//! goes into waiting for memory, not into instructions. The table is laid out so
//! that a lookup touches one place in memory that is known before the lookup is
//! made, and can therefore be fetched early ([`KeyTable::prefetch`]) while other work
//! goes on:
//! - the keys are already well-mixed hashes, so a key's home is the key scaled to
//!   the number of buckets (`key * buckets >> 64`), which keeps the keys in order; a
//!   bucket is four slots, one cache line, and the slots start on a cache line;
//! - the table is built once, from all its entries sorted by key, each placed at the
//!   first slot of its home bucket or just after the entry before it (linear probing
//!   in key order). The slots therefore hold the keys in ascending order, with empty
//!   slots (marked by the key `u64::MAX`) between runs, and a lookup scans from the
//!   first slot of the home bucket until it meets a key not smaller than its own:
//!   usually within the bucket;
//! - a slot is the key and its value side by side (16 bytes for the model's
//!   tables), so the home bucket's cache line holds the answer: one memory access per
//!   lookup, where a general hash map reads a control byte and then the entry;
//! - the scan reads the four slots of a bucket at once and counts the keys smaller
//!   than its own, with no branch ([`KeyTable::get`]): how many slots a scan takes is
//!   random, so a loop mispredicted its exit about every other lookup (measured: CPU
//!   time of `dabir normalize` −8%). [`KeyTable::prefetch`] asks for that one line.
//!   An earlier layout started the window at a home *slot*, anywhere in a line, so a
//!   window spanned two lines and a lookup prefetched both; the second prefetch was
//!   where the profile charged most of the step's memory waits (fill buffers full).
//!   Buckets need a lower load (2 slots per entry instead of 1.6, so that about 5%
//!   of lookups go past the bucket instead of 11%), which costs 25% more memory;
//! - on Linux the slot array asks for transparent huge pages (`madvise`), so the
//!   lookups, scattered over megabytes, miss the TLB less (measured with glibc's
//!   `glibc.malloc.hugetlb=1` tunable on the previous layout: CPU time −5 to −7%).
//!
//! Only the in-memory layout is this module's: the model files store plain sorted
//! entries, and the table is built when a model loads.

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::fmt;
use std::ptr::NonNull;

/// The key that marks an empty slot; a real entry with this key is kept aside.
const EMPTY: u64 = u64::MAX;

/// Slots per entry: the table is about half full, so a scan goes past its home
/// bucket for about one lookup in twenty.
const SLOTS_PER_ENTRY: f64 = 2.0;

/// Slots a lookup reads at once (see [`KeyTable::get`]), and slots per bucket: four
/// 16-byte slots, one cache line when the slots start on a line.
const WINDOW: usize = 4;

/// A cache line, in bytes.
const LINE: usize = 64;

/// A slot of the table.
#[derive(Clone, Copy)]
struct Slot<V> {
    key: u64,
    value: V,
}

/// A read-only map from 64-bit hash keys to small `Copy` values (see the module
/// doc). Built from its entries with [`FromIterator`]; the last value of a repeated
/// key wins, as in a map.
pub struct KeyTable<V> {
    /// Entries in ascending key order, each at the first slot of its home bucket
    /// or after it, then empty slots up to the end (a scan always ends at one).
    slots: SlotArray<V>,
    /// Number of buckets: a key's home bucket is `key * buckets >> 64`.
    buckets: u64,
    /// Entries in `slots`.
    len: usize,
    /// The value of the key [`EMPTY`], if any.
    max_key: Option<V>,
}

impl<V: Copy> Clone for KeyTable<V> {
    fn clone(&self) -> Self {
        KeyTable {
            slots: self.slots.clone(),
            buckets: self.buckets,
            len: self.len,
            max_key: self.max_key,
        }
    }
}

impl<V: Copy + Default> Default for KeyTable<V> {
    fn default() -> Self {
        KeyTable {
            slots: SlotArray::filled(
                WINDOW,
                Slot {
                    key: EMPTY,
                    value: V::default(),
                },
            ),
            buckets: 0,
            len: 0,
            max_key: None,
        }
    }
}

impl<V: Copy> fmt::Debug for KeyTable<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyTable")
            .field("len", &self.len())
            .field("slots", &self.slots.len)
            .finish()
    }
}

impl<V: Copy + Default> FromIterator<(u64, V)> for KeyTable<V> {
    fn from_iter<I: IntoIterator<Item = (u64, V)>>(iter: I) -> Self {
        let mut kept: Vec<(u64, V)> = iter.into_iter().collect();
        // Stable, so among equal keys the last one given stays last; the last value
        // of a run of equal keys goes into the one entry kept, in place (a second
        // vector of the entries cost its page faults at every model load).
        kept.sort_by_key(|e| e.0);
        kept.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 = later.1;
            }
            same
        });
        let mut table = KeyTable::default();
        if kept.last().is_some_and(|e| e.0 == EMPTY) {
            table.max_key = kept.pop().map(|e| e.1);
        }
        if kept.is_empty() {
            return table;
        }
        let buckets = ((kept.len() as f64 * SLOTS_PER_ENTRY / WINDOW as f64) as u64).max(1);
        // Where the last entry goes: its home, or later when the run before it is long.
        let end = kept
            .iter()
            .fold(0, |next, &(key, _)| home(key, buckets).max(next) + 1);
        // Empty slots after the last entry end every scan, and let a lookup read a
        // whole window from any home bucket.
        let used = end.max(buckets as usize * WINDOW) + WINDOW;
        let empty = Slot {
            key: EMPTY,
            value: V::default(),
        };
        let mut slots = SlotArray::filled(used, empty);
        let mut next = 0usize;
        for &(key, value) in &kept {
            let at = home(key, buckets).max(next);
            if let Some(slot) = slots.as_mut_slice().get_mut(at) {
                *slot = Slot { key, value };
            }
            next = at + 1;
        }
        table.slots = slots;
        table.buckets = buckets;
        table.len = kept.len();
        table
    }
}

/// A transparent huge page, in bytes (x86_64 and most Linux targets). Under Miri, a
/// 4 KB page: the same code paths with tables small enough for its interpreter.
const HUGE_PAGE: usize = if cfg!(miri) { 4 << 10 } else { 2 << 20 };

/// The slot array of a [`KeyTable`]: one allocation that starts on a cache line (so
/// that a bucket is one line) and, from a huge page's size on, on a huge page, its
/// length rounded up to whole huge pages and, on Linux, advised to be backed by
/// transparent huge pages before it is first written. The model's tables are
/// megabytes of slots read at random, so with 4 KB pages nearly every lookup also
/// missed the TLB (with the slots in a plain `Vec`, only the whole huge pages
/// inside it could be advised).
struct SlotArray<V> {
    ptr: NonNull<Slot<V>>,
    len: usize,
    /// The allocation's layout (`len` slots exactly).
    layout: Layout,
}

// SAFETY: a `SlotArray` owns its slots like a `Box<[Slot<V>]>` does; the raw pointer
// is only there for the allocation's alignment.
unsafe impl<V: Send> Send for SlotArray<V> {}
// SAFETY: as above; shared access only reads.
unsafe impl<V: Sync> Sync for SlotArray<V> {}

impl<V: Copy> SlotArray<V> {
    /// The layout of `len` slots: cache-line aligned, or huge-page aligned and
    /// rounded up to whole huge pages from one huge page's size on. `None` when the
    /// size overflows.
    fn layout(len: usize) -> Option<Layout> {
        let bytes = len.checked_mul(std::mem::size_of::<Slot<V>>())?.max(1);
        let align = if bytes >= HUGE_PAGE { HUGE_PAGE } else { LINE };
        Layout::from_size_align(bytes, align)
            .ok()
            .map(|l| l.pad_to_align())
    }

    /// At least `len` slots, all `fill` (every slot the allocation holds).
    fn filled(len: usize, fill: Slot<V>) -> Self {
        let Some(layout) = Self::layout(len) else {
            panic!("a table of {len} slots does not fit the address space");
        };
        let len = layout.size() / std::mem::size_of::<Slot<V>>().max(1);
        // SAFETY: the layout's size is not zero (`layout` makes it at least 1).
        let raw = unsafe { alloc(layout) }.cast::<Slot<V>>();
        let Some(ptr) = NonNull::new(raw) else {
            handle_alloc_error(layout);
        };
        advise_huge_pages(raw.cast(), layout.size());
        for i in 0..len {
            // SAFETY: `i < len`, and `len` slots fit the allocation, which is aligned
            // for `Slot<V>` (a line or a huge page is a multiple of its alignment).
            unsafe { ptr.as_ptr().add(i).write(fill) };
        }
        SlotArray { ptr, len, layout }
    }

    fn as_slice(&self) -> &[Slot<V>] {
        // SAFETY: `len` initialized slots from `ptr`, owned by `self`.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    fn as_mut_slice(&mut self) -> &mut [Slot<V>] {
        // SAFETY: as in `as_slice`, and `&mut self` makes the access unique.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl<V: Copy> Clone for SlotArray<V> {
    fn clone(&self) -> Self {
        // SAFETY: the layout's size is not zero (see `layout`).
        let raw = unsafe { alloc(self.layout) }.cast::<Slot<V>>();
        let Some(ptr) = NonNull::new(raw) else {
            handle_alloc_error(self.layout);
        };
        advise_huge_pages(raw.cast(), self.layout.size());
        // SAFETY: both allocations hold `len` slots and are distinct; the slots are
        // `Copy`.
        unsafe { std::ptr::copy_nonoverlapping(self.ptr.as_ptr(), raw, self.len) };
        SlotArray {
            ptr,
            len: self.len,
            layout: self.layout,
        }
    }
}

impl<V> Drop for SlotArray<V> {
    fn drop(&mut self) {
        // SAFETY: `ptr` was allocated with `layout` (by `filled` or `clone`) and is
        // freed only here.
        unsafe { dealloc(self.ptr.as_ptr().cast(), self.layout) };
    }
}

/// Asks the kernel to back `bytes` from `ptr` (whole huge pages) with transparent
/// huge pages (in effect where the system's setting is `madvise` or `always`).
/// Advice only: nothing else changes, and a refusal is ignored.
/// (Not under Miri, which has no `madvise`: the advice changes nothing it checks.)
fn advise_huge_pages(ptr: *mut u8, bytes: usize) {
    #[cfg(all(target_os = "linux", not(miri)))]
    if bytes >= HUGE_PAGE {
        // SAFETY: the range is one live allocation of ours; MADV_HUGEPAGE only
        // changes how the kernel backs those pages, never their contents or the
        // program's access to them.
        unsafe {
            libc::madvise(ptr.cast(), bytes, libc::MADV_HUGEPAGE);
        }
    }
    #[cfg(not(all(target_os = "linux", not(miri))))]
    let _ = (ptr, bytes);
}

/// [`advise_huge_pages`] for the whole huge pages inside the buffer of `v` (its
/// capacity, written or not): called on a large vector read at random (a model's
/// weights) before it is filled, so that the kernel backs it with huge pages and its
/// reads miss the TLB less. Advice only, like [`advise_huge_pages`].
pub(crate) fn advise_huge_pages_in<T>(v: &mut Vec<T>) {
    let start = v.as_mut_ptr() as usize;
    let end = start.saturating_add(v.capacity().saturating_mul(std::mem::size_of::<T>()));
    let first = start.div_ceil(HUGE_PAGE).saturating_mul(HUGE_PAGE);
    let last = end / HUGE_PAGE * HUGE_PAGE;
    if last > first {
        advise_huge_pages(
            v.as_mut_ptr().cast::<u8>().wrapping_add(first - start),
            last - first,
        );
    }
}

/// The first slot of the home bucket of `key` in a table of `buckets` buckets.
#[inline(always)]
fn home(key: u64, buckets: u64) -> usize {
    ((key as u128 * buckets as u128) >> 64) as usize * WINDOW
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
    /// The slots from the home bucket's first on hold keys in ascending order until
    /// the first one not smaller than `key` (the scan's end), and every slot after
    /// that one holds a key not smaller either (an entry's key or the empty mark). So
    /// the number of keys smaller than `key` among the [`WINDOW`] slots from there is the
    /// offset of the scan's end, found with compares and no branch: a loop that
    /// stopped after one, two or three slots mispredicted its exit about every other
    /// lookup, and that cost more than the memory access. Only a scan longer than the
    /// window (rare at this load) goes on in a loop.
    #[inline(always)]
    pub fn get(&self, key: u64) -> Option<V> {
        if key == EMPTY {
            return self.max_key;
        }
        let slots = self.slots.as_slice();
        let mut i = home(key, self.buckets);
        loop {
            // The slots end with `WINDOW` empty ones, so a window from any home bucket
            // fits.
            let window: &[Slot<V>; WINDOW] = slots.get(i..i + WINDOW)?.try_into().ok()?;
            let before: usize = window.iter().map(|s| usize::from(s.key < key)).sum();
            match window.get(before) {
                Some(slot) => return (slot.key == key).then_some(slot.value),
                None => i += WINDOW,
            }
        }
    }

    /// Asks the CPU to start loading the bucket where a lookup of `key` begins (one
    /// cache line), so that the lookup, made a little later, finds it in cache. It
    /// changes nothing else; lookups are correct without it.
    #[inline(always)]
    pub fn prefetch(&self, key: u64) {
        if let Some(slot) = self.slots.as_slice().get(home(key, self.buckets)) {
            prefetch_read(slot);
        }
    }

    /// All entries, in ascending key order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, V)> + '_ {
        self.slots
            .as_slice()
            .iter()
            .filter(|s| s.key != EMPTY)
            .map(|s| (s.key, s.value))
            .chain(self.max_key.map(|v| (EMPTY, v)))
    }
}

/// A hint to the CPU to bring the cache line of `r` closer; no effect on the
/// program's meaning.
#[inline(always)]
pub(crate) fn prefetch_read<T>(r: &T) {
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

    /// The size of a slot of the model's tables (a `u64` key and an 8-byte value).
    const SLOT_BYTES: usize = 16;

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
        // Miri (`cargo +nightly miri test -p dabir --lib table::`) checks
        // the unsafe slot array; it runs some thousand times slower.
        let sizes: &[usize] = if cfg!(miri) {
            &[0, 1, 2, 3, 10, 300]
        } else {
            &[0, 1, 2, 3, 10, 1000, 20_000]
        };
        for &n in sizes {
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
    fn buckets_start_on_a_cache_line() {
        assert_eq!(std::mem::size_of::<Slot<u64>>(), SLOT_BYTES);
        assert_eq!(std::mem::size_of::<Slot<[u32; 2]>>(), SLOT_BYTES);
        let table: KeyTable<u64> = keys(5000, 3).into_iter().map(|k| (k, k)).collect();
        let first = table.slots.as_slice().as_ptr() as usize;
        assert_eq!(first % LINE, 0);
        let n = if cfg!(miri) { 1_000 } else { 100_000 };
        let big: KeyTable<u64> = keys(n, 5).into_iter().map(|k| (k, k)).collect();
        let first = big.slots.as_slice().as_ptr() as usize;
        assert_eq!(first % HUGE_PAGE, 0);
        assert_eq!(big.slots.len * SLOT_BYTES % HUGE_PAGE, 0);
        let copy = big.clone();
        assert!(copy.iter().eq(big.iter()));
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

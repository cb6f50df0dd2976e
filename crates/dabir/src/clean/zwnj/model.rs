//! The ZWNJ model: what was learned from the corpus, and the decisions made with it.
//!
//! Three parts, all learned by [`super::train`]:
//! - a **word table**: every word seen in the training text or the lexicon, keyed by
//!   its letters with the ZWNJ removed, giving its usual spelling (as a bit mask of the
//!   letters a ZWNJ follows) and its frequency. Known words are restored by lookup:
//!   «میشود» → «می‌شود», while «تنها», «میز», «بیمارستان» are known whole;
//! - a **pair table**: for two pieces that are sometimes one word («می» + «شود»,
//!   «حمله» + «های», «نامه» + «ای»), how often the corpus joins them with a ZWNJ and how
//!   often it writes them as two words. It decides a space between two words;
//! - a **gap classifier**: an averaged perceptron over hashed features of the two
//!   sides of a gap ([`super::features`]), for words and pairs the tables do not know.

use super::features::{gap_features, GapContext, HASH_SIZE};
use super::{class_index, CHAR_CLASS, JOINS, MARK};
use crate::error::{Error, Result};
use crate::model::{Reader, Writer};
use crate::script::{is_arabic_mark, joins_next};
use crate::table::KeyTable;
use rustc_hash::{FxHashMap, FxHashSet};

const KIND: &str = "zwnj";
const VERSION: u32 = 2;

/// A word of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordEntry {
    /// Bit `i` set: a ZWNJ follows the `i`-th char of the key.
    pub mask: u64,
    /// How often the word was seen (any spelling), the lexicon counting once.
    pub count: u32,
    /// The corpus also writes the word with no ZWNJ at all, often enough (at least
    /// twice and one time in ten) that a line which otherwise keeps its ZWNJ may
    /// mean it so: «سالها» beside «سال‌ها».
    pub plain: bool,
}

/// `s` is one of `stems` followed by a person ending (or none): «شود», «رفتند».
fn stem_and_ending(s: &str, stems: &FxHashSet<Box<str>>) -> bool {
    const ENDINGS: [&str; 8] = ["", "م", "ی", "د", "یم", "ید", "ند", "ه"];
    !stems.is_empty()
        && ENDINGS.iter().any(|e| {
            s.strip_suffix(e)
                .is_some_and(|stem| !stem.is_empty() && stems.contains(stem))
        })
}

/// Bit of a stored count that carries [`WordEntry::plain`].
const PLAIN_BIT: u32 = 1 << 31;

/// A stored count: the count, with [`PLAIN_BIT`] for a plain spelling.
fn stored_count(e: &WordEntry) -> u32 {
    e.count.min(PLAIN_BIT - 2) | if e.plain { PLAIN_BIT } else { 0 }
}

/// The entry of a stored mask and count.
fn entry_of(mask: u64, stored: u32) -> WordEntry {
    WordEntry {
        mask,
        count: stored & !PLAIN_BIT,
        plain: stored & PLAIN_BIT != 0,
    }
}

/// Counts of two adjacent pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PairEntry {
    /// Written as one word with a ZWNJ between the pieces.
    pub joined: u32,
    /// Written as two words.
    pub spaced: u32,
}

/// How often a piece takes each side of a ZWNJ inside the corpus's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PieceRoles {
    /// Times the piece comes before a ZWNJ (the head of «باستان‌شناسی»).
    pub first: u32,
    /// Times the piece comes after a ZWNJ (the tail «شناسی», the suffix «ها»).
    pub last: u32,
}

/// The word table: [`WordEntry`]s by [`text_hash`], each packed into 8 bytes (mask
/// in the low half, count in the high half) so that a slot of the [`KeyTable`] is
/// 16 bytes. An entry that does not fit (a ZWNJ after the 32nd char of a word, or a
/// count of 2³² − 1 or more; none in practice) is kept in a side map.
#[derive(Debug, Clone, Default)]
pub(super) struct WordTable {
    table: KeyTable<u64>,
    wide: FxHashMap<u64, WordEntry>,
}

/// The packed value of an entry kept in [`WordTable::wide`]: no packed entry has
/// it, since packed counts are below `u32::MAX`.
const WIDE: u64 = u64::MAX;

impl WordTable {
    /// Number of words.
    pub(super) fn len(&self) -> usize {
        self.table.len()
    }

    /// True when the table holds no word.
    pub(super) fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The entry of the word whose [`text_hash`] is `key`.
    #[inline(always)]
    pub(super) fn get(&self, key: u64) -> Option<WordEntry> {
        match self.table.get(key)? {
            WIDE => self.wide.get(&key).copied(),
            packed => Some(entry_of(
                packed & u64::from(u32::MAX),
                (packed >> 32) as u32,
            )),
        }
    }

    /// See [`KeyTable::prefetch`].
    #[inline(always)]
    pub(super) fn prefetch(&self, key: u64) {
        self.table.prefetch(key);
    }

    /// All entries, in ascending key order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (u64, WordEntry)> + '_ {
        self.table.iter().map(|(k, packed)| {
            let entry = if packed == WIDE {
                self.wide.get(&k).copied()
            } else {
                None
            };
            let entry = entry
                .unwrap_or_else(|| entry_of(packed & u64::from(u32::MAX), (packed >> 32) as u32));
            (k, entry)
        })
    }
}

impl FromIterator<(u64, WordEntry)> for WordTable {
    fn from_iter<I: IntoIterator<Item = (u64, WordEntry)>>(iter: I) -> Self {
        let mut wide = FxHashMap::default();
        let table = iter
            .into_iter()
            .map(|(k, e)| {
                if e.mask <= u64::from(u32::MAX) && e.count < PLAIN_BIT - 2 {
                    (k, e.mask | u64::from(stored_count(&e)) << 32)
                } else {
                    wide.insert(k, e);
                    (k, WIDE)
                }
            })
            .collect();
        WordTable { table, wide }
    }
}

/// How a gap between two letters is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// A space: two words.
    Space,
    /// A ZWNJ: one word, letters not joined.
    Zwnj,
    /// Nothing: one word, letters joined.
    None,
}

/// Decision thresholds, tuned on the development split.
///
/// The classifier thresholds come in pairs because a line tells how it was written: a
/// line where known words such as «میشود» arrive without their ZWNJ was written by
/// someone (or something) that deletes ZWNJ, so an unknown word there is more likely
/// to have lost one too; a line where «می کند» or «حمله های» arrive spaced was written
/// with spaces for ZWNJ, so an unknown pair there is more likely to be one word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Score above which an unknown word gets a ZWNJ at a gap, in a line that shows
    /// deleted ZWNJ elsewhere.
    pub word: f32,
    /// The same, in a line that shows no deleted ZWNJ.
    pub word_strict: f32,
    /// Score above which a space between two pieces becomes a ZWNJ, in a line that
    /// shows ZWNJ typed as spaces elsewhere.
    pub space: f32,
    /// The same, in a line that shows none.
    pub space_strict: f32,
    /// A known pair is joined when `joined * pair_ratio > spaced`, in a line that
    /// shows ZWNJ typed as spaces elsewhere.
    pub pair_ratio: f32,
    /// The same, in a line that shows none.
    pub pair_ratio_strict: f32,
    /// Two unknown pieces that make a word seen this often written without a ZWNJ
    /// are joined directly (هم چنین → همچنین).
    pub fused_count: u32,
    /// Two unknown pieces whose letters make a word the word table spells with a
    /// ZWNJ there (a lexicon compound such as «باستان‌شناسی») are joined when the
    /// space classifier scores the pair above this, in a line that shows ZWNJ typed
    /// as spaces elsewhere. The lexicon lists many compounds that running text writes
    /// apart, so its word alone is not enough.
    pub likely: f32,
    /// The same, in a line that shows none.
    pub likely_strict: f32,
    /// When 1: in a line that shows ZWNJ typed as spaces and no word that surely
    /// lost its ZWNJ, a known word written with none is kept as written when the
    /// corpus also writes it so ([`WordEntry::plain`]). 0: the table's spelling
    /// always.
    pub plain_guard: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            word: 0.0,
            word_strict: 0.0,
            space: 2.0,
            space_strict: 6.0,
            pair_ratio: 1.0,
            pair_ratio_strict: 1.0,
            fused_count: 20,
            likely: f32::NEG_INFINITY,
            likely_strict: f32::INFINITY,
            plain_guard: 0,
        }
    }
}

/// What the tables say about a space between two pieces, before line evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SpaceDecision {
    /// Decided by the tables; `sure` marks a decision strong enough to count as
    /// evidence that this line types ZWNJ as spaces.
    Fixed {
        /// The decision.
        gap: Gap,
        /// Strong evidence.
        sure: bool,
    },
    /// A known pair: how often the corpus joins it and writes it apart. Joined when
    /// `joined * ratio > spaced`, the ratio depending on the line's evidence; a pair
    /// joined three times more often than not (and at least three times) is itself
    /// evidence that the line types ZWNJ as spaces.
    Counts {
        /// Times joined by a ZWNJ.
        joined: u32,
        /// Times written as two words.
        spaced: u32,
    },
    /// Unknown pair that makes a known word: this gap, if the line shows ZWNJ typed
    /// as spaces elsewhere, else a space. For a ZWNJ, the caller also asks the space
    /// classifier (see [`Thresholds::likely`]).
    Likely(Gap),
    /// [`SpaceDecision::Likely`] for a ZWNJ, with the space classifier's score filled
    /// in by the caller.
    LikelyScored(f32),
    /// Unknown pair: the space classifier's score for a ZWNJ. [`ZwnjModel::space_decision`]
    /// leaves it NaN; the caller fills it with [`ZwnjModel::space_score`] (and may
    /// cache it: it is the costly part).
    Score(f32),
}

/// The known-pair rule of [`SpaceDecision::Counts`]: the pair becomes a ZWNJ when
/// `joined * ratio > spaced` (`ratio` is [`Thresholds::pair_ratio`] or its strict
/// twin, by the line's evidence).
#[inline]
pub fn pair_joins(joined: u32, spaced: u32, ratio: f32) -> bool {
    joined as f32 * ratio > spaced as f32
}

/// The trained ZWNJ model.
#[derive(Debug, Clone, Default)]
pub struct ZwnjModel {
    /// Words by [`text_hash`] of their letters (no ZWNJ). Keys are hashes, not
    /// strings: a lookup then touches one table and compares no bytes, which matters
    /// on the hot path; 64-bit hashes of a few hundred thousand words do not collide
    /// in practice.
    pub(super) words: WordTable,
    /// Piece pairs by [`pair_hash`]: how often joined and how often written apart
    /// (pairs written apart and never joined have `joined == 0`).
    pub(super) pairs: KeyTable<PairEntry>,
    /// Pieces that attach to the word before them even after a non-joining letter,
    /// with no space («ها» in «بندرها»).
    pub(super) bound_suffixes: FxHashSet<Box<str>>,
    /// Pieces that almost never stand alone but begin a word (می, نمی): seen alone
    /// before another word, they show that this text types ZWNJ as spaces.
    pub(super) bound_prefixes: FxHashSet<Box<str>>,
    /// The two bound-piece sets, indexed for the hot path.
    pub(super) bound_prefixes_index: PieceIndex,
    pub(super) bound_suffixes_index: PieceIndex,
    /// Present and past verb stems (hazm's verbs.dat): «شو», «شد», «رو», «رفت».
    pub(super) verb_stems: FxHashSet<Box<str>>,
    /// More stems, of the lexicon's regular infinitives («دم», «دمید» of «دمیدن»),
    /// read only by the prefixed-verb rule of [`ZwnjModel::unknown_mask`] (the
    /// classifiers' features keep to `verb_stems`: as features they changed the
    /// weights as much as a new training order, and no more). Empty in a model file
    /// written before them.
    pub(super) rule_stems: FxHashSet<Box<str>>,
    /// Pairs (previous word, piece), by [`pair_hash`], where a bound prefix stands
    /// alone: «ماه می» (the month May).
    pub(super) standalone_contexts: FxHashSet<u64>,
    /// Pieces seen on either side of a ZWNJ, by [`text_hash`]: features of the gap
    /// classifiers (the corpus's compound heads and tails).
    pub(super) piece_roles: KeyTable<PieceRoles>,
    /// Gap classifier weights for gaps inside a word (a deleted ZWNJ).
    pub(super) weights: Vec<f32>,
    /// Gap classifier weights for a space between two words (a ZWNJ typed as space).
    pub(super) space_weights: Vec<f32>,
    pub(super) thresholds: Thresholds,
    /// Sum of the word table's counts: the corpus size that turns two pieces'
    /// counts into the number of times chance alone would put them side by side
    /// (see [`UNSEEN_PAIR_EXPECTED`]). Computed from the table, not stored.
    pub(super) total_count: u64,
    /// The next-word tables that choose between «‌های» and «ه‌ای» ([`super::hai`]);
    /// empty in a model file written before them (the rule is then off).
    pub(super) hai: super::hai::HaiTables,
    /// Changes whenever the model or its thresholds change, so per-thread caches of
    /// its decisions know when they are stale.
    pub(super) generation: u64,
}

/// Two words the corpus never writes side by side (neither as one word nor as two),
/// although their counts say chance alone would have put them together at least
/// this often, stay two words: a compound of two frequent words would have been
/// seen («نه تا», «پرت و», «راه بر» are not compounds), so the space classifier,
/// which sees each side alone, is not asked. The expected count is
/// `count(a) * count(b) / total_count`. Chosen on PerDT dev (space corruption): at
/// 0.2 it kept three wrong joins and no right one; BENCHMARKS.md has the table.
pub const UNSEEN_PAIR_EXPECTED: f64 = 0.2;

/// The sum of the counts of a word table (see [`ZwnjModel::total_count`]).
pub(super) fn total_count(words: &WordTable) -> u64 {
    words.iter().map(|(_, e)| u64::from(e.count)).sum()
}

/// Two pieces facing each other across a space, with what the caller knows already
/// of their hashes (a piece that is a whole word was hashed to look it up).
#[derive(Debug, Clone, Copy)]
pub(super) struct Pieces<'a> {
    /// The last piece of the left word.
    pub a: &'a str,
    /// `hash_absorb(HASH_SEED, a)`, if known.
    pub a_state: Option<u64>,
    /// The first piece of the right word.
    pub b: &'a str,
    /// `text_hash(b)`, if known.
    pub b_hash: Option<u64>,
    /// `pair_hash(a, b)`, if known.
    pub ab_hash: Option<u64>,
    /// `last_letter_joins(a)`, if known.
    pub a_joins: Option<bool>,
}

/// A small set of pieces (the bound prefixes or suffixes) tested on every gap: a
/// piece whose byte length no member has is out at once, which is most; for the
/// others a 256-bit filter on the [`text_hash`] rules out nearly all non-members,
/// and the rest are compared by hash and bytes, so the answer is exact.
#[derive(Debug, Clone, Default)]
pub(super) struct PieceIndex {
    /// Bit `n` set for every byte length `n` (below 64) of a member.
    lengths: u64,
    /// Members of 64 bytes or more (none in practice) skip the length filter.
    long: bool,
    /// Bit `h & 255` set for the hash `h` of every member.
    filter: [u64; 4],
    /// Each member with its hash.
    members: Vec<(u64, Box<str>)>,
}

impl PieceIndex {
    /// Indexes `set`.
    pub(super) fn of(set: &FxHashSet<Box<str>>) -> Self {
        let mut members: Vec<(u64, Box<str>)> =
            set.iter().map(|s| (text_hash(s), s.clone())).collect();
        members.sort_unstable();
        let mut filter = [0u64; 4];
        for (h, _) in &members {
            filter[(*h as usize >> 6) & 3] |= 1 << (h & 63);
        }
        PieceIndex {
            lengths: members
                .iter()
                .filter(|(_, s)| s.len() < 64)
                .fold(0, |bits, (_, s)| bits | 1 << s.len()),
            long: members.iter().any(|(_, s)| s.len() >= 64),
            filter,
            members,
        }
    }

    /// True when `piece` is a member; `hash` is its [`text_hash`] if known.
    #[inline(always)]
    pub(super) fn contains(&self, piece: &str, hash: Option<u64>) -> bool {
        let n = piece.len();
        if let Some(h) = hash {
            // Both filters in one branch, which is nearly always taken: a branch on
            // the length alone went either way with the words' lengths (cachegrind
            // charged it a misprediction every few gaps).
            let length_bit = if n < 64 {
                self.lengths >> n
            } else {
                u64::from(self.long)
            };
            let hash_bit = self.filter[(h as usize >> 6) & 3] >> (h & 63);
            if length_bit & hash_bit & 1 == 0 {
                return false;
            }
            return self
                .members
                .iter()
                .any(|(mh, m)| *mh == h && m.as_bytes() == piece.as_bytes());
        }
        if n < 64 {
            if self.lengths & (1 << n) == 0 {
                return false;
            }
        } else if !self.long {
            return false;
        }
        let h = hash.unwrap_or_else(|| text_hash(piece));
        if self.filter[(h as usize >> 6) & 3] & (1 << (h & 63)) == 0 {
            return false;
        }
        self.members
            .iter()
            .any(|(mh, m)| *mh == h && m.as_bytes() == piece.as_bytes())
    }
}

/// A fresh generation number.
pub(super) fn next_generation() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A stable 64-bit hash of a pair of pieces. The model file stores these values, so
/// the function is fixed here rather than taken from a hasher that may change; it
/// reads eight bytes at a time, as pair lookups sit on the hot path.
#[inline]
pub fn pair_hash(a: &str, b: &str) -> u64 {
    hash_finish(hash_absorb(
        hash_absorb(HASH_SEED, a.as_bytes()),
        b.as_bytes(),
    ))
}

/// The stable hash of one word (see [`pair_hash`]).
#[inline]
pub fn text_hash(s: &str) -> u64 {
    hash_finish(hash_absorb(HASH_SEED, s.as_bytes()))
}

/// The state of [`text_hash`] and [`pair_hash`] before any part.
pub(super) const HASH_SEED: u64 = 0x243F_6A88_85A3_08D3;
pub(super) const HASH_K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The hash state after one more part:
/// `text_hash(a) == hash_finish(hash_absorb(HASH_SEED, a))` and
/// `pair_hash(a, b) == hash_finish(hash_absorb(hash_absorb(HASH_SEED, a), b))`, so the
/// state of a word, kept from its lookup, also starts the hash of the pair it begins.
#[inline(always)]
pub(super) fn hash_absorb(mut h: u64, part: &[u8]) -> u64 {
    let n = part.len();
    let mut i = 0;
    while let Some(c) = part.get(i..i + 8) {
        let v = <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes);
        h = (h.rotate_left(23) ^ v).wrapping_mul(HASH_K);
        i += 8;
    }
    (h.rotate_left(23) ^ tail_word(part) ^ ((n as u64) << 56)).wrapping_mul(HASH_K)
}

/// The hash value of a state.
#[inline(always)]
pub(super) fn hash_finish(h: u64) -> u64 {
    h ^ (h >> 31)
}

/// The bytes of `part` after its last whole 8-byte chunk, zero-padded to eight and
/// read little-endian, without a copy: by overlapping reads of the part itself.
#[inline(always)]
fn tail_word(part: &[u8]) -> u64 {
    let n = part.len();
    let r = n % 8;
    if r == 0 {
        return 0;
    }
    let le64 = |b: &[u8]| <[u8; 8]>::try_from(b).map_or(0, u64::from_le_bytes);
    let le32 = |b: &[u8]| <[u8; 4]>::try_from(b).map_or(0, |a| u32::from_le_bytes(a) as u64);
    if n >= 8 {
        // The last eight bytes end with the tail: shift the chunk's bytes away.
        le64(&part[n - 8..]) >> (8 * (8 - r))
    } else if r >= 4 {
        // Two four-byte reads that overlap agree where they overlap.
        le32(&part[..4]) | le32(&part[r - 4..r]) << (8 * (r - 4))
    } else {
        part[0] as u64
            | (part[r / 2] as u64) << (8 * (r / 2))
            | (part[r - 1] as u64) << (8 * (r - 1))
    }
}

impl ZwnjModel {
    /// True when the model holds nothing (restoration is then a no-op).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.weights.is_empty()
    }

    /// Number of words in the word table.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// A one-line description of what the model holds.
    pub fn summary(&self) -> String {
        let mut bound: Vec<&str> = self.bound_suffixes.iter().map(|s| &**s).collect();
        bound.sort_unstable();
        format!(
            "{} words, {} pairs, {} standalone contexts, «های»/«ه‌ای» tables of {} next words and {} words, bound suffixes {:?}",
            self.words.len(),
            self.pairs.len(),
            self.standalone_contexts.len(),
            self.hai.next.len(),
            self.hai.words.len(),
            bound
        )
    }

    /// The decision thresholds.
    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }

    /// Replaces the decision thresholds.
    pub fn set_thresholds(&mut self, t: Thresholds) {
        self.thresholds = t;
        self.generation = next_generation();
    }

    /// Identifies this model and thresholds for caches (see [`next_generation`]).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Frequency of `word` (letters only, no ZWNJ) as a word.
    #[inline]
    pub fn count(&self, word: &str) -> u32 {
        self.words.get(text_hash(word)).map_or(0, |e| e.count)
    }

    /// What the tables say about the two sides of the gap before `chars[i]` of
    /// `word`; `offsets[k]` is the byte offset of `chars[k]` (and
    /// `offsets[chars.len()] == word.len()`).
    pub(super) fn gap_context(&self, word: &str, offsets: &[usize], i: usize) -> GapContext {
        GapContext {
            left_count: self.count(&word[..offsets[i]]),
            right_count: self.count(&word[offsets[i]..]),
            shorter_left_count: if i >= 2 {
                self.count(&word[..offsets[i - 1]])
            } else {
                0
            },
            longer_left_count: if i + 1 < offsets.len() {
                self.count(&word[..offsets[i + 1]])
            } else {
                0
            },
            right_is_verb: self.is_verb_form(&word[offsets[i]..]),
            left_as_first: self
                .piece_roles
                .get(text_hash(&word[..offsets[i]]))
                .map_or(0, |r| r.first),
            right_as_last: self
                .piece_roles
                .get(text_hash(&word[offsets[i]..]))
                .map_or(0, |r| r.last),
            right_is_finite: self.is_finite_verb(&word[offsets[i]..]),
        }
    }

    /// A present or past stem followed by a person ending (or none): «شود», «رفتند».
    pub fn is_verb_form(&self, s: &str) -> bool {
        stem_and_ending(s, &self.verb_stems)
    }

    /// A stem of [`ZwnjModel::rule_stems`] followed by a person ending (or none):
    /// «دمد», «نوشانیم».
    fn is_rule_verb_form(&self, s: &str) -> bool {
        stem_and_ending(s, &self.rule_stems)
    }

    /// A stem with a person ending: «درخشیدند», «رود» (not a bare stem or participle).
    pub fn is_finite_verb(&self, s: &str) -> bool {
        const ENDINGS: [&str; 6] = ["م", "ی", "د", "یم", "ید", "ند"];
        ENDINGS.iter().any(|e| {
            s.strip_suffix(e)
                .is_some_and(|stem| !stem.is_empty() && self.verb_stems.contains(stem))
        })
    }

    /// Classifier score of a ZWNJ before `chars[i]`.
    pub(super) fn gap_score(
        &self,
        weights: &[f32],
        word: &str,
        chars: &[char],
        offsets: &[usize],
        i: usize,
        feats: &mut Vec<u32>,
    ) -> f32 {
        if weights.len() != HASH_SIZE {
            return f32::NEG_INFINITY;
        }
        gap_features(chars, i, self.gap_context(word, offsets, i), feats);
        feats.iter().map(|&f| weights[f as usize]).sum()
    }

    /// The word table's entry for `word` (letters only, no ZWNJ).
    #[inline]
    pub fn lookup(&self, word: &str) -> Option<WordEntry> {
        self.lookup_hash(text_hash(word))
    }

    /// The word table's entry for the word whose [`text_hash`] is `hash`.
    #[inline]
    pub fn lookup_hash(&self, hash: u64) -> Option<WordEntry> {
        self.words.get(hash)
    }

    /// Where the classifier puts a ZWNJ in `word`, an unknown word with no ZWNJ: bit
    /// `i` set means after its `i`-th char. Gaps scoring above `threshold` are
    /// accepted best first, refusing any that would leave a piece of a single letter
    /// (کریستال‌ه‌ای is never right).
    pub fn unknown_mask(&self, word: &str, threshold: f32, scratch: &mut Scratch) -> u64 {
        scratch.load(word);
        let Scratch {
            chars,
            offsets,
            feats,
            ..
        } = scratch;
        let mut cands: Vec<(f32, usize)> = Vec::new();
        for i in 1..chars.len().min(64) {
            if !is_gap_candidate(chars, i) {
                continue;
            }
            // A bound prefix before a verb form is a verb prefix: «میدمد» → «می‌دمد».
            let prefixed_verb = self.bound_prefixes.contains(&word[..offsets[i]])
                && (self.is_verb_form(&word[offsets[i]..])
                    || self.is_rule_verb_form(&word[offsets[i]..]));
            let s = if prefixed_verb {
                f32::INFINITY
            } else {
                self.gap_score(&self.weights, word, chars, offsets, i, feats)
            };
            if s > threshold {
                cands.push((s, i));
            }
        }
        cands.sort_by(|a, b| b.0.total_cmp(&a.0));
        let letters = |from: usize, to: usize| {
            chars[from..to]
                .iter()
                .filter(|c| !is_arabic_mark(**c))
                .count()
        };
        let mut mask = 0u64;
        for (_, i) in cands {
            let before = (1..i)
                .rev()
                .find(|&j| mask & (1 << (j - 1)) != 0)
                .unwrap_or(0);
            let after = (i + 1..chars.len())
                .find(|&j| mask & (1 << (j - 1)) != 0)
                .unwrap_or(chars.len());
            if letters(before, i) >= 2 && letters(i, after) >= 2 {
                mask |= 1 << (i - 1);
            }
        }
        mask
    }

    /// Where a ZWNJ belongs in `word` (no ZWNJ in it), known or not, with the
    /// threshold of a line that shows deleted ZWNJ.
    pub fn word_mask(&self, word: &str, scratch: &mut Scratch) -> u64 {
        match self.lookup(word) {
            Some(e) => e.mask,
            None => self.unknown_mask(word, self.thresholds.word, scratch),
        }
    }

    /// A piece that begins words and almost never stands alone (می, نمی).
    #[inline]
    pub fn is_bound_prefix(&self, piece: &str) -> bool {
        self.bound_prefixes_index.contains(piece, None)
    }

    /// A piece that ends words and almost never stands alone (ها, های, ترین).
    #[inline]
    pub fn is_bound_suffix(&self, piece: &str) -> bool {
        self.bound_suffixes_index.contains(piece, None)
    }

    /// What the tables and the classifier say about the space between two words.
    /// `a_piece` is the part of the left word after its last ZWNJ, `b_piece` the part
    /// of the right word before its first (only the pieces facing each other matter),
    /// and `prev_piece` the piece before `a_piece`, when there is one; `ab_hash` is
    /// `pair_hash(a_piece, b_piece)`.
    pub fn space_decision(
        &self,
        prev_piece: Option<&str>,
        a_piece: &str,
        b_piece: &str,
        ab_hash: u64,
        scratch: &mut Scratch,
    ) -> SpaceDecision {
        let pieces = Pieces {
            a: a_piece,
            a_state: None,
            b: b_piece,
            b_hash: None,
            ab_hash: Some(ab_hash),
            a_joins: None,
        };
        self.decide_space_with(
            || prev_piece,
            pieces,
            text_hash(a_piece),
            || ab_hash,
            scratch,
        )
    }

    /// [`ZwnjModel::space_decision`] with the previous piece and the pair hash asked
    /// for only when needed: most gaps are decided without them.
    #[inline]
    pub(super) fn decide_space<'p>(
        &self,
        prev_piece: impl FnOnce() -> Option<&'p str>,
        pieces: Pieces<'_>,
        scratch: &mut Scratch,
    ) -> SpaceDecision {
        let a_state = pieces
            .a_state
            .unwrap_or_else(|| hash_absorb(HASH_SEED, pieces.a.as_bytes()));
        let ab_hash = || {
            pieces
                .ab_hash
                .unwrap_or_else(|| hash_finish(hash_absorb(a_state, pieces.b.as_bytes())))
        };
        self.decide_space_with(prev_piece, pieces, hash_finish(a_state), ab_hash, scratch)
    }

    /// [`ZwnjModel::decide_space`] given `a_hash == text_hash(pieces.a)` and the pair
    /// hash on demand.
    #[inline(always)]
    fn decide_space_with<'p>(
        &self,
        prev_piece: impl FnOnce() -> Option<&'p str>,
        pieces: Pieces<'_>,
        a_hash: u64,
        ab_hash: impl FnOnce() -> u64,
        scratch: &mut Scratch,
    ) -> SpaceDecision {
        use SpaceDecision::Fixed;
        let (a_piece, b_piece) = (pieces.a, pieces.b);
        let space = Fixed {
            gap: Gap::Space,
            sure: false,
        };
        let Some(joins) = pieces.a_joins.or_else(|| last_letter_joins(a_piece)) else {
            return space;
        };
        if b_piece.is_empty() {
            return space;
        }
        if !joins {
            // A ZWNJ would be invisible here; a bound suffix joins directly when the
            // whole is a known word or the left piece is (بندر ها → بندرها).
            if self.bound_suffixes_index.contains(b_piece, pieces.b_hash)
                && self.suffix_joins_directly(a_piece, b_piece, scratch)
            {
                return Fixed {
                    gap: Gap::None,
                    sure: true,
                };
            }
            return space;
        }
        let a_bound = self.bound_prefixes_index.contains(a_piece, Some(a_hash));
        if a_bound {
            if let Some(p_piece) = prev_piece() {
                if self.stands_alone(p_piece, a_piece, b_piece) {
                    return space;
                }
            }
        }
        if let Some(p) = self.pairs.get(ab_hash()) {
            return SpaceDecision::Counts {
                joined: p.joined,
                spaced: p.spaced,
            };
        }
        // A piece that never stands alone, standing alone: «حمله های», «می درخشیدند».
        if a_bound || self.bound_suffixes_index.contains(b_piece, pieces.b_hash) {
            return Fixed {
                gap: Gap::Zwnj,
                sure: true,
            };
        }
        self.unknown_pair(a_piece, b_piece, scratch)
    }

    /// After a non-joining letter, a bound suffix joins directly when the whole is a
    /// known word or the left piece is (بندر ها → بندرها). Out of line: rare.
    #[cold]
    #[inline(never)]
    fn suffix_joins_directly(&self, a_piece: &str, b_piece: &str, scratch: &mut Scratch) -> bool {
        scratch.buf.clear();
        scratch.buf.push_str(a_piece);
        scratch.buf.push_str(b_piece);
        self.lookup(&scratch.buf).is_some() || self.count(a_piece) >= 3
    }

    /// «ماه می» stands alone, unless a finite verb follows (ماه می درخشیدند).
    #[cold]
    #[inline(never)]
    fn stands_alone(&self, p_piece: &str, a_piece: &str, b_piece: &str) -> bool {
        self.standalone_contexts
            .contains(&pair_hash(p_piece, a_piece))
            && !self.is_finite_verb(b_piece)
    }

    /// An unknown pair whose letters make a known word: one word, written with a
    /// ZWNJ there if the corpus does, else directly when that spelling is common
    /// (هم چنین → همچنین), else with a ZWNJ (the compound's transparent spelling).
    /// Otherwise a question for the classifier. Out of line: the tables know most
    /// pairs.
    #[cold]
    #[inline(never)]
    fn unknown_pair(&self, a_piece: &str, b_piece: &str, scratch: &mut Scratch) -> SpaceDecision {
        scratch.buf.clear();
        scratch.buf.push_str(a_piece);
        let i = a_piece.chars().count();
        scratch.buf.push_str(b_piece);
        if let Some(e) = self.lookup(&scratch.buf) {
            if (1..=64).contains(&i) && e.mask & (1 << (i - 1)) != 0 {
                return SpaceDecision::Likely(Gap::Zwnj);
            }
            if e.count >= self.thresholds.fused_count {
                return SpaceDecision::Likely(Gap::None);
            }
            if e.count >= 2 {
                return SpaceDecision::Likely(Gap::Zwnj);
            }
        }
        SpaceDecision::Score(f32::NAN)
    }

    /// Two pieces the tables do not know as a pair that chance alone would have put
    /// side by side in the corpus (see [`UNSEEN_PAIR_EXPECTED`]): they stay apart.
    pub fn is_chance_pair(&self, a_piece: &str, b_piece: &str) -> bool {
        if self.total_count == 0 {
            return false;
        }
        let expected = f64::from(self.count(a_piece)) * f64::from(self.count(b_piece))
            / self.total_count as f64;
        expected >= UNSEEN_PAIR_EXPECTED
    }

    /// The space classifier's score for a ZWNJ between two pieces the tables do not
    /// know (what [`ZwnjModel::space_decision`] leaves as a `Score`).
    pub fn space_score(&self, a_piece: &str, b_piece: &str, scratch: &mut Scratch) -> f32 {
        scratch.buf.clear();
        scratch.buf.push_str(a_piece);
        scratch.buf.push_str(b_piece);
        let i = a_piece.chars().count();
        let joined = std::mem::take(&mut scratch.buf);
        scratch.load(&joined);
        let score = {
            let Scratch {
                chars,
                offsets,
                feats,
                ..
            } = scratch;
            self.gap_score(&self.space_weights, &joined, chars, offsets, i, feats)
        };
        scratch.buf = joined;
        score
    }

    /// Reads a model file.
    pub fn from_bytes(data: &[u8]) -> Result<Self> {
        let mut r = Reader::open(data, KIND, VERSION)?;
        let thresholds = Thresholds {
            word: r.f32()?,
            word_strict: r.f32()?,
            space: r.f32()?,
            space_strict: r.f32()?,
            pair_ratio: r.f32()?,
            pair_ratio_strict: r.f32()?,
            fused_count: r.u32()?,
            likely: r.f32()?,
            likely_strict: r.f32()?,
            plain_guard: r.u32()?,
        };
        // The tables are blocks of fixed-size little-endian records: read each block
        // with one length check, then split it.
        // Words whose mask fits 32 bits (all in practice) in 16-byte records, then the
        // others in 20-byte records.
        let n = r.count(16)?;
        let narrow = r.raw(n * 16)?;
        let n = r.count(20)?;
        let wide = r.raw(n * 20)?;
        let words: WordTable = narrow
            .chunks_exact(16)
            .map(|rec| {
                let entry = entry_of(u64::from(le_u32(&rec[8..12])), le_u32(&rec[12..]));
                (le_u64(&rec[..8]), entry)
            })
            .chain(wide.chunks_exact(20).map(|rec| {
                let entry = entry_of(le_u64(&rec[8..16]), le_u32(&rec[16..]));
                (le_u64(&rec[..8]), entry)
            }))
            .collect();
        let pairs = read_two_counts(&mut r, |joined, spaced| PairEntry { joined, spaced })?;
        let read_set = |r: &mut Reader| -> Result<FxHashSet<Box<str>>> {
            let n = r.count(4)?;
            let mut s = FxHashSet::default();
            for _ in 0..n {
                s.insert(r.str()?.into());
            }
            Ok(s)
        };
        let bound_suffixes = read_set(&mut r)?;
        let bound_prefixes = read_set(&mut r)?;
        let verb_stems = read_set(&mut r)?;
        let n = r.count(8)?;
        let mut standalone_contexts = FxHashSet::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            standalone_contexts.insert(r.u64()?);
        }
        let piece_roles = read_two_counts(&mut r, |first, last| PieceRoles { first, last })?;
        let weights = read_weights(&mut r)?;
        let space_weights = read_weights(&mut r)?;
        // An optional last section (a file without it still loads).
        let hai = if r.at_end() {
            super::hai::HaiTables::default()
        } else {
            let reading = |plural, indefinite| super::hai::Readings { plural, indefinite };
            let next = read_two_counts(&mut r, reading)?;
            let words = read_two_counts(&mut r, reading)?;
            super::hai::HaiTables::new(next, words)
        };
        // A second optional section: the rule's stems.
        let rule_stems = if r.at_end() {
            FxHashSet::default()
        } else {
            read_set(&mut r)?
        };
        if !r.at_end() {
            return Err(Error::model(KIND, "trailing bytes after the weights"));
        }
        Ok(ZwnjModel {
            total_count: total_count(&words),
            words,
            pairs,
            bound_prefixes_index: PieceIndex::of(&bound_prefixes),
            bound_suffixes_index: PieceIndex::of(&bound_suffixes),
            bound_suffixes,
            bound_prefixes,
            verb_stems,
            rule_stems,
            standalone_contexts,
            piece_roles,
            weights,
            space_weights,
            hai,
            thresholds,
            generation: next_generation(),
        })
    }

    /// Writes the model file (tables sorted, so the same model gives the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(KIND, VERSION);
        w.f32(self.thresholds.word);
        w.f32(self.thresholds.word_strict);
        w.f32(self.thresholds.space);
        w.f32(self.thresholds.space_strict);
        w.f32(self.thresholds.pair_ratio);
        w.f32(self.thresholds.pair_ratio_strict);
        w.u32(self.thresholds.fused_count);
        w.f32(self.thresholds.likely);
        w.f32(self.thresholds.likely_strict);
        w.u32(self.thresholds.plain_guard);
        let mut words: Vec<_> = self.words.iter().collect();
        words.sort_unstable_by_key(|w| w.0);
        let (narrow, wide): (Vec<_>, Vec<_>) = words
            .into_iter()
            .partition(|(_, e)| e.mask <= u64::from(u32::MAX));
        w.u32(narrow.len() as u32);
        for (k, e) in narrow {
            w.u64(k);
            w.u32(e.mask as u32);
            w.u32(stored_count(&e));
        }
        w.u32(wide.len() as u32);
        for (k, e) in wide {
            w.u64(k);
            w.u64(e.mask);
            w.u32(stored_count(&e));
        }
        write_two_counts(&mut w, &self.pairs, |p| (p.joined, p.spaced));
        for set in [&self.bound_suffixes, &self.bound_prefixes, &self.verb_stems] {
            let mut v: Vec<_> = set.iter().collect();
            v.sort_unstable();
            w.u32(v.len() as u32);
            for s in v {
                w.str(s);
            }
        }
        let mut contexts: Vec<u64> = self.standalone_contexts.iter().copied().collect();
        contexts.sort_unstable();
        w.u32(contexts.len() as u32);
        for h in contexts {
            w.u64(h);
        }
        write_two_counts(&mut w, &self.piece_roles, |p| (p.first, p.last));
        write_weights(&mut w, &self.weights);
        write_weights(&mut w, &self.space_weights);
        if !self.hai.is_empty() || !self.rule_stems.is_empty() {
            for table in [&self.hai.next, &self.hai.words] {
                write_two_counts(&mut w, table, |r| (r.plural, r.indefinite));
            }
        }
        if !self.rule_stems.is_empty() {
            let mut v: Vec<_> = self.rule_stems.iter().collect();
            v.sort_unstable();
            w.u32(v.len() as u32);
            for s in v {
                w.str(s);
            }
        }
        w.finish()
    }
}

/// Weights are stored sparsely: the count, then (index, value) for each non-zero one.
fn write_weights(w: &mut Writer, weights: &[f32]) {
    let nz: Vec<(usize, f32)> = weights
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, x)| x != 0.0)
        .collect();
    w.u32(nz.len() as u32);
    for (i, x) in nz {
        w.u32(i as u32);
        w.f32(x);
    }
}

/// A table of 16-byte records, a `u64` key and two `u32` counts (the pair and the
/// piece-role tables), each record's counts made into a value by `entry`.
/// Writes a table of two counts per key, sorted by key (read by [`read_two_counts`]):
/// 16-byte records, a key and two `u32`s.
fn write_two_counts<V: Copy>(
    w: &mut Writer,
    table: &KeyTable<V>,
    counts: impl Fn(V) -> (u32, u32),
) {
    let mut v: Vec<(u64, V)> = table.iter().collect();
    v.sort_unstable_by_key(|e| e.0);
    w.u32(v.len() as u32);
    for (k, value) in v {
        let (a, b) = counts(value);
        w.u64(k);
        w.u32(a);
        w.u32(b);
    }
}

fn read_two_counts<V: Copy + Default>(
    r: &mut Reader<'_>,
    entry: impl Fn(u32, u32) -> V,
) -> Result<KeyTable<V>> {
    let n = r.count(16)?;
    let block = r.raw(n * 16)?;
    Ok(block
        .chunks_exact(16)
        .map(|rec| {
            let v = entry(le_u32(&rec[8..12]), le_u32(&rec[12..]));
            (le_u64(&rec[..8]), v)
        })
        .collect())
}

fn read_weights(r: &mut Reader<'_>) -> Result<Vec<f32>> {
    let n = r.count(8)?;
    let block = r.raw(n * 8)?;
    // On transparent huge pages: four page faults per table instead of a thousand
    // (the records scatter over the whole vector), and the classifier's reads miss
    // the TLB less.
    let mut weights = Vec::with_capacity(HASH_SIZE);
    crate::table::advise_huge_pages_in(&mut weights);
    weights.resize(HASH_SIZE, 0f32);
    for rec in block.chunks_exact(8) {
        let i = le_u32(&rec[..4]) as usize;
        *weights
            .get_mut(i)
            .ok_or_else(|| Error::model(KIND, format!("weight index {i} out of range")))? =
            f32::from_bits(le_u32(&rec[4..]));
    }
    Ok(weights)
}

/// A little-endian `u64` from the first eight bytes of `b` (0 if shorter).
#[inline]
fn le_u64(b: &[u8]) -> u64 {
    b.get(..8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// A little-endian `u32` from the first four bytes of `b` (0 if shorter).
#[inline]
fn le_u32(b: &[u8]) -> u32 {
    b.get(..4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, u32::from_le_bytes)
}

/// Whether the last char of `piece` that is not a combining mark joins the next
/// letter; `None` when there is no such char. Pieces are Arabic-script letters, so
/// this reads the class table two bytes at a time and decodes chars only otherwise.
#[inline]
pub(super) fn last_letter_joins(piece: &str) -> Option<bool> {
    let b = piece.as_bytes();
    let mut i = b.len();
    while i >= 2 {
        let lead = b[i - 2];
        if lead & 0xFC != 0xD8 {
            break;
        }
        let class = CHAR_CLASS[class_index(lead, b[i - 1])];
        if class & MARK == 0 {
            return Some(class & JOINS != 0);
        }
        i -= 2;
    }
    piece[..i]
        .chars()
        .rev()
        .find(|&c| !is_arabic_mark(c))
        .map(joins_next)
}

/// A gap before `chars[i]` can hold a ZWNJ when the letter before it joins the next
/// one (after ا د ر ز و … a ZWNJ changes nothing) and `chars[i]` is a letter.
#[inline]
pub(super) fn is_gap_candidate(chars: &[char], i: usize) -> bool {
    let prev = chars[..i].iter().rev().find(|&&c| !is_arabic_mark(c));
    matches!(prev, Some(&p) if joins_next(p)) && !is_arabic_mark(chars[i])
}

/// Reusable buffers, so deciding a word allocates nothing in the steady state.
#[derive(Debug, Default)]
pub struct Scratch {
    pub(super) chars: Vec<char>,
    pub(super) offsets: Vec<usize>,
    pub(super) feats: Vec<u32>,
    pub(super) buf: String,
}

impl Scratch {
    /// Loads a word's chars and their byte offsets.
    pub(super) fn load(&mut self, word: &str) {
        self.chars.clear();
        self.offsets.clear();
        for (o, c) in word.char_indices() {
            self.chars.push(c);
            self.offsets.push(o);
        }
        self.offsets.push(word.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash as first written (a copy of the tail into a buffer): the model files
    /// store its values, so the faster [`tail_word`] must give the same.
    fn reference_hash(parts: &[&[u8]]) -> u64 {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut h: u64 = 0x243F_6A88_85A3_08D3;
        for &part in parts {
            let mut chunks = part.chunks_exact(8);
            for c in &mut chunks {
                let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
                h = (h.rotate_left(23) ^ v).wrapping_mul(K);
            }
            let mut tail = [0u8; 8];
            let rest = chunks.remainder();
            tail[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(23) ^ u64::from_le_bytes(tail) ^ ((part.len() as u64) << 56))
                .wrapping_mul(K);
        }
        h ^ (h >> 31)
    }

    #[test]
    fn hash_matches_the_stored_definition() {
        let bytes: Vec<u8> = (0..40u8).map(|i| i.wrapping_mul(37) ^ 0xA5).collect();
        for a in 0..bytes.len() {
            for b in a..bytes.len() {
                let s = &bytes[a..b];
                assert_eq!(
                    hash_finish(hash_absorb(HASH_SEED, s)),
                    reference_hash(&[s]),
                    "{a}..{b}"
                );
                let t = &bytes[..a];
                assert_eq!(
                    hash_finish(hash_absorb(hash_absorb(HASH_SEED, s), t)),
                    reference_hash(&[s, t])
                );
            }
        }
        assert_eq!(text_hash("میشود"), reference_hash(&["میشود".as_bytes()]));
        assert_eq!(
            pair_hash("می", "شود"),
            reference_hash(&["می".as_bytes(), "شود".as_bytes()])
        );
    }

    #[test]
    fn piece_index_is_exact() {
        let set: FxHashSet<Box<str>> = ["ها", "های", "ترین"].iter().map(|&s| s.into()).collect();
        let index = PieceIndex::of(&set);
        for s in ["ها", "های", "ترین"] {
            assert!(index.contains(s, None));
            assert!(index.contains(s, Some(text_hash(s))));
        }
        for s in ["", "هاش", "تر", "کتاب", "ها ", "abc"] {
            assert!(!index.contains(s, None), "{s}");
        }
        // A wrong hash never makes a member of a non-member.
        assert!(!index.contains("کتاب", Some(text_hash("ها"))));
    }

    #[test]
    fn last_letter_joins_skips_marks() {
        assert_eq!(last_letter_joins("می"), Some(true));
        assert_eq!(last_letter_joins("بندر"), Some(false));
        assert_eq!(last_letter_joins("بندرِ"), Some(false));
        assert_eq!(last_letter_joins("مِ"), Some(true));
        assert_eq!(last_letter_joins("\u{064e}"), None);
        assert_eq!(last_letter_joins(""), None);
        assert_eq!(last_letter_joins("x"), Some(false));
    }
}

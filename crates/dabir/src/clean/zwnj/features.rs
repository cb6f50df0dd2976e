//! Features of one candidate gap inside a word, shared by training and inference.
//!
//! A gap is a position between two letters of a word with no ZWNJ. The classifier
//! decides whether a ZWNJ belongs there from what lies on each side: the right part
//! (a suffix such as «ها», «ترین», «اند»), the left part (a prefix such as «می»,
//! «نمی», «بی»), their last and first letters, and whether each side is a word of its
//! own and how frequent. Features are hashed into a fixed-size weight vector, so the
//! model is a flat array of floats and a lookup costs a few hashes.

use std::hash::Hasher;

/// log2 of the number of feature weights.
pub const HASH_BITS: u32 = 20;
/// Number of feature weights.
pub const HASH_SIZE: usize = 1 << HASH_BITS;

/// How well a string is known as a word of its own, in four steps.
#[inline]
pub fn frequency_bucket(count: u32) -> u8 {
    match count {
        0 => 0,
        1..=2 => 1,
        3..=30 => 2,
        _ => 3,
    }
}

/// What the model's tables say about the two sides of a gap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GapContext {
    /// Corpus frequency of the left part `chars[..i]` as a word (0 when unknown).
    pub left_count: u32,
    /// Corpus frequency of the right part `chars[i..]` as a word.
    pub right_count: u32,
    /// Frequency of `chars[..i-1]`: the split one letter earlier, the competing
    /// analysis of «یادهای» as «یاد» + «های» rather than «یاده» + «ای».
    pub shorter_left_count: u32,
    /// Frequency of `chars[..i+1]`: the split one letter later.
    pub longer_left_count: u32,
    /// The right part is a verb form (a known stem with a person ending), as after
    /// the prefix «می».
    pub right_is_verb: bool,
    /// How often the left part begins a word before a ZWNJ in the corpus («می»,
    /// «بی», «هم», «باستان» in «باستان‌شناسی»): a piece that is often the head of a
    /// compound is likely to be one again.
    pub left_as_first: u32,
    /// How often the right part ends a word after a ZWNJ («ها», «نویس», «شناسی»,
    /// «دار»): the corpus's compound tails and suffixes.
    pub right_as_last: u32,
    /// The right part is a finite verb (a stem with a person ending, «نشاندیم»): a
    /// space before it is the usual spelling of a compound verb, not a lost ZWNJ.
    pub right_is_finite: bool,
}

/// How a piece's count in a compound role compares with its count as a word of its
/// own: 0 never in that role, 1–3 the role's frequency bucket, plus 4 when the role
/// is at least as common as the word alone (a bound piece such as «نویس»).
#[inline]
fn role_bucket(role: u32, alone: u32) -> u8 {
    match role {
        0 => 0,
        _ => frequency_bucket(role) | if role >= alone { 4 } else { 0 },
    }
}

/// Collects the hashed feature indices of the gap before `chars[i]`.
pub fn gap_features(chars: &[char], i: usize, ctx: GapContext, out: &mut Vec<u32>) {
    out.clear();
    let (left_count, right_count) = (ctx.left_count, ctx.right_count);
    let left = &chars[..i];
    let right = &chars[i..];
    let lk = frequency_bucket(left_count);
    let rk = frequency_bucket(right_count);
    let l1 = left.last().copied().unwrap_or(' ');
    let l2 = if left.len() >= 2 {
        &left[left.len() - 2..]
    } else {
        left
    };
    let r1 = right.first().copied().unwrap_or(' ');
    let r2 = &right[..right.len().min(2)];
    let r3 = &right[..right.len().min(3)];
    let whole_right = right.len() <= 7;
    let whole_left = left.len() <= 6;
    let lenb = |n: usize| n.min(8) as u8;

    let mut f = |template: u8, parts: &[&[char]], small: &[u8]| {
        let mut h = rustc_hash::FxHasher::default();
        h.write_u8(template);
        for p in parts {
            for &c in *p {
                h.write_u32(c as u32);
            }
            h.write_u8(0xff);
        }
        for &s in small {
            h.write_u8(s);
        }
        // Fold the high bits in: FxHash's low bits alone are weak.
        let v = h.finish();
        out.push(((v ^ (v >> 29) ^ (v >> 47)) as u32) & (HASH_SIZE as u32 - 1));
    };

    f(0, &[], &[]);
    f(1, &[r3], &[]);
    f(2, &[r2], &[]);
    f(3, &[&[r1]], &[]);
    f(4, &[&[l1]], &[]);
    f(5, &[l2], &[]);
    f(6, &[], &[lk, rk]);
    f(7, &[&[l1], &[r1]], &[]);
    f(8, &[l2, r2], &[]);
    f(9, &[&[l1]], &[lk, rk]);
    f(10, &[r3], &[lk]);
    f(11, &[], &[lenb(left.len()), lenb(right.len())]);
    if whole_right {
        f(12, &[right], &[]);
        f(13, &[right], &[lk]);
        f(14, &[right, &[l1]], &[]);
        f(15, &[right, l2], &[lk]);
    }
    if whole_left {
        f(16, &[left], &[]);
        f(17, &[left], &[rk]);
        f(18, &[left, &[r1]], &[]);
        f(19, &[left, r2], &[rk]);
    }
    if whole_left && whole_right {
        f(20, &[left, right], &[]);
    }
    f(21, &[l2], &[rk]);
    f(22, &[r2], &[lk, rk]);
    let sk = frequency_bucket(ctx.shorter_left_count);
    let gk = frequency_bucket(ctx.longer_left_count);
    let verb = ctx.right_is_verb as u8;
    f(23, &[r2], &[lk, sk, gk]);
    f(24, &[&[l1]], &[sk, gk]);
    f(25, &[], &[verb, lk]);
    if whole_left {
        f(26, &[left], &[verb]);
    }
    f(27, &[l2], &[verb]);
    // Compound roles of the two sides (see [`GapContext::left_as_first`]).
    let lr = role_bucket(ctx.left_as_first, left_count);
    let rr = role_bucket(ctx.right_as_last, right_count);
    f(28, &[], &[lr, rr]);
    f(29, &[], &[lr, rk]);
    f(30, &[], &[rr, lk]);
    f(31, &[r2], &[rr]);
    f(32, &[l2], &[lr]);
    f(33, &[&[l1], &[r1]], &[lr, rr]);
    let finite = ctx.right_is_finite as u8;
    f(34, &[], &[finite, lk]);
    f(35, &[l2], &[finite]);
    f(36, &[], &[finite, verb, rr]);
}

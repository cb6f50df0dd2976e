//! Byte-level scanning shared by the cleaning steps.
//!
//! Most of a Persian text is ASCII spaces and Arabic-block letters that no step changes.
//! Decoding every character to ask "is this one of mine?" costs more than the work
//! itself, so each step describes the characters it cares about as a [`Scanner`]: a
//! 256-entry table over the first byte of each UTF-8 sequence, plus a 256-entry table
//! over the second byte of the two-byte sequences of the Arabic block (U+0600–U+06FF,
//! lead bytes `D8`–`DB`). [`Scanner::find`] jumps over everything else without decoding.
//!
//! [`Letters`] answers "what is the nearest letter to the left/right on this line"
//! in amortised constant time, which the digit and punctuation steps use to tell a
//! Persian context from a Latin one.

use crate::script;
use std::sync::OnceLock;

/// What to do with a byte that starts a UTF-8 sequence.
const SKIP1: u8 = 0;
const STOP: u8 = 1;
const ARABIC: u8 = 2;
const SKIP2: u8 = 3;
const SKIP3: u8 = 4;
const SKIP4: u8 = 5;

/// Finds the characters a step cares about without decoding the others.
#[derive(Debug)]
pub(crate) struct Scanner {
    lead: [u8; 256],
    arabic: [bool; 256],
    /// One byte per pair of adjacent bytes `(b0, b1)`, at index [`pair_index`]:
    /// non-zero when the character that `b1` starts (ASCII or lead byte) or ends
    /// (second byte of an Arabic-block character led by `b0`) is one this scanner stops
    /// at. Built on first use from the two tables above. 64 KiB, of which Persian text
    /// touches a few hundred bytes; the scan loop costs one table load per byte and has
    /// no unpredictable branch.
    pairs: OnceLock<Box<[u8]>>,
    /// Further byte pairs `(b0, b1)` to stop at (at `b1`), whatever the tables say.
    extra: &'static [(u8, u8)],
    /// This scanner's bit in a [`Stops`] profile (0: not profiled, always scan).
    profile_bit: u16,
    /// A lead byte this scanner stops at (every character it leads is a stop), with
    /// the bit a [`Stops`] profile sets for the scanner's *other* stops; `(0, 0)`:
    /// none. When a text's profile shows no other stop, the scanner's stops are
    /// exactly the bytes equal to the lead byte, found with `memchr` (SIMD) instead
    /// of the pair table ([`Stops::find`]). The unicode step stops at every ZWNJ
    /// (lead byte `E2`), which most lines of Persian hold, and at little else; the
    /// spacing step at the full stop that ends most sentences.
    memchr_stop: (u8, u16),
}

impl Scanner {
    /// A scanner that stops at the ASCII bytes `ascii`, at every character whose UTF-8
    /// lead byte is in `leads` (not `D8`–`DB`), and at the Arabic-block code points in
    /// the inclusive ranges `arabic`.
    pub(crate) const fn new(ascii: &[u8], leads: &[u8], arabic: &[(u32, u32)]) -> Self {
        Self::with_pairs(ascii, leads, arabic, &[])
    }

    /// Like [`Scanner::new`], also stopping at the second byte of each pair in `extra`
    /// (a space after a line break, two spaces: "a space, but only in this company").
    pub(crate) const fn with_pairs(
        ascii: &[u8],
        leads: &[u8],
        arabic: &[(u32, u32)],
        extra: &'static [(u8, u8)],
    ) -> Self {
        let mut lead = [SKIP1; 256];
        let mut b = 0xC0;
        while b < 256 {
            lead[b] = if b < 0xE0 {
                SKIP2
            } else if b < 0xF0 {
                SKIP3
            } else {
                SKIP4
            };
            b += 1;
        }
        let mut b = 0xD8;
        while b <= 0xDB {
            lead[b] = ARABIC;
            b += 1;
        }
        let mut k = 0;
        while k < ascii.len() {
            lead[ascii[k] as usize] = STOP;
            k += 1;
        }
        let mut k = 0;
        while k < leads.len() {
            lead[leads[k] as usize] = STOP;
            k += 1;
        }
        let mut table = [false; 256];
        let mut k = 0;
        while k < arabic.len() {
            let (lo, hi) = arabic[k];
            let mut cp = lo;
            while cp <= hi {
                if cp >= 0x600 && cp <= 0x6FF {
                    table[(cp - 0x600) as usize] = true;
                }
                cp += 1;
            }
            k += 1;
        }
        Scanner {
            lead,
            arabic: table,
            pairs: OnceLock::new(),
            extra,
            profile_bit: 0,
            memchr_stop: (0, 0),
        }
    }

    /// The scanner with its bit in the [`Stops`] profile of a text (one bit per
    /// scanner of [`PROFILED`]).
    pub(crate) const fn profiled(mut self, bit: u16) -> Self {
        self.profile_bit = bit;
        self
    }

    /// The scanner whose stops, in a text whose [`Stops`] profile has bit `bit`
    /// clear, are exactly the characters led by the byte `lead` (see
    /// [`Scanner::memchr_lead`]). `lead` must be a lead byte this scanner stops at (a
    /// test checks it).
    pub(crate) const fn memchr_lead(mut self, lead: u8, bit: u16) -> Self {
        self.memchr_stop = (lead, bit);
        self
    }

    fn pairs(&self) -> &[u8] {
        self.pairs.get_or_init(|| {
            let mut table = vec![0u8; 1 << 16].into_boxed_slice();
            for (w, slot) in table.iter_mut().enumerate() {
                let (b0, b1) = (w & 0xFF, w >> 8);
                let stop = match b1 {
                    0x80..=0xBF => {
                        (0xD8..=0xDB).contains(&b0) && self.arabic[((b0 & 3) << 6) | (b1 & 0x3F)]
                    }
                    _ => self.lead[b1] == STOP,
                };
                *slot = u8::from(stop);
            }
            for &(b0, b1) in self.extra {
                if let Some(slot) = table.get_mut(pair_index(b0, b1)) {
                    *slot = 1;
                }
            }
            table
        })
    }

    /// The byte offset of the first character at or after `from` that this scanner
    /// stops at, or `bytes.len()`. `from` must be a character boundary.
    #[inline]
    pub(crate) fn find(&self, bytes: &[u8], from: usize) -> usize {
        let pairs = self.pairs();
        let Some(pairs) = pairs.get(..1 << 16) else {
            return from;
        };
        let hit = |b0: u8, b1: u8| pairs[pair_index(b0, b1)];
        let n = bytes.len();
        let mut k = from;
        if k == 0 {
            // The first byte has no byte before it: its pair is (0, b).
            match bytes.first() {
                None => return 0,
                Some(&b) if hit(0, b) != 0 => return 0,
                Some(_) => k = 1,
            }
        }
        // Sixteen pairs at a time while no pair hits: one well-predicted branch per block,
        // two independent chains of loads.
        {
            while let Some(w) = bytes.get(k - 1..k + 16) {
                let a = hit(w[0], w[1])
                    | hit(w[1], w[2])
                    | hit(w[2], w[3])
                    | hit(w[3], w[4])
                    | hit(w[4], w[5])
                    | hit(w[5], w[6])
                    | hit(w[6], w[7])
                    | hit(w[7], w[8]);
                let b = hit(w[8], w[9])
                    | hit(w[9], w[10])
                    | hit(w[10], w[11])
                    | hit(w[11], w[12])
                    | hit(w[12], w[13])
                    | hit(w[13], w[14])
                    | hit(w[14], w[15])
                    | hit(w[15], w[16]);
                if a | b != 0 {
                    break;
                }
                k += 16;
            }
        }
        let mut prev = match k.checked_sub(1).and_then(|p| bytes.get(p)) {
            Some(&b) => b,
            None => 0,
        };
        while k < n {
            let b = bytes[k];
            if hit(prev, b) != 0 {
                // A hit on a second byte belongs to the character one byte back.
                return if (0x80..0xC0).contains(&b) { k - 1 } else { k };
            }
            prev = b;
            k += 1;
        }
        n
    }

    /// The same as [`Scanner::find`], decoding lead bytes (kept as the reference the
    /// pair table is tested against).
    #[cfg(test)]
    fn find_by_lead(&self, bytes: &[u8], mut i: usize) -> usize {
        let n = bytes.len();
        while i < n {
            let b = bytes[i];
            match self.lead[b as usize] {
                SKIP1 => i += 1,
                ARABIC => {
                    let Some(&b2) = bytes.get(i + 1) else {
                        return i;
                    };
                    if self.arabic[(((b & 0x03) as usize) << 6) | (b2 & 0x3F) as usize] {
                        return i;
                    }
                    i += 2;
                }
                SKIP2 => i += 2,
                SKIP3 => i += 3,
                SKIP4 => i += 4,
                _ => return i,
            }
        }
        n
    }
}

/// The index of the byte pair `(b0, b1)` in a pair table: the two bytes read as a
/// little-endian `u16`, so that the scan loops load each pair with one 16-bit load
/// (the compiler merges the two byte loads) rather than two loads and a shift.
#[inline(always)]
fn pair_index(b0: u8, b1: u8) -> usize {
    u16::from_le_bytes([b0, b1]) as usize
}

/// The scanners of the cleaning steps whose stops a [`Stops`] profile records, each
/// with its own bit (given by [`Scanner::profiled`]; a test checks they differ).
static PROFILED: [&Scanner; 7] = [
    &super::unicode::SCANNER,
    &super::letters::SCANNER,
    &super::digits::SCANNER,
    &super::punctuation::SCANNER_ALL,
    &super::punctuation::SCANNER_MARKS,
    &super::spacing::SCANNER,
    &super::spacing::SCRIPT_SCANNER,
];

/// Which of the [`PROFILED`] scanners stop anywhere in a text, and where: one pass over
/// the text answers for all of them.
///
/// Most lines of a Persian text hold nothing for most steps (no Arabic ي or ك, no
/// digit, no Latin comma), yet each step's scanner read the whole line to find that
/// out, one pass per step. [`crate::clean::Cleaner`] profiles each text once (and
/// again after a step changes it) and hands the profile to the steps through their
/// [`super::Rewriter`]; a step whose scanner has no stop in the text then skips its
/// scan ([`super::Rewriter::find`]). The answer is exact: a bit is clear only when
/// [`Scanner::find`] would run to the end of the text from any start.
///
/// The profile also lists where the first [`LISTED`] stops are, each with the bits of
/// the scanners that stop there, so that a step finds its stops in the list instead
/// of scanning the text again. Many lines do hold a stop for a step besides the ones
/// `memchr` finds (an ezafe hamza or a tanwin for the unicode step, an Arabic comma
/// for the spacing step), and their pair-table scans were 8% of `dabir normalize`'s
/// time; the list is filled in the profile's pass, on the rare blocks of the text
/// where a scanner stops. Past the listed stops (a line full of digits), the steps
/// scan as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stops {
    /// Bit per profiled scanner (and per memchr "other" bit): it stops in the text.
    bits: u16,
    /// How many entries of `at` and `what` are filled.
    listed: u8,
    /// True when the text has stops after the listed ones.
    more: bool,
    /// Byte offsets of the first stops (character starts), ascending. Offsets past
    /// `u16::MAX` are not listed: the profile is copied into every step's rewriter,
    /// and a small one costs no `memcpy` call.
    at: [u16; LISTED],
    /// The profile bits of the scanners that stop at the same entry of `at`.
    what: [u16; LISTED],
}

/// Stops a [`Stops`] profile lists by position. Most lines of running text hold
/// fewer (a few ZWNJ, full stops and commas); a text with more lists its first ones.
const LISTED: usize = 16;

impl Stops {
    /// Profiles `bytes` (a whole text: its first byte is read as following nothing,
    /// as [`Scanner::find`] reads it).
    pub(crate) fn of(bytes: &[u8]) -> Self {
        let mut stops = Stops {
            bits: 0,
            listed: 0,
            more: false,
            at: [0; LISTED],
            what: [0; LISTED],
        };
        let table = stops_table();
        let Some(table) = table.get(..1 << 16) else {
            stops.bits = u16::MAX;
            stops.more = true;
            return stops;
        };
        let Some(&first) = bytes.first() else {
            return stops;
        };
        let at = |b0: u8, b1: u8| table[pair_index(b0, b1)];
        stops.note(0, first, at(0, first));
        // Eight pairs at a time, two independent chains of loads; in a block where
        // some scanner stops (one block in seven of PerDT text) the stops are listed
        // by the bits of a mask, a branch per stop rather than per pair (a branch per
        // pair mispredicted on every other stop).
        let mut k = 0;
        while let Some(w) = bytes.get(k..k + 9) {
            let a = at(w[0], w[1]) | at(w[1], w[2]) | at(w[2], w[3]) | at(w[3], w[4]);
            let b = at(w[4], w[5]) | at(w[5], w[6]) | at(w[6], w[7]) | at(w[7], w[8]);
            if a | b != 0 {
                let mut hits = [0u16; 8];
                let mut mask = 0u32;
                for (j, (hit, p)) in hits.iter_mut().zip(w.windows(2)).enumerate() {
                    *hit = at(p[0], p[1]);
                    mask |= u32::from(*hit != 0) << j;
                }
                while mask != 0 {
                    let j = mask.trailing_zeros() as usize;
                    if let (Some(&hit), Some(&byte)) = (hits.get(j), w.get(j + 1)) {
                        stops.note(k + j + 1, byte, hit);
                    }
                    mask &= mask - 1;
                }
            }
            k += 8;
        }
        let tail = bytes.get(k..).unwrap_or_default();
        for (j, p) in tail.windows(2).enumerate() {
            stops.note(k + j + 1, p[1], at(p[0], p[1]));
        }
        stops
    }

    /// Records the profile bits `hit` of the byte pair that ends with `byte`, at
    /// offset `k`: a stop of the character starting there, or, on the second byte of
    /// an Arabic-block character, of the one starting a byte earlier (as
    /// [`Scanner::find`] reads a hit). (Writing every pair of a block and counting
    /// only the hits, with no branch on `hit`, was slower: `Stops::of` 10% → 13% of
    /// the time.)
    #[inline(always)]
    fn note(&mut self, k: usize, byte: u8, hit: u16) {
        if hit == 0 {
            return;
        }
        self.bits |= hit;
        let start = k.saturating_sub(usize::from(byte & 0xC0 == 0x80));
        let n = usize::from(self.listed);
        // Once a stop does not fit (the list is full, or its offset is too large),
        // none after it is listed: the list stays the text's first stops.
        match (
            u16::try_from(start),
            self.at.get_mut(n),
            self.what.get_mut(n),
        ) {
            (Ok(start), Some(at), Some(what)) if !self.more => {
                *at = start;
                *what = hit;
                self.listed += 1;
            }
            _ => self.more = true,
        }
    }

    /// False when `scanner` is profiled and stops nowhere in the profiled text.
    #[inline]
    pub(crate) fn may_stop(self, scanner: &Scanner) -> bool {
        scanner.profile_bit == 0 || self.bits & scanner.profile_bit != 0
    }

    /// [`Scanner::find`] over the profiled text `bytes` from `from` (a character
    /// boundary): the text's length when the scanner stops nowhere in it, the first
    /// listed stop of the scanner at or after `from`; past the listed stops, the next
    /// byte equal to the scanner's memchr lead byte when the profile shows that only
    /// those characters stop it (see [`Scanner::memchr_lead`]), else the scan.
    #[inline]
    pub(crate) fn find(&self, scanner: &Scanner, bytes: &[u8], from: usize) -> usize {
        if !self.may_stop(scanner) {
            return bytes.len();
        }
        let bit = scanner.profile_bit;
        let mut from = from;
        if bit != 0 {
            let n = usize::from(self.listed);
            let at = self.at.get(..n).unwrap_or_default();
            let stop = at
                .iter()
                .zip(&self.what)
                .find(|(&p, &w)| usize::from(p) >= from && w & bit != 0);
            if let Some((&p, _)) = stop {
                return usize::from(p);
            }
            if !self.more {
                return bytes.len();
            }
            // Every stop before the last listed one is listed.
            from = from.max(at.last().map_or(0, |&p| usize::from(p)));
        }
        let (lead, other) = scanner.memchr_stop;
        if other != 0 && self.bits & other == 0 {
            return bytes
                .get(from..)
                .and_then(|rest| memchr::memchr(lead, rest))
                .map_or(bytes.len(), |p| from + p);
        }
        scanner.find(bytes, from)
    }
}

/// For each byte pair, the bits of the [`PROFILED`] scanners that stop there.
fn stops_table() -> &'static [u16] {
    static TABLE: OnceLock<Box<[u16]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![0u16; 1 << 16].into_boxed_slice();
        for scanner in PROFILED {
            let (lead, other) = scanner.memchr_stop;
            for (w, (slot, &hit)) in table.iter_mut().zip(scanner.pairs()).enumerate() {
                if hit != 0 {
                    *slot |= scanner.profile_bit;
                    // A stop at a character that the memchr lead byte does not lead.
                    if w >> 8 != usize::from(lead) {
                        *slot |= other;
                    }
                }
            }
        }
        table
    })
}

/// Every UTF-8 lead byte of a multi-byte sequence outside the Arabic block.
pub(crate) const ALL_NON_ARABIC_LEADS: [u8; 49] = {
    let mut out = [0u8; 49];
    let mut b = 0xC2u32;
    let mut k = 0;
    while b <= 0xF4 {
        if b < 0xD8 || b > 0xDB {
            out[k] = b as u8;
            k += 1;
        }
        b += 1;
    }
    out
};

/// The character starting at byte `i` of `s`, if `i` is a boundary inside `s`.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// The character ending at byte `i` of `s` (the one before `i`), with its start.
#[inline]
pub(crate) fn char_before(s: &str, i: usize) -> Option<(usize, char)> {
    let c = s.get(..i)?.chars().next_back()?;
    Some((i - c.len_utf8(), c))
}

/// The script of a letter, as far as context decisions go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    /// A letter of the Arabic script (Persian, Arabic).
    Arabic,
    /// Any other letter (Latin above all, also Cyrillic, Greek…).
    Other,
}

/// The script of `c` if it is a letter.
#[inline]
pub(crate) fn letter_script(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Other);
    }
    if script::is_arabic_letter(c) || matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
    {
        Some(Script::Arabic)
    } else if c.is_alphabetic() && !script::is_arabic_mark(c) {
        Some(Script::Other)
    } else {
        None
    }
}

/// Nearest letters to the left and right of a position, within its line.
///
/// Queries must come at increasing positions; each byte of the text is looked at a
/// bounded number of times over all queries, so a line of ten thousand commas costs no
/// more than one of ten thousand letters.
#[derive(Debug, Default)]
pub(crate) struct Letters {
    /// Everything before this offset has been scanned for the left letter.
    left_scanned: usize,
    left: Option<Script>,
    /// The last right-hand scan: from `right_from`, the first letter (or line end) was at
    /// `right_at`, with this script.
    right_from: usize,
    right_at: usize,
    right: Option<Script>,
    right_valid: bool,
}

impl Letters {
    /// The script of the nearest letter before byte `i` on the same line.
    pub(crate) fn left(&mut self, s: &str, i: usize) -> Option<Script> {
        if i < self.left_scanned {
            // Out-of-order query: answer without the cache.
            return scan_left(s.get(..i).unwrap_or(""));
        }
        let seg = s.get(self.left_scanned..i).unwrap_or("");
        for c in seg.chars().rev() {
            if c == '\n' {
                self.left = None;
                break;
            }
            if let Some(sc) = letter_script(c) {
                self.left = Some(sc);
                break;
            }
        }
        self.left_scanned = i;
        self.left
    }

    /// The script of the nearest letter at or after byte `i` on the same line.
    pub(crate) fn right(&mut self, s: &str, i: usize) -> Option<Script> {
        if self.right_valid && self.right_from <= i && i <= self.right_at {
            return self.right;
        }
        let rest = s.get(i..).unwrap_or("");
        let mut at = s.len();
        let mut found = None;
        for (k, c) in rest.char_indices() {
            if c == '\n' {
                at = i + k;
                break;
            }
            if let Some(sc) = letter_script(c) {
                at = i + k;
                found = Some(sc);
                break;
            }
        }
        self.right_from = i;
        self.right_at = at;
        self.right = found;
        self.right_valid = true;
        found
    }
}

fn scan_left(s: &str) -> Option<Script> {
    for c in s.chars().rev() {
        if c == '\n' {
            return None;
        }
        if let Some(sc) = letter_script(c) {
            return Some(sc);
        }
    }
    None
}

/// The whitespace-delimited token around a position, cached so that a long token with
/// many interesting characters is measured once.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    start: usize,
    end: usize,
    code: bool,
    valid: bool,
}

impl Tokens {
    /// True when the token containing byte `i` looks like a URL, an email address, a
    /// file name or code, where digits and punctuation are left exactly as written.
    pub(crate) fn is_code(&mut self, s: &str, i: usize) -> bool {
        if self.valid && self.start <= i && i < self.end {
            return self.code;
        }
        let bytes = s.as_bytes();
        let mut start = i.min(bytes.len());
        while start > 0 && !is_token_break(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = i.min(bytes.len());
        while end < bytes.len() && !is_token_break(bytes[end]) {
            end += 1;
        }
        let tok = &bytes[start..end];
        self.start = start;
        self.end = end.max(i + 1);
        self.code = looks_like_code(tok);
        self.valid = true;
        self.code
    }
}

/// Token boundaries: ASCII whitespace. (Multi-byte spaces are gone after the unicode
/// step; a token never ends inside a multi-byte character.)
#[inline]
fn is_token_break(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\r')
}

/// URL, email, path or code: "://", "@", "www.", code punctuation, or Latin letters
/// together with a `.`, `/` or `:` standing between two letters or digits ("x.com",
/// "a/b"; not "wait..." or "end."). Letters and digits of any script count, invisible
/// characters (ZWNJ) do not: they may be removed later, and the answer must not change.
fn looks_like_code(tok: &[u8]) -> bool {
    if tok.windows(3).any(|w| w == b"://") || tok.starts_with(b"www.") || tok.starts_with(b"WWW.") {
        return true;
    }
    let tok = String::from_utf8_lossy(tok);
    let mut latin = false;
    let mut path_punct = false;
    let mut prev: Option<char> = None;
    let mut chars = tok.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '@' | '=' | '_' | '\\' | '{' | '}' | '<' | '>' | '|' | '^' | '~' | '#' | '$' | '&'
            | '*' | '[' | ']' | '`' => return true,
            '.' | '/' | ':' => {
                let next = chars.peek().copied();
                path_punct |= prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
            }
            c if c.is_ascii_alphabetic() => latin = true,
            _ => {}
        }
        prev = Some(c);
    }
    latin && path_punct
}

#[cfg(test)]
mod tests {
    use super::*;

    static SPACE_AND_YEH: Scanner = Scanner::new(b" ", &[0xE2], &[(0x64A, 0x64A)]);

    #[test]
    fn scanner_stops_only_where_asked() {
        let s = "کتاب abc يک\u{200C}x";
        let b = s.as_bytes();
        let i = SPACE_AND_YEH.find(b, 0);
        assert_eq!(&s[i..i + 1], " ");
        let j = SPACE_AND_YEH.find(b, i + 1);
        assert_eq!(&s[j..j + 1], " ");
        let k = SPACE_AND_YEH.find(b, j + 1);
        assert_eq!(char_at(s, k), Some('ي'));
        let l = SPACE_AND_YEH.find(b, k + 2);
        assert_eq!(char_at(s, l), Some('\u{200C}'));
        assert_eq!(SPACE_AND_YEH.find(b, l + 3), s.len());
    }

    #[test]
    fn pair_table_agrees_with_lead_decoding() {
        let s = "کتاب يك\u{200C}x «ب» ، ؟\u{654}ـ 12 ۳ é € 😀 a\u{301}\n";
        for scanner in [&SPACE_AND_YEH] {
            let b = s.as_bytes();
            let mut i = 0;
            while i < b.len() {
                let a = scanner.find(b, i);
                assert_eq!(a, scanner.find_by_lead(b, i));
                i = a + char_at(s, a).map_or(1, char::len_utf8);
            }
        }
    }

    #[test]
    fn profiled_scanners_have_bits_of_their_own() {
        let mut seen = 0u16;
        for s in PROFILED {
            assert_eq!(s.profile_bit.count_ones(), 1);
            assert_eq!(seen & s.profile_bit, 0);
            seen |= s.profile_bit;
        }
        for s in PROFILED {
            let (lead, bit) = s.memchr_stop;
            if bit != 0 {
                assert_eq!(bit.count_ones(), 1);
                assert_eq!(seen & bit, 0);
                seen |= bit;
                // Every character the lead byte leads is a stop.
                assert!(!(0x80..0xC0).contains(&lead) && s.lead[usize::from(lead)] == STOP);
            }
        }
    }

    #[test]
    fn a_profile_finds_what_the_scanners_find() {
        // Texts made of pieces that stop some scanner and pieces that stop none, with
        // ZWNJ and other characters led by E2 (the unicode step's memchr lead byte).
        let pieces = [
            "کتاب", " ", "\u{200C}", ".", "ي", "۱۲", "a", "é", "😀", "،", "\u{64E}", "  ", "(",
            "ـ", "€", "…", "ها", "؟", "\r", "«", "\u{200F}", "\u{2066}",
        ];
        let mut x = 12345u64;
        for len in (0..40).chain([64, 100, 513, 1030]) {
            for _ in 0..20 {
                let mut t = String::new();
                while t.len() < len {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let piece = if (x >> 60) < 12 {
                        ["کتاب", " ", "\u{200C}"][(x >> 33) as usize % 3]
                    } else {
                        pieces[(x >> 33) as usize % pieces.len()]
                    };
                    t.push_str(piece);
                }
                let b = t.as_bytes();
                let stops = Stops::of(b);
                for s in PROFILED {
                    for from in (0..=b.len()).filter(|&i| t.is_char_boundary(i)) {
                        assert_eq!(stops.find(s, b, from), s.find(b, from), "{t:?} {from}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_profile_is_exact() {
        let texts = [
            "",
            "a",
            "کتاب",
            "کتاب‌ها را خواند.",
            "كتاب ي",
            "سال 1399 و ۱۴۰۰",
            "گفت: «نه»، و رفت?",
            "a,b;c \"d\" e...f!!",
            "\u{200C}x  y\t\r\u{A0}z",
            "مدرسه\u{654} ـ \u{64E}",
            "😀 é € ( ) : ، ؛ ؟",
            "word\nword",
        ];
        for t in texts {
            let b = t.as_bytes();
            let stops = Stops::of(b);
            for s in PROFILED {
                for from in (0..=b.len()).filter(|&i| t.is_char_boundary(i)) {
                    if !stops.may_stop(s) {
                        assert_eq!(s.find(b, from), b.len(), "{t:?} from {from}");
                    }
                    assert_eq!(stops.find(s, b, from), s.find(b, from), "{t:?} {from}");
                }
                assert_eq!(stops.may_stop(s), s.find(b, 0) < b.len(), "{t:?}");
            }
        }
        assert!(Stops::of(b"abc").may_stop(&SPACE_AND_YEH), "not profiled");
    }

    #[test]
    fn nearest_letters_stay_on_the_line() {
        let s = "سلام, 12 ,John\n, x";
        let mut l = Letters::default();
        let comma = s.find(',').unwrap();
        assert_eq!(l.left(s, comma), Some(Script::Arabic));
        assert_eq!(l.right(s, comma), Some(Script::Other));
        let second = s.find(" ,").unwrap() + 1;
        assert_eq!(l.left(s, second), Some(Script::Arabic));
        let third = s.find("\n,").unwrap() + 1;
        assert_eq!(l.left(s, third), None);
        assert_eq!(l.right(s, third), Some(Script::Other));
    }

    #[test]
    fn code_tokens() {
        let mut t = Tokens::default();
        let s = "see http://x.ir/a?b=1 and 3.5 and a@b.c and file.mp3";
        assert!(t.is_code(s, s.find("a?b").unwrap()));
        assert!(!t.is_code(s, s.find("3.5").unwrap()));
        assert!(t.is_code(s, s.find("a@b").unwrap()));
        assert!(t.is_code(s, s.find("mp3").unwrap()));
    }
}

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
}

impl Scanner {
    /// A scanner that stops at the ASCII bytes `ascii`, at every character whose UTF-8
    /// lead byte is in `leads` (not `D8`–`DB`), and at the Arabic-block code points in
    /// the inclusive ranges `arabic`.
    pub(crate) const fn new(ascii: &[u8], leads: &[u8], arabic: &[(u32, u32)]) -> Self {
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
        }
    }

    /// The byte offset of the first character at or after `from` that this scanner
    /// stops at, or `bytes.len()`. `from` must be a character boundary.
    #[inline]
    pub(crate) fn find(&self, bytes: &[u8], mut i: usize) -> usize {
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
/// "a/b"; not "wait..." or "end.").
fn looks_like_code(tok: &[u8]) -> bool {
    if tok.windows(3).any(|w| w == b"://") || tok.starts_with(b"www.") || tok.starts_with(b"WWW.") {
        return true;
    }
    let word = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphanumeric() || b >= 0x80);
    let mut latin = false;
    let mut path_punct = false;
    for (k, &b) in tok.iter().enumerate() {
        match b {
            b'@' | b'=' | b'_' | b'\\' | b'{' | b'}' | b'<' | b'>' | b'|' | b'^' | b'~' | b'#'
            | b'$' | b'&' | b'*' | b'[' | b']' | b'`' => return true,
            b'.' | b'/' | b':' => {
                path_punct |= k > 0 && word(tok.get(k - 1)) && word(tok.get(k + 1));
            }
            b if b.is_ascii_alphabetic() => latin = true,
            _ => {}
        }
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

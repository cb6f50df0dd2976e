//! The word tokenizer: surface tokens as UD PerDT has them, before the clitic split.
//!
//! One left-to-right scan over the characters, no regular expressions: whitespace
//! separates tokens and is never part of one; punctuation is split off; numbers with
//! their separators (۳٫۵, 1,000, ۱۴۰۳/۰۴/۱۴, ۱۰:۳۰, 10.30) and a following percent sign
//! stay whole; dotted abbreviations and initials (ع. م. ه.ق. ج.ا.ا U.S.) stay whole;
//! URLs, emails, hashtags, @mentions, Latin words with inner hyphens or apostrophes and
//! emoji sequences stay whole; ZWNJ (and other format characters) never split a word.

use crate::script::{is_arabic_letter, is_arabic_mark, is_digit, ZWJ, ZWNJ};

/// What a surface token is made of; the sentence splitter and the clitic splitter
/// look only at tokens of the kinds they care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (any script), possibly with digits, marks and ZWNJ.
    Word,
    /// A number, date, time or percentage.
    Number,
    /// A dotted abbreviation or initial (`م.`, `ه.ق.`, `U.S.`).
    Abbreviation,
    /// A sentence-final stop: `.`, `!`, `?`, `؟` or `…` (one character; `...` is three).
    Stop,
    /// A closing quote or bracket (`»`, `"`, `)`, `]`…).
    Closer,
    /// Any other punctuation or symbol.
    Punct,
    /// A URL, email, hashtag or @mention.
    Web,
    /// An emoji sequence.
    Emoji,
}

/// A surface token found by [`scan`]: its byte range in the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: TokenKind,
    /// True when whitespace (or the start of the scanned range) comes right before it.
    pub space_before: bool,
    /// True when a line break is among the whitespace right before it.
    pub newline_before: bool,
}

/// Whitespace that separates tokens and belongs to none.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Characters that continue a word: letters of any script, marks, digits, ZWNJ/ZWJ and
/// other invisible format characters (which must stay inside a token so that the
/// token spans keep every visible and invisible character of the text).
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    is_arabic_letter(c)
        || is_arabic_mark(c)
        || is_digit(c)
        || matches!(c, ZWNJ | ZWJ | '\u{0640}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
        || (!matches!(c, '\u{0080}'..='\u{00BF}' | '\u{0600}'..='\u{06FF}' | '\u{2000}'..='\u{206F}')
            && !is_emoji(c)
            && (c.is_alphanumeric() || is_combining(c)))
}

/// Invisible format characters (ZWNJ, bidi marks…): they may sit inside a word but do
/// not make a hyphen join two words.
#[inline]
fn is_format(c: char) -> bool {
    matches!(c, ZWNJ | ZWJ | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

#[inline]
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[inline]
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    // the common case first: Unicode's table lookup is slow
    is_arabic_letter(c)
        || !matches!(c, '\u{0080}'..='\u{00BF}' | '\u{0600}'..='\u{06FF}' | '\u{2000}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
            && !is_digit(c)
            && c.is_alphabetic()
}

/// Pictographs and symbols that make up emoji.
#[inline]
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

/// Parts that glue onto an emoji: ZWJ, variation selectors, skin tones, tags, keycap.
#[inline]
fn is_emoji_glue(c: char) -> bool {
    matches!(c as u32, 0x200D | 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x20E3)
}

/// Separators that may stand between the digits of one number.
#[inline]
fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬' | '/' | ':' | '،')
}

/// Stops that can end a sentence.
#[inline]
pub fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

/// Closing quotes and brackets: after a stop they stay with the sentence.
#[inline]
pub fn is_closer(c: char) -> bool {
    matches!(c, '»' | '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '›')
}

/// Characters that inside a Latin token are kept when a letter or digit follows
/// (`CoRoT-7b`, `don't`, `AT&T`, `e.g`).
#[inline]
fn is_latin_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '&' | '.' | '+')
}

/// A tiny cursor over the text.
struct Cursor<'a> {
    text: &'a str,
}

impl Cursor<'_> {
    /// The character starting at byte `i` (decoded straight from the bytes: this is
    /// the hot loop), `None` at the end or off a character boundary.
    #[inline]
    fn at(&self, i: usize) -> Option<char> {
        let b = self.text.as_bytes();
        let b0 = *b.get(i)?;
        if b0 < 0x80 {
            return Some(b0 as char);
        }
        if b0 & 0xE0 == 0xC0 {
            let b1 = *b.get(i + 1)?;
            return char::from_u32(((b0 as u32 & 0x1F) << 6) | (b1 as u32 & 0x3F));
        }
        self.text.get(i..).and_then(|s| s.chars().next())
    }
    #[inline]
    fn starts(&self, i: usize, p: &str) -> bool {
        self.text
            .as_bytes()
            .get(i..i + p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    }
}

/// Splits `text[range]` into surface tokens, appending them to `out`.
pub fn scan(text: &str, range: std::ops::Range<usize>, out: &mut Vec<RawToken>) {
    let cur = Cursor { text };
    let end = range.end.min(text.len());
    let mut i = range.start;
    let mut space_before = true;
    let mut newline_before = false;
    while i < end {
        let Some(c) = cur.at(i) else { break };
        if is_space(c) {
            space_before = true;
            if c == '\n' || c == '\r' || c == '\u{2029}' || c == '\u{2028}' {
                newline_before = true;
            }
            i += c.len_utf8();
            continue;
        }
        let (stop, kind) = next_token(&cur, i, end, c);
        let stop = stop.max(i + c.len_utf8()).min(end);
        out.push(RawToken {
            start: i,
            end: stop,
            kind,
            space_before,
            newline_before,
        });
        space_before = false;
        newline_before = false;
        i = stop;
    }
}

/// The end and kind of the token that starts at `i` with character `c`.
fn next_token(cur: &Cursor, i: usize, end: usize, c: char) -> (usize, TokenKind) {
    if c.is_ascii_alphabetic()
        && (cur.starts(i, "http://") || cur.starts(i, "https://") || cur.starts(i, "www."))
    {
        return (url_end(cur, i, end), TokenKind::Web);
    }
    if (c == '#' || c == '@')
        && cur
            .at(i + 1)
            .filter(|_| i + 1 < end)
            .is_some_and(|n| is_word_char(n) && !is_space(n))
    {
        let mut j = i + 1;
        while let Some(n) = cur.at(j).filter(|_| j < end) {
            if is_word_char(n) {
                j += n.len_utf8();
            } else {
                break;
            }
        }
        return (j, TokenKind::Web);
    }
    if is_digit(c) {
        return number(cur, i, end);
    }
    if is_word_char(c) {
        return word(cur, i, end);
    }
    if is_emoji(c) {
        let mut j = i + c.len_utf8();
        while let Some(n) = cur.at(j).filter(|_| j < end) {
            if is_emoji_glue(n) || (is_emoji(n) && cur.at(j - 3) == Some('\u{200D}')) {
                j += n.len_utf8();
            } else {
                break;
            }
        }
        // a ZWJ sequence: emoji ZWJ emoji …
        return (j, TokenKind::Emoji);
    }
    if is_stop(c) {
        // one stop per token, as PerDT has "..." (three tokens)
        return (i + c.len_utf8(), TokenKind::Stop);
    }
    if is_closer(c) {
        return (i + c.len_utf8(), TokenKind::Closer);
    }
    (i + c.len_utf8(), TokenKind::Punct)
}

/// A URL runs to the next whitespace; trailing punctuation that usually closes the
/// sentence or a bracket around it is left out.
fn url_end(cur: &Cursor, i: usize, end: usize) -> usize {
    let mut j = i;
    while let Some(n) = cur.at(j).filter(|_| j < end) {
        if is_space(n) || matches!(n, '«' | '»' | '"' | '،' | '؛') {
            break;
        }
        j += n.len_utf8();
    }
    let s = &cur.text[i..j];
    let trimmed = s.trim_end_matches(['.', ',', ';', ':', '!', '?', '؟', ')', ']', '\'', '…']);
    i + trimmed.len().max(1)
}

/// Digits with inner separators (each followed by a digit), then an optional percent
/// sign; letters glued to the number without space (`۲۰ام`, `7b`, `mp3`) stay with it.
fn number(cur: &Cursor, i: usize, end: usize) -> (usize, TokenKind) {
    let mut j = i;
    let mut kind = TokenKind::Number;
    while let Some(n) = cur.at(j).filter(|_| j < end) {
        if is_digit(n) {
            j += n.len_utf8();
        } else if is_number_separator(n) {
            let k = j + n.len_utf8();
            if k < end && cur.at(k).is_some_and(is_digit) {
                j = k;
            } else {
                break;
            }
        } else if n == '-' {
            // PerDT keeps hyphenated forms whole: 10-15, 1830-1828, 4-متیل
            let k = j + 1;
            if k < end && cur.at(k).is_some_and(|m| is_word_char(m) && !is_format(m)) {
                j = k;
            } else {
                break;
            }
        } else if n == '%' || n == '٪' {
            j += n.len_utf8();
            break;
        } else if is_word_char(n) && !is_digit(n) {
            let (w, _) = word(cur, j, end);
            j = w;
            kind = TokenKind::Word;
            break;
        } else {
            break;
        }
    }
    (j, kind)
}

/// A run of word characters. Latin tokens keep inner joiners followed by a letter or
/// digit (and an email's `@`); short dotted letter groups make one abbreviation.
fn word(cur: &Cursor, i: usize, end: usize) -> (usize, TokenKind) {
    let mut j = i;
    let mut letters = 0usize;
    let mut latin = false;
    let mut arabic = false;
    let bytes = cur.text.as_bytes();
    loop {
        // fast path: a run of two-byte Arabic-block letters (most of Persian text)
        while j + 1 < end {
            let b0 = bytes[j];
            if !(0xD8..=0xDB).contains(&b0) {
                break;
            }
            let c = (((b0 as u32) & 0x1F) << 6) | (bytes[j + 1] as u32 & 0x3F);
            // the ranges of script::is_arabic_letter and is_arabic_mark in this block
            match c {
                0x0621..=0x063A
                | 0x0641..=0x064A
                | 0x066E..=0x066F
                | 0x0671..=0x06D3
                | 0x06D5
                | 0x06EE..=0x06EF
                | 0x06FA..=0x06FC
                | 0x06FF => {
                    arabic = true;
                    letters += 1;
                    j += 2;
                }
                0x064B..=0x065F | 0x0670 => j += 2,
                _ => break,
            }
        }
        let Some(n) = cur.at(j).filter(|_| j < end) else {
            break;
        };
        if is_word_char(n) {
            if n.is_ascii_alphabetic() {
                latin = true;
            }
            if is_arabic_letter(n) {
                arabic = true;
            }
            if is_letter(n) {
                letters += 1;
            }
            j += n.len_utf8();
            continue;
        }
        // PerDT keeps hyphenated forms whole in any script: اف-5, ایکس-ری, CoRoT-7b
        if n == '-' {
            let k = j + 1;
            if k < end && cur.at(k).is_some_and(|m| is_word_char(m) && !is_format(m)) {
                j = k;
                continue;
            }
        }
        // joiners inside Latin words: CoRoT-7b, don't, AT&T, e.g, user@host.org
        if latin && !arabic && (is_latin_joiner(n) || n == '@') {
            let k = j + n.len_utf8();
            if k < end && cur.at(k).is_some_and(|m| m.is_ascii_alphanumeric()) {
                j = k;
                continue;
            }
        }
        break;
    }
    // Dotted abbreviations: single letters joined by dots (ع. ه.ق. ج.ا.ا; Latin groups
    // may have two: U.S., Ph.D.) — the run so far must be one such group followed by
    // '.'. Two Persian words glued by a stop (شد.او) are not an abbreviation.
    let max_group = if arabic { 1 } else { 2 };
    if (1..=max_group).contains(&letters) && !(latin && arabic) && cur.at(j) == Some('.') && j < end
    {
        if let Some(k) = dotted(cur, i, j, end, arabic) {
            return (k, TokenKind::Abbreviation);
        }
    }
    if latin && !arabic {
        let s = &cur.text[i..j];
        if s.contains('.')
            && s.split('.').all(|p| p.chars().count() == 1)
            && cur.at(j) == Some('.')
            && j < end
        {
            return (j + 1, TokenKind::Abbreviation);
        }
    }
    (j, TokenKind::Word)
}

/// `first_end` is the end of a short letter group followed by '.': extends over
/// further `.X` groups and takes the final dot. A single Arabic letter takes its dot
/// (an initial such as «ع.»), except «و», the conjunction.
fn dotted(cur: &Cursor, start: usize, first_end: usize, end: usize, arabic: bool) -> Option<usize> {
    let first = &cur.text[start..first_end];
    let mut j = first_end; // at '.'
    let mut groups = 1;
    loop {
        // j is at a '.'
        let k = j + 1;
        if k >= end {
            j = k;
            break;
        }
        // another short group right after the dot?
        let mut m = k;
        let mut n_letters = 0;
        while let Some(c) = cur.at(m).filter(|_| m < end) {
            if is_letter(c) || is_arabic_mark(c) {
                if is_letter(c) {
                    n_letters += 1;
                }
                m += c.len_utf8();
            } else {
                break;
            }
        }
        if n_letters >= 1 && n_letters <= if arabic { 1 } else { 2 } {
            groups += 1;
            if cur.at(m) == Some('.') && m < end {
                j = m;
                continue;
            }
            j = m;
            return Some(j);
        }
        j = k;
        break;
    }
    if groups >= 2 {
        return Some(j);
    }
    // one group followed by a dot: an initial
    let single = first.chars().filter(|c| is_letter(*c)).count() == 1;
    if single && (!arabic || first != "و") {
        return Some(j);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        scan(s, 0..s.len(), &mut v);
        v.iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn punctuation_is_split() {
        assert_eq!(
            toks("گرگان، بر اساس (ص) شد."),
            ["گرگان", "،", "بر", "اساس", "(", "ص", ")", "شد", "."]
        );
        assert_eq!(toks("«سلام»"), ["«", "سلام", "»"]);
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            toks("ساعت ۱۰.۳۰ و ۳٫۵ و 1,000 و ۱۴۰۳/۰۴/۱۴ و 10:30 و ۵٪ و 5%."),
            [
                "ساعت",
                "۱۰.۳۰",
                "و",
                "۳٫۵",
                "و",
                "1,000",
                "و",
                "۱۴۰۳/۰۴/۱۴",
                "و",
                "10:30",
                "و",
                "۵٪",
                "و",
                "5%",
                "."
            ]
        );
        assert_eq!(toks("سال ۱۳۹۹."), ["سال", "۱۳۹۹", "."]);
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(toks("ع. م. گفت"), ["ع.", "م.", "گفت"]);
        assert_eq!(toks("سال 370 ه.ق. برابر"), ["سال", "370", "ه.ق.", "برابر"]);
        assert_eq!(
            toks("ج.ا.ا و ق.م و U.S. و"),
            ["ج.ا.ا", "و", "ق.م", "و", "U.S.", "و"]
        );
        assert_eq!(toks("من و."), ["من", "و", "."]);
        assert_eq!(toks("شد.او رفت"), ["شد", ".", "او", "رفت"]);
    }

    #[test]
    fn web_things_and_latin_words() {
        assert_eq!(
            toks("به https://x.ir/a?b=1. رفت"),
            ["به", "https://x.ir/a?b=1", ".", "رفت"]
        );
        assert_eq!(
            toks("a@b.com #تهران @ali CoRoT-7b"),
            ["a@b.com", "#تهران", "@ali", "CoRoT-7b"]
        );
    }

    #[test]
    fn zwnj_words_are_one_token() {
        assert_eq!(toks("می‌روند کتاب‌ها"), ["می‌روند", "کتاب‌ها"]);
    }

    #[test]
    fn emoji() {
        assert_eq!(toks("خوب😀 👍🏽"), ["خوب", "😀", "👍🏽"]);
    }
}

//! Character classes of Persian text, shared by every stage.
//!
//! Kept in one place so that "is this a Persian letter", "does this letter join the
//! next one" and "what digit is this" have one answer across cleaning, segmentation
//! and extraction.

/// ZERO WIDTH NON-JOINER, the Persian half-space (نیم‌فاصله).
pub const ZWNJ: char = '\u{200C}';
/// ZWNJ as a string.
pub const ZWNJ_STR: &str = "\u{200C}";
/// ZERO WIDTH JOINER.
pub const ZWJ: char = '\u{200D}';

/// A letter of the Arabic script as used in Persian text (base letters U+0621–U+064A,
/// U+066E–U+06D3, U+06D5, U+06EE–U+06FF letters, and the Persian extensions).
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}')
}

/// Arabic combining marks (harakat, shadda, sukun, hamza above/below, superscript alef).
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}')
}

/// A letter or mark of the Arabic script (what a Persian "word" is made of).
#[inline]
pub fn is_arabic_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_arabic_mark(c) || c == '\u{0640}'
}

/// Letters that join only to the previous letter (right-joining): after them a ZWNJ
/// changes nothing visible, so Persian spelling never writes one there.
#[inline]
pub fn is_non_joining(c: char) -> bool {
    matches!(c, 'ا' | 'آ' | 'أ' | 'إ' | 'ٱ' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و' | 'ؤ' | 'ء' | 'ة' | 'ۀ' | 'ە' | 'ۇ' | 'ۈ' | 'ۋ')
}

/// An Arabic-script letter that joins to the next letter, so a ZWNJ after it is visible.
#[inline]
pub fn joins_next(c: char) -> bool {
    is_arabic_letter(c) && !is_non_joining(c)
}

/// A Latin letter (ASCII or Latin-1/Extended letters).
#[inline]
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}') && c.is_alphabetic()
}

/// The value of a decimal digit in ASCII, Persian (۰–۹) or Arabic-Indic (٠–٩) script.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        _ => None,
    }
}

/// True for a decimal digit of any of the three scripts.
#[inline]
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// The Persian digit with value `v` (0–9).
#[inline]
pub fn persian_digit(v: u32) -> char {
    char::from_u32(0x06F0 + v).unwrap_or('?')
}

/// The ASCII digit with value `v` (0–9).
#[inline]
pub fn latin_digit(v: u32) -> char {
    char::from_u32('0' as u32 + v).unwrap_or('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_arabic_letter('ی') && is_arabic_letter('ك') && is_arabic_letter('پ'));
        assert!(!is_arabic_letter('۱') && !is_arabic_letter('،'));
        assert!(joins_next('ه') && !joins_next('ر') && !joins_next('ا'));
        assert_eq!(digit_value('۷'), Some(7));
        assert_eq!(digit_value('٣'), Some(3));
        assert_eq!(persian_digit(4), '۴');
    }
}

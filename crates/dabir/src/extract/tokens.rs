//! The light word tokenization extraction matches its lexicons against.
//!
//! Why not the segmenter's tokens: lexicon phrases must match however the writer
//! joined their parts ("دست‌کم", "دست کم"; "می‌گوید", "می گوید"), so here both a space
//! and a ZWNJ end a token, and clitics stay attached. A *number* token is a run of
//! digits (any script) with single separators `. , ٫ ٬ / : -` between digits, as the
//! cleaner leaves them.

use crate::script::{digit_value, is_arabic_word_char, is_latin_letter, ZWNJ};
use crate::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (Arabic script or Latin).
    Word,
    /// Digits with separators between them.
    Number,
    /// Any other visible character, one per token.
    Punct,
}

/// One token of the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub span: Span,
    pub kind: Kind,
    /// True when a ZWNJ (not a space) separates it from the token before.
    pub after_zwnj: bool,
}

fn is_word_char(c: char) -> bool {
    is_arabic_word_char(c) || is_latin_letter(c) || (c.is_alphabetic() && !c.is_whitespace())
}

fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬' | '/' | ':' | '-')
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut after_zwnj = false;
    while let Some((i, c)) = it.next() {
        if c == ZWNJ {
            after_zwnj = true;
            continue;
        }
        if c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}')
        {
            after_zwnj = false;
            continue;
        }
        let mut end = i + c.len_utf8();
        let kind = if digit_value(c).is_some() {
            while let Some(&(j, d)) = it.peek() {
                if digit_value(d).is_some() {
                    end = j + d.len_utf8();
                    it.next();
                } else if is_number_separator(d) {
                    // a separator belongs to the number only with a digit after it
                    let after = j + d.len_utf8();
                    match text.get(after..).and_then(|r| r.chars().next()) {
                        Some(n) if digit_value(n).is_some() => {
                            it.next();
                            end = after;
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            Kind::Number
        } else if is_word_char(c) {
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) && digit_value(d).is_none() {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            Kind::Word
        } else {
            Kind::Punct
        };
        out.push(Tok {
            span: Span::new(i, end),
            kind,
            after_zwnj,
        });
        after_zwnj = false;
    }
    out
}

/// The text of token `k` ("" past the end), shared by the quote and event parsers.
pub(crate) fn form_of<'t>(text: &'t str, toks: &[Tok], k: usize) -> &'t str {
    toks.get(k)
        .and_then(|t| text.get(t.span.range()))
        .unwrap_or("")
}

/// The byte span from the start of token `a` to the end of token `b - 1`; empty (at the
/// start of `a`, or the text's end) when `b <= a`.
pub(crate) fn span_of(text: &str, toks: &[Tok], a: usize, b: usize) -> crate::Span {
    let s = toks.get(a).map_or(text.len(), |t| t.span.start);
    let e = b
        .checked_sub(1)
        .filter(|&l| l >= a)
        .and_then(|k| toks.get(k))
        .map_or(s, |t| t.span.end);
    crate::Span::new(s.min(e), e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(t: &str) -> Vec<&str> {
        tokenize(t).iter().map(|k| &t[k.span.range()]).collect()
    }

    #[test]
    fn splits_on_space_zwnj_and_punctuation() {
        assert_eq!(
            forms("دست‌کم ۱۴۰ نفر، «گفت»"),
            ["دست", "کم", "۱۴۰", "نفر", "،", "«", "گفت", "»"]
        );
        assert_eq!(
            forms("۱۴۰۳/۰۴/۱۴ و ۱٬۲۰۰٫۵."),
            ["۱۴۰۳/۰۴/۱۴", "و", "۱٬۲۰۰٫۵", "."]
        );
        assert_eq!(forms("۲۵٪"), ["۲۵", "٪"]);
        assert!(tokenize("").is_empty());
        let t = tokenize("می‌گوید");
        assert!(t[1].after_zwnj && !t[0].after_zwnj);
    }
}

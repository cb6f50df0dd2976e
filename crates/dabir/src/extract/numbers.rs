//! Numbers written in digits (any script, with thousands and decimal separators), in
//! words ("یک میلیون و دویست هزار", "دو و نیم", "صد و چهل"), ordinals ("یازدهم",
//! "یازدهمین", "نخستین") and both mixed ("۱٫۵ میلیارد", "۲ میلیون و ۵۰۰ هزار").
//!
//! Words combine as Persian writes them: within a group of three, hundreds, tens and
//! units each at most once and in that order, joined by «و»; a scale word (هزار،
//! میلیون، میلیارد، تریلیون) multiplies the group before it; «و نیم» adds a half. A
//! sequence that breaks that order ("دو و سه") is two numbers, not one. «نه» (nine,
//! but also "not") counts only inside a compound or before a scale or unit.
//!
//! ```
//! use dabir::extract::numbers::NumberParser;
//! let p = NumberParser::new();
//! let n = p.find_all("یک میلیون و دویست هزار نفر و ۱٫۵ میلیارد دلار");
//! assert_eq!(n[0].value, 1_200_000.0);
//! assert_eq!(n[1].value, 1.5e9);
//! ```

use super::lexicon::{self, Phrases};
use super::tokens::{tokenize, Kind, Tok};
use crate::script::digit_value;
use crate::Span;
use serde::Serialize;
use std::ops::Range;

/// The place of a number word within a group of three digits (or a scale or a fraction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Fraction,
}

impl Class {
    /// The rank inside a group: a later word must have a lower rank.
    fn rank(self) -> u8 {
        match self {
            Class::Unit | Class::Teen => 1,
            Class::Tens => 2,
            Class::Hundred => 3,
            Class::Scale | Class::Fraction => 0,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct WordNum {
    value: f64,
    class: Class,
    ordinal: bool,
}

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Written {
    /// Only digits.
    Digits,
    /// Only words.
    Words,
    /// Digits and scale words ("۲۰ هزار").
    Mixed,
}

/// A number found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Number {
    /// Byte span in the text.
    pub span: Span,
    /// Its value.
    #[serde(serialize_with = "serialize_value")]
    pub value: f64,
    /// True for an ordinal ("یازدهم", "نخستین", "۱۱ام").
    pub ordinal: bool,
    /// How it is written.
    pub written: Written,
    /// The tokens it covers (internal).
    #[serde(skip)]
    pub(crate) toks: Range<usize>,
}

/// Whole values as JSON integers, others as decimals.
pub(crate) fn serialize_value<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// The value of a digit string: digits with thousands separators (groups of three after
/// the first) and at most one decimal point. Dates, times and anything else with
/// several `/ : -` are not plain numbers and give `None`.
pub fn parse_digits(s: &str) -> Option<f64> {
    let mut ascii = String::with_capacity(s.len());
    let mut decimal = false;
    let mut group_len: Option<usize> = None; // digits since the last thousands separator
    let mut first_group = 0usize;
    let mut saw_thousands = false;
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            ascii.push(char::from_digit(d, 10)?);
            match group_len.as_mut() {
                Some(n) if !decimal => *n += 1,
                _ if !decimal && !saw_thousands => first_group += 1,
                _ => {}
            }
        } else if matches!(c, ',' | '٬') && !decimal {
            if saw_thousands && group_len != Some(3) {
                return None;
            }
            if !(1..=3).contains(&first_group) {
                return None;
            }
            saw_thousands = true;
            group_len = Some(0);
        } else if matches!(c, '.' | '٫') && !decimal {
            if saw_thousands && group_len != Some(3) {
                return None;
            }
            decimal = true;
            ascii.push('.');
        } else {
            return None;
        }
    }
    if saw_thousands && !decimal && group_len != Some(3) {
        return None;
    }
    if ascii.is_empty() || ascii.ends_with('.') {
        return None;
    }
    ascii.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Finds numbers in digits and in words.
#[derive(Debug, Clone)]
pub struct NumberParser {
    words: Phrases<WordNum>,
}

impl Default for NumberParser {
    fn default() -> Self {
        Self::new()
    }
}

/// The suffixes written right after digits to make an ordinal ("۱۱ام", "۳مین").
const DIGIT_ORDINAL_SUFFIXES: &[&str] = &["م", "ام", "مین", "امین"];

impl NumberParser {
    /// The parser with the embedded number words.
    pub fn new() -> Self {
        let mut words = Phrases::default();
        for r in lexicon::rows(&lexicon::NUMBER_WORDS) {
            let (Some(form), Some(v), Some(c)) = (r.first(), r.get(1), r.get(2)) else {
                continue;
            };
            let Ok(value) = v.parse::<f64>() else {
                continue;
            };
            let class = match *c {
                "unit" => Class::Unit,
                "teen" => Class::Teen,
                "tens" => Class::Tens,
                "hundred" => Class::Hundred,
                "scale" => Class::Scale,
                "fraction" => Class::Fraction,
                _ => continue,
            };
            let ordinal = r.get(3) == Some(&"ordinal");
            let w = WordNum {
                value,
                class,
                ordinal,
            };
            words.insert(form, w);
            // the attributive ordinal: یازدهم → یازدهمین, سی ام → سی امین
            if ordinal && form.ends_with('م') {
                words.insert(&format!("{form}ین"), w);
            }
        }
        NumberParser { words }
    }

    /// Every number in `text`, in text order.
    pub fn find_all(&self, text: &str) -> Vec<Number> {
        self.find_in(text, &tokenize(text))
    }

    pub(crate) fn find_in(&self, text: &str, toks: &[Tok]) -> Vec<Number> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.parse_at(text, toks, i) {
                Some(n) => {
                    i = n.toks.end.max(i + 1);
                    out.push(n);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The number word at token `i`, unless it is glued by a ZWNJ to a plural suffix
    /// ("میلیون‌ها", "هزاران" is not in the table anyway).
    fn word_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, WordNum)> {
        let (len, w) = self.words.at(text, toks, i)?;
        if let Some(next) = toks.get(i + len) {
            let f = text.get(next.span.range()).unwrap_or("");
            if next.after_zwnj && matches!(f, "ها" | "های" | "هایی") {
                return None;
            }
        }
        Some((len, *w))
    }

    /// The digit number at token `i` (with a `/` decimal only before a scale word or a
    /// percent sign, where a date or fraction reading is impossible).
    fn digits_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<f64> {
        let t = toks.get(i)?;
        if t.kind != Kind::Number {
            return None;
        }
        let s = text.get(t.span.range())?;
        if let Some(v) = parse_digits(s) {
            return Some(v);
        }
        let (a, b) = s.split_once('/')?;
        let next_is_scale = self
            .word_at(text, toks, i + 1)
            .is_some_and(|(_, w)| w.class == Class::Scale)
            || toks
                .get(i + 1)
                .and_then(|n| text.get(n.span.range()))
                .is_some_and(|f| matches!(f, "درصد" | "٪" | "%"));
        if next_is_scale && !b.contains(['/', '.', '٫', ',', '٬']) {
            return parse_digits(&format!("{a}.{b}"));
        }
        None
    }

    /// The number starting at token `i`, if one does.
    pub(crate) fn parse_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Number> {
        let mut total = 0.0f64; // completed scaled groups
        let mut group = 0.0f64; // the group being built
        let mut rank = u8::MAX; // rank of the last word in the group
        let mut last_scale = f64::INFINITY; // scales must decrease
        let mut has_digits = false;
        let mut has_words = false;
        let mut ordinal = false;
        let mut any = false;
        let mut j = i;
        let mut end = i; // one past the last token taken
        let mut lone_nine = false;
        loop {
            // «و» joins two parts only when a number part follows it
            let mut k = j;
            if any {
                match toks.get(j).and_then(|t| text.get(t.span.range())) {
                    Some("و") => k = j + 1,
                    _ => {
                        // without «و» only a scale may follow
                        match self.word_at(text, toks, j) {
                            Some((_, w)) if w.class == Class::Scale => {}
                            _ => break,
                        }
                    }
                }
            }
            if let Some(v) = self
                .digits_at(text, toks, k)
                .filter(|_| group == 0.0 && !ordinal)
            {
                // a digit number is a whole group; after a scale it must be smaller
                if any && (k == j || v >= last_scale) {
                    break;
                }
                group = v;
                rank = 0;
                has_digits = true;
                any = true;
                j = k + 1;
                end = j;
                continue;
            }
            let Some((len, w)) = self.word_at(text, toks, k) else {
                break;
            };
            if ordinal {
                break;
            }
            match w.class {
                Class::Scale => {
                    if w.value >= last_scale && total > 0.0 {
                        break;
                    }
                    if k != j && group == 0.0 {
                        break; // «و هزار» without a group before
                    }
                    let g = if group == 0.0 { 1.0 } else { group };
                    if w.value > last_scale {
                        total = (total + g) * w.value;
                    } else {
                        total += g * w.value;
                    }
                    last_scale = w.value;
                    group = 0.0;
                    rank = u8::MAX;
                }
                Class::Fraction => {
                    // «دو و نیم»: only after «و» and a whole part; «نیم» alone is a half
                    if any && k == j {
                        break;
                    }
                    if any && group == 0.0 && total == 0.0 {
                        break;
                    }
                    group += w.value;
                    rank = 0;
                }
                _ => {
                    if any && k == j {
                        break;
                    }
                    if w.class.rank() >= rank {
                        break;
                    }
                    // a teen takes the place of tens and units together
                    group += w.value;
                    rank = if w.class == Class::Teen {
                        0
                    } else {
                        w.class.rank()
                    };
                    lone_nine = !any && text.get(toks[k].span.range()) == Some("نه");
                }
            }
            has_words = true;
            ordinal |= w.ordinal;
            any = true;
            j = k + len;
            end = j;
        }
        if !any {
            return None;
        }
        let value = total + group;
        // «نه» alone is far more often "not" than nine
        if lone_nine && end == i + 1 {
            let next_is_unit = toks
                .get(end)
                .and_then(|t| text.get(t.span.range()))
                .is_some_and(|f| matches!(f, "نفر" | "تن" | "درصد" | "سال" | "روز" | "ماه"));
            if !next_is_unit {
                return None;
            }
        }
        // digits with an ordinal suffix glued on: ۱۱ام، ۳مین
        if has_digits && !has_words {
            if let (Some(last), Some(next)) = (toks.get(end - 1), toks.get(end)) {
                let f = text.get(next.span.range()).unwrap_or("");
                if next.span.start == last.span.end && DIGIT_ORDINAL_SUFFIXES.contains(&f) {
                    ordinal = true;
                    end += 1;
                }
            }
        }
        let first = toks.get(i)?;
        let last = toks.get(end.checked_sub(1)?)?;
        Some(Number {
            span: Span::new(first.span.start, last.span.end),
            value,
            ordinal,
            written: match (has_digits, has_words) {
                (true, true) => Written::Mixed,
                (true, false) => Written::Digits,
                _ => Written::Words,
            },
            toks: i..end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (f64, bool, &str) {
        let p = NumberParser::new();
        let n = p.find_all(s);
        assert_eq!(n.len(), 1, "{s}: {n:?}");
        let n = &n[0];
        (n.value, n.ordinal, &s[n.span.range()])
    }

    #[test]
    fn digits_with_separators() {
        assert_eq!(parse_digits("۱٬۲۰۰٬۰۰۰"), Some(1_200_000.0));
        assert_eq!(parse_digits("1,200,000"), Some(1_200_000.0));
        assert_eq!(parse_digits("۱٫۵"), Some(1.5));
        assert_eq!(parse_digits("١٢٣"), Some(123.0));
        assert_eq!(parse_digits("12,34"), None);
        assert_eq!(parse_digits("۱۴۰۳/۰۴/۱۴"), None);
        assert_eq!(parse_digits("10:30"), None);
        assert_eq!(parse_digits(""), None);
        assert_eq!(one("۵/۲ میلیون"), (5_200_000.0, false, "۵/۲ میلیون"));
    }

    #[test]
    fn words() {
        assert_eq!(
            one("یک میلیون و دویست هزار"),
            (1_200_000.0, false, "یک میلیون و دویست هزار")
        );
        assert_eq!(one("دو و نیم"), (2.5, false, "دو و نیم"));
        assert_eq!(one("صد و چهل"), (140.0, false, "صد و چهل"));
        assert_eq!(
            one("یکصد و بیست و سه هزار و چهارصد"),
            (123_400.0, false, "یکصد و بیست و سه هزار و چهارصد")
        );
        assert_eq!(
            one("دو و نیم میلیون"),
            (2_500_000.0, false, "دو و نیم میلیون")
        );
        assert_eq!(one("سه هزار میلیارد"), (3.0e12, false, "سه هزار میلیارد"));
    }

    #[test]
    fn ordinals() {
        assert_eq!(one("یازدهم"), (11.0, true, "یازدهم"));
        assert_eq!(one("یازدهمین دوره"), (11.0, true, "یازدهمین"));
        assert_eq!(one("نخستین بار"), (1.0, true, "نخستین"));
        assert_eq!(one("بیست و یکم"), (21.0, true, "بیست و یکم"));
        assert_eq!(one("سی‌امین"), (30.0, true, "سی‌امین"));
        assert_eq!(one("سومین"), (3.0, true, "سومین"));
        assert_eq!(one("۱۱ام"), (11.0, true, "۱۱ام"));
    }

    #[test]
    fn mixed() {
        assert_eq!(one("۱٫۵ میلیارد"), (1.5e9, false, "۱٫۵ میلیارد"));
        assert_eq!(one("۲۰ هزار"), (20_000.0, false, "۲۰ هزار"));
        assert_eq!(
            one("۲ میلیون و ۵۰۰ هزار"),
            (2_500_000.0, false, "۲ میلیون و ۵۰۰ هزار")
        );
    }

    #[test]
    fn what_is_not_one_number() {
        let p = NumberParser::new();
        assert_eq!(p.find_all("دو و سه").len(), 2);
        assert_eq!(p.find_all("۱۴۰ کشته و ۲۰۰ زخمی").len(), 2);
        assert!(p.find_all("نه تنها او").is_empty());
        assert!(p.find_all("میلیون‌ها نفر").is_empty());
        assert_eq!(p.find_all("۲۰ و ۳۰").len(), 2);
        assert_eq!(one("نه نفر"), (9.0, false, "نه"));
    }
}

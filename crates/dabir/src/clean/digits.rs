//! Cleaning step `digits`: one digit script, and separators inside numbers written in it.
//!
//! A *number* is a run of digits (ASCII, Persian ۰–۹ or Arabic-Indic ٠–٩) with single
//! separators `. , ٫ ٬ / : -` between digit groups. What happens to it:
//!
//! 1. **Left exactly as written** when it is glued to a Latin letter ("3D", "G7", "mp3",
//!    "H2O", "15th": digits inside a Latin word are part of a name) or sits in a token
//!    that looks like a URL, an email, a file name or code (see `scan::Tokens`).
//! 2. **Digits** are written in [`CleanOptions::digits`], except that with the Persian
//!    target a number in Latin context keeps its digits: when the nearest letters on its
//!    line are Latin on both sides, or Latin on one side and absent on the other
//!    ("published in 2020 by", "Windows 10"). A number between a Latin word and Persian
//!    text ("iPhone 15 را") is a number in a Persian sentence and is converted.
//! 3. **Separators** ([`CleanOptions::number_separators`]) are written in the target
//!    script (٫ ٬ for Persian digits, `.` `,` for Latin ones; with
//!    [`super::DigitTarget::Keep`], in the script of the number's own digits) only where
//!    the reading is unambiguous: one decimal point (`.` or `٫`) between digits, and
//!    thousands separators (`,` or `٬`) only when the first group has 1–3 digits and every
//!    later group before the decimal point exactly 3. A number with `/`, `:` or `-`
//!    (dates ۱۴۰۳/۰۴/۱۴, times 10:30, ranges, phone numbers), or with two decimal points
//!    (1403.04.14, 192.168.1.1), keeps its separators as written. `/` as a decimal mark
//!    ("۵/۲ میلیون") is common in Persian but cannot be told from a date or a fraction,
//!    so it is left alone.
//!
//! ```
//! use dabir::clean::Cleaner;
//! let c = Cleaner::standard();
//! assert_eq!(c.clean("رشد 3.5 درصد و 300,000 نفر در 1403/04/14").text,
//!            "رشد ۳٫۵ درصد و ۳۰۰٬۰۰۰ نفر در ۱۴۰۳/۰۴/۱۴");
//! assert_eq!(c.clean("کارت 3D و مدل G7 در سایت x.com/p2").text,
//!            "کارت 3D و مدل G7 در سایت x.com/p2");
//! ```

use super::scan::{char_at, char_before, letter_script, Letters, Scanner, Script, Tokens};
use super::{CleanOptions, Context, DigitTarget, EditKind, Rewriter};
use crate::script::{digit_value, latin_digit, persian_digit};
use std::ops::Range;

/// Stops at ASCII, Persian and Arabic-Indic digits and the Arabic decimal and thousands
/// separators.
pub(super) static SCANNER: Scanner = Scanner::new(
    b"0123456789",
    &[],
    &[(0x660, 0x669), (0x66B, 0x66C), (0x6F0, 0x6F9)],
)
.profiled(4);

const ARABIC_DECIMAL: char = '\u{066B}';
const ARABIC_THOUSANDS: char = '\u{066C}';

/// A separator that may stand between two digit groups of one number.
#[inline]
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '/' | ':' | '-' | ARABIC_DECIMAL | ARABIC_THOUSANDS
    )
}

/// Which script a digit is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DigitScript {
    Latin,
    Persian,
    ArabicIndic,
}

fn digit_script(c: char) -> Option<DigitScript> {
    match c {
        '0'..='9' => Some(DigitScript::Latin),
        '\u{06F0}'..='\u{06F9}' => Some(DigitScript::Persian),
        '\u{0660}'..='\u{0669}' => Some(DigitScript::ArabicIndic),
        _ => None,
    }
}

/// The parts of one number: its digit groups and the separators between them.
#[derive(Debug, Default)]
struct Number {
    groups: Vec<Range<usize>>,
    separators: Vec<(usize, char)>,
}

impl Number {
    /// Parses the number starting at byte `i` (a digit) into `self`; returns its end.
    fn parse(&mut self, s: &str, i: usize) -> usize {
        self.groups.clear();
        self.separators.clear();
        let mut pos = i;
        loop {
            let start = pos;
            for c in s.get(pos..).unwrap_or("").chars() {
                if digit_value(c).is_none() {
                    break;
                }
                pos += c.len_utf8();
            }
            self.groups.push(start..pos);
            match char_at(s, pos) {
                Some(sep) if is_separator(sep) => {
                    let after = pos + sep.len_utf8();
                    if char_at(s, after).is_some_and(|d| digit_value(d).is_some()) {
                        self.separators.push((pos, sep));
                        pos = after;
                    } else {
                        return pos;
                    }
                }
                _ => return pos,
            }
        }
    }

    /// Digit count of a group (all digits of all three scripts are 1 or 2 bytes).
    fn digits(&self, s: &str, g: usize) -> usize {
        self.groups
            .get(g)
            .and_then(|r| s.get(r.clone()))
            .map_or(0, |t| t.chars().count())
    }

    /// For each separator, what it is when the reading is unambiguous: `Some(true)` a
    /// decimal point, `Some(false)` a thousands separator; `None` for the whole number
    /// when its separators must stay as written.
    fn separator_roles(&self, s: &str, roles: &mut Vec<bool>) -> bool {
        roles.clear();
        let mut decimal_at = None;
        for (k, &(_, c)) in self.separators.iter().enumerate() {
            match c {
                '.' | ARABIC_DECIMAL => {
                    if decimal_at.is_some() {
                        return false;
                    }
                    decimal_at = Some(k);
                    roles.push(true);
                }
                ',' | ARABIC_THOUSANDS => {
                    if decimal_at.is_some() {
                        return false;
                    }
                    roles.push(false);
                }
                _ => return false,
            }
        }
        let thousands = roles.iter().filter(|&&d| !d).count();
        if thousands > 0 {
            let first = self.digits(s, 0);
            if !(1..=3).contains(&first) {
                return false;
            }
            if (1..=thousands).any(|g| self.digits(s, g) != 3) {
                return false;
            }
        }
        true
    }
}

/// Records this step's changes to `rw`'s input.
pub fn apply(rw: &mut Rewriter<'_>, opts: &CleanOptions, _ctx: &Context) {
    if opts.digits == DigitTarget::Keep && !opts.number_separators {
        return;
    }
    let input = rw.input();
    let mut letters = Letters::default();
    let mut tokens = Tokens::default();
    let mut number = Number::default();
    let mut roles = Vec::new();
    let mut buf = String::new();
    let mut i = 0;
    loop {
        i = rw.find(&SCANNER, i);
        let Some(c) = char_at(input, i) else { break };
        if digit_value(c).is_none() {
            // A separator not preceded by a digit is no business of ours.
            i += c.len_utf8();
            continue;
        }
        let end = number.parse(input, i);
        let glued = |ch: Option<char>| {
            ch.is_some_and(|ch| ch == '_' || letter_script(ch) == Some(Script::Other))
        };
        if glued(char_before(input, i).map(|(_, ch)| ch))
            || glued(char_at(input, end))
            || tokens.is_code(input, i)
        {
            i = end.max(i + 1);
            continue;
        }
        let (left, right) = (letters.left(input, i), letters.right(input, end));
        let latin_context = matches!(
            (left, right),
            (Some(Script::Other), Some(Script::Other) | None) | (None, Some(Script::Other))
        );
        let target = match opts.digits {
            DigitTarget::Persian if !latin_context => Some(DigitScript::Persian),
            DigitTarget::Latin => Some(DigitScript::Latin),
            _ => None,
        };
        let sep_script = if !opts.number_separators || latin_context {
            None
        } else if target.is_some() {
            target
        } else {
            own_script(input, &number)
        };
        let seps_ok = sep_script.is_some() && number.separator_roles(input, &mut roles);
        for (g, group) in number.groups.iter().enumerate() {
            if let Some(target) = target {
                let text = input.get(group.clone()).unwrap_or("");
                if text.chars().any(|d| digit_script(d) != Some(target)) {
                    buf.clear();
                    for d in text.chars() {
                        let v = digit_value(d).unwrap_or(0);
                        buf.push(match target {
                            DigitScript::Latin => latin_digit(v),
                            _ => persian_digit(v),
                        });
                    }
                    rw.replace(group.clone(), &buf, EditKind::Digit);
                }
            }
            if !seps_ok {
                continue;
            }
            let (Some(&(at, sep)), Some(&decimal)) = (number.separators.get(g), roles.get(g))
            else {
                continue;
            };
            let want = match (sep_script, decimal) {
                (Some(DigitScript::Latin), true) => '.',
                (Some(DigitScript::Latin), false) => ',',
                (_, true) => ARABIC_DECIMAL,
                (_, false) => ARABIC_THOUSANDS,
            };
            if want != sep {
                let mut tmp = [0u8; 4];
                rw.replace(
                    at..at + sep.len_utf8(),
                    want.encode_utf8(&mut tmp),
                    EditKind::NumberSeparator,
                );
            }
        }
        i = end.max(i + 1);
    }
}

/// The script of a number's digits when they all share one (Arabic-Indic counts as
/// Persian for separators).
fn own_script(s: &str, n: &Number) -> Option<DigitScript> {
    let mut script = None;
    for g in &n.groups {
        for d in s.get(g.clone()).unwrap_or("").chars() {
            let ds = match digit_script(d)? {
                DigitScript::ArabicIndic => DigitScript::Persian,
                x => x,
            };
            if script.is_some_and(|s| s != ds) {
                return None;
            }
            script = Some(ds);
        }
    }
    script
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{Preset, StepEdit};

    fn run_with(input: &str, opts: &CleanOptions) -> (String, Vec<StepEdit>) {
        let mut rw = Rewriter::new(input);
        apply(
            &mut rw,
            opts,
            &Context {
                persian_document: true,
            },
        );
        rw.finish()
            .unwrap_or_else(|| (input.to_owned(), Vec::new()))
    }

    fn standard(input: &str) -> String {
        run_with(input, &CleanOptions::preset(Preset::Standard)).0
    }

    #[test]
    fn digits_become_persian_one_edit_per_group() {
        let (out, edits) = run_with("سال 1385 و ٣ روز", &CleanOptions::default());
        assert_eq!(out, "سال ۱۳۸۵ و ۳ روز");
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].kind, EditKind::Digit);
        assert_eq!(edits[0].input, 7..11);
        assert_eq!(edits[0].output, 7..15);
    }

    #[test]
    fn separators_only_where_unambiguous() {
        assert_eq!(standard("رشد 10.7 درصد"), "رشد ۱۰٫۷ درصد");
        assert_eq!(standard("جمعیت 1,234,567 نفر"), "جمعیت ۱٬۲۳۴٬۵۶۷ نفر");
        assert_eq!(standard("مبلغ 12,345.50 ریال"), "مبلغ ۱۲٬۳۴۵٫۵۰ ریال");
        // not groups of three: a list, kept as written
        assert_eq!(standard("موارد 1,2,3 و 12,34"), "موارد ۱,۲,۳ و ۱۲,۳۴");
        // dates, times, versions keep their separators
        assert_eq!(
            standard("تاریخ 1403.04.14 ساعت 10:30"),
            "تاریخ ۱۴۰۳.۰۴.۱۴ ساعت ۱۰:۳۰"
        );
        assert_eq!(
            standard("تاریخ ۱۴۰۳/۰۴/۱۴ و ۵/۲ میلیون"),
            "تاریخ ۱۴۰۳/۰۴/۱۴ و ۵/۲ میلیون"
        );
        assert_eq!(standard("پایان 12."), "پایان ۱۲.");
    }

    #[test]
    fn latin_words_urls_and_code_keep_their_digits() {
        for s in [
            "فیلم 3D دیدم",
            "اجلاس G7 و mp3",
            "نشانی https://a.ir/x/2024 را",
            "ایمیل ali99@x.com",
            "متغیر x_2 و v1.2",
        ] {
            assert_eq!(standard(s), s, "{s}");
        }
        // a number standing alone after a Latin word, in a Persian sentence, is a number
        assert_eq!(standard("گوشی iPhone 15 را خرید"), "گوشی iPhone ۱۵ را خرید");
        // in Latin context it stays as written
        assert_eq!(
            standard("او گفت: published in 2020 by them"),
            "او گفت: published in 2020 by them"
        );
    }

    #[test]
    fn latin_target_and_keep() {
        let mut opts = CleanOptions {
            digits: DigitTarget::Latin,
            ..CleanOptions::default()
        };
        assert_eq!(run_with("رشد ۳٫۵ و ۱۲۳٬۴۵۶", &opts).0, "رشد 3.5 و 123,456");
        opts.digits = DigitTarget::Keep;
        assert_eq!(run_with("رشد ۳.۵ و 3٫5", &opts).0, "رشد ۳٫۵ و 3.5");
    }

    #[test]
    fn already_clean_is_untouched() {
        let s = "در سال ۱۳۸۵، ۳۰۰٬۰۰۰ نفر و ۲٫۵ درصد";
        assert!(run_with(s, &CleanOptions::default()).1.is_empty());
    }
}

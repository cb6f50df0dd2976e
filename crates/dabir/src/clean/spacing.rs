//! Cleaning step `spacing`: spaces and ZWNJ between words and around punctuation.
//!
//! Every run of spaces and ZWNJ is decided as a whole, from the characters on either
//! side (`P` before, `N` after):
//!
//! 1. **Always** (encoding level, every preset): a run at the start or end of a line is
//!    removed; a run holding a space becomes one space ([`EditKind::Spacing`]); a run of
//!    ZWNJ only becomes one ZWNJ when both `P` and `N` are Arabic-script letters (or
//!    marks), and is removed otherwise — next to a space, punctuation, a digit, a Latin
//!    letter or a line edge a ZWNJ does nothing visible ([`EditKind::ZwnjRemoved`]). A
//!    ZWNJ after a non-joining letter (ا د ذ ر ز ژ و) is kept: it is invisible but gold
//!    text has a few, and removing them would change correct text.
//! 2. [`CleanOptions::punctuation_spacing`]: no space before `. ، ؛ : ! ؟ ) »` (and the
//!    Latin `, ; ?`) when a letter, digit or closing bracket/quote precedes, and none
//!    after `(` `«`; exactly one space after `، ؛ ؟` when a letter follows directly, and
//!    after `! ) » :` when a Persian letter follows directly. Exceptions, because the
//!    "mark" is not sentence punctuation there: a `.` followed by a dot, digit or letter
//!    (" ...", " .5", " .com"); a `:` followed by a digit; a space after another mark
//!    ("گفت: :", ". . ."). No space is ever added after `.`: "ه.ق." and "یو.اس.بی"
//!    are written that way in edited text, and so are URLs, decimals and times (10:30).
//! 3. [`CleanOptions::script_spacing`] (off by default): a space between a Persian letter
//!    and a directly adjacent Latin letter or digit. Off because edited Persian writes
//!    "CSSنویسی", "VSTiهای", "۷پله‌ای" as one word.
//!
//! A run followed by a combining mark is never removed entirely: gluing the mark to
//! the previous letter would change that letter.
//!
//! The defaults follow the gold text of PerDT: it never has a space before `. ، ؛ : ! ؟
//! ) »` or after `( «`, always has one after `، ؛`, and has no letter glued after a
//! closing mark except in dotted abbreviations.
//!
//! ```
//! use dabir::clean::Cleaner;
//! let c = Cleaner::standard();
//! assert_eq!(c.clean("  سلام ،  ( دنیا ) !\u{200C} خوبی؟بله ").text, "سلام، (دنیا)! خوبی؟ بله");
//! ```

use super::cluster::combines_backward;
use super::scan::{char_at, char_before, letter_script, Scanner, Script};
use super::{CleanOptions, Context, EditKind, Rewriter};
use crate::script::{is_arabic_letter, is_arabic_word_char, is_digit, ZWNJ};

/// Spaces, ZWNJ (lead `E2`), the marks with spacing rules, « » (lead `C2`).
static SCANNER: Scanner = Scanner::new(
    b" .:!()?,;",
    &[0xC2, 0xE2],
    &[(0x60C, 0x60C), (0x61B, 0x61B), (0x61F, 0x61F)],
);

/// [`SCANNER`] plus Latin letters and digits of the three scripts, for
/// [`CleanOptions::script_spacing`].
static SCRIPT_SCANNER: Scanner = Scanner::new(
    b" .:!()?,;0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    &[0xC2, 0xE2],
    &[
        (0x60C, 0x60C),
        (0x61B, 0x61B),
        (0x61F, 0x61F),
        (0x660, 0x669),
        (0x6F0, 0x6F9),
    ],
);

/// True for the second byte of an Arabic-block character that is a letter, digit or
/// mark other than ، ؛ ؟ — a character around which a single space needs no thought.
const PLAIN_ARABIC: [bool; 256] = {
    let mut t = [true; 256];
    t[0x0C] = false; // ،
    t[0x1B] = false; // ؛
    t[0x1F] = false; // ؟
    let mut k = 0x4B; // marks U+064B–U+065F
    while k <= 0x5F {
        t[0x40 + k] = false;
        k += 1;
    }
    t[0x40 + 0x70] = false; // U+0670
    t
};

/// True when byte `b` at `i` starts a character around which a plain space is fine:
/// an ASCII letter or digit, or an Arabic-block letter or digit.
#[inline]
fn plain_start(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(&b) if b.is_ascii_alphanumeric() => true,
        Some(&b @ 0xD8..=0xDB) => bytes
            .get(i + 1)
            .is_some_and(|&b2| PLAIN_ARABIC[(((b & 3) as usize) << 6) | (b2 & 0x3F) as usize]),
        _ => false,
    }
}

/// Same, for the character ending just before byte `i`.
#[inline]
fn plain_end(bytes: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    match bytes.get(i - 1) {
        Some(&b) if b.is_ascii_alphanumeric() => true,
        Some(&b2 @ 0x80..=0xBF) => {
            i >= 2
                && bytes
                    .get(i - 2)
                    .is_some_and(|&b| (0xD8..=0xDB).contains(&b))
                && {
                    let b = bytes[i - 2];
                    PLAIN_ARABIC[(((b & 3) as usize) << 6) | (b2 & 0x3F) as usize]
                }
        }
        _ => false,
    }
}

/// True for an Arabic-block letter or mark starting at `i` (a ZWNJ neighbour that keeps it).
#[inline]
fn arabic_word_at(s: &str, i: usize) -> bool {
    char_at(s, i).is_some_and(is_arabic_word_char)
}

/// Marks that take no space before them.
fn no_space_before_mark(c: char) -> bool {
    matches!(
        c,
        '.' | '،' | '؛' | ':' | '!' | '؟' | ')' | '»' | ',' | ';' | '?'
    )
}

/// What may stand before a mark that takes no space before it, for the space to go: a
/// word or a closing bracket or quote — not another mark ("گفت: :", ". . .").
fn ends_a_word(c: char) -> bool {
    c.is_alphanumeric()
        || crate::script::is_arabic_mark(c)
        || matches!(
            c,
            ')' | '»' | '"' | '\'' | ']' | '}' | '”' | '’' | '%' | '٪'
        )
}

/// True when the space before the mark `n` (followed by `after`) goes.
fn drop_space_before(p: char, n: char, after: Option<char>) -> bool {
    if !no_space_before_mark(n) || !ends_a_word(p) {
        return false;
    }
    match n {
        '.' => !after.is_some_and(|a| a == '.' || a.is_alphanumeric()),
        ':' => !after.is_some_and(is_digit),
        '!' | '?' => after != Some('='),
        _ => true,
    }
}

/// True when a closing mark `m` directly followed by `n` needs a space between them.
/// `before` is what precedes `m` in the output: a mark after a space (" :مهناز") is not
/// closing anything and gets no space.
fn space_after(before: Option<char>, m: char, n: char) -> bool {
    if !matches!(before, Some(b) if !b.is_whitespace()) {
        return false;
    }
    match m {
        '،' | '؛' | '؟' => letter_script(n).is_some(),
        '!' | ')' | '»' | ':' => is_arabic_letter(n),
        _ => false,
    }
}

/// True when `a` and `b` are a Persian letter and a Latin letter or digit, in either order.
fn script_boundary(a: char, b: char) -> bool {
    let other = |c: char| is_digit(c) || letter_script(c) == Some(Script::Other);
    is_arabic_letter(a) && other(b) || other(a) && is_arabic_letter(b)
}

/// What a run of spaces and ZWNJ becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    Nothing,
    Space,
    Zwnj,
}

/// Records this step's changes to `rw`'s input.
pub fn apply(rw: &mut Rewriter<'_>, opts: &CleanOptions, _ctx: &Context) {
    let input = rw.input();
    let bytes = input.as_bytes();
    let scanner = if opts.script_spacing {
        &SCRIPT_SCANNER
    } else {
        &SCANNER
    };
    let mut glued = Glued::default();
    let mut i = 0;
    loop {
        i = scanner.find(bytes, i);
        let Some(&b) = bytes.get(i) else { break };
        // Fast paths: one space, or one ZWNJ, between two ordinary word characters.
        if b == b' '
            && plain_start(bytes, i + 1)
            && plain_end(bytes, i)
            && !(opts.script_spacing && bytes.get(i - 1).is_some_and(u8::is_ascii_alphanumeric))
        {
            i += 1;
            continue;
        }
        let Some(c) = char_at(input, i) else { break };
        let len = c.len_utf8();
        if c == ' ' || c == ZWNJ {
            i = run(rw, opts, i, &mut glued);
            continue;
        }
        if opts.script_spacing && (c.is_ascii_alphanumeric() || is_digit(c)) {
            if char_before(input, i).is_some_and(|(_, p)| script_boundary(p, c)) {
                rw.insert(i, " ", EditKind::Spacing);
            }
            let mut end = i;
            let mut last = c;
            for d in input.get(i..).unwrap_or("").chars() {
                if !(d.is_ascii_alphanumeric() || is_digit(d)) {
                    break;
                }
                end += d.len_utf8();
                last = d;
            }
            if char_at(input, end).is_some_and(|n| script_boundary(last, n)) {
                rw.insert(end, " ", EditKind::Spacing);
            }
            i = end;
            continue;
        }
        if opts.punctuation_spacing
            && char_at(input, i + len).is_some_and(|n| space_after(glued.before(input, i), c, n))
        {
            rw.insert(i + len, " ", EditKind::Spacing);
        }
        i += len;
    }
}

/// What precedes a character in this step's output when the run of spaces before it
/// was removed: the character before that run.
#[derive(Debug, Default)]
struct Glued {
    at: usize,
    prev: Option<char>,
    valid: bool,
}

impl Glued {
    /// The character before byte `i` in the output (`None` at a line start).
    fn before(&self, s: &str, i: usize) -> Option<char> {
        if self.valid && self.at == i {
            return self.prev;
        }
        char_before(s, i).map(|(_, c)| c).filter(|&c| c != '\n')
    }
}

/// Decides the run of spaces and ZWNJ starting at `i`, records its edits, returns its end.
fn run(rw: &mut Rewriter<'_>, opts: &CleanOptions, i: usize, glued: &mut Glued) -> usize {
    let input = rw.input();
    let mut end = i;
    let mut has_space = false;
    for c in input.get(i..).unwrap_or("").chars() {
        match c {
            ' ' => has_space = true,
            ZWNJ => {}
            _ => break,
        }
        end += c.len_utf8();
    }
    let p = char_before(input, i).map(|(_, c)| c).filter(|&c| c != '\n');
    let n = char_at(input, end).filter(|&c| c != '\n' && c != '\r');
    let keep = match (p, n) {
        (_, Some(n)) if combines_backward(n) => {
            if has_space {
                Keep::Space
            } else {
                Keep::Zwnj
            }
        }
        (None, _) | (_, None) => Keep::Nothing,
        (Some(p), Some(n)) => {
            if has_space {
                let after = char_at(input, end + n.len_utf8());
                if opts.punctuation_spacing
                    && (drop_space_before(p, n, after) || matches!(p, '(' | '«'))
                {
                    Keep::Nothing
                } else {
                    Keep::Space
                }
            } else if arabic_word_at(input, i - p.len_utf8()) && arabic_word_at(input, end) {
                Keep::Zwnj
            } else if opts.punctuation_spacing
                && space_after(glued.before(input, i - p.len_utf8()), p, n)
                || opts.script_spacing && script_boundary(p, n)
            {
                Keep::Space
            } else {
                Keep::Nothing
            }
        }
    };
    // Keep the first character of the kept kind, delete the rest (merging neighbours of
    // one kind into one edit), and insert a space when a ZWNJ run becomes one.
    let mut kept = false;
    let mut pending: Option<(usize, usize, EditKind)> = None;
    let mut at = i;
    for c in input.get(i..end).unwrap_or("").chars() {
        let clen = c.len_utf8();
        let keep_this = !kept
            && match keep {
                Keep::Space => c == ' ',
                Keep::Zwnj => c == ZWNJ,
                Keep::Nothing => false,
            };
        if keep_this {
            kept = true;
            if let Some((s, e, k)) = pending.take() {
                rw.delete(s..e, k);
            }
        } else {
            let kind = if c == ZWNJ {
                EditKind::ZwnjRemoved
            } else {
                EditKind::Spacing
            };
            pending = match pending {
                Some((s, e, k)) if k == kind && e == at => Some((s, at + clen, k)),
                Some((s, e, k)) => {
                    rw.delete(s..e, k);
                    Some((at, at + clen, kind))
                }
                None => Some((at, at + clen, kind)),
            };
        }
        at += clen;
    }
    if let Some((s, e, k)) = pending {
        rw.delete(s..e, k);
    }
    if keep == Keep::Space && !kept {
        rw.insert(end, " ", EditKind::Spacing);
    }
    if keep == Keep::Nothing {
        *glued = Glued {
            at: end,
            prev: p,
            valid: true,
        };
    }
    end
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
        run_with(input, &CleanOptions::default()).0
    }

    #[test]
    fn runs_collapse_and_lines_are_trimmed() {
        let (out, edits) = run_with(
            "  یک   دو \nسه  ",
            &CleanOptions::preset(Preset::Conservative),
        );
        assert_eq!(out, "یک دو\nسه");
        assert!(edits.iter().all(|e| e.kind == EditKind::Spacing));
        assert_eq!(edits[0].input, 0..2);
        assert_eq!(edits[1].input, 7..9);
    }

    #[test]
    fn spaces_around_punctuation() {
        assert_eq!(standard("سلام ، دنیا ( خوب ) است ."), "سلام، دنیا (خوب) است.");
        assert_eq!(standard("او گفت : « بیا » و رفت !"), "او گفت: «بیا» و رفت!");
        assert_eq!(standard("الف،ب؛ج؟د"), "الف، ب؛ ج؟ د");
        assert_eq!(standard("(ص)حرمت و «الف»ب"), "(ص) حرمت و «الف» ب");
    }

    #[test]
    fn punctuation_exceptions() {
        for s in [
            "سال 370 ه.ق. برابر",
            "بیماران اچ.آی.وی مثبت",
            "ساعت 10:30 و 9.54 درصد",
            "نشانی www.x.com و http://a.ir",
            "و ... بعد",
            "گفت: :مهناز",
            "عدد .5 و فایل .txt",
            "ساعت :10",
        ] {
            assert_eq!(standard(s), s, "{s}");
        }
    }

    #[test]
    fn zwnj_cleanup() {
        let (out, edits) = run_with(
            "می\u{200C}\u{200C}شود \u{200C}کتاب\u{200C} ۱۲\u{200C}ها",
            &CleanOptions::default(),
        );
        assert_eq!(out, "می\u{200C}شود کتاب ۱۲ها");
        assert!(edits.iter().all(|e| e.kind == EditKind::ZwnjRemoved));
        assert_eq!(edits.len(), 4);
        // after a non-joining letter the ZWNJ is kept; at line edges it goes
        assert_eq!(standard("دار\u{200C}ها"), "دار\u{200C}ها");
        assert_eq!(standard("\u{200C}الف\u{200C}\nب"), "الف\nب");
        assert_eq!(standard("متن،\u{200C}بعد"), "متن، بعد");
        assert_eq!(standard("Latin\u{200C}text"), "Latintext");
    }

    #[test]
    fn script_spacing_by_option() {
        let s = "طرح CSSنویسی و 7پله و VSTiهای";
        assert_eq!(standard(s), s);
        let opts = CleanOptions {
            script_spacing: true,
            ..CleanOptions::default()
        };
        assert_eq!(run_with(s, &opts).0, "طرح CSS نویسی و 7 پله و VSTi های");
        assert_eq!(run_with("سال۱۳۸۵ و mp3ها", &opts).0, "سال ۱۳۸۵ و mp3 ها");
    }

    #[test]
    fn marks_are_never_glued_to_a_new_base() {
        assert_eq!(standard("a \u{301}"), "a \u{301}");
        assert_eq!(standard(" \u{654}"), " \u{654}");
    }

    #[test]
    fn correct_text_untouched() {
        let s = "به گزارش خبرنگار مهر در گرگان، بر اساس باورهای دینی ترکمن‌ها (ص) «فیلم» (1965)- که: «بیا».\nخط دوم؟!";
        assert!(run_with(s, &CleanOptions::default()).1.is_empty());
    }
}

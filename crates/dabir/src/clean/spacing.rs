//! Cleaning step `spacing`: spaces and ZWNJ between words and around punctuation.
//!
//! Every run of spaces and ZWNJ is decided as a whole, from the characters on either
//! side (`P` before, `N` after):
//!
//! 1. **Always** (encoding level, every preset): a run at the start or end of a line is
//!    removed; a run holding a space becomes one space ([`EditKind::Spacing`],
//!    [`EditKind::ZwnjRemoved`] for a ZWNJ in it). Misplaced ZWNJ on their own are
//!    removed earlier, by [`super::unicode`] (a stray ZWNJ would hide a number or a
//!    repeated mark from the steps in between); a ZWNJ-only run left here stays one
//!    ZWNJ when `P` and `N` are Arabic-script letters or marks.
//! 2. [`CleanOptions::punctuation_spacing`]: no space before `. ، ؛ : ! ؟ ) »` (and the
//!    Latin `, ; ?`) when a letter, digit or closing bracket/quote precedes, and none
//!    after `(` `«`; exactly one space after `، ؛ ؟` when a letter follows directly, and
//!    after `! ) » :` when a Persian letter follows directly; also between a closing
//!    mark and an opening `«` or `(` ("گفت:«ما" → "گفت: «ما"; PerDT gold always has
//!    it). Only a mark attached to the word before it gets a space after it (" :مهناز"
//!    is left alone). Exceptions, because the "mark" is not sentence punctuation there: a `.` followed by a dot, digit or letter
//!    (" ...", " .5", " .com"); a `:` followed by a digit; a space after another mark
//!    ("گفت: :", ". . ."). No space is ever added after `.`: "ه.ق." and "یو.اس.بی"
//!    are written that way in edited text, and so are URLs, decimals and times (10:30).
//! 3. [`CleanOptions::script_spacing`] (off by default): a space between a Persian letter
//!    and a directly adjacent Latin letter or digit. Off because edited Persian writes
//!    "CSSنویسی", "VSTiهای", "۷پله‌ای" as one word.
//!
//! No space is ever inserted inside a URL, email or code token (see `scan::Tokens`):
//! "#1ی" and "a.ir/x،y" stay one token.
//!
//! A run followed by a combining mark is never removed entirely: gluing the mark to
//! the previous letter would change that letter.
//!
//! The defaults follow the gold text of PerDT (train and dev): it never has a space
//! before `. ؛ : ! ؟ ) »` or after `( «` (four of 9,500 commas in train have one before),
//! always has one after `، ؛`, has no letter, `«` or `(` glued after a closing mark
//! except in dotted abbreviations, and glues Latin words and digits to Persian ones.
//! Cleaning the uncorrupted PerDT dev sentences changes no gap (gap accuracy 1.0).
//!
//! Speed: the scanner never stops at a single space between two words; a space before
//! a mark is decided from the mark, one after `(` `«` from the opening mark, and two
//! spaces or a space at a line edge are byte pairs the scanner stops at.
//!
//! ```
//! use dabir::clean::Cleaner;
//! let c = Cleaner::standard();
//! assert_eq!(c.clean("  سلام ،  ( دنیا ) !\u{200C} خوبی؟بله ").text, "سلام، (دنیا)! خوبی؟ بله");
//! ```

use super::cluster::combines_backward;
use super::scan::{char_at, char_before, letter_script, Scanner, Script, Tokens};
use super::{CleanOptions, Context, EditKind, Rewriter};
use crate::script::{is_arabic_letter, is_arabic_word_char, is_digit, ZWNJ};

/// Pairs of bytes around a space that need a decision: two spaces, a space at a line
/// edge or at the start of the text, a space after `(` or `«` (second byte `AB`). A
/// single space between two words is never looked at; a space before a mark is
/// handled from the mark.
const SPACE_PAIRS: &[(u8, u8)] = &[
    (b' ', b' '),
    (b'\n', b' '),
    (b' ', b'\n'),
    (b'\r', b' '),
    (b' ', b'\r'),
    (0, b' '),
    (b'(', b' '),
    (0xAB, b' '),
    (b' ', 0xE2),
];

/// The marks with spacing rules, « » (lead `C2`), and [`SPACE_PAIRS`]. Not ZWNJ: the
/// unicode step has removed every ZWNJ that is not between two letters, so a ZWNJ here
/// only matters inside a run that starts with a space (the pair space–`E2`) or ends at a
/// stop (found looking back from it).
pub(super) static SCANNER: Scanner = Scanner::with_pairs(
    b".:!()?,;",
    &[0xC2],
    &[(0x60C, 0x60C), (0x61B, 0x61B), (0x61F, 0x61F)],
    SPACE_PAIRS,
)
.profiled(32)
.memchr_lead(b'.', 256);

/// [`SCANNER`] plus Latin letters and digits of the three scripts, for
/// [`CleanOptions::script_spacing`].
pub(super) static SCRIPT_SCANNER: Scanner = Scanner::with_pairs(
    b".:!()?,;0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    &[0xC2],
    &[
        (0x60C, 0x60C),
        (0x61B, 0x61B),
        (0x61F, 0x61F),
        (0x660, 0x669),
        (0x6F0, 0x6F9),
    ],
    SPACE_PAIRS,
)
.profiled(64);

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
/// word or a closing bracket or quote — not another mark ("گفت: :", ". . ."), and not a
/// straight quote, which may as well be opening (and whose pairing the punctuation step
/// reads from the spaces around it).
fn ends_a_word(c: char) -> bool {
    c.is_alphanumeric()
        || crate::script::is_arabic_mark(c)
        || matches!(c, ')' | '»' | ']' | '}' | '”' | '’' | '%' | '٪')
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
        '،' | '؛' | '؟' => letter_script(n).is_some() || matches!(n, '«' | '('),
        '!' | '»' | ':' => is_arabic_letter(n) || matches!(n, '«' | '('),
        ')' => is_arabic_letter(n) || n == '«',
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
    let mut tokens = Tokens::default();
    // Runs of spaces and ZWNJ before this offset are decided.
    let mut done = 0;
    let mut i = 0;
    loop {
        i = rw.find(scanner, i);
        // A run ending here that the scanner skipped (a single space before a mark, the
        // first of two spaces, a trailing space) is decided first.
        let start = run_start_before(bytes, i, done);
        if start < i {
            i = run(rw, opts, start, &mut glued, &mut tokens);
            done = i;
            continue;
        }
        let Some(c) = char_at(input, i) else { break };
        let len = c.len_utf8();
        if c == ZWNJ && zwnj_between_letters(bytes, i) {
            i += len;
            continue;
        }
        if c == ' ' || c == ZWNJ {
            i = run(rw, opts, i, &mut glued, &mut tokens);
            done = i;
            continue;
        }
        if opts.script_spacing && (c.is_ascii_alphanumeric() || is_digit(c)) {
            if char_before(input, i).is_some_and(|(_, p)| script_boundary(p, c))
                && !tokens.is_code(input, i)
            {
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
            if char_at(input, end).is_some_and(|n| script_boundary(last, n))
                && !tokens.is_code(input, end)
            {
                rw.insert(end, " ", EditKind::Spacing);
            }
            i = end;
            continue;
        }
        if opts.punctuation_spacing
            && char_at(input, i + len).is_some_and(|n| space_after(glued.before(input, i), c, n))
            && !tokens.is_code(input, i)
        {
            rw.insert(i + len, " ", EditKind::Spacing);
        }
        i += len;
        if matches!(c, '(' | '«') {
            // The run after an opening mark is decided now (the scanner stops at it only
            // when it starts with a space).
            if bytes.get(i) == Some(&b' ') || bytes.get(i..i + 3) == Some(ZWNJ_BYTES) {
                i = run(rw, opts, i, &mut glued, &mut tokens);
                done = i;
            }
        }
    }
}

/// ZWNJ in UTF-8.
const ZWNJ_BYTES: &[u8] = "\u{200C}".as_bytes();

/// The start of the run of spaces and ZWNJ that ends at byte `i`, not reaching back
/// before `done`; `i` when there is none.
fn run_start_before(bytes: &[u8], i: usize, done: usize) -> usize {
    let mut s = i.min(bytes.len());
    loop {
        if s > done && bytes.get(s - 1) == Some(&b' ') {
            s -= 1;
        } else if s >= done + 3 && bytes.get(s - 3..s) == Some(ZWNJ_BYTES) {
            s -= 3;
        } else {
            return s;
        }
    }
}

/// True for a single ZWNJ at `i` between two Arabic-script letters or marks (two-byte
/// characters on both sides, nothing to decide).
fn zwnj_between_letters(bytes: &[u8], i: usize) -> bool {
    let two = |b0: Option<&u8>, b1: Option<&u8>| match (b0, b1) {
        (Some(&b0 @ 0xD8..=0xDB), Some(&b1 @ 0x80..=0xBF)) => {
            char::from_u32((((b0 & 0x1F) as u32) << 6) | (b1 & 0x3F) as u32)
                .is_some_and(is_arabic_word_char)
        }
        _ => false,
    };
    i >= 2 && two(bytes.get(i - 2), bytes.get(i - 1)) && two(bytes.get(i + 3), bytes.get(i + 4))
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
fn run(
    rw: &mut Rewriter<'_>,
    opts: &CleanOptions,
    i: usize,
    glued: &mut Glued,
    tokens: &mut Tokens,
) -> usize {
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
                    && (drop_space_before(p, n, after) || matches!(p, '(' | '«') && n != '"')
                {
                    Keep::Nothing
                } else {
                    Keep::Space
                }
            } else if arabic_word_at(input, i - p.len_utf8()) && arabic_word_at(input, end) {
                Keep::Zwnj
            } else if (opts.punctuation_spacing
                && space_after(glued.before(input, i - p.len_utf8()), p, n)
                || opts.script_spacing && script_boundary(p, n))
                && !tokens.is_code(input, i)
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
        assert_eq!(
            standard("گفت:«ما» و «او»(ص)،«تو»"),
            "گفت: «ما» و «او» (ص)، «تو»"
        );
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
    fn zwnj_runs_with_spaces() {
        let (out, edits) = run_with(
            "کتاب \u{200C} ها \u{200C}\u{200C}x",
            &CleanOptions::default(),
        );
        assert_eq!(out, "کتاب ها x");
        let kinds: Vec<_> = edits.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                EditKind::ZwnjRemoved,
                EditKind::Spacing,
                EditKind::ZwnjRemoved
            ]
        );
    }

    #[test]
    fn zwnj_cleanup_in_the_pipeline() {
        // misplaced ZWNJ on their own are the unicode step's; the pipeline removes them
        let cleaner = crate::clean::Cleaner::new(CleanOptions {
            restore_zwnj: false,
            ..CleanOptions::default()
        });
        let standard = |s: &str| cleaner.clean(s).text;
        assert_eq!(
            standard("می\u{200C}\u{200C}شود \u{200C}کتاب\u{200C} ۱۲\u{200C}ها"),
            "می\u{200C}شود کتاب ۱۲ها"
        );
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

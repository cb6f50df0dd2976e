//! Cleaning step `unicode`: the encoding-level fixes every preset makes.
//!
//! | input | output | kind |
//! |---|---|---|
//! | text not in NFC (ا + U+0653, marks out of canonical order) | NFC | [`EditKind::Nfc`] |
//! | Arabic presentation forms U+FB50–U+FDFF, U+FE70–U+FEFE (ﻻ, ﺁ, ﷲ) | their compatibility decomposition, recomposed (لا, آ, الله) | [`EditKind::PresentationForm`] |
//! | BOM, ZWSP, soft hyphen, word joiner, C0/C1 controls (not `\n`) | removed | [`EditKind::Control`] |
//! | `\r` before `\n` | removed; a lone `\r` becomes a space (lines are kept) | [`EditKind::Control`], [`EditKind::SpaceKind`] |
//! | bidi marks LRM, RLM, ALM, LRE…RLO, LRI…PDI (when [`CleanOptions::remove_bidi`]) | removed | [`EditKind::Bidi`] |
//! | tab, NBSP, U+2000–U+200A, U+202F, U+205F, U+3000, NEL, line/paragraph separators | one plain space each | [`EditKind::SpaceKind`] |
//! | ZWJ | removed | [`EditKind::Zwj`] |
//!
//! | ZWNJ not between two Arabic-script letters (next to a space, punctuation, a digit, a Latin letter, a line edge), looking through marks and tatweel | removed | [`EditKind::ZwnjRemoved`] |
//! | repeated ZWNJ | one | [`EditKind::ZwnjRemoved`] |
//!
//! Misplaced ZWNJ go here, in the first step, rather than with the other spacing rules:
//! a stray ZWNJ hides what later steps look at ("1\u{200C},234" is a number with a
//! thousands separator, "؟\u{200C}؟" a repeated mark), and removing it last would let a
//! second cleaning see what the first did not. A ZWNJ after a non-joining letter
//! (ا د ذ ر ز ژ و) is kept: it is invisible, but gold text has a few and removing them
//! would change correct text.
//!
//! Runs of spaces are collapsed later, by [`super::spacing`], so this step maps one
//! character to at most one space and its edits stay one character wide.
//!
//! Speed: a [`Scanner`] skips ASCII text, Arabic letters and Latin-1/Extended letters
//! without decoding them; only controls, combining marks and other multi-byte
//! characters are looked at, and NFC is computed only over the cluster around a mark.
//!
//! ```
//! use dabir::clean::{Cleaner, CleanOptions, Preset};
//! let c = Cleaner::new(CleanOptions::preset(Preset::Conservative));
//! assert_eq!(c.clean("\u{FEFF}ﻻ\u{00A0}ﺁب").text, "لا آب");
//! ```

use super::cluster::{combines_backward, ClusterRewriter};
use super::scan::{char_at, char_before, Scanner, ALL_NON_ARABIC_LEADS};
use super::{CleanOptions, Context, EditKind, Rewriter};
use crate::script::{is_arabic_letter, is_arabic_mark, ZWNJ};
use unicode_normalization::char::{canonical_combining_class, decompose_compatible};

/// Stops at ASCII controls, every multi-byte character except Arabic letters and
/// Latin-1/Latin Extended letters (U+00C0–U+027F, all NFC starters), and the Arabic
/// combining marks and ALM.
pub(super) static SCANNER: Scanner = Scanner::new(
    &[
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
        0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E,
        0x1F, 0x7F,
    ],
    &NON_LATIN_LEADS,
    &[
        (0x610, 0x61A),
        (0x61C, 0x61C),
        (0x64B, 0x65F),
        (0x670, 0x670),
        (0x6D6, 0x6DC),
        (0x6DF, 0x6E4),
        (0x6E7, 0x6E8),
        (0x6EA, 0x6ED),
    ],
)
.profiled(1)
.memchr_lead(0xE2, 128);

/// All multi-byte lead bytes except `C3`–`C9` (U+00C0–U+027F) and the Arabic block.
const NON_LATIN_LEADS: [u8; 42] = {
    let mut out = [0u8; 42];
    let mut k = 0;
    let mut j = 0;
    while j < ALL_NON_ARABIC_LEADS.len() {
        let b = ALL_NON_ARABIC_LEADS[j];
        if b < 0xC3 || b > 0xC9 {
            out[k] = b;
            k += 1;
        }
        j += 1;
    }
    out
};

/// What this step does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Keep,
    Delete(EditKind),
    Space,
    PresentationForm,
}

/// The action for `c` (a `\r` is handled by the caller, which can see what follows).
fn classify(c: char, opts: &CleanOptions) -> Action {
    match c {
        '\t'
        | '\u{0B}'
        | '\u{0C}'
        | '\u{85}'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Action::Space,
        '\u{200D}' => Action::Delete(EditKind::Zwj),
        '\u{200B}'
        | '\u{AD}'
        | '\u{FEFF}'
        | '\u{180E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}' => Action::Delete(EditKind::Control),
        '\u{200E}' | '\u{200F}' | '\u{61C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            if opts.remove_bidi {
                Action::Delete(EditKind::Bidi)
            } else {
                Action::Keep
            }
        }
        '\n' => Action::Keep,
        // (before \n the caller deletes it instead)
        '\r' => Action::Space,
        c if c.is_control() => Action::Delete(EditKind::Control),
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => Action::PresentationForm,
        _ => Action::Keep,
    }
}

/// Writes the output of `c` under `action`; returns the edit kind when it changed.
fn write(c: char, action: Action, out: &mut String) -> Option<EditKind> {
    match action {
        Action::Keep => {
            out.push(c);
            None
        }
        Action::Delete(kind) => Some(kind),
        Action::Space => {
            out.push(' ');
            Some(EditKind::SpaceKind)
        }
        Action::PresentationForm => {
            let start = out.len();
            decompose_compatible(c, |d| out.push(d));
            let same = out
                .get(start..)
                .is_some_and(|s| s.chars().eq(std::iter::once(c)));
            (!same).then_some(EditKind::PresentationForm)
        }
    }
}

/// Records this step's changes to `rw`'s input.
pub fn apply(rw: &mut Rewriter<'_>, opts: &CleanOptions, _ctx: &Context) {
    let input = rw.input();
    let bytes = input.as_bytes();
    let mut cr = ClusterRewriter::default();
    let mut i = 0;
    loop {
        i = rw.find(&SCANNER, i);
        let Some(c) = char_at(input, i) else { break };
        let len = c.len_utf8();
        if c == '\r' {
            if bytes.get(i + 1) == Some(&b'\n') {
                rw.delete(i..i + 1, EditKind::Control);
            } else {
                rw.replace(i..i + 1, " ", EditKind::SpaceKind);
            }
            cr.note_edit(i + 1);
            i += 1;
            continue;
        }
        if c == ZWNJ && between_two_letters(bytes, i) {
            // The common case, a half-space inside a word: nothing to decide.
            i += len;
            continue;
        }
        if c == '\u{654}' && ezafe(bytes, i) && i >= cr.consumed + 2 {
            // هٔ followed by a letter, space or ASCII: NFC already, nothing to do.
            i += len;
            continue;
        }
        if is_arabic_mark(c) && lone_mark_in_nfc(input, i, c, cr.consumed, opts) {
            i += len;
            continue;
        }
        let action = action_at(input, i, c, opts);
        if action == Action::Keep && !combines_backward(c) {
            i += len;
            continue;
        }
        let range = cr.bounds(input, i, |d| {
            d == ZWNJ || matches!(classify(d, opts), Action::Delete(_))
        });
        let end = range.end.max(i + len);
        cr.rewrite(
            rw,
            range,
            |d, at, _, out| write(d, action_at(input, at, d, opts), out),
            |_| None,
        );
        i = end;
    }
}

/// True for a single Arabic mark at `i` that is already in NFC and stays so: it follows
/// an unedited starter it does not compose with, and no mark, ZWNJ or character this step
/// deletes follows it (هٔ, the ezafe, is the common case).
fn lone_mark_in_nfc(input: &str, i: usize, c: char, consumed: usize, opts: &CleanOptions) -> bool {
    let Some((p, base)) = char_before(input, i) else {
        return false;
    };
    if p < consumed
        || combines_backward(base)
        || unicode_normalization::char::compose(base, c).is_some()
    {
        return false;
    }
    match char_at(input, i + c.len_utf8()) {
        None => true,
        Some(d) => d != ZWNJ && !combines_backward(d) && classify(d, opts) == Action::Keep,
    }
}

/// True for a hamza above at `i` on ه (bytes `D9 87`), followed by ASCII or an
/// Arabic-block letter (not a mark: no reordering or composition to check).
fn ezafe(bytes: &[u8], i: usize) -> bool {
    let on_heh = i >= 2 && bytes.get(i - 2..i) == Some(&[0xD9, 0x87][..]);
    let next_plain = match (bytes.get(i + 2), bytes.get(i + 3)) {
        (None, _) => true,
        (Some(&b), _) if b < 0x80 => true,
        (Some(&b0 @ 0xD8..=0xDB), Some(&b1)) => {
            char::from_u32((((b0 & 0x1F) as u32) << 6) | (b1 & 0x3F) as u32)
                .is_some_and(is_arabic_letter)
        }
        _ => false,
    };
    on_heh && next_plain
}

/// True for a ZWNJ at `i` with a two-byte Arabic letter on each side.
fn between_two_letters(bytes: &[u8], i: usize) -> bool {
    let letter = |b0: Option<&u8>, b1: Option<&u8>| match (b0, b1) {
        (Some(&b0 @ 0xD8..=0xDB), Some(&b1 @ 0x80..=0xBF)) => {
            char::from_u32((((b0 & 0x1F) as u32) << 6) | (b1 & 0x3F) as u32)
                .is_some_and(is_arabic_letter)
        }
        _ => false,
    };
    i >= 2
        && letter(bytes.get(i - 2), bytes.get(i - 1))
        && letter(bytes.get(i + 3), bytes.get(i + 4))
}

/// The action for the character `c` at byte `at` of `input`: [`classify`], and for a
/// ZWNJ the decision of [`zwnj_stays`].
fn action_at(input: &str, at: usize, c: char, opts: &CleanOptions) -> Action {
    if c != ZWNJ {
        return classify(c, opts);
    }
    if zwnj_stays(input, at, opts) {
        Action::Keep
    } else {
        Action::Delete(EditKind::ZwnjRemoved)
    }
}

/// A letter a ZWNJ may stand beside: Arabic-script letters, presentation forms of
/// letters included (not the isolated harakat forms U+FE70–U+FE7F, which decompose to a
/// space or tatweel and a mark).
fn zwnj_base(c: char) -> bool {
    is_arabic_letter(c) || matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE80}'..='\u{FEFC}')
}

/// Characters looked through when finding a ZWNJ's neighbours: marks and tatweel belong
/// to the letter they sit on, and what this step deletes is not there.
fn see_through(c: char, opts: &CleanOptions) -> bool {
    c == '\u{640}'
        || is_arabic_mark(c)
        || canonical_combining_class(c) != 0
        || matches!(classify(c, opts), Action::Delete(_))
}

/// True when the ZWNJ at byte `i` stays: it is the first of its run, and the letters on
/// both sides of the run (looking through marks, tatweel and what this step deletes) are
/// Arabic-script letters.
fn zwnj_stays(input: &str, i: usize, opts: &CleanOptions) -> bool {
    let head = input.get(..i).unwrap_or("");
    if head.ends_with(ZWNJ) {
        return false;
    }
    let run = input.get(i..).unwrap_or("");
    let end = i + run.chars().take_while(|&c| c == ZWNJ).count() * ZWNJ.len_utf8();
    let before = head.chars().rev().find(|&c| !see_through(c, opts));
    let after = input
        .get(end..)
        .unwrap_or("")
        .chars()
        .find(|&c| !see_through(c, opts));
    before.is_some_and(zwnj_base) && after.is_some_and(zwnj_base)
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

    fn run(input: &str) -> (String, Vec<StepEdit>) {
        run_with(input, &CleanOptions::preset(Preset::Conservative))
    }

    #[test]
    fn space_kinds_become_one_space_each() {
        let (out, edits) = run("یک\u{A0}دو\u{2009}سه\tچهار\u{202F}پنج");
        assert_eq!(out, "یک دو سه چهار پنج");
        assert_eq!(edits.len(), 4);
        assert!(edits.iter().all(|e| e.kind == EditKind::SpaceKind));
        assert_eq!(edits[0].input, 4..6);
        assert_eq!(edits[0].output, 4..5);
    }

    #[test]
    fn presentation_forms_become_letters() {
        let (out, edits) = run("ﻻ ﺁب ﷲ ﺑﺎﺏ");
        assert_eq!(out, "لا آب الله باب");
        assert!(edits.iter().all(|e| e.kind == EditKind::PresentationForm));
    }

    #[test]
    fn invisible_characters_removed() {
        let (out, edits) = run("\u{FEFF}سلام\u{200B}دنیا\u{AD}\u{200D}!\u{7}");
        assert_eq!(out, "سلامدنیا!");
        let kinds: Vec<_> = edits.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                EditKind::Control,
                EditKind::Control,
                EditKind::Control,
                EditKind::Zwj,
                EditKind::Control
            ]
        );
    }

    #[test]
    fn carriage_returns() {
        assert_eq!(run("الف\r\nب\rج").0, "الف\nب ج");
    }

    #[test]
    fn bidi_marks_by_option() {
        let s = "\u{202B}متن\u{202C} \u{200F}(۱)\u{200E}";
        let mut opts = CleanOptions::preset(Preset::Conservative);
        assert_eq!(run_with(s, &opts).0, "متن (۱)");
        opts.remove_bidi = false;
        assert_eq!(run_with(s, &opts).0, s);
    }

    #[test]
    fn nfc_composes_and_orders_marks() {
        let (out, edits) = run("ا\u{653}ب");
        assert_eq!(out, "آب");
        assert_eq!(edits[0].kind, EditKind::Nfc);
        assert_eq!(edits[0].input, 0..4);
        // shadda (ccc 33) before fatha (ccc 30) is reordered
        assert_eq!(run("ب\u{651}\u{64E}").0, "ب\u{64E}\u{651}");
        // heh + hamza above does not compose: the Persian ezafe stays as written
        assert_eq!(run("خانه\u{654} من").1.len(), 0);
        // a removed joiner must not leave an uncomposed pair behind
        assert_eq!(run("ا\u{200D}\u{654}").0, "أ");
    }

    #[test]
    fn misplaced_zwnj_removed() {
        let (out, edits) =
            run("می\u{200C}\u{200C}شود \u{200C}کتاب\u{200C} ۱۲\u{200C}ها 1\u{200C},234 ؟\u{200C}؟");
        assert_eq!(out, "می\u{200C}شود کتاب ۱۲ها 1,234 ؟؟");
        assert!(edits.iter().all(|e| e.kind == EditKind::ZwnjRemoved));
        assert_eq!(edits[0].input, 7..10);
        // kept after a non-joining letter and across marks and tatweel
        for s in ["دار\u{200C}ها", "خانه\u{654}\u{200C}ای", "بـ\u{200C}ها"] {
            assert_eq!(run(s).0, s);
        }
        assert_eq!(run("\u{200C}الف\u{200C}\nب\u{200C}a").0, "الف\nبa");
        // a mark after a removed ZWNJ is recomposed with the letter before
        assert_eq!(run("a\u{200C}\u{301}").0, "\u{E1}");
    }

    #[test]
    fn clean_text_is_untouched() {
        let s = "این یک متن درست است: «کتاب‌ها» و Latin text, 123 و ۴۵۶.\nخط دوم";
        assert!(run(s).1.is_empty());
    }
}

//! Cleaning step `letters`: Arabic letter forms, hamza forms, tatweel and diacritics.
//!
//! The letter mappings are the table [`MAPPINGS`]; each row names the option that turns
//! it on:
//!
//! | option | mappings | kind |
//! |---|---|---|
//! | [`CleanOptions::persian_letters`] | ي ى → ی, ك ڪ → ک, ە ھ ہ → ه; ی + hamza above → ئ | [`EditKind::Letter`] |
//! | [`CleanOptions::teh_marbuta_to_heh`] | ة → ه | [`EditKind::Hamza`] |
//! | [`CleanOptions::simplify_hamza`] | أ إ → ا, ؤ → و (ئ is Persian spelling and stays) | [`EditKind::Hamza`] |
//! | [`CleanOptions::heh_hamza_academy`] | ۀ → هٔ (ه + U+0654) | [`EditKind::Hamza`] |
//! | [`CleanOptions::remove_tatweel`] | ـ removed when it stretches a letter | [`EditKind::Tatweel`] |
//! | [`CleanOptions::remove_diacritics`] | harakat, tanwin, shadda, sukun, madda and hamza marks, superscript alef, Quranic marks removed; the hamza above on ه kept with [`CleanOptions::keep_heh_hamza`] | [`EditKind::Diacritic`] |
//!
//! A tatweel run with no Arabic letter or mark on either side ("۱۳۹۰ ـ ۱۴۰۰") is a dash
//! typed with the tatweel key, not a stretched letter, and is kept: removing it would
//! lose a visible character that carries meaning.
//!
//! Deleting a tatweel or a mark can leave a base and a mark that compose (ا ـ ٔ → أ);
//! such clusters are recomposed (see [`super::cluster`]) so the output stays NFC.
//!
//! ```
//! use dabir::clean::{Cleaner, CleanOptions, Preset};
//! let c = Cleaner::new(CleanOptions::preset(Preset::Academy));
//! let out = c.clean("عليٰ كتابـــخانهَ خانۀ");
//! assert_eq!(out.text, "علی کتابخانه خانهٔ");
//! ```

use super::cluster::ClusterRewriter;
use super::scan::{char_at, char_before, Scanner};
use super::{CleanOptions, Context, EditKind, Rewriter};
use crate::script;

/// The option that turns a row of [`MAPPINGS`] on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// [`CleanOptions::persian_letters`].
    PersianLetters,
    /// [`CleanOptions::teh_marbuta_to_heh`].
    TehMarbuta,
    /// [`CleanOptions::simplify_hamza`].
    SimplifyHamza,
    /// [`CleanOptions::heh_hamza_academy`].
    HehHamzaAcademy,
}

/// Letter mappings: (from, to, the option that enables the row).
pub const MAPPINGS: &[(char, &str, Rule)] = &[
    ('\u{064A}', "\u{06CC}", Rule::PersianLetters), // ي Arabic yeh
    ('\u{0649}', "\u{06CC}", Rule::PersianLetters), // ى alef maksura
    ('\u{0643}', "\u{06A9}", Rule::PersianLetters), // ك Arabic kaf
    ('\u{06AA}', "\u{06A9}", Rule::PersianLetters), // ڪ swash kaf
    ('\u{06D5}', "\u{0647}", Rule::PersianLetters), // ە ae
    ('\u{06BE}', "\u{0647}", Rule::PersianLetters), // ھ heh doachashmee
    ('\u{06C1}', "\u{0647}", Rule::PersianLetters), // ہ heh goal
    ('\u{0629}', "\u{0647}", Rule::TehMarbuta),     // ة teh marbuta
    ('\u{0623}', "\u{0627}", Rule::SimplifyHamza),  // أ
    ('\u{0625}', "\u{0627}", Rule::SimplifyHamza),  // إ
    ('\u{0624}', "\u{0648}", Rule::SimplifyHamza),  // ؤ
    ('\u{06C0}', "\u{0647}\u{0654}", Rule::HehHamzaAcademy), // ۀ → هٔ
];

const TATWEEL: char = '\u{0640}';
const HAMZA_ABOVE: char = '\u{0654}';

/// Stops at every letter of [`MAPPINGS`], tatweel and the Arabic combining marks.
pub(super) static SCANNER: Scanner = Scanner::new(
    &[],
    &[],
    &[
        (0x610, 0x61A),
        (0x623, 0x625),
        (0x629, 0x629),
        (0x640, 0x640),
        (0x643, 0x643),
        (0x649, 0x64A),
        (0x64B, 0x65F),
        (0x670, 0x670),
        (0x6AA, 0x6AA),
        (0x6BE, 0x6BE),
        (0x6C0, 0x6C1),
        (0x6D5, 0x6D5),
        (0x6D6, 0x6DC),
        (0x6DF, 0x6E4),
        (0x6E7, 0x6E8),
        (0x6EA, 0x6ED),
    ],
)
.profiled(2);

/// An Arabic diacritic or Quranic mark (what [`CleanOptions::remove_diacritics`] removes).
#[inline]
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}') || script::is_arabic_mark(c)
}

fn enabled(rule: Rule, opts: &CleanOptions) -> bool {
    match rule {
        Rule::PersianLetters => opts.persian_letters,
        Rule::TehMarbuta => opts.teh_marbuta_to_heh,
        Rule::SimplifyHamza => opts.simplify_hamza,
        Rule::HehHamzaAcademy => opts.heh_hamza_academy,
    }
}

/// Writes the output of `c` (after `prev`, the last character written) and returns the
/// edit kind when it changed. `drop_tatweel` says whether the tatweel run at hand goes.
fn map(
    c: char,
    prev: Option<char>,
    out: &mut String,
    opts: &CleanOptions,
    drop_tatweel: bool,
) -> Option<EditKind> {
    if c == TATWEEL {
        if drop_tatweel {
            return Some(EditKind::Tatweel);
        }
        out.push(c);
        return None;
    }
    if is_diacritic(c) && opts.remove_diacritics {
        let keep = c == HAMZA_ABOVE
            && (opts.keep_heh_hamza && prev == Some('\u{0647}')
                || opts.persian_letters && prev == Some('\u{06CC}'));
        if !keep {
            return Some(EditKind::Diacritic);
        }
        out.push(c);
        return None;
    }
    if let Some(&(_, to, rule)) = MAPPINGS.iter().find(|(from, _, _)| *from == c) {
        if enabled(rule, opts) {
            if rule == Rule::HehHamzaAcademy && opts.remove_diacritics && !opts.keep_heh_hamza {
                // The hamza would be removed as a diacritic on the next run.
                out.push('\u{0647}');
            } else {
                out.push_str(to);
            }
            let kind = if rule == Rule::PersianLetters {
                EditKind::Letter
            } else {
                EditKind::Hamza
            };
            return Some(kind);
        }
    }
    out.push(c);
    None
}

/// Persian yeh with a hamza above is the letter ئ.
fn compose_yeh_hamza(s: &mut String, opts: &CleanOptions) -> Option<EditKind> {
    if opts.persian_letters && s.contains("\u{06CC}\u{0654}") {
        *s = s.replace("\u{06CC}\u{0654}", "\u{0626}");
        return Some(EditKind::Letter);
    }
    None
}

/// True when a tatweel run `[start, end)` stretches a letter (an Arabic letter or mark
/// touches it) rather than standing alone as a dash.
fn stretches_a_letter(input: &str, start: usize, end: usize) -> bool {
    let word = |c: char| script::is_arabic_letter(c) || script::is_arabic_mark(c);
    char_before(input, start).is_some_and(|(_, c)| word(c)) || char_at(input, end).is_some_and(word)
}

/// True for a hamza above at `i` that this step keeps as it is: on an unedited ه, kept by
/// the options, with no mark or tatweel after it.
fn ezafe_hamza_stays(input: &str, i: usize, consumed: usize, opts: &CleanOptions) -> bool {
    let on_heh = matches!(char_before(input, i), Some((p, '\u{0647}')) if p >= consumed);
    let kept = !opts.remove_diacritics || opts.keep_heh_hamza;
    let alone = !char_at(input, i + HAMZA_ABOVE.len_utf8())
        .is_some_and(|d| d == TATWEEL || is_diacritic(d) || super::cluster::combines_backward(d));
    on_heh && kept && alone
}

/// Records this step's changes to `rw`'s input.
pub fn apply(rw: &mut Rewriter<'_>, opts: &CleanOptions, _ctx: &Context) {
    if !(opts.persian_letters
        || opts.teh_marbuta_to_heh
        || opts.simplify_hamza
        || opts.heh_hamza_academy
        || opts.remove_tatweel
        || opts.remove_diacritics)
    {
        return;
    }
    let input = rw.input();
    let mut cr = ClusterRewriter::default();
    let mut i = 0;
    loop {
        i = rw.find(&SCANNER, i);
        let Some(c) = char_at(input, i) else { break };
        if i < cr.consumed {
            i += c.len_utf8();
            continue;
        }
        if c == HAMZA_ABOVE && ezafe_hamza_stays(input, i, cr.consumed, opts) {
            // هٔ, the ezafe: the common case, nothing to do.
            i += c.len_utf8();
            continue;
        }
        if c == TATWEEL {
            let run = input.get(i..).unwrap_or("");
            let run_end =
                i + run.chars().take_while(|&d| d == TATWEEL).count() * TATWEEL.len_utf8();
            if !(opts.remove_tatweel && stretches_a_letter(input, i, run_end)) {
                i = run_end;
                continue;
            }
        }
        // A tatweel next to what this cluster rewrites stretches a letter or mark: it goes
        // in the same rewrite, so a mark after it meets the base it will end up on.
        let range = cr.bounds(input, i, |d| d == TATWEEL && opts.remove_tatweel);
        let end = range.end.max(i + c.len_utf8());
        cr.rewrite(
            rw,
            range,
            |d, _, prev, out| map(d, prev, out, opts, opts.remove_tatweel),
            |s| compose_yeh_hamza(s, opts),
        );
        i = end;
    }
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

    fn standard(input: &str) -> (String, Vec<StepEdit>) {
        run_with(input, &CleanOptions::preset(Preset::Standard))
    }

    #[test]
    fn arabic_letters_become_persian() {
        let (out, edits) = standard("كتابي على ھمه");
        assert_eq!(out, "کتابی علی همه");
        assert_eq!(edits.len(), 4);
        assert!(edits.iter().all(|e| e.kind == EditKind::Letter));
        assert_eq!(edits[0].input, 0..2);
        assert_eq!(edits[0].output, 0..2);
    }

    #[test]
    fn hamza_and_teh_marbuta_by_option() {
        let s = "مسألة مؤمن إسلام";
        assert_eq!(standard(s).0, s);
        let mut opts = CleanOptions::preset(Preset::Standard);
        opts.simplify_hamza = true;
        opts.teh_marbuta_to_heh = true;
        let (out, edits) = run_with(s, &opts);
        assert_eq!(out, "مساله مومن اسلام");
        assert!(edits.iter().all(|e| e.kind == EditKind::Hamza));
    }

    #[test]
    fn academy_writes_heh_with_hamza_above() {
        let opts = CleanOptions::preset(Preset::Academy);
        let (out, edits) = run_with("خانۀ ما", &opts);
        assert_eq!(out, "خانه\u{654} ما");
        assert_eq!(edits[0].kind, EditKind::Hamza);
        // and the standard preset leaves either spelling alone
        assert!(standard("خانۀ خانه\u{654}").1.is_empty());
    }

    #[test]
    fn tatweel_removed_when_it_stretches_a_letter() {
        let (out, edits) = standard("بـــه نامـ ۱۳۹۰ ـ ۱۴۰۰");
        assert_eq!(out, "به نام ۱۳۹۰ ـ ۱۴۰۰");
        assert_eq!(edits.len(), 4);
        assert!(edits.iter().all(|e| e.kind == EditKind::Tatweel));
    }

    #[test]
    fn diacritics_removed_but_the_ezafe_hamza_kept() {
        let (out, edits) = standard("کِتابٌ رشتهٔ الرحمٰن");
        assert_eq!(out, "کتاب رشته\u{654} الرحمن");
        assert_eq!(edits.len(), 3);
        assert!(edits.iter().all(|e| e.kind == EditKind::Diacritic));
        let mut opts = CleanOptions::preset(Preset::Standard);
        opts.keep_heh_hamza = false;
        assert_eq!(run_with("رشتهٔ", &opts).0, "رشته");
    }

    #[test]
    fn yeh_with_hamza_above_becomes_yeh_hamza() {
        assert_eq!(standard("مسی\u{654}له").0, "مسئله");
        assert_eq!(standard("مسى\u{654}له").0, "مسئله");
    }

    #[test]
    fn removing_a_tatweel_recomposes() {
        let mut opts = CleanOptions::preset(Preset::Conservative);
        opts.remove_tatweel = true;
        assert_eq!(run_with("با\u{640}\u{654}ب", &opts).0, "بأب");
    }

    #[test]
    fn correct_text_untouched() {
        let s = "ما به مدرسهٔ خود رفتیم و کتاب‌ها را دیدیم؛ ۱۲ مسئله و 3 سؤال.";
        assert!(standard(s).1.is_empty());
    }
}

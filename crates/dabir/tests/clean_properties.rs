//! Properties of the cleaning stage over generated text: idempotence, offsets and the
//! offset map, and that no letter disappears without an edit that says why.
//!
//! The generator strings together pieces that exercise every step (Arabic letter
//! forms, marks, tatweel, ZWNJ/ZWJ, every kind of space, punctuation, digits of three
//! scripts, Latin words, URLs, quotes, presentation forms, controls, furniture lines)
//! and arbitrary characters.

use dabir::clean::{CleanOptions, Cleaned, Cleaner, Context, EditKind, Preset};
use proptest::prelude::*;
use unicode_normalization::char::canonical_combining_class;

const PIECES: &[&str] = &[
    "ی",
    "ي",
    "ى",
    "ك",
    "ک",
    "ه",
    "ە",
    "ھ",
    "ۀ",
    "ة",
    "أ",
    "إ",
    "ؤ",
    "ئ",
    "ا",
    "ب",
    "ر",
    "د",
    "م",
    "ن",
    "س",
    "ت",
    "می",
    "ها",
    "\u{654}",
    "\u{653}",
    "\u{655}",
    "\u{64E}",
    "\u{651}",
    "\u{670}",
    "ـ",
    "\u{200C}",
    "\u{200C}\u{200C}",
    "\u{200D}",
    "\u{200B}",
    "\u{AD}",
    " ",
    "  ",
    "\u{A0}",
    "\u{2009}",
    "\t",
    "\n",
    "\r\n",
    "\r",
    ".",
    "..",
    "...",
    "،",
    ",",
    ";",
    "؛",
    "?",
    "؟",
    "!",
    "!!",
    ":",
    "(",
    ")",
    "«",
    "»",
    "\"",
    "'",
    "/",
    "-",
    "%",
    "1",
    "2",
    "3",
    "0",
    "۱",
    "۲",
    "۰",
    "٣",
    "٫",
    "٬",
    "a",
    "B",
    "z",
    "3D",
    "G7",
    "x.com",
    "http://a.ir/b?c=1",
    "@",
    "_",
    "ﻻ",
    "ﺁ",
    "ﺑ",
    "ﷲ",
    "\u{FE70}",
    "\u{FEFF}",
    "\u{200F}",
    "\u{202B}",
    "\u{202C}",
    "\u{61C}",
    "Read More",
    "Share this article",
    "Advertisement",
    "é",
    "e\u{301}",
    "\u{0}",
    "\u{7}",
    "\u{85}",
    "\u{2028}",
    "ㄱ",
    "\u{1100}\u{1161}",
    "😀",
    "\u{301}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn presets() -> Vec<Cleaner> {
    let mut out = Vec::new();
    for p in [Preset::Conservative, Preset::Standard, Preset::Academy] {
        let mut o = CleanOptions::preset(p);
        o.restore_zwnj = false;
        out.push(Cleaner::new(o));
    }
    // every optional step on, other targets
    let mut all = CleanOptions::preset(Preset::Standard);
    all.restore_zwnj = false;
    all.ellipsis = true;
    all.collapse_repeated_punctuation = true;
    all.script_spacing = true;
    all.simplify_hamza = true;
    all.teh_marbuta_to_heh = true;
    all.digits = dabir::clean::DigitTarget::Latin;
    out.push(Cleaner::new(all.clone()));
    all.digits = dabir::clean::DigitTarget::Keep;
    all.keep_heh_hamza = false;
    all.heh_hamza_academy = true;
    all.remove_bidi = false;
    out.push(Cleaner::new(all));
    out
}

/// Kinds of edit that may change or remove a letter (`mark`: a combining mark).
fn may_change_letters(kind: EditKind, mark: bool) -> bool {
    mark && matches!(kind, EditKind::Diacritic | EditKind::Tatweel)
        || matches!(
            kind,
            EditKind::Residue
                | EditKind::Nfc
                | EditKind::PresentationForm
                | EditKind::Letter
                | EditKind::Hamza
                | EditKind::Control
        )
}

fn check_offsets(input: &str, out: &Cleaned) -> Result<(), TestCaseError> {
    let text = &out.text;
    prop_assert_eq!(out.map.input_len(), input.len());
    prop_assert_eq!(out.map.output_len(), text.len());
    // edits come in input order; where their input spans are disjoint, their output
    // spans come in the same order (per-step maps merge adjacent changes, so an edit of a
    // later step may report a wider input span that overlaps an earlier edit's)
    for e in &out.edits {
        prop_assert!(
            e.input.start <= e.input.end && e.input.end <= input.len(),
            "{:?}",
            e
        );
        prop_assert!(
            e.output.start <= e.output.end && e.output.end <= text.len(),
            "{:?}",
            e
        );
    }
    for (k, a) in out.edits.iter().enumerate() {
        for b in &out.edits[k + 1..] {
            prop_assert!(
                a.input.start <= b.input.start,
                "not in input order: {:?}",
                out.edits
            );
            if a.input.end <= b.input.start && !b.input.is_empty() && !a.input.is_empty() {
                prop_assert!(
                    a.output.start <= b.output.start,
                    "output order: {:?}",
                    out.edits
                );
            }
        }
    }
    // the map is monotone and in range
    let mut prev = 0;
    for x in 0..=input.len() {
        let y = out.map.to_output(x);
        prop_assert!(y <= text.len() && y >= prev);
        prev = y;
    }
    let mut prev = 0;
    for y in 0..=text.len() {
        let x = out.map.to_input(y);
        prop_assert!(x <= input.len() && x >= prev);
        prev = x;
    }
    // between changed regions input and output are byte-identical, and offsets there
    // round-trip
    let (mut xi, mut yo) = (0, 0);
    let regions = out.map.regions();
    for k in 0..=regions.len() {
        let (xe, ye) = regions.get(k).map_or((input.len(), text.len()), |r| {
            (r.input.start, r.output.start)
        });
        prop_assert_eq!(xe - xi, ye - yo);
        prop_assert_eq!(&input.as_bytes()[xi..xe], &text.as_bytes()[yo..ye]);
        for x in xi..xe {
            prop_assert_eq!(out.map.to_input(out.map.to_output(x)), x);
        }
        if let Some(r) = regions.get(k) {
            xi = r.input.end;
            yo = r.output.end;
            // the span of an edit maps back into the input it came from
            let back = out.map.span_to_input(r.output.clone());
            prop_assert!(back.start >= r.input.start && back.end <= r.input.end.max(back.start));
        }
    }
    Ok(())
}

fn check_letters(input: &str, out: &Cleaned) -> Result<(), TestCaseError> {
    for (x, c) in input.char_indices() {
        if !c.is_alphabetic() {
            continue;
        }
        let mark =
            canonical_combining_class(c) != 0 || dabir::script::is_arabic_mark(c) || c == '\u{640}';
        let explained = out
            .edits
            .iter()
            .any(|e| e.input.start <= x && x < e.input.end && may_change_letters(e.kind, mark));
        if explained {
            continue;
        }
        let y = out.map.to_output(x);
        let got = out.text.get(y..).and_then(|s| s.chars().next());
        prop_assert_eq!(
            got,
            Some(c),
            "letter {:?} at {} lost without a letter edit: {:?}",
            c,
            x,
            out.edits
        );
    }
    Ok(())
}

proptest! {
    // PROPTEST_CASES overrides the default count for longer local runs.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(600)
    ))]

    #[test]
    fn idempotent(s in text()) {
        for c in presets() {
            let once = c.clean(&s);
            let twice = c.clean(&once.text);
            prop_assert_eq!(&twice.text, &once.text, "options {:?}\nedits of the second run {:?}", c.options(), twice.edits);
        }
    }

    #[test]
    fn offsets_and_map(s in text()) {
        for c in presets() {
            let out = c.clean(&s);
            check_offsets(&s, &out)?;
        }
    }

    #[test]
    fn letters_are_kept_or_explained(s in text()) {
        for c in presets() {
            let out = c.clean(&s);
            check_letters(&s, &out)?;
        }
    }

    #[test]
    fn line_by_line_matches_line_structure(s in text()) {
        // cleaning with a fixed context never adds or removes a line break, except that
        // residue lines go whole
        let c = &presets()[1];
        let ctx = Context { persian_document: true };
        let out = c.clean_with(&s, &ctx);
        let residue: usize = out.edits.iter().filter(|e| e.kind == EditKind::Residue)
            .map(|e| s[e.input.clone()].matches('\n').count()).sum();
        prop_assert_eq!(out.text.matches('\n').count() + residue,
            s.matches('\n').count() - s.matches("\r\n").count() + s.matches("\r\n").count());
    }
}

#[test]
fn long_pathological_lines_finish() {
    let c = Cleaner::standard();
    for unit in [
        "،",
        ",",
        "\u{654}",
        "ـ",
        "\u{200C}",
        " ",
        "1,",
        "\"",
        "a1",
        "...",
        "ی\u{654}",
    ] {
        let s = unit.repeat(200_000);
        let out = c.clean(&s);
        let again = c.clean(&out.text);
        assert_eq!(again.text, out.text, "{unit:?}");
    }
}

#[test]
fn correct_persian_text_is_left_alone() {
    let s = "به گزارش خبرنگار مهر، رئیس‌جمهور در سال ۱۳۸۵ گفت: «ما ۲٫۵ درصد رشد داشتیم» (ص).\n\
             کتاب‌های او، مانند Outlook Express، در ۳۰۰٬۰۰۰ نسخه چاپ شد؛ آیا خوانده‌اید؟";
    let out = Cleaner::standard().clean(s);
    assert_eq!(out.text, s);
    assert!(out.edits.is_empty(), "{:?}", out.edits);
}

#[test]
fn spans_map_back_to_what_produced_them() {
    let mut opts = CleanOptions::preset(Preset::Standard);
    opts.restore_zwnj = false;
    let c = Cleaner::new(opts);
    let input = "كتاب\u{A0} ، سال 1385 \"خوب\"";
    let out = c.clean(input);
    assert_eq!(out.text, "کتاب، سال ۱۳۸۵ «خوب»");
    let find = |s: &str| {
        let at = out.text.find(s).unwrap();
        at..at + s.len()
    };
    // a mapped letter maps back to the Arabic letter it came from
    assert_eq!(out.map.span_to_input(find("ک")), 0..2);
    // the number maps back to the ASCII digits
    assert_eq!(&input[out.map.span_to_input(find("۱۳۸۵"))], "1385");
    // the comma maps back to itself, the spaces before it went with edits of their own
    assert_eq!(&input[out.map.span_to_input(find("،"))], "،");
    assert_eq!(&input[out.map.span_to_input(find("«"))], "\"");
    let kinds: Vec<EditKind> = out.edits.iter().map(|e| e.kind).collect();
    for k in [
        EditKind::Letter,
        EditKind::SpaceKind,
        EditKind::Spacing,
        EditKind::Digit,
        EditKind::Quote,
    ] {
        assert!(kinds.contains(&k), "{k:?} missing from {kinds:?}");
    }
    // every edit's input span holds what it says it changed
    for e in &out.edits {
        let old = &input[e.input.clone()];
        let new = &out.text[e.output.clone()];
        assert_ne!(old, new, "{e:?}");
    }
}

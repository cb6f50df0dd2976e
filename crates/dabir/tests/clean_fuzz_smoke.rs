//! A `cargo test` stand-in for the cargo-fuzz target `fuzz/fuzz_targets/clean.rs`: the
//! same invariants, on random text biased towards what breaks Persian cleaners (Arabic
//! and Persian letters, ZWNJ/ZWJ, bidi marks, every space kind, digits of three
//! scripts, punctuation, presentation forms, diacritics, Latin, newlines), with each
//! preset. The fuzz target runs longer and on raw bytes; this keeps the invariants
//! checked on every `cargo test`.

mod support {
    pub mod clean_invariants;
}

use dabir::clean::{CleanOptions, Cleaner, Preset};
use proptest::prelude::*;
use support::clean_invariants::check;

fn persian_ish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "می",
        "شود",
        "ها",
        "های",
        "ای",
        "اند",
        "تر",
        "ترین",
        "ه",
        "ی",
        "ي",
        "ى",
        "ك",
        "ک",
        "ة",
        "ۀ",
        "هٔ",
        "أ",
        "إ",
        "ؤ",
        "ئ",
        "ـ",
        "َ",
        "ِ",
        "ّ",
        "ٰ",
        "\u{200C}",
        "\u{200C}\u{200C}",
        "\u{200D}",
        "\u{200E}",
        "\u{200F}",
        "\u{202B}",
        "\u{FEFF}",
        " ",
        "  ",
        "\u{A0}",
        "\u{2009}",
        "\t",
        "\n",
        "\r\n",
        "۱۴۰۳",
        "١٤٠٣",
        "1403",
        "3.5",
        "۳٫۵",
        "1,000",
        "،",
        ",",
        "؛",
        ";",
        "؟",
        "?",
        "!",
        "!!!",
        ".",
        "...",
        "«",
        "»",
        "\"",
        "(",
        ")",
        "ﻻ",
        "ﺏ",
        "ﷲ",
        "Read More",
        "BBC",
        "G7",
        "https://example.org/a?b=1",
        "a@b.io",
        "x",
        "\u{0}",
        "\u{7}",
        "😀",
        "\u{FFFD}",
    ]);
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn cleaning_keeps_its_invariants(text in persian_ish()) {
        for preset in [Preset::Conservative, Preset::Standard, Preset::Academy] {
            let out = Cleaner::new(CleanOptions::preset(preset)).clean(&text);
            check(&text, &out);
        }
    }

    #[test]
    fn cleaning_arbitrary_unicode_keeps_its_invariants(text in "\\PC{0,60}") {
        let out = Cleaner::standard().clean(&text);
        check(&text, &out);
    }
}

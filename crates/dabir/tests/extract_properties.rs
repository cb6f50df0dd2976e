//! Property tests of the extraction stage: on any text — random Unicode, and text
//! built from the pieces its parsers look for (digits of three scripts and their
//! separators, number words, month and weekday names, qualifiers, speech verbs,
//! guillemets, ZWNJ, newlines) — nothing panics, every span lies on character
//! boundaries of the text and every value is finite. A cargo-test stand-in for the
//! fuzz targets `fuzz/fuzz_targets/extract_numbers.rs` and `extract_dates.rs`.

use dabir::extract::calendar::IsoDate;
use dabir::extract::numbers::{parse_digits, NumberParser};
use dabir::extract::Extractor;
use proptest::prelude::*;

fn newsy() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "۱",
        "۴",
        "۰",
        "۹",
        "1",
        "2",
        "0",
        "٣",
        "٫",
        "٬",
        ".",
        ",",
        "/",
        ":",
        "-",
        "۱۴۰۳",
        "۲۰۲۴",
        "۱۴۴۶",
        "۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹",
        "یک",
        "دو",
        "نه",
        "صد",
        "هزار",
        "میلیون",
        "میلیارد",
        "و",
        "نیم",
        "یازدهم",
        "مین",
        "نخستین",
        "تیر",
        "اسفند",
        "ژوئیه",
        "مه",
        "محرم",
        "ماه",
        "سال",
        "دهه",
        "اواخر",
        "حدود",
        "از",
        "تا",
        "کنون",
        "دیروز",
        "هفته",
        "گذشته",
        "پیش",
        "روز",
        "جمعه",
        "پنجشنبه",
        "ساعت",
        "صبح",
        "شب",
        "درصد",
        "٪",
        "دلار",
        "تومان",
        "بیش از",
        "دست",
        "کم",
        "کشته",
        "زخمی",
        "نفر",
        "گفت",
        "که",
        "افزود",
        "به گفته",
        "به نقل از",
        "وی",
        "او",
        "«",
        "»",
        "(",
        ")",
        "،",
        ":",
        "\u{200c}",
        " ",
        " ",
        "\n",
        "حمله",
        "انفجار",
        "در",
        "توسط",
        "مسئولیت",
        "x",
        "🙂",
        "\u{0}",
    ]);
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str, reference: Option<IsoDate>) {
    let x = Extractor::new().extract(text, reference);
    for d in &x.dates {
        assert!(text.get(d.span.range()).is_some(), "{d:?}");
        if let (Some(a), Some(b)) = (d.start, d.end) {
            assert!(a <= b, "{d:?}");
        }
    }
    for q in &x.quantities {
        assert!(text.get(q.span.range()).is_some());
        assert!(q.value.is_finite());
    }
    for q in &x.quotes {
        assert!(text.get(q.span.range()).is_some());
        assert!(text.get(q.content.span.range()).is_some());
        if let Some(w) = q.speaker.as_ref().and_then(|s| s.written.as_ref()) {
            assert!(text.get(w.span.range()).is_some());
        }
    }
    for e in &x.events {
        assert!(text.get(e.span.range()).is_some());
        assert!(e.date.map_or(true, |i| i < x.dates.len()));
    }
    let _ = serde_json::to_string(&x).map_err(|e| panic!("{e}"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn newsy_text_never_breaks_extraction(text in newsy(), r in prop::option::of((1000i32..2200, 1u8..13, 1u8..29))) {
        let reference = r.and_then(|(y, m, d)| IsoDate::new(y, m, d));
        check(&text, reference);
        for n in NumberParser::new().find_all(&text) {
            prop_assert!(n.value.is_finite());
        }
        let _ = parse_digits(&text);
    }

    #[test]
    fn any_text_never_breaks_extraction(text in "\\PC{0,80}") {
        check(&text, IsoDate::new(2024, 7, 4));
    }
}

#[test]
fn edge_inputs() {
    for t in [
        "",
        " ",
        "«",
        "»«",
        "«««",
        "۱۴۰۳/۱۳/۴۰",
        "سال ۰۰۰۰",
        "دهه ۰",
        "۳۰ اسفند ۱۴۰۴",
        "ساعت ۹۹:۹۹",
        "از",
        "تا کنون",
    ] {
        check(t, None);
        check(t, IsoDate::new(1, 1, 1));
    }
    check(&"۱".repeat(10_000), None);
    check(&"یک و ".repeat(2_000), None);
    check(&"«".repeat(5_000), None);
}

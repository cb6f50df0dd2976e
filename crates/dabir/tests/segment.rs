//! Segmentation: the known traps of rule-based tokenizers, the invariants on any input
//! (proptest), and the accuracy on PerDT dev when the shared data is present.

use dabir::eval::ud::{evaluate, Treebank};
use dabir::segment::{LineMode, Segmented, Segmenter};
use proptest::prelude::*;
use std::fmt::Write as _;

fn sentences(text: &str) -> Vec<Vec<String>> {
    let seg = Segmenter::new().segment(text);
    seg.sentences
        .iter()
        .map(|s| {
            seg.tokens[s.tokens.clone()]
                .iter()
                .map(|t| text[t.span.range()].to_string())
                .collect()
        })
        .collect()
}

fn tokens(text: &str) -> Vec<String> {
    sentences(text).concat()
}

#[test]
fn initials_stay_whole_and_do_not_end_the_sentence() {
    let s = sentences("ع. م. دهخدا این را نوشت.");
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0][..2], ["ع.", "م."]);
}

#[test]
fn decimals_and_times_stay_whole() {
    assert!(tokens("ساعت ۱۰.۳۰ آغاز شد.").contains(&"۱۰.۳۰".to_string()));
    assert!(tokens("نرخ ۳٫۵ درصد شد.").contains(&"۳٫۵".to_string()));
    let t = tokens("ساعت 10:30 و 3.5 درصد و ۱۴۰۳/۰۴/۱۴ و ۱۲۰٬۰۰۰ و ۵٪");
    for w in ["10:30", "3.5", "۱۴۰۳/۰۴/۱۴", "۱۲۰٬۰۰۰", "۵٪"] {
        assert!(t.contains(&w.to_string()), "{w} in {t:?}");
    }
    assert_eq!(sentences("عدد ۳.۵ و ۱۰.۳۰ است.").len(), 1);
    assert_eq!(
        sentences("در تاریخ 1403.04.14 و ۲۰ام آمد.").concat()[2..5],
        ["1403.04.14", "و", "۲۰ام"]
    );
}

#[test]
fn latin_words_acronyms_and_emoji_stay_whole() {
    let t = tokens("شرکت NASA و iPhone-15 را دید 👍🏽 و 😀!");
    for w in ["NASA", "iPhone-15", "👍🏽", "😀"] {
        assert!(t.contains(&w.to_string()), "{w} in {t:?}");
    }
}

#[test]
fn hijri_abbreviation_stays_whole() {
    let s = sentences("او در سال ۳۷۰ ه.ق. درگذشت. پسرش ماند.");
    assert!(s[0].contains(&"ه.ق.".to_string()), "{s:?}");
    assert_eq!(s.len(), 2, "{s:?}");
    let t = tokens("ق.م و ه.ش و ج.ا.ا و U.S.");
    for w in ["ق.م", "ه.ش", "ج.ا.ا", "U.S."] {
        assert!(t.contains(&w.to_string()), "{w} in {t:?}");
    }
}

#[test]
fn closing_quote_after_a_stop_stays_with_its_sentence() {
    let s = sentences("او گفت: «برو.» سپس رفت.");
    assert_eq!(s[0].last().map(String::as_str), Some("»"), "{s:?}");
    let s = sentences("او گفت: \"برو.\" سپس رفت.");
    assert_eq!(s[0].last().map(String::as_str), Some("\""), "{s:?}");
}

#[test]
fn question_and_exclamation_and_line_breaks() {
    assert_eq!(sentences("کجا رفتی؟ من ماندم! تمام").len(), 3);
    assert_eq!(sentences("تیتر خبر\nمتن خبر است.").len(), 2);
}

#[test]
fn web_tokens_stay_whole() {
    let t = tokens("به https://example.com/a?b=1 و info@example.com و #ایران و @user سر بزنید.");
    for w in [
        "https://example.com/a?b=1",
        "info@example.com",
        "#ایران",
        "@user",
    ] {
        assert!(t.contains(&w.to_string()), "{w} in {t:?}");
    }
}

#[test]
fn clitics_become_multiword_tokens() {
    let text = "جهان عزادار ماتمش شد.";
    let seg = Segmenter::new().segment(text);
    let t = seg
        .tokens
        .iter()
        .find(|t| &text[t.span.range()] == "ماتمش")
        .unwrap();
    let words: Vec<&str> = seg
        .words_of(t)
        .iter()
        .map(|w| &text[w.span.range()])
        .collect();
    assert_eq!(words, ["ماتم", "ش"]);
}

/// Checks the invariants: tokens in order, separated only by whitespace, covering every
/// non-whitespace character; each token's words partition it; sentences partition the
/// tokens.
fn check_invariants(text: &str, seg: &Segmented) {
    let mut pos = 0;
    for t in &seg.tokens {
        assert!(t.span.start >= pos && t.span.end > t.span.start, "{text:?}");
        assert!(
            text[pos..t.span.start].chars().all(char::is_whitespace),
            "{text:?}"
        );
        let words = seg.words_of(t);
        assert!(!words.is_empty());
        let mut wp = t.span.start;
        for w in words {
            assert_eq!(w.span.start, wp);
            wp = w.span.end;
        }
        assert_eq!(wp, t.span.end);
        pos = t.span.end;
    }
    assert!(text[pos..].chars().all(char::is_whitespace), "{text:?}");
    let mut next = 0;
    for s in &seg.sentences {
        assert_eq!(s.tokens.start, next);
        assert!(s.tokens.end > s.tokens.start);
        next = s.tokens.end;
    }
    assert_eq!(next, seg.tokens.len());
}

fn persianish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ک",
        "ت",
        "ا",
        "ب",
        "م",
        "ش",
        "ن",
        "د",
        "ی",
        "ه",
        "و",
        "\u{200C}",
        " ",
        "  ",
        "\n",
        "\t",
        ".",
        "!",
        "؟",
        "?",
        "…",
        "«",
        "»",
        "\"",
        "(",
        ")",
        "،",
        "٫",
        "/",
        ":",
        "۱",
        "۲",
        "3",
        "4",
        "%",
        "٪",
        "a",
        "B",
        "@",
        "#",
        "-",
        "'",
        "http://",
        "www.",
        "😀",
        "\u{200D}",
        "\u{FE0F}",
        "ع.",
        "ه.ق.",
        "را",
        "ماتمش",
        "\r\n",
        "\u{0301}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn spans_reproduce_the_input(text in persianish()) {
        for mode in [LineMode::Paragraph, LineMode::OneSentencePerLine] {
            let seg = Segmenter::new().line_mode(mode).segment(&text);
            check_invariants(&text, &seg);
        }
    }

    #[test]
    fn any_string_never_panics(text in any::<String>()) {
        let seg = Segmenter::new().segment(&text);
        check_invariants(&text, &seg);
    }

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let seg = Segmenter::new().segment(&text);
        check_invariants(&text, &seg);
    }
}

/// The cleaned path: spans index the input, in order, never overlapping; words
/// partition tokens; sentences partition tokens.
fn check_cleaned(text: &str, seg: &Segmented) {
    let mut pos = 0;
    for t in &seg.tokens {
        assert!(
            t.span.start >= pos && t.span.end > t.span.start && t.span.end <= text.len(),
            "{text:?}"
        );
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        let mut wp = t.span.start;
        for w in seg.words_of(t) {
            assert_eq!(w.span.start, wp);
            assert!(w.span.end > w.span.start && text.is_char_boundary(w.span.end));
            wp = w.span.end;
        }
        assert_eq!(wp, t.span.end);
        pos = t.span.end;
    }
    let mut next = 0;
    for s in &seg.sentences {
        assert_eq!(s.tokens.start, next);
        next = s.tokens.end;
    }
    assert_eq!(next, seg.tokens.len());
}

proptest! {
    #[test]
    fn cleaned_spans_index_the_input(text in persianish()) {
        let cleaned = dabir::clean::Cleaner::standard().clean(&text);
        let seg = Segmenter::new().segment_cleaned(&text, &cleaned);
        check_cleaned(&text, &seg);
    }
}

#[test]
fn empty_and_whitespace_only_input() {
    for t in ["", " ", "\n\n", "\u{200C}", "\u{FEFF}"] {
        let seg = Segmenter::new().segment(t);
        check_invariants(t, &seg);
    }
}

fn data_dir() -> Option<std::path::PathBuf> {
    let d = std::env::var("DABIR_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data").into());
    d.join("ud-perdt/fa_perdt-ud-dev.conllu")
        .exists()
        .then_some(d)
}

/// PerDT dev, one sentence per line: the raw `# text` lines tokenized and scored.
/// (The clitic tables were learned from dev, so this guards against regressions; the
/// honest figures are in BENCHMARKS.md.)
#[test]
fn perdt_dev_scores() {
    let Some(dir) = data_dir() else {
        eprintln!("skipped: ../shared/data (or DABIR_DATA) not found");
        return;
    };
    let gold_path = dir.join("ud-perdt/fa_perdt-ud-dev.conllu");
    let gold_text = std::fs::read_to_string(&gold_path).unwrap();
    let raw: Vec<&str> = gold_text
        .lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .collect();
    let input = raw.join("\n");
    let seg = Segmenter::new()
        .line_mode(LineMode::OneSentencePerLine)
        .segment(&input);
    let mut sys = String::new();
    for s in &seg.sentences {
        let mut id = 0;
        for t in &seg.tokens[s.tokens.clone()] {
            let words = seg.words_of(t);
            if words.len() > 1 {
                let _ = writeln!(
                    sys,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t_",
                    id + 1,
                    id + words.len(),
                    &input[t.span.range()]
                );
            }
            for w in words {
                id += 1;
                let (h, r) = if id == 1 { (0, "root") } else { (1, "dep") };
                let _ = writeln!(
                    sys,
                    "{id}\t{}\t_\t_\t_\t_\t{h}\t{r}\t_\t_",
                    &input[w.span.range()]
                );
            }
        }
        sys.push('\n');
    }
    let g = Treebank::parse(&gold_text, "dev").unwrap();
    let s = Treebank::parse(&sys, "system").unwrap();
    let sc = evaluate(&g, &s).unwrap();
    assert!(sc.tokens.f1() >= 0.999, "Tokens {}", sc.tokens.f1());
    assert!(sc.words.f1() >= 0.995, "Words {}", sc.words.f1());
    assert_eq!(sc.sentences.f1(), 1.0);
}

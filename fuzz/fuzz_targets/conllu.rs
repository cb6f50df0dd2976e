//! Fuzz target: the CoNLL-U readers (`formats::conllu`, used by `dabir tag` and
//! training, and the CoNLL 2018 scorer's `eval::ud::Treebank`) never panic on any text;
//! what the first reads, it writes back so that reading it again gives the same
//! sentences; and a treebank scored against itself scores 100 on every metric.
#![no_main]

use dabir::eval::ud::{evaluate, Treebank};
use dabir::formats::conllu;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(sentences) = conllu::parse(text, "fuzz") {
        let again = conllu::parse(&conllu::write(&sentences), "fuzz-again")
            .expect("what we write, we read");
        assert_eq!(again, sentences);
    }
    if let Ok(tb) = Treebank::parse(text, "fuzz") {
        if tb.word_count() > 0 {
            let s = evaluate(&tb, &tb).expect("a treebank aligns with itself");
            for (metric, score) in &s.all {
                if score.gold > 0 {
                    assert_eq!(score.f1(), 1.0, "{metric}");
                }
            }
        }
    }
});

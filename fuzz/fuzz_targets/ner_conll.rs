//! Fuzz target: the CoNLL/BIO readers and the scorer never panic on any bytes, both
//! readers see the same sentences, and tagging what they read with the embedded
//! no-Arman model gives one tag per token.
#![no_main]

use dabir::entities::conll::{read_tagged, read_tokens};
use dabir::entities::{Embedded, Recognizer};
use dabir::eval::ner::{score, ScoreOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let tagged = read_tagged(data);
    let tokens = read_tokens(data);
    assert_eq!(tagged.len(), tokens.len());
    for (a, b) in tagged.iter().zip(&tokens) {
        assert_eq!(a.len(), b.len());
    }
    let s = score(&tagged, &tagged, &ScoreOptions::default()).expect("aligned");
    assert_eq!(s.micro.fp + s.micro.fn_, 0);
    if let Ok(r) = Recognizer::embedded(Embedded::NoArman) {
        for sent in tokens.iter().take(4) {
            let toks: Vec<&str> = sent.iter().map(String::as_str).collect();
            assert_eq!(r.tags(&toks).len(), toks.len());
        }
    }
});

//! Fuzz target: the number parser (digits of three scripts, number words, scales,
//! ordinals) never panics, and every number it finds is a span of the text on
//! character boundaries with a finite value.
#![no_main]

use dabir::extract::numbers::{parse_digits, NumberParser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_digits(&text);
    let mut last = 0;
    for n in NumberParser::new().find_all(&text) {
        assert!(n.span.start >= last && n.span.end > n.span.start);
        assert!(text.get(n.span.range()).is_some());
        assert!(n.value.is_finite());
        last = n.span.end;
    }
});

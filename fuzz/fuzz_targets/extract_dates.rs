//! Fuzz target: date extraction and the whole extractor never panic, with and without
//! a reference date, and every span they report lies on character boundaries of the
//! text.
#![no_main]

use dabir::extract::calendar::IsoDate;
use dabir::extract::dates::DateParser;
use dabir::extract::Extractor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for reference in [None, IsoDate::new(2024, 7, 4), IsoDate::new(-8999, 1, 1)] {
        for d in DateParser::new().find_all(&text, reference) {
            assert!(text.get(d.span.range()).is_some());
        }
        let x = Extractor::new().extract(&text, reference);
        for q in &x.quotes {
            assert!(text.get(q.span.range()).is_some());
            assert!(text.get(q.content.span.range()).is_some());
        }
        for e in &x.events {
            assert!(text.get(e.span.range()).is_some());
        }
    }
});

//! Fuzz target: date extraction and the whole extractor never panic, with and without
//! a reference date, and every span they report lies on character boundaries of the
//! text.
#![no_main]

use dabir::extract::calendar::IsoDate;
use dabir::extract::dates::DateParser;
use dabir::extract::Extractor;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

// built once: loading the lexicons costs more than most inputs
static DATES: OnceLock<DateParser> = OnceLock::new();
static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let dates = DATES.get_or_init(DateParser::new);
    let extractor = EXTRACTOR.get_or_init(Extractor::new);
    for reference in [None, IsoDate::new(2024, 7, 4), IsoDate::new(-8999, 1, 1)] {
        for d in dates.find_all(&text, reference) {
            assert!(text.get(d.span.range()).is_some());
        }
        let x = extractor.extract(&text, reference);
        for q in &x.quotes {
            assert!(text.get(q.span.range()).is_some());
            assert!(text.get(q.content.span.range()).is_some());
        }
        for e in &x.events {
            assert!(text.get(e.span.range()).is_some());
        }
    }
});
